//! Ressources partenariales fictives, réparties sur le département et sur les 7 familles :
//! pour la démonstration et pour le banc d'essai (20 000 fiches).

use super::alea::Alea;
use crate::domain::date::Jour;
use crate::domain::freins::Freins;
use crate::domain::ressources::{Cible, Horaires, ModaliteAcces, Ressource, SOURCE_LOCALE};
use crate::domain::structures::Referentiel;
use chrono::Duration;

/// (besoin, noms de service possibles, description).
const SERVICES: &[(&str, &[&str], &str)] = &[
    (
        "budget",
        &[
            "Point conseil budget",
            "Atelier budget",
            "Accompagnement budgétaire",
        ],
        "Aide à établir un budget, à prioriser les dépenses et à prévenir les impayés.",
    ),
    (
        "services-gratuits",
        &["Vestiaire solidaire", "Ressourcerie", "Boutique solidaire"],
        "Vêtements, meubles et équipements de la maison à petit prix ou gratuits.",
    ),
    (
        "aides-financieres",
        &[
            "Aides financières facultatives",
            "Fonds d'aide aux jeunes",
            "Secours d'urgence",
        ],
        "Instruction des demandes d'aide financière ponctuelle hors France Travail.",
    ),
    (
        "endettement",
        &["Permanence surendettement", "Point d'accueil dettes"],
        "Aide à constituer un dossier de surendettement et à négocier avec les créanciers.",
    ),
    (
        "aide-alimentaire",
        &[
            "Épicerie solidaire",
            "Distribution alimentaire",
            "Restaurant social",
        ],
        "Produits alimentaires et d'hygiène pour les foyers aux ressources modestes.",
    ),
    (
        "probleme-administratif",
        &[
            "Écrivain public",
            "Point d'accès au droit",
            "Maison France services",
        ],
        "Aide aux démarches administratives, courriers et dossiers en ligne.",
    ),
    (
        "recours-discrimination",
        &[
            "Permanence du Défenseur des droits (fictive)",
            "Accueil victimes de discrimination",
        ],
        "Information sur les droits et les voies de recours face à une discrimination.",
    ),
    (
        "problematique-judiciaire",
        &[
            "Permanence d'avocats",
            "Aide aux victimes",
            "Accompagnement sous main de justice",
        ],
        "Consultations juridiques gratuites et orientation dans les procédures judiciaires.",
    ),
    (
        "internet-telephonie",
        &[
            "Espace numérique",
            "Atelier numérique",
            "Conseiller numérique",
        ],
        "Accès libre à des ordinateurs, aide à la prise en main et aux démarches en ligne.",
    ),
    (
        "activites-sociales",
        &["Centre social", "Atelier théâtre", "Club sportif solidaire"],
        "Activités collectives culturelles et sportives, sorties et ateliers.",
    ),
    (
        "lire-ecrire-compter",
        &[
            "Atelier sociolinguistique",
            "Cours de français",
            "Savoirs de base",
        ],
        "Apprentissage du français, de la lecture, de l'écriture et du calcul.",
    ),
    (
        "liens-sociaux",
        &[
            "Café social",
            "Groupe d'entraide",
            "Accueil de jour convivial",
        ],
        "Lieu d'accueil pour rompre l'isolement et créer des liens.",
    ),
    (
        "vehicule",
        &[
            "Garage solidaire",
            "Location de véhicules à petit prix",
            "Microcrédit mobilité",
        ],
        "Réparation, location ou achat de véhicule pour les personnes en insertion.",
    ),
    (
        "permis",
        &["Auto-école sociale", "Préparation au code de la route"],
        "Préparation au permis de conduire avec un accompagnement adapté.",
    ),
    (
        "point-mobilite",
        &["Plateforme mobilité", "Conseil en mobilité"],
        "Bilan de mobilité et recherche de solutions de déplacement.",
    ),
    (
        "solution-transport",
        &["Transport solidaire", "Prêt de vélos et scooters"],
        "Solutions de transport pour se rendre à un emploi ou une formation.",
    ),
    (
        "maintien-logement",
        &["Permanence logement", "Prévention des expulsions"],
        "Aide au maintien dans le logement et à la résorption des impayés de loyer.",
    ),
    (
        "trouver-logement",
        &["Service logement", "Agence immobilière à vocation sociale"],
        "Aide à la recherche de logement et aux demandes de logement social.",
    ),
    (
        "mise-a-l-abri",
        &["Accueil de jour", "Hébergement d'urgence", "Halte de nuit"],
        "Mise à l'abri, hébergement temporaire et orientation vers le 115.",
    ),
    (
        "bilan-sante",
        &["Centre d'examens de santé", "Bilan de santé gratuit"],
        "Bilan de santé complet et gratuit, orientation vers les soins.",
    ),
    (
        "medecin",
        &[
            "Centre de santé",
            "Permanence d'accès aux soins",
            "Maison de santé",
        ],
        "Consultations médicales, y compris sans couverture sociale complète.",
    ),
    (
        "couverture-sociale",
        &[
            "Point d'accès aux droits santé",
            "Aide à la complémentaire santé",
        ],
        "Ouverture des droits à l'assurance maladie et à la complémentaire santé solidaire.",
    ),
    (
        "psychologue",
        &[
            "Point écoute",
            "Centre médico-psychologique",
            "Consultation psychologique",
        ],
        "Écoute et soutien psychologique, gratuitement et sur rendez-vous.",
    ),
    (
        "conflit-separation",
        &[
            "Médiation familiale",
            "Accueil femmes victimes de violences",
        ],
        "Médiation, soutien et mise en sécurité en cas de conflit ou de violences.",
    ),
    (
        "garde-enfant",
        &[
            "Crèche à vocation d'insertion",
            "Relais petite enfance",
            "Halte-garderie",
        ],
        "Solutions de garde d'enfants compatibles avec une reprise d'emploi.",
    ),
    (
        "personne-dependante",
        &[
            "Plateforme des aidants",
            "Accueil de jour pour personnes âgées",
        ],
        "Soutien aux aidants et relais pour une personne dépendante.",
    ),
    (
        "perte-proche",
        &["Groupe de parole deuil", "Accompagnement au deuil"],
        "Écoute et accompagnement après la perte d'un proche.",
    ),
    (
        "parentalite",
        &["Lieu d'accueil enfants-parents", "Atelier parentalité"],
        "Soutien à la parentalité, échanges entre parents.",
    ),
    (
        "difficultes-educatives",
        &["Point d'accueil écoute jeunes", "Accompagnement éducatif"],
        "Aide en cas de difficultés éducatives avec un enfant ou un adolescent.",
    ),
];

