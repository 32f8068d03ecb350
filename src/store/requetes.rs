//! Lecture : ce que les écrans et les commandes demandent.

use rusqlite::{params, OptionalExtension, Row};
use uuid::Uuid;

use super::journal::EvenementEnregistre;
use super::{ErreurStore, Store};
use crate::domain::date::Jour;
use crate::domain::dossier::{Dossier, Etape, Evenement, Modalite};
use crate::domain::echeances::Resume;
use crate::domain::professionnel::{Professionnel, Role};
use crate::domain::texte::TexteCourt;

/// Colonnes du portefeuille, dans l'ordre lu par [`resume_depuis`].
pub const COLONNES_RESUME: &str =
    "id, version, nom, prenom, identifiant_ft, commune, agence, brsa, enfant_mineur,
     modalite, etape, initiative, conseiller_id, conseiller, referent_id, referent,
     date_ouverture, date_entree, date_fin, reconduit, date_cloture, motif_cloture,
     dernier_contact, fiche_attente_numero, fiche_attente_date, point_numero, point_date,
     action_numero, action_date, suite, dernier_diagnostic, action_titre, conflits, accord_attendu,
     action_secrete";

fn uuid(texte: &str) -> Result<Uuid, rusqlite::Error> {
    uuid_ascii(texte.as_bytes())
}

/// Un identifiant lu dans ses octets : ni copie ni contrôle UTF-8 (ce que l'analyse ne lit
/// pas comme un identifiant est refusé).
fn uuid_ascii(octets: &[u8]) -> Result<Uuid, rusqlite::Error> {
    Uuid::try_parse_ascii(octets).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn illisible(colonne: usize, quoi: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        colonne,
        rusqlite::types::Type::Text,
        format!("valeur inconnue pour {quoi}").into(),
    )
}

/// Les octets d'une colonne de texte, sans copie ni contrôle UTF-8 (`None` si elle est
/// nulle) : pour les dates, identifiants et codes, que leur analyse vérifie octet par octet
/// (le portefeuille en lit quinze par dossier ; ce contrôle y prenait un dixième du temps).
fn octets_de<'r>(r: &'r Row, i: usize) -> Result<Option<&'r [u8]>, rusqlite::Error> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        v => v
            .as_bytes()
            .map(Some)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e))),
    }
}

/// Un texte du portefeuille, gardé dans la ligne s'il est court (sans allocation).
fn texte_de(r: &Row, i: usize) -> Result<Option<TexteCourt>, rusqlite::Error> {
    octets_de(r, i)?
        .map(|b| {
            std::str::from_utf8(b)
                .map(TexteCourt::from)
                .map_err(|e| rusqlite::Error::Utf8Error(i, e))
        })
        .transpose()
}

fn texte_requis(r: &Row, i: usize) -> Result<TexteCourt, rusqlite::Error> {
    texte_de(r, i)?.ok_or_else(|| illisible(i, "un texte"))
}

/// Une date `AAAA-MM-JJ` lue sans passer par un format : le portefeuille en lit neuf par
/// dossier, 45 000 pour 5 000 dossiers.
fn jour_de(r: &Row, i: usize) -> Result<Option<Jour>, rusqlite::Error> {
    let Some(b) = octets_de(r, i)? else {
        return Ok(None);
    };
    let nombre = |x: &[u8]| -> Option<u32> {
        x.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let jour = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let a = i32::try_from(nombre(&b[..4])?).ok()?;
            Jour::from_ymd_opt(a, nombre(&b[5..7])?, nombre(&b[8..])?)
        })
        .flatten();
    jour.map(Some).ok_or_else(|| illisible(i, "une date"))
}

