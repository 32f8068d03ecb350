//! Mesures de l'interface : premier écran, frappe dans la recherche, mémoire. Elles se font
//! dans un processus à part (`binome sonde-interface`), pour compter le démarrage et une
//! mémoire qui ne doit rien à la génération des données.

use std::time::Instant;

use iced::{Font, Settings};
use iced_test::Simulator;
use serde::{Deserialize, Serialize};

use crate::services::espace::Espace;
use crate::services::session::Session;
use crate::ui::app::{App, Message, Nav};
use crate::ui::ecrans::portefeuille;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sonde {
    /// Du lancement du processus au premier écran dessiné (mesuré par le parent).
    pub premier_ecran_ms: f64,
    /// Données seules : ouvrir la base et lire le portefeuille.
    pub donnees_ms: f64,
    pub frappe_ms: f64,
    /// Filtrage seul, sans construire ni disposer l'écran.
    pub filtrage_ms: f64,
    pub memoire_mo: f64,
    pub memoire_depart_mo: f64,
    /// Une frappe dans un formulaire de dossier, brouillon compris, écran disposé.
    pub frappe_formulaire_ms: f64,
    /// La même frappe, mise à jour seule (sans brouillon ni écran).
    pub frappe_formulaire_nue_ms: f64,
}

/// Mémoire résidente du processus, en Mo (Linux ; 0 ailleurs).
pub fn memoire_residente_mo() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(0.0, |ko| ko / 1024.0)
}

fn simulateur(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings {
            fonts: vec![
                crate::assets::POLICE.into(),
                crate::assets::POLICE_GRASSE.into(),
            ],
            default_font: Font::with_name("DejaVu Sans"),
            ..Settings::default()
        },
        (1280.0, 800.0),
        app.view(),
    )
}

