//! Le clavier : les raccourcis de la fenêtre. La racine les reçoit ; chaque écran dit ce
//! qu'Entrée, Échap, Ctrl+S ou Ctrl+P veulent dire chez lui.

use iced::keyboard::{self, key::Named, Key};
use iced::{event, window, Event};

use super::app::Message;
use super::defilement::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    AFaire,
    Portefeuille,
    Ressources,
    Indicateurs,
    Annuaire,
    Parametres,
    Binome,
    Cotraitance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raccourci {
    Suivant,
    Precedent,
    Rechercher,
    Nouveau,
    Enregistrer,
    Imprimer,
    Echap,
    Agrandir,
    Reduire,
    Aller(Nav),
    Verrouiller,
    /// Page suivante ou précédente, début ou fin de l'écran (hors d'un champ de texte).
    Page(Page),
}

/// Les raccourcis clavier, la taille de la fenêtre et sa fermeture.
pub fn evenement(e: Event, statut: event::Status, _fenetre: window::Id) -> Option<Message> {
    match e {
        Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
            let r = match (key.as_ref(), modifiers.command()) {
                (Key::Named(Named::Tab), _) if statut == event::Status::Ignored => {
                    if modifiers.shift() {
                        Raccourci::Precedent
                    } else {
                        Raccourci::Suivant
                    }
                }
                (Key::Named(Named::Escape), _) => Raccourci::Echap,
                (Key::Named(Named::PageDown), _) if statut == event::Status::Ignored => {
                    Raccourci::Page(Page::Suivante)
                }
                (Key::Named(Named::PageUp), _) if statut == event::Status::Ignored => {
                    Raccourci::Page(Page::Precedente)
                }
                (Key::Named(Named::End), true) if statut == event::Status::Ignored => {
                    Raccourci::Page(Page::Fin)
                }
                (Key::Named(Named::Home), true) if statut == event::Status::Ignored => {
                    Raccourci::Page(Page::Debut)
                }
                (Key::Character("f"), true) => Raccourci::Rechercher,
                (Key::Character("n"), true) => Raccourci::Nouveau,
                (Key::Character("s"), true) => Raccourci::Enregistrer,
                (Key::Character("p"), true) => Raccourci::Imprimer,
                (Key::Character("+" | "="), true) => Raccourci::Agrandir,
                (Key::Character("-"), true) => Raccourci::Reduire,
                (Key::Character("1"), true) => Raccourci::Aller(Nav::AFaire),
                (Key::Character("2"), true) => Raccourci::Aller(Nav::Portefeuille),
                (Key::Character("3"), true) => Raccourci::Aller(Nav::Ressources),
                (Key::Character("4"), true) => Raccourci::Aller(Nav::Indicateurs),
                (Key::Character("5"), true) => Raccourci::Aller(Nav::Parametres),
                (Key::Character("6"), true) => Raccourci::Aller(Nav::Annuaire),
                (Key::Character("7"), true) => Raccourci::Aller(Nav::Binome),
                (Key::Character("8"), true) => Raccourci::Aller(Nav::Cotraitance),
                (Key::Character("l"), true) => Raccourci::Verrouiller,
                // Toute autre touche dit que quelqu'un est là (verrouillage par inactivité).
                _ => return Some(Message::Activite),
            };
            Some(Message::Clavier(r))
        }
        Event::Window(window::Event::Resized(taille)) => Some(Message::Redimensionne(taille)),
        Event::Window(window::Event::Moved(p)) => Some(Message::Deplacee(p)),
        Event::Window(window::Event::CloseRequested) => Some(Message::FermetureDemandee),
        Event::Window(window::Event::FileDropped(chemin)) => Some(Message::FichierDepose(chemin)),
        Event::Mouse(
            iced::mouse::Event::ButtonPressed(_) | iced::mouse::Event::WheelScrolled { .. },
        ) => Some(Message::Activite),
        _ => None,
    }
}
