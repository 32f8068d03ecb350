//! La porte : avant toute session, la création du premier compte (poste neuf, avec son
//! code de secours montré une seule fois), la connexion, et le secours quand tous les mots
//! de passe d'administrateur sont perdus. La base reste fermée tant qu'on n'est pas passé.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length, Task};

use crate::domain::mot_de_passe::indication;
use crate::services::acces;
use crate::services::demo::comptes::{COMPTES_DEMO, MOT_DE_PASSE_DEMO};
use crate::services::espace::Espace;
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::ui::tache::{en_fond, Colis};
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_IDENTIFIANT: &str = "porte-identifiant";
pub const ID_MOT_DE_PASSE: &str = "porte-mot-de-passe";
pub const ID_CODE: &str = "porte-code";
pub const ID_SAUVEGARDE: &str = "porte-sauvegarde";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Poste neuf : créer le premier compte.
    Premiere,
    Connexion,
    Secours,
    /// Remettre en place une sauvegarde (base endommagée, ou retour en arrière voulu par un
    /// administrateur), base fermée.
    Restauration,
}

#[derive(Debug, Clone)]
pub enum Message {
    Identifiant(String),
    MotDePasse(String),
    Confirmation(String),
    Code(String),
    Valider,
    Mode(Mode),
    Ouverte(Result<(Colis<Session>, Option<String>), ErreurService>),
    Continuer,
    Sauvegarde(String),
    /// Les sauvegardes du dossier de données, lues hors de la fenêtre.
    Sauvegardes(Vec<std::path::PathBuf>),
    Restauree(Result<(std::path::PathBuf, std::path::PathBuf), ErreurService>),
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    Ouvrir(Box<Session>),
}

pub struct Porte {
    espace: Espace,
    aujourdhui: crate::domain::date::Jour,
    pub mode: Mode,
    identifiant: String,
    mot_de_passe: String,
    confirmation: String,
    code: String,
    /// La sauvegarde à restaurer ; vide : la plus récente qui se vérifie.
    sauvegarde: String,
    /// Les sauvegardes disponibles, les plus récentes d'abord (mode restauration).
    sauvegardes: Vec<std::path::PathBuf>,
    erreur: Option<String>,
    info: Option<String>,
    en_cours: bool,
    /// Après la création du premier compte : le code de secours à noter, et la session.
    code_a_noter: Option<(String, Colis<Session>)>,
}

impl Porte {
    pub fn new(espace: Espace, installe: bool, aujourdhui: crate::domain::date::Jour) -> Porte {
        Porte {
            espace,
            aujourdhui,
            mode: if installe {
                Mode::Connexion
            } else {
                Mode::Premiere
            },
            identifiant: String::new(),
            mot_de_passe: String::new(),
            confirmation: String::new(),
            code: String::new(),
            sauvegarde: String::new(),
            sauvegardes: Vec::new(),
            erreur: None,
            info: None,
            en_cours: false,
            code_a_noter: None,
        }
    }

    /// La porte ouverte pour restaurer une sauvegarde (depuis les comptes, session fermée),
    /// et la tâche qui liste les sauvegardes.
    pub fn pour_restaurer(
        espace: Espace,
        aujourdhui: crate::domain::date::Jour,
    ) -> (Porte, Task<Message>) {
        let mut p = Porte::new(espace, true, aujourdhui);
        p.mode = Mode::Restauration;
        p.info =
            Some("Session fermée. Identifiez-vous comme administrateur pour restaurer.".into());
        let t = p.lister_sauvegardes();
        (p, t)
    }

    /// Lit la liste des sauvegardes hors de `update` et de `view`.
    fn lister_sauvegardes(&self) -> Task<Message> {
        let espace = self.espace.clone();
        Task::perform(
            async move { crate::services::sauvegardes::disponibles(&espace) },
            Message::Sauvegardes,
        )
    }

    /// Une erreur à dire avant toute saisie (trousseau illisible…).
    pub fn signaler(&mut self, e: String) {
        self.erreur = Some(e);
    }

