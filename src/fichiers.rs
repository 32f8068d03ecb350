//! Les fichiers que Binôme écrit pour l'utilisateur (documents, exports) : jamais à moitié
//! écrits, avec une erreur qui leur est propre (un export CSV raté n'est pas une erreur PDF).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurFichier {
    #[error("Le fichier n'a pas pu être écrit dans {chemin} : {source}")]
    Ecriture {
        chemin: String,
        #[source]
        source: Arc<std::io::Error>,
    },
    #[error(
        "Le dossier {chemin} n'a pas pu être créé : {source}. Choisissez un autre emplacement."
    )]
    Dossier {
        chemin: String,
        #[source]
        source: Arc<std::io::Error>,
    },
}

/// Écrit `octets` dans `chemin` sans jamais laisser de fichier à moitié écrit : fichier
/// temporaire dans le même dossier, synchronisé, puis renommé.
pub fn ecrire_atomiquement(chemin: &Path, octets: &[u8]) -> Result<(), ErreurFichier> {
    let dossier = chemin
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let nom = chemin
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let temporaire = dossier.join(format!(".{nom}.{}.tmp", std::process::id()));
    let resultat = (|| {
        let mut f = std::fs::File::create(&temporaire)?;
        f.write_all(octets)?;
        f.sync_all()?;
        std::fs::rename(&temporaire, chemin)
    })();
    if resultat.is_err() {
        if let Err(e) = std::fs::remove_file(&temporaire) {
            tracing::debug!("temporaire non retiré : {e}");
        }
    }
    resultat.map_err(|e| ErreurFichier::Ecriture {
        chemin: chemin.display().to_string(),
        source: Arc::new(e),
    })
}

/// Crée le dossier qui recevra un fichier, s'il manque.
pub fn creer_dossier_parent(chemin: &Path) -> Result<(), ErreurFichier> {
    match chemin.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| ErreurFichier::Dossier {
            chemin: parent.display().to_string(),
            source: Arc::new(e),
        }),
        None => Ok(()),
    }
}
