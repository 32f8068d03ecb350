//! L'échange entre les deux installations d'un binôme, par fichiers seulement : un parcours
//! entier passe de l'une à l'autre, dans n'importe quel ordre et avec des doublons, et finit
//! dans le même état partagé ; les paquets abîmés, étrangers, rejoués ou d'un inconnu sont
//! refusés sans rien changer ; rien de ce que la personne n'a pas accepté de partager, ni
//! aucune note privée, ne part.

use std::path::{Path, PathBuf};

use binome::domain::diagnostic::{Diagnostic, Volet};
use binome::domain::dossier::{
    Accord, CategorieSecret, Commande, Consentement, Decision, Dossier, MotifSortie,
    MoyenConsentement, ObjetFiche, Ouverture,
};
use binome::domain::echange::Charge;
use binome::domain::professionnel::{Professionnel, Role};
use binome::formats::paquet;
use binome::services::accords::AccordPartenaire;
use binome::services::session::Session;
use binome::services::{cartes, echange, ErreurService};
use uuid::Uuid;

use crate::commun::*;

/// Une installation : son dossier de données et la session de son professionnel.
struct Cote {
    dir: tempfile::TempDir,
    s: Session,
}

impl Cote {
    fn new(p: Professionnel) -> Cote {
        let dir = tempfile::tempdir().expect("tmp");
        identifier(dir.path(), p);
        let s = ecran::session(dir.path());
        Cote { dir, s }
    }

    fn compte(&self) -> Uuid {
        self.s.compte().id
    }

    /// Exécute une commande ; l'accord du partenaire à une décision conjointe est noté
    /// comme reçu par la fiche de liaison signée.
    fn faire(&mut self, id: Uuid, c: Commande) {
        let action = c.action();
        let partenaire = AccordPartenaire::HorsBinome {
            le: j("17/01/2026"),
            moyen: "fiche de liaison n° 2 signée".into(),
        };
        let accord = c.accord().is_some().then_some(&partenaire);
        if let Err(e) = self.s.executer_conjoint(id, &c, accord) {
            panic!("« {action} » refusé : {e}");
        }
    }

    fn dossier(&self, id: Uuid) -> Dossier {
        self.s.dossier(id).expect("lu").expect("dossier")
    }

    /// Écrit le paquet pour `autre` dans `sorties` et rend son chemin.
    fn envoyer(&self, autre: &Cote, sorties: &Path, nom: &str) -> PathBuf {
        let f = sorties.join(nom);
        echange::exporter(&self.s.poste(), autre.compte(), &f, false).expect("paquet écrit");
        f
    }

    fn recevoir(&self, f: &Path) -> Result<echange::Arrivee, ErreurService> {
        echange::importer(&self.s.poste(), f)
    }

    /// La charge d'un paquet qui lui est adressé, déchiffrée avec sa clé (comme le ferait
    /// son poste), pour voir ce qui est parti.
    fn dechiffrer(&self, f: &Path) -> (String, Charge) {
        let i = base(self.dir.path())
            .identite(self.compte())
            .expect("identité")
            .expect("présente");
        let identite: age::x25519::Identity = i.chiffrement.parse().expect("clé");
        let ouvert = paquet::ouvrir(&std::fs::read(f).expect("lu"), &identite).expect("ouvert");
        let texte = String::from_utf8(ouvert.charge.clone()).expect("utf-8");
        (
            texte,
            serde_json::from_slice(&ouvert.charge).expect("charge"),
        )
    }
}

/// Chacun importe la carte de l'autre ; `verifier` dit s'ils comparent leurs empreintes.
fn se_connaitre(a: &Cote, b: &Cote, sorties: &Path, verifier: bool) {
    for (de, vers, nom) in [(a, b, "carte-a.json"), (b, a, "carte-b.json")] {
        let f = sorties.join(nom);
        cartes::exporter(&de.s.poste(), &f, true).expect("carte écrite");
        cartes::importer(&vers.s.poste(), &f).expect("carte importée");
        if verifier {
            cartes::verifier(&vers.s.poste(), de.compte()).expect("vérifiée");
        }
    }
}

fn consentement(categories: Vec<CategorieSecret>) -> Commande {
    Commande::RecueillirConsentement(Consentement {
        date: j("08/01/2026"),
        moyen: MoyenConsentement::FormulaireEcrit,
        categories,
        document: None,
        revoque_le: None,
    })
}

fn diag_social(date: &str, commentaire: &str) -> Diagnostic {
    let mut d = diagnostic(Volet::Social, j(date));
    d.evaluations[0].commentaire = commentaire.into();
    d
}

/// Ce que les deux côtés doivent tenir à l'identique : le dossier tel que le conseiller le
/// voit (le référent voit en plus ce que la personne n'a pas accepté de partager).
/// Le nombre d'entrées (`version`) est local : une impression, qui ne voyage pas, le change.
fn partage(c: &Cote, id: Uuid) -> String {
    let mut d = c
        .dossier(id)
        .vu_par(Role::Conseiller, freins())
        .into_owned();
    d.version = 0;
    serde_json::to_string(&d).expect("json")
}

const ID: Uuid = Uuid::from_u128(0xB1);

