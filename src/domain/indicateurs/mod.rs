//! Indicateurs du comité de pilotage (annexe 7 de la convention, article 3.1.2) et
//! éléments d'évaluation (article 3.1) : chaque mois, pour chaque agence, avec la part des
//! bénéficiaires du RSA. Les définitions complètes sont dans `docs/indicateurs.md` ; ce
//! module les applique, de la même façon pour l'écran, les exports et les tests.
//!
//! Tout part du journal d'un dossier : [`Suivi::appliquer`] lit chaque événement dans l'ordre
//! et produit des [`Fait`]s datés (un fait = +1 dans une case, avec une somme éventuelle), ainsi
//! que les [`Segment`]s d'accompagnement global (de l'entrée à la sortie, coupés aux changements
//! d'agence). [`calculer`] est la référence : elle rejoue les journaux. Le store tient les mêmes
//! faits à jour dans la transaction de chaque événement (`src/store/indicateurs.rs`) pour
//! répondre vite ; les tests comparent les deux.
//!
//! Règles communes :
//! - un fait compte au mois de sa date métier, dans l'agence du dossier au moment où
//!   l'événement est enregistré ; la part des BRSA suit la situation connue à ce moment ;
//! - toutes les cases sont des comptes (total, dont BRSA) et des sommes : les moyennes et les
//!   taux se calculent à l'affichage, ce qui rend la fusion de plusieurs installations exacte.

pub mod agregat;
pub mod tableaux;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::date::Jour;
use crate::domain::diagnostic::{Objectif, Situation, Volet};
use crate::domain::dossier::{Cible, Decision, Evenement, MotifSortie};
use crate::domain::freins::Freins;
use crate::domain::personne::Civilite;
use crate::domain::professionnel::Role;

/// Un mois civil, `AAAA-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mois {
    pub annee: i32,
    pub mois: u32,
}

/// Un mois mal écrit, dans une saisie, une option ou un fichier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurMois {
    #[error("« {0} » n'est pas un mois : écrivez-le AAAA-MM, par exemple 2026-03.")]
    Forme(String),
    #[error("« {0} » n'est pas un mois : le mois va de 01 à 12.")]
    HorsDesDouze(String),
}

impl Mois {
    pub fn de(j: Jour) -> Mois {
        Mois {
            annee: j.year(),
            mois: j.month(),
        }
    }

    /// Lit `AAAA-MM` ; le message d'erreur dit ce qui est attendu.
    pub fn lire(texte: &str) -> Result<Mois, ErreurMois> {
        let t = texte.trim();
        let erreur = || ErreurMois::Forme(t.to_string());
        let (a, m) = t.split_once('-').ok_or_else(erreur)?;
        if a.len() != 4 || m.len() != 2 {
            return Err(erreur());
        }
        let annee: i32 = a.parse().map_err(|_| erreur())?;
        let mois: u32 = m.parse().map_err(|_| erreur())?;
        if !(1..=12).contains(&mois) {
            return Err(ErreurMois::HorsDesDouze(t.to_string()));
        }
        if !(1900..=9999).contains(&annee) {
            return Err(erreur());
        }
        Ok(Mois { annee, mois })
    }

    pub fn suivant(self) -> Mois {
        if self.mois == 12 {
            Mois {
                annee: self.annee + 1,
                mois: 1,
            }
        } else {
            Mois {
                annee: self.annee,
                mois: self.mois + 1,
            }
        }
    }

    pub fn precedent(self) -> Mois {
        if self.mois == 1 {
            Mois {
                annee: self.annee - 1,
                mois: 12,
            }
        } else {
            Mois {
                annee: self.annee,
                mois: self.mois - 1,
            }
        }
    }

    pub fn premier_jour(self) -> Jour {
        Jour::from_ymd_opt(self.annee, self.mois, 1).unwrap_or_default()
    }

    pub fn dernier_jour(self) -> Jour {
        self.suivant()
            .premier_jour()
            .pred_opt()
            .unwrap_or_else(|| self.premier_jour())
    }

    /// Les mois de `self` à `a`, inclus.
    pub fn jusqua(self, a: Mois) -> Vec<Mois> {
        let mut v = Vec::new();
        let mut m = self;
        while m <= a {
            v.push(m);
            m = m.suivant();
        }
        v
    }

    /// « mars 2026 ».
    pub fn libelle(self) -> String {
        format!("{} {}", crate::domain::date::mois_fr(self.mois), self.annee)
    }
}

impl std::fmt::Display for Mois {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.annee, self.mois)
    }
}

