//! Protocole de désignation du référent social (continuité, pôle d'insertion, MDS, accord
//! du Département) sur le référentiel embarqué des Bouches-du-Rhône, et cohérence de ce
//! référentiel.

use crate::commun::*;
use binome::domain::designation::{designer, Designation, Situation};
use binome::domain::professionnel::{Membre, Role};
use binome::domain::structures::{
    ErreurStructures, Referentiel, Structures, COMMUNES_CSV, STRUCTURES_JSON,
};

fn referentiel() -> &'static Referentiel {
    use std::sync::OnceLock;
    static R: OnceLock<Referentiel> = OnceLock::new();
    R.get_or_init(Referentiel::embarque)
}

fn structures() -> &'static Structures {
    &referentiel().structures
}

fn situation(brsa: bool, enfant_mineur: bool, commune: &str) -> Situation<'_> {
    Situation {
        brsa,
        enfant_mineur,
        commune,
        referent_existant: None,
        structure_indisponible: false,
    }
}

fn pour(s: Situation) -> Designation {
    designer(s, structures())
}

/// La MDS qui couvre la commune, cherchée directement dans les données.
fn mds_couvrant(insee: &str) -> (String, String) {
    let couvrantes: Vec<_> = structures()
        .mds
        .iter()
        .filter(|t| t.communes.iter().any(|c| c == insee))
        .collect();
    assert_eq!(couvrantes.len(), 1, "MDS de {insee} : {couvrantes:?}");
    (couvrantes[0].code.clone(), couvrantes[0].nom.clone())
}

// ---------------------------------------------------------------------------------------
// Le protocole
// ---------------------------------------------------------------------------------------

#[test]
fn continuite_le_referent_existant_forme_le_binome() {
    let deja = membre(Role::Referent);
    for (brsa, enfant) in [(true, false), (true, true), (false, true), (false, false)] {
        for commune in ["13004", "13213", "13999"] {
            let s = Situation {
                referent_existant: Some(&deja),
                ..situation(brsa, enfant, commune)
            };
            assert_eq!(
                pour(s),
                Designation::ReferentExistant(deja.clone()),
                "BRSA {brsa}, enfant {enfant}, commune {commune}"
            );
        }
    }
    // Même si la structure du protocole ne pouvait pas désigner.
    let s = Situation {
        referent_existant: Some(&deja),
        structure_indisponible: true,
        ..situation(true, false, "13004")
    };
    assert_eq!(pour(s), Designation::ReferentExistant(deja.clone()));
}

#[test]
fn brsa_sans_enfant_a_arles_le_pole_d_insertion_d_arles() {
    assert_eq!(
        pour(situation(true, false, "13004")),
        Designation::PoleInsertion {
            code: "PI-ARLES".into(),
            nom: "Pôle d'insertion Arles".into(),
        }
    );
}

#[test]
fn brsa_sans_enfant_a_marseille_13e_le_pole_13_14() {
    assert_eq!(
        pour(situation(true, false, "13213")),
        Designation::PoleInsertion {
            code: "PI-M1314".into(),
            nom: "Pôle d'insertion Marseille 13-14".into(),
        }
    );
    // Le 14e relève du même pôle, le 15e d'un autre.
    assert!(matches!(
        pour(situation(true, false, "13214")),
        Designation::PoleInsertion { code, .. } if code == "PI-M1314"
    ));
    assert!(matches!(
        pour(situation(true, false, "13215")),
        Designation::PoleInsertion { code, .. } if code == "PI-M1516"
    ));
}

#[test]
fn les_poles_marseillais_couvrent_les_arrondissements_de_leur_nom() {
    for (code, arrondissements) in [
        ("PI-M1567", &[1, 5, 6, 7][..]),
        ("PI-M23", &[2, 3]),
        ("PI-M489101112", &[4, 8, 9, 10, 11, 12]),
        ("PI-M1314", &[13, 14]),
        ("PI-M1516", &[15, 16]),
    ] {
        for n in arrondissements {
            let insee = format!("132{n:02}");
            assert_eq!(
                structures().pole_de(&insee).map(|t| t.code.as_str()),
                Some(code),
                "{insee}"
            );
        }
    }
}

