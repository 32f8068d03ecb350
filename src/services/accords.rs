//! Les accords des décisions conjointes, attribués : celui du professionnel connecté est le
//! sien ; celui du partenaire est donné par sa co-signature sur ce poste (son mot de passe
//! vérifié) ou noté comme reçu hors de Binôme, avec sa date et son moyen.

use super::acces;
use super::espace::Espace;
use super::{ErreurService, Poste};
use crate::domain::date::Jour;
use crate::domain::dossier::{Attestation, Commande};
use crate::domain::professionnel::Role;
use crate::domain::Refus;
use crate::store::ErreurStore;

/// Comment le partenaire du binôme a donné son accord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccordPartenaire {
    CoSignature {
        identifiant: String,
        mot_de_passe: String,
    },
    HorsBinome {
        le: Jour,
        moyen: String,
    },
    /// Il le donnera sur son poste ; l'échange l'apportera (sa carte doit être vérifiée).
    ParEchange,
}

/// La commande avec ses accords attribués ; refuse un accord coché dont on ne sait pas qui
/// l'a donné, une co-signature d'un autre que le partenaire du dossier, un mot de passe faux.
pub fn attribuer(
    poste: &Poste,
    espace: &Espace,
    id: uuid::Uuid,
    mut c: Commande,
    partenaire: Option<&AccordPartenaire>,
) -> Result<Commande, ErreurService> {
    if c.accord().is_none() {
        return Ok(c);
    }
    let moi = poste
        .utilisateur()
        .cloned()
        .ok_or(ErreurService::SansUtilisateur)?;
    let d = poste.dossier_confie(&poste.store(), id)?;
    let role = moi.role();
    let autre = match role {
        Role::Conseiller => Role::Referent,
        Role::Referent => Role::Conseiller,
    };
    let membre_autre = match autre {
        Role::Conseiller => d.conseiller.as_ref(),
        Role::Referent => d.referent.as_ref(),
    };
    let Some(accord) = c.accord_mut() else {
        return Ok(c);
    };
    let (mien, sien) = match role {
        Role::Conseiller => (accord.conseiller, accord.referent),
        Role::Referent => (accord.referent, accord.conseiller),
    };
    let a_moi = mien.then(|| Attestation::Connecte {
        professionnel: moi.id,
        nom: moi.nom_affiche(),
    });
    let a_lui = if sien {
        Some(match partenaire {
            None => {
                return Err(ErreurStore::from(Refus::AccordNonAttribue {
                    role: autre.libelle(),
                })
                .into())
            }
            Some(AccordPartenaire::ParEchange) => {
                let verifiee = membre_autre.is_some_and(|m| {
                    poste.store().cartes().is_ok_and(|cartes| {
                        cartes.iter().any(|c| {
                            c.verifiee_le.is_some()
                                && c.carte.professionnel.as_ref().is_some_and(|p| p.id == m.id)
                        })
                    })
                });
                if !verifiee {
                    return Err(ErreurStore::from(Refus::AccordParEchangeSansCarte {
                        role: autre.libelle(),
                    })
                    .into());
                }
                Attestation::AttenduParEchange {
                    depuis: poste.aujourdhui(),
                }
            }
            Some(AccordPartenaire::HorsBinome { le, moyen }) => {
                if moyen.trim().is_empty() || *le > poste.aujourdhui() {
                    return Err(ErreurStore::from(Refus::AccordHorsBinomeIncomplet).into());
                }
                Attestation::HorsBinome {
                    le: *le,
                    moyen: moyen.trim().to_string(),
                }
            }
            Some(AccordPartenaire::CoSignature {
                identifiant,
                mot_de_passe,
            }) => {
                // Le mot de passe du partenaire, vérifié comme une connexion (ses échecs
                // comptent pour le délai d'attente).
                let a = acces::connecter(espace, identifiant, mot_de_passe)?;
                let pro = a.compte.professionnel;
                match membre_autre {
                    Some(m) if Some(m.id) == pro => Attestation::CoSignature {
                        professionnel: m.id,
                        nom: m.nom.clone(),
                    },
                    _ => {
                        return Err(ErreurStore::from(Refus::CoSignataireEtranger {
                            role: autre.libelle(),
                        })
                        .into())
                    }
                }
            }
        })
    } else {
        None
    };
    match role {
        Role::Conseiller => {
            accord.par_conseiller = a_moi;
            accord.par_referent = a_lui;
        }
        Role::Referent => {
            accord.par_referent = a_moi;
            accord.par_conseiller = a_lui;
        }
    }
    Ok(c)
}
