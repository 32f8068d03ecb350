//! L'écran du dossier : son état, l'aiguillage de ses messages et la page qui assemble
//! l'en-tête, le formulaire ouvert, l'impression, les sections et la chronologie.

pub mod edition;
pub mod effacement;
pub mod entete;
pub mod formulaire;
pub mod impression;
pub mod sections;

use std::collections::HashMap;

use iced::widget::{column, scrollable};
use iced::{Element, Length, Task};
use uuid::Uuid;

use edition::Edition;
use formulaire::{commande, Formulaire, Saisie};

pub use edition::ID_PREMIER_CHAMP;

use crate::domain::dossier::{reconduction_tres_anticipee, Commande, Dossier, Sorte, StatutAction};
use crate::domain::professionnel::{Professionnel, Role};
use crate::services::session::Session;
use crate::services::EvenementEnregistre;
use crate::ui::raccourcis::Raccourci;
use crate::ui::widgets;

#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvrir un formulaire (une saisie modifiée n'est jamais remplacée sans confirmation).
    Ouvrir(Formulaire),
    Edition(edition::Message),
    /// Un statut choisi pour une action du carnet, à confirmer.
    ProposerStatut(u32, StatutAction),
    /// Le statut confirmé : il est enregistré.
    Statut(u32, StatutAction),
    AnnulerStatut,
    /// Chercher une ressource partenariale à prescrire pour cette action.
    Ressources(u32),
    /// Chercher une ressource à prescrire dès le diagnostic, pour ce besoin.
    RessourcesAuDiagnostic(String),
    Impression(impression::Message),
    Effacement(effacement::Message),
    /// Fermer l'avis de ce qui vient d'être enregistré.
    FermerAvis,
    /// Les conflits de l'échange ont été revus avec le partenaire.
    RevoirConflits,
    /// Donner l'accord que le partenaire attend pour cette décision conjointe.
    DonnerAccord(String),
    /// Changer l'identité, les coordonnées, la commune, le RSA, l'enfant ou l'agence.
    Situation,
    Retour,
    /// La note privée en cours d'écriture (référent social du dossier).
    Note(String),
    AjouterNote,
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
    Tache(Task<Message>),
    /// Le dossier a changé dans la base : ce qui en montre un résumé doit suivre.
    Modifie,
    /// Le dossier a été effacé (hors de la session) : la session relit ses dossiers.
    Efface,
    /// Ouvrir le formulaire de situation de ce dossier.
    ChangerSituation(Box<Dossier>),
    /// Ajouter à l'annuaire un professionnel de ce rôle, puis revenir à ce dossier.
    Annuaire(Uuid, Role),
}

pub struct EcranDossier {
    pub id: Uuid,
    pub dossier: Option<Dossier>,
    pub journal: Vec<EvenementEnregistre>,
    /// Les mêmes événements, seuls : ce que les règles de rectification lisent, tiré une
    /// fois par chargement plutôt qu'à chaque dessin.
    evenements: Vec<crate::domain::dossier::Evenement>,
    pub edition: Option<Edition>,
    pub erreur: Option<String>,
    pub succes: Option<String>,
    pub impression: impression::Panneau,
    pub effacement: effacement::Panneau,
    /// Le dossier vient d'être effacé : ce qu'il faut en dire, et l'attestation.
    efface: Option<(String, std::path::PathBuf)>,
    annuaire: Vec<Professionnel>,
    noms: HashMap<String, String>,
    /// Le changement de statut d'une action qui attend sa confirmation.
    pub statut_propose: Option<(u32, StatutAction)>,
    /// Le dossier tel que l'utilisateur peut en lire le volet social, s'il en voit moins que
    /// tout (le conseiller dédié, hors du consentement de la personne).
    vu: Option<Dossier>,
    /// Les notes privées de l'utilisateur, référent social du dossier (aucune sinon).
    notes: Vec<crate::domain::note_privee::NotePrivee>,
    /// Vrai si l'utilisateur est le référent social du dossier : lui seul a des notes.
    notes_possibles: bool,
    /// Où en est l'échange de ce dossier avec l'autre membre du binôme.
    echange: Option<crate::services::echange::EtatDossier>,
    note: String,
}

