//! Le paquet d'échange entre deux installations : un cadre signé par l'émetteur (Ed25519)
//! puis chiffré pour le destinataire (`age`, X25519). On signe puis on chiffre ; l'en-tête
//! signé nomme le destinataire, pour qu'un paquet déchiffré par l'un ne puisse pas être
//! rechiffré pour un autre (« transfert subreptice »). La charge (les événements) est
//! opaque ici : ce module ne sait que sceller et ouvrir.
//!
//! Cadre : `"BINOME-PAQUET\n" | u32 BE n | en-tête JSON (n o) | u32 BE m | charge (m o) |
//! signature (64 o)`, la signature portant sur `"binome/paquet/v1\0" || en-tête` ; l'en-tête
//! contient le SHA-256 de la charge. On signe les octets exacts, jamais re-sérialisés.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::domain::empreinte::en_hex;

const MAGIE: &[u8] = b"BINOME-PAQUET\n";
const DOMAINE: &[u8] = b"binome/paquet/v1\0";
pub const FORMAT: &str = "binome-paquet-1";
/// Au-delà, un fichier n'est pas lu (ni déchiffré).
pub const MAX_OCTETS: usize = 64 * 1024 * 1024;

/// Ce que l'émetteur signe : qui, pour qui, quel numéro, quelle charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entete {
    pub format: String,
    /// 1, 2, 3… par couple émetteur → destinataire.
    pub numero: u64,
    /// Compte de l'émetteur (sa carte) et son installation (l'origine de ses événements).
    pub emetteur: Uuid,
    pub installation: Uuid,
    /// Compte du destinataire et sa clé de chiffrement (`age1…`).
    pub destinataire: Uuid,
    pub cle_destinataire: String,
    pub cree_le: String,
    pub charge_octets: u64,
    pub charge_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurPaquet {
    #[error("Ce fichier dépasse 64 Mo : ce n'est pas un paquet de Binôme.")]
    TropGros,
    #[error("Ce paquet n'est pas adressé à ce poste : il a été chiffré pour un autre compte. Demandez à votre partenaire de vous l'envoyer depuis Binôme, avec votre carte.")]
    PasPourCePoste,
    #[error("Ce fichier n'est pas un paquet de Binôme lisible : il est abîmé, tronqué ou modifié. Rien n'a été changé ; demandez à votre partenaire de l'envoyer de nouveau.")]
    Abime,
    #[error("La signature de ce paquet est fausse : il a été modifié après son envoi, ou ne vient pas de la personne indiquée. Il est refusé ; rien n'a été changé.")]
    SignatureFausse,
    #[error("Ce paquet était adressé à un autre compte, puis chiffré de nouveau pour vous : il est refusé ; rien n'a été changé.")]
    AutreDestinataire,
    #[error("Le paquet n'a pas pu être chiffré : {0}")]
    Chiffrement(String),
}

/// Un paquet déchiffré dont le cadre est lu ; sa signature reste à vérifier
/// (avec la carte de l'émetteur, que l'en-tête nomme).
#[derive(Debug, Clone)]
pub struct PaquetOuvert {
    pub entete: Entete,
    /// L'en-tête tel qu'il a été signé (gardé au registre des paquets reçus).
    pub entete_brut: Vec<u8>,
    pub signature: [u8; 64],
    pub charge: Vec<u8>,
}

fn sha256_hex(octets: &[u8]) -> String {
    en_hex(&Sha256::digest(octets))
}

fn a_signer(entete: &[u8]) -> Vec<u8> {
    [DOMAINE, entete].concat()
}

