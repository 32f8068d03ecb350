//! `binome professionnels` : l'annuaire des professionnels du poste (conseillers dédiés,
//! référents sociaux), pour constituer les binômes sans données de démonstration.

use clap::{Args, Subcommand};

use super::{ErreurCli, ValeurRefusee};
use crate::domain::personne::Civilite;
use crate::domain::professionnel::{FicheProfessionnel, Professionnel, Role};
use crate::services::Poste;

#[derive(Debug, Args)]
pub struct ArgsProfessionnels {
    #[command(subcommand)]
    pub action: ActionProfessionnels,
}

#[derive(Debug, Subcommand)]
pub enum ActionProfessionnels {
    /// Liste l'annuaire : nom, rôle, structure, coordonnées
    Lister,
    /// Ajoute un professionnel
    Ajouter(ArgsFiche),
    /// Modifie un professionnel (seuls les champs donnés changent)
    Modifier {
        /// Le professionnel : « Prénom NOM » ou son identifiant
        qui: String,
        #[command(flatten)]
        fiche: ArgsFiche,
    },
}

#[derive(Debug, Args)]
pub struct ArgsFiche {
    /// madame ou monsieur
    #[arg(long, value_parser = civilite)]
    pub civilite: Option<Civilite>,
    /// Nom d'usage
    #[arg(long)]
    pub nom: Option<String>,
    /// Prénom
    #[arg(long)]
    pub prenom: Option<String>,
    /// conseiller (dédié) ou referent (social)
    #[arg(long, value_parser = role)]
    pub role: Option<Role>,
    /// Code de l'agence, du pôle d'insertion ou de la MDS (voir le référentiel)
    #[arg(long, value_name = "CODE")]
    pub structure: Option<String>,
    /// Nom d'une structure partenaire hors référentiel (référent social)
    #[arg(long, value_name = "NOM")]
    pub partenaire: Option<String>,
    /// Périmètre d'un conseiller : communes séparées par des virgules (par défaut, son agence)
    #[arg(long, value_name = "COMMUNES")]
    pub perimetre: Option<String>,
    /// Téléphone
    #[arg(long)]
    pub telephone: Option<String>,
    /// Courriel
    #[arg(long)]
    pub courriel: Option<String>,
}

fn civilite(t: &str) -> Result<Civilite, ValeurRefusee> {
    match t.trim().to_lowercase().as_str() {
        "madame" | "mme" => Ok(Civilite::Madame),
        "monsieur" | "m" | "m." => Ok(Civilite::Monsieur),
        autre => Err(ValeurRefusee(format!("« {autre} » : madame ou monsieur."))),
    }
}

fn role(t: &str) -> Result<Role, ValeurRefusee> {
    match t.trim().to_lowercase().as_str() {
        "conseiller" => Ok(Role::Conseiller),
        "referent" | "référent" => Ok(Role::Referent),
        autre => Err(ValeurRefusee(format!(
            "« {autre} » : conseiller ou referent."
        ))),
    }
}

impl ArgsFiche {
    /// La fiche, partant de `f`, avec les champs donnés remplacés.
    fn appliquer(self, mut f: FicheProfessionnel) -> FicheProfessionnel {
        let remplacer = |champ: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *champ = v;
            }
        };
        if self.civilite.is_some() {
            f.civilite = self.civilite;
        }
        if self.role.is_some() {
            f.role = self.role;
        }
        remplacer(&mut f.nom, self.nom);
        remplacer(&mut f.prenom, self.prenom);
        if let Some(s) = self.structure {
            f.structure = s;
            f.partenaire.clear();
        }
        if let Some(p) = self.partenaire {
            f.partenaire = p;
            f.structure.clear();
        }
        remplacer(&mut f.perimetre, self.perimetre);
        remplacer(&mut f.telephone, self.telephone);
        remplacer(&mut f.courriel, self.courriel);
        f
    }
}

pub fn executer(args: ArgsProfessionnels, poste: &Poste) -> Result<String, ErreurCli> {
    let mut store = poste.store();
    let referentiel = poste.referentiel();
    let ligne = |p: &Professionnel| {
        let coordonnees = p.coordonnees();
        format!(
            "{} — {} — {}{}",
            p.nom_affiche(),
            p.role().libelle(),
            p.structure(referentiel),
            if coordonnees.is_empty() {
                String::new()
            } else {
                format!(" — {}", coordonnees.join(", "))
            }
        )
    };
    let (fiche, existant) = match args.action {
        ActionProfessionnels::Lister => {
            let mut pros = store.professionnels()?;
            pros.sort_by_key(|p| (p.role(), p.nom.to_uppercase(), p.prenom.clone()));
            if pros.is_empty() {
                return Ok("L'annuaire est vide : « binome professionnels ajouter » y ajoute un professionnel.".into());
            }
            return Ok(pros.iter().map(ligne).collect::<Vec<_>>().join("\n"));
        }
        ActionProfessionnels::Ajouter(a) => (a.appliquer(FicheProfessionnel::default()), None),
        ActionProfessionnels::Modifier { qui, fiche } => {
            let cherche = crate::domain::texte::normaliser(qui.trim());
            let pros = store.professionnels()?;
            let trouves: Vec<&Professionnel> = pros
                .iter()
                .filter(|p| {
                    p.id.to_string() == qui.trim()
                        || crate::domain::texte::normaliser(&p.nom_affiche()) == cherche
                })
                .collect();
            let p = match trouves.as_slice() {
                [p] => (*p).clone(),
                [] => {
                    return Err(format!(
                        "aucun professionnel ne s'appelle « {} » (voir « binome professionnels lister »).",
                        qui.trim()
                    )
                    .into())
                }
                _ => {
                    return Err(format!(
                        "plusieurs professionnels s'appellent « {} » : donnez son identifiant.",
                        qui.trim()
                    )
                    .into())
                }
            };
            (fiche.appliquer(FicheProfessionnel::de(&p)), Some(p))
        }
    };
    let id = existant.as_ref().map_or_else(uuid::Uuid::new_v4, |p| p.id);
    let habilitation = existant.map(|p| p.habilitation).unwrap_or_default();
    let p = fiche
        .professionnel(id, habilitation, referentiel)
        .map_err(|e| {
            e.iter()
                .map(|x| format!("--{} : {}", x.champ.replace('_', "-"), x.message))
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    if let Some(autre) = p.doublon(&store.professionnels()?) {
        return Err(format!(
            "{} est déjà dans l'annuaire ({}) : modifiez-le plutôt que de l'ajouter une seconde fois.",
            autre.nom_affiche(),
            autre.structure(referentiel)
        )
        .into());
    }
    crate::services::poste::controler_affectation(poste, &store, &p)?;
    store.enregistrer_professionnel(&p, &poste.auteur(), poste.ctx())?;
    Ok(format!("Enregistré dans l'annuaire : {}", ligne(&p)))
}
