//! Lecture des fichiers à importer : exports data·inclusion (schéma v1 et anciens v0, en
//! JSON ou CSV, réponses de l'API comprises) et modèle CSV de Binôme. Chaque ligne est
//! lue et vérifiée ; le store n'écrit rien si une seule est en erreur.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::modele_csv;
use crate::domain::date::Jour;
use crate::domain::ressources::{
    referentiels, Cible, Contexte, Horaires, ModaliteAcces, Ressource,
};

pub use crate::domain::ressources::lecture::{Issue, LigneLue};

/// Un export data·inclusion national tient largement dans cette taille.
pub const MAX_IMPORT_MO: u64 = 512;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurImport {
    #[error(transparent)]
    Fichier(#[from] crate::fichiers::ErreurFichier),
    #[error("{fichier} : {message}")]
    Format { fichier: String, message: String },
}

/// Lit plusieurs fichiers ensemble : les structures d'un fichier servent aux services d'un
/// autre (nom de la structure, horaires, site).
pub fn lire_fichiers(
    chemins: &[&Path],
    ctx: Contexte,
    aujourdhui: Jour,
) -> Result<Vec<LigneLue>, ErreurImport> {
    let mut lots = Vec::new();
    for c in chemins {
        let octets = crate::fichiers::lire_borne(c, MAX_IMPORT_MO)?;
        let nom = c
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        lots.push((nom, octets));
    }
    let lots: Vec<(&str, &[u8])> = lots.iter().map(|(n, o)| (n.as_str(), &o[..])).collect();
    lire(&lots, ctx, aujourdhui)
}

/// Un élément brut : soit une ligne du modèle (déjà convertie), soit un objet data·inclusion.
enum Brut {
    Modele(Result<Box<Ressource>, String>),
    Objet(Map<String, Value>),
}

pub fn lire(
    fichiers: &[(&str, &[u8])],
    ctx: Contexte,
    aujourdhui: Jour,
) -> Result<Vec<LigneLue>, ErreurImport> {
    let mut bruts: Vec<(String, usize, Brut)> = Vec::new();
    for (nom, octets) in fichiers {
        // Un classeur (XLSX, une archive ZIP) : le modèle de dépôt de data·inclusion.
        if octets.starts_with(b"PK\x03\x04") {
            for (feuille, n, b) in lire_xlsx(octets).map_err(|m| ErreurImport::Format {
                fichier: nom.to_string(),
                message: m,
            })? {
                bruts.push((format!("{nom} (feuille {feuille})"), n, b));
            }
            continue;
        }
        let format = |message: String| ErreurImport::Format {
            fichier: nom.to_string(),
            message,
        };
        // JSON (data·inclusion) s'il commence par un tableau ou un objet ; sinon un CSV,
        // dont le codage, le séparateur et l'en-tête se devinent comme pour tout tableau.
        let json = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(octets);
        if matches!(
            json.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'[' | b'{')
        ) {
            let v: Value = serde_json::from_slice(json)
                .map_err(|e| format(format!("JSON illisible ({e})")))?;
            for (i, o) in objets_json(v).map_err(format)?.into_iter().enumerate() {
                bruts.push((nom.to_string(), i + 1, o));
            }
        } else {
            for (n, b) in lire_csv(octets).map_err(format)? {
                bruts.push((nom.to_string(), n, b));
            }
        }
    }
    // Les structures d'abord, pour compléter les services qui les citent.
    let mut structures: HashMap<String, Map<String, Value>> = HashMap::new();
    for (_, _, b) in &bruts {
        if let Brut::Objet(o) = b {
            if est_structure(o) {
                if let Some(id) = texte(o, "id") {
                    structures.insert(id, o.clone());
                }
            }
        }
    }
    let mut vus: HashSet<(String, String)> = HashSet::new();
    let mut lignes = Vec::new();
    for (fichier, numero, b) in bruts {
        let mut avertissements = Vec::new();
        let (reference, issue) = match b {
            Brut::Objet(o) if est_structure(&o) => continue,
            Brut::Objet(o) if !est_service(&o) => (
                texte(&o, "id").unwrap_or_default(),
                Issue::Erreur(
                    "ni un service ni une structure data·inclusion : un service a « id », « nom » et « thematiques » (ou « structure_id ») ; une structure, « id » et « nom »"
                        .into(),
                ),
            ),
            Brut::Objet(o) => {
                let reference = texte(&o, "id").unwrap_or_else(|| "sans identifiant".into());
                let issue = match service(&o, &structures, &mut avertissements) {
                    Ok(Some(r)) => Issue::Valide(Box::new(r)),
                    Ok(None) => Issue::Ignoree(
                        "aucune thématique ne relève des 7 familles de freins".into(),
                    ),
                    Err(m) => Issue::Erreur(m),
                };
                (reference, issue)
            }
            Brut::Modele(Ok(r)) => (r.source_id.clone(), Issue::Valide(r)),
            Brut::Modele(Err(m)) => (String::new(), Issue::Erreur(m)),
        };
        let issue = match issue {
            Issue::Valide(mut r) => match verifier(&mut r, ctx, aujourdhui, &mut avertissements) {
                Ok(()) if !vus.insert((r.source.clone(), r.source_id.clone())) => {
                    Issue::Erreur(format!("l'identifiant {} apparaît deux fois", r.source_id))
                }
                Ok(()) => Issue::Valide(r),
                Err(m) => Issue::Erreur(m),
            },
            autre => autre,
        };
        let reference = match (&issue, reference.is_empty()) {
            (Issue::Valide(r), true) => r.nom.clone(),
            _ => reference,
        };
        lignes.push(LigneLue {
            fichier,
            numero,
            reference,
            issue,
            avertissements,
        });
    }
    // Rien à importer n'est pas un succès : dire ce qui était attendu.
    if lignes.is_empty() {
        let noms: Vec<&str> = fichiers.iter().map(|(n, _)| *n).collect();
        return Err(ErreurImport::Format {
            fichier: noms.join(", "),
            message: if structures.is_empty() {
                "aucun service ni aucune structure : le fichier est vide, ou n'a que son en-tête"
                    .into()
            } else {
                format!(
                    "{} structure(s), mais aucun service : joignez le fichier des services de data·inclusion (les structures servent à compléter les services)",
                    structures.len()
                )
            },
        });
    }
    Ok(lignes)
}