/// Un compte et sa part de bénéficiaires du RSA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Compte {
    pub total: u64,
    pub brsa: u64,
}

impl Compte {
    /// Part des BRSA, en pour cent.
    pub fn part_brsa(&self) -> Option<f64> {
        (self.total > 0).then(|| self.brsa as f64 * 100.0 / self.total as f64)
    }
}

/// Une case : combien (dont BRSA) et, pour les durées et les contacts, une somme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cellule {
    pub total: u64,
    pub brsa: u64,
    pub somme: i64,
}

impl Cellule {
    pub fn ajouter(&mut self, autre: &Cellule) {
        self.total += autre.total;
        self.brsa += autre.brsa;
        self.somme += autre.somme;
    }

    pub fn compte(&self) -> Compte {
        Compte {
            total: self.total,
            brsa: self.brsa,
        }
    }

    fn un(brsa: bool, somme: i64) -> Cellule {
        Cellule {
            total: 1,
            brsa: u64::from(brsa),
            somme,
        }
    }
}

/// Ce que compte une case. Le détail (origine, nature, famille…) est à part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Cle {
    /// Orientations en accompagnement social exclusif, à la date de début.
    OrientationsSocialExclusif,
    /// Prescriptions vers un diagnostic (ouverture du dossier) ; détail : origine.
    PrescriptionsDiagnostic,
    DiagnosticsEmploi,
    DiagnosticsSocial,
    DiagnosticsPartages,
    /// Diagnostics partagés du mois suivis d'au moins une ressource prescrite.
    DiagnosticsAvecPrescription,
    /// Ressources partenariales prescrites ; détail : nom de la ressource.
    RessourcesPrescrites,
    /// Ressources prescrites ; détail : famille de freins.
    RessourcesParFamille,
    /// Actions du carnet de route liées à un besoin ; détail : famille de freins.
    ActionsParFamille,
    /// Réorientations décidées en concertation ; détail : cible.
    Reorientations,
    Entrees,
    Reconductions,
    /// Contacts du conseiller dédié pendant l'accompagnement global.
    ContactsPoleEmploi,
    /// Sorties d'accompagnement global ; détail : nature ; somme : durées en jours.
    Sorties,
    /// Une par sortie ; somme : contacts Pôle emploi de tout l'accompagnement.
    ContactsDesSortis,
    /// Entrées ; détail : tranche d'âge à l'entrée.
    EntreesParAge,
    /// Entrées ; détail : femme, homme.
    EntreesParSexe,
    /// Entrées de personnes ayant au moins un enfant mineur.
    EntreesEnfantMineur,
    /// Entrées ; détail : code INSEE de la commune de résidence.
    EntreesParCommune,
    /// Personnes au diagnostic partagé ayant un frein présent ; détail : famille.
    FreinsPremierDiagnostic,
    /// Sortants qui avaient ce frein au premier diagnostic ; détail : famille.
    FreinsDesSortants,
    /// Parmi eux, ceux dont le frein est levé à la sortie ; détail : famille.
    FreinsLeves,
    /// En accompagnement global à un moment du mois (une fois, dans la dernière agence).
    AccompagnementsActifs,
    /// En accompagnement global à la fin du mois (ou aujourd'hui pour le mois en cours) ;
    /// somme : jours depuis l'entrée.
    EnCours,
    /// Personnes dont le diagnostic partagé est du mois et qui sont entrées en accompagnement
    /// (à n'importe quelle date) : la cohorte du taux d'intégration.
    EntreesDeLaCohorte,
}

impl Cle {
    pub const TOUTES: [Cle; 25] = [
        Cle::OrientationsSocialExclusif,
        Cle::PrescriptionsDiagnostic,
        Cle::DiagnosticsEmploi,
        Cle::DiagnosticsSocial,
        Cle::DiagnosticsPartages,
        Cle::DiagnosticsAvecPrescription,
        Cle::RessourcesPrescrites,
        Cle::RessourcesParFamille,
        Cle::ActionsParFamille,
        Cle::Reorientations,
        Cle::Entrees,
        Cle::Reconductions,
        Cle::ContactsPoleEmploi,
        Cle::Sorties,
        Cle::ContactsDesSortis,
        Cle::EntreesParAge,
        Cle::EntreesParSexe,
        Cle::EntreesEnfantMineur,
        Cle::EntreesParCommune,
        Cle::FreinsPremierDiagnostic,
        Cle::FreinsDesSortants,
        Cle::FreinsLeves,
        Cle::AccompagnementsActifs,
        Cle::EnCours,
        Cle::EntreesDeLaCohorte,
    ];