#[test]
fn avec_enfant_mineur_la_mds_de_la_residence_au_rsa_ou_non() {
    for brsa in [true, false] {
        let d = pour(situation(brsa, true, "13004"));
        assert_eq!(
            d,
            Designation::Mds {
                code: "MDS-ARLES".into(),
                nom: "Maison de la solidarité d'Arles".into(),
            },
            "BRSA {brsa}"
        );
        let d = pour(situation(brsa, true, "13213"));
        assert_eq!(
            d,
            Designation::Mds {
                code: "MDS-MARSEILLE-13".into(),
                nom: "Maison de la solidarité Marseille 13e".into(),
            },
            "BRSA {brsa}"
        );
    }
}

#[test]
fn avec_enfant_mineur_la_mds_qui_couvre_chaque_commune() {
    for c in referentiel()
        .communes
        .iter()
        .filter(|c| c.departement == "13")
    {
        let (code, nom) = mds_couvrant(&c.insee);
        for brsa in [true, false] {
            assert_eq!(
                pour(situation(brsa, true, &c.insee)),
                Designation::Mds {
                    code: code.clone(),
                    nom: nom.clone()
                },
                "{} ({})",
                c.nom,
                c.insee
            );
        }
    }
}

#[test]
fn sans_rsa_ni_enfant_mineur_accord_du_departement() {
    for commune in ["13004", "13213", "13999"] {
        match pour(situation(false, false, commune)) {
            Designation::AccordDepartement { raison } => {
                assert!(raison.contains("sans RSA ni enfant mineur"), "{raison}")
            }
            autre => panic!("accord du Département attendu, obtenu {autre:?}"),
        }
    }
}

#[test]
fn structure_indisponible_accord_du_departement() {
    for (brsa, enfant) in [(true, false), (true, true), (false, true)] {
        let s = Situation {
            structure_indisponible: true,
            ..situation(brsa, enfant, "13004")
        };
        match pour(s) {
            Designation::AccordDepartement { raison } => {
                assert!(raison.contains("ne peut pas désigner"), "{raison}")
            }
            autre => panic!("accord du Département attendu, obtenu {autre:?}"),
        }
    }
}

#[test]
fn commune_inconnue_accord_du_departement_qui_la_nomme() {
    for (brsa, enfant) in [(true, false), (true, true), (false, true)] {
        match pour(situation(brsa, enfant, "13999")) {
            Designation::AccordDepartement { raison } => {
                assert_eq!(
                    raison,
                    "Aucune structure du référentiel ne couvre la commune 13999."
                );
            }
            autre => panic!("accord du Département attendu, obtenu {autre:?}"),
        }
    }
    // Marseille n'est connue que par ses arrondissements.
    assert!(matches!(
        pour(situation(true, false, "13055")),
        Designation::AccordDepartement { raison } if raison.contains("13055")
    ));
}

#[test]
fn libelles_en_francais_nommant_la_structure() {
    let deja = Membre {
        nom: "Bruno SOCIAL".into(),
        ..membre(Role::Referent)
    };
    let s = Situation {
        referent_existant: Some(&deja),
        ..situation(true, false, "13004")
    };
    assert_eq!(
        pour(s).libelle(),
        "Contacter Bruno SOCIAL : la personne a déjà un référent social, il forme le binôme (continuité)."
    );
    assert_eq!(
        pour(situation(true, false, "13004")).libelle(),
        "Contacter le Pôle d'insertion Arles : il désignera le référent social (personne au RSA sans enfant mineur)."
    );
    assert_eq!(
        pour(situation(false, true, "13213")).libelle(),
        "Contacter la Maison de la solidarité Marseille 13e : sa direction désignera le référent social (enfant mineur à charge)."
    );
    let texte = pour(situation(true, true, "13999")).libelle();
    assert!(texte.starts_with("Aucune structure du référentiel ne couvre la commune 13999."));
    assert!(texte.contains("en accord avec le Département"), "{texte}");
    let texte = pour(situation(false, false, "13004")).libelle();
    assert!(texte.contains("Identifiez, en accord avec le Département, un référent social"));
}

// ---------------------------------------------------------------------------------------
// Le référentiel
// ---------------------------------------------------------------------------------------

