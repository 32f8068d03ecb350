//! Documents imprimables : fiche de liaison, contrat d'accompagnement, avenant de
//! reconduction, carnet de route, fiche de sortie.

pub mod documents;
pub mod mise_en_page;

use uuid::Uuid;

use crate::domain::date::Jour;
use crate::domain::dossier::{Commande, Contexte, Dossier};
use crate::domain::freins::Freins;
use crate::domain::professionnel::Role;
use crate::domain::structures::Referentiel;
use crate::store::Store;
use documents::{generer, Modele, Sources};

/// Rédige un document d'un dossier à partir de la base ; l'annuaire donne les
/// coordonnées des deux professionnels.
pub fn rediger(
    store: &Store,
    dossier: &Dossier,
    modele: Modele,
    referentiel: &Referentiel,
    freins: &Freins,
    aujourdhui: Jour,
) -> Result<Vec<u8>, String> {
    let pro = |role: Role| -> Result<_, String> {
        match dossier.membre(role) {
            Some(m) => store.professionnel(m.id).map_err(|e| e.to_string()),
            None => Ok(None),
        }
    };
    let conseiller = pro(Role::Conseiller)?;
    let referent = pro(Role::Referent)?;
    let sources = Sources {
        dossier,
        conseiller: conseiller.as_ref(),
        referent: referent.as_ref(),
        referentiel,
        freins,
        aujourdhui,
    };
    generer(modele, &sources).map_err(|e| e.to_string())
}

/// Rédige, écrit atomiquement et note l'impression au journal du dossier.
pub fn imprimer(
    store: &mut Store,
    id: Uuid,
    modele: Modele,
    chemin: &std::path::Path,
    auteur: &str,
    referentiel: &Referentiel,
    ctx: Contexte,
) -> Result<(), String> {
    let dossier = store
        .dossier(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("Le dossier {id} est introuvable."))?;
    let octets = rediger(
        store,
        &dossier,
        modele,
        referentiel,
        ctx.freins,
        ctx.aujourdhui,
    )?;
    mise_en_page::ecrire_atomiquement(chemin, &octets).map_err(|e| e.to_string())?;
    store
        .executer(
            id,
            &Commande::NoterImpression {
                document: modele.libelle(),
                date: ctx.aujourdhui,
            },
            auteur,
            ctx,
        )
        .map(|_| ())
        .map_err(|e| {
            format!(
                "Le PDF est bien enregistré dans {}, mais son impression n'a pas pu être notée au dossier : {e}",
                chemin.display()
            )
        })
}
