//! Les mots de passe des comptes : la règle de la CNIL (délibération 2022-100) et la clé
//! Argon2id qui en est tirée. Un mot de passe n'est jamais gardé, ni son empreinte : la clé
//! tirée de lui enveloppe la clé de la base (voir `store::trousseau`).

use argon2::{Algorithm, Argon2, Params, Version};

/// Les quatre classes de caractères que compte la CNIL.
fn classes(mdp: &str) -> usize {
    let mut c = [false; 4];
    for x in mdp.chars() {
        let i = if x.is_lowercase() {
            0
        } else if x.is_uppercase() {
            1
        } else if x.is_ascii_digit() {
            2
        } else {
            3
        };
        c[i] = true;
    }
    c.iter().filter(|x| **x).count()
}

/// Les mots d'une phrase de passe : au moins deux lettres chacun.
fn mots(mdp: &str) -> usize {
    mdp.split(|c: char| !c.is_alphabetic())
        .filter(|m| m.chars().count() >= 2)
        .count()
}

/// Pourquoi un mot de passe est refusé, et ce qu'il faudrait.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Mot de passe trop faible : {longueur} caractère(s) et {classes} type(s) de caractères sur 4. Il faut au moins 12 caractères des 4 types (minuscules, majuscules, chiffres, caractères spéciaux), ou 14 caractères de 3 types, ou une phrase d'au moins 7 mots.")]
pub struct MotDePasseFaible {
    pub longueur: usize,
    pub classes: usize,
}

/// La règle de la CNIL : 12 caractères des 4 types, ou 14 de 3 types, ou une phrase de
/// 7 mots.
pub fn verifier_force(mdp: &str) -> Result<(), MotDePasseFaible> {
    let longueur = mdp.chars().count();
    let classes = classes(mdp);
    if (longueur >= 12 && classes == 4) || (longueur >= 14 && classes >= 3) || mots(mdp) >= 7 {
        Ok(())
    } else {
        Err(MotDePasseFaible { longueur, classes })
    }
}

/// L'indication affichée pendant la frappe : ce qui manque, ou que c'est suffisant.
pub fn indication(mdp: &str) -> String {
    if mdp.is_empty() {
        return "12 caractères des 4 types, 14 de 3 types, ou une phrase de 7 mots.".into();
    }
    if verifier_force(mdp).is_ok() {
        return "Mot de passe suffisant.".into();
    }
    let longueur = mdp.chars().count();
    let classes = classes(mdp);
    let n = mots(mdp);
    if n >= 3 {
        return format!("Phrase de passe : {n} mot(s) sur 7.");
    }
    match classes {
        4 => format!("Faible : encore {} caractère(s).", 12 - longueur.min(12)),
        3 => format!(
            "Faible : encore {} caractère(s), ou {} avec le type qui manque.",
            14 - longueur.min(14),
            12usize.saturating_sub(longueur)
        ),
        _ => format!(
            "Faible : {classes} type(s) de caractères sur 4 ; mêlez minuscules, majuscules, chiffres et caractères spéciaux."
        ),
    }
}

/// Les paramètres Argon2id : 19 Mio de mémoire, 2 passes, 1 voie (recommandation OWASP
/// minimale, ≈ 50 ms sur un poste de bureau), réglés pour qu'une connexion tienne sous la
/// seconde même sur une machine lente.
pub fn argon2() -> Argon2<'static> {
    // Des paramètres constants et valides : la construction ne peut pas échouer.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// La clé de 32 octets tirée du mot de passe et d'un sel : elle enveloppe la clé de la
/// base, si bien qu'un mot de passe faux ne l'ouvre pas (il n'y a pas d'autre empreinte).
pub fn deriver_cle(mdp: &str, sel: &[u8]) -> Result<zeroize::Zeroizing<[u8; 32]>, ErreurEmpreinte> {
    let mut cle = zeroize::Zeroizing::new([0u8; 32]);
    argon2()
        .hash_password_into(mdp.as_bytes(), sel, cle.as_mut())
        .map_err(|_| ErreurEmpreinte)?;
    Ok(cle)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("La clé du mot de passe n'a pas pu être calculée (sel invalide).")]
pub struct ErreurEmpreinte;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn la_regle_de_la_cnil() {
        // 12 caractères des 4 types.
        assert!(verifier_force("Abcdefgh12!x").is_ok());
        assert!(verifier_force("Abcdefgh12!").is_err());
        // 14 caractères de 3 types.
        assert!(verifier_force("abcdefgh12345X").is_ok());
        assert!(verifier_force("abcdefghijklmn").is_err());
        // Une phrase de 7 mots.
        assert!(verifier_force("le chat dort sur le vieux canapé").is_ok());
        assert!(verifier_force("le chat dort sur le canapé").is_err());
        let e = verifier_force("court").unwrap_err();
        assert_eq!((e.longueur, e.classes), (5, 1));
        assert!(e.to_string().contains("au moins 12 caractères"));
    }

    #[test]
    fn l_indication_dit_ce_qui_manque() {
        assert_eq!(indication("Abcdefgh1!"), "Faible : encore 2 caractère(s).");
        assert_eq!(indication("Abcdefgh12!x"), "Mot de passe suffisant.");
        assert_eq!(
            indication("un deux trois"),
            "Phrase de passe : 3 mot(s) sur 7."
        );
    }

    #[test]
    fn la_cle_depend_du_mot_de_passe_et_du_sel() {
        let sel = [7u8; 16];
        let a = deriver_cle("Abcdefgh12!x", &sel).expect("clé");
        assert_eq!(*a, *deriver_cle("Abcdefgh12!x", &sel).expect("clé"));
        assert_ne!(*a, *deriver_cle("Abcdefgh12!y", &sel).expect("clé"));
        assert_ne!(*a, *deriver_cle("Abcdefgh12!x", &[8u8; 16]).expect("clé"));
        assert!(deriver_cle("x", &[1u8; 2]).is_err(), "sel trop court");
    }
}
