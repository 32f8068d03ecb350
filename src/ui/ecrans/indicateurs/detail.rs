//! Le détail d'un nombre cliqué : ceux des dossiers confiés à l'utilisateur (les siens et
//! ceux qui lui sont délégués) qui y sont comptés, à ouvrir d'un clic ; les autres dossiers
//! de la base ne sont pas listés.

use iced::widget::{button, column, row, text, Space};
use iced::{Alignment, Element, Length, Task};
use uuid::Uuid;

use super::Message;
use crate::domain::indicateurs::{Bornes, Case};
use crate::services::indicateurs::dossiers_comptes;
use crate::services::session::Session;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

/// Cherche, hors de la fenêtre, ceux de ses dossiers comptés dans la case.
pub fn chercher(session: &Session, bornes: Bornes, case: Case, libelle: String) -> Task<Message> {
    // Le portefeuille de la session ne contient que les dossiers confiés.
    let miens: Vec<(Uuid, String)> = session
        .portefeuille()
        .iter()
        .map(|r| {
            (
                r.id,
                format!(
                    "{} {} ({})",
                    r.nom.to_uppercase(),
                    r.prenom,
                    r.identifiant_ft
                ),
            )
        })
        .collect();
    let poste = session.poste();
    en_fond(
        move || {
            let ids: Vec<Uuid> = miens.iter().map(|(id, _)| *id).collect();
            let comptes = dossiers_comptes(&poste, &ids, bornes, &case)?;
            Ok(miens
                .into_iter()
                .filter(|(id, _)| comptes.contains(id))
                .collect())
        },
        move |r| Message::Detail(libelle, r),
    )
}

pub fn vue<'a>(libelle: &'a str, dossiers: &'a [(Uuid, String)]) -> Element<'a, Message> {
    let mut liste = column![row![
        text(format!("{libelle} : {} de vos dossiers", dossiers.len())).size(TAILLE_TEXTE),
        Space::new().width(Length::Fill),
        widgets::bouton("Fermer", Some(Message::FermerDetail)),
    ]
    .align_y(Alignment::Center)]
    .spacing(4);
    if dossiers.is_empty() {
        liste = liste.push(
            text(
                "Aucun de vos dossiers n'est compté ici (les autres dossiers de la base ne sont pas listés).",
            )
            .size(13),
        );
    }
    for (id, nom) in dossiers {
        liste = liste.push(widgets::au_clavier(
            button(text(format!("{nom}  — Ouvrir ›")).size(TAILLE_TEXTE))
                .on_press(Message::Ouvrir(*id))
                .style(button::text),
            Some(Message::Ouvrir(*id)),
        ));
    }
    widgets::carte(liste)
}
