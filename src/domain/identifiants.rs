//! Identifiants : validation et normalisation (NIR, identifiant France Travail, CAF, codes postal et INSEE, téléphone, courriel).
//!
//! Chaque type ne peut contenir qu'une valeur valide, déjà mise sous forme canonique :
//! la désérialisation passe par le même contrôle que la saisie.

use std::fmt;

/// Ce qui ne va pas dans une saisie ; le message s'affiche sous le champ du formulaire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurIdentifiant {
    #[error("Champ « {champ} » vide : saisissez une valeur.")]
    Vide { champ: &'static str },

    #[error("Le NIR doit compter 15 caractères (13 + clé de 2 chiffres) ; {trouve} saisis.")]
    NirLongueur { trouve: usize },
    #[error("Dans le NIR, {partie} ne doit contenir que des chiffres : « {caractere} » saisi.")]
    NirCaractere {
        partie: &'static str,
        caractere: char,
    },
    #[error("Dans le NIR, le sexe (1er caractère) doit être 1 ou 2 (7 ou 8 pour un numéro provisoire) : « {trouve} » saisi.")]
    NirSexe { trouve: char },
    #[error("Dans le NIR, le mois de naissance (caractères 4-5) doit être entre 01 et 12, 20 et 42 ou 50 et 99 : « {trouve} » saisi.")]
    NirMois { trouve: String },
    #[error("Dans le NIR, le département de naissance (caractères 6-7) doit compter 2 chiffres, ou 2A / 2B pour la Corse : « {trouve} » saisi.")]
    NirDepartement { trouve: String },
    #[error(
        "La clé du NIR ne correspond pas : vérifiez chaque chiffre (clé attendue {attendue})."
    )]
    NirCle { attendue: String },

    #[error("L'identifiant France Travail compte 8 caractères (7 chiffres puis un chiffre ou une lettre, par exemple 1234567A), ou 11 chiffres pour l'ancien format ; {trouve} saisis.")]
    IdentifiantFtLongueur { trouve: usize },
    #[error("L'identifiant France Travail doit comporter 7 chiffres suivis d'un chiffre ou d'une lettre (par exemple 1234567A), ou 11 chiffres pour l'ancien format.")]
    IdentifiantFtFormat,

    #[error("Le numéro d'allocataire CAF doit compter 7 chiffres, zéros en tête compris ; {trouve} saisis.")]
    CafLongueur { trouve: usize },
    #[error("Le numéro d'allocataire CAF ne doit contenir que des chiffres (7 chiffres, par exemple 0123456).")]
    CafCaractere,

    #[error("Le code postal doit compter exactement 5 chiffres, par exemple 13001 ou 01000 (le zéro initial compte).")]
    CodePostalFormat,
    #[error("Un code postal ne commence jamais par 00 : vérifiez les deux premiers chiffres.")]
    CodePostalZero,

    #[error("Le code INSEE de la commune compte 5 caractères : le département (2 chiffres, ou 2A / 2B pour la Corse) puis 3 chiffres, par exemple 13055 ou 2A004. Ce n'est pas le code postal.")]
    CodeInseeFormat,
    #[error("Pour la Corse, le code INSEE commence par 2A (Corse-du-Sud) ou 2B (Haute-Corse), pas par 20.")]
    CodeInseeCorse,
    #[error("Un code INSEE commençant par 99 désigne un pays étranger, pas une commune : saisissez le code d'une commune française.")]
    CodeInseeEtranger,
    #[error("« {trouve} » ne correspond à aucun département : le code INSEE commence par le département (01 à 95, 2A, 2B ou 971 à 976).")]
    CodeInseeDepartement { trouve: String },

    #[error("Numéro de téléphone invalide : saisissez 10 chiffres, par exemple 06 12 34 56 78.")]
    TelephoneInvalide,
    #[error("Le numéro de téléphone ne doit contenir que des chiffres (espaces, points et tirets tolérés), par exemple 06 12 34 56 78.")]
    TelephoneCaractere,
    #[error("Seuls les numéros français (métropole et outre-mer) sont acceptés : saisissez 10 chiffres, par exemple 06 12 34 56 78.")]
    TelephoneEtranger,

    #[error(
        "L'adresse électronique doit contenir un seul « @ », par exemple prenom.nom@exemple.fr."
    )]
    CourrielArobase,
    #[error("L'adresse électronique ne doit pas contenir d'espace.")]
    CourrielEspace,
    #[error("L'adresse électronique est trop longue (254 caractères au plus) ; {trouve} saisis.")]
    CourrielLongueur { trouve: usize },
    #[error("La partie avant « @ » de l'adresse électronique est vide ou trop longue (64 caractères au plus).")]
    CourrielPartieLocale,
    #[error("L'adresse électronique contient un caractère non admis : « {caractere} » (utilisez des lettres sans accent, des chiffres, des points ou des tirets).")]
    CourrielCaractere { caractere: char },
    #[error("L'adresse électronique ne peut ni contenir deux points consécutifs, ni commencer ou finir par un point de part et d'autre de « @ ».")]
    CourrielPoints,
    #[error("Le domaine après « @ » est invalide : il doit ressembler à exemple.fr (lettres, chiffres et tirets, extension d'au moins 2 lettres).")]
    CourrielDomaine,
}

type Resultat<T> = Result<T, ErreurIdentifiant>;