    /// Code stable, pour la base, les fichiers d'agrégat et le JSON.
    pub fn code(self) -> &'static str {
        match self {
            Cle::OrientationsSocialExclusif => "orientations_social_exclusif",
            Cle::PrescriptionsDiagnostic => "prescriptions_diagnostic",
            Cle::DiagnosticsEmploi => "diagnostics_emploi",
            Cle::DiagnosticsSocial => "diagnostics_social",
            Cle::DiagnosticsPartages => "diagnostics_partages",
            Cle::DiagnosticsAvecPrescription => "diagnostics_avec_prescription",
            Cle::RessourcesPrescrites => "ressources_prescrites",
            Cle::RessourcesParFamille => "ressources_par_famille",
            Cle::ActionsParFamille => "actions_par_famille",
            Cle::Reorientations => "reorientations",
            Cle::Entrees => "entrees",
            Cle::Reconductions => "reconductions",
            Cle::ContactsPoleEmploi => "contacts_pole_emploi",
            Cle::Sorties => "sorties",
            Cle::ContactsDesSortis => "contacts_des_sortis",
            Cle::EntreesParAge => "entrees_par_age",
            Cle::EntreesParSexe => "entrees_par_sexe",
            Cle::EntreesEnfantMineur => "entrees_enfant_mineur",
            Cle::EntreesParCommune => "entrees_par_commune",
            Cle::FreinsPremierDiagnostic => "freins_premier_diagnostic",
            Cle::FreinsDesSortants => "freins_des_sortants",
            Cle::FreinsLeves => "freins_leves",
            Cle::AccompagnementsActifs => "accompagnements_actifs",
            Cle::EnCours => "en_cours",
            Cle::EntreesDeLaCohorte => "entrees_de_la_cohorte",
        }
    }

    pub fn depuis_code(code: &str) -> Option<Cle> {
        Cle::TOUTES.into_iter().find(|c| c.code() == code)
    }

    /// Les cases calculées à la demande (selon la période et la date du jour), pas stockées.
    pub fn periodique(self) -> bool {
        matches!(self, Cle::AccompagnementsActifs | Cle::EnCours)
    }
}

/// Les chiffres d'une agence pour un mois : des cases (indicateur, détail).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Chiffres {
    pub cellules: BTreeMap<(Cle, String), Cellule>,
}

