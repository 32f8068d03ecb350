//! La cotraitance au journal : ses événements s'écrivent et se chaînent comme ceux d'un
//! dossier (même table, type « cotraitance.… »), et sa projection garde les faits datés.

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::journal::{Lot, Sujet, ORDRE_COMMUN};
use super::{ErreurStore, Store};
use crate::domain::cotraitance::{
    decider, Acteur, Commande, Contexte, Cotraitance, Evenement, RefusCotraitance, PREFIXE_TYPE,
};

/// Un jeune en cotraitance tel que la base le garde.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cotraitant {
    pub id: Uuid,
    pub version: u64,
    pub faits: Cotraitance,
}

/// Une ligne de la chronologie d'une cotraitance.
#[derive(Debug, Clone, PartialEq)]
pub struct FaitCotraitance {
    pub auteur: String,
    /// Instant d'enregistrement (UTC, RFC 3339).
    pub horodatage: String,
    pub evenement: Evenement,
}

const COLONNES: &str = "id, version, faits";

fn lire(l: &rusqlite::Row) -> rusqlite::Result<(String, u64, String)> {
    Ok((l.get(0)?, l.get(1)?, l.get(2)?))
}

fn depuis((id, version, faits): (String, u64, String)) -> Result<Cotraitant, ErreurStore> {
    Ok(Cotraitant {
        id: Uuid::parse_str(&id).map_err(|e| ErreurStore::Illisible(e.to_string()))?,
        version,
        faits: serde_json::from_str(&faits)?,
    })
}

pub(super) fn lire_une(conn: &Connection, id: Uuid) -> Result<Option<Cotraitant>, ErreurStore> {
    conn.prepare_cached(&format!(
        "SELECT {COLONNES} FROM cotraitances WHERE id = ?1"
    ))?
    .query_row([id.to_string()], lire)
    .optional()?
    .map(depuis)
    .transpose()
}

pub(super) fn ecrire(conn: &Connection, c: &Cotraitant) -> Result<(), ErreurStore> {
    let j = &c.faits.jeune;
    conn.prepare_cached(
        "INSERT INTO cotraitances (id, version, nom, prenom, identifiant_ft, mission_locale,
                                   conseiller_id, date_affectation, faits)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, nom = excluded.nom,
             prenom = excluded.prenom, identifiant_ft = excluded.identifiant_ft,
             mission_locale = excluded.mission_locale, conseiller_id = excluded.conseiller_id,
             date_affectation = excluded.date_affectation, faits = excluded.faits",
    )?
    .execute(params![
        c.id.to_string(),
        c.version,
        j.nom,
        j.prenom,
        j.identifiant_ft,
        c.faits.affectation.mission_locale,
        c.faits.affectation.conseiller.map(|u| u.to_string()),
        c.faits.affectation.date.to_string(),
        serde_json::to_string(&c.faits)?,
    ])?;
    Ok(())
}

impl Lot<'_> {
    /// Exécute une commande de cotraitance au nom de `par` et l'enregistre (journal chaîné
    /// et projection, dans la transaction du lot). `conseiller` : le conseiller qui affecte.
    pub fn executer_cotraitance(
        &mut self,
        id: Uuid,
        commande: &Commande,
        par: Acteur,
        ctx: &Contexte,
        conseiller: Option<Uuid>,
    ) -> Result<Evenement, ErreurStore> {
        let actuel = lire_une(self.tx(), id)?;
        if actuel.is_none() {
            match commande {
                Commande::Affecter { jeune, .. } => {
                    self.verifier_doubles(&jeune.identifiant_ft, ctx)?
                }
                _ => return Err(ErreurStore::CotraitanceInconnue(id.to_string())),
            }
        }
        let mut e = decider(actuel.as_ref().map(|c| &c.faits), commande, par, ctx)?;
        if let Evenement::Affecte { affectation, .. } = &mut e {
            affectation.conseiller = conseiller;
        }
        let suivant = match (actuel, &e) {
            (Some(mut c), e) => {
                c.faits.appliquer(e);
                c.version += 1;
                c
            }
            (None, Evenement::Affecte { jeune, affectation }) => Cotraitant {
                id,
                version: 1,
                faits: Cotraitance::affecte(jeune.clone(), affectation.clone()),
            },
            (None, _) => return Err(ErreurStore::CotraitanceInconnue(id.to_string())),
        };
        self.inserer(
            Sujet::Dossier(id),
            suivant.version,
            e.type_(),
            &serde_json::to_string(&e)?,
        )?;
        ecrire(self.tx(), &suivant)?;
        Ok(e)
    }

    /// Ce que le domaine ne voit pas seul : une autre cotraitance en cours, ou un dossier
    /// d'accompagnement global ouvert, pour le même demandeur d'emploi.
    fn verifier_doubles(&self, identifiant: &str, ctx: &Contexte) -> Result<(), ErreurStore> {
        let global: bool = self
            .tx()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM dossiers WHERE identifiant_ft = ?1 AND etape <> 'cloture')",
            )?
            .query_row([identifiant], |r| r.get(0))?;
        if global {
            return Err(RefusCotraitance::AccompagnementGlobalEnCours.into());
        }
        let mut st = self.tx().prepare_cached(&format!(
            "SELECT {COLONNES} FROM cotraitances WHERE identifiant_ft = ?1"
        ))?;
        for l in st.query_map([identifiant], lire)? {
            let c = depuis(l?)?;
            if c.faits.etat_au(ctx.aujourdhui).en_cours() {
                let ml = ctx
                    .missions_locales
                    .iter()
                    .find(|m| m.code == c.faits.affectation.mission_locale)
                    .map_or(c.faits.affectation.mission_locale.as_str(), |m| &m.nom);
                return Err(RefusCotraitance::DejaAccompagne(format!(
                    "{ml}, en cotraitance depuis le {}",
                    crate::domain::date::date_fr(c.faits.affectation.date)
                ))
                .into());
            }
        }
        Ok(())
    }
}

