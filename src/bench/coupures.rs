//! Les coupures brutales : un processus écrit sans fin par le vrai store (ou remplace un
//! fichier) et il est tué (SIGKILL) à un instant quelconque, encore et encore. Après
//! chaque coupure : la base passe `integrity_check`, chaque écriture acquittée est là, rien
//! d'écrit à moitié n'est visible (projections, chaîne du journal), et le fichier est soit
//! l'ancien, soit le nouveau complet. `cargo test` en fait 200, `binome bench` 1 000.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::dossier::{Commande, Etape};
use crate::services::acces::{self, Acces};
use crate::services::demo::comptes::MOT_DE_PASSE_DEMO;
use crate::services::espace::Espace;
use crate::services::Poste;
use crate::store::Store;

/// Le compte de la démonstration qui écrit.
const ECRIVAIN: &str = "conseiller";
/// Taille d'un fichier remplacé (assez pour que l'écriture prenne du temps).
const LIGNES_FICHIER: usize = 20_000;

/// Ce que l'écrivain écrit pendant qu'on le coupe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cible {
    /// Des événements, par le store, sur les dossiers du conseiller de la démonstration.
    Evenements,
    /// Un fichier remplacé sans fin (fichier temporaire puis renommage).
    Fichier(PathBuf),
    /// Des imports de ressources de 200 fiches chacun (gestionnaire des ressources).
    Import,
}

impl Cible {
    fn compte(&self) -> &'static str {
        match self {
            Cible::Import => "ressources",
            _ => ECRIVAIN,
        }
    }
}

/// Les fiches d'un import.
const FICHES_PAR_IMPORT: usize = 200;
const SOURCE_ESSAI: &str = "essai-coupure";

/// Le lot `n` au modèle CSV : 200 fiches nouvelles.
fn lot_csv(n: u64) -> String {
    let mut s = crate::formats::ressources::modele_csv::COLONNES.join(";");
    s.push('\n');
    // Le processus dans l'identifiant : chaque écrivain importe des fiches nouvelles.
    let p = std::process::id();
    for i in 0..FICHES_PAR_IMPORT {
        s.push_str(&format!(
            "{SOURCE_ESSAI};{p}-{n}-{i};Atelier d'essai {p}-{n}-{i};Association fictive;Essai de coupure;;;premier-niveau;1 rue Fictive;13001;13201;;;;;se-deplacer/vehicule;;;01/11/2026;non\n"
        ));
    }
    s
}

/// Ce qu'une campagne de coupures a constaté.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilan {
    pub coupures: u32,
    /// Écritures dont le processus a dit qu'elles étaient validées avant d'être tué.
    pub acquittees: u64,
    /// Écritures acquittées introuvables après la coupure : doit rester 0.
    pub perdues: u64,
    /// Tout ce qui ne va pas (base, projections, fichier) : doit rester vide.
    pub problemes: Vec<String>,
}

/// Le contenu de la version `n` du fichier : des lignes toutes pareilles, puis la fin.
fn contenu(n: u64) -> String {
    let mut s = String::with_capacity(LIGNES_FICHIER * 24);
    for _ in 0..LIGNES_FICHIER {
        s.push_str(&format!("binome-essai {n}\n"));
    }
    s.push_str(&format!("fin {n}\n"));
    s
}

