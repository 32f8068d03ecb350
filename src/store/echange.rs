//! Le transport des événements entre les deux installations d'un binôme, au niveau du
//! journal : ce qui part d'ici (nos événements d'un dossier, au-delà de ce que le partenaire
//! a accusé), et ce qui arrive (appliqué en une transaction, idempotent par identifiant,
//! rejoué dans l'ordre commun). Le paquet qui les porte (signé, chiffré) est dans
//! `formats::paquet` ; le filtre de consentement dans le domaine (`Dossier::partage_avec`).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use super::{projection, ErreurStore, Store};
use crate::domain::dossier::{Dossier, Evenement};
pub use crate::domain::echange::EvenementEchange;
use crate::domain::echange::{Accuse, Charge, FaitEchange};
use crate::domain::freins::Freins;

/// Un événement tel que le journal le garde, avec son origine (ce poste, ou celle qu'il
/// avait reçue), avant d'être lu comme celui d'un dossier ou d'une cotraitance.
pub(super) struct Brut {
    pub id: Uuid,
    pub origine: Uuid,
    /// Son numéro dans l'installation d'origine (`seq` pour les nôtres).
    pub seq: i64,
    pub hlc: (i64, i64),
    pub auteur: String,
    pub horodatage: String,
    pub donnees: String,
}

