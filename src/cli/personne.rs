//! `binome personne` : le relevé des données d'une personne (droit d'accès) et
//! l'effacement à sa demande ; `binome conservation` : la durée de conservation et la purge
//! des dossiers dont elle est échue.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ErreurCli;
use crate::domain::date::{date_fr, Jour};
use crate::domain::effacement::DureeConservation;
use crate::services::espace::Espace;
use crate::services::{effacement, personne, Poste};

#[derive(Debug, Args)]
pub struct ArgsPersonne {
    #[command(subcommand)]
    pub action: ActionPersonne,
}

#[derive(Debug, Subcommand)]
pub enum ActionPersonne {
    /// Écrit tout ce que Binôme garde sur la personne : PDF lisible, et JSON avec --json
    Export {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        #[arg(long, value_name = "ID")]
        dossier: String,
        /// Le PDF à écrire
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Le même relevé en JSON
        #[arg(long, value_name = "FICHIER")]
        json: Option<PathBuf>,
        /// Remplace les fichiers s'ils existent déjà
        #[arg(long)]
        force: bool,
    },
    /// Efface un dossier clôturé à la demande de la personne, avec une attestation (PDF).
    /// Un administrateur confirme : BINOME_ADMINISTRATEUR et BINOME_MOT_DE_PASSE_ADMINISTRATEUR,
    /// ou au terminal
    Effacer {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        #[arg(long, value_name = "ID")]
        dossier: String,
        /// Date de la demande de la personne (AAAA-MM-JJ)
        #[arg(long, value_name = "DATE")]
        demande_le: Jour,
        /// L'attestation d'effacement à écrire (PDF)
        #[arg(long, value_name = "FICHIER")]
        attestation: PathBuf,
        /// Remplace l'attestation si le fichier existe déjà
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct ArgsConservation {
    #[command(subcommand)]
    pub action: ActionConservation,
}

#[derive(Debug, Subcommand)]
pub enum ActionConservation {
    /// Affiche la durée de conservation ; la règle avec --annees (administrateurs)
    Duree {
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=10))]
        annees: Option<u8>,
    },
    /// Liste les dossiers clôturés dont la durée de conservation est échue (administrateurs)
    Apercu,
    /// Efface les dossiers de l'aperçu ; sans --confirmer, n'affiche que l'aperçu
    Purger {
        #[arg(long)]
        confirmer: bool,
    },
}

pub fn executer(args: ArgsPersonne, espace: &Espace, poste: &Poste) -> Result<String, ErreurCli> {
    match args.action {
        ActionPersonne::Export {
            dossier,
            out,
            json,
            force,
        } => {
            let id = super::trouver_dossier(poste, &poste.store(), &dossier)?;
            personne::exporter(poste, id, &out, json.as_deref(), force)?;
            let mut m = format!(
                "Relevé des données de la personne écrit : {}",
                out.display()
            );
            if let Some(j) = json {
                let _ = write!(m, " (et {})", j.display());
            }
            Ok(m)
        }
        ActionPersonne::Effacer {
            dossier,
            demande_le,
            attestation,
            force,
        } => {
            let id = super::trouver_dossier(poste, &poste.store(), &dossier)?;
            let (administrateur, mot_de_passe) =
                super::authentification::administrateur_qui_confirme()?;
            let r = effacement::effacer_a_la_demande(
                espace,
                poste,
                &effacement::Demande {
                    dossier: id,
                    demande_le,
                    administrateur: &administrateur,
                    mot_de_passe: &mot_de_passe,
                    attestation: &attestation,
                    remplacer: force,
                },
            )?;
            Ok(format!(
                "Dossier effacé ({} entrée(s) de la chronologie, purge n° {}). Attestation écrite : {}",
                r.evenements,
                r.purge,
                attestation.display()
            ))
        }
    }
}

fn apercu(poste: &Poste) -> Result<(effacement::Apercu, String), ErreurCli> {
    let a = effacement::apercu(poste)?;
    let mut t = format!(
        "Durée de conservation : {} an(s) après le dernier contact. Dossiers clôturés sans contact depuis le {} ou avant : {}.",
        a.duree.annees(),
        date_fr(a.limite),
        a.dossiers.len()
    );
    for d in &a.dossiers {
        let _ = write!(
            t,
            "\n{}  agence {}  clôturé le {}  dernier contact {}  — {} événement(s), {} note(s), {} brouillon(s), {} document(s) retenu(s), {} délégation(s)",
            d.id,
            d.agence,
            date_fr(d.cloture),
            d.dernier_contact.map_or("—".into(), date_fr),
            d.emprise.evenements,
            d.emprise.notes_privees,
            d.emprise.brouillons,
            d.emprise.documents,
            d.emprise.delegations
        );
    }
    Ok((a, t))
}

pub fn conservation(args: ArgsConservation, poste: &Poste) -> Result<String, ErreurCli> {
    match args.action {
        ActionConservation::Duree { annees: None } => Ok(format!(
            "Durée de conservation : {} an(s) après le dernier contact qui suit la clôture.",
            effacement::duree(poste)?.annees()
        )),
        ActionConservation::Duree { annees: Some(n) } => {
            let d = DureeConservation::nouvelle(n).map_err(|e| e.to_string())?;
            effacement::regler_duree(poste, d)?;
            Ok(format!("Durée de conservation réglée à {n} an(s)."))
        }
        ActionConservation::Apercu => Ok(apercu(poste)?.1),
        ActionConservation::Purger { confirmer: false } => Ok(format!(
            "{}\nRien n'a été effacé : relisez la liste, puis relancez avec --confirmer.",
            apercu(poste)?.1
        )),
        ActionConservation::Purger { confirmer: true } => {
            let (a, _) = apercu(poste)?;
            if a.dossiers.is_empty() {
                return Ok("Aucun dossier à effacer.".into());
            }
            let ids: Vec<_> = a.dossiers.iter().map(|d| d.id).collect();
            let r = effacement::purger(poste, &ids)?;
            Ok(format!(
                "{} dossier(s) effacé(s), {} événement(s) retirés du journal (purge n° {}). Les indicateurs gardent leurs comptes.",
                r.dossiers, r.evenements, r.purge
            ))
        }
    }
}
