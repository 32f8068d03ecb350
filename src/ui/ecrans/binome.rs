//! Échange avec le binôme : les cartes (la sienne à donner, celle du partenaire à importer
//! et vérifier), « Envoyer au binôme » (ce que contiendra le paquet, puis où l'écrire) et
//! « Recevoir » (fenêtre de choix, chemin tapé, ou fichier déposé sur la fenêtre). Tout ce
//! qui touche la base ou un fichier part en tâche de fond.

use std::path::PathBuf;

use iced::widget::{column, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};
use uuid::Uuid;

use crate::domain::date::horodatage_fr;
use crate::services::echange::{self, Arrivee, Envoi, EtatPartenaire};
use crate::services::session::Session;
use crate::services::{cartes, ErreurService};
use crate::ui::dialogues;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_PAQUET: &str = "binome-paquet";

#[derive(Debug, Clone)]
pub enum Message {
    Lu(Result<Vec<EtatPartenaire>, ErreurService>),
    CheminCarte(String),
    ExporterCarte,
    CarteAImporter(String),
    ChoisirCarte,
    CarteChoisie(Option<PathBuf>),
    ImporterCarte,
    VerifierCarte(Uuid),
    /// Ce que partirait vers ce partenaire : calculé, montré, puis écrit sur confirmation.
    Preparer(Uuid),
    Prepare(Result<Box<Envoi>, ErreurService>),
    CheminEnvoi(String),
    ChoisirEmplacement,
    EmplacementChoisi(Option<PathBuf>),
    Ecrire,
    Ecrit(PathBuf, Result<Box<Envoi>, ErreurService>),
    AnnulerEnvoi,
    PaquetARecevoir(String),
    ChoisirPaquet,
    PaquetChoisi(Option<PathBuf>),
    Recevoir,
    Recu(Result<Arrivee, ErreurService>),
    Fait(Result<String, ErreurService>),
    /// Le fichier à écrire existe : le remplacer, ou le garder et changer de nom.
    Remplacer,
    GarderExistant,
    /// Le dossier d'échange à surveiller (dossier partagé, synchronisé, clé USB…).
    DossierEchange(String),
    Surveiller,
    NePlusSurveiller,
}

/// Ce qui attend la confirmation du remplacement d'un fichier existant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AEcrire {
    Carte,
    Paquet,
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    /// Un paquet reçu ou écrit, une carte importée : la session relit son portefeuille et
    /// l'état de l'échange (À faire).
    Modifie(Task<Message>),
    /// Le dossier d'échange surveillé a changé : le relever tout de suite.
    Relever,
}

pub struct EcranBinome {
    partenaires: Vec<EtatPartenaire>,
    chemin_carte: String,
    carte_a_importer: String,
    /// L'envoi préparé, en attente de confirmation, et où l'écrire.
    envoi: Option<Box<Envoi>>,
    chemin_envoi: String,
    paquet_a_recevoir: String,
    dossier_echange: String,
    a_remplacer: Option<AEcrire>,
    info: Option<String>,
    erreur: Option<String>,
    en_cours: bool,
}

fn documents(nom: &str) -> String {
    crate::services::espace::dossier_des_documents()
        .join(nom)
        .display()
        .to_string()
}

/// Un nom de fichier sans accents ni espaces : « paquet-pour-lea-fictive-2026-12-03-0915 ».
fn nom_de_paquet(partenaire: &str) -> String {
    let simple: String = crate::domain::texte::normaliser(partenaire)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "paquet-pour-{}-{}.binome",
        simple.trim_matches('-'),
        chrono::Local::now().format("%Y-%m-%d-%H%M")
    )
}

impl EcranBinome {
    pub fn new(session: &Session) -> (EcranBinome, Task<Message>) {
        let e = EcranBinome {
            partenaires: Vec::new(),
            chemin_carte: documents("carte-de-binome.json"),
            carte_a_importer: String::new(),
            envoi: None,
            chemin_envoi: String::new(),
            paquet_a_recevoir: String::new(),
            dossier_echange: session
                .preferences()
                .dossier_echange
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            a_remplacer: None,
            info: None,
            erreur: None,
            en_cours: true,
        };
        (e, Self::relire(session))
    }

