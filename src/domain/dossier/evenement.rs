//! Ce qui s'est passé dans un dossier. Les événements sont conservés pour toujours, dans
//! l'ordre : l'état du dossier s'en déduit.

use serde::{Deserialize, Serialize};

use super::commande::Ouverture;
use super::types::{
    AccordsAttribues, ActionCarnet, Cloture, CompteRendu, Concertation, Consentement, Contact,
    DesignationReferent, FicheLiaison, PointIntermediaire, Prescription, Reconduction,
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
    /// Ancien événement, sans date : gardé pour relire les journaux qui en ont.
    IdentiteModifiee(Personne),
    SituationChangee {
        personne: Personne,
        date: Jour,
        /// Ce qui a changé, en mots (la chronologie le montre).
        changements: Vec<String>,
    },
    DesignationEnregistree(DesignationReferent),
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
        /// L'identifiant de la fiche visée (voir [`super::numeros`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fiche_id: Option<uuid::Uuid>,
    },
    FicheRetournee {
        numero: u32,
        date: Jour,
        commentaire: String,
        /// L'identifiant de la fiche visée (voir [`super::numeros`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fiche_id: Option<uuid::Uuid>,
    },
    ConcertationTenue(Concertation),
    ActionAjoutee(ActionCarnet),
    StatutActionChange {
        numero: u32,
        statut: StatutAction,
        date: Jour,
        /// L'identifiant de l'action visée (voir [`super::numeros`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        action_id: Option<uuid::Uuid>,
    },
    RessourcePrescrite {
        action: u32,
        prescription: Prescription,
        /// L'identifiant de l'action visée (voir [`super::numeros`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        action_id: Option<uuid::Uuid>,
    },
    RessourcePrescriteAuDiagnostic(Prescription),
    InitialisationRealisee {
        date: Jour,
    },
    ContratSigne {
        date: Jour,
    },
    /// L'entrée d'un accompagnement commencé avant Binôme, reprise d'un tableau de suivi.
    EntreeReprise {
        date: Jour,
        origine: String,
    },
    Reconduit(Reconduction),
    PointPlanifie(PointIntermediaire),
    PointTenu {
        numero: u32,
        date: Jour,
        synthese: String,
        #[serde(default)]
        compte_rendu: CompteRendu,
        /// L'identifiant du point tenu : celui du point planifié, ou un nouveau pour un
        /// point non planifié (voir [`super::numeros`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        point_id: Option<uuid::Uuid>,
        /// Le numéro qu'avait à sa création un point non planifié renuméroté (donné à la
        /// relecture du journal, jamais écrit).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        numero_initial: Option<u32>,
    },
    ContactEnregistre(Contact),
    OrienteSocialExclusif(SocialExclusif),
    RetourAccompagnementGlobal {
        date: Jour,
    },
    DossierCloture(Cloture),
    ConsentementRecueilli(Consentement),
    ConsentementRevoque {
        date: Jour,
    },
    DocumentImprime {
        document: String,
        date: Jour,
    },
    /// Qui a donné chacun des deux accords de la décision conjointe qui précède.
    AccordsAttribues(AccordsAttribues),
    /// L'accord attendu d'un côté pour cette décision est donné (sur son poste).
    AccordDonne {
        decision: String,
        role: crate::domain::professionnel::Role,
        par: super::Attestation,
        date: Jour,
    },
    /// Les conflits signalés jusque-là ont été revus par le binôme.
    ConflitsRevus {
        date: Jour,
    },
    Rectifiee(super::rectification::Rectification),
}

