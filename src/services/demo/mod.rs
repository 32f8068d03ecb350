//! Données de démonstration : des professionnels et des dossiers fictifs, répartis sur
//! toutes les étapes du parcours et toutes les alertes. Chaque dossier est conduit par les
//! mêmes commandes que l'interface : la démonstration ne contourne aucune règle.

mod alea;
pub mod comptes;
mod cotraitance;
mod noms;
mod parcours;
pub mod ressources;

use chrono::Datelike;

use alea::Alea;

use crate::domain::date::Jour;
use crate::domain::dossier::Contexte;
use crate::domain::freins::Freins;
use crate::domain::identifiants::{
    CodeInsee, CodePostal, Courriel, IdentifiantFt, Nir, NumeroCaf, Telephone,
};
use crate::domain::personne::{Civilite, Personne};
use crate::domain::professionnel::{Affectation, GenreStructure, Professionnel};
use crate::domain::structures::Referentiel;
use crate::store::{ErreurStore, Store};

/// Auteur des écritures qui ne viennent d'aucun professionnel.
pub const AUTEUR_DEMO: &str = "démonstration";

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub dossiers: usize,
    pub graine: u64,
    pub aujourdhui: Jour,
    /// Nombre d'agences couvertes (les premières du référentiel).
    pub agences: usize,
    /// Nombre de ressources partenariales fictives.
    pub ressources: usize,
    /// La part des dossiers confiés au premier conseiller, l'utilisateur de la
    /// démonstration : un portefeuille réaliste (70 à 100 accompagnements, article 1.4).
    pub part_utilisateur: f64,
}

