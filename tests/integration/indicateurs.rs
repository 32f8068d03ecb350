//! Indicateurs de l'annexe 7 sur un jeu de dossiers dont chaque chiffre est calculé à la main.
//!
//! Le jeu (aujourd'hui : 01/12/2026), toutes les personnes dans l'agence AG-TEST au départ :
//! - A : au RSA, femme née le 14/07/1988 (37 ans à l'entrée), initiative du conseiller ;
//!   diagnostics le 06/01 (permis : frein) et le 14/01 (logement : frein) ; entrée le
//!   02/02/2026 ; contact conseiller le 10/02, référent le 12/02 ; action « permis » le 10/02 ;
//!   ressource prescrite le 28/02 (dernier jour du mois) ; contact conseiller le 05/03 ;
//!   change d'agence (AG-AUTRE) le 01/04 ; diagnostic du 10/04 : permis réalisé ; sort en
//!   emploi le 15/04 (72 jours).
//! - B : sans RSA, initiative du référent le 05/01, orienté en accompagnement social exclusif
//!   le 10/01.
//! - C : au RSA, initiative du référent, diagnostic partagé le 14/01, ressource prescrite au
//!   diagnostic le 16/01 (l'épicerie sociale, se loger), réorienté vers une modalité Pôle
//!   emploi en concertation le 20/01.
//! - D : initiative du conseiller (au RSA à l'ouverture), puis situation changée le 21/01 :
//!   homme né le 01/03/1970 (55 ans), enfant mineur, sans RSA ; entrée le 31/01/2026 (dernier jour du
//!   mois) ; reconduit de 6 mois le 27/02 ; contact conseiller le 01/03 ; sort à sa demande le
//!   01/03 (29 jours).

use crate::commun::*;
use binome::domain::diagnostic::{Evaluation, Objectif, Situation, Volet};
use binome::domain::dossier::{
    Accord, Canal, Cible, Commande, Decision, MotifSortie, Ouverture, Prescription,
};
use binome::domain::indicateurs::{
    calculer, dossiers_de_la_case, Bornes, Case, Cle, Compte, Indicateurs, Journal, Mois,
};
use binome::domain::personne::Civilite;
use binome::domain::professionnel::Role;
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

fn dossier_a() -> Parcours {
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
        .faire(Commande::PrescrireRessource {
            action: 3,
            prescription: Prescription {
                ressource: "R-1".into(),
                nom: "Auto-école solidaire".into(),
                besoin: "permis".into(),
                date: j("28/02/2026"),
            },
        })
        .faire(contact("05/03/2026", Role::Conseiller))
        .faire(Commande::ChangerAgence {
            agence: "AG-AUTRE".into(),
            date: j("01/04/2026"),
        })
        .faire(Commande::EnregistrerDiagnostic(
            binome::domain::diagnostic::Diagnostic {
                volet: Volet::Emploi,
                date: j("10/04/2026"),
                synthese: "Permis obtenu.".into(),
                evaluations: vec![Evaluation {
                    besoin: "permis".into(),
                    situation: Situation::Oui,
                    objectif: Objectif::Realise,
                    commentaire: String::new(),
                    confidentiel: false,
                }],
            },
        ))
        .faire(Commande::Cloturer {
            date: j("15/04/2026"),
            motif: MotifSortie::RetourEmploi,
            accord: Accord::default(),
            commentaire: String::new(),
        });
    a
}

fn dossier_b() -> Parcours {
    let mut b = Parcours::new(j("01/12/2026"));
    let mut personne = personne("7654321B");
    personne.brsa = false;
    b.faire(Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(77),
        personne,
        initiative: Role::Referent,
        prescripteur: None,
        date: j("05/01/2026"),
        conseiller: None,
        referent: Some(membre(Role::Referent)),
    }))
    .faire(Commande::OrienterSocialExclusif {
        date: j("10/01/2026"),
        adhesion: true,
        mois: 6,
        propose_par: Role::Referent,
        coproposee: false,
        accord: Accord::CONJOINT,
    });
    b
}

fn dossier_c() -> Parcours {
    let mut c = Parcours::diagnostique(Role::Referent);
    c.faire(Commande::PrescrireAuDiagnostic(Prescription {
        ressource: "R-2".into(),
        nom: "Épicerie sociale".into(),
        besoin: "trouver-logement".into(),
        date: j("16/01/2026"),
    }))
    .faire(Commande::TenirConcertation {
        date: j("20/01/2026"),
        decision: Decision::Reorientation(Cible::ModalitePoleEmploi),
        accord: Accord::CONJOINT,
        commentaire: String::new(),
    });
    c
}

