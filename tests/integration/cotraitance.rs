//! La cotraitance des jeunes avec les missions locales (seed 003) : chaque refus de
//! l'accord-cadre, chaque transition automatique aux dates limites, et une propriété : aucune
//! suite de commandes ne laisse un jeune suivi après ses 26 ans (ou un an après une
//! affectation à 25 ans).

use binome::domain::cotraitance::*;
use binome::domain::date::Jour;

use crate::commun::j;

const ML: &str = "ML-MARSEILLE";
const PE: Acteur = Acteur::ConseillerPoleEmploi;
const RESP: Acteur = Acteur::ResponsableCotraitance;
const REF: Acteur = Acteur::ReferentUnique;

fn missions_locales() -> Vec<MissionLocale> {
    vec![MissionLocale {
        code: ML.into(),
        nom: "Mission locale de Marseille".into(),
        communes: vec!["13201".into(), "13202".into(), "13203".into()],
    }]
}

fn regles() -> Regles {
    Regles {
        criteres_regionaux: vec!["mobilite".into()],
        ..Regles::default()
    }
}

/// Rejoue les commandes, chacune passée par son acteur au jour dit (`aujourdhui` loin).
struct Essai {
    c: Option<Cotraitance>,
    journal: Vec<Evenement>,
    regles: Regles,
    mls: Vec<MissionLocale>,
    aujourdhui: Jour,
}

impl Essai {
    fn new() -> Essai {
        Essai {
            c: None,
            journal: Vec::new(),
            regles: regles(),
            mls: missions_locales(),
            aujourdhui: j("01/01/2040"),
        }
    }

    fn essayer(&mut self, commande: Commande, par: Acteur) -> Result<(), RefusCotraitance> {
        let ctx = Contexte {
            aujourdhui: self.aujourdhui,
            regles: &self.regles,
            missions_locales: &self.mls,
        };
        let e = decider(self.c.as_ref(), &commande, par, &ctx)?;
        match &mut self.c {
            Some(c) => c.appliquer(&e),
            None => self.c = Cotraitance::rejouer(std::slice::from_ref(&e)),
        }
        self.journal.push(e);
        Ok(())
    }

    fn faire(&mut self, commande: Commande, par: Acteur) -> &mut Self {
        let nom = commande.nom();
        if let Err(e) = self.essayer(commande, par) {
            panic!("{nom} refusé : {e}");
        }
        self
    }

    fn c(&self) -> &Cotraitance {
        self.c.as_ref().expect("affecté")
    }

    fn etat(&self, jour: &str) -> Etat {
        self.c().etat_au(j(jour))
    }
}

/// Un jeune fictif, né ce jour-là, qui habite cette commune.
fn jeune(naissance: Jour, commune: &str) -> Jeune {
    Jeune {
        nom: "Fictive".into(),
        prenom: "Zoé".into(),
        identifiant_ft: "1234567A".into(),
        naissance,
        commune: commune.into(),
    }
}

fn affecter(naissance: &str, date: &str) -> Commande {
    Commande::Affecter {
        jeune: jeune(j(naissance), "13201"),
        mission_locale: ML.into(),
        criteres: vec![Critere::ProjetMalDefini],
        parcours: ParcoursPoleEmploi::Accompagnement,
        suivi: SuiviExistant::Aucun,
        confirme: false,
        date: j(date),
    }
}

/// Né le 15/06/2004 (22 ans), affecté le 05/01/2026, accepté, initialisé le 12/01/2026.
fn actif() -> Essai {
    let mut e = Essai::new();
    e.faire(affecter("15/06/2004", "05/01/2026"), PE)
        .faire(
            Commande::Accepter {
                date: j("07/01/2026"),
            },
            RESP,
        )
        .faire(
            Commande::Initialiser {
                date: j("12/01/2026"),
                contact: PremierContact::EntretienIndividuel,
            },
            REF,
        );
    e
}

fn inscription(statut: StatutInscription, date: &str) -> Commande {
    Commande::ChangerInscription {
        statut,
        date: j(date),
    }
}

