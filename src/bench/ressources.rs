//! Base de ressources : import de 20 000 fiches et recherche multicritère (texte + famille
//! + rayon de 10 km), chacun à côté d'une référence mesurée dans la même exécution.

use std::time::Instant;

use super::{mediane, milieu, Cible, DossierTemporaire, Mesure};
use crate::domain::date::Jour;
use crate::domain::freins::Freins;
use crate::domain::ressources::recherche::{distance_km, Autour, Criteres};
use crate::domain::ressources::{Contexte, Ressource};
use crate::domain::structures::Referentiel;
use crate::domain::texte::{correspond, normaliser};
use crate::formats::ressources::import::{Issue, LigneLue};
use crate::store::Store;

pub const RESSOURCES: usize = 20_000;

fn lignes(ressources: &[Ressource]) -> Vec<LigneLue> {
    ressources
        .iter()
        .enumerate()
        .map(|(i, r)| LigneLue {
            fichier: "banc".into(),
            numero: i + 1,
            reference: r.source_id.clone(),
            issue: Issue::Valide(Box::new(r.clone())),
            avertissements: Vec::new(),
        })
        .collect()
}

pub fn mesurer(
    freins: &Freins,
    territoire: &Referentiel,
    aujourdhui: Jour,
) -> Result<Vec<Mesure>, String> {
    let err = |e: crate::store::ErreurStore| e.to_string();
    let tmp = DossierTemporaire(std::env::temp_dir().join(format!(
        "binome-bench-ressources-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_millis()
    )));
    let ctx = Contexte { freins, territoire };
    let mut ressources =
        crate::services::demo::ressources::generer(11, RESSOURCES, territoire, freins, aujourdhui);
    for r in &mut ressources {
        r.verifier(ctx).map_err(|e| e.to_string())?;
    }

    // Import : une transaction, quatre index tenus à jour, synchronisée sur disque. Trois
    // imports dans des bases neuves, en alternance avec la référence, pour que la charge de
    // l'hôte pèse autant sur l'un que sur l'autre ; on garde les médianes.
    let cle = crate::store::CleBase::generer().map_err(|e| e.to_string())?;
    let json = ressources
        .iter()
        .map(|r| serde_json::to_string(r).map(|json| (r.id.to_string(), json)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let (mut imports, mut bruts, mut store) = (Vec::new(), Vec::new(), None);
    for essai in 0..3 {
        let mut s = Store::ouvrir(&tmp.0.join(format!("import-{essai}")), &cle).map_err(err)?;
        let a_importer = lignes(&ressources);
        let debut = Instant::now();
        let rapport = s
            .importer_ressources(a_importer, None, false)
            .map_err(err)?;
        imports.push(debut.elapsed().as_secs_f64() * 1000.0);
        if rapport.creees != RESSOURCES {
            return Err(format!("import du banc incomplet : {}", rapport.resume()));
        }
        store = Some(s);
        let lignes = json.clone();
        let debut = Instant::now();
        Store::reference_insertion_en_vrac(
            &tmp.0.join(format!("brut-{essai}.sqlite3")),
            &cle,
            lignes,
        )
        .map_err(err)?;
        bruts.push(debut.elapsed().as_secs_f64() * 1000.0);
    }
    let (import_ms, brut) = (milieu(imports), milieu(bruts));
    let store = store.ok_or("aucun import mesuré")?;

    // Recherche : « solidaire », difficultés financières, 10 km autour de Marseille 1er.
    let centre = territoire
        .commune("13201")
        .ok_or("Marseille 1er absent du référentiel")?;
    let criteres = Criteres {
        texte: "solidaire".into(),
        famille: Some("difficultes-financieres".into()),
        autour: Some(Autour {
            libelle: centre.nom.to_string(),
            latitude: centre.latitude,
            longitude: centre.longitude,
            rayon_km: 10.0,
        }),
        limite: 50,
        ..Default::default()
    };
    let instant = chrono::Local::now().naive_local();
    let mut trouvees = 0;
    let recherche = mediane(30, || {
        let r = store
            .rechercher_ressources(&criteres, instant)
            .map_err(err)?;
        trouvees = r.total;
        Ok(())
    })?;
    // Référence : lire et filtrer toutes les fiches, sans index.
    let mut trouvees_scan = 0;
    let scan = mediane(5, || {
        let mut illisible = None;
        let n = store
            .reference_ressources(|json| {
                let r: Ressource = match serde_json::from_str(json) {
                    Ok(r) => r,
                    Err(e) => {
                        illisible = Some(e.to_string());
                        return false;
                    }
                };
                let texte = normaliser(&format!(
                    "{} {} {} {}",
                    r.nom,
                    r.structure,
                    r.description,
                    r.texte_public()
                ));
                correspond(&texte, "solidaire")
                    && r.cibles
                        .iter()
                        .any(|c| c.famille == "difficultes-financieres")
                    && r.latitude.zip(r.longitude).is_some_and(|p| {
                        distance_km((centre.latitude, centre.longitude), p) <= 10.0
                    })
            })
            .map_err(err)?;
        if let Some(e) = illisible {
            return Err(e);
        }
        trouvees_scan = n;
        Ok(())
    })?;
    if trouvees != trouvees_scan {
        return Err(format!(
            "la recherche indexée trouve {trouvees} ressources, la lecture complète {trouvees_scan}"
        ));
    }
    Ok(vec![
        Mesure {
            name: "ressources_recherche_texte_famille_rayon".into(),
            value: recherche,
            unit: "ms",
            baseline: scan,
            target: Cible::Valeur(5.0),
            libelle: format!(
                "Recherche « solidaire » + famille + 10 km sur {RESSOURCES} ressources ({trouvees} trouvées)"
            ),
            reference: "lecture et filtrage de toutes les fiches, sans index".into(),
        },
        Mesure {
            name: "ressources_import".into(),
            value: import_ms,
            unit: "ms",
            baseline: brut,
            target: Cible::Rapport(3.0),
            libelle: format!("Import de {RESSOURCES} ressources (index texte, spatial, familles, historique)"),
            reference: "INSERT des mêmes fiches JSON dans une table nue, même chiffrement".into(),
        },
    ])
}
