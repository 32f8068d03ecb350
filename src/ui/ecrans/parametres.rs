//! Paramètres : qui je suis, l'apparence, la taille du texte et les délais des alertes.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length};

use crate::domain::professionnel::Affectation;
use crate::services::session::Session;
use crate::ui::theme::Apparence;
use crate::ui::widgets::{self, TAILLE_TEXTE};

#[derive(Debug, Clone)]
pub enum Message {
    Prenom(String),
    Nom(String),
    Perimetre(String),
    EnregistrerIdentite,
    Verrouillage(Minutes),
    /// Ouvrir « Comptes et délégations ».
    Comptes,
    Apparence(Apparence),
    Echelle(f32),
    Delai(Delai, String),
    /// Les structures du territoire (administrateurs) : le fichier à installer.
    CheminStructures(String),
    ChoisirStructures,
    StructuresChoisies(Option<std::path::PathBuf>),
    /// Installer (vrai : pour de bon ; faux : vérifier seulement) ; la fenêtre lance la tâche.
    InstallerStructures(bool),
    RetablirStructures,
    /// Le résultat : le référentiel installé (ou vérifié) et ce qui a été fait.
    Structures(
        Result<(Box<crate::domain::structures::Referentiel>, bool), crate::services::ErreurService>,
    ),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delai {
    Reconduction,
    PreavisTerme,
    Fiche,
    Contact,
    Anticipation,
    ActualisationSortie,
    ReconductionAnticipee,
    DureeAse,
    RectificationCloture,
    DiagnosticAActualiser,
}

pub struct Parametres {
    pub prenom: String,
    pub nom: String,
    /// Communes du périmètre (conseiller dédié), noms ou codes séparés par des virgules.
    pub perimetre: String,
    pub delais: [(Delai, String); 10],
    pub erreur: Option<String>,
    pub info: Option<String>,
    pub chemin_structures: String,
    /// Les structures en place, dites une fois (pas à chaque dessin de l'écran).
    structures: crate::services::territoire::Installees,
    /// Ce qu'a donné la dernière vérification ou installation des structures, dit dans sa
    /// carte (en haut de l'écran, il serait hors de la vue) : (erreur ?, message).
    avis_structures: Option<(bool, String)>,
}

impl Parametres {
    pub fn new(session: &Session) -> Parametres {
        let e = &session.preferences().echeances;
        Parametres {
            prenom: session
                .utilisateur()
                .as_ref()
                .map(|u| u.prenom.clone())
                .unwrap_or_default(),
            nom: session
                .utilisateur()
                .as_ref()
                .map(|u| u.nom.clone())
                .unwrap_or_default(),
            perimetre: match session.utilisateur().as_ref().map(|u| &u.affectation) {
                Some(Affectation::Agence { perimetre, .. }) => perimetre
                    .iter()
                    .map(|c| {
                        session
                            .referentiel()
                            .commune(c.as_str())
                            .map_or(c.to_string(), |x| x.nom.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            },
            delais: [
                (
                    Delai::Reconduction,
                    e.reconduction_avant_terme_jours.to_string(),
                ),
                (Delai::PreavisTerme, e.preavis_terme_jours.to_string()),
                (Delai::Fiche, e.fiche_sans_retour_jours.to_string()),
                (Delai::Contact, e.sans_contact_semaines.to_string()),
                (Delai::Anticipation, e.anticipation_jours.to_string()),
                (
                    Delai::ActualisationSortie,
                    session
                        .preferences()
                        .regles
                        .actualisation_avant_sortie_jours
                        .to_string(),
                ),
                (
                    Delai::ReconductionAnticipee,
                    session
                        .preferences()
                        .regles
                        .reconduction_anticipee_mois
                        .to_string(),
                ),
                (
                    Delai::DureeAse,
                    session.preferences().regles.duree_ase_mois.to_string(),
                ),
                (
                    Delai::DiagnosticAActualiser,
                    session
                        .preferences()
                        .echeances
                        .diagnostic_a_actualiser_mois
                        .to_string(),
                ),
                (
                    Delai::RectificationCloture,
                    session
                        .preferences()
                        .regles
                        .rectification_cloture_jours
                        .to_string(),
                ),
            ],
            erreur: None,
            info: None,
            chemin_structures: String::new(),
            structures: crate::services::territoire::Installees::de(session.referentiel()),
            avis_structures: None,
        }
    }

    /// Vrai si le portefeuille doit être recalculé (délais changés).
    pub fn update(&mut self, message: Message, session: &mut Session) -> bool {
        self.info = None;
        self.erreur = None;
        let mut recalcul = false;
        match message {
            Message::Prenom(t) => self.prenom = t,
            Message::Nom(t) => self.nom = t,
            Message::Perimetre(t) => self.perimetre = t,
            Message::Verrouillage(m) => session.preferences_mut().verrouillage_minutes = m.0,
            // Ouvert par la fenêtre, qui change de page.
            Message::Comptes => return false,
            Message::EnregistrerIdentite => {
                if let Some(mut u) = session.utilisateur().cloned() {
                    u.prenom = self.prenom.trim().to_string();
                    u.nom = self.nom.trim().to_string();
                    if let Affectation::Agence { perimetre, .. } = &mut u.affectation {
                        let mut communes = Vec::new();
                        for morceau in self
                            .perimetre
                            .split([',', ';'])
                            .filter(|m| !m.trim().is_empty())
                        {
                            match session.commune_saisie(morceau, "") {
                                Some(c) => communes.push(c),
                                None => {
                                    self.erreur = Some(format!(
                                        "Périmètre : « {} » n'est pas une commune connue (nom exact ou code INSEE).",
                                        morceau.trim()
                                    ));
                                    return false;
                                }
                            }
                        }
                        *perimetre = communes;
                    }
                    match session.definir_utilisateur(u) {
                        Ok(()) => self.info = Some("Identité enregistrée.".into()),
                        Err(e) => self.erreur = Some(e.to_string()),
                    }
                }
                return false;
            }
            Message::CheminStructures(t) => {
                self.chemin_structures = t;
                return false;
            }
            Message::StructuresChoisies(Some(p)) => {
                self.chemin_structures = p.display().to_string();
                return false;
            }
            // Lancés par la fenêtre, en tâche de fond.
            Message::StructuresChoisies(None)
            | Message::ChoisirStructures
            | Message::InstallerStructures(_)
            | Message::RetablirStructures => {
                self.avis_structures = None;
                return false;
            }
            Message::Structures(r) => {
                self.avis_structures = Some(match r {
                    Ok((r, installe)) => {
                        let i = crate::services::territoire::Installees::de(&r);
                        (
                            false,
                            if installe {
                                self.structures = i.clone();
                                session.changer_referentiel(*r);
                                format!("Structures en place : {}. Le protocole de désignation, les périmètres et les agences les suivent désormais.", i.resume())
                            } else {
                                format!(
                                    "Le fichier est valide, rien n'est encore installé : {}",
                                    i.resume()
                                )
                            },
                        )
                    }
                    Err(e) => (true, e.to_string()),
                });
                return false;
            }
            Message::Apparence(a) => session.preferences_mut().apparence = a,
            Message::Echelle(e) => session.preferences_mut().echelle = e.clamp(1.0, 2.0),
            Message::Delai(d, v) => {
                if let Some(x) = self.delais.iter_mut().find(|(k, _)| *k == d) {
                    x.1 = v.clone();
                }
                match v.trim().parse::<i64>() {
                    Ok(n) if (0..=365).contains(&n) => {
                        let p = session.preferences_mut();
                        let e = &mut p.echeances;
                        match d {
                            Delai::Reconduction => e.reconduction_avant_terme_jours = n,
                            Delai::PreavisTerme => e.preavis_terme_jours = n,
                            Delai::Fiche => e.fiche_sans_retour_jours = n,
                            Delai::Contact => e.sans_contact_semaines = n,
                            Delai::Anticipation => e.anticipation_jours = n,
                            Delai::ActualisationSortie => {
                                p.regles.actualisation_avant_sortie_jours = n
                            }
                            Delai::ReconductionAnticipee => {
                                p.regles.reconduction_anticipee_mois = n
                            }
                            Delai::DureeAse => p.regles.duree_ase_mois = n.max(1),
                            Delai::RectificationCloture => p.regles.rectification_cloture_jours = n,
                            Delai::DiagnosticAActualiser => {
                                e.diagnostic_a_actualiser_mois = n.max(1)
                            }
                        }
                        recalcul = true;
                    }
                    _ => {
                        self.erreur = Some("Saisissez un nombre entier entre 0 et 365.".into());
                        return false;
                    }
                }
            }
        }
        if let Err(e) = session.enregistrer_preferences() {
            self.erreur = Some(e.to_string());
        }
        recalcul
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let mut c = column![widgets::titre("Paramètres")].spacing(14);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            c = c.push(widgets::information(i));
        }
        if let Some(u) = &session.utilisateur() {
            let ou = match &u.affectation {
                Affectation::Agence { agence, perimetre } => format!(
                    "Conseiller dédié — {} — périmètre : {} commune(s)",
                    session
                        .referentiel()
                        .structures
                        .nom(agence)
                        .unwrap_or(agence),
                    perimetre.len()
                ),
                Affectation::Structure { nom, genre, .. } => {
                    format!("Référent social — {nom} ({})", genre.libelle())
                }
            };
            c = c.push(widgets::carte(
                column![
                    widgets::sous_titre("Mon identité"),
                    text(ou).size(TAILLE_TEXTE),
                    widgets::champ(
                        "Prénom",
                        "parametres-prenom",
                        &self.prenom,
                        "",
                        None,
                        Message::Prenom
                    ),
                    widgets::champ_valide(
                        "Nom",
                        "parametres-nom",
                        &self.nom,
                        "",
                        None,
                        Message::Nom,
                        Some(Message::EnregistrerIdentite)
                    ),
                    if matches!(u.affectation, Affectation::Agence { .. }) {
                        widgets::champ(
                            "Périmètre géographique (communes, séparées par des virgules)",
                            "parametres-perimetre",
                            &self.perimetre,
                            "ex. Arles, Tarascon, 13097",
                            None,
                            Message::Perimetre,
                        )
                    } else {
                        widgets::espace(0.0)
                    },
                    widgets::bouton(
                        "Enregistrer mon identité",
                        Some(Message::EnregistrerIdentite)
                    ),
                ]
                .spacing(8),
            ));
            c = c.push(widgets::carte(
                column![
                    widgets::sous_titre("Base de ressources partenariales"),
                    text(format!("Votre profil : {}.", u.habilitation)).size(TAILLE_TEXTE),
                    text("Consultation : rechercher et prescrire. Mise à jour (gestionnaire des ressources) : créer, modifier et archiver des fiches ; chaque modification est signée de votre nom. Le profil est attribué par un administrateur du poste, jamais par soi-même.").size(13),
                ]
                .spacing(8),
            ));
        }
        let echelle = session.preferences().echelle;
        let tailles: Vec<Taille> = (10..=20).map(|d| Taille(d as f32 / 10.0)).collect();
        c = c.push(widgets::carte(
            column![
                widgets::sous_titre("Affichage"),
                row![
                    text("Apparence")
                        .size(TAILLE_TEXTE)
                        .width(Length::Fixed(200.0)),
                    widgets::liste(
                        Apparence::TOUTES.to_vec(),
                        Some(session.preferences().apparence),
                        Message::Apparence,
                        ""
                    ),
                ]
                .spacing(8),
                row![
                    text("Taille du texte (Ctrl + / Ctrl −)")
                        .size(TAILLE_TEXTE)
                        .width(Length::Fixed(200.0)),
                    widgets::liste(
                        tailles,
                        Some(Taille(echelle)),
                        |t: Taille| Message::Echelle(t.0),
                        ""
                    ),
                ]
                .spacing(8),
            ]
            .spacing(8),
        ));
        let mut delais = column![widgets::sous_titre("Délais des alertes")].spacing(8);
        for (d, v) in &self.delais {
            let d = *d;
            let libelle = match d {
                Delai::Reconduction => "Décision de reconduction, jours avant le terme",
                Delai::PreavisTerme => "Fin de terme signalée, jours avant",
                Delai::Fiche => "Fiche de liaison sans retour, après (jours)",
                Delai::Contact => "Sans contact, après (semaines)",
                Delai::Anticipation => "Points et décisions signalés, jours avant",
                Delai::ActualisationSortie => {
                    "Sortie anticipée : diagnostic actualisé depuis moins de (jours)"
                }
                Delai::ReconductionAnticipee => {
                    "Reconduction à confirmer si décidée plus tôt que (mois avant le terme)"
                }
                Delai::DureeAse => "Accompagnement social exclusif : durée proposée (mois)",
                Delai::RectificationCloture => {
                    "Clôture rectifiable pendant (jours après la sortie)"
                }
                Delai::DiagnosticAActualiser => {
                    "Diagnostic à actualiser pendant l'accompagnement, après (mois)"
                }
            };
            delais = delais.push(widgets::champ(
                libelle,
                "parametres-delai",
                v,
                "",
                None,
                move |t| Message::Delai(d, t),
            ));
        }
        c = c.push(widgets::carte(delais));
        let minutes = session.preferences().verrouillage_minutes;
        c = c.push(widgets::carte(
            column![
                widgets::sous_titre("Sécurité"),
                text(format!(
                    "Compte « {} » ({}). Ctrl+L verrouille la fenêtre tout de suite.",
                    session.compte().identifiant,
                    session.compte().libelle_droits()
                ))
                .size(TAILLE_TEXTE),
                text("Verrouiller la fenêtre après une inactivité de").size(TAILLE_TEXTE),
                widgets::liste(
                    [5, 10, 15, 30, 60].map(Minutes).to_vec(),
                    Some(Minutes(minutes)),
                    Message::Verrouillage,
                    "",
                ),
                widgets::bouton(
                    "Comptes, mot de passe et délégations…",
                    Some(Message::Comptes)
                ),
            ]
            .spacing(8),
        ));
        if session.compte().administrateur {
            c = c.push(self.vue_structures());
        }
        c = c.push(widgets::carte(
            column![
                widgets::sous_titre("Données"),
                text(format!(
                    "Dossier de données : {}",
                    session.espace().dossier.display()
                ))
                .size(TAILLE_TEXTE),
                text(widgets::insecables(
                    "Changer de dossier : lancer « binome --data-dir DOSSIER »."
                ))
                .size(13),
            ]
            .spacing(6),
        ));
        c = c.push(vue_a_propos());
        scrollable(c.padding(16).max_width(760))
            .height(Length::Fill)
            .into()
    }

    /// Les structures du territoire : ce qui est installé, installer celles de son
    /// département, revenir à celles livrées.
    fn vue_structures(&self) -> Element<'_, Message> {
        let installees = &self.structures;
        let mut carte = column![
                widgets::sous_titre("Structures du territoire (administrateurs)"),
                text(format!("{} — {}.", installees.resume(), installees.origine()))
                    .size(TAILLE_TEXTE),
                text(widgets::insecables("Pour un autre département : un fichier CSV « type;code;nom;commune;communes » (une structure par ligne : pole_insertion, mds ou agence ; communes : codes INSEE séparés par des virgules, ou dep:59 pour tout un département), ou un JSON au format de structures.json. Il est vérifié ligne par ligne avant d'être installé.")).size(13),
                row![
                    widgets::champ_valide(
                        "Fichier des structures",
                        "parametres-structures",
                        &self.chemin_structures,
                        "chemin du fichier CSV ou JSON",
                        None,
                        Message::CheminStructures,
                        Some(Message::InstallerStructures(false))
                    ),
                    widgets::bouton("Choisir…", Some(Message::ChoisirStructures)),
                ]
                .spacing(10)
                .align_y(iced::Alignment::End),
                row![
                    widgets::bouton("Vérifier", Some(Message::InstallerStructures(false))),
                    widgets::bouton_principal(
                        "Installer".into(),
                        Some(Message::InstallerStructures(true))
                    ),
                    if installees.livrees {
                        Element::from(iced::widget::Space::new().width(0))
                    } else {
                        widgets::bouton(
                            "Revenir aux structures livrées",
                            Some(Message::RetablirStructures),
                        )
                    },
                ]
                .spacing(10),
            ]
        .spacing(8);
        match &self.avis_structures {
            Some((true, m)) => carte = carte.push(widgets::erreur(m)),
            Some((false, m)) => carte = carte.push(widgets::information(m)),
            None => {}
        }
        widgets::carte(carte)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Taille(pub f32);

impl std::fmt::Display for Taille {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} %", (self.0 * 100.0).round() as i32)
    }
}

/// Un délai de verrouillage, en minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minutes(pub u32);

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} minutes", self.0)
    }
}

/// La version et les licences de ce que Binôme embarque.
fn vue_a_propos<'a>() -> Element<'a, Message> {
    use crate::services::a_propos::{
        bibliotheques, par_licence, DONNEES_EMBARQUEES, TEXTES_DES_LICENCES,
    };
    let principales = par_licence()
        .iter()
        .take(4)
        .map(|(l, n)| format!("{l} ({n})"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut c = column![
        widgets::sous_titre("À propos"),
        text(format!(
            "Binôme {}, logiciel libre sous licence EUPL-1.2.",
            env!("CARGO_PKG_VERSION")
        ))
        .size(TAILLE_TEXTE),
        text(format!(
            "{} bibliothèques embarquées, notamment sous {principales}.",
            bibliotheques()
        ))
        .size(13),
    ]
    .spacing(6);
    for d in DONNEES_EMBARQUEES {
        c = c.push(text(format!("• {d}")).size(13));
    }
    c = c.push(
        text(format!(
            "Textes des licences : {TEXTES_DES_LICENCES}. « binome --version --verbose » en donne le détail."
        ))
        .size(13),
    );
    widgets::carte(c)
}
