//! Les chiffres de la cotraitance : les indicateurs DE0 à DE4 de l'annexe « 11 », les
//! entrées et sorties par motif, le temps passé dans chaque état, et l'activité d'une
//! mission locale au regard de son objectif annuel (compte rendu d'exécution, subvention).

use std::collections::BTreeMap;

use chrono::Datelike;

use super::{Cotraitance, Etat, MotifSortie};
use crate::domain::date::Jour;

/// Les indicateurs d'une année, pour les jeunes donnés (une mission locale, ou toutes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Indicateurs {
    pub annee: i32,
    /// DE0 : jeunes envoyés (affectés) par trimestre, et le cumul de l'année à chaque fin
    /// de trimestre.
    pub de0_par_trimestre: [usize; 4],
    pub de0_cumul: [usize; 4],
    /// DE1 : jeunes en cotraitance au moins un jour de l'année (affectés, acceptés, suivis ou
    /// suspendus).
    pub de1_en_cotraitance: usize,
    /// DE2 et DE3 ne sont pas dans Binôme (tous les jeunes de la mission locale ; les jeunes
    /// suivis par Pôle emploi qui relèvent des critères) : ils se saisissent.
    pub de2_jeunes_mission_locale: Option<usize>,
    pub de3_suivis_pole_emploi_relevant: Option<usize>,
    /// DE4 : jeunes suivis à la fois par Pôle emploi (inscrits) et par la mission locale
    /// (initialisés) au moins un jour de l'année : actifs ou en alerte.
    pub de4_suivis_par_les_deux: usize,
    /// Entrées : initialisations de l'année.
    pub entrees: usize,
    pub annulations: usize,
    /// Sorties de l'année (dernier jour dans l'année) par code de motif.
    pub sorties: BTreeMap<&'static str, usize>,
    /// Jours passés dans chaque état pendant l'année, tous jeunes confondus.
    pub jours_par_etat: BTreeMap<&'static str, i64>,
}

/// Le nom court d'un état pour les tableaux.
pub fn code_etat(e: &Etat) -> &'static str {
    match e {
        Etat::Affecte => "affecte",
        Etat::Accepte => "accepte",
        Etat::Actif => "actif",
        Etat::Alerte => "alerte",
        Etat::Suspension { .. } => "suspension",
        Etat::Annule => "annule",
        Etat::Sorti(_) => "sorti",
    }
}

fn trimestre(j: Jour) -> usize {
    (j.month0() / 3) as usize
}

pub fn indicateurs<'a>(
    jeunes: impl IntoIterator<Item = &'a Cotraitance>,
    annee: i32,
    jusqu_au: Jour,
) -> Indicateurs {
    let mut r = Indicateurs {
        annee,
        ..Default::default()
    };
    let (Some(debut), Some(fin)) = (
        Jour::from_ymd_opt(annee, 1, 1),
        Jour::from_ymd_opt(annee, 12, 31),
    ) else {
        return r;
    };
    let fin = fin.min(jusqu_au);
    let dans = |j: Jour| debut <= j && j <= fin;
    for c in jeunes {
        if dans(c.affectation.date) {
            r.de0_par_trimestre[trimestre(c.affectation.date)] += 1;
        }
        if c.initialise_le().is_some_and(dans) {
            r.entrees += 1;
        }
        if c.annulee_le().is_some_and(dans) {
            r.annulations += 1;
        }
        if let Some(s) = c.sortie().filter(|s| dans(s.dernier_jour)) {
            *r.sorties.entry(s.motif.code()).or_default() += 1;
        }
        let (mut en_cotraitance, mut par_les_deux) = (false, false);
        let mut jour = debut.max(c.affectation.date);
        while jour <= fin {
            let etat = c.etat_au(jour);
            if !etat.en_cours() {
                break;
            }
            en_cotraitance = true;
            par_les_deux |= matches!(etat, Etat::Actif | Etat::Alerte);
            *r.jours_par_etat.entry(code_etat(&etat)).or_default() += 1;
            let Some(suivant) = jour.succ_opt() else {
                break;
            };
            jour = suivant;
        }
        r.de1_en_cotraitance += usize::from(en_cotraitance);
        r.de4_suivis_par_les_deux += usize::from(par_les_deux);
    }
    let mut cumul = 0;
    for (t, n) in r.de0_par_trimestre.iter().enumerate() {
        cumul += n;
        r.de0_cumul[t] = cumul;
    }
    r
}

/// DE2 et DE3 d'une année, que Binôme ne peut pas compter : saisis d'après les systèmes de
/// la mission locale et de Pôle emploi.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Saisie {
    pub annee: i32,
    pub de2: Option<u32>,
    pub de3: Option<u32>,
}

