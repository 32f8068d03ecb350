//! Ce qu'un utilisateur distrait ou malveillant a pu faire, et qui ne doit plus rien casser
//! ni rien laisser lire : temporaires, droits des fichiers, journal technique impossible.

use crate::commun::*;
use binome::fichiers::{ecrire_atomiquement, nettoyer_temporaires, SUFFIXE_TEMPORAIRE};

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// Un lien posé à l'avance là où l'écriture mettait son temporaire (nom prévisible) ne
/// doit pas faire écraser le fichier qu'il désigne.
#[cfg(unix)]
#[test]
fn l_ecriture_ne_suit_pas_un_lien_pose_a_l_avance() {
    let dir = tempfile::tempdir().expect("tmp");
    let victime = dir.path().join("victime.txt");
    std::fs::write(&victime, b"intact").expect("victime");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("docs");
    // Les noms qu'une écriture prévisible aurait pris.
    for nom in [
        format!(".contrat.pdf.{}.tmp", std::process::id()),
        format!(".contrat.pdf{SUFFIXE_TEMPORAIRE}"),
    ] {
        std::os::unix::fs::symlink(&victime, docs.join(nom)).expect("lien");
    }
    ecrire_atomiquement(&docs.join("contrat.pdf"), b"%PDF-1.7 contenu").expect("écriture");
    assert_eq!(std::fs::read(&victime).expect("victime"), b"intact");
    assert_eq!(
        std::fs::read(docs.join("contrat.pdf")).expect("écrit"),
        b"%PDF-1.7 contenu"
    );
}

/// Après un arrêt brutal, un temporaire complet (données personnelles) reste caché à côté
/// du document : il est retiré au démarrage suivant ; un temporaire récent (un autre
/// Binôme écrit peut-être) et les fichiers de l'utilisateur restent.
#[test]
fn les_temporaires_d_un_arret_brutal_sont_retires() {
    let dir = tempfile::tempdir().expect("tmp");
    let vieux = dir
        .path()
        .join(format!(".contrat.pdf.a1b2c3{SUFFIXE_TEMPORAIRE}"));
    let recent = dir
        .path()
        .join(format!(".carnet.pdf.d4e5f6{SUFFIXE_TEMPORAIRE}"));
    let autre = dir.path().join(".cache-de-l-utilisateur.tmp");
    for f in [&vieux, &recent, &autre] {
        std::fs::write(f, b"Nom Prenom, NIR").expect("temporaire");
    }
    let il_y_a_deux_heures = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&vieux)
        .expect("vieux")
        .set_modified(il_y_a_deux_heures)
        .expect("date");
    assert_eq!(nettoyer_temporaires(dir.path()), 1);
    assert!(!vieux.exists());
    assert!(recent.exists() && autre.exists());
}

/// Au démarrage d'une commande, les temporaires du dossier de données sont retirés.
#[test]
fn une_commande_retire_les_temporaires_du_dossier_de_donnees() {
    let dir = tempfile::tempdir().expect("tmp");
    assert!(binome(dir.path(), &["check"]).status.success());
    let vieux = dir
        .path()
        .join(format!(".binome.sqlite3.x{SUFFIXE_TEMPORAIRE}"));
    std::fs::write(&vieux, b"reste").expect("temporaire");
    std::fs::File::options()
        .write(true)
        .open(&vieux)
        .expect("vieux")
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200))
        .expect("date");
    assert!(binome(dir.path(), &["check"]).status.success());
    assert!(!vieux.exists());
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .expect("métadonnées")
        .permissions()
        .mode()
        & 0o777
}

