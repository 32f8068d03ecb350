//! Les références du banc d'essai : les mêmes lectures et écritures que le store fait pour
//! un écran, à nu (sans décision, sans désérialisation), pour que chaque chiffre du banc
//! soit mis à côté de ce que SQLite coûte seul sur la même machine, dans la même exécution.

use std::path::Path;

use rusqlite::{params, params_from_iter, Connection};

use super::{ErreurStore, Store, COLONNES_RESUME, FICHIER_BASE};
use crate::domain::indicateurs::Bornes;

/// Lit toutes les colonnes des lignes d'une requête, sans les interpréter.
fn tout_lire(c: &Connection, sql: &str, p: &[String]) -> Result<usize, ErreurStore> {
    let mut st = c.prepare_cached(sql)?;
    let n = st.column_count();
    let mut lignes = st.query(params_from_iter(p))?;
    let mut compte = 0;
    while let Some(l) = lignes.next()? {
        for i in 0..n {
            std::hint::black_box(l.get_ref(i)?);
        }
        compte += 1;
    }
    Ok(compte)
}

impl Store {
    /// Une connexion neuve (avec la clé) et le SELECT du portefeuille, valeurs brutes.
    pub fn reference_portefeuille(
        dossier: &Path,
        cle: &super::CleBase,
    ) -> Result<usize, ErreurStore> {
        let c = Connection::open(dossier.join(FICHIER_BASE))?;
        super::appliquer_cle(&c, cle)?;
        tout_lire(
            &c,
            &format!("SELECT {COLONNES_RESUME} FROM dossiers ORDER BY nom, prenom, id"),
            &[],
        )
    }

    /// Un INSERT nu validé, avec la même synchronisation que le journal.
    pub fn reference_insertion(&self) -> Result<(), ErreurStore> {
        self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS banc_brut (x TEXT);
             BEGIN; INSERT INTO banc_brut VALUES ('x'); COMMIT;",
        )?;
        Ok(())
    }

    /// Des lignes (identifiant, JSON) insérées en une transaction dans une base neuve sans
    /// index, chiffrée avec la même clé, avec la même synchronisation.
    pub fn reference_insertion_en_vrac(
        fichier: &Path,
        cle: &super::CleBase,
        lignes: impl IntoIterator<Item = (String, String)>,
    ) -> Result<(), ErreurStore> {
        let mut c = Connection::open(fichier)?;
        super::appliquer_cle(&c, cle)?;
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE t (id TEXT PRIMARY KEY, donnees TEXT NOT NULL);",
        )?;
        let tx = c.transaction()?;
        {
            let mut st = tx.prepare("INSERT INTO t (id, donnees) VALUES (?1, ?2)")?;
            for (id, donnees) in lignes {
                st.execute(params![id, donnees])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Toutes les fiches non archivées, en JSON, sans index : `garder` dit lesquelles
    /// retenir ; rend leur nombre.
    pub fn reference_ressources(
        &self,
        mut garder: impl FnMut(&str) -> bool,
    ) -> Result<usize, ErreurStore> {
        let mut st = self
            .conn
            .prepare_cached("SELECT donnees FROM ressources WHERE archivee = 0")?;
        let mut l = st.query([])?;
        let mut n = 0;
        while let Some(x) = l.next()? {
            if garder(&x.get::<_, String>(0)?) {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Les lignes que lit le calcul des indicateurs, brutes, sans rien calculer.
    pub fn reference_indicateurs(&self, bornes: Bornes) -> Result<(), ErreurStore> {
        tout_lire(
            &self.conn,
            "SELECT mois, agence, cle, detail, total, brsa, somme FROM indicateurs_compteurs WHERE mois BETWEEN ?1 AND ?2",
            &[bornes.de.to_string(), bornes.a.to_string()],
        )?;
        tout_lire(
            &self.conn,
            "SELECT dossier_id, entree, debut, fin, agence, brsa FROM indicateurs_segments WHERE entree <= ?1 ORDER BY dossier_id, rang",
            &[bornes.a.dernier_jour().to_string()],
        )?;
        Ok(())
    }
}
