//! Comptes, connexion, chiffrement et visibilité : ce qu'un délégué à la protection des
//! données vérifierait.

use binome::services::acces::{self, Comptes, ErreurAcces};
use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;
use binome::services::espace::Espace;
use binome::services::session::Session;
use binome::services::ErreurService;
use binome::store::{ErreurStore, Trousseau, FICHIER_BASE, FICHIER_TROUSSEAU};

use crate::commun::{binome, binome_en, j};

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// La commande a échoué et dit pourquoi.
fn refuse(o: &std::process::Output, morceau: &str) {
    assert!(!o.status.success(), "{}", texte(&o.stdout));
    assert!(texte(&o.stderr).contains(morceau), "{}", texte(&o.stderr));
}

fn espace(d: &std::path::Path) -> Espace {
    Espace {
        dossier: d.to_path_buf(),
    }
}

fn demo(d: &std::path::Path) {
    let o = binome(
        d,
        &["demo", "--dossiers", "60", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
}

fn session_de(d: &std::path::Path, identifiant: &str, jour: &str) -> Session {
    let a = acces::connecter(&espace(d), identifiant, MOT_DE_PASSE_DEMO).expect("connexion");
    Session::ouvrir(espace(d), a, j(jour)).expect("session")
}

fn refus(r: Result<impl std::fmt::Debug, ErreurService>) -> ErreurAcces {
    match r {
        Err(ErreurService::Acces(e)) => e,
        autre => panic!("refus attendu : {autre:?}"),
    }
}

#[test]
fn la_base_est_chiffree_et_ne_montre_aucun_nom() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let octets = std::fs::read(d.join(FICHIER_BASE)).expect("base");
    assert!(!octets.starts_with(b"SQLite format 3"));
    // Les noms des dossiers, lus par la session, n'apparaissent pas dans le fichier.
    let s = session_de(d, "conseiller", "23/11/2026");
    let noms: Vec<String> = s.portefeuille().iter().map(|r| r.nom.to_string()).collect();
    assert!(!noms.is_empty());
    // Six octets au moins : un nom de quatre lettres se trouve par hasard dans quelques
    // mégaoctets chiffrés (une chance sur cent environ pour vingt noms), pas un de six.
    let longs: Vec<&String> = noms.iter().filter(|n| n.len() >= 6).take(20).collect();
    assert!(longs.len() >= 5, "{noms:?}");
    for nom in longs {
        let cherche = nom.as_bytes();
        assert!(
            !octets.windows(cherche.len()).any(|w| w == cherche),
            "« {nom} » lisible dans la base"
        );
    }
    // Ni le trousseau ni le journal technique ne nomment personne.
    let cles = std::fs::read_to_string(d.join(FICHIER_TROUSSEAU)).expect("trousseau");
    assert!(!cles.contains("conseiller") && !cles.contains(&noms[0]));
    let o = binome(d, &["check"]);
    assert!(
        texte(&o.stdout).contains("Chiffrement : base chiffrée"),
        "{}",
        texte(&o.stdout)
    );
}

#[test]
fn mauvais_mot_de_passe_puis_delai_qui_survit_au_redemarrage() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    acces::installer(
        &espace(d),
        "a.martin",
        "Bonjour-Binome-42",
        "Bonjour-Binome-42",
    )
    .expect("premier compte");
    let t0 = chrono::NaiveDateTime::parse_from_str("2026-12-02 09:00:00", "%Y-%m-%d %H:%M:%S")
        .expect("instant");
    let essai = |mdp: &str, secondes: i64| {
        acces::connecter_a(
            &espace(d),
            "a.martin",
            mdp,
            t0 + chrono::Duration::seconds(secondes),
        )
    };
    for i in 0..5 {
        assert_eq!(refus(essai("faux", i)), ErreurAcces::Refusee);
    }
    // Au 6e essai, même le bon mot de passe attend : le délai est gardé dans le trousseau,
    // donc d'un lancement à l'autre.
    let e = refus(essai("Bonjour-Binome-42", 10));
    assert!(matches!(e, ErreurAcces::Patientez(_)), "{e}");
    assert!(e.to_string().contains("réessayez dans"), "{e}");
    let t = Trousseau::lire(d).expect("lecture").expect("trousseau");
    assert_eq!(t.entree("a.martin").expect("compte").echecs, 5);
    // Le délai passé, le bon mot de passe ouvre et remet le compteur à zéro.
    let a = essai("Bonjour-Binome-42", 40).expect("connexion après le délai");
    assert!(a.compte.administrateur);
    let t = Trousseau::lire(d).expect("lecture").expect("trousseau");
    assert_eq!(t.entree("a.martin").expect("compte").echecs, 0);
    // Les échecs sont entrés au journal d'audit.
    let store = binome::store::Store::ouvrir(d, &a.cle).expect("base");
    let echecs = store
        .audit_entre("2000-01-01", "2999-12-31")
        .expect("audit")
        .iter()
        .filter(|(e, _, _)| e.action == binome::domain::audit::ActionAudit::EchecConnexion)
        .count();
    assert_eq!(echecs, 5);
    // Un identifiant inconnu reçoit le même refus.
    assert_eq!(
        refus(acces::connecter(&espace(d), "personne", "x")),
        ErreurAcces::Refusee
    );
}

