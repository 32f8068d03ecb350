//! Un parcours entier au clavier seul, d'un espace neuf (sans démonstration) jusqu'à la
//! clôture : Tab, Maj+Tab, flèches, Entrée, Espace, Échap et raccourcis, rien d'autre. À
//! 100 % puis à 200 % de texte. Après chaque Tab, le contrôle qui a le focus doit être à
//! l'écran (la page défile jusqu'à lui).

use crate::commun::clavier::Clavier;
use crate::commun::ecran::session;
use binome::domain::dossier::Etape;
use binome::domain::professionnel::Affectation;
use binome::ui::app::{App, Page};
use binome::ui::ecrans::dossier::edition::ID_PREMIER_CHAMP;
use binome::ui::ecrans::{accueil, annuaire};

const AJOUTER_BESOIN: &str = "Ajouter un besoin évalué… (au clavier : flèches, puis Entrée)";

/// Le dossier tel que la base l'a enregistré.
fn dossier(k: &Clavier, id: uuid::Uuid) -> binome::domain::dossier::Dossier {
    k.app
        .session
        .dossier(id)
        .expect("lecture")
        .expect("dossier")
}

/// L'écran d'accueil d'un poste neuf, au clavier : une conseillère de la première agence.
fn creer_mon_espace(k: &mut Clavier) {
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
}

