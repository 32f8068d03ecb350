//! Les tableaux des indicateurs, tels que l'écran, les exports CSV et XLSX et le rapport PDF
//! les présentent : une ligne par mois et par agence (et l'ensemble des agences), chaque
//! nombre avec la part des BRSA. Le secret statistique (« < 5 ») s'applique ici.

use super::{ensemble, Case, Chiffres, Cle, Compte, Indicateurs, Mois};
use crate::domain::dossier::MotifAnticipe;
use crate::domain::freins::Freins;
use crate::domain::structures::Referentiel;

/// Seuil du secret statistique : un compte de 1 à 4 personnes n'est pas publié.
pub const SEUIL_SECRET: u64 = 5;
pub const MASQUE: &str = "< 5";

#[derive(Debug, Clone, PartialEq)]
pub enum Valeur {
    Vide,
    Entier(u64),
    /// Un nombre à une décimale (moyenne).
    Decimal(f64),
    /// Un pourcentage, de 0 à 100.
    Pourcent(f64),
    Texte(String),
    /// Le mois d'une ligne : « mars 2026 » à l'écran, 2026-03 dans les fichiers (qui se
    /// trient).
    Mois(super::Mois),
}

impl Valeur {
    /// Texte à la française : virgule décimale, « % ».
    pub fn texte(&self) -> String {
        match self {
            Valeur::Vide => String::new(),
            Valeur::Entier(n) => n.to_string(),
            Valeur::Decimal(x) => decimal(*x),
            Valeur::Pourcent(x) => format!("{} %", decimal(*x)),
            Valeur::Texte(t) => t.clone(),
            Valeur::Mois(m) => m.libelle(),
        }
    }
}

/// « 12,5 » : une décimale, virgule.
pub fn decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ligne {
    pub valeurs: Vec<Valeur>,
    /// La case derrière chaque valeur, quand elle compte des dossiers.
    pub cases: Vec<Option<Case>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tableau {
    pub titre: String,
    /// Nom court (feuille du classeur, 31 caractères au plus).
    pub feuille: &'static str,
    pub entetes: Vec<String>,
    pub lignes: Vec<Ligne>,
}

/// Ce qu'il faut pour nommer les agences, familles, communes et pôles.
pub struct Noms<'a> {
    pub freins: &'a Freins,
    pub referentiel: &'a Referentiel,
}

impl Noms<'_> {
    pub fn agence(&self, code: &str) -> String {
        if code == ENSEMBLE {
            return "Ensemble des agences".into();
        }
        self.referentiel
            .structures
            .agence(code)
            .map_or_else(|| code.to_string(), |a| a.nom.clone())
    }

    pub fn famille(&self, code: &str) -> String {
        self.freins
            .famille(code)
            .map_or_else(|| code.to_string(), |f| f.libelle.clone())
    }

    pub fn commune(&self, insee: &str) -> String {
        self.referentiel
            .commune(insee)
            .map_or_else(|| insee.to_string(), |c| format!("{} ({insee})", c.nom))
    }

    pub fn pole(&self, insee: &str) -> String {
        self.referentiel
            .structures
            .pole_de(insee)
            .map_or_else(|| "Pôle d'insertion inconnu".into(), |p| p.nom.clone())
    }
}

pub fn libelle_nature(code: &str) -> String {
    let anticipee = |m: MotifAnticipe| format!("Sortie anticipée : {}", m.libelle());
    match code {
        "emploi" => "Retour à l'emploi".into(),
        "formation" => "Entrée en formation".into(),
        "cessation_inscription" => "Cessation d'inscription".into(),
        "fin_de_terme" => "Fin de terme".into(),
        "autre" => "Autre motif".into(),
        "anticipee_resolues" => anticipee(MotifAnticipe::DifficultesResolues),
        "anticipee_autre_forme" => anticipee(MotifAnticipe::AutreFormeAccompagnement),
        "anticipee_aggravation" => anticipee(MotifAnticipe::AggravationSituationSociale),
        "anticipee_incivilite" => anticipee(MotifAnticipe::AttitudeIrrespectueuse),
        "demande_personne" => "À la demande de la personne".into(),
        autre => autre.to_string(),
    }
}

