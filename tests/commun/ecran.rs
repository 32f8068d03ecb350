//! Outils des tests de l'interface : une session sur un dossier de données, une
//! démonstration ouverte par un conseiller, un simulateur de fenêtre sans carte graphique.

use binome::assets::{POLICE, POLICE_GRASSE};
use binome::domain::freins::Freins;
use binome::domain::structures::Referentiel;
use binome::services::demo;
use binome::services::espace::Espace;
use binome::services::session::Session;
use binome::ui::app::{App, Message};
use iced::{Font, Settings};
use iced_test::selector::{Candidate, Selector, Text};
use iced_test::Simulator;

use super::j;

/// La fenêtre, 1 280 px de large et `hauteur` de haut, avec la police de l'application.
pub fn simulateur_de(app: &App, hauteur: f32) -> Simulator<'_, Message> {
    simulateur_taille(app, 1280.0, hauteur)
}

/// La fenêtre à une taille logique donnée : 640 × 450 est une fenêtre de 1 280 × 900 dont
/// le texte est à 200 %.
pub fn simulateur_taille(app: &App, largeur: f32, hauteur: f32) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings {
            fonts: vec![POLICE.into(), POLICE_GRASSE.into()],
            default_font: Font::with_name("DejaVu Sans"),
            ..Settings::default()
        },
        (largeur, hauteur),
        app.view(),
    )
}

pub fn session(dir: &std::path::Path) -> Session {
    Session::ouvrir(
        Espace {
            dossier: dir.to_path_buf(),
        },
        super::acces(dir),
        j("23/11/2026"),
    )
    .expect("session")
}

/// La démonstration de `dossiers` dossiers, ouverte par son utilisateur (le conseiller qui
/// en suit la plus grande part).
pub fn app_demo(dir: &std::path::Path, dossiers: usize) -> App {
    {
        let mut store = super::base(dir);
        demo::generer(
            &mut store,
            demo::Options::new(dossiers, 1, j("23/11/2026")),
            &Referentiel::embarque(),
            &Freins::embarque(),
        )
        .expect("démonstration");
    }
    let mut s = session(dir);
    // L'utilisateur que la démonstration prévoit, comme au premier lancement.
    demo::entrer(&mut s).expect("utilisateur de la démonstration");
    App::new(s)
}

/// Exécute les tâches de fond que rend `update` (impression, démonstration…) et traite leurs
/// messages, comme la fenêtre le ferait.
pub fn executer(app: &mut App, t: iced::Task<Message>) {
    let Some(mut flux) = iced_runtime::task::into_stream(t) else {
        return;
    };
    // Une action à la fois : une opération sur les widgets (focus, défilement) tient le
    // canal de sa tâche ouvert tant qu'elle existe ; sans fenêtre, elle est abandonnée.
    while let Some(a) = iced::futures::executor::block_on(iced::futures::StreamExt::next(&mut flux))
    {
        if let iced_runtime::Action::Output(m) = a {
            let suite = app.update(m);
            executer(app, suite);
        }
    }
}

/// Le texte affiché égal à celui-ci, comme le cherche un `&str`, mais les espaces
/// insécables des messages (après « et devant » : ; ! ?) lues comme des espaces.
pub struct Texte<'a>(pub &'a str);

impl Selector for Texte<'_> {
    type Output = Text;

    fn select(&mut self, candidate: Candidate<'_>) -> Option<Text> {
        match &candidate {
            Candidate::Text { content, .. } if content.replace('\u{a0}', " ") == self.0 => {
                let mut exact: &str = content;
                exact.select(candidate.clone())
            }
            _ => self.0.select(candidate),
        }
    }

    fn description(&self) -> String {
        format!("text == {:?} (espaces insécables comprises)", self.0)
    }
}

/// Un texte affiché qui contient `morceau`, espaces insécables lues comme des espaces.
pub fn contenant(morceau: &str) -> impl Selector<Output = ()> + '_ {
    move |c: Candidate<'_>| match c {
        Candidate::Text { content, .. } if content.replace('\u{a0}', " ").contains(morceau) => {
            Some(())
        }
        _ => None,
    }
}
