//! L'interface iced. Les écrans demandent, le domaine décide, le store enregistre.

pub mod app;
pub mod defilement;
pub mod dialogues;
pub mod ecrans;
pub mod focalisable;
pub mod hors_des_champs;
pub mod raccourcis;
pub mod racine;
pub mod tache;
pub mod theme;
pub mod widgets;

use crate::services::espace::Espace;

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

/// Ouvre la fenêtre sur l'espace de données donné : la porte d'abord (premier compte ou
/// connexion), puis l'application du compte connecté.
pub fn lancer(espace: Espace) -> Result<(), ErreurFenetre> {
    let aujourdhui = chrono::Local::now().date_naive();
    precharger_polices();
    Espace::precharger_referentiel();
    // La taille de la fenêtre est en points logiques : à 200 % de texte, une fenêtre de
    // 1 280 × 800 pixels en fait 640 × 400.
    let echelle = crate::services::preferences::lire_affichage(&espace.dossier).echelle;
    let depart = std::sync::Mutex::new(Some(espace.clone()));
    iced::application(
        move || {
            // iced démarre l'application une seule fois.
            let espace = depart
                .lock()
                .ok()
                .and_then(|mut s| s.take())
                .unwrap_or_else(|| espace.clone());
            racine::Racine::new(espace, aujourdhui)
        },
        racine::Racine::update,
        racine::Racine::view,
    )
    .title(racine::Racine::titre)
    .theme(racine::Racine::theme)
    .scale_factor(racine::Racine::echelle)
    .subscription(racine::Racine::subscription)
    .font(POLICE)
    .font(POLICE_GRASSE)
    .default_font(iced::Font::with_name(NOM_POLICE))
    .window(iced::window::Settings {
        size: iced::Size::new(1280.0 / echelle, 800.0 / echelle),
        exit_on_close_request: false,
        icon: icone(),
        ..iced::window::Settings::default()
    })
    .run()?;
    Ok(())
}

/// Les polices du système recensées sur un autre fil dès le lancement : le moteur de
/// texte les parcourt toutes (dossiers de polices du poste) avant le premier texte disposé,
/// pendant que la fenêtre se crée et que le mot de passe se vérifie.
pub fn precharger_polices() {
    let _ = std::thread::Builder::new()
        .name("polices".into())
        .spawn(|| drop(iced::advanced::graphics::text::font_system().read()));
}

/// L'icône de la fenêtre (barre des tâches, Alt+Tab) : le PNG de 64 px embarqué, décodé.
fn icone() -> Option<iced::window::Icon> {
    const PNG: &[u8] = include_bytes!("../../assets/icones/binome-64.png");
    let mut lecteur = png::Decoder::new(std::io::Cursor::new(PNG))
        .read_info()
        .ok()?;
    let mut pixels = vec![0; lecteur.output_buffer_size()?];
    let info = lecteur.next_frame(&mut pixels).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    pixels.truncate(info.buffer_size());
    iced::window::icon::from_rgba(pixels, info.width, info.height).ok()
}

#[cfg(test)]
mod essais {
    #[test]
    fn l_icone_de_la_fenetre_se_decode() {
        assert!(super::icone().is_some());
    }
}
