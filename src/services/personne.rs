//! « Données de la personne » : tout ce que Binôme garde sur elle, pour son droit d'accès,
//! en PDF lisible et en JSON. Le relevé ne dit que ce que celui qui le produit peut lire
//! (secret partagé) et nomme qui remet le reste.

use std::path::Path;

use serde::Serialize;
use uuid::Uuid;

use super::administration::{quand, Noms};
use super::poste::Poste;
use super::ErreurService;
use crate::documents::personne::{releve, AccesAuDossier, EntreeChronologie, Releve};
use crate::domain::audit::ActionAudit;
use crate::domain::date::date_fr;
use crate::domain::dossier::Dossier;
use crate::domain::professionnel::Role;

/// Le relevé au format JSON : la même matière que le PDF, pour un traitement par machine.
#[derive(Debug, Serialize)]
pub struct DonneesPersonne {
    pub format: &'static str,
    pub etabli_le: String,
    pub etabli_par: String,
    pub dossier: Dossier,
    pub chronologie: Vec<EntreeChronologie>,
    pub acces: Vec<AccesAuDossier>,
    pub effacement_prevu: Option<String>,
    pub reserve: Option<String>,
    pub notes_privees: u64,
}

/// Le nom de fichier proposé pour le relevé.
pub fn nom_fichier(d: &Dossier) -> String {
    crate::documents::dossier::nom_de_fichier("donnees-de-la-personne", d)
}

/// Le relevé d'un dossier confié au compte : le PDF et le JSON.
pub fn rediger(poste: &Poste, id: Uuid) -> Result<(Vec<u8>, String), ErreurService> {
    let duree = super::effacement::duree(poste)?;
    let store = poste.store();
    let complet = poste.dossier_confie(&store, id)?;
    let role = poste.utilisateur().map_or(Role::Conseiller, |u| u.role());
    let vu = complet.vu_par(role, poste.freins());
    let reserve = match (&vu, complet.membre(Role::Referent)) {
        (std::borrow::Cow::Owned(_), Some(r)) => Some(format!(
            "Certains éléments du volet social sont couverts par le secret professionnel : {}, référent social, les remet à la personne.",
            r.nom
        )),
        _ => None,
    };
    let d = vu.into_owned();
    let noms = Noms::lire(&store)?;
    let chronologie: Vec<EntreeChronologie> = store
        .journal(id)?
        .iter()
        .map(|e| EntreeChronologie {
            // La date saisie de l'étape ; à défaut, le jour où elle a été enregistrée.
            date: e.evenement.date().map_or_else(
                || {
                    chrono::DateTime::parse_from_rfc3339(&e.horodatage).map_or_else(
                        |_| e.horodatage.clone(),
                        |t| date_fr(t.with_timezone(&chrono::Local).date_naive()),
                    )
                },
                date_fr,
            ),
            enregistre_par: noms.nom(&e.auteur),
            description: complet.description_vue_par(&e.evenement, role, poste.freins()),
        })
        .collect();
    let acces: Vec<AccesAuDossier> = store
        .audit_du_dossier(&id.to_string())?
        .into_iter()
        .map(|(e, _, _)| AccesAuDossier {
            quand: quand(&e.horodatage),
            qui: noms.nom(&e.qui),
            action: e.action.libelle().to_string(),
        })
        .collect();
    let effacement_prevu = d
        .cloture
        .as_ref()
        .map(|c| duree.echeance(c.date, d.dernier_contact()));
    let notes_privees = store.emprise(id)?.notes_privees;
    let binome = super::impression::Binome::de(&store, &d)?;
    let pdf = releve(&Releve {
        sources: binome.sources(&d, poste),
        chronologie: &chronologie,
        acces: &acces,
        effacement_prevu,
        reserve: reserve.clone(),
        notes_privees,
    })?;
    let json = serde_json::to_string_pretty(&DonneesPersonne {
        format: "binome-donnees-personne-1",
        etabli_le: date_fr(poste.aujourdhui()),
        etabli_par: noms.nom(&poste.auteur()),
        dossier: d,
        chronologie,
        acces,
        effacement_prevu: effacement_prevu.map(date_fr),
        reserve,
        notes_privees,
    })
    .map_err(|e| crate::store::ErreurStore::Illisible(e.to_string()))?;
    Ok((pdf, json))
}

/// Écrit le relevé (PDF, et JSON si demandé) et l'inscrit au journal d'audit.
pub fn exporter(
    poste: &Poste,
    id: Uuid,
    pdf: &Path,
    json: Option<&Path>,
    remplacer: bool,
) -> Result<(), ErreurService> {
    let (octets, texte) = rediger(poste, id)?;
    let export = format!("Données de la personne:{id}");
    {
        let store = poste.store();
        super::sortie::ecrire(&store, pdf, &export, &octets, remplacer)?;
        if let Some(j) = json {
            let export = format!("Données de la personne (JSON):{id}");
            super::sortie::ecrire(&store, j, &export, texte.as_bytes(), remplacer)?;
        }
    }
    poste.auditer(ActionAudit::Export, Some(id));
    Ok(())
}
