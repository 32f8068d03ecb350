//! La ligne de commande, lancée comme un utilisateur la lance.

use crate::commun::binome;
use std::process::Command;

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn version_et_aide_en_francais() {
    let dir = tempfile::tempdir().expect("tmp");
    let v = binome(dir.path(), &["--version"]);
    assert!(v.status.success());
    assert_eq!(
        texte(&v.stdout).trim(),
        format!("binome {}", env!("CARGO_PKG_VERSION"))
    );
    let aide = binome(dir.path(), &["--help"]);
    assert!(aide.status.success());
    let aide = texte(&aide.stdout);
    // Les sous-commandes aussi, à tous les niveaux.
    for sous in [
        vec!["dossier", "--help"],
        vec!["professionnels", "ajouter", "--help"],
        vec!["ressources", "--help"],
    ] {
        let o = binome(dir.path(), &sous);
        let t = texte(&o.stdout);
        assert!(
            t.contains("Utilisation :") && !t.contains("Usage:") && !t.contains("Commands:"),
            "{sous:?} :\n{t}"
        );
    }
    for mot in [
        "Utilisation",
        "demo",
        "check",
        "rebuild",
        "bench",
        "--data-dir",
        "Affiche cette aide",
    ] {
        assert!(aide.contains(mot), "« {mot} » absent de l'aide :\n{aide}");
    }
}

#[test]
fn une_commande_inconnue_est_expliquee_en_francais() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = binome(dir.path(), &["importer-tout"]);
    assert_eq!(o.status.code(), Some(2));
    let err = texte(&o.stderr);
    assert!(
        err.contains("commande inconnue") && err.contains("binome --help"),
        "{err}"
    );
    let o = binome(dir.path(), &["demo", "--dossiers", "beaucoup"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("valeur invalide"));
}

#[test]
fn demo_puis_check_puis_rebuild() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = binome(dir.path(), &["demo", "--dossiers", "60", "--seed", "4"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).contains("60 dossiers"),
        "{}",
        texte(&o.stdout)
    );
    assert!(dir.path().join("binome.sqlite3").exists());

    let c = binome(dir.path(), &["check"]);
    assert!(c.status.success(), "{}", texte(&c.stderr));
    let sortie = texte(&c.stdout);
    assert!(sortie.contains("Dossiers : 60"), "{sortie}");
    assert!(
        sortie.contains("Vérification : aucun problème."),
        "{sortie}"
    );
    assert!(sortie.contains("En accompagnement global"));

    let r = binome(dir.path(), &["rebuild"]);
    assert!(r.status.success(), "{}", texte(&r.stderr));
    assert!(texte(&r.stdout).contains("60 dossiers"));

    // Une démonstration ne se charge pas par-dessus des données.
    let again = binome(dir.path(), &["demo"]);
    assert!(!again.status.success());
    assert!(texte(&again.stderr).contains("contient déjà 60 dossier"));
}

#[test]
fn check_signale_une_base_incoherente() {
    let dir = tempfile::tempdir().expect("tmp");
    assert!(binome(dir.path(), &["demo", "--dossiers", "20"])
        .status
        .success());
    let c = crate::commun::connexion_brute(dir.path());
    c.execute(
        "DELETE FROM etats_dossiers WHERE id = (SELECT min(id) FROM dossiers)",
        [],
    )
    .expect("suppression");
    drop(c);
    let o = binome(dir.path(), &["check"]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stdout).contains("Problème"),
        "{}",
        texte(&o.stdout)
    );
    assert!(binome(dir.path(), &["rebuild"]).status.success());
    assert!(binome(dir.path(), &["check"]).status.success());
}

#[test]
fn le_dossier_de_donnees_peut_venir_de_l_environnement() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = Command::new(env!("CARGO_BIN_EXE_binome"))
        .args(["demo", "--dossiers", "5"])
        .env("BINOME_DATA_DIR", dir.path())
        .output()
        .expect("lancement");
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(dir.path().join("binome.sqlite3").exists());
}

