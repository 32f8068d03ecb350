//! La reprise d'un portefeuille tenu dans un tableur : quelle colonne dit quoi (proposé
//! d'après les en-têtes qu'on trouve dans les tableaux de suivi), puis chaque ligne vérifiée
//! par les règles du formulaire d'identité et, pour l'historique (entrée, reconduction,
//! sortie), par celles du parcours. Rien ici n'écrit : le service décide de l'import.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::date::{date_fr, Jour};
use super::dossier::{
    decider, Accord, Attestation, Commande, Contexte, Dossier, Evenement, MotifAnticipe,
    MotifSortie, Ouverture,
};
use super::personne::{Civilite, Personne};
use super::professionnel::{Membre, Role};
use super::saisie::{self, SaisiePersonne};
use super::structures::Referentiel;
use super::texte::sans_ponctuation;
use super::Refus;

/// Ce qu'une colonne peut dire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Champ {
    Civilite,
    Nom,
    Prenom,
    DateNaissance,
    IdentifiantFt,
    Nir,
    Caf,
    Adresse,
    CodePostal,
    Commune,
    Telephone,
    Courriel,
    Brsa,
    EnfantMineur,
    Agence,
    DateOuverture,
    DateEntree,
    DateReconduction,
    MoisReconduction,
    DateSortie,
    MotifSortie,
}

impl Champ {
    pub const TOUS: [Champ; 21] = [
        Champ::Civilite,
        Champ::Nom,
        Champ::Prenom,
        Champ::DateNaissance,
        Champ::IdentifiantFt,
        Champ::Nir,
        Champ::Caf,
        Champ::Adresse,
        Champ::CodePostal,
        Champ::Commune,
        Champ::Telephone,
        Champ::Courriel,
        Champ::Brsa,
        Champ::EnfantMineur,
        Champ::Agence,
        Champ::DateOuverture,
        Champ::DateEntree,
        Champ::DateReconduction,
        Champ::MoisReconduction,
        Champ::DateSortie,
        Champ::MotifSortie,
    ];

    /// Sans eux, pas de dossier.
    pub const OBLIGATOIRES: [Champ; 5] = [
        Champ::Nom,
        Champ::Prenom,
        Champ::DateNaissance,
        Champ::IdentifiantFt,
        Champ::Commune,
    ];

