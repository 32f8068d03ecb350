//! La cotraitance dans l'application : la démonstration, les rôles (Pôle emploi affecte et
//! décide, la mission locale accepte et suit, un référent social n'y a pas accès), les
//! doubles accompagnements vus par la base, les documents, les chiffres, la vérification
//! et la reconstruction depuis le journal.

use binome::domain::cotraitance::{
    Commande, Critere, Etat, Jeune, MotifAlerte, MotifSortie, ParcoursPoleEmploi, RefusCotraitance,
    SuiviExistant,
};
use binome::domain::date::Jour;
use binome::services::acces;
use binome::services::cotraitance::{self as service, Chiffres, DocumentCotraitance};
use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;
use binome::services::espace::Espace;
use binome::services::indicateurs::FormatExport;
use binome::services::{ErreurService, ErreurStore, Poste};

use crate::commun::{binome_en, j};

fn demo(d: &std::path::Path) {
    let o = crate::commun::binome(
        d,
        &["demo", "--dossiers", "40", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn poste(d: &std::path::Path, compte: &str, le: Jour) -> Poste {
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    let a = acces::connecter(&espace, compte, MOT_DE_PASSE_DEMO).expect("connexion");
    Poste::ouvrir(&espace, a, le).expect("poste")
}

fn affecter(identifiant: &str, date: &str) -> Commande {
    Commande::Affecter {
        jeune: Jeune {
            nom: "Fictif".into(),
            prenom: "Léo".into(),
            identifiant_ft: identifiant.into(),
            naissance: j("01/02/2004"),
            commune: "13201".into(),
        },
        mission_locale: "ML-MARSEILLE".into(),
        criteres: vec![Critere::ProjetMalDefini, Critere::SansRepereNiReseau],
        parcours: ParcoursPoleEmploi::Accompagnement,
        suivi: SuiviExistant::Aucun,
        confirme: false,
        date: j(date),
    }
}

fn refus(e: ErreurService) -> RefusCotraitance {
    match e {
        ErreurService::Store(ErreurStore::Cotraitance(r)) => r,
        autre => panic!("refus de l'accord-cadre attendu, pas : {autre}"),
    }
}

#[test]
fn la_demonstration_a_des_jeunes_a_chaque_etat_et_la_base_se_verifie() {
    let d = tempfile::tempdir().expect("dossier");
    demo(d.path());
    let ml = poste(d.path(), "mission-locale", j("23/11/2026"));
    let lignes = service::lignes(&ml).expect("liste");
    assert!(lignes.len() >= 15, "{} jeunes", lignes.len());
    let etats: Vec<String> = lignes.iter().map(|l| l.etat.libelle()).collect();
    for attendu in [
        Etat::Affecte,
        Etat::Accepte,
        Etat::Actif,
        Etat::Alerte,
        Etat::Suspension { alerte: false },
        Etat::Annule,
        Etat::Sorti(MotifSortie::VingtSixAns),
        Etat::Sorti(MotifSortie::RetourEmploi),
        Etat::Sorti(MotifSortie::RetourSuiviMensuel),
        Etat::Sorti(MotifSortie::SuspensionSixMois),
        Etat::Sorti(MotifSortie::Demenagement),
        Etat::Sorti(MotifSortie::UnAnApresAffectation),
        Etat::Sorti(MotifSortie::FinAnticipee),
        Etat::Sorti(MotifSortie::Reorientation {
            partenaire: "Cap emploi".into(),
        }),
    ] {
        assert!(
            etats.contains(&attendu.libelle()),
            "{} absent : {etats:?}",
            attendu.libelle()
        );
    }
    // Ce qui attend se dit : acceptation et initialisation au-delà du seuil, alerte.
    let a_faire: Vec<String> = lignes
        .iter()
        .flat_map(|l| l.a_faire(j("23/11/2026")))
        .collect();
    for morceau in [
        "Acceptation par la mission locale attendue depuis 20 jours",
        "Initialisation (premier contact) attendue depuis 40 jours",
        "à décider par Pôle emploi",
    ] {
        assert!(
            a_faire.iter().any(|a| a.contains(morceau)),
            "{morceau} : {a_faire:?}"
        );
    }
    // Le conseiller voit les jeunes qu'il a affectés ; un référent social n'en voit aucun.
    let pe = poste(d.path(), "conseiller", j("23/11/2026"));
    assert_eq!(service::lignes(&pe).expect("liste").len(), lignes.len());
    let rs = poste(d.path(), "referent", j("23/11/2026"));
    assert!(service::lignes(&rs).expect("liste").is_empty());
    // L'administrateur du poste ne lit aucun jeune, comme aucun dossier.
    let admin = poste(d.path(), "admin", j("23/11/2026"));
    assert!(service::lignes(&admin).expect("liste").is_empty());
    // Le journal, chaîné, redonne les mêmes projections.
    let mut store = crate::commun::base(d.path());
    let v = store.verifier().expect("vérification");
    assert!(v.est_saine(), "{:?}", v.problemes);
    let avant = store.empreinte_projections().expect("projections");
    assert!(avant.iter().any(|l| l.starts_with("cotraitances|")));
    store.reconstruire().expect("reconstruction");
    assert_eq!(store.empreinte_projections().expect("projections"), avant);
}

#[test]
fn chacun_agit_dans_son_role_et_la_base_refuse_les_doubles_accompagnements() {
    let d = tempfile::tempdir().expect("dossier");
    demo(d.path());
    let le = j("25/11/2026");
    let pe = poste(d.path(), "conseiller", le);
    let ml = poste(d.path(), "mission-locale", le);
    let rs = poste(d.path(), "referent", le);
    // Un référent social du Département n'est pas un acteur de la cotraitance.
    assert!(matches!(
        service::executer(&rs, None, &affecter("2222222A", "24/11/2026")),
        Err(ErreurService::HorsCotraitance)
    ));
    // Un identifiant France Travail mal formé est refusé à la frontière.
    assert!(matches!(
        service::executer(&pe, None, &affecter("22-22", "24/11/2026")),
        Err(ErreurService::Saisie(_))
    ));
    let (id, _) =
        service::executer(&pe, None, &affecter("2222222A", "24/11/2026")).expect("affecté");
    // La mission locale accepte ; le conseiller, non.
    let accepter = Commande::Accepter {
        date: j("25/11/2026"),
    };
    assert!(matches!(
        refus(service::executer(&pe, Some(id), &accepter).expect_err("refus")),
        RefusCotraitance::Acteur { .. }
    ));
    service::executer(&ml, Some(id), &accepter).expect("accepté");
    // Un second jeune au même identifiant : déjà en cotraitance.
    assert!(matches!(
        refus(service::executer(&pe, None, &affecter("2222222A", "25/11/2026")).expect_err("refus")),
        RefusCotraitance::DejaAccompagne(m) if m.contains("Mission locale de Marseille")
    ));
    // Un demandeur d'emploi dont le dossier d'accompagnement global est en cours.
    let store = crate::commun::base(d.path());
    let en_cours = store
        .portefeuille()
        .expect("portefeuille")
        .into_iter()
        .find(|r| r.etape != binome::domain::dossier::Etape::Cloture)
        .expect("un dossier en cours");
    drop(store);
    assert_eq!(
        refus(
            service::executer(&pe, None, &affecter(&en_cours.identifiant_ft, "25/11/2026"))
                .expect_err("refus")
        ),
        RefusCotraitance::AccompagnementGlobalEnCours
    );
    // Une alerte ne se lève que sur un parcours initialisé.
    service::executer(
        &ml,
        Some(id),
        &Commande::Initialiser {
            date: le,
            contact: binome::domain::cotraitance::PremierContact::EntretienCollectif,
        },
    )
    .expect("initialisé");
    // La mission locale lève une alerte ; Pôle emploi seul en décide la sortie.
    service::executer(
        &ml,
        Some(id),
        &Commande::LeverAlerte {
            motif: MotifAlerte::Difficulte,
            detail: "plus de nouvelles".into(),
            date: le,
        },
    )
    .expect("alerte");
    let sortir = Commande::Sortir {
        motif: MotifSortie::RetourEmploi,
        date: le,
    };
    assert!(matches!(
        refus(service::executer(&ml, Some(id), &sortir).expect_err("refus")),
        RefusCotraitance::Acteur { .. }
    ));
    let (ligne, journal) = service::ouvrir(&ml, id).expect("ouvert");
    assert_eq!(ligne.etat, Etat::Alerte);
    assert_eq!(journal.len(), 4, "affecté, accepté, initialisé, alerte");
    let v = crate::commun::base(d.path())
        .verifier()
        .expect("vérification");
    assert!(v.est_saine(), "{:?}", v.problemes);
}

#[test]
fn les_documents_et_les_chiffres_s_ecrivent_et_se_relisent() {
    use calamine::{Data, Reader, Xlsx};
    let d = tempfile::tempdir().expect("dossier");
    let sortie = tempfile::tempdir().expect("sortie");
    demo(d.path());
    let le = j("23/11/2026");
    let pe = poste(d.path(), "conseiller", le);
    let lignes = service::lignes(&pe).expect("liste");
    let alerte = lignes
        .iter()
        .find(|l| l.etat == Etat::Alerte)
        .expect("un jeune en alerte");
    let chemin = service::imprimer(
        &pe,
        alerte.id,
        DocumentCotraitance::Affectation,
        sortie.path(),
        false,
    )
    .expect("document d'affectation");
    let texte = crate::pdf::mots(&std::fs::read(&chemin).expect("PDF"));
    for attendu in [
        "Votre accompagnement par la mission locale",
        alerte.jeune.as_str(),
        "Mission locale",
        "au moins un par mois",
        // Les coordonnées de la mission locale, d'après l'annuaire.
        "Coordonnées",
        "missionlocale.exemple.fr",
    ] {
        assert!(texte.contains(attendu), "{attendu} : {texte}");
    }
    let fiche = service::imprimer(
        &pe,
        alerte.id,
        DocumentCotraitance::Alerte(1),
        sortie.path(),
        false,
    )
    .expect("fiche d'alerte");
    let texte = crate::pdf::mots(&std::fs::read(&fiche).expect("PDF"));
    assert!(
        texte.contains("manquement aux obligations du PPAE"),
        "{texte}"
    );
    assert!(texte.contains("À décider"), "{texte}");
    // Le relevé de ses données (droit d'accès) : identité, chronologie, accès, en PDF et JSON.
    let (pdf, json) = (
        sortie.path().join("releve.pdf"),
        sortie.path().join("releve.json"),
    );
    service::releve(&pe, alerte.id, &pdf, Some(&json), false).expect("relevé");
    let texte = crate::pdf::mots(&std::fs::read(&pdf).expect("PDF"));
    for attendu in [
        alerte.jeune.as_str(),
        alerte.identifiant_ft.as_str(),
        "Affecté à la mission locale",
        "Alerte levée : manquement aux obligations du PPAE",
        "impression",
        "CNIL",
    ] {
        assert!(texte.contains(attendu), "{attendu} : {texte}");
    }
    let donnees: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("JSON")).expect("JSON lisible");
    assert_eq!(
        donnees["cotraitance"]["jeune"]["identifiant_ft"],
        serde_json::Value::from(alerte.identifiant_ft.clone())
    );
    // Une alerte qui n'existe pas.
    assert!(service::imprimer(
        &pe,
        alerte.id,
        DocumentCotraitance::Alerte(9),
        sortie.path(),
        false
    )
    .is_err());
    // Les indicateurs de l'année, en CSV et en XLSX : les mêmes chiffres.
    let annee = Chiffres::Indicateurs { annee: 2026 };
    let csv = sortie.path().join("cotraitance.csv");
    service::exporter(&pe, &annee, FormatExport::Csv, &csv, false).expect("CSV");
    let csv = String::from_utf8(std::fs::read(&csv).expect("CSV")).expect("UTF-8");
    let attendu = service::indicateurs_de(&pe, 2026).expect("indicateurs");
    assert!(
        csv.contains(&format!(
            "DE1;jeunes en cotraitance;{}",
            attendu.de1_en_cotraitance
        )),
        "{csv}"
    );
    let xlsx = sortie.path().join("cotraitance.xlsx");
    service::exporter(&pe, &annee, FormatExport::Xlsx, &xlsx, false).expect("XLSX");
    let mut classeur: Xlsx<_> = calamine::open_workbook(&xlsx).expect("classeur");
    let feuille = classeur.worksheet_range("Cotraitance").expect("feuille");
    let de1 = feuille
        .rows()
        .find(|l| l.first() == Some(&Data::String("DE1".into())))
        .expect("ligne DE1");
    assert_eq!(
        de1.get(2),
        Some(&Data::Float(attendu.de1_en_cotraitance as f64))
    );
    let pdf = sortie.path().join("cotraitance.pdf");
    service::exporter(&pe, &annee, FormatExport::Pdf, &pdf, false).expect("PDF");
    assert!(crate::pdf::mots(&std::fs::read(&pdf).expect("PDF")).contains("DE4"));
    // Sans objectif saisi, le compte rendu d'activité dit quoi faire.
    let activite = Chiffres::Activite {
        mission_locale: "ML-MARSEILLE".into(),
        annee: 2026,
    };
    let e = service::exporter(
        &pe,
        &activite,
        FormatExport::Csv,
        &sortie.path().join("activite.csv"),
        false,
    )
    .expect_err("sans objectif");
    assert!(e.to_string().contains("Aucun objectif 2026"), "{e}");
}

#[test]
fn la_ligne_de_commande_conduit_un_jeune_et_refuse_sans_rien_changer() {
    let d = tempfile::tempdir().expect("dossier");
    demo(d.path());
    let en = |compte: &str, args: &[&str]| {
        let o = binome_en(d.path(), compte, MOT_DE_PASSE_DEMO, args);
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let avant = crate::commun::base(d.path())
        .nombre_evenements()
        .expect("journal");
    // Né le 01/02/2000 : 26 ans le 01/02/2026, trop âgé pour une affectation en 2026.
    let (ok, _, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "affecter",
            "--nom",
            "Essai",
            "--prenom",
            "Léa",
            "--identifiant",
            "3333333C",
            "--naissance",
            "01/02/2000",
            "--commune",
            "13201",
            "--criteres",
            "projet",
            "--date",
            "01/11/2026",
        ],
    );
    assert!(!ok);
    assert!(err.contains("26 ans le 01/02/2026"), "{err}");
    assert_eq!(
        crate::commun::base(d.path())
            .nombre_evenements()
            .expect("journal"),
        avant,
        "un refus n'écrit rien"
    );
    let (ok, out, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "affecter",
            "--nom",
            "Essai",
            "--prenom",
            "Léa",
            "--identifiant",
            "3333333C",
            "--naissance",
            "01/02/2004",
            "--commune",
            "13201",
            "--criteres",
            "projet,qualification",
            "--date",
            "01/11/2026",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("Affecté"), "{out}");
    let (ok, _, err) = en(
        "mission-locale",
        &[
            "cotraitance",
            "initialiser",
            "3333333C",
            "--contact",
            "atelier",
            "--date",
            "05/11/2026",
        ],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "inscription",
            "3333333C",
            "--statut",
            "radie",
            "--date",
            "10/11/2026",
        ],
    );
    assert!(ok, "{err}");
    let (ok, out, err) = en("mission-locale", &["cotraitance", "afficher", "3333333C"]);
    assert!(ok, "{err}");
    // Initialisé avant l'acceptation, puis radié : la cotraitance est suspendue.
    assert!(out.contains("suspension de la cotraitance"), "{out}");
    assert!(out.contains("Parcours initialisé : atelier"), "{out}");
    let (ok, out, _) = en(
        "conseiller",
        &[
            "cotraitance",
            "objectif",
            "--mission-locale",
            "ML-MARSEILLE",
            "--annee",
            "2026",
            "--jeunes",
            "10",
            "--subvention",
            "50000",
        ],
    );
    assert!(ok, "{out}");
    let csv = tempfile::tempdir().expect("sortie");
    let fichier = csv.path().join("activite.csv");
    let (ok, _, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "activite",
            "--mission-locale",
            "ML-MARSEILLE",
            "--annee",
            "2026",
            "--out",
            fichier.to_str().expect("chemin"),
        ],
    );
    assert!(ok, "{err}");
    let texte = std::fs::read_to_string(&fichier).expect("CSV");
    assert!(texte.contains("Objectif;jeunes;10"), "{texte}");
    assert!(texte.contains("Subvention;prévue (€);50000,00"), "{texte}");
    // Un critère régional réglé ouvre l'affectation ; un critère inconnu est refusé.
    let (ok, out, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "regles",
            "--seuil-acceptation",
            "10",
            "--criteres-regionaux",
            "RUPTURE-SCOLAIRE",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("Seuil d'acceptation : 10 jours"), "{out}");
    assert!(
        out.contains("Critères régionaux : RUPTURE-SCOLAIRE"),
        "{out}"
    );
    let affecter = |identifiant: &str, critere: &str| {
        en(
            "conseiller",
            &[
                "cotraitance",
                "affecter",
                "--nom",
                "Essai",
                "--prenom",
                "Noé",
                "--identifiant",
                identifiant,
                "--naissance",
                "03/03/2005",
                "--commune",
                "13201",
                "--criteres",
                critere,
                "--date",
                "02/11/2026",
            ],
        )
    };
    let (ok, _, err) = affecter("6666666F", "region:RUPTURE-SCOLAIRE");
    assert!(ok, "{err}");
    let (ok, _, err) = affecter("7777777G", "region:INCONNU");
    assert!(!ok);
    assert!(
        err.contains("« INCONNU » n'est pas dans les règles"),
        "{err}"
    );
    // DE2 et DE3, hors de Binôme, se saisissent ; l'export les reprend.
    let (ok, _, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "saisir",
            "--annee",
            "2026",
            "--de2",
            "120",
            "--de3",
            "80",
        ],
    );
    assert!(ok, "{err}");
    let indicateurs = csv.path().join("indicateurs.csv");
    let (ok, _, err) = en(
        "conseiller",
        &[
            "cotraitance",
            "indicateurs",
            "--annee",
            "2026",
            "--out",
            indicateurs.to_str().expect("chemin"),
        ],
    );
    assert!(ok, "{err}");
    let texte = std::fs::read_to_string(&indicateurs).expect("CSV");
    assert!(
        texte.contains("DE2;jeunes de la mission locale (saisi : hors de Binôme);120"),
        "{texte}"
    );
    assert!(texte.contains(";80\r\n"), "{texte}");
    // « check » compte les jeunes : les quinze de la démonstration et les deux affectés ici.
    let (ok, out, err) = en("admin", &["check"]);
    assert!(ok, "{err}");
    assert!(out.contains("Jeunes en cotraitance : 17"), "{out}");
}

