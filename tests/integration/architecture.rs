//! L'architecture, vérifiée sur le code : chaque module de `src/` ne regarde que vers les
//! couches d'en dessous (la table ci-dessous, écrite une seule fois), aucun cycle entre
//! modules de premier niveau, et ni iced, ni clap, ni rfd sous l'interface et la ligne de
//! commande ; le SQL ne vit que dans le store.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Ce que chaque module de premier niveau peut utiliser (`use crate::…`).
const PERMIS: &[(&str, &[&str])] = &[
    // Couche 0 et 1 : ce qu'on embarque, les règles pures.
    ("assets", &[]),
    ("domain", &[]),
    // Couche 2 : stockage et fichiers.
    ("fichiers", &[]),
    ("store", &["domain", "fichiers"]),
    ("documents", &["domain", "assets", "fichiers"]),
    ("formats", &["domain", "documents", "fichiers"]),
    // Couche 3 : les services que l'interface et la ligne de commande appellent.
    (
        "services",
        &[
            "domain",
            "store",
            "fichiers",
            "documents",
            "formats",
            "assets",
        ],
    ),
    // Couche 4 : les façades. L'interface ne voit jamais le store.
    ("ui", &["services", "domain", "assets"]),
    (
        "cli",
        &[
            "services",
            "ui",
            "bench",
            "domain",
            "store",
            "formats",
            "documents",
            "fichiers",
        ],
    ),
    (
        "bench",
        &[
            "services",
            "ui",
            "domain",
            "store",
            "formats",
            "documents",
            "fichiers",
            "assets",
        ],
    ),
];

/// Les bibliothèques que seules certaines couches peuvent nommer.
const BIBLIOTHEQUES: &[(&str, &[&str])] = &[
    ("iced", &["ui", "bench"]),
    ("iced_test", &["bench"]),
    ("clap", &["cli"]),
    ("rfd", &["ui"]),
    // Le SQL vit dans le store, références du banc comprises.
    ("rusqlite", &["store"]),
];

fn fichiers(dossier: &Path, v: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dossier).expect("lecture de src/") {
        let p = e.expect("entrée").path();
        if p.is_dir() {
            fichiers(&p, v);
        } else if p.extension().is_some_and(|x| x == "rs") {
            v.push(p);
        }
    }
}

/// Le module de premier niveau d'un fichier de `src/` (`None` pour lib.rs et main.rs).
fn module(src: &Path, f: &Path) -> Option<String> {
    let rel = f.strip_prefix(src).ok()?;
    let premier = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let nom = premier.trim_end_matches(".rs").to_string();
    (nom != "lib" && nom != "main").then_some(nom)
}

/// Le code sans les commentaires de ligne.
fn code(texte: &str) -> String {
    texte
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Les modules de premier niveau nommés par `crate::x` ou `crate::{x, y::z}`.
fn cibles(code: &str) -> BTreeSet<String> {
    let mut v = BTreeSet::new();
    let mut reste = code;
    while let Some(i) = reste.find("crate::") {
        let apres = &reste[i + "crate::".len()..];
        let avant = reste[..i].chars().last();
        reste = apres;
        if avant.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(groupe) = apres.strip_prefix('{') {
            let mut profondeur = 0;
            let mut element = String::new();
            for c in groupe.chars() {
                match c {
                    '{' => profondeur += 1,
                    '}' if profondeur == 0 => break,
                    '}' => profondeur -= 1,
                    ',' if profondeur == 0 => {
                        v.insert(premier_segment(&element));
                        element.clear();
                        continue;
                    }
                    _ => {}
                }
                element.push(c);
            }
            v.insert(premier_segment(&element));
        } else {
            v.insert(premier_segment(apres));
        }
    }
    v.remove("");
    v.remove("self");
    v
}

fn premier_segment(s: &str) -> String {
    s.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Les bibliothèques nommées en tête de chemin (`iced::`, `use clap::…`).
fn nomme(code: &str, bibliotheque: &str) -> bool {
    let motif = format!("{bibliotheque}::");
    code.match_indices(&motif).any(|(i, _)| {
        !code[..i]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
    })
}

struct Code {
    /// (module, fichier relatif, code sans commentaires)
    fichiers: Vec<(String, String, String)>,
}

fn lire() -> Code {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut v = Vec::new();
    fichiers(&src, &mut v);
    v.sort();
    Code {
        fichiers: v
            .iter()
            .filter_map(|f| {
                let m = module(&src, f)?;
                let texte = std::fs::read_to_string(f).expect("lecture");
                let rel = f.strip_prefix(&src).unwrap_or(f).display().to_string();
                Some((m, rel, code(&texte)))
            })
            .collect(),
    }
}

/// Les écarts à la table : « fichier : module → cible ».
fn ecarts(code: &Code, permis: &BTreeMap<&str, &[&str]>) -> Vec<String> {
    let mut v = Vec::new();
    for (m, rel, texte) in &code.fichiers {
        let Some(autorises) = permis.get(m.as_str()) else {
            v.push(format!(
                "{rel} : le module « {m} » n'est pas dans la table PERMIS"
            ));
            continue;
        };
        for c in cibles(texte) {
            if c != *m && !autorises.contains(&c.as_str()) {
                v.push(format!("{rel} : {m} → {c}"));
            }
        }
    }
    v
}

fn graphe(code: &Code) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, _, texte) in &code.fichiers {
        let e = g.entry(m.clone()).or_default();
        e.extend(cibles(texte).into_iter().filter(|c| c != m));
    }
    g
}

