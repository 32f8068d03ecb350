//! L'écran « Indicateurs » conduit comme un utilisateur : période, agence, clic sur un
//! nombre (ses dossiers comptés), export.

use crate::commun::ecran::{app_demo, executer, simulateur_de};
use binome::domain::indicateurs::{Case, Cle};
use binome::services::indicateurs::FormatExport;
use binome::ui::app::{App, Message, Nav, Page};
use binome::ui::ecrans::indicateurs::Message as M;

/// Envoie le message et attend ses tâches (calcul, export), comme la fenêtre.
fn envoyer(app: &mut App, m: M) {
    let t = app.update(Message::Indicateurs(m));
    executer(app, t);
}

fn naviguer(app: &mut App) {
    let t = app.update(Message::Naviguer(Nav::Indicateurs));
    executer(app, t);
}

fn ecran(app: &App) -> &binome::ui::ecrans::indicateurs::EcranIndicateurs {
    match &app.page {
        Page::Indicateurs(e) => e,
        _ => panic!("l'écran des indicateurs n'est pas affiché"),
    }
}

#[test]
fn indicateurs_periode_detail_de_ses_dossiers_et_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 60);
    naviguer(&mut app);
    {
        let mut ui = simulateur_de(&app, 2400.0);
        for t in [
            "Indicateurs du comité de pilotage",
            "Diagnostics partagés, entrées et sorties par mois",
            "Sorties par nature sur la période",
            "Orientations et diagnostic partagé",
            // La période, en toutes lettres.
            "Période : de décembre 2025 à novembre 2026 (les deux mois inclus).",
        ] {
            assert!(ui.find(t).is_ok(), "« {t} » absent");
        }
    }
    // Un mauvais mois : un message clair, les chiffres précédents restent.
    envoyer(&mut app, M::De("2026-13".into()));
    envoyer(&mut app, M::Calculer);
    assert!(ecran(&app)
        .erreur
        .as_deref()
        .is_some_and(|e| e.contains("01 à 12")));
    envoyer(&mut app, M::De("2025-12".into()));
    envoyer(&mut app, M::A("2026-11".into()));
    envoyer(&mut app, M::Calculer);
    assert!(ecran(&app).erreur.is_none());
    // Les entrées de toute la période : ses propres dossiers parmi eux.
    let moi = app.session.utilisateur().as_ref().expect("utilisateur").id;
    let b = ecran(&app).bornes.expect("bornes");
    let miens_entres = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| r.conseiller_id == Some(moi) || r.referent_id == Some(moi))
        .filter(|r| {
            r.date_entree
                .is_some_and(|d| d >= b.de.premier_jour() && d <= b.a.dernier_jour())
        })
        .count();
    envoyer(
        &mut app,
        M::Case(
            Case {
                mois: None,
                agence: None,
                cle: Cle::Entrees,
                detail: None,
            },
            "Entrées".into(),
        ),
    );
    let (_, dossiers) = ecran(&app).detail.clone().expect("détail");
    assert_eq!(dossiers.len(), miens_entres);
    assert!(miens_entres > 0, "la démonstration a des entrées");
    // Ouvrir un dossier depuis le détail.
    envoyer(&mut app, M::Ouvrir(dossiers[0].0));
    assert!(matches!(app.page, Page::Dossier(_)));
    // Export XLSX depuis l'écran.
    naviguer(&mut app);
    // Hors du dossier de données, où rien n'est jamais écrit.
    let documents = tempfile::tempdir().expect("documents");
    let chemin = documents.path().join("export").join("i.xlsx");
    envoyer(&mut app, M::Format(FormatExport::Xlsx));
    envoyer(&mut app, M::Chemin(chemin.display().to_string()));
    envoyer(&mut app, M::Exporter);
    assert!(ecran(&app).erreur.is_none(), "{:?}", ecran(&app).erreur);
    assert!(chemin.exists());
}

