//! Un espace de travail ouvert au nom d'un utilisateur : la base, les référentiels, les
//! préférences et le portefeuille en mémoire. C'est ce que l'interface demande ; elle ne
//! voit jamais le store. Aucun type graphique ici.

use crate::domain::audit::ActionAudit;
use std::sync::MutexGuard;

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use super::acces::Acces;
use super::brouillons::Brouillons;
use super::erreur::ErreurService;
use super::espace::Espace;
use super::poste::verrouiller;
pub use super::poste::BasePartagee;
use super::poste::Poste;
use super::preferences::{Preferences, CLE_PREFERENCES};
use crate::domain::date::Jour;
use crate::domain::dossier::{Commande, Contexte, Dossier, Evenement};
use crate::domain::echeances::{alertes, Alerte, Resume};
use crate::domain::freins::Freins;
use crate::domain::identifiants::CodeInsee;
use crate::domain::professionnel::{Professionnel, Role};
use crate::domain::ressources::recherche::{Criteres, Resultats};
use crate::domain::ressources::Ressource;
use crate::domain::structures::{Commune, Referentiel};
use crate::domain::texte::normaliser;
use crate::store::{ErreurStore, EvenementEnregistre, Modification, Store};

pub struct Session {
    espace: Espace,
    poste: Poste,
    preferences: Preferences,
    /// Les dossiers confiés au compte (les siens et ceux qui lui sont délégués), relus
    /// après chaque enregistrement.
    visibles: Vec<Resume>,
    /// Ceux d'entre eux qui ne sont visibles que par une délégation en cours.
    delegues: std::collections::HashSet<Uuid>,
    /// Ceux dont la prochaine action répond à un frein que le conseiller ne voit pas (hors
    /// du consentement) : son titre ne lui est pas montré.
    titres_caches: std::collections::HashSet<Uuid>,
    /// Vrai dans la fenêtre : la date du jour suit l'horloge (une fenêtre ouverte après
    /// minuit passe au lendemain). Faux pour les essais, à date fixe.
    suivre_le_jour: bool,
    brouillons: Brouillons,
    /// Où en est l'échange avec chaque partenaire du binôme (À faire dit ce qui attend).
    echanges: Vec<super::echange::EtatPartenaire>,
    /// Les jeunes en cotraitance que le compte voit (conseiller ou mission locale).
    jeunes: Vec<super::cotraitance::Ligne>,
}

impl Session {
    pub fn ouvrir(
        espace: Espace,
        acces: Acces,
        aujourdhui: Jour,
    ) -> Result<Session, ErreurService> {
        let (poste, preferences, portefeuille) =
            Poste::ouvrir_pour_la_fenetre(&espace, acces, aujourdhui)?;
        let mut s = Session {
            espace,
            brouillons: Brouillons::demarrer(poste.base()),
            poste,
            preferences,
            visibles: Vec::new(),
            delegues: Default::default(),
            titres_caches: Default::default(),
            suivre_le_jour: false,
            echanges: Vec::new(),
            jeunes: Vec::new(),
        };
        s.recharger_depuis(Some(portefeuille))?;
        Ok(s)
    }

    /// La fenêtre se ferme normalement (brouillons écrits) : la prochaine connexion ne la
    /// prendra pas pour un arrêt brutal.
    pub fn fermer(&self) {
        self.store().fermer_proprement();
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.poste.store()
    }

    /// Une copie de ce qu'il faut à une tâche de fond.
    pub fn poste(&self) -> Poste {
        self.poste.clone()
    }

    pub fn espace(&self) -> &Espace {
        &self.espace
    }

    pub fn referentiel(&self) -> &Referentiel {
        self.poste.referentiel()
    }

    /// Les structures du territoire viennent d'être installées (ou rétablies).
    pub fn changer_referentiel(&mut self, r: Referentiel) {
        self.poste.changer_referentiel(r);
    }

    pub fn freins(&self) -> &Freins {
        self.poste.freins()
    }

    pub fn utilisateur(&self) -> Option<&Professionnel> {
        self.poste.utilisateur()
    }

    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// Les préférences à modifier ; `enregistrer_preferences` les garde.
    pub fn preferences_mut(&mut self) -> &mut Preferences {
        &mut self.preferences
    }