    pub fn libelle(self) -> &'static str {
        match self {
            Champ::Civilite => "Civilité",
            Champ::Nom => "Nom",
            Champ::Prenom => "Prénom",
            Champ::DateNaissance => "Date de naissance",
            Champ::IdentifiantFt => "Identifiant France Travail",
            Champ::Nir => "NIR (n° de sécurité sociale)",
            Champ::Caf => "N° CAF",
            Champ::Adresse => "Adresse",
            Champ::CodePostal => "Code postal",
            Champ::Commune => "Commune",
            Champ::Telephone => "Téléphone",
            Champ::Courriel => "Courriel",
            Champ::Brsa => "Bénéficiaire du RSA",
            Champ::EnfantMineur => "Enfant mineur à charge",
            Champ::Agence => "Agence France Travail",
            Champ::DateOuverture => "Date d'ouverture",
            Champ::DateEntree => "Date d'entrée",
            Champ::DateReconduction => "Date de reconduction",
            Champ::MoisReconduction => "Durée de reconduction (mois)",
            Champ::DateSortie => "Date de sortie",
            Champ::MotifSortie => "Motif de sortie",
        }
    }

    /// Les en-têtes usuels des tableaux de suivi, normalisés (sans accents, casse ni
    /// ponctuation).
    fn entetes(self) -> &'static [&'static str] {
        match self {
            Champ::Civilite => &["civilite", "sexe", "genre", "titre"],
            Champ::Nom => &[
                "nom",
                "nom de famille",
                "nom d usage",
                "nom usage",
                "nom beneficiaire",
            ],
            Champ::Prenom => &["prenom", "prenoms", "prenom beneficiaire"],
            Champ::DateNaissance => &[
                "date de naissance",
                "date naissance",
                "naissance",
                "ne le",
                "nee le",
                "ne e le",
                "ddn",
            ],
            Champ::IdentifiantFt => &[
                "identifiant pe ft",
                "identifiant ft",
                "identifiant pe",
                "identifiant france travail",
                "identifiant pole emploi",
                "id pe",
                "id ft",
                "id pe ft",
                "n pe",
                "n ft",
                "numero pe",
                "numero ft",
                "n identifiant",
                "identifiant",
                "ide",
                "n de demandeur d emploi",
            ],
            Champ::Nir => &[
                "nir",
                "n securite sociale",
                "numero de securite sociale",
                "n ss",
                "nss",
                "securite sociale",
                "n de securite sociale",
            ],
            Champ::Caf => &[
                "n caf",
                "numero caf",
                "caf",
                "n allocataire",
                "numero allocataire",
                "allocataire",
                "n allocataire caf",
            ],
            Champ::Adresse => &["adresse", "adresse postale", "rue", "domicile"],
            Champ::CodePostal => &["code postal", "cp"],
            Champ::Commune => &[
                "commune",
                "ville",
                "commune de residence",
                "localite",
                "code insee",
                "insee",
                "commune insee",
            ],
            Champ::Telephone => &["telephone", "tel", "portable", "mobile", "n telephone"],
            Champ::Courriel => &[
                "courriel",
                "email",
                "e mail",
                "mail",
                "adresse electronique",
                "adresse mail",
            ],
            Champ::Brsa => &[
                "brsa",
                "rsa",
                "beneficiaire rsa",
                "beneficiaire du rsa",
                "allocataire rsa",
            ],
            Champ::EnfantMineur => &[
                "enfant mineur",
                "enfants mineurs",
                "enfant a charge",
                "enfant mineur a charge",
                "enfants a charge",
            ],
            Champ::Agence => &[
                "agence",
                "agence ft",
                "agence pe",
                "agence france travail",
                "agence pole emploi",
                "code agence",
            ],
            Champ::DateOuverture => &[
                "date d ouverture",
                "ouverture",
                "date ouverture",
                "date d orientation",
                "date orientation",
                "date de diagnostic",
                "date du diagnostic",
            ],
            Champ::DateEntree => &[
                "date d entree",
                "date entree",
                "entree",
                "date de signature",
                "date du contrat",
                "date de signature du contrat",
                "date d entree en accompagnement",
            ],
            Champ::DateReconduction => &[
                "date de reconduction",
                "date reconduction",
                "reconduction",
                "reconduit le",
            ],
            Champ::MoisReconduction => &[
                "duree de reconduction",
                "duree reconduction",
                "mois de reconduction",
                "reconduction mois",
                "reconduction en mois",
                "duree de reconduction mois",
            ],
            Champ::DateSortie => &[
                "date de sortie",
                "date sortie",
                "sortie",
                "date de fin",
                "date de cloture",
                "cloture",
                "date cloture",
            ],
            Champ::MotifSortie => &[
                "motif de sortie",
                "motif sortie",
                "motif",
                "raison de sortie",
                "motif de cloture",
                "motif de fin",
            ],
        }
    }

    /// Le champ que cet en-tête désigne d'ordinaire.
    pub fn suggere(entete: &str) -> Option<Champ> {
        let n = sans_ponctuation(entete);
        if n.is_empty() {
            return None;
        }
        Champ::TOUS
            .into_iter()
            .find(|c| c.entetes().contains(&n.as_str()))
    }
}

impl std::fmt::Display for Champ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.libelle())
    }
}

/// Combien de cellules d'une ligne sont des en-têtes connus : sert à trouver l'en-tête.
pub fn score_entete(cellules: &[String]) -> usize {
    cellules
        .iter()
        .filter(|c| Champ::suggere(c).is_some())
        .count()
}

/// Quelle colonne (par son en-tête) dit quel champ. Gardée pour la fois suivante.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correspondance {
    /// En-tête tel qu'il est écrit → champ (absent : colonne ignorée).
    pub colonnes: BTreeMap<String, Champ>,
}

