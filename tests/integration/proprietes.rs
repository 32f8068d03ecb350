//! Propriétés du parcours : des suites aléatoires de commandes n'amènent jamais le dossier
//! dans un état que la convention interdit, et les échéances restent cohérentes avec
//! l'état du dossier et avec ce que la machine à états accepte.

use crate::commun::*;
use binome::domain::date::Jour;
use binome::domain::diagnostic::Volet;
use binome::domain::dossier::{
    decider, fin_de_periode, Accord, AccordDepartement, BrancheDesignation, Canal, Cible, Commande,
    Decision, DesignationReferent, Dossier, Evenement, Modalite, MotifAnticipe, MotifSortie,
    ObjetFiche, StatutAction, Suite, DUREE_INITIALE_MOIS, RECONDUCTION_MAX_MOIS,
};
use binome::domain::echeances::{alertes, prochaine_echeance, Alerte, Parametres};
use binome::domain::professionnel::Role;
use binome::domain::Refus;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};

fn jours(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

// ---------------------------------------------------------------------------------------
// Les pas abstraits et leur générateur
// ---------------------------------------------------------------------------------------

/// Ce que fait un pas. `Suite` suit le schéma de l'annexe 2 (l'étape que le dossier
/// attend), ce qui fait progresser la plupart des cas jusqu'à l'entrée et au-delà ; les
/// autres variantes sont des commandes quelconques, souvent refusées.
#[derive(Debug, Clone)]
enum Quoi {
    Suite {
        choix: u8,
        mois: u32,
    },
    Diagnostic(Volet),
    Affecter(Role),
    CreerFiche {
        emetteur: Role,
        objet: u8,
    },
    EnvoyerFiche(u32),
    RetourFiche {
        numero: u32,
        signee: bool,
    },
    Concertation {
        decision: u8,
        accord: Accord,
    },
    AjouterAction {
        volet: Volet,
        echeance: Option<i64>,
    },
    StatutAction {
        numero: u32,
        statut: u8,
    },
    Initialisation,
    Signer,
    Reconduire {
        mois: u32,
        accord: Accord,
    },
    PlanifierPoint {
        dans: i64,
    },
    TenirPoint(Option<u32>),
    Contact {
        canal: u8,
        role: Role,
    },
    SocialExclusif {
        adhesion: bool,
        mois: u32,
        propose_par: Role,
    },
    Cloturer {
        motif: u8,
        accord: Accord,
    },
}

/// Quand : le curseur de dates avance de `avance` jours (c'est aussi « aujourd'hui ») ;
/// la commande est datée `recul` jours plus tôt, ou demain si `futur`.
/// `regard` : les échéances sont aussi observées ce nombre de jours plus tard.
#[derive(Debug, Clone)]
struct Quand {
    avance: i64,
    recul: i64,
    futur: bool,
    regard: i64,
}

#[derive(Debug, Clone)]
struct Pas {
    quoi: Quoi,
    quand: Quand,
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Conseiller), Just(Role::Referent)]
}

fn volet() -> impl Strategy<Value = Volet> {
    prop_oneof![Just(Volet::Emploi), Just(Volet::Social)]
}

fn accord() -> impl Strategy<Value = Accord> {
    prop_oneof![
        4 => Just(Accord::CONJOINT),
        1 => (any::<bool>(), any::<bool>())
            .prop_map(|(conseiller, referent)| Accord {
                conseiller,
                referent,
                par_conseiller: None,
                par_referent: None,
            }),
    ]
}

fn quoi() -> impl Strategy<Value = Quoi> {
    prop_oneof![
        40 => (0u8..12, 0u32..8).prop_map(|(choix, mois)| Quoi::Suite { choix, mois }),
        1 => volet().prop_map(Quoi::Diagnostic),
        1 => role().prop_map(Quoi::Affecter),
        1 => (role(), 0u8..3).prop_map(|(emetteur, objet)| Quoi::CreerFiche { emetteur, objet }),
        1 => (1u32..5).prop_map(Quoi::EnvoyerFiche),
        1 => (1u32..5, prop::bool::weighted(0.8))
            .prop_map(|(numero, signee)| Quoi::RetourFiche { numero, signee }),
        1 => (0u8..9, accord()).prop_map(|(decision, accord)| Quoi::Concertation { decision, accord }),
        2 => (volet(), prop::option::of(0i64..90))
            .prop_map(|(volet, echeance)| Quoi::AjouterAction { volet, echeance }),
        1 => (1u32..5, 0u8..5).prop_map(|(numero, statut)| Quoi::StatutAction { numero, statut }),
        1 => Just(Quoi::Initialisation),
        1 => Just(Quoi::Signer),
        2 => (0u32..8, accord()).prop_map(|(mois, accord)| Quoi::Reconduire { mois, accord }),
        1 => (-10i64..60).prop_map(|dans| Quoi::PlanifierPoint { dans }),
        1 => prop::option::of(1u32..5).prop_map(Quoi::TenirPoint),
        2 => (0u8..6, role()).prop_map(|(canal, role)| Quoi::Contact { canal, role }),
        1 => (prop::bool::weighted(0.8), 0u32..14, role()).prop_map(
            |(adhesion, mois, propose_par)| Quoi::SocialExclusif { adhesion, mois, propose_par }
        ),
        1 => (0u8..12, accord()).prop_map(|(motif, accord)| Quoi::Cloturer { motif, accord }),
    ]
}

