//! Les indicateurs du comité de pilotage, pour l'écran comme pour la ligne de commande :
//! période, export dans chaque format, agrégat anonyme et fusion.

use std::path::{Path, PathBuf};

use crate::domain::date::Jour;
use crate::domain::indicateurs::agregat::Agregat;
use crate::domain::indicateurs::tableaux::Noms;
use crate::domain::indicateurs::{Indicateurs, Mois};
use crate::formats::indicateurs as export;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        FormatExport::Xlsx => export::xlsx(t, p, noms).map_err(|e| e.to_string()),
        FormatExport::Pdf => export::pdf(t, p, noms).map_err(|e| e.to_string()),
        FormatExport::Json => export::json(t, p).map_err(|e| e.to_string()),
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
    export::ecrire(out, &octets).map_err(|e| e.to_string())?;
    Ok(format!(
        "Fusion écrite ({}, {origine}, de {} à {}) : {}",
        format.libelle(),
        bornes.de,
        bornes.a,
        out.display()
    ))
}

/// Écrit un export dans `chemin` (dossier créé au besoin), atomiquement.
pub fn ecrire(chemin: &Path, octets: &[u8]) -> Result<(), String> {
    crate::fichiers::creer_dossier_parent(chemin).map_err(|e| e.to_string())?;
    export::ecrire(chemin, octets).map_err(|e| e.to_string())
}

pub use crate::formats::indicateurs::Presentation;