fn dossier_d() -> Parcours {
    let mut d = Parcours::valide(Role::Conseiller);
    let mut p = personne("1234567A");
    p.civilite = Civilite::Monsieur;
    p.date_naissance = j("01/03/1970");
    p.enfant_mineur = true;
    p.brsa = false;
    d.faire(Commande::ChangerSituation {
        personne: p,
        date: j("21/01/2026"),
    })
    .faire(Commande::RealiserInitialisation {
        date: j("31/01/2026"),
    })
    .faire(Commande::SignerContrat {
        date: j("31/01/2026"),
    })
    .faire(Commande::Reconduire {
        date: j("27/02/2026"),
        mois: 6,
        accord: Accord::CONJOINT,
    })
    .faire(contact("01/03/2026", Role::Conseiller))
    .faire(Commande::Cloturer {
        date: j("01/03/2026"),
        motif: MotifSortie::DemandePersonne,
        accord: Accord::default(),
        commentaire: String::new(),
    });
    d
}

fn jeu() -> Vec<Parcours> {
    vec![dossier_a(), dossier_b(), dossier_c(), dossier_d()]
}

fn bornes(de: Mois, a: Mois) -> Bornes {
    Bornes {
        de,
        a,
        aujourdhui: j("01/12/2026"),
    }
}

/// Les indicateurs du jeu, de `de` à `a`.
fn indicateurs_du_jeu(de: Mois, a: Mois) -> Indicateurs {
    let jeu = jeu();
    calculer(
        jeu.iter().map(|p| Journal {
            evenements: &p.journal,
        }),
        bornes(de, a),
        freins(),
    )
}

fn c(total: u64, brsa: u64) -> Compte {
    Compte { total, brsa }
}

fn cle(m: Mois, agence: &str) -> (Mois, String) {
    (m, agence.to_string())
}

#[test]
fn janvier_prescriptions_diagnostics_orientations_et_entree_du_dernier_jour() {
    let t = indicateurs_du_jeu(mois(2026, 1), mois(2026, 4));
    let jan = &t[&cle(mois(2026, 1), "AG-TEST")];
    // B, orienté directement en accompagnement social exclusif, n'est pas une prescription
    // vers un diagnostic volet emploi.
    assert_eq!(jan.compte(Cle::PrescriptionsDiagnostic), c(3, 3));
    assert_eq!(
        jan.detail(Cle::PrescriptionsDiagnostic, "conseiller"),
        c(2, 2)
    );
    assert_eq!(
        jan.detail(Cle::PrescriptionsDiagnostic, "referent"),
        c(1, 1)
    );
    assert_eq!(jan.compte(Cle::OrientationsSocialExclusif), c(1, 0));
    assert_eq!(
        jan.compte(Cle::OrientationsSocialExclusif).part_brsa(),
        Some(0.0)
    );
    assert_eq!(jan.compte(Cle::DiagnosticsEmploi), c(3, 3));
    assert_eq!(jan.compte(Cle::DiagnosticsSocial), c(3, 3));
    assert_eq!(jan.compte(Cle::DiagnosticsPartages), c(3, 3));
    // Prescription lors du diagnostic partagé : celle de C, au diagnostic, le 16/01 (une
    // personne réorientée compte) ; celle de A, le 28/02, après son entrée, n'en est pas une.
    assert_eq!(jan.compte(Cle::DiagnosticsAvecPrescription), c(1, 1));
    assert_eq!(jan.taux_prescription(), Some(100.0 / 3.0));
    assert_eq!(
        jan.detail(Cle::RessourcesPrescrites, "Épicerie sociale"),
        c(1, 1)
    );
    assert_eq!(jan.detail(Cle::RessourcesParFamille, "se-loger"), c(1, 1));
    assert_eq!(
        jan.detail(Cle::Reorientations, "modalite_pole_emploi"),
        c(1, 1)
    );
    // D entre le 31/01 : janvier, pas février ; il n'est plus au RSA.
    assert_eq!(jan.compte(Cle::Entrees), c(1, 0));
    // Taux d'intégration, par cohorte : A, C et D ont leur diagnostic partagé en janvier ;
    // A (entré le 02/02) et D (le 31/01) sont entrés, C a été réorienté : 2 sur 3.
    assert_eq!(jan.compte(Cle::EntreesDeLaCohorte), c(2, 2));
    assert_eq!(jan.taux_integration(), Some(200.0 / 3.0));
    assert_eq!(jan.detail(Cle::EntreesParAge, "50_plus"), c(1, 0));
    assert_eq!(jan.detail(Cle::EntreesParSexe, "homme"), c(1, 0));
    assert_eq!(jan.compte(Cle::EntreesEnfantMineur), c(1, 0));
    assert_eq!(jan.detail(Cle::EntreesParCommune, "13004"), c(1, 0));
    assert_eq!(
        jan.detail(Cle::FreinsPremierDiagnostic, "se-deplacer"),
        c(3, 3)
    );
    assert_eq!(
        jan.detail(Cle::FreinsPremierDiagnostic, "se-loger"),
        c(3, 3)
    );
    assert_eq!(jan.compte(Cle::AccompagnementsActifs), c(1, 0));
    // D, entré le 31/01 : ses entretiens n°1 et n°2 sont ses premiers contacts.
    assert_eq!(jan.compte(Cle::ContactsPoleEmploi), c(2, 0));
    assert_eq!(jan.cellule(Cle::EnCours).total, 1);
    assert_eq!(jan.duree_moyenne_en_cours(), Some(0.0));
    assert_eq!(jan.compte(Cle::Sorties), c(0, 0));
}

