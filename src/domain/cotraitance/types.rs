//! Les mots de la cotraitance, tels que l'accord-cadre Pôle emploi / missions locales
//! les emploie.

use serde::{Deserialize, Serialize};

use crate::domain::date::Jour;

/// Qui agit : Pôle emploi affecte, arbitre les alertes et décide toute sortie ; la mission
/// locale accepte (son responsable de la cotraitance) et suit (le référent unique).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Acteur {
    ConseillerPoleEmploi,
    ResponsableCotraitance,
    ReferentUnique,
}

impl Acteur {
    pub fn libelle(self) -> &'static str {
        match self {
            Acteur::ConseillerPoleEmploi => "le conseiller Pôle emploi",
            Acteur::ResponsableCotraitance => {
                "le responsable de la cotraitance de la mission locale"
            }
            Acteur::ReferentUnique => "le référent unique de la mission locale",
        }
    }

    pub fn est_mission_locale(self) -> bool {
        self != Acteur::ConseillerPoleEmploi
    }
}

/// Un critère d'affectation. Les quatre de l'accord-cadre (5.1) sont fixes ; une région en
/// ajoute par les règles (`Regles::criteres_regionaux`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Critere {
    /// Un projet professionnel mal défini ou en inadéquation avec le marché du travail.
    ProjetMalDefini,
    /// Une situation personnelle susceptible d'être un frein à l'accès ou au maintien dans
    /// l'emploi.
    SituationPersonnelle,
    /// Une absence de repère ou de réseau, ou un découragement par les échecs successifs.
    SansRepereNiReseau,
    /// Un niveau de qualification insuffisant au regard du projet professionnel.
    QualificationInsuffisante,
    /// Un critère ajouté par la région : son code dans les règles.
    Regional(String),
}

impl Critere {
    pub const ACCORD: [Critere; 4] = [
        Critere::ProjetMalDefini,
        Critere::SituationPersonnelle,
        Critere::SansRepereNiReseau,
        Critere::QualificationInsuffisante,
    ];

    pub fn libelle(&self) -> &str {
        match self {
            Critere::ProjetMalDefini => {
                "projet professionnel mal défini ou en inadéquation avec le marché du travail"
            }
            Critere::SituationPersonnelle => {
                "situation personnelle susceptible de freiner l'accès ou le maintien dans l'emploi"
            }
            Critere::SansRepereNiReseau => {
                "absence de repère ou de réseau, ou découragement par les échecs successifs"
            }
            Critere::QualificationInsuffisante => {
                "niveau de qualification insuffisant au regard du projet professionnel"
            }
            Critere::Regional(code) => code,
        }
    }
}

/// Le parcours du demandeur d'emploi à Pôle emploi : seul « accompagnement » ouvre la
/// cotraitance (5.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParcoursPoleEmploi {
    Accompagnement,
    Autre,
}

/// Ce qui suit déjà le jeune au moment de l'affectation (5.3.1 et 5.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuiviExistant {
    Aucun,
    /// En CIVIS à la mission locale : l'affectation évite un double suivi, le jeune reste en
    /// CIVIS et n'est ni compté ni financé au titre de la cotraitance.
    Civis,
    /// Un autre dispositif national à la mission locale : le jeune y est maintenu.
    DispositifMissionLocale(String),
    /// Un autre partenaire (cotraitant, prestataire) : pas de double accompagnement.
    AutrePartenaire(String),
    /// Un dossier d'accompagnement global en cours.
    AccompagnementGlobal,
}

/// Le statut d'inscription à Pôle emploi, daté : il fait les états.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatutInscription {
    Inscrit,
    Radie,
    /// Cessation d'inscription (fin de droits, reprise d'emploi non déclarée…).
    Cessation,
}

impl StatutInscription {
    pub fn libelle(self) -> &'static str {
        match self {
            StatutInscription::Inscrit => "inscrit",
            StatutInscription::Radie => "radié",
            StatutInscription::Cessation => "en cessation d'inscription",
        }
    }
}

/// Le premier contact avec la mission locale, qui initialise le parcours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PremierContact {
    Atelier,
    EntretienIndividuel,
    EntretienCollectif,
}

/// Pourquoi la mission locale lève une alerte (annexe 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MotifAlerte {
    Difficulte,
    Evenement,
    /// Un manquement aux obligations du PPAE (loi du 1er août 2008).
    Manquement,
    /// Un mois sans entretien, hors périodes d'exemption.
    EntretienMensuelManque,
}

impl MotifAlerte {
    pub fn libelle(self) -> &'static str {
        match self {
            MotifAlerte::Difficulte => "difficulté dans l'accompagnement",
            MotifAlerte::Evenement => "événement relatif à l'accompagnement ou à la situation",
            MotifAlerte::Manquement => "manquement aux obligations du PPAE",
            MotifAlerte::EntretienMensuelManque => "un mois sans entretien",
        }
    }
}

/// Ce qui accompagne un maintien en cotraitance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuiteMaintien {
    NouvelleOrientation,
    RappelDesObligations,
    MiseAJourDeLaSituation,
}

/// La décision de Pôle emploi sur une alerte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionAlerte {
    /// Le jeune reste en cotraitance : actif ou en suspension selon son inscription.
    Maintien(SuiteMaintien),
    /// Réorienté vers un autre partenaire.
    Reorientation { partenaire: String },
    /// Repris par Pôle emploi dans le suivi mensuel personnalisé.
    RetourSuiviMensuel,
}

