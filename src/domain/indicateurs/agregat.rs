//! Chiffres départementaux sans serveur : chaque installation exporte un fichier d'agrégat
//! anonyme (des comptes exacts par mois, agence et indicateur, sans aucune donnée
//! personnelle) ; un coordinateur les fusionne. La fusion est exacte parce que chaque case
//! est un compte ou une somme ; chaque extraction (installation, extrait) n'est comptée
//! qu'une fois, même donnée deux fois. Le secret statistique (« < 5 ») s'applique à ce qui
//! est publié à partir de ces fichiers, pas aux fichiers eux-mêmes.
//!
//! Chaque extraction est signée (Ed25519) par la clé de son installation : le coordinateur
//! enregistre une fois la clé publique de chaque installation, et une extraction modifiée,
//! re-signée par une autre clé ou recopiée sous un autre identifiant est refusée.

use std::collections::BTreeMap;
use std::sync::Arc;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Bornes, Cellule, Cle, Indicateurs, Mois};
use crate::domain::date::Jour;
use crate::domain::empreinte::{depuis_hex, en_hex};

pub const FORMAT: &str = "binome-indicateurs-agregat";
pub const VERSION: u32 = 2;
pub const FORMAT_CLE: &str = "binome-cle-installation";
/// La plus longue période qu'une extraction peut couvrir, comme à l'export (10 ans).
const MOIS_MAX: usize = 120;

/// Une case de l'agrégat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub mois: String,
    pub agence: String,
    pub indicateur: String,
    pub detail: String,
    pub total: u64,
    pub brsa: u64,
    pub somme: i64,
}

/// Une extraction d'une installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub installation: Uuid,
    pub extrait: Uuid,
    pub de: String,
    pub a: String,
    pub calcule_le: Jour,
    pub cases: Vec<Case>,
    /// La clé publique de l'installation (hexadécimal).
    pub cle: String,
    /// La signature du contenu par l'installation (hexadécimal).
    pub signature: String,
}

impl Source {
    /// Ce que la signature couvre : tout sauf la signature elle-même.
    fn contenu(&self) -> Vec<u8> {
        serde_json::to_vec(&(
            &self.installation,
            &self.extrait,
            &self.de,
            &self.a,
            &self.calcule_le,
            &self.cases,
            &self.cle,
        ))
        .unwrap_or_default()
    }

    /// Les chiffres seuls (période et cases) : deux extractions aux mêmes chiffres sous deux
    /// identifiants d'installation sont une copie.
    fn chiffres(&self) -> Vec<u8> {
        serde_json::to_vec(&(&self.de, &self.a, &self.cases)).unwrap_or_default()
    }

    fn signature_valide(&self) -> bool {
        let (Some(cle), Some(signature)) = (
            depuis_hex::<32>(&self.cle),
            depuis_hex::<64>(&self.signature),
        ) else {
            return false;
        };
        VerifyingKey::from_bytes(&cle).is_ok_and(|k| {
            k.verify_strict(&self.contenu(), &Signature::from_bytes(&signature))
                .is_ok()
        })
    }
}

/// La clé publique d'une installation, à remettre une fois au coordinateur.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleInstallation {
    pub format: String,
    pub installation: Uuid,
    pub cle: String,
    /// Qui tient l'installation, pour que le coordinateur s'y retrouve.
    pub nom: String,
}

impl CleInstallation {
    pub fn new(installation: Uuid, cle: &SigningKey, nom: &str) -> CleInstallation {
        CleInstallation {
            format: FORMAT_CLE.into(),
            installation,
            cle: en_hex(cle.verifying_key().as_bytes()),
            nom: nom.into(),
        }
    }

    pub fn octets(&self) -> Result<Vec<u8>, ErreurAgregat> {
        serde_json::to_vec_pretty(self).map_err(|e| ErreurAgregat::Serialisation(Arc::new(e)))
    }

