//! Les chiffres de la cotraitance (annexe « 11 », compte rendu d'activité) en CSV, XLSX et
//! PDF, comme les indicateurs de l'accompagnement global.

use std::sync::Arc;

use super::tableur::{champ_csv, neutraliser};
use super::ErreurFormat;
use crate::documents::mise_en_page::Document;
use crate::domain::cotraitance::indicateurs::{LigneChiffre, Unite};

const ENTETES: [&str; 3] = ["indicateur", "détail", "valeur"];

/// La valeur pour un tableur : un nombre (virgule décimale), sans unité ni séparateur de
/// milliers ; « oui » / « non ».
fn valeur(l: &LigneChiffre) -> String {
    let Some(v) = l.valeur else {
        return String::new();
    };
    match l.unite {
        Unite::Nombre => v.to_string(),
        Unite::Centimes => format!(
            "{}{},{:02}",
            if v < 0 { "-" } else { "" },
            v.unsigned_abs() / 100,
            v.unsigned_abs() % 100
        ),
        Unite::PourMille => format!("{},{}", v / 10, (v % 10).abs()),
        Unite::OuiNon => l.texte(),
    }
}

/// Le détail, avec l'unité de la valeur quand elle en a une.
fn detail(l: &LigneChiffre) -> String {
    match l.unite {
        Unite::Centimes => format!("{} (€)", l.detail),
        Unite::PourMille => format!("{} (%)", l.detail),
        _ => l.detail.clone(),
    }
}

/// Un CSV (UTF-8 avec BOM, « ; ») : le titre, le contexte, puis la table.
pub fn csv(titre: &str, contexte: &[String], lignes: &[LigneChiffre]) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    let mut ecrire = |cellules: &[&str]| {
        let l: Vec<String> = cellules.iter().map(|c| champ_csv(c)).collect();
        s.push_str(&l.join(";"));
        s.push_str("\r\n");
    };
    ecrire(&[titre]);
    for c in contexte {
        ecrire(&[c]);
    }
    ecrire(&[]);
    ecrire(&ENTETES);
    for l in lignes {
        ecrire(&[l.indicateur, &detail(l), &valeur(l)]);
    }
    s.into_bytes()
}

pub fn xlsx(
    titre: &str,
    contexte: &[String],
    lignes: &[LigneChiffre],
) -> Result<Vec<u8>, ErreurFormat> {
    use rust_xlsxwriter::{Format as F, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ErreurFormat::Classeur(Arc::new(e));
    let mut classeur = Workbook::new();
    let gras = F::new().set_bold();
    let euros = F::new().set_num_format("#,##0.00 €");
    let pourcent = F::new().set_num_format("0.0 %");
    let f = classeur.add_worksheet();
    f.set_name("Cotraitance").map_err(err)?;
    f.write_string_with_format(0, 0, neutraliser(titre), &gras)
        .map_err(err)?;
    for (i, c) in contexte.iter().enumerate() {
        f.write_string(i as u32 + 1, 0, neutraliser(c))
            .map_err(err)?;
    }
    let debut = contexte.len() as u32 + 2;
    for (j, e) in ENTETES.iter().enumerate() {
        f.write_string_with_format(debut, j as u16, *e, &gras)
            .map_err(err)?;
    }
    f.set_column_width(0, 18).map_err(err)?;
    f.set_column_width(1, 70).map_err(err)?;
    for (i, l) in lignes.iter().enumerate() {
        let r = debut + 1 + i as u32;
        f.write_string(r, 0, l.indicateur).map_err(err)?;
        f.write_string(r, 1, neutraliser(&detail(l))).map_err(err)?;
        match (l.valeur, l.unite) {
            (None, _) => {}
            (Some(_), Unite::OuiNon) => {
                f.write_string(r, 2, l.texte()).map_err(err)?;
            }
            (Some(v), Unite::Centimes) => {
                f.write_number_with_format(r, 2, v as f64 / 100.0, &euros)
                    .map_err(err)?;
            }
            (Some(v), Unite::PourMille) => {
                f.write_number_with_format(r, 2, v as f64 / 1000.0, &pourcent)
                    .map_err(err)?;
            }
            (Some(v), Unite::Nombre) => {
                f.write_number(r, 2, v as f64).map_err(err)?;
            }
        }
    }
    classeur.save_to_buffer().map_err(err)
}

pub fn pdf(
    titre: &str,
    contexte: &[String],
    lignes: &[LigneChiffre],
) -> Result<Vec<u8>, ErreurFormat> {
    let mut d = Document::new(
        titre,
        "Pôle emploi — missions locales : cotraitance des jeunes demandeurs d'emploi",
    )?;
    d.titre(titre);
    for c in contexte {
        d.paragraphe(c);
    }
    let table: Vec<Vec<String>> = lignes
        .iter()
        .map(|l| vec![l.indicateur.to_string(), l.detail.clone(), l.texte()])
        .collect();
    d.tableau(&ENTETES, &[0.2, 0.62, 0.18], &table);
    Ok(d.octets())
}
