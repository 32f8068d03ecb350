//! Base de ressources partenariales : recherche (accents, préfixe, filtres combinés,
//! distance), habilitations, import data·inclusion et modèle CSV (rapport, tout ou rien,
//! ré-import idempotent), prescription depuis le carnet de route.

use crate::commun::*;
use binome::domain::freins::Freins;
use binome::domain::ressources::recherche::{Autour, Criteres};
use binome::domain::ressources::{Cible, Contexte, Horaires, ModaliteAcces, Ressource};
use binome::domain::structures::Referentiel;
use binome::formats::ressources::import::{self, Issue, LigneLue};
use binome::formats::ressources::modele_csv;
use binome::store::{ErreurStore, Store};
use chrono::NaiveDateTime;
use uuid::Uuid;

fn contexte<'a>(freins: &'a Freins, territoire: &'a Referentiel) -> Contexte<'a> {
    Contexte { freins, territoire }
}

fn instant(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%d/%m/%Y %H:%M").expect("instant")
}

pub fn ressource(nom: &str, commune: &str, famille: &str, besoin: &str) -> Ressource {
    Ressource {
        id: Uuid::new_v4(),
        source: "binome".into(),
        source_id: nom.to_lowercase().replace(' ', "-"),
        nom: nom.into(),
        structure: "Association fictive".into(),
        description: "Service fictif pour les essais.".into(),
        publics: vec![],
        public: String::new(),
        modalite: ModaliteAcces::PremierNiveau,
        adresse: "1 rue de l'Essai".into(),
        code_postal: String::new(),
        commune: commune.into(),
        telephone: "04 00 00 00 00".into(),
        courriel: String::new(),
        site: String::new(),
        horaires: Horaires::lire("Mo-Fr 09:00-12:00"),
        cibles: vec![Cible {
            famille: famille.into(),
            besoin: besoin.into(),
        }],
        thematiques: vec![],
        latitude: None,
        longitude: None,
        date_maj: j("01/10/2026"),
        auteur: String::new(),
        archivee: false,
    }
}

struct Base {
    store: Store,
    freins: Freins,
    territoire: Referentiel,
}

impl Base {
    fn nouvelle() -> Base {
        Base {
            store: Store::en_memoire().expect("base"),
            freins: Freins::embarque(),
            territoire: Referentiel::embarque(),
        }
    }

    fn ajouter(&mut self, r: Ressource) -> Ressource {
        let ctx = contexte(&self.freins, &self.territoire);
        self.store
            .enregistrer_ressource(r, &referent(), ctx)
            .expect("ressource enregistrée")
    }

    fn chercher(&self, c: &Criteres) -> Vec<String> {
        self.store
            .rechercher_ressources(c, instant("23/11/2026 10:00"))
            .expect("recherche")
            .trouvees
            .into_iter()
            .map(|t| t.ressource.nom)
            .collect()
    }
}

fn texte(t: &str) -> Criteres {
    Criteres {
        texte: t.into(),
        ..Default::default()
    }
}

#[test]
fn recherche_sans_accents_ni_majuscules_par_prefixe() {
    let mut b = Base::nouvelle();
    let mut r = ressource(
        "Épicerie solidaire Les Lilas",
        "13201",
        "difficultes-financieres",
        "aide-alimentaire",
    );
    r.description = "Produits à petit prix pour les foyers aux ressources modestes.".into();
    b.ajouter(r);
    b.ajouter(ressource(
        "Auto-école sociale",
        "13005",
        "se-deplacer",
        "permis",
    ));

    assert_eq!(
        b.chercher(&texte("epic")),
        vec!["Épicerie solidaire Les Lilas"]
    );
    assert_eq!(
        b.chercher(&texte("ÉPICERIE SOL")),
        vec!["Épicerie solidaire Les Lilas"]
    );
    assert_eq!(
        b.chercher(&texte("foyers modest")),
        vec!["Épicerie solidaire Les Lilas"]
    );
    assert_eq!(b.chercher(&texte("ecole")), vec!["Auto-école sociale"]);
    // Chaque mot doit correspondre : « épicerie permis » ne donne rien.
    assert!(b.chercher(&texte("épicerie permis")).is_empty());
    // La syntaxe de l'index n'est pas interprétée.
    assert!(b.chercher(&texte("lilas OR permis")).is_empty());
    assert!(
        b.chercher(&texte("\"*(")).len() == 2,
        "sans mot, pas de filtre texte"
    );
    // Sans résultat : des conseils pour élargir.
    assert!(texte("zzz")
        .conseils()
        .iter()
        .any(|c| c.contains("autre mot")));
}

#[test]
fn filtres_combines() {
    let mut b = Base::nouvelle();
    b.ajouter(ressource(
        "Permis solidaire",
        "13201",
        "se-deplacer",
        "permis",
    ));
    let mut r = ressource("Garage solidaire", "13201", "se-deplacer", "vehicule");
    r.modalite = ModaliteAcces::PrescriptionApresAvis;
    r.publics = vec!["jeunes".into()];
    b.ajouter(r);
    let mut r = ressource("Plateforme mobilité", "13201", "se-deplacer", "");
    r.publics = vec!["tous-publics".into()];
    b.ajouter(r);
    b.ajouter(ressource(
        "Accueil de jour",
        "13201",
        "se-loger",
        "mise-a-l-abri",
    ));

    let famille = Criteres {
        famille: Some("se-deplacer".into()),
        ..Default::default()
    };
    assert_eq!(
        b.chercher(&famille),
        vec![
            "Garage solidaire",
            "Permis solidaire",
            "Plateforme mobilité"
        ]
    );
    // Un besoin : les ressources de ce besoin et celles de toute la famille.
    let besoin = Criteres {
        besoin: Some("permis".into()),
        ..famille.clone()
    };
    assert_eq!(
        b.chercher(&besoin),
        vec!["Permis solidaire", "Plateforme mobilité"]
    );
    // Avec du texte, le frein est cherché dans l'index plein texte : même résultat.
    let texte_besoin = Criteres {
        texte: "solidaire mobilite".into(),
        ..besoin.clone()
    };
    assert!(b.chercher(&texte_besoin).is_empty());
    let texte_besoin = Criteres {
        texte: "plateforme".into(),
        ..besoin.clone()
    };
    assert_eq!(b.chercher(&texte_besoin), vec!["Plateforme mobilité"]);
    let texte_besoin = Criteres {
        texte: "solidaire".into(),
        ..besoin.clone()
    };
    assert_eq!(b.chercher(&texte_besoin), vec!["Permis solidaire"]);
    let modalite = Criteres {
        modalite: Some(ModaliteAcces::PrescriptionApresAvis),
        ..famille.clone()
    };
    assert_eq!(b.chercher(&modalite), vec!["Garage solidaire"]);
    // Public : ceux qui le citent, « tous publics » et ceux qui ne disent rien.
    let seniors = Criteres {
        public: Some("seniors".into()),
        ..famille.clone()
    };
    assert_eq!(
        b.chercher(&seniors),
        vec!["Permis solidaire", "Plateforme mobilité"]
    );
    let combine = Criteres {
        texte: "solidaire".into(),
        public: Some("jeunes".into()),
        ..famille
    };
    assert_eq!(
        b.chercher(&combine),
        vec!["Garage solidaire", "Permis solidaire"]
    );
}

