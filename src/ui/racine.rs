//! La racine de la fenêtre : la porte (premier compte, connexion, secours) tant qu'aucune
//! session n'est ouverte, puis l'application du compte connecté.

use iced::{event, keyboard, window, Element, Event, Subscription, Task, Theme};

use super::app::{self, App};
use super::defilement;
use super::ecrans::porte::{self, Porte};
use super::theme::Palettes;
use crate::services::espace::Espace;

pub enum Etat {
    Porte(Box<Porte>),
    Ouverte(Box<App>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Porte(porte::Message),
    App(app::Message),
    /// Tab ou Maj+Tab sur la porte.
    Focus(bool),
    Fermer,
}

pub struct Racine {
    pub etat: Etat,
    /// L'apparence et la taille du texte de la porte, celles de la dernière session.
    affichage: crate::services::preferences::Affichage,
}

impl Racine {
    /// La porte du dossier de données : création du premier compte sur un poste neuf,
    /// connexion sinon. Un trousseau illisible est dit sur la porte.
    pub fn new(espace: Espace, aujourdhui: crate::domain::date::Jour) -> (Racine, Task<Message>) {
        let (installe, erreur) = match crate::services::acces::est_installe(&espace) {
            Ok(i) => (i, None),
            Err(e) => (true, Some(e.to_string())),
        };
        let affichage = crate::services::preferences::lire_affichage(&espace.dossier);
        let mut p = Porte::new(espace, installe, aujourdhui);
        if let Some(e) = erreur {
            p.signaler(e);
        }
        let focus = defilement::vers(p.premier_champ());
        (
            Racine {
                etat: Etat::Porte(Box::new(p)),
                affichage,
            },
            focus,
        )
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match (&mut self.etat, message) {
            (Etat::Porte(p), Message::Porte(m)) => match p.update(m) {
                porte::Action::Aucune => Task::none(),
                porte::Action::Tache(t) => t.map(Message::Porte),
                porte::Action::Ouvrir(session) => {
                    // La fenêtre reprend la taille et la place de la dernière fois.
                    let p = session.preferences();
                    let taille = p
                        .fenetre
                        .map(|(l, h)| iced::Size::new(l.max(800.0), h.max(600.0)));
                    let place = p
                        .position
                        .map(|(x, y)| iced::Point::new(x.max(0.0), y.max(0.0)));
                    let app = App::new(*session);
                    let sauvegarde = app.sauvegarder_en_fond().map(Message::App);
                    // Un poste neuf continue par la fiche du professionnel.
                    let focus = match app.page {
                        super::app::Page::Accueil(_) => {
                            defilement::vers(super::ecrans::accueil::ID_PRENOM)
                        }
                        _ => Task::none(),
                    };
                    self.etat = Etat::Ouverte(Box::new(app));
                    let geometrie = window::latest().then(move |id| {
                        let Some(id) = id else {
                            return Task::none();
                        };
                        Task::batch([
                            taille.map_or_else(Task::none, |t| window::resize(id, t)),
                            place.map_or_else(Task::none, |p| window::move_to(id, p)),
                        ])
                    });
                    Task::batch([
                        defilement::au_debut().chain(focus).chain(geometrie),
                        sauvegarde,
                    ])
                }
            },
            (Etat::Ouverte(a), Message::App(m)) => {
                let t = a.update(m).map(Message::App);
                if !a.vers_la_restauration {
                    return t;
                }
                // La session se ferme (brouillons écrits, base fermée) avant la restauration.
                let espace = a.session.espace().clone();
                let jour = a.session.aujourdhui();
                let (p, sauvegardes) = Porte::pour_restaurer(espace, jour);
                self.etat = Etat::Porte(Box::new(p));
                Task::batch([
                    defilement::au_debut().chain(defilement::vers(porte::ID_IDENTIFIANT)),
                    sauvegardes.map(Message::Porte),
                ])
            }
            (Etat::Porte(_), Message::Focus(true)) => defilement::suivant(),
            (Etat::Porte(_), Message::Focus(false)) => defilement::precedent(),
            (_, Message::Fermer) => iced::exit(),
            _ => Task::none(),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        super::hors_des_champs::hors_des_champs(match &self.etat {
            Etat::Porte(p) => p.view().map(Message::Porte),
            Etat::Ouverte(a) => a.view().map(Message::App),
        })
    }

    pub fn titre(&self) -> String {
        match &self.etat {
            Etat::Porte(_) => "Binôme — Connexion".into(),
            Etat::Ouverte(a) => a.titre(),
        }
    }

    pub fn theme(&self) -> Theme {
        match &self.etat {
            Etat::Porte(_) => self.affichage.apparence.theme(),
            Etat::Ouverte(a) => a.theme(),
        }
    }

    pub fn echelle(&self) -> f32 {
        match &self.etat {
            Etat::Porte(_) => self.affichage.echelle,
            Etat::Ouverte(a) => a.echelle(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        match &self.etat {
            Etat::Porte(_) => event::listen_with(evenement_porte),
            Etat::Ouverte(a) => a.subscription().map(Message::App),
        }
    }
}

fn evenement_porte(e: Event, statut: event::Status, _: window::Id) -> Option<Message> {
    use keyboard::key::Named;
    match e {
        Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(Named::Tab),
            modifiers,
            ..
        }) if statut == event::Status::Ignored => Some(Message::Focus(!modifiers.shift())),
        Event::Window(window::Event::CloseRequested) => Some(Message::Fermer),
        _ => None,
    }
}