#[test]
fn fevrier_entree_reconduction_contacts_et_prescriptions() {
    let t = indicateurs_du_jeu(mois(2026, 1), mois(2026, 4));
    let fev = &t[&cle(mois(2026, 2), "AG-TEST")];
    assert_eq!(fev.compte(Cle::Entrees), c(1, 1));
    assert_eq!(fev.detail(Cle::EntreesParAge, "26_49"), c(1, 1));
    assert_eq!(fev.detail(Cle::EntreesParSexe, "femme"), c(1, 1));
    assert_eq!(fev.compte(Cle::EntreesEnfantMineur), c(0, 0));
    assert_eq!(fev.compte(Cle::Reconductions), c(1, 0));
    // A : ses entretiens n°1 (volet emploi) et n°2 comptent à l'entrée du 02/02, puis le
    // contact du conseiller du 10/02 ; celui du référent ne compte pas.
    assert_eq!(fev.compte(Cle::ContactsPoleEmploi), c(3, 3));
    assert_eq!(fev.detail(Cle::ContactsPoleEmploi, "entretien_n1"), c(1, 1));
    assert_eq!(fev.detail(Cle::ContactsPoleEmploi, "entretien_n2"), c(1, 1));
    assert_eq!(fev.compte(Cle::AccompagnementsActifs), c(2, 1));
    assert_eq!(fev.contacts_moyens(), Some(1.5));
    assert_eq!(fev.detail(Cle::ActionsParFamille, "se-deplacer"), c(1, 1));
    assert_eq!(
        fev.detail(Cle::RessourcesPrescrites, "Auto-école solidaire"),
        c(1, 1)
    );
    assert_eq!(
        fev.detail(Cle::RessourcesParFamille, "se-deplacer"),
        c(1, 1)
    );
    // En cours au 28/02 : A depuis 26 jours, D depuis 28 jours.
    assert_eq!(fev.compte(Cle::EnCours), c(2, 1));
    assert_eq!(fev.duree_moyenne_en_cours(), Some(27.0));
    assert_eq!(fev.compte(Cle::DiagnosticsPartages), c(0, 0));
    // La prescription de A après son entrée n'est pas une prescription au diagnostic.
    assert_eq!(fev.compte(Cle::DiagnosticsAvecPrescription), c(0, 0));
}

