//! Mesures de la reprise d'un portefeuille : un tableau de 50 000 lignes (au banc) (CSV Excel en
//! français) lu, vérifié ligne à ligne puis importé en une transaction dans une installation
//! neuve, à côté de la lecture CSV nue des mêmes octets.

use std::path::Path;

use crate::bench::{mediane, Cible, Mesure};
use crate::domain::date::{date_fr, Jour};
use crate::domain::professionnel::Affectation;
use crate::services::reprise::{self, Options};

/// Un tableau de suivi fictif : identifiants synthétiques, communes du territoire.
fn tableau(
    referentiel: &crate::domain::structures::Referentiel,
    jour: Jour,
    lignes: usize,
) -> Vec<u8> {
    let communes = referentiel.communes_du_territoire();
    let mut t = String::from(
        "\u{feff}Civilité;Nom;Prénom;Date de naissance;Identifiant PE/FT;Commune;BRSA;Date d'entrée;Observations\r\n",
    );
    for i in 0..lignes {
        let naissance = jour - chrono::Duration::days(9000 + (i % 9000) as i64);
        let entree = if i % 3 == 0 {
            date_fr(jour - chrono::Duration::days(30 + (i % 300) as i64))
        } else {
            String::new()
        };
        t.push_str(&format!(
            "{};Banc{};Prénom{};{};{:07}{};{};{};{};suivi n° {i}\r\n",
            if i % 2 == 0 { "Mme" } else { "M." },
            i / 7,
            i % 97,
            date_fr(naissance),
            2_000_000 + i,
            (b'A' + (i % 26) as u8) as char,
            communes[i % communes.len()].insee,
            if i % 4 == 0 { "oui" } else { "non" },
            entree,
        ));
    }
    t.into_bytes()
}

/// `lignes` : 50 000 pour le banc, moins pour l'essai de la sortie JSON.
pub fn mesurer(jour: Jour, dossier: &Path, lignes: usize) -> Result<Vec<Mesure>, String> {
    let err = |e: crate::services::ErreurService| e.to_string();
    let c = super::echange::professionnel(
        0xD0,
        "Camille",
        Affectation::Agence {
            agence: "AG-MARSEILLE-1".into(),
            perimetre: Vec::new(),
        },
    );
    let acces = super::echange::installation(dossier, &c, jour)?;
    let poste = super::echange::poste(dossier, &acces, jour)?;
    let octets = tableau(poste.referentiel(), jour, lignes);
    let chemin = dossier.join("portefeuille.csv");
    std::fs::write(&chemin, &octets).map_err(|e| e.to_string())?;
    let brut = mediane(3, || {
        let mut l = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&octets[..]);
        let n = l.records().filter_map(Result::ok).count();
        std::hint::black_box(n);
        Ok(())
    })?;
    let mut t = None;
    let lire = mediane(3, || {
        t = Some(reprise::lire(&chemin).map_err(err)?);
        Ok(())
    })?;
    let t = t.ok_or("tableau non lu")?;
    let correspondance = reprise::proposer(&poste, &t);
    let mut rien = |_: &'static str, _: usize, _: usize| true;
    let mut a = None;
    let verifier = mediane(1, || {
        a = Some(
            reprise::analyser(&poste, "portefeuille.csv", &t, &correspondance, &mut rien)
                .map_err(err)?,
        );
        Ok(())
    })?;
    let a = a.ok_or("analyse absente")?;
    if a.compte().nouveaux != lignes {
        return Err(format!("reprise du banc : {:?}", a.compte()));
    }
    let importer = mediane(1, || {
        reprise::importer(&poste, &a, Options::default(), &mut rien)
            .map(|_| ())
            .map_err(err)
    })?;
    let n = poste
        .store()
        .portefeuille()
        .map_err(|e| e.to_string())?
        .len();
    if n != lignes {
        return Err(format!(
            "reprise du banc : {n} dossiers au lieu de {lignes}"
        ));
    }
    Ok(vec![
        Mesure {
            name: "reprise_lecture".into(),
            value: lire,
            unit: "ms",
            baseline: brut,
            target: Cible::Valeur(1000.0),
            libelle: format!("Lire un tableau de suivi de {lignes} lignes (codage, séparateur, en-tête devinés)"),
            reference: "lecture CSV nue des mêmes octets".into(),
        },
        Mesure {
            name: "reprise_verification_import".into(),
            value: verifier + importer,
            unit: "ms",
            baseline: lire,
            target: Cible::Valeur(5000.0),
            libelle: format!(
                "Vérifier puis importer {lignes} lignes en une transaction (vérification {verifier:.0} ms, import {importer:.0} ms)"
            ),
            reference: "la lecture seule du même fichier".into(),
        },
    ])
}
