//! Les critères de la recherche (texte, commune et rayon, famille, besoin, public,
//! modalité, ouvert maintenant) et leur formulaire.

use iced::widget::{column, row, text};
use iced::{Alignment, Element, Length};

use super::{fiche, EcranRessources, Message, ID_COMMUNE, ID_TEXTE, LIMITE};
use crate::domain::ressources::recherche::{Autour, Criteres};
use crate::domain::ressources::ModaliteAcces;
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

/// Un choix de liste déroulante ; code vide : « tous ».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choix {
    pub code: String,
    pub libelle: String,
}

impl Choix {
    pub fn tous(libelle: &str) -> Choix {
        Choix {
            code: String::new(),
            libelle: libelle.into(),
        }
    }

    pub(super) fn valeur(&self) -> Option<String> {
        (!self.code.is_empty()).then(|| self.code.clone())
    }
}

impl std::fmt::Display for Choix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.libelle)
    }
}

impl EcranRessources {
    fn autour(&self, session: &Session) -> Result<Option<Autour>, String> {
        if self.commune.trim().is_empty() {
            return Ok(None);
        }
        let insee = session.commune_saisie(&self.commune, "").ok_or_else(|| {
            format!(
                "Commune « {} » inconnue : tapez son nom exact (Marseille 1er Arrondissement, Aubagne…) ou son code INSEE.",
                self.commune.trim()
            )
        })?;
        let c = session
            .referentiel()
            .commune(insee.as_str())
            .ok_or("Commune absente du référentiel.")?;
        let rayon: f64 = self
            .rayon
            .trim()
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|r: &f64| *r > 0.0 && *r <= 500.0)
            .ok_or("Le rayon est un nombre de kilomètres entre 1 et 500.")?;
        Ok(Some(Autour {
            libelle: c.nom.to_string(),
            latitude: c.latitude,
            longitude: c.longitude,
            rayon_km: rayon,
        }))
    }

    /// Relance la recherche (quelques millisecondes : à chaque frappe).
    pub fn chercher(&mut self, session: &Session) {
        let autour = match self.autour(session) {
            Ok(a) => a,
            Err(e) => {
                self.erreur = Some(e);
                return;
            }
        };
        self.erreur = None;
        self.criteres = Criteres {
            texte: self.texte.clone(),
            famille: self.famille.valeur(),
            besoin: self.besoin.valeur(),
            public: self.public.valeur(),
            modalite: ModaliteAcces::depuis_code(&self.modalite.code),
            ouvert_maintenant: self.ouvert,
            autour,
            archivees: false,
            limite: LIMITE,
        };
        match session.rechercher_ressources(&self.criteres) {
            Ok(r) => self.resultats = r,
            Err(e) => self.erreur = Some(e.to_string()),
        }
    }

    /// Les critères actifs parmi ceux des listes (famille, besoin, public, modalité, ouvert).
    fn filtres_actifs(&self) -> usize {
        [&self.famille, &self.besoin, &self.public, &self.modalite]
            .iter()
            .filter(|c| !c.code.is_empty())
            .count()
            + usize::from(self.ouvert)
    }

    /// `compact` (150 % et plus) : les listes de filtres derrière un bouton « Filtres ▸ »,
    /// qui dit combien sont actifs.
    pub(super) fn formulaire<'a>(
        &'a self,
        session: &'a Session,
        compact: bool,
    ) -> Element<'a, Message> {
        let recherche = self.champs_de_recherche(session);
        if !compact {
            return column![recherche, self.listes_de_filtres(session)]
                .spacing(8)
                .into();
        }
        let bouton = widgets::bouton_filtres(
            self.filtres_ouverts,
            self.filtres_actifs(),
            Message::Filtres,
        );
        let mut c = column![recherche, bouton].spacing(8);
        if self.filtres_ouverts {
            c = c.push(self.listes_de_filtres(session));
        }
        c.into()
    }

    /// Texte, commune et rayon, avec les communes proposées.
    fn champs_de_recherche<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        column![
            row![
                widgets::champ(
                    "Rechercher",
                    ID_TEXTE,
                    &self.texte,
                    "nom, structure, description, public… (sans accents)",
                    None,
                    Message::Texte
                ),
                widgets::champ(
                    "Autour de la commune",
                    ID_COMMUNE,
                    &self.commune,
                    "ex. Aubagne",
                    None,
                    Message::Commune
                ),
                column![
                    text("Rayon (km)").size(TAILLE_TEXTE),
                    iced::widget::text_input("10", &self.rayon)
                        .id("ressources-rayon")
                        .on_input(Message::Rayon)
                        .padding(6)
                        .size(TAILLE_TEXTE)
                        .width(Length::Fixed(70.0)),
                ]
                .spacing(4),
            ]
            .spacing(10),
            widgets::suggestions_communes(
                session.communes_proposees(&self.commune, "", 6),
                Message::CommuneChoisie
            ),
        ]
        .spacing(8)
        .into()
    }

    /// Famille, besoin, public, modalité, « ouvert maintenant » et « Effacer les critères ».
    fn listes_de_filtres<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let besoins: Vec<Choix> = std::iter::once(Choix::tous("Tous les besoins"))
            .chain(
                session
                    .freins()
                    .famille(&self.famille.code)
                    .into_iter()
                    .flat_map(|f| &f.besoins)
                    .map(|b| Choix {
                        code: b.code.clone(),
                        libelle: b.libelle.clone(),
                    }),
            )
            .collect();
        let publics: Vec<Choix> = std::iter::once(Choix::tous("Tous les publics"))
            .chain(
                crate::domain::ressources::referentiels::liste_publics().map(|(c, l)| Choix {
                    code: c.into(),
                    libelle: l.into(),
                }),
            )
            .collect();
        let modalites: Vec<Choix> = std::iter::once(Choix::tous("Toutes les modalités"))
            .chain(ModaliteAcces::TOUTES.iter().map(|m| Choix {
                code: m.code().into(),
                libelle: m.libelle().into(),
            }))
            .collect();
        let liste = |choix: Vec<Choix>, actuel: &Choix, f: fn(Choix) -> Message| {
            widgets::liste(choix, Some(actuel.clone()), f, "")
        };
        row![
            liste(
                fiche::choix_familles(session),
                &self.famille,
                Message::Famille
            ),
            liste(besoins, &self.besoin, Message::Besoin),
            liste(publics, &self.public, Message::Public),
            liste(modalites, &self.modalite, Message::Modalite),
            widgets::case("Ouvert maintenant", self.ouvert, Message::Ouvert),
            widgets::bouton("Effacer les critères", Some(Message::Effacer)),
        ]
        .spacing(10)
        .align_y(Alignment::Center)
        .wrap()
        .into()
    }
}
