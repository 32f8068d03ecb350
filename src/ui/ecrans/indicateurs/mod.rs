//! Indicateurs du comité de pilotage : période et agence, graphiques dessinés dans la
//! fenêtre, tableaux ; un clic sur un nombre liste ceux de ses dossiers qui y sont comptés ;
//! exports (CSV, XLSX, PDF, JSON, agrégat anonyme) et fusion d'agrégats. Les calculs et
//! les écritures se font hors de la fenêtre.

mod detail;
mod exports;
mod graphiques;
mod tableaux;

use iced::widget::{column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use uuid::Uuid;

use crate::domain::indicateurs::tableaux::{tableaux, Format};
use crate::domain::indicateurs::{Bornes, Case, Indicateurs, Mois};
use crate::services::indicateurs::{self as services, periode, FormatExport};
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};
pub use exports::ID_CHEMIN;

pub const ID_DE: &str = "indicateurs-de";
pub const ID_A: &str = "indicateurs-a";

/// Une agence du filtre (ou toutes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoixAgence {
    pub code: Option<String>,
    pub nom: String,
}

impl std::fmt::Display for ChoixAgence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.nom)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    De(String),
    A(String),
    Agence(ChoixAgence),
    Calculer,
    Calcule(Bornes, Result<Indicateurs, ErreurService>),
    Onglet(usize),
    Case(Case, String),
    Detail(String, Result<Vec<(Uuid, String)>, ErreurService>),
    FermerDetail,
    Ouvrir(Uuid),
    Format(FormatExport),
    Chemin(String),
    Masquer(bool),
    Exporter,
    Fichiers(String),
    Fusionner,
    CheminCle(String),
    ExporterCle,
    ImporterCle,
    /// Le fichier existe : l'utilisateur accepte de le remplacer.
    Remplacer,
    /// Le fichier existe : l'utilisateur le garde et change de nom.
    GarderExistant,
    /// La charge de chaque conseiller dédié, aujourd'hui.
    Portefeuilles(Result<Vec<(String, usize)>, ErreurService>),
    /// Un export ou une fusion est fini : le message à afficher, ou l'erreur.
    Termine(Result<String, ErreurService>),
    /// Les indicateurs de la cotraitance des jeunes (annexe « 11 »).
    Cotraitance,
}

pub enum Action {
    Aucune,
    Cotraitance,
    Ouvrir(Uuid),
    Tache(Task<Message>),
}

pub struct EcranIndicateurs {
    pub de: String,
    pub a: String,
    pub agence: Option<String>,
    pub onglet: usize,
    /// La période des chiffres affichés (aucune avant le premier calcul).
    pub bornes: Option<Bornes>,
    pub chiffres: Indicateurs,
    pub erreur: Option<String>,
    /// La case cliquée : son libellé et ceux de ses dossiers qui y sont comptés.
    pub detail: Option<(String, Vec<(Uuid, String)>)>,
    /// La case cliquée : son détail s'ouvre sous sa ligne.
    case_ouverte: Option<crate::domain::indicateurs::Case>,
    pub exports: exports::Exports,
    pub message: Option<String>,
    /// Un calcul ou une écriture est en cours.
    pub en_cours: bool,
    /// Chaque conseiller dédié et ses accompagnements en cours (article 1.4).
    pub portefeuilles: Vec<(String, usize)>,
}

impl EcranIndicateurs {
    /// L'écran, et le calcul des 12 derniers mois lancé hors de la fenêtre.
    pub fn new(session: &Session) -> (EcranIndicateurs, Task<Message>) {
        let ce_mois = Mois::de(session.aujourdhui());
        let (de, a) = periode(None, None, session.aujourdhui()).unwrap_or((ce_mois, ce_mois));
        let mut e = EcranIndicateurs {
            de: de.to_string(),
            a: a.to_string(),
            agence: None,
            onglet: 0,
            bornes: None,
            chiffres: Indicateurs::new(),
            erreur: None,
            detail: None,
            case_ouverte: None,
            exports: exports::Exports::new(None),
            message: None,
            en_cours: false,
            portefeuilles: Vec::new(),
        };
        let t = e.calculer(session);
        (e, t)
    }

