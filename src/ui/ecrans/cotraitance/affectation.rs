//! Affecter un jeune à la mission locale : qui il est, sa commune (la mission locale qui la
//! couvre est proposée), les critères de l'accord-cadre et ce qui le suit déjà. Les refus
//! (âge, parcours, double accompagnement, CIVIS à confirmer, territoire) viennent du domaine
//! et de la base, avec ce qu'il faut faire.

use iced::widget::{column, row, text};
use iced::Element;
use uuid::Uuid;

use super::etape::Choix;
use crate::domain::cotraitance::{Commande, Critere, Jeune, ParcoursPoleEmploi, SuiviExistant};
use crate::domain::date::{date_fr, lire_date};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_NOM: &str = "affectation-nom";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suivi {
    Aucun,
    Civis,
    Dispositif,
    Partenaire,
}

const SUIVIS: [Choix<Suivi>; 4] = [
    Choix(Suivi::Aucun, "aucun autre accompagnement"),
    Choix(Suivi::Civis, "en CIVIS à la mission locale"),
    Choix(
        Suivi::Dispositif,
        "un autre dispositif de la mission locale",
    ),
    Choix(
        Suivi::Partenaire,
        "un autre partenaire (cotraitant, prestataire)",
    ),
];

/// Une mission locale dans la liste : son code et son nom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionLocale(pub String, pub String);

impl std::fmt::Display for MissionLocale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Texte(&'static str, String),
    Commune(String),
    MissionLocale(MissionLocale),
    Critere(usize, bool),
    Accompagnement(bool),
    Suivi(Choix<Suivi>),
    Confirme(bool),
    Enregistrer,
}

pub struct Formulaire {
    nom: String,
    prenom: String,
    identifiant: String,
    naissance: String,
    commune: String,
    mission_locale: Option<MissionLocale>,
    criteres: Vec<bool>,
    accompagnement: bool,
    suivi: Choix<Suivi>,
    precision: String,
    confirme: bool,
    date: String,
    erreur: Option<String>,
}

/// Les critères proposés : les quatre de l'accord, puis ceux de la région.
fn criteres(session: &Session) -> Vec<Critere> {
    Critere::ACCORD
        .into_iter()
        .chain(
            session
                .preferences()
                .cotraitance
                .criteres_regionaux
                .iter()
                .map(|c| Critere::Regional(c.clone())),
        )
        .collect()
}

/// Les missions locales du référentiel, pour une liste de choix.
pub(super) fn missions_locales(session: &Session) -> Vec<MissionLocale> {
    session
        .referentiel()
        .structures
        .missions_locales
        .iter()
        .map(|t| MissionLocale(t.code.clone(), t.nom.clone()))
        .collect()
}

impl Formulaire {
    pub fn new(session: &Session) -> Formulaire {
        Formulaire {
            nom: String::new(),
            prenom: String::new(),
            identifiant: String::new(),
            naissance: String::new(),
            commune: String::new(),
            mission_locale: None,
            criteres: vec![false; criteres(session).len()],
            accompagnement: true,
            suivi: SUIVIS[0],
            precision: String::new(),
            confirme: false,
            date: date_fr(session.aujourdhui()),
            erreur: None,
        }
    }