#[test]
fn mars_sortie_a_la_demande_de_la_personne() {
    let t = indicateurs_du_jeu(mois(2026, 1), mois(2026, 4));
    let mars = &t[&cle(mois(2026, 3), "AG-TEST")];
    assert_eq!(mars.compte(Cle::ContactsPoleEmploi).total, 2);
    assert_eq!(mars.compte(Cle::Sorties), c(1, 0));
    assert_eq!(mars.detail(Cle::Sorties, "demande_personne"), c(1, 0));
    assert_eq!(mars.duree_moyenne_jours(), Some(29.0));
    // D : entretiens n°1 et n°2 (comptés à l'entrée du 31/01) et le contact du 01/03.
    assert_eq!(mars.contacts_par_ag_termine(), Some(3.0));
    assert_eq!(mars.compte(Cle::AccompagnementsActifs), c(2, 1));
    assert_eq!(mars.taux_sortie(), Some(50.0));
    // D est sorti le 01/03 : seule A est en cours au 31/03, depuis 57 jours.
    assert_eq!(mars.compte(Cle::EnCours), c(1, 1));
    assert_eq!(mars.duree_moyenne_en_cours(), Some(57.0));
    assert_eq!(mars.detail(Cle::FreinsDesSortants, "se-deplacer"), c(1, 0));
    assert_eq!(mars.detail(Cle::FreinsLeves, "se-deplacer"), c(0, 0));
}

#[test]
fn avril_le_changement_d_agence_et_les_freins_leves() {
    let t = indicateurs_du_jeu(mois(2026, 1), mois(2026, 4));
    // En avril, A dépend de l'autre agence : sa sortie et son mois d'activité y sont comptés.
    let avril = &t[&cle(mois(2026, 4), "AG-AUTRE")];
    assert_eq!(avril.compte(Cle::Sorties), c(1, 1));
    assert_eq!(avril.detail(Cle::Sorties, "emploi"), c(1, 1));
    assert_eq!(avril.duree_moyenne_jours(), Some(72.0));
    // A : entretiens n°1 et n°2, contacts du 10/02 et du 05/03, et l'actualisation du
    // volet emploi du 10/04, un entretien avec le conseiller.
    assert_eq!(avril.contacts_par_ag_termine(), Some(5.0));
    assert_eq!(avril.detail(Cle::ContactsPoleEmploi, "entretien"), c(1, 1));
    assert_eq!(avril.compte(Cle::AccompagnementsActifs), c(1, 1));
    assert_eq!(avril.compte(Cle::EnCours), c(0, 0));
    assert_eq!(avril.detail(Cle::FreinsDesSortants, "se-deplacer"), c(1, 1));
    assert_eq!(avril.detail(Cle::FreinsDesSortants, "se-loger"), c(1, 1));
    assert_eq!(avril.detail(Cle::FreinsLeves, "se-deplacer"), c(1, 1));
    assert_eq!(avril.detail(Cle::FreinsLeves, "se-loger"), c(0, 0));
    assert!(!t.contains_key(&cle(mois(2026, 4), "AG-TEST")));
    // Rien après avril.
    assert!(t.keys().all(|(m, _)| *m <= mois(2026, 4)));
}

#[test]
fn la_periode_borne_les_comptes() {
    let t = indicateurs_du_jeu(mois(2026, 2), mois(2026, 3));
    assert!(t
        .keys()
        .all(|(m, _)| *m >= mois(2026, 2) && *m <= mois(2026, 3)));
    let somme = |k: Cle| -> u64 { t.values().map(|c| c.compte(k).total).sum() };
    assert_eq!(somme(Cle::Entrees), 1);
    assert_eq!(somme(Cle::Sorties), 1);
    assert_eq!(somme(Cle::DiagnosticsPartages), 0);
    assert_eq!(somme(Cle::AccompagnementsActifs), 4);
}

#[test]
fn une_reorientation_n_est_pas_une_sortie_d_accompagnement() {
    let t = indicateurs_du_jeu(mois(2026, 1), mois(2026, 12));
    let sorties: u64 = t.values().map(|c| c.compte(Cle::Sorties).total).sum();
    assert_eq!(sorties, 2, "A et D seulement");
    let reorientations: u64 = t
        .values()
        .map(|c| c.compte(Cle::Reorientations).total)
        .sum();
    assert_eq!(reorientations, 1);
}

