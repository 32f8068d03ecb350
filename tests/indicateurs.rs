//! Indicateurs de l'annexe 7 sur un jeu de dossiers dont chaque chiffre est calculé à la main.

mod commun;

use binome::domain::diagnostic::Volet;
use binome::domain::dossier::{Accord, Canal, Commande, MotifSortie, Ouverture};
use binome::domain::professionnel::Role;
use binome::indicateurs::{calculer, Compte, Journal, Mois};
use commun::*;
use uuid::Uuid;

fn mois(a: i32, m: u32) -> Mois {
    Mois { annee: a, mois: m }
}

fn contact(date: &str, role: Role) -> Commande {
    Commande::EnregistrerContact {
        date: j(date),
        canal: Canal::Telephone,
        role,
        objet: String::new(),
    }
}

/// A : au RSA, initiative du conseiller, entré le 02/02/2026, change d'agence le 01/04,
/// sort en emploi le 15/04 (72 jours). B : sans RSA, initiative du référent, orienté en
/// accompagnement social exclusif le 10/01/2026.
fn jeu() -> (Parcours, Parcours) {
    let mut a = Parcours::entre(Role::Conseiller);
    a.faire(contact("10/02/2026", Role::Conseiller))
        .faire(contact("12/02/2026", Role::Referent))
        .faire(Commande::AjouterAction {
            volet: Volet::Social,
            libelle: "Auto-école sociale".into(),
            porteur: Role::Referent,
            date: j("10/02/2026"),
            echeance: None,
            besoin: Some("permis".into()),
        })
        .faire(contact("05/03/2026", Role::Conseiller))
        .faire(Commande::ChangerAgence {
            agence: "AG-AUTRE".into(),
            date: j("01/04/2026"),
        })
        .faire(Commande::Cloturer {
            date: j("15/04/2026"),
            motif: MotifSortie::RetourEmploi,
            accord: Accord::default(),
            commentaire: String::new(),
        });
    let mut b = Parcours::new(j("01/12/2026"));
    let mut personne = personne("7654321B");
    personne.brsa = false;
    b.faire(Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(77),
        personne,
        initiative: Role::Referent,
        date: j("05/01/2026"),
        conseiller: None,
        referent: Some(membre(Role::Referent)),
    }))
    .faire(Commande::OrienterSocialExclusif {
        date: j("10/01/2026"),
        adhesion: true,
        mois: 6,
        propose_par: Role::Referent,
    });
    (a, b)
}

/// Les indicateurs du jeu, de `de` à `a`.
fn indicateurs_du_jeu(de: Mois, a: Mois) -> binome::indicateurs::Indicateurs {
    let (p, q) = jeu();
    calculer(
        [
            Journal {
                evenements: &p.journal,
            },
            Journal {
                evenements: &q.journal,
            },
        ],
        de,
        a,
        freins(),
    )
}

fn c(total: u64, brsa: u64) -> Compte {
    Compte { total, brsa }
}

#[test]
fn chaque_indicateur_compte_au_bon_mois_dans_la_bonne_agence() {
    let t = indicateurs_du_jeu(mois(2026, 1), mois(2026, 4));
    let jan = &t[&(mois(2026, 1), "AG-TEST".to_string())];
    assert_eq!(jan.prescriptions_par_conseiller, c(1, 1));
    assert_eq!(jan.prescriptions_par_referent, c(1, 0));
    assert_eq!(jan.diagnostics_emploi, c(1, 1));
    assert_eq!(jan.diagnostics_social, c(1, 1));
    assert_eq!(jan.diagnostics_partages, c(1, 1));
    assert_eq!(jan.orientations_social_exclusif, c(1, 0));
    assert_eq!(jan.entrees, c(0, 0));
    assert_eq!(jan.taux_integration(), Some(0.0));
    assert_eq!(jan.orientations_social_exclusif.part_brsa(), Some(0.0));

    let fev = &t[&(mois(2026, 2), "AG-TEST".to_string())];
    assert_eq!(fev.entrees, c(1, 1));
    assert_eq!(
        fev.contacts_pole_emploi, 1,
        "le contact du référent ne compte pas"
    );
    assert_eq!(fev.accompagnements_actifs, 1);
    assert_eq!(fev.contacts_moyens(), Some(1.0));
    assert_eq!(fev.prescriptions_par_famille.get("Se déplacer"), Some(&1));
    assert_eq!(fev.diagnostics_partages, c(0, 0));

    let mars = &t[&(mois(2026, 3), "AG-TEST".to_string())];
    assert_eq!(mars.contacts_pole_emploi, 1);
    assert_eq!(mars.accompagnements_actifs, 1);

    // En avril, la personne dépend de l'autre agence : sa sortie y est comptée.
    let avril = &t[&(mois(2026, 4), "AG-AUTRE".to_string())];
    assert_eq!(avril.sorties, c(1, 1));
    assert_eq!(avril.duree_moyenne_jours(), Some(72.0));
    assert_eq!(avril.sorties_par_nature.get("emploi"), Some(&1));
    assert_eq!(avril.accompagnements_actifs, 1);
    assert!(!t.contains_key(&(mois(2026, 4), "AG-TEST".to_string())));
}

#[test]
fn la_periode_borne_les_comptes() {
    let t = indicateurs_du_jeu(mois(2026, 2), mois(2026, 3));
    assert!(t
        .keys()
        .all(|(m, _)| *m >= mois(2026, 2) && *m <= mois(2026, 3)));
    let entrees: u64 = t.values().map(|c| c.entrees.total).sum();
    let sorties: u64 = t.values().map(|c| c.sorties.total).sum();
    let diagnostics: u64 = t.values().map(|c| c.diagnostics_partages.total).sum();
    assert_eq!((entrees, sorties, diagnostics), (1, 0, 0));
}

#[test]
fn une_reorientation_n_est_pas_une_sortie_d_accompagnement() {
    let mut p = Parcours::diagnostique(Role::Conseiller);
    p.faire(Commande::TenirConcertation {
        date: j("20/01/2026"),
        decision: binome::domain::dossier::Decision::Reorientation(
            binome::domain::dossier::Cible::ModalitePoleEmploi,
        ),
        accord: Accord::CONJOINT,
        commentaire: String::new(),
    });
    let t = calculer(
        [Journal {
            evenements: &p.journal,
        }],
        mois(2026, 1),
        mois(2026, 1),
        freins(),
    );
    let jan = &t[&(mois(2026, 1), "AG-TEST".to_string())];
    assert_eq!(jan.sorties, c(0, 0));
    assert_eq!(jan.diagnostics_partages, c(1, 1));
}
