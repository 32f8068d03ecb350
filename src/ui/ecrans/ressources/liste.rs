//! La liste des ressources trouvées, de la plus proche à la plus lointaine quand la
//! recherche porte sur une commune.

use iced::widget::{button, column, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::{EcranRessources, Message};
use crate::domain::ressources::recherche::distance_fr;
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

impl EcranRessources {
    /// La liste ; `defilante` quand elle a sa propre zone de défilement (sinon la page
    /// entière défile).
    pub(super) fn liste<'a>(
        &'a self,
        session: &'a Session,
        defilante: bool,
    ) -> Element<'a, Message> {
        let r = &self.resultats;
        if r.total == 0 {
            let conseils = self.criteres.conseils();
            let message = if !conseils.is_empty() {
                format!(
                    "Aucune ressource ne correspond. Pour élargir : {}.",
                    conseils.join(" ; ")
                )
            } else if Self::habilite(session) {
                "La base de ressources est vide : importez un export data·inclusion ou le modèle CSV de Binôme (« Importer ou exporter… », en haut), ou saisissez une fiche (« Nouvelle ressource »).".to_string()
            } else {
                format!(
                    "La base de ressources est vide. Un gestionnaire des ressources la remplit par « Importer ou exporter… » (export data·inclusion ou modèle CSV) ou fiche par fiche. {}",
                    super::PROFIL
                )
            };
            return column![text(widgets::insecables(&message)).size(TAILLE_TEXTE)].into();
        }
        let mut c = column![text(format!(
            "{} ressource(s){}{}",
            r.total,
            if r.total > r.trouvees.len() {
                format!(
                    " — les {} premières affichées, précisez la recherche",
                    r.trouvees.len()
                )
            } else {
                String::new()
            },
            if self.criteres.autour.is_some() {
                " — de la plus proche à la plus lointaine"
            } else {
                ""
            }
        ))
        .size(13)]
        .spacing(4);
        for t in &r.trouvees {
            let x = &t.ressource;
            let mut details = vec![
                x.structure.clone(),
                x.nom_commune(session.referentiel()).to_string(),
            ];
            if let Some(d) = t.distance_km {
                details.push(distance_fr(d));
            }
            match t.ouverte {
                Some(true) => details.push("ouvert".into()),
                Some(false) => details.push("fermé".into()),
                None => {}
            }
            let choisi = self.detail.as_ref().is_some_and(|d| d.id == x.id);
            let mut ligne = row![widgets::au_clavier(
                button(
                    column![
                        text(x.nom.as_str()).size(TAILLE_TEXTE),
                        text(details.join(" — ")).size(12)
                    ]
                    .spacing(2)
                )
                .on_press(Message::Choisir(x.id))
                .width(Length::Fill)
                .style(if choisi {
                    button::primary
                } else {
                    button::text
                }),
                Some(Message::Choisir(x.id))
            )]
            .spacing(8)
            .align_y(Alignment::Center);
            if self.prescription.is_some() {
                ligne = ligne.push(widgets::bouton("Prescrire", Some(Message::Prescrire(x.id))));
            }
            c = c.push(ligne);
        }
        if r.sans_coordonnees > 0 {
            c = c.push(
                text(format!(
                    "{} ressource(s) sans adresse localisable n'entrent pas dans une recherche par distance.",
                    r.sans_coordonnees
                ))
                .size(12),
            );
        }
        if defilante {
            scrollable(c).height(Length::Fill).into()
        } else {
            c.into()
        }
    }
}
