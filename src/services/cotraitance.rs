//! Le second parcours, la cotraitance des jeunes avec les missions locales, tel que la
//! fenêtre et la ligne de commande le demandent : qui agit (le rôle du compte), quels jeunes
//! il voit, les commandes, la liste avec ce qui attend, les documents et les indicateurs.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::erreur::ErreurService;
use super::indicateurs::FormatExport;
use super::poste::Poste;
use crate::domain::audit::ActionAudit;
use crate::domain::cotraitance::indicateurs::{activite, indicateurs, Indicateurs, LigneChiffre};
use crate::domain::cotraitance::{
    Acteur, Attente, Commande, Contexte, Cotraitance, Etat, Evenement, MissionLocale, Regles,
};
use crate::domain::date::Jour;
use crate::domain::professionnel::Affectation;
use crate::domain::structures::Referentiel;
use crate::formats::cotraitance as formats;
use crate::store::{Cotraitant, FaitCotraitance};

/// Les missions locales du référentiel des structures.
pub fn missions_locales(r: &Referentiel) -> Vec<MissionLocale> {
    r.structures
        .missions_locales
        .iter()
        .map(|t| MissionLocale {
            code: t.code.clone(),
            nom: t.nom.clone(),
            communes: t.communes.clone(),
        })
        .collect()
}

/// Qui agit, d'après la fiche du compte : un conseiller (agence) est Pôle emploi ; un
/// professionnel d'une mission locale accepte comme responsable de la cotraitance et suit
/// comme référent unique. Binôme ne distingue pas ces deux fonctions de la mission locale :
/// c'est elle qui les répartit entre ses comptes.
pub fn acteur(poste: &Poste, commande: &Commande) -> Result<Acteur, ErreurService> {
    let u = poste.utilisateur().ok_or(ErreurService::HorsCotraitance)?;
    if matches!(u.affectation, Affectation::Agence { .. }) {
        return Ok(Acteur::ConseillerPoleEmploi);
    }
    u.mission_locale()
        .map(|_| match commande {
            Commande::Accepter { .. } => Acteur::ResponsableCotraitance,
            _ => Acteur::ReferentUnique,
        })
        .ok_or(ErreurService::HorsCotraitance)
}

/// Voit ce jeune : le conseiller qui l'a affecté et les professionnels de sa mission
/// locale. Un compte d'administration sans fiche ne lit aucun jeune (comme aucun dossier).
fn voit(poste: &Poste, c: &Cotraitance) -> bool {
    poste.utilisateur().is_some_and(|u| {
        c.affectation.conseiller == Some(u.id)
            || u.mission_locale() == Some(c.affectation.mission_locale.as_str())
    })
}

/// Ce que le domaine voit du poste : son jour, ses règles, les missions locales.
fn contexte<'a>(poste: &'a Poste, mls: &'a [MissionLocale]) -> Contexte<'a> {
    Contexte {
        aujourdhui: poste.aujourdhui(),
        regles: poste.regles_cotraitance(),
        missions_locales: mls,
    }
}

/// L'état du jeune avant et après cette commande, au jour de l'étape (ou du poste s'il est
/// plus tard), sans rien écrire ; rien si le domaine la refuserait (le refus se dira à
/// l'enregistrement).
pub fn apercu(poste: &Poste, faits: &Cotraitance, commande: &Commande) -> Option<(Etat, Etat)> {
    let par = acteur(poste, commande).ok()?;
    let mls = missions_locales(poste.referentiel());
    let e = crate::domain::cotraitance::decider(Some(faits), commande, par, &contexte(poste, &mls))
        .ok()?;
    let mut apres = faits.clone();
    apres.appliquer(&e);
    let jour = poste.aujourdhui().max(e.date());
    Some((faits.etat_au(jour), apres.etat_au(jour)))
}

