//! L'annuaire des professionnels : les conseillers dédiés et les référents sociaux avec
//! qui l'on forme des binômes, chacun avec sa structure. On y ajoute et on y modifie ; on y
//! arrive aussi depuis le choix d'un membre du binôme, et l'on y revient ensuite.

use iced::widget::{column, row, scrollable, text};
use iced::{Alignment, Element, Length};
use uuid::Uuid;

use crate::domain::personne::{Civilite, ErreurChamp};
use crate::domain::professionnel::{FicheProfessionnel, Professionnel, Role};
use crate::services::session::Session;
use crate::ui::ecrans::accueil::{structures, Structure};
use crate::ui::widgets::{self, TAILLE_TEXTE};

/// Le premier champ du formulaire, qui prend le focus à l'ouverture.
pub const ID_NOM: &str = "annuaire-nom";

#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvrir le formulaire d'ajout, le rôle déjà choisi s'il est connu.
    Ajouter(Option<Role>),
    Modifier(Uuid),
    Texte(&'static str, String),
    Civilite(Civilite),
    Role(Role),
    Structure(Structure),
    Enregistrer,
    Annuler,
    /// Fermer l'avis de ce qui vient d'être enregistré.
    FermerAvis,
}

pub enum Action {
    Aucune,
    /// Revenir au dossier d'où l'on est venu ajouter un professionnel.
    RetourDossier(Uuid),
    Focus(&'static str),
}

/// Le formulaire ouvert : la fiche, et le professionnel modifié (aucun pour un ajout).
pub struct Formulaire {
    pub fiche: FicheProfessionnel,
    pub id: Option<Uuid>,
    pub erreurs: Vec<ErreurChamp>,
}

#[derive(Default)]
pub struct Annuaire {
    pub formulaire: Option<Formulaire>,
    pub info: Option<String>,
    pub erreur: Option<String>,
    /// Venu d'un dossier pour y choisir un membre du binôme : on y retourne après.
    pub retour: Option<Uuid>,
    professionnels: Vec<Professionnel>,
}

impl Annuaire {
    pub fn new(session: &Session) -> Annuaire {
        let mut a = Annuaire::default();
        a.recharger(session);
        a
    }

    /// Ouvert depuis un dossier pour y ajouter un professionnel de ce rôle.
    pub fn pour_dossier(session: &Session, dossier: Uuid, role: Role) -> Annuaire {
        let mut a = Annuaire::new(session);
        a.retour = Some(dossier);
        a.ouvrir(None, Some(role));
        a
    }

    fn recharger(&mut self, session: &Session) {
        match session.professionnels() {
            Ok(mut v) => {
                v.sort_by_key(|p| (p.role(), p.nom.to_uppercase(), p.prenom.clone()));
                self.professionnels = v;
            }
            Err(e) => self.erreur = Some(e.to_string()),
        }
    }

    fn ouvrir(&mut self, p: Option<&Professionnel>, role: Option<Role>) {
        let fiche = match p {
            Some(p) => FicheProfessionnel::de(p),
            None => FicheProfessionnel {
                role,
                ..FicheProfessionnel::default()
            },
        };
        self.formulaire = Some(Formulaire {
            fiche,
            id: p.map(|p| p.id),
            erreurs: Vec::new(),
        });
        self.info = None;
    }

