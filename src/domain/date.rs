//! Dates à la française : `jj/mm/aaaa` à l'écran et sur papier, ISO 8601 en stockage.

use chrono::{Datelike, Months, NaiveDate};

/// Une date du calendrier, sans heure (les étapes du parcours se datent au jour).
pub type Jour = NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurDate {
    #[error("Date vide : saisissez une date au format jj/mm/aaaa.")]
    Vide,
    #[error("« {0} » n'est pas une date au format jj/mm/aaaa (par exemple 03/02/2026).")]
    Format(String),
    #[error("Le {0} n'existe pas dans le calendrier : vérifiez le jour et le mois.")]
    Impossible(String),
}

/// Lit `jj/mm/aaaa` (séparateurs `/`, `.` ou `-` acceptés) et refuse les dates impossibles.
pub fn lire_date(texte: &str) -> Result<Jour, ErreurDate> {
    let t = texte.trim();
    if t.is_empty() {
        return Err(ErreurDate::Vide);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let format = || ErreurDate::Format(t.to_string());
    if parts.len() != 3
        || !(1..=2).contains(&parts[0].len())
        || !(1..=2).contains(&parts[1].len())
        || parts[2].len() != 4
        || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format());
    }
    let j: u32 = parts[0].parse().map_err(|_| format())?;
    let m: u32 = parts[1].parse().map_err(|_| format())?;
    let a: i32 = parts[2].parse().map_err(|_| format())?;
    NaiveDate::from_ymd_opt(a, m, j)
        .ok_or_else(|| ErreurDate::Impossible(format!("{j:02}/{m:02}/{a:04}")))
}

/// `03/02/2026`.
pub fn date_fr(jour: Jour) -> String {
    format!("{:02}/{:02}/{:04}", jour.day(), jour.month(), jour.year())
}

/// Ajoute des mois calendaires (le 31/01 + 1 mois donne le 28 ou 29/02).
pub fn ajouter_mois(jour: Jour, mois: u32) -> Jour {
    jour.checked_add_months(Months::new(mois))
        .unwrap_or(NaiveDate::MAX)
}

/// « 1 jour », « 72 jours ».
pub fn duree_jours(jours: i64) -> String {
    if jours.abs() <= 1 {
        format!("{jours} jour")
    } else {
        format!("{jours} jours")
    }
}

/// Nom du mois en français, pour les titres d'indicateurs.
/// `jj/mm/aaaa hh:mm` d'un horodatage du poste (`aaaa-mm-jjThh:mm:ss`, heure locale).
pub fn horodatage_fr(horodatage: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(horodatage, "%Y-%m-%dT%H:%M:%S").map_or_else(
        |_| horodatage.to_string(),
        |t| t.format("%d/%m/%Y %H:%M").to_string(),
    )
}

pub fn mois_fr(mois: u32) -> &'static str {
    const NOMS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    NOMS.get(mois.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lit_les_dates_francaises() {
        assert_eq!(
            lire_date("03/02/2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap())
        );
        assert_eq!(
            lire_date(" 3.2.2026 "),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap())
        );
        assert_eq!(
            lire_date("29/02/2024"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }

    #[test]
    fn refuse_les_dates_impossibles_ou_mal_formees() {
        assert_eq!(
            lire_date("29/02/2025"),
            Err(ErreurDate::Impossible("29/02/2025".into()))
        );
        assert_eq!(
            lire_date("31/04/2026"),
            Err(ErreurDate::Impossible("31/04/2026".into()))
        );
        assert!(matches!(
            lire_date("2026-02-03"),
            Err(ErreurDate::Format(_))
        ));
        assert!(matches!(lire_date("3/2/26"), Err(ErreurDate::Format(_))));
        assert!(matches!(
            lire_date("aa/bb/cccc"),
            Err(ErreurDate::Format(_))
        ));
        assert_eq!(lire_date("  "), Err(ErreurDate::Vide));
        let msg = lire_date("31/02/2026").unwrap_err().to_string();
        assert!(
            msg.contains("31/02/2026") && msg.contains("n'existe pas"),
            "{msg}"
        );
    }

    #[test]
    fn format_et_mois() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(date_fr(d), "31/01/2026");
        assert_eq!(date_fr(ajouter_mois(d, 1)), "28/02/2026");
        assert_eq!(date_fr(ajouter_mois(d, 12)), "31/01/2027");
        assert_eq!(duree_jours(72), "72 jours");
        assert_eq!(mois_fr(8), "août");
    }
}
