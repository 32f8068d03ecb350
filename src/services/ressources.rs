//! La base de ressources partenariales vue de l'interface : import (essai à blanc, puis
//! import), export au modèle CSV, fiche imprimée pour la personne.

use std::path::{Path, PathBuf};

use super::{ErreurService, Poste};
use crate::domain::professionnel::Professionnel;
use crate::domain::ressources::{Habilitation, Ressource};
use crate::domain::texte::normaliser;
use crate::fichiers::ErreurFichier;
use crate::formats::ressources::{import, modele_csv};
use crate::store::ErreurStore;
use crate::store::RapportImport;

/// Lit les fichiers et les importe (ou les vérifie seulement, `essai`), tout ou rien, au
/// nom de l'utilisateur du poste.
pub fn importer(
    poste: &Poste,
    fichiers: &[PathBuf],
    essai: bool,
    progres: crate::store::Progres,
) -> Result<RapportImport, ErreurService> {
    // Vérifier un fichier n'écrit rien : tout le monde le peut. Importer demande un
    // utilisateur identifié qui tient la base à jour.
    if !essai {
        exiger_gestionnaire(poste)?;
    }
    let chemins: Vec<&Path> = fichiers.iter().map(PathBuf::as_path).collect();
    let lignes = import::lire_fichiers(&chemins, poste.ctx_ressources(), poste.aujourdhui())?;
    Ok(poste
        .store()
        .importer_ressources_suivi(lignes, poste.utilisateur(), essai, progres)?)
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

/// L'utilisateur du poste, s'il tient la base de ressources à jour.
fn exiger_gestionnaire(poste: &Poste) -> Result<&Professionnel, ErreurService> {
    let par = poste.utilisateur().ok_or(ErreurService::SansUtilisateur)?;
    if par.habilitation != Habilitation::MiseAJour {
        return Err(ErreurStore::NonHabilite.into());
    }
    Ok(par)
}

/// Un professionnel de l'annuaire désigné par son identifiant ou « Prénom NOM ».
pub fn trouver_professionnel(poste: &Poste, cible: &str) -> Result<Professionnel, ErreurService> {
    let cherche = cible.trim();
    let pros = poste.store().professionnels()?;
    let trouves: Vec<&Professionnel> = pros
        .iter()
        .filter(|p| {
            p.id.to_string() == cherche || normaliser(&p.nom_affiche()) == normaliser(cherche)
        })
        .collect();
    match trouves[..] {
        [p] => Ok(p.clone()),
        [] => Err(ErreurService::ProfessionnelIntrouvable(cherche.to_string())),
        _ => Err(ErreurService::ProfessionnelAmbigu(cherche.to_string())),
    }
}

/// Donne ou retire le profil « mise à jour » (gestionnaire des ressources) à un
/// professionnel : seul un administrateur le peut, et jamais pour lui-même.
pub fn habiliter(
    poste: &Poste,
    cible: &str,
    profil: Habilitation,
) -> Result<Professionnel, ErreurService> {
    if !poste.compte().administrateur {
        return Err(super::acces::ErreurAcces::ReserveeAdministrateur.into());
    }
    let mut p = trouver_professionnel(poste, cible)?;
    if poste.utilisateur().is_some_and(|u| u.id == p.id) {
        return Err(ErreurService::HabilitationDeSoi);
    }
    p.habilitation = profil;
    poste
        .store()
        .enregistrer_professionnel(&p, &poste.auteur(), poste.ctx())?;
    poste.auditer(crate::domain::audit::ActionAudit::CompteModifie, None);
    Ok(p)
}