#[test]
fn l_affectation_refuse_ce_que_l_accord_exclut() {
    let essai = |c: Commande, par: Acteur| Essai::new().essayer(c, par);
    let avec = |f: &dyn Fn(&mut Commande)| {
        let mut c = affecter("15/06/2004", "05/01/2026");
        f(&mut c);
        c
    };
    // 26 ans le jour de l'affectation : refusé ; la veille : accepté.
    let e = essai(affecter("05/01/2000", "05/01/2026"), PE).expect_err("26 ans");
    assert!(matches!(e, RefusCotraitance::TropAge { .. }), "{e}");
    assert!(e.to_string().contains("05/01/2026"));
    essai(affecter("06/01/2000", "05/01/2026"), PE).expect("25 ans et 364 jours");
    // Seul Pôle emploi affecte.
    let e = essai(affecter("15/06/2004", "05/01/2026"), RESP).expect_err("acteur");
    assert!(
        e.to_string()
            .contains("revient à le conseiller Pôle emploi"),
        "{e}"
    );
    let refus = [
        (
            avec(&|c| {
                if let Commande::Affecter { parcours, .. } = c {
                    *parcours = ParcoursPoleEmploi::Autre
                }
            }),
            "parcours « accompagnement »",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { criteres, .. } = c {
                    criteres.clear()
                }
            }),
            "au moins un critère",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { criteres, .. } = c {
                    *criteres = vec![Critere::Regional("logement".into())]
                }
            }),
            "« logement » n'est pas dans les règles",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { suivi, .. } = c {
                    *suivi = SuiviExistant::AutrePartenaire("Cap emploi".into())
                }
            }),
            "déjà accompagné par Cap emploi",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { suivi, .. } = c {
                    *suivi = SuiviExistant::DispositifMissionLocale("Garantie jeunes".into())
                }
            }),
            "maintenu dans ce dispositif",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { suivi, .. } = c {
                    *suivi = SuiviExistant::AccompagnementGlobal
                }
            }),
            "dossier d'accompagnement global en cours",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { suivi, .. } = c {
                    *suivi = SuiviExistant::Civis
                }
            }),
            "Confirmez pour affecter",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { jeune, .. } = c {
                    jeune.commune = "59350".into()
                }
            }),
            "59350) n'est pas dans le territoire de Mission locale de Marseille",
        ),
        (
            avec(&|c| {
                if let Commande::Affecter { mission_locale, .. } = c {
                    *mission_locale = "ML-LILLE".into()
                }
            }),
            "« ML-LILLE » n'est pas une mission locale",
        ),
    ];
    for (c, attendu) in refus {
        let e = essai(c, PE).expect_err(attendu);
        assert!(e.to_string().contains(attendu), "{e} / {attendu}");
    }
    // Un critère régional connu, et le CIVIS confirmé : affecté, ni compté ni financé.
    let mut e = Essai::new();
    e.faire(
        avec(&|c| {
            if let Commande::Affecter {
                criteres,
                suivi,
                confirme,
                ..
            } = c
            {
                *criteres = vec![Critere::Regional("mobilite".into())];
                *suivi = SuiviExistant::Civis;
                *confirme = true;
            }
        }),
        PE,
    );
    assert!(e.c().affectation.civis);
    e.faire(
        Commande::Initialiser {
            date: j("06/01/2026"),
            contact: PremierContact::Atelier,
        },
        REF,
    );
    assert!(!e.c().compte_pour_l_objectif(), "CIVIS : pas compté");
    assert!(actif().c().compte_pour_l_objectif());
}