#[test]
fn un_mot_de_passe_faible_est_refuse_a_la_creation() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = refus(acces::installer(
        &espace(dir.path()),
        "a.martin",
        "court",
        "court",
    ));
    assert!(e.to_string().contains("au moins 12 caractères"), "{e}");
    let e = refus(acces::installer(
        &espace(dir.path()),
        "a.martin",
        "Bonjour-Binome-42",
        "Bonjour-Binome-43",
    ));
    assert_eq!(e, ErreurAcces::Confirmation);
    assert!(
        !dir.path().join(FICHIER_TROUSSEAU).exists(),
        "rien n'est créé"
    );
}

#[test]
fn chacun_ne_voit_que_ses_dossiers_a_l_ecran_et_en_ligne_de_commande() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let conseiller = session_de(d, "conseiller", "23/11/2026");
    let referent = session_de(d, "referent", "23/11/2026");
    let moi = conseiller.utilisateur().expect("professionnel").id;
    let miens = conseiller.portefeuille();
    assert!(!miens.is_empty());
    assert!(miens
        .iter()
        .all(|r| r.conseiller_id == Some(moi) || r.referent_id == Some(moi)));
    // Un dossier d'un autre : nulle part.
    let tous = crate::commun::base(d).portefeuille().expect("base");
    let autre = tous
        .iter()
        .find(|r| r.conseiller_id != Some(moi) && r.referent_id != Some(moi))
        .expect("un dossier d'un autre");
    assert!(!miens.iter().any(|r| r.id == autre.id));
    assert!(!conseiller.a_faire().iter().any(|(r, _)| r.id == autre.id));
    assert!(matches!(
        conseiller.dossier(autre.id),
        Err(ErreurStore::NonConfie(_))
    ));
    assert!(conseiller.journal(autre.id).is_err());
    let id = autre.id.to_string();
    let sorties = tempfile::tempdir().expect("sorties");
    let pdf = sorties.path().join("x.pdf");
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "pdf",
            "carnet",
            "--dossier",
            &id,
            "--out",
            pdf.to_str().expect("chemin"),
        ],
    );
    refuse(&o, "n'est pas parmi ceux qui vous sont confiés");
    assert!(!pdf.exists());
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["dossier", "afficher", &id],
    );
    assert!(!o.status.success());
    assert!(!texte(&o.stdout).contains(autre.nom.as_str()));
    // Le référent voit les siens, dont ceux qu'il partage avec le conseiller.
    let ref_id = referent.utilisateur().expect("référent").id;
    assert!(referent
        .portefeuille()
        .iter()
        .all(|r| r.referent_id == Some(ref_id) || r.conseiller_id == Some(ref_id)));
    assert!(referent
        .portefeuille()
        .iter()
        .any(|r| r.conseiller_id == Some(moi)));
}

