//! Le consentement de la personne au partage entre les deux professionnels (CASF
//! L121-6-2) : daté, avec son moyen et sa portée, révocable ; la révocation entre dans la
//! chronologie. Dans le domaine, puis en ligne de commande.

use crate::commun::*;
use binome::domain::dossier::{CategorieSecret, Commande, Consentement, MoyenConsentement};
use binome::domain::professionnel::Role;
use binome::domain::Refus;

fn consentement(date: &str, categories: Vec<CategorieSecret>) -> Commande {
    Commande::RecueillirConsentement(Consentement {
        date: j(date),
        moyen: MoyenConsentement::FormulaireEcrit,
        categories,
        document: Some("  formulaire classé au dossier papier ".into()),
        revoque_le: None,
    })
}

#[test]
fn recueilli_avec_sa_portee_puis_revoque() {
    let mut p = Parcours::ouvert(Role::Conseiller);
    // Sans portée : refusé, avec ce qu'il faut faire.
    assert_eq!(
        p.essayer(consentement("20/11/2026", vec![])),
        Err(Refus::ConsentementSansPortee)
    );
    // Rien à révoquer tant que rien n'est donné.
    assert_eq!(
        p.essayer(Commande::RevoquerConsentement {
            date: j("20/11/2026")
        }),
        Err(Refus::AucunConsentement)
    );
    p.faire(consentement(
        "20/11/2026",
        vec![
            CategorieSecret::Logement,
            CategorieSecret::SituationProfessionnelle,
            CategorieSecret::Logement,
        ],
    ));
    let c = p.d().consentement().expect("consentement en cours").clone();
    // Rangée dans l'ordre du formulaire, sans doublon ; le document sans ses blancs.
    assert_eq!(
        c.categories,
        [
            CategorieSecret::SituationProfessionnelle,
            CategorieSecret::Logement
        ]
    );
    assert_eq!(c.portee(), "situation professionnelle, logement");
    assert_eq!(
        c.document.as_deref(),
        Some("formulaire classé au dossier papier")
    );
    // Une révocation avant le recueil est refusée ; à sa date, elle s'enregistre.
    assert!(p
        .essayer(Commande::RevoquerConsentement {
            date: j("19/11/2026")
        })
        .is_err());
    p.faire(Commande::RevoquerConsentement {
        date: j("22/11/2026"),
    });
    assert!(p.d().consentement().is_none());
    assert_eq!(p.d().consentements[0].revoque_le, Some(j("22/11/2026")));
    assert!(p
        .journal
        .last()
        .expect("entrée")
        .description()
        .contains("révoqué"));
}

#[test]
fn en_ligne_de_commande() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let o = binome(
        d,
        &["demo", "--dossiers", "5", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success());
    let ft = {
        let store = crate::commun::base(d);
        store.portefeuille().expect("portefeuille")[0]
            .identifiant_ft
            .clone()
    };
    let texte = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    let recueillir = |categories: &str| {
        binome(
            d,
            &[
                "dossier",
                "consentement",
                &ft,
                "--date",
                "20/11/2026",
                "--moyen",
                "contrat",
                "--categories",
                categories,
            ],
        )
    };
    let o = recueillir("sante,tarot");
    assert!(!o.status.success());
    assert!(
        texte(&o).contains("« tarot » n'est pas une catégorie"),
        "{}",
        texte(&o)
    );
    let o = recueillir("sante,logement");
    assert!(o.status.success(), "{}", texte(&o));
    let o = binome(d, &["dossier", "afficher", &ft]);
    assert!(
        texte(&o).contains("Consentement au partage : santé, logement (le 20/11/2026"),
        "{}",
        texte(&o)
    );
    let o = binome(
        d,
        &[
            "dossier",
            "revoquer-consentement",
            &ft,
            "--date",
            "21/11/2026",
        ],
    );
    assert!(o.status.success(), "{}", texte(&o));
    let o = binome(d, &["dossier", "afficher", &ft]);
    assert!(texte(&o).contains("Consentement au partage : aucun en cours"));
    assert!(texte(&o).contains("Consentement au partage révoqué"));
}

/// Un frein présent (« oui »), en cours de travail.
fn evaluation(
    besoin: &str,
    commentaire: &str,
    confidentiel: bool,
) -> binome::domain::diagnostic::Evaluation {
    use binome::domain::diagnostic::{Evaluation, Objectif, Situation};
    Evaluation {
        besoin: besoin.into(),
        situation: Situation::Oui,
        objectif: Objectif::EnCours,
        commentaire: commentaire.into(),
        confidentiel,
    }
}

