//! La reprise d'un tableau de suivi depuis la fenêtre, un premier jour (poste neuf, sans
//! démonstration) : au clavier seul à 100 % et 200 %, puis un fichier en erreur déposé sur
//! la fenêtre, dont rien n'entre tant qu'on ne demande pas les lignes valides seulement.

use binome::domain::professionnel::Affectation;
use binome::ui::app::{self, App};
use binome::ui::ecrans::reprise::Message as R;

use crate::commun::clavier::Clavier;
use crate::commun::ecran::{executer, session};
use crate::commun::*;

fn fichier(nom: &str) -> std::path::PathBuf {
    fichier_essai(&format!("reprise/{nom}"))
}

fn poste_neuf(largeur: f32, hauteur: f32, echelle: f32) -> (tempfile::TempDir, Clavier) {
    let d = tempfile::tempdir().expect("tmp");
    let mut p = conseiller();
    p.affectation = Affectation::Agence {
        agence: "AG-MARSEILLE-1".into(),
        perimetre: Vec::new(),
    };
    identifier(d.path(), p);
    let mut app = App::new(session(d.path()));
    app.session.preferences_mut().echelle = echelle;
    (d, Clavier::new(app, largeur, hauteur))
}

fn reprise_au_clavier(largeur: f32, hauteur: f32, echelle: f32) {
    let (_d, mut k) = poste_neuf(largeur, hauteur, echelle);
    k.ctrl("2");
    assert!(k.voit("reprenez le tableau"), "le premier jour le propose");
    // Texte agrandi, le bouton passe à côté de l'export ; même nom que dans le message.
    k.tab_vers("Importer un tableau…");
    k.entree();
    assert!(matches!(k.app.page, app::Page::Reprise(_)));
    k.tab_vers_champ(binome::ui::ecrans::reprise::ID_FICHIER);
    k.taper(&fichier("valide.csv").display().to_string());
    k.entree();
    assert!(k.voit("4 ligne(s) de données"), "{:?}", k.frappes);
    assert!(k.voit("ex. Fictive"), "un exemple de chaque colonne");
    k.tab_vers("Vérifier les 4 ligne(s)");
    k.entree();
    assert!(k.voit("4 dossier(s) à créer"), "{:?}", k.frappes);
    assert!(
        k.voit("Ligne 2 — Mme FICTIVE Léa"),
        "l'aperçu tel qu'enregistré"
    );
    assert!(k.voit("sorti le 20/06/2025 (Retour à l'emploi)"));
    k.tab_vers("Importer 4 dossier(s)");
    k.entree();
    assert!(
        k.voit("Import terminé : 4 dossier(s) créé(s)"),
        "{:?}",
        k.frappes
    );
    assert_eq!(k.app.session.portefeuille().len(), 4);
    k.tab_vers("Voir le portefeuille");
    k.entree();
    assert!(matches!(k.app.page, app::Page::Portefeuille));
    assert!(k.voit("FICTIVE Léa"));
}

#[test]
fn un_tableau_se_reprend_au_clavier_seul() {
    reprise_au_clavier(1280.0, 900.0, 1.0);
    reprise_au_clavier(640.0, 450.0, 2.0);
}

fn faire(k: &mut Clavier, m: app::Message) {
    let t = k.app.update(m);
    executer(&mut k.app, t);
}