#[test]
fn l_administrateur_gere_les_comptes_sans_lire_les_dossiers() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let admin = session_de(d, "admin", "23/11/2026");
    assert!(admin.compte().administrateur);
    assert!(
        admin.portefeuille().is_empty(),
        "aucun dossier pour l'administrateur"
    );
    let un = crate::commun::base(d).portefeuille().expect("base")[0].clone();
    assert!(matches!(
        admin.dossier(un.id),
        Err(ErreurStore::NonConfie(_))
    ));
    let o = binome_en(
        d,
        "admin",
        MOT_DE_PASSE_DEMO,
        &["dossier", "afficher", &un.id.to_string()],
    );
    assert!(!o.status.success());
    // Il liste les comptes ; un professionnel ne le peut pas.
    let o = binome_en(d, "admin", MOT_DE_PASSE_DEMO, &["comptes", "lister"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    for c in ["admin", "conseiller", "referent", "ressources"] {
        assert!(texte(&o.stdout).contains(c), "{}", texte(&o.stdout));
    }
    let o = binome_en(d, "conseiller", MOT_DE_PASSE_DEMO, &["comptes", "lister"]);
    refuse(&o, "réservée aux administrateurs");
    // Désactivé, un compte ne se connecte plus ; réactivé, avec son nouveau mot de passe.
    let o = binome_en(
        d,
        "admin",
        MOT_DE_PASSE_DEMO,
        &["comptes", "desactiver", "--identifiant", "referent"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert_eq!(
        refus(acces::connecter(&espace(d), "referent", MOT_DE_PASSE_DEMO)),
        ErreurAcces::Refusee
    );
    let a = acces::connecter(&espace(d), "admin", MOT_DE_PASSE_DEMO).expect("admin");
    let mut store = binome::store::Store::ouvrir(d, &a.cle).expect("base");
    Comptes {
        espace: &espace(d),
        acces: &a,
    }
    .activer(&mut store, "referent", true, Some("Nouveau-Secret-2027"))
    .expect("réactivation");
    assert!(acces::connecter(&espace(d), "referent", "Nouveau-Secret-2027").is_ok());
    // Le profil de gestionnaire des ressources : par un administrateur seulement.
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["ressources", "habiliter", "--help"],
    );
    assert!(o.status.success());
}

#[test]
fn un_nouveau_mot_de_passe_reenveloppe_la_cle_sans_rechiffrer() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let avant = std::fs::metadata(d.join(FICHIER_BASE)).expect("base").len();
    let a = acces::connecter(&espace(d), "conseiller", MOT_DE_PASSE_DEMO).expect("connexion");
    let mut store = binome::store::Store::ouvrir(d, &a.cle).expect("base");
    Comptes {
        espace: &espace(d),
        acces: &a,
    }
    .changer_mot_de_passe(&mut store, "conseiller", "Autre-Secret-2027")
    .expect("changement");
    assert_eq!(
        refus(acces::connecter(
            &espace(d),
            "conseiller",
            MOT_DE_PASSE_DEMO
        )),
        ErreurAcces::Refusee
    );
    let b = acces::connecter(&espace(d), "conseiller", "Autre-Secret-2027").expect("nouveau");
    assert!(binome::store::Store::ouvrir(d, &b.cle).is_ok());
    assert!(std::fs::metadata(d.join(FICHIER_BASE)).expect("base").len() >= avant);
    // Un professionnel ne change pas le mot de passe d'un autre.
    let e = Comptes {
        espace: &espace(d),
        acces: &b,
    }
    .changer_mot_de_passe(&mut store, "referent", "Autre-Secret-2027")
    .expect_err("refus");
    assert!(matches!(
        e,
        ErreurService::Acces(ErreurAcces::ReserveeAdministrateur)
    ));
}

#[test]
fn le_code_de_secours_rouvre_le_poste() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let (_, code) = acces::installer(&espace(d), "chef", "Bonjour-Binome-42", "Bonjour-Binome-42")
        .expect("premier compte");
    assert_eq!(code.len(), 29, "{code}");
    assert_eq!(
        refus(acces::secourir(
            &espace(d),
            "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF",
            "chef",
            "Rouvert-Enfin-2027"
        )),
        ErreurAcces::SecoursRefuse
    );
    // Saisi en minuscules et sans tirets, il vaut encore.
    let saisi = code.replace('-', " ").to_lowercase();
    let a = acces::secourir(&espace(d), &saisi, "chef", "Rouvert-Enfin-2027").expect("secours");
    assert!(a.compte.administrateur);
    assert!(acces::connecter(&espace(d), "chef", "Rouvert-Enfin-2027").is_ok());
    assert!(acces::connecter(&espace(d), "chef", "Bonjour-Binome-42").is_err());
}

