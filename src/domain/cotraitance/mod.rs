//! La cotraitance des jeunes demandeurs d'emploi avec les missions locales (circulaire
//! DGEFP 2010-12 et accord-cadre Pôle emploi / missions locales, annexe 7) : Pôle emploi
//! **affecte** un jeune à une mission locale, qui l'**accepte** puis l'**initialise** (premier
//! contact) et le suit par un référent unique ; Pôle emploi arbitre les alertes et décide
//! toute sortie.
//!
//! L'état se **déduit des faits datés** (étapes, statut d'inscription, alertes, sorties
//! décidées) pour n'importe quel jour : les sorties que le temps fait seul (six mois de
//! suspension, 26 ans, un an après une affectation à 25 ans) n'attendent personne. Choix
//! faits là où la source se tait ou se contredit, et pourquoi :
//! - **Alerte et suspension en même temps** : l'état est la suspension (l'inscription est un
//!   fait, la suspension compte pour la sortie à six mois) et l'alerte reste à décider, dite
//!   à côté (`Etat::Suspension { alerte: true }`).
//! - **Affecté à 25 ans** : l'année se compte **depuis l'affectation**, le texte de l'accord
//!   (5.2) et de l'annexe 7. C'est la date que Pôle emploi connaît au moment où il décide, et
//!   une initialisation tardive par la mission locale n'allonge pas le suivi. Le jeune est
//!   suivi un an jour pour jour, même après ses 26 ans (c'est l'exception de l'accord).
//! - **Dates de sortie** : `Sortie::dernier_jour` est le dernier jour suivi. 26 ans : la
//!   veille de l'anniversaire ; un an : la veille du jour anniversaire de l'affectation ; six
//!   mois : le jeune encore radié le jour où sa suspension atteint six mois et un jour sort,
//!   son dernier jour étant la veille (radié du 1er janvier au 30 juin inclus et réinscrit le
//!   1er juillet : exactement six mois, il reste).
//! - **Radiation avant l'initialisation** : radiation ou cessation d'inscription, le jeune
//!   n'étant plus demandeur d'emploi dans les deux cas ; annulée si la mission locale n'avait
//!   pas encore accepté, fin de cotraitance anticipée sinon (dernier jour : la veille).
//! - Acceptation et initialisation n'ont pas de délai dans la source : le temps écoulé est
//!   montré contre un seuil réglable (`Regles`), sans règle inventée.

pub mod indicateurs;
mod refus;
mod types;
mod workflow;

pub use refus::RefusCotraitance;
pub use types::*;
pub use workflow::{decider, Commande, Contexte, Evenement, MissionLocale, Regles, PREFIXE_TYPE};

use chrono::{Days, Months};
use serde::{Deserialize, Serialize};

use crate::domain::date::Jour;

/// Le jeune tel que la cotraitance le connaît.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jeune {
    pub nom: String,
    pub prenom: String,
    /// L'identifiant France Travail (Pôle emploi) du demandeur d'emploi.
    pub identifiant_ft: String,
    pub naissance: Jour,
    /// Code INSEE de la commune de résidence.
    pub commune: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affectation {
    pub date: Jour,
    /// Code de la mission locale dans le référentiel des structures.
    pub mission_locale: String,
    pub criteres: Vec<Critere>,
    /// En CIVIS à l'affectation : ni compté ni financé au titre de la cotraitance.
    pub civis: bool,
    /// Le conseiller Pôle emploi qui affecte (sa fiche dans l'annuaire), noté par le poste.
    #[serde(default)]
    pub conseiller: Option<uuid::Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alerte {
    pub levee: Jour,
    pub motif: MotifAlerte,
    pub detail: String,
    pub decision: Option<(Jour, DecisionAlerte)>,
}

/// Un jeune en cotraitance : ses faits datés, d'où l'état se déduit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cotraitance {
    pub jeune: Jeune,
    pub affectation: Affectation,
    pub acceptation: Option<Jour>,
    pub initialisation: Option<(Jour, PremierContact)>,
    /// Les changements de statut d'inscription, dans l'ordre ; inscrit à l'affectation.
    pub inscription: Vec<(Jour, StatutInscription)>,
    pub alertes: Vec<Alerte>,
    pub entretiens: Vec<Jour>,
    pub indisponibilites: Vec<Periode>,
    /// Décidée par Pôle emploi, ou systématique (déménagement hors du territoire).
    pub sortie_decidee: Option<Sortie>,
    /// Le jour du dernier fait : un changement d'inscription ou une sortie ne le précède pas.
    pub dernier_fait: Jour,
}

