//! La machine à états du parcours : chaque étape, et chaque refus de la convention.

use crate::commun::*;
use binome::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use binome::domain::dossier::{
    possibles, Accord, AccordDepartement, BrancheDesignation, Canal, Cible, Commande, Decision,
    DesignationReferent, Etape, Intention, Modalite, MotifAnticipe, MotifSortie, ObjetFiche,
    Ouverture, StatutAction, Suite,
};
use binome::domain::identifiants::CodeInsee;
use binome::domain::professionnel::Role;
use binome::domain::Refus;
use uuid::Uuid;

fn cloturer(date: &str, motif: MotifSortie, accord: Accord) -> Commande {
    Commande::Cloturer {
        date: j(date),
        motif,
        accord,
        commentaire: String::new(),
    }
}

fn concertation(date: &str, decision: Decision, accord: Accord) -> Commande {
    Commande::TenirConcertation {
        date: j(date),
        decision,
        accord,
        commentaire: String::new(),
    }
}

const UN_SEUL_COTE: Accord = Accord {
    conseiller: true,
    referent: false,
    par_conseiller: None,
    par_referent: None,
};

#[test]
fn parcours_complet_a_l_initiative_du_conseiller() {
    let p = Parcours::ouvert(Role::Conseiller);
    assert_eq!(p.d().etape(), Etape::Diagnostic);
    assert_eq!(p.d().suite(), Suite::EntretienN1(Volet::Emploi));
    let mut p = Parcours::diagnostique(Role::Conseiller);
    assert_eq!(p.d().suite(), Suite::TenirConcertation);
    p.faire(concertation(
        "20/01/2026",
        Decision::Validation,
        Accord::CONJOINT,
    ));
    assert_eq!(p.d().etape(), Etape::Valide);
    assert_eq!(p.d().suite(), Suite::CompleterCarnet(Volet::Emploi));
    let mut p = Parcours::entre(Role::Conseiller);
    let d = p.d();
    assert_eq!(d.etape(), Etape::Accompagnement);
    assert_eq!(
        d.entree,
        Some(j("02/02/2026")),
        "entrée = date de signature"
    );
    assert_eq!(d.fin_prevue(), Some(j("01/02/2027")), "12 mois");
    p.aujourdhui = j("20/01/2027");
    p.faire(Commande::Reconduire {
        date: j("15/01/2027"),
        mois: 6,
        accord: Accord::CONJOINT,
    });
    assert_eq!(p.d().fin_prevue(), Some(j("01/08/2027")), "18 mois au plus");
}

#[test]
fn reciprocite_le_referent_peut_prendre_l_initiative() {
    let mut p = Parcours::ouvert(Role::Referent);
    assert_eq!(p.d().suite(), Suite::EntretienN1(Volet::Social));
    p = Parcours::entre(Role::Referent);
    assert_eq!(p.d().etape(), Etape::Accompagnement);
    assert_eq!(p.d().initiative, Role::Referent);
    assert_eq!(p.d().fiches[0].emetteur, Role::Referent);
}

#[test]
fn un_dossier_cloture_refuse_toute_modification() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.faire(cloturer(
        "01/06/2026",
        MotifSortie::RetourEmploi,
        Accord::default(),
    ));
    assert_eq!(p.d().etape(), Etape::Cloture);
    let attendu = Refus::DossierCloture {
        depuis: j("01/06/2026"),
    };
    let commandes = vec![
        Commande::EnregistrerContact {
            date: j("02/06/2026"),
            canal: Canal::Telephone,
            role: Role::Conseiller,
            objet: String::new(),
        },
        Commande::EnregistrerDiagnostic(diagnostic(Volet::Social, j("02/06/2026"))),
        Commande::Reconduire {
            date: j("02/06/2026"),
            mois: 3,
            accord: Accord::CONJOINT,
        },
        cloturer(
            "02/06/2026",
            MotifSortie::DemandePersonne,
            Accord::default(),
        ),
        Commande::ChangerStatutAction {
            numero: 1,
            statut: StatutAction::Realisee,
            date: j("02/06/2026"),
        },
        Commande::ChangerSituation {
            personne: personne("1234567A"),
            date: j("02/06/2026"),
        },
        Commande::PlanifierPoint {
            date_prevue: j("02/07/2026"),
            objet: String::new(),
        },
    ];
    for c in commandes {
        let action = c.action();
        assert_eq!(p.essayer(c), Err(attendu.clone()), "{action}");
    }
    assert!(attendu.to_string().contains("clôturé depuis le 01/06/2026"));
}

#[test]
fn ouverture_refusee_si_deja_ouvert_ou_commande_sans_dossier() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    let o = Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(42),
        personne: personne("1234567A"),
        initiative: Role::Conseiller,
        prescripteur: None,
        date: j("05/01/2026"),
        conseiller: None,
        referent: None,
    });
    assert_eq!(p.essayer(o), Err(Refus::DejaOuvert));
    let mut vide = Parcours::new(j("01/12/2026"));
    assert_eq!(
        vide.essayer(Commande::SignerContrat {
            date: j("01/02/2026")
        }),
        Err(Refus::NonOuvert)
    );
}

#[test]
fn identite_incorrecte_refusee_champ_par_champ() {
    let mut p = Parcours::new(j("01/12/2026"));
    let mut personne = personne("1234567A");
    personne.nom = "  ".into();
    personne.date_naissance = j("01/01/2030");
    let r = p.essayer(Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(7),
        personne,
        initiative: Role::Conseiller,
        prescripteur: None,
        date: j("05/01/2026"),
        conseiller: None,
        referent: None,
    }));
    match r {
        Err(Refus::Identite(erreurs)) => {
            let champs: Vec<&str> = erreurs.iter().map(|e| e.champ.as_str()).collect();
            assert_eq!(champs, ["nom", "date_naissance"]);
            assert!(erreurs[1].message.contains("dans le futur"));
        }
        autre => panic!("refus attendu, obtenu {autre:?}"),
    }
}

#[test]
fn dates_futures_ou_anterieures_refusees() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    assert_eq!(
        p.essayer(Commande::EnregistrerDiagnostic(diagnostic(
            Volet::Emploi,
            j("02/12/2026")
        ))),
        Err(Refus::DateFuture {
            date: j("02/12/2026")
        })
    );
    let r = p.essayer(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("04/01/2026"),
    )));
    assert_eq!(
        r,
        Err(Refus::DateAnterieure {
            date: j("04/01/2026"),
            etape: "l'ouverture du dossier",
            reference: j("05/01/2026"),
        })
    );
    assert!(r
        .unwrap_err()
        .to_string()
        .contains("antérieure à l'ouverture du dossier (05/01/2026)"));

    // Concertation datée avant le volet social.
    let mut p = Parcours::diagnostique(Role::Conseiller);
    assert!(matches!(
        p.essayer(concertation(
            "10/01/2026",
            Decision::Validation,
            Accord::CONJOINT
        )),
        Err(Refus::DateAnterieure {
            etape: "l'entretien n°1 volet social",
            ..
        })
    ));
    // Signature avant l'entretien d'initialisation.
    let mut p = Parcours::valide(Role::Conseiller);
    p.faire(Commande::RealiserInitialisation {
        date: j("02/02/2026"),
    });
    assert!(matches!(
        p.essayer(Commande::SignerContrat {
            date: j("01/02/2026")
        }),
        Err(Refus::DateAnterieure { .. })
    ));
}

