//! Les projections : l'état courant, rangé pour les requêtes des écrans.

use rusqlite::{params, Connection};

use super::ErreurStore;
use crate::domain::dossier::Dossier;
use crate::domain::professionnel::{Affectation, Professionnel};

pub(super) fn ecrire_dossier(conn: &Connection, d: &Dossier) -> Result<(), ErreurStore> {
    let r = d.resume();
    let jour = |j: Option<chrono::NaiveDate>| j.map(|j| j.to_string());
    conn.prepare_cached(
        "INSERT INTO dossiers (
            id, version, nom, prenom, identifiant_ft, commune, agence, brsa, enfant_mineur,
            modalite, etape, initiative, conseiller_id, conseiller, referent_id, referent,
            date_ouverture, date_entree, date_fin, reconduit, date_cloture, motif_cloture,
            dernier_contact, fiche_attente_numero, fiche_attente_date, point_numero, point_date,
            action_numero, action_date, suite, dernier_diagnostic, action_titre, conflits,
            accord_attendu, action_secrete)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33,
                 ?34, ?35)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, nom = excluded.nom,
             prenom = excluded.prenom, identifiant_ft = excluded.identifiant_ft,
             commune = excluded.commune, agence = excluded.agence, brsa = excluded.brsa,
             enfant_mineur = excluded.enfant_mineur, modalite = excluded.modalite,
             etape = excluded.etape, initiative = excluded.initiative,
             conseiller_id = excluded.conseiller_id, conseiller = excluded.conseiller,
             referent_id = excluded.referent_id, referent = excluded.referent,
             date_ouverture = excluded.date_ouverture, date_entree = excluded.date_entree,
             date_fin = excluded.date_fin, reconduit = excluded.reconduit,
             date_cloture = excluded.date_cloture, motif_cloture = excluded.motif_cloture,
             dernier_contact = excluded.dernier_contact,
             fiche_attente_numero = excluded.fiche_attente_numero,
             fiche_attente_date = excluded.fiche_attente_date,
             point_numero = excluded.point_numero, point_date = excluded.point_date,
             action_numero = excluded.action_numero, action_date = excluded.action_date,
             suite = excluded.suite, dernier_diagnostic = excluded.dernier_diagnostic,
             action_titre = excluded.action_titre, conflits = excluded.conflits,
             accord_attendu = excluded.accord_attendu, action_secrete = excluded.action_secrete",
    )?
    .execute(params![
        r.id.to_string(),
        r.version,
        r.nom,
        r.prenom,
        r.identifiant_ft,
        r.commune,
        r.agence,
        r.brsa,
        r.enfant_mineur,
        r.modalite.code(),
        r.etape.code(),
        r.initiative.code(),
        r.conseiller_id.map(|u| u.to_string()),
        r.conseiller,
        r.referent_id.map(|u| u.to_string()),
        r.referent,
        r.date_ouverture.to_string(),
        jour(r.date_entree),
        jour(r.date_fin),
        r.reconduit,
        jour(r.date_cloture),
        r.motif_cloture,
        jour(r.dernier_contact),
        r.fiche_en_attente.map(|(n, _)| n),
        jour(r.fiche_en_attente.map(|(_, d)| d)),
        r.prochain_point.map(|(n, _)| n),
        jour(r.prochain_point.map(|(_, d)| d)),
        r.prochaine_action.map(|(n, _)| n),
        jour(r.prochaine_action.map(|(_, d)| d)),
        r.suite,
        jour(r.dernier_diagnostic),
        r.prochaine_action_titre,
        r.conflits,
        r.accord_attendu.map(|r| r.code()),
        r.prochaine_action_secrete,
    ])?;
    conn.prepare_cached("INSERT OR REPLACE INTO etats_dossiers (id, etat) VALUES (?1, ?2)")?
        .execute(params![r.id.to_string(), serde_json::to_string(d)?])?;
    Ok(())
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
