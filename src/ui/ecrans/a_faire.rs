//! À faire : ce qui demande une action maintenant, du plus urgent au moins urgent.

use iced::widget::{button, checkbox, column, row, scrollable, text, Space};
use iced::{Alignment, Element, Length};
use uuid::Uuid;

use crate::domain::echeances::Alerte;
use crate::services::session::Session;
use crate::ui::ecrans::dossier::formulaire::Formulaire;
use crate::ui::widgets::{self, TAILLE_TEXTE};

#[derive(Debug, Clone)]
pub enum Message {
    /// Le dossier, et le formulaire qui traite l'alerte quand il y en a un.
    Ouvrir(Uuid, Option<Formulaire>),
    /// Les alertes de tous les dossiers du poste, ou des siens.
    TousLesDossiers(bool),
}

/// Le formulaire qui répond à une alerte : le dossier s'ouvre à cet endroit.
pub fn formulaire_pour(a: &Alerte) -> Option<Formulaire> {
    Some(match *a {
        Alerte::TermeDepasse { .. } => Formulaire::Cloture,
        Alerte::ReconductionADecider { .. } => Formulaire::Reconduction,
        Alerte::FicheSansRetour { numero, .. } => Formulaire::RetourFiche(numero),
        Alerte::SansContact { .. } => Formulaire::Contact,
        Alerte::PointIntermediaire { numero, .. } => Formulaire::TenirPoint(Some(numero)),
        Alerte::FinDeTerme { .. }
        | Alerte::ActionEchue { .. }
        | Alerte::DiagnosticAActualiser { .. } => return None,
    })
}

pub fn view(session: &Session) -> Element<'_, Message> {
    let items = session.a_faire();
    let mut liste = column![].spacing(6);
    if items.is_empty() {
        liste = liste.push(widgets::information(
            "Rien d'urgent : aucun terme proche, aucune fiche en attente, aucun dossier sans contact.",
        ));
    }
    for (r, a) in &items {
        let ligne = row![
            text(a.gravite().libelle())
                .size(TAILLE_TEXTE)
                .width(Length::Fixed(130.0)),
            text(format!("{} {}", r.nom.to_uppercase(), r.prenom))
                .size(TAILLE_TEXTE)
                .width(Length::Fixed(230.0)),
            text(a.libelle()).size(TAILLE_TEXTE).width(Length::Fill),
            text("Ouvrir ›").size(TAILLE_TEXTE),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        liste = liste.push(
            button(ligne)
                .on_press(Message::Ouvrir(r.id, formulaire_pour(a)))
                .padding([6, 8])
                .width(Length::Fill)
                .style(button::secondary),
        );
    }
    column![
        row![
            widgets::titre(format!("À faire — {}", items.len())),
            Space::new().width(Length::Fill),
            checkbox(session.tous_les_dossiers())
                .label("Tous les dossiers de ce poste")
                .on_toggle(Message::TousLesDossiers)
                .text_size(TAILLE_TEXTE),
        ]
        .align_y(Alignment::Center),
        scrollable(liste).height(Length::Fill),
    ]
    .spacing(12)
    .padding(16)
    .into()
}
