//! Ressources : recherche multicritère dans la base partenariale, fiche détaillée (copier
//! les coordonnées, imprimer la fiche pour la personne), mise à jour pour les habilités,
//! et prescription depuis une action du carnet de route.

pub mod echange;
pub mod fiche;

use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};
use uuid::Uuid;

use crate::domain::date::date_fr;
use crate::domain::dossier::{Commande, Prescription};
use crate::domain::ressources::recherche::{distance_fr, Autour, Criteres, Resultats};
use crate::domain::ressources::{Habilitation, ModaliteAcces, Ressource};
use crate::services::session::Session;
use crate::services::Modification;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_TEXTE: &str = "ressources-texte";
/// Résultats affichés au plus (le total est annoncé).
const LIMITE: usize = 100;

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

    fn valeur(&self) -> Option<String> {
        (!self.code.is_empty()).then(|| self.code.clone())
    }
}

impl std::fmt::Display for Choix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.libelle)
    }
}

/// La prescription en cours : depuis quelle action de quel dossier on est venu.
#[derive(Debug, Clone)]
pub struct Contexte {
    pub dossier: Uuid,
    pub action: u32,
    pub libelle: String,
    pub personne: String,
    bandeau: String,
}

impl Contexte {
    pub fn new(dossier: Uuid, action: u32, libelle: &str, personne: &str) -> Contexte {
        Contexte {
            dossier,
            action,
            libelle: libelle.into(),
            personne: personne.into(),
            bandeau: format!(
                "Prescription pour {personne} — action n° {action} : {libelle}. Choisissez une ressource puis « Prescrire »."
            ),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Texte(String),
    Famille(Choix),
    Besoin(Choix),
    Public(Choix),
    Modalite(Choix),
    Ouvert(bool),
    Commune(String),
    Rayon(String),
    Effacer,
    Choisir(Uuid),
    FermerDetail,
    Copier,
    ImprimerFiche,
    OuvrirFiche,
    Nouvelle,
    Modifier,
    Archiver(bool),
    Fiche(fiche::Message),
    Prescrire(Uuid),
    RetourDossier,
    Echanges,
    Echange(echange::Message),
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    Dossier(Uuid),
}

pub struct EcranRessources {
    pub texte: String,
    famille: Choix,
    besoin: Choix,
    public: Choix,
    modalite: Choix,
    ouvert: bool,
    pub commune: String,
    rayon: String,
    pub resultats: Resultats,
    criteres: Criteres,
    pub erreur: Option<String>,
    pub info: Option<String>,
    pub detail: Option<Ressource>,
    historique: Vec<Modification>,
    fiche_imprimee: Option<std::path::PathBuf>,
    pub edition: Option<fiche::Fiche>,
    pub prescription: Option<Contexte>,
    pub echange: Option<echange::Echange>,
}

impl EcranRessources {
    pub fn new(session: &Session) -> EcranRessources {
        let mut e = EcranRessources {
            texte: String::new(),
            famille: Choix::tous("Toutes les familles"),
            besoin: Choix::tous("Tous les besoins"),
            public: Choix::tous("Tous les publics"),
            modalite: Choix::tous("Toutes les modalités"),
            ouvert: false,
            commune: String::new(),
            rayon: "10".into(),
            resultats: Resultats::default(),
            criteres: Criteres::default(),
            erreur: None,
            info: None,
            detail: None,
            historique: Vec::new(),
            fiche_imprimee: None,
            edition: None,
            prescription: None,
            echange: None,
        };
        e.chercher(session);
        e
    }

    /// Ouvert depuis une action du carnet : le besoin de l'action, autour de la commune de
    /// la personne.
    pub fn pour_prescrire(
        session: &Session,
        contexte: Contexte,
        besoin: Option<&str>,
        commune: &str,
    ) -> EcranRessources {
        let mut e = EcranRessources::new(session);
        if let Some((f, b)) = besoin.and_then(|b| session.freins().besoin(b)) {
            e.famille = Choix {
                code: f.code.clone(),
                libelle: format!("{}. {}", f.numero, f.libelle),
            };
            e.besoin = Choix {
                code: b.code.clone(),
                libelle: b.libelle.clone(),
            };
        }
        if let Some(c) = session.referentiel().commune(commune) {
            e.commune = c.nom.clone();
        }
        e.prescription = Some(contexte);
        e.chercher(session);
        e
    }

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
            libelle: c.nom.clone(),
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

    fn habilite(session: &Session) -> bool {
        session
            .utilisateur()
            .as_ref()
            .is_some_and(|u| u.habilitation == Habilitation::MiseAJour)
    }

    /// L'historique d'une fiche ; une lecture manquée est dite, pas cachée.
    fn historique_de(&mut self, session: &Session, id: Uuid) -> Vec<Modification> {
        session.historique_ressource(id).unwrap_or_else(|e| {
            self.erreur = Some(e.to_string());
            Vec::new()
        })
    }

    /// Ce que les raccourcis de la fenêtre veulent dire sur cet écran.
    pub fn raccourci(&self, r: crate::ui::raccourcis::Raccourci) -> Option<Message> {
        use crate::ui::raccourcis::Raccourci;
        match r {
            Raccourci::Enregistrer if self.edition.is_some() => {
                Some(Message::Fiche(fiche::Message::Enregistrer))
            }
            Raccourci::Echap if self.edition.is_some() => {
                Some(Message::Fiche(fiche::Message::Annuler))
            }
            Raccourci::Echap if self.detail.is_some() => Some(Message::FermerDetail),
            Raccourci::Echap if self.prescription.is_some() => Some(Message::RetourDossier),
            _ => None,
        }
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        self.info = None;
        match m {
            Message::Texte(t) => self.texte = t,
            Message::Famille(f) => {
                self.famille = f;
                self.besoin = Choix::tous("Tous les besoins");
            }
            Message::Besoin(b) => self.besoin = b,
            Message::Public(p) => self.public = p,
            Message::Modalite(m) => self.modalite = m,
            Message::Ouvert(o) => self.ouvert = o,
            Message::Commune(c) => self.commune = c,
            Message::Rayon(r) => self.rayon = r,
            Message::Effacer => {
                let prescription = self.prescription.take();
                *self = EcranRessources::new(session);
                self.prescription = prescription;
            }
            Message::Choisir(id) => {
                match session.ressource(id) {
                    Ok(r) => self.detail = r,
                    Err(e) => self.erreur = Some(e.to_string()),
                }
                self.historique = self.historique_de(session, id);
                self.fiche_imprimee = None;
                return Action::Aucune;
            }
            Message::FermerDetail => {
                self.detail = None;
                return Action::Aucune;
            }
            Message::Copier => {
                if let Some(r) = &self.detail {
                    self.info = Some(
                        "Coordonnées copiées : collez-les dans un courriel ou un courrier.".into(),
                    );
                    return Action::Tache(iced::clipboard::write(
                        r.coordonnees_texte(session.referentiel()),
                    ));
                }
                return Action::Aucune;
            }
            Message::ImprimerFiche => {
                if let Some(r) = &self.detail {
                    let ecrit = crate::services::ressources::imprimer_fiche(
                        session,
                        r,
                        &super::dossier::impression::dossier_par_defaut(),
                    );
                    match ecrit {
                        Ok(chemin) => {
                            self.info = Some(format!("Fiche enregistrée : {}", chemin.display()));
                            self.fiche_imprimee = Some(chemin);
                        }
                        Err(e) => {
                            self.erreur = Some(format!("La fiche n'a pas pu être écrite : {e}"))
                        }
                    }
                }
                return Action::Aucune;
            }
            Message::OuvrirFiche => {
                if let Some(c) = &self.fiche_imprimee {
                    if let Err(e) = super::dossier::impression::ouvrir(c) {
                        self.erreur = Some(e);
                    }
                }
                return Action::Aucune;
            }
            Message::Nouvelle => {
                if Self::habilite(session) {
                    self.edition = Some(fiche::Fiche::new(None, session));
                    return Action::Tache(iced::widget::operation::focus(fiche::ID_NOM));
                }
                return Action::Aucune;
            }
            Message::Modifier => {
                if Self::habilite(session) {
                    self.edition = Some(fiche::Fiche::new(self.detail.as_ref(), session));
                }
                return Action::Aucune;
            }
            Message::Archiver(archiver) => {
                let Some(r) = &self.detail else {
                    return Action::Aucune;
                };
                match session.archiver_ressource(r.id, archiver) {
                    Ok(r) => {
                        self.info = Some(if archiver {
                            format!(
                                "« {} » est archivée : elle ne sort plus dans les recherches.",
                                r.nom
                            )
                        } else {
                            format!("« {} » est de nouveau proposée.", r.nom)
                        });
                        self.historique = self.historique_de(session, r.id);
                        self.detail = Some(r);
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Fiche(m) => {
                let Some(f) = &mut self.edition else {
                    return Action::Aucune;
                };
                match f.update(m, session) {
                    fiche::Action::Aucune => return Action::Aucune,
                    fiche::Action::Annulee => self.edition = None,
                    fiche::Action::Enregistree(r) => {
                        self.edition = None;
                        self.info = Some(format!("« {} » est enregistrée.", r.nom));
                        self.historique = self.historique_de(session, r.id);
                        self.detail = Some(*r);
                    }
                }
            }
            Message::Echanges => {
                self.echange = match self.echange {
                    Some(_) => None,
                    None => Some(echange::Echange::new()),
                };
                return Action::Aucune;
            }
            Message::Echange(m) => {
                let Some(e) = &mut self.echange else {
                    return Action::Aucune;
                };
                match e.update(m, session) {
                    echange::Action::Aucune => return Action::Aucune,
                    echange::Action::Tache(t) => return Action::Tache(t.map(Message::Echange)),
                    echange::Action::Fermer => self.echange = None,
                    echange::Action::Importe => {}
                }
            }
            Message::Prescrire(id) => return self.prescrire(id, session),
            Message::RetourDossier => {
                if let Some(p) = &self.prescription {
                    return Action::Dossier(p.dossier);
                }
                return Action::Aucune;
            }
        }
        self.chercher(session);
        Action::Aucune
    }

    fn prescrire(&mut self, id: Uuid, session: &mut Session) -> Action {
        let Some(p) = self.prescription.clone() else {
            return Action::Aucune;
        };
        let r = match session.ressource(id) {
            Ok(Some(r)) => r,
            Ok(None) => return Action::Aucune,
            Err(e) => {
                self.erreur = Some(e.to_string());
                return Action::Aucune;
            }
        };
        // Le besoin de l'action s'il est parmi ceux de la ressource, sinon le premier.
        let besoin = match self.besoin.valeur() {
            Some(b) => b,
            None => match r.cibles.iter().find(|c| !c.besoin.is_empty()) {
                Some(c) => c.besoin.clone(),
                None => {
                    self.erreur = Some(
                        "Choisissez d'abord le besoin auquel cette ressource répond (liste « besoin »)."
                            .into(),
                    );
                    return Action::Aucune;
                }
            },
        };
        let commande = Commande::PrescrireRessource {
            action: p.action,
            prescription: Prescription {
                ressource: r.id.to_string(),
                nom: r.nom.clone(),
                besoin,
                date: session.aujourdhui(),
            },
        };
        match session.executer(p.dossier, &commande) {
            Ok(_) => Action::Dossier(p.dossier),
            Err(e) => {
                self.erreur = Some(e.to_string());
                Action::Aucune
            }
        }
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        if let Some(f) = &self.edition {
            return scrollable(
                column![f.view(session).map(Message::Fiche)]
                    .padding(16)
                    .width(Length::Fill),
            )
            .into();
        }
        let mut page = column![].spacing(10).padding(16);
        let mut entete = row![widgets::titre("Ressources partenariales")]
            .spacing(12)
            .align_y(Alignment::Center);
        entete = entete.push(iced::widget::Space::new().width(Length::Fill));
        entete = entete.push(widgets::bouton(
            "Importer ou exporter…",
            Some(Message::Echanges),
        ));
        if Self::habilite(session) {
            entete = entete.push(widgets::bouton(
                "Nouvelle ressource",
                Some(Message::Nouvelle),
            ));
        }
        page = page.push(entete);
        if let Some(e) = &self.echange {
            page = page.push(e.view(Self::habilite(session)).map(Message::Echange));
        }
        if let Some(p) = &self.prescription {
            page = page.push(
                row![
                    widgets::information(&p.bandeau),
                    widgets::bouton("Retour au dossier", Some(Message::RetourDossier)),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        page = page.push(self.formulaire(session));
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            page = page.push(widgets::information(i));
        }
        let liste = self.liste(session);
        let corps: Element<'a, Message> = match &self.detail {
            Some(r) => row![
                container_largeur(liste, 0.55),
                container_largeur(self.vue_detail(r, session), 0.45)
            ]
            .spacing(12)
            .into(),
            None => liste,
        };
        page.push(corps).into()
    }

    fn formulaire<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
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
            pick_list(choix, Some(actuel.clone()), f).text_size(13)
        };
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
                    "ressources-commune",
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
                session.communes_proposees(&self.commune, 6),
                Message::Commune
            ),
            row![
                liste(
                    fiche::choix_familles(session),
                    &self.famille,
                    Message::Famille
                ),
                liste(besoins, &self.besoin, Message::Besoin),
                liste(publics, &self.public, Message::Public),
                liste(modalites, &self.modalite, Message::Modalite),
                checkbox(self.ouvert)
                    .label("Ouvert maintenant")
                    .on_toggle(Message::Ouvert)
                    .text_size(13),
                widgets::bouton("Effacer les critères", Some(Message::Effacer)),
            ]
            .spacing(10)
            .align_y(Alignment::Center)
            .wrap(),
        ]
        .spacing(8)
        .into()
    }

    fn liste<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let r = &self.resultats;
        if r.total == 0 {
            let conseils = self.criteres.conseils();
            let message = if conseils.is_empty() {
                "La base de ressources est vide. Les ressources s'importent avec « binome ressources import » (data·inclusion ou modèle CSV) ou se saisissent ici par un professionnel habilité.".to_string()
            } else {
                format!(
                    "Aucune ressource ne correspond. Pour élargir : {}.",
                    conseils.join(" ; ")
                )
            };
            return column![text(message).size(TAILLE_TEXTE)].into();
        }
        let mut c = column![text(format!(
            "{} ressource(s){}{}",
            r.total,
            if r.total > r.trouvees.len() {
                format!(
                    " — les {} premières affichées, précisez la recherche",
                    r.trouvees.len()
                )
            } else {
                String::new()
            },
            if self.criteres.autour.is_some() {
                " — de la plus proche à la plus lointaine"
            } else {
                ""
            }
        ))
        .size(13)]
        .spacing(4);
        for t in &r.trouvees {
            let x = &t.ressource;
            let mut details = vec![
                x.structure.clone(),
                x.nom_commune(session.referentiel()).to_string(),
            ];
            if let Some(d) = t.distance_km {
                details.push(distance_fr(d));
            }
            match t.ouverte {
                Some(true) => details.push("ouvert".into()),
                Some(false) => details.push("fermé".into()),
                None => {}
            }
            let choisi = self.detail.as_ref().is_some_and(|d| d.id == x.id);
            let mut ligne = row![button(
                column![
                    text(x.nom.as_str()).size(TAILLE_TEXTE),
                    text(details.join(" — ")).size(12)
                ]
                .spacing(2)
            )
            .on_press(Message::Choisir(x.id))
            .width(Length::Fill)
            .style(if choisi {
                button::primary
            } else {
                button::text
            })]
            .spacing(8)
            .align_y(Alignment::Center);
            if self.prescription.is_some() {
                ligne = ligne.push(widgets::bouton("Prescrire", Some(Message::Prescrire(x.id))));
            }
            c = c.push(ligne);
        }
        if r.sans_coordonnees > 0 {
            c = c.push(
                text(format!(
                    "{} ressource(s) sans adresse localisable n'entrent pas dans une recherche par distance.",
                    r.sans_coordonnees
                ))
                .size(12),
            );
        }
        scrollable(c).height(Length::Fill).into()
    }

    fn vue_detail<'a>(&'a self, r: &'a Ressource, session: &'a Session) -> Element<'a, Message> {
        let mut c = column![
            row![
                widgets::sous_titre(r.nom.as_str()),
                iced::widget::Space::new().width(Length::Fill),
                widgets::bouton("Fermer", Some(Message::FermerDetail)),
            ]
            .align_y(Alignment::Center),
            text(r.structure.as_str()).size(TAILLE_TEXTE),
        ]
        .spacing(6);
        if r.archivee {
            c = c.push(widgets::information(
                "Ressource archivée : elle ne sort plus dans les recherches.",
            ));
        }
        c = c.push(text(r.description.as_str()).size(13));
        c = c.push(widgets::ligne(
            "Répond à",
            r.libelles_cibles(session.freins()).join(" ; "),
        ));
        let publics = r.libelles_publics();
        if !publics.is_empty() {
            c = c.push(widgets::ligne("Public", publics.join(" ; ")));
        }
        c = c.push(widgets::ligne("Accès", r.modalite.libelle().into()));
        c = c.push(widgets::ligne(
            "Adresse",
            format!(
                "{} {} {}",
                r.adresse,
                r.code_postal,
                r.nom_commune(session.referentiel())
            )
            .trim()
            .to_string(),
        ));
        c = c.push(widgets::ligne(
            "Horaires",
            r.horaires.en_francais().join("\n"),
        ));
        if let Some(o) = r.horaires.ouvert(session.maintenant()) {
            c = c.push(
                text(if o {
                    "● Ouvert maintenant"
                } else {
                    "○ Fermé maintenant"
                })
                .size(13),
            );
        }
        for (l, v) in [
            ("Téléphone", &r.telephone),
            ("Courriel", &r.courriel),
            ("Site", &r.site),
        ] {
            if !v.is_empty() {
                c = c.push(widgets::ligne(l, v.clone()));
            }
        }
        c = c.push(
            text(format!(
                "Mise à jour le {} ({})",
                date_fr(r.date_maj),
                if r.source == crate::domain::ressources::SOURCE_LOCALE {
                    "saisie Binôme".to_string()
                } else {
                    format!("source {} : {}", r.source, r.source_id)
                }
            ))
            .size(12),
        );
        let mut actions = row![
            widgets::bouton("Copier les coordonnées", Some(Message::Copier)),
            widgets::bouton("Imprimer la fiche", Some(Message::ImprimerFiche)),
        ]
        .spacing(8);
        if self.fiche_imprimee.is_some() {
            actions = actions.push(widgets::bouton(
                "Ouvrir la fiche",
                Some(Message::OuvrirFiche),
            ));
        }
        c = c.push(actions.wrap());
        if self.prescription.is_some() && !r.archivee {
            c = c.push(widgets::bouton_principal(
                "Prescrire cette ressource".into(),
                Some(Message::Prescrire(r.id)),
            ));
        }
        if Self::habilite(session) {
            c = c.push(
                row![
                    widgets::bouton("Modifier", Some(Message::Modifier)),
                    if r.archivee {
                        widgets::bouton("Restaurer", Some(Message::Archiver(false)))
                    } else {
                        widgets::bouton("Archiver", Some(Message::Archiver(true)))
                    },
                ]
                .spacing(8),
            );
        }
        if !self.historique.is_empty() {
            c = c.push(text("Historique").size(TAILLE_TEXTE));
            for m in self.historique.iter().rev().take(5) {
                c = c.push(
                    text(format!(
                        "{} — {} — {}",
                        horodatage_fr(&m.date),
                        m.action,
                        m.auteur
                    ))
                    .size(12),
                );
            }
        }
        scrollable(widgets::carte(c)).into()
    }
}

fn container_largeur<'a>(e: Element<'a, Message>, part: f32) -> Element<'a, Message> {
    iced::widget::container(e)
        .width(Length::FillPortion((part * 100.0) as u16))
        .into()
}

/// « 2026-11-23T10:12:00.000Z » → « 23/11/2026 ».
fn horodatage_fr(h: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(h)
        .map(|d| date_fr(d.with_timezone(&chrono::Local).date_naive()))
        .unwrap_or_else(|_| h.to_string())
}