/// Scelle une charge : en-tête complété (taille, empreinte), signé, puis chiffré pour le
/// destinataire nommé dans l'en-tête.
pub fn sceller(
    mut entete: Entete,
    charge: &[u8],
    cle: &SigningKey,
) -> Result<Vec<u8>, ErreurPaquet> {
    let destinataire: age::x25519::Recipient = entete
        .cle_destinataire
        .parse()
        .map_err(|e: &str| ErreurPaquet::Chiffrement(e.to_string()))?;
    entete.format = FORMAT.into();
    entete.charge_octets = charge.len() as u64;
    entete.charge_sha256 = sha256_hex(charge);
    let brut = serde_json::to_vec(&entete).map_err(|e| ErreurPaquet::Chiffrement(e.to_string()))?;
    let signature = cle.sign(&a_signer(&brut)).to_bytes();
    let mut clair = Vec::with_capacity(MAGIE.len() + 8 + brut.len() + charge.len() + 64);
    clair.extend_from_slice(MAGIE);
    clair.extend_from_slice(&longueur(brut.len())?.to_be_bytes());
    clair.extend_from_slice(&brut);
    clair.extend_from_slice(&longueur(charge.len())?.to_be_bytes());
    clair.extend_from_slice(charge);
    clair.extend_from_slice(&signature);
    if clair.len() > MAX_OCTETS {
        return Err(ErreurPaquet::TropGros);
    }
    age::encrypt(&destinataire, &clair).map_err(|e| ErreurPaquet::Chiffrement(e.to_string()))
}

fn longueur(n: usize) -> Result<u32, ErreurPaquet> {
    u32::try_from(n).map_err(|_| ErreurPaquet::TropGros)
}

/// Déchiffre et lit le cadre. Aucun texte d'erreur d'`age` n'est montré.
pub fn ouvrir(
    octets: &[u8],
    identite: &age::x25519::Identity,
) -> Result<PaquetOuvert, ErreurPaquet> {
    if octets.len() > MAX_OCTETS + 64 * 1024 {
        return Err(ErreurPaquet::TropGros);
    }
    let clair = age::decrypt(identite, octets).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => ErreurPaquet::PasPourCePoste,
        _ => ErreurPaquet::Abime,
    })?;
    let reste = clair.strip_prefix(MAGIE).ok_or(ErreurPaquet::Abime)?;
    let (entete_brut, reste) = morceau(reste)?;
    let (charge, reste) = morceau(reste)?;
    let signature: [u8; 64] = reste.try_into().map_err(|_| ErreurPaquet::Abime)?;
    let entete: Entete = serde_json::from_slice(entete_brut).map_err(|_| ErreurPaquet::Abime)?;
    if entete.format != FORMAT {
        return Err(ErreurPaquet::Abime);
    }
    Ok(PaquetOuvert {
        entete,
        entete_brut: entete_brut.to_vec(),
        signature,
        charge: charge.to_vec(),
    })
}

fn morceau(octets: &[u8]) -> Result<(&[u8], &[u8]), ErreurPaquet> {
    let (n, reste) = octets.split_first_chunk::<4>().ok_or(ErreurPaquet::Abime)?;
    let n = u32::from_be_bytes(*n) as usize;
    if n > reste.len() {
        return Err(ErreurPaquet::Abime);
    }
    Ok(reste.split_at(n))
}

