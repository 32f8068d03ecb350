//! La porte (premier compte, connexion, secours) et le verrouillage de la fenêtre, conduits
//! comme un utilisateur : un poste neuf, sans démonstration.

use binome::assets::{POLICE, POLICE_GRASSE};
use binome::services::espace::Espace;
use binome::ui::app::{self, App};
use binome::ui::ecrans::porte;
use binome::ui::racine::{Etat, Message, Racine};
use iced::{Font, Settings};
use iced_test::Simulator;

use crate::commun::j;

fn simulateur(r: &Racine) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings {
            fonts: vec![POLICE.into(), POLICE_GRASSE.into()],
            default_font: Font::with_name("DejaVu Sans"),
            ..Settings::default()
        },
        (1280.0, 900.0),
        r.view(),
    )
}

/// Traite les messages, et ceux des tâches de fond qu'ils lancent.
fn appliquer(r: &mut Racine, messages: Vec<Message>) {
    for m in messages {
        let t = r.update(m);
        executer(r, t);
    }
}

fn executer(r: &mut Racine, t: iced::Task<Message>) {
    let Some(mut flux) = iced_runtime::task::into_stream(t) else {
        return;
    };
    while let Some(a) = iced::futures::executor::block_on(iced::futures::StreamExt::next(&mut flux))
    {
        if let iced_runtime::Action::Output(m) = a {
            let suite = r.update(m);
            executer(r, suite);
        }
    }
}

fn voit(r: &Racine, texte: &str) -> bool {
    simulateur(r)
        .find(crate::commun::ecran::Texte(texte))
        .is_ok()
}

fn saisir(r: &mut Racine, m: fn(String) -> porte::Message, texte: &str) {
    appliquer(r, vec![Message::Porte(m(texte.into()))]);
}

fn racine(d: &std::path::Path) -> Racine {
    Racine::new(
        Espace {
            dossier: d.to_path_buf(),
        },
        j("23/11/2026"),
    )
    .0
}

fn app(r: &mut Racine) -> &mut App {
    match &mut r.etat {
        Etat::Ouverte(a) => a,
        Etat::Porte(_) => panic!("la session n'est pas ouverte"),
    }
}

#[test]
fn premier_jour_creer_le_compte_noter_le_code_puis_se_connecter() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let mut r = racine(d);
    assert!(voit(&r, "Bienvenue dans Binôme : créez le premier compte"));
    assert!(voit(&r, "Comptes de la démonstration"));
    saisir(&mut r, porte::Message::Identifiant, "a.martin");
    saisir(&mut r, porte::Message::MotDePasse, "court");
    assert!(voit(&r, "Faible : 1 type(s) de caractères sur 4 ; mêlez minuscules, majuscules, chiffres et caractères spéciaux."));
    saisir(&mut r, porte::Message::Confirmation, "court");
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    assert!(voit(&r, "⚠ Mot de passe trop faible : 5 caractère(s) et 1 type(s) de caractères sur 4. Il faut au moins 12 caractères des 4 types (minuscules, majuscules, chiffres, caractères spéciaux), ou 14 caractères de 3 types, ou une phrase d'au moins 7 mots."));
    saisir(&mut r, porte::Message::MotDePasse, "Bonjour-Binome-42");
    assert!(voit(&r, "Mot de passe suffisant."));
    saisir(&mut r, porte::Message::Confirmation, "Bonjour-Binome-42");
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    assert!(
        voit(&r, "Votre code de secours"),
        "le code est montré une fois"
    );
    appliquer(&mut r, vec![Message::Porte(porte::Message::Continuer)]);
    // Le compte administre le poste ; sa fiche de professionnel vient ensuite.
    assert!(app(&mut r).session.compte().administrateur);
    assert!(voit(&r, "Bienvenue dans Binôme"));
    assert!(voit(&r, "Créer mon espace"));
    drop(r);

    // Au lancement suivant : la connexion, et un mot de passe faux est dit.
    let mut r = racine(d);
    assert!(voit(&r, "Connexion"));
    saisir(&mut r, porte::Message::Identifiant, "a.martin");
    saisir(&mut r, porte::Message::MotDePasse, "Bonjour-Binome-41");
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    assert!(voit(&r, "⚠ Identifiant ou mot de passe incorrect. Vérifiez la touche Verr. Maj et recommencez ; après 5 essais manqués, un délai d'attente s'impose."));
    saisir(&mut r, porte::Message::MotDePasse, "Bonjour-Binome-42");
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    assert_eq!(app(&mut r).session.compte().identifiant, "a.martin");
}

