//! « Rectifier » une entrée du journal : une date, une décision de concertation, une clôture
//! enregistrée par erreur. Le journal garde l'entrée d'origine et la rectification ; l'état
//! du dossier, les échéances et les indicateurs se calculent sur le journal *effectif*, où
//! chaque entrée rectifiée prend sa dernière valeur.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::commande::Commande;
use super::evenement::Evenement;
use super::types::{Accord, Decision};
use super::workflow::{decider, Contexte};
use super::Dossier;
use crate::domain::date::Jour;
use crate::domain::refus::Refus;

/// Ce que la rectification change dans l'entrée visée.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Correction {
    /// La date de l'étape (entretien, signature, concertation, sortie…).
    Date(Jour),
    /// La décision du temps de concertation.
    Decision(Decision),
    /// La clôture enregistrée par erreur est annulée : le dossier reprend.
    Annulation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rectification {
    /// Le numéro de l'entrée visée dans le journal du dossier (1 pour l'ouverture) : une
    /// entrée d'origine, ou la dernière rectification de cette entrée.
    pub cible: u64,
    pub correction: Correction,
    /// Pourquoi : obligatoire.
    pub motif: String,
    /// Le jour où la rectification est faite.
    pub le: Jour,
    /// L'identifiant de l'entrée visée : le numéro `cible` change d'une installation à
    /// l'autre (ce qui ne voyage pas, ce qui arrive plus tard mais se range avant), lui non.
    /// Le journal relu redonne à `cible` la place de cette entrée.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cible_id: Option<uuid::Uuid>,
}

/// Redonne à chaque rectification le numéro, dans ce journal (ordre commun), de l'entrée
/// qu'elle vise par son identifiant ; et à chaque fiche, action ou point son numéro
/// définitif, le même à ce qui le vise (voir [`super::numeros`]). `entree` donne
/// l'identifiant et l'événement d'une entrée, quelle que soit la forme du journal (paires,
/// événements enregistrés).
pub fn resoudre_cibles<T>(
    journal: &mut [T],
    entree: impl Fn(&mut T) -> (uuid::Uuid, &mut Evenement),
) {
    super::numeros::resoudre_numeros(journal, |t| entree(t).1);
    let vise = |e: &Evenement| matches!(e, Evenement::Rectifiee(r) if r.cible_id.is_some());
    if !journal.iter_mut().any(|t| vise(entree(t).1)) {
        return;
    }
    let places: std::collections::HashMap<uuid::Uuid, u64> = journal
        .iter_mut()
        .enumerate()
        .map(|(i, t)| (entree(t).0, i as u64 + 1))
        .collect();
    for t in journal.iter_mut() {
        if let Evenement::Rectifiee(r) = entree(t).1 {
            if let Some(place) = r.cible_id.and_then(|c| places.get(&c)) {
                r.cible = *place;
            }
        }
    }
}

/// Pour chaque entrée du journal, le numéro (1…) de l'entrée d'origine qu'elle rectifie,
/// en suivant les rectifications de rectifications.
fn origines(journal: &[Evenement]) -> Vec<Option<usize>> {
    let mut v: Vec<Option<usize>> = Vec::with_capacity(journal.len());
    for e in journal {
        let o = match e {
            Evenement::Rectifiee(r) => {
                let t = (r.cible as usize).checked_sub(1);
                t.map(|t| v.get(t).copied().flatten().unwrap_or(t))
            }
            _ => None,
        };
        v.push(o);
    }
    v
}

/// La dernière rectification (numéro 1…) de l'entrée d'origine `i` (0…), s'il y en a une.
pub fn derniere_rectification(journal: &[Evenement], i: usize) -> Option<usize> {
    origines(journal)
        .iter()
        .rposition(|o| *o == Some(i))
        .map(|k| k + 1)
}

/// Ce qu'une rectification de l'entrée `cible` (1…) viserait : le numéro de l'entrée
/// d'origine (1…), sa valeur actuelle (dernière correction appliquée, `None` si annulée), et
/// le numéro à nommer pour la rectifier (sa dernière rectification, ou elle-même).
pub fn entree_visee(journal: &[Evenement], cible: u64) -> Option<(u64, Option<Evenement>, u64)> {
    let k = usize::try_from(cible).ok()?.checked_sub(1)?;
    journal.get(k)?;
    let origine = origines(journal)[k].unwrap_or(k);
    let derniere = derniere_rectification(journal, origine);
    let actuelle = match derniere.and_then(|n| journal.get(n - 1)) {
        Some(Evenement::Rectifiee(r)) => corriger(&journal[origine], &r.correction),
        _ => Some(journal[origine].clone()),
    };
    Some((
        origine as u64 + 1,
        actuelle,
        derniere.map_or(origine as u64 + 1, |n| n as u64),
    ))
}

