//! La fenêtre : la navigation, les raccourcis clavier et l'aiguillage des messages vers
//! l'écran affiché.

use iced::widget::{button, column, container, row, text, Space};
use iced::{event, Element, Length, Size, Subscription, Task, Theme};
use uuid::Uuid;

use super::defilement;
use super::ecrans::{
    a_faire, accueil, annuaire, binome, comptes, cotraitance, dossier, indicateurs,
    nouveau_dossier, parametres, portefeuille, reprise, ressources, verrou,
};
pub use super::raccourcis::{Nav, Raccourci};
use super::tache;
use super::theme::Palettes;
use super::widgets::{self, TAILLE_TEXTE};
use crate::services::session::Session;

pub enum Page {
    Accueil(accueil::Accueil),
    AFaire,
    Portefeuille,
    NouveauDossier(nouveau_dossier::NouveauDossier),
    Dossier(Box<dossier::EcranDossier>),
    Indicateurs(Box<indicateurs::EcranIndicateurs>),
    Ressources(Box<ressources::EcranRessources>),
    Parametres(parametres::Parametres),
    Annuaire(annuaire::Annuaire),
    Comptes(Box<comptes::EcranComptes>),
    Binome(Box<binome::EcranBinome>),
    Reprise(Box<reprise::EcranReprise>),
    Cotraitance(Box<cotraitance::EcranCotraitance>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Naviguer(Nav),
    Accueil(accueil::Message),
    AFaire(a_faire::Message),
    Portefeuille(portefeuille::Message),
    Nouveau(nouveau_dossier::Message),
    Dossier(dossier::Message),
    Indicateurs(indicateurs::Message),
    Ressources(ressources::Message),
    Parametres(parametres::Message),
    Annuaire(annuaire::Message),
    Comptes(comptes::Message),
    Binome(binome::Message),
    Reprise(reprise::Message),
    Cotraitance(cotraitance::Message),
    /// Un fichier déposé sur la fenêtre : un paquet du binôme est reçu, un tableau de
    /// suivi (CSV, XLSX) est lu pour être repris.
    FichierDepose(std::path::PathBuf),
    /// L'export des dossiers affichés est écrit (nombre, fichier).
    Exporte(Result<(usize, std::path::PathBuf), crate::services::ErreurService>),
    ContratsImprimes(Result<(usize, std::path::PathBuf), crate::services::ErreurService>),
    /// La sauvegarde du jour, faite en fond après l'ouverture (contrôle d'intégrité compris).
    SauvegardeDuJour(Result<usize, crate::services::ErreurService>),
    /// Le dossier d'échange surveillé a été relevé.
    Releve(Result<crate::services::echange::Releve, crate::services::ErreurService>),
    Clavier(Raccourci),
    Redimensionne(Size),
    Deplacee(iced::Point),
    FermetureDemandee,
    Quitter,
    /// Une touche ou un clic : quelqu'un est devant le poste.
    Activite,
    /// Le tic de la minuterie d'inactivité.
    Horloge,
    Verrou(verrou::Message),
}

pub struct App {
    pub session: Session,
    pub page: Page,
    pub portefeuille: portefeuille::Portefeuille,
    pub erreur: Option<String>,
    /// La fenêtre verrouillée (inactivité ou Ctrl+L) : les pages restent telles quelles.
    pub verrou: Option<verrou::Verrou>,
    derniere_activite: std::time::Instant,
    /// Un administrateur a demandé de restaurer une sauvegarde : la racine ferme la session
    /// (et la base) et rouvre la porte pour cela.
    pub vers_la_restauration: bool,
    /// Les fichiers du dossier d'échange déjà examinés, et si un relevé est en cours.
    echange_vus: std::collections::HashSet<crate::services::echange::Vu>,
    releve_en_cours: bool,
    /// Ce que le dossier d'échange vient d'apporter.
    pub avis: Option<String>,
}

impl App {
    pub fn new(session: Session) -> App {
        let page = if session.utilisateur().is_none() {
            Page::Accueil(accueil::Accueil::default())
        } else {
            Page::AFaire
        };
        App {
            portefeuille: portefeuille::Portefeuille::new(&session),
            session,
            page,
            erreur: None,
            verrou: None,
            derniere_activite: std::time::Instant::now(),
            vers_la_restauration: false,
            echange_vus: Default::default(),
            releve_en_cours: false,
            avis: None,
        }
    }

    /// La sauvegarde du jour et de la semaine, si elles manquent, une fois la fenêtre
    /// ouverte : la base est contrôlée avant, sur un fil à part.
    pub fn sauvegarder_en_fond(&self) -> Task<Message> {
        let poste = self.session.poste();
        super::tache::en_fond(
            move || crate::services::sauvegardes::automatiques(&poste),
            Message::SauvegardeDuJour,
        )
    }