/// `retards` : sur 10 pas, combien sont saisis après coup (datés avant le curseur).
fn quand(retards: u32) -> impl Strategy<Value = Quand> {
    let avance = prop_oneof![6 => 0i64..8, 3 => 0i64..60, 1 => 100i64..400];
    let recul = prop_oneof![10 - retards => Just(0i64), retards => 1i64..40];
    (avance, recul, prop::bool::weighted(0.05), 0i64..420).prop_map(
        |(avance, recul, futur, regard)| Quand {
            avance,
            recul,
            futur,
            regard,
        },
    )
}

fn pas(retards: u32) -> impl Strategy<Value = Pas> {
    (quoi(), quand(retards)).prop_map(|(quoi, quand)| Pas { quoi, quand })
}

fn scenario() -> impl Strategy<Value = (Role, Vec<Pas>)> {
    (role(), prop::collection::vec(pas(2), 1..=60))
}

/// Davantage d'étapes saisies après coup, datées avant les précédentes.
fn scenario_avec_retards() -> impl Strategy<Value = (Role, Vec<Pas>)> {
    (role(), prop::collection::vec(pas(5), 1..=60))
}

fn parametres() -> impl Strategy<Value = Parametres> {
    (0i64..60, 0i64..60, 1i64..30, 1i64..10, 0i64..30, 1i64..12).prop_map(|(r, p, f, s, a, m)| {
        Parametres {
            reconduction_avant_terme_jours: r,
            preavis_terme_jours: p,
            fiche_sans_retour_jours: f,
            sans_contact_semaines: s,
            anticipation_jours: a,
            diagnostic_a_actualiser_mois: m,
        }
    })
}

// ---------------------------------------------------------------------------------------
// Des pas abstraits aux commandes
// ---------------------------------------------------------------------------------------

fn decision(k: u8) -> Decision {
    match k {
        0..=4 | 9.. => Decision::Validation,
        5 => Decision::Reorientation(Cible::SocialExclusif),
        6 => Decision::Reorientation(Cible::ModalitePoleEmploi),
        7 => Decision::Reorientation(Cible::AutreStructure("Mission locale".into())),
        8 => Decision::Reorientation(Cible::AutreStructure("  ".into())),
    }
}

fn motif(k: u8) -> MotifSortie {
    match k {
        0 => MotifSortie::RetourEmploi,
        1 => MotifSortie::EntreeFormation,
        2 => MotifSortie::CessationInscription,
        3 => MotifSortie::FinDeTerme,
        4 => MotifSortie::Autre("Déménagement hors département".into()),
        5 => MotifSortie::Autre(String::new()),
        6..=9 => MotifSortie::Anticipee(MotifAnticipe::TOUS[usize::from(k - 6)]),
        10 => MotifSortie::DemandePersonne,
        _ => MotifSortie::Reorientation(Cible::ModalitePoleEmploi),
    }
}

fn statut(k: u8) -> StatutAction {
    [
        StatutAction::AFaire,
        StatutAction::EnCours,
        StatutAction::Realisee,
        StatutAction::NonRealisee,
        StatutAction::Abandonnee,
    ][usize::from(k % 5)]
}

fn creer_fiche(emetteur: Role, objet: ObjetFiche, date: Jour) -> Commande {
    Commande::CreerFiche {
        emetteur,
        objet,
        date,
        motif: objet.libelle().into(),
        synthese: "Synthèse".into(),
        action_demandee: "Entretien n°1".into(),
    }
}

fn action(volet: Volet, date: Jour, echeance: Option<Jour>) -> Commande {
    Commande::AjouterAction {
        volet,
        libelle: format!("Action du {}", volet.libelle()),
        porteur: if volet == Volet::Emploi {
            Role::Conseiller
        } else {
            Role::Referent
        },
        date,
        echeance,
        besoin: None,
    }
}

fn contact(date: Jour, canal: Canal, role: Role) -> Commande {
    Commande::EnregistrerContact {
        date,
        canal,
        role,
        objet: "Point de situation".into(),
    }
}

fn cloturer(date: Jour, motif: MotifSortie, accord: Accord) -> Commande {
    Commande::Cloturer {
        date,
        motif,
        accord,
        commentaire: "Clôture".into(),
    }
}

/// Le dernier jour prévu, quelle que soit la modalité.
fn fin_de(d: &Dossier) -> Option<Jour> {
    match d.modalite {
        Modalite::AccompagnementGlobal => d.fin_prevue(),
        Modalite::AccompagnementSocialExclusif => d.fin_social_exclusif(),
    }
}

