//! Le trousseau, à côté de la base chiffrée (`binome.cles`) : la clé de la base, tirée au
//! hasard une fois, enveloppée (XChaCha20-Poly1305) pour chaque compte par la clé Argon2id
//! de son mot de passe, et pour le code de secours. Rien n'y est lisible sans un mot de
//! passe : ni la clé, ni les identifiants (gardés par leur empreinte). Il garde aussi les
//! échecs de connexion, que la base fermée ne peut pas recevoir.

use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::domain::mot_de_passe::deriver_cle;

/// Nom du trousseau dans le dossier de données.
pub const FICHIER_TROUSSEAU: &str = "binome.cles";

#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurTrousseau {
    #[error("Le fichier de clés {0} est illisible ou endommagé : Binôme ne l'écrase pas. Restaurez-le depuis la sauvegarde du dossier de données (il se sauvegarde avec la base).")]
    Illisible(String),
    #[error("Le fichier de clés {chemin} n'a pas pu être écrit : {cause}. Rien n'a été changé.")]
    Ecriture { chemin: String, cause: String },
    #[error("Le générateur aléatoire du système est indisponible : la clé n'a pas pu être tirée.")]
    Hasard,
}

/// La clé de la base : 32 octets tirés au hasard, effacés de la mémoire après usage.
#[derive(Clone)]
pub struct CleBase(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for CleBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CleBase(…)")
    }
}

fn hasard<const N: usize>() -> Result<[u8; N], ErreurTrousseau> {
    let mut o = [0u8; N];
    getrandom::fill(&mut o).map_err(|_| ErreurTrousseau::Hasard)?;
    Ok(o)
}

fn hex(o: &[u8]) -> String {
    o.iter().map(|b| format!("{b:02x}")).collect()
}

fn de_hex(t: &str) -> Option<Vec<u8>> {
    if !t.len().is_multiple_of(2) {
        return None;
    }
    (0..t.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(t.get(i..i + 2)?, 16).ok())
        .collect()
}

impl CleBase {
    pub fn generer() -> Result<CleBase, ErreurTrousseau> {
        Ok(CleBase(Zeroizing::new(hasard::<32>()?)))
    }

    /// La clé brute pour `PRAGMA key` (sans dérivation par SQLCipher : elle est déjà
    /// aléatoire).
    pub fn pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex(self.0.as_ref())))
    }
}

/// La clé de la base fermée par une clé tirée d'un secret (mot de passe ou code de secours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enveloppe {
    sel: String,
    nonce: String,
    chiffre: String,
}

impl Enveloppe {
    pub fn fermer(cle: &CleBase, secret: &str) -> Result<Enveloppe, ErreurTrousseau> {
        let sel = hasard::<16>()?;
        let nonce = hasard::<24>()?;
        let kek = deriver_cle(secret, &sel).map_err(|_| ErreurTrousseau::Hasard)?;
        let chiffre = XChaCha20Poly1305::new(kek.as_ref().into())
            .encrypt(XNonce::from_slice(&nonce), cle.0.as_ref())
            .map_err(|_| ErreurTrousseau::Hasard)?;
        Ok(Enveloppe {
            sel: hex(&sel),
            nonce: hex(&nonce),
            chiffre: hex(&chiffre),
        })
    }

    /// La clé de la base si le secret est le bon ; `None` sinon (l'étiquette d'authenticité
    /// ne correspond pas : un secret faux et une enveloppe altérée se refusent pareil).
    pub fn ouvrir(&self, secret: &str) -> Option<CleBase> {
        let sel = de_hex(&self.sel)?;
        let nonce = de_hex(&self.nonce)?;
        let chiffre = de_hex(&self.chiffre)?;
        if nonce.len() != 24 {
            return None;
        }
        let kek = deriver_cle(secret, &sel).ok()?;
        let clair = Zeroizing::new(
            XChaCha20Poly1305::new(kek.as_ref().into())
                .decrypt(XNonce::from_slice(&nonce), chiffre.as_ref())
                .ok()?,
        );
        let cle: [u8; 32] = clair.as_slice().try_into().ok()?;
        Some(CleBase(Zeroizing::new(cle)))
    }
}

/// Un compte dans le trousseau : l'empreinte de son identifiant, son enveloppe et ses
/// échecs de connexion d'affilée.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntreeTrousseau {
    pub compte: Uuid,
    pub identifiant: String,
    pub enveloppe: Enveloppe,
    #[serde(default)]
    pub echecs: u32,
    #[serde(default)]
    pub dernier_echec: Option<chrono::NaiveDateTime>,
}