fn taux(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

fn moyenne(somme: i64, n: u64) -> Option<f64> {
    (n > 0).then(|| somme as f64 / n as f64)
}

impl Chiffres {
    pub fn ajouter(&mut self, cle: Cle, detail: &str, c: &Cellule) {
        self.cellules
            .entry((cle, detail.to_string()))
            .or_default()
            .ajouter(c);
    }

    pub fn fusionner(&mut self, autre: &Chiffres) {
        for ((cle, detail), c) in &autre.cellules {
            self.ajouter(*cle, detail, c);
        }
    }

    /// La case sans détail, ou la somme de tous les détails de l'indicateur.
    pub fn cellule(&self, cle: Cle) -> Cellule {
        let mut c = Cellule::default();
        for ((k, _), v) in self.cellules.range((cle, String::new())..) {
            if *k != cle {
                break;
            }
            c.ajouter(v);
        }
        c
    }

    pub fn compte(&self, cle: Cle) -> Compte {
        self.cellule(cle).compte()
    }

    pub fn detail(&self, cle: Cle, detail: &str) -> Compte {
        self.cellules
            .get(&(cle, detail.to_string()))
            .copied()
            .unwrap_or_default()
            .compte()
    }

    /// Les détails d'un indicateur, dans l'ordre des codes.
    pub fn details(&self, cle: Cle) -> Vec<(&str, Cellule)> {
        self.cellules
            .range((cle, String::new())..)
            .take_while(|((k, _), _)| *k == cle)
            .map(|((_, d), c)| (d.as_str(), *c))
            .collect()
    }

    /// Parmi les personnes dont le diagnostic partagé est du mois (une cohorte), la part de
    /// celles qui sont entrées en accompagnement global, en pour cent : jamais plus de 100.
    pub fn taux_integration(&self) -> Option<f64> {
        taux(
            self.compte(Cle::EntreesDeLaCohorte).total,
            self.compte(Cle::DiagnosticsPartages).total,
        )
    }

    /// Diagnostics partagés suivis d'une prescription, en pour cent des diagnostics partagés.
    pub fn taux_prescription(&self) -> Option<f64> {
        taux(
            self.compte(Cle::DiagnosticsAvecPrescription).total,
            self.compte(Cle::DiagnosticsPartages).total,
        )
    }

    /// Sorties rapportées aux accompagnements actifs du mois, en pour cent.
    pub fn taux_sortie(&self) -> Option<f64> {
        taux(
            self.compte(Cle::Sorties).total,
            self.compte(Cle::AccompagnementsActifs).total,
        )
    }

    /// Durée moyenne (jours) des accompagnements terminés dans le mois.
    pub fn duree_moyenne_jours(&self) -> Option<f64> {
        let c = self.cellule(Cle::Sorties);
        moyenne(c.somme, c.total)
    }

    /// Durée moyenne (jours) des accompagnements en cours à la fin du mois.
    pub fn duree_moyenne_en_cours(&self) -> Option<f64> {
        let c = self.cellule(Cle::EnCours);
        moyenne(c.somme, c.total)
    }

    /// Contacts Pôle emploi du mois par accompagnement actif dans le mois.
    pub fn contacts_moyens(&self) -> Option<f64> {
        let n = self.compte(Cle::AccompagnementsActifs).total;
        moyenne(self.compte(Cle::ContactsPoleEmploi).total as i64, n)
    }

    /// Contacts Pôle emploi de tout l'accompagnement, par accompagnement terminé dans le mois.
    pub fn contacts_par_ag_termine(&self) -> Option<f64> {
        let c = self.cellule(Cle::ContactsDesSortis);
        moyenne(c.somme, c.total)
    }
}

/// Clé : (mois, code de l'agence).
pub type Indicateurs = BTreeMap<(Mois, String), Chiffres>;

/// Les chiffres de toutes les agences additionnés, mois par mois.
pub fn ensemble(t: &Indicateurs) -> BTreeMap<Mois, Chiffres> {
    let mut e: BTreeMap<Mois, Chiffres> = BTreeMap::new();
    for ((m, _), c) in t {
        e.entry(*m).or_default().fusionner(c);
    }
    e
}

/// Les chiffres d'une période entière (tous mois additionnés), pour une agence ou toutes.
/// Les indicateurs « à la fin du mois » (actifs, en cours) ne s'additionnent pas d'un mois
/// à l'autre : ils sont retirés du total.
pub fn cumul(t: &Indicateurs, agence: Option<&str>) -> Chiffres {
    let mut c = Chiffres::default();
    for ((_, a), ch) in t {
        if agence.is_none_or(|x| x == a) {
            c.fusionner(ch);
        }
    }
    c.cellules.retain(|(k, _), _| !k.periodique());
    c
}

/// La période demandée et la date du calcul (les accompagnements en cours se mesurent
/// jusqu'à aujourd'hui).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bornes {
    pub de: Mois,
    pub a: Mois,
    pub aujourdhui: Jour,
}

impl Bornes {
    pub fn contient(&self, j: Jour) -> bool {
        let m = Mois::de(j);
        m >= self.de && m <= self.a
    }
}

/// Un fait daté : +1 dans la case (indicateur, détail) de l'agence, et une somme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fait {
    pub jour: Jour,
    pub agence: String,
    pub brsa: bool,
    pub cle: Cle,
    pub detail: String,
    pub somme: i64,
}

/// Une portion d'accompagnement global passée dans une agence ; `fin` est le dernier jour
/// (la veille d'un changement d'agence, ou le jour de la sortie pour la dernière portion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub entree: Jour,
    pub debut: Jour,
    pub fin: Option<Jour>,
    pub agence: String,
    pub brsa: bool,
}

/// Tranche d'âge à l'entrée.
pub fn tranche_age(age: i32) -> &'static str {
    if age < 26 {
        "moins_26"
    } else if age < 50 {
        "26_49"
    } else {
        "50_plus"
    }
}