fn commande(d: &Dossier, quoi: &Quoi, date: Jour) -> Commande {
    match quoi.clone() {
        Quoi::Suite { choix, mois } => match d.suite() {
            Suite::Designation => Commande::EnregistrerDesignation(DesignationReferent {
                date,
                branche: BrancheDesignation::AccordDepartement,
                structure: None,
                nom_structure: "Association partenaire".into(),
                accord: Some(AccordDepartement {
                    le: date,
                    par: "Direction de l'insertion".into(),
                }),
            }),
            Suite::DesignerMembre(r) => Commande::AffecterMembre {
                membre: membre(r),
                date,
            },
            Suite::EntretienN1(v) => Commande::EnregistrerDiagnostic(diagnostic(v, date)),
            Suite::RedigerOrientation => creer_fiche(d.initiative, ObjetFiche::Orientation, date),
            Suite::RedigerRetour => creer_fiche(d.initiative, ObjetFiche::IssueConcertation, date),
            Suite::EnvoyerFiche(numero) => Commande::EnvoyerFiche { numero, date },
            Suite::EnregistrerRetour(numero) => Commande::EnregistrerRetourFiche {
                numero,
                date,
                signee: true,
                commentaire: "Reçue signée".into(),
            },
            Suite::TenirConcertation => Commande::TenirConcertation {
                date,
                decision: decision(choix),
                accord: Accord::CONJOINT,
                commentaire: String::new(),
            },
            Suite::OrienterSocialExclusif => Commande::OrienterSocialExclusif {
                date,
                adhesion: true,
                mois: mois + 1,
                propose_par: Role::Referent,
                coproposee: false,
                accord: Accord::CONJOINT,
            },
            Suite::CompleterCarnet(v) => action(v, date, Some(date + jours(60))),
            Suite::EntretienInitialisation => Commande::RealiserInitialisation { date },
            Suite::SignerContrat => Commande::SignerContrat { date },
            Suite::Accompagner => match fin_de(d) {
                Some(fin) if date >= fin => {
                    cloturer(date, MotifSortie::FinDeTerme, Accord::default())
                }
                _ if choix == 0 && d.entree.is_some() => Commande::Reconduire {
                    date,
                    mois,
                    accord: Accord::CONJOINT,
                },
                _ if choix == 1 && d.entree.is_some() => Commande::PlanifierPoint {
                    date_prevue: date + jours(20),
                    objet: "Bilan des actions".into(),
                },
                _ if choix == 2 && d.entree.is_some() => Commande::TenirPoint {
                    numero: d
                        .points
                        .iter()
                        .find(|p| p.tenu_le.is_none())
                        .map(|p| p.numero),
                    date,
                    synthese: "Point tenu".into(),
                    compte_rendu: Default::default(),
                },
                _ if choix == 3 && d.reconduction.is_some() => {
                    cloturer(date, MotifSortie::RetourEmploi, Accord::default())
                }
                _ => contact(date, Canal::Entretien, Role::Conseiller),
            },
            Suite::Aucune => contact(date, Canal::Telephone, Role::Referent),
        },
        Quoi::Diagnostic(v) => Commande::EnregistrerDiagnostic(diagnostic(v, date)),
        Quoi::Affecter(r) => Commande::AffecterMembre {
            membre: membre(r),
            date,
        },
        Quoi::CreerFiche { emetteur, objet } => creer_fiche(
            emetteur,
            [
                ObjetFiche::Orientation,
                ObjetFiche::IssueConcertation,
                ObjetFiche::Information,
            ][usize::from(objet % 3)],
            date,
        ),
        Quoi::EnvoyerFiche(numero) => Commande::EnvoyerFiche { numero, date },
        Quoi::RetourFiche { numero, signee } => Commande::EnregistrerRetourFiche {
            numero,
            date,
            signee,
            commentaire: String::new(),
        },
        Quoi::Concertation {
            decision: k,
            accord,
        } => Commande::TenirConcertation {
            date,
            decision: decision(k),
            accord,
            commentaire: String::new(),
        },
        Quoi::AjouterAction { volet, echeance } => {
            action(volet, date, echeance.map(|n| date + jours(n)))
        }
        Quoi::StatutAction { numero, statut: k } => Commande::ChangerStatutAction {
            numero,
            statut: statut(k),
            date,
        },
        Quoi::Initialisation => Commande::RealiserInitialisation { date },
        Quoi::Signer => Commande::SignerContrat { date },
        Quoi::Reconduire { mois, accord } => Commande::Reconduire { date, mois, accord },
        Quoi::PlanifierPoint { dans } => Commande::PlanifierPoint {
            date_prevue: date + jours(dans),
            objet: "Point".into(),
        },
        Quoi::TenirPoint(numero) => Commande::TenirPoint {
            numero,
            date,
            synthese: "Synthèse du point".into(),
            compte_rendu: Default::default(),
        },
        Quoi::Contact { canal, role } => contact(
            date,
            Canal::TOUS[usize::from(canal) % Canal::TOUS.len()],
            role,
        ),
        Quoi::SocialExclusif {
            adhesion,
            mois,
            propose_par,
        } => Commande::OrienterSocialExclusif {
            date,
            adhesion,
            mois,
            propose_par,
            coproposee: false,
            accord: Accord::CONJOINT,
        },
        Quoi::Cloturer { motif: k, accord } => cloturer(date, motif(k), accord),
    }
}