    pub fn titre(&self) -> String {
        let ecran = match &self.page {
            Page::Accueil(_) => "Bienvenue".to_string(),
            Page::AFaire => "À faire".into(),
            Page::Portefeuille => "Portefeuille".into(),
            Page::NouveauDossier(n) => n.titre(),
            Page::Dossier(d) => d.titre(),
            Page::Indicateurs(_) => "Indicateurs".into(),
            Page::Ressources(_) => "Ressources".into(),
            Page::Parametres(_) => "Paramètres".into(),
            Page::Annuaire(_) => "Annuaire".into(),
            Page::Comptes(_) => "Comptes et délégations".into(),
            Page::Binome(_) => "Échange avec le binôme".into(),
            Page::Reprise(_) => "Reprendre un tableau de suivi".into(),
            Page::Cotraitance(c) => c.titre(),
        };
        format!("Binôme — {ecran}")
    }

    pub fn theme(&self) -> Theme {
        self.session.preferences().apparence.theme()
    }

    pub fn echelle(&self) -> f32 {
        self.session.preferences().echelle
    }

    fn ouvrir_dossier(&mut self, id: Uuid) {
        self.page = Page::Dossier(Box::new(dossier::EcranDossier::new(id, &self.session)));
    }

    fn aller(&mut self, nav: Nav) -> Task<Message> {
        if self.session.utilisateur().is_none() {
            return Task::none();
        }
        self.page = match nav {
            Nav::AFaire => Page::AFaire,
            Nav::Portefeuille => Page::Portefeuille,
            Nav::Parametres => Page::Parametres(parametres::Parametres::new(&self.session)),
            Nav::Annuaire => Page::Annuaire(annuaire::Annuaire::new(&self.session)),
            Nav::Indicateurs => {
                let (ecran, calcul) = indicateurs::EcranIndicateurs::new(&self.session);
                self.page = Page::Indicateurs(Box::new(ecran));
                return calcul.map(Message::Indicateurs);
            }
            Nav::Ressources => {
                self.page =
                    Page::Ressources(Box::new(ressources::EcranRessources::new(&self.session)));
                return defilement::vers(ressources::ID_TEXTE);
            }
            Nav::Cotraitance => {
                self.page = Page::Cotraitance(Box::default());
                return defilement::vers(cotraitance::ID_RECHERCHE);
            }
            Nav::Binome => {
                let (ecran, lecture) = binome::EcranBinome::new(&self.session);
                self.page = Page::Binome(Box::new(ecran));
                return lecture.map(Message::Binome);
            }
        };
        Task::none()
    }

    /// Après un enregistrement : le portefeuille affiché suit la base.
    fn portefeuille_modifie(&mut self) {
        self.portefeuille.recharger(&self.session);
    }