/// Le parcours entier, à l'initiative du référent, par fichiers seulement.
#[test]
fn un_parcours_entier_passe_d_une_installation_a_l_autre() {
    let mut a = Cote::new(conseiller());
    let mut b = Cote::new(referent());
    let sorties = tempfile::tempdir().expect("sorties");
    let out = sorties.path();
    se_connaitre(&a, &b, out, true);

    // B, le référent, ouvre le dossier, fait son volet et oriente vers le conseiller.
    b.faire(
        ID,
        Commande::Ouvrir(Ouverture {
            id: ID,
            personne: personne("7654321B"),
            initiative: Role::Referent,
            prescripteur: None,
            date: j("05/01/2026"),
            conseiller: None,
            referent: Some(membre(Role::Referent)),
        }),
    );
    b.faire(
        ID,
        consentement(vec![
            CategorieSecret::Logement,
            CategorieSecret::SyntheseSociale,
        ]),
    );
    b.faire(
        ID,
        Commande::EnregistrerDiagnostic(diag_social("06/01/2026", "cherche un T2")),
    );
    b.faire(
        ID,
        Commande::AffecterMembre {
            membre: membre(Role::Conseiller),
            date: j("07/01/2026"),
        },
    );
    b.faire(
        ID,
        Commande::CreerFiche {
            emetteur: Role::Referent,
            objet: ObjetFiche::Orientation,
            date: j("07/01/2026"),
            motif: "Orientation".into(),
            synthese: String::new(),
            action_demandee: "Entretien n°1".into(),
        },
    );
    b.faire(
        ID,
        Commande::EnvoyerFiche {
            numero: 1,
            date: j("07/01/2026"),
        },
    );
    b.s.ajouter_note_privee(ID, "NOTE-PRIVEE-QUI-NE-PART-PAS")
        .expect("note privée");
    let apercu = echange::preparer(&b.s.poste(), a.compte()).expect("aperçu");
    assert_eq!(apercu.dossiers, 1);
    assert!(
        apercu.resume.starts_with(
            "1 dossier, 6 éléments : ouverture du dossier, consentement, diagnostic (volet social)"
        ),
        "{}",
        apercu.resume
    );
    let b1 = b.envoyer(&a, out, "b1.binome");
    let (texte, _) = a.dechiffrer(&b1);
    assert!(!texte.contains("NOTE-PRIVEE"), "la note privée est partie");
    let r = a.recevoir(&b1).expect("A reçoit b1");
    assert_eq!((r.numero, r.nouveaux, r.dossiers), (1, 6, 1), "{r:?}");
    assert!(
        a.s.dossier(ID).expect("lu").is_some(),
        "le dossier apparaît"
    );

    // A : volet emploi, retour de la fiche 1, fiche 2 vers le référent.
    a.faire(
        ID,
        Commande::EnregistrerDiagnostic(diagnostic(Volet::Emploi, j("14/01/2026"))),
    );
    a.faire(
        ID,
        Commande::EnregistrerRetourFiche {
            numero: 1,
            date: j("15/01/2026"),
            signee: true,
            commentaire: String::new(),
        },
    );
    a.faire(
        ID,
        Commande::CreerFiche {
            emetteur: Role::Conseiller,
            objet: ObjetFiche::Information,
            date: j("16/01/2026"),
            motif: "Inscription à une formation".into(),
            synthese: String::new(),
            action_demandee: "Avis du référent".into(),
        },
    );
    a.faire(
        ID,
        Commande::EnvoyerFiche {
            numero: 2,
            date: j("16/01/2026"),
        },
    );
    let a1 = a.envoyer(&b, out, "a1.binome");
    b.recevoir(&a1).expect("B reçoit a1");

    // B : retour de la fiche 2, concertation, action sociale.
    b.faire(
        ID,
        Commande::EnregistrerRetourFiche {
            numero: 2,
            date: j("17/01/2026"),
            signee: true,
            commentaire: "Avis favorable".into(),
        },
    );
    b.faire(
        ID,
        Commande::TenirConcertation {
            date: j("20/01/2026"),
            decision: Decision::Validation,
            accord: Accord::CONJOINT,
            commentaire: String::new(),
        },
    );
    b.faire(
        ID,
        Commande::AjouterAction {
            volet: Volet::Social,
            libelle: "Demande de logement social".into(),
            porteur: Role::Referent,
            date: j("21/01/2026"),
            echeance: None,
            besoin: Some("trouver-logement".into()),
        },
    );
    let b2 = b.envoyer(&a, out, "b2.binome");

    // A reçoit b2 (et b1 une seconde fois : refusé, rien ne change), puis entre.
    let avant = partage(&a, ID);
    let e = a.recevoir(&b1).expect_err("b1 rejoué");
    assert!(e.to_string().contains("déjà reçu"), "{e}");
    assert_eq!(partage(&a, ID), avant);
    a.recevoir(&b2).expect("A reçoit b2");
    a.faire(
        ID,
        Commande::AjouterAction {
            volet: Volet::Emploi,
            libelle: "Atelier CV".into(),
            porteur: Role::Conseiller,
            date: j("22/01/2026"),
            echeance: None,
            besoin: None,
        },
    );
    a.faire(
        ID,
        Commande::RealiserInitialisation {
            date: j("02/02/2026"),
        },
    );
    a.faire(
        ID,
        Commande::SignerContrat {
            date: j("02/02/2026"),
        },
    );
    let a2 = a.envoyer(&b, out, "a2.binome");
    b.recevoir(&a2).expect("B reçoit a2");

    // B reconduit ; A clôt (avant d'avoir reçu la reconduction : le paquet la rattrape).
    b.faire(
        ID,
        Commande::Reconduire {
            date: j("20/11/2026"),
            mois: 6,
            accord: Accord::CONJOINT,
        },
    );
    let b3 = b.envoyer(&a, out, "b3.binome");
    a.recevoir(&b3).expect("A reçoit b3");
    a.faire(
        ID,
        Commande::Cloturer {
            date: j("23/11/2026"),
            motif: MotifSortie::RetourEmploi,
            accord: Accord::CONJOINT,
            commentaire: "CDI".into(),
        },
    );
    let a3 = a.envoyer(&b, out, "a3.binome");
    // a2 une seconde fois, puis a3, puis a3 encore.
    assert!(b.recevoir(&a2).is_err(), "a2 rejoué");
    b.recevoir(&a3).expect("B reçoit a3");
    assert!(b.recevoir(&a3).is_err(), "a3 rejoué");

    let (da, db) = (a.dossier(ID), b.dossier(ID));
    assert!(da.cloture.is_some() && db.cloture.is_some());
    assert!(da.reconduction.is_some() && db.reconduction.is_some());
    assert_eq!(da.fiches, db.fiches, "les deux fiches, dans les deux sens");
    assert_eq!(da.actions.len(), 2);
    assert_eq!(partage(&a, ID), partage(&b, ID), "même état partagé");
    assert!(da.conflits_a_revoir().next().is_none());
    // Ce que le référent tient de plus (le détail social) est resté chez lui.
    assert!(serde_json::to_string(&db)
        .expect("json")
        .contains("cherche un T2"));
    for c in [&a, &b] {
        let v = base(c.dir.path()).verifier().expect("vérifié");
        assert!(v.problemes.is_empty(), "{:?}", v.problemes);
    }
    // Tout est accusé : le paquet suivant ne porte plus rien de nouveau.
    b.envoyer(&a, out, "b4.binome");
    let a4 = a.envoyer(&b, out, "a4.binome");
    b.recevoir(&a4).expect("accusés");
    let vide = b.envoyer(&a, out, "b5.binome");
    let (_, charge) = a.dechiffrer(&vide);
    assert!(
        charge.evenements.is_empty(),
        "{:?}",
        charge.evenements.len()
    );
}

/// Deux installations qui se connaissent (cartes vérifiées) et un dossier commun ouvert par
/// le référent, reçu par le conseiller.
fn binome_et_dossier() -> (Cote, Cote, tempfile::TempDir) {
    let a = Cote::new(conseiller());
    let mut b = Cote::new(referent());
    let sorties = tempfile::tempdir().expect("sorties");
    se_connaitre(&a, &b, sorties.path(), true);
    ouvrir_chez(&mut b, ID);
    let f = b.envoyer(&a, sorties.path(), "ouverture.binome");
    a.recevoir(&f).expect("reçu");
    (a, b, sorties)
}

/// Le diagnostic partagé par fichiers : le volet social et la fiche d'orientation du
/// référent, reçus ; le volet emploi et le retour de la fiche du conseiller, reçus.
fn diagnostic_partage(a: &mut Cote, b: &mut Cote, out: &Path) {
    b.faire(
        ID,
        Commande::EnregistrerDiagnostic(diag_social("06/01/2026", "")),
    );
    b.faire(
        ID,
        Commande::CreerFiche {
            emetteur: Role::Referent,
            objet: ObjetFiche::Orientation,
            date: j("07/01/2026"),
            motif: "Orientation".into(),
            synthese: String::new(),
            action_demandee: "Entretien n°1".into(),
        },
    );
    b.faire(
        ID,
        Commande::EnvoyerFiche {
            numero: 1,
            date: j("07/01/2026"),
        },
    );
    a.recevoir(&b.envoyer(a, out, "diag-b.binome"))
        .expect("A reçoit");
    a.faire(
        ID,
        Commande::EnregistrerDiagnostic(diagnostic(Volet::Emploi, j("08/01/2026"))),
    );
    a.faire(
        ID,
        Commande::EnregistrerRetourFiche {
            numero: 1,
            date: j("09/01/2026"),
            signee: true,
            commentaire: String::new(),
        },
    );
    b.recevoir(&a.envoyer(b, out, "diag-a.binome"))
        .expect("B reçoit");
}

/// Le référent ouvre un dossier avec le conseiller pour binôme, consentement au logement.
fn ouvrir_chez(b: &mut Cote, id: Uuid) {
    b.faire(
        id,
        Commande::Ouvrir(Ouverture {
            id,
            personne: personne("7654321B"),
            initiative: Role::Referent,
            prescripteur: None,
            date: j("05/01/2026"),
            conseiller: Some(membre(Role::Conseiller)),
            referent: Some(membre(Role::Referent)),
        }),
    );
    b.faire(id, consentement(vec![CategorieSecret::Logement]));
}

