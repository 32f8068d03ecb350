//! Premier lancement : créer son espace (qui je suis, où je travaille) ou ouvrir la
//! démonstration.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length, Task};

use crate::domain::identifiants::CodeInsee;
use crate::domain::personne::Civilite;
use crate::domain::professionnel::{Affectation, GenreStructure, Professionnel, Role};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_PRENOM: &str = "accueil-prenom";
pub const ID_NOM: &str = "accueil-nom";
/// Nombre de dossiers de la démonstration proposée au premier lancement.
pub const DOSSIERS_DEMO: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    pub code: String,
    pub nom: String,
    pub genre: Option<GenreStructure>,
}

impl std::fmt::Display for Structure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.nom)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Prenom(String),
    Nom(String),
    Role(Role),
    Structure(Structure),
    Creer,
    Demo,
    DemoPrete(Result<(), crate::services::ErreurService>),
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    Pret,
}

#[derive(Debug, Default)]
pub struct Accueil {
    pub prenom: String,
    pub nom: String,
    pub role: Option<Role>,
    pub structure: Option<Structure>,
    pub erreur: Option<String>,
    pub en_cours: bool,
    /// Gardé d'un essai à l'autre : un second clic ne crée pas un second professionnel.
    pub id: Option<uuid::Uuid>,
}

/// Les structures du référentiel pour ce rôle : agences, ou pôles d'insertion, MDS et
/// missions locales (cotraitance des jeunes).
pub fn structures(session: &Session, role: Role) -> Vec<Structure> {
    let s = &session.referentiel().structures;
    match role {
        Role::Conseiller => s
            .agences
            .iter()
            .map(|a| Structure {
                code: a.code.clone(),
                nom: a.nom.clone(),
                genre: None,
            })
            .collect(),
        Role::Referent => s
            .poles_insertion
            .iter()
            .map(|t| (t, GenreStructure::PoleInsertion))
            .chain(s.mds.iter().map(|t| (t, GenreStructure::Mds)))
            .chain(
                s.missions_locales
                    .iter()
                    .map(|t| (t, GenreStructure::MissionLocale)),
            )
            .map(|(t, g)| Structure {
                code: t.code.clone(),
                nom: t.nom.clone(),
                genre: Some(g),
            })
            .collect(),
    }
}

