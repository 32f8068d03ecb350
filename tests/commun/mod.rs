//! Outils partagés par les tests d'intégration : personnes et professionnels fictifs,
//! et un dossier conduit étape par étape à travers le domaine.
#![allow(dead_code)]

pub mod clavier;
pub mod ecran;

use binome::domain::date::Jour;
use binome::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use binome::domain::dossier::{
    decider, Accord, Commande, Contexte, Decision, Dossier, Evenement, ObjetFiche, Ouverture,
};
use binome::domain::freins::Freins;
use binome::domain::identifiants::{CodeInsee, IdentifiantFt};
use binome::domain::personne::{Civilite, Personne};
use binome::domain::professionnel::{Affectation, GenreStructure, Membre, Professionnel, Role};
use binome::domain::ressources::Habilitation;
use binome::domain::Refus;
use uuid::Uuid;

pub fn j(texte: &str) -> Jour {
    binome::domain::date::lire_date(texte).expect("date de test")
}

pub fn freins() -> &'static Freins {
    use std::sync::OnceLock;
    static F: OnceLock<Freins> = OnceLock::new();
    F.get_or_init(Freins::embarque)
}

pub fn ctx(aujourdhui: Jour) -> Contexte<'static> {
    Contexte {
        aujourdhui,
        freins: freins(),
        regles: binome::domain::dossier::Regles::default(),
    }
}

pub fn personne(identifiant: &str) -> Personne {
    Personne {
        civilite: Civilite::Madame,
        nom: "Fictive".into(),
        prenom: "Élise".into(),
        date_naissance: j("14/07/1988"),
        identifiant_ft: IdentifiantFt::parse(identifiant).expect("identifiant de test"),
        nir: None,
        caf: None,
        adresse: "12 rue des Essais".into(),
        code_postal: None,
        commune: CodeInsee::parse("13004").expect("commune"),
        telephone: None,
        courriel: None,
        brsa: true,
        enfant_mineur: false,
        agence: "AG-TEST".into(),
    }
}

pub fn conseiller() -> Professionnel {
    Professionnel {
        id: Uuid::from_u128(1),
        civilite: Civilite::Madame,
        nom: "Conseil".into(),
        prenom: "Alice".into(),
        telephone: None,
        courriel: None,
        affectation: Affectation::Agence {
            agence: "AG-TEST".into(),
            perimetre: vec![CodeInsee::parse("13004").expect("commune")],
        },
        habilitation: Habilitation::Consultation,
    }
}

pub fn referent() -> Professionnel {
    Professionnel {
        id: Uuid::from_u128(2),
        civilite: Civilite::Monsieur,
        nom: "Social".into(),
        prenom: "Bruno".into(),
        telephone: None,
        courriel: None,
        affectation: Affectation::Structure {
            genre: GenreStructure::PoleInsertion,
            code: "PI-TEST".into(),
            nom: "Pôle d'insertion de test".into(),
        },
        habilitation: Habilitation::MiseAJour,
    }
}

pub fn membre(role: Role) -> Membre {
    match role {
        Role::Conseiller => conseiller().membre(),
        Role::Referent => referent().membre(),
    }
}

pub fn diagnostic(volet: Volet, date: Jour) -> Diagnostic {
    Diagnostic {
        volet,
        date,
        synthese: "Synthèse de l'entretien.".into(),
        evaluations: vec![Evaluation {
            besoin: if volet == Volet::Emploi {
                "permis"
            } else {
                "trouver-logement"
            }
            .into(),
            situation: Situation::Oui,
            objectif: Objectif::EnCours,
            commentaire: String::new(),
            confidentiel: false,
        }],
    }
}

/// Un dossier conduit par le domaine seul, comme le ferait l'interface.
pub struct Parcours {
    pub dossier: Option<Dossier>,
    pub aujourdhui: Jour,
    pub journal: Vec<Evenement>,
}

impl Parcours {
    pub fn new(aujourdhui: Jour) -> Parcours {
        Parcours {
            dossier: None,
            aujourdhui,
            journal: Vec::new(),
        }
    }

