//! Ce que l'interface garde ouvert : la base, les référentiels, l'utilisateur du poste et
//! ses préférences. Aucun type graphique ici.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::theme::Apparence;
use crate::domain::date::Jour;
use crate::domain::dossier::{Commande, Contexte, Dossier, Evenement};
use crate::domain::echeances::{alertes, Alerte, Parametres, Resume};
use crate::domain::freins::Freins;
use crate::domain::identifiants::CodeInsee;
use crate::domain::professionnel::Professionnel;
use crate::domain::structures::Referentiel;
use crate::domain::texte::normaliser;
use crate::espace::Espace;
use crate::store::{ErreurStore, Store};

/// Préférences du poste, enregistrées dans la base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub apparence: Apparence,
    /// Taille du texte, de 1.0 (100 %) à 2.0 (200 %).
    pub echelle: f32,
    pub echeances: Parametres,
    /// Largeur et hauteur de la fenêtre à la dernière fermeture.
    pub fenetre: Option<(f32, f32)>,
    /// Position de la fenêtre à la dernière fermeture.
    #[serde(default)]
    pub position: Option<(f32, f32)>,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            apparence: Apparence::Claire,
            echelle: 1.0,
            echeances: Parametres::default(),
            fenetre: None,
            position: None,
        }
    }
}

pub const CLE_PREFERENCES: &str = "preferences";
use crate::ressources::cli::CLE_UTILISATEUR;

pub struct Session {
    pub espace: Espace,
    pub store: Store,
    pub referentiel: Referentiel,
    pub freins: Freins,
    pub utilisateur: Option<Professionnel>,
    pub preferences: Preferences,
    pub aujourdhui: Jour,
    /// Le portefeuille en mémoire, relu après chaque enregistrement.
    pub portefeuille: Vec<Resume>,
    /// Vrai dans la fenêtre : la date du jour suit l'horloge (une fenêtre ouverte après
    /// minuit passe au lendemain). Faux pour les essais, à date fixe.
    pub suivre_le_jour: bool,
}

impl Session {
    pub fn ouvrir(espace: Espace, aujourdhui: Jour) -> Result<Session, String> {
        let store = espace.store().map_err(|e| e.to_string())?;
        let referentiel = espace.referentiel().map_err(|e| e.to_string())?;
        let preferences = store
            .preference(CLE_PREFERENCES)
            .map_err(|e| e.to_string())?
            .unwrap_or_default();
        let utilisateur = match store
            .preference::<Uuid>(CLE_UTILISATEUR)
            .map_err(|e| e.to_string())?
        {
            Some(id) => store.professionnel(id).map_err(|e| e.to_string())?,
            None => None,
        };
        let mut s = Session {
            espace,
            store,
            referentiel,
            freins: Freins::embarque(),
            utilisateur,
            preferences,
            aujourdhui,
            portefeuille: Vec::new(),
            suivre_le_jour: false,
        };
        s.recharger()?;
        Ok(s)
    }

    /// L'instant présent, pour « ouvert maintenant » ; à date fixe (essais), 10 h ce jour-là.
    pub fn maintenant(&self) -> chrono::NaiveDateTime {
        if self.suivre_le_jour {
            chrono::Local::now().naive_local()
        } else {
            self.aujourdhui
                .and_hms_opt(10, 0, 0)
                .unwrap_or_else(|| chrono::Local::now().naive_local())
        }
    }

    /// Passe au jour présent si la date a changé ; vrai s'il a changé.
    pub fn actualiser_le_jour(&mut self) -> bool {
        let jour = chrono::Local::now().date_naive();
        if self.suivre_le_jour && jour != self.aujourdhui {
            self.aujourdhui = jour;
            return true;
        }
        false
    }

    pub fn recharger(&mut self) -> Result<(), String> {
        self.portefeuille = self.store.portefeuille().map_err(|e| e.to_string())?;
        Ok(())
    }

