//! Ce qu'un professionnel peut faire ensuite sur un dossier : chaque intention du parcours,
//! et pour celle qui est impossible aujourd'hui, le refus de la convention. L'écran affiche
//! cette liste ; il ne la calcule pas.

use serde::{Deserialize, Serialize};

use super::Suite;
use super::{decider, Accord, Canal, Commande, Contexte, Decision, Dossier, MotifSortie};
use crate::domain::diagnostic::{Diagnostic, Volet};
use crate::domain::professionnel::Role;
use crate::domain::Refus;

/// Une action du parcours qu'un professionnel peut entreprendre (un formulaire à remplir).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Intention {
    Diagnostic(Volet),
    /// Le protocole de désignation du référent social.
    Designation,
    Designer(Role),
    Fiche,
    EnvoyerFiche(u32),
    RetourFiche(u32),
    Concertation,
    Action,
    Initialisation,
    Signature,
    Reconduction,
    PlanifierPoint,
    TenirPoint(Option<u32>),
    Contact,
    SocialExclusif,
    RetourGlobal,
    Cloture,
    /// Rectifier l'entrée n° … de la chronologie (sa dernière rectification s'il y en a).
    Rectifier(u64),
    /// Le consentement de la personne au partage, et sa révocation.
    Consentement,
    RevoquerConsentement,
}

impl Intention {
    pub fn titre(self) -> String {
        match self {
            Intention::Diagnostic(v) => format!("Diagnostic {}", v.libelle()),
            Intention::Designation => "Protocole de désignation du référent".into(),
            Intention::Designer(r) => format!("Désigner le {}", r.libelle()),
            Intention::Fiche => "Rédiger une fiche de liaison".into(),
            Intention::EnvoyerFiche(n) => format!("Envoyer la fiche de liaison n° {n}"),
            Intention::RetourFiche(n) => {
                format!("Enregistrer le retour de la fiche de liaison n° {n}")
            }
            Intention::Concertation => "Temps de concertation".into(),
            Intention::Action => "Ajouter une action au carnet de route".into(),
            Intention::Initialisation => "Entretien n°2 d'initialisation".into(),
            Intention::Signature => "Signer le contrat".into(),
            Intention::Reconduction => "Reconduire l'accompagnement".into(),
            Intention::PlanifierPoint => "Planifier un point d'échanges".into(),
            Intention::TenirPoint(Some(n)) => format!("Enregistrer le point d'échanges n° {n}"),
            Intention::TenirPoint(None) => "Enregistrer un point d'échanges".into(),
            Intention::Contact => "Enregistrer un contact".into(),
            Intention::SocialExclusif => "Orienter en accompagnement social exclusif".into(),
            Intention::RetourGlobal => "Revenir en accompagnement global".into(),
            Intention::Cloture => "Clôturer le dossier".into(),
            Intention::Rectifier(n) => format!("Rectifier l'entrée n° {n}"),
            Intention::Consentement => "Enregistrer le consentement au partage".into(),
            Intention::RevoquerConsentement => "Révoquer le consentement au partage".into(),
        }
    }

    /// L'intention qui accomplit l'étape attendue.
    pub fn de_la_suite(s: Suite) -> Option<Intention> {
        Some(match s {
            Suite::Designation => Intention::Designation,
            Suite::DesignerMembre(r) => Intention::Designer(r),
            Suite::EntretienN1(v) => Intention::Diagnostic(v),
            Suite::RedigerOrientation | Suite::RedigerRetour => Intention::Fiche,
            Suite::EnvoyerFiche(n) => Intention::EnvoyerFiche(n),
            Suite::EnregistrerRetour(n) => Intention::RetourFiche(n),
            Suite::TenirConcertation => Intention::Concertation,
            Suite::OrienterSocialExclusif => Intention::SocialExclusif,
            Suite::CompleterCarnet(_) => Intention::Action,
            Suite::EntretienInitialisation => Intention::Initialisation,
            Suite::SignerContrat => Intention::Signature,
            Suite::Accompagner => Intention::Contact,
            Suite::Aucune => return None,
        })
    }
}

/// La partie du dossier où une intention se trouve : on la cherche là où l'on lit ce
/// qu'elle modifie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rubrique {
    Diagnostic,
    Fiches,
    Concertation,
    Contrat,
    Carnet,
    Suivi,
    Cloture,
}

impl Intention {
    pub fn rubrique(self) -> Rubrique {
        match self {
            Intention::Diagnostic(_) | Intention::Designation | Intention::Designer(_) => {
                Rubrique::Diagnostic
            }
            Intention::Fiche | Intention::EnvoyerFiche(_) | Intention::RetourFiche(_) => {
                Rubrique::Fiches
            }
            Intention::Concertation | Intention::SocialExclusif | Intention::RetourGlobal => {
                Rubrique::Concertation
            }
            Intention::Initialisation
            | Intention::Signature
            | Intention::Reconduction
            | Intention::Consentement
            | Intention::RevoquerConsentement => Rubrique::Contrat,
            Intention::Action => Rubrique::Carnet,
            Intention::Contact | Intention::PlanifierPoint | Intention::TenirPoint(_) => {
                Rubrique::Suivi
            }
            Intention::Cloture | Intention::Rectifier(_) => Rubrique::Cloture,
        }
    }
}

/// Une intention et, si elle est impossible, pourquoi.
#[derive(Debug, Clone, PartialEq)]
pub struct Possibilite {
    pub intention: Intention,
    pub refus: Option<Refus>,
}

