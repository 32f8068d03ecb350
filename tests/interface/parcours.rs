//! L'interface, conduite comme un utilisateur : clics, frappe, raccourcis. Chaque test
//! vérifie aussi ce que la base a enregistré.

use crate::commun::ecran::{app_demo, executer, session, simulateur_de};
use crate::commun::*;
use binome::domain::dossier::Etape;
use binome::ui::app::{App, Message, Nav, Page, Raccourci};
use binome::ui::ecrans::dossier::formulaire::{ChoixDecision, ChoixMotif, Option_};
use binome::ui::ecrans::dossier::{edition, impression};
use binome::ui::ecrans::{
    a_faire as a_faire_ecran, accueil, dossier, nouveau_dossier, portefeuille,
};
use binome::ui::theme::Palettes;
use iced::Theme;
use iced_test::selector::id;
use iced_test::Simulator;

/// La fenêtre, assez haute pour montrer tout l'écran sans défiler.
fn simulateur(app: &App) -> Simulator<'_, Message> {
    simulateur_de(app, 4000.0)
}

/// Un texte affiché qui contient `morceau`.
fn voit_contenant(app: &App, morceau: &str) -> bool {
    simulateur(app)
        .find(crate::commun::ecran::contenant(morceau))
        .is_ok()
}

/// Aller à une rubrique par son raccourci (Ctrl+1…8).
fn aller(app: &mut App, nav: Nav) {
    appliquer(app, vec![Message::Clavier(Raccourci::Aller(nav))]);
}

fn appliquer(app: &mut App, messages: Vec<Message>) {
    for m in messages {
        let t = app.update(m);
        executer(app, t);
    }
}

/// Clique sur le texte (bouton, case) et traite les messages produits.
fn cliquer(app: &mut App, cible: &str) {
    let messages = {
        let mut ui = simulateur(app);
        if let Err(e) = ui.click(cible) {
            panic!("« {cible} » introuvable : {e:?}");
        }
        ui.into_messages().collect::<Vec<_>>()
    };
    appliquer(app, messages);
}

/// Clique dans le champ `champ` et y tape `texte`.
fn saisir(app: &mut App, champ: &'static str, texte: &str) {
    let messages = {
        let mut ui = simulateur(app);
        if let Err(e) = ui.click(id(champ)) {
            panic!("champ {champ} introuvable : {e:?}");
        }
        let _ = ui.typewrite(texte);
        ui.into_messages().collect::<Vec<_>>()
    };
    appliquer(app, messages);
}

/// Ouvre le premier dossier en accompagnement global du portefeuille.
fn ouvrir_en_accompagnement(app: &mut App) -> binome::domain::echeances::Resume {
    let r = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.etape == Etape::Accompagnement)
        .cloned()
        .expect("un dossier en accompagnement");
    appliquer(
        app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(r.id))],
    );
    r
}

/// Le profil sur la base de ressources de l'utilisateur, tel qu'un administrateur l'a
/// donné (jamais par soi-même) : la session le relit.
fn profil(app: &mut App, dir: &std::path::Path, h: binome::domain::ressources::Habilitation) {
    let mut u = app.session.utilisateur().cloned().expect("utilisateur");
    u.habilitation = h;
    crate::commun::base(dir)
        .enregistrer_professionnel(&u, "administrateur", crate::commun::ctx(j("23/11/2026")))
        .expect("profil");
    app.session.recharger().expect("relecture");
}

/// L'accord du référent social, reçu hors Binôme : sur sa fiche de liaison signée.
fn hors_binome() -> Vec<Message> {
    use binome::ui::ecrans::dossier::formulaire::ModePartenaire;
    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    vec![
        d(edition::Message::ModePartenaire(ModePartenaire::HorsBinome)),
        d(edition::Message::HorsLe("20/11/2026".into())),
        d(edition::Message::HorsMoyen(
            "fiche de liaison n° 1 signée".into(),
        )),
    ]
}

fn voit(app: &App, texte: &str) -> bool {
    simulateur(app)
        .find(crate::commun::ecran::Texte(texte))
        .is_ok()
}

#[test]
fn premier_lancement_creer_mon_espace() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = App::new(session(dir.path()));
    assert!(voit(&app, "Bienvenue dans Binôme"));
    cliquer(&mut app, "Créer mon espace");
    assert!(voit(
        &app,
        "⚠ Indiquez si vous êtes conseiller dédié ou référent social."
    ));
    saisir(&mut app, accueil::ID_PRENOM, "Agathe");
    saisir(&mut app, accueil::ID_NOM, "Essai");
    appliquer(
        &mut app,
        vec![Message::Accueil(accueil::Message::Role(
            binome::domain::professionnel::Role::Referent,
        ))],
    );
    let structure = app
        .session
        .referentiel()
        .structures
        .poles_insertion
        .first()
        .map(|t| accueil::Structure {
            code: t.code.clone(),
            nom: t.nom.clone(),
            genre: Some(binome::domain::professionnel::GenreStructure::PoleInsertion),
        })
        .expect("pôle");
    appliquer(
        &mut app,
        vec![Message::Accueil(accueil::Message::Structure(structure))],
    );
    cliquer(&mut app, "Créer mon espace");
    assert!(matches!(app.page, Page::AFaire));
    let u = app.session.utilisateur().cloned().expect("utilisateur");
    assert_eq!((u.prenom.as_str(), u.nom.as_str()), ("Agathe", "Essai"));
    // La base de ressources est vide le premier jour : l'écran dit comment la remplir, et
    // qui donne le droit de le faire à celui qui ne l'a pas.
    aller(&mut app, Nav::Ressources);
    assert!(voit_contenant(&app, "La base de ressources est vide"));
    assert!(voit_contenant(
        &app,
        "un administrateur du poste, dans Paramètres"
    ));
    profil(
        &mut app,
        dir.path(),
        binome::domain::ressources::Habilitation::MiseAJour,
    );
    assert!(voit_contenant(
        &app,
        "saisissez une fiche (« Nouvelle ressource »)"
    ));
    assert!(!voit_contenant(
        &app,
        "un administrateur du poste, dans Paramètres"
    ));
    // Au lancement suivant, l'espace est retrouvé.
    drop(app);
    let app = App::new(session(dir.path()));
    assert!(matches!(app.page, Page::AFaire));
    assert!(voit(&app, "À faire — 0"));
}

#[test]
fn premier_lancement_avec_la_demonstration() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = App::new(session(dir.path()));
    // La préparation tourne en fond : on regarde la fenêtre avant qu'elle finisse.
    let messages = {
        let mut ui = simulateur(&app);
        ui.click("Ouvrir la démonstration").expect("bouton");
        ui.into_messages().collect::<Vec<_>>()
    };
    for m in messages {
        drop(app.update(m));
    }
    assert!(
        voit(&app, "Préparation de la démonstration…"),
        "la fenêtre reste active pendant la préparation"
    );
    let espace = app.session.espace().clone();
    let acces = app.session.poste().acces().clone();
    let r =
        binome::services::demo::preparer(&espace, &acces, accueil::DOSSIERS_DEMO, j("23/11/2026"));
    appliquer(
        &mut app,
        vec![Message::Accueil(accueil::Message::DemoPrete(r))],
    );
    assert!(matches!(app.page, Page::AFaire));
    assert_eq!(
        crate::commun::base(dir.path())
            .portefeuille()
            .expect("base")
            .len(),
        accueil::DOSSIERS_DEMO
    );
    // Son propre portefeuille, d'abord : une charge réaliste (article 1.4).
    let miens = app.session.portefeuille().len();
    assert!(miens < accueil::DOSSIERS_DEMO);
    assert!(voit_contenant(&app, &format!("Portefeuille  {miens}")));
    let charge = app.session.mes_accompagnements().expect("conseiller");
    assert!((70..=100).contains(&charge), "{charge} accompagnements");
    // Les dossiers des autres professionnels n'apparaissent nulle part ; leurs comptes
    // de démonstration existent, aux identifiants affichés sur la porte.
    assert!(app.session.portefeuille().iter().all(|r| r.conseiller_id
        == app.session.utilisateur().map(|u| u.id)
        || r.referent_id == app.session.utilisateur().map(|u| u.id)));
    let t = binome::store::Trousseau::lire(dir.path())
        .expect("trousseau")
        .expect("installé");
    for (compte, _) in binome::services::demo::comptes::COMPTES_DEMO {
        if compte != "conseiller" {
            assert!(t.entree(compte).is_some(), "compte {compte}");
        }
    }
}

#[test]
fn a_faire_ouvre_le_dossier_concerne() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 60);
    let (premier, alerte) = {
        let v = app.session.a_faire();
        assert!(!v.is_empty(), "la démonstration a des alertes");
        (v[0].0.id, v[0].1)
    };
    assert!(voit(&app, &alerte.libelle()));
    // Le rail compte ce qui attend, dossiers et jeunes, sans refaire la liste à chaque image.
    let attend = app.session.a_faire().len() + app.session.jeunes_a_faire().len();
    assert_eq!(app.session.nombre_a_faire(), attend);
    assert!(
        voit_contenant(&app, &format!("À faire  {attend}"))
            || voit_contenant(&app, &format!("À faire {attend}")),
        "le rail dit {attend}"
    );
    let messages = {
        let mut ui = simulateur(&app);
        ui.click(alerte.libelle().as_str()).expect("ligne d'alerte");
        ui.into_messages().collect::<Vec<_>>()
    };
    appliquer(&mut app, messages);
    match &app.page {
        Page::Dossier(d) => {
            assert_eq!(d.id, premier);
            // Le dossier s'ouvre sur le formulaire qui traite l'alerte.
            assert_eq!(
                d.edition.as_ref().map(|e| e.formulaire),
                binome::ui::ecrans::a_faire::formulaire_pour(&alerte)
            );
        }
        _ => panic!("le dossier devait s'ouvrir"),
    }
}