    pub fn auteur(&self) -> String {
        self.utilisateur
            .as_ref()
            .map_or_else(|| "poste local".to_string(), |u| u.id.to_string())
    }

    pub fn ctx(&self) -> Contexte<'_> {
        Contexte {
            aujourdhui: self.aujourdhui,
            freins: &self.freins,
        }
    }

    /// Exécute une commande, l'enregistre et relit le portefeuille.
    pub fn executer(&mut self, id: Uuid, c: &Commande) -> Result<Evenement, ErreurStore> {
        let auteur = self.auteur();
        let ctx = Contexte {
            aujourdhui: self.aujourdhui,
            freins: &self.freins,
        };
        let e = self.store.executer(id, c, &auteur, ctx)?;
        // L'enregistrement est fait : une relecture manquée ne doit pas le faire refaire.
        match self.store.portefeuille() {
            Ok(p) => self.portefeuille = p,
            Err(err) => tracing::warn!("portefeuille non relu après enregistrement : {err}"),
        }
        Ok(e)
    }

    pub fn dossier(&self, id: Uuid) -> Result<Option<Dossier>, ErreurStore> {
        self.store.dossier(id)
    }

    pub fn definir_utilisateur(&mut self, p: Professionnel) -> Result<(), ErreurStore> {
        let ctx = Contexte {
            aujourdhui: self.aujourdhui,
            freins: &self.freins,
        };
        self.store
            .enregistrer_professionnel(&p, &p.id.to_string(), ctx)?;
        self.store.definir_preference(CLE_UTILISATEUR, &p.id)?;
        self.utilisateur = Some(p);
        Ok(())
    }

    pub fn enregistrer_preferences(&self) -> Result<(), ErreurStore> {
        self.store
            .definir_preference(CLE_PREFERENCES, &self.preferences)
    }

    /// La commune saisie (nom ou code INSEE), vérifiée dans le référentiel ; le code postal,
    /// s'il est donné, départage les homonymes.
    pub fn commune_saisie(&self, saisie: &str, code_postal: &str) -> Option<CodeInsee> {
        let t = saisie.trim();
        if t.is_empty() {
            return None;
        }
        let r = &self.referentiel;
        if let Some(c) = r.commune(&t.to_uppercase()) {
            return CodeInsee::parse(&c.insee).ok();
        }
        let n = normaliser(t);
        let cp = code_postal.trim();
        let candidates: Vec<_> = r
            .communes
            .iter()
            .filter(|c| normaliser(&c.nom) == n)
            .filter(|c| cp.is_empty() || c.codes_postaux.iter().any(|p| p == cp))
            .collect();
        match candidates.as_slice() {
            [une] => CodeInsee::parse(&une.insee).ok(),
            _ => None,
        }
    }

    /// L'autocomplétion d'un champ commune : les communes dont un mot du nom commence par
    /// la saisie (ou dont le code postal ou INSEE commence par elle), sauf si la saisie en
    /// désigne déjà une exactement.
    pub fn communes_proposees(
        &self,
        saisie: &str,
        max: usize,
    ) -> Vec<&crate::domain::structures::Commune> {
        let t = normaliser(saisie.trim());
        if t.chars().count() < 2 || self.commune_saisie(saisie, "").is_some() {
            return Vec::new();
        }
        self.referentiel
            .communes
            .iter()
            .filter(|c| {
                crate::domain::texte::correspond(&normaliser(&c.nom), &t)
                    || c.insee.starts_with(&t)
                    || c.codes_postaux.iter().any(|p| p.starts_with(&t))
            })
            .take(max)
            .collect()
    }

    /// Les alertes du portefeuille, des plus graves aux moins graves puis par date.
    pub fn a_faire(&self) -> Vec<(&Resume, Alerte)> {
        let mut v: Vec<(&Resume, Alerte)> = self
            .portefeuille
            .iter()
            .flat_map(|r| {
                alertes(r, self.aujourdhui, &self.preferences.echeances)
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
