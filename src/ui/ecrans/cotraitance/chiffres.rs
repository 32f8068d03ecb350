//! Les chiffres de la cotraitance : les indicateurs de l'annexe « 11 » d'une année (à
//! l'écran, en CSV, XLSX ou PDF), l'objectif annuel d'une mission locale et son compte
//! rendu d'activité (prise en charge par mois, subvention au prorata).

use iced::widget::{column, row, text};
use iced::{Element, Length, Task};

use super::affectation::MissionLocale;
use crate::domain::cotraitance::indicateurs::{LigneChiffre, Objectif};
use crate::services::cotraitance::Chiffres as Quoi;
use crate::services::indicateurs::FormatExport;
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_ANNEE: &str = "chiffres-annee";

type Table = (String, Vec<String>, Vec<LigneChiffre>);

#[derive(Debug, Clone)]
pub enum Message {
    /// Revenir à la liste des jeunes (l'écran parent s'en charge).
    Liste,
    Annee(String),
    Calculer,
    /// Le compte rendu d'activité de la mission locale choisie, à l'écran.
    CalculerActivite,
    Calcule(Result<std::sync::Arc<Table>, ErreurService>),
    Exporter(FormatExport, bool),
    Exporte(Result<std::path::PathBuf, ErreurService>),
    MissionLocale(MissionLocale),
    Jeunes(String),
    Subvention(String),
    EnregistrerObjectif,
    De2(String),
    De3(String),
    EnregistrerSaisie,
    SeuilAcceptation(String),
    SeuilInitialisation(String),
    CriteresRegionaux(String),
    EnregistrerRegles,
}

pub struct Chiffres {
    annee: String,
    table: Option<std::sync::Arc<Table>>,
    mission_locale: Option<MissionLocale>,
    jeunes: String,
    subvention: String,
    de2: String,
    de3: String,
    seuil_acceptation: String,
    seuil_initialisation: String,
    criteres_regionaux: String,
    erreur: Option<String>,
    avis: Option<String>,
}

impl Chiffres {
    pub fn new(session: &Session) -> Chiffres {
        use chrono::Datelike;
        let r = &session.preferences().cotraitance;
        let annee = session.aujourdhui().year();
        let saisie = r.saisies.iter().find(|s| s.annee == annee);
        let texte = |n: Option<u32>| n.map_or(String::new(), |n| n.to_string());
        Chiffres {
            de2: texte(saisie.and_then(|s| s.de2)),
            de3: texte(saisie.and_then(|s| s.de3)),
            seuil_acceptation: r.seuil_acceptation_jours.to_string(),
            seuil_initialisation: r.seuil_initialisation_jours.to_string(),
            criteres_regionaux: r.criteres_regionaux.join(", "),
            annee: session.aujourdhui().year().to_string(),
            table: None,
            mission_locale: None,
            jeunes: String::new(),
            subvention: String::new(),
            erreur: None,
            avis: None,
        }
    }

