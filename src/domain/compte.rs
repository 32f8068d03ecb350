//! Les comptes du poste et qui voit quoi : un professionnel voit les dossiers dont il est le
//! conseiller dédié ou le référent social, et ceux qu'on lui a délégués pour une période ;
//! rien d'autre. L'administrateur gère les comptes sans lire les dossiers.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::date::Jour;

/// Un compte local : un identifiant de connexion, le professionnel de l'annuaire qu'il est
/// (aucun pour un compte d'administration seul) et ses droits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compte {
    pub id: Uuid,
    pub identifiant: String,
    pub professionnel: Option<Uuid>,
    pub administrateur: bool,
    pub actif: bool,
}

impl Compte {
    /// Le libellé des droits, tel qu'un administrateur le lit dans la liste des comptes.
    pub fn libelle_droits(&self) -> &'static str {
        match (self.administrateur, self.professionnel.is_some()) {
            (true, true) => "administrateur et professionnel",
            (true, false) => "administrateur",
            (false, _) => "professionnel",
        }
    }
}

/// Un identifiant de connexion : 3 à 40 lettres sans accent, chiffres, points, tirets.
pub fn verifier_identifiant(texte: &str) -> Result<String, String> {
    let t = texte.trim().to_lowercase();
    let n = t.chars().count();
    if !(3..=40).contains(&n) {
        return Err(format!(
            "L'identifiant « {} » doit compter de 3 à 40 caractères.",
            texte.trim()
        ));
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return Err(format!(
            "L'identifiant « {} » ne peut contenir que des lettres sans accent, des chiffres, des points, des tirets et des soulignés.",
            texte.trim()
        ));
    }
    Ok(t)
}

/// Une délégation : le titulaire confie ses dossiers (ou un seul) à un autre professionnel,
/// du premier au dernier jour inclus (absence, passation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegation {
    pub id: Uuid,
    pub titulaire: Uuid,
    pub delegataire: Uuid,
    /// Aucun : tout le portefeuille du titulaire.
    pub dossier: Option<Uuid>,
    pub debut: Jour,
    pub fin: Jour,
    /// Le compte qui l'a accordée (le titulaire ou un administrateur).
    pub accordee_par: Uuid,
    pub retiree: bool,
}

impl Delegation {
    pub fn en_cours(&self, jour: Jour) -> bool {
        !self.retiree && self.debut <= jour && jour <= self.fin
    }
}

/// Les dates d'une délégation : la fin ne précède pas le début.
pub fn verifier_periode(debut: Jour, fin: Jour) -> Result<(), String> {
    if fin < debut {
        return Err(format!(
            "La délégation finirait le {} avant de commencer le {} : corrigez les dates.",
            fin.format("%d/%m/%Y"),
            debut.format("%d/%m/%Y")
        ));
    }
    Ok(())
}

/// Ce qu'un professionnel peut voir ce jour-là : les siens et ce qui lui est délégué.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visibilite {
    pub moi: Option<Uuid>,
    /// Les titulaires dont tout le portefeuille m'est délégué aujourd'hui.
    pub titulaires: Vec<Uuid>,
    /// Les dossiers qui me sont délégués un à un aujourd'hui.
    pub dossiers: Vec<Uuid>,
}

impl Visibilite {
    pub fn de(moi: Option<Uuid>, delegations: &[Delegation], jour: Jour) -> Visibilite {
        let mut v = Visibilite {
            moi,
            ..Visibilite::default()
        };
        let Some(moi) = moi else {
            return v;
        };
        for d in delegations
            .iter()
            .filter(|d| d.delegataire == moi && d.en_cours(jour))
        {
            match d.dossier {
                Some(id) => v.dossiers.push(id),
                None => v.titulaires.push(d.titulaire),
            }
        }
        v
    }

    /// Vrai si le dossier (son conseiller, son référent) est visible.
    pub fn voit(&self, dossier: Uuid, conseiller: Option<Uuid>, referent: Option<Uuid>) -> bool {
        let Some(moi) = self.moi else {
            return false;
        };
        let tenu_par = |p: Uuid| p == moi || self.titulaires.contains(&p);
        conseiller.is_some_and(tenu_par)
            || referent.is_some_and(tenu_par)
            || self.dossiers.contains(&dossier)
    }

    /// Vrai si le dossier n'est visible que par délégation.
    pub fn par_delegation(
        &self,
        dossier: Uuid,
        conseiller: Option<Uuid>,
        referent: Option<Uuid>,
    ) -> bool {
        self.voit(dossier, conseiller, referent)
            && conseiller != self.moi
            && referent != self.moi
            && self.moi.is_some()
    }
}

/// Le délai d'attente imposé après `echecs` mots de passe faux d'affilée : aucun pour les
/// 5 premiers, puis 30 secondes doublées à chaque échec, jusqu'à une heure.
pub fn delai_apres_echecs(echecs: u32) -> chrono::Duration {
    if echecs < 5 {
        return chrono::Duration::zero();
    }
    let secondes = 30i64.saturating_mul(1i64 << (echecs - 5).min(7));
    chrono::Duration::seconds(secondes.min(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour(t: &str) -> Jour {
        crate::domain::date::lire_date(t).expect("date")
    }

    #[test]
    fn le_delai_grandit_apres_cinq_echecs() {
        assert_eq!(delai_apres_echecs(4).num_seconds(), 0);
        assert_eq!(delai_apres_echecs(5).num_seconds(), 30);
        assert_eq!(delai_apres_echecs(6).num_seconds(), 60);
        assert_eq!(delai_apres_echecs(9).num_seconds(), 480);
        assert_eq!(delai_apres_echecs(40).num_seconds(), 3600);
    }

    #[test]
    fn une_delegation_vaut_de_son_premier_a_son_dernier_jour() {
        let (moi, autre, dossier) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(9));
        let d = Delegation {
            id: Uuid::from_u128(5),
            titulaire: autre,
            delegataire: moi,
            dossier: None,
            debut: jour("01/12/2026"),
            fin: jour("15/12/2026"),
            accordee_par: autre,
            retiree: false,
        };
        let voit = |j: &str| {
            Visibilite::de(Some(moi), std::slice::from_ref(&d), jour(j)).voit(
                dossier,
                Some(autre),
                None,
            )
        };
        assert!(!voit("30/11/2026"));
        assert!(voit("01/12/2026"));
        assert!(voit("15/12/2026"));
        assert!(!voit("16/12/2026"));
        let v = Visibilite::de(Some(moi), &[d], jour("02/12/2026"));
        assert!(v.par_delegation(dossier, Some(autre), None));
        assert!(
            !v.voit(dossier, Some(Uuid::from_u128(3)), None),
            "un tiers reste caché"
        );
        assert!(!Visibilite::de(None, &[], jour("02/12/2026")).voit(dossier, None, None));
    }

    #[test]
    fn identifiants_acceptes_et_refuses() {
        assert_eq!(
            verifier_identifiant(" A.Martin ").as_deref(),
            Ok("a.martin")
        );
        assert!(verifier_identifiant("ab").is_err());
        assert!(verifier_identifiant("élodie").is_err());
    }
}