impl Correspondance {
    /// Propose un champ pour chaque en-tête : d'abord ce qui a été retenu la dernière fois
    /// (`gardee`), sinon l'en-tête usuel ; un champ ne va qu'à une colonne.
    pub fn proposer(entetes: &[String], gardee: Option<&Correspondance>) -> Correspondance {
        let mut colonnes = BTreeMap::new();
        let mut pris = std::collections::HashSet::new();
        for e in entetes {
            let c = gardee
                .and_then(|g| g.colonnes.get(e).copied())
                .or_else(|| Champ::suggere(e));
            if let Some(c) = c {
                if pris.insert(c) {
                    colonnes.insert(e.clone(), c);
                }
            }
        }
        Correspondance { colonnes }
    }

    /// La colonne de chaque champ, pour ces en-têtes ; ou ce qui manque ou se répète.
    pub fn colonnes(&self, entetes: &[String]) -> Result<BTreeMap<Champ, usize>, String> {
        let mut par_champ = BTreeMap::new();
        for (i, e) in entetes.iter().enumerate() {
            if let Some(c) = self.colonnes.get(e) {
                if let Some(j) = par_champ.insert(*c, i) {
                    return Err(format!(
                        "« {} » est attribué à deux colonnes (« {} » et « {} ») : gardez-en une.",
                        c.libelle(),
                        entetes[j],
                        e
                    ));
                }
            }
        }
        let manquants: Vec<&str> = Champ::OBLIGATOIRES
            .into_iter()
            .filter(|c| !par_champ.contains_key(c))
            .filter(|c| !(*c == Champ::Commune && par_champ.contains_key(&Champ::CodePostal)))
            .map(Champ::libelle)
            .collect();
        if !manquants.is_empty() {
            return Err(format!(
                "Colonnes obligatoires manquantes : {}. Indiquez quelle colonne du fichier les contient (les en-têtes du fichier : {}).",
                manquants.join(", "),
                entetes
                    .iter()
                    .filter(|e| !e.is_empty())
                    .map(|e| format!("« {e} »"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Ok(par_champ)
    }
}

/// Ce qui ne va pas dans une cellule (ou une ligne entière, `champ` absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErreurCellule {
    pub champ: Option<Champ>,
    pub valeur: String,
    pub message: String,
}

/// L'historique qu'une ligne rapporte, déjà lu.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Historique {
    pub entree: Option<Jour>,
    pub reconduction: Option<(Jour, u32)>,
    pub sortie: Option<(Jour, MotifSortie)>,
}

/// Une ligne lue et vérifiée.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneReprise {
    pub personne: Personne,
    pub ouverture: Jour,
    /// La colonne d'où vient la date d'ouverture (la date d'entrée, à défaut).
    pub champ_ouverture: Champ,
    pub historique: Historique,
}

/// Les identifiants d'une ligne qui servent à reconnaître un dossier déjà là.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cle {
    pub identifiant_ft: String,
    pub nom_prenom: String,
    pub naissance: Option<Jour>,
}

/// Ce qu'une ligne dit, champ par champ (cellules nettoyées).
pub struct Cellules<'a> {
    valeurs: BTreeMap<Champ, &'a str>,
}

impl<'a> Cellules<'a> {
    pub fn de(colonnes: &BTreeMap<Champ, usize>, ligne: &'a [String]) -> Cellules<'a> {
        Cellules {
            valeurs: colonnes
                .iter()
                .map(|(c, i)| (*c, ligne.get(*i).map_or("", |v| v.trim())))
                .collect(),
        }
    }

    pub fn get(&self, c: Champ) -> &'a str {
        self.valeurs.get(&c).copied().unwrap_or("")
    }

    fn present(&self, c: Champ) -> bool {
        self.valeurs.contains_key(&c)
    }

    pub fn cle(&self) -> Cle {
        Cle {
            identifiant_ft: self
                .get(Champ::IdentifiantFt)
                .replace(' ', "")
                .to_uppercase(),
            nom_prenom: cle_personne(self.get(Champ::Nom), self.get(Champ::Prenom)),
            naissance: super::date::lire_date(&date_lisible(self.get(Champ::DateNaissance))).ok(),
        }
    }
}

/// Le nom et le prénom comparables d'une ligne à un dossier.
pub fn cle_personne(nom: &str, prenom: &str) -> String {
    format!("{} {}", sans_ponctuation(nom), sans_ponctuation(prenom))
}