#[test]
fn le_detail_d_une_case_donne_les_dossiers_comptes() {
    let jeu = jeu();
    let journaux = || {
        jeu.iter().map(|p| Journal {
            evenements: &p.journal,
        })
    };
    let b = bornes(mois(2026, 1), mois(2026, 4));
    let case = |m: u32, cle: Cle, detail: Option<&str>| Case {
        mois: Some(mois(2026, m)),
        agence: Some("AG-TEST".into()),
        cle,
        detail: detail.map(str::to_string),
    };
    let orientes = dossiers_de_la_case(
        journaux(),
        b,
        freins(),
        &case(1, Cle::OrientationsSocialExclusif, None),
    );
    assert_eq!(orientes, vec![Uuid::from_u128(77)]);
    let actifs = dossiers_de_la_case(
        journaux(),
        b,
        freins(),
        &case(2, Cle::AccompagnementsActifs, None),
    );
    assert_eq!(actifs.len(), 2);
    let referent = dossiers_de_la_case(
        journaux(),
        b,
        freins(),
        &case(1, Cle::PrescriptionsDiagnostic, Some("referent")),
    );
    assert_eq!(referent.len(), 1);
    let rien = dossiers_de_la_case(journaux(), b, freins(), &case(4, Cle::Sorties, None));
    assert!(rien.is_empty(), "la sortie d'avril est dans l'autre agence");
}

/// Typologie des freins (article 3.1) : un frein dont le détail est marqué confidentiel
/// compte quand même, dans sa famille, au premier diagnostic (le compte n'est pas une
/// donnée personnelle). E : volet emploi du 06/01 (permis : frein), volet social du 14/01
/// avec « rencontrer un psychologue » confidentiel et présent : janvier compte 1 personne
/// pour « se déplacer » et 1 pour la famille du psychologue.
#[test]
fn un_frein_confidentiel_compte_dans_sa_famille() {
    let mut e = Parcours::oriente(Role::Conseiller);
    e.faire(Commande::EnregistrerDiagnostic(
        binome::domain::diagnostic::Diagnostic {
            volet: Volet::Social,
            date: j("14/01/2026"),
            synthese: "Suivi psychologique souhaité.".into(),
            evaluations: vec![Evaluation {
                besoin: "psychologue".into(),
                situation: Situation::Oui,
                objectif: Objectif::EnCours,
                commentaire: String::new(),
                confidentiel: true,
            }],
        },
    ));
    let famille = freins()
        .besoin("psychologue")
        .map(|(f, _)| f.code.clone())
        .expect("famille du psychologue");
    let t = calculer(
        [Journal {
            evenements: &e.journal,
        }],
        bornes(mois(2026, 1), mois(2026, 1)),
        freins(),
    );
    let jan = &t[&cle(mois(2026, 1), "AG-TEST")];
    assert_eq!(jan.compte(Cle::DiagnosticsPartages), c(1, 1));
    assert_eq!(jan.detail(Cle::FreinsPremierDiagnostic, &famille), c(1, 1));
    assert_eq!(
        jan.detail(Cle::FreinsPremierDiagnostic, "se-deplacer"),
        c(1, 1)
    );
}

/// Un point d'échanges tenu pendant l'accompagnement compte comme un contact du conseiller
/// dédié, sans être saisi deux fois. F : entré le 02/02/2026 ; point d'échanges le 10/03 ;
/// contact téléphonique du conseiller le 12/03 : mars compte 2 contacts, dont 1 point.
#[test]
fn un_point_d_echanges_compte_comme_contact_pole_emploi() {
    let mut f = Parcours::entre(Role::Conseiller);
    f.faire(Commande::TenirPoint {
        numero: None,
        date: j("10/03/2026"),
        synthese: "Point sur les deux volets.".into(),
        compte_rendu: Default::default(),
    })
    .faire(contact("12/03/2026", Role::Conseiller));
    let t = calculer(
        [Journal {
            evenements: &f.journal,
        }],
        bornes(mois(2026, 3), mois(2026, 3)),
        freins(),
    );
    let mars = &t[&cle(mois(2026, 3), "AG-TEST")];
    assert_eq!(mars.compte(Cle::ContactsPoleEmploi), c(2, 2));
    assert_eq!(mars.detail(Cle::ContactsPoleEmploi, "point"), c(1, 1));
    assert_eq!(mars.detail(Cle::ContactsPoleEmploi, ""), c(1, 1));
}

