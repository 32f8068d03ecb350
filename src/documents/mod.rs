//! Documents imprimables (PDF) : ceux du dossier (fiche de liaison, contrat, avenant de
//! reconduction, carnet de route, fiche de sortie), la fiche d'une ressource partenariale,
//! et le moteur de mise en page qu'ils partagent avec le rapport des indicateurs.

pub mod cotraitance;
pub mod dossier;
pub mod fiche_ressource;
pub mod mise_en_page;
pub mod personne;

pub use dossier::{generer, Modele, Sources};
pub use mise_en_page::ErreurPdf;
