//! Les délégations : un titulaire (ou un administrateur pour lui) confie ses dossiers, ou
//! un seul, à un autre professionnel pour une période datée. Elles ne s'effacent pas ; on
//! les retire.

use uuid::Uuid;

use super::ressources::trouver_professionnel;
use super::{ErreurService, Poste};
use crate::domain::audit::ActionAudit;
use crate::domain::compte::{verifier_periode, Delegation};
use crate::domain::date::Jour;

fn maintenant() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurDelegation {
    #[error("{0}")]
    Periode(String),
    #[error("Seul le titulaire des dossiers, ou un administrateur, peut les déléguer ou retirer la délégation.")]
    PasTitulaire,
    #[error("Un professionnel ne se délègue pas ses propres dossiers : choisissez un autre professionnel.")]
    ASoiMeme,
    #[error("Ce dossier n'est pas tenu par le titulaire (il n'en est ni le conseiller dédié ni le référent social).")]
    DossierDAutrui,
    #[error("La délégation {0} est introuvable.")]
    Inconnue(Uuid),
}

impl From<ErreurDelegation> for ErreurService {
    fn from(e: ErreurDelegation) -> Self {
        ErreurService::Delegation(e)
    }
}

/// Accorde une délégation ; le titulaire est l'utilisateur, sauf pour un administrateur.
pub fn accorder(
    poste: &Poste,
    titulaire: Option<&str>,
    delegataire: &str,
    dossier: Option<Uuid>,
    debut: Jour,
    fin: Jour,
) -> Result<Delegation, ErreurService> {
    verifier_periode(debut, fin).map_err(ErreurDelegation::Periode)?;
    let titulaire = match titulaire {
        Some(t) => trouver_professionnel(poste, t)?,
        None => poste
            .utilisateur()
            .cloned()
            .ok_or(ErreurService::SansUtilisateur)?,
    };
    let soi = poste.utilisateur().is_some_and(|u| u.id == titulaire.id);
    if !soi && !poste.compte().administrateur {
        return Err(ErreurDelegation::PasTitulaire.into());
    }
    let delegataire = trouver_professionnel(poste, delegataire)?;
    if delegataire.id == titulaire.id {
        return Err(ErreurDelegation::ASoiMeme.into());
    }
    let store = poste.store();
    if let Some(id) = dossier {
        let d = store
            .dossier(id)?
            .ok_or_else(|| crate::store::ErreurStore::DossierInconnu(id.to_string()))?;
        let tenu = [d.conseiller.as_ref(), d.referent.as_ref()]
            .into_iter()
            .flatten()
            .any(|m| m.id == titulaire.id);
        if !tenu {
            return Err(ErreurDelegation::DossierDAutrui.into());
        }
    }
    let d = Delegation {
        id: Uuid::new_v4(),
        titulaire: titulaire.id,
        delegataire: delegataire.id,
        dossier,
        debut,
        fin,
        accordee_par: poste.compte().id,
        retiree: false,
    };
    store.accorder_delegation(&d, &maintenant())?;
    drop(store);
    poste.auditer(ActionAudit::CompteModifie, dossier);
    Ok(d)
}

/// Retire une délégation (le titulaire ou un administrateur).
pub fn retirer(poste: &Poste, id: Uuid) -> Result<(), ErreurService> {
    let store = poste.store();
    let d = store
        .delegations()?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(ErreurDelegation::Inconnue(id))?;
    let soi = poste.utilisateur().is_some_and(|u| u.id == d.titulaire);
    if !soi && !poste.compte().administrateur {
        return Err(ErreurDelegation::PasTitulaire.into());
    }
    store.retirer_delegation(id, &maintenant())?;
    drop(store);
    poste.auditer(ActionAudit::CompteModifie, d.dossier);
    Ok(())
}

/// Une délégation telle qu'on la lit : son identifiant, si l'utilisateur peut la retirer,
/// et une phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneDelegation {
    pub id: Uuid,
    pub retirable: bool,
    pub texte: String,
}

/// Les délégations qui concernent l'utilisateur (toutes pour un administrateur).
pub fn lister(poste: &Poste) -> Result<Vec<LigneDelegation>, ErreurService> {
    let store = poste.store();
    let pros = store.professionnels()?;
    let nom = |id: Uuid| {
        pros.iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.nom_affiche())
    };
    let moi = poste.utilisateur().map(|u| u.id);
    let admin = poste.compte().administrateur;
    let aujourdhui = poste.aujourdhui();
    Ok(store
        .delegations()?
        .into_iter()
        .filter(|d| admin || Some(d.titulaire) == moi || Some(d.delegataire) == moi)
        .map(|d| {
            let etat = if d.retiree {
                "retirée"
            } else if d.en_cours(aujourdhui) {
                "en cours"
            } else if aujourdhui < d.debut {
                "à venir"
            } else {
                "terminée"
            };
            let retirable =
                !d.retiree && d.fin >= aujourdhui && (admin || Some(d.titulaire) == moi);
            let texte = format!(
                "{} → {}, {}, du {} au {} ({etat})",
                nom(d.titulaire),
                nom(d.delegataire),
                d.dossier.map_or_else(
                    || "tout le portefeuille".to_string(),
                    |x| format!("dossier {x}")
                ),
                d.debut.format("%d/%m/%Y"),
                d.fin.format("%d/%m/%Y")
            );
            LigneDelegation {
                id: d.id,
                retirable,
                texte,
            }
        })
        .collect())
}
