//! La fiche détaillée d'une ressource : coordonnées, horaires, ouvert maintenant, copier,
//! imprimer pour la personne, prescrire, modifier ou archiver, historique.

use iced::widget::{column, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::{EcranRessources, Message};
use crate::domain::date::date_fr;
use crate::domain::ressources::Ressource;
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

impl EcranRessources {
    pub(super) fn vue_detail<'a>(
        &'a self,
        r: &'a Ressource,
        session: &'a Session,
    ) -> Element<'a, Message> {
        let mut c = column![
            row![
                widgets::sous_titre(r.nom.as_str()),
                iced::widget::Space::new().width(Length::Fill),
                widgets::bouton("Fermer", Some(Message::FermerDetail)),
            ]
            .align_y(Alignment::Center),
            text(r.structure.as_str()).size(TAILLE_TEXTE),
        ]
        .spacing(6);
        if r.archivee {
            c = c.push(widgets::information(
                "Ressource archivée : elle ne sort plus dans les recherches.",
            ));
        }
        c = c.push(text(r.description.as_str()).size(13));
        c = c.push(widgets::ligne(
            "Répond à",
            r.libelles_cibles(session.freins()).join(" ; "),
        ));
        let publics = r.libelles_publics();
        if !publics.is_empty() {
            c = c.push(widgets::ligne("Public", publics.join(" ; ")));
        }
        c = c.push(widgets::ligne("Accès", r.modalite.libelle().into()));
        c = c.push(widgets::ligne(
            "Adresse",
            format!(
                "{} {} {}",
                r.adresse,
                r.code_postal,
                r.nom_commune(session.referentiel())
            )
            .trim()
            .to_string(),
        ));
        c = c.push(widgets::ligne(
            "Horaires",
            r.horaires.en_francais().join("\n"),
        ));
        if let Some(o) = r.horaires.ouvert(session.maintenant()) {
            c = c.push(
                text(if o {
                    "● Ouvert maintenant"
                } else {
                    "○ Fermé maintenant"
                })
                .size(13),
            );
        }
        for (l, v) in [
            ("Téléphone", &r.telephone),
            ("Courriel", &r.courriel),
            ("Site", &r.site),
        ] {
            if !v.is_empty() {
                c = c.push(widgets::ligne(l, v.clone()));
            }
        }
        c = c.push(
            text(format!(
                "Mise à jour le {} ({})",
                date_fr(r.date_maj),
                if r.source == crate::domain::ressources::SOURCE_LOCALE {
                    "saisie Binôme".to_string()
                } else {
                    format!("source {} : {}", r.source, r.source_id)
                }
            ))
            .size(12),
        );
        let mut actions = row![
            widgets::bouton("Copier les coordonnées", Some(Message::Copier)),
            widgets::bouton("Imprimer la fiche", Some(Message::ImprimerFiche)),
        ]
        .spacing(8);
        if self.fiche_imprimee.is_some() {
            actions = actions.push(widgets::bouton(
                "Ouvrir la fiche",
                Some(Message::OuvrirFiche),
            ));
        }
        c = c.push(actions.wrap());
        if let Some(chemin) = &self.fiche_a_remplacer {
            c = c.push(widgets::remplacer(
                chemin,
                Message::RemplacerFiche,
                Message::GarderFiche,
                "Garder la fiche existante",
            ));
        }
        if self.prescription.is_some() && !r.archivee {
            c = c.push(widgets::bouton_principal(
                "Prescrire cette ressource".into(),
                Some(Message::Prescrire(r.id)),
            ));
        }
        if Self::habilite(session) {
            c = c.push(
                row![
                    widgets::bouton("Modifier", Some(Message::Modifier)),
                    if r.archivee {
                        widgets::bouton("Restaurer", Some(Message::Archiver(false)))
                    } else {
                        widgets::bouton("Archiver", Some(Message::Archiver(true)))
                    },
                ]
                .spacing(8),
            );
        }
        if !self.historique.is_empty() {
            c = c.push(text("Historique").size(TAILLE_TEXTE));
            for m in self.historique.iter().rev().take(5) {
                c = c.push(
                    text(format!(
                        "{} — {} — {}",
                        horodatage_fr(&m.date),
                        m.action,
                        m.auteur
                    ))
                    .size(12),
                );
            }
        }
        scrollable(widgets::carte(c)).into()
    }
}

/// « 2026-11-23T10:12:00.000Z » → « 23/11/2026 ».
fn horodatage_fr(h: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(h)
        .map(|d| date_fr(d.with_timezone(&chrono::Local).date_naive()))
        .unwrap_or_else(|_| h.to_string())
}
