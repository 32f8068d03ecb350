//! Reconstruction des projections à partir du journal, et vérification de la base.

use std::collections::BTreeMap;

use rusqlite::Connection;
use uuid::Uuid;

use super::{migrations, projection, ErreurStore, Store};
use crate::domain::dossier::{Dossier, Etape, Evenement};
use crate::domain::professionnel::{EvenementProfessionnel, Professionnel};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rapport {
    pub evenements: u64,
    pub dossiers: u64,
    pub professionnels: u64,
}

/// Résultat de `binome check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub version_schema: u32,
    pub evenements: u64,
    pub professionnels: u64,
    pub par_etape: Vec<(Etape, u64)>,
    /// Problèmes trouvés ; vide si la base est saine.
    pub problemes: Vec<String>,
}

impl Verification {
    pub fn est_saine(&self) -> bool {
        self.problemes.is_empty()
    }
}

/// L'état attendu, recalculé depuis le journal seul.
struct Rejeu {
    dossiers: BTreeMap<Uuid, Dossier>,
    cotraitances: BTreeMap<Uuid, super::Cotraitant>,
    professionnels: BTreeMap<Uuid, (Professionnel, u64)>,
    evenements: u64,
}

fn rejouer(conn: &Connection) -> Result<Rejeu, ErreurStore> {
    let mut st = conn.prepare(
        "SELECT seq, dossier_id, professionnel_id, version, donnees, type FROM evenements ORDER BY seq",
    )?;
    let mut lignes = st.query([])?;
    let mut r = Rejeu {
        dossiers: BTreeMap::new(),
        cotraitances: BTreeMap::new(),
        professionnels: BTreeMap::new(),
        evenements: 0,
    };
    while let Some(l) = lignes.next()? {
        let seq: i64 = l.get(0)?;
        let dossier: Option<String> = l.get(1)?;
        let professionnel: Option<String> = l.get(2)?;
        let version: u64 = l.get(3)?;
        let donnees: String = l.get(4)?;
        let mauvais = |quoi: &str| ErreurStore::Illisible(format!("événement n° {seq} : {quoi}"));
        r.evenements += 1;
        let type_: String = l.get(5)?;
        if super::cotraitance::est_de_cotraitance(&type_) {
            let id = dossier.ok_or_else(|| mauvais("cotraitance sans identifiant"))?;
            let id = Uuid::parse_str(&id).map_err(|_| mauvais("identifiant de cotraitance"))?;
            let e: crate::domain::cotraitance::Evenement =
                serde_json::from_str(&donnees).map_err(|e| mauvais(&e.to_string()))?;
            match (r.cotraitances.get_mut(&id), &e) {
                (None, crate::domain::cotraitance::Evenement::Affecte { jeune, affectation })
                    if version == 1 =>
                {
                    let faits = crate::domain::cotraitance::Cotraitance::affecte(
                        jeune.clone(),
                        affectation.clone(),
                    );
                    r.cotraitances
                        .insert(id, super::Cotraitant { id, version, faits });
                }
                (Some(c), _) if c.version + 1 == version => {
                    c.faits.appliquer(&e);
                    c.version = version;
                }
                _ => return Err(mauvais("version hors séquence")),
            }
        } else if let Some(id) = dossier {
            let id = Uuid::parse_str(&id).map_err(|_| mauvais("identifiant de dossier"))?;
            let e: Evenement =
                serde_json::from_str(&donnees).map_err(|e| mauvais(&e.to_string()))?;
            match (r.dossiers.get_mut(&id), &e) {
                (None, Evenement::DossierOuvert(o)) if version == 1 => {
                    r.dossiers.insert(id, Dossier::ouvert(o));
                }
                // Une rectification change le passé : le dossier se rejoue en entier.
                (Some(d), Evenement::Rectifiee(_)) if d.version + 1 == version => {
                    let journal = super::journal::evenements_du_dossier(conn, id)?;
                    let jusque_la = journal.get(..version as usize).unwrap_or(&journal);
                    *d = Dossier::rejouer(jusque_la).ok_or_else(|| mauvais("journal"))?;
                }
                (Some(d), _) if d.version + 1 == version => d.appliquer(&e),
                _ => return Err(mauvais("version hors séquence")),
            }
        } else if let Some(id) = professionnel {
            let id = Uuid::parse_str(&id).map_err(|_| mauvais("identifiant de professionnel"))?;
            let EvenementProfessionnel::ProfessionnelEnregistre(p) =
                serde_json::from_str(&donnees).map_err(|e| mauvais(&e.to_string()))?;
            r.professionnels.insert(id, (p, version));
        }
    }
    // Un dossier partagé a reçu des événements de l'autre installation (eux seuls portent
    // leur numéro là-bas) : son état suit l'ordre commun, pas l'ordre d'arrivée ici.
    let partages: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT dossier_id FROM evenements
             WHERE seq_origine IS NOT NULL AND dossier_id IS NOT NULL
               AND type NOT LIKE 'cotraitance.%'",
        )?
        .query_map([], |l| l.get(0))?
        .collect::<Result<_, _>>()?;
    for id in partages {
        let id = Uuid::parse_str(&id)
            .map_err(|_| ErreurStore::Illisible(format!("identifiant de dossier {id}")))?;
        let journal = super::journal::evenements_du_dossier(conn, id)?;
        if let Some(d) = Dossier::rejouer(&journal) {
            r.dossiers.insert(id, d);
        }
    }
    // De même pour les jeunes en cotraitance reçus de l'autre installation.
    let recus: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT dossier_id FROM evenements
             WHERE seq_origine IS NOT NULL AND type LIKE 'cotraitance.%'",
        )?
        .query_map([], |l| l.get(0))?
        .collect::<Result<_, _>>()?;
    for id in recus {
        let id = Uuid::parse_str(&id)
            .map_err(|_| ErreurStore::Illisible(format!("identifiant de cotraitance {id}")))?;
        if let Some(c) = super::cotraitance::rejouer(conn, id)? {
            r.cotraitances.insert(id, c);
        }
    }
    Ok(r)
}

