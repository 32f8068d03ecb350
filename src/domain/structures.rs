//! Référentiel des territoires : communes du département, pôles d'insertion (annexe 4),
//! maisons de la solidarité et agences Pôle emploi. Ce sont des données, modifiables :
//! un fichier `structures.json` placé dans le dossier de données remplace celui livré.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::texte::TexteCourt;

pub const STRUCTURES_JSON: &str = include_str!("../../assets/referentiels/structures.json");
pub const COMMUNES_CSV: &str = include_str!("../../assets/referentiels/communes.csv");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub insee: TexteCourt,
    pub nom: TexteCourt,
    pub codes_postaux: Vec<TexteCourt>,
    pub latitude: f64,
    pub longitude: f64,
    pub departement: TexteCourt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Territoire {
    pub code: String,
    pub nom: String,
    /// Codes INSEE des communes (ou arrondissements de Marseille) couverts.
    pub communes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agence {
    pub code: String,
    pub nom: String,
    /// Commune où l'agence se trouve.
    pub commune: String,
    pub communes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structures {
    pub version: String,
    pub source: String,
    pub poles_insertion: Vec<Territoire>,
    pub mds: Vec<Territoire>,
    pub agences: Vec<Agence>,
    /// Les missions locales et leur territoire (cotraitance des jeunes demandeurs d'emploi).
    #[serde(default)]
    pub missions_locales: Vec<Territoire>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurStructures {
    #[error("Le fichier des structures est illisible : {0}")]
    Illisible(String),
    #[error("Le fichier des communes est illisible, ligne {ligne} : {message}")]
    Communes { ligne: usize, message: String },
    #[error("Le code « {0} » est utilisé par deux structures.")]
    CodeEnDouble(String),
    #[error("La structure « {structure} » cite la commune {commune}, absente du référentiel des communes.")]
    CommuneInconnue { structure: String, commune: String },
}

impl Structures {
    pub fn lire(json: &str) -> Result<Structures, ErreurStructures> {
        serde_json::from_str(json).map_err(|e| ErreurStructures::Illisible(e.to_string()))
    }

    pub fn pole_de(&self, insee: &str) -> Option<&Territoire> {
        self.poles_insertion
            .iter()
            .find(|t| t.communes.iter().any(|c| c == insee))
    }

    pub fn mission_locale_de(&self, insee: &str) -> Option<&Territoire> {
        self.missions_locales
            .iter()
            .find(|t| t.communes.iter().any(|c| c == insee))
    }

    pub fn mds_de(&self, insee: &str) -> Option<&Territoire> {
        self.mds
            .iter()
            .find(|t| t.communes.iter().any(|c| c == insee))
    }

    pub fn agence_de(&self, insee: &str) -> Option<&Agence> {
        self.agences
            .iter()
            .find(|a| a.communes.iter().any(|c| c == insee))
    }

    pub fn agence(&self, code: &str) -> Option<&Agence> {
        self.agences.iter().find(|a| a.code == code)
    }

    /// Le nom d'un pôle d'insertion, d'une MDS ou d'une agence, à partir de son code.
    pub fn nom(&self, code: &str) -> Option<&str> {
        self.poles_insertion
            .iter()
            .chain(&self.mds)
            .chain(&self.missions_locales)
            .find(|t| t.code == code)
            .map(|t| t.nom.as_str())
            .or_else(|| self.agence(code).map(|a| a.nom.as_str()))
    }
}

/// Communes et structures ensemble, vérifiées l'une par rapport à l'autre. Les communes
/// (toute la France) et leurs index sont partagés : lus une fois, jamais recopiés.
#[derive(Debug, Clone)]
pub struct Referentiel {
    pub structures: Structures,
    pub communes: Arc<Vec<Commune>>,
    index: Arc<IndexCommunes>,
    /// Couverte par une agence installée (le territoire des structures).
    du_territoire: Vec<bool>,
}

/// Des clés courtes, sans allocation, hachées par FxHash (qui suffit à des clés venues du
/// référentiel livré) : les communes se lisent en ≈ 20 ms au lieu de 28.
#[derive(Debug)]
struct IndexCommunes {
    par_insee: FxHashMap<TexteCourt, usize>,
    /// Le nom de chaque commune sans accents ni casse, dans l'ordre des communes : la
    /// France entière se cherche sans tout renormaliser à chaque frappe.
    noms: Vec<String>,
    par_nom: FxHashMap<TexteCourt, Vec<usize>>,
    par_code_postal: FxHashMap<TexteCourt, Vec<usize>>,
}

type Communes = (Arc<Vec<Commune>>, Arc<IndexCommunes>);

fn indexer(communes: Vec<Commune>) -> Communes {
    // Les noms (à normaliser, le plus long) d'un côté, les codes de l'autre.
    let par_noms = || {
        let noms: Vec<String> = communes
            .iter()
            .map(|c| super::texte::normaliser(&c.nom))
            .collect();
        let mut par_nom: FxHashMap<TexteCourt, Vec<usize>> = FxHashMap::default();
        for (i, n) in noms.iter().enumerate() {
            par_nom
                .entry(TexteCourt::from(n.as_str()))
                .or_default()
                .push(i);
        }
        (noms, par_nom)
    };
    let par_codes = || {
        let par_insee = communes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.insee.clone(), i))
            .collect::<FxHashMap<_, _>>();
        let mut par_code_postal: FxHashMap<TexteCourt, Vec<usize>> = FxHashMap::default();
        for (i, c) in communes.iter().enumerate() {
            for cp in &c.codes_postaux {
                par_code_postal.entry(cp.clone()).or_default().push(i);
            }
        }
        (par_insee, par_code_postal)
    };
    // Sur les deux cœurs du poste, pendant qu'Argon2 vérifie le mot de passe.
    let ((noms, par_nom), codes) = super::parallele::en_parallele(par_noms, par_codes);
    let (par_insee, par_code_postal) = codes.unwrap_or_else(par_codes);
    (
        Arc::new(communes),
        Arc::new(IndexCommunes {
            par_insee,
            noms,
            par_nom,
            par_code_postal,
        }),
    )
}

/// Les communes embarquées, lues une seule fois par processus.
fn communes_embarquees() -> Result<Communes, ErreurStructures> {
    static LUES: std::sync::OnceLock<Result<Communes, ErreurStructures>> =
        std::sync::OnceLock::new();
    LUES.get_or_init(|| lire_communes(COMMUNES_CSV).map(indexer))
        .clone()
}

impl Referentiel {
    /// Le référentiel livré ; sa cohérence est vérifiée par les tests.
    pub fn embarque() -> Referentiel {
        Referentiel::lire(STRUCTURES_JSON, COMMUNES_CSV)
            .unwrap_or_else(|e| panic!("référentiel embarqué: {e}"))
    }

    pub fn lire(
        structures_json: &str,
        communes_csv: &str,
    ) -> Result<Referentiel, ErreurStructures> {
        let structures = Structures::lire(structures_json)?;
        let (communes, index) = if std::ptr::eq(communes_csv, COMMUNES_CSV) {
            communes_embarquees()?
        } else {
            indexer(lire_communes(communes_csv)?)
        };
        let mut codes = std::collections::HashSet::new();
        let territoires = structures
            .poles_insertion
            .iter()
            .chain(&structures.mds)
            .chain(&structures.missions_locales)
            .map(|t| (&t.code, &t.nom, &t.communes))
            .chain(
                structures
                    .agences
                    .iter()
                    .map(|a| (&a.code, &a.nom, &a.communes)),
            );
        for (code, nom, liste) in territoires {
            if !codes.insert(code.clone()) {
                return Err(ErreurStructures::CodeEnDouble(code.clone()));
            }
            if let Some(c) = liste
                .iter()
                .find(|c| !index.par_insee.contains_key(c.as_str()))
            {
                return Err(ErreurStructures::CommuneInconnue {
                    structure: nom.clone(),
                    commune: c.clone(),
                });
            }
        }
        let mut du_territoire = vec![false; communes.len()];
        for c in structures.agences.iter().flat_map(|a| &a.communes) {
            if let Some(&i) = index.par_insee.get(c.as_str()) {
                du_territoire[i] = true;
            }
        }
        Ok(Referentiel {
            structures,
            communes,
            index,
            du_territoire,
        })
    }

    pub fn commune(&self, insee: &str) -> Option<&Commune> {
        self.index.par_insee.get(insee).map(|&i| &self.communes[i])
    }

    /// La commune saisie (nom ou code INSEE) ; le code postal, s'il est donné, départage
    /// les homonymes. `None` si elle est inconnue ou ambiguë.
    pub fn commune_saisie(&self, saisie: &str, code_postal: &str) -> Option<&Commune> {
        let t = saisie.trim();
        if t.is_empty() {
            return None;
        }
        if let Some(c) = self.commune(&t.to_uppercase()) {
            return Some(c);
        }
        let n = super::texte::normaliser(t);
        let cp = code_postal.trim();
        let mut candidates = self
            .index
            .par_nom
            .get(n.as_str())
            .into_iter()
            .flatten()
            .map(|&i| &self.communes[i])
            .filter(|c| cp.is_empty() || c.codes_postaux.iter().any(|p| p == cp));
        match (candidates.next(), candidates.next()) {
            (Some(une), None) => Some(une),
            _ => None,
        }
    }

    /// Les communes qu'une agence installée couvre : le territoire que décrivent les
    /// structures (la démonstration y place ses personnes et ses ressources).
    pub fn communes_du_territoire(&self) -> Vec<&Commune> {
        self.communes
            .iter()
            .zip(&self.du_territoire)
            .filter(|(_, t)| **t)
            .map(|(c, _)| c)
            .collect()
    }

    /// Les communes dont un code postal est celui-ci.
    pub fn communes_du_code_postal(&self, cp: &str) -> Vec<&Commune> {
        self.index
            .par_code_postal
            .get(cp)
            .into_iter()
            .flatten()
            .map(|&i| &self.communes[i])
            .collect()
    }

    /// L'autocomplétion : les communes dont un mot du nom commence par `t` (déjà
    /// normalisé), ou dont le code INSEE ou un code postal commence par lui ; celles du
    /// code postal déjà saisi (`code_postal`, vide sinon) d'abord, puis celles du
    /// territoire des structures installées, puis celles dont le nom commence par la
    /// saisie, les plus courts avant.
    pub fn communes_commencant(&self, t: &str, code_postal: &str, max: usize) -> Vec<&Commune> {
        let mut trouvees: Vec<usize> = (0..self.communes.len())
            .filter(|&i| {
                let c = &self.communes[i];
                super::texte::correspond(&self.index.noms[i], t)
                    || c.insee.starts_with(t)
                    || c.codes_postaux.iter().any(|p| p.starts_with(t))
            })
            .collect();
        let cp = code_postal.trim();
        trouvees.sort_by_key(|&i| {
            (
                cp.is_empty() || !self.communes[i].codes_postaux.iter().any(|p| p == cp),
                !self.du_territoire[i],
                !self.index.noms[i].starts_with(t),
                self.index.noms[i].len(),
                i,
            )
        });
        trouvees
            .into_iter()
            .take(max)
            .map(|i| &self.communes[i])
            .collect()
    }
}

fn lire_communes(csv: &str) -> Result<Vec<Commune>, ErreurStructures> {
    let (entete, corps) = csv.split_once('\n').unwrap_or((csv, ""));
    let entete = entete.strip_suffix('\r').unwrap_or(entete);
    if entete.trim_start_matches('\u{feff}')
        != "insee;nom;codes_postaux;latitude;longitude;departement"
    {
        return Err(ErreurStructures::Communes {
            ligne: 1,
            message: "en-tête inattendu".into(),
        });
    }
    // Deux moitiés, coupées à une fin de ligne, lues chacune sur son fil.
    let milieu = corps.len() / 2;
    let coupe = corps.as_bytes()[milieu..]
        .iter()
        .position(|&o| o == b'\n')
        .map_or(corps.len(), |p| milieu + p + 1);
    let (debut, fin) = corps.split_at(coupe);
    let premiere_de_fin = 2 + debut.bytes().filter(|&o| o == b'\n').count();
    let lire_fin = || lire_lignes_communes(fin, premiere_de_fin);
    let (lues, suite) = super::parallele::en_parallele(|| lire_lignes_communes(debut, 2), lire_fin);
    let mut communes = lues?;
    communes.extend(suite.unwrap_or_else(lire_fin)?);
    Ok(communes)
}

/// Les lignes de données du fichier des communes ; `premiere` est le numéro de la première
/// dans le fichier (pour les messages).
fn lire_lignes_communes(texte: &str, premiere: usize) -> Result<Vec<Commune>, ErreurStructures> {
    // ≈ 43 octets par ligne dans le fichier livré : la liste n'est pas agrandie en route.
    let mut communes = Vec::with_capacity(texte.len() / 40);
    for (i, ligne) in texte.lines().enumerate() {
        if ligne.trim().is_empty() {
            continue;
        }
        let erreur = |message: &str| ErreurStructures::Communes {
            ligne: premiere + i,
            message: message.into(),
        };
        // Les six champs sans liste intermédiaire (une allocation de moins par commune).
        let mut m = ligne.split(';');
        let (Some(insee), Some(nom), Some(cps), Some(lat), Some(lon), Some(dep), None) = (
            m.next(),
            m.next(),
            m.next(),
            m.next(),
            m.next(),
            m.next(),
            m.next(),
        ) else {
            return Err(erreur("6 colonnes attendues"));
        };
        communes.push(Commune {
            insee: insee.into(),
            nom: nom.into(),
            codes_postaux: cps.split(',').map(TexteCourt::from).collect(),
            latitude: lat.parse().map_err(|_| erreur("latitude invalide"))?,
            longitude: lon.parse().map_err(|_| erreur("longitude invalide"))?,
            departement: dep.into(),
        });
    }
    Ok(communes)
}

/// Une ligne du fichier des structures d'un département (CSV) : `type;code;nom;commune;communes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenreLigne {
    PoleInsertion,
    Mds,
    Agence,
    MissionLocale,
}

