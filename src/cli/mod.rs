//! La ligne de commande : `binome` seul ouvrira la fenêtre ; les sous-commandes font les
//! travaux sans interface (démonstration, vérification, reconstruction, mesures).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Parser, Subcommand};

pub mod audit;
mod authentification;
pub mod cartes;
pub mod comptes;
pub mod cotraitance;
pub mod dossier;
pub mod echange;
mod erreur;
pub mod export;
pub mod import;
pub mod indicateurs;
pub mod personne;
pub mod professionnels;
pub mod referentiels;
pub mod ressources;

pub use erreur::ErreurCli;

use crate::domain::date::Jour;
use crate::services::demo;
use crate::services::espace::{journalisation, Espace};
use crate::services::Poste;

const MODELE_AIDE: &str = "\
{before-help}{name} {version} — {about}

Utilisation : {usage}

{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "binome",
    version,
    about = "l'accompagnement global d'un demandeur d'emploi par un conseiller dédié et un référent social",
    help_template = MODELE_AIDE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    next_help_heading = "Options",
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE",
    after_help = "Sans commande, Binôme ouvre sa fenêtre sur le dossier de données par défaut."
)]
pub struct Cli {
    /// Dossier des données (base, journaux) ; par défaut celui de l'utilisateur
    #[arg(
        long = "data-dir",
        value_name = "DOSSIER",
        env = "BINOME_DATA_DIR",
        global = true
    )]
    pub data_dir: Option<PathBuf>,

    /// Affiche cette aide
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    aide: Option<bool>,

    /// Affiche la version (avec --verbose : dossiers de données, licences embarquées)
    #[arg(short = 'V', long = "version", action = ArgAction::SetTrue)]
    version: bool,

    /// Avec --version : le détail (dossiers de données par système, licences)
    #[arg(long = "verbose", action = ArgAction::SetTrue, requires = "version")]
    verbose: bool,

    #[command(subcommand)]
    pub commande: Option<Commande>,
}

