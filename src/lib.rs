//! Binôme : l'accompagnement global d'un demandeur d'emploi par un conseiller dédié
//! et un référent social (convention Département des Bouches-du-Rhône / Pôle emploi).
//!
//! Les données vont dans un seul sens : commande → domaine (décide) → store (événement
//! + projections) → lecture.

pub mod bench;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod espace;
pub mod indicateurs;
pub mod pdf;
pub mod ressources;
pub mod store;
pub mod ui;
