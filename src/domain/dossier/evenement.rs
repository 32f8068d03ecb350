//! Ce qui s'est passé dans un dossier. Les événements sont conservés pour toujours, dans
//! l'ordre : l'état du dossier s'en déduit.

use serde::{Deserialize, Serialize};

use super::commande::Ouverture;
use super::types::{
    ActionCarnet, Cloture, Concertation, Contact, FicheLiaison, PointIntermediaire, Reconduction,
    SocialExclusif, StatutAction,
};
use crate::domain::date::Jour;
use crate::domain::diagnostic::Diagnostic;
use crate::domain::personne::Personne;
use crate::domain::professionnel::Membre;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "donnees")]
pub enum Evenement {
    DossierOuvert(Ouverture),
    IdentiteModifiee(Personne),
    MembreAffecte {
        membre: Membre,
        date: Jour,
    },
    AgenceChangee {
        agence: String,
        date: Jour,
    },
    DiagnosticEnregistre(Diagnostic),
    FicheCreee(FicheLiaison),
    FicheEnvoyee {
        numero: u32,
        date: Jour,
    },
    FicheRetournee {
        numero: u32,
        date: Jour,
        commentaire: String,
    },
    ConcertationTenue(Concertation),
    ActionAjoutee(ActionCarnet),
    StatutActionChange {
        numero: u32,
        statut: StatutAction,
        date: Jour,
    },
    InitialisationRealisee {
        date: Jour,
    },
    ContratSigne {
        date: Jour,
    },
    Reconduit(Reconduction),
    PointPlanifie(PointIntermediaire),
    PointTenu {
        numero: u32,
        date: Jour,
        synthese: String,
    },
    ContactEnregistre(Contact),
    OrienteSocialExclusif(SocialExclusif),
    DossierCloture(Cloture),
}

impl Evenement {
    /// Le type, tel qu'il est rangé dans le journal.
    pub fn type_(&self) -> &'static str {
        match self {
            Evenement::DossierOuvert(_) => "DossierOuvert",
            Evenement::IdentiteModifiee(_) => "IdentiteModifiee",
            Evenement::MembreAffecte { .. } => "MembreAffecte",
            Evenement::AgenceChangee { .. } => "AgenceChangee",
            Evenement::DiagnosticEnregistre(_) => "DiagnosticEnregistre",
            Evenement::FicheCreee(_) => "FicheCreee",
            Evenement::FicheEnvoyee { .. } => "FicheEnvoyee",
            Evenement::FicheRetournee { .. } => "FicheRetournee",
            Evenement::ConcertationTenue(_) => "ConcertationTenue",
            Evenement::ActionAjoutee(_) => "ActionAjoutee",
            Evenement::StatutActionChange { .. } => "StatutActionChange",
            Evenement::InitialisationRealisee { .. } => "InitialisationRealisee",
            Evenement::ContratSigne { .. } => "ContratSigne",
            Evenement::Reconduit(_) => "Reconduit",
            Evenement::PointPlanifie(_) => "PointPlanifie",
            Evenement::PointTenu { .. } => "PointTenu",
            Evenement::ContactEnregistre(_) => "ContactEnregistre",
            Evenement::OrienteSocialExclusif(_) => "OrienteSocialExclusif",
            Evenement::DossierCloture(_) => "DossierCloture",
        }
    }

    /// La date métier de l'événement (celle que l'utilisateur a saisie), s'il en a une.
    pub fn date(&self) -> Option<Jour> {
        Some(match self {
            Evenement::DossierOuvert(o) => o.date,
            Evenement::IdentiteModifiee(_) => return None,
            Evenement::MembreAffecte { date, .. }
            | Evenement::AgenceChangee { date, .. }
            | Evenement::FicheEnvoyee { date, .. }
            | Evenement::FicheRetournee { date, .. }
            | Evenement::StatutActionChange { date, .. }
            | Evenement::InitialisationRealisee { date }
            | Evenement::ContratSigne { date }
            | Evenement::PointTenu { date, .. } => *date,
            Evenement::DiagnosticEnregistre(d) => d.date,
            Evenement::FicheCreee(f) => f.date,
            Evenement::ConcertationTenue(c) => c.date,
            Evenement::ActionAjoutee(a) => a.date,
            Evenement::Reconduit(r) => r.date,
            Evenement::PointPlanifie(p) => p.date_prevue,
            Evenement::ContactEnregistre(c) => c.date,
            Evenement::OrienteSocialExclusif(s) => s.debut,
            Evenement::DossierCloture(c) => c.date,
        })
    }
}