    /// Échap ferme le formulaire ; Ctrl+S l'enregistre.
    pub fn raccourci(&self, r: crate::ui::raccourcis::Raccourci) -> Option<Message> {
        use crate::ui::raccourcis::Raccourci;
        match r {
            Raccourci::Enregistrer if self.formulaire.is_some() => Some(Message::Enregistrer),
            Raccourci::Echap if self.formulaire.is_some() => Some(Message::Annuler),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, session: &mut Session) -> Action {
        match message {
            Message::Ajouter(role) => {
                self.ouvrir(None, role);
                return Action::Focus(widgets::ID_CIVILITE);
            }
            Message::Modifier(id) => {
                let p = self.professionnels.iter().find(|p| p.id == id).cloned();
                self.ouvrir(p.as_ref(), None);
                return Action::Focus(ID_NOM);
            }
            Message::FermerAvis => self.info = None,
            Message::Annuler => {
                self.formulaire = None;
                if let Some(d) = self.retour {
                    return Action::RetourDossier(d);
                }
            }
            Message::Enregistrer => return self.enregistrer(session),
            m => {
                if let Some(f) = &mut self.formulaire {
                    let fiche = &mut f.fiche;
                    match m {
                        Message::Texte(champ, v) => {
                            f.erreurs.retain(|e| e.champ != champ);
                            match champ {
                                "nom" => fiche.nom = v,
                                "prenom" => fiche.prenom = v,
                                "partenaire" => {
                                    fiche.partenaire = v;
                                    fiche.structure.clear();
                                }
                                "perimetre" => fiche.perimetre = v,
                                "telephone" => fiche.telephone = v,
                                "courriel" => fiche.courriel = v,
                                _ => {}
                            }
                        }
                        Message::Civilite(c) => fiche.civilite = Some(c),
                        Message::Role(r) => {
                            if fiche.role != Some(r) {
                                fiche.structure.clear();
                                fiche.perimetre.clear();
                            }
                            fiche.role = Some(r);
                        }
                        Message::Structure(s) => {
                            fiche.structure = s.code;
                            fiche.partenaire.clear();
                        }
                        _ => {}
                    }
                }
            }
        }
        Action::Aucune
    }

    fn enregistrer(&mut self, session: &mut Session) -> Action {
        let Some(f) = &mut self.formulaire else {
            return Action::Aucune;
        };
        let existant =
            f.id.and_then(|id| self.professionnels.iter().find(|p| p.id == id));
        let habilitation = existant.map(|p| p.habilitation).unwrap_or_default();
        let id = f.id.unwrap_or_else(Uuid::new_v4);
        let p = match f
            .fiche
            .professionnel(id, habilitation, session.referentiel())
        {
            Ok(p) => p,
            Err(e) => {
                f.erreurs = e;
                return Action::Focus(premier_en_erreur(&f.erreurs));
            }
        };
        if let Some(autre) = p.doublon(&self.professionnels) {
            f.erreurs = vec![ErreurChamp::new(
                "nom",
                format!(
                    "{} est déjà dans l'annuaire ({}) : modifiez sa fiche plutôt que de l'ajouter une seconde fois.",
                    autre.nom_affiche(),
                    autre.structure(session.referentiel())
                ),
            )];
            return Action::Focus(ID_NOM);
        }
        if let Err(e) = session.enregistrer_professionnel(p.clone()) {
            self.erreur = Some(e.to_string());
            return Action::Aucune;
        }
        self.formulaire = None;
        self.erreur = None;
        self.info = Some(format!(
            "{} enregistré dans l'annuaire ({}, {}).",
            p.nom_affiche(),
            p.role().libelle(),
            p.structure(session.referentiel())
        ));
        self.recharger(session);
        match self.retour {
            Some(d) => Action::RetourDossier(d),
            None => Action::Aucune,
        }
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let mut c = column![
            widgets::titre("Annuaire des professionnels"),
            text(
                "Les conseillers dédiés et les référents sociaux avec qui vous formez des binômes."
            )
            .size(13),
        ]
        .spacing(10);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        match &self.formulaire {
            Some(f) => c = c.push(self.formulaire(f, session)),
            None => {
                c = c.push(widgets::bouton_principal(
                    "Ajouter un professionnel".into(),
                    Some(Message::Ajouter(None)),
                ))
            }
        }
        for role in [Role::Conseiller, Role::Referent] {
            let membres: Vec<&Professionnel> = self
                .professionnels
                .iter()
                .filter(|p| p.role() == role)
                .collect();
            let mut liste = column![widgets::sous_titre(match role {
                Role::Conseiller => format!("Conseillers dédiés ({})", membres.len()),
                Role::Referent => format!("Référents sociaux ({})", membres.len()),
            })]
            .spacing(6);
            if membres.is_empty() {
                liste = liste.push(text("Aucun pour l'instant.").size(13));
            }
            for p in membres {
                let coordonnees = p.coordonnees();
                liste = liste.push(
                    row![
                        column![
                            text(p.nom_affiche()).size(TAILLE_TEXTE),
                            text(p.structure(session.referentiel())).size(13),
                            text(coordonnees.join(" · ")).size(12),
                        ]
                        .spacing(2)
                        .width(Length::Fill),
                        widgets::bouton("Modifier", Some(Message::Modifier(p.id))),
                    ]
                    .spacing(10)
                    .align_y(Alignment::Center),
                );
            }
            c = c.push(widgets::carte(liste));
        }
        widgets::avis_flottant(
            scrollable(c.max_width(760).padding(16)).height(Length::Fill),
            self.info.as_deref(),
            Message::FermerAvis,
        )
    }

    fn formulaire<'a>(&'a self, f: &'a Formulaire, session: &'a Session) -> Element<'a, Message> {
        let s = &f.fiche;
        let erreur = |champ: &str| {
            f.erreurs
                .iter()
                .find(|e| e.champ == champ)
                .map(|e| e.message.as_str())
        };
        let champ = |libelle: &'a str, id: &'static str, valeur: &'a str, aide: &'a str| {
            widgets::champ_valide(
                libelle,
                if id == "nom" { ID_NOM } else { id },
                valeur,
                aide,
                erreur(id),
                move |v| Message::Texte(id, v),
                Some(Message::Enregistrer),
            )
        };
        let alerte = |champ: &str| {
            erreur(champ).map(|e| text(format!("⚠ {e}")).size(13).style(text::danger))
        };
        let mut c = column![widgets::sous_titre(if f.id.is_some() {
            "Modifier la fiche"
        } else {
            "Ajouter un professionnel"
        })]
        .spacing(8);
        c = c
            .push(text("Civilité *").size(TAILLE_TEXTE))
            .push(widgets::civilite(s.civilite, Message::Civilite));
        if let Some(a) = alerte("civilite") {
            c = c.push(a);
        }
        c = c
            .push(champ("Nom *", "nom", &s.nom, "Nom d'usage"))
            .push(champ("Prénom *", "prenom", &s.prenom, "Prénom"))
            .push(text("Rôle *").size(TAILLE_TEXTE))
            .push(
                row![
                    widgets::choix("Conseiller dédié", Role::Conseiller, s.role, Message::Role),
                    widgets::choix("Référent social", Role::Referent, s.role, Message::Role),
                ]
                .spacing(20),
            );
        if let Some(a) = alerte("role") {
            c = c.push(a);
        }
        if let Some(role) = s.role {
            let choix = structures(session, role);
            let choisie = choix.iter().find(|x| x.code == s.structure).cloned();
            c = c
                .push(
                    text(match role {
                        Role::Conseiller => "Agence *",
                        Role::Referent => "Pôle d'insertion ou maison de la solidarité",
                    })
                    .size(TAILLE_TEXTE),
                )
                .push(widgets::liste(
                    choix,
                    choisie,
                    Message::Structure,
                    "Choisir dans le référentiel…",
                ));
            match role {
                Role::Referent => {
                    c = c.push(champ(
                        "ou structure partenaire",
                        "partenaire",
                        &s.partenaire,
                        "ex. CCAS de Salon-de-Provence",
                    ));
                }
                Role::Conseiller => {
                    c = c.push(champ(
                        "Périmètre (communes, séparées par des virgules)",
                        "perimetre",
                        &s.perimetre,
                        "vide : toutes les communes de l'agence",
                    ));
                }
            }
            if let Some(a) = alerte("structure") {
                c = c.push(a);
            }
        }
        c = c
            .push(champ(
                "Téléphone",
                "telephone",
                &s.telephone,
                "ex. 04 90 12 34 56",
            ))
            .push(champ(
                "Courriel",
                "courriel",
                &s.courriel,
                "ex. prenom.nom@exemple.fr",
            ));
        if !f.erreurs.is_empty() {
            c = c.push(widgets::erreur(&format!(
                "{} point(s) à corriger avant d'enregistrer.",
                f.erreurs.len()
            )));
        }
        c = c.push(
            row![
                widgets::bouton("Annuler (Échap)", Some(Message::Annuler)),
                widgets::bouton_principal(
                    "Enregistrer (Ctrl+S)".into(),
                    Some(Message::Enregistrer)
                ),
            ]
            .spacing(10),
        );
        widgets::carte(c)
    }
}

/// Le champ à rejoindre d'abord : la première erreur dans l'ordre du formulaire.
fn premier_en_erreur(erreurs: &[ErreurChamp]) -> &'static str {
    const ORDRE: [&str; 8] = [
        "civilite",
        "nom",
        "prenom",
        "partenaire",
        "perimetre",
        "telephone",
        "courriel",
        "structure",
    ];
    ORDRE
        .into_iter()
        .find(|c| erreurs.iter().any(|e| e.champ == *c))
        .map_or(ID_NOM, |c| if c == "nom" { ID_NOM } else { c })
}
