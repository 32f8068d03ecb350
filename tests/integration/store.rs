//! Le store SQLite : migrations, journal en ajout seul, projections reconstruites à
//! l'identique, écritures tout ou rien.

use crate::commun::*;
use binome::domain::dossier::{Accord, Commande, Etape, MotifSortie, Ouverture};
use binome::domain::freins::Freins;
use binome::domain::professionnel::Role;
use binome::domain::structures::Referentiel;
use binome::domain::Refus;
use binome::services::demo;
use binome::store::{ErreurStore, Store, MIGRATIONS};
use uuid::Uuid;

fn store_avec_binome(dir: &std::path::Path) -> Store {
    let mut s = crate::commun::base(dir);
    for p in [conseiller(), referent()] {
        s.enregistrer_professionnel(&p, "test", ctx(j("01/12/2026")))
            .expect("professionnel");
    }
    s
}

/// Rejoue dans le store toutes les commandes d'un parcours du domaine.
fn rejouer_parcours(s: &mut Store, p: &Parcours) -> Uuid {
    let id = p.d().id;
    let commandes = commandes_du_parcours(p);
    for c in commandes {
        s.executer(id, &c, "test", ctx(p.aujourdhui))
            .expect("commande acceptée");
    }
    id
}

/// Les commandes qui ont produit le journal d'un parcours (une par événement).
fn commandes_du_parcours(p: &Parcours) -> Vec<Commande> {
    use binome::domain::dossier::Evenement as E;
    p.journal
        .iter()
        .map(|e| match e.clone() {
            E::DossierOuvert(o) => Commande::Ouvrir(o),
            E::DiagnosticEnregistre(d) => Commande::EnregistrerDiagnostic(d),
            E::MembreAffecte { membre, date } => Commande::AffecterMembre { membre, date },
            E::FicheCreee(f) => Commande::CreerFiche {
                emetteur: f.emetteur,
                objet: f.objet,
                date: f.date,
                motif: f.motif,
                synthese: f.synthese,
                action_demandee: f.action_demandee,
            },
            E::FicheEnvoyee { numero, date, .. } => Commande::EnvoyerFiche { numero, date },
            E::FicheRetournee {
                numero,
                date,
                commentaire,
                ..
            } => Commande::EnregistrerRetourFiche {
                numero,
                date,
                signee: true,
                commentaire,
            },
            E::ConcertationTenue(c) => Commande::TenirConcertation {
                date: c.date,
                decision: c.decision,
                accord: Accord::CONJOINT,
                commentaire: c.commentaire,
            },
            E::ActionAjoutee(a) => Commande::AjouterAction {
                volet: a.volet,
                libelle: a.libelle,
                porteur: a.porteur,
                date: a.date,
                echeance: a.echeance,
                besoin: a.besoin,
            },
            E::InitialisationRealisee { date } => Commande::RealiserInitialisation { date },
            E::ContratSigne { date } => Commande::SignerContrat { date },
            autre => panic!("événement non prévu par ce test : {}", autre.type_()),
        })
        .collect()
}

#[test]
fn migrations_appliquees_sur_une_base_vide_puis_une_seule_fois() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = crate::commun::base(dir.path());
    let c = s.connexion();
    let version: u32 = c
        .query_row("SELECT max(version) FROM migrations", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version as usize, MIGRATIONS.len());
    for table in ["evenements", "dossiers", "etats_dossiers", "professionnels"] {
        let n: u32 = c
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .expect("table");
        assert_eq!(n, 1, "table {table}");
    }
    let wal: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("wal");
    assert_eq!(wal, "wal");
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("fk");
    assert_eq!(fk, 1);
    drop(s);
    let s = crate::commun::base(dir.path());
    let lignes: u32 = s
        .connexion()
        .query_row("SELECT count(*) FROM migrations", [], |r| r.get(0))
        .expect("migrations");
    assert_eq!(lignes as usize, MIGRATIONS.len(), "rien n'est réappliqué");
}

