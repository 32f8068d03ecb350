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

/// Où en est une étape du parcours de l'annexe 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EtatJalon {
    Fait,
    EnCours,
    AVenir,
    /// Sans objet pour ce dossier (réorientation, accompagnement social exclusif).
    SansObjet,
}

impl EtatJalon {
    /// Texte + symbole : l'état ne passe jamais par la seule couleur.
    pub fn symbole(self) -> &'static str {
        match self {
            EtatJalon::Fait => "✓",
            EtatJalon::EnCours => "●",
            EtatJalon::AVenir => "○",
            EtatJalon::SansObjet => "–",
        }
    }
}

impl Dossier {
    /// Les étapes de l'annexe 2, chacune faite, en cours, à venir ou sans objet.
    pub fn jalons(&self) -> Vec<(&'static str, EtatJalon)> {
        use EtatJalon::*;
        let fait = |b: bool| if b { Fait } else { AVenir };
        let emploi = self.entretien_n1(Volet::Emploi).is_some();
        let social = self.entretien_n1(Volet::Social).is_some();
        let orientation = self.orientation_retournee().is_some();
        let concertation = self.concertation.is_some();
        let valide = matches!(
            self.concertation.as_ref().map(|c| &c.decision),
            Some(Decision::Validation)
        );
        let carnet = [Volet::Emploi, Volet::Social]
            .iter()
            .all(|v| self.actions.iter().any(|a| a.volet == *v));
        // Sur la voie de l'accompagnement global : ni réorienté, ni en social exclusif.
        let global = (valide || !concertation)
            && self.etape() != Etape::Reoriente
            && self.modalite == super::Modalite::AccompagnementGlobal;
        let mut v = vec![
            ("Diagnostic volet emploi", fait(emploi)),
            ("Diagnostic volet social", fait(social)),
            ("Fiche de liaison retournée", fait(orientation)),
            ("Temps de concertation", fait(concertation)),
            (
                "Carnet de route",
                if global { fait(carnet) } else { SansObjet },
            ),
            (
                "Entretien n°2 et contrat",
                if global {
                    fait(self.entree.is_some())
                } else {
                    SansObjet
                },
            ),
            (
                "Accompagnement",
                match (self.entree, &self.cloture) {
                    (Some(_), Some(_)) => Fait,
                    (Some(_), None) => EnCours,
                    (None, _) if global => AVenir,
                    _ => SansObjet,
                },
            ),
            ("Sortie", fait(self.cloture.is_some())),
        ];
        // L'étape en cours : la première qui n'est pas faite (sauf pendant l'accompagnement).
        if self.cloture.is_none() && !v.iter().any(|(_, e)| *e == EnCours) {
            if let Some(j) = v.iter_mut().find(|(_, e)| *e == AVenir) {
                j.1 = EnCours;
            }
        }
        v
    }
}
