//! Le dossier d'une personne et son parcours (article 1.3.2 et annexe 2).
//!
//! [`workflow::decider`] est la machine à états : chaque commande y est acceptée ou
//! refusée ; [`Dossier::appliquer`] fait évoluer l'état à partir des événements acceptés.

mod commande;
mod conflit;
mod evenement;
mod numeros;
pub mod possibles;
pub mod rectification;
mod secret;
mod suite;
mod types;
pub mod workflow;

pub use commande::{Commande, Ouverture};
pub use conflit::Conflit;
pub use evenement::Evenement;
pub use numeros::Sorte;
pub use possibles::{possibles, Intention, Possibilite};
pub use rectification::{
    decider_rectification, entree_visee, journal_effectif, rectifications, resoudre_cibles,
    Correction, Rectification,
};
pub use secret::{
    categorie_de_famille, ACTION_CONFIDENTIELLE, ACTION_NON_PARTAGEE, SYNTHESE_NON_PARTAGEE,
};
pub use suite::{EtatJalon, Suite};
pub use types::*;
pub use workflow::{decider, reconduction_tres_anticipee, Contexte, Regles};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::date::{ajouter_mois, Jour};
use crate::domain::diagnostic::{Diagnostic, Volet};
use crate::domain::personne::Personne;
use crate::domain::professionnel::{Membre, Role};

/// Durée de l'accompagnement global avant toute reconduction.
pub const DUREE_INITIALE_MOIS: u32 = 12;
/// Durée maximale de l'unique reconduction.
pub const RECONDUCTION_MAX_MOIS: u32 = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    pub id: Uuid,
    pub personne: Personne,
    pub modalite: Modalite,
    pub initiative: Role,
    pub date_ouverture: Jour,
    pub conseiller: Option<Membre>,
    pub referent: Option<Membre>,
    /// Le protocole de désignation du référent, tel qu'il a été conduit.
    #[serde(default)]
    pub designation: Option<DesignationReferent>,
    pub diagnostics: Vec<Diagnostic>,
    pub fiches: Vec<FicheLiaison>,
    pub concertation: Option<Concertation>,
    pub actions: Vec<ActionCarnet>,
    /// Les ressources prescrites dès le diagnostic, avant toute décision.
    #[serde(default)]
    pub prescriptions_diagnostic: Vec<Prescription>,
    pub initialisation: Option<Jour>,
    /// Date de signature du contrat = date d'entrée.
    pub entree: Option<Jour>,
    pub reconduction: Option<Reconduction>,
    pub points: Vec<PointIntermediaire>,
    pub contacts: Vec<Contact>,
    pub social_exclusif: Option<SocialExclusif>,
    /// Les accompagnements sociaux exclusifs terminés par un retour en accompagnement global.
    #[serde(default)]
    pub periodes_social_exclusif: Vec<PeriodeSocialExclusif>,
    pub cloture: Option<Cloture>,
    /// Les consentements au partage, dans l'ordre ; le dernier, s'il n'est pas révoqué, est
    /// celui qui vaut.
    #[serde(default)]
    pub consentements: Vec<Consentement>,
    /// Qui a donné chaque accord des décisions conjointes (dans l'ordre du journal).
    #[serde(default)]
    pub accords: Vec<AccordsAttribues>,
    /// Les étapes uniques faites des deux côtés du binôme avant un échange.
    #[serde(default)]
    pub conflits: Vec<Conflit>,
    /// L'entrée vient d'un suivi antérieur à Binôme (import) : d'où.
    #[serde(default)]
    pub reprise: Option<String>,
    /// Nombre d'événements appliqués.
    pub version: u64,
}

impl Dossier {
    /// Les décisions conjointes dont un accord est encore attendu de l'autre installation :
    /// (décision, côté attendu). Une décision n'a d'effet plein qu'avec ses deux accords.
    pub fn accords_attendus(&self) -> Vec<(&str, Role)> {
        self.accords
            .iter()
            .filter_map(|a| a.attendu().map(|r| (a.decision.as_str(), r)))
            .collect()
    }

