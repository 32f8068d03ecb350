//! Mesures du banc d'essai pour les indicateurs : 12 mois sur 100 000 dossiers, et
//! l'export XLSX de ces chiffres, chacune à côté d'une référence de la même exécution.

use uuid::Uuid;

use crate::bench::{mediane, Cible, Mesure};
use crate::domain::date::Jour;
use crate::domain::freins::Freins;
use crate::domain::indicateurs::tableaux::Noms;
use crate::domain::indicateurs::{Bornes, Mois};
use crate::domain::structures::Referentiel;
use crate::formats::indicateurs::{self as export, Presentation};
use crate::store::Store;

/// Dossiers de la base des indicateurs mesurés.
pub const DOSSIERS: usize = 100_000;

/// `source` : la base de démonstration du banc ; ses journaux sont recopiés (sous d'autres
/// identifiants) jusqu'à 100 000 dossiers dans une base à part, `dossier`.
pub fn mesurer(
    source: &Store,
    dossier: &std::path::Path,
    referentiel: &Referentiel,
    freins: &Freins,
    aujourdhui: Jour,
) -> Result<Vec<Mesure>, String> {
    let err = |e: crate::store::ErreurStore| e.to_string();
    let ids: Vec<Uuid> = source
        .portefeuille()
        .map_err(err)?
        .iter()
        .map(|r| r.id)
        .collect();
    let journaux = source.journaux(&ids).map_err(err)?;
    if journaux.is_empty() {
        return Err("aucun dossier dans la base de mesure".into());
    }
    let mut store = Store::ouvrir(
        dossier,
        &crate::store::CleBase::generer().map_err(|e| e.to_string())?,
    )
    .map_err(err)?;
    let copies = (0..DOSSIERS).map(|i| {
        (
            Uuid::from_u128(i as u128 + 1).to_string(),
            journaux[i % journaux.len()].clone(),
        )
    });
    store.indexer_pour_mesure(copies, freins).map_err(err)?;
    let a = Mois::de(aujourdhui);
    let bornes = Bornes {
        de: (0..11).fold(a, |m, _| m.precedent()),
        a,
        aujourdhui,
    };
    let mut t = Default::default();
    let calcul = mediane(7, || {
        t = store.indicateurs(bornes).map_err(err)?;
        Ok(())
    })?;
    // Référence : les mêmes lignes lues brutes, sans rien calculer.
    let brut = mediane(7, || store.reference_indicateurs(bornes).map_err(err))?;
    let noms = Noms {
        freins,
        referentiel,
    };
    let p = Presentation {
        bornes,
        agence: None,
        masquer: false,
        origine: String::new(),
    };
    let mut taille = 0;
    let xlsx = mediane(3, || {
        let o = export::xlsx(&t, &p, &noms).map_err(|e| e.to_string())?;
        taille = o.len();
        crate::fichiers::ecrire_atomiquement(&dossier.join("indicateurs.xlsx"), &o)
            .map_err(|e| e.to_string())
    })?;
    let csv = mediane(3, || {
        crate::fichiers::ecrire_atomiquement(
            &dossier.join("indicateurs.csv"),
            &export::csv(&t, &p, &noms),
        )
        .map_err(|e| e.to_string())
    })?;
    Ok(vec![
        Mesure {
            name: "indicateurs_12_mois_100000_dossiers".into(),
            value: calcul,
            unit: "ms",
            baseline: brut,
            target: Cible::Valeur(200.0),
            libelle: format!("Tous les indicateurs, 12 mois, {DOSSIERS} dossiers"),
            reference: "mêmes lignes lues brutes, sans calcul".into(),
        },
        Mesure {
            name: "indicateurs_export_xlsx".into(),
            value: xlsx,
            unit: "ms",
            baseline: csv,
            target: Cible::Valeur(1000.0),
            libelle: format!(
                "Export XLSX de ces indicateurs ({} Ko, écrit sur disque)",
                taille / 1024
            ),
            reference: "export CSV des mêmes tableaux".into(),
        },
    ])
}