/// Les intentions proposées sur ce dossier à ce professionnel ce jour-là, dans l'ordre du
/// parcours, chacune avec le refus de la convention si elle n'est pas possible.
pub fn possibles(d: &Dossier, role: Role, ctx: &Contexte) -> Vec<Possibilite> {
    let mut v = vec![
        Intention::Diagnostic(Volet::Emploi),
        Intention::Diagnostic(Volet::Social),
    ];
    if d.referent.is_none() {
        v.push(Intention::Designation);
    }
    for r in [Role::Conseiller, Role::Referent] {
        let a_remplacer = r == Role::Conseiller && d.conseiller_hors_perimetre();
        if d.membre(r).is_none() || a_remplacer {
            v.push(Intention::Designer(r));
        }
    }
    v.push(Intention::Fiche);
    for f in &d.fiches {
        if f.envoyee_le.is_none() {
            v.push(Intention::EnvoyerFiche(f.numero));
        } else if f.retournee_le.is_none() {
            v.push(Intention::RetourFiche(f.numero));
        }
    }
    v.extend([
        Intention::Concertation,
        Intention::Action,
        Intention::Initialisation,
        Intention::Signature,
        Intention::Consentement,
        Intention::Contact,
        Intention::PlanifierPoint,
    ]);
    for p in d.points.iter().filter(|p| p.tenu_le.is_none()) {
        v.push(Intention::TenirPoint(Some(p.numero)));
    }
    v.extend([
        Intention::TenirPoint(None),
        Intention::Reconduction,
        Intention::SocialExclusif,
    ]);
    if d.social_exclusif.is_some() && d.cloture.is_none() {
        v.push(Intention::RetourGlobal);
    }
    if d.consentement().is_some() {
        v.push(Intention::RevoquerConsentement);
    }
    v.push(Intention::Cloture);
    v.into_iter()
        .map(|intention| Possibilite {
            intention,
            refus: refus(d, intention, role, ctx),
        })
        .collect()
}

/// Le refus des règles du parcours, pour une saisie complète faite aujourd'hui. Ce qui ne
/// dépend que de la saisie (un champ vide) ne rend pas l'intention impossible.
fn refus(d: &Dossier, intention: Intention, role: Role, ctx: &Contexte) -> Option<Refus> {
    let date = ctx.aujourdhui;
    let accord = Accord::CONJOINT;
    let texte = || "—".to_string();
    let c = match intention {
        // Le choix du professionnel ne se devine pas : seul l'état compte ici.
        Intention::Rectifier(_) => return None,
        Intention::Designer(_) | Intention::Designation => {
            return d
                .cloture
                .as_ref()
                .map(|c| Refus::DossierCloture { depuis: c.date })
        }
        Intention::Diagnostic(volet) => Commande::EnregistrerDiagnostic(Diagnostic {
            volet,
            date,
            synthese: texte(),
            evaluations: Vec::new(),
        }),
        Intention::Fiche => Commande::CreerFiche {
            emetteur: role,
            objet: d.objet_de_la_prochaine_fiche(),
            date,
            motif: texte(),
            synthese: texte(),
            action_demandee: texte(),
        },
        Intention::EnvoyerFiche(numero) => Commande::EnvoyerFiche { numero, date },
        Intention::Consentement => Commande::RecueillirConsentement(super::Consentement {
            date,
            moyen: super::MoyenConsentement::ContratSigne,
            categories: vec![super::CategorieSecret::SituationProfessionnelle],
            document: None,
            revoque_le: None,
        }),
        Intention::RevoquerConsentement => Commande::RevoquerConsentement { date },
        Intention::RetourFiche(numero) => Commande::EnregistrerRetourFiche {
            numero,
            date,
            signee: true,
            commentaire: String::new(),
        },
        Intention::Concertation => Commande::TenirConcertation {
            date,
            decision: Decision::Validation,
            accord,
            commentaire: String::new(),
        },
        Intention::Action => Commande::AjouterAction {
            volet: Volet::de(role),
            libelle: texte(),
            porteur: role,
            date,
            echeance: None,
            besoin: None,
        },
        Intention::Initialisation => Commande::RealiserInitialisation { date },
        Intention::Signature => Commande::SignerContrat { date },
        Intention::Reconduction => Commande::Reconduire {
            date,
            mois: 6,
            accord,
        },
        Intention::PlanifierPoint => Commande::PlanifierPoint {
            date_prevue: date,
            objet: texte(),
        },
        Intention::TenirPoint(numero) => Commande::TenirPoint {
            numero,
            date,
            synthese: texte(),
            compte_rendu: Default::default(),
        },
        Intention::Contact => Commande::EnregistrerContact {
            date,
            canal: Canal::Entretien,
            role,
            objet: texte(),
        },
        Intention::SocialExclusif => Commande::OrienterSocialExclusif {
            date,
            adhesion: true,
            mois: 6,
            propose_par: role,
            coproposee: false,
            accord,
        },
        Intention::RetourGlobal => Commande::RevenirAccompagnementGlobal { date, accord },
        Intention::Cloture => Commande::Cloturer {
            date,
            motif: MotifSortie::DemandePersonne,
            accord,
            commentaire: String::new(),
        },
    };
    decider(Some(d), &c, ctx)
        .err()
        .filter(|r| !matches!(r, Refus::DiagnosticVide | Refus::ChampVide { .. }))
}
