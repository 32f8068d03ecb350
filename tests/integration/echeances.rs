//! Échéances et alertes calculées à la main sur des dossiers conduits par le domaine.
//! Dossier type : ouvert le 05/01/2026, entré le 02/02/2026, terme le 01/02/2027 ;
//! deux actions au carnet (n° 1 volet emploi, n° 2 volet social) échues le 30/06/2026.

use crate::commun::*;
use binome::domain::date::Jour;
use binome::domain::dossier::{Accord, Canal, Commande, MotifSortie, ObjetFiche, StatutAction};
use binome::domain::echeances::{alertes, prochaine_echeance, Alerte, Gravite, Parametres};
use binome::domain::professionnel::Role;

/// Les alertes, sauf celle du diagnostic à actualiser (essayée à part) : ces dossiers
/// n'actualisent pas leur diagnostic.
fn les_alertes(p: &Parcours, le: &str) -> Vec<Alerte> {
    let reglages = Parametres {
        diagnostic_a_actualiser_mois: 120,
        ..Parametres::default()
    };
    alertes(&p.d().resume(), j(le), &reglages)
}

fn avec(p: &Parcours, le: &str, reglages: &Parametres) -> Vec<Alerte> {
    alertes(&p.d().resume(), j(le), reglages)
}

fn contact(p: &mut Parcours, date: &str) {
    p.faire(Commande::EnregistrerContact {
        date: j(date),
        canal: Canal::Telephone,
        role: Role::Conseiller,
        objet: "Point de situation".into(),
    });
}

fn realiser(p: &mut Parcours, numero: u32, date: &str) {
    p.faire(Commande::ChangerStatutAction {
        numero,
        statut: StatutAction::Realisee,
        date: j(date),
    });
}

/// Entré le 02/02/2026, actions réalisées, dernier contact le `dernier_contact` : seules
/// les échéances du terme restent à surveiller.
fn entre_a_jour(dernier_contact: &str) -> Parcours {
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("01/08/2027");
    realiser(&mut p, 1, "01/03/2026");
    realiser(&mut p, 2, "01/03/2026");
    contact(&mut p, dernier_contact);
    p
}

fn reconduire(p: &mut Parcours, date: &str, mois: u32) {
    p.faire(Commande::Reconduire {
        date: j(date),
        mois,
        accord: Accord::CONJOINT,
    });
}

fn fin(s: &str, jours: i64) -> Alerte {
    Alerte::FinDeTerme { fin: j(s), jours }
}

const TERME: &str = "01/02/2027";

fn reconduction() -> Alerte {
    Alerte::ReconductionADecider {
        limite: j("02/01/2027"),
        fin: j(TERME),
    }
}

#[test]
fn terme_a_douze_mois_moins_un_jour() {
    let p = Parcours::entre(Role::Conseiller);
    let r = p.d().resume();
    assert_eq!(r.date_entree, Some(j("02/02/2026")));
    assert_eq!(r.date_fin, Some(j(TERME)));
    assert!(!r.reconduit);
}

#[test]
fn fin_de_terme_annoncee_trente_jours_avant() {
    let p = entre_a_jour("25/12/2026");
    // 01/01/2027 : 31 jours avant le terme, rien ; la reconduction, elle, est à décider.
    assert_eq!(les_alertes(&p, "01/01/2027"), vec![reconduction()]);
    // 02/01/2027 : 30 jours.
    assert_eq!(
        les_alertes(&p, "02/01/2027"),
        vec![reconduction(), fin(TERME, 30)]
    );
    assert_eq!(
        les_alertes(&p, "17/01/2027"),
        vec![reconduction(), fin(TERME, 15)]
    );
    // Le jour du terme : 0 jour, pas encore dépassé.
    assert_eq!(les_alertes(&p, TERME), vec![reconduction(), fin(TERME, 0)]);
}