#[test]
fn ouvert_maintenant_selon_les_horaires() {
    let mut b = Base::nouvelle();
    b.ajouter(ressource("Ouvert le matin", "13201", "se-loger", ""));
    let mut r = ressource("Ouvert l'après-midi", "13201", "se-loger", "");
    r.horaires = Horaires::lire("Mo-Fr 14:00-17:00");
    b.ajouter(r);
    let mut r = ressource("Sur rendez-vous", "13201", "se-loger", "");
    r.horaires = Horaires::lire("Sur rendez-vous");
    b.ajouter(r);
    let c = Criteres {
        ouvert_maintenant: true,
        ..Default::default()
    };
    // Lundi 23/11/2026 à 10 h.
    assert_eq!(b.chercher(&c), vec!["Ouvert le matin"]);
    let apres_midi = b
        .store
        .rechercher_ressources(&c, instant("23/11/2026 15:30"))
        .expect("recherche");
    assert_eq!(apres_midi.trouvees.len(), 1);
    assert_eq!(apres_midi.trouvees[0].ressource.nom, "Ouvert l'après-midi");
    assert_eq!(apres_midi.trouvees[0].ouverte, Some(true));
}

#[test]
fn distance_autour_d_une_commune_triee_avec_les_distances() {
    let mut b = Base::nouvelle();
    // Au centre de chaque commune (coordonnées du référentiel).
    for (nom, commune) in [
        ("À Aix", "13001"),
        ("À La Ciotat", "13028"),
        ("Dans le 6e", "13206"),
        ("À Arles", "13004"),
        ("À Aubagne", "13005"),
    ] {
        b.ajouter(ressource(nom, commune, "se-soigner", "medecin"));
    }
    let centre = b
        .territoire
        .commune("13201")
        .expect("Marseille 1er")
        .clone();
    let c = Criteres {
        famille: Some("se-soigner".into()),
        autour: Some(Autour {
            libelle: centre.nom.to_string(),
            latitude: centre.latitude,
            longitude: centre.longitude,
            rayon_km: 25.0,
        }),
        ..Default::default()
    };
    let r = b
        .store
        .rechercher_ressources(&c, instant("23/11/2026 10:00"))
        .expect("recherche");
    let obtenu: Vec<(String, f64)> = r
        .trouvees
        .iter()
        .map(|t| (t.ressource.nom.clone(), t.distance_km.expect("distance")))
        .collect();
    // Distances de haversine calculées à part (R = 6 371 km) depuis Marseille 1er.
    let attendu = [
        ("Dans le 6e", 1.233),
        ("À Aubagne", 15.113),
        ("À La Ciotat", 22.511),
    ];
    assert_eq!(obtenu.len(), attendu.len(), "{obtenu:?}");
    for ((nom, d), (nom_a, d_a)) in obtenu.iter().zip(attendu) {
        assert_eq!(nom, nom_a);
        assert!((d - d_a).abs() < 0.01, "{nom} : {d} km au lieu de {d_a}");
    }
    // Aix est à 26,14 km : elle entre avec un rayon de 27 km, en dernier.
    let c27 = Criteres {
        autour: c.autour.clone().map(|a| Autour {
            rayon_km: 27.0,
            ..a
        }),
        ..c.clone()
    };
    assert_eq!(b.chercher(&c27).last().map(String::as_str), Some("À Aix"));
    assert!(c.conseils()[0].contains("élargissez le rayon"));
}

#[test]
fn seul_le_profil_mise_a_jour_modifie_et_chaque_modification_a_son_auteur() {
    let mut b = Base::nouvelle();
    let ctx = contexte(&b.freins, &b.territoire);
    let r = ressource(
        "Point conseil budget",
        "13201",
        "difficultes-financieres",
        "budget",
    );
    let refus = b
        .store
        .enregistrer_ressource(r.clone(), &conseiller(), ctx)
        .expect_err("profil consultation");
    assert_eq!(refus, ErreurStore::NonHabilite);
    assert!(refus.to_string().contains("consulter"));
    assert_eq!(b.store.nombre_ressources().expect("nombre"), 0);

    let r = b.ajouter(r);
    assert_eq!(
        b.store.archiver_ressource(r.id, true, &conseiller()),
        Err(ErreurStore::NonHabilite)
    );
    let lignes = import::lire(
        &[("modele.csv", MODELE_CSV.as_bytes())],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect("lecture");
    assert_eq!(
        b.store
            .importer_ressources(lignes, Some(&conseiller()), false),
        Err(ErreurStore::NonHabilite)
    );

    let mut modifiee = r.clone();
    modifiee.telephone = "04 11 22 33 44".into();
    b.ajouter(modifiee);
    b.store
        .archiver_ressource(r.id, true, &referent())
        .expect("archivage");
    let h = b.store.historique_ressource(r.id).expect("historique");
    let actions: Vec<&str> = h.iter().map(|m| m.action.as_str()).collect();
    assert_eq!(actions, vec!["création", "modification", "archivage"]);
    assert!(h.iter().all(|m| m.auteur == "Bruno SOCIAL"));
    // Chaque modification garde la version qu'elle remplace ; la création n'en a pas.
    let remplacees: Vec<Option<String>> = h
        .iter()
        .map(|m| m.remplacee.as_ref().map(|r| r.telephone.clone()))
        .collect();
    assert_eq!(
        remplacees,
        vec![
            None,
            Some(r.telephone.clone()),
            Some("04 11 22 33 44".into())
        ]
    );
    assert!(h[2].remplacee.as_ref().is_some_and(|v| !v.archivee));
    // Archivée : hors des recherches, toujours consultable.
    assert!(b.chercher(&texte("budget")).is_empty());
    assert!(b
        .store
        .ressource(r.id)
        .expect("lecture")
        .is_some_and(|r| r.archivee));
}

#[test]
fn refus_de_validation_en_francais() {
    let b = Base::nouvelle();
    let ctx = contexte(&b.freins, &b.territoire);
    let mut r = ressource("Aide", "13201", "difficultes-financieres", "budget");
    r.nom = "Ai".into();
    assert!(r
        .verifier(ctx)
        .expect_err("nom court")
        .to_string()
        .contains("3 à 150"));
    let mut r = ressource(
        "Aide au budget",
        "13201",
        "difficultes-financieres",
        "permis",
    );
    assert!(r
        .verifier(ctx)
        .expect_err("besoin")
        .to_string()
        .contains("n'appartient pas"));
    let mut r = ressource(
        "Aide au budget",
        "13201",
        "difficultes-financieres",
        "budget",
    );
    r.code_postal = "13400".into();
    assert!(r
        .verifier(ctx)
        .expect_err("code postal")
        .to_string()
        .contains("ne correspond pas"));
    let mut r = ressource(
        "Aide au budget",
        "13201",
        "difficultes-financieres",
        "budget",
    );
    r.publics = vec!["tous-publics".into(), "jeunes".into()];
    assert!(r.verifier(ctx).is_err());
}

/// Un export data·inclusion v1 fictif : une structure, trois services dont un hors des
/// freins, des coordonnées nulles, un code postal devenu nombre, des horaires libres.
const DI_V1: &str = r#"[
  {"source": "dora", "id": "dora--s1", "nom": "Association Fictive du Prado", "date_maj": "2026-09-01",
   "horaires_accueil": "Mo-Fr 09:00-12:00", "site_web": "https://prado.exemple.fr"},
  {"source": "dora", "id": "dora--42", "structure_id": "dora--s1", "nom": "Permanence logement",
   "description": "Aide au maintien dans le logement et prévention des expulsions.",
   "date_maj": "2026-09-15T10:12:00Z",
   "thematiques": ["logement-hebergement--se-maintenir-dans-le-logement"],
   "publics": ["tous-publics"], "mobilisable_par": ["usagers", "professionnels"],
   "code_postal": 13006, "code_insee": "13206", "commune": "Marseille",
   "adresse": "10 rue Fictive", "latitude": null, "longitude": null,
   "telephone": "04 91 00 00 01", "horaires_accueil": null},
  {"source": "dora", "id": "dora--43", "structure_id": "dora--s1", "nom": "Atelier numérique",
   "description": "Prise en main d'un ordiphone et des démarches en ligne.",
   "date_maj": "2026-09-15", "thematiques": ["numerique--maitriser-les-fondamentaux-du-numerique", "lecture-ecriture-calcul--maitriser-le-francais"],
   "publics": null, "mobilisable_par": ["professionnels"], "code_insee": "13005",
   "horaires_accueil": "lundi au vendredi 9h-11h45/14h-16h30"},
  {"source": "dora", "id": "dora--44", "structure_id": "dora--s1", "nom": "Choisir son métier",
   "description": "Ateliers de découverte des métiers.", "date_maj": "2026-09-15",
   "thematiques": ["choisir-un-metier--confirmer-son-choix-de-metier"]}
]"#;

