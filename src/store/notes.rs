//! Les notes privées, à part du journal partagé.

use rusqlite::params;
use uuid::Uuid;

use super::{ErreurStore, Store};
use crate::domain::note_privee::NotePrivee;

impl Store {
    pub fn ajouter_note_privee(&self, n: &NotePrivee) -> Result<(), ErreurStore> {
        self.conn.execute(
            "INSERT INTO notes_privees (id, dossier, auteur, ecrite_le, texte) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                n.id.to_string(),
                n.dossier.to_string(),
                n.auteur.to_string(),
                n.ecrite_le,
                n.texte
            ],
        )?;
        Ok(())
    }

    /// Les notes d'un auteur sur un dossier, les plus récentes d'abord.
    pub fn notes_privees(
        &self,
        dossier: Uuid,
        auteur: Uuid,
    ) -> Result<Vec<NotePrivee>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT id, ecrite_le, texte FROM notes_privees
             WHERE dossier = ?1 AND auteur = ?2 ORDER BY ecrite_le DESC, id",
        )?;
        let v = st
            .query_map(params![dossier.to_string(), auteur.to_string()], |r| {
                let id: String = r.get(0)?;
                Ok(NotePrivee {
                    id: Uuid::parse_str(&id)
                        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
                    dossier,
                    auteur,
                    ecrite_le: r.get(1)?,
                    texte: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(v)
    }
}
