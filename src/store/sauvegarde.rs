//! Les sauvegardes : une copie cohérente de la base, chiffrée avec la même clé (elle se lit
//! avec le même trousseau), vérifiée avant toute restauration ; la base remplacée est gardée.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{appliquer_cle, migrations, CleBase, ErreurStore, Store, FICHIER_BASE};

impl Store {
    /// Écrit une copie de la base dans `cible` (temporaire puis renommage : jamais de copie
    /// à moitié écrite). Un fichier existant n'est pas remplacé.
    pub fn sauvegarder(&self, cible: &Path, cle: &CleBase) -> Result<(), ErreurStore> {
        if cible.exists() {
            return Err(ErreurStore::SauvegardeExistante(
                cible.display().to_string(),
            ));
        }
        let temporaire = cible.with_extension("binome-tmp");
        let _ = std::fs::remove_file(&temporaire);
        let echec = |e: std::io::Error| ErreurStore::Sauvegarde(e.to_string());
        super::creer_fichier_prive(&temporaire).map_err(echec)?;
        let copie = (|| -> Result<(), ErreurStore> {
            self.conn.execute(
                "ATTACH DATABASE ?1 AS sauvegarde KEY ?2",
                [temporaire.display().to_string(), cle.pragma().to_string()],
            )?;
            let r = self
                .conn
                .query_row("SELECT sqlcipher_export('sauvegarde')", [], |_| Ok(()));
            self.conn.execute_batch("DETACH DATABASE sauvegarde;")?;
            r?;
            Ok(())
        })();
        if let Err(e) = copie {
            let _ = std::fs::remove_file(&temporaire);
            return Err(e);
        }
        std::fs::File::open(&temporaire)
            .and_then(|f| f.sync_all())
            .map_err(echec)?;
        std::fs::rename(&temporaire, cible).map_err(echec)
    }
}

/// Vérifie qu'un fichier est une sauvegarde lisible de cette base : il s'ouvre avec la clé,
/// il est intègre, son schéma n'est pas plus récent que ce logiciel. Rend sa version.
pub fn verifier_sauvegarde(fichier: &Path, cle: &CleBase) -> Result<u32, ErreurStore> {
    let illisible = || ErreurStore::SauvegardeIllisible(fichier.display().to_string());
    if !fichier.is_file() {
        return Err(illisible());
    }
    let conn = Connection::open_with_flags(fichier, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    appliquer_cle(&conn, cle)?;
    let controle: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| illisible())?;
    if controle != "ok" || !migrations::a_un_schema(&conn).map_err(|_| illisible())? {
        return Err(illisible());
    }
    let version = migrations::version_courante(&conn)?;
    let logiciel = migrations::MIGRATIONS.len() as u32;
    if version > logiciel {
        return Err(ErreurStore::BaseTropRecente {
            base: version,
            logiciel,
        });
    }
    Ok(version)
}

/// Vrai si le compte est un administrateur actif dans la sauvegarde : seul un administrateur
/// de la base qu'elle remet en place la restaure.
pub fn administrateur_dans(
    fichier: &Path,
    cle: &CleBase,
    compte: uuid::Uuid,
) -> Result<bool, ErreurStore> {
    let conn = Connection::open_with_flags(fichier, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    appliquer_cle(&conn, cle)?;
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM comptes WHERE id = ?1 AND administrateur = 1 AND actif = 1)",
        [compte.to_string()],
        |r| r.get(0),
    )?)
}

/// Remplace la base du dossier de données par la sauvegarde, après l'avoir vérifiée ; la
/// base actuelle est gardée à côté (rendue). Aucune connexion ne doit être ouverte.
pub fn restaurer(dossier: &Path, fichier: &Path, cle: &CleBase) -> Result<PathBuf, ErreurStore> {
    verifier_sauvegarde(fichier, cle)?;
    let base = dossier.join(FICHIER_BASE);
    let echec = |e: std::io::Error| ErreurStore::Sauvegarde(e.to_string());
    // La copie d'abord, dans le dossier de données : le renommage final est atomique.
    let temporaire = dossier.join(format!("{FICHIER_BASE}.restauration.binome-tmp"));
    let _ = std::fs::remove_file(&temporaire);
    std::fs::copy(fichier, &temporaire).map_err(echec)?;
    crate::fichiers::rendre_prive(&temporaire, 0o600).map_err(echec)?;
    let ancienne = dossier.join(format!(
        "{FICHIER_BASE}.avant-restauration-{}",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    if base.exists() {
        // Ce qui attend dans le journal WAL entre dans la base gardée.
        if let Ok(c) = Connection::open(&base) {
            if appliquer_cle(&c, cle).is_ok() {
                let _ = c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }
        std::fs::rename(&base, &ancienne).map_err(echec)?;
        // Un journal WAL qui n'a pas pu entrer dans la base (base endommagée) reste avec elle.
        let _ = std::fs::rename(
            format!("{}-wal", base.display()),
            format!("{}-wal", ancienne.display()),
        );
    }
    for suffixe in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffixe}", base.display()));
    }
    std::fs::rename(&temporaire, &base).map_err(echec)?;
    Ok(ancienne)
}