/// Exécuté dans le processus fils : ouvre l'interface sur la base et mesure (ou, avec
/// `premier_ecran_seul`, s'arrête au premier écran, la base refermée proprement).
pub fn sonder(espace: Espace, premier_ecran_seul: bool) -> Result<(), String> {
    let memoire_depart_mo = memoire_residente_mo();
    let aujourdhui = chrono::Local::now().date_naive();
    let debut = Instant::now();
    // Comme la fenêtre au lancement.
    crate::ui::precharger_polices();
    Espace::precharger_referentiel();
    // La connexion comprise (Argon2id), comme au lancement ; le compte du banc voit tous
    // les dossiers (délégations), le pire cas.
    let acces = crate::services::acces::connecter_fenetre(
        &espace,
        super::COMPTE_DU_BANC,
        super::MDP_DU_BANC,
    )
    .map_err(|e| e.to_string())?;
    let session = Session::ouvrir(espace.clone(), acces, aujourdhui).map_err(|e| e.to_string())?;
    let donnees_ms = debut.elapsed().as_secs_f64() * 1000.0;
    let mut app = App::new(session);
    let _ = app.update(Message::Naviguer(Nav::Portefeuille));
    {
        let mut ui = simulateur(&app);
        let theme = app.theme();
        ui.snapshot(&theme).map_err(|e| format!("{e:?}"))?;
    }
    // Le parent note l'instant où cette ligne arrive : premier écran dessiné.
    println!("PREMIER_ECRAN");
    if premier_ecran_seul {
        return Ok(());
    }
    let memoire_mo = memoire_residente_mo();

    // Une frappe : mise à jour puis écran reconstruit et disposé.
    let mut frappes = Vec::new();
    let mut filtrages = Vec::new();
    for (i, lettre) in [
        "m", "ma", "mar", "mart", "marti", "m", "du", "b", "le", "ro",
    ]
    .iter()
    .enumerate()
    {
        let t = Instant::now();
        let _ = app.update(Message::Portefeuille(portefeuille::Message::Recherche(
            (*lettre).into(),
        )));
        filtrages.push(t.elapsed().as_secs_f64() * 1000.0);
        let ui = simulateur(&app);
        std::hint::black_box(&ui);
        drop(ui);
        frappes.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(i);
    }
    // Une frappe dans un formulaire de dossier : la saisie, le brouillon posé pour le fil
    // des brouillons, l'écran du dossier reconstruit et disposé ; à côté, la saisie seule.
    let (frappes_formulaire, frappes_nues) = frappes_dans_un_formulaire(&mut app)?;
    let sonde = Sonde {
        premier_ecran_ms: 0.0,
        donnees_ms,
        frappe_ms: super::milieu(frappes),
        filtrage_ms: super::milieu(filtrages),
        memoire_mo,
        memoire_depart_mo,
        frappe_formulaire_ms: super::milieu(frappes_formulaire),
        frappe_formulaire_nue_ms: super::milieu(frappes_nues),
    };
    println!(
        "{}",
        serde_json::to_string(&sonde).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// Lancements mesurés pour le premier écran : un seul varie de 110 à 145 ms sur ce poste.
const LANCEMENTS: usize = 5;

/// Lance la sonde sur `dossier` et attend ses mesures ; le premier écran est la médiane de
/// [`LANCEMENTS`] lancements.
pub fn mesurer(dossier: &std::path::Path) -> Result<Sonde, String> {
    let (premier, sonde) = lancer(dossier, false)?;
    let mut s = sonde.ok_or("la sonde n'a rien mesuré")?;
    let mut premiers = vec![premier];
    for _ in 1..LANCEMENTS {
        premiers.push(lancer(dossier, true)?.0);
    }
    s.premier_ecran_ms = super::milieu(premiers);
    Ok(s)
}

/// Un lancement de la sonde : l'instant du premier écran, et ses mesures si elle va au bout.
fn lancer(
    dossier: &std::path::Path,
    premier_ecran_seul: bool,
) -> Result<(f64, Option<Sonde>), String> {
    use std::io::{BufRead, BufReader};
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let debut = Instant::now();
    let mut commande = std::process::Command::new(exe);
    commande
        .arg("--data-dir")
        .arg(dossier)
        .arg("sonde-interface");
    if premier_ecran_seul {
        commande.arg("--premier-ecran-seul");
    }
    let mut fils = commande
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("sonde non lancée : {e}"))?;
    let sortie = fils
        .stdout
        .take()
        .ok_or("sortie de la sonde indisponible")?;
    let mut premier = None;
    let mut sonde = None;
    for ligne in BufReader::new(sortie).lines() {
        let ligne = ligne.map_err(|e| e.to_string())?;
        if ligne == "PREMIER_ECRAN" {
            premier = Some(debut.elapsed().as_secs_f64() * 1000.0);
        } else if let Ok(s) = serde_json::from_str::<Sonde>(&ligne) {
            sonde = Some(s);
        }
    }
    let statut = fils.wait().map_err(|e| e.to_string())?;
    if !statut.success() {
        return Err("la sonde de l'interface a échoué".into());
    }
    Ok((premier.ok_or("premier écran non atteint")?, sonde))
}

/// Ouvre le premier dossier sur un contact et tape dans son objet.
fn frappes_dans_un_formulaire(app: &mut App) -> Result<(Vec<f64>, Vec<f64>), String> {
    use crate::ui::ecrans::dossier::edition::Message as Edition;
    use crate::ui::ecrans::dossier::{formulaire::Formulaire, Message as Dossier};
    let id = app
        .session
        .portefeuille()
        .first()
        .map(|r| r.id)
        .ok_or("portefeuille vide")?;
    let _ = app.update(Message::Portefeuille(portefeuille::Message::Ouvrir(id)));
    let _ = app.update(Message::Dossier(Dossier::Ouvrir(Formulaire::Contact)));
    let mut texte = String::new();
    let mut avec = Vec::new();
    let mut nues = Vec::new();
    let mut edition = crate::ui::ecrans::dossier::edition::Edition {
        formulaire: Formulaire::Contact,
        saisie: Default::default(),
        confirmer_abandon: false,
        recapitulatif: None,
    };
    for c in "Entretien au sujet du logement".chars() {
        texte.push(c);
        let t = Instant::now();
        edition.modifier(Edition::Redaction(texte.clone()), &[]);
        nues.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let _ = app.update(Message::Dossier(Dossier::Edition(Edition::Redaction(
            texte.clone(),
        ))));
        let ui = simulateur(app);
        std::hint::black_box(&ui);
        drop(ui);
        avec.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    // Les brouillons en attente sont écrits avant de quitter.
    app.session.brouillons().vider();
    Ok((avec, nues))
}