#[test]
fn l_entree_se_fait_par_etapes_datees_et_une_radiation_avant_l_initialisation_l_annule() {
    let mut e = Essai::new();
    e.faire(affecter("15/06/2004", "05/01/2026"), PE);
    assert_eq!(e.etat("05/01/2026"), Etat::Affecte);
    // Le référent n'accepte pas : c'est le responsable de la cotraitance.
    let r = e
        .essayer(
            Commande::Accepter {
                date: j("07/01/2026"),
            },
            REF,
        )
        .expect_err("acteur");
    assert!(
        r.to_string().contains("responsable de la cotraitance"),
        "{r}"
    );
    let r = e
        .essayer(
            Commande::Accepter {
                date: j("04/01/2026"),
            },
            RESP,
        )
        .expect_err("avant l'affectation");
    assert!(matches!(r, RefusCotraitance::DateAnterieure { .. }), "{r}");
    // L'attente se compte contre le seuil réglé, sans règle inventée.
    let a = e.c().attente(j("25/01/2026"), &regles()).expect("attente");
    assert_eq!((a.etape, a.jours, a.depasse), ("acceptation", 20, true));

    // Radié avant l'acceptation : l'affectation est annulée, plus rien ne se fait.
    let mut annule = e.c.clone();
    let mut ea = Essai::new();
    ea.c = annule.take();
    ea.faire(inscription(StatutInscription::Radie, "10/01/2026"), PE);
    assert_eq!(ea.etat("09/01/2026"), Etat::Affecte);
    assert_eq!(ea.etat("10/01/2026"), Etat::Annule);
    assert_eq!(ea.c().sortie(), None);
    let r = ea
        .essayer(
            Commande::Accepter {
                date: j("11/01/2026"),
            },
            RESP,
        )
        .expect_err("annulé");
    assert!(r.to_string().contains("affectation annulée"), "{r}");

    // Accepté puis radié avant l'initialisation : fin de cotraitance anticipée.
    e.faire(
        Commande::Accepter {
            date: j("07/01/2026"),
        },
        RESP,
    )
    .faire(inscription(StatutInscription::Radie, "10/01/2026"), PE);
    assert_eq!(e.etat("09/01/2026"), Etat::Accepte);
    assert_eq!(e.etat("10/01/2026"), Etat::Sorti(MotifSortie::FinAnticipee));
    assert_eq!(
        e.c().sortie().map(|s| s.dernier_jour),
        Some(j("09/01/2026"))
    );

    // L'initialisation peut précéder l'acceptation (jeune déjà connu de la mission locale).
    let mut e = Essai::new();
    e.faire(affecter("15/06/2004", "05/01/2026"), PE).faire(
        Commande::Initialiser {
            date: j("06/01/2026"),
            contact: PremierContact::EntretienCollectif,
        },
        REF,
    );
    assert_eq!(e.etat("06/01/2026"), Etat::Actif);
    let a = e.c().attente(j("10/01/2026"), &regles()).expect("attente");
    assert_eq!((a.etape, a.depasse), ("acceptation", false));
    // Radié après l'initialisation : suspension, pas annulation.
    e.faire(inscription(StatutInscription::Cessation, "20/02/2026"), PE);
    assert_eq!(e.etat("20/02/2026"), Etat::Suspension { alerte: false });
}

#[test]
fn la_veille_des_26_ans_est_le_dernier_jour() {
    // Né le 20/03/2001 : 26 ans le 20/03/2027.
    let mut e = Essai::new();
    e.faire(affecter("20/03/2001", "05/01/2026"), PE).faire(
        Commande::Initialiser {
            date: j("12/01/2026"),
            contact: PremierContact::Atelier,
        },
        REF,
    );
    assert!(!e.c().affecte_a_25_ans());
    assert_eq!(e.etat("19/03/2027"), Etat::Actif);
    assert_eq!(e.etat("20/03/2027"), Etat::Sorti(MotifSortie::VingtSixAns));
    assert_eq!(
        e.c().sortie().map(|s| s.dernier_jour),
        Some(j("19/03/2027"))
    );
    let r = e
        .essayer(
            Commande::NoterEntretien {
                date: j("20/03/2027"),
            },
            REF,
        )
        .expect_err("sorti");
    assert!(r.to_string().contains("veille du 26e anniversaire"), "{r}");
    // Le jour des 26 ans, même un changement d'inscription n'a plus lieu d'être.
    let r = e
        .essayer(inscription(StatutInscription::Radie, "20/03/2027"), PE)
        .expect_err("sorti");
    assert!(r.to_string().contains("veille du 26e anniversaire"), "{r}");
    e.faire(
        Commande::NoterEntretien {
            date: j("19/03/2027"),
        },
        REF,
    );
}

#[test]
fn affecte_a_25_ans_le_jeune_est_suivi_un_an_depuis_l_affectation() {
    // Né le 10/02/2000 : 25 ans le 10/02/2025, 26 ans le 10/02/2026.
    let mut e = Essai::new();
    e.faire(affecter("10/02/2000", "01/09/2025"), PE).faire(
        Commande::Initialiser {
            date: j("20/10/2025"),
            contact: PremierContact::Atelier,
        },
        REF,
    );
    assert!(e.c().affecte_a_25_ans());
    // Au-delà de ses 26 ans : c'est l'exception de l'accord.
    assert_eq!(e.etat("01/03/2026"), Etat::Actif);
    assert_eq!(e.etat("31/08/2026"), Etat::Actif);
    assert_eq!(
        e.etat("01/09/2026"),
        Etat::Sorti(MotifSortie::UnAnApresAffectation)
    );
    // La veille de ses 25 ans, la règle des 26 ans s'applique.
    let mut f = Essai::new();
    f.faire(affecter("02/09/2000", "01/09/2025"), PE);
    assert!(!f.c().affecte_a_25_ans());
    assert_eq!(
        f.c().fin_prevue(),
        Sortie {
            dernier_jour: j("01/09/2026"),
            motif: MotifSortie::VingtSixAns
        }
    );
}

