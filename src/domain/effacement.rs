//! L'effacement d'une personne : à la fin de la durée de conservation (deux ans sans
//! contact après la clôture, selon le référentiel de la CNIL pour le suivi social et le
//! contrat signé), ou à sa demande quand rien ne l'interdit. Un dossier effacé ne garde que
//! ce que comptent les indicateurs : ni nom, ni identifiant, ni date de naissance, ni texte.

use serde::{Deserialize, Serialize};

use super::date::{ajouter_mois, date_fr, Jour};

/// Pourquoi un dossier est effacé ; le code est écrit au registre des purges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MotifEffacement {
    /// La durée de conservation est échue.
    Conservation,
    /// La personne s'est opposée au traitement et demande l'effacement.
    Demande,
}

impl MotifEffacement {
    pub fn code(self) -> &'static str {
        match self {
            MotifEffacement::Conservation => "conservation",
            MotifEffacement::Demande => "demande",
        }
    }

    pub fn depuis_code(code: &str) -> Option<MotifEffacement> {
        [MotifEffacement::Conservation, MotifEffacement::Demande]
            .into_iter()
            .find(|m| m.code() == code)
    }

    pub fn libelle(self) -> &'static str {
        match self {
            MotifEffacement::Conservation => "durée de conservation échue",
            MotifEffacement::Demande => "à la demande de la personne",
        }
    }
}

/// La durée de conservation après le dernier contact, en années (2 par défaut).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DureeConservation(u8);

impl Default for DureeConservation {
    fn default() -> Self {
        DureeConservation(2)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefusEffacement {
    #[error("La durée de conservation s'écrit en années, de 1 à 10 (le référentiel de la CNIL et le contrat prévoient 2 ans) : « {0} » ne convient pas.")]
    Duree(String),
    #[error("Le dossier est en cours : clôturez-le d'abord (motif « abandon » ou celui qui convient), puis effacez-le. La clôture compte dans les indicateurs ; l'effacement n'y retire rien.")]
    EnCours,
    #[error("La cotraitance de ce jeune est en cours : Pôle emploi y met fin d'abord (retour à l'emploi, décision sur une alerte), ou elle finit d'elle-même ; ses données s'effacent ensuite.")]
    CotraitanceEnCours,
    #[error("L'effacement à la demande de la personne se fait par le conseiller dédié ou le référent social qui suit le dossier, confirmé par un administrateur : {0}")]
    Habilitation(String),
    #[error("Indiquez la date de la demande de la personne.")]
    SansDemande,
    #[error("La demande ne peut pas être datée après aujourd'hui ({}).", date_fr(*.0))]
    DemandeFuture(Jour),
}

impl DureeConservation {
    pub fn annees(self) -> u8 {
        self.0
    }

    pub fn nouvelle(annees: u8) -> Result<DureeConservation, RefusEffacement> {
        if (1..=10).contains(&annees) {
            Ok(DureeConservation(annees))
        } else {
            Err(RefusEffacement::Duree(annees.to_string()))
        }
    }

    pub fn lire(texte: &str) -> Result<DureeConservation, RefusEffacement> {
        texte
            .trim()
            .parse::<u8>()
            .map_err(|_| RefusEffacement::Duree(texte.trim().to_string()))
            .and_then(DureeConservation::nouvelle)
    }

    /// Le jour à partir duquel un dossier clôturé est à effacer : la durée après le dernier
    /// contact, ou après la clôture si elle est plus tardive.
    pub fn echeance(self, cloture: Jour, dernier_contact: Option<Jour>) -> Jour {
        let depart = dernier_contact.map_or(cloture, |c| c.max(cloture));
        ajouter_mois(depart, 12 * u32::from(self.0))
    }

    /// Le dernier jour de contact ou de clôture qui rend un dossier à effacer aujourd'hui.
    pub fn limite(self, aujourdhui: Jour) -> Jour {
        let mois = 12 * i32::from(self.0);
        aujourdhui
            .checked_sub_months(chrono::Months::new(mois.unsigned_abs()))
            .unwrap_or(aujourdhui)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> Jour {
        crate::domain::date::lire_date(s).unwrap()
    }

    #[test]
    fn deux_ans_apres_le_dernier_contact_ou_la_cloture() {
        let d = DureeConservation::default();
        assert_eq!(d.echeance(j("10/03/2024"), None), j("10/03/2026"));
        assert_eq!(
            d.echeance(j("10/03/2024"), Some(j("01/06/2024"))),
            j("01/06/2026")
        );
        // Un contact noté avant la clôture ne raccourcit pas la conservation.
        assert_eq!(
            d.echeance(j("10/03/2024"), Some(j("01/01/2024"))),
            j("10/03/2026")
        );
        assert_eq!(d.limite(j("02/12/2026")), j("02/12/2024"));
    }

    #[test]
    fn la_duree_se_regle_de_un_a_dix_ans() {
        assert!(DureeConservation::lire("0").is_err());
        assert!(DureeConservation::lire("11").is_err());
        assert!(DureeConservation::lire("deux").is_err());
        assert_eq!(DureeConservation::lire(" 3 ").map(|d| d.annees()), Ok(3));
    }
}
