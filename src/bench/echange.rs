//! Mesures de l'échange entre installations : écrire le paquet des événements de 100
//! dossiers communs (filtre du consentement, signature, chiffrement, écriture atomique),
//! et le recevoir dans une installation neuve (vérification, application en une
//! transaction, rejeu, indicateurs), chacun à côté de la sérialisation nue des mêmes
//! événements.

use std::path::Path;

use uuid::Uuid;

use crate::bench::{mediane, Cible, Mesure};
use crate::domain::date::Jour;
use crate::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use crate::domain::dossier::{
    Canal, CategorieSecret, Commande, Consentement, MoyenConsentement, ObjetFiche, Ouverture,
};
use crate::domain::echange::Charge;
use crate::domain::identifiants::{CodeInsee, IdentifiantFt};
use crate::domain::personne::{Civilite, Personne};
use crate::domain::professionnel::{Affectation, GenreStructure, Professionnel, Role};
use crate::services::acces::{self, Acces};
use crate::services::espace::Espace;
use crate::services::{cartes, echange, Poste};

pub const DOSSIERS: usize = 100;

pub(crate) fn professionnel(n: u128, prenom: &str, affectation: Affectation) -> Professionnel {
    Professionnel {
        id: Uuid::from_u128(n),
        civilite: Civilite::Madame,
        nom: "Banc".into(),
        prenom: prenom.into(),
        telephone: None,
        courriel: None,
        affectation,
        habilitation: Default::default(),
    }
}

/// Une installation neuve dont le compte est ce professionnel.
pub(crate) fn installation(dossier: &Path, p: &Professionnel, jour: Jour) -> Result<Acces, String> {
    let espace = Espace {
        dossier: dossier.to_path_buf(),
    };
    let (mut a, _) = acces::installer(
        &espace,
        super::COMPTE_DU_BANC,
        super::MDP_DU_BANC,
        super::MDP_DU_BANC,
    )
    .map_err(|e| e.to_string())?;
    let poste = Poste::ouvrir(&espace, a.clone(), jour).map_err(|e| e.to_string())?;
    let mut store = poste.store();
    store
        .enregistrer_professionnel(p, "banc", poste.ctx())
        .map_err(|e| e.to_string())?;
    a.compte.professionnel = Some(p.id);
    store
        .modifier_compte(&a.compte)
        .map_err(|e| e.to_string())?;
    Ok(a)
}

pub(crate) fn poste(dossier: &Path, a: &Acces, jour: Jour) -> Result<Poste, String> {
    let espace = Espace {
        dossier: dossier.to_path_buf(),
    };
    Poste::ouvrir(&espace, a.clone(), jour).map_err(|e| e.to_string())
}

/// Les commandes d'un dossier commun : ouverture, consentement, deux volets, une fiche
/// envoyée, quatre contacts (dix événements).
fn commandes(
    i: usize,
    c: &Professionnel,
    r: &Professionnel,
    jour: Jour,
) -> Result<Vec<Commande>, String> {
    let id = Uuid::from_u128(0xEC00 + i as u128);
    let personne = Personne {
        civilite: Civilite::Madame,
        nom: format!("Banc{i}"),
        prenom: "Camille".into(),
        date_naissance: jour - chrono::Duration::days(12_000),
        identifiant_ft: IdentifiantFt::parse(&format!("{:07}A", 1_000_000 + i))
            .map_err(|e| e.to_string())?,
        nir: None,
        caf: None,
        adresse: "1 rue du Banc".into(),
        code_postal: None,
        commune: CodeInsee::parse("13004").map_err(|e| e.to_string())?,
        telephone: None,
        courriel: None,
        brsa: true,
        enfant_mineur: false,
        agence: "AG-BANC".into(),
    };
    let diag = |volet| Diagnostic {
        volet,
        date: jour,
        synthese: "Synthèse de l'entretien.".into(),
        evaluations: vec![Evaluation {
            besoin: "trouver-logement".into(),
            situation: Situation::Oui,
            objectif: Objectif::EnCours,
            commentaire: "Cherche un T2.".into(),
            confidentiel: false,
        }],
    };
    let mut v = vec![
        Commande::Ouvrir(Ouverture {
            id,
            personne,
            initiative: Role::Conseiller,
            prescripteur: None,
            date: jour,
            conseiller: Some(c.membre()),
            referent: Some(r.membre()),
        }),
        Commande::RecueillirConsentement(Consentement {
            date: jour,
            moyen: MoyenConsentement::FormulaireEcrit,
            categories: vec![CategorieSecret::Logement],
            document: None,
            revoque_le: None,
        }),
        Commande::EnregistrerDiagnostic(diag(Volet::Emploi)),
        Commande::EnregistrerDiagnostic(diag(Volet::Social)),
        Commande::CreerFiche {
            emetteur: Role::Conseiller,
            objet: ObjetFiche::Orientation,
            date: jour,
            motif: "Orientation".into(),
            synthese: String::new(),
            action_demandee: "Entretien n°1".into(),
        },
        Commande::EnvoyerFiche {
            numero: 1,
            date: jour,
        },
    ];
    for k in 0..4 {
        v.push(Commande::EnregistrerContact {
            date: jour,
            canal: Canal::Telephone,
            role: Role::Conseiller,
            objet: format!("Appel {k}"),
        });
    }
    Ok(v)
}