// ---------------------------------------------------------------------------------------
// Le déroulé d'un scénario
// ---------------------------------------------------------------------------------------

/// Ce que voit la vérification après chaque pas.
struct Constat<'a> {
    avant: &'a Dossier,
    apres: &'a Dossier,
    commande: &'a Commande,
    resultat: &'a Result<Evenement, Refus>,
    aujourdhui: Jour,
    pas: &'a Pas,
}

/// Ouvre un dossier le 05/01/2026 et applique les pas ; `verifier` est appelé après
/// chacun. Rend le parcours final (journal compris).
fn derouler(
    initiative: Role,
    pas: &[Pas],
    mut verifier: impl FnMut(&Constat) -> Result<(), TestCaseError>,
) -> Result<Parcours, TestCaseError> {
    let mut p = Parcours::ouvert(initiative);
    let mut curseur = p.d().date_ouverture;
    for un in pas {
        curseur += jours(un.quand.avance);
        p.aujourdhui = curseur;
        let date = if un.quand.futur {
            curseur + jours(1)
        } else {
            curseur - jours(un.quand.recul)
        };
        let avant = p.d().clone();
        let c = commande(&avant, &un.quoi, date);
        let resultat = p.essayer(c.clone());
        verifier(&Constat {
            avant: &avant,
            apres: p.d(),
            commande: &c,
            resultat: &resultat,
            aujourdhui: curseur,
            pas: un,
        })?;
    }
    Ok(p)
}

// ---------------------------------------------------------------------------------------
// Les invariants
// ---------------------------------------------------------------------------------------

/// Ce qui vaut de tout dossier, quelle que soit la suite de commandes acceptées.
fn verifier_etat(d: &Dossier) -> Result<(), TestCaseError> {
    let volets = [Volet::Emploi, Volet::Social];

    // Le temps de concertation suppose le diagnostic partagé complet et le binôme.
    if let Some(c) = &d.concertation {
        for v in volets {
            let n1 = d.entretien_n1(v);
            prop_assert!(
                n1.is_some_and(|n1| n1 <= c.date),
                "entretien n°1 {} ({n1:?}) après la concertation du {}",
                v.libelle(),
                c.date
            );
        }
        let retour = d.orientation_retournee();
        prop_assert!(
            retour.is_some_and(|r| r <= c.date),
            "fiche d'orientation retournée le {retour:?}, concertation le {}",
            c.date
        );
        prop_assert!(d.conseiller.is_some() && d.referent.is_some());
    }

    // L'entrée suit la validation, le carnet et l'entretien n°2.
    if let Some(entree) = d.entree {
        let c = d.concertation.as_ref();
        prop_assert!(
            c.is_some_and(|c| c.decision == Decision::Validation && c.date <= entree),
            "entrée le {entree} sans validation antérieure : {c:?}"
        );
        let init = d.initialisation;
        prop_assert!(
            init.is_some_and(|i| i <= entree && c.is_some_and(|c| c.date <= i)),
            "entretien d'initialisation {init:?}, entrée {entree}"
        );
        for v in volets {
            prop_assert!(
                d.actions.iter().any(|a| a.volet == v),
                "entrée sans action {}",
                v.libelle()
            );
        }
        // Entré en accompagnement global, passé depuis en accompagnement social exclusif.
        prop_assert_eq!(
            d.modalite == Modalite::AccompagnementSocialExclusif,
            d.social_exclusif.is_some()
        );
        if let Some(s) = d.social_exclusif {
            prop_assert!(s.debut >= entree, "ASE le {} avant l'entrée", s.debut);
        }
        let m = d.reconduction.map_or(0, |r| r.mois);
        prop_assert_eq!(
            d.fin_prevue(),
            Some(fin_de_periode(entree, DUREE_INITIALE_MOIS + m))
        );
        prop_assert!(d.duree_totale_mois() <= 18);
        prop_assert!(d.fin_prevue() <= Some(fin_de_periode(entree, 18)));
    } else {
        prop_assert_eq!(d.fin_prevue(), None);
    }

    // Une seule reconduction, de 1 à 6 mois, décidée pendant l'accompagnement.
    if let Some(r) = d.reconduction {
        prop_assert!((1..=RECONDUCTION_MAX_MOIS).contains(&r.mois), "{r:?}");
        let entree = d.entree;
        prop_assert!(
            entree.is_some_and(|e| e <= r.date && r.date <= fin_de_periode(e, DUREE_INITIALE_MOIS)),
            "reconduction {r:?} hors de l'accompagnement (entrée {entree:?})"
        );
    }

    // Le carnet de route ne s'ouvre qu'après la validation.
    for a in &d.actions {
        let c = d.concertation.as_ref();
        prop_assert!(
            c.is_some_and(|c| c.decision == Decision::Validation && c.date <= a.date),
            "action {a:?} sans validation antérieure"
        );
        prop_assert!(a.echeance.is_none_or(|e| e >= a.date));
    }

    // L'accompagnement social exclusif : depuis le diagnostic (pas d'entrée en AG), ou en
    // cours d'accompagnement global ; durée limitée, adhésion.
    prop_assert_eq!(
        d.modalite == Modalite::AccompagnementSocialExclusif,
        d.social_exclusif.is_some()
    );
    if let Some(s) = d.social_exclusif {
        match d.entree {
            None => prop_assert!(d.initialisation.is_none() && d.actions.is_empty()),
            Some(entree) => prop_assert!(entree <= s.debut),
        }
        prop_assert!(s.mois >= 1, "durée d'ASE nulle");
        prop_assert!(s.debut >= d.date_ouverture);
        if let (Some(c), None) = (&d.concertation, d.entree) {
            prop_assert_eq!(&c.decision, &Decision::Reorientation(Cible::SocialExclusif));
            prop_assert!(c.date <= s.debut);
        }
    }

    // La sortie.
    if let Some(c) = &d.cloture {
        prop_assert!(c.date >= d.date_ouverture);
        if let Some(entree) = d.entree {
            prop_assert!(c.date >= entree, "clôture {c:?} avant l'entrée {entree}");
        }
        match &c.motif {
            MotifSortie::Anticipee(_) => prop_assert!(
                d.entree.is_some(),
                "sortie anticipée sans entrée en accompagnement"
            ),
            MotifSortie::FinDeTerme => {
                let fin = fin_de(d);
                prop_assert!(
                    fin.is_some_and(|fin| c.date >= fin),
                    "fin de terme le {} pour un terme au {fin:?}",
                    c.date
                );
            }
            MotifSortie::Reorientation(cible) => {
                prop_assert!(*cible != Cible::SocialExclusif);
                let conc = d.concertation.as_ref();
                prop_assert!(
                    conc.is_some_and(|k| k.decision == Decision::Reorientation(cible.clone())
                        && k.date <= c.date),
                    "réorientation hors concertation : {conc:?}"
                );
                // Close par le retour signé de la fiche qui en rend l'issue, à sa date.
                let retour = d.fiche_de_retour().and_then(|f| f.retournee_le);
                prop_assert_eq!(retour, Some(c.date), "réorientation close sans retour");
            }
            MotifSortie::Autre(m) => prop_assert!(!m.trim().is_empty()),
            _ => {}
        }
    }
    Ok(())
}