/// Exécute une commande au nom du compte ; l'affectation crée la cotraitance (son
/// identifiant est rendu avec l'événement).
pub fn executer(
    poste: &Poste,
    id: Option<Uuid>,
    commande: &Commande,
) -> Result<(Uuid, Evenement), ErreurService> {
    let par = acteur(poste, commande)?;
    let mls = missions_locales(poste.referentiel());
    let ctx = contexte(poste, &mls);
    let mut store = poste.store();
    let id = match (id, commande) {
        (None, Commande::Affecter { jeune, .. }) => {
            crate::domain::identifiants::IdentifiantFt::parse(&jeune.identifiant_ft)
                .map_err(|e| ErreurService::Saisie(e.to_string()))?;
            if jeune.nom.trim().is_empty() || jeune.prenom.trim().is_empty() {
                return Err(ErreurService::Saisie(
                    "Indiquez le nom et le prénom du jeune.".into(),
                ));
            }
            Uuid::now_v7()
        }
        (Some(id), _) => {
            let c = store
                .cotraitance(id)?
                .ok_or(ErreurService::DossierIntrouvable(id))?;
            if !voit(poste, &c.faits) {
                return Err(crate::store::ErreurStore::NonConfie(id.to_string()).into());
            }
            id
        }
        (None, _) => return Err(ErreurService::Saisie("Choisissez un jeune.".into())),
    };
    let conseiller = poste.utilisateur().map(|u| u.id);
    let auteur = poste.auteur();
    let agir = crate::store::Agir {
        par,
        auteur: &auteur,
        conseiller: conseiller.filter(|_| par == Acteur::ConseillerPoleEmploi),
    };
    let e = store.executer_cotraitance(id, commande, agir, &ctx, poste.ctx())?;
    let action = if matches!(commande, Commande::Affecter { .. }) {
        ActionAudit::Creation
    } else {
        ActionAudit::Modification
    };
    super::poste::auditer(&mut store, &poste.auteur(), action, Some(id));
    Ok((id, e))
}

/// Une ligne de la liste des jeunes en cotraitance, au jour du poste.
#[derive(Debug, Clone, PartialEq)]
pub struct Ligne {
    pub id: Uuid,
    pub jeune: String,
    pub identifiant_ft: String,
    pub mission_locale: String,
    pub etat: Etat,
    pub affecte_le: Jour,
    /// L'étape d'entrée qui se fait attendre.
    pub attente: Option<Attente>,
    /// L'entretien mensuel était dû ce jour-là.
    pub entretien_en_retard: Option<Jour>,
    /// La date de fin au plus tard (26 ans, un an après une affectation à 25 ans).
    pub fin_prevue: Jour,
    pub faits: Cotraitance,
}

impl Ligne {
    /// Ce qui attend quelqu'un : la mission locale (acceptation, initialisation, entretien)
    /// ou Pôle emploi (une alerte à décider).
    pub fn a_faire(&self, jour: Jour) -> Vec<String> {
        let mut v = self.a_faire_par(jour, false);
        v.extend(self.a_faire_par(jour, true));
        v
    }

    /// Ce qui attend Pôle emploi (`pole_emploi`) ou la mission locale, pour À faire.
    pub fn a_faire_par(&self, jour: Jour, pole_emploi: bool) -> Vec<String> {
        use crate::domain::date::date_fr;
        let mut v = Vec::new();
        if pole_emploi {
            if let Some(a) = self.faits.alerte_ouverte_au(jour) {
                v.push(format!(
                    "Alerte levée le {} à décider par Pôle emploi ({})",
                    date_fr(a.levee),
                    a.motif.libelle()
                ));
            }
            return v;
        }
        if let Some(a) = self.attente.as_ref().filter(|a| a.depasse) {
            v.push(format!(
                "{} attendue depuis {} jours (seuil : {} jours)",
                if a.etape == "acceptation" {
                    "Acceptation par la mission locale"
                } else {
                    "Initialisation (premier contact)"
                },
                a.jours,
                a.seuil
            ));
        }
        if let Some(du) = self.entretien_en_retard {
            v.push(format!(
                "Entretien mensuel dû le {} : un mois sans entretien",
                date_fr(du)
            ));
        }
        v
    }
}

fn ligne(c: Cotraitant, r: &Referentiel, regles: &Regles, jour: Jour) -> Ligne {
    let f = c.faits;
    Ligne {
        id: c.id,
        jeune: f.jeune.nom_affiche(),
        identifiant_ft: f.jeune.identifiant_ft.clone(),
        mission_locale: r
            .structures
            .nom(&f.affectation.mission_locale)
            .unwrap_or(&f.affectation.mission_locale)
            .to_string(),
        etat: f.etat_au(jour),
        affecte_le: f.affectation.date,
        attente: f.attente(jour, regles),
        entretien_en_retard: f.entretien_en_retard(jour),
        fin_prevue: f.fin_prevue().dernier_jour,
        faits: f,
    }
}

/// Les jeunes en cotraitance que le compte voit, par nom.
pub fn lignes(poste: &Poste) -> Result<Vec<Ligne>, ErreurService> {
    let tous = poste.store().cotraitances()?;
    Ok(tous
        .into_iter()
        .filter(|c| voit(poste, &c.faits))
        .map(|c| {
            ligne(
                c,
                poste.referentiel(),
                poste.regles_cotraitance(),
                poste.aujourdhui(),
            )
        })
        .collect())
}

