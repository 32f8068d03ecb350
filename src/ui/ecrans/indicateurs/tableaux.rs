//! Les tableaux de l'annexe 7, un onglet chacun ; chaque nombre se clique pour lister
//! ceux de ses dossiers qui y sont comptés.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Theme};

use super::Message;
use crate::domain::indicateurs::tableaux::Tableau;
use crate::domain::indicateurs::Case;
use crate::ui::widgets;

/// La barre d'onglets, puis le tableau choisi ; le détail d'une case cliquée s'ouvre sous
/// sa ligne (sous le tableau si elle n'est pas dans l'onglet affiché).
pub fn vue<'a>(
    tabs: Vec<Tableau>,
    onglet: usize,
    ouvert: Option<(&Case, Element<'a, Message>)>,
) -> Element<'a, Message> {
    let mut onglets = row![].spacing(4);
    for (i, tab) in tabs.iter().enumerate() {
        onglets = onglets.push(crate::ui::widgets::au_clavier(
            button(text(tab.feuille).size(13))
                .on_press(Message::Onglet(i))
                .padding([4, 8])
                .style(if i == onglet {
                    button::primary
                } else {
                    crate::ui::theme::secondaire
                }),
            Some(Message::Onglet(i)),
        ));
    }
    // La barre de défilement sous les onglets, pas sur eux.
    let mut c = column![
        scrollable(onglets).direction(scrollable::Direction::Horizontal(
            scrollable::Scrollbar::new().spacing(4),
        ))
    ]
    .spacing(12);
    let mut reste = ouvert;
    if let Some(tab) = tabs.into_iter().nth(onglet) {
        let (tableau, r) = vue_tableau(tab, reste);
        c = c.push(tableau);
        reste = r;
    }
    if let Some((_, detail)) = reste {
        c = c.push(detail);
    }
    c.into()
}

/// Le tableau, et le détail ouvert s'il n'a pas trouvé sa ligne.
fn vue_tableau<'a, 'b>(
    tab: Tableau,
    mut ouvert: Option<(&'b Case, Element<'a, Message>)>,
) -> (
    Element<'a, Message>,
    Option<(&'b Case, Element<'a, Message>)>,
) {
    const LARGEUR: f32 = 118.0;
    let largeur_totale = tab.entetes.len() as f32 * (LARGEUR + 2.0) + 60.0;
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
                    crate::ui::widgets::au_clavier(
                        button(t)
                            .on_press(Message::Case(c.clone(), libelle.clone()))
                            .padding([2, 4])
                            .style(button::text)
                            .width(Length::Fixed(largeur)),
                        Some(Message::Case(c.clone(), libelle)),
                    )
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
        let ici = ouvert
            .as_ref()
            .is_some_and(|(case, _)| l.cases.iter().any(|c| c.as_ref() == Some(*case)));
        if ici {
            if let Some((_, detail)) = ouvert.take() {
                lignes = lignes.push(container(detail).width(Length::Fixed(largeur_totale)));
            }
        }
    }
    if tab.lignes.is_empty() {
        lignes = lignes.push(text("Aucune ligne sur cette période.").size(13));
    }
    let carte = widgets::carte(
        column![
            text(tab.titre.clone()).size(16),
            scrollable(lignes).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::new().spacing(4)
            )),
        ]
        .spacing(6),
    );
    (carte, ouvert)
}