/// Ce que la machine à états garantit de chaque pas.
fn verifier_pas(k: &Constat) -> Result<(), TestCaseError> {
    if let Some(cl) = &k.avant.cloture {
        prop_assert_eq!(
            k.resultat,
            &Err(Refus::DossierCloture { depuis: cl.date }),
            "{} accepté sur un dossier clôturé",
            k.commande.action()
        );
    }
    match k.resultat {
        Err(_) => prop_assert_eq!(k.avant, k.apres, "un refus a modifié le dossier"),
        Ok(e) => {
            prop_assert_eq!(k.apres.version, k.avant.version + 1);
            prop_assert!(k.avant.cloture.is_none());
            if let Some(date) = e.date() {
                prop_assert!(date >= k.avant.date_ouverture, "{e:?} avant l'ouverture");
                if !matches!(e, Evenement::PointPlanifie(_)) {
                    prop_assert!(date <= k.aujourdhui, "{e:?} daté dans le futur");
                }
            }
            if k.pas.quand.futur && !matches!(e, Evenement::PointPlanifie(_)) {
                prop_assert!(e.date().is_none(), "date future acceptée : {e:?}");
            }
        }
    }
    verifier_etat(k.apres)
}

/// Les alertes et la prochaine échéance d'un dossier observé le jour `le`.
fn verifier_echeances(d: &Dossier, le: Jour, p: &Parametres) -> Result<(), TestCaseError> {
    let r = d.resume();
    let v = alertes(&r, le, p);
    let prochaine = prochaine_echeance(&r, p);
    if d.cloture.is_some() {
        prop_assert!(v.is_empty(), "dossier clôturé avec des alertes : {v:?}");
        prop_assert_eq!(prochaine, None);
        return Ok(());
    }
    let fin = fin_de(d);
    prop_assert_eq!(r.date_fin, fin);
    prop_assert!(
        v.windows(2).all(|w| w[0].echeance() <= w[1].echeance()),
        "alertes non triées : {v:?}"
    );
    let mut codes: Vec<&str> = v.iter().map(Alerte::code).collect();
    codes.sort_unstable();
    codes.dedup();
    prop_assert_eq!(codes.len(), v.len(), "alerte en double : {:?}", v);
    if let (Some(n), Some(f)) = (prochaine, fin) {
        prop_assert!(n <= f, "prochaine échéance {n} après le terme {f}");
    }
    let accepte = |c: Commande| decider(Some(d), &c, &ctx(le));
    for a in &v {
        match *a {
            Alerte::FinDeTerme { fin: f, jours: n } => {
                prop_assert!((0..=p.preavis_terme_jours).contains(&n), "{a:?}");
                prop_assert_eq!(Some(f), fin);
                prop_assert_eq!(le + jours(n), f);
                // Avant le terme, la sortie pour fin de terme est refusée ; le jour même, acceptée.
                let r = accepte(cloturer(le, MotifSortie::FinDeTerme, Accord::default()));
                if n > 0 {
                    prop_assert_eq!(r, Err(Refus::TermeNonAtteint { fin: f }));
                } else {
                    prop_assert!(r.is_ok(), "fin de terme refusée au terme : {r:?}");
                }
            }
            Alerte::DiagnosticAActualiser { depuis, mois } => {
                prop_assert_eq!(d.etape(), binome::domain::dossier::Etape::Accompagnement);
                prop_assert_eq!(mois, p.diagnostic_a_actualiser_mois);
                let limite = depuis.checked_add_months(chrono::Months::new(mois as u32));
                prop_assert!(limite.is_some_and(|l| le > l), "{a:?} le {le}");
                // Le volet le plus ancien n'a aucun diagnostic plus récent.
                let volets = [Volet::Emploi, Volet::Social].map(|v| {
                    d.diagnostics
                        .iter()
                        .filter(|x| x.volet == v)
                        .map(|x| x.date)
                        .max()
                });
                prop_assert_eq!(volets.into_iter().flatten().min(), Some(depuis));
            }
            Alerte::TermeDepasse { fin: f, jours: n } => {
                prop_assert!(le > f && n > 0 && le - jours(n) == f, "{a:?} le {le}");
                prop_assert_eq!(Some(f), fin);
                let r = accepte(cloturer(le, MotifSortie::FinDeTerme, Accord::default()));
                prop_assert!(r.is_ok(), "terme dépassé mais clôture refusée : {r:?}");
            }
            Alerte::ReconductionADecider { limite, fin: f } => {
                prop_assert!(d.reconduction.is_none(), "déjà reconduit : {a:?}");
                prop_assert_eq!(d.modalite, Modalite::AccompagnementGlobal);
                prop_assert_eq!(Some(f), d.fin_prevue());
                prop_assert_eq!(limite, f - jours(p.reconduction_avant_terme_jours));
                prop_assert!(le <= f && (limite - le).num_days() <= p.anticipation_jours);
                // Ce que l'alerte demande est possible ce jour-là.
                let r = accepte(Commande::Reconduire {
                    date: le,
                    mois: RECONDUCTION_MAX_MOIS,
                    accord: Accord::CONJOINT,
                });
                prop_assert!(r.is_ok(), "reconduction à décider mais refusée : {r:?}");
            }
            Alerte::FicheSansRetour {
                numero,
                envoyee_le,
                jours: n,
            } => {
                let f = d.fiche(numero);
                prop_assert!(
                    f.is_some_and(|f| f.envoyee_le == Some(envoyee_le) && f.retournee_le.is_none()),
                    "{a:?} : {f:?}"
                );
                prop_assert!(n > p.fiche_sans_retour_jours && le - jours(n) == envoyee_le);
            }
            Alerte::SansContact { depuis, semaines } => {
                let ecart = (le - depuis).num_days();
                prop_assert!(ecart > p.sans_contact_semaines * 7, "{a:?} le {le}");
                prop_assert_eq!(semaines, ecart / 7);
                prop_assert!(depuis >= d.date_ouverture);
                prop_assert!(d.entree.is_none_or(|e| e <= depuis));
                prop_assert!(d.contacts.iter().all(|c| c.date <= depuis));
            }
            Alerte::PointIntermediaire {
                numero,
                date,
                en_retard,
            } => {
                let point = d.points.iter().find(|q| q.numero == numero);
                prop_assert!(
                    point.is_some_and(|q| q.tenu_le.is_none() && q.date_prevue == date),
                    "{a:?} : {point:?}"
                );
                prop_assert_eq!(en_retard, date < le);
                prop_assert!((date - le).num_days() <= p.anticipation_jours);
            }
            Alerte::ActionEchue { numero, echeance } => {
                let act = d.actions.iter().find(|x| x.numero == numero);
                prop_assert!(
                    act.is_some_and(|x| x.statut.ouverte() && x.echeance == Some(echeance)),
                    "{a:?} : {act:?}"
                );
                prop_assert!(echeance < le);
            }
            Alerte::AccordAttendu { role, .. } => {
                prop_assert_eq!(d.accords_attendus().first().map(|(_, r)| *r), Some(role));
            }
            Alerte::ConflitARevoir { nombre, .. } => {
                prop_assert_eq!(nombre as usize, d.conflits_a_revoir().count());
                prop_assert!(nombre > 0);
            }
        }
    }
    // Accompagnement global non reconduit, terme passé : plus de reconduction possible,
    // et l'alerte ne la propose plus.
    if let (Some(f), None, Modalite::AccompagnementGlobal) = (fin, d.reconduction, d.modalite) {
        if le > f {
            prop_assert!(!v.iter().any(|a| a.code() == "reconduction"));
            let r = accepte(Commande::Reconduire {
                date: le,
                mois: 3,
                accord: Accord::CONJOINT,
            });
            prop_assert_eq!(r, Err(Refus::TermeDepasse { fin: f }));
        }
    }
    Ok(())
}

