//! Le transport des événements entre les deux installations d'un binôme, au niveau du
//! journal : ce qui part d'ici (nos événements d'un dossier, au-delà de ce que le partenaire
//! a accusé), et ce qui arrive (appliqué en une transaction, idempotent par identifiant,
//! rejoué dans l'ordre commun). Le paquet qui les porte (signé, chiffré) est dans
//! `formats::paquet` ; le filtre de consentement dans le domaine (`Dossier::partage_avec`).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{projection, ErreurStore, Store};
use crate::domain::dossier::{Dossier, Evenement};
use crate::domain::freins::Freins;

/// Un événement tel qu'il voyage : son identifiant, son origine et son horloge, qui
/// donnent le même ordre commun des deux côtés.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvenementEchange {
    pub id: Uuid,
    pub dossier: Uuid,
    pub origine: Uuid,
    pub seq_origine: i64,
    pub hlc_ms: i64,
    pub hlc_c: i64,
    pub auteur: String,
    pub horodatage: String,
    pub evenement: Evenement,
}

/// Ce qu'une réception a changé.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reception {
    pub nouveaux: u64,
    /// Déjà là, à l'identique (un paquet reçu deux fois, ou qui en recoupe un autre).
    pub deja_recus: u64,
    pub dossiers: BTreeSet<Uuid>,
}

/// Ce qui identifie un événement déjà là : dossier, origine, numéro là-bas, horloge, contenu.
type Trace = (
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
    i64,
    String,
);

/// L'horloge d'un poste peut être déréglée : au-delà d'un jour dans le futur, refusé.
const AVANCE_MAX_MS: i64 = 24 * 3600 * 1000;

impl Store {
    /// Nos événements d'un dossier (ceux écrits ici) au-delà du rang `depuis` de ce poste,
    /// dans leur ordre d'écriture.
    pub fn evenements_a_envoyer(
        &self,
        dossier: Uuid,
        depuis: i64,
    ) -> Result<Vec<EvenementEchange>, ErreurStore> {
        let moi = self.installation;
        let mut st = self.conn.prepare_cached(
            "SELECT id, seq, hlc_ms, hlc_c, auteur, horodatage, donnees FROM evenements
             WHERE dossier_id = ?1 AND seq > ?2 AND seq_origine IS NULL
             ORDER BY seq",
        )?;
        let lignes = st.query_map(params![dossier.to_string(), depuis], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut v = Vec::new();
        for l in lignes {
            let (id, seq, hlc_ms, hlc_c, auteur, horodatage, donnees) = l?;
            v.push(EvenementEchange {
                id: Uuid::parse_str(&id).map_err(|e| ErreurStore::Illisible(e.to_string()))?,
                dossier,
                origine: moi,
                seq_origine: seq,
                hlc_ms,
                hlc_c,
                auteur,
                horodatage,
                evenement: serde_json::from_str(&donnees)?,
            });
        }
        Ok(v)
    }

    /// Applique des événements reçus du partenaire, tout ou rien : un événement déjà là à
    /// l'identique est ignoré ; un identifiant connu sous un autre contenu, un événement
    /// qui se dit d'ici, ou une horloge à plus d'un jour dans le futur refusent le tout.
    /// Chaque dossier touché est rejoué dans l'ordre commun (projections, indicateurs).
    pub fn recevoir(
        &mut self,
        evenements: &[EvenementEchange],
        paquet: Option<i64>,
        freins: &Freins,
    ) -> Result<Reception, ErreurStore> {
        let moi = self.installation;
        let limite = chrono::Utc::now().timestamp_millis() + AVANCE_MAX_MS;
        let tx = self.conn.transaction()?;
        let mut r = Reception::default();
        let mut avant: BTreeMap<Uuid, Vec<Evenement>> = BTreeMap::new();
        for e in evenements {
            if e.origine == moi {
                return Err(refus(format!(
                    "l'événement {} se dit écrit sur ce poste : le paquet est refusé",
                    e.id
                )));
            }
            if e.hlc_ms > limite {
                return Err(refus(format!(
                    "l'événement {} est daté de plus d'un jour dans le futur (horloge du poste du partenaire déréglée ?) : le paquet est refusé",
                    e.id
                )));
            }
            let donnees = serde_json::to_string(&e.evenement)?;
            let connu: Option<Trace> = tx
                .prepare_cached(
                    "SELECT dossier_id, origine, seq_origine, hlc_ms, hlc_c, donnees
                     FROM evenements WHERE id = ?1",
                )?
                .query_row([e.id.to_string()], |x| {
                    Ok((
                        x.get(0)?,
                        x.get(1)?,
                        x.get(2)?,
                        x.get(3)?,
                        x.get(4)?,
                        x.get(5)?,
                    ))
                })
                .optional()?;
            if let Some(c) = connu {
                let meme = (
                    Some(e.dossier.to_string()),
                    Some(e.origine.to_string()),
                    Some(e.seq_origine),
                    e.hlc_ms,
                    e.hlc_c,
                    donnees.clone(),
                );
                if c != meme {
                    return Err(refus(format!(
                        "l'événement {} est déjà là avec un autre contenu : le paquet est refusé",
                        e.id
                    )));
                }
                r.deja_recus += 1;
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(v) = avant.entry(e.dossier) {
                v.insert(super::journal::evenements_du_dossier(&tx, e.dossier)?);
            }
            let version: u64 = tx
                .prepare_cached(
                    "SELECT coalesce(max(version), 0) + 1 FROM evenements WHERE dossier_id = ?1",
                )?
                .query_row([e.dossier.to_string()], |x| x.get(0))?;
            tx.prepare_cached(
                "INSERT INTO evenements (id, dossier_id, version, auteur, horodatage, type, donnees,
                                         origine, seq_origine, hlc_ms, hlc_c, paquet)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                e.id.to_string(),
                e.dossier.to_string(),
                version,
                e.auteur,
                e.horodatage,
                e.evenement.type_(),
                donnees,
                e.origine.to_string(),
                e.seq_origine,
                e.hlc_ms,
                e.hlc_c,
                paquet,
            ])
            .map_err(|x| {
                if super::est_devance(&x) {
                    refus(format!(
                        "l'événement n° {} de l'installation {} est déjà là sous un autre identifiant : le paquet est refusé",
                        e.seq_origine, e.origine
                    ))
                } else {
                    x.into()
                }
            })?;
            super::chaine::chainer(&tx, tx.last_insert_rowid())?;
            r.nouveaux += 1;
            r.dossiers.insert(e.dossier);
        }
        for id in &r.dossiers {
            let apres = super::journal::evenements_du_dossier(&tx, *id)?;
            let dossier = Dossier::rejouer(&apres).ok_or_else(|| {
                refus(format!(
                    "le dossier {id} reçu ne commence pas par son ouverture : il manque un paquet antérieur"
                ))
            })?;
            let vide = Vec::new();
            let avant = avant.get(id).unwrap_or(&vide);
            super::indicateurs::remplacer_journal(&tx, *id, avant, &apres, freins)?;
            projection::ecrire_dossier(&tx, &dossier)?;
        }
        tx.commit()?;
        Ok(r)
    }
}

fn refus(texte: String) -> ErreurStore {
    ErreurStore::Echange(texte)
}
