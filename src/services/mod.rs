//! La couche de services : ce que l'interface et la ligne de commande demandent, dit une
//! seule fois (ouvrir un espace, exécuter une commande au nom d'un utilisateur, imprimer et
//! noter l'impression, importer, exporter, calculer les indicateurs, garder les brouillons
//! et les préférences). Elle s'appuie sur le domaine, le store et les fichiers ; elle ne
//! connaît ni iced, ni clap.

pub mod a_propos;
pub mod acces;
pub mod accords;
pub mod administration;
pub mod brouillons;
pub mod cartes;
pub mod cotraitance;
pub mod delegations;
pub mod demo;
pub mod echange;
pub mod effacement;
pub mod erreur;
pub mod espace;
pub mod export;
pub mod impression;
pub mod indicateurs;
pub mod personne;
pub mod poste;
pub mod preferences;
pub mod reprise;
pub mod ressources;
pub mod sauvegardes;
pub mod session;
pub mod sortie;
pub mod territoire;

pub use erreur::ErreurService;
pub use poste::Poste;
// Les types que les écrans reçoivent du store, sans avoir à le connaître.
pub use crate::store::{
    CarteRecue, ErreurStore, EvenementEnregistre, FaitCotraitance, Modification, RapportEffacement,
    RapportImport,
};