/// Ce que l'annexe 2 ordonne dans le temps : le carnet de route est complété avant la
/// signature, et la sortie est datée après les décisions qu'elle clôt.
fn verifier_chronologie(d: &Dossier) -> Result<(), TestCaseError> {
    if let Some(entree) = d.entree {
        for v in [Volet::Emploi, Volet::Social] {
            prop_assert!(
                d.actions.iter().any(|a| a.volet == v && a.date <= entree),
                "contrat signé le {entree} alors que le carnet de route {} n'avait encore aucune action : {:?}",
                v.libelle(),
                d.actions
            );
        }
    }
    if let Some(c) = &d.cloture {
        let jalons = [
            (
                "temps de concertation",
                d.concertation.as_ref().map(|k| k.date),
            ),
            ("entretien d'initialisation", d.initialisation),
            ("entrée", d.entree),
            ("reconduction", d.reconduction.map(|r| r.date)),
            (
                "début de l'accompagnement social exclusif",
                d.social_exclusif.map(|s| s.debut),
            ),
        ];
        for (jalon, date) in jalons {
            if let Some(date) = date {
                prop_assert!(
                    c.date >= date,
                    "clôture ({}) datée du {} avant : {jalon} du {date}",
                    c.motif.code(),
                    c.date
                );
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Les propriétés
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(256)
    })]

    #[test]
    fn aucune_suite_de_commandes_n_atteint_un_etat_interdit((initiative, suite) in scenario()) {
        let p = derouler(initiative, &suite, verifier_pas)?;
        // Le journal des événements acceptés redonne exactement le dossier.
        prop_assert_eq!(p.journal.len() as u64, p.d().version);
        let rejoue = Dossier::rejouer(&p.journal);
        prop_assert_eq!(rejoue.as_ref(), Some(p.d()));
    }

    #[test]
    fn les_echeances_restent_coherentes(
        (initiative, suite) in scenario(),
        reglages in parametres(),
    ) {
        let defaut = Parametres::default();
        derouler(initiative, &suite, |k| {
            for le in [k.aujourdhui, k.aujourdhui + jours(k.pas.quand.regard)] {
                verifier_echeances(k.apres, le, &defaut)?;
                verifier_echeances(k.apres, le, &reglages)?;
            }
            Ok(())
        })?;
    }

    #[test]
    fn le_parcours_respecte_la_chronologie_de_l_annexe_2(
        (initiative, suite) in scenario_avec_retards(),
    ) {
        derouler(initiative, &suite, |k| verifier_chronologie(k.apres))?;
    }
}

