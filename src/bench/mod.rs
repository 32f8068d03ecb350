//! `binome bench` : des mesures sur des volumes réalistes, chacune à côté d'une référence
//! mesurée dans la même exécution, sur la même base.

pub mod coupures;
mod echange;
pub mod indicateurs;
#[cfg(feature = "bench")]
pub mod interface;
mod reprise;
mod ressources;

use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::domain::date::Jour;
use crate::domain::dossier::{Canal, Commande, Contexte, Etape};
use crate::domain::echeances::{alertes, Parametres};
use crate::domain::freins::Freins;
use crate::domain::professionnel::Role;
use crate::domain::structures::Referentiel;
use crate::services::demo;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct Mesure {
    pub name: String,
    /// Médiane des répétitions, en millisecondes.
    pub value: f64,
    pub unit: &'static str,
    /// La même opération réduite à l'essentiel (requête SQL nue, boucle vide…).
    pub baseline: f64,
    /// Valeur à ne pas dépasser, ou rapport à la référence.
    #[serde(skip)]
    pub target: Cible,
    #[serde(skip)]
    pub libelle: String,
    #[serde(skip)]
    pub reference: String,
}

/// Ce que la mesure ne doit pas dépasser : une valeur, ou un multiple de sa référence
/// (quand la cible dit « aussi près de SQLite seul que possible »).
#[derive(Debug, Clone, Copy)]
pub enum Cible {
    Valeur(f64),
    Rapport(f64),
}

impl Mesure {
    /// La cible en valeur (un rapport est rapporté à la référence de la même exécution).
    pub fn cible(&self) -> f64 {
        match self.target {
            Cible::Valeur(v) => v,
            Cible::Rapport(r) => r * self.baseline,
        }
    }
}