const MODELE_CSV: &str = "\u{feff}source;source_id;nom;structure;description;publics;public;modalite;adresse;code_postal;commune;telephone;courriel;site;horaires;familles_besoins;latitude;longitude;date_maj;archivee\r\n\
binome;garage-1;Garage solidaire;Association Roue Libre;Réparations à prix coûtant;jeunes;Moins de 26 ans;prescription-apres-avis;2 av. Fictive;13400;13005;04 42 00 00 00;contact@roue.exemple.fr;https://roue.exemple.fr;Mo-Fr 08:30-12:00;se-deplacer/vehicule;43,2928;5,5707;02/11/2026;non\r\n";

#[test]
fn import_data_inclusion_v1_puis_reimport_sans_doublon() {
    let mut b = Base::nouvelle();
    let lire = |b: &Base, json: &str| {
        import::lire(
            &[("services.json", json.as_bytes())],
            contexte(&b.freins, &b.territoire),
            j("23/11/2026"),
        )
        .expect("lecture")
    };
    let lignes = lire(&b, DI_V1);
    assert_eq!(
        lignes.len(),
        3,
        "la structure n'est pas une ligne de service"
    );
    assert!(matches!(lignes[2].issue, Issue::Ignoree(_)));

    // À blanc : le rapport, rien d'écrit.
    let essai = b
        .store
        .importer_ressources(lignes.clone(), Some(&referent()), true)
        .expect("essai");
    assert_eq!((essai.creees, essai.applique), (2, false));
    assert_eq!(b.store.nombre_ressources().expect("n"), 0);

    let rapport = b
        .store
        .importer_ressources(lignes, Some(&referent()), false)
        .expect("import");
    assert_eq!(
        (rapport.creees, rapport.ignorees.len(), rapport.applique),
        (2, 1, true)
    );
    assert!(rapport.erreurs.is_empty(), "{:?}", rapport.erreurs);

    let logement = b.store.ressources(false).expect("liste");
    let permanence = logement
        .iter()
        .find(|r| r.source_id == "dora--42")
        .expect("dora--42");
    assert_eq!(permanence.structure, "Association Fictive du Prado");
    assert_eq!(
        permanence.code_postal, "13006",
        "code postal gardé en texte"
    );
    assert_eq!(permanence.date_maj, j("15/09/2026"), "datetime tronqué");
    // Coordonnées nulles : centre de la commune ; horaires nuls : ceux de la structure.
    let centre = b.territoire.commune("13206").expect("6e");
    assert_eq!(permanence.latitude, Some(centre.latitude));
    assert_eq!(
        permanence.horaires.en_francais(),
        vec!["Du lundi au vendredi : 9 h – 12 h"]
    );
    assert_eq!(permanence.modalite, ModaliteAcces::PremierNiveau);
    assert_eq!(
        permanence.cibles,
        vec![Cible {
            famille: "se-loger".into(),
            besoin: "maintien-logement".into()
        }]
    );
    let atelier = logement
        .iter()
        .find(|r| r.source_id == "dora--43")
        .expect("dora--43");
    assert_eq!(atelier.cibles.len(), 2);
    assert_eq!(atelier.modalite, ModaliteAcces::PrescriptionDirecte);
    assert_eq!(
        atelier.horaires.jours[0].len(),
        2,
        "horaires en français lus"
    );

    // Ré-import identique : rien ne change, aucun doublon.
    let encore = b
        .store
        .importer_ressources(lire(&b, DI_V1), Some(&referent()), false)
        .expect("ré-import");
    assert_eq!(
        (encore.creees, encore.mises_a_jour, encore.inchangees),
        (0, 0, 2)
    );
    // Une fiche changée à la source : mise à jour, même identifiant Binôme.
    let change = DI_V1.replace("04 91 00 00 01", "04 91 99 99 99");
    let maj = b
        .store
        .importer_ressources(lire(&b, &change), Some(&referent()), false)
        .expect("mise à jour");
    assert_eq!((maj.creees, maj.mises_a_jour, maj.inchangees), (0, 1, 1));
    let apres = b
        .store
        .ressource(permanence.id)
        .expect("lecture")
        .expect("même id");
    assert_eq!(apres.telephone, "04 91 99 99 99");
    assert_eq!(b.store.ressources(true).expect("liste").len(), 2);
}

