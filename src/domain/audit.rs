//! Le journal d'audit : qui a consulté, créé, modifié, imprimé ou exporté quel dossier, et
//! quand — des identifiants seulement, jamais de contenu personnel. Chaque entrée porte
//! l'empreinte de son contenu et de l'entrée précédente : retirer, insérer ou modifier une
//! entrée casse la chaîne, et la vérification dit où. Une purge garde un point de départ
//! (le numéro et l'empreinte de la dernière entrée retirée) pour que la suite reste
//! vérifiable.

use serde::{Deserialize, Serialize};

/// L'empreinte qui précède la toute première entrée.
pub const ORIGINE: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionAudit {
    Consultation,
    Creation,
    Modification,
    Impression,
    Export,
    Connexion,
    EchecConnexion,
    CompteModifie,
    Verrouillage,
    Effacement,
}

impl ActionAudit {
    pub const TOUTES: [ActionAudit; 10] = [
        ActionAudit::Consultation,
        ActionAudit::Creation,
        ActionAudit::Modification,
        ActionAudit::Impression,
        ActionAudit::Export,
        ActionAudit::Connexion,
        ActionAudit::EchecConnexion,
        ActionAudit::CompteModifie,
        ActionAudit::Verrouillage,
        ActionAudit::Effacement,
    ];

    /// Le code écrit dans la base et dans l'export.
    pub fn code(self) -> &'static str {
        match self {
            ActionAudit::Consultation => "consultation",
            ActionAudit::Creation => "creation",
            ActionAudit::Modification => "modification",
            ActionAudit::Impression => "impression",
            ActionAudit::Export => "export",
            ActionAudit::Connexion => "connexion",
            ActionAudit::EchecConnexion => "echec_connexion",
            ActionAudit::CompteModifie => "compte_modifie",
            ActionAudit::Verrouillage => "verrouillage",
            ActionAudit::Effacement => "effacement",
        }
    }

    pub fn depuis_code(code: &str) -> Option<ActionAudit> {
        ActionAudit::TOUTES.into_iter().find(|a| a.code() == code)
    }

    pub fn libelle(self) -> &'static str {
        match self {
            ActionAudit::Consultation => "consultation",
            ActionAudit::Creation => "création",
            ActionAudit::Modification => "modification",
            ActionAudit::Impression => "impression",
            ActionAudit::Export => "export",
            ActionAudit::Connexion => "connexion",
            ActionAudit::EchecConnexion => "échec de connexion",
            ActionAudit::CompteModifie => "compte ou droit modifié",
            ActionAudit::Verrouillage => "fenêtre verrouillée",
            ActionAudit::Effacement => "dossier effacé",
        }
    }
}

/// Une entrée, telle qu'elle est écrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntreeAudit {
    pub n: u64,
    /// Date et heure locales, `AAAA-MM-JJTHH:MM:SS`.
    pub horodatage: String,
    /// L'identifiant de qui agit (un professionnel, ou « poste » sans utilisateur).
    pub qui: String,
    pub action: ActionAudit,
    /// L'identifiant du dossier concerné, s'il y en a un.
    pub dossier: Option<String>,
}

/// L'empreinte d'une entrée, chaînée à la précédente.
pub fn empreinte(precedente: &str, e: &EntreeAudit) -> String {
    // Un tableau JSON : aucun champ ne peut déborder sur son voisin.
    let texte = serde_json::json!([
        precedente,
        e.n,
        e.horodatage,
        e.qui,
        e.action.code(),
        e.dossier
    ])
    .to_string();
    super::empreinte::sha256(texte.as_bytes())
}

/// Ce que la vérification a trouvé.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuptureAudit {
    #[error("Journal d'audit altéré : l'entrée n° {0} a été modifiée.")]
    Modifiee(u64),
    #[error("Journal d'audit altéré : après l'entrée n° {apres}, l'entrée suivante porte le n° {trouvee} (entrées retirées ou insérées).")]
    Trou { apres: u64, trouvee: u64 },
    #[error("Journal d'audit altéré : l'entrée n° {0} ne suit pas la précédente (entrée insérée ou remplacée).")]
    Chaine(u64),
}

/// Vérifie la suite des entrées depuis le point de départ `(numéro, empreinte)` de la
/// dernière purge ; rend le nombre d'entrées vérifiées.
pub fn verifier(
    depart: (u64, &str),
    entrees: &[(EntreeAudit, String, String)],
) -> Result<u64, RuptureAudit> {
    let (mut n, mut precedente) = (depart.0, depart.1.to_string());
    for (e, chainee_a, stockee) in entrees {
        if e.n != n + 1 {
            return Err(RuptureAudit::Trou {
                apres: n,
                trouvee: e.n,
            });
        }
        if *chainee_a != precedente {
            return Err(RuptureAudit::Chaine(e.n));
        }
        if empreinte(chainee_a, e) != *stockee {
            return Err(RuptureAudit::Modifiee(e.n));
        }
        n = e.n;
        precedente = stockee.clone();
    }
    Ok(entrees.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite(k: u64) -> Vec<(EntreeAudit, String, String)> {
        let mut v = Vec::new();
        let mut precedente = ORIGINE.to_string();
        for n in 1..=k {
            let e = EntreeAudit {
                n,
                horodatage: format!("2026-12-02T10:00:{n:02}"),
                qui: "p-1".into(),
                action: ActionAudit::Consultation,
                dossier: Some(format!("d-{n}")),
            };
            let h = empreinte(&precedente, &e);
            v.push((e, precedente.clone(), h.clone()));
            precedente = h;
        }
        v
    }

    #[test]
    fn une_suite_intacte_se_verifie() {
        assert_eq!(verifier((0, ORIGINE), &suite(5)), Ok(5));
    }

    #[test]
    fn modification_retrait_et_insertion_sont_trouves() {
        let mut v = suite(5);
        v[2].0.qui = "p-2".into();
        assert_eq!(verifier((0, ORIGINE), &v), Err(RuptureAudit::Modifiee(3)));
        let mut v = suite(5);
        v.remove(1);
        assert_eq!(
            verifier((0, ORIGINE), &v),
            Err(RuptureAudit::Trou {
                apres: 1,
                trouvee: 3
            })
        );
        // Une entrée réécrite avec une empreinte recalculée ne suit plus la précédente.
        let mut v = suite(5);
        v[3].1 = ORIGINE.into();
        v[3].2 = empreinte(ORIGINE, &v[3].0);
        assert_eq!(verifier((0, ORIGINE), &v), Err(RuptureAudit::Chaine(4)));
    }

    #[test]
    fn apres_une_purge_la_suite_se_verifie_depuis_le_point_garde() {
        let v = suite(6);
        let point = (3, v[2].2.clone());
        assert_eq!(verifier((point.0, &point.1), &v[3..]), Ok(3));
        assert!(verifier((0, ORIGINE), &v[3..]).is_err());
    }

    #[test]
    fn les_codes_se_relisent() {
        for a in ActionAudit::TOUTES {
            assert_eq!(ActionAudit::depuis_code(a.code()), Some(a));
        }
    }
}
