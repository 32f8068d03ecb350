//! Les formulaires du dossier : la saisie, ses valeurs proposées, et pour chaque formulaire
//! la commande qu'il produit. Le domaine décide ensuite (et dit pourquoi s'il refuse).

use serde::{Deserialize, Serialize};

use crate::domain::date::{date_fr, lire_date, Jour};
use crate::domain::designation::pour_personne;
use crate::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use crate::domain::dossier::{
    Accord, AccordDepartement, BrancheDesignation, Canal, Cible, Commande, CompteRendu, Correction,
    Decision, DesignationReferent, Dossier, Evenement, MotifAnticipe, MotifSortie, ObjetFiche,
    Regles, Sorte, StatutAction,
};
use crate::domain::professionnel::{Membre, Role};
use crate::domain::structures::Structures;

/// Un formulaire du dossier : une intention du parcours (voir le domaine).
pub use crate::domain::dossier::Intention as Formulaire;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChoixDecision {
    Validation,
    SocialExclusif,
    ModalitePoleEmploi,
    AutreStructure,
}

impl ChoixDecision {
    pub const TOUS: [ChoixDecision; 4] = [
        ChoixDecision::Validation,
        ChoixDecision::SocialExclusif,
        ChoixDecision::ModalitePoleEmploi,
        ChoixDecision::AutreStructure,
    ];
}

impl std::fmt::Display for ChoixDecision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ChoixDecision::Validation => "Validation de l'accompagnement global",
            ChoixDecision::SocialExclusif => "Réorientation : accompagnement social exclusif",
            ChoixDecision::ModalitePoleEmploi => {
                "Réorientation : modalité d'accompagnement France Travail"
            }
            ChoixDecision::AutreStructure => "Réorientation : autre structure",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChoixMotif {
    RetourEmploi,
    EntreeFormation,
    CessationInscription,
    FinDeTerme,
    Autre,
    Anticipee(MotifAnticipe),
    DemandePersonne,
}

impl ChoixMotif {
    pub fn tous() -> Vec<ChoixMotif> {
        let mut v = vec![
            ChoixMotif::RetourEmploi,
            ChoixMotif::EntreeFormation,
            ChoixMotif::CessationInscription,
            ChoixMotif::FinDeTerme,
            ChoixMotif::DemandePersonne,
        ];
        v.extend(MotifAnticipe::TOUS.into_iter().map(ChoixMotif::Anticipee));
        v.push(ChoixMotif::Autre);
        v
    }
}

impl std::fmt::Display for ChoixMotif {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChoixMotif::RetourEmploi => f.write_str("Retour à l'emploi"),
            ChoixMotif::EntreeFormation => f.write_str("Entrée en formation"),
            ChoixMotif::CessationInscription => f.write_str("Cessation d'inscription"),
            ChoixMotif::FinDeTerme => f.write_str("Fin de terme"),
            ChoixMotif::Autre => f.write_str("Autre motif (à préciser)"),
            ChoixMotif::DemandePersonne => f.write_str("À la demande de la personne"),
            ChoixMotif::Anticipee(m) => write!(f, "Sortie anticipée : {}", m.libelle()),
        }
    }
}

/// Un choix de liste avec son libellé.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Option_ {
    pub code: String,
    pub libelle: String,
}

impl std::fmt::Display for Option_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.libelle)
    }
}

/// Une ligne du diagnostic : un besoin et son évaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LigneDiagnostic {
    pub besoin: String,
    pub situation: Situation,
    pub objectif: Objectif,
    pub confidentiel: bool,
    /// Ce qu'il faut savoir de ce besoin (un brouillon ancien n'en a pas).
    #[serde(default)]
    pub commentaire: String,
}

/// Comment l'accord du partenaire a été donné.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModePartenaire {
    CoSignature,
    HorsBinome,
    ParEchange,
}

