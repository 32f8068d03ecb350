//! Tout ce que la convention interdit, avec un message qui dit quoi faire.

use super::date::{date_fr, Jour};
use super::personne::ErreurChamp;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refus {
    #[error("Le consentement doit dire ce que la personne accepte de partager : cochez au moins une catégorie (situation professionnelle, synthèse sociale, santé, logement, budget et dettes, justice, famille).")]
    ConsentementSansPortee,

    #[error("Aucun consentement en cours à révoquer : la personne n'en a pas donné, ou l'a déjà retiré.")]
    AucunConsentement,

    #[error("Aucun conflit à revoir dans ce dossier : rien n'a été enregistré des deux côtés du binôme.")]
    AucunConflitARevoir,

    #[error("Aucun accord n'est attendu de vous pour cette décision : elle a déjà ses deux accords, ou vous n'êtes pas le membre du binôme dont l'accord manque.")]
    AccordSansAttente,

    #[error("Pour demander l'accord du {role} par l'échange, sa carte de binôme doit être importée et vérifiée (Échange binôme) : sinon son accord ne pourrait pas vous parvenir.")]
    AccordParEchangeSansCarte { role: &'static str },

    #[error("{decision} attend encore l'accord du {role}, qui le donne sur son poste : elle prendra effet quand l'échange l'apportera (« Recevoir » dans Échange binôme).")]
    AccordAttendu {
        decision: &'static str,
        role: &'static str,
    },

    #[error("Le dossier est clôturé depuis le {} : il ne peut plus être modifié. Ouvrez un nouveau dossier si la personne revient.", date_fr(*.depuis))]
    DossierCloture { depuis: Jour },

    #[error("{quoi} est déjà enregistré (le {}).", date_fr(*.le))]
    DejaFait { quoi: &'static str, le: Jour },

    #[error("Le référent social est déjà désigné ({nom}) : la désignation n'a plus lieu d'être.")]
    ReferentDejaDesigne { nom: String },

    #[error("{0}")]
    BrancheDesignation(&'static str),

    #[error("Sans structure du protocole, le référent est identifié en accord avec le Département : indiquez qui a donné cet accord et à quelle date.")]
    AccordDepartementManquant,

    #[error("L'entrée n° {numero} n'existe pas dans la chronologie de ce dossier.")]
    EntreeInconnue { numero: u64 },

    #[error("L'entrée n° {numero} a déjà été rectifiée : rectifiez sa dernière rectification (entrée n° {derniere}).")]
    DejaRectifiee { numero: u64, derniere: u64 },

    #[error("« {entree} » ne se rectifie pas ainsi : on rectifie la date d'une étape, la décision d'un temps de concertation, ou l'on annule une clôture enregistrée par erreur.")]
    RectificationImpossible { entree: String },

    #[error("Le dossier est clôturé depuis le {} : passé {jours} jours, il ne se rectifie plus. Ouvrez un nouveau dossier si la personne revient.", date_fr(*.cloture))]
    RectificationTardive { cloture: Jour, jours: i64 },

    #[error("Une rectification se décide sur le journal entier du dossier.")]
    RectificationHorsJournal,

    #[error("Prescrire au diagnostic suppose un premier entretien (n°1) enregistré : enregistrez-le d'abord.")]
    SansDiagnostic,

    #[error("Ce dossier est déjà ouvert.")]
    DejaOuvert,

    #[error("Rien n'a changé : modifiez au moins un champ.")]
    AucunChangement,

    #[error("Ce dossier n'existe pas encore : commencez par l'ouvrir.")]
    NonOuvert,

    #[error("La personne a déjà un dossier en cours (identifiant France Travail {identifiant}) : reprenez ce dossier plutôt que d'en ouvrir un second.")]
    DossierEnCours { identifiant: String },

    #[error("La date du {} est dans le futur : une étape se date au jour où elle a eu lieu.", date_fr(*.date))]
    DateFuture { date: Jour },

    #[error("La date du {} est antérieure à {etape} ({}) : vérifiez la date.", date_fr(*.date), date_fr(*.reference))]
    DateAnterieure {
        date: Jour,
        etape: &'static str,
        reference: Jour,
    },

    #[error("« {action} » n'est pas possible à cette étape ({etape}).")]
    EtapeIncorrecte {
        action: &'static str,
        etape: &'static str,
    },

    #[error("Identité incomplète ou incorrecte : {}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Identite(Vec<ErreurChamp>),

    #[error("Le champ « {champ} » est obligatoire.")]
    ChampVide { champ: &'static str },

    #[error("La commune de la personne ({commune}) n'est pas dans le périmètre géographique de {conseiller} : la compétence territoriale revient au conseiller dédié de ce secteur.")]
    HorsPerimetre { commune: String, conseiller: String },

    #[error("Ce professionnel est {trouve}, pas {attendu}.")]
    MauvaisRole {
        attendu: &'static str,
        trouve: &'static str,
    },

    #[error("Le besoin « {code} » n'existe pas dans le référentiel des freins.")]
    BesoinInconnu { code: String },

    #[error("Le besoin « {code} » est évalué deux fois dans le même diagnostic.")]
    BesoinEnDouble { code: String },

    #[error("Le diagnostic est vide : évaluez au moins un besoin ou rédigez une synthèse.")]
    DiagnosticVide,

    #[error("Le temps de concertation suppose les deux volets du diagnostic partagé : il manque l'entretien n°1 {manque}.")]
    VoletManquant { manque: &'static str },

    #[error(
        "Le binôme n'est pas constitué : désignez le {manque} avant le temps de concertation."
    )]
    BinomeIncomplet { manque: &'static str },

    #[error("Le retour de la fiche de liaison d'orientation, datée et signée, doit être enregistré avant le temps de concertation.")]
    FicheOrientationNonRetournee,

    #[error("Le temps de concertation a déjà eu lieu le {} : sa décision ne se refait pas.", date_fr(*.date))]
    ConcertationDejaTenue { date: Jour },

    #[error("{decision} est une décision conjointe : l'accord du {manque} n'est pas recueilli.")]
    AccordIncomplet {
        decision: &'static str,
        manque: &'static str,
    },

    #[error("L'accord du {role} doit dire qui l'a donné : co-signature de sa part sur ce poste (son identifiant et son mot de passe), ou accord reçu hors Binôme (la date et le moyen, par exemple « fiche de liaison n° 3 signée »).")]
    AccordNonAttribue { role: &'static str },

    #[error("Ce compte n'est pas celui du {role} du dossier : la co-signature revient au partenaire du binôme.")]
    CoSignataireEtranger { role: &'static str },

    #[error("L'accord reçu hors Binôme doit dire quand et comment (par exemple « fiche de liaison n° 3 signée »), à une date qui n'est pas à venir.")]
    AccordHorsBinomeIncomplet,

    #[error("La fiche de liaison n° {numero} n'existe pas dans ce dossier.")]
    FicheInconnue { numero: u32 },

    #[error("La fiche de liaison n° {numero} a déjà été envoyée le {}.", date_fr(*.le))]
    FicheDejaEnvoyee { numero: u32, le: Jour },

    #[error("La fiche de liaison n° {numero} n'a pas encore été envoyée : enregistrez d'abord son envoi.")]
    FicheNonEnvoyee { numero: u32 },

    #[error("Le retour de la fiche de liaison n° {numero} est déjà enregistré (le {}).", date_fr(*.le))]
    FicheDejaRetournee { numero: u32, le: Jour },

    #[error("La fiche de liaison doit être retournée datée et signée : faites-la signer avant d'enregistrer son retour.")]
    FicheNonSignee,

    #[error("Le carnet de route se complète après la validation de l'accompagnement en temps de concertation.")]
    CarnetAvantValidation,

    #[error("Le carnet de route {volet} est vide : ajoutez au moins une action avant la signature du contrat.")]
    CarnetIncomplet { volet: &'static str },

    #[error("L'action n° {numero} n'existe pas dans le carnet de route.")]
    ActionInconnue { numero: u32 },

    #[error("« {nom} » est déjà prescrite pour cette action et ce besoin.")]
    DejaPrescrite { nom: String },

    #[error("L'entretien n°2 d'initialisation doit avoir lieu avant la signature du contrat d'accompagnement.")]
    InitialisationManquante,

    #[error("Le contrat d'accompagnement ne peut être signé qu'après la validation de l'accompagnement en temps de concertation.")]
    SansValidation,

    #[error("Le contrat d'accompagnement n'est pas signé : l'entrée en accompagnement global n'a pas eu lieu.")]
    ContratNonSigne,

    #[error("Le contrat d'accompagnement est déjà signé (entrée le {}).", date_fr(*.entree))]
    ContratDejaSigne { entree: Jour },

    #[error("Le parcours de ce dossier a commencé dans Binôme (diagnostic, fiche ou concertation) : l'entrée se fait par la signature du contrat, pas par une reprise.")]
    RepriseParcoursCommence,

    #[error("La reconduction est déjà utilisée : un accompagnement ne peut être prolongé qu'une fois, de 6 mois au plus.")]
    ReconductionDejaUtilisee,

    #[error("Une reconduction dure de 1 à 6 mois au plus ({mois} mois demandés).")]
    DureeReconduction { mois: u32 },

    #[error("Le terme de l'accompagnement était le {} : une reconduction se décide avant le terme.", date_fr(*.fin))]
    TermeDepasse { fin: Jour },

    #[error("Le terme de l'accompagnement est le {} : une sortie pour fin de terme ne peut être enregistrée avant.", date_fr(*.fin))]
    TermeNonAtteint { fin: Jour },

    #[error("La réorientation se décide en temps de concertation, pas par une clôture.")]
    ReorientationHorsConcertation,

    #[error("L'orientation en accompagnement social exclusif suppose l'adhésion de la personne : recueillez-la d'abord.")]
    AdhesionRequise,

    #[error("L'accompagnement social exclusif est d'une durée limitée : indiquez sa durée, d'au moins 1 mois ({mois} mois demandés).")]
    DureeSocialExclusif { mois: u32 },

    #[error("Cette étape concerne l'accompagnement global ; ce dossier est en accompagnement social exclusif.")]
    ModaliteSocialExclusif,

    #[error("Ce dossier n'est pas en accompagnement social exclusif : il n'y a pas de retour en accompagnement global à enregistrer.")]
    PasEnSocialExclusif,

    #[error("Le point d'échanges n° {numero} n'existe pas dans ce dossier.")]
    PointInconnu { numero: u32 },

    #[error("Le point d'échanges n° {numero} a déjà eu lieu (le {}).", date_fr(*.le))]
    PointDejaTenu { numero: u32, le: Jour },

    #[error("Une sortie anticipée suppose que l'accompagnement ait commencé (contrat signé).")]
    SortieAnticipeeAvantEntree,

    #[error("Une sortie anticipée se décide sur un diagnostic actualisé : mettez d'abord à jour le {volets} (diagnostic daté de moins de {jours} jours avant la sortie).")]
    DiagnosticNonActualise { volets: String, jours: i64 },
}