#[test]
fn cles_perdues_ou_abimees_donnent_un_message_clair_et_rien_n_est_ecrase() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let base = std::fs::read(d.join(FICHIER_BASE)).expect("base");
    // Le trousseau d'une autre base.
    let autre = tempfile::tempdir().expect("autre");
    demo(autre.path());
    std::fs::copy(
        autre.path().join(FICHIER_TROUSSEAU),
        d.join(FICHIER_TROUSSEAU),
    )
    .expect("copie");
    let e = acces::connecter(&espace(d), "conseiller", MOT_DE_PASSE_DEMO).expect_err("refus");
    assert!(e.to_string().contains("ne s'ouvre pas avec la clé"), "{e}");
    // Un trousseau abîmé.
    std::fs::write(d.join(FICHIER_TROUSSEAU), b"{ pas du json").expect("abîmer");
    let e = acces::connecter(&espace(d), "conseiller", MOT_DE_PASSE_DEMO).expect_err("refus");
    assert!(e.to_string().contains("illisible ou endommagé"), "{e}");
    // Une base copiée sans son trousseau : ni connexion, ni premier compte par-dessus.
    std::fs::remove_file(d.join(FICHIER_TROUSSEAU)).expect("retrait");
    let o = binome_en(d, "conseiller", MOT_DE_PASSE_DEMO, &["check"]);
    assert!(
        texte(&o.stderr).contains("sans son fichier de clés"),
        "{}",
        texte(&o.stderr)
    );
    let e = acces::installer(&espace(d), "x.y", "Bonjour-Binome-42", "Bonjour-Binome-42")
        .expect_err("refus");
    assert!(e.to_string().contains("sans son fichier de clés"), "{e}");
    assert_eq!(
        std::fs::read(d.join(FICHIER_BASE)).expect("base"),
        base,
        "base intacte"
    );
    assert!(!d.join(FICHIER_TROUSSEAU).exists());
}

#[test]
fn une_base_en_clair_d_avant_est_chiffree_au_premier_compte() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    {
        let c = rusqlite::Connection::open(d.join(FICHIER_BASE)).expect("sqlite");
        c.execute_batch(
            "CREATE TABLE migrations (version INTEGER PRIMARY KEY, nom TEXT NOT NULL, somme TEXT NOT NULL, appliquee_le TEXT NOT NULL);",
        )
        .expect("schéma d'avant");
    }
    assert!(binome::store::est_en_clair(&d.join(FICHIER_BASE)));
    acces::installer(
        &espace(d),
        "a.martin",
        "Bonjour-Binome-42",
        "Bonjour-Binome-42",
    )
    .expect("premier compte");
    assert!(!binome::store::est_en_clair(&d.join(FICHIER_BASE)));
    let a = acces::connecter(&espace(d), "a.martin", "Bonjour-Binome-42").expect("connexion");
    let s = binome::store::Store::ouvrir(d, &a.cle).expect("base");
    assert!(s.verifier().expect("vérification").est_saine());
}

