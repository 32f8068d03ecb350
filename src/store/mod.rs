//! Le store : SQLite, un journal d'événements en ajout seul et les projections que les
//! écrans interrogent, écrits dans la même transaction.

mod audit;
mod cartes;
mod chaine;
mod comptes;
mod cotraitance;
mod echange;
mod effacement;
mod indicateurs;
mod journal;
mod migrations;
mod notes;
mod ouverture;
mod preferences;
mod projection;
mod reference;
mod requetes;
mod ressources;
pub mod sauvegarde;
pub mod trousseau;
mod verification;

pub use audit::LigneAudit;
pub use cartes::{CarteRecue, IdentiteSecrete};
pub use cotraitance::{Agir, Cotraitant, FaitCotraitance};
pub use echange::{DerniersEchanges, EvenementEchange, PaquetRecu, Reception};
pub use effacement::{DossierAEffacer, Emprise, Purge, RapportEffacement};
pub use journal::{EvenementEnregistre, Lot};
pub use migrations::{version_courante, MIGRATIONS};
pub use ouverture::DOSSIER_OUVERTURES;
pub use requetes::COLONNES_RESUME;
pub use ressources::{Modification, RapportImport};
pub use trousseau::{CleBase, ErreurTrousseau, Trousseau, FICHIER_TROUSSEAU};

/// Le cache de pages d'une connexion, en Kio (valeur négative, comme SQLite l'attend).
const CACHE_KIO: i32 = -32768;

