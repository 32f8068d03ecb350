//! Les identités des comptes (clés secrètes de signature et de chiffrement) et les cartes de
//! binôme reçues des partenaires.

use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use super::{ErreurStore, Store};
use crate::domain::carte::Carte;

/// Les clés secrètes d'un compte : signature (hexadécimal) et chiffrement (`AGE-SECRET-KEY-…`).
#[derive(Clone)]
pub struct IdentiteSecrete {
    pub signature: zeroize::Zeroizing<String>,
    pub chiffrement: zeroize::Zeroizing<String>,
}

/// Une carte reçue, et si elle a été vérifiée.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarteRecue {
    pub carte: Carte,
    pub empreinte: String,
    pub importee_le: String,
    pub verifiee_le: Option<String>,
}

impl Store {
    pub fn identite(&self, compte: Uuid) -> Result<Option<IdentiteSecrete>, ErreurStore> {
        Ok(self
            .conn
            .query_row(
                "SELECT signature_secrete, chiffrement_secret FROM identites WHERE compte = ?1",
                [compte.to_string()],
                |r| {
                    Ok(IdentiteSecrete {
                        signature: zeroize::Zeroizing::new(r.get(0)?),
                        chiffrement: zeroize::Zeroizing::new(r.get(1)?),
                    })
                },
            )
            .optional()?)
    }

    /// Enregistre l'identité d'un compte ; une identité existante n'est jamais remplacée.
    pub fn creer_identite(
        &self,
        compte: Uuid,
        i: &IdentiteSecrete,
        le: &str,
    ) -> Result<(), ErreurStore> {
        self.conn.execute(
            "INSERT INTO identites (compte, signature_secrete, chiffrement_secret, creee_le)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (compte) DO NOTHING",
            params![compte.to_string(), *i.signature, *i.chiffrement, le],
        )?;
        Ok(())
    }

    /// Enregistre une carte reçue ; une carte déjà connue sous d'autres clés repasse non
    /// vérifiée (ses clés ont changé), la même carte garde sa vérification.
    pub fn enregistrer_carte(&self, c: &Carte, le: &str) -> Result<(), ErreurStore> {
        let json = serde_json::to_string(c)?;
        let empreinte = c.empreinte();
        self.conn.execute(
            "INSERT INTO cartes (compte, carte, empreinte, importee_le, verifiee_le)
             VALUES (?1, ?2, ?3, ?4, NULL)
             ON CONFLICT (compte) DO UPDATE SET carte = excluded.carte,
                 importee_le = excluded.importee_le,
                 verifiee_le = CASE WHEN cartes.empreinte = excluded.empreinte
                                    THEN cartes.verifiee_le END,
                 empreinte = excluded.empreinte",
            params![c.compte.to_string(), json, empreinte, le],
        )?;
        Ok(())
    }

    pub fn verifier_carte(&self, compte: Uuid, le: &str) -> Result<bool, ErreurStore> {
        Ok(self.conn.execute(
            "UPDATE cartes SET verifiee_le = ?2 WHERE compte = ?1",
            params![compte.to_string(), le],
        )? == 1)
    }

    pub fn cartes(&self) -> Result<Vec<CarteRecue>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT carte, empreinte, importee_le, verifiee_le FROM cartes ORDER BY importee_le",
        )?;
        let lignes = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        lignes
            .into_iter()
            .map(|(carte, empreinte, importee_le, verifiee_le)| {
                Ok(CarteRecue {
                    carte: serde_json::from_str(&carte)?,
                    empreinte,
                    importee_le,
                    verifiee_le,
                })
            })
            .collect()
    }
}