fn resume_depuis(r: &Row) -> Result<Resume, rusqlite::Error> {
    let opt_uuid = |i: usize| -> Result<Option<Uuid>, rusqlite::Error> {
        octets_de(r, i)?.map(uuid_ascii).transpose()
    };
    let paire = |n: usize, d: usize| -> Result<Option<(u32, Jour)>, rusqlite::Error> {
        Ok(match (r.get::<_, Option<u32>>(n)?, jour_de(r, d)?) {
            (Some(n), Some(d)) => Some((n, d)),
            _ => None,
        })
    };
    let modalite = octets_de(r, 9)?.unwrap_or_default();
    let etape = octets_de(r, 10)?.unwrap_or_default();
    let initiative = octets_de(r, 11)?.unwrap_or_default();
    Ok(Resume {
        id: uuid_ascii(octets_de(r, 0)?.unwrap_or_default())?,
        version: r.get(1)?,
        nom: texte_requis(r, 2)?,
        prenom: texte_requis(r, 3)?,
        identifiant_ft: texte_requis(r, 4)?,
        commune: texte_requis(r, 5)?,
        agence: texte_requis(r, 6)?,
        brsa: r.get(7)?,
        enfant_mineur: r.get(8)?,
        modalite: match modalite {
            b"AG" => Modalite::AccompagnementGlobal,
            b"ASE" => Modalite::AccompagnementSocialExclusif,
            _ => return Err(illisible(9, "la modalité")),
        },
        etape: std::str::from_utf8(etape)
            .ok()
            .and_then(Etape::depuis_code)
            .ok_or_else(|| illisible(10, "l'étape"))?,
        initiative: match initiative {
            b"conseiller" => Role::Conseiller,
            b"referent" => Role::Referent,
            _ => return Err(illisible(11, "l'initiative")),
        },
        conseiller_id: opt_uuid(12)?,
        conseiller: texte_de(r, 13)?,
        referent_id: opt_uuid(14)?,
        referent: texte_de(r, 15)?,
        date_ouverture: jour_de(r, 16)?.ok_or_else(|| illisible(16, "la date d'ouverture"))?,
        date_entree: jour_de(r, 17)?,
        date_fin: jour_de(r, 18)?,
        reconduit: r.get(19)?,
        date_cloture: jour_de(r, 20)?,
        motif_cloture: texte_de(r, 21)?,
        dernier_contact: jour_de(r, 22)?,
        fiche_en_attente: paire(23, 24)?,
        prochain_point: paire(25, 26)?,
        prochaine_action: paire(27, 28)?,
        suite: texte_requis(r, 29)?,
        dernier_diagnostic: jour_de(r, 30)?,
        prochaine_action_titre: texte_de(r, 31)?,
        prochaine_action_secrete: r.get(34)?,
        conflits: r.get(32)?,
        accord_attendu: match r.get::<_, Option<String>>(33)?.as_deref() {
            Some("conseiller") => Some(Role::Conseiller),
            Some("referent") => Some(Role::Referent),
            _ => None,
        },
    })
}

impl Store {
    /// Tous les dossiers, triés par nom puis prénom.
    pub fn portefeuille(&self) -> Result<Vec<Resume>, ErreurStore> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLONNES_RESUME} FROM dossiers ORDER BY nom, prenom, id"
        ))?;
        let lignes = st.query_map([], resume_depuis)?;
        Ok(lignes.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn dossier(&self, id: Uuid) -> Result<Option<Dossier>, ErreurStore> {
        super::projection::lire_etat(&self.conn, id)
    }

    /// Le journal d'un dossier, du plus ancien au plus récent (la chronologie).
    pub fn journal(&self, id: Uuid) -> Result<Vec<EvenementEnregistre>, ErreurStore> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT seq, id, version, auteur, horodatage, donnees,
                    (SELECT recu_le FROM paquets_recus p WHERE p.id = evenements.paquet)
             FROM evenements WHERE dossier_id = ?1 ORDER BY {}",
            super::journal::ORDRE_COMMUN
        ))?;
        let lignes = st.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut v = Vec::new();
        for l in lignes {
            let (seq, eid, version, auteur, horodatage, donnees, recu_le) = l?;
            v.push(EvenementEnregistre {
                seq,
                id: uuid(&eid)?,
                version,
                auteur,
                horodatage,
                evenement: serde_json::from_str::<Evenement>(&donnees)?,
                recu_le,
            });
        }
        // Les rectifications y visent leur entrée à sa place dans cet ordre.
        crate::domain::dossier::resoudre_cibles(&mut v, |e| (e.id, &mut e.evenement));
        Ok(v)
    }

    pub fn professionnels(&self) -> Result<Vec<Professionnel>, ErreurStore> {
        let mut st = self
            .conn
            .prepare_cached("SELECT donnees FROM professionnels ORDER BY nom, prenom, id")?;
        let lignes = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut v = Vec::new();
        for l in lignes {
            v.push(serde_json::from_str(&l?)?);
        }
        Ok(v)
    }

    pub fn professionnel(&self, id: Uuid) -> Result<Option<Professionnel>, ErreurStore> {
        let j: Option<String> = self
            .conn
            .query_row(
                "SELECT donnees FROM professionnels WHERE id = ?1",
                params![id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(j.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    /// Nombre de dossiers par étape, dans l'ordre du parcours.
    pub fn compter_par_etape(&self) -> Result<Vec<(Etape, u64)>, ErreurStore> {
        let mut st = self
            .conn
            .prepare_cached("SELECT etape, count(*) FROM dossiers GROUP BY etape")?;
        let mut v: Vec<(Etape, u64)> = Etape::TOUTES.iter().map(|e| (*e, 0)).collect();
        let lignes = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?;
        for l in lignes {
            let (code, n) = l?;
            let etape = Etape::depuis_code(&code)
                .ok_or_else(|| ErreurStore::Illisible(format!("étape « {code} »")))?;
            if let Some(c) = v.iter_mut().find(|(e, _)| *e == etape) {
                c.1 = n;
            }
        }
        Ok(v)
    }

    pub fn nombre_evenements(&self) -> Result<u64, ErreurStore> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM evenements", [], |r| r.get(0))?)
    }
}
