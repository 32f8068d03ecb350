//! L'export des dossiers (le portefeuille, ou ce qu'il en montre filtré) en CSV ou en XLSX,
//! aux conventions d'Excel en français : « ; » entre les champs, UTF-8 avec BOM, fins de
//! ligne CRLF, dates `jj/mm/aaaa`. L'identifiant France Travail est masqué sauf demande ;
//! aucune cellule ne s'exécute comme une formule (`tableur::neutraliser`).

use std::sync::Arc;

use super::tableur::{champ_csv, neutraliser};
use super::ErreurFormat;
use crate::domain::date::{date_fr, Jour};
use crate::domain::dossier::Dossier;
use crate::domain::echeances::Resume;

/// Les en-têtes sont ceux que la reprise d'un tableau reconnaît : un export (avec les
/// identifiants en entier) se réimporte sans rien changer.
const COLONNES: [&str; 21] = [
    "Civilité",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Identifiant France Travail",
    "Commune (INSEE)",
    "Agence",
    "BRSA",
    "Enfant mineur",
    "Modalité",
    "Étape",
    "Conseiller dédié",
    "Référent social",
    "Ouverture",
    "Entrée",
    "Date de reconduction",
    "Durée de reconduction (mois)",
    "Fin prévue",
    "Clôture",
    "Motif de sortie",
    "Dernier contact",
];

pub use crate::domain::identifiants::masquer;

fn jour(j: Option<Jour>) -> String {
    j.map(date_fr).unwrap_or_default()
}

fn oui_non(b: bool) -> String {
    if b { "oui" } else { "non" }.into()
}

/// Les cellules d'un dossier, dans l'ordre des colonnes.
fn cellules(r: &Resume, d: &Dossier, identifiants: bool) -> [String; 21] {
    [
        d.personne.civilite.abreviation().into(),
        r.nom.to_string(),
        r.prenom.to_string(),
        date_fr(d.personne.date_naissance),
        if identifiants {
            r.identifiant_ft.to_string()
        } else {
            masquer(&r.identifiant_ft)
        },
        r.commune.to_string(),
        r.agence.to_string(),
        oui_non(r.brsa),
        oui_non(r.enfant_mineur),
        r.modalite.libelle().into(),
        r.etape.libelle().into(),
        r.conseiller.as_deref().unwrap_or_default().into(),
        r.referent.as_deref().unwrap_or_default().into(),
        date_fr(r.date_ouverture),
        jour(r.date_entree),
        jour(d.reconduction.map(|x| x.date)),
        d.reconduction
            .map(|x| x.mois.to_string())
            .unwrap_or_default(),
        jour(r.date_fin),
        jour(r.date_cloture),
        d.cloture
            .as_ref()
            .map(|c| c.motif.libelle())
            .unwrap_or_default(),
        jour(r.dernier_contact),
    ]
}

/// Le CSV, BOM compris.
pub fn csv(dossiers: &[(Resume, Dossier)], identifiants: bool) -> Vec<u8> {
    let mut t = String::from("\u{feff}");
    t.push_str(&COLONNES.map(champ_csv).join(";"));
    t.push_str("\r\n");
    for (r, d) in dossiers {
        t.push_str(
            &cellules(r, d, identifiants)
                .map(|c| champ_csv(&c))
                .join(";"),
        );
        t.push_str("\r\n");
    }
    t.into_bytes()
}

/// Le classeur : une feuille « Dossiers », en-tête en gras, figé.
pub fn xlsx(dossiers: &[(Resume, Dossier)], identifiants: bool) -> Result<Vec<u8>, ErreurFormat> {
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
    for (i, (r, d)) in dossiers.iter().enumerate() {
        let ligne = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (c, valeur) in cellules(r, d, identifiants).iter().enumerate() {
            f.write_string(ligne, c as u16, neutraliser(valeur))
                .map_err(err)?;
        }
    }
    f.set_freeze_panes(1, 0).map_err(err)?;
    f.autofit();
    w.save_to_buffer().map_err(err)
}

/// Le rapport d'un import de dossiers : une ligne par erreur (ligne du fichier, colonne,
/// valeur, message), aux mêmes conventions que l'export.
pub fn rapport_csv(erreurs: &[(usize, String, String, String)]) -> Vec<u8> {
    let mut t = String::from("\u{feff}Ligne;Colonne;Valeur;Erreur\r\n");
    for (ligne, colonne, valeur, message) in erreurs {
        t.push_str(&format!(
            "{ligne};{};{};{}\r\n",
            champ_csv(colonne),
            champ_csv(valeur),
            champ_csv(message)
        ));
    }
    t.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn un_identifiant_se_masque() {
        assert_eq!(super::masquer("1234567A"), "123****A");
        assert_eq!(super::masquer("12"), "**");
    }
}
