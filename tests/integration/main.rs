//! Les essais sans fenêtre, réunis dans un seul binaire (un seul édition de liens) : domaine,
//! store, documents, ressources, indicateurs, ligne de commande et architecture.

#[path = "../commun/mod.rs"]
mod commun;

mod acces;
mod architecture;
mod audit;
mod cartes;
mod cli;
mod consentement;
mod cotraitance;
mod cotraitance_poste;
mod coupures;
mod designation;
mod durcissement;
mod echange;
mod echeances;
mod effacement;
mod indicateurs;
mod indicateurs_exports;
mod pannes;
mod paquets;
mod pdf;
mod proprietes;
mod reprise;
mod ressources;
mod robustesse;
mod sauvegardes;
mod store;
mod territoire;
mod workflow;
