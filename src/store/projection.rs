//! Les projections : l'état courant, rangé pour les requêtes des écrans.

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};

use super::ErreurStore;
use crate::domain::dossier::Dossier;
use crate::domain::professionnel::{Affectation, Professionnel};

/// L'état d'un dossier, s'il existe.
pub(super) fn lire_etat(conn: &Connection, id: uuid::Uuid) -> Result<Option<Dossier>, ErreurStore> {
    conn.prepare_cached("SELECT etat FROM etats_dossiers WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok(etat_lu(id, r.get_ref(0)?)))
        .optional()?
        .transpose()
}

pub(super) fn ecrire_dossier(conn: &Connection, d: &Dossier) -> Result<(), ErreurStore> {
    let r = d.resume();
    let jour = |j: Option<chrono::NaiveDate>| j.map(|j| j.to_string());
    let valeurs = params![
        r.id.to_string(),
        r.version,
        r.nom.as_str(),
        r.prenom.as_str(),
        r.identifiant_ft.as_str(),
        r.commune.as_str(),
        r.agence.as_str(),
        r.brsa,
        r.enfant_mineur,
        r.modalite.code(),
        r.etape.code(),
        r.initiative.code(),
        r.conseiller_id.map(|u| u.to_string()),
        r.conseiller.as_deref(),
        r.referent_id.map(|u| u.to_string()),
        r.referent.as_deref(),
        r.date_ouverture.to_string(),
        jour(r.date_entree),
        jour(r.date_fin),
        r.reconduit,
        jour(r.date_cloture),
        r.motif_cloture.as_deref(),
        jour(r.dernier_contact),
        r.fiche_en_attente.map(|(n, _)| n),
        jour(r.fiche_en_attente.map(|(_, d)| d)),
        r.prochain_point.map(|(n, _)| n),
        jour(r.prochain_point.map(|(_, d)| d)),
        r.prochaine_action.map(|(n, _)| n),
        jour(r.prochaine_action.map(|(_, d)| d)),
        r.suite.as_str(),
        jour(r.dernier_diagnostic),
        r.prochaine_action_titre.as_deref(),
        r.conflits,
        r.accord_attendu.map(|r| r.code()),
        r.prochaine_action_secrete,
    ];
    // Une mise à jour ne réécrit un index que si l'une de ses colonnes est dans le SET : le
    // portefeuille ne touche ses index (nom, étape, identifiant, binôme) que quand ils
    // changent, soit six pages de moins à chiffrer et écrire par événement.
    let insere = conn
        .prepare_cached(
            "INSERT INTO dossiers (
            id, version, nom, prenom, identifiant_ft, commune, agence, brsa, enfant_mineur,
            modalite, etape, initiative, conseiller_id, conseiller, referent_id, referent,
            date_ouverture, date_entree, date_fin, reconduit, date_cloture, motif_cloture,
            dernier_contact, fiche_attente_numero, fiche_attente_date, point_numero, point_date,
            action_numero, action_date, suite, dernier_diagnostic, action_titre, conflits,
            accord_attendu, action_secrete)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                 (SELECT id FROM professionnels WHERE id = ?13), ?14,
                 (SELECT id FROM professionnels WHERE id = ?15), ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33,
                 ?34, ?35)
         ON CONFLICT (id) DO NOTHING",
        )?
        .execute(valeurs)?;
    if insere == 0 {
        conn.prepare_cached(
            "UPDATE dossiers SET version = ?2, commune = ?6, agence = ?7, brsa = ?8,
                 enfant_mineur = ?9, modalite = ?10, initiative = ?12, conseiller = ?14,
                 referent = ?16, date_ouverture = ?17, date_entree = ?18, date_fin = ?19,
                 reconduit = ?20, date_cloture = ?21, motif_cloture = ?22,
                 dernier_contact = ?23, fiche_attente_numero = ?24, fiche_attente_date = ?25,
                 point_numero = ?26, point_date = ?27, action_numero = ?28, action_date = ?29,
                 suite = ?30, dernier_diagnostic = ?31, action_titre = ?32, conflits = ?33,
                 accord_attendu = ?34, action_secrete = ?35
             WHERE id = ?1",
        )?
        .execute(valeurs)?;
        conn.prepare_cached(
            "UPDATE dossiers SET nom = ?3, prenom = ?4, identifiant_ft = ?5, etape = ?11,
                 conseiller_id = (SELECT id FROM professionnels WHERE id = ?13),
                 referent_id = (SELECT id FROM professionnels WHERE id = ?15)
             WHERE id = ?1 AND (nom IS NOT ?3 OR prenom IS NOT ?4 OR identifiant_ft IS NOT ?5
                 OR etape IS NOT ?11
                 OR conseiller_id IS NOT (SELECT id FROM professionnels WHERE id = ?13)
                 OR referent_id IS NOT (SELECT id FROM professionnels WHERE id = ?15))",
        )?
        .execute(&valeurs[..15])?;
    }
    conn.prepare_cached(
        "INSERT INTO etats_dossiers (id, etat) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET etat = excluded.etat",
    )?
    .execute(params![r.id.to_string(), etat_compresse(d)?])?;
    Ok(())
}

/// L'état d'un dossier tel que la base le garde : son JSON compressé (migration 24).
fn etat_compresse(d: &Dossier) -> Result<Vec<u8>, ErreurStore> {
    Ok(lz4_flex::compress_prepend_size(&serde_json::to_vec(d)?))
}

/// L'état d'un dossier relu de la base : compressé, ou en JSON tel qu'une base d'avant la
/// migration 24 l'a écrit (ses états sont recalculés à l'ouverture, sauf journal altéré).
fn etat_lu(id: uuid::Uuid, v: ValueRef<'_>) -> Result<Dossier, ErreurStore> {
    let illisible = |quoi: String| ErreurStore::Illisible(format!("état du dossier {id} : {quoi}"));
    match v {
        ValueRef::Blob(b) => {
            let json =
                lz4_flex::decompress_size_prepended(b).map_err(|e| illisible(e.to_string()))?;
            Ok(serde_json::from_slice(&json)?)
        }
        ValueRef::Text(t) => Ok(serde_json::from_slice(t)?),
        _ => Err(illisible("ni compressé ni en JSON".into())),
    }
}

pub(super) fn ecrire_professionnel(
    conn: &Connection,
    p: &Professionnel,
    version: u64,
) -> Result<(), ErreurStore> {
    let structure = match &p.affectation {
        Affectation::Agence { agence, .. } => agence,
        Affectation::Structure { code, .. } => code,
    };
    conn.execute(
        "INSERT INTO professionnels (id, version, role, nom, prenom, structure, donnees)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, role = excluded.role,
             nom = excluded.nom, prenom = excluded.prenom, structure = excluded.structure,
             donnees = excluded.donnees",
        params![
            p.id.to_string(),
            version,
            p.role().code(),
            p.nom,
            p.prenom,
            structure,
            serde_json::to_string(p)?,
        ],
    )?;
    Ok(())
}
