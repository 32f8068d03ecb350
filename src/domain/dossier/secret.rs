//! Le secret du volet social (article 3.4 de la convention) : un besoin marqué confidentiel
//! dans un diagnostic ne sort jamais du poste, ni son libellé, ni ce qui le trahirait — le
//! titre d'une action qui y répond, les ressources prescrites pour elle.

use std::collections::HashSet;

use super::{ActionCarnet, Dossier};

/// Ce qu'imprime un document, ou un export, à la place d'une action confidentielle.
pub const ACTION_CONFIDENTIELLE: &str = "Action confidentielle (volet social)";

impl Dossier {
    /// Les besoins marqués confidentiels dans l'un quelconque des diagnostics : ils restent
    /// confidentiels même évalués ailleurs sans cette mention.
    pub fn besoins_confidentiels(&self) -> HashSet<&str> {
        self.diagnostics
            .iter()
            .flat_map(|d| &d.evaluations)
            .filter(|e| e.confidentiel)
            .map(|e| e.besoin.as_str())
            .collect()
    }

    pub fn besoin_partageable(&self, besoin: &str) -> bool {
        !self
            .diagnostics
            .iter()
            .flat_map(|d| &d.evaluations)
            .any(|e| e.confidentiel && e.besoin == besoin)
    }

    /// Vrai si l'action répond à un besoin confidentiel.
    pub fn action_confidentielle(&self, a: &ActionCarnet) -> bool {
        a.besoin
            .as_deref()
            .is_some_and(|b| !self.besoin_partageable(b))
    }

    /// Le titre d'une action tel qu'il peut figurer sur un document ou dans un export.
    pub fn titre_partageable<'a>(&self, a: &'a ActionCarnet) -> &'a str {
        if self.action_confidentielle(a) {
            ACTION_CONFIDENTIELLE
        } else {
            &a.libelle
        }
    }
}
