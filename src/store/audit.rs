//! Le journal d'audit dans la base : ajout d'une entrée chaînée, lecture d'une période,
//! vérification de la chaîne depuis le point de la dernière purge, purge.

use rusqlite::{params, OptionalExtension};

use super::{ErreurStore, Store};
use crate::domain::audit::{self, ActionAudit, EntreeAudit, RuptureAudit};

/// Une entrée lue : l'entrée, l'empreinte à laquelle elle est chaînée, la sienne.
pub type LigneAudit = (EntreeAudit, String, String);

/// Les colonnes d'une entrée, brutes : n, horodatage, qui, action, dossier, chaînée à,
/// empreinte.
type Brute = (i64, String, String, String, Option<String>, String, String);

fn lire(r: &rusqlite::Row) -> rusqlite::Result<Brute> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn ligne(
    (n, horodatage, qui, action, dossier, chainee_a, empreinte): Brute,
) -> Result<LigneAudit, ErreurStore> {
    let action = ActionAudit::depuis_code(&action)
        .ok_or_else(|| ErreurStore::AuditIllisible(n as u64, action.clone()))?;
    Ok((
        EntreeAudit {
            n: n as u64,
            horodatage,
            qui,
            action,
            dossier,
        },
        chainee_a,
        empreinte,
    ))
}

/// Ajoute une entrée au bout de la chaîne, dans la transaction en cours.
pub(super) fn inscrire(
    tx: &rusqlite::Connection,
    horodatage: &str,
    qui: &str,
    action: ActionAudit,
    dossier: Option<&str>,
) -> Result<u64, ErreurStore> {
    // Préparées une fois par connexion : un lot de cent impressions en inscrit cent.
    let dernier: Option<(i64, String)> = tx
        .prepare_cached("SELECT n, empreinte FROM audit ORDER BY n DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (n, precedente) = match dernier {
        Some(d) => d,
        None => tx.query_row("SELECT n, empreinte FROM audit_point", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?,
    };
    let e = EntreeAudit {
        n: n as u64 + 1,
        horodatage: horodatage.to_string(),
        qui: qui.to_string(),
        action,
        dossier: dossier.map(str::to_string),
    };
    let h = audit::empreinte(&precedente, &e);
    tx.prepare_cached(
        "INSERT INTO audit (n, horodatage, qui, action, dossier, chainee_a, empreinte)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        e.n as i64,
        e.horodatage,
        e.qui,
        action.code(),
        e.dossier,
        precedente,
        h
    ])?;
    Ok(e.n)
}

impl Store {
    /// Ajoute une entrée au bout de la chaîne.
    pub fn auditer(
        &mut self,
        horodatage: &str,
        qui: &str,
        action: ActionAudit,
        dossier: Option<&str>,
    ) -> Result<u64, ErreurStore> {
        let tx = self.conn.transaction()?;
        let n = inscrire(&tx, horodatage, qui, action, dossier)?;
        tx.commit()?;
        Ok(n)
    }

    /// Les entrées dont l'horodatage est entre `de` et `a` (inclus, `AAAA-MM-JJ`).
    pub fn audit_entre(&self, de: &str, a: &str) -> Result<Vec<LigneAudit>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT n, horodatage, qui, action, dossier, chainee_a, empreinte FROM audit
             WHERE substr(horodatage, 1, 10) BETWEEN ?1 AND ?2 ORDER BY n",
        )?;
        let lignes = st.query_map(params![de, a], lire)?;
        lignes.map(|l| ligne(l?)).collect()
    }

    /// Les entrées d'un dossier, dans l'ordre (le relevé des données de la personne).
    pub fn audit_du_dossier(&self, dossier: &str) -> Result<Vec<LigneAudit>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT n, horodatage, qui, action, dossier, chainee_a, empreinte FROM audit
             WHERE dossier = ?1 ORDER BY n",
        )?;
        let lignes = st.query_map([dossier], lire)?;
        lignes.map(|l| ligne(l?)).collect()
    }

    /// Les `n` dernières entrées, les plus récentes d'abord.
    pub fn audit_recent(&self, n: u32) -> Result<Vec<LigneAudit>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT n, horodatage, qui, action, dossier, chainee_a, empreinte FROM audit
             ORDER BY n DESC LIMIT ?1",
        )?;
        let lignes = st.query_map(params![n], lire)?;
        lignes.map(|l| ligne(l?)).collect()
    }

    /// Vérifie toute la chaîne depuis le point de la dernière purge : le nombre d'entrées
    /// vérifiées, ou l'endroit où elle est rompue.
    pub fn verifier_audit(&self) -> Result<Result<u64, RuptureAudit>, ErreurStore> {
        let (n, h): (i64, String) =
            self.conn
                .query_row("SELECT n, empreinte FROM audit_point", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let mut st = self.conn.prepare(
            "SELECT n, horodatage, qui, action, dossier, chainee_a, empreinte FROM audit ORDER BY n",
        )?;
        let lignes = st
            .query_map([], lire)?
            .map(|l| ligne(l?))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(audit::verifier((n as u64, &h), &lignes))
    }

    /// Retire les entrées d'avant `avant` (`AAAA-MM-JJ`) et garde le point de départ de la
    /// suite ; rend le nombre d'entrées retirées.
    pub fn purger_audit(&mut self, avant: &str) -> Result<u64, ErreurStore> {
        let tx = self.conn.transaction()?;
        let dernier: Option<(i64, String)> = tx
            .query_row(
                "SELECT n, empreinte FROM audit WHERE substr(horodatage, 1, 10) < ?1
                 ORDER BY n DESC LIMIT 1",
                params![avant],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((n, h)) = dernier else {
            return Ok(0);
        };
        let retirees = tx.execute("DELETE FROM audit WHERE n <= ?1", params![n])?;
        tx.execute(
            "UPDATE audit_point SET n = ?1, empreinte = ?2",
            params![n, h],
        )?;
        tx.commit()?;
        Ok(retirees as u64)
    }
}
