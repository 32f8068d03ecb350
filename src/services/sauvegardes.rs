//! Les sauvegardes de la base : à la demande (administrateur) et automatiques à l'ouverture
//! d'une session (une par jour, 7 gardées ; une par semaine, 4 gardées), dans le dossier
//! `sauvegardes/` des données, chiffrées comme la base. La restauration vérifie la
//! sauvegarde et garde la base qu'elle remplace.

use std::path::{Path, PathBuf};

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
            let store = poste.store();
            // Une base abîmée ne remplace jamais une bonne sauvegarde : contrôlée d'abord
            // (une fois par jour, c'est le contrôle d'intégrité ordinaire).
            if ecrites == 0 {
                let problemes = store.controle_rapide()?;
                if !problemes.is_empty() {
                    return Err(ErreurStore::Integrite(problemes.join(" ; ")).into());
                }
            }
            store.sauvegarder(&cible, &poste.acces().cle)?;
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

/// Les sauvegardes du dossier de données, les plus récentes d'abord.
pub fn disponibles(espace: &Espace) -> Vec<PathBuf> {
    let mut v: Vec<(std::time::SystemTime, PathBuf)> =
        std::fs::read_dir(espace.dossier.join(DOSSIER_SAUVEGARDES))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "sqlite3"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
    v.sort_by(|a, b| b.cmp(a));
    v.into_iter().map(|(_, p)| p).collect()
}

/// Restaure sans ouvrir la base (elle peut être endommagée) : le mot de passe donne la clé,
/// le compte doit être administrateur dans la sauvegarde. Sans fichier, la plus récente des
/// sauvegardes qui se vérifient. Rend la sauvegarde restaurée et où la base remplacée est
/// gardée.
pub fn restaurer_par_mot_de_passe(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
    fichier: Option<&Path>,
) -> Result<(PathBuf, PathBuf), ErreurService> {
    let (cle, compte) = super::acces::cle_du_compte(espace, identifiant, mot_de_passe)?;
    let candidates = match fichier {
        Some(f) => vec![f.to_path_buf()],
        None => disponibles(espace),
    };
    let mut derniere_erreur: Option<ErreurService> = None;
    for f in candidates {
        match crate::store::sauvegarde::verifier_sauvegarde(&f, &cle) {
            Ok(_) => {}
            Err(e) => {
                derniere_erreur = Some(e.into());
                continue;
            }
        }
        if !crate::store::sauvegarde::administrateur_dans(&f, &cle, compte)? {
            return Err(super::acces::ErreurAcces::ReserveeAdministrateur.into());
        }
        let ancienne = crate::store::sauvegarde::restaurer(&espace.dossier, &f, &cle)?;
        let mut store = crate::store::Store::ouvrir(&espace.dossier, &cle)?;
        super::poste::auditer(
            &mut store,
            &compte.to_string(),
            ActionAudit::CompteModifie,
            None,
        );
        return Ok((f, ancienne));
    }
    Err(derniere_erreur.unwrap_or(ErreurService::AucuneSauvegarde))
}