#[derive(Debug, Subcommand)]
pub enum Commande {
    /// Remplit une base vide avec des professionnels et des dossiers fictifs
    Demo {
        /// Nombre de dossiers à créer
        #[arg(long, default_value_t = 500, value_name = "N")]
        dossiers: usize,
        /// Graine : la même graine donne les mêmes données
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
        /// Date du jour à simuler (AAAA-MM-JJ), pour des données reproductibles
        #[arg(long, value_name = "DATE", hide = true)]
        aujourdhui: Option<Jour>,
    },
    /// Imprime un document d'un dossier en PDF
    Pdf {
        /// Le document
        #[arg(value_enum)]
        document: TypeDocument,
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        #[arg(long, value_name = "ID", required_unless_present = "all")]
        dossier: Option<String>,
        /// Numéro de la fiche de liaison (par défaut la dernière)
        #[arg(long, value_name = "N")]
        numero: Option<u32>,
        /// Tous les dossiers en cours (un fichier par dossier dans le dossier --out)
        #[arg(long)]
        all: bool,
        /// Fichier PDF à écrire (ou dossier avec --all)
        #[arg(long, value_name = "CHEMIN")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà (sans cette option, seul un fichier que
        /// Binôme a écrit pour le même export, inchangé depuis, est remplacé)
        #[arg(long)]
        force: bool,
    },
    /// L'annuaire des professionnels : lister, ajouter, modifier
    Professionnels(crate::cli::professionnels::ArgsProfessionnels),
    /// Un dossier : chronologie, changement de situation ou d'agence
    Dossier(crate::cli::dossier::ArgsDossier),
    /// Cotraitance des jeunes avec les missions locales : affecter, suivre, alertes, sorties, documents, indicateurs
    Cotraitance(crate::cli::cotraitance::ArgsCotraitance),
    /// Indicateurs du comité de pilotage : CSV, XLSX, PDF, JSON, agrégat anonyme, fusion
    Indicateurs(crate::cli::indicateurs::ArgsIndicateurs),
    /// Base de ressources partenariales : import, export, recherche, habilitations
    Ressources(crate::cli::ressources::ArgsRessources),
    /// Journal d'audit : vérifier sa chaîne, l'exporter, purger les entrées anciennes
    Audit(crate::cli::audit::ArgsAudit),
    /// Comptes du poste : premier compte, création, désactivation, mot de passe, secours
    Comptes(crate::cli::comptes::ArgsComptes),
    /// Délégations : confier ses dossiers à un autre professionnel pour une période
    Delegations(crate::cli::comptes::ArgsDelegations),
    /// Les données d'une personne : relevé (droit d'accès), effacement à sa demande
    Personne(crate::cli::personne::ArgsPersonne),
    /// Carte de binôme : la sienne à donner, celle du partenaire à importer et vérifier
    Carte(crate::cli::cartes::ArgsCarte),
    /// Échange avec le partenaire de binôme : écrire son paquet, recevoir le sien, l'état
    Echange(crate::cli::echange::ArgsEchange),
    /// Exporter ses dossiers (CSV, XLSX)
    Export(crate::cli::export::ArgsExport),
    /// Reprendre un portefeuille tenu dans un tableur (CSV, XLSX)
    Import(crate::cli::import::ArgsImport),
    /// Les structures du territoire : afficher, installer celles d'un département, rétablir
    Referentiels(crate::cli::referentiels::ArgsReferentiels),
    /// Durée de conservation et purge des dossiers dont elle est échue (administrateurs)
    Conservation(crate::cli::personne::ArgsConservation),
    /// Écrit une sauvegarde chiffrée de la base (administrateurs)
    Sauvegarde {
        /// Fichier à écrire (par défaut dans le dossier « sauvegardes » des données)
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
    },
    /// Remplace la base par une sauvegarde vérifiée ; la base actuelle est gardée à côté
    Restaurer {
        /// La sauvegarde
        fichier: PathBuf,
    },
    /// Vérifie l'intégrité de la base et affiche un résumé
    Check,
    /// Reconstruit les tables de consultation à partir du journal des événements
    Rebuild,
    /// L'écrivain des essais de coupure brutale (`bench`, essais) : écrit sans fin
    #[command(name = "coupure-ecrivain", hide = true)]
    CoupureEcrivain {
        /// Remplacer ce fichier plutôt qu'écrire dans la base
        #[arg(long, value_name = "FICHIER")]
        fichier: Option<PathBuf>,
        /// Importer sans fin des lots de ressources plutôt qu'écrire des événements
        #[arg(long)]
        import: bool,
    },
    /// Mesures internes de l'interface, lancées par `bench`
    #[command(name = "sonde-interface", hide = true)]
    SondeInterface {
        /// S'arrêter au premier écran (les lancements suivants du banc)
        #[arg(long)]
        premier_ecran_seul: bool,
    },
    /// Mesure les performances sur une base temporaire, à côté d'une référence
    Bench {
        /// Nombre de dossiers de la base mesurée
        #[arg(long, default_value_t = 5000, value_name = "N")]
        dossiers: usize,
        /// Sortie JSON : [{name, value, unit, baseline, target}]
        #[arg(long)]
        json: bool,
        /// Nombre de coupures brutales de l'écrivain (SIGKILL)
        #[arg(long, default_value_t = 1000, value_name = "N")]
        coupures: u32,
        /// Une seule famille de mesures (portefeuille, documents, indicateurs, ressources, echange, reprise, coupures, interface)
        #[arg(long, value_name = "FAMILLE")]
        seulement: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TypeDocument {
    /// Fiche de liaison entre les deux professionnels
    FicheLiaison,
    /// Contrat d'accompagnement global
    Contrat,
    /// Avenant de reconduction
    Reconduction,
    /// Carnet de route
    Carnet,
    /// Fiche de sortie et bilan
    Sortie,
}

/// Le dossier désigné par son identifiant ou par l'identifiant France Travail de la
/// personne (le dossier en cours d'abord), parmi ceux qui sont confiés au compte.
fn trouver_dossier(
    poste: &Poste,
    store: &crate::store::Store,
    texte: &str,
) -> Result<uuid::Uuid, ErreurCli> {
    if let Ok(id) = uuid::Uuid::parse_str(texte.trim()) {
        poste.dossier_confie(store, id)?;
        return Ok(id);
    }
    let cherche = texte.trim().to_uppercase();
    let mut candidats: Vec<_> = poste
        .portefeuille(store)?
        .into_iter()
        .filter(|r| r.identifiant_ft == cherche)
        .collect();
    candidats.sort_by_key(|r| {
        (
            r.etape == crate::domain::dossier::Etape::Cloture,
            std::cmp::Reverse(r.date_ouverture),
        )
    });
    candidats
        .first()
        .map(|r| r.id)
        .ok_or_else(|| format!("aucun dossier qui vous est confié ne correspond à « {} » (identifiant de dossier ou identifiant France Travail).", texte.trim()).into())
}

/// Point d'entrée du programme.
pub fn principal() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let cli = match en_francais(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => return erreur_clap(e),
    };
    match executer(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(erreur) => {
            // Si même l'erreur standard est fermée, il ne reste que le code de sortie.
            writeln!(std::io::stderr(), "Erreur : {erreur}").ok();
            ExitCode::FAILURE
        }
    }
}

/// L'aide en français à tous les niveaux : les sous-commandes reprennent le modèle et les
/// titres de la commande principale.
fn en_francais(c: clap::Command) -> clap::Command {
    c.mut_subcommands(|s| en_francais(s.help_template(MODELE_AIDE_SOUS)))
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .next_help_heading("Options")
}

const MODELE_AIDE_SOUS: &str = "\
{before-help}{about}

Utilisation : {usage}

{all-args}{after-help}";

/// Une valeur d'option refusée par nos vérifications, avec son message en français.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ValeurRefusee(pub String);

fn erreur_clap(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        // Une valeur refusée par nos propres vérifications a déjà son message en français.
        ErrorKind::ValueValidation => {
            use clap::error::{ContextKind, ContextValue};
            let option = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::String(o)) => o.split(' ').next().unwrap_or_default(),
                _ => "",
            };
            let cause = std::error::Error::source(&e)
                .and_then(|c| c.downcast_ref::<ValeurRefusee>())
                .map_or_else(
                    || match e.get(ContextKind::InvalidValue) {
                        Some(ContextValue::String(v)) => format!("valeur invalide (« {v} »)."),
                        _ => "valeur invalide.".to_string(),
                    },
                    |v| v.0.clone(),
                );
            let _ = writeln!(
                std::io::stderr(),
                "Erreur : {option} : {cause}\nLancez « binome --help » pour la liste des commandes."
            );
            ExitCode::from(2)
        }
        kind => {
            let quoi = match kind {
                ErrorKind::InvalidSubcommand => "commande inconnue",
                ErrorKind::UnknownArgument => "option inconnue",
                ErrorKind::InvalidValue | ErrorKind::ValueValidation => "valeur invalide",
                ErrorKind::MissingRequiredArgument => "argument obligatoire manquant",
                _ => "ligne de commande incorrecte",
            };
            let detail = e.render().to_string();
            let detail = detail
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ");
            let _ = writeln!(
                std::io::stderr(),
                "Erreur : {quoi} ({detail}).\nLancez « binome --help » pour la liste des commandes."
            );
            ExitCode::from(2)
        }
    }
}

