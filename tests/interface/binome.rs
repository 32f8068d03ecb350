//! L'échange avec le binôme depuis la fenêtre, comme deux utilisateurs le feraient sur deux
//! postes neufs (sans démonstration) : cartes échangées et vérifiées, un dossier ouvert par
//! le référent, « Envoyer au binôme » montre ce qui part puis écrit le paquet, le conseiller
//! le dépose sur sa fenêtre et le dossier apparaît, marqué « reçu du binôme ».

use binome::domain::dossier::Ouverture;
use binome::domain::dossier::{CategorieSecret, Commande, Consentement, MoyenConsentement};
use binome::domain::professionnel::Role;
use binome::ui::app::{self, App, Nav};
use binome::ui::ecrans::binome::Message as B;
use uuid::Uuid;

use crate::commun::clavier::Clavier;
use crate::commun::ecran::{executer, session};
use crate::commun::*;

fn poste(p: binome::domain::professionnel::Professionnel) -> (tempfile::TempDir, Clavier) {
    let d = tempfile::tempdir().expect("tmp");
    identifier(d.path(), p);
    let app = App::new(session(d.path()));
    (d, Clavier::new(app, 1280.0, 3000.0))
}

fn faire(c: &mut Clavier, m: app::Message) {
    let t = c.app.update(m);
    executer(&mut c.app, t);
}

fn binome(c: &mut Clavier, m: B) {
    faire(c, app::Message::Binome(m));
}

fn voit(c: &mut Clavier, texte: &str) -> bool {
    c.voit(texte)
}

/// `de` écrit sa carte dans `f` ; `vers` l'importe et la marque vérifiée.
fn echanger_carte(de: &mut Clavier, vers: &mut Clavier, f: &std::path::Path) {
    binome(de, B::CheminCarte(f.display().to_string()));
    binome(de, B::ExporterCarte);
    assert!(f.exists(), "la carte est écrite");
    binome(vers, B::CarteAImporter(f.display().to_string()));
    binome(vers, B::ImporterCarte);
    assert!(
        voit(vers, "Marquer vérifiée"),
        "la carte attend sa vérification"
    );
    let compte = de.app.session.compte().id;
    binome(vers, B::VerifierCarte(compte));
    assert!(voit(vers, "Envoyer au binôme…"));
}

/// Le conseiller (A) et le référent (B) sur deux postes neufs, à l'écran de l'échange, leurs
/// cartes échangées et vérifiées ; les dossiers de données des postes, puis un dossier de
/// sorties.
fn postes_qui_se_connaissent() -> ([tempfile::TempDir; 2], Clavier, Clavier, tempfile::TempDir) {
    let (da, mut a) = poste(conseiller());
    let (db, mut b) = poste(referent());
    let sorties = tempfile::tempdir().expect("sorties");
    for app in [&mut a, &mut b] {
        faire(app, app::Message::Naviguer(Nav::Binome));
    }
    echanger_carte(&mut a, &mut b, &sorties.path().join("a.json"));
    echanger_carte(&mut b, &mut a, &sorties.path().join("b.json"));
    ([da, db], a, b, sorties)
}

