//! Indicateurs du comité de pilotage (annexe 7) : chaque mois, pour chaque agence, avec la
//! part des bénéficiaires du RSA. Calculés sur le journal des événements, à la date de
//! l'événement, dans l'agence de la personne à cette date.
//!
//! Définitions :
//! - prescription vers un diagnostic : l'ouverture du dossier ; son origine est
//!   l'initiative (conseiller dédié ou référent social) ;
//! - diagnostic volet emploi / volet social : l'entretien n°1 du volet (premier diagnostic
//!   enregistré pour ce volet), à sa date ;
//! - diagnostic partagé : le jour où le second des deux volets est réalisé ;
//! - orientation en accompagnement social exclusif : à la date de l'orientation ;
//! - entrée : la signature du contrat (date d'entrée) ;
//! - sortie : la clôture d'un dossier entré en accompagnement global, à sa date, par nature ;
//! - durée : de l'entrée à la sortie, en jours, pour les sorties du mois ;
//! - contacts Pôle emploi : contacts du conseiller dédié entre l'entrée et la sortie, du mois.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::date::Jour;
use crate::domain::diagnostic::Volet;
use crate::domain::dossier::{Evenement, MotifSortie};
use crate::domain::professionnel::Role;
use chrono::Datelike;

/// Un mois civil, `AAAA-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mois {
    pub annee: i32,
    pub mois: u32,
}

impl Mois {
    pub fn de(j: Jour) -> Mois {
        Mois {
            annee: j.year(),
            mois: j.month(),
        }
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
    fn ajouter(&mut self, brsa: bool) {
        self.total += 1;
        if brsa {
            self.brsa += 1;
        }
    }

    /// Part des BRSA, en pour cent.
    pub fn part_brsa(&self) -> Option<f64> {
        (self.total > 0).then(|| self.brsa as f64 * 100.0 / self.total as f64)
    }
}

/// Les chiffres d'une agence pour un mois.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Chiffres {
    pub orientations_social_exclusif: Compte,
    pub prescriptions_par_conseiller: Compte,
    pub prescriptions_par_referent: Compte,
    pub diagnostics_emploi: Compte,
    pub diagnostics_social: Compte,
    pub diagnostics_partages: Compte,
    pub entrees: Compte,
    pub sorties: Compte,
    /// Sorties par nature (code du motif).
    pub sorties_par_nature: BTreeMap<String, u64>,
    /// Somme des durées (jours) des sorties du mois, pour la moyenne.
    pub jours_accompagnement: i64,
    /// Contacts du conseiller dédié pendant l'accompagnement global, dans le mois.
    pub contacts_pole_emploi: u64,
    /// Dossiers en accompagnement global à un moment du mois.
    pub accompagnements_actifs: u64,
    /// Actions du carnet de route inscrites dans le mois, par famille de freins.
    pub prescriptions_par_famille: BTreeMap<String, u64>,
}

impl Chiffres {
    pub fn duree_moyenne_jours(&self) -> Option<f64> {
        (self.sorties.total > 0)
            .then(|| self.jours_accompagnement as f64 / self.sorties.total as f64)
    }

    pub fn contacts_moyens(&self) -> Option<f64> {
        (self.accompagnements_actifs > 0)
            .then(|| self.contacts_pole_emploi as f64 / self.accompagnements_actifs as f64)
    }

    /// Entrées rapportées aux diagnostics partagés du mois, en pour cent.
    pub fn taux_integration(&self) -> Option<f64> {
        (self.diagnostics_partages.total > 0)
            .then(|| self.entrees.total as f64 * 100.0 / self.diagnostics_partages.total as f64)
    }
}

/// Clé : (mois, code de l'agence).
pub type Indicateurs = BTreeMap<(Mois, String), Chiffres>;

/// Ce qu'il faut savoir d'un dossier pour le compter : son journal, dans l'ordre.
pub struct Journal<'a> {
    pub evenements: &'a [Evenement],
}