#[test]
fn base_plus_recente_ou_migration_modifiee_refusees() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(crate::commun::base(dir.path()));
    let c = crate::commun::connexion_brute(dir.path());
    c.execute(
        "INSERT INTO migrations (version, nom, somme, appliquee_le) VALUES (99, 'futur', 'x', 'x')",
        [],
    )
    .expect("insert");
    let e = Store::ouvrir(dir.path(), &crate::commun::cle(dir.path()))
        .err()
        .expect("refus");
    assert!(
        matches!(e, ErreurStore::BaseTropRecente { base: 99, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("mettez Binôme à jour"));
    c.execute("DELETE FROM migrations WHERE version = 99", [])
        .expect("delete");
    c.execute(
        "UPDATE migrations SET somme = 'falsifiee' WHERE version = 1",
        [],
    )
    .expect("update");
    assert!(matches!(
        Store::ouvrir(dir.path(), &crate::commun::cle(dir.path())),
        Err(ErreurStore::MigrationModifiee { version: 1 })
    ));
}

/// Chaque événement est rejoué dans sa propre transaction : la ligne du portefeuille est
/// mise à jour, ses index (étape, nom, binôme, identifiant) seulement quand leurs colonnes
/// changent. Ils restent exacts : contrôle complet d'intégrité (index compris), et les
/// projections sont celles que la reconstruction recalcule.
#[test]
fn un_parcours_enregistre_se_relit_a_l_identique() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    let p = Parcours::entre(Role::Conseiller);
    let id = rejouer_parcours(&mut s, &p);
    drop(s);
    let mut s = crate::commun::base(dir.path());
    let relu = s.dossier(id).expect("lecture").expect("dossier présent");
    // Chaque création tire l'identifiant de son élément : rejouée, la commande en donne un
    // autre ; tout le reste est identique.
    let mut attendu = p.d().clone();
    for (a, r) in attendu.fiches.iter_mut().zip(&relu.fiches) {
        assert!(a.id.is_some() && r.id.is_some() && a.id != r.id);
        a.id = r.id;
    }
    for (a, r) in attendu.actions.iter_mut().zip(&relu.actions) {
        a.id = r.id;
    }
    assert_eq!(relu, attendu);
    let journal = s.journal(id).expect("journal");
    assert_eq!(journal.len(), p.journal.len());
    let types: Vec<&str> = journal.iter().map(|e| e.evenement.type_()).collect();
    assert_eq!(types.first(), Some(&"DossierOuvert"));
    assert_eq!(types.last(), Some(&"ContratSigne"));
    assert!(journal.windows(2).all(|w| w[0].seq < w[1].seq));
    assert!(journal
        .iter()
        .all(|e| e.auteur == "test" && !e.horodatage.is_empty()));
    let portefeuille = s.portefeuille().expect("portefeuille");
    assert_eq!(portefeuille.len(), 1);
    assert_eq!(portefeuille[0], p.d().resume());
    assert_eq!(portefeuille[0].etape, Etape::Accompagnement);
    assert_eq!(portefeuille[0].date_fin, Some(j("01/02/2027")));
    assert_eq!(portefeuille[0].id, id);
    assert_eq!(
        s.controle_complet().expect("contrôle"),
        Vec::<String>::new()
    );
    let avant = s.empreinte_projections().expect("empreinte");
    s.reconstruire().expect("reconstruction");
    assert_eq!(s.empreinte_projections().expect("empreinte"), avant);
    assert!(s.verifier().expect("vérification").est_saine());
}

#[test]
fn une_commande_refusee_ne_change_rien() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    let p = Parcours::diagnostique(Role::Conseiller);
    let id = rejouer_parcours(&mut s, &p);
    let avant = s.empreinte_projections().expect("empreinte");
    let evenements = s.nombre_evenements().expect("compte");
    let r = s.executer(
        id,
        &Commande::SignerContrat {
            date: j("01/02/2026"),
        },
        "test",
        ctx(j("01/12/2026")),
    );
    assert_eq!(r, Err(ErreurStore::Refus(Refus::SansValidation)));
    assert_eq!(s.nombre_evenements().expect("compte"), evenements);
    assert_eq!(s.empreinte_projections().expect("empreinte"), avant);
}

#[test]
fn un_lot_non_valide_n_ecrit_rien() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    let p = Parcours::ouvert(Role::Conseiller);
    {
        let mut lot = s.lot("test", ctx(p.aujourdhui)).expect("lot");
        for c in commandes_du_parcours(&p) {
            lot.executer(p.d().id, &c).expect("acceptée");
        }
        let refus = lot.executer(
            p.d().id,
            &Commande::SignerContrat {
                date: j("01/02/2026"),
            },
        );
        assert!(refus.is_err());
        // Abandonné sans `valider` : annulé.
    }
    assert_eq!(s.portefeuille().expect("portefeuille").len(), 0);
    assert!(s.journal(p.d().id).expect("journal").is_empty());
}