impl EcranDossier {
    pub fn new(id: Uuid, session: &Session) -> EcranDossier {
        let mut e = EcranDossier {
            id,
            dossier: None,
            journal: Vec::new(),
            evenements: Vec::new(),
            edition: None,
            erreur: None,
            succes: None,
            impression: impression::Panneau::default(),
            effacement: effacement::Panneau::default(),
            efface: None,
            annuaire: Vec::new(),
            noms: HashMap::new(),
            statut_propose: None,
            vu: None,
            notes: Vec::new(),
            notes_possibles: false,
            echange: None,
            note: String::new(),
        };
        session.noter_consultation(id);
        e.recharger(session);
        e
    }

    /// Le titre de la fenêtre : le nom de la personne.
    pub fn titre(&self) -> String {
        self.dossier
            .as_ref()
            .map_or("Dossier".into(), |d| d.personne.nom_complet())
    }

    fn cle_brouillon(&self) -> String {
        format!("dossier-{}", self.id)
    }

    /// Relit le dossier (après une écriture, ou l'arrivée d'un paquet du binôme) : la saisie
    /// en cours suit ce qu'un paquet a renuméroté.
    pub fn recharger(&mut self, session: &Session) {
        let vus = self.dossier.as_ref().map(Dossier::numeros);
        match (session.dossier(self.id), session.journal(self.id)) {
            (Ok(d), Ok(j)) => {
                // Ce que l'utilisateur peut lire du volet social (secret partagé).
                self.vu = d.as_ref().and_then(|d| match session.utilisateur() {
                    Some(u) => match d.vu_par(u.role(), session.freins()) {
                        std::borrow::Cow::Owned(v) => Some(v),
                        std::borrow::Cow::Borrowed(_) => None,
                    },
                    None => None,
                });
                self.notes_possibles = matches!(
                    (session.utilisateur(), d.as_ref().and_then(|d| d.referent.as_ref())),
                    (Some(u), Some(r)) if u.role() == Role::Referent && u.id == r.id
                );
                match session.notes_privees(self.id) {
                    Ok(n) => self.notes = n,
                    Err(e) => self.erreur = Some(e.to_string()),
                }
                self.echange = match &d {
                    Some(d) => crate::services::echange::etat_dossier(&session.poste(), d)
                        .unwrap_or_else(|e| {
                            tracing::warn!("état de l'échange non lu : {e}");
                            None
                        }),
                    None => None,
                };
                self.dossier = d;
                self.evenements = j.iter().map(|e| e.evenement.clone()).collect();
                self.journal = j;
            }
            (Err(e), _) | (_, Err(e)) => self.erreur = Some(e.to_string()),
        }
        match session.professionnels() {
            Ok(pros) => {
                self.noms = pros
                    .iter()
                    .map(|p| (p.id.to_string(), p.nom_affiche()))
                    .collect();
                self.annuaire = pros;
            }
            Err(e) => self.erreur = Some(e.to_string()),
        }
        if self.edition.is_none() {
            match session.brouillon::<(Formulaire, Saisie)>(&self.cle_brouillon()) {
                Ok(Some((formulaire, saisie))) => {
                    self.edition = Some(Edition {
                        formulaire,
                        saisie,
                        confirmer_abandon: false,
                        recapitulatif: None,
                    });
                    self.succes = Some("Votre saisie en cours a été retrouvée.".into());
                }
                Ok(None) => {}
                Err(e) => tracing::warn!("brouillon du dossier illisible : {e}"),
            }
        }
        self.suivre_les_numeros(vus);
    }

    /// Ce que la saisie en cours et le statut proposé visent, par leur numéro, suit
    /// l'élément si l'échange avec le binôme l'a renuméroté ; l'utilisateur en est averti.
    fn suivre_les_numeros(&mut self, vus: Option<Vec<(Sorte, u32, Uuid)>>) {
        let Some(d) = &self.dossier else {
            return;
        };
        let mut dits = Vec::new();
        if let Some(e) = &mut self.edition {
            dits = e.saisie.suivre_les_numeros(&mut e.formulaire, d);
        }
        if let (Some((n, _)), Some(vus)) = (&mut self.statut_propose, vus) {
            if let Some(m) = d.renumerote(&vus, Sorte::Action, *n) {
                dits.push(format!("l'action n° {n} est maintenant la n° {m}"));
                *n = m;
            }
        }
        if !dits.is_empty() {
            self.succes = Some(format!(
                "L'échange avec le binôme a renuméroté ce que vous étiez en train de saisir : {}. La saisie suit ces nouveaux numéros.",
                dits.join(", ")
            ));
        }
    }

