//! Recherche tolérante : sans accents ni majuscules, comme les gens tapent.

/// Un texte court (nom, commune, code…), gardé dans la valeur même jusqu'à 24 octets :
/// charger 5 000 dossiers ou les 35 000 communes de France n'alloue pas une chaîne par
/// champ (le portefeuille ≈ 50 000, les communes et leurs index ≈ 250 000).
pub type TexteCourt = compact_str::CompactString;

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
            // Le cas courant, sans passer par les tables Unicode.
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

/// Un libellé comparable, sans accents, casse ni ponctuation : « N° CAF » → « n caf »,
/// « Pôle d'insertion » → « pole d insertion ».
pub fn sans_ponctuation(texte: &str) -> String {
    normaliser(texte.trim())
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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

/// Une description écrite en Markdown (ou avec des `<br>`), comme data·inclusion en publie,
/// rendue en texte simple : titres sans leurs `#`, gras et italique sans leurs marques, liens
/// « texte (adresse) », sauts de ligne HTML en vrais sauts de ligne, autres balises retirées.
pub fn markdown_en_texte(source: &str) -> String {
    let source = source
        .replace("<br />", "\n")
        .replace("<br/>", "\n")
        .replace("<br>", "\n")
        .replace("<BR>", "\n")
        .replace("\r\n", "\n");
    let mut lignes = Vec::new();
    for ligne in source.lines() {
        let l = ligne.trim_end();
        let sans_titre = l.trim_start_matches('#');
        let l = if sans_titre.len() < l.len() && sans_titre.starts_with(' ') {
            sans_titre.trim_start()
        } else {
            l
        };
        lignes.push(en_ligne(l));
    }
    lignes.join("\n").trim().to_string()
}

/// Une ligne : liens, emphases et balises.
fn en_ligne(l: &str) -> String {
    let mut sortie = String::new();
    let c: Vec<char> = l.chars().collect();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            // [texte](adresse) → texte (adresse)
            '[' => {
                let fin_texte = c[i + 1..].iter().position(|&x| x == ']').map(|p| p + i + 1);
                let lien = fin_texte.filter(|&f| c.get(f + 1) == Some(&'('));
                let fin_lien =
                    lien.and_then(|f| c[f + 2..].iter().position(|&x| x == ')').map(|p| p + f + 2));
                match (lien, fin_lien) {
                    (Some(f), Some(g)) => {
                        let texte: String = c[i + 1..f].iter().collect();
                        let adresse: String = c[f + 2..g].iter().collect();
                        sortie.push_str(&en_ligne(&texte));
                        if !adresse.is_empty() && adresse != texte {
                            sortie.push_str(&format!(" ({adresse})"));
                        }
                        i = g + 1;
                    }
                    _ => {
                        sortie.push('[');
                        i += 1;
                    }
                }
            }
            // Une balise HTML : retirée.
            '<' if c[i + 1..].iter().position(|&x| x == '>').is_some_and(|p| {
                c.get(i + 1)
                    .is_some_and(|x| x.is_ascii_alphabetic() || *x == '/')
                    && p < 40
            }) =>
            {
                let p = c[i + 1..].iter().position(|&x| x == '>').unwrap_or(0);
                i += p + 2;
            }
            // Gras et italique : `**`, `__`, et `*` ou `_` collés au mot.
            '*' | '_' => {
                let double = c.get(i + 1) == Some(&c[i]);
                let colle = |j: usize| c.get(j).is_some_and(|x| !x.is_whitespace());
                let apres = if double { i + 2 } else { i + 1 };
                let avant_colle = i > 0 && !c[i - 1].is_whitespace();
                // Dans un mot (« mise_a_jour », une adresse), ce n'est pas une emphase.
                let dans_un_mot = i > 0
                    && c[i - 1].is_alphanumeric()
                    && c.get(apres).is_some_and(|x| x.is_alphanumeric());
                if !dans_un_mot && (double || colle(apres) || avant_colle) {
                    i = apres;
                } else {
                    sortie.push(c[i]);
                    i += 1;
                }
            }
            x => {
                sortie.push(x);
                i += 1;
            }
        }
    }
    sortie
}

#[cfg(test)]
mod tests_markdown {
    use super::markdown_en_texte;

    #[test]
    fn le_markdown_devient_du_texte() {
        let md = "## Accueil\r\nAide **administrative** et *numérique*.<br>Voir [le site](https://exemple.fr) ou <b>appeler</b>.\n- liste * simple";
        assert_eq!(
            markdown_en_texte(md),
            "Accueil\nAide administrative et numérique.\nVoir le site (https://exemple.fr) ou appeler.\n- liste * simple"
        );
        assert_eq!(markdown_en_texte("3 < 5 et 7 > 2"), "3 < 5 et 7 > 2");
        assert_eq!(markdown_en_texte("[note] sans lien"), "[note] sans lien");
        assert_eq!(markdown_en_texte("#hashtag"), "#hashtag");
        assert_eq!(
            markdown_en_texte("https://exemple.fr/mise_a_jour et __gras__"),
            "https://exemple.fr/mise_a_jour et gras"
        );
    }
}
