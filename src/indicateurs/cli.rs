//! `binome indicateurs` : exports des indicateurs, fichier d'agrégat anonyme et fusion.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};

use super::agregat::Agregat;
use super::export::{self, Presentation};
use super::tableaux::Noms;
use super::{Bornes, Indicateurs, Mois};
use crate::domain::date::Jour;
use crate::domain::freins::Freins;
use crate::domain::structures::Referentiel;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatExport {
    /// CSV pour Excel (« ; », UTF-8 avec BOM, virgule décimale)
    Csv,
    /// Classeur Excel, une feuille par tableau
    Xlsx,
    /// Rapport du comité de pilotage (tableaux et graphiques)
    Pdf,
    /// Toutes les cases, valeurs exactes
    Json,
    /// Fichier anonyme à fusionner avec ceux des autres installations
    Agregat,
}

impl FormatExport {
    pub fn libelle(self) -> &'static str {
        match self {
            FormatExport::Csv => "CSV",
            FormatExport::Xlsx => "XLSX",
            FormatExport::Pdf => "PDF",
            FormatExport::Json => "JSON",
            FormatExport::Agregat => "agrégat",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FormatExport::Csv => "csv",
            FormatExport::Xlsx => "xlsx",
            FormatExport::Pdf => "pdf",
            FormatExport::Json | FormatExport::Agregat => "json",
        }
    }
}

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
    },
}

/// La période demandée ; par défaut les 12 derniers mois.
pub fn periode(
    de: Option<&str>,
    a: Option<&str>,
    aujourdhui: Jour,
) -> Result<(Mois, Mois), String> {
    let a = match a {
        Some(t) => Mois::lire(t)?,
        None => Mois::de(aujourdhui),
    };
    let de = match de {
        Some(t) => Mois::lire(t)?,
        None => (0..11).fold(a, |m, _| m.precedent()),
    };
    if de > a {
        return Err(format!(
            "la période est à l'envers : {de} est après {a} (--de doit précéder --a)."
        ));
    }
    if de.jusqua(a).len() > 120 {
        return Err("la période dépasse 10 ans : choisissez une période plus courte.".into());
    }
    Ok((de, a))
}

/// Rédige l'export demandé, en mémoire.
pub fn rediger(
    format: FormatExport,
    t: &Indicateurs,
    p: &Presentation,
    noms: &Noms,
    installation: Option<uuid::Uuid>,
) -> Result<Vec<u8>, String> {
    match format {
        FormatExport::Csv => Ok(export::csv(t, p, noms)),
        FormatExport::Xlsx => export::xlsx(t, p, noms),
        FormatExport::Pdf => export::pdf(t, p, noms),
        FormatExport::Json => export::json(t, p),
        FormatExport::Agregat => {
            let installation = installation
                .ok_or("un fichier d'agrégat s'exporte depuis une installation de Binôme.")?;
            Agregat::extraire(t, p.bornes, installation).octets()
        }
    }
}

fn lire_agregat(chemin: &Path) -> Result<(String, Agregat), String> {
    let nom = chemin.display().to_string();
    let octets = std::fs::read(chemin).map_err(|e| format!("{nom} ne peut pas être lu : {e}."))?;
    Ok((nom.clone(), Agregat::lire(&octets, &nom)?))
}

/// Fusionne des fichiers d'agrégat et écrit le résultat ; renvoie le message à afficher.
pub fn fusionner(
    fichiers: &[PathBuf],
    out: &Path,
    format: FormatExport,
    agence: Option<&str>,
    noms: &Noms,
) -> Result<String, String> {
    let lus = fichiers
        .iter()
        .map(|f| lire_agregat(f))
        .collect::<Result<Vec<_>, _>>()?;
    let fusion = Agregat::fusionner(&lus)?;
    let bornes = fusion
        .bornes()
        .ok_or("les fichiers ne contiennent aucune période.")?;
    let origine = format!(
        "fusion de {} extraction(s) de {} installation(s)",
        fusion.sources.len(),
        fusion.installations()
    );
    let octets = if format == FormatExport::Agregat {
        fusion.octets()?
    } else {
        let p = Presentation {
            bornes,
            agence,
            masquer: true,
            origine: origine.clone(),
        };
        rediger(format, &fusion.indicateurs(), &p, noms, None)?
    };
    export::ecrire(out, &octets)?;
    Ok(format!(
        "Fusion écrite ({}, {origine}, de {} à {}) : {}",
        format.libelle(),
        bornes.de,
        bornes.a,
        out.display()
    ))
}

/// Exécute `binome indicateurs …` ; renvoie ce qu'il faut afficher.
pub fn executer(
    args: ArgsIndicateurs,
    store: &Store,
    referentiel: &Referentiel,
    aujourdhui: Jour,
) -> Result<String, String> {
    let freins = Freins::embarque();
    let noms = Noms {
        freins: &freins,
        referentiel,
    };
    if let Some(Fusion::Fusion {
        fichiers,
        out,
        format,
        agence,
    }) = &args.fusion
    {
        return fusionner(fichiers, out, *format, agence.as_deref(), &noms);
    }
    let (de, a) = periode(args.de.as_deref(), args.a.as_deref(), aujourdhui)?;
    let bornes = Bornes { de, a, aujourdhui };
    let agence = args.agence.as_deref().map(str::trim);
    let mut t = store.indicateurs(bornes).map_err(|e| e.to_string())?;
    if let Some(code) = agence {
        if args.format == FormatExport::Agregat {
            return Err(
                "un fichier d'agrégat couvre toutes les agences : retirez --agence.".into(),
            );
        }
        if !t.keys().any(|(_, x)| x == code) && referentiel.structures.agence(code).is_none() {
            return Err(format!("l'agence « {code} » est inconnue."));
        }
        t.retain(|(_, x), _| x == code);
    }
    let p = Presentation {
        bornes,
        agence,
        masquer: args.masquer,
        origine: String::new(),
    };
    let installation = store.installation().map_err(|e| e.to_string())?;
    let octets = rediger(args.format, &t, &p, &noms, Some(installation))?;
    match &args.out {
        Some(out) => {
            export::ecrire(out, &octets)?;
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
        )),
    }
}
