//! La personne accompagnée (demandeur d'emploi).

use serde::{Deserialize, Serialize};

use super::date::{date_fr, Jour};
use super::identifiants::{
    CodeInsee, CodePostal, Courriel, IdentifiantFt, Nir, NumeroCaf, Telephone,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Civilite {
    Madame,
    Monsieur,
}

impl Civilite {
    pub fn abreviation(self) -> &'static str {
        match self {
            Civilite::Madame => "Mme",
            Civilite::Monsieur => "M.",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Personne {
    pub civilite: Civilite,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: Jour,
    pub identifiant_ft: IdentifiantFt,
    /// Sensible : saisi seulement quand il est nécessaire, jamais imprimé en entier.
    pub nir: Option<Nir>,
    pub caf: Option<NumeroCaf>,
    pub adresse: String,
    pub code_postal: Option<CodePostal>,
    pub commune: CodeInsee,
    pub telephone: Option<Telephone>,
    pub courriel: Option<Courriel>,
    pub brsa: bool,
    pub enfant_mineur: bool,
    /// Code de l'agence Pôle emploi de rattachement.
    pub agence: String,
}

/// Un problème sur un champ du formulaire d'identité, affiché sous ce champ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErreurChamp {
    pub champ: String,
    pub message: String,
}

impl ErreurChamp {
    pub fn new(champ: &str, message: impl Into<String>) -> Self {
        ErreurChamp {
            champ: champ.to_string(),
            message: message.into(),
        }
    }
}

impl Personne {
    /// Ce qui diffère de `apres`, en mots, pour la chronologie. Les identifiants sensibles
    /// (NIR, CAF) y sont nommés sans leur valeur.
    pub fn changements(&self, apres: &Personne) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let mut si = |change: bool, quoi: &str| {
            if change {
                v.push(quoi.to_string());
            }
        };
        si(self.civilite != apres.civilite, "civilité");
        si(self.nom != apres.nom, "nom");
        si(self.prenom != apres.prenom, "prénom");
        si(
            self.date_naissance != apres.date_naissance,
            "date de naissance",
        );
        si(
            self.identifiant_ft != apres.identifiant_ft,
            "identifiant France Travail",
        );
        si(self.nir != apres.nir, "NIR");
        si(self.caf != apres.caf, "numéro CAF");
        si(
            self.adresse != apres.adresse || self.code_postal != apres.code_postal,
            "adresse",
        );
        si(self.commune != apres.commune, "commune de résidence");
        si(self.telephone != apres.telephone, "téléphone");
        si(self.courriel != apres.courriel, "courriel");
        if self.brsa != apres.brsa {
            v.push(if apres.brsa {
                "devient bénéficiaire du RSA".into()
            } else {
                "ne perçoit plus le RSA".into()
            });
        }
        if self.enfant_mineur != apres.enfant_mineur {
            v.push(if apres.enfant_mineur {
                "a un enfant mineur à charge".into()
            } else {
                "n'a plus d'enfant mineur à charge".into()
            });
        }
        v
    }

    /// « DUPONT Léa » : le nom d'usage en capitales, comme dans les portefeuilles.
    pub fn nom_complet(&self) -> String {
        format!("{} {}", self.nom.to_uppercase(), self.prenom)
    }

    pub fn age(&self, aujourdhui: Jour) -> i32 {
        aujourdhui
            .years_since(self.date_naissance)
            .map_or(0, |a| a as i32)
    }

    /// Vérifie ce que les types ne garantissent pas déjà (les identifiants sont validés à
    /// leur construction).
    pub fn verifier(&self, aujourdhui: Jour) -> Result<(), Vec<ErreurChamp>> {
        let mut erreurs = Vec::new();
        if self.nom.trim().is_empty() {
            erreurs.push(ErreurChamp::new("nom", "Le nom est obligatoire."));
        }
        if self.prenom.trim().is_empty() {
            erreurs.push(ErreurChamp::new("prenom", "Le prénom est obligatoire."));
        }
        if self.agence.trim().is_empty() {
            erreurs.push(ErreurChamp::new(
                "agence",
                "Choisissez l'agence France Travail de rattachement.",
            ));
        }
        if self.date_naissance > aujourdhui {
            erreurs.push(ErreurChamp::new(
                "date_naissance",
                format!(
                    "La date de naissance ({}) est dans le futur.",
                    date_fr(self.date_naissance)
                ),
            ));
        } else {
            let age = self.age(aujourdhui);
            if age < 16 {
                erreurs.push(ErreurChamp::new(
                    "date_naissance",
                    format!("La personne a {age} ans : l'inscription comme demandeur d'emploi suppose au moins 16 ans."),
                ));
            } else if age > 100 {
                erreurs.push(ErreurChamp::new(
                    "date_naissance",
                    format!("La personne aurait {age} ans : vérifiez l'année de naissance."),
                ));
            }
        }
        if let (Some(nir), Civilite::Madame | Civilite::Monsieur) = (&self.nir, self.civilite) {
            let attendu = match self.civilite {
                Civilite::Monsieur => ['1', '7'],
                Civilite::Madame => ['2', '8'],
            };
            if !attendu.contains(&nir.sexe()) {
                erreurs.push(ErreurChamp::new(
                    "nir",
                    "Le premier chiffre du NIR (sexe) ne correspond pas à la civilité saisie.",
                ));
            }
        }
        if erreurs.is_empty() {
            Ok(())
        } else {
            Err(erreurs)
        }
    }
}
