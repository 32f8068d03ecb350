//! Ce que deux installations d'un binôme se passent : les événements de leurs dossiers
//! communs, chacun avec son origine et son horloge (le même ordre commun des deux côtés),
//! et les accusés de réception de ce que l'on a déjà reçu de l'autre. Le paquet qui les
//! porte (signé, chiffré) est dans `formats::paquet`.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::dossier::Evenement;

/// Un événement tel qu'il voyage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvenementEchange {
    pub id: Uuid,
    pub dossier: Uuid,
    /// L'installation qui l'a écrit, et son numéro là-bas.
    pub origine: Uuid,
    pub seq_origine: i64,
    pub hlc_ms: i64,
    pub hlc_c: i64,
    pub auteur: String,
    pub horodatage: String,
    pub evenement: Evenement,
}

/// « Du dossier `dossier`, j'ai reçu tous tes événements jusqu'à ton numéro `jusqua` ».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accuse {
    pub dossier: Uuid,
    pub jusqua: i64,
}

/// Un fait de cotraitance tel qu'il voyage, entre l'installation de Pôle emploi et celle de
/// la mission locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaitEchange {
    pub id: Uuid,
    pub cotraitance: Uuid,
    pub origine: Uuid,
    pub seq_origine: i64,
    pub hlc_ms: i64,
    pub hlc_c: i64,
    pub auteur: String,
    pub horodatage: String,
    pub evenement: super::cotraitance::Evenement,
}

/// Le contenu d'un paquet, une fois déchiffré et sa signature vérifiée.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub evenements: Vec<EvenementEchange>,
    pub accuses: Vec<Accuse>,
    /// Les faits des jeunes en cotraitance communs aux deux installations (absents des
    /// paquets d'avant la cotraitance).
    #[serde(default)]
    pub cotraitance: Vec<FaitEchange>,
}

/// Un élément en quelques mots, pour dire ce qu'un paquet contient.
pub fn intitule(e: &Evenement) -> String {
    match e {
        Evenement::DossierOuvert(_) => "ouverture du dossier".into(),
        Evenement::IdentiteModifiee(_) | Evenement::SituationChangee { .. } => {
            "situation de la personne".into()
        }
        Evenement::DesignationEnregistree(_) => "désignation du référent".into(),
        Evenement::MembreAffecte { .. } => "membre du binôme".into(),
        Evenement::AgenceChangee { .. } => "agence".into(),
        Evenement::DiagnosticEnregistre(d) => format!("diagnostic ({})", d.volet.libelle()),
        Evenement::FicheCreee(f) => format!("fiche de liaison n° {}", f.numero),
        Evenement::FicheEnvoyee { numero, .. } => format!("envoi de la fiche n° {numero}"),
        Evenement::FicheRetournee { numero, .. } => format!("retour de la fiche n° {numero}"),
        Evenement::ConcertationTenue(_) => "décision de concertation".into(),
        Evenement::AccordsAttribues(_) => "accord de concertation".into(),
        Evenement::ActionAjoutee(a) => format!("action n° {}", a.numero),
        Evenement::StatutActionChange { numero, .. } => format!("suivi de l'action n° {numero}"),
        Evenement::RessourcePrescrite { .. } | Evenement::RessourcePrescriteAuDiagnostic(_) => {
            "ressource prescrite".into()
        }
        Evenement::InitialisationRealisee { .. } => "entretien d'initialisation".into(),
        Evenement::ContratSigne { .. } => "signature du contrat".into(),
        Evenement::EntreeReprise { .. } => "entrée reprise du suivi antérieur".into(),
        Evenement::Reconduit(_) => "reconduction".into(),
        Evenement::PointPlanifie(p) => format!("point d'échanges n° {} planifié", p.numero),
        Evenement::PointTenu { numero, .. } => format!("point d'échanges n° {numero} tenu"),
        Evenement::ContactEnregistre(_) => "contact".into(),
        Evenement::OrienteSocialExclusif(_) => "orientation vers le social exclusif".into(),
        Evenement::RetourAccompagnementGlobal { .. } => "retour en accompagnement global".into(),
        Evenement::DossierCloture(_) => "clôture".into(),
        Evenement::ConsentementRecueilli(_) => "consentement".into(),
        Evenement::ConsentementRevoque { .. } => "retrait du consentement".into(),
        Evenement::DocumentImprime { .. } => "impression".into(),
        Evenement::Rectifiee(_) => "rectification".into(),
        Evenement::ConflitsRevus { .. } => "conflits revus".into(),
        Evenement::AccordDonne { .. } => "accord donné".into(),
    }
}

fn pluriel(n: usize, mot: &str) -> String {
    format!("{n} {mot}{}", if n > 1 { "s" } else { "" })
}

/// Le résumé d'un paquet, avec ses jeunes en cotraitance s'il en porte.
pub fn resume_complet(dossiers: usize, evenements: &[&Evenement], charge: &Charge) -> String {
    let r = resume(dossiers, evenements);
    if charge.cotraitance.is_empty() {
        return r;
    }
    let jeunes: std::collections::BTreeSet<Uuid> =
        charge.cotraitance.iter().map(|f| f.cotraitance).collect();
    format!(
        "{r} ; cotraitance : {} ({})",
        pluriel(jeunes.len(), "jeune"),
        pluriel(charge.cotraitance.len(), "fait")
    )
}

/// « 3 dossiers, 11 éléments : fiche de liaison n° 2, accord de concertation… ».
pub fn resume(dossiers: usize, evenements: &[&Evenement]) -> String {
    const MONTRES: usize = 6;
    if evenements.is_empty() {
        return format!(
            "{}, aucun élément nouveau (seulement les accusés de réception)",
            pluriel(dossiers, "dossier")
        );
    }
    let mut vus: Vec<String> = Vec::new();
    for e in evenements {
        let i = intitule(e);
        if !vus.contains(&i) {
            vus.push(i);
        }
    }
    let mut liste = vus
        .iter()
        .take(MONTRES)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if vus.len() > MONTRES {
        liste.push('…');
    }
    format!(
        "{}, {} : {liste}",
        pluriel(dossiers, "dossier"),
        pluriel(evenements.len(), "élément")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Jour;

    #[test]
    fn le_resume_compte_et_nomme_sans_repeter() {
        let j = Jour::from_ymd_opt(2026, 3, 2).expect("date");
        let a = Evenement::FicheEnvoyee {
            numero: 2,
            date: j,
            fiche_id: None,
        };
        let b = Evenement::ContratSigne { date: j };
        let t = resume(3, &[&a, &b, &a]);
        assert_eq!(
            t,
            "3 dossiers, 3 éléments : envoi de la fiche n° 2, signature du contrat"
        );
        assert!(resume(1, &[]).starts_with("1 dossier, aucun élément"));
    }
}