    fn relire(session: &Session) -> Task<Message> {
        let poste = session.poste();
        en_fond(move || echange::etats(&poste), Message::Lu)
    }

    /// Un fichier déposé sur la fenêtre (ou choisi) : un paquet est reçu aussitôt.
    pub fn recevoir_fichier(&mut self, session: &Session, chemin: PathBuf) -> Task<Message> {
        self.paquet_a_recevoir = chemin.display().to_string();
        self.recevoir(session)
    }

    fn recevoir(&mut self, session: &Session) -> Task<Message> {
        let chemin = PathBuf::from(self.paquet_a_recevoir.trim());
        if self.paquet_a_recevoir.trim().is_empty() {
            self.erreur =
                Some("Indiquez le paquet reçu de votre partenaire (fichier .binome).".into());
            return Task::none();
        }
        let poste = session.poste();
        self.en_cours = true;
        en_fond(move || echange::importer(&poste, &chemin), Message::Recu)
    }

    fn exporter_carte(&mut self, session: &Session, remplacer: bool) -> Task<Message> {
        let chemin = PathBuf::from(self.chemin_carte.trim());
        let poste = session.poste();
        self.en_cours = true;
        en_fond(
            move || {
                let c = cartes::exporter(&poste, &chemin, remplacer)?;
                Ok(format!(
                    "Votre carte est écrite dans {} : donnez-la à votre partenaire (courriel, clé USB). Son empreinte, à lui lire au téléphone : {}",
                    chemin.display(),
                    c.empreinte()
                ))
            },
            Message::Fait,
        )
    }

    fn ecrire_paquet(&mut self, session: &Session, remplacer: bool) -> Task<Message> {
        let Some(e) = &self.envoi else {
            return Task::none();
        };
        let compte = e.partenaire.compte;
        let chemin = PathBuf::from(self.chemin_envoi.trim());
        let poste = session.poste();
        self.en_cours = true;
        en_fond(
            {
                let chemin = chemin.clone();
                move || echange::exporter(&poste, compte, &chemin, remplacer).map(Box::new)
            },
            move |r| Message::Ecrit(chemin, r),
        )
    }

