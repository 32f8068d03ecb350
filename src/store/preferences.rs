//! Préférences du poste, brouillons de formulaires (valeurs JSON) et fichiers écrits pour
//! l'utilisateur.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};

use super::{ErreurStore, Store};

/// Une préférence lue sur une connexion (ou une transaction) : le store s'en sert aussi
/// à l'ouverture, avant d'exister.
pub(super) fn lire<T: DeserializeOwned>(
    conn: &Connection,
    cle: &str,
) -> Result<Option<T>, ErreurStore> {
    let v: Option<String> = conn
        .query_row(
            "SELECT valeur FROM preferences WHERE cle = ?1",
            [cle],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.map(|j| serde_json::from_str(&j)).transpose()?)
}

pub(super) fn ecrire<T: Serialize>(
    conn: &Connection,
    cle: &str,
    valeur: &T,
) -> Result<(), ErreurStore> {
    conn.execute(
        "INSERT INTO preferences (cle, valeur) VALUES (?1, ?2)
         ON CONFLICT (cle) DO UPDATE SET valeur = excluded.valeur",
        params![cle, serde_json::to_string(valeur)?],
    )?;
    Ok(())
}

impl Store {
    pub fn preference<T: DeserializeOwned>(&self, cle: &str) -> Result<Option<T>, ErreurStore> {
        lire(&self.conn, cle)
    }

    pub fn definir_preference<T: Serialize>(
        &self,
        cle: &str,
        valeur: &T,
    ) -> Result<(), ErreurStore> {
        ecrire(&self.conn, cle, valeur)
    }

    pub fn brouillon<T: DeserializeOwned>(&self, cle: &str) -> Result<Option<T>, ErreurStore> {
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT contenu FROM brouillons WHERE cle = ?1",
                [cle],
                |r| r.get(0),
            )
            .optional()?;
        // Un brouillon illisible (version antérieure) est simplement ignoré.
        Ok(v.and_then(|j| serde_json::from_str(&j).ok()))
    }

    pub fn enregistrer_brouillon<T: Serialize>(
        &self,
        cle: &str,
        contenu: &T,
    ) -> Result<(), ErreurStore> {
        self.enregistrer_brouillon_json(cle, &serde_json::to_string(contenu)?)
    }

    /// Le brouillon déjà sérialisé (l'écrivain des brouillons le reçoit ainsi).
    pub fn enregistrer_brouillon_json(&self, cle: &str, json: &str) -> Result<(), ErreurStore> {
        self.conn.execute(
            "INSERT INTO brouillons (cle, contenu, modifie_le) VALUES (?1, ?2, ?3)
             ON CONFLICT (cle) DO UPDATE SET contenu = excluded.contenu, modifie_le = excluded.modifie_le",
            params![cle, json, chrono::Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    pub fn effacer_brouillon(&self, cle: &str) -> Result<(), ErreurStore> {
        self.conn
            .execute("DELETE FROM brouillons WHERE cle = ?1", [cle])?;
        Ok(())
    }

    /// L'export pour lequel Binôme a écrit ce fichier, et l'empreinte de ce qu'il a écrit.
    pub fn sortie(&self, chemin: &str) -> Result<Option<(String, String)>, ErreurStore> {
        Ok(self
            .conn
            .query_row(
                "SELECT export, empreinte FROM sorties WHERE chemin = ?1",
                [chemin],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn noter_sortie(
        &self,
        chemin: &str,
        export: &str,
        empreinte: &str,
    ) -> Result<(), ErreurStore> {
        noter_sortie(&self.conn, chemin, export, empreinte)
    }
}

pub(super) fn noter_sortie(
    c: &rusqlite::Connection,
    chemin: &str,
    export: &str,
    empreinte: &str,
) -> Result<(), ErreurStore> {
    c.prepare_cached(
        "INSERT INTO sorties (chemin, export, empreinte, ecrit_le) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (chemin) DO UPDATE SET export = excluded.export,
             empreinte = excluded.empreinte, ecrit_le = excluded.ecrit_le",
    )?
    .execute(params![
        chemin,
        export,
        empreinte,
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    ])?;
    Ok(())
}