/// Où en est un long travail (étape, fait, total) : `false` rendu par le rappel l'arrête,
/// et ce qu'il faisait est annulé.
pub type Progres<'a> = &'a mut dyn FnMut(&'static str, usize, usize) -> bool;
pub use verification::{Rapport, Verification};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::Connection;
use uuid::Uuid;

use crate::domain::Refus;

/// Nom du fichier de base dans le dossier de données.
pub const FICHIER_BASE: &str = "binome.sqlite3";

/// Les erreurs du store sont `Clone` pour voyager dans les messages de l'interface.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurStore {
    #[error("{0}")]
    Refus(#[from] Refus),
    #[error("Erreur inattendue de la base de données (détail technique : {0}) : ce qui était en cours n'a pas été enregistré. Recommencez ; si l'erreur revient, lancez « binome check » et gardez son compte rendu pour l'assistance.")]
    Base(#[source] Arc<rusqlite::Error>),
    #[error("La base est utilisée par une autre fenêtre ou une autre commande de Binôme : attendez qu'elle ait fini (ou fermez-la), puis recommencez. Rien n'a été enregistré.")]
    Occupee(#[source] Arc<rusqlite::Error>),
    #[error("La base ne peut pas être modifiée : le fichier ou le dossier de données est en lecture seule. Vérifiez ses droits (ou copiez le dossier ailleurs et indiquez-le avec --data-dir). Rien n'a été enregistré.")]
    LectureSeule(#[source] Arc<rusqlite::Error>),
    #[error("Le fichier de la base est endommagé : n'y écrivez plus. Restaurez la dernière bonne sauvegarde : sur l'écran de connexion, « Restaurer une sauvegarde… », ou « binome restaurer FICHIER ».")]
    Endommagee(#[source] Arc<rusqlite::Error>),
    #[error("Le contrôle d'intégrité de la base a échoué ({0}) : le fichier est endommagé (coupure pendant une écriture disque, disque défaillant). Binôme n'y écrit plus. Restaurez la dernière bonne sauvegarde : sur l'écran de connexion, « Restaurer une sauvegarde… », ou « binome restaurer FICHIER ». La base endommagée est gardée à côté.")]
    Integrite(String),
    #[error(
        "Le disque est plein : libérez de la place, puis recommencez. Rien n'a été enregistré."
    )]
    DisquePlein(#[source] Arc<rusqlite::Error>),
    #[error("La base ne peut pas être ouverte : le dossier de données est absent, inaccessible ou protégé. Vérifiez qu'il existe (clé USB branchée, partage réseau accessible) et que vous pouvez y écrire.")]
    Inaccessible(#[source] Arc<rusqlite::Error>),
    #[error("Le disque n'a pas pu lire ou écrire la base : disque plein, clé retirée, partage réseau coupé ou disque défaillant ? Vérifiez la place libre et le support, puis recommencez. Rien n'a été enregistré.")]
    EntreeSortie(#[source] Arc<rusqlite::Error>),
    #[error("Le dossier de données {chemin} est sur un partage réseau ({reseau}) : la base n'y est pas à l'abri (verrous et journal peu fiables à travers le réseau, risque de corruption si deux postes l'ouvrent). Placez le dossier de données sur le disque de ce poste (--data-dir) ; les sauvegardes, elles, peuvent être copiées sur le partage.")]
    PartageReseau {
        chemin: String,
        reseau: &'static str,
    },
    #[error("Le fichier {0} existe mais n'est pas une base de Binôme (il est vide, ou vient d'un autre logiciel) : Binôme ne l'écrase pas. Si c'est le reste d'une première ouverture interrompue, supprimez-le ; sinon, indiquez le bon dossier avec --data-dir.")]
    PasUneBase(String),
    #[error("La base {0} ne s'ouvre pas avec la clé du fichier binome.cles : ce fichier de clés est celui d'une autre base, ou la base est endommagée. Rien n'a été modifié ; remettez ensemble la base et le fichier de clés d'une même sauvegarde.")]
    CleRefusee(String),
    #[error("Le chiffrement de la base existante a échoué ({0}) : elle est restée telle quelle. Vérifiez la place disque, puis recommencez.")]
    Chiffrement(String),
    #[error("L'identifiant « {0} » est déjà pris : choisissez-en un autre.")]
    IdentifiantPris(String),
    #[error("Ce professionnel a déjà un compte ({0}).")]
    ProfessionnelDejaLie(String),
    #[error("L'agence et le périmètre de {0}, qui a un compte sur ce poste, sont tenus par un administrateur (ou par lui-même, dans ses Paramètres) : rien n'a été changé.")]
    AffectationReservee(String),
    #[error("La sauvegarde {0} existe déjà : Binôme ne la remplace pas. Choisissez un autre nom.")]
    SauvegardeExistante(String),
    #[error("La sauvegarde n'a pas pu être écrite ({0}) : vérifiez la place disque et les droits du dossier. La base n'a pas changé.")]
    Sauvegarde(String),
    #[error("{0} n'est pas une sauvegarde lisible de cette base (autre base, autre clé, fichier endommagé ou incomplet) : rien n'a été remplacé.")]
    SauvegardeIllisible(String),
    #[error("Le compte {0} est introuvable.")]
    CompteInconnu(String),
    #[error("La base a été créée par une version plus récente de Binôme (schéma {base}, ce logiciel connaît {logiciel}) : mettez Binôme à jour.")]
    BaseTropRecente { base: u32, logiciel: u32 },
    #[error("Journal d'audit altéré : l'entrée n° {0} a une action inconnue « {1} ».")]
    AuditIllisible(u64, String),
    #[error("La migration {version} déjà appliquée a été modifiée depuis : la base ne peut pas être ouverte en sécurité.")]
    MigrationModifiee { version: u32 },
    #[error("Impossible de créer ou d'ouvrir le dossier de données {chemin} : {source}")]
    Dossier {
        chemin: String,
        #[source]
        source: Arc<std::io::Error>,
    },
    #[error("Le dossier {0} est introuvable.")]
    DossierInconnu(String),
    #[error("Annulé : rien n'a été enregistré.")]
    Annule,
    #[error("Le dossier de données {0} est en lecture seule (support protégé en écriture, clé USB verrouillée, partage en lecture seule) : Binôme ne peut rien y enregistrer. Rendez-le accessible en écriture, ou copiez-le ailleurs et indiquez-le avec --data-dir.")]
    DossierEnLectureSeule(String),
    #[error("Le dossier {0} n'est pas parmi ceux qui vous sont confiés (les vôtres, comme conseiller dédié ou référent social, et ceux qui vous sont délégués) : il ne peut pas être ouvert, imprimé ni exporté sous votre nom.")]
    NonConfie(String),
    #[error("Le professionnel {0} est introuvable : enregistrez-le d'abord.")]
    ProfessionnelInconnu(String),
    #[error("Le dossier a été modifié entre-temps (par une autre fenêtre ou un autre poste) : rouvrez-le et recommencez.")]
    Conflit,
    #[error("Paquet d'échange refusé, rien n'a été changé : {0}.")]
    Echange(String),
    #[error("Ce paquet (n° {numero}) est déjà reçu, ou plus ancien que le n° {dernier} reçu le {le} : il n'apporte rien de plus (chaque paquet reprend tout ce que vous n'avez pas encore accusé). Rien n'a été changé.")]
    PaquetDejaRecu {
        numero: u64,
        dernier: u64,
        le: String,
    },
    #[error("Référentiel incomplet : {0}.")]
    Referentiel(String),
    #[error("Donnée illisible dans la base ({0}) : lancez « binome check ».")]
    Illisible(String),
    #[error("{0}")]
    Cotraitance(#[from] crate::domain::cotraitance::RefusCotraitance),
    #[error("La cotraitance {0} est introuvable.")]
    CotraitanceInconnue(String),
    #[error("{0}")]
    Effacement(#[from] crate::domain::effacement::RefusEffacement),
    #[error("{0}")]
    Ressource(#[from] crate::domain::ressources::ErreurRessource),
    #[error("Votre profil permet de consulter la base de ressources, pas de la modifier : demandez le profil « mise à jour » (gestionnaire des ressources) à un administrateur du poste.")]
    NonHabilite,
    #[error("La ressource {0} est introuvable.")]
    RessourceInconnue(String),
    #[error("L'installation {installation} ({nom}) est déjà enregistrée avec une autre clé : une clé ne se remplace pas par un fichier. Vérifiez l'origine du fichier auprès de cette installation.")]
    CleInstallationDifferente { installation: String, nom: String },
    #[error("Le journal des événements a été modifié hors de Binôme ({0}) : rien n'est recalculé à partir de lui. Restaurez la dernière sauvegarde du dossier de données ; « binome check » détaille ce qui a changé.")]
    JournalAltere(String),
    #[error("Une autre ressource ({autre}) porte déjà l'identifiant {source_id} de la source {nom_source} : modifiez cette ressource-là plutôt que d'en créer une seconde.")]
    DoublonSource {
        autre: String,
        source_id: String,
        nom_source: String,
    },
}

/// Donne la clé à SQLCipher, sans ses messages sur la sortie d'erreur.
pub fn appliquer_cle(conn: &Connection, cle: &CleBase) -> Result<(), ErreurStore> {
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", cle.pragma().as_str()))?;
    Ok(())
}

/// Vrai si le fichier commence par l'en-tête d'une base SQLite en clair.
pub fn est_en_clair(chemin: &Path) -> bool {
    use std::io::Read;
    let mut entete = [0u8; 16];
    std::fs::File::open(chemin)
        .and_then(|mut f| f.read_exact(&mut entete))
        .is_ok()
        && &entete == b"SQLite format 3\0"
}

/// Chiffre une base en clair (celle d'une version d'avant le chiffrement) : copie chiffrée
/// à côté, puis renommage ; la base en clair n'est remplacée qu'une fois la copie complète.
fn chiffrer_en_place(chemin: &Path, cle: &CleBase) -> Result<(), ErreurStore> {
    let copie = chemin.with_extension("chiffrement.binome-tmp");
    let _ = std::fs::remove_file(&copie);
    let echec = |e: &dyn std::fmt::Display| ErreurStore::Chiffrement(e.to_string());
    {
        let conn = Connection::open(chemin)?;
        conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA wal_checkpoint(TRUNCATE);")?;
        creer_fichier_prive(&copie).map_err(|e| echec(&e))?;
        conn.execute(
            "ATTACH DATABASE ?1 AS chiffree KEY ?2",
            [copie.display().to_string(), cle.pragma().to_string()],
        )?;
        conn.query_row("SELECT sqlcipher_export('chiffree')", [], |_| Ok(()))?;
        conn.execute_batch("DETACH DATABASE chiffree;")?;
    }
    std::fs::rename(&copie, chemin).map_err(|e| echec(&e))?;
    for suffixe in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffixe}", chemin.display()));
    }
    tracing::info!("base existante chiffrée");
    Ok(())
}

/// Crée le fichier de la base, vide, lisible du seul utilisateur.
fn creer_fichier_prive(chemin: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(chemin).map(drop)
}

/// Deux erreurs sont égales quand elles sont de même sorte et disent la même chose : les
/// causes d'entrée-sortie n'ont pas d'égalité propre.
impl PartialEq for ErreurStore {
    fn eq(&self, autre: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(autre)
            && self.to_string() == autre.to_string()
    }
}

impl From<rusqlite::Error> for ErreurStore {
    /// Chaque panne a son message : ce qui s'est passé et quoi faire, en français.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let code = match &e {
            rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
            _ => None,
        };
        let e = Arc::new(e);
        match code {
            Some(C::DatabaseBusy | C::DatabaseLocked) => ErreurStore::Occupee(e),
            Some(C::ReadOnly) => ErreurStore::LectureSeule(e),
            Some(C::DatabaseCorrupt | C::NotADatabase) => ErreurStore::Endommagee(e),
            Some(C::DiskFull) => ErreurStore::DisquePlein(e),
            Some(C::CannotOpen | C::PermissionDenied) => ErreurStore::Inaccessible(e),
            Some(C::SystemIoFailure) => ErreurStore::EntreeSortie(e),
            _ => ErreurStore::Base(e),
        }
    }
}

/// Vrai si une écriture a été devancée, reconnu par le code étendu SQLite : un autre a
/// écrit la même version (unicité), ou a écrit depuis notre lecture (instantané périmé).
pub(crate) fn est_devance(e: &rusqlite::Error) -> bool {
    use rusqlite::ffi;
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == ffi::SQLITE_BUSY_SNAPSHOT
    )
}

impl From<serde_json::Error> for ErreurStore {
    fn from(e: serde_json::Error) -> Self {
        ErreurStore::Illisible(e.to_string())
    }
}

pub struct Store {
    conn: Connection,
    chemin: Option<PathBuf>,
    /// L'identifiant de cette installation : l'origine des événements écrits ici.
    installation: Uuid,
    /// Tenue tant que la base est ouverte (après `conn` : retirée une fois la base fermée).
    _ouverture: Option<ouverture::Ouverture>,
    /// Une ouverture précédente n'a pas été refermée (arrêt brutal).
    interrompue: bool,
}

impl Store {
    /// Ouvre (ou crée) la base chiffrée du dossier de données avec sa clé et applique les
    /// migrations. Une base d'avant le chiffrement (en clair) est chiffrée d'abord.
    pub fn ouvrir(dossier: &Path, cle: &CleBase) -> Result<Store, ErreurStore> {
        let refus = |e: std::io::Error| match e.kind() {
            std::io::ErrorKind::ReadOnlyFilesystem => {
                ErreurStore::DossierEnLectureSeule(dossier.display().to_string())
            }
            _ => ErreurStore::Dossier {
                chemin: dossier.display().to_string(),
                source: Arc::new(e),
            },
        };
        crate::fichiers::creer_dossier_prive(dossier).map_err(refus)?;
        if let Some(reseau) = crate::fichiers::partage_reseau(dossier) {
            return Err(ErreurStore::PartageReseau {
                chemin: dossier.display().to_string(),
                reseau,
            });
        }
        let chemin = dossier.join(FICHIER_BASE);
        let existait = chemin.exists();
        if !existait {
            creer_fichier_prive(&chemin).map_err(refus)?;
        }
        // La base et ses fichiers de journal (que SQLite crée avec les droits de la base) ne
        // sont lisibles que par l'utilisateur.
        for suffixe in ["", "-wal", "-shm"] {
            let f = dossier.join(format!("{FICHIER_BASE}{suffixe}"));
            if f.exists() {
                crate::fichiers::rendre_prive(&f, 0o600).map_err(refus)?;
            }
        }
        if existait && est_en_clair(&chemin) {
            chiffrer_en_place(&chemin, cle)?;
        }
        let conn = Connection::open(&chemin)?;
        appliquer_cle(&conn, cle)?;
        // Une clé fausse ouvre le fichier et échoue à la première lecture.
        let schema = match migrations::a_un_schema(&conn) {
            Err(ErreurStore::Endommagee(_)) if existait => {
                return Err(ErreurStore::CleRefusee(chemin.display().to_string()))
            }
            autre => autre?,
        };
        // Un fichier déjà là sans le schéma de Binôme (vide, ou d'un autre logiciel) n'est
        // jamais pris pour une base neuve.
        if existait && !schema {
            return Err(ErreurStore::PasUneBase(chemin.display().to_string()));
        }
        let (tenue, interrompue) = ouverture::Ouverture::tenir(dossier);
        let mut store = Store::preparer(conn, Some(chemin))?;
        store._ouverture = tenue;
        store.interrompue = interrompue;
        Ok(store)
    }

    /// Une base en mémoire, pour les essais et les mesures de référence.
    pub fn en_memoire() -> Result<Store, ErreurStore> {
        Store::preparer(Connection::open_in_memory()?, None)
    }

    fn preparer(mut conn: Connection, chemin: Option<PathBuf>) -> Result<Store, ErreurStore> {
        // WAL + synchronous FULL : chaque enregistrement validé survit à une coupure. Un
        // cache de 32 Mio garde déchiffrées les pages lues souvent (index des ressources).
        // secure_delete (déjà le défaut de SQLCipher sur une base chiffrée) remet à zéro ce
        // qui est effacé : rien d'une personne effacée ne reste dans les pages libres.
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA secure_delete = ON;
             PRAGMA cache_size = {CACHE_KIO};"
        ))?;
        // Une écriture passe par une douzaine de requêtes préparées : toutes restent en
        // cache (16 par défaut), un import de milliers de lignes ne les recompile pas.
        conn.set_prepared_statement_cache_capacity(64);
        // Une écriture prend la base dès son début : un second écrivain attend son tour
        // (busy_timeout) au lieu d'échouer en voulant promouvoir une lecture.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let avant = migrations::version_courante(&conn)?;
        migrations::migrer(&mut conn)?;
        if avant < migrations::VERSION_CHAINE {
            let tx = conn.transaction()?;
            let n = chaine::chainer_l_existant(&tx)?;
            tx.commit()?;
            if n > 0 {
                tracing::info!(evenements = n, "journal existant chaîné");
            }
        }
        if avant > 0 && avant < migrations::VERSION_INDEX_DES_RESSOURCES {
            let tx = conn.transaction()?;
            let n = ressources::reindexer(&tx)?;
            tx.commit()?;
            if n > 0 {
                tracing::info!(fiches = n, "index des ressources refaits");
            }
        }
        // Une migration qui change la forme des projections (colonne du portefeuille, état
        // compressé) les fait recalculer.
        let migree = avant > 0 && avant < migrations::VERSION_FORME_DES_PROJECTIONS;
        verification::reprojeter_si_besoin(&mut conn, migree)?;
        indicateurs::initialiser(&mut conn)?;
        let installation = indicateurs::installation(&conn)?;
        Ok(Store {
            conn,
            chemin,
            installation,
            _ouverture: None,
            interrompue: false,
        })
    }

    /// Vrai si une ouverture précédente de cette base n'a pas été refermée (coupure,
    /// arrêt brutal) : son intégrité est alors à contrôler avant d'y écrire.
    pub fn interrompue(&self) -> bool {
        self.interrompue
    }

    /// La fenêtre se ferme normalement : l'ouverture est retirée dès maintenant, sans
    /// attendre que le dernier fil qui partage la base l'ait lâchée (le processus peut finir
    /// avant lui, et la fermeture passerait pour un arrêt brutal).
    pub fn fermer_proprement(&mut self) {
        self._ouverture.take();
    }

    /// `PRAGMA quick_check` : vide si la base est intègre, sinon ce que SQLite a trouvé
    /// (10 problèmes au plus).
    pub fn controle_rapide(&self) -> Result<Vec<String>, ErreurStore> {
        self.controler("PRAGMA quick_check(10)")
    }

    /// `PRAGMA integrity_check` : comme le contrôle rapide, index compris.
    pub fn controle_complet(&self) -> Result<Vec<String>, ErreurStore> {
        self.controler("PRAGMA integrity_check(10)")
    }

    fn controler(&self, pragma: &str) -> Result<Vec<String>, ErreurStore> {
        let mut st = self.conn.prepare(pragma)?;
        let lignes: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(lignes.into_iter().filter(|l| l != "ok").collect())
    }

    pub fn chemin(&self) -> Option<&Path> {
        self.chemin.as_deref()
    }

    /// Accès direct à la connexion : pour les essais qui abîment une base exprès (le banc a
    /// ses références dans `reference.rs`).
    pub fn connexion(&self) -> &Connection {
        &self.conn
    }
}