#[test]
fn un_fichier_en_erreur_depose_sur_la_fenetre_n_entre_pas_sans_accord() {
    let (_d, mut k) = poste_neuf(1280.0, 3000.0, 1.0);
    faire(&mut k, app::Message::FichierDepose(fichier("erreurs.csv")));
    assert!(matches!(k.app.page, app::Page::Reprise(_)));
    faire(&mut k, app::Message::Reprise(R::Verifier));
    assert!(k.voit("2 dossier(s) à créer"), "Léa Fictive et Bonne Ligne");
    assert!(k.voit("9 ligne(s) en erreur"));
    assert!(k.voit("Ligne 7 [Commune] « Atlantide »"));
    assert!(k.voit("corrigez d'abord les erreurs"));
    // Le bouton d'import ne fait rien tant qu'on n'a pas choisi.
    faire(&mut k, app::Message::Reprise(R::Importer));
    assert!(k.app.session.portefeuille().is_empty(), "tout ou rien");
    faire(&mut k, app::Message::Reprise(R::ValidesSeulement(true)));
    assert!(k.voit("Importer 2 dossier(s)"));
    faire(&mut k, app::Message::Reprise(R::Importer));
    assert!(k.voit("Import terminé : 2 dossier(s) créé(s)"));
    assert_eq!(k.app.session.portefeuille().len(), 2);
}

/// Une colonne que les en-têtes n'ont pas permis de reconnaître se désigne à la main.
#[test]
fn une_colonne_se_designe_a_la_main() {
    use binome::domain::reprise::Champ;
    use binome::ui::ecrans::reprise::ChoixChamp;
    let (_d, mut k) = poste_neuf(1280.0, 3000.0, 1.0);
    let sorties = tempfile::tempdir().expect("sorties");
    let csv = sorties.path().join("maison.csv");
    std::fs::write(
        &csv,
        "Nom;Prénom;Date de naissance;Matricule;Commune;Civilité\r\nMaison;Rémi;03/03/1983;1000040Y;Arles;M.\r\n",
    )
    .expect("csv");
    faire(&mut k, app::Message::FichierDepose(csv));
    assert!(k.voit("Colonnes obligatoires manquantes : Identifiant France Travail"));
    faire(
        &mut k,
        app::Message::Reprise(R::Colonne(
            "Matricule".into(),
            ChoixChamp(Some(Champ::IdentifiantFt)),
        )),
    );
    assert!(!k.voit("Colonnes obligatoires manquantes"));
    faire(&mut k, app::Message::Reprise(R::Verifier));
    assert!(k.voit("1 dossier(s) à créer"));
}

/// Un administrateur installe au clavier les structures de son département (le Nord) depuis
/// les Paramètres ; un fichier fautif est refusé ligne par ligne ; il revient aux structures
/// livrées.
#[test]
fn les_structures_d_un_departement_s_installent_depuis_les_parametres() {
    let (_d, mut k) = poste_neuf(1280.0, 3000.0, 1.0);
    let structures = |n: &str| {
        fichier_essai(&format!("structures/{n}"))
            .display()
            .to_string()
    };
    k.ctrl("5");
    assert!(k.voit("Structures du territoire (administrateurs)"));
    assert!(k.voit("structures livrées (Bouches-du-Rhône, annexe 4)"));
    k.tab_vers_champ("parametres-structures");
    k.taper(&structures("erreurs.csv"));
    k.tab_vers("Installer");
    k.entree();
    assert!(k.voit("rien n'est installé"), "{:?}", k.frappes);
    assert!(k.voit("ligne 3 : type « bureau » inconnu"));
    faire(
        &mut k,
        app::Message::Parametres(binome::ui::ecrans::parametres::Message::CheminStructures(
            structures("nord.csv"),
        )),
    );
    k.tab_vers("Installer");
    k.entree();
    assert!(k.voit("Structures en place"), "{:?}", k.frappes);
    assert!(k.voit("installées sur ce poste"));
    // Dit dans la carte des structures, sous le champ du fichier (pas en haut de l'écran).
    let avis = k.ou("Structures en place").expect("avis");
    let champ = k.ou("Fichier des structures").expect("champ");
    assert!(avis.y > champ.y, "{avis:?} / {champ:?}");
    assert!(k
        .app
        .session
        .referentiel()
        .structures
        .agence("AG-LILLE")
        .is_some());
    k.tab_vers("Revenir aux structures livrées");
    k.entree();
    assert!(k.voit("structures livrées (Bouches-du-Rhône, annexe 4)"));
    assert!(k
        .app
        .session
        .referentiel()
        .structures
        .agence("AG-LILLE")
        .is_none());
}
