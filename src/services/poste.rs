//! Ce qu'un travail emporte de l'espace ouvert : la base partagée, les référentiels,
//! l'utilisateur et la date. Se clone et passe d'un fil à l'autre : la fenêtre en donne
//! une copie à ses tâches de fond, la ligne de commande en ouvre un pour elle seule.

use crate::domain::audit::ActionAudit;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::espace::Espace;
use super::preferences::{Preferences, CLE_PREFERENCES, CLE_UTILISATEUR};
use super::ErreurService;
use crate::domain::date::Jour;
use crate::domain::dossier::{Contexte, Regles};
use crate::domain::freins::Freins;
use crate::domain::professionnel::Professionnel;
use crate::domain::structures::Referentiel;
use crate::store::{ErreurStore, Store};

/// La base partagée entre la fenêtre, ses tâches de fond et l'écrivain des brouillons.
pub type BasePartagee = Arc<Mutex<Store>>;

/// Verrouille la base ; un verrou empoisonné (une tâche a paniqué) laisse une base saine,
/// puisque chaque écriture est une transaction.
pub(crate) fn verrouiller(base: &BasePartagee) -> MutexGuard<'_, Store> {
    base.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Clone)]
pub struct Poste {
    base: BasePartagee,
    referentiel: Arc<Referentiel>,
    freins: Arc<Freins>,
    utilisateur: Option<Professionnel>,
    aujourdhui: Jour,
    regles: Regles,
}

impl Poste {
    /// Ouvre la base et les référentiels de l'espace, au nom de l'utilisateur du poste.
    pub fn ouvrir(espace: &Espace, aujourdhui: Jour) -> Result<Poste, ErreurService> {
        Ok(Poste::ouvrir_avec_preferences(espace, aujourdhui)?.0)
    }

    /// Comme `ouvrir`, et rend aussi les préférences du poste, lues une seule fois : la
    /// fenêtre les garde, le poste n'en retient que les règles du parcours.
    pub fn ouvrir_avec_preferences(
        espace: &Espace,
        aujourdhui: Jour,
    ) -> Result<(Poste, Preferences), ErreurService> {
        let store = espace.store()?;
        let referentiel = espace.referentiel()?;
        let utilisateur = utilisateur_du_poste(&store)?;
        let preferences: Preferences = store.preference(CLE_PREFERENCES)?.unwrap_or_default();
        let poste = Poste {
            base: Arc::new(Mutex::new(store)),
            referentiel: Arc::new(referentiel),
            freins: Arc::new(Freins::embarque()),
            utilisateur,
            aujourdhui,
            regles: preferences.regles,
        };
        Ok((poste, preferences))
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        verrouiller(&self.base)
    }

    pub(crate) fn base(&self) -> BasePartagee {
        self.base.clone()
    }

    pub fn referentiel(&self) -> &Referentiel {
        &self.referentiel
    }

    pub fn freins(&self) -> &Freins {
        &self.freins
    }

    pub fn utilisateur(&self) -> Option<&Professionnel> {
        self.utilisateur.as_ref()
    }

    pub(crate) fn changer_utilisateur(&mut self, p: Professionnel) {
        self.utilisateur = Some(p);
    }

    pub fn aujourdhui(&self) -> Jour {
        self.aujourdhui
    }

    pub(crate) fn changer_de_jour(&mut self, jour: Jour) {
        self.aujourdhui = jour;
    }

    /// Le nom sous lequel le journal garde ce que fait le poste.
    pub fn auteur(&self) -> String {
        self.utilisateur
            .as_ref()
            .map_or_else(|| "poste local".to_string(), |u| u.id.to_string())
    }

    /// Inscrit au journal d'audit ce que l'utilisateur du poste vient de faire.
    pub fn auditer(&self, action: ActionAudit, dossier: Option<uuid::Uuid>) {
        auditer(&mut self.store(), &self.auteur(), action, dossier);
    }

    pub fn ctx(&self) -> Contexte<'_> {
        Contexte {
            aujourdhui: self.aujourdhui,
            freins: &self.freins,
            regles: self.regles,
        }
    }

    /// Les règles réglées dans les Paramètres, que la fenêtre vient de changer.
    pub(crate) fn changer_regles(&mut self, regles: Regles) {
        self.regles = regles;
    }

    pub fn ctx_ressources(&self) -> crate::domain::ressources::Contexte<'_> {
        crate::domain::ressources::Contexte {
            freins: &self.freins,
            territoire: &self.referentiel,
        }
    }
}

/// Inscrit un acte au journal d'audit. L'acte est déjà fait : une entrée qui ne s'écrit pas
/// est signalée au journal technique, sans défaire l'acte.
pub fn auditer(store: &mut Store, auteur: &str, action: ActionAudit, dossier: Option<uuid::Uuid>) {
    let maintenant = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let dossier = dossier.map(|d| d.to_string());
    if let Err(e) = store.auditer(&maintenant, auteur, action, dossier.as_deref()) {
        tracing::warn!("journal d'audit non écrit ({}) : {e}", action.code());
    }
}

/// Exécute une commande sur un dossier et l'inscrit au journal d'audit (création ou
/// modification) : la fenêtre et la ligne de commande passent toutes deux par ici.
pub fn executer_et_auditer(
    store: &mut Store,
    auteur: &str,
    ctx: Contexte,
    id: uuid::Uuid,
    c: &crate::domain::dossier::Commande,
) -> Result<crate::domain::dossier::Evenement, ErreurStore> {
    let e = store.executer(id, c, auteur, ctx)?;
    let action = if matches!(c, crate::domain::dossier::Commande::Ouvrir(_)) {
        ActionAudit::Creation
    } else {
        ActionAudit::Modification
    };
    auditer(store, auteur, action, Some(id));
    Ok(e)
}

/// L'utilisateur du poste, s'il a créé son espace : la ligne de commande agit en son nom.
pub fn utilisateur_du_poste(store: &Store) -> Result<Option<Professionnel>, ErreurStore> {
    match store.preference::<uuid::Uuid>(CLE_UTILISATEUR)? {
        Some(id) => store.professionnel(id),
        None => Ok(None),
    }
}