/// Le dossier de données et ses sous-dossiers ne s'ouvrent qu'à l'utilisateur ; la base,
/// ses journaux SQLite et le journal technique ne se lisent que par lui. Un document
/// écrit hors du dossier de données garde les droits habituels de l'utilisateur.
#[cfg(unix)]
#[test]
fn le_dossier_de_donnees_et_ses_fichiers_sont_prives() {
    let racine = tempfile::tempdir().expect("tmp");
    let donnees = racine.path().join("donnees");
    assert!(binome(&donnees, &["demo", "--dossiers", "3"])
        .status
        .success());
    let documents = racine.path().join("documents");
    let o = binome(
        &donnees,
        &[
            "ressources",
            "export",
            "--out",
            documents.join("ressources.csv").to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert_eq!(mode(&donnees), 0o700);
    assert_eq!(mode(&donnees.join("journaux")), 0o700);
    let mut fichiers = 0;
    for rep in [donnees.clone(), donnees.join("journaux")] {
        for e in std::fs::read_dir(&rep).expect("lecture") {
            let p = e.expect("entrée").path();
            if p.is_file() {
                assert_eq!(mode(&p), 0o600, "{}", p.display());
                fichiers += 1;
            }
        }
    }
    assert!(fichiers >= 2, "la base et le journal technique");
    // Le document exporté : les droits qu'aurait un fichier créé là par l'utilisateur.
    let temoin = documents.join("temoin.txt");
    std::fs::write(&temoin, b"t").expect("témoin");
    assert_eq!(mode(&documents.join("ressources.csv")), mode(&temoin));
}

/// Le journal technique ne peut pas être écrit (à sa place, un dossier) : la commande
/// travaille quand même, avec un avertissement en français, sans paniquer.
#[test]
fn un_journal_technique_impossible_n_arrete_rien() {
    let dir = tempfile::tempdir().expect("tmp");
    let journaux = dir.path().join("journaux");
    let aujourdhui = chrono::Utc::now().date_naive();
    for jour in [
        aujourdhui.pred_opt(),
        Some(aujourdhui),
        aujourdhui.succ_opt(),
    ]
    .into_iter()
    .flatten()
    {
        std::fs::create_dir_all(journaux.join(format!("binome.log.{}", jour.format("%Y-%m-%d"))))
            .expect("obstacle");
    }
    let o = binome(dir.path(), &["check"]);
    let e = texte(&o.stderr);
    assert!(o.status.success(), "code {:?} : {e}", o.status.code());
    assert!(
        e.contains("journal technique ne peut pas être écrit"),
        "{e}"
    );
    assert!(!e.contains("panicked"), "{e}");
}

/// Une sortie (`--out`) ne s'écrit jamais dans le dossier de données : ni sur la base, ni
/// sur ses fichiers de journal, ni ailleurs dedans ; la base reste saine.
#[test]
fn aucune_sortie_ne_s_ecrit_dans_le_dossier_de_donnees() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "4"]).status.success());
    let id = {
        let s = crate::commun::base(d);
        s.portefeuille().expect("portefeuille")[0].id.to_string()
    };
    let ressource = {
        let s = crate::commun::base(d);
        s.ressources(false).expect("ressources")[0].id.to_string()
    };
    let base = d.join(binome::store::FICHIER_BASE);
    let avant = std::fs::read(&base).expect("base");
    let sorties = tempfile::tempdir().expect("sorties");
    let agregat = sorties.path().join("agregat.json");
    assert!(binome(
        d,
        &[
            "indicateurs",
            "--format",
            "agregat",
            "--out",
            agregat.to_str().expect("chemin")
        ]
    )
    .status
    .success());
    let cible = |nom: &str| d.join(nom).display().to_string();
    let detour = d
        .join("journaux")
        .join("..")
        .join(binome::store::FICHIER_BASE);
    let essais: Vec<Vec<String>> = vec![
        vec![
            "pdf".into(),
            "contrat".into(),
            "--dossier".into(),
            id.clone(),
            "--out".into(),
            cible("binome.sqlite3"),
        ],
        vec![
            "pdf".into(),
            "carnet".into(),
            "--dossier".into(),
            id.clone(),
            "--out".into(),
            detour.display().to_string(),
        ],
        vec![
            "pdf".into(),
            "contrat".into(),
            "--all".into(),
            "--out".into(),
            cible("contrats"),
        ],
        vec![
            "ressources".into(),
            "export".into(),
            "--out".into(),
            cible("binome.sqlite3-wal"),
        ],
        vec![
            "ressources".into(),
            "fiche".into(),
            ressource.clone(),
            "--out".into(),
            cible("fiche.pdf"),
        ],
        vec![
            "indicateurs".into(),
            "--out".into(),
            cible("journaux/i.csv"),
        ],
        vec![
            "indicateurs".into(),
            "fusion".into(),
            agregat.display().to_string(),
            "--out".into(),
            cible("binome.sqlite3"),
            "--force".into(),
        ],
    ];
    for args in essais {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = binome(d, &a);
        let e = texte(&o.stderr);
        assert!(!o.status.success(), "{args:?} a réussi");
        assert!(e.contains("dossier de données de Binôme"), "{args:?} : {e}");
    }
    assert!(!d.join("contrats").exists() && !d.join("fiche.pdf").exists());
    assert!(!d.join("journaux").join("i.csv").exists());
    // La base n'a pas été remplacée : toujours la base chiffrée, saine.
    assert!(!std::fs::read(&base)
        .expect("base")
        .starts_with(b"SQLite format 3"));
    assert!(!avant.is_empty() && !avant.starts_with(b"SQLite format 3"));
    assert!(crate::commun::base(d)
        .verifier()
        .expect("vérification")
        .est_saine());
    let o = binome(d, &["check"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
}

/// Un fichier existant n'est jamais remplacé en silence : seul celui que Binôme a écrit
/// pour le même export, inchangé depuis, l'est ; sinon il faut `--force`.
#[test]
fn un_fichier_existant_n_est_remplace_qu_avec_accord() {
    let racine = tempfile::tempdir().expect("tmp");
    let d = racine.path().join("donnees");
    assert!(binome(&d, &["demo", "--dossiers", "3"]).status.success());
    let out = racine.path().join("ressources.csv");
    let out_s = out.to_str().expect("chemin");
    let exporter = |force: bool| {
        let mut a = vec!["ressources", "export", "--out", out_s];
        if force {
            a.push("--force");
        }
        binome(&d, &a)
    };
    // Un fichier de l'utilisateur à cet endroit : refusé, intact.
    std::fs::write(&out, b"mes notes").expect("fichier");
    let o = exporter(false);
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("existe déjà"),
        "{}",
        texte(&o.stderr)
    );
    assert_eq!(std::fs::read(&out).expect("fichier"), b"mes notes");
    // Avec --force : remplacé.
    assert!(exporter(true).status.success());
    // Le même export, relancé sur le fichier que Binôme a écrit : remplacé sans demander.
    let o = exporter(false);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    // Modifié par l'utilisateur depuis : de nouveau refusé.
    let mut contenu = std::fs::read(&out).expect("fichier");
    contenu.extend_from_slice(b"ligne ajoutee\n");
    std::fs::write(&out, &contenu).expect("modification");
    assert!(!exporter(false).status.success());
    assert_eq!(std::fs::read(&out).expect("fichier"), contenu);
    // Un autre export vers ce fichier (les indicateurs) : refusé aussi.
    assert!(exporter(true).status.success());
    let o = binome(&d, &["indicateurs", "--out", out_s]);
    assert!(!o.status.success());
}