#[test]
fn portefeuille_recherche_sans_accents_filtres_et_tri() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 120);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Rechercher)]);
    assert!(matches!(app.page, Page::Portefeuille));
    let cible = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.nom.chars().any(|c| "éèÉ".contains(c)))
        .cloned()
        .expect("un nom accentué dans la démonstration");
    let sans_accent = binome::domain::texte::normaliser(&cible.nom).to_uppercase();
    saisir(&mut app, portefeuille::ID_RECHERCHE, &sans_accent);
    assert_eq!(
        app.portefeuille.recherche, sans_accent,
        "toute la frappe est reçue"
    );
    let attendus = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| {
            binome::domain::texte::normaliser(&r.nom)
                .starts_with(&binome::domain::texte::normaliser(&sans_accent))
        })
        .count();
    assert!(attendus >= 1);
    assert_eq!(app.portefeuille.nombre_affiche(), attendus);
    assert!(voit(
        &app,
        &format!("{} {}", cible.nom.to_uppercase(), cible.prenom)
    ));

    // Rien ne correspond : le message dit quoi faire.
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Recherche(
            "zzzz".into(),
        ))],
    );
    assert!(voit(
        &app,
        "ℹ Aucun dossier ne correspond : élargissez la recherche ou retirez un filtre."
    ));

    appliquer(
        &mut app,
        vec![
            Message::Portefeuille(portefeuille::Message::Recherche(String::new())),
            Message::Portefeuille(portefeuille::Message::Etape(portefeuille::Choix::Un(
                Etape::Accompagnement,
            ))),
        ],
    );
    let en_cours = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| r.etape == Etape::Accompagnement)
        .count();
    assert_eq!(app.portefeuille.nombre_affiche(), en_cours);
    assert!(voit(&app, &format!("{en_cours} affiché(s)")));
    let agence = app.session.portefeuille()[0].agence.clone();
    let nom_agence = app
        .session
        .referentiel()
        .structures
        .nom(&agence)
        .expect("agence connue")
        .to_string();
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Agence(
            portefeuille::Choix::Un(portefeuille::Agence {
                code: agence.to_string(),
                nom: nom_agence,
            }),
        ))],
    );
    let attendu = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| r.etape == Etape::Accompagnement && r.agence == agence)
        .count();
    assert_eq!(app.portefeuille.nombre_affiche(), attendu);
    cliquer(&mut app, "Nom ▲");
    assert!(voit(&app, "Nom ▼"), "un second clic inverse le tri");
}

#[test]
fn nouveau_dossier_verifie_chaque_champ_et_garde_un_brouillon() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 10);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    assert!(matches!(app.page, Page::NouveauDossier(_)));
    cliquer(&mut app, "Enregistrer le dossier (Ctrl+S)");
    assert!(voit(&app, "⚠ Choisissez Madame ou Monsieur."));
    assert!(voit(
        &app,
        "⚠ La commune de résidence est obligatoire (nom ou code INSEE)."
    ));
    saisir(&mut app, "date_naissance", "31/02/1990");
    saisir(&mut app, "identifiant_ft", "12AB");
    saisir(&mut app, "commune", "Atlantis");
    cliquer(&mut app, "Enregistrer le dossier (Ctrl+S)");
    assert!(voit(
        &app,
        "⚠ Le 31/02/1990 n'existe pas dans le calendrier : vérifiez le jour et le mois."
    ));
    assert!(voit(&app, "⚠ « Atlantis » n'est pas une commune connue : saisissez son nom exact ou son code INSEE (ex. 13004 pour Arles)."));
    assert_eq!(
        crate::commun::base(dir.path())
            .portefeuille()
            .expect("base")
            .len(),
        10,
        "rien n'est enregistré"
    );

    // Le brouillon survit à la fermeture de l'écran (ou de la fenêtre).
    saisir(&mut app, "nom", "Brouillon");
    drop(app);
    let mut app = App::new(session(dir.path()));
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    match &app.page {
        Page::NouveauDossier(n) => {
            assert_eq!(n.saisie.nom, "Brouillon");
            assert_eq!(n.saisie.commune, "Atlantis");
        }
        _ => panic!("nouveau dossier attendu"),
    }
    assert!(voit(
        &app,
        "ℹ Votre saisie précédente a été retrouvée et reprise."
    ));
    // Quitter un formulaire modifié demande confirmation.
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Echap)]);
    assert!(matches!(app.page, Page::NouveauDossier(_)));
    assert!(voit(&app, "Abandonner la saisie"));
    cliquer(&mut app, "Abandonner la saisie");
    assert!(matches!(app.page, Page::Portefeuille));
    assert!(app
        .session
        .brouillon::<nouveau_dossier::Saisie>(nouveau_dossier::CLE_BROUILLON)
        .expect("lecture")
        .is_none());
}

#[test]
fn l_ordre_de_tabulation_suit_le_formulaire() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    let mut ui = simulateur(&app);
    let mut precedent = f32::MIN;
    // La tabulation suit l'ordre de l'arbre des widgets ; il doit être celui de l'écran.
    for champ in nouveau_dossier::CHAMPS {
        let cible = ui
            .find(id(champ))
            .unwrap_or_else(|e| panic!("{champ} : {e:?}"));
        let y = cible.bounds().y;
        assert!(y > precedent, "{champ} doit venir après le champ précédent");
        precedent = y;
    }
    // Tab et Maj+Tab sont reliés au passage de champ en champ.
    use iced::keyboard::{self, key::Named, Key, Location, Modifiers};
    let touche = |modifiers| {
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Named(Named::Tab),
            modified_key: Key::Named(Named::Tab),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        })
    };
    let id_fenetre = iced::window::Id::unique();
    assert!(matches!(
        binome::ui::raccourcis::evenement(
            touche(Modifiers::empty()),
            iced::event::Status::Ignored,
            id_fenetre
        ),
        Some(Message::Clavier(Raccourci::Suivant))
    ));
    assert!(matches!(
        binome::ui::raccourcis::evenement(
            touche(Modifiers::SHIFT),
            iced::event::Status::Ignored,
            id_fenetre
        ),
        Some(Message::Clavier(Raccourci::Precedent))
    ));
    let ctrl = |c: &str| {
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Character(c.into()),
            modified_key: Key::Character(c.into()),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: Location::Standard,
            modifiers: Modifiers::CTRL,
            text: None,
            repeat: false,
        })
    };
    for (c, attendu) in [
        ("f", Raccourci::Rechercher),
        ("n", Raccourci::Nouveau),
        ("s", Raccourci::Enregistrer),
        ("+", Raccourci::Agrandir),
    ] {
        match binome::ui::raccourcis::evenement(ctrl(c), iced::event::Status::Captured, id_fenetre)
        {
            Some(Message::Clavier(r)) => assert_eq!(r, attendu, "Ctrl+{c}"),
            autre => panic!("Ctrl+{c} : {autre:?}"),
        }
    }
}

#[test]
fn taille_du_texte_et_apparence_conservees() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    for _ in 0..3 {
        appliquer(&mut app, vec![Message::Clavier(Raccourci::Agrandir)]);
    }
    assert!((app.echelle() - 1.3).abs() < 1e-4);
    for _ in 0..20 {
        appliquer(&mut app, vec![Message::Clavier(Raccourci::Agrandir)]);
    }
    assert!((app.echelle() - 2.0).abs() < 1e-4, "200 % au plus");
    aller(&mut app, Nav::Parametres);
    appliquer(
        &mut app,
        vec![Message::Parametres(
            binome::ui::ecrans::parametres::Message::Apparence(
                binome::ui::theme::Apparence::ContrasteEleve,
            ),
        )],
    );
    drop(app);
    let app = App::new(session(dir.path()));
    assert!((app.echelle() - 2.0).abs() < 1e-4);
    assert_eq!(
        app.session.preferences().apparence,
        binome::ui::theme::Apparence::ContrasteEleve
    );
}

