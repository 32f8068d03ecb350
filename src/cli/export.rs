//! `binome export dossiers` : ses dossiers en CSV ou XLSX (conventions d'Excel en français).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::ErreurCli;
use crate::services::export::{exporter_dossiers, FormatExport};
use crate::services::Poste;

#[derive(Debug, Args)]
pub struct ArgsExport {
    #[command(subcommand)]
    pub quoi: QuoiExporter,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum QuoiExporter {
    /// Les dossiers qui vous sont confiés (les vôtres et ceux qui vous sont délégués)
    Dossiers {
        /// csv (« ; », UTF-8 avec BOM, dates jj/mm/aaaa) ou xlsx ; par défaut selon l'extension
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Écrit l'identifiant France Travail en entier (masqué sinon : 123****A)
        #[arg(long)]
        identifiants: bool,
        /// Remplace le fichier s'il existe déjà
        #[arg(long)]
        force: bool,
    },
}

pub fn executer(args: ArgsExport, poste: &Poste) -> Result<String, ErreurCli> {
    match args.quoi {
        QuoiExporter::Dossiers {
            format,
            out,
            identifiants,
            force,
        } => {
            let format = match format {
                Some(Format::Csv) => FormatExport::Csv,
                Some(Format::Xlsx) => FormatExport::Xlsx,
                None => FormatExport::du_chemin(&out),
            };
            let n = exporter_dossiers(poste, None, format, &out, identifiants, force)?;
            Ok(format!("{n} dossier(s) exporté(s) dans {}.", out.display()))
        }
    }
}