/// La version des règles qui tirent l'état d'un dossier de son journal : quand elle change
/// (une étape nouvelle, une colonne du portefeuille), les projections des dossiers sont
/// recalculées une fois à l'ouverture.
const VERSION_PROJECTIONS: u32 = 2;
const CLE_VERSION_PROJECTIONS: &str = "version_projections";

/// À l'ouverture : des projections tenues par d'autres règles sont refaites depuis le
/// journal (sauf journal altéré : `check` le signale, rien n'est rendu officiel).
pub(super) fn reprojeter_si_besoin(conn: &mut Connection, migree: bool) -> Result<(), ErreurStore> {
    let a_jour = !migree
        && super::preferences::lire::<u32>(conn, CLE_VERSION_PROJECTIONS)?
            == Some(VERSION_PROJECTIONS);
    if a_jour {
        return Ok(());
    }
    let tx = conn.transaction()?;
    let vide: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM dossiers)", [], |r| {
        r.get(0)
    })?;
    if !vide {
        if let Some(p) = super::chaine::verifier(&tx)?.first() {
            tracing::warn!("projections non recalculées, journal altéré : {p}");
            return Ok(());
        }
        let r = rejouer(&tx)?;
        for d in r.dossiers.values() {
            projection::ecrire_dossier(&tx, d)?;
        }
        for c in r.cotraitances.values() {
            super::cotraitance::ecrire(&tx, c)?;
        }
        tracing::info!(dossiers = r.dossiers.len(), "projections recalculées");
    }
    super::preferences::ecrire(&tx, CLE_VERSION_PROJECTIONS, &VERSION_PROJECTIONS)?;
    tx.commit()?;
    Ok(())
}

impl Store {
    /// Efface les projections et les recalcule à partir du journal, en une transaction.
    pub fn reconstruire(&mut self) -> Result<Rapport, ErreurStore> {
        let tx = self.conn.transaction()?;
        // Recalculer depuis un journal réécrit rendrait officiel ce qui a été falsifié.
        if let Some(p) = super::chaine::verifier(&tx)?.first() {
            return Err(ErreurStore::JournalAltere(p.clone()));
        }
        let r = rejouer(&tx)?;
        tx.execute_batch(
            "DELETE FROM etats_dossiers; DELETE FROM dossiers; DELETE FROM professionnels;
             DELETE FROM cotraitances;",
        )?;
        for (p, version) in r.professionnels.values() {
            projection::ecrire_professionnel(&tx, p, *version)?;
        }
        for d in r.dossiers.values() {
            projection::ecrire_dossier(&tx, d)?;
        }
        for c in r.cotraitances.values() {
            super::cotraitance::ecrire(&tx, c)?;
        }
        super::indicateurs::reconstruire(&tx, &crate::domain::freins::Freins::embarque())?;
        super::ressources::reindexer(&tx)?;
        tx.commit()?;
        Ok(Rapport {
            evenements: r.evenements,
            dossiers: r.dossiers.len() as u64,
            professionnels: r.professionnels.len() as u64,
        })
    }

