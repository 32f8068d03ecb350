//! Sauvegardes et restauration : chiffrées comme la base, vérifiées avant de remplacer quoi
//! que ce soit, la base remplacée gardée ; rotation des sauvegardes automatiques.

use binome::services::acces;
use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;
use binome::services::espace::Espace;
use binome::store::FICHIER_BASE;

use crate::commun::{binome_en, j};

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn admin(d: &std::path::Path, args: &[&str]) -> std::process::Output {
    binome_en(d, "admin", MOT_DE_PASSE_DEMO, args)
}

fn demo(d: &std::path::Path) {
    let o = crate::commun::binome(
        d,
        &["demo", "--dossiers", "20", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
}

#[test]
fn une_sauvegarde_chiffree_se_restaure_et_garde_la_base_remplacee() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let sauvegarde = d.join("sauvegardes").join("avant.sqlite3");
    std::fs::create_dir_all(d.join("sauvegardes")).expect("dossier");
    let o = admin(
        d,
        &["sauvegarde", "--out", sauvegarde.to_str().expect("chemin")],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    // Chiffrée, sans nom lisible.
    let octets = std::fs::read(&sauvegarde).expect("sauvegarde");
    assert!(!octets.starts_with(b"SQLite format 3"));
    let nom = crate::commun::mes_dossiers(d)[0].nom.clone();
    assert!(!octets.windows(nom.len()).any(|w| w == nom.as_bytes()));
    // Une délégation après la sauvegarde…
    let pros = crate::commun::base(d).professionnels().expect("annuaire");
    crate::commun::base(d)
        .accorder_delegation(
            &binome::domain::compte::Delegation {
                id: uuid::Uuid::new_v4(),
                titulaire: pros[0].id,
                delegataire: pros[1].id,
                dossier: None,
                debut: j("01/12/2026"),
                fin: j("02/12/2026"),
                accordee_par: pros[0].id,
                retiree: false,
            },
            "2026-12-01T09:00:00",
        )
        .expect("délégation");
    assert_eq!(
        crate::commun::base(d).delegations().expect("lecture").len(),
        1
    );
    // … disparaît à la restauration ; la base remplacée est gardée à côté.
    let o = admin(d, &["restaurer", sauvegarde.to_str().expect("chemin")]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(texte(&o.stdout).contains("la base remplacée est gardée"));
    let gardees: Vec<_> = std::fs::read_dir(d)
        .expect("dossier")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("avant-restauration")
        })
        .collect();
    assert_eq!(gardees.len(), 1);
    let o = binome_en(d, "conseiller", MOT_DE_PASSE_DEMO, &["check"]);
    assert!(o.status.success(), "{}", texte(&o.stdout));
    let apres = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["delegations", "lister"],
    );
    assert_eq!(texte(&apres.stdout).trim(), "Aucune délégation.");
    // Une sauvegarde ne se remplace pas.
    let o = admin(
        d,
        &["sauvegarde", "--out", sauvegarde.to_str().expect("chemin")],
    );
    assert!(!o.status.success());
    assert!(texte(&o.stderr).contains("existe déjà"));
}

#[test]
fn une_sauvegarde_illisible_ou_plus_recente_ne_remplace_rien() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let evenements = crate::commun::base(d).nombre_evenements().expect("compte");
    let autre = tempfile::tempdir().expect("autre");
    let faux = autre.path().join("faux.sqlite3");
    std::fs::write(&faux, b"pas une base").expect("faux");
    let o = admin(d, &["restaurer", faux.to_str().expect("chemin")]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("n'est pas une sauvegarde lisible"),
        "{}",
        texte(&o.stderr)
    );
    // Une sauvegarde d'une version plus récente de Binôme.
    let recente = autre.path().join("recente.sqlite3");
    let o = admin(
        d,
        &["sauvegarde", "--out", recente.to_str().expect("chemin")],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    {
        let c = rusqlite::Connection::open(&recente).expect("sqlite");
        binome::store::appliquer_cle(&c, &crate::commun::cle(d)).expect("clé");
        c.execute(
            "INSERT INTO migrations (version, nom, somme, appliquee_le) VALUES (99, 'futur', 'x', 'x')",
            [],
        )
        .expect("version future");
    }
    let o = admin(d, &["restaurer", recente.to_str().expect("chemin")]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("plus récente"),
        "{}",
        texte(&o.stderr)
    );
    // Un professionnel ne restaure pas, même une sauvegarde valide : il n'y est pas
    // administrateur.
    let valide = autre.path().join("valide.sqlite3");
    let o = admin(
        d,
        &["sauvegarde", "--out", valide.to_str().expect("chemin")],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["restaurer", valide.to_str().expect("chemin")],
    );
    assert!(!o.status.success());
    assert!(texte(&o.stderr).contains("réservée aux administrateurs"));
    // Rien n'a été remplacé : pas de base mise de côté, la même base, saine.
    assert!(!std::fs::read_dir(d).expect("dossier").flatten().any(|e| e
        .file_name()
        .to_string_lossy()
        .contains("avant-restauration")));
    assert_eq!(
        crate::commun::base(d).nombre_evenements().expect("compte"),
        evenements
    );
    assert!(!binome::store::est_en_clair(&d.join(FICHIER_BASE)));
}