    pub fn aujourdhui(&self) -> Jour {
        self.poste.aujourdhui()
    }

    /// Les dossiers confiés au compte : les siens et ceux qui lui sont délégués.
    pub fn portefeuille(&self) -> &[Resume] {
        &self.visibles
    }

    /// Le compte connecté.
    pub fn compte(&self) -> &crate::domain::compte::Compte {
        self.poste.compte()
    }

    pub fn brouillons(&self) -> &Brouillons {
        &self.brouillons
    }

    /// Dans la fenêtre, la date suit l'horloge.
    pub fn suivre_le_jour(&mut self) {
        self.suivre_le_jour = true;
    }

    /// L'instant présent, pour « ouvert maintenant » ; à date fixe (essais), 10 h ce jour-là.
    pub fn maintenant(&self) -> chrono::NaiveDateTime {
        if self.suivre_le_jour {
            chrono::Local::now().naive_local()
        } else {
            self.aujourdhui()
                .and_hms_opt(10, 0, 0)
                .unwrap_or_else(|| chrono::Local::now().naive_local())
        }
    }

    /// Passe au jour présent si la date a changé ; vrai s'il a changé.
    pub fn actualiser_le_jour(&mut self) -> bool {
        let jour = chrono::Local::now().date_naive();
        if self.suivre_le_jour && jour != self.aujourdhui() {
            self.poste.changer_de_jour(jour);
            return true;
        }
        false
    }

    pub fn recharger(&mut self) -> Result<(), ErreurStore> {
        self.recharger_depuis(None)
    }

    /// `recharger`, le portefeuille de la base déjà lu s'il est donné (à l'ouverture).
    fn recharger_depuis(&mut self, portefeuille: Option<Vec<Resume>>) -> Result<(), ErreurStore> {
        // Le professionnel du compte est relu : un administrateur a pu changer son profil.
        let moi = match self.poste.compte().professionnel {
            Some(id) => self.store().professionnel(id)?,
            None => None,
        };
        if let Some(p) = moi {
            self.poste.changer_utilisateur(p);
        }
        let (visibles, v) = {
            let store = self.store();
            let v = self.poste.visibilite(&store)?;
            let tout = match portefeuille {
                Some(p) => p,
                None => store.portefeuille()?,
            };
            (super::poste::visibles(tout, &v), v)
        };
        self.delegues = visibles
            .iter()
            .filter(|r| v.par_delegation(r.id, r.conseiller_id, r.referent_id))
            .map(|r| r.id)
            .collect();
        self.titres_caches = self.titres_caches(&visibles)?;
        let echanges = super::echange::etats_pour(&self.poste, &self.store(), &visibles)?;
        self.echanges = echanges;
        self.visibles = visibles;
        self.recharger_jeunes()
    }

    /// Relit les jeunes en cotraitance du compte, s'il est de Pôle emploi ou d'une mission
    /// locale.
    fn recharger_jeunes(&mut self) -> Result<(), ErreurStore> {
        self.jeunes = if self.en_cotraitance() {
            super::cotraitance::lignes(&self.poste).map_err(|e| match e {
                ErreurService::Store(e) => e,
                autre => ErreurStore::Illisible(autre.to_string()),
            })?
        } else {
            Vec::new()
        };
        Ok(())
    }

    /// Le compte agit dans la cotraitance des jeunes : conseiller Pôle emploi, ou
    /// professionnel d'une mission locale.
    pub fn en_cotraitance(&self) -> bool {
        let affecter = crate::domain::cotraitance::Commande::Accepter {
            date: self.aujourdhui(),
        };
        super::cotraitance::acteur(&self.poste, &affecter).is_ok()
    }

    /// Le compte est celui d'une mission locale : il ne suit pas d'accompagnement global.
    pub fn en_mission_locale(&self) -> bool {
        self.utilisateur()
            .is_some_and(|u| u.mission_locale().is_some())
    }

    pub fn jeunes(&self) -> &[super::cotraitance::Ligne] {
        &self.jeunes
    }

