//! Les comptes de la démonstration, aux identifiants documentés (README, écran d'accueil) :
//! un même mot de passe fictif pour tous, qui suit la règle de la CNIL.

use std::collections::HashMap;

use crate::domain::professionnel::{Professionnel, Role};
use crate::services::acces::{Acces, Comptes};
use crate::services::espace::Espace;
use crate::services::ErreurService;
use crate::store::Store;

/// Le mot de passe de tous les comptes de la démonstration.
pub const MOT_DE_PASSE_DEMO: &str = "Binome-Demo-2026";

/// Les comptes de la démonstration : identifiant et ce qu'il montre.
pub const COMPTES_DEMO: [(&str, &str); 5] = [
    (
        "admin",
        "administrateur du poste : gère les comptes, ne lit aucun dossier",
    ),
    ("conseiller", "conseiller dédié, environ 90 accompagnements"),
    (
        "referent",
        "référent social, binôme le plus fréquent du conseiller",
    ),
    (
        "ressources",
        "autre référent social, gestionnaire de la base de ressources",
    ),
    (
        "mission-locale",
        "mission locale : les jeunes en cotraitance affectés par le conseiller",
    ),
];

/// Le conseiller dédié que la démonstration donne à son utilisateur : le premier habilité à
/// tenir la base de ressources.
pub fn conseiller_de_demo(pros: &[Professionnel]) -> Option<Professionnel> {
    let conseillers: Vec<_> = pros
        .iter()
        .filter(|p| p.role() == Role::Conseiller)
        .collect();
    conseillers
        .iter()
        .find(|p| p.habilitation == crate::domain::ressources::Habilitation::MiseAJour)
        .or(conseillers.first())
        .map(|p| (*p).clone())
}

/// Crée les comptes de la démonstration qui manquent (un identifiant pris ou un
/// professionnel qui a déjà son compte est laissé tel quel) ; rend les identifiants créés.
pub fn creer_comptes(
    espace: &Espace,
    acces: &Acces,
    store: &mut Store,
) -> Result<Vec<String>, ErreurService> {
    let pros = store.professionnels()?;
    let conseiller = conseiller_de_demo(&pros);
    // Les référents, du binôme le plus fréquent du conseiller au moins fréquent.
    let mut frequence: HashMap<uuid::Uuid, usize> = HashMap::new();
    for r in store.portefeuille()? {
        if r.conseiller_id.is_some() && r.conseiller_id == conseiller.as_ref().map(|c| c.id) {
            if let Some(id) = r.referent_id {
                *frequence.entry(id).or_default() += 1;
            }
        }
    }
    // La mission locale qui suit le plus de jeunes affectés par le conseiller.
    let mut par_ml: HashMap<String, usize> = HashMap::new();
    for c in store.cotraitances()? {
        *par_ml
            .entry(c.faits.affectation.mission_locale)
            .or_default() += 1;
    }
    let mission_locale = pros
        .iter()
        .filter_map(|p| {
            p.mission_locale()
                .map(|code| (par_ml.get(code).copied().unwrap_or(0), p.id))
        })
        .max_by_key(|(n, _)| *n)
        .filter(|(n, _)| *n > 0)
        .map(|(_, id)| id);
    let mut referents: Vec<_> = pros
        .iter()
        .filter(|p| p.role() == Role::Referent && p.mission_locale().is_none())
        .collect();
    referents.sort_by_key(|p| std::cmp::Reverse(frequence.get(&p.id).copied().unwrap_or(0)));
    let lies: Vec<_> = store
        .comptes()?
        .into_iter()
        .filter_map(|c| c.professionnel)
        .collect();
    let voulus = [
        ("admin", None, true),
        ("conseiller", conseiller.map(|c| c.id), false),
        ("referent", referents.first().map(|p| p.id), false),
        ("ressources", referents.get(1).map(|p| p.id), false),
        ("mission-locale", mission_locale, false),
    ];
    let comptes = Comptes { espace, acces };
    let mut crees = Vec::new();
    for (identifiant, professionnel, administrateur) in voulus {
        let deja_lie = professionnel.is_some_and(|p| lies.contains(&p));
        if deja_lie || store.compte_par_identifiant(identifiant)?.is_some() {
            continue;
        }
        if !administrateur && professionnel.is_none() {
            continue;
        }
        comptes.creer(
            store,
            identifiant,
            MOT_DE_PASSE_DEMO,
            professionnel,
            administrateur,
        )?;
        crees.push(identifiant.to_string());
    }
    Ok(crees)
}