#[test]
fn les_sauvegardes_automatiques_tournent() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    let a = acces::connecter(&espace, "conseiller", MOT_DE_PASSE_DEMO).expect("connexion");
    let debut = j("02/11/2026");
    for n in 0..40 {
        let jour = debut + chrono::Duration::days(n);
        let poste = binome::services::Poste::ouvrir(&espace, a.clone(), jour).expect("poste");
        binome::services::sauvegardes::automatiques(&poste).expect("sauvegardes");
    }
    let noms: Vec<String> = std::fs::read_dir(d.join("sauvegardes"))
        .expect("dossier")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let quotidiennes = noms
        .iter()
        .filter(|n| n.starts_with("quotidienne-"))
        .count();
    let hebdomadaires = noms
        .iter()
        .filter(|n| n.starts_with("hebdomadaire-"))
        .count();
    assert_eq!((quotidiennes, hebdomadaires), (7, 4), "{noms:?}");
    assert!(
        noms.contains(&"quotidienne-2026-12-11.sqlite3".to_string()),
        "{noms:?}"
    );
}

/// Une ouverture jamais refermée (ce que laisse un processus tué : son fichier d'ouverture,
/// que plus personne ne verrouille) est reconnue à l'ouverture suivante, une seule fois ;
/// une ouverture en cours (une autre fenêtre, une commande) ne l'est pas.
#[test]
fn un_arret_brutal_est_reconnu_a_l_ouverture_suivante() {
    use binome::store::DOSSIER_OUVERTURES;
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    drop(crate::commun::base(d));
    // La base seule : une connexion l'ouvrirait une fois de plus.
    let ouvrir = || binome::store::Store::ouvrir(d, &crate::commun::cle(d)).expect("ouverture");
    let s = ouvrir();
    assert!(!s.interrompue());
    let autre = ouvrir();
    assert!(
        !autre.interrompue(),
        "une ouverture en cours n'est pas un arrêt brutal"
    );
    drop((s, autre));
    let restantes = std::fs::read_dir(d.join(DOSSIER_OUVERTURES))
        .expect("dossier des ouvertures")
        .count();
    assert_eq!(restantes, 0, "une fermeture propre retire son ouverture");

    crate::commun::laisser_une_ouverture(d);
    let s = ouvrir();
    assert!(s.interrompue());
    drop(s);
    assert!(!ouvrir().interrompue(), "vue une fois, retirée");
}

/// Après un arrêt brutal, la connexion relit toute la base avant d'y écrire : une page
/// abîmée est trouvée là, pas plus tard, et la connexion est refusée avec le moyen de
/// restaurer.
#[test]
fn apres_un_arret_brutal_une_base_abimee_est_refusee_a_la_connexion() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    acces::connecter_fenetre(&espace, "admin", MOT_DE_PASSE_DEMO).expect("base saine");
    // Une page du milieu abîmée (le chiffrement la refuse), puis un arrêt brutal.
    crate::commun::abimer_une_page(d);
    crate::commun::laisser_une_ouverture(d);
    let e = acces::connecter_fenetre(&espace, "admin", MOT_DE_PASSE_DEMO)
        .expect_err("base abîmée refusée")
        .to_string();
    assert!(e.contains("endommagé") && e.contains("Restaurer"), "{e}");
}

/// Sans arrêt brutal, la base est relue chaque jour avant la sauvegarde du jour : une base
/// abîmée ne remplace jamais une bonne sauvegarde, et l'erreur dit quoi faire.
#[test]
fn une_base_abimee_n_est_pas_sauvegardee() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    crate::commun::abimer_une_page(d);
    let a = acces::connecter_fenetre(&espace, "admin", MOT_DE_PASSE_DEMO)
        .expect("connexion de la fenêtre sans relecture");
    let poste = binome::services::Poste::ouvrir(&espace, a, j("23/11/2026")).expect("poste");
    let e = binome::services::sauvegardes::automatiques(&poste)
        .expect_err("base abîmée non sauvegardée")
        .to_string();
    assert!(e.contains("endommagé") && e.contains("Restaurer"), "{e}");
    assert!(
        binome::services::sauvegardes::disponibles(&espace).is_empty(),
        "aucune sauvegarde écrite"
    );
}