/// Ce qu'une réception a changé.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reception {
    pub nouveaux: u64,
    /// Déjà là, à l'identique (un paquet reçu deux fois, ou qui en recoupe un autre).
    pub deja_recus: u64,
    pub dossiers: BTreeSet<Uuid>,
    /// Les jeunes en cotraitance touchés.
    pub cotraitances: BTreeSet<Uuid>,
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
        self.a_envoyer(dossier, depuis, false)?
            .into_iter()
            .map(|b| en_echange(dossier, b))
            .collect()
    }

    /// Le journal partageable d'un dossier entré ici après le rang `depuis` de ce poste (le
    /// nôtre et ce que l'on a reçu), sauf ce qui vient des installations `sauf` (celles du
    /// partenaire), dans l'ordre commun. Depuis 0 : tout le dossier, pour un nouveau membre
    /// du binôme ; ensuite, ce qu'un ancien membre a écrit avant d'apprendre qu'il ne l'était
    /// plus, arrivé après le premier paquet, part aussi.
    pub fn evenements_a_relayer(
        &self,
        dossier: Uuid,
        depuis: i64,
        sauf: &[Uuid],
    ) -> Result<Vec<EvenementEchange>, ErreurStore> {
        self.lire_bruts(
            &format!(
                "WHERE dossier_id = ?1 AND seq > ?2 AND type NOT LIKE 'cotraitance.%' ORDER BY {}",
                super::journal::ORDRE_COMMUN
            ),
            params![dossier.to_string(), depuis],
        )?
        .into_iter()
        .filter(|b| !sauf.contains(&b.origine))
        .map(|b| en_echange(dossier, b))
        .collect()
    }

    /// Les installations d'où ce partenaire nous a écrit.
    pub fn installations_de(&self, partenaire: Uuid) -> Result<Vec<Uuid>, ErreurStore> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT installation FROM paquets_recus WHERE emetteur = ?1",
        )?;
        let v = st
            .query_map([partenaire.to_string()], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        v.iter().map(|t| uuid(t)).collect()
    }

    /// Vrai si un membre du binôme de ce dossier a été affecté après l'ouverture.
    pub fn a_ete_reaffecte(&self, dossier: Uuid) -> Result<bool, ErreurStore> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM evenements
                 WHERE dossier_id = ?1 AND type = 'MembreAffecte')",
            )?
            .query_row([dossier.to_string()], |r| r.get(0))?)
    }

    /// Nos événements d'un sujet (un dossier, ou une cotraitance si `cotraitance`) au-delà
    /// du rang `depuis`, tels que le journal les garde, dans leur ordre d'écriture.
    pub(super) fn a_envoyer(
        &self,
        sujet: Uuid,
        depuis: i64,
        cotraitance: bool,
    ) -> Result<Vec<Brut>, ErreurStore> {
        self.lire_bruts(
            "WHERE dossier_id = ?1 AND seq > ?2 AND seq_origine IS NULL
               AND (type LIKE 'cotraitance.%') = ?3
             ORDER BY seq",
            params![sujet.to_string(), depuis, cotraitance],
        )
    }

    /// Les événements du journal que `filtre` (clauses WHERE et ORDER BY) retient ; les
    /// nôtres ont l'origine de ce poste et leur rang ici.
    fn lire_bruts(
        &self,
        filtre: &str,
        parametres: impl rusqlite::Params,
    ) -> Result<Vec<Brut>, ErreurStore> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT id, origine, coalesce(seq_origine, seq), hlc_ms, hlc_c,
                    auteur, horodatage, donnees FROM evenements {filtre}"
        ))?;
        let lignes = st.query_map(parametres, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut v = Vec::new();
        for l in lignes {
            let (id, origine, seq, hlc_ms, hlc_c, auteur, horodatage, donnees) = l?;
            v.push(Brut {
                id: uuid(&id)?,
                origine: origine.map_or(Ok(self.installation), |o| uuid(&o))?,
                seq,
                hlc: (hlc_ms, hlc_c),
                auteur,
                horodatage,
                donnees,
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
        let tx = self.conn.transaction()?;
        let r = appliquer(&tx, moi, evenements, paquet, freins)?;
        tx.commit()?;
        Ok(r)
    }

    /// Reçoit un paquet dont la signature est vérifiée, en une transaction : son numéro
    /// doit suivre le dernier reçu de cet émetteur (un paquet rejoué ou plus ancien est
    /// refusé), il entre au registre, ses événements sont appliqués (`recevoir`) et ses
    /// accusés de réception notés.
    pub fn recevoir_paquet(
        &mut self,
        registre: &PaquetRecu,
        charge: &Charge,
        freins: &Freins,
    ) -> Result<Reception, ErreurStore> {
        let moi = self.installation;
        let tx = self.conn.transaction()?;
        let dernier: Option<(u64, String)> = tx
            .query_row(
                "SELECT numero, recu_le FROM paquets_recus WHERE emetteur = ?1
                 ORDER BY numero DESC LIMIT 1",
                [registre.emetteur.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((n, le)) = dernier {
            if registre.numero <= n {
                return Err(ErreurStore::PaquetDejaRecu {
                    numero: registre.numero,
                    dernier: n,
                    le: crate::domain::date::horodatage_fr(&le),
                });
            }
        }
        tx.execute(
            "INSERT INTO paquets_recus (emetteur, installation, numero, recu_le, par, entete,
                                        signature, evenements)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                registre.emetteur.to_string(),
                registre.installation.to_string(),
                registre.numero,
                registre.recu_le,
                registre.par,
                registre.entete,
                registre.signature,
                charge.evenements.len() as i64,
            ],
        )?;
        let id = tx.last_insert_rowid();
        let mut r = appliquer(&tx, moi, &charge.evenements, Some(id), freins)?;
        appliquer_cotraitance(&tx, moi, &charge.cotraitance, Some(id), &mut r)?;
        for a in &charge.accuses {
            tx.execute(
                "INSERT INTO accuses (partenaire, dossier_id, jusqua) VALUES (?1, ?2, ?3)
                 ON CONFLICT (partenaire, dossier_id)
                 DO UPDATE SET jusqua = max(jusqua, excluded.jusqua)",
                params![
                    registre.emetteur.to_string(),
                    a.dossier.to_string(),
                    a.jusqua
                ],
            )?;
        }
        tx.commit()?;
        Ok(r)
    }

    /// Jusqu'où le partenaire a accusé réception de nos événements de ce dossier.
    pub fn accuse(&self, partenaire: Uuid, dossier: Uuid) -> Result<i64, ErreurStore> {
        Ok(self
            .conn
            .prepare_cached("SELECT jusqua FROM accuses WHERE partenaire = ?1 AND dossier_id = ?2")?
            .query_row(params![partenaire.to_string(), dossier.to_string()], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(0))
    }

    /// Ce que l'on a reçu du partenaire, par dossier : ses accusés de réception à lui rendre.
    pub fn accuses_a_donner(&self, partenaire: Uuid) -> Result<Vec<Accuse>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT dossier_id, max(seq_origine) FROM evenements
             WHERE origine IN (SELECT installation FROM paquets_recus WHERE emetteur = ?1)
               AND seq_origine IS NOT NULL
             GROUP BY dossier_id ORDER BY dossier_id",
        )?;
        let lignes = st
            .query_map([partenaire.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        lignes
            .into_iter()
            .map(|(d, jusqua)| {
                Ok(Accuse {
                    dossier: uuid(&d)?,
                    jusqua,
                })
            })
            .collect()
    }

    /// Note un paquet envoyé et rend son numéro (le suivant pour ce destinataire). Noté avant
    /// que le fichier soit écrit : un fichier qui ne s'écrit pas laisse un numéro sauté, sans
    /// conséquence ; jamais deux paquets du même numéro.
    pub fn noter_envoi(
        &mut self,
        destinataire: Uuid,
        cree_le: &str,
        par: &str,
        dossiers: usize,
        evenements: usize,
    ) -> Result<u64, ErreurStore> {
        let tx = self.conn.transaction()?;
        let numero: u64 = tx.query_row(
            "SELECT coalesce(max(numero), 0) + 1 FROM paquets_envoyes WHERE destinataire = ?1",
            [destinataire.to_string()],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO paquets_envoyes (destinataire, numero, cree_le, par, dossiers, evenements,
                                          jusqua_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT coalesce(max(seq), 0) FROM evenements))",
            params![
                destinataire.to_string(),
                numero,
                cree_le,
                par,
                dossiers as i64,
                evenements as i64
            ],
        )?;
        tx.commit()?;
        Ok(numero)
    }

    /// Les derniers échanges avec un partenaire : paquet envoyé, paquet reçu.
    pub fn derniers_echanges(&self, partenaire: Uuid) -> Result<DerniersEchanges, ErreurStore> {
        let p = partenaire.to_string();
        let envoye = self
            .conn
            .query_row(
                "SELECT numero, cree_le, jusqua_seq FROM paquets_envoyes WHERE destinataire = ?1
                 ORDER BY numero DESC LIMIT 1",
                [&p],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let recu = self
            .conn
            .query_row(
                "SELECT numero, recu_le FROM paquets_recus WHERE emetteur = ?1
                 ORDER BY numero DESC LIMIT 1",
                [&p],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(DerniersEchanges { envoye, recu })
    }

    /// Quand le dernier paquet qui a touché ce dossier est arrivé.
    pub fn dernier_recu_pour(&self, dossier: Uuid) -> Result<Option<String>, ErreurStore> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT max(p.recu_le) FROM evenements e JOIN paquets_recus p ON p.id = e.paquet
                 WHERE e.dossier_id = ?1",
            )?
            .query_row([dossier.to_string()], |r| r.get(0))?)
    }

    /// Par dossier, le nombre de nos événements écrits après le rang `seq` de ce poste
    /// (ce qui a changé depuis le dernier paquet ; les impressions ne partent jamais).
    pub fn ecrits_depuis(&self, seq: i64) -> Result<BTreeMap<Uuid, u64>, ErreurStore> {
        let mut st = self.conn.prepare_cached(
            "SELECT dossier_id, count(*) FROM evenements
             WHERE seq > ?1 AND seq_origine IS NULL AND dossier_id IS NOT NULL
               AND type <> 'DocumentImprime'
             GROUP BY dossier_id",
        )?;
        let lignes = st
            .query_map([seq], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(lignes
            .into_iter()
            .filter_map(|(d, n)| Uuid::parse_str(&d).ok().map(|d| (d, n)))
            .collect())
    }

    /// Par dossier, les installations dont on a reçu des événements après le rang `seq` de
    /// ce poste : ceux d'un ancien membre du binôme sont à relayer au nouveau.
    pub fn recus_depuis(&self, seq: i64) -> Result<BTreeMap<Uuid, BTreeSet<Uuid>>, ErreurStore> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT dossier_id, origine FROM evenements
             WHERE seq > ?1 AND seq_origine IS NOT NULL AND dossier_id IS NOT NULL",
        )?;
        let lignes = st
            .query_map([seq], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut v: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
        for (d, o) in lignes {
            v.entry(uuid(&d)?).or_default().insert(uuid(&o)?);
        }
        Ok(v)
    }
}

/// Ce que le registre garde d'un paquet reçu.
#[derive(Debug, Clone)]
pub struct PaquetRecu {
    pub emetteur: Uuid,
    pub installation: Uuid,
    pub numero: u64,
    pub recu_le: String,
    pub par: String,
    /// L'en-tête signé, tel quel, et la signature (hexadécimal) : la preuve de l'envoi.
    pub entete: String,
    pub signature: String,
}

/// Les derniers paquets échangés avec un partenaire : (numéro, date, rang d'ici à l'envoi)
/// et (numéro, date de réception).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DerniersEchanges {
    pub envoye: Option<(u64, String, i64)>,
    pub recu: Option<(u64, String)>,
}

