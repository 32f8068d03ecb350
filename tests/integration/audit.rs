//! Le journal d'audit : chaque consultation et chaque modification d'un dossier y entre,
//! sans contenu personnel ; `binome audit verifier` trouve une entrée altérée et dit où ;
//! l'export est lisible par Excel en français ; la purge garde la suite vérifiable.

use crate::commun::ecran::app_demo;
use crate::commun::{binome, imprimer_carnet};
use binome::domain::audit::ActionAudit;

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn consulter_et_modifier_un_dossier_laisse_une_trace_chainee() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app_demo(dir.path(), 5);
    let id = app.session.portefeuille()[0].id;
    // Ouvrir le dossier dans la fenêtre.
    let _ = app.update(binome::ui::app::Message::Portefeuille(
        binome::ui::ecrans::portefeuille::Message::Ouvrir(id),
    ));
    drop(app);
    let store = crate::commun::base(dir.path());
    let lignes = store
        .audit_entre("2000-01-01", "2999-12-31")
        .expect("audit");
    // La dernière consultation (les connexions s'inscrivent aussi).
    let (e, _, _) = lignes
        .iter()
        .rev()
        .find(|(e, _, _)| e.action == ActionAudit::Consultation)
        .expect("une consultation");
    assert!(lignes
        .iter()
        .any(|(e, _, _)| e.action == ActionAudit::Connexion));
    assert_eq!(e.dossier.as_deref(), Some(id.to_string().as_str()));
    assert_eq!(
        store.verifier_audit().expect("lecture"),
        Ok(lignes.len() as u64)
    );
}

#[test]
fn une_entree_alteree_est_trouvee_et_l_export_se_lit() {
    let dir = tempfile::tempdir().expect("tmp");
    // Les entrées déjà là : l'installation du poste et la connexion des essais.
    let avant;
    {
        let mut store = crate::commun::base(dir.path());
        avant = store.verifier_audit().expect("lecture").expect("saine");
        for (i, action) in [
            ActionAudit::Consultation,
            ActionAudit::Modification,
            ActionAudit::Impression,
        ]
        .into_iter()
        .enumerate()
        {
            store
                .auditer(
                    &format!("2026-11-0{}T09:30:00", i + 1),
                    "p-1",
                    action,
                    Some("d-1"),
                )
                .expect("audit");
        }
    }
    let o = binome(dir.path(), &["audit", "verifier"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    // Les trois, et la connexion de la commande elle-même.
    let attendu = format!("{} entrée(s) vérifiée(s)", avant + 4);
    assert!(texte(&o.stdout).contains(&attendu), "{}", texte(&o.stdout));
    // Export de la période, pour Excel en français.
    let csv = dir.path().join("audit.csv");
    let o = binome(
        dir.path(),
        &[
            "audit",
            "export",
            "--de",
            "2026-11-02",
            "--a",
            "2026-11-30",
            "--out",
            csv.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let contenu = std::fs::read_to_string(&csv).expect("csv");
    assert!(contenu.starts_with("\u{feff}N°;Date;Heure;Qui;Action;Dossier\r\n"));
    assert!(contenu.contains(&format!(
        "{};02/11/2026;09:30:00;p-1;modification;d-1",
        avant + 2
    )));
    assert!(
        !contenu.contains("consultation"),
        "hors période : {contenu}"
    );
    // Quelqu'un retire la protection et réécrit une entrée à la main.
    {
        let store = crate::commun::base(dir.path());
        store
            .connexion()
            .execute_batch(
                "DROP TRIGGER audit_sans_modification;
                 UPDATE audit SET qui = 'p-2' WHERE qui = 'p-1' AND action = 'modification';",
            )
            .expect("altération");
    }
    let altere = format!("l'entrée n° {} a été modifiée", avant + 2);
    let o = binome(dir.path(), &["audit", "verifier"]);
    assert!(!o.status.success());
    assert!(texte(&o.stderr).contains(&altere), "{}", texte(&o.stderr));
    // `binome check` le dit aussi.
    let o = binome(dir.path(), &["check"]);
    assert!(
        texte(&o.stdout).contains(&altere) || texte(&o.stderr).contains(&altere),
        "{}{}",
        texte(&o.stdout),
        texte(&o.stderr)
    );
}

#[test]
fn la_purge_garde_la_suite_verifiable() {
    let dir = tempfile::tempdir().expect("tmp");
    // Une base seule, sans compte : aucune entrée avant celles de l'essai.
    let cle = binome::store::CleBase::generer().expect("clé");
    let mut store = binome::store::Store::ouvrir(dir.path(), &cle).expect("base");
    for (jour, n) in [("2025-01-10", 1), ("2025-06-10", 2), ("2026-11-10", 3)] {
        assert_eq!(
            store
                .auditer(
                    &format!("{jour}T08:00:00"),
                    "p-1",
                    ActionAudit::Export,
                    None
                )
                .expect("audit"),
            n
        );
    }
    assert_eq!(store.purger_audit("2025-12-02").expect("purge"), 2);
    assert_eq!(store.verifier_audit().expect("lecture"), Ok(1));
    // La suite continue la chaîne après la purge.
    store
        .auditer("2026-12-01T08:00:00", "p-1", ActionAudit::Connexion, None)
        .expect("audit");
    assert_eq!(store.verifier_audit().expect("lecture"), Ok(2));
}

#[test]
fn une_impression_est_inscrite_avec_son_dossier() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "5"]).status.success());
    let id = {
        let store = crate::commun::base(d);
        store.portefeuille().expect("portefeuille")[0].id
    };
    let (_sorties, _pdf, o) = imprimer_carnet(d, id);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let store = crate::commun::base(d);
    let lignes = store
        .audit_entre("2000-01-01", "2999-12-31")
        .expect("audit");
    assert!(
        lignes
            .iter()
            .any(|(e, _, _)| e.action == ActionAudit::Impression
                && e.dossier.as_deref() == Some(id.to_string().as_str())),
        "{lignes:?}"
    );
}
