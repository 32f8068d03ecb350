//! L'espace de travail de l'utilisateur : le dossier de données, la base, les
//! référentiels (éventuellement remplacés localement) et le journal technique.

use std::path::{Path, PathBuf};

use super::ErreurService;
use crate::domain::structures::{ErreurStructures, Referentiel, COMMUNES_CSV};
use crate::store::{ErreurStore, Store};

/// Fichier qui, s'il existe dans le dossier de données, remplace la liste des structures livrée.
pub const STRUCTURES_LOCALES: &str = "structures.json";

#[derive(Debug, Clone)]
pub struct Espace {
    pub dossier: PathBuf,
}

impl Espace {
    /// Le dossier donné (`--data-dir` ou `BINOME_DATA_DIR`), sinon celui de l'utilisateur.
    pub fn resoudre(dossier: Option<PathBuf>) -> Result<Espace, ErreurService> {
        match dossier {
            Some(d) => Ok(Espace { dossier: d }),
            None => directories::ProjectDirs::from("fr", "", "Binome")
                .map(|p| Espace {
                    dossier: p.data_dir().to_path_buf(),
                })
                .ok_or(ErreurService::SansDossierPersonnel),
        }
    }

    pub fn store(&self) -> Result<Store, ErreurStore> {
        Store::ouvrir(&self.dossier)
    }

    pub fn referentiel(&self) -> Result<Referentiel, ErreurStructures> {
        let local = self.dossier.join(STRUCTURES_LOCALES);
        match std::fs::read_to_string(&local) {
            Ok(json) => Referentiel::lire(&json, COMMUNES_CSV),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Referentiel::embarque()),
            Err(e) => Err(ErreurStructures::Illisible(format!(
                "{} : {e}",
                local.display()
            ))),
        }
    }
}

/// Journal technique tournant (un fichier par jour) dans le dossier de données ; aucune
/// donnée personnelle n'y est écrite.
pub fn journalisation(dossier: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let rep = dossier.join("journaux");
    std::fs::create_dir_all(&rep).ok()?;
    let fichier = tracing_appender::rolling::daily(rep, "binome.log");
    let (ecrivain, garde) = tracing_appender::non_blocking(fichier);
    let filtre = tracing_subscriber::EnvFilter::try_from_env("BINOME_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(ecrivain)
        .with_ansi(false)
        .with_env_filter(filtre)
        .try_init()
        .ok()?;
    Some(garde)
}