/// Qui agit : l'acteur de la cotraitance, l'auteur au journal et, pour une affectation, le
/// conseiller qui affecte.
pub struct Agir<'a> {
    pub par: Acteur,
    pub auteur: &'a str,
    pub conseiller: Option<Uuid>,
}

impl Store {
    /// Une commande de cotraitance, dans sa propre transaction.
    pub fn executer_cotraitance(
        &mut self,
        id: Uuid,
        commande: &Commande,
        agir: Agir,
        ctx: &Contexte,
        dossiers: crate::domain::dossier::Contexte,
    ) -> Result<Evenement, ErreurStore> {
        let mut lot = self.lot(agir.auteur, dossiers)?;
        let e = lot.executer_cotraitance(id, commande, agir.par, ctx, agir.conseiller)?;
        lot.valider()?;
        Ok(e)
    }

    pub fn cotraitance(&self, id: Uuid) -> Result<Option<Cotraitant>, ErreurStore> {
        lire_une(&self.conn, id)
    }

    /// Tous les jeunes en cotraitance de la base, par nom.
    pub fn cotraitances(&self) -> Result<Vec<Cotraitant>, ErreurStore> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLONNES} FROM cotraitances ORDER BY nom, prenom, id"
        ))?;
        let lignes = st.query_map([], lire)?;
        lignes.map(|l| depuis(l?)).collect()
    }

    /// La chronologie d'une cotraitance, dans l'ordre commun du journal.
    pub fn journal_cotraitance(&self, id: Uuid) -> Result<Vec<FaitCotraitance>, ErreurStore> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT auteur, horodatage, donnees FROM evenements
             WHERE dossier_id = ?1 AND type LIKE '{PREFIXE_TYPE}%' ORDER BY {ORDRE_COMMUN}"
        ))?;
        let lignes = st.query_map([id.to_string()], |l| {
            Ok((l.get(0)?, l.get(1)?, l.get::<_, String>(2)?))
        })?;
        lignes
            .map(|l| {
                let (auteur, horodatage, donnees) = l?;
                Ok(FaitCotraitance {
                    auteur,
                    horodatage,
                    evenement: serde_json::from_str(&donnees)?,
                })
            })
            .collect()
    }
}

/// Le type d'un événement du journal est-il celui d'une cotraitance ?
pub(super) fn est_de_cotraitance(type_: &str) -> bool {
    type_.starts_with(PREFIXE_TYPE)
}

/// Un jeune rejoué depuis le journal seul, dans l'ordre commun aux deux installations
/// (celle de Pôle emploi et celle de la mission locale).
pub(super) fn rejouer(conn: &Connection, id: Uuid) -> Result<Option<Cotraitant>, ErreurStore> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT donnees FROM evenements
         WHERE dossier_id = ?1 AND type LIKE '{PREFIXE_TYPE}%' ORDER BY {ORDRE_COMMUN}"
    ))?;
    let evenements = st
        .query_map([id.to_string()], |l| l.get::<_, String>(0))?
        .map(|d| Ok(serde_json::from_str::<Evenement>(&d?)?))
        .collect::<Result<Vec<_>, ErreurStore>>()?;
    Ok(Cotraitance::rejouer(&evenements).map(|faits| Cotraitant {
        id,
        version: evenements.len() as u64,
        faits,
    }))
}

impl Store {
    /// Nos faits d'un jeune (écrits ici) au-delà du rang `depuis` de ce poste : ce qui part
    /// vers l'autre installation.
    pub fn faits_a_envoyer(
        &self,
        cotraitance: Uuid,
        depuis: i64,
    ) -> Result<Vec<crate::domain::echange::FaitEchange>, ErreurStore> {
        self.a_envoyer(cotraitance, depuis, true)?
            .into_iter()
            .map(|b| {
                Ok(crate::domain::echange::FaitEchange {
                    id: b.id,
                    cotraitance,
                    origine: b.origine,
                    seq_origine: b.seq,
                    hlc_ms: b.hlc.0,
                    hlc_c: b.hlc.1,
                    auteur: b.auteur,
                    horodatage: b.horodatage,
                    evenement: serde_json::from_str(&b.donnees)?,
                })
            })
            .collect()
    }
}
