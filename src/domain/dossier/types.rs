//! Les éléments d'un dossier : fiches de liaison, concertation, carnet de route, suivi, sortie.

use serde::{Deserialize, Serialize};

use crate::domain::date::Jour;
use crate::domain::diagnostic::Volet;
use crate::domain::professionnel::Role;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Modalite {
    AccompagnementGlobal,
    /// Axe 3 : suivi social seul, accompagnement Pôle emploi suspendu (PNI 831).
    AccompagnementSocialExclusif,
}

impl Modalite {
    pub fn libelle(self) -> &'static str {
        match self {
            Modalite::AccompagnementGlobal => "Accompagnement global",
            Modalite::AccompagnementSocialExclusif => "Accompagnement social exclusif",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Modalite::AccompagnementGlobal => "AG",
            Modalite::AccompagnementSocialExclusif => "ASE",
        }
    }
}

/// L'étape du parcours, déduite du dossier (jamais stockée à part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Etape {
    /// Diagnostic partagé en cours : entretiens n°1, fiches de liaison, concertation.
    Diagnostic,
    /// Accompagnement validé en concertation ; carnet de route, entretien n°2, signature.
    Valide,
    /// Contrat signé : accompagnement global en cours.
    Accompagnement,
    /// Accompagnement social exclusif en cours.
    SocialExclusif,
    /// Réorienté en concertation (modalité Pôle emploi, autre structure) : le dossier se
    /// clôt quand l'issue est retournée à l'autre professionnel par une fiche de liaison.
    Reoriente,
    Cloture,
}

impl Etape {
    pub const TOUTES: [Etape; 6] = [
        Etape::Diagnostic,
        Etape::Valide,
        Etape::Reoriente,
        Etape::Accompagnement,
        Etape::SocialExclusif,
        Etape::Cloture,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            Etape::Diagnostic => "Diagnostic partagé en cours",
            Etape::Valide => "Validé, en attente de signature",
            Etape::Accompagnement => "En accompagnement global",
            Etape::SocialExclusif => "En accompagnement social exclusif",
            Etape::Reoriente => "Réorienté, retour d'information à faire",
            Etape::Cloture => "Clôturé",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Etape::Diagnostic => "diagnostic",
            Etape::Valide => "valide",
            Etape::Accompagnement => "accompagnement",
            Etape::SocialExclusif => "social_exclusif",
            Etape::Reoriente => "reoriente",
            Etape::Cloture => "cloture",
        }
    }

    pub fn depuis_code(code: &str) -> Option<Etape> {
        Etape::TOUTES.into_iter().find(|e| e.code() == code)
    }
}

/// L'accord des deux professionnels, exigé pour les décisions conjointes, et qui l'a donné.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Accord {
    pub conseiller: bool,
    pub referent: bool,
    /// Qui a donné l'accord du côté du conseiller dédié, et comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub par_conseiller: Option<Attestation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub par_referent: Option<Attestation>,
}

/// Comment un accord a été donné : par le professionnel connecté, par son partenaire venu
/// co-signer sur ce poste (mot de passe vérifié), reçu hors de Binôme (date et moyen), ou
/// attendu de l'installation du partenaire (il le donne sur son poste ; l'échange l'apporte).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attestation {
    Connecte {
        professionnel: Uuid,
        nom: String,
    },
    CoSignature {
        professionnel: Uuid,
        nom: String,
    },
    HorsBinome {
        le: Jour,
        moyen: String,
    },
    /// Demandé ce jour-là ; la décision ne prend effet qu'avec cet accord.
    AttenduParEchange {
        depuis: Jour,
    },
}

impl Attestation {
    pub fn libelle(&self) -> String {
        match self {
            Attestation::Connecte { nom, .. } => format!("{nom} (connecté à Binôme)"),
            Attestation::CoSignature { nom, .. } => {
                format!("{nom} (co-signature sur ce poste, mot de passe vérifié)")
            }
            Attestation::HorsBinome { le, moyen } => {
                format!("reçu hors Binôme le {} ({moyen})", le.format("%d/%m/%Y"))
            }
            Attestation::AttenduParEchange { depuis } => format!(
                "attendu de son poste par l'échange (demandé le {})",
                depuis.format("%d/%m/%Y")
            ),
        }
    }
}