    pub fn essayer(&mut self, c: Commande) -> Result<Evenement, Refus> {
        let e = decider(self.dossier.as_ref(), &c, &ctx(self.aujourdhui))?;
        match &mut self.dossier {
            Some(d) => d.appliquer(&e),
            None => {
                if let Evenement::DossierOuvert(o) = &e {
                    self.dossier = Some(Dossier::ouvert(o));
                }
            }
        }
        self.journal.push(e.clone());
        Ok(e)
    }

    /// Rectifie l'entrée `cible` (1…) du journal, comme le fait le store.
    pub fn rectifier(
        &mut self,
        cible: u64,
        correction: binome::domain::dossier::Correction,
        motif: &str,
    ) -> Result<Evenement, Refus> {
        let e = binome::domain::dossier::decider_rectification(
            &self.journal,
            cible,
            &correction,
            motif,
            &ctx(self.aujourdhui),
        )?;
        self.journal.push(e.clone());
        self.dossier = Dossier::rejouer(&self.journal);
        Ok(e)
    }

    /// Le numéro (1…) de la première entrée du journal de ce type.
    pub fn entree(&self, type_: &str) -> u64 {
        self.journal
            .iter()
            .position(|e| e.type_() == type_)
            .map(|i| i as u64 + 1)
            .unwrap_or_else(|| panic!("aucune entrée {type_}"))
    }

    pub fn faire(&mut self, c: Commande) -> &mut Self {
        let action = c.action();
        if let Err(r) = self.essayer(c) {
            panic!("« {action} » refusé : {r}");
        }
        self
    }

    pub fn d(&self) -> &Dossier {
        self.dossier.as_ref().expect("dossier ouvert")
    }

    /// Ouvert le 05/01/2026 à l'initiative de `initiative`, qui seul est connu.
    pub fn ouvert(initiative: Role) -> Parcours {
        let mut p = Parcours::new(j("01/12/2026"));
        p.faire(Commande::Ouvrir(Ouverture {
            id: Uuid::from_u128(42),
            personne: personne("1234567A"),
            initiative,
            prescripteur: None,
            date: j("05/01/2026"),
            conseiller: (initiative == Role::Conseiller).then(|| membre(Role::Conseiller)),
            referent: (initiative == Role::Referent).then(|| membre(Role::Referent)),
        }));
        p
    }

    /// Volet de l'initiateur le 06/01/2026, binôme constitué et fiche d'orientation envoyée
    /// le 07/01/2026, sans retour.
    pub fn oriente(initiative: Role) -> Parcours {
        let mut p = Parcours::ouvert(initiative);
        p.faire(Commande::EnregistrerDiagnostic(diagnostic(
            Volet::de(initiative),
            j("06/01/2026"),
        )))
        .faire(Commande::AffecterMembre {
            membre: membre(initiative.autre()),
            date: j("07/01/2026"),
        })
        .faire(Commande::CreerFiche {
            emetteur: initiative,
            objet: ObjetFiche::Orientation,
            date: j("07/01/2026"),
            motif: "Orientation".into(),
            synthese: String::new(),
            action_demandee: "Entretien n°1".into(),
        })
        .faire(Commande::EnvoyerFiche {
            numero: 1,
            date: j("07/01/2026"),
        });
        p
    }

    /// Diagnostic partagé complet, fiche d'orientation retournée, binôme constitué.
    pub fn diagnostique(initiative: Role) -> Parcours {
        let mut p = Parcours::oriente(initiative);
        p.faire(Commande::EnregistrerDiagnostic(diagnostic(
            Volet::de(initiative.autre()),
            j("14/01/2026"),
        )))
        .faire(Commande::EnregistrerRetourFiche {
            numero: 1,
            date: j("15/01/2026"),
            signee: true,
            commentaire: String::new(),
        });
        p
    }

    /// Validé en concertation le 20/01/2026, carnet complété le 21/01/2026.
    pub fn valide(initiative: Role) -> Parcours {
        let mut p = Parcours::diagnostique(initiative);
        for c in validation_et_carnet() {
            p.faire(c);
        }
        p
    }

