//! Les tableaux de l'annexe 7, un onglet chacun ; chaque nombre se clique pour lister
//! ceux de ses dossiers qui y sont comptés.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Theme};

use super::Message;
use crate::domain::indicateurs::tableaux::Tableau;
use crate::ui::widgets;

/// La barre d'onglets, puis le tableau choisi.
pub fn vue<'a>(tabs: Vec<Tableau>, onglet: usize) -> Element<'a, Message> {
    let mut onglets = row![].spacing(4);
    for (i, tab) in tabs.iter().enumerate() {
        onglets = onglets.push(
            button(text(tab.feuille).size(13))
                .on_press(Message::Onglet(i))
                .padding([4, 8])
                .style(if i == onglet {
                    button::primary
                } else {
                    crate::ui::theme::secondaire
                }),
        );
    }
    let mut c = column![
        scrollable(onglets).direction(scrollable::Direction::Horizontal(
            scrollable::Scrollbar::new(),
        ))
    ]
    .spacing(12);
    if let Some(tab) = tabs.into_iter().nth(onglet) {
        c = c.push(vue_tableau(tab));
    }
    c.into()
}

fn vue_tableau<'a>(tab: Tableau) -> Element<'a, Message> {
    const LARGEUR: f32 = 118.0;
    let mut entete = row![].spacing(2);
    for (i, e) in tab.entetes.iter().enumerate() {
        let l = if i < 2 { LARGEUR + 30.0 } else { LARGEUR };
        entete = entete.push(text(e.clone()).size(12).width(Length::Fixed(l)));
    }
    let mut lignes = column![entete].spacing(2);
    for (n, l) in tab.lignes.iter().enumerate() {
        let mut r = row![].spacing(2).align_y(Alignment::Center);
        for (i, (v, case)) in l.valeurs.iter().zip(&l.cases).enumerate() {
            let largeur = if i < 2 { LARGEUR + 30.0 } else { LARGEUR };
            let t = text(v.texte()).size(13);
            let cellule: Element<'_, Message> = match case {
                Some(c) => {
                    let libelle = format!(
                        "{} — {} — {}",
                        tab.entetes.get(i).map_or("", String::as_str),
                        l.valeurs[0].texte(),
                        l.valeurs[1].texte()
                    );
                    button(t)
                        .on_press(Message::Case(c.clone(), libelle))
                        .padding([2, 4])
                        .style(button::text)
                        .width(Length::Fixed(largeur))
                        .into()
                }
                None => container(t)
                    .padding([2, 4])
                    .width(Length::Fixed(largeur))
                    .into(),
            };
            r = r.push(cellule);
        }
        let fond = n % 2 == 1;
        lignes = lignes.push(container(r).style(move |t: &Theme| {
            if fond {
                container::Style {
                    background: Some(t.extended_palette().background.weak.color.into()),
                    ..container::Style::default()
                }
            } else {
                container::Style::default()
            }
        }));
    }
    if tab.lignes.is_empty() {
        lignes = lignes.push(text("Aucune ligne sur cette période.").size(13));
    }
    widgets::carte(
        column![
            text(tab.titre.clone()).size(16),
            scrollable(lignes).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::new()
            )),
        ]
        .spacing(6),
    )
}