/// Ce que la reprise vérifie en plus des règles du formulaire.
pub struct Regles<'a> {
    pub referentiel: &'a Referentiel,
    pub contexte: Contexte<'a>,
    /// Qui importe : il devient le membre du binôme de son rôle.
    pub moi: Option<Membre>,
    /// Le fichier d'où vient la reprise (dit dans la chronologie).
    pub origine: &'a str,
}

/// `2026-03-01` (ISO, comme l'écrivent des exports) ou `01/03/2026 00:00` → `01/03/2026`.
fn date_lisible(t: &str) -> String {
    let t = t.split_whitespace().next().unwrap_or("");
    let p: Vec<&str> = t.split('-').collect();
    if p.len() == 3 && p[0].len() == 4 {
        return format!("{}/{}/{}", p[2], p[1], p[0]);
    }
    t.to_string()
}

fn booleen(t: &str) -> Option<bool> {
    match sans_ponctuation(t).as_str() {
        "" | "non" | "n" | "0" | "faux" | "false" | "no" => Some(false),
        "oui" | "o" | "x" | "1" | "vrai" | "true" | "yes" => Some(true),
        _ => None,
    }
}

fn civilite(t: &str) -> Option<Civilite> {
    match sans_ponctuation(t).as_str() {
        "m" | "mr" | "monsieur" | "h" | "homme" | "masculin" | "1" => Some(Civilite::Monsieur),
        "mme" | "madame" | "mlle" | "mademoiselle" | "f" | "femme" | "feminin" | "2" => {
            Some(Civilite::Madame)
        }
        _ => None,
    }
}

/// Un code que le tableur a mis en nombre a perdu son zéro de tête (1000 → 01000).
fn code5(t: &str) -> String {
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        format!("0{t}")
    } else {
        t.to_string()
    }
}

pub fn motif_sortie(t: &str) -> Result<MotifSortie, String> {
    let n = sans_ponctuation(t);
    let contient = |m: &str| n.contains(m);
    let autre = t
        .trim()
        .strip_prefix("Autre motif")
        .or_else(|| t.trim().strip_prefix("Autre"))
        .map(|r| r.trim_start_matches([' ', ':']).trim());
    Ok(if let Some(reste) = autre {
        if reste.is_empty() {
            return Err("« Autre » demande le motif : écrivez « Autre : » suivi du motif.".into());
        }
        MotifSortie::Autre(reste.to_string())
    } else if let Some(vers) = n.strip_prefix("reorientation") {
        // Décidée en concertation : le parcours la refuse en reprise, mais un dossier déjà
        // clos ainsi se reconnaît.
        MotifSortie::Reorientation(super::dossier::Cible::AutreStructure(
            vers.trim().to_string(),
        ))
    } else if contient("anticip")
        || contient("difficultes resolues")
        || contient("aggravation")
        || contient("attitude")
        || contient("autre forme")
    {
        MotifSortie::Anticipee(if contient("aggravation") {
            MotifAnticipe::AggravationSituationSociale
        } else if contient("attitude") {
            MotifAnticipe::AttitudeIrrespectueuse
        } else if contient("autre forme") {
            MotifAnticipe::AutreFormeAccompagnement
        } else if contient("resolu") {
            MotifAnticipe::DifficultesResolues
        } else {
            return Err("une sortie anticipée dit sa raison : « difficultés résolues », « autre forme d'accompagnement », « aggravation de la situation sociale » ou « attitude irrespectueuse ».".into());
        })
    } else if contient("emploi") {
        MotifSortie::RetourEmploi
    } else if contient("formation") {
        MotifSortie::EntreeFormation
    } else if contient("cessation") || contient("radiation") || contient("desinscription") {
        MotifSortie::CessationInscription
    } else if contient("terme") || contient("fin d accompagnement") || contient("fin de contrat") {
        MotifSortie::FinDeTerme
    } else if contient("demande") {
        MotifSortie::DemandePersonne
    } else {
        return Err("motif de sortie inconnu. Motifs reconnus : retour à l'emploi, entrée en formation, cessation d'inscription, fin de terme, à la demande de la personne, sortie anticipée (et sa raison), « Autre : … ».".into());
    })
}

