//! Les documents imprimés, relus comme un lecteur de PDF les lit.

use crate::commun::*;
use binome::documents::dossier::{generer, Modele, Sources};
use binome::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use binome::domain::dossier::{Accord, Commande, MotifSortie};
use binome::domain::freins::Freins;
use binome::domain::professionnel::Role;
use binome::domain::structures::Referentiel;
use binome::fichiers::ecrire_atomiquement;

/// Le texte de chaque page.
fn lire(octets: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(octets).expect("PDF lisible");
    let n = doc.get_pages().len() as u32;
    (1..=n)
        .map(|p| doc.extract_text(&[p]).expect("texte de la page"))
        .collect()
}

fn tout(octets: &[u8]) -> String {
    lire(octets).join("\n")
}

/// Le texte d'un document, mots séparés d'une espace : un libellé coupé en fin de ligne
/// d'une cellule se retrouve entier.
pub fn mots(octets: &[u8]) -> String {
    tout(octets)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn document(p: &Parcours, m: Modele) -> Result<Vec<u8>, String> {
    let (c, r) = (conseiller(), referent());
    let referentiel = Referentiel::embarque();
    let freins = Freins::embarque();
    let s = Sources {
        dossier: p.d(),
        conseiller: Some(&c),
        referent: Some(&r),
        referentiel: &referentiel,
        freins: &freins,
        aujourdhui: p.aujourdhui,
    };
    generer(m, &s).map_err(|e| e.to_string())
}

/// Un volet social avec un besoin confidentiel (santé) et un besoin partageable.
fn diagnostic_social(date: &str) -> Diagnostic {
    Diagnostic {
        volet: Volet::Social,
        date: j(date),
        synthese: String::new(),
        evaluations: vec![
            Evaluation {
                besoin: "trouver-logement".into(),
                situation: Situation::Oui,
                objectif: Objectif::EnCours,
                commentaire: String::new(),
                confidentiel: false,
            },
            Evaluation {
                besoin: "psychologue".into(),
                situation: Situation::Oui,
                objectif: Objectif::EnCours,
                commentaire: String::new(),
                confidentiel: true,
            },
        ],
    }
}

#[test]
fn le_contrat_nomme_les_parties_les_dates_et_les_droits() {
    let p = Parcours::entre(Role::Conseiller);
    let octets = document(&p, Modele::Contrat).expect("contrat");
    let t = tout(&octets);
    for attendu in [
        "Contrat d'accompagnement global",
        "Mme FICTIVE Élise",
        "1234567A",
        "Alice CONSEIL",
        "Bruno SOCIAL",
        "Pôle d'insertion de test",
        "du 02/02/2026 au 01/02/2027",
        "à tout moment",
        "radiation",
        "Ce consentement peut être retiré à tout moment",
        "deux ans au plus après le dernier contact",
        "La personne accompagnée",
        "Le conseiller dédié",
        "Le référent social",
        "Fait à Arles, le",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent du contrat :\n{t}"
        );
    }
    assert!(octets.len() <= 100_000, "{} octets", octets.len());
    // Avant la signature, le contrat à signer ne parle pas de dates qui n'existent pas.
    let a_signer =
        tout(&document(&Parcours::valide(Role::Conseiller), Modele::Contrat).expect("contrat"));
    assert!(
        a_signer.contains("à compter de la date de signature"),
        "{a_signer}"
    );
    assert!(!a_signer.contains("du la date"));
    // La date de naissance, accordée à la civilité, sur la fiche de liaison.
    let fiche = tout(&document(&p, Modele::FicheLiaison(1)).expect("fiche"));
    assert!(fiche.contains("Née le"), "{fiche}");
    assert!(!fiche.contains("Née ou né"));
}