pub fn libelle_reorientation(code: &str) -> String {
    match code {
        "social_exclusif" => "Réorientation vers l'accompagnement social exclusif".into(),
        "modalite_pole_emploi" => "Réorientation vers une modalité Pôle emploi".into(),
        "autre_structure" => "Réorientation vers une autre structure".into(),
        autre => format!("Réorientation ({autre})"),
    }
}

pub fn libelle_age(code: &str) -> &str {
    match code {
        "moins_26" => "moins de 26 ans",
        "26_49" => "26 à 49 ans",
        "50_plus" => "50 ans et plus",
        autre => autre,
    }
}

/// Code d'agence des lignes « ensemble des agences ».
pub const ENSEMBLE: &str = "*";

/// Présente les nombres : masqués sous le seuil si demandé.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub masquer: bool,
}

impl Format {
    fn secret(&self, n: u64) -> bool {
        self.masquer && n > 0 && n < SEUIL_SECRET
    }

    pub fn nombre(&self, n: u64) -> Valeur {
        if self.secret(n) {
            Valeur::Texte(MASQUE.into())
        } else {
            Valeur::Entier(n)
        }
    }

    /// Un taux : rien sans dénominateur ; masqué si l'un des deux comptes l'est.
    pub fn taux(&self, n: u64, d: u64) -> Valeur {
        if d == 0 {
            Valeur::Vide
        } else if self.secret(n) || self.secret(d) {
            Valeur::Texte("masqué".into())
        } else {
            Valeur::Pourcent(n as f64 * 100.0 / d as f64)
        }
    }

    pub fn part_brsa(&self, c: Compte) -> Valeur {
        self.taux(c.brsa, c.total)
    }

    pub fn moyenne(&self, somme: i64, n: u64) -> Valeur {
        if n == 0 {
            Valeur::Vide
        } else if self.secret(n) {
            Valeur::Texte("masqué".into())
        } else {
            Valeur::Decimal(somme as f64 / n as f64)
        }
    }
}

/// Les lignes (mois, agence) à présenter : chaque agence, puis l'ensemble quand il y en a
/// plusieurs ; une seule agence si `agence` est donnée.
pub fn lignes(t: &Indicateurs, agence: Option<&str>) -> Vec<(Mois, String, Chiffres)> {
    let mut v = Vec::new();
    let ens = ensemble(t);
    for (m, total) in &ens {
        let du_mois: Vec<_> = t
            .range((*m, String::new())..)
            .take_while(|((x, _), _)| x == m)
            .filter(|((_, a), _)| agence.is_none_or(|f| f == a))
            .collect();
        for ((_, a), c) in &du_mois {
            v.push((*m, a.clone(), (*c).clone()));
        }
        if agence.is_none() && du_mois.len() > 1 {
            v.push((*m, ENSEMBLE.to_string(), total.clone()));
        }
    }
    v
}

struct Constructeur {
    valeurs: Vec<Valeur>,
    cases: Vec<Option<Case>>,
}

impl Constructeur {
    fn new(m: Mois, agence: &str, noms: &Noms) -> Constructeur {
        Constructeur {
            valeurs: vec![Valeur::Mois(m), Valeur::Texte(noms.agence(agence))],
            cases: vec![None, None],
        }
    }
    fn pousser(&mut self, v: Valeur, case: Option<Case>) {
        self.valeurs.push(v);
        self.cases.push(case);
    }
    fn fin(self) -> Ligne {
        Ligne {
            valeurs: self.valeurs,
            cases: self.cases,
        }
    }
}

fn case(m: Mois, agence: &str, cle: Cle, detail: Option<&str>) -> Option<Case> {
    Some(Case {
        mois: Some(m),
        agence: (agence != ENSEMBLE).then(|| agence.to_string()),
        cle,
        detail: detail.map(str::to_string),
    })
}

fn entetes(autres: &[&str]) -> Vec<String> {
    ["Mois", "Agence"]
        .iter()
        .chain(autres)
        .map(|s| s.to_string())
        .collect()
}