#[test]
fn un_dossier_connu_du_lot_mais_change_depuis_est_relu() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    let p = Parcours::ouvert(Role::Conseiller);
    let id = rejouer_parcours(&mut s, &p);
    let impression = |document: &str| Commande::NoterImpression {
        document: document.into(),
        date: p.aujourdhui,
    };
    // Lu pour l'imprimer, puis changé par un autre avant que le lot ne le note.
    let lu = s.dossier(id).expect("lecture").expect("dossier");
    s.executer(id, &impression("fiche"), "autre", ctx(p.aujourdhui))
        .expect("noté");
    let mut lot = s.lot("test", ctx(p.aujourdhui)).expect("lot");
    lot.connaitre(lu.clone());
    lot.executer(id, &impression("contrat"))
        .expect("relu, pas de conflit de version");
    lot.valider().expect("validé");
    let d = s.dossier(id).expect("lecture").expect("dossier");
    assert_eq!(d.version, lu.version + 2);
    assert!(s.verifier().expect("vérification").est_saine());

    // À jour, il sert tel quel : même résultat qu'une relecture.
    let lu = s.dossier(id).expect("lecture").expect("dossier");
    let mut lot = s.lot("test", ctx(p.aujourdhui)).expect("lot");
    lot.connaitre(lu.clone());
    lot.executer(id, &impression("contrat")).expect("noté");
    lot.valider().expect("validé");
    assert_eq!(
        s.dossier(id).expect("lecture").expect("dossier").version,
        lu.version + 1
    );
    assert!(s.verifier().expect("vérification").est_saine());
}

#[test]
fn le_journal_est_en_ajout_seul() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    rejouer_parcours(&mut s, &Parcours::ouvert(Role::Referent));
    let c = s.connexion();
    let maj = c.execute("UPDATE evenements SET auteur = 'pirate'", []);
    assert!(maj.unwrap_err().to_string().contains("ajout seul"));
    let sup = c.execute("DELETE FROM evenements", []);
    assert!(sup.unwrap_err().to_string().contains("ajout seul"));
}

#[test]
fn une_personne_n_a_qu_un_dossier_en_cours() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    let p = Parcours::ouvert(Role::Conseiller);
    let id = rejouer_parcours(&mut s, &p);
    let second = |n: u128| {
        Commande::Ouvrir(Ouverture {
            id: Uuid::from_u128(n),
            personne: personne("1234567A"),
            initiative: Role::Referent,
            prescripteur: None,
            date: j("10/01/2026"),
            conseiller: None,
            referent: Some(membre(Role::Referent)),
        })
    };
    let aujourdhui = ctx(j("01/12/2026"));
    let r = s.executer(Uuid::from_u128(100), &second(100), "test", aujourdhui);
    assert_eq!(
        r,
        Err(ErreurStore::Refus(Refus::DossierEnCours {
            identifiant: "1234567A".into()
        }))
    );
    s.executer(
        id,
        &Commande::Cloturer {
            date: j("01/03/2026"),
            motif: MotifSortie::DemandePersonne,
            accord: Accord::default(),
            commentaire: String::new(),
        },
        "test",
        aujourdhui,
    )
    .expect("clôture");
    s.executer(Uuid::from_u128(100), &second(100), "test", aujourdhui)
        .expect("un nouveau dossier après la clôture");
    assert_eq!(s.portefeuille().expect("portefeuille").len(), 2);
}

#[test]
fn un_membre_doit_etre_dans_l_annuaire() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = crate::commun::base(dir.path());
    let p = Parcours::ouvert(Role::Conseiller);
    let r = s.executer(
        p.d().id,
        &commandes_du_parcours(&p)[0],
        "test",
        ctx(p.aujourdhui),
    );
    assert!(
        matches!(r, Err(ErreurStore::ProfessionnelInconnu(_))),
        "{r:?}"
    );
    assert!(r
        .unwrap_err()
        .to_string()
        .contains("enregistrez-le d'abord"));
}

fn demo_dans(dir: &std::path::Path, dossiers: usize, graine: u64) -> Store {
    let mut s = crate::commun::base(dir);
    demo::generer(
        &mut s,
        demo::Options::new(dossiers, graine, j("23/11/2026")),
        &Referentiel::embarque(),
        &Freins::embarque(),
    )
    .expect("démonstration");
    s
}