/// Ce qu'il faut retenir d'un dossier pour compter ses événements suivants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Suivi {
    pub id: Option<Uuid>,
    pub agence: String,
    pub brsa: bool,
    pub femme: bool,
    pub naissance: Option<Jour>,
    pub enfant_mineur: bool,
    pub commune: String,
    pub diagnostic_emploi: bool,
    pub diagnostic_social: bool,
    /// Le diagnostic partagé : jour, agence, BRSA à ce moment.
    pub partage: Option<(Jour, String, bool)>,
    pub prescrit: bool,
    /// L'origine de la prescription vers un diagnostic, en attente du premier pas du
    /// diagnostic partagé (une orientation directe en accompagnement social exclusif n'en
    /// est pas une).
    #[serde(default)]
    pub prescription_en_attente: Option<String>,
    /// Familles de freins présents aux premiers diagnostics des deux volets.
    pub freins_initiaux: BTreeSet<String>,
    /// Dernier état connu de chaque besoin évalué (confidentiels compris : seul le compte par
    /// famille en sort).
    pub derniers: BTreeMap<String, (Situation, Objectif)>,
    pub entree: Option<Jour>,
    /// L'entretien n°2 d'initialisation a eu lieu (il compte comme contact à l'entrée).
    #[serde(default)]
    pub initialisation: bool,
    pub contacts_ag: i64,
    pub sorti: bool,
    pub segments: Vec<Segment>,
}