/// Pour chaque entrée du journal, sa dernière rectification avec son numéro (1…), s'il y en
/// a une : en un seul passage, pour montrer toute la chronologie.
pub fn rectifications(journal: &[Evenement]) -> Vec<Option<(u64, &Rectification)>> {
    let mut v = vec![None; journal.len()];
    for (k, (e, o)) in journal.iter().zip(origines(journal)).enumerate() {
        if let (Evenement::Rectifiee(r), Some(i)) = (e, o) {
            if let Some(x) = v.get_mut(i) {
                *x = Some((k as u64 + 1, r));
            }
        }
    }
    v
}

/// Le journal tel qu'il vaut : les entrées rectifiées avec leur dernière correction, les
/// clôtures annulées retirées, les rectifications elles-mêmes omises.
pub fn journal_effectif(journal: &[Evenement]) -> Cow<'_, [Evenement]> {
    if !journal.iter().any(|e| matches!(e, Evenement::Rectifiee(_))) {
        return Cow::Borrowed(journal);
    }
    let o = origines(journal);
    let mut corrections: Vec<Option<&Correction>> = vec![None; journal.len()];
    for (k, e) in journal.iter().enumerate() {
        if let (Evenement::Rectifiee(r), Some(i)) = (e, o[k]) {
            if let Some(c) = corrections.get_mut(i) {
                *c = Some(&r.correction);
            }
        }
    }
    journal
        .iter()
        .zip(corrections)
        .filter(|(e, _)| !matches!(e, Evenement::Rectifiee(_)))
        .filter_map(|(e, c)| match c {
            Some(c) => corriger(e, c),
            None => Some(e.clone()),
        })
        .collect::<Vec<_>>()
        .into()
}

/// L'entrée corrigée ; `None` si elle est annulée (ou si la correction ne la concerne pas,
/// ce que [`decider_rectification`] refuse avant).
fn corriger(e: &Evenement, c: &Correction) -> Option<Evenement> {
    match c {
        Correction::Annulation => None,
        Correction::Date(j) => e.avec_date(*j),
        Correction::Decision(d) => match e {
            Evenement::ConcertationTenue(x) => {
                let mut x = x.clone();
                x.decision = d.clone();
                Some(Evenement::ConcertationTenue(x))
            }
            _ => None,
        },
    }
}

/// La commande qui produirait cet événement, pour le revérifier après une rectification :
/// les décisions conjointes étaient accordées (elles ont été acceptées).
fn commande_de(e: &Evenement) -> Option<Commande> {
    use Evenement as E;
    let accord = Accord::CONJOINT;
    Some(match e.clone() {
        E::DiagnosticEnregistre(d) => Commande::EnregistrerDiagnostic(d),
        E::FicheEnvoyee { numero, date, .. } => Commande::EnvoyerFiche { numero, date },
        E::FicheRetournee {
            numero,
            date,
            commentaire,
            ..
        } => Commande::EnregistrerRetourFiche {
            numero,
            date,
            signee: true,
            commentaire,
        },
        E::ConcertationTenue(c) => Commande::TenirConcertation {
            date: c.date,
            decision: c.decision,
            accord,
            commentaire: c.commentaire,
        },
        E::InitialisationRealisee { date } => Commande::RealiserInitialisation { date },
        E::ContratSigne { date } => Commande::SignerContrat { date },
        E::EntreeReprise { date, origine } => Commande::ReprendreEntree { date, origine },
        E::Reconduit(r) => Commande::Reconduire {
            date: r.date,
            mois: r.mois,
            accord,
        },
        E::ContactEnregistre(c) => Commande::EnregistrerContact {
            date: c.date,
            canal: c.canal,
            role: c.role,
            objet: c.objet,
        },
        E::DossierCloture(c) => Commande::Cloturer {
            date: c.date,
            motif: c.motif,
            accord,
            commentaire: c.commentaire,
        },
        E::SituationChangee { personne, date, .. } => Commande::ChangerSituation { personne, date },
        E::AgenceChangee { agence, date } => Commande::ChangerAgence { agence, date },
        E::DesignationEnregistree(x) => Commande::EnregistrerDesignation(x),
        E::MembreAffecte { membre, date } => Commande::AffecterMembre { membre, date },
        E::FicheCreee(f) => Commande::CreerFiche {
            emetteur: f.emetteur,
            objet: f.objet,
            date: f.date,
            motif: f.motif,
            synthese: f.synthese,
            action_demandee: f.action_demandee,
        },
        E::ActionAjoutee(a) => Commande::AjouterAction {
            volet: a.volet,
            libelle: a.libelle,
            porteur: a.porteur,
            date: a.date,
            echeance: a.echeance,
            besoin: a.besoin,
        },
        E::StatutActionChange {
            numero,
            statut,
            date,
            ..
        } => Commande::ChangerStatutAction {
            numero,
            statut,
            date,
        },
        E::RessourcePrescrite {
            action,
            prescription,
            ..
        } => Commande::PrescrireRessource {
            action,
            prescription,
        },
        E::RessourcePrescriteAuDiagnostic(p) => Commande::PrescrireAuDiagnostic(p),
        E::PointPlanifie(p) => Commande::PlanifierPoint {
            date_prevue: p.date_prevue,
            objet: p.objet,
        },
        E::OrienteSocialExclusif(s) => Commande::OrienterSocialExclusif {
            date: s.debut,
            adhesion: true,
            mois: s.mois,
            propose_par: s.propose_par,
            coproposee: s.coproposee,
            accord,
        },
        E::RetourAccompagnementGlobal { date } => {
            Commande::RevenirAccompagnementGlobal { date, accord }
        }
        // Un point tenu sans avoir été planifié prend un nouveau numéro : il s'applique tel
        // quel ; l'ouverture, l'identité et les traces d'impression n'ont pas de garde à
        // revoir.
        E::PointTenu { .. }
        | E::DossierOuvert(_)
        | E::IdentiteModifiee(_)
        | E::DocumentImprime { .. }
        | E::AccordsAttribues(_)
        | E::ConsentementRecueilli(_)
        | E::ConsentementRevoque { .. }
        | E::ConflitsRevus { .. }
        | E::AccordDonne { .. }
        | E::Rectifiee(_) => return None,
    })
}