fn parcours(largeur: f32, hauteur: f32, echelle: f32) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = App::new(session(dir.path()));
    app.session.preferences_mut().echelle = echelle;
    let mut k = Clavier::new(app, largeur, hauteur);

    // Premier lancement : mon espace.
    creer_mon_espace(&mut k);
    assert!(matches!(k.app.page, Page::AFaire), "{:?}", k.frappes);
    let u = k.app.session.utilisateur().cloned().expect("utilisateur");
    assert_eq!((u.prenom.as_str(), u.nom.as_str()), ("Agathe", "Essai"));
    let commune = match &u.affectation {
        Affectation::Agence { perimetre, .. } => perimetre[0].to_string(),
        autre => panic!("un conseiller a une agence : {autre:?}"),
    };

    // Ctrl+N : le focus est sur la civilité, premier champ du formulaire.
    k.ctrl("n");
    assert!(
        k.focus().is_some_and(|f| f.dit("Madame")),
        "{:?}",
        k.focus()
    );
    k.espace();
    k.tab_vers_champ("nom");
    k.taper("Parcours");
    k.tab_vers_champ("prenom");
    k.taper("Émilie");
    k.tab_vers_champ("date_naissance");
    k.taper("12/03/1985");
    k.tab_vers_champ("identifiant_ft");
    k.taper("7654321Z");
    k.tab_vers_champ("commune");
    k.taper(&commune);
    k.tab_vers("Bénéficiaire du RSA");
    k.espace();
    k.ctrl("s");
    let id = match &k.app.page {
        Page::Dossier(d) => d.id,
        _ => panic!("le dossier créé doit s'ouvrir ({:?})", k.frappes),
    };
    // Le dossier s'ouvre en haut, pas au défilement du formulaire qu'on vient de remplir.
    assert!(k.a_l_ecran("‹ Portefeuille"), "{:?}", k.frappes);
    let cree = dossier(&k, id);
    assert_eq!(cree.personne.prenom, "Émilie");
    assert!(cree.personne.brsa);

    // Entretien n°1 volet emploi : un besoin choisi aux flèches, ajouté par Entrée.
    k.tab_vers("Étape suivante : Entretien n°1 volet emploi");
    k.entree();
    assert!(
        k.focus().is_some_and(|f| f.est(ID_PREMIER_CHAMP)),
        "{:?}",
        k.focus()
    );
    k.tab_vers_champ("Synthèse");
    k.taper("Permis à financer");
    k.tab_vers(AJOUTER_BESOIN);
    k.bas();
    k.entree();
    k.ctrl("s");
    assert!(k.voit("Diagnostic volet emploi enregistré (1 besoin évalué)"));
    // L'avis flotte par-dessus la page : le fermer ne déplace rien.
    let avec = k.ou("Fiches de liaison").expect("rubrique").y;
    k.tab_vers("Fermer");
    k.entree();
    assert!(matches!(&k.app.page, Page::Dossier(d) if d.succes.is_none()));
    assert_eq!(k.ou("Fiches de liaison").expect("rubrique").y, avec);

    // La désignation, puis le référent, ajouté à l'annuaire depuis le choix du binôme.
    k.tab_vers("Étape suivante : Contacter la structure qui désigne le référent social");
    k.entree();
    k.ctrl("s");
    k.tab_vers("Étape suivante : Désigner le référent social");
    k.entree();
    k.tab_vers("Ajouter un professionnel à l'annuaire");
    k.entree();
    assert!(matches!(k.app.page, Page::Annuaire(_)));
    assert!(k.focus().is_some_and(|f| f.dit("Madame")));
    k.espace();
    k.tab_vers_champ(annuaire::ID_NOM);
    k.taper("Social");
    k.tab_vers_champ("prenom");
    k.taper("Rose");
    k.tab_vers("Choisir dans le référentiel…");
    k.bas();
    k.ctrl("s");
    assert!(matches!(k.app.page, Page::Dossier(_)), "{:?}", k.frappes);
    k.tab_vers("Étape suivante : Désigner le référent social");
    k.entree();
    k.tab_vers("Choisir dans l'annuaire… (flèches haut et bas au clavier)");
    k.bas();
    k.ctrl("s");
    let referent = dossier(&k, id).referent;
    assert_eq!(referent.map(|m| m.nom), Some("Rose SOCIAL".to_string()));

    // Fiche d'orientation : rédigée, envoyée.
    k.tab_vers("Étape suivante : Orienter avec une fiche de liaison");
    k.entree();
    k.tab_vers_champ("Motif *");
    k.taper("Orientation vers le référent");
    k.ctrl("s");
    k.tab_vers("Étape suivante : Envoyer la fiche de liaison n° 1");
    k.entree();
    k.ctrl("s");
    assert!(k.voit("Fiche de liaison n° 1 envoyée"));

    // Volet social, puis retour de la fiche.
    k.tab_vers("Étape suivante : Entretien n°1 volet social");
    k.entree();
    k.tab_vers(AJOUTER_BESOIN);
    k.bas();
    k.bas();
    k.entree();
    k.ctrl("s");
    k.tab_vers("Étape suivante : Enregistrer le retour de la fiche de liaison n° 1");
    k.entree();
    k.ctrl("s");

    // Concertation : décision conjointe, les deux accords cochés à l'Espace.
    k.tab_vers("Étape suivante : Tenir le temps de concertation");
    k.entree();
    k.tab_vers("Décision…");
    k.bas();
    k.tab_vers("Accord du conseiller dédié");
    k.espace();
    k.tab_vers("Accord du référent social");
    k.espace();
    // L'accord du référent, reçu sur sa fiche de liaison signée.
    k.tab_vers("Hors Binôme (fiche signée, courriel…)");
    k.espace();
    k.tab_vers_champ("hors-binome-le");
    k.taper("20/11/2026");
    k.tab_vers_champ("hors-binome-moyen");
    k.taper("fiche de liaison n° 1 signée");
    k.ctrl("s");

    // Carnet de route : une action par volet.
    for volet in ["Volet emploi", "Volet social"] {
        k.tab_vers("Ajouter une action au carnet de route");
        k.entree();
        k.tab_vers(volet);
        k.espace();
        k.tab_vers_champ("Action *");
        k.taper(&format!("Action du volet {volet}"));
        k.ctrl("s");
    }
    k.tab_vers("Étape suivante : Entretien n°2 d'initialisation");
    k.entree();
    k.ctrl("s");
    k.tab_vers("Étape suivante : Faire signer le contrat d'accompagnement");
    k.entree();
    k.ctrl("s");
    let d = dossier(&k, id);
    assert_eq!(d.etape(), Etape::Accompagnement, "{:?}", k.frappes);
    assert_eq!(d.actions.len(), 2);

    // Le statut d'une action : choisi aux flèches, confirmé avant d'être écrit.
    k.tab_vers("Statut de l'action n° 1");
    k.bas();
    assert!(k.voit("Passer l'action n° 1 de"));
    let avant = dossier(&k, id).actions[0].statut;
    k.tab_vers("Confirmer le statut");
    k.entree();
    let apres = dossier(&k, id).actions[0].statut;
    assert_ne!(avant, apres);

    // Clôture : motif choisi, récapitulatif, confirmation.
    k.tab_vers("Clôturer le dossier");
    k.entree();
    k.tab_vers("Motif de sortie…");
    for _ in 0..5 {
        k.bas();
    }
    k.ctrl("s");
    assert!(k.voit("pour « À la demande de la personne » ?"));
    k.ctrl("s");
    let d = dossier(&k, id);
    assert_eq!(d.etape(), Etape::Cloture, "{:?}", k.frappes);
    assert!(k.voit("Dossier clôturé"));
    // Et Échap revient au portefeuille, où le dossier se retrouve au clavier.
    k.echap();
    assert!(matches!(k.app.page, Page::Portefeuille));
}