    /// Entré en accompagnement le 02/02/2026 (terme le 01/02/2027).
    pub fn entre(initiative: Role) -> Parcours {
        let mut p = Parcours::valide(initiative);
        for c in entree() {
            p.faire(c);
        }
        p
    }
}

/// Après le diagnostic partagé : validation en concertation le 20/01/2026, une action de
/// chaque volet au carnet le 21/01/2026.
pub fn validation_et_carnet() -> Vec<Commande> {
    let mut v = vec![Commande::TenirConcertation {
        date: j("20/01/2026"),
        decision: Decision::Validation,
        accord: Accord::CONJOINT,
        commentaire: String::new(),
    }];
    for (volet, porteur) in [
        (Volet::Emploi, Role::Conseiller),
        (Volet::Social, Role::Referent),
    ] {
        v.push(Commande::AjouterAction {
            volet,
            libelle: format!("Action du {}", volet.libelle()),
            porteur,
            date: j("21/01/2026"),
            echeance: Some(j("30/06/2026")),
            besoin: None,
        });
    }
    v
}

/// L'entrée le 02/02/2026 : entretien d'initialisation et contrat signé.
pub fn entree() -> Vec<Commande> {
    vec![
        Commande::RealiserInitialisation {
            date: j("02/02/2026"),
        },
        Commande::SignerContrat {
            date: j("02/02/2026"),
        },
    ]
}

/// Le compte des essais, administrateur, créé au premier accès à un dossier de données.
pub const ESSAI: &str = "essai";
pub const MDP_ESSAI: &str = "Essai-Binome-2026!";

/// Un accès au dossier de données : le poste est installé avec le compte des essais s'il
/// est neuf, puis on s'y connecte.
pub fn acces(dir: &std::path::Path) -> binome::services::acces::Acces {
    use binome::services::acces;
    let espace = binome::services::espace::Espace {
        dossier: dir.to_path_buf(),
    };
    if !acces::est_installe(&espace).expect("trousseau") {
        return acces::installer(&espace, ESSAI, MDP_ESSAI, MDP_ESSAI)
            .expect("premier compte")
            .0;
    }
    let (ident, mdp) = compte_de(dir);
    acces::connecter(&espace, ident, mdp).expect("connexion")
}

/// La clé de la base, tirée du trousseau sans ouvrir la base (qui peut être abîmée exprès).
pub fn cle(dir: &std::path::Path) -> binome::store::CleBase {
    if binome::store::Trousseau::lire(dir)
        .expect("trousseau")
        .is_none()
    {
        acces(dir);
    }
    let (ident, mdp) = compte_de(dir);
    binome::store::Trousseau::lire(dir)
        .expect("trousseau")
        .and_then(|t| t.entree(ident).and_then(|e| e.enveloppe.ouvrir(mdp)))
        .expect("clé du compte")
}

/// La base du dossier de données, ouverte avec la clé du compte des essais.
pub fn base(dir: &std::path::Path) -> binome::store::Store {
    binome::store::Store::ouvrir(dir, &acces(dir).cle).expect("base")
}

/// Une connexion SQLite nue sur la base chiffrée (pour l'abîmer exprès).
pub fn connexion_brute(dir: &std::path::Path) -> rusqlite::Connection {
    let cle = cle(dir);
    let c = rusqlite::Connection::open(dir.join(binome::store::FICHIER_BASE)).expect("sqlite");
    binome::store::appliquer_cle(&c, &cle).expect("clé");
    c
}

/// Un fichier du dossier `tests/fichiers` (les fichiers à importer, bons et mauvais).
pub fn fichier_essai(chemin: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fichiers")
        .join(chemin)
}

/// Les dossiers confiés au compte sous lequel les commandes s'exécutent (`compte_de`).
pub fn mes_dossiers(dir: &std::path::Path) -> Vec<binome::domain::echeances::Resume> {
    ecran::session(dir).portefeuille().to_vec()
}

