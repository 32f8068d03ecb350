//! `binome import dossiers FICHIER` : reprendre un portefeuille tenu dans un tableur.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::ErreurCli;
use crate::services::reprise::{self, Doublons, Options, Statut};
use crate::services::Poste;

#[derive(Debug, Args)]
pub struct ArgsImport {
    #[command(subcommand)]
    pub quoi: QuoiImporter,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChoixDoublons {
    /// Les laisser de côté
    Ignorer,
    /// Créer quand même un dossier (ce n'est pas la même personne)
    Creer,
}

#[derive(Debug, Subcommand)]
pub enum QuoiImporter {
    /// Un tableau de suivi (CSV ou XLSX) : une ligne par personne
    Dossiers {
        /// Le fichier CSV (UTF-8 ou Windows-1252, « ; », « , » ou tabulation) ou XLSX
        fichier: PathBuf,
        /// Quelle colonne dit quoi (JSON, voir --ecrire-correspondance) ; par défaut celle de
        /// la dernière fois, complétée d'après les en-têtes
        #[arg(long, value_name = "FICHIER")]
        correspondance: Option<PathBuf>,
        /// Écrit la correspondance utilisée, à relire et corriger
        #[arg(long, value_name = "FICHIER")]
        ecrire_correspondance: Option<PathBuf>,
        /// Vérifie et dit ce qui serait fait, sans rien importer
        #[arg(long)]
        dry_run: bool,
        /// Importe les lignes valides même si d'autres sont en erreur
        #[arg(long)]
        valides_seulement: bool,
        /// Les lignes qui ressemblent à un dossier déjà là (même nom et naissance)
        #[arg(long, value_enum, default_value_t = ChoixDoublons::Ignorer)]
        doublons: ChoixDoublons,
        /// Écrit le rapport des lignes refusées (CSV)
        #[arg(long, value_name = "FICHIER")]
        rapport: Option<PathBuf>,
        /// Remplace les fichiers écrits s'ils existent déjà
        #[arg(long)]
        force: bool,
    },
}

pub fn executer(args: ArgsImport, poste: &Poste) -> Result<String, ErreurCli> {
    let QuoiImporter::Dossiers {
        fichier,
        correspondance,
        ecrire_correspondance,
        dry_run,
        valides_seulement,
        doublons,
        rapport,
        force,
    } = args.quoi;
    let tableau = reprise::lire(&fichier)?;
    let correspondance = match correspondance {
        Some(c) => reprise::lire_correspondance(&c)?,
        None => reprise::proposer(poste, &tableau),
    };
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "{} : {}, en-tête ligne {}, {} ligne(s).",
        fichier.display(),
        tableau.origine,
        tableau.ligne_entete,
        tableau.nombre
    );
    for e in &tableau.entetes {
        let c = correspondance
            .colonnes
            .get(e)
            .map_or("(ignorée)".to_string(), |c| c.libelle().to_string());
        let _ = writeln!(err, "  « {e} » → {c}");
    }
    if let Some(c) = &ecrire_correspondance {
        let json = serde_json::to_string_pretty(&correspondance)
            .map_err(|e| ErreurCli::Usage(e.to_string()))?;
        let store = poste.store();
        crate::services::sortie::ecrire(&store, c, "correspondance", json.as_bytes(), force)?;
    }
    let nom = fichier
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut progres = super::barre();
    let analyse = reprise::analyser(poste, &nom, &tableau, &correspondance, &mut progres)?;
    let c = analyse.compte();
    for (ligne, colonne, valeur, message) in analyse.erreurs() {
        let _ = writeln!(err, "ligne {ligne} [{colonne}] « {valeur} » : {message}");
    }
    for l in &analyse.lignes {
        if let Statut::MiseAJour { changements, .. } = &l.statut {
            let _ = writeln!(
                err,
                "ligne {} : mise à jour de {} ({})",
                l.numero,
                l.personne,
                changements.join(", ")
            );
        }
    }
    if let Some(r) = &rapport {
        reprise::ecrire_rapport(poste, &analyse, r, force)?;
    }
    let resume = format!(
        "{} nouveau(x), {} mise(s) à jour, {} identique(s), {} doublon(s), {} en erreur",
        c.nouveaux, c.mises_a_jour, c.identiques, c.doublons, c.erreurs
    );
    if dry_run {
        if c.erreurs > 0 {
            return Err(ErreurCli::Usage(format!(
                "Essai : {resume}. Rien n'a été importé."
            )));
        }
        return Ok(format!("Essai : {resume}. Rien n'a été importé."));
    }
    let options = Options {
        valides_seulement,
        doublons: match doublons {
            ChoixDoublons::Ignorer => Doublons::Ignorer,
            ChoixDoublons::Creer => Doublons::Creer,
        },
    };
    let bilan = reprise::importer(poste, &analyse, options, &mut progres)?;
    Ok(format!(
        "{resume}. Importé : {} dossier(s) créé(s), {} mis à jour, {} ligne(s) laissée(s) de côté.",
        bilan.crees, bilan.mis_a_jour, bilan.ignores
    ))
}
