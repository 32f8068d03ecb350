//! Ressources : recherche multicritère dans la base partenariale, fiche détaillée (copier
//! les coordonnées, imprimer la fiche pour la personne), mise à jour pour les habilités,
//! et prescription depuis une action du carnet de route.

mod criteres;
mod detail;
pub mod echange;
pub mod fiche;
mod liste;

pub use criteres::Choix;

use iced::widget::{column, row, scrollable};
use iced::{Alignment, Element, Length, Task};
use uuid::Uuid;

use crate::domain::dossier::{Commande, Prescription};
use crate::domain::ressources::recherche::{Criteres, Resultats};
use crate::domain::ressources::{Habilitation, Ressource};
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::services::Modification;
use crate::ui::tache::en_fond;
use crate::ui::widgets;

pub const ID_TEXTE: &str = "ressources-texte";
/// Le champ « Autour de la commune ».
pub const ID_COMMUNE: &str = "ressources-commune";
/// Résultats affichés au plus (le total est annoncé).
const LIMITE: usize = 100;

/// La prescription en cours : depuis quelle action de quel dossier on est venu.
#[derive(Debug, Clone)]
pub struct Contexte {
    pub dossier: Uuid,
    /// L'action du carnet ; `None` : une prescription au diagnostic.
    pub action: Option<u32>,
    /// Son identifiant : un paquet du binôme peut la renuméroter pendant qu'on cherche.
    pub action_id: Option<Uuid>,
    pub libelle: String,
    pub personne: String,
    bandeau: String,
}

impl Contexte {
    pub fn new(dossier: Uuid, action: Option<u32>, libelle: &str, personne: &str) -> Contexte {
        let pour = match action {
            Some(n) => format!("action n° {n} : {libelle}"),
            None => format!("au diagnostic, {libelle}"),
        };
        Contexte {
            dossier,
            action,
            action_id: None,
            libelle: libelle.into(),
            personne: personne.into(),
            bandeau: format!(
                "Prescription pour {personne} — {pour}. Choisissez une ressource puis « Prescrire »."
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
    /// Une commune proposée, choisie : le focus revient au champ (le bouton choisi
    /// disparaît avec les propositions).
    CommuneChoisie(String),
    Rayon(String),
    /// À 150 % et plus : montrer ou cacher les listes de filtres.
    Filtres,
    Effacer,
    Choisir(Uuid),
    FermerDetail,
    Copier,
    ImprimerFiche,
    /// La fiche existe déjà (modifiée depuis) : l'utilisateur accepte de la remplacer.
    RemplacerFiche,
    GarderFiche,
    FicheImprimee(Result<std::path::PathBuf, ErreurService>),
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
    /// À 150 % et plus, les listes de filtres ne se montrent que demandées : fermées, la
    /// liste des ressources commence sur le premier écran.
    filtres_ouverts: bool,
    pub resultats: Resultats,
    criteres: Criteres,
    pub erreur: Option<String>,
    pub info: Option<String>,
    pub detail: Option<Ressource>,
    historique: Vec<Modification>,
    fiche_imprimee: Option<std::path::PathBuf>,
    /// La fiche existe déjà et a changé depuis que Binôme l'a écrite : la question est posée.
    fiche_a_remplacer: Option<String>,
    pub edition: Option<fiche::Fiche>,
    pub prescription: Option<Contexte>,
    pub echange: Option<echange::Echange>,
}

/// Ce que doit savoir celui qui n'a pas le droit de mettre la base à jour : qui le donne, et où.
pub(super) const PROFIL: &str = "Le profil « mise à jour » (gestionnaire des ressources) se donne par un administrateur du poste, dans Paramètres (Ctrl+5), « Comptes, mot de passe et délégations… », à un autre compte que le sien.";

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
            filtres_ouverts: false,
            resultats: Resultats::default(),
            criteres: Criteres::default(),
            erreur: None,
            info: None,
            detail: None,
            historique: Vec::new(),
            fiche_imprimee: None,
            fiche_a_remplacer: None,
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
            e.commune = c.nom.to_string();
        }
        e.prescription = Some(contexte);
        e.chercher(session);
        e
    }

