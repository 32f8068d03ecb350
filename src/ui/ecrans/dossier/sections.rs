//! Les sections du dossier, dans l'ordre de la convention, et la chronologie : ce qui a
//! été fait, en lecture. Seul le carnet de route a des commandes (statut, ressources).

use std::collections::HashMap;

use iced::widget::{column, row, text, Space};
use iced::{Alignment, Element, Length};

use super::formulaire::{Formulaire, STATUTS};
use super::Message;
use crate::domain::date::date_fr;
use crate::domain::diagnostic::{evolution, Volet};
use crate::domain::dossier::{Dossier, Etape, StatutAction};
use crate::domain::professionnel::Role;
use crate::services::session::Session;
use crate::services::EvenementEnregistre;
use crate::ui::widgets::{self, TAILLE_TEXTE};

/// Un statut d'action dans la liste du carnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoixStatut(pub StatutAction);

impl std::fmt::Display for ChoixStatut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.libelle())
    }
}

pub fn diagnostic<'a>(
    d: &'a Dossier,
    session: &'a Session,
    actions: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Diagnostic partagé")].spacing(6);
    for volet in [Volet::Emploi, Volet::Social] {
        let diags: Vec<_> = d.diagnostics.iter().filter(|x| x.volet == volet).collect();
        match diags.first() {
            None => {
                c = c.push(
                    text(format!("Entretien n°1 {} : à réaliser", volet.libelle()))
                        .size(TAILLE_TEXTE),
                )
            }
            Some(premier) => {
                c = c.push(
                    text(format!(
                        "Entretien n°1 {} le {}",
                        volet.libelle(),
                        date_fr(premier.date)
                    ))
                    .size(TAILLE_TEXTE),
                );
                let dernier = diags.last().copied().unwrap_or(premier);
                if !dernier.synthese.is_empty() {
                    c = c.push(text(format!("Synthèse : {}", dernier.synthese)).size(13));
                }
                // Pendant le diagnostic (et après une réorientation), une ressource se prescrit
                // depuis le besoin lui-même.
                let au_diagnostic = matches!(d.etape(), Etape::Diagnostic | Etape::Reoriente);
                for e in evolution(premier, dernier) {
                    let libelle = session.freins().libelle_evaluation(&e.besoin);
                    let etat = crate::domain::diagnostic::libelle_etat;
                    // Une contrainte sans détail ne dit ni sa situation ni son objectif.
                    let ligne = if session.freins().besoin(&e.besoin).is_none() {
                        format!("• {libelle}")
                    } else if diags.len() > 1 {
                        format!("• {libelle} : {} → {}", etat(e.avant), etat(e.apres))
                    } else {
                        format!("• {libelle} : {}", etat(e.apres))
                    };
                    let mut r = row![text(ligne).size(13).width(Length::Fill)]
                        .spacing(8)
                        .align_y(Alignment::Center);
                    // Une contrainte sans détail (hors du consentement) ne se prescrit pas.
                    if au_diagnostic && session.freins().besoin(&e.besoin).is_some() {
                        r = r.push(widgets::bouton(
                            "Prescrire une ressource",
                            Some(Message::RessourcesAuDiagnostic(e.besoin.clone())),
                        ));
                    }
                    c = c.push(r);
                }
                if diags.len() > 1 {
                    c = c.push(
                        text(format!(
                            "{} diagnostics ; dernier le {}",
                            diags.len(),
                            date_fr(dernier.date)
                        ))
                        .size(12),
                    );
                }
            }
        }
    }
    for p in &d.prescriptions_diagnostic {
        c = c.push(
            text(format!(
                "Ressource prescrite au diagnostic le {} : {}",
                date_fr(p.date),
                p.nom
            ))
            .size(13),
        );
    }
    widgets::carte(avec(c, actions))
}

