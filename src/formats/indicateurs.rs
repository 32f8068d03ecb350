//! Les exports des indicateurs : CSV pour Excel en français (« ; », UTF-8 avec BOM, virgule
//! décimale), classeur XLSX (une feuille par tableau), rapport PDF du comité de pilotage
//! (tableaux et graphiques), JSON (toutes les cases, valeurs exactes).

use std::sync::Arc;

use serde::Serialize;

use super::tableur::{champ_csv, neutraliser};
use super::ErreurFormat;

use crate::documents::mise_en_page::Document;
use crate::domain::date::date_fr;
use crate::domain::indicateurs::tableaux::{
    decimal, libelle_nature, tableaux, Format, Noms, Tableau, Valeur, ENSEMBLE, MASQUE,
};
use crate::domain::indicateurs::{cumul, ensemble, Bornes, Cle, Indicateurs};

/// Ce qu'un export présente : la période, l'agence (toutes si `None`), le masquage.
pub struct Presentation<'a> {
    pub bornes: Bornes,
    pub agence: Option<&'a str>,
    pub masquer: bool,
    /// « 3 installations » pour un fichier fusionné, vide sinon.
    pub origine: String,
}

impl Presentation<'_> {
    pub fn titre(&self) -> &'static str {
        "Indicateurs du comité de pilotage (annexe 7)"
    }

    /// Les lignes d'en-tête : période, agence, date, origine, masquage.
    pub fn contexte(&self, noms: &Noms) -> Vec<String> {
        let mut v = vec![
            format!(
                "Période : de {} à {} (mois inclus)",
                self.bornes.de.libelle(),
                self.bornes.a.libelle()
            ),
            format!(
                "Agence : {}",
                self.agence
                    .map_or_else(|| "toutes les agences".to_string(), |a| noms.agence(a))
            ),
            format!("Calculé le {}", date_fr(self.bornes.aujourdhui)),
        ];
        if !self.origine.is_empty() {
            v.push(format!("Origine : {}", self.origine));
        }
        if self.masquer {
            v.push(format!(
                "Secret statistique : les comptes de 1 à 4 personnes sont remplacés par « {MASQUE} »."
            ));
        }
        v
    }

    pub fn format(&self) -> Format {
        Format {
            masquer: self.masquer,
        }
    }
}

/// Valeur pour une cellule CSV : nombres sans unité, virgule décimale.
fn valeur_csv(v: &Valeur) -> String {
    match v {
        Valeur::Pourcent(x) | Valeur::Decimal(x) => decimal(*x),
        Valeur::Mois(m) => m.to_string(),
        autre => autre.texte(),
    }
}

/// Un seul fichier CSV : le contexte, puis chaque tableau (titre, en-têtes, lignes).
pub fn csv(t: &Indicateurs, p: &Presentation, noms: &Noms) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    let mut ligne = |cellules: Vec<String>| {
        let l: Vec<String> = cellules.iter().map(|c| champ_csv(c)).collect();
        s.push_str(&l.join(";"));
        s.push_str("\r\n");
    };
    ligne(vec![p.titre().to_string()]);
    for c in p.contexte(noms) {
        ligne(vec![c]);
    }
    for tab in tableaux(t, p.agence, p.format(), noms) {
        ligne(vec![]);
        ligne(vec![tab.titre.clone()]);
        ligne(tab.entetes.clone());
        for l in &tab.lignes {
            ligne(l.valeurs.iter().map(valeur_csv).collect());
        }
    }
    s.into_bytes()
}

