//! La reprise d'un portefeuille tenu dans un tableur (`binome import dossiers`), depuis un
//! poste neuf sans démonstration : les fichiers de `tests/fichiers/reprise/` (bons et
//! mauvais), le tout ou rien, les doublons, l'historique, et import → export → réimport.

use std::path::{Path, PathBuf};

use binome::domain::dossier::{Etape, MotifSortie};
use binome::domain::professionnel::{Affectation, Professionnel};

use crate::commun::{binome, identifier, mes_dossiers};

fn fichier(nom: &str) -> PathBuf {
    crate::commun::fichier_essai(&format!("reprise/{nom}"))
}

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).to_string()
}

/// Un poste neuf : le compte des essais, une conseillère d'une agence livrée, sans
/// périmètre restreint, et aucun dossier.
fn poste_neuf() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    crate::commun::acces(dir.path());
    let mut p: Professionnel = crate::commun::conseiller();
    p.affectation = Affectation::Agence {
        agence: "AG-MARSEILLE-1".into(),
        perimetre: Vec::new(),
    };
    identifier(dir.path(), p);
    assert!(mes_dossiers(dir.path()).is_empty());
    dir
}

fn importer(dir: &Path, nom: &Path, options: &[&str]) -> std::process::Output {
    let mut args = vec!["import", "dossiers", nom.to_str().expect("chemin")];
    args.extend_from_slice(options);
    binome(dir, &args)
}

fn evenements(dir: &Path) -> u64 {
    crate::commun::base(dir)
        .nombre_evenements()
        .expect("journal")
}

