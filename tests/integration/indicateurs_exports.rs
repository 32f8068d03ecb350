//! Indicateurs : le calcul rapide de la base égale la référence, la fusion des agrégats est
//! exacte, les exports se relisent, la ligne de commande refuse ce qui est faux.

use crate::commun::*;
use binome::domain::freins::Freins;
use binome::domain::indicateurs::agregat::Agregat;
use binome::domain::indicateurs::tableaux::Noms;
use binome::domain::indicateurs::{calculer, Bornes, Cellule, Cle, Indicateurs, Journal, Mois};
use binome::domain::structures::Referentiel;
use binome::formats::indicateurs::{self as export, Presentation};
use binome::services::demo;
use binome::store::Store;
use uuid::Uuid;

fn mois(a: i32, m: u32) -> Mois {
    Mois { annee: a, mois: m }
}

/// Les 24 mois qui précèdent le 23/11/2026, date du jour de la démonstration.
fn bornes() -> Bornes {
    Bornes {
        de: mois(2024, 12),
        a: mois(2026, 11),
        aujourdhui: j("23/11/2026"),
    }
}

fn base_demo(dir: &std::path::Path, dossiers: usize, graine: u64) -> Store {
    let mut s = crate::commun::base(dir);
    demo::generer(
        &mut s,
        demo::Options::new(dossiers, graine, j("23/11/2026")),
        &Referentiel::embarque(),
        freins(),
    )
    .expect("démonstration");
    s
}

/// La référence : tous les journaux de la base rejoués.
fn reference(stores: &[&Store], b: Bornes) -> Indicateurs {
    let mut journaux = Vec::new();
    for s in stores {
        let ids: Vec<_> = s
            .portefeuille()
            .expect("portefeuille")
            .iter()
            .map(|r| r.id)
            .collect();
        journaux.extend(s.journaux(&ids).expect("journaux"));
    }
    calculer(
        journaux.iter().map(|e| Journal { evenements: e }),
        b,
        freins(),
    )
}

/// Sans les cases vides, pour comparer deux calculs.
fn net(t: Indicateurs) -> Indicateurs {
    t.into_iter()
        .map(|(k, mut c)| {
            c.cellules.retain(|_, v| *v != Cellule::default());
            (k, c)
        })
        .filter(|(_, c)| !c.cellules.is_empty())
        .collect()
}

#[test]
fn la_base_donne_les_memes_chiffres_que_la_reference_meme_apres_reconstruction() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = base_demo(dir.path(), 150, 3);
    let attendu = net(reference(&[&s], bornes()));
    assert!(attendu.values().any(|c| c.compte(Cle::Sorties).total > 0));
    assert!(attendu.values().any(|c| c.compte(Cle::EnCours).total > 0));
    assert_eq!(net(s.indicateurs(bornes()).expect("indicateurs")), attendu);
    s.reconstruire().expect("reconstruction");
    assert_eq!(net(s.indicateurs(bornes()).expect("indicateurs")), attendu);
    // Une autre période, plus courte.
    let b = Bornes {
        de: mois(2026, 3),
        a: mois(2026, 5),
        ..bornes()
    };
    assert_eq!(
        net(s.indicateurs(b).expect("indicateurs")),
        net(reference(&[&s], b))
    );
}

