//! `binome referentiels` : les structures du territoire (pôles d'insertion, MDS, agences).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ErreurCli;
use crate::services::territoire::{self, Installees};
use crate::services::Poste;

#[derive(Debug, Args)]
pub struct ArgsReferentiels {
    #[command(subcommand)]
    pub action: ActionReferentiels,
}

#[derive(Debug, Subcommand)]
pub enum ActionReferentiels {
    /// Les structures installées : version, nombres, départements couverts
    Afficher,
    /// Installe les structures d'un département (administrateurs) : CSV
    /// « type;code;nom;commune;communes » ou JSON au format de structures.json
    Importer {
        fichier: PathBuf,
        /// Vérifie le fichier sans rien installer
        #[arg(long)]
        dry_run: bool,
    },
    /// Revient aux structures livrées (Bouches-du-Rhône, annexe 4) (administrateurs)
    Retablir,
}

pub fn executer(args: ArgsReferentiels, poste: &Poste) -> Result<String, ErreurCli> {
    Ok(match args.action {
        ActionReferentiels::Afficher => {
            let i = territoire::installees(poste);
            format!("{} — {}", i.resume(), i.origine())
        }
        ActionReferentiels::Importer { fichier, dry_run } => {
            let r = territoire::importer(poste, &fichier, dry_run)?;
            let i = Installees::de(&r);
            if dry_run {
                format!(
                    "Essai, rien n'est installé. Le fichier est valide : {}",
                    i.resume()
                )
            } else {
                format!("Structures installées : {}", i.resume())
            }
        }
        ActionReferentiels::Retablir => {
            let r = territoire::retablir(poste)?;
            let i = Installees::de(&r);
            format!("Structures rétablies : {} — {}", i.resume(), i.origine())
        }
    })
}