#[test]
fn concertation_avant_les_deux_volets_refusee() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    p.faire(Commande::AffecterMembre {
        membre: membre(Role::Referent),
        date: j("06/01/2026"),
    });
    let r = p.essayer(concertation(
        "20/01/2026",
        Decision::Validation,
        Accord::CONJOINT,
    ));
    assert_eq!(
        r,
        Err(Refus::VoletManquant {
            manque: "volet emploi"
        })
    );
    p.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("06/01/2026"),
    )));
    let r = p.essayer(concertation(
        "20/01/2026",
        Decision::Validation,
        Accord::CONJOINT,
    ));
    assert_eq!(
        r,
        Err(Refus::VoletManquant {
            manque: "volet social"
        })
    );
    assert!(r
        .unwrap_err()
        .to_string()
        .contains("il manque l'entretien n°1 volet social"));
}

#[test]
fn concertation_sans_binome_ou_sans_retour_de_fiche_refusee() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    p.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("06/01/2026"),
    )))
    .faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Social,
        j("08/01/2026"),
    )));
    assert_eq!(
        p.essayer(concertation(
            "20/01/2026",
            Decision::Validation,
            Accord::CONJOINT
        )),
        Err(Refus::BinomeIncomplet {
            manque: "référent social"
        })
    );
    p.faire(Commande::AffecterMembre {
        membre: membre(Role::Referent),
        date: j("08/01/2026"),
    });
    assert_eq!(
        p.essayer(concertation(
            "20/01/2026",
            Decision::Validation,
            Accord::CONJOINT
        )),
        Err(Refus::FicheOrientationNonRetournee)
    );
}

#[test]
fn decisions_conjointes_refusees_avec_l_accord_d_un_seul_cote() {
    let mut p = Parcours::diagnostique(Role::Conseiller);
    assert_eq!(
        p.essayer(concertation(
            "20/01/2026",
            Decision::Validation,
            UN_SEUL_COTE
        )),
        Err(Refus::AccordIncomplet {
            decision: "La décision du temps de concertation",
            manque: "référent social"
        })
    );
    let mut p = Parcours::entre(Role::Conseiller);
    let r = p.essayer(Commande::Reconduire {
        date: j("10/01/2027"),
        mois: 6,
        accord: Accord {
            conseiller: false,
            referent: true,
            par_conseiller: None,
            par_referent: None,
        },
    });
    assert_eq!(
        r,
        Err(Refus::AccordIncomplet {
            decision: "La reconduction",
            manque: "conseiller dédié"
        })
    );
    let r = p.essayer(cloturer(
        "01/06/2026",
        MotifSortie::Anticipee(MotifAnticipe::DifficultesResolues),
        UN_SEUL_COTE,
    ));
    assert_eq!(
        r,
        Err(Refus::AccordIncomplet {
            decision: "La sortie anticipée",
            manque: "référent social"
        })
    );
    assert_eq!(
        r.unwrap_err().to_string(),
        "La sortie anticipée est une décision conjointe : l'accord du référent social n'est pas recueilli."
    );
    for motif in MotifAnticipe::TOUS {
        let mut q = Parcours::entre(Role::Conseiller);
        // La décision procède d'un diagnostic actualisé des deux volets.
        q.faire(Commande::EnregistrerDiagnostic(diagnostic(
            Volet::Emploi,
            j("25/05/2026"),
        )))
        .faire(Commande::EnregistrerDiagnostic(diagnostic(
            Volet::Social,
            j("26/05/2026"),
        )));
        q.faire(cloturer(
            "01/06/2026",
            MotifSortie::Anticipee(motif),
            Accord::CONJOINT,
        ));
        assert_eq!(q.d().etape(), Etape::Cloture);
    }
}

#[test]
fn la_concertation_ne_se_tient_qu_une_fois() {
    let mut p = Parcours::valide(Role::Conseiller);
    assert_eq!(
        p.essayer(concertation(
            "22/01/2026",
            Decision::Validation,
            Accord::CONJOINT
        )),
        Err(Refus::ConcertationDejaTenue {
            date: j("20/01/2026")
        })
    );
}

#[test]
fn fiches_de_liaison_creees_envoyees_retournees_datees_signees() {
    let mut p = Parcours::ouvert(Role::Referent);
    p.faire(Commande::CreerFiche {
        emetteur: Role::Referent,
        objet: ObjetFiche::Orientation,
        date: j("06/01/2026"),
        motif: "Orientation vers le conseiller dédié".into(),
        synthese: String::new(),
        action_demandee: String::new(),
    });
    let retour = |date: &str, signee| Commande::EnregistrerRetourFiche {
        numero: 1,
        date: j(date),
        signee,
        commentaire: String::new(),
    };
    assert_eq!(
        p.essayer(retour("08/01/2026", true)),
        Err(Refus::FicheNonEnvoyee { numero: 1 })
    );
    assert_eq!(
        p.essayer(Commande::EnvoyerFiche {
            numero: 9,
            date: j("06/01/2026")
        }),
        Err(Refus::FicheInconnue { numero: 9 })
    );
    p.faire(Commande::EnvoyerFiche {
        numero: 1,
        date: j("06/01/2026"),
    });
    assert_eq!(
        p.essayer(Commande::EnvoyerFiche {
            numero: 1,
            date: j("07/01/2026")
        }),
        Err(Refus::FicheDejaEnvoyee {
            numero: 1,
            le: j("06/01/2026")
        })
    );
    assert_eq!(
        p.essayer(retour("08/01/2026", false)),
        Err(Refus::FicheNonSignee)
    );
    assert!(matches!(
        p.essayer(retour("05/01/2026", true)),
        Err(Refus::DateAnterieure { .. })
    ));
    p.faire(retour("08/01/2026", true));
    assert_eq!(p.d().fiches[0].retournee_le, Some(j("08/01/2026")));
    assert_eq!(
        p.essayer(retour("09/01/2026", true)),
        Err(Refus::FicheDejaRetournee {
            numero: 1,
            le: j("08/01/2026")
        })
    );
    assert_eq!(
        p.essayer(Commande::CreerFiche {
            emetteur: Role::Conseiller,
            objet: ObjetFiche::Information,
            date: j("09/01/2026"),
            motif: " ".into(),
            synthese: String::new(),
            action_demandee: String::new(),
        }),
        Err(Refus::ChampVide { champ: "motif" })
    );
}

