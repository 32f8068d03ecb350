//! `binome indicateurs` : exports des indicateurs, fichier d'agrégat anonyme et fusion.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::ErreurCli;
pub use crate::services::indicateurs::FormatExport;
use crate::services::indicateurs::{self as services, fusionner, periode, Export};
use crate::services::Poste;

// Le format se choisit en ligne de commande ; le service, lui, ignore clap.
impl ValueEnum for FormatExport {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            FormatExport::Csv,
            FormatExport::Xlsx,
            FormatExport::Pdf,
            FormatExport::Json,
            FormatExport::Agregat,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use clap::builder::PossibleValue as V;
        Some(match self {
            FormatExport::Csv => {
                V::new("csv").help("CSV pour Excel (« ; », UTF-8 avec BOM, virgule décimale)")
            }
            FormatExport::Xlsx => V::new("xlsx").help("Classeur Excel, une feuille par tableau"),
            FormatExport::Pdf => {
                V::new("pdf").help("Rapport du comité de pilotage (tableaux et graphiques)")
            }
            FormatExport::Json => V::new("json").help("Toutes les cases, valeurs exactes"),
            FormatExport::Agregat => V::new("agregat")
                .help("Fichier anonyme à fusionner avec ceux des autres installations"),
        })
    }
}

use crate::domain::indicateurs::Bornes;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ArgsIndicateurs {
    #[command(subcommand)]
    pub fusion: Option<Fusion>,
    /// Premier mois (AAAA-MM) ; par défaut 11 mois avant --a
    #[arg(long, value_name = "AAAA-MM")]
    pub de: Option<String>,
    /// Dernier mois inclus (AAAA-MM) ; par défaut le mois en cours
    #[arg(long, value_name = "AAAA-MM")]
    pub a: Option<String>,
    /// Une seule agence (son code)
    #[arg(long, value_name = "AGENCE")]
    pub agence: Option<String>,
    /// Format du fichier
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatExport,
    /// Fichier à écrire (sans --out, le JSON s'affiche)
    #[arg(long, value_name = "FICHIER")]
    pub out: Option<PathBuf>,
    /// Remplace les comptes de 1 à 4 personnes par « < 5 » (secret statistique)
    #[arg(long)]
    pub masquer: bool,
    /// Remplace le fichier s'il existe déjà (sans cette option, seul un fichier que Binôme
    /// a écrit pour le même export, inchangé depuis, est remplacé)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum Fusion {
    /// Fusionne les fichiers d'agrégat de plusieurs installations (chiffres départementaux)
    Fusion {
        /// Les fichiers d'agrégat
        #[arg(required = true, value_name = "FICHIERS")]
        fichiers: Vec<PathBuf>,
        /// Fichier à écrire
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// agrégat (à fusionner encore) ou publication, toujours sous secret statistique
        #[arg(long, value_enum, default_value = "agregat")]
        format: FormatExport,
        /// Une seule agence (son code), pour la publication
        #[arg(long, value_name = "AGENCE")]
        agence: Option<String>,
        /// Remplace le fichier s'il existe déjà (sans cette option, seul un fichier que
        /// Binôme a écrit pour le même export, inchangé depuis, est remplacé)
        #[arg(long)]
        force: bool,
    },
    /// Écrit la clé publique de cette installation, à remettre une fois au coordinateur
    Cle {
        /// Fichier à écrire
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà
        #[arg(long)]
        force: bool,
    },
    /// Enregistre la clé d'une installation dont ce poste fusionne les agrégats
    ImporterCle {
        /// Le fichier de clé reçu de l'installation
        #[arg(value_name = "FICHIER")]
        fichier: PathBuf,
    },
}

/// Exécute `binome indicateurs …` ; renvoie ce qu'il faut afficher.
pub fn executer(args: ArgsIndicateurs, poste: &Poste) -> Result<String, ErreurCli> {
    match &args.fusion {
        Some(Fusion::Cle { out, force }) => return Ok(services::exporter_cle(poste, out, *force)?),
        Some(Fusion::ImporterCle { fichier }) => {
            return Ok(services::importer_cle(poste, fichier)?)
        }
        _ => {}
    }
    if let Some(Fusion::Fusion {
        fichiers,
        out,
        format,
        agence,
        force,
    }) = &args.fusion
    {
        return Ok(fusionner(
            poste,
            services::Fusion {
                fichiers,
                out,
                format: *format,
                agence: agence.as_deref(),
                remplacer: *force,
            },
        )?);
    }
    let (de, a) = periode(args.de.as_deref(), args.a.as_deref(), poste.aujourdhui())?;
    let export = Export {
        format: args.format,
        bornes: Bornes {
            de,
            a,
            aujourdhui: poste.aujourdhui(),
        },
        agence: args.agence,
        masquer: args.masquer,
    };
    let octets = services::rediger_export(poste, &export)?;
    match &args.out {
        Some(out) => {
            let export = format!("indicateurs:{}", args.format.libelle());
            services::ecrire(poste, out, &export, &octets, args.force)?;
            Ok(format!(
                "Indicateurs écrits ({}, de {de} à {a}) : {}",
                args.format.libelle(),
                out.display()
            ))
        }
        None if args.format == FormatExport::Json => {
            Ok(String::from_utf8_lossy(&octets).into_owned())
        }
        None => Err(format!(
            "indiquez le fichier à écrire avec --out (par exemple --out indicateurs.{}).",
            args.format.extension()
        )
        .into()),
    }
}
