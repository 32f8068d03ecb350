//! Les préférences du poste (apparence, taille du texte, délais des alertes, fenêtre),
//! gardées dans la base. Aucun type graphique : l'interface traduit l'apparence en thème.

use serde::{Deserialize, Serialize};

use crate::domain::dossier::Regles;
use crate::domain::echeances::Parametres;

/// Clé des préférences dans la base.
pub const CLE_PREFERENCES: &str = "preferences";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Apparence {
    #[default]
    Claire,
    Sombre,
    ContrasteEleve,
}

impl Apparence {
    pub const TOUTES: [Apparence; 3] = [
        Apparence::Claire,
        Apparence::Sombre,
        Apparence::ContrasteEleve,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            Apparence::Claire => "Claire",
            Apparence::Sombre => "Sombre",
            Apparence::ContrasteEleve => "Contraste élevé",
        }
    }
}

impl std::fmt::Display for Apparence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.libelle())
    }
}

/// Préférences du poste, enregistrées dans la base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub apparence: Apparence,
    /// Taille du texte, de 1.0 (100 %) à 2.0 (200 %).
    pub echelle: f32,
    pub echeances: Parametres,
    /// Largeur et hauteur de la fenêtre à la dernière fermeture.
    pub fenetre: Option<(f32, f32)>,
    /// Position de la fenêtre à la dernière fermeture.
    #[serde(default)]
    pub position: Option<(f32, f32)>,
    /// Les délais des règles du parcours (sortie anticipée…).
    #[serde(default)]
    pub regles: Regles,
    /// Minutes sans activité avant que la fenêtre se verrouille.
    #[serde(default = "verrouillage_par_defaut")]
    pub verrouillage_minutes: u32,
}

fn verrouillage_par_defaut() -> u32 {
    10
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            apparence: Apparence::Claire,
            echelle: 1.0,
            echeances: Parametres::default(),
            fenetre: None,
            position: None,
            regles: Regles::default(),
            verrouillage_minutes: verrouillage_par_defaut(),
        }
    }
}