#[test]
fn terme_depasse_le_lendemain_du_terme() {
    let p = entre_a_jour("20/01/2027");
    let v = les_alertes(&p, "02/02/2027");
    assert_eq!(
        v,
        vec![Alerte::TermeDepasse {
            fin: j(TERME),
            jours: 1
        }]
    );
    assert_eq!(
        v[0].libelle(),
        "Terme dépassé depuis le 01/02/2027 (1 jour) : clôturez le dossier"
    );
    let v = les_alertes(&p, "13/02/2027");
    assert_eq!(
        v,
        vec![Alerte::TermeDepasse {
            fin: j(TERME),
            jours: 12
        }]
    );
    assert_eq!(
        v[0].libelle(),
        "Terme dépassé depuis le 01/02/2027 (12 jours) : clôturez le dossier"
    );
}

#[test]
fn reconduction_a_decider_quinze_jours_avant_la_limite() {
    // Limite = terme − 30 jours = 02/01/2027 ; signalée à partir du 18/12/2026.
    let p = entre_a_jour("10/12/2026");
    assert_eq!(les_alertes(&p, "17/12/2026"), vec![]);
    assert_eq!(les_alertes(&p, "18/12/2026"), vec![reconduction()]);
    // Après la limite, tant que le terme n'est pas passé, elle reste à décider.
    assert_eq!(
        les_alertes(&p, "10/01/2027"),
        vec![reconduction(), fin(TERME, 22)]
    );
    assert_eq!(
        reconduction().libelle(),
        "Reconduction à décider avant le 02/01/2027 (terme le 01/02/2027)"
    );
}

#[test]
fn plus_de_reconduction_a_decider_une_fois_reconduit() {
    let mut p = entre_a_jour("10/12/2026");
    reconduire(&mut p, "20/12/2026", 6);
    let r = p.d().resume();
    assert!(r.reconduit);
    // 02/02/2026 + 18 mois − 1 jour.
    assert_eq!(r.date_fin, Some(j("01/08/2027")));
    assert_eq!(les_alertes(&p, "20/12/2026"), vec![]);
    assert_eq!(les_alertes(&p, "10/01/2027"), vec![]);
    // Le nouveau terme est annoncé 30 jours avant, sans seconde reconduction.
    contact(&mut p, "20/06/2027");
    assert_eq!(les_alertes(&p, "01/07/2027"), vec![]);
    assert_eq!(les_alertes(&p, "02/07/2027"), vec![fin("01/08/2027", 30)]);
}

#[test]
fn reconduction_de_trois_mois() {
    let mut p = entre_a_jour("10/12/2026");
    reconduire(&mut p, "05/01/2027", 3);
    contact(&mut p, "25/03/2027");
    assert_eq!(p.d().resume().date_fin, Some(j("01/05/2027")));
    assert_eq!(les_alertes(&p, "31/03/2027"), vec![]);
    assert_eq!(les_alertes(&p, "01/04/2027"), vec![fin("01/05/2027", 30)]);
}

/// Envoyée le 07/01/2026, jamais retournée.
fn fiche_en_attente() -> Parcours {
    Parcours::oriente(Role::Conseiller)
}

#[test]
fn fiche_sans_retour_apres_quinze_jours() {
    let p = fiche_en_attente();
    assert_eq!(p.d().resume().fiche_en_attente, Some((1, j("07/01/2026"))));
    // 15 jours : pas encore.
    assert_eq!(les_alertes(&p, "22/01/2026"), vec![]);
    let v = les_alertes(&p, "23/01/2026");
    assert_eq!(
        v,
        vec![Alerte::FicheSansRetour {
            numero: 1,
            envoyee_le: j("07/01/2026"),
            jours: 16
        }]
    );
    assert_eq!(
        v[0].libelle(),
        "Fiche de liaison n° 1 envoyée le 07/01/2026 sans retour depuis 16 jours"
    );
    assert_eq!(v[0].gravite(), Gravite::Attention);
    // Prochaine échéance : envoi + 15 jours.
    assert_eq!(
        prochaine_echeance(&p.d().resume(), &Parametres::default()),
        Some(j("22/01/2026"))
    );
}