/// Le côté enfant (`binome coupure-ecrivain`) : écrit sans fin et dit « ok » après chaque
/// écriture validée. Sans fichier, des événements sur les dossiers du compte ; avec, des
/// remplacements atomiques du fichier.
pub fn ecrire(
    espace: &Espace,
    acces: Acces,
    fichier: Option<&Path>,
    import: bool,
) -> Result<(), String> {
    let mut sortie = std::io::stdout().lock();
    if import {
        let aujourdhui = chrono::Local::now().date_naive();
        let poste = Poste::ouvrir(espace, acces, aujourdhui).map_err(|e| e.to_string())?;
        let csv = espace
            .dossier
            .with_extension(format!("import-{}.csv", std::process::id()));
        for n in 1.. {
            crate::fichiers::ecrire_atomiquement(&csv, lot_csv(n).as_bytes())
                .map_err(|e| e.to_string())?;
            let r = crate::services::ressources::importer(
                &poste,
                std::slice::from_ref(&csv),
                false,
                &mut |_, _, _| true,
            )
            .map_err(|e| e.to_string())?;
            if !r.applique || r.creees != FICHES_PAR_IMPORT {
                return Err(format!("import refusé : {}", r.erreurs.join(" ; ")));
            }
            writeln!(sortie, "ok import {n}").map_err(|e| e.to_string())?;
            sortie.flush().map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    if let Some(f) = fichier {
        for n in 1.. {
            crate::fichiers::ecrire_atomiquement(f, contenu(n).as_bytes())
                .map_err(|e| e.to_string())?;
            writeln!(sortie, "ok fichier {n}").map_err(|e| e.to_string())?;
            sortie.flush().map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    let aujourdhui = chrono::Local::now().date_naive();
    let poste = Poste::ouvrir(espace, acces, aujourdhui).map_err(|e| e.to_string())?;
    let ids: Vec<Uuid> = poste
        .portefeuille(&poste.store())
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|r| r.etape != Etape::Cloture)
        .map(|r| r.id)
        .collect();
    if ids.is_empty() {
        return Err("aucun dossier en cours à qui écrire".into());
    }
    let auteur = poste.auteur();
    for n in 0.. {
        let id = ids[n % ids.len()];
        let c = Commande::NoterImpression {
            document: "Essai de coupure".into(),
            date: aujourdhui,
        };
        let mut store = poste.store();
        crate::services::poste::executer_et_auditer(&mut store, &auteur, poste.ctx(), id, &c)
            .map_err(|e| e.to_string())?;
        let version = store
            .dossier(id)
            .map_err(|e| e.to_string())?
            .map_or(0, |d| d.version);
        drop(store);
        writeln!(sortie, "ok {id} {version}").map_err(|e| e.to_string())?;
        sortie.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Un aléa sans dépendance (xorshift), pour les instants de coupure.
struct Alea(u64);

impl Alea {
    fn suivant(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Lance l'écrivain, attend sa première écriture acquittée, le tue après un délai tiré au
/// hasard (0 à 40 ms) ; rend ce qu'il a acquitté.
fn une_coupure(
    exe: &Path,
    dossier: &Path,
    cible: &Cible,
    delai: Duration,
) -> Result<Vec<String>, String> {
    let mut cmd = Command::new(exe);
    cmd.arg("--data-dir")
        .arg(dossier)
        .arg("coupure-ecrivain")
        .env("BINOME_UTILISATEUR", cible.compte())
        .env("BINOME_MOT_DE_PASSE", MOT_DE_PASSE_DEMO)
        .env_remove("BINOME_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    match cible {
        Cible::Fichier(f) => {
            cmd.arg("--fichier").arg(f);
        }
        Cible::Import => {
            cmd.arg("--import");
        }
        Cible::Evenements => {}
    }
    let mut enfant = cmd
        .spawn()
        .map_err(|e| format!("écrivain non lancé : {e}"))?;
    let sortie = enfant.stdout.take().ok_or("sortie de l'écrivain")?;
    let lues = Arc::new(Mutex::new(Vec::<String>::new()));
    let lecteur = {
        let lues = lues.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(sortie).lines().map_while(Result::ok) {
                lues.lock().unwrap_or_else(|e| e.into_inner()).push(l);
            }
        })
    };
    let debut = Instant::now();
    while lues.lock().unwrap_or_else(|e| e.into_inner()).is_empty() {
        if debut.elapsed() > Duration::from_secs(60) || enfant.try_wait().ok().flatten().is_some() {
            let _ = enfant.kill();
            let _ = enfant.wait();
            return Err("l'écrivain n'a rien écrit (connexion ou base refusée ?)".into());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    std::thread::sleep(delai);
    enfant.kill().map_err(|e| e.to_string())?;
    enfant.wait().map_err(|e| e.to_string())?;
    let _ = lecteur.join();
    let v = lues.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(v)
}

/// Le fichier après une coupure : absent, ou une version complète au moins aussi récente
/// que la dernière acquittée.
fn verifier_fichier(f: &Path, derniere: u64) -> Result<(), String> {
    let texte = match std::fs::read_to_string(f) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && derniere == 0 => return Ok(()),
        Err(e) => return Err(format!("fichier illisible après la coupure : {e}")),
    };
    let n: u64 = texte
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("fin "))
        .and_then(|n| n.parse().ok())
        .ok_or("fichier incomplet après la coupure (sa fin manque)")?;
    if n < derniere {
        return Err(format!(
            "le fichier est revenu à la version {n}, la version {derniere} était acquittée"
        ));
    }
    if texte != contenu(n) {
        return Err(format!("la version {n} du fichier est incomplète ou mêlée"));
    }
    Ok(())
}

/// Prépare la base (démonstration), puis `coupures` coupures de l'écrivain de `cible`.
pub fn campagne(
    exe: &Path,
    dossier: &Path,
    coupures: u32,
    cible: &Cible,
    graine: u64,
) -> Result<Bilan, String> {
    let espace = Espace {
        dossier: dossier.to_path_buf(),
    };
    if !acces::est_installe(&espace).map_err(|e| e.to_string())? {
        let o = Command::new(exe)
            .arg("--data-dir")
            .arg(dossier)
            .args(["demo", "--dossiers", "60"])
            .env_remove("BINOME_DATA_DIR")
            .output()
            .map_err(|e| e.to_string())?;
        if !o.status.success() {
            return Err(String::from_utf8_lossy(&o.stderr).into_owned());
        }
    }
    let cle = acces::connecter(&espace, ECRIVAIN, MOT_DE_PASSE_DEMO)
        .map_err(|e| e.to_string())?
        .cle;
    let mut alea = Alea(graine | 1);
    let mut bilan = Bilan::default();
    let mut derniere = 0;
    for k in 0..coupures {
        let delai = Duration::from_micros(alea.suivant() % 40_000);
        let lignes = une_coupure(exe, dossier, cible, delai)?;
        bilan.coupures += 1;
        bilan.acquittees += lignes.len() as u64;
        let dernier_acquitte = lignes
            .last()
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|n| n.parse().ok());
        if let Cible::Fichier(f) = cible {
            derniere = dernier_acquitte.unwrap_or(derniere);
            if let Err(p) = verifier_fichier(f, derniere) {
                bilan.perdues += 1;
                bilan.problemes.push(format!("coupure n° {}: {p}", k + 1));
            }
            continue;
        }
        let store = Store::ouvrir(dossier, &cle).map_err(|e| e.to_string())?;
        let mut problemes = store.controle_complet().map_err(|e| e.to_string())?;
        if *cible == Cible::Import {
            // Chaque import entre en entier ou pas du tout : un multiple de 200 fiches, et au
            // moins tous les imports acquittés.
            let n = store
                .ressources(true)
                .map_err(|e| e.to_string())?
                .iter()
                .filter(|r| r.source == SOURCE_ESSAI)
                .count();
            if n % FICHES_PAR_IMPORT != 0 {
                problemes.push(format!("import à moitié : {n} fiches"));
            }
            // `derniere` : les imports présents avant cet écrivain.
            let attendus = derniere + dernier_acquitte.unwrap_or(0);
            let presents = (n / FICHES_PAR_IMPORT) as u64;
            bilan.perdues += attendus.saturating_sub(presents);
            derniere = presents;
        }
        for l in lignes.iter().filter(|_| *cible == Cible::Evenements) {
            let mut mots = l.split(' ').skip(1);
            let (Some(id), Some(v)) = (mots.next(), mots.next()) else {
                continue;
            };
            let id = Uuid::parse_str(id).map_err(|e| e.to_string())?;
            let v: u64 = v
                .parse()
                .map_err(|_| format!("acquittement illisible : {l}"))?;
            let lu = store.dossier(id).map_err(|e| e.to_string())?;
            if lu.is_none_or(|d| d.version < v) {
                bilan.perdues += 1;
            }
        }
        // La vérification complète (chaîne, projections rejouées), de loin en loin et à la
        // fin : elle relit tout le journal.
        if k % 25 == 24 || k + 1 == coupures {
            problemes.extend(store.verifier().map_err(|e| e.to_string())?.problemes);
        }
        bilan.problemes.extend(
            problemes
                .into_iter()
                .map(|p| format!("coupure n° {}: {p}", k + 1)),
        );
    }
    Ok(bilan)
}

/// Le fichier de la campagne des fichiers, hors du dossier de données.
pub fn fichier_d_essai(dossier: &Path) -> PathBuf {
    dossier.with_extension("essai-coupure.txt")
}
