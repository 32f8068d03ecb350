//! L'écran verrouillé : après l'inactivité réglée (10 minutes par défaut) ou Ctrl+L, la
//! fenêtre ne montre plus rien du travail en cours ; le mot de passe du compte la rouvre
//! telle qu'elle était, saisies comprises.

use iced::widget::{column, text};
use iced::{Element, Task};

use crate::services::acces;
use crate::services::espace::Espace;
use crate::services::ErreurService;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_MOT_DE_PASSE: &str = "verrou-mot-de-passe";

#[derive(Debug, Clone)]
pub enum Message {
    MotDePasse(String),
    Valider,
    Verifie(Result<(), ErreurService>),
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    Deverrouiller,
}

#[derive(Default)]
pub struct Verrou {
    mot_de_passe: String,
    erreur: Option<String>,
    en_cours: bool,
}

impl Verrou {
    pub fn update(&mut self, m: Message, espace: &Espace, identifiant: &str) -> Action {
        match m {
            Message::MotDePasse(t) => self.mot_de_passe = t,
            Message::Valider if !self.en_cours => {
                self.en_cours = true;
                self.erreur = None;
                let espace = espace.clone();
                let identifiant = identifiant.to_string();
                let mdp = std::mem::take(&mut self.mot_de_passe);
                return Action::Tache(en_fond(
                    move || acces::connecter_fenetre(&espace, &identifiant, &mdp).map(drop),
                    Message::Verifie,
                ));
            }
            Message::Valider => {}
            Message::Verifie(r) => {
                self.en_cours = false;
                match r {
                    Ok(()) => return Action::Deverrouiller,
                    Err(e) => {
                        self.erreur = Some(e.to_string());
                        return Action::Tache(crate::ui::defilement::vers(ID_MOT_DE_PASSE));
                    }
                }
            }
        }
        Action::Aucune
    }

    pub fn view<'a>(&'a self, qui: &'a str) -> Element<'a, Message> {
        let valider = (!self.en_cours).then_some(Message::Valider);
        let mut c = column![
            widgets::titre("Binôme est verrouillé"),
            text(format!("Session de {qui}. Le travail en cours est gardé tel quel ; saisissez votre mot de passe pour le retrouver.")).size(TAILLE_TEXTE),
        ]
        .spacing(12)
        .max_width(520);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        c = c.push(widgets::champ_secret(
            "Mot de passe",
            ID_MOT_DE_PASSE,
            &self.mot_de_passe,
            Message::MotDePasse,
            valider.clone(),
        ));
        c = c.push(widgets::bouton_principal(
            if self.en_cours {
                "Vérification…".into()
            } else {
                "Déverrouiller".into()
            },
            valider,
        ));
        column![widgets::carte(c)].padding(24).into()
    }
}
