//! Nouveau dossier : l'identité de la personne, vérifiée champ par champ, l'initiative, et
//! la structure à contacter selon le protocole de désignation. Un brouillon est gardé à
//! chaque frappe.
//!
//! Le même formulaire change ensuite la situation d'un dossier ouvert (identité,
//! coordonnées, commune, RSA, enfant mineur, agence), à une date donnée, avec ce que ce
//! changement demande de revoir.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length};
use uuid::Uuid;

use crate::domain::date::date_fr;
use crate::domain::designation::{designer, reexamen, Situation};
use crate::domain::dossier::{Commande, Dossier, Ouverture};
use crate::domain::personne::{Civilite, ErreurChamp, Personne};
use crate::domain::professionnel::Role;
use crate::services::session::Session;
use crate::services::ErreurStore;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub use crate::domain::saisie::SaisiePersonne as Saisie;

pub const CLE_BROUILLON: &str = "nouveau_dossier";

/// Les champs dans l'ordre de tabulation.
pub const CHAMPS: [&str; 11] = [
    "nom",
    "prenom",
    "date_naissance",
    "identifiant_ft",
    "nir",
    "caf",
    "adresse",
    "code_postal",
    "commune",
    "telephone",
    "courriel",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgenceChoix {
    pub code: String,
    pub nom: String,
}

impl std::fmt::Display for AgenceChoix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.nom)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Texte(&'static str, String),
    /// Une commune proposée, choisie : le focus revient au champ (le bouton choisi
    /// disparaît avec les propositions).
    CommuneChoisie(String),
    Civilite(Civilite),
    Brsa(bool),
    Enfant(bool),
    Agence(AgenceChoix),
    Initiative(Role),
    Enregistrer,
    Annuler,
    ConfirmerAbandon,
    ReprendreSaisie,
    ViderBrouillon,
    /// L'autre parcours : affecter un jeune à la mission locale.
    Cotraitance,
}

pub enum Action {
    Aucune,
    /// Ouvrir l'affectation d'un jeune en cotraitance.
    Cotraitance,
    Ouvert(Uuid),
    Quitter,
    /// La situation du dossier a changé : l'ouvrir, avec ce message.
    Modifie(Uuid, String),
    /// Revenir au dossier sans rien changer.
    RetourDossier(Uuid),
    /// Des champs sont à corriger : le focus va au premier.
    Focus(&'static str),
}

/// Ouvrir un dossier, ou changer la situation d'un dossier ouvert.
pub enum Mode {
    Ouverture,
    Situation(Box<Dossier>),
}

pub struct NouveauDossier {
    pub mode: Mode,
    pub saisie: Saisie,
    pub erreurs: Vec<ErreurChamp>,
    pub erreur_generale: Option<String>,
    pub brouillon_repris: bool,
    pub confirmer_abandon: bool,
}

impl NouveauDossier {
    pub fn new(session: &Session) -> NouveauDossier {
        NouveauDossier::en_mode(Mode::Ouverture, session)
    }

    /// Le formulaire de changement de situation, rempli avec la situation actuelle.
    pub fn situation(d: &Dossier, session: &Session) -> NouveauDossier {
        NouveauDossier::en_mode(Mode::Situation(Box::new(d.clone())), session)
    }

    fn en_mode(mode: Mode, session: &Session) -> NouveauDossier {
        let mut n = NouveauDossier {
            mode,
            saisie: Saisie::default(),
            erreurs: Vec::new(),
            erreur_generale: None,
            brouillon_repris: false,
            confirmer_abandon: false,
        };
        let brouillon: Option<Saisie> = session.brouillon(&n.cle_brouillon()).unwrap_or_else(|e| {
            tracing::warn!("brouillon du formulaire d'identité illisible : {e}");
            None
        });
        n.brouillon_repris = brouillon.is_some();
        n.saisie = brouillon.unwrap_or_else(|| n.vierge(session));
        n
    }

    fn cle_brouillon(&self) -> String {
        match &self.mode {
            Mode::Ouverture => CLE_BROUILLON.to_string(),
            Mode::Situation(d) => format!("situation-{}", d.id),
        }
    }

    /// La saisie de départ : vide, ou la situation actuelle du dossier.
    fn vierge(&self, session: &Session) -> Saisie {
        match &self.mode {
            Mode::Ouverture => vierge(session),
            Mode::Situation(d) => depuis_personne(&d.personne, session),
        }
    }