impl Suivi {
    /// Lit un événement ; renvoie les faits qu'il produit (dans ou hors de toute période).
    pub fn appliquer(&mut self, e: &Evenement, freins: &Freins) -> Vec<Fait> {
        let mut faits = Vec::new();
        match e {
            Evenement::DossierOuvert(o) => {
                self.id = Some(o.id);
                self.identite(&o.personne);
                self.agence = o.personne.agence.clone();
                // Origine : le conseiller, le référent, ou un tiers nommé à l'ouverture.
                let origine = match o.prescripteur.as_deref().map(str::trim) {
                    Some(t) if !t.is_empty() => "autre",
                    _ => o.initiative.code(),
                };
                self.prescription_en_attente = Some(origine.to_string());
            }
            Evenement::IdentiteModifiee(p) => {
                self.identite(p);
                if let Some(s) = self.segments.last_mut().filter(|s| s.fin.is_none()) {
                    s.brsa = p.brsa;
                }
            }
            // Le RSA compte à partir de la date du changement, pas pour toute la période.
            Evenement::SituationChangee { personne, date, .. } => {
                let rsa_change = personne.brsa != self.brsa;
                self.identite(personne);
                if rsa_change {
                    self.nouvelle_portion(*date);
                }
            }
            Evenement::AgenceChangee { agence, date } => {
                self.agence = agence.clone();
                self.nouvelle_portion(*date);
            }
            Evenement::DiagnosticEnregistre(d) => {
                faits.extend(self.prescription_vers_le_diagnostic(d.date));
                // Une actualisation du volet emploi pendant l'accompagnement est un
                // entretien avec le conseiller dédié : un contact, sans autre saisie.
                if d.volet == Volet::Emploi
                    && !self.sorti
                    && self.entree.is_some_and(|e| d.date >= e)
                {
                    self.contacts_ag += 1;
                    faits.push(self.fait(d.date, Cle::ContactsPoleEmploi, "entretien", 0));
                }
                let premier = match d.volet {
                    Volet::Emploi => !std::mem::replace(&mut self.diagnostic_emploi, true),
                    Volet::Social => !std::mem::replace(&mut self.diagnostic_social, true),
                };
                let partages = self.partage.is_some();
                // Un frein confidentiel compte dans sa famille (typologie, freins levés) : un
                // compte par famille n'est pas une donnée personnelle ; le besoin lui-même et
                // le commentaire ne sortent nulle part.
                for ev in &d.evaluations {
                    self.derniers
                        .insert(ev.besoin.clone(), (ev.situation, ev.objectif));
                    if premier && !partages && ev.situation == Situation::Oui {
                        if let Some((f, _)) = freins.besoin(&ev.besoin) {
                            self.freins_initiaux.insert(f.code.clone());
                        }
                    }
                }
                if premier {
                    let cle = match d.volet {
                        Volet::Emploi => Cle::DiagnosticsEmploi,
                        Volet::Social => Cle::DiagnosticsSocial,
                    };
                    faits.push(self.fait(d.date, cle, "", 0));
                    if self.diagnostic_emploi && self.diagnostic_social && !partages {
                        self.partage = Some((d.date, self.agence.clone(), self.brsa));
                        faits.push(self.fait(d.date, Cle::DiagnosticsPartages, "", 0));
                        for f in &self.freins_initiaux {
                            faits.push(self.fait(d.date, Cle::FreinsPremierDiagnostic, f, 0));
                        }
                        if self.prescrit {
                            faits.push(self.fait(d.date, Cle::DiagnosticsAvecPrescription, "", 0));
                        }
                    }
                }
            }
            Evenement::FicheCreee(f) => faits.extend(self.prescription_vers_le_diagnostic(f.date)),
            Evenement::ConcertationTenue(c) => {
                faits.extend(self.prescription_vers_le_diagnostic(c.date));
                if let Decision::Reorientation(cible) = &c.decision {
                    let code = match cible {
                        Cible::SocialExclusif => "social_exclusif",
                        Cible::ModalitePoleEmploi => "modalite_pole_emploi",
                        Cible::AutreStructure(_) => "autre_structure",
                    };
                    faits.push(self.fait(c.date, Cle::Reorientations, code, 0));
                }
            }
            Evenement::ActionAjoutee(a) => {
                if let Some((f, _)) = a.besoin.as_deref().and_then(|b| freins.besoin(b)) {
                    faits.push(self.fait(a.date, Cle::ActionsParFamille, &f.code, 0));
                }
            }
            Evenement::RessourcePrescrite {
                prescription: p, ..
            }
            | Evenement::RessourcePrescriteAuDiagnostic(p) => {
                faits.push(self.fait(p.date, Cle::RessourcesPrescrites, p.nom.trim(), 0));
                if let Some((f, _)) = freins.besoin(&p.besoin) {
                    faits.push(self.fait(p.date, Cle::RessourcesParFamille, &f.code, 0));
                }
                // Une prescription « lors du diagnostic partagé » est faite avant l'entrée. Le
                // diagnostic compte au mois où prescription et diagnostic partagé sont réunis :
                // un mois déjà présenté ne change pas.
                if self.entree.is_none()
                    && !std::mem::replace(&mut self.prescrit, true)
                    && self.partage.is_some()
                {
                    faits.push(self.fait(p.date, Cle::DiagnosticsAvecPrescription, "", 0));
                }
            }
            Evenement::InitialisationRealisee { .. } => self.initialisation = true,
            Evenement::ContratSigne { date } | Evenement::EntreeReprise { date, .. } => {
                self.entree = Some(*date);
                faits.push(self.fait(*date, Cle::Entrees, "", 0));
                // Les entretiens n°1 (volet emploi) et n°2 avec le conseiller dédié sont les
                // premiers contacts de l'accompagnement : comptés à l'entrée.
                for (fait, detail) in [
                    (self.diagnostic_emploi, "entretien_n1"),
                    (self.initialisation, "entretien_n2"),
                ] {
                    if fait {
                        self.contacts_ag += 1;
                        faits.push(self.fait(*date, Cle::ContactsPoleEmploi, detail, 0));
                    }
                }
                // Le taux d'intégration suit une cohorte : l'entrée compte au mois et dans
                // l'agence du diagnostic partagé.
                if let Some((jour, agence, brsa)) = self.partage.clone() {
                    faits.push(Fait {
                        jour,
                        agence,
                        brsa,
                        cle: Cle::EntreesDeLaCohorte,
                        detail: String::new(),
                        somme: 0,
                    });
                }
                let age = self
                    .naissance
                    .and_then(|n| date.years_since(n))
                    .map_or(0, |a| a as i32);
                faits.push(self.fait(*date, Cle::EntreesParAge, tranche_age(age), 0));
                let sexe = if self.femme { "femme" } else { "homme" };
                faits.push(self.fait(*date, Cle::EntreesParSexe, sexe, 0));
                if self.enfant_mineur {
                    faits.push(self.fait(*date, Cle::EntreesEnfantMineur, "", 0));
                }
                faits.push(self.fait(*date, Cle::EntreesParCommune, &self.commune, 0));
                self.segments.push(Segment {
                    entree: *date,
                    debut: *date,
                    fin: None,
                    agence: self.agence.clone(),
                    brsa: self.brsa,
                });
            }
            Evenement::Reconduit(r) => faits.push(self.fait(r.date, Cle::Reconductions, "", 0)),
            Evenement::ContactEnregistre(c)
                if c.role == Role::Conseiller
                    && !self.sorti
                    && self.entree.is_some_and(|e| c.date >= e) =>
            {
                self.contacts_ag += 1;
                faits.push(self.fait(c.date, Cle::ContactsPoleEmploi, "", 0));
            }
            // Un point d'échanges tenu pendant l'accompagnement est un contact du conseiller
            // dédié : il compte sans être saisi une seconde fois comme contact.
            Evenement::PointTenu { date, .. }
                if !self.sorti && self.entree.is_some_and(|e| *date >= e) =>
            {
                self.contacts_ag += 1;
                faits.push(self.fait(*date, Cle::ContactsPoleEmploi, "point", 0));
            }
            Evenement::OrienteSocialExclusif(s) => {
                self.prescription_en_attente = None;
                faits.push(self.fait(s.debut, Cle::OrientationsSocialExclusif, "", 0));
                // L'accompagnement global s'interrompt la veille.
                if let Some(p) = self.segments.last_mut().filter(|p| p.fin.is_none()) {
                    p.fin = Some(s.debut.pred_opt().unwrap_or(s.debut).max(p.debut));
                }
            }
            Evenement::RetourAccompagnementGlobal { date } => {
                if let (Some(entree), false) = (self.entree, self.sorti) {
                    self.segments.push(Segment {
                        entree,
                        debut: *date,
                        fin: None,
                        agence: self.agence.clone(),
                        brsa: self.brsa,
                    });
                }
            }
            Evenement::DossierCloture(c) => {
                if let (Some(entree), false, false) = (
                    self.entree,
                    self.sorti,
                    matches!(c.motif, MotifSortie::Reorientation(_)),
                ) {
                    self.sorti = true;
                    let jours = (c.date - entree).num_days();
                    faits.push(self.fait(c.date, Cle::Sorties, c.motif.code(), jours));
                    faits.push(self.fait(c.date, Cle::ContactsDesSortis, "", self.contacts_ag));
                    for f in &self.freins_initiaux {
                        faits.push(self.fait(c.date, Cle::FreinsDesSortants, f, 0));
                        if self.frein_leve(f, freins) {
                            faits.push(self.fait(c.date, Cle::FreinsLeves, f, 0));
                        }
                    }
                    if let Some(s) = self.segments.last_mut().filter(|s| s.fin.is_none()) {
                        s.fin = Some(c.date.max(s.debut));
                    }
                }
            }
            _ => {}
        }
        faits
    }