impl DecisionAlerte {
    pub fn libelle(&self) -> String {
        match self {
            DecisionAlerte::Maintien(suite) => format!(
                "maintien en cotraitance ({})",
                match suite {
                    SuiteMaintien::NouvelleOrientation => "nouvelle orientation du parcours",
                    SuiteMaintien::RappelDesObligations => "rappel des obligations",
                    SuiteMaintien::MiseAJourDeLaSituation => "mise à jour de la situation",
                }
            ),
            DecisionAlerte::Reorientation { partenaire } => {
                format!("sortie : réorientation vers {partenaire}")
            }
            DecisionAlerte::RetourSuiviMensuel => {
                "sortie : retour au suivi mensuel personnalisé de Pôle emploi".into()
            }
        }
    }
}

/// Une période où l'entretien mensuel n'est pas dû (5.3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Indisponibilite {
    Stage,
    Formation,
    /// Un emploi temporaire de moins de deux mois.
    EmploiTemporaire,
    Prestation,
    /// Toute autre situation particulière mais temporaire.
    Temporaire,
}

impl Indisponibilite {
    pub fn libelle(self) -> &'static str {
        match self {
            Indisponibilite::Stage => "stage",
            Indisponibilite::Formation => "formation",
            Indisponibilite::EmploiTemporaire => "emploi temporaire de moins de deux mois",
            Indisponibilite::Prestation => "prestation",
            Indisponibilite::Temporaire => "indisponibilité temporaire",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periode {
    pub debut: Jour,
    pub fin: Jour,
    pub motif: Indisponibilite,
}

/// Pourquoi la cotraitance finit : chaque motif a son code pour les indicateurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MotifSortie {
    /// Radié après l'acceptation, avant l'initialisation : « fin de cotraitance anticipée ».
    FinAnticipee,
    /// Plus de six mois continus de suspension.
    SuspensionSixMois,
    /// La veille du 26e anniversaire.
    VingtSixAns,
    /// Affecté dans sa 26e année : un an au plus.
    UnAnApresAffectation,
    /// Parti hors du territoire de la mission locale.
    Demenagement,
    /// Décision sur une alerte : vers un autre partenaire.
    Reorientation { partenaire: String },
    /// Décision sur une alerte : retour au suivi mensuel personnalisé de Pôle emploi.
    RetourSuiviMensuel,
    /// Décidée par Pôle emploi : reprise d'emploi durable.
    RetourEmploi,
}

impl MotifSortie {
    pub fn code(&self) -> &'static str {
        match self {
            MotifSortie::FinAnticipee => "fin_anticipee",
            MotifSortie::SuspensionSixMois => "suspension_6_mois",
            MotifSortie::VingtSixAns => "26_ans",
            MotifSortie::UnAnApresAffectation => "un_an_apres_affectation",
            MotifSortie::Demenagement => "demenagement",
            MotifSortie::Reorientation { .. } => "reorientation",
            MotifSortie::RetourSuiviMensuel => "retour_suivi_mensuel",
            MotifSortie::RetourEmploi => "retour_emploi",
        }
    }

    pub fn libelle(&self) -> String {
        match self {
            MotifSortie::FinAnticipee => {
                "fin de cotraitance anticipée (radié avant l'initialisation)".into()
            }
            MotifSortie::SuspensionSixMois => "plus de six mois continus de suspension".into(),
            MotifSortie::VingtSixAns => "veille du 26e anniversaire".into(),
            MotifSortie::UnAnApresAffectation => "un an après une affectation à 25 ans".into(),
            MotifSortie::Demenagement => {
                "déménagement hors du territoire de la mission locale".into()
            }
            MotifSortie::Reorientation { partenaire } => format!("réorientation vers {partenaire}"),
            MotifSortie::RetourSuiviMensuel => "retour au suivi mensuel de Pôle emploi".into(),
            MotifSortie::RetourEmploi => "retour à l'emploi".into(),
        }
    }

    /// Une sortie que le temps fait seul, sans décision.
    pub fn est_automatique(&self) -> bool {
        matches!(
            self,
            MotifSortie::FinAnticipee
                | MotifSortie::SuspensionSixMois
                | MotifSortie::VingtSixAns
                | MotifSortie::UnAnApresAffectation
        )
    }
}

/// La sortie : son motif et le dernier jour de cotraitance (le jeune n'est plus suivi
/// au titre de la cotraitance le lendemain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sortie {
    pub dernier_jour: Jour,
    pub motif: MotifSortie,
}

/// Où en est le jeune un jour donné.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Etat {
    Affecte,
    Accepte,
    /// Inscrit, sans alerte ouverte.
    Actif,
    /// Une alerte levée par la mission locale attend la décision de Pôle emploi.
    Alerte,
    /// Radié ou en cessation d'inscription ; `alerte` : une alerte reste à décider.
    Suspension {
        alerte: bool,
    },
    /// Radié avant l'acceptation et l'initialisation : l'affectation est annulée.
    Annule,
    Sorti(MotifSortie),
}

impl Etat {
    pub fn libelle(&self) -> String {
        match self {
            Etat::Affecte => "affecté".into(),
            Etat::Accepte => "accepté".into(),
            Etat::Actif => "accompagnement actif".into(),
            Etat::Alerte => "alerte de cotraitance".into(),
            Etat::Suspension { alerte: false } => "suspension de la cotraitance".into(),
            Etat::Suspension { alerte: true } => {
                "suspension de la cotraitance (alerte à décider)".into()
            }
            Etat::Annule => "affectation annulée".into(),
            Etat::Sorti(m) => format!("sorti : {}", m.libelle()),
        }
    }

    pub fn en_cours(&self) -> bool {
        !matches!(self, Etat::Annule | Etat::Sorti(_))
    }
}