fn verifier(
    r: &mut Ressource,
    ctx: Contexte,
    aujourdhui: Jour,
    avertissements: &mut Vec<String>,
) -> Result<(), String> {
    if r.date_maj > aujourdhui {
        return Err(format!(
            "date de mise à jour {} dans le futur",
            crate::domain::date::date_fr(r.date_maj)
        ));
    }
    // Une commune d'un autre département reste importée, sans coordonnées si la source
    // n'en donne pas : la ressource est trouvée par le texte, pas par la distance.
    if !r.commune.is_empty() && ctx.territoire.commune(&r.commune).is_none() && r.latitude.is_none()
    {
        avertissements.push(format!(
            "commune {} hors du référentiel et sans coordonnées : absente des recherches par distance",
            r.commune
        ));
        let commune = std::mem::take(&mut r.commune);
        let res = r.verifier(ctx).map_err(|e| e.to_string());
        r.commune = commune;
        return res;
    }
    r.verifier(ctx).map_err(|e| e.to_string())?;
    if r.latitude.is_none() {
        avertissements
            .push("sans adresse localisable : absente des recherches par distance".into());
    }
    Ok(())
}

fn objets_json(v: Value) -> Result<Vec<Brut>, String> {
    let liste = match v {
        Value::Array(a) => a,
        Value::Object(mut o) => {
            // Page de l'API ({items,…}), export « records » ou GeoJSON.
            match [
                "items",
                "records",
                "data",
                "features",
                "services",
                "structures",
            ]
            .iter()
            .find_map(|k| o.remove(*k))
            {
                Some(Value::Array(a)) => a,
                _ if o.contains_key("id") && o.contains_key("nom") => vec![Value::Object(o)],
                _ => {
                    let cles: Vec<&str> = o.keys().map(String::as_str).take(6).collect();
                    return Err(format!(
                        "forme non reconnue : un objet aux clés « {} ». Attendu : une liste de services ou de structures data·inclusion (tableau JSON, ou objet dont « items », « data », « services » ou « structures » tient la liste), ou un service seul (« id », « nom », « thematiques »)",
                        cles.join(" », « ")
                    ));
                }
            }
        }
        _ => return Err("le JSON doit être une liste de services ou de structures".into()),
    };
    Ok(liste
        .into_iter()
        .map(|e| match e {
            Value::Object(mut o) => {
                // Réponse de la recherche : {service:{…, structure:{…}}, distance}.
                if let Some(Value::Object(s)) = o.remove("service") {
                    o = s;
                }
                // GeoJSON : les champs sont dans « properties ».
                if let Some(Value::Object(p)) = o.remove("properties") {
                    o = p;
                }
                Brut::Objet(o)
            }
            _ => Brut::Modele(Err("élément qui n'est pas un objet JSON".into())),
        })
        .collect())
}

