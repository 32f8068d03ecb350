//! Règles métier pures : aucun accès disque, base de données ou interface.

pub mod audit;
pub mod carte;
pub mod compte;
pub mod cotraitance;
pub mod date;
pub mod designation;
pub mod diagnostic;
pub mod dossier;
pub mod echange;
pub mod echeances;
pub mod effacement;
pub mod empreinte;
pub mod freins;
pub mod identifiants;
pub mod indicateurs;
pub mod mot_de_passe;
pub mod note_privee;
pub mod parallele;
pub mod personne;
pub mod portefeuille;
pub mod professionnel;
pub mod refus;
pub mod reprise;
pub mod ressources;
pub mod saisie;
pub mod structures;
pub mod texte;

pub use date::Jour;
pub use dossier::{Commande, Dossier, Evenement};
pub use refus::Refus;
