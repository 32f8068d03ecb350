//! `binome echange` : écrire le paquet pour son partenaire de binôme, recevoir le sien, voir
//! où en est l'échange.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ErreurCli;
use crate::domain::date::horodatage_fr;
use crate::services::{echange, Poste};

#[derive(Debug, Args)]
pub struct ArgsEchange {
    #[command(subcommand)]
    pub action: ActionEchange,
}

#[derive(Debug, Subcommand)]
pub enum ActionEchange {
    /// Écrit le paquet pour un partenaire : les dossiers communs, ce qu'il n'a pas encore reçu
    Exporter {
        /// Le partenaire : l'identifiant de son compte ou son nom (« binome echange etat »)
        #[arg(long, value_name = "PARTENAIRE")]
        partenaire: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà
        #[arg(long)]
        force: bool,
        /// Dit seulement ce que contiendrait le paquet, sans l'écrire
        #[arg(long)]
        apercu: bool,
    },
    /// Reçoit un paquet de son partenaire (vérifié, puis appliqué tout ou rien)
    Importer { fichier: PathBuf },
    /// Les partenaires, les derniers paquets échangés et ce qui attend d'être envoyé
    Etat,
}

/// Un partenaire désigné par son compte ou par son nom (sans tenir compte de la casse).
fn designer(poste: &Poste, qui: &str) -> Result<uuid::Uuid, ErreurCli> {
    if let Ok(id) = uuid::Uuid::parse_str(qui.trim()) {
        return Ok(id);
    }
    let cle = qui.trim().to_lowercase();
    let trouves: Vec<uuid::Uuid> = echange::etats(poste)?
        .into_iter()
        .filter(|e| e.carte.carte.nom.to_lowercase() == cle)
        .map(|e| e.carte.carte.compte)
        .collect();
    match trouves.as_slice() {
        [id] => Ok(*id),
        [] => Err(ErreurCli::Usage(format!(
            "Aucun partenaire ne s'appelle « {qui} » : « binome echange etat » les liste."
        ))),
        _ => Err(ErreurCli::Usage(format!(
            "Plusieurs partenaires s'appellent « {qui} » : indiquez l'identifiant du compte."
        ))),
    }
}

pub fn executer(args: ArgsEchange, poste: &Poste) -> Result<String, ErreurCli> {
    match args.action {
        ActionEchange::Exporter {
            partenaire,
            out,
            force,
            apercu,
        } => {
            let compte = designer(poste, &partenaire)?;
            if apercu {
                let e = echange::preparer(poste, compte)?;
                return Ok(format!("Pour {} : {}.", e.partenaire.nom, e.resume));
            }
            let e = echange::exporter(poste, compte, &out, force)?;
            Ok(format!(
                "Paquet n° {} pour {} écrit : {}\n{}.\nDonnez ce fichier à votre partenaire (courriel, clé USB, dossier partagé) : il est chiffré pour lui seul.",
                e.numero.unwrap_or_default(),
                e.partenaire.nom,
                out.display(),
                e.resume
            ))
        }
        ActionEchange::Importer { fichier } => Ok(echange::importer(poste, &fichier)?.message()),
        ActionEchange::Etat => {
            let mut t = String::new();
            for e in echange::etats(poste)? {
                let c = &e.carte.carte;
                let _ = write!(
                    t,
                    "{}  {} ({}) — {} dossier(s) commun(s)",
                    c.compte,
                    c.nom,
                    c.role.libelle(),
                    e.dossiers
                );
                if !e.verifiee() {
                    let _ = write!(t, " — carte NON VÉRIFIÉE");
                }
                match &e.derniers.envoye {
                    Some((n, le, _)) => {
                        let _ = write!(t, " — envoyé : n° {n} le {}", horodatage_fr(le));
                    }
                    None => {
                        let _ = write!(t, " — rien envoyé");
                    }
                }
                match &e.derniers.recu {
                    Some((n, le)) => {
                        let _ = write!(t, " — reçu : n° {n} le {}", horodatage_fr(le));
                    }
                    None => {
                        let _ = write!(t, " — rien reçu");
                    }
                }
                if e.a_envoyer > 0 {
                    let _ = write!(t, " — {} dossier(s) à envoyer", e.a_envoyer);
                }
                t.push('\n');
            }
            if t.is_empty() {
                t = "Aucun partenaire : importez d'abord sa carte (binome carte importer).".into();
            }
            Ok(t.trim_end().to_string())
        }
    }
}