impl Evenement {
    /// Le type, tel qu'il est rangé dans le journal.
    pub fn type_(&self) -> &'static str {
        match self {
            Evenement::DossierOuvert(_) => "DossierOuvert",
            Evenement::IdentiteModifiee(_) => "IdentiteModifiee",
            Evenement::SituationChangee { .. } => "SituationChangee",
            Evenement::DesignationEnregistree(_) => "DesignationEnregistree",
            Evenement::MembreAffecte { .. } => "MembreAffecte",
            Evenement::AgenceChangee { .. } => "AgenceChangee",
            Evenement::DiagnosticEnregistre(_) => "DiagnosticEnregistre",
            Evenement::FicheCreee(_) => "FicheCreee",
            Evenement::FicheEnvoyee { .. } => "FicheEnvoyee",
            Evenement::FicheRetournee { .. } => "FicheRetournee",
            Evenement::ConcertationTenue(_) => "ConcertationTenue",
            Evenement::ActionAjoutee(_) => "ActionAjoutee",
            Evenement::StatutActionChange { .. } => "StatutActionChange",
            Evenement::RessourcePrescrite { .. } => "RessourcePrescrite",
            Evenement::RessourcePrescriteAuDiagnostic(_) => "RessourcePrescriteAuDiagnostic",
            Evenement::InitialisationRealisee { .. } => "InitialisationRealisee",
            Evenement::ContratSigne { .. } => "ContratSigne",
            Evenement::EntreeReprise { .. } => "EntreeReprise",
            Evenement::Reconduit(_) => "Reconduit",
            Evenement::PointPlanifie(_) => "PointPlanifie",
            Evenement::PointTenu { .. } => "PointTenu",
            Evenement::ContactEnregistre(_) => "ContactEnregistre",
            Evenement::OrienteSocialExclusif(_) => "OrienteSocialExclusif",
            Evenement::RetourAccompagnementGlobal { .. } => "RetourAccompagnementGlobal",
            Evenement::DossierCloture(_) => "DossierCloture",
            Evenement::DocumentImprime { .. } => "DocumentImprime",
            Evenement::AccordsAttribues(_) => "AccordsAttribues",
            Evenement::ConsentementRecueilli(_) => "ConsentementRecueilli",
            Evenement::ConsentementRevoque { .. } => "ConsentementRevoque",
            Evenement::Rectifiee(_) => "Rectifiee",
            Evenement::ConflitsRevus { .. } => "ConflitsRevus",
            Evenement::AccordDonne { .. } => "AccordDonne",
        }
    }

    /// La date métier de l'événement (celle que l'utilisateur a saisie), s'il en a une.
    pub fn date(&self) -> Option<Jour> {
        Some(match self {
            Evenement::DossierOuvert(o) => o.date,
            Evenement::IdentiteModifiee(_) | Evenement::AccordsAttribues(_) => return None,
            Evenement::MembreAffecte { date, .. }
            | Evenement::AgenceChangee { date, .. }
            | Evenement::SituationChangee { date, .. }
            | Evenement::FicheEnvoyee { date, .. }
            | Evenement::FicheRetournee { date, .. }
            | Evenement::StatutActionChange { date, .. }
            | Evenement::InitialisationRealisee { date }
            | Evenement::ContratSigne { date }
            | Evenement::EntreeReprise { date, .. }
            | Evenement::PointTenu { date, .. }
            | Evenement::RetourAccompagnementGlobal { date }
            | Evenement::ConsentementRevoque { date }
            | Evenement::ConflitsRevus { date }
            | Evenement::AccordDonne { date, .. }
            | Evenement::DocumentImprime { date, .. } => *date,
            Evenement::ConsentementRecueilli(c) => c.date,
            Evenement::DiagnosticEnregistre(d) => d.date,
            Evenement::DesignationEnregistree(d) => d.date,
            Evenement::FicheCreee(f) => f.date,
            Evenement::ConcertationTenue(c) => c.date,
            Evenement::ActionAjoutee(a) => a.date,
            Evenement::RessourcePrescrite { prescription, .. } => prescription.date,
            Evenement::RessourcePrescriteAuDiagnostic(p) => p.date,
            Evenement::Reconduit(r) => r.date,
            Evenement::PointPlanifie(p) => p.date_prevue,
            Evenement::ContactEnregistre(c) => c.date,
            Evenement::OrienteSocialExclusif(s) => s.debut,
            Evenement::DossierCloture(c) => c.date,
            Evenement::Rectifiee(r) => r.le,
        })
    }

    /// Le même événement à une autre date métier (une rectification) ; `None` s'il n'a pas
    /// de date à changer.
    pub fn avec_date(&self, j: Jour) -> Option<Evenement> {
        let mut e = self.clone();
        match &mut e {
            Evenement::DossierOuvert(o) => o.date = j,
            Evenement::SituationChangee { date, .. }
            | Evenement::MembreAffecte { date, .. }
            | Evenement::AgenceChangee { date, .. }
            | Evenement::FicheEnvoyee { date, .. }
            | Evenement::FicheRetournee { date, .. }
            | Evenement::StatutActionChange { date, .. }
            | Evenement::InitialisationRealisee { date }
            | Evenement::ContratSigne { date }
            | Evenement::EntreeReprise { date, .. }
            | Evenement::PointTenu { date, .. }
            | Evenement::RetourAccompagnementGlobal { date }
            | Evenement::ConsentementRevoque { date }
            | Evenement::ConflitsRevus { date }
            | Evenement::AccordDonne { date, .. }
            | Evenement::DocumentImprime { date, .. } => *date = j,
            Evenement::ConsentementRecueilli(c) => c.date = j,
            Evenement::DesignationEnregistree(d) => d.date = j,
            Evenement::DiagnosticEnregistre(d) => d.date = j,
            Evenement::FicheCreee(f) => f.date = j,
            Evenement::ConcertationTenue(c) => c.date = j,
            Evenement::ActionAjoutee(a) => a.date = j,
            Evenement::RessourcePrescrite { prescription, .. } => prescription.date = j,
            Evenement::RessourcePrescriteAuDiagnostic(p) => p.date = j,
            Evenement::Reconduit(r) => r.date = j,
            Evenement::PointPlanifie(p) => p.date_prevue = j,
            Evenement::ContactEnregistre(c) => c.date = j,
            Evenement::OrienteSocialExclusif(s) => s.debut = j,
            Evenement::DossierCloture(c) => c.date = j,
            Evenement::IdentiteModifiee(_)
            | Evenement::Rectifiee(_)
            | Evenement::AccordsAttribues(_) => return None,
        }
        Some(e)
    }
}

