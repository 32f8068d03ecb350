//! La base a-t-elle été refermée proprement ? Chaque ouverture tient un fichier verrouillé
//! dans `ouvertures/`, à côté de la base, et le retire en se refermant. Le système lâche le
//! verrou quand le processus meurt : un fichier qui se laisse verrouiller est donc celui
//! d'une ouverture jamais refermée (coupure de courant, arrêt brutal). Alors seulement la
//! connexion relit toute la base (`PRAGMA quick_check`) avant d'y écrire.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Le dossier des ouvertures, dans le dossier de données.
pub const DOSSIER_OUVERTURES: &str = "ouvertures";

/// L'ouverture en cours : son fichier verrouillé, retiré à la fermeture.
pub(super) struct Ouverture {
    fichier: Option<File>,
    chemin: PathBuf,
}

impl Ouverture {
    /// Retire les ouvertures laissées par un arrêt brutal, puis tient la sienne. Rend
    /// l'ouverture (aucune si le dossier ne peut pas être écrit : la base le dira) et vrai
    /// si une ouverture précédente n'a pas été refermée.
    pub(super) fn tenir(donnees: &Path) -> (Option<Ouverture>, bool) {
        let dossier = donnees.join(DOSSIER_OUVERTURES);
        let interrompue = retirer_les_abandonnees(&dossier);
        let chemin = dossier.join(format!("{}.verrou", uuid::Uuid::now_v7()));
        let ouverture = crate::fichiers::creer_dossier_prive(&dossier)
            .and_then(|()| {
                OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&chemin)
            })
            .and_then(|f| f.try_lock().map(|()| f).map_err(std::io::Error::from))
            .map_err(|e| tracing::warn!("ouverture non tenue ({}) : {e}", chemin.display()))
            .ok()
            .map(|f| Ouverture {
                fichier: Some(f),
                chemin,
            });
        (ouverture, interrompue)
    }
}

impl Drop for Ouverture {
    fn drop(&mut self) {
        // Fermé d'abord : Windows ne retire pas un fichier ouvert.
        drop(self.fichier.take());
        let _ = std::fs::remove_file(&self.chemin);
    }
}

/// Vrai si une ouverture abandonnée a été trouvée (et retirée).
fn retirer_les_abandonnees(dossier: &Path) -> bool {
    let Ok(entrees) = std::fs::read_dir(dossier) else {
        return false;
    };
    let mut trouvee = false;
    for e in entrees.flatten() {
        let chemin = e.path();
        if chemin.extension().is_none_or(|x| x != "verrou") {
            continue;
        }
        let Ok(f) = OpenOptions::new().write(true).open(&chemin) else {
            continue;
        };
        match f.try_lock() {
            Ok(()) => {
                trouvee = true;
                drop(f);
                let _ = std::fs::remove_file(&chemin);
            }
            // Tenu par un Binôme en marche (fenêtre, commande) : rien à faire.
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                tracing::warn!("ouverture illisible ({}) : {e}", chemin.display());
            }
        }
    }
    trouvee
}