/// Removes every kind of whitespace (including the non-breaking spaces pasted from
/// word processors) and the listed separators.
fn compact(s: &str, ignore: &[char]) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !ignore.contains(c))
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Shared plumbing: canonical text access, conversions used by serde, display.
macro_rules! newtype_texte {
    ($type:ident) => {
        impl $type {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $type {
            type Error = ErreurIdentifiant;
            fn try_from(s: String) -> Resultat<Self> {
                Self::parse(&s)
            }
        }

        impl From<$type> for String {
            fn from(v: $type) -> String {
                v.0
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

// ---------------------------------------------------------------- NIR

/// Numéro d'inscription au répertoire (n° de sécurité sociale), clé comprise.
///
/// `Debug` est masqué pour que le numéro complet ne finisse jamais dans un journal.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nir(String);

newtype_texte!(Nir);

impl fmt::Debug for Nir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Nir").field(&self.masque()).finish()
    }
}

/// Key of the 13 first characters; Corsica counts as 19 (2A) or 18 (2B).
/// `c` must already be checked: ASCII digits except 2A/2B at positions 6-7.
fn cle_nir(c: &[char]) -> u64 {
    let corse = match (c.get(5), c.get(6)) {
        (Some('2'), Some('A')) => Some(['1', '9']),
        (Some('2'), Some('B')) => Some(['1', '8']),
        _ => None,
    };
    let nombre = c
        .iter()
        .take(13)
        .enumerate()
        .map(|(i, ch)| match (corse, i) {
            (Some(r), 5) => r[0],
            (Some(r), 6) => r[1],
            _ => *ch,
        })
        .fold(0u64, |acc, ch| {
            acc * 10 + u64::from(ch.to_digit(10).unwrap_or(0))
        });
    97 - nombre % 97
}

impl Nir {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let c: Vec<char> = compact(s, &[])
            .chars()
            .map(|ch| ch.to_ascii_uppercase())
            .collect();
        if c.is_empty() {
            return Err(ErreurIdentifiant::Vide { champ: "NIR" });
        }
        if c.len() != 15 {
            return Err(ErreurIdentifiant::NirLongueur { trouve: c.len() });
        }
        let chiffres = |debut: usize, fin: usize, partie: &'static str| -> Resultat<()> {
            match c[debut..fin].iter().find(|ch| !ch.is_ascii_digit()) {
                Some(&caractere) => Err(ErreurIdentifiant::NirCaractere { partie, caractere }),
                None => Ok(()),
            }
        };
        let texte = |debut: usize, fin: usize| -> String { c[debut..fin].iter().collect() };

        if !matches!(c[0], '1' | '2' | '7' | '8') {
            return Err(ErreurIdentifiant::NirSexe { trouve: c[0] });
        }
        chiffres(1, 3, "l'année de naissance (caractères 2-3)")?;
        chiffres(3, 5, "le mois de naissance (caractères 4-5)")?;
        let mois = texte(3, 5);
        // 20-42 and 50-99: registrations with unknown or fictitious month.
        if !matches!(mois.parse::<u8>(), Ok(1..=12 | 20..=42 | 50..=99)) {
            return Err(ErreurIdentifiant::NirMois { trouve: mois });
        }
        let departement = texte(5, 7);
        if !(all_digits(&departement) || departement == "2A" || departement == "2B") {
            return Err(ErreurIdentifiant::NirDepartement {
                trouve: departement,
            });
        }
        chiffres(7, 10, "la commune de naissance (caractères 8-10)")?;
        chiffres(10, 13, "le numéro d'ordre (caractères 11-13)")?;
        chiffres(13, 15, "la clé (caractères 14-15)")?;

        let attendue = cle_nir(&c);
        let saisie = texte(13, 15).parse::<u64>().ok();
        if saisie != Some(attendue) {
            return Err(ErreurIdentifiant::NirCle {
                attendue: format!("{attendue:02}"),
            });
        }
        Ok(Nir(c.into_iter().collect()))
    }

    /// Affichage prudent : sexe, année, mois et département seulement,
    /// par exemple « 2 85 05 2A *** *** ** ».
    pub fn masque(&self) -> String {
        let p = |debut: usize, fin: usize| self.0.get(debut..fin).unwrap_or("");
        format!("{} {} {} {} *** *** **", p(0, 1), p(1, 3), p(3, 5), p(5, 7))
    }

    /// `1`/`2` (ou `7`/`8` pour un numéro provisoire).
    pub fn sexe(&self) -> char {
        self.0.chars().next().unwrap_or('?')
    }
}

// ---------------------------------------------------------------- France Travail

/// Identifiant de demandeur d'emploi France Travail (7 chiffres + 1 caractère, ou ancien format à 11 chiffres).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct IdentifiantFt(String);

newtype_texte!(IdentifiantFt);

impl IdentifiantFt {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let c = compact(s, &[]).to_ascii_uppercase();
        if c.is_empty() {
            return Err(ErreurIdentifiant::Vide {
                champ: "identifiant France Travail",
            });
        }
        let valide = match c.chars().count() {
            // Compté en caractères : un texte collé peut en contenir de plusieurs octets.
            8 => c
                .chars()
                .enumerate()
                .all(|(i, ch)| ch.is_ascii_digit() || (i == 7 && ch.is_ascii_uppercase())),
            11 => all_digits(&c),
            trouve => return Err(ErreurIdentifiant::IdentifiantFtLongueur { trouve }),
        };
        if valide {
            Ok(IdentifiantFt(c))
        } else {
            Err(ErreurIdentifiant::IdentifiantFtFormat)
        }
    }
}

/// `1234567A` → `123****A` : assez pour reconnaître, pas assez pour usurper.
pub fn masquer(identifiant: &str) -> String {
    let c: Vec<char> = identifiant.chars().collect();
    if c.len() < 5 {
        return "*".repeat(c.len());
    }
    let debut: String = c[..3].iter().collect();
    let fin = c[c.len() - 1];
    format!("{debut}{}{fin}", "*".repeat(c.len() - 4))
}

// ---------------------------------------------------------------- CAF

/// Numéro d'allocataire CAF : 7 chiffres, gardé en texte pour conserver les zéros en tête.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct NumeroCaf(String);

newtype_texte!(NumeroCaf);

impl NumeroCaf {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let c = compact(s, &[]);
        if c.is_empty() {
            return Err(ErreurIdentifiant::Vide {
                champ: "numéro CAF",
            });
        }
        let n = c.chars().count();
        if n != 7 {
            return Err(ErreurIdentifiant::CafLongueur { trouve: n });
        }
        if !all_digits(&c) {
            return Err(ErreurIdentifiant::CafCaractere);
        }
        Ok(NumeroCaf(c))
    }
}

// ---------------------------------------------------------------- Code postal

/// Code postal (format seulement ; l'existence de la commune se vérifie ailleurs).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CodePostal(String);

newtype_texte!(CodePostal);