/// Médiane, en millisecondes, de `n` exécutions.
pub(crate) fn mediane(n: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<f64, String> {
    let mut t = Vec::with_capacity(n);
    for _ in 0..n {
        let debut = Instant::now();
        f()?;
        t.push(debut.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(milieu(t))
}

/// La valeur du milieu de mesures déjà prises (la plus grande des deux du milieu si leur
/// nombre est pair).
pub(crate) fn milieu(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Le compte de la base du banc.
pub(crate) const COMPTE_DU_BANC: &str = "banc";
pub(crate) const MDP_DU_BANC: &str = "Banc-Binome-2026!";

/// Le pire cas pour l'interface : le compte du banc est le premier conseiller, et tous les
/// autres professionnels lui ont délégué leurs dossiers aujourd'hui — il les voit tous.
fn tout_confier(
    store: &Store,
    acces: &crate::services::acces::Acces,
    aujourdhui: Jour,
) -> Result<(), crate::store::ErreurStore> {
    let pros = store.professionnels()?;
    let Some(moi) = pros
        .iter()
        .find(|p| p.role() == Role::Conseiller)
        .map(|p| p.id)
    else {
        return Ok(());
    };
    let mut compte = acces.compte.clone();
    compte.professionnel = Some(moi);
    store.modifier_compte(&compte)?;
    for p in pros.iter().filter(|p| p.id != moi) {
        store.accorder_delegation(
            &crate::domain::compte::Delegation {
                id: uuid::Uuid::new_v4(),
                titulaire: p.id,
                delegataire: moi,
                dossier: None,
                debut: aujourdhui,
                fin: aujourdhui + chrono::Duration::days(1),
                accordee_par: compte.id,
                retiree: false,
            },
            "banc",
        )?;
    }
    Ok(())
}

struct DossierTemporaire(PathBuf);

impl Drop for DossierTemporaire {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Les familles de mesures, dans l'ordre du tableau (`--seulement` en choisit une).
pub const FAMILLES: [&str; 8] = [
    "portefeuille",
    "documents",
    "indicateurs",
    "ressources",
    "echange",
    "reprise",
    "coupures",
    "interface",
];

pub fn mesurer(
    dossiers: usize,
    coupures_n: u32,
    seulement: Option<&str>,
) -> Result<Vec<Mesure>, String> {
    let veut = |f: &str| seulement.is_none_or(|s| s == f);
    let tmp = DossierTemporaire(std::env::temp_dir().join(format!(
        "binome-bench-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_millis()
    )));
    let aujourdhui: Jour = chrono::Local::now().date_naive();
    let freins = Freins::embarque();
    let referentiel = Referentiel::embarque();
    let mut mesures = Vec::new();
    if ["portefeuille", "documents", "indicateurs", "interface"]
        .iter()
        .any(|f| veut(f))
    {
        let cle = base_du_banc(&tmp.0, dossiers, &referentiel, &freins, aujourdhui)?;
        let err = |e: crate::store::ErreurStore| e.to_string();
        let mut store = Store::ouvrir(&tmp.0, &cle).map_err(err)?;
        if veut("portefeuille") {
            mesures.extend(portefeuille(&tmp.0, &cle, &freins, aujourdhui)?);
            mesures.push(connexion(&tmp.0)?);
        }
        if veut("documents") {
            mesures.extend(documents(
                &mut store,
                &referentiel,
                &freins,
                aujourdhui,
                &tmp.0,
            )?);
        }
        // Indicateurs : les dossiers de la démonstration recopiés jusqu'à 100 000.
        if veut("indicateurs") {
            mesures.extend(crate::bench::indicateurs::mesurer(
                &store,
                &tmp.0.join("indicateurs"),
                &referentiel,
                &freins,
                aujourdhui,
            )?);
        }
    }
    if veut("ressources") {
        mesures.extend(ressources::mesurer(&freins, &referentiel, aujourdhui)?);
    }
    if veut("echange") {
        mesures.extend(echange::mesurer(aujourdhui, &tmp.0.join("echange"))?);
    }
    if veut("reprise") {
        // 50 000 lignes au banc ; proportionnellement moins pour un petit essai.
        let lignes = (dossiers * 10).min(50_000);
        mesures.extend(reprise::mesurer(
            aujourdhui,
            &tmp.0.join("reprise"),
            lignes,
        )?);
    }
    if veut("interface") {
        mesures.extend(mesures_interface(&tmp.0, dossiers)?);
    }
    // Les coupures en dernier : mille écrivains tués laissent au système des écritures à
    // finir, qui ralentissaient ce qui était mesuré ensuite (le premier écran de 120 à 200 ms).
    if veut("coupures") {
        mesures.extend(coupures(&tmp.0, coupures_n)?);
    }
    Ok(mesures)
}

/// La base du banc : chiffrée comme celle d'un poste (son compte, sa clé enveloppée), avec
/// `dossiers` dossiers de démonstration, tous visibles du compte du banc. Rend sa clé.
fn base_du_banc(
    dossier: &std::path::Path,
    dossiers: usize,
    referentiel: &Referentiel,
    freins: &Freins,
    aujourdhui: Jour,
) -> Result<crate::store::CleBase, String> {
    let err = |e: crate::store::ErreurStore| e.to_string();
    let espace = crate::services::espace::Espace {
        dossier: dossier.to_path_buf(),
    };
    let (acces, _) =
        crate::services::acces::installer(&espace, COMPTE_DU_BANC, MDP_DU_BANC, MDP_DU_BANC)
            .map_err(|e| e.to_string())?;
    let mut store = Store::ouvrir(dossier, &acces.cle).map_err(err)?;
    let mut options = demo::Options::new(dossiers, 7, aujourdhui);
    options.agences = referentiel.structures.agences.len();
    demo::generer(&mut store, options, referentiel, freins).map_err(err)?;
    tout_confier(&store, &acces, aujourdhui).map_err(err)?;
    Ok(acces.cle)
}

/// Ouvrir la base et charger le portefeuille ; enregistrer un événement ; les alertes.
fn portefeuille(
    dossier: &std::path::Path,
    cle: &crate::store::CleBase,
    freins: &Freins,
    aujourdhui: Jour,
) -> Result<Vec<Mesure>, String> {
    let err = |e: crate::store::ErreurStore| e.to_string();
    let mut mesures = Vec::new();
    let portefeuille = mediane(9, || {
        let s = Store::ouvrir(dossier, cle).map_err(err)?;
        let p = s.portefeuille().map_err(err)?;
        std::hint::black_box(p);
        Ok(())
    })?;
    let brut = mediane(9, || {
        std::hint::black_box(Store::reference_portefeuille(dossier, cle).map_err(err)?);
        Ok(())
    })?;
    let n = Store::reference_portefeuille(dossier, cle).map_err(err)?;
    mesures.push(Mesure {
        name: "portefeuille_ouverture_chargement".into(),
        value: portefeuille,
        unit: "ms",
        baseline: brut,
        target: Cible::Rapport(1.3),
        libelle: format!("Ouvrir la base et charger le portefeuille ({n} dossiers)"),
        reference: "connexion + même SELECT, valeurs brutes".into(),
    });

    // Enregistrer un événement durablement (transaction validée, synchronisée sur disque).
    let mut store = Store::ouvrir(dossier, cle).map_err(err)?;
    let cible = store
        .portefeuille()
        .map_err(err)?
        .into_iter()
        .find(|r| r.etape != Etape::Cloture)
        .ok_or("aucun dossier en cours dans la base de mesure")?;
    let ctx = Contexte {
        aujourdhui,
        freins,
        regles: crate::domain::dossier::Regles::default(),
    };
    let evenement = mediane(31, || {
        store
            .executer(
                cible.id,
                &Commande::EnregistrerContact {
                    date: aujourdhui,
                    canal: Canal::Telephone,
                    role: Role::Conseiller,
                    objet: "Mesure".into(),
                },
                "banc d'essai",
                ctx,
            )
            .map(|_| ())
            .map_err(err)
    })?;
    let insertion = mediane(31, || store.reference_insertion().map_err(err))?;
    mesures.push(Mesure {
        name: "evenement_enregistrement_durable".into(),
        value: evenement,
        unit: "ms",
        baseline: insertion,
        target: Cible::Rapport(1.5),
        libelle: "Enregistrer un événement (décision, journal, projection, fsync)".into(),
        reference: "INSERT nu validé, même synchronisation".into(),
    });

    // Calculer toutes les alertes du portefeuille.
    let resumes = store.portefeuille().map_err(err)?;
    let parametres = Parametres::default();
    let calcul = mediane(9, || {
        let n: usize = resumes
            .iter()
            .map(|r| alertes(r, aujourdhui, &parametres).len())
            .sum();
        std::hint::black_box(n);
        Ok(())
    })?;
    let boucle = mediane(9, || {
        let n: i64 = resumes
            .iter()
            .filter_map(|r| r.date_fin.map(|f| (f - aujourdhui).num_days()))
            .sum();
        std::hint::black_box(n);
        Ok(())
    })?;
    mesures.push(Mesure {
        name: "alertes_portefeuille".into(),
        value: calcul,
        unit: "ms",
        baseline: boucle,
        target: Cible::Valeur(20.0),
        libelle: format!("Calculer toutes les alertes ({} dossiers)", resumes.len()),
        reference: "parcours des mêmes dossiers (jours restants seuls)".into(),
    });
    Ok(mesures)
}

/// Documents PDF : un contrat, un lot de 100 contrats, la taille ; et, si LibreOffice est
/// installé, la conversion d'un document équivalent, comme les utilisateurs le font aujourd'hui.
fn documents(
    store: &mut Store,
    referentiel: &Referentiel,
    freins: &Freins,
    aujourdhui: Jour,
    dossier: &std::path::Path,
) -> Result<Vec<Mesure>, String> {
    use crate::documents::dossier::Modele;
    let err = |e: crate::store::ErreurStore| e.to_string();
    let ids: Vec<_> = store
        .portefeuille()
        .map_err(err)?
        .into_iter()
        .filter(|r| r.etape == Etape::Accompagnement)
        .map(|r| r.id)
        .take(100)
        .collect();
    let dossiers: Vec<_> = ids
        .iter()
        .filter_map(|id| store.dossier(*id).ok().flatten())
        .collect();
    let premier = dossiers.first().ok_or("aucun dossier en accompagnement")?;
    let mut taille = 0usize;
    let un = mediane(15, || {
        let o = crate::services::impression::rediger(
            store,
            premier,
            Modele::Contrat,
            referentiel,
            freins,
            aujourdhui,
        )
        .map_err(|e| e.to_string())?;
        taille = taille.max(o.len());
        Ok(())
    })?;
    // Le lot tel que `binome pdf contrat --all` l'imprime : rédigé sur tous les cœurs,
    // chaque fichier écrit atomiquement, l'impression notée au journal de chaque dossier.
    let sortie = std::env::temp_dir().join(format!("binome-bench-lot-{}", std::process::id()));
    let _nettoyage = DossierTemporaire(sortie.clone());
    let lot_de_documents: Vec<_> = dossiers
        .iter()
        .enumerate()
        .map(|(i, d)| crate::services::impression::Document {
            id: d.id,
            modele: Modele::Contrat,
            chemin: sortie.join(format!("{i}.pdf")),
        })
        .collect();
    let ctx = crate::domain::dossier::Contexte {
        aujourdhui,
        freins,
        regles: crate::domain::dossier::Regles::default(),
    };
    // Référence : les mêmes contrats rédigés un à un sur un seul fil, mesurée en alternance
    // avec le lot pour que la charge de l'hôte pèse autant sur l'une que sur l'autre.
    let (mut seuls, mut lots) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        seuls.push(mediane(1, || {
            for d in &dossiers {
                std::hint::black_box(
                    crate::services::impression::rediger(
                        store,
                        d,
                        Modele::Contrat,
                        referentiel,
                        freins,
                        aujourdhui,
                    )
                    .map_err(|e| e.to_string())?,
                );
            }
            Ok(())
        })?);
        lots.push(mediane(1, || {
            crate::services::impression::imprimer_lot(
                store,
                &lot_de_documents,
                true,
                "banc d'essai",
                referentiel,
                ctx,
            )
            .map(drop)
            .map_err(|e| e.to_string())
        })?);
    }
    let (seuls, lot) = (milieu(seuls), milieu(lots));
    // Référence : LibreOffice convertit un texte équivalent (si installé).
    let texte = dossier.join("contrat.txt");
    let contenu = "Contrat d'accompagnement global\n".repeat(60);
    std::fs::write(&texte, contenu).map_err(|e| e.to_string())?;
    let soffice = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let reference_un = match soffice {
        Some(c) => mediane(1, || {
            std::process::Command::new(c)
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dossier)
                .arg(&texte)
                .output()
                .map(|_| ())
                .map_err(|e| e.to_string())
        })?,
        None => f64::NAN,
    };
    let reference = if soffice.is_some() {
        "LibreOffice, conversion d'un texte équivalent".to_string()
    } else {
        "LibreOffice absent : pas de référence externe".to_string()
    };
    Ok(vec![
        Mesure {
            name: "pdf_contrat".into(),
            value: un,
            unit: "ms",
            baseline: reference_un,
            target: Cible::Valeur(20.0),
            libelle: "Rédiger un contrat d'accompagnement en PDF".into(),
            reference: reference.clone(),
        },
        Mesure {
            name: "pdf_lot_contrats".into(),
            value: lot,
            unit: "ms",
            baseline: seuls,
            target: Cible::Rapport(0.6),
            libelle: format!(
                "Imprimer un lot de {} contrats ({} cœurs ; écrits, notés aux dossiers)",
                dossiers.len(),
                std::thread::available_parallelism().map_or(1, |n| n.get())
            ),
            reference: "les mêmes contrats rédigés un à un, sur un fil".into(),
        },
        Mesure {
            name: "pdf_taille_max".into(),
            value: taille as f64 / 1024.0,
            unit: "Ko",
            baseline: 0.0,
            target: Cible::Valeur(100.0),
            libelle: "Taille du plus gros document produit".into(),
            reference: "—".into(),
        },
    ])
}

/// Se connecter : la clé tirée du mot de passe (Argon2id), la clé de la base ouverte, la
/// base ouverte et la connexion inscrite au journal d'audit ; à côté, Argon2id seul.
fn connexion(tmp: &std::path::Path) -> Result<Mesure, String> {
    use crate::services::acces;
    let espace = crate::services::espace::Espace {
        dossier: tmp.join("connexion"),
    };
    let mdp = "Mesure-Binome-2026";
    acces::installer(&espace, "mesure", mdp, mdp).map_err(|e| e.to_string())?;
    let valeur = mediane(5, || {
        acces::connecter(&espace, "mesure", mdp)
            .map(drop)
            .map_err(|e| e.to_string())
    })?;
    let argon2 = mediane(5, || {
        crate::domain::mot_de_passe::deriver_cle(mdp, &[7u8; 16])
            .map(drop)
            .map_err(|e| e.to_string())
    })?;
    Ok(Mesure {
        name: "connexion".into(),
        value: valeur,
        unit: "ms",
        baseline: argon2,
        target: Cible::Valeur(1000.0),
        libelle: "Se connecter (Argon2id 19 Mio / 2 passes, clé de la base, ouverture, audit)"
            .into(),
        reference: "Argon2id seul".into(),
    })
}

/// 1 000 coupures brutales (SIGKILL) pendant l'écriture d'événements : les écritures
/// acquittées perdues (cible 0), à côté du nombre d'écritures acquittées.
fn coupures(tmp: &std::path::Path, n: u32) -> Result<Vec<Mesure>, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let debut = Instant::now();
    let b = coupures::campagne(
        &exe,
        &tmp.join("coupures"),
        n,
        &coupures::Cible::Evenements,
        0x5eed_2026,
    )?;
    let par_coupure = debut.elapsed().as_secs_f64() * 1000.0 / f64::from(n.max(1));
    for p in b.problemes.iter().take(10) {
        eprintln!("coupures : {p}");
    }
    Ok(vec![
        Mesure {
            name: "coupures_ecritures_perdues".into(),
            value: (b.perdues + b.problemes.len() as u64) as f64,
            unit: "écritures",
            baseline: b.acquittees as f64,
            target: Cible::Valeur(0.0),
            libelle: format!(
                "{} coupures brutales (SIGKILL) pendant l'écriture : écritures acquittées perdues ou base abîmée",
                b.coupures
            ),
            reference: format!("{} écritures acquittées", b.acquittees),
        },
        Mesure {
            name: "coupures_duree".into(),
            value: par_coupure,
            unit: "ms",
            baseline: f64::NAN,
            target: Cible::Valeur(1000.0),
            libelle: "Une coupure : lancer l'écrivain, le tuer, rouvrir et vérifier la base".into(),
            reference: "—".into(),
        },
    ])
}

pub fn lancer(
    dossiers: usize,
    coupures: u32,
    json: bool,
    seulement: Option<String>,
) -> Result<(), String> {
    let mesures = match seulement.as_deref() {
        Some(f) if !FAMILLES.contains(&f) => {
            return Err(format!(
                "famille de mesures inconnue : {f} (familles : {})",
                FAMILLES.join(", ")
            ))
        }
        f => mesurer(dossiers, coupures, f)?,
    };
    let lignes: Vec<Ligne> = mesures.iter().map(Ligne::de).collect();
    if json {
        let texte = serde_json::to_string_pretty(&lignes).map_err(|e| e.to_string())?;
        println!("{texte}");
        return Ok(());
    }
    println!(
        "Banc d'essai Binôme {} — {} — {}, base temporaire de {dossiers} dossiers de démonstration",
        env!("CARGO_PKG_VERSION"),
        chrono::Local::now().format("%d/%m/%Y"),
        machine()
    );
    println!("(médianes ; la référence est mesurée dans la même exécution)\n");
    println!("| mesure | valeur | référence | rapport | cible | tenue |");
    println!("|---|---|---|---|---|---|");
    for l in &lignes {
        let m = l.mesure;
        let reference = if m.baseline.is_nan() {
            format!("— ({})", m.reference)
        } else {
            format!("{} {} ({})", nombre(m.baseline), m.unit, m.reference)
        };
        let rapport = l
            .ratio
            .map_or("—".to_string(), |r| format!("{}×", nombre(r)));
        let cible = match m.target {
            Cible::Valeur(v) => format!("≤ {} {}", nombre(v), m.unit),
            Cible::Rapport(r) => format!("≤ {}× ({} {})", nombre(r), nombre(m.cible()), m.unit),
        };
        println!(
            "| {} | {} {u} | {reference} | {rapport} | {cible} | {} |",
            m.libelle,
            nombre(m.value),
            if l.pass { "oui" } else { "**non**" },
            u = m.unit
        );
    }
    Ok(())
}

/// Une ligne du tableau (et de `--json`) : la mesure, son rapport à la référence, et si la
/// cible est tenue.
#[derive(Serialize)]
struct Ligne<'a> {
    #[serde(flatten)]
    mesure: &'a Mesure,
    ratio: Option<f64>,
    /// La cible en valeur, et en rapport à la référence quand elle est dite ainsi.
    target: f64,
    target_ratio: Option<f64>,
    pass: bool,
}

impl<'a> Ligne<'a> {
    fn de(m: &'a Mesure) -> Ligne<'a> {
        Ligne {
            mesure: m,
            ratio: (m.baseline.is_finite() && m.baseline > 0.0).then(|| m.value / m.baseline),
            target: m.cible(),
            target_ratio: match m.target {
                Cible::Rapport(r) => Some(r),
                Cible::Valeur(_) => None,
            },
            pass: m.value <= m.cible(),
        }
    }
}

/// Un nombre à la française, avec la précision qui convient à sa grandeur.
fn nombre(v: f64) -> String {
    let texte = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    };
    texte.replace('.', ",")
}

/// La machine de la mesure : cœurs et mémoire (lue dans /proc/meminfo sous Linux).
fn machine() -> String {
    let coeurs = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memoire = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or("mémoire inconnue".to_string(), |ko| {
            format!("{} Gio de mémoire", nombre(ko / 1024.0 / 1024.0))
        });
    format!("{coeurs} cœurs, {memoire}")
}

/// L'interface, dans un processus à part, avec le moteur de rendu sans fenêtre.
#[cfg(feature = "bench")]
fn mesures_interface(dossier: &std::path::Path, dossiers: usize) -> Result<Vec<Mesure>, String> {
    let mut mesures = Vec::new();
    let sonde = interface::mesurer(dossier)?;
    mesures.push(Mesure {
        name: "interface_premier_ecran".into(),
        value: sonde.premier_ecran_ms,
        unit: "ms",
        baseline: sonde.donnees_ms,
        target: Cible::Valeur(120.0),
        libelle: format!("Du lancement au premier écran dessiné ({dossiers} dossiers)"),
        reference: "ouvrir la base et lire le portefeuille seuls".into(),
    });
    mesures.push(Mesure {
        name: "interface_frappe_recherche".into(),
        value: sonde.frappe_ms,
        unit: "ms",
        baseline: sonde.filtrage_ms,
        target: Cible::Valeur(16.0),
        libelle: "Une frappe dans la recherche du portefeuille (mise à jour + écran disposé)"
            .into(),
        reference: "filtrage seul".into(),
    });
    mesures.push(Mesure {
        name: "interface_frappe_formulaire_dossier".into(),
        value: sonde.frappe_formulaire_ms,
        unit: "ms",
        baseline: sonde.frappe_formulaire_nue_ms,
        target: Cible::Valeur(16.0),
        libelle: "Une frappe dans un formulaire de dossier (brouillon compris, écran disposé)"
            .into(),
        reference: "mise à jour de la saisie seule".into(),
    });
    mesures.push(Mesure {
        name: "interface_memoire".into(),
        value: sonde.memoire_mo,
        unit: "Mo",
        baseline: sonde.memoire_depart_mo,
        target: Cible::Valeur(150.0),
        libelle: format!("Mémoire résidente, portefeuille de {dossiers} dossiers ouvert"),
        reference: "processus au démarrage".into(),
    });
    Ok(mesures)
}

/// Sans le simulateur de fenêtre (binaire ordinaire), l'interface n'est pas mesurée.
#[cfg(not(feature = "bench"))]
fn mesures_interface(_: &std::path::Path, _: usize) -> Result<Vec<Mesure>, String> {
    eprintln!(
        "Mesures de l'interface non faites : elles demandent le simulateur de fenêtre, \
         compilé avec « cargo run --release --features bench -- bench »."
    );
    Ok(Vec::new())
}