/// Le parcours entier, par l'interface, jusqu'à la clôture ; puis la base est vérifiée.
#[test]
fn parcours_complet_par_l_interface() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 3);
    let avant = app.session.portefeuille().len();
    // Un référent de l'annuaire pour constituer le binôme.
    let referent = app
        .session
        .professionnels()
        .expect("annuaire")
        .into_iter()
        .find(|p| p.role() == binome::domain::professionnel::Role::Referent)
        .expect("un référent");

    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    appliquer(
        &mut app,
        vec![Message::Nouveau(nouveau_dossier::Message::Civilite(
            binome::domain::personne::Civilite::Madame,
        ))],
    );
    saisir(&mut app, "nom", "Parcours");
    saisir(&mut app, "prenom", "Émilie");
    saisir(&mut app, "date_naissance", "12/03/1985");
    saisir(&mut app, "identifiant_ft", "7654321Z");
    let commune = match &app
        .session
        .utilisateur()
        .as_ref()
        .expect("utilisateur")
        .affectation
    {
        binome::domain::professionnel::Affectation::Agence { perimetre, .. } => {
            perimetre[0].to_string()
        }
        _ => unreachable!(),
    };
    saisir(&mut app, "commune", &commune);
    appliquer(
        &mut app,
        vec![Message::Nouveau(nouveau_dossier::Message::Brsa(true))],
    );
    // Le diagnostic est prescrit par un partenaire, nommé à l'ouverture.
    saisir(&mut app, "prescripteur", "Mission locale");
    cliquer(&mut app, "Enregistrer le dossier (Ctrl+S)");
    let id = match &app.page {
        Page::Dossier(d) => d.id,
        _ => panic!("le dossier créé doit s'ouvrir"),
    };
    assert_eq!(app.session.portefeuille().len(), avant + 1);
    assert!(matches!(
        app.session.journal(id).expect("journal").first().map(|e| &e.evenement),
        Some(binome::domain::dossier::Evenement::DossierOuvert(o))
            if o.prescripteur.as_deref() == Some("Mission locale")
    ));

    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    // Entretien n°1 volet emploi, par le bouton de l'étape suivante.
    cliquer(&mut app, "Étape suivante : Entretien n°1 volet emploi");
    appliquer(
        &mut app,
        vec![
            d(edition::Message::AjouterBesoin(Option_ {
                code: "permis".into(),
                libelle: String::new(),
            })),
            // Le commentaire d'un besoin se saisit sur sa ligne.
            d(edition::Message::CommentaireBesoin(
                0,
                "Code obtenu, heures de conduite à financer".into(),
            )),
        ],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // Ce qui s'est passé, daté, et refermable.
    assert!(voit_contenant(
        &app,
        "Diagnostic volet emploi enregistré (1 besoin évalué) — le 23/11/2026."
    ));
    let diagnostic = app
        .session
        .dossier(id)
        .expect("lecture")
        .expect("dossier")
        .diagnostics
        .last()
        .cloned()
        .expect("diagnostic");
    assert_eq!(
        diagnostic.evaluations[0].commentaire,
        "Code obtenu, heures de conduite à financer"
    );
    // Le protocole de désignation : au RSA sans enfant mineur, le pôle d'insertion de la
    // résidence, proposé d'office.
    cliquer(
        &mut app,
        "Étape suivante : Contacter la structure qui désigne le référent social",
    );
    match &app.page {
        Page::Dossier(e) => {
            let s = &e.edition.as_ref().expect("formulaire ouvert").saisie;
            assert_eq!(
                s.branche,
                Some(binome::domain::dossier::BrancheDesignation::PoleInsertion)
            );
            assert!(s.precision.contains("insertion"), "{}", s.precision);
        }
        _ => panic!("le dossier doit rester ouvert"),
    }
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(
        &app,
        "Désignation du référent social : Pôle d'insertion de la résidence"
    ));
    // Désigner le référent.
    cliquer(&mut app, "Étape suivante : Désigner le référent social");
    appliquer(
        &mut app,
        vec![d(edition::Message::Membre(Option_ {
            code: referent.id.to_string(),
            libelle: String::new(),
        }))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // Fiche d'orientation : rédigée, envoyée.
    cliquer(
        &mut app,
        "Étape suivante : Orienter avec une fiche de liaison",
    );
    appliquer(
        &mut app,
        vec![d(edition::Message::Redaction(
            "Orientation vers le référent".into(),
        ))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    cliquer(
        &mut app,
        "Étape suivante : Envoyer la fiche de liaison n° 1",
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // Volet social, puis retour daté et signé.
    cliquer(&mut app, "Étape suivante : Entretien n°1 volet social");
    appliquer(
        &mut app,
        vec![d(edition::Message::AjouterBesoin(Option_ {
            code: "trouver-logement".into(),
            libelle: String::new(),
        }))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    cliquer(
        &mut app,
        "Étape suivante : Enregistrer le retour de la fiche de liaison n° 1",
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // Concertation : l'accord d'un seul côté est refusé, avec le message du domaine.
    cliquer(&mut app, "Étape suivante : Tenir le temps de concertation");
    appliquer(
        &mut app,
        vec![d(edition::Message::Decision(ChoixDecision::Validation))],
    );
    appliquer(&mut app, vec![d(edition::Message::AccordConseiller(true))]);
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit(&app, "⚠ La décision du temps de concertation est une décision conjointe : l'accord du référent social n'est pas recueilli."));
    appliquer(&mut app, vec![d(edition::Message::AccordReferent(true))]);
    // L'accord du partenaire dit d'où il vient.
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(
        &app,
        "L'accord du référent social doit dire qui l'a donné"
    ));
    appliquer(&mut app, hors_binome());
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let chronologie = app.session.journal(id).expect("journal");
    let moi = app.session.utilisateur().expect("conseiller").nom_affiche();
    let attendu = format!("La décision du temps de concertation — accord du conseiller dédié : {moi} (connecté à Binôme) ; accord du référent social : reçu hors Binôme le 20/11/2026 (fiche de liaison n° 1 signée)");
    assert!(
        chronologie
            .iter()
            .any(|e| e.evenement.description() == attendu),
        "{:?}",
        chronologie.last()
    );
    assert!(voit_contenant(
        &app,
        "accord du référent social : reçu hors Binôme le 20/11/2026"
    ));
    // Carnet de route, les deux volets.
    for volet in [
        binome::domain::diagnostic::Volet::Emploi,
        binome::domain::diagnostic::Volet::Social,
    ] {
        cliquer(&mut app, "Ajouter une action au carnet de route");
        appliquer(
            &mut app,
            vec![
                d(edition::Message::Volet(volet)),
                d(edition::Message::Redaction(format!(
                    "Action du {}",
                    volet.libelle()
                ))),
            ],
        );
        cliquer(&mut app, "Enregistrer (Ctrl+S)");
    }
    cliquer(&mut app, "Étape suivante : Entretien n°2 d'initialisation");
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    cliquer(
        &mut app,
        "Étape suivante : Faire signer le contrat d'accompagnement",
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let dossier = app.session.dossier(id).expect("lecture").expect("dossier");
    assert_eq!(dossier.etape(), Etape::Accompagnement);
    assert_eq!(dossier.entree, Some(j("23/11/2026")));
    // Reconduction décidée à deux ; une seconde est ensuite grisée, avec sa raison.
    cliquer(&mut app, "Reconduire l'accompagnement");
    appliquer(
        &mut app,
        vec![
            d(edition::Message::AccordConseiller(true)),
            d(edition::Message::AccordReferent(true)),
        ],
    );
    appliquer(&mut app, hors_binome());
    // Décidée un an avant le terme : la fenêtre demande de confirmer, rien n'est écrit.
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(
        &app,
        "Cette reconduction est décidée plus de 2 mois avant le terme"
    ));
    assert!(app
        .session
        .dossier(id)
        .expect("lecture")
        .expect("dossier")
        .reconduction
        .is_none());
    cliquer(
        &mut app,
        "Je confirme cette décision, prise plus de 2 mois avant le terme",
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit(&app, "Pas possible maintenant — Reconduire l'accompagnement : La reconduction est déjà utilisée : un accompagnement ne peut être prolongé qu'une fois, de 6 mois au plus."));
    // Clôture à la demande de la personne.
    cliquer(&mut app, "Clôturer le dossier");
    appliquer(
        &mut app,
        vec![d(edition::Message::Motif(ChoixMotif::DemandePersonne))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // La clôture ne se défait pas : elle se confirme, avec ce qui va être enregistré.
    assert!(voit_contenant(
        &app,
        "pour « À la demande de la personne » ?"
    ));
    assert!(app
        .session
        .dossier(id)
        .expect("lecture")
        .expect("dossier")
        .cloture
        .is_none());
    cliquer(&mut app, "Confirmer la clôture (Ctrl+S)");

    // Clôturé : plus de mur de boutons grisés, ses documents et sa chronologie.
    assert!(voit(&app, "Dossier clôturé"));
    assert!(!voit(&app, "Enregistrer un contact"));
    assert!(voit(&app, "Imprimer : Fiche de sortie et bilan"));
    // La base a tout retenu.
    let s = crate::commun::base(dir.path());
    let dossier = s.dossier(id).expect("lecture").expect("dossier");
    assert_eq!(dossier.etape(), Etape::Cloture);
    assert_eq!(dossier.reconduction.map(|r| r.mois), Some(6));
    assert_eq!(dossier.actions.len(), 2);
    assert_eq!(dossier.referent.as_ref().map(|m| m.id), Some(referent.id));
    let types: Vec<&str> = s
        .journal(id)
        .expect("journal")
        .iter()
        .map(|e| e.evenement.type_())
        .collect();
    assert_eq!(
        types,
        [
            "DossierOuvert",
            "DiagnosticEnregistre",
            "DesignationEnregistree",
            "MembreAffecte",
            "FicheCreee",
            "FicheEnvoyee",
            "DiagnosticEnregistre",
            "FicheRetournee",
            "ConcertationTenue",
            "AccordsAttribues",
            "ActionAjoutee",
            "ActionAjoutee",
            "InitialisationRealisee",
            "ContratSigne",
            "Reconduit",
            "AccordsAttribues",
            "DossierCloture",
        ]
    );
    assert!(s.verifier().expect("vérification").est_saine());
}

#[test]
fn instantanes_des_ecrans_principaux() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    let base = format!("{}/tests/instantanes", env!("CARGO_MANIFEST_DIR"));
    let theme = Theme::custom("Claire", binome::ui::theme::Apparence::Claire.palette());
    // Chaque écran à 100 % et à 200 % de texte (une fenêtre de 1 280 × 900 vue à 640 × 450,
    // le réglage de taille à 200 % : le rail se resserre).
    let verifier = |app: &mut App, nom: &str| {
        for (suffixe, largeur, hauteur, echelle) in
            [("", 1280.0, 900.0, 1.0), ("_200", 640.0, 450.0, 2.0)]
        {
            app.session.preferences_mut().echelle = echelle;
            let mut ui = crate::commun::ecran::simulateur_taille(app, largeur, hauteur);
            let instantane = ui.snapshot(&theme).expect("instantané");
            assert!(
                instantane
                    .matches_hash(format!("{base}/{nom}{suffixe}"))
                    .expect("comparaison"),
                "l'écran « {nom}{suffixe} » a changé : vérifiez-le puis supprimez l'ancienne empreinte"
            );
        }
        app.session.preferences_mut().echelle = 1.0;
    };
    // Le premier lancement, sur un espace neuf.
    let neuf = tempfile::tempdir().expect("tmp");
    let mut accueil = App::new(session(neuf.path()));
    verifier(&mut accueil, "accueil");
    verifier(&mut app, "a_faire");
    appliquer(&mut app, vec![Message::Naviguer(Nav::Portefeuille)]);
    verifier(&mut app, "portefeuille");
    let premier = app.session.portefeuille()[0].id;
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(
            premier,
        ))],
    );
    verifier(&mut app, "dossier");
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    verifier(&mut app, "nouveau_dossier");
    aller(&mut app, Nav::Ressources);
    verifier(&mut app, "ressources");
    aller(&mut app, Nav::Annuaire);
    verifier(&mut app, "annuaire");
    aller(&mut app, Nav::Indicateurs);
    verifier(&mut app, "indicateurs");
    aller(&mut app, Nav::Parametres);
    verifier(&mut app, "parametres");
    aller(&mut app, Nav::Binome);
    verifier(&mut app, "binome");
    aller(&mut app, Nav::Cotraitance);
    verifier(&mut app, "cotraitance");
}

#[test]
fn parametres_delais_perimetre_et_identite() {
    use binome::ui::ecrans::parametres;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 30);
    aller(&mut app, Nav::Parametres);
    assert!(voit(&app, "Délais des alertes"));
    assert!(voit(
        &app,
        &format!("Dossier de données : {}", dir.path().display())
    ));
    let alertes_avant = app.session.a_faire().len();
    // Un délai impossible est refusé avec un message ; un délai valide change les alertes.
    appliquer(
        &mut app,
        vec![Message::Parametres(parametres::Message::Delai(
            parametres::Delai::Contact,
            "beaucoup".into(),
        ))],
    );
    assert!(voit(&app, "⚠ Saisissez un nombre entier entre 0 et 365."));
    appliquer(
        &mut app,
        vec![Message::Parametres(parametres::Message::Delai(
            parametres::Delai::Contact,
            "1".into(),
        ))],
    );
    assert_eq!(app.session.preferences().echeances.sans_contact_semaines, 1);
    assert!(
        app.session.a_faire().len() > alertes_avant,
        "plus de dossiers sans contact depuis une semaine"
    );
    // Le périmètre du conseiller se saisit par noms ou codes ; une commune inconnue est refusée.
    appliquer(
        &mut app,
        vec![Message::Parametres(parametres::Message::Perimetre(
            "Arles, Atlantide".into(),
        ))],
    );
    cliquer(&mut app, "Enregistrer mon identité");
    assert!(voit(
        &app,
        "⚠ Périmètre : « Atlantide » n'est pas une commune connue (nom exact ou code INSEE)."
    ));
    appliquer(
        &mut app,
        vec![Message::Parametres(parametres::Message::Perimetre(
            "Arles, 13097".into(),
        ))],
    );
    saisir(&mut app, "parametres-prenom", "-Anne");
    cliquer(&mut app, "Enregistrer mon identité");
    assert!(voit(&app, "ℹ Identité enregistrée."));
    let id = app.session.utilisateur().as_ref().expect("utilisateur").id;
    let relu = app
        .session
        .professionnel(id)
        .expect("lecture")
        .expect("présent");
    assert!(relu.prenom.ends_with("-Anne"));
    match relu.affectation {
        binome::domain::professionnel::Affectation::Agence { perimetre, .. } => {
            let codes: Vec<&str> = perimetre.iter().map(|c| c.as_str()).collect();
            assert_eq!(codes, ["13004", "13097"]);
        }
        _ => panic!("conseiller attendu"),
    }
}

#[test]
fn imprimer_un_document_depuis_le_dossier() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    let r = ouvrir_en_accompagnement(&mut app);
    // Ctrl+P propose le document de l'étape.
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Imprimer)]);
    assert!(
        voit_contenant(&app, "Imprimer : "),
        "le panneau d'impression s'ouvre"
    );
    cliquer(&mut app, "Imprimer : Carnet de route");
    // Hors du dossier de données, où rien n'est jamais écrit.
    let documents = tempfile::tempdir().expect("documents");
    let chemin = documents.path().join("documents").join("carnet.pdf");
    // Sans fenêtre de choix disponible (ou choix annulé), le champ du chemin reste la solution.
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Impression(
            impression::Message::EmplacementChoisi(None),
        ))],
    );
    assert!(voit(&app, "ℹ Aucun emplacement choisi : indiquez le chemin du fichier dans le champ, puis « Enregistrer le PDF »."));
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Impression(
            impression::Message::Chemin("/tmp/provisoire.pdf".into()),
        ))],
    );
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Impression(
            impression::Message::EmplacementChoisi(Some(chemin.clone())),
        ))],
    );
    cliquer(&mut app, "Enregistrer le PDF");
    assert!(voit(
        &app,
        &format!("PDF enregistré : {}", chemin.display())
    ));
    let octets = std::fs::read(&chemin).expect("PDF écrit");
    let doc = lopdf::Document::load_mem(&octets).expect("PDF lisible");
    let texte = doc.extract_text(&[1]).expect("texte");
    assert!(texte.contains(r.nom.to_uppercase().as_str()), "{texte}");
    let journal = app.session.journal(r.id).expect("journal");
    assert!(matches!(
        journal.last().map(|e| &e.evenement),
        Some(binome::domain::dossier::Evenement::DocumentImprime { .. })
    ));
    assert!(
        voit(&app, "Document imprimé : Carnet de route"),
        "la chronologie le montre"
    );
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Echap)]);
    assert!(!voit(&app, "Enregistrer le PDF"));
}

