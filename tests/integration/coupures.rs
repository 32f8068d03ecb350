//! Coupures brutales (SIGKILL) d'un processus qui écrit : aucune écriture acquittée perdue,
//! rien d'écrit à moitié, la base intègre ; un fichier remplacé reste l'ancien ou le nouveau.

use binome::bench::coupures::{campagne, fichier_d_essai, Cible};

fn graine() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
}

#[test]
fn deux_cents_coupures_pendant_l_ecriture_ne_perdent_aucun_evenement_acquitte() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().join("donnees");
    let graine = graine();
    let b = campagne(
        std::path::Path::new(env!("CARGO_BIN_EXE_binome")),
        &d,
        200,
        &Cible::Evenements,
        graine,
    )
    .expect("campagne");
    assert_eq!(b.coupures, 200);
    assert!(
        b.acquittees >= 200,
        "chaque écrivain a écrit avant d'être tué"
    );
    assert_eq!(b.perdues, 0, "graine {graine} : {:?}", b.problemes);
    assert!(
        b.problemes.is_empty(),
        "graine {graine} : {:?}",
        b.problemes
    );
}

#[test]
fn un_fichier_remplace_pendant_une_coupure_est_l_ancien_ou_le_nouveau_entier() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().join("donnees");
    let f = fichier_d_essai(&d);
    let graine = graine();
    let b = campagne(
        std::path::Path::new(env!("CARGO_BIN_EXE_binome")),
        &d,
        60,
        &Cible::Fichier(f.clone()),
        graine,
    )
    .expect("campagne");
    assert_eq!(b.coupures, 60);
    assert!(b.acquittees >= 60);
    assert!(
        b.problemes.is_empty(),
        "graine {graine} : {:?}",
        b.problemes
    );
    // Aucun temporaire abandonné n'est pris pour le fichier.
    assert!(f.exists());
}

#[test]
fn un_import_coupe_entre_en_entier_ou_pas_du_tout() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().join("donnees");
    let graine = graine();
    let b = campagne(
        std::path::Path::new(env!("CARGO_BIN_EXE_binome")),
        &d,
        30,
        &Cible::Import,
        graine,
    )
    .expect("campagne");
    assert_eq!(b.coupures, 30);
    assert!(b.acquittees >= 30);
    assert_eq!(b.perdues, 0, "graine {graine} : {:?}", b.problemes);
    assert!(
        b.problemes.is_empty(),
        "graine {graine} : {:?}",
        b.problemes
    );
}