#[test]
fn la_fiche_de_liaison_ne_montre_pas_le_confidentiel() {
    let mut p = Parcours::ouvert(Role::Referent);
    p.faire(Commande::EnregistrerDiagnostic(diagnostic_social(
        "06/01/2026",
    )))
    .faire(Commande::CreerFiche {
        emetteur: Role::Referent,
        objet: binome::domain::dossier::ObjetFiche::Orientation,
        date: j("07/01/2026"),
        motif: "Orientation vers le conseiller dédié pour le volet emploi".into(),
        synthese: "Logement à trouver en priorité.".into(),
        action_demandee: "Réaliser l'entretien n°1 volet emploi.".into(),
    })
    .faire(Commande::EnvoyerFiche {
        numero: 1,
        date: j("08/01/2026"),
    });
    let t = tout(&document(&p, Modele::FicheLiaison(1)).expect("fiche"));
    for attendu in [
        "Fiche de liaison n° 1 — Orientation",
        "Bruno SOCIAL, référent social",
        "conseiller dédié",
        "07/01/2026",
        "08/01/2026",
        "Orientation vers le conseiller dédié pour le volet emploi",
        "Trouver un logement",
        "L'émetteur (référent social)",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent :\n{t}");
    }
    assert!(
        !t.contains("psychologue"),
        "un besoin confidentiel ne sort pas du côté social"
    );
    assert!(
        !t.contains("Retournée le"),
        "un champ vide n'est pas imprimé"
    );
    assert!(document(&p, Modele::FicheLiaison(7))
        .unwrap_err()
        .contains("n° 7 n'existe pas"));
}

#[test]
fn un_carnet_de_60_actions_se_pagine_proprement() {
    let mut p = Parcours::valide(Role::Conseiller);
    for i in 3..=60 {
        p.faire(Commande::AjouterAction {
            volet: if i % 2 == 0 { Volet::Emploi } else { Volet::Social },
            libelle: format!("Action numéro {i} : démarche à accomplir avec un libellé assez long pour passer à la ligne dans sa colonne"),
            porteur: Role::Conseiller,
            date: j("21/01/2026"),
            echeance: Some(j("30/06/2026")),
            besoin: Some("permis".into()),
        });
    }
    let octets = document(&p, Modele::Carnet).expect("carnet");
    let pages = lire(&octets);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("page {} / {n}", i + 1)),
            "pied de la page {}",
            i + 1
        );
    }
    let t = pages.join("\n");
    for i in 3..=60 {
        assert!(
            t.contains(&format!("Action numéro {i} :")),
            "action {i} perdue"
        );
    }
    assert!(
        t.contains("Passer son") && t.contains("permis de"),
        "le besoin de chaque action est imprimé"
    );
    assert!(octets.len() <= 100_000, "{} octets", octets.len());
}

#[test]
fn reconduction_et_sortie_seulement_quand_elles_existent() {
    let mut p = Parcours::entre(Role::Conseiller);
    assert!(document(&p, Modele::Reconduction)
        .unwrap_err()
        .contains("Aucune reconduction"));
    assert!(document(&p, Modele::Sortie)
        .unwrap_err()
        .contains("pas clôturé"));
    p.aujourdhui = j("20/08/2027");
    p.faire(Commande::Reconduire {
        date: j("15/01/2027"),
        mois: 4,
        accord: Accord::CONJOINT,
    });
    let t = tout(&document(&p, Modele::Reconduction).expect("avenant"));
    assert!(
        t.contains("4 mois") && t.contains("01/06/2027") && t.contains("15/01/2027"),
        "{t}"
    );
    p.faire(Commande::EnregistrerDiagnostic(diagnostic_social(
        "01/03/2027",
    )));
    p.faire(Commande::Cloturer {
        date: j("10/03/2027"),
        motif: MotifSortie::RetourEmploi,
        accord: Accord::default(),
        commentaire: "CDI à temps plein.".into(),
    });
    let t = tout(&document(&p, Modele::Sortie).expect("sortie"));
    for attendu in [
        "Retour à l'emploi",
        "10/03/2027",
        "02/02/2026",
        "CDI à temps plein.",
        "Trouver un logement",
        "Évolution des freins",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent :\n{t}");
    }
    assert!(!t.contains("psychologue"));
}