#[test]
fn un_parcours_entier_au_clavier() {
    parcours(1280.0, 800.0, 1.0);
}

#[test]
fn un_parcours_entier_au_clavier_a_200_pour_cent() {
    parcours(640.0, 400.0, 2.0);
}

/// Un espace neuf créé au clavier, texte à 200 % (une fenêtre de 1 280 × 800).
fn mon_espace_a_200(dir: &std::path::Path) -> Clavier {
    let mut app = App::new(session(dir));
    app.session.preferences_mut().echelle = 2.0;
    let mut k = Clavier::new(app, 640.0, 400.0);
    creer_mon_espace(&mut k);
    k
}

/// À 200 %, les cartes des Paramètres qui n'ont rien à focaliser (« Données », « À propos »)
/// s'amènent à l'écran au clavier : Ctrl+Fin, Page précédente, Ctrl+Début.
#[test]
fn les_cartes_sans_controle_s_atteignent_par_page_et_fin() {
    use iced::keyboard::{key::Named, Key, Modifiers};
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = mon_espace_a_200(dir.path());
    k.ctrl("5");
    let a_propos = "logiciel libre sous licence EUPL-1.2";
    assert!(k.voit(a_propos) && !k.a_l_ecran(a_propos));
    k.touche(Key::Named(Named::End), Modifiers::CTRL, None);
    assert!(k.a_l_ecran(a_propos), "{:?}", k.frappes);
    // Une page plus haut : la carte « Données », puis de nouveau le haut de l'écran.
    k.touche(Key::Named(Named::PageUp), Modifiers::empty(), None);
    assert!(!k.a_l_ecran(a_propos));
    k.touche(Key::Named(Named::PageDown), Modifiers::empty(), None);
    assert!(k.a_l_ecran(a_propos));
    k.touche(Key::Named(Named::Home), Modifiers::CTRL, None);
    assert!(k.a_l_ecran("Mon identité"), "{:?}", k.frappes);
}

/// À 200 %, le rail resserré garde le nom de chaque rubrique, celui que les messages
/// donnent (« dans Paramètres (Ctrl+5) ») : il disait « Réglages », « Dossiers » et
/// « Indicat. ». Chaque nom tient dans la largeur du rail (130 points).
#[test]
fn a_200_pour_cent_le_rail_garde_le_nom_des_rubriques() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = mon_espace_a_200(dir.path());
    for nom in [
        "Portefeuille",
        "Ressources",
        "Indicateurs",
        "Annuaire",
        "Paramètres",
    ] {
        let place = k
            .ou(nom)
            .unwrap_or_else(|| panic!("« {nom} » absent du rail"));
        assert!(
            place.x + place.width <= 130.0,
            "« {nom} » déborde du rail : {place:?}"
        );
        assert!(k.a_l_ecran(nom), "« {nom} » hors de la fenêtre");
    }
    for ancien in ["Réglages", "Dossiers", "Indicat."] {
        assert!(!k.voit(ancien), "« {ancien} » est encore dans le rail");
    }
}

/// Le premier jour, à 200 % dans une fenêtre de 1 280 × 800 : le portefeuille vide dit quoi
/// faire, à l'écran. Les cinq listes de filtres prenaient toute la hauteur et poussaient ce
/// message hors de la fenêtre ; elles s'ouvrent maintenant au clavier par « Filtres ▸ ».
#[test]
fn a_200_pour_cent_le_portefeuille_vide_dit_quoi_faire_et_les_filtres_s_ouvrent() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = mon_espace_a_200(dir.path());
    k.ctrl("2");
    // Le message entier, pas seulement son haut.
    let vide = "Aucun dossier pour l'instant";
    let tout_a_l_ecran = |k: &mut Clavier| {
        k.ou(vide)
            .is_some_and(|b| b.y >= 0.0 && b.y + b.height <= 400.0)
    };
    assert!(tout_a_l_ecran(&mut k), "{:?}", k.ou(vide));
    let mut essais = 0;
    while !k
        .focus()
        .is_some_and(|f| f.textes.iter().any(|t| t.starts_with("Filtres")))
    {
        essais += 1;
        let vu = k.focus().map(|f| f.textes);
        assert!(essais < 20, "« Filtres ▸ » introuvable au clavier : {vu:?}");
        k.tab();
    }
    // Fermées, Tab passe du bouton à l'export ; ouvertes, à la première liste.
    let apres = |k: &mut Clavier| {
        k.tab();
        let textes = k.focus().map(|f| f.textes).unwrap_or_default();
        k.maj_tab();
        textes
    };
    assert_eq!(apres(&mut k), vec!["Exporter".to_string()]);
    k.entree();
    assert!(k.voit("Filtres ▾"));
    assert_ne!(
        apres(&mut k),
        vec!["Exporter".to_string()],
        "listes ouvertes"
    );
    k.entree();
    assert!(k.voit("Filtres ▸"));
    assert!(tout_a_l_ecran(&mut k));
}