    /// Le premier pas du diagnostic partagé (entretien, fiche, concertation) : la
    /// prescription vers un diagnostic compte, au mois de ce pas.
    fn prescription_vers_le_diagnostic(&mut self, jour: Jour) -> Option<Fait> {
        let origine = self.prescription_en_attente.take()?;
        Some(self.fait(jour, Cle::PrescriptionsDiagnostic, &origine, 0))
    }

    /// L'accompagnement en cours continue, à partir de `date`, dans l'agence et avec le RSA
    /// d'aujourd'hui : une nouvelle portion commence.
    fn nouvelle_portion(&mut self, date: Jour) {
        let (agence, brsa) = (self.agence.clone(), self.brsa);
        let Some(s) = self.segments.last_mut().filter(|s| s.fin.is_none()) else {
            return;
        };
        if date <= s.debut {
            s.agence = agence;
            s.brsa = brsa;
        } else {
            s.fin = date.pred_opt();
            let entree = s.entree;
            self.segments.push(Segment {
                entree,
                debut: date,
                fin: None,
                agence,
                brsa,
            });
        }
    }

    fn fait(&self, jour: Jour, cle: Cle, detail: &str, somme: i64) -> Fait {
        Fait {
            jour,
            agence: self.agence.clone(),
            brsa: self.brsa,
            cle,
            detail: detail.to_string(),
            somme,
        }
    }

    fn identite(&mut self, p: &crate::domain::personne::Personne) {
        self.brsa = p.brsa;
        self.femme = p.civilite == Civilite::Madame;
        self.naissance = Some(p.date_naissance);
        self.enfant_mineur = p.enfant_mineur;
        self.commune = p.commune.as_str().to_string();
    }

    /// Un frein est levé quand aucun besoin de sa famille n'est encore « frein présent »
    /// avec un objectif non réalisé.
    fn frein_leve(&self, famille: &str, freins: &Freins) -> bool {
        let Some(f) = freins.famille(famille) else {
            return false;
        };
        !f.besoins.iter().any(|b| {
            self.derniers
                .get(&b.code)
                .is_some_and(|(s, o)| *s == Situation::Oui && *o != Objectif::Realise)
        })
    }
}