    /// Une commande de cotraitance au nom du compte ; la liste des jeunes est relue.
    pub fn executer_cotraitance(
        &mut self,
        id: Option<Uuid>,
        c: &crate::domain::cotraitance::Commande,
    ) -> Result<(Uuid, crate::domain::cotraitance::Evenement), ErreurService> {
        let r = super::cotraitance::executer(&self.poste, id, c)?;
        if let Err(e) = self.recharger_jeunes() {
            tracing::warn!("jeunes en cotraitance non relus après enregistrement : {e}");
        }
        Ok(r)
    }

    /// Ce qui attend dans la cotraitance : le jeune et ce qu'il faut faire.
    pub fn jeunes_a_faire(&self) -> Vec<(&super::cotraitance::Ligne, String)> {
        let jour = self.aujourdhui();
        let pole_emploi = self
            .utilisateur()
            .is_some_and(|u| u.role() == Role::Conseiller);
        self.jeunes
            .iter()
            .flat_map(|l| {
                l.a_faire_par(jour, pole_emploi)
                    .into_iter()
                    .map(move |a| (l, a))
            })
            .collect()
    }

    /// Les partenaires (cartes vérifiées) à qui envoyer un paquet : un dossier commun a changé
    /// ici depuis le dernier.
    pub fn paquets_a_envoyer(&self) -> impl Iterator<Item = &super::echange::EtatPartenaire> {
        self.echanges
            .iter()
            .filter(|e| e.verifiee() && e.a_envoyer > 0)
    }

    /// Pour un conseiller : les dossiers dont le titre de la prochaine action est secret.
    fn titres_caches(
        &self,
        visibles: &[Resume],
    ) -> Result<std::collections::HashSet<Uuid>, ErreurStore> {
        let mut caches = std::collections::HashSet::new();
        if self.utilisateur().map(|u| u.role()) != Some(Role::Conseiller) {
            return Ok(caches);
        }
        // Seul le titre d'une action échue s'affiche (À faire) ; le portefeuille dit s'il
        // est secret.
        let jour = self.aujourdhui();
        caches.extend(
            visibles
                .iter()
                .filter(|r| {
                    r.prochaine_action_secrete
                        && r.prochaine_action
                            .is_some_and(|(_, echeance)| echeance < jour)
                })
                .map(|r| r.id),
        );
        Ok(caches)
    }