impl Evenement {
    /// Ce qui s'est passé, en une phrase, pour la chronologie du dossier.
    pub fn description(&self) -> String {
        use crate::domain::date::date_fr;
        match self {
            Evenement::DossierOuvert(o) => format!(
                "Dossier ouvert à l'initiative du {}",
                o.initiative.libelle()
            ),
            Evenement::IdentiteModifiee(_) => "Identité mise à jour".into(),
            Evenement::SituationChangee { changements, .. } => {
                format!("Situation modifiée : {}", changements.join(", "))
            }
            Evenement::DesignationEnregistree(d) => {
                let mut t = format!(
                    "Désignation du référent social : {} — {}",
                    d.branche.libelle(),
                    d.nom_structure
                );
                if let Some(a) = &d.accord {
                    t.push_str(&format!(
                        " (accord du Département donné le {} par {})",
                        date_fr(a.le),
                        a.par
                    ));
                }
                t
            }
            Evenement::MembreAffecte { membre, .. } => {
                format!(
                    "{} rejoint le binôme ({})",
                    membre.nom,
                    membre.role.libelle()
                )
            }
            Evenement::AgenceChangee { agence, .. } => format!("Rattachement à l'agence {agence}"),
            Evenement::DiagnosticEnregistre(d) => {
                let n = d.evaluations.len();
                format!(
                    "Diagnostic {} enregistré ({n} besoin{s} évalué{s})",
                    d.volet.libelle(),
                    s = if n > 1 { "s" } else { "" }
                )
            }
            Evenement::FicheCreee(f) => format!(
                "Fiche de liaison n° {}{} rédigée par le {} : {}",
                f.numero,
                renumerote(f.numero_initial),
                f.emetteur.libelle(),
                f.objet.libelle()
            ),
            Evenement::FicheEnvoyee { numero, .. } => {
                format!("Fiche de liaison n° {numero} envoyée")
            }
            Evenement::FicheRetournee {
                numero,
                commentaire,
                ..
            } => {
                let c = commentaire.trim();
                if c.is_empty() {
                    format!("Fiche de liaison n° {numero} retournée datée et signée")
                } else {
                    format!("Fiche de liaison n° {numero} retournée datée et signée : {c}")
                }
            }
            Evenement::ConcertationTenue(c) => match &c.decision {
                super::Decision::Validation => {
                    "Temps de concertation : accompagnement validé".into()
                }
                super::Decision::Reorientation(cible) => {
                    format!(
                        "Temps de concertation : réorientation vers {}",
                        cible.libelle()
                    )
                }
            },
            Evenement::ActionAjoutee(a) => format!(
                "Action n° {}{} au carnet de route ({}) : {}",
                a.numero,
                renumerote(a.numero_initial),
                a.volet.libelle(),
                a.libelle
            ),
            Evenement::StatutActionChange { numero, statut, .. } => {
                format!("Action n° {numero} : {}", statut.libelle())
            }
            Evenement::RessourcePrescrite {
                action,
                prescription,
                ..
            } => format!(
                "Action n° {action} : ressource prescrite, {}",
                prescription.nom
            ),
            Evenement::RessourcePrescriteAuDiagnostic(p) => {
                format!("Ressource prescrite au diagnostic : {}", p.nom)
            }
            Evenement::InitialisationRealisee { .. } => "Entretien n°2 d'initialisation".into(),
            Evenement::ContratSigne { date } => format!(
                "Contrat d'accompagnement signé : entrée en accompagnement global le {}",
                date_fr(*date)
            ),
            Evenement::EntreeReprise { date, origine } => format!(
                "Entrée en accompagnement global le {}, reprise du suivi antérieur à Binôme ({origine})",
                date_fr(*date)
            ),
            Evenement::Reconduit(r) => format!("Accompagnement reconduit de {} mois", r.mois),
            Evenement::PointPlanifie(p) => format!(
                "Point d'échanges n° {}{} planifié au {}",
                p.numero,
                renumerote(p.numero_initial),
                date_fr(p.date_prevue)
            ),
            Evenement::PointTenu {
                numero,
                compte_rendu,
                numero_initial,
                ..
            } => {
                let mut t = format!(
                    "Point d'échanges n° {numero}{} tenu",
                    renumerote(*numero_initial)
                );
                let qui = compte_rendu.participants.libelle();
                if !qui.is_empty() {
                    t.push_str(&format!(" avec {qui}"));
                }
                let decide = compte_rendu.decisions.trim();
                if !decide.is_empty() {
                    t.push_str(&format!(" ; décidé : {decide}"));
                }
                if !compte_rendu.actions.is_empty() {
                    let n: Vec<String> = compte_rendu
                        .actions
                        .iter()
                        .map(|a| format!("n° {a}"))
                        .collect();
                    t.push_str(&format!(" ; actions {}", n.join(", ")));
                }
                t
            }
            Evenement::ContactEnregistre(c) => {
                format!("Contact par {} ({})", c.canal.libelle(), c.role.libelle())
            }
            Evenement::OrienteSocialExclusif(s) => format!(
                "Orientation en accompagnement social exclusif pour {} mois (PNI {})",
                s.mois,
                super::SocialExclusif::CODE_PNI
            ),
            Evenement::RetourAccompagnementGlobal { .. } => {
                "Retour en accompagnement global : fin de l'accompagnement social exclusif".into()
            }
            Evenement::DossierCloture(c) => format!("Dossier clôturé : {}", c.motif.libelle()),
            Evenement::DocumentImprime { document, .. } => format!("Document imprimé : {document}"),
            Evenement::AccordsAttribues(a) => format!(
                "{} — accord du conseiller dédié : {} ; accord du référent social : {}",
                a.decision,
                a.conseiller.libelle(),
                a.referent.libelle()
            ),
            Evenement::ConsentementRecueilli(c) => format!(
                "Consentement au partage recueilli ({}) : {}",
                c.moyen.libelle(),
                c.portee()
            ),
            Evenement::ConsentementRevoque { .. } => {
                "Consentement au partage révoqué : plus rien ne se partage".into()
            }
            Evenement::ConflitsRevus { .. } => {
                "Étapes enregistrées des deux côtés du binôme revues ensemble".into()
            }
            Evenement::AccordDonne {
                decision,
                role,
                par,
                ..
            } => format!(
                "{decision} — accord du {} donné : {}",
                role.libelle(),
                par.libelle()
            ),
            Evenement::Rectifiee(r) => {
                use super::rectification::Correction;
                let quoi = match &r.correction {
                    Correction::Date(j) => format!("nouvelle date le {}", date_fr(*j)),
                    Correction::Decision(super::Decision::Validation) => {
                        "décision : accompagnement validé".into()
                    }
                    Correction::Decision(super::Decision::Reorientation(c)) => {
                        format!("décision : réorientation vers {}", c.libelle())
                    }
                    Correction::Annulation => "clôture annulée".into(),
                };
                format!(
                    "Rectification de l'entrée n° {} : {quoi} — motif : {}",
                    r.cible, r.motif
                )
            }
        }
    }
}

/// « (n° 3 à sa création) » pour un élément renuméroté ; rien sinon.
fn renumerote(initial: Option<u32>) -> String {
    initial.map_or_else(String::new, |n| format!(" (n° {n} à sa création)"))
}