#[test]
fn la_reconstruction_redonne_exactement_les_projections() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = demo_dans(dir.path(), 150, 11);
    let avant = s.empreinte_projections().expect("empreinte");
    assert!(avant.len() > 300, "projections non vides");
    let rapport = s.reconstruire().expect("reconstruction");
    assert_eq!(rapport.dossiers, 150);
    assert_eq!(rapport.evenements, s.nombre_evenements().expect("compte"));
    assert_eq!(s.empreinte_projections().expect("empreinte"), avant);
    assert!(s.verifier().expect("vérification").est_saine());
}

/// Une base d'avant la migration 24 gardait l'état de chaque dossier en JSON : à
/// l'ouverture, les états sont recalculés depuis le journal et écrits compressés ; ils se
/// relisent à l'identique et la base est saine.
#[test]
fn les_etats_en_json_d_une_base_ancienne_sont_compresses_a_l_ouverture() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = demo_dans(dir.path(), 30, 5);
    let avant: Vec<_> = s
        .portefeuille()
        .expect("portefeuille")
        .iter()
        .map(|r| s.dossier(r.id).expect("état").expect("dossier"))
        .collect();
    let c = s.connexion();
    c.execute_batch(
        "DROP TABLE etats_dossiers;
         CREATE TABLE etats_dossiers (
             id   TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
             etat TEXT NOT NULL CHECK (json_valid(etat)));
         DELETE FROM migrations WHERE version >= 24;",
    )
    .expect("retour en version 23");
    for d in &avant {
        c.execute(
            "INSERT INTO etats_dossiers (id, etat) VALUES (?1, ?2)",
            rusqlite::params![d.id.to_string(), serde_json::to_string(d).expect("JSON")],
        )
        .expect("état en JSON");
    }
    drop(s);
    let s = crate::commun::base(dir.path());
    let formes: Vec<String> = s
        .connexion()
        .prepare("SELECT DISTINCT typeof(etat) FROM etats_dossiers")
        .expect("requête")
        .query_map([], |r| r.get(0))
        .expect("formes")
        .collect::<Result<_, _>>()
        .expect("formes");
    assert_eq!(formes, ["blob"]);
    for d in &avant {
        assert_eq!(s.dossier(d.id).expect("état").as_ref(), Some(d));
    }
    assert!(s.verifier().expect("vérification").est_saine());
}

#[test]
fn la_verification_trouve_une_projection_alteree_et_la_reconstruction_la_repare() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = demo_dans(dir.path(), 40, 3);
    let avant = s.empreinte_projections().expect("empreinte");
    // L'état est compressé : il est réécrit en JSON (forme d'avant la migration 24, que le
    // store lit aussi), avec une date d'entrée que le journal ne dit pas.
    let id = s.portefeuille().expect("portefeuille")[0].id;
    let mut etat =
        serde_json::to_value(s.dossier(id).expect("état").expect("dossier")).expect("JSON");
    etat["entree"] = serde_json::json!("2001-01-01");
    s.connexion()
        .execute(
            "UPDATE etats_dossiers SET etat = ?2 WHERE id = ?1",
            rusqlite::params![id.to_string(), etat.to_string()],
        )
        .expect("altération");
    let v = s.verifier().expect("vérification");
    assert!(!v.est_saine());
    assert!(
        v.problemes[0].contains("diffère du journal"),
        "{:?}",
        v.problemes
    );
    s.reconstruire().expect("reconstruction");
    assert!(s.verifier().expect("vérification").est_saine());
    assert_eq!(s.empreinte_projections().expect("empreinte"), avant);
}