/// Les cases « à la fin du mois » tirées des portions d'accompagnement d'un dossier :
/// `sortie(mois, rang de la portion, cle, somme)` ; l'agence et la part BRSA sont celles de
/// la portion.
pub fn compter_segments(
    segments: &[Segment],
    bornes: &Bornes,
    mut sortie: impl FnMut(Mois, usize, Cle, i64),
) {
    let Some(premier) = segments.first() else {
        return;
    };
    let fin_periode = bornes.a.min(Mois::de(bornes.aujourdhui));
    let mut m = bornes.de.max(Mois::de(premier.debut));
    let derniere_fin = segments.last().and_then(|s| s.fin);
    while m <= fin_periode {
        let (debut_mois, fin_mois) = (m.premier_jour(), m.dernier_jour());
        if derniere_fin.is_some_and(|f| f < debut_mois) {
            break;
        }
        // Actif dans le mois : une fois, dans la dernière agence du mois.
        if let Some(i) = segments
            .iter()
            .rposition(|s| s.debut <= fin_mois && s.fin.is_none_or(|f| f >= debut_mois))
        {
            sortie(m, i, Cle::AccompagnementsActifs, 0);
        }
        // En cours à la fin du mois (ou aujourd'hui) : entré, pas encore sorti ce jour-là.
        let r = fin_mois.min(bornes.aujourdhui);
        if let Some(i) = segments
            .iter()
            .position(|s| s.debut <= r && s.fin.is_none_or(|f| f >= r))
        {
            if derniere_fin.is_none_or(|f| f > r) {
                sortie(m, i, Cle::EnCours, (r - segments[i].entree).num_days());
            }
        }
        m = m.suivant();
    }
}

/// Ce qu'il faut savoir d'un dossier pour le compter : son journal, dans l'ordre.
pub struct Journal<'a> {
    pub evenements: &'a [Evenement],
}

/// Rejoue un journal (rectifications appliquées) : les faits et les portions
/// d'accompagnement du dossier.
pub fn suivre(evenements: &[Evenement], freins: &Freins) -> (Suivi, Vec<Fait>) {
    let mut s = Suivi::default();
    let mut faits = Vec::new();
    for e in crate::domain::dossier::journal_effectif(evenements).iter() {
        faits.extend(s.appliquer(e, freins));
    }
    (s, faits)
}

fn ajouter(t: &mut Indicateurs, m: Mois, agence: &str, cle: Cle, detail: &str, c: &Cellule) {
    t.entry((m, agence.to_string()))
        .or_default()
        .ajouter(cle, detail, c);
}

/// La référence : calcule les indicateurs de `bornes.de` à `bornes.a` (mois inclus) en
/// rejouant le journal de chaque dossier.
pub fn calculer<'a>(
    dossiers: impl IntoIterator<Item = Journal<'a>>,
    bornes: Bornes,
    freins: &Freins,
) -> Indicateurs {
    let mut t = Indicateurs::new();
    for d in dossiers {
        let (suivi, faits) = suivre(d.evenements, freins);
        for f in faits.iter().filter(|f| bornes.contient(f.jour)) {
            ajouter(
                &mut t,
                Mois::de(f.jour),
                &f.agence,
                f.cle,
                &f.detail,
                &Cellule::un(f.brsa, f.somme),
            );
        }
        let segments = &suivi.segments;
        compter_segments(segments, &bornes, |m, i, cle, somme| {
            let s = &segments[i];
            ajouter(&mut t, m, &s.agence, cle, "", &Cellule::un(s.brsa, somme))
        });
    }
    t
}

/// Une case désignée à l'écran : mois, agence (toutes si `None`), indicateur, détail (tous
/// si `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub mois: Option<Mois>,
    pub agence: Option<String>,
    pub cle: Cle,
    pub detail: Option<String>,
}

/// Les dossiers comptés dans une case, parmi ceux donnés (les siens, à l'écran).
pub fn dossiers_de_la_case<'a>(
    dossiers: impl IntoIterator<Item = Journal<'a>>,
    bornes: Bornes,
    freins: &Freins,
    case: &Case,
) -> Vec<Uuid> {
    let mut ids = Vec::new();
    let dans = |m: Mois, agence: &str, cle: Cle, detail: &str| {
        cle == case.cle
            && m >= bornes.de
            && m <= bornes.a
            && case.mois.is_none_or(|x| x == m)
            && case.agence.as_deref().is_none_or(|a| a == agence)
            && case.detail.as_deref().is_none_or(|d| d == detail)
    };
    for d in dossiers {
        let (suivi, faits) = suivre(d.evenements, freins);
        let mut compte = faits
            .iter()
            .any(|f| dans(Mois::de(f.jour), &f.agence, f.cle, &f.detail));
        if !compte && case.cle.periodique() {
            let segments = &suivi.segments;
            compter_segments(segments, &bornes, |m, i, cle, _| {
                compte |= dans(m, &segments[i].agence, cle, "");
            });
        }
        if let (true, Some(id)) = (compte, suivi.id) {
            ids.push(id);
        }
    }
    ids
}
