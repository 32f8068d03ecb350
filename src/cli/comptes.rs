//! `binome comptes` et `binome delegations` : les comptes du poste (réservés aux
//! administrateurs, sauf son propre mot de passe), le premier compte et le code de secours
//! (sans connexion), les délégations de dossiers.

use clap::{Args, Subcommand};
use uuid::Uuid;

use super::authentification::{demander, variable};
use super::ErreurCli;
use crate::domain::compte::verifier_periode;
use crate::domain::date::Jour;
use crate::services::acces::{self, Comptes};
use crate::services::espace::Espace;
use crate::services::Poste;

#[derive(Debug, Args)]
pub struct ArgsComptes {
    #[command(subcommand)]
    pub action: ActionComptes,
}

#[derive(Debug, Subcommand)]
pub enum ActionComptes {
    /// Crée le premier compte d'un poste neuf (administrateur) et affiche le code de secours
    Premier {
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: String,
    },
    /// Rouvre le poste avec le code de secours : nouveau mot de passe d'un administrateur
    Secours {
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: String,
    },
    /// Liste les comptes (administrateurs)
    Lister,
    /// Crée un compte avec un mot de passe provisoire (BINOME_NOUVEAU_MOT_DE_PASSE ou saisi)
    Creer {
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: String,
        /// Le professionnel de l'annuaire (identifiant ou « Prénom NOM »)
        #[arg(long, value_name = "PRO")]
        professionnel: Option<String>,
        /// Le compte administre aussi le poste
        #[arg(long)]
        administrateur: bool,
    },
    /// Désactive un compte : il ne peut plus se connecter
    Desactiver {
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: String,
    },
    /// Réactive un compte, avec un nouveau mot de passe
    Reactiver {
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: String,
    },
    /// Change un mot de passe : le sien, ou celui d'un autre compte (administrateurs)
    MotDePasse {
        /// Le compte (par défaut le sien)
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: Option<String>,
    },
    /// Donne ou retire les droits d'administration
    Administrateur {
        #[arg(long, value_name = "IDENTIFIANT")]
        identifiant: String,
        /// oui ou non
        #[arg(long, value_name = "OUI|NON", value_parser = oui_non)]
        droits: bool,
    },
}

fn oui_non(t: &str) -> Result<bool, super::ValeurRefusee> {
    match t.trim().to_lowercase().as_str() {
        "oui" => Ok(true),
        "non" => Ok(false),
        _ => Err(super::ValeurRefusee("répondez « oui » ou « non ».".into())),
    }
}

/// Le premier compte et le secours se font sans connexion.
pub fn sans_connexion(args: &ArgsComptes) -> bool {
    matches!(
        args.action,
        ActionComptes::Premier { .. } | ActionComptes::Secours { .. }
    )
}

/// Un nouveau mot de passe : `BINOME_NOUVEAU_MOT_DE_PASSE`, ou saisi deux fois.
fn nouveau_mot_de_passe() -> Result<String, ErreurCli> {
    if let Some(m) = variable("BINOME_NOUVEAU_MOT_DE_PASSE") {
        return Ok(m);
    }
    let m = demander(
        "Nouveau mot de passe : ",
        "BINOME_NOUVEAU_MOT_DE_PASSE",
        true,
    )?;
    let c = demander(
        "Le même, pour confirmer : ",
        "BINOME_NOUVEAU_MOT_DE_PASSE",
        true,
    )?;
    if m != c {
        return Err(crate::services::ErreurService::from(acces::ErreurAcces::Confirmation).into());
    }
    Ok(m)
}

pub fn premier(args: ArgsComptes, espace: &Espace) -> Result<String, ErreurCli> {
    match args.action {
        ActionComptes::Premier { identifiant } => {
            let mdp = nouveau_mot_de_passe()?;
            let (a, code) = acces::installer(espace, &identifiant, &mdp, &mdp)?;
            Ok(format!(
                "Compte « {} » créé (administrateur). Code de secours, affiché cette seule fois — notez-le et gardez-le en lieu sûr : il rouvre le poste si tous les mots de passe d'administrateur sont perdus :\n{code}",
                a.compte.identifiant
            ))
        }
        ActionComptes::Secours { identifiant } => {
            let code = match variable("BINOME_CODE_SECOURS") {
                Some(c) => c,
                None => demander("Code de secours : ", "BINOME_CODE_SECOURS", true)?,
            };
            let mdp = nouveau_mot_de_passe()?;
            let a = acces::secourir(espace, &code, &identifiant, &mdp)?;
            Ok(format!(
                "Le compte « {} » a un nouveau mot de passe : connectez-vous avec.",
                a.compte.identifiant
            ))
        }
        _ => Err("commande à lancer avec une connexion.".into()),
    }
}

