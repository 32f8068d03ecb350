//! Binôme : l'accompagnement global d'un demandeur d'emploi par un conseiller dédié
//! et un référent social (convention Département des Bouches-du-Rhône / Pôle emploi).
//!
//! Des couches qui ne regardent que vers le bas (la règle est écrite une fois, dans
//! `tests/integration/architecture.rs`) :
//!
//! | couche | modules | peut utiliser |
//! |---|---|---|
//! | 0 | `assets` | — |
//! | 1 | `domain` | — |
//! | 2 | `store`, `fichiers`, `documents`, `formats` | le domaine, les fichiers, les assets |
//! | 3 | `services` | tout ce qui est en dessous |
//! | 4 | `ui`, `cli`, `bench` | les services et le domaine (l'interface ne voit jamais le store) |
//!
//! Une commande va de l'écran au service, le domaine décide, le store écrit l'événement et
//! les projections dans une même transaction, l'écran relit.

pub mod assets;
pub mod domain;

pub mod documents;
pub mod fichiers;
pub mod formats;
pub mod store;

pub mod services;

pub mod bench;
pub mod cli;
pub mod ui;