/// Un jeune, avec sa chronologie ; l'ouverture est inscrite au journal d'audit.
pub fn ouvrir(poste: &Poste, id: Uuid) -> Result<(Ligne, Vec<FaitCotraitance>), ErreurService> {
    let r = lire(poste, id)?;
    poste.auditer(ActionAudit::Consultation, Some(id));
    Ok(r)
}

/// Un jeune que le compte voit, avec sa chronologie (sans audit : l'acte qui suit, une
/// impression ou un export, y est inscrit).
pub fn lire(poste: &Poste, id: Uuid) -> Result<(Ligne, Vec<FaitCotraitance>), ErreurService> {
    let store = poste.store();
    let c = store
        .cotraitance(id)?
        .ok_or(ErreurService::DossierIntrouvable(id))?;
    if !voit(poste, &c.faits) {
        return Err(crate::store::ErreurStore::NonConfie(id.to_string()).into());
    }
    let journal = store.journal_cotraitance(id)?;
    drop(store);
    Ok((
        ligne(
            c,
            poste.referentiel(),
            poste.regles_cotraitance(),
            poste.aujourdhui(),
        ),
        journal,
    ))
}

/// Les documents de la cotraitance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentCotraitance {
    /// Remis au jeune à l'affectation.
    Affectation,
    /// La fiche de l'alerte n° (à partir de 1).
    Alerte(usize),
}

impl DocumentCotraitance {
    pub fn nom_fichier(self, c: &Cotraitance) -> String {
        let base = match self {
            DocumentCotraitance::Affectation => "affectation-mission-locale".to_string(),
            DocumentCotraitance::Alerte(n) => format!("alerte-cotraitance-{n}"),
        };
        crate::documents::dossier::nom_pdf(&base, &c.jeune.nom, &c.jeune.prenom)
    }
}

/// Rédige un document et l'écrit dans `dossier` (Documents/Binome par défaut) ; rend le
/// chemin écrit.
pub fn imprimer(
    poste: &Poste,
    id: Uuid,
    document: DocumentCotraitance,
    dossier: &Path,
    remplacer: bool,
) -> Result<PathBuf, ErreurService> {
    let (l, _) = lire(poste, id)?;
    let chemin = dossier.join(document.nom_fichier(&l.faits));
    imprimer_sous(poste, id, document, &chemin, remplacer)?;
    Ok(chemin)
}