/// Un classeur : une feuille de présentation, puis une feuille par tableau.
pub fn xlsx(t: &Indicateurs, p: &Presentation, noms: &Noms) -> Result<Vec<u8>, ErreurFormat> {
    use rust_xlsxwriter::{Format as F, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ErreurFormat::Classeur(Arc::new(e));
    let mut classeur = Workbook::new();
    let gras = F::new().set_bold();
    let entete = F::new().set_bold().set_text_wrap();
    let une_decimale = F::new().set_num_format("0.0");
    let pourcent = F::new().set_num_format("0.0 %");
    {
        let f = classeur.add_worksheet();
        f.set_name("Présentation").map_err(err)?;
        f.write_string_with_format(0, 0, neutraliser(p.titre()), &gras)
            .map_err(err)?;
        for (i, c) in p.contexte(noms).iter().enumerate() {
            f.write_string(i as u32 + 1, 0, neutraliser(c))
                .map_err(err)?;
        }
        f.set_column_width(0, 90).map_err(err)?;
    }
    for tab in tableaux(t, p.agence, p.format(), noms) {
        let f = classeur.add_worksheet();
        f.set_name(tab.feuille).map_err(err)?;
        f.write_string_with_format(0, 0, neutraliser(&tab.titre), &gras)
            .map_err(err)?;
        for (j, e) in tab.entetes.iter().enumerate() {
            f.write_string_with_format(2, j as u16, neutraliser(e), &entete)
                .map_err(err)?;
            f.set_column_width(j as u16, if j < 2 { 22 } else { 16 })
                .map_err(err)?;
        }
        f.set_freeze_panes(3, 2).map_err(err)?;
        for (i, l) in tab.lignes.iter().enumerate() {
            let r = i as u32 + 3;
            for (j, v) in l.valeurs.iter().enumerate() {
                let c = j as u16;
                match v {
                    Valeur::Vide => {}
                    Valeur::Entier(n) => {
                        f.write_number(r, c, *n as f64).map_err(err)?;
                    }
                    Valeur::Decimal(x) => {
                        f.write_number_with_format(r, c, *x, &une_decimale)
                            .map_err(err)?;
                    }
                    Valeur::Pourcent(x) => {
                        f.write_number_with_format(r, c, *x / 100.0, &pourcent)
                            .map_err(err)?;
                    }
                    Valeur::Texte(s) => {
                        f.write_string(r, c, neutraliser(s)).map_err(err)?;
                    }
                    Valeur::Mois(m) => {
                        f.write_string(r, c, m.to_string()).map_err(err)?;
                    }
                }
            }
        }
    }
    classeur.save_to_buffer().map_err(err)
}

#[derive(Serialize)]
struct CaseJson<'a> {
    mois: String,
    agence: &'a str,
    indicateur: &'static str,
    detail: &'a str,
    total: serde_json::Value,
    brsa: serde_json::Value,
    somme: i64,
}

/// Toutes les cases, valeurs exactes (masquées sous le seuil si demandé).
pub fn json(t: &Indicateurs, p: &Presentation) -> Result<Vec<u8>, ErreurFormat> {
    let f = p.format();
    let n = |x: u64| match f.nombre(x) {
        Valeur::Entier(x) => serde_json::Value::from(x),
        autre => serde_json::Value::from(autre.texte()),
    };
    let mut cases = Vec::new();
    for ((m, a), c) in t {
        if p.agence.is_some_and(|x| x != a) {
            continue;
        }
        for ((cle, detail), cell) in &c.cellules {
            cases.push(CaseJson {
                mois: m.to_string(),
                agence: a,
                indicateur: cle.code(),
                detail,
                total: n(cell.total),
                brsa: n(cell.brsa),
                somme: cell.somme,
            });
        }
    }
    let doc = serde_json::json!({
        "titre": p.titre(),
        "de": p.bornes.de.to_string(),
        "a": p.bornes.a.to_string(),
        "agence": p.agence,
        "calcule_le": p.bornes.aujourdhui.to_string(),
        "masque": p.masquer,
        "definitions": "docs/indicateurs.md",
        "cases": cases,
    });
    serde_json::to_vec_pretty(&doc).map_err(|e| ErreurFormat::Json(Arc::new(e)))
}

fn cellule_pdf(v: &Valeur) -> String {
    v.texte()
}