#[test]
fn un_paquet_passe_d_une_fenetre_a_l_autre() {
    let (_da, mut a) = poste(conseiller());
    let (_db, mut b) = poste(referent());
    for app in [&mut a, &mut b] {
        faire(app, app::Message::Naviguer(Nav::Binome));
        assert!(voit(app, "Aucun partenaire pour l'instant"), "premier jour");
    }
    let sorties = tempfile::tempdir().expect("sorties");
    // Chacun écrit sa carte ; l'autre l'importe et la marque vérifiée.
    echanger_carte(&mut a, &mut b, &sorties.path().join("a.json"));
    echanger_carte(&mut b, &mut a, &sorties.path().join("b.json"));
    // Sa carte écrite par-dessus un fichier qui n'est pas de Binôme : la fenêtre demande.
    std::fs::write(sorties.path().join("a.json"), "mes notes").expect("écrit");
    binome(&mut a, B::ExporterCarte);
    assert!(voit(&mut a, "existe déjà. Le remplacer ?"));
    binome(&mut a, B::Remplacer);
    assert!(voit(&mut a, "Votre carte est écrite dans"));

    // Le référent ouvre un dossier avec le conseiller pour binôme.
    let id = Uuid::from_u128(0xD0);
    for c in [
        Commande::Ouvrir(Ouverture {
            id,
            personne: personne("1111111A"),
            initiative: Role::Referent,
            prescripteur: None,
            date: j("02/11/2026"),
            conseiller: Some(membre(Role::Conseiller)),
            referent: Some(membre(Role::Referent)),
        }),
        Commande::RecueillirConsentement(Consentement {
            date: j("02/11/2026"),
            moyen: MoyenConsentement::FormulaireEcrit,
            categories: vec![CategorieSecret::Logement],
            document: None,
            revoque_le: None,
        }),
    ] {
        b.app.session.executer(id, &c).expect("enregistré");
    }
    let compte_a = a.app.session.compte().id;
    binome(&mut b, B::Preparer(compte_a));
    assert!(
        voit(&mut b, "Le paquet contiendra : 1 dossier, 2 éléments"),
        "le résumé avant l'envoi"
    );
    let paquet = sorties.path().join("pour-a.binome");
    binome(&mut b, B::CheminEnvoi(paquet.display().to_string()));
    binome(&mut b, B::Ecrire);
    assert!(paquet.exists(), "le paquet est écrit");
    assert!(voit(&mut b, "Paquet n° 1 pour"));
    // Une saisie de plus chez le référent : À faire rappelle qu'un paquet attend.
    faire(&mut b, app::Message::Naviguer(Nav::AFaire));
    assert!(!voit(&mut b, "Paquets à envoyer au binôme"));
    b.app
        .session
        .executer(
            id,
            &Commande::EnregistrerContact {
                date: j("03/11/2026"),
                canal: binome::domain::dossier::Canal::Telephone,
                role: Role::Referent,
                objet: "Appel".into(),
            },
        )
        .expect("contact");
    assert!(voit(&mut b, "Paquets à envoyer au binôme (1)"));

    // Le conseiller, sur une autre page, dépose le fichier sur sa fenêtre.
    faire(&mut a, app::Message::Naviguer(Nav::Portefeuille));
    assert!(a.app.session.portefeuille().is_empty());
    faire(&mut a, app::Message::FichierDepose(paquet.clone()));
    assert!(voit(&mut a, "Paquet n° 1 de"), "ce qui est arrivé est dit");
    assert_eq!(a.app.session.portefeuille().len(), 1, "le dossier apparaît");
    // Le même fichier déposé de nouveau : refusé, avec la raison.
    faire(&mut a, app::Message::FichierDepose(paquet));
    assert!(voit(&mut a, "déjà reçu"));
    // Dans le dossier : la chronologie dit ce qui vient du binôme, l'en-tête où en est
    // l'échange.
    faire(
        &mut a,
        app::Message::Portefeuille(binome::ui::ecrans::portefeuille::Message::Ouvrir(id)),
    );
    assert!(voit(&mut a, "reçu du binôme le"));
    assert!(voit(&mut a, "rien envoyé"));
}