impl GenreLigne {
    fn lire(t: &str) -> Option<GenreLigne> {
        match super::texte::sans_ponctuation(t).as_str() {
            "pole insertion" | "pole d insertion" | "pole" | "pi" => {
                Some(GenreLigne::PoleInsertion)
            }
            "mds" | "maison de la solidarite" | "maison departementale de la solidarite" => {
                Some(GenreLigne::Mds)
            }
            "agence" | "agence france travail" | "agence ft" | "agence pole emploi" => {
                Some(GenreLigne::Agence)
            }
            "mission locale" | "ml" => Some(GenreLigne::MissionLocale),
            _ => None,
        }
    }
}

/// Les en-têtes du fichier des structures, dans l'ordre.
pub const COLONNES_STRUCTURES: [&str; 5] = ["type", "code", "nom", "commune", "communes"];

/// Fait les structures d'un département à partir des lignes d'un fichier (numéro de ligne,
/// cellules dans l'ordre de [`COLONNES_STRUCTURES`]). Chaque ligne est vérifiée : type connu,
/// code unique, nom, communes du référentiel (`dep:59` : toutes celles du département 59),
/// une commune couverte par une seule structure de chaque type.
pub fn structures_depuis_lignes(
    lignes: &[(usize, Vec<String>)],
    communes: &Referentiel,
    version: &str,
    source: &str,
) -> Result<Structures, Vec<(usize, String)>> {
    let mut erreurs = Vec::new();
    let mut s = Structures {
        version: version.to_string(),
        source: source.to_string(),
        poles_insertion: Vec::new(),
        mds: Vec::new(),
        agences: Vec::new(),
        missions_locales: Vec::new(),
    };
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut couvertes: HashMap<(u8, String), (String, usize)> = HashMap::new();
    for (n, cellules) in lignes {
        let cellule = |i: usize| cellules.get(i).map_or("", |c| c.trim());
        let mut e = |m: String| erreurs.push((*n, m));
        let Some(genre) = GenreLigne::lire(cellule(0)) else {
            e(format!(
                "type « {} » inconnu : écrivez « pole_insertion », « mds », « agence » ou « mission_locale ».",
                cellule(0)
            ));
            continue;
        };
        let (code, nom) = (cellule(1), cellule(2));
        if code.is_empty() || nom.is_empty() {
            e("le code et le nom de la structure sont obligatoires.".into());
            continue;
        }
        if let Some(premiere) = codes.insert(code.to_string(), *n) {
            e(format!("le code « {code} » est déjà celui de la ligne {premiere} : chaque structure a son code."));
            continue;
        }
        let mut liste = Vec::new();
        let mut inconnues = Vec::new();
        for c in cellule(4)
            .split([',', ' ', ';', '|'])
            .filter(|c| !c.is_empty())
        {
            if let Some(dep) = c.strip_prefix("dep:") {
                let du_dep: Vec<String> = communes
                    .communes
                    .iter()
                    .filter(|x| x.departement == dep)
                    .map(|x| x.insee.to_string())
                    .collect();
                if du_dep.is_empty() {
                    inconnues.push(c.to_string());
                }
                liste.extend(du_dep);
            } else if communes.commune(c).is_some() {
                liste.push(c.to_string());
            } else {
                inconnues.push(c.to_string());
            }
        }
        if !inconnues.is_empty() {
            e(format!(
                "commune(s) inconnue(s) du référentiel : {} (codes INSEE ; Paris, Lyon et Marseille par arrondissements : 75101…, 69381…, 13201…).",
                inconnues.join(", ")
            ));
            continue;
        }
        if liste.is_empty() {
            e(
                "aucune commune couverte : indiquez leurs codes INSEE (colonne « communes »)."
                    .into(),
            );
            continue;
        }
        let rang = genre as u8;
        if let Some((c, (autre, ligne))) = liste
            .iter()
            .find_map(|c| couvertes.get(&(rang, c.clone())).map(|x| (c, x)))
        {
            e(format!("la commune {c} est déjà couverte par {autre} (ligne {ligne}) : une commune relève d'une seule structure de chaque type."));
            continue;
        }
        for c in &liste {
            couvertes.insert((rang, c.clone()), (code.to_string(), *n));
        }
        match genre {
            GenreLigne::PoleInsertion | GenreLigne::Mds | GenreLigne::MissionLocale => {
                let t = Territoire {
                    code: code.to_string(),
                    nom: nom.to_string(),
                    communes: liste,
                };
                match genre {
                    GenreLigne::Mds => s.mds.push(t),
                    GenreLigne::MissionLocale => s.missions_locales.push(t),
                    _ => s.poles_insertion.push(t),
                }
            }
            GenreLigne::Agence => {
                let siege = match cellule(3) {
                    "" => liste[0].clone(),
                    c if communes.commune(c).is_some() => c.to_string(),
                    c => {
                        e(format!("la commune de l'agence « {c} » est inconnue du référentiel (code INSEE)."));
                        continue;
                    }
                };
                s.agences.push(Agence {
                    code: code.to_string(),
                    nom: nom.to_string(),
                    commune: siege,
                    communes: liste,
                });
            }
        }
    }
    if erreurs.is_empty() && s.agences.is_empty() {
        erreurs.push((0, "aucune agence France Travail : le fichier doit en décrire au moins une (les dossiers s'y rattachent).".into()));
    }
    if erreurs.is_empty() {
        Ok(s)
    } else {
        Err(erreurs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn une_ligne_de_communes_a_exactement_six_colonnes() {
        let entete = "insee;nom;codes_postaux;latitude;longitude;departement\n";
        let lues = lire_communes(&format!(
            "{entete}13201;Marseille 1er;13001;43.3;5.38;13\n13055;Marseille;13001,13002;43.29;5.37;13\n"
        ))
        .expect("deux communes");
        assert_eq!(lues[1].codes_postaux, ["13001", "13002"]);
        for (ligne, csv) in [
            (3, format!("{entete}13201;Marseille 1er;13001;43.3;5.38;13\n13055;Marseille;13001;43.29;5.37\n")),
            (2, format!("{entete}13201;Marseille 1er;13001;43.3;5.38;13;en trop\n")),
        ] {
            assert_eq!(
                lire_communes(&csv),
                Err(ErreurStructures::Communes {
                    ligne,
                    message: "6 colonnes attendues".into()
                })
            );
        }
    }
}