/// Un échec de connexion, en attente d'être inscrit au journal d'audit (la base ne s'ouvre
/// pas sans mot de passe juste) : le compte s'il existe, l'instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EchecConnexion {
    pub compte: Option<Uuid>,
    pub le: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trousseau {
    pub version: u32,
    /// Le sel des empreintes d'identifiants, propre à l'installation.
    sel: String,
    pub comptes: Vec<EntreeTrousseau>,
    pub secours: Option<Enveloppe>,
    #[serde(default)]
    pub echecs_a_inscrire: Vec<EchecConnexion>,
}

impl Trousseau {
    pub fn nouveau() -> Result<Trousseau, ErreurTrousseau> {
        Ok(Trousseau {
            version: 1,
            sel: hex(&hasard::<16>()?),
            comptes: Vec::new(),
            secours: None,
            echecs_a_inscrire: Vec::new(),
        })
    }

    pub fn chemin(dossier: &Path) -> std::path::PathBuf {
        dossier.join(FICHIER_TROUSSEAU)
    }

    /// Le trousseau du dossier de données, s'il existe.
    pub fn lire(dossier: &Path) -> Result<Option<Trousseau>, ErreurTrousseau> {
        let chemin = Trousseau::chemin(dossier);
        let illisible = || ErreurTrousseau::Illisible(chemin.display().to_string());
        match std::fs::symlink_metadata(&chemin) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Err(illisible()),
            Ok(_) => {}
        }
        let octets = crate::fichiers::lire_borne(&chemin, 4).map_err(|_| illisible())?;
        let t: Trousseau = serde_json::from_slice(&octets).map_err(|_| illisible())?;
        if t.version != 1 {
            return Err(illisible());
        }
        Ok(Some(t))
    }

    /// Écrit le trousseau d'un coup (temporaire puis renommage), lisible du seul utilisateur.
    pub fn ecrire(&self, dossier: &Path) -> Result<(), ErreurTrousseau> {
        let chemin = Trousseau::chemin(dossier);
        let erreur = |cause: String| ErreurTrousseau::Ecriture {
            chemin: chemin.display().to_string(),
            cause,
        };
        let json = serde_json::to_vec_pretty(self).map_err(|e| erreur(e.to_string()))?;
        crate::fichiers::ecrire_atomiquement(&chemin, &json).map_err(|e| erreur(e.to_string()))?;
        crate::fichiers::rendre_prive(&chemin, 0o600).map_err(|e| erreur(e.to_string()))
    }

    /// L'empreinte d'un identifiant : le trousseau ne dit pas qui a un compte.
    pub fn empreinte_identifiant(&self, identifiant: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.sel.as_bytes());
        h.update(identifiant.trim().to_lowercase().as_bytes());
        hex(&h.finalize())
    }

    pub fn entree(&self, identifiant: &str) -> Option<&EntreeTrousseau> {
        let e = self.empreinte_identifiant(identifiant);
        self.comptes.iter().find(|c| c.identifiant == e)
    }

    pub fn entree_mut(&mut self, identifiant: &str) -> Option<&mut EntreeTrousseau> {
        let e = self.empreinte_identifiant(identifiant);
        self.comptes.iter_mut().find(|c| c.identifiant == e)
    }

    /// Ajoute ou remplace l'enveloppe d'un compte (création, nouveau mot de passe).
    pub fn envelopper(
        &mut self,
        compte: Uuid,
        identifiant: &str,
        cle: &CleBase,
        mot_de_passe: &str,
    ) -> Result<(), ErreurTrousseau> {
        let enveloppe = Enveloppe::fermer(cle, mot_de_passe)?;
        self.comptes.retain(|c| c.compte != compte);
        self.comptes.push(EntreeTrousseau {
            compte,
            identifiant: self.empreinte_identifiant(identifiant),
            enveloppe,
            echecs: 0,
            dernier_echec: None,
        });
        Ok(())
    }

    /// Retire l'accès d'un compte (désactivation) : sans enveloppe, plus de clé.
    pub fn retirer(&mut self, compte: Uuid) {
        self.comptes.retain(|c| c.compte != compte);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l_enveloppe_ne_s_ouvre_qu_avec_son_secret() {
        let cle = CleBase::generer().expect("clé");
        let e = Enveloppe::fermer(&cle, "Abcdefgh12!x").expect("enveloppe");
        let ouverte = e.ouvrir("Abcdefgh12!x").expect("bon secret");
        assert_eq!(*ouverte.0, *cle.0);
        assert!(e.ouvrir("Abcdefgh12!y").is_none());
        let mut abimee = e.clone();
        abimee.chiffre.replace_range(0..2, "00");
        if abimee != e {
            assert!(abimee.ouvrir("Abcdefgh12!x").is_none());
        }
    }
}
