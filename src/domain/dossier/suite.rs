//! L'étape attendue ensuite : l'interface en fait son bouton principal.

use super::types::{Cible, Decision, Etape, ObjetFiche};
use super::Dossier;
use crate::domain::diagnostic::Volet;
use crate::domain::professionnel::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    /// Conduire le protocole de désignation du référent social (la structure contactée).
    Designation,
    DesignerMembre(Role),
    EntretienN1(Volet),
    RedigerOrientation,
    /// Après une réorientation : retourner l'issue à l'autre professionnel.
    RedigerRetour,
    EnvoyerFiche(u32),
    EnregistrerRetour(u32),
    TenirConcertation,
    OrienterSocialExclusif,
    CompleterCarnet(Volet),
    EntretienInitialisation,
    SignerContrat,
    Accompagner,
    Aucune,
}

impl Suite {
    pub fn libelle(self) -> String {
        match self {
            Suite::Designation => "Contacter la structure qui désigne le référent social".into(),
            Suite::DesignerMembre(r) => format!("Désigner le {}", r.libelle()),
            Suite::EntretienN1(v) => format!("Entretien n°1 {}", v.libelle()),
            Suite::RedigerOrientation => "Orienter avec une fiche de liaison".into(),
            Suite::RedigerRetour => {
                "Retourner l'issue de la concertation avec une fiche de liaison".into()
            }
            Suite::EnvoyerFiche(n) => format!("Envoyer la fiche de liaison n° {n}"),
            Suite::EnregistrerRetour(n) => {
                format!("Enregistrer le retour de la fiche de liaison n° {n}")
            }
            Suite::TenirConcertation => "Tenir le temps de concertation".into(),
            Suite::OrienterSocialExclusif => "Orienter en accompagnement social exclusif".into(),
            Suite::CompleterCarnet(v) => format!("Compléter le carnet de route {}", v.libelle()),
            Suite::EntretienInitialisation => "Entretien n°2 d'initialisation".into(),
            Suite::SignerContrat => "Faire signer le contrat d'accompagnement".into(),
            Suite::Accompagner => "Suivre l'accompagnement".into(),
            Suite::Aucune => "Aucune".into(),
        }
    }
}

impl Dossier {
    /// La prochaine étape du parcours, dans l'ordre du schéma de l'annexe 2.
    pub fn suite(&self) -> Suite {
        match self.etape() {
            Etape::Cloture => Suite::Aucune,
            Etape::Reoriente => match self.fiche_de_retour() {
                None => Suite::RedigerRetour,
                Some(f) if f.envoyee_le.is_none() => Suite::EnvoyerFiche(f.numero),
                Some(f) => Suite::EnregistrerRetour(f.numero),
            },
            Etape::SocialExclusif | Etape::Accompagnement => Suite::Accompagner,
            Etape::Valide => {
                for v in [Volet::Emploi, Volet::Social] {
                    if !self.actions.iter().any(|a| a.volet == v) {
                        return Suite::CompleterCarnet(v);
                    }
                }
                if self.initialisation.is_none() {
                    Suite::EntretienInitialisation
                } else {
                    Suite::SignerContrat
                }
            }
            Etape::Diagnostic => {
                if let Some(c) = &self.concertation {
                    if c.decision == Decision::Reorientation(Cible::SocialExclusif) {
                        return Suite::OrienterSocialExclusif;
                    }
                }
                let premier = Volet::de(self.initiative);
                let second = Volet::de(self.initiative.autre());
                if self.entretien_n1(premier).is_none() {
                    return Suite::EntretienN1(premier);
                }
                if self.membre(self.initiative.autre()).is_none() {
                    let autre = self.initiative.autre();
                    if autre == Role::Referent && self.designation.is_none() {
                        return Suite::Designation;
                    }
                    return Suite::DesignerMembre(autre);
                }
                let orientation = self
                    .fiches
                    .iter()
                    .find(|f| f.objet == ObjetFiche::Orientation);
                match orientation {
                    None => return Suite::RedigerOrientation,
                    Some(f) if f.envoyee_le.is_none() => return Suite::EnvoyerFiche(f.numero),
                    _ => {}
                }
                if self.entretien_n1(second).is_none() {
                    return Suite::EntretienN1(second);
                }
                if self.orientation_retournee().is_none() {
                    if let Some(f) = orientation {
                        return Suite::EnregistrerRetour(f.numero);
                    }
                }
                if self.membre(self.initiative).is_none() {
                    return Suite::DesignerMembre(self.initiative);
                }
                Suite::TenirConcertation
            }
        }
    }
}
