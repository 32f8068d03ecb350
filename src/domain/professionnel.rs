//! Les deux professionnels du binôme : conseiller dédié et référent social.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::identifiants::{CodeInsee, Courriel, Telephone};
use super::personne::{Civilite, ErreurChamp};

/// Le côté du binôme. La réciprocité veut que chacun puisse prendre l'initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Conseiller,
    Referent,
}

impl Role {
    pub fn libelle(self) -> &'static str {
        match self {
            Role::Conseiller => "conseiller dédié",
            Role::Referent => "référent social",
        }
    }

    pub fn autre(self) -> Role {
        match self {
            Role::Conseiller => Role::Referent,
            Role::Referent => Role::Conseiller,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Conseiller => "conseiller",
            Role::Referent => "referent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GenreStructure {
    PoleInsertion,
    Mds,
    Partenaire,
}

impl GenreStructure {
    pub fn libelle(self) -> &'static str {
        match self {
            GenreStructure::PoleInsertion => "pôle d'insertion",
            GenreStructure::Mds => "maison de la solidarité",
            GenreStructure::Partenaire => "structure partenaire",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Affectation {
    /// Conseiller dédié : son agence et son périmètre géographique d'intervention.
    Agence {
        agence: String,
        perimetre: Vec<CodeInsee>,
    },
    /// Référent social : la structure qui l'emploie.
    Structure {
        genre: GenreStructure,
        code: String,
        nom: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Professionnel {
    pub id: Uuid,
    pub civilite: Civilite,
    pub nom: String,
    pub prenom: String,
    pub telephone: Option<Telephone>,
    pub courriel: Option<Courriel>,
    pub affectation: Affectation,
    /// Profil sur la base de ressources partenariales.
    #[serde(default)]
    pub habilitation: crate::domain::ressources::Habilitation,
}

impl Professionnel {
    pub fn role(&self) -> Role {
        match self.affectation {
            Affectation::Agence { .. } => Role::Conseiller,
            Affectation::Structure { .. } => Role::Referent,
        }
    }

    /// « Léa DUPONT ».
    pub fn nom_affiche(&self) -> String {
        format!("{} {}", self.prenom, self.nom.to_uppercase())
    }

    pub fn membre(&self) -> Membre {
        Membre {
            id: self.id,
            role: self.role(),
            nom: self.nom_affiche(),
            perimetre: match &self.affectation {
                Affectation::Agence { perimetre, .. } => perimetre.clone(),
                Affectation::Structure { .. } => Vec::new(),
            },
        }
    }

    pub fn verifier(&self) -> Result<(), Vec<ErreurChamp>> {
        let mut erreurs = Vec::new();
        if self.nom.trim().is_empty() {
            erreurs.push(ErreurChamp::new("nom", "Le nom est obligatoire."));
        }
        if self.prenom.trim().is_empty() {
            erreurs.push(ErreurChamp::new("prenom", "Le prénom est obligatoire."));
        }
        match &self.affectation {
            Affectation::Agence { agence, .. } if agence.trim().is_empty() => erreurs.push(
                ErreurChamp::new("agence", "Choisissez l'agence du conseiller dédié."),
            ),
            Affectation::Structure { code, .. } if code.trim().is_empty() => erreurs.push(
                ErreurChamp::new("structure", "Choisissez la structure du référent social."),
            ),
            _ => {}
        }
        if erreurs.is_empty() {
            Ok(())
        } else {
            Err(erreurs)
        }
    }
}

/// Ce que le dossier retient d'un membre du binôme au moment de son affectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membre {
    pub id: Uuid,
    pub role: Role,
    pub nom: String,
    /// Vide pour un référent ou pour un conseiller sans périmètre déclaré.
    pub perimetre: Vec<CodeInsee>,
}

/// Le journal garde aussi l'annuaire des professionnels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "donnees")]
pub enum EvenementProfessionnel {
    ProfessionnelEnregistre(Professionnel),
}
