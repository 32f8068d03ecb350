//! Où Binôme écrit un document ou un export choisi par l'utilisateur : jamais dans son
//! dossier de données (la base, ses journaux : un `--out` mal tapé ne doit pas la détruire),
//! jamais par-dessus un fichier sans accord, sauf celui qu'il a lui-même écrit pour le même
//! export et que personne n'a modifié depuis.

use std::path::{Path, PathBuf};

use super::ErreurService;
use crate::domain::empreinte::sha256 as empreinte;
use crate::store::Store;

/// Au-delà, un fichier existant n'est pas relu pour savoir s'il est le nôtre.
const TAILLE_RELUE: u64 = 64 * 1024 * 1024;

/// Le chemin tel que le système le suivra : la partie qui existe, liens résolus, puis le
/// reste tel quel.
fn resoudre(chemin: &Path) -> PathBuf {
    let absolu = std::path::absolute(chemin).unwrap_or_else(|_| chemin.to_path_buf());
    let mut existant = absolu.clone();
    let mut reste: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(c) = existant.canonicalize() {
            let mut r = c;
            for x in reste.iter().rev() {
                r.push(x);
            }
            return r;
        }
        match (existant.file_name(), existant.parent()) {
            (Some(nom), Some(parent)) => {
                reste.push(nom.to_os_string());
                existant = parent.to_path_buf();
            }
            _ => return absolu,
        }
    }
}

/// Refuse une écriture dans le dossier de données ou par-dessus un fichier que l'utilisateur
/// n'a pas accepté de remplacer ; rend le chemin résolu.
pub fn verifier(
    store: &Store,
    chemin: &Path,
    export: &str,
    remplacer: bool,
) -> Result<PathBuf, ErreurService> {
    let cible = resoudre(chemin);
    if let Some(donnees) = store.chemin().and_then(Path::parent) {
        let donnees = resoudre(donnees);
        // Comparaison composant par composant, après résolution des liens et des `..`.
        if cible.starts_with(&donnees) {
            return Err(ErreurService::SortieDansLesDonnees {
                chemin: chemin.display().to_string(),
                donnees: donnees.display().to_string(),
            });
        }
    }
    let existe = std::fs::symlink_metadata(chemin).is_ok() || cible.exists();
    if existe && !remplacer && !est_le_notre(store, &cible, export) {
        return Err(ErreurService::SortieExistante {
            chemin: chemin.display().to_string(),
        });
    }
    Ok(cible)
}

fn est_le_notre(store: &Store, cible: &Path, export: &str) -> bool {
    let Ok(Some((ecrit_pour, attendue))) = store.sortie(&cible.display().to_string()) else {
        return false;
    };
    let meta = std::fs::symlink_metadata(cible);
    ecrit_pour == export
        && meta.is_ok_and(|m| m.is_file() && m.len() <= TAILLE_RELUE)
        && std::fs::read(cible).is_ok_and(|o| empreinte(&o) == attendue)
}

/// Vérifie, crée le dossier au besoin, écrit atomiquement et retient ce qui a été écrit.
pub fn ecrire(
    store: &Store,
    chemin: &Path,
    export: &str,
    octets: &[u8],
    remplacer: bool,
) -> Result<(), ErreurService> {
    let cible = verifier(store, chemin, export, remplacer)?;
    crate::fichiers::creer_dossier_parent(chemin)?;
    crate::fichiers::ecrire_atomiquement(chemin, octets)?;
    // Le fichier est écrit : ne pas le retenir fait seulement redemander la prochaine fois.
    if let Err(e) = store.noter_sortie(&cible.display().to_string(), export, &empreinte(octets)) {
        tracing::warn!("fichier écrit non retenu : {e}");
    }
    Ok(())
}
