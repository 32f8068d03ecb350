//! Ce qu'un tableur lirait comme une formule : une cellule de texte qui commence par `=`,
//! `+`, `-`, `@` (ou une tabulation, un retour chariot) est précédée d'une apostrophe dans
//! chaque export CSV ou XLSX, pour qu'un nom de ressource ou d'agence ne s'exécute jamais.
//! Les nombres restent des nombres ; l'import du modèle CSV retire l'apostrophe ajoutée.

use std::borrow::Cow;

const DANGEREUX: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn est_un_nombre(s: &str) -> bool {
    s.trim().replace(',', ".").parse::<f64>().is_ok()
}

/// Le texte tel qu'il peut entrer dans une cellule de tableur.
pub fn neutraliser(s: &str) -> Cow<'_, str> {
    if s.starts_with(DANGEREUX) && !est_un_nombre(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Le texte d'une cellule relue : l'apostrophe que `neutraliser` a ajoutée est retirée.
pub fn reprendre(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(reste) if reste.starts_with(DANGEREUX) && !est_un_nombre(reste) => reste,
        _ => s,
    }
}

/// Une cellule CSV « ; » : neutralisée, entre guillemets si elle contient un séparateur.
pub fn champ_csv(t: &str) -> String {
    let t = neutraliser(t);
    if t.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn une_formule_devient_du_texte_et_revient_a_l_import() {
        for f in ["=HYPERLINK(\"x\")", "+33 6 00 00 00 00", "-2+3", "@SUM(A1)"] {
            let n = neutraliser(f);
            assert_eq!(n, format!("'{f}"));
            assert_eq!(reprendre(&n), f);
        }
        assert_eq!(neutraliser("-1,55"), "-1,55");
        assert_eq!(neutraliser("Épicerie"), "Épicerie");
        assert_eq!(reprendre("'guillemet voulu"), "'guillemet voulu");
    }
}