fn veille(j: Jour) -> Jour {
    j.checked_sub_days(Days::new(1)).unwrap_or(j)
}

fn plus_mois(j: Jour, mois: u32) -> Jour {
    j.checked_add_months(Months::new(mois)).unwrap_or(Jour::MAX)
}

impl Jeune {
    /// « Prénom NOM ».
    pub fn nom_affiche(&self) -> String {
        format!("{} {}", self.prenom, self.nom.to_uppercase())
    }
}

impl Cotraitance {
    pub fn affecte(jeune: Jeune, affectation: Affectation) -> Cotraitance {
        Cotraitance {
            dernier_fait: affectation.date,
            jeune,
            affectation,
            acceptation: None,
            initialisation: None,
            inscription: Vec::new(),
            alertes: Vec::new(),
            entretiens: Vec::new(),
            indisponibilites: Vec::new(),
            sortie_decidee: None,
        }
    }

    /// Le 26e anniversaire (un 29 février compte le 28 les années non bissextiles).
    pub fn vingt_six_ans(&self) -> Jour {
        plus_mois(self.jeune.naissance, 26 * 12)
    }

    /// Affecté dans sa 26e année (à 25 ans) : suivi un an au plus, même après 26 ans.
    pub fn affecte_a_25_ans(&self) -> bool {
        self.affectation.date >= plus_mois(self.jeune.naissance, 25 * 12)
    }

    pub fn statut_au(&self, jour: Jour) -> StatutInscription {
        self.inscription
            .iter()
            .rev()
            .find(|(d, _)| *d <= jour)
            .map_or(StatutInscription::Inscrit, |(_, s)| *s)
    }

    pub fn initialise_le(&self) -> Option<Jour> {
        self.initialisation.map(|(d, _)| d)
    }

    /// La première perte d'inscription avant l'initialisation (ou sans initialisation).
    fn radiation_avant_initialisation(&self) -> Option<Jour> {
        self.inscription
            .iter()
            .find(|(d, s)| {
                *s != StatutInscription::Inscrit && self.initialise_le().is_none_or(|i| *d < i)
            })
            .map(|(d, _)| *d)
    }

    /// Le jour où l'affectation est annulée : radié avant l'acceptation et l'initialisation.
    pub fn annulee_le(&self) -> Option<Jour> {
        self.annulation(self.radiation_avant_initialisation())
    }

    /// Une radiation avant l'initialisation annule si la mission locale n'avait pas accepté.
    fn annulation(&self, radiation: Option<Jour>) -> Option<Jour> {
        radiation.filter(|r| self.acceptation.is_none_or(|a| a > *r))
    }

    /// Chaque période continue hors inscription : (début, fin exclue si réinscrit).
    pub fn suspensions(&self) -> Vec<(Jour, Option<Jour>)> {
        let mut v = Vec::new();
        let mut debut: Option<Jour> = None;
        for (d, s) in &self.inscription {
            match (debut, *s == StatutInscription::Inscrit) {
                (None, false) => debut = Some(*d),
                (Some(x), true) => {
                    v.push((x, Some(*d)));
                    debut = None;
                }
                _ => {}
            }
        }
        if let Some(x) = debut {
            v.push((x, None));
        }
        v
    }

    /// La fin que le temps fixe : la veille des 26 ans, ou un an après une affectation à
    /// 25 ans.
    pub fn fin_prevue(&self) -> Sortie {
        if self.affecte_a_25_ans() {
            Sortie {
                dernier_jour: veille(plus_mois(self.affectation.date, 12)),
                motif: MotifSortie::UnAnApresAffectation,
            }
        } else {
            Sortie {
                dernier_jour: veille(self.vingt_six_ans()),
                motif: MotifSortie::VingtSixAns,
            }
        }
    }