/// Imprimer vers un fichier de l'utilisateur qui existe déjà : la fenêtre demande avant de
/// le remplacer ; « Garder » le laisse intact, « Remplacer le fichier » l'écrase.
#[test]
fn imprimer_sur_un_fichier_existant_demande_avant_de_remplacer() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 30);
    let r = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.etape == Etape::Accompagnement)
        .cloned()
        .expect("un dossier en accompagnement");
    let documents = tempfile::tempdir().expect("documents");
    let chemin = documents.path().join("mes-notes.pdf");
    std::fs::write(&chemin, b"mes notes").expect("fichier de l'utilisateur");
    let imprimer = |m: impression::Message| Message::Dossier(dossier::Message::Impression(m));
    appliquer(
        &mut app,
        vec![
            Message::Portefeuille(portefeuille::Message::Ouvrir(r.id)),
            Message::Clavier(Raccourci::Imprimer),
            imprimer(impression::Message::Chemin(chemin.display().to_string())),
        ],
    );
    cliquer(&mut app, "Enregistrer le PDF");
    assert!(voit_contenant(&app, "existe déjà. Le remplacer ?"));
    assert_eq!(std::fs::read(&chemin).expect("fichier"), b"mes notes");
    cliquer(&mut app, "Garder l'existant et changer le nom");
    assert!(!voit_contenant(&app, "existe déjà. Le remplacer ?"));
    assert_eq!(std::fs::read(&chemin).expect("fichier"), b"mes notes");
    cliquer(&mut app, "Enregistrer le PDF");
    cliquer(&mut app, "Remplacer le fichier");
    assert!(voit_contenant(&app, "PDF enregistré"));
    assert!(std::fs::read(&chemin)
        .expect("fichier")
        .starts_with(b"%PDF"));
}

#[test]
fn annuler_une_saisie_commencee_demande_confirmation_et_le_brouillon_revient() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 30);
    let id = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.etape == Etape::Accompagnement)
        .map(|r| r.id)
        .expect("un dossier en accompagnement");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(id))],
    );
    cliquer(&mut app, "Enregistrer un contact");
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Edition(
            edition::Message::Redaction("Appel au sujet du logement".into()),
        ))],
    );
    // Fermeture inattendue : le brouillon est repris à la réouverture du dossier.
    drop(app);
    let mut app = App::new(session(dir.path()));
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(id))],
    );
    match &app.page {
        Page::Dossier(d) => assert_eq!(
            d.edition.as_ref().map(|e| e.saisie.redaction.as_str()),
            Some("Appel au sujet du logement")
        ),
        _ => panic!("dossier attendu"),
    }
    assert!(voit(&app, "ℹ Votre saisie en cours a été retrouvée."));
    // Échap sur une saisie modifiée : confirmation d'abord.
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Echap)]);
    assert!(voit(
        &app,
        "⚠ Abandonner cette saisie ? Ce qui a été saisi sera effacé."
    ));
    cliquer(&mut app, "Continuer la saisie");
    assert!(voit(&app, "Enregistrer (Ctrl+S)"), "la saisie continue");
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Echap)]);
    cliquer(&mut app, "Abandonner la saisie");
    assert!(!voit(&app, "Enregistrer (Ctrl+S)"));
    let brouillon: Option<(dossier::formulaire::Formulaire, dossier::formulaire::Saisie)> = app
        .session
        .brouillon(&format!("dossier-{id}"))
        .expect("lecture");
    assert!(brouillon.is_none(), "le brouillon abandonné est effacé");
}

#[test]
fn entree_valide_le_formulaire() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    let messages = {
        let mut ui = simulateur(&app);
        ui.click(id("commune")).expect("champ commune");
        let _ = ui.typewrite("Atlantis");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        ui.into_messages().collect::<Vec<_>>()
    };
    appliquer(&mut app, messages);
    assert!(
        voit(&app, "⚠ Choisissez Madame ou Monsieur."),
        "Entrée a lancé l'enregistrement"
    );
}

#[test]
fn ressources_recherche_detail_et_elargissement() {
    use binome::ui::ecrans::ressources;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 10);
    aller(&mut app, Nav::Ressources);
    assert!(matches!(app.page, Page::Ressources(_)));
    assert!(voit_contenant(&app, "200 ressource(s)"));
    // Sans accents ni majuscules, par préfixe.
    saisir(&mut app, ressources::ID_TEXTE, "EPICER");
    let Page::Ressources(e) = &app.page else {
        panic!("écran Ressources")
    };
    assert!(e.resultats.total > 0);
    assert!(e
        .resultats
        .trouvees
        .iter()
        .all(|t| t.ressource.nom.starts_with("Épicerie")));
    // Autour d'une commune : de la plus proche à la plus lointaine, distance affichée.
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Texte(
            String::new(),
        ))],
    );
    // Autocomplétion : « aub » propose Aubagne, un clic la choisit.
    saisir(&mut app, "ressources-commune", "aub");
    cliquer(&mut app, "Aubagne (13400)");
    let Page::Ressources(e) = &app.page else {
        panic!("écran Ressources")
    };
    let distances: Vec<f64> = e
        .resultats
        .trouvees
        .iter()
        .map(|t| t.distance_km.expect("distance"))
        .collect();
    assert!(distances.len() > 1);
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances.iter().all(|d| *d <= 10.0));
    assert!(voit_contenant(
        &app,
        "de la plus proche à la plus lointaine"
    ));
    // Rien : l'écran dit quoi élargir.
    saisir(&mut app, ressources::ID_TEXTE, "zzzz");
    assert!(voit_contenant(
        &app,
        "Pour élargir : élargissez le rayon autour de Aubagne"
    ));
    // Une commune inconnue : un message, pas de plantage.
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Commune(
            "Atlantide".into(),
        ))],
    );
    assert!(voit_contenant(&app, "Commune « Atlantide » inconnue"));
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Effacer)],
    );
    // La fiche détaillée, et Échap la referme.
    let premiere = match &app.page {
        Page::Ressources(e) => e.resultats.trouvees[0].ressource.clone(),
        _ => panic!("écran Ressources"),
    };
    cliquer(&mut app, &premiere.nom);
    assert!(voit(&app, "Copier les coordonnées"));
    assert!(voit(&app, "Imprimer la fiche"));
    assert!(voit_contenant(&app, &premiere.telephone));
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Echap)]);
    assert!(!voit(&app, "Copier les coordonnées"));
}

