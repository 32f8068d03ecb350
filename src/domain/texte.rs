//! Recherche tolérante : sans accents ni majuscules, comme les gens tapent.

/// « Élodie Lefèvre » → « elodie lefevre ».
pub fn normaliser(texte: &str) -> String {
    let mut s = String::with_capacity(texte.len());
    for c in texte.chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => {
                s.push('a')
            }
            'ç' | 'Ç' => s.push('c'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => s.push('e'),
            'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => s.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => s.push('o'),
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => s.push('u'),
            'ÿ' | 'Ÿ' | 'ý' | 'Ý' => s.push('y'),
            'ñ' | 'Ñ' => s.push('n'),
            'æ' | 'Æ' => s.push_str("ae"),
            'œ' | 'Œ' => s.push_str("oe"),
            '’' | '\'' | '-' => s.push(' '),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

/// Chaque mot de la recherche doit commencer un mot du texte (recherche par préfixe).
pub fn correspond(texte_normalise: &str, recherche_normalisee: &str) -> bool {
    recherche_normalisee.split_whitespace().all(|mot| {
        texte_normalise
            .split_whitespace()
            .any(|t| t.starts_with(mot))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sans_accents_ni_majuscules() {
        assert_eq!(normaliser("Élodie LEFÈVRE"), "elodie lefevre");
        assert_eq!(normaliser("Cœur d'Ânes"), "coeur d anes");
    }

    #[test]
    fn recherche_par_prefixe_sur_chaque_mot() {
        let t = normaliser("DUPONT Léa 1234567A");
        assert!(correspond(&t, &normaliser("lea")));
        assert!(correspond(&t, &normaliser("dup LÉ")));
        assert!(correspond(&t, &normaliser("1234")));
        assert!(!correspond(&t, &normaliser("pont")));
        assert!(correspond(&t, ""));
    }
}