/// La ligne vérifiée. `existant` : la personne du dossier que la ligne met à jour ; ce que
/// le fichier ne dit pas (colonne absente) en est gardé.
pub fn lire_ligne(
    cellules: &Cellules,
    existant: Option<&Personne>,
    r: &Regles,
) -> Result<LigneReprise, Vec<ErreurCellule>> {
    let mut erreurs = Vec::new();
    let mut erreur = |champ: Champ, message: String| {
        erreurs.push(ErreurCellule {
            champ: Some(champ),
            valeur: cellules.get(champ).to_string(),
            message,
        })
    };
    // Une colonne absente garde la valeur du dossier ; une colonne vide efface (sauf les
    // obligatoires, que le formulaire exige).
    let texte = |c: Champ, avant: Option<String>| -> String {
        if cellules.present(c) {
            cellules.get(c).to_string()
        } else {
            avant.unwrap_or_default()
        }
    };
    let e = existant;
    let civ = if cellules.present(Champ::Civilite) && !cellules.get(Champ::Civilite).is_empty() {
        let c = civilite(cellules.get(Champ::Civilite));
        if c.is_none() {
            erreur(
                Champ::Civilite,
                "civilité inconnue : écrivez « Madame », « Monsieur », « Mme » ou « M. ».".into(),
            );
        }
        c
    } else {
        // Le premier chiffre du NIR dit le sexe ; sinon, le dossier existant.
        cellules
            .get(Champ::Nir)
            .chars()
            .find(|c| !c.is_whitespace())
            .and_then(|c| match c {
                '1' | '7' => Some(Civilite::Monsieur),
                '2' | '8' => Some(Civilite::Madame),
                _ => None,
            })
            .or(e.map(|p| p.civilite))
    };
    let mut oui_non = |c: Champ, avant: bool| -> bool {
        if !cellules.present(c) {
            return avant;
        }
        booleen(cellules.get(c)).unwrap_or_else(|| {
            erreur(c, "écrivez « oui » ou « non ».".into());
            avant
        })
    };
    let brsa = oui_non(Champ::Brsa, e.is_some_and(|p| p.brsa));
    let enfant = oui_non(Champ::EnfantMineur, e.is_some_and(|p| p.enfant_mineur));
    let agence = match cellules.get(Champ::Agence) {
        "" => e.map(|p| p.agence.clone()),
        a => {
            let n = sans_ponctuation(a);
            let s = &r.referentiel.structures;
            let trouvee = s.agences.iter().find(|x| {
                x.code.eq_ignore_ascii_case(a)
                    || sans_ponctuation(&x.nom) == n
                    || sans_ponctuation(&x.nom).ends_with(&format!(" {n}"))
            });
            if trouvee.is_none() {
                erreur(
                    Champ::Agence,
                    "agence inconnue des structures installées : écrivez son code ou son nom (voir Paramètres → Structures), ou laissez vide pour l'agence de la commune.".into(),
                );
            }
            trouvee.map(|x| x.code.clone())
        }
    };
    let entree_txt = date_lisible(cellules.get(Champ::DateEntree));
    let ouverture = match cellules.get(Champ::DateOuverture) {
        "" if !entree_txt.is_empty() => entree_txt.clone(),
        "" => date_fr(r.contexte.aujourdhui),
        o => date_lisible(o),
    };
    let commune_txt = match cellules.get(Champ::Commune) {
        "" if cellules.present(Champ::Commune) || existant.is_none() => {
            // Un code postal qui ne désigne qu'une commune suffit.
            let cp = code5(cellules.get(Champ::CodePostal));
            match r.referentiel.communes_du_code_postal(&cp)[..] {
                [une] => une.insee.to_string(),
                _ => String::new(),
            }
        }
        "" => e.map(|p| p.commune.to_string()).unwrap_or_default(),
        c => code5(c),
    };
    let s = SaisiePersonne {
        civilite: civ,
        nom: texte(Champ::Nom, e.map(|p| p.nom.clone())),
        prenom: texte(Champ::Prenom, e.map(|p| p.prenom.clone())),
        date_naissance: date_lisible(&texte(
            Champ::DateNaissance,
            e.map(|p| date_fr(p.date_naissance)),
        )),
        identifiant_ft: texte(
            Champ::IdentifiantFt,
            e.map(|p| p.identifiant_ft.to_string()),
        ),
        nir: texte(
            Champ::Nir,
            e.and_then(|p| p.nir.as_ref().map(|n| n.to_string())),
        ),
        caf: texte(
            Champ::Caf,
            e.and_then(|p| p.caf.as_ref().map(|n| n.to_string())),
        ),
        adresse: texte(Champ::Adresse, e.map(|p| p.adresse.clone())),
        code_postal: code5(&texte(
            Champ::CodePostal,
            e.and_then(|p| p.code_postal.as_ref().map(|n| n.to_string())),
        )),
        commune: commune_txt,
        telephone: texte(
            Champ::Telephone,
            e.and_then(|p| p.telephone.as_ref().map(|n| n.to_string())),
        ),
        courriel: texte(
            Champ::Courriel,
            e.and_then(|p| p.courriel.as_ref().map(|n| n.to_string())),
        ),
        brsa,
        enfant_mineur: enfant,
        agence,
        initiative: None,
        prescripteur: String::new(),
        date_ouverture: ouverture,
    };
    let verifiee = saisie::verifier(&s, r.referentiel, r.contexte.aujourdhui);
    let (personne, ouverture) = match verifiee {
        Ok(v) => Some(v),
        Err(champs) => {
            for c in champs {
                let champ = match c.champ.as_str() {
                    "civilite" => Champ::Civilite,
                    "nom" => Champ::Nom,
                    "prenom" => Champ::Prenom,
                    "date_naissance" => Champ::DateNaissance,
                    "identifiant_ft" => Champ::IdentifiantFt,
                    "nir" => Champ::Nir,
                    "caf" => Champ::Caf,
                    "code_postal" => Champ::CodePostal,
                    "commune" => Champ::Commune,
                    "telephone" => Champ::Telephone,
                    "courriel" => Champ::Courriel,
                    "agence" => Champ::Agence,
                    _ if cellules.present(Champ::DateOuverture) => Champ::DateOuverture,
                    _ => Champ::DateEntree,
                };
                let message = if champ == Champ::Civilite {
                    "la civilité manque : ajoutez une colonne « Civilité » (ou le NIR, dont le premier chiffre la donne).".to_string()
                } else {
                    c.message
                };
                erreur(champ, message);
            }
            None
        }
    }
    .unzip();
    // L'historique.
    let mut jour = |c: Champ| -> Option<Jour> {
        let t = cellules.get(c);
        if t.is_empty() {
            return None;
        }
        match super::date::lire_date(&date_lisible(t)) {
            Ok(j) => Some(j),
            Err(e) => {
                erreur(c, e.to_string());
                None
            }
        }
    };
    let entree = jour(Champ::DateEntree);
    let date_reconduction = jour(Champ::DateReconduction);
    let date_sortie = jour(Champ::DateSortie);
    let mois = match cellules.get(Champ::MoisReconduction) {
        "" => None,
        m => match m.trim_end_matches(" mois").trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                erreur(
                    Champ::MoisReconduction,
                    "écrivez un nombre de mois, de 1 à 6.".into(),
                );
                None
            }
        },
    };
    if mois.is_some()
        && date_reconduction.is_none()
        && cellules.get(Champ::DateReconduction).is_empty()
    {
        erreur(
            Champ::DateReconduction,
            "une durée de reconduction est donnée sans la date de la reconduction.".into(),
        );
    }
    let motif = match (cellules.get(Champ::MotifSortie), date_sortie) {
        ("", Some(_)) => {
            erreur(
                Champ::MotifSortie,
                "une date de sortie est donnée sans son motif.".into(),
            );
            None
        }
        ("", None) => None,
        (m, _) => match motif_sortie(m) {
            Ok(m) => Some(m),
            Err(e) => {
                erreur(Champ::MotifSortie, e);
                None
            }
        },
    };
    if motif.is_some() && date_sortie.is_none() && cellules.get(Champ::DateSortie).is_empty() {
        erreur(
            Champ::DateSortie,
            "un motif de sortie est donné sans la date de sortie.".into(),
        );
    }
    let historique = Historique {
        entree,
        // Sans durée, la reconduction est de 6 mois, le maximum de la convention.
        reconduction: date_reconduction
            .map(|d| (d, mois.unwrap_or(super::dossier::RECONDUCTION_MAX_MOIS))),
        sortie: date_sortie.zip(motif),
    };
    match (personne, ouverture) {
        (Some(personne), Some(ouverture)) if erreurs.is_empty() => {
            let ligne = LigneReprise {
                personne,
                ouverture,
                champ_ouverture: if cellules.get(Champ::DateOuverture).is_empty() {
                    Champ::DateEntree
                } else {
                    Champ::DateOuverture
                },
                historique,
            };
            // L'historique passe par les règles du parcours, sur un dossier d'essai.
            if existant.is_none() {
                if let Err((champ, refus)) =
                    essayer(None, commandes(&ligne, Uuid::nil(), r), &r.contexte)
                {
                    erreurs.push(ErreurCellule {
                        champ: Some(champ),
                        valeur: cellules.get(champ).to_string(),
                        message: refus.to_string(),
                    });
                    return Err(erreurs);
                }
            }
            Ok(ligne)
        }
        _ => Err(erreurs),
    }
}

