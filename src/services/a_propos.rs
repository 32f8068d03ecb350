//! « À propos » : la version, où sont les données selon le système, et les licences de ce
//! que l'exécutable embarque (liste tenue par `scripts/licences.py`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::espace::Espace;

/// La liste des bibliothèques embarquées et de leurs licences, relue par l'essai qui vérifie
/// qu'elle suit `Cargo.lock`.
pub const DEPENDANCES: &str = include_str!("../../packaging/licences/DEPENDANCES.md");

/// Où chaque système range le dossier de données par défaut (crate `directories`).
pub const DOSSIERS_PAR_SYSTEME: [(&str, &str); 3] = [
    (
        "Linux",
        "$XDG_DATA_HOME/binome, sinon ~/.local/share/binome",
    ),
    ("Windows", r"%APPDATA%\Binome\data"),
    ("macOS", "~/Library/Application Support/fr.Binome"),
];

/// Les données et la police embarquées, et leurs licences (`assets/referentiels/SOURCES.md`).
pub const DONNEES_EMBARQUEES: [&str; 4] = [
    "communes de France : Etalab (Licence Ouverte), points GeoNames (CC BY 4.0)",
    "structures des Bouches-du-Rhône : annexe 4 de la convention",
    "thématiques et publics : schéma data·inclusion (licence ouverte)",
    "police DejaVu Sans : licence Bitstream Vera / domaine public (LICENCE-DejaVu.txt)",
];

/// Où sont installés les textes des licences.
pub const TEXTES_DES_LICENCES: &str = "/usr/share/doc/binome/ sous Linux (paquet Debian), dossier « licences » à côté de binome.exe sous Windows, packaging/licences/ dans les sources";

pub struct APropos {
    pub version: &'static str,
    pub schema: usize,
    /// Le dossier de données de cette exécution, s'il a pu être déterminé.
    pub dossier: Option<PathBuf>,
    /// Nombre de bibliothèques par licence déclarée, de la plus courante à la plus rare.
    pub licences: &'static [(String, usize)],
}

impl APropos {
    pub fn lire(espace: Option<&Espace>) -> APropos {
        APropos {
            version: env!("CARGO_PKG_VERSION"),
            schema: crate::store::MIGRATIONS.len(),
            dossier: espace.map(|e| e.dossier.clone()),
            licences: par_licence(),
        }
    }

    /// Le texte de `binome --version --verbose`.
    pub fn texte(&self) -> String {
        let mut t = vec![
            format!("binome {}", self.version),
            "Licence : EUPL-1.2 (fichier LICENCE)".to_string(),
            format!("Schéma de la base : version {}", self.schema),
        ];
        match &self.dossier {
            Some(d) => t.push(format!(
                "Dossier des données : {} (--data-dir ou BINOME_DATA_DIR pour un autre)",
                d.display()
            )),
            None => t.push(
                "Dossier des données : introuvable sur ce système (donnez --data-dir)".into(),
            ),
        }
        t.push("Dossier par défaut selon le système :".into());
        for (systeme, chemin) in DOSSIERS_PAR_SYSTEME {
            t.push(format!("  {systeme:<8} {chemin}"));
        }
        t.push(format!(
            "Bibliothèques embarquées : {}, par licence :",
            bibliotheques()
        ));
        for (licence, n) in self.licences {
            t.push(format!("  {n:>4}  {licence}"));
        }
        t.push("Données embarquées :".into());
        for d in DONNEES_EMBARQUEES {
            t.push(format!("  {d}"));
        }
        t.push(format!("Textes des licences : {TEXTES_DES_LICENCES}"));
        t.join("\n")
    }
}

/// Nombre de bibliothèques par licence, compté une fois par exécution.
pub fn par_licence() -> &'static [(String, usize)] {
    static COMPTE: std::sync::OnceLock<Vec<(String, usize)>> = std::sync::OnceLock::new();
    COMPTE.get_or_init(|| {
        let mut par_licence: BTreeMap<String, usize> = BTreeMap::new();
        for l in lignes_dependances() {
            *par_licence.entry(l.licence.to_string()).or_default() += 1;
        }
        let mut licences: Vec<(String, usize)> = par_licence.into_iter().collect();
        licences.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        licences
    })
}

/// Nombre de bibliothèques embarquées.
pub fn bibliotheques() -> usize {
    par_licence().iter().map(|(_, n)| n).sum()
}

/// Une ligne du tableau de `DEPENDANCES.md`.
pub struct Dependance<'a> {
    pub nom: &'a str,
    pub version: &'a str,
    pub licence: &'a str,
}

pub fn lignes_dependances() -> impl Iterator<Item = Dependance<'static>> {
    DEPENDANCES.lines().filter_map(|l| {
        let cellules: Vec<&str> = l.split('|').map(str::trim).collect();
        match cellules.as_slice() {
            ["", nom, version, licence, _, ""]
                if !nom.is_empty() && *nom != "bibliothèque" && !nom.starts_with("---") =>
            {
                Some(Dependance {
                    nom,
                    version,
                    licence,
                })
            }
            _ => None,
        }
    })
}
