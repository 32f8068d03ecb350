//! Les faits des indicateurs du comité de pilotage, tenus à jour dans la transaction de
//! chaque événement : des comptes par mois et par agence, et les portions d'accompagnement.
//! Une année d'indicateurs se lit alors sans relire le journal. La logique des faits est
//! celle de la référence ([`crate::domain::indicateurs::Suivi`]) ; seul le rangement diffère.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{ErreurStore, Store};
use crate::domain::date::Jour;
use crate::domain::dossier::Evenement;
use crate::domain::freins::Freins;
use crate::domain::indicateurs::{
    compter_segments, Bornes, Cellule, Cle, Fait, Indicateurs, Mois, Segment, Suivi,
};

/// Identifiant anonyme de l'installation, pour les fichiers d'agrégat.
const CLE_INSTALLATION: &str = "installation";

/// L'identifiant de l'installation, créé à la première ouverture de la base.
pub(super) fn installation(conn: &Connection) -> Result<Uuid, ErreurStore> {
    if let Some(id) = super::preferences::lire::<Uuid>(conn, CLE_INSTALLATION)? {
        return Ok(id);
    }
    let id = Uuid::new_v4();
    super::preferences::ecrire(conn, CLE_INSTALLATION, &id)?;
    Ok(id)
}

/// La clé privée qui signe les agrégats de cette installation (le chiffrement de la base la
/// protégera avec le reste).
const CLE_SIGNATURE: &str = "cle_signature_installation";

/// Mois, agence, indicateur, détail.
type CleComptes = (String, String, Cle, String);

pub(super) type Compteurs = HashMap<CleComptes, Cellule>;

fn ajouter_faits(compteurs: &mut Compteurs, faits: &[Fait]) {
    for f in faits {
        compteurs
            .entry((
                Mois::de(f.jour).to_string(),
                f.agence.clone(),
                f.cle,
                f.detail.clone(),
            ))
            .or_default()
            .ajouter(&Cellule {
                total: 1,
                brsa: u64::from(f.brsa),
                somme: f.somme,
            });
    }
}

