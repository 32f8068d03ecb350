//! L'effacement des personnes : purge des dossiers dont la conservation est échue (aperçu,
//! confirmation d'un administrateur), effacement à la demande avec attestation ; après
//! quoi aucun octet de la personne ne reste dans le fichier de la base, et les indicateurs
//! gardent leurs comptes.

use aes::cipher::{BlockCipherDecrypt, KeyInit};
use binome::domain::date::Jour;
use binome::domain::indicateurs::{Bornes, Mois};
use binome::services::acces;
use binome::services::demo::comptes::MOT_DE_PASSE_DEMO;
use binome::services::effacement::{self, Demande};
use binome::services::espace::Espace;
use binome::services::{ErreurService, Poste};
use binome::store::FICHIER_BASE;

use crate::commun::{binome_en, j};

fn texte(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn demo(d: &std::path::Path) {
    let o = crate::commun::binome(
        d,
        &["demo", "--dossiers", "40", "--aujourdhui", "2026-11-23"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
}

fn poste(d: &std::path::Path, compte: &str, le: Jour) -> Poste {
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    let a = acces::connecter(&espace, compte, MOT_DE_PASSE_DEMO).expect("connexion");
    Poste::ouvrir(&espace, a, le).expect("poste")
}

const PAGE: usize = 4096;
const RESERVE: usize = 80;

/// Une page de SQLCipher 4 déchiffrée : AES-256-CBC sous la clé brute, vecteur initial
/// dans la réserve de fin de page ; la première page commence par le sel, en clair.
fn dechiffrer_page(cle: &[u8; 32], page: &[u8], premiere: bool) -> Vec<u8> {
    let aes = aes::Aes256::new_from_slice(cle).expect("clé");
    let debut = if premiere { 16 } else { 0 };
    let mut precedent: [u8; 16] = page[PAGE - RESERVE..PAGE - RESERVE + 16]
        .try_into()
        .expect("vecteur");
    let mut clair = vec![0u8; debut];
    for bloc in page[debut..PAGE - RESERVE].chunks(16) {
        let chiffre: [u8; 16] = bloc.try_into().expect("bloc");
        let mut b = aes::Block::from(chiffre);
        aes.decrypt_block(&mut b);
        clair.extend(b.iter().zip(precedent).map(|(x, p)| x ^ p));
        precedent = chiffre;
    }
    clair
}

/// La base et son journal WAL, déchiffrés page par page : pages libres comprises.
fn fichier_dechiffre(d: &std::path::Path) -> Vec<u8> {
    let pragma = crate::commun::cle(d).pragma();
    let hex = pragma.trim_start_matches("x'").trim_end_matches('\'');
    let cle: [u8; 32] = (0..32)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect::<Vec<_>>()
        .try_into()
        .expect("32 octets");
    let base = std::fs::read(d.join(FICHIER_BASE)).expect("base");
    assert_eq!(base.len() % PAGE, 0, "la base est faite de pages entières");
    let mut clair = Vec::new();
    for (i, page) in base.chunks(PAGE).enumerate() {
        let p = dechiffrer_page(&cle, page, i == 0);
        if i == 0 {
            // Le déchiffrement est le bon : l'en-tête SQLite dit des pages de 4096 octets
            // et le mode WAL.
            assert_eq!(&p[16..20], &[0x10, 0x00, 2, 2], "en-tête déchiffré");
        }
        clair.extend(p);
    }
    if let Ok(wal) = std::fs::read(d.join(format!("{FICHIER_BASE}-wal"))) {
        for trame in wal.get(32..).unwrap_or_default().chunks(24 + PAGE) {
            if trame.len() == 24 + PAGE {
                let numero = u32::from_be_bytes(trame[..4].try_into().expect("numéro"));
                clair.extend(dechiffrer_page(&cle, &trame[24..], numero == 1));
            }
        }
    }
    clair
}

fn contient(octets: &[u8], motif: &str) -> bool {
    octets.windows(motif.len()).any(|w| w == motif.as_bytes())
}

fn tous_les_mois() -> Bornes {
    Bornes {
        de: Mois::de(j("01/01/2020")),
        a: Mois::de(j("01/12/2026")),
        aujourdhui: j("02/12/2026"),
    }
}

#[test]
fn la_purge_efface_la_personne_jusque_dans_les_pages_libres_et_garde_les_indicateurs() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    // Dans cinq ans, tous les dossiers clôturés de la démonstration sont à effacer.
    let admin = poste(d, "admin", j("01/01/2032"));
    let apercu = effacement::apercu(&admin).expect("aperçu");
    assert_eq!(apercu.duree.annees(), 2);
    assert!(
        !apercu.dossiers.is_empty(),
        "la démonstration a des dossiers clôturés"
    );
    // Une personne dont le nom et l'adresse ne sont portés par personne d'autre.
    let base = crate::commun::base(d);
    let autres: Vec<String> = base
        .portefeuille()
        .expect("dossiers")
        .iter()
        .filter_map(|r| base.dossier(r.id).ok().flatten())
        .map(|x| format!("{} {}", x.personne.nom, x.personne.adresse))
        .chain(
            base.professionnels()
                .expect("annuaire")
                .iter()
                .map(|p| p.nom_affiche()),
        )
        .collect();
    let unique = |motif: &str| autres.iter().filter(|a| a.contains(motif)).count() == 1;
    let (cible, dossier) = apercu
        .dossiers
        .iter()
        .filter_map(|c| Some((c.clone(), base.dossier(c.id).ok()??)))
        .find(|(_, x)| unique(&x.personne.nom) && unique(&x.personne.adresse))
        .expect("une personne au nom et à l'adresse uniques");
    drop(base);
    assert!(cible.emprise.evenements > 0);
    let (nom, adresse, ident) = (
        dossier.personne.nom.clone(),
        dossier.personne.adresse.clone(),
        dossier.personne.identifiant_ft.as_str().to_string(),
    );
    // Un brouillon de ce dossier, pour qu'il parte aussi.
    crate::commun::base(d)
        .enregistrer_brouillon_json(
            &format!("dossier-{}", cible.id),
            &format!("{{\"nom\":\"{nom}\"}}"),
        )
        .expect("brouillon");
    // Contrôle : avant, le fichier déchiffré contient bien la personne.
    let avant = fichier_dechiffre(d);
    for motif in [&ident, &nom, &adresse] {
        assert!(
            contient(&avant, motif),
            "« {motif} » est dans la base avant"
        );
    }
    let indicateurs_avant = crate::commun::base(d)
        .indicateurs(tous_les_mois())
        .expect("indicateurs");

    let r = effacement::purger(&admin, &[cible.id]).expect("purge");
    // Le registre dit quand, qui, pourquoi et combien.
    let registre = effacement::registre(&admin).expect("registre");
    assert_eq!(registre.len(), 1);
    assert!(
        registre[0].contains("durée de conservation échue")
            && registre[0].contains("1 dossier(s)")
            && registre[0].contains(&format!("{} événement(s)", cible.emprise.evenements)),
        "{}",
        registre[0]
    );
    drop(admin);
    assert_eq!(r.dossiers, 1);
    assert_eq!(r.evenements, cible.emprise.evenements);

    let base = crate::commun::base(d);
    assert!(base.dossier(cible.id).expect("lecture").is_none());
    assert_eq!(base.emprise(cible.id).expect("emprise"), Default::default());
    assert_eq!(
        base.indicateurs(tous_les_mois()).expect("indicateurs"),
        indicateurs_avant,
        "les comptes des indicateurs survivent à l'effacement"
    );
    drop(base);
    // … et à une reconstruction depuis le journal, qui n'a plus ce dossier.
    let o = binome_en(d, "admin", MOT_DE_PASSE_DEMO, &["rebuild"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert_eq!(
        crate::commun::base(d)
            .indicateurs(tous_les_mois())
            .expect("indicateurs"),
        indicateurs_avant
    );
    // Le journal reste vérifiable : le maillon effacé est justifié par la purge inscrite.
    let o = binome_en(d, "admin", MOT_DE_PASSE_DEMO, &["check"]);
    assert!(
        o.status.success(),
        "{}{}",
        texte(&o.stdout),
        texte(&o.stderr)
    );
    // L'effacement est au journal d'audit, sous le seul identifiant du dossier.
    let audit = crate::commun::base(d)
        .audit_du_dossier(&cible.id.to_string())
        .expect("audit");
    assert!(audit
        .iter()
        .any(|(e, _, _)| e.action == binome::domain::audit::ActionAudit::Effacement));
    // Aucun octet de la personne dans le fichier, pages libres et journal WAL compris.
    let apres = fichier_dechiffre(d);
    for motif in [&ident, &nom, &adresse] {
        assert!(!contient(&apres, motif), "« {motif} » reste dans la base");
    }
}

#[test]
fn le_journal_ne_perd_un_evenement_que_par_une_purge_inscrite() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let c = crate::commun::connexion_brute(d);
    let e = c
        .execute("DELETE FROM evenements WHERE seq = 1", [])
        .expect_err("suppression refusée");
    assert!(e.to_string().contains("ajout seul"), "{e}");
    // Une purge en cours ne laisse passer que les événements qu'elle a inscrits.
    c.execute_batch(
        "INSERT INTO purges (n, horodatage, qui, motif, dossiers, evenements)
             VALUES (99, '2026-12-01T10:00:00', 'x', 'demande', 1, 1);
         INSERT INTO purge_en_cours (seul, purge) VALUES (1, 99);",
    )
    .expect("purge simulée");
    assert!(c
        .execute("DELETE FROM evenements WHERE seq = 2", [])
        .is_err());
    assert!(c.execute("DELETE FROM purges", []).is_err());
    assert!(c
        .execute("UPDATE evenements_purges SET purge = 1", [])
        .is_ok_and(|n| n == 0));
}

#[test]
fn l_effacement_a_la_demande_demande_le_titulaire_et_un_administrateur_et_s_atteste() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let aujourdhui = j("23/11/2026");
    let conseiller = poste(d, "conseiller", aujourdhui);
    let espace = Espace {
        dossier: d.to_path_buf(),
    };
    let store = crate::commun::base(d);
    let portefeuille = conseiller.portefeuille(&store).expect("portefeuille");
    let cloture = portefeuille
        .iter()
        .find(|r| r.etape == binome::domain::dossier::Etape::Cloture)
        .expect("un dossier clôturé")
        .id;
    let en_cours = portefeuille
        .iter()
        .find(|r| r.etape != binome::domain::dossier::Etape::Cloture)
        .expect("un dossier en cours")
        .id;
    let personne = store
        .dossier(cloture)
        .expect("lecture")
        .expect("dossier")
        .personne;
    drop(store);
    let sorties = tempfile::tempdir().expect("sorties");
    let pdf = sorties.path().join("attestation.pdf");
    let demande = |dossier, administrateur, mot_de_passe| Demande {
        dossier,
        demande_le: j("20/11/2026"),
        administrateur,
        mot_de_passe,
        attestation: &pdf,
        remplacer: false,
    };
    // Un mauvais mot de passe d'administrateur : rien d'effacé, rien d'écrit.
    let e =
        effacement::effacer_a_la_demande(&espace, &conseiller, &demande(cloture, "admin", "faux"))
            .expect_err("refusé");
    assert!(
        matches!(e, ErreurService::Acces(acces::ErreurAcces::Refusee)),
        "{e}"
    );
    // Un compte qui n'est pas administrateur ne confirme pas.
    let e = effacement::effacer_a_la_demande(
        &espace,
        &conseiller,
        &demande(cloture, "referent", MOT_DE_PASSE_DEMO),
    )
    .expect_err("refusé");
    assert!(e.to_string().contains("administrateurs"), "{e}");
    // Un dossier en cours se clôture d'abord.
    let e = effacement::effacer_a_la_demande(
        &espace,
        &conseiller,
        &demande(en_cours, "admin", MOT_DE_PASSE_DEMO),
    )
    .expect_err("refusé");
    assert!(e.to_string().contains("clôturez-le d'abord"), "{e}");
    assert!(!pdf.exists());
    assert!(crate::commun::base(d)
        .dossier(cloture)
        .expect("lecture")
        .is_some());
    // L'administrateur seul n'efface pas : il ne suit pas la personne.
    let admin = poste(d, "admin", aujourdhui);
    let e = effacement::effacer_a_la_demande(
        &espace,
        &admin,
        &demande(cloture, "admin", MOT_DE_PASSE_DEMO),
    )
    .expect_err("refusé");
    assert!(e.to_string().contains("fiche de professionnel"), "{e}");

    let r = effacement::effacer_a_la_demande(
        &espace,
        &conseiller,
        &demande(cloture, "admin", MOT_DE_PASSE_DEMO),
    )
    .expect("effacé");
    assert_eq!(r.dossiers, 1);
    assert!(crate::commun::base(d)
        .dossier(cloture)
        .expect("lecture")
        .is_none());
    let attestation = crate::pdf::mots(&std::fs::read(&pdf).expect("attestation"));
    for attendu in [
        "Attestation d'effacement des données personnelles",
        personne.identifiant_ft.as_str(),
        "à sa demande du 20/11/2026",
        "compte « admin »",
    ] {
        assert!(
            attestation.contains(attendu),
            "« {attendu} » manque : {attestation}"
        );
    }
    let o = binome_en(d, "admin", MOT_DE_PASSE_DEMO, &["check"]);
    assert!(
        o.status.success(),
        "{}{}",
        texte(&o.stdout),
        texte(&o.stderr)
    );
}

#[test]
fn la_purge_en_ligne_de_commande_montre_d_abord_puis_efface_sur_confirmation() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    // Une durée d'un an : des dossiers clôturés de la démonstration sont déjà échus… ou non.
    let o = binome_en(
        d,
        "admin",
        MOT_DE_PASSE_DEMO,
        &["conservation", "duree", "--annees", "1"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &["conservation", "apercu"],
    );
    assert!(!o.status.success(), "réservé aux administrateurs");
    assert!(
        texte(&o.stderr).contains("administrateurs"),
        "{}",
        texte(&o.stderr)
    );
    let avant = crate::commun::base(d)
        .portefeuille()
        .expect("dossiers")
        .len();
    let o = binome_en(d, "admin", MOT_DE_PASSE_DEMO, &["conservation", "purger"]);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(
        sortie.contains("Durée de conservation : 1 an(s)"),
        "{sortie}"
    );
    assert!(sortie.contains("Rien n'a été effacé"), "{sortie}");
    assert_eq!(
        crate::commun::base(d)
            .portefeuille()
            .expect("dossiers")
            .len(),
        avant
    );
    let a_effacer = sortie.lines().filter(|l| l.contains("clôturé le")).count();
    let o = binome_en(
        d,
        "admin",
        MOT_DE_PASSE_DEMO,
        &["conservation", "purger", "--confirmer"],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    assert_eq!(
        crate::commun::base(d)
            .portefeuille()
            .expect("dossiers")
            .len(),
        avant - a_effacer
    );
}

#[test]
fn le_releve_des_donnees_de_la_personne_dit_son_parcours_et_qui_a_consulte() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    demo(d);
    let conseiller = poste(d, "conseiller", j("23/11/2026"));
    let store = crate::commun::base(d);
    let id = conseiller.portefeuille(&store).expect("portefeuille")[0].id;
    let personne = store
        .dossier(id)
        .expect("lecture")
        .expect("dossier")
        .personne;
    drop(store);
    drop(conseiller);
    // Une impression, pour que le journal d'audit ait un accès à dire.
    let (_carnet, _, o) = crate::commun::imprimer_carnet(d, id);
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let sorties = tempfile::tempdir().expect("sorties");
    let (pdf, json) = (
        sorties.path().join("releve.pdf"),
        sorties.path().join("releve.json"),
    );
    let o = binome_en(
        d,
        "conseiller",
        MOT_DE_PASSE_DEMO,
        &[
            "personne",
            "export",
            "--dossier",
            &id.to_string(),
            "--out",
            pdf.to_str().expect("chemin"),
            "--json",
            json.to_str().expect("chemin"),
        ],
    );
    assert!(o.status.success(), "{}", texte(&o.stderr));
    let mots = crate::pdf::mots(&std::fs::read(&pdf).expect("pdf"));
    for attendu in [
        "Relevé des données personnelles",
        personne.identifiant_ft.as_str(),
        "Chronologie du dossier",
        "Dossier ouvert",
        "Qui a consulté, modifié ou imprimé le dossier",
        "impression",
    ] {
        assert!(mots.contains(attendu), "« {attendu} » manque : {mots}");
    }
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json")).expect("JSON valide");
    assert_eq!(v["format"], "binome-donnees-personne-1");
    assert_eq!(v["dossier"]["personne"]["nom"], personne.nom.as_str());
    assert!(v["chronologie"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(v["acces"]
        .as_array()
        .is_some_and(|a| a.iter().any(|e| e["action"] == "impression")));
    // Le relevé lui-même est inscrit au journal d'audit.
    let audit = crate::commun::base(d)
        .audit_du_dossier(&id.to_string())
        .expect("audit");
    assert!(audit
        .iter()
        .any(|(e, _, _)| e.action == binome::domain::audit::ActionAudit::Export));
    // Un dossier qui n'est pas confié au compte n'est pas relevé (un administrateur ne voit
    // aucun dossier).
    let o = binome_en(
        d,
        "admin",
        MOT_DE_PASSE_DEMO,
        &[
            "personne",
            "export",
            "--dossier",
            &id.to_string(),
            "--out",
            sorties.path().join("autre.pdf").to_str().expect("chemin"),
        ],
    );
    assert!(!o.status.success());
    assert!(texte(&o.stderr).contains("confiés"), "{}", texte(&o.stderr));
}