/// Le dossier d'échange surveillé : un paquet que le référent y dépose est reçu par la
/// fenêtre du conseiller au relevé suivant, une seule fois ; le référent, qui surveille le
/// même dossier, ignore sans bruit le paquet qu'il y a lui-même déposé.
#[test]
fn un_dossier_d_echange_surveille_recoit_les_paquets() {
    let (_postes, mut a, mut b, _sorties) = postes_qui_se_connaissent();
    let partage = tempfile::tempdir().expect("partage");
    let id = Uuid::from_u128(0xD1);
    b.app
        .session
        .executer(
            id,
            &Commande::Ouvrir(Ouverture {
                id,
                personne: personne("2222222B"),
                initiative: Role::Referent,
                prescripteur: None,
                date: j("02/11/2026"),
                conseiller: Some(membre(Role::Conseiller)),
                referent: Some(membre(Role::Referent)),
            }),
        )
        .expect("ouvert");
    let compte_a = a.app.session.compte().id;
    binome(&mut b, B::Preparer(compte_a));
    let paquet = partage.path().join("pour-a.binome");
    binome(&mut b, B::CheminEnvoi(paquet.display().to_string()));
    binome(&mut b, B::Ecrire);
    assert!(paquet.exists());
    // Un chemin qui n'est pas un dossier est refusé, avec ce qu'il faut faire.
    binome(&mut a, B::DossierEchange("/nulle/part".into()));
    binome(&mut a, B::Surveiller);
    assert!(voit(&mut a, "n'est pas un dossier accessible"));
    for app in [&mut a, &mut b] {
        binome(app, B::DossierEchange(partage.path().display().to_string()));
        binome(app, B::Surveiller);
    }
    assert_eq!(
        a.app.session.portefeuille().len(),
        1,
        "reçu au premier relevé"
    );
    assert!(voit(&mut a, "Dossier d'échange : Paquet n° 1 de"));
    // Les tics suivants : rien de nouveau, aucune erreur, des deux côtés.
    for app in [&mut a, &mut b] {
        faire(app, app::Message::Horloge);
        assert!(app.app.erreur.is_none(), "{:?}", app.app.erreur);
    }
    assert!(b.app.avis.is_none(), "son propre paquet est ignoré");
    assert_eq!(a.app.session.portefeuille().len(), 1);
}

/// L'accord conjoint par l'échange, dans les deux fenêtres : le conseiller tient la
/// concertation et choisit « Sur son poste, par l'échange » ; chez le référent, le dossier
/// reçu montre « Donner mon accord » ; son accord revient au conseiller par le paquet suivant.
#[test]
fn l_accord_du_partenaire_se_donne_dans_sa_fenetre() {
    use binome::domain::diagnostic::Volet;
    use binome::domain::dossier::{Commande as C, ObjetFiche};
    use binome::services::echange;
    use binome::ui::ecrans::dossier::formulaire::{ChoixDecision, Formulaire, ModePartenaire};
    use binome::ui::ecrans::dossier::{self, edition};
    let (_postes, mut a, mut b, sorties) = postes_qui_se_connaissent();
    let out = sorties.path();
    let (compte_a, compte_b) = (a.app.session.compte().id, b.app.session.compte().id);
    // Le diagnostic partagé, par fichiers.
    let id = Uuid::from_u128(0xD2);
    for c in [
        C::Ouvrir(Ouverture {
            id,
            personne: personne("3333333C"),
            initiative: Role::Referent,
            prescripteur: None,
            date: j("02/11/2026"),
            conseiller: Some(membre(Role::Conseiller)),
            referent: Some(membre(Role::Referent)),
        }),
        C::EnregistrerDiagnostic(diagnostic(Volet::Social, j("03/11/2026"))),
        C::CreerFiche {
            emetteur: Role::Referent,
            objet: ObjetFiche::Orientation,
            date: j("03/11/2026"),
            motif: "Orientation".into(),
            synthese: String::new(),
            action_demandee: "Entretien n°1".into(),
        },
        C::EnvoyerFiche {
            numero: 1,
            date: j("03/11/2026"),
        },
    ] {
        b.app.session.executer(id, &c).expect("référent");
    }
    // Le paquet passe d'un poste à l'autre ; la fenêtre qui reçoit relit sa session, comme
    // après « Recevoir ».
    let passer = |de: &App, vers: &mut App, pour: uuid::Uuid, nom: &str| {
        let f = out.join(nom);
        echange::exporter(&de.session.poste(), pour, &f, false).expect("écrit");
        echange::importer(&vers.session.poste(), &f).expect("reçu");
        vers.session.recharger().expect("relu");
    };
    passer(&b.app, &mut a.app, compte_a, "1.binome");
    for c in [
        C::EnregistrerDiagnostic(diagnostic(Volet::Emploi, j("04/11/2026"))),
        C::EnregistrerRetourFiche {
            numero: 1,
            date: j("05/11/2026"),
            signee: true,
            commentaire: String::new(),
        },
    ] {
        a.app.session.executer(id, &c).expect("conseiller");
    }
    // Dans la fenêtre du conseiller : la concertation, l'accord du référent par l'échange.
    faire(
        &mut a,
        app::Message::Portefeuille(binome::ui::ecrans::portefeuille::Message::Ouvrir(id)),
    );
    let d = |m| app::Message::Dossier(dossier::Message::Edition(m));
    faire(
        &mut a,
        app::Message::Dossier(dossier::Message::Ouvrir(Formulaire::Concertation)),
    );
    for m in [
        edition::Message::Decision(ChoixDecision::Validation),
        edition::Message::AccordConseiller(true),
        edition::Message::AccordReferent(true),
        edition::Message::ModePartenaire(ModePartenaire::ParEchange),
    ] {
        faire(&mut a, d(m));
    }
    assert!(voit(&mut a, "elle ne prend plein effet"));
    faire(&mut a, d(edition::Message::Valider));
    assert!(
        voit(&mut a, "accord du référent social attendu"),
        "la décision attend l'accord du référent"
    );
    assert!(voit(&mut a, "Il le donne sur son poste"));
    passer(&a.app, &mut b.app, compte_b, "2.binome");
    // Chez le référent : le dossier reçu demande son accord ; il le donne.
    faire(&mut b, app::Message::Naviguer(Nav::AFaire));
    assert!(voit(&mut b, "Accords attendus du binôme (1)"));
    faire(
        &mut b,
        app::Message::Portefeuille(binome::ui::ecrans::portefeuille::Message::Ouvrir(id)),
    );
    assert!(voit(&mut b, "Donner mon accord"));
    faire(
        &mut b,
        app::Message::Dossier(dossier::Message::DonnerAccord(
            "La décision du temps de concertation".into(),
        )),
    );
    assert!(voit(&mut b, "Votre accord est enregistré"));
    assert!(!voit(&mut b, "Donner mon accord"));
    passer(&b.app, &mut a.app, compte_a, "3.binome");
    faire(&mut a, app::Message::Naviguer(Nav::AFaire));
    assert!(!voit(&mut a, "Accords attendus du binôme"));
}