    pub(super) fn habilite(session: &Session) -> bool {
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
            Message::CommuneChoisie(c) => {
                let action = self.update(Message::Commune(c), session);
                let focus = crate::ui::defilement::vers(ID_COMMUNE);
                return match action {
                    Action::Tache(t) => Action::Tache(t.chain(focus)),
                    _ => Action::Tache(focus),
                };
            }
            Message::Rayon(r) => self.rayon = r,
            Message::Filtres => {
                self.filtres_ouverts = !self.filtres_ouverts;
                return Action::Aucune;
            }
            Message::Effacer => {
                let (prescription, filtres) = (self.prescription.take(), self.filtres_ouverts);
                *self = EcranRessources::new(session);
                self.prescription = prescription;
                self.filtres_ouverts = filtres;
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
            Message::ImprimerFiche => return self.imprimer_fiche(session, false),
            Message::RemplacerFiche => return self.imprimer_fiche(session, true),
            Message::GarderFiche => {
                self.fiche_a_remplacer = None;
                return Action::Aucune;
            }
            Message::FicheImprimee(ecrit) => {
                match ecrit {
                    Err(ErreurService::SortieExistante { chemin }) => {
                        self.fiche_a_remplacer = Some(chemin)
                    }
                    Ok(chemin) => {
                        self.info = Some(format!("Fiche enregistrée : {}", chemin.display()));
                        self.fiche_imprimee = Some(chemin);
                    }
                    Err(e) => self.erreur = Some(format!("La fiche n'a pas pu être écrite : {e}")),
                }
                return Action::Aucune;
            }
            Message::OuvrirFiche => {
                if let Some(c) = &self.fiche_imprimee {
                    if let Err(e) = super::dossier::impression::ouvrir(c) {
                        self.erreur = Some(e.to_string());
                    }
                }
                return Action::Aucune;
            }
            Message::Nouvelle => {
                if Self::habilite(session) {
                    self.edition = Some(fiche::Fiche::new(None, session));
                    return Action::Tache(crate::ui::defilement::vers(fiche::ID_NOM));
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

    /// La fiche de la ressource, dans le dossier des documents, hors de la fenêtre.
    fn imprimer_fiche(&mut self, session: &Session, remplacer: bool) -> Action {
        self.fiche_a_remplacer = None;
        let Some(r) = self.detail.clone() else {
            return Action::Aucune;
        };
        let poste = session.poste();
        let dossier = crate::services::espace::dossier_des_documents();
        Action::Tache(en_fond(
            move || crate::services::ressources::imprimer_fiche(&poste, &r, &dossier, remplacer),
            Message::FicheImprimee,
        ))
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
        let prescription = Prescription {
            ressource: r.id.to_string(),
            nom: r.nom.clone(),
            besoin,
            date: session.aujourdhui(),
        };
        let commande = match p.action {
            Some(action) => Commande::PrescrireRessource {
                action: p
                    .action_id
                    .and_then(|id| {
                        let d = session.dossier(p.dossier).ok().flatten()?;
                        d.numero_de(crate::domain::dossier::Sorte::Action, id)
                    })
                    .unwrap_or(action),
                prescription,
            },
            None => Commande::PrescrireAuDiagnostic(prescription),
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
        // À 150 % de texte et plus, la page défile d'un bloc (critères, liste, fiche l'une
        // sous l'autre) : une liste seule défilante n'aurait que quelques lignes de haut.
        let compact = session.preferences().echelle >= 1.5;
        let mut page = column![].spacing(10).padding(16);
        let mut boutons = row![widgets::bouton(
            "Importer ou exporter…",
            Some(Message::Echanges),
        )]
        .spacing(12);
        if Self::habilite(session) {
            boutons = boutons.push(widgets::bouton(
                "Nouvelle ressource",
                Some(Message::Nouvelle),
            ));
        }
        let entete: Element<'a, Message> = if compact {
            column![widgets::titre("Ressources partenariales"), boutons.wrap()]
                .spacing(8)
                .into()
        } else {
            row![
                widgets::titre("Ressources partenariales"),
                iced::widget::Space::new().width(Length::Fill),
                boutons
            ]
            .spacing(12)
            .align_y(Alignment::Center)
            .into()
        };
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
                .align_y(Alignment::Center)
                .wrap(),
            );
        }
        page = page.push(self.formulaire(session, compact));
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            page = page.push(widgets::information(i));
        }
        let liste = self.liste(session, !compact);
        if compact {
            // La fiche choisie d'abord : c'est elle qu'on vient lire.
            if let Some(r) = &self.detail {
                page = page.push(self.vue_detail(r, session));
            }
            return scrollable(page.push(liste)).height(Length::Fill).into();
        }
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
}

fn container_largeur<'a>(e: Element<'a, Message>, part: f32) -> Element<'a, Message> {
    iced::widget::container(e)
        .width(Length::FillPortion((part * 100.0) as u16))
        .into()
}