    /// La sortie, passée ou à venir d'après les faits connus : la plus proche de la sortie
    /// décidée, de la fin anticipée, de six mois de suspension et de la fin prévue.
    pub fn sortie(&self) -> Option<Sortie> {
        let radiation = self.radiation_avant_initialisation();
        if self.annulation(radiation).is_some() {
            return None;
        }
        let mut candidates = vec![self.fin_prevue()];
        candidates.extend(self.sortie_decidee.clone());
        // Radié avant l'initialisation, après l'acceptation : fin anticipée.
        if let Some(r) = radiation {
            candidates.push(Sortie {
                dernier_jour: veille(r),
                motif: MotifSortie::FinAnticipee,
            });
        }
        // Une suspension pendant l'accompagnement : encore radié le jour où elle atteint six
        // mois et un jour, le jeune sort (réinscrit ce jour-là au plus tard, il reste).
        if let Some(i) = self.initialise_le() {
            for (debut, fin) in self.suspensions() {
                let limite = plus_mois(debut, 6);
                if debut >= i && fin.is_none_or(|f| f > limite) {
                    candidates.push(Sortie {
                        dernier_jour: veille(limite),
                        motif: MotifSortie::SuspensionSixMois,
                    });
                }
            }
        }
        candidates.into_iter().min_by_key(|s| s.dernier_jour)
    }

    /// Pour une cotraitance finie (sortie) ou annulée ce jour-là : le plus tardif de son
    /// dernier jour et du dernier fait noté, d'où court la conservation. Rien si elle est en
    /// cours (sa fin prévue, 26 ans, n'est pas encore une fin).
    pub fn fin_de_conservation(&self, jour: Jour) -> Option<Jour> {
        if self.etat_au(jour).en_cours() {
            return None;
        }
        let fin = self
            .annulee_le()
            .or_else(|| self.sortie().map(|s| s.dernier_jour))?;
        Some(fin.max(self.dernier_fait))
    }

    /// L'état du jeune ce jour-là.
    pub fn etat_au(&self, jour: Jour) -> Etat {
        if self.annulee_le().is_some_and(|a| a <= jour) {
            return Etat::Annule;
        }
        if let Some(s) = self.sortie().filter(|s| s.dernier_jour < jour) {
            return Etat::Sorti(s.motif);
        }
        if self.initialise_le().is_none_or(|i| i > jour) {
            return if self.acceptation.is_some_and(|a| a <= jour) {
                Etat::Accepte
            } else {
                Etat::Affecte
            };
        }
        let alerte = self.alerte_ouverte_au(jour).is_some();
        match self.statut_au(jour) {
            StatutInscription::Inscrit if alerte => Etat::Alerte,
            StatutInscription::Inscrit => Etat::Actif,
            _ => Etat::Suspension { alerte },
        }
    }

    pub fn alerte_ouverte_au(&self, jour: Jour) -> Option<&Alerte> {
        self.alertes
            .iter()
            .find(|a| a.levee <= jour && a.decision.as_ref().is_none_or(|(d, _)| *d > jour))
    }

    /// Le jour où l'entretien mensuel est dû : un mois après le dernier contact (ou
    /// l'initialisation), repoussé par les périodes d'exemption et de suspension.
    pub fn entretien_du(&self) -> Option<Jour> {
        let mut depuis = self
            .entretiens
            .iter()
            .copied()
            .chain(self.initialise_le())
            .max()?;
        let mut exemptions: Vec<(Jour, Jour)> = self
            .indisponibilites
            .iter()
            .map(|p| (p.debut, p.fin))
            .collect();
        exemptions.extend(
            self.suspensions()
                .into_iter()
                .map(|(d, f)| (d, f.map_or(Jour::MAX, veille))),
        );
        loop {
            let du = plus_mois(depuis, 1);
            // Une exemption commencée avant l'échéance et finie après le dernier contact
            // fait repartir le mois de sa fin.
            let Some(fin) = exemptions
                .iter()
                .filter(|(d, f)| *d <= du && *f >= depuis && *f != depuis)
                .map(|(_, f)| *f)
                .max()
            else {
                return Some(du);
            };
            if fin == Jour::MAX {
                return None;
            }
            depuis = fin;
        }
    }