    fn annee(&self) -> Result<i32, String> {
        self.annee
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|a| (2000..=2100).contains(a))
            .ok_or(format!(
                "« {} » n'est pas une année (aaaa).",
                self.annee.trim()
            ))
    }

    fn quoi(&self, activite: bool) -> Result<Quoi, String> {
        let annee = self.annee()?;
        Ok(if activite {
            Quoi::Activite {
                mission_locale: self
                    .mission_locale
                    .as_ref()
                    .ok_or("Choisissez la mission locale.")?
                    .0
                    .clone(),
                annee,
            }
        } else {
            Quoi::Indicateurs { annee }
        })
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Option<Task<Message>> {
        // Un nouveau geste : le message du précédent n'a plus lieu d'être.
        self.erreur = None;
        self.avis = None;
        match m {
            Message::Liste => {}
            Message::Annee(t) => self.annee = t,
            Message::Calculer | Message::CalculerActivite => {
                match self.quoi(matches!(m, Message::CalculerActivite)) {
                    Ok(q) => {
                        let poste = session.poste();
                        return Some(en_fond(
                            move || {
                                crate::services::cotraitance::chiffres(&poste, &q)
                                    .map(std::sync::Arc::new)
                            },
                            Message::Calcule,
                        ));
                    }
                    Err(e) => self.erreur = Some(e),
                }
            }
            Message::Calcule(r) => match r {
                Ok(t) => self.table = Some(t),
                Err(e) => self.erreur = Some(e.to_string()),
            },
            Message::Exporter(format, activite) => match self.quoi(activite) {
                Ok(q) => {
                    let poste = session.poste();
                    let nom = match &q {
                        Quoi::Indicateurs { annee } => format!("cotraitance-indicateurs-{annee}"),
                        Quoi::Activite {
                            mission_locale,
                            annee,
                        } => format!("cotraitance-activite-{mission_locale}-{annee}"),
                    };
                    let chemin = crate::services::espace::dossier_des_documents()
                        .join(format!("{nom}.{}", format.extension()));
                    return Some(en_fond(
                        move || {
                            super::sans_remplacer(chemin, |c| {
                                crate::services::cotraitance::exporter(&poste, &q, format, c, false)
                            })
                        },
                        Message::Exporte,
                    ));
                }
                Err(e) => self.erreur = Some(e),
            },
            Message::Exporte(r) => match r {
                Ok(c) => self.avis = Some(format!("Écrit : {}", c.display())),
                Err(e) => self.erreur = Some(e.to_string()),
            },
            Message::MissionLocale(ml) => {
                if let Ok(a) = self.annee() {
                    if let Some(o) = session
                        .preferences()
                        .cotraitance
                        .objectifs
                        .iter()
                        .find(|o| o.mission_locale == ml.0 && o.annee == a)
                    {
                        self.jeunes = o.jeunes.to_string();
                        self.subvention = (o.subvention_centimes / 100).to_string();
                    }
                }
                self.mission_locale = Some(ml);
            }
            Message::Jeunes(t) => self.jeunes = t,
            Message::Subvention(t) => self.subvention = t,
            Message::EnregistrerObjectif => {
                if let Err(e) = self.enregistrer_objectif(session) {
                    self.erreur = Some(e);
                }
            }
            Message::De2(t) => self.de2 = t,
            Message::De3(t) => self.de3 = t,
            Message::EnregistrerSaisie => {
                if let Err(e) = self.enregistrer_saisie(session) {
                    self.erreur = Some(e);
                }
            }
            Message::SeuilAcceptation(t) => self.seuil_acceptation = t,
            Message::SeuilInitialisation(t) => self.seuil_initialisation = t,
            Message::CriteresRegionaux(t) => self.criteres_regionaux = t,
            Message::EnregistrerRegles => {
                if let Err(e) = self.enregistrer_regles(session) {
                    self.erreur = Some(e);
                }
            }
        }
        None
    }

    fn enregistrer_saisie(&mut self, session: &mut Session) -> Result<(), String> {
        let annee = self.annee()?;
        let nombre = |t: &str, quoi: &str| -> Result<Option<u32>, String> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse()
                .map(Some)
                .map_err(|_| format!("{quoi} est un nombre de jeunes (ou vide)."))
        };
        let saisie = crate::domain::cotraitance::indicateurs::Saisie {
            annee,
            de2: nombre(&self.de2, "DE2")?,
            de3: nombre(&self.de3, "DE3")?,
        };
        let saisies = &mut session.preferences_mut().cotraitance.saisies;
        saisies.retain(|s| s.annee != annee);
        saisies.push(saisie);
        session
            .enregistrer_preferences()
            .map_err(|e| e.to_string())?;
        self.avis = Some(format!(
            "DE2 et DE3 de {annee} enregistrés : « Calculer » ou un export les reprend."
        ));
        Ok(())
    }

    fn enregistrer_regles(&mut self, session: &mut Session) -> Result<(), String> {
        let jours = |t: &str, quoi: &str| {
            t.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=365).contains(n))
                .ok_or(format!(
                    "Le seuil {quoi} est un nombre de jours, de 1 à 365."
                ))
        };
        let acceptation = jours(&self.seuil_acceptation, "d'acceptation")?;
        let initialisation = jours(&self.seuil_initialisation, "d'initialisation")?;
        let criteres: Vec<String> = self
            .criteres_regionaux
            .split([',', ';', '\n'])
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        let r = &mut session.preferences_mut().cotraitance;
        r.seuil_acceptation_jours = acceptation;
        r.seuil_initialisation_jours = initialisation;
        r.criteres_regionaux = criteres;
        session
            .enregistrer_preferences()
            .and_then(|()| session.recharger())
            .map_err(|e| e.to_string())?;
        self.avis = Some("Réglages de la cotraitance enregistrés.".into());
        Ok(())
    }

    fn enregistrer_objectif(&mut self, session: &mut Session) -> Result<(), String> {
        let annee = self.annee()?;
        let ml = self
            .mission_locale
            .clone()
            .ok_or("Choisissez la mission locale.")?;
        let jeunes: u32 = self
            .jeunes
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or("L'objectif est un nombre de jeunes (au moins 1).")?;
        let euros: i64 = self
            .subvention
            .trim()
            .replace([' ', '\u{a0}', '€'], "")
            .parse()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or("La subvention est un montant en euros, sans centimes.")?;
        let objectifs = &mut session.preferences_mut().cotraitance.objectifs;
        objectifs.retain(|o| !(o.mission_locale == ml.0 && o.annee == annee));
        objectifs.push(Objectif {
            mission_locale: ml.0.clone(),
            annee,
            jeunes,
            subvention_centimes: euros * 100,
            seuil_depassement_pct: 100,
        });
        session
            .enregistrer_preferences()
            .map_err(|e| e.to_string())?;
        self.avis = Some(format!(
            "Objectif {annee} de {} : {jeunes} jeune(s), {euros} € de subvention.",
            ml.1
        ));
        Ok(())
    }

    /// Le message à poser en bas de la fenêtre : une erreur, sinon un avis.
    pub fn message(&self) -> Option<(&str, bool)> {
        self.erreur
            .as_deref()
            .map(|e| (e, true))
            .or(self.avis.as_deref().map(|a| (a, false)))
    }

    pub fn fermer_message(&mut self) {
        self.erreur = None;
        self.avis = None;
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let mut c = column![
            row![
                widgets::bouton("← Liste", Some(Message::Liste)),
                widgets::titre("Chiffres de la cotraitance"),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
            widgets::champ_valide(
                "Année",
                ID_ANNEE,
                &self.annee,
                "aaaa",
                None,
                Message::Annee,
                Some(Message::Calculer),
            ),
            row![
                widgets::bouton_principal("Calculer".into(), Some(Message::Calculer)),
                widgets::bouton("CSV", Some(Message::Exporter(FormatExport::Csv, false))),
                widgets::bouton("XLSX", Some(Message::Exporter(FormatExport::Xlsx, false))),
                widgets::bouton("PDF", Some(Message::Exporter(FormatExport::Pdf, false))),
            ]
            .spacing(10),
        ]
        .spacing(10);
        if let Some((titre, contexte, lignes)) = self.table.as_deref() {
            c = c.push(widgets::sous_titre(titre.as_str()));
            for t in contexte {
                c = c.push(text(t.as_str()).size(12));
            }
            // Au-delà du seuil de l'objectif, le dépassement est à signaler au comité.
            if lignes.iter().any(|l| {
                l.unite == crate::domain::cotraitance::indicateurs::Unite::OuiNon
                    && l.valeur == Some(1)
            }) {
                c = c.push(widgets::erreur(
                    "Objectif dépassé : signalez-le au comité de pilotage (la subvention reste plafonnée au montant prévu).",
                ));
            }
            for l in lignes {
                c = c.push(
                    row![
                        text(l.indicateur)
                            .size(TAILLE_TEXTE)
                            .width(Length::Fixed(150.0)),
                        text(l.detail.as_str())
                            .size(TAILLE_TEXTE)
                            .width(Length::Fill),
                        text(if l.valeur.is_some() {
                            l.texte()
                        } else {
                            "à saisir".into()
                        })
                        .size(TAILLE_TEXTE),
                    ]
                    .spacing(10),
                );
            }
        }
        c = c
            .push(text("DE2 (tous les jeunes de la mission locale) et DE3 (les jeunes suivis par Pôle emploi qui relèvent des critères) ne sont pas dans Binôme : saisissez-les pour l'année d'après vos systèmes.").size(12))
            .push(
                row![
                    widgets::champ("DE2", "chiffres-de2", &self.de2, "", None, Message::De2),
                    widgets::champ("DE3", "chiffres-de3", &self.de3, "", None, Message::De3),
                ]
                .spacing(12),
            )
            .push(row![widgets::bouton(
                "Enregistrer DE2 et DE3",
                Some(Message::EnregistrerSaisie)
            )]);
        let mls = super::affectation::missions_locales(session);
        c.push(widgets::sous_titre("Objectif annuel et compte rendu d'activité"))
            .push(text("L'objectif de chaque mission locale est fixé par avenant en octobre (réparti avant le 31 mars). Un jeune compte à son initialisation ; en CIVIS, il n'est pas financé. Subvention : 40 % le 20 janvier, 40 % le 10 juillet, le solde au prorata après le compte rendu.").size(12))
            .push(widgets::liste(
                mls,
                self.mission_locale.clone(),
                Message::MissionLocale,
                "Mission locale",
            ))
            .push(
                row![
                    widgets::champ(
                        "Objectif (jeunes)",
                        "chiffres-jeunes",
                        &self.jeunes,
                        "",
                        None,
                        Message::Jeunes
                    ),
                    widgets::champ(
                        "Subvention prévue (€)",
                        "chiffres-subvention",
                        &self.subvention,
                        "",
                        None,
                        Message::Subvention
                    ),
                ]
                .spacing(12),
            )
            .push(
                row![
                    widgets::bouton("Enregistrer l'objectif", Some(Message::EnregistrerObjectif)),
                    widgets::bouton("Voir le compte rendu", Some(Message::CalculerActivite)),
                    widgets::bouton(
                        "Compte rendu CSV",
                        Some(Message::Exporter(FormatExport::Csv, true))
                    ),
                    widgets::bouton(
                        "Compte rendu XLSX",
                        Some(Message::Exporter(FormatExport::Xlsx, true))
                    ),
                    widgets::bouton(
                        "Compte rendu PDF",
                        Some(Message::Exporter(FormatExport::Pdf, true))
                    ),
                ]
                .spacing(10)
                .wrap(),
            )
            .push(widgets::sous_titre("Réglages"))
            .push(text("L'accord ne fixe pas de délai pour l'acceptation et l'initialisation : au-delà de ces seuils, l'attente est signalée dans À faire. Une région peut ajouter des critères d'affectation.").size(12))
            .push(
                row![
                    widgets::champ(
                        "Seuil d'acceptation (jours)",
                        "regles-acceptation",
                        &self.seuil_acceptation,
                        "",
                        None,
                        Message::SeuilAcceptation
                    ),
                    widgets::champ(
                        "Seuil d'initialisation (jours)",
                        "regles-initialisation",
                        &self.seuil_initialisation,
                        "",
                        None,
                        Message::SeuilInitialisation
                    ),
                ]
                .spacing(12),
            )
            .push(widgets::champ(
                "Critères régionaux (séparés par des virgules)",
                "regles-criteres",
                &self.criteres_regionaux,
                "",
                None,
                Message::CriteresRegionaux,
            ))
            .push(row![widgets::bouton(
                "Enregistrer les réglages",
                Some(Message::EnregistrerRegles)
            )])
            .into()
    }
}