#[test]
fn referentiel_des_bouches_du_rhone() {
    let s = structures();
    assert_eq!(s.poles_insertion.len(), 10);
    assert_eq!(s.mds.len(), 29);
    assert_eq!(s.agences.len(), 26);
    // Dans les Bouches-du-Rhône : 118 communes hors Marseille et les 16 arrondissements.
    let r = referentiel();
    assert_eq!(
        r.communes.iter().filter(|c| c.departement == "13").count(),
        134
    );
    // Et toute la France : Paris et Lyon par arrondissements aussi, Lille comme Marseille.
    assert!(r.communes.len() > 34_000, "{}", r.communes.len());
    for (insee, nom) in [
        ("75101", "Paris 1er Arrondissement"),
        ("69381", "Lyon 1er Arrondissement"),
        ("59350", "Lille"),
        ("97411", "Saint-Denis"),
    ] {
        assert_eq!(
            r.commune(insee).map(|c| c.nom.as_str()),
            Some(nom),
            "{insee}"
        );
    }
    for ville in ["75056", "69123", "13055"] {
        assert!(
            r.commune(ville).is_none(),
            "{ville} : remplacée par ses arrondissements"
        );
    }
    assert!(r
        .communes
        .iter()
        .all(|c| !c.codes_postaux.is_empty() && c.latitude != 0.0));
    let noms: Vec<&str> = s.poles_insertion.iter().map(|t| t.nom.as_str()).collect();
    for nom in [
        "Pôle d'insertion Marseille 1-5-6-7",
        "Pôle d'insertion Marseille 2-3",
        "Pôle d'insertion Marseille 4-8-9-10-11-12",
        "Pôle d'insertion Marseille 13-14",
        "Pôle d'insertion Marseille 15-16",
        "Pôle d'insertion Aix-Gardanne",
        "Pôle d'insertion Istres/Martigues/Marignane",
        "Pôle d'insertion Aubagne-La Ciotat",
        "Pôle d'insertion Arles",
        "Pôle d'insertion Salon-Berre",
    ] {
        assert!(noms.contains(&nom), "{nom} absent de l'annexe 4");
    }
}

#[test]
fn chaque_commune_a_exactement_un_pole_une_mds_une_agence() {
    let s = structures();
    // Le département que décrivent les structures livrées.
    for c in referentiel()
        .communes
        .iter()
        .filter(|c| c.departement == "13")
    {
        let compter = |listes: Vec<&Vec<String>>| {
            listes
                .into_iter()
                .filter(|l| l.iter().any(|x| *x == c.insee))
                .count()
        };
        let poles = compter(s.poles_insertion.iter().map(|t| &t.communes).collect());
        let mds = compter(s.mds.iter().map(|t| &t.communes).collect());
        let agences = compter(s.agences.iter().map(|a| &a.communes).collect());
        assert_eq!((poles, mds, agences), (1, 1, 1), "{} ({})", c.nom, c.insee);
        assert!(s.pole_de(&c.insee).is_some());
        assert!(s.mds_de(&c.insee).is_some());
        assert!(s.agence_de(&c.insee).is_some());
    }
    // Et chaque agence est située dans une commune du référentiel.
    for a in &s.agences {
        assert!(referentiel().commune(&a.commune).is_some(), "{}", a.nom);
    }
}

#[test]
fn marseille_par_arrondissements() {
    let r = referentiel();
    for n in 1..=16 {
        let insee = format!("132{n:02}");
        let c = r
            .commune(&insee)
            .unwrap_or_else(|| panic!("{insee} absent"));
        assert!(c.nom.starts_with(&format!("Marseille {n}")), "{}", c.nom);
        assert_eq!(c.codes_postaux, vec![format!("130{n:02}")]);
    }
    assert!(
        r.commune("13055").is_none(),
        "Marseille entière ne doit pas figurer"
    );
    assert!(r.commune("13217").is_none());
    assert!(structures().pole_de("13055").is_none());
}