#[test]
fn ressources_saisie_reservee_au_profil_mise_a_jour() {
    use binome::ui::ecrans::ressources::{self, fiche};
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    // Profil consultation : aucune action de modification n'est proposée.
    profil(
        &mut app,
        dir.path(),
        binome::domain::ressources::Habilitation::Consultation,
    );
    appliquer(
        &mut app,
        vec![
            Message::Clavier(Raccourci::Aller(Nav::Parametres)),
            Message::Clavier(Raccourci::Aller(Nav::Ressources)),
        ],
    );
    assert!(!voit(&app, "Nouvelle ressource"));
    let premiere = match &app.page {
        Page::Ressources(e) => e.resultats.trouvees[0].ressource.id,
        _ => panic!("écran Ressources"),
    };
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Choisir(premiere))],
    );
    assert!(!voit(&app, "Modifier") && !voit(&app, "Archiver"));
    // Le message forcé ne contourne pas le profil.
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Nouvelle)],
    );
    assert!(matches!(&app.page, Page::Ressources(e) if e.edition.is_none()));

    // Profil mise à jour : saisir une fiche, avec une erreur d'abord.
    profil(
        &mut app,
        dir.path(),
        binome::domain::ressources::Habilitation::MiseAJour,
    );
    appliquer(
        &mut app,
        vec![
            Message::Clavier(Raccourci::Aller(Nav::Parametres)),
            Message::Clavier(Raccourci::Aller(Nav::Ressources)),
        ],
    );
    cliquer(&mut app, "Nouvelle ressource");
    saisir(&mut app, fiche::ID_NOM, "Laverie solidaire du Panier");
    saisir(&mut app, "ressource-structure", "Association Bulles");
    saisir(
        &mut app,
        "ressource-description",
        "Lavage du linge à petit prix.",
    );
    saisir(&mut app, "ressource-commune", "Marseille 2e Arrondissement");
    saisir(&mut app, "ressource-horaires", "lundi au vendredi 9h-12h");
    assert!(voit_contenant(
        &app,
        "Lu : Du lundi au vendredi : 9 h – 12 h"
    ));
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Enregistrer)]);
    assert!(voit_contenant(&app, "au moins une famille de freins"));
    appliquer(
        &mut app,
        vec![
            Message::Ressources(ressources::Message::Fiche(fiche::Message::Besoin(
                "services-gratuits".into(),
                true,
            ))),
            Message::Clavier(Raccourci::Enregistrer),
        ],
    );
    let creee = app.session.trouver_ressource("Laverie").expect("lecture");
    assert!(creee.is_empty(), "recherche par identifiant, pas par nom");
    let Page::Ressources(e) = &app.page else {
        panic!("écran Ressources")
    };
    let r = e.detail.clone().expect("fiche enregistrée affichée");
    assert_eq!(r.commune, "13202");
    assert!(r.latitude.is_some(), "centre de la commune");
    let historique = app.session.historique_ressource(r.id).expect("historique");
    let auteur = app
        .session
        .utilisateur()
        .as_ref()
        .expect("utilisateur")
        .nom_affiche();
    assert_eq!(historique[0].auteur, auteur);
    assert_eq!(historique[0].action, "création");
}

#[test]
fn prescrire_une_ressource_depuis_une_action_du_carnet() {
    use binome::domain::dossier::Evenement;
    use binome::ui::ecrans::ressources;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    // Un dossier en cours avec une action sociale liée à un besoin que la personne a
    // accepté de partager avec le conseiller (l'utilisateur de la démonstration).
    let freins = app.session.freins().clone();
    let (id, numero) = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| r.etape != Etape::Cloture)
        .find_map(|r| {
            let d = app.session.dossier(r.id).ok()??;
            d.vu_par(binome::domain::professionnel::Role::Conseiller, &freins)
                .actions
                .iter()
                .find(|a| a.besoin.is_some())
                .map(|a| (d.id, a.numero))
        })
        .expect("un dossier avec une action sociale");
    appliquer(
        &mut app,
        vec![
            Message::Portefeuille(portefeuille::Message::Ouvrir(id)),
            Message::Dossier(dossier::Message::Ressources(numero)),
        ],
    );
    let Page::Ressources(e) = &app.page else {
        panic!("écran Ressources ouvert pour prescrire")
    };
    assert!(e.prescription.is_some());
    assert!(!e.commune.is_empty(), "autour de la commune de la personne");
    assert!(voit_contenant(&app, "Prescription pour"));
    let Some(choisie) = e.resultats.trouvees.first().map(|t| t.ressource.clone()) else {
        panic!("aucune ressource proposée pour ce besoin");
    };
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Prescrire(
            choisie.id,
        ))],
    );
    assert!(
        matches!(&app.page, Page::Dossier(d) if d.id == id),
        "retour au dossier"
    );
    let journal = app.session.journal(id).expect("journal");
    let derniere = journal.last().expect("événement");
    match &derniere.evenement {
        Evenement::RessourcePrescrite {
            action,
            prescription,
            ..
        } => {
            assert_eq!(*action, numero);
            assert_eq!(prescription.ressource, choisie.id.to_string());
            assert_eq!(prescription.date, j("23/11/2026"));
        }
        e => panic!("événement inattendu : {e:?}"),
    }
    assert!(voit_contenant(
        &app,
        &format!("ressource prescrite le 23/11/2026 : {}", choisie.nom)
    ));
}

#[test]
fn importer_et_exporter_les_ressources_depuis_la_fenetre() {
    use binome::ui::ecrans::ressources::{self, echange};
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    let avant = app.session.nombre_ressources().expect("nombre");
    let bon = dir.path().join("services.json");
    std::fs::write(
        &bon,
        r#"[{"source": "dora", "id": "dora--7", "structure_id": "s", "nom": "Permanence d'accès aux droits",
             "description": "Aide aux démarches administratives.", "date_maj": "2026-10-01",
             "thematiques": ["difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"],
             "code_insee": "13005"}]"#,
    )
    .expect("fichier");
    let casse = dir.path().join("casse.json");
    std::fs::write(&casse, r#"[{"source": "dora", "id": "dora--8", "structure_id": "s", "description": "Sans nom.", "date_maj": "2026-10-01", "thematiques": ["sante--sante-mentale"]}]"#)
        .expect("fichier");
    let echange = |m: echange::Message| Message::Ressources(ressources::Message::Echange(m));
    profil(
        &mut app,
        dir.path(),
        binome::domain::ressources::Habilitation::Consultation,
    );
    appliquer(
        &mut app,
        vec![
            Message::Clavier(Raccourci::Aller(Nav::Parametres)),
            Message::Clavier(Raccourci::Aller(Nav::Ressources)),
            Message::Ressources(ressources::Message::Echanges),
            echange(echange::Message::Fichiers(casse.display().to_string())),
            echange(echange::Message::Verifier),
        ],
    );
    assert!(voit_contenant(
        &app,
        "Import refusé, rien n'a été enregistré"
    ));
    assert!(voit_contenant(&app, "casse.json, ligne 1 (dora--8)"));
    // Profil consultation : vérifier oui, importer non.
    assert!(voit_contenant(
        &app,
        "L'import demande le profil « mise à jour »"
    ));
    profil(
        &mut app,
        dir.path(),
        binome::domain::ressources::Habilitation::MiseAJour,
    );
    appliquer(
        &mut app,
        vec![
            Message::Clavier(Raccourci::Aller(Nav::Parametres)),
            Message::Clavier(Raccourci::Aller(Nav::Ressources)),
            Message::Ressources(ressources::Message::Echanges),
            echange(echange::Message::Fichiers(casse.display().to_string())),
            echange(echange::Message::Verifier),
        ],
    );
    // L'import n'est possible qu'après un essai à blanc réussi du même fichier.
    appliquer(&mut app, vec![echange(echange::Message::Importer)]);
    assert_eq!(app.session.nombre_ressources().expect("nombre"), avant);
    appliquer(
        &mut app,
        vec![
            echange(echange::Message::Fichiers(bon.display().to_string())),
            echange(echange::Message::Verifier),
        ],
    );
    assert!(voit_contenant(
        &app,
        "Essai à blanc, rien n'a été enregistré : 1 ligne(s) lue(s), 1 créée(s)"
    ));
    assert_eq!(app.session.nombre_ressources().expect("nombre"), avant);
    cliquer(&mut app, "Importer");
    assert_eq!(app.session.nombre_ressources().expect("nombre"), avant + 1);
    assert!(voit_contenant(&app, "Import terminé"));
    // Hors du dossier de données, où rien n'est jamais écrit.
    let documents = tempfile::tempdir().expect("documents");
    let export = documents.path().join("export.csv");
    appliquer(
        &mut app,
        vec![
            echange(echange::Message::CheminExport(export.display().to_string())),
            echange(echange::Message::Exporter),
        ],
    );
    assert!(voit_contenant(
        &app,
        &format!("{} ressource(s) exportée(s)", avant + 1)
    ));
    let contenu = std::fs::read_to_string(&export).expect("export");
    assert!(contenu.starts_with('\u{feff}') && contenu.contains("dora--7"));

    // Un long import dit où il en est, et peut être annulé.
    let lu = |avance| {
        echange(echange::Message::Lu {
            fichiers: bon.display().to_string(),
            essai: false,
            avance,
        })
    };
    appliquer(
        &mut app,
        vec![lu(binome::ui::tache::Avance::Etape {
            etape: "Import",
            fait: 500,
            total: 1200,
        })],
    );
    assert!(voit_contenant(
        &app,
        "Import : 500 / 1200 ressources (41 %)"
    ));
    assert!(voit_contenant(&app, "Annuler"));
    appliquer(
        &mut app,
        vec![lu(binome::ui::tache::Avance::Fin(Err(
            binome::services::ErreurService::Store(binome::store::ErreurStore::Annule),
        )))],
    );
    assert!(!voit_contenant(&app, "500 / 1200"));
    assert!(voit_contenant(&app, "Annulé : rien n'a été enregistré."));
}