#[test]
fn une_delegation_vaut_de_son_premier_a_son_dernier_jour() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let referent = session_de(d, "referent", "23/11/2026");
    let conseiller = session_de(d, "conseiller", "23/11/2026");
    let nom_ref = referent.utilisateur().expect("référent").nom_affiche();
    let moi = conseiller.utilisateur().expect("conseiller").id;
    let ref_id = referent.utilisateur().expect("référent").id;
    let siens: Vec<_> = conseiller
        .portefeuille()
        .iter()
        .filter(|r| r.referent_id != Some(ref_id))
        .map(|r| r.id)
        .collect();
    assert!(!siens.is_empty());
    assert!(!referent.portefeuille().iter().any(|r| r.id == siens[0]));
    // Le conseiller confie son portefeuille au référent du 01/12 au 15/12/2026.
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "delegations",
            "accorder",
            "--a",
            &nom_ref,
            "--du",
            "2026-12-01",
            "--au",
            "2026-12-15",
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let voit = |jour: &str| {
        session_de(d, "referent", jour)
            .portefeuille()
            .iter()
            .any(|r| r.id == siens[0])
    };
    assert!(!voit("30/11/2026"));
    assert!(voit("01/12/2026"));
    assert!(voit("15/12/2026"));
    assert!(!voit("16/12/2026"));
    let s = session_de(d, "referent", "02/12/2026");
    assert!(s.est_delegue(siens[0]) && s.nombre_delegues() > 0);
    assert!(s.dossier(siens[0]).is_ok());
    // Un tiers ne peut pas déléguer les dossiers du conseiller.
    let o = binome_en(
        d,
        "ressources",
        MOT_DE_PASSE_DEMO,
        &[
            "delegations",
            "accorder",
            "--titulaire",
            &moi.to_string(),
            "--a",
            &nom_ref,
            "--du",
            "2026-12-01",
            "--au",
            "2026-12-02",
        ],
    );
    refuse(&o, "Seul le titulaire");
    // Des dates à l'envers sont refusées.
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "delegations",
            "accorder",
            "--a",
            &nom_ref,
            "--du",
            "2026-12-15",
            "--au",
            "2026-12-01",
        ],
    );
    refuse(&o, "avant de commencer");
}

#[test]
fn la_ligne_de_commande_exige_une_connexion() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let o = binome_en(d, "conseiller", "mauvais", &["check"]);
    refuse(&o, "Identifiant ou mot de passe incorrect");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_binome"))
        .arg("--data-dir")
        .arg(d)
        .arg("check")
        .env_remove("BINOME_UTILISATEUR")
        .env_remove("BINOME_MOT_DE_PASSE")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("binome");
    refuse(&o, "BINOME_UTILISATEUR");
}

