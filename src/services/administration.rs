//! Ce que voit et fait un administrateur du poste : la liste des comptes et la vérification
//! du journal d'audit. Jamais le contenu d'un dossier.

use super::acces::ErreurAcces;
use super::{ErreurService, Poste};
use crate::domain::compte::Compte;
use crate::domain::professionnel::Professionnel;

/// Refuse ce qui est réservé aux administrateurs.
pub fn exiger_admin(poste: &Poste) -> Result<(), ErreurService> {
    if poste.compte().administrateur {
        Ok(())
    } else {
        Err(ErreurAcces::ReserveeAdministrateur.into())
    }
}

/// Un compte et le professionnel qu'il est.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneCompte {
    pub compte: Compte,
    pub professionnel: Option<Professionnel>,
}

pub fn comptes(poste: &Poste) -> Result<Vec<LigneCompte>, ErreurService> {
    exiger_admin(poste)?;
    let store = poste.store();
    let pros = store.professionnels()?;
    Ok(store
        .comptes()?
        .into_iter()
        .map(|compte| LigneCompte {
            professionnel: compte
                .professionnel
                .and_then(|id| pros.iter().find(|p| p.id == id).cloned()),
            compte,
        })
        .collect())
}

/// Vérifie la chaîne du journal d'audit ; le message dit le nombre d'entrées, ou où elle
/// est rompue.
pub fn verifier_audit(poste: &Poste) -> Result<String, ErreurService> {
    exiger_admin(poste)?;
    match poste.store().verifier_audit()? {
        Ok(n) => Ok(format!(
            "Journal d'audit intact : {n} entrée(s) vérifiée(s)."
        )),
        Err(rupture) => Ok(format!("Journal d'audit altéré : {rupture}")),
    }
}

/// Les dernières entrées du journal d'audit, lisibles : quand, qui (nom du professionnel ou
/// identifiant du compte), quoi, quel dossier (son identifiant seulement).
pub fn audit_recent(poste: &Poste, n: u32) -> Result<Vec<String>, ErreurService> {
    exiger_admin(poste)?;
    let store = poste.store();
    let noms = Noms::lire(&store)?;
    Ok(store
        .audit_recent(n)?
        .into_iter()
        .map(|(e, _, _)| {
            format!(
                "n° {} — {} — {} — {}{}",
                e.n,
                quand(&e.horodatage),
                noms.nom(&e.qui),
                e.action.libelle(),
                e.dossier
                    .map(|d| format!(" — dossier {d}"))
                    .unwrap_or_default()
            )
        })
        .collect())
}

pub use crate::domain::date::horodatage_fr as quand;

/// Qui a agi, lisible : le nom du professionnel, ou l'identifiant du compte.
pub struct Noms {
    pros: Vec<Professionnel>,
    comptes: Vec<Compte>,
}

impl Noms {
    pub fn lire(store: &crate::store::Store) -> Result<Noms, ErreurService> {
        Ok(Noms {
            pros: store.professionnels()?,
            comptes: store.comptes()?,
        })
    }

    pub fn nom(&self, qui: &str) -> String {
        self.pros
            .iter()
            .find(|p| p.id.to_string() == qui)
            .map(|p| p.nom_affiche())
            .or_else(|| {
                self.comptes
                    .iter()
                    .find(|c| c.id.to_string() == qui)
                    .map(|c| format!("compte « {} »", c.identifiant))
            })
            .unwrap_or_else(|| qui.to_string())
    }
}
