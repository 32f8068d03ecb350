//! Les pannes, chacune avec un message clair en français, un code de sortie non nul en
//! ligne de commande, sans panique ni corruption : disque plein, dossier en lecture seule,
//! base tronquée, mise à zéro ou remplacée, base d'un schéma plus récent, deux écrivains à
//! la fois, dossier sur un partage réseau.

use std::process::{Command, Output, Stdio};

use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;
use binome::store::{ErreurStore, FICHIER_BASE};

use crate::commun::binome_en;

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn demo(d: &std::path::Path, n: &str) {
    let o = crate::commun::binome(d, &["demo", "--dossiers", n, "--aujourdhui", "2026-11-23"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
}

/// Échoue proprement : code non nul, le message attendu, aucune panique.
fn echoue_avec(o: &Output, attendu: &str) {
    let e = texte(&o.stderr);
    assert!(!o.status.success(), "la commande aurait dû échouer");
    assert!(e.contains(attendu), "« {attendu} » attendu : {e}");
    assert!(!e.contains("panicked"), "panique : {e}");
}

/// Un petit système de fichiers en mémoire, monté pour l'essai (si la machine le permet).
struct Montage(std::path::PathBuf);

impl Montage {
    fn tmpfs(taille: &str) -> Option<Montage> {
        let p = std::env::temp_dir().join(format!("binome-tmpfs-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&p).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={taille}"), "tmpfs"])
            .arg(&p)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Montage(p))
        } else {
            let _ = std::fs::remove_dir(&p);
            None
        }
    }

    fn lecture_seule(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Montage {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

fn copier(de: &std::path::Path, vers: &std::path::Path) {
    std::fs::create_dir_all(vers).expect("dossier");
    for e in std::fs::read_dir(de).expect("lecture").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), vers.join(e.file_name())).expect("copie");
        }
    }
}

/// Le disque plein au milieu d'une écriture : rien n'est enregistré à moitié, la base reste
/// intègre. Injecté dans SQLite (taille maximale atteinte), et, là où la machine permet de
/// monter un petit système de fichiers, pour de vrai avec la ligne de commande.
#[test]
fn disque_plein() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d, "20");
    let store = crate::commun::base(d);
    let pages: i64 = store
        .connexion()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    store
        .connexion()
        .execute_batch(&format!("PRAGMA max_page_count = {pages};"))
        .expect("plafond");
    let avant = store.portefeuille().expect("dossiers").len();
    // Une écriture qui demande des pages : refusée, avec le message du disque plein.
    let r = store.connexion().execute_batch(
        "CREATE TABLE essai_plein (x TEXT); INSERT INTO essai_plein SELECT hex(randomblob(4000)) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n);",
    );
    let e = ErreurStore::from(r.expect_err("plein"));
    assert!(matches!(e, ErreurStore::DisquePlein(_)), "{e:?}");
    assert!(e.to_string().contains("Le disque est plein"), "{e}");
    assert_eq!(store.portefeuille().expect("dossiers").len(), avant);
    assert!(store.controle_rapide().expect("contrôle").is_empty());
    drop(store);

    if let Some(m) = Montage::tmpfs("3m") {
        let donnees = m.0.join("donnees");
        copier(d, &donnees);
        // Le disque se remplit par un autre fichier, puis une commande veut écrire.
        let _ = std::fs::write(m.0.join("remplissage"), vec![0u8; 3 * 1024 * 1024]);
        let o = binome_en(
            &donnees,
            "admin",
            MOT_DE_PASSE_DEMO,
            &["conservation", "duree", "--annees", "3"],
        );
        assert!(!o.status.success(), "disque plein : la commande échoue");
        let e = texte(&o.stderr);
        assert!(!e.contains("panicked"), "{e}");
        assert!(
            e.contains("disque est plein") || e.contains("place libre"),
            "{e}"
        );
        // La place revenue, la base est intègre et n'a rien perdu.
        std::fs::remove_file(m.0.join("remplissage")).expect("place");
        let o = binome_en(&donnees, "admin", MOT_DE_PASSE_DEMO, &["check"]);
        assert!(
            o.status.success(),
            "{}{}",
            texte(&o.stdout),
            texte(&o.stderr)
        );
    }
}

