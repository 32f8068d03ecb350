//! L'export du journal d'audit pour le délégué à la protection des données : CSV pour Excel
//! en français (« ; », UTF-8 avec BOM, dates jj/mm/aaaa).

use super::tableur::champ_csv;
use crate::domain::audit::EntreeAudit;

pub fn csv<'a>(entrees: impl IntoIterator<Item = &'a EntreeAudit>) -> Vec<u8> {
    let mut s = String::from("\u{feff}N°;Date;Heure;Qui;Action;Dossier\r\n");
    for e in entrees {
        // Horodatage AAAA-MM-JJTHH:MM:SS.
        let (date, heure) = e.horodatage.split_once('T').unwrap_or((&e.horodatage, ""));
        let date = match date.split('-').collect::<Vec<_>>()[..] {
            [a, m, j] => format!("{j}/{m}/{a}"),
            _ => date.to_string(),
        };
        let cellules = [
            e.n.to_string(),
            date,
            heure.to_string(),
            e.qui.clone(),
            e.action.libelle().to_string(),
            e.dossier.clone().unwrap_or_default(),
        ];
        let l: Vec<String> = cellules.iter().map(|c| champ_csv(c)).collect();
        s.push_str(&l.join(";"));
        s.push_str("\r\n");
    }
    s.into_bytes()
}