/// L'écran de l'échange au clavier seul, à 100 % puis à 200 % : Ctrl+7, écrire sa carte où
/// l'on veut, importer celle du partenaire, la marquer vérifiée ; l'envoi devient possible.
fn cartes_au_clavier(largeur: f32, hauteur: f32, echelle: f32) {
    use iced::keyboard::{key::Named, Key, Modifiers};
    let d = tempfile::tempdir().expect("tmp");
    identifier(d.path(), conseiller());
    let mut app = App::new(session(d.path()));
    app.session.preferences_mut().echelle = echelle;
    let mut k = Clavier::new(app, largeur, hauteur);
    let (_db, b) = poste(referent());
    let sorties = tempfile::tempdir().expect("sorties");
    let carte_b = sorties.path().join("b.json");
    binome::services::cartes::exporter(&b.app.session.poste(), &carte_b, false).expect("carte");
    let ma_carte = sorties.path().join("ma-carte.json");

    k.ctrl("7");
    assert!(matches!(k.app.page, app::Page::Binome(_)));
    k.tab_vers_champ("binome-carte");
    // Le chemin proposé, effacé à la touche Retour arrière.
    let propose = binome::services::espace::dossier_des_documents()
        .join("carte-de-binome.json")
        .display()
        .to_string();
    for _ in 0..propose.chars().count() {
        k.touche(Key::Named(Named::Backspace), Modifiers::empty(), None);
    }
    k.taper(&ma_carte.display().to_string());
    k.tab_vers("Exporter ma carte");
    k.entree();
    assert!(ma_carte.exists(), "{:?}", k.frappes);
    k.tab_vers_champ("binome-carte-partenaire");
    k.taper(&carte_b.display().to_string());
    k.tab_vers("Importer");
    k.entree();
    assert!(k.voit("Marquer vérifiée"), "{:?}", k.frappes);
    k.tab_vers("Marquer vérifiée");
    k.entree();
    assert!(k.voit("Envoyer au binôme…"), "{:?}", k.frappes);
    k.tab_vers("Envoyer au binôme…");
}

#[test]
fn les_cartes_s_echangent_au_clavier_seul() {
    cartes_au_clavier(1280.0, 900.0, 1.0);
    cartes_au_clavier(640.0, 450.0, 2.0);
}