#[test]
fn six_mois_de_suspension_exactement_maintiennent_un_jour_de_plus_fait_sortir() {
    // Radié le 01/03/2026 : six mois exactement s'il est réinscrit le 01/09/2026.
    let mut e = actif();
    e.faire(inscription(StatutInscription::Radie, "01/03/2026"), PE);
    assert_eq!(e.etat("31/08/2026"), Etat::Suspension { alerte: false });
    // Sans réinscription, la sortie est prévue : dernier jour le 31/08/2026.
    assert_eq!(
        e.c().sortie(),
        Some(Sortie {
            dernier_jour: j("31/08/2026"),
            motif: MotifSortie::SuspensionSixMois
        })
    );
    let mut exactement = Essai::new();
    exactement.c = e.c.clone();
    exactement.faire(inscription(StatutInscription::Inscrit, "01/09/2026"), PE);
    assert_eq!(exactement.etat("01/09/2026"), Etat::Actif);
    assert_eq!(
        exactement.c().sortie().map(|s| s.motif),
        Some(MotifSortie::VingtSixAns)
    );
    // Un jour de plus : il est déjà sorti, la réinscription ne le fait pas revenir.
    assert_eq!(
        e.etat("01/09/2026"),
        Etat::Sorti(MotifSortie::SuspensionSixMois)
    );
    let r = e
        .essayer(inscription(StatutInscription::Inscrit, "02/09/2026"), PE)
        .expect_err("sorti");
    assert!(r.to_string().contains("plus de six mois"), "{r}");
    // Deux suspensions de quatre mois, séparées d'une réinscription : pas de sortie.
    let mut f = actif();
    f.faire(inscription(StatutInscription::Radie, "01/02/2026"), PE)
        .faire(inscription(StatutInscription::Inscrit, "01/06/2026"), PE)
        .faire(inscription(StatutInscription::Cessation, "15/06/2026"), PE)
        .faire(inscription(StatutInscription::Inscrit, "15/10/2026"), PE);
    assert_eq!(f.etat("16/10/2026"), Etat::Actif);
    let r = f
        .essayer(inscription(StatutInscription::Inscrit, "20/10/2026"), PE)
        .expect_err("inchangé");
    assert!(r.to_string().contains("déjà « inscrit »"), "{r}");
}

#[test]
fn une_alerte_attend_la_decision_de_pole_emploi_et_la_suspension_l_emporte() {
    let mut e = actif();
    let lever = |date: &str| Commande::LeverAlerte {
        motif: MotifAlerte::Manquement,
        detail: "absent à deux rendez-vous".into(),
        date: j(date),
    };
    e.faire(lever("02/03/2026"), REF);
    assert_eq!(e.etat("02/03/2026"), Etat::Alerte);
    let r = e
        .essayer(lever("03/03/2026"), REF)
        .expect_err("déjà ouverte");
    assert!(r.to_string().contains("levée le 02/03/2026"), "{r}");
    // Radié pendant l'alerte : la suspension l'emporte, l'alerte reste à décider.
    e.faire(inscription(StatutInscription::Radie, "05/03/2026"), PE);
    assert_eq!(e.etat("05/03/2026"), Etat::Suspension { alerte: true });
    // La mission locale ne décide pas : Pôle emploi arbitre.
    let maintien = Commande::DeciderAlerte {
        decision: DecisionAlerte::Maintien(SuiteMaintien::RappelDesObligations),
        date: j("10/03/2026"),
    };
    let r = e.essayer(maintien.clone(), REF).expect_err("acteur");
    assert!(r.to_string().contains("conseiller Pôle emploi"), "{r}");
    e.faire(maintien, PE)
        .faire(inscription(StatutInscription::Inscrit, "12/03/2026"), PE);
    assert_eq!(e.etat("10/03/2026"), Etat::Suspension { alerte: false });
    assert_eq!(e.etat("12/03/2026"), Etat::Actif);
    let r = e
        .essayer(
            Commande::DeciderAlerte {
                decision: DecisionAlerte::RetourSuiviMensuel,
                date: j("13/03/2026"),
            },
            PE,
        )
        .expect_err("aucune");
    assert!(matches!(r, RefusCotraitance::AucuneAlerte));
    // Une seconde alerte, décidée en sortie : réorientation vers un autre partenaire.
    e.faire(lever("20/03/2026"), RESP).faire(
        Commande::DeciderAlerte {
            decision: DecisionAlerte::Reorientation {
                partenaire: "Cap emploi".into(),
            },
            date: j("25/03/2026"),
        },
        PE,
    );
    // Décidée le 25 : l'alerte est close ce jour-là, qui est le dernier jour suivi.
    assert_eq!(e.etat("25/03/2026"), Etat::Actif);
    assert_eq!(
        e.etat("26/03/2026"),
        Etat::Sorti(MotifSortie::Reorientation {
            partenaire: "Cap emploi".into()
        })
    );
    assert_eq!(
        e.c().sortie().map(|s| s.motif.code()),
        Some("reorientation")
    );
}