    fn calculer(&mut self, session: &Session) -> Task<Message> {
        self.detail = None;
        match periode(Some(&self.de), Some(&self.a), session.aujourdhui()) {
            Ok((de, a)) => {
                let b = Bornes {
                    de,
                    a,
                    aujourdhui: session.aujourdhui(),
                };
                self.en_cours = true;
                let poste = session.poste();
                let autre = session.poste();
                Task::batch([
                    en_fond(
                        move || services::calculer(&poste, b),
                        move |r| Message::Calcule(b, r),
                    ),
                    en_fond(
                        move || services::portefeuilles(&autre),
                        Message::Portefeuilles,
                    ),
                ])
            }
            Err(e) => {
                self.erreur = Some(format!("Période : {e}"));
                Task::none()
            }
        }
    }

    /// Les chiffres affichés : l'agence choisie, ou toutes.
    fn affiches(&self) -> Indicateurs {
        match &self.agence {
            Some(a) => self
                .chiffres
                .iter()
                .filter(|((_, x), _)| x == a)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            None => self.chiffres.clone(),
        }
    }

    fn montrer(&mut self, r: Result<String, String>) {
        match r {
            Ok(m) => {
                self.message = Some(m);
                self.erreur = None;
            }
            Err(e) => {
                self.message = None;
                self.erreur = Some(e);
            }
        }
    }

