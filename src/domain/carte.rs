//! La carte de binôme : ce qu'un professionnel donne à son partenaire pour que leurs deux
//! installations échangent (son nom, son rôle, sa structure, sa clé de signature Ed25519 et
//! sa clé de chiffrement X25519 au format `age`), signée par lui-même. Elle porte aussi sa
//! fiche de l'annuaire, sous le même identifiant des deux côtés : c'est par lui qu'un
//! dossier nomme les deux membres de son binôme. L'empreinte des deux
//! clés se dit en six mots de la liste BIP-39 française : on la compare au téléphone avant de
//! marquer la carte vérifiée.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::empreinte::{depuis_hex, en_hex};
use super::professionnel::{Professionnel, Role};

const FORMAT: &str = "binome-carte-2";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carte {
    pub format: String,
    /// Le compte qui la donne.
    pub compte: Uuid,
    pub nom: String,
    pub role: Role,
    pub structure: String,
    /// Clé publique de signature (Ed25519), en hexadécimal.
    pub cle_signature: String,
    /// Clé publique de chiffrement (X25519), au format `age1…`.
    pub cle_chiffrement: String,
    /// Sa fiche de l'annuaire (absente des cartes de la première version).
    #[serde(default)]
    pub professionnel: Option<Professionnel>,
    /// Signature de tout ce qui précède par la clé de signature.
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurCarte {
    #[error("{0} n'est pas une carte de binôme lisible (fichier d'un autre logiciel, tronqué ou modifié) : demandez à votre partenaire de l'exporter de nouveau.")]
    Illisible(String),
    #[error("La carte {0} a été modifiée après avoir été signée : elle est refusée. Demandez à votre partenaire de l'exporter de nouveau.")]
    SignatureFausse(String),
}

/// Ce qui est signé : les champs dans un ordre fixe, sans ambiguïté (un tableau JSON).
fn contenu(c: &Carte) -> Vec<u8> {
    serde_json::json!([
        c.format,
        c.compte,
        c.nom,
        c.role,
        c.structure,
        c.cle_signature,
        c.cle_chiffrement,
        c.professionnel
    ])
    .to_string()
    .into_bytes()
}

impl Carte {
    /// La carte d'un compte, signée par sa clé.
    pub fn signer(
        compte: Uuid,
        professionnel: &Professionnel,
        structure: &str,
        signature: &SigningKey,
        cle_chiffrement: &str,
    ) -> Carte {
        // Le profil sur la base de ressources est une affaire de chaque poste.
        let fiche = Professionnel {
            habilitation: Default::default(),
            ..professionnel.clone()
        };
        let mut c = Carte {
            format: FORMAT.into(),
            compte,
            nom: professionnel.nom_affiche(),
            role: professionnel.role(),
            structure: structure.into(),
            cle_signature: en_hex(signature.verifying_key().as_bytes()),
            cle_chiffrement: cle_chiffrement.into(),
            professionnel: Some(fiche),
            signature: String::new(),
        };
        c.signature = en_hex(&signature.sign(&contenu(&c)).to_bytes());
        c
    }

    /// Lit une carte et vérifie qu'elle est entière et signée par sa propre clé.
    pub fn lire(octets: &[u8], nom: &str) -> Result<Carte, ErreurCarte> {
        let illisible = || ErreurCarte::Illisible(nom.into());
        let c: Carte = serde_json::from_slice(octets).map_err(|_| illisible())?;
        let fiche_juste = c
            .professionnel
            .as_ref()
            .is_some_and(|p| p.role() == c.role && p.verifier().is_ok());
        if c.format != FORMAT || !c.cle_chiffrement.starts_with("age1") || !fiche_juste {
            return Err(illisible());
        }
        let cle = depuis_hex::<32>(&c.cle_signature)
            .and_then(|k| VerifyingKey::from_bytes(&k).ok())
            .ok_or_else(illisible)?;
        let signature = depuis_hex::<64>(&c.signature)
            .map(|s| Signature::from_bytes(&s))
            .ok_or_else(illisible)?;
        cle.verify(&contenu(&c), &signature)
            .map_err(|_| ErreurCarte::SignatureFausse(nom.into()))?;
        Ok(c)
    }

    pub fn octets(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// L'empreinte des deux clés en six mots (66 bits de SHA-256).
    pub fn empreinte(&self) -> String {
        empreinte_en_mots(&self.cle_signature, &self.cle_chiffrement)
    }
}

/// Six mots de la liste BIP-39 française tirés de l'empreinte SHA-256 des deux clés.
pub fn empreinte_en_mots(cle_signature: &str, cle_chiffrement: &str) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(format!("{cle_signature}\n{cle_chiffrement}").as_bytes());
    let liste = bip39::Language::French.word_list();
    let mut bits: u128 = 0;
    for o in &h[..9] {
        bits = (bits << 8) | u128::from(*o);
    }
    // 72 bits lus, 66 gardés : six indices de 11 bits.
    (0..6)
        .map(|i| liste[((bits >> (72 - 11 * (i + 1))) & 0x7ff) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carte() -> Carte {
        let cle = SigningKey::from_bytes(&[7u8; 32]);
        let p = Professionnel {
            id: Uuid::from_u128(7),
            civilite: crate::domain::personne::Civilite::Madame,
            nom: "Fictive".into(),
            prenom: "Léa".into(),
            telephone: None,
            courriel: None,
            affectation: crate::domain::professionnel::Affectation::Structure {
                genre: crate::domain::professionnel::GenreStructure::PoleInsertion,
                code: "PI-01".into(),
                nom: "Pôle d'insertion".into(),
            },
            habilitation: Default::default(),
        };
        Carte::signer(
            Uuid::nil(),
            &p,
            "Pôle d'insertion",
            &cle,
            "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",
        )
    }

    #[test]
    fn une_carte_se_relit_et_son_empreinte_est_stable() {
        let c = carte();
        let relue = Carte::lire(&c.octets(), "c.json").expect("relue");
        assert_eq!(relue, c);
        assert_eq!(relue.empreinte(), c.empreinte());
        assert_eq!(c.empreinte().split(' ').count(), 6);
    }

    #[test]
    fn une_carte_modifiee_est_refusee() {
        let mut c = carte();
        c.nom = "Autre NOM".into();
        let mut fiche = carte();
        if let Some(p) = fiche.professionnel.as_mut() {
            p.id = Uuid::from_u128(8);
        }
        assert!(matches!(
            Carte::lire(&fiche.octets(), "c.json"),
            Err(ErreurCarte::SignatureFausse(_))
        ));
        assert!(matches!(
            Carte::lire(&c.octets(), "c.json"),
            Err(ErreurCarte::SignatureFausse(_))
        ));
        assert!(matches!(
            Carte::lire(b"{}", "c.json"),
            Err(ErreurCarte::Illisible(_))
        ));
    }
}