/// La réponse donnée au retour d'une fiche de liaison se lit dans le dossier.
#[test]
fn la_reponse_au_retour_d_une_fiche_se_lit_dans_le_dossier() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 30);
    let (id, fiche) = app
        .session
        .portefeuille()
        .iter()
        .find_map(|r| {
            let d = app.session.dossier(r.id).ok().flatten()?;
            let f = d
                .fiches
                .iter()
                .find(|f| !f.commentaire_retour.trim().is_empty())?
                .clone();
            Some((r.id, f))
        })
        .expect("un dossier avec une fiche retournée commentée");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(id))],
    );
    assert!(voit_contenant(
        &app,
        &format!(
            "Retour du {} : {}",
            fiche.emetteur.autre().libelle(),
            fiche.commentaire_retour.trim()
        )
    ));
}

/// L'orientation en accompagnement social exclusif montre la condition d'inscription telle
/// que la convention l'écrit (article 1.3.3), mot pour mot.
#[test]
fn l_orientation_en_ase_cite_la_convention() {
    use binome::ui::ecrans::dossier::formulaire::Formulaire;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    let id = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.etape == Etape::Diagnostic)
        .map(|r| r.id)
        .expect("un dossier au diagnostic");
    appliquer(
        &mut app,
        vec![
            Message::Portefeuille(portefeuille::Message::Ouvrir(id)),
            Message::Dossier(dossier::Message::Ouvrir(Formulaire::SocialExclusif)),
        ],
    );
    let texte = binome::domain::dossier::SocialExclusif::CONDITION_INSCRIPTION;
    assert!(texte.contains("L.5411-2") && texte.contains("actualisation mensuelle"));
    assert!(voit(&app, texte));
}

#[test]
fn changer_la_situation_depuis_le_dossier() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 12);
    let r = ouvrir_en_accompagnement(&mut app);
    cliquer(
        &mut app,
        "Changer la situation (adresse, commune, RSA, enfant, agence…)",
    );
    // Le formulaire reprend la situation actuelle ; rien changé, rien enregistré.
    assert!(
        matches!(&app.page, Page::NouveauDossier(n) if n.saisie.identifiant_ft == r.identifiant_ft)
    );
    cliquer(&mut app, "Enregistrer le changement (Ctrl+S)");
    assert!(voit_contenant(&app, "Rien n'a changé"));
    // Déménagement (à Arles, ou à Marseille 1er pour qui habite Arles) et changement de
    // RSA, datés du 01/11/2026.
    let avant = app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier");
    let (insee, nom) = if avant.personne.commune.as_str() == "13004" {
        ("13201", "Marseille 1er")
    } else {
        ("13004", "Arles")
    };
    let n = |m| Message::Nouveau(m);
    appliquer(
        &mut app,
        vec![
            n(nouveau_dossier::Message::Texte("commune", insee.into())),
            n(nouveau_dossier::Message::Texte(
                "code_postal",
                String::new(),
            )),
            n(nouveau_dossier::Message::Brsa(!r.brsa)),
            n(nouveau_dossier::Message::Texte(
                "date_ouverture",
                "01/11/2026".into(),
            )),
        ],
    );
    // Ce qui est à revoir s'affiche avant d'enregistrer.
    assert!(voit(&app, "À revoir avec ce changement"));
    cliquer(&mut app, "Enregistrer le changement (Ctrl+S)");
    assert!(matches!(&app.page, Page::Dossier(d) if d.id == r.id));
    assert!(voit_contenant(&app, "Situation enregistrée au 01/11/2026."));
    assert!(voit_contenant(&app, nom));
    let d = app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier");
    assert_eq!(d.personne.commune.as_str(), insee);
    assert_eq!(d.personne.brsa, !r.brsa);
    let dernier = app.session.journal(r.id).expect("journal");
    let e = &dernier.last().expect("événement").evenement;
    assert_eq!(e.date(), Some(j("01/11/2026")));
    assert!(
        e.description().contains("commune de résidence"),
        "{}",
        e.description()
    );
}

#[test]
fn passer_en_social_exclusif_puis_revenir_en_accompagnement_global() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 12);
    let r = ouvrir_en_accompagnement(&mut app);
    cliquer(&mut app, "Orienter en accompagnement social exclusif");
    // En cours d'accompagnement global, la décision est conjointe.
    assert!(voit(
        &app,
        "Décision conjointe : accord de chacun des deux professionnels"
    ));
    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    appliquer(
        &mut app,
        vec![
            d(edition::Message::Role(
                binome::domain::professionnel::Role::Referent,
            )),
            d(edition::Message::Coproposee(true)),
            d(edition::Message::Confirmation(true)),
            d(edition::Message::AccordReferent(true)),
        ],
    );
    appliquer(&mut app, hors_binome());
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(
        &app,
        "l'accord du conseiller dédié n'est pas recueilli"
    ));
    appliquer(&mut app, vec![d(edition::Message::AccordConseiller(true))]);
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let dossier = app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier");
    assert_eq!(dossier.etape(), Etape::SocialExclusif);
    assert!(dossier.social_exclusif.is_some_and(|s| s.coproposee));
    // Les freins sont levés : retour, à deux.
    cliquer(&mut app, "Revenir en accompagnement global");
    appliquer(
        &mut app,
        vec![
            d(edition::Message::AccordConseiller(true)),
            d(edition::Message::AccordReferent(true)),
        ],
    );
    appliquer(&mut app, hors_binome());
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let dossier = app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier");
    assert_eq!(dossier.etape(), Etape::Accompagnement);
    assert_eq!(dossier.periodes_social_exclusif.len(), 1);
}

#[test]
fn rectifier_une_date_depuis_la_chronologie() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 12);
    let r = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| r.etape == Etape::Accompagnement)
        .find(|r| {
            app.session.journal(r.id).is_ok_and(|j| {
                j.iter().any(|e| {
                    matches!(
                        e.evenement,
                        binome::domain::dossier::Evenement::ContactEnregistre(_)
                    )
                })
            })
        })
        .cloned()
        .expect("un dossier en accompagnement avec un contact");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(r.id))],
    );
    let journal = app.session.journal(r.id).expect("journal");
    let (n, date) = journal
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, e)| match &e.evenement {
            binome::domain::dossier::Evenement::ContactEnregistre(c) => {
                Some((i as u64 + 1, c.date))
            }
            _ => None,
        })
        .expect("un contact");
    assert!(voit(&app, "Rectifier"));
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Ouvrir(
            binome::domain::dossier::Intention::Rectifier(n),
        ))],
    );
    // La date actuelle est proposée ; sans motif, refusé.
    assert!(voit(&app, &binome::domain::date::date_fr(date)));
    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    let nouvelle = date - chrono::Duration::days(1);
    appliquer(
        &mut app,
        vec![d(edition::Message::Date(binome::domain::date::date_fr(
            nouvelle,
        )))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(&app, "motif de la rectification"));
    appliquer(
        &mut app,
        vec![d(edition::Message::Redaction(
            "Contact de la veille".into(),
        ))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let moi = app
        .session
        .utilisateur()
        .map(|u| u.nom_affiche())
        .expect("utilisateur");
    assert!(voit_contenant(
        &app,
        &format!("rectifié le 23/11/2026 par {moi} : Contact de la veille")
    ));
    let dossier = app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier");
    assert!(dossier.contacts.iter().any(|c| c.date == nouvelle));
}

#[test]
fn un_point_d_echanges_garde_participants_decisions_et_actions() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 12);
    ouvrir_en_accompagnement(&mut app);
    cliquer(&mut app, "Enregistrer un point d'échanges");
    // Les deux professionnels sont cochés d'office ; les actions du carnet sont proposées.
    assert!(voit(&app, "Actions du carnet concernées"));
    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    appliquer(
        &mut app,
        vec![
            d(edition::Message::PointPersonne(true)),
            d(edition::Message::PointAutres(
                "M. Essai (mission locale)".into(),
            )),
            d(edition::Message::PointDecisions(
                "Inscription à l'atelier CV".into(),
            )),
            d(edition::Message::PointAction(1, true)),
            d(edition::Message::Redaction("Point sur la recherche".into())),
        ],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(
        &app,
        "tenu avec la personne, le conseiller dédié, le référent social, M. Essai (mission locale) ; décidé : Inscription à l'atelier CV ; actions n° 1"
    ));
}

#[test]
fn prescrire_une_ressource_des_le_diagnostic() {
    use binome::domain::dossier::Evenement;
    use binome::ui::ecrans::ressources;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 80);
    // Un dossier au diagnostic dont un besoin social est évalué.
    let (id, besoin) = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| matches!(r.etape, Etape::Diagnostic | Etape::Reoriente))
        .find_map(|r| {
            let d = app.session.dossier(r.id).ok()??;
            d.diagnostics
                .iter()
                .flat_map(|x| x.evaluations.iter())
                .next()
                .map(|e| (d.id, e.besoin.clone()))
        })
        .expect("un dossier au diagnostic");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(id))],
    );
    assert!(voit(&app, "Prescrire une ressource"));
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::RessourcesAuDiagnostic(
            besoin.clone(),
        ))],
    );
    assert!(voit_contenant(&app, "au diagnostic"));
    let Page::Ressources(e) = &app.page else {
        panic!("écran Ressources ouvert pour prescrire")
    };
    let Some(choisie) = e.resultats.trouvees.first().map(|t| t.ressource.clone()) else {
        panic!("aucune ressource proposée pour ce besoin");
    };
    appliquer(
        &mut app,
        vec![Message::Ressources(ressources::Message::Prescrire(
            choisie.id,
        ))],
    );
    assert!(matches!(&app.page, Page::Dossier(d) if d.id == id));
    let journal = app.session.journal(id).expect("journal");
    assert!(matches!(
        &journal.last().expect("événement").evenement,
        Evenement::RessourcePrescriteAuDiagnostic(p) if p.besoin == besoin
    ));
    assert!(voit_contenant(
        &app,
        &format!(
            "Ressource prescrite au diagnostic le 23/11/2026 : {}",
            choisie.nom
        )
    ));
}

