//! La charge d'un conseiller dédié (article 1.4 de la convention) : chacun « prend en charge
//! un portefeuille de 70 à 100 demandeurs d'emploi (entrées/sorties permanentes) ».

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::domain::dossier::Etape;
use crate::domain::echeances::Resume;

/// Le repère de l'article 1.4, en personnes en accompagnement global.
pub const REPERE: (usize, usize) = (70, 100);

/// Les accompagnements globaux en cours de chaque conseiller dédié.
pub fn actifs_par_conseiller(resumes: &[Resume]) -> BTreeMap<Uuid, usize> {
    let mut n = BTreeMap::new();
    for r in resumes.iter().filter(|r| r.etape == Etape::Accompagnement) {
        if let Some(c) = r.conseiller_id {
            *n.entry(c).or_insert(0) += 1;
        }
    }
    n
}

/// Ce que dit le repère d'un portefeuille de `n` personnes accompagnées.
pub fn situer(n: usize) -> &'static str {
    match n {
        n if n < REPERE.0 => "en deçà du repère de 70 à 100",
        n if n <= REPERE.1 => "dans le repère de 70 à 100",
        _ => "au-delà du repère de 70 à 100",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn le_repere_de_l_article_1_4() {
        assert_eq!(situer(69), "en deçà du repère de 70 à 100");
        assert_eq!(situer(70), "dans le repère de 70 à 100");
        assert_eq!(situer(100), "dans le repère de 70 à 100");
        assert_eq!(situer(101), "au-delà du repère de 70 à 100");
    }
}