/// À 200 % (fenêtre de 1 280 × 800), un portefeuille rempli montre au moins quatre dossiers
/// sur le premier écran : « + Nouveau dossier » passe sous le titre, avec les autres
/// boutons, et le raccourci vers les jeunes laisse la place au rail, qui y mène déjà.
#[test]
fn a_200_pour_cent_le_portefeuille_montre_ses_dossiers_des_le_premier_ecran() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = crate::commun::ecran::app_demo(dir.path(), 40);
    app.session.preferences_mut().echelle = 2.0;
    let noms: Vec<String> = app
        .session
        .portefeuille()
        .iter()
        .map(|r| format!("{} {}", r.nom.to_uppercase(), r.prenom))
        .collect();
    let mut k = Clavier::new(app, 640.0, 400.0);
    k.ctrl("2");
    let a_l_ecran = noms.iter().filter(|n| k.a_l_ecran(n)).count();
    assert!(a_l_ecran >= 4, "{a_l_ecran} dossier(s) à l'écran");
    assert!(k.a_l_ecran("+ Nouveau dossier") && !k.voit("Jeunes en cotraitance ("));
    k.tab_vers("+ Nouveau dossier");
    k.entree();
    assert!(
        matches!(k.app.page, Page::NouveauDossier(_)),
        "le bouton ouvre la création"
    );
}

/// À 200 %, l'écran des ressources, la base vide, le premier jour : les listes de filtres
/// attendent derrière « Filtres ▸ » et le message qui dit comment remplir la base est à
/// l'écran ; le bouton s'ouvre au clavier et dit combien de filtres sont actifs.
#[test]
fn a_200_pour_cent_les_ressources_vides_disent_quoi_faire_et_les_filtres_s_ouvrent() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = mon_espace_a_200(dir.path());
    k.ctrl("3");
    let vide = "La base de ressources est vide";
    assert!(k.a_l_ecran(vide), "{:?}", k.ou(vide));
    let effacer = "Effacer les critères";
    assert!(!k.voit(effacer), "listes fermées");
    k.tab_vers("Filtres ▸");
    k.entree();
    assert!(k.voit("Filtres ▾") && k.voit(effacer));
    k.tab_vers("Ouvert maintenant");
    k.espace();
    k.tab_vers("Filtres ▾");
    k.entree();
    assert!(k.voit("Filtres (1) ▸") && !k.voit(effacer));
}

/// Un message posé en bas de la fenêtre ne couvre jamais la page : à 200 % (640 × 400
/// logiques pour une fenêtre de 1 280 × 800), la page s'arrête au-dessus de lui, et son
/// bas défile jusqu'à lui au lieu de rester caché dessous.
#[test]
fn un_message_ne_couvre_jamais_la_page_a_200() {
    use binome::ui::widgets::message_flottant;
    use iced::widget::{column, scrollable, text};
    use iced_test::selector::Text;

    let lignes: Vec<String> = (1..=60).map(|i| format!("Ligne numéro {i}")).collect();
    let message = "Contact du 02/12/2026 enregistré au dossier : il figure maintenant dans la \
                   chronologie et dans le carnet de route, visible des deux professionnels.";
    let page = scrollable(column(lignes.iter().map(|l| text(l.as_str()).into())))
        .height(iced::Length::Fill);
    let vue: iced::Element<'_, ()> = message_flottant(page, Some((message, false)), ());
    let mut ui = iced_test::Simulator::with_size(
        iced::Settings {
            fonts: vec![binome::assets::POLICE.into()],
            default_font: iced::Font::with_name("DejaVu Sans"),
            ..iced::Settings::default()
        },
        (640.0, 400.0),
        vue,
    );
    let bornes = |t: Text| match t {
        Text::Raw { visible_bounds, .. } | Text::Input { visible_bounds, .. } => visible_bounds,
    };
    let affiche = format!("ℹ {message}");
    let carte = match ui
        .find(crate::commun::ecran::Texte(affiche.as_str()))
        .expect("message affiché")
    {
        Text::Raw { bounds, .. } | Text::Input { bounds, .. } => bounds,
    };
    // En bas de la fenêtre, lisible sur toute sa largeur.
    assert!(
        carte.width > 300.0 && carte.y > 200.0 && carte.y + carte.height <= 400.0,
        "{carte:?}"
    );
    let mut visibles = 0;
    for l in &lignes {
        if let Some(b) = bornes(ui.find(l.as_str()).expect("ligne")) {
            visibles += 1;
            assert!(
                b.y + b.height <= carte.y,
                "« {l} » ({b:?}) sous le message ({carte:?})"
            );
        }
    }
    assert!(visibles > 5, "la page reste visible au-dessus du message");
}