#[test]
fn un_mois_sans_entretien_hors_exemptions_se_signale() {
    let mut e = actif(); // initialisé le 12/01/2026
    assert_eq!(e.c().entretien_du(), Some(j("12/02/2026")));
    assert_eq!(e.c().entretien_en_retard(j("12/02/2026")), None);
    assert_eq!(
        e.c().entretien_en_retard(j("13/02/2026")),
        Some(j("12/02/2026"))
    );
    e.faire(
        Commande::NoterEntretien {
            date: j("10/02/2026"),
        },
        REF,
    );
    assert_eq!(e.c().entretien_du(), Some(j("10/03/2026")));
    // Une formation du 01/03 au 30/04 : le mois repart de sa fin.
    e.faire(
        Commande::NoterIndisponibilite(Periode {
            debut: j("01/03/2026"),
            fin: j("30/04/2026"),
            motif: Indisponibilite::Formation,
        }),
        REF,
    );
    assert_eq!(e.c().entretien_du(), Some(j("30/05/2026")));
    // Un emploi temporaire de deux mois ou plus n'exempte pas.
    let r = e
        .essayer(
            Commande::NoterIndisponibilite(Periode {
                debut: j("01/06/2026"),
                fin: j("01/08/2026"),
                motif: Indisponibilite::EmploiTemporaire,
            }),
            REF,
        )
        .expect_err("trop long");
    assert!(matches!(r, RefusCotraitance::EmploiTropLong), "{r}");
    // En suspension, aucun entretien n'est dû.
    e.faire(inscription(StatutInscription::Radie, "15/05/2026"), PE);
    assert_eq!(e.c().entretien_du(), None);
    assert_eq!(e.c().entretien_en_retard(j("01/07/2026")), None);
}

#[test]
fn un_demenagement_hors_du_territoire_fait_sortir_et_pole_emploi_seul_decide_les_sorties() {
    let mut e = actif();
    e.faire(
        Commande::NoterDemenagement {
            commune: "13203".into(),
            date: j("01/04/2026"),
        },
        REF,
    );
    assert_eq!(
        (e.c().jeune.commune.as_str(), e.etat("02/04/2026")),
        ("13203", Etat::Actif)
    );
    e.faire(
        Commande::NoterDemenagement {
            commune: "59350".into(),
            date: j("01/05/2026"),
        },
        REF,
    );
    assert_eq!(e.etat("02/05/2026"), Etat::Sorti(MotifSortie::Demenagement));

    let mut f = actif();
    let sortir = |motif: MotifSortie| Commande::Sortir {
        motif,
        date: j("01/06/2026"),
    };
    let r = f
        .essayer(sortir(MotifSortie::RetourEmploi), REF)
        .expect_err("acteur");
    assert!(r.to_string().contains("conseiller Pôle emploi"), "{r}");
    for m in [
        MotifSortie::VingtSixAns,
        MotifSortie::SuspensionSixMois,
        MotifSortie::RetourSuiviMensuel,
        MotifSortie::Demenagement,
    ] {
        let r = f.essayer(sortir(m), PE).expect_err("non décidable");
        assert!(matches!(r, RefusCotraitance::MotifNonDecidable(_)), "{r}");
    }
    f.faire(sortir(MotifSortie::RetourEmploi), PE);
    assert_eq!(f.etat("02/06/2026"), Etat::Sorti(MotifSortie::RetourEmploi));
    let r = f
        .essayer(inscription(StatutInscription::Radie, "02/06/2026"), PE)
        .expect_err("sorti");
    assert!(r.to_string().contains("retour à l'emploi"), "{r}");
    // Le journal rejoué redonne le même état.
    assert_eq!(Cotraitance::rejouer(&f.journal).as_ref(), f.c.as_ref());
}

mod proprietes {
    use super::*;
    use proptest::prelude::*;