#[test]
fn communes_d_un_code_postal() {
    let r = referentiel();
    let arles: Vec<&str> = r
        .communes_du_code_postal("13200")
        .iter()
        .map(|c| c.insee.as_str())
        .collect();
    assert_eq!(arles, ["13004"]);
    assert_eq!(r.commune("13004").unwrap().nom, "Arles");
    // Le code postal 13004 est celui de Marseille 4e, pas d'Arles (INSEE 13004).
    let cp: Vec<&str> = r
        .communes_du_code_postal("13004")
        .iter()
        .map(|c| c.nom.as_str())
        .collect();
    assert_eq!(cp, ["Marseille 4e Arrondissement"]);
    let paris: Vec<&str> = r
        .communes_du_code_postal("75001")
        .iter()
        .map(|c| c.nom.as_str())
        .collect();
    assert_eq!(paris, ["Paris 1er Arrondissement"]);
    assert!(r.communes_du_code_postal("00000").is_empty());
}

fn json_modifie(modifier: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(STRUCTURES_JSON).unwrap();
    modifier(&mut v);
    serde_json::to_string(&v).unwrap()
}

#[test]
fn le_fichier_embarque_se_relit() {
    let r = Referentiel::lire(STRUCTURES_JSON, COMMUNES_CSV).unwrap();
    assert_eq!(&r.structures, structures());
    // Un fichier réécrit à l'identique est accepté.
    assert!(Referentiel::lire(&json_modifie(|_| {}), COMMUNES_CSV).is_ok());
}

#[test]
fn une_structure_citant_une_commune_inconnue_est_refusee() {
    let json = json_modifie(|v| {
        v["poles_insertion"][0]["communes"]
            .as_array_mut()
            .unwrap()
            .push("13999".into());
    });
    let e = Referentiel::lire(&json, COMMUNES_CSV).unwrap_err();
    assert_eq!(
        e,
        ErreurStructures::CommuneInconnue {
            structure: "Pôle d'insertion Marseille 1-5-6-7".into(),
            commune: "13999".into(),
        }
    );
    assert!(e.to_string().contains("13999"));
    // Marseille entière (13055) n'est pas une commune du référentiel.
    let json = json_modifie(|v| {
        v["agences"][0]["communes"]
            .as_array_mut()
            .unwrap()
            .push("13055".into());
    });
    assert!(matches!(
        Referentiel::lire(&json, COMMUNES_CSV),
        Err(ErreurStructures::CommuneInconnue { commune, .. }) if commune == "13055"
    ));
}

#[test]
fn un_code_de_structure_en_double_est_refuse() {
    let json = json_modifie(|v| {
        v["mds"][1]["code"] = v["mds"][0]["code"].clone();
    });
    assert_eq!(
        Referentiel::lire(&json, COMMUNES_CSV).unwrap_err(),
        ErreurStructures::CodeEnDouble("MDS-MARSEILLE-1".into())
    );
    // Entre catégories aussi : une agence ne peut reprendre le code d'un pôle.
    let json = json_modifie(|v| {
        v["agences"][3]["code"] = "PI-ARLES".into();
    });
    let e = Referentiel::lire(&json, COMMUNES_CSV).unwrap_err();
    assert_eq!(e, ErreurStructures::CodeEnDouble("PI-ARLES".into()));
    assert!(e.to_string().contains("« PI-ARLES »"), "{e}");
}

#[test]
fn fichiers_illisibles_refuses() {
    assert!(matches!(
        Referentiel::lire("{", COMMUNES_CSV),
        Err(ErreurStructures::Illisible(_))
    ));
    assert!(matches!(
        Referentiel::lire(STRUCTURES_JSON, "code;nom\n13004;Arles"),
        Err(ErreurStructures::Communes { ligne: 1, .. })
    ));
}

