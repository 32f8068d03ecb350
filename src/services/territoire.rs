//! Les structures du territoire (pôles d'insertion, MDS, agences France Travail et les
//! communes que chacune couvre) : celles des Bouches-du-Rhône sont livrées ; un
//! administrateur installe celles de son département depuis un fichier (CSV ou JSON), vérifié
//! ligne par ligne, ou revient aux structures livrées. Le protocole de désignation, les
//! périmètres et les agences des indicateurs suivent ce qui est installé.

use std::path::{Path, PathBuf};

use super::administration::exiger_admin;
use super::espace::STRUCTURES_LOCALES;
use super::{ErreurService, Poste};
use crate::domain::audit::ActionAudit;
use crate::domain::structures::{
    structures_depuis_lignes, Referentiel, Structures, COLONNES_STRUCTURES, COMMUNES_CSV,
    STRUCTURES_JSON,
};

#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurTerritoire {
    #[error("{fichier} : {message}")]
    Fichier { fichier: String, message: String },
    #[error("{fichier} : {} ligne(s) en erreur, rien n'est installé :\n{}", .lignes.len(), .lignes.iter().map(|(n, m)| if *n == 0 { format!("  {m}") } else { format!("  ligne {n} : {m}") }).collect::<Vec<_>>().join("\n"))]
    Lignes {
        fichier: String,
        lignes: Vec<(usize, String)>,
    },
}

impl From<ErreurTerritoire> for ErreurService {
    fn from(e: ErreurTerritoire) -> Self {
        ErreurService::Territoire(e)
    }
}

/// Ce qui est installé, en bref.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installees {
    pub version: String,
    pub livrees: bool,
    pub poles: usize,
    pub mds: usize,
    pub agences: usize,
    pub missions_locales: usize,
    /// Les départements dont des communes sont couvertes par une agence.
    pub departements: Vec<String>,
    pub communes: usize,
}

impl Installees {
    /// Sans lire le disque : les structures livrées se reconnaissent à leur contenu.
    pub fn de(r: &Referentiel) -> Installees {
        let livrees = Structures::lire(STRUCTURES_JSON).is_ok_and(|s| s == r.structures);
        let couvertes = r.communes_du_territoire();
        let mut departements: Vec<String> = couvertes
            .iter()
            .map(|c| c.departement.to_string())
            .collect();
        departements.sort();
        departements.dedup();
        Installees {
            version: r.structures.version.clone(),
            livrees,
            poles: r.structures.poles_insertion.len(),
            mds: r.structures.mds.len(),
            agences: r.structures.agences.len(),
            missions_locales: r.structures.missions_locales.len(),
            departements,
            communes: couvertes.len(),
        }
    }

    pub fn resume(&self) -> String {
        let missions_locales = match self.missions_locales {
            0 => String::new(),
            n => format!(", {n} mission(s) locale(s)"),
        };
        format!(
            "{} : {} pôle(s) d'insertion, {} MDS, {} agence(s) France Travail{missions_locales}, couvrant {} commune(s) (département(s) {})",
            self.version,
            self.poles,
            self.mds,
            self.agences,
            self.communes,
            self.departements.join(", "),
        )
    }

    /// D'où viennent les structures en place.
    pub fn origine(&self) -> &'static str {
        if self.livrees {
            "structures livrées (Bouches-du-Rhône, annexe 4)"
        } else {
            "installées sur ce poste"
        }
    }
}

/// Le fichier des structures installées sur ce poste, à côté de la base.
fn fichier_local(poste: &Poste) -> Option<PathBuf> {
    let store = poste.store();
    store
        .chemin()
        .and_then(Path::parent)
        .map(|d| d.join(STRUCTURES_LOCALES))
}

pub fn installees(poste: &Poste) -> Installees {
    Installees::de(poste.referentiel())
}

