//! Les migrations SQL de `migrations/`, appliquées dans l'ordre, chacune une fois.
//! Une migration livrée n'est jamais modifiée : sa somme de contrôle est vérifiée.

use rusqlite::{params, Connection, OptionalExtension};

use super::ErreurStore;

pub struct Migration {
    pub version: u32,
    pub nom: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        nom: "init",
        sql: include_str!("../../migrations/V1__init.sql"),
    },
    Migration {
        version: 2,
        nom: "preferences_brouillons",
        sql: include_str!("../../migrations/V2__preferences_brouillons.sql"),
    },
    Migration {
        version: 3,
        nom: "ressources",
        sql: include_str!("../../migrations/V3__ressources.sql"),
    },
    Migration {
        version: 4,
        nom: "indicateurs",
        sql: include_str!("../../migrations/V4__indicateurs.sql"),
    },
    Migration {
        version: 5,
        nom: "sorties",
        sql: include_str!("../../migrations/V5__sorties.sql"),
    },
    Migration {
        version: 6,
        nom: "chaine_du_journal",
        sql: include_str!("../../migrations/V6__chaine_du_journal.sql"),
    },
    Migration {
        version: 7,
        nom: "cles_installations",
        sql: include_str!("../../migrations/V7__cles_installations.sql"),
    },
    Migration {
        version: 8,
        nom: "diagnostic_a_actualiser",
        sql: include_str!("../../migrations/V8__diagnostic_a_actualiser.sql"),
    },
    Migration {
        version: 9,
        nom: "titre_de_l_action",
        sql: include_str!("../../migrations/V9__titre_de_l_action.sql"),
    },
    Migration {
        version: 10,
        nom: "audit",
        sql: include_str!("../../migrations/V10__audit.sql"),
    },
    Migration {
        version: 11,
        nom: "comptes",
        sql: include_str!("../../migrations/V11__comptes.sql"),
    },
    Migration {
        version: 12,
        nom: "notes_privees",
        sql: include_str!("../../migrations/V12__notes_privees.sql"),
    },
    Migration {
        version: 13,
        nom: "effacement",
        sql: include_str!("../../migrations/V13__effacement.sql"),
    },
    Migration {
        version: 14,
        nom: "cartes_de_binome",
        sql: include_str!("../../migrations/V14__cartes_de_binome.sql"),
    },
    Migration {
        version: 15,
        nom: "echange",
        sql: include_str!("../../migrations/V15__echange.sql"),
    },
    Migration {
        version: 16,
        nom: "echange_au_portefeuille",
        sql: include_str!("../../migrations/V16__echange_au_portefeuille.sql"),
    },
    Migration {
        version: 17,
        nom: "historique_des_ressources",
        sql: include_str!("../../migrations/V17__historique_des_ressources.sql"),
    },
    Migration {
        version: 18,
        nom: "action_secrete",
        sql: include_str!("../../migrations/V18__action_secrete.sql"),
    },
    Migration {
        version: 19,
        nom: "cotraitance",
        sql: include_str!("../../migrations/V19__cotraitance.sql"),
    },
    Migration {
        version: 20,
        nom: "journal_plus_leger",
        sql: include_str!("../../migrations/V20__journal_plus_leger.sql"),
    },
    Migration {
        version: 21,
        nom: "archives_des_dossiers_recus",
        sql: include_str!("../../migrations/V21__archives_des_dossiers_recus.sql"),
    },
    Migration {
        version: 22,
        nom: "index_des_recus",
        sql: include_str!("../../migrations/V22__index_des_recus.sql"),
    },
    Migration {
        version: 23,
        nom: "index_texte_en_un_segment",
        sql: include_str!("../../migrations/V23__index_texte_en_un_segment.sql"),
    },
    Migration {
        version: 24,
        nom: "etats_compresses",
        sql: include_str!("../../migrations/V24__etats_compresses.sql"),
    },
    Migration {
        version: 25,
        nom: "index_texte_sans_prefixes",
        sql: include_str!("../../migrations/V25__index_texte_sans_prefixes.sql"),
    },
];

/// La migration qui crée la chaîne du journal : les événements déjà écrits y entrent quand
/// elle s'applique.
pub const VERSION_CHAINE: u32 = 6;

/// La dernière migration qui change la forme des projections des dossiers (colonne du
/// portefeuille, état compressé) : celles d'une base plus ancienne sont recalculées à
/// l'ouverture.
pub const VERSION_FORME_DES_PROJECTIONS: u32 = 24;

