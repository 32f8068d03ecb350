//! À faire : ce qui demande une action maintenant, du plus urgent au moins urgent.

use iced::widget::{button, column, row, scrollable, text};
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
    /// Flèches : le focus passe à la ligne suivante (vrai) ou précédente.
    Focus(bool),
    /// Aller à l'échange avec le binôme (un paquet attend d'être envoyé).
    Echange,
    /// Un jeune en cotraitance.
    Jeune(Uuid),
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
        | Alerte::DiagnosticAActualiser { .. }
        | Alerte::ConflitARevoir { .. }
        | Alerte::AccordAttendu { .. } => return None,
    })
}

/// Ce que dit l'alerte ; une action échue se nomme par son titre (s'il peut l'être).
fn libelle(session: &Session, r: &crate::domain::echeances::Resume, a: &Alerte) -> String {
    match (a, session.titre_action(r)) {
        (Alerte::ActionEchue { numero, echeance }, Some(titre)) => format!(
            "Action n° {numero} — {titre}, échue le {}",
            crate::domain::date::date_fr(*echeance)
        ),
        _ => a.libelle(),
    }
}

/// Les familles d'alertes, dans l'ordre où on les traite.
const FAMILLES: [(&str, &str); 10] = [
    ("accord_attendu", "Accords attendus du binôme"),
    ("conflit", "Conflits du binôme à revoir"),
    ("terme_depasse", "Termes dépassés"),
    ("fin_de_terme", "Fins d'accompagnement proches"),
    ("reconduction", "Reconductions à décider"),
    ("fiche_sans_retour", "Fiches de liaison sans retour"),
    ("point_intermediaire", "Points d'échanges"),
    ("action_echue", "Actions du carnet échues"),
    ("diagnostic_a_actualiser", "Diagnostics à actualiser"),
    ("sans_contact", "Sans contact"),
];

/// Une ligne : sa gravité, qui, ce qui attend ; Entrée (ou un clic) l'ouvre, les flèches
/// passent à la voisine.
fn ligne<'a>(gravite: &'a str, qui: String, quoi: String, ouvrir: Message) -> Element<'a, Message> {
    let contenu = row![
        text(gravite).size(TAILLE_TEXTE).width(Length::Fixed(130.0)),
        column![text(qui).size(TAILLE_TEXTE), text(quoi).size(13)]
            .spacing(2)
            .width(Length::Fill),
        text("Ouvrir ›").size(TAILLE_TEXTE),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    crate::ui::focalisable::Focalisable::new(
        button(contenu)
            .on_press(ouvrir.clone())
            .padding([6, 8])
            .width(Length::Fill)
            .style(crate::ui::theme::secondaire),
    )
    .activer(Some(ouvrir))
    .parcourir(Some(Message::Focus(false)), Some(Message::Focus(true)))
    .into()
}

pub fn view(session: &Session) -> Element<'_, Message> {
    let items = session.a_faire();
    let mut liste = column![].spacing(6);
    let paquets: Vec<_> = session.paquets_a_envoyer().collect();
    if !paquets.is_empty() {
        liste = liste.push(widgets::sous_titre(format!(
            "Paquets à envoyer au binôme ({})",
            paquets.len()
        )));
        for p in &paquets {
            let ligne = row![
                text("⚠ À traiter")
                    .size(TAILLE_TEXTE)
                    .width(Length::Fixed(130.0)),
                text(format!(
                    "Pour {} : {} dossier(s) ont changé depuis le dernier paquet envoyé",
                    p.carte.carte.nom, p.a_envoyer
                ))
                .size(TAILLE_TEXTE)
                .width(Length::Fill),
                text("Envoyer ›").size(TAILLE_TEXTE),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            liste = liste.push(
                crate::ui::focalisable::Focalisable::new(
                    button(ligne)
                        .on_press(Message::Echange)
                        .padding([6, 8])
                        .width(Length::Fill)
                        .style(crate::ui::theme::secondaire),
                )
                .activer(Some(Message::Echange))
                .parcourir(Some(Message::Focus(false)), Some(Message::Focus(true))),
            );
        }
    }
    let jeunes = session.jeunes_a_faire();
    if !jeunes.is_empty() {
        liste = liste.push(widgets::sous_titre(format!(
            "Jeunes en cotraitance ({})",
            jeunes.len()
        )));
        for (l, a) in jeunes.iter().cloned() {
            liste = liste.push(ligne(
                "⚠ À traiter",
                l.jeune.clone(),
                a,
                Message::Jeune(l.id),
            ));
        }
    }
    if items.is_empty() && paquets.is_empty() && jeunes.is_empty() {
        liste = liste.push(widgets::information(
            "Rien d'urgent : aucun terme proche, aucune fiche en attente, aucun dossier sans contact.",
        ));
    }
    // Regroupées par famille, chacune avec son nombre ; dans une famille, de la plus urgente
    // à la moins urgente.
    for (code, titre) in FAMILLES {
        let famille: Vec<_> = items.iter().filter(|(_, a)| a.code() == code).collect();
        if famille.is_empty() {
            continue;
        }
        liste = liste.push(widgets::sous_titre(format!("{titre} ({})", famille.len())));
        for (r, a) in famille {
            liste = liste.push(ligne(
                a.gravite().libelle(),
                format!("{} {}", r.nom.to_uppercase(), r.prenom),
                libelle(session, r, a),
                Message::Ouvrir(r.id, formulaire_pour(a)),
            ));
        }
    }
    column![
        widgets::titre(format!("À faire — {}", items.len() + jeunes.len())),
        // La barre de défilement ne recouvre pas les lignes.
        scrollable(liste.padding(iced::Padding::ZERO.right(14))).height(Length::Fill),
    ]
    .spacing(12)
    .padding(16)
    .into()
}