/// Copie les fichiers d'une installation fermée (base, trousseau), sans ses sous-dossiers.
fn copier(de: &Path, vers: &Path) -> Result<(), String> {
    std::fs::create_dir_all(vers).map_err(|e| e.to_string())?;
    for f in std::fs::read_dir(de).map_err(|e| e.to_string())? {
        let f = f.map_err(|e| e.to_string())?;
        if f.file_type().map_err(|e| e.to_string())?.is_file() {
            std::fs::copy(f.path(), vers.join(f.file_name())).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

pub fn mesurer(jour: Jour, dossier: &Path) -> Result<Vec<Mesure>, String> {
    let err = |e: crate::services::ErreurService| e.to_string();
    let c = professionnel(
        0xC0,
        "Alix",
        Affectation::Agence {
            agence: "AG-BANC".into(),
            perimetre: vec![CodeInsee::parse("13004").map_err(|e| e.to_string())?],
        },
    );
    let r = professionnel(
        0xC1,
        "Bastien",
        Affectation::Structure {
            genre: GenreStructure::PoleInsertion,
            code: "PI-BANC".into(),
            nom: "Pôle d'insertion du banc".into(),
        },
    );
    let (da, db) = (dossier.join("a"), dossier.join("b"));
    let (aa, ab) = (installation(&da, &c, jour)?, installation(&db, &r, jour)?);
    let (pa, pb) = (poste(&da, &aa, jour)?, poste(&db, &ab, jour)?);
    // Les cartes, échangées et vérifiées.
    let (carte_a, carte_b) = (dossier.join("carte-a.json"), dossier.join("carte-b.json"));
    cartes::exporter(&pa, &carte_a, true).map_err(err)?;
    cartes::exporter(&pb, &carte_b, true).map_err(err)?;
    cartes::importer(&pb, &carte_a).map_err(err)?;
    cartes::verifier(&pb, aa.compte.id).map_err(err)?;
    cartes::importer(&pa, &carte_b).map_err(err)?;
    cartes::verifier(&pa, ab.compte.id).map_err(err)?;
    {
        let mut store = pa.store();
        for i in 0..DOSSIERS {
            let cs = commandes(i, &c, &r, jour)?;
            let id = Uuid::from_u128(0xEC00 + i as u128);
            for x in &cs {
                store
                    .executer(id, x, "banc", pa.ctx())
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    // La référence : les mêmes événements, sérialisés puis relus, sans rien d'autre.
    let evenements = {
        let store = pa.store();
        let mut v = Vec::new();
        for i in 0..DOSSIERS {
            v.extend(
                store
                    .evenements_a_envoyer(Uuid::from_u128(0xEC00 + i as u128), 0)
                    .map_err(|e| e.to_string())?,
            );
        }
        v
    };
    let charge = Charge {
        evenements,
        accuses: Vec::new(),
        cotraitance: Vec::new(),
    };
    let mut octets = Vec::new();
    let serialiser = mediane(7, || {
        octets = serde_json::to_vec(&charge).map_err(|e| e.to_string())?;
        Ok(())
    })?;
    let relire = mediane(7, || {
        let c: Charge = serde_json::from_slice(&octets).map_err(|e| e.to_string())?;
        std::hint::black_box(c);
        Ok(())
    })?;
    let paquet = dossier.join("paquet.binome");
    let exporter = mediane(5, || {
        echange::exporter(&pa, ab.compte.id, &paquet, true)
            .map(|_| ())
            .map_err(err)
    })?;
    drop(pa);
    drop(pb);
    // Chaque réception dans une copie neuve de l'installation B, où tout est nouveau ; seule
    // la réception est chronométrée (ni la copie, ni l'ouverture).
    let mut durees = Vec::new();
    for n in 0..5 {
        let copie = dossier.join(format!("b{n}"));
        copier(&db, &copie)?;
        let p = poste(&copie, &ab, jour)?;
        let debut = std::time::Instant::now();
        let a = echange::importer(&p, &paquet).map_err(err)?;
        durees.push(debut.elapsed().as_secs_f64() * 1000.0);
        if a.nouveaux as usize != charge.evenements.len() {
            return Err(format!(
                "réception incomplète : {} événements sur {}",
                a.nouveaux,
                charge.evenements.len()
            ));
        }
    }
    let importer = super::milieu(durees);
    Ok(vec![
        Mesure {
            name: "echange_export_100".into(),
            value: exporter,
            unit: "ms",
            baseline: serialiser,
            target: Cible::Valeur(200.0),
            libelle: format!(
                "Écrire le paquet de {DOSSIERS} dossiers ({} événements : filtre, signature, chiffrement)",
                charge.evenements.len()
            ),
            reference: "sérialisation JSON nue des mêmes événements".into(),
        },
        Mesure {
            name: "echange_import_100".into(),
            value: importer,
            unit: "ms",
            baseline: relire,
            target: Cible::Valeur(200.0),
            libelle: "Recevoir ce paquet dans une installation neuve (vérification, application, rejeu)".into(),
            reference: "lecture JSON nue des mêmes événements".into(),
        },
    ])
}
