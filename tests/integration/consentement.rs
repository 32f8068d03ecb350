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
        let store = binome::store::Store::ouvrir(d).expect("base");
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
    let o = binome(
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
            "sante,tarot",
        ],
    );
    assert!(!o.status.success());
    assert!(
        texte(&o).contains("« tarot » n'est pas une catégorie"),
        "{}",
        texte(&o)
    );
    let o = binome(
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
            "sante,logement",
        ],
    );
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
