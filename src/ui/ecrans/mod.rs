//! Un module par écran, chacun avec son `Message`, son `update` et sa `view`.

pub mod a_faire;
pub mod accueil;
pub mod annuaire;
pub mod binome;
pub mod comptes;
pub mod cotraitance;
pub mod dossier;
pub mod indicateurs;
pub mod nouveau_dossier;
pub mod parametres;
pub mod porte;
pub mod portefeuille;
pub mod reprise;
pub mod ressources;
pub mod verrou;