    /// Contenu complet des projections, ligne à ligne, pour comparer deux états.
    pub fn empreinte_projections(&self) -> Result<Vec<String>, ErreurStore> {
        let mut v = Vec::new();
        for table in [
            "professionnels",
            "dossiers",
            "etats_dossiers",
            "cotraitances",
        ] {
            let mut st = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY id"))?;
            let n = st.column_count();
            let mut lignes = st.query([])?;
            while let Some(l) = lignes.next()? {
                let mut cellules = vec![table.to_string()];
                for i in 0..n {
                    let valeur: rusqlite::types::Value = l.get(i)?;
                    cellules.push(format!("{valeur:?}"));
                }
                v.push(cellules.join("|"));
            }
        }
        Ok(v)
    }

    pub fn verifier(&self) -> Result<Verification, ErreurStore> {
        let mut problemes = super::chaine::verifier(&self.conn)?;
        if let Err(rupture) = self.verifier_audit()? {
            problemes.push(rupture.to_string());
        }
        let integrite: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrite != "ok" {
            problemes.push(format!("intégrité SQLite : {integrite}"));
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let cles = st.query_map([], |r| r.get::<_, String>(0))?.count();
        if cles > 0 {
            problemes.push(format!("{cles} référence(s) vers un professionnel absent"));
        }
        match rejouer(&self.conn) {
            Err(e) => problemes.push(format!("journal illisible : {e}")),
            Ok(r) => {
                let lignes: std::collections::HashMap<Uuid, crate::domain::echeances::Resume> =
                    self.portefeuille()?
                        .into_iter()
                        .map(|l| (l.id, l))
                        .collect();
                for (id, attendu) in &r.dossiers {
                    if lignes.get(id).is_some_and(|l| *l != attendu.resume()) {
                        problemes.push(format!(
                            "dossier {id} : la ligne du portefeuille diffère du journal (lancez « binome rebuild »)"
                        ));
                    }
                    match self.dossier(*id) {
                        Ok(Some(d)) if &d == attendu => {}
                        Ok(Some(_)) => problemes.push(format!(
                            "dossier {id} : la projection diffère du journal (lancez « binome rebuild »)"
                        )),
                        Ok(None) => problemes.push(format!(
                            "dossier {id} : absent des projections (lancez « binome rebuild »)"
                        )),
                        Err(e) => problemes.push(format!("dossier {id} : {e}")),
                    }
                }
                for (id, attendu) in &r.cotraitances {
                    match self.cotraitance(*id) {
                        Ok(Some(c)) if &c == attendu => {}
                        Ok(Some(_)) => problemes.push(format!(
                            "cotraitance {id} : la projection diffère du journal (lancez « binome rebuild »)"
                        )),
                        Ok(None) => problemes.push(format!(
                            "cotraitance {id} : absente des projections (lancez « binome rebuild »)"
                        )),
                        Err(e) => problemes.push(format!("cotraitance {id} : {e}")),
                    }
                }
                let annuaire: std::collections::HashMap<Uuid, Professionnel> = self
                    .professionnels()?
                    .into_iter()
                    .map(|p| (p.id, p))
                    .collect();
                for (id, (p, _)) in &r.professionnels {
                    if annuaire.get(id) != Some(p) {
                        problemes.push(format!(
                            "professionnel {id} : l'annuaire diffère du journal (lancez « binome rebuild »)"
                        ));
                    }
                }
                let projetes: u64 =
                    self.conn
                        .query_row("SELECT count(*) FROM dossiers", [], |r| r.get(0))?;
                if projetes != r.dossiers.len() as u64 {
                    problemes.push(format!(
                        "{projetes} dossiers projetés pour {} dans le journal (lancez « binome rebuild »)",
                        r.dossiers.len()
                    ));
                }
            }
        }
        problemes.extend(super::ressources::verifier(&self.conn)?);
        Ok(Verification {
            version_schema: migrations::version_courante(&self.conn)?,
            evenements: self.nombre_evenements()?,
            professionnels: self.professionnels()?.len() as u64,
            par_etape: self.compter_par_etape()?,
            problemes,
        })
    }
}