pub fn executer(args: ArgsComptes, espace: &Espace, poste: &Poste) -> Result<String, ErreurCli> {
    let comptes = Comptes::de(espace, poste);
    match args.action {
        ActionComptes::Premier { .. } | ActionComptes::Secours { .. } => {
            Err("commande à lancer sans connexion.".into())
        }
        ActionComptes::Lister => {
            if !poste.compte().administrateur {
                return Err(crate::services::ErreurService::from(
                    acces::ErreurAcces::ReserveeAdministrateur,
                )
                .into());
            }
            let store = poste.store();
            let pros = store.professionnels()?;
            let mut lignes = vec![format!(
                "{:<16} {:<10} {:<32} PROFESSIONNEL",
                "IDENTIFIANT", "ÉTAT", "DROITS"
            )];
            for c in store.comptes()? {
                let pro = c
                    .professionnel
                    .and_then(|id| pros.iter().find(|p| p.id == id))
                    .map_or_else(
                        || "—".to_string(),
                        |p| format!("{} ({})", p.nom_affiche(), p.role().libelle()),
                    );
                lignes.push(format!(
                    "{:<16} {:<10} {:<32} {pro}",
                    c.identifiant,
                    if c.actif { "actif" } else { "désactivé" },
                    c.libelle_droits()
                ));
            }
            Ok(lignes.join("\n"))
        }
        ActionComptes::Creer {
            identifiant,
            professionnel,
            administrateur,
        } => {
            let pro = professionnel
                .map(|p| crate::services::ressources::trouver_professionnel(poste, &p))
                .transpose()?;
            let mdp = nouveau_mot_de_passe()?;
            let c = comptes.creer(
                &mut poste.store(),
                &identifiant,
                &mdp,
                pro.as_ref().map(|p| p.id),
                administrateur,
            )?;
            Ok(format!(
                "Compte « {} » créé ({}). Remettez-lui son mot de passe provisoire.",
                c.identifiant,
                c.libelle_droits()
            ))
        }
        ActionComptes::Desactiver { identifiant } => {
            let c = comptes.activer(&mut poste.store(), &identifiant, false, None)?;
            Ok(format!(
                "Compte « {} » désactivé : il ne peut plus se connecter.",
                c.identifiant
            ))
        }
        ActionComptes::Reactiver { identifiant } => {
            let mdp = nouveau_mot_de_passe()?;
            let c = comptes.activer(&mut poste.store(), &identifiant, true, Some(&mdp))?;
            Ok(format!(
                "Compte « {} » réactivé, avec le mot de passe donné.",
                c.identifiant
            ))
        }
        ActionComptes::MotDePasse { identifiant } => {
            let cible = identifiant.unwrap_or_else(|| poste.compte().identifiant.clone());
            let mdp = nouveau_mot_de_passe()?;
            comptes.changer_mot_de_passe(&mut poste.store(), &cible, &mdp)?;
            Ok(format!("Le mot de passe du compte « {cible} » est changé."))
        }
        ActionComptes::Administrateur {
            identifiant,
            droits,
        } => {
            let c = comptes.administrateur(&mut poste.store(), &identifiant, droits)?;
            Ok(format!(
                "Compte « {} » : {}.",
                c.identifiant,
                c.libelle_droits()
            ))
        }
    }
}

#[derive(Debug, Args)]
pub struct ArgsDelegations {
    #[command(subcommand)]
    pub action: ActionDelegations,
}

#[derive(Debug, Subcommand)]
pub enum ActionDelegations {
    /// Les délégations qui vous concernent (toutes pour un administrateur)
    Lister,
    /// Confie vos dossiers (ou un seul) à un autre professionnel du premier au dernier jour
    Accorder {
        /// Le professionnel qui reçoit (identifiant ou « Prénom NOM »)
        #[arg(long, value_name = "PRO")]
        a: String,
        /// Le titulaire, si ce n'est pas vous (administrateurs)
        #[arg(long, value_name = "PRO")]
        titulaire: Option<String>,
        /// Un seul dossier (par défaut tout le portefeuille)
        #[arg(long, value_name = "ID")]
        dossier: Option<Uuid>,
        /// Premier jour (AAAA-MM-JJ)
        #[arg(long, value_name = "DATE")]
        du: Jour,
        /// Dernier jour, inclus (AAAA-MM-JJ)
        #[arg(long, value_name = "DATE")]
        au: Jour,
    },
    /// Retire une délégation avant son terme
    Retirer {
        #[arg(long, value_name = "ID")]
        id: Uuid,
    },
}

pub fn delegations(args: ArgsDelegations, poste: &Poste) -> Result<String, ErreurCli> {
    use crate::services::delegations as service;
    match args.action {
        ActionDelegations::Lister => {
            let lignes = service::lister(poste)?;
            if lignes.is_empty() {
                return Ok("Aucune délégation.".into());
            }
            Ok(lignes
                .iter()
                .map(|l| format!("{} : {}", l.id, l.texte))
                .collect::<Vec<_>>()
                .join("\n"))
        }
        ActionDelegations::Accorder {
            a,
            titulaire,
            dossier,
            du,
            au,
        } => {
            verifier_periode(du, au).map_err(ErreurCli::Usage)?;
            let d = service::accorder(poste, titulaire.as_deref(), &a, dossier, du, au)?;
            Ok(format!(
                "Délégation {} accordée du {} au {}.",
                d.id,
                du.format("%d/%m/%Y"),
                au.format("%d/%m/%Y")
            ))
        }
        ActionDelegations::Retirer { id } => {
            service::retirer(poste, id)?;
            Ok(format!("Délégation {id} retirée."))
        }
    }
}
