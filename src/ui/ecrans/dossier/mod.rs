//! Le dossier : en-tête, sections du parcours dans l'ordre de la convention, chronologie,
//! et les actions que le domaine permet (une action grisée dit pourquoi).

pub mod formulaire;
pub mod impression;

use std::collections::HashMap;

use iced::widget::{
    checkbox, column, container, pick_list, radio, row, scrollable, text, text_input, Space,
};
use iced::{Alignment, Element, Length};
use uuid::Uuid;

use formulaire::{
    commande, ChoixDecision, ChoixMotif, Formulaire, LigneDiagnostic, Option_, Saisie, STATUTS,
};

use crate::domain::date::{date_fr, duree_jours};
use crate::domain::diagnostic::{evolution, Objectif, Situation, Volet};
use crate::domain::dossier::{
    decider, Canal, Commande, Dossier, Etape, ObjetFiche, StatutAction, Suite,
};
use crate::domain::echeances::alertes;
use crate::domain::professionnel::Role;
use crate::store::EvenementEnregistre;
use crate::ui::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_PREMIER_CHAMP: &str = "dossier-formulaire-premier";

#[derive(Debug, Clone)]
pub enum Message {
    Ouvrir(Formulaire),
    Fermer,
    Date(String),
    Texte(String),
    Texte2(String),
    Texte3(String),
    Mois(String),
    Echeance(String),
    AccordConseiller(bool),
    AccordReferent(bool),
    Coche(bool),
    Role(Role),
    Volet(Volet),
    Objet(ObjetFiche),
    Decision(ChoixDecision),
    Canal(Canal),
    Motif(ChoixMotif),
    Besoin(Option_),
    Membre(Option_),
    AjouterBesoin(Option_),
    Situation(usize, Situation),
    Objectif(usize, Objectif),
    Confidentiel(usize, bool),
    RetirerBesoin(usize),
    Valider,
    Statut(u32, StatutAction),
    /// Chercher une ressource partenariale à prescrire pour cette action.
    Ressources(u32),
    Retour,
    Imprimer(crate::pdf::documents::Modele),
    ImprimerDocumentDuMoment,
    CheminImpression(String),
    ConfirmerImpression,
    FermerImpression,
    OuvrirDocument(std::path::PathBuf),
    ReprendreSaisie,
    ChoisirEmplacement,
    EmplacementChoisi(Option<std::path::PathBuf>),
}

pub enum Action {
    Aucune,
    Retour,
    /// Ouvrir les ressources pour prescrire : (contexte, besoin de l'action, commune).
    Prescrire(
        crate::ui::ecrans::ressources::Contexte,
        Option<String>,
        String,
    ),
    Tache(iced::Task<Message>),
}

pub struct EcranDossier {
    pub id: Uuid,
    pub dossier: Option<Dossier>,
    pub journal: Vec<EvenementEnregistre>,
    pub formulaire: Option<Formulaire>,
    pub saisie: Saisie,
    pub erreur: Option<String>,
    pub succes: Option<String>,
    pub impression: Option<impression::Impression>,
    /// Annuler une saisie modifiée demande une confirmation.
    pub confirmer_fermeture: bool,
    noms: HashMap<String, String>,
}

impl EcranDossier {
    pub fn new(id: Uuid, session: &Session) -> EcranDossier {
        let mut e = EcranDossier {
            id,
            dossier: None,
            journal: Vec::new(),
            formulaire: None,
            saisie: Saisie::default(),
            erreur: None,
            succes: None,
            impression: None,
            confirmer_fermeture: false,
            noms: HashMap::new(),
        };
        e.recharger(session);
        e
    }

    fn cle_brouillon(&self) -> String {
        format!("dossier-{}", self.id)
    }

    pub fn recharger(&mut self, session: &Session) {
        match (session.dossier(self.id), session.store.journal(self.id)) {
            (Ok(d), Ok(j)) => {
                self.dossier = d;
                self.journal = j;
            }
            (Err(e), _) | (_, Err(e)) => self.erreur = Some(e.to_string()),
        }
        if let Ok(pros) = session.store.professionnels() {
            self.noms = pros
                .into_iter()
                .map(|p| (p.id.to_string(), p.nom_affiche()))
                .collect();
        }
        if self.formulaire.is_none() {
            if let Ok(Some((f, s))) = session
                .store
                .brouillon::<(Formulaire, Saisie)>(&self.cle_brouillon())
            {
                self.formulaire = Some(f);
                self.saisie = s;
                self.succes = Some("Votre saisie en cours a été retrouvée.".into());
            }
        }
    }

    pub fn formulaire_modifie(&self, session: &Session) -> bool {
        match (self.formulaire, &self.dossier) {
            (Some(f), Some(d)) => {
                self.saisie != Saisie::pour(f, d, session.aujourdhui, role(session))
            }
            _ => false,
        }
    }

