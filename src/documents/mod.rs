//! Documents imprimables (PDF) : ceux du dossier (fiche de liaison, contrat, avenant de
//! reconduction, carnet de route, fiche de sortie), la fiche d'une ressource partenariale,
//! et le moteur de mise en page qu'ils partagent avec le rapport des indicateurs.

pub mod cotraitance;
pub mod dossier;
pub mod fiche_ressource;
pub mod mise_en_page;
pub mod personne;
pub mod polices_du_lot;

pub use dossier::{generer, mettre_en_page, Modele, Sources};
pub use mise_en_page::ErreurPdf;
pub use polices_du_lot::PolicesDuLot;