/// Les deux accords d'une décision conjointe, attribués : ce que garde le journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccordsAttribues {
    /// La décision, en mots (« La décision du temps de concertation »…).
    pub decision: String,
    pub conseiller: Attestation,
    pub referent: Attestation,
}

impl AccordsAttribues {
    /// Le côté dont l'accord est encore attendu de son installation, s'il y en a un.
    pub fn attendu(&self) -> Option<Role> {
        let attendu = |a: &Attestation| matches!(a, Attestation::AttenduParEchange { .. });
        if attendu(&self.conseiller) {
            Some(Role::Conseiller)
        } else if attendu(&self.referent) {
            Some(Role::Referent)
        } else {
            None
        }
    }

    pub fn de(&mut self, role: Role) -> &mut Attestation {
        match role {
            Role::Conseiller => &mut self.conseiller,
            Role::Referent => &mut self.referent,
        }
    }
}

impl Accord {
    pub const CONJOINT: Accord = Accord {
        conseiller: true,
        referent: true,
        par_conseiller: None,
        par_referent: None,
    };

    /// Les deux accords attribués, s'ils le sont tous deux.
    pub fn attribues(&self, decision: &str) -> Option<AccordsAttribues> {
        match (&self.par_conseiller, &self.par_referent) {
            (Some(c), Some(r)) if self.conseiller && self.referent => Some(AccordsAttribues {
                decision: decision.to_string(),
                conseiller: c.clone(),
                referent: r.clone(),
            }),
            _ => None,
        }
    }

