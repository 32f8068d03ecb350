//! `binome dossier` : lire la chronologie d'un dossier et y enregistrer ce qui change en
//! cours de parcours (situation de la personne, agence), comme le fait la fenêtre. Le
//! domaine décide : un refus de la convention sort avec son message.

use clap::{Args, Subcommand};

use super::{trouver_dossier, ErreurCli, ValeurRefusee};
use crate::domain::date::{date_fr, lire_date, Jour};
use crate::domain::designation::reexamen;
use crate::domain::dossier::{Commande, Dossier};
use crate::domain::identifiants::{CodeInsee, CodePostal, Courriel, Telephone};
use crate::services::Poste;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Moyen {
    /// Contrat d'accompagnement signé
    Contrat,
    /// Formulaire écrit
    Ecrit,
    /// Accord oral, noté
    Oral,
}

fn categorie(texte: &str) -> Result<crate::domain::dossier::CategorieSecret, ValeurRefusee> {
    crate::domain::dossier::CategorieSecret::depuis_code(texte).ok_or_else(|| {
        ValeurRefusee(format!("« {texte} » n'est pas une catégorie : professionnelle, synthese-sociale, sante, logement, budget, justice ou famille."))
    })
}

#[derive(Debug, Args)]
pub struct ArgsDossier {
    #[command(subcommand)]
    pub action: ActionDossier,
}

