//! La base de ressources partenariales vue de l'interface : import (essai à blanc, puis
//! import), export au modèle CSV, fiche imprimée pour la personne.

use std::path::{Path, PathBuf};

use super::{ErreurService, Poste};
use crate::domain::ressources::Ressource;
use crate::fichiers::ErreurFichier;
use crate::formats::ressources::{import, modele_csv};
use crate::store::RapportImport;

/// Lit les fichiers et les importe (ou les vérifie seulement, `essai`), tout ou rien, au
/// nom de l'utilisateur du poste.
pub fn importer(
    poste: &Poste,
    fichiers: &[PathBuf],
    essai: bool,
) -> Result<RapportImport, ErreurService> {
    let chemins: Vec<&Path> = fichiers.iter().map(PathBuf::as_path).collect();
    let lignes = import::lire_fichiers(&chemins, poste.ctx_ressources(), poste.aujourdhui())?;
    Ok(poste
        .store()
        .importer_ressources(lignes, poste.utilisateur(), essai)?)
}

/// Exporte la base au modèle CSV (les archivées aussi si demandé) ; rend le nombre de
/// fiches écrites.
pub fn exporter(
    poste: &Poste,
    chemin: &Path,
    archivees: bool,
    remplacer: bool,
) -> Result<usize, ErreurService> {
    let r = poste.store().ressources(archivees)?;
    let mut octets = Vec::new();
    modele_csv::ecrire(&r, &mut octets).map_err(|e| ErreurFichier::Ecriture {
        chemin: chemin.display().to_string(),
        source: std::sync::Arc::new(e),
    })?;
    super::sortie::ecrire(
        &poste.store(),
        chemin,
        "ressources:export",
        &octets,
        remplacer,
    )?;
    Ok(r.len())
}

/// Imprime la fiche d'une ressource pour la personne, dans `dossier`.
pub fn imprimer_fiche(
    poste: &Poste,
    r: &Ressource,
    dossier: &Path,
    remplacer: bool,
) -> Result<PathBuf, ErreurService> {
    let nom: String = r
        .nom
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let chemin = dossier.join(format!("Ressource - {}.pdf", nom.trim()));
    ecrire_fiche(poste, r, &chemin, remplacer)?;
    Ok(chemin)
}

/// Écrit la fiche d'une ressource dans `chemin`.
pub fn ecrire_fiche(
    poste: &Poste,
    r: &Ressource,
    chemin: &Path,
    remplacer: bool,
) -> Result<(), ErreurService> {
    let octets =
        crate::documents::fiche_ressource::rediger(r, poste.referentiel(), poste.freins())?;
    let export = format!("ressources:fiche:{}", r.id);
    super::sortie::ecrire(&poste.store(), chemin, &export, &octets, remplacer)
}