/// L'objectif annuel d'une mission locale, fixé par avenant (réparti avant le 31 mars),
/// et la subvention prévue pour l'atteindre.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Objectif {
    pub mission_locale: String,
    pub annee: i32,
    pub jeunes: u32,
    pub subvention_centimes: i64,
    /// Au-delà de ce pourcentage de l'objectif, le dépassement est signalé au comité de
    /// pilotage (le seuil est fixé par le comité national ; 100 % par défaut).
    pub seuil_depassement_pct: u32,
}

/// Le compte rendu d'exécution d'une mission locale pour une année.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activite {
    /// Jeunes pris en charge (initialisés) chaque mois, hors CIVIS.
    pub par_mois: [usize; 12],
    /// Le total qui compte pour l'objectif et la subvention : initialisés hors CIVIS (accord
    /// 5.4 et annexe 7).
    pub total: usize,
    /// Le total avec les jeunes déjà en CIVIS, que la convention locale type compte dans les
    /// chiffres de la cotraitance sans les financer : les deux lectures sont données.
    pub total_avec_civis: usize,
    /// Atteinte de l'objectif, en pour mille.
    pub atteinte_pour_mille: u32,
    pub depassement: bool,
    /// La subvention due au prorata de l'atteinte (plafonnée à l'objectif).
    pub due_centimes: i64,
    /// 40 % le 20 janvier, 40 % le 10 juillet, du montant prévu.
    pub acomptes: [(Jour, i64); 2],
    /// Le solde à verser après le compte rendu ; négatif : le trop-perçu à reverser.
    pub solde_centimes: i64,
}

pub fn activite<'a>(
    jeunes: impl IntoIterator<Item = &'a Cotraitance>,
    objectif: &Objectif,
) -> Activite {
    let mut par_mois = [0usize; 12];
    let mut total_avec_civis = 0;
    for c in jeunes {
        if c.affectation.mission_locale != objectif.mission_locale {
            continue;
        }
        let Some(i) = c.initialise_le().filter(|i| i.year() == objectif.annee) else {
            continue;
        };
        total_avec_civis += 1;
        if c.compte_pour_l_objectif() {
            par_mois[i.month0() as usize] += 1;
        }
    }
    let total: usize = par_mois.iter().sum();
    let cible = u64::from(objectif.jeunes.max(1));
    let atteinte_pour_mille = u32::try_from(total as u64 * 1000 / cible).unwrap_or(u32::MAX);
    let plafonne = (total as u64).min(cible);
    let due_centimes = i64::try_from(
        i128::from(objectif.subvention_centimes) * i128::from(plafonne) / i128::from(cible),
    )
    .unwrap_or(i64::MAX);
    let acompte = objectif.subvention_centimes * 40 / 100;
    let date = |m, j| Jour::from_ymd_opt(objectif.annee, m, j).unwrap_or_default();
    Activite {
        par_mois,
        total,
        total_avec_civis,
        atteinte_pour_mille,
        depassement: atteinte_pour_mille > objectif.seuil_depassement_pct * 10,
        due_centimes,
        acomptes: [(date(1, 20), acompte), (date(7, 10), acompte)],
        solde_centimes: due_centimes - 2 * acompte,
    }
}

/// Une ligne d'un tableau de chiffres : l'indicateur, son détail, la valeur (vide : à
/// saisir hors de Binôme).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneChiffre {
    pub indicateur: &'static str,
    pub detail: String,
    pub valeur: Option<i64>,
    pub unite: Unite,
}

/// Ce que compte une valeur : les exports et l'écran l'écrivent en conséquence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unite {
    Nombre,
    /// Un montant en centimes, écrit en euros.
    Centimes,
    /// Une part en pour mille, écrite en pour cent.
    PourMille,
    /// 1 : oui, 0 : non.
    OuiNon,
}

impl LigneChiffre {
    /// La valeur telle qu'on la lit : « 12 000,00 € », « 90,0 % », « oui » ; vide si elle
    /// est à saisir hors de Binôme.
    pub fn texte(&self) -> String {
        let Some(v) = self.valeur else {
            return String::new();
        };
        match self.unite {
            Unite::Nombre => v.to_string(),
            Unite::Centimes => format!(
                "{}{},{:02} €",
                if v < 0 { "-" } else { "" },
                milliers(v.unsigned_abs() / 100),
                v.unsigned_abs() % 100
            ),
            Unite::PourMille => format!("{},{} %", v / 10, (v % 10).abs()),
            Unite::OuiNon => if v != 0 { "oui" } else { "non" }.into(),
        }
    }
}

/// « 12 000 » : les milliers séparés par une espace insécable.
fn milliers(n: u64) -> String {
    let chiffres = n.to_string();
    let mut s = String::new();
    for (i, c) in chiffres.chars().enumerate() {
        if i > 0 && (chiffres.len() - i).is_multiple_of(3) {
            s.push('\u{a0}');
        }
        s.push(c);
    }
    s
}

fn ligne(indicateur: &'static str, detail: impl Into<String>, valeur: Option<i64>) -> LigneChiffre {
    LigneChiffre {
        indicateur,
        detail: detail.into(),
        valeur,
        unite: Unite::Nombre,
    }
}