    /// Qui a donné les accords de la dernière décision de ce nom, s'ils sont attribués.
    pub fn accords_de(&self, decision: &str) -> Option<&AccordsAttribues> {
        self.accords.iter().rev().find(|a| a.decision == decision)
    }

    pub fn ouvert(o: &Ouverture) -> Dossier {
        Dossier {
            id: o.id,
            personne: o.personne.clone(),
            modalite: Modalite::AccompagnementGlobal,
            initiative: o.initiative,
            date_ouverture: o.date,
            conseiller: o.conseiller.clone(),
            referent: o.referent.clone(),
            designation: None,
            diagnostics: Vec::new(),
            fiches: Vec::new(),
            concertation: None,
            actions: Vec::new(),
            prescriptions_diagnostic: Vec::new(),
            initialisation: None,
            entree: None,
            reconduction: None,
            points: Vec::new(),
            contacts: Vec::new(),
            social_exclusif: None,
            periodes_social_exclusif: Vec::new(),
            cloture: None,
            consentements: Vec::new(),
            accords: Vec::new(),
            conflits: Vec::new(),
            reprise: None,
            version: 1,
        }
    }

    /// Reconstruit un dossier à partir de son journal, dans l'ordre, rectifications
    /// comprises ; la version reste le nombre d'entrées du journal.
    pub fn rejouer<'a>(evenements: impl IntoIterator<Item = &'a Evenement>) -> Option<Dossier> {
        let journal: Vec<&Evenement> = evenements.into_iter().collect();
        let n = journal.len();
        let rectifie = journal.iter().any(|e| matches!(e, Evenement::Rectifiee(_)));
        let copie: Vec<Evenement>;
        let effectif: Vec<&Evenement> = if rectifie {
            copie =
                journal_effectif(&journal.into_iter().cloned().collect::<Vec<_>>()).into_owned();
            copie.iter().collect()
        } else {
            journal
        };
        let mut it = effectif.iter();
        let mut dossier = match it.next()? {
            Evenement::DossierOuvert(o) => Dossier::ouvert(o),
            _ => return None,
        };
        let mut numeros = numeros::Numeros::default();
        for e in it {
            match numeros.resolu(e) {
                Some(x) => dossier.appliquer(&x),
                None => dossier.appliquer(e),
            }
        }
        dossier.version = n as u64;
        Some(dossier)
    }

    pub fn etape(&self) -> Etape {
        if self.cloture.is_some() {
            Etape::Cloture
        } else if self.social_exclusif.is_some() {
            Etape::SocialExclusif
        } else if self.entree.is_some() {
            Etape::Accompagnement
        } else {
            match self.concertation.as_ref().map(|c| &c.decision) {
                Some(Decision::Validation) => Etape::Valide,
                Some(Decision::Reorientation(c)) if *c != Cible::SocialExclusif => Etape::Reoriente,
                _ => Etape::Diagnostic,
            }
        }
    }

    /// L'objet attendu d'une nouvelle fiche de liaison : l'orientation d'abord, puis le
    /// retour de l'issue de la concertation, puis de l'information.
    pub fn objet_de_la_prochaine_fiche(&self) -> ObjetFiche {
        if !self
            .fiches
            .iter()
            .any(|f| f.objet == ObjetFiche::Orientation)
        {
            ObjetFiche::Orientation
        } else if self.concertation.is_some() && self.fiche_de_retour().is_none() {
            ObjetFiche::IssueConcertation
        } else {
            ObjetFiche::Information
        }
    }

    /// Après une réorientation : la fiche de liaison qui en retourne l'issue à l'autre
    /// professionnel (rédigée depuis la concertation), si elle existe.
    pub fn fiche_de_retour(&self) -> Option<&FicheLiaison> {
        let c = self.concertation.as_ref()?;
        self.fiches
            .iter()
            .find(|f| f.objet == ObjetFiche::IssueConcertation && f.date >= c.date)
    }

    pub fn membre(&self, role: Role) -> Option<&Membre> {
        match role {
            Role::Conseiller => self.conseiller.as_ref(),
            Role::Referent => self.referent.as_ref(),
        }
    }

    /// Le conseiller dédié n'est plus compétent pour la commune de résidence (la personne a
    /// déménagé hors de son périmètre) : un autre doit être désigné.
    pub fn conseiller_hors_perimetre(&self) -> bool {
        self.conseiller.as_ref().is_some_and(|c| {
            !c.perimetre.is_empty() && !c.perimetre.contains(&self.personne.commune)
        })
    }

    /// Date de l'entretien n°1 du volet (le premier diagnostic de ce volet).
    pub fn entretien_n1(&self, volet: Volet) -> Option<Jour> {
        self.diagnostics
            .iter()
            .find(|d| d.volet == volet)
            .map(|d| d.date)
    }

    pub fn fiche(&self, numero: u32) -> Option<&FicheLiaison> {
        self.fiches.iter().find(|f| f.numero == numero)
    }

    /// La fiche d'orientation retournée datée et signée, préalable à la concertation.
    pub fn orientation_retournee(&self) -> Option<Jour> {
        self.fiches
            .iter()
            .filter(|f| f.objet == ObjetFiche::Orientation)
            .filter_map(|f| f.retournee_le)
            .min()
    }

    pub fn duree_totale_mois(&self) -> u32 {
        DUREE_INITIALE_MOIS + self.reconduction.map_or(0, |r| r.mois)
    }

    /// Dernier jour de l'accompagnement (12 mois, ou 12 + reconduction), une fois entré.
    pub fn fin_prevue(&self) -> Option<Jour> {
        let entree = self.entree?;
        Some(fin_de_periode(entree, self.duree_totale_mois()))
    }

    /// Dernier jour de l'accompagnement social exclusif.
    pub fn fin_social_exclusif(&self) -> Option<Jour> {
        self.social_exclusif
            .map(|s| fin_de_periode(s.debut, s.mois))
    }

    /// Le terme de ce qui est en cours : accompagnement global (12 ou 18 mois) ou
    /// accompagnement social exclusif.
    /// Le consentement au partage qui vaut aujourd'hui : le dernier, s'il n'est pas révoqué.
    pub fn consentement(&self) -> Option<&Consentement> {
        self.consentements.last().filter(|c| c.revoque_le.is_none())
    }

    pub fn terme(&self) -> Option<Jour> {
        match self.modalite {
            Modalite::AccompagnementGlobal => self.fin_prevue(),
            Modalite::AccompagnementSocialExclusif => self.fin_social_exclusif(),
        }
    }

    /// La date la plus récente de tout ce qui est arrivé au dossier (une sortie ne peut
    /// pas la précéder). Les échéances et dates prévues n'en font pas partie.
    pub fn derniere_date(&self) -> Option<Jour> {
        let fiches = self
            .fiches
            .iter()
            .flat_map(|f| [Some(f.date), f.envoyee_le, f.retournee_le]);
        let points = self.points.iter().map(|p| p.tenu_le);
        [
            Some(self.date_ouverture),
            self.concertation.as_ref().map(|c| c.date),
            self.initialisation,
            self.entree,
            self.reconduction.map(|r| r.date),
            self.social_exclusif.map(|s| s.debut),
            self.periodes_social_exclusif.last().map(|p| p.retour),
        ]
        .into_iter()
        .chain(fiches)
        .chain(points)
        .chain(self.diagnostics.iter().map(|d| Some(d.date)))
        .chain(self.actions.iter().map(|a| Some(a.date)))
        .chain(self.contacts.iter().map(|c| Some(c.date)))
        .chain(self.prescriptions_diagnostic.iter().map(|p| Some(p.date)))
        .flatten()
        .max()
    }

    pub fn dernier_contact(&self) -> Option<Jour> {
        self.contacts.iter().map(|c| c.date).max()
    }

    pub fn appliquer(&mut self, e: &Evenement) {
        self.version += 1;
        if let Some(c) = self.conflit_avec(e) {
            self.conflits.push(c);
            return;
        }
        match e {
            Evenement::DossierOuvert(_) => {}
            Evenement::IdentiteModifiee(p) | Evenement::SituationChangee { personne: p, .. } => {
                self.personne = p.clone()
            }
            Evenement::MembreAffecte { membre, .. } => match membre.role {
                Role::Conseiller => self.conseiller = Some(membre.clone()),
                Role::Referent => self.referent = Some(membre.clone()),
            },
            Evenement::AgenceChangee { agence, .. } => self.personne.agence = agence.clone(),
            Evenement::DesignationEnregistree(d) => self.designation = Some(d.clone()),
            Evenement::DiagnosticEnregistre(d) => self.diagnostics.push(d.clone()),
            Evenement::FicheCreee(f) => self.fiches.push(f.clone()),
            Evenement::FicheEnvoyee {
                numero,
                date,
                fiche_id,
            } => {
                let vise = designe(*numero, *fiche_id);
                if let Some(f) = self.fiches.iter_mut().find(|f| vise(f.numero, f.id)) {
                    f.envoyee_le = Some(*date);
                }
            }
            Evenement::FicheRetournee {
                numero,
                date,
                commentaire,
                fiche_id,
            } => {
                let vise = designe(*numero, *fiche_id);
                if let Some(f) = self.fiches.iter_mut().find(|f| vise(f.numero, f.id)) {
                    f.retournee_le = Some(*date);
                    f.commentaire_retour = commentaire.clone();
                }
                self.clore_la_reorientation(*numero, *date);
            }
            Evenement::ConcertationTenue(c) => self.concertation = Some(c.clone()),
            Evenement::ActionAjoutee(a) => self.actions.push(a.clone()),
            Evenement::StatutActionChange {
                numero,
                statut,
                action_id,
                ..
            } => {
                let vise = designe(*numero, *action_id);
                if let Some(a) = self.actions.iter_mut().find(|a| vise(a.numero, a.id)) {
                    a.statut = *statut;
                }
            }
            Evenement::RessourcePrescrite {
                action,
                prescription,
                action_id,
            } => {
                let vise = designe(*action, *action_id);
                if let Some(a) = self.actions.iter_mut().find(|a| vise(a.numero, a.id)) {
                    a.prescriptions.push(prescription.clone());
                }
            }
            Evenement::RessourcePrescriteAuDiagnostic(p) => {
                self.prescriptions_diagnostic.push(p.clone())
            }
            Evenement::InitialisationRealisee { date } => self.initialisation = Some(*date),
            Evenement::ContratSigne { date } => self.entree = Some(*date),
            Evenement::EntreeReprise { date, origine } => {
                self.entree = Some(*date);
                self.reprise = Some(origine.clone());
            }
            Evenement::Reconduit(r) => self.reconduction = Some(*r),
            Evenement::PointPlanifie(p) => self.points.push(p.clone()),
            Evenement::PointTenu {
                numero,
                date,
                synthese,
                compte_rendu,
                point_id,
                numero_initial,
            } => match self
                .points
                .iter_mut()
                .find(|p| designe(*numero, *point_id)(p.numero, p.id))
            {
                Some(p) => {
                    p.tenu_le = Some(*date);
                    p.synthese = synthese.clone();
                    p.compte_rendu = compte_rendu.clone();
                }
                None => self.points.push(PointIntermediaire {
                    numero: *numero,
                    id: *point_id,
                    numero_initial: *numero_initial,
                    date_prevue: *date,
                    objet: String::new(),
                    tenu_le: Some(*date),
                    synthese: synthese.clone(),
                    compte_rendu: compte_rendu.clone(),
                }),
            },
            Evenement::ContactEnregistre(c) => self.contacts.push(c.clone()),
            Evenement::OrienteSocialExclusif(s) => {
                self.modalite = Modalite::AccompagnementSocialExclusif;
                self.social_exclusif = Some(*s);
            }
            Evenement::RetourAccompagnementGlobal { date } => {
                self.modalite = Modalite::AccompagnementGlobal;
                if let Some(ase) = self.social_exclusif.take() {
                    self.periodes_social_exclusif
                        .push(PeriodeSocialExclusif { ase, retour: *date });
                }
                // Sans entrée en accompagnement global, il faut une nouvelle concertation ;
                // l'ancienne reste au journal.
                if self.entree.is_none() {
                    self.concertation = None;
                }
            }
            Evenement::DossierCloture(c) => self.cloture = Some(c.clone()),
            // La trace reste au journal ; l'état du parcours n'en dépend pas.
            Evenement::DocumentImprime { .. } => {}
            Evenement::AccordsAttribues(a) => self.accords.push(a.clone()),
            Evenement::AccordDonne {
                decision,
                role,
                par,
                ..
            } => {
                let attendu = self
                    .accords
                    .iter_mut()
                    .rev()
                    .find(|a| a.decision == *decision && a.attendu() == Some(*role));
                if let Some(a) = attendu {
                    *a.de(*role) = par.clone();
                }
            }
            Evenement::ConflitsRevus { date } => {
                for c in self.conflits.iter_mut().filter(|c| c.revu_le.is_none()) {
                    c.revu_le = Some(*date);
                }
            }
            Evenement::ConsentementRecueilli(c) => self.consentements.push(c.clone()),
            Evenement::ConsentementRevoque { date } => {
                if let Some(c) = self.consentements.last_mut() {
                    c.revoque_le = Some(*date);
                }
            }
            // Une rectification change le passé : l'état se recalcule par `rejouer`.
            Evenement::Rectifiee(_) => {}
        }
    }
}