pub fn fiches<'a>(d: &'a Dossier, actions: Option<Element<'a, Message>>) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Fiches de liaison")].spacing(6);
    if d.fiches.is_empty() {
        c = c.push(text("Aucune fiche de liaison.").size(TAILLE_TEXTE));
    }
    for f in &d.fiches {
        let etat = match (f.envoyee_le, f.retournee_le) {
            (None, _) => "rédigée, non envoyée".to_string(),
            (Some(e), None) => format!("envoyée le {}, en attente du retour", date_fr(e)),
            (Some(e), Some(r)) => format!(
                "envoyée le {}, retournée datée et signée le {}",
                date_fr(e),
                date_fr(r)
            ),
        };
        c = c.push(
            text(format!(
                "n° {} — {} du {} vers le {} ({}) : {} — {etat}",
                f.numero,
                f.objet.libelle(),
                f.emetteur.libelle(),
                f.emetteur.autre().libelle(),
                date_fr(f.date),
                f.motif
            ))
            .size(TAILLE_TEXTE),
        );
        // Ce que l'autre professionnel a répondu au retour (annexe 2).
        if !f.commentaire_retour.trim().is_empty() {
            c = c.push(
                text(format!(
                    "    Retour du {} : {}",
                    f.emetteur.autre().libelle(),
                    f.commentaire_retour.trim()
                ))
                .size(TAILLE_TEXTE),
            );
        }
    }
    widgets::carte(avec(c, actions))
}

pub fn concertation<'a>(
    d: &'a Dossier,
    actions: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Temps de concertation")].spacing(6);
    c = c.push(
        text(match &d.concertation {
            None => "Temps de concertation : à tenir.".to_string(),
            Some(k) => format!(
                "Temps de concertation le {} : {}",
                date_fr(k.date),
                match &k.decision {
                    crate::domain::dossier::Decision::Validation =>
                        "validation de l'accompagnement".to_string(),
                    crate::domain::dossier::Decision::Reorientation(cible) =>
                        format!("réorientation vers {}", cible.libelle()),
                }
            ),
        })
        .size(TAILLE_TEXTE),
    );
    if let Some(s) = d.social_exclusif {
        c = c.push(
            text(format!(
                "Accompagnement social exclusif depuis le {} pour {} mois (fin le {})",
                date_fr(s.debut),
                s.mois,
                d.fin_social_exclusif().map(date_fr).unwrap_or_default()
            ))
            .size(TAILLE_TEXTE),
        );
    }
    widgets::carte(avec(c, actions))
}