/// Un cycle entre modules de premier niveau, s'il y en a un.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visiter(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        pile: &mut Vec<String>,
        faits: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = pile.iter().position(|x| x == n) {
            let mut c = pile[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if !faits.insert(n.to_string()) {
            return None;
        }
        pile.push(n.to_string());
        for s in g.get(n).into_iter().flatten() {
            if let Some(c) = visiter(s, g, pile, faits) {
                return Some(c);
            }
        }
        pile.pop();
        None
    }
    let mut faits = BTreeSet::new();
    g.keys()
        .find_map(|n| visiter(n, g, &mut Vec::new(), &mut faits))
}

#[test]
fn chaque_couche_ne_regarde_que_vers_le_bas() {
    let permis: BTreeMap<_, _> = PERMIS.iter().copied().collect();
    let e = ecarts(&lire(), &permis);
    assert!(e.is_empty(), "dépendances interdites :\n{}", e.join("\n"));
}

#[test]
fn aucun_cycle_entre_modules() {
    let g = graphe(&lire());
    assert!(g.len() >= 9, "modules trouvés : {:?}", g.keys());
    assert_eq!(cycle(&g), None);
}

#[test]
fn iced_clap_rfd_et_sql_restent_a_leur_place() {
    let code = lire();
    let mut e = Vec::new();
    for (bib, couches) in BIBLIOTHEQUES {
        for (m, rel, texte) in &code.fichiers {
            if !couches.contains(&m.as_str()) && nomme(texte, bib) {
                e.push(format!("{rel} ({m}) nomme {bib}"));
            }
        }
    }
    assert!(e.is_empty(), "{}", e.join("\n"));
}

/// La règle elle-même : les écarts d'avant cette architecture seraient refusés.
#[test]
fn la_regle_refuse_les_ecarts_d_autrefois() {
    let permis: BTreeMap<_, _> = PERMIS.iter().copied().collect();
    let essai = |m: &str, texte: &str| Code {
        fichiers: vec![(m.into(), format!("{m}/essai.rs"), code(texte))],
    };
    // Les polices prises à l'interface par la mise en page des documents.
    assert!(!ecarts(&essai("documents", "use crate::ui::{POLICE, X};"), &permis).is_empty());
    // Un écran qui lit le store.
    assert!(!ecarts(&essai("ui", "let s: crate::store::Store;"), &permis).is_empty());
    // Le domaine qui emprunte à une couche au-dessus.
    assert!(!ecarts(
        &essai("domain", "use crate::{services::X, domain::Y};"),
        &permis
    )
    .is_empty());
    // Un commentaire ne compte pas.
    assert!(ecarts(&essai("domain", "// crate::ui::X"), &permis).is_empty());
    // Un cycle entre deux modules est trouvé.
    let mut g = BTreeMap::new();
    g.insert("store".to_string(), BTreeSet::from(["formats".to_string()]));
    g.insert("formats".to_string(), BTreeSet::from(["store".to_string()]));
    assert!(cycle(&g).is_some());
    assert!(nomme("use iced::widget;", "iced"));
    assert!(!nomme("use iced_test::Simulator;", "iced"));
}