#[test]
fn carnet_de_route_apres_validation_et_complet_pour_signer() {
    let mut p = Parcours::diagnostique(Role::Conseiller);
    let action = |volet| Commande::AjouterAction {
        volet,
        libelle: "Action".into(),
        porteur: Role::Conseiller,
        date: j("21/01/2026"),
        echeance: None,
        besoin: None,
    };
    assert_eq!(
        p.essayer(action(Volet::Emploi)),
        Err(Refus::CarnetAvantValidation)
    );
    assert_eq!(
        p.essayer(Commande::SignerContrat {
            date: j("21/01/2026")
        }),
        Err(Refus::SansValidation)
    );
    assert_eq!(
        p.essayer(Commande::RealiserInitialisation {
            date: j("21/01/2026")
        }),
        Err(Refus::SansValidation)
    );
    p.faire(concertation(
        "20/01/2026",
        Decision::Validation,
        Accord::CONJOINT,
    ));
    p.faire(Commande::RealiserInitialisation {
        date: j("21/01/2026"),
    });
    assert_eq!(
        p.essayer(Commande::SignerContrat {
            date: j("21/01/2026")
        }),
        Err(Refus::CarnetIncomplet {
            volet: "volet emploi"
        })
    );
    p.faire(action(Volet::Emploi));
    assert_eq!(
        p.essayer(Commande::SignerContrat {
            date: j("21/01/2026")
        }),
        Err(Refus::CarnetIncomplet {
            volet: "volet social"
        })
    );
    let mut bad = action(Volet::Social);
    if let Commande::AjouterAction { besoin, .. } = &mut bad {
        *besoin = Some("inexistant".into());
    }
    assert_eq!(
        p.essayer(bad),
        Err(Refus::BesoinInconnu {
            code: "inexistant".into()
        })
    );
    p.faire(action(Volet::Social));
    assert_eq!(
        p.essayer(Commande::ChangerStatutAction {
            numero: 7,
            statut: StatutAction::Realisee,
            date: j("22/01/2026")
        }),
        Err(Refus::ActionInconnue { numero: 7 })
    );
    assert_eq!(
        p.essayer(Commande::RealiserInitialisation {
            date: j("22/01/2026")
        }),
        Err(Refus::DejaFait {
            quoi: "L'entretien n°2 d'initialisation",
            le: j("21/01/2026")
        })
    );
    p.faire(Commande::SignerContrat {
        date: j("22/01/2026"),
    });
    assert_eq!(
        p.essayer(Commande::SignerContrat {
            date: j("23/01/2026")
        }),
        Err(Refus::ContratDejaSigne {
            entree: j("22/01/2026")
        })
    );
}

#[test]
fn signature_sans_entretien_d_initialisation_refusee() {
    let mut p = Parcours::valide(Role::Conseiller);
    assert_eq!(
        p.essayer(Commande::SignerContrat {
            date: j("02/02/2026")
        }),
        Err(Refus::InitialisationManquante)
    );
}

#[test]
fn avant_la_signature_l_accompagnement_n_a_pas_commence() {
    let mut p = Parcours::valide(Role::Conseiller);
    for c in [
        Commande::Reconduire {
            date: j("01/02/2026"),
            mois: 3,
            accord: Accord::CONJOINT,
        },
        Commande::PlanifierPoint {
            date_prevue: j("01/03/2026"),
            objet: String::new(),
        },
        Commande::TenirPoint {
            numero: None,
            date: j("01/02/2026"),
            synthese: String::new(),
            compte_rendu: Default::default(),
        },
        cloturer("01/02/2026", MotifSortie::FinDeTerme, Accord::default()),
    ] {
        assert_eq!(p.essayer(c), Err(Refus::ContratNonSigne));
    }
    assert_eq!(
        p.essayer(cloturer(
            "01/02/2026",
            MotifSortie::Anticipee(MotifAnticipe::AttitudeIrrespectueuse),
            Accord::CONJOINT
        )),
        Err(Refus::SortieAnticipeeAvantEntree)
    );
    assert_eq!(
        Refus::ContratNonSigne.to_string(),
        "Le contrat d'accompagnement n'est pas signé : l'entrée en accompagnement global n'a pas eu lieu."
    );
}

#[test]
fn une_seule_reconduction_de_six_mois_au_plus() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("20/01/2027");
    let reconduire = |date: &str, mois| Commande::Reconduire {
        date: j(date),
        mois,
        accord: Accord::CONJOINT,
    };
    assert_eq!(
        p.essayer(reconduire("10/01/2027", 7)),
        Err(Refus::DureeReconduction { mois: 7 })
    );
    assert_eq!(
        p.essayer(reconduire("10/01/2027", 0)),
        Err(Refus::DureeReconduction { mois: 0 })
    );
    p.faire(reconduire("10/01/2027", 4));
    assert_eq!(p.d().fin_prevue(), Some(j("01/06/2027")));
    let r = p.essayer(reconduire("11/01/2027", 2));
    assert_eq!(r, Err(Refus::ReconductionDejaUtilisee));
    assert_eq!(
        r.unwrap_err().to_string(),
        "La reconduction est déjà utilisée : un accompagnement ne peut être prolongé qu'une fois, de 6 mois au plus."
    );
}

#[test]
fn reconduction_apres_le_terme_refusee() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("01/03/2027");
    assert_eq!(
        p.essayer(Commande::Reconduire {
            date: j("15/02/2027"),
            mois: 3,
            accord: Accord::CONJOINT
        }),
        Err(Refus::TermeDepasse {
            fin: j("01/02/2027")
        })
    );
}

#[test]
fn fin_de_terme_seulement_au_terme_de_12_ou_18_mois() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("30/09/2027");
    assert_eq!(
        p.essayer(cloturer(
            "31/01/2027",
            MotifSortie::FinDeTerme,
            Accord::default()
        )),
        Err(Refus::TermeNonAtteint {
            fin: j("01/02/2027")
        })
    );
    let mut q = Parcours::entre(Role::Conseiller);
    q.aujourdhui = j("30/09/2027");
    q.faire(Commande::Reconduire {
        date: j("10/01/2027"),
        mois: 6,
        accord: Accord::CONJOINT,
    });
    assert_eq!(
        q.essayer(cloturer(
            "01/03/2027",
            MotifSortie::FinDeTerme,
            Accord::default()
        )),
        Err(Refus::TermeNonAtteint {
            fin: j("01/08/2027")
        })
    );
    q.faire(cloturer(
        "01/08/2027",
        MotifSortie::FinDeTerme,
        Accord::default(),
    ));
    assert_eq!(q.d().etape(), Etape::Cloture);
}

#[test]
fn la_personne_peut_demander_a_sortir_a_tout_moment_sans_accord() {
    for mut p in [
        Parcours::ouvert(Role::Conseiller),
        Parcours::valide(Role::Referent),
        Parcours::entre(Role::Conseiller),
    ] {
        p.faire(cloturer(
            "10/03/2026",
            MotifSortie::DemandePersonne,
            Accord::default(),
        ));
        assert_eq!(p.d().etape(), Etape::Cloture);
    }
}

#[test]
/// Les raisons identifiées ne demandent pas d'accord ; « autre motif » en demande deux
/// (voir `une_sortie_pour_un_autre_motif_demande_les_deux_accords`).
fn sorties_pour_raison_identifiee() {
    for motif in [
        MotifSortie::RetourEmploi,
        MotifSortie::EntreeFormation,
        MotifSortie::CessationInscription,
    ] {
        let mut p = Parcours::entre(Role::Conseiller);
        p.faire(cloturer("10/03/2026", motif.clone(), Accord::default()));
        assert_eq!(p.d().cloture.as_ref().map(|c| c.motif.clone()), Some(motif));
    }
    let mut p = Parcours::entre(Role::Conseiller);
    assert_eq!(
        p.essayer(cloturer(
            "10/03/2026",
            MotifSortie::Autre(String::new()),
            Accord::default()
        )),
        Err(Refus::ChampVide {
            champ: "motif de sortie"
        })
    );
    assert_eq!(
        p.essayer(cloturer(
            "10/03/2026",
            MotifSortie::Reorientation(Cible::ModalitePoleEmploi),
            Accord::CONJOINT
        )),
        Err(Refus::ReorientationHorsConcertation)
    );
}

