//! Référentiels data·inclusion embarqués : publics et correspondance des thématiques avec
//! les familles de freins (voir `assets/referentiels/SOURCES.md`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Cible;

const THEMATIQUES_CSV: &str = include_str!("../../../assets/referentiels/thematiques.csv");
const PUBLICS_CSV: &str = include_str!("../../../assets/referentiels/publics.csv");

fn publics() -> &'static [(String, String)] {
    static P: OnceLock<Vec<(String, String)>> = OnceLock::new();
    P.get_or_init(|| {
        PUBLICS_CSV
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(';'))
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect()
    })
}

/// Les publics, dans l'ordre du référentiel : (code, libellé).
pub fn liste_publics() -> impl Iterator<Item = (&'static str, &'static str)> {
    publics().iter().map(|(c, l)| (c.as_str(), l.as_str()))
}

pub fn public(code: &str) -> Option<&'static str> {
    publics()
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, l)| l.as_str())
}

fn thematiques() -> &'static HashMap<String, Cible> {
    static T: OnceLock<HashMap<String, Cible>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = HashMap::new();
        for l in THEMATIQUES_CSV.lines().skip(1) {
            let c: Vec<&str> = l.split(';').collect();
            if let [_, thematique, _, famille, besoin, ..] = c[..] {
                // v1 d'abord : une valeur présente dans les deux versions garde la v1.
                t.entry(thematique.to_string()).or_insert(Cible {
                    famille: famille.to_string(),
                    besoin: besoin.to_string(),
                });
            }
        }
        t
    })
}

/// La cible d'une thématique data·inclusion (v1 ou v0). Une sous-thématique inconnue
/// retombe sur sa racine ; `None` : hors des 7 familles (emploi, formation…) ou inconnue.
pub fn cible_de_thematique(thematique: &str) -> Option<Cible> {
    let t = thematiques();
    let v = thematique.trim();
    t.get(v)
        .or_else(|| v.split_once("--").and_then(|(racine, _)| t.get(racine)))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thematiques_connues_et_racines() {
        let c = cible_de_thematique("logement-hebergement--se-maintenir-dans-le-logement");
        assert_eq!(
            c,
            Some(Cible {
                famille: "se-loger".into(),
                besoin: "maintien-logement".into()
            })
        );
        // Sous-thématique inconnue : la racine.
        let c = cible_de_thematique("mobilite--teleporteur").unwrap();
        assert_eq!((c.famille.as_str(), c.besoin.as_str()), ("se-deplacer", ""));
        assert_eq!(
            cible_de_thematique("choisir-un-metier--confirmer-son-choix-de-metier"),
            None
        );
        assert_eq!(public("jeunes"), Some("Jeunes"));
        assert_eq!(liste_publics().count(), 14);
    }
}