/// Applique des événements reçus dans la transaction ouverte (voir `Store::recevoir`).
fn appliquer(
    tx: &rusqlite::Transaction,
    moi: Uuid,
    evenements: &[EvenementEchange],
    paquet: Option<i64>,
    freins: &Freins,
) -> Result<Reception, ErreurStore> {
    let limite = chrono::Utc::now().timestamp_millis() + AVANCE_MAX_MS;
    {
        let mut r = Reception::default();
        let mut avant: BTreeMap<Uuid, Vec<Evenement>> = BTreeMap::new();
        for e in evenements {
            let recu = Recu {
                id: e.id,
                sujet: e.dossier,
                origine: e.origine,
                seq_origine: e.seq_origine,
                hlc: (e.hlc_ms, e.hlc_c),
                auteur: &e.auteur,
                horodatage: &e.horodatage,
                type_: e.evenement.type_(),
                donnees: serde_json::to_string(&e.evenement)?,
            };
            if deja_la(tx, moi, limite, &recu)? {
                r.deja_recus += 1;
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(v) = avant.entry(e.dossier) {
                v.insert(super::journal::evenements_du_dossier(tx, e.dossier)?);
            }
            inserer_recu(tx, &recu, paquet)?;
            r.nouveaux += 1;
            r.dossiers.insert(e.dossier);
        }
        for id in &r.dossiers {
            let apres = super::journal::evenements_du_dossier(tx, *id)?;
            let dossier = Dossier::rejouer(&apres).ok_or_else(|| {
                refus(format!(
                    "le dossier {id} reçu ne commence pas par son ouverture : il manque un paquet antérieur"
                ))
            })?;
            let vide = Vec::new();
            let avant = avant.get(id).unwrap_or(&vide);
            super::indicateurs::remplacer_journal(tx, *id, avant, &apres, freins)?;
            projection::ecrire_dossier(tx, &dossier)?;
        }
        Ok(r)
    }
}

fn refus(texte: String) -> ErreurStore {
    ErreurStore::Echange(texte)
}

/// Un événement reçu, quel que soit son sujet (dossier ou cotraitance), tel qu'il s'écrit.
struct Recu<'a> {
    id: Uuid,
    sujet: Uuid,
    origine: Uuid,
    seq_origine: i64,
    hlc: (i64, i64),
    auteur: &'a str,
    horodatage: &'a str,
    type_: &'static str,
    donnees: String,
}