impl Accueil {
    pub fn update(&mut self, message: Message, session: &mut Session) -> Action {
        match message {
            Message::Prenom(t) => self.prenom = t,
            Message::Nom(t) => self.nom = t,
            Message::Role(r) => {
                self.role = Some(r);
                self.structure = None;
            }
            Message::Structure(s) => self.structure = Some(s),
            Message::Creer => return self.creer(session),
            Message::Demo => {
                self.en_cours = true;
                self.erreur = None;
                let espace = session.espace().clone();
                let acces = session.poste().acces().clone();
                let aujourdhui = session.aujourdhui();
                return Action::Tache(crate::ui::tache::en_fond(
                    move || {
                        crate::services::demo::preparer(&espace, &acces, DOSSIERS_DEMO, aujourdhui)
                    },
                    Message::DemoPrete,
                ));
            }
            Message::DemoPrete(r) => {
                self.en_cours = false;
                match r.and_then(|()| crate::services::demo::entrer(session)) {
                    Ok(()) => return Action::Pret,
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
        }
        Action::Aucune
    }

    fn creer(&mut self, session: &mut Session) -> Action {
        let Some(role) = self.role else {
            self.erreur = Some("Indiquez si vous êtes conseiller dédié ou référent social.".into());
            return Action::Aucune;
        };
        let Some(structure) = self.structure.clone() else {
            self.erreur = Some(match role {
                Role::Conseiller => "Choisissez votre agence.".into(),
                Role::Referent => "Choisissez votre structure.".into(),
            });
            return Action::Aucune;
        };
        let affectation = match role {
            Role::Conseiller => Affectation::Agence {
                perimetre: session
                    .referentiel()
                    .structures
                    .agence(&structure.code)
                    .map(|a| {
                        a.communes
                            .iter()
                            .filter_map(|c| CodeInsee::parse(c).ok())
                            .collect()
                    })
                    .unwrap_or_default(),
                agence: structure.code,
            },
            Role::Referent => Affectation::Structure {
                genre: structure.genre.unwrap_or(GenreStructure::Partenaire),
                code: structure.code,
                nom: structure.nom,
            },
        };
        let p = Professionnel {
            id: *self.id.get_or_insert_with(uuid::Uuid::new_v4),
            civilite: Civilite::Madame,
            nom: self.nom.trim().to_string(),
            prenom: self.prenom.trim().to_string(),
            telephone: None,
            courriel: None,
            affectation,
            habilitation: Default::default(),
        };
        match session.definir_utilisateur(p) {
            Ok(()) => Action::Pret,
            Err(e) => {
                self.erreur = Some(e.to_string());
                Action::Aucune
            }
        }
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let mut formulaire = column![
            widgets::sous_titre("Commencer avec mes propres dossiers"),
            widgets::champ(
                "Prénom",
                ID_PRENOM,
                &self.prenom,
                "Votre prénom",
                None,
                Message::Prenom
            ),
            widgets::champ_valide(
                "Nom",
                ID_NOM,
                &self.nom,
                "Votre nom",
                None,
                Message::Nom,
                Some(Message::Creer)
            ),
            text("Je suis").size(TAILLE_TEXTE),
            row![
                widgets::choix(
                    "Conseiller dédié",
                    Role::Conseiller,
                    self.role,
                    Message::Role
                ),
                widgets::choix(
                    "Référent social ou mission locale",
                    Role::Referent,
                    self.role,
                    Message::Role
                ),
            ]
            .spacing(20),
        ]
        .spacing(10)
        .max_width(520);
        if let Some(role) = self.role {
            formulaire = formulaire.push(
                text(match role {
                    Role::Conseiller => "Mon agence",
                    Role::Referent => "Ma structure (pôle d'insertion, MDS ou mission locale)",
                })
                .size(TAILLE_TEXTE),
            );
            formulaire = formulaire.push(widgets::liste(
                structures(session, role),
                self.structure.clone(),
                Message::Structure,
                "Choisir… (flèches haut et bas au clavier)",
            ));
        }
        formulaire = formulaire.push(widgets::bouton_principal(
            "Créer mon espace".into(),
            (!self.en_cours).then_some(Message::Creer),
        ));
        let mut page = column![
            widgets::titre("Bienvenue dans Binôme"),
            text("Binôme accompagne le conseiller dédié et le référent social tout au long de l'accompagnement global : diagnostic partagé, fiches de liaison, concertation, contrat, carnet de route, suivi et sortie. Il porte aussi la cotraitance des jeunes demandeurs d'emploi entre Pôle emploi et les missions locales.").size(TAILLE_TEXTE),
        ]
        .spacing(16)
        .padding(24);
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        page = page.push(widgets::carte(formulaire));
        page = page.push(widgets::carte(
            column![
                widgets::sous_titre("Découvrir avec la démonstration"),
                text(widgets::insecables(&format!("{DOSSIERS_DEMO} dossiers fictifs, à toutes les étapes du parcours, pour essayer sans risque. Votre compte y devient le conseiller dédié qui en suit environ 90 ; les comptes « admin », « referent », « ressources » et « mission-locale » (cotraitance des jeunes) sont créés, avec le mot de passe {}.", crate::services::demo::comptes::MOT_DE_PASSE_DEMO))).size(TAILLE_TEXTE),
                widgets::bouton_principal(
                    if self.en_cours { "Préparation de la démonstration…".into() } else { "Ouvrir la démonstration".into() },
                    (!self.en_cours).then_some(Message::Demo),
                ),
            ]
            .spacing(10),
        ));
        // À 200 % de texte, l'accueil dépasse la fenêtre : il défile.
        scrollable(page).height(Length::Fill).into()
    }
}
