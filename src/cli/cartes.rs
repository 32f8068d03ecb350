//! `binome carte` : sa carte de binôme à donner, celle du partenaire à importer et à
//! vérifier (empreinte en six mots, comparée au téléphone).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ErreurCli;
use crate::services::{cartes, Poste};

#[derive(Debug, Args)]
pub struct ArgsCarte {
    #[command(subcommand)]
    pub action: ActionCarte,
}

#[derive(Debug, Subcommand)]
pub enum ActionCarte {
    /// Écrit votre carte de binôme (clés publiques) pour votre partenaire, et son empreinte
    Exporter {
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà
        #[arg(long)]
        force: bool,
    },
    /// Importe la carte de votre partenaire (non vérifiée tant que l'empreinte n'est pas comparée)
    Importer { fichier: PathBuf },
    /// Marque vérifiée la carte d'un partenaire, après avoir comparé l'empreinte avec lui
    Verifier {
        /// L'identifiant du compte du partenaire (donné par « binome carte lister »)
        #[arg(long, value_name = "ID")]
        compte: uuid::Uuid,
    },
    /// Les cartes reçues, leur empreinte et si elles sont vérifiées
    Lister,
}

pub fn executer(args: ArgsCarte, poste: &Poste) -> Result<String, ErreurCli> {
    match args.action {
        ActionCarte::Exporter { out, force } => {
            let c = cartes::exporter(poste, &out, force)?;
            Ok(format!(
                "Carte écrite : {}. Empreinte à lire à votre partenaire : {}",
                out.display(),
                c.empreinte()
            ))
        }
        ActionCarte::Importer { fichier } => {
            let c = cartes::importer(poste, &fichier)?;
            Ok(format!(
                "Carte de {} ({}, {}) importée, non vérifiée. Empreinte : {}\nComparez-la avec votre partenaire (au téléphone), puis : binome carte verifier --compte {}",
                c.nom,
                c.role.libelle(),
                c.structure,
                c.empreinte(),
                c.compte
            ))
        }
        ActionCarte::Verifier { compte } => {
            cartes::verifier(poste, compte)?;
            Ok("Carte vérifiée.".into())
        }
        ActionCarte::Lister => {
            let mut t = String::new();
            for r in cartes::recues(poste)? {
                let _ = writeln!(
                    t,
                    "{}  {} ({}, {})  empreinte : {}  {}",
                    r.carte.compte,
                    r.carte.nom,
                    r.carte.role.libelle(),
                    r.carte.structure,
                    r.empreinte,
                    if r.verifiee_le.is_some() {
                        "vérifiée"
                    } else {
                        "NON VÉRIFIÉE"
                    }
                );
            }
            if t.is_empty() {
                t = "Aucune carte reçue.".into();
            }
            Ok(t.trim_end().to_string())
        }
    }
}
