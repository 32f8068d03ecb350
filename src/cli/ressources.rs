//! `binome ressources` : import, export, recherche et habilitations, sans fenêtre.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::domain::freins::Freins;
use crate::domain::ressources::recherche::{distance_fr, Autour, Criteres, Resultats};
use crate::domain::ressources::{Habilitation, ModaliteAcces};
use crate::domain::structures::Referentiel;
use crate::services::ressources as services;
use crate::services::Poste;

use super::ErreurCli;

#[derive(Debug, Args)]
pub struct ArgsRessources {
    #[command(subcommand)]
    pub commande: CommandeRessources,
}

#[derive(Debug, Subcommand)]
pub enum CommandeRessources {
    /// Importe des services data·inclusion (JSON ou CSV, v1 ou v0) ou le modèle CSV
    Import {
        /// Fichiers à importer (les structures peuvent être dans un fichier à part)
        #[arg(required = true, value_name = "FICHIER")]
        fichiers: Vec<PathBuf>,
        /// Vérifie et affiche le rapport sans rien enregistrer
        #[arg(long = "dry-run")]
        essai: bool,
    },
    /// Exporte la base au format du modèle CSV (séparateur « ; », UTF-8 avec BOM)
    Export {
        #[arg(long, value_name = "FICHIER.csv")]
        out: PathBuf,
        /// Inclut les ressources archivées
        #[arg(long)]
        archivees: bool,
        /// Remplace le fichier s'il existe déjà (sans cette option, seul un fichier que
        /// Binôme a écrit pour le même export, inchangé depuis, est remplacé)
        #[arg(long)]
        force: bool,
    },
    /// Recherche multicritère
    Search {
        /// Mots à chercher (nom, structure, description, public), sans accents ni majuscules
        #[arg(long, value_name = "T")]
        texte: Option<String>,
        /// Famille de freins (numéro 1 à 7 ou code) ou besoin (code)
        #[arg(long, value_name = "F")]
        frein: Option<String>,
        /// Public (code data·inclusion : jeunes, seniors…)
        #[arg(long, value_name = "P")]
        public: Option<String>,
        /// Modalité d'accès
        #[arg(long, value_enum)]
        modalite: Option<Modalite>,
        /// Seulement les ressources ouvertes maintenant
        #[arg(long)]
        ouvert: bool,
        /// Code INSEE de la commune autour de laquelle chercher
        #[arg(long, value_name = "INSEE", requires = "rayon")]
        commune: Option<String>,
        /// Rayon autour de la commune, en km
        #[arg(long, value_name = "KM", requires = "commune")]
        rayon: Option<f64>,
        /// Nombre maximal de résultats affichés
        #[arg(long, default_value_t = 20, value_name = "N")]
        limite: usize,
        /// Sortie JSON
        #[arg(long)]
        json: bool,
    },
    /// Imprime la fiche d'une ressource (une page pour la personne) en PDF
    Fiche {
        /// Identifiant Binôme ou identifiant à la source (ex. dora--42)
        #[arg(value_name = "RESSOURCE")]
        ressource: String,
        #[arg(long, value_name = "FICHIER.pdf")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà (sans cette option, seul un fichier que
        /// Binôme a écrit pour le même export, inchangé depuis, est remplacé)
        #[arg(long)]
        force: bool,
    },
    /// Donne ou retire à un professionnel le droit de mettre à jour la base
    Habiliter {
        /// Le professionnel : son identifiant, ou « Prénom NOM »
        #[arg(value_name = "PROFESSIONNEL")]
        professionnel: String,
        #[arg(long, value_enum)]
        profil: Profil,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Modalite {
    PremierNiveau,
    PrescriptionDirecte,
    PrescriptionApresAvis,
    Autre,
}

impl From<Modalite> for ModaliteAcces {
    fn from(m: Modalite) -> Self {
        match m {
            Modalite::PremierNiveau => ModaliteAcces::PremierNiveau,
            Modalite::PrescriptionDirecte => ModaliteAcces::PrescriptionDirecte,
            Modalite::PrescriptionApresAvis => ModaliteAcces::PrescriptionApresAvis,
            Modalite::Autre => ModaliteAcces::Autre,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Profil {
    Consultation,
    MiseAJour,
}

/// Famille (numéro ou code) ou besoin → (famille, besoin).
pub fn lire_frein(freins: &Freins, f: &str) -> Result<(String, Option<String>), String> {
    let f = f.trim();
    if let Some(fam) = freins
        .familles
        .iter()
        .find(|x| x.code == f || x.numero.to_string() == f)
    {
        return Ok((fam.code.clone(), None));
    }
    match freins.besoin(f) {
        Some((fam, b)) => Ok((fam.code.clone(), Some(b.code.clone()))),
        None => Err(format!(
            "frein « {f} » inconnu : indiquez une famille (1 à 7 ou {}) ou un code de besoin.",
            freins
                .familles
                .iter()
                .map(|x| x.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn executer(args: ArgsRessources, poste: &Poste) -> Result<String, ErreurCli> {
    let freins = poste.freins();
    let territoire = poste.referentiel();
    match args.commande {
        CommandeRessources::Import { fichiers, essai } => {
            let rapport = services::importer(poste, &fichiers, essai, &mut super::barre())?;
            let mut texte = vec![rapport.resume()];
            texte.extend(rapport.erreurs.iter().map(|e| format!("Erreur : {e}")));
            const MAX: usize = 30;
            texte.extend(
                rapport
                    .avertissements
                    .iter()
                    .take(MAX)
                    .map(|a| format!("Avertissement : {a}")),
            );
            if rapport.avertissements.len() > MAX {
                texte.push(format!(
                    "… et {} autre(s) avertissement(s).",
                    rapport.avertissements.len() - MAX
                ));
            }
            if rapport.erreurs.is_empty() {
                Ok(texte.join("\n"))
            } else {
                Err(format!(
                    "{}\nCorrigez ces lignes dans le fichier et relancez l'import.",
                    texte.join("\n")
                )
                .into())
            }
        }
        CommandeRessources::Export {
            out,
            archivees,
            force,
        } => {
            let n = services::exporter(poste, &out, archivees, force)?;
            Ok(format!(
                "{n} ressource(s) exportée(s) dans {}.",
                out.display()
            ))
        }
        CommandeRessources::Search {
            texte,
            frein,
            public,
            modalite,
            ouvert,
            commune,
            rayon,
            limite,
            json,
        } => {
            let (famille, besoin) = match frein {
                Some(f) => {
                    let (f, b) = lire_frein(freins, &f)?;
                    (Some(f), b)
                }
                None => (None, None),
            };
            if let Some(p) = &public {
                if crate::domain::ressources::referentiels::public(p).is_none() {
                    return Err(format!(
                        "public « {p} » inconnu ; codes possibles : {}.",
                        crate::domain::ressources::referentiels::liste_publics()
                            .map(|(c, _)| c)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                    .into());
                }
            }
            let autour = match (commune, rayon) {
                (Some(c), Some(r)) => {
                    let co = territoire.commune(c.trim()).ok_or_else(|| {
                        format!("la commune {c} n'est pas dans le référentiel (code INSEE attendu, par exemple 13201 pour Marseille 1er).")
                    })?;
                    if !(r > 0.0 && r <= 500.0) {
                        return Err("le rayon doit être compris entre 0 et 500 km.".into());
                    }
                    Some(Autour {
                        libelle: co.nom.to_string(),
                        latitude: co.latitude,
                        longitude: co.longitude,
                        rayon_km: r,
                    })
                }
                _ => None,
            };
            let criteres = Criteres {
                texte: texte.unwrap_or_default(),
                famille,
                besoin,
                public,
                modalite: modalite.map(Into::into),
                ouvert_maintenant: ouvert,
                autour,
                archivees: false,
                limite,
            };
            let r = poste
                .store()
                .rechercher_ressources(&criteres, chrono::Local::now().naive_local())?;
            if json {
                Ok(en_json(&r, territoire))
            } else {
                Ok(en_texte(&r, &criteres, territoire))
            }
        }
        CommandeRessources::Fiche {
            ressource,
            out,
            force,
        } => {
            let trouvees = poste.store().trouver_ressource(&ressource)?;
            let r = match &trouvees[..] {
                [r] => r,
                [] => {
                    return Err(format!("aucune ressource n'a l'identifiant « {ressource} ».").into())
                }
                _ => {
                    return Err(format!(
                        "plusieurs ressources ont l'identifiant « {ressource} » : indiquez l'identifiant Binôme."
                    )
                    .into())
                }
            };
            services::ecrire_fiche(poste, r, &out, force)?;
            Ok(format!("Fiche écrite : {}", out.display()))
        }
        CommandeRessources::Habiliter {
            professionnel,
            profil,
        } => {
            let p = services::habiliter(
                poste,
                &professionnel,
                match profil {
                    Profil::Consultation => Habilitation::Consultation,
                    Profil::MiseAJour => Habilitation::MiseAJour,
                },
            )?;
            Ok(format!(
                "{} : profil « {} » sur la base de ressources.",
                p.nom_affiche(),
                p.habilitation
            ))
        }
    }
}

fn en_texte(r: &Resultats, c: &Criteres, territoire: &Referentiel) -> String {
    if r.total == 0 {
        let conseils = c.conseils();
        return if conseils.is_empty() {
            "Aucune ressource dans la base : importez-en avec « binome ressources import ».".into()
        } else {
            format!(
                "Aucune ressource ne correspond. Essayez : {}.",
                conseils.join(" ; ")
            )
        };
    }
    let mut l = vec![format!(
        "{} ressource(s) trouvée(s){}",
        r.total,
        if r.total > r.trouvees.len() {
            format!(", {} affichée(s)", r.trouvees.len())
        } else {
            String::new()
        }
    )];
    for t in &r.trouvees {
        let x = &t.ressource;
        let distance = t
            .distance_km
            .map(|d| format!(" — {}", distance_fr(d)))
            .unwrap_or_default();
        let ouvert = match t.ouverte {
            Some(true) => " — ouvert",
            Some(false) => " — fermé",
            None => "",
        };
        l.push(format!(
            "{} ({}, {}){distance}{ouvert}\n    {}{}",
            x.nom,
            x.structure,
            x.nom_commune(territoire),
            x.modalite.libelle(),
            if x.telephone.is_empty() {
                String::new()
            } else {
                format!(" — {}", x.telephone)
            }
        ));
    }
    if r.sans_coordonnees > 0 {
        l.push(format!(
            "{} ressource(s) sans adresse localisable ne sont pas comptées dans une recherche par distance.",
            r.sans_coordonnees
        ));
    }
    l.join("\n")
}

fn en_json(r: &Resultats, territoire: &Referentiel) -> String {
    let v: Vec<serde_json::Value> = r
        .trouvees
        .iter()
        .map(|t| {
            serde_json::json!({
                "id": t.ressource.id,
                "source": t.ressource.source,
                "source_id": t.ressource.source_id,
                "nom": t.ressource.nom,
                "structure": t.ressource.structure,
                "commune": t.ressource.commune,
                "nom_commune": t.ressource.nom_commune(territoire),
                "modalite": t.ressource.modalite.code(),
                "telephone": t.ressource.telephone,
                "cibles": t.ressource.cibles,
                "distance_km": t.distance_km,
                "ouverte": t.ouverte,
            })
        })
        .collect();
    serde_json::json!({ "total": r.total, "resultats": v }).to_string()
}