/// Le générateur fait réellement progresser les dossiers : sinon les propriétés ne
/// vérifieraient que des refus.
#[test]
fn le_generateur_parcourt_toutes_les_etapes() {
    let mut runner = TestRunner::deterministic();
    let strategie = scenario();
    let (mut entres, mut reconduits, mut clotures, mut termes, mut ase) = (0, 0, 0, 0, 0);
    let (mut acceptes, mut refus) = (0, 0);
    for _ in 0..256 {
        let (initiative, suite) = strategie.new_tree(&mut runner).unwrap().current();
        let p = derouler(initiative, &suite, |k| {
            match k.resultat {
                Ok(_) => acceptes += 1,
                Err(_) => refus += 1,
            }
            Ok(())
        })
        .unwrap();
        let d = p.d();
        entres += usize::from(d.entree.is_some());
        reconduits += usize::from(d.reconduction.is_some());
        clotures += usize::from(d.cloture.is_some());
        termes += usize::from(
            d.cloture
                .as_ref()
                .is_some_and(|c| c.motif == MotifSortie::FinDeTerme),
        );
        ase += usize::from(d.social_exclusif.is_some());
    }
    eprintln!("entres {entres} reconduits {reconduits} clotures {clotures} termes {termes} ase {ase} acceptes {acceptes} refus {refus}");
    assert!(entres >= 64, "{entres} entrées sur 256 cas");
    assert!(reconduits >= 10, "{reconduits} reconductions sur 256 cas");
    assert!(clotures >= 64, "{clotures} clôtures sur 256 cas");
    assert!(termes >= 5, "{termes} fins de terme sur 256 cas");
    assert!(ase >= 5, "{ase} orientations en ASE sur 256 cas");
    assert!(
        acceptes >= refus / 2,
        "{acceptes} acceptées, {refus} refusées"
    );
}

// ---------------------------------------------------------------------------------------
// Cas de régression, déterministes
// ---------------------------------------------------------------------------------------

fn verifier(r: Result<(), TestCaseError>) {
    if let Err(e) = r {
        panic!("{e}");
    }
}

