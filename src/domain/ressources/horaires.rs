//! Horaires d'ouverture structurés : des plages par jour de la semaine. Lus dans la syntaxe
//! OpenStreetMap `opening_hours` de data·inclusion (« Mo-Fr 08:30-12:30; PH off ») ou dans
//! les formulations françaises courantes (« lundi au vendredi 9h-12h/14h-17h ») ; sinon le
//! texte d'origine est gardé et affiché tel quel.

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::domain::texte::normaliser;

pub const JOURS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const JOURS_OSM: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// Une plage horaire, en minutes depuis minuit (`fin` peut valoir 1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Plage {
    pub debut: u16,
    pub fin: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Horaires {
    /// Du lundi (0) au dimanche (6). Tout vide et `texte` vide : horaires inconnus.
    pub jours: [Vec<Plage>; 7],
    /// Le texte d'origine quand il n'a pas pu être lu.
    #[serde(default)]
    pub texte: String,
}

impl Horaires {
    /// Lit un texte d'horaires ; ce qui ne se lit pas est conservé dans `texte`.
    pub fn lire(texte: &str) -> Horaires {
        let t = texte.trim();
        if t.is_empty() {
            return Horaires::default();
        }
        lire_osm(t)
            .or_else(|| lire_francais(t))
            .unwrap_or_else(|| Horaires {
                texte: t.to_string(),
                ..Horaires::default()
            })
    }

    pub fn structures(&self) -> bool {
        self.jours.iter().any(|j| !j.is_empty())
    }

    /// `Some(true)` si ouvert à cet instant, `None` si on ne peut pas le savoir.
    pub fn ouvert(&self, instant: NaiveDateTime) -> Option<bool> {
        if !self.structures() {
            return None;
        }
        let jour = instant.weekday().num_days_from_monday() as usize;
        let minute = (instant.hour() * 60 + instant.minute()) as u16;
        Some(
            self.jours[jour]
                .iter()
                .any(|p| p.debut <= minute && minute < p.fin),
        )
    }

