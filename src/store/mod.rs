//! Le store : SQLite, un journal d'événements en ajout seul et les projections que les
//! écrans interrogent, écrits dans la même transaction.

mod indicateurs;
mod journal;
mod migrations;
mod preferences;
mod projection;
mod requetes;
mod ressources;
mod verification;

pub use journal::{EvenementEnregistre, Lot};
pub use migrations::{version_courante, MIGRATIONS};
pub use requetes::COLONNES_RESUME;
pub use ressources::{Modification, RapportImport};
pub use verification::{Rapport, Verification};

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::domain::Refus;

/// Nom du fichier de base dans le dossier de données.
pub const FICHIER_BASE: &str = "binome.sqlite3";

/// Les erreurs du store sont `Clone` pour voyager dans les messages de l'interface.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErreurStore {
    #[error("{0}")]
    Refus(#[from] Refus),
    #[error("Erreur de la base de données : {0}. Vos données déjà enregistrées ne sont pas touchées ; réessayez, puis lancez « binome check » si cela se reproduit.")]
    Base(String),
    #[error("La base a été créée par une version plus récente de Binôme (schéma {base}, ce logiciel connaît {logiciel}) : mettez Binôme à jour.")]
    BaseTropRecente { base: u32, logiciel: u32 },
    #[error("La migration {version} déjà appliquée a été modifiée depuis : la base ne peut pas être ouverte en sécurité.")]
    MigrationModifiee { version: u32 },
    #[error("Impossible de créer ou d'ouvrir le dossier de données {chemin} : {message}")]
    Dossier { chemin: String, message: String },
    #[error("Le dossier {0} est introuvable.")]
    DossierInconnu(String),
    #[error("Le professionnel {0} est introuvable : enregistrez-le d'abord.")]
    ProfessionnelInconnu(String),
    #[error("Le dossier a été modifié entre-temps (par une autre fenêtre ou un autre poste) : rouvrez-le et recommencez.")]
    Conflit,
    #[error("Référentiel incomplet : {0}.")]
    Referentiel(String),
    #[error("Donnée illisible dans la base ({0}) : lancez « binome check ».")]
    Illisible(String),
    #[error("{0}")]
    Ressource(#[from] crate::domain::ressources::ErreurRessource),
    #[error("Votre profil permet de consulter la base de ressources, pas de la modifier : demandez l'habilitation « mise à jour » (Paramètres).")]
    NonHabilite,
    #[error("La ressource {0} est introuvable.")]
    RessourceInconnue(String),
}

impl From<rusqlite::Error> for ErreurStore {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if f.code == rusqlite::ErrorCode::ConstraintViolation {
                let texte = e.to_string();
                if texte.contains("evenements.dossier_id, evenements.version") {
                    return ErreurStore::Conflit;
                }
            }
        }
        ErreurStore::Base(e.to_string())
    }
}

impl From<serde_json::Error> for ErreurStore {
    fn from(e: serde_json::Error) -> Self {
        ErreurStore::Illisible(e.to_string())
    }
}

pub struct Store {
    conn: Connection,
    chemin: Option<PathBuf>,
}

impl Store {
    /// Ouvre (ou crée) la base du dossier de données et applique les migrations.
    pub fn ouvrir(dossier: &Path) -> Result<Store, ErreurStore> {
        std::fs::create_dir_all(dossier).map_err(|e| ErreurStore::Dossier {
            chemin: dossier.display().to_string(),
            message: e.to_string(),
        })?;
        let chemin = dossier.join(FICHIER_BASE);
        let conn = Connection::open(&chemin)?;
        Store::preparer(conn, Some(chemin))
    }

    /// Une base en mémoire, pour les essais et les mesures de référence.
    pub fn en_memoire() -> Result<Store, ErreurStore> {
        Store::preparer(Connection::open_in_memory()?, None)
    }

    fn preparer(mut conn: Connection, chemin: Option<PathBuf>) -> Result<Store, ErreurStore> {
        // WAL + synchronous FULL : chaque enregistrement validé survit à une coupure.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )?;
        migrations::migrer(&mut conn)?;
        indicateurs::initialiser(&mut conn)?;
        Ok(Store { conn, chemin })
    }

    pub fn chemin(&self) -> Option<&Path> {
        self.chemin.as_deref()
    }

    /// Accès direct à la connexion, pour les mesures de référence du banc d'essai.
    pub fn connexion(&self) -> &Connection {
        &self.conn
    }
}
