//! L'en-tête du dossier (identité, modalité, état, dates, binôme, alertes), le bouton de
//! l'étape suivante, et les actions que le domaine permet : une action impossible est
//! grisée et sa raison est écrite (le domaine la donne).

use iced::widget::{column, row, text};
use iced::{Alignment, Element, Length};

use super::formulaire::Formulaire;
use super::{impression, Message};
use crate::domain::date::{date_fr, duree_jours};
use crate::domain::dossier::possibles::Rubrique;
use crate::domain::dossier::{Dossier, Etape, Possibilite};
use crate::domain::echeances::alertes;
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub fn entete<'a>(
    d: &'a Dossier,
    session: &'a Session,
    echange: Option<&crate::services::echange::EtatDossier>,
) -> Element<'a, Message> {
    let p = &d.personne;
    let reste = d
        .terme()
        .filter(|_| matches!(d.etape(), Etape::Accompagnement | Etape::SocialExclusif))
        .map(|f| duree_jours((f - session.aujourdhui()).num_days()));
    let referent = match (&d.referent, &d.designation) {
        (Some(m), _) => m.nom.clone(),
        (None, Some(x)) => format!("référent à désigner par {}", x.nom_structure),
        (None, None) => "référent à désigner".into(),
    };
    let binome = format!(
        "{} · {referent}",
        d.conseiller
            .as_ref()
            .map_or("conseiller à désigner", |m| m.nom.as_str()),
    );
    let alertes: Vec<String> = alertes(
        &d.resume(),
        session.aujourdhui(),
        &session.preferences().echeances,
    )
    .iter()
    .map(|a| format!("{} — {}", a.gravite().libelle(), a.libelle()))
    .collect();
    // La barre du parcours : chaque étape de l'annexe 2, faite, en cours ou à venir.
    let mut barre = row![].spacing(14);
    for (libelle, etat) in d.jalons() {
        use crate::domain::dossier::EtatJalon;
        let t = text(format!("{} {libelle}", etat.symbole())).size(13);
        barre = barre.push(match etat {
            EtatJalon::EnCours => t.style(text::primary).font(iced::Font {
                weight: iced::font::Weight::Bold,
                ..iced::Font::with_name(crate::assets::NOM_POLICE)
            }),
            EtatJalon::SansObjet => t.style(|th: &iced::Theme| text::Style {
                color: Some(crate::ui::theme::attenue(th)),
            }),
            _ => t,
        });
    }
    let mut c = column![
        barre.wrap().vertical_spacing(4),
        row![
            widgets::bouton("‹ Portefeuille", Some(Message::Retour)),
            widgets::titre(format!(
                "{} {} {}",
                p.civilite.abreviation(),
                p.nom.to_uppercase(),
                p.prenom
            )),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
        row![
            column![
                widgets::ligne("Identifiant FT", p.identifiant_ft.to_string()),
                widgets::ligne("Modalité", d.modalite.libelle().to_string()),
                widgets::ligne("État", format!("● {}", d.etape().libelle())),
                widgets::ligne("Binôme", binome),
                widgets::ligne(
                    "Échange",
                    echange.map_or_else(
                        || "sans carte du partenaire : rien ne s'échange".into(),
                        |e| e.libelle()
                    )
                ),
                widgets::ligne("Situation", situation(d, session)),
            ]
            .spacing(4)
            .width(Length::Fixed(420.0)),
            column![
                widgets::ligne("Ouverture", date_fr(d.date_ouverture)),
                widgets::ligne(
                    "Entrée",
                    d.entree.map(date_fr).unwrap_or_else(|| "—".into())
                ),
                widgets::ligne(
                    "Terme",
                    d.terme().map(date_fr).unwrap_or_else(|| "—".into())
                ),
                widgets::ligne("Reste", reste.unwrap_or_else(|| "—".into())),
            ]
            .spacing(4)
            .width(Length::Fixed(420.0)),
        ]
        .spacing(20)
        // À 200 % de texte, la seconde colonne passe sous la première au lieu d'écraser les
        // valeurs.
        .wrap()
        .vertical_spacing(4),
    ]
    .spacing(10);
    for a in alertes {
        c = c.push(text(a).size(TAILLE_TEXTE).style(text::warning));
    }
    c = c.push(widgets::bouton(
        "Changer la situation (adresse, commune, RSA, enfant, agence…)",
        d.cloture.is_none().then_some(Message::Situation),
    ));
    let suite = d.suite();
    // Terme dépassé : l'étape suivante est la clôture, pas le suivi.
    let depasse = d.cloture.is_none() && d.terme().is_some_and(|t| t < session.aujourdhui());
    if depasse {
        c = c.push(widgets::bouton_principal(
            "Étape suivante : Clôturer le dossier (terme dépassé)".into(),
            Some(Message::Ouvrir(Formulaire::Cloture)),
        ));
    } else if let Some(f) = Formulaire::de_la_suite(suite) {
        c = c.push(widgets::bouton_principal(
            format!("Étape suivante : {}", suite.libelle()),
            Some(Message::Ouvrir(f)),
        ));
    }
    widgets::carte(c)
}