/// Tous les tableaux, dans l'ordre du rapport.
pub fn tableaux(t: &Indicateurs, agence: Option<&str>, f: Format, noms: &Noms) -> Vec<Tableau> {
    let lignes = lignes(t, agence);
    vec![
        diagnostic(&lignes, f, noms),
        accompagnement(&lignes, f, noms),
        sorties(&lignes, f, noms),
        familles(&lignes, f, noms),
        ressources(&lignes, f, noms),
        personnes(&lignes, f, noms),
        freins(&lignes, f, noms),
    ]
}

fn diagnostic(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    let mut v = Vec::new();
    for (m, a, c) in lignes {
        let mut l = Constructeur::new(*m, a, noms);
        let compte = |cle: Cle, l: &mut Constructeur| {
            let x = c.compte(cle);
            l.pousser(f.nombre(x.total), case(*m, a, cle, None));
            l.pousser(f.part_brsa(x), None);
        };
        compte(Cle::OrientationsSocialExclusif, &mut l);
        let p = c.compte(Cle::PrescriptionsDiagnostic);
        l.pousser(
            f.nombre(p.total),
            case(*m, a, Cle::PrescriptionsDiagnostic, None),
        );
        for origine in ["conseiller", "referent", "autre"] {
            l.pousser(
                f.nombre(c.detail(Cle::PrescriptionsDiagnostic, origine).total),
                case(*m, a, Cle::PrescriptionsDiagnostic, Some(origine)),
            );
        }
        l.pousser(f.part_brsa(p), None);
        compte(Cle::DiagnosticsEmploi, &mut l);
        compte(Cle::DiagnosticsSocial, &mut l);
        compte(Cle::DiagnosticsPartages, &mut l);
        let avec = c.compte(Cle::DiagnosticsAvecPrescription).total;
        let partages = c.compte(Cle::DiagnosticsPartages).total;
        l.pousser(f.taux(avec, partages), None);
        l.pousser(
            f.nombre(c.compte(Cle::RessourcesPrescrites).total),
            case(*m, a, Cle::RessourcesPrescrites, None),
        );
        l.pousser(
            f.nombre(c.compte(Cle::Reorientations).total),
            case(*m, a, Cle::Reorientations, None),
        );
        // Par cohorte : parmi les diagnostics partagés du mois, ceux qui sont entrés.
        l.pousser(
            f.taux(c.compte(Cle::EntreesDeLaCohorte).total, partages),
            None,
        );
        v.push(l.fin());
    }
    Tableau {
        titre: "Orientations et diagnostic partagé".into(),
        feuille: "Diagnostic",
        entetes: entetes(&[
            "Orientations en accompagnement social exclusif",
            "part BRSA (%)",
            "Prescriptions vers un diagnostic",
            "dont par le conseiller dédié",
            "dont par le référent social",
            "dont par un tiers",
            "part BRSA (%)",
            "Diagnostics volet emploi",
            "part BRSA (%)",
            "Diagnostics volet social",
            "part BRSA (%)",
            "Diagnostics partagés",
            "part BRSA (%)",
            "Taux de prescription au diagnostic (%)",
            "Ressources prescrites",
            "Réorientations",
            "Taux d'intégration en accompagnement global (%)",
        ]),
        lignes: v,
    }
}