/// Ctrl+plus, Ctrl+moins ou Ctrl+chiffre pressés dans un champ font leur raccourci et
/// n'écrivent rien dans le champ (le nom de la personne restait « Martin+- »).
#[test]
fn un_raccourci_ctrl_ne_s_ecrit_pas_dans_le_champ() {
    use iced::keyboard::{Key, Modifiers};
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = Clavier::new(App::new(session(dir.path())), 1280.0, 800.0);
    creer_mon_espace(&mut k);
    k.ctrl("n");
    k.tab_vers_champ("nom");
    k.taper("Martin");
    let echelle = k.app.session.preferences().echelle;
    k.ctrl("+");
    assert!(
        k.app.session.preferences().echelle > echelle,
        "Ctrl+plus agrandit"
    );
    k.ctrl("-");
    assert_eq!(
        k.app.session.preferences().echelle,
        echelle,
        "Ctrl+moins réduit"
    );
    // AltGr (Ctrl+Alt sous Windows) reste une saisie : « @ » au clavier français.
    k.touche(
        Key::Character("@".into()),
        Modifiers::CTRL | Modifiers::ALT,
        Some("@"),
    );
    let Page::NouveauDossier(n) = &k.app.page else {
        panic!("nouveau dossier : {:?}", k.frappes)
    };
    assert_eq!(n.saisie.nom, "Martin@", "{:?}", k.frappes);
    // Ctrl+2 change d'écran sans rien laisser dans le brouillon.
    k.ctrl("2");
    assert!(matches!(k.app.page, Page::Portefeuille), "{:?}", k.frappes);
}

/// À 200 %, au clavier : une commune proposée se choisit par Tab puis Entrée (les
/// propositions ne se prenaient qu'à la souris), celles du code postal saisi viennent en
/// tête, et le focus reste dans le formulaire.
#[test]
fn a_200_pour_cent_une_commune_proposee_se_choisit_au_clavier() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = mon_espace_a_200(dir.path());
    k.ctrl("n");
    k.tab_vers_champ("code_postal");
    k.taper("13001");
    k.tab_vers_champ("commune");
    k.taper("Mars");
    k.tab();
    assert!(
        k.focus()
            .is_some_and(|f| f.dit("Marseille 1er Arrondissement (13001)")),
        "{:?}",
        k.focus()
    );
    k.entree();
    let Page::NouveauDossier(n) = &k.app.page else {
        panic!("nouveau dossier : {:?}", k.frappes)
    };
    assert_eq!(n.saisie.commune, "Marseille 1er Arrondissement");
    // Le bouton choisi disparaît avec les propositions : le focus revient au champ, et
    // Tab mène au suivant (il repartait du rail).
    assert!(
        k.focus().is_some_and(|f| f.est("commune")),
        "{:?}",
        k.focus()
    );
    k.tab();
    assert!(
        k.focus().is_some_and(|f| f.est("telephone")),
        "{:?}",
        k.focus()
    );
}

/// La même chose pour « Autour de la commune » des ressources : choisie au clavier, la
/// commune reste le champ qui a le focus.
#[test]
fn a_200_pour_cent_la_commune_des_ressources_se_choisit_au_clavier() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut k = mon_espace_a_200(dir.path());
    k.ctrl("3");
    k.tab_vers_champ(binome::ui::ecrans::ressources::ID_COMMUNE);
    k.taper("Aubag");
    k.tab_vers("Aubagne (13400)");
    k.entree();
    let Page::Ressources(r) = &k.app.page else {
        panic!("ressources : {:?}", k.frappes)
    };
    assert_eq!(r.commune, "Aubagne");
    assert!(
        k.focus()
            .is_some_and(|f| f.est(binome::ui::ecrans::ressources::ID_COMMUNE)),
        "{:?}",
        k.focus()
    );
}