/// Accepte ou refuse une rectification de l'entrée `cible`, au vu du journal entier.
pub fn decider_rectification(
    journal: &[Evenement],
    cible: u64,
    correction: &Correction,
    motif: &str,
    ctx: &Contexte,
) -> Result<Evenement, Refus> {
    let r = &Rectification {
        cible,
        correction: correction.clone(),
        motif: motif.trim().to_string(),
        le: ctx.aujourdhui,
        cible_id: None,
    };
    let actuel = Dossier::rejouer(journal).ok_or(Refus::NonOuvert)?;
    if r.motif.trim().is_empty() {
        return Err(Refus::ChampVide {
            champ: "motif de la rectification",
        });
    }
    let n = journal.len();
    let cible = usize::try_from(r.cible)
        .ok()
        .and_then(|c| c.checked_sub(1))
        .filter(|c| *c < n)
        .ok_or(Refus::EntreeInconnue { numero: r.cible })?;
    let o = origines(journal);
    let origine = o[cible].unwrap_or(cible);
    // Une entrée déjà rectifiée se rectifie en nommant sa dernière rectification.
    if let Some(derniere) = derniere_rectification(journal, origine) {
        if derniere != cible + 1 {
            return Err(Refus::DejaRectifiee {
                numero: origine as u64 + 1,
                derniere: derniere as u64,
            });
        }
    } else if o[cible].is_some() {
        return Err(Refus::EntreeInconnue { numero: r.cible });
    }
    let visee = &journal[origine];
    let possible = match (&r.correction, visee) {
        (Correction::Annulation, Evenement::DossierCloture(_)) => true,
        (Correction::Decision(_), Evenement::ConcertationTenue(_)) => true,
        (Correction::Date(_), e) => e.date().is_some() && !matches!(e, Evenement::DossierOuvert(_)),
        _ => false,
    };
    if !possible {
        return Err(Refus::RectificationImpossible {
            entree: visee.description(),
        });
    }
    // Une clôture ne se rectifie que dans le délai réglé.
    if let Some(c) = &actuel.cloture {
        let jours = ctx.regles.rectification_cloture_jours;
        if (ctx.aujourdhui - c.date).num_days() > jours {
            return Err(Refus::RectificationTardive {
                cloture: c.date,
                jours,
            });
        }
    }
    // Le journal rectifié doit rester un parcours que la convention permet : chaque étape
    // à partir de l'entrée rectifiée repasse par les mêmes gardes.
    let mut candidat = journal.to_vec();
    let e = Evenement::Rectifiee(r.clone());
    candidat.push(e.clone());
    let effectif = journal_effectif(&candidat);
    if effectif == journal_effectif(journal) {
        return Err(Refus::AucunChangement);
    }
    let avant_cible = journal_effectif(&journal[..origine]).len();
    let mut d: Option<Dossier> = None;
    for (k, ev) in effectif.iter().enumerate() {
        match (&mut d, commande_de(ev)) {
            (Some(x), Some(c)) if k >= avant_cible => {
                decider(Some(x), &c, ctx)?;
                x.appliquer(ev);
            }
            (Some(x), _) => x.appliquer(ev),
            (None, _) => d = Dossier::rejouer([ev]),
        }
    }
    Ok(e)
}
