//! Formulaire de création et de modification d'une ressource (profil « mise à jour »).

use iced::widget::{column, row, text};
use iced::{Element, Length};
use uuid::Uuid;

use super::Choix;
use crate::domain::ressources::{Cible, Horaires, ModaliteAcces, Ressource, SOURCE_LOCALE};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

#[derive(Debug, Clone)]
pub enum Message {
    Champ(Champ, String),
    Modalite(ModaliteAcces),
    Besoin(String, bool),
    Public(String, bool),
    Enregistrer,
    Annuler,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Champ {
    Nom,
    Structure,
    Description,
    Public,
    Adresse,
    CodePostal,
    Commune,
    Telephone,
    Courriel,
    Site,
    Horaires,
}

pub enum Action {
    Aucune,
    Enregistree(Box<Ressource>),
    Annulee,
}

pub struct Fiche {
    base: Option<Ressource>,
    nom: String,
    structure: String,
    description: String,
    public: String,
    adresse: String,
    code_postal: String,
    commune: String,
    telephone: String,
    courriel: String,
    site: String,
    horaires: String,
    modalite: ModaliteAcces,
    /// Codes « famille/besoin » (besoin vide : toute la famille).
    cibles: Vec<Cible>,
    publics: Vec<String>,
    pub erreur: Option<String>,
}

pub const ID_NOM: &str = "ressource-nom";

impl Fiche {
    pub fn new(r: Option<&Ressource>, session: &Session) -> Fiche {
        let commune = r
            .map(|r| r.nom_commune(session.referentiel()).to_string())
            .unwrap_or_default();
        Fiche {
            base: r.cloned(),
            nom: r.map(|r| r.nom.clone()).unwrap_or_default(),
            structure: r.map(|r| r.structure.clone()).unwrap_or_default(),
            description: r.map(|r| r.description.clone()).unwrap_or_default(),
            public: r.map(|r| r.public.clone()).unwrap_or_default(),
            adresse: r.map(|r| r.adresse.clone()).unwrap_or_default(),
            code_postal: r.map(|r| r.code_postal.clone()).unwrap_or_default(),
            commune,
            telephone: r.map(|r| r.telephone.clone()).unwrap_or_default(),
            courriel: r.map(|r| r.courriel.clone()).unwrap_or_default(),
            site: r.map(|r| r.site.clone()).unwrap_or_default(),
            horaires: r.map(|r| r.horaires.vers_osm()).unwrap_or_default(),
            modalite: r.map(|r| r.modalite).unwrap_or_default(),
            cibles: r.map(|r| r.cibles.clone()).unwrap_or_default(),
            publics: r.map(|r| r.publics.clone()).unwrap_or_default(),
            erreur: None,
        }
    }

    pub fn titre(&self) -> String {
        match &self.base {
            Some(r) => format!("Modifier « {} »", r.nom),
            None => "Nouvelle ressource".into(),
        }
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        match m {
            Message::Champ(c, v) => {
                let cible = match c {
                    Champ::Nom => &mut self.nom,
                    Champ::Structure => &mut self.structure,
                    Champ::Description => &mut self.description,
                    Champ::Public => &mut self.public,
                    Champ::Adresse => &mut self.adresse,
                    Champ::CodePostal => &mut self.code_postal,
                    Champ::Commune => &mut self.commune,
                    Champ::Telephone => &mut self.telephone,
                    Champ::Courriel => &mut self.courriel,
                    Champ::Site => &mut self.site,
                    Champ::Horaires => &mut self.horaires,
                };
                *cible = v;
            }
            Message::Modalite(m) => self.modalite = m,
            Message::Besoin(code, oui) => {
                let cible = match session.freins().besoin(&code) {
                    Some((f, b)) => Cible {
                        famille: f.code.clone(),
                        besoin: b.code.clone(),
                    },
                    None => Cible {
                        famille: code,
                        besoin: String::new(),
                    },
                };
                self.cibles.retain(|c| *c != cible);
                if oui {
                    self.cibles.push(cible);
                }
            }
            Message::Public(code, oui) => {
                self.publics.retain(|p| *p != code);
                if oui {
                    self.publics.push(code);
                }
            }
            Message::Annuler => return Action::Annulee,
            Message::Enregistrer => return self.enregistrer(session),
        }
        Action::Aucune
    }