/// Passe les commandes dans l'ordre sur une copie du dossier (`None` : à ouvrir), sans rien
/// enregistrer : les événements produits, ou la première refusée et la colonne en cause.
pub fn essayer(
    dossier: Option<&Dossier>,
    commandes: Vec<(Champ, Commande)>,
    ctx: &Contexte,
) -> Result<Vec<Evenement>, (Champ, Refus)> {
    let mut d = dossier.cloned();
    let mut evenements = Vec::new();
    for (champ, c) in commandes {
        match decider(d.as_ref(), &c, ctx) {
            Ok(ev) => {
                match &mut d {
                    Some(x) => x.appliquer(&ev),
                    None => {
                        if let Evenement::DossierOuvert(o) = &ev {
                            d = Some(Dossier::ouvert(o));
                        }
                    }
                }
                evenements.push(ev);
            }
            Err(refus) => {
                // Ce que l'ouverture refuse tient à la commune ou à l'identifiant.
                let champ = match refus {
                    Refus::HorsPerimetre { .. } => Champ::Commune,
                    Refus::DossierEnCours { .. } => Champ::IdentifiantFt,
                    _ => champ,
                };
                return Err((champ, refus));
            }
        }
    }
    Ok(evenements)
}

/// L'accord d'une décision conjointe reprise : donné hors de Binôme, à sa date.
fn accord_repris(le: Jour, origine: &str) -> Accord {
    let par = Attestation::HorsBinome {
        le,
        moyen: format!("reprise du suivi antérieur ({origine})"),
    };
    Accord {
        conseiller: true,
        referent: true,
        par_conseiller: Some(par.clone()),
        par_referent: Some(par),
    }
}