/// Les communes se lisent en deux moitiés, chacune sur son fil : l'ordre du fichier est
/// gardé, et une ligne fausse est nommée par son numéro dans le fichier, de quelque moitié
/// qu'elle soit (la première fautive si plusieurs le sont).
#[test]
fn les_communes_gardent_leur_ordre_et_les_numeros_de_ligne() {
    let complet = Referentiel::embarque();
    let lignes: Vec<&str> = COMMUNES_CSV.lines().collect();
    assert_eq!(complet.communes.len(), lignes.len() - 1);
    let premiere = lignes[1].split(';').next().expect("code");
    let derniere = lignes[lignes.len() - 1].split(';').next().expect("code");
    assert_eq!(complet.communes[0].insee, premiere);
    assert_eq!(complet.communes[complet.communes.len() - 1].insee, derniere);
    let abimer = |numeros: &[usize]| {
        let mut l: Vec<String> = lignes.iter().map(|l| l.to_string()).collect();
        for &n in numeros {
            l[n - 1] = l[n - 1].replacen(';', ",", 1);
        }
        l.join("\r\n")
    };
    for numeros in [vec![2], vec![30_000], vec![lignes.len()], vec![20, 30_000]] {
        let csv = abimer(&numeros);
        let e = Referentiel::lire(STRUCTURES_JSON, &csv).expect_err("ligne fausse");
        assert!(
            matches!(e, ErreurStructures::Communes { ligne, .. } if ligne == numeros[0]),
            "{numeros:?} : {e}"
        );
    }
}

#[test]
fn un_demenagement_hors_du_perimetre_dit_qui_doit_reprendre() {
    use binome::domain::designation::reexamen;
    use binome::domain::identifiants::CodeInsee;
    // Entré à Arles avec un conseiller dont le périmètre est Arles, au RSA sans enfant.
    let p = Parcours::entre(Role::Conseiller);
    let d = p.d();
    let mut apres = d.personne.clone();
    apres.commune = CodeInsee::parse("13201").expect("commune");
    let points = reexamen(d, &apres, referentiel());
    let agence = structures()
        .agence_de("13201")
        .expect("agence de Marseille 1er");
    let texte = points.join("\n");
    assert!(texte.contains("hors du périmètre"), "{texte}");
    assert!(texte.contains(&agence.nom), "{texte}");
    let pole = structures()
        .pole_de("13201")
        .expect("pôle de Marseille 1er");
    assert!(texte.contains(&pole.nom), "{texte}");
    assert!(texte.contains("reste le référent social"), "{texte}");
    // Un enfant arrive, sans déménagement : le protocole désignerait la MDS ; ni
    // périmètre ni agence en cause.
    let mut enfant = d.personne.clone();
    enfant.enfant_mineur = true;
    let points = reexamen(d, &enfant, referentiel());
    let (_, mds) = mds_couvrant("13004");
    assert_eq!(points.len(), 1, "{points:?}");
    assert!(points[0].contains(&mds), "{points:?}");
    // Un nouveau téléphone ne demande rien.
    let mut tel = d.personne.clone();
    tel.adresse = "Ailleurs".into();
    assert!(reexamen(d, &tel, referentiel()).is_empty());
}

/// L'autocomplétion sur toute la France : le territoire des structures installées d'abord,
/// puis les noms qui commencent par la saisie, sans accents ni casse.
#[test]
fn autocompletion_des_communes_de_toute_la_france() {
    let r = referentiel();
    let noms = |t: &str| -> Vec<String> {
        r.communes_commencant(&binome::domain::texte::normaliser(t), "", 3)
            .iter()
            .map(|c| c.nom.to_string())
            .collect()
    };
    assert_eq!(noms("aub")[0], "Aubagne");
    // Le code postal déjà saisi passe en tête : « Mars » avec 13001 propose d'abord le 1er
    // arrondissement (sans lui, les six premiers sont les noms les plus courts : 2e, 3e…).
    let avec_cp = |t: &str, cp: &str| -> Vec<String> {
        r.communes_commencant(&binome::domain::texte::normaliser(t), cp, 6)
            .iter()
            .map(|c| c.nom.to_string())
            .collect()
    };
    assert_eq!(avec_cp("mars", "13001")[0], "Marseille 1er Arrondissement");
    assert_eq!(avec_cp("Mars", " 13008 ")[0], "Marseille 8e Arrondissement");
    assert!(!avec_cp("mars", "").contains(&"Marseille 1er Arrondissement".to_string()));
    assert_eq!(noms("LILLE")[0], "Lille");
    assert_eq!(noms("orléans")[0], "Orléans");
    assert_eq!(
        r.commune_saisie("Lille", "").map(|c| c.insee.as_str()),
        Some("59350")
    );
}
