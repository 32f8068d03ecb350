//! Base de ressources partenariales (axe 1, article 1.3.1 et annexe 1) : les services
//! sociaux et partenaires qui répondent aux freins, géolocalisés, tenus par des
//! professionnels habilités.

pub mod horaires;
pub mod lecture;
pub mod recherche;
pub mod referentiels;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::date::Jour;
use crate::domain::freins::Freins;
use crate::domain::identifiants::{CodePostal, Courriel};
use crate::domain::structures::Referentiel;
pub use horaires::Horaires;

/// Source des ressources saisies dans Binôme (les autres viennent d'un import).
pub const SOURCE_LOCALE: &str = "binome";

/// Modalité d'accès (annexe 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ModaliteAcces {
    /// La personne peut s'y adresser directement.
    PremierNiveau,
    PrescriptionDirecte,
    PrescriptionApresAvis,
    #[default]
    Autre,
}

impl ModaliteAcces {
    pub const TOUTES: [ModaliteAcces; 4] = [
        ModaliteAcces::PremierNiveau,
        ModaliteAcces::PrescriptionDirecte,
        ModaliteAcces::PrescriptionApresAvis,
        ModaliteAcces::Autre,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ModaliteAcces::PremierNiveau => "premier-niveau",
            ModaliteAcces::PrescriptionDirecte => "prescription-directe",
            ModaliteAcces::PrescriptionApresAvis => "prescription-apres-avis",
            ModaliteAcces::Autre => "autre",
        }
    }

    pub fn libelle(self) -> &'static str {
        match self {
            ModaliteAcces::PremierNiveau => "Premier niveau d'information",
            ModaliteAcces::PrescriptionDirecte => "Prescription directe",
            ModaliteAcces::PrescriptionApresAvis => "Prescription après avis",
            ModaliteAcces::Autre => "Autre",
        }
    }

    pub fn depuis_code(code: &str) -> Option<ModaliteAcces> {
        Self::TOUTES.into_iter().find(|m| m.code() == code.trim())
    }
}

impl std::fmt::Display for ModaliteAcces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.libelle())
    }
}

/// Profil d'un professionnel sur la base de ressources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Habilitation {
    /// Consulter et rechercher.
    #[default]
    Consultation,
    /// Créer, modifier, archiver.
    MiseAJour,
}

impl Habilitation {
    pub fn libelle(self) -> &'static str {
        match self {
            Habilitation::Consultation => "Consultation",
            Habilitation::MiseAJour => "Mise à jour",
        }
    }
}

impl std::fmt::Display for Habilitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.libelle())
    }
}