/// Un dossier de données en lecture seule (support protégé) : la lecture marche, l'écriture
/// est refusée avec ce qu'il faut faire.
#[test]
fn dossier_en_lecture_seule() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d, "10");
    let Some(m) = Montage::tmpfs("64m") else {
        // Sans montage : les droits du dossier, qui ne retiennent que qui n'est pas root.
        if std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| texte(&o.stdout).trim() != "0")
        {
            use std::os::unix::fs::PermissionsExt;
            for e in std::fs::read_dir(d).expect("dossier").flatten() {
                let _ = std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(0o400));
            }
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o500)).expect("droits");
            let o = binome_en(
                d,
                "admin",
                MOT_DE_PASSE_DEMO,
                &["conservation", "duree", "--annees", "3"],
            );
            assert!(!o.status.success());
            assert!(!texte(&o.stderr).contains("panicked"));
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).expect("droits");
            return;
        }
        panic!(
            "ni montage ni utilisateur ordinaire : la lecture seule ne peut pas être essayée ici"
        );
    };
    let donnees = m.0.join("donnees");
    copier(d, &donnees);
    assert!(m.lecture_seule(), "remontage en lecture seule");
    let o = binome_en(
        &donnees,
        "admin",
        MOT_DE_PASSE_DEMO,
        &["conservation", "duree", "--annees", "3"],
    );
    let e = texte(&o.stderr);
    assert!(!o.status.success());
    assert!(!e.contains("panicked"), "{e}");
    assert!(e.contains("en lecture seule"), "{e}");
}

/// Une base tronquée, mise à zéro ou remplacée par n'importe quoi : refusée avec ce qu'il
/// faut faire (restaurer), jamais écrasée.
#[test]
fn base_tronquee_videe_ou_remplacee() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d, "10");
    let base = d.join(FICHIER_BASE);
    let _ = crate::commun::cle(d);
    // Tout ce qui attend dans le journal WAL entre d'abord dans le fichier.
    crate::commun::connexion_brute(d)
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("point de contrôle");
    let saine = std::fs::read(&base).expect("base");
    let abimees: [(&str, Vec<u8>); 4] = [
        ("tronquée", saine[..saine.len() / 3].to_vec()),
        ("mise à zéro", vec![0u8; saine.len()]),
        ("n'importe quoi", b"ceci n'est pas une base".repeat(1000)),
        ("page écrasée", {
            let mut o = saine.clone();
            let p = o.len() / 4096 / 2;
            o[p * 4096..p * 4096 + 4096].fill(0xa5);
            o
        }),
    ];
    for (quoi, octets) in abimees {
        for suffixe in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffixe}", base.display()));
        }
        std::fs::write(&base, &octets).expect("écriture");
        let o = binome_en(d, "admin", MOT_DE_PASSE_DEMO, &["check"]);
        let e = texte(&o.stderr);
        assert!(
            !o.status.success(),
            "{quoi} : la commande aurait dû échouer"
        );
        assert!(!e.contains("panicked"), "{quoi} : {e}");
        assert!(
            e.contains("Restaurez") || e.contains("restaurez") || e.contains("sauvegarde"),
            "{quoi} : le message dit quoi faire : {e}"
        );
        assert_eq!(
            std::fs::read(&base).expect("base"),
            octets,
            "{quoi} : le fichier n'est pas touché"
        );
    }
}

/// Une base écrite par une version plus récente de Binôme : refusée, intacte.
#[test]
fn base_d_un_schema_plus_recent() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d, "5");
    crate::commun::connexion_brute(d)
        .execute(
            "INSERT INTO migrations (version, nom, somme, appliquee_le) VALUES (99, 'futur', 'x', 'x')",
            [],
        )
        .expect("version future");
    let o = binome_en(d, "conseiller", MOT_DE_PASSE_DEMO, &["check"]);
    echoue_avec(&o, "version plus récente de Binôme");
    let version: i64 = crate::commun::connexion_brute(d)
        .query_row("SELECT max(version) FROM migrations", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 99);
}