#[test]
fn une_action_sociale_non_realisee_n_entraine_aucune_sortie() {
    let mut p = Parcours::entre(Role::Conseiller);
    let sociale = p
        .d()
        .actions
        .iter()
        .find(|a| a.volet == Volet::Social)
        .map(|a| a.numero)
        .expect("action sociale");
    p.faire(Commande::ChangerStatutAction {
        numero: sociale,
        statut: StatutAction::NonRealisee,
        date: j("01/07/2026"),
    });
    let d = p.d();
    assert_eq!(d.etape(), Etape::Accompagnement);
    assert!(d.cloture.is_none());
    assert_eq!(
        d.actions[sociale as usize - 1].statut,
        StatutAction::NonRealisee
    );
    // Aucun motif de sortie ne correspond à une radiation.
    let motifs = [
        "emploi",
        "formation",
        "cessation_inscription",
        "fin_de_terme",
        "autre",
        "demande_personne",
        "reorientation",
    ];
    assert!(motifs.iter().all(|m| !m.contains("radi")));
}

#[test]
fn reorientation_en_concertation() {
    let mut p = Parcours::diagnostique(Role::Conseiller);
    p.faire(concertation(
        "20/01/2026",
        Decision::Reorientation(Cible::ModalitePoleEmploi),
        Accord::CONJOINT,
    ));
    // Le dossier attend le retour d'information à l'autre professionnel (annexe 2).
    assert_eq!(p.d().etape(), Etape::Reoriente);
    assert_eq!(p.d().suite(), Suite::RedigerRetour);
    assert!(p.d().cloture.is_none());
    assert_eq!(
        p.d().objet_de_la_prochaine_fiche(),
        ObjetFiche::IssueConcertation
    );
    // Ni carnet de route, ni clôture « réorientation » à la main.
    assert_eq!(
        p.essayer(Commande::AjouterAction {
            volet: Volet::Emploi,
            libelle: "Atelier".into(),
            porteur: Role::Conseiller,
            date: j("21/01/2026"),
            echeance: None,
            besoin: None,
        }),
        Err(Refus::CarnetAvantValidation)
    );
    assert_eq!(
        p.essayer(Commande::Cloturer {
            date: j("21/01/2026"),
            motif: MotifSortie::Reorientation(Cible::ModalitePoleEmploi),
            accord: Accord::CONJOINT,
            commentaire: String::new(),
        }),
        Err(Refus::ReorientationHorsConcertation)
    );
    let fiche = |objet| Commande::CreerFiche {
        emetteur: Role::Conseiller,
        objet,
        date: j("21/01/2026"),
        motif: "Issue de la concertation".into(),
        synthese: String::new(),
        action_demandee: String::new(),
    };
    // Une fiche d'information retournée ne clôt rien.
    p.faire(fiche(ObjetFiche::Information))
        .faire(Commande::EnvoyerFiche {
            numero: 2,
            date: j("21/01/2026"),
        })
        .faire(Commande::EnregistrerRetourFiche {
            numero: 2,
            date: j("22/01/2026"),
            signee: true,
            commentaire: String::new(),
        });
    assert_eq!(p.d().etape(), Etape::Reoriente);
    p.faire(fiche(ObjetFiche::IssueConcertation))
        .faire(Commande::EnvoyerFiche {
            numero: 3,
            date: j("21/01/2026"),
        });
    assert_eq!(p.d().suite(), Suite::EnregistrerRetour(3));
    p.faire(Commande::EnregistrerRetourFiche {
        numero: 3,
        date: j("26/01/2026"),
        signee: true,
        commentaire: "Inscription en modalité guidée notée.".into(),
    });
    assert_eq!(p.d().etape(), Etape::Cloture);
    let c = p.d().cloture.clone().expect("clôture");
    assert_eq!(c.motif.code(), "reorientation");
    assert_eq!(c.date, j("26/01/2026"), "close au jour du retour");

    // Vers l'accompagnement social exclusif : il faut encore l'adhésion de la personne.
    let mut p = Parcours::diagnostique(Role::Conseiller);
    p.faire(concertation(
        "20/01/2026",
        Decision::Reorientation(Cible::SocialExclusif),
        Accord::CONJOINT,
    ));
    assert_eq!(p.d().etape(), Etape::Diagnostic);
    assert_eq!(p.d().suite(), Suite::OrienterSocialExclusif);
    let ase = |adhesion, mois| Commande::OrienterSocialExclusif {
        date: j("25/01/2026"),
        adhesion,
        mois,
        propose_par: Role::Referent,
        coproposee: false,
        accord: Accord::CONJOINT,
    };
    assert_eq!(p.essayer(ase(false, 6)), Err(Refus::AdhesionRequise));
    // Pas de plafond que la convention ne donne pas : 18 mois fixés à l'orientation.
    assert!(binome::domain::dossier::decider(
        p.dossier.as_ref(),
        &ase(true, 18),
        &ctx(p.aujourdhui)
    )
    .is_ok());
    assert_eq!(
        p.essayer(ase(true, 0)),
        Err(Refus::DureeSocialExclusif { mois: 0 })
    );
    p.faire(ase(true, 6));
    assert_eq!(p.d().etape(), Etape::SocialExclusif);
    assert_eq!(p.d().modalite, Modalite::AccompagnementSocialExclusif);
    assert_eq!(p.d().fin_social_exclusif(), Some(j("24/07/2026")));
    assert_eq!(p.essayer(ase(true, 6)), Err(Refus::ModaliteSocialExclusif));
    assert_eq!(
        p.essayer(Commande::SignerContrat {
            date: j("26/01/2026")
        }),
        Err(Refus::ModaliteSocialExclusif)
    );
    let mut fin = cloturer("01/07/2026", MotifSortie::FinDeTerme, Accord::default());
    assert_eq!(
        p.essayer(fin.clone()),
        Err(Refus::TermeNonAtteint {
            fin: j("24/07/2026")
        })
    );
    if let Commande::Cloturer { date, .. } = &mut fin {
        *date = j("24/07/2026");
    }
    p.faire(fin);
}

#[test]
fn orientation_sociale_exclusive_refusee_apres_validation() {
    let mut p = Parcours::valide(Role::Conseiller);
    assert!(matches!(
        p.essayer(Commande::OrienterSocialExclusif {
            date: j("25/01/2026"),
            adhesion: true,
            mois: 6,
            propose_par: Role::Conseiller,
            coproposee: false,
            accord: Accord::CONJOINT,
        }),
        Err(Refus::EtapeIncorrecte { .. })
    ));
}

fn vers_ase(date: &str, accord: Accord) -> Commande {
    Commande::OrienterSocialExclusif {
        date: j(date),
        adhesion: true,
        mois: 4,
        propose_par: Role::Referent,
        coproposee: true,
        accord,
    }
}