#[test]
fn la_fenetre_verrouillee_ne_montre_rien_et_rend_le_travail_en_cours() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let mut a = crate::commun::ecran::app_demo(d, 20);
    // Un nom tapé dans la recherche du portefeuille, puis le verrou (Ctrl+L).
    let _ = a.update(app::Message::Naviguer(binome::ui::app::Nav::Portefeuille));
    let _ = a.update(app::Message::Portefeuille(
        binome::ui::ecrans::portefeuille::Message::Recherche("Dupo".into()),
    ));
    let nom = a.session.portefeuille()[0].nom.clone();
    let _ = a.update(app::Message::Clavier(
        binome::ui::app::Raccourci::Verrouiller,
    ));
    let vue = |a: &App, texte: &str| {
        crate::commun::ecran::simulateur_de(a, 900.0)
            .find(crate::commun::ecran::Texte(texte))
            .is_ok()
    };
    assert!(vue(&a, "Binôme est verrouillé"));
    assert!(
        !vue(&a, "Mon portefeuille"),
        "rien du travail en cours n'est visible"
    );
    assert!(!vue(&a, &nom));
    // Les raccourcis ne passent pas le verrou.
    let _ = a.update(app::Message::Clavier(binome::ui::app::Raccourci::Aller(
        binome::ui::app::Nav::AFaire,
    )));
    assert!(vue(&a, "Binôme est verrouillé"));
    // Un mot de passe faux est refusé ; le bon rend la page telle qu'elle était.
    let deverrouiller = |a: &mut App, mdp: &str| {
        let _ = a.update(app::Message::Verrou(
            binome::ui::ecrans::verrou::Message::MotDePasse(mdp.into()),
        ));
        let t = a.update(app::Message::Verrou(
            binome::ui::ecrans::verrou::Message::Valider,
        ));
        crate::commun::ecran::executer(a, t);
    };
    deverrouiller(&mut a, "faux");
    assert!(vue(&a, "Binôme est verrouillé"));
    assert!(vue(&a, "⚠ Identifiant ou mot de passe incorrect. Vérifiez la touche Verr. Maj et recommencez ; après 5 essais manqués, un délai d'attente s'impose."));
    deverrouiller(&mut a, crate::commun::MDP_ESSAI);
    assert!(a.verrou.is_none());
    assert!(matches!(a.page, binome::ui::app::Page::Portefeuille));
    assert_eq!(a.portefeuille.recherche, "Dupo", "la saisie est gardée");
}

/// Le référent social tient ses notes privées dans le dossier ; le conseiller dédié du même
/// dossier n'en voit ni la rubrique ni le texte.
#[test]
fn les_notes_privees_ne_s_affichent_que_pour_le_referent() {
    use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let o = crate::commun::binome(
        d,
        &["demo", "--dossiers", "40", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success());
    let ouvrir = |compte: &str| {
        let espace = Espace {
            dossier: d.to_path_buf(),
        };
        let a = binome::services::acces::connecter(&espace, compte, MOT_DE_PASSE_DEMO)
            .expect("connexion");
        App::new(
            binome::services::session::Session::ouvrir(espace, a, j("23/11/2026"))
                .expect("session"),
        )
    };
    let mut referent = ouvrir("referent");
    let mut conseiller = ouvrir("conseiller");
    let ref_id = referent.session.utilisateur().expect("référent").id;
    let id = conseiller
        .session
        .portefeuille()
        .iter()
        .find(|r| r.referent_id == Some(ref_id))
        .expect("dossier du binôme")
        .id;
    let ouvrir_dossier = |a: &mut App| {
        let _ = a.update(app::Message::Portefeuille(
            binome::ui::ecrans::portefeuille::Message::Ouvrir(id),
        ));
    };
    ouvrir_dossier(&mut referent);
    let _ = referent.update(app::Message::Dossier(
        binome::ui::ecrans::dossier::Message::Note("Reçue seule, à revoir vite".into()),
    ));
    let _ = referent.update(app::Message::Dossier(
        binome::ui::ecrans::dossier::Message::AjouterNote,
    ));
    let vue = |a: &App, t: &str| {
        crate::commun::ecran::simulateur_de(a, 12000.0)
            .find(crate::commun::ecran::Texte(t))
            .is_ok()
    };
    assert!(vue(&referent, "Notes privées"));
    let contient = |a: &App, morceau: &'static str| {
        crate::commun::ecran::simulateur_de(a, 12000.0)
            .find(crate::commun::ecran::contenant(morceau))
            .is_ok()
    };
    assert!(contient(&referent, "Reçue seule, à revoir vite"));
    ouvrir_dossier(&mut conseiller);
    assert!(!vue(&conseiller, "Notes privées"));
    assert!(!contient(&conseiller, "Reçue seule"));
}