#[test]
fn la_demonstration_est_deterministe_et_couvre_toutes_les_etapes_et_alertes() {
    let (a, b, c) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let sa = demo_dans(a.path(), 300, 1);
    let sb = demo_dans(b.path(), 300, 1);
    let sc = demo_dans(c.path(), 300, 2);
    let pa = sa.portefeuille().expect("a");
    assert_eq!(
        pa,
        sb.portefeuille().expect("b"),
        "même graine, mêmes dossiers"
    );
    assert_ne!(
        pa,
        sc.portefeuille().expect("c"),
        "autre graine, autres dossiers"
    );
    for etape in Etape::TOUTES {
        assert!(
            pa.iter().any(|r| r.etape == etape),
            "aucun dossier à l'étape {etape:?}"
        );
    }
    let aujourdhui = j("23/11/2026");
    let parametres = binome::domain::echeances::Parametres::default();
    let codes: std::collections::HashSet<&str> = pa
        .iter()
        .flat_map(|r| binome::domain::echeances::alertes(r, aujourdhui, &parametres))
        .map(|a| a.code())
        .collect();
    for code in [
        "terme_depasse",
        "fin_de_terme",
        "reconduction",
        "fiche_sans_retour",
        "sans_contact",
        "point_intermediaire",
        "action_echue",
    ] {
        assert!(
            codes.contains(code),
            "aucune alerte « {code} » dans la démonstration"
        );
    }
    let motifs: std::collections::HashSet<String> = pa
        .iter()
        .filter_map(|r| r.motif_cloture.as_deref().map(String::from))
        .collect();
    for m in [
        "emploi",
        "formation",
        "fin_de_terme",
        "demande_personne",
        "reorientation",
    ] {
        assert!(motifs.contains(m), "aucune sortie « {m} »");
    }
    assert!(pa.iter().any(|r| r.reconduit));
    assert!(pa.iter().any(|r| r.initiative == Role::Referent));
}

#[test]
fn une_ligne_du_portefeuille_illisible_est_dite_et_la_reconstruction_la_repare() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = demo_dans(dir.path(), 30, 5);
    let attendu = s.portefeuille().expect("portefeuille");
    // Dates, identifiants et codes se lisent octet par octet : chaque valeur fausse est
    // refusée, jamais prise pour une autre.
    for alteration in [
        "etape = 'inconnue'",
        "etape = 'clôture'",
        "date_ouverture = '2026-13-01'",
        "date_fin = '2026-02-3x'",
        "date_entree = '2026-0é-1'",
    ] {
        s.connexion()
            .execute(
                &format!(
                    "UPDATE dossiers SET {alteration} WHERE id = (SELECT min(id) FROM dossiers)"
                ),
                [],
            )
            .expect("altération");
        assert!(s.portefeuille().is_err(), "{alteration} lue sans erreur");
        s.reconstruire().expect("reconstruction");
        assert_eq!(s.portefeuille().expect("portefeuille"), attendu);
    }
}

#[test]
fn la_verification_compare_aussi_les_lignes_du_portefeuille_et_l_annuaire() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = demo_dans(dir.path(), 30, 5);
    s.connexion()
        .execute(
            "UPDATE dossiers SET suite = 'altérée' WHERE id = (SELECT min(id) FROM dossiers)",
            [],
        )
        .expect("altération");
    s.connexion()
        .execute(
            "UPDATE professionnels SET donnees = json_set(donnees, '$.nom', 'Altéré')
             WHERE id = (SELECT min(id) FROM professionnels)",
            [],
        )
        .expect("altération");
    let v = s.verifier().expect("vérification");
    assert!(
        v.problemes
            .iter()
            .any(|p| p.contains("ligne du portefeuille diffère")),
        "{:?}",
        v.problemes
    );
    assert!(
        v.problemes.iter().any(|p| p.contains("l'annuaire diffère")),
        "{:?}",
        v.problemes
    );
    s.reconstruire().expect("reconstruction");
    assert!(s.verifier().expect("vérification").est_saine());
}

/// Un événement de même version déjà au journal (écrit par un autre) : l'écriture est
/// refusée comme un conflit, reconnu par le code SQLite, et rien n'est écrit deux fois.
#[test]
fn une_version_deja_ecrite_donne_un_conflit() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut a = store_avec_binome(dir.path());
    let b = crate::commun::base(dir.path());
    let p = Parcours::diagnostique(Role::Conseiller);
    let id = p.d().id;
    let commandes = commandes_du_parcours(&p);
    a.executer(id, &commandes[0], "test", ctx(p.aujourdhui))
        .expect("ouverture");
    b.connexion()
        .execute(
            "INSERT INTO evenements (id, dossier_id, version, auteur, horodatage, type, donnees)
             VALUES ('autre', ?1, 2, 'autre poste', '2026-12-01T10:00:00.000Z', 'Autre', '{}')",
            [id.to_string()],
        )
        .expect("écriture de l'autre poste");
    let evenements = a.nombre_evenements().expect("compte");
    let r = a.executer(id, &commandes[1], "test", ctx(p.aujourdhui));
    assert_eq!(r.map(|_| ()), Err(ErreurStore::Conflit));
    assert_eq!(a.nombre_evenements().expect("compte"), evenements);
}