    pub fn update(&mut self, message: Message, session: &mut Session) -> Action {
        let s = &mut self.saisie;
        match message {
            Message::Ouvrir(f) => {
                // Une saisie en cours n'est jamais remplacée sans le demander ; rouvrir le
                // même formulaire la garde telle quelle.
                if self.formulaire == Some(f) {
                    return Action::Aucune;
                }
                if self.formulaire_modifie(session) {
                    self.confirmer_fermeture = true;
                    return Action::Aucune;
                }
                if let Some(d) = &self.dossier {
                    self.saisie = Saisie::pour(f, d, session.aujourdhui, role(session));
                    self.formulaire = Some(f);
                    self.confirmer_fermeture = false;
                    self.erreur = None;
                    self.succes = None;
                }
            }
            Message::Fermer => {
                // Une saisie commencée ne s'abandonne pas sur une fausse manœuvre.
                if self.formulaire_modifie(session) && !self.confirmer_fermeture {
                    self.confirmer_fermeture = true;
                    return Action::Aucune;
                }
                self.formulaire = None;
                self.confirmer_fermeture = false;
                self.erreur = None;
                let _ = session.store.effacer_brouillon(&self.cle_brouillon());
                return Action::Aucune;
            }
            Message::ReprendreSaisie => {
                self.confirmer_fermeture = false;
                return Action::Aucune;
            }
            Message::Retour => return Action::Retour,
            Message::Ressources(numero) => {
                let Some(d) = &self.dossier else {
                    return Action::Aucune;
                };
                let Some(a) = d.actions.iter().find(|a| a.numero == numero) else {
                    return Action::Aucune;
                };
                return Action::Prescrire(
                    crate::ui::ecrans::ressources::Contexte::new(
                        d.id,
                        numero,
                        &a.libelle,
                        &d.personne.nom_complet(),
                    ),
                    a.besoin.clone(),
                    d.personne.commune.to_string(),
                );
            }
            Message::Imprimer(m) => {
                if let Some(d) = &self.dossier {
                    self.impression = Some(impression::Impression::new(m, d));
                }
                return Action::Aucune;
            }
            Message::ImprimerDocumentDuMoment => {
                match self
                    .dossier
                    .as_ref()
                    .and_then(impression::document_du_moment)
                {
                    Some(m) => return self.update(Message::Imprimer(m), session),
                    None => {
                        self.erreur =
                            Some("Aucun document à imprimer pour ce dossier à cette étape.".into())
                    }
                }
                return Action::Aucune;
            }
            Message::CheminImpression(c) => {
                if let Some(i) = &mut self.impression {
                    i.chemin = c;
                }
                return Action::Aucune;
            }
            Message::FermerImpression => {
                self.impression = None;
                return Action::Aucune;
            }
            Message::OuvrirDocument(chemin) => {
                if let Err(e) = impression::ouvrir(&chemin) {
                    self.erreur = Some(e);
                }
                return Action::Aucune;
            }
            Message::ChoisirEmplacement => {
                if let Some(i) = &self.impression {
                    let propose = std::path::PathBuf::from(i.chemin.trim());
                    return Action::Tache(iced::Task::perform(
                        impression::choisir_emplacement(propose),
                        Message::EmplacementChoisi,
                    ));
                }
                return Action::Aucune;
            }
            Message::EmplacementChoisi(choix) => {
                match (choix, &mut self.impression) {
                    (Some(chemin), Some(i)) => i.chemin = chemin.display().to_string(),
                    (None, Some(_)) => {
                        self.succes = Some("Aucun emplacement choisi : indiquez le chemin du fichier dans le champ, puis « Enregistrer le PDF ».".into());
                    }
                    _ => {}
                }
                return Action::Aucune;
            }
            Message::ConfirmerImpression => {
                self.imprimer(session);
                return Action::Aucune;
            }
            Message::Date(t) => s.date = t,
            Message::Texte(t) => s.texte = t,
            Message::Texte2(t) => s.texte2 = t,
            Message::Texte3(t) => s.texte3 = t,
            Message::Mois(t) => s.mois = t,
            Message::Echeance(t) => s.echeance = t,
            Message::AccordConseiller(b) => s.accord_conseiller = b,
            Message::AccordReferent(b) => s.accord_referent = b,
            Message::Coche(b) => s.coche = b,
            Message::Role(r) => s.role = Some(r),
            Message::Volet(v) => s.volet = Some(v),
            Message::Objet(o) => s.objet = Some(o),
            Message::Decision(d) => s.decision = Some(d),
            Message::Canal(c) => s.canal = Some(c),
            Message::Motif(m) => s.motif = Some(m),
            Message::Besoin(b) => s.besoin = Some(b),
            Message::Membre(o) => {
                s.membre = session
                    .store
                    .professionnels()
                    .ok()
                    .and_then(|v| v.into_iter().find(|p| p.id.to_string() == o.code))
                    .map(|p| p.membre());
            }
            Message::AjouterBesoin(b) => {
                if !s.diagnostic.iter().any(|l| l.besoin == b.code) {
                    s.diagnostic.push(LigneDiagnostic {
                        besoin: b.code,
                        situation: Situation::Oui,
                        objectif: Objectif::NonAborde,
                        confidentiel: false,
                    });
                }
            }
            Message::Situation(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.situation = v;
                }
            }
            Message::Objectif(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.objectif = v;
                }
            }
            Message::Confidentiel(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.confidentiel = v;
                }
            }
            Message::RetirerBesoin(i) => {
                if i < s.diagnostic.len() {
                    s.diagnostic.remove(i);
                }
            }
            Message::Valider => {
                self.valider(session);
                return Action::Aucune;
            }
            Message::Statut(numero, statut) => {
                let c = Commande::ChangerStatutAction {
                    numero,
                    statut,
                    date: session.aujourdhui,
                };
                self.executer(
                    session,
                    &c,
                    format!("Action n° {numero} : {}.", statut.libelle()),
                );
                return Action::Aucune;
            }
        }
        if let Some(f) = self.formulaire {
            // Le brouillon suit la saisie : une fermeture inattendue ne perd rien.
            let _ = session
                .store
                .enregistrer_brouillon(&self.cle_brouillon(), &(f, &self.saisie));
        }
        Action::Aucune
    }

    fn imprimer(&mut self, session: &mut Session) {
        let Some(i) = &self.impression else { return };
        let chemin = std::path::PathBuf::from(i.chemin.trim());
        if chemin.as_os_str().is_empty() {
            self.erreur = Some("Indiquez où enregistrer le PDF.".into());
            return;
        }
        if let Some(parent) = chemin.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(parent) {
                self.erreur = Some(format!(
                    "Le dossier {} n'a pas pu être créé : {e}. Choisissez un autre emplacement.",
                    parent.display()
                ));
                return;
            }
        }
        let auteur = session.auteur();
        let ctx = crate::domain::dossier::Contexte {
            aujourdhui: session.aujourdhui,
            freins: &session.freins,
        };
        match crate::pdf::imprimer(
            &mut session.store,
            self.id,
            i.modele,
            &chemin,
            &auteur,
            &session.referentiel,
            ctx,
        ) {
            Ok(()) => {
                self.erreur = None;
                if let Some(i) = &mut self.impression {
                    i.ecrit = Some(chemin);
                }
                let _ = session.recharger();
                self.recharger(session);
            }
            Err(e) => self.erreur = Some(e),
        }
    }

    fn valider(&mut self, session: &mut Session) {
        let Some(f) = self.formulaire else { return };
        match commande(f, &self.saisie) {
            Ok(c) => {
                if self.executer(session, &c, format!("{} : enregistré.", f.titre())) {
                    self.formulaire = None;
                    let _ = session.store.effacer_brouillon(&self.cle_brouillon());
                }
            }
            Err(e) => self.erreur = Some(e),
        }
    }

    fn executer(&mut self, session: &mut Session, c: &Commande, succes: String) -> bool {
        match session.executer(self.id, c) {
            Ok(_) => {
                self.erreur = None;
                self.succes = Some(succes);
                self.recharger(session);
                true
            }
            Err(e) => {
                self.erreur = Some(e.to_string());
                false
            }
        }
    }

    /// Les actions proposées, et pour chacune le refus du domaine si elle n'est pas possible.
    pub fn actions(&self, session: &Session) -> Vec<(Formulaire, Option<String>)> {
        let Some(d) = &self.dossier else {
            return Vec::new();
        };
        let role = role(session).unwrap_or(Role::Conseiller);
        let mut v = vec![
            Formulaire::Diagnostic(Volet::Emploi),
            Formulaire::Diagnostic(Volet::Social),
        ];
        for r in [Role::Conseiller, Role::Referent] {
            if d.membre(r).is_none() {
                v.push(Formulaire::Designer(r));
            }
        }
        v.push(Formulaire::Fiche);
        for f in &d.fiches {
            if f.envoyee_le.is_none() {
                v.push(Formulaire::EnvoyerFiche(f.numero));
            } else if f.retournee_le.is_none() {
                v.push(Formulaire::RetourFiche(f.numero));
            }
        }
        v.extend([
            Formulaire::Concertation,
            Formulaire::Action,
            Formulaire::Initialisation,
            Formulaire::Signature,
            Formulaire::Contact,
            Formulaire::PlanifierPoint,
        ]);
        for p in d.points.iter().filter(|p| p.tenu_le.is_none()) {
            v.push(Formulaire::TenirPoint(Some(p.numero)));
        }
        v.extend([
            Formulaire::TenirPoint(None),
            Formulaire::Reconduction,
            Formulaire::SocialExclusif,
            Formulaire::Cloture,
        ]);
        v.into_iter()
            .map(|f| {
                let refus = match f {
                    // Le choix du professionnel ne se devine pas : seul l'état compte ici.
                    Formulaire::Designer(_) => d.cloture.as_ref().map(|c| {
                        crate::domain::Refus::DossierCloture { depuis: c.date }.to_string()
                    }),
                    _ => commande(f, &Saisie::essai(f, d, session.aujourdhui, role))
                        .ok()
                        .and_then(|c| decider(Some(d), &c, &session.ctx()).err())
                        .filter(|r| {
                            !matches!(
                                r,
                                crate::domain::Refus::DiagnosticVide
                                    | crate::domain::Refus::ChampVide { .. }
                            )
                        })
                        .map(|r| r.to_string()),
                };
                (f, refus)
            })
            .collect()
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let Some(d) = &self.dossier else {
            return column![
                widgets::erreur(
                    self.erreur
                        .as_deref()
                        .unwrap_or("Ce dossier est introuvable.")
                ),
                widgets::bouton("Retour au portefeuille", Some(Message::Retour)),
            ]
            .spacing(10)
            .padding(16)
            .into();
        };
        let mut page = column![self.entete(d, session)].spacing(12);
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        if let Some(s) = &self.succes {
            page = page.push(widgets::information(s));
        }
        if let Some(i) = &self.impression {
            page = page.push(i.view());
        }
        if let Some(f) = self.formulaire {
            page = page.push(self.vue_formulaire(f, d, session));
        }
        page = page.push(self.vue_actions(d, session));
        page = page
            .push(self.section_diagnostic(d, session))
            .push(self.section_fiches(d))
            .push(self.section_concertation(d))
            .push(self.section_carnet(d, session))
            .push(self.section_suivi(d))
            .push(self.section_sortie(d))
            .push(self.chronologie());
        scrollable(page.padding(16)).height(Length::Fill).into()
    }

    fn entete<'a>(&'a self, d: &'a Dossier, session: &'a Session) -> Element<'a, Message> {
        let p = &d.personne;
        let reste = d
            .terme()
            .filter(|_| matches!(d.etape(), Etape::Accompagnement | Etape::SocialExclusif))
            .map(|f| duree_jours((f - session.aujourdhui).num_days()));
        let binome = format!(
            "{} · {}",
            d.conseiller
                .as_ref()
                .map_or("conseiller à désigner", |m| m.nom.as_str()),
            d.referent
                .as_ref()
                .map_or("référent à désigner", |m| m.nom.as_str())
        );
        let alertes: Vec<String> = alertes(
            &d.resume(),
            session.aujourdhui,
            &session.preferences.echeances,
        )
        .iter()
        .map(|a| format!("{} — {}", a.gravite().libelle(), a.libelle()))
        .collect();
        let mut c = column![
            row![
                widgets::bouton("‹ Portefeuille", Some(Message::Retour)),
                widgets::titre(format!(
                    "{} {} {}",
                    p.civilite.abreviation(),
                    p.nom.to_uppercase(),
                    p.prenom
                )),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
            row![
                column![
                    widgets::ligne("Identifiant FT", p.identifiant_ft.to_string()),
                    widgets::ligne("Modalité", d.modalite.libelle().to_string()),
                    widgets::ligne("État", format!("● {}", d.etape().libelle())),
                    widgets::ligne("Binôme", binome),
                ]
                .spacing(4)
                .width(Length::FillPortion(1)),
                column![
                    widgets::ligne("Ouverture", date_fr(d.date_ouverture)),
                    widgets::ligne(
                        "Entrée",
                        d.entree.map(date_fr).unwrap_or_else(|| "—".into())
                    ),
                    widgets::ligne(
                        "Terme",
                        d.terme().map(date_fr).unwrap_or_else(|| "—".into())
                    ),
                    widgets::ligne("Reste", reste.unwrap_or_else(|| "—".into())),
                ]
                .spacing(4)
                .width(Length::FillPortion(1)),
            ]
            .spacing(20),
        ]
        .spacing(10);
        for a in alertes {
            c = c.push(text(a).size(TAILLE_TEXTE).style(text::warning));
        }
        let suite = d.suite();
        if let Some(f) = formulaire_de(suite) {
            c = c.push(widgets::bouton_principal(
                format!("Étape suivante : {}", suite.libelle()),
                Some(Message::Ouvrir(f)),
            ));
        }
        widgets::carte(c)
    }

    fn vue_actions<'a>(&'a self, d: &'a Dossier, session: &'a Session) -> Element<'a, Message> {
        let mut boutons = row![].spacing(8);
        // Les actions indisponibles pour la même raison sont regroupées sous cette raison.
        let mut raisons: Vec<(String, Vec<String>)> = Vec::new();
        for (f, refus) in self.actions(session) {
            boutons = boutons.push(widgets::bouton(
                f.titre(),
                refus.is_none().then_some(Message::Ouvrir(f)),
            ));
            if let Some(r) = refus {
                match raisons.iter_mut().find(|(m, _)| *m == r) {
                    Some((_, v)) => v.push(f.titre()),
                    None => raisons.push((r, vec![f.titre()])),
                }
            }
        }
        let mut motifs = column![].spacing(2);
        for (raison, actions) in raisons {
            motifs = motifs
                .push(text(format!("Indisponible ({}) : {raison}", actions.join(", "))).size(12));
        }
        let mut documents = row![].spacing(8);
        for m in impression::disponibles(d) {
            documents = documents.push(widgets::bouton(
                format!("Imprimer : {}", m.libelle()),
                Some(Message::Imprimer(m)),
            ));
        }
        widgets::carte(
            column![
                widgets::sous_titre("Actions"),
                boutons.wrap(),
                motifs,
                text("Documents (Ctrl+P : le document de l'étape)").size(TAILLE_TEXTE),
                documents.wrap(),
            ]
            .spacing(8),
        )
    }

    fn vue_formulaire<'a>(
        &'a self,
        f: Formulaire,
        d: &'a Dossier,
        session: &'a Session,
    ) -> Element<'a, Message> {
        let s = &self.saisie;
        let champ_date = |libelle: &'a str| {
            column![
                text(libelle).size(TAILLE_TEXTE),
                text_input("jj/mm/aaaa", &s.date)
                    .id(ID_PREMIER_CHAMP)
                    .on_input(Message::Date)
                    .on_submit(Message::Valider)
                    .padding(6)
                    .size(TAILLE_TEXTE)
                    .width(Length::Fixed(160.0)),
            ]
            .spacing(4)
        };
        let zone = |libelle: &'a str, valeur: &'a str, m: fn(String) -> Message| {
            column![
                text(libelle).size(TAILLE_TEXTE),
                text_input("", valeur)
                    .on_input(m)
                    .on_submit(Message::Valider)
                    .padding(6)
                    .size(TAILLE_TEXTE),
            ]
            .spacing(4)
        };
        let roles = |libelle: &'a str| {
            column![
                text(libelle).size(TAILLE_TEXTE),
                row![
                    radio("Conseiller dédié", Role::Conseiller, s.role, Message::Role)
                        .text_size(TAILLE_TEXTE),
                    radio("Référent social", Role::Referent, s.role, Message::Role)
                        .text_size(TAILLE_TEXTE),
                ]
                .spacing(16),
            ]
            .spacing(4)
        };
        let accords = || {
            column![
                text("Décision conjointe : accord de chacun des deux professionnels")
                    .size(TAILLE_TEXTE),
                checkbox(s.accord_conseiller)
                    .label("Accord du conseiller dédié")
                    .on_toggle(Message::AccordConseiller)
                    .text_size(TAILLE_TEXTE),
                checkbox(s.accord_referent)
                    .label("Accord du référent social")
                    .on_toggle(Message::AccordReferent)
                    .text_size(TAILLE_TEXTE),
            ]
            .spacing(4)
        };
        let mut c = column![widgets::sous_titre(f.titre())].spacing(10);
        if self.confirmer_fermeture {
            c = c.push(widgets::erreur(
                "Abandonner cette saisie ? Ce qui a été saisi sera effacé.",
            ));
            c = c.push(
                row![
                    widgets::bouton("Abandonner la saisie", Some(Message::Fermer)),
                    widgets::bouton_principal(
                        "Continuer la saisie".into(),
                        Some(Message::ReprendreSaisie)
                    ),
                ]
                .spacing(10),
            );
        }
        match f {
            Formulaire::Diagnostic(_) => {
                c = c.push(champ_date("Date de l'entretien *")).push(zone(
                    "Synthèse",
                    &s.texte,
                    Message::Texte,
                ));
                for (i, l) in s.diagnostic.iter().enumerate() {
                    let libelle = session
                        .freins
                        .besoin(&l.besoin)
                        .map_or(l.besoin.clone(), |(fa, b)| {
                            format!("{} — {}", fa.libelle, b.libelle)
                        });
                    c = c.push(
                        row![
                            text(libelle).size(13).width(Length::Fill),
                            pick_list(
                                SITUATIONS,
                                Some(ChoixSituation(l.situation)),
                                move |v: ChoixSituation| Message::Situation(i, v.0)
                            )
                            .text_size(13),
                            pick_list(
                                OBJECTIFS,
                                Some(ChoixObjectif(l.objectif)),
                                move |v: ChoixObjectif| Message::Objectif(i, v.0)
                            )
                            .text_size(13),
                            checkbox(l.confidentiel)
                                .label("Confidentiel")
                                .on_toggle(move |b| Message::Confidentiel(i, b))
                                .text_size(13),
                            widgets::bouton("Retirer", Some(Message::RetirerBesoin(i))),
                        ]
                        .spacing(6)
                        .align_y(Alignment::Center),
                    );
                }
                c = c.push(
                    pick_list(besoins(session), None::<Option_>, Message::AjouterBesoin)
                        .placeholder("Ajouter un besoin évalué…")
                        .text_size(TAILLE_TEXTE)
                        .width(Length::Fill),
                );
            }
            Formulaire::Designer(r) => {
                let choix: Vec<Option_> = session
                    .store
                    .professionnels()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| p.role() == r)
                    .map(|p| Option_ {
                        code: p.id.to_string(),
                        libelle: p.nom_affiche(),
                    })
                    .collect();
                let actuel = s.membre.as_ref().map(|m| Option_ {
                    code: m.id.to_string(),
                    libelle: m.nom.clone(),
                });
                c = c.push(champ_date("Date *")).push(
                    pick_list(choix, actuel, Message::Membre)
                        .placeholder("Choisir dans l'annuaire…")
                        .text_size(TAILLE_TEXTE),
                );
            }
            Formulaire::Fiche => {
                c = c
                    .push(roles("Adressée par *"))
                    .push(
                        pick_list(
                            [
                                ObjetFiche::Orientation,
                                ObjetFiche::IssueConcertation,
                                ObjetFiche::Information,
                            ]
                            .map(ChoixObjet)
                            .to_vec(),
                            s.objet.map(ChoixObjet),
                            |o: ChoixObjet| Message::Objet(o.0),
                        )
                        .text_size(TAILLE_TEXTE),
                    )
                    .push(champ_date("Date *"))
                    .push(zone("Motif *", &s.texte, Message::Texte))
                    .push(zone("Synthèse du volet", &s.texte2, Message::Texte2))
                    .push(zone("Action demandée", &s.texte3, Message::Texte3));
            }
            Formulaire::EnvoyerFiche(_) | Formulaire::Initialisation | Formulaire::Signature => {
                c = c.push(champ_date("Date *"));
                if f == Formulaire::Signature {
                    c = c.push(text("La date de signature du contrat par la personne est la date d'entrée en accompagnement global.").size(13));
                }
            }
            Formulaire::RetourFiche(_) => {
                c = c
                    .push(champ_date("Date du retour *"))
                    .push(
                        checkbox(s.coche)
                            .label("Fiche retournée datée et signée")
                            .on_toggle(Message::Coche)
                            .text_size(TAILLE_TEXTE),
                    )
                    .push(zone("Commentaire", &s.texte, Message::Texte));
            }
            Formulaire::Concertation => {
                c = c.push(champ_date("Date *")).push(
                    pick_list(ChoixDecision::TOUS.to_vec(), s.decision, Message::Decision)
                        .placeholder("Décision…")
                        .text_size(TAILLE_TEXTE),
                );
                if s.decision == Some(ChoixDecision::AutreStructure) {
                    c = c.push(zone("Structure *", &s.texte2, Message::Texte2));
                }
                c = c
                    .push(accords())
                    .push(zone("Commentaire", &s.texte, Message::Texte));
            }
            Formulaire::Action => {
                c = c
                    .push(
                        column![
                            text("Volet *").size(TAILLE_TEXTE),
                            row![
                                radio("Volet emploi", Volet::Emploi, s.volet, Message::Volet)
                                    .text_size(TAILLE_TEXTE),
                                radio("Volet social", Volet::Social, s.volet, Message::Volet)
                                    .text_size(TAILLE_TEXTE),
                            ]
                            .spacing(16),
                        ]
                        .spacing(4),
                    )
                    .push(zone("Action *", &s.texte, Message::Texte))
                    .push(roles("Portée par *"))
                    .push(champ_date("Date *"))
                    .push(zone(
                        "Échéance (jj/mm/aaaa)",
                        &s.echeance,
                        Message::Echeance,
                    ))
                    .push(
                        pick_list(besoins(session), s.besoin.clone(), Message::Besoin)
                            .placeholder("Besoin concerné (facultatif)…")
                            .text_size(TAILLE_TEXTE),
                    );
            }
            Formulaire::Reconduction => {
                c = c
                    .push(champ_date("Date de la décision *"))
                    .push(zone("Durée en mois (1 à 6) *", &s.mois, Message::Mois))
                    .push(accords());
                if let Some(fin) = d.fin_prevue() {
                    c = c.push(text(format!("Terme actuel : {}", date_fr(fin))).size(13));
                }
            }
            Formulaire::PlanifierPoint => {
                c = c.push(champ_date("Date prévue *")).push(zone(
                    "Objet",
                    &s.texte,
                    Message::Texte,
                ));
            }
            Formulaire::TenirPoint(_) => {
                c = c.push(champ_date("Date *")).push(zone(
                    "Synthèse des échanges",
                    &s.texte,
                    Message::Texte,
                ));
            }
            Formulaire::Contact => {
                c = c
                    .push(champ_date("Date *"))
                    .push(
                        pick_list(
                            Canal::TOUS.map(ChoixCanal).to_vec(),
                            s.canal.map(ChoixCanal),
                            |v: ChoixCanal| Message::Canal(v.0),
                        )
                        .text_size(TAILLE_TEXTE),
                    )
                    .push(roles("Contact avec *"))
                    .push(zone("Objet", &s.texte, Message::Texte));
            }
            Formulaire::SocialExclusif => {
                c = c
                    .push(champ_date("Date *"))
                    .push(zone("Durée en mois (1 à 12) *", &s.mois, Message::Mois))
                    .push(roles("Proposée par *"))
                    .push(checkbox(s.coche).label("La personne adhère à cette orientation").on_toggle(Message::Coche).text_size(TAILLE_TEXTE))
                    .push(text("L'accompagnement Pôle emploi est suspendu (PNI 831) ; la personne reste inscrite.").size(13));
            }
            Formulaire::Cloture => {
                c = c.push(champ_date("Date de sortie *")).push(
                    pick_list(ChoixMotif::tous(), s.motif, Message::Motif)
                        .placeholder("Motif de sortie…")
                        .text_size(TAILLE_TEXTE),
                );
                if s.motif == Some(ChoixMotif::Autre) {
                    c = c.push(zone("Motif *", &s.texte2, Message::Texte2));
                }
                if matches!(s.motif, Some(ChoixMotif::Anticipee(_))) {
                    c = c.push(accords());
                }
                c = c.push(zone("Commentaire", &s.texte, Message::Texte));
            }
        }
        c = c.push(
            row![
                widgets::bouton("Annuler (Échap)", Some(Message::Fermer)),
                widgets::bouton_principal("Enregistrer (Ctrl+S)".into(), Some(Message::Valider)),
            ]
            .spacing(10),
        );
        container(widgets::carte(c)).into()
    }

    fn section_diagnostic<'a>(
        &'a self,
        d: &'a Dossier,
        session: &'a Session,
    ) -> Element<'a, Message> {
        let mut c = column![widgets::sous_titre("Diagnostic partagé")].spacing(6);
        for volet in [Volet::Emploi, Volet::Social] {
            let diags: Vec<_> = d.diagnostics.iter().filter(|x| x.volet == volet).collect();
            match diags.first() {
                None => {
                    c = c.push(
                        text(format!("Entretien n°1 {} : à réaliser", volet.libelle()))
                            .size(TAILLE_TEXTE),
                    )
                }
                Some(premier) => {
                    c = c.push(
                        text(format!(
                            "Entretien n°1 {} le {}",
                            volet.libelle(),
                            date_fr(premier.date)
                        ))
                        .size(TAILLE_TEXTE),
                    );
                    let dernier = diags.last().copied().unwrap_or(premier);
                    if !dernier.synthese.is_empty() {
                        c = c.push(text(format!("Synthèse : {}", dernier.synthese)).size(13));
                    }
                    for e in evolution(premier, dernier) {
                        let libelle = session
                            .freins
                            .besoin(&e.besoin)
                            .map_or(e.besoin.clone(), |(_, b)| b.libelle.clone());
                        let etat = crate::domain::diagnostic::libelle_etat;
                        let ligne = if diags.len() > 1 {
                            format!("• {libelle} : {} → {}", etat(e.avant), etat(e.apres))
                        } else {
                            format!("• {libelle} : {}", etat(e.apres))
                        };
                        c = c.push(text(ligne).size(13));
                    }
                    if diags.len() > 1 {
                        c = c.push(
                            text(format!(
                                "{} diagnostics ; dernier le {}",
                                diags.len(),
                                date_fr(dernier.date)
                            ))
                            .size(12),
                        );
                    }
                }
            }
        }
        widgets::carte(c)
    }

    fn section_fiches<'a>(&'a self, d: &'a Dossier) -> Element<'a, Message> {
        let mut c = column![widgets::sous_titre("Fiches de liaison")].spacing(6);
        if d.fiches.is_empty() {
            c = c.push(text("Aucune fiche de liaison.").size(TAILLE_TEXTE));
        }
        for f in &d.fiches {
            let etat = match (f.envoyee_le, f.retournee_le) {
                (None, _) => "rédigée, non envoyée".to_string(),
                (Some(e), None) => format!("envoyée le {}, en attente du retour", date_fr(e)),
                (Some(e), Some(r)) => format!(
                    "envoyée le {}, retournée datée et signée le {}",
                    date_fr(e),
                    date_fr(r)
                ),
            };
            c = c.push(
                text(format!(
                    "n° {} — {} du {} vers le {} ({}) : {} — {etat}",
                    f.numero,
                    f.objet.libelle(),
                    f.emetteur.libelle(),
                    f.emetteur.autre().libelle(),
                    date_fr(f.date),
                    f.motif
                ))
                .size(TAILLE_TEXTE),
            );
        }
        widgets::carte(c)
    }

    fn section_concertation<'a>(&'a self, d: &'a Dossier) -> Element<'a, Message> {
        let mut c = column![widgets::sous_titre("Temps de concertation et contrat")].spacing(6);
        c = c.push(
            text(match &d.concertation {
                None => "Temps de concertation : à tenir.".to_string(),
                Some(k) => format!(
                    "Temps de concertation le {} : {}",
                    date_fr(k.date),
                    match &k.decision {
                        crate::domain::dossier::Decision::Validation =>
                            "validation de l'accompagnement".to_string(),
                        crate::domain::dossier::Decision::Reorientation(cible) =>
                            format!("réorientation vers {}", cible.libelle()),
                    }
                ),
            })
            .size(TAILLE_TEXTE),
        );
        c = c.push(
            text(match d.initialisation {
                None => "Entretien n°2 d'initialisation : à réaliser.".into(),
                Some(j) => format!("Entretien n°2 d'initialisation le {}", date_fr(j)),
            })
            .size(TAILLE_TEXTE),
        );
        c = c.push(
            text(match d.entree {
                None => "Contrat d'accompagnement : non signé.".into(),
                Some(j) => format!(
                    "Contrat signé le {} : entrée en accompagnement global ; terme le {}",
                    date_fr(j),
                    d.fin_prevue().map(date_fr).unwrap_or_default()
                ),
            })
            .size(TAILLE_TEXTE),
        );
        if let Some(r) = d.reconduction {
            c = c.push(
                text(format!(
                    "Reconduit le {} pour {} mois",
                    date_fr(r.date),
                    r.mois
                ))
                .size(TAILLE_TEXTE),
            );
        }
        if let Some(s) = d.social_exclusif {
            c = c.push(
                text(format!(
                    "Accompagnement social exclusif depuis le {} pour {} mois (fin le {})",
                    date_fr(s.debut),
                    s.mois,
                    d.fin_social_exclusif().map(date_fr).unwrap_or_default()
                ))
                .size(TAILLE_TEXTE),
            );
        }
        widgets::carte(c)
    }

    fn section_carnet<'a>(&'a self, d: &'a Dossier, session: &'a Session) -> Element<'a, Message> {
        let mut c = column![widgets::sous_titre("Carnet de route")].spacing(6);
        for volet in [Volet::Emploi, Volet::Social] {
            c = c.push(
                text(format!(
                    "Volet {}",
                    if volet == Volet::Emploi {
                        "emploi"
                    } else {
                        "social"
                    }
                ))
                .size(TAILLE_TEXTE),
            );
            let actions: Vec<_> = d.actions.iter().filter(|a| a.volet == volet).collect();
            if actions.is_empty() {
                c = c.push(text("Aucune action.").size(13));
            }
            for a in actions {
                let besoin = a
                    .besoin
                    .as_ref()
                    .and_then(|b| session.freins.besoin(b))
                    .map(|(_, b)| format!(" ({})", b.libelle))
                    .unwrap_or_default();
                let numero = a.numero;
                c = c.push(
                    row![
                        text(format!(
                            "n° {} — {}{besoin} — porté par le {} — échéance {}",
                            a.numero,
                            a.libelle,
                            a.porteur.libelle(),
                            a.echeance.map(date_fr).unwrap_or_else(|| "—".into())
                        ))
                        .size(13)
                        .width(Length::Fill),
                        pick_list(
                            STATUTS.map(ChoixStatut).to_vec(),
                            Some(ChoixStatut(a.statut)),
                            move |s: ChoixStatut| Message::Statut(numero, s.0)
                        )
                        .text_size(13),
                        widgets::bouton(
                            "Ressources…",
                            d.cloture.is_none().then_some(Message::Ressources(numero))
                        ),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
                for p in &a.prescriptions {
                    c = c.push(
                        text(format!(
                            "      → ressource prescrite le {} : {}",
                            date_fr(p.date),
                            p.nom
                        ))
                        .size(12),
                    );
                }
            }
        }
        widgets::carte(c)
    }

    fn section_suivi<'a>(&'a self, d: &'a Dossier) -> Element<'a, Message> {
        let mut c =
            column![widgets::sous_titre("Suivi : contacts et points d'échanges")].spacing(6);
        let pe = d
            .contacts
            .iter()
            .filter(|x| x.role == Role::Conseiller)
            .count();
        c = c.push(
            text(format!(
                "{} contact(s), dont {pe} avec le conseiller dédié ; dernier le {}",
                d.contacts.len(),
                d.dernier_contact()
                    .map(date_fr)
                    .unwrap_or_else(|| "—".into())
            ))
            .size(TAILLE_TEXTE),
        );
        for p in &d.points {
            c = c.push(
                text(match p.tenu_le {
                    Some(t) => format!(
                        "Point n° {} tenu le {} : {}",
                        p.numero,
                        date_fr(t),
                        p.synthese
                    ),
                    None => format!(
                        "Point n° {} prévu le {} : {}",
                        p.numero,
                        date_fr(p.date_prevue),
                        p.objet
                    ),
                })
                .size(13),
            );
        }
        widgets::carte(c)
    }

    fn section_sortie<'a>(&'a self, d: &'a Dossier) -> Element<'a, Message> {
        widgets::carte(
            column![
                widgets::sous_titre("Clôture"),
                text(match &d.cloture {
                    None => "Dossier en cours.".to_string(),
                    Some(c) => format!("Clôturé le {} : {}", date_fr(c.date), c.motif.libelle()),
                })
                .size(TAILLE_TEXTE),
            ]
            .spacing(6),
        )
    }

    fn chronologie(&self) -> Element<'_, Message> {
        let mut c = column![widgets::sous_titre("Chronologie")].spacing(4);
        for e in self.journal.iter().rev() {
            let qui = self
                .noms
                .get(&e.auteur)
                .cloned()
                .unwrap_or_else(|| e.auteur.clone());
            let quand = e.evenement.date().map(date_fr).unwrap_or_default();
            let saisi = chrono::DateTime::parse_from_rfc3339(&e.horodatage)
                .ok()
                .map(|h| date_fr(h.with_timezone(&chrono::Local).date_naive()))
                .unwrap_or_default();
            c = c.push(
                row![
                    text(quand).size(13).width(Length::Fixed(95.0)),
                    text(e.evenement.description()).size(13).width(Length::Fill),
                    text(format!("{qui}, saisi le {saisi}")).size(12),
                ]
                .spacing(8),
            );
        }
        widgets::carte(c.push(Space::new().height(4)))
    }
}

