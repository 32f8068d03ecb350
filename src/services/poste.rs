//! Ce qu'un travail emporte de l'espace ouvert : la base partagée, les référentiels,
//! l'utilisateur et la date. Se clone et passe d'un fil à l'autre : la fenêtre en donne
//! une copie à ses tâches de fond, la ligne de commande en ouvre un pour elle seule.

use crate::domain::audit::ActionAudit;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::acces::Acces;
use super::espace::Espace;
use super::preferences::{Preferences, CLE_PREFERENCES};
use super::ErreurService;
use crate::domain::compte::{Compte, Visibilite};
use crate::domain::date::Jour;
use crate::domain::dossier::{Contexte, Regles};
use crate::domain::echeances::Resume;
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
    acces: Acces,
    utilisateur: Option<Professionnel>,
    aujourdhui: Jour,
    regles: Regles,
    /// Les règles de la cotraitance des jeunes (critères régionaux, seuils, objectifs).
    cotraitance: Arc<crate::domain::cotraitance::Regles>,
}

impl Poste {
    /// Ouvre la base et les référentiels de l'espace, au nom du compte connecté.
    pub fn ouvrir(espace: &Espace, acces: Acces, aujourdhui: Jour) -> Result<Poste, ErreurService> {
        Ok(Poste::ouvrir_et_lire(espace, acces, aujourdhui, false)?.0)
    }

    /// Comme `ouvrir`, et rend aussi les préférences du poste, lues une seule fois (la
    /// fenêtre les garde, le poste n'en retient que les règles du parcours), et tout le
    /// portefeuille de la base (avant le tri de ce que le compte voit) : il se lit pendant
    /// que le référentiel des communes, lu à l'avance par la fenêtre, finit de l'être. La
    /// connexion en est plus courte.
    pub fn ouvrir_pour_la_fenetre(
        espace: &Espace,
        acces: Acces,
        aujourdhui: Jour,
    ) -> Result<(Poste, Preferences, Vec<Resume>), ErreurService> {
        let (poste, preferences, brut) = Poste::ouvrir_et_lire(espace, acces, aujourdhui, true)?;
        Ok((poste, preferences, brut.unwrap_or_default()))
    }

    fn ouvrir_et_lire(
        espace: &Espace,
        acces: Acces,
        aujourdhui: Jour,
        lire_portefeuille: bool,
    ) -> Result<(Poste, Preferences, Option<Vec<Resume>>), ErreurService> {
        let store = espace.store(&acces)?;
        let (referentiel, brut) = if lire_portefeuille {
            let (brut, referentiel) = crate::domain::parallele::en_parallele(
                || store.portefeuille(),
                || espace.referentiel(),
            );
            (
                referentiel.unwrap_or_else(|| espace.referentiel()),
                Some(brut),
            )
        } else {
            (espace.referentiel(), None)
        };
        let referentiel = referentiel?;
        let brut = brut.transpose()?;
        let utilisateur = match acces.compte.professionnel {
            Some(id) => store.professionnel(id)?,
            None => None,
        };
        // Un poste neuf garde l'apparence et la taille du texte choisies pour la porte.
        let preferences: Preferences = store.preference(CLE_PREFERENCES)?.unwrap_or_else(|| {
            let a = super::preferences::lire_affichage(&espace.dossier);
            Preferences {
                apparence: a.apparence,
                echelle: a.echelle,
                ..Preferences::default()
            }
        });
        let poste = Poste {
            base: Arc::new(Mutex::new(store)),
            referentiel: Arc::new(referentiel),
            freins: Arc::new(Freins::embarque()),
            acces,
            utilisateur,
            aujourdhui,
            regles: preferences.regles,
            cotraitance: Arc::new(preferences.cotraitance.clone()),
        };
        Ok((poste, preferences, brut))
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

    /// Les structures du territoire viennent d'être installées : elles valent aussitôt.
    pub fn changer_referentiel(&mut self, r: Referentiel) {
        self.referentiel = Arc::new(r);
    }

    pub(crate) fn changer_utilisateur(&mut self, p: Professionnel) {
        self.acces.compte.professionnel = Some(p.id);
        self.utilisateur = Some(p);
    }

    /// Le compte connecté.
    pub fn compte(&self) -> &Compte {
        &self.acces.compte
    }

    pub fn acces(&self) -> &Acces {
        &self.acces
    }

    /// Ce que le compte voit aujourd'hui : les siens et ce qui lui est délégué.
    pub fn visibilite(&self, store: &Store) -> Result<Visibilite, ErreurStore> {
        Ok(Visibilite::de(
            self.utilisateur.as_ref().map(|u| u.id),
            &store.delegations()?,
            self.aujourdhui,
        ))
    }

    /// Le dossier, s'il est confié au compte ; sinon le même refus qu'un dossier inconnu.
    pub fn dossier_confie(
        &self,
        store: &Store,
        id: uuid::Uuid,
    ) -> Result<crate::domain::dossier::Dossier, ErreurStore> {
        let d = store.dossier(id)?;
        let v = self.visibilite(store)?;
        match d {
            Some(d)
                if v.voit(
                    id,
                    d.conseiller.as_ref().map(|m| m.id),
                    d.referent.as_ref().map(|m| m.id),
                ) =>
            {
                Ok(d)
            }
            _ => Err(ErreurStore::NonConfie(id.to_string())),
        }
    }

    /// Le portefeuille du compte : les dossiers qu'il voit, rien d'autre.
    pub fn portefeuille(&self, store: &Store) -> Result<Vec<Resume>, ErreurStore> {
        let v = self.visibilite(store)?;
        Ok(visibles(store.portefeuille()?, &v))
    }

    pub fn aujourdhui(&self) -> Jour {
        self.aujourdhui
    }

    pub(crate) fn changer_de_jour(&mut self, jour: Jour) {
        self.aujourdhui = jour;
    }

    /// Le nom sous lequel les journaux gardent ce que fait le compte : son professionnel,
    /// ou le compte lui-même s'il n'administre que le poste.
    pub fn auteur(&self) -> String {
        self.utilisateur
            .as_ref()
            .map_or_else(|| self.acces.compte.id.to_string(), |u| u.id.to_string())
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

    pub fn regles_cotraitance(&self) -> &crate::domain::cotraitance::Regles {
        &self.cotraitance
    }

    pub(crate) fn changer_regles_cotraitance(&mut self, r: crate::domain::cotraitance::Regles) {
        self.cotraitance = Arc::new(r);
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

/// L'agence, le périmètre ou la structure d'un professionnel qui a un compte ne changent que
/// par lui-même ou par un administrateur ; les autres fiches de l'annuaire restent à tous.
pub fn controler_affectation(
    poste: &Poste,
    store: &Store,
    p: &Professionnel,
) -> Result<(), ErreurStore> {
    let Some(avant) = store.professionnel(p.id)? else {
        return Ok(());
    };
    let soi = poste.utilisateur().is_some_and(|u| u.id == p.id);
    let a_un_compte = store
        .comptes()?
        .iter()
        .any(|c| c.professionnel == Some(p.id));
    if avant.affectation != p.affectation && a_un_compte && !soi && !poste.compte().administrateur {
        return Err(ErreurStore::AffectationReservee(p.nom_affiche()));
    }
    Ok(())
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

/// Les dossiers du portefeuille que le compte voit.
pub(crate) fn visibles(portefeuille: Vec<Resume>, v: &Visibilite) -> Vec<Resume> {
    portefeuille
        .into_iter()
        .filter(|r| v.voit(r.id, r.conseiller_id, r.referent_id))
        .collect()
}