/// Deux écrivains (deux fenêtres, une commande pendant que la fenêtre enregistre) : le
/// second attend son tour ; s'il attend trop, il le dit en français, sans rien perdre.
#[test]
fn un_second_ecrivain_attend_puis_dit_que_la_base_est_occupee() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut a = store_avec_binome(dir.path());
    let p = Parcours::diagnostique(Role::Conseiller);
    let id = p.d().id;
    let commandes = commandes_du_parcours(&p);
    a.executer(id, &commandes[0], "test", ctx(p.aujourdhui))
        .expect("ouverture");
    let chemin = dir.path().to_path_buf();
    let (pris, attendre) = std::sync::mpsc::channel();
    let (liberer, libre) = std::sync::mpsc::channel::<()>();
    let tenir = std::thread::spawn(move || {
        let mut b = crate::commun::base(&chemin);
        let lot = b.lot("autre fenêtre", ctx(j("01/12/2026"))).expect("lot");
        pris.send(()).expect("signal");
        libre.recv().expect("fin");
        lot.valider().expect("validation");
    });
    attendre.recv().expect("lot pris");
    // Tenue plus longtemps que l'attente permise : un message clair, rien d'écrit.
    let r = a.executer(id, &commandes[1], "test", ctx(p.aujourdhui));
    let e = r.expect_err("base occupée");
    assert!(
        e.to_string().contains("utilisée par une autre fenêtre"),
        "{e}"
    );
    // Libérée pendant l'attente : l'écriture passe.
    let liberation = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        liberer.send(()).expect("libérer");
    });
    a.executer(id, &commandes[1], "test", ctx(p.aujourdhui))
        .expect("écrite après l'attente");
    liberation.join().expect("fil");
    tenir.join().expect("fil");
}

/// Deux installations (le conseiller, le référent) se passent les événements d'un dossier
/// commun : chacune rejoue dans l'ordre commun et tient le même état ; recevoir deux fois
/// ne change rien ; deux signatures du contrat faites avant l'échange finissent en un même
/// conflit visible des deux côtés ; un événement falsifié ou qui se dit d'ici est refusé
/// sans rien changer.
#[test]
fn deux_installations_convergent_par_leurs_evenements() {
    use binome::domain::dossier::Dossier;
    let (da, db) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let mut a = store_avec_binome(da.path());
    let mut b = store_avec_binome(db.path());
    assert_ne!(a.installation().expect("a"), b.installation().expect("b"));
    let p = Parcours::valide(Role::Conseiller);
    let id = rejouer_parcours(&mut a, &p);
    let f = Freins::embarque();
    let etat = |s: &Store| -> Dossier { s.dossier(id).expect("lu").expect("dossier") };

    // A → B : tout le dossier.
    let envoi = a.evenements_a_envoyer(id, 0).expect("à envoyer");
    assert_eq!(envoi.len(), p.journal.len());
    let r = b.recevoir(&envoi, None, &f).expect("reçu");
    assert_eq!(r.nouveaux as usize, envoi.len());
    assert_eq!(etat(&b), etat(&a));
    let deux_fois = b.recevoir(&envoi, None, &f).expect("reçu deux fois");
    assert_eq!(
        (deux_fois.nouveaux, deux_fois.deja_recus),
        (0, envoi.len() as u64)
    );

    // Chacun signe le contrat avant d'avoir reçu la signature de l'autre.
    let jour = ctx(j("05/02/2026"));
    for s in [&mut a, &mut b] {
        s.executer(
            id,
            &Commande::RealiserInitialisation {
                date: j("02/02/2026"),
            },
            "test",
            jour,
        )
        .expect("initialisation");
    }
    a.executer(
        id,
        &Commande::SignerContrat {
            date: j("02/02/2026"),
        },
        "test",
        jour,
    )
    .expect("signé en A");
    b.executer(
        id,
        &Commande::SignerContrat {
            date: j("03/02/2026"),
        },
        "test",
        jour,
    )
    .expect("signé en B");
    let de_a = a.evenements_a_envoyer(id, 0).expect("A");
    let de_b = b.evenements_a_envoyer(id, 0).expect("B");
    assert_eq!(de_b.len(), 2, "B n'envoie que ce qu'il a écrit");
    // Dans le désordre et avec des doublons : l'ordre commun ne dépend pas de l'arrivée.
    let mut melange = de_a.clone();
    melange.reverse();
    melange.extend(de_a.iter().take(3).cloned());
    b.recevoir(&melange, None, &f).expect("B reçoit");
    a.recevoir(&de_b, None, &f).expect("A reçoit");
    let (ea, eb) = (etat(&a), etat(&b));
    assert_eq!(ea, eb, "même état des deux côtés");
    assert_eq!(ea.conflits_a_revoir().count(), 1, "{:?}", ea.conflits);
    assert_eq!(
        ea.conflits.len(),
        2,
        "l'initialisation en double, sans alerte"
    );
    assert!(ea.entree.is_some());

    // Refus : un événement connu sous un autre contenu, un événement qui se dit d'ici.
    let avant = etat(&b);
    let mut faux = de_a[1].clone();
    faux.auteur.clear();
    faux.evenement = de_a[0].evenement.clone();
    let e = b.recevoir(&[faux], None, &f).expect_err("falsifié");
    assert!(matches!(e, ErreurStore::Echange(_)), "{e}");
    let mut le_mien = de_b[0].clone();
    le_mien.id = Uuid::new_v4();
    le_mien.seq_origine += 1000;
    let e = b.recevoir(&[le_mien], None, &f).expect_err("se dit d'ici");
    assert!(e.to_string().contains("ce poste"), "{e}");
    assert_eq!(etat(&b), avant, "rien n'a changé");
    // Les deux journaux restent sains (chaîne, projections rejouées).
    for s in [&a, &b] {
        let v = s.verifier().expect("vérifié");
        assert!(v.problemes.is_empty(), "{:?}", v.problemes);
    }
}