    /// Le côté dont l'accord manque, s'il y en a un.
    pub fn manque(&self) -> Option<Role> {
        if !self.conseiller {
            Some(Role::Conseiller)
        } else if !self.referent {
            Some(Role::Referent)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ObjetFiche {
    /// Orientation vers l'autre professionnel pour son entretien n°1.
    Orientation,
    /// Issue du temps de concertation, retournée à l'autre professionnel.
    IssueConcertation,
    /// Toute autre information utile au binôme.
    Information,
}

impl ObjetFiche {
    pub fn libelle(self) -> &'static str {
        match self {
            ObjetFiche::Orientation => "Orientation",
            ObjetFiche::IssueConcertation => "Issue du temps de concertation",
            ObjetFiche::Information => "Information",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheLiaison {
    pub numero: u32,
    /// L'identifiant de l'élément, donné à sa création : ce qui le vise le nomme, si bien
    /// qu'un numéro repris ailleurs (voir [`super::numeros`]) ne le fait pas confondre.
    /// Absent des éléments créés avant lui.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Le numéro qu'il avait à sa création, s'il a été renuméroté : l'autre poste avait
    /// créé le même numéro avant l'échange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_initial: Option<u32>,
    /// Qui l'adresse ; l'autre membre du binôme la reçoit.
    pub emetteur: Role,
    pub objet: ObjetFiche,
    pub date: Jour,
    pub motif: String,
    pub synthese: String,
    pub action_demandee: String,
    pub envoyee_le: Option<Jour>,
    /// Date du retour daté et signé.
    pub retournee_le: Option<Jour>,
    pub commentaire_retour: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cible {
    SocialExclusif,
    /// Modalités classiques de Pôle emploi (suivi, guidé, renforcé).
    ModalitePoleEmploi,
    AutreStructure(String),
}

impl Cible {
    pub fn libelle(&self) -> String {
        match self {
            Cible::SocialExclusif => "accompagnement social exclusif".into(),
            Cible::ModalitePoleEmploi => "modalité d'accompagnement France Travail".into(),
            Cible::AutreStructure(s) => format!("autre structure ({s})"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Validation,
    Reorientation(Cible),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concertation {
    pub date: Jour,
    pub decision: Decision,
    pub commentaire: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatutAction {
    AFaire,
    EnCours,
    Realisee,
    /// Non réalisée : pour une action sociale, cela ne peut entraîner aucune radiation.
    NonRealisee,
    Abandonnee,
}

impl StatutAction {
    pub fn libelle(self) -> &'static str {
        match self {
            StatutAction::AFaire => "à faire",
            StatutAction::EnCours => "en cours",
            StatutAction::Realisee => "réalisée",
            StatutAction::NonRealisee => "non réalisée",
            StatutAction::Abandonnee => "abandonnée",
        }
    }

    pub fn ouverte(self) -> bool {
        matches!(self, StatutAction::AFaire | StatutAction::EnCours)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionCarnet {
    pub numero: u32,
    /// L'identifiant de l'élément, donné à sa création : ce qui le vise le nomme, si bien
    /// qu'un numéro repris ailleurs (voir [`super::numeros`]) ne le fait pas confondre.
    /// Absent des éléments créés avant lui.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Le numéro qu'il avait à sa création, s'il a été renuméroté : l'autre poste avait
    /// créé le même numéro avant l'échange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_initial: Option<u32>,
    pub volet: Volet,
    pub libelle: String,
    pub porteur: Role,
    pub date: Jour,
    pub echeance: Option<Jour>,
    /// Besoin du référentiel des freins auquel l'action répond.
    pub besoin: Option<String>,
    pub statut: StatutAction,
    /// Ressources partenariales prescrites pour cette action.
    #[serde(default)]
    pub prescriptions: Vec<Prescription>,
}

/// Une ressource de la base partenariale prescrite à la personne (indicateur « taux et
/// nature des prescriptions »). Le nom est copié : la fiche de la ressource peut changer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prescription {
    pub ressource: String,
    pub nom: String,
    /// Besoin du référentiel des freins auquel la ressource répond ici.
    pub besoin: String,
    pub date: Jour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Canal {
    Entretien,
    Telephone,
    Courriel,
    Visio,
    Courrier,
    Atelier,
}

impl Canal {
    pub const TOUS: [Canal; 6] = [
        Canal::Entretien,
        Canal::Telephone,
        Canal::Courriel,
        Canal::Visio,
        Canal::Courrier,
        Canal::Atelier,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            Canal::Entretien => "entretien",
            Canal::Telephone => "téléphone",
            Canal::Courriel => "courriel",
            Canal::Visio => "visioconférence",
            Canal::Courrier => "courrier",
            Canal::Atelier => "atelier collectif",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub date: Jour,
    pub canal: Canal,
    /// Le professionnel qui a eu le contact (les contacts Pôle emploi sont un indicateur).
    pub role: Role,
    pub objet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointIntermediaire {
    pub numero: u32,
    /// L'identifiant de l'élément, donné à sa création : ce qui le vise le nomme, si bien
    /// qu'un numéro repris ailleurs (voir [`super::numeros`]) ne le fait pas confondre.
    /// Absent des éléments créés avant lui.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Le numéro qu'il avait à sa création, s'il a été renuméroté : l'autre poste avait
    /// créé le même numéro avant l'échange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_initial: Option<u32>,
    pub date_prevue: Jour,
    pub objet: String,
    pub tenu_le: Option<Jour>,
    pub synthese: String,
    #[serde(default)]
    pub compte_rendu: CompteRendu,
}

/// Qui était là à un point d'échanges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participants {
    pub personne: bool,
    pub conseiller: bool,
    pub referent: bool,
    /// D'autres professionnels, nommés.
    pub autres: String,
}

impl Participants {
    /// « la personne, le conseiller dédié, Mme X (CCAS) ».
    pub fn libelle(&self) -> String {
        let mut v: Vec<&str> = Vec::new();
        if self.personne {
            v.push("la personne");
        }
        if self.conseiller {
            v.push("le conseiller dédié");
        }
        if self.referent {
            v.push("le référent social");
        }
        let autres = self.autres.trim();
        if !autres.is_empty() {
            v.push(autres);
        }
        v.join(", ")
    }
}

/// Ce qu'un point d'échanges a réuni et décidé, et les actions du carnet qu'il concerne.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompteRendu {
    pub participants: Participants,
    pub decisions: String,
    pub actions: Vec<u32>,
    /// Les identifiants de ces actions, dans le même ordre, quand elles en ont tous.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconduction {
    pub date: Jour,
    pub mois: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialExclusif {
    pub debut: Jour,
    pub mois: u32,
    pub propose_par: Role,
    /// Proposé aussi par l'autre professionnel (« et/ou », article 1.3.3).
    #[serde(default)]
    pub coproposee: bool,
}

/// Un accompagnement social exclusif terminé par un retour en accompagnement global.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodeSocialExclusif {
    pub ase: SocialExclusif,
    pub retour: Jour,
}

impl SocialExclusif {
    /// Code du système d'information Pôle emploi : accompagnement suspendu.
    pub const CODE_PNI: &'static str = "831";
    /// Ce que la convention (article 1.3.3) dit de l'inscription pendant l'accompagnement
    /// social exclusif, mot pour mot : la fenêtre le montre tel quel.
    pub const CONDITION_INSCRIPTION: &'static str = "Durant cet accompagnement social exclusif, l’accompagnement professionnel de Pôle emploi est suspendu (Codification système d’information de Pôle emploi en PNI 831). Le demandeur d’emploi reste toutefois inscrit sur la liste de Pôle emploi sous réserve qu’il réponde aux obligations de tout demandeur d’emploi, notamment à celles liées à l’article L.5411-2 du code du travail en matière d’actualisation mensuelle. Le demandeur d’emploi sera informé que le maintien de son inscription n’est pas nécessaire sur la durée de cet accompagnement.";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MotifAnticipe {
    DifficultesResolues,
    AutreFormeAccompagnement,
    AggravationSituationSociale,
    AttitudeIrrespectueuse,
}

impl MotifAnticipe {
    pub const TOUS: [MotifAnticipe; 4] = [
        MotifAnticipe::DifficultesResolues,
        MotifAnticipe::AutreFormeAccompagnement,
        MotifAnticipe::AggravationSituationSociale,
        MotifAnticipe::AttitudeIrrespectueuse,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            MotifAnticipe::DifficultesResolues => {
                "difficultés sociales résolues ou significativement réduites"
            }
            MotifAnticipe::AutreFormeAccompagnement => {
                "les actions à mener nécessitent une autre forme d'accompagnement"
            }
            MotifAnticipe::AggravationSituationSociale => {
                "l'aggravation de la situation sociale ne permet plus d'agir sur le champ professionnel"
            }
            MotifAnticipe::AttitudeIrrespectueuse => {
                "attitude irrespectueuse ou incivilité envers le référent ou le conseiller"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MotifSortie {
    RetourEmploi,
    EntreeFormation,
    CessationInscription,
    /// Terme de 12 mois, ou de 18 mois au plus après reconduction.
    FinDeTerme,
    Autre(String),
    /// Décision conjointe des deux professionnels.
    Anticipee(MotifAnticipe),
    /// La personne peut demander à sortir à tout moment.
    DemandePersonne,
    /// Décidée en temps de concertation.
    Reorientation(Cible),
}

impl MotifSortie {
    pub fn libelle(&self) -> String {
        match self {
            MotifSortie::RetourEmploi => "Retour à l'emploi".into(),
            MotifSortie::EntreeFormation => "Entrée en formation".into(),
            MotifSortie::CessationInscription => "Cessation d'inscription".into(),
            MotifSortie::FinDeTerme => "Fin de terme".into(),
            MotifSortie::Autre(m) => format!("Autre motif : {m}"),
            MotifSortie::Anticipee(m) => format!("Sortie anticipée : {}", m.libelle()),
            MotifSortie::DemandePersonne => "À la demande de la personne".into(),
            MotifSortie::Reorientation(c) => format!("Réorientation vers {}", c.libelle()),
        }
    }

    /// Code stable pour les requêtes et les indicateurs.
    pub fn code(&self) -> &'static str {
        match self {
            MotifSortie::RetourEmploi => "emploi",
            MotifSortie::EntreeFormation => "formation",
            MotifSortie::CessationInscription => "cessation_inscription",
            MotifSortie::FinDeTerme => "fin_de_terme",
            MotifSortie::Autre(_) => "autre",
            MotifSortie::Anticipee(MotifAnticipe::DifficultesResolues) => "anticipee_resolues",
            MotifSortie::Anticipee(MotifAnticipe::AutreFormeAccompagnement) => {
                "anticipee_autre_forme"
            }
            MotifSortie::Anticipee(MotifAnticipe::AggravationSituationSociale) => {
                "anticipee_aggravation"
            }
            MotifSortie::Anticipee(MotifAnticipe::AttitudeIrrespectueuse) => "anticipee_incivilite",
            MotifSortie::DemandePersonne => "demande_personne",
            MotifSortie::Reorientation(_) => "reorientation",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cloture {
    pub date: Jour,
    pub motif: MotifSortie,
    pub commentaire: String,
}

/// La branche du protocole de désignation du référent social (annexe 2) qui a été suivie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BrancheDesignation {
    /// La personne a déjà un référent social : il forme le binôme.
    Continuite,
    /// Au RSA sans enfant mineur : le pôle d'insertion de la résidence.
    PoleInsertion,
    /// Avec enfant mineur à charge : la MDS de la résidence.
    Mds,
    /// Aucune ne peut : une structure en capacité, en accord avec le Département.
    AccordDepartement,
}

impl BrancheDesignation {
    pub const TOUTES: [BrancheDesignation; 4] = [
        BrancheDesignation::Continuite,
        BrancheDesignation::PoleInsertion,
        BrancheDesignation::Mds,
        BrancheDesignation::AccordDepartement,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            BrancheDesignation::Continuite => "Continuité : le référent social déjà identifié",
            BrancheDesignation::PoleInsertion => {
                "Pôle d'insertion de la résidence (RSA sans enfant mineur)"
            }
            BrancheDesignation::Mds => {
                "Maison de la solidarité de la résidence (enfant mineur à charge)"
            }
            BrancheDesignation::AccordDepartement => {
                "Autre structure en capacité, en accord avec le Département"
            }
        }
    }
}

/// L'accord du Département, exigé quand aucune structure du protocole ne peut désigner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccordDepartement {
    pub le: Jour,
    /// Qui l'a donné (nom et fonction).
    pub par: String,
}

/// La désignation du référent social telle qu'elle a été conduite : la structure contactée,
/// par quelle branche du protocole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignationReferent {
    pub date: Jour,
    pub branche: BrancheDesignation,
    /// Le code de la structure au référentiel, s'il y en a un.
    pub structure: Option<String>,
    pub nom_structure: String,
    pub accord: Option<AccordDepartement>,
}

/// Ce que la personne accepte que les deux professionnels partagent (CASF L121-6-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CategorieSecret {
    SituationProfessionnelle,
    SyntheseSociale,
    Sante,
    Logement,
    Budget,
    Justice,
    Famille,
}

impl CategorieSecret {
    pub const TOUTES: [CategorieSecret; 7] = [
        CategorieSecret::SituationProfessionnelle,
        CategorieSecret::SyntheseSociale,
        CategorieSecret::Sante,
        CategorieSecret::Logement,
        CategorieSecret::Budget,
        CategorieSecret::Justice,
        CategorieSecret::Famille,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            CategorieSecret::SituationProfessionnelle => "situation professionnelle",
            CategorieSecret::SyntheseSociale => "synthèse de la situation sociale",
            CategorieSecret::Sante => "santé",
            CategorieSecret::Logement => "logement",
            CategorieSecret::Budget => "budget et dettes",
            CategorieSecret::Justice => "justice",
            CategorieSecret::Famille => "famille",
        }
    }

    /// Le mot de la ligne de commande.
    pub fn code(self) -> &'static str {
        match self {
            CategorieSecret::SituationProfessionnelle => "professionnelle",
            CategorieSecret::SyntheseSociale => "synthese-sociale",
            CategorieSecret::Sante => "sante",
            CategorieSecret::Logement => "logement",
            CategorieSecret::Budget => "budget",
            CategorieSecret::Justice => "justice",
            CategorieSecret::Famille => "famille",
        }
    }

    pub fn depuis_code(code: &str) -> Option<CategorieSecret> {
        CategorieSecret::TOUTES
            .into_iter()
            .find(|c| c.code() == code.trim())
    }
}

/// Comment le consentement a été recueilli.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoyenConsentement {
    ContratSigne,
    FormulaireEcrit,
    OralNote,
}

impl MoyenConsentement {
    pub const TOUS: [MoyenConsentement; 3] = [
        MoyenConsentement::ContratSigne,
        MoyenConsentement::FormulaireEcrit,
        MoyenConsentement::OralNote,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            MoyenConsentement::ContratSigne => "contrat d'accompagnement signé",
            MoyenConsentement::FormulaireEcrit => "formulaire écrit",
            MoyenConsentement::OralNote => "accord oral, noté",
        }
    }
}

/// Le consentement de la personne au partage entre les deux professionnels : daté, avec
/// son moyen, sa portée (les catégories) et le document qui le porte s'il y en a un ;
/// révocable à tout moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consentement {
    pub date: Jour,
    pub moyen: MoyenConsentement,
    pub categories: Vec<CategorieSecret>,
    pub document: Option<String>,
    #[serde(default)]
    pub revoque_le: Option<Jour>,
}

impl Consentement {
    /// « santé, logement » : la portée, en toutes lettres.
    pub fn portee(&self) -> String {
        CategorieSecret::TOUTES
            .into_iter()
            .filter(|c| self.categories.contains(c))
            .map(CategorieSecret::libelle)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