const LIEUX: &[&str] = &[
    "Les Lilas",
    "Le Phare",
    "La Passerelle",
    "Les Tilleuls",
    "L'Escale",
    "Le Relais",
    "La Boussole",
    "Les Oliviers",
    "Le Mistral",
    "La Calanque",
    "Les Cigales",
    "L'Étoile",
];
const STRUCTURES: &[&str] = &[
    "Association",
    "Centre communal d'action sociale",
    "Fondation",
    "Collectif",
    "Maison",
    "Union",
    "Entraide",
];
const RUES: &[&str] = &[
    "rue des Fictions",
    "avenue de l'Exemple",
    "boulevard Imaginaire",
    "place du Prototype",
    "chemin de l'Essai",
    "traverse des Démos",
];
const HORAIRES: &[&str] = &[
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Mo-Th 08:30-12:30,13:30-17:00; Fr 08:30-12:30",
    "Tu,Th 14:00-17:00",
    "Mo-Fr 09:00-17:00",
    "We 09:00-12:00; Sa 09:00-12:00",
    "Mo-Sa 08:00-20:00",
    "Sur rendez-vous uniquement",
];

/// `n` ressources, dont le tiers environ à Marseille, chacune sur un besoin (parfois deux).
pub fn generer(
    graine: u64,
    n: usize,
    territoire: &Referentiel,
    freins: &Freins,
    aujourdhui: Jour,
) -> Vec<Ressource> {
    let alea = &mut Alea::new(graine);
    let communes = territoire.communes_du_territoire();
    let marseille: Vec<_> = communes
        .iter()
        .copied()
        .filter(|c| c.insee.starts_with("132"))
        .collect();
    let publics = [
        "tous-publics",
        "jeunes",
        "femmes",
        "familles",
        "seniors",
        "demandeurs-emploi",
        "beneficiaires-des-minimas-sociaux",
    ];
    (0..n)
        .map(|i| {
            // Chaque besoin au moins une fois avant de tirer au hasard.
            let (besoin, noms, description) = if i < SERVICES.len() {
                SERVICES[i]
            } else {
                *alea.choisir(SERVICES)
            };
            let famille = freins
                .besoin(besoin)
                .map(|(f, _)| f.code.clone())
                .unwrap_or_default();
            let mut cibles = vec![Cible {
                famille,
                besoin: besoin.to_string(),
            }];
            if alea.chance(0.15) {
                let (b2, _, _) = *alea.choisir(SERVICES);
                if let Some((f, _)) = freins.besoin(b2) {
                    cibles.push(Cible {
                        famille: f.code.clone(),
                        besoin: b2.to_string(),
                    });
                }
            }
            let commune = if alea.chance(0.35) && !marseille.is_empty() {
                *alea.choisir(&marseille)
            } else {
                *alea.choisir(&communes)
            };
            let lieu = *alea.choisir(LIEUX);
            let nom = format!("{} {lieu}", alea.choisir(noms));
            let structure = format!("{} {lieu}", alea.choisir(STRUCTURES));
            let slug: String = crate::domain::texte::normaliser(&structure)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            // Autour du centre de la commune, à moins de 2 km environ.
            let jitter = |alea: &mut Alea| (alea.entre(-1500, 1500) as f64) / 100_000.0;
            let latitude = commune.latitude + jitter(alea);
            let longitude = commune.longitude + jitter(alea);
            let modalite = *alea.choisir(&ModaliteAcces::TOUTES);
            let public = *alea.choisir(&publics);
            Ressource {
                id: alea.uuid_ordonne(i as u64),
                source: SOURCE_LOCALE.into(),
                source_id: format!("demo-{i:05}"),
                nom,
                structure,
                description: description.into(),
                publics: vec![public.to_string()],
                public: String::new(),
                modalite,
                adresse: format!("{} {}", alea.entre(1, 120), alea.choisir(RUES)),
                code_postal: commune
                    .codes_postaux
                    .first()
                    .map(|cp| cp.to_string())
                    .unwrap_or_default(),
                commune: commune.insee.to_string(),
                telephone: format!(
                    "04 {:02} {:02} {:02} {:02}",
                    alea.entre(90, 99),
                    alea.entre(0, 99),
                    alea.entre(0, 99),
                    alea.entre(0, 99)
                ),
                courriel: format!("contact@{slug}.exemple.fr"),
                site: format!("https://{slug}.exemple.fr"),
                horaires: Horaires::lire(alea.choisir::<&str>(HORAIRES)),
                cibles,
                thematiques: Vec::new(),
                latitude: Some(latitude),
                longitude: Some(longitude),
                date_maj: aujourdhui - Duration::days(alea.entre(0, 700)),
                auteur: super::AUTEUR_DEMO.into(),
                archivee: false,
            }
        })
        .collect()
}

/// Pour choisir une ressource à prescrire : (id, nom) des ressources qui répondent au besoin.
pub fn pour_besoin<'a>(ressources: &'a [Ressource], besoin: &str) -> Vec<&'a Ressource> {
    ressources
        .iter()
        .filter(|r| r.cibles.iter().any(|c| c.besoin == besoin))
        .collect()
}