#[test]
fn un_portefeuille_entre_avec_son_historique_et_se_reimporte_sans_rien_changer() {
    let dir = poste_neuf();
    let valide = fichier("valide.csv");
    // L'essai ne change rien.
    let o = importer(dir.path(), &valide, &["--dry-run"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).contains("4 nouveau(x)"),
        "{}",
        texte(&o.stdout)
    );
    assert!(texte(&o.stderr).contains("CSV UTF-8 avec BOM, séparateur point-virgule"));
    assert!(texte(&o.stderr).contains("« Observations » → (ignorée)"));
    assert!(mes_dossiers(dir.path()).is_empty(), "l'essai n'écrit rien");

    let o = importer(dir.path(), &valide, &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).contains("4 dossier(s) créé(s)"),
        "{}",
        texte(&o.stdout)
    );
    let miens = mes_dossiers(dir.path());
    assert_eq!(miens.len(), 4);
    let s = crate::commun::base(dir.path());
    let par_nom = |nom: &str| {
        let r = miens.iter().find(|r| r.nom == nom).expect(nom);
        s.dossier(r.id).expect("lecture").expect("dossier")
    };
    let lea = par_nom("Fictive");
    assert_eq!(lea.etape(), Etape::Diagnostic);
    assert_eq!(lea.personne.commune.as_str(), "13004");
    assert!(lea.personne.brsa);
    let paul = par_nom("Essai");
    assert_eq!(paul.entree, Some(crate::commun::j("15/01/2026")));
    assert_eq!(paul.etape(), Etape::Accompagnement);
    assert_eq!(
        paul.personne.caf.as_ref().map(|c| c.to_string()).as_deref(),
        Some("1234567")
    );
    let ines = par_nom("Exemple");
    assert_eq!(ines.reconduction.map(|r| r.mois), Some(6));
    let jean = par_nom("Modèle");
    let cloture = jean.cloture.as_ref().expect("clos");
    assert_eq!(cloture.motif, MotifSortie::RetourEmploi);
    assert_eq!(cloture.date, crate::commun::j("20/06/2025"));
    // La chronologie dit d'où vient l'entrée.
    let journal = s.journal(paul.id).expect("journal");
    assert!(journal.iter().any(|e| e
        .evenement
        .description()
        .contains("reprise du suivi antérieur à Binôme (valide.csv)")));
    // L'historique compte dans les indicateurs des mois où il a eu lieu.
    use binome::domain::indicateurs::{ensemble, Bornes, Cle, Mois};
    let m = |a, n| Mois { annee: a, mois: n };
    let t = ensemble(
        &s.indicateurs(Bornes {
            de: m(2025, 1),
            a: m(2026, 11),
            aujourdhui: crate::commun::j("01/12/2026"),
        })
        .expect("indicateurs"),
    );
    let entrees = |mois: Mois| t.get(&mois).map_or(0, |c| c.compte(Cle::Entrees).total);
    assert_eq!(entrees(m(2026, 1)), 1, "Paul, entré le 15/01/2026");
    assert_eq!(entrees(m(2025, 2)), 1, "Inès, entrée le 01/02/2025");
    assert_eq!(entrees(m(2025, 3)), 1, "Jean, entré le 01/03/2025");
    assert_eq!(
        t.get(&m(2025, 6))
            .map_or(0, |c| c.compte(Cle::Sorties).total),
        1,
        "Jean, sorti le 20/06/2025"
    );
    drop(s);

    // Le même fichier une seconde fois : rien ne change.
    let avant = evenements(dir.path());
    let o = importer(dir.path(), &valide, &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).contains("0 nouveau(x), 0 mise(s) à jour, 4 identique(s)"),
        "{}",
        texte(&o.stdout)
    );
    assert_eq!(evenements(dir.path()), avant);

    // Import → export (identifiants en entier) → réimport : rien ne change.
    let sorties = tempfile::tempdir().expect("sorties");
    for ext in ["csv", "xlsx"] {
        let export = sorties.path().join(format!("export.{ext}"));
        let o = binome(
            dir.path(),
            &[
                "export",
                "dossiers",
                "--identifiants",
                "--out",
                export.to_str().expect("chemin"),
            ],
        );
        assert!(o.status.success(), "{}", texte(&o.stderr));
        let o = importer(dir.path(), &export, &[]);
        assert!(o.status.success(), "{ext} : {}", texte(&o.stderr));
        assert!(
            texte(&o.stdout).contains(
                "0 nouveau(x), 0 mise(s) à jour, 4 identique(s), 0 doublon(s), 0 en erreur"
            ),
            "{ext} : {}",
            texte(&o.stdout)
        );
        assert_eq!(evenements(dir.path()), avant, "{ext}");
    }

    // Un changement dans le fichier est une mise à jour, datée du jour.
    let modifie = sorties.path().join("modifie.csv");
    let contenu = std::fs::read_to_string(&valide)
        .expect("lu")
        .replace("Arles;13200;oui", "Arles;13200;non");
    std::fs::write(&modifie, contenu).expect("écrit");
    let o = importer(dir.path(), &modifie, &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).contains("1 mise(s) à jour"),
        "{}",
        texte(&o.stdout)
    );
    assert!(
        texte(&o.stderr).contains("ne perçoit plus le RSA"),
        "{}",
        texte(&o.stderr)
    );
    assert!(
        !crate::commun::base(dir.path())
            .dossier(lea.id)
            .expect("l")
            .expect("d")
            .personne
            .brsa
    );
}

#[test]
fn les_fichiers_d_excel_en_francais_se_lisent_quel_que_soit_leur_format() {
    let dir = poste_neuf();
    let o = importer(dir.path(), &fichier("windows-1252-virgule.csv"), &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(texte(&o.stderr).contains("Windows-1252 (Excel), séparateur virgule"));
    let o = importer(dir.path(), &fichier("tabulations-titre.csv"), &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stderr).contains("séparateur tabulation, en-tête ligne 4"),
        "{}",
        texte(&o.stderr)
    );
    let noms: Vec<String> = mes_dossiers(dir.path())
        .iter()
        .map(|r| format!("{} {}", r.nom, r.prenom))
        .collect();
    for attendu in ["Accentué Hélène", "Çà Noël", "Tabulé Anne"] {
        assert!(
            noms.contains(&attendu.to_string()),
            "{attendu} dans {noms:?}"
        );
    }
}