/// Le rapport PDF du comité de pilotage : synthèse mensuelle, graphiques, puis le détail.
pub fn pdf(t: &Indicateurs, p: &Presentation, noms: &Noms) -> Result<Vec<u8>, ErreurFormat> {
    let f = p.format();
    let mut d = Document::new(
        p.titre(),
        "Convention Département des Bouches-du-Rhône / Pôle emploi — comité de pilotage",
    )?;
    d.titre(p.titre());
    for c in p.contexte(noms) {
        d.paragraphe(&c);
    }
    d.paragraphe(
        "Chaque indicateur compte au mois de sa date et dans l'agence du dossier à ce moment ; \
         les définitions sont dans docs/indicateurs.md.",
    );
    // Synthèse mensuelle de l'agence choisie, ou de l'ensemble.
    let filtre: Indicateurs = t
        .iter()
        .filter(|((_, a), _)| p.agence.is_none_or(|x| x == a))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mois = ensemble(&filtre);
    let tous: Vec<_> = p.bornes.de.jusqua(p.bornes.a);
    let chiffres: Vec<_> = tous
        .iter()
        .map(|m| mois.get(m).cloned().unwrap_or_default())
        .collect();
    d.section("Synthèse mensuelle");
    let lignes: Vec<Vec<String>> = tous
        .iter()
        .zip(&chiffres)
        .map(|(m, c)| {
            let sorties = c.cellule(Cle::Sorties);
            let actifs = c.compte(Cle::AccompagnementsActifs).total;
            vec![
                m.to_string(),
                cellule_pdf(&f.nombre(c.compte(Cle::OrientationsSocialExclusif).total)),
                cellule_pdf(&f.nombre(c.compte(Cle::PrescriptionsDiagnostic).total)),
                cellule_pdf(&f.nombre(c.compte(Cle::DiagnosticsPartages).total)),
                cellule_pdf(&f.nombre(c.compte(Cle::Entrees).total)),
                cellule_pdf(&f.taux(
                    c.compte(Cle::EntreesDeLaCohorte).total,
                    c.compte(Cle::DiagnosticsPartages).total,
                )),
                cellule_pdf(&f.nombre(actifs)),
                cellule_pdf(&f.nombre(sorties.total)),
                cellule_pdf(&f.moyenne(sorties.somme, sorties.total)),
                cellule_pdf(&f.moyenne(c.compte(Cle::ContactsPoleEmploi).total as i64, actifs)),
            ]
        })
        .collect();
    d.tableau(
        &[
            "Mois",
            "Orient. ASE",
            "Prescr. diag.",
            "Diag. partagés",
            "Entrées",
            "Taux intégr.",
            "Actifs",
            "Sorties",
            "Durée moy. (j)",
            "Contacts PE / AG",
        ],
        &[14.0, 10.0, 10.0, 10.0, 9.0, 11.0, 9.0, 9.0, 10.0, 11.0],
        &lignes,
    );
    d.section("Part des bénéficiaires du RSA");
    let lignes: Vec<Vec<String>> = tous
        .iter()
        .zip(&chiffres)
        .map(|(m, c)| {
            let mut l = vec![m.to_string()];
            for cle in [
                Cle::OrientationsSocialExclusif,
                Cle::PrescriptionsDiagnostic,
                Cle::DiagnosticsEmploi,
                Cle::DiagnosticsSocial,
                Cle::DiagnosticsPartages,
                Cle::Entrees,
                Cle::AccompagnementsActifs,
                Cle::Sorties,
            ] {
                l.push(cellule_pdf(&f.part_brsa(c.compte(cle))));
            }
            l
        })
        .collect();
    d.tableau(
        &[
            "Mois",
            "Orient. ASE",
            "Prescr. diag.",
            "Diag. emploi",
            "Diag. social",
            "Diag. partagés",
            "Entrées",
            "Actifs",
            "Sorties",
        ],
        &[14.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        &lignes,
    );
    let etiquettes: Vec<String> = tous
        .iter()
        .map(|m| format!("{:02}/{:02}", m.mois, m.annee % 100))
        .collect();
    let serie = |cle: Cle| -> Vec<f64> {
        chiffres
            .iter()
            .map(|c| c.compte(cle).total as f64)
            .collect()
    };
    d.section("Graphiques");
    d.barres(
        "Diagnostics partagés, entrées et sorties par mois",
        &etiquettes,
        &[
            ("Diagnostics partagés", serie(Cle::DiagnosticsPartages)),
            ("Entrées", serie(Cle::Entrees)),
            ("Sorties", serie(Cle::Sorties)),
        ],
    );
    let total = cumul(t, p.agence);
    let natures: Vec<(String, f64)> = total
        .details(Cle::Sorties)
        .into_iter()
        .map(|(code, c)| (libelle_nature(code), c.total as f64))
        .collect();
    if !natures.is_empty() && !p.masquer {
        d.barres_horizontales("Sorties par nature sur la période", &natures);
    }
    // Par agence, sur la période.
    if p.agence.is_none() {
        d.section("Par agence, sur la période");
        let mut agences: Vec<&str> = t.keys().map(|(_, a)| a.as_str()).collect();
        agences.sort_unstable();
        agences.dedup();
        let lignes: Vec<Vec<String>> = agences
            .iter()
            .map(|a| {
                let c = cumul(t, Some(a));
                let s = c.cellule(Cle::Sorties);
                vec![
                    noms.agence(a),
                    cellule_pdf(&f.nombre(c.compte(Cle::PrescriptionsDiagnostic).total)),
                    cellule_pdf(&f.nombre(c.compte(Cle::DiagnosticsPartages).total)),
                    cellule_pdf(&f.nombre(c.compte(Cle::Entrees).total)),
                    cellule_pdf(&f.part_brsa(c.compte(Cle::Entrees))),
                    cellule_pdf(&f.taux(
                        c.compte(Cle::EntreesDeLaCohorte).total,
                        c.compte(Cle::DiagnosticsPartages).total,
                    )),
                    cellule_pdf(&f.nombre(s.total)),
                    cellule_pdf(&f.moyenne(s.somme, s.total)),
                ]
            })
            .collect();
        d.tableau(
            &[
                "Agence",
                "Prescr. diag.",
                "Diag. partagés",
                "Entrées",
                "dont BRSA",
                "Taux intégr.",
                "Sorties",
                "Durée moy. (j)",
            ],
            &[26.0, 10.0, 10.0, 9.0, 10.0, 10.0, 9.0, 10.0],
            &lignes,
        );
    }
    // Le détail de la période, cumulé (tableaux détaillés, une ligne par mois à l'export).
    let mut periode = Indicateurs::new();
    periode.insert(
        (p.bornes.de, p.agence.unwrap_or(ENSEMBLE).to_string()),
        total,
    );
    for tab in tableaux(&periode, p.agence, f, noms).into_iter().skip(2) {
        detail_pdf(&mut d, &tab);
    }
    Ok(d.octets())
}

/// Un tableau détaillé cumulé sur la période : sans les colonnes mois et agence.
fn detail_pdf(d: &mut Document, tab: &Tableau) {
    d.section(&format!("{} — cumul de la période", tab.titre));
    if tab.lignes.is_empty() {
        d.paragraphe("Aucun sur la période.");
        return;
    }
    let entetes: Vec<&str> = tab.entetes.iter().skip(2).map(String::as_str).collect();
    let mut parts = vec![10.0_f32; entetes.len()];
    if let Some(p) = parts.first_mut() {
        *p = 26.0;
    }
    let lignes: Vec<Vec<String>> = tab
        .lignes
        .iter()
        .map(|l| l.valeurs.iter().skip(2).map(cellule_pdf).collect())
        .collect();
    d.tableau(&entetes, &parts, &lignes);
}