/// Vrai si l'événement est déjà là à l'identique ; refuse ce qui se dit d'ici, ce qui vient
/// du futur et un identifiant connu sous un autre contenu.
fn deja_la(
    tx: &rusqlite::Transaction,
    moi: Uuid,
    limite: i64,
    e: &Recu,
) -> Result<bool, ErreurStore> {
    if e.origine == moi {
        return Err(refus(format!(
            "l'événement {} se dit écrit sur ce poste : le paquet est refusé",
            e.id
        )));
    }
    if e.hlc.0 > limite {
        return Err(refus(format!(
            "l'événement {} est daté de plus d'un jour dans le futur (horloge du poste du partenaire déréglée ?) : le paquet est refusé",
            e.id
        )));
    }
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
    let Some(c) = connu else {
        return Ok(false);
    };
    let meme = (
        Some(e.sujet.to_string()),
        Some(e.origine.to_string()),
        Some(e.seq_origine),
        e.hlc.0,
        e.hlc.1,
        e.donnees.clone(),
    );
    if c != meme {
        return Err(refus(format!(
            "l'événement {} est déjà là avec un autre contenu : le paquet est refusé",
            e.id
        )));
    }
    Ok(true)
}

/// Écrit un événement reçu au journal (sa version : la suivante ici) et le chaîne.
fn inserer_recu(
    tx: &rusqlite::Transaction,
    e: &Recu,
    paquet: Option<i64>,
) -> Result<(), ErreurStore> {
    let version: u64 = tx
        .prepare_cached(
            "SELECT coalesce(max(version), 0) + 1 FROM evenements WHERE dossier_id = ?1",
        )?
        .query_row([e.sujet.to_string()], |x| x.get(0))?;
    tx.prepare_cached(
        "INSERT INTO evenements (id, dossier_id, version, auteur, horodatage, type, donnees,
                                 origine, seq_origine, hlc_ms, hlc_c, paquet)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        e.id.to_string(),
        e.sujet.to_string(),
        version,
        e.auteur,
        e.horodatage,
        e.type_,
        e.donnees,
        e.origine.to_string(),
        e.seq_origine,
        e.hlc.0,
        e.hlc.1,
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
    super::chaine::chainer(tx, tx.last_insert_rowid())
}