#[test]
fn en_cours_d_accompagnement_global_passage_en_social_exclusif_et_retour() {
    let mut p = Parcours::entre(Role::Conseiller);
    let terme = p.d().fin_prevue();
    // La situation sociale s'aggrave : le passage se décide à deux.
    let seul = Accord {
        conseiller: false,
        referent: true,
        par_conseiller: None,
        par_referent: None,
    };
    assert!(matches!(
        p.essayer(vers_ase("01/04/2026", seul.clone())),
        Err(Refus::AccordIncomplet { .. })
    ));
    assert!(matches!(
        p.essayer(vers_ase("01/01/2026", Accord::CONJOINT)),
        Err(Refus::DateAnterieure { .. })
    ));
    p.faire(vers_ase("01/04/2026", Accord::CONJOINT));
    assert_eq!(p.d().etape(), Etape::SocialExclusif);
    let ase = p.d().social_exclusif.expect("ASE");
    assert!(ase.coproposee, "proposé par les deux professionnels");
    assert_eq!(p.d().terme(), Some(j("31/07/2026")));
    // Pendant l'ASE, pas de reconduction de l'accompagnement global.
    assert_eq!(
        p.essayer(Commande::Reconduire {
            date: j("02/04/2026"),
            mois: 6,
            accord: Accord::CONJOINT
        }),
        Err(Refus::ModaliteSocialExclusif)
    );
    // Les freins sont levés : retour à deux, pas avant le début de l'ASE.
    let retour = |date: &str, accord| Commande::RevenirAccompagnementGlobal {
        date: j(date),
        accord,
    };
    assert!(matches!(
        p.essayer(retour("01/06/2026", seul)),
        Err(Refus::AccordIncomplet { .. })
    ));
    assert!(matches!(
        p.essayer(retour("15/03/2026", Accord::CONJOINT)),
        Err(Refus::DateAnterieure { .. })
    ));
    p.faire(retour("01/06/2026", Accord::CONJOINT));
    assert_eq!(p.d().etape(), Etape::Accompagnement);
    assert_eq!(p.d().modalite, Modalite::AccompagnementGlobal);
    assert_eq!(
        p.d().fin_prevue(),
        terme,
        "le terme de l'accompagnement global ne change pas"
    );
    assert_eq!(p.d().periodes_social_exclusif.len(), 1);
    assert_eq!(
        p.essayer(retour("02/06/2026", Accord::CONJOINT)),
        Err(Refus::PasEnSocialExclusif)
    );
}

#[test]
fn un_retour_d_ase_sans_entree_demande_une_nouvelle_concertation() {
    let mut p = Parcours::diagnostique(Role::Conseiller);
    p.faire(concertation(
        "20/01/2026",
        Decision::Reorientation(Cible::SocialExclusif),
        Accord::CONJOINT,
    ))
    .faire(vers_ase("25/01/2026", Accord::default()))
    .faire(Commande::RevenirAccompagnementGlobal {
        date: j("01/05/2026"),
        accord: Accord::CONJOINT,
    });
    assert_eq!(p.d().etape(), Etape::Diagnostic);
    assert_eq!(p.d().suite(), Suite::TenirConcertation);
    p.faire(concertation(
        "02/05/2026",
        Decision::Validation,
        Accord::CONJOINT,
    ));
    assert_eq!(p.d().etape(), Etape::Valide);
}

#[test]
fn points_d_echanges_intermediaires() {
    let mut p = Parcours::entre(Role::Conseiller);
    assert!(matches!(
        p.essayer(Commande::PlanifierPoint {
            date_prevue: j("01/01/2026"),
            objet: String::new()
        }),
        Err(Refus::DateAnterieure { .. })
    ));
    // Un point se planifie dans le futur.
    p.faire(Commande::PlanifierPoint {
        date_prevue: j("15/12/2026"),
        objet: "Point à trois mois".into(),
    });
    assert_eq!(
        p.essayer(Commande::TenirPoint {
            numero: Some(5),
            date: j("01/05/2026"),
            synthese: String::new(),
            compte_rendu: Default::default(),
        }),
        Err(Refus::PointInconnu { numero: 5 })
    );
    p.faire(Commande::TenirPoint {
        numero: Some(1),
        date: j("01/05/2026"),
        synthese: "Avancées sur le logement.".into(),
        compte_rendu: Default::default(),
    });
    assert_eq!(
        p.essayer(Commande::TenirPoint {
            numero: Some(1),
            date: j("02/05/2026"),
            synthese: String::new(),
            compte_rendu: Default::default(),
        }),
        Err(Refus::PointDejaTenu {
            numero: 1,
            le: j("01/05/2026")
        })
    );
    // Le compte rendu : participants, décisions, actions concernées (qui doivent exister).
    let compte_rendu = |actions: Vec<u32>| binome::domain::dossier::CompteRendu {
        participants: binome::domain::dossier::Participants {
            personne: true,
            conseiller: true,
            referent: true,
            autres: " Mme Essai (CCAS) ".into(),
        },
        decisions: " Relancer le bailleur ".into(),
        actions,
        actions_ids: Vec::new(),
    };
    assert_eq!(
        p.essayer(Commande::TenirPoint {
            numero: None,
            date: j("03/05/2026"),
            synthese: "Point non planifié.".into(),
            compte_rendu: compte_rendu(vec![2, 9]),
        }),
        Err(Refus::ActionInconnue { numero: 9 })
    );
    let e = p
        .essayer(Commande::TenirPoint {
            numero: None,
            date: j("03/05/2026"),
            synthese: "Point non planifié.".into(),
            compte_rendu: compte_rendu(vec![2, 1, 2]),
        })
        .expect("point tenu");
    assert_eq!(
        e.description(),
        "Point d'échanges n° 2 tenu avec la personne, le conseiller dédié, le référent social, Mme Essai (CCAS) ; décidé : Relancer le bailleur ; actions n° 1, n° 2"
    );
    assert_eq!(p.d().points.len(), 2);
    assert!(p.d().points.iter().all(|x| x.tenu_le.is_some()));
    let tenu = p
        .d()
        .points
        .iter()
        .find(|x| x.numero == 2)
        .expect("point n° 2");
    assert_eq!(tenu.compte_rendu.actions, vec![1, 2]);
}

#[test]
fn contacts_enregistres_avec_canal_et_professionnel() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.faire(Commande::EnregistrerContact {
        date: j("10/02/2026"),
        canal: Canal::Telephone,
        role: Role::Conseiller,
        objet: "Relance".into(),
    });
    assert_eq!(p.d().dernier_contact(), Some(j("10/02/2026")));
    assert_eq!(p.d().contacts[0].role, Role::Conseiller);
}