    fn commande(k: u8, date: Jour, x: u8) -> Commande {
        let statuts = [
            StatutInscription::Inscrit,
            StatutInscription::Radie,
            StatutInscription::Cessation,
        ];
        match k % 9 {
            0 => Commande::Accepter { date },
            1 => Commande::Initialiser {
                date,
                contact: PremierContact::Atelier,
            },
            2 | 3 => Commande::ChangerInscription {
                statut: statuts[usize::from(x % 3)],
                date,
            },
            4 => Commande::NoterEntretien { date },
            5 => Commande::LeverAlerte {
                motif: MotifAlerte::Difficulte,
                detail: String::new(),
                date,
            },
            6 => Commande::DeciderAlerte {
                decision: if x.is_multiple_of(4) {
                    DecisionAlerte::RetourSuiviMensuel
                } else {
                    DecisionAlerte::Maintien(SuiteMaintien::NouvelleOrientation)
                },
                date,
            },
            7 => Commande::NoterDemenagement {
                commune: if x.is_multiple_of(5) {
                    "59350"
                } else {
                    "13202"
                }
                .into(),
                date,
            },
            _ => Commande::Sortir {
                motif: MotifSortie::RetourEmploi,
                date,
            },
        }
    }

    proptest! {
        #[test]
        fn aucune_suite_de_commandes_ne_garde_un_jeune_apres_26_ans(
            age_jours in 16i64 * 365..(26 * 365 + 6),
            pas in proptest::collection::vec((0u8..9, 0i64..120, any::<u8>(), 0u8..3), 0..40),
        ) {
            let affectation = j("01/06/2026");
            let naissance = affectation - chrono::Duration::days(age_jours);
            let mut e = Essai::new();
            let a = Commande::Affecter {
                jeune: jeune(naissance, "13201"),
                mission_locale: ML.into(),
                criteres: vec![Critere::SansRepereNiReseau],
                parcours: ParcoursPoleEmploi::Accompagnement,
                suivi: SuiviExistant::Aucun,
                confirme: false,
                date: affectation,
            };
            if e.essayer(a, PE).is_err() {
                // 26 ans ou plus : refusé, c'est l'essai précédent.
                prop_assert!(affectation >= naissance.checked_add_months(chrono::Months::new(312)).expect("date"));
                return Ok(());
            }
            let mut date = affectation;
            for (k, avance, x, acteur) in pas {
                date += chrono::Duration::days(avance);
                let par = [PE, RESP, REF][usize::from(acteur)];
                let _ = e.essayer(commande(k, date, x), par);
            }
            let c = e.c().clone();
            let limite = if c.affecte_a_25_ans() {
                affectation.checked_add_months(chrono::Months::new(12)).expect("date")
            } else {
                c.vingt_six_ans()
            };
            // Jamais suivi à partir de la limite ; une fois sorti ou annulé, jamais de retour.
            let mut fini = false;
            let mut jour = affectation;
            while jour < limite + chrono::Duration::days(400) {
                let etat = c.etat_au(jour);
                if jour >= limite {
                    prop_assert!(!etat.en_cours(), "{jour} : {etat:?} (limite {limite})");
                }
                prop_assert!(!(fini && etat.en_cours()), "{jour} : revenu en {etat:?}");
                fini |= !etat.en_cours();
                jour += chrono::Duration::days(7);
            }
            prop_assert_eq!(Cotraitance::rejouer(&e.journal), Some(c));
        }
    }
}