/// L'administrateur sauvegarde depuis « Comptes et délégations » ; la sauvegarde est dans
/// le dossier des sauvegardes, chiffrée.
#[test]
fn l_administrateur_sauvegarde_depuis_la_fenetre() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let mut a = crate::commun::ecran::app_demo(d, 10);
    let _ = a.update(app::Message::Naviguer(binome::ui::app::Nav::Parametres));
    let _ = a.update(app::Message::Parametres(
        binome::ui::ecrans::parametres::Message::Comptes,
    ));
    assert!(crate::commun::ecran::simulateur_de(&a, 3000.0)
        .find("Sauvegarder maintenant")
        .is_ok());
    let t = a.update(app::Message::Comptes(
        binome::ui::ecrans::comptes::Message::Sauvegarder,
    ));
    crate::commun::ecran::executer(&mut a, t);
    let sauvegardes: Vec<_> = std::fs::read_dir(d.join("sauvegardes"))
        .expect("dossier des sauvegardes")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(sauvegardes.len(), 1, "{sauvegardes:?}");
    let octets = std::fs::read(&sauvegardes[0]).expect("sauvegarde");
    assert!(!octets.starts_with(b"SQLite format 3"));
}

/// Une base abîmée par une coupure (une page écrasée) : la connexion le dit, la porte propose la dernière
/// bonne sauvegarde, la restaure avec le même mot de passe, et la session s'ouvre ensuite.
#[test]
fn une_base_abimee_se_restaure_depuis_la_porte() {
    use crate::commun::{ESSAI, MDP_ESSAI};
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    let acces = crate::commun::acces(d);
    let poste = binome::services::Poste::ouvrir(&espace, acces, j("23/11/2026")).expect("poste");
    assert_eq!(
        binome::services::sauvegardes::automatiques(&poste).expect("sauvegardes"),
        2
    );
    drop(poste);
    // Une page au milieu du fichier, écrasée ; la coupure a laissé son ouverture.
    crate::commun::abimer_une_page(d);
    crate::commun::laisser_une_ouverture(d);

    let mut r = racine(d);
    saisir(&mut r, porte::Message::Identifiant, ESSAI);
    saisir(&mut r, porte::Message::MotDePasse, MDP_ESSAI);
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    let Etat::Porte(p) = &r.etat else {
        panic!("une base abîmée n'ouvre pas de session");
    };
    assert_eq!(p.mode, porte::Mode::Restauration);
    assert!(voit(&r, "Restaurer une sauvegarde"));
    let dispo = binome::services::sauvegardes::disponibles(&espace);
    assert_eq!(dispo.len(), 2);
    let nom = dispo[0]
        .file_name()
        .expect("nom")
        .to_string_lossy()
        .into_owned();
    assert!(
        voit(&r, &format!("2 sauvegarde(s) disponible(s) ; la plus récente : {nom}. Laissez le champ vide pour prendre la plus récente qui se vérifie.")),
        "les sauvegardes sont proposées"
    );
    // Le mot de passe tapé sert aussitôt : « Restaurer ».
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    let Etat::Porte(p) = &r.etat else {
        panic!("la porte reste ouverte");
    };
    assert_eq!(p.mode, porte::Mode::Connexion);
    let gardees = std::fs::read_dir(d)
        .expect("dossier")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("avant-restauration")
        })
        .count();
    assert!(gardees >= 1, "la base endommagée est gardée à côté");
    saisir(&mut r, porte::Message::MotDePasse, MDP_ESSAI);
    appliquer(&mut r, vec![Message::Porte(porte::Message::Valider)]);
    assert!(
        matches!(r.etat, Etat::Ouverte(_)),
        "la session s'ouvre sur la base restaurée"
    );
}

/// Quitter la fenêtre retire son ouverture aussitôt, même si un fil partage encore la base :
/// la connexion suivante ne prend pas une fermeture normale pour un arrêt brutal (et ne
/// relit pas toute la base).
#[test]
fn quitter_n_est_pas_un_arret_brutal() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let mut app = binome::ui::app::App::new(crate::commun::ecran::session(d));
    let ouvertures = || {
        std::fs::read_dir(d.join(binome::store::DOSSIER_OUVERTURES))
            .map(|l| l.count())
            .unwrap_or(0)
    };
    assert_eq!(ouvertures(), 1, "la session tient son ouverture");
    let _ = app.update(binome::ui::app::Message::Quitter);
    assert_eq!(
        ouvertures(),
        0,
        "retirée en quittant, la session encore en mémoire"
    );
    drop(app);
    let s = binome::store::Store::ouvrir(d, &crate::commun::cle(d)).expect("ouverture");
    assert!(!s.interrompue());
}