fn accompagnement(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    let mut v = Vec::new();
    for (m, a, c) in lignes {
        let mut l = Constructeur::new(*m, a, noms);
        let entrees = c.compte(Cle::Entrees);
        l.pousser(f.nombre(entrees.total), case(*m, a, Cle::Entrees, None));
        l.pousser(f.part_brsa(entrees), None);
        let actifs = c.compte(Cle::AccompagnementsActifs);
        l.pousser(
            f.nombre(actifs.total),
            case(*m, a, Cle::AccompagnementsActifs, None),
        );
        l.pousser(f.part_brsa(actifs), None);
        l.pousser(
            f.nombre(c.compte(Cle::Reconductions).total),
            case(*m, a, Cle::Reconductions, None),
        );
        let contacts = c.compte(Cle::ContactsPoleEmploi).total;
        l.pousser(
            f.nombre(contacts),
            case(*m, a, Cle::ContactsPoleEmploi, None),
        );
        l.pousser(f.moyenne(contacts as i64, actifs.total), None);
        let sorties = c.cellule(Cle::Sorties);
        l.pousser(f.nombre(sorties.total), case(*m, a, Cle::Sorties, None));
        l.pousser(f.part_brsa(sorties.compte()), None);
        l.pousser(f.taux(sorties.total, actifs.total), None);
        l.pousser(f.moyenne(sorties.somme, sorties.total), None);
        let cs = c.cellule(Cle::ContactsDesSortis);
        l.pousser(f.moyenne(cs.somme, cs.total), None);
        let en_cours = c.cellule(Cle::EnCours);
        l.pousser(f.nombre(en_cours.total), case(*m, a, Cle::EnCours, None));
        l.pousser(f.moyenne(en_cours.somme, en_cours.total), None);
        v.push(l.fin());
    }
    Tableau {
        titre: "Accompagnement global".into(),
        feuille: "Accompagnement global",
        entetes: entetes(&[
            "Entrées",
            "part BRSA (%)",
            "Accompagnements actifs dans le mois",
            "part BRSA (%)",
            "Reconductions",
            "Contacts Pôle emploi",
            "Contacts Pôle emploi par accompagnement actif",
            "Sorties",
            "part BRSA (%)",
            "Taux de sortie (%)",
            "Durée moyenne des accompagnements terminés (jours)",
            "Contacts Pôle emploi par accompagnement terminé",
            "En cours en fin de mois",
            "Durée moyenne des accompagnements en cours (jours)",
        ]),
        lignes: v,
    }
}

/// Le libellé d'un détail (nature, ressource…).
type Nommer = dyn Fn(&str) -> String;

/// Un tableau « mois, agence, détail, compte, part BRSA » pour un indicateur détaillé.
fn par_detail(
    lignes: &[(Mois, String, Chiffres)],
    f: Format,
    noms: &Noms,
    cles: &[(Cle, &Nommer)],
) -> Vec<Ligne> {
    let mut v = Vec::new();
    for (m, a, c) in lignes {
        for (cle, nom) in cles {
            for (d, cell) in c.details(*cle) {
                let mut l = Constructeur::new(*m, a, noms);
                l.pousser(Valeur::Texte(nom(d)), None);
                l.pousser(f.nombre(cell.total), case(*m, a, *cle, Some(d)));
                l.pousser(f.part_brsa(cell.compte()), None);
                v.push(l.fin());
            }
        }
    }
    v
}

fn sorties(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    Tableau {
        titre: "Sorties par nature (et réorientations en concertation)".into(),
        feuille: "Sorties par nature",
        entetes: entetes(&["Nature", "Nombre", "part BRSA (%)"]),
        lignes: par_detail(
            lignes,
            f,
            noms,
            &[
                (Cle::Sorties, &libelle_nature),
                (Cle::Reorientations, &libelle_reorientation),
            ],
        ),
    }
}

fn ressources(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    Tableau {
        titre: "Prescriptions par ressource partenariale".into(),
        feuille: "Prescriptions par ressource",
        entetes: entetes(&["Ressource", "Prescriptions", "part BRSA (%)"]),
        lignes: par_detail(
            lignes,
            f,
            noms,
            &[(Cle::RessourcesPrescrites, &|d: &str| d.to_string())],
        ),
    }
}