#[test]
fn le_retour_de_la_fiche_eteint_l_alerte() {
    let mut p = fiche_en_attente();
    p.faire(Commande::EnregistrerRetourFiche {
        numero: 1,
        date: j("25/01/2026"),
        signee: true,
        commentaire: String::new(),
    });
    assert_eq!(p.d().resume().fiche_en_attente, None);
    assert_eq!(les_alertes(&p, "26/01/2026"), vec![]);
    assert_eq!(
        prochaine_echeance(&p.d().resume(), &Parametres::default()),
        None
    );
}

#[test]
fn une_fiche_non_envoyee_n_attend_pas_de_retour() {
    let mut p = Parcours::ouvert(Role::Referent);
    p.faire(Commande::CreerFiche {
        emetteur: Role::Referent,
        objet: ObjetFiche::Information,
        date: j("06/01/2026"),
        motif: "Information".into(),
        synthese: String::new(),
        action_demandee: String::new(),
    });
    assert_eq!(p.d().resume().fiche_en_attente, None);
    assert_eq!(les_alertes(&p, "10/02/2026"), vec![]);
}

#[test]
fn sans_contact_depuis_six_semaines_a_partir_de_l_ouverture() {
    let p = Parcours::ouvert(Role::Conseiller);
    // Ouvert le 05/01/2026 : 42 jours le 16/02/2026, 43 le 17/02/2026.
    assert_eq!(les_alertes(&p, "16/02/2026"), vec![]);
    let v = les_alertes(&p, "17/02/2026");
    assert_eq!(
        v,
        vec![Alerte::SansContact {
            depuis: j("05/01/2026"),
            semaines: 6
        }]
    );
    assert_eq!(
        v[0].libelle(),
        "Aucun contact depuis le 05/01/2026 (6 semaines)"
    );
    assert_eq!(
        les_alertes(&p, "01/04/2026"),
        vec![Alerte::SansContact {
            depuis: j("05/01/2026"),
            semaines: 12
        }]
    );
}

#[test]
fn sans_contact_mesure_depuis_le_dernier_contact() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    contact(&mut p, "20/01/2026");
    contact(&mut p, "01/02/2026");
    contact(&mut p, "10/01/2026");
    assert_eq!(p.d().resume().dernier_contact, Some(j("01/02/2026")));
    assert_eq!(les_alertes(&p, "17/02/2026"), vec![]);
    // 01/02 → 15/03 : 42 jours ; 16/03 : 43.
    assert_eq!(les_alertes(&p, "15/03/2026"), vec![]);
    assert_eq!(
        les_alertes(&p, "16/03/2026"),
        vec![Alerte::SansContact {
            depuis: j("01/02/2026"),
            semaines: 6
        }]
    );
}

#[test]
fn sans_contact_mesure_depuis_l_entree_si_plus_recente() {
    let mut p = Parcours::entre(Role::Conseiller);
    realiser(&mut p, 1, "03/02/2026");
    realiser(&mut p, 2, "03/02/2026");
    contact(&mut p, "10/01/2026");
    // Entrée le 02/02/2026 : 42 jours le 16/03/2026.
    assert_eq!(les_alertes(&p, "16/03/2026"), vec![]);
    assert_eq!(
        les_alertes(&p, "17/03/2026"),
        vec![Alerte::SansContact {
            depuis: j("02/02/2026"),
            semaines: 6
        }]
    );
}

/// Entré, actions réalisées, point n° 1 prévu le 15/04/2026.
fn avec_point() -> Parcours {
    let mut p = entre_a_jour("01/04/2026");
    p.faire(Commande::PlanifierPoint {
        date_prevue: j("15/04/2026"),
        objet: "Bilan du permis".into(),
    });
    p
}