#[test]
fn un_fichier_en_erreur_n_importe_rien_et_dit_chaque_ligne() {
    let dir = poste_neuf();
    let sorties = tempfile::tempdir().expect("sorties");
    let rapport = sorties.path().join("rapport.csv");
    let o = importer(
        dir.path(),
        &fichier("erreurs.csv"),
        &["--rapport", rapport.to_str().expect("r")],
    );
    assert!(!o.status.success());
    let err = texte(&o.stderr);
    assert!(err.contains("rien n'a été importé"), "{err}");
    assert!(mes_dossiers(dir.path()).is_empty(), "tout ou rien");
    for attendu in [
        "ligne 3 [Identifiant PE/FT]", // la même personne deux fois
        "déjà à la ligne 2 du fichier",
        "ligne 4 [Identifiant PE/FT] « 12AB »", // identifiant invalide
        "ligne 5 [Date de naissance] « 31/02/1980 »",
        "ligne 6 [Date de naissance] « 01/01/2030 »",
        "ligne 7 [Commune] « Atlantide »",
        "ligne 8 [Motif de sortie]",
        "ligne 9 [Date d'entrée] « 01/01/2030 »",
        "ligne 10 [Date de reconduction]",
        "ligne 11 [Date de sortie]",
    ] {
        assert!(err.contains(attendu), "« {attendu} » absent de :\n{err}");
    }
    assert!(
        !err.contains("ligne 12 ["),
        "la dernière ligne est bonne : {err}"
    );
    // Le rapport CSV dit la même chose, pour le tableur.
    let r = std::fs::read_to_string(&rapport).expect("rapport");
    assert!(r.starts_with("\u{feff}Ligne;Colonne;Valeur;Erreur\r\n"));
    assert!(r.contains("7;Commune;Atlantide;"), "{r}");
    // Les lignes valides seulement, si on le demande.
    let o = importer(
        dir.path(),
        &fichier("erreurs.csv"),
        &["--valides-seulement"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert_eq!(
        mes_dossiers(dir.path()).len(),
        2,
        "Léa Fictive et Bonne Ligne"
    );
}

#[test]
fn les_fichiers_mal_formes_sont_refuses_avec_ce_qui_etait_attendu() {
    let dir = poste_neuf();
    for (nom, attendu) in [
        ("vide.csv", "le fichier est vide"),
        ("entete-seul.csv", "ne contient que l'en-tête"),
        ("colonnes-manquantes.csv", "Colonnes obligatoires manquantes : Date de naissance, Identifiant France Travail, Commune"),
        ("binaire.csv", "pas un fichier texte"),
        ("cellule-1-mo.csv", "cellule de plus de 64 Ko"),
    ] {
        let o = importer(dir.path(), &fichier(nom), &[]);
        assert!(!o.status.success(), "{nom}");
        let err = texte(&o.stderr);
        assert!(err.contains(attendu), "{nom} : {err}");
        assert!(!err.contains("panicked"), "{nom} : {err}");
    }
    assert!(mes_dossiers(dir.path()).is_empty());
}

/// Un classeur à plusieurs feuilles et cellules fusionnées : la feuille du suivi est
/// trouvée, les dates et codes mis en nombres par le tableur sont relus.
#[test]
fn un_classeur_a_plusieurs_feuilles_se_lit() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = poste_neuf();
    let mut w = Workbook::new();
    let notes = w.add_worksheet();
    notes.set_name("Notes").expect("nom");
    notes
        .write_string(0, 0, "Mode d'emploi du tableau")
        .expect("cellule");
    let f = w.add_worksheet();
    f.set_name("Portefeuille").expect("nom");
    let titre = Format::new().set_bold();
    f.merge_range(0, 0, 0, 5, "Suivi accompagnement global 2026", &titre)
        .expect("fusion");
    for (c, e) in [
        "Nom",
        "Prénom",
        "Date de naissance",
        "Identifiant FT",
        "Code postal",
        "Civilité",
    ]
    .iter()
    .enumerate()
    {
        f.write_string(1, c as u16, *e).expect("en-tête");
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    f.write_string(2, 0, "Classeur").expect("c");
    f.write_string(2, 1, "Zoé").expect("c");
    f.write_datetime_with_format(
        2,
        2,
        ExcelDateTime::from_ymd(1991, 9, 8).expect("date"),
        &date,
    )
    .expect("c");
    f.write_string(2, 3, "1000030X").expect("c");
    f.write_number(2, 4, 13200.0).expect("c");
    f.write_string(2, 5, "Mme").expect("c");
    let sorties = tempfile::tempdir().expect("sorties");
    let chemin = sorties.path().join("suivi.xlsx");
    w.save(&chemin).expect("classeur");
    let o = importer(dir.path(), &chemin, &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stderr).contains("feuille « Portefeuille » (feuilles ignorées : « Notes »)"),
        "{}",
        texte(&o.stderr)
    );
    let d = &mes_dossiers(dir.path())[0];
    assert_eq!((d.nom.as_str(), d.commune.as_str()), ("Classeur", "13004"));
}

/// Une correspondance écrite, corrigée à la main, relue ; la dernière est gardée.
#[test]
fn la_correspondance_s_ecrit_se_corrige_et_se_garde() {
    let dir = poste_neuf();
    let sorties = tempfile::tempdir().expect("sorties");
    let csv = sorties.path().join("maison.csv");
    std::fs::write(&csv, "Bénéficiaire;Son prénom;Né(e) le;Matricule;Lieu;Civilité\r\nMaison;Rémi;03/03/1983;1000040Y;Arles;M.\r\n").expect("csv");
    let corresp = sorties.path().join("correspondance.json");
    let o = importer(
        dir.path(),
        &csv,
        &[
            "--dry-run",
            "--ecrire-correspondance",
            corresp.to_str().expect("c"),
        ],
    );
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("Colonnes obligatoires manquantes"),
        "{}",
        texte(&o.stderr)
    );
    let json = std::fs::read_to_string(&corresp).expect("écrite");
    assert!(json.contains("\"Civilité\": \"civilite\""), "{json}");
    let corrige = r#"{"colonnes": {"Bénéficiaire": "nom", "Son prénom": "prenom", "Né(e) le": "date_naissance", "Matricule": "identifiant_ft", "Lieu": "commune", "Civilité": "civilite"}}"#;
    std::fs::write(&corresp, corrige).expect("corrigée");
    let o = importer(
        dir.path(),
        &csv,
        &["--correspondance", corresp.to_str().expect("c")],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert_eq!(mes_dossiers(dir.path()).len(), 1);
    // La fois suivante, sans la donner : elle est reprise.
    let o = importer(dir.path(), &csv, &[]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(
        texte(&o.stdout).contains("1 identique(s)"),
        "{}",
        texte(&o.stdout)
    );
}

// Des octets quelconques (texte, faux classeur, binaire) ne font jamais paniquer les
// lecteurs : ils rendent un tableau ou une erreur.
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::with_cases(256)
    })]

    #[test]
    fn des_octets_quelconques_ne_font_pas_paniquer_les_lecteurs(
        octets in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
        texte in "([A-Za-zéèàç0-9 ]{0,8}[;,\t\"\r\n]){0,60}",
        classeur in proptest::prelude::any::<bool>(),
    ) {
        use binome::domain::reprise::score_entete;
        use binome::formats::tableau;
        let mut faux = if classeur { b"PK\x03\x04".to_vec() } else { Vec::new() };
        faux.extend_from_slice(&octets);
        for entree in [&faux[..], texte.as_bytes()] {
            if let Ok(t) = tableau::lire(entree, &score_entete) {
                // Relu, le fichier donne les lignes comptées à la première lecture.
                let lignes = t.lignes();
                proptest::prop_assert!(lignes.is_ok(), "{:?}", lignes);
                let lignes = lignes.unwrap_or_default();
                proptest::prop_assert_eq!(lignes.len(), t.nombre);
                proptest::prop_assert!(lignes.iter().all(|l| l.numero > t.ligne_entete));
                proptest::prop_assert!(t.premieres.iter().zip(&lignes).all(|(a, b)| a == b));
            }
            static REF: std::sync::OnceLock<(
                binome::domain::freins::Freins,
                binome::domain::structures::Referentiel,
            )> = std::sync::OnceLock::new();
            let (freins, territoire) = REF.get_or_init(|| {
                (
                    binome::domain::freins::Freins::embarque(),
                    binome::domain::structures::Referentiel::embarque(),
                )
            });
            let ctx = binome::domain::ressources::Contexte { freins, territoire };
            let _ = binome::formats::ressources::import::lire(&[("x", entree)], ctx, crate::commun::j("01/12/2026"));
        }
    }
}

