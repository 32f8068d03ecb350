//! La saisie de l'identité d'une personne, telle qu'un formulaire (ou une ligne de tableau
//! importée) la donne : des textes. `verifier` en fait une [`Personne`] ou dit, champ par
//! champ, ce qui ne va pas ; le formulaire et l'import suivent ainsi les mêmes règles.

use serde::{Deserialize, Serialize};

use super::date::{lire_date, Jour};
use super::identifiants::{
    CodeInsee, CodePostal, Courriel, IdentifiantFt, Nir, NumeroCaf, Telephone,
};
use super::personne::{Civilite, ErreurChamp, Personne};
use super::professionnel::Role;
use super::structures::Referentiel;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SaisiePersonne {
    pub civilite: Option<Civilite>,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: String,
    pub identifiant_ft: String,
    pub nir: String,
    pub caf: String,
    pub adresse: String,
    pub code_postal: String,
    pub commune: String,
    pub telephone: String,
    pub courriel: String,
    pub brsa: bool,
    pub enfant_mineur: bool,
    pub agence: Option<String>,
    pub initiative: Option<Role>,
    /// Le partenaire qui a prescrit le diagnostic, s'il y en a un.
    #[serde(default)]
    pub prescripteur: String,
    pub date_ouverture: String,
}

/// L'agence choisie, sinon celle qui couvre la commune de résidence.
pub fn agence_retenue(
    s: &SaisiePersonne,
    commune: Option<&CodeInsee>,
    referentiel: &Referentiel,
) -> Option<String> {
    s.agence.clone().or_else(|| {
        commune
            .and_then(|c| referentiel.structures.agence_de(c.as_str()))
            .map(|a| a.code.clone())
    })
}

/// Toute la saisie vérifiée d'un coup : chaque champ en erreur a son message.
pub fn verifier(
    s: &SaisiePersonne,
    referentiel: &Referentiel,
    aujourdhui: Jour,
) -> Result<(Personne, Jour), Vec<ErreurChamp>> {
    let mut erreurs = Vec::new();
    let mut noter = |champ: &str, m: String| erreurs.push(ErreurChamp::new(champ, m));
    let civilite = s.civilite;
    if civilite.is_none() {
        noter("civilite", "Choisissez Madame ou Monsieur.".into());
    }
    // Chaque champ obligatoire est dit d'un coup, pas après les autres.
    if s.nom.trim().is_empty() {
        noter("nom", "Le nom est obligatoire.".into());
    }
    if s.prenom.trim().is_empty() {
        noter("prenom", "Le prénom est obligatoire.".into());
    }
    let naissance = lire_date(&s.date_naissance)
        .map_err(|e| noter("date_naissance", e.to_string()))
        .ok();
    let ouverture = lire_date(&s.date_ouverture)
        .map_err(|e| noter("date_ouverture", e.to_string()))
        .ok();
    let identifiant = IdentifiantFt::parse(&s.identifiant_ft)
        .map_err(|e| noter("identifiant_ft", e.to_string()))
        .ok();
    let facultatif = |v: &str| !v.trim().is_empty();
    let nir = if facultatif(&s.nir) {
        Nir::parse(&s.nir)
            .map_err(|e| noter("nir", e.to_string()))
            .ok()
    } else {
        None
    };
    let caf = if facultatif(&s.caf) {
        NumeroCaf::parse(&s.caf)
            .map_err(|e| noter("caf", e.to_string()))
            .ok()
    } else {
        None
    };
    let code_postal = if facultatif(&s.code_postal) {
        match CodePostal::parse(&s.code_postal) {
            Ok(cp) if referentiel.communes_du_code_postal(cp.as_str()).is_empty() => {
                noter(
                    "code_postal",
                    format!("Le code postal {cp} ne correspond à aucune commune du référentiel."),
                );
                None
            }
            Ok(cp) => Some(cp),
            Err(e) => {
                noter("code_postal", e.to_string());
                None
            }
        }
    } else {
        None
    };
    let telephone = if facultatif(&s.telephone) {
        Telephone::parse(&s.telephone)
            .map_err(|e| noter("telephone", e.to_string()))
            .ok()
    } else {
        None
    };
    let courriel = if facultatif(&s.courriel) {
        Courriel::parse(&s.courriel)
            .map_err(|e| noter("courriel", e.to_string()))
            .ok()
    } else {
        None
    };
    let commune = referentiel
        .commune_saisie(&s.commune, &s.code_postal)
        .and_then(|c| CodeInsee::parse(&c.insee).ok());
    // Une commune connue, mais pas à ce code postal : c'est le code postal qui est faux.
    let sans_cp = referentiel
        .commune_saisie(&s.commune, "")
        .filter(|_| commune.is_none() && code_postal.is_some());
    if let Some(c) = sans_cp {
        noter(
            "code_postal",
            format!(
                "Le code postal {} ne correspond pas à {} ({}).",
                s.code_postal.trim(),
                c.nom,
                c.codes_postaux.join(", ")
            ),
        );
    } else if commune.is_none() {
        noter(
            "commune",
            if s.commune.trim().is_empty() {
                "La commune de résidence est obligatoire (nom ou code INSEE).".into()
            } else {
                format!("« {} » n'est pas une commune connue : saisissez son nom exact ou son code INSEE (ex. 13004 pour Arles).", s.commune.trim())
            },
        );
    }
    let agence = agence_retenue(s, commune.as_ref(), referentiel);
    if agence.is_none() {
        noter(
            "agence",
            "Choisissez l'agence France Travail de rattachement.".into(),
        );
    }
    let (
        Some(civilite),
        Some(naissance),
        Some(ouverture),
        Some(identifiant),
        Some(commune),
        Some(agence),
    ) = (civilite, naissance, ouverture, identifiant, commune, agence)
    else {
        return Err(erreurs);
    };
    if !erreurs.is_empty() {
        return Err(erreurs);
    }
    let personne = Personne {
        civilite,
        nom: s.nom.trim().to_string(),
        prenom: s.prenom.trim().to_string(),
        date_naissance: naissance,
        identifiant_ft: identifiant,
        nir,
        caf,
        adresse: s.adresse.trim().to_string(),
        code_postal,
        commune,
        telephone,
        courriel,
        brsa: s.brsa,
        enfant_mineur: s.enfant_mineur,
        agence,
    };
    personne.verifier(aujourdhui)?;
    Ok((personne, ouverture))
}