    /// Le titre de la page (et de la fenêtre).
    pub fn titre(&self) -> String {
        match &self.mode {
            Mode::Ouverture => "Nouveau dossier".into(),
            Mode::Situation(d) => format!("Changer la situation de {}", d.personne.nom_complet()),
        }
    }

    pub fn modifie(&self, session: &Session) -> bool {
        self.saisie != self.vierge(session)
    }

    fn quitter(&self) -> Action {
        match &self.mode {
            Mode::Ouverture => Action::Quitter,
            Mode::Situation(d) => Action::RetourDossier(d.id),
        }
    }

    /// Ce que les raccourcis de la fenêtre veulent dire sur cet écran.
    pub fn raccourci(&self, r: crate::ui::raccourcis::Raccourci) -> Option<Message> {
        use crate::ui::raccourcis::Raccourci;
        match r {
            Raccourci::Enregistrer => Some(Message::Enregistrer),
            Raccourci::Echap => Some(Message::Annuler),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, session: &mut Session) -> Action {
        match message {
            Message::Texte(champ, v) => {
                if let Some(c) = champ_mut(&mut self.saisie, champ) {
                    *c = v;
                }
                self.erreurs.retain(|e| e.champ != champ);
            }
            Message::CommuneChoisie(c) => {
                self.update(Message::Texte("commune", c), session);
                return Action::Focus("commune");
            }
            Message::Civilite(c) => self.saisie.civilite = Some(c),
            Message::Brsa(b) => self.saisie.brsa = b,
            Message::Enfant(b) => self.saisie.enfant_mineur = b,
            Message::Agence(a) => self.saisie.agence = Some(a.code),
            Message::Initiative(r) => self.saisie.initiative = Some(r),
            Message::Enregistrer => return self.enregistrer(session),
            Message::Annuler => {
                if self.modifie(session) {
                    self.confirmer_abandon = true;
                    return Action::Aucune;
                }
                return self.quitter();
            }
            Message::ConfirmerAbandon => {
                session.effacer_brouillon(&self.cle_brouillon());
                return self.quitter();
            }
            Message::ReprendreSaisie => {
                self.confirmer_abandon = false;
                return Action::Aucune;
            }
            Message::Cotraitance => return Action::Cotraitance,
            Message::ViderBrouillon => {
                self.saisie = self.vierge(session);
                self.brouillon_repris = false;
                self.erreurs.clear();
                session.effacer_brouillon(&self.cle_brouillon());
                return Action::Aucune;
            }
        }
        // Rien de ce qui est tapé ne se perd : le brouillon suit chaque modification.
        session.garder_brouillon(&self.cle_brouillon(), &self.saisie);
        if let Some(e) = session.brouillons().derniere_erreur() {
            self.erreur_generale = Some(format!(
                "Votre saisie n'a pas pu être gardée en brouillon : {e}"
            ));
        }
        Action::Aucune
    }

    fn enregistrer(&mut self, session: &mut Session) -> Action {
        self.erreur_generale = None;
        let (personne, date) = match valider(&self.saisie, session) {
            Ok(v) => v,
            Err(e) => {
                self.erreurs = e;
                return self.vers_la_premiere_erreur();
            }
        };
        self.erreurs.clear();
        if let Mode::Situation(d) = &self.mode {
            let d = d.clone();
            return self.changer_situation(&d, personne, date, session);
        }
        let utilisateur = session.utilisateur().cloned();
        let initiative = self
            .saisie
            .initiative
            .or(utilisateur.as_ref().map(|u| u.role()))
            .unwrap_or(Role::Conseiller);
        let moi = utilisateur.as_ref().map(|u| u.membre());
        let id = Uuid::new_v4();
        let prescripteur =
            Some(self.saisie.prescripteur.trim().to_string()).filter(|t| !t.is_empty());
        let ouverture = Ouverture {
            id,
            personne,
            initiative,
            prescripteur,
            date,
            conseiller: moi.clone().filter(|m| m.role == Role::Conseiller),
            referent: moi.filter(|m| m.role == Role::Referent),
        };
        match session.executer(id, &Commande::Ouvrir(ouverture)) {
            Ok(_) => {
                session.effacer_brouillon(&self.cle_brouillon());
                Action::Ouvert(id)
            }
            Err(ErreurStore::Refus(crate::domain::Refus::Identite(e))) => {
                self.erreurs = e;
                Action::Aucune
            }
            Err(e) => {
                self.erreur_generale = Some(e.to_string());
                Action::Aucune
            }
        }
    }

    /// Un changement de situation, puis d'agence s'il y en a un, à la même date.
    fn changer_situation(
        &mut self,
        d: &Dossier,
        personne: Personne,
        date: crate::domain::date::Jour,
        session: &mut Session,
    ) -> Action {
        let mut sans_agence = personne.clone();
        sans_agence.agence = d.personne.agence.clone();
        let mut commandes = Vec::new();
        if !d.personne.changements(&sans_agence).is_empty() {
            commandes.push(Commande::ChangerSituation {
                personne: sans_agence,
                date,
            });
        }
        if personne.agence != d.personne.agence {
            commandes.push(Commande::ChangerAgence {
                agence: personne.agence.clone(),
                date,
            });
        }
        if commandes.is_empty() {
            self.erreur_generale = Some(crate::domain::Refus::AucunChangement.to_string());
            return Action::Aucune;
        }
        let mut message = vec![format!("Situation enregistrée au {}.", date_fr(date))];
        for c in &commandes {
            if let Err(e) = session.executer(d.id, c) {
                match e {
                    ErreurStore::Refus(crate::domain::Refus::Identite(e)) => self.erreurs = e,
                    e => self.erreur_generale = Some(e.to_string()),
                }
                return Action::Aucune;
            }
        }
        if personne.agence != d.personne.agence {
            let structures = &session.referentiel().structures;
            message.push(format!(
                "Le dossier est rattaché à l'agence {} à partir de cette date.",
                structures.nom(&personne.agence).unwrap_or(&personne.agence)
            ));
        }
        message.extend(reexamen(d, &personne, session.referentiel()));
        session.effacer_brouillon(&self.cle_brouillon());
        Action::Modifie(d.id, message.join(" "))
    }

    /// Le premier champ en erreur, dans l'ordre du formulaire, prend le focus.
    fn vers_la_premiere_erreur(&self) -> Action {
        ["civilite"]
            .iter()
            .chain(CHAMPS.iter())
            .chain(["date_ouverture"].iter())
            .find(|c| self.erreurs.iter().any(|e| e.champ == **c))
            .map_or(Action::Aucune, |c| Action::Focus(c))
    }

    fn erreur(&self, champ: &str) -> Option<&str> {
        self.erreurs
            .iter()
            .find(|e| e.champ == champ)
            .map(|e| e.message.as_str())
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let s = &self.saisie;
        let champ = |libelle: &'a str, id: &'static str, valeur: &'a str, aide: &'a str| {
            widgets::champ_valide(
                libelle,
                id,
                valeur,
                aide,
                self.erreur(id),
                move |v| Message::Texte(id, v),
                Some(Message::Enregistrer),
            )
        };
        let agences: Vec<AgenceChoix> = session
            .referentiel()
            .structures
            .agences
            .iter()
            .map(|a| AgenceChoix {
                code: a.code.clone(),
                nom: a.nom.clone(),
            })
            .collect();
        let commune = session.commune_saisie(&s.commune, &s.code_postal);
        let agence =
            crate::domain::saisie::agence_retenue(s, commune.as_ref(), session.referentiel());
        let agence_choisie = agence
            .as_ref()
            .and_then(|code| agences.iter().find(|a| &a.code == code).cloned());

        let mut c = column![
            widgets::titre(self.titre()),
            text("Les champs marqués * sont obligatoires. Échap pour annuler, Ctrl+S pour enregistrer.").size(13),
        ]
        .spacing(10);
        if matches!(self.mode, Mode::Ouverture)
            && session.en_cotraitance()
            && !session.en_mission_locale()
        {
            c = c.push(
                row![
                    text("Parcours : accompagnement global. Pour un jeune de moins de 26 ans à confier à la mission locale :").size(13),
                    widgets::bouton("Cotraitance avec la mission locale…", Some(Message::Cotraitance)),
                ]
                .spacing(10)
                .align_y(iced::Alignment::Center)
                .wrap(),
            );
        }
        if self.brouillon_repris {
            c = c.push(
                row![
                    widgets::information("Votre saisie précédente a été retrouvée et reprise."),
                    widgets::bouton(
                        "Repartir d'un formulaire vide",
                        Some(Message::ViderBrouillon)
                    ),
                ]
                .spacing(10),
            );
        }
        if self.confirmer_abandon {
            c = c.push(widgets::erreur(
                "Abandonner ce nouveau dossier ? Ce qui a été saisi sera effacé.",
            ));
            c = c.push(
                row![
                    widgets::bouton("Abandonner la saisie", Some(Message::ConfirmerAbandon)),
                    widgets::bouton_principal(
                        "Continuer la saisie".into(),
                        Some(Message::ReprendreSaisie)
                    ),
                ]
                .spacing(10),
            );
        }
        if let Some(e) = &self.erreur_generale {
            c = c.push(widgets::erreur(e));
        }
        c = c.push(text("Civilité *").size(TAILLE_TEXTE));
        c = c.push(widgets::civilite(s.civilite, Message::Civilite));
        if let Some(e) = self.erreur("civilite") {
            c = c.push(text(format!("⚠ {e}")).size(13).style(text::danger));
        }
        c = c
            .push(champ("Nom *", "nom", &s.nom, "Nom d'usage"))
            .push(champ("Prénom *", "prenom", &s.prenom, "Prénom"))
            .push(champ(
                "Date de naissance *",
                "date_naissance",
                &s.date_naissance,
                "jj/mm/aaaa",
            ))
            .push(champ(
                "Identifiant France Travail *",
                "identifiant_ft",
                &s.identifiant_ft,
                "7 chiffres et 1 caractère, ex. 1234567A",
            ))
            .push(champ(
                "NIR (facultatif, donnée sensible)",
                "nir",
                &s.nir,
                "15 caractères",
            ))
            .push(champ(
                "Numéro CAF (facultatif)",
                "caf",
                &s.caf,
                "7 chiffres",
            ))
            .push(champ("Adresse", "adresse", &s.adresse, "Numéro et voie"))
            .push(champ(
                "Code postal",
                "code_postal",
                &s.code_postal,
                "5 chiffres",
            ))
            .push(champ(
                "Commune de résidence *",
                "commune",
                &s.commune,
                "Nom ou code INSEE, ex. Arles ou 13004",
            ))
            .push(widgets::suggestions_communes(
                session.communes_proposees(&s.commune, &s.code_postal, 6),
                Message::CommuneChoisie,
            ))
            .push(champ(
                "Téléphone",
                "telephone",
                &s.telephone,
                "ex. 06 12 34 56 78",
            ))
            .push(champ(
                "Courriel",
                "courriel",
                &s.courriel,
                "ex. prenom.nom@exemple.fr",
            ))
            .push(widgets::case("Bénéficiaire du RSA", s.brsa, Message::Brsa))
            .push(widgets::case(
                "Enfant mineur à charge",
                s.enfant_mineur,
                Message::Enfant,
            ))
            .push(text("Agence France Travail *").size(TAILLE_TEXTE))
            .push(widgets::liste(
                agences,
                agence_choisie,
                Message::Agence,
                "Déduite de la commune, ou à choisir",
            ));
        if let Some(e) = self.erreur("agence") {
            c = c.push(text(format!("⚠ {e}")).size(13).style(text::danger));
        }
        let situation = match &self.mode {
            Mode::Ouverture => None,
            Mode::Situation(d) => Some(d),
        };
        if situation.is_none() {
            c = c
                .push(text("Initiative du diagnostic partagé").size(TAILLE_TEXTE))
                .push(
                    row![
                        widgets::choix(
                            "Conseiller dédié",
                            Role::Conseiller,
                            s.initiative,
                            Message::Initiative
                        ),
                        widgets::choix(
                            "Référent social",
                            Role::Referent,
                            s.initiative,
                            Message::Initiative
                        ),
                    ]
                    .spacing(20),
                )
                .push(champ(
                    "Prescrit par un partenaire (facultatif)",
                    "prescripteur",
                    &s.prescripteur,
                    "ex. Mission locale, CCAS : compté « autre » dans les indicateurs",
                ));
        }
        c = c.push(champ(
            if situation.is_some() {
                "Date du changement *"
            } else {
                "Date d'ouverture *"
            },
            "date_ouverture",
            &s.date_ouverture,
            "jj/mm/aaaa",
        ));
        match (situation, &commune) {
            (None, Some(commune)) => {
                let d = designer(
                    Situation {
                        brsa: s.brsa,
                        enfant_mineur: s.enfant_mineur,
                        commune: commune.as_str(),
                        referent_existant: None,
                        structure_indisponible: false,
                    },
                    &session.referentiel().structures,
                );
                c = c.push(widgets::carte(
                    column![
                        widgets::sous_titre("Protocole de désignation du référent"),
                        text(d.libelle()).size(TAILLE_TEXTE),
                    ]
                    .spacing(6),
                ));
            }
            (Some(d), commune) => {
                // Ce que le changement demande de revoir, au fil de la saisie.
                let mut apres = d.personne.clone();
                if let Some(c) = commune {
                    apres.commune = c.clone();
                }
                apres.brsa = s.brsa;
                apres.enfant_mineur = s.enfant_mineur;
                let points = reexamen(d, &apres, session.referentiel());
                if !points.is_empty() {
                    let mut carte =
                        column![widgets::sous_titre("À revoir avec ce changement")].spacing(6);
                    for p in points {
                        carte = carte.push(text(p).size(TAILLE_TEXTE));
                    }
                    c = c.push(widgets::carte(carte));
                }
            }
            (None, None) => {}
        }
        // Le résumé des erreurs, à côté du bouton qui les a révélées.
        if !self.erreurs.is_empty() {
            c = c.push(widgets::erreur(&format!(
                "{} point(s) à corriger avant d'enregistrer ; chaque message est sous son champ.",
                self.erreurs.len()
            )));
        }
        c = c.push(
            row![
                widgets::bouton("Annuler (Échap)", Some(Message::Annuler)),
                widgets::bouton_principal(
                    if situation.is_some() {
                        "Enregistrer le changement (Ctrl+S)".into()
                    } else {
                        "Enregistrer le dossier (Ctrl+S)".into()
                    },
                    Some(Message::Enregistrer)
                ),
            ]
            .spacing(10),
        );
        scrollable(c.max_width(640).padding(16))
            .height(Length::Fill)
            .into()
    }
}

/// La situation actuelle, comme elle se saisit ; la date du changement est celle du jour.
fn depuis_personne(p: &Personne, session: &Session) -> Saisie {
    let texte = |v: Option<String>| v.unwrap_or_default();
    // Le nom de la commune s'il la désigne sans ambiguïté, sinon son code INSEE.
    let cp = p
        .code_postal
        .as_ref()
        .map(|c| c.to_string())
        .unwrap_or_default();
    let commune = session
        .referentiel()
        .commune(p.commune.as_str())
        .map(|c| c.nom.to_string())
        .filter(|nom| session.commune_saisie(nom, &cp).as_ref() == Some(&p.commune))
        .unwrap_or_else(|| p.commune.to_string());
    Saisie {
        civilite: Some(p.civilite),
        nom: p.nom.clone(),
        prenom: p.prenom.clone(),
        date_naissance: date_fr(p.date_naissance),
        identifiant_ft: p.identifiant_ft.to_string(),
        nir: texte(p.nir.as_ref().map(|n| n.as_str().to_string())),
        caf: texte(p.caf.as_ref().map(|c| c.to_string())),
        adresse: p.adresse.clone(),
        code_postal: cp,
        commune,
        telephone: texte(p.telephone.as_ref().map(|t| t.to_string())),
        courriel: texte(p.courriel.as_ref().map(|c| c.to_string())),
        brsa: p.brsa,
        enfant_mineur: p.enfant_mineur,
        agence: Some(p.agence.clone()),
        initiative: None,
        prescripteur: String::new(),
        date_ouverture: date_fr(session.aujourdhui()),
    }
}

fn vierge(session: &Session) -> Saisie {
    Saisie {
        initiative: session.utilisateur().as_ref().map(|u| u.role()),
        date_ouverture: date_fr(session.aujourdhui()),
        ..Saisie::default()
    }
}

fn champ_mut<'a>(s: &'a mut Saisie, champ: &str) -> Option<&'a mut String> {
    Some(match champ {
        "nom" => &mut s.nom,
        "prenom" => &mut s.prenom,
        "date_naissance" => &mut s.date_naissance,
        "identifiant_ft" => &mut s.identifiant_ft,
        "nir" => &mut s.nir,
        "caf" => &mut s.caf,
        "adresse" => &mut s.adresse,
        "code_postal" => &mut s.code_postal,
        "commune" => &mut s.commune,
        "telephone" => &mut s.telephone,
        "courriel" => &mut s.courriel,
        "date_ouverture" => &mut s.date_ouverture,
        "prescripteur" => &mut s.prescripteur,
        _ => return None,
    })
}

/// Toute la saisie vérifiée d'un coup : chaque champ en erreur a son message.
pub fn valider(
    s: &Saisie,
    session: &Session,
) -> Result<(Personne, crate::domain::date::Jour), Vec<ErreurChamp>> {
    crate::domain::saisie::verifier(s, session.referentiel(), session.aujourdhui())
}
