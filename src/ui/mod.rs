//! L'interface iced. Les écrans demandent, le domaine décide, le store enregistre.

pub mod app;
pub mod defilement;
pub mod ecrans;
pub mod focalisable;
pub mod raccourcis;
pub mod tache;
pub mod theme;
pub mod widgets;

use crate::services::espace::Espace;
use crate::services::session::Session;

use crate::assets::{NOM_POLICE, POLICE, POLICE_GRASSE};

/// Ce qui empêche la fenêtre de s'ouvrir.
#[derive(Debug, thiserror::Error)]
pub enum ErreurFenetre {
    #[error(transparent)]
    Session(#[from] crate::services::ErreurService),
    #[error(
        "La fenêtre n'a pas pu s'ouvrir : {0}. Les commandes (binome --help) restent utilisables."
    )]
    Affichage(#[from] iced::Error),
}

/// Ouvre la fenêtre sur l'espace de données donné.
pub fn lancer(espace: Espace) -> Result<(), ErreurFenetre> {
    let aujourdhui = chrono::Local::now().date_naive();
    let espace_boot = espace.clone();
    let mut session = Session::ouvrir(espace, aujourdhui)?;
    session.suivre_le_jour();
    let taille = session
        .preferences()
        .fenetre
        .map_or(iced::Size::new(1280.0, 800.0), |(l, h)| {
            iced::Size::new(l.max(800.0), h.max(600.0))
        });
    let position = session.preferences().position;
    let depart = std::sync::Mutex::new(Some(session));
    iced::application(
        move || {
            // iced démarre l'application une seule fois : la session ouverte plus haut sert.
            let session = depart.lock().ok().and_then(|mut s| s.take());
            let session = match session {
                Some(s) => s,
                None => match Session::ouvrir(espace_boot.clone(), aujourdhui) {
                    Ok(mut s) => {
                        s.suivre_le_jour();
                        s
                    }
                    Err(e) => {
                        eprintln!("Erreur : {e}");
                        std::process::exit(1);
                    }
                },
            };
            (app::App::new(session), iced::Task::none())
        },
        app::App::update,
        app::App::view,
    )
    .title(app::App::titre)
    .theme(app::App::theme)
    .scale_factor(app::App::echelle)
    .subscription(app::App::subscription)
    .font(POLICE)
    .font(POLICE_GRASSE)
    .default_font(iced::Font::with_name(NOM_POLICE))
    .window(iced::window::Settings {
        size: taille,
        position: position.map_or(iced::window::Position::Default, |(x, y)| {
            iced::window::Position::Specific(iced::Point::new(x.max(0.0), y.max(0.0)))
        }),
        exit_on_close_request: false,
        ..iced::window::Settings::default()
    })
    .run()?;
    Ok(())
}
