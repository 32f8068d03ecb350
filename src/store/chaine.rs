//! La chaîne du journal : l'empreinte de chaque événement couvre son contenu et
//! l'empreinte du précédent (par ordre d'écriture). Le journal est en ajout seul par ses
//! déclencheurs ; la chaîne dit en plus si quelqu'un les a retirés pour le réécrire.

use rusqlite::{params, Connection, OptionalExtension};

use super::ErreurStore;

/// L'empreinte qui précède le premier événement.
const ORIGINE: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Les déclencheurs qui gardent le journal et sa chaîne en ajout seul.
pub const DECLENCHEURS: [&str; 9] = [
    "evenements_sans_modification",
    "evenements_sans_suppression",
    "chaine_sans_modification",
    "chaine_sans_suppression",
    "purges_sans_modification",
    "purges_sans_suppression",
    "evenements_purges_sans_modification",
    "evenements_purges_sans_suppression",
    "paquets_recus_sans_modification",
];

const COLONNES: &str =
    "seq, id, dossier_id, professionnel_id, version, auteur, horodatage, type, donnees,
     origine, seq_origine, hlc_ms, hlc_c, paquet";

/// L'origine et l'horloge d'un événement (migration V15) ; absentes des événements écrits
/// avant, dont l'empreinte reste celle d'alors.
type Origine = (String, Option<i64>, i64, i64, Option<i64>);

/// Une ligne du journal, telle qu'elle est écrite.
struct Ligne {
    seq: i64,
    champs: (
        String,
        Option<String>,
        Option<String>,
        i64,
        String,
        String,
        String,
        String,
    ),
    origine: Option<Origine>,
}

fn lire(l: &rusqlite::Row) -> rusqlite::Result<Ligne> {
    Ok(Ligne {
        seq: l.get(0)?,
        champs: (
            l.get(1)?,
            l.get(2)?,
            l.get(3)?,
            l.get(4)?,
            l.get(5)?,
            l.get(6)?,
            l.get(7)?,
            l.get(8)?,
        ),
        origine: match l.get::<_, Option<String>>(9)? {
            Some(o) => Some((o, l.get(10)?, l.get(11)?, l.get(12)?, l.get(13)?)),
            None => None,
        },
    })
}

fn empreinte(precedente: &str, l: &Ligne) -> Result<String, ErreurStore> {
    // Un tableau JSON : aucun champ ne peut déborder sur son voisin.
    let texte = match &l.origine {
        None => serde_json::to_string(&(precedente, l.seq, &l.champs))?,
        Some(o) => serde_json::to_string(&(precedente, l.seq, &l.champs, o))?,
    };
    Ok(crate::domain::empreinte::sha256(texte.as_bytes()))
}