/// Le conseiller a ouvert « Envoyer la fiche n° 1 » pour sa fiche ; le référent avait rédigé
/// sa propre fiche n° 1 un peu avant, sans qu'ils le sachent. Son paquet arrive par le
/// dossier surveillé pendant la saisie : le dossier ouvert le montre, la fiche du conseiller
/// devient la n° 2, la saisie la suit (et le dit), et c'est bien elle qui part.
#[test]
fn une_saisie_ouverte_suit_sa_fiche_renumerotee_par_un_paquet() {
    use binome::domain::dossier::{Commande as C, ObjetFiche};
    use binome::ui::ecrans::dossier::formulaire::Formulaire;
    use binome::ui::ecrans::dossier::{self, edition};
    let (_postes, mut a, mut b, sorties) = postes_qui_se_connaissent();
    let partage = tempfile::tempdir().expect("partage");
    binome(
        &mut a,
        B::DossierEchange(partage.path().display().to_string()),
    );
    binome(&mut a, B::Surveiller);
    let compte_a = a.app.session.compte().id;
    let id = Uuid::from_u128(0xD3);
    b.app
        .session
        .executer(
            id,
            &C::Ouvrir(Ouverture {
                id,
                personne: personne("4444444D"),
                initiative: Role::Referent,
                prescripteur: None,
                date: j("02/11/2026"),
                conseiller: Some(membre(Role::Conseiller)),
                referent: Some(membre(Role::Referent)),
            }),
        )
        .expect("ouvert");
    let ecrire = |b: &mut Clavier, nom: &str| {
        binome(b, B::Preparer(compte_a));
        let f = sorties.path().join(nom);
        binome(b, B::CheminEnvoi(f.display().to_string()));
        binome(b, B::Ecrire);
        f
    };
    let ouverture = ecrire(&mut b, "1.binome");
    std::fs::rename(&ouverture, partage.path().join("1.binome")).expect("déposé");
    faire(&mut a, app::Message::Horloge);
    assert_eq!(a.app.session.portefeuille().len(), 1, "le dossier est reçu");
    // Chacun rédige sa fiche n° 1 : le référent d'abord.
    let fiche = |motif: &str, emetteur| C::CreerFiche {
        emetteur,
        objet: ObjetFiche::Information,
        date: j("03/11/2026"),
        motif: motif.into(),
        synthese: String::new(),
        action_demandee: String::new(),
    };
    b.app
        .session
        .executer(id, &fiche("FICHE-DU-REFERENT", Role::Referent))
        .expect("fiche du référent");
    let paquet = ecrire(&mut b, "2.binome");
    a.app
        .session
        .executer(id, &fiche("FICHE-DU-CONSEILLER", Role::Conseiller))
        .expect("fiche du conseiller");
    faire(
        &mut a,
        app::Message::Portefeuille(binome::ui::ecrans::portefeuille::Message::Ouvrir(id)),
    );
    faire(
        &mut a,
        app::Message::Dossier(dossier::Message::Ouvrir(Formulaire::EnvoyerFiche(1))),
    );
    // Le paquet du référent arrive pendant la saisie.
    std::fs::rename(&paquet, partage.path().join("2.binome")).expect("déposé");
    faire(&mut a, app::Message::Horloge);
    assert!(
        voit(&mut a, "FICHE-DU-REFERENT"),
        "le dossier ouvert montre ce qui arrive"
    );
    assert!(
        voit(&mut a, "la fiche de liaison n° 1 est maintenant la n° 2"),
        "la saisie suit sa fiche, et le dit"
    );
    faire(
        &mut a,
        app::Message::Dossier(dossier::Message::Edition(edition::Message::Valider)),
    );
    let d = a.app.session.dossier(id).expect("lu").expect("dossier");
    let envoyee = |motif: &str| {
        d.fiches
            .iter()
            .find(|f| f.motif == motif)
            .map(|f| (f.numero, f.envoyee_le.is_some()))
    };
    assert_eq!(envoyee("FICHE-DU-REFERENT"), Some((1, false)));
    assert_eq!(envoyee("FICHE-DU-CONSEILLER"), Some((2, true)));
}
