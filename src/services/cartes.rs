//! Les cartes de binôme (début de l'échange entre installations) : chaque compte reçoit une
//! identité (clé de signature Ed25519, clé de chiffrement X25519 au format `age`), gardée
//! dans la base chiffrée ; il exporte sa carte publique, importe celle de son partenaire et
//! la marque vérifiée après avoir comparé l'empreinte en six mots avec lui.

use std::path::Path;

use ed25519_dalek::SigningKey;
use uuid::Uuid;

use super::poste::Poste;
use super::ErreurService;
use crate::domain::carte::{Carte, ErreurCarte};
use crate::domain::empreinte::{depuis_hex, en_hex};
use crate::domain::professionnel::{Affectation, Professionnel};
use crate::store::{CarteRecue, ErreurStore, IdentiteSecrete};

/// Au-delà, un fichier n'est pas une carte.
const MAX_CARTE_MO: u64 = 1;

fn maintenant() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Les clés secrètes du compte connecté.
pub(crate) struct Cles {
    pub signature: SigningKey,
    pub chiffrement: age::x25519::Identity,
}

impl Cles {
    pub fn cle_publique(&self) -> String {
        self.chiffrement.to_public().to_string()
    }
}

/// L'identité du compte connecté, créée au premier besoin.
pub(crate) fn identite(poste: &Poste) -> Result<Cles, ErreurService> {
    let compte = poste.compte().id;
    let store = poste.store();
    if store.identite(compte)?.is_none() {
        let mut graine = zeroize::Zeroizing::new([0u8; 32]);
        getrandom::fill(graine.as_mut()).map_err(|e| {
            ErreurStore::Illisible(format!("pas d'aléa pour créer l'identité du compte : {e}"))
        })?;
        let age = age::x25519::Identity::generate();
        use age::secrecy::ExposeSecret;
        store.creer_identite(
            compte,
            &IdentiteSecrete {
                signature: zeroize::Zeroizing::new(en_hex(graine.as_ref())),
                chiffrement: zeroize::Zeroizing::new(age.to_string().expose_secret().to_string()),
            },
            &maintenant(),
        )?;
    }
    let i = store
        .identite(compte)?
        .ok_or_else(|| ErreurStore::Illisible("identité du compte".into()))?;
    let illisible = || ErreurStore::Illisible("identité du compte".into());
    let signature = depuis_hex::<32>(&i.signature)
        .map(|o| SigningKey::from_bytes(&o))
        .ok_or_else(illisible)?;
    let chiffrement = i.chiffrement.parse().map_err(|_| illisible())?;
    Ok(Cles {
        signature,
        chiffrement,
    })
}

/// La carte du compte connecté (il doit être un professionnel de l'annuaire).
pub fn ma_carte(poste: &Poste) -> Result<Carte, ErreurService> {
    let p = poste.utilisateur().ok_or(ErreurService::SansUtilisateur)?;
    let structure = match &p.affectation {
        Affectation::Agence { agence, .. } => poste
            .referentiel()
            .structures
            .nom(agence)
            .unwrap_or(agence)
            .to_string(),
        Affectation::Structure { nom, .. } => nom.clone(),
    };
    let cles = identite(poste)?;
    Ok(Carte::signer(
        poste.compte().id,
        p,
        &structure,
        &cles.signature,
        &cles.cle_publique(),
    ))
}

/// Écrit sa carte pour la donner à son partenaire ; rend la carte (et son empreinte).
pub fn exporter(poste: &Poste, chemin: &Path, remplacer: bool) -> Result<Carte, ErreurService> {
    let c = ma_carte(poste)?;
    super::sortie::ecrire(
        &poste.store(),
        chemin,
        "carte de binôme",
        &c.octets(),
        remplacer,
    )?;
    Ok(c)
}

/// Importe la carte d'un partenaire : signée par sa propre clé, jamais la sienne. Elle reste
/// non vérifiée tant que l'empreinte n'a pas été comparée. Sa fiche entre à l'annuaire sous
/// son identifiant (ou y est mise à jour) : on peut alors le choisir comme membre du binôme
/// d'un dossier, que son installation reconnaîtra.
pub fn importer(poste: &Poste, chemin: &Path) -> Result<Carte, ErreurService> {
    let octets = crate::fichiers::lire_borne(chemin, MAX_CARTE_MO)?;
    let nom = chemin.display().to_string();
    let c = Carte::lire(&octets, &nom).map_err(ErreurService::Carte)?;
    let Some(fiche) = c.professionnel.clone() else {
        return Err(ErreurService::Carte(ErreurCarte::Illisible(nom)));
    };
    if c.compte == poste.compte().id || poste.utilisateur().is_some_and(|u| u.id == fiche.id) {
        return Err(ErreurService::CarteDeSoi);
    }
    let mut store = poste.store();
    let connue = store.professionnel(fiche.id)?;
    let a_jour = Professionnel {
        habilitation: connue.as_ref().map(|p| p.habilitation).unwrap_or_default(),
        ..fiche
    };
    if connue.as_ref() != Some(&a_jour) {
        store.enregistrer_professionnel(&a_jour, &poste.auteur(), poste.ctx())?;
    }
    store.enregistrer_carte(&c, &maintenant())?;
    Ok(c)
}

/// Marque vérifiée la carte d'un partenaire (l'empreinte a été comparée avec lui).
pub fn verifier(poste: &Poste, compte: Uuid) -> Result<(), ErreurService> {
    if poste.store().verifier_carte(compte, &maintenant())? {
        Ok(())
    } else {
        Err(ErreurService::CarteInconnue(compte))
    }
}

pub fn recues(poste: &Poste) -> Result<Vec<CarteRecue>, ErreurService> {
    Ok(poste.store().cartes()?)
}