/// Les codes (familles) présents sous l'une ou l'autre clé, une fois chacun, triés.
fn codes_de(c: &Chiffres, cles: [Cle; 2]) -> Vec<&str> {
    let mut codes: Vec<&str> = cles
        .into_iter()
        .flat_map(|k| c.details(k))
        .map(|(d, _)| d)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

fn familles(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    let mut v = Vec::new();
    for (m, a, c) in lignes {
        for code in codes_de(c, [Cle::RessourcesParFamille, Cle::ActionsParFamille]) {
            let mut l = Constructeur::new(*m, a, noms);
            l.pousser(Valeur::Texte(noms.famille(code)), None);
            for cle in [Cle::RessourcesParFamille, Cle::ActionsParFamille] {
                let x = c.detail(cle, code);
                l.pousser(f.nombre(x.total), case(*m, a, cle, Some(code)));
                l.pousser(f.part_brsa(x), None);
            }
            v.push(l.fin());
        }
    }
    Tableau {
        titre: "Moyens mobilisés : prescriptions par famille de freins".into(),
        feuille: "Prescriptions par famille",
        entetes: entetes(&[
            "Famille de freins",
            "Ressources prescrites",
            "part BRSA (%)",
            "Actions du carnet de route",
            "part BRSA (%)",
        ]),
        lignes: v,
    }
}

fn personnes(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    let mut v = Vec::new();
    for (m, a, c) in lignes {
        let entrees = c.compte(Cle::Entrees);
        if entrees.total == 0 {
            continue;
        }
        let mut ligne = |quoi: &str, valeur: String, x: Compte, cs: Option<Case>| {
            let mut l = Constructeur::new(*m, a, noms);
            l.pousser(Valeur::Texte(quoi.into()), None);
            l.pousser(Valeur::Texte(valeur), None);
            l.pousser(f.nombre(x.total), cs);
            l.pousser(f.part_brsa(x), None);
            v.push(l.fin());
        };
        for (d, x) in c.details(Cle::EntreesParAge) {
            let cs = case(*m, a, Cle::EntreesParAge, Some(d));
            ligne("Âge à l'entrée", libelle_age(d).into(), x.compte(), cs);
        }
        for (d, x) in c.details(Cle::EntreesParSexe) {
            let nom = if d == "femme" { "femme" } else { "homme" };
            let cs = case(*m, a, Cle::EntreesParSexe, Some(d));
            ligne("Sexe", nom.into(), x.compte(), cs);
        }
        let brsa = Compte {
            total: entrees.brsa,
            brsa: entrees.brsa,
        };
        ligne("Bénéficiaire du RSA", "oui".into(), brsa, None);
        let enfant = c.compte(Cle::EntreesEnfantMineur);
        let cs = case(*m, a, Cle::EntreesEnfantMineur, None);
        ligne("Enfant mineur à charge", "oui".into(), enfant, cs);
        // Les pôles d'insertion regroupent les communes de résidence.
        let mut poles: std::collections::BTreeMap<String, Compte> = Default::default();
        for (d, x) in c.details(Cle::EntreesParCommune) {
            let p = poles.entry(noms.pole(d)).or_default();
            p.total += x.total;
            p.brsa += x.brsa;
        }
        for (p, x) in poles {
            ligne("Pôle d'insertion", p, x, None);
        }
        for (d, x) in c.details(Cle::EntreesParCommune) {
            let cs = case(*m, a, Cle::EntreesParCommune, Some(d));
            ligne("Commune", noms.commune(d), x.compte(), cs);
        }
    }
    Tableau {
        titre: "Caractéristiques des personnes entrées en accompagnement global".into(),
        feuille: "Personnes accompagnées",
        entetes: entetes(&["Caractéristique", "Valeur", "Entrées", "part BRSA (%)"]),
        lignes: v,
    }
}

fn freins(lignes: &[(Mois, String, Chiffres)], f: Format, noms: &Noms) -> Tableau {
    let mut v = Vec::new();
    for (m, a, c) in lignes {
        for code in codes_de(c, [Cle::FreinsPremierDiagnostic, Cle::FreinsDesSortants]) {
            let mut l = Constructeur::new(*m, a, noms);
            l.pousser(Valeur::Texte(noms.famille(code)), None);
            let premier = c.detail(Cle::FreinsPremierDiagnostic, code);
            l.pousser(
                f.nombre(premier.total),
                case(*m, a, Cle::FreinsPremierDiagnostic, Some(code)),
            );
            l.pousser(f.part_brsa(premier), None);
            let sortants = c.detail(Cle::FreinsDesSortants, code).total;
            let leves = c.detail(Cle::FreinsLeves, code).total;
            l.pousser(
                f.nombre(sortants),
                case(*m, a, Cle::FreinsDesSortants, Some(code)),
            );
            l.pousser(f.nombre(leves), case(*m, a, Cle::FreinsLeves, Some(code)));
            l.pousser(f.taux(leves, sortants), None);
            v.push(l.fin());
        }
    }
    Tableau {
        titre: "Typologie des freins au premier diagnostic et évolution à la sortie".into(),
        feuille: "Freins",
        entetes: entetes(&[
            "Famille de freins",
            "Personnes ayant ce frein au diagnostic partagé",
            "part BRSA (%)",
            "Sortants ayant eu ce frein",
            "dont frein levé à la sortie",
            "Part des freins levés (%)",
        ]),
        lignes: v,
    }
}
