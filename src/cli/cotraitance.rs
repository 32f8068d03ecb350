//! `binome cotraitance` : le second parcours, la cotraitance des jeunes avec les missions
//! locales, comme la fenêtre le fait. Le domaine décide ; un refus de l'accord-cadre sort
//! avec son message.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use uuid::Uuid;

use super::{ErreurCli, ValeurRefusee};
use crate::domain::cotraitance::indicateurs::Objectif;
use crate::domain::cotraitance::{
    Commande, Critere, DecisionAlerte, Indisponibilite, Jeune, MotifAlerte, MotifSortie,
    ParcoursPoleEmploi, Periode, PremierContact, StatutInscription, SuiteMaintien, SuiviExistant,
};
use crate::domain::date::{date_fr, lire_date, Jour};
use crate::services::cotraitance::{self as service, Chiffres, DocumentCotraitance};
use crate::services::indicateurs::FormatExport;
use crate::services::Poste;

fn date(texte: &str) -> Result<Jour, ValeurRefusee> {
    lire_date(texte).map_err(|e| ValeurRefusee(e.to_string()))
}

fn critere(texte: &str) -> Result<Critere, ValeurRefusee> {
    Ok(match texte.trim() {
        "projet" => Critere::ProjetMalDefini,
        "situation" => Critere::SituationPersonnelle,
        "reperes" => Critere::SansRepereNiReseau,
        "qualification" => Critere::QualificationInsuffisante,
        "" => return Err(ValeurRefusee("critère vide".into())),
        autre => match autre.strip_prefix("region:") {
            Some(code) => Critere::Regional(code.to_string()),
            None => {
                return Err(ValeurRefusee(format!(
                    "« {autre} » n'est pas un critère : projet, situation, reperes, qualification, ou region:CODE."
                )))
            }
        },
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suivi {
    /// Aucun autre suivi
    Aucun,
    /// En CIVIS à la mission locale (à confirmer avec --confirme)
    Civis,
    /// Un autre dispositif de la mission locale (précisé par --precision)
    Dispositif,
    /// Un autre partenaire (précisé par --precision)
    Partenaire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Contact {
    Atelier,
    Individuel,
    Collectif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Statut {
    Inscrit,
    Radie,
    Cessation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Motif {
    Difficulte,
    Evenement,
    Manquement,
    /// Un mois sans entretien
    SansEntretien,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Indispo {
    Stage,
    Formation,
    /// Emploi temporaire de moins de deux mois
    Emploi,
    Prestation,
    Temporaire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Decision {
    /// Maintien, avec une nouvelle orientation du parcours
    MaintienOrientation,
    /// Maintien, avec un rappel des obligations
    MaintienRappel,
    /// Maintien, avec une mise à jour de la situation
    MaintienSituation,
    /// Sortie vers un autre partenaire (--partenaire)
    Reorientation,
    /// Sortie vers le suivi mensuel de Pôle emploi
    RetourSuiviMensuel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Doc {
    /// Le document remis au jeune à l'affectation
    Affectation,
    /// La fiche d'une alerte (--numero)
    Alerte,
}

#[derive(Debug, Args)]
pub struct ArgsCotraitance {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Les jeunes en cotraitance que vous voyez, leur état et ce qui attend
    Liste,
    /// Un jeune : son état et sa chronologie
    Afficher {
        /// Identifiant de la cotraitance, ou identifiant France Travail du jeune
        jeune: String,
    },
    /// Affecte un jeune à une mission locale (conseiller Pôle emploi)
    Affecter {
        #[arg(long)]
        nom: String,
        #[arg(long)]
        prenom: String,
        /// Identifiant France Travail
        #[arg(long, value_name = "ID")]
        identifiant: String,
        /// Date de naissance (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        naissance: Jour,
        /// Commune de résidence (code INSEE)
        #[arg(long, value_name = "INSEE")]
        commune: String,
        /// Code de la mission locale (par défaut celle de la commune)
        #[arg(long, value_name = "CODE")]
        mission_locale: Option<String>,
        /// Critères, séparés par des virgules : projet, situation, reperes, qualification, region:CODE
        #[arg(long, value_delimiter = ',', value_parser = critere, required = true)]
        criteres: Vec<Critere>,
        /// Le jeune n'est pas sur le parcours « accompagnement » de Pôle emploi
        #[arg(long)]
        hors_accompagnement: bool,
        #[arg(long, value_enum, default_value = "aucun")]
        suivi: Suivi,
        /// Le dispositif ou le partenaire qui suit déjà le jeune
        #[arg(long, value_name = "TEXTE", default_value = "")]
        precision: String,
        /// Affecter quand même un jeune en CIVIS (il y reste, ni compté ni financé)
        #[arg(long)]
        confirme: bool,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// La mission locale accepte l'affectation
    Accepter {
        jeune: String,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Premier contact à la mission locale : le parcours est initialisé
    Initialiser {
        jeune: String,
        #[arg(long, value_enum)]
        contact: Contact,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Le statut d'inscription à Pôle emploi change (conseiller Pôle emploi)
    Inscription {
        jeune: String,
        #[arg(long, value_enum)]
        statut: Statut,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Un entretien à la mission locale
    Entretien {
        jeune: String,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Une période sans entretien mensuel dû (stage, formation…)
    Indisponibilite {
        jeune: String,
        #[arg(long, value_enum)]
        motif: Indispo,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        du: Jour,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        au: Jour,
    },
    /// La mission locale lève une alerte
    Alerte {
        jeune: String,
        #[arg(long, value_enum)]
        motif: Motif,
        #[arg(long, value_name = "TEXTE", default_value = "")]
        detail: String,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Pôle emploi décide de l'alerte ouverte
    Decider {
        jeune: String,
        #[arg(long, value_enum)]
        decision: Decision,
        #[arg(long, value_name = "NOM", default_value = "")]
        partenaire: String,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Le jeune déménage (hors du territoire : la cotraitance finit)
    Demenagement {
        jeune: String,
        #[arg(long, value_name = "INSEE")]
        commune: String,
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Pôle emploi met fin à la cotraitance : retour à l'emploi
    RetourEmploi {
        jeune: String,
        /// Dernier jour de cotraitance
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Imprime un document en PDF
    Pdf {
        jeune: String,
        #[arg(value_enum)]
        document: Doc,
        #[arg(long, value_name = "N", default_value_t = 1)]
        numero: usize,
        /// Dossier où écrire (par défaut Documents/Binome)
        #[arg(long, value_name = "DOSSIER")]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    /// Tout ce que Binôme garde sur le jeune (droit d'accès), en PDF et en JSON
    Releve {
        jeune: String,
        #[arg(long, value_name = "FICHIER.pdf")]
        out: PathBuf,
        #[arg(long, value_name = "FICHIER.json")]
        json: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    /// Efface les données d'un jeune sorti, à sa demande, avec une attestation (PDF) ; un
    /// administrateur confirme : BINOME_ADMINISTRATEUR et BINOME_MOT_DE_PASSE_ADMINISTRATEUR,
    /// ou au terminal
    Effacer {
        jeune: String,
        /// Date de la demande du jeune (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        demande_le: Jour,
        /// L'attestation d'effacement à écrire (PDF)
        #[arg(long, value_name = "FICHIER")]
        attestation: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Indicateurs de l'annexe « 11 » d'une année (CSV, XLSX, PDF)
    Indicateurs {
        #[arg(long)]
        annee: i32,
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatExport,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Saisit DE2 et DE3 d'une année (ils ne sont pas dans Binôme)
    Saisir {
        #[arg(long)]
        annee: i32,
        /// DE2 : tous les jeunes de la mission locale
        #[arg(long)]
        de2: Option<u32>,
        /// DE3 : les jeunes suivis par Pôle emploi qui relèvent des critères
        #[arg(long)]
        de3: Option<u32>,
    },
    /// Fixe l'objectif annuel d'une mission locale (jeunes, subvention en euros)
    Objectif {
        #[arg(long, value_name = "CODE")]
        mission_locale: String,
        #[arg(long)]
        annee: i32,
        #[arg(long)]
        jeunes: u32,
        #[arg(long, value_name = "EUROS")]
        subvention: u32,
        /// Seuil de dépassement signalé, en % de l'objectif
        #[arg(long, default_value_t = 100)]
        seuil: u32,
    },
    /// Affiche ou change les réglages : seuils d'attente, critères régionaux
    Regles {
        /// Au-delà, l'acceptation qui se fait attendre est signalée (jours)
        #[arg(long, value_name = "JOURS", value_parser = clap::value_parser!(i64).range(1..=365))]
        seuil_acceptation: Option<i64>,
        /// Au-delà, l'initialisation qui se fait attendre est signalée (jours)
        #[arg(long, value_name = "JOURS", value_parser = clap::value_parser!(i64).range(1..=365))]
        seuil_initialisation: Option<i64>,
        /// Les critères régionaux (remplacent ceux en place), séparés par des virgules ;
        /// vide pour n'en garder aucun
        #[arg(long, value_name = "CODES", value_delimiter = ',')]
        criteres_regionaux: Option<Vec<String>>,
    },
    /// Le compte rendu d'activité d'une mission locale (CSV, XLSX, PDF)
    Activite {
        #[arg(long, value_name = "CODE")]
        mission_locale: String,
        #[arg(long)]
        annee: i32,
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatExport,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

/// Le jeune désigné par l'identifiant de sa cotraitance, ou par son identifiant France
/// Travail (sa cotraitance la plus récente).
fn trouver(poste: &Poste, texte: &str) -> Result<Uuid, ErreurCli> {
    let lignes = service::lignes(poste)?;
    if let Ok(id) = Uuid::parse_str(texte.trim()) {
        if lignes.iter().any(|l| l.id == id) {
            return Ok(id);
        }
    }
    let cherche = texte.trim().to_uppercase();
    lignes
        .iter()
        .filter(|l| l.identifiant_ft.to_uppercase() == cherche)
        .max_by_key(|l| l.affecte_le)
        .map(|l| l.id)
        .ok_or_else(|| {
            format!("aucun jeune en cotraitance que vous voyez ne correspond à « {} » (identifiant de cotraitance ou identifiant France Travail).", texte.trim()).into()
        })
}

fn decrire(l: &service::Ligne, jour: Jour) -> String {
    let mut s = format!(
        "{}  {}  {}  {}  affecté le {}",
        l.id,
        l.jeune,
        l.identifiant_ft,
        l.etat.libelle(),
        date_fr(l.affecte_le)
    );
    for a in l.a_faire(jour) {
        s.push_str(&format!("\n    ! {a}"));
    }
    s
}

pub fn executer(
    args: ArgsCotraitance,
    espace: &crate::services::espace::Espace,
    poste: &Poste,
) -> Result<String, ErreurCli> {
    let commande = |jeune: &str, c: Commande| -> Result<String, ErreurCli> {
        let id = trouver(poste, jeune)?;
        let (_, e) = service::executer(poste, Some(id), &c)?;
        let (l, _) = service::ouvrir(poste, id)?;
        Ok(format!("{}\nÉtat : {}", e.libelle(), l.etat.libelle()))
    };
    match args.action {
        Action::Liste => {
            let lignes = service::lignes(poste)?;
            if lignes.is_empty() {
                return Ok("Aucun jeune en cotraitance.".into());
            }
            let jour = poste.aujourdhui();
            Ok(lignes
                .iter()
                .map(|l| decrire(l, jour))
                .collect::<Vec<_>>()
                .join("\n"))
        }
        Action::Afficher { jeune } => {
            let id = trouver(poste, &jeune)?;
            let (l, journal) = service::ouvrir(poste, id)?;
            let mut s = decrire(&l, poste.aujourdhui());
            s.push_str(&format!(
                "\nMission locale : {}\nFin au plus tard : {}",
                l.mission_locale,
                date_fr(l.fin_prevue)
            ));
            for f in journal {
                s.push_str(&format!(
                    "\n{}  {}",
                    date_fr(f.evenement.date()),
                    f.evenement.libelle()
                ));
            }
            Ok(s)
        }
        Action::Affecter {
            nom,
            prenom,
            identifiant,
            naissance,
            commune,
            mission_locale,
            criteres,
            hors_accompagnement,
            suivi,
            precision,
            confirme,
            date,
        } => {
            let mission_locale = match mission_locale {
                Some(m) => m,
                None => poste
                    .referentiel()
                    .structures
                    .mission_locale_de(&commune)
                    .map(|t| t.code.clone())
                    .ok_or_else(|| {
                        ErreurCli::from(format!(
                            "aucune mission locale du référentiel ne couvre la commune {commune} : indiquez --mission-locale."
                        ))
                    })?,
            };
            let c = Commande::Affecter {
                jeune: Jeune {
                    nom,
                    prenom,
                    identifiant_ft: identifiant.trim().to_uppercase(),
                    naissance,
                    commune,
                },
                mission_locale,
                criteres,
                parcours: if hors_accompagnement {
                    ParcoursPoleEmploi::Autre
                } else {
                    ParcoursPoleEmploi::Accompagnement
                },
                suivi: match suivi {
                    Suivi::Aucun => SuiviExistant::Aucun,
                    Suivi::Civis => SuiviExistant::Civis,
                    Suivi::Dispositif => SuiviExistant::DispositifMissionLocale(precision),
                    Suivi::Partenaire => SuiviExistant::AutrePartenaire(precision),
                },
                confirme,
                date,
            };
            let (id, e) = service::executer(poste, None, &c)?;
            Ok(format!("{}\nCotraitance {id}", e.libelle()))
        }
        Action::Accepter { jeune, date } => commande(&jeune, Commande::Accepter { date }),
        Action::Initialiser {
            jeune,
            contact,
            date,
        } => commande(
            &jeune,
            Commande::Initialiser {
                date,
                contact: match contact {
                    Contact::Atelier => PremierContact::Atelier,
                    Contact::Individuel => PremierContact::EntretienIndividuel,
                    Contact::Collectif => PremierContact::EntretienCollectif,
                },
            },
        ),
        Action::Inscription {
            jeune,
            statut,
            date,
        } => commande(
            &jeune,
            Commande::ChangerInscription {
                statut: match statut {
                    Statut::Inscrit => StatutInscription::Inscrit,
                    Statut::Radie => StatutInscription::Radie,
                    Statut::Cessation => StatutInscription::Cessation,
                },
                date,
            },
        ),
        Action::Entretien { jeune, date } => commande(&jeune, Commande::NoterEntretien { date }),
        Action::Indisponibilite {
            jeune,
            motif,
            du,
            au,
        } => commande(
            &jeune,
            Commande::NoterIndisponibilite(Periode {
                debut: du,
                fin: au,
                motif: match motif {
                    Indispo::Stage => Indisponibilite::Stage,
                    Indispo::Formation => Indisponibilite::Formation,
                    Indispo::Emploi => Indisponibilite::EmploiTemporaire,
                    Indispo::Prestation => Indisponibilite::Prestation,
                    Indispo::Temporaire => Indisponibilite::Temporaire,
                },
            }),
        ),
        Action::Alerte {
            jeune,
            motif,
            detail,
            date,
        } => commande(
            &jeune,
            Commande::LeverAlerte {
                motif: match motif {
                    Motif::Difficulte => MotifAlerte::Difficulte,
                    Motif::Evenement => MotifAlerte::Evenement,
                    Motif::Manquement => MotifAlerte::Manquement,
                    Motif::SansEntretien => MotifAlerte::EntretienMensuelManque,
                },
                detail,
                date,
            },
        ),
        Action::Decider {
            jeune,
            decision,
            partenaire,
            date,
        } => commande(
            &jeune,
            Commande::DeciderAlerte {
                decision: match decision {
                    Decision::MaintienOrientation => {
                        DecisionAlerte::Maintien(SuiteMaintien::NouvelleOrientation)
                    }
                    Decision::MaintienRappel => {
                        DecisionAlerte::Maintien(SuiteMaintien::RappelDesObligations)
                    }
                    Decision::MaintienSituation => {
                        DecisionAlerte::Maintien(SuiteMaintien::MiseAJourDeLaSituation)
                    }
                    Decision::Reorientation => DecisionAlerte::Reorientation { partenaire },
                    Decision::RetourSuiviMensuel => DecisionAlerte::RetourSuiviMensuel,
                },
                date,
            },
        ),
        Action::Demenagement {
            jeune,
            commune,
            date,
        } => commande(&jeune, Commande::NoterDemenagement { commune, date }),
        Action::RetourEmploi { jeune, date } => commande(
            &jeune,
            Commande::Sortir {
                motif: MotifSortie::RetourEmploi,
                date,
            },
        ),
        Action::Pdf {
            jeune,
            document,
            numero,
            out,
            force,
        } => {
            let id = trouver(poste, &jeune)?;
            let dossier = out.unwrap_or_else(crate::services::espace::dossier_des_documents);
            let doc = match document {
                Doc::Affectation => DocumentCotraitance::Affectation,
                Doc::Alerte => DocumentCotraitance::Alerte(numero),
            };
            let chemin = service::imprimer(poste, id, doc, &dossier, force)?;
            Ok(format!("Document écrit : {}", chemin.display()))
        }
        Action::Effacer {
            jeune,
            demande_le,
            attestation,
            force,
        } => {
            let id = trouver(poste, &jeune)?;
            let (administrateur, mot_de_passe) =
                super::authentification::administrateur_qui_confirme()?;
            let r = crate::services::effacement::effacer_a_la_demande(
                espace,
                poste,
                &crate::services::effacement::Demande {
                    dossier: id,
                    demande_le,
                    administrateur: &administrateur,
                    mot_de_passe: &mot_de_passe,
                    attestation: &attestation,
                    remplacer: force,
                },
            )?;
            Ok(format!(
                "Données du jeune effacées ({} fait(s), purge n° {}). Attestation écrite : {}",
                r.evenements,
                r.purge,
                attestation.display()
            ))
        }
        Action::Releve {
            jeune,
            out,
            json,
            force,
        } => {
            let id = trouver(poste, &jeune)?;
            service::releve(poste, id, &out, json.as_deref(), force)?;
            Ok(format!("Relevé écrit : {}", out.display()))
        }
        Action::Indicateurs {
            annee,
            format,
            out,
            force,
        } => {
            service::exporter(poste, &Chiffres::Indicateurs { annee }, format, &out, force)?;
            Ok(format!("Indicateurs écrits : {}", out.display()))
        }
        Action::Activite {
            mission_locale,
            annee,
            format,
            out,
            force,
        } => {
            service::exporter(
                poste,
                &Chiffres::Activite {
                    mission_locale,
                    annee,
                },
                format,
                &out,
                force,
            )?;
            Ok(format!("Compte rendu écrit : {}", out.display()))
        }
        Action::Regles {
            seuil_acceptation,
            seuil_initialisation,
            criteres_regionaux,
        } => {
            let mut regles = poste.regles_cotraitance().clone();
            let change = seuil_acceptation.is_some()
                || seuil_initialisation.is_some()
                || criteres_regionaux.is_some();
            if let Some(n) = seuil_acceptation {
                regles.seuil_acceptation_jours = n;
            }
            if let Some(n) = seuil_initialisation {
                regles.seuil_initialisation_jours = n;
            }
            if let Some(c) = criteres_regionaux {
                regles.criteres_regionaux = c
                    .into_iter()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect();
            }
            if change {
                service::enregistrer_regles(&mut poste.clone(), regles.clone())?;
            }
            Ok(format!(
                "Seuil d'acceptation : {} jours\nSeuil d'initialisation : {} jours\nCritères régionaux : {}\nObjectifs : {}",
                regles.seuil_acceptation_jours,
                regles.seuil_initialisation_jours,
                if regles.criteres_regionaux.is_empty() {
                    "aucun".to_string()
                } else {
                    regles.criteres_regionaux.join(", ")
                },
                if regles.objectifs.is_empty() {
                    "aucun".to_string()
                } else {
                    regles
                        .objectifs
                        .iter()
                        .map(|o| format!("{} {} : {} jeunes", o.mission_locale, o.annee, o.jeunes))
                        .collect::<Vec<_>>()
                        .join(" ; ")
                }
            ))
        }
        Action::Saisir { annee, de2, de3 } => {
            let mut regles = poste.regles_cotraitance().clone();
            regles.saisies.retain(|s| s.annee != annee);
            regles
                .saisies
                .push(crate::domain::cotraitance::indicateurs::Saisie { annee, de2, de3 });
            service::enregistrer_regles(&mut poste.clone(), regles)?;
            let texte = |n: Option<u32>| n.map_or("non saisi".to_string(), |n| n.to_string());
            Ok(format!("{annee} : DE2 {}, DE3 {}.", texte(de2), texte(de3)))
        }
        Action::Objectif {
            mission_locale,
            annee,
            jeunes,
            subvention,
            seuil,
        } => {
            if poste
                .referentiel()
                .structures
                .nom(&mission_locale)
                .is_none()
            {
                return Err(format!(
                    "« {mission_locale} » n'est pas une mission locale du référentiel."
                )
                .into());
            }
            let mut regles = poste.regles_cotraitance().clone();
            regles
                .objectifs
                .retain(|o| !(o.mission_locale == mission_locale && o.annee == annee));
            regles.objectifs.push(Objectif {
                mission_locale: mission_locale.clone(),
                annee,
                jeunes,
                subvention_centimes: i64::from(subvention) * 100,
                seuil_depassement_pct: seuil,
            });
            let mut poste = poste.clone();
            service::enregistrer_regles(&mut poste, regles)?;
            Ok(format!(
                "Objectif {annee} de {mission_locale} : {jeunes} jeune(s), {subvention} € de subvention."
            ))
        }
    }
}