    /// En français, une ligne par groupe de jours consécutifs aux mêmes plages :
    /// « du lundi au vendredi : 9 h – 12 h, 14 h – 17 h ».
    pub fn en_francais(&self) -> Vec<String> {
        if !self.structures() {
            return if self.texte.is_empty() {
                vec!["Horaires non renseignés".into()]
            } else {
                vec![self.texte.clone()]
            };
        }
        self.groupes()
            .map(|(i, j)| {
                let plages = self.jours[i]
                    .iter()
                    .map(|p| format!("{} – {}", heure(p.debut), heure(p.fin)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let jours = match j - i {
                    0 => JOURS[i].to_string(),
                    1 => format!("{} et {}", JOURS[i], JOURS[j]),
                    _ => format!("du {} au {}", JOURS[i], JOURS[j]),
                };
                format!("{} : {plages}", majuscule(&jours))
            })
            .collect()
    }

    /// La syntaxe OSM, pour l'export (ou le texte d'origine).
    pub fn vers_osm(&self) -> String {
        if !self.structures() {
            return self.texte.clone();
        }
        self.groupes()
            .map(|(i, j)| {
                let jours = if i == j {
                    JOURS_OSM[i].to_string()
                } else if j == i + 1 {
                    format!("{},{}", JOURS_OSM[i], JOURS_OSM[j])
                } else {
                    format!("{}-{}", JOURS_OSM[i], JOURS_OSM[j])
                };
                let plages = self.jours[i]
                    .iter()
                    .map(|p| format!("{}-{}", hhmm(p.debut), hhmm(p.fin)))
                    .collect::<Vec<_>>()
                    .join(",");
                format!("{jours} {plages}")
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Les suites de jours consécutifs ouverts aux mêmes plages : (premier, dernier).
    fn groupes(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < 7 {
                let debut = i;
                while i + 1 < 7 && self.jours[i + 1] == self.jours[debut] {
                    i += 1;
                }
                let fin = i;
                i += 1;
                if !self.jours[debut].is_empty() {
                    return Some((debut, fin));
                }
            }
            None
        })
    }
}

fn majuscule(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|p| p.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// « 9 h », « 12 h 30 ».
pub fn heure(m: u16) -> String {
    match m % 60 {
        0 => format!("{} h", m / 60),
        r => format!("{} h {r:02}", m / 60),
    }
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn lire_osm(t: &str) -> Option<Horaires> {
    let mut h = Horaires::default();
    if t == "24/7" {
        h.jours = std::array::from_fn(|_| {
            vec![Plage {
                debut: 0,
                fin: 1440,
            }]
        });
        return Some(h);
    }
    for regle in t.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        // Les jours fériés ne changent pas la semaine type.
        if regle.starts_with("PH") {
            continue;
        }
        let (selecteur, reste) = match regle.split_once(' ') {
            Some((s, r)) if s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) => {
                (Some(s), r.trim())
            }
            _ if regle
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic()) =>
            {
                (Some(regle), "")
            }
            _ => (None, regle),
        };
        let jours = match selecteur {
            Some(s) => jours_osm(s)?,
            None => [true; 7],
        };
        let reste = reste.trim_end_matches(" open").trim();
        let plages = if reste.is_empty() || reste == "off" || reste == "closed" {
            if reste.is_empty() && selecteur.is_some() {
                // « Mo-Fr » seul n'a pas de sens en horaires d'accueil.
                return None;
            }
            Vec::new()
        } else {
            reste
                .split(',')
                .map(|p| plage(p.trim(), ':'))
                .collect::<Option<Vec<_>>>()?
        };
        // Une règle plus loin remplace les précédentes pour ses jours (sémantique OSM).
        for (i, oui) in jours.iter().enumerate() {
            if *oui {
                h.jours[i] = plages.clone();
            }
        }
    }
    h.structures().then_some(h)
}

fn jours_osm(s: &str) -> Option<[bool; 7]> {
    let mut jours = [false; 7];
    for partie in s.split(',') {
        let index = |j: &str| JOURS_OSM.iter().position(|o| *o == j);
        match partie.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (index(a)?, index(b)?);
                let mut i = a;
                loop {
                    jours[i] = true;
                    if i == b {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            }
            None => jours[index(partie)?] = true,
        }
    }
    Some(jours)
}

/// « 08:30-12:30 » (séparateur `:`) ou « 8h30-12h » (séparateur `h`).
fn plage(p: &str, sep: char) -> Option<Plage> {
    let (a, b) = p.split_once('-')?;
    let minute = |x: &str| -> Option<u16> {
        let x = x.trim();
        let (h, m) = match x.split_once(sep) {
            Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
            None => (x, "0"),
        };
        let (h, m): (u16, u16) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
    };
    let (debut, fin) = (minute(a)?, minute(b)?);
    (debut < fin).then_some(Plage { debut, fin })
}

/// Formulations françaises : « du lundi au vendredi 9h-12h/14h-17h, samedi 9h-12h ».
fn lire_francais(t: &str) -> Option<Horaires> {
    // `normaliser` efface les traits d'union : on les protège.
    let n = normaliser(&t.replace(['-', '–'], " ~ "))
        .replace('~', "-")
        .replace(" et ", " / ")
        .replace(" a ", " - ")
        .replace(" au ", " - ")
        .replace(" de ", " ")
        .replace(" du ", " ");
    let mut h = Horaires::default();
    let mut jours: Option<[bool; 7]> = None;
    let mut vu = false;
    let mots: Vec<String> = n
        .replace(['.', ';', ','], " , ")
        .replace('-', " - ")
        .replace('/', " / ")
        .split_whitespace()
        .map(String::from)
        .collect();
    let mut i = 0;
    let jour = |m: &str| JOURS.iter().position(|j| m.trim_end_matches('s') == *j);
    let mut nouveau_groupe = true;
    while i < mots.len() {
        let m = mots[i].as_str();
        if let Some(a) = jour(m) {
            let sel = jours.get_or_insert([false; 7]);
            if nouveau_groupe {
                *sel = [false; 7];
                nouveau_groupe = false;
            }
            if mots.get(i + 1).map(String::as_str) == Some("-") {
                let b = mots.get(i + 2).and_then(|m| jour(m))?;
                let mut k = a;
                loop {
                    sel[k] = true;
                    if k == b {
                        break;
                    }
                    k = (k + 1) % 7;
                }
                i += 3;
            } else {
                sel[a] = true;
                i += 1;
            }
            continue;
        }
        if m.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            let fin = mots.get(i + 2)?;
            if mots.get(i + 1).map(String::as_str) != Some("-") {
                return None;
            }
            let p = plage(&format!("{m}-{fin}"), 'h')?;
            let sel = jours?;
            for (k, oui) in sel.iter().enumerate() {
                if *oui {
                    if nouveau_groupe {
                        h.jours[k].clear();
                    }
                    h.jours[k].push(p);
                }
            }
            nouveau_groupe = false;
            vu = true;
            i += 3;
            // Après les plages d'un groupe de jours, un nouveau jour commence un groupe.
            if mots.get(i).is_some_and(|m| jour(m).is_some()) {
                nouveau_groupe = true;
            }
            continue;
        }
        match m {
            "," | "/" | "du" | "de" | "le" | "les" | "ouvert" | "horaires" | "accueil" | "h" => {
                if m == "," && mots.get(i + 1).is_some_and(|m| jour(m).is_some()) {
                    nouveau_groupe = true;
                }
                i += 1
            }
            _ => return None,
        }
    }
    for j in &mut h.jours {
        j.sort();
    }
    (vu && h.structures()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn p(a: u16, b: u16) -> Plage {
        Plage {
            debut: a * 60,
            fin: b * 60,
        }
    }

    #[test]
    fn osm_semaine_et_jours_feries() {
        let h = Horaires::lire("Mo-Fr 08:30-12:30,14:00-17:00; Sa 09:00-12:00; PH off");
        assert_eq!(
            h.jours[0],
            vec![
                Plage {
                    debut: 510,
                    fin: 750
                },
                p(14, 17)
            ]
        );
        assert_eq!(h.jours[5], vec![p(9, 12)]);
        assert!(h.jours[6].is_empty());
        assert_eq!(
            h.en_francais(),
            vec![
                "Du lundi au vendredi : 8 h 30 – 12 h 30, 14 h – 17 h",
                "Samedi : 9 h – 12 h"
            ]
        );
        assert_eq!(
            Horaires::lire(&h.vers_osm()),
            h,
            "l'export relu redonne les mêmes horaires"
        );
    }

    #[test]
    fn osm_avec_modificateurs() {
        let h = Horaires::lire("Mo 13:00-16:00 open, We closed");
        // « , We closed » n'est pas une règle OSM bien formée : le texte est gardé.
        assert!(!h.structures());
        assert_eq!(h.texte, "Mo 13:00-16:00 open, We closed");
        let h = Horaires::lire("Mo 13:00-16:00 open; We closed");
        assert_eq!(h.jours[0], vec![p(13, 16)]);
    }

    #[test]
    fn texte_francais() {
        let h = Horaires::lire("lundi au vendredi 9h-11h45/14h-16h30");
        assert_eq!(h.jours[4].len(), 2);
        assert_eq!(h.jours[4][0].fin, 11 * 60 + 45);
        assert!(h.jours[5].is_empty());
        let h = Horaires::lire("Du lundi au jeudi de 9h à 12h, vendredi 9h-12h et 13h30-16h");
        assert_eq!(h.jours[3], vec![p(9, 12)]);
        assert_eq!(h.jours[4].len(), 2);
    }

    #[test]
    fn texte_illisible_conserve() {
        let h = Horaires::lire("Sur rendez-vous uniquement");
        assert_eq!(h.en_francais(), vec!["Sur rendez-vous uniquement"]);
        assert_eq!(
            h.ouvert(
                NaiveDate::from_ymd_opt(2026, 11, 23)
                    .unwrap()
                    .and_hms_opt(10, 0, 0)
                    .unwrap()
            ),
            None
        );
    }

    #[test]
    fn ouvert_maintenant() {
        let h = Horaires::lire("Mo-Fr 09:00-12:00");
        // Le 23/11/2026 est un lundi.
        let lundi = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(h.ouvert(lundi.and_hms_opt(9, 0, 0).unwrap()), Some(true));
        assert_eq!(h.ouvert(lundi.and_hms_opt(12, 0, 0).unwrap()), Some(false));
        let samedi = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(h.ouvert(samedi.and_hms_opt(10, 0, 0).unwrap()), Some(false));
    }
}