#[test]
fn les_notes_privees_du_referent_ne_vont_jamais_au_conseiller() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let referent = session_de(d, "referent", "23/11/2026");
    let conseiller = session_de(d, "conseiller", "23/11/2026");
    let ref_id = referent.utilisateur().expect("référent").id;
    // Un dossier qu'ils suivent ensemble.
    let commun = conseiller
        .portefeuille()
        .iter()
        .find(|r| r.referent_id == Some(ref_id))
        .cloned()
        .expect("un dossier du binôme");
    let secret = "Violences conjugales évoquées, ne pas en parler au conjoint";
    assert!(matches!(
        referent.ajouter_note_privee(commun.id, "   "),
        Err(ErreurService::NoteInvalide(_))
    ));
    referent
        .ajouter_note_privee(commun.id, secret)
        .expect("note du référent");
    assert_eq!(
        referent.notes_privees(commun.id).expect("notes")[0].texte,
        secret
    );
    // Le conseiller : ni lire, ni écrire.
    assert!(conseiller
        .notes_privees(commun.id)
        .expect("notes")
        .is_empty());
    assert!(matches!(
        conseiller.ajouter_note_privee(commun.id, "essai"),
        Err(ErreurService::NotesReserveesAuReferent)
    ));
    // Ni sa chronologie, ni ses documents, ni ceux du référent ne la contiennent.
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["dossier", "afficher", &commun.id.to_string()],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(!texte(&o.stdout).contains("Violences"));
    let sorties = tempfile::tempdir().expect("sorties");
    for (compte, document) in [
        ("conseiller", "carnet"),
        ("conseiller", "contrat"),
        ("referent", "carnet"),
    ] {
        let pdf = sorties.path().join(format!("{compte}-{document}.pdf"));
        let o = binome_en(
            d,
            compte,
            MOT_DE_PASSE_DEMO,
            &[
                "pdf",
                document,
                "--dossier",
                &commun.id.to_string(),
                "--out",
                pdf.to_str().expect("chemin"),
            ],
        );
        if o.status.success() {
            let t = crate::pdf::mots(&std::fs::read(&pdf).expect("pdf"));
            assert!(!t.contains("Violences"), "{compte} {document}");
        }
    }
    // Les indicateurs exportés non plus.
    let csv = sorties.path().join("i.csv");
    let o = binome_en(
        d,
        "referent",
        MOT_DE_PASSE_DEMO,
        &[
            "indicateurs",
            "--format",
            "csv",
            "--out",
            csv.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(!std::fs::read_to_string(&csv)
        .expect("csv")
        .contains("Violences"));
}

#[test]
fn une_decision_conjointe_dit_qui_a_donne_chaque_accord() {
    use binome::domain::dossier::{Accord, Attestation, Commande, Etape, Evenement, MotifSortie};
    use binome::services::accords::AccordPartenaire;
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let mut conseiller = session_de(d, "conseiller", "23/11/2026");
    let referent = session_de(d, "referent", "23/11/2026");
    let ref_id = referent.utilisateur().expect("référent").id;
    let r = conseiller
        .portefeuille()
        .iter()
        .find(|r| r.referent_id == Some(ref_id) && r.etape == Etape::Accompagnement)
        .cloned()
        .expect("un accompagnement du binôme");
    let cloturer = Commande::Cloturer {
        date: j("23/11/2026"),
        motif: MotifSortie::Autre("Déménagement hors du département".into()),
        accord: Accord::CONJOINT,
        commentaire: String::new(),
    };
    let avant = conseiller.journal(r.id).expect("journal").len();
    // Sans dire comment le référent a donné son accord : refusé.
    let e = conseiller.executer(r.id, &cloturer).expect_err("refus");
    assert!(e.to_string().contains("doit dire qui l'a donné"), "{e}");
    // Une co-signature au mot de passe faux, ou d'un autre que le partenaire : refusée.
    let cosigner = |ident: &str, mdp: &str| AccordPartenaire::CoSignature {
        identifiant: ident.into(),
        mot_de_passe: mdp.into(),
    };
    let e = conseiller
        .executer_conjoint(
            r.id,
            &cloturer,
            Some(&cosigner("referent", "Mauvais-Secret-2026")),
        )
        .expect_err("mot de passe faux");
    assert!(
        matches!(e, ErreurService::Acces(ErreurAcces::Refusee)),
        "{e}"
    );
    let e = conseiller
        .executer_conjoint(
            r.id,
            &cloturer,
            Some(&cosigner("ressources", MOT_DE_PASSE_DEMO)),
        )
        .expect_err("pas le partenaire");
    assert!(
        e.to_string()
            .contains("n'est pas celui du référent social du dossier"),
        "{e}"
    );
    // Un accord hors Binôme daté de demain : refusé.
    let e = conseiller
        .executer_conjoint(
            r.id,
            &cloturer,
            Some(&AccordPartenaire::HorsBinome {
                le: j("24/11/2026"),
                moyen: "courriel".into(),
            }),
        )
        .expect_err("date à venir");
    assert!(e.to_string().contains("hors Binôme doit dire quand"), "{e}");
    assert_eq!(
        conseiller.journal(r.id).expect("journal").len(),
        avant,
        "rien d'écrit"
    );
    // La co-signature du référent du dossier, sur ce poste.
    conseiller
        .executer_conjoint(
            r.id,
            &cloturer,
            Some(&cosigner("referent", MOT_DE_PASSE_DEMO)),
        )
        .expect("clôture co-signée");
    let journal = conseiller.journal(r.id).expect("journal");
    let Evenement::AccordsAttribues(a) = &journal.last().expect("entrée").evenement else {
        panic!("les accords attribués suivent la décision");
    };
    assert!(
        matches!(&a.conseiller, Attestation::Connecte { professionnel, .. }
        if Some(*professionnel) == conseiller.utilisateur().map(|u| u.id))
    );
    assert!(
        matches!(&a.referent, Attestation::CoSignature { professionnel, .. } if *professionnel == ref_id)
    );
    assert!(journal
        .last()
        .expect("entrée")
        .evenement
        .description()
        .contains("co-signature sur ce poste, mot de passe vérifié"));
    // La fiche de sortie le dit aussi.
    let sorties = tempfile::tempdir().expect("sorties");
    let pdf = sorties.path().join("sortie.pdf");
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "pdf",
            "sortie",
            "--dossier",
            &r.id.to_string(),
            "--out",
            pdf.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let t = crate::pdf::mots(&std::fs::read(&pdf).expect("pdf"));
    assert!(t.contains("Accord du référent social"), "{t}");
    assert!(t.contains("co-signature sur ce poste"), "{t}");
}

#[test]
fn a_faire_ne_donne_pas_au_conseiller_le_titre_d_une_action_non_partagee() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let o = binome(
        d,
        &["demo", "--dossiers", "200", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let conseiller = session_de(d, "conseiller", "23/11/2026");
    let freins = binome::domain::freins::Freins::embarque();
    let mut caches = 0;
    let base = crate::commun::base(d);
    for r in conseiller.portefeuille() {
        let (Some((numero, echeance)), Some(titre)) =
            (r.prochaine_action, &r.prochaine_action_titre)
        else {
            continue;
        };
        // Seule une action échue a son titre dans À faire.
        if echeance >= j("23/11/2026") {
            assert_eq!(conseiller.titre_action(r), None);
            continue;
        }
        let dossier = base.dossier(r.id).expect("lecture").expect("dossier");
        let a = dossier
            .actions
            .iter()
            .find(|a| a.numero == numero)
            .expect("action");
        if dossier.action_cachee_au_conseiller(a, &freins) {
            caches += 1;
            assert_eq!(
                conseiller.titre_action(r),
                Some(binome::domain::dossier::ACTION_NON_PARTAGEE),
                "« {titre} » montré au conseiller"
            );
        } else {
            assert_eq!(conseiller.titre_action(r), Some(titre.as_str()));
        }
    }
    assert!(
        caches > 0,
        "la démonstration a des actions hors du consentement"
    );
}

/// À l'ouverture de la session, le portefeuille se lit pendant que le référentiel des
/// structures l'est sur un autre fil : un fichier des structures illisible est dit, sans
/// panique ni attente, et la session s'ouvre quand il est retiré.
#[test]
fn une_session_sur_des_structures_illisibles_le_dit() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    std::fs::write(d.join("structures.json"), "{ pas du JSON").expect("structures");
    let a = acces::connecter(&espace(d), "conseiller", MOT_DE_PASSE_DEMO).expect("connexion");
    let Err(e) = Session::ouvrir(espace(d), a, j("23/11/2026")) else {
        panic!("structures illisibles acceptées");
    };
    assert!(e.to_string().contains("structures"), "{e}");
    std::fs::remove_file(d.join("structures.json")).expect("retrait");
    let s = session_de(d, "conseiller", "23/11/2026");
    assert!(!s.portefeuille().is_empty());
}