/// Deux processus qui écrivent en même temps dans le même dossier de données : le second
/// attend son tour, aucun n'abîme la base, chacun retrouve tout ce qu'il a écrit.
#[test]
fn deux_ecrivains_a_la_fois() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d, "30");
    let lancer = || {
        Command::new(env!("CARGO_BIN_EXE_binome"))
            .arg("--data-dir")
            .arg(d)
            .arg("coupure-ecrivain")
            .env("BINOME_UTILISATEUR", "conseiller")
            .env("BINOME_MOT_DE_PASSE", MOT_DE_PASSE_DEMO)
            .env_remove("BINOME_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("écrivain")
    };
    // Chacun écrit jusqu'à 20 écritures acquittées au moins (la machine peut être chargée).
    let mut enfants = [lancer(), lancer()];
    let lues: Vec<std::sync::Arc<std::sync::Mutex<Vec<String>>>> = enfants
        .iter_mut()
        .map(|e| {
            let sortie = e.stdout.take().expect("sortie");
            let lues = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            let l = lues.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for ligne in std::io::BufReader::new(sortie)
                    .lines()
                    .map_while(Result::ok)
                {
                    l.lock().expect("lignes").push(ligne);
                }
            });
            lues
        })
        .collect();
    let debut = std::time::Instant::now();
    while lues.iter().any(|l| l.lock().expect("lignes").len() < 20)
        && debut.elapsed() < std::time::Duration::from_secs(120)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for e in &mut enfants {
        e.kill().expect("arrêt");
    }
    for e in enfants {
        let o = e.wait_with_output().expect("fin");
        assert!(
            !texte(&o.stderr).contains("panicked"),
            "{}",
            texte(&o.stderr)
        );
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let lignes: Vec<Vec<String>> = lues
        .iter()
        .map(|l| l.lock().expect("lignes").clone())
        .collect();
    assert!(
        lignes.iter().all(|l| l.len() >= 20),
        "les deux ont écrit, chacun à son tour : {} et {} écritures",
        lignes[0].len(),
        lignes[1].len()
    );
    let acquittes: Vec<(uuid::Uuid, u64)> = lignes
        .iter()
        .flatten()
        .filter_map(|l| {
            let mut m = l.split(' ').skip(1);
            Some((
                uuid::Uuid::parse_str(m.next()?).ok()?,
                m.next()?.parse().ok()?,
            ))
        })
        .collect();
    let store = crate::commun::base(d);
    for (id, v) in acquittes {
        let lu = store.dossier(id).expect("lecture").expect("dossier");
        assert!(lu.version >= v, "écriture acquittée perdue");
    }
    let verification = store.verifier().expect("vérification");
    assert!(verification.est_saine(), "{:?}", verification.problemes);
}

/// Un dossier sur un partage réseau est reconnu à son système de fichiers et refusé avec
/// ce qu'il faut faire ; un dossier local est accepté.
#[test]
fn dossier_sur_un_partage_reseau() {
    use binome::fichiers::{partage_reseau, type_reseau};
    assert_eq!(type_reseau(0x6969), Some("NFS"));
    assert_eq!(type_reseau(0xFF53_4D42), Some("CIFS"));
    assert_eq!(type_reseau(0xFE53_4D42), Some("SMB2"));
    assert_eq!(type_reseau(0xEF53), None, "ext4 est local");
    assert_eq!(type_reseau(0x0102_1994), None, "tmpfs est local");
    let dir = tempfile::tempdir().expect("tmp");
    assert_eq!(partage_reseau(dir.path()), None);
    let e = ErreurStore::PartageReseau {
        chemin: "/mnt/partage/binome".into(),
        reseau: "CIFS",
    };
    assert!(e.to_string().contains("disque de ce poste"), "{e}");
}