#[test]
fn la_fusion_est_exacte_et_compte_chaque_fichier_une_fois() {
    let (d1, d2) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let s1 = base_demo(d1.path(), 60, 1);
    let s2 = base_demo(d2.path(), 60, 2);
    let b = bornes();
    let ex = |s: &Store| {
        let a = Agregat::extraire(
            &s.indicateurs(b).expect("indicateurs"),
            b,
            s.installation().expect("installation"),
            &s.cle_de_signature().expect("clé"),
        );
        // Écrit puis relu, comme un fichier échangé.
        Agregat::lire(&a.octets().expect("octets"), "agrégat").expect("relu")
    };
    let (a1, a2) = (ex(&s1), ex(&s2));
    assert_ne!(a1.sources[0].installation, a2.sources[0].installation);
    assert_eq!(
        s1.installation().expect("installation"),
        a1.sources[0].installation,
        "l'identifiant de l'installation est stable"
    );
    let fusion = Agregat::fusionner(&[
        ("1.json".into(), a1.clone()),
        ("2.json".into(), a2.clone()),
        ("1-bis.json".into(), a1.clone()),
    ])
    .expect("fusion");
    assert_eq!(fusion.sources.len(), 2);
    assert_eq!(fusion.installations(), 2);
    let attendu = net(reference(&[&s1, &s2], b));
    assert_eq!(net(fusion.indicateurs().expect("sommes")), attendu);
    // Une fusion de fusions reste exacte.
    let encore = Agregat::fusionner(&[("f.json".into(), fusion.clone()), ("2.json".into(), a2)])
        .expect("fusion de fusions");
    assert_eq!(net(encore.indicateurs().expect("sommes")), attendu);
    // Deux extractions différentes de la même installation sur les mêmes mois : refusé.
    let autre = ex(&s1);
    let e = Agregat::fusionner(&[("1.json".into(), a1), ("1-nouveau.json".into(), autre)])
        .expect_err("doublon")
        .to_string();
    assert!(e.contains("même installation"), "{e}");
}

#[test]
fn un_agregat_altere_ou_illisible_est_refuse() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = base_demo(dir.path(), 30, 4);
    let b = bornes();
    let a = Agregat::extraire(
        &s.indicateurs(b).expect("indicateurs"),
        b,
        s.installation().expect("installation"),
        &s.cle_de_signature().expect("clé"),
    );
    let texte = String::from_utf8(a.octets().expect("octets")).expect("utf8");
    let altere = texte.replacen("\"total\": 1,", "\"total\": 2,", 1);
    assert_ne!(altere, texte);
    let e = Agregat::lire(altere.as_bytes(), "a.json")
        .expect_err("altéré")
        .to_string();
    assert!(e.contains("modifié après son export"), "{e}");
    let e = Agregat::lire(b"pas du json", "b.json")
        .expect_err("illisible")
        .to_string();
    assert!(e.contains("n'est pas un fichier d'agrégat"), "{e}");
}

/// Janvier 2026, agence AG-1 : 16 diagnostics partagés, dont 12 personnes entrées depuis
/// (6 BRSA) ; 12 entrées dont 6 BRSA, 3 sorties en emploi (300 jours en tout) dont 1 BRSA.
fn petit_jeu() -> Indicateurs {
    let mut t = Indicateurs::new();
    let c = t.entry((mois(2026, 1), "AG-1".into())).or_default();
    let cell = |total, brsa, somme| Cellule { total, brsa, somme };
    c.ajouter(Cle::DiagnosticsPartages, "", &cell(16, 8, 0));
    c.ajouter(Cle::Entrees, "", &cell(12, 6, 0));
    c.ajouter(Cle::EntreesDeLaCohorte, "", &cell(12, 6, 0));
    c.ajouter(Cle::Sorties, "emploi", &cell(3, 1, 300));
    t
}

fn presentation(masquer: bool) -> Presentation<'static> {
    Presentation {
        bornes: Bornes {
            de: mois(2026, 1),
            a: mois(2026, 1),
            aujourdhui: j("15/02/2026"),
        },
        agence: None,
        masquer,
        origine: String::new(),
    }
}

