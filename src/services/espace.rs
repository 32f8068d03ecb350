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

    /// La base, ouverte avec la clé d'un accès.
    pub fn store(&self, acces: &super::acces::Acces) -> Result<Store, ErreurStore> {
        Store::ouvrir(&self.dossier, &acces.cle)
    }

    /// Lit à l'avance, sur un fil à part, les 35 000 communes du référentiel embarqué
    /// (≈ 40 ms) : elles sont prêtes quand la session s'ouvre, pendant que l'utilisateur
    /// tape son mot de passe et qu'Argon2 le vérifie.
    pub fn precharger_referentiel() {
        let lance = std::thread::Builder::new()
            .name("referentiel".into())
            .spawn(|| drop(Referentiel::embarque()));
        if let Err(e) = lance {
            tracing::warn!("référentiel non lu à l'avance : {e}");
        }
    }

    pub fn referentiel(&self) -> Result<Referentiel, ErreurStructures> {
        let local = self.dossier.join(STRUCTURES_LOCALES);
        if std::fs::symlink_metadata(&local).is_err() {
            return Ok(Referentiel::embarque());
        }
        let octets = crate::fichiers::lire_borne(&local, 16)
            .map_err(|e| ErreurStructures::Illisible(e.to_string()))?;
        let json = String::from_utf8(octets).map_err(|_| {
            ErreurStructures::Illisible(format!("{} n'est pas en UTF-8", local.display()))
        })?;
        Referentiel::lire(&json, COMMUNES_CSV)
    }
}

/// Journal technique tournant (un fichier par jour) dans le dossier de données ; aucune
/// donnée personnelle n'y est écrite. S'il ne peut pas être écrit (dossier protégé, disque
/// plein), les messages techniques vont sur la sortie d'erreur, après un avertissement :
/// Binôme travaille quand même.
pub fn journalisation(dossier: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let rep = dossier.join("journaux");
    let filtre = tracing_subscriber::EnvFilter::try_from_env("BINOME_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let fichier = crate::fichiers::creer_dossier_prive(&rep)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("binome.log")
                .build(&rep)
                .map_err(|e| e.to_string())
        });
    match fichier {
        Ok(f) => {
            proteger_les_journaux(&rep);
            let (ecrivain, garde) = tracing_appender::non_blocking(f);
            tracing_subscriber::fmt()
                .with_writer(ecrivain)
                .with_ansi(false)
                .with_env_filter(filtre)
                .try_init()
                .ok()?;
            Some(garde)
        }
        Err(e) => {
            eprintln!(
                "Attention : le journal technique ne peut pas être écrit dans {} ({e}). Binôme continue ; ses messages techniques s'affichent ici.",
                rep.display()
            );
            tracing_subscriber::fmt()
                .with_writer(std::io::stderr)
                .with_ansi(false)
                .with_env_filter(filtre)
                .try_init()
                .ok();
            None
        }
    }
}

/// Les journaux techniques ne sont lisibles que par l'utilisateur.
fn proteger_les_journaux(rep: &Path) {
    for e in std::fs::read_dir(rep).into_iter().flatten().flatten() {
        if let Err(err) = crate::fichiers::rendre_prive(&e.path(), 0o600) {
            eprintln!(
                "Attention : droits du journal {} non resserrés : {err}",
                e.path().display()
            );
        }
    }
}

/// Le dossier où les documents et exports sont proposés : « Documents/Binome ».
pub fn dossier_des_documents() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.document_dir()
                .map(|d| d.to_path_buf())
                .unwrap_or_else(|| u.home_dir().to_path_buf())
        })
        .unwrap_or_else(std::env::temp_dir)
        .join("Binome")
}

/// Retire les temporaires laissés par un arrêt brutal, là où Binôme écrit.
pub fn nettoyer_temporaires(espace: &Espace) {
    let mut n = 0;
    // Binôme n'écrit ses temporaires qu'à côté de ce qu'il écrit : ses documents, et
    // autrefois des sorties dans le dossier de données.
    for d in [espace.dossier.clone(), dossier_des_documents()] {
        n += crate::fichiers::nettoyer_temporaires(&d);
    }
    if n > 0 {
        tracing::info!(temporaires = n, "temporaires d'un arrêt brutal retirés");
    }
}