/// La dernière migration qui refait un index des ressources vide : les fiches d'une base
/// plus ancienne y sont remises à l'ouverture.
pub const VERSION_INDEX_DES_RESSOURCES: u32 = 25;

/// Somme de contrôle FNV-1a 64 bits : stable d'une version de Rust à l'autre.
fn somme(sql: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in sql.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

pub fn version_courante(conn: &Connection) -> Result<u32, ErreurStore> {
    let existe: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'",
        [],
        |r| r.get(0),
    )?;
    if !existe {
        return Ok(0);
    }
    let v: Option<u32> = conn
        .query_row("SELECT max(version) FROM migrations", [], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(v.unwrap_or(0))
}

/// Vrai si la base porte la table des migrations de Binôme.
pub fn a_un_schema(conn: &Connection) -> Result<bool, ErreurStore> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 1)
}

/// Applique les migrations manquantes ; renvoie le nombre appliqué.
pub fn migrer(conn: &mut Connection) -> Result<usize, ErreurStore> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS migrations (
             version     INTEGER PRIMARY KEY,
             nom         TEXT NOT NULL,
             somme       TEXT NOT NULL,
             appliquee_le TEXT NOT NULL
         )",
    )?;
    let courante = version_courante(conn)?;
    let connue = MIGRATIONS.last().map_or(0, |m| m.version);
    if courante > connue {
        return Err(ErreurStore::BaseTropRecente {
            base: courante,
            logiciel: connue,
        });
    }
    // Les sommes enregistrées, lues d'une requête : chaque ouverture les vérifie toutes.
    let enregistrees: std::collections::HashMap<u32, String> = conn
        .prepare("SELECT version, somme FROM migrations")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for m in MIGRATIONS.iter().filter(|m| m.version <= courante) {
        if enregistrees.get(&m.version) != Some(&somme(m.sql)) {
            return Err(ErreurStore::MigrationModifiee { version: m.version });
        }
    }
    let mut appliquees = 0;
    for m in MIGRATIONS.iter().filter(|m| m.version > courante) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO migrations (version, nom, somme, appliquee_le) VALUES (?1, ?2, ?3, ?4)",
            params![
                m.version,
                m.nom,
                somme(m.sql),
                chrono::Utc::now().to_rfc3339()
            ],
        )?;
        tx.commit()?;
        appliquees += 1;
    }
    Ok(appliquees)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn les_versions_se_suivent_sans_trou() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "migration {}", m.nom);
        }
    }

    /// L'historique d'une base de la version 16 (chaque ligne porte la version écrite)
    /// devient celui des versions remplacées, sans rien perdre.
    #[test]
    fn l_historique_des_ressources_garde_les_versions_remplacees() {
        let c = Connection::open_in_memory().expect("base");
        for m in MIGRATIONS.iter().filter(|m| m.version < 17) {
            c.execute_batch(m.sql).expect(m.nom);
        }
        for (ressource, action, donnees) in [
            ("a", "création", r#"{"v":1}"#),
            ("b", "import", r#"{"v":10}"#),
            ("a", "modification", r#"{"v":2}"#),
            ("a", "archivage", r#"{"v":3}"#),
        ] {
            c.execute(
                "INSERT INTO ressources_historique (ressource, date, auteur, action, donnees)
                 VALUES (?1, '2026-01-01', 'x', ?2, ?3)",
                params![ressource, action, donnees],
            )
            .expect("ligne");
        }
        c.execute_batch(MIGRATIONS[16].sql).expect("migration 17");
        let mut st = c
            .prepare(
                "SELECT ressource, action, remplacee FROM ressources_historique ORDER BY numero",
            )
            .expect("lecture");
        let lignes: Vec<(String, String, Option<String>)> = st
            .query_map([], |l| Ok((l.get(0)?, l.get(1)?, l.get(2)?)))
            .expect("lignes")
            .collect::<Result<_, _>>()
            .expect("lignes");
        let attendu = |r: &str, a: &str, v: Option<&str>| (r.into(), a.into(), v.map(String::from));
        assert_eq!(
            lignes,
            vec![
                attendu("a", "création", None),
                attendu("b", "import", None),
                attendu("a", "modification", Some(r#"{"v":1}"#)),
                attendu("a", "archivage", Some(r#"{"v":2}"#)),
            ]
        );
        // Toujours en ajout seul.
        assert!(c.execute("DELETE FROM ressources_historique", []).is_err());
    }

    #[test]
    fn la_somme_change_avec_le_texte() {
        assert_ne!(somme("SELECT 1"), somme("SELECT 2"));
        assert_eq!(somme("SELECT 1"), somme("SELECT 1"));
    }
}
