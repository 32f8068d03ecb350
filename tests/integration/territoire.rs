//! Les structures d'un autre département (le Nord) installées par un administrateur :
//! le fichier vérifié ligne par ligne, puis une personne de Lille reprise d'un tableau est
//! rattachée à l'agence de Lille et le protocole de désignation nomme la MDS de Lille.

use binome::domain::designation::{pour_personne, Designation};
use binome::domain::professionnel::Affectation;

use crate::commun::{binome, identifier, mes_dossiers};

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).to_string()
}

#[test]
fn les_structures_du_nord_s_installent_et_servent_a_lille_comme_a_marseille() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    crate::commun::acces(d);
    let f = |n: &str| crate::commun::fichier_essai(n).display().to_string();
    // Un fichier en erreur : chaque ligne fautive est dite, rien n'est installé.
    let o = binome(
        d,
        &["referentiels", "importer", &f("structures/erreurs.csv")],
    );
    assert!(!o.status.success());
    let err = texte(&o.stderr);
    for attendu in [
        "ligne 3 : type « bureau » inconnu",
        "ligne 4 : le code « PI-X » est déjà celui de la ligne 2",
        "ligne 5 : commune(s) inconnue(s) du référentiel : 99999",
        "ligne 7 : la commune 59350 est déjà couverte par AG-2 (ligne 6)",
    ] {
        assert!(err.contains(attendu), "« {attendu} » absent de :\n{err}");
    }
    let o = binome(d, &["referentiels", "afficher"]);
    assert!(
        texte(&o.stdout).contains("structures livrées"),
        "{}",
        texte(&o.stdout)
    );
    // Un en-tête inattendu dit ce qui était attendu.
    let o = binome(d, &["referentiels", "importer", &f("reprise/valide.csv")]);
    assert!(
        texte(&o.stderr).contains("l'en-tête attendu est « type;code;nom;commune;communes »"),
        "{}",
        texte(&o.stderr)
    );

    let o = binome(d, &["referentiels", "importer", &f("structures/nord.csv")]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(texte(&o.stdout).contains("1 pôle(s) d'insertion, 2 MDS, 2 agence(s) France Travail, 1 mission(s) locale(s), couvrant 5 commune(s) (département(s) 59)"), "{}", texte(&o.stdout));

    // Une conseillère de l'agence de Lille reprend son tableau.
    let mut p = crate::commun::conseiller();
    p.affectation = Affectation::Agence {
        agence: "AG-LILLE".into(),
        perimetre: Vec::new(),
    };
    identifier(d, p);
    let sorties = tempfile::tempdir().expect("sorties");
    let csv = sorties.path().join("lille.csv");
    std::fs::write(
        &csv,
        "Civilité;Nom;Prénom;Date de naissance;Identifiant FT;Commune;Code postal;BRSA;Enfant mineur\r\nMme;Nordiste;Jeanne;12/12/1985;1000050Z;Lille;59000;oui;oui\r\n",
    )
    .expect("csv");
    let o = binome(d, &["import", "dossiers", csv.to_str().expect("c")]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let r = &mes_dossiers(d)[0];
    assert_eq!(
        (r.commune.as_str(), r.agence.as_str()),
        ("59350", "AG-LILLE")
    );
    let s = crate::commun::ecran::session(d);
    let dossier = s.dossier(r.id).expect("lecture").expect("dossier");
    assert_eq!(
        pour_personne(&dossier.personne, &s.referentiel().structures),
        Designation::Mds {
            code: "MDS-LILLE".into(),
            nom: "Maison de la solidarité Lille".into()
        }
    );
    drop(s);

    let o = binome(d, &["referentiels", "retablir"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert!(texte(&o.stdout).contains("Bouches-du-Rhône"));
}