fn contact(role: Role, objet: &str) -> Commande {
    Commande::EnregistrerContact {
        date: j("10/01/2026"),
        canal: binome::domain::dossier::Canal::Telephone,
        role,
        objet: objet.into(),
    }
}

/// Un octet changé, un fichier tronqué, un paquet pour un autre, un émetteur dont la carte
/// manque ou n'est pas vérifiée : refusés avec un message qui dit quoi faire, rien ne change.
#[test]
fn les_paquets_douteux_sont_refuses_sans_rien_changer() {
    let (a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    b.faire(ID, contact(Role::Referent, "Appel du référent"));
    let bon = b.envoyer(&a, out, "bon.binome");
    let octets = std::fs::read(&bon).expect("lu");
    let avant = partage(&a, ID);
    let refuse = |f: &Path, attendu: &str| {
        let e = a.recevoir(f).expect_err("refusé");
        assert!(
            e.to_string().contains(attendu),
            "« {e} » au lieu de « {attendu} »"
        );
        assert_eq!(partage(&a, ID), avant, "rien n'a changé");
    };
    let mut abime = octets.clone();
    let milieu = abime.len() / 2;
    abime[milieu] ^= 0x01;
    let f = out.join("abime.binome");
    std::fs::write(&f, &abime).expect("écrit");
    refuse(&f, "abîmé, tronqué ou modifié");
    std::fs::write(&f, &octets[..octets.len() - 40]).expect("écrit");
    refuse(&f, "abîmé, tronqué ou modifié");
    std::fs::write(&f, b"").expect("écrit");
    refuse(&f, "abîmé, tronqué ou modifié");

    // Un paquet pour un autre poste : C, autre conseiller, le reçoit par erreur.
    let mut autre = conseiller();
    autre.id = Uuid::from_u128(3);
    autre.prenom = "Carole".into();
    let c = Cote::new(autre);
    se_connaitre(&b, &c, out, true);
    let e = c.recevoir(&bon).expect_err("pas pour C");
    assert!(
        e.to_string().contains("n'est pas adressé à ce poste"),
        "{e}"
    );

    // Sans la carte de l'émetteur, puis avec sa carte non vérifiée.
    let d = Cote::new(conseiller());
    let carte_d = out.join("carte-d.json");
    cartes::exporter(&d.s.poste(), &carte_d, true).expect("carte");
    cartes::importer(&b.s.poste(), &carte_d).expect("importée");
    cartes::verifier(&b.s.poste(), d.compte()).expect("vérifiée");
    let pour_d = b.envoyer(&d, out, "pour-d.binome");
    let e = d.recevoir(&pour_d).expect_err("inconnu");
    assert!(
        e.to_string().contains("dont vous n'avez pas la carte"),
        "{e}"
    );
    let carte_b = out.join("carte-de-b.json");
    cartes::exporter(&b.s.poste(), &carte_b, true).expect("carte");
    cartes::importer(&d.s.poste(), &carte_b).expect("importée");
    let e = d.recevoir(&pour_d).expect_err("non vérifiée");
    assert!(e.to_string().contains("pas encore vérifiée"), "{e}");
    assert!(d.s.dossier(ID).is_err(), "rien n'est entré chez D");
    // Et rien ne part vers une carte non vérifiée.
    let e = echange::exporter(&d.s.poste(), b.compte(), &out.join("x.binome"), false)
        .expect_err("vers une carte non vérifiée");
    assert!(e.to_string().contains("pas encore vérifiée"), "{e}");
    assert!(!out.join("x.binome").exists());

    // Le bon paquet passe, une fois.
    a.recevoir(&bon).expect("reçu");
    assert_ne!(partage(&a, ID), avant);
    assert!(a.recevoir(&bon).is_err(), "rejoué");
}

/// Après le retrait du consentement, rien de social ne part plus vers le conseiller ; les
/// notes privées ne partent jamais.
#[test]
fn le_retrait_du_consentement_arrete_ce_qui_part() {
    let (a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    b.faire(
        ID,
        Commande::EnregistrerDiagnostic(diag_social("06/01/2026", "AVANT-RETRAIT")),
    );
    let f = b.envoyer(&a, out, "avant.binome");
    assert!(a.dechiffrer(&f).0.contains("AVANT-RETRAIT"));
    a.recevoir(&f).expect("reçu");
    // A accuse réception : B n'enverra plus que la suite.
    let accuses = a.envoyer(&b, out, "accuses.binome");
    b.recevoir(&accuses).expect("accusés reçus");
    b.faire(
        ID,
        Commande::RevoquerConsentement {
            date: j("09/01/2026"),
        },
    );
    b.faire(
        ID,
        Commande::EnregistrerDiagnostic(diag_social("10/01/2026", "APRES-RETRAIT")),
    );
    b.s.ajouter_note_privee(ID, "NOTE-PRIVEE").expect("note");
    let f = b.envoyer(&a, out, "apres.binome");
    let (texte, charge) = a.dechiffrer(&f);
    assert!(!texte.contains("APRES-RETRAIT"), "{texte}");
    assert!(!texte.contains("NOTE-PRIVEE"));
    assert!(!texte.contains("trouver-logement"), "{texte}");
    assert_eq!(
        charge.evenements.len(),
        2,
        "le retrait et le diagnostic réduit"
    );
    a.recevoir(&f).expect("reçu");
    let chez_a = serde_json::to_string(&a.dossier(ID)).expect("json");
    assert!(!chez_a.contains("APRES-RETRAIT"));
}

/// Chacun tient la concertation avant d'avoir reçu celle de l'autre : le même conflit,
/// visible des deux côtés, et le même état.
#[test]
fn deux_concertations_font_le_meme_conflit_des_deux_cotes() {
    let (mut a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    diagnostic_partage(&mut a, &mut b, out);
    // Chacun tient la concertation de son côté, à deux dates.
    for (c, date) in [(&mut a, "20/01/2026"), (&mut b, "21/01/2026")] {
        c.faire(
            ID,
            Commande::TenirConcertation {
                date: j(date),
                decision: Decision::Validation,
                accord: Accord::CONJOINT,
                commentaire: String::new(),
            },
        );
    }
    let fa = a.envoyer(&b, out, "a.binome");
    let fb = b.envoyer(&a, out, "b.binome");
    a.recevoir(&fb).expect("A reçoit");
    b.recevoir(&fa).expect("B reçoit");
    let (da, db) = (a.dossier(ID), b.dossier(ID));
    assert_eq!(partage(&a, ID), partage(&b, ID));
    assert_eq!(da.conflits_a_revoir().count(), 1, "{:?}", da.conflits);
    assert_eq!(da.conflits, db.conflits);
    assert!(a.recevoir(&fb).is_err());
}

/// Le diagnostic partagé, puis la concertation (validation) tenue par le référent et reçue
/// par le conseiller.
fn valide(a: &mut Cote, b: &mut Cote, out: &Path) {
    diagnostic_partage(a, b, out);
    b.faire(
        ID,
        Commande::TenirConcertation {
            date: j("20/01/2026"),
            decision: Decision::Validation,
            accord: Accord::CONJOINT,
            commentaire: String::new(),
        },
    );
    a.recevoir(&b.envoyer(a, out, "concertation.binome"))
        .expect("A reçoit la concertation");
}

/// Une ressource prescrite pour une action sur un frein que la personne n'a pas accepté de
/// partager ne part pas vers le conseiller, même quand l'action a été renumérotée entre
/// l'écriture et l'envoi (le conseiller avait pris le même numéro) : le partage retrouve
/// l'action par son identifiant, pas par le numéro écrit dans l'événement.
#[test]
fn la_ressource_d_une_action_cachee_renumerotee_ne_part_pas() {
    let (mut a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    valide(&mut a, &mut b, out);
    a.faire(
        ID,
        Commande::AjouterAction {
            volet: Volet::Emploi,
            libelle: "Atelier CV".into(),
            porteur: Role::Conseiller,
            date: j("21/01/2026"),
            echeance: None,
            besoin: None,
        },
    );
    let fa = a.envoyer(&b, out, "action-a.binome");
    // B, sans l'avoir reçue : une action de santé (hors du consentement), n° 1 chez lui.
    b.faire(
        ID,
        Commande::AjouterAction {
            volet: Volet::Social,
            libelle: "Rendez-vous au CMP".into(),
            porteur: Role::Referent,
            date: j("22/01/2026"),
            echeance: None,
            besoin: Some("medecin".into()),
        },
    );
    b.faire(
        ID,
        Commande::PrescrireRessource {
            action: 1,
            prescription: binome::domain::dossier::Prescription {
                ressource: "r-cache".into(),
                nom: "RESSOURCE-DE-SANTE-CACHEE".into(),
                besoin: "medecin".into(),
                date: j("22/01/2026"),
            },
        },
    );
    b.recevoir(&fa).expect("B reçoit l'action de A");
    let d = b.dossier(ID);
    let cmp = d.actions.iter().find(|x| x.libelle == "Rendez-vous au CMP");
    assert_eq!(cmp.map(|x| (x.numero, x.prescriptions.len())), Some((2, 1)));
    // Le n° 1 est maintenant l'atelier CV, que le conseiller peut voir ; la prescription,
    // écrite pour « l'action n° 1 », ne part pas pour autant.
    let fb = b.envoyer(&a, out, "prescription-b.binome");
    let (texte, _) = a.dechiffrer(&fb);
    assert!(
        !texte.contains("RESSOURCE-DE-SANTE"),
        "la ressource cachée est partie"
    );
    a.recevoir(&fb).expect("A reçoit");
    let d = a.dossier(ID);
    assert_eq!(d.actions.len(), 2);
    assert!(
        d.actions.iter().all(|x| x.prescriptions.is_empty()),
        "{:?}",
        d.actions
    );
}

/// Chacun crée une fiche, une action et un point non planifié avant d'avoir reçu ceux de
/// l'autre : les mêmes numéros des deux côtés. Relus dans l'ordre commun, le premier garde
/// son numéro, l'autre prend le suivant, sur les deux postes ; l'envoi, le statut et le
/// compte rendu écrits avec l'ancien numéro visent toujours leur élément, pas celui qui a
/// gardé le numéro ; aucun conflit à revoir, rien ne reste au seul journal.
#[test]
fn les_numeros_pris_des_deux_cotes_avant_l_echange_sont_renumerotes() {
    let (mut a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    valide(&mut a, &mut b, out);
    // Le carnet commun : une action sociale (n° 1), une action emploi (n° 2).
    let commune = |volet, porteur| Commande::AjouterAction {
        volet,
        libelle: "Commune".into(),
        porteur,
        date: j("21/01/2026"),
        echeance: None,
        besoin: None,
    };
    b.faire(ID, commune(Volet::Social, Role::Referent));
    a.recevoir(&b.envoyer(&a, out, "carnet.binome"))
        .expect("A reçoit le carnet");
    a.faire(ID, commune(Volet::Emploi, Role::Conseiller));
    a.faire(
        ID,
        Commande::RealiserInitialisation {
            date: j("02/02/2026"),
        },
    );
    a.faire(
        ID,
        Commande::SignerContrat {
            date: j("02/02/2026"),
        },
    );
    b.recevoir(&a.envoyer(&b, out, "entree.binome"))
        .expect("B reçoit l'entrée");

    // Chacun de son côté, sans rien recevoir : fiche n° 2, action n° 3, point n° 1.
    let compte_rendu = |action: u32| binome::domain::dossier::CompteRendu {
        decisions: "Poursuivre".into(),
        actions: vec![action],
        ..Default::default()
    };
    for (c, role, volet, motif) in [
        (&mut a, Role::Conseiller, Volet::Emploi, "FICHE-DE-A"),
        (&mut b, Role::Referent, Volet::Social, "FICHE-DE-B"),
    ] {
        c.faire(
            ID,
            Commande::CreerFiche {
                emetteur: role,
                objet: ObjetFiche::Information,
                date: j("03/02/2026"),
                motif: motif.into(),
                synthese: String::new(),
                action_demandee: String::new(),
            },
        );
        c.faire(
            ID,
            Commande::AjouterAction {
                volet,
                libelle: format!("ACTION-{motif}"),
                porteur: role,
                date: j("03/02/2026"),
                echeance: None,
                besoin: None,
            },
        );
        c.faire(
            ID,
            Commande::TenirPoint {
                numero: None,
                date: j("04/02/2026"),
                synthese: format!("POINT-{motif}"),
                compte_rendu: compte_rendu(3),
            },
        );
        assert_eq!(c.dossier(ID).fiches.len(), 2);
    }
    // Seul B envoie sa fiche et change le statut de son action, avec les numéros qu'il voit.
    b.faire(
        ID,
        Commande::EnvoyerFiche {
            numero: 2,
            date: j("05/02/2026"),
        },
    );
    b.faire(
        ID,
        Commande::ChangerStatutAction {
            numero: 3,
            statut: binome::domain::dossier::StatutAction::Realisee,
            date: j("05/02/2026"),
        },
    );
    let fa = a.envoyer(&b, out, "a.binome");
    let fb = b.envoyer(&a, out, "b.binome");
    a.recevoir(&fb).expect("A reçoit");
    b.recevoir(&fa).expect("B reçoit");

    assert_eq!(
        partage(&a, ID),
        partage(&b, ID),
        "le même état des deux côtés"
    );
    for c in [&a, &b] {
        let d = c.dossier(ID);
        assert!(d.conflits.is_empty(), "{:?}", d.conflits);
        // A a écrit le premier : ses éléments gardent leur numéro, ceux de B prennent le
        // suivant et gardent la trace du leur.
        let fiche = |motif: &str| {
            d.fiches
                .iter()
                .find(|f| f.motif == motif)
                .unwrap_or_else(|| panic!("{motif} absente : {:?}", d.fiches))
        };
        let (fa, fb) = (fiche("FICHE-DE-A"), fiche("FICHE-DE-B"));
        assert_eq!((fa.numero, fa.numero_initial), (2, None));
        assert_eq!((fb.numero, fb.numero_initial), (3, Some(2)));
        assert_eq!(
            fa.envoyee_le, None,
            "l'envoi de B ne vise pas la fiche de A"
        );
        assert_eq!(fb.envoyee_le, Some(j("05/02/2026")));
        let action = |motif: &str| {
            d.actions
                .iter()
                .find(|x| x.libelle == format!("ACTION-{motif}"))
                .expect("action")
        };
        let (aa, ab) = (action("FICHE-DE-A"), action("FICHE-DE-B"));
        assert_eq!((aa.numero, ab.numero), (3, 4));
        assert_eq!(ab.numero_initial, Some(3));
        assert_eq!(aa.statut, binome::domain::dossier::StatutAction::AFaire);
        assert_eq!(ab.statut, binome::domain::dossier::StatutAction::Realisee);
        let point = |motif: &str| {
            d.points
                .iter()
                .find(|p| p.synthese == format!("POINT-{motif}"))
                .unwrap_or_else(|| panic!("point de {motif} absent : {:?}", d.points))
        };
        let (pa, pb) = (point("FICHE-DE-A"), point("FICHE-DE-B"));
        assert_eq!(
            (pa.numero, pb.numero),
            (1, 2),
            "deux points, pas un remplacé"
        );
        assert_eq!((pa.numero_initial, pb.numero_initial), (None, Some(1)));
        assert_eq!(pa.compte_rendu.actions, vec![3]);
        assert_eq!(
            pb.compte_rendu.actions,
            vec![4],
            "le compte rendu suit l'action de B"
        );
        // La chronologie dit les numéros définitifs.
        let chronologie: Vec<String> =
            c.s.journal(ID)
                .expect("journal")
                .iter()
                .map(|e| e.evenement.description())
                .collect();
        assert!(
            chronologie
                .iter()
                .any(|t| t.starts_with("Fiche de liaison n° 3 (n° 2 à sa création)")),
            "{chronologie:#?}"
        );
        assert!(chronologie.contains(&"Fiche de liaison n° 3 envoyée".to_string()));
        assert!(chronologie.contains(&"Action n° 4 : réalisée".to_string()));
        assert!(
            chronologie
                .iter()
                .any(|t| t.starts_with("Point d'échanges n° 2 (n° 1 à sa création) tenu")),
            "{chronologie:#?}"
        );
        // La fiche imprimée rappelle le numéro qu'elle avait à sa rédaction.
        let referentiel = binome::domain::structures::Referentiel::embarque();
        let (cs, rs) = (conseiller(), referent());
        let sources = binome::documents::dossier::Sources {
            dossier: &d,
            conseiller: Some(&cs),
            referent: Some(&rs),
            referentiel: &referentiel,
            freins: freins(),
            aujourdhui: j("06/02/2026"),
        };
        let modele = binome::documents::dossier::Modele::FicheLiaison(3);
        let pdf = binome::documents::dossier::generer(modele, &sources).expect("fiche");
        let texte = crate::pdf::mots(&pdf);
        assert!(texte.contains("Fiche de liaison n° 3"), "{texte}");
        assert!(texte.contains("Numérotée 2 à sa rédaction"), "{texte}");
    }
}

mod proprietes {
    use super::*;
    use proptest::prelude::*;

    /// Un pas du scénario : qui écrit (et envoie), ou quel paquet en attente arrive chez
    /// qui, ou se perd.
    #[derive(Debug, Clone)]
    enum Pas {
        AEcrit,
        BEcrit,
        VersA(usize),
        VersB(usize),
        Perdu(usize),
    }

    /// Une fiche rédigée puis envoyée, sous le dernier numéro que ce poste connaît.
    fn fiche_envoyee(c: &mut Cote, role: Role, motif: &str) {
        c.faire(
            ID,
            Commande::CreerFiche {
                emetteur: role,
                objet: ObjetFiche::Information,
                date: j("10/01/2026"),
                motif: motif.into(),
                synthese: String::new(),
                action_demandee: String::new(),
            },
        );
        let numero = c.dossier(ID).fiches.len() as u32;
        c.faire(
            ID,
            Commande::EnvoyerFiche {
                numero,
                date: j("10/01/2026"),
            },
        );
    }

    fn pas() -> impl Strategy<Value = Pas> {
        prop_oneof![
            Just(Pas::AEcrit),
            Just(Pas::BEcrit),
            any::<usize>().prop_map(Pas::VersA),
            any::<usize>().prop_map(Pas::VersB),
            any::<usize>().prop_map(Pas::Perdu),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        /// Paquets mélangés, en double ou perdus : un paquet refusé ne change rien, et une
        /// fois tout livré les deux côtés tiennent le même état, sans rien perdre.
        #[test]
        fn melanges_doubles_ou_perdus_les_paquets_convergent(
            plan in proptest::collection::vec(pas(), 4..24)
        ) {
            let (mut a, mut b, sorties) = binome_et_dossier();
            let out = sorties.path();
            let (mut pour_a, mut pour_b): (Vec<PathBuf>, Vec<PathBuf>) = (Vec::new(), Vec::new());
            let (mut ecrits, mut fiches) = (0, 0);
            for (i, p) in plan.iter().enumerate() {
                match p {
                    Pas::AEcrit | Pas::BEcrit => {
                        let (qui, autre, file, role) = if matches!(p, Pas::AEcrit) {
                            (&mut a, &b, &mut pour_b, Role::Conseiller)
                        } else {
                            (&mut b, &a, &mut pour_a, Role::Referent)
                        };
                        // Un pas sur trois, une fiche rédigée et envoyée sous le numéro que
                        // ce poste lui voit : l'autre a pu prendre le même.
                        if i % 3 == 0 {
                            fiche_envoyee(qui, role, &format!("fiche {i}"));
                            fiches += 1;
                        } else {
                            qui.faire(ID, contact(role, &format!("contact {i}")));
                            ecrits += 1;
                        }
                        file.push(qui.envoyer(autre, out, &format!("{i}.binome")));
                    }
                    Pas::VersA(n) | Pas::VersB(n) => {
                        let vers_a = matches!(p, Pas::VersA(_));
                        let (file, qui) = if vers_a { (&pour_a, &a) } else { (&pour_b, &b) };
                        if file.is_empty() {
                            continue;
                        }
                        let f = &file[n % file.len()];
                        let avant = partage(qui, ID);
                        if qui.recevoir(f).is_err() {
                            prop_assert_eq!(partage(qui, ID), avant, "un refus ne change rien");
                        }
                    }
                    Pas::Perdu(n) => {
                        let file = if n % 2 == 0 { &mut pour_a } else { &mut pour_b };
                        if !file.is_empty() {
                            let k = n % file.len();
                            file.remove(k);
                        }
                    }
                }
            }
            // Tout est livré : un dernier paquet de chaque côté, dans chaque sens.
            let f = a.envoyer(&b, out, "fin-a.binome");
            b.recevoir(&f).expect("B reçoit le dernier");
            let f = b.envoyer(&a, out, "fin-b.binome");
            a.recevoir(&f).expect("A reçoit le dernier");
            prop_assert_eq!(partage(&a, ID), partage(&b, ID));
            let d = a.dossier(ID);
            prop_assert_eq!(d.contacts.len(), ecrits);
            // Chaque fiche est là une fois, sous son numéro, et c'est elle qui est envoyée.
            prop_assert!(d.conflits.is_empty(), "{:?}", d.conflits);
            let mut numeros: Vec<u32> = d.fiches.iter().map(|f| f.numero).collect();
            numeros.sort_unstable();
            prop_assert_eq!(numeros, (1..=fiches).collect::<Vec<u32>>());
            prop_assert!(d.fiches.iter().all(|f| f.envoyee_le.is_some()), "{:?}", d.fiches);
        }
    }
}

/// `binome echange` en ligne de commande : l'aperçu, l'écriture du paquet pour un
/// partenaire désigné par son nom, la réception, l'état ; un paquet rejoué finit en erreur.
#[test]
fn la_ligne_de_commande_echange_des_paquets() {
    let texte = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    let (a, mut b, sorties) = binome_et_dossier();
    b.faire(ID, contact(Role::Referent, "Appel"));
    // Les sessions se ferment ; les dossiers de données restent.
    let (Cote { dir: dir_a, s: sa }, Cote { dir: dir_b, s: sb }) = (a, b);
    drop((sa, sb));
    let (da, db) = (dir_a.path(), dir_b.path());
    let paquet = sorties.path().join("cli.binome");
    let o = binome(db, &["echange", "etat"]);
    assert!(texte(&o).contains("Alice CONSEIL"), "{}", texte(&o));
    assert!(
        texte(&o).contains("1 dossier(s) à envoyer"),
        "{}",
        texte(&o)
    );
    let o = binome(
        db,
        &[
            "echange",
            "exporter",
            "--partenaire",
            "alice conseil",
            "--out",
            "-",
            "--apercu",
        ],
    );
    assert!(o.status.success(), "{}", texte(&o));
    assert!(texte(&o).contains("1 dossier, 3 éléments"), "{}", texte(&o));
    assert!(!paquet.exists());
    let chemin = paquet.to_str().expect("chemin");
    let o = binome(
        db,
        &[
            "echange",
            "exporter",
            "--partenaire",
            "Alice CONSEIL",
            "--out",
            chemin,
        ],
    );
    assert!(o.status.success(), "{}", texte(&o));
    assert!(
        texte(&o).contains("Paquet n° 2 pour Alice CONSEIL"),
        "{}",
        texte(&o)
    );
    let o = binome(da, &["echange", "importer", chemin]);
    assert!(o.status.success(), "{}", texte(&o));
    assert!(
        texte(&o).contains("Paquet n° 2 de Bruno SOCIAL reçu"),
        "{}",
        texte(&o)
    );
    let o = binome(da, &["echange", "importer", chemin]);
    assert!(!o.status.success());
    assert!(texte(&o).contains("déjà reçu"), "{}", texte(&o));
    let o = binome(
        db,
        &[
            "echange",
            "exporter",
            "--partenaire",
            "Personne",
            "--out",
            chemin,
        ],
    );
    assert!(!o.status.success());
    assert!(
        texte(&o).contains("Aucun partenaire ne s'appelle"),
        "{}",
        texte(&o)
    );
}

/// Un accord conjoint donné sur chaque poste : le référent tient la concertation et demande
/// l'accord du conseiller par l'échange ; le contrat attend cet accord ; le conseiller le
/// donne sur son poste ; le paquet suivant l'apporte, et les deux côtés ont les deux accords.
#[test]
fn un_accord_conjoint_se_donne_sur_chaque_poste_et_voyage() {
    use binome::domain::dossier::Attestation;
    let (mut a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    diagnostic_partage(&mut a, &mut b, out);
    let concertation = Commande::TenirConcertation {
        date: j("20/01/2026"),
        decision: Decision::Validation,
        accord: Accord::CONJOINT,
        commentaire: String::new(),
    };
    b.s.executer_conjoint(ID, &concertation, Some(&AccordPartenaire::ParEchange))
        .expect("concertation, accord du conseiller attendu");
    assert_eq!(
        b.dossier(ID).accords_attendus(),
        vec![("La décision du temps de concertation", Role::Conseiller)]
    );
    a.recevoir(&b.envoyer(&a, out, "b2.binome"))
        .expect("A reçoit la décision");
    for (volet, porteur) in [
        (Volet::Emploi, Role::Conseiller),
        (Volet::Social, Role::Referent),
    ] {
        a.faire(
            ID,
            Commande::AjouterAction {
                volet,
                libelle: format!("Action {}", volet.libelle()),
                porteur,
                date: j("21/01/2026"),
                echeance: None,
                besoin: None,
            },
        );
    }
    a.faire(
        ID,
        Commande::RealiserInitialisation {
            date: j("02/02/2026"),
        },
    );
    let signer = Commande::SignerContrat {
        date: j("02/02/2026"),
    };
    let e = a.s.executer(ID, &signer).expect_err("l'accord manque");
    assert!(
        e.to_string()
            .contains("attend encore l'accord du conseiller dédié"),
        "{e}"
    );
    // Seul le membre attendu le donne : le référent ne peut pas le donner à sa place.
    let e =
        b.s.donner_accord(ID, "La décision du temps de concertation")
            .expect_err("pas le sien");
    assert!(
        e.to_string().contains("Aucun accord n'est attendu de vous"),
        "{e}"
    );
    a.s.donner_accord(ID, "La décision du temps de concertation")
        .expect("accord donné");
    a.s.executer(ID, &signer).expect("contrat signé");
    b.recevoir(&a.envoyer(&b, out, "a2.binome"))
        .expect("B reçoit l'accord");
    for c in [&a, &b] {
        let d = c.dossier(ID);
        assert!(d.accords_attendus().is_empty());
        let accords = d
            .accords_de("La décision du temps de concertation")
            .expect("accords");
        assert!(
            matches!(&accords.conseiller, Attestation::Connecte { nom, .. } if nom == "Alice CONSEIL"),
            "{accords:?}"
        );
        assert!(d.entree.is_some());
    }
    assert_eq!(partage(&a, ID), partage(&b, ID));
}

/// Demander l'accord du partenaire par l'échange suppose sa carte vérifiée.
#[test]
fn l_accord_par_l_echange_suppose_une_carte_verifiee() {
    let mut b = Cote::new(referent());
    b.s.enregistrer_professionnel(conseiller())
        .expect("annuaire");
    ouvrir_chez(&mut b, ID);
    let e =
        b.s.executer_conjoint(
            ID,
            &Commande::TenirConcertation {
                date: j("20/01/2026"),
                decision: Decision::Validation,
                accord: Accord::CONJOINT,
                commentaire: String::new(),
            },
            Some(&AccordPartenaire::ParEchange),
        )
        .expect_err("sans carte");
    assert!(
        e.to_string()
            .contains("sa carte de binôme doit être importée et vérifiée"),
        "{e}"
    );
}

/// Une rectification vise son entrée par son identifiant : chez le partenaire, où le
/// journal n'a pas les mêmes numéros (une impression ne voyage pas), elle corrige la même
/// entrée, et les deux côtés restent au même état.
#[test]
fn une_rectification_corrige_la_meme_entree_des_deux_cotes() {
    use binome::domain::dossier::Correction;
    let (mut a, mut b, sorties) = binome_et_dossier();
    let out = sorties.path();
    diagnostic_partage(&mut a, &mut b, out);
    // Une impression chez le référent : une entrée de plus dans son seul journal.
    b.faire(
        ID,
        Commande::NoterImpression {
            document: "Fiche de liaison".into(),
            date: j("10/01/2026"),
        },
    );
    b.faire(
        ID,
        Commande::TenirConcertation {
            date: j("20/01/2026"),
            decision: Decision::Validation,
            accord: Accord::CONJOINT,
            commentaire: String::new(),
        },
    );
    a.recevoir(&b.envoyer(&a, out, "c.binome"))
        .expect("A reçoit");
    let numero = |c: &Cote| {
        c.s.journal(ID)
            .expect("journal")
            .iter()
            .position(|e| e.evenement.type_() == "ConcertationTenue")
            .expect("concertation") as u64
            + 1
    };
    assert_ne!(
        numero(&a),
        numero(&b),
        "les numéros diffèrent d'un poste à l'autre"
    );
    b.faire(
        ID,
        Commande::Rectifier {
            cible: numero(&b),
            correction: Correction::Date(j("21/01/2026")),
            motif: "Date mal saisie".into(),
        },
    );
    a.recevoir(&b.envoyer(&a, out, "r.binome"))
        .expect("A reçoit la rectification");
    for c in [&a, &b] {
        let d = c.dossier(ID);
        assert_eq!(d.concertation.expect("concertation").date, j("21/01/2026"));
    }
    assert_eq!(partage(&a, ID), partage(&b, ID));
    for c in [&a, &b] {
        let v = base(c.dir.path()).verifier().expect("vérifié");
        assert!(v.problemes.is_empty(), "{:?}", v.problemes);
    }
}

/// Le professionnel de la mission locale de Marseille (cotraitance des jeunes).
fn mission_locale() -> Professionnel {
    Professionnel {
        id: Uuid::from_u128(0x31),
        affectation: binome::domain::professionnel::Affectation::Structure {
            genre: binome::domain::professionnel::GenreStructure::MissionLocale,
            code: "ML-MARSEILLE".into(),
            nom: "Mission locale de Marseille".into(),
        },
        ..referent()
    }
}

#[test]
fn un_jeune_en_cotraitance_va_de_pole_emploi_a_la_mission_locale_et_revient() {
    use binome::domain::cotraitance::{
        Commande as C, Critere, Etat, Jeune, ParcoursPoleEmploi, PremierContact, SuiviExistant,
    };
    let mut pe = Cote::new(conseiller());
    let mut ml = Cote::new(mission_locale());
    let rs = Cote::new(referent());
    let sorties = tempfile::tempdir().expect("sorties");
    let out = sorties.path();
    se_connaitre(&pe, &ml, out, true);
    se_connaitre(&pe, &rs, out, true);
    let (id, _) =
        pe.s.executer_cotraitance(
            None,
            &C::Affecter {
                jeune: Jeune {
                    nom: "Fictif".into(),
                    prenom: "Léo".into(),
                    identifiant_ft: "5555555E".into(),
                    naissance: j("01/02/2004"),
                    commune: "13201".into(),
                },
                mission_locale: "ML-MARSEILLE".into(),
                criteres: vec![Critere::SansRepereNiReseau],
                parcours: ParcoursPoleEmploi::Accompagnement,
                suivi: SuiviExistant::Aucun,
                confirme: false,
                date: j("20/11/2026"),
            },
        )
        .expect("affecté");
    // Le référent social du Département n'a rien à recevoir de ce jeune.
    let pour_rs = echange::preparer(&pe.s.poste(), rs.compte()).expect("aperçu");
    assert_eq!(pour_rs.elements, 0, "{}", pour_rs.resume);
    // La mission locale reçoit l'affectation : le jeune apparaît chez elle.
    let f = pe.envoyer(&ml, out, "pe-1.binome");
    let a = ml.recevoir(&f).expect("reçu");
    assert_eq!(a.nouveaux, 1);
    assert!(
        a.message().contains("cotraitance : 1 jeune"),
        "{}",
        a.message()
    );
    ml.s.recharger().expect("relu");
    assert_eq!(ml.s.jeunes().len(), 1);
    assert_eq!(ml.s.jeunes()[0].etat, Etat::Affecte);
    // Elle accepte et initialise ; Pôle emploi le reçoit et voit le jeune actif.
    ml.s.executer_cotraitance(
        Some(id),
        &C::Accepter {
            date: j("21/11/2026"),
        },
    )
    .expect("accepté");
    ml.s.executer_cotraitance(
        Some(id),
        &C::Initialiser {
            date: j("22/11/2026"),
            contact: PremierContact::Atelier,
        },
    )
    .expect("initialisé");
    let g = ml.envoyer(&pe, out, "ml-1.binome");
    let a = pe.recevoir(&g).expect("reçu");
    assert_eq!(a.nouveaux, 2, "{}", a.message());
    pe.s.recharger().expect("relu");
    assert_eq!(pe.s.jeunes()[0].etat, Etat::Actif);
    // Reçu deux fois : refusé, rien ne change.
    assert!(matches!(
        pe.recevoir(&g),
        Err(ErreurService::Store(
            binome::services::ErreurStore::PaquetDejaRecu { .. }
        ))
    ));
    // Les deux installations gardent le même jeune, et leurs bases se vérifient.
    let chez = |c: &Cote| {
        base(c.dir.path())
            .cotraitance(id)
            .expect("lu")
            .expect("présent")
            .faits
    };
    assert_eq!(chez(&pe), chez(&ml));
    for c in [&pe, &ml] {
        let mut b = base(c.dir.path());
        let v = b.verifier().expect("vérification");
        assert!(v.est_saine(), "{:?}", v.problemes);
        let avant = b.empreinte_projections().expect("projections");
        b.reconstruire().expect("reconstruction");
        assert_eq!(b.empreinte_projections().expect("projections"), avant);
    }
    // Le paquet suivant de Pôle emploi n'a plus rien de ce jeune à renvoyer, seulement
    // l'accusé de ce qu'il a reçu.
    let suite = echange::preparer(&pe.s.poste(), ml.compte()).expect("aperçu");
    assert_eq!(suite.elements, 0, "{}", suite.resume);
}

/// Un dossier commun est dans les deux bases, et à l'écran de chacun ; l'agrégat
/// départemental ne le compte qu'une fois : chez le poste qui l'a ouvert (le référent ici).
#[test]
fn un_dossier_commun_compte_une_fois_dans_la_fusion_des_agregats() {
    use binome::domain::indicateurs::agregat::Agregat;
    use binome::domain::indicateurs::{Bornes, Cle, Mois};
    use binome::services::indicateurs::{self, Export, FormatExport};

    let (mut a, mut b, sorties) = binome_et_dossier();
    diagnostic_partage(&mut a, &mut b, sorties.path());
    let bornes = Bornes {
        de: Mois::lire("2026-01").expect("mois"),
        a: Mois::lire("2026-12").expect("mois"),
        aujourdhui: j("30/11/2026"),
    };
    let total = |t: &binome::domain::indicateurs::Indicateurs| -> u64 {
        t.values()
            .flat_map(|c| c.cellules.values())
            .map(|c| c.total)
            .sum()
    };
    let agregat = |c: &Cote| -> Agregat {
        let octets = indicateurs::rediger_export(
            &c.s.poste(),
            &Export {
                format: FormatExport::Agregat,
                bornes,
                agence: None,
                masquer: false,
            },
        )
        .expect("agrégat");
        Agregat::lire(&octets, "agrégat").expect("relu")
    };
    let comptes = |g: &Agregat| -> u64 {
        g.sources
            .iter()
            .flat_map(|s| &s.cases)
            .map(|c| c.total)
            .sum()
    };
    // À l'écran, chacun voit le dossier compté.
    let ecran_a = indicateurs::calculer(&a.s.poste(), bornes).expect("A");
    let ecran_b = indicateurs::calculer(&b.s.poste(), bornes).expect("B");
    assert!(
        total(&ecran_b) > 0,
        "le dossier compte à l'écran du référent"
    );
    assert_eq!(total(&ecran_a), total(&ecran_b), "et à celui du conseiller");
    // Dans les agrégats, seul le référent, qui l'a ouvert, le compte.
    let (ga, gb) = (agregat(&a), agregat(&b));
    assert!(comptes(&gb) > 0);
    assert_eq!(
        comptes(&ga),
        0,
        "le conseiller l'a reçu : hors de son agrégat"
    );
    let fusion = Agregat::fusionner(&[("a.json".into(), ga), ("b.json".into(), gb.clone())])
        .expect("fusion");
    assert_eq!(comptes(&fusion), comptes(&gb), "compté une fois");

    // Entré (une portion d'accompagnement), clôturé, puis effacé chez le conseiller et tout
    // recalculé : son écran garde ce que le dossier apportait, son agrégat ne le compte
    // toujours pas.
    for c in validation_et_carnet().into_iter().chain(entree()) {
        b.faire(ID, c);
    }
    b.faire(
        ID,
        Commande::Cloturer {
            date: j("10/03/2026"),
            motif: MotifSortie::RetourEmploi,
            accord: Accord::CONJOINT,
            commentaire: String::new(),
        },
    );
    a.recevoir(&b.envoyer(&a, sorties.path(), "cloture.binome"))
        .expect("A reçoit la clôture");
    let avant = indicateurs::calculer(&a.s.poste(), bornes).expect("A");
    let actifs = |t: &binome::domain::indicateurs::Indicateurs| -> u64 {
        t.values()
            .flat_map(|c| &c.cellules)
            .filter(|((cle, _), _)| *cle == Cle::AccompagnementsActifs)
            .map(|(_, c)| c.total)
            .sum()
    };
    assert!(actifs(&avant) > 0, "une portion d'accompagnement compte");
    let Cote { dir, s } = a;
    drop(s);
    let mut store = base(dir.path());
    store
        .effacer(
            &[ID],
            binome::domain::effacement::MotifEffacement::Conservation,
            "essai",
            "2028-02-01T10:00:00",
            freins(),
        )
        .expect("effacé");
    store.reconstruire().expect("reconstruit");
    assert!(store.dossier(ID).expect("lu").is_none(), "effacé");
    assert_eq!(
        total(&store.indicateurs(bornes).expect("écran")),
        total(&avant),
        "l'écran garde les comptes"
    );
    let ecran = store.indicateurs(bornes).expect("écran");
    assert_eq!(actifs(&ecran), actifs(&avant), "portion gardée, anonyme");
    assert_eq!(
        total(
            &store
                .indicateurs_de_ce_poste(bornes, freins())
                .expect("agrégat")
        ),
        0,
        "l'agrégat ne compte toujours pas le dossier reçu, ni sa portion"
    );
    assert_eq!(
        total(&indicateurs::calculer(&b.s.poste(), bornes).expect("B")),
        total(&avant),
        "le référent, qui l'a ouvert, le compte"
    );
}

fn referent2() -> Professionnel {
    Professionnel {
        id: Uuid::from_u128(3),
        nom: "Autre".into(),
        prenom: "Chloé".into(),
        ..referent()
    }
}

/// Le diagnostic partagé entre le conseiller (A) et le référent (B), puis le dossier confié
/// par le conseiller à un autre référent (B2, un troisième poste qui connaît A).
fn reaffecte() -> (Cote, Cote, Cote, tempfile::TempDir) {
    let (mut a, mut b, sorties) = binome_et_dossier();
    let b2 = Cote::new(referent2());
    se_connaitre(&a, &b2, sorties.path(), true);
    diagnostic_partage(&mut a, &mut b, sorties.path());
    a.faire(
        ID,
        Commande::AffecterMembre {
            membre: referent2().membre(),
            date: j("15/01/2026"),
        },
    );
    (a, b, b2, sorties)
}

/// Le conseiller confie le dossier à un autre référent, sur un troisième poste : l'ancien
/// référent apprend la réaffectation (et n'envoie plus rien), le nouveau reçoit tout le
/// dossier, et l'échange continue avec lui dans les deux sens.
#[test]
fn un_dossier_reaffecte_passe_au_nouveau_binome() {
    let (a, b, mut b2, sorties) = reaffecte();
    let out = sorties.path();
    let vers_b = echange::preparer(&a.s.poste(), b.compte()).expect("aperçu");
    assert!(
        vers_b.elements > 0,
        "l'ancien référent apprend la réaffectation"
    );
    let a_envoyer = |c: &Cote, vers: &Cote| -> usize {
        echange::etats(&c.s.poste())
            .expect("états")
            .into_iter()
            .find(|e| e.carte.carte.compte == vers.compte())
            .map_or(0, |e| e.a_envoyer)
    };
    assert_eq!(a_envoyer(&a, &b), 1, "À faire rappelle l'ancien référent");
    let r2 = b2
        .recevoir(&a.envoyer(&b2, out, "a-b2.binome"))
        .expect("B2 reçoit");
    assert_eq!(r2.ignores, 0, "{}", r2.message());
    b2.s.recharger().expect("relu");
    assert_eq!(
        b2.dossier(ID).diagnostics.len(),
        2,
        "tout le dossier, volet social du premier référent compris"
    );
    assert_eq!(partage(&a, ID), partage(&b2, ID));
    b.recevoir(&a.envoyer(&b, out, "a-b.binome"))
        .expect("B reçoit");
    assert_eq!(a_envoyer(&a, &b), 0, "plus rien pour l'ancien référent");
    let chez_b = base(b.dir.path()).dossier(ID).expect("lu").expect("là");
    assert_eq!(chez_b.referent.map(|m| m.id), Some(referent2().id));
    assert_eq!(
        echange::preparer(&b.s.poste(), a.compte())
            .expect("aperçu")
            .elements,
        0,
        "l'ancien référent n'envoie plus rien"
    );
    b2.faire(ID, contact(Role::Referent, "DE-B2"));
    let r = a
        .recevoir(&b2.envoyer(&a, out, "b2-a.binome"))
        .expect("A reçoit");
    assert_eq!((r.nouveaux, r.ignores), (1, 0), "{}", r.message());
}

/// L'ancien référent écrit dans le dossier avant d'avoir reçu sa réaffectation : ce qu'il a
/// écrit part quand même vers le conseiller, qui le relaie au nouveau référent ; ce qu'il
/// écrit après l'avoir apprise reste chez lui. Les trois postes finissent d'accord.
#[test]
fn ce_que_l_ancien_referent_ecrit_avant_de_l_apprendre_arrive_au_nouveau() {
    let (mut a, mut b, mut b2, sorties) = reaffecte();
    let out = sorties.path();
    let vers_b = a.envoyer(&b, out, "a-b.binome");
    b2.recevoir(&a.envoyer(&b2, out, "a-b2.binome"))
        .expect("B2 reçoit tout le dossier");
    // B2 répond (son paquet accuse réception) : le suivant vers lui ne portera que le neuf.
    b2.faire(ID, contact(Role::Referent, "DE-B2"));
    a.recevoir(&b2.envoyer(&a, out, "b2-a.binome"))
        .expect("A reçoit B2");
    // B ne sait pas encore : il note un contact, puis reçoit la réaffectation.
    b.faire(ID, contact(Role::Referent, "EN-RETARD-DE-B"));
    b.recevoir(&vers_b).expect("B apprend la réaffectation");
    b.faire(ID, contact(Role::Referent, "APRES-COUP-DE-B"));
    let r = a
        .recevoir(&b.envoyer(&a, out, "b-a.binome"))
        .expect("A reçoit");
    assert_eq!((r.nouveaux, r.ignores), (1, 0), "{}", r.message());
    let objets = |c: &Cote| -> Vec<String> {
        c.dossier(ID)
            .contacts
            .iter()
            .map(|x| x.objet.clone())
            .collect()
    };
    assert!(objets(&a).contains(&"EN-RETARD-DE-B".to_string()));
    assert!(!objets(&a).contains(&"APRES-COUP-DE-B".to_string()));
    // À faire rappelle au conseiller qu'il a de quoi relayer au nouveau référent.
    a.s.recharger().expect("relu");
    let a_envoyer = echange::etats(&a.s.poste())
        .expect("états")
        .into_iter()
        .find(|e| e.carte.carte.compte == b2.compte())
        .map_or(0, |e| e.a_envoyer);
    assert_eq!(
        a_envoyer, 1,
        "le contact de l'ancien référent est à relayer"
    );
    let r2 = b2
        .recevoir(&a.envoyer(&b2, out, "a-b2-relais.binome"))
        .expect("B2 reçoit le relais");
    assert_eq!((r2.nouveaux, r2.ignores), (1, 0), "{}", r2.message());
    assert!(objets(&b2).contains(&"EN-RETARD-DE-B".to_string()));
    assert_eq!(
        partage(&a, ID),
        partage(&b2, ID),
        "le binôme actuel est d'accord"
    );
}