/// Ajoute des comptes à la table des comptes, ou à celle des dossiers effacés.
fn ajouter_compteurs(
    conn: &Connection,
    table: Comptes,
    compteurs: &Compteurs,
) -> Result<(), ErreurStore> {
    let table = match table {
        Comptes::Courants => "indicateurs_compteurs",
        Comptes::Archives => "indicateurs_archives",
        Comptes::ArchivesRecues => "indicateurs_archives_recues",
    };
    let mut st = conn.prepare_cached(&format!(
        "INSERT INTO {table} (mois, agence, cle, detail, total, brsa, somme)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (mois, agence, cle, detail) DO UPDATE SET
             total = total + excluded.total, brsa = brsa + excluded.brsa,
             somme = somme + excluded.somme"
    ))?;
    for ((mois, agence, cle, detail), c) in compteurs {
        st.execute(params![
            mois,
            agence,
            cle.code(),
            detail,
            c.total as i64,
            c.brsa as i64,
            c.somme
        ])?;
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Comptes {
    Courants,
    Archives,
    /// La part des archives qui vient de dossiers reçus du binôme.
    ArchivesRecues,
}

/// Les dossiers reçus du binôme : leur ouverture est arrivée par un paquet. Le poste qui les
/// a ouverts les compte dans son agrégat ; celui qui les reçoit, seulement à son écran.
const DOSSIERS_RECUS: &str =
    "SELECT dossier_id FROM evenements WHERE type = 'DossierOuvert' AND paquet IS NOT NULL";

pub(super) fn ecrire_compteurs(
    conn: &Connection,
    compteurs: &Compteurs,
) -> Result<(), ErreurStore> {
    ajouter_compteurs(conn, Comptes::Courants, compteurs)
}

fn ecrire_segments(conn: &Connection, id: &str, segments: &[Segment]) -> Result<(), ErreurStore> {
    conn.prepare_cached("DELETE FROM indicateurs_segments WHERE dossier_id = ?1")?
        .execute([id])?;
    let mut st = conn.prepare_cached(
        "INSERT INTO indicateurs_segments (dossier_id, rang, entree, debut, fin, agence, brsa)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in segments.iter().enumerate() {
        st.execute(params![
            id,
            i as i64,
            s.entree.to_string(),
            s.debut.to_string(),
            s.fin.map(|f| f.to_string()),
            s.agence,
            s.brsa
        ])?;
    }
    Ok(())
}

fn ecrire_suivi(conn: &Connection, id: &str, suivi: &Suivi) -> Result<(), ErreurStore> {
    conn.prepare_cached(
        "INSERT INTO indicateurs_suivis (dossier_id, suivi) VALUES (?1, ?2)
         ON CONFLICT (dossier_id) DO UPDATE SET suivi = excluded.suivi",
    )?
    .execute(params![id, serde_json::to_string(suivi)?])?;
    Ok(())
}

/// Le suivi d'un dossier tel que la base le garde (aucun tant qu'il n'a pas été écrit).
pub(super) fn suivi_ecrit(conn: &Connection, id: Uuid) -> Result<Option<Suivi>, ErreurStore> {
    conn.prepare_cached("SELECT suivi FROM indicateurs_suivis WHERE dossier_id = ?1")?
        .query_row([id.to_string()], |r| r.get::<_, String>(0))
        .optional()?
        .map(|j| serde_json::from_str(&j).map_err(ErreurStore::from))
        .transpose()
}

/// Les faits d'un événement, ajoutés aux comptes du lot ; vrai si les portions
/// d'accompagnement du dossier ont changé.
pub(super) fn suivre_evenement(
    suivi: &mut Suivi,
    e: &Evenement,
    freins: &Freins,
    compteurs: &mut Compteurs,
) -> bool {
    let avant = suivi.segments.clone();
    let faits = suivi.appliquer(e, freins);
    ajouter_faits(compteurs, &faits);
    suivi.segments != avant
}

/// Le suivi d'un dossier, et ses portions si elles ont changé, écrits dans la transaction.
pub(super) fn ecrire_suivi_dossier(
    conn: &Connection,
    id: Uuid,
    suivi: &Suivi,
    segments_changes: bool,
) -> Result<(), ErreurStore> {
    let cle = id.to_string();
    if segments_changes {
        ecrire_segments(conn, &cle, &suivi.segments)?;
    }
    ecrire_suivi(conn, &cle, suivi)
}

/// Une rectification change le passé d'un dossier : ses faits d'avant sont retirés des
/// comptes, ceux du journal rectifié ajoutés, ses portions et son suivi réécrits.
pub(super) fn remplacer_journal(
    conn: &Connection,
    id: Uuid,
    avant: &[Evenement],
    apres: &[Evenement],
    freins: &Freins,
) -> Result<(), ErreurStore> {
    let cle = id.to_string();
    let (_, anciens) = crate::domain::indicateurs::suivre(avant, freins);
    let (suivi, nouveaux) = crate::domain::indicateurs::suivre(apres, freins);
    let mut retires = Compteurs::new();
    ajouter_faits(&mut retires, &anciens);
    let mut st = conn.prepare_cached(
        "UPDATE indicateurs_compteurs SET total = total - ?5, brsa = brsa - ?6, somme = somme - ?7
         WHERE mois = ?1 AND agence = ?2 AND cle = ?3 AND detail = ?4",
    )?;
    for ((mois, agence, k, detail), c) in &retires {
        st.execute(params![
            mois,
            agence,
            k.code(),
            detail,
            c.total as i64,
            c.brsa as i64,
            c.somme
        ])?;
    }
    conn.prepare_cached("DELETE FROM indicateurs_compteurs WHERE total <= 0 AND somme = 0")?
        .execute([])?;
    let mut ajoutes = Compteurs::new();
    ajouter_faits(&mut ajoutes, &nouveaux);
    ecrire_compteurs(conn, &ajoutes)?;
    ecrire_segments(conn, &cle, &suivi.segments)?;
    ecrire_suivi(conn, &cle, &suivi)
}

/// Écrit les faits de dossiers entiers (reconstruction, ou dossiers du banc d'essai).
fn indexer(
    conn: &Connection,
    journaux: impl IntoIterator<Item = (String, Vec<Evenement>)>,
    freins: &Freins,
) -> Result<u64, ErreurStore> {
    let mut compteurs = Compteurs::new();
    let mut n = 0;
    for (id, evenements) in journaux {
        let (suivi, faits) = crate::domain::indicateurs::suivre(&evenements, freins);
        ajouter_faits(&mut compteurs, &faits);
        ecrire_segments(conn, &id, &suivi.segments)?;
        ecrire_suivi(conn, &id, &suivi)?;
        n += 1;
    }
    ecrire_compteurs(conn, &compteurs)?;
    Ok(n)
}

/// Une ligne d'une table de comptes (`mois, agence, cle, detail, total, brsa, somme`).
fn ligne_de_comptes(l: &rusqlite::Row) -> Result<(CleComptes, Cellule), ErreurStore> {
    let code: String = l.get(2)?;
    let cle = Cle::depuis_code(&code)
        .ok_or_else(|| ErreurStore::Illisible(format!("indicateur « {code} »")))?;
    Ok((
        (l.get(0)?, l.get(1)?, cle, l.get(3)?),
        Cellule {
            total: l.get::<_, i64>(4)?.max(0) as u64,
            brsa: l.get::<_, i64>(5)?.max(0) as u64,
            somme: l.get(6)?,
        },
    ))
}

/// Les journaux des dossiers (ou des seuls dossiers reçus du binôme), tels que les
/// indicateurs les lisent.
fn journaux(
    conn: &Connection,
    seulement_recus: bool,
) -> Result<Vec<(String, Vec<Evenement>)>, ErreurStore> {
    // Chaque journal dans l'ordre commun, ses rectifications à leur place (comme au rejeu).
    let filtre = if seulement_recus {
        format!("AND dossier_id IN ({DOSSIERS_RECUS})")
    } else {
        String::new()
    };
    let mut st = conn.prepare(&format!(
        "SELECT dossier_id, id, donnees FROM evenements WHERE dossier_id IS NOT NULL
           AND type NOT LIKE 'cotraitance.%' {filtre}
         ORDER BY dossier_id, {}",
        super::journal::ORDRE_COMMUN
    ))?;
    let mut lignes = st.query([])?;
    let mut identifies: Vec<(String, Vec<(Uuid, Evenement)>)> = Vec::new();
    while let Some(l) = lignes.next()? {
        let id: String = l.get(0)?;
        let eid = Uuid::parse_str(&l.get::<_, String>(1)?)
            .map_err(|e| ErreurStore::Illisible(e.to_string()))?;
        let e: Evenement = serde_json::from_str(&l.get::<_, String>(2)?)?;
        match identifies.last_mut() {
            Some((i, v)) if *i == id => v.push((eid, e)),
            _ => identifies.push((id, vec![(eid, e)])),
        }
    }
    Ok(identifies
        .into_iter()
        .map(|(id, mut v)| {
            crate::domain::dossier::resoudre_cibles(&mut v, |(id, e)| (*id, e));
            (id, v.into_iter().map(|(_, e)| e).collect())
        })
        .collect())
}

/// Recalcule toutes les tables des indicateurs à partir du journal.
pub(super) fn reconstruire(conn: &Connection, freins: &Freins) -> Result<u64, ErreurStore> {
    // Les portions des dossiers effacés n'ont plus de journal : elles restent telles quelles.
    conn.execute_batch(
        "DELETE FROM indicateurs_suivis; DELETE FROM indicateurs_compteurs;
         DELETE FROM indicateurs_segments WHERE dossier_id NOT LIKE 'anonyme-%';",
    )?;
    let journaux = journaux(conn, false)?;
    let n = indexer(conn, journaux, freins)?;
    // Ce que les dossiers effacés apportaient, retenu à leur effacement.
    conn.execute_batch(
        "INSERT INTO indicateurs_compteurs (mois, agence, cle, detail, total, brsa, somme)
         SELECT mois, agence, cle, detail, total, brsa, somme FROM indicateurs_archives WHERE true
         ON CONFLICT (mois, agence, cle, detail) DO UPDATE SET
             total = total + excluded.total, brsa = brsa + excluded.brsa,
             somme = somme + excluded.somme;",
    )?;
    Ok(n)
}

/// À l'effacement d'un dossier : ce qu'il apporte aux comptes est retenu à part (pour les
/// reconstructions), ses portions passent sous un identifiant anonyme, son suivi disparaît.
/// Les comptes eux-mêmes ne bougent pas.
pub(super) fn anonymiser(
    conn: &Connection,
    id: Uuid,
    journal: &[Evenement],
    freins: &Freins,
) -> Result<(), ErreurStore> {
    let (_, faits) = crate::domain::indicateurs::suivre(journal, freins);
    let mut compteurs = Compteurs::new();
    ajouter_faits(&mut compteurs, &faits);
    ajouter_compteurs(conn, Comptes::Archives, &compteurs)?;
    // Reçu du binôme, il reste hors de l'agrégat de ce poste après son effacement.
    let recu: bool = conn
        .prepare_cached(&format!(
            "SELECT EXISTS ({DOSSIERS_RECUS} AND dossier_id = ?1)"
        ))?
        .query_row([id.to_string()], |r| r.get(0))?;
    if recu {
        ajouter_compteurs(conn, Comptes::ArchivesRecues, &compteurs)?;
    }
    let anonyme = if recu { "anonyme-recu" } else { "anonyme" };
    conn.execute(
        "UPDATE indicateurs_segments SET dossier_id = ?2 WHERE dossier_id = ?1",
        params![id.to_string(), format!("{anonyme}-{}", Uuid::new_v4())],
    )?;
    conn.execute(
        "DELETE FROM indicateurs_suivis WHERE dossier_id = ?1",
        [id.to_string()],
    )?;
    Ok(())
}

/// La version des règles de calcul : quand elle change (un indicateur compte autrement),
/// les tables sont recalculées une fois depuis le journal à l'ouverture.
const VERSION_CALCUL: u32 = 7;
const CLE_VERSION_CALCUL: &str = "version_calcul_indicateurs";

/// À l'ouverture : une base qui vient de recevoir ces tables, ou dont les tables ont été
/// tenues par d'autres règles de calcul, les remplit depuis le journal.
pub(super) fn initialiser(conn: &mut Connection) -> Result<(), ErreurStore> {
    let vides: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM dossiers) AND NOT EXISTS (SELECT 1 FROM indicateurs_suivis)",
        [],
        |r| r.get(0),
    )?;
    let a_jour = super::preferences::lire::<u32>(conn, CLE_VERSION_CALCUL)? == Some(VERSION_CALCUL);
    if vides || !a_jour {
        let tx = conn.transaction()?;
        reconstruire(&tx, &Freins::embarque())?;
        super::preferences::ecrire(&tx, CLE_VERSION_CALCUL, &VERSION_CALCUL)?;
        tx.commit()?;
    }
    Ok(())
}