impl CodePostal {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let c = compact(s, &[]);
        if c.is_empty() {
            return Err(ErreurIdentifiant::Vide {
                champ: "code postal",
            });
        }
        if c.len() != 5 || !all_digits(&c) {
            return Err(ErreurIdentifiant::CodePostalFormat);
        }
        if c.starts_with("00") {
            return Err(ErreurIdentifiant::CodePostalZero);
        }
        Ok(CodePostal(c))
    }

    /// Département déduit du code : « 13 », « 2A » / « 2B » pour 20xxx, « 971 » à « 976 » pour 97xxx.
    pub fn departement(&self) -> String {
        let c = &self.0;
        let prefixe = |n: usize| c.get(..n).unwrap_or("").to_string();
        if c.starts_with("20") {
            // 200xx-201xx: Corse-du-Sud; 202xx and above: Haute-Corse.
            return match c.as_bytes().get(2) {
                Some(b'0' | b'1') => "2A".to_string(),
                _ => "2B".to_string(),
            };
        }
        if c.starts_with("97") || c.starts_with("98") {
            return prefixe(3);
        }
        prefixe(2)
    }
}

// ---------------------------------------------------------------- Code INSEE

/// Code officiel géographique de la commune (à ne pas confondre avec le code postal).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CodeInsee(String);

newtype_texte!(CodeInsee);

impl CodeInsee {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let c = compact(s, &[]).to_ascii_uppercase();
        if c.is_empty() {
            return Err(ErreurIdentifiant::Vide {
                champ: "code INSEE",
            });
        }
        // Checked as ASCII first so that byte slicing below is safe.
        if c.len() != 5 || !c.is_ascii() {
            return Err(ErreurIdentifiant::CodeInseeFormat);
        }
        let (departement, commune) = c.split_at(2);
        if !all_digits(commune)
            || !(all_digits(departement) || departement == "2A" || departement == "2B")
        {
            return Err(ErreurIdentifiant::CodeInseeFormat);
        }
        match departement {
            "20" => return Err(ErreurIdentifiant::CodeInseeCorse),
            "99" => return Err(ErreurIdentifiant::CodeInseeEtranger),
            "00" | "96" | "98" => {
                return Err(ErreurIdentifiant::CodeInseeDepartement {
                    trouve: departement.to_string(),
                })
            }
            "97" if !matches!(commune.as_bytes().first(), Some(b'1'..=b'6')) => {
                return Err(ErreurIdentifiant::CodeInseeDepartement {
                    trouve: c.get(..3).unwrap_or(departement).to_string(),
                })
            }
            _ => {}
        }
        Ok(CodeInsee(c))
    }

    /// « 13 », « 2A », ou 3 caractères outre-mer (« 971 »).
    pub fn departement(&self) -> &str {
        let n = if self.0.starts_with("97") { 3 } else { 2 };
        self.0.get(..n).unwrap_or("")
    }
}

// ---------------------------------------------------------------- Téléphone

/// Numéro de téléphone français (métropole ou outre-mer), stocké au format E.164.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Telephone(String);

newtype_texte!(Telephone);