/// Les colonnes d'un export data·inclusion que l'en-tête nomme (pour le reconnaître sous
/// des lignes de titre).
const COLONNES_DATA_INCLUSION: [&str; 8] = [
    "id",
    "structure_id",
    "nom",
    "thematiques",
    "description",
    "code_postal",
    "commune",
    "date_maj",
];

fn lire_csv(octets: &[u8]) -> Result<Vec<(usize, Brut)>, String> {
    let connues = |l: &[String]| {
        l.iter()
            .filter(|c| {
                let c = c.trim();
                modele_csv::COLONNES.contains(&c) || COLONNES_DATA_INCLUSION.contains(&c)
            })
            .count()
    };
    let tableau = crate::formats::tableau::lire(octets, &connues)?;
    let entete = &tableau.entetes;
    let modele = modele_csv::est_modele(entete);
    if !modele && !entete.iter().any(|c| c == "thematiques") {
        return Err(
            "en-tête non reconnu : ni le modèle Binôme (colonne « familles_besoins »), ni un export data·inclusion (colonne « thematiques »)"
                .into(),
        );
    }
    let mut sortie = Vec::new();
    for l in tableau.lignes()? {
        // Ligne d'aide du modèle XLSX du valideur data·inclusion.
        if l.cellules.iter().any(|c| c == "__ignore__") {
            continue;
        }
        let brut = if modele {
            Brut::Modele(modele_csv::lire_ligne(entete, &l.cellules).map(Box::new))
        } else {
            let mut o = Map::new();
            for (k, v) in entete.iter().zip(&l.cellules) {
                if !v.trim().is_empty() {
                    o.insert(k.clone(), Value::String(v.to_string()));
                }
            }
            Brut::Objet(o)
        };
        sortie.push((l.numero, brut));
    }
    Ok(sortie)
}