#[test]
fn diagnostic_verifie_contre_le_referentiel_et_historise() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    let eval = |besoin: &str| Evaluation {
        besoin: besoin.into(),
        situation: Situation::Oui,
        objectif: Objectif::NonAborde,
        commentaire: String::new(),
        confidentiel: false,
    };
    let diag = |evals| {
        Commande::EnregistrerDiagnostic(Diagnostic {
            volet: Volet::Emploi,
            date: j("06/01/2026"),
            synthese: String::new(),
            evaluations: evals,
        })
    };
    assert_eq!(p.essayer(diag(vec![])), Err(Refus::DiagnosticVide));
    assert_eq!(
        p.essayer(diag(vec![eval("teleportation")])),
        Err(Refus::BesoinInconnu {
            code: "teleportation".into()
        })
    );
    assert_eq!(
        p.essayer(diag(vec![eval("permis"), eval("permis")])),
        Err(Refus::BesoinEnDouble {
            code: "permis".into()
        })
    );
    p.faire(diag(vec![eval("permis")]));
    p.faire(diag(vec![eval("permis"), eval("garde-enfant")]));
    assert_eq!(
        p.d().diagnostics.len(),
        2,
        "les diagnostics successifs sont gardés"
    );
    assert_eq!(p.d().entretien_n1(Volet::Emploi), Some(j("06/01/2026")));
}

#[test]
fn competence_territoriale_du_conseiller_dedie() {
    let mut p = Parcours::ouvert(Role::Referent);
    let mut m = membre(Role::Conseiller);
    m.perimetre = vec![CodeInsee::parse("13201").expect("commune")];
    let r = p.essayer(Commande::AffecterMembre {
        membre: m,
        date: j("06/01/2026"),
    });
    assert!(matches!(r, Err(Refus::HorsPerimetre { .. })), "{r:?}");
    // Un référent n'a pas de périmètre, et un conseiller doit être à sa place.
    let mut q = Parcours::new(j("01/12/2026"));
    let r = q.essayer(Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(9),
        personne: personne("7654321B"),
        initiative: Role::Conseiller,
        prescripteur: None,
        date: j("05/01/2026"),
        conseiller: Some(membre(Role::Referent)),
        referent: None,
    }));
    assert!(matches!(r, Err(Refus::MauvaisRole { .. })));
}

#[test]
fn l_agence_change_par_sa_transition_datee() {
    let mut p = Parcours::entre(Role::Conseiller);
    let mut autre = personne("1234567A");
    autre.agence = "AG-AILLEURS".into();
    autre.prenom = "Élisa".into();
    p.faire(Commande::ChangerSituation {
        personne: autre,
        date: j("01/03/2026"),
    });
    assert_eq!(
        p.d().personne.agence,
        "AG-TEST",
        "l'identité ne change pas l'agence"
    );
    assert_eq!(p.d().personne.prenom, "Élisa");
    p.faire(Commande::ChangerAgence {
        agence: "AG-AILLEURS".into(),
        date: j("01/04/2026"),
    });
    assert_eq!(p.d().personne.agence, "AG-AILLEURS");
}

#[test]
fn le_rejeu_du_journal_redonne_le_meme_dossier() {
    let mut p = Parcours::entre(Role::Referent);
    p.faire(Commande::EnregistrerContact {
        date: j("10/02/2026"),
        canal: Canal::Entretien,
        role: Role::Referent,
        objet: String::new(),
    });
    let rejoue = binome::domain::Dossier::rejouer(&p.journal).expect("rejeu");
    assert_eq!(&rejoue, p.d());
    assert_eq!(rejoue.version as usize, p.journal.len());
}

#[test]
fn le_terme_tombe_la_veille_du_meme_quantieme_ou_en_fin_de_mois() {
    use binome::domain::dossier::fin_de_periode;
    assert_eq!(fin_de_periode(j("03/02/2026"), 12), j("02/02/2027"));
    assert_eq!(fin_de_periode(j("29/02/2028"), 12), j("28/02/2029"));
    assert_eq!(fin_de_periode(j("31/01/2026"), 1), j("28/02/2026"));
    assert_eq!(fin_de_periode(j("31/08/2026"), 6), j("28/02/2027"));
    assert_eq!(fin_de_periode(j("01/03/2026"), 18), j("31/08/2027"));
}

/// Une sortie anticipée se décide sur un diagnostic actualisé des deux volets, daté de
/// moins de 30 jours (réglable) : le refus dit quel volet mettre à jour.
#[test]
fn la_sortie_anticipee_demande_un_diagnostic_actualise_des_deux_volets() {
    let sortie = || {
        cloturer(
            "01/06/2026",
            MotifSortie::Anticipee(MotifAnticipe::DifficultesResolues),
            Accord::CONJOINT,
        )
    };
    let mut p = Parcours::entre(Role::Conseiller);
    // Les diagnostics de janvier sont trop anciens.
    let r = p.essayer(sortie());
    assert_eq!(
        r,
        Err(Refus::DiagnosticNonActualise {
            volets: "volet emploi et volet social".into(),
            jours: 30
        })
    );
    p.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("20/05/2026"),
    )));
    let e = p.essayer(sortie()).expect_err("volet social ancien");
    assert_eq!(
        e.to_string(),
        "Une sortie anticipée se décide sur un diagnostic actualisé : mettez d'abord à jour le volet social (diagnostic daté de moins de 30 jours avant la sortie)."
    );
    // Avec un délai réglé à 180 jours, le volet social de janvier suffit encore.
    let ctx_large = binome::domain::dossier::Contexte {
        regles: binome::domain::dossier::Regles {
            actualisation_avant_sortie_jours: 180,
            ..Default::default()
        },
        ..ctx(p.aujourdhui)
    };
    assert!(binome::domain::dossier::decider(p.dossier.as_ref(), &sortie(), &ctx_large).is_ok());
    p.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Social,
        j("28/05/2026"),
    )));
    p.faire(sortie());
    assert_eq!(p.d().etape(), Etape::Cloture);
}

/// Une sortie « autre motif » se décide à deux, comme une sortie anticipée.
#[test]
fn une_sortie_pour_un_autre_motif_demande_les_deux_accords() {
    let mut p = Parcours::entre(Role::Conseiller);
    let autre = |accord| {
        cloturer(
            "01/06/2026",
            MotifSortie::Autre("Déménagement hors département".into()),
            accord,
        )
    };
    assert_eq!(
        p.essayer(autre(UN_SEUL_COTE)),
        Err(Refus::AccordIncomplet {
            decision: "Une sortie pour un autre motif",
            manque: "référent social"
        })
    );
    p.faire(autre(Accord::CONJOINT));
    assert_eq!(p.d().etape(), Etape::Cloture);
}