    pub fn lire(octets: &[u8], nom: &str) -> Result<CleInstallation, ErreurAgregat> {
        let illisible = || ErreurAgregat::CleIllisible { nom: nom.into() };
        let c: CleInstallation = serde_json::from_slice(octets).map_err(|_| illisible())?;
        let valide = c.format == FORMAT_CLE
            && depuis_hex::<32>(&c.cle).is_some_and(|k| VerifyingKey::from_bytes(&k).is_ok());
        if valide {
            Ok(c)
        } else {
            Err(illisible())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agregat {
    pub format: String,
    pub version: u32,
    pub sources: Vec<Source>,
    /// Somme de contrôle des sources : un fichier modifié à la main est refusé.
    pub controle: String,
}

/// FNV-1a 64 bits sur le texte JSON des sources.
fn somme_controle(sources: &[Source]) -> String {
    let texte = serde_json::to_string(sources).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in texte.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Agregat {
    fn new(mut sources: Vec<Source>) -> Agregat {
        sources.sort_by_key(|s| (s.installation, s.extrait));
        Agregat {
            format: FORMAT.into(),
            version: VERSION,
            controle: somme_controle(&sources),
            sources,
        }
    }

    /// L'extraction de cette installation, signée de sa clé : toutes les cases de la période.
    pub fn extraire(
        t: &Indicateurs,
        bornes: Bornes,
        installation: Uuid,
        cle: &SigningKey,
    ) -> Agregat {
        let mut cases = Vec::new();
        for ((m, a), c) in t {
            for ((cle, detail), cell) in &c.cellules {
                if cell.total == 0 && cell.somme == 0 {
                    continue;
                }
                cases.push(Case {
                    mois: m.to_string(),
                    agence: a.clone(),
                    indicateur: cle.code().into(),
                    detail: detail.clone(),
                    total: cell.total,
                    brsa: cell.brsa,
                    somme: cell.somme,
                });
            }
        }
        let mut source = Source {
            installation,
            extrait: Uuid::new_v4(),
            de: bornes.de.to_string(),
            a: bornes.a.to_string(),
            calcule_le: bornes.aujourdhui,
            cases,
            cle: en_hex(cle.verifying_key().as_bytes()),
            signature: String::new(),
        };
        source.signature = en_hex(&cle.sign(&source.contenu()).to_bytes());
        Agregat::new(vec![source])
    }

    pub fn octets(&self) -> Result<Vec<u8>, ErreurAgregat> {
        serde_json::to_vec_pretty(self).map_err(|e| ErreurAgregat::Serialisation(Arc::new(e)))
    }

    /// Lit et vérifie un fichier d'agrégat ; `nom` sert aux messages.
    pub fn lire(octets: &[u8], nom: &str) -> Result<Agregat, ErreurAgregat> {
        use ErreurAgregat as E;
        let nom = nom.to_string();
        let a: Agregat =
            serde_json::from_slice(octets).map_err(|_| E::Illisible { nom: nom.clone() })?;
        if a.format != FORMAT {
            return Err(E::PasUnAgregat { nom });
        }
        if a.version < VERSION {
            return Err(E::Ancien { nom });
        }
        if a.version != VERSION {
            return Err(E::Version {
                nom,
                version: a.version,
                attendu: VERSION,
            });
        }
        if somme_controle(&a.sources) != a.controle {
            return Err(E::Altere { nom });
        }
        let mois = |t: &str| {
            Mois::lire(t).map_err(|source| E::Mois {
                nom: nom.clone(),
                source,
            })
        };
        for s in &a.sources {
            if !s.signature_valide() {
                return Err(E::Altere { nom });
            }
            let de = mois(&s.de)?;
            let fin = mois(&s.a)?;
            if de > fin || de.jusqua(fin).len() > MOIS_MAX {
                return Err(E::PeriodeHorsBornes {
                    nom,
                    de: s.de.clone(),
                    a: s.a.clone(),
                });
            }
            for c in &s.cases {
                let m = mois(&c.mois)?;
                if m < de || m > fin {
                    return Err(E::HorsPeriode { nom, mois: m });
                }
                if Cle::depuis_code(&c.indicateur).is_none() {
                    return Err(E::IndicateurInconnu {
                        nom,
                        code: c.indicateur.clone(),
                    });
                }
                if c.brsa > c.total {
                    return Err(E::PlusDeBrsaQueDePersonnes { nom });
                }
            }
        }
        Ok(a)
    }

    /// Fusionne des agrégats : chaque extraction n'est retenue qu'une fois ; deux extractions
    /// différentes d'une même installation sur des mois communs sont refusées (elles
    /// compteraient deux fois les mêmes dossiers).
    pub fn fusionner(agregats: &[(String, Agregat)]) -> Result<Agregat, ErreurAgregat> {
        let mut retenues: BTreeMap<(Uuid, Uuid), (String, Source)> = BTreeMap::new();
        for (nom, a) in agregats {
            for s in &a.sources {
                match retenues.get(&(s.installation, s.extrait)) {
                    Some((_, deja)) if deja == s => {}
                    Some((autre, _)) => {
                        return Err(ErreurAgregat::MemeExtractionDifferente {
                            nom: nom.clone(),
                            autre: autre.clone(),
                        })
                    }
                    None => {
                        for ((inst, _), (autre, t)) in &retenues {
                            if *inst != s.installation && t.chiffres() == s.chiffres() {
                                return Err(ErreurAgregat::ContenuIdentique {
                                    nom: nom.clone(),
                                    autre: autre.clone(),
                                });
                            }
                            if *inst == s.installation && t.de <= s.a && s.de <= t.a {
                                return Err(ErreurAgregat::Chevauchement {
                                    nom: nom.clone(),
                                    autre: autre.clone(),
                                    periode: format!("{} à {}", s.de, s.a),
                                    periode_autre: format!("{} à {}", t.de, t.a),
                                });
                            }
                        }
                        retenues.insert((s.installation, s.extrait), (nom.clone(), s.clone()));
                    }
                }
            }
        }
        if retenues.is_empty() {
            return Err(ErreurAgregat::Vide);
        }
        Ok(Agregat::new(
            retenues.into_values().map(|(_, s)| s).collect(),
        ))
    }

    /// Nombre d'installations distinctes.
    pub fn installations(&self) -> usize {
        let mut v: Vec<Uuid> = self.sources.iter().map(|s| s.installation).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    }

    /// La période couverte et la date de calcul la plus récente.
    pub fn bornes(&self) -> Option<Bornes> {
        let de = self
            .sources
            .iter()
            .filter_map(|s| Mois::lire(&s.de).ok())
            .min()?;
        let a = self
            .sources
            .iter()
            .filter_map(|s| Mois::lire(&s.a).ok())
            .max()?;
        let aujourdhui = self.sources.iter().map(|s| s.calcule_le).max()?;
        Some(Bornes { de, a, aujourdhui })
    }

    /// Les indicateurs de toutes les sources additionnées ; un total qui dépasserait ce
    /// qu'un compte peut tenir est refusé, jamais replié en silence.
    pub fn indicateurs(&self) -> Result<Indicateurs, ErreurAgregat> {
        let mut sommes: BTreeMap<(Mois, String, Cle, String), Cellule> = BTreeMap::new();
        for s in &self.sources {
            for c in &s.cases {
                let (Ok(m), Some(cle)) = (Mois::lire(&c.mois), Cle::depuis_code(&c.indicateur))
                else {
                    continue;
                };
                let x = sommes
                    .entry((m, c.agence.clone(), cle, c.detail.clone()))
                    .or_default();
                let somme = (
                    x.total.checked_add(c.total),
                    x.brsa.checked_add(c.brsa),
                    x.somme.checked_add(c.somme),
                );
                let (Some(total), Some(brsa), Some(somme)) = somme else {
                    return Err(ErreurAgregat::Debordement {
                        mois: m,
                        agence: c.agence.clone(),
                    });
                };
                *x = Cellule { total, brsa, somme };
            }
        }
        let mut t = Indicateurs::new();
        for ((m, agence, cle, detail), c) in sommes {
            t.entry((m, agence)).or_default().ajouter(cle, &detail, &c);
        }
        Ok(t)
    }
}

/// Pourquoi un fichier d'agrégat est refusé ; `nom` est le fichier, pour le message.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurAgregat {
    #[error("{nom} n'est pas un fichier d'agrégat de Binôme lisible (JSON attendu, produit par « binome indicateurs --format agregat »).")]
    Illisible { nom: String },
    #[error("{nom} n'est pas un fichier d'agrégat d'indicateurs de Binôme.")]
    PasUnAgregat { nom: String },
    #[error("{nom} est au format d'agrégat n° {version} ; ce Binôme lit le n° {attendu} : mettez Binôme à jour.")]
    Version {
        nom: String,
        version: u32,
        attendu: u32,
    },
    #[error("{nom} a été modifié après son export (somme de contrôle fausse) : demandez un nouvel export à l'installation qui l'a produit.")]
    Altere { nom: String },
    #[error("{nom} : {source}")]
    Mois {
        nom: String,
        #[source]
        source: super::ErreurMois,
    },
    #[error("{nom} : le mois {mois} est hors de la période de l'extraction.")]
    HorsPeriode { nom: String, mois: Mois },
    #[error("{nom} : indicateur inconnu « {code} » (fichier d'une version plus récente ?).")]
    IndicateurInconnu { nom: String, code: String },
    #[error("{nom} : une case compte plus de BRSA que de personnes.")]
    PlusDeBrsaQueDePersonnes { nom: String },
    #[error("{nom} et {autre} contiennent la même extraction avec des chiffres différents : fichier altéré.")]
    MemeExtractionDifferente { nom: String, autre: String },
    #[error("{nom} et {autre} sont deux extractions de la même installation sur des mois communs ({periode} et {periode_autre}) : gardez-en une seule pour ne pas compter deux fois les mêmes dossiers.")]
    Chevauchement {
        nom: String,
        autre: String,
        periode: String,
        periode_autre: String,
    },
    #[error("aucun fichier d'agrégat à fusionner.")]
    Vide,
    #[error("{nom} vient d'une version précédente de Binôme (agrégat non signé) : demandez un nouvel export à l'installation qui l'a produit.")]
    Ancien { nom: String },
    #[error("{nom} couvre une période impossible ({de} à {a}) : une extraction couvre au plus 10 ans, dans l'ordre.")]
    PeriodeHorsBornes { nom: String, de: String, a: String },
    #[error("{nom} et {autre} contiennent exactement les mêmes chiffres sous deux installations différentes : l'un est une copie ; gardez le fichier d'origine.")]
    ContenuIdentique { nom: String, autre: String },
    #[error("les comptes du mois {mois} pour l'agence « {agence} » dépassent ce qu'un total peut tenir : un des fichiers est faux.")]
    Debordement { mois: Mois, agence: String },
    #[error("{nom} n'est pas un fichier de clé d'installation de Binôme (produit par « binome indicateurs cle »).")]
    CleIllisible { nom: String },
    #[error("l'agrégat n'a pas pu être mis en JSON : {0}")]
    Serialisation(#[source] Arc<serde_json::Error>),
}