/// Le secret partagé, écrit une fois dans le domaine : le conseiller dédié ne voit du volet
/// social que ce que la personne a accepté de partager ; un frein hors de cette portée, ou
/// confidentiel, n'est plus qu'une contrainte sans détail ; le référent voit tout.
#[test]
fn le_conseiller_ne_voit_que_la_portee_du_consentement() {
    use binome::domain::diagnostic::{Diagnostic, Volet};
    use binome::domain::dossier::SYNTHESE_NON_PARTAGEE;
    let mut p = Parcours::ouvert(Role::Referent);
    p.faire(Commande::EnregistrerDiagnostic(Diagnostic {
        volet: Volet::Social,
        date: j("10/01/2026"),
        synthese: "Séparation récente, hébergée chez sa sœur.".into(),
        evaluations: vec![
            evaluation("trouver-logement", "cherche un T2", false),
            evaluation("medecin", "suivi psychiatrique", false),
            evaluation("bilan-sante", "", false),
            evaluation("maintien-logement", "impayés de loyer", true),
        ],
    }));
    let sans = p.d().vu_par(Role::Conseiller, freins()).into_owned();
    let social = &sans.diagnostics[0];
    // Sans consentement : ni la synthèse, ni aucun besoin ; une ligne par famille.
    assert_eq!(social.synthese, SYNTHESE_NON_PARTAGEE);
    let codes: Vec<&str> = social
        .evaluations
        .iter()
        .map(|e| e.besoin.as_str())
        .collect();
    assert_eq!(codes, ["se-loger", "se-soigner"]);
    assert!(social.evaluations.iter().all(|e| e.commentaire.is_empty()));
    assert_eq!(
        freins().libelle_evaluation("se-soigner"),
        "Contrainte « Se soigner » : oui (détail non partagé)"
    );
    // Logement et synthèse partagés : le logement se lit, sauf ce qui est confidentiel ;
    // la santé reste une contrainte sans détail.
    p.faire(consentement(
        "11/01/2026",
        vec![CategorieSecret::Logement, CategorieSecret::SyntheseSociale],
    ));
    let avec = p.d().vu_par(Role::Conseiller, freins()).into_owned();
    let social = &avec.diagnostics[0];
    assert!(social.synthese.starts_with("Séparation récente"));
    let lignes: Vec<(&str, &str)> = social
        .evaluations
        .iter()
        .map(|e| (e.besoin.as_str(), e.commentaire.as_str()))
        .collect();
    assert_eq!(
        lignes,
        [
            ("trouver-logement", "cherche un T2"),
            ("se-soigner", ""),
            ("se-loger", "")
        ]
    );
    // Le référent voit tout, tel quel.
    assert_eq!(&*p.d().vu_par(Role::Referent, freins()), p.d());
    // Révoqué : plus rien, de nouveau.
    p.faire(Commande::RevoquerConsentement {
        date: j("12/01/2026"),
    });
    let revoque = p.d().vu_par(Role::Conseiller, freins()).into_owned();
    assert_eq!(revoque.diagnostics[0].synthese, SYNTHESE_NON_PARTAGEE);
}

/// Une action du carnet qui répond à un frein non partagé reste visible du conseiller,
/// mais sans son intitulé, son besoin ni ses ressources.
#[test]
fn une_action_sur_un_frein_non_partage_garde_son_secret() {
    use binome::domain::diagnostic::Volet;
    use binome::domain::dossier::ACTION_NON_PARTAGEE;
    let mut p = Parcours::valide(Role::Conseiller);
    for (libelle, besoin) in [
        ("Rendez-vous au CMP", "medecin"),
        ("Visite d'un T2", "trouver-logement"),
    ] {
        p.faire(Commande::AjouterAction {
            volet: Volet::Social,
            libelle: libelle.into(),
            porteur: Role::Referent,
            date: p.aujourdhui,
            echeance: None,
            besoin: Some(besoin.into()),
        });
    }
    p.faire(consentement("01/12/2026", vec![CategorieSecret::Logement]));
    let vu = p.d().vu_par(Role::Conseiller, freins()).into_owned();
    let titres: Vec<(&str, Option<&str>)> = vu
        .actions
        .iter()
        .map(|a| (a.libelle.as_str(), a.besoin.as_deref()))
        .collect();
    assert!(titres.contains(&(ACTION_NON_PARTAGEE, None)), "{titres:?}");
    assert!(
        titres.contains(&("Visite d'un T2", Some("trouver-logement"))),
        "{titres:?}"
    );
    assert!(!titres.iter().any(|(t, _)| t.contains("CMP")));
}