/// Les commandes qui créent le dossier d'une ligne nouvelle, chacune avec le champ qui la
/// porte (pour dire quelle colonne une règle refuse).
pub fn commandes(l: &LigneReprise, id: Uuid, r: &Regles) -> Vec<(Champ, Commande)> {
    let role = r.moi.as_ref().map_or(Role::Conseiller, |m| m.role);
    let mut v = vec![(
        l.champ_ouverture,
        Commande::Ouvrir(Ouverture {
            id,
            personne: l.personne.clone(),
            initiative: role,
            prescripteur: None,
            date: l.ouverture,
            conseiller: r.moi.clone().filter(|m| m.role == Role::Conseiller),
            referent: r.moi.clone().filter(|m| m.role == Role::Referent),
        }),
    )];
    v.extend(suite(l, None, r));
    v
}

/// Les étapes de l'historique que le dossier n'a pas encore (toutes pour un dossier neuf).
pub fn suite(l: &LigneReprise, d: Option<&Dossier>, r: &Regles) -> Vec<(Champ, Commande)> {
    let h = &l.historique;
    let mut v = Vec::new();
    if let Some(date) = h.entree.filter(|_| d.is_none_or(|d| d.entree.is_none())) {
        v.push((
            Champ::DateEntree,
            Commande::ReprendreEntree {
                date,
                origine: r.origine.to_string(),
            },
        ));
    }
    if let Some((date, mois)) = h
        .reconduction
        .filter(|_| d.is_none_or(|d| d.reconduction.is_none()))
    {
        v.push((
            Champ::DateReconduction,
            Commande::Reconduire {
                date,
                mois,
                accord: accord_repris(date, r.origine),
            },
        ));
    }
    if let Some((date, motif)) = h
        .sortie
        .clone()
        .filter(|_| d.is_none_or(|d| d.cloture.is_none()))
    {
        v.push((
            Champ::DateSortie,
            Commande::Cloturer {
                date,
                motif,
                accord: accord_repris(date, r.origine),
                commentaire: format!("Sortie reprise du suivi antérieur ({})", r.origine),
            },
        ));
    }
    v
}