impl Store {
    /// Les indicateurs de la période, tous dossiers de la base, lus dans les tables tenues à
    /// jour (mêmes chiffres que [`crate::domain::indicateurs::calculer`] sur tout le journal).
    pub fn indicateurs(&self, bornes: Bornes) -> Result<Indicateurs, ErreurStore> {
        self.indicateurs_sans(bornes, None)
    }

    /// Les indicateurs des seuls dossiers ouverts sur ce poste, pour son agrégat : un dossier
    /// commun est compté par le poste qui l'a ouvert, pas une seconde fois par celui qui l'a
    /// reçu du binôme (la fusion départementale les additionne).
    pub fn indicateurs_de_ce_poste(
        &self,
        bornes: Bornes,
        freins: &Freins,
    ) -> Result<Indicateurs, ErreurStore> {
        let mut recus = Compteurs::new();
        for (_, journal) in journaux(&self.conn, true)? {
            let (_, faits) = crate::domain::indicateurs::suivre(&journal, freins);
            ajouter_faits(&mut recus, &faits);
        }
        let mut st = self.conn.prepare_cached(
            "SELECT mois, agence, cle, detail, total, brsa, somme FROM indicateurs_archives_recues",
        )?;
        let mut lignes = st.query([])?;
        while let Some(l) = lignes.next()? {
            let (cle, c) = ligne_de_comptes(l)?;
            recus.entry(cle).or_default().ajouter(&c);
        }
        self.indicateurs_sans(bornes, Some(&recus))
    }