/// Les feuilles « Structures » et « Services » du modèle XLSX de dépôt de data·inclusion :
/// ligne 1 = noms des champs ; une ligne dont la colonne `__ignore__` n'est pas vide décrit
/// ou illustre (ignorée) ; listes en texte séparé par des virgules ; dates en numéros de
/// série Excel ; codes postaux et SIRET parfois en nombres.
fn lire_xlsx(octets: &[u8]) -> Result<Vec<(String, usize, Brut)>, String> {
    use calamine::{Data, Reader, Xlsx};
    let mut classeur: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(octets))
        .map_err(|e| format!("classeur XLSX illisible ({e})"))?;
    let noms = classeur.sheet_names();
    let trouve = |voulu: &str| {
        noms.iter()
            .find(|n| n.trim().eq_ignore_ascii_case(voulu))
            .cloned()
    };
    let (structures, services) = (trouve("Structures"), trouve("Services"));
    let Some(services) = services else {
        return Err(format!(
            "feuille « Services » introuvable : le modèle de dépôt de data·inclusion a une feuille « Services » (et « Structures ») ; ce classeur a {}",
            noms.iter()
                .map(|n| format!("« {n} »"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let mut sortie = Vec::new();
    for feuille in structures.into_iter().chain([services]) {
        let plage = classeur
            .worksheet_range(&feuille)
            .map_err(|e| format!("feuille « {feuille} » illisible ({e})"))?;
        let mut lignes = plage.rows();
        let entete: Vec<String> = lignes
            .next()
            .map(|l| l.iter().map(|c| c.to_string().trim().to_string()).collect())
            .unwrap_or_default();
        for (i, ligne) in lignes.enumerate() {
            let mut o = Map::new();
            for (cle, cellule) in entete.iter().zip(ligne) {
                let v = match cellule {
                    Data::Empty | Data::Error(_) => continue,
                    Data::String(s) if s.trim().is_empty() => continue,
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                        Value::String(s.clone())
                    }
                    Data::Bool(b) => Value::Bool(*b),
                    Data::Int(n) => Value::from(*n),
                    Data::DateTime(d) => Value::String(date_excel(d.as_f64())),
                    Data::Float(f) if cle.starts_with("date") => Value::String(date_excel(*f)),
                    // 13001.0 → « 13001 » : un code mis en nombre par le tableur.
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Value::from(*f as i64),
                    Data::Float(f) => Value::from(*f),
                };
                o.insert(cle.clone(), v);
            }
            if o.contains_key("__ignore__") || o.is_empty() {
                continue;
            }
            sortie.push((feuille.clone(), i + 2, Brut::Objet(o)));
        }
    }
    Ok(sortie)
}

/// Un numéro de série Excel (jours depuis le 30/12/1899) en date `AAAA-MM-JJ`.
fn date_excel(serie: f64) -> String {
    crate::formats::tableau::date_excel(serie)
        .map(|d| d.to_string())
        .unwrap_or_else(|| serie.to_string())
}

fn est_service(o: &Map<String, Value>) -> bool {
    texte(o, "structure_id").is_some()
        || o.contains_key("thematiques")
        || o.contains_key("structure")
}

/// Une structure : identifiant et nom, sans rien d'un service.
fn est_structure(o: &Map<String, Value>) -> bool {
    !est_service(o) && texte(o, "id").is_some() && texte(o, "nom").is_some()
}

/// Un champ texte ; un nombre devient du texte (codes perdus en nombres par un tableur).
fn texte(o: &Map<String, Value>, cle: &str) -> Option<String> {
    match o.get(cle)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn code(o: &Map<String, Value>, cle: &str) -> Option<String> {
    let t = texte(o, cle)?;
    // 1001 → 01001 : un tableur a mangé le zéro initial.
    Some(if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        format!("0{t}")
    } else {
        t
    })
}

/// Une liste : tableau JSON, ou texte (`["a","b"]`, `{a,b}`, `a,b`) dans les CSV.
fn liste(o: &Map<String, Value>, cle: &str) -> Vec<String> {
    match o.get(cle) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.starts_with('[') {
                if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(s) {
                    return a
                        .iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect();
                }
            }
            s.trim_start_matches(['{', '['])
                .trim_end_matches(['}', ']'])
                .split([',', '|'])
                .map(|x| x.trim().trim_matches('"').trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        }
        _ => Vec::new(),
    }
}

fn nombre(o: &Map<String, Value>, cle: &str) -> Result<Option<f64>, String> {
    match o.get(cle) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .replace(',', ".")
            .parse()
            .map(Some)
            .map_err(|_| format!("{cle} « {s} » n'est pas un nombre")),
        Some(v) => Err(format!("{cle} : valeur inattendue {v}")),
    }
}

/// `AAAA-MM-JJ`, un datetime ISO (tronqué), ou `jj/mm/aaaa`.
fn date(o: &Map<String, Value>) -> Result<Jour, String> {
    let d = texte(o, "date_maj").ok_or("date_maj manquante")?;
    let jour = d.get(..10).unwrap_or(&d);
    chrono::NaiveDate::parse_from_str(jour, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(jour, "%d/%m/%Y"))
        .map_err(|_| format!("date_maj « {d} » illisible (AAAA-MM-JJ attendu)"))
        .and_then(|j| {
            if j < chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(j) {
                Err(format!("date_maj « {d} » antérieure à 2000"))
            } else {
                Ok(j)
            }
        })
}

fn service(
    o: &Map<String, Value>,
    structures: &HashMap<String, Map<String, Value>>,
    avertissements: &mut Vec<String>,
) -> Result<Option<Ressource>, String> {
    let source = texte(o, "source").ok_or("champ « source » manquant")?;
    let id = texte(o, "id").ok_or("champ « id » manquant")?;
    let nom = texte(o, "nom").ok_or("champ « nom » manquant")?;
    let date_maj = date(o)?;
    let thematiques = liste(o, "thematiques");
    let cibles: Vec<Cible> = thematiques
        .iter()
        .filter_map(|t| referentiels::cible_de_thematique(t))
        .collect();
    if cibles.is_empty() {
        return Ok(None);
    }
    // La structure : dans le fichier des structures, ou jointe (API de recherche).
    let jointe = match o.get("structure") {
        Some(Value::Object(s)) => Some(s),
        _ => None,
    };
    let structure_id = texte(o, "structure_id");
    let structure = jointe.or_else(|| structure_id.as_ref().and_then(|s| structures.get(s)));
    let depuis_structure = |cle: &str| structure.and_then(|s| texte(s, cle));
    // Les exports « à plat » portent le nom de la structure sur le service.
    let nom_structure = match depuis_structure("nom")
        .or_else(|| texte(o, "structure_name"))
        .or_else(|| texte(o, "structure_nom"))
    {
        Some(n) => n,
        None => {
            avertissements.push(format!(
                "structure {} absente des fichiers importés : son identifiant tient lieu de nom",
                structure_id.clone().unwrap_or_default()
            ));
            structure_id.clone().unwrap_or_else(|| source.clone())
        }
    };
    let mut publics = Vec::new();
    let mut public = Vec::new();
    for p in liste(o, "publics") {
        if referentiels::public(&p).is_some() {
            publics.push(p);
        } else {
            avertissements.push(format!("public « {p} » inconnu, gardé en clair"));
            public.push(p);
        }
    }
    if publics.len() > 1 {
        publics.retain(|p| p != "tous-publics");
    }
    // v0 : profils (référentiel différent), gardés en clair.
    public.extend(liste(o, "profils"));
    for cle in [
        "publics_precisions",
        "profils_precisions",
        "conditions_acces",
    ] {
        if let Some(t) = texte(o, cle) {
            public.push(t);
        }
    }
    let mobilisable = liste(o, "mobilisable_par");
    let beneficiaire = liste(o, "modes_orientation_beneficiaire");
    let accompagnateur = liste(o, "modes_orientation_accompagnateur");
    let modalite = if mobilisable.iter().any(|m| m == "usagers")
        || beneficiaire.iter().any(|m| m != "autre")
    {
        ModaliteAcces::PremierNiveau
    } else if mobilisable.iter().any(|m| m == "professionnels")
        || accompagnateur.iter().any(|m| m != "autre")
    {
        ModaliteAcces::PrescriptionDirecte
    } else {
        ModaliteAcces::Autre
    };
    let horaires_texte = texte(o, "horaires_accueil")
        .or_else(|| texte(o, "recurrence"))
        .or_else(|| depuis_structure("horaires_accueil"))
        .or_else(|| depuis_structure("horaires_ouverture"))
        .unwrap_or_default();
    let horaires = Horaires::lire(&horaires_texte);
    if !horaires_texte.is_empty() && !horaires.structures() {
        avertissements.push("horaires en texte libre, gardés tels quels".into());
    }
    let adresse = [texte(o, "adresse"), texte(o, "complement_adresse")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let (latitude, longitude) = (nombre(o, "latitude")?, nombre(o, "longitude")?);
    Ok(Some(Ressource {
        // Ordonné dans le temps : les index s'écrivent en fin d'arbre.
        id: Uuid::now_v7(),
        source,
        source_id: id,
        nom,
        structure: nom_structure,
        // Le Markdown des descriptions (titres, gras, liens, `<br>`) se lit en texte.
        description: crate::domain::texte::markdown_en_texte(
            &texte(o, "description")
                .or_else(|| texte(o, "presentation_detail"))
                .or_else(|| texte(o, "presentation_resume"))
                .unwrap_or_default(),
        ),
        publics,
        public: public.join(" ; "),
        modalite,
        adresse,
        code_postal: code(o, "code_postal").unwrap_or_default(),
        commune: code(o, "code_insee").unwrap_or_default(),
        telephone: texte(o, "telephone")
            .or_else(|| depuis_structure("telephone"))
            .unwrap_or_default(),
        courriel: texte(o, "courriel")
            .or_else(|| depuis_structure("courriel"))
            .unwrap_or_default(),
        site: texte(o, "lien_mobilisation")
            .or_else(|| texte(o, "page_web"))
            .or_else(|| depuis_structure("site_web"))
            .or_else(|| texte(o, "site_web"))
            .unwrap_or_default(),
        horaires,
        cibles: dedoublonner(cibles),
        thematiques,
        latitude,
        longitude,
        date_maj,
        auteur: String::new(),
        archivee: false,
    }))
}

fn dedoublonner(mut c: Vec<Cible>) -> Vec<Cible> {
    c.sort();
    c.dedup();
    c
}