pub(super) fn derniere(conn: &Connection) -> Result<String, ErreurStore> {
    Ok(conn
        .prepare_cached("SELECT empreinte FROM chaine ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| ORIGINE.to_string()))
}

/// Ajoute à la chaîne l'événement qui vient d'être écrit (même transaction).
pub fn chainer(conn: &Connection, seq: i64) -> Result<(), ErreurStore> {
    let l = conn
        .prepare_cached(&format!("SELECT {COLONNES} FROM evenements WHERE seq = ?1"))?
        .query_row([seq], lire)?;
    inscrire(conn, &l, &derniere(conn)?).map(|_| ())
}

/// Un événement écrit ici à l'instant, tel que la ligne du journal le garde.
pub(super) struct Ecrit<'a> {
    pub seq: i64,
    pub id: String,
    pub dossier: Option<String>,
    pub professionnel: Option<String>,
    pub version: i64,
    pub auteur: &'a str,
    pub horodatage: String,
    pub type_: &'a str,
    pub donnees: &'a str,
    pub origine: String,
    pub hlc: (i64, i64),
}

/// Chaîne l'événement qui vient d'être écrit avec ces valeurs, sans relire sa ligne.
pub(super) fn chainer_ecrit(
    conn: &Connection,
    e: Ecrit,
    precedente: &str,
) -> Result<String, ErreurStore> {
    let l = Ligne {
        seq: e.seq,
        champs: (
            e.id,
            e.dossier,
            e.professionnel,
            e.version,
            e.auteur.to_string(),
            e.horodatage,
            e.type_.to_string(),
            e.donnees.to_string(),
        ),
        origine: Some((e.origine, None, e.hlc.0, e.hlc.1, None)),
    };
    inscrire(conn, &l, precedente)
}

fn inscrire(conn: &Connection, l: &Ligne, precedente: &str) -> Result<String, ErreurStore> {
    let e = empreinte(precedente, l)?;
    conn.prepare_cached("INSERT INTO chaine (seq, empreinte) VALUES (?1, ?2)")?
        .execute(params![l.seq, e])?;
    Ok(e)
}

/// Chaîne les événements écrits avant que la chaîne n'existe : une seule fois, quand la
/// migration qui la crée s'applique.
pub fn chainer_l_existant(conn: &Connection) -> Result<u64, ErreurStore> {
    let mut precedente = derniere(conn)?;
    let mut st = conn.prepare(&format!(
        "SELECT {COLONNES} FROM evenements WHERE seq NOT IN (SELECT seq FROM chaine) ORDER BY seq"
    ))?;
    let lignes: Vec<Ligne> = st.query_map([], lire)?.collect::<Result<_, _>>()?;
    for l in &lignes {
        precedente = empreinte(&precedente, l)?;
        conn.execute(
            "INSERT INTO chaine (seq, empreinte) VALUES (?1, ?2)",
            params![l.seq, precedente],
        )?;
    }
    Ok(lignes.len() as u64)
}

/// Ce qui ne va pas dans le journal : chaîne cassée, événements sans maillon ou maillons sans
/// événement, déclencheurs retirés. Vide si le journal est intact.
pub fn verifier(conn: &Connection) -> Result<Vec<String>, ErreurStore> {
    let mut problemes = Vec::new();
    for d in DECLENCHEURS {
        let present: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [d],
            |r| r.get(0),
        )?;
        if present == 0 {
            problemes.push(format!(
                "le déclencheur « {d} », qui garde le journal en ajout seul, a été retiré : la base a été modifiée hors de Binôme"
            ));
        }
    }
    // La chaîne se parcourt maillon par maillon : le maillon d'un événement effacé par une
    // purge inscrite garde son empreinte, et la suite se vérifie à partir d'elle.
    let mut st = conn.prepare(&format!(
        "SELECT {COLONNES}, c.empreinte, p.purge FROM chaine c
         LEFT JOIN evenements e USING (seq) LEFT JOIN evenements_purges p USING (seq)
         ORDER BY c.seq"
    ))?;
    let mut lignes = st.query([])?;
    let mut precedente = ORIGINE.to_string();
    let (mut casses, mut retires) = (0, 0);
    while let Some(r) = lignes.next()? {
        let inscrite: String = r.get(14)?;
        if r.get::<_, Option<String>>(1)?.is_none() {
            // L'événement n'est plus là : seule une purge inscrite l'explique.
            if r.get::<_, Option<i64>>(15)?.is_none() {
                retires += 1;
            }
            precedente = inscrite;
            continue;
        }
        let l = lire(r)?;
        if inscrite != empreinte(&precedente, &l)? {
            casses += 1;
            if casses <= 10 {
                problemes.push(format!(
                    "journal altéré : l'événement n° {} ne correspond plus à la chaîne (modifié, ou un événement qui le précédait a été retiré)",
                    l.seq
                ));
            }
        }
        // La suite se vérifie par rapport à ce qui est inscrit : une seule altération ne
        // rend pas fautifs tous les événements suivants.
        precedente = inscrite;
    }
    if casses > 10 {
        problemes.push(format!(
            "… et {} autre(s) événement(s) altéré(s)",
            casses - 10
        ));
    }
    let hors_chaine: Vec<i64> = conn
        .prepare("SELECT seq FROM evenements WHERE seq NOT IN (SELECT seq FROM chaine) ORDER BY seq LIMIT 10")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for seq in hors_chaine {
        problemes.push(format!(
            "journal altéré : l'événement n° {seq} n'est pas dans la chaîne (ajouté hors de Binôme)"
        ));
    }
    if retires > 0 {
        problemes.push(format!(
            "journal altéré : {retires} événement(s) ont été retirés du journal hors de toute purge inscrite"
        ));
    }
    if !problemes.is_empty() {
        problemes.push(
            "Ne lancez pas « binome rebuild » : il recalculerait les dossiers à partir du journal altéré. Restaurez la dernière sauvegarde du dossier de données."
                .into(),
        );
    }
    Ok(problemes)
}