/// Un espace neuf, sans démonstration : le conseiller ouvre un dossier et, l'annuaire étant
/// vide, ajoute le référent depuis le choix du binôme, puis le désigne.
#[test]
fn un_espace_neuf_ajoute_le_referent_depuis_le_choix_du_binome() {
    use binome::domain::professionnel::Role;
    use binome::ui::ecrans::annuaire;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = App::new(session(dir.path()));
    saisir(&mut app, accueil::ID_PRENOM, "Agathe");
    saisir(&mut app, accueil::ID_NOM, "Essai");
    let agence = app.session.referentiel().structures.agences[0].clone();
    appliquer(
        &mut app,
        vec![
            Message::Accueil(accueil::Message::Role(Role::Conseiller)),
            Message::Accueil(accueil::Message::Structure(accueil::Structure {
                code: agence.code.clone(),
                nom: agence.nom.clone(),
                genre: None,
            })),
        ],
    );
    cliquer(&mut app, "Créer mon espace");
    // Un dossier, son entretien n°1 volet emploi.
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    appliquer(
        &mut app,
        vec![Message::Nouveau(nouveau_dossier::Message::Civilite(
            binome::domain::personne::Civilite::Monsieur,
        ))],
    );
    saisir(&mut app, "nom", "Premier");
    saisir(&mut app, "prenom", "Jour");
    saisir(&mut app, "date_naissance", "01/02/1980");
    saisir(&mut app, "identifiant_ft", "1111111A");
    saisir(&mut app, "commune", &agence.communes[0]);
    cliquer(&mut app, "Enregistrer le dossier (Ctrl+S)");
    let id = match &app.page {
        Page::Dossier(d) => d.id,
        _ => panic!("le dossier créé doit s'ouvrir"),
    };
    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    cliquer(&mut app, "Étape suivante : Entretien n°1 volet emploi");
    appliquer(
        &mut app,
        vec![d(edition::Message::Redaction("Projet : cariste".into()))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // Le référent : l'annuaire est vide, on l'ajoute sans quitter le parcours.
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Ouvrir(
            binome::domain::dossier::Intention::Designer(Role::Referent),
        ))],
    );
    assert!(voit(&app, "Désigner le référent social"));
    cliquer(&mut app, "Ajouter un professionnel à l'annuaire");
    assert!(matches!(&app.page, Page::Annuaire(a) if a.formulaire.is_some()));
    // Un champ manque : chaque erreur est dite, rien n'est enregistré.
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(&app, "point(s) à corriger"));
    assert!(voit_contenant(&app, "Choisissez Madame ou Monsieur."));
    let a = |m| Message::Annuaire(m);
    appliquer(
        &mut app,
        vec![
            a(annuaire::Message::Civilite(
                binome::domain::personne::Civilite::Madame,
            )),
            a(annuaire::Message::Texte("nom", "Sociale".into())),
            a(annuaire::Message::Texte("prenom", "Rita".into())),
            a(annuaire::Message::Texte(
                "partenaire",
                "CCAS d'essai".into(),
            )),
            a(annuaire::Message::Texte(
                "telephone",
                "04 90 00 00 01".into(),
            )),
        ],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    // Retour au dossier, le choix du référent rouvert, avec la nouvelle venue.
    assert!(matches!(&app.page, Page::Dossier(e) if e.id == id));
    let rita = app
        .session
        .professionnels()
        .expect("annuaire")
        .into_iter()
        .find(|p| p.nom == "Sociale")
        .expect("Rita");
    assert!(matches!(&app.page, Page::Dossier(e)
        if e.edition.as_ref().map(|x| x.formulaire)
            == Some(binome::domain::dossier::Intention::Designer(Role::Referent))));
    appliquer(
        &mut app,
        vec![d(edition::Message::Membre(Option_ {
            code: rita.id.to_string(),
            libelle: String::new(),
        }))],
    );
    assert!(matches!(&app.page, Page::Dossier(e)
        if e.edition.as_ref().and_then(|x| x.saisie.membre.as_ref()).map(|m| m.id) == Some(rita.id)));
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let dossier = app.session.dossier(id).expect("lecture").expect("dossier");
    assert_eq!(dossier.referent.map(|m| m.id), Some(rita.id));
    // L'annuaire la montre avec sa structure ; Ctrl+6 y mène.
    aller(&mut app, Nav::Annuaire);
    assert!(voit(&app, "Référents sociaux (1)"));
    assert!(voit(&app, "CCAS d'essai"));
}

/// Un bouton cliqué garde le focus, que son anneau montre ; Entrée ou Espace le redéclenche
/// ensuite, comme un clic. Sans focus, Entrée ne déclenche rien.
#[test]
fn un_bouton_se_declenche_au_clavier() {
    use iced::keyboard::{key::Named, Key};
    let dir = tempfile::tempdir().expect("tmp");
    let app = App::new(session(dir.path()));
    let creer = |m: &Message| matches!(m, Message::Accueil(accueil::Message::Creer));
    let mut ui = simulateur(&app);
    let _ = ui.tap_key(Key::Named(Named::Enter));
    ui.click("Créer mon espace").expect("bouton");
    let _ = ui.tap_key(Key::Named(Named::Enter));
    let _ = ui.tap_key(Key::Named(Named::Space));
    let messages: Vec<Message> = ui.into_messages().collect();
    assert_eq!(
        messages.iter().filter(|m| creer(m)).count(),
        3,
        "un clic, puis Entrée et Espace : {messages:?}"
    );
}

/// À faire regroupe les alertes par famille, avec leur nombre ; un terme dépassé fait de la
/// clôture l'étape suivante, motif « fin de terme » proposé.
#[test]
fn a_faire_par_famille_et_terme_depasse() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 80);
    let depasses: Vec<_> = app
        .session
        .a_faire()
        .into_iter()
        .filter(|(_, a)| matches!(a, binome::domain::echeances::Alerte::TermeDepasse { .. }))
        .map(|(r, _)| r.id)
        .collect();
    assert!(
        !depasses.is_empty(),
        "la démonstration a des termes dépassés"
    );
    assert!(voit(&app, &format!("Termes dépassés ({})", depasses.len())));
    appliquer(
        &mut app,
        vec![Message::AFaire(a_faire_ecran::Message::Ouvrir(
            depasses[0],
            None,
        ))],
    );
    cliquer(
        &mut app,
        "Étape suivante : Clôturer le dossier (terme dépassé)",
    );
    assert!(matches!(&app.page, Page::Dossier(e)
        if e.edition.as_ref().and_then(|x| x.saisie.motif) == Some(ChoixMotif::FinDeTerme)));
}

/// Tous les champs obligatoires sont dits ensemble, avec un résumé près du bouton ; un code
/// postal qui ne va pas avec la commune est nommé comme tel.
#[test]
fn chaque_erreur_est_dite_a_sa_place() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Nouveau)]);
    saisir(&mut app, "code_postal", "13001");
    saisir(&mut app, "commune", "13004");
    saisir(&mut app, "commune", "");
    let n = |m| Message::Nouveau(m);
    appliquer(
        &mut app,
        vec![n(nouveau_dossier::Message::Texte(
            "commune",
            "Arles".into(),
        ))],
    );
    cliquer(&mut app, "Enregistrer le dossier (Ctrl+S)");
    assert!(voit(&app, "⚠ Le nom est obligatoire."));
    assert!(voit(&app, "⚠ Le prénom est obligatoire."));
    let erreurs = match &app.page {
        Page::NouveauDossier(n) => n.erreurs.clone(),
        _ => panic!("formulaire"),
    };
    assert!(
        erreurs.iter().any(|e| e.champ == "code_postal"
            && e.message
                .starts_with("Le code postal 13001 ne correspond pas à Arles (13")),
        "{erreurs:?}"
    );
    assert!(voit_contenant(
        &app,
        "point(s) à corriger avant d'enregistrer"
    ));
}

/// Une ligne du portefeuille qui a le focus s'ouvre par Entrée ; les flèches demandent la
/// ligne voisine.
#[test]
fn le_portefeuille_se_parcourt_au_clavier() {
    use iced::keyboard::{key::Named, Key};
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 12);
    appliquer(&mut app, vec![Message::Naviguer(Nav::Portefeuille)]);
    let premier = app.session.portefeuille()[0].clone();
    let nom = format!("{} {}", premier.nom.to_uppercase(), premier.prenom);
    let mut ui = simulateur(&app);
    ui.click(nom.as_str()).expect("ligne");
    let _ = ui.tap_key(Key::Named(Named::ArrowDown));
    let _ = ui.tap_key(Key::Named(Named::ArrowUp));
    let _ = ui.tap_key(Key::Named(Named::Enter));
    let messages: Vec<Message> = ui.into_messages().collect();
    let ouvertures = messages
        .iter()
        .filter(|m| matches!(m, Message::Portefeuille(portefeuille::Message::Ouvrir(id)) if *id == premier.id))
        .count();
    assert_eq!(ouvertures, 2, "le clic puis Entrée : {messages:?}");
    assert!(messages.iter().any(|m| matches!(
        m,
        Message::Portefeuille(portefeuille::Message::LigneSuivante)
    )));
    assert!(messages.iter().any(|m| matches!(
        m,
        Message::Portefeuille(portefeuille::Message::LignePrecedente)
    )));
}