    /// Le titre de la prochaine action du dossier, si elle est échue (l'alerte d'À faire le
    /// montre), tel que l'utilisateur peut le lire.
    pub fn titre_action<'a>(&self, r: &'a Resume) -> Option<&'a str> {
        let jour = self.aujourdhui();
        if r.prochaine_action
            .is_none_or(|(_, echeance)| echeance >= jour)
        {
            return None;
        }
        if self.titres_caches.contains(&r.id) {
            Some(crate::domain::dossier::ACTION_NON_PARTAGEE)
        } else {
            r.prochaine_action_titre.as_deref()
        }
    }

    /// Vrai si le dossier n'est visible que par une délégation en cours.
    pub fn est_delegue(&self, id: Uuid) -> bool {
        self.delegues.contains(&id)
    }

    /// Le nombre de dossiers visibles par délégation.
    pub fn nombre_delegues(&self) -> usize {
        self.delegues.len()
    }

    pub fn auteur(&self) -> String {
        self.poste.auteur()
    }

    pub fn ctx(&self) -> Contexte<'_> {
        self.poste.ctx()
    }

    /// Exécute une commande au nom de l'utilisateur, l'enregistre et relit le portefeuille.
    /// Une décision conjointe dont l'accord du partenaire est coché passe par
    /// `executer_conjoint`, qui dit comment il a été donné.
    pub fn executer(&mut self, id: Uuid, c: &Commande) -> Result<Evenement, ErreurStore> {
        match self.executer_conjoint(id, c, None) {
            Ok(e) => Ok(e),
            Err(ErreurService::Store(e)) => Err(e),
            Err(autre) => Err(ErreurStore::Illisible(autre.to_string())),
        }
    }

    /// Exécute une commande dont les accords sont attribués : le sien (connecté) et celui du
    /// partenaire (co-signature sur ce poste ou reçu hors Binôme).
    pub fn executer_conjoint(
        &mut self,
        id: Uuid,
        c: &Commande,
        partenaire: Option<&super::accords::AccordPartenaire>,
    ) -> Result<Evenement, ErreurService> {
        let c = super::accords::attribuer(&self.poste, &self.espace, id, c.clone(), partenaire)?;
        let auteur = self.auteur();
        let e = super::poste::executer_et_auditer(&mut self.store(), &auteur, self.ctx(), id, &c)?;
        // L'enregistrement est fait : une relecture manquée ne doit pas le faire refaire.
        if let Err(err) = self.recharger() {
            tracing::warn!("portefeuille non relu après enregistrement : {err}");
        }
        Ok(e)
    }

    /// Donne, sur ce poste, l'accord que le partenaire attend pour une décision conjointe
    /// qu'il a prise sur son installation ; l'échange le lui apporte.
    pub fn donner_accord(&mut self, id: Uuid, decision: &str) -> Result<Evenement, ErreurService> {
        let moi = self
            .utilisateur()
            .cloned()
            .ok_or(ErreurService::SansUtilisateur)?;
        let c = Commande::DonnerAccord {
            decision: decision.to_string(),
            date: self.aujourdhui(),
            par: crate::domain::dossier::Attestation::Connecte {
                professionnel: moi.id,
                nom: moi.nom_affiche(),
            },
        };
        self.executer_conjoint(id, &c, None)
    }

    /// Le dossier, s'il est confié au compte (sinon `NonConfie`).
    pub fn dossier(&self, id: Uuid) -> Result<Option<Dossier>, ErreurStore> {
        let store = self.store();
        self.poste.dossier_confie(&store, id).map(Some)
    }

    /// L'utilisateur ouvre un dossier : la consultation est inscrite au journal d'audit (une
    /// fois par ouverture, pas à chaque relecture après un enregistrement).
    pub fn noter_consultation(&self, id: Uuid) {
        self.poste.auditer(ActionAudit::Consultation, Some(id));
    }

    /// Le référent social du dossier, s'il est l'utilisateur : seul lui tient des notes
    /// privées sur ce dossier.
    fn referent_du_dossier(&self, id: Uuid) -> Result<Uuid, ErreurService> {
        let d = self
            .dossier(id)?
            .ok_or_else(|| ErreurStore::DossierInconnu(id.to_string()))?;
        match (self.utilisateur(), d.referent) {
            (Some(u), Some(r)) if u.role() == Role::Referent && r.id == u.id => Ok(u.id),
            _ => Err(ErreurService::NotesReserveesAuReferent),
        }
    }

    /// Mes notes privées sur ce dossier (référent social du dossier) ; aucune pour les autres.
    pub fn notes_privees(
        &self,
        id: Uuid,
    ) -> Result<Vec<crate::domain::note_privee::NotePrivee>, ErreurService> {
        match self.referent_du_dossier(id) {
            Ok(moi) => Ok(self.store().notes_privees(id, moi)?),
            Err(_) => Ok(Vec::new()),
        }
    }

    /// Ajoute une note privée (référent social du dossier seulement).
    pub fn ajouter_note_privee(&self, id: Uuid, texte: &str) -> Result<(), ErreurService> {
        let moi = self.referent_du_dossier(id)?;
        let texte = crate::domain::note_privee::verifier_texte(texte)
            .map_err(ErreurService::NoteInvalide)?;
        let note = crate::domain::note_privee::NotePrivee {
            id: Uuid::new_v4(),
            dossier: id,
            auteur: moi,
            ecrite_le: self.maintenant().format("%Y-%m-%dT%H:%M:%S").to_string(),
            texte,
        };
        self.store().ajouter_note_privee(&note)?;
        self.poste.auditer(ActionAudit::Modification, Some(id));
        Ok(())
    }

    /// La chronologie d'un dossier : chaque événement avec son auteur et son horodatage.
    pub fn journal(&self, id: Uuid) -> Result<Vec<EvenementEnregistre>, ErreurStore> {
        let store = self.store();
        self.poste.dossier_confie(&store, id)?;
        store.journal(id)
    }

    /// L'annuaire des professionnels.
    pub fn professionnels(&self) -> Result<Vec<Professionnel>, ErreurStore> {
        self.store().professionnels()
    }

    pub fn professionnel(&self, id: Uuid) -> Result<Option<Professionnel>, ErreurStore> {
        self.store().professionnel(id)
    }

    /// Ajoute ou modifie un professionnel de l'annuaire.
    pub fn enregistrer_professionnel(&mut self, mut p: Professionnel) -> Result<(), ErreurStore> {
        let auteur = self.auteur();
        garder_l_habilitation(&self.store(), &mut p)?;
        super::poste::controler_affectation(&self.poste, &self.store(), &p)?;
        self.store()
            .enregistrer_professionnel(&p, &auteur, self.ctx())?;
        // Sa propre fiche : le poste la suit.
        if self.utilisateur().is_some_and(|u| u.id == p.id) {
            self.poste.changer_utilisateur(p);
        }
        Ok(())
    }

    /// Le compte connecté devient ce professionnel (sa fiche, à la première ouverture).
    pub fn definir_utilisateur(&mut self, mut p: Professionnel) -> Result<(), ErreurStore> {
        {
            let mut store = self.store();
            garder_l_habilitation(&store, &mut p)?;
            store.enregistrer_professionnel(&p, &p.id.to_string(), self.ctx())?;
            let mut compte = self.poste.compte().clone();
            compte.professionnel = Some(p.id);
            store.modifier_compte(&compte)?;
        }
        self.poste.changer_utilisateur(p);
        self.recharger()
    }

    /// Garde les préférences ; les règles du parcours s'appliquent dès maintenant.
    pub fn enregistrer_preferences(&mut self) -> Result<(), ErreurStore> {
        self.poste.changer_regles(self.preferences.regles);
        self.poste
            .changer_regles_cotraitance(self.preferences.cotraitance.clone());
        self.sauvegarde_preferences()()
    }

    /// De quoi enregistrer les préférences depuis un autre fil.
    pub fn sauvegarde_preferences(
        &self,
    ) -> impl FnOnce() -> Result<(), ErreurStore> + Send + 'static {
        let base = self.poste.base();
        let preferences = self.preferences.clone();
        let dossier = self.espace.dossier.clone();
        move || {
            // La porte se dessinera avec la même apparence et la même taille de texte.
            if let Err(e) = super::preferences::ecrire_affichage(&dossier, &preferences) {
                tracing::warn!("affichage de la porte non gardé : {e}");
            }
            verrouiller(&base).definir_preference(CLE_PREFERENCES, &preferences)
        }
    }

    /// Le brouillon gardé sous `cle` (les écritures en attente comprises).
    pub fn brouillon<T: DeserializeOwned>(&self, cle: &str) -> Result<Option<T>, ErreurStore> {
        match self.brouillons.en_attente(cle) {
            Some(Some(json)) => Ok(serde_json::from_str(&json).ok()),
            Some(None) => Ok(None),
            None => self.store().brouillon(cle),
        }
    }

    /// Garde la saisie en cours : écrite hors de la fenêtre, un peu après la dernière frappe.
    pub fn garder_brouillon<T: Serialize>(&self, cle: &str, contenu: &T) {
        match serde_json::to_string(contenu) {
            Ok(json) => self.brouillons.garder(cle, json),
            Err(e) => tracing::warn!("brouillon non sérialisé : {e}"),
        }
    }

    /// Efface un brouillon (saisie enregistrée ou abandonnée).
    pub fn effacer_brouillon(&self, cle: &str) {
        self.brouillons.effacer(cle);
    }

    // Ressources partenariales.

    pub fn rechercher_ressources(&self, c: &Criteres) -> Result<Resultats, ErreurStore> {
        self.store().rechercher_ressources(c, self.maintenant())
    }

    pub fn ressource(&self, id: Uuid) -> Result<Option<Ressource>, ErreurStore> {
        self.store().ressource(id)
    }

    /// Les ressources dont l'identifiant, la clé de source ou le nom correspond.
    pub fn trouver_ressource(&self, cle: &str) -> Result<Vec<Ressource>, ErreurStore> {
        self.store().trouver_ressource(cle)
    }

    pub fn historique_ressource(&self, id: Uuid) -> Result<Vec<Modification>, ErreurStore> {
        self.store().historique_ressource(id)
    }

    pub fn ressources(&self, avec_archivees: bool) -> Result<Vec<Ressource>, ErreurStore> {
        self.store().ressources(avec_archivees)
    }

    pub fn nombre_ressources(&self) -> Result<u64, ErreurStore> {
        self.store().nombre_ressources()
    }

    pub fn enregistrer_ressource(&self, r: Ressource) -> Result<Ressource, ErreurStore> {
        let Some(par) = self.utilisateur().cloned() else {
            return Err(ErreurStore::NonHabilite);
        };
        self.store()
            .enregistrer_ressource(r, &par, self.poste.ctx_ressources())
    }

    pub fn archiver_ressource(&self, id: Uuid, archiver: bool) -> Result<Ressource, ErreurStore> {
        let Some(par) = self.utilisateur().cloned() else {
            return Err(ErreurStore::NonHabilite);
        };
        self.store().archiver_ressource(id, archiver, &par)
    }

    /// La commune saisie (nom ou code INSEE), vérifiée dans le référentiel ; le code postal,
    /// s'il est donné, départage les homonymes.
    pub fn commune_saisie(&self, saisie: &str, code_postal: &str) -> Option<CodeInsee> {
        self.referentiel()
            .commune_saisie(saisie, code_postal)
            .and_then(|c| CodeInsee::parse(&c.insee).ok())
    }

    /// L'autocomplétion d'un champ commune : les communes dont un mot du nom commence par
    /// la saisie (ou dont le code postal ou INSEE commence par elle), celles du code postal
    /// déjà saisi en tête, sauf si la saisie en désigne déjà une exactement.
    pub fn communes_proposees(&self, saisie: &str, code_postal: &str, max: usize) -> Vec<&Commune> {
        let t = normaliser(saisie.trim());
        if t.chars().count() < 2 || self.commune_saisie(saisie, "").is_some() {
            return Vec::new();
        }
        self.referentiel().communes_commencant(&t, code_postal, max)
    }

    /// Pour un conseiller dédié : ses accompagnements globaux en cours (article 1.4).
    pub fn mes_accompagnements(&self) -> Option<usize> {
        let moi = self
            .utilisateur()
            .filter(|u| u.role() == Role::Conseiller)?;
        Some(
            crate::domain::portefeuille::actifs_par_conseiller(self.portefeuille())
                .get(&moi.id)
                .copied()
                .unwrap_or(0),
        )
    }

    /// Combien de choses attendent (alertes des dossiers et des jeunes), pour le rail : le
    /// compte seul, sans la liste triée que l'écran « À faire » construit (à chaque image,
    /// 50 000 dossiers y passaient).
    pub fn nombre_a_faire(&self) -> usize {
        let jour = self.aujourdhui();
        let dossiers: usize = self
            .portefeuille()
            .iter()
            .map(|r| alertes(r, jour, &self.preferences.echeances).len())
            .sum();
        dossiers + self.jeunes_a_faire().len()
    }

    /// Les alertes du portefeuille, des plus graves aux moins graves puis par date.
    pub fn a_faire(&self) -> Vec<(&Resume, Alerte)> {
        let mut v: Vec<(&Resume, Alerte)> = self
            .portefeuille()
            .iter()
            .flat_map(|r| {
                alertes(r, self.aujourdhui(), &self.preferences.echeances)
                    .into_iter()
                    .map(move |a| (r, a))
            })
            .collect();
        v.sort_by(|a, b| {
            b.1.gravite()
                .cmp(&a.1.gravite())
                .then(a.1.echeance().cmp(&b.1.echeance()))
        });
        v
    }
}

/// Le profil sur la base de ressources ne change que par un administrateur
/// (`services::ressources::habiliter`) : une fiche enregistrée garde celui qu'elle avait,
/// une fiche neuve commence en consultation.
fn garder_l_habilitation(store: &Store, p: &mut Professionnel) -> Result<(), ErreurStore> {
    p.habilitation = store
        .professionnel(p.id)?
        .map_or(crate::domain::ressources::Habilitation::Consultation, |e| {
            e.habilitation
        });
    Ok(())
}
