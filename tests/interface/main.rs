//! L'interface, conduite comme un utilisateur sans carte graphique (iced_test, tiny-skia).

#[path = "../commun/mod.rs"]
mod commun;

mod binome;
mod clavier;
mod contraste;
mod cotraitance;
mod indicateurs;
mod parcours;
mod porte;
mod rendu;
mod reprise;