    /// Rend l'identifiant de la cotraitance créée.
    pub fn update(&mut self, m: Message, session: &mut Session) -> Option<Uuid> {
        match m {
            Message::Texte(champ, t) => match champ {
                "nom" => self.nom = t,
                "prenom" => self.prenom = t,
                "identifiant" => self.identifiant = t,
                "naissance" => self.naissance = t,
                "precision" => self.precision = t,
                _ => self.date = t,
            },
            Message::Commune(t) => {
                self.commune = t;
                // La mission locale de la commune est proposée ; une commune que la saisie ne
                // désigne pas (encore) n'en garde aucune.
                self.mission_locale = commune(session, &self.commune).and_then(|c| {
                    session
                        .referentiel()
                        .structures
                        .mission_locale_de(&c)
                        .map(|ml| MissionLocale(ml.code.clone(), ml.nom.clone()))
                });
            }
            Message::MissionLocale(ml) => self.mission_locale = Some(ml),
            Message::Critere(i, oui) => {
                if let Some(c) = self.criteres.get_mut(i) {
                    *c = oui;
                }
            }
            Message::Accompagnement(oui) => self.accompagnement = oui,
            Message::Suivi(s) => self.suivi = s,
            Message::Confirme(oui) => self.confirme = oui,
            Message::Enregistrer => {
                let commande = match self.commande(session) {
                    Ok(c) => c,
                    Err(e) => {
                        self.erreur = Some(e);
                        return None;
                    }
                };
                match session.executer_cotraitance(None, &commande) {
                    Ok((id, _)) => return Some(id),
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
        }
        None
    }

    fn commande(&self, session: &Session) -> Result<Commande, String> {
        let naissance =
            lire_date(&self.naissance).map_err(|e| format!("Date de naissance : {e}"))?;
        let date = lire_date(&self.date).map_err(|e| format!("Date d'affectation : {e}"))?;
        let commune = commune(session, &self.commune).ok_or(format!(
            "Commune « {} » inconnue : saisissez son nom, ou son code postal s'il n'est qu'à elle (choisissez sinon parmi les communes proposées).",
            self.commune.trim()
        ))?;
        let mission_locale = self
            .mission_locale
            .as_ref()
            .ok_or("Choisissez la mission locale.".to_string())?;
        let precision = self.precision.trim().to_string();
        Ok(Commande::Affecter {
            jeune: Jeune {
                nom: self.nom.trim().to_string(),
                prenom: self.prenom.trim().to_string(),
                identifiant_ft: self.identifiant.trim().to_uppercase(),
                naissance,
                commune: commune.to_string(),
            },
            mission_locale: mission_locale.0.clone(),
            criteres: criteres(session)
                .into_iter()
                .zip(&self.criteres)
                .filter(|(_, oui)| **oui)
                .map(|(c, _)| c)
                .collect(),
            parcours: if self.accompagnement {
                ParcoursPoleEmploi::Accompagnement
            } else {
                ParcoursPoleEmploi::Autre
            },
            suivi: match self.suivi.0 {
                Suivi::Aucun => SuiviExistant::Aucun,
                Suivi::Civis => SuiviExistant::Civis,
                Suivi::Dispositif => SuiviExistant::DispositifMissionLocale(precision),
                Suivi::Partenaire => SuiviExistant::AutrePartenaire(precision),
            },
            confirme: self.confirme,
            date,
        })
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let texte = |libelle: &'a str, id: &'static str, champ: &'static str, valeur: &'a str| {
            widgets::champ_valide(
                libelle,
                id,
                valeur,
                "",
                None,
                move |t| Message::Texte(champ, t),
                Some(Message::Enregistrer),
            )
        };
        let mut c = column![
            widgets::titre("Affecter un jeune à la mission locale"),
            text(widgets::insecables("Un demandeur d'emploi de moins de 26 ans, sur le parcours « accompagnement », qui relève d'au moins un critère. Remettez-lui ensuite le document d'affectation.")).size(TAILLE_TEXTE),
            row![
                texte("Nom", ID_NOM, "nom", &self.nom),
                texte("Prénom", "affectation-prenom", "prenom", &self.prenom),
            ]
            .spacing(12),
            row![
                texte(
                    "Identifiant France Travail",
                    "affectation-identifiant",
                    "identifiant",
                    &self.identifiant
                ),
                texte(
                    "Né(e) le (jj/mm/aaaa)",
                    "affectation-naissance",
                    "naissance",
                    &self.naissance
                ),
            ]
            .spacing(12),
            widgets::champ_valide(
                "Commune de résidence (nom ou code postal)",
                "affectation-commune",
                &self.commune,
                "",
                None,
                Message::Commune,
                Some(Message::Enregistrer),
            ),
            widgets::suggestions_communes(session.communes_proposees(&self.commune, "", 6), Message::Commune),
            text("Mission locale").size(TAILLE_TEXTE),
            widgets::liste(
                missions_locales(session),
                self.mission_locale.clone(),
                Message::MissionLocale,
                "Mission locale",
            ),
            widgets::case(
                "Sur le parcours « accompagnement » de Pôle emploi",
                self.accompagnement,
                Message::Accompagnement,
            ),
            widgets::sous_titre("Critères (au moins un)"),
        ]
        .spacing(8);
        for (i, critere) in criteres(session).into_iter().enumerate() {
            let oui = self.criteres.get(i).copied().unwrap_or(false);
            c = c.push(widgets::case(
                critere.libelle().to_string(),
                oui,
                move |o| Message::Critere(i, o),
            ));
        }
        c = c
            .push(text("Déjà suivi par").size(TAILLE_TEXTE))
            .push(widgets::liste(
                SUIVIS,
                Some(self.suivi),
                Message::Suivi,
                "Déjà suivi par",
            ));
        if matches!(self.suivi.0, Suivi::Dispositif | Suivi::Partenaire) {
            c = c.push(texte(
                "Lequel",
                "affectation-precision",
                "precision",
                &self.precision,
            ));
        }
        if self.suivi.0 == Suivi::Civis {
            c = c.push(widgets::case(
                "Je confirme : il reste en CIVIS, n'est ni compté ni financé au titre de la cotraitance",
                self.confirme,
                Message::Confirme,
            ));
        }
        c = c.push(texte(
            "Date d'affectation (jj/mm/aaaa)",
            "affectation-date",
            "date",
            &self.date,
        ));
        // L'erreur après le bouton : rien ne se décale sous le focus.
        c = c.push(row![widgets::bouton_principal(
            "Affecter (Ctrl+S)".into(),
            Some(Message::Enregistrer)
        )]);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        c.into()
    }
}

/// La commune (code INSEE) que désigne la saisie : un code postal qui n'est qu'à elle, son
/// nom, ou son code INSEE.
fn commune(session: &Session, saisie: &str) -> Option<String> {
    let t = saisie.trim();
    if t.len() == 5 && t.chars().all(|c| c.is_ascii_digit()) {
        if let [une] = session.referentiel().communes_du_code_postal(t)[..] {
            return Some(une.insee.to_string());
        }
    }
    session.commune_saisie(t, "").map(|c| c.to_string())
}