fn en(unite: Unite, l: LigneChiffre) -> LigneChiffre {
    LigneChiffre { unite, ..l }
}

impl Indicateurs {
    /// Les indicateurs en une seule table, dans l'ordre de l'annexe : ce que la fenêtre
    /// affiche et ce que les exports écrivent.
    pub fn lignes(&self) -> Vec<LigneChiffre> {
        let n = |x: usize| Some(x as i64);
        let mut v = Vec::new();
        for t in 0..4 {
            v.push(ligne(
                "DE0",
                format!("jeunes envoyés au trimestre {}", t + 1),
                n(self.de0_par_trimestre[t]),
            ));
            v.push(ligne(
                "DE0",
                format!("cumul de l'année à la fin du trimestre {}", t + 1),
                n(self.de0_cumul[t]),
            ));
        }
        v.push(ligne(
            "DE1",
            "jeunes en cotraitance",
            n(self.de1_en_cotraitance),
        ));
        v.push(ligne(
            "DE2",
            "jeunes de la mission locale (saisi : hors de Binôme)",
            self.de2_jeunes_mission_locale.map(|x| x as i64),
        ));
        v.push(ligne(
            "DE3",
            "jeunes suivis par Pôle emploi relevant des critères (saisi : hors de Binôme)",
            self.de3_suivis_pole_emploi_relevant.map(|x| x as i64),
        ));
        v.push(ligne(
            "DE4",
            "jeunes suivis par Pôle emploi et la mission locale",
            n(self.de4_suivis_par_les_deux),
        ));
        v.push(ligne("Entrées", "initialisations", n(self.entrees)));
        v.push(ligne(
            "Entrées",
            "affectations annulées",
            n(self.annulations),
        ));
        for (motif, nombre) in &self.sorties {
            v.push(ligne("Sorties", motif_en_clair(motif), n(*nombre)));
        }
        for (etat, jours) in &self.jours_par_etat {
            v.push(ligne("Jours par état", etat_en_clair(etat), Some(*jours)));
        }
        v
    }
}

impl Activite {
    /// Le compte rendu d'exécution en une table.
    pub fn lignes(&self, objectif: &Objectif) -> Vec<LigneChiffre> {
        let mut v: Vec<LigneChiffre> = (1..=12)
            .zip(self.par_mois)
            .map(|(m, x)| {
                ligne(
                    "Pris en charge",
                    crate::domain::date::mois_fr(m),
                    Some(x as i64),
                )
            })
            .collect();
        v.push(ligne(
            "Total",
            "hors CIVIS (compté et financé)",
            Some(self.total as i64),
        ));
        v.push(ligne(
            "Total",
            "avec les jeunes en CIVIS (lecture de la convention locale)",
            Some(self.total_avec_civis as i64),
        ));
        v.push(ligne(
            "Objectif",
            "jeunes",
            Some(i64::from(objectif.jeunes)),
        ));
        v.push(en(
            Unite::PourMille,
            ligne(
                "Objectif",
                "atteinte",
                Some(i64::from(self.atteinte_pour_mille)),
            ),
        ));
        v.push(en(
            Unite::OuiNon,
            ligne(
                "Objectif",
                "dépassement à signaler",
                Some(i64::from(self.depassement)),
            ),
        ));
        let euros =
            |detail: String, c: i64| en(Unite::Centimes, ligne("Subvention", detail, Some(c)));
        v.push(euros("prévue".into(), objectif.subvention_centimes));
        v.push(euros("due au prorata".into(), self.due_centimes));
        for (jour, montant) in self.acomptes {
            v.push(euros(
                format!("acompte de 40 % du {}", crate::domain::date::date_fr(jour)),
                montant,
            ));
        }
        v.push(euros(
            "solde après le compte rendu (négatif : à reverser)".into(),
            self.solde_centimes,
        ));
        v
    }
}

/// Le motif de sortie d'un code des indicateurs, en clair.
fn motif_en_clair(code: &str) -> String {
    let motifs = [
        MotifSortie::FinAnticipee,
        MotifSortie::SuspensionSixMois,
        MotifSortie::VingtSixAns,
        MotifSortie::UnAnApresAffectation,
        MotifSortie::Demenagement,
        MotifSortie::Reorientation {
            partenaire: "un autre partenaire".into(),
        },
        MotifSortie::RetourSuiviMensuel,
        MotifSortie::RetourEmploi,
    ];
    motifs
        .iter()
        .find(|m| m.code() == code)
        .map_or_else(|| code.to_string(), MotifSortie::libelle)
}

/// L'état d'un code des indicateurs, en clair.
fn etat_en_clair(code: &str) -> String {
    [
        Etat::Affecte,
        Etat::Accepte,
        Etat::Actif,
        Etat::Alerte,
        Etat::Suspension { alerte: false },
    ]
    .iter()
    .find(|e| code_etat(e) == code)
    .map_or_else(|| code.to_string(), Etat::libelle)
}