fn point(numero: u32, date: &str, en_retard: bool) -> Alerte {
    Alerte::PointIntermediaire {
        numero,
        date: j(date),
        en_retard,
    }
}

#[test]
fn point_d_echanges_annonce_quinze_jours_avant() {
    let p = avec_point();
    assert_eq!(p.d().resume().prochain_point, Some((1, j("15/04/2026"))));
    assert_eq!(les_alertes(&p, "30/03/2026"), vec![]);
    let v = les_alertes(&p, "31/03/2026");
    assert_eq!(v, vec![point(1, "15/04/2026", false)]);
    assert_eq!(v[0].gravite(), Gravite::Information);
    assert_eq!(v[0].libelle(), "Point d'échanges n° 1 prévu le 15/04/2026");
    // Le jour même : pas encore en retard.
    assert_eq!(
        les_alertes(&p, "15/04/2026"),
        vec![point(1, "15/04/2026", false)]
    );
}

#[test]
fn point_d_echanges_non_enregistre_en_retard() {
    let p = avec_point();
    let v = les_alertes(&p, "16/04/2026");
    assert_eq!(v, vec![point(1, "15/04/2026", true)]);
    assert_eq!(v[0].gravite(), Gravite::Urgent);
    assert_eq!(
        v[0].libelle(),
        "Point d'échanges n° 1 prévu le 15/04/2026 non enregistré"
    );
}

#[test]
fn le_point_tenu_n_est_plus_signale_et_le_suivant_prend_le_relais() {
    let mut p = avec_point();
    p.faire(Commande::PlanifierPoint {
        date_prevue: j("01/06/2026"),
        objet: "Suite".into(),
    })
    .faire(Commande::PlanifierPoint {
        date_prevue: j("10/04/2026"),
        objet: "Avancé".into(),
    });
    // Le plus proche est le n° 3, prévu le 10/04/2026.
    assert_eq!(p.d().resume().prochain_point, Some((3, j("10/04/2026"))));
    p.faire(Commande::TenirPoint {
        numero: Some(3),
        date: j("10/04/2026"),
        synthese: "Fait".into(),
        compte_rendu: Default::default(),
    })
    .faire(Commande::TenirPoint {
        numero: Some(1),
        date: j("15/04/2026"),
        synthese: "Fait".into(),
        compte_rendu: Default::default(),
    });
    assert_eq!(p.d().resume().prochain_point, Some((2, j("01/06/2026"))));
    assert_eq!(les_alertes(&p, "16/04/2026"), vec![]);
    contact(&mut p, "15/05/2026");
    assert_eq!(
        les_alertes(&p, "20/05/2026"),
        vec![point(2, "01/06/2026", false)]
    );
}

#[test]
fn action_echue_le_lendemain_de_son_echeance() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("31/12/2026");
    contact(&mut p, "25/06/2026");
    assert_eq!(les_alertes(&p, "30/06/2026"), vec![]);
    let echue = |numero| Alerte::ActionEchue {
        numero,
        echeance: j("30/06/2026"),
    };
    let v = les_alertes(&p, "01/07/2026");
    assert_eq!(v, vec![echue(1)]);
    assert_eq!(v[0].gravite(), Gravite::Urgent);
    assert_eq!(
        v[0].libelle(),
        "Action n° 1 du carnet de route échue le 30/06/2026"
    );
    realiser(&mut p, 1, "02/07/2026");
    assert_eq!(les_alertes(&p, "02/07/2026"), vec![echue(2)]);
    // Une action sociale non réalisée n'est plus ouverte : elle n'est plus signalée.
    p.faire(Commande::ChangerStatutAction {
        numero: 2,
        statut: StatutAction::NonRealisee,
        date: j("03/07/2026"),
    });
    assert_eq!(les_alertes(&p, "03/07/2026"), vec![]);
}