/// Un périphérique sans fin ou un tube comme fichier d'import, d'agrégat ou de structures :
/// un refus immédiat et clair, ni attente, ni mémoire qui gonfle.
#[cfg(unix)]
#[test]
fn un_peripherique_ou_un_tube_est_refuse_sans_attendre() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let tube = d.join("tube");
    let fait = std::process::Command::new("mkfifo")
        .arg(&tube)
        .status()
        .expect("mkfifo");
    assert!(fait.success());
    let debut = std::time::Instant::now();
    for f in ["/dev/zero", tube.to_str().expect("chemin")] {
        let o = binome(d, &["ressources", "import", f, "--dry-run"]);
        assert!(!o.status.success());
        assert!(
            texte(&o.stderr).contains("n'est pas un fichier ordinaire"),
            "{}",
            texte(&o.stderr)
        );
        let sortie = d.join("..").join(format!("fusion-{}.json", f.len()));
        let o = binome(
            d,
            &[
                "indicateurs",
                "fusion",
                f,
                "--out",
                sortie.to_str().expect("chemin"),
            ],
        );
        assert!(!o.status.success());
        assert!(texte(&o.stderr).contains("n'est pas un fichier ordinaire"));
    }
    // structures.json local remplacé par un tube : la commande le dit, sans attendre.
    std::fs::rename(&tube, d.join("structures.json")).expect("tube");
    let o = binome(d, &["check"]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("n'est pas un fichier ordinaire"),
        "{}",
        texte(&o.stderr)
    );
    assert!(debut.elapsed() < std::time::Duration::from_secs(30));
}

/// La fiche d'une ressource tient sur une page, même avec une description démesurée.
#[test]
fn la_fiche_d_une_ressource_tient_sur_une_page() {
    let mut r =
        crate::ressources::ressource("Épicerie solidaire", "13001", "difficultes-financieres", "");
    r.description = "Une description interminable. ".repeat(35_000);
    r.public = "adultes ".repeat(2000);
    let octets = binome::documents::fiche_ressource::rediger(
        &r,
        &binome::domain::structures::Referentiel::embarque(),
        &binome::domain::freins::Freins::embarque(),
    )
    .expect("fiche");
    let doc = lopdf::Document::load_mem(&octets).expect("PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let t = doc.extract_text(&[1]).expect("texte");
    assert!(t.contains("texte complet dans Binôme"), "{t}");
}

fn base_sqlite(d: &std::path::Path) -> rusqlite::Connection {
    crate::commun::connexion_brute(d)
}

/// Les déclencheurs retirés, un événement réécrit : `check` voit la chaîne cassée et les
/// déclencheurs absents, et `rebuild` refuse de rendre officiel le contenu modifié.
#[test]
fn un_journal_reecrit_est_detecte_et_rebuild_refuse() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "10"]).status.success());
    assert!(binome(d, &["check"]).status.success());
    let c = base_sqlite(d);
    c.execute_batch(
        "DROP TRIGGER evenements_sans_modification;
         UPDATE evenements SET auteur = 'quelqu''un d''autre'
         WHERE seq = (SELECT min(seq) FROM evenements WHERE type = 'ContactEnregistre');",
    )
    .expect("falsification");
    assert_eq!(c.changes(), 1, "un événement réécrit");
    drop(c);
    let o = binome(d, &["check"]);
    assert!(!o.status.success());
    let sortie = texte(&o.stdout);
    assert!(sortie.contains("journal altéré"), "{sortie}");
    assert!(sortie.contains("evenements_sans_modification"), "{sortie}");
    assert!(
        sortie.contains("Ne lancez pas « binome rebuild »"),
        "{sortie}"
    );
    let o = binome(d, &["rebuild"]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("modifié hors de Binôme"),
        "{}",
        texte(&o.stderr)
    );
}

