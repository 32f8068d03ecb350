//! Les cartes de binôme entre deux installations : exportée d'un côté, importée de l'autre,
//! même empreinte en six mots des deux côtés, vérifiée seulement sur demande ; une carte
//! modifiée, illisible ou la sienne est refusée.

use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;

use crate::commun::binome_en;

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn installation(d: &std::path::Path) {
    let o = crate::commun::binome(
        d,
        &["demo", "--dossiers", "5", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
}

/// Les six mots qui suivent « Empreinte … : » dans la sortie.
fn empreinte(sortie: &str) -> String {
    sortie
        .lines()
        .find(|l| l.contains("mpreinte"))
        .and_then(|l| l.rsplit(" : ").next())
        .expect("empreinte")
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn une_carte_passe_d_une_installation_a_l_autre_et_se_verifie() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    installation(a.path());
    installation(b.path());
    let sorties = tempfile::tempdir().expect("sorties");
    let carte = sorties.path().join("carte.json");
    let o = binome_en(
        a.path(),
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "carte",
            "exporter",
            "--out",
            carte.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let mots_a = empreinte(&texte(&o.stdout));
    assert_eq!(mots_a.split(' ').count(), 6, "{}", texte(&o.stdout));
    let contenu = std::fs::read_to_string(&carte).expect("carte");
    assert!(
        !contenu.contains("AGE-SECRET-KEY"),
        "la carte ne porte que des clés publiques"
    );
    // Une seconde exportation donne la même carte : l'identité est gardée.
    let o = binome_en(
        a.path(),
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "carte",
            "exporter",
            "--out",
            carte.to_str().expect("chemin"),
            "--force",
        ],
    );
    assert_eq!(empreinte(&texte(&o.stdout)), mots_a);

    let o = binome_en(
        b.path(),
        "referent",
        MOT_DE_PASSE_DEMO,
        &["carte", "importer", carte.to_str().expect("chemin")],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert_eq!(
        empreinte(&sortie),
        mots_a,
        "la même empreinte des deux côtés"
    );
    let compte = sortie
        .split("--compte ")
        .nth(1)
        .expect("compte")
        .trim()
        .to_string();
    let o = binome_en(
        b.path(),
        "referent",
        MOT_DE_PASSE_DEMO,
        &["carte", "lister"],
    );
    assert!(
        texte(&o.stdout).contains("NON VÉRIFIÉE"),
        "{}",
        texte(&o.stdout)
    );
    let o = binome_en(
        b.path(),
        "referent",
        MOT_DE_PASSE_DEMO,
        &["carte", "verifier", "--compte", &compte],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let o = binome_en(
        b.path(),
        "referent",
        MOT_DE_PASSE_DEMO,
        &["carte", "lister"],
    );
    assert!(texte(&o.stdout).contains("vérifiée") && !texte(&o.stdout).contains("NON VÉRIFIÉE"));

    // Une carte modifiée après sa signature : refusée, rien d'enregistré.
    let modifiee = sorties.path().join("modifiee.json");
    let nom = contenu
        .split("\"nom\": \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("nom");
    std::fs::write(&modifiee, contenu.replace(nom, "Quelqu'un AUTRE")).expect("écriture");
    let o = binome_en(
        b.path(),
        "referent",
        MOT_DE_PASSE_DEMO,
        &["carte", "importer", modifiee.to_str().expect("chemin")],
    );
    assert!(!o.status.success());
    assert!(
        texte(&o.stderr).contains("modifiée après avoir été signée"),
        "{}",
        texte(&o.stderr)
    );
    // Illisible, et la sienne.
    std::fs::write(&modifiee, b"pas une carte").expect("écriture");
    let o = binome_en(
        b.path(),
        "referent",
        MOT_DE_PASSE_DEMO,
        &["carte", "importer", modifiee.to_str().expect("chemin")],
    );
    assert!(
        texte(&o.stderr).contains("n'est pas une carte de binôme lisible"),
        "{}",
        texte(&o.stderr)
    );
    let o = binome_en(
        a.path(),
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["carte", "importer", carte.to_str().expect("chemin")],
    );
    assert!(
        texte(&o.stderr).contains("est la vôtre"),
        "{}",
        texte(&o.stderr)
    );
}