/// Origine des prescriptions vers un diagnostic : un tiers nommé à l'ouverture (la mission
/// locale) compte « autre », ni pour le conseiller ni pour le référent. G : ouvert le 05/01
/// par le conseiller sur prescription de la mission locale ; entretien n°1 volet emploi le
/// 03/02 : la prescription compte quand le diagnostic commence, en février.
#[test]
fn une_prescription_d_un_tiers_compte_autre() {
    let mut g = Parcours::new(j("01/12/2026"));
    g.faire(Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(99),
        personne: personne("7777777G"),
        initiative: Role::Conseiller,
        prescripteur: Some("Mission locale de Marseille".into()),
        date: j("05/01/2026"),
        conseiller: Some(membre(Role::Conseiller)),
        referent: None,
    }));
    let calcul = |g: &Parcours| {
        calculer(
            [Journal {
                evenements: &g.journal,
            }],
            bornes(mois(2026, 1), mois(2026, 2)),
            freins(),
        )
    };
    // Ouvert seulement : rien n'est encore compté.
    assert!(calcul(&g)
        .values()
        .all(|x| x.compte(Cle::PrescriptionsDiagnostic).total == 0));
    g.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("03/02/2026"),
    )));
    let t = calcul(&g);
    assert!(!t.contains_key(&cle(mois(2026, 1), "AG-TEST")));
    let fev = &t[&cle(mois(2026, 2), "AG-TEST")];
    assert_eq!(fev.compte(Cle::PrescriptionsDiagnostic), c(1, 1));
    assert_eq!(fev.detail(Cle::PrescriptionsDiagnostic, "autre"), c(1, 1));
    assert_eq!(
        fev.detail(Cle::PrescriptionsDiagnostic, "conseiller"),
        c(0, 0)
    );
}

/// E, seul : au RSA à l'entrée le 02/02/2026, contact du conseiller le 10/03 ; ne perçoit
/// plus le RSA à partir du 15/04 ; contact du conseiller le 20/05 ; toujours accompagné.
/// Le RSA compte jusqu'au 14/04, plus après : février et mars restent « dont RSA ».
#[test]
fn un_changement_de_rsa_compte_a_partir_de_sa_date() {
    let mut e = Parcours::entre(Role::Conseiller);
    let mut sans_rsa = e.d().personne.clone();
    sans_rsa.brsa = false;
    e.faire(contact("10/03/2026", Role::Conseiller))
        .faire(Commande::ChangerSituation {
            personne: sans_rsa,
            date: j("15/04/2026"),
        })
        .faire(contact("20/05/2026", Role::Conseiller));
    let t = calculer(
        [Journal {
            evenements: &e.journal,
        }],
        bornes(mois(2026, 2), mois(2026, 5)),
        freins(),
    );
    let m = |n| &t[&cle(mois(2026, n), "AG-TEST")];
    assert_eq!(m(2).compte(Cle::Entrees), c(1, 1));
    for (n, attendu) in [(2, c(1, 1)), (3, c(1, 1)), (4, c(1, 0)), (5, c(1, 0))] {
        assert_eq!(
            m(n).compte(Cle::AccompagnementsActifs),
            attendu,
            "actifs en {n}"
        );
        assert_eq!(m(n).compte(Cle::EnCours), attendu, "en cours en {n}");
    }
    assert_eq!(m(3).compte(Cle::ContactsPoleEmploi), c(1, 1));
    assert_eq!(m(5).compte(Cle::ContactsPoleEmploi), c(1, 0));
}

/// C, avec son retour : réorienté le 20/01/2026, fiche de retour rédigée et envoyée le 21/01,
/// retournée signée le 03/02 (le dossier se clôt ce jour-là). La réorientation compte une
/// fois, en janvier ; la clôture de février n'est pas une sortie d'accompagnement global.
#[test]
fn une_reorientation_retournee_compte_une_fois_et_pas_comme_sortie() {
    use binome::domain::dossier::ObjetFiche;
    let mut dc = dossier_c();
    dc.faire(Commande::CreerFiche {
        emetteur: Role::Referent,
        objet: ObjetFiche::IssueConcertation,
        date: j("21/01/2026"),
        motif: "Réorientation".into(),
        synthese: String::new(),
        action_demandee: String::new(),
    })
    .faire(Commande::EnvoyerFiche {
        numero: 2,
        date: j("21/01/2026"),
    })
    .faire(Commande::EnregistrerRetourFiche {
        numero: 2,
        date: j("03/02/2026"),
        signee: true,
        commentaire: String::new(),
    });
    assert!(dc.d().cloture.is_some());
    let t = calculer(
        [Journal {
            evenements: &dc.journal,
        }],
        bornes(mois(2026, 1), mois(2026, 2)),
        freins(),
    );
    let jan = &t[&cle(mois(2026, 1), "AG-TEST")];
    assert_eq!(jan.compte(Cle::Reorientations), c(1, 1));
    assert_eq!(
        jan.detail(Cle::Reorientations, "modalite_pole_emploi"),
        c(1, 1)
    );
    let fev = t.get(&cle(mois(2026, 2), "AG-TEST"));
    for cle_ in [
        Cle::Reorientations,
        Cle::Sorties,
        Cle::AccompagnementsActifs,
    ] {
        assert_eq!(
            fev.map_or(0, |f| f.compte(cle_).total),
            0,
            "{cle_:?} en février"
        );
    }
}

