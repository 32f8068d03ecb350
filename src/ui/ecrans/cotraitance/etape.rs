//! L'étape suivante d'un jeune : ce que le compte peut noter (Pôle emploi : inscription,
//! décision d'une alerte, déménagement, retour à l'emploi ; la mission locale : acceptation,
//! premier contact, entretien, indisponibilité, alerte, déménagement), datée.

use iced::widget::{column, row, text};
use iced::Element;
use uuid::Uuid;

use crate::domain::cotraitance::{
    Commande, Cotraitance, DecisionAlerte, Indisponibilite, MotifAlerte, MotifSortie, Periode,
    PremierContact, StatutInscription, SuiteMaintien,
};
use crate::domain::date::{date_fr, lire_date};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_DATE: &str = "etape-date";
const ID_DETAIL: &str = "etape-detail";

/// Ce qui se note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoi {
    Accepter,
    Initialiser,
    Entretien,
    Indisponibilite,
    Alerte,
    Inscription,
    Decider,
    Demenagement,
    RetourEmploi,
}

impl std::fmt::Display for Quoi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Quoi::Accepter => "Accepter l'affectation",
            Quoi::Initialiser => "Premier contact (initialisation)",
            Quoi::Entretien => "Entretien",
            Quoi::Indisponibilite => "Indisponibilité (stage, formation…)",
            Quoi::Alerte => "Lever une alerte",
            Quoi::Inscription => "Statut d'inscription",
            Quoi::Decider => "Décider de l'alerte",
            Quoi::Demenagement => "Déménagement",
            Quoi::RetourEmploi => "Fin : retour à l'emploi",
        })
    }
}

/// Une valeur d'une liste de choix, avec son libellé.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choix<T>(pub T, pub &'static str);

impl<T> std::fmt::Display for Choix<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.1)
    }
}