#[test]
fn les_jeunes_sortis_s_effacent_a_la_fin_de_la_conservation() {
    let d = tempfile::tempdir().expect("dossier");
    let sortie = tempfile::tempdir().expect("sortie");
    demo(d.path());
    // Un document imprimé pour un jeune sorti : retenu, il partira avec lui.
    let pe = poste(d.path(), "conseiller", j("23/11/2026"));
    let sortis: Vec<_> = service::lignes(&pe)
        .expect("liste")
        .into_iter()
        .filter(|l| !l.etat.en_cours())
        .collect();
    assert!(sortis.len() >= 4, "sortis et annulés de la démonstration");
    let imprime = service::imprimer(
        &pe,
        sortis[0].id,
        DocumentCotraitance::Affectation,
        sortie.path(),
        false,
    )
    .expect("imprimé");
    let retenu = |store: &binome::store::Store| {
        store
            .sortie(
                &std::fs::canonicalize(&imprime)
                    .expect("chemin")
                    .display()
                    .to_string(),
            )
            .expect("lu")
    };
    assert!(
        retenu(&crate::commun::base(d.path())).is_some(),
        "le document est retenu"
    );
    // Deux ans après : l'aperçu de l'administrateur les compte, sans les nommer ; la purge
    // les retire, les jeunes en cours restent.
    let admin = poste(d.path(), "admin", j("01/06/2029"));
    let a = binome::services::effacement::apercu(&admin).expect("aperçu");
    let ids: Vec<_> = sortis.iter().map(|l| l.id).collect();
    for id in &ids {
        assert!(a.dossiers.iter().any(|x| x.id == *id), "{id} à effacer");
    }
    binome::services::effacement::purger(
        &admin,
        &a.dossiers.iter().map(|x| x.id).collect::<Vec<_>>(),
    )
    .expect("purge");
    let store = crate::commun::base(d.path());
    let restants = store.cotraitances().expect("jeunes");
    assert!(restants.iter().all(|c| !ids.contains(&c.id)));
    assert!(!restants.is_empty(), "les jeunes en cours restent");
    for id in &ids {
        assert!(store.journal_cotraitance(*id).expect("journal").is_empty());
    }
    assert!(
        retenu(&store).is_none(),
        "le document retenu (son chemin nomme le jeune) part"
    );
    let v = store.verifier().expect("vérification");
    assert!(v.est_saine(), "{:?}", v.problemes);
}