/// Overseas departments have their own country codes although they share the
/// French 10-digit national plan: (national prefix, country code).
const PREFIXES_OUTRE_MER: &[(&str, &str)] = &[
    ("0262", "262"), // La Réunion, fixe
    ("0263", "262"),
    ("0692", "262"), // La Réunion, mobile
    ("0693", "262"),
    ("0269", "262"), // Mayotte, fixe
    ("0639", "262"), // Mayotte, mobile
    ("0590", "590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy
    ("0690", "590"),
    ("0691", "590"),
    ("0594", "594"), // Guyane
    ("0694", "594"),
    ("0596", "596"), // Martinique
    ("0696", "596"),
    ("0697", "596"),
];

/// Saint-Pierre-et-Miquelon: national 05 08 + 6 digits, E.164 +508 + 6 digits.
const SPM_NATIONAL: &str = "0508";
const SPM_INDICATIF: &str = "508";

/// `national`: 10 ASCII digits, leading 0 then a non-zero digit.
fn national_vers_e164(national: &str) -> String {
    if let Some(local) = national.strip_prefix(SPM_NATIONAL) {
        return format!("+{SPM_INDICATIF}{local}");
    }
    let indicatif = PREFIXES_OUTRE_MER
        .iter()
        .find(|(prefixe, _)| national.starts_with(prefixe))
        .map_or("33", |(_, indicatif)| indicatif);
    format!("+{indicatif}{}", national.get(1..).unwrap_or(""))
}

fn est_national(n: &str) -> bool {
    n.len() == 10 && all_digits(n) && n.starts_with('0') && !n.starts_with("00")
}

/// `chiffres`: the digits after `+` or `00`.
fn international_vers_e164(chiffres: &str) -> Resultat<String> {
    for indicatif in ["33", "262", "590", "594", "596", SPM_INDICATIF] {
        let Some(reste) = chiffres.strip_prefix(indicatif) else {
            continue;
        };
        let longueur = if indicatif == SPM_INDICATIF { 6 } else { 9 };
        // "+33 (0)6 …": the trunk 0 written in brackets is dropped.
        let reste = match reste.strip_prefix('0') {
            Some(r) if r.len() == longueur => r,
            _ => reste,
        };
        if reste.len() != longueur {
            return Err(ErreurIdentifiant::TelephoneInvalide);
        }
        let national = if indicatif == SPM_INDICATIF {
            format!("{SPM_NATIONAL}{reste}")
        } else {
            format!("0{reste}")
        };
        if !est_national(&national) {
            return Err(ErreurIdentifiant::TelephoneInvalide);
        }
        let e164 = national_vers_e164(&national);
        // +33 followed by an overseas prefix is put under its own code;
        // an overseas code followed by a number of another territory is a typo.
        if indicatif != "33" && !e164.starts_with(&format!("+{indicatif}")) {
            return Err(ErreurIdentifiant::TelephoneInvalide);
        }
        return Ok(e164);
    }
    Err(ErreurIdentifiant::TelephoneEtranger)
}

impl Telephone {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let c = compact(s, &['.', '-', '(', ')']);
        if c.is_empty() {
            return Err(ErreurIdentifiant::Vide {
                champ: "téléphone"
            });
        }
        let (international, chiffres) = match c.strip_prefix('+') {
            Some(reste) => (true, reste),
            None => match c.strip_prefix("00") {
                Some(reste) => (true, reste),
                None => (false, c.as_str()),
            },
        };
        if chiffres.is_empty() {
            return Err(ErreurIdentifiant::TelephoneInvalide);
        }
        if !all_digits(chiffres) {
            return Err(ErreurIdentifiant::TelephoneCaractere);
        }
        if international {
            return international_vers_e164(chiffres).map(Telephone);
        }
        if est_national(chiffres) {
            Ok(Telephone(national_vers_e164(chiffres)))
        } else {
            Err(ErreurIdentifiant::TelephoneInvalide)
        }
    }

    /// Forme nationale groupée par deux : « 06 12 34 56 78 », « 06 92 12 34 56 ».
    pub fn affichage(&self) -> String {
        let national = if let Some(local) = self.0.strip_prefix(&format!("+{SPM_INDICATIF}")) {
            format!("{SPM_NATIONAL}{local}")
        } else {
            let sans_indicatif = ["+33", "+262", "+590", "+594", "+596"]
                .iter()
                .find_map(|i| self.0.strip_prefix(i));
            match sans_indicatif {
                Some(local) => format!("0{local}"),
                None => return self.0.clone(),
            }
        };
        national
            .as_bytes()
            .chunks(2)
            .map(|paire| String::from_utf8_lossy(paire).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

// ---------------------------------------------------------------- Courriel

/// Adresse électronique : espaces retirés aux extrémités, domaine en minuscules.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Courriel(String);

newtype_texte!(Courriel);

/// Characters allowed unquoted in the local part (RFC 5322 "atext" plus dot).
fn caractere_local_admis(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

impl Courriel {
    pub fn parse(s: &str) -> Result<Self, ErreurIdentifiant> {
        let t = s.trim();
        if t.is_empty() {
            return Err(ErreurIdentifiant::Vide { champ: "courriel" });
        }
        if t.chars().any(char::is_whitespace) {
            return Err(ErreurIdentifiant::CourrielEspace);
        }
        let n = t.chars().count();
        if n > 254 {
            return Err(ErreurIdentifiant::CourrielLongueur { trouve: n });
        }
        let (local, domaine) = match t.split_once('@') {
            Some((l, d)) if !d.contains('@') => (l, d),
            _ => return Err(ErreurIdentifiant::CourrielArobase),
        };
        if local.is_empty() || local.len() > 64 {
            return Err(ErreurIdentifiant::CourrielPartieLocale);
        }
        if let Some(caractere) = local.chars().find(|c| !caractere_local_admis(*c)) {
            return Err(ErreurIdentifiant::CourrielCaractere { caractere });
        }
        let points_mal_places =
            |p: &str| p.starts_with('.') || p.ends_with('.') || p.contains("..");
        if points_mal_places(local) || points_mal_places(domaine) {
            return Err(ErreurIdentifiant::CourrielPoints);
        }
        if let Some(caractere) = domaine
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        {
            return Err(ErreurIdentifiant::CourrielCaractere { caractere });
        }
        let domaine = domaine.to_ascii_lowercase();
        let etiquettes: Vec<&str> = domaine.split('.').collect();
        let etiquette_valide =
            |e: &&str| !e.is_empty() && e.len() <= 63 && !e.starts_with('-') && !e.ends_with('-');
        let tld_valide = etiquettes
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if etiquettes.len() < 2 || !etiquettes.iter().all(etiquette_valide) || !tld_valide {
            return Err(ErreurIdentifiant::CourrielDomaine);
        }
        Ok(Courriel(format!("{local}@{domaine}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ErreurIdentifiant as E;

    // ------------------------------------------------------------ NIR

    /// Independent key: decimal string reduced digit by digit (no u64 of the whole number).
    fn cle_independante(treize: &str) -> String {
        let chiffres = treize.replacen("2A", "19", 1).replacen("2B", "18", 1);
        let reste = chiffres
            .chars()
            .map(|c| c.to_digit(10).expect("chiffre de test"))
            .fold(0u32, |r, d| (r * 10 + d) % 97);
        format!("{:02}", 97 - reste)
    }

    /// 13 synthetic characters + their key (commune 999, serial 123: no real person).
    fn nir(sexe: char, annee: &str, mois: &str, dep: &str) -> String {
        let treize = format!("{sexe}{annee}{mois}{dep}999123");
        assert_eq!(treize.len(), 13, "{treize}");
        format!("{treize}{}", cle_independante(&treize))
    }

    #[test]
    fn nir_vecteurs_calcules_a_la_main() {
        // Keys checked by hand (base-100 Horner, 100 ≡ 3 mod 97) and with bc.
        for (saisie, canonique) in [
            ("1 85 05 13 999 123 50", "185051399912350"),
            ("2 85 05 2A 999 123 32", "285052A99912332"),
            ("1 72 11 2B 999 123 66", "172112B99912366"),
            ("2 85 05 20 999 123 05", "285052099912305"),
        ] {
            let n = Nir::parse(saisie).unwrap_or_else(|e| panic!("{saisie} : {e}"));
            assert_eq!(n.as_str(), canonique);
            assert_eq!(n.to_string(), canonique);
        }
        assert_eq!(cle_independante("1850513999123"), "50");
        assert_eq!(cle_independante("285052A999123"), "32");
        assert_eq!(cle_independante("172112B999123"), "66");
    }

    #[test]
    fn nir_vecteurs_generes_avec_cle_independante() {
        for sexe in ['1', '2', '7', '8'] {
            for annee in ["00", "47", "85", "99"] {
                for mois in ["01", "06", "12", "20", "42", "50", "99"] {
                    for dep in ["01", "13", "2A", "2B", "20", "75", "97", "99"] {
                        let n = nir(sexe, annee, mois, dep);
                        let parsed = Nir::parse(&n).unwrap_or_else(|e| panic!("{n} : {e}"));
                        assert_eq!(parsed.as_str(), n);
                        assert_eq!(parsed.sexe(), sexe);
                    }
                }
            }
        }
    }

    #[test]
    fn nir_corse_mauvaise_cle_refusee() {
        // Same digits, but the key of the "20" form instead of 19/18.
        for dep in ["2A", "2B"] {
            let bonne = nir('1', "85", "05", dep);
            assert!(Nir::parse(&bonne).is_ok());
            let cle_20 = cle_independante("1850520999123");
            let fausse = format!("18505{dep}999123{cle_20}");
            assert_ne!(fausse, bonne);
            assert_eq!(
                Nir::parse(&fausse),
                Err(E::NirCle {
                    attendue: bonne[13..].to_string()
                })
            );
        }
    }

    #[test]
    fn nir_corse_minuscules_et_espaces() {
        let n = nir('2', "85", "05", "2A");
        let saisie = format!(
            "  {} {} {} {} {} {} {}\u{a0}",
            &n[0..1],
            &n[1..3],
            &n[3..5],
            n[5..7].to_lowercase(),
            &n[7..10],
            &n[10..13],
            &n[13..15]
        );
        assert_eq!(Nir::parse(&saisie).map(String::from), Ok(n));
    }

    #[test]
    fn nir_bornes_du_mois() {
        for mois in ["01", "12", "20", "42", "50", "99"] {
            assert!(Nir::parse(&nir('1', "85", mois, "13")).is_ok(), "{mois}");
        }
        for mois in ["00", "13", "19", "43", "49"] {
            assert_eq!(
                Nir::parse(&nir('1', "85", mois, "13")),
                Err(E::NirMois {
                    trouve: mois.to_string()
                }),
                "{mois}"
            );
        }
    }

    #[test]
    fn nir_sexe() {
        for sexe in ['1', '2', '7', '8'] {
            assert_eq!(
                Nir::parse(&nir(sexe, "85", "05", "13")).map(|n| n.sexe()),
                Ok(sexe)
            );
        }
        for sexe in ['0', '3', '4', '5', '6', '9', 'A'] {
            assert_eq!(
                Nir::parse(&format!("{sexe}85051399912350")),
                Err(E::NirSexe { trouve: sexe })
            );
        }
    }

    #[test]
    fn nir_mauvaise_cle() {
        let n = nir('1', "85", "05", "13");
        let cle: u32 = n[13..].parse().expect("clé");
        let fausse = format!("{}{:02}", &n[..13], (cle % 97) + 1);
        assert_eq!(
            Nir::parse(&fausse),
            Err(E::NirCle {
                attendue: n[13..].to_string()
            })
        );
        // One digit mistyped in the body.
        let faute = format!("1850513999124{}", &n[13..]);
        assert!(matches!(Nir::parse(&faute), Err(E::NirCle { .. })));
        assert!(matches!(
            Nir::parse("185051399912300"),
            Err(E::NirCle { .. })
        ));
    }

    #[test]
    fn nir_longueur_et_caracteres() {
        assert_eq!(Nir::parse(""), Err(E::Vide { champ: "NIR" }));
        assert_eq!(Nir::parse("   "), Err(E::Vide { champ: "NIR" }));
        assert_eq!(
            Nir::parse("1 85 05 13 999 123"),
            Err(E::NirLongueur { trouve: 13 })
        );
        assert_eq!(
            Nir::parse("1850513999123500"),
            Err(E::NirLongueur { trouve: 16 })
        );
        assert_eq!(
            Nir::parse("1850513999123é0"),
            Err(E::NirCaractere {
                partie: "la clé (caractères 14-15)",
                caractere: 'é',
            })
        );
        assert!(matches!(
            Nir::parse("1X50513999123 50"),
            Err(E::NirCaractere { partie, caractere: 'X' }) if partie.contains("année")
        ));
        assert!(matches!(
            Nir::parse("1850X13999123 50"),
            Err(E::NirCaractere { partie, .. }) if partie.contains("mois")
        ));
        assert!(matches!(
            Nir::parse("18505139O9123 50"),
            Err(E::NirCaractere { partie, caractere: 'O' }) if partie.contains("commune")
        ));
        assert!(matches!(
            Nir::parse("1850513999I23 50"),
            Err(E::NirCaractere { partie, .. }) if partie.contains("ordre")
        ));
        for dep in ["2C", "A2", "3A", "AB"] {
            assert_eq!(
                Nir::parse(&format!("18505{dep}99912350")),
                Err(E::NirDepartement {
                    trouve: dep.to_string()
                })
            );
        }
    }

    #[test]
    fn nir_masque_et_debug() {
        let n = Nir::parse(&nir('2', "85", "05", "2A")).expect("valide");
        assert_eq!(n.masque(), "2 85 05 2A *** *** **");
        let cle = &n.as_str()[13..];
        for texte in [n.masque(), format!("{n:?}")] {
            assert!(!texte.contains("999"), "{texte}");
            assert!(!texte.contains("123"), "{texte}");
            assert!(!texte.contains(cle), "{texte}");
            assert!(!texte.contains(n.as_str()), "{texte}");
        }
        let m = Nir::parse(&nir('1', "72", "11", "13")).expect("valide");
        assert_eq!(m.masque(), "1 72 11 13 *** *** **");
    }

    // ------------------------------------------------------------ France Travail, CAF

    #[test]
    fn identifiant_france_travail() {
        for (saisie, attendu) in [
            ("1234567A", "1234567A"),
            ("1234567a", "1234567A"),
            (" 0123456 z ", "0123456Z"),
            ("12345678", "12345678"),
            ("01234567890", "01234567890"),
        ] {
            assert_eq!(
                IdentifiantFt::parse(saisie).map(String::from),
                Ok(attendu.to_string()),
                "{saisie}"
            );
        }
        assert_eq!(
            IdentifiantFt::parse(""),
            Err(E::Vide {
                champ: "identifiant France Travail"
            })
        );
        assert_eq!(
            IdentifiantFt::parse("123456A"),
            Err(E::IdentifiantFtLongueur { trouve: 7 })
        );
        assert_eq!(
            IdentifiantFt::parse("1234567AB"),
            Err(E::IdentifiantFtLongueur { trouve: 9 })
        );
        for mauvais in [
            "A1234567",
            "123456AB",
            "1234567-",
            "1234567É",
            "0123456789A",
        ] {
            assert_eq!(
                IdentifiantFt::parse(mauvais),
                Err(E::IdentifiantFtFormat),
                "{mauvais}"
            );
        }
    }

    #[test]
    fn numero_caf() {
        assert_eq!(
            NumeroCaf::parse("0012345").map(String::from),
            Ok("0012345".into())
        );
        assert_eq!(
            NumeroCaf::parse(" 123 4567 ").map(String::from),
            Ok("1234567".into())
        );
        assert_eq!(
            NumeroCaf::parse(""),
            Err(E::Vide {
                champ: "numéro CAF"
            })
        );
        assert_eq!(NumeroCaf::parse("12345"), Err(E::CafLongueur { trouve: 5 }));
        assert_eq!(
            NumeroCaf::parse("12345678"),
            Err(E::CafLongueur { trouve: 8 })
        );
        assert_eq!(NumeroCaf::parse("12345A7"), Err(E::CafCaractere));
    }

    // ------------------------------------------------------------ Codes postal et INSEE

    #[test]
    fn code_postal() {
        for (saisie, attendu, dep) in [
            ("13001", "13001", "13"),
            ("01000", "01000", "01"),
            (" 75 015 ", "75015", "75"),
            ("20000", "20000", "2A"),
            ("20190", "20190", "2A"),
            ("20200", "20200", "2B"),
            ("20600", "20600", "2B"),
            ("97400", "97400", "974"),
            ("97100", "97100", "971"),
            ("97600", "97600", "976"),
        ] {
            let cp = CodePostal::parse(saisie).unwrap_or_else(|e| panic!("{saisie} : {e}"));
            assert_eq!(cp.as_str(), attendu);
            assert_eq!(cp.departement(), dep, "{saisie}");
        }
        assert_eq!(
            CodePostal::parse(" "),
            Err(E::Vide {
                champ: "code postal"
            })
        );
        for mauvais in ["1300", "130011", "13A01", "1300١", "13.001"] {
            assert_eq!(
                CodePostal::parse(mauvais),
                Err(E::CodePostalFormat),
                "{mauvais}"
            );
        }
        assert_eq!(CodePostal::parse("00123"), Err(E::CodePostalZero));
    }

    #[test]
    fn code_insee() {
        for (saisie, attendu, dep) in [
            ("13055", "13055", "13"),
            ("01001", "01001", "01"),
            ("2A004", "2A004", "2A"),
            ("2b033", "2B033", "2B"),
            (" 97 411 ", "97411", "974"),
            ("97101", "97101", "971"),
            ("97611", "97611", "976"),
            ("95018", "95018", "95"),
        ] {
            let c = CodeInsee::parse(saisie).unwrap_or_else(|e| panic!("{saisie} : {e}"));
            assert_eq!(c.as_str(), attendu);
            assert_eq!(c.departement(), dep);
        }
        assert_eq!(
            CodeInsee::parse(""),
            Err(E::Vide {
                champ: "code INSEE"
            })
        );
        for mauvais in [
            "1305", "130555", "2C004", "A2004", "13A55", "2A0O4", "1305é",
        ] {
            assert_eq!(
                CodeInsee::parse(mauvais),
                Err(E::CodeInseeFormat),
                "{mauvais}"
            );
        }
        assert_eq!(CodeInsee::parse("20004"), Err(E::CodeInseeCorse));
        assert_eq!(CodeInsee::parse("99134"), Err(E::CodeInseeEtranger));
        for (mauvais, trouve) in [
            ("00123", "00"),
            ("96001", "96"),
            ("98735", "98"),
            ("97701", "977"),
            ("97001", "970"),
        ] {
            assert_eq!(
                CodeInsee::parse(mauvais),
                Err(E::CodeInseeDepartement {
                    trouve: trouve.to_string()
                }),
                "{mauvais}"
            );
        }
    }

    // ------------------------------------------------------------ Téléphone

    #[test]
    fn telephone_normalisation() {
        for (saisie, e164, affichage) in [
            ("06 12 34 56 78", "+33612345678", "06 12 34 56 78"),
            ("06.12.34.56.78", "+33612345678", "06 12 34 56 78"),
            ("06-12-34-56-78", "+33612345678", "06 12 34 56 78"),
            ("0612345678", "+33612345678", "06 12 34 56 78"),
            ("+33 6 12 34 56 78", "+33612345678", "06 12 34 56 78"),
            ("+33 (0)6 12 34 56 78", "+33612345678", "06 12 34 56 78"),
            ("0033612345678", "+33612345678", "06 12 34 56 78"),
            ("0033 (0)6 12 34 56 78", "+33612345678", "06 12 34 56 78"),
            ("01 23 45 67 89", "+33123456789", "01 23 45 67 89"),
            ("09 87 65 43 21", "+33987654321", "09 87 65 43 21"),
            (
                "07\u{a0}12\u{202f}34 56 78",
                "+33712345678",
                "07 12 34 56 78",
            ),
            // Outre-mer
            ("0692 12 34 56", "+262692123456", "06 92 12 34 56"),
            ("0693123456", "+262693123456", "06 93 12 34 56"),
            ("02 62 12 34 56", "+262262123456", "02 62 12 34 56"),
            ("0263123456", "+262263123456", "02 63 12 34 56"),
            ("0269 61 23 45", "+262269612345", "02 69 61 23 45"),
            ("0639 12 34 56", "+262639123456", "06 39 12 34 56"),
            ("0590 12 34 56", "+590590123456", "05 90 12 34 56"),
            ("0690123456", "+590690123456", "06 90 12 34 56"),
            ("0691123456", "+590691123456", "06 91 12 34 56"),
            ("0594123456", "+594594123456", "05 94 12 34 56"),
            ("0694123456", "+594694123456", "06 94 12 34 56"),
            ("0596123456", "+596596123456", "05 96 12 34 56"),
            ("0696123456", "+596696123456", "06 96 12 34 56"),
            ("0697123456", "+596697123456", "06 97 12 34 56"),
            ("0508 41 23 45", "+508412345", "05 08 41 23 45"),
            // Déjà au format international
            ("+262 692 12 34 56", "+262692123456", "06 92 12 34 56"),
            ("+262692123456", "+262692123456", "06 92 12 34 56"),
            ("+590 690 12 34 56", "+590690123456", "06 90 12 34 56"),
            ("+594 694 12 34 56", "+594694123456", "06 94 12 34 56"),
            ("+596 (0)696 12 34 56", "+596696123456", "06 96 12 34 56"),
            ("00262692123456", "+262692123456", "06 92 12 34 56"),
            ("+508 41 23 45", "+508412345", "05 08 41 23 45"),
            // +33 suivi d'un préfixe ultramarin : rangé sous le bon indicatif.
            ("+33 6 92 12 34 56", "+262692123456", "06 92 12 34 56"),
        ] {
            let t = Telephone::parse(saisie).unwrap_or_else(|e| panic!("{saisie} : {e}"));
            assert_eq!(t.as_str(), e164, "{saisie}");
            assert_eq!(t.affichage(), affichage, "{saisie}");
            // The canonical form is a fixed point.
            assert_eq!(Telephone::parse(e164).as_ref(), Ok(&t));
        }
    }

    #[test]
    fn telephone_refus() {
        assert_eq!(
            Telephone::parse(""),
            Err(E::Vide {
                champ: "téléphone"
            })
        );
        assert_eq!(
            Telephone::parse(" . - "),
            Err(E::Vide {
                champ: "téléphone"
            })
        );
        for mauvais in [
            "3949",
            "612345678",
            "06123456789",
            "061234567",
            "1612345678",
            "+33 6 12 34 56 7",
            "+33 6 12 34 56 789",
            "+33 0 12 34 56 78",
            "+262 6 12 34 56 78",
            "+590 692 12 34 56",
            "+508 41 23 4",
            "+",
            "00",
        ] {
            assert_eq!(
                Telephone::parse(mauvais),
                Err(E::TelephoneInvalide),
                "{mauvais}"
            );
        }
        for mauvais in [
            "06 12 AB 56 78",
            "06/12/34/56/78",
            "+33 6 12 34 56 7x",
            "٠٦١٢٣٤٥٦٧٨",
        ] {
            assert_eq!(
                Telephone::parse(mauvais),
                Err(E::TelephoneCaractere),
                "{mauvais}"
            );
        }
        for etranger in [
            "0012345678",
            "+32 470 12 34 56",
            "+44 20 7946 0958",
            "0041 79 123 45 67",
            "+1 555 123 4567",
        ] {
            assert_eq!(
                Telephone::parse(etranger),
                Err(E::TelephoneEtranger),
                "{etranger}"
            );
        }
        let message = E::TelephoneInvalide.to_string();
        assert!(message.contains("10 chiffres") && message.contains("06 12 34 56 78"));
    }

    // ------------------------------------------------------------ Courriel

    #[test]
    fn courriel_valides() {
        for (saisie, attendu) in [
            ("prenom.nom@exemple.fr", "prenom.nom@exemple.fr"),
            ("  Prenom.Nom@Exemple.FR ", "Prenom.Nom@exemple.fr"),
            ("a@b.co", "a@b.co"),
            (
                "jean-marie+binome@mail.exemple-asso.org",
                "jean-marie+binome@mail.exemple-asso.org",
            ),
            ("o'neil_42@x1.gouv.fr", "o'neil_42@x1.gouv.fr"),
        ] {
            assert_eq!(
                Courriel::parse(saisie).map(String::from),
                Ok(attendu.to_string()),
                "{saisie}"
            );
        }
        let local = "a".repeat(64);
        assert!(Courriel::parse(&format!("{local}@exemple.fr")).is_ok());
        // 254 characters exactly.
        let domaine = format!(
            "{}.{}.{}.fr",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(58)
        );
        let adresse = format!("{local}@{domaine}");
        assert_eq!(adresse.len(), 254);
        assert!(Courriel::parse(&adresse).is_ok());
    }

    #[test]
    fn courriel_refus() {
        assert_eq!(Courriel::parse("  "), Err(E::Vide { champ: "courriel" }));
        for (mauvais, erreur) in [
            ("prenom.nomexemple.fr", E::CourrielArobase),
            ("a@b@exemple.fr", E::CourrielArobase),
            ("prenom nom@exemple.fr", E::CourrielEspace),
            ("prenom@exemple .fr", E::CourrielEspace),
            ("@exemple.fr", E::CourrielPartieLocale),
            ("prenom..nom@exemple.fr", E::CourrielPoints),
            (".prenom@exemple.fr", E::CourrielPoints),
            ("prenom.@exemple.fr", E::CourrielPoints),
            ("prenom@exemple..fr", E::CourrielPoints),
            ("prenom@.exemple.fr", E::CourrielPoints),
            ("prenom@exemple.fr.", E::CourrielPoints),
            ("prenom@exemple", E::CourrielDomaine),
            ("prenom@", E::CourrielDomaine),
            ("prenom@exemple.f", E::CourrielDomaine),
            ("prenom@exemple.f2", E::CourrielDomaine),
            ("prenom@-exemple.fr", E::CourrielDomaine),
            ("prenom@exemple-.fr", E::CourrielDomaine),
            ("élodie@exemple.fr", E::CourrielCaractere { caractere: 'é' }),
            (
                "prenom,nom@exemple.fr",
                E::CourrielCaractere { caractere: ',' },
            ),
            (
                "prenom@exemple_asso.fr",
                E::CourrielCaractere { caractere: '_' },
            ),
        ] {
            assert_eq!(Courriel::parse(mauvais), Err(erreur), "{mauvais}");
        }
        assert_eq!(
            Courriel::parse(&format!("{}@exemple.fr", "a".repeat(65))),
            Err(E::CourrielPartieLocale)
        );
        assert_eq!(
            Courriel::parse(&format!("a@{}.fr", "b".repeat(64))),
            Err(E::CourrielDomaine)
        );
        let trop_long = format!("a@{}.fr", "b.".repeat(126));
        assert_eq!(
            Courriel::parse(&trop_long),
            Err(E::CourrielLongueur {
                trouve: trop_long.len()
            })
        );
    }

    // ------------------------------------------------------------ Serde

    #[test]
    fn serde_aller_retour() {
        fn aller_retour<T>(valeur: &T, json: &str)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + fmt::Debug,
        {
            assert_eq!(serde_json::to_string(valeur).expect("sérialisation"), json);
            assert_eq!(
                &serde_json::from_str::<T>(json).expect("désérialisation"),
                valeur
            );
        }
        let nir_texte = nir('2', "85", "05", "2A");
        aller_retour(
            &Nir::parse(&nir_texte).expect("nir"),
            &format!("\"{nir_texte}\""),
        );
        aller_retour(
            &IdentifiantFt::parse("1234567a").expect("ft"),
            "\"1234567A\"",
        );
        aller_retour(&NumeroCaf::parse("0012345").expect("caf"), "\"0012345\"");
        aller_retour(&CodePostal::parse("01000").expect("cp"), "\"01000\"");
        aller_retour(&CodeInsee::parse("2a004").expect("insee"), "\"2A004\"");
        aller_retour(
            &Telephone::parse("0692123456").expect("tel"),
            "\"+262692123456\"",
        );
        aller_retour(
            &Courriel::parse("A@Exemple.fr").expect("courriel"),
            "\"A@exemple.fr\"",
        );
        // Lenient input is normalised on the way in.
        assert_eq!(
            serde_json::from_str::<Telephone>("\"06 12 34 56 78\"")
                .map(String::from)
                .ok(),
            Some("+33612345678".to_string())
        );
    }

    #[test]
    fn serde_refuse_les_valeurs_invalides() {
        let n = nir('1', "85", "05", "13");
        let mauvaise_cle = format!("\"{}00\"", &n[..13]);
        let erreur = serde_json::from_str::<Nir>(&mauvaise_cle).expect_err("clé fausse");
        assert!(erreur.to_string().contains("clé"), "{erreur}");
        assert!(serde_json::from_str::<Nir>("\"\"").is_err());
        assert!(serde_json::from_str::<Nir>("185051399912350").is_err());
        assert!(serde_json::from_str::<IdentifiantFt>("\"A1234567\"").is_err());
        assert!(serde_json::from_str::<NumeroCaf>("\"123\"").is_err());
        assert!(serde_json::from_str::<NumeroCaf>("12345").is_err());
        assert!(serde_json::from_str::<CodePostal>("\"00100\"").is_err());
        assert!(serde_json::from_str::<CodeInsee>("\"20004\"").is_err());
        assert!(serde_json::from_str::<Telephone>("\"3949\"").is_err());
        assert!(serde_json::from_str::<Courriel>("\"pas-une-adresse\"").is_err());
    }

    // ------------------------------------------------------------ Messages

    /// One value of every variant; the `match` stops compiling if a variant is added
    /// without being listed here.
    fn toutes_les_erreurs() -> Vec<ErreurIdentifiant> {
        let toutes = vec![
            E::Vide { champ: "NIR" },
            E::NirLongueur { trouve: 13 },
            E::NirCaractere {
                partie: "la clé (caractères 14-15)",
                caractere: 'X',
            },
            E::NirSexe { trouve: '3' },
            E::NirMois {
                trouve: "13".into(),
            },
            E::NirDepartement {
                trouve: "2C".into(),
            },
            E::NirCle {
                attendue: "07".into(),
            },
            E::IdentifiantFtLongueur { trouve: 6 },
            E::IdentifiantFtFormat,
            E::CafLongueur { trouve: 5 },
            E::CafCaractere,
            E::CodePostalFormat,
            E::CodePostalZero,
            E::CodeInseeFormat,
            E::CodeInseeCorse,
            E::CodeInseeEtranger,
            E::CodeInseeDepartement {
                trouve: "96".into(),
            },
            E::TelephoneInvalide,
            E::TelephoneCaractere,
            E::TelephoneEtranger,
            E::CourrielArobase,
            E::CourrielEspace,
            E::CourrielLongueur { trouve: 300 },
            E::CourrielPartieLocale,
            E::CourrielCaractere { caractere: 'é' },
            E::CourrielPoints,
            E::CourrielDomaine,
        ];
        for e in &toutes {
            match e {
                E::Vide { .. }
                | E::NirLongueur { .. }
                | E::NirCaractere { .. }
                | E::NirSexe { .. }
                | E::NirMois { .. }
                | E::NirDepartement { .. }
                | E::NirCle { .. }
                | E::IdentifiantFtLongueur { .. }
                | E::IdentifiantFtFormat
                | E::CafLongueur { .. }
                | E::CafCaractere
                | E::CodePostalFormat
                | E::CodePostalZero
                | E::CodeInseeFormat
                | E::CodeInseeCorse
                | E::CodeInseeEtranger
                | E::CodeInseeDepartement { .. }
                | E::TelephoneInvalide
                | E::TelephoneCaractere
                | E::TelephoneEtranger
                | E::CourrielArobase
                | E::CourrielEspace
                | E::CourrielLongueur { .. }
                | E::CourrielPartieLocale
                | E::CourrielCaractere { .. }
                | E::CourrielPoints
                | E::CourrielDomaine => {}
            }
        }
        toutes
    }

    #[test]
    fn messages_en_francais() {
        let mots = [
            "saisissez",
            "doit",
            "vérifiez",
            "chiffres",
            "caractère",
            "pas",
            "ne ",
            "est",
        ];
        let toutes = toutes_les_erreurs();
        assert_eq!(toutes.len(), 27);
        for e in &toutes {
            let m = e.to_string();
            assert!(m.len() > 20, "{e:?} : {m}");
            assert!(m.ends_with('.'), "{m}");
            assert!(
                m.starts_with(char::is_uppercase) || m.starts_with('«'),
                "{m}"
            );
            assert!(mots.iter().any(|w| m.contains(w)), "{m}");
            assert!(!m.contains('{'), "placeholder non remplacé : {m}");
        }
        assert_eq!(
            E::NirLongueur { trouve: 13 }.to_string(),
            "Le NIR doit compter 15 caractères (13 + clé de 2 chiffres) ; 13 saisis."
        );
        assert_eq!(
            E::NirCle {
                attendue: "07".into()
            }
            .to_string(),
            "La clé du NIR ne correspond pas : vérifiez chaque chiffre (clé attendue 07)."
        );
        let mois = E::NirMois {
            trouve: "13".into(),
        }
        .to_string();
        assert!(mois.contains("mois de naissance (caractères 4-5)") && mois.contains("« 13 »"));
        assert!(E::NirDepartement {
            trouve: "2C".into()
        }
        .to_string()
        .contains("caractères 6-7"));
        assert!(E::CodeInseeEtranger.to_string().contains("pays étranger"));
        assert!(E::CodeInseeFormat.to_string().contains("code postal"));
        assert!(E::Vide { champ: "courriel" }
            .to_string()
            .contains("« courriel »"));
    }
}
