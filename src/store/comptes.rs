//! Les comptes et les délégations, dans la base chiffrée.

use rusqlite::{params, OptionalExtension, Row};
use uuid::Uuid;

use super::{ErreurStore, Store};
use crate::domain::compte::{Compte, Delegation};

fn uuid(t: String) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&t).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn compte(r: &Row) -> rusqlite::Result<Compte> {
    Ok(Compte {
        id: uuid(r.get(0)?)?,
        identifiant: r.get(1)?,
        professionnel: r.get::<_, Option<String>>(2)?.map(uuid).transpose()?,
        administrateur: r.get(3)?,
        actif: r.get(4)?,
    })
}

const COLONNES: &str = "id, identifiant, professionnel, administrateur, actif";

fn unicite(e: rusqlite::Error, c: &Compte) -> ErreurStore {
    let message = e.to_string();
    if message.contains("comptes.identifiant") {
        ErreurStore::IdentifiantPris(c.identifiant.clone())
    } else if message.contains("comptes.professionnel") {
        ErreurStore::ProfessionnelDejaLie(c.identifiant.clone())
    } else {
        e.into()
    }
}

impl Store {
    pub fn creer_compte(&self, c: &Compte, le: &str) -> Result<(), ErreurStore> {
        self.conn
            .execute(
                "INSERT INTO comptes (id, identifiant, professionnel, administrateur, actif, cree_le)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    c.id.to_string(),
                    c.identifiant,
                    c.professionnel.map(|p| p.to_string()),
                    c.administrateur,
                    c.actif,
                    le
                ],
            )
            .map_err(|e| unicite(e, c))?;
        Ok(())
    }

    /// Enregistre les droits, le professionnel lié et l'état d'un compte existant.
    pub fn modifier_compte(&self, c: &Compte) -> Result<(), ErreurStore> {
        let n = self
            .conn
            .execute(
                "UPDATE comptes SET identifiant = ?2, professionnel = ?3, administrateur = ?4, actif = ?5
                 WHERE id = ?1",
                params![
                    c.id.to_string(),
                    c.identifiant,
                    c.professionnel.map(|p| p.to_string()),
                    c.administrateur,
                    c.actif
                ],
            )
            .map_err(|e| unicite(e, c))?;
        if n == 0 {
            return Err(ErreurStore::CompteInconnu(c.identifiant.clone()));
        }
        Ok(())
    }

    pub fn comptes(&self) -> Result<Vec<Compte>, ErreurStore> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLONNES} FROM comptes ORDER BY identifiant"
        ))?;
        let v = st.query_map([], compte)?.collect::<Result<_, _>>()?;
        Ok(v)
    }

    pub fn compte(&self, id: Uuid) -> Result<Option<Compte>, ErreurStore> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLONNES} FROM comptes WHERE id = ?1"),
                [id.to_string()],
                compte,
            )
            .optional()?)
    }

    pub fn compte_par_identifiant(&self, identifiant: &str) -> Result<Option<Compte>, ErreurStore> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLONNES} FROM comptes WHERE identifiant = ?1"),
                [identifiant.trim().to_lowercase()],
                compte,
            )
            .optional()?)
    }

    pub fn accorder_delegation(&self, d: &Delegation, le: &str) -> Result<(), ErreurStore> {
        self.conn.execute(
            "INSERT INTO delegations (id, titulaire, delegataire, dossier, debut, fin, accordee_par, accordee_le)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                d.id.to_string(),
                d.titulaire.to_string(),
                d.delegataire.to_string(),
                d.dossier.map(|x| x.to_string()),
                d.debut,
                d.fin,
                d.accordee_par.to_string(),
                le
            ],
        )?;
        Ok(())
    }

    /// Retire une délégation avant son terme ; elle reste inscrite.
    pub fn retirer_delegation(&self, id: Uuid, le: &str) -> Result<(), ErreurStore> {
        self.conn.execute(
            "UPDATE delegations SET retiree_le = ?2 WHERE id = ?1 AND retiree_le IS NULL",
            params![id.to_string(), le],
        )?;
        Ok(())
    }

    pub fn delegations(&self) -> Result<Vec<Delegation>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT id, titulaire, delegataire, dossier, debut, fin, accordee_par, retiree_le IS NOT NULL
             FROM delegations ORDER BY debut, id",
        )?;
        let v = st
            .query_map([], |r| {
                Ok(Delegation {
                    id: uuid(r.get(0)?)?,
                    titulaire: uuid(r.get(1)?)?,
                    delegataire: uuid(r.get(2)?)?,
                    dossier: r.get::<_, Option<String>>(3)?.map(uuid).transpose()?,
                    debut: r.get(4)?,
                    fin: r.get(5)?,
                    accordee_par: uuid(r.get(6)?)?,
                    retiree: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(v)
    }
}