/// Un dossier entier retiré du journal (déclencheurs supprimés) : `check` le voit.
#[test]
fn un_dossier_retire_du_journal_est_detecte() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "10"]).status.success());
    let c = base_sqlite(d);
    c.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER evenements_sans_suppression;
         DELETE FROM evenements WHERE dossier_id = (SELECT dossier_id FROM evenements
             WHERE dossier_id IS NOT NULL ORDER BY seq LIMIT 1);
         DELETE FROM etats_dossiers WHERE id NOT IN (SELECT dossier_id FROM evenements WHERE dossier_id IS NOT NULL);
         DELETE FROM dossiers WHERE id NOT IN (SELECT dossier_id FROM evenements WHERE dossier_id IS NOT NULL);
         CREATE TRIGGER evenements_sans_suppression BEFORE DELETE ON evenements
         BEGIN SELECT RAISE(ABORT, 'le journal des événements est en ajout seul'); END;",
    )
    .expect("suppression");
    drop(c);
    let o = binome(d, &["check"]);
    assert!(!o.status.success());
    assert!(
        texte(&o.stdout).contains("retirés du journal"),
        "{}",
        texte(&o.stdout)
    );
}

/// Une base d'avant la chaîne : ses événements y entrent à l'ouverture, et elle est saine.
#[test]
fn une_base_d_avant_la_chaine_est_chainee_a_l_ouverture() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "5"]).status.success());
    let c = base_sqlite(d);
    c.execute_batch(
        "DROP TRIGGER evenements_sans_suppression;
         DELETE FROM evenements WHERE type LIKE 'cotraitance.%';
         DROP TABLE cotraitances;
         DROP TABLE purge_en_cours; DROP TABLE evenements_purges; DROP TABLE purges;
         DROP TABLE indicateurs_archives; DROP TABLE indicateurs_archives_recues;
         DROP TABLE identites; DROP TABLE cartes;
         DROP TABLE chaine; DROP TABLE cles_installations; DROP TABLE audit; DROP TABLE audit_point;
         DROP TABLE comptes; DROP TABLE delegations; DROP TABLE notes_privees;
         ALTER TABLE dossiers DROP COLUMN dernier_diagnostic;
         ALTER TABLE dossiers DROP COLUMN action_titre;
         ALTER TABLE dossiers DROP COLUMN conflits;
         ALTER TABLE dossiers DROP COLUMN accord_attendu;
         ALTER TABLE dossiers DROP COLUMN action_secrete;
         DROP TABLE paquets_recus; DROP TABLE paquets_envoyes; DROP TABLE accuses;
         DROP INDEX evenements_par_origine;
         DROP INDEX evenements_horloge_recus;
         ALTER TABLE evenements DROP COLUMN origine;
         ALTER TABLE evenements DROP COLUMN seq_origine;
         ALTER TABLE evenements DROP COLUMN hlc_ms;
         ALTER TABLE evenements DROP COLUMN hlc_c;
         ALTER TABLE evenements DROP COLUMN paquet;
         ALTER TABLE ressources_historique RENAME COLUMN remplacee TO donnees;
         CREATE INDEX evenements_dossier ON evenements (dossier_id, seq);
         DELETE FROM migrations WHERE version >= 6;
         CREATE TRIGGER evenements_sans_suppression BEFORE DELETE ON evenements
         BEGIN SELECT RAISE(ABORT, 'le journal des événements est en ajout seul'); END;",
    )
    .expect("retour en version 5");
    drop(c);
    let o = binome(d, &["check"]);
    assert!(
        o.status.success(),
        "{}{}",
        texte(&o.stdout),
        texte(&o.stderr)
    );
    let c = base_sqlite(d);
    let (evenements, maillons): (i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM evenements), (SELECT count(*) FROM chaine)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("comptes");
    assert!(evenements > 0);
    assert_eq!(evenements, maillons);
}
