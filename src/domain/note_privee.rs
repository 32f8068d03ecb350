//! Les notes privées du référent social (secret professionnel, CASF L121-6-2) : ce qu'il
//! garde pour lui sur un dossier. Elles ne vont jamais au conseiller dédié : ni à l'écran, ni
//! dans un document, ni dans un export, ni dans l'échange entre installations.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Au plus 4 000 caractères par note.
pub const LONGUEUR_MAX: usize = 4000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotePrivee {
    pub id: Uuid,
    pub dossier: Uuid,
    /// Le référent social qui l'a écrite, seul à la lire.
    pub auteur: Uuid,
    /// `AAAA-MM-JJTHH:MM:SS`, heure locale.
    pub ecrite_le: String,
    pub texte: String,
}

/// Le texte d'une note : ni vide, ni trop long.
pub fn verifier_texte(texte: &str) -> Result<String, String> {
    let t = texte.trim();
    if t.is_empty() {
        return Err("La note est vide : écrivez-la avant de l'enregistrer.".into());
    }
    let n = t.chars().count();
    if n > LONGUEUR_MAX {
        return Err(format!(
            "La note compte {n} caractères : {LONGUEUR_MAX} au plus. Coupez-la en deux."
        ));
    }
    Ok(t.to_string())
}