#[test]
fn le_csv_est_lisible_par_excel_en_francais() {
    let f = Freins::embarque();
    let r = Referentiel::embarque();
    let noms = Noms {
        freins: &f,
        referentiel: &r,
    };
    let octets = export::csv(&petit_jeu(), &presentation(false), &noms);
    assert!(octets.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM UTF-8");
    let texte = String::from_utf8(octets[3..].to_vec()).expect("utf8");
    let lignes: Vec<Vec<&str>> = texte
        .split("\r\n")
        .map(|l| l.split(';').collect())
        .collect();
    let trouver = |titre: &str| {
        let i = lignes.iter().position(|l| l[0] == titre).expect(titre);
        (&lignes[i + 1], &lignes[i + 2])
    };
    let (entetes, valeurs) = trouver("Accompagnement global");
    let col = |nom: &str| entetes.iter().position(|e| *e == nom).expect(nom);
    assert_eq!(valeurs[0], "2026-01");
    assert_eq!(valeurs[col("Entrées")], "12");
    assert_eq!(valeurs[col("part BRSA (%)")], "50,0");
    assert_eq!(valeurs[col("Sorties")], "3");
    assert_eq!(
        valeurs[col("Durée moyenne des accompagnements terminés (jours)")],
        "100,0"
    );
    let (entetes, valeurs) = trouver("Orientations et diagnostic partagé");
    let i = entetes
        .iter()
        .position(|e| e.starts_with("Taux d'intégration"))
        .expect("taux");
    assert_eq!(valeurs[i], "75,0");
    // Masqué : 3 sorties deviennent « < 5 », et leur durée moyenne n'est pas publiée.
    let masque =
        String::from_utf8(export::csv(&petit_jeu(), &presentation(true), &noms)).expect("utf8");
    assert!(masque.contains(";< 5;"), "{masque}");
    assert!(masque.contains("Secret statistique"));
    assert!(masque.contains(";12;"), "12 entrées restent publiées");
}

#[test]
fn le_classeur_a_une_feuille_par_tableau_et_se_relit() {
    use calamine::{Data, Reader, Xlsx};
    let f = Freins::embarque();
    let r = Referentiel::embarque();
    let noms = Noms {
        freins: &f,
        referentiel: &r,
    };
    let octets = export::xlsx(&petit_jeu(), &presentation(false), &noms).expect("xlsx");
    let mut classeur: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(octets)).expect("classeur");
    let feuilles = classeur.sheet_names();
    assert_eq!(feuilles.len(), 8, "{feuilles:?}");
    assert!(feuilles.contains(&"Accompagnement global".to_string()));
    let f = classeur
        .worksheet_range("Accompagnement global")
        .expect("feuille");
    let entetes: Vec<String> = (0..f.width())
        .map(|c| {
            f.get_value((2, c as u32))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    let col = |nom: &str| entetes.iter().position(|e| e == nom).expect(nom) as u32;
    assert_eq!(f.get_value((3, 0)), Some(&Data::String("2026-01".into())));
    assert_eq!(f.get_value((3, col("Entrées"))), Some(&Data::Float(12.0)));
    assert_eq!(
        f.get_value((3, col("part BRSA (%)"))),
        Some(&Data::Float(0.5))
    );
    assert_eq!(
        f.get_value((3, col("Durée moyenne des accompagnements terminés (jours)"))),
        Some(&Data::Float(100.0))
    );
}

#[test]
fn le_rapport_pdf_porte_tableaux_et_graphiques() {
    let f = Freins::embarque();
    let r = Referentiel::embarque();
    let noms = Noms {
        freins: &f,
        referentiel: &r,
    };
    let octets = export::pdf(&petit_jeu(), &presentation(false), &noms).expect("pdf");
    let doc = lopdf::Document::load_mem(&octets).expect("PDF lisible");
    let pages: Vec<u32> = (1..=doc.get_pages().len() as u32).collect();
    let texte = doc.extract_text(&pages).expect("texte");
    for attendu in [
        "Indicateurs du comité de pilotage",
        "Synthèse mensuelle",
        "Part des bénéficiaires du RSA",
        "Diagnostics partagés, entrées et sorties par mois",
        "Sorties par nature sur la période",
        "Retour à l'emploi",
        "75,0 %",
    ] {
        assert!(texte.contains(attendu), "« {attendu} » absent :\n{texte}");
    }
}

#[test]
fn la_ligne_de_commande_exporte_fusionne_et_refuse_un_mauvais_mois() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "40"]).status.success());
    // Les fichiers s'écrivent hors du dossier de données, où rien n'est jamais écrit.
    let sorties = tempfile::tempdir().expect("sorties");
    let ailleurs = sorties.path();
    let sortie = ailleurs.join("i.xlsx");
    let o = binome(
        d,
        &[
            "indicateurs",
            "--de",
            "2026-13",
            "--format",
            "xlsx",
            "--out",
            sortie.to_str().expect("chemin"),
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("le mois va de 01 à 12"), "{err}");
    assert!(!sortie.exists(), "rien n'est écrit");
    for format in ["csv", "xlsx", "pdf", "json", "agregat"] {
        let f = ailleurs.join(format!("i.{format}"));
        let o = binome(
            d,
            &[
                "indicateurs",
                "--format",
                format,
                "--out",
                f.to_str().expect("chemin"),
            ],
        );
        assert!(
            o.status.success(),
            "{format} : {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(f.metadata().expect("fichier").len() > 100, "{format}");
    }
    let agregat = ailleurs.join("i.agregat");
    let fusion = ailleurs.join("fusion.json");
    let o = binome(
        d,
        &[
            "indicateurs",
            "fusion",
            agregat.to_str().expect("chemin"),
            agregat.to_str().expect("chemin"),
            "--out",
            fusion.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 extraction(s) de 1 installation(s)"));
    std::fs::write(ailleurs.join("faux.json"), "{}").expect("écriture");
    let o = binome(
        d,
        &[
            "indicateurs",
            "fusion",
            ailleurs.join("faux.json").to_str().expect("chemin"),
            "--out",
            ailleurs.join("f2.json").to_str().expect("chemin"),
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("n'est pas un fichier d'agrégat"));
    assert!(!ailleurs.join("f2.json").exists());
}

/// Un nom d'agence qui commence comme une formule n'arrive jamais tel quel dans une cellule
/// de tableur : ni en CSV, ni en XLSX.
#[test]
fn une_agence_qui_ressemble_a_une_formule_est_neutralisee() {
    use calamine::{Data, Reader, Xlsx};
    let mut t = Indicateurs::new();
    let c = t
        .entry((mois(2026, 1), "=2+5*cmd|' /C calc'!A0".into()))
        .or_default();
    c.ajouter(
        Cle::Entrees,
        "",
        &Cellule {
            total: 12,
            brsa: 6,
            somme: 0,
        },
    );
    let f = Freins::embarque();
    let r = Referentiel::embarque();
    let noms = Noms {
        freins: &f,
        referentiel: &r,
    };
    let dangereux = |s: &str| s.starts_with(['=', '+', '-', '@']);
    let csv = String::from_utf8(export::csv(&t, &presentation(false), &noms)).expect("utf8");
    assert!(csv.contains("'=2+5*cmd"), "{csv}");
    for cellule in csv.split("\r\n").flat_map(|l| l.split(';')) {
        assert!(!dangereux(cellule.trim_matches('"')), "CSV : {cellule}");
    }
    let octets = export::xlsx(&t, &presentation(false), &noms).expect("xlsx");
    let mut classeur: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(octets)).expect("classeur");
    let mut vues = 0;
    for feuille in classeur.sheet_names() {
        let plage = classeur.worksheet_range(&feuille).expect("feuille");
        for cellule in plage.used_cells() {
            if let (_, _, Data::String(s)) = cellule {
                assert!(!dangereux(s), "XLSX {feuille} : {s}");
                vues += usize::from(s.contains("2+5*cmd"));
            }
        }
    }
    assert!(vues > 0, "l'agence figure bien dans le classeur");
}

fn cle(graine: u8) -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[graine; 32])
}

/// FNV-1a 64 bits, comme la somme de contrôle du fichier : ce qu'un faussaire recalcule.
fn fnv(texte: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in texte.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Un total modifié puis la somme de contrôle recalculée : la signature de l'installation
/// ne correspond plus, le fichier est refusé.
#[test]
fn un_agregat_refalsifie_avec_sa_somme_de_controle_est_refuse() {
    let a = Agregat::extraire(
        &petit_jeu(),
        presentation(false).bornes,
        Uuid::from_u128(1),
        &cle(1),
    );
    let mut faux = a.clone();
    faux.sources[0].cases[0].total += 100;
    faux.controle = fnv(&serde_json::to_string(&faux.sources).expect("json"));
    let e = Agregat::lire(&faux.octets().expect("octets"), "faux.json")
        .expect_err("falsifié")
        .to_string();
    assert!(e.contains("modifié après son export"), "{e}");
    // L'original, lui, se relit.
    assert!(Agregat::lire(&a.octets().expect("octets"), "a.json").is_ok());
}

/// Les chiffres d'une installation recopiés sous un autre identifiant (et signés d'une autre
/// clé) : la fusion refuse de les compter deux fois.
#[test]
fn une_copie_sous_un_autre_identifiant_est_refusee() {
    let b = presentation(false).bornes;
    let a1 = Agregat::extraire(&petit_jeu(), b, Uuid::from_u128(1), &cle(1));
    let copie = Agregat::extraire(&petit_jeu(), b, Uuid::from_u128(2), &cle(2));
    let e = Agregat::fusionner(&[("1.json".into(), a1), ("copie.json".into(), copie)])
        .expect_err("copie")
        .to_string();
    assert!(e.contains("mêmes chiffres"), "{e}");
}

/// Des totaux proches du maximum, additionnés : refusés, jamais repliés en silence.
#[test]
fn des_totaux_demesures_sont_refuses_a_la_fusion() {
    let b = presentation(false).bornes;
    let enorme = |n: u64| {
        let mut t = Indicateurs::new();
        t.entry((mois(2026, 1), "AG-1".into()))
            .or_default()
            .ajouter(
                Cle::Entrees,
                "",
                &Cellule {
                    total: u64::MAX - n,
                    brsa: 0,
                    somme: 0,
                },
            );
        t
    };
    let a1 = Agregat::extraire(&enorme(1), b, Uuid::from_u128(1), &cle(1));
    let a2 = Agregat::extraire(&enorme(2), b, Uuid::from_u128(2), &cle(2));
    let fusion = Agregat::fusionner(&[("1.json".into(), a1), ("2.json".into(), a2)])
        .expect("deux installations");
    let e = fusion.indicateurs().expect_err("débordement").to_string();
    assert!(e.contains("dépassent ce qu'un total peut tenir"), "{e}");
}

/// Une extraction qui prétend couvrir 1900 à 9999 est refusée à la lecture, sans rien
/// calculer.
#[test]
fn une_periode_demesuree_est_refusee_a_la_lecture() {
    let b = Bornes {
        de: mois(1900, 1),
        a: mois(9999, 12),
        aujourdhui: j("15/02/2026"),
    };
    let a = Agregat::extraire(&Indicateurs::new(), b, Uuid::from_u128(1), &cle(1));
    let debut = std::time::Instant::now();
    let e = Agregat::lire(&a.octets().expect("octets"), "long.json")
        .expect_err("période")
        .to_string();
    assert!(e.contains("au plus 10 ans"), "{e}");
    assert!(debut.elapsed() < std::time::Duration::from_secs(1));
}

/// Le coordinateur n'accepte que les agrégats des installations dont il a enregistré la
/// clé, une fois ; une autre clé pour une installation connue est refusée.
#[test]
fn la_fusion_exige_la_cle_enregistree_de_chaque_installation() {
    let (da, dc) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("c"),
    );
    let sorties = tempfile::tempdir().expect("sorties");
    let f = |nom: &str| sorties.path().join(nom).display().to_string();
    assert!(
        binome(da.path(), &["demo", "--dossiers", "20", "--seed", "3"])
            .status
            .success()
    );
    assert!(
        binome(dc.path(), &["demo", "--dossiers", "20", "--seed", "4"])
            .status
            .success()
    );
    let agregat_a = f("a.json");
    assert!(binome(
        da.path(),
        &["indicateurs", "--format", "agregat", "--out", &agregat_a]
    )
    .status
    .success());
    // Le coordinateur (C) ne connaît pas encore A.
    let o = binome(
        dc.path(),
        &[
            "indicateurs",
            "fusion",
            &agregat_a,
            "--out",
            &f("fusion.json"),
        ],
    );
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("dont la clé n'est pas enregistrée"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A remet sa clé ; C l'enregistre ; la fusion passe.
    let cle_a = f("cle-a.json");
    assert!(binome(da.path(), &["indicateurs", "cle", "--out", &cle_a])
        .status
        .success());
    let o = binome(dc.path(), &["indicateurs", "importer-cle", &cle_a]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = binome(
        dc.path(),
        &[
            "indicateurs",
            "fusion",
            &agregat_a,
            "--out",
            &f("fusion.json"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Une autre clé présentée pour A : refusée.
    let cle_c = f("cle-c.json");
    assert!(binome(dc.path(), &["indicateurs", "cle", "--out", &cle_c])
        .status
        .success());
    let texte_a = std::fs::read_to_string(&cle_a).expect("clé a");
    let texte_c = std::fs::read_to_string(&cle_c).expect("clé c");
    let id_a: serde_json::Value = serde_json::from_str(&texte_a).expect("json");
    let id_c: serde_json::Value = serde_json::from_str(&texte_c).expect("json");
    let usurpee = texte_c.replace(
        id_c["installation"].as_str().expect("id"),
        id_a["installation"].as_str().expect("id"),
    );
    let fausse = f("fausse-cle.json");
    std::fs::write(&fausse, usurpee).expect("fausse clé");
    let o = binome(dc.path(), &["indicateurs", "importer-cle", &fausse]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("déjà enregistrée avec une autre clé"));
}

/// Une base dont les tables d'indicateurs ont été tenues par des règles de calcul plus
/// anciennes est recalculée une fois, à l'ouverture : les chiffres suivent les règles du
/// jour (par exemple un frein confidentiel qui compte désormais dans sa famille).
#[test]
fn des_tables_calculees_par_d_anciennes_regles_sont_recalculees_a_l_ouverture() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = base_demo(dir.path(), 40, 5);
    let attendu = net(reference(&[&s], bornes()));
    s.connexion()
        .execute_batch(
            "UPDATE indicateurs_compteurs SET total = total + 1000;
             DELETE FROM preferences WHERE cle = 'version_calcul_indicateurs';",
        )
        .expect("anciennes règles");
    drop(s);
    let s = crate::commun::base(dir.path());
    assert_eq!(net(s.indicateurs(bornes()).expect("indicateurs")), attendu);
}

/// Le taux d'intégration suit une cohorte : sur 150 dossiers de démonstration, il ne dépasse
/// jamais 100 %, ni par mois et agence, ni sur toute la période.
#[test]
fn le_taux_d_integration_ne_depasse_jamais_100() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = base_demo(dir.path(), 150, 8);
    let t = s.indicateurs(bornes()).expect("indicateurs");
    let mut vus = 0;
    for c in t.values() {
        if let Some(x) = c.taux_integration() {
            assert!(x <= 100.0, "taux de {x} %");
            vus += 1;
        }
    }
    assert!(vus > 0, "des mois avec des diagnostics partagés");
    let tout = binome::domain::indicateurs::cumul(&t, None);
    assert!(tout.taux_integration().is_some_and(|x| x <= 100.0));
}

/// Les tableaux, le CSV et le rapport PDF publient le taux d'intégration par cohorte :
/// 4 diagnostics partagés en janvier, dont 3 personnes entrées depuis ; 6 entrées dans le
/// mois (dont des diagnostics plus anciens) : 75 %, pas 150 %.
#[test]
fn les_exports_publient_le_taux_d_integration_par_cohorte() {
    let mut t = Indicateurs::new();
    let c = t.entry((mois(2026, 1), "AG-1".into())).or_default();
    let cell = |total, brsa| Cellule {
        total,
        brsa,
        somme: 0,
    };
    c.ajouter(Cle::DiagnosticsPartages, "", &cell(4, 2));
    c.ajouter(Cle::Entrees, "", &cell(6, 3));
    c.ajouter(Cle::EntreesDeLaCohorte, "", &cell(3, 1));
    let f = Freins::embarque();
    let r = Referentiel::embarque();
    let noms = Noms {
        freins: &f,
        referentiel: &r,
    };
    let csv = String::from_utf8(export::csv(&t, &presentation(false), &noms)).expect("utf8");
    let lignes: Vec<Vec<&str>> = csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .map(|l| l.split(';').collect())
        .collect();
    let i = lignes
        .iter()
        .position(|l| l[0] == "Orientations et diagnostic partagé")
        .expect("tableau");
    let (entetes, valeurs) = (&lignes[i + 1], &lignes[i + 2]);
    let col = entetes
        .iter()
        .position(|e| e.starts_with("Taux d'intégration"))
        .expect("taux");
    assert_eq!(valeurs[col], "75,0");
    let pdf = export::pdf(&t, &presentation(false), &noms).expect("pdf");
    let doc = lopdf::Document::load_mem(&pdf).expect("PDF");
    let texte: String = (1..=doc.get_pages().len() as u32)
        .map(|p| doc.extract_text(&[p]).unwrap_or_default())
        .collect();
    assert!(
        !texte.contains("150,0"),
        "le rapport publie 150 % : {texte}"
    );
}

#[test]
fn apres_une_rectification_la_base_donne_encore_les_chiffres_de_la_reference() {
    use binome::domain::dossier::{Commande, Correction, Evenement};
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = base_demo(dir.path(), 150, 3);
    let c = ctx(j("23/11/2026"));
    let resumes = s.portefeuille().expect("portefeuille");
    // Une clôture récente annulée : la sortie ne compte plus.
    let close = resumes
        .iter()
        .filter_map(|r| s.dossier(r.id).expect("lecture"))
        .find(|d| {
            d.entree.is_some()
                && d.cloture
                    .as_ref()
                    .is_some_and(|c| c.date >= j("25/10/2026"))
        })
        .expect("une clôture récente");
    let journal = s.journal(close.id).expect("journal");
    let n = journal
        .iter()
        .position(|e| matches!(e.evenement, Evenement::DossierCloture(_)))
        .expect("clôture") as u64
        + 1;
    let sorties = |s: &Store| {
        net(s.indicateurs(bornes()).expect("indicateurs"))
            .values()
            .map(|x| x.compte(Cle::Sorties).total)
            .sum::<u64>()
    };
    let avant = sorties(&s);
    s.executer(
        close.id,
        &Commande::Rectifier {
            cible: n,
            correction: Correction::Annulation,
            motif: "Clôture enregistrée par erreur".into(),
        },
        "essai",
        c,
    )
    .expect("annulation");
    assert_eq!(sorties(&s), avant - 1);
    assert!(s
        .dossier(close.id)
        .expect("lecture")
        .expect("dossier")
        .cloture
        .is_none());
    // Un contact redaté : il change de mois.
    let (id, n, date) = resumes
        .iter()
        .filter(|r| r.etape != binome::domain::dossier::Etape::Cloture)
        .find_map(|r| {
            let journal = s.journal(r.id).ok()?;
            let k = journal.iter().position(|e| {
                matches!(&e.evenement, Evenement::ContactEnregistre(x)
                    if x.date > j("01/03/2026")
                        && x.date - chrono::Duration::days(31) >= r.date_ouverture)
            })?;
            Some((r.id, k as u64 + 1, journal[k].evenement.date()?))
        })
        .expect("un contact");
    s.executer(
        id,
        &Commande::Rectifier {
            cible: n,
            correction: Correction::Date(date - chrono::Duration::days(31)),
            motif: "Date du contact mal saisie".into(),
        },
        "essai",
        c,
    )
    .expect("contact redaté");
    let attendu = net(reference(&[&s], bornes()));
    assert_eq!(net(s.indicateurs(bornes()).expect("indicateurs")), attendu);
    assert!(s.verifier().expect("vérification").est_saine());
    s.reconstruire().expect("reconstruction");
    assert_eq!(net(s.indicateurs(bornes()).expect("indicateurs")), attendu);
}
