//! Les sauvegardes de la base : à la demande (administrateur) et automatiques à l'ouverture
//! d'une session (une par jour, 7 gardées ; une par semaine, 4 gardées), dans le dossier
//! `sauvegardes/` des données, chiffrées comme la base. La restauration vérifie la
//! sauvegarde et garde la base qu'elle remplace.

use std::path::{Path, PathBuf};

use super::acces::Acces;
use super::administration::exiger_admin;
use super::espace::Espace;
use super::{ErreurService, Poste};
use crate::domain::audit::ActionAudit;
use crate::store::ErreurStore;

/// Le dossier des sauvegardes, dans le dossier de données.
pub const DOSSIER_SAUVEGARDES: &str = "sauvegardes";
const QUOTIDIENNES: usize = 7;
const HEBDOMADAIRES: usize = 4;

fn dossier_de(poste: &Poste) -> Result<PathBuf, ErreurService> {
    let base = poste
        .store()
        .chemin()
        .map(Path::to_path_buf)
        .ok_or_else(|| ErreurStore::Sauvegarde("base en mémoire".into()))?;
    Ok(base
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        .join(DOSSIER_SAUVEGARDES))
}

fn creer_dossier(d: &Path) -> Result<(), ErreurService> {
    crate::fichiers::creer_dossier_prive(d)
        .map_err(|e| ErreurStore::Sauvegarde(format!("{} : {e}", d.display())).into())
}

/// Une sauvegarde à la demande (administrateur) ; rend son chemin.
pub fn sauvegarder(poste: &Poste, cible: Option<PathBuf>) -> Result<PathBuf, ErreurService> {
    exiger_admin(poste)?;
    let cible = match cible {
        Some(c) => c,
        None => {
            let d = dossier_de(poste)?;
            creer_dossier(&d)?;
            d.join(format!(
                "manuelle-{}.sqlite3",
                chrono::Local::now().format("%Y%m%d-%H%M%S")
            ))
        }
    };
    poste.store().sauvegarder(&cible, &poste.acces().cle)?;
    poste.auditer(ActionAudit::Export, None);
    Ok(cible)
}

/// Les sauvegardes automatiques : celle du jour et celle de la semaine si elles manquent,
/// puis les plus anciennes retirées. Rend le nombre de sauvegardes écrites.
pub fn automatiques(poste: &Poste) -> Result<usize, ErreurService> {
    let d = dossier_de(poste)?;
    creer_dossier(&d)?;
    let jour = poste.aujourdhui();
    let mut ecrites = 0;
    for (nom, prefixe, garder) in [
        (
            format!("quotidienne-{}.sqlite3", jour.format("%Y-%m-%d")),
            "quotidienne-",
            QUOTIDIENNES,
        ),
        (
            format!("hebdomadaire-{}.sqlite3", jour.format("%G-S%V")),
            "hebdomadaire-",
            HEBDOMADAIRES,
        ),
    ] {
        let cible = d.join(&nom);
        if !cible.exists() {
            poste.store().sauvegarder(&cible, &poste.acces().cle)?;
            ecrites += 1;
        }
        retirer_les_anciennes(&d, prefixe, garder);
    }
    Ok(ecrites)
}

/// Garde les `garder` plus récentes (leur nom porte leur date, dans l'ordre).
fn retirer_les_anciennes(d: &Path, prefixe: &str, garder: usize) {
    let mut noms: Vec<PathBuf> = std::fs::read_dir(d)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefixe) && n.ends_with(".sqlite3"))
        })
        .collect();
    noms.sort();
    let trop = noms.len().saturating_sub(garder);
    for vieille in &noms[..trop] {
        if let Err(e) = std::fs::remove_file(vieille) {
            tracing::warn!(
                "sauvegarde ancienne non retirée ({}) : {e}",
                vieille.display()
            );
        }
    }
}

/// Restaure une sauvegarde (administrateur), base fermée ; rend le chemin où la base
/// remplacée est gardée.
pub fn restaurer(espace: &Espace, acces: &Acces, fichier: &Path) -> Result<PathBuf, ErreurService> {
    if !acces.compte.administrateur {
        return Err(super::acces::ErreurAcces::ReserveeAdministrateur.into());
    }
    let ancienne = crate::store::sauvegarde::restaurer(&espace.dossier, fichier, &acces.cle)?;
    let mut store = crate::store::Store::ouvrir(&espace.dossier, &acces.cle)?;
    super::poste::auditer(
        &mut store,
        &acces.compte.id.to_string(),
        ActionAudit::CompteModifie,
        None,
    );
    Ok(ancienne)
}
