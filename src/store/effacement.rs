//! L'effacement de dossiers : le seul chemin par lequel des événements quittent le journal.
//! Tout se fait dans une transaction : la purge s'inscrit au registre, ses événements sont
//! nommés, le déclencheur du journal laisse passer ceux-là seuls, puis tout ce qui porte la
//! personne disparaît (projections, notes, brouillons, documents retenus, délégations) ; ce
//! qu'elle apportait aux indicateurs reste, sans elle. Après la transaction, `VACUUM`
//! réécrit le fichier (avec `secure_delete`, les pages libérées sont déjà remises à zéro).

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{ErreurStore, Store};
use crate::domain::audit::ActionAudit;
use crate::domain::date::Jour;
use crate::domain::effacement::MotifEffacement;
use crate::domain::freins::Freins;

/// Ce que l'effacement d'un dossier retire, compté table par table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Emprise {
    pub evenements: u64,
    pub notes_privees: u64,
    pub brouillons: u64,
    pub documents: u64,
    pub delegations: u64,
}

/// Un dossier clôturé, tel que l'aperçu d'une purge le montre (sans la personne).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierAEffacer {
    pub id: Uuid,
    pub agence: String,
    pub cloture: Jour,
    pub dernier_contact: Option<Jour>,
    pub emprise: Emprise,
}

/// Ce qu'une purge a fait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RapportEffacement {
    /// Le numéro de la purge au registre.
    pub purge: u64,
    pub dossiers: u64,
    pub evenements: u64,
}

fn compter(conn: &Connection, sql: &str, valeur: &str) -> Result<u64, ErreurStore> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([valeur], |r| r.get::<_, i64>(0))? as u64)
}

fn cle_brouillon(id: Uuid) -> String {
    format!("dossier-{id}")
}

/// Les documents retenus pour ce dossier : l'export s'écrit « modèle:identifiant ».
fn motif_documents(id: Uuid) -> String {
    format!("%:{id}")
}

fn emprise(conn: &Connection, id: Uuid) -> Result<Emprise, ErreurStore> {
    let cle = id.to_string();
    Ok(Emprise {
        evenements: compter(
            conn,
            "SELECT count(*) FROM evenements WHERE dossier_id = ?1",
            &cle,
        )?,
        notes_privees: compter(
            conn,
            "SELECT count(*) FROM notes_privees WHERE dossier = ?1",
            &cle,
        )?,
        brouillons: compter(
            conn,
            "SELECT count(*) FROM brouillons WHERE cle = ?1",
            &cle_brouillon(id),
        )?,
        documents: compter(
            conn,
            "SELECT count(*) FROM sorties WHERE export LIKE ?1",
            &motif_documents(id),
        )?,
        delegations: compter(
            conn,
            "SELECT count(*) FROM delegations WHERE dossier = ?1",
            &cle,
        )?,
    })
}

/// Une purge du registre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purge {
    pub n: u64,
    pub horodatage: String,
    pub qui: String,
    pub motif: MotifEffacement,
    pub dossiers: u64,
    pub evenements: u64,
}

