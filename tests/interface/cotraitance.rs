//! La cotraitance des jeunes dans la fenêtre, un premier jour (base neuve, sans
//! démonstration), au clavier seul : le conseiller choisit ce parcours à l'ouverture d'un
//! dossier, affecte un jeune (la mission locale de sa commune est proposée, un oubli est
//! dit), puis la mission locale accepte ; À faire mène à ce qui attend.

use binome::domain::cotraitance::Etat;
use binome::domain::professionnel::{Affectation, GenreStructure, Professionnel};
use binome::ui::app::{App, Page};
use uuid::Uuid;

use crate::commun::clavier::Clavier;
use crate::commun::ecran::session;
use crate::commun::*;

fn mission_locale() -> Professionnel {
    Professionnel {
        id: Uuid::from_u128(0x31),
        affectation: Affectation::Structure {
            genre: GenreStructure::MissionLocale,
            code: "ML-MARSEILLE".into(),
            nom: "Mission locale de Marseille".into(),
        },
        ..referent()
    }
}

#[test]
fn le_conseiller_affecte_un_jeune_au_clavier_et_la_mission_locale_l_accepte() {
    let d = tempfile::tempdir().expect("tmp");
    identifier(d.path(), conseiller());
    let mut c = Clavier::new(App::new(session(d.path())), 1280.0, 3000.0);
    // Un premier jour : aucun jeune, et ce qu'il faut faire pour commencer.
    c.ctrl("8");
    assert!(c.voit("Aucun jeune en cotraitance pour l'instant"));
    // Le parcours se choisit à l'ouverture d'un dossier.
    c.ctrl("n");
    c.tab_vers("Cotraitance avec la mission locale…");
    c.entree();
    assert!(c.voit("Affecter un jeune à la mission locale"));
    assert!(
        c.focus().is_some_and(|f| f.est("affectation-nom")),
        "le focus est sur le nom"
    );
    c.taper("Fictif");
    c.tab();
    c.taper("Léo");
    c.tab();
    c.taper("4444444D");
    c.tab();
    c.taper("01/02/2004");
    c.tab();
    c.taper("13201");
    // Sans critère : refusé, avec ce qu'il faut faire ; rien n'est écrit.
    c.ctrl("s");
    assert!(c.voit("Cochez au moins un critère"), "le refus est dit");
    assert!(c.app.session.jeunes().is_empty());
    c.tab_vers("projet professionnel mal défini ou en inadéquation avec le marché du travail");
    c.espace();
    c.ctrl("s");
    assert!(c.voit("Jeune affecté"), "l'affectation est faite");
    assert!(
        c.voit("Mission locale de Marseille"),
        "la mission locale de la commune"
    );
    let jeune = c.app.session.jeunes().first().cloned().expect("un jeune");
    // Le portefeuille mène aux jeunes et les compte.
    c.ctrl("2");
    assert!(c.voit("Jeunes en cotraitance (1) →"));
    assert_eq!(jeune.etat, Etat::Affecte);
    assert_eq!(jeune.faits.affectation.conseiller, Some(conseiller().id));
    // La mission locale, sur ce poste : le jeune est dans sa liste (À faire le dira passé le
    // seuil d'attente de l'acceptation).
    let ml = mission_locale();
    crate::commun::base(d.path())
        .enregistrer_professionnel(&ml, "administrateur", ctx(j("01/12/2026")))
        .expect("fiche");
    c.app.session.definir_utilisateur(ml).expect("utilisateur");
    // Une mission locale n'ouvre pas de dossier : Ctrl+N le dit et mène à ses jeunes.
    c.ctrl("n");
    assert!(c.voit("Une mission locale n'ouvre pas de dossier"));
    assert!(matches!(c.app.page, Page::Cotraitance(_)));
    c.ctrl("8");
    assert!(c.voit("1 jeune(s)"));
    c.tab_vers("Léo FICTIF  (4444444D)");
    c.entree();
    assert!(matches!(c.app.page, Page::Cotraitance(_)));
    assert!(c.voit("Noter une étape"));
    // L'étape attendue (l'acceptation) est proposée : Ctrl+S l'enregistre, datée du jour.
    c.ctrl("s");
    assert!(c.voit("Enregistré : Affectation acceptée par la mission locale"));
    assert_eq!(c.app.session.jeunes()[0].etat, Etat::Accepte);
    // Le conseiller radie le jeune : ce que cela fera est dit, et rien ne s'écrit avant sa
    // confirmation.
    c.app
        .session
        .definir_utilisateur(conseiller())
        .expect("utilisateur");
    c.ctrl("8");
    c.tab_vers("Léo FICTIF  (4444444D)");
    c.entree();
    use binome::domain::cotraitance::StatutInscription;
    use binome::ui::ecrans::cotraitance::etape::{Choix, Message as E, Quoi};
    let etape = |m| {
        binome::ui::app::Message::Cotraitance(binome::ui::ecrans::cotraitance::Message::Etape(m))
    };
    faire(&mut c, etape(E::Quoi(Quoi::Inscription)));
    c.ctrl("s");
    assert!(
        c.voit("Choisissez le nouveau statut d'inscription"),
        "aucun statut par défaut"
    );
    faire(
        &mut c,
        etape(E::Statut(Choix(StatutInscription::Radie, "radié"))),
    );
    c.ctrl("s");
    assert!(
        c.voit("Après cet enregistrement, le jeune sera : sorti : fin de cotraitance anticipée")
    );
    assert_eq!(
        c.app.session.jeunes()[0].etat,
        Etat::Accepte,
        "rien n'est écrit"
    );
    c.ctrl("s");
    assert!(c.voit("Enregistré : Statut d'inscription : radié"));
    assert!(!c.app.session.jeunes()[0].etat.en_cours());
    let v = crate::commun::base(d.path())
        .verifier()
        .expect("vérification");
    assert!(v.est_saine(), "{:?}", v.problemes);
}