pub fn carnet<'a>(
    d: &'a Dossier,
    session: &'a Session,
    propose: Option<(u32, StatutAction)>,
    actions: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Carnet de route")].spacing(6);
    for volet in [Volet::Emploi, Volet::Social] {
        c = c.push(
            text(format!(
                "Volet {}",
                if volet == Volet::Emploi {
                    "emploi"
                } else {
                    "social"
                }
            ))
            .size(TAILLE_TEXTE),
        );
        let actions: Vec<_> = d.actions.iter().filter(|a| a.volet == volet).collect();
        if actions.is_empty() {
            c = c.push(text("Aucune action.").size(13));
        }
        for a in actions {
            let besoin = a
                .besoin
                .as_ref()
                .and_then(|b| session.freins().besoin(b))
                .map(|(_, b)| format!(" ({})", b.libelle))
                .unwrap_or_default();
            let numero = a.numero;
            c = c.push(
                row![
                    text(format!(
                        "n° {} — {}{besoin} — porté par le {} — échéance {}",
                        a.numero,
                        a.libelle,
                        a.porteur.libelle(),
                        a.echeance.map(date_fr).unwrap_or_else(|| "—".into())
                    ))
                    .size(13)
                    .width(Length::Fill),
                    statut(d, a, propose),
                    widgets::bouton(
                        "Ressources…",
                        d.cloture.is_none().then_some(Message::Ressources(numero))
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
            // Le changement se confirme sous la ligne, avec ce qui va être enregistré.
            if let Some((n, nouveau)) = propose.filter(|(n, _)| *n == numero) {
                c = c.push(
                    row![
                        text(format!(
                            "Passer l'action n° {n} de « {} » à « {} » ?",
                            a.statut.libelle(),
                            nouveau.libelle()
                        ))
                        .size(13),
                        widgets::bouton_principal(
                            "Confirmer le statut".into(),
                            Some(Message::Statut(n, nouveau))
                        ),
                        widgets::bouton("Annuler", Some(Message::AnnulerStatut)),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
            }
            for p in &a.prescriptions {
                c = c.push(
                    text(format!(
                        "      → ressource prescrite le {} : {}",
                        date_fr(p.date),
                        p.nom
                    ))
                    .size(12),
                );
            }
        }
    }
    widgets::carte(avec(c, actions))
}

/// Le statut d'une action : une liste (flèches au clavier) tant que le dossier est
/// ouvert, un texte ensuite.
fn statut<'a>(
    d: &Dossier,
    a: &crate::domain::dossier::ActionCarnet,
    propose: Option<(u32, StatutAction)>,
) -> Element<'a, Message> {
    if d.cloture.is_some() {
        return text(a.statut.libelle()).size(13).into();
    }
    let numero = a.numero;
    let affiche = propose
        .filter(|(n, _)| *n == numero)
        .map_or(a.statut, |(_, s)| s);
    widgets::liste(
        STATUTS.map(ChoixStatut).to_vec(),
        Some(ChoixStatut(affiche)),
        move |s: ChoixStatut| Message::ProposerStatut(numero, s.0),
        format!("Statut de l'action n° {numero}"),
    )
}

pub fn suivi<'a>(d: &'a Dossier, actions: Option<Element<'a, Message>>) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Suivi : contacts et points d'échanges")].spacing(6);
    let pe = d
        .contacts
        .iter()
        .filter(|x| x.role == Role::Conseiller)
        .count();
    c = c.push(
        text(format!(
            "{} contact(s), dont {pe} avec le conseiller dédié ; dernier le {}",
            d.contacts.len(),
            d.dernier_contact()
                .map(date_fr)
                .unwrap_or_else(|| "—".into())
        ))
        .size(TAILLE_TEXTE),
    );
    // Dans l'ordre des dates (tenu ou prévu).
    let mut points: Vec<_> = d.points.iter().collect();
    points.sort_by_key(|p| (p.tenu_le.unwrap_or(p.date_prevue), p.numero));
    for p in points {
        let cr = &p.compte_rendu;
        let mut details = String::new();
        if !cr.participants.libelle().is_empty() {
            details.push_str(&format!(" — avec {}", cr.participants.libelle()));
        }
        if !cr.decisions.is_empty() {
            details.push_str(&format!(" — décidé : {}", cr.decisions));
        }
        if !cr.actions.is_empty() {
            let n: Vec<String> = cr.actions.iter().map(|a| format!("n° {a}")).collect();
            details.push_str(&format!(" — actions {}", n.join(", ")));
        }
        c = c.push(
            text(match p.tenu_le {
                Some(t) => format!(
                    "Point n° {} tenu le {} : {}{details}",
                    p.numero,
                    date_fr(t),
                    p.synthese
                ),
                None => format!(
                    "Point n° {} prévu le {} : {}",
                    p.numero,
                    date_fr(p.date_prevue),
                    p.objet
                ),
            })
            .size(13),
        );
    }
    widgets::carte(avec(c, actions))
}

/// L'entretien n°2, le contrat (l'entrée) et son terme, la reconduction.
pub fn contrat<'a>(d: &'a Dossier, actions: Option<Element<'a, Message>>) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Contrat d'accompagnement")].spacing(6);
    c = c.push(
        text(match (d.consentement(), d.consentements.last()) {
            (Some(k), _) => format!(
                "Consentement au partage le {} ({}) : {}.",
                date_fr(k.date),
                k.moyen.libelle(),
                k.portee()
            ),
            (None, Some(k)) => format!(
                "Consentement au partage révoqué le {} : plus rien ne se partage.",
                k.revoque_le.map(date_fr).unwrap_or_default()
            ),
            (None, None) => "Consentement au partage : pas encore enregistré.".into(),
        })
        .size(TAILLE_TEXTE),
    );
    c = c.push(
        text(match d.initialisation {
            None => "Entretien n°2 d'initialisation : à réaliser.".into(),
            Some(j) => format!("Entretien n°2 d'initialisation le {}", date_fr(j)),
        })
        .size(TAILLE_TEXTE),
    );
    c = c.push(
        text(match d.entree {
            None => "Contrat d'accompagnement : non signé.".into(),
            Some(j) => format!(
                "Contrat signé le {} : entrée en accompagnement global ; terme le {}",
                date_fr(j),
                d.fin_prevue().map(date_fr).unwrap_or_default()
            ),
        })
        .size(TAILLE_TEXTE),
    );
    if let Some(r) = d.reconduction {
        c = c.push(
            text(format!(
                "Reconduit le {} pour {} mois",
                date_fr(r.date),
                r.mois
            ))
            .size(TAILLE_TEXTE),
        );
    }
    widgets::carte(avec(c, actions))
}