/// L'accord du partenaire tel que saisi ; `Err` si la date est illisible.
pub fn partenaire(
    s: &Saisie,
) -> Result<Option<crate::services::accords::AccordPartenaire>, String> {
    use crate::services::accords::AccordPartenaire;
    Ok(match s.mode_partenaire {
        None => None,
        Some(ModePartenaire::CoSignature) => Some(AccordPartenaire::CoSignature {
            identifiant: s.partenaire_identifiant.trim().to_string(),
            mot_de_passe: s.partenaire_mot_de_passe.clone(),
        }),
        Some(ModePartenaire::ParEchange) => Some(AccordPartenaire::ParEchange),
        Some(ModePartenaire::HorsBinome) => Some(AccordPartenaire::HorsBinome {
            le: date(&s.hors_le, "Date de l'accord reçu hors Binôme")?,
            moyen: s.hors_moyen.trim().to_string(),
        }),
    })
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Saisie {
    pub date: String,
    /// Le texte principal : synthèse, motif, objet, commentaire ou intitulé de l'action.
    pub redaction: String,
    /// La précision : structure ou motif « autre », synthèse du volet d'une fiche.
    pub precision: String,
    /// L'action demandée par une fiche de liaison.
    pub action_demandee: String,
    pub duree_mois: String,
    pub accord_conseiller: bool,
    pub accord_referent: bool,
    /// Comment le partenaire du binôme a donné son accord.
    #[serde(default)]
    pub mode_partenaire: Option<ModePartenaire>,
    #[serde(default)]
    pub partenaire_identifiant: String,
    /// Jamais gardé dans un brouillon.
    #[serde(skip)]
    pub partenaire_mot_de_passe: String,
    #[serde(default)]
    pub hors_le: String,
    #[serde(default)]
    pub hors_moyen: String,
    /// La case du formulaire : fiche retournée signée, adhésion de la personne.
    pub confirmation: bool,
    pub role: Option<Role>,
    pub volet: Option<Volet>,
    pub objet: Option<ObjetFiche>,
    pub decision: Option<ChoixDecision>,
    /// Le consentement au partage : comment il a été recueilli, et ce qu'il couvre.
    #[serde(default)]
    pub moyen: Option<crate::domain::dossier::MoyenConsentement>,
    #[serde(default)]
    pub categories: Vec<crate::domain::dossier::CategorieSecret>,
    pub canal: Option<Canal>,
    pub motif: Option<ChoixMotif>,
    pub besoin: Option<Option_>,
    /// Le besoin que les flèches proposent d'ajouter au diagnostic (Entrée l'ajoute).
    #[serde(default)]
    pub besoin_propose: Option<Option_>,
    pub membre: Option<Membre>,
    pub echeance: String,
    pub diagnostic: Vec<LigneDiagnostic>,
    /// L'orientation en accompagnement social exclusif est proposée par les deux.
    #[serde(default)]
    pub coproposee: bool,
    /// Protocole de désignation : la branche suivie, la structure du référentiel (le nom
    /// est dans `precision`), l'accord du Département.
    #[serde(default)]
    pub branche: Option<BrancheDesignation>,
    #[serde(default)]
    pub structure: Option<String>,
    #[serde(default)]
    pub accord_par: String,
    #[serde(default)]
    pub accord_le: String,
    /// Point d'échanges : qui était là, ce qui a été décidé, les actions concernées.
    #[serde(default)]
    pub compte_rendu: CompteRendu,
    /// Les fiches, actions et points du dossier tels que le formulaire les a vus (numéro et
    /// identifiant) : si l'échange avec le binôme en renumérote un, le formulaire le suit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numeros_vus: Vec<(Sorte, u32, uuid::Uuid)>,
}

/// La structure que le protocole désigne pour cette branche, à la résidence de la personne.
pub fn structure_de_la_branche(
    b: BrancheDesignation,
    d: &Dossier,
    structures: &Structures,
) -> Option<(String, String)> {
    let commune = d.personne.commune.as_str();
    let t = match b {
        BrancheDesignation::PoleInsertion => structures.pole_de(commune),
        BrancheDesignation::Mds => structures.mds_de(commune),
        _ => None,
    }?;
    Some((t.code.clone(), t.nom.clone()))
}

impl Saisie {
    /// Les valeurs proposées à l'ouverture d'un formulaire : la date du jour, et pour un
    /// diagnostic, les besoins du précédent.
    pub fn pour(
        f: Formulaire,
        d: &Dossier,
        aujourdhui: Jour,
        utilisateur: Option<Role>,
        regles: Regles,
        structures: &Structures,
        visee: Option<&Evenement>,
    ) -> Saisie {
        let mut s = Saisie {
            date: date_fr(aujourdhui),
            role: utilisateur,
            duree_mois: match f {
                Formulaire::Reconduction => "6".into(),
                Formulaire::SocialExclusif => regles.duree_ase_mois.to_string(),
                _ => String::new(),
            },
            numeros_vus: d.numeros(),
            ..Saisie::default()
        };
        match f {
            Formulaire::Diagnostic(volet) => {
                s.volet = Some(volet);
                if let Some(precedent) = d.diagnostics.iter().rev().find(|x| x.volet == volet) {
                    s.diagnostic = precedent
                        .evaluations
                        .iter()
                        .map(|e| LigneDiagnostic {
                            besoin: e.besoin.clone(),
                            situation: e.situation,
                            objectif: e.objectif,
                            confidentiel: e.confidentiel,
                            commentaire: e.commentaire.clone(),
                        })
                        .collect();
                }
            }
            Formulaire::Fiche => s.objet = Some(d.objet_de_la_prochaine_fiche()),
            Formulaire::RetourFiche(_) => s.confirmation = true,
            Formulaire::Action => {
                s.volet = Some(utilisateur.map_or(Volet::Emploi, Volet::de));
            }
            Formulaire::Contact => s.canal = Some(Canal::Entretien),
            // Le terme est passé : la sortie proposée est la fin de terme.
            Formulaire::Cloture if d.terme().is_some_and(|t| t < aujourdhui) => {
                s.motif = Some(ChoixMotif::FinDeTerme)
            }
            Formulaire::TenirPoint(_) => {
                s.compte_rendu.participants.conseiller = true;
                s.compte_rendu.participants.referent = true;
            }
            // La date actuelle de l'entrée à rectifier.
            Formulaire::Rectifier(_) => {
                if let Some(j) = visee.and_then(Evenement::date) {
                    s.date = date_fr(j);
                }
            }
            Formulaire::Designation => {
                // La proposition du protocole pour la situation de la personne.
                let b = pour_personne(&d.personne, structures).branche();
                s.branche = Some(b);
                if let Some((code, nom)) = structure_de_la_branche(b, d, structures) {
                    s.structure = Some(code);
                    s.precision = nom;
                }
            }
            _ => {}
        }
        s
    }

    /// Le dossier a été relu (un paquet du binôme est arrivé, un brouillon est repris) : la
    /// fiche, le point et les actions du compte rendu que vise le formulaire gardent leur
    /// identifiant ; si l'échange les a renumérotés, le formulaire prend leur nouveau numéro.
    /// Rend ce qui a changé, en mots.
    pub fn suivre_les_numeros(&mut self, f: &mut Formulaire, d: &Dossier) -> Vec<String> {
        let vus = std::mem::replace(&mut self.numeros_vus, d.numeros());
        let devenu = |sorte, n| d.renumerote(&vus, sorte, n);
        let mut dits = Vec::new();
        match f {
            Formulaire::EnvoyerFiche(n) | Formulaire::RetourFiche(n) => {
                if let Some(m) = devenu(Sorte::Fiche, *n) {
                    dits.push(format!(
                        "la fiche de liaison n° {n} est maintenant la n° {m}"
                    ));
                    *n = m;
                }
            }
            Formulaire::TenirPoint(Some(n)) => {
                if let Some(m) = devenu(Sorte::Point, *n) {
                    dits.push(format!(
                        "le point d'échanges n° {n} est maintenant le n° {m}"
                    ));
                    *n = m;
                }
            }
            _ => {}
        }
        for a in &mut self.compte_rendu.actions {
            if let Some(m) = devenu(Sorte::Action, *a) {
                dits.push(format!("l'action n° {a} est maintenant la n° {m}"));
                *a = m;
            }
        }
        dits
    }
}

fn date(texte: &str, champ: &str) -> Result<Jour, String> {
    lire_date(texte).map_err(|e| format!("{champ} : {e}"))
}

fn accord(s: &Saisie) -> Accord {
    Accord {
        conseiller: s.accord_conseiller,
        referent: s.accord_referent,
        // Attribués par la session à l'enregistrement (connecté, co-signature, hors Binôme).
        par_conseiller: None,
        par_referent: None,
    }
}

fn mois(s: &Saisie) -> Result<u32, String> {
    s.duree_mois
        .trim()
        .parse()
        .map_err(|_| "Durée : saisissez un nombre de mois, par exemple 6.".to_string())
}

fn decision(c: ChoixDecision, s: &Saisie) -> Decision {
    match c {
        ChoixDecision::Validation => Decision::Validation,
        ChoixDecision::SocialExclusif => Decision::Reorientation(Cible::SocialExclusif),
        ChoixDecision::ModalitePoleEmploi => Decision::Reorientation(Cible::ModalitePoleEmploi),
        ChoixDecision::AutreStructure => {
            Decision::Reorientation(Cible::AutreStructure(s.precision.trim().to_string()))
        }
    }
}

/// La commande que produit le formulaire, ou ce qui manque dans la saisie.
pub fn commande(f: Formulaire, s: &Saisie) -> Result<Commande, String> {
    let le = |champ| date(&s.date, champ);
    Ok(match f {
        Formulaire::Diagnostic(volet) => Commande::EnregistrerDiagnostic(Diagnostic {
            volet,
            date: le("Date de l'entretien")?,
            synthese: s.redaction.trim().to_string(),
            evaluations: s
                .diagnostic
                .iter()
                .filter(|l| {
                    l.situation != Situation::NonAbordee || l.objectif != Objectif::NonAborde
                })
                .map(|l| Evaluation {
                    besoin: l.besoin.clone(),
                    situation: l.situation,
                    objectif: l.objectif,
                    commentaire: l.commentaire.trim().to_string(),
                    confidentiel: l.confidentiel,
                })
                .collect(),
        }),
        Formulaire::Rectifier(cible) => Commande::Rectifier {
            cible,
            correction: if s.confirmation {
                Correction::Annulation
            } else if let Some(c) = s.decision {
                Correction::Decision(decision(c, s))
            } else {
                Correction::Date(le("Nouvelle date")?)
            },
            motif: s.redaction.clone(),
        },
        Formulaire::Designation => {
            let branche = s.branche.ok_or("Choisissez la branche du protocole.")?;
            let accord = if branche == BrancheDesignation::AccordDepartement {
                Some(AccordDepartement {
                    le: date(&s.accord_le, "Date de l'accord du Département")?,
                    par: s.accord_par.trim().to_string(),
                })
            } else {
                None
            };
            Commande::EnregistrerDesignation(DesignationReferent {
                date: le("Date")?,
                branche,
                structure: s.structure.clone().filter(|_| {
                    matches!(
                        branche,
                        BrancheDesignation::PoleInsertion | BrancheDesignation::Mds
                    )
                }),
                nom_structure: s.precision.trim().to_string(),
                accord,
            })
        }
        Formulaire::Designer(_) => Commande::AffecterMembre {
            membre: s
                .membre
                .clone()
                .ok_or("Choisissez le professionnel dans la liste.")?,
            date: le("Date")?,
        },
        Formulaire::Fiche => Commande::CreerFiche {
            emetteur: s.role.ok_or("Indiquez qui adresse la fiche.")?,
            objet: s.objet.ok_or("Choisissez l'objet de la fiche.")?,
            date: le("Date")?,
            motif: s.redaction.clone(),
            synthese: s.precision.clone(),
            action_demandee: s.action_demandee.clone(),
        },
        Formulaire::EnvoyerFiche(numero) => Commande::EnvoyerFiche {
            numero,
            date: le("Date d'envoi")?,
        },
        Formulaire::RetourFiche(numero) => Commande::EnregistrerRetourFiche {
            numero,
            date: le("Date du retour")?,
            signee: s.confirmation,
            commentaire: s.redaction.clone(),
        },
        Formulaire::Concertation => Commande::TenirConcertation {
            date: le("Date du temps de concertation")?,
            decision: decision(s.decision.ok_or("Choisissez la décision.")?, s),
            accord: accord(s),
            commentaire: s.redaction.clone(),
        },
        Formulaire::Action => Commande::AjouterAction {
            volet: s.volet.ok_or("Choisissez le volet.")?,
            libelle: s.redaction.clone(),
            porteur: s.role.ok_or("Indiquez qui porte l'action.")?,
            date: le("Date")?,
            echeance: if s.echeance.trim().is_empty() {
                None
            } else {
                Some(date(&s.echeance, "Échéance")?)
            },
            besoin: s.besoin.as_ref().map(|b| b.code.clone()),
        },
        Formulaire::Initialisation => Commande::RealiserInitialisation {
            date: le("Date de l'entretien")?,
        },
        Formulaire::Signature => Commande::SignerContrat {
            date: le("Date de signature")?,
        },
        Formulaire::Reconduction => Commande::Reconduire {
            date: le("Date de la décision")?,
            mois: mois(s)?,
            accord: accord(s),
        },
        Formulaire::PlanifierPoint => Commande::PlanifierPoint {
            date_prevue: le("Date prévue")?,
            objet: s.redaction.clone(),
        },
        Formulaire::TenirPoint(numero) => Commande::TenirPoint {
            numero,
            date: le("Date")?,
            synthese: s.redaction.clone(),
            compte_rendu: s.compte_rendu.clone(),
        },
        Formulaire::Consentement => {
            Commande::RecueillirConsentement(crate::domain::dossier::Consentement {
                date: le("Date du recueil")?,
                moyen: s
                    .moyen
                    .ok_or("Choisissez comment le consentement a été recueilli.")?,
                categories: s.categories.clone(),
                document: Some(s.precision.clone()),
                revoque_le: None,
            })
        }
        Formulaire::RevoquerConsentement => Commande::RevoquerConsentement {
            date: le("Date de la révocation")?,
        },
        Formulaire::Contact => Commande::EnregistrerContact {
            date: le("Date du contact")?,
            canal: s.canal.ok_or("Choisissez le canal.")?,
            role: s.role.ok_or("Indiquez qui a eu le contact.")?,
            objet: s.redaction.clone(),
        },
        Formulaire::SocialExclusif => Commande::OrienterSocialExclusif {
            date: le("Date")?,
            adhesion: s.confirmation,
            mois: mois(s)?,
            propose_par: s.role.ok_or("Indiquez qui propose l'orientation.")?,
            coproposee: s.coproposee,
            accord: accord(s),
        },
        Formulaire::RetourGlobal => Commande::RevenirAccompagnementGlobal {
            date: le("Date de la décision")?,
            accord: accord(s),
        },
        Formulaire::Cloture => Commande::Cloturer {
            date: le("Date de sortie")?,
            motif: match s.motif.ok_or("Choisissez le motif de sortie.")? {
                ChoixMotif::RetourEmploi => MotifSortie::RetourEmploi,
                ChoixMotif::EntreeFormation => MotifSortie::EntreeFormation,
                ChoixMotif::CessationInscription => MotifSortie::CessationInscription,
                ChoixMotif::FinDeTerme => MotifSortie::FinDeTerme,
                ChoixMotif::Autre => MotifSortie::Autre(s.precision.trim().to_string()),
                ChoixMotif::Anticipee(m) => MotifSortie::Anticipee(m),
                ChoixMotif::DemandePersonne => MotifSortie::DemandePersonne,
            },
            accord: accord(s),
            commentaire: s.redaction.clone(),
        },
    })
}

/// Libellés des statuts d'action proposés dans le carnet de route.
pub const STATUTS: [StatutAction; 5] = [
    StatutAction::AFaire,
    StatutAction::EnCours,
    StatutAction::Realisee,
    StatutAction::NonRealisee,
    StatutAction::Abandonnee,
];
