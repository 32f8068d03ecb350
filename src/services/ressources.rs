//! La base de ressources partenariales vue de l'interface : import (essai à blanc, puis
//! import), export au modèle CSV, fiche imprimée pour la personne.

use std::path::{Path, PathBuf};

use super::session::Session;
use super::ErreurService;
use crate::domain::ressources::Ressource;
use crate::formats::ressources::{import, modele_csv};
use crate::store::RapportImport;

/// Lit les fichiers et les importe (ou les vérifie seulement, `essai`), tout ou rien.
pub fn importer(
    session: &Session,
    fichiers: &[&Path],
    essai: bool,
) -> Result<RapportImport, String> {
    let ctx = crate::domain::ressources::Contexte {
        freins: session.freins(),
        territoire: session.referentiel(),
    };
    let lignes =
        import::lire_fichiers(fichiers, ctx, session.aujourdhui()).map_err(|e| e.to_string())?;
    session
        .importer_ressources(lignes, essai)
        .map_err(|e| e.to_string())
}

/// Exporte toute la base (archivées comprises) au modèle CSV ; rend le nombre de fiches.
pub fn exporter(session: &Session, chemin: &Path) -> Result<usize, String> {
    let r = session.ressources(true).map_err(|e| e.to_string())?;
    let mut octets = Vec::new();
    modele_csv::ecrire(&r, &mut octets).map_err(|e| e.to_string())?;
    crate::fichiers::creer_dossier_parent(chemin).map_err(|e| e.to_string())?;
    crate::fichiers::ecrire_atomiquement(chemin, &octets).map_err(|e| e.to_string())?;
    Ok(r.len())
}

/// Imprime la fiche d'une ressource pour la personne, dans `dossier`.
pub fn imprimer_fiche(
    session: &Session,
    r: &Ressource,
    dossier: &Path,
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
    crate::fichiers::creer_dossier_parent(&chemin)?;
    let octets =
        crate::documents::fiche_ressource::rediger(r, session.referentiel(), session.freins())?;
    crate::fichiers::ecrire_atomiquement(&chemin, &octets)?;
    Ok(chemin)
}