/// Rédige un document et l'écrit à ce chemin-là.
pub fn imprimer_sous(
    poste: &Poste,
    id: Uuid,
    document: DocumentCotraitance,
    chemin: &Path,
    remplacer: bool,
) -> Result<(), ErreurService> {
    use crate::documents::cotraitance::{affectation, fiche_alerte, Sources};
    let (l, _) = lire(poste, id)?;
    let mls = missions_locales(poste.referentiel());
    let ml = mls
        .iter()
        .find(|m| m.code == l.faits.affectation.mission_locale)
        .cloned()
        .unwrap_or(MissionLocale {
            code: l.faits.affectation.mission_locale.clone(),
            nom: l.mission_locale.clone(),
            communes: Vec::new(),
        });
    let store = poste.store();
    let conseiller = match l.faits.affectation.conseiller {
        Some(c) => store.professionnel(c)?,
        None => None,
    };
    let nom_conseiller = conseiller.as_ref().map_or(String::new(), |p| {
        let agence = match &p.affectation {
            Affectation::Agence { agence, .. } => poste
                .referentiel()
                .structures
                .nom(agence)
                .unwrap_or(agence)
                .to_string(),
            Affectation::Structure { nom, .. } => nom.clone(),
        };
        format!("{}, {agence}", p.nom_affiche())
    });
    // Les coordonnées de la mission locale : celles de ses professionnels à l'annuaire.
    let coordonnees: Vec<String> = store
        .professionnels()?
        .into_iter()
        .filter(|p| p.mission_locale() == Some(ml.code.as_str()))
        .filter_map(|p| {
            let moyens: Vec<&str> = [
                p.telephone.as_ref().map(|t| t.as_str()),
                p.courriel.as_ref().map(|c| c.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!moyens.is_empty()).then(|| format!("{} : {}", p.nom_affiche(), moyens.join(", ")))
        })
        .collect();
    let coordonnees = coordonnees.join(" ; ");
    let sources = Sources {
        jeune: &l.jeune,
        cotraitance: &l.faits,
        mission_locale: &ml,
        coordonnees: &coordonnees,
        conseiller: &nom_conseiller,
        fait_le: poste.aujourdhui(),
    };
    let octets = match document {
        DocumentCotraitance::Affectation => affectation(&sources)?,
        DocumentCotraitance::Alerte(n) => fiche_alerte(&sources, n)?
            .ok_or_else(|| ErreurService::Saisie(format!("Ce jeune n'a pas d'alerte n° {n}.")))?,
    };
    super::sortie::ecrire(
        &store,
        chemin,
        &format!("Cotraitance:{id}"),
        &octets,
        remplacer,
    )?;
    drop(store);
    poste.auditer(ActionAudit::Impression, Some(id));
    Ok(())
}

/// Les indicateurs de l'annexe 11 pour l'année, sur les jeunes que le compte voit, au jour
/// du poste (ou au 31 décembre d'une année passée).
pub fn indicateurs_de(poste: &Poste, annee: i32) -> Result<Indicateurs, ErreurService> {
    let tous = poste.store().cotraitances()?;
    let vus: Vec<Cotraitance> = tous
        .into_iter()
        .map(|c| c.faits)
        .filter(|c| voit(poste, c))
        .collect();
    let fin = Jour::from_ymd_opt(annee, 12, 31).unwrap_or(poste.aujourdhui());
    let mut i = indicateurs(&vus, annee, fin.min(poste.aujourdhui()));
    if let Some(s) = poste
        .regles_cotraitance()
        .saisies
        .iter()
        .find(|s| s.annee == annee)
    {
        i.de2_jeunes_mission_locale = s.de2.map(|n| n as usize);
        i.de3_suivis_pole_emploi_relevant = s.de3.map(|n| n as usize);
    }
    Ok(i)
}

/// Les chiffres à écrire : les indicateurs d'une année, ou le compte rendu d'activité
/// d'une mission locale au regard de son objectif.
pub enum Chiffres {
    Indicateurs { annee: i32 },
    Activite { mission_locale: String, annee: i32 },
}

/// Le titre, le contexte et la table des chiffres demandés.
pub fn chiffres(
    poste: &Poste,
    quoi: &Chiffres,
) -> Result<(String, Vec<String>, Vec<LigneChiffre>), ErreurService> {
    use crate::domain::date::date_fr;
    let calcule = format!("Calculé le {}.", date_fr(poste.aujourdhui()));
    match quoi {
        Chiffres::Indicateurs { annee } => Ok((
            format!("Indicateurs de la cotraitance {annee}"),
            vec![
                calcule,
                "DE0 à DE4 : annexe « 11 » de l'accord-cadre ; jours par état : tous jeunes confondus.".into(),
            ],
            indicateurs_de(poste, *annee)?.lignes(),
        )),
        Chiffres::Activite {
            mission_locale,
            annee,
        } => {
            let objectif = poste
                .regles_cotraitance()
                .objectifs
                .iter()
                .find(|o| o.mission_locale == *mission_locale && o.annee == *annee)
                .cloned()
                .ok_or_else(|| {
                    ErreurService::Saisie(format!(
                        "Aucun objectif {annee} n'est saisi pour la mission locale {mission_locale} : saisissez-le (Indicateurs → Cotraitance, ou « binome cotraitance objectif »)."
                    ))
                })?;
            let tous = poste.store().cotraitances()?;
            let faits: Vec<Cotraitance> = tous.into_iter().map(|c| c.faits).collect();
            let a = activite(&faits, &objectif);
            let nom = poste
                .referentiel()
                .structures
                .nom(mission_locale)
                .unwrap_or(mission_locale)
                .to_string();
            Ok((
                format!("Compte rendu d'activité {annee} — {nom}"),
                vec![
                    calcule,
                    "Un jeune compte à son initialisation ; en CIVIS à cette date, il n'est pas financé (les deux totaux sont donnés).".into(),
                ],
                a.lignes(&objectif),
            ))
        }
    }
}

/// Écrit les chiffres dans un fichier (CSV, XLSX ou PDF selon `format`).
pub fn exporter(
    poste: &Poste,
    quoi: &Chiffres,
    format: FormatExport,
    chemin: &Path,
    remplacer: bool,
) -> Result<(), ErreurService> {
    let (titre, contexte, lignes) = chiffres(poste, quoi)?;
    let octets = match format {
        FormatExport::Csv => formats::csv(&titre, &contexte, &lignes),
        FormatExport::Xlsx => formats::xlsx(&titre, &contexte, &lignes)?,
        FormatExport::Pdf => formats::pdf(&titre, &contexte, &lignes)?,
        autre => {
            return Err(ErreurService::Saisie(format!(
                "Les chiffres de la cotraitance s'écrivent en CSV, XLSX ou PDF, pas en {}.",
                autre.libelle()
            )))
        }
    };
    let store = poste.store();
    super::sortie::ecrire(&store, chemin, "cotraitance-chiffres", &octets, remplacer)?;
    drop(store);
    poste.auditer(ActionAudit::Export, None);
    Ok(())
}

/// Enregistre les règles de la cotraitance dans les préférences du poste (la ligne de
/// commande ; la fenêtre passe par sa session).
pub fn enregistrer_regles(poste: &mut Poste, regles: Regles) -> Result<(), ErreurService> {
    use super::preferences::{Preferences, CLE_PREFERENCES};
    {
        let store = poste.store();
        let mut p: Preferences = store.preference(CLE_PREFERENCES)?.unwrap_or_default();
        p.cotraitance = regles.clone();
        store.definir_preference(CLE_PREFERENCES, &p)?;
    }
    poste.changer_regles_cotraitance(regles);
    Ok(())
}

/// Le nom de fichier proposé pour l'attestation d'effacement d'un jeune.
pub fn nom_attestation(c: &Cotraitance) -> String {
    crate::documents::dossier::nom_pdf("attestation-effacement", &c.jeune.nom, &c.jeune.prenom)
}

/// Le nom de fichier proposé pour le relevé d'un jeune.
pub fn nom_releve(c: &Cotraitance) -> String {
    crate::documents::dossier::nom_pdf("donnees-du-jeune", &c.jeune.nom, &c.jeune.prenom)
}

/// Le relevé de tout ce que Binôme garde sur un jeune en cotraitance (droit d'accès) : le
/// PDF, et le JSON des mêmes données si `json`. Inscrit au journal d'audit.
pub fn releve(
    poste: &Poste,
    id: Uuid,
    pdf: &Path,
    json: Option<&Path>,
    remplacer: bool,
) -> Result<(), ErreurService> {
    use crate::documents::personne::{AccesAuDossier, EntreeChronologie};
    use crate::domain::date::date_fr;
    let (l, journal) = lire(poste, id)?;
    let store = poste.store();
    let noms = super::administration::Noms::lire(&store)?;
    let chronologie: Vec<EntreeChronologie> = journal
        .iter()
        .map(|f| EntreeChronologie {
            date: date_fr(f.evenement.date()),
            enregistre_par: noms.nom(&f.auteur),
            description: f.evenement.libelle(),
        })
        .collect();
    let acces: Vec<AccesAuDossier> = store
        .audit_du_dossier(&id.to_string())?
        .into_iter()
        .map(|(e, _, _)| AccesAuDossier {
            quand: super::administration::quand(&e.horodatage),
            qui: noms.nom(&e.qui),
            action: e.action.libelle().to_string(),
        })
        .collect();
    let etabli_par = noms.nom(&poste.auteur());
    let octets = crate::documents::cotraitance::releve(&crate::documents::cotraitance::Releve {
        jeune: &l.jeune,
        identifiant_ft: &l.identifiant_ft,
        cotraitance: &l.faits,
        mission_locale: &l.mission_locale,
        etat: l.etat.libelle(),
        chronologie: &chronologie,
        acces: &acces,
        etabli_par: &etabli_par,
        fait_le: poste.aujourdhui(),
    })?;
    super::sortie::ecrire(
        &store,
        pdf,
        &format!("Données du jeune:{id}"),
        &octets,
        remplacer,
    )?;
    if let Some(j) = json {
        let texte = serde_json::to_string_pretty(&serde_json::json!({
            "format": "binome-donnees-jeune-cotraitance-1",
            "etabli_le": date_fr(poste.aujourdhui()),
            "etabli_par": etabli_par,
            "cotraitance": l.faits,
            "etat": l.etat.libelle(),
            "chronologie": chronologie,
            "acces": acces,
        }))
        .map_err(|e| crate::store::ErreurStore::Illisible(e.to_string()))?;
        super::sortie::ecrire(
            &store,
            j,
            &format!("Données du jeune (JSON):{id}"),
            texte.as_bytes(),
            remplacer,
        )?;
    }
    drop(store);
    poste.auditer(ActionAudit::Export, Some(id));
    Ok(())
}