/// Six jeunes aux parcours connus ; chaque chiffre est compté à la main dans les
/// commentaires.
#[test]
fn les_indicateurs_et_l_activite_sur_un_jeu_calcule_a_la_main() {
    use binome::domain::cotraitance::indicateurs::{activite, indicateurs, Objectif};
    let init = |date: &str| Commande::Initialiser {
        date: j(date),
        contact: PremierContact::Atelier,
    };
    let accepter = |date: &str| Commande::Accepter { date: j(date) };
    // A : affecté 05/01, accepté 07/01, initialisé 12/01 ; actif jusqu'au 31/12.
    let mut a = Essai::new();
    a.faire(affecter("15/06/2004", "05/01/2026"), PE)
        .faire(accepter("07/01/2026"), RESP)
        .faire(init("12/01/2026"), REF);
    // B : en CIVIS, affecté 10/04, initialisé 15/04, radié le 01/07 et jamais réinscrit :
    // six mois atteints le 01/01/2027, dernier jour le 31/12/2026.
    let mut b = Essai::new();
    b.faire(
        Commande::Affecter {
            jeune: jeune(j("01/01/2003"), "13202"),
            mission_locale: ML.into(),
            criteres: vec![Critere::SituationPersonnelle],
            parcours: ParcoursPoleEmploi::Accompagnement,
            suivi: SuiviExistant::Civis,
            confirme: true,
            date: j("10/04/2026"),
        },
        PE,
    )
    .faire(init("15/04/2026"), REF)
    .faire(inscription(StatutInscription::Radie, "01/07/2026"), PE);
    // C : affecté à 25 ans le 02/02, accepté 03/02, initialisé 20/02, alerte du 01/03
    // décidée (maintien) le 11/03.
    let mut c = Essai::new();
    c.faire(affecter("20/03/2000", "02/02/2026"), PE)
        .faire(accepter("03/02/2026"), RESP)
        .faire(init("20/02/2026"), REF)
        .faire(
            Commande::LeverAlerte {
                motif: MotifAlerte::Evenement,
                detail: String::new(),
                date: j("01/03/2026"),
            },
            REF,
        )
        .faire(
            Commande::DeciderAlerte {
                decision: DecisionAlerte::Maintien(SuiteMaintien::NouvelleOrientation),
                date: j("11/03/2026"),
            },
            PE,
        );
    // D : affecté 15/05, radié le 20/05 avant l'acceptation : annulé.
    let mut d = Essai::new();
    d.faire(affecter("01/05/2002", "15/05/2026"), PE)
        .faire(inscription(StatutInscription::Radie, "20/05/2026"), PE);
    // E : affecté 01/10, accepté 05/10, initialisé 10/10, sorti (retour à l'emploi) le 30/11.
    let mut e = Essai::new();
    e.faire(affecter("10/09/2001", "01/10/2026"), PE)
        .faire(accepter("05/10/2026"), RESP)
        .faire(init("10/10/2026"), REF)
        .faire(
            Commande::Sortir {
                motif: MotifSortie::RetourEmploi,
                date: j("30/11/2026"),
            },
            PE,
        );
    // F : affecté et initialisé en 2025 ; 26 ans le 01/01/2027, dernier jour le 31/12/2026.
    let mut f = Essai::new();
    f.faire(affecter("01/01/2001", "01/12/2025"), PE)
        .faire(init("05/12/2025"), REF);
    let jeunes: Vec<Cotraitance> = [a, b, c, d, e, f]
        .into_iter()
        .map(|x| x.c().clone())
        .collect();

    let r = indicateurs(&jeunes, 2026, j("31/12/2026"));
    // DE0 : A et C au 1er trimestre, B et D au 2e, E au 4e.
    assert_eq!(r.de0_par_trimestre, [2, 2, 0, 1]);
    assert_eq!(r.de0_cumul, [2, 4, 4, 5]);
    assert_eq!(r.de1_en_cotraitance, 6);
    assert_eq!(
        r.de4_suivis_par_les_deux, 5,
        "tous sauf D, jamais initialisé"
    );
    assert_eq!((r.entrees, r.annulations), (4, 1));
    assert_eq!(
        r.sorties.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
        [
            ("26_ans", 1),
            ("retour_emploi", 1),
            ("suspension_6_mois", 1)
        ]
    );
    // Affecté : A 2 + B 5 + C 1 + D 5 + E 4 ; accepté : A 5 + C 17 + E 5 ;
    // actif : A 354 + B 77 + C (9 + 296) + E 52 + F 365 ; alerte : C 10 ; suspension : B 184.
    assert_eq!(
        r.jours_par_etat
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect::<Vec<_>>(),
        [
            ("accepte", 27),
            ("actif", 1153),
            ("affecte", 17),
            ("alerte", 10),
            ("suspension", 184)
        ]
    );

    // L'activité de la mission locale : A (janvier), C (février), E (octobre) comptent ; B,
    // en CIVIS, est dans le total « avec CIVIS » seulement.
    let mut objectif = Objectif {
        mission_locale: ML.into(),
        annee: 2026,
        jeunes: 4,
        subvention_centimes: 1_000_000,
        seuil_depassement_pct: 100,
    };
    let act = activite(&jeunes, &objectif);
    assert_eq!(act.par_mois, [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert_eq!((act.total, act.total_avec_civis), (3, 4));
    assert_eq!(act.atteinte_pour_mille, 750);
    assert!(!act.depassement);
    // 75 % atteints : 7 500 € dus ; 2 × 4 000 € d'acomptes : 500 € à reverser.
    assert_eq!(act.due_centimes, 750_000);
    assert_eq!(
        act.acomptes,
        [(j("20/01/2026"), 400_000), (j("10/07/2026"), 400_000)]
    );
    assert_eq!(act.solde_centimes, -50_000);
    // Le compte rendu écrit les montants en euros et l'atteinte en pour cent.
    let textes: Vec<(String, String)> = act
        .lignes(&objectif)
        .iter()
        .map(|l| (l.detail.clone(), l.texte()))
        .collect();
    for (detail, texte) in [
        ("atteinte", "75,0 %"),
        ("dépassement à signaler", "non"),
        ("due au prorata", "7\u{a0}500,00 €"),
        (
            "solde après le compte rendu (négatif : à reverser)",
            "-500,00 €",
        ),
    ] {
        assert!(
            textes.contains(&(detail.to_string(), texte.to_string())),
            "{detail} : {texte} dans {textes:?}"
        );
    }
    // Objectif de 2 : dépassé (150 %), la subvention reste plafonnée au montant prévu.
    objectif.jeunes = 2;
    let act = activite(&jeunes, &objectif);
    assert!(act.depassement);
    assert_eq!((act.due_centimes, act.solde_centimes), (1_000_000, 200_000));
}

/// Le document remis au jeune à l'affectation et la fiche d'une alerte, relus dans le PDF.
#[test]
fn le_document_d_affectation_et_la_fiche_d_alerte_disent_ce_que_l_accord_demande() {
    use binome::documents::cotraitance::{affectation, fiche_alerte, Sources};
    let mut e = Essai::new();
    e.faire(
        Commande::Affecter {
            jeune: jeune(j("20/03/2001"), "13201"),
            mission_locale: ML.into(),
            criteres: vec![Critere::ProjetMalDefini, Critere::QualificationInsuffisante],
            parcours: ParcoursPoleEmploi::Accompagnement,
            suivi: SuiviExistant::Civis,
            confirme: true,
            date: j("05/01/2026"),
        },
        PE,
    )
    .faire(
        Commande::Initialiser {
            date: j("12/01/2026"),
            contact: PremierContact::Atelier,
        },
        REF,
    )
    .faire(
        Commande::LeverAlerte {
            motif: MotifAlerte::Manquement,
            detail: "absent aux deux derniers rendez-vous".into(),
            date: j("02/03/2026"),
        },
        REF,
    );
    let mls = missions_locales();
    fn sources<'a>(c: &'a Cotraitance, ml: &'a MissionLocale) -> Sources<'a> {
        Sources {
            jeune: "Zoé FICTIVE",
            cotraitance: c,
            mission_locale: ml,
            coordonnees: "1 rue de l'Essai, 13001 Marseille — 04 00 00 00 00",
            conseiller: "Camille ESSAI, agence de Marseille 1er",
            fait_le: j("05/01/2026"),
        }
    }
    let texte = crate::pdf::mots(&affectation(&sources(e.c(), &mls[0])).expect("PDF"));
    for attendu in [
        "Votre accompagnement par la mission locale",
        "Affecté le 05/01/2026",
        "projet professionnel mal défini ou en inadéquation avec le marché du travail",
        "niveau de qualification insuffisant au regard du projet professionnel",
        "Vous êtes en CIVIS : vous y restez",
        "au moins un par mois",
        "Pôle emploi ne vous convoque pas chaque mois",
        "Mission locale de Marseille",
        "1 rue de l'Essai, 13001 Marseille",
        "au plus tard le 19/03/2027 (veille du 26e anniversaire)",
        "Zoé FICTIVE",
    ] {
        assert!(texte.contains(attendu), "« {attendu} » manque : {texte}");
    }

    let alerte = |e: &Essai| {
        crate::pdf::mots(
            &fiche_alerte(&sources(e.c(), &mls[0]), 1)
                .expect("PDF")
                .expect("alerte n° 1"),
        )
    };
    let texte = alerte(&e);
    for attendu in [
        "Alerte de cotraitance n° 1",
        "Levée le 02/03/2026",
        "manquement aux obligations du PPAE",
        "absent aux deux derniers rendez-vous",
        "Inscription à cette date inscrit",
        "À décider",
    ] {
        assert!(texte.contains(attendu), "« {attendu} » manque : {texte}");
    }
    e.faire(
        Commande::DeciderAlerte {
            decision: DecisionAlerte::Reorientation {
                partenaire: "Cap emploi".into(),
            },
            date: j("09/03/2026"),
        },
        PE,
    );
    let texte = alerte(&e);
    assert!(texte.contains("Décidée le 09/03/2026"), "{texte}");
    assert!(
        texte.contains("sortie : réorientation vers Cap emploi"),
        "{texte}"
    );
    assert!(
        fiche_alerte(&sources(e.c(), &mls[0]), 2)
            .expect("PDF")
            .is_none(),
        "pas d'alerte n° 2"
    );
}