/// Calcule les indicateurs de `de` à `a` (mois inclus) sur tous les dossiers.
pub fn calculer<'a>(
    dossiers: impl IntoIterator<Item = Journal<'a>>,
    de: Mois,
    a: Mois,
    freins: &crate::domain::freins::Freins,
) -> Indicateurs {
    let mut t = Indicateurs::new();
    // Ajoute au mois de `j`, dans `agence`, si ce mois est dans la période.
    let compter = |t: &mut Indicateurs, j: Jour, agence: &str, f: &dyn Fn(&mut Chiffres)| {
        let m = Mois::de(j);
        if m >= de && m <= a {
            f(t.entry((m, agence.to_string())).or_default());
        }
    };
    for d in dossiers {
        let mut agence = String::new();
        // Les agences successives, datées, pour compter chaque mois au bon endroit.
        let mut agences: Vec<(Jour, String)> = Vec::new();
        let mut brsa = false;
        let mut premiers: BTreeMap<&'static str, Jour> = BTreeMap::new();
        let mut entree: Option<Jour> = None;
        let mut sortie: Option<Jour> = None;
        for e in d.evenements {
            let ag = agence.clone();
            match e {
                Evenement::DossierOuvert(o) => {
                    agence = o.personne.agence.clone();
                    agences.push((o.date, agence.clone()));
                    brsa = o.personne.brsa;
                    let b = brsa;
                    compter(&mut t, o.date, &agence, &|c| match o.initiative {
                        Role::Conseiller => c.prescriptions_par_conseiller.ajouter(b),
                        Role::Referent => c.prescriptions_par_referent.ajouter(b),
                    });
                }
                Evenement::IdentiteModifiee(p) => brsa = p.brsa,
                Evenement::AgenceChangee {
                    agence: nouvelle,
                    date,
                } => {
                    agence = nouvelle.clone();
                    agences.push((*date, agence.clone()));
                }
                Evenement::DiagnosticEnregistre(diag) => {
                    let cle = match diag.volet {
                        Volet::Emploi => "emploi",
                        Volet::Social => "social",
                    };
                    if premiers.contains_key(cle) {
                        continue;
                    }
                    premiers.insert(cle, diag.date);
                    let b = brsa;
                    compter(&mut t, diag.date, &ag, &|c| match diag.volet {
                        Volet::Emploi => c.diagnostics_emploi.ajouter(b),
                        Volet::Social => c.diagnostics_social.ajouter(b),
                    });
                    if premiers.len() == 2 {
                        compter(&mut t, diag.date, &ag, &|c| {
                            c.diagnostics_partages.ajouter(b)
                        });
                    }
                }
                Evenement::ActionAjoutee(action) => {
                    if let Some((famille, _)) =
                        action.besoin.as_deref().and_then(|b| freins.besoin(b))
                    {
                        let f = famille.libelle.clone();
                        compter(&mut t, action.date, &ag, &|c| {
                            *c.prescriptions_par_famille.entry(f.clone()).or_default() += 1;
                        });
                    }
                }
                Evenement::OrienteSocialExclusif(s) => {
                    let b = brsa;
                    compter(&mut t, s.debut, &ag, &|c| {
                        c.orientations_social_exclusif.ajouter(b)
                    });
                }
                Evenement::ContratSigne { date } => {
                    entree = Some(*date);
                    let b = brsa;
                    compter(&mut t, *date, &ag, &|c| c.entrees.ajouter(b));
                }
                Evenement::ContactEnregistre(contact)
                    if contact.role == Role::Conseiller
                        && entree.is_some_and(|e| contact.date >= e) =>
                {
                    compter(&mut t, contact.date, &ag, &|c| c.contacts_pole_emploi += 1);
                }
                Evenement::DossierCloture(c) => {
                    if let (Some(e), false) =
                        (entree, matches!(c.motif, MotifSortie::Reorientation(_)))
                    {
                        sortie = Some(c.date);
                        let b = brsa;
                        let jours = (c.date - e).num_days();
                        let nature = c.motif.code().to_string();
                        compter(&mut t, c.date, &ag, &|x| {
                            x.sorties.ajouter(b);
                            x.jours_accompagnement += jours;
                            *x.sorties_par_nature.entry(nature.clone()).or_default() += 1;
                        });
                    }
                }
                _ => {}
            }
        }
        // Accompagnements actifs : chaque mois entre l'entrée et la sortie (ou la fin de la période).
        if let Some(e) = entree {
            let mut m = Mois::de(e).max(de);
            let fin = sortie.map_or(a, |s| Mois::de(s).min(a));
            while m <= fin {
                let ici = agences
                    .iter()
                    .rev()
                    .find(|(j, _)| Mois::de(*j) <= m)
                    .map_or(agence.as_str(), |(_, a)| a.as_str());
                t.entry((m, ici.to_string()))
                    .or_default()
                    .accompagnements_actifs += 1;
                m = if m.mois == 12 {
                    Mois {
                        annee: m.annee + 1,
                        mois: 1,
                    }
                } else {
                    Mois {
                        annee: m.annee,
                        mois: m.mois + 1,
                    }
                };
            }
        }
    }
    t
}