impl Dossier {
    /// Une réorientation dont l'issue vient d'être retournée (fiche datée signée) : le
    /// dossier se clôt, la réorientation pour motif, au jour du retour.
    fn clore_la_reorientation(&mut self, numero: u32, date: Jour) {
        if self.etape() != Etape::Reoriente
            || self.fiche_de_retour().map(|f| f.numero) != Some(numero)
        {
            return;
        }
        if let Some(Concertation {
            decision: Decision::Reorientation(cible),
            commentaire,
            ..
        }) = &self.concertation
        {
            self.cloture = Some(Cloture {
                date,
                motif: MotifSortie::Reorientation(cible.clone()),
                commentaire: commentaire.clone(),
            });
        }
    }
}

/// Dernier jour d'une période de `mois` mois commençant à `debut` : la veille du même
/// quantième (du 03/02/2026 pour 12 mois : jusqu'au 02/02/2027 inclus), ou le dernier jour
/// du mois quand ce quantième n'existe pas (du 29/02/2028 : jusqu'au 28/02/2029).
pub fn fin_de_periode(debut: Jour, mois: u32) -> Jour {
    use chrono::Datelike;
    let meme_quantieme = ajouter_mois(debut, mois);
    if meme_quantieme.day() == debut.day() {
        meme_quantieme.pred_opt().unwrap_or(debut)
    } else {
        meme_quantieme
    }
}

/// Ce que vise un événement : l'élément de son identifiant s'il en donne un et que
/// l'élément en a un, sinon celui de son numéro.
fn designe(numero: u32, id: Option<Uuid>) -> impl Fn(u32, Option<Uuid>) -> bool {
    move |n, i| match (id, i) {
        (Some(a), Some(b)) => a == b,
        _ => n == numero,
    }
}
