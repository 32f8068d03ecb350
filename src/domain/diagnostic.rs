//! Le diagnostic partagé : pour chaque besoin abordé, la situation et l'objectif.
//! Les diagnostics successifs sont tous gardés pour montrer l'évolution des freins.

use serde::{Deserialize, Serialize};

use super::date::Jour;
use super::professionnel::Role;

/// Situation d'un besoin (codes France Travail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Situation {
    NonAbordee,
    Oui,
    Non,
}

impl Situation {
    pub fn libelle(self) -> &'static str {
        match self {
            Situation::NonAbordee => "non abordée",
            Situation::Oui => "frein présent",
            Situation::Non => "pas de frein",
        }
    }
}

/// Objectif sur un besoin (codes France Travail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Objectif {
    NonAborde,
    EnCours,
    Realise,
    Abandonne,
}

impl Objectif {
    pub fn libelle(self) -> &'static str {
        match self {
            Objectif::NonAborde => "non abordé",
            Objectif::EnCours => "en cours",
            Objectif::Realise => "réalisé",
            Objectif::Abandonne => "abandonné",
        }
    }
}

/// Volet du diagnostic partagé ; chacun est porté par un côté du binôme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Volet {
    Emploi,
    Social,
}

impl Volet {
    pub fn libelle(self) -> &'static str {
        match self {
            Volet::Emploi => "volet emploi",
            Volet::Social => "volet social",
        }
    }

    pub fn porteur(self) -> Role {
        match self {
            Volet::Emploi => Role::Conseiller,
            Volet::Social => Role::Referent,
        }
    }

    pub fn de(role: Role) -> Volet {
        match role {
            Role::Conseiller => Volet::Emploi,
            Role::Referent => Volet::Social,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Code du besoin dans le référentiel des freins.
    pub besoin: String,
    pub situation: Situation,
    pub objectif: Objectif,
    #[serde(default)]
    pub commentaire: String,
    /// Information du côté social que la personne n'a pas accepté de partager.
    #[serde(default)]
    pub confidentiel: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub volet: Volet,
    pub date: Jour,
    pub synthese: String,
    pub evaluations: Vec<Evaluation>,
}

/// « frein présent, en cours », ou « — » quand le besoin n'était pas évalué.
pub fn libelle_etat(etat: Option<(Situation, Objectif)>) -> String {
    etat.map_or("—".to_string(), |(s, o)| {
        format!("{}, {}", s.libelle(), o.libelle())
    })
}

/// Comment un besoin a évolué entre deux diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvolutionBesoin {
    pub besoin: String,
    pub avant: Option<(Situation, Objectif)>,
    pub apres: Option<(Situation, Objectif)>,
}

/// Évolution de chaque besoin abordé dans l'un ou l'autre diagnostic, dans l'ordre où
/// les besoins apparaissent.
pub fn evolution(avant: &Diagnostic, apres: &Diagnostic) -> Vec<EvolutionBesoin> {
    let mut besoins: Vec<&str> = Vec::new();
    for e in avant.evaluations.iter().chain(&apres.evaluations) {
        if !besoins.contains(&e.besoin.as_str()) {
            besoins.push(&e.besoin);
        }
    }
    let trouver = |d: &Diagnostic, b: &str| {
        d.evaluations
            .iter()
            .find(|e| e.besoin == b)
            .map(|e| (e.situation, e.objectif))
    };
    besoins
        .into_iter()
        .map(|b| EvolutionBesoin {
            besoin: b.to_string(),
            avant: trouver(avant, b),
            apres: trouver(apres, b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(besoin: &str, s: Situation, o: Objectif) -> Evaluation {
        Evaluation {
            besoin: besoin.into(),
            situation: s,
            objectif: o,
            commentaire: String::new(),
            confidentiel: false,
        }
    }

    #[test]
    fn l_evolution_compare_chaque_besoin() {
        let d = |evals| Diagnostic {
            volet: Volet::Social,
            date: Jour::from_ymd_opt(2026, 1, 5).unwrap(),
            synthese: String::new(),
            evaluations: evals,
        };
        let avant = d(vec![
            eval("permis", Situation::Oui, Objectif::EnCours),
            eval("trouver-logement", Situation::Oui, Objectif::NonAborde),
        ]);
        let apres = d(vec![
            eval("permis", Situation::Non, Objectif::Realise),
            eval("garde-enfant", Situation::Oui, Objectif::EnCours),
        ]);
        let ev = evolution(&avant, &apres);
        assert_eq!(ev.len(), 3);
        assert_eq!(ev[0].besoin, "permis");
        assert_eq!(ev[0].avant, Some((Situation::Oui, Objectif::EnCours)));
        assert_eq!(ev[0].apres, Some((Situation::Non, Objectif::Realise)));
        assert_eq!(ev[1].apres, None);
        assert_eq!(ev[2].avant, None);
    }

    #[test]
    fn les_codes_france_travail_sont_serialises_tels_quels() {
        let json =
            serde_json::to_string(&eval("permis", Situation::NonAbordee, Objectif::NonAborde))
                .unwrap();
        assert!(
            json.contains("\"NON_ABORDEE\"") && json.contains("\"NON_ABORDE\""),
            "{json}"
        );
    }
}