    /// Le premier champ, qui reçoit le focus à l'ouverture.
    pub fn premier_champ(&self) -> &'static str {
        match self.mode {
            Mode::Secours => ID_CODE,
            _ => ID_IDENTIFIANT,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Identifiant(t) => self.identifiant = t,
            Message::MotDePasse(t) => self.mot_de_passe = t,
            Message::Confirmation(t) => self.confirmation = t,
            Message::Code(t) => self.code = t,
            Message::Sauvegarde(t) => self.sauvegarde = t,
            Message::Sauvegardes(v) => self.sauvegardes = v,
            Message::Restauree(r) => {
                self.en_cours = false;
                self.mot_de_passe.clear();
                match r {
                    Ok((f, ancienne)) => {
                        self.mode = Mode::Connexion;
                        self.erreur = None;
                        self.info = Some(format!(
                            "Base restaurée depuis {} ; la base remplacée est gardée dans {}. Connectez-vous.",
                            f.display(),
                            ancienne.display()
                        ));
                        return Action::Tache(crate::ui::defilement::vers(ID_MOT_DE_PASSE));
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Mode(m) => {
                self.mode = m;
                self.erreur = None;
                self.info = None;
                self.mot_de_passe.clear();
                self.confirmation.clear();
                let focus = crate::ui::defilement::vers(self.premier_champ());
                return Action::Tache(if m == Mode::Restauration {
                    Task::batch([focus, self.lister_sauvegardes()])
                } else {
                    focus
                });
            }
            Message::Valider if !self.en_cours => return self.valider(),
            Message::Valider => {}
            Message::Ouverte(r) => {
                self.en_cours = false;
                // Sur une base endommagée, le mot de passe sert aussitôt à la restaurer.
                if !matches!(&r, Err(e) if e.base_endommagee()) {
                    self.mot_de_passe.clear();
                }
                self.confirmation.clear();
                match r {
                    Ok((colis, Some(code))) => self.code_a_noter = Some((code, colis)),
                    Ok((colis, None)) => {
                        if let Some(s) = colis.prendre() {
                            return Action::Ouvrir(Box::new(s));
                        }
                    }
                    // La base est en cause : la porte propose la dernière bonne sauvegarde.
                    Err(e) if e.base_endommagee() => {
                        self.erreur = Some(e.to_string());
                        self.mode = Mode::Restauration;
                        return Action::Tache(Task::batch([
                            crate::ui::defilement::vers(ID_MOT_DE_PASSE),
                            self.lister_sauvegardes(),
                        ]));
                    }
                    Err(e) => {
                        self.erreur = Some(e.to_string());
                        return Action::Tache(crate::ui::defilement::vers(ID_MOT_DE_PASSE));
                    }
                }
            }
            Message::Continuer => {
                if let Some(s) = self.code_a_noter.take().and_then(|(_, c)| c.prendre()) {
                    return Action::Ouvrir(Box::new(s));
                }
            }
        }
        Action::Aucune
    }

    fn valider(&mut self) -> Action {
        if self.mode == Mode::Restauration {
            return self.restaurer();
        }
        self.erreur = None;
        self.info = None;
        self.en_cours = true;
        let espace = self.espace.clone();
        let jour = self.aujourdhui;
        let identifiant = self.identifiant.clone();
        let mdp = self.mot_de_passe.clone();
        let confirmation = self.confirmation.clone();
        let code = self.code.clone();
        let mode = self.mode;
        Action::Tache(en_fond(
            move || {
                let (a, code) = match mode {
                    Mode::Premiere => {
                        let (a, code) =
                            acces::installer(&espace, &identifiant, &mdp, &confirmation)?;
                        (a, Some(code))
                    }
                    Mode::Connexion | Mode::Restauration => {
                        (acces::connecter_fenetre(&espace, &identifiant, &mdp)?, None)
                    }
                    Mode::Secours => {
                        if mdp != confirmation {
                            return Err(acces::ErreurAcces::Confirmation.into());
                        }
                        (acces::secourir(&espace, &code, &identifiant, &mdp)?, None)
                    }
                };
                let mut s = Session::ouvrir(espace, a, jour)?;
                s.suivre_le_jour();
                Ok((Colis::new(s), code))
            },
            Message::Ouverte,
        ))
    }

    fn restaurer(&mut self) -> Action {
        self.erreur = None;
        self.info = None;
        self.en_cours = true;
        let espace = self.espace.clone();
        let (identifiant, mdp) = (self.identifiant.clone(), self.mot_de_passe.clone());
        let fichier = Some(self.sauvegarde.trim())
            .filter(|f| !f.is_empty())
            .map(std::path::PathBuf::from);
        Action::Tache(en_fond(
            move || {
                crate::services::sauvegardes::restaurer_par_mot_de_passe(
                    &espace,
                    &identifiant,
                    &mdp,
                    fichier.as_deref(),
                )
            },
            Message::Restauree,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some((code, _)) = &self.code_a_noter {
            return self.vue_code(code);
        }
        let valider = (!self.en_cours).then_some(Message::Valider);
        let mut f = column![].spacing(12).max_width(520);
        let (titre, explication, bouton) = match self.mode {
            Mode::Premiere => (
                "Bienvenue dans Binôme : créez le premier compte",
                "Ce compte administre le poste (il crée les comptes des autres professionnels) ; vous renseignerez ensuite votre fiche de conseiller dédié ou de référent social. Le mot de passe chiffre la base : il n'est gardé nulle part.",
                "Créer le compte",
            ),
            Mode::Connexion => (
                "Connexion",
                "Chaque professionnel se connecte avec son compte et ne voit que les dossiers qui lui sont confiés.",
                "Se connecter",
            ),
            Mode::Restauration => (
                "Restaurer une sauvegarde",
                "Un administrateur remet en place une sauvegarde chiffrée de la base (celles de chaque jour et de chaque semaine sont dans le dossier « sauvegardes » des données). Elle est vérifiée avant de remplacer quoi que ce soit ; la base actuelle est gardée à côté. Ce qui a été saisi depuis la sauvegarde est perdu.",
                "Restaurer",
            ),
            Mode::Secours => (
                "Rouvrir le poste avec le code de secours",
                "Si tous les mots de passe d'administrateur sont perdus : le code de secours remis à la création du premier compte permet de donner un nouveau mot de passe à un compte d'administrateur.",
                "Rouvrir le poste",
            ),
        };
        f = f.push(widgets::titre(titre));
        f = f.push(text(widgets::insecables(explication)).size(TAILLE_TEXTE));
        if let Some(e) = &self.erreur {
            f = f.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            f = f.push(widgets::information(i));
        }
        if self.mode == Mode::Restauration {
            let dispo = &self.sauvegardes;
            f = f.push(
                text(match dispo.first() {
                    Some(p) => format!(
                        "{} sauvegarde(s) disponible(s) ; la plus récente : {}. Laissez le champ vide pour prendre la plus récente qui se vérifie.",
                        dispo.len(),
                        p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                    ),
                    None => "Aucune sauvegarde dans le dossier des données : indiquez le fichier d'une sauvegarde.".into(),
                })
                .size(TAILLE_TEXTE),
            );
            f = f.push(widgets::champ(
                "Fichier de la sauvegarde (facultatif)",
                ID_SAUVEGARDE,
                &self.sauvegarde,
                "vide : la plus récente qui se vérifie",
                None,
                Message::Sauvegarde,
            ));
        }
        if self.mode == Mode::Secours {
            f = f.push(widgets::champ(
                "Code de secours",
                ID_CODE,
                &self.code,
                "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
                None,
                Message::Code,
            ));
        }
        f = f.push(widgets::champ_valide(
            match self.mode {
                Mode::Secours | Mode::Restauration => "Identifiant du compte d'administrateur",
                _ => "Identifiant",
            },
            ID_IDENTIFIANT,
            &self.identifiant,
            "par exemple : a.martin",
            None,
            Message::Identifiant,
            valider.clone(),
        ));
        let nouveau = matches!(self.mode, Mode::Premiere | Mode::Secours);
        f = f.push(widgets::champ_secret(
            if nouveau {
                "Nouveau mot de passe"
            } else {
                "Mot de passe"
            },
            ID_MOT_DE_PASSE,
            &self.mot_de_passe,
            Message::MotDePasse,
            valider.clone(),
        ));
        if nouveau {
            f = f.push(text(indication(&self.mot_de_passe)).size(13));
            f = f.push(widgets::champ_secret(
                "Le même mot de passe, pour confirmer",
                "porte-confirmation",
                &self.confirmation,
                Message::Confirmation,
                valider.clone(),
            ));
        }
        f = f.push(widgets::bouton_principal(
            if self.en_cours {
                "Vérification…".into()
            } else {
                bouton.into()
            },
            valider,
        ));
        match self.mode {
            Mode::Connexion => {
                f = f.push(widgets::bouton(
                    "Tous les mots de passe d'administrateur sont perdus ? Code de secours…",
                    Some(Message::Mode(Mode::Secours)),
                ));
                f = f.push(widgets::bouton(
                    "Restaurer une sauvegarde… (administrateurs)",
                    Some(Message::Mode(Mode::Restauration)),
                ));
            }
            Mode::Secours | Mode::Restauration => {
                f = f.push(widgets::bouton(
                    "Revenir à la connexion",
                    Some(Message::Mode(Mode::Connexion)),
                ));
            }
            Mode::Premiere => {}
        }
        let mut page = column![widgets::carte(f)].spacing(16).padding(24);
        page = page.push(widgets::carte(comptes_de_demo(self.mode)));
        scrollable(page).height(Length::Fill).into()
    }

    fn vue_code<'a>(&'a self, code: &'a str) -> Element<'a, Message> {
        let f = column![
            widgets::titre("Votre code de secours"),
            text("Notez ce code sur papier et gardez-le en lieu sûr, à part du poste. Il ne sera plus jamais affiché. Il permet de rouvrir le poste si tous les mots de passe d'administrateur sont perdus : sans lui, la base chiffrée serait perdue aussi.").size(TAILLE_TEXTE),
            text(code).size(26).font(iced::Font::MONOSPACE),
            widgets::bouton_principal("J'ai noté le code : continuer".into(), Some(Message::Continuer)),
        ]
        .spacing(16)
        .max_width(620);
        column![widgets::carte(f)].padding(24).into()
    }
}

/// Les comptes de la démonstration, dits sur la porte : on les essaie sans chercher.
fn comptes_de_demo<'a>(mode: Mode) -> Element<'a, Message> {
    let mut c = column![widgets::sous_titre("Comptes de la démonstration")].spacing(6);
    c = c.push(
        text(widgets::insecables(match mode {
            Mode::Premiere => "Pour essayer avec des données fictives : créez ce premier compte puis choisissez « Ouvrir la démonstration ». Votre compte y devient le conseiller dédié ; les autres comptes ci-dessous sont créés (« conseiller » excepté, c'est vous), tous avec le mot de passe :",
            _ => "Si ce poste a chargé la démonstration, ces comptes existent, tous avec le mot de passe :",
        }))
        .size(TAILLE_TEXTE),
    );
    c = c.push(
        text(MOT_DE_PASSE_DEMO)
            .font(iced::Font::MONOSPACE)
            .size(TAILLE_TEXTE),
    );
    for (identifiant, role) in COMPTES_DEMO {
        c = c.push(
            row![
                text(identifiant)
                    .font(iced::Font::MONOSPACE)
                    .size(TAILLE_TEXTE)
                    .width(130),
                text(role).size(TAILLE_TEXTE)
            ]
            .spacing(8),
        );
    }
    c.into()
}