#[test]
fn import_d_un_fichier_casse_rapport_ligne_par_ligne_et_rien_d_importe() {
    let mut b = Base::nouvelle();
    let casse = r#"{"items": [
      {"source": "dora", "id": "dora--1", "structure_id": "x", "nom": "Bon service",
       "description": "Un service correct.", "date_maj": "2026-01-01",
       "thematiques": ["famille--garde-denfants"], "code_insee": "13201"},
      {"source": "dora", "id": "dora--2", "structure_id": "x",
       "description": "Sans nom.", "date_maj": "2026-01-01", "thematiques": ["famille--garde-denfants"]},
      {"source": "dora", "id": "dora--3", "structure_id": "x", "nom": "Date future",
       "description": "Une date impossible.", "date_maj": "2031-01-01", "thematiques": ["sante--sante-mentale"]},
      {"source": "dora", "id": "dora--4", "structure_id": "x", "nom": "Mauvais code postal",
       "description": "Code postal faux.", "date_maj": "2026-01-01",
       "thematiques": ["sante--sante-mentale"], "code_postal": "1300A"}
    ], "total": 4, "page": 1}"#;
    let lignes = import::lire(
        &[("casse.json", casse.as_bytes())],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect("lecture");
    let rapport = b
        .store
        .importer_ressources(lignes, None, false)
        .expect("rapport");
    assert!(!rapport.applique);
    assert_eq!(rapport.erreurs.len(), 3, "{:?}", rapport.erreurs);
    assert!(
        rapport.erreurs[0].starts_with("casse.json, ligne 2") && rapport.erreurs[0].contains("nom")
    );
    assert!(
        rapport.erreurs[1].contains("ligne 3 (dora--3)") && rapport.erreurs[1].contains("futur")
    );
    assert!(rapport.erreurs[2].contains("dora--4") && rapport.erreurs[2].contains("Code postal"));
    assert!(rapport.resume().contains("Import refusé"));
    assert_eq!(
        b.store.nombre_ressources().expect("n"),
        0,
        "rien d'importé à moitié"
    );

    // Un fichier qui n'est ni JSON ni un CSV reconnu : une erreur claire.
    let err = import::lire(
        &[("notes.csv", b"a;b\n1;2\n" as &[u8])],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect_err("format");
    assert!(err.to_string().contains("en-tête non reconnu"));
}

#[test]
fn modele_csv_export_puis_reimport_et_formats_v0_et_csv_data_inclusion() {
    let mut b = Base::nouvelle();
    let ctx = contexte(&b.freins, &b.territoire);
    let lignes = import::lire(
        &[("modele.csv", MODELE_CSV.as_bytes())],
        ctx,
        j("23/11/2026"),
    )
    .expect("lecture");
    let rapport = b
        .store
        .importer_ressources(lignes, Some(&referent()), false)
        .expect("import");
    assert_eq!(rapport.creees, 1, "{:?}", rapport.erreurs);
    let garage = &b.store.ressources(false).expect("liste")[0];
    assert_eq!(garage.modalite, ModaliteAcces::PrescriptionApresAvis);
    assert_eq!(garage.latitude, Some(43.2928));

    // L'export relu redonne la même fiche : le ré-import ne change rien.
    let mut export = Vec::new();
    modele_csv::ecrire(&b.store.ressources(true).expect("liste"), &mut export).expect("export");
    assert!(export.starts_with("\u{feff}".as_bytes()), "BOM pour Excel");
    let texte = String::from_utf8(export.clone()).expect("utf-8");
    assert!(
        texte.contains("43,292800;5,570700;02/11/2026"),
        "virgule décimale, date française"
    );
    let ctx = contexte(&b.freins, &b.territoire);
    let relu = import::lire(&[("export.csv", &export[..])], ctx, j("23/11/2026")).expect("relu");
    let encore = b
        .store
        .importer_ressources(relu, Some(&referent()), false)
        .expect("ré-import");
    assert_eq!((encore.creees, encore.inchangees), (0, 1));

    // v0 : clé (source, id) sans préfixe, « recurrence », profils.
    let v0 = r#"[{"source": "cd13", "id": "1018", "structure_id": "7", "nom": "Écrivain public",
       "presentation_resume": "Aide à la rédaction de courriers.", "date_maj": "2024-03-01",
       "thematiques": ["acces-aux-droits-et-citoyennete--accompagnement-dans-les-demarches-administratives"],
       "profils": ["adultes"], "recurrence": "Tu,Th 14:00-17:00", "code_insee": "13004"}]"#;
    // CSV data·inclusion : séparateur virgule, listes en texte.
    let di_csv = "source,id,structure_id,nom,description,date_maj,thematiques,code_insee\n\
        soliguide,soliguide--9,s,Douches publiques,Accès à une douche et à une laverie.,2026-05-02,\"[\"\"sante--acces-aux-soins\"\"]\",13202\n";
    let ctx = contexte(&b.freins, &b.territoire);
    let lignes = import::lire(
        &[("v0.json", v0.as_bytes()), ("di.csv", di_csv.as_bytes())],
        ctx,
        j("23/11/2026"),
    )
    .expect("lecture");
    let rapport = b
        .store
        .importer_ressources(lignes, Some(&referent()), false)
        .expect("import");
    assert_eq!(rapport.creees, 2, "{:?}", rapport.erreurs);
    let tout = b.store.ressources(false).expect("liste");
    let ecrivain = tout.iter().find(|r| r.source_id == "1018").expect("v0");
    assert_eq!(ecrivain.cibles[0].besoin, "probleme-administratif");
    assert_eq!(ecrivain.horaires.jours[1].len(), 1, "mardi");
    assert!(ecrivain.public.contains("adultes"));
    assert!(tout
        .iter()
        .any(|r| r.source_id == "soliguide--9" && r.commune == "13202"));
}

#[test]
fn prescription_depuis_une_action_du_carnet() {
    use binome::domain::diagnostic::Volet;
    use binome::domain::dossier::{Commande, Prescription};
    use binome::domain::professionnel::Role;
    use binome::domain::Refus;
    let mut d = Parcours::valide(Role::Referent);
    d.faire(Commande::AjouterAction {
        volet: Volet::Social,
        libelle: "Trouver une solution de garde".into(),
        porteur: Role::Referent,
        date: j("10/03/2026"),
        echeance: None,
        besoin: Some("garde-enfant".into()),
    });
    let p = Prescription {
        ressource: Uuid::from_u128(99).to_string(),
        nom: "Crèche à vocation d'insertion".into(),
        besoin: "garde-enfant".into(),
        date: j("12/03/2026"),
    };
    let prescrire = |action: u32, prescription: &Prescription| Commande::PrescrireRessource {
        action,
        prescription: prescription.clone(),
    };
    let refus = d.essayer(prescrire(7, &p)).expect_err("action inconnue");
    assert!(matches!(refus, Refus::ActionInconnue { numero: 7 }));
    let avant = Prescription {
        date: j("01/03/2026"),
        ..p.clone()
    };
    assert!(d.essayer(prescrire(3, &avant)).is_err(), "avant l'action");
    let inconnu = Prescription {
        besoin: "teleportation".into(),
        ..p.clone()
    };
    assert!(matches!(
        d.essayer(prescrire(3, &inconnu)),
        Err(Refus::BesoinInconnu { .. })
    ));
    d.faire(prescrire(3, &p));
    assert_eq!(d.d().actions[2].prescriptions, vec![p.clone()]);
    let refus = d.essayer(prescrire(3, &p)).expect_err("en double");
    assert!(refus.to_string().contains("déjà prescrite"));
}