    /// Un mois sans entretien (hors exemptions) : le jour où il était dû.
    pub fn entretien_en_retard(&self, jour: Jour) -> Option<Jour> {
        if !matches!(self.etat_au(jour), Etat::Actif | Etat::Alerte) {
            return None;
        }
        self.entretien_du().filter(|du| *du < jour)
    }

    /// L'étape d'entrée attendue, depuis combien de jours, et si le seuil réglé est passé.
    pub fn attente(&self, jour: Jour, regles: &Regles) -> Option<Attente> {
        if !self.etat_au(jour).en_cours() {
            return None;
        }
        let (etape, depuis, seuil) = match (self.acceptation, self.initialise_le()) {
            (None, _) => (
                "acceptation",
                self.affectation.date,
                regles.seuil_acceptation_jours,
            ),
            (Some(a), None) => ("initialisation", a, regles.seuil_initialisation_jours),
            (Some(_), Some(_)) => return None,
        };
        let jours = (jour - depuis).num_days();
        Some(Attente {
            etape,
            jours,
            seuil,
            depasse: jours > seuil,
        })
    }

    /// Compte pour l'objectif de la mission locale : initialisé, et pas en CIVIS à
    /// l'initialisation (5.4, annexe 7).
    pub fn compte_pour_l_objectif(&self) -> bool {
        self.initialisation.is_some() && !self.affectation.civis
    }

    pub fn appliquer(&mut self, e: &Evenement) {
        use Evenement as E;
        let date = e.date();
        match e {
            E::Affecte { .. } => {}
            E::Accepte { date } => self.acceptation = Some(*date),
            E::Initialise { date, contact } => self.initialisation = Some((*date, *contact)),
            E::InscriptionChangee { date, statut } => self.inscription.push((*date, *statut)),
            E::EntretienTenu { date } => self.entretiens.push(*date),
            E::IndisponibiliteNotee(p) => self.indisponibilites.push(*p),
            E::AlerteLevee {
                date,
                motif,
                detail,
            } => self.alertes.push(Alerte {
                levee: *date,
                motif: *motif,
                detail: detail.clone(),
                decision: None,
            }),
            E::AlerteDecidee { date, decision } => {
                if let Some(a) = self.alertes.iter_mut().find(|a| a.decision.is_none()) {
                    a.decision = Some((*date, decision.clone()));
                }
                let motif = match decision {
                    DecisionAlerte::Maintien(_) => None,
                    DecisionAlerte::Reorientation { partenaire } => {
                        Some(MotifSortie::Reorientation {
                            partenaire: partenaire.clone(),
                        })
                    }
                    DecisionAlerte::RetourSuiviMensuel => Some(MotifSortie::RetourSuiviMensuel),
                };
                if let Some(motif) = motif {
                    self.sortie_decidee = Some(Sortie {
                        dernier_jour: *date,
                        motif,
                    });
                }
            }
            E::Demenage {
                date,
                commune,
                hors_territoire,
            } => {
                self.jeune.commune = commune.clone();
                if *hors_territoire {
                    self.sortie_decidee = Some(Sortie {
                        dernier_jour: *date,
                        motif: MotifSortie::Demenagement,
                    });
                }
            }
            E::SortieDecidee(s) => self.sortie_decidee = Some(s.clone()),
        }
        self.dernier_fait = self.dernier_fait.max(date);
    }

    /// Rejoue le journal d'un jeune (le premier événement est l'affectation).
    pub fn rejouer(evenements: &[Evenement]) -> Option<Cotraitance> {
        let (premier, suite) = evenements.split_first()?;
        let Evenement::Affecte { jeune, affectation } = premier else {
            return None;
        };
        let mut c = Cotraitance::affecte(jeune.clone(), affectation.clone());
        for e in suite {
            c.appliquer(e);
        }
        Some(c)
    }
}

/// Une étape d'entrée qui se fait attendre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attente {
    pub etape: &'static str,
    pub jours: i64,
    pub seuil: i64,
    pub depasse: bool,
}