    /// Les indicateurs, moins les comptes `retires` et, s'il y en a, les portions
    /// d'accompagnement des dossiers reçus.
    fn indicateurs_sans(
        &self,
        bornes: Bornes,
        retires: Option<&Compteurs>,
    ) -> Result<Indicateurs, ErreurStore> {
        let mut t = Indicateurs::new();
        let mut st = self.conn.prepare_cached(
            "SELECT mois, agence, cle, detail, total, brsa, somme FROM indicateurs_compteurs
             WHERE mois BETWEEN ?1 AND ?2",
        )?;
        let mut lignes = st.query(params![bornes.de.to_string(), bornes.a.to_string()])?;
        while let Some(l) = lignes.next()? {
            let (cle_comptes, mut c) = ligne_de_comptes(l)?;
            if let Some(r) = retires.and_then(|r| r.get(&cle_comptes)) {
                c.total = c.total.saturating_sub(r.total);
                c.brsa = c.brsa.saturating_sub(r.brsa);
                c.somme -= r.somme;
                if c.total == 0 && c.somme == 0 {
                    continue;
                }
            }
            let (mois, agence, cle, detail) = cle_comptes;
            let mois = Mois::lire(&mois).map_err(|e| ErreurStore::Illisible(e.to_string()))?;
            t.entry((mois, agence))
                .or_default()
                .ajouter(cle, &detail, &c);
        }
        // Les portions d'accompagnement commencées avant la fin de la période.
        let sans_recus = if retires.is_some() {
            format!(
                "AND dossier_id NOT LIKE 'anonyme-recu-%' AND dossier_id NOT IN ({DOSSIERS_RECUS})"
            )
        } else {
            String::new()
        };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT dossier_id, entree, debut, fin, agence, brsa FROM indicateurs_segments
             WHERE entree <= ?1 {sans_recus} ORDER BY dossier_id, rang"
        ))?;
        let mut lignes = st.query([bornes.a.dernier_jour().to_string()])?;
        // Comptés dans un tableau dense (agence × mois × actif/en cours) : sans allocation
        // ni hachage par dossier, pour tenir 100 000 dossiers.
        let mois = bornes.de.jusqua(bornes.a);
        let rang_mois = |m: Mois| mois.iter().position(|x| *x == m);
        let mut agences: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut cases: Vec<Vec<[Cellule; 2]>> = Vec::new();
        let mut courant: Vec<u8> = Vec::new();
        let mut segments: Vec<Segment> = Vec::new();
        let mut rangs: Vec<usize> = Vec::new();
        let compter =
            |segments: &[Segment], rangs: &[usize], cases: &mut Vec<Vec<[Cellule; 2]>>| {
                compter_segments(segments, &bornes, |m, i, cle, somme| {
                    let Some(k) = rang_mois(m) else { return };
                    let c = &mut cases[rangs[i]][k][usize::from(cle == Cle::EnCours)];
                    c.total += 1;
                    c.brsa += u64::from(segments[i].brsa);
                    c.somme += somme;
                })
            };
        while let Some(l) = lignes.next()? {
            let id = l.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?;
            if courant != id {
                compter(&segments, &rangs, &mut cases);
                segments.clear();
                rangs.clear();
                courant.clear();
                courant.extend_from_slice(id);
            }
            let agence = l.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
            let rang = match index.get(agence) {
                Some(r) => *r,
                None => {
                    agences.push(agence.to_string());
                    cases.push(vec![[Cellule::default(); 2]; mois.len()]);
                    index.insert(agence.to_string(), agences.len() - 1);
                    agences.len() - 1
                }
            };
            rangs.push(rang);
            segments.push(Segment {
                entree: l.get::<_, Jour>(1)?,
                debut: l.get::<_, Jour>(2)?,
                fin: l.get::<_, Option<Jour>>(3)?,
                agence: String::new(),
                brsa: l.get(5)?,
            });
        }
        compter(&segments, &rangs, &mut cases);
        for (a, par_mois) in agences.iter().zip(&cases) {
            for (m, paire) in mois.iter().zip(par_mois) {
                for (c, cle) in paire.iter().zip([Cle::AccompagnementsActifs, Cle::EnCours]) {
                    if c.total > 0 {
                        t.entry((*m, a.clone())).or_default().ajouter(cle, "", c);
                    }
                }
            }
        }
        Ok(t)
    }

    /// Les agences présentes dans les indicateurs, pour les filtres.
    pub fn agences_des_indicateurs(&self) -> Result<Vec<String>, ErreurStore> {
        let mut st = self
            .conn
            .prepare_cached("SELECT DISTINCT agence FROM indicateurs_compteurs ORDER BY agence")?;
        let v = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Les journaux des dossiers donnés, pour le détail d'une case (ses propres dossiers).
    pub fn journaux(&self, ids: &[Uuid]) -> Result<Vec<Vec<Evenement>>, ErreurStore> {
        ids.iter()
            .map(|id| super::journal::evenements_du_dossier(&self.conn, *id))
            .collect()
    }

    /// L'identifiant anonyme et stable de cette installation, pour les agrégats et
    /// l'origine des événements du journal.
    pub fn installation(&self) -> Result<Uuid, ErreurStore> {
        Ok(self.installation)
    }

    /// La clé de signature de cette installation, créée au premier export d'un agrégat.
    pub fn cle_de_signature(&self) -> Result<ed25519_dalek::SigningKey, ErreurStore> {
        use crate::domain::empreinte::{depuis_hex, en_hex};
        if let Some(hex) = self.preference::<String>(CLE_SIGNATURE)? {
            return depuis_hex::<32>(&hex)
                .map(|o| ed25519_dalek::SigningKey::from_bytes(&o))
                .ok_or_else(|| {
                    ErreurStore::Illisible("clé de signature de l'installation".into())
                });
        }
        let mut graine = [0u8; 32];
        getrandom::fill(&mut graine).map_err(|e| {
            ErreurStore::Illisible(format!(
                "pas d'aléa pour créer la clé de l'installation : {e}"
            ))
        })?;
        let cle = ed25519_dalek::SigningKey::from_bytes(&graine);
        self.definir_preference(CLE_SIGNATURE, &en_hex(&cle.to_bytes()))?;
        Ok(cle)
    }

    /// La clé publique enregistrée pour une installation, et son nom.
    pub fn cle_installation(
        &self,
        installation: Uuid,
    ) -> Result<Option<(String, String)>, ErreurStore> {
        Ok(self
            .conn
            .query_row(
                "SELECT cle, nom FROM cles_installations WHERE installation = ?1",
                [installation.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Enregistre la clé publique d'une installation ; une installation déjà connue sous une
    /// autre clé est refusée (une clé ne se remplace pas par un simple fichier).
    pub fn enregistrer_cle_installation(
        &self,
        installation: Uuid,
        cle: &str,
        nom: &str,
    ) -> Result<bool, ErreurStore> {
        match self.cle_installation(installation)? {
            Some((connue, _)) if connue == cle => Ok(false),
            Some((_, nom_connu)) => Err(ErreurStore::CleInstallationDifferente {
                installation: installation.to_string(),
                nom: nom_connu,
            }),
            None => {
                self.conn.execute(
                    "INSERT INTO cles_installations (installation, cle, nom, importee_le) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        installation.to_string(),
                        cle,
                        nom,
                        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
                    ],
                )?;
                Ok(true)
            }
        }
    }

    /// Range les faits de dossiers entiers sans passer par le journal : réservé au banc
    /// d'essai, qui mesure les indicateurs sur 100 000 dossiers.
    pub fn indexer_pour_mesure(
        &mut self,
        journaux: impl IntoIterator<Item = (String, Vec<Evenement>)>,
        freins: &Freins,
    ) -> Result<u64, ErreurStore> {
        let tx = self.conn.transaction()?;
        let n = indexer(&tx, journaux, freins)?;
        tx.commit()?;
        Ok(n)
    }
}
