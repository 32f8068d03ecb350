//! Les deux professionnels du binôme : conseiller dédié et référent social.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::identifiants::{CodeInsee, Courriel, Telephone};
use super::personne::{Civilite, ErreurChamp};

/// Le côté du binôme. La réciprocité veut que chacun puisse prendre l'initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Conseiller,
    Referent,
}

impl Role {
    pub fn libelle(self) -> &'static str {
        match self {
            Role::Conseiller => "conseiller dédié",
            Role::Referent => "référent social",
        }
    }

    pub fn autre(self) -> Role {
        match self {
            Role::Conseiller => Role::Referent,
            Role::Referent => Role::Conseiller,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Conseiller => "conseiller",
            Role::Referent => "referent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GenreStructure {
    PoleInsertion,
    Mds,
    Partenaire,
    /// Une mission locale : ses professionnels suivent les jeunes en cotraitance.
    MissionLocale,
}

impl GenreStructure {
    pub fn libelle(self) -> &'static str {
        match self {
            GenreStructure::PoleInsertion => "pôle d'insertion",
            GenreStructure::Mds => "maison de la solidarité",
            GenreStructure::Partenaire => "structure partenaire",
            GenreStructure::MissionLocale => "mission locale",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Affectation {
    /// Conseiller dédié : son agence et son périmètre géographique d'intervention.
    Agence {
        agence: String,
        perimetre: Vec<CodeInsee>,
    },
    /// Référent social : la structure qui l'emploie.
    Structure {
        genre: GenreStructure,
        code: String,
        nom: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Professionnel {
    pub id: Uuid,
    pub civilite: Civilite,
    pub nom: String,
    pub prenom: String,
    pub telephone: Option<Telephone>,
    pub courriel: Option<Courriel>,
    pub affectation: Affectation,
    /// Profil sur la base de ressources partenariales.
    #[serde(default)]
    pub habilitation: crate::domain::ressources::Habilitation,
}

impl Professionnel {
    pub fn role(&self) -> Role {
        match self.affectation {
            Affectation::Agence { .. } => Role::Conseiller,
            Affectation::Structure { .. } => Role::Referent,
        }
    }

    /// Ce qu'il fait, en clair : conseiller dédié, référent social, ou mission locale.
    pub fn fonction(&self) -> &'static str {
        match self.mission_locale() {
            Some(_) => "mission locale",
            None => self.role().libelle(),
        }
    }

    /// Le code de sa mission locale, s'il y travaille (cotraitance des jeunes).
    pub fn mission_locale(&self) -> Option<&str> {
        match &self.affectation {
            Affectation::Structure {
                genre: GenreStructure::MissionLocale,
                code,
                ..
            } => Some(code),
            _ => None,
        }
    }

    /// « Léa DUPONT ».
    pub fn nom_affiche(&self) -> String {
        format!("{} {}", self.prenom, self.nom.to_uppercase())
    }

    pub fn membre(&self) -> Membre {
        Membre {
            id: self.id,
            role: self.role(),
            nom: self.nom_affiche(),
            perimetre: match &self.affectation {
                Affectation::Agence { perimetre, .. } => perimetre.clone(),
                Affectation::Structure { .. } => Vec::new(),
            },
        }
    }

    pub fn verifier(&self) -> Result<(), Vec<ErreurChamp>> {
        let mut erreurs = Vec::new();
        if self.nom.trim().is_empty() {
            erreurs.push(ErreurChamp::new("nom", "Le nom est obligatoire."));
        }
        if self.prenom.trim().is_empty() {
            erreurs.push(ErreurChamp::new("prenom", "Le prénom est obligatoire."));
        }
        match &self.affectation {
            Affectation::Agence { agence, .. } if agence.trim().is_empty() => erreurs.push(
                ErreurChamp::new("agence", "Choisissez l'agence du conseiller dédié."),
            ),
            Affectation::Structure { code, .. } if code.trim().is_empty() => erreurs.push(
                ErreurChamp::new("structure", "Choisissez la structure du référent social."),
            ),
            _ => {}
        }
        if erreurs.is_empty() {
            Ok(())
        } else {
            Err(erreurs)
        }
    }
}

/// Ce que le dossier retient d'un membre du binôme au moment de son affectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membre {
    pub id: Uuid,
    pub role: Role,
    pub nom: String,
    /// Vide pour un référent ou pour un conseiller sans périmètre déclaré.
    pub perimetre: Vec<CodeInsee>,
}

/// Le journal garde aussi l'annuaire des professionnels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "donnees")]
pub enum EvenementProfessionnel {
    ProfessionnelEnregistre(Professionnel),
}

/// Un professionnel tel qu'on le saisit (fenêtre ou ligne de commande), avant vérification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheProfessionnel {
    pub civilite: Option<Civilite>,
    pub nom: String,
    pub prenom: String,
    pub role: Option<Role>,
    /// Le code de l'agence (conseiller), du pôle d'insertion ou de la MDS (référent), au
    /// référentiel ; vide pour une structure partenaire.
    pub structure: String,
    /// Le nom d'une structure partenaire hors référentiel (référent seulement).
    pub partenaire: String,
    /// Conseiller : les communes de son périmètre (noms ou codes INSEE, séparés par des
    /// virgules) ; vide : toutes celles de son agence.
    pub perimetre: String,
    pub telephone: String,
    pub courriel: String,
}

impl FicheProfessionnel {
    /// La fiche d'un professionnel existant, pour la modifier.
    pub fn de(p: &Professionnel) -> FicheProfessionnel {
        let (structure, partenaire, perimetre) = match &p.affectation {
            Affectation::Agence { agence, perimetre } => (
                agence.clone(),
                String::new(),
                perimetre
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Affectation::Structure {
                genre: GenreStructure::Partenaire,
                nom,
                ..
            } => (String::new(), nom.clone(), String::new()),
            Affectation::Structure { code, .. } => (code.clone(), String::new(), String::new()),
        };
        FicheProfessionnel {
            civilite: Some(p.civilite),
            nom: p.nom.clone(),
            prenom: p.prenom.clone(),
            role: Some(p.role()),
            structure,
            partenaire,
            perimetre,
            telephone: p
                .telephone
                .as_ref()
                .map(|t| t.affichage())
                .unwrap_or_default(),
            courriel: p
                .courriel
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
        }
    }

    /// Le professionnel vérifié, champ par champ ; `id` : le sien s'il existe déjà.
    pub fn professionnel(
        &self,
        id: Uuid,
        habilitation: crate::domain::ressources::Habilitation,
        referentiel: &super::structures::Referentiel,
    ) -> Result<Professionnel, Vec<ErreurChamp>> {
        let mut erreurs = Vec::new();
        let mut noter = |champ: &str, m: String| erreurs.push(ErreurChamp::new(champ, m));
        if self.civilite.is_none() {
            noter("civilite", "Choisissez Madame ou Monsieur.".into());
        }
        let structures = &referentiel.structures;
        let code = self.structure.trim();
        let affectation = match self.role {
            None => {
                noter(
                    "role",
                    "Indiquez s'il s'agit d'un conseiller dédié ou d'un référent social.".into(),
                );
                None
            }
            Some(Role::Conseiller) => match structures.agence(code) {
                None => {
                    noter(
                        "structure",
                        "Choisissez l'agence du conseiller dédié.".into(),
                    );
                    None
                }
                Some(a) => {
                    let mut perimetre = Vec::new();
                    for morceau in self.perimetre.split([',', ';']).map(str::trim) {
                        if morceau.is_empty() {
                            continue;
                        }
                        match referentiel
                            .commune_saisie(morceau, "")
                            .and_then(|c| CodeInsee::parse(&c.insee).ok())
                        {
                            Some(c) => perimetre.push(c),
                            None => noter(
                                "perimetre",
                                format!("« {morceau} » n'est pas une commune connue : son nom exact ou son code INSEE."),
                            ),
                        }
                    }
                    if perimetre.is_empty() {
                        perimetre = a
                            .communes
                            .iter()
                            .filter_map(|c| CodeInsee::parse(c).ok())
                            .collect();
                    }
                    Some(Affectation::Agence {
                        agence: a.code.clone(),
                        perimetre,
                    })
                }
            },
            Some(Role::Referent) => {
                let du_referentiel = structures
                    .poles_insertion
                    .iter()
                    .map(|t| (t, GenreStructure::PoleInsertion))
                    .chain(structures.mds.iter().map(|t| (t, GenreStructure::Mds)))
                    .find(|(t, _)| t.code == code);
                let partenaire = self.partenaire.trim();
                match (du_referentiel, partenaire.is_empty()) {
                    (Some((t, genre)), _) => Some(Affectation::Structure {
                        genre,
                        code: t.code.clone(),
                        nom: t.nom.clone(),
                    }),
                    (None, false) => Some(Affectation::Structure {
                        genre: GenreStructure::Partenaire,
                        code: format!(
                            "PART-{}",
                            super::texte::normaliser(partenaire)
                                .replace(' ', "-")
                                .to_uppercase()
                        ),
                        nom: partenaire.to_string(),
                    }),
                    (None, true) => {
                        noter(
                            "structure",
                            "Choisissez le pôle d'insertion ou la MDS, ou nommez la structure partenaire.".into(),
                        );
                        None
                    }
                }
            }
        };
        let facultatif = |v: &str| !v.trim().is_empty();
        let telephone = if facultatif(&self.telephone) {
            Telephone::parse(&self.telephone)
                .map_err(|e| noter("telephone", e.to_string()))
                .ok()
        } else {
            None
        };
        let courriel = if facultatif(&self.courriel) {
            Courriel::parse(&self.courriel)
                .map_err(|e| noter("courriel", e.to_string()))
                .ok()
        } else {
            None
        };
        let (Some(civilite), Some(affectation)) = (self.civilite, affectation) else {
            return Err(erreurs);
        };
        let p = Professionnel {
            id,
            civilite,
            nom: self.nom.trim().to_string(),
            prenom: self.prenom.trim().to_string(),
            telephone,
            courriel,
            affectation,
            habilitation,
        };
        if let Err(mut e) = p.verifier() {
            erreurs.append(&mut e);
        }
        if erreurs.is_empty() {
            Ok(p)
        } else {
            Err(erreurs)
        }
    }
}

impl Professionnel {
    /// Un autre professionnel de l'annuaire du même nom, du même rôle et de la même
    /// structure : sans doute le même, saisi deux fois.
    pub fn doublon<'a>(&self, annuaire: &'a [Professionnel]) -> Option<&'a Professionnel> {
        let cle = |p: &Professionnel| {
            (
                super::texte::normaliser(&p.nom_affiche()),
                p.role(),
                match &p.affectation {
                    Affectation::Agence { agence, .. } => agence.clone(),
                    Affectation::Structure { code, .. } => code.clone(),
                },
            )
        };
        let moi = cle(self);
        annuaire.iter().find(|p| p.id != self.id && cle(p) == moi)
    }

    /// Téléphone et courriel, ceux qui sont connus.
    pub fn coordonnees(&self) -> Vec<String> {
        [
            self.telephone.as_ref().map(|t| t.affichage()),
            self.courriel.as_ref().map(|c| c.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// La structure, en mots, pour la montrer à côté du nom.
    pub fn structure(&self, referentiel: &super::structures::Referentiel) -> String {
        match &self.affectation {
            Affectation::Agence { agence, .. } => referentiel
                .structures
                .nom(agence)
                .unwrap_or(agence)
                .to_string(),
            Affectation::Structure { nom, .. } => nom.clone(),
        }
    }
}
