//! Un tableau tel qu'un tableur l'enregistre (CSV ou XLSX), lu sans rien supposer : le
//! codage (UTF-8, avec ou sans BOM, Windows-1252 comme l'enregistre Excel en français), le
//! séparateur (`;`, `,`, tabulation) et la ligne d'en-tête (les lignes de titre au-dessus
//! sont passées) se devinent ; ce qui a été deviné est dit, pour que l'utilisateur le voie.

use std::fmt;

/// Une cellule plus grande que ceci n'est pas une donnée de suivi : elle est refusée.
pub const MAX_CELLULE: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codage {
    Utf8,
    Utf8Bom,
    Windows1252,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origine {
    Csv {
        codage: Codage,
        separateur: char,
    },
    Classeur {
        feuille: String,
        autres: Vec<String>,
    },
}

impl fmt::Display for Origine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origine::Csv { codage, separateur } => {
                let codage = match codage {
                    Codage::Utf8 => "UTF-8",
                    Codage::Utf8Bom => "UTF-8 avec BOM",
                    Codage::Windows1252 => "Windows-1252 (Excel)",
                };
                let sep = match separateur {
                    ';' => "point-virgule",
                    ',' => "virgule",
                    _ => "tabulation",
                };
                write!(f, "CSV {codage}, séparateur {sep}")
            }
            Origine::Classeur { feuille, autres } if autres.is_empty() => {
                write!(f, "classeur XLSX, feuille « {feuille} »")
            }
            Origine::Classeur { feuille, autres } => write!(
                f,
                "classeur XLSX, feuille « {feuille} » (feuilles ignorées : {})",
                autres
                    .iter()
                    .map(|n| format!("« {n} »"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Une ligne de données : son numéro dans le fichier (1 = première ligne), ses cellules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ligne {
    pub numero: usize,
    pub cellules: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tableau {
    pub origine: Origine,
    /// Numéro de la ligne d'en-tête dans le fichier.
    pub ligne_entete: usize,
    pub entetes: Vec<String>,
    pub lignes: Vec<Ligne>,
}

/// Lit un CSV ou un classeur. `score` dit combien de cellules d'une ligne ressemblent à des
/// en-têtes connus : la meilleure des premières lignes est l'en-tête.
pub fn lire(octets: &[u8], score: &dyn Fn(&[String]) -> usize) -> Result<Tableau, String> {
    let (origine, lignes) = if octets.starts_with(b"PK\x03\x04") {
        lire_classeur(octets, score)?
    } else {
        lire_csv(octets)?
    };
    if let Some(l) = lignes
        .iter()
        .find(|l| l.cellules.iter().any(|c| c.len() > MAX_CELLULE))
    {
        return Err(format!(
            "la ligne {} a une cellule de plus de {} Ko : ce n'est pas un tableau de suivi (une colonne de texte libre collée par erreur ?)",
            l.numero,
            MAX_CELLULE / 1024
        ));
    }
    let non_vides: Vec<&Ligne> = lignes
        .iter()
        .filter(|l| l.cellules.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if non_vides.is_empty() {
        return Err("le fichier est vide : aucune ligne à lire".into());
    }
    // L'en-tête : la ligne des 20 premières qui nomme le plus de colonnes connues.
    let entete = non_vides
        .iter()
        .take(20)
        .enumerate()
        .max_by_key(|(i, l)| (score(&l.cellules), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let ligne_entete = non_vides[entete].numero;
    let entetes: Vec<String> = non_vides[entete]
        .cellules
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    let lignes: Vec<Ligne> = lignes
        .into_iter()
        .filter(|l| l.numero > ligne_entete && l.cellules.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Tableau {
        origine,
        ligne_entete,
        entetes,
        lignes,
    })
}

fn lire_csv(octets: &[u8]) -> Result<(Origine, Vec<Ligne>), String> {
    let (texte, codage): (std::borrow::Cow<str>, Codage) = if let Some(reste) =
        octets.strip_prefix(b"\xEF\xBB\xBF")
    {
        let t = std::str::from_utf8(reste)
                .map_err(|_| "le fichier commence comme de l'UTF-8 (BOM) mais ne l'est pas : il est abîmé, ou c'est un autre type de fichier".to_string())?;
        (t.into(), Codage::Utf8Bom)
    } else if let Ok(t) = std::str::from_utf8(octets) {
        (t.into(), Codage::Utf8)
    } else {
        (
            encoding_rs::WINDOWS_1252.decode(octets).0,
            Codage::Windows1252,
        )
    };
    // Des octets de contrôle disent un fichier qui n'est pas du texte (un binaire renommé).
    if texte
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
    {
        return Err("ce n'est pas un fichier texte (CSV) ni un classeur XLSX : un autre type de fichier renommé, ou un fichier abîmé. Enregistrez-le depuis le tableur en « CSV UTF-8 » ou en XLSX".into());
    }
    let separateur = deviner_separateur(&texte);
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separateur)
        .from_reader(texte.as_bytes());
    let mut lignes = Vec::new();
    // Le numéro de ligne se compte ici : celui du lecteur CSV retarde d'une ligne après
    // un CRLF.
    let octets = texte.as_bytes();
    let (mut compte, mut ligne) = (0usize, 1usize);
    for r in lecteur.records() {
        let r = r.map_err(|e| format!("CSV illisible : {e}"))?;
        let mut debut = r.position().map_or(compte, |p| p.byte() as usize);
        while octets
            .get(debut)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            debut += 1;
        }
        let debut = debut.min(octets.len()).max(compte);
        ligne += octets[compte..debut]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        compte = debut;
        let numero = ligne;
        lignes.push(Ligne {
            numero,
            cellules: r.iter().map(str::to_string).collect(),
        });
    }
    Ok((
        Origine::Csv {
            codage,
            separateur: separateur as char,
        },
        lignes,
    ))
}

/// Le séparateur qui découpe les premières lignes en un même nombre de colonnes, le plus
/// grand ; `;` à égalité (Excel en français).
fn deviner_separateur(texte: &str) -> u8 {
    let mut meilleur = (b';', (0usize, 0usize));
    for sep in [b';', b',', b'\t'] {
        let mut lecteur = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(texte.as_bytes());
        let largeurs: Vec<usize> = lecteur
            .records()
            .take(30)
            .filter_map(Result::ok)
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(|r| r.len())
            // Une ligne de titre au-dessus de l'en-tête n'a qu'une cellule.
            .filter(|l| *l > 1)
            .collect();
        let Some(&frequente) = largeurs.iter().max_by_key(|l| {
            (
                largeurs.iter().filter(|x| *x == *l).count(),
                std::cmp::Reverse(**l),
            )
        }) else {
            continue;
        };
        if frequente < 2 {
            continue;
        }
        let regulieres = largeurs.iter().filter(|x| **x == frequente).count();
        let note = (regulieres, frequente);
        if note > meilleur.1 {
            meilleur = (sep, note);
        }
    }
    meilleur.0
}

/// La feuille dont l'en-tête nomme le plus de colonnes connues (la première à égalité).
fn lire_classeur(
    octets: &[u8],
    score: &dyn Fn(&[String]) -> usize,
) -> Result<(Origine, Vec<Ligne>), String> {
    use calamine::{Reader, Xlsx};
    let mut classeur: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(octets))
        .map_err(|e| format!("classeur XLSX illisible ({e}) : enregistrez-le de nouveau depuis le tableur, ou en « CSV UTF-8 »"))?;
    let noms = classeur.sheet_names();
    let mut choisie: Option<(usize, String, Vec<Ligne>)> = None;
    for nom in &noms {
        let plage = classeur
            .worksheet_range(nom)
            .map_err(|e| format!("feuille « {nom} » illisible ({e})"))?;
        let debut = plage.start().map_or(0, |(l, _)| l as usize);
        let lignes: Vec<Ligne> = plage
            .rows()
            .enumerate()
            .map(|(i, l)| Ligne {
                numero: debut + i + 1,
                cellules: l.iter().map(texte_cellule).collect(),
            })
            .collect();
        let note = lignes
            .iter()
            .take(20)
            .map(|l| score(&l.cellules))
            .max()
            .unwrap_or(0);
        if lignes.is_empty() {
            continue;
        }
        if choisie.as_ref().is_none_or(|(n, _, _)| note > *n) {
            choisie = Some((note, nom.clone(), lignes));
        }
    }
    let Some((_, feuille, lignes)) = choisie else {
        return Err("le classeur n'a aucune feuille remplie".into());
    };
    let autres = noms.into_iter().filter(|n| *n != feuille).collect();
    Ok((Origine::Classeur { feuille, autres }, lignes))
}

/// Une cellule comme le tableur l'affiche : une date en `jj/mm/aaaa`, un code mis en nombre
/// sans sa virgule (13001.0 → « 13001 »).
fn texte_cellule(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(true) => "oui".into(),
        Data::Bool(false) => "non".into(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string().replace('.', ","),
        Data::DateTime(d) => date_excel(d.as_f64())
            .map(crate::domain::date::date_fr)
            .unwrap_or_else(|| d.as_f64().to_string()),
    }
}

/// Un numéro de série Excel : des jours depuis le 30/12/1899.
pub fn date_excel(serie: f64) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|origine| origine.checked_add_signed(chrono::Duration::days(serie as i64)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connus(l: &[String]) -> usize {
        l.iter()
            .filter(|c| ["nom", "prénom", "date"].contains(&c.to_lowercase().as_str()))
            .count()
    }

    #[test]
    fn separateur_codage_et_entete_se_devinent() {
        let t = lire(
            b"Suivi 2026\n\nNom,Pr\xe9nom,Date\nMartin,\"L\xe9a, dite Lou\",01/02/1990\r\n",
            &connus,
        )
        .unwrap();
        assert_eq!(
            t.origine,
            Origine::Csv {
                codage: Codage::Windows1252,
                separateur: ','
            }
        );
        assert_eq!(t.ligne_entete, 3);
        assert_eq!(t.entetes, ["Nom", "Prénom", "Date"]);
        assert_eq!(t.lignes[0].numero, 4);
        assert_eq!(t.lignes[0].cellules[1], "Léa, dite Lou");
    }

    #[test]
    fn un_binaire_renomme_est_refuse() {
        let e = lire(b"\x00\x01\x02binaire\xff\xfe", &connus).unwrap_err();
        assert!(e.contains("pas un fichier texte"), "{e}");
    }
}