#[test]
fn un_changement_de_situation_est_date_et_dit_ce_qui_change() {
    let mut p = Parcours::entre(Role::Conseiller);
    let mut apres = p.d().personne.clone();
    apres.brsa = false;
    apres.enfant_mineur = true;
    apres.commune = CodeInsee::parse("13201").expect("commune");
    apres.adresse = "3 rue des Essais".into();
    // Même situation : rien à enregistrer.
    let meme = p.d().personne.clone();
    assert_eq!(
        p.essayer(Commande::ChangerSituation {
            personne: meme,
            date: j("15/04/2026"),
        }),
        Err(Refus::AucunChangement)
    );
    // Avant l'ouverture, ou dans le futur : refusé.
    let r = p.essayer(Commande::ChangerSituation {
        personne: apres.clone(),
        date: j("01/01/2026"),
    });
    assert!(matches!(r, Err(Refus::DateAnterieure { .. })), "{r:?}");
    let r = p.essayer(Commande::ChangerSituation {
        personne: apres.clone(),
        date: j("02/12/2026"),
    });
    assert!(matches!(r, Err(Refus::DateFuture { .. })), "{r:?}");
    // Une identité incorrecte est refusée champ par champ.
    let mut vide = apres.clone();
    vide.nom = " ".into();
    assert!(matches!(
        p.essayer(Commande::ChangerSituation {
            personne: vide,
            date: j("15/04/2026"),
        }),
        Err(Refus::Identite(_))
    ));
    let e = p
        .essayer(Commande::ChangerSituation {
            personne: apres,
            date: j("15/04/2026"),
        })
        .expect("changement accepté");
    assert_eq!(e.date(), Some(j("15/04/2026")));
    let texte = e.description();
    for attendu in [
        "adresse",
        "commune de résidence",
        "ne perçoit plus le RSA",
        "a un enfant mineur à charge",
    ] {
        assert!(texte.contains(attendu), "{attendu} absent de « {texte} »");
    }
    assert!(!p.d().personne.brsa);
    assert_eq!(p.d().personne.commune.as_str(), "13201");
    // Hors du périmètre du conseiller (Arles) : désigner un autre conseiller est proposé.
    assert!(p.d().conseiller_hors_perimetre());
    let offertes = possibles(p.d(), Role::Conseiller, &ctx(j("01/12/2026")));
    assert!(offertes
        .iter()
        .any(|x| x.intention == Intention::Designer(Role::Conseiller) && x.refus.is_none()));
}

fn designation(branche: BrancheDesignation, accord: Option<AccordDepartement>) -> Commande {
    Commande::EnregistrerDesignation(DesignationReferent {
        date: j("06/01/2026"),
        branche,
        structure: None,
        nom_structure: "Structure contactée".into(),
        accord,
    })
}

#[test]
fn la_designation_du_referent_suit_le_protocole() {
    // Au RSA, sans enfant mineur, ouvert par le conseiller : la suite est de contacter la
    // structure qui désigne.
    let mut p = Parcours::ouvert(Role::Conseiller);
    p.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("06/01/2026"),
    )));
    assert_eq!(p.d().suite(), Suite::Designation);
    assert!(matches!(
        p.essayer(designation(BrancheDesignation::Mds, None)),
        Err(Refus::BrancheDesignation(_))
    ));
    // Le repli demande l'accord du Département, daté et nommé.
    assert_eq!(
        p.essayer(designation(BrancheDesignation::AccordDepartement, None)),
        Err(Refus::AccordDepartementManquant)
    );
    let accord = AccordDepartement {
        le: j("06/01/2026"),
        par: "  ".into(),
    };
    assert_eq!(
        p.essayer(designation(
            BrancheDesignation::AccordDepartement,
            Some(accord)
        )),
        Err(Refus::AccordDepartementManquant)
    );
    let e = p
        .essayer(designation(
            BrancheDesignation::AccordDepartement,
            Some(AccordDepartement {
                le: j("06/01/2026"),
                par: "M. Essai, direction de l'insertion".into(),
            }),
        ))
        .expect("désignation avec l'accord du Département");
    assert!(e
        .description()
        .contains("accord du Département donné le 06/01/2026 par M. Essai"));
    assert_eq!(
        p.d().designation.as_ref().map(|x| x.branche),
        Some(BrancheDesignation::AccordDepartement)
    );
    assert_eq!(p.d().suite(), Suite::DesignerMembre(Role::Referent));
    p.faire(Commande::EnregistrerDesignation(DesignationReferent {
        date: j("07/01/2026"),
        branche: BrancheDesignation::PoleInsertion,
        structure: Some("PI-ESSAI".into()),
        nom_structure: "Pôle d'insertion d'essai".into(),
        accord: None,
    }));
    p.faire(Commande::AffecterMembre {
        membre: membre(Role::Referent),
        date: j("08/01/2026"),
    });
    // Référent désigné : plus de désignation.
    assert!(matches!(
        p.essayer(designation(BrancheDesignation::PoleInsertion, None)),
        Err(Refus::ReferentDejaDesigne { .. })
    ));
    // Sans RSA ni enfant : ni pôle d'insertion ni MDS.
    let mut q = Parcours::new(j("01/12/2026"));
    let mut sans = personne("7654321B");
    sans.brsa = false;
    q.faire(Commande::Ouvrir(Ouverture {
        id: Uuid::from_u128(8),
        personne: sans,
        initiative: Role::Conseiller,
        prescripteur: None,
        date: j("05/01/2026"),
        conseiller: Some(membre(Role::Conseiller)),
        referent: None,
    }));
    assert!(matches!(
        q.essayer(designation(BrancheDesignation::PoleInsertion, None)),
        Err(Refus::BrancheDesignation(_))
    ));
}

#[test]
fn rectifier_la_date_de_signature_deplace_l_entree_et_le_terme() {
    use binome::domain::dossier::Correction;
    let mut p = Parcours::entre(Role::Conseiller);
    let signature = p.entree("ContratSigne");
    // Le motif est obligatoire.
    assert!(matches!(
        p.rectifier(signature, Correction::Date(j("03/02/2026")), "  "),
        Err(Refus::ChampVide { .. })
    ));
    // Les mêmes gardes que la signature : pas avant l'entretien n°2 du 02/02.
    assert!(matches!(
        p.rectifier(
            signature,
            Correction::Date(j("01/02/2026")),
            "Erreur de saisie"
        ),
        Err(Refus::DateAnterieure { .. })
    ));
    let e = p
        .rectifier(
            signature,
            Correction::Date(j("03/02/2026")),
            "Signé le lendemain",
        )
        .expect("rectification");
    assert!(e.description().contains("Signé le lendemain"));
    assert_eq!(p.d().entree, Some(j("03/02/2026")));
    assert_eq!(p.d().fin_prevue(), Some(j("02/02/2027")));
    // Le journal garde les deux : l'entrée d'origine et sa rectification.
    assert!(p.journal.iter().any(|e| matches!(
        e,
        binome::domain::dossier::Evenement::ContratSigne { date } if *date == j("02/02/2026")
    )));
    // Une entrée rectifiée se rectifie en nommant sa dernière rectification.
    let derniere = p.journal.len() as u64;
    assert_eq!(
        p.rectifier(signature, Correction::Date(j("04/02/2026")), "Encore"),
        Err(Refus::DejaRectifiee {
            numero: signature,
            derniere
        })
    );
    p.rectifier(
        derniere,
        Correction::Date(j("04/02/2026")),
        "Vérifié sur le contrat",
    )
    .expect("rectification de la rectification");
    assert_eq!(p.d().entree, Some(j("04/02/2026")));
    // Une entrée sans date ni décision ne se rectifie pas ; une entrée inconnue non plus.
    assert!(matches!(
        p.rectifier(1, Correction::Date(j("06/01/2026")), "Ouverture"),
        Err(Refus::RectificationImpossible { .. })
    ));
    assert_eq!(
        p.rectifier(999, Correction::Annulation, "?"),
        Err(Refus::EntreeInconnue { numero: 999 })
    );
}