/// Parcours type (entrée le 02/02/2026) : tous les invariants tiennent à chaque étape.
#[test]
fn le_parcours_type_satisfait_tous_les_invariants() {
    let mut p = Parcours::entre(Role::Conseiller);
    verifier(verifier_etat(p.d()));
    verifier(verifier_chronologie(p.d()));
    p.aujourdhui = j("20/01/2027");
    p.faire(Commande::Reconduire {
        date: j("15/01/2027"),
        mois: 6,
        accord: Accord::CONJOINT,
    });
    for le in ["20/01/2027", "02/07/2027", "01/08/2027", "02/08/2027"] {
        verifier(verifier_echeances(p.d(), j(le), &Parametres::default()));
    }
    p.aujourdhui = j("02/08/2027");
    p.faire(cloturer(
        j("01/08/2027"),
        MotifSortie::FinDeTerme,
        Accord::default(),
    ));
    verifier(verifier_etat(p.d()));
    verifier(verifier_chronologie(p.d()));
    verifier(verifier_echeances(
        p.d(),
        j("02/08/2027"),
        &Parametres::default(),
    ));
    assert_eq!(Dossier::rejouer(&p.journal).as_ref(), Some(p.d()));
}

/// Régression : la sortie pour fin de terme d'un accompagnement social exclusif se date
/// au plus tôt au dernier jour de celui-ci.
#[test]
fn fin_de_terme_d_un_accompagnement_social_exclusif() {
    let mut p = Parcours::ouvert(Role::Referent);
    p.aujourdhui = j("01/03/2027");
    p.faire(Commande::OrienterSocialExclusif {
        date: j("20/01/2026"),
        adhesion: true,
        mois: 6,
        propose_par: Role::Referent,
        coproposee: false,
        accord: Accord::CONJOINT,
    });
    assert_eq!(p.d().fin_social_exclusif(), Some(j("19/07/2026")));
    assert_eq!(
        p.essayer(cloturer(
            j("18/07/2026"),
            MotifSortie::FinDeTerme,
            Accord::default()
        )),
        Err(Refus::TermeNonAtteint {
            fin: j("19/07/2026")
        })
    );
    p.faire(cloturer(
        j("19/07/2026"),
        MotifSortie::FinDeTerme,
        Accord::default(),
    ));
    verifier(verifier_etat(p.d()));
}

/// Défaut trouvé par `le_parcours_respecte_la_chronologie_de_l_annexe_2` : une sortie
/// (ici pour retour à l'emploi) peut être datée avant la reconduction déjà décidée,
/// car `Cloturer` ne compare sa date qu'à l'ouverture et à l'entrée.
#[test]
fn la_cloture_ne_peut_preceder_la_reconduction_decidee() {
    let mut p = Parcours::entre(Role::Conseiller);
    p.aujourdhui = j("20/01/2027");
    p.faire(Commande::Reconduire {
        date: j("15/01/2027"),
        mois: 6,
        accord: Accord::CONJOINT,
    });
    let r = p.essayer(cloturer(
        j("01/06/2026"),
        MotifSortie::RetourEmploi,
        Accord::default(),
    ));
    assert!(
        matches!(r, Err(Refus::DateAnterieure { .. })),
        "sortie datée du 01/06/2026 acceptée alors que la reconduction a été décidée le 15/01/2027 : {r:?}"
    );
}

/// Défaut trouvé par `le_parcours_respecte_la_chronologie_de_l_annexe_2` : le contrat
/// peut être signé à une date où le carnet de route était encore vide (actions inscrites
/// après la signature), car `SignerContrat` ne compare sa date qu'à l'entretien n°2.
#[test]
fn le_contrat_ne_peut_etre_signe_avant_que_le_carnet_soit_complete() {
    let mut p = Parcours::diagnostique(Role::Conseiller);
    p.aujourdhui = j("30/01/2026");
    p.faire(Commande::TenirConcertation {
        date: j("20/01/2026"),
        decision: Decision::Validation,
        accord: Accord::CONJOINT,
        commentaire: String::new(),
    })
    .faire(Commande::RealiserInitialisation {
        date: j("21/01/2026"),
    })
    .faire(action(Volet::Emploi, j("25/01/2026"), None))
    .faire(action(Volet::Social, j("25/01/2026"), None));
    let r = p.essayer(Commande::SignerContrat {
        date: j("22/01/2026"),
    });
    assert!(
        matches!(r, Err(Refus::DateAnterieure { .. })),
        "contrat signé le 22/01/2026 alors que le carnet de route n'a été complété que le 25/01/2026 : {r:?}"
    );
}

// Les horaires viennent de sources qui ne les valident pas : rien ne doit faire échouer la
// lecture, et ce qui a été compris doit survivre à l'export (syntaxe OSM) relu.
proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(512)
    })]

    #[test]
    fn des_horaires_quelconques_se_lisent_sans_erreur_et_l_export_se_relit(
        texte in "(Mo|Tu|We|Th|Fr|Sa|Su|lundi|mardi|au|de|à|et|[0-9]{1,2}[:h][0-9]{0,2}|[-,;/ ]|PH off|off|24/7|[a-z]{1,4}){0,12}"
    ) {
        use binome::domain::ressources::Horaires;
        let h = Horaires::lire(&texte);
        prop_assert!(!h.en_francais().is_empty());
        for jour in &h.jours {
            for p in jour {
                prop_assert!(p.debut < p.fin && p.fin <= 1440);
            }
        }
        if h.structures() {
            let relu = Horaires::lire(&h.vers_osm());
            prop_assert_eq!(relu.jours, h.jours);
        }
    }
}