pub fn sortie<'a>(d: &'a Dossier, actions: Option<Element<'a, Message>>) -> Element<'a, Message> {
    widgets::carte(avec(
        column![
            widgets::sous_titre("Clôture"),
            text(match &d.cloture {
                None => "Dossier en cours.".to_string(),
                Some(c) => format!("Clôturé le {} : {}", date_fr(c.date), c.motif.libelle()),
            })
            .size(TAILLE_TEXTE),
        ]
        .spacing(6),
        actions,
    ))
}

/// La rubrique, puis ses actions s'il y en a.
fn avec<'a>(
    c: iced::widget::Column<'a, Message>,
    actions: Option<Element<'a, Message>>,
) -> iced::widget::Column<'a, Message> {
    match actions {
        Some(a) => c.push(a),
        None => c,
    }
}

/// Chaque entrée, numérotée, avec qui l'a saisie ; une entrée rectifiée dit quand, par qui
/// et pourquoi, et se rectifie encore (par sa dernière rectification). Un dossier clôturé
/// garde « Rectifier » pour sa clôture, dans le délai réglé.
pub fn chronologie<'a>(
    journal: &'a [EvenementEnregistre],
    evenements: &'a [crate::domain::dossier::Evenement],
    noms: &'a HashMap<String, String>,
    ouvert: bool,
    decrire: &dyn Fn(&crate::domain::dossier::Evenement) -> String,
) -> Element<'a, Message> {
    use crate::domain::dossier::Evenement;
    let rectifications = crate::domain::dossier::rectifications(evenements);
    let nom = |auteur: &str| {
        noms.get(auteur)
            .cloned()
            .unwrap_or_else(|| auteur.to_string())
    };
    let mut c = column![widgets::sous_titre("Chronologie")].spacing(4);
    for (i, e) in journal.iter().enumerate().rev() {
        let numero = i as u64 + 1;
        let qui = nom(&e.auteur);
        let quand = e.evenement.date().map(date_fr).unwrap_or_default();
        let saisi = chrono::DateTime::parse_from_rfc3339(&e.horodatage)
            .ok()
            .map(|h| date_fr(h.with_timezone(&chrono::Local).date_naive()))
            .unwrap_or_default();
        let rectifiable = match &e.evenement {
            Evenement::DossierOuvert(_)
            | Evenement::Rectifiee(_)
            | Evenement::IdentiteModifiee(_) => false,
            Evenement::DossierCloture(_) => true,
            x => ouvert && x.date().is_some(),
        };
        let rectification = rectifications.get(i).copied().flatten();
        // Ce qui vient du partenaire le dit, et quand c'est arrivé.
        let provenance = match &e.recu_le {
            Some(le) => format!(
                "{qui}, saisi le {saisi} — ⇄ reçu du binôme le {}",
                crate::domain::date::horodatage_fr(le)
            ),
            None => format!("{qui}, saisi le {saisi}"),
        };
        let mut ligne = row![
            text(format!("n° {numero}"))
                .size(12)
                .width(Length::Fixed(44.0)),
            text(quand).size(13).width(Length::Fixed(95.0)),
            text(decrire(&e.evenement)).size(13).width(Length::Fill),
            text(provenance).size(12),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if rectifiable {
            let cible = rectification.map_or(numero, |(n, _)| n);
            ligne = ligne.push(widgets::bouton(
                "Rectifier",
                Some(Message::Ouvrir(Formulaire::Rectifier(cible))),
            ));
        }
        c = c.push(ligne);
        if let Some((n, r)) = rectification {
            let par = journal
                .get(n as usize - 1)
                .map(|x| nom(&x.auteur))
                .unwrap_or_default();
            c = c.push(
                text(format!(
                    "      rectifié le {} par {par} : {} (entrée n° {n})",
                    date_fr(r.le),
                    r.motif
                ))
                .size(12)
                .style(text::warning),
            );
        }
    }
    widgets::carte(c.push(Space::new().height(4)))
}