    fn regler_surveillance(&mut self, session: &mut Session, d: Option<PathBuf>) -> Action {
        let texte = match &d {
            Some(d) => format!(
                "Binôme surveille {} : les paquets de votre binôme qui y arrivent sont reçus d'eux-mêmes, toutes les 15 secondes, tant que la fenêtre est ouverte.",
                d.display()
            ),
            None => "Le dossier d'échange n'est plus surveillé.".into(),
        };
        let surveille = d.is_some();
        session.preferences_mut().dossier_echange = d;
        match session.enregistrer_preferences() {
            Ok(()) => {
                self.erreur = None;
                self.info = Some(texte);
                if surveille {
                    return Action::Relever;
                }
            }
            Err(e) => self.erreur = Some(e.to_string()),
        }
        Action::Aucune
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        let poste = session.poste();
        let fond = |travail: Box<dyn FnOnce() -> Result<String, ErreurService> + Send>| {
            Action::Tache(en_fond(travail, Message::Fait))
        };
        match m {
            Message::Fait(Err(ErreurService::SortieExistante { .. })) => {
                self.en_cours = false;
                self.a_remplacer = Some(AEcrire::Carte);
            }
            Message::Ecrit(_, Err(ErreurService::SortieExistante { .. })) => {
                self.en_cours = false;
                self.a_remplacer = Some(AEcrire::Paquet);
            }
            Message::DossierEchange(t) => self.dossier_echange = t,
            Message::Surveiller => {
                let d = PathBuf::from(self.dossier_echange.trim());
                if self.dossier_echange.trim().is_empty() || !d.is_dir() {
                    self.erreur = Some(format!(
                        "« {} » n'est pas un dossier accessible : indiquez le dossier partagé (ou synchronisé) où votre partenaire dépose ses paquets.",
                        self.dossier_echange.trim()
                    ));
                    return Action::Aucune;
                }
                return self.regler_surveillance(session, Some(d));
            }
            Message::NePlusSurveiller => return self.regler_surveillance(session, None),
            Message::GarderExistant => {
                self.a_remplacer = None;
                self.info = Some(
                    "Le fichier existant est gardé : changez le nom, puis recommencez.".into(),
                );
            }
            Message::Remplacer => {
                return match self.a_remplacer.take() {
                    Some(AEcrire::Carte) => Action::Tache(self.exporter_carte(session, true)),
                    Some(AEcrire::Paquet) => Action::Tache(self.ecrire_paquet(session, true)),
                    None => Action::Aucune,
                };
            }
            Message::Lu(r) => {
                self.en_cours = false;
                match r {
                    Ok(p) => self.partenaires = p,
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::CheminCarte(t) => self.chemin_carte = t,
            Message::CarteAImporter(t) => self.carte_a_importer = t,
            Message::CheminEnvoi(t) => self.chemin_envoi = t,
            Message::PaquetARecevoir(t) => self.paquet_a_recevoir = t,
            Message::AnnulerEnvoi => self.envoi = None,
            Message::CarteChoisie(Some(p)) => self.carte_a_importer = p.display().to_string(),
            Message::EmplacementChoisi(Some(p)) => self.chemin_envoi = p.display().to_string(),
            Message::PaquetChoisi(Some(p)) => {
                return Action::Tache(self.recevoir_fichier(session, p));
            }
            Message::CarteChoisie(None)
            | Message::EmplacementChoisi(None)
            | Message::PaquetChoisi(None) => {}
            Message::Fait(r) => {
                self.en_cours = false;
                match r {
                    Ok(i) => {
                        self.info = Some(i);
                        self.erreur = None;
                        self.en_cours = true;
                        return Action::Modifie(Self::relire(session));
                    }
                    Err(e) => {
                        self.erreur = Some(e.to_string());
                        self.info = None;
                    }
                }
            }
            Message::Prepare(r) => {
                self.en_cours = false;
                match r {
                    Ok(e) => {
                        self.chemin_envoi = documents(&nom_de_paquet(&e.partenaire.nom));
                        self.envoi = Some(e);
                        self.erreur = None;
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Ecrit(chemin, r) => {
                self.en_cours = false;
                match r {
                    Ok(e) => {
                        self.envoi = None;
                        self.erreur = None;
                        self.info = Some(format!(
                            "Paquet n° {} pour {} écrit dans {} ({}). Donnez ce fichier à votre partenaire (courriel, clé USB, dossier partagé) : il est chiffré pour lui seul.",
                            e.numero.unwrap_or_default(),
                            e.partenaire.nom,
                            chemin.display(),
                            e.resume
                        ));
                        self.en_cours = true;
                        return Action::Modifie(Self::relire(session));
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Recu(r) => {
                self.en_cours = false;
                match r {
                    Ok(a) => {
                        self.info = Some(a.message());
                        self.erreur = None;
                        self.paquet_a_recevoir.clear();
                        self.en_cours = true;
                        return Action::Modifie(Self::relire(session));
                    }
                    Err(e) => {
                        self.erreur = Some(e.to_string());
                        self.info = None;
                    }
                }
            }
            _ if self.en_cours => {}
            Message::ChoisirCarte => {
                return Action::Tache(Task::perform(
                    dialogues::ouvrir(
                        "Importer la carte de votre partenaire",
                        "Carte de binôme",
                        "json",
                    ),
                    Message::CarteChoisie,
                ));
            }
            Message::ChoisirPaquet => {
                return Action::Tache(Task::perform(
                    dialogues::ouvrir(
                        "Recevoir un paquet de votre partenaire",
                        "Paquet Binôme",
                        "binome",
                    ),
                    Message::PaquetChoisi,
                ));
            }
            Message::ChoisirEmplacement => {
                return Action::Tache(Task::perform(
                    dialogues::enregistrer_sous(
                        "Écrire le paquet pour votre partenaire",
                        "Paquet Binôme",
                        "binome",
                        PathBuf::from(self.chemin_envoi.trim()),
                    ),
                    Message::EmplacementChoisi,
                ));
            }
            Message::Recevoir => return Action::Tache(self.recevoir(session)),
            Message::Preparer(compte) => {
                self.en_cours = true;
                self.info = None;
                return Action::Tache(en_fond(
                    move || echange::preparer(&poste, compte).map(Box::new),
                    Message::Prepare,
                ));
            }
            Message::Ecrire => {
                self.a_remplacer = None;
                return Action::Tache(self.ecrire_paquet(session, false));
            }
            Message::ExporterCarte => {
                self.a_remplacer = None;
                return Action::Tache(self.exporter_carte(session, false));
            }
            Message::ImporterCarte => {
                let chemin = PathBuf::from(self.carte_a_importer.trim());
                self.en_cours = true;
                return fond(Box::new(move || {
                    let c = cartes::importer(&poste, &chemin)?;
                    Ok(format!(
                        "Carte de {} importée, non vérifiée. Comparez avec lui, au téléphone, l'empreinte : {} ; puis « Marquer vérifiée ».",
                        c.nom,
                        c.empreinte()
                    ))
                }));
            }
            Message::VerifierCarte(compte) => {
                self.en_cours = true;
                return fond(Box::new(move || {
                    cartes::verifier(&poste, compte)?;
                    Ok("Carte vérifiée : vous pouvez échanger avec ce partenaire.".into())
                }));
            }
        }
        Action::Aucune
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let mut c = column![widgets::titre("Échange avec votre binôme")].spacing(16);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            c = c.push(widgets::information(i));
        }
        if let Some(quoi) = self.a_remplacer {
            let chemin = match quoi {
                AEcrire::Carte => &self.chemin_carte,
                AEcrire::Paquet => &self.chemin_envoi,
            };
            c = c.push(widgets::remplacer(
                chemin.trim(),
                Message::Remplacer,
                Message::GarderExistant,
                "Garder l'existant et changer le nom",
            ));
        }
        if session.utilisateur().is_none() {
            return c
                .push(widgets::information(
                    "Ce compte n'est lié à aucune fiche de professionnel : il n'a pas de binôme.",
                ))
                .padding(16)
                .into();
        }
        // Le premier jour, les cartes d'abord : rien ne s'échange sans elles.
        if self.partenaires.is_empty() {
            if !self.en_cours {
                c = c.push(widgets::information(
                    "Aucun partenaire pour l'instant : écrivez votre carte, donnez-la à votre partenaire, importez la sienne et vérifiez ensemble son empreinte.",
                ));
            }
            return scrollable(
                c.push(self.vue_cartes())
                    .push(self.vue_reception(session))
                    .padding(16),
            )
            .height(Length::Fill)
            .into();
        }
        c = c.push(self.vue_reception(session));
        for p in &self.partenaires {
            c = c.push(self.vue_partenaire(p));
        }
        c = c.push(self.vue_cartes());
        scrollable(c.padding(16)).height(Length::Fill).into()
    }

    fn vue_reception<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let surveille = session.preferences().dossier_echange.is_some();
        widgets::carte(
            column![
                widgets::sous_titre("Recevoir un paquet de votre partenaire"),
                text("Le paquet (fichier .binome) arrive par courriel, clé USB ou dossier partagé. Choisissez-le, tapez son chemin, ou déposez-le sur la fenêtre : il est vérifié (signé par votre partenaire, chiffré pour vous) puis appliqué tout ou rien.").size(13),
                row![
                    widgets::champ_valide(
                        "Paquet reçu",
                        ID_PAQUET,
                        &self.paquet_a_recevoir,
                        "chemin du fichier .binome",
                        None,
                        Message::PaquetARecevoir,
                        actif(Message::Recevoir)
                    ),
                    widgets::bouton("Choisir…", actif(Message::ChoisirPaquet)),
                    widgets::bouton("Recevoir", actif(Message::Recevoir)),
                ]
                .spacing(10)
                .align_y(Alignment::End),
                text("Facultatif : un dossier partagé ou synchronisé où votre partenaire dépose ses paquets. Binôme le surveille et reçoit ce qui y arrive (les paquets que vous y déposez pour lui sont ignorés).").size(13),
                row![
                    widgets::champ(
                        "Dossier d'échange surveillé",
                        "binome-dossier-echange",
                        &self.dossier_echange,
                        "chemin du dossier",
                        None,
                        Message::DossierEchange
                    ),
                    if surveille {
                        widgets::bouton("Ne plus surveiller", Some(Message::NePlusSurveiller))
                    } else {
                        widgets::bouton("Surveiller", Some(Message::Surveiller))
                    },
                ]
                .spacing(10)
                .align_y(Alignment::End),
            ]
            .spacing(8),
        )
    }

    fn vue_partenaire<'a>(&'a self, p: &'a EtatPartenaire) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let c = &p.carte.carte;
        let envoye = p.derniers.envoye.as_ref().map_or_else(
            || "aucun paquet envoyé".to_string(),
            |(n, le, _)| format!("dernier paquet envoyé : n° {n} le {}", horodatage_fr(le)),
        );
        let recu = p.derniers.recu.as_ref().map_or_else(
            || "aucun paquet reçu".to_string(),
            |(n, le)| format!("dernier reçu : n° {n} le {}", horodatage_fr(le)),
        );
        let mut a = column![
            widgets::sous_titre(format!("{} — {}, {}", c.nom, c.role.libelle(), c.structure)),
            text(format!(
                "{} dossier(s) en commun ; {envoye} ; {recu}.",
                p.dossiers
            ))
            .size(TAILLE_TEXTE),
        ]
        .spacing(8);
        if p.a_envoyer > 0 {
            a = a.push(
                text(format!(
                    "⚠ {} dossier(s) ont changé depuis le dernier paquet envoyé.",
                    p.a_envoyer
                ))
                .size(TAILLE_TEXTE)
                .style(text::warning),
            );
        }
        if !p.verifiee() {
            return widgets::carte(a.push(
                row![
                    text(format!(
                        "Carte non vérifiée — empreinte : {}. Comparez ces six mots avec votre partenaire (au téléphone) : rien ne s'échange avant.",
                        p.carte.empreinte
                    ))
                    .size(TAILLE_TEXTE)
                    .width(Length::Fill),
                    widgets::bouton("Marquer vérifiée", actif(Message::VerifierCarte(c.compte))),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            ));
        }
        match &self.envoi {
            Some(e) if e.partenaire.compte == c.compte => {
                a = a.push(
                    column![
                        text(format!("Le paquet contiendra : {}.", e.resume)).size(TAILLE_TEXTE),
                        text("Les notes privées et ce que la personne n'a pas accepté de partager ne partent jamais.").size(13),
                        row![
                            widgets::champ(
                                "Écrire le paquet dans",
                                "binome-envoi",
                                &self.chemin_envoi,
                                "chemin du fichier",
                                None,
                                Message::CheminEnvoi
                            ),
                            widgets::bouton("Choisir…", actif(Message::ChoisirEmplacement)),
                        ]
                        .spacing(10)
                        .align_y(Alignment::End),
                        row![
                            widgets::bouton_principal(
                                "Écrire le paquet".into(),
                                actif(Message::Ecrire)
                            ),
                            widgets::bouton("Annuler", Some(Message::AnnulerEnvoi)),
                        ]
                        .spacing(10),
                    ]
                    .spacing(8),
                );
            }
            _ => {
                a = a.push(widgets::bouton_principal(
                    "Envoyer au binôme…".into(),
                    actif(Message::Preparer(c.compte)),
                ));
            }
        }
        widgets::carte(a)
    }

    /// Sa carte de binôme à donner, celle du partenaire à importer.
    fn vue_cartes(&self) -> Element<'_, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        widgets::carte(
            column![
                widgets::sous_titre("Cartes de binôme"),
                text("Votre carte porte vos clés publiques et votre fiche, signées. Donnez-la à votre partenaire ; importez la sienne ; comparez ensemble, au téléphone, les six mots de l'empreinte avant de la marquer vérifiée.").size(13),
                row![
                    widgets::champ("Écrire ma carte dans", "binome-carte", &self.chemin_carte, "chemin du fichier", None, Message::CheminCarte),
                    widgets::bouton("Exporter ma carte", actif(Message::ExporterCarte)),
                ]
                .spacing(10)
                .align_y(Alignment::End),
                row![
                    widgets::champ("Carte du partenaire à importer", "binome-carte-partenaire", &self.carte_a_importer, "chemin du fichier reçu", None, Message::CarteAImporter),
                    widgets::bouton("Choisir…", actif(Message::ChoisirCarte)),
                    widgets::bouton("Importer", actif(Message::ImporterCarte)),
                ]
                .spacing(10)
                .align_y(Alignment::End),
            ]
            .spacing(8),
        )
    }
}
