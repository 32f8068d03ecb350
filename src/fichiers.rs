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
    #[error("{chemin} ne peut pas être lu : {source}")]
    Lecture {
        chemin: String,
        #[source]
        source: Arc<std::io::Error>,
    },
    #[error("{chemin} n'est pas un fichier ordinaire (dossier, périphérique ou tube) : indiquez un fichier.")]
    PasUnFichier { chemin: String },
    #[error("{chemin} dépasse la taille permise pour ce fichier ({max} Mo) : vérifiez qu'il s'agit du bon fichier, ou découpez-le.")]
    TropGros { chemin: String, max: u64 },
}

/// Vérifie, sans l'ouvrir, que `chemin` est un fichier ordinaire d'au plus `max_mo`
/// mégaoctets (ouvrir un tube attendrait un écrivain).
pub fn verifier_borne(chemin: &Path, max_mo: u64) -> Result<(), ErreurFichier> {
    let nom = || chemin.display().to_string();
    let meta = std::fs::metadata(chemin).map_err(|e| ErreurFichier::Lecture {
        chemin: nom(),
        source: Arc::new(e),
    })?;
    if !meta.is_file() {
        return Err(ErreurFichier::PasUnFichier { chemin: nom() });
    }
    if meta.len() > max_mo * 1024 * 1024 {
        return Err(ErreurFichier::TropGros {
            chemin: nom(),
            max: max_mo,
        });
    }
    Ok(())
}

/// Lit un fichier ordinaire d'au plus `max_mo` mégaoctets : un périphérique sans fin, un
/// tube qui n'écrit jamais ou un fichier démesuré ne font ni attendre ni déborder.
pub fn lire_borne(chemin: &Path, max_mo: u64) -> Result<Vec<u8>, ErreurFichier> {
    use std::io::Read;
    verifier_borne(chemin, max_mo)?;
    let nom = || chemin.display().to_string();
    let lecture = |e| ErreurFichier::Lecture {
        chemin: nom(),
        source: Arc::new(e),
    };
    let max = max_mo * 1024 * 1024;
    let mut octets = Vec::new();
    std::fs::File::open(chemin)
        .and_then(|f| f.take(max + 1).read_to_end(&mut octets))
        .map_err(lecture)?;
    if octets.len() as u64 > max {
        return Err(ErreurFichier::TropGros {
            chemin: nom(),
            max: max_mo,
        });
    }
    Ok(octets)
}

/// La fin du nom des fichiers temporaires de Binôme : seuls ceux-là sont nettoyés.
pub const SUFFIXE_TEMPORAIRE: &str = ".binome-tmp";

/// Écrit `octets` dans `chemin` sans jamais laisser de fichier à moitié écrit : fichier
/// temporaire au nom tiré au hasard dans le même dossier (créé exclusivement, il ne suit
/// aucun lien), synchronisé, puis renommé. Le fichier garde les droits habituels de
/// l'utilisateur (son umask).
pub fn ecrire_atomiquement(chemin: &Path, octets: &[u8]) -> Result<(), ErreurFichier> {
    let dossier = chemin
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let nom = chemin
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let resultat = (|| {
        let prefixe = format!(".{nom}.");
        let mut b = tempfile::Builder::new();
        b.prefix(&prefixe).suffix(SUFFIXE_TEMPORAIRE).rand_bytes(12);
        // 0666 moins l'umask, comme un fichier que l'utilisateur créerait (un temporaire
        // serait sinon en 0600).
        #[cfg(unix)]
        b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        // Un échec avant le renommage retire le temporaire (à sa destruction).
        let mut f = b.tempfile_in(dossier)?;
        f.write_all(octets)?;
        f.as_file().sync_all()?;
        f.persist(chemin).map_err(|e| e.error)?;
        Ok(())
    })();
    resultat.map_err(|e: std::io::Error| ErreurFichier::Ecriture {
        chemin: chemin.display().to_string(),
        source: Arc::new(e),
    })
}

/// Retire de `dossier` les temporaires de Binôme laissés par un arrêt brutal (plus vieux
/// qu'une heure : un autre Binôme peut être en train d'écrire) ; rend leur nombre. Un lien
/// n'est jamais suivi : il est retiré comme un fichier.
pub fn nettoyer_temporaires(dossier: &Path) -> usize {
    let Ok(entrees) = std::fs::read_dir(dossier) else {
        return 0;
    };
    let mut retires = 0;
    for e in entrees.flatten() {
        let nom = e.file_name().to_string_lossy().into_owned();
        if !(nom.starts_with('.') && nom.ends_with(SUFFIXE_TEMPORAIRE)) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .unwrap_or_default();
        if meta.is_dir() || age < std::time::Duration::from_secs(3600) {
            continue;
        }
        match std::fs::remove_file(e.path()) {
            Ok(()) => retires += 1,
            Err(err) => tracing::warn!("temporaire {nom} non retiré : {err}"),
        }
    }
    retires
}

/// Crée un dossier (et ses parents) que seul l'utilisateur peut lire : le dossier de
/// données et ses sous-dossiers. Un dossier qui existait déjà est resserré.
pub fn creer_dossier_prive(dossier: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dossier)?;
    rendre_prive(dossier, 0o700)
}

/// Resserre les droits d'un fichier ou d'un dossier existant (Unix ; rien ailleurs).
pub fn rendre_prive(chemin: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let actuel = std::fs::symlink_metadata(chemin)?.permissions().mode() & 0o777;
        if actuel != mode {
            std::fs::set_permissions(chemin, std::fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (chemin, mode);
    Ok(())
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

/// Le nom du système de fichiers réseau d'après le type que rend `statfs`, s'il en est un :
/// SQLite n'y garantit ni les verrous ni la mémoire partagée du journal WAL.
pub fn type_reseau(f_type: i64) -> Option<&'static str> {
    match f_type {
        0x6969 => Some("NFS"),
        0x517B => Some("SMB"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x564C => Some("NCP"),
        0x5346_414F => Some("AFS"),
        0x00C3_6400 => Some("Ceph"),
        0x0102_1997 => Some("9P"),
        _ => None,
    }
}

/// Le système de fichiers réseau sous ce dossier, s'il en est un (Linux et autres Unix).
#[cfg(unix)]
pub fn partage_reseau(dossier: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dossier.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY : `c` est une chaîne C valide, `st` une structure à remplir de la bonne taille.
    let r = unsafe { libc::statfs(c.as_ptr(), &mut st) };
    if r != 0 {
        return None;
    }
    // Le type de `f_type` change d'un Unix à l'autre.
    #[allow(clippy::unnecessary_cast)]
    type_reseau(st.f_type as i64)
}

#[cfg(not(unix))]
pub fn partage_reseau(_dossier: &Path) -> Option<&'static str> {
    None
}
