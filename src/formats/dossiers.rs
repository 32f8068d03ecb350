//! L'export des dossiers (le portefeuille, ou ce qu'il en montre filtré) en CSV ou en XLSX,
//! aux conventions d'Excel en français : « ; » entre les champs, UTF-8 avec BOM, fins de
//! ligne CRLF, dates `jj/mm/aaaa`. L'identifiant France Travail est masqué sauf demande ;
//! aucune cellule ne s'exécute comme une formule (`tableur::neutraliser`).

use std::sync::Arc;

use super::tableur::{champ_csv, neutraliser};
use super::ErreurFormat;
use crate::domain::date::{date_fr, Jour};
use crate::domain::echeances::Resume;

const COLONNES: [&str; 16] = [
    "Nom",
    "Prénom",
    "Identifiant France Travail",
    "Commune (INSEE)",
    "Agence",
    "BRSA",
    "Modalité",
    "Étape",
    "Conseiller dédié",
    "Référent social",
    "Ouverture",
    "Entrée",
    "Fin prévue",
    "Reconduit",
    "Clôture",
    "Dernier contact",
];

/// `1234567A` → `123****A` : assez pour reconnaître, pas assez pour usurper.
pub fn masquer(identifiant: &str) -> String {
    let c: Vec<char> = identifiant.chars().collect();
    if c.len() < 5 {
        return "*".repeat(c.len());
    }
    let debut: String = c[..3].iter().collect();
    let fin = c[c.len() - 1];
    format!("{debut}{}{fin}", "*".repeat(c.len() - 4))
}

fn jour(j: Option<Jour>) -> String {
    j.map(date_fr).unwrap_or_default()
}

fn oui_non(b: bool) -> String {
    if b { "oui" } else { "non" }.into()
}

/// Les cellules d'un dossier, dans l'ordre des colonnes.
fn cellules(r: &Resume, identifiants: bool) -> [String; 16] {
    [
        r.nom.clone(),
        r.prenom.clone(),
        if identifiants {
            r.identifiant_ft.clone()
        } else {
            masquer(&r.identifiant_ft)
        },
        r.commune.clone(),
        r.agence.clone(),
        oui_non(r.brsa),
        r.modalite.libelle().into(),
        r.etape.libelle().into(),
        r.conseiller.clone().unwrap_or_default(),
        r.referent.clone().unwrap_or_default(),
        date_fr(r.date_ouverture),
        jour(r.date_entree),
        jour(r.date_fin),
        oui_non(r.reconduit),
        jour(r.date_cloture),
        jour(r.dernier_contact),
    ]
}

/// Le CSV, BOM compris.
pub fn csv(dossiers: &[Resume], identifiants: bool) -> Vec<u8> {
    let mut t = String::from("\u{feff}");
    t.push_str(&COLONNES.map(champ_csv).join(";"));
    t.push_str("\r\n");
    for r in dossiers {
        t.push_str(&cellules(r, identifiants).map(|c| champ_csv(&c)).join(";"));
        t.push_str("\r\n");
    }
    t.into_bytes()
}

/// Le classeur : une feuille « Dossiers », en-tête en gras, figé.
pub fn xlsx(dossiers: &[Resume], identifiants: bool) -> Result<Vec<u8>, ErreurFormat> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ErreurFormat::Classeur(Arc::new(e));
    let mut w = Workbook::new();
    let f = w.add_worksheet();
    f.set_name("Dossiers").map_err(err)?;
    let gras = Format::new().set_bold();
    for (c, titre) in COLONNES.iter().enumerate() {
        f.write_string_with_format(0, c as u16, *titre, &gras)
            .map_err(err)?;
    }
    for (i, r) in dossiers.iter().enumerate() {
        let ligne = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (c, valeur) in cellules(r, identifiants).iter().enumerate() {
            f.write_string(ligne, c as u16, neutraliser(valeur))
                .map_err(err)?;
        }
    }
    f.set_freeze_panes(1, 0).map_err(err)?;
    f.autofit();
    w.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    #[test]
    fn un_identifiant_se_masque() {
        assert_eq!(super::masquer("1234567A"), "123****A");
        assert_eq!(super::masquer("12"), "**");
    }
}