#[derive(Debug, Subcommand)]
pub enum ActionDossier {
    /// Affiche l'état du dossier et sa chronologie
    Afficher {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        dossier: String,
    },
    /// Change la situation de la personne à une date (seuls les champs donnés changent)
    Situation(ArgsSituation),
    /// Enregistre le consentement de la personne au partage entre les deux professionnels
    Consentement {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        dossier: String,
        /// Date du recueil (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
        /// Comment il a été recueilli
        #[arg(long, value_enum)]
        moyen: Moyen,
        /// Ce qui peut se partager, séparé par des virgules : professionnelle,
        /// synthese-sociale, sante, logement, budget, justice, famille
        #[arg(long, value_name = "CATEGORIES", value_delimiter = ',', value_parser = categorie)]
        categories: Vec<crate::domain::dossier::CategorieSecret>,
        /// Le document qui porte le consentement (référence, lieu de classement)
        #[arg(long, value_name = "TEXTE")]
        document: Option<String>,
    },
    /// La personne retire son consentement : plus rien ne se partage à partir de cette date
    RevoquerConsentement {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        dossier: String,
        /// Date de la révocation (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
    /// Enregistre la structure contactée selon le protocole de désignation du référent
    Designation {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        dossier: String,
        /// Branche du protocole suivie
        #[arg(long, value_enum)]
        branche: Branche,
        /// Date (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
        /// Structure contactée (par défaut, celle que le protocole désigne à la résidence)
        #[arg(long, value_name = "NOM")]
        structure: Option<String>,
        /// Qui a donné l'accord du Département (branche accord-departement)
        #[arg(long = "accord-par", value_name = "NOM")]
        accord_par: Option<String>,
        /// Date de l'accord du Département (jj/mm/aaaa)
        #[arg(long = "accord-le", value_name = "JJ/MM/AAAA", value_parser = date)]
        accord_le: Option<Jour>,
    },
    /// Rectifie une entrée de la chronologie (numéro donné par « afficher ») : sa date, la
    /// décision d'une concertation, ou l'annulation d'une clôture enregistrée par erreur
    Rectifier {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        dossier: String,
        /// Numéro de l'entrée (ou de sa dernière rectification)
        #[arg(long, value_name = "N")]
        entree: u64,
        /// Nouvelle date (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date, conflicts_with_all = ["decision", "annuler"])]
        date: Option<Jour>,
        /// Nouvelle décision du temps de concertation
        #[arg(long, value_enum, conflicts_with = "annuler")]
        decision: Option<DecisionCli>,
        /// Annule la clôture enregistrée par erreur
        #[arg(long)]
        annuler: bool,
        /// Pourquoi (obligatoire)
        #[arg(long)]
        motif: String,
    },
    /// Rattache le dossier à une autre agence à partir d'une date
    Agence {
        /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
        dossier: String,
        /// Code de la nouvelle agence (voir le référentiel des structures)
        #[arg(long, value_name = "CODE")]
        agence: String,
        /// Date du changement (jj/mm/aaaa)
        #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
        date: Jour,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DecisionCli {
    /// Validation de l'accompagnement global
    Validation,
    /// Réorientation : accompagnement social exclusif
    SocialExclusif,
    /// Réorientation : modalité d'accompagnement France Travail
    ModalitePoleEmploi,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Branche {
    /// La personne a déjà un référent social
    Continuite,
    /// Au RSA sans enfant mineur : le pôle d'insertion de la résidence
    PoleInsertion,
    /// Enfant mineur à charge : la maison de la solidarité de la résidence
    Mds,
    /// Aucune ne peut : une structure en capacité, avec l'accord du Département
    AccordDepartement,
}

#[derive(Debug, Args)]
pub struct ArgsSituation {
    /// Le dossier : son identifiant, ou l'identifiant France Travail de la personne
    pub dossier: String,
    /// Date du changement (jj/mm/aaaa)
    #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
    pub date: Jour,
    /// Nom d'usage
    #[arg(long)]
    pub nom: Option<String>,
    /// Prénom
    #[arg(long)]
    pub prenom: Option<String>,
    /// Adresse (numéro et voie)
    #[arg(long)]
    pub adresse: Option<String>,
    /// Code postal
    #[arg(long = "code-postal", value_name = "CP")]
    pub code_postal: Option<String>,
    /// Commune de résidence : nom ou code INSEE
    #[arg(long)]
    pub commune: Option<String>,
    /// Téléphone (vide pour l'effacer)
    #[arg(long)]
    pub telephone: Option<String>,
    /// Courriel (vide pour l'effacer)
    #[arg(long)]
    pub courriel: Option<String>,
    /// Bénéficiaire du RSA : oui ou non
    #[arg(long, value_name = "oui|non", value_parser = oui_non)]
    pub rsa: Option<bool>,
    /// Enfant mineur à charge : oui ou non
    #[arg(long = "enfant-mineur", value_name = "oui|non", value_parser = oui_non)]
    pub enfant_mineur: Option<bool>,
}

fn date(texte: &str) -> Result<Jour, ValeurRefusee> {
    lire_date(texte).map_err(|e| ValeurRefusee(e.to_string()))
}

fn oui_non(texte: &str) -> Result<bool, ValeurRefusee> {
    match texte.trim().to_lowercase().as_str() {
        "oui" | "o" => Ok(true),
        "non" | "n" => Ok(false),
        autre => Err(ValeurRefusee(format!("« {autre} » : répondez oui ou non."))),
    }
}

/// Exécute la commande sur le dossier et l'inscrit au journal d'audit.
fn faire(
    store: &mut crate::store::Store,
    poste: &Poste,
    id: uuid::Uuid,
    c: &Commande,
) -> Result<crate::domain::dossier::Evenement, ErreurCli> {
    Ok(crate::services::poste::executer_et_auditer(
        store,
        &poste.auteur(),
        poste.ctx(),
        id,
        c,
    )?)
}

pub fn executer(args: ArgsDossier, poste: &Poste) -> Result<String, ErreurCli> {
    let mut store = poste.store();
    let charger = |store: &crate::store::Store, texte: &str| -> Result<Dossier, ErreurCli> {
        let id = trouver_dossier(poste, store, texte)?;
        Ok(poste.dossier_confie(store, id)?)
    };
    // Le conseiller ne lit que ce qui est partagé ; sans professionnel, la lecture la plus
    // restreinte.
    let role = poste
        .utilisateur()
        .map_or(crate::domain::professionnel::Role::Conseiller, |u| u.role());
    match args.action {
        ActionDossier::Consentement {
            dossier,
            date,
            moyen,
            categories,
            document,
        } => {
            use crate::domain::dossier::{Consentement, MoyenConsentement};
            let d = charger(&store, &dossier)?;
            let c = Commande::RecueillirConsentement(Consentement {
                date,
                moyen: match moyen {
                    Moyen::Contrat => MoyenConsentement::ContratSigne,
                    Moyen::Ecrit => MoyenConsentement::FormulaireEcrit,
                    Moyen::Oral => MoyenConsentement::OralNote,
                },
                categories,
                document,
                revoque_le: None,
            });
            let e = faire(&mut store, poste, d.id, &c)?;
            Ok(format!(
                "{} : {} — le {}.",
                d.personne.nom_complet(),
                e.description(),
                date_fr(date)
            ))
        }
        ActionDossier::RevoquerConsentement { dossier, date } => {
            let d = charger(&store, &dossier)?;
            let e = faire(
                &mut store,
                poste,
                d.id,
                &Commande::RevoquerConsentement { date },
            )?;
            Ok(format!(
                "{} : {} — le {}.",
                d.personne.nom_complet(),
                e.description(),
                date_fr(date)
            ))
        }
        ActionDossier::Afficher { dossier } => {
            let d = charger(&store, &dossier)?;
            let mut lignes = vec![
                format!("{} — {}", d.personne.nom_complet(), d.id),
                format!("État : {}", d.etape().libelle()),
                match d.consentement() {
                    Some(c) => format!(
                        "Consentement au partage : {} (le {}, {})",
                        c.portee(),
                        date_fr(c.date),
                        c.moyen.libelle()
                    ),
                    None => "Consentement au partage : aucun en cours".into(),
                },
            ];
            crate::services::poste::auditer(
                &mut store,
                &poste.auteur(),
                crate::domain::audit::ActionAudit::Consultation,
                Some(d.id),
            );
            for e in store.journal(d.id)? {
                let quand = e.evenement.date().map_or(String::new(), date_fr);
                lignes.push(format!(
                    "n° {:<4} {quand:>10}  {}",
                    e.version,
                    d.description_vue_par(&e.evenement, role, poste.freins())
                ));
            }
            Ok(lignes.join("\n"))
        }
        ActionDossier::Designation {
            dossier,
            branche,
            date,
            structure,
            accord_par,
            accord_le,
        } => {
            use crate::domain::dossier::{AccordDepartement, BrancheDesignation as B};
            let d = charger(&store, &dossier)?;
            let branche = match branche {
                Branche::Continuite => B::Continuite,
                Branche::PoleInsertion => B::PoleInsertion,
                Branche::Mds => B::Mds,
                Branche::AccordDepartement => B::AccordDepartement,
            };
            let structures = &poste.referentiel().structures;
            let commune = d.personne.commune.as_str();
            let du_protocole = match branche {
                B::PoleInsertion => structures.pole_de(commune),
                B::Mds => structures.mds_de(commune),
                _ => None,
            };
            let nom = structure
                .or_else(|| du_protocole.map(|t| t.nom.clone()))
                .ok_or("--structure : indiquez la structure contactée.")?;
            let accord = match (branche, accord_par, accord_le) {
                (B::AccordDepartement, Some(par), Some(le)) => Some(AccordDepartement { le, par }),
                _ => None,
            };
            let x = crate::domain::dossier::DesignationReferent {
                date,
                branche,
                structure: du_protocole.map(|t| t.code.clone()),
                nom_structure: nom,
                accord,
            };
            let e = faire(
                &mut store,
                poste,
                d.id,
                &Commande::EnregistrerDesignation(x),
            )?;
            Ok(format!(
                "{} : {}.",
                d.personne.nom_complet(),
                e.description()
            ))
        }
        ActionDossier::Rectifier {
            dossier,
            entree,
            date,
            decision,
            annuler,
            motif,
        } => {
            use crate::domain::dossier::{Cible, Correction, Decision};
            let d = charger(&store, &dossier)?;
            let correction = match (date, decision, annuler) {
                (_, _, true) => Correction::Annulation,
                (Some(j), None, false) => Correction::Date(j),
                (None, Some(x), false) => Correction::Decision(match x {
                    DecisionCli::Validation => Decision::Validation,
                    DecisionCli::SocialExclusif => Decision::Reorientation(Cible::SocialExclusif),
                    DecisionCli::ModalitePoleEmploi => {
                        Decision::Reorientation(Cible::ModalitePoleEmploi)
                    }
                }),
                _ => return Err("indiquez --date, --decision ou --annuler.".into()),
            };
            let c = Commande::Rectifier {
                cible: entree,
                correction,
                motif,
            };
            let e = faire(&mut store, poste, d.id, &c)?;
            Ok(format!(
                "{} : {}.",
                d.personne.nom_complet(),
                e.description()
            ))
        }
        ActionDossier::Agence {
            dossier,
            agence,
            date,
        } => {
            let d = charger(&store, &dossier)?;
            let structures = &poste.referentiel().structures;
            let Some(a) = structures.agence(agence.trim()) else {
                let codes: Vec<&str> = structures.agences.iter().map(|a| a.code.as_str()).collect();
                return Err(format!(
                    "l'agence « {} » est inconnue. Codes connus : {}.",
                    agence.trim(),
                    codes.join(", ")
                )
                .into());
            };
            let c = Commande::ChangerAgence {
                agence: a.code.clone(),
                date,
            };
            faire(&mut store, poste, d.id, &c)?;
            Ok(format!(
                "Dossier de {} rattaché à l'agence {} à partir du {}.",
                d.personne.nom_complet(),
                a.nom,
                date_fr(date)
            ))
        }
        ActionDossier::Situation(s) => {
            let d = charger(&store, &s.dossier)?;
            let apres = appliquer(&d, &s, poste)?;
            let c = Commande::ChangerSituation {
                personne: apres.clone(),
                date: s.date,
            };
            faire(&mut store, poste, d.id, &c)?;
            let mut lignes = vec![format!(
                "Situation de {} enregistrée au {} : {}.",
                apres.nom_complet(),
                date_fr(s.date),
                d.personne.changements(&apres).join(", ")
            )];
            lignes.extend(
                reexamen(&d, &apres, poste.referentiel())
                    .into_iter()
                    .map(|p| format!("À revoir : {p}")),
            );
            Ok(lignes.join("\n"))
        }
    }
}

/// La situation actuelle, avec les champs donnés remplacés et vérifiés.
fn appliquer(
    d: &Dossier,
    s: &ArgsSituation,
    poste: &Poste,
) -> Result<crate::domain::personne::Personne, ErreurCli> {
    let mut p = d.personne.clone();
    let texte = |v: &Option<String>| v.as_deref().map(str::trim).map(str::to_string);
    if let Some(v) = texte(&s.nom) {
        p.nom = v;
    }
    if let Some(v) = texte(&s.prenom) {
        p.prenom = v;
    }
    if let Some(v) = texte(&s.adresse) {
        p.adresse = v;
    }
    if let Some(v) = texte(&s.code_postal) {
        p.code_postal = if v.is_empty() {
            None
        } else {
            Some(CodePostal::parse(&v).map_err(|e| format!("--code-postal : {e}"))?)
        };
    }
    if let Some(v) = texte(&s.commune) {
        let cp = p
            .code_postal
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default();
        let c = poste.referentiel().commune_saisie(&v, &cp).ok_or_else(|| {
            format!("--commune : « {v} » n'est pas une commune connue (ou en désigne plusieurs) : donnez son code INSEE, ou le code postal avec --code-postal.")
        })?;
        p.commune = CodeInsee::parse(&c.insee).map_err(|e| format!("--commune : {e}"))?;
    }
    if let Some(v) = texte(&s.telephone) {
        p.telephone = if v.is_empty() {
            None
        } else {
            Some(Telephone::parse(&v).map_err(|e| format!("--telephone : {e}"))?)
        };
    }
    if let Some(v) = texte(&s.courriel) {
        p.courriel = if v.is_empty() {
            None
        } else {
            Some(Courriel::parse(&v).map_err(|e| format!("--courriel : {e}"))?)
        };
    }
    if let Some(b) = s.rsa {
        p.brsa = b;
    }
    if let Some(b) = s.enfant_mineur {
        p.enfant_mineur = b;
    }
    Ok(p)
}