    /// Traite un message. Une page qui change (un autre écran, un autre dossier) commence en
    /// haut : sans cela, elle hériterait du défilement de la précédente.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Horloge => {
                let verrou = self.verifier_inactivite();
                return verrou.chain(self.relever());
            }
            Message::Clavier(Raccourci::Verrouiller) => return self.verrouiller(),
            Message::Verrou(m) => return self.deverrouillage(m),
            // Verrouillée, la fenêtre ne prend que sa fermeture et sa géométrie.
            Message::Redimensionne(_)
            | Message::Deplacee(_)
            | Message::FermetureDemandee
            | Message::Quitter => {}
            Message::Clavier(Raccourci::Suivant | Raccourci::Precedent)
                if self.verrou.is_some() =>
            {
                return Task::none();
            }
            _ if self.verrou.is_some() => return Task::none(),
            _ => self.derniere_activite = std::time::Instant::now(),
        }
        let avant = self.cle_page();
        let t = self.traiter(message);
        if self.cle_page() != avant {
            defilement::au_debut().chain(t)
        } else {
            t
        }
    }

    /// Verrouille la fenêtre si personne n'y a touché depuis le délai réglé.
    fn verifier_inactivite(&mut self) -> Task<Message> {
        let delai = std::time::Duration::from_secs(
            u64::from(self.session.preferences().verrouillage_minutes.max(1)) * 60,
        );
        if self.verrou.is_none() && self.derniere_activite.elapsed() >= delai {
            return self.verrouiller();
        }
        Task::none()
    }

    pub fn verrouiller(&mut self) -> Task<Message> {
        let mut t = defilement::vers(verrou::ID_MOT_DE_PASSE);
        if self.verrou.is_none() {
            self.verrou = Some(verrou::Verrou::default());
            let poste = self.session.poste();
            t = t.chain(
                tache::en_fond(
                    move || {
                        poste.auditer(crate::domain::audit::ActionAudit::Verrouillage, None);
                        Ok(())
                    },
                    |_| (),
                )
                .discard(),
            );
        }
        t
    }

    fn deverrouillage(&mut self, m: verrou::Message) -> Task<Message> {
        let Some(v) = &mut self.verrou else {
            return Task::none();
        };
        let identifiant = self.session.compte().identifiant.clone();
        match v.update(m, self.session.espace(), &identifiant) {
            verrou::Action::Aucune => Task::none(),
            verrou::Action::Tache(t) => t.map(Message::Verrou),
            verrou::Action::Deverrouiller => {
                self.verrou = None;
                self.derniere_activite = std::time::Instant::now();
                Task::none()
            }
        }
    }

    /// L'écran affiché, et le dossier s'il y en a un.
    fn cle_page(&self) -> (std::mem::Discriminant<Page>, Option<Uuid>) {
        let dossier = match &self.page {
            Page::Dossier(d) => Some(d.id),
            Page::Cotraitance(c) => Some(c.cle()),
            _ => None,
        };
        (std::mem::discriminant(&self.page), dossier)
    }

    fn traiter(&mut self, message: Message) -> Task<Message> {
        if self.session.actualiser_le_jour() {
            self.portefeuille_modifie();
        }
        match message {
            Message::Naviguer(n) => {
                self.avis = None;
                return self.aller(n);
            }
            Message::Accueil(m) => {
                if let Page::Accueil(a) = &mut self.page {
                    match a.update(m, &mut self.session) {
                        accueil::Action::Aucune => {}
                        accueil::Action::Tache(t) => return t.map(Message::Accueil),
                        accueil::Action::Pret => {
                            self.portefeuille_modifie();
                            self.page = Page::AFaire;
                        }
                    }
                }
            }
            Message::AFaire(a_faire::Message::Focus(true)) => return defilement::suivant(),
            Message::AFaire(a_faire::Message::Focus(false)) => return defilement::precedent(),
            Message::AFaire(a_faire::Message::Echange) => return self.aller(Nav::Binome),
            Message::AFaire(a_faire::Message::Jeune(id)) => {
                self.page = Page::Cotraitance(Box::new(cotraitance::EcranCotraitance::sur(
                    id,
                    &self.session,
                )));
            }
            Message::AFaire(a_faire::Message::Ouvrir(id, formulaire)) => {
                self.ouvrir_dossier(id);
                if let Some(f) = formulaire {
                    return self.update(Message::Dossier(dossier::Message::Ouvrir(f)));
                }
            }
            Message::Portefeuille(m) => match self.portefeuille.update(m) {
                portefeuille::Action::Aucune => {}
                portefeuille::Action::Ouvrir(id) => self.ouvrir_dossier(id),
                portefeuille::Action::Nouveau => return self.nouveau(),
                portefeuille::Action::Exporter(ids, xlsx) => return self.exporter(ids, xlsx),
                portefeuille::Action::Reprendre => return self.reprendre(),
                portefeuille::Action::Jeunes => return self.aller(Nav::Cotraitance),
                portefeuille::Action::ImprimerContrats(ids) => return self.imprimer_contrats(ids),
                portefeuille::Action::Focus(true) => return defilement::suivant(),
                portefeuille::Action::Focus(false) => return defilement::precedent(),
                portefeuille::Action::Haut(t) => return t.map(Message::Portefeuille),
            },
            Message::Nouveau(m) => {
                if let Page::NouveauDossier(n) = &mut self.page {
                    match n.update(m, &mut self.session) {
                        nouveau_dossier::Action::Aucune => {}
                        nouveau_dossier::Action::Cotraitance => {
                            self.page = Page::Cotraitance(Box::new(
                                cotraitance::EcranCotraitance::affecter(&self.session),
                            ));
                            return defilement::vers(cotraitance::ID_AFFECTATION);
                        }
                        nouveau_dossier::Action::Ouvert(id) => {
                            self.portefeuille_modifie();
                            self.ouvrir_dossier(id);
                        }
                        nouveau_dossier::Action::Quitter => self.page = Page::Portefeuille,
                        nouveau_dossier::Action::RetourDossier(id) => self.ouvrir_dossier(id),
                        nouveau_dossier::Action::Focus(id) => return defilement::vers(id),
                        nouveau_dossier::Action::Modifie(id, message) => {
                            self.portefeuille_modifie();
                            self.ouvrir_dossier(id);
                            if let Page::Dossier(d) = &mut self.page {
                                d.succes = Some(message);
                            }
                        }
                    }
                }
            }
            Message::Annuaire(m) => {
                if let Page::Annuaire(a) = &mut self.page {
                    match a.update(m, &mut self.session) {
                        annuaire::Action::Aucune => {}
                        annuaire::Action::Focus(id) => return defilement::vers(id),
                        annuaire::Action::RetourDossier(id) => self.ouvrir_dossier(id),
                    }
                }
            }
            Message::Dossier(m) => {
                if let Page::Dossier(d) = &mut self.page {
                    match d.update(m, &mut self.session) {
                        dossier::Action::Aucune => {}
                        dossier::Action::Retour => self.page = Page::Portefeuille,
                        dossier::Action::Modifie => self.portefeuille_modifie(),
                        dossier::Action::Efface => {
                            if let Err(e) = self.session.recharger() {
                                self.erreur = Some(e.to_string());
                            }
                            self.portefeuille_modifie();
                        }
                        dossier::Action::Prescrire(contexte, besoin, commune) => {
                            self.page = Page::Ressources(Box::new(
                                ressources::EcranRessources::pour_prescrire(
                                    &self.session,
                                    contexte,
                                    besoin.as_deref(),
                                    &commune,
                                ),
                            ));
                        }
                        dossier::Action::Tache(t) => return t.map(Message::Dossier),
                        dossier::Action::Annuaire(id, role) => {
                            self.page = Page::Annuaire(annuaire::Annuaire::pour_dossier(
                                &self.session,
                                id,
                                role,
                            ));
                            return defilement::vers(widgets::ID_CIVILITE);
                        }
                        dossier::Action::ChangerSituation(d) => {
                            self.page = Page::NouveauDossier(
                                nouveau_dossier::NouveauDossier::situation(&d, &self.session),
                            );
                            return defilement::vers(nouveau_dossier::CHAMPS[0]);
                        }
                    }
                }
            }
            Message::Indicateurs(m) => {
                if let Page::Indicateurs(e) = &mut self.page {
                    match e.update(m, &mut self.session) {
                        indicateurs::Action::Aucune => {}
                        indicateurs::Action::Cotraitance => {
                            self.page = Page::Cotraitance(Box::new(
                                cotraitance::EcranCotraitance::chiffres(&self.session),
                            ));
                            return defilement::vers(cotraitance::ID_ANNEE);
                        }
                        indicateurs::Action::Ouvrir(id) => self.ouvrir_dossier(id),
                        indicateurs::Action::Tache(t) => return t.map(Message::Indicateurs),
                    }
                }
            }
            Message::Ressources(m) => {
                if let Page::Ressources(e) = &mut self.page {
                    match e.update(m, &mut self.session) {
                        ressources::Action::Aucune => {}
                        ressources::Action::Tache(t) => return t.map(Message::Ressources),
                        ressources::Action::Dossier(id) => {
                            self.portefeuille_modifie();
                            self.ouvrir_dossier(id);
                        }
                    }
                }
            }
            Message::Parametres(parametres::Message::ChoisirStructures) => {
                return Task::perform(
                    super::dialogues::ouvrir_parmi(
                        "Choisir le fichier des structures",
                        "Structures (CSV, JSON)",
                        &["csv", "json", "txt"],
                    ),
                    |p| Message::Parametres(parametres::Message::StructuresChoisies(p)),
                );
            }
            Message::Parametres(parametres::Message::InstallerStructures(installer)) => {
                let Page::Parametres(p) = &self.page else {
                    return Task::none();
                };
                let chemin = std::path::PathBuf::from(p.chemin_structures.trim());
                let poste = self.session.poste();
                return tache::en_fond(
                    move || {
                        crate::services::territoire::importer(&poste, &chemin, !installer)
                            .map(|r| (Box::new(r), installer))
                    },
                    |r| Message::Parametres(parametres::Message::Structures(r)),
                );
            }
            Message::Parametres(parametres::Message::RetablirStructures) => {
                let poste = self.session.poste();
                return tache::en_fond(
                    move || {
                        crate::services::territoire::retablir(&poste).map(|r| (Box::new(r), true))
                    },
                    |r| Message::Parametres(parametres::Message::Structures(r)),
                );
            }
            Message::Parametres(parametres::Message::Comptes) => {
                self.page = Page::Comptes(Box::new(comptes::EcranComptes::new(&self.session)));
                return defilement::vers("comptes-mdp");
            }
            Message::Comptes(m) => {
                if let Page::Comptes(c) = &mut self.page {
                    match c.update(m, &mut self.session) {
                        comptes::Action::Aucune => {}
                        comptes::Action::Tache(t) => return t.map(Message::Comptes),
                        comptes::Action::Restaurer => self.vers_la_restauration = true,
                        comptes::Action::Modifie => {
                            if let Err(e) = self.session.recharger() {
                                self.erreur = Some(e.to_string());
                            }
                            self.portefeuille_modifie();
                        }
                    }
                }
            }
            Message::Binome(m) => {
                if let Page::Binome(b) = &mut self.page {
                    match b.update(m, &mut self.session) {
                        binome::Action::Aucune => {}
                        binome::Action::Tache(t) => return t.map(Message::Binome),
                        binome::Action::Relever => return self.relever(),
                        binome::Action::Modifie(t) => {
                            if let Err(e) = self.session.recharger() {
                                self.erreur = Some(e.to_string());
                            }
                            self.portefeuille_modifie();
                            return t.map(Message::Binome);
                        }
                    }
                }
            }
            Message::Reprise(m) => {
                if let Page::Reprise(e) = &mut self.page {
                    match e.update(m, &mut self.session) {
                        reprise::Action::Aucune => {}
                        reprise::Action::Tache(t) => return t.map(Message::Reprise),
                        reprise::Action::Portefeuille => return self.aller(Nav::Portefeuille),
                        reprise::Action::Importe => {
                            if let Err(e) = self.session.recharger() {
                                self.erreur = Some(e.to_string());
                            }
                            self.portefeuille_modifie();
                        }
                    }
                }
            }
            Message::Cotraitance(m) => {
                if let Page::Cotraitance(c) = &mut self.page {
                    match c.update(m, &mut self.session) {
                        cotraitance::Action::Aucune => {}
                        cotraitance::Action::Tache(t) => return t.map(Message::Cotraitance),
                        cotraitance::Action::Focus(id) => return defilement::vers(id),
                        cotraitance::Action::Modifie => self.portefeuille_modifie(),
                    }
                }
            }
            Message::FichierDepose(chemin) => return self.fichier_depose(chemin),
            Message::Exporte(r) => match r {
                Ok((n, chemin)) => {
                    self.erreur = None;
                    self.avis = Some(format!(
                        "{n} dossier(s) exporté(s) dans {} (identifiants France Travail masqués ; « binome export dossiers --identifiants » les écrit en entier).",
                        chemin.display()
                    ));
                }
                Err(e) => self.erreur = Some(e.to_string()),
            },
            Message::ContratsImprimes(r) => {
                self.avis = None;
                match r {
                    Ok((0, _)) => {
                        self.avis = Some("Aucun des dossiers affichés n'est en accompagnement global en cours : aucun contrat à imprimer.".into())
                    }
                    Ok((n, dossier)) => {
                        self.erreur = None;
                        self.avis = Some(format!(
                            "{n} contrat(s) écrit(s) dans {}, prêts à imprimer et à signer.",
                            dossier.display()
                        ));
                    }
                    Err(e) => self.erreur = Some(format!("Contrats non imprimés : {e}")),
                }
            }
            Message::SauvegardeDuJour(Ok(_)) => {}
            Message::SauvegardeDuJour(Err(e)) => {
                tracing::warn!("sauvegarde automatique non faite : {e}");
                self.erreur = Some(format!("La sauvegarde du jour n'a pas été faite. {e}"));
            }
            Message::Releve(r) => {
                self.releve_en_cours = false;
                match r {
                    Ok(r) => {
                        self.echange_vus.extend(r.vus);
                        if !r.arrivees.is_empty() {
                            let textes: Vec<String> =
                                r.arrivees.iter().map(|a| a.message()).collect();
                            self.avis = Some(format!("Dossier d'échange : {}", textes.join(" ")));
                            if let Err(e) = self.session.recharger() {
                                self.erreur = Some(e.to_string());
                            }
                            self.portefeuille_modifie();
                            // Le dossier ouvert montre ce qui vient d'arriver.
                            if let Page::Dossier(d) = &mut self.page {
                                d.recharger(&self.session);
                            }
                        }
                        if !r.refus.is_empty() {
                            self.erreur = Some(format!(
                                "Dossier d'échange, paquet refusé : {}",
                                r.refus.join(" ; ")
                            ));
                        }
                    }
                    Err(e) => {
                        self.erreur = Some(format!("Dossier d'échange illisible : {e}"));
                    }
                }
            }
            Message::Parametres(m) => {
                if let Page::Parametres(p) = &mut self.page {
                    if p.update(m, &mut self.session) {
                        self.portefeuille_modifie();
                    }
                }
            }
            Message::Clavier(r) => return self.raccourci(r),
            Message::Redimensionne(taille) => {
                self.session.preferences_mut().fenetre = Some((taille.width, taille.height));
            }
            Message::Deplacee(p) => self.session.preferences_mut().position = Some((p.x, p.y)),
            Message::FermetureDemandee => {
                // Les brouillons en attente sont écrits, la taille de la fenêtre gardée.
                let brouillons = self.session.brouillons().vidange();
                let preferences = self.session.sauvegarde_preferences();
                return tache::en_fond(
                    move || {
                        brouillons();
                        Ok(preferences()?)
                    },
                    |r| {
                        if let Err(e) = r {
                            tracing::warn!("préférences non enregistrées : {e}");
                        }
                        Message::Quitter
                    },
                );
            }
            Message::Quitter => {
                self.session.fermer();
                return iced::exit();
            }
            Message::Activite | Message::Horloge | Message::Verrou(_) => {}
        }
        Task::none()
    }

    /// Exporte les dossiers affichés dans le dossier des documents, sous un nom daté.
    fn exporter(&mut self, ids: Vec<Uuid>, xlsx: bool) -> Task<Message> {
        use crate::services::export::{exporter_dossiers, FormatExport};
        let (format, extension) = if xlsx {
            (FormatExport::Xlsx, "xlsx")
        } else {
            (FormatExport::Csv, "csv")
        };
        let chemin = crate::services::espace::dossier_des_documents().join(format!(
            "dossiers-{}.{extension}",
            chrono::Local::now().format("%Y-%m-%d-%H%M%S")
        ));
        let poste = self.session.poste();
        tache::en_fond(
            move || {
                exporter_dossiers(&poste, Some(&ids), format, &chemin, false, false)
                    .map(|n| (n, chemin))
            },
            Message::Exporte,
        )
    }

    /// Relève le dossier d'échange surveillé, s'il y en a un (à chaque tic de la minuterie,
    /// jamais deux relevés à la fois, jamais fenêtre verrouillée).
    pub fn relever(&mut self) -> Task<Message> {
        let Some(dossier) = self.session.preferences().dossier_echange.clone() else {
            return Task::none();
        };
        if self.releve_en_cours || self.verrou.is_some() || self.session.utilisateur().is_none() {
            return Task::none();
        }
        self.releve_en_cours = true;
        let poste = self.session.poste();
        let deja = self.echange_vus.clone();
        tache::en_fond(
            move || crate::services::echange::relever(&poste, &dossier, &deja),
            Message::Releve,
        )
    }

    /// Les contrats des dossiers affichés, en un lot, dans un dossier daté du dossier des
    /// documents.
    fn imprimer_contrats(&mut self, ids: Vec<Uuid>) -> Task<Message> {
        let sortie = crate::services::espace::dossier_des_documents().join(format!(
            "contrats-{}",
            chrono::Local::now().format("%Y-%m-%d-%H%M%S")
        ));
        let poste = self.session.poste();
        self.avis = Some("Impression des contrats en cours…".into());
        tache::en_fond(
            move || {
                crate::services::impression::imprimer_contrats(&poste, Some(&ids), &sortie, false)
                    .map(|n| (n, sortie))
            },
            Message::ContratsImprimes,
        )
    }

    fn reprendre(&mut self) -> Task<Message> {
        if self.session.utilisateur().is_none() {
            return Task::none();
        }
        self.page = Page::Reprise(Box::new(reprise::EcranReprise::new()));
        defilement::vers(reprise::ID_FICHIER)
    }

    /// Un paquet (.binome) déposé sur la fenêtre est reçu, depuis l'écran de l'échange ;
    /// un tableau (CSV, XLSX) est lu dans l'écran de reprise.
    fn fichier_depose(&mut self, chemin: std::path::PathBuf) -> Task<Message> {
        let tableau = chemin
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("xlsx"));
        if tableau && self.session.utilisateur().is_some() {
            if !matches!(self.page, Page::Reprise(_)) {
                self.page = Page::Reprise(Box::new(reprise::EcranReprise::new()));
            }
            if let Page::Reprise(e) = &mut self.page {
                return e.lire_fichier(&self.session, chemin).map(Message::Reprise);
            }
        }
        let paquet = chemin
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("binome"));
        if !paquet || self.session.utilisateur().is_none() {
            return Task::none();
        }
        let mut t = Task::none();
        if !matches!(self.page, Page::Binome(_)) {
            t = self.aller(Nav::Binome);
        }
        if let Page::Binome(b) = &mut self.page {
            t = t.chain(
                b.recevoir_fichier(&self.session, chemin)
                    .map(Message::Binome),
            );
        }
        t
    }

    fn nouveau(&mut self) -> Task<Message> {
        if self.session.utilisateur().is_none() {
            return Task::none();
        }
        // Une mission locale n'ouvre pas de dossier : Pôle emploi lui affecte les jeunes.
        if self.session.en_mission_locale() {
            self.page = Page::Cotraitance(Box::default());
            self.avis = Some("Une mission locale n'ouvre pas de dossier : Pôle emploi lui affecte les jeunes, qui arrivent ici (par l'échange avec le conseiller, ou saisis sur un poste commun).".into());
            return defilement::vers(cotraitance::ID_RECHERCHE);
        }
        self.page = Page::NouveauDossier(nouveau_dossier::NouveauDossier::new(&self.session));
        defilement::vers(widgets::ID_CIVILITE)
    }

    fn raccourci(&mut self, r: Raccourci) -> Task<Message> {
        match r {
            Raccourci::Suivant => defilement::suivant(),
            Raccourci::Precedent => defilement::precedent(),
            Raccourci::Page(sens) => defilement::page(sens),
            Raccourci::Rechercher => {
                if self.session.utilisateur().is_none() {
                    return Task::none();
                }
                self.page = Page::Portefeuille;
                defilement::vers(portefeuille::ID_RECHERCHE)
            }
            Raccourci::Nouveau => self.nouveau(),
            Raccourci::Enregistrer | Raccourci::Imprimer | Raccourci::Echap => {
                // Chaque écran dit ce que le raccourci veut dire chez lui.
                let message = match &self.page {
                    Page::NouveauDossier(n) => n.raccourci(r).map(Message::Nouveau),
                    Page::Dossier(d) => d.raccourci(r).map(Message::Dossier),
                    Page::Ressources(e) => e.raccourci(r).map(Message::Ressources),
                    Page::Annuaire(a) => a.raccourci(r).map(Message::Annuaire),
                    Page::Cotraitance(c) => c.raccourci(r).map(Message::Cotraitance),
                    _ => None,
                };
                match message {
                    Some(m) => self.update(m),
                    None => Task::none(),
                }
            }
            Raccourci::Agrandir | Raccourci::Reduire => {
                let pas = if r == Raccourci::Agrandir { 0.1 } else { -0.1 };
                let e = &mut self.session.preferences_mut().echelle;
                *e = ((*e + pas) * 10.0).round() / 10.0;
                *e = e.clamp(1.0, 2.0);
                if let Err(e) = self.session.enregistrer_preferences() {
                    self.erreur = Some(e.to_string());
                }
                Task::none()
            }
            Raccourci::Aller(n) => self.aller(n),
            Raccourci::Verrouiller => self.verrouiller(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            event::listen_with(super::raccourcis::evenement),
            Subscription::run(minuterie),
        ])
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(v) = &self.verrou {
            return v
                .view(&self.session.compte().identifiant)
                .map(Message::Verrou);
        }
        let contenu: Element<'_, Message> = match &self.page {
            Page::Accueil(a) => return a.view(&self.session).map(Message::Accueil),
            Page::AFaire => a_faire::view(&self.session).map(Message::AFaire),
            Page::Portefeuille => self
                .portefeuille
                .view(self.session.preferences().echelle >= 1.5)
                .map(Message::Portefeuille),
            Page::NouveauDossier(n) => n.view(&self.session).map(Message::Nouveau),
            Page::Dossier(d) => d.view(&self.session).map(Message::Dossier),
            Page::Parametres(p) => p.view(&self.session).map(Message::Parametres),
            Page::Indicateurs(e) => e.view(&self.session).map(Message::Indicateurs),
            Page::Ressources(e) => e.view(&self.session).map(Message::Ressources),
            Page::Annuaire(a) => a.view(&self.session).map(Message::Annuaire),
            Page::Comptes(c) => c.view(&self.session).map(Message::Comptes),
            Page::Binome(b) => b.view(&self.session).map(Message::Binome),
            Page::Reprise(e) => e.view(&self.session).map(Message::Reprise),
            Page::Cotraitance(c) => c.view(&self.session).map(Message::Cotraitance),
        };
        let mut principal = column![].spacing(0);
        if let Some(e) = &self.erreur {
            principal = principal.push(widgets::erreur(e));
        }
        if let Some(a) = &self.avis {
            principal = principal.push(widgets::information(a));
        }
        row![
            self.navigation(),
            principal.push(contenu).width(Length::Fill)
        ]
        .into()
    }

    fn navigation(&self) -> Element<'_, Message> {
        let a_faire = self.session.nombre_a_faire();
        let active = match &self.page {
            Page::AFaire => Some(Nav::AFaire),
            Page::Portefeuille | Page::Dossier(_) | Page::NouveauDossier(_) | Page::Reprise(_) => {
                Some(Nav::Portefeuille)
            }
            Page::Parametres(_) | Page::Comptes(_) => Some(Nav::Parametres),
            Page::Indicateurs(_) => Some(Nav::Indicateurs),
            Page::Ressources(_) => Some(Nav::Ressources),
            Page::Annuaire(_) => Some(Nav::Annuaire),
            Page::Binome(_) => Some(Nav::Binome),
            Page::Cotraitance(_) => Some(Nav::Cotraitance),
            Page::Accueil(_) => None,
        };
        // À 150 % de texte et plus, le rail se resserre.
        let compact = self.session.preferences().echelle >= 1.5;
        let entree = |n: Nav, libelle: String| {
            // Serré, la couleur et le gras suffisent : la marque prendrait la place du nom.
            let marque = match (active == Some(n), compact) {
                (_, true) => "",
                (true, false) => "▸ ",
                (false, false) => "   ",
            };
            widgets::au_clavier(
                button(text(format!("{marque}{libelle}")).size(TAILLE_TEXTE))
                    .on_press(Message::Naviguer(n))
                    .width(Length::Fill)
                    .padding(if compact { [8, 4] } else { [8, 10] })
                    .style(if active == Some(n) {
                        button::primary
                    } else {
                        crate::ui::theme::rubrique
                    }),
                Some(Message::Naviguer(n)),
            )
        };
        let qui = self
            .session
            .utilisateur()
            .as_ref()
            .map(|u| format!("{}\n{}", u.nom_affiche(), u.fonction()))
            .unwrap_or_default();
        // Article 1.4 : la charge du conseiller dédié, à côté du repère de 70 à 100.
        let charge = self.session.mes_accompagnements().map(|n| {
            format!(
                "{n} en accompagnement global ({})",
                crate::domain::portefeuille::situer(n)
            )
        });
        // À 150 % de texte et plus, le rail se resserre : sans l'identité ni la charge (que
        // Paramètres et les Indicateurs donnent), sans le nombre de dossiers (le portefeuille
        // le donne), pour laisser la place à l'écran. Les rubriques gardent leur
        // nom : les messages qui y renvoient (« Paramètres (Ctrl+5) ») restent justes.
        let n_dossiers = self.session.portefeuille().len();
        let (entete, largeur): (Element<'_, Message>, f32) = if compact {
            (column![text("Binôme").size(18)].into(), 130.0)
        } else {
            (
                column![
                    text("Binôme").size(22),
                    text(qui).size(12),
                    text(charge.unwrap_or_default()).size(11),
                ]
                .into(),
                200.0,
            )
        };
        let court = |long: String, bref: String| if compact { bref } else { long };
        // La cotraitance des jeunes, pour Pôle emploi et les missions locales seulement.
        let jeunes: Element<'_, Message> = if self.session.en_cotraitance() {
            let n = self
                .session
                .jeunes()
                .iter()
                .filter(|l| l.etat.en_cours())
                .count();
            entree(
                Nav::Cotraitance,
                court(format!("Jeunes (cotraitance)  {n}"), format!("Jeunes {n}")),
            )
        } else {
            Space::new().height(0).into()
        };
        container(
            column![
                entete,
                Space::new().height(12),
                entree(
                    Nav::AFaire,
                    court(format!("À faire  {a_faire}"), format!("À faire {a_faire}"))
                ),
                entree(
                    Nav::Portefeuille,
                    court(format!("Portefeuille  {n_dossiers}"), "Portefeuille".into())
                ),
                entree(Nav::Ressources, "Ressources".into()),
                entree(Nav::Indicateurs, "Indicateurs".into()),
                entree(
                    Nav::Binome,
                    court("Échange binôme".into(), "Échange".into())
                ),
                jeunes,
                Space::new().height(Length::Fill),
                entree(Nav::Annuaire, "Annuaire".into()),
                entree(Nav::Parametres, "Paramètres".into()),
                text(court(
                    "Ctrl+1…8 : aller à une rubrique".into(),
                    "Ctrl+1…8".into()
                ))
                .size(11),
            ]
            .spacing(4)
            .padding(if compact { 6 } else { 10 }),
        )
        .width(Length::Fixed(largeur))
        .height(Length::Fill)
        .style(crate::ui::theme::rail)
        .into()
    }
}

/// Un tic toutes les 15 secondes, d'un fil à part (l'exécuteur de la fenêtre n'a pas de
/// minuterie) ; le fil s'arrête quand la fenêtre n'écoute plus.
fn minuterie() -> impl iced::futures::Stream<Item = Message> {
    use iced::futures::StreamExt;
    let (mut tx, rx) = iced::futures::channel::mpsc::channel(1);
    let lance = std::thread::Builder::new()
        .name("minuterie".into())
        .spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(15));
            if tx.is_closed() {
                break;
            }
            // Un tic déjà en attente suffit.
            let _ = tx.try_send(());
        });
    if let Err(e) = lance {
        tracing::warn!("minuterie de verrouillage non lancée : {e}");
    }
    rx.map(|()| Message::Horloge)
}
