//! `binome audit` : vérifier la chaîne du journal d'audit, l'exporter pour le délégué à la
//! protection des données, purger les entrées trop anciennes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::ErreurCli;
use crate::domain::date::Jour;
use crate::services::Poste;

#[derive(Debug, Args)]
pub struct ArgsAudit {
    #[command(subcommand)]
    pub action: ActionAudit,
}

#[derive(Debug, Subcommand)]
pub enum ActionAudit {
    /// Vérifie que le journal d'audit n'a été ni modifié, ni amputé, ni complété
    Verifier,
    /// Écrit les entrées d'une période en CSV (Excel en français)
    Export {
        /// Premier jour (AAAA-MM-JJ)
        #[arg(long, value_name = "DATE")]
        de: Jour,
        /// Dernier jour, inclus (AAAA-MM-JJ)
        #[arg(long, value_name = "DATE")]
        a: Jour,
        /// Fichier CSV à écrire
        #[arg(long, value_name = "CHEMIN")]
        out: PathBuf,
    },
    /// Retire les entrées de plus de N mois (6 à 12), la suite restant vérifiable
    Purger {
        #[arg(long, default_value_t = 12, value_name = "N", value_parser = clap::value_parser!(u32).range(6..=12))]
        mois: u32,
    },
}

pub fn executer(args: ArgsAudit, poste: &Poste) -> Result<String, ErreurCli> {
    // Le journal d'audit est l'affaire des administrateurs (et du délégué à la protection
    // des données, qui en reçoit l'export).
    crate::services::administration::exiger_admin(poste)?;
    let mut store = poste.store();
    match args.action {
        ActionAudit::Verifier => match store.verifier_audit()? {
            Ok(n) => Ok(format!(
                "Journal d'audit intact : {n} entrée(s) vérifiée(s)."
            )),
            Err(rupture) => Err(rupture.to_string().into()),
        },
        ActionAudit::Export { de, a, out } => {
            if a < de {
                return Err("La période est à l'envers : --de doit précéder --a.".into());
            }
            let lignes = store.audit_entre(&de.to_string(), &a.to_string())?;
            let octets = crate::formats::audit::csv(lignes.iter().map(|(e, _, _)| e));
            crate::fichiers::ecrire_atomiquement(&out, &octets)?;
            crate::services::poste::auditer(
                &mut store,
                &poste.auteur(),
                crate::domain::audit::ActionAudit::Export,
                None,
            );
            Ok(format!(
                "{} entrée(s) du journal d'audit écrites dans {}",
                lignes.len(),
                out.display()
            ))
        }
        ActionAudit::Purger { mois } => {
            let limite = poste
                .aujourdhui()
                .checked_sub_months(chrono::Months::new(mois))
                .unwrap_or(chrono::NaiveDate::MIN);
            let n = store.purger_audit(&limite.to_string())?;
            Ok(format!(
                "{n} entrée(s) d'avant le {} retirée(s) ; la suite reste vérifiable.",
                crate::domain::date::date_fr(limite)
            ))
        }
    }
}
