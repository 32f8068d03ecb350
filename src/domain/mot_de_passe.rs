//! Les mots de passe des comptes : la règle de la CNIL (délibération 2022-100) et leur
//! empreinte Argon2id. Un mot de passe n'est jamais gardé ; seule son empreinte l'est, avec
//! son sel et ses paramètres (format PHC), pour qu'un changement de paramètres ne rende pas
//! les anciennes empreintes invérifiables.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
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

/// L'empreinte à garder (format PHC : algorithme, paramètres, sel, empreinte).
pub fn empreinte(mdp: &str) -> Result<String, ErreurEmpreinte> {
    let sel = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(mdp.as_bytes(), &sel)
        .map(|h| h.to_string())
        .map_err(|_| ErreurEmpreinte)
}

/// Vrai si le mot de passe est celui de l'empreinte ; une empreinte illisible ne
/// correspond à rien.
pub fn correspond(mdp: &str, empreinte: &str) -> bool {
    PasswordHash::new(empreinte)
        .map(|h| argon2().verify_password(mdp.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("L'empreinte du mot de passe n'a pas pu être calculée (générateur aléatoire du système indisponible).")]
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
    fn l_empreinte_verifie_le_bon_mot_de_passe_seulement() {
        let e = empreinte("Abcdefgh12!x").expect("empreinte");
        assert!(e.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{e}");
        assert!(correspond("Abcdefgh12!x", &e));
        assert!(!correspond("Abcdefgh12!y", &e));
        assert!(!correspond("Abcdefgh12!x", "pas une empreinte"));
        // Deux empreintes du même mot de passe diffèrent (sel aléatoire).
        assert_ne!(e, empreinte("Abcdefgh12!x").expect("empreinte"));
    }
}