/// Le compte sous lequel les commandes s'exécutent : celui des essais s'il existe, sinon le
/// conseiller de la démonstration.
pub fn compte_de(dir: &std::path::Path) -> (&'static str, &'static str) {
    let essai = binome::store::Trousseau::lire(dir)
        .ok()
        .flatten()
        .is_some_and(|t| t.entree(ESSAI).is_some());
    if essai {
        (ESSAI, MDP_ESSAI)
    } else {
        (
            "conseiller",
            binome::services::demo::comptes::MOT_DE_PASSE_DEMO,
        )
    }
}

/// Le professionnel `p` devient celui du compte des essais, comme après la création de son
/// espace dans la fenêtre.
pub fn identifier(dir: &std::path::Path, p: Professionnel) {
    // La fiche est enregistrée telle quelle (son profil sur la base de ressources compris),
    // comme un administrateur l'aurait fait.
    base(dir)
        .enregistrer_professionnel(&p, "administrateur", ctx(j("01/12/2026")))
        .expect("fiche");
    let mut s = ecran::session(dir);
    s.definir_utilisateur(p).expect("utilisateur du poste");
}

/// Lance `binome --data-dir DIR ARGS…` connecté (`compte_de`) et rend sa sortie.
/// Un dossier de données neuf reçoit d'abord le compte des essais (comme à la première
/// ouverture de la fenêtre), sauf pour `demo` qui installe les siens.
pub fn binome(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let neuf = !dir.join(binome::store::FICHIER_TROUSSEAU).exists()
        && !dir.join(binome::store::FICHIER_BASE).exists();
    if neuf && args.first() != Some(&"demo") {
        acces(dir);
    }
    let (ident, mdp) = compte_de(dir);
    binome_en(dir, ident, mdp, args)
}

/// `binome` connecté avec ce compte.
pub fn binome_en(
    dir: &std::path::Path,
    identifiant: &str,
    mot_de_passe: &str,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_binome"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("BINOME_DATA_DIR")
        .env("BINOME_UTILISATEUR", identifiant)
        .env("BINOME_MOT_DE_PASSE", mot_de_passe)
        .output()
        .expect("lancement de binome")
}

/// `binome pdf carnet` d'un dossier, dans un dossier temporaire hors des données : le
/// dossier temporaire (à garder), le chemin du PDF et la sortie de la commande.
pub fn imprimer_carnet(
    dir: &std::path::Path,
    id: uuid::Uuid,
) -> (tempfile::TempDir, std::path::PathBuf, std::process::Output) {
    let sorties = tempfile::tempdir().expect("sorties");
    let pdf = sorties.path().join("carnet.pdf");
    let o = binome(
        dir,
        &[
            "pdf",
            "carnet",
            "--dossier",
            &id.to_string(),
            "--out",
            pdf.to_str().expect("chemin"),
        ],
    );
    (sorties, pdf, o)
}

/// Une page au milieu de la base écrasée (secteur défaillant, coupure pendant l'écriture),
/// que le chiffrement refuse ; le journal WAL est d'abord versé dans le fichier, pour que
/// la page abîmée soit bien celle que SQLite lira.
pub fn abimer_une_page(dir: &std::path::Path) {
    connexion_brute(dir)
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("point de contrôle");
    let base = dir.join(binome::store::FICHIER_BASE);
    let mut octets = std::fs::read(&base).expect("base");
    assert!(octets.len() > 16 * 4096, "base trop petite pour l'abîmer");
    let page = octets.len() / 4096 / 2;
    octets[page * 4096 + 100..page * 4096 + 900].fill(0x5a);
    std::fs::write(&base, &octets).expect("abîmer");
}

/// Ce que laisse un arrêt brutal : une ouverture de la base que plus personne ne tient ;
/// la connexion suivante relit toute la base.
pub fn laisser_une_ouverture(dir: &std::path::Path) {
    let ouvertures = dir.join(binome::store::DOSSIER_OUVERTURES);
    std::fs::create_dir_all(&ouvertures).expect("dossier des ouvertures");
    std::fs::write(ouvertures.join("coupure.verrou"), b"").expect("ouverture abandonnée");
}