/// Ce qui part vers l'installation du conseiller (l'échange entre les deux postes) suit la
/// même règle que l'écran : le diagnostic social réduit à la portée du consentement, une
/// action sur un frein non partagé sans son détail, ses ressources pas du tout ; la trace
/// d'une impression reste sur le poste. Le dossier rejoué de ce qui est parti se lit comme
/// l'écran du conseiller ; après la révocation, plus rien du volet social ne part.
#[test]
fn ce_qui_part_vers_le_conseiller_suit_le_consentement() {
    use binome::domain::diagnostic::{Diagnostic, Volet};
    use binome::domain::dossier::{Dossier, Evenement, Prescription};
    let mut p = Parcours::valide(Role::Referent);
    p.faire(consentement(
        "01/12/2026",
        vec![CategorieSecret::Logement, CategorieSecret::SyntheseSociale],
    ));
    p.faire(Commande::EnregistrerDiagnostic(Diagnostic {
        volet: Volet::Social,
        date: p.aujourdhui,
        synthese: "Hébergée chez sa sœur.".into(),
        evaluations: vec![
            evaluation("trouver-logement", "cherche un T2", false),
            evaluation("medecin", "suivi psychiatrique", false),
            evaluation("maintien-logement", "impayés de loyer", true),
        ],
    }));
    p.faire(Commande::AjouterAction {
        volet: Volet::Social,
        libelle: "Rendez-vous au CMP".into(),
        porteur: Role::Referent,
        date: p.aujourdhui,
        echeance: None,
        besoin: Some("medecin".into()),
    });
    let cmp = p.d().actions.last().expect("action").numero;
    p.journal.push(Evenement::RessourcePrescrite {
        action: cmp,
        action_id: None,
        prescription: Prescription {
            ressource: "r-1".into(),
            nom: "Centre médico-psychologique".into(),
            besoin: "medecin".into(),
            date: p.aujourdhui,
        },
    });
    p.journal.push(Evenement::DocumentImprime {
        document: "Fiche de liaison".into(),
        date: p.aujourdhui,
    });
    let etat = Dossier::rejouer(&p.journal).expect("rejeu");
    let parti: Vec<Evenement> = p
        .journal
        .iter()
        .filter_map(|e| etat.partage_avec(e, Role::Conseiller, freins()))
        .collect();
    let texte = serde_json::to_string(&parti).expect("json");
    for secret in [
        "psychiatrique",
        "medecin",
        "impayés",
        "maintien-logement",
        "CMP",
        "médico",
    ] {
        assert!(!texte.contains(secret), "« {secret} » est parti : {texte}");
    }
    assert!(texte.contains("cherche un T2"), "le logement est partagé");
    assert!(!parti
        .iter()
        .any(|e| matches!(e, Evenement::DocumentImprime { .. })));
    let recu = Dossier::rejouer(&parti).expect("rejeu reçu");
    let ecran = etat.vu_par(Role::Conseiller, freins());
    let chez_lui = recu.vu_par(Role::Conseiller, freins());
    assert_eq!(chez_lui.diagnostics, ecran.diagnostics);
    assert_eq!(chez_lui.actions, ecran.actions);
    // Vers le référent : tout, sauf l'impression.
    let vers_referent: Vec<Evenement> = p
        .journal
        .iter()
        .filter_map(|e| etat.partage_avec(e, Role::Referent, freins()))
        .collect();
    assert_eq!(vers_referent.len(), p.journal.len() - 1);
    // Révoqué : le diagnostic ne dit plus rien de social.
    p.faire(Commande::RevoquerConsentement { date: p.aujourdhui });
    let revoque = Dossier::rejouer(&p.journal).expect("rejeu");
    let diag = p
        .journal
        .iter()
        .find(|e| matches!(e, Evenement::DiagnosticEnregistre(d) if d.volet == Volet::Social))
        .expect("diagnostic");
    let parti = serde_json::to_string(&revoque.partage_avec(diag, Role::Conseiller, freins()))
        .expect("json");
    assert!(
        !parti.contains("cherche un T2") && !parti.contains("sœur"),
        "{parti}"
    );
}
