//! Les lecteurs de données venues d'ailleurs (identifiants, dates, imports de ressources,
//! agrégats et clés d'installation, sauvegardes) ne paniquent jamais, ne bouclent pas, et
//! rendent une erreur en un temps et une mémoire bornés : fichier de 50 Mo, JSON imbriqué
//! sur 100 000 niveaux, octets qui ne sont pas de l'UTF-8.

use std::time::{Duration, Instant};

use binome::domain::date::lire_date;
use binome::domain::freins::Freins;
use binome::domain::identifiants::{
    CodeInsee, CodePostal, Courriel, IdentifiantFt, Nir, NumeroCaf, Telephone,
};
use binome::domain::indicateurs::agregat::{Agregat, CleInstallation};
use binome::domain::ressources::Contexte;
use binome::domain::structures::Referentiel;
use binome::formats::ressources::import;
use proptest::prelude::*;

use crate::commun::j;

/// Bien au-delà de ce qu'il faut : seulement pour qu'une boucle sans fin se voie.
const BORNE: Duration = Duration::from_secs(60);

fn importer(nom: &str, octets: &[u8]) -> Result<usize, String> {
    let (freins, territoire) = (Freins::embarque(), Referentiel::embarque());
    import::lire(
        &[(nom, octets)],
        Contexte {
            freins: &freins,
            territoire: &territoire,
        },
        j("23/11/2026"),
    )
    .map(|l| l.len())
    .map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn aucun_identifiant_ni_aucune_date_ne_fait_paniquer(s in "\\PC{0,40}") {
        let _ = Nir::parse(&s);
        let _ = IdentifiantFt::parse(&s);
        let _ = NumeroCaf::parse(&s);
        let _ = CodePostal::parse(&s);
        let _ = CodeInsee::parse(&s);
        let _ = Telephone::parse(&s);
        let _ = Courriel::parse(&s);
        let _ = lire_date(&s);
    }

    #[test]
    fn des_chiffres_presque_valides_ne_font_pas_paniquer(s in "[0-9 AB.+/-]{0,25}") {
        let _ = Nir::parse(&s);
        let _ = IdentifiantFt::parse(&s);
        let _ = Telephone::parse(&s);
        let _ = lire_date(&s);
    }

    #[test]
    fn des_octets_quelconques_a_l_import_donnent_un_rapport_ou_une_erreur(
        o in proptest::collection::vec(any::<u8>(), 0..2048),
        json in any::<bool>(),
    ) {
        let _ = importer(if json { "f.json" } else { "f.csv" }, &o);
        let _ = Agregat::lire(&o, "a.json");
        let _ = CleInstallation::lire(&o, "c.json");
    }

    /// Une archive ZIP abîmée ou quelconque, prise pour un classeur XLSX.
    #[test]
    fn un_faux_classeur_donne_une_erreur(
        o in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut octets = b"PK\x03\x04".to_vec();
        octets.extend(o);
        prop_assert!(importer("f.xlsx", &octets).is_err());
    }

    #[test]
    fn un_csv_aux_champs_quelconques_donne_un_rapport(
        lignes in proptest::collection::vec("[^\\n]{0,80}", 0..40)
    ) {
        let mut texte = String::from("nom;structure;commune;familles\n");
        for l in &lignes {
            texte.push_str(l);
            texte.push('\n');
        }
        let _ = importer("modele.csv", texte.as_bytes());
    }
}

fn borne<T>(quoi: &str, f: impl FnOnce() -> T) -> T {
    let debut = Instant::now();
    let r = f();
    assert!(debut.elapsed() < BORNE, "{quoi} : {:?}", debut.elapsed());
    r
}

#[test]
fn cent_mille_niveaux_de_json_sont_refuses_sans_debordement() {
    let mut json = "[".repeat(100_000);
    json.push_str(&"]".repeat(100_000));
    let e = borne("import", || importer("f.json", json.as_bytes())).expect_err("refusé");
    assert!(!e.is_empty());
    assert!(borne("agrégat", || Agregat::lire(json.as_bytes(), "a.json")).is_err());
    assert!(borne("clé", || CleInstallation::lire(json.as_bytes(), "c.json")).is_err());
    let mut objets = "{\"a\":".repeat(100_000);
    objets.push_str(&"}".repeat(100_000));
    assert!(borne("objets", || importer("f.json", objets.as_bytes())).is_err());
}

#[test]
fn des_octets_hors_utf8_sont_refuses_avec_un_message() {
    let o = b"nom;structure\n\x00\x01\xff\xfe\xc3\x28;x\n";
    let e = importer("f.csv", o).expect_err("refusé");
    assert!(
        e.contains("ce n'est pas un fichier texte (CSV) ni un classeur XLSX"),
        "{e}"
    );
    assert!(Agregat::lire(o, "a.json").is_err());
}

#[test]
fn un_fichier_de_50_mo_se_lit_ou_se_refuse_en_temps_borne() {
    let dir = tempfile::tempdir().expect("tmp");
    // 50 Mo d'une seule ligne, puis 50 Mo de lignes courtes et fausses.
    let une_ligne = vec![b'x'; 50 * 1024 * 1024];
    let r = borne("une ligne", || importer("f.csv", &une_ligne));
    assert!(r.is_err() || r == Ok(0), "{r:?}");
    let mut courtes = Vec::with_capacity(50 * 1024 * 1024);
    while courtes.len() < 50 * 1024 * 1024 {
        courtes.extend_from_slice(b"a;b;c;d\n");
    }
    let _ = borne("lignes courtes", || importer("f.csv", &courtes));
    // Un agrégat de 50 Mo passe la borne de lecture du fichier ou se refuse.
    let f = dir.path().join("agregat.json");
    std::fs::write(&f, &courtes).expect("fichier");
    assert!(borne("agrégat", || Agregat::lire(&courtes, "a.json")).is_err());
}

#[test]
fn une_sauvegarde_tronquee_videe_ou_remplacee_se_refuse() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let cle = crate::commun::cle(d);
    let f = d.join("sauvegarde.sqlite3");
    for contenu in [
        Vec::new(),
        vec![0u8; 64 * 1024],
        b"SQLite format 3\0garbage".to_vec(),
    ] {
        std::fs::write(&f, &contenu).expect("fichier");
        let e = binome::store::sauvegarde::verifier_sauvegarde(&f, &cle).expect_err("refusée");
        assert!(
            e.to_string().contains("n'est pas une sauvegarde lisible"),
            "{e}"
        );
    }
}

/// Trouvé par la propriété ci-dessus : huit caractères dont un de plusieurs octets
/// faisaient couper le texte au milieu d'un caractère.
#[test]
fn un_identifiant_france_travail_colle_avec_un_emoji_est_refuse() {
    assert!(IdentifiantFt::parse("%&¥🟁GZ:¥").is_err());
    assert!(IdentifiantFt::parse("123456é").is_err());
    assert_eq!(
        IdentifiantFt::parse("1234567a").map(|i| i.as_str().to_string()),
        Ok("1234567A".to_string())
    );
}