/// Une famille de freins et, si on le sait, le besoin précis.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cible {
    pub famille: String,
    /// Vide : la ressource répond à toute la famille.
    #[serde(default)]
    pub besoin: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ressource {
    pub id: Uuid,
    /// `binome` pour une saisie locale ; sinon la source data·inclusion (`dora`…).
    pub source: String,
    /// Identifiant chez la source : la ré-importation met à jour au lieu de dupliquer.
    pub source_id: String,
    /// Nom du service.
    pub nom: String,
    /// Structure qui le porte.
    pub structure: String,
    pub description: String,
    /// Codes des publics data·inclusion (`tous-publics`, `jeunes`…).
    #[serde(default)]
    pub publics: Vec<String>,
    /// Public éligible, en clair (conditions, précisions).
    #[serde(default)]
    pub public: String,
    pub modalite: ModaliteAcces,
    #[serde(default)]
    pub adresse: String,
    #[serde(default)]
    pub code_postal: String,
    /// Code INSEE de la commune.
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub telephone: String,
    #[serde(default)]
    pub courriel: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub horaires: Horaires,
    pub cibles: Vec<Cible>,
    /// Thématiques d'origine, conservées telles quelles (y compris inconnues).
    #[serde(default)]
    pub thematiques: Vec<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub date_maj: Jour,
    /// Qui a fait la dernière modification.
    #[serde(default)]
    pub auteur: String,
    #[serde(default)]
    pub archivee: bool,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErreurRessource {
    #[error("Le nom du service doit compter de 3 à 150 caractères (il en a {0}).")]
    Nom(usize),
    #[error("Indiquez la structure qui porte le service.")]
    StructureManquante,
    #[error("Décrivez le service en quelques mots (5 caractères au moins).")]
    DescriptionManquante,
    #[error("Rattachez le service à au moins une famille de freins.")]
    AucuneFamille,
    #[error("La famille de freins « {0} » n'existe pas dans le référentiel.")]
    FamilleInconnue(String),
    #[error("Le besoin « {besoin} » n'appartient pas à la famille « {famille} ».")]
    BesoinInconnu { famille: String, besoin: String },
    #[error("Le public « {0} » n'existe pas ; codes possibles : voir le modèle CSV.")]
    PublicInconnu(String),
    #[error("« tous-publics » s'emploie seul.")]
    TousPublicsPasSeul,
    #[error("Code postal : {0}")]
    CodePostal(String),
    #[error("La commune {0} n'est pas dans le référentiel des communes.")]
    CommuneInconnue(String),
    #[error("Le code postal {code_postal} ne correspond pas à la commune {commune}.")]
    CodePostalCommune {
        code_postal: String,
        commune: String,
    },
    #[error("Courriel : {0}")]
    Courriel(String),
    #[error("Le site doit commencer par http:// ou https://.")]
    Site,
    #[error("Les coordonnées ({0}, {1}) sont hors de la France.")]
    Coordonnees(f64, f64),
    #[error("La latitude et la longitude vont ensemble : indiquez les deux ou aucune.")]
    CoordonneeSeule,
    #[error("L'identifiant à la source est vide.")]
    SourceIdManquant,
}

/// Les référentiels nécessaires pour vérifier une ressource.
#[derive(Clone, Copy)]
pub struct Contexte<'a> {
    pub freins: &'a Freins,
    pub territoire: &'a Referentiel,
}

impl Ressource {
    /// Vérifie la fiche et la complète : coordonnées du centre de la commune quand la
    /// source n'en donne pas, commune déduite d'un code postal sans ambiguïté.
    pub fn verifier(&mut self, ctx: Contexte) -> Result<(), ErreurRessource> {
        self.nom = self.nom.trim().to_string();
        self.structure = self.structure.trim().to_string();
        self.description = self.description.trim().to_string();
        let n = self.nom.chars().count();
        if !(3..=150).contains(&n) {
            return Err(ErreurRessource::Nom(n));
        }
        if self.structure.is_empty() {
            return Err(ErreurRessource::StructureManquante);
        }
        if self.description.chars().count() < 5 {
            return Err(ErreurRessource::DescriptionManquante);
        }
        if self.source_id.trim().is_empty() {
            return Err(ErreurRessource::SourceIdManquant);
        }
        if self.cibles.is_empty() {
            return Err(ErreurRessource::AucuneFamille);
        }
        for c in &self.cibles {
            let f = ctx
                .freins
                .famille(&c.famille)
                .ok_or_else(|| ErreurRessource::FamilleInconnue(c.famille.clone()))?;
            if !c.besoin.is_empty() && !f.besoins.iter().any(|b| b.code == c.besoin) {
                return Err(ErreurRessource::BesoinInconnu {
                    famille: c.famille.clone(),
                    besoin: c.besoin.clone(),
                });
            }
        }
        self.cibles.sort();
        self.cibles.dedup();
        for p in &self.publics {
            if referentiels::public(p).is_none() {
                return Err(ErreurRessource::PublicInconnu(p.clone()));
            }
        }
        if self.publics.len() > 1 && self.publics.iter().any(|p| p == "tous-publics") {
            return Err(ErreurRessource::TousPublicsPasSeul);
        }
        self.code_postal = self.code_postal.trim().to_string();
        if !self.code_postal.is_empty() {
            CodePostal::parse(&self.code_postal)
                .map_err(|e| ErreurRessource::CodePostal(e.to_string()))?;
        }
        self.commune = self.commune.trim().to_string();
        if self.commune.is_empty() && !self.code_postal.is_empty() {
            if let [c] = ctx.territoire.communes_du_code_postal(&self.code_postal)[..] {
                self.commune = c.insee.to_string();
            }
        }
        if !self.commune.is_empty() {
            // Une commune hors du référentiel (autre département) reste acceptée si la
            // source donne ses coordonnées.
            match ctx.territoire.commune(&self.commune) {
                Some(c) => {
                    if !self.code_postal.is_empty()
                        && !c.codes_postaux.iter().any(|cp| *cp == self.code_postal)
                    {
                        return Err(ErreurRessource::CodePostalCommune {
                            code_postal: self.code_postal.clone(),
                            commune: c.nom.to_string(),
                        });
                    }
                    if self.latitude.is_none() && self.longitude.is_none() {
                        self.latitude = Some(c.latitude);
                        self.longitude = Some(c.longitude);
                    }
                }
                None if self.latitude.is_none() => {
                    return Err(ErreurRessource::CommuneInconnue(self.commune.clone()))
                }
                None => {}
            }
        }
        match (self.latitude, self.longitude) {
            (Some(la), Some(lo)) => {
                // Métropole et outre-mer : une boîte large, pour écarter les inversions.
                if !(-22.0..=52.0).contains(&la) || !(-64.0..=56.0).contains(&lo) {
                    return Err(ErreurRessource::Coordonnees(la, lo));
                }
            }
            (None, None) => {}
            _ => return Err(ErreurRessource::CoordonneeSeule),
        }
        self.courriel = self.courriel.trim().to_string();
        if !self.courriel.is_empty() {
            Courriel::parse(&self.courriel)
                .map_err(|e| ErreurRessource::Courriel(e.to_string()))?;
        }
        self.site = self.site.trim().to_string();
        let web = self.site.starts_with("http://") || self.site.starts_with("https://");
        if !self.site.is_empty() && !web {
            return Err(ErreurRessource::Site);
        }
        Ok(())
    }

