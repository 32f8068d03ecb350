//! Empreintes et clés écrites en hexadécimal : la chaîne du journal, les fichiers que Binôme
//! a écrits, les clés et signatures des agrégats.

use sha2::{Digest, Sha256};

pub fn en_hex(octets: &[u8]) -> String {
    octets.iter().map(|o| format!("{o:02x}")).collect()
}

/// Lit exactement `N` octets écrits en hexadécimal.
pub fn depuis_hex<const N: usize>(texte: &str) -> Option<[u8; N]> {
    if texte.len() != 2 * N || !texte.is_ascii() {
        return None;
    }
    let mut o = [0u8; N];
    for (i, x) in o.iter_mut().enumerate() {
        *x = u8::from_str_radix(&texte[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(o)
}

/// L'empreinte SHA-256 de `octets`, en hexadécimal.
pub fn sha256(octets: &[u8]) -> String {
    en_hex(&Sha256::digest(octets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aller_et_retour() {
        assert_eq!(en_hex(&[0, 15, 255]), "000fff");
        assert_eq!(depuis_hex::<3>("000fff"), Some([0, 15, 255]));
        assert_eq!(depuis_hex::<3>("000ff"), None);
        assert_eq!(sha256(b"").len(), 64);
    }
}