/// Ce que le dossier dit déjà autrement que la ligne (une date d'entrée différente…) : la
/// ligne ne peut pas le changer, une rectification le peut.
pub fn desaccords(l: &LigneReprise, d: &Dossier) -> Vec<ErreurCellule> {
    let mut v = Vec::new();
    let mut si = |champ: Champ, fichier: Option<Jour>, dossier: Option<Jour>, quoi: &str| {
        if let (Some(f), Some(x)) = (fichier, dossier) {
            if f != x {
                v.push(ErreurCellule {
                    champ: Some(champ),
                    valeur: date_fr(f),
                    message: format!("le dossier dit {quoi} le {} : corrigez le fichier, ou rectifiez le dossier dans sa chronologie.", date_fr(x)),
                });
            }
        }
    };
    si(Champ::DateEntree, l.historique.entree, d.entree, "l'entrée");
    si(
        Champ::DateReconduction,
        l.historique.reconduction.map(|x| x.0),
        d.reconduction.map(|x| x.date),
        "la reconduction",
    );
    si(
        Champ::DateSortie,
        l.historique.sortie.as_ref().map(|x| x.0),
        d.cloture.as_ref().map(|x| x.date),
        "la sortie",
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn les_entetes_usuels_sont_reconnus() {
        for (e, c) in [
            ("Nom", Champ::Nom),
            ("Prénom", Champ::Prenom),
            ("Date de naissance", Champ::DateNaissance),
            ("Identifiant PE/FT", Champ::IdentifiantFt),
            ("N° CAF", Champ::Caf),
            ("Commune", Champ::Commune),
            ("BRSA", Champ::Brsa),
            ("Date d'entrée", Champ::DateEntree),
            ("  MOTIF DE SORTIE ", Champ::MotifSortie),
        ] {
            assert_eq!(Champ::suggere(e), Some(c), "{e}");
        }
        assert_eq!(Champ::suggere("Observations"), None);
    }

    #[test]
    fn un_champ_attribue_deux_fois_ou_manquant_est_dit() {
        let entetes: Vec<String> = ["Nom", "Prénom", "Naissance", "ID PE"]
            .map(String::from)
            .into();
        let c = Correspondance::proposer(&entetes, None);
        let e = c.colonnes(&entetes).unwrap_err();
        assert!(e.contains("Commune"), "{e}");
        let mut c2 = c.clone();
        c2.colonnes.insert("ID PE".into(), Champ::Nom);
        assert!(c2.colonnes(&entetes).unwrap_err().contains("deux colonnes"));
    }

    #[test]
    fn les_motifs_de_sortie_usuels_se_lisent() {
        assert_eq!(
            motif_sortie("Retour à l'emploi"),
            Ok(MotifSortie::RetourEmploi)
        );
        assert_eq!(
            motif_sortie("Entrée en formation"),
            Ok(MotifSortie::EntreeFormation)
        );
        assert_eq!(motif_sortie("fin de terme"), Ok(MotifSortie::FinDeTerme));
        assert_eq!(
            motif_sortie("Sortie anticipée - difficultés résolues"),
            Ok(MotifSortie::Anticipee(MotifAnticipe::DifficultesResolues))
        );
        assert_eq!(
            motif_sortie("Autre : déménagement"),
            Ok(MotifSortie::Autre("déménagement".into()))
        );
        assert!(motif_sortie("parti").is_err());
    }
}