    fn lancer(&mut self, t: Result<Task<Message>, String>) -> Action {
        match t {
            Ok(t) => {
                self.en_cours = true;
                Action::Tache(t)
            }
            Err(e) => {
                self.montrer(Err(e));
                Action::Aucune
            }
        }
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        match m {
            Message::De(t) => self.de = t,
            Message::A(t) => self.a = t,
            Message::Agence(c) => {
                self.agence = c.code;
                self.detail = None;
            }
            Message::Calculer => return Action::Tache(self.calculer(session)),
            Message::Calcule(b, r) => {
                self.en_cours = false;
                match r {
                    Ok(t) => {
                        self.chiffres = t;
                        self.bornes = Some(b);
                        self.erreur = None;
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
                self.exports.chemin = exports::chemin_propose(self.exports.format, self.bornes);
            }
            Message::Portefeuilles(r) => match r {
                Ok(v) => self.portefeuilles = v,
                Err(e) => self.erreur = Some(e.to_string()),
            },
            Message::Onglet(i) => self.onglet = i,
            Message::Cotraitance => return Action::Cotraitance,
            Message::Case(case, libelle) => {
                if let Some(b) = self.bornes {
                    self.case_ouverte = Some(case.clone());
                    return Action::Tache(detail::chercher(session, b, case, libelle));
                }
            }
            Message::Detail(libelle, r) => match r {
                Ok(v) => self.detail = Some((libelle, v)),
                Err(e) => self.erreur = Some(e.to_string()),
            },
            Message::FermerDetail => self.detail = None,
            Message::Ouvrir(id) => return Action::Ouvrir(id),
            Message::Format(f) => {
                self.exports.format = f;
                self.exports.chemin = exports::chemin_propose(f, self.bornes);
            }
            Message::Chemin(c) => {
                self.exports.chemin = c;
                self.exports.a_remplacer = false;
            }
            Message::Masquer(b) => self.exports.masquer = b,
            Message::Exporter => return self.ecrire(session, exports::Operation::Exporter, false),
            Message::Fichiers(t) => self.exports.fichiers = t,
            Message::Fusionner => {
                return self.ecrire(session, exports::Operation::Fusionner, false)
            }
            Message::CheminCle(c) => {
                self.exports.cle = c;
                self.exports.a_remplacer = false;
            }
            Message::ExporterCle => {
                return self.ecrire(session, exports::Operation::ExporterCle, false)
            }
            Message::ImporterCle => {
                let t = self.exports.importer_cle(session);
                return self.lancer(t);
            }
            Message::Remplacer => {
                let derniere = self.exports.derniere;
                return self.ecrire(session, derniere, true);
            }
            Message::GarderExistant => {
                self.exports.a_remplacer = false;
                return Action::Tache(crate::ui::defilement::vers(ID_CHEMIN));
            }
            Message::Termine(r) => {
                self.en_cours = false;
                match r {
                    Err(ErreurService::SortieExistante { .. }) => {
                        self.exports.a_remplacer = true;
                        self.message = None;
                        self.erreur = None;
                    }
                    r => self.montrer(r.map_err(|e| e.to_string())),
                }
            }
        }
        Action::Aucune
    }

    fn ecrire(
        &mut self,
        session: &Session,
        operation: exports::Operation,
        remplacer: bool,
    ) -> Action {
        let agence = self.agence.clone();
        let t = match operation {
            exports::Operation::Exporter => match self.bornes {
                Some(b) => self
                    .exports
                    .exporter(session, b, agence.as_deref(), remplacer),
                None => return Action::Aucune,
            },
            exports::Operation::Fusionner => {
                self.exports
                    .fusionner(session, agence.as_deref(), remplacer)
            }
            exports::Operation::ExporterCle => self.exports.exporter_cle(session, remplacer),
        };
        self.lancer(t)
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let noms = crate::domain::indicateurs::tableaux::Noms {
            freins: session.freins(),
            referentiel: session.referentiel(),
        };
        let mut agences = vec![ChoixAgence {
            code: None,
            nom: "Toutes les agences".into(),
        }];
        let mut codes: Vec<&String> = self.chiffres.keys().map(|(_, a)| a).collect();
        codes.sort_unstable();
        codes.dedup();
        agences.extend(codes.into_iter().map(|c| ChoixAgence {
            code: Some(c.clone()),
            nom: noms.agence(c),
        }));
        let choisie = agences.iter().find(|a| a.code == self.agence).cloned();
        let filtres = row![
            text("Du").size(TAILLE_TEXTE),
            text_input("AAAA-MM", &self.de)
                .id(ID_DE)
                .on_input(Message::De)
                .on_submit(Message::Calculer)
                .width(Length::Fixed(100.0))
                .padding(6),
            text("au").size(TAILLE_TEXTE),
            text_input("AAAA-MM", &self.a)
                .id(ID_A)
                .on_input(Message::A)
                .on_submit(Message::Calculer)
                .width(Length::Fixed(100.0))
                .padding(6),
            widgets::liste(agences, choisie, Message::Agence, ""),
            widgets::bouton("Calculer", Some(Message::Calculer)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);

        let mut page =
            column![widgets::titre("Indicateurs du comité de pilotage"), filtres].spacing(12);
        if session.en_cotraitance() {
            page = page.push(widgets::bouton(
                "Cotraitance des jeunes : indicateurs DE0 à DE4, objectifs →",
                Some(Message::Cotraitance),
            ));
        }
        // La période calculée, en toutes lettres.
        if let Some(b) = self.bornes {
            page = page.push(
                text(format!(
                    "Période : de {} à {} (les deux mois inclus).",
                    b.de.libelle(),
                    b.a.libelle()
                ))
                .size(13),
            );
        }
        if self.en_cours {
            page = page.push(widgets::information("Calcul en cours…"));
        }
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        if let Some(m) = &self.message {
            page = page.push(widgets::information(m));
        }
        let Some(bornes) = self.bornes else {
            return container(page).padding(16).into();
        };
        let t = self.affiches();
        if t.is_empty() {
            page = page.push(widgets::information(
                "Aucun événement compté sur cette période.",
            ));
        }
        page = page.push(graphiques::vue(
            &t,
            bornes,
            session.preferences().echelle >= 1.5,
        ));
        let tabs = tableaux(
            &t,
            self.agence.as_deref(),
            Format {
                masquer: self.exports.masquer,
            },
            &noms,
        );
        let ouvert = self
            .detail
            .as_ref()
            .zip(self.case_ouverte.as_ref())
            .map(|((libelle, dossiers), case)| (case, detail::vue(libelle, dossiers)));
        page = page.push(tableaux::vue(tabs, self.onglet, ouvert));
        if !self.portefeuilles.is_empty() {
            page = page.push(vue_portefeuilles(&self.portefeuilles));
        }
        page = page.push(self.exports.vue());
        container(scrollable(page.padding(16)).height(Length::Fill))
            .width(Length::Fill)
            .into()
    }
}

/// Article 1.4 : chaque conseiller dédié « prend en charge un portefeuille de 70 à 100
/// demandeurs d'emploi » ; sa charge du jour, à côté de ce repère.
fn vue_portefeuilles(v: &[(String, usize)]) -> Element<'_, Message> {
    let mut c = column![text(
        "Portefeuilles des conseillers dédiés aujourd'hui (article 1.4 : 70 à 100 personnes chacun)"
    )
    .size(14)]
    .spacing(4);
    for (nom, n) in v {
        c = c.push(
            text(format!(
                "{nom} : {n} en accompagnement global — {}",
                crate::domain::portefeuille::situer(*n)
            ))
            .size(TAILLE_TEXTE),
        );
    }
    widgets::carte(c)
}