impl Options {
    pub fn new(dossiers: usize, graine: u64, aujourdhui: Jour) -> Options {
        Options {
            dossiers,
            graine,
            aujourdhui,
            agences: 6,
            ressources: 200,
            part_utilisateur: 0.3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilan {
    pub professionnels: usize,
    pub dossiers: usize,
    pub evenements: u64,
    pub ressources: usize,
}

/// Les professionnels d'un territoire de démonstration.
pub(crate) struct Equipe {
    pub conseillers: Vec<Professionnel>,
    pub referents: Vec<Professionnel>,
    /// Un professionnel par mission locale (cotraitance des jeunes).
    pub missions_locales: Vec<Professionnel>,
    pub ressources: Vec<crate::domain::ressources::Ressource>,
}

/// Remplit la base ; tout est écrit dans une seule transaction.
pub fn generer(
    store: &mut Store,
    options: Options,
    referentiel: &Referentiel,
    freins: &Freins,
) -> Result<Bilan, ErreurStore> {
    let avant = store.nombre_evenements()?;
    let mut alea = Alea::new(options.graine);
    let ctx = Contexte {
        aujourdhui: options.aujourdhui,
        freins,
        regles: crate::domain::dossier::Regles::default(),
    };
    let mut equipe = equipe(&mut alea, referentiel, options.agences);
    // Un aléa à part : ajouter des ressources ne change pas les dossiers générés.
    equipe.ressources = ressources::generer(
        options.graine ^ 0x7265_7373,
        options.ressources,
        referentiel,
        freins,
        options.aujourdhui,
    );
    // Les référents et le premier conseiller (l'utilisateur de la démonstration) tiennent
    // la base de ressources à jour.
    for p in equipe
        .referents
        .iter_mut()
        .chain(equipe.conseillers.iter_mut().take(1))
    {
        p.habilitation = crate::domain::ressources::Habilitation::MiseAJour;
    }
    let mut lot = store.lot(AUTEUR_DEMO, ctx)?;
    for p in equipe
        .conseillers
        .iter()
        .chain(&equipe.referents)
        .chain(&equipe.missions_locales)
    {
        lot.enregistrer_professionnel(p)?;
    }
    let communes: Vec<&str> = equipe
        .conseillers
        .iter()
        .filter_map(|c| match &c.affectation {
            Affectation::Agence { perimetre, .. } => Some(perimetre),
            _ => None,
        })
        .flatten()
        .map(|c| c.as_str())
        .collect();
    if communes.is_empty() {
        return Err(ErreurStore::Referentiel(
            "la liste des structures ne contient aucune agence".into(),
        ));
    }
    let siennes: Vec<&str> = match equipe.conseillers.first().map(|c| &c.affectation) {
        Some(Affectation::Agence { perimetre, .. }) => {
            perimetre.iter().map(|c| c.as_str()).collect()
        }
        _ => Vec::new(),
    };
    for i in 0..options.dossiers {
        let commune = if !siennes.is_empty() && alea.chance(options.part_utilisateur) {
            *alea.choisir(&siennes)
        } else {
            *alea.choisir(&communes)
        };
        let p = personne(&mut alea, i, commune, referentiel, options.aujourdhui)
            .map_err(ErreurStore::Referentiel)?;
        parcours::conduire(
            &mut lot,
            &mut alea,
            p,
            &equipe,
            referentiel,
            options.aujourdhui,
        )?;
    }
    // Un aléa à part : les jeunes en cotraitance ne changent pas les dossiers générés.
    let mls = crate::services::cotraitance::missions_locales(referentiel);
    let couvertes: Vec<&str> = siennes
        .iter()
        .copied()
        .filter(|c| referentiel.structures.mission_locale_de(c).is_some())
        .collect();
    if let (Some(conseiller), false, true) = (
        equipe.conseillers.first(),
        couvertes.is_empty(),
        options.dossiers > 0,
    ) {
        cotraitance::conduire(
            &mut lot,
            &mut Alea::new(options.graine ^ 0x636f_7472),
            (options.dossiers / 25).max(cotraitance::SCENARIOS),
            &couvertes,
            &mls,
            conseiller.id,
            options.aujourdhui,
        )?;
    }
    lot.valider()?;
    let verification = crate::domain::ressources::Contexte {
        freins,
        territoire: referentiel,
    };
    let lignes = equipe
        .ressources
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut r = r.clone();
            let issue = match r.verifier(verification) {
                Ok(()) => crate::formats::ressources::import::Issue::Valide(Box::new(r.clone())),
                Err(e) => crate::formats::ressources::import::Issue::Erreur(e.to_string()),
            };
            crate::formats::ressources::import::LigneLue {
                fichier: AUTEUR_DEMO.into(),
                numero: i + 1,
                reference: r.source_id.clone(),
                issue,
                avertissements: Vec::new(),
            }
        })
        .collect();
    let rapport = store.importer_ressources(lignes, None, false)?;
    if let Some(e) = rapport.erreurs.first() {
        return Err(ErreurStore::Referentiel(e.clone()));
    }
    Ok(Bilan {
        professionnels: equipe.conseillers.len()
            + equipe.referents.len()
            + equipe.missions_locales.len(),
        dossiers: options.dossiers,
        evenements: store.nombre_evenements()? - avant,
        ressources: rapport.creees + rapport.inchangees,
    })
}

fn equipe(alea: &mut Alea, referentiel: &Referentiel, agences: usize) -> Equipe {
    let s = &referentiel.structures;
    let mut conseillers = Vec::new();
    for agence in s.agences.iter().take(agences.max(1)) {
        let perimetre: Vec<CodeInsee> = agence
            .communes
            .iter()
            .filter_map(|c| CodeInsee::parse(c).ok())
            .collect();
        for _ in 0..2 {
            conseillers.push(professionnel(
                alea,
                Affectation::Agence {
                    agence: agence.code.clone(),
                    perimetre: perimetre.clone(),
                },
            ));
        }
    }
    let mut referents = Vec::new();
    for (genre, liste) in [
        (GenreStructure::PoleInsertion, &s.poles_insertion),
        (GenreStructure::Mds, &s.mds),
    ] {
        for t in liste {
            referents.push(professionnel(
                alea,
                Affectation::Structure {
                    genre,
                    code: t.code.clone(),
                    nom: t.nom.clone(),
                },
            ));
        }
    }
    for (code, nom) in [
        ("PART-CCAS", "CCAS (structure partenaire)"),
        (
            "PART-ASSOC-INSERTION",
            "Association d'insertion (structure partenaire)",
        ),
    ] {
        referents.push(professionnel(
            alea,
            Affectation::Structure {
                genre: GenreStructure::Partenaire,
                code: code.into(),
                nom: nom.into(),
            },
        ));
    }
    // Un aléa à part : les professionnels des missions locales ne changent pas les autres.
    let mut a = Alea::new(0x6d6c);
    let missions_locales = s
        .missions_locales
        .iter()
        .map(|t| {
            professionnel(
                &mut a,
                Affectation::Structure {
                    genre: GenreStructure::MissionLocale,
                    code: t.code.clone(),
                    nom: t.nom.clone(),
                },
            )
        })
        .collect();
    Equipe {
        conseillers,
        referents,
        missions_locales,
        ressources: Vec::new(),
    }
}

fn professionnel(alea: &mut Alea, affectation: Affectation) -> Professionnel {
    let civilite = if alea.chance(0.7) {
        Civilite::Madame
    } else {
        Civilite::Monsieur
    };
    let prenom = prenom(alea, civilite);
    let nom = alea.choisir(noms::NOMS).to_string();
    let domaine = match affectation {
        Affectation::Agence { .. } => "francetravail.exemple.fr",
        Affectation::Structure {
            genre: GenreStructure::MissionLocale,
            ..
        } => "missionlocale.exemple.fr",
        Affectation::Structure { .. } => "departement13.exemple.fr",
    };
    Professionnel {
        id: alea.uuid(),
        civilite,
        courriel: Courriel::parse(&format!("{}.{}@{domaine}", ascii(&prenom), ascii(&nom))).ok(),
        telephone: Telephone::parse(&format!(
            "04 91 {:02} {:02} {:02}",
            alea.entre(10, 99),
            alea.entre(0, 99),
            alea.entre(0, 99)
        ))
        .ok(),
        nom,
        prenom,
        affectation,
        habilitation: Default::default(),
    }
}

pub(super) fn prenom(alea: &mut Alea, civilite: Civilite) -> String {
    match civilite {
        Civilite::Madame => alea.choisir(noms::PRENOMS_F),
        Civilite::Monsieur => alea.choisir(noms::PRENOMS_M),
    }
    .to_string()
}

/// Minuscules sans accents ni espaces, pour les adresses électroniques fictives.
fn ascii(texte: &str) -> String {
    texte
        .chars()
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' => Some('e'),
            'î' | 'ï' => Some('i'),
            'ô' | 'ö' => Some('o'),
            'ù' | 'û' | 'ü' => Some('u'),
            'ç' => Some('c'),
            ' ' | '\'' => None,
            c if c.is_ascii_alphanumeric() || c == '-' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Un NIR synthétique à clé valide : né dans la commune de résidence, numéro d'ordre tiré.
fn nir(alea: &mut Alea, civilite: Civilite, naissance: Jour, commune: &str) -> Option<Nir> {
    let sexe = if civilite == Civilite::Monsieur { 1 } else { 2 };
    let corps = format!(
        "{sexe}{:02}{:02}{}{:03}",
        naissance.year() % 100,
        naissance.month(),
        commune,
        alea.entre(1, 999)
    );
    let calcul = corps.replace("2A", "19").replace("2B", "18");
    let n: u64 = calcul.parse().ok()?;
    Nir::parse(&format!("{corps}{:02}", 97 - n % 97)).ok()
}

fn personne(
    alea: &mut Alea,
    i: usize,
    commune: &str,
    referentiel: &Referentiel,
    aujourdhui: Jour,
) -> Result<Personne, String> {
    let civilite = if alea.chance(0.5) {
        Civilite::Madame
    } else {
        Civilite::Monsieur
    };
    let prenom = prenom(alea, civilite);
    let nom = alea.choisir(noms::NOMS).to_string();
    let age = alea.entre(18, 62);
    let naissance = Jour::from_ymd_opt(
        aujourdhui.year() - age as i32,
        alea.entre(1, 12) as u32,
        alea.entre(1, 28) as u32,
    )
    .ok_or("date de naissance")?;
    let c = referentiel
        .commune(commune)
        .ok_or_else(|| format!("commune {commune} absente du référentiel"))?;
    let agence = referentiel
        .structures
        .agence_de(commune)
        .ok_or_else(|| format!("aucune agence ne couvre la commune {commune}"))?;
    // Bijection sur 7 chiffres : identifiants distincts pour i < 10 000 000.
    let chiffres = (i as u64 * 7_919 + 1_234_567) % 10_000_000;
    let lettre = (b'A' + (alea.entre(0, 25) as u8)) as char;
    let brsa = alea.chance(0.55);
    let err = |e: crate::domain::identifiants::ErreurIdentifiant| e.to_string();
    Ok(Personne {
        civilite,
        nir: if alea.chance(0.4) {
            nir(alea, civilite, naissance, commune)
        } else {
            None
        },
        caf: if brsa && alea.chance(0.7) {
            Some(NumeroCaf::parse(&format!("{:07}", alea.entre(0, 9_999_999))).map_err(err)?)
        } else {
            None
        },
        adresse: format!("{} {}", alea.entre(1, 180), alea.choisir(noms::VOIES)),
        code_postal: c
            .codes_postaux
            .first()
            .and_then(|cp| CodePostal::parse(cp).ok()),
        commune: CodeInsee::parse(commune).map_err(err)?,
        telephone: if alea.chance(0.85) {
            Some(
                Telephone::parse(&format!(
                    "0{} {:02} {:02} {:02} {:02}",
                    alea.entre(6, 7),
                    alea.entre(0, 99),
                    alea.entre(0, 99),
                    alea.entre(0, 99),
                    alea.entre(0, 99)
                ))
                .map_err(err)?,
            )
        } else {
            None
        },
        courriel: if alea.chance(0.6) {
            Courriel::parse(&format!("{}.{}@exemple.fr", ascii(&prenom), ascii(&nom))).ok()
        } else {
            None
        },
        identifiant_ft: IdentifiantFt::parse(&format!("{chiffres:07}{lettre}")).map_err(err)?,
        date_naissance: naissance,
        prenom,
        nom,
        brsa,
        enfant_mineur: alea.chance(0.4),
        agence: agence.code.clone(),
    })
}

/// Prépare la démonstration dans l'espace (sa propre connexion, sur un fil à part), si la
/// base est encore vide.
pub fn preparer(
    espace: &crate::services::espace::Espace,
    acces: &crate::services::acces::Acces,
    dossiers: usize,
    aujourdhui: Jour,
) -> Result<(), crate::services::ErreurService> {
    let mut store = espace.store(acces)?;
    if !store.portefeuille()?.is_empty() {
        return Ok(());
    }
    let referentiel = espace.referentiel()?;
    generer(
        &mut store,
        Options::new(dossiers, 1, aujourdhui),
        &referentiel,
        &Freins::embarque(),
    )?;
    // Le compte qui découvre la démonstration en devient le conseiller ; les autres comptes
    // de la démonstration sont créés par lui, administrateur du poste neuf.
    if acces.compte.professionnel.is_none() {
        if let Some(c) = comptes::conseiller_de_demo(&store.professionnels()?) {
            let mut compte = acces.compte.clone();
            compte.professionnel = Some(c.id);
            store.modifier_compte(&compte)?;
        }
    }
    if acces.compte.administrateur {
        comptes::creer_comptes(espace, acces, &mut store)?;
    }
    Ok(())
}

/// Entre dans la démonstration : le compte connecté devient le premier conseiller dédié
/// habilité à tenir la base de ressources (toutes les actions se voient).
pub fn entrer(
    session: &mut crate::services::session::Session,
) -> Result<(), crate::services::ErreurService> {
    session.recharger()?;
    let conseiller = comptes::conseiller_de_demo(&session.professionnels()?)
        .ok_or(crate::services::ErreurService::DemoSansConseiller)?;
    session.definir_utilisateur(conseiller)?;
    Ok(())
}
