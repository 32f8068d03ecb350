//! L'erreur de la couche de services : celle de la couche d'en dessous, telle quelle (son
//! message français est déjà le bon), ou ce que le service lui-même constate.

use crate::documents::dossier::ErreurDocument;
use crate::documents::ErreurPdf;
use crate::domain::structures::ErreurStructures;
use crate::fichiers::ErreurFichier;
use crate::formats::ErreurFormat;
use crate::store::ErreurStore;

/// `Clone` pour voyager dans les messages de l'interface.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurService {
    #[error(transparent)]
    Store(#[from] ErreurStore),
    #[error(transparent)]
    Fichier(#[from] ErreurFichier),
    #[error(transparent)]
    Document(#[from] ErreurDocument),
    #[error(transparent)]
    Pdf(#[from] ErreurPdf),
    #[error(transparent)]
    Format(#[from] ErreurFormat),
    #[error(transparent)]
    Structures(#[from] ErreurStructures),
    #[error(transparent)]
    Reprise(super::reprise::ErreurReprise),
    #[error(transparent)]
    Territoire(super::territoire::ErreurTerritoire),
    #[error(transparent)]
    Import(#[from] crate::formats::ressources::import::ErreurImport),
    #[error(transparent)]
    Indicateurs(#[from] super::indicateurs::ErreurIndicateurs),
    #[error(transparent)]
    Acces(super::acces::ErreurAcces),
    #[error(transparent)]
    Trousseau(crate::store::ErreurTrousseau),
    #[error(transparent)]
    Delegation(super::delegations::ErreurDelegation),
    #[error("La cotraitance des jeunes se fait entre Pôle emploi (un conseiller, rattaché à une agence) et une mission locale (un professionnel dont la structure est une mission locale) : votre fiche n'est ni l'une ni l'autre. Changez-la dans Paramètres, ou connectez-vous avec le bon compte.")]
    HorsCotraitance,
    #[error("Les notes privées sont celles du référent social du dossier : lui seul les écrit et les lit.")]
    NotesReserveesAuReferent,
    #[error("{0}")]
    NoteInvalide(String),
    /// Une saisie refusée à la frontière (identifiant, nom, numéro) : le message dit quoi
    /// corriger.
    #[error("{0}")]
    Saisie(String),
    #[error("Impossible de trouver le dossier personnel de l'utilisateur : indiquez un dossier de données avec --data-dir.")]
    SansDossierPersonnel,
    #[error("Le dossier {0} est introuvable.")]
    DossierIntrouvable(uuid::Uuid),
    #[error("{0}")]
    Carte(crate::domain::carte::ErreurCarte),
    #[error("Cette carte est la vôtre : importez celle de votre partenaire.")]
    CarteDeSoi,
    #[error("Aucune carte reçue pour le compte {0} : importez d'abord la carte de ce partenaire.")]
    CarteInconnue(uuid::Uuid),
    #[error("La carte de {0} n'est pas encore vérifiée : comparez son empreinte avec lui (au téléphone, par exemple), puis marquez-la vérifiée. Rien de personnel ne part vers une carte non vérifiée, ni n'en est reçu.")]
    CarteNonVerifiee(String),
    #[error("La carte de {0} vient d'une version précédente de Binôme, sans sa fiche de professionnel : demandez-lui de l'exporter de nouveau, puis importez-la.")]
    CarteAncienne(String),
    #[error("Ce paquet vient d'un compte dont vous n'avez pas la carte : importez d'abord la carte de votre partenaire et vérifiez son empreinte avec lui. Rien n'a été changé.")]
    EmetteurInconnu,
    #[error(transparent)]
    Paquet(#[from] crate::formats::paquet::ErreurPaquet),
    #[error("Aucune sauvegarde n'est disponible dans le dossier « sauvegardes » des données : indiquez le fichier d'une sauvegarde (copiée sur une clé USB, par exemple).")]
    AucuneSauvegarde,
    #[error("La liste des dossiers à effacer a changé depuis l'aperçu (un dossier a repris contact, ou a déjà été effacé) : rouvrez l'aperçu, relisez-le, puis confirmez de nouveau. Rien n'a été effacé.")]
    ApercuPerime,
    #[error("Le PDF est bien enregistré dans {chemin}, mais son impression n'a pas pu être notée au dossier : {source}")]
    ImpressionNonNotee {
        chemin: String,
        #[source]
        source: ErreurStore,
    },
    #[error("La rédaction d'un document s'est interrompue (erreur interne) : ce document n'a pas été écrit. Recommencez ; si l'erreur revient, gardez le journal de Binôme pour l'assistance.")]
    RedactionInterrompue,
    #[error("La démonstration ne contient aucun conseiller dédié.")]
    DemoSansConseiller,
    #[error("{chemin} est dans le dossier de données de Binôme ({donnees}) : rien n'y est écrit, pour ne jamais abîmer la base. Choisissez un autre emplacement.")]
    SortieDansLesDonnees { chemin: String, donnees: String },
    #[error("Le fichier {chemin} existe déjà : Binôme ne le remplace pas sans votre accord. Choisissez un autre nom, ou confirmez le remplacement (option --force en ligne de commande).")]
    SortieExistante { chemin: String },
    #[error("Aucun utilisateur n'est identifié sur ce poste : ce compte n'est lié à aucune fiche de professionnel. Renseignez votre fiche (premier lancement de la fenêtre), ou demandez à un administrateur de lier votre compte.")]
    SansUtilisateur,
    #[error("Vous ne pouvez pas changer votre propre profil : un autre administrateur du poste doit le faire.")]
    HabilitationDeSoi,
    #[error("aucun professionnel ne s'appelle « {0} ».")]
    ProfessionnelIntrouvable(String),
    #[error("plusieurs professionnels s'appellent « {0} » : indiquez l'identifiant.")]
    ProfessionnelAmbigu(String),
    #[error("La tâche a été interrompue avant sa fin : réessayez.")]
    Interrompue,
}

impl ErreurService {
    /// Vrai si la base elle-même est en cause (endommagée, illisible avec sa clé) : une
    /// sauvegarde la remet en état.
    pub fn base_endommagee(&self) -> bool {
        matches!(
            self,
            ErreurService::Store(
                ErreurStore::Endommagee(_)
                    | ErreurStore::Integrite(_)
                    | ErreurStore::CleRefusee(_)
                    | ErreurStore::PasUneBase(_)
            )
        )
    }
}
