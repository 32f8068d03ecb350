//! Le modèle CSV de la base de ressources : lisible par Excel en français (séparateur `;`,
//! UTF-8 avec BOM, virgule décimale), documenté dans le README. L'export écrit ce format,
//! l'import le relit.

use std::io::Write;

use uuid::Uuid;

use crate::domain::date::{date_fr, lire_date};
use crate::domain::ressources::{Cible, Horaires, ModaliteAcces, Ressource, SOURCE_LOCALE};
use crate::formats::tableur::{neutraliser, reprendre};

pub const COLONNES: [&str; 20] = [
    "source",
    "source_id",
    "nom",
    "structure",
    "description",
    "publics",
    "public",
    "modalite",
    "adresse",
    "code_postal",
    "commune",
    "telephone",
    "courriel",
    "site",
    "horaires",
    "familles_besoins",
    "latitude",
    "longitude",
    "date_maj",
    "archivee",
];

/// L'en-tête identifie le modèle à l'import.
pub fn est_modele(entete: &[String]) -> bool {
    entete.iter().any(|c| c == "familles_besoins")
}

/// Écrit les ressources au format du modèle (dans `w`, déjà ouvert).
pub fn ecrire(ressources: &[Ressource], w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    csv.write_record(COLONNES)?;
    for r in ressources {
        let cibles = r
            .cibles
            .iter()
            .map(|c| {
                if c.besoin.is_empty() {
                    c.famille.clone()
                } else {
                    format!("{}/{}", c.famille, c.besoin)
                }
            })
            .collect::<Vec<_>>()
            .join(",");
        let coord = |v: Option<f64>| {
            v.map(|x| format!("{x:.6}").replace('.', ","))
                .unwrap_or_default()
        };
        let champs = [
            r.source.as_str(),
            &r.source_id,
            &r.nom,
            &r.structure,
            &r.description,
            &r.publics.join(","),
            &r.public,
            r.modalite.code(),
            &r.adresse,
            &r.code_postal,
            &r.commune,
            &r.telephone,
            &r.courriel,
            &r.site,
            &r.horaires.vers_osm(),
            &cibles,
            &coord(r.latitude),
            &coord(r.longitude),
            &date_fr(r.date_maj),
            if r.archivee { "oui" } else { "non" },
        ];
        csv.write_record(champs.iter().map(|c| neutraliser(c).into_owned()))?;
    }
    csv.flush()
}

/// Lit une ligne du modèle. `Err` : le message de la ligne pour le rapport.
pub fn lire_ligne(entete: &[String], ligne: &[String]) -> Result<Ressource, String> {
    let champ = |nom: &str| -> &str {
        entete
            .iter()
            .position(|c| c == nom)
            .and_then(|i| ligne.get(i))
            .map(|c| reprendre(c))
            .unwrap_or("")
            .trim()
    };
    for requis in ["nom", "structure", "description", "familles_besoins"] {
        if !entete.iter().any(|c| c == requis) {
            return Err(format!("la colonne « {requis} » manque dans l'en-tête"));
        }
    }
    let modalite = match champ("modalite") {
        "" => ModaliteAcces::Autre,
        m => ModaliteAcces::depuis_code(m).ok_or_else(|| {
            format!(
                "modalité « {m} » inconnue (valeurs : {})",
                ModaliteAcces::TOUTES.map(|m| m.code()).join(", ")
            )
        })?,
    };
    let cibles = champ("familles_besoins")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| match c.split_once('/') {
            Some((f, b)) => Cible {
                famille: f.trim().to_string(),
                besoin: b.trim().to_string(),
            },
            None => Cible {
                famille: c.to_string(),
                besoin: String::new(),
            },
        })
        .collect();
    let coord = |nom: &str| -> Result<Option<f64>, String> {
        match champ(nom) {
            "" => Ok(None),
            v => v
                .replace(',', ".")
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("{nom} « {v} » n'est pas un nombre")),
        }
    };
    let date_maj = match champ("date_maj") {
        "" => chrono::Local::now().date_naive(),
        d => lire_date(d)
            .or_else(|_| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
            .map_err(|_| format!("date de mise à jour « {d} » illisible (jj/mm/aaaa)"))?,
    };
    let source = match champ("source") {
        "" => SOURCE_LOCALE.to_string(),
        s => s.to_string(),
    };
    // Ordonné dans le temps, comme à l'import data·inclusion : un import ajoute ses
    // identifiants au bout de leur index au lieu de l'éparpiller.
    let id = Uuid::now_v7();
    let source_id = match champ("source_id") {
        "" => id.to_string(),
        s => s.to_string(),
    };
    Ok(Ressource {
        id,
        source,
        source_id,
        nom: champ("nom").to_string(),
        structure: champ("structure").to_string(),
        description: champ("description").to_string(),
        publics: champ("publics")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        public: champ("public").to_string(),
        modalite,
        adresse: champ("adresse").to_string(),
        code_postal: champ("code_postal").to_string(),
        commune: champ("commune").to_string(),
        telephone: champ("telephone").to_string(),
        courriel: champ("courriel").to_string(),
        site: champ("site").to_string(),
        horaires: Horaires::lire(champ("horaires")),
        cibles,
        thematiques: Vec::new(),
        latitude: coord("latitude")?,
        longitude: coord("longitude")?,
        date_maj,
        auteur: String::new(),
        archivee: matches!(champ("archivee"), "oui" | "1" | "true"),
    })
}