/// Lit un fichier de structures : CSV (`type;code;nom;commune;communes`) ou JSON (le format
/// de `structures.json`), vérifié ligne par ligne contre le référentiel des communes.
pub fn lire(chemin: &Path, par: &str, aujourdhui: &str) -> Result<Referentiel, ErreurService> {
    let octets = crate::fichiers::lire_borne(chemin, 16)?;
    let fichier = chemin
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let erreur = |message: String| ErreurTerritoire::Fichier {
        fichier: fichier.clone(),
        message,
    };
    let communes = Referentiel::embarque();
    let debut = octets.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let json = if debut == Some(b'{') {
        let texte =
            String::from_utf8(octets).map_err(|_| erreur("le JSON n'est pas en UTF-8".into()))?;
        Structures::lire(&texte).map_err(|e| erreur(e.to_string()))?;
        texte
    } else {
        let score = |l: &[String]| {
            l.iter()
                .filter(|c| COLONNES_STRUCTURES.contains(&c.trim().to_lowercase().as_str()))
                .count()
        };
        let t = crate::formats::tableau::lire(&octets, &score).map_err(erreur)?;
        let colonnes: Vec<Option<usize>> = COLONNES_STRUCTURES
            .iter()
            .map(|c| {
                t.entetes
                    .iter()
                    .position(|e| e.trim().eq_ignore_ascii_case(c))
            })
            .collect();
        if let Some(i) = colonnes[..3].iter().position(Option::is_none) {
            return Err(erreur(format!(
                "colonne « {} » introuvable : l'en-tête attendu est « type;code;nom;commune;communes » (une structure par ligne ; communes : codes INSEE séparés par des virgules, ou dep:59 pour tout un département)",
                COLONNES_STRUCTURES[i]
            ))
            .into());
        }
        let lignes: Vec<(usize, Vec<String>)> = t
            .lignes()
            .map_err(erreur)?
            .iter()
            .map(|l| {
                let cellules = colonnes
                    .iter()
                    .map(|c| {
                        c.and_then(|i| l.cellules.get(i))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                (l.numero, cellules)
            })
            .collect();
        let s = structures_depuis_lignes(
            &lignes,
            &communes,
            &format!("{fichier} ({aujourdhui})"),
            &format!("Importé de {fichier} le {aujourdhui} par {par}."),
        )
        .map_err(|lignes| ErreurTerritoire::Lignes {
            fichier: fichier.clone(),
            lignes,
        })?;
        serde_json::to_string_pretty(&s).map_err(|e| erreur(e.to_string()))?
    };
    Ok(Referentiel::lire(&json, COMMUNES_CSV).map_err(|e| erreur(e.to_string()))?)
}

/// Installe les structures du fichier sur ce poste (administrateurs) ; `essai` : vérifie
/// seulement. Rend le référentiel installé, que la session prend aussitôt.
pub fn importer(poste: &Poste, chemin: &Path, essai: bool) -> Result<Referentiel, ErreurService> {
    exiger_admin(poste)?;
    let par = poste
        .utilisateur()
        .map_or_else(|| poste.compte().identifiant.clone(), |u| u.nom_affiche());
    let r = lire(
        chemin,
        &par,
        &crate::domain::date::date_fr(poste.aujourdhui()),
    )?;
    if essai {
        return Ok(r);
    }
    let cible = fichier_local(poste).ok_or(ErreurService::SansDossierPersonnel)?;
    let json = serde_json::to_string_pretty(&r.structures)
        .map_err(|e| crate::store::ErreurStore::Illisible(e.to_string()))?;
    crate::fichiers::ecrire_atomiquement(&cible, json.as_bytes())?;
    poste.auditer(ActionAudit::CompteModifie, None);
    Ok(r)
}

/// Revient aux structures livrées (administrateurs).
pub fn retablir(poste: &Poste) -> Result<Referentiel, ErreurService> {
    exiger_admin(poste)?;
    if let Some(f) = fichier_local(poste).filter(|f| f.exists()) {
        std::fs::remove_file(&f).map_err(|e| crate::fichiers::ErreurFichier::Ecriture {
            chemin: f.display().to_string(),
            source: std::sync::Arc::new(e),
        })?;
        poste.auditer(ActionAudit::CompteModifie, None);
    }
    Ok(Referentiel::embarque())
}