/// Un compte qui n'est pas celui d'un professionnel n'a pas de portefeuille où reprendre.
#[test]
fn un_compte_sans_fiche_de_professionnel_ne_reprend_rien() {
    let dir = tempfile::tempdir().expect("tmp");
    crate::commun::acces(dir.path());
    let o = importer(dir.path(), &fichier("valide.csv"), &[]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("Aucun utilisateur n'est identifié"),
        "{}",
        texte(&o.stderr)
    );
    assert_eq!(
        crate::commun::base(dir.path())
            .portefeuille()
            .expect("p")
            .len(),
        0
    );
}

/// Un tableau plus long que l'aperçu : seules les premières lignes restent en mémoire,
/// l'import relit le fichier ; un fichier changé entre la vérification et l'import n'est
/// pas importé.
#[test]
fn l_import_relit_le_fichier_et_refuse_un_fichier_change_depuis_la_verification() {
    use binome::formats::tableau::EXEMPLES;
    use binome::services::reprise::{self, Options, APERCU};
    let dir = poste_neuf();
    let espace = binome::services::espace::Espace {
        dossier: dir.path().to_path_buf(),
    };
    let poste = binome::services::Poste::ouvrir(
        &espace,
        crate::commun::acces(dir.path()),
        chrono::Local::now().date_naive(),
    )
    .expect("poste");
    let sorties = tempfile::tempdir().expect("sorties");
    let chemin = sorties.path().join("long.csv");
    let mut t = String::from("Civilité;Nom;Prénom;Date de naissance;Identifiant FT;Commune\r\n");
    for i in 0..130 {
        t.push_str(&format!(
            "Mme;Long{i};Zoé;08/09/1991;{:07}L;13004\r\n",
            3_000_000 + i
        ));
    }
    std::fs::write(&chemin, &t).expect("tableau");
    let sans_progres = &mut |_: &str, _: usize, _: usize| true;

    let tableau = reprise::lire(&chemin).expect("lu");
    assert_eq!(tableau.nombre, 130);
    assert_eq!(tableau.premieres.len(), EXEMPLES);
    let c = reprise::proposer(&poste, &tableau);
    let analyse =
        reprise::analyser(&poste, "long.csv", &tableau, &c, sans_progres).expect("vérifié");
    assert_eq!(
        analyse.compte().nouveaux,
        130,
        "{:?}",
        analyse.erreurs().first()
    );
    assert_eq!(
        analyse.lignes.iter().filter(|l| l.lue.is_some()).count(),
        APERCU
    );

    // Changé après la vérification : rien n'est importé.
    std::fs::write(&chemin, t.replace(";Long7;", ";Autre7;")).expect("changé");
    let e = reprise::importer(&poste, &analyse, Options::default(), sans_progres)
        .expect_err("fichier changé");
    assert!(
        e.to_string()
            .contains("le fichier a changé depuis sa lecture"),
        "{e}"
    );
    assert!(mes_dossiers(dir.path()).is_empty(), "rien d'importé");

    // Relu et vérifié de nouveau : toutes les lignes entrent, même celles hors de l'aperçu.
    let tableau = reprise::lire(&chemin).expect("relu");
    let analyse =
        reprise::analyser(&poste, "long.csv", &tableau, &c, sans_progres).expect("vérifié");
    let bilan =
        reprise::importer(&poste, &analyse, Options::default(), sans_progres).expect("importé");
    assert_eq!(bilan.crees, 130);
    let noms: std::collections::HashSet<String> = mes_dossiers(dir.path())
        .into_iter()
        .map(|d| d.nom.into())
        .collect();
    assert!(
        noms.contains("Autre7") && noms.contains("Long129"),
        "{noms:?}"
    );
}