const CONTACTS: [Choix<PremierContact>; 3] = [
    Choix(PremierContact::EntretienIndividuel, "entretien individuel"),
    Choix(PremierContact::EntretienCollectif, "entretien collectif"),
    Choix(PremierContact::Atelier, "atelier"),
];
const STATUTS: [Choix<StatutInscription>; 3] = [
    Choix(StatutInscription::Radie, "radié"),
    Choix(StatutInscription::Cessation, "cessation d'inscription"),
    Choix(StatutInscription::Inscrit, "inscrit (réinscription)"),
];
const MOTIFS: [Choix<MotifAlerte>; 4] = [
    Choix(MotifAlerte::Difficulte, "difficulté dans l'accompagnement"),
    Choix(
        MotifAlerte::Evenement,
        "événement (situation, accompagnement)",
    ),
    Choix(
        MotifAlerte::Manquement,
        "manquement aux obligations du PPAE",
    ),
    Choix(
        MotifAlerte::EntretienMensuelManque,
        "un mois sans entretien",
    ),
];
const INDISPONIBILITES: [Choix<Indisponibilite>; 5] = [
    Choix(Indisponibilite::Stage, "stage"),
    Choix(Indisponibilite::Formation, "formation"),
    Choix(
        Indisponibilite::EmploiTemporaire,
        "emploi temporaire de moins de deux mois",
    ),
    Choix(Indisponibilite::Prestation, "prestation"),
    Choix(Indisponibilite::Temporaire, "indisponibilité temporaire"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Orientation,
    Rappel,
    Situation,
    Reorientation,
    SuiviMensuel,
}

const DECISIONS: [Choix<Decision>; 5] = [
    Choix(
        Decision::Orientation,
        "maintien : nouvelle orientation du parcours",
    ),
    Choix(Decision::Rappel, "maintien : rappel des obligations"),
    Choix(
        Decision::Situation,
        "maintien : mise à jour de la situation",
    ),
    Choix(Decision::Reorientation, "sortie : vers un autre partenaire"),
    Choix(
        Decision::SuiviMensuel,
        "sortie : retour au suivi mensuel de Pôle emploi",
    ),
];

#[derive(Debug, Clone)]
pub enum Message {
    Quoi(Quoi),
    Date(String),
    Fin(String),
    Contact(Choix<PremierContact>),
    Statut(Choix<StatutInscription>),
    Motif(Choix<MotifAlerte>),
    Indisponibilite(Choix<Indisponibilite>),
    Decision(Choix<Decision>),
    Detail(String),
    Enregistrer,
}

pub struct Formulaire {
    quoi: Option<Quoi>,
    date: String,
    fin: String,
    contact: Choix<PremierContact>,
    /// Ni statut ni décision par défaut : ils peuvent suspendre ou finir la cotraitance.
    statut: Option<Choix<StatutInscription>>,
    motif: Choix<MotifAlerte>,
    indisponibilite: Choix<Indisponibilite>,
    decision: Option<Choix<Decision>>,
    /// Précisions d'une alerte, partenaire d'une réorientation, commune d'un déménagement.
    detail: String,
    erreur: Option<String>,
    /// Une étape qui suspend, annule ou finit la cotraitance se confirme : ce qu'elle fera,
    /// et la commande que la confirmation enregistrera telle quelle.
    a_confirmer: Option<(String, Commande)>,
}

/// Ce que le compte peut noter, selon qu'il est Pôle emploi ou la mission locale.
fn possibles(session: &Session) -> Vec<Quoi> {
    // Pôle emploi (un conseiller), ou la mission locale.
    if session.en_cotraitance() && !session.en_mission_locale() {
        vec![
            Quoi::Inscription,
            Quoi::Decider,
            Quoi::Demenagement,
            Quoi::RetourEmploi,
        ]
    } else {
        vec![
            Quoi::Accepter,
            Quoi::Initialiser,
            Quoi::Entretien,
            Quoi::Indisponibilite,
            Quoi::Alerte,
            Quoi::Demenagement,
        ]
    }
}

impl Formulaire {
    pub fn new(session: &Session, l: &crate::services::cotraitance::Ligne) -> Formulaire {
        let f = &l.faits;
        let possibles = possibles(session);
        // L'étape attendue d'abord : acceptation, premier contact, alerte à décider.
        let attendue = [
            (f.acceptation.is_none(), Quoi::Accepter),
            (f.initialisation.is_none(), Quoi::Initialiser),
            (
                f.alerte_ouverte_au(session.aujourdhui()).is_some(),
                Quoi::Decider,
            ),
            (true, Quoi::Entretien),
        ]
        .into_iter()
        .find(|(oui, q)| *oui && possibles.contains(q))
        .map(|(_, q)| q);
        Formulaire {
            quoi: attendue,
            date: date_fr(session.aujourdhui()),
            fin: String::new(),
            contact: CONTACTS[0],
            statut: None,
            motif: MOTIFS[0],
            indisponibilite: INDISPONIBILITES[0],
            decision: None,
            detail: String::new(),
            erreur: None,
            a_confirmer: None,
        }
    }

    /// Rend ce qui a été noté, s'il l'a été.
    pub fn update(
        &mut self,
        m: Message,
        session: &mut Session,
        faits: &Cotraitance,
        id: Uuid,
    ) -> Option<String> {
        if !matches!(m, Message::Enregistrer) {
            // Ce qui était à confirmer ne l'est plus : la saisie a changé.
            self.a_confirmer = None;
        }
        match m {
            Message::Quoi(q) => {
                self.quoi = Some(q);
                self.erreur = None;
            }
            Message::Date(t) => self.date = t,
            Message::Fin(t) => self.fin = t,
            Message::Contact(c) => self.contact = c,
            Message::Statut(c) => self.statut = Some(c),
            Message::Motif(c) => self.motif = c,
            Message::Indisponibilite(c) => self.indisponibilite = c,
            Message::Decision(c) => self.decision = Some(c),
            Message::Detail(t) => self.detail = t,
            Message::Enregistrer => {
                let commande = match self.commande(session) {
                    Ok(c) => c,
                    Err(e) => {
                        self.erreur = Some(e);
                        return None;
                    }
                };
                let confirmee = self.a_confirmer.take().is_some_and(|(_, c)| c == commande);
                if !confirmee {
                    if let Some(suite) = consequence(session, faits, &commande) {
                        self.erreur = None;
                        self.a_confirmer = Some((suite, commande));
                        return None;
                    }
                }
                match session.executer_cotraitance(Some(id), &commande) {
                    Ok((_, e)) => return Some(format!("Enregistré : {}.", e.libelle())),
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
        }
        None
    }

    fn commande(&self, session: &Session) -> Result<Commande, String> {
        let quoi = self
            .quoi
            .ok_or("Choisissez ce que vous notez.".to_string())?;
        let date = lire_date(&self.date).map_err(|e| format!("Date : {e}"))?;
        let detail = self.detail.trim().to_string();
        Ok(match quoi {
            Quoi::Accepter => Commande::Accepter { date },
            Quoi::Initialiser => Commande::Initialiser {
                date,
                contact: self.contact.0,
            },
            Quoi::Entretien => Commande::NoterEntretien { date },
            Quoi::Indisponibilite => Commande::NoterIndisponibilite(Periode {
                debut: date,
                fin: lire_date(&self.fin).map_err(|e| format!("Fin de la période : {e}"))?,
                motif: self.indisponibilite.0,
            }),
            Quoi::Alerte => Commande::LeverAlerte {
                motif: self.motif.0,
                detail,
                date,
            },
            Quoi::Inscription => Commande::ChangerInscription {
                statut: self
                    .statut
                    .ok_or("Choisissez le nouveau statut d'inscription.")?
                    .0,
                date,
            },
            Quoi::Decider => Commande::DeciderAlerte {
                decision: match self
                    .decision
                    .ok_or("Choisissez la décision de Pôle emploi.")?
                    .0
                {
                    Decision::Orientation => {
                        DecisionAlerte::Maintien(SuiteMaintien::NouvelleOrientation)
                    }
                    Decision::Rappel => {
                        DecisionAlerte::Maintien(SuiteMaintien::RappelDesObligations)
                    }
                    Decision::Situation => {
                        DecisionAlerte::Maintien(SuiteMaintien::MiseAJourDeLaSituation)
                    }
                    Decision::Reorientation => DecisionAlerte::Reorientation { partenaire: detail },
                    Decision::SuiviMensuel => DecisionAlerte::RetourSuiviMensuel,
                },
                date,
            },
            Quoi::Demenagement => Commande::NoterDemenagement {
                commune: session
                    .commune_saisie(&detail, "")
                    .map(|c| c.to_string())
                    .ok_or(format!(
                        "Commune « {detail} » inconnue : saisissez son nom ou son code INSEE."
                    ))?,
                date,
            },
            Quoi::RetourEmploi => Commande::Sortir {
                motif: MotifSortie::RetourEmploi,
                date,
            },
        })
    }

    pub fn view<'a>(&'a self, session: &'a Session, _f: &'a Cotraitance) -> Element<'a, Message> {
        let mut c = column![
            widgets::sous_titre("Noter une étape"),
            text("Ce que vous notez").size(TAILLE_TEXTE),
            widgets::liste(
                possibles(session),
                self.quoi,
                Message::Quoi,
                "Ce que vous notez"
            ),
            widgets::champ_valide(
                if self.quoi == Some(Quoi::Indisponibilite) {
                    "Du (jj/mm/aaaa)"
                } else if self.quoi == Some(Quoi::RetourEmploi) {
                    "Dernier jour de cotraitance (jj/mm/aaaa)"
                } else {
                    "Date (jj/mm/aaaa)"
                },
                ID_DATE,
                &self.date,
                "jj/mm/aaaa",
                None,
                Message::Date,
                Some(Message::Enregistrer),
            ),
        ]
        .spacing(8);
        let detail = |libelle: &'a str| {
            widgets::champ_valide(
                libelle,
                ID_DETAIL,
                &self.detail,
                "",
                None,
                Message::Detail,
                Some(Message::Enregistrer),
            )
        };
        c = match self.quoi {
            Some(Quoi::Initialiser) => {
                c.push(text("Premier contact").size(TAILLE_TEXTE))
                    .push(widgets::liste(
                        CONTACTS,
                        Some(self.contact),
                        Message::Contact,
                        "Premier contact",
                    ))
            }
            Some(Quoi::Inscription) => c
                .push(text("Nouveau statut d'inscription").size(TAILLE_TEXTE))
                .push(widgets::liste(
                    STATUTS,
                    self.statut,
                    Message::Statut,
                    "Choisissez le statut",
                )),
            Some(Quoi::Alerte) => c
                .push(text("Motif de l'alerte").size(TAILLE_TEXTE))
                .push(widgets::liste(
                    MOTIFS,
                    Some(self.motif),
                    Message::Motif,
                    "Motif",
                ))
                .push(detail("Précisions pour Pôle emploi")),
            Some(Quoi::Indisponibilite) => c
                .push(widgets::champ_valide(
                    "Au (jj/mm/aaaa)",
                    "etape-fin",
                    &self.fin,
                    "jj/mm/aaaa",
                    None,
                    Message::Fin,
                    Some(Message::Enregistrer),
                ))
                .push(text("Motif").size(TAILLE_TEXTE))
                .push(widgets::liste(
                    INDISPONIBILITES,
                    Some(self.indisponibilite),
                    Message::Indisponibilite,
                    "Motif",
                )),
            Some(Quoi::Decider) => {
                let c = c
                    .push(text("Décision de Pôle emploi").size(TAILLE_TEXTE))
                    .push(widgets::liste(
                        DECISIONS,
                        self.decision,
                        Message::Decision,
                        "Choisissez la décision",
                    ));
                if self
                    .decision
                    .is_some_and(|d| d.0 == Decision::Reorientation)
                {
                    c.push(detail("Partenaire vers qui le jeune est réorienté"))
                } else {
                    c
                }
            }
            Some(Quoi::Demenagement) => c.push(detail("Nouvelle commune (nom ou code INSEE)")),
            _ => c,
        };
        // Les messages après le bouton : rien ne se décale sous le focus.
        let mut c = c.push(row![widgets::bouton_principal(
            if self.a_confirmer.is_some() {
                "Confirmer (Ctrl+S)".into()
            } else {
                "Enregistrer (Ctrl+S)".into()
            },
            Some(Message::Enregistrer)
        )]);
        if let Some((suite, _)) = &self.a_confirmer {
            c = c.push(widgets::erreur(suite));
        }
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        c.into()
    }
}

/// Ce qu'une étape fera si elle suspend, annule ou finit la cotraitance (à confirmer) ;
/// rien pour les autres, ni pour celles que le domaine refusera (le refus le dira).
fn consequence(session: &Session, faits: &Cotraitance, c: &Commande) -> Option<String> {
    let (avant, etat) = crate::services::cotraitance::apercu(&session.poste(), faits, c)?;
    let grave = !etat.en_cours()
        || (matches!(etat, crate::domain::cotraitance::Etat::Suspension { .. })
            && !matches!(avant, crate::domain::cotraitance::Etat::Suspension { .. }));
    grave.then(|| {
        format!(
            "Après cet enregistrement, le jeune sera : {}. Vérifiez, puis confirmez (Ctrl+S) ; changer la saisie annule la confirmation.",
            etat.libelle()
        )
    })
}
