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
    /// Le dossier d'échange que la fenêtre surveille : les paquets du binôme qui y arrivent
    /// sont reçus d'eux-mêmes.
    #[serde(default)]
    pub dossier_echange: Option<std::path::PathBuf>,
    /// La cotraitance des jeunes : critères régionaux, seuils d'attente de l'acceptation et
    /// de l'initialisation.
    #[serde(default)]
    pub cotraitance: crate::domain::cotraitance::Regles,
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
            dossier_echange: None,
            cotraitance: Default::default(),
        }
    }
}

/// Fichier, à côté de la base, de ce qu'il faut pour dessiner la porte avant la connexion :
/// l'apparence et la taille du texte. Rien de personnel ; le reste des préférences est dans
/// la base chiffrée.
pub const FICHIER_AFFICHAGE: &str = "affichage.json";

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Affichage {
    pub apparence: Apparence,
    pub echelle: f32,
}

impl Default for Affichage {
    fn default() -> Self {
        Affichage {
            apparence: Apparence::Claire,
            echelle: 1.0,
        }
    }
}

/// L'affichage de la porte ; celui par défaut si le fichier manque ou est illisible.
pub fn lire_affichage(dossier: &std::path::Path) -> Affichage {
    crate::fichiers::lire_borne(&dossier.join(FICHIER_AFFICHAGE), 1)
        .ok()
        .and_then(|o| serde_json::from_slice::<Affichage>(&o).ok())
        .map(|a| Affichage {
            echelle: a.echelle.clamp(1.0, 2.0),
            ..a
        })
        .unwrap_or_default()
}

/// Garde l'affichage de la porte (écrit d'un coup).
pub fn ecrire_affichage(
    dossier: &std::path::Path,
    p: &Preferences,
) -> Result<(), crate::fichiers::ErreurFichier> {
    let a = Affichage {
        apparence: p.apparence,
        echelle: p.echelle,
    };
    let json = serde_json::to_vec(&a).unwrap_or_default();
    crate::fichiers::ecrire_atomiquement(&dossier.join(FICHIER_AFFICHAGE), &json)
}