    /// Nom de la commune, si elle est connue du référentiel.
    pub fn nom_commune<'a>(&'a self, territoire: &'a Referentiel) -> &'a str {
        territoire
            .commune(&self.commune)
            .map(|c| c.nom.as_str())
            .unwrap_or(&self.commune)
    }

    /// Les coordonnées, en un bloc de texte à coller dans un courrier ou un courriel.
    pub fn coordonnees_texte(&self, territoire: &Referentiel) -> String {
        let mut l = vec![format!("{} — {}", self.nom, self.structure)];
        if !self.adresse.is_empty() {
            l.push(self.adresse.clone());
        }
        let ville = format!("{} {}", self.code_postal, self.nom_commune(territoire));
        if !ville.trim().is_empty() {
            l.push(ville.trim().to_string());
        }
        if !self.telephone.is_empty() {
            l.push(format!("Tél. : {}", self.telephone));
        }
        if !self.courriel.is_empty() {
            l.push(format!("Courriel : {}", self.courriel));
        }
        if !self.site.is_empty() {
            l.push(format!("Site : {}", self.site));
        }
        l.join("\n")
    }

    /// Ce à quoi la ressource répond, en clair : le besoin, ou la famille entière.
    pub fn libelles_cibles(&self, freins: &Freins) -> Vec<String> {
        self.cibles
            .iter()
            .map(|c| match freins.besoin(&c.besoin) {
                Some((_, b)) => b.libelle.clone(),
                None => freins
                    .famille(&c.famille)
                    .map_or_else(|| c.famille.clone(), |f| f.libelle.clone()),
            })
            .collect()
    }

    /// Les publics en clair, puis les précisions.
    pub fn libelles_publics(&self) -> Vec<String> {
        let mut l: Vec<String> = self
            .publics
            .iter()
            .filter_map(|p| referentiels::public(p).map(String::from))
            .collect();
        if !self.public.is_empty() {
            l.push(self.public.clone());
        }
        l
    }

    /// Le texte du public indexé pour la recherche plein texte.
    pub fn texte_public(&self) -> String {
        self.libelles_publics().join(" ")
    }
}