/// Commune, agence, RSA, enfant mineur : ce qui oriente la désignation et les indicateurs.
fn situation(d: &Dossier, session: &Session) -> String {
    let p = &d.personne;
    let r = session.referentiel();
    let commune = r
        .commune(p.commune.as_str())
        .map_or(p.commune.to_string(), |c| c.nom.to_string());
    let agence = r.structures.nom(&p.agence).unwrap_or(&p.agence);
    let mut v = vec![commune, agence.to_string()];
    if p.brsa {
        v.push("RSA".into());
    }
    if p.enfant_mineur {
        v.push("enfant mineur".into());
    }
    v.join(" · ")
}

/// Les documents du dossier ; clôturé, ce qu'il en reste à faire (les imprimer).
/// `effacable` : l'utilisateur suit la personne et peut demander l'effacement de ses données.
pub fn documents<'a>(d: &'a Dossier, effacable: bool) -> Element<'a, Message> {
    let mut documents = row![].spacing(8);
    for m in impression::disponibles(d) {
        documents = documents.push(widgets::bouton(
            format!("Imprimer : {}", m.libelle()),
            Some(Message::Impression(impression::Message::Preparer(m))),
        ));
    }
    documents = documents.push(widgets::bouton(
        "Données de la personne…",
        Some(Message::Impression(impression::Message::PreparerReleve)),
    ));
    let documents = column![
        text("Documents (Ctrl+P : le document de l'étape)").size(TAILLE_TEXTE),
        documents.wrap(),
    ]
    .spacing(8);
    // Un dossier clôturé n'a plus d'actions : ses documents, et sa chronologie plus bas.
    match &d.cloture {
        Some(c) => {
            let mut carte = column![
                widgets::sous_titre("Dossier clôturé"),
                text(format!(
                    "Clôturé le {} : {}. Seuls ses documents restent à imprimer ; une clôture enregistrée par erreur se rectifie depuis la chronologie.",
                    date_fr(c.date),
                    c.motif.libelle()
                ))
                .size(TAILLE_TEXTE),
                documents,
            ]
            .spacing(8);
            if effacable {
                carte = carte.push(widgets::bouton(
                    "Effacer à la demande de la personne…",
                    Some(Message::Effacement(super::effacement::Message::Ouvrir)),
                ));
            }
            widgets::carte(carte)
        }
        None => widgets::carte(documents),
    }
}

/// Les actions d'une rubrique, à sa place dans le dossier : seules les possibles sont des
/// boutons ; les autres sont dites, regroupées sous la raison qui les empêche. Rien pour un
/// dossier clôturé.
pub fn actions_de<'a>(
    d: &Dossier,
    possibles: &[Possibilite],
    rubrique: Rubrique,
) -> Option<Element<'a, Message>> {
    if d.cloture.is_some() {
        return None;
    }
    let mut boutons = row![].spacing(8);
    let mut n = 0;
    let mut raisons: Vec<(String, Vec<String>)> = Vec::new();
    for p in possibles
        .iter()
        .filter(|p| p.intention.rubrique() == rubrique)
    {
        let f = p.intention;
        match p.refus.as_ref().map(|r| r.to_string()) {
            None => {
                n += 1;
                boutons = boutons.push(widgets::bouton(f.titre(), Some(Message::Ouvrir(f))));
            }
            Some(r) => match raisons.iter_mut().find(|(m, _)| *m == r) {
                Some((_, v)) => v.push(f.titre()),
                None => raisons.push((r, vec![f.titre()])),
            },
        }
    }
    if n == 0 && raisons.is_empty() {
        return None;
    }
    let mut c = column![].spacing(4);
    if n > 0 {
        c = c.push(boutons.wrap());
    }
    for (raison, actions) in raisons {
        c = c.push(
            text(format!(
                "Pas possible maintenant — {} : {raison}",
                actions.join(", ")
            ))
            .size(12),
        );
    }
    Some(c.into())
}