/// Les décisions conjointes qui attendent l'accord d'un côté (pris sur l'autre poste) : le
/// membre attendu le donne ici ; l'autre voit qu'il attend.
pub fn accords_attendus(d: &Dossier, moi: Option<Role>) -> Element<'_, Message> {
    let mut c = column![widgets::sous_titre("Accords attendus")].spacing(6);
    for (decision, role) in d.accords_attendus() {
        let ligne = text(format!(
            "{decision} : accord du {} attendu.",
            role.libelle()
        ))
        .size(TAILLE_TEXTE)
        .width(Length::Fill);
        c = c.push(if moi == Some(role) {
            row![
                ligne,
                widgets::bouton_principal(
                    "Donner mon accord".into(),
                    Some(Message::DonnerAccord(decision.to_string()))
                ),
            ]
            .spacing(10)
            .align_y(Alignment::Center)
        } else {
            row![
                ligne,
                text("Il le donne sur son poste ; le prochain paquet reçu l'apportera.").size(13),
            ]
            .spacing(10)
        });
    }
    widgets::carte(c)
}

/// Les étapes faites des deux côtés du binôme (échange entre installations) : ce qui a été
/// retenu, ce qui a été écarté (gardé au journal), et le bouton pour les dire revues.
pub fn conflits(d: &Dossier) -> Element<'_, Message> {
    let a_revoir = d.conflits_a_revoir().count();
    let mut c = column![
        widgets::sous_titre(format!("Conflits du binôme — {a_revoir} à revoir")),
        text("Ces étapes ont été enregistrées sur les deux postes avant que chacun ait reçu ce que l'autre avait fait. La première dans l'ordre commun est retenue, des deux côtés ; l'autre reste au journal. Revoyez-les avec votre partenaire ; si c'est l'autre qui est juste, rectifiez l'entrée retenue.").size(13),
    ]
    .spacing(6);
    for x in &d.conflits {
        let etat = match (x.identique, x.revu_le) {
            (true, _) => "doublon identique".to_string(),
            (false, Some(le)) => format!("revu le {}", date_fr(le)),
            (false, None) => "⚠ à revoir".to_string(),
        };
        c = c.push(
            column![
                text(format!("{} — {etat}", x.etape)).size(TAILLE_TEXTE),
                text(format!("   retenu : {}", x.retenu)).size(13),
                text(format!("   écarté : {}", x.ecarte)).size(13),
            ]
            .spacing(2),
        );
    }
    if a_revoir > 0 {
        c = c.push(widgets::bouton(
            "Marquer revus (vus avec le partenaire)",
            Some(Message::RevoirConflits),
        ));
    }
    widgets::carte(c)
}

/// Les notes privées du référent social : lui seul les lit ; elles ne vont ni au conseiller
/// dédié, ni dans les documents, ni dans les exports.
pub fn notes_privees<'a, M: Clone + 'a>(
    notes: &'a [crate::domain::note_privee::NotePrivee],
    brouillon: &'a str,
    sur_saisie: impl Fn(String) -> M + 'a,
    ajouter: M,
) -> Element<'a, M> {
    let mut c = column![
        widgets::sous_titre("Notes privées"),
        text("Vous seul les lisez : jamais le conseiller dédié, ni les documents imprimés, ni les exports.").size(13),
        widgets::champ_valide(
            "Nouvelle note",
            "note-privee",
            brouillon,
            "Ce que vous gardez pour vous sur ce dossier",
            None,
            sur_saisie,
            Some(ajouter.clone()),
        ),
        widgets::bouton("Enregistrer la note", Some(ajouter)),
    ]
    .spacing(8);
    for n in notes {
        let quand = chrono::NaiveDateTime::parse_from_str(&n.ecrite_le, "%Y-%m-%dT%H:%M:%S")
            .map_or_else(
                |_| n.ecrite_le.clone(),
                |t| t.format("%d/%m/%Y %H:%M").to_string(),
            );
        c = c.push(text(format!("{quand} — {}", n.texte)).size(TAILLE_TEXTE));
    }
    widgets::carte(c)
}