impl Store {
    /// Le registre des purges, la plus récente d'abord.
    pub fn purges(&self) -> Result<Vec<Purge>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT n, horodatage, qui, motif, dossiers, evenements FROM purges ORDER BY n DESC",
        )?;
        let lignes = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        lignes
            .into_iter()
            .map(|(n, horodatage, qui, motif, dossiers, evenements)| {
                Ok(Purge {
                    n: n as u64,
                    horodatage,
                    qui,
                    motif: MotifEffacement::depuis_code(&motif).ok_or_else(|| {
                        ErreurStore::Illisible(format!("motif de purge « {motif} »"))
                    })?,
                    dossiers: dossiers as u64,
                    evenements: evenements as u64,
                })
            })
            .collect()
    }

    /// Les dossiers clôturés dont le dernier contact (ou la clôture) est au plus `limite`.
    pub fn dossiers_a_effacer(&self, limite: Jour) -> Result<Vec<DossierAEffacer>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT id, agence, date_cloture, dernier_contact FROM dossiers
             WHERE etape = 'cloture' AND date_cloture IS NOT NULL
               AND max(date_cloture, coalesce(dernier_contact, date_cloture)) <= ?1
             ORDER BY date_cloture, id",
        )?;
        let lignes = st
            .query_map([limite.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Jour>(2)?,
                    r.get::<_, Option<Jour>>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut v = lignes
            .into_iter()
            .map(|(id, agence, cloture, dernier_contact)| {
                let id = Uuid::parse_str(&id)
                    .map_err(|_| ErreurStore::Illisible(format!("identifiant de dossier {id}")))?;
                Ok(DossierAEffacer {
                    id,
                    agence,
                    cloture,
                    dernier_contact,
                    emprise: emprise(&self.conn, id)?,
                })
            })
            .collect::<Result<Vec<_>, ErreurStore>>()?;
        // Les jeunes en cotraitance sortis ou annulés : l'« agence » est leur mission
        // locale, la « clôture » le dernier jour de cotraitance.
        for c in self.cotraitances()? {
            let Some(fin) = c.faits.fin_de_conservation(limite).filter(|f| *f <= limite) else {
                continue;
            };
            v.push(DossierAEffacer {
                id: c.id,
                agence: c.faits.affectation.mission_locale.clone(),
                cloture: fin,
                dernier_contact: c.faits.entretiens.iter().max().copied(),
                emprise: emprise(&self.conn, c.id)?,
            });
        }
        Ok(v)
    }

    /// Ce que l'effacement de ce dossier retirerait.
    pub fn emprise(&self, id: Uuid) -> Result<Emprise, ErreurStore> {
        emprise(&self.conn, id)
    }

    /// Efface les dossiers en une transaction, inscrite au registre des purges et, dossier
    /// par dossier, au journal d'audit ; puis réécrit le fichier pour qu'aucune page libérée
    /// ne garde la personne.
    pub fn effacer(
        &mut self,
        ids: &[Uuid],
        motif: MotifEffacement,
        qui: &str,
        horodatage: &str,
        freins: &Freins,
    ) -> Result<RapportEffacement, ErreurStore> {
        let tx = self.conn.transaction()?;
        // D'abord vérifier et compter : le registre s'écrit une fois, complet.
        let mut a_retirer = 0;
        for id in ids {
            let cle = id.to_string();
            let etape: Option<String> = tx
                .query_row("SELECT etape FROM dossiers WHERE id = ?1", [&cle], |r| {
                    r.get(0)
                })
                .optional()?;
            match etape.as_deref() {
                // Un jeune en cotraitance : que sa cotraitance soit finie au jour du poste
                // (et, pour une purge, depuis la durée de conservation), le service le
                // vérifie ; la base n'a pas ce jour-là.
                None => {
                    if super::cotraitance::lire_une(&tx, *id)?.is_none() {
                        return Err(ErreurStore::DossierInconnu(cle));
                    }
                }
                Some("cloture") => {}
                Some(_) => return Err(crate::domain::effacement::RefusEffacement::EnCours.into()),
            }
            a_retirer += emprise(&tx, *id)?.evenements;
        }
        tx.execute(
            "INSERT INTO purges (horodatage, qui, motif, dossiers, evenements)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                horodatage,
                qui,
                motif.code(),
                ids.len() as i64,
                a_retirer as i64
            ],
        )?;
        let purge = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO purge_en_cours (seul, purge) VALUES (1, ?1)",
            [purge],
        )?;
        let mut evenements = 0;
        for id in ids {
            let cle = id.to_string();
            let cotraitance = super::cotraitance::lire_une(&tx, *id)?.is_some();
            if !cotraitance {
                let journal = super::journal::evenements_du_dossier(&tx, *id)?;
                super::indicateurs::anonymiser(&tx, *id, &journal, freins)?;
            }
            tx.execute(
                "INSERT INTO evenements_purges (seq, purge)
                 SELECT seq, ?2 FROM evenements WHERE dossier_id = ?1",
                params![cle, purge],
            )?;
            evenements += tx.execute("DELETE FROM evenements WHERE dossier_id = ?1", [&cle])?;
            tx.execute("DELETE FROM dossiers WHERE id = ?1", [&cle])?;
            tx.execute("DELETE FROM cotraitances WHERE id = ?1", [&cle])?;
            tx.execute("DELETE FROM notes_privees WHERE dossier = ?1", [&cle])?;
            tx.execute(
                "DELETE FROM brouillons WHERE cle = ?1",
                [cle_brouillon(*id)],
            )?;
            tx.execute(
                "DELETE FROM sorties WHERE export LIKE ?1",
                [motif_documents(*id)],
            )?;
            tx.execute("DELETE FROM delegations WHERE dossier = ?1", [&cle])?;
            super::audit::inscrire(&tx, horodatage, qui, ActionAudit::Effacement, Some(&cle))?;
        }
        tx.execute("DELETE FROM purge_en_cours", [])?;
        tx.commit()?;
        let rapport = RapportEffacement {
            purge: purge as u64,
            dossiers: ids.len() as u64,
            evenements: evenements as u64,
        };
        self.compacter()?;
        Ok(rapport)
    }

    /// Réécrit la base sans ses pages libres, puis vide le journal WAL dans le fichier.
    pub fn compacter(&self) -> Result<(), ErreurStore> {
        self.conn.execute_batch("VACUUM;")?;
        let occupe: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if occupe != 0 {
            // Une autre connexion lit encore : le journal WAL sera vidé à sa fermeture.
            tracing::warn!("journal WAL non vidé après l'effacement : une autre connexion lit");
        }
        Ok(())
    }
}