fn role(session: &Session) -> Option<Role> {
    session.utilisateur.as_ref().map(|u| u.role())
}

fn besoins(session: &Session) -> Vec<Option_> {
    session
        .freins
        .familles
        .iter()
        .flat_map(|f| {
            f.besoins.iter().map(move |b| Option_ {
                code: b.code.clone(),
                libelle: format!("{} — {}", f.libelle, b.libelle),
            })
        })
        .collect()
}

/// Le formulaire qui accomplit l'étape attendue.
pub fn formulaire_de(s: Suite) -> Option<Formulaire> {
    Some(match s {
        Suite::DesignerMembre(r) => Formulaire::Designer(r),
        Suite::EntretienN1(v) => Formulaire::Diagnostic(v),
        Suite::RedigerOrientation => Formulaire::Fiche,
        Suite::EnvoyerFiche(n) => Formulaire::EnvoyerFiche(n),
        Suite::EnregistrerRetour(n) => Formulaire::RetourFiche(n),
        Suite::TenirConcertation => Formulaire::Concertation,
        Suite::OrienterSocialExclusif => Formulaire::SocialExclusif,
        Suite::CompleterCarnet(_) => Formulaire::Action,
        Suite::EntretienInitialisation => Formulaire::Initialisation,
        Suite::SignerContrat => Formulaire::Signature,
        Suite::Accompagner => Formulaire::Contact,
        Suite::Aucune => return None,
    })
}

macro_rules! choix {
    ($nom:ident, $t:ty) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $nom(pub $t);
        impl std::fmt::Display for $nom {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0.libelle())
            }
        }
    };
}
choix!(ChoixSituation, Situation);
choix!(ChoixObjectif, Objectif);
choix!(ChoixObjet, ObjetFiche);
choix!(ChoixCanal, Canal);
choix!(ChoixStatut, StatutAction);

const SITUATIONS: [ChoixSituation; 3] = [
    ChoixSituation(Situation::NonAbordee),
    ChoixSituation(Situation::Oui),
    ChoixSituation(Situation::Non),
];
const OBJECTIFS: [ChoixObjectif; 4] = [
    ChoixObjectif(Objectif::NonAborde),
    ChoixObjectif(Objectif::EnCours),
    ChoixObjectif(Objectif::Realise),
    ChoixObjectif(Objectif::Abandonne),
];
