//! Les conflits entre les deux installations d'un binôme : chacune a enregistré, avant
//! d'avoir reçu ce que l'autre avait fait, une étape que le parcours ne connaît qu'une fois
//! (deux signatures du contrat, deux décisions de concertation…). Le premier dans l'ordre
//! commun l'emporte, des deux côtés ; l'autre reste au journal et se montre ici, à revoir.

use serde::{Deserialize, Serialize};

use super::{Dossier, Evenement};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflit {
    /// L'étape en double, en mots (« Signature du contrat »).
    pub etape: String,
    /// Ce qui a été retenu, et ce qui a été écarté (descriptions de la chronologie).
    pub retenu: String,
    pub ecarte: String,
    /// Les deux disaient la même chose (même date, même décision) : noté, sans alerte.
    pub identique: bool,
    /// Revu ensemble par le binôme ce jour-là : il n'est plus signalé.
    #[serde(default)]
    pub revu_le: Option<crate::domain::date::Jour>,
}

impl Dossier {
    /// Les conflits qui demandent qu'on les revoie (pas les doublons identiques).
    pub fn conflits_a_revoir(&self) -> impl Iterator<Item = &Conflit> {
        self.conflits
            .iter()
            .filter(|c| !c.identique && c.revu_le.is_none())
    }

    /// Si l'événement refait une étape unique déjà acquise, le conflit qu'il crée (l'état
    /// n'en tient alors pas compte) ; `None` s'il s'applique normalement.
    pub(super) fn conflit_avec(&self, e: &Evenement) -> Option<Conflit> {
        let (etape, deja): (&str, Option<Evenement>) = match e {
            Evenement::ContratSigne { .. } => (
                "Signature du contrat d'accompagnement",
                self.entree.map(|date| Evenement::ContratSigne { date }),
            ),
            Evenement::ConcertationTenue(_) => (
                "Temps de concertation",
                self.concertation.clone().map(Evenement::ConcertationTenue),
            ),
            Evenement::InitialisationRealisee { .. } => (
                "Entretien n°2 d'initialisation",
                self.initialisation
                    .map(|date| Evenement::InitialisationRealisee { date }),
            ),
            Evenement::Reconduit(_) => {
                ("Reconduction", self.reconduction.map(Evenement::Reconduit))
            }
            Evenement::OrienteSocialExclusif(_) => (
                "Orientation en accompagnement social exclusif",
                self.social_exclusif.map(Evenement::OrienteSocialExclusif),
            ),
            Evenement::DossierCloture(_) => (
                "Clôture du dossier",
                self.cloture.clone().map(Evenement::DossierCloture),
            ),
            // Une fiche, une action ou un point créés avec un identifiant sont renumérotés à
            // la relecture (`numeros`) : seuls les plus anciens arrivent ici en double.
            Evenement::FicheCreee(f) => (
                "Fiche de liaison (même numéro des deux côtés)",
                self.fiche(f.numero).cloned().map(Evenement::FicheCreee),
            ),
            Evenement::ActionAjoutee(a) => (
                "Action du carnet de route (même numéro des deux côtés)",
                self.actions
                    .iter()
                    .find(|x| x.numero == a.numero)
                    .cloned()
                    .map(Evenement::ActionAjoutee),
            ),
            Evenement::PointPlanifie(p) => (
                "Point d'échanges (même numéro des deux côtés)",
                self.points
                    .iter()
                    .find(|x| x.numero == p.numero)
                    .cloned()
                    .map(Evenement::PointPlanifie),
            ),
            _ => return None,
        };
        let deja = deja?;
        Some(Conflit {
            etape: etape.into(),
            retenu: deja.description(),
            ecarte: e.description(),
            identique: &deja == e,
            revu_le: None,
        })
    }
}
