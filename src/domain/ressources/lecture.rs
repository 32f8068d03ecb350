//! Une ligne lue d'un fichier de ressources, avec ce qu'elle donne : une fiche valide, une
//! fiche hors du champ de la base, ou une erreur à dire à l'utilisateur.

use super::Ressource;

#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    Valide(Box<Ressource>),
    /// Hors du champ de la base (aucune thématique des 7 familles) : ni erreur ni import.
    Ignoree(String),
    Erreur(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LigneLue {
    /// Fichier, puis numéro de ligne (CSV) ou d'élément (JSON), à partir de 1.
    pub fichier: String,
    pub numero: usize,
    /// L'identifiant ou le nom, pour retrouver la ligne.
    pub reference: String,
    pub issue: Issue,
    pub avertissements: Vec<String>,
}

impl LigneLue {
    pub fn position(&self) -> String {
        format!(
            "{}, ligne {} ({})",
            self.fichier, self.numero, self.reference
        )
    }
}
