//! La connexion en ligne de commande : `BINOME_UTILISATEUR` et `BINOME_MOT_DE_PASSE`, ou une
//! question sur le terminal (le mot de passe sans écho). Les commandes agissent avec les
//! droits du compte.

use std::io::{BufRead, IsTerminal, Write};

use super::ErreurCli;
use crate::services::acces::{self, Acces};
use crate::services::demo::comptes::MOT_DE_PASSE_DEMO;
use crate::services::espace::Espace;

/// Lit une variable d'environnement non vide.
pub(super) fn variable(nom: &str) -> Option<String> {
    std::env::var(nom).ok().filter(|v| !v.is_empty())
}

/// Demande une valeur sur le terminal ; sans terminal, dit quelle variable donner.
pub(super) fn demander(question: &str, variable: &str, secret: bool) -> Result<String, ErreurCli> {
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "{variable} manque : donnez-la dans l'environnement (la connexion se fait avec BINOME_UTILISATEUR et BINOME_MOT_DE_PASSE), ou lancez la commande dans un terminal pour la saisir."
        )
        .into());
    }
    if secret {
        return rpassword::prompt_password(question).map_err(ErreurCli::Sortie);
    }
    let mut sortie = std::io::stderr();
    write!(sortie, "{question}").map_err(ErreurCli::Sortie)?;
    sortie.flush().map_err(ErreurCli::Sortie)?;
    let mut ligne = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut ligne)
        .map_err(ErreurCli::Sortie)?;
    Ok(ligne.trim().to_string())
}

/// L'identifiant et le mot de passe, de l'environnement ou du terminal.
pub fn identifiants(espace: &Espace) -> Result<(String, String), ErreurCli> {
    if !acces::est_installe(espace)? {
        return Err(crate::services::ErreurService::from(acces::ErreurAcces::PasInstallee).into());
    }
    let identifiant = match variable("BINOME_UTILISATEUR") {
        Some(i) => i,
        None => demander("Identifiant : ", "BINOME_UTILISATEUR", false)?,
    };
    let mdp = match variable("BINOME_MOT_DE_PASSE") {
        Some(m) => m,
        None => demander("Mot de passe : ", "BINOME_MOT_DE_PASSE", true)?,
    };
    Ok((identifiant, mdp))
}

/// Se connecte avec le compte donné par l'environnement ou au terminal.
pub fn authentifier(espace: &Espace) -> Result<Acces, ErreurCli> {
    let (identifiant, mdp) = identifiants(espace)?;
    Ok(acces::connecter(espace, &identifiant, &mdp)?)
}

/// `binome demo` dans un dossier neuf : le poste est installé avec le compte « admin » de
/// la démonstration, et son code de secours est affiché.
pub fn installer_la_demo(espace: &Espace) -> Result<Acces, ErreurCli> {
    let (a, code) = acces::installer(espace, "admin", MOT_DE_PASSE_DEMO, MOT_DE_PASSE_DEMO)?;
    writeln!(
        std::io::stdout(),
        "Poste installé dans {}. Code de secours (à garder en lieu sûr ; il rouvre le poste si tous les mots de passe d'administrateur sont perdus) : {code}",
        espace.dossier.display()
    )
    .map_err(ErreurCli::Sortie)?;
    Ok(a)
}

/// L'administrateur qui confirme un effacement : `BINOME_ADMINISTRATEUR` et
/// `BINOME_MOT_DE_PASSE_ADMINISTRATEUR`, ou demandés au terminal.
pub(super) fn administrateur_qui_confirme() -> Result<(String, String), ErreurCli> {
    let administrateur = match variable("BINOME_ADMINISTRATEUR") {
        Some(a) => a,
        None => demander(
            "Identifiant de l'administrateur qui confirme : ",
            "BINOME_ADMINISTRATEUR",
            false,
        )?,
    };
    let mot_de_passe = match variable("BINOME_MOT_DE_PASSE_ADMINISTRATEUR") {
        Some(m) => m,
        None => demander(
            "Son mot de passe : ",
            "BINOME_MOT_DE_PASSE_ADMINISTRATEUR",
            true,
        )?,
    };
    Ok((administrateur, mot_de_passe))
}