#[test]
fn ligne_de_commande_import_recherche_export_fiche() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    // Le référent de test tient la base à jour (profil « mise à jour »).
    identifier(d, referent());
    let fichier = d.join("services.json");
    std::fs::write(&fichier, DI_V1).expect("écriture");
    let casse = d.join("casse.json");
    std::fs::write(&casse, DI_V1.replace("\"Permanence logement\"", "\"P\"")).expect("écriture");

    // Un fichier en erreur : code de sortie non nul, la ligne citée, rien d'importé.
    let o = binome(
        d,
        &["ressources", "import", casse.to_str().expect("chemin")],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("casse.json, ligne 2 (dora--42)"), "{err}");
    assert!(err.contains("3 à 150"), "{err}");

    let o = binome(
        d,
        &[
            "ressources",
            "import",
            fichier.to_str().expect("chemin"),
            "--dry-run",
        ],
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Essai à blanc"));
    let o = binome(
        d,
        &["ressources", "import", fichier.to_str().expect("chemin")],
    );
    let sortie = String::from_utf8_lossy(&o.stdout);
    assert!(
        sortie.contains("2 créée(s)") && sortie.contains("1 ignorée(s)"),
        "{sortie}"
    );

    // Recherche par famille (numéro) autour d'une commune, en JSON.
    let o = binome(
        d,
        &[
            "ressources",
            "search",
            "--frein",
            "5",
            "--commune",
            "13201",
            "--rayon",
            "5",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["total"], 1);
    assert_eq!(v["resultats"][0]["source_id"], "dora--42");
    assert!(v["resultats"][0]["distance_km"].as_f64().expect("distance") < 2.0);
    let o = binome(
        d,
        &[
            "ressources",
            "search",
            "--texte",
            "numerique",
            "--frein",
            "maintien-logement",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("Aucune ressource ne correspond"));
    let o = binome(d, &["ressources", "search", "--frein", "99"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("frein « 99 » inconnu"));

    // Export au modèle CSV, puis fiche PDF relue, hors du dossier de données.
    let sorties = tempfile::tempdir().expect("sorties");
    let csv = sorties.path().join("export.csv");
    let o = binome(
        d,
        &[
            "ressources",
            "export",
            "--out",
            csv.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success());
    let contenu = std::fs::read_to_string(&csv).expect("export");
    assert!(contenu.starts_with('\u{feff}') && contenu.contains("dora--43"));
    let pdf = sorties.path().join("fiche.pdf");
    let o = binome(
        d,
        &[
            "ressources",
            "fiche",
            "dora--42",
            "--out",
            pdf.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = lopdf::Document::load(&pdf).expect("PDF lisible");
    let texte = doc.extract_text(&[1]).expect("texte");
    for attendu in [
        "Permanence logement",
        "Association Fictive du Prado",
        "Du lundi au vendredi",
        "04 91 00 00 01",
    ] {
        assert!(texte.contains(attendu), "« {attendu} » absent de : {texte}");
    }
}

#[test]
fn un_index_abime_est_signale_puis_repare_par_rebuild() {
    let mut b = Base::nouvelle();
    b.ajouter(ressource(
        "Halte de nuit",
        "13201",
        "se-loger",
        "mise-a-l-abri",
    ));
    b.ajouter(ressource(
        "Centre de santé",
        "13005",
        "se-soigner",
        "medecin",
    ));
    assert!(b.store.verifier().expect("check").est_saine());
    b.store
        .connexion()
        .execute_batch("DELETE FROM ressources_geo; DELETE FROM ressources_texte;")
        .expect("altération");
    let v = b.store.verifier().expect("check");
    assert!(
        v.problemes
            .iter()
            .any(|p| p.contains("index des ressources") && p.contains("binome rebuild")),
        "{:?}",
        v.problemes
    );
    assert!(b.chercher(&texte("halte")).is_empty());
    b.store.reconstruire().expect("rebuild");
    assert!(b.store.verifier().expect("check").est_saine());
    assert_eq!(b.chercher(&texte("halte")), vec!["Halte de nuit"]);
}

/// Importer pour de bon et donner le profil « mise à jour » demandent un utilisateur
/// identifié qui a déjà ce profil ; personne ne se le donne à soi-même. Vérifier un
/// fichier (à blanc) reste permis à tous.
#[test]
fn importer_et_habiliter_demandent_un_gestionnaire_identifie() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let fichier = d.join("services.json");
    std::fs::write(&fichier, DI_V1).expect("écriture");
    let f = fichier.to_str().expect("chemin");
    let nombre = || crate::commun::base(d).nombre_ressources().expect("nombre");
    // Personne n'est identifié : vérifier oui, importer non.
    assert!(binome(d, &["ressources", "import", f, "--dry-run"])
        .status
        .success());
    let o = binome(d, &["ressources", "import", f]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Aucun utilisateur n'est identifié"));
    assert_eq!(nombre(), 0);
    // Une conseillère au profil « consultation » : ni importer, ni se donner le profil.
    identifier(d, conseiller());
    assert!(!binome(d, &["ressources", "import", f]).status.success());
    assert_eq!(nombre(), 0);
    let o = binome(
        d,
        &[
            "ressources",
            "habiliter",
            "Alice Conseil",
            "--profil",
            "mise-a-jour",
        ],
    );
    assert!(!o.status.success());
    let moi = crate::commun::base(d)
        .professionnel(conseiller().id)
        .expect("lecture")
        .expect("professionnelle");
    assert_eq!(
        moi.habilitation,
        binome::domain::ressources::Habilitation::Consultation
    );
    // Le référent, gestionnaire de la base : il importe, et donne le profil à une autre,
    // pas à lui-même.
    identifier(d, referent());
    assert!(binome(d, &["ressources", "import", f]).status.success());
    assert!(nombre() > 0);
    let o = binome(
        d,
        &[
            "ressources",
            "habiliter",
            "Bruno Social",
            "--profil",
            "consultation",
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("propre profil"));
    let o = binome(
        d,
        &[
            "ressources",
            "habiliter",
            "Alice Conseil",
            "--profil",
            "mise-a-jour",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Un nom ou un téléphone qui commence comme une formule (`=`, `+`, `-`, `@`) sort du modèle
/// CSV précédé d'une apostrophe (Excel ne l'exécute pas) et revient tel quel à l'import.
#[test]
fn une_formule_dans_une_fiche_ne_s_execute_pas_dans_le_tableur() {
    let mut r = ressource("Épicerie", "13001", "difficultes-financieres", "");
    r.nom = "=HYPERLINK(\"http://exemple.invalid\";\"Cliquez\")".into();
    r.telephone = "+33 6 00 00 00 00".into();
    r.structure = "@Structure".into();
    r.description = "-2+3 : une description qui commence mal".into();
    let mut export = Vec::new();
    modele_csv::ecrire(std::slice::from_ref(&r), &mut export).expect("export");
    let texte = String::from_utf8(export.clone()).expect("utf-8");
    let mut lecteur = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(texte.trim_start_matches('\u{feff}').as_bytes());
    for ligne in lecteur.records() {
        for cellule in ligne.expect("ligne").iter() {
            assert!(
                !cellule.starts_with(['=', '+', '-', '@'])
                    || cellule.parse::<f64>().is_ok()
                    || cellule.replace(',', ".").parse::<f64>().is_ok(),
                "cellule dangereuse : {cellule}"
            );
        }
    }
    let b = Base::nouvelle();
    let relu = import::lire(
        &[("export.csv", &export[..])],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect("relu");
    let lue = relu
        .into_iter()
        .find_map(|l| match l.issue {
            Issue::Valide(x) => Some(*x),
            _ => None,
        })
        .expect("ressource relue");
    assert_eq!(lue.nom, r.nom);
    assert_eq!(lue.telephone, r.telephone);
    assert_eq!(lue.structure, r.structure);
    assert_eq!(lue.description, r.description);
}

/// Ce que data·inclusion publie vraiment : un export « à plat » (nom et site de la structure
/// sur le service, thématiques en texte JSON) est lu, sa description Markdown devient du
/// texte ; une forme non reconnue, un fichier de structures seul, un tableau d'objets
/// quelconques ou un fichier vide sont des erreurs qui disent ce qui était attendu, jamais
/// « 0 ligne lue ».
#[test]
fn formes_publiees_par_data_inclusion_et_formes_non_reconnues() {
    let b = Base::nouvelle();
    let ctx = || contexte(&b.freins, &b.territoire);
    let plat = r###"[{"source": "dora", "id": "dora--9", "nom": "Permanence logement",
        "structure_id": "s-9", "structure_name": "Association Toit Fictif",
        "site_web": "https://toit.exemple.fr", "date_maj": "2026-02-01",
        "thematiques": "[\"logement-hebergement--etre-accompagne-pour-se-loger\"]",
        "code_insee": "13201",
        "description": "## Pour qui\nLes familles **sans logement**.<br>Voir [le site](https://toit.exemple.fr)."}]"###;
    let lignes =
        import::lire(&[("plat.json", plat.as_bytes())], ctx(), j("23/11/2026")).expect("lu");
    assert_eq!(lignes.len(), 1);
    let Issue::Valide(r) = &lignes[0].issue else {
        panic!("{:?}", lignes[0].issue);
    };
    assert_eq!(r.structure, "Association Toit Fictif");
    assert_eq!(r.site, "https://toit.exemple.fr");
    assert!(!r.cibles.is_empty(), "la thématique en texte JSON est lue");
    assert_eq!(
        r.description,
        "Pour qui\nLes familles sans logement.\nVoir le site (https://toit.exemple.fr)."
    );
    assert!(lignes[0]
        .avertissements
        .iter()
        .all(|a| !a.contains("structure s-9")));

    let refus = |nom: &str, contenu: &str| -> String {
        import::lire(&[(nom, contenu.as_bytes())], ctx(), j("23/11/2026"))
            .map(|l| format!("lu : {} ligne(s)", l.len()))
            .unwrap_or_else(|e| e.to_string())
    };
    // Un objet dont les clés tiennent des listes de services : pas une forme connue.
    let e = refus(
        "annees.json",
        r#"{"2025": [{"id": "a"}], "2026": [{"id": "b"}]}"#,
    );
    assert!(
        e.contains("forme non reconnue") && e.contains("« 2025 »"),
        "{e}"
    );
    // Des structures seules.
    let e = refus(
        "structures.json",
        r#"[{"id": "s-1", "nom": "Centre social Fictif", "siret": "12345678900011"}]"#,
    );
    assert!(e.contains("1 structure(s), mais aucun service"), "{e}");
    // Un tableau d'objets quelconques : chaque élément est une erreur, avec ce qu'il faut.
    let lignes = import::lire(
        &[("autre.json", br#"[{"a": 1}, {"b": 2}]"# as &[u8])],
        ctx(),
        j("23/11/2026"),
    )
    .expect("lu");
    assert_eq!(lignes.len(), 2);
    assert!(lignes.iter().all(
        |l| matches!(&l.issue, Issue::Erreur(m) if m.contains("ni un service ni une structure"))
    ));
    // Vide, ou l'en-tête seul.
    let e = refus("vide.json", "[]");
    assert!(e.contains("aucun service ni aucune structure"), "{e}");
    let e = refus("entete.csv", "id;nom;thematiques\n");
    assert!(e.contains("aucun service ni aucune structure"), "{e}");
}

/// Le modèle XLSX de dépôt de data·inclusion : feuilles « Structures » et « Services »,
/// lignes d'aide marquées `__ignore__`, listes en texte, dates en numéros de série Excel,
/// codes postaux et SIRET en nombres ; un classeur sans la feuille « Services » est refusé
/// avec ce qui était attendu.
#[test]
fn le_modele_xlsx_de_data_inclusion_est_lu() {
    use rust_xlsxwriter::Workbook;
    let b = Base::nouvelle();
    let ctx = || contexte(&b.freins, &b.territoire);
    let mut w = Workbook::new();
    let s = w.add_worksheet();
    s.set_name("Structures").expect("nom");
    for (c, t) in ["__ignore__", "id", "nom", "siret", "site_web"]
        .iter()
        .enumerate()
    {
        s.write_string(0, c as u16, *t).expect("en-tête");
    }
    s.write_string(1, 0, "Description des champs")
        .expect("aide");
    s.write_string(1, 2, "Nom de la structure").expect("aide");
    s.write_string(2, 1, "st-1").expect("id");
    s.write_string(2, 2, "Maison Fictive des Familles")
        .expect("nom");
    s.write_number(2, 3, 12345678900011.0).expect("siret");
    s.write_string(2, 4, "https://maison.exemple.fr")
        .expect("site");
    let v = w.add_worksheet();
    v.set_name("Services").expect("nom");
    let champs = [
        "__ignore__",
        "source",
        "id",
        "structure_id",
        "nom",
        "thematiques",
        "date_maj",
        "code_postal",
        "code_insee",
        "description",
    ];
    for (c, t) in champs.iter().enumerate() {
        v.write_string(0, c as u16, *t).expect("en-tête");
    }
    v.write_string(1, 0, "Exemple").expect("aide");
    v.write_string(1, 4, "Garde d'enfants (exemple)")
        .expect("aide");
    v.write_string(2, 1, "depot").expect("source");
    v.write_string(2, 2, "sv-1").expect("id");
    v.write_string(2, 3, "st-1").expect("structure");
    v.write_string(2, 4, "Halte-garderie solidaire")
        .expect("nom");
    v.write_string(
        2,
        5,
        "famille--garde-denfants, famille--soutien-a-la-parentalite",
    )
    .expect("thématiques");
    // 46023 : le 01/01/2026 en numéro de série Excel.
    v.write_number(2, 6, 46023.0).expect("date");
    v.write_number(2, 7, 13001.0).expect("code postal");
    v.write_string(2, 8, "13201").expect("insee");
    v.write_string(2, 9, "Accueil **sans rendez-vous**.")
        .expect("description");
    let octets = w.save_to_buffer().expect("classeur");
    let lignes = import::lire(&[("depot.xlsx", &octets[..])], ctx(), j("23/11/2026")).expect("lu");
    assert_eq!(
        lignes.len(),
        1,
        "la ligne d'aide est ignorée, la structure complète le service"
    );
    let Issue::Valide(r) = &lignes[0].issue else {
        panic!("{:?}", lignes[0].issue);
    };
    assert_eq!(r.structure, "Maison Fictive des Familles");
    assert_eq!(r.site, "https://maison.exemple.fr");
    assert_eq!(r.date_maj, j("01/01/2026"));
    assert_eq!(r.code_postal, "13001");
    assert_eq!(r.thematiques.len(), 2);
    assert_eq!(r.description, "Accueil sans rendez-vous.");
    assert!(lignes[0].fichier.contains("feuille Services"));
    assert_eq!(lignes[0].numero, 3);

    let mut autre = Workbook::new();
    autre
        .add_worksheet()
        .set_name("Feuil1")
        .expect("nom")
        .write_string(0, 0, "x")
        .expect("cellule");
    let octets = autre.save_to_buffer().expect("classeur");
    let e = import::lire(&[("notes.xlsx", &octets[..])], ctx(), j("23/11/2026"))
        .expect_err("sans la feuille Services");
    assert!(
        e.to_string().contains("feuille « Services » introuvable")
            && e.to_string().contains("« Feuil1 »"),
        "{e}"
    );
}

/// Un CSV data·inclusion enregistré par Excel en français (Windows-1252, « ; ») ou séparé par
/// des tabulations : les accents et les champs sont lus.
#[test]
fn un_csv_en_windows_1252_ou_a_tabulations_est_lu() {
    let b = Base::nouvelle();
    let ctx = || contexte(&b.freins, &b.territoire);
    let texte = "source;id;structure_id;nom;thematiques;date_maj;code_insee;description\r\n\
                 dora;dora--70;s-1;Épicerie solidaire à Noël;famille--garde-denfants;2026-01-01;13201;Colis d'été\r\n";
    let (octets, _, _) = encoding_rs::WINDOWS_1252.encode(texte);
    assert!(
        std::str::from_utf8(&octets).is_err(),
        "bien du Windows-1252"
    );
    let lignes = import::lire(&[("excel.csv", &octets[..])], ctx(), j("23/11/2026")).expect("lu");
    let Issue::Valide(r) = &lignes[0].issue else {
        panic!("{:?}", lignes[0].issue);
    };
    assert_eq!(r.nom, "Épicerie solidaire à Noël");
    let tabulations = texte.replace(';', "\t");
    let lignes = import::lire(
        &[("tab.csv", tabulations.as_bytes())],
        ctx(),
        j("23/11/2026"),
    )
    .expect("lu");
    assert!(matches!(&lignes[0].issue, Issue::Valide(r) if r.source_id == "dora--70"));
}

/// Un export enregistré avec des lignes de titre au-dessus de l'en-tête (comme un tableur
/// les garde) : l'en-tête est trouvé, et chaque ligne fautive est dite avec son numéro dans
/// le fichier.
#[test]
fn un_csv_avec_des_lignes_de_titre_est_lu_et_ses_lignes_numerotees() {
    let b = Base::nouvelle();
    let texte = "Ressources du territoire;;;;;;;\n\
                 Export du 01/11/2026;;;;;;;\n\
                 source;id;structure_id;nom;thematiques;date_maj;code_insee;description\n\
                 dora;dora--71;s-1;Épicerie solidaire;famille--garde-denfants;2026-01-01;13201;Colis\n\
                 dora;dora--72;s-1;;famille--garde-denfants;2026-01-01;13201;Sans nom\n";
    let lignes = import::lire(
        &[("titres.csv", texte.as_bytes())],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect("lu");
    assert_eq!(lignes.len(), 2, "{lignes:?}");
    assert!(matches!(&lignes[0].issue, Issue::Valide(r) if r.source_id == "dora--71"));
    assert_eq!(lignes[0].numero, 4);
    assert!(
        matches!(&lignes[1].issue, Issue::Erreur(_)),
        "{:?}",
        lignes[1].issue
    );
    assert_eq!(lignes[1].numero, 5);
}

/// Le modèle de dépôt de data·inclusion rempli avec des erreurs (nom manquant, date future
/// en numéro de série, code postal faux) : chaque ligne fautive est dite avec sa feuille et
/// son numéro, et rien n'est importé, même la ligne correcte.
#[test]
fn le_modele_xlsx_avec_des_erreurs_est_refuse_ligne_par_ligne() {
    use rust_xlsxwriter::Workbook;
    let mut b = Base::nouvelle();
    let mut w = Workbook::new();
    let v = w.add_worksheet();
    v.set_name("Services").expect("nom");
    let champs = [
        "__ignore__",
        "source",
        "id",
        "structure_id",
        "nom",
        "thematiques",
        "date_maj",
        "code_postal",
        "description",
    ];
    for (c, t) in champs.iter().enumerate() {
        v.write_string(0, c as u16, *t).expect("en-tête");
    }
    v.write_string(1, 0, "Ligne d'aide du modèle")
        .expect("aide");
    let lignes: [(&str, &str, f64, f64); 4] = [
        ("sv-1", "Épicerie solidaire", 46023.0, 13001.0),
        ("sv-2", "", 46023.0, 13001.0),
        // 47849 : en 2031.
        ("sv-3", "Date future", 47849.0, 13001.0),
        ("sv-4", "Code postal faux", 46023.0, 130.0),
    ];
    for (i, (id, nom, date, cp)) in lignes.iter().enumerate() {
        let l = i as u32 + 2;
        v.write_string(l, 1, "depot").expect("source");
        v.write_string(l, 2, *id).expect("id");
        v.write_string(l, 3, "st-1").expect("structure");
        v.write_string(l, 4, *nom).expect("nom");
        v.write_string(l, 5, "famille--garde-denfants")
            .expect("thématiques");
        v.write_number(l, 6, *date).expect("date");
        v.write_number(l, 7, *cp).expect("code postal");
        v.write_string(l, 8, "Une description.")
            .expect("description");
    }
    let octets = w.save_to_buffer().expect("classeur");
    let lues = import::lire(
        &[("depot.xlsx", &octets[..])],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect("lu");
    let rapport = b
        .store
        .importer_ressources(lues, None, false)
        .expect("rapport");
    assert!(!rapport.applique, "tout ou rien");
    assert_eq!(rapport.erreurs.len(), 3, "{:?}", rapport.erreurs);
    for (e, ligne) in rapport.erreurs.iter().zip([4, 5, 6]) {
        assert!(
            e.contains("feuille Services") && e.contains(&format!("ligne {ligne}")),
            "{e}"
        );
    }
    assert_eq!(b.store.nombre_ressources().expect("n"), 0);
}

/// Un long import dit où il en est toutes les 500 fiches ; arrêté en route, il n'a rien
/// enregistré.
#[test]
fn un_long_import_dit_son_avancement_et_s_annule_sans_rien_laisser() {
    let mut b = Base::nouvelle();
    let services: Vec<String> = (0..1200)
        .map(|i| {
            format!(
                r#"{{"source": "dora", "id": "dora--{i}", "structure_id": "x", "nom": "Service {i}",
                "description": "Un service correct.", "date_maj": "2026-01-01",
                "thematiques": ["famille--garde-denfants"], "code_insee": "13201"}}"#
            )
        })
        .collect();
    let json = format!(r#"{{"items": [{}]}}"#, services.join(","));
    let lire = |b: &Base| {
        import::lire(
            &[("long.json", json.as_bytes())],
            contexte(&b.freins, &b.territoire),
            j("23/11/2026"),
        )
        .expect("lecture")
    };

    // Arrêté à la deuxième étape (500 fiches écrites dans la transaction) : rien ne reste.
    let mut vues = Vec::new();
    let e = b
        .store
        .importer_ressources_suivi(lire(&b), None, false, &mut |etape, fait, total| {
            vues.push((etape, fait, total));
            vues.len() < 2
        })
        .expect_err("annulé");
    assert!(matches!(e, ErreurStore::Annule), "{e}");
    assert!(e.to_string().contains("rien n'a été enregistré"));
    assert_eq!(vues, [("Import", 0, 1200), ("Import", 500, 1200)]);
    assert_eq!(b.store.nombre_ressources().expect("n"), 0);

    // Jusqu'au bout : chaque étape, puis l'index de recherche.
    let mut vues = Vec::new();
    let r = b
        .store
        .importer_ressources_suivi(lire(&b), None, false, &mut |etape, fait, total| {
            vues.push((etape, fait, total));
            true
        })
        .expect("import");
    assert_eq!((r.creees, r.applique), (1200, true));
    assert_eq!(
        vues,
        [
            ("Import", 0, 1200),
            ("Import", 500, 1200),
            ("Import", 1000, 1200),
            ("Index de recherche", 1200, 1200)
        ]
    );
    assert_eq!(b.store.nombre_ressources().expect("n"), 1200);
}

/// Un premier import ne cherche pas chaque ligne dans la base (la source y est absente).
/// Le lecteur refuse un identifiant répété, mais le store ne s'y fie pas : une fiche que
/// les lignes donnent deux fois est écrite une seule fois, la seconde mettant à jour la
/// première, et la recherche ne la trouve qu'une fois.
#[test]
fn une_fiche_donnee_deux_fois_par_un_premier_import_n_est_ecrite_qu_une_fois() {
    let mut b = Base::nouvelle();
    let json = r#"[
      {"source": "dora", "id": "dora--7", "nom": "Épicerie solidaire du Panier",
       "description": "Colis alimentaires.", "date_maj": "2026-09-01",
       "thematiques": ["difficultes-financieres--acquerir-une-autonomie-budgetaire"],
       "code_insee": "13202"}
    ]"#;
    let mut lignes = import::lire(
        &[("services.json", json.as_bytes())],
        contexte(&b.freins, &b.territoire),
        j("23/11/2026"),
    )
    .expect("lecture");
    let Issue::Valide(r) = &lignes[0].issue else {
        panic!("ligne valide attendue : {:?}", lignes[0].issue);
    };
    let mut seconde = r.clone();
    seconde.description = "Colis alimentaires et paniers de légumes.".into();
    lignes.push(LigneLue {
        fichier: "services.json".into(),
        numero: 2,
        reference: "dora--7".into(),
        issue: Issue::Valide(seconde),
        avertissements: Vec::new(),
    });
    let rapport = b
        .store
        .importer_ressources(lignes, Some(&referent()), false)
        .expect("import");
    assert!(rapport.erreurs.is_empty(), "{:?}", rapport.erreurs);
    assert_eq!((rapport.creees, rapport.mises_a_jour), (1, 1));
    let fiches = b.store.ressources(true).expect("liste");
    assert_eq!(fiches.len(), 1);
    assert_eq!(
        fiches[0].description,
        "Colis alimentaires et paniers de légumes."
    );
    let trouvees = b
        .store
        .rechercher_ressources(&texte("panier"), instant("23/11/2026 10:00"))
        .expect("recherche");
    assert_eq!(trouvees.total, 1);
    assert_eq!(
        b.store
            .historique_ressource(fiches[0].id)
            .expect("historique")
            .len(),
        2,
        "la création, puis la mise à jour"
    );
}

/// Une base d'avant la migration 25 (index plein texte avec index de préfixes) : à
/// l'ouverture, l'index est refait sans eux et rempli à partir des fiches ; deux lettres
/// trouvent toujours les mêmes fiches.
#[test]
fn l_index_texte_d_une_base_ancienne_est_refait_sans_prefixes_a_l_ouverture() {
    let dir = tempfile::tempdir().expect("tmp");
    let (freins, territoire) = (Freins::embarque(), Referentiel::embarque());
    let mut s = crate::commun::base(dir.path());
    for (nom, commune) in [
        ("Épicerie solidaire Les Lilas", "13201"),
        ("Solidarité logement", "13005"),
        ("Auto-école sociale", "13005"),
    ] {
        let r = ressource(nom, commune, "se-loger", "mise-a-l-abri");
        s.enregistrer_ressource(r, &referent(), contexte(&freins, &territoire))
            .expect("ressource enregistrée");
    }
    let chercher = |s: &Store, t: &str| {
        let mut noms: Vec<String> = s
            .rechercher_ressources(&texte(t), instant("23/11/2026 10:00"))
            .expect("recherche")
            .trouvees
            .into_iter()
            .map(|t| t.ressource.nom)
            .collect();
        noms.sort();
        noms
    };
    assert_eq!(
        chercher(&s, "so"),
        [
            "Auto-école sociale",
            "Solidarité logement",
            "Épicerie solidaire Les Lilas"
        ]
    );
    // Retour à la forme de la version 24 : l'index avec ses préfixes, sans la migration 25.
    s.connexion()
        .execute_batch(
            "DROP TABLE ressources_texte;
             CREATE VIRTUAL TABLE ressources_texte USING fts5(
                 nom, structure, description, public, cibles, content = '',
                 contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2',
                 prefix = '2 3');
             DELETE FROM migrations WHERE version = 25;",
        )
        .expect("retour en version 24");
    drop(s);
    let s = crate::commun::base(dir.path());
    let sql: String = s
        .connexion()
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'ressources_texte'",
            [],
            |r| r.get(0),
        )
        .expect("schéma");
    assert!(!sql.contains("prefix"), "{sql}");
    assert!(s.verifier().expect("check").est_saine());
    assert_eq!(
        chercher(&s, "so"),
        [
            "Auto-école sociale",
            "Solidarité logement",
            "Épicerie solidaire Les Lilas"
        ]
    );
    assert_eq!(
        chercher(&s, "sol"),
        ["Solidarité logement", "Épicerie solidaire Les Lilas"]
    );
    assert_eq!(chercher(&s, "lil"), ["Épicerie solidaire Les Lilas"]);
}