/// Un lot n'écrit l'état d'un dossier qu'en passant au suivant : passer d'un dossier à
/// l'autre, et revenir, donne les mêmes projections et indicateurs que le journal rejoué.
#[test]
fn un_lot_qui_passe_d_un_dossier_a_l_autre_ecrit_chacun_exactement() {
    use binome::domain::indicateurs::{Bornes, Mois};
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store_avec_binome(dir.path());
    let p = Parcours::entre(Role::Conseiller);
    let premier = commandes_du_parcours(&p);
    let autre = Uuid::from_u128(43);
    let second: Vec<Commande> = premier
        .iter()
        .map(|c| match c.clone() {
            Commande::Ouvrir(mut o) => {
                o.id = autre;
                o.personne = personne("7654321B");
                Commande::Ouvrir(o)
            }
            c => c,
        })
        .collect();
    {
        let mut lot = s.lot("test", ctx(p.aujourdhui)).expect("lot");
        for (a, b) in premier.iter().zip(&second) {
            lot.executer(p.d().id, a).expect("premier dossier");
            lot.executer(autre, b).expect("second dossier");
        }
        // Un changement de situation du premier après le dernier événement du second.
        let mut personne = p.d().personne.clone();
        personne.brsa = !personne.brsa;
        lot.executer(
            p.d().id,
            &Commande::ChangerSituation {
                personne,
                date: j("01/06/2026"),
            },
        )
        .expect("changement");
        lot.valider().expect("validé");
    }
    let v = s.verifier().expect("vérification");
    assert!(v.est_saine(), "{:?}", v.problemes);
    let premier_relu = s.dossier(p.d().id).expect("lu").expect("présent");
    assert_eq!(premier_relu.personne.brsa, !p.d().personne.brsa);
    assert_eq!(
        s.dossier(autre).expect("lu").expect("présent").etape(),
        Etape::Accompagnement
    );
    let bornes = Bornes {
        de: Mois {
            annee: 2025,
            mois: 12,
        },
        a: Mois {
            annee: 2026,
            mois: 11,
        },
        aujourdhui: j("01/12/2026"),
    };
    let avant = s.indicateurs(bornes).expect("indicateurs");
    let projections = s.empreinte_projections().expect("empreinte");
    s.reconstruire().expect("reconstruction");
    assert_eq!(s.indicateurs(bornes).expect("indicateurs"), avant);
    assert_eq!(s.empreinte_projections().expect("empreinte"), projections);
}