/// Depuis l'écran : écrire la clé de ce poste pour le coordinateur, et enregistrer la clé
/// d'une autre installation avant de fusionner ses agrégats.
#[test]
fn cles_d_installation_depuis_l_ecran() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 20);
    naviguer(&mut app);
    let sorties = tempfile::tempdir().expect("sorties");
    let ma_cle = sorties.path().join("ma-cle.json");
    envoyer(&mut app, M::CheminCle(ma_cle.display().to_string()));
    envoyer(&mut app, M::ExporterCle);
    assert!(
        ecran(&app)
            .message
            .as_deref()
            .is_some_and(|m| m.contains("Clé de cette installation écrite")),
        "{:?}",
        ecran(&app).erreur
    );
    assert!(std::fs::read_to_string(&ma_cle)
        .expect("clé")
        .contains("binome-cle-installation"));
    // La clé d'une autre installation, reçue par courriel.
    let autre = tempfile::tempdir().expect("autre");
    let sa_cle = sorties.path().join("sa-cle.json");
    assert!(crate::commun::binome(autre.path(), &["check"])
        .status
        .success());
    assert!(crate::commun::binome(
        autre.path(),
        &[
            "indicateurs",
            "cle",
            "--out",
            sa_cle.to_str().expect("chemin")
        ]
    )
    .status
    .success());
    envoyer(&mut app, M::CheminCle(sa_cle.display().to_string()));
    envoyer(&mut app, M::ImporterCle);
    assert!(
        ecran(&app)
            .message
            .as_deref()
            .is_some_and(|m| m.contains("Clé enregistrée")),
        "{:?}",
        ecran(&app).erreur
    );
}

/// Article 1.4 : la charge de chaque conseiller dédié (accompagnements globaux en cours) est
/// montrée à côté du repère de 70 à 100, dans les Indicateurs et sous le nom du conseiller.
#[test]
fn la_charge_des_conseillers_a_cote_du_repere() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 60);
    naviguer(&mut app);
    let moi = app.session.utilisateur().expect("utilisateur").clone();
    let a_la_main = app
        .session
        .portefeuille()
        .iter()
        .filter(|r| {
            r.conseiller_id == Some(moi.id)
                && r.etape == binome::domain::dossier::Etape::Accompagnement
        })
        .count();
    assert!(
        a_la_main > 0,
        "la démonstration lui confie des accompagnements"
    );
    assert_eq!(app.session.mes_accompagnements(), Some(a_la_main));
    let ligne = ecran(&app)
        .portefeuilles
        .iter()
        .find(|(nom, _)| *nom == moi.nom_affiche())
        .cloned()
        .expect("sa ligne");
    assert_eq!(ligne.1, a_la_main);
    let total: usize = ecran(&app).portefeuilles.iter().map(|(_, n)| n).sum();
    // Les portefeuilles des conseillers sont des nombres : ils comptent tout le poste.
    let en_cours = crate::commun::base(dir.path())
        .portefeuille()
        .expect("portefeuille")
        .iter()
        .filter(|r| {
            r.etape == binome::domain::dossier::Etape::Accompagnement && r.conseiller_id.is_some()
        })
        .count();
    assert_eq!(total, en_cours);
    let mut ui = simulateur_de(&app, 2400.0);
    let charge = format!(
        "{a_la_main} en accompagnement global ({})",
        binome::domain::portefeuille::situer(a_la_main)
    );
    assert!(ui.find(charge.as_str()).is_ok(), "{charge}");
    assert!(ui.find("Portefeuilles des conseillers dédiés aujourd'hui (article 1.4 : 70 à 100 personnes chacun)").is_ok());
}

/// Au clavier : Tab jusqu'à un nombre du tableau, Entrée ; ses dossiers s'ouvrent juste
/// sous sa ligne, pas au bas de la page.
#[test]
fn le_detail_d_un_nombre_s_ouvre_sous_sa_ligne() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 60);
    naviguer(&mut app);
    let mut k = crate::commun::clavier::Clavier::new(app, 1280.0, 900.0);
    k.tab_vers("1");
    let case = k.focus().expect("focus").cadre;
    k.entree();
    let detail = k.ou("de vos dossiers").expect("le détail s'ouvre");
    let ecart = detail.y - case.y;
    assert!(
        (0.0..120.0).contains(&ecart),
        "le détail est à {ecart} px du nombre cliqué"
    );
}