#[test]
fn alertes_triees_par_echeance() {
    let p = Parcours::entre(Role::Conseiller);
    // Sans contact depuis l'entrée, actions échues, reconduction et terme à venir.
    let v = les_alertes(&p, "02/01/2027");
    assert_eq!(
        v,
        vec![
            Alerte::SansContact {
                depuis: j("02/02/2026"),
                semaines: 47
            },
            Alerte::ActionEchue {
                numero: 1,
                echeance: j("30/06/2026")
            },
            reconduction(),
            fin(TERME, 30),
        ]
    );
    let echeances: Vec<Jour> = v.iter().map(Alerte::echeance).collect();
    assert!(echeances.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn gravite_selon_l_urgence() {
    assert!(Gravite::Information < Gravite::Attention);
    assert!(Gravite::Attention < Gravite::Urgent);
    assert_eq!(fin(TERME, 30).gravite(), Gravite::Information);
    assert_eq!(fin(TERME, 16).gravite(), Gravite::Information);
    assert_eq!(fin(TERME, 15).gravite(), Gravite::Attention);
    assert_eq!(reconduction().gravite(), Gravite::Attention);
    assert_eq!(
        Alerte::TermeDepasse {
            fin: j(TERME),
            jours: 1
        }
        .gravite(),
        Gravite::Urgent
    );
    assert_eq!(
        Alerte::SansContact {
            depuis: j("05/01/2026"),
            semaines: 7
        }
        .gravite(),
        Gravite::Attention
    );
    // L'information ne passe jamais par la seule couleur.
    let mut symboles = Vec::new();
    for (g, mots) in [
        (Gravite::Urgent, "En retard"),
        (Gravite::Attention, "À traiter"),
        (Gravite::Information, "À venir"),
    ] {
        let texte = g.libelle();
        assert!(texte.ends_with(&format!(" {mots}")), "{texte}");
        let symbole = texte.chars().next().unwrap();
        assert!(!symbole.is_ascii(), "symbole attendu en tête : {texte}");
        symboles.push(symbole);
    }
    symboles.sort_unstable();
    symboles.dedup();
    assert_eq!(symboles.len(), 3, "un symbole par gravité");
}

#[test]
fn libelles_en_francais_avec_dates_jj_mm_aaaa() {
    assert_eq!(
        fin(TERME, 30).libelle(),
        "Fin de l'accompagnement le 01/02/2027 (dans 30 jours)"
    );
    assert_eq!(
        fin(TERME, 1).libelle(),
        "Fin de l'accompagnement le 01/02/2027 (dans 1 jour)"
    );
    let p = Parcours::entre(Role::Conseiller);
    for a in les_alertes(&p, "02/02/2027") {
        let texte = a.libelle();
        assert!(
            texte.contains("/20"),
            "date au format jj/mm/aaaa attendue : {texte}"
        );
        assert!(!texte.contains("-0"), "date ISO à l'écran : {texte}");
    }
}

#[test]
fn un_dossier_cloture_n_a_plus_d_alerte_ni_d_echeance() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.faire(Commande::Cloturer {
        date: j("01/06/2026"),
        motif: MotifSortie::RetourEmploi,
        accord: Accord::default(),
        commentaire: String::new(),
    });
    let r = p.d().resume();
    assert_eq!(r.date_cloture, Some(j("01/06/2026")));
    assert_eq!(r.motif_cloture.as_deref(), Some("emploi"));
    for le in [
        "02/06/2026",
        "01/07/2026",
        "02/01/2027",
        "02/02/2027",
        "01/01/2030",
    ] {
        assert_eq!(les_alertes(&p, le), vec![], "le {le}");
    }
    assert_eq!(prochaine_echeance(&r, &Parametres::default()), None);
}

#[test]
fn parametres_personnalises() {
    let reglages = Parametres {
        reconduction_avant_terme_jours: 60,
        preavis_terme_jours: 60,
        fiche_sans_retour_jours: 5,
        sans_contact_semaines: 2,
        anticipation_jours: 30,
        diagnostic_a_actualiser_mois: 120,
    };
    // Préavis de 60 jours : du 03/12/2026 au 01/02/2027 ; limite de reconduction le
    // 03/12/2026, signalée 30 jours avant, dès le 03/11/2026.
    let p = entre_a_jour("25/11/2026");
    let limite = Alerte::ReconductionADecider {
        limite: j("03/12/2026"),
        fin: j(TERME),
    };
    assert_eq!(avec(&p, "02/11/2026", &reglages), vec![]);
    assert_eq!(avec(&p, "03/11/2026", &reglages), vec![limite]);
    assert_eq!(avec(&p, "02/12/2026", &reglages), vec![limite]);
    assert_eq!(
        avec(&p, "03/12/2026", &reglages),
        vec![limite, fin(TERME, 60)]
    );
    // Avec les réglages par défaut, rien encore à cette date.
    assert_eq!(les_alertes(&p, "03/12/2026"), vec![]);

    // Fiche sans retour après 5 jours, sans contact après 2 semaines.
    let f = fiche_en_attente();
    assert_eq!(avec(&f, "12/01/2026", &reglages), vec![]);
    assert_eq!(
        avec(&f, "13/01/2026", &reglages),
        vec![Alerte::FicheSansRetour {
            numero: 1,
            envoyee_le: j("07/01/2026"),
            jours: 6
        }]
    );
    assert_eq!(
        avec(&f, "20/01/2026", &reglages),
        vec![
            Alerte::SansContact {
                depuis: j("05/01/2026"),
                semaines: 2
            },
            Alerte::FicheSansRetour {
                numero: 1,
                envoyee_le: j("07/01/2026"),
                jours: 13
            },
        ]
    );
    assert_eq!(
        prochaine_echeance(&f.d().resume(), &reglages),
        Some(j("12/01/2026"))
    );
}

#[test]
fn prochaine_echeance_la_plus_proche() {
    let d = Parametres::default();
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("01/08/2027");
    // Actions échues le 30/06/2026, limite de reconduction 02/01/2027, terme 01/02/2027.
    assert_eq!(
        prochaine_echeance(&p.d().resume(), &d),
        Some(j("30/06/2026"))
    );
    p.faire(Commande::PlanifierPoint {
        date_prevue: j("15/04/2026"),
        objet: String::new(),
    });
    assert_eq!(
        prochaine_echeance(&p.d().resume(), &d),
        Some(j("15/04/2026"))
    );
    p.faire(Commande::TenirPoint {
        numero: Some(1),
        date: j("15/04/2026"),
        synthese: String::new(),
        compte_rendu: Default::default(),
    });
    realiser(&mut p, 1, "01/05/2026");
    realiser(&mut p, 2, "01/05/2026");
    assert_eq!(
        prochaine_echeance(&p.d().resume(), &d),
        Some(j("02/01/2027"))
    );
    reconduire(&mut p, "10/12/2026", 4);
    // Reconduit : ne reste que le terme, 02/02/2026 + 16 mois − 1 jour.
    assert_eq!(
        prochaine_echeance(&p.d().resume(), &d),
        Some(j("01/06/2027"))
    );
}

#[test]
fn accompagnement_social_exclusif_annonce_son_terme_sans_reconduction() {
    let mut p = Parcours::ouvert(Role::Referent);
    p.aujourdhui = j("01/12/2026");
    p.faire(Commande::OrienterSocialExclusif {
        date: j("20/01/2026"),
        adhesion: true,
        mois: 6,
        propose_par: Role::Referent,
        coproposee: false,
        accord: Accord::CONJOINT,
    });
    contact(&mut p, "15/06/2026");
    let r = p.d().resume();
    assert_eq!(r.date_entree, None);
    assert_eq!(r.date_fin, Some(j("19/07/2026")));
    assert_eq!(les_alertes(&p, "18/06/2026"), vec![]);
    assert_eq!(les_alertes(&p, "19/06/2026"), vec![fin("19/07/2026", 30)]);
    assert_eq!(
        les_alertes(&p, "20/07/2026"),
        vec![Alerte::TermeDepasse {
            fin: j("19/07/2026"),
            jours: 1
        }]
    );
    assert_eq!(
        prochaine_echeance(&r, &Parametres::default()),
        Some(j("19/07/2026"))
    );
}

/// Diagnostics des 06/01 (emploi) et 14/01/2026 (social), entré le 02/02 : le plus ancien
/// des deux volets date du 06/01 ; à 4 mois (réglage par défaut), à actualiser après le
/// 06/05/2026. Actualiser le volet emploi le 10/05 reporte au volet social (14/01 → 14/05).
#[test]
fn un_diagnostic_ancien_est_a_actualiser_pendant_l_accompagnement() {
    use binome::domain::diagnostic::Volet;
    let mut p = Parcours::entre(Role::Conseiller);
    let defaut = Parametres::default();
    let a_actualiser = |p: &Parcours, le: &str| {
        avec(p, le, &defaut)
            .into_iter()
            .find(|a| matches!(a, Alerte::DiagnosticAActualiser { .. }))
    };
    assert_eq!(a_actualiser(&p, "06/05/2026"), None);
    let a = a_actualiser(&p, "07/05/2026").expect("à actualiser");
    assert_eq!(
        a,
        Alerte::DiagnosticAActualiser {
            depuis: j("06/01/2026"),
            mois: 4
        }
    );
    assert_eq!(a.gravite(), Gravite::Attention);
    assert!(a.libelle().contains("06/01/2026"), "{}", a.libelle());
    p.faire(Commande::EnregistrerDiagnostic(diagnostic(
        Volet::Emploi,
        j("10/05/2026"),
    )));
    assert_eq!(
        a_actualiser(&p, "15/05/2026"),
        Some(Alerte::DiagnosticAActualiser {
            depuis: j("14/01/2026"),
            mois: 4
        })
    );
    // Réglé à 6 mois : rien encore.
    let six = Parametres {
        diagnostic_a_actualiser_mois: 6,
        ..defaut
    };
    assert!(!avec(&p, "15/05/2026", &six)
        .iter()
        .any(|a| matches!(a, Alerte::DiagnosticAActualiser { .. })));
    // Avant l'entrée, pas d'alerte : l'actualisation est celle de l'accompagnement.
    let v = Parcours::valide(Role::Conseiller);
    assert!(!avec(&v, "01/12/2026", &defaut)
        .iter()
        .any(|a| matches!(a, Alerte::DiagnosticAActualiser { .. })));
}

/// À faire nomme l'action échue par son titre, sauf si elle répond à un besoin confidentiel.
#[test]
fn le_titre_de_l_action_echue_sauf_confidentielle() {
    use binome::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
    let mut p = Parcours::entre(Role::Conseiller);
    assert_eq!(
        p.d().resume().prochaine_action_titre.as_deref(),
        Some("Action du volet emploi")
    );
    // Un besoin confidentiel, et une action plus urgente qui y répond.
    p.faire(Commande::EnregistrerDiagnostic(Diagnostic {
        volet: Volet::Social,
        date: j("03/02/2026"),
        synthese: String::new(),
        evaluations: vec![Evaluation {
            besoin: "psychologue".into(),
            situation: Situation::Oui,
            objectif: Objectif::EnCours,
            commentaire: String::new(),
            confidentiel: true,
        }],
    }))
    .faire(Commande::AjouterAction {
        volet: Volet::Social,
        libelle: "Consultation chez la psychologue".into(),
        porteur: Role::Referent,
        date: j("03/02/2026"),
        echeance: Some(j("01/03/2026")),
        besoin: Some("psychologue".into()),
    });
    let r = p.d().resume();
    assert_eq!(r.prochaine_action.map(|(n, _)| n), Some(3));
    assert_eq!(
        r.prochaine_action_titre.as_deref(),
        Some(binome::domain::dossier::ACTION_CONFIDENTIELLE)
    );
}
