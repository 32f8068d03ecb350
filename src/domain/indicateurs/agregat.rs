//! Chiffres départementaux sans serveur : chaque installation exporte un fichier d'agrégat
//! anonyme (des comptes exacts par mois, agence et indicateur, sans aucune donnée
//! personnelle) ; un coordinateur les fusionne. La fusion est exacte parce que chaque case
//! est un compte ou une somme ; chaque extraction (installation, extrait) n'est comptée
//! qu'une fois, même donnée deux fois. Le secret statistique (« < 5 ») s'applique à ce qui
//! est publié à partir de ces fichiers, pas aux fichiers eux-mêmes.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Bornes, Cellule, Cle, Indicateurs, Mois};
use crate::domain::date::Jour;

pub const FORMAT: &str = "binome-indicateurs-agregat";
pub const VERSION: u32 = 1;

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

    /// L'extraction de cette installation : toutes les cases de la période.
    pub fn extraire(t: &Indicateurs, bornes: Bornes, installation: Uuid) -> Agregat {
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
        Agregat::new(vec![Source {
            installation,
            extrait: Uuid::new_v4(),
            de: bornes.de.to_string(),
            a: bornes.a.to_string(),
            calcule_le: bornes.aujourdhui,
            cases,
        }])
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
            let de = mois(&s.de)?;
            let fin = mois(&s.a)?;
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

    /// Les indicateurs de toutes les sources additionnées.
    pub fn indicateurs(&self) -> Indicateurs {
        let mut t = Indicateurs::new();
        for s in &self.sources {
            for c in &s.cases {
                let (Ok(m), Some(cle)) = (Mois::lire(&c.mois), Cle::depuis_code(&c.indicateur))
                else {
                    continue;
                };
                t.entry((m, c.agence.clone())).or_default().ajouter(
                    cle,
                    &c.detail,
                    &Cellule {
                        total: c.total,
                        brsa: c.brsa,
                        somme: c.somme,
                    },
                );
            }
        }
        t
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
    #[error("l'agrégat n'a pas pu être mis en JSON : {0}")]
    Serialisation(#[source] Arc<serde_json::Error>),
}