#[test]
fn bench_json_donne_chaque_mesure_avec_sa_reference() {
    let o = Command::new(env!("CARGO_BIN_EXE_binome"))
        .args(["bench", "--dossiers", "60", "--coupures", "5", "--json"])
        .output()
        .expect("lancement");
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let mesures = v.as_array().expect("tableau");
    let noms: Vec<&str> = mesures.iter().filter_map(|m| m["name"].as_str()).collect();
    assert_eq!(
        noms,
        [
            "portefeuille_ouverture_chargement",
            "evenement_enregistrement_durable",
            "alertes_portefeuille",
            "connexion",
            "pdf_contrat",
            "pdf_lot_contrats",
            "pdf_taille_max",
            "indicateurs_12_mois_100000_dossiers",
            "indicateurs_export_xlsx",
            "ressources_recherche_texte_famille_rayon",
            "ressources_import",
            "echange_export_100",
            "echange_import_100",
            "reprise_lecture",
            "reprise_verification_import",
        ]
        .into_iter()
        .chain(["coupures_ecritures_perdues", "coupures_duree"])
        .chain(
            // L'interface se mesure avec le simulateur de fenêtre (`--features bench`).
            cfg!(feature = "bench")
                .then_some([
                    "interface_premier_ecran",
                    "interface_frappe_recherche",
                    "interface_frappe_formulaire_dossier",
                    "interface_memoire",
                ])
                .into_iter()
                .flatten()
        )
        .collect::<Vec<_>>()
    );
    for m in mesures {
        for champ in [
            "name", "value", "unit", "baseline", "target", "ratio", "pass",
        ] {
            assert!(m.get(champ).is_some(), "champ {champ} absent : {m}");
        }
        // « pass » dit si la valeur tient la cible ; le rapport est celui à la référence.
        let (valeur, cible) = (m["value"].as_f64(), m["target"].as_f64());
        assert_eq!(
            m["pass"].as_bool(),
            valeur.zip(cible).map(|(v, c)| v <= c),
            "{m}"
        );
        if let (Some(r), Some(b), Some(v)) = (m["ratio"].as_f64(), m["baseline"].as_f64(), valeur) {
            assert!((r - v / b).abs() < 1e-9, "{m}");
        }
        // Les écritures perdues aux coupures : aucune ; toute autre mesure est positive.
        if m["name"] == "coupures_ecritures_perdues" {
            assert_eq!(m["value"].as_f64(), Some(0.0), "{m}");
            continue;
        }
        assert!(m["value"].as_f64().expect("valeur") > 0.0);
        // Sans LibreOffice, la référence externe est absente (null), jamais inventée.
        assert!(m["baseline"].is_f64() || m["baseline"].is_null());
    }
}

/// Un fichier de base vide (ou d'un autre logiciel) n'est jamais pris pour une base neuve :
/// `check` le dit, et rien n'y est écrit.
#[test]
fn un_fichier_de_base_vide_est_refuse_et_laisse_tel_quel() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = dir.path().join(binome::store::FICHIER_BASE);
    std::fs::write(&base, b"").expect("fichier vide");
    let o = binome(dir.path(), &["check"]);
    assert!(!o.status.success());
    let e = texte(&o.stderr);
    assert!(e.contains("n'est pas une base de Binôme"), "{e}");
    assert_eq!(std::fs::metadata(&base).expect("base").len(), 0);
    let o = binome(dir.path(), &["demo", "--dossiers", "3"]);
    assert!(!o.status.success());
    assert_eq!(std::fs::metadata(&base).expect("base").len(), 0);
}

/// Une base endommagée : un message en français qui dit quoi faire, pas le texte anglais de
/// SQLite ni une fausse assurance.
#[test]
fn une_base_endommagee_est_dite_en_francais() {
    let dir = tempfile::tempdir().expect("tmp");
    assert!(binome(dir.path(), &["demo", "--dossiers", "3"])
        .status
        .success());
    let base = dir.path().join(binome::store::FICHIER_BASE);
    let mut octets = std::fs::read(&base).expect("base");
    for o in octets.iter_mut().take(100) {
        *o = b'x';
    }
    std::fs::write(&base, &octets).expect("altération");
    for f in ["-wal", "-shm"] {
        std::fs::remove_file(
            dir.path()
                .join(format!("{}{f}", binome::store::FICHIER_BASE)),
        )
        .ok();
    }
    let o = binome(dir.path(), &["check"]);
    assert!(!o.status.success());
    let e = texte(&o.stderr);
    assert!(e.contains("endommagé") && e.contains("sauvegarde"), "{e}");
    assert!(
        !e.contains("not a database") && !e.contains("malformed"),
        "{e}"
    );
    assert!(!e.contains("ne sont pas touchées"), "{e}");
}