/// Un message à la fenêtre, ses tâches de fond exécutées.
fn faire(c: &mut Clavier, m: binome::ui::app::Message) {
    let t = c.app.update(m);
    crate::commun::ecran::executer(&mut c.app, t);
}

#[test]
fn les_chiffres_l_objectif_et_son_depassement_se_voient_dans_la_fenetre() {
    use binome::ui::app::{Message, Nav};
    use binome::ui::ecrans::cotraitance::Message as J;
    let d = tempfile::tempdir().expect("tmp");
    let app = crate::commun::ecran::app_demo(d.path(), 30);
    let mut c = Clavier::new(app, 1280.0, 3000.0);
    // Depuis les Indicateurs, la cotraitance a ses propres chiffres.
    c.ctrl("4");
    c.tab_vers("Cotraitance des jeunes : indicateurs DE0 à DE4, objectifs →");
    c.entree();
    assert!(c.voit("Chiffres de la cotraitance"));
    c.tab_vers("Calculer");
    c.entree();
    // Le calcul se fait en fond : la fenêtre le reçoit.
    faire(&mut c, Message::Naviguer(Nav::Cotraitance));
    faire(&mut c, Message::Cotraitance(J::Chiffres));
    let cotraitance = |m| Message::Cotraitance(J::Chiffre(m));
    use binome::ui::ecrans::cotraitance::chiffres::Message as C;
    faire(&mut c, cotraitance(C::Calculer));
    assert!(c.voit("jeunes en cotraitance"), "DE1 à l'écran");
    // Un objectif de 1 jeune pour la mission locale de la démonstration : dépassé.
    let ml = c.app.session.jeunes()[0]
        .faits
        .affectation
        .mission_locale
        .clone();
    let nom = c
        .app
        .session
        .referentiel()
        .structures
        .nom(&ml)
        .expect("mission locale")
        .to_string();
    faire(
        &mut c,
        cotraitance(C::MissionLocale(
            binome::ui::ecrans::cotraitance::affectation::MissionLocale(ml, nom),
        )),
    );
    faire(&mut c, cotraitance(C::Jeunes("1".into())));
    faire(&mut c, cotraitance(C::Subvention("1 000".into())));
    faire(&mut c, cotraitance(C::EnregistrerObjectif));
    assert!(c.voit("1 jeune(s), 1000 € de subvention"));
    faire(&mut c, cotraitance(C::CalculerActivite));
    assert!(c.voit("Objectif dépassé"), "le dépassement est signalé");
    assert!(c.voit("due au prorata"));
    // Un seuil impossible est refusé avec ce qu'il faut écrire.
    faire(&mut c, cotraitance(C::SeuilAcceptation("0".into())));
    faire(&mut c, cotraitance(C::EnregistrerRegles));
    assert!(c.voit("un nombre de jours, de 1 à 365"));
}
