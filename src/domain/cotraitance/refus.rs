//! Ce que l'accord-cadre interdit, avec un message qui dit quoi faire.

use crate::domain::date::{date_fr, Jour};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefusCotraitance {
    #[error("{action} revient à {attendu}, pas à {par}.")]
    Acteur {
        action: &'static str,
        attendu: &'static str,
        par: &'static str,
    },

    #[error("Le jeune a eu 26 ans le {} : la cotraitance s'adresse aux moins de 26 ans à la date d'affectation.", date_fr(*.anniversaire))]
    TropAge { anniversaire: Jour },

    #[error("Seuls les jeunes positionnés sur le parcours « accompagnement » de Pôle emploi sont affectés en cotraitance : changez d'abord son parcours.")]
    ParcoursNonAccompagnement,

    #[error("Cochez au moins un critère d'affectation (projet, situation personnelle, repères et réseau, qualification, ou un critère régional).")]
    SansCritere,

    #[error("Le critère régional « {0} » n'est pas dans les règles de ce poste.")]
    CritereInconnu(String),

    #[error("Le jeune est déjà accompagné par {0} : pas de double accompagnement. Vérifiez avec lui, et n'affectez qu'une fois cet accompagnement terminé.")]
    DejaAccompagne(String),

    #[error("Le jeune est déjà suivi par la mission locale ({0}) : il est maintenu dans ce dispositif, sans affectation en cotraitance.")]
    MaintenuDansSonDispositif(String),

    #[error("Le jeune a un dossier d'accompagnement global en cours : il est déjà accompagné par un binôme. Clôturez ce dossier avant d'affecter.")]
    AccompagnementGlobalEnCours,

    #[error("Le jeune est en CIVIS : l'affectation évite un double suivi, il reste en CIVIS et n'est ni compté ni financé au titre de la cotraitance. Confirmez pour affecter.")]
    CivisAConfirmer,

    #[error("« {0} » n'est pas une mission locale du référentiel de ce poste.")]
    MissionLocaleInconnue(String),

    #[error("La commune du jeune ({commune}) n'est pas dans le territoire de {mission_locale} : affectez-le à la mission locale de sa commune.")]
    HorsTerritoire {
        commune: String,
        mission_locale: String,
    },

    #[error("La date du {} est dans le futur : une étape se date au jour où elle a eu lieu.", date_fr(*.date))]
    DateFuture { date: Jour },

    #[error("La date du {} précède {quoi} ({}) : vérifiez la date.", date_fr(*.date), date_fr(*.reference))]
    DateAnterieure {
        date: Jour,
        quoi: &'static str,
        reference: Jour,
    },

    #[error("« {action} » n'est pas possible : le jeune est en état « {etat} ».")]
    Etat { action: &'static str, etat: String },

    #[error("{0} est déjà enregistrée.")]
    DejaFait(&'static str),

    #[error(
        "Aucune alerte à décider : la mission locale n'en a pas levé, ou elle est déjà décidée."
    )]
    AucuneAlerte,

    #[error("Une alerte est déjà ouverte (levée le {}) : Pôle emploi la décide avant qu'une autre soit levée.", date_fr(*.levee))]
    AlerteDejaOuverte { levee: Jour },

    #[error("Le statut d'inscription est déjà « {0} ».")]
    StatutInchange(&'static str),

    #[error("La période d'indisponibilité finit avant de commencer : vérifiez les dates.")]
    PeriodeInversee,

    #[error("Un emploi temporaire de deux mois ou plus ne dispense pas de l'entretien mensuel : notez-le comme une étape de la situation, pas comme une indisponibilité.")]
    EmploiTropLong,

    #[error("La commune {commune} est dans le territoire de {mission_locale} : un déménagement dans le territoire ne met pas fin à la cotraitance.")]
    DemenagementDansLeTerritoire {
        commune: String,
        mission_locale: String,
    },

    #[error("Ce motif ne se décide pas directement : {0}.")]
    MotifNonDecidable(&'static str),

    #[error("Indiquez {0}.")]
    Manquant(&'static str),
}