fn executer(cli: Cli) -> Result<(), ErreurCli> {
    if cli.version {
        let texte = if cli.verbose {
            let espace = Espace::resoudre(cli.data_dir).ok();
            crate::services::a_propos::APropos::lire(espace.as_ref()).texte()
        } else {
            format!("binome {}", env!("CARGO_PKG_VERSION"))
        };
        return writeln!(std::io::stdout(), "{texte}").map_err(ErreurCli::Sortie);
    }
    if let Some(Commande::Bench {
        dossiers,
        json,
        coupures,
        seulement,
    }) = cli.commande
    {
        return Ok(crate::bench::lancer(dossiers, coupures, json, seulement)?);
    }
    let espace = Espace::resoudre(cli.data_dir)?;
    let _garde = journalisation(&espace.dossier);
    crate::services::espace::nettoyer_temporaires(&espace);
    let Some(commande) = cli.commande else {
        return Ok(crate::ui::lancer(espace)?);
    };
    if let Commande::SondeInterface { premier_ecran_seul } = commande {
        #[cfg(feature = "bench")]
        return Ok(crate::bench::interface::sonder(espace, premier_ecran_seul)?);
        #[cfg(not(feature = "bench"))]
        let _ = premier_ecran_seul;
        #[cfg(not(feature = "bench"))]
        return Err("la sonde de l'interface demande « --features bench ».".into());
    }
    // Le premier compte se crée sans connexion ; la démonstration, dans un dossier neuf,
    // installe le poste avec ses propres comptes.
    let commande = match commande {
        Commande::Comptes(args) if comptes::sans_connexion(&args) => {
            return writeln!(std::io::stdout(), "{}", comptes::premier(args, &espace)?)
                .map_err(ErreurCli::Sortie);
        }
        autre => autre,
    };
    // Restaurer se fait base fermée (elle peut être endommagée) : le mot de passe donne la
    // clé, rien d'autre n'est ouvert.
    if let Commande::Restaurer { fichier } = &commande {
        let (identifiant, mdp) = authentification::identifiants(&espace)?;
        let (_, ancienne) = crate::services::sauvegardes::restaurer_par_mot_de_passe(
            &espace,
            &identifiant,
            &mdp,
            Some(fichier),
        )?;
        return writeln!(
            std::io::stdout(),
            "Base restaurée depuis {} ; la base remplacée est gardée dans {}.",
            fichier.display(),
            ancienne.display()
        )
        .map_err(ErreurCli::Sortie);
    }
    if let Commande::CoupureEcrivain { fichier, import } = &commande {
        let acces = authentification::authentifier(&espace)?;
        return Ok(crate::bench::coupures::ecrire(
            &espace,
            acces,
            fichier.as_deref(),
            *import,
        )?);
    }
    let acces = match &commande {
        Commande::Demo { .. } if !crate::services::acces::est_installe(&espace)? => {
            authentification::installer_la_demo(&espace)?
        }
        _ => authentification::authentifier(&espace)?,
    };
    let poste = Poste::ouvrir(&espace, acces, chrono::Local::now().date_naive())?;
    let mut sortie = std::io::stdout().lock();
    let mut ecrire = |texte: String| match writeln!(sortie, "{texte}") {
        // Sortie coupée (`binome check | head`) : rien de grave, on s'arrête d'écrire.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        autre => autre.map_err(ErreurCli::Sortie),
    };
    // Les commandes de ressources et d'indicateurs passent par les services, qui prennent
    // la base à leur tour : le verrou n'est tenu ici que pour les autres.
    let commande = match commande {
        Commande::Indicateurs(args) => return ecrire(indicateurs::executer(args, &poste)?),
        Commande::Ressources(args) => return ecrire(ressources::executer(args, &poste)?),
        Commande::Dossier(args) => return ecrire(dossier::executer(args, &poste)?),
        Commande::Cotraitance(args) => {
            return ecrire(cotraitance::executer(args, &espace, &poste)?)
        }
        Commande::Professionnels(args) => return ecrire(professionnels::executer(args, &poste)?),
        Commande::Audit(args) => return ecrire(audit::executer(args, &poste)?),
        Commande::Comptes(args) => return ecrire(comptes::executer(args, &espace, &poste)?),
        Commande::Sauvegarde { out } => {
            let f = crate::services::sauvegardes::sauvegarder(&poste, out)?;
            return ecrire(format!("Sauvegarde écrite : {}", f.display()));
        }
        Commande::Delegations(args) => return ecrire(comptes::delegations(args, &poste)?),
        Commande::Personne(args) => return ecrire(personne::executer(args, &espace, &poste)?),
        Commande::Conservation(args) => return ecrire(personne::conservation(args, &poste)?),
        Commande::Carte(args) => return ecrire(cartes::executer(args, &poste)?),
        Commande::Echange(args) => return ecrire(echange::executer(args, &poste)?),
        Commande::Export(args) => return ecrire(export::executer(args, &poste)?),
        Commande::Import(args) => return ecrire(import::executer(args, &poste)?),
        Commande::Referentiels(args) => return ecrire(referentiels::executer(args, &poste)?),
        autre => autre,
    };
    let mut store = poste.store();
    match commande {
        Commande::Demo {
            dossiers,
            seed,
            aujourdhui,
        } => {
            let deja = store.portefeuille()?.len();
            if deja > 0 {
                return Err(format!(
                    "la base de {} contient déjà {deja} dossier(s) : la démonstration se charge dans une base vide (indiquez un autre dossier avec --data-dir).",
                    espace.dossier.display()
                )
                .into());
            }
            let aujourdhui = aujourdhui.unwrap_or_else(|| chrono::Local::now().date_naive());
            let bilan = demo::generer(
                &mut store,
                demo::Options::new(dossiers, seed, aujourdhui),
                poste.referentiel(),
                poste.freins(),
            )?;
            tracing::info!(dossiers = bilan.dossiers, "démonstration générée");
            let crees = if poste.compte().administrateur {
                demo::comptes::creer_comptes(&espace, poste.acces(), &mut store)?
            } else {
                Vec::new()
            };
            ecrire(format!(
                "Démonstration créée dans {} : {} professionnels, {} dossiers, {} événements, {} ressources partenariales.",
                espace.dossier.display(),
                bilan.professionnels,
                bilan.dossiers,
                bilan.evenements,
                bilan.ressources
            ))?;
            if !crees.is_empty() {
                ecrire(format!(
                    "Comptes de la démonstration (mot de passe de chacun : {}) :",
                    demo::comptes::MOT_DE_PASSE_DEMO
                ))?;
                for (identifiant, role) in demo::comptes::COMPTES_DEMO {
                    if crees.iter().any(|c| c == identifiant) {
                        ecrire(format!("  {identifiant:<15} {role}"))?;
                    }
                }
            }
            Ok(())
        }
        Commande::Pdf {
            document,
            dossier,
            numero,
            all,
            out,
            force,
        } => {
            use crate::documents::dossier::Modele;
            use crate::services::impression::Impression;
            // Les référentiels sont ceux que le poste a déjà lus.
            let referentiel = poste.referentiel();
            let ctx = poste.ctx();
            let modele_de = |d: &crate::domain::dossier::Dossier| -> Result<Modele, ErreurCli> {
                Ok(match document {
                    TypeDocument::FicheLiaison => Modele::FicheLiaison(
                        numero
                            .or_else(|| d.fiches.last().map(|f| f.numero))
                            .ok_or("ce dossier n'a aucune fiche de liaison.")?,
                    ),
                    TypeDocument::Contrat => Modele::Contrat,
                    TypeDocument::Reconduction => Modele::Reconduction,
                    TypeDocument::Carnet => Modele::Carnet,
                    TypeDocument::Sortie => Modele::Sortie,
                })
            };
            let auteur = poste.auteur();
            let auteur = auteur.as_str();
            if all {
                if document != TypeDocument::Contrat {
                    return Err("--all ne s'emploie qu'avec « contrat ».".into());
                }
                // Le verrou du poste est repris par le lot.
                drop(store);
                let n = crate::services::impression::imprimer_contrats(&poste, None, &out, force)?;
                return ecrire(format!("{n} contrats écrits dans {}.", out.display()));
            }
            let id = trouver_dossier(&poste, &store, dossier.as_deref().unwrap_or_default())?;
            let d = poste.dossier_confie(&store, id)?;
            let modele = modele_de(&d)?;
            crate::services::impression::imprimer(
                &mut store,
                Impression {
                    id,
                    modele,
                    chemin: &out,
                    remplacer: force,
                },
                auteur,
                referentiel,
                ctx,
            )?;
            ecrire(format!(
                "Document écrit ({}) : {}",
                modele.libelle(),
                out.display()
            ))
        }
        Commande::Check => {
            let v = store.verifier()?;
            ecrire(format!(
                "Base : {}",
                espace.dossier.join(crate::store::FICHIER_BASE).display()
            ))?;
            ecrire(format!("Schéma : version {}", v.version_schema))?;
            let fichier = espace.dossier.join(crate::store::FICHIER_BASE);
            if crate::store::est_en_clair(&fichier) {
                return Err(format!(
                    "la base {} est en clair : elle devrait être chiffrée.",
                    fichier.display()
                )
                .into());
            }
            ecrire("Chiffrement : base chiffrée (SQLCipher), clé enveloppée par compte dans binome.cles".into())?;
            ecrire(format!("Événements : {}", v.evenements))?;
            ecrire(format!("Professionnels : {}", v.professionnels))?;
            ecrire(format!(
                "Ressources partenariales : {}",
                store.nombre_ressources()?
            ))?;
            let total: u64 = v.par_etape.iter().map(|(_, n)| n).sum();
            ecrire(format!("Dossiers : {total}"))?;
            for (etape, n) in &v.par_etape {
                ecrire(format!("  {:<40} {n}", etape.libelle()))?;
            }
            let aujourdhui = chrono::Local::now().date_naive();
            let jeunes = store.cotraitances()?;
            let en_cours = jeunes
                .iter()
                .filter(|c| c.faits.etat_au(aujourdhui).en_cours())
                .count();
            ecrire(format!(
                "Jeunes en cotraitance : {} (en cours : {en_cours})",
                jeunes.len()
            ))?;
            // Les délais réglés dans la fenêtre, pour que le compte soit celui de « À faire ».
            let parametres = store
                .preference::<crate::services::preferences::Preferences>(
                    crate::services::preferences::CLE_PREFERENCES,
                )
                .ok()
                .flatten()
                .map(|p| p.echeances)
                .unwrap_or_default();
            let alertes: usize = poste
                .portefeuille(&store)?
                .iter()
                .map(|r| crate::domain::echeances::alertes(r, aujourdhui, &parametres).len())
                .sum();
            ecrire(format!("Alertes à ce jour : {alertes}"))?;
            if v.est_saine() {
                ecrire("Vérification : aucun problème.".into())
            } else {
                for p in &v.problemes {
                    ecrire(format!("Problème : {p}"))?;
                }
                Err(format!("{} problème(s) trouvé(s).", v.problemes.len()).into())
            }
        }
        Commande::Rebuild => {
            let r = store.reconstruire()?;
            tracing::info!(evenements = r.evenements, "projections reconstruites");
            ecrire(format!(
                "Reconstruction terminée : {} événements relus, {} dossiers et {} professionnels recalculés.",
                r.evenements, r.dossiers, r.professionnels
            ))
        }
        Commande::Bench { .. }
        | Commande::SondeInterface { .. }
        | Commande::Indicateurs(_)
        | Commande::Dossier(_)
        | Commande::Cotraitance(_)
        | Commande::Professionnels(_)
        | Commande::Audit(_)
        | Commande::Comptes(_)
        | Commande::Delegations(_)
        | Commande::Sauvegarde { .. }
        | Commande::Personne(_)
        | Commande::CoupureEcrivain { .. }
        | Commande::Conservation(_)
        | Commande::Carte(_)
        | Commande::Echange(_)
        | Commande::Export(_)
        | Commande::Import(_)
        | Commande::Referentiels(_)
        | Commande::Restaurer { .. }
        | Commande::Ressources(_) => Ok(()),
    }
}

/// L'avancement sur le terminal, une ligne réécrite (sur la sortie d'erreur).
pub(crate) fn barre() -> impl FnMut(&'static str, usize, usize) -> bool {
    move |etape, fait, total| {
        let pct = (fait * 100).checked_div(total).unwrap_or(100);
        let mut err = std::io::stderr();
        let _ = write!(err, "\r{etape} : {fait}/{total} ({pct} %)   ");
        if fait == total {
            let _ = writeln!(err);
        }
        true
    }
}