/// F, seul (au RSA) : entré le 02/02/2026 ; la situation sociale s'aggrave, accompagnement
/// social exclusif du 01/04 ; freins levés, retour en accompagnement global le 01/06.
/// Actif et en cours en accompagnement global en février, mars et juin, pas en avril ni en
/// mai ; une orientation en accompagnement social exclusif en avril.
#[test]
fn un_passage_en_social_exclusif_interrompt_l_accompagnement_global() {
    let mut f = Parcours::entre(Role::Conseiller);
    f.faire(Commande::OrienterSocialExclusif {
        date: j("01/04/2026"),
        adhesion: true,
        mois: 4,
        propose_par: Role::Referent,
        coproposee: true,
        accord: Accord::CONJOINT,
    })
    .faire(Commande::RevenirAccompagnementGlobal {
        date: j("01/06/2026"),
        accord: Accord::CONJOINT,
    });
    let t = calculer(
        [Journal {
            evenements: &f.journal,
        }],
        bornes(mois(2026, 2), mois(2026, 6)),
        freins(),
    );
    let m = |n| &t[&cle(mois(2026, n), "AG-TEST")];
    let total = |n, k| {
        t.get(&cle(mois(2026, n), "AG-TEST"))
            .map_or(0, |x| x.compte(k).total)
    };
    for (n, attendu) in [(2, 1), (3, 1), (4, 0), (5, 0), (6, 1)] {
        assert_eq!(
            total(n, Cle::AccompagnementsActifs),
            attendu,
            "actifs en {n}"
        );
        assert_eq!(total(n, Cle::EnCours), attendu, "en cours en {n}");
    }
    assert_eq!(m(4).compte(Cle::OrientationsSocialExclusif), c(1, 1));
    // En cours fin juin : depuis l'entrée du 02/02 (148 jours au 30/06).
    assert_eq!(m(6).cellule(Cle::EnCours).somme, 148);
}

/// D, dont la date de signature (31/01/2026) est rectifiée au 02/02/2026 (le 15/03, dans le
/// délai qui suit la clôture du 01/03) : l'entrée passe de
/// janvier à février, et la durée de sa sortie du 01/03 passe de 29 à 27 jours.
#[test]
fn une_date_de_signature_rectifiee_deplace_l_entree() {
    use binome::domain::dossier::Correction;
    let mut d = dossier_d();
    let calcul = |d: &Parcours| {
        calculer(
            [Journal {
                evenements: &d.journal,
            }],
            bornes(mois(2026, 1), mois(2026, 3)),
            freins(),
        )
    };
    let total = |t: &Indicateurs, n, k| {
        t.get(&cle(mois(2026, n), "AG-TEST"))
            .map_or(0, |x| x.compte(k).total)
    };
    let t = calcul(&d);
    assert_eq!(total(&t, 1, Cle::Entrees), 1);
    assert_eq!(
        t[&cle(mois(2026, 3), "AG-TEST")]
            .cellule(Cle::Sorties)
            .somme,
        29
    );
    // Rectifiée le 15/03, dans les 30 jours qui suivent la clôture.
    d.aujourdhui = j("15/03/2026");
    let signature = d.entree("ContratSigne");
    d.rectifier(
        signature,
        Correction::Date(j("02/02/2026")),
        "Contrat signé le 02/02",
    )
    .expect("rectification");
    let t = calcul(&d);
    assert_eq!(total(&t, 1, Cle::Entrees), 0);
    assert_eq!(total(&t, 2, Cle::Entrees), 1);
    assert_eq!(
        t[&cle(mois(2026, 3), "AG-TEST")]
            .cellule(Cle::Sorties)
            .somme,
        27
    );
}