/// Le consentement au partage, depuis la rubrique du contrat : sans catégorie, refusé avec
/// ce qu'il faut faire ; enregistré, il s'affiche avec sa portée ; révoqué, plus rien.
#[test]
fn le_consentement_se_recueille_et_se_revoque_depuis_le_dossier() {
    use binome::domain::dossier::{CategorieSecret, MoyenConsentement};
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 12);
    let r = ouvrir_en_accompagnement(&mut app);
    let d = |m| Message::Dossier(dossier::Message::Edition(m));
    cliquer(&mut app, "Enregistrer le consentement au partage");
    appliquer(
        &mut app,
        vec![d(edition::Message::Moyen(
            MoyenConsentement::FormulaireEcrit,
        ))],
    );
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(voit_contenant(&app, "cochez au moins une catégorie"));
    cliquer(&mut app, "Logement");
    cliquer(&mut app, "Budget et dettes");
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    let c = app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier")
        .consentement()
        .cloned()
        .expect("consentement enregistré");
    assert_eq!(
        c.categories,
        [CategorieSecret::Logement, CategorieSecret::Budget]
    );
    assert!(voit_contenant(&app, ": logement, budget et dettes."));
    cliquer(&mut app, "Révoquer le consentement au partage");
    cliquer(&mut app, "Enregistrer (Ctrl+S)");
    assert!(app
        .session
        .dossier(r.id)
        .expect("lecture")
        .expect("dossier")
        .consentement()
        .is_none());
    assert!(voit_contenant(&app, "Consentement au partage révoqué le"));
}

/// Le conseiller dédié (l'utilisateur de la démonstration) ne lit du volet social que ce
/// que la personne a accepté de partager ; il ne réécrit pas un volet qu'il ne voit qu'en
/// partie.
#[test]
fn le_conseiller_ne_lit_du_volet_social_que_ce_qui_est_partage() {
    use binome::domain::professionnel::Role;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    assert_eq!(
        app.session.utilisateur().map(|u| u.role()),
        Some(Role::Conseiller)
    );
    let freins = app.session.freins().clone();
    let (id, cache) = app
        .session
        .portefeuille()
        .iter()
        .filter_map(|r| app.session.dossier(r.id).ok().flatten())
        .find_map(|d| {
            let vu = d.vu_par(Role::Conseiller, &freins).into_owned();
            let cache = d
                .diagnostics
                .iter()
                .filter(|g| g.volet == binome::domain::diagnostic::Volet::Social)
                .flat_map(|g| &g.evaluations)
                .find(|e| {
                    freins.besoin(&e.besoin).is_some()
                        && !vu
                            .diagnostics
                            .iter()
                            .flat_map(|g| &g.evaluations)
                            .any(|v| v.besoin == e.besoin)
                })
                .map(|e| e.besoin.clone())?;
            Some((d.id, cache))
        })
        .expect("un dossier dont une part du volet social n'est pas partagée");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(id))],
    );
    let (_, besoin) = freins.besoin(&cache).expect("besoin");
    assert!(!voit_contenant(&app, &besoin.libelle), "{}", besoin.libelle);
    assert!(voit_contenant(&app, ": oui (détail non partagé)"));
    cliquer(&mut app, "Diagnostic volet social");
    assert!(voit_contenant(
        &app,
        "c'est le référent social qui le met à jour"
    ));
    assert!(matches!(&app.page, Page::Dossier(e) if e.edition.is_none()));
}

/// Une action sur un frein non partagé ne se lit ni dans le carnet ni dans la chronologie
/// du conseiller.
#[test]
fn une_action_non_partagee_ne_se_lit_nulle_part_cote_conseiller() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    let freins = app.session.freins().clone();
    let (id, titre) = app
        .session
        .portefeuille()
        .iter()
        .filter_map(|r| app.session.dossier(r.id).ok().flatten())
        .find_map(|d| {
            d.actions
                .iter()
                .find(|a| d.action_cachee_au_conseiller(a, &freins))
                .map(|a| (d.id, a.libelle.clone()))
        })
        .expect("une action sur un frein non partagé");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(id))],
    );
    assert!(!voit_contenant(&app, &titre), "{titre}");
    assert!(voit_contenant(
        &app,
        binome::domain::dossier::ACTION_NON_PARTAGEE
    ));
}

/// Depuis un dossier clôturé : le relevé des données de la personne, puis l'effacement à sa
/// demande, confirmé par un autre administrateur ; le dossier disparaît du portefeuille et
/// l'attestation est écrite.
#[test]
fn effacer_un_dossier_cloture_a_la_demande_de_la_personne() {
    use binome::ui::ecrans::dossier::effacement;
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 60);
    // Un second administrateur, qui confirmera.
    {
        let espace = app.session.espace().clone();
        let poste = app.session.poste();
        let mut store = crate::commun::base(dir.path());
        binome::services::acces::Comptes::de(&espace, &poste)
            .creer(&mut store, "b.admin", "Admin-Binome-2026!", None, true)
            .expect("second administrateur");
    }
    let r = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.etape == Etape::Cloture)
        .cloned()
        .expect("un dossier clôturé");
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Ouvrir(r.id))],
    );
    let sorties = tempfile::tempdir().expect("sorties");
    // Le relevé d'abord, comme on le remet à la personne.
    cliquer(&mut app, "Données de la personne…");
    let releve = sorties.path().join("releve.pdf");
    appliquer(
        &mut app,
        vec![Message::Dossier(dossier::Message::Impression(
            impression::Message::Chemin(releve.display().to_string()),
        ))],
    );
    cliquer(&mut app, "Enregistrer le PDF");
    assert!(releve.exists() && releve.with_extension("json").exists());
    cliquer(&mut app, "Fermer");
    cliquer(&mut app, "Effacer à la demande de la personne…");
    assert!(voit(&app, "Effacer à la demande de la personne"));
    let attestation = sorties.path().join("attestation.pdf");
    let e = |m| Message::Dossier(dossier::Message::Effacement(m));
    appliquer(
        &mut app,
        vec![
            e(effacement::Message::Administrateur("b.admin".into())),
            e(effacement::Message::MotDePasse("mauvais".into())),
            e(effacement::Message::Chemin(
                attestation.display().to_string(),
            )),
        ],
    );
    cliquer(&mut app, "Effacer définitivement");
    assert!(
        voit_contenant(&app, "Identifiant ou mot de passe incorrect"),
        "un mauvais mot de passe est refusé"
    );
    assert!(!attestation.exists());
    appliquer(
        &mut app,
        vec![e(effacement::Message::MotDePasse(
            "Admin-Binome-2026!".into(),
        ))],
    );
    cliquer(&mut app, "Effacer définitivement");
    assert!(voit(&app, "Dossier effacé"), "le dossier effacé le dit");
    assert!(attestation.exists(), "l'attestation est écrite");
    assert!(app.session.portefeuille().iter().all(|x| x.id != r.id));
    assert!(crate::commun::base(dir.path())
        .dossier(r.id)
        .expect("lecture")
        .is_none());
    cliquer(&mut app, "Retour au portefeuille");
}

/// « Exporter (CSV) » depuis le portefeuille écrit ce qui est affiché, filtres compris, et dit
/// où ; le fichier est dans le dossier des documents.
#[test]
fn le_portefeuille_exporte_ce_qu_il_montre() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Rechercher)]);
    let cible = app.session.portefeuille()[0].nom.clone();
    saisir(&mut app, portefeuille::ID_RECHERCHE, &cible);
    let affiches = app.portefeuille.nombre_affiche();
    assert!(affiches >= 1 && affiches < app.session.portefeuille().len());
    appliquer(
        &mut app,
        vec![Message::Portefeuille(portefeuille::Message::Exporter(
            false,
        ))],
    );
    let avis = app.avis.clone().expect("l'export est dit");
    assert!(
        avis.starts_with(&format!("{affiches} dossier(s) exporté(s) dans ")),
        "{avis}"
    );
    let chemin = avis
        .split(" dans ")
        .nth(1)
        .and_then(|s| s.split(" (").next())
        .expect("chemin");
    let contenu = std::fs::read_to_string(chemin).expect("fichier");
    let _ = std::fs::remove_file(chemin);
    assert_eq!(contenu.trim_end().split("\r\n").count(), affiches + 1);
    assert!(contenu.contains(cible.as_str()));
}

/// « Imprimer les contrats » depuis le portefeuille écrit, en un lot, le contrat de chaque
/// dossier affiché en cours d'accompagnement global, dans un dossier daté qu'il nomme.
#[test]
fn le_portefeuille_imprime_les_contrats_de_ce_qu_il_montre() {
    use binome::domain::dossier::{Etape, Modalite};
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 40);
    let attendus = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| r.modalite == Modalite::AccompagnementGlobal && r.etape != Etape::Cloture)
        .count();
    assert!(attendus > 1);
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Rechercher)]);
    cliquer(&mut app, "Imprimer les contrats");
    let avis = app.avis.clone().expect("l'impression est dite");
    assert!(
        avis.starts_with(&format!("{attendus} contrat(s) écrit(s) dans ")),
        "{avis}"
    );
    let dossier = avis
        .split(" dans ")
        .nth(1)
        .and_then(|s| s.split(", prêts").next())
        .expect("dossier");
    let fichiers: Vec<_> = std::fs::read_dir(dossier)
        .expect("dossier des contrats")
        .filter_map(Result::ok)
        .map(|f| f.path())
        .collect();
    let pdf = fichiers
        .iter()
        .filter(|f| std::fs::read(f).is_ok_and(|o| o.starts_with(b"%PDF")))
        .count();
    let _ = std::fs::remove_dir_all(dossier);
    assert_eq!((fichiers.len(), pdf), (attendus, attendus));

    // Un dossier clôturé seul à l'écran : rien à imprimer, et c'est dit.
    let clos = app
        .session
        .portefeuille()
        .iter()
        .find(|r| r.etape == Etape::Cloture)
        .map(|r| r.identifiant_ft.clone())
        .expect("un dossier clôturé dans la démonstration");
    appliquer(&mut app, vec![Message::Clavier(Raccourci::Rechercher)]);
    saisir(&mut app, portefeuille::ID_RECHERCHE, &clos);
    cliquer(&mut app, "Imprimer les contrats");
    assert!(
        app.avis
            .as_deref()
            .is_some_and(|a| a.contains("aucun contrat à imprimer")),
        "{:?}",
        app.avis
    );
}