#[test]
fn ecriture_atomique_sans_fichier_a_moitie_ecrit() {
    let dir = tempfile::tempdir().expect("tmp");
    let chemin = dir.path().join("contrat.pdf");
    ecrire_atomiquement(&chemin, b"%PDF-essai").expect("écriture");
    assert_eq!(std::fs::read(&chemin).expect("relu"), b"%PDF-essai");
    // Un dossier porte déjà ce nom : l'écriture échoue et ne laisse rien traîner.
    let occupe = dir.path().join("occupe.pdf");
    std::fs::create_dir(&occupe).expect("dossier");
    std::fs::write(occupe.join("x"), b"x").expect("contenu");
    let e = ecrire_atomiquement(&occupe, b"%PDF").unwrap_err();
    assert!(e.to_string().contains("n'a pas pu être écrit"), "{e}");
    let restes: Vec<_> = std::fs::read_dir(dir.path())
        .expect("liste")
        .filter_map(Result::ok)
        .filter(|f| f.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(restes.is_empty(), "fichier temporaire laissé");
}

#[test]
fn binome_pdf_ecrit_le_document_et_le_note_au_journal() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = binome(dir.path(), &["demo", "--dossiers", "30"]);
    assert!(o.status.success());
    let r = crate::commun::mes_dossiers(dir.path())
        .into_iter()
        .find(|r| r.etape == binome::domain::dossier::Etape::Accompagnement)
        .expect("un dossier en accompagnement");
    // Hors du dossier de données, où rien n'est jamais écrit.
    let sorties = tempfile::tempdir().expect("sorties");
    let sortie = sorties.path().join("carnet.pdf");
    let o = binome(
        dir.path(),
        &[
            "pdf",
            "carnet",
            "--dossier",
            &r.identifiant_ft,
            "--out",
            sortie.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = tout(&std::fs::read(&sortie).expect("fichier"));
    assert!(t.contains(r.nom.to_uppercase().as_str()) && t.contains("Carnet de route"));
    let store = crate::commun::base(dir.path());
    let journal = store.journal(r.id).expect("journal");
    assert!(journal.iter().any(|e| matches!(&e.evenement, binome::domain::dossier::Evenement::DocumentImprime { document, .. } if document == "Carnet de route")));
    // Un dossier inconnu : message clair, rien d'écrit.
    let rien = sorties.path().join("rien.pdf");
    let o = binome(
        dir.path(),
        &[
            "pdf",
            "contrat",
            "--dossier",
            "0000000X",
            "--out",
            rien.to_str().expect("chemin"),
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("aucun dossier qui vous est confié ne correspond"));
    assert!(!sorties.path().join("rien.pdf").exists());
}

#[test]
fn un_besoin_confidentiel_n_apparait_nulle_part_meme_dans_le_carnet() {
    let mut p = Parcours::valide(Role::Conseiller);
    p.faire(Commande::EnregistrerDiagnostic(diagnostic_social(
        "22/01/2026",
    )))
    .faire(Commande::AjouterAction {
        volet: Volet::Social,
        libelle: "Rendez-vous de soutien".into(),
        porteur: Role::Referent,
        date: j("22/01/2026"),
        echeance: None,
        besoin: Some("psychologue".into()),
    });
    let t = mots(&document(&p, Modele::Carnet).expect("carnet"));
    assert!(
        !t.contains("Rendez-vous de soutien"),
        "le titre d'une action au besoin confidentiel le trahirait : {t}"
    );
    assert!(
        t.contains("Action confidentielle (volet social)"),
        "l'action reste comptée, sans son titre"
    );
    assert!(!t.contains("psychologue"), "{t}");
    assert!(t.contains("Se loger"), "les freins partageables restent");
}

/// Tous les documents de tous les dossiers de la démonstration : aucun besoin marqué
/// confidentiel, ni le titre d'une action qui y répond, n'y figure.
#[test]
fn aucun_document_de_la_demonstration_ne_trahit_le_confidentiel() {
    use binome::services::demo;
    use binome::store::Store;
    let mut store = Store::en_memoire().expect("base");
    let referentiel = Referentiel::embarque();
    let freins = Freins::embarque();
    demo::generer(
        &mut store,
        demo::Options::new(80, 7, j("01/12/2026")),
        &referentiel,
        &freins,
    )
    .expect("démonstration");
    let mut actions_cachees = 0;
    for r in store.portefeuille().expect("portefeuille") {
        let d = store.dossier(r.id).expect("lecture").expect("dossier");
        let mut interdits: Vec<String> = Vec::new();
        for b in d.besoins_confidentiels() {
            if let Some((_, besoin)) = freins.besoin(b) {
                interdits.push(besoin.libelle.clone());
            }
        }
        for a in d.actions.iter().filter(|a| d.action_confidentielle(a)) {
            interdits.push(a.libelle.clone());
            actions_cachees += 1;
        }
        if interdits.is_empty() {
            continue;
        }
        let mut modeles = vec![
            Modele::Contrat,
            Modele::Carnet,
            Modele::Reconduction,
            Modele::Sortie,
        ];
        modeles.extend(d.fiches.iter().map(|f| Modele::FicheLiaison(f.numero)));
        let (c, rf) = (conseiller(), referent());
        let s = Sources {
            dossier: &d,
            conseiller: Some(&c),
            referent: Some(&rf),
            referentiel: &referentiel,
            freins: &freins,
            aujourdhui: j("01/12/2026"),
        };
        for m in modeles {
            // Un document sans objet (pas de reconduction, pas de sortie) n'est pas imprimé.
            let Ok(octets) = generer(m, &s) else { continue };
            let t = mots(&octets);
            for mot in &interdits {
                assert!(
                    !t.contains(mot.as_str()),
                    "« {mot} » figure dans {} du dossier {}",
                    m.libelle(),
                    d.id
                );
            }
        }
    }
    assert!(
        actions_cachees > 0,
        "la démonstration doit contenir des actions au besoin confidentiel"
    );
}

/// Le retour d'une fiche de liaison (annexe 2) : la réponse du destinataire figure sur la
/// fiche imprimée et dans la chronologie, au lieu d'un texte fixe.
#[test]
fn la_reponse_au_retour_d_une_fiche_est_imprimee_et_dans_la_chronologie() {
    let reponse = "Rendez-vous fixé le 20/01 avec l'assistante sociale de secteur.";
    let mut p = Parcours::oriente(Role::Conseiller);
    p.faire(Commande::EnregistrerDiagnostic(diagnostic_social(
        "14/01/2026",
    )))
    .faire(Commande::EnregistrerRetourFiche {
        numero: 1,
        date: j("15/01/2026"),
        signee: true,
        commentaire: reponse.into(),
    });
    let t = mots(&document(&p, Modele::FicheLiaison(1)).expect("fiche"));
    assert!(t.contains(reponse), "{t}");
    assert!(t.contains("Réponse du destinataire"), "{t}");
    let chronologie: Vec<String> = p.journal.iter().map(|e| e.description()).collect();
    assert!(
        chronologie.iter().any(|l| l.contains(reponse)),
        "{chronologie:?}"
    );
}

/// Le commentaire saisi sur un besoin du diagnostic figure sur la fiche de liaison, à côté
/// de son évaluation ; celui d'un besoin confidentiel, non.
#[test]
fn le_commentaire_d_un_besoin_figure_sur_la_fiche_sauf_s_il_est_confidentiel() {
    let mut p = Parcours::ouvert(Role::Referent);
    let mut social = diagnostic_social("06/01/2026");
    for e in &mut social.evaluations {
        e.commentaire = if e.confidentiel {
            "Suivi au centre médico-psychologique".into()
        } else {
            "Demande de logement social déposée en 2024".into()
        };
    }
    p.faire(Commande::EnregistrerDiagnostic(social))
        .faire(Commande::AffecterMembre {
            membre: membre(Role::Conseiller),
            date: j("07/01/2026"),
        })
        .faire(Commande::CreerFiche {
            emetteur: Role::Referent,
            objet: binome::domain::dossier::ObjetFiche::Orientation,
            date: j("07/01/2026"),
            motif: "Orientation".into(),
            synthese: String::new(),
            action_demandee: "Entretien n°1".into(),
        });
    let t = mots(&document(&p, Modele::FicheLiaison(1)).expect("fiche"));
    assert!(
        t.contains("Demande de logement social déposée en 2024"),
        "{t}"
    );
    assert!(!t.contains("médico-psychologique"), "{t}");
}

/// Le contrat dit exactement ce que la personne a accepté de partager, tel qu'il est
/// enregistré ; sans consentement enregistré, il laisse la personne l'indiquer.
#[test]
fn le_contrat_dit_la_portee_du_consentement() {
    use binome::domain::dossier::{CategorieSecret, Consentement, MoyenConsentement};
    let mut p = Parcours::entre(Role::Conseiller);
    let sans = tout(&document(&p, Modele::Contrat).expect("contrat"));
    assert!(sans.contains("la personne indique ci-dessous"), "{sans}");
    assert!(!sans.contains("Consentement enregistré"));
    p.faire(Commande::RecueillirConsentement(Consentement {
        date: j("01/12/2026"),
        moyen: MoyenConsentement::ContratSigne,
        categories: vec![CategorieSecret::Logement, CategorieSecret::Famille],
        document: None,
        revoque_le: None,
    }));
    let avec = tout(&document(&p, Modele::Contrat).expect("contrat"));
    assert!(
        avec.contains("Consentement enregistré le 01/12/2026"),
        "{avec}"
    );
    assert!(
        avec.contains("logement") && avec.contains("famille"),
        "{avec}"
    );
    // La fiche de liaison le dit aussi.
    let numero = p.d().fiches.last().map(|f| f.numero).expect("une fiche");
    let fiche = tout(&document(&p, Modele::FicheLiaison(numero)).expect("fiche"));
    assert!(fiche.contains("Consentement au partage"), "{fiche}");
    assert!(fiche.contains("enregistré le 01/12/2026"), "{fiche}");
}

/// Un document imprimé par le conseiller (ou sans utilisateur connu) ne dit pas l'intitulé
/// d'une action sur un frein que la personne n'a pas accepté de partager.
#[test]
fn le_carnet_imprime_par_le_conseiller_garde_le_secret_du_volet_social() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "40"]).status.success());
    let (id, titre) = {
        let store = crate::commun::base(d);
        let f = Freins::embarque();
        crate::commun::mes_dossiers(d)
            .iter()
            .filter_map(|r| store.dossier(r.id).ok().flatten())
            .find_map(|x| {
                x.actions
                    .iter()
                    .find(|a| x.action_cachee_au_conseiller(a, &f) && a.libelle.len() > 12)
                    .map(|a| (x.id, a.libelle.clone()))
            })
            .expect("une action sur un frein non partagé")
    };
    let (_sorties, pdf, o) = imprimer_carnet(d, id);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let texte = mots(&std::fs::read(&pdf).expect("pdf"));
    assert!(!texte.contains(&titre), "« {titre} » imprimé :\n{texte}");
    assert!(texte.contains("Action du volet social"), "{texte}");
}