/// Applique des faits de cotraitance reçus dans la transaction ouverte : chaque jeune
/// touché est rejoué dans l'ordre commun et sa projection réécrite.
fn appliquer_cotraitance(
    tx: &rusqlite::Transaction,
    moi: Uuid,
    faits: &[FaitEchange],
    paquet: Option<i64>,
    r: &mut Reception,
) -> Result<(), ErreurStore> {
    let limite = chrono::Utc::now().timestamp_millis() + AVANCE_MAX_MS;
    let mut touches = BTreeSet::new();
    for f in faits {
        let recu = Recu {
            id: f.id,
            sujet: f.cotraitance,
            origine: f.origine,
            seq_origine: f.seq_origine,
            hlc: (f.hlc_ms, f.hlc_c),
            auteur: &f.auteur,
            horodatage: &f.horodatage,
            type_: f.evenement.type_(),
            donnees: serde_json::to_string(&f.evenement)?,
        };
        if deja_la(tx, moi, limite, &recu)? {
            r.deja_recus += 1;
            continue;
        }
        inserer_recu(tx, &recu, paquet)?;
        r.nouveaux += 1;
        touches.insert(f.cotraitance);
    }
    for id in touches {
        let c = super::cotraitance::rejouer(tx, id)?.ok_or_else(|| {
            refus(format!(
                "le jeune {id} reçu ne commence pas par son affectation : il manque un paquet antérieur"
            ))
        })?;
        super::cotraitance::ecrire(tx, &c)?;
        r.cotraitances.insert(id);
    }
    Ok(())
}

/// Un événement de dossier du journal, tel qu'il voyage.
fn en_echange(dossier: Uuid, b: Brut) -> Result<EvenementEchange, ErreurStore> {
    Ok(EvenementEchange {
        id: b.id,
        dossier,
        origine: b.origine,
        seq_origine: b.seq,
        hlc_ms: b.hlc.0,
        hlc_c: b.hlc.1,
        auteur: b.auteur,
        horodatage: b.horodatage,
        evenement: serde_json::from_str(&b.donnees)?,
    })
}

/// Un identifiant lu du journal ; illisible, c'est une base abîmée.
fn uuid(texte: &str) -> Result<Uuid, ErreurStore> {
    Uuid::parse_str(texte).map_err(|e| ErreurStore::Illisible(e.to_string()))
}
