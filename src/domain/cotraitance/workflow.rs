//! Les transitions de la cotraitance : chaque commande est gardée par l'accord-cadre, et
//! chaque refus dit quoi faire.

use serde::{Deserialize, Serialize};

use super::refus::RefusCotraitance as R;
use super::types::*;
use super::{Affectation, Cotraitance, Jeune};
use crate::domain::date::Jour;

/// Une mission locale du référentiel des structures : son territoire est une liste de
/// communes (codes INSEE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionLocale {
    pub code: String,
    pub nom: String,
    pub communes: Vec<String>,
}

/// Ce que la région et le poste règlent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Regles {
    /// Les critères d'affectation ajoutés par la région (codes).
    pub criteres_regionaux: Vec<String>,
    /// Au-delà, l'acceptation qui se fait attendre est signalée (la source ne fixe aucun
    /// délai).
    pub seuil_acceptation_jours: i64,
    pub seuil_initialisation_jours: i64,
    /// Les objectifs annuels des missions locales (avenant d'octobre, répartition connue
    /// avant le 31 mars).
    pub objectifs: Vec<super::indicateurs::Objectif>,
    /// DE2 et DE3 saisis, par année.
    pub saisies: Vec<super::indicateurs::Saisie>,
}

impl Default for Regles {
    fn default() -> Self {
        Regles {
            criteres_regionaux: Vec::new(),
            seuil_acceptation_jours: 15,
            seuil_initialisation_jours: 30,
            objectifs: Vec::new(),
            saisies: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Contexte<'a> {
    pub aujourdhui: Jour,
    pub regles: &'a Regles,
    pub missions_locales: &'a [MissionLocale],
}

impl Contexte<'_> {
    fn mission_locale(&self, code: &str) -> Result<&MissionLocale, R> {
        self.missions_locales
            .iter()
            .find(|m| m.code == code)
            .ok_or_else(|| R::MissionLocaleInconnue(code.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Commande {
    Affecter {
        jeune: Jeune,
        mission_locale: String,
        criteres: Vec<Critere>,
        parcours: ParcoursPoleEmploi,
        suivi: SuiviExistant,
        /// Le conseiller a lu l'avertissement (CIVIS) et affecte quand même.
        confirme: bool,
        date: Jour,
    },
    Accepter {
        date: Jour,
    },
    Initialiser {
        date: Jour,
        contact: PremierContact,
    },
    ChangerInscription {
        statut: StatutInscription,
        date: Jour,
    },
    NoterEntretien {
        date: Jour,
    },
    NoterIndisponibilite(Periode),
    LeverAlerte {
        motif: MotifAlerte,
        detail: String,
        date: Jour,
    },
    DeciderAlerte {
        decision: DecisionAlerte,
        date: Jour,
    },
    NoterDemenagement {
        commune: String,
        date: Jour,
    },
    /// Une sortie décidée par Pôle emploi hors alerte (retour à l'emploi).
    Sortir {
        motif: MotifSortie,
        date: Jour,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evenement {
    Affecte {
        jeune: Jeune,
        affectation: Affectation,
    },
    Accepte {
        date: Jour,
    },
    Initialise {
        date: Jour,
        contact: PremierContact,
    },
    InscriptionChangee {
        date: Jour,
        statut: StatutInscription,
    },
    EntretienTenu {
        date: Jour,
    },
    IndisponibiliteNotee(Periode),
    AlerteLevee {
        date: Jour,
        motif: MotifAlerte,
        detail: String,
    },
    AlerteDecidee {
        date: Jour,
        decision: DecisionAlerte,
    },
    Demenage {
        date: Jour,
        commune: String,
        hors_territoire: bool,
    },
    SortieDecidee(Sortie),
}

/// Le type d'un événement de cotraitance au journal commence ainsi : le journal des
/// dossiers d'accompagnement global et celui des cotraitances se distinguent par lui.
pub const PREFIXE_TYPE: &str = "cotraitance.";

impl Evenement {
    /// Le type au journal (`cotraitance.Affecte`…).
    pub fn type_(&self) -> &'static str {
        use Evenement as E;
        match self {
            E::Affecte { .. } => "cotraitance.Affecte",
            E::Accepte { .. } => "cotraitance.Accepte",
            E::Initialise { .. } => "cotraitance.Initialise",
            E::InscriptionChangee { .. } => "cotraitance.InscriptionChangee",
            E::EntretienTenu { .. } => "cotraitance.EntretienTenu",
            E::IndisponibiliteNotee(_) => "cotraitance.IndisponibiliteNotee",
            E::AlerteLevee { .. } => "cotraitance.AlerteLevee",
            E::AlerteDecidee { .. } => "cotraitance.AlerteDecidee",
            E::Demenage { .. } => "cotraitance.Demenage",
            E::SortieDecidee(_) => "cotraitance.SortieDecidee",
        }
    }

    /// Ce que la chronologie en dit, en une ligne.
    pub fn libelle(&self) -> String {
        use crate::domain::date::date_fr;
        use Evenement as E;
        match self {
            E::Affecte { affectation, .. } => format!(
                "Affecté à la mission locale, {} critère(s){}",
                affectation.criteres.len(),
                if affectation.civis { ", en CIVIS" } else { "" }
            ),
            E::Accepte { .. } => "Affectation acceptée par la mission locale".into(),
            E::Initialise { contact, .. } => format!(
                "Parcours initialisé : {}",
                match contact {
                    PremierContact::Atelier => "atelier",
                    PremierContact::EntretienIndividuel => "entretien individuel",
                    PremierContact::EntretienCollectif => "entretien collectif",
                }
            ),
            E::InscriptionChangee { statut, .. } => {
                format!("Statut d'inscription : {}", statut.libelle())
            }
            E::EntretienTenu { .. } => "Entretien à la mission locale".into(),
            E::IndisponibiliteNotee(p) => format!(
                "Indisponibilité ({}) du {} au {}",
                p.motif.libelle(),
                date_fr(p.debut),
                date_fr(p.fin)
            ),
            E::AlerteLevee { motif, detail, .. } => {
                format!("Alerte levée : {} — {detail}", motif.libelle())
            }
            E::AlerteDecidee { decision, .. } => {
                format!("Alerte décidée : {}", decision.libelle())
            }
            E::Demenage {
                commune,
                hors_territoire,
                ..
            } => format!(
                "Déménagement ({commune}){}",
                if *hors_territoire {
                    " hors du territoire"
                } else {
                    ""
                }
            ),
            E::SortieDecidee(s) => format!("Sortie : {}", s.motif.libelle()),
        }
    }

    pub fn date(&self) -> Jour {
        use Evenement as E;
        match self {
            E::Affecte { affectation, .. } => affectation.date,
            E::Accepte { date }
            | E::Initialise { date, .. }
            | E::InscriptionChangee { date, .. }
            | E::EntretienTenu { date }
            | E::AlerteLevee { date, .. }
            | E::AlerteDecidee { date, .. }
            | E::Demenage { date, .. } => *date,
            E::IndisponibiliteNotee(p) => p.debut,
            E::SortieDecidee(s) => s.dernier_jour,
        }
    }
}

impl Commande {
    pub fn nom(&self) -> &'static str {
        match self {
            Commande::Affecter { .. } => "Affecter à la mission locale",
            Commande::Accepter { .. } => "Accepter l'affectation",
            Commande::Initialiser { .. } => "Initialiser le parcours",
            Commande::ChangerInscription { .. } => "Changer le statut d'inscription",
            Commande::NoterEntretien { .. } => "Noter un entretien",
            Commande::NoterIndisponibilite(_) => "Noter une indisponibilité",
            Commande::LeverAlerte { .. } => "Lever une alerte",
            Commande::DeciderAlerte { .. } => "Décider de l'alerte",
            Commande::NoterDemenagement { .. } => "Noter un déménagement",
            Commande::Sortir { .. } => "Mettre fin à la cotraitance",
        }
    }

    /// Qui peut la passer : Pôle emploi affecte, tient l'inscription, décide les alertes et
    /// les sorties ; le responsable de la mission locale accepte ; la mission locale suit.
    fn autorise(&self, par: Acteur) -> Result<(), R> {
        let (attendu, ok) = match self {
            Commande::Affecter { .. }
            | Commande::ChangerInscription { .. }
            | Commande::DeciderAlerte { .. }
            | Commande::Sortir { .. } => (
                Acteur::ConseillerPoleEmploi.libelle(),
                par == Acteur::ConseillerPoleEmploi,
            ),
            Commande::Accepter { .. } => (
                Acteur::ResponsableCotraitance.libelle(),
                par == Acteur::ResponsableCotraitance,
            ),
            Commande::Initialiser { .. }
            | Commande::NoterEntretien { .. }
            | Commande::NoterIndisponibilite(_)
            | Commande::LeverAlerte { .. } => ("la mission locale", par.est_mission_locale()),
            Commande::NoterDemenagement { .. } => ("", true),
        };
        if ok {
            Ok(())
        } else {
            Err(R::Acteur {
                action: self.nom(),
                attendu,
                par: par.libelle(),
            })
        }
    }
}

fn dater(date: Jour, ctx: &Contexte, apres: &[(&'static str, Jour)]) -> Result<(), R> {
    if date > ctx.aujourdhui {
        return Err(R::DateFuture { date });
    }
    for (quoi, reference) in apres {
        if date < *reference {
            return Err(R::DateAnterieure {
                date,
                quoi,
                reference: *reference,
            });
        }
    }
    Ok(())
}

/// Accepte ou refuse une commande passée par `par` sur la cotraitance d'un jeune (`None` :
/// pas encore affecté).
pub fn decider(
    c: Option<&Cotraitance>,
    commande: &Commande,
    par: Acteur,
    ctx: &Contexte,
) -> Result<Evenement, R> {
    commande.autorise(par)?;
    let c = match (c, commande) {
        (None, Commande::Affecter { .. }) => return affecter(commande, ctx),
        (Some(_), Commande::Affecter { .. }) => return Err(R::DejaFait("L'affectation")),
        (None, _) => {
            return Err(R::Etat {
                action: commande.nom(),
                etat: "pas encore affecté".into(),
            })
        }
        (Some(c), _) => c,
    };
    let affectation = ("l'affectation", c.affectation.date);
    let dernier = ("le dernier fait enregistré", c.dernier_fait);
    // L'état au jour de la commande : rien ne se fait après une sortie ou une annulation.
    let en_cours = |action: &'static str, date: Jour| {
        let etat = c.etat_au(date);
        if etat.en_cours() {
            Ok(etat)
        } else {
            Err(R::Etat {
                action,
                etat: etat.libelle(),
            })
        }
    };
    let initialise = |action: &'static str| {
        c.initialise_le().ok_or(R::Etat {
            action,
            etat: c.etat_au(ctx.aujourdhui).libelle(),
        })
    };
    let nom = commande.nom();
    match commande {
        Commande::Affecter { .. } => Err(R::DejaFait("L'affectation")),
        Commande::Accepter { date } => {
            if c.acceptation.is_some() {
                return Err(R::DejaFait("L'acceptation"));
            }
            dater(*date, ctx, &[affectation])?;
            en_cours(nom, *date)?;
            Ok(Evenement::Accepte { date: *date })
        }
        Commande::Initialiser { date, contact } => {
            if c.initialisation.is_some() {
                return Err(R::DejaFait("L'initialisation"));
            }
            // Elle peut précéder l'acceptation (jeune déjà connu, rendez-vous rapide).
            dater(*date, ctx, &[affectation])?;
            en_cours(nom, *date)?;
            Ok(Evenement::Initialise {
                date: *date,
                contact: *contact,
            })
        }
        Commande::ChangerInscription { statut, date } => {
            dater(*date, ctx, &[affectation, dernier])?;
            // Encore suivi la veille, et encore suivi ce jour-là avec ce changement : une
            // réinscription le jour où la suspension atteint six mois la garde. Seule une
            // radiation avant l'initialisation peut finir la cotraitance (annulation ou fin
            // anticipée).
            en_cours(nom, super::veille(*date).max(c.affectation.date))?;
            if c.statut_au(*date) == *statut {
                return Err(R::StatutInchange(statut.libelle()));
            }
            let e = Evenement::InscriptionChangee {
                date: *date,
                statut: *statut,
            };
            let mut apres = c.clone();
            apres.appliquer(&e);
            match apres.etat_au(*date) {
                Etat::Annule | Etat::Sorti(MotifSortie::FinAnticipee) => Ok(e),
                etat if etat.en_cours() => Ok(e),
                etat => Err(R::Etat {
                    action: nom,
                    etat: etat.libelle(),
                }),
            }
        }
        Commande::NoterEntretien { date } => {
            let i = initialise(nom)?;
            dater(*date, ctx, &[("l'initialisation", i)])?;
            en_cours(nom, *date)?;
            Ok(Evenement::EntretienTenu { date: *date })
        }
        Commande::NoterIndisponibilite(p) => {
            let i = initialise(nom)?;
            if p.fin < p.debut {
                return Err(R::PeriodeInversee);
            }
            if p.motif == Indisponibilite::EmploiTemporaire && p.fin >= super::plus_mois(p.debut, 2)
            {
                return Err(R::EmploiTropLong);
            }
            dater(p.debut, ctx, &[("l'initialisation", i)])?;
            en_cours(nom, p.debut)?;
            Ok(Evenement::IndisponibiliteNotee(*p))
        }
        Commande::LeverAlerte {
            motif,
            detail,
            date,
        } => {
            let i = initialise(nom)?;
            if let Some(a) = c.alertes.iter().find(|a| a.decision.is_none()) {
                return Err(R::AlerteDejaOuverte { levee: a.levee });
            }
            dater(*date, ctx, &[("l'initialisation", i)])?;
            en_cours(nom, *date)?;
            Ok(Evenement::AlerteLevee {
                date: *date,
                motif: *motif,
                detail: detail.trim().to_string(),
            })
        }
        Commande::DeciderAlerte { decision, date } => {
            let Some(a) = c.alertes.iter().find(|a| a.decision.is_none()) else {
                return Err(R::AucuneAlerte);
            };
            if let DecisionAlerte::Reorientation { partenaire } = decision {
                if partenaire.trim().is_empty() {
                    return Err(R::Manquant(
                        "le partenaire vers lequel le jeune est réorienté",
                    ));
                }
            }
            dater(*date, ctx, &[("la levée de l'alerte", a.levee), dernier])?;
            en_cours(nom, *date)?;
            Ok(Evenement::AlerteDecidee {
                date: *date,
                decision: decision.clone(),
            })
        }
        Commande::NoterDemenagement { commune, date } => {
            if commune.trim().is_empty() {
                return Err(R::Manquant("la nouvelle commune"));
            }
            dater(*date, ctx, &[affectation, dernier])?;
            en_cours(nom, *date)?;
            let ml = ctx.mission_locale(&c.affectation.mission_locale)?;
            Ok(Evenement::Demenage {
                date: *date,
                commune: commune.trim().to_string(),
                hors_territoire: !ml.communes.iter().any(|x| x == commune.trim()),
            })
        }
        Commande::Sortir { motif, date } => {
            match motif {
                MotifSortie::RetourEmploi => {}
                MotifSortie::Reorientation { .. } | MotifSortie::RetourSuiviMensuel => {
                    return Err(R::MotifNonDecidable(
                        "la réorientation et le retour au suivi mensuel se décident sur une alerte",
                    ))
                }
                MotifSortie::Demenagement => {
                    return Err(R::MotifNonDecidable(
                        "notez le déménagement : hors du territoire, la sortie est systématique",
                    ))
                }
                _ => {
                    return Err(R::MotifNonDecidable(
                        "cette sortie est automatique, au jour que fixent les règles",
                    ))
                }
            }
            dater(*date, ctx, &[affectation, dernier])?;
            en_cours(nom, *date)?;
            Ok(Evenement::SortieDecidee(Sortie {
                dernier_jour: *date,
                motif: motif.clone(),
            }))
        }
    }
}

fn affecter(commande: &Commande, ctx: &Contexte) -> Result<Evenement, R> {
    let Commande::Affecter {
        jeune,
        mission_locale,
        criteres,
        parcours,
        suivi,
        confirme,
        date,
    } = commande
    else {
        return Err(R::DejaFait("L'affectation"));
    };
    dater(*date, ctx, &[("la naissance", jeune.naissance)])?;
    let anniversaire = super::plus_mois(jeune.naissance, 26 * 12);
    if *date >= anniversaire {
        return Err(R::TropAge { anniversaire });
    }
    if *parcours != ParcoursPoleEmploi::Accompagnement {
        return Err(R::ParcoursNonAccompagnement);
    }
    if criteres.is_empty() {
        return Err(R::SansCritere);
    }
    for c in criteres {
        if let Critere::Regional(code) = c {
            if !ctx.regles.criteres_regionaux.contains(code) {
                return Err(R::CritereInconnu(code.clone()));
            }
        }
    }
    let civis = match suivi {
        SuiviExistant::Aucun => false,
        SuiviExistant::Civis if *confirme => true,
        SuiviExistant::Civis => return Err(R::CivisAConfirmer),
        SuiviExistant::DispositifMissionLocale(d) => {
            return Err(R::MaintenuDansSonDispositif(d.clone()))
        }
        SuiviExistant::AutrePartenaire(p) => return Err(R::DejaAccompagne(p.clone())),
        SuiviExistant::AccompagnementGlobal => return Err(R::AccompagnementGlobalEnCours),
    };
    let ml = ctx.mission_locale(mission_locale)?;
    if !ml.communes.contains(&jeune.commune) {
        return Err(R::HorsTerritoire {
            commune: jeune.commune.clone(),
            mission_locale: ml.nom.clone(),
        });
    }
    let mut criteres = criteres.clone();
    criteres.dedup();
    Ok(Evenement::Affecte {
        jeune: jeune.clone(),
        affectation: Affectation {
            date: *date,
            mission_locale: ml.code.clone(),
            criteres,
            civis,
            conseiller: None,
        },
    })
}
