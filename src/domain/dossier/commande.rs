//! Ce qu'un professionnel demande de faire sur un dossier. Le domaine accepte (en
//! produisant un événement) ou refuse (avec un [`Refus`](crate::domain::Refus)).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::types::{
    Accord, Canal, CompteRendu, Consentement, Decision, DesignationReferent, MotifSortie,
    ObjetFiche, Prescription, StatutAction,
};
use crate::domain::date::Jour;
use crate::domain::diagnostic::{Diagnostic, Volet};
use crate::domain::personne::Personne;
use crate::domain::professionnel::{Membre, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ouverture {
    pub id: Uuid,
    pub personne: Personne,
    /// Réciprocité : le conseiller dédié comme le référent social peut prendre l'initiative.
    pub initiative: Role,
    /// Le tiers qui a prescrit le diagnostic (un partenaire), s'il y en a un : la
    /// prescription compte alors comme « autre » dans les indicateurs.
    #[serde(default)]
    pub prescripteur: Option<String>,
    pub date: Jour,
    pub conseiller: Option<Membre>,
    pub referent: Option<Membre>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Commande {
    Ouvrir(Ouverture),
    /// Identité, coordonnées, commune, RSA, enfant mineur : ce qui change en cours de
    /// parcours, daté du jour où c'est arrivé (le RSA compte à partir de cette date).
    ChangerSituation {
        personne: Personne,
        date: Jour,
    },
    /// Le protocole de désignation du référent social : la structure contactée.
    EnregistrerDesignation(DesignationReferent),
    AffecterMembre {
        membre: Membre,
        date: Jour,
    },
    ChangerAgence {
        agence: String,
        date: Jour,
    },
    /// Entretien n°1 d'un volet, puis actualisations du diagnostic.
    EnregistrerDiagnostic(Diagnostic),
    CreerFiche {
        emetteur: Role,
        objet: ObjetFiche,
        date: Jour,
        motif: String,
        synthese: String,
        action_demandee: String,
    },
    EnvoyerFiche {
        numero: u32,
        date: Jour,
    },
    EnregistrerRetourFiche {
        numero: u32,
        date: Jour,
        /// La convention veut un retour « daté signé ».
        signee: bool,
        commentaire: String,
    },
    TenirConcertation {
        date: Jour,
        decision: Decision,
        accord: Accord,
        commentaire: String,
    },
    AjouterAction {
        volet: Volet,
        libelle: String,
        porteur: Role,
        date: Jour,
        echeance: Option<Jour>,
        besoin: Option<String>,
    },
    ChangerStatutAction {
        numero: u32,
        statut: StatutAction,
        date: Jour,
    },
    /// Prescrire une ressource de la base partenariale pour une action du carnet.
    PrescrireRessource {
        action: u32,
        prescription: Prescription,
    },
    /// Prescrire une ressource dès le diagnostic, avant toute décision (une personne
    /// réorientée en bénéficie aussi).
    PrescrireAuDiagnostic(Prescription),
    /// Entretien n°2 d'initialisation, avec le conseiller dédié.
    RealiserInitialisation {
        date: Jour,
    },
    /// Signature du contrat d'accompagnement par la personne : c'est l'entrée.
    SignerContrat {
        date: Jour,
    },
    /// Un accompagnement commencé avant Binôme (reprise d'un tableau de suivi) : l'entrée à
    /// sa date, sans le diagnostic ni le carnet, restés dans l'ancien suivi. `origine` dit
    /// d'où elle vient (le fichier importé).
    ReprendreEntree {
        date: Jour,
        origine: String,
    },
    Reconduire {
        date: Jour,
        mois: u32,
        accord: Accord,
    },
    PlanifierPoint {
        date_prevue: Jour,
        objet: String,
    },
    /// `numero` : le point planifié qui a lieu ; `None` pour un point non planifié.
    TenirPoint {
        numero: Option<u32>,
        date: Jour,
        synthese: String,
        compte_rendu: CompteRendu,
    },
    EnregistrerContact {
        date: Jour,
        canal: Canal,
        role: Role,
        objet: String,
    },
    /// Depuis le diagnostic, ou en cours d'accompagnement global quand la situation sociale
    /// s'aggrave (décision conjointe).
    OrienterSocialExclusif {
        date: Jour,
        adhesion: bool,
        mois: u32,
        propose_par: Role,
        coproposee: bool,
        accord: Accord,
    },
    /// Les freins sont levés : retour en accompagnement global (décision conjointe).
    RevenirAccompagnementGlobal {
        date: Jour,
        accord: Accord,
    },
    Cloturer {
        date: Jour,
        motif: MotifSortie,
        accord: Accord,
        commentaire: String,
    },
    /// Rectifier une entrée du journal (voir `rectification`) : décidé sur le journal entier.
    Rectifier {
        cible: u64,
        correction: super::rectification::Correction,
        motif: String,
    },
    /// Le consentement de la personne au partage, avec sa portée.
    RecueillirConsentement(Consentement),
    /// La personne retire son consentement : rien ne se partage plus à partir de cette date.
    RevoquerConsentement {
        date: Jour,
    },
    /// Le professionnel connecté donne, sur son poste, l'accord que son partenaire attend
    /// pour une décision conjointe prise sur l'autre installation (possible après la clôture).
    DonnerAccord {
        decision: String,
        date: Jour,
        par: super::Attestation,
    },
    /// Les deux professionnels ont revu ensemble les étapes faites des deux côtés (conflits
    /// de l'échange) : elles ne sont plus signalées (possible aussi après la clôture).
    RevoirConflits {
        date: Jour,
    },
    /// Trace d'un document imprimé (possible aussi après la clôture : fiche de sortie).
    NoterImpression {
        document: String,
        date: Jour,
    },
}

/// Le nom de la décision du temps de concertation, tel que les accords le gardent.
pub const DECISION_CONCERTATION: &str = "La décision du temps de concertation";

impl Commande {
    /// L'accord de la décision conjointe que porte la commande, et la décision en mots.
    pub fn accord(&self) -> Option<(&Accord, &'static str)> {
        match self {
            Commande::TenirConcertation { accord, .. } => Some((accord, DECISION_CONCERTATION)),
            Commande::Reconduire { accord, .. } => Some((accord, "La reconduction")),
            Commande::OrienterSocialExclusif { accord, .. } => {
                Some((accord, "Le passage en accompagnement social exclusif"))
            }
            Commande::RevenirAccompagnementGlobal { accord, .. } => {
                Some((accord, "Le retour en accompagnement global"))
            }
            Commande::Cloturer { accord, .. } => Some((accord, "La sortie")),
            _ => None,
        }
    }

    pub fn accord_mut(&mut self) -> Option<&mut Accord> {
        match self {
            Commande::TenirConcertation { accord, .. }
            | Commande::Reconduire { accord, .. }
            | Commande::OrienterSocialExclusif { accord, .. }
            | Commande::RevenirAccompagnementGlobal { accord, .. }
            | Commande::Cloturer { accord, .. } => Some(accord),
            _ => None,
        }
    }

    /// Le nom de l'action, tel que l'interface l'affiche.
    pub fn action(&self) -> &'static str {
        match self {
            Commande::Ouvrir(_) => "Ouvrir le dossier",
            Commande::ChangerSituation { .. } => "Changer la situation",
            Commande::EnregistrerDesignation(_) => "Enregistrer la désignation du référent",
            Commande::AffecterMembre { .. } => "Constituer le binôme",
            Commande::ChangerAgence { .. } => "Changer d'agence",
            Commande::EnregistrerDiagnostic(_) => "Enregistrer le diagnostic",
            Commande::CreerFiche { .. } => "Rédiger une fiche de liaison",
            Commande::EnvoyerFiche { .. } => "Envoyer la fiche de liaison",
            Commande::EnregistrerRetourFiche { .. } => {
                "Enregistrer le retour de la fiche de liaison"
            }
            Commande::TenirConcertation { .. } => "Enregistrer le temps de concertation",
            Commande::AjouterAction { .. } => "Ajouter une action au carnet de route",
            Commande::ChangerStatutAction { .. } => "Mettre à jour une action",
            Commande::PrescrireRessource { .. } => "Prescrire une ressource",
            Commande::PrescrireAuDiagnostic(_) => "Prescrire une ressource au diagnostic",
            Commande::RealiserInitialisation { .. } => "Enregistrer l'entretien d'initialisation",
            Commande::SignerContrat { .. } => "Signer le contrat",
            Commande::ReprendreEntree { .. } => "Reprendre l'entrée d'un suivi antérieur",
            Commande::Reconduire { .. } => "Reconduire l'accompagnement",
            Commande::PlanifierPoint { .. } => "Planifier un point d'échanges",
            Commande::TenirPoint { .. } => "Enregistrer un point d'échanges",
            Commande::EnregistrerContact { .. } => "Enregistrer un contact",
            Commande::OrienterSocialExclusif { .. } => "Orienter en accompagnement social exclusif",
            Commande::RevenirAccompagnementGlobal { .. } => "Revenir en accompagnement global",
            Commande::Cloturer { .. } => "Clôturer le dossier",
            Commande::NoterImpression { .. } => "Imprimer un document",
            Commande::RevoirConflits { .. } => "Marquer les conflits revus",
            Commande::DonnerAccord { .. } => "Donner son accord",
            Commande::RecueillirConsentement(_) => "Recueillir le consentement",
            Commande::RevoquerConsentement { .. } => "Révoquer le consentement",
            Commande::Rectifier { .. } => "Rectifier une entrée",
        }
    }
}