impl PaquetOuvert {
    /// Vérifie la signature par la clé de l'émetteur (celle de sa carte vérifiée), que le
    /// paquet m'était adressé, et que la charge est celle qui a été signée.
    pub fn verifier(
        &self,
        cle_emetteur: &[u8; 32],
        moi: Uuid,
        ma_cle: &str,
    ) -> Result<(), ErreurPaquet> {
        let cle =
            VerifyingKey::from_bytes(cle_emetteur).map_err(|_| ErreurPaquet::SignatureFausse)?;
        cle.verify_strict(
            &a_signer(&self.entete_brut),
            &Signature::from_bytes(&self.signature),
        )
        .map_err(|_| ErreurPaquet::SignatureFausse)?;
        if self.entete.destinataire != moi || self.entete.cle_destinataire != ma_cle {
            return Err(ErreurPaquet::AutreDestinataire);
        }
        if self.entete.charge_octets != self.charge.len() as u64
            || self.entete.charge_sha256 != sha256_hex(&self.charge)
        {
            return Err(ErreurPaquet::SignatureFausse);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cle(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    fn entete(pour: Uuid, cle_pour: &str) -> Entete {
        Entete {
            format: String::new(),
            numero: 1,
            emetteur: Uuid::from_u128(1),
            installation: Uuid::from_u128(2),
            destinataire: pour,
            cle_destinataire: cle_pour.into(),
            cree_le: "2026-12-03T10:00:00".into(),
            charge_octets: 0,
            charge_sha256: String::new(),
        }
    }

    struct Partie {
        compte: Uuid,
        identite: age::x25519::Identity,
        public: String,
    }

    fn partie(n: u128) -> Partie {
        let identite = age::x25519::Identity::generate();
        let public = identite.to_public().to_string();
        Partie {
            compte: Uuid::from_u128(n),
            identite,
            public,
        }
    }

    #[test]
    fn aller_retour_signe_et_chiffre() {
        let b = partie(10);
        let octets = sceller(entete(b.compte, &b.public), b"[1,2,3]", &cle(7)).expect("scelle");
        assert!(
            !octets.windows(7).any(|w| w == b"[1,2,3]"),
            "charge en clair"
        );
        let p = ouvrir(&octets, &b.identite).expect("ouvert");
        assert_eq!(p.charge, b"[1,2,3]");
        p.verifier(cle(7).verifying_key().as_bytes(), b.compte, &b.public)
            .expect("signature");
        assert_eq!(
            p.verifier(cle(8).verifying_key().as_bytes(), b.compte, &b.public),
            Err(ErreurPaquet::SignatureFausse)
        );
    }

    #[test]
    fn autre_poste_octet_change_tronque_refuses() {
        let b = partie(10);
        let c = partie(11);
        let octets = sceller(entete(b.compte, &b.public), b"charge", &cle(7)).expect("scelle");
        assert_eq!(
            ouvrir(&octets, &c.identite).err(),
            Some(ErreurPaquet::PasPourCePoste)
        );
        for i in [octets.len() / 2, octets.len() - 1] {
            let mut altere = octets.clone();
            altere[i] ^= 1;
            assert_eq!(
                ouvrir(&altere, &b.identite).err(),
                Some(ErreurPaquet::Abime)
            );
        }
        assert_eq!(
            ouvrir(&octets[..octets.len() - 10], &b.identite).err(),
            Some(ErreurPaquet::Abime)
        );
        assert_eq!(ouvrir(b"", &b.identite).err(), Some(ErreurPaquet::Abime));
    }

    /// B déchiffre un paquet qui lui était adressé et le rechiffre tel quel pour C : C le
    /// refuse, l'en-tête signé nomme B.
    #[test]
    fn transfert_subreptice_refuse() {
        let b = partie(10);
        let c = partie(11);
        let octets = sceller(entete(b.compte, &b.public), b"charge", &cle(7)).expect("scelle");
        let clair = age::decrypt(&b.identite, &octets).expect("clair");
        let pour_c = age::encrypt(&c.identite.to_public(), &clair).expect("rechiffre");
        let p = ouvrir(&pour_c, &c.identite).expect("cadre intact");
        assert_eq!(
            p.verifier(cle(7).verifying_key().as_bytes(), c.compte, &c.public),
            Err(ErreurPaquet::AutreDestinataire)
        );
    }

    /// Une charge changée sous un en-tête intact (le cadre refait, rechiffré) : refusée.
    #[test]
    fn charge_changee_refusee() {
        let b = partie(10);
        let octets = sceller(entete(b.compte, &b.public), b"charge", &cle(7)).expect("scelle");
        let p = ouvrir(&octets, &b.identite).expect("ouvert");
        let mut clair = MAGIE.to_vec();
        clair.extend_from_slice(&(p.entete_brut.len() as u32).to_be_bytes());
        clair.extend_from_slice(&p.entete_brut);
        clair.extend_from_slice(&6u32.to_be_bytes());
        clair.extend_from_slice(b"CHARGE");
        clair.extend_from_slice(&p.signature);
        let refait = age::encrypt(&b.identite.to_public(), &clair).expect("rechiffre");
        let q = ouvrir(&refait, &b.identite).expect("cadre");
        assert_eq!(
            q.verifier(cle(7).verifying_key().as_bytes(), b.compte, &b.public),
            Err(ErreurPaquet::SignatureFausse)
        );
    }
}