    /// Pour une rectification : la valeur actuelle de l'entrée visée.
    fn visee(&self, f: Formulaire) -> Option<crate::domain::dossier::Evenement> {
        let Formulaire::Rectifier(n) = f else {
            return None;
        };
        crate::domain::dossier::entree_visee(&self.evenements, n).and_then(|(_, e, _)| e)
    }

    fn saisie_modifiee(&self, session: &Session) -> bool {
        match (&self.edition, &self.dossier) {
            (Some(e), Some(d)) => {
                e.saisie
                    != Saisie::pour(
                        e.formulaire,
                        d,
                        session.aujourdhui(),
                        role(session),
                        session.ctx().regles,
                        &session.referentiel().structures,
                        self.visee(e.formulaire).as_ref(),
                    )
            }
            _ => false,
        }
    }

    /// Ce que les raccourcis de la fenêtre veulent dire sur cet écran.
    pub fn raccourci(&self, r: Raccourci) -> Option<Message> {
        match r {
            Raccourci::Enregistrer if self.edition.is_some() => {
                Some(Message::Edition(edition::Message::Valider))
            }
            Raccourci::Imprimer => Some(Message::Impression(impression::Message::DuMoment)),
            Raccourci::Echap if self.impression.ouvert.is_some() => {
                Some(Message::Impression(impression::Message::Fermer))
            }
            Raccourci::Echap if self.effacement.ouvert.is_some() => {
                Some(Message::Effacement(effacement::Message::Fermer))
            }
            Raccourci::Echap if self.edition.is_some() => {
                Some(Message::Edition(edition::Message::Annuler))
            }
            Raccourci::Echap => Some(Message::Retour),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, session: &mut Session) -> Action {
        match message {
            Message::Ouvrir(f) => self.ouvrir(f, session),
            Message::Edition(m) => self.editer(m, session),
            Message::Retour => Action::Retour,
            Message::Note(t) => {
                self.note = t;
                Action::Aucune
            }
            Message::AjouterNote => {
                match session.ajouter_note_privee(self.id, &self.note) {
                    Ok(()) => {
                        self.note.clear();
                        self.erreur = None;
                        self.succes = Some("Note privée enregistrée.".into());
                        self.recharger(session);
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
                Action::Aucune
            }
            Message::FermerAvis => {
                self.succes = None;
                Action::Aucune
            }
            Message::DonnerAccord(decision) => match session.donner_accord(self.id, &decision) {
                Ok(_) => {
                    self.erreur = None;
                    self.succes = Some(format!(
                        "Votre accord est enregistré : {decision}. Il part avec le prochain paquet pour votre partenaire."
                    ));
                    self.recharger(session);
                    Action::Modifie
                }
                Err(e) => {
                    self.erreur = Some(e.to_string());
                    Action::Aucune
                }
            },
            Message::RevoirConflits => {
                let c = Commande::RevoirConflits {
                    date: session.aujourdhui(),
                };
                if self.executer(session, &c, String::new()) {
                    Action::Modifie
                } else {
                    Action::Aucune
                }
            }
            Message::Situation => match &self.dossier {
                Some(d) if d.cloture.is_none() => Action::ChangerSituation(Box::new(d.clone())),
                _ => Action::Aucune,
            },
            Message::Ressources(numero) => {
                let Some(d) = &self.dossier else {
                    return Action::Aucune;
                };
                let Some(a) = d.actions.iter().find(|a| a.numero == numero) else {
                    return Action::Aucune;
                };
                let mut contexte = crate::ui::ecrans::ressources::Contexte::new(
                    d.id,
                    Some(numero),
                    &a.libelle,
                    &d.personne.nom_complet(),
                );
                contexte.action_id = a.id;
                Action::Prescrire(contexte, a.besoin.clone(), d.personne.commune.to_string())
            }
            Message::RessourcesAuDiagnostic(besoin) => {
                let Some(d) = &self.dossier else {
                    return Action::Aucune;
                };
                let libelle = session
                    .freins()
                    .besoin(&besoin)
                    .map_or(besoin.clone(), |(_, b)| b.libelle.clone());
                Action::Prescrire(
                    crate::ui::ecrans::ressources::Contexte::new(
                        d.id,
                        None,
                        &libelle,
                        &d.personne.nom_complet(),
                    ),
                    Some(besoin),
                    d.personne.commune.to_string(),
                )
            }
            Message::ProposerStatut(numero, statut) => {
                let actuel = self
                    .dossier
                    .as_ref()
                    .and_then(|d| d.actions.iter().find(|a| a.numero == numero))
                    .map(|a| a.statut);
                self.statut_propose = (actuel != Some(statut)).then_some((numero, statut));
                Action::Aucune
            }
            Message::AnnulerStatut => {
                self.statut_propose = None;
                Action::Aucune
            }
            Message::Statut(numero, statut) => {
                self.statut_propose = None;
                let c = Commande::ChangerStatutAction {
                    numero,
                    statut,
                    date: session.aujourdhui(),
                };
                let succes = format!("Action n° {numero} : {}.", statut.libelle());
                if self.executer(session, &c, succes) {
                    Action::Modifie
                } else {
                    Action::Aucune
                }
            }
            Message::Effacement(m) => {
                match self.effacement.update(
                    m,
                    self.id,
                    self.dossier
                        .as_ref()
                        .map(crate::services::effacement::nom_fichier_attestation),
                    session,
                ) {
                    effacement::Sortie::Aucune => Action::Aucune,
                    effacement::Sortie::Tache(t) => Action::Tache(t.map(Message::Effacement)),
                    effacement::Sortie::Efface(message, chemin) => {
                        self.dossier = None;
                        self.journal.clear();
                        self.evenements.clear();
                        self.notes.clear();
                        self.erreur = None;
                        self.succes = None;
                        self.efface = Some((message, chemin));
                        Action::Efface
                    }
                }
            }
            Message::Impression(m) => {
                match self
                    .impression
                    .update(m, self.id, self.dossier.as_ref(), session)
                {
                    impression::Sortie::Aucune => Action::Aucune,
                    impression::Sortie::Tache(t) => Action::Tache(t.map(Message::Impression)),
                    impression::Sortie::Imprime => {
                        self.erreur = None;
                        self.recharger(session);
                        Action::Modifie
                    }
                    impression::Sortie::Erreur(e) => {
                        self.erreur = Some(e);
                        Action::Aucune
                    }
                    impression::Sortie::Information(i) => {
                        self.succes = Some(i);
                        Action::Aucune
                    }
                }
            }
        }
    }

    fn ouvrir(&mut self, f: Formulaire, session: &Session) -> Action {
        // Rouvrir le même formulaire garde la saisie telle quelle.
        if self.edition.as_ref().map(|e| e.formulaire) == Some(f) {
            return Action::Aucune;
        }
        if self.saisie_modifiee(session) {
            if let Some(e) = &mut self.edition {
                e.confirmer_abandon = true;
            }
            return Action::Aucune;
        }
        let Some(d) = &self.dossier else {
            return Action::Aucune;
        };
        // Un volet social dont une partie n'est pas partagée avec l'utilisateur ne se
        // réécrit pas de son côté : il perdrait ce qu'il ne voit pas.
        if f == Formulaire::Diagnostic(crate::domain::diagnostic::Volet::Social)
            && self.vu.as_ref().is_some_and(|v| {
                let social = |x: &Dossier| {
                    x.diagnostics
                        .iter()
                        .filter(|g| g.volet == crate::domain::diagnostic::Volet::Social)
                        .cloned()
                        .collect::<Vec<_>>()
                };
                social(v) != social(d)
            })
        {
            self.erreur = Some("Le volet social de ce dossier n'est partagé avec vous qu'en partie (consentement de la personne) : c'est le référent social qui le met à jour.".into());
            return Action::Aucune;
        }
        self.edition = Some(Edition {
            formulaire: f,
            saisie: Saisie::pour(
                f,
                d,
                session.aujourdhui(),
                role(session),
                session.ctx().regles,
                &session.referentiel().structures,
                self.visee(f).as_ref(),
            ),
            confirmer_abandon: false,
            recapitulatif: None,
        });
        self.erreur = None;
        self.succes = None;
        Action::Tache(crate::ui::defilement::premier_dans(edition::ID_FORMULAIRE))
    }

    fn editer(&mut self, m: edition::Message, session: &mut Session) -> Action {
        match m {
            edition::Message::Valider => return self.valider(session),
            edition::Message::Annuler => {
                // Une saisie commencée ne s'abandonne pas sur une fausse manœuvre.
                let confirme = self.edition.as_ref().is_some_and(|e| e.confirmer_abandon);
                if self.saisie_modifiee(session) && !confirme {
                    if let Some(e) = &mut self.edition {
                        e.confirmer_abandon = true;
                    }
                    return Action::Aucune;
                }
                self.edition = None;
                self.erreur = None;
                session.effacer_brouillon(&self.cle_brouillon());
                return Action::Aucune;
            }
            edition::Message::AjouterProfessionnel(role) => {
                // La saisie en cours reste en brouillon : on la retrouve au retour.
                if let Some(e) = &self.edition {
                    session.garder_brouillon(&self.cle_brouillon(), &(e.formulaire, &e.saisie));
                }
                return Action::Annuaire(self.id, role);
            }
            edition::Message::Reprendre => {
                if let Some(e) = &mut self.edition {
                    e.confirmer_abandon = false;
                    e.recapitulatif = None;
                }
                return Action::Aucune;
            }
            // Changer de branche reprend la structure que le protocole désigne pour elle.
            edition::Message::Branche(b) => {
                if let (Some(e), Some(d)) = (&mut self.edition, &self.dossier) {
                    e.saisie.branche = Some(b);
                    let structure = formulaire::structure_de_la_branche(
                        b,
                        d,
                        &session.referentiel().structures,
                    );
                    e.saisie.structure = structure.as_ref().map(|(code, _)| code.clone());
                    e.saisie.precision = structure.map(|(_, nom)| nom).unwrap_or_default();
                }
            }
            m => {
                if let Some(e) = &mut self.edition {
                    e.modifier(m, &self.annuaire);
                }
            }
        }
        if let Some(e) = &self.edition {
            // Le brouillon suit la saisie : une fermeture inattendue ne perd rien.
            session.garder_brouillon(&self.cle_brouillon(), &(e.formulaire, &e.saisie));
        }
        if let Some(e) = session.brouillons().derniere_erreur() {
            self.erreur = Some(format!(
                "Votre saisie n'a pas pu être gardée en brouillon : {e}"
            ));
        }
        Action::Aucune
    }

    fn valider(&mut self, session: &mut Session) -> Action {
        let Some(e) = &self.edition else {
            return Action::Aucune;
        };
        let f = e.formulaire;
        match commande(f, &e.saisie) {
            Ok(Commande::Reconduire { date, .. })
                if !e.saisie.confirmation
                    && self.dossier.as_ref().is_some_and(|d| {
                        reconduction_tres_anticipee(d, date, session.ctx().regles).is_some()
                    }) =>
            {
                self.erreur = Some(format!(
                    "Cette reconduction est décidée plus de {} mois avant le terme : la situation peut encore changer. Cochez « Je confirme cette décision » pour l'enregistrer quand même.",
                    session.ctx().regles.reconduction_anticipee_mois
                ));
            }
            // La clôture ne se défait pas : d'abord le domaine dit si elle est possible, puis
            // on la fait confirmer, avec ce qui va être enregistré.
            Ok(Commande::Cloturer { date, motif, .. })
                if e.recapitulatif.is_none()
                    && self.dossier.as_ref().is_some_and(|d| {
                        let c = commande(f, &e.saisie);
                        c.is_ok_and(|c| {
                            crate::domain::dossier::decider(Some(d), &c, &session.ctx()).is_ok()
                        })
                    }) =>
            {
                let nom = self
                    .dossier
                    .as_ref()
                    .map(|d| d.personne.nom_complet())
                    .unwrap_or_default();
                let jours = session.ctx().regles.rectification_cloture_jours;
                if let Some(e) = &mut self.edition {
                    e.recapitulatif = Some(format!(
                        "Clôturer le dossier de {nom} au {} pour « {} » ? Il ne pourra plus être modifié ; une clôture enregistrée par erreur se rectifie dans les {jours} jours, depuis la chronologie.",
                        crate::domain::date::date_fr(date),
                        motif.libelle()
                    ));
                }
            }
            Ok(c) => {
                let partenaire = match super::dossier::formulaire::partenaire(&e.saisie) {
                    Ok(p) => p,
                    Err(erreur) => {
                        self.erreur = Some(erreur);
                        return Action::Aucune;
                    }
                };
                let fait = self.executer_avec(session, &c, String::new(), partenaire.as_ref());
                // Le mot de passe du partenaire ne reste pas dans la fenêtre.
                if let Some(e) = &mut self.edition {
                    e.saisie.partenaire_mot_de_passe.clear();
                }
                if fait {
                    self.edition = None;
                    session.effacer_brouillon(&self.cle_brouillon());
                    return Action::Modifie;
                }
            }
            Err(e) => self.erreur = Some(e),
        }
        Action::Aucune
    }

    /// Exécute et dit ce qui s'est passé ; `succes` vide : la phrase de l'événement, datée.
    fn executer(&mut self, session: &mut Session, c: &Commande, succes: String) -> bool {
        self.executer_avec(session, c, succes, None)
    }

    /// `executer`, avec l'accord du partenaire d'une décision conjointe.
    fn executer_avec(
        &mut self,
        session: &mut Session,
        c: &Commande,
        succes: String,
        partenaire: Option<&crate::services::accords::AccordPartenaire>,
    ) -> bool {
        match session.executer_conjoint(self.id, c, partenaire) {
            Ok(e) => {
                self.erreur = None;
                self.succes = Some(if succes.is_empty() {
                    match e.date() {
                        Some(j) => format!(
                            "{} — le {}.",
                            e.description(),
                            crate::domain::date::date_fr(j)
                        ),
                        None => format!("{}.", e.description()),
                    }
                } else {
                    succes
                });
                self.recharger(session);
                true
            }
            Err(e) => {
                self.erreur = Some(e.to_string());
                false
            }
        }
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        if let Some((message, attestation)) = &self.efface {
            return column![
                widgets::sous_titre("Dossier effacé"),
                iced::widget::text(message.as_str()).size(widgets::TAILLE_TEXTE),
                iced::widget::text(format!(
                    "Attestation enregistrée : {}",
                    attestation.display()
                ))
                .size(widgets::TAILLE_TEXTE),
                iced::widget::row![
                    widgets::bouton("Retour au portefeuille", Some(Message::Retour)),
                    widgets::bouton_principal(
                        "Ouvrir l'attestation".into(),
                        Some(Message::Impression(impression::Message::OuvrirDocument(
                            attestation.clone()
                        )))
                    ),
                ]
                .spacing(10),
            ]
            .spacing(10)
            .padding(16)
            .into();
        }
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
        let mut page = column![entete::entete(d, session, self.echange.as_ref())].spacing(12);
        if !d.accords_attendus().is_empty() {
            page = page.push(sections::accords_attendus(d, role(session)));
        }
        if !d.conflits.is_empty() {
            page = page.push(sections::conflits(d));
        }
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        if let Some(i) = &self.impression.ouvert {
            page = page.push(i.view().map(Message::Impression));
        }
        if let Some(f) = &self.effacement.ouvert {
            page = page.push(f.view(false).map(Message::Effacement));
        }
        if let Some(e) = &self.edition {
            page = page.push(
                e.view(e.formulaire, d, session, &self.annuaire, &self.evenements)
                    .map(Message::Edition),
            );
        }
        // Chaque action à sa place : dans la rubrique de ce qu'elle modifie.
        let role = session.utilisateur().map_or(Role::Conseiller, |u| u.role());
        let possibles = crate::domain::dossier::possibles(d, role, &session.ctx());
        let actions = |r| entete::actions_de(d, &possibles, r);
        use crate::domain::dossier::possibles::Rubrique as R;
        page = page
            .push(entete::documents(d, effacement::possible(d, session)))
            .push(sections::diagnostic(
                self.vu.as_ref().unwrap_or(d),
                session,
                actions(R::Diagnostic),
            ))
            .push(sections::fiches(d, actions(R::Fiches)))
            .push(sections::concertation(d, actions(R::Concertation)))
            .push(sections::contrat(d, actions(R::Contrat)))
            .push(sections::carnet(
                self.vu.as_ref().unwrap_or(d),
                session,
                self.statut_propose,
                actions(R::Carnet),
            ))
            .push(sections::suivi(d, actions(R::Suivi)))
            .push(sections::sortie(d, actions(R::Cloture)))
            .push(sections::chronologie(
                &self.journal,
                &self.evenements,
                &self.noms,
                d.cloture.is_none(),
                &|e| d.description_vue_par(e, role, session.freins()),
            ));
        if self.notes_possibles {
            page = page.push(sections::notes_privees(
                &self.notes,
                &self.note,
                Message::Note,
                Message::AjouterNote,
            ));
        }
        widgets::avis_flottant(
            scrollable(page.padding(16)).height(Length::Fill),
            self.succes.as_deref(),
            Message::FermerAvis,
        )
    }
}

fn role(session: &Session) -> Option<Role> {
    session.utilisateur().map(|u| u.role())
}