#[test]
fn une_cloture_par_erreur_s_annule_dans_le_delai() {
    use binome::domain::dossier::Correction;
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("10/06/2026");
    p.faire(Commande::Cloturer {
        date: j("01/06/2026"),
        motif: MotifSortie::RetourEmploi,
        accord: Accord::default(),
        commentaire: String::new(),
    });
    let cloture = p.entree("DossierCloture");
    let mut tard = Parcours {
        dossier: p.dossier.clone(),
        aujourdhui: j("02/07/2026"),
        journal: p.journal.clone(),
    };
    assert_eq!(
        tard.rectifier(cloture, Correction::Annulation, "Erreur de dossier"),
        Err(Refus::RectificationTardive {
            cloture: j("01/06/2026"),
            jours: 30
        })
    );
    p.rectifier(
        cloture,
        Correction::Annulation,
        "Clôturé sur le mauvais dossier",
    )
    .expect("annulation");
    assert_eq!(p.d().etape(), Etape::Accompagnement);
    assert!(p.d().cloture.is_none());
    // Le dossier reprend : un contact s'enregistre de nouveau.
    p.faire(Commande::EnregistrerContact {
        date: j("05/06/2026"),
        canal: Canal::Telephone,
        role: Role::Conseiller,
        objet: String::new(),
    });
}

#[test]
fn rectifier_une_decision_repasse_par_les_gardes_de_la_suite() {
    use binome::domain::dossier::Correction;
    // Validé puis carnet complété : une réorientation à la place rendrait le carnet
    // impossible, la rectification est refusée.
    let mut p = Parcours::valide(Role::Conseiller);
    let conc = p.entree("ConcertationTenue");
    assert_eq!(
        p.rectifier(
            conc,
            Correction::Decision(Decision::Reorientation(Cible::ModalitePoleEmploi)),
            "Décision mal saisie"
        ),
        Err(Refus::CarnetAvantValidation)
    );
    // Sans suite encore : la décision se rectifie.
    let mut q = Parcours::diagnostique(Role::Conseiller);
    q.faire(concertation(
        "20/01/2026",
        Decision::Validation,
        Accord::CONJOINT,
    ));
    let conc = q.entree("ConcertationTenue");
    q.rectifier(
        conc,
        Correction::Decision(Decision::Reorientation(Cible::ModalitePoleEmploi)),
        "Décision mal saisie",
    )
    .expect("rectification");
    assert_eq!(q.d().etape(), Etape::Reoriente);
}

#[test]
fn prescrire_des_le_diagnostic() {
    use binome::domain::dossier::Prescription;
    let prescription = |date: &str| {
        Commande::PrescrireAuDiagnostic(Prescription {
            ressource: "R-1".into(),
            nom: " Épicerie sociale ".into(),
            besoin: "trouver-logement".into(),
            date: j(date),
        })
    };
    // Pas avant un premier entretien.
    let mut p = Parcours::ouvert(Role::Conseiller);
    assert_eq!(
        p.essayer(prescription("05/01/2026")),
        Err(Refus::SansDiagnostic)
    );
    // Pendant le diagnostic, et encore après une réorientation.
    let mut p = Parcours::diagnostique(Role::Conseiller);
    assert!(matches!(
        p.essayer(prescription("05/01/2026")),
        Err(Refus::DateAnterieure { .. })
    ));
    p.faire(prescription("16/01/2026"));
    assert_eq!(p.d().prescriptions_diagnostic[0].nom, "Épicerie sociale");
    assert!(matches!(
        p.essayer(prescription("17/01/2026")),
        Err(Refus::DejaPrescrite { .. })
    ));
    p.faire(concertation(
        "20/01/2026",
        Decision::Reorientation(Cible::ModalitePoleEmploi),
        Accord::CONJOINT,
    ));
    let mut autre = prescription("21/01/2026");
    if let Commande::PrescrireAuDiagnostic(x) = &mut autre {
        x.ressource = "R-2".into();
    }
    p.faire(autre);
    // Après la validation, la prescription passe par une action du carnet.
    let mut v = Parcours::valide(Role::Conseiller);
    assert!(matches!(
        v.essayer(prescription("22/01/2026")),
        Err(Refus::EtapeIncorrecte { .. })
    ));
}

#[test]
fn la_barre_du_parcours_suit_l_annexe_2() {
    use binome::domain::dossier::EtatJalon::{AVenir, EnCours, Fait, SansObjet};
    let etats = |p: &Parcours| {
        p.d()
            .jalons()
            .into_iter()
            .map(|(_, e)| e)
            .collect::<Vec<_>>()
    };
    // Diagnostic partagé fait, fiche retournée : la concertation est en cours.
    let p = Parcours::diagnostique(Role::Conseiller);
    assert_eq!(
        etats(&p),
        [Fait, Fait, Fait, EnCours, AVenir, AVenir, AVenir, AVenir]
    );
    // Entré : l'accompagnement est en cours, la sortie à venir.
    let p = Parcours::entre(Role::Conseiller);
    assert_eq!(
        etats(&p),
        [Fait, Fait, Fait, Fait, Fait, Fait, EnCours, AVenir]
    );
    // Réorienté : ni carnet, ni contrat, ni accompagnement global.
    let mut r = Parcours::diagnostique(Role::Conseiller);
    r.faire(concertation(
        "20/01/2026",
        Decision::Reorientation(Cible::ModalitePoleEmploi),
        Accord::CONJOINT,
    ));
    assert_eq!(
        etats(&r),
        [Fait, Fait, Fait, Fait, SansObjet, SansObjet, SansObjet, EnCours]
    );
    assert_eq!(p.d().jalons()[0].0, "Diagnostic volet emploi");
}

/// Les deux installations ont enregistré la signature du contrat avant d'échanger : au rejeu
/// dans l'ordre commun, la première l'emporte, la seconde devient un conflit gardé ; à la
/// même date, c'est un doublon noté sans alerte. Le résultat ne dépend que de l'ordre commun.
#[test]
fn une_etape_unique_faite_des_deux_cotes_devient_un_conflit() {
    use binome::domain::dossier::{Dossier, Evenement};
    let p = Parcours::entre(Role::Conseiller);
    let signature = p
        .journal
        .iter()
        .position(|e| matches!(e, Evenement::ContratSigne { .. }))
        .expect("signature");
    let mut journal = p.journal.clone();
    journal.insert(
        signature + 1,
        Evenement::ContratSigne {
            date: j("03/02/2026"),
        },
    );
    let d = Dossier::rejouer(&journal).expect("rejeu");
    assert_eq!(d.entree, Some(j("02/02/2026")), "la première l'emporte");
    let conflits: Vec<_> = d.conflits_a_revoir().collect();
    assert_eq!(conflits.len(), 1, "{:?}", d.conflits);
    assert!(
        conflits[0].retenu.contains("02/02/2026"),
        "{:?}",
        conflits[0]
    );
    assert!(
        conflits[0].ecarte.contains("03/02/2026"),
        "{:?}",
        conflits[0]
    );
    assert_eq!(d.version as usize, journal.len(), "rien de perdu");

    let mut doublon = p.journal.clone();
    doublon.insert(signature + 1, doublon[signature].clone());
    let d = Dossier::rejouer(&doublon).expect("rejeu");
    assert_eq!(d.conflits.len(), 1);
    assert!(d.conflits[0].identique);
    assert_eq!(d.conflits_a_revoir().count(), 0, "pas d'alerte");
}