#[test]
fn un_jeune_sorti_s_efface_a_sa_demande_avec_une_attestation() {
    use binome::services::effacement::{effacer_a_la_demande, Demande};
    let d = tempfile::tempdir().expect("dossier");
    let sortie = tempfile::tempdir().expect("sortie");
    demo(d.path());
    let espace = Espace {
        dossier: d.path().to_path_buf(),
    };
    let pe = poste(d.path(), "conseiller", j("23/11/2026"));
    let lignes = service::lignes(&pe).expect("liste");
    let en_cours = lignes.iter().find(|l| l.etat.en_cours()).expect("en cours");
    let sorti = lignes.iter().find(|l| !l.etat.en_cours()).expect("sorti");
    let attestation = sortie.path().join("attestation.pdf");
    let demande = |id| Demande {
        dossier: id,
        demande_le: j("20/11/2026"),
        administrateur: "admin",
        mot_de_passe: MOT_DE_PASSE_DEMO,
        attestation: &attestation,
        remplacer: false,
    };
    // En cours : refusé, avec ce qu'il faut faire ; rien n'est écrit.
    let e = effacer_a_la_demande(&espace, &pe, &demande(en_cours.id)).expect_err("en cours");
    assert!(
        e.to_string().contains("Pôle emploi y met fin d'abord"),
        "{e}"
    );
    assert!(!attestation.exists());
    // Sorti : l'attestation d'abord, puis tout ce qui le concerne part.
    let r = effacer_a_la_demande(&espace, &pe, &demande(sorti.id)).expect("effacé");
    assert!(r.evenements > 0);
    let texte = crate::pdf::mots(&std::fs::read(&attestation).expect("attestation"));
    for attendu in [
        "Attestation d'effacement des données personnelles",
        sorti.jeune.as_str(),
        sorti.identifiant_ft.as_str(),
        "cotraitance des jeunes demandeurs d'emploi",
        "à sa demande du 20/11/2026",
        "compte « admin »",
    ] {
        assert!(texte.contains(attendu), "{attendu} : {texte}");
    }
    let store = crate::commun::base(d.path());
    assert!(store.cotraitance(sorti.id).expect("lu").is_none());
    assert!(store.cotraitance(en_cours.id).expect("lu").is_some());
    let v = store.verifier().expect("vérification");
    assert!(v.est_saine(), "{:?}", v.problemes);
}