/// Les programmes de police embarqués dans un PDF (`FontFile2` de chaque descripteur).
fn polices_embarquees(octets: &[u8]) -> Vec<Vec<u8>> {
    let doc = lopdf::Document::load_mem(octets).expect("PDF lisible");
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontFile2").and_then(|r| r.as_reference()).ok())
        .filter_map(|r| doc.get_object(r).and_then(|o| o.as_stream()).ok())
        .map(|s| {
            s.decompressed_content()
                .unwrap_or_else(|_| s.content.clone())
        })
        .collect()
}

/// Un lot de contrats partage ses polices, réduites une fois aux caractères de tout le lot :
/// chaque contrat du lot se lit exactement comme le même contrat imprimé seul, et tous
/// portent les deux mêmes programmes de police (normale et grasse).
#[test]
fn un_contrat_d_un_lot_se_lit_comme_le_meme_contrat_imprime_seul() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(binome(d, &["demo", "--dossiers", "12"]).status.success());
    let sorties = tempfile::tempdir().expect("tmp");
    let lot = sorties.path().join("contrats");
    let o = binome(
        d,
        &[
            "pdf",
            "contrat",
            "--all",
            "--out",
            &lot.display().to_string(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fichiers: Vec<_> = std::fs::read_dir(&lot)
        .expect("contrats")
        .filter_map(Result::ok)
        .map(|f| f.path())
        .collect();
    assert!(fichiers.len() >= 3, "{fichiers:?}");
    let seul = sorties.path().join("seul.pdf").display().to_string();
    let mut polices = std::collections::BTreeSet::new();
    for f in &fichiers {
        let octets = std::fs::read(f).expect("contrat");
        let texte = mots(&octets);
        let identifiant = texte
            .split("Identifiant France Travail ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .expect("identifiant");
        let o = binome(
            d,
            &[
                "pdf",
                "contrat",
                "--dossier",
                identifiant,
                "--out",
                &seul,
                "--force",
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let imprime_seul = std::fs::read(&seul).expect("contrat seul");
        assert_eq!(lire(&octets), lire(&imprime_seul), "{}", f.display());
        let embarquees = polices_embarquees(&octets);
        assert_eq!(embarquees.len(), 2);
        polices.extend(embarquees);
    }
    assert_eq!(polices.len(), 2, "une police par graisse pour tout le lot");
}