    fn enregistrer(&mut self, session: &mut Session) -> Action {
        let commune = if self.commune.trim().is_empty() {
            String::new()
        } else {
            match session.commune_saisie(&self.commune, &self.code_postal) {
                Some(c) => c.to_string(),
                None => {
                    self.erreur = Some(format!(
                        "La commune « {} » n'est pas dans le référentiel : tapez son nom exact ou son code INSEE.",
                        self.commune.trim()
                    ));
                    return Action::Aucune;
                }
            }
        };
        let horaires = Horaires::lire(&self.horaires);
        let id = self.base.as_ref().map_or_else(Uuid::new_v4, |b| b.id);
        let (latitude, longitude) = match &self.base {
            // Les coordonnées d'une source sont gardées tant que la commune ne change pas.
            Some(b) if b.commune == commune => (b.latitude, b.longitude),
            _ => (None, None),
        };
        let r = Ressource {
            id,
            source: self
                .base
                .as_ref()
                .map_or(SOURCE_LOCALE.to_string(), |b| b.source.clone()),
            source_id: self
                .base
                .as_ref()
                .map_or(id.to_string(), |b| b.source_id.clone()),
            nom: self.nom.clone(),
            structure: self.structure.clone(),
            description: self.description.clone(),
            publics: self.publics.clone(),
            public: self.public.trim().to_string(),
            modalite: self.modalite,
            adresse: self.adresse.trim().to_string(),
            code_postal: self.code_postal.clone(),
            commune,
            telephone: self.telephone.trim().to_string(),
            courriel: self.courriel.clone(),
            site: self.site.clone(),
            horaires,
            cibles: self.cibles.clone(),
            thematiques: self
                .base
                .as_ref()
                .map(|b| b.thematiques.clone())
                .unwrap_or_default(),
            latitude,
            longitude,
            date_maj: session.aujourdhui(),
            auteur: String::new(),
            archivee: self.base.as_ref().is_some_and(|b| b.archivee),
        };
        match session.enregistrer_ressource(r) {
            Ok(r) => Action::Enregistree(Box::new(r)),
            Err(e) => {
                self.erreur = Some(e.to_string());
                Action::Aucune
            }
        }
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let champ =
            |libelle: &'a str, id: &'static str, valeur: &'a str, aide: &'a str, c: Champ| {
                widgets::champ(libelle, id, valeur, aide, None, move |v| {
                    Message::Champ(c, v)
                })
            };
        let mut f = column![widgets::sous_titre(self.titre())].spacing(8);
        if let Some(e) = &self.erreur {
            f = f.push(widgets::erreur(e));
        }
        f = f
            .push(champ(
                "Nom du service *",
                ID_NOM,
                &self.nom,
                "3 à 150 caractères",
                Champ::Nom,
            ))
            .push(champ(
                "Structure *",
                "ressource-structure",
                &self.structure,
                "qui porte le service",
                Champ::Structure,
            ))
            .push(champ(
                "Description *",
                "ressource-description",
                &self.description,
                "ce que la personne y trouve",
                Champ::Description,
            ))
            .push(
                column![
                    text("Modalité d'accès").size(TAILLE_TEXTE),
                    widgets::liste(
                        ModaliteAcces::TOUTES,
                        Some(self.modalite),
                        Message::Modalite,
                        "Modalité d'accès"
                    ),
                ]
                .spacing(4),
            )
            .push(champ(
                "Public (précisions)",
                "ressource-public",
                &self.public,
                "conditions d'accès, âge…",
                Champ::Public,
            ));
        let mut publics = row![].spacing(10);
        for (code, libelle) in crate::domain::ressources::referentiels::liste_publics() {
            let oui = self.publics.iter().any(|p| p == code);
            publics = publics.push(widgets::case_taille(
                libelle,
                oui,
                move |v| Message::Public(code.to_string(), v),
                12.0,
            ));
        }
        f = f
            .push(text("Publics").size(TAILLE_TEXTE))
            .push(publics.wrap());
        f = f
            .push(champ(
                "Adresse",
                "ressource-adresse",
                &self.adresse,
                "numéro et rue",
                Champ::Adresse,
            ))
            .push(
                row![
                    champ(
                        "Code postal",
                        "ressource-cp",
                        &self.code_postal,
                        "13001",
                        Champ::CodePostal
                    ),
                    champ(
                        "Commune",
                        "ressource-commune",
                        &self.commune,
                        "nom ou code INSEE",
                        Champ::Commune
                    ),
                ]
                .spacing(10),
            )
            .push(widgets::suggestions_communes(
                session.communes_proposees(&self.commune, &self.code_postal, 6),
                |c| Message::Champ(Champ::Commune, c),
            ))
            .push(
                row![
                    champ(
                        "Téléphone",
                        "ressource-tel",
                        &self.telephone,
                        "04 91 00 00 00",
                        Champ::Telephone
                    ),
                    champ(
                        "Courriel",
                        "ressource-courriel",
                        &self.courriel,
                        "contact@…",
                        Champ::Courriel
                    ),
                    champ(
                        "Site",
                        "ressource-site",
                        &self.site,
                        "https://…",
                        Champ::Site
                    ),
                ]
                .spacing(10),
            )
            .push(champ(
                "Horaires",
                "ressource-horaires",
                &self.horaires,
                "Mo-Fr 09:00-12:00,14:00-17:00 ou « lundi au vendredi 9h-12h »",
                Champ::Horaires,
            ));
        let lues = Horaires::lire(&self.horaires);
        if !self.horaires.trim().is_empty() {
            f = f.push(text(format!("Lu : {}", lues.en_francais().join(" ; "))).size(12));
        }
        f = f.push(text("Familles de freins et besoins *").size(TAILLE_TEXTE));
        for fam in &session.freins().familles {
            let toute = self
                .cibles
                .iter()
                .any(|c| c.famille == fam.code && c.besoin.is_empty());
            let mut ligne = row![widgets::case_taille(
                format!("{}. {} (toute la famille)", fam.numero, fam.libelle),
                toute,
                move |v| Message::Besoin(fam.code.clone(), v),
                13.0,
            )]
            .spacing(10);
            for b in &fam.besoins {
                let oui = self.cibles.iter().any(|c| c.besoin == b.code);
                ligne = ligne.push(widgets::case_taille(
                    b.libelle.as_str(),
                    oui,
                    move |v| Message::Besoin(b.code.clone(), v),
                    12.0,
                ));
            }
            f = f.push(ligne.wrap());
        }
        f = f.push(
            row![
                widgets::bouton_principal(
                    "Enregistrer (Ctrl+S)".into(),
                    Some(Message::Enregistrer)
                ),
                widgets::bouton("Annuler (Échap)", Some(Message::Annuler)),
            ]
            .spacing(10),
        );
        widgets::carte(f.width(Length::Fill))
    }
}

/// Les choix d'une liste déroulante des familles, pour le filtre de recherche.
pub fn choix_familles(session: &Session) -> Vec<Choix> {
    let mut v = vec![Choix::tous("Toutes les familles")];
    v.extend(session.freins().familles.iter().map(|f| Choix {
        code: f.code.clone(),
        libelle: format!("{}. {}", f.numero, f.libelle),
    }));
    v
}