#[test]
fn la_situation_et_l_agence_changent_en_ligne_de_commande() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = binome(
        dir.path(),
        &["demo", "--dossiers", "20", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let r = crate::commun::mes_dossiers(dir.path())
        .into_iter()
        .find(|r| r.etape == binome::domain::dossier::Etape::Accompagnement)
        .expect("un dossier en accompagnement");
    let ft = r.identifiant_ft.clone();
    // Une date impossible et une réponse qui n'est ni oui ni non : refusées en français.
    let o = binome(
        dir.path(),
        &["dossier", "situation", &ft, "--date", "31/02/2026"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texte(&o.stderr).contains("n'existe pas"),
        "{}",
        texte(&o.stderr)
    );
    let o = binome(
        dir.path(),
        &[
            "dossier",
            "situation",
            &ft,
            "--date",
            "01/11/2026",
            "--rsa",
            "bof",
        ],
    );
    assert!(
        texte(&o.stderr).contains("oui ou non"),
        "{}",
        texte(&o.stderr)
    );
    // Rien ne change : refusé, et le journal ne bouge pas.
    let rsa = if r.brsa { "oui" } else { "non" };
    let o = binome(
        dir.path(),
        &[
            "dossier",
            "situation",
            &ft,
            "--date",
            "01/11/2026",
            "--rsa",
            rsa,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texte(&o.stderr).contains("Rien n'a changé"),
        "{}",
        texte(&o.stderr)
    );
    let inverse = if r.brsa { "non" } else { "oui" };
    let o = binome(
        dir.path(),
        &[
            "dossier",
            "situation",
            &ft,
            "--date",
            "01/11/2026",
            "--commune",
            "13201",
            "--rsa",
            inverse,
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(sortie.contains("commune de résidence"), "{sortie}");
    assert!(sortie.contains("À revoir"), "{sortie}");
    let o = binome(
        dir.path(),
        &[
            "dossier",
            "agence",
            &ft,
            "--agence",
            "AG-MARSEILLE-1",
            "--date",
            "02/11/2026",
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    // Référent déjà là : la désignation est refusée, en français.
    let o = binome(
        dir.path(),
        &[
            "dossier",
            "designation",
            &ft,
            "--branche",
            "accord-departement",
            "--date",
            "02/11/2026",
            "--structure",
            "Association",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texte(&o.stderr).contains("déjà désigné"),
        "{}",
        texte(&o.stderr)
    );
    let o = binome(dir.path(), &["dossier", "afficher", &ft]);
    let chronologie = texte(&o.stdout);
    assert!(
        chronologie.contains("01/11/2026  Situation modifiée : commune de résidence"),
        "{chronologie}"
    );
    assert!(
        chronologie.contains("02/11/2026  Rattachement à l'agence AG-MARSEILLE-1"),
        "{chronologie}"
    );
    let store = crate::commun::base(dir.path());
    let d = store.dossier(r.id).expect("lecture").expect("dossier");
    assert_eq!(d.personne.commune.as_str(), "13201");
    assert_eq!(d.personne.brsa, !r.brsa);
    assert_eq!(d.personne.agence, "AG-MARSEILLE-1");
}

#[test]
fn l_annuaire_se_tient_en_ligne_de_commande() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let o = binome(d, &["professionnels", "lister"]);
    assert!(texte(&o.stdout).contains("L'annuaire est vide"));
    // Chaque champ faux a son message.
    let o = binome(
        d,
        &[
            "professionnels",
            "ajouter",
            "--civilite",
            "madame",
            "--nom",
            "Essai",
            "--prenom",
            "Lina",
            "--role",
            "referent",
            "--telephone",
            "12",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = texte(&o.stderr);
    assert!(
        err.contains("--structure") && err.contains("--telephone"),
        "{err}"
    );
    let ajouter = |args: &[&str]| {
        let mut v = vec!["professionnels", "ajouter"];
        v.extend_from_slice(args);
        binome(d, &v)
    };
    let o = ajouter(&[
        "--civilite",
        "madame",
        "--nom",
        "Essai",
        "--prenom",
        "Lina",
        "--role",
        "referent",
        "--partenaire",
        "CCAS de Salon",
        "--telephone",
        "04 90 00 00 00",
    ]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let o = ajouter(&[
        "--civilite",
        "monsieur",
        "--nom",
        "Durand",
        "--prenom",
        "Paul",
        "--role",
        "conseiller",
        "--structure",
        "AG-ARLES",
        "--perimetre",
        "Arles, Tarascon",
    ]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    // Le même une seconde fois : refusé.
    let o = ajouter(&[
        "--civilite",
        "madame",
        "--nom",
        "essai",
        "--prenom",
        "lina",
        "--role",
        "referent",
        "--partenaire",
        "CCAS de Salon",
    ]);
    assert!(
        texte(&o.stderr).contains("déjà dans l'annuaire"),
        "{}",
        texte(&o.stderr)
    );
    let o = binome(
        d,
        &[
            "professionnels",
            "modifier",
            "Lina ESSAI",
            "--courriel",
            "lina@exemple.fr",
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let liste = texte(&binome(d, &["professionnels", "lister"]).stdout);
    assert!(
        liste.contains("Paul DURAND — conseiller dédié — Agence France Travail Arles"),
        "{liste}"
    );
    assert!(
        liste.contains(
            "Lina ESSAI — référent social — CCAS de Salon — 04 90 00 00 00, lina@exemple.fr"
        ),
        "{liste}"
    );
    let s = crate::commun::base(d);
    let paul = s
        .professionnels()
        .expect("annuaire")
        .into_iter()
        .find(|p| p.nom == "Durand")
        .expect("Paul");
    assert!(matches!(
        paul.affectation,
        binome::domain::professionnel::Affectation::Agence { ref perimetre, .. } if perimetre.len() == 2
    ));
}

/// `binome export dossiers` : les dossiers confiés au compte, en CSV aux conventions d'Excel
/// en français (BOM, « ; », dates jj/mm/aaaa), identifiants masqués sauf demande, et le même
/// contenu en XLSX ; un fichier existant n'est pas remplacé sans --force.
#[test]
fn export_des_dossiers_en_csv_et_xlsx() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tmp");
    assert!(binome(dir.path(), &["demo", "--dossiers", "30"])
        .status
        .success());
    let miens = crate::commun::mes_dossiers(dir.path());
    let sorties = tempfile::tempdir().expect("sorties");
    let csv = sorties.path().join("dossiers.csv");
    let o = binome(
        dir.path(),
        &["export", "dossiers", "--out", csv.to_str().expect("chemin")],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(texte(&o.stdout).contains(&format!("{} dossier(s) exporté(s)", miens.len())));
    let octets = std::fs::read(&csv).expect("csv");
    assert!(octets.starts_with("\u{feff}".as_bytes()), "BOM pour Excel");
    let contenu = String::from_utf8(octets).expect("utf-8");
    let lignes: Vec<&str> = contenu.trim_end().split("\r\n").collect();
    assert_eq!(lignes.len(), miens.len() + 1);
    assert!(lignes[0].contains("Civilité;Nom;Prénom;Date de naissance;Identifiant France Travail"));
    let premier = &miens[0];
    let ligne = lignes
        .iter()
        .find(|l| l.contains(&format!(";{};{};", premier.nom, premier.prenom)))
        .expect("ligne du premier dossier");
    assert!(
        !ligne.contains(premier.identifiant_ft.as_str()),
        "identifiant masqué"
    );
    assert!(ligne.contains(&binome::domain::date::date_fr(premier.date_ouverture)));
    // Sans --force, le fichier (modifié depuis) n'est pas remplacé.
    std::fs::write(&csv, "modifié").expect("écrit");
    let o = binome(
        dir.path(),
        &["export", "dossiers", "--out", csv.to_str().expect("chemin")],
    );
    assert!(!o.status.success());
    // En XLSX, identifiants en entier : les mêmes dossiers.
    let xlsx = sorties.path().join("dossiers.xlsx");
    let o = binome(
        dir.path(),
        &[
            "export",
            "dossiers",
            "--out",
            xlsx.to_str().expect("chemin"),
            "--identifiants",
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let mut classeur: Xlsx<_> = calamine::open_workbook(&xlsx).expect("classeur");
    let feuille = classeur.worksheet_range("Dossiers").expect("feuille");
    assert_eq!(feuille.height(), miens.len() + 1);
    let ids: Vec<String> = feuille.rows().skip(1).map(|l| l[4].to_string()).collect();
    assert!(ids.contains(&premier.identifiant_ft.to_string()));
}
