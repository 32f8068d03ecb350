//! Référentiel des 7 familles de freins et de leurs besoins (annexe 1), lu depuis des
//! données versionnées : les intitulés « sont susceptibles d'être modifiés ».

use serde::{Deserialize, Serialize};

/// Le référentiel livré avec l'application.
pub const FREINS_JSON: &str = include_str!("../../assets/referentiels/freins.json");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Libelle {
    pub code: String,
    pub libelle: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Besoin {
    pub code: String,
    pub libelle: String,
    /// Code « contrainte » France Travail quand il diffère de celui de la famille.
    #[serde(default)]
    pub code_france_travail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Famille {
    pub numero: u8,
    pub code: String,
    pub code_france_travail: String,
    pub libelle: String,
    pub besoins: Vec<Besoin>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freins {
    pub version: String,
    pub source: String,
    pub situations: Vec<Libelle>,
    pub objectifs: Vec<Libelle>,
    pub familles: Vec<Famille>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurReferentiel {
    #[error("Le référentiel des freins est illisible : {0}")]
    Illisible(String),
    #[error("Le référentiel des freins est incohérent : {0}")]
    Incoherent(String),
}

impl Freins {
    /// Le référentiel embarqué ; il est vérifié par les tests, d'où l'absence d'erreur.
    pub fn embarque() -> Freins {
        Freins::lire(FREINS_JSON).unwrap_or_else(|e| panic!("référentiel embarqué: {e}"))
    }

    /// Le référentiel embarqué, lu une fois par processus.
    pub fn partage() -> &'static Freins {
        static FREINS: std::sync::OnceLock<Freins> = std::sync::OnceLock::new();
        FREINS.get_or_init(Freins::embarque)
    }

    pub fn lire(json: &str) -> Result<Freins, ErreurReferentiel> {
        let freins: Freins =
            serde_json::from_str(json).map_err(|e| ErreurReferentiel::Illisible(e.to_string()))?;
        freins.verifier()?;
        Ok(freins)
    }

    fn verifier(&self) -> Result<(), ErreurReferentiel> {
        let mut codes = std::collections::HashSet::new();
        if self.familles.is_empty() {
            return Err(ErreurReferentiel::Incoherent("aucune famille".into()));
        }
        for f in &self.familles {
            if !codes.insert(f.code.as_str()) {
                return Err(ErreurReferentiel::Incoherent(format!(
                    "famille « {} » en double",
                    f.code
                )));
            }
            if f.besoins.is_empty() {
                return Err(ErreurReferentiel::Incoherent(format!(
                    "la famille « {} » n'a aucun besoin",
                    f.libelle
                )));
            }
            for b in &f.besoins {
                if !codes.insert(b.code.as_str()) {
                    return Err(ErreurReferentiel::Incoherent(format!(
                        "besoin « {} » en double",
                        b.code
                    )));
                }
            }
        }
        Ok(())
    }

    pub fn famille(&self, code: &str) -> Option<&Famille> {
        self.familles.iter().find(|f| f.code == code)
    }

    /// Le libellé d'une ligne de diagnostic : le besoin ; ou, pour une famille entière (ce
    /// que le conseiller voit d'un frein hors du consentement), la contrainte sans détail.
    pub fn libelle_evaluation(&self, code: &str) -> String {
        match (self.besoin(code), self.famille(code)) {
            (Some((_, b)), _) => b.libelle.clone(),
            (None, Some(f)) => format!("Contrainte « {} » : oui (détail non partagé)", f.libelle),
            (None, None) => code.to_string(),
        }
    }

    /// La famille d'un besoin, et le besoin.
    pub fn besoin(&self, code: &str) -> Option<(&Famille, &Besoin)> {
        self.familles
            .iter()
            .find_map(|f| f.besoins.iter().find(|b| b.code == code).map(|b| (f, b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn le_referentiel_embarque_a_7_familles_et_leurs_besoins() {
        let r = Freins::embarque();
        assert_eq!(r.familles.len(), 7);
        let besoins: usize = r.familles.iter().map(|f| f.besoins.len()).sum();
        assert_eq!(besoins, 29);
        let (famille, besoin) = r.besoin("permis").expect("besoin permis");
        assert_eq!(famille.libelle, "Se déplacer");
        assert_eq!(famille.code_france_travail, "23");
        assert_eq!(besoin.libelle, "Passer son permis de conduire");
        let (f, b) = r.besoin("liens-sociaux").expect("liens sociaux");
        assert_eq!(f.numero, 3);
        assert_eq!(b.code_france_travail.as_deref(), Some("24"));
        assert_eq!(r.situations.len(), 3);
        assert_eq!(r.objectifs.len(), 4);
    }

    #[test]
    fn un_referentiel_incoherent_est_refuse() {
        let double = FREINS_JSON.replace("\"code\": \"permis\"", "\"code\": \"vehicule\"");
        assert!(matches!(
            Freins::lire(&double),
            Err(ErreurReferentiel::Incoherent(m)) if m.contains("vehicule")
        ));
        assert!(matches!(
            Freins::lire("{"),
            Err(ErreurReferentiel::Illisible(_))
        ));
    }
}
