//! La reprise d'un portefeuille tenu dans un tableur (CSV ou XLSX) : lire le fichier,
//! proposer la correspondance des colonnes (celle de la dernière fois d'abord), vérifier
//! chaque ligne, reconnaître les dossiers déjà là, puis tout importer en une transaction
//! (ou seulement les lignes valides, si on le demande). Annuler en cours ne laisse rien.

use std::collections::HashMap;
use std::path::Path;

use uuid::Uuid;

use super::{ErreurService, Poste};
use crate::domain::audit::ActionAudit;
use crate::domain::dossier::{Commande, Dossier, Etape};
use crate::domain::echeances::Resume;
use crate::domain::reprise::{
    self, cle_personne, Cellules, Champ, Correspondance, ErreurCellule, LigneReprise, Regles,
};
use crate::formats::tableau;
pub use crate::formats::tableau::Tableau;
use crate::store::ErreurStore;

/// Un tableau de suivi tient largement dans cette taille.
pub const MAX_MO: u64 = 200;
const CLE_CORRESPONDANCE: &str = "reprise.correspondance";

/// Ce qu'une ligne deviendra.
#[derive(Debug, Clone, PartialEq)]
pub enum Statut {
    /// Un dossier à créer.
    Nouveau,
    /// Un dossier déjà là que la ligne change : ce qui change, en mots.
    MiseAJour {
        id: Uuid,
        changements: Vec<String>,
    },
    /// Le dossier dit déjà tout ce que dit la ligne : rien à faire.
    Identique {
        id: Uuid,
    },
    /// Peut-être la même personne qu'un dossier déjà là : l'utilisateur décide.
    Doublon {
        id: Option<Uuid>,
        raison: String,
    },
    Erreur(Vec<ErreurCellule>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LigneAnalysee {
    pub numero: usize,
    /// « DUPONT Léa », tel que la ligne le dit.
    pub personne: String,
    pub statut: Statut,
    /// La ligne telle qu'elle sera enregistrée, gardée pour l'aperçu des `APERCU` premières
    /// seulement : l'import relit le fichier.
    pub lue: Option<Box<LigneReprise>>,
}

/// Les lignes lues gardées pour l'aperçu.
pub const APERCU: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Analyse {
    pub fichier: String,
    /// Le fichier lu (origine, en-têtes), relu à l'import.
    pub tableau: Tableau,
    pub correspondance: Correspondance,
    pub lignes: Vec<LigneAnalysee>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compte {
    pub nouveaux: usize,
    pub mises_a_jour: usize,
    pub identiques: usize,
    pub doublons: usize,
    pub erreurs: usize,
}

impl Analyse {
    pub fn compte(&self) -> Compte {
        let mut c = Compte::default();
        for l in &self.lignes {
            match l.statut {
                Statut::Nouveau => c.nouveaux += 1,
                Statut::MiseAJour { .. } => c.mises_a_jour += 1,
                Statut::Identique { .. } => c.identiques += 1,
                Statut::Doublon { .. } => c.doublons += 1,
                Statut::Erreur(_) => c.erreurs += 1,
            }
        }
        c
    }

    /// Chaque erreur : (ligne, colonne du fichier, valeur, message).
    pub fn erreurs(&self) -> Vec<(usize, String, String, String)> {
        let colonne = |c: Option<Champ>| {
            c.and_then(|c| {
                self.correspondance
                    .colonnes
                    .iter()
                    .find(|(_, x)| **x == c)
                    .map(|(e, _)| e.clone())
                    .or(Some(c.libelle().to_string()))
            })
            .unwrap_or_default()
        };
        self.lignes
            .iter()
            .flat_map(|l| match &l.statut {
                Statut::Erreur(v) => v
                    .iter()
                    .map(|e| {
                        (
                            l.numero,
                            colonne(e.champ),
                            e.valeur.clone(),
                            e.message.clone(),
                        )
                    })
                    .collect(),
                Statut::Doublon { raison, .. } => {
                    vec![(l.numero, String::new(), l.personne.clone(), raison.clone())]
                }
                _ => Vec::new(),
            })
            .collect()
    }
}

/// Ce que fait l'import des doublons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Doublons {
    /// Les laisser de côté (par défaut).
    #[default]
    Ignorer,
    /// Créer quand même un dossier : ce n'est pas la même personne.
    Creer,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Importer les lignes valides même si d'autres sont en erreur.
    pub valides_seulement: bool,
    pub doublons: Doublons,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bilan {
    pub crees: usize,
    pub mis_a_jour: usize,
    pub ignores: usize,
}

pub use crate::store::Progres;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurReprise {
    #[error("{fichier} : {message}")]
    Fichier { fichier: String, message: String },
    #[error("{0}")]
    Correspondance(String),
    #[error("{erreurs} ligne(s) en erreur : rien n'a été importé. Corrigez le fichier (voir le rapport), ou choisissez d'importer seulement les lignes valides.")]
    LignesEnErreur { erreurs: usize },
    #[error("Import annulé : rien n'a été importé.")]
    Annule,
}

impl From<ErreurReprise> for ErreurService {
    fn from(e: ErreurReprise) -> Self {
        ErreurService::Reprise(e)
    }
}

/// Lit le fichier (CSV ou XLSX) d'un bout à l'autre sans le garder en mémoire : en-tête,
/// séparateur, nombre de lignes et premières lignes.
pub fn lire(chemin: &Path) -> Result<Tableau, ErreurService> {
    crate::fichiers::verifier_borne(chemin, MAX_MO)?;
    let fichier = chemin
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let erreur = |message| ErreurReprise::Fichier {
        fichier: fichier.clone(),
        message,
    };
    let source =
        tableau::Source::fichier(chemin).map_err(|e| erreur(format!("illisible ({e})")))?;
    let t = tableau::ouvrir(source, &reprise::score_entete).map_err(erreur)?;
    if t.nombre == 0 {
        return Err(ErreurReprise::Fichier {
            fichier,
            message: format!(
                "aucune ligne de données sous l'en-tête (ligne {}) : le fichier ne contient que l'en-tête",
                t.ligne_entete
            ),
        }
        .into());
    }
    Ok(t)
}

/// La correspondance à proposer pour ce tableau : celle gardée la dernière fois, complétée
/// par les en-têtes usuels.
pub fn proposer(poste: &Poste, t: &Tableau) -> Correspondance {
    let gardee: Option<Correspondance> =
        poste.store().preference(CLE_CORRESPONDANCE).ok().flatten();
    Correspondance::proposer(&t.entetes, gardee.as_ref())
}

/// Les dossiers déjà là, pour reconnaître les lignes.
struct Existants {
    resumes: Vec<Resume>,
    par_identifiant: HashMap<String, Vec<usize>>,
    par_nom: HashMap<String, Vec<usize>>,
}

impl Existants {
    fn lire(poste: &Poste) -> Result<Existants, ErreurStore> {
        let resumes = poste.store().portefeuille()?;
        let mut par_identifiant: HashMap<String, Vec<usize>> = HashMap::new();
        let mut par_nom: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in resumes.iter().enumerate() {
            par_identifiant
                .entry(r.identifiant_ft.to_uppercase().into())
                .or_default()
                .push(i);
            par_nom
                .entry(cle_personne(&r.nom, &r.prenom))
                .or_default()
                .push(i);
        }
        Ok(Existants {
            resumes,
            par_identifiant,
            par_nom,
        })
    }
}

/// Les règles de la reprise, au nom de l'utilisateur du poste, pour ce fichier.
fn regles<'a>(poste: &'a Poste, origine: &'a str) -> Regles<'a> {
    Regles {
        referentiel: poste.referentiel(),
        contexte: poste.ctx(),
        moi: poste.utilisateur().map(|u| u.membre()),
        origine,
    }
}

/// Vérifie chaque ligne et dit ce qu'elle deviendra. N'écrit rien.
pub fn analyser(
    poste: &Poste,
    fichier: &str,
    t: &Tableau,
    correspondance: &Correspondance,
    progres: Progres,
) -> Result<Analyse, ErreurService> {
    // Les dossiers repris entrent dans le portefeuille de quelqu'un : le compte doit être
    // celui d'un professionnel.
    if poste.utilisateur().is_none() {
        return Err(ErreurService::SansUtilisateur);
    }
    let colonnes = correspondance
        .colonnes(&t.entetes)
        .map_err(ErreurReprise::Correspondance)?;
    let existants = Existants::lire(poste)?;
    let visibilite = poste.visibilite(&poste.store())?;
    let regles = regles(poste, fichier);
    let mut vus: HashMap<String, usize> = HashMap::new();
    let mut lignes = Vec::with_capacity(t.nombre);
    let total = t.nombre;
    let mut apercu = 0;
    t.pour_chaque(|m| erreur_fichier(fichier, m), |l| {
        let i = lignes.len();
        if i.is_multiple_of(500) && !progres("Vérification", i, total) {
            return Err(ErreurReprise::Annule.into());
        }
        let cellules = Cellules::de(&colonnes, &l.cellules);
        let cle = cellules.cle();
        let personne = format!(
            "{} {}",
            cellules.get(Champ::Nom).to_uppercase(),
            cellules.get(Champ::Prenom)
        );
        // Deux fois la même personne dans le fichier : la seconde est une erreur.
        let marque = if cle.identifiant_ft.is_empty() {
            format!("{}|{:?}", cle.nom_prenom, cle.naissance)
        } else {
            cle.identifiant_ft.clone()
        };
        if let Some(premiere) = vus.get(&marque) {
            lignes.push(LigneAnalysee {
                numero: l.numero,
                personne,
                statut: Statut::Erreur(vec![ErreurCellule {
                    champ: Some(Champ::IdentifiantFt),
                    valeur: cellules.get(Champ::IdentifiantFt).to_string(),
                    message: format!("la même personne est déjà à la ligne {premiere} du fichier : gardez une seule ligne par personne."),
                }]),
                lue: None,
            });
            return Ok(());
        }
        vus.insert(marque, l.numero);
        let trouve = reconnaitre(poste, &existants, &cle)?;
        let (statut, lue) = match trouve {
            Reconnu::Dossier(d) if !visibilite.voit(d.id, d.conseiller.as_ref().map(|m| m.id), d.referent.as_ref().map(|m| m.id)) => (
                Statut::Doublon {
                    id: Some(d.id),
                    raison: "un dossier de cette personne existe déjà, suivi par un autre professionnel de ce poste : il n'est pas changé.".into(),
                },
                None,
            ),
            Reconnu::Dossier(d) => match reprise::lire_ligne(&cellules, Some(&d.personne), &regles) {
                Err(e) => (Statut::Erreur(e), None),
                Ok(lue) => {
                    let desaccords = reprise::desaccords(&lue, &d);
                    if !desaccords.is_empty() {
                        (Statut::Erreur(desaccords), None)
                    } else {
                        let mut changements = d.personne.changements(&lue.personne);
                        if lue.personne.agence != d.personne.agence {
                            changements.push("agence".into());
                        }
                        match verifier_suite(&lue, &d, &regles) {
                            Err(e) => (Statut::Erreur(vec![e]), None),
                            Ok(etapes) => {
                                changements.extend(etapes);
                                if changements.is_empty() {
                                    (Statut::Identique { id: d.id }, Some(lue))
                                } else {
                                    (Statut::MiseAJour { id: d.id, changements }, Some(lue))
                                }
                            }
                        }
                    }
                }
            },
            Reconnu::Homonyme(d) => match reprise::lire_ligne(&cellules, None, &regles) {
                Err(e) => (Statut::Erreur(e), None),
                Ok(lue) => (
                    Statut::Doublon {
                        id: Some(d.id),
                        raison: format!(
                            "même nom, prénom et date de naissance qu'un dossier déjà là, mais identifiant France Travail différent ({}) : même personne ?",
                            crate::domain::identifiants::masquer(d.personne.identifiant_ft.as_str())
                        ),
                    },
                    Some(lue),
                ),
            },
            Reconnu::Aucun => match reprise::lire_ligne(&cellules, None, &regles) {
                Err(e) => (Statut::Erreur(e), None),
                Ok(lue) => (Statut::Nouveau, Some(lue)),
            },
        };
        // Seules les premières lignes lues restent en mémoire, pour l'aperçu.
        let lue = lue
            .filter(|_| {
                apercu += 1;
                apercu <= APERCU
            })
            .map(Box::new);
        lignes.push(LigneAnalysee {
            numero: l.numero,
            personne,
            statut,
            lue,
        });
        Ok(())
    })?;
    progres("Vérification", total, total);
    Ok(Analyse {
        fichier: fichier.to_string(),
        tableau: t.clone(),
        correspondance: correspondance.clone(),
        lignes,
    })
}

enum Reconnu {
    Dossier(Box<Dossier>),
    Homonyme(Box<Dossier>),
    Aucun,
}

/// Le dossier de la ligne : par l'identifiant France Travail (le dossier en cours, sinon le
/// plus récent), sinon par nom, prénom et date de naissance.
fn reconnaitre(poste: &Poste, e: &Existants, cle: &reprise::Cle) -> Result<Reconnu, ErreurStore> {
    let charger = |i: usize| poste.store().dossier(e.resumes[i].id);
    if let Some(v) = e.par_identifiant.get(&cle.identifiant_ft) {
        let i = v.iter().copied().max_by_key(|i| {
            (
                e.resumes[*i].etape != Etape::Cloture,
                e.resumes[*i].date_ouverture,
            )
        });
        if let Some(d) = i.map(charger).transpose()?.flatten() {
            return Ok(Reconnu::Dossier(Box::new(d)));
        }
    }
    for i in e.par_nom.get(&cle.nom_prenom).into_iter().flatten() {
        if let Some(d) = charger(*i)? {
            if Some(d.personne.date_naissance) == cle.naissance {
                return Ok(Reconnu::Homonyme(Box::new(d)));
            }
        }
    }
    Ok(Reconnu::Aucun)
}

/// Les étapes d'historique que la ligne ajoute au dossier, vérifiées sur une copie.
fn verifier_suite(l: &LigneReprise, d: &Dossier, r: &Regles) -> Result<Vec<String>, ErreurCellule> {
    reprise::essayer(Some(d), reprise::suite(l, Some(d), r), &r.contexte)
        .map(|evenements| evenements.iter().map(|e| e.description()).collect())
        .map_err(|(champ, refus)| ErreurCellule {
            champ: Some(champ),
            valeur: String::new(),
            message: refus.to_string(),
        })
}

/// Importe ce que l'analyse a trouvé, en une transaction : tout ou rien, sauf si l'on
/// demande les lignes valides seulement. Garde la correspondance pour la fois suivante.
pub fn importer(
    poste: &Poste,
    analyse: &Analyse,
    options: Options,
    progres: Progres,
) -> Result<Bilan, ErreurService> {
    let compte = analyse.compte();
    if compte.erreurs > 0 && !options.valides_seulement {
        return Err(ErreurReprise::LignesEnErreur {
            erreurs: compte.erreurs,
        }
        .into());
    }
    let regles = regles(poste, &analyse.fichier);
    let aujourdhui = poste.aujourdhui();
    let t = &analyse.tableau;
    let colonnes = analyse
        .correspondance
        .colonnes(&t.entetes)
        .map_err(ErreurReprise::Correspondance)?;
    let mut bilan = Bilan::default();
    {
        let mut store = poste.store();
        let mut lot = store.lot(&poste.auteur(), poste.ctx())?;
        let total = analyse.lignes.len();
        let mut analysees = analyse.lignes.iter();
        // Le fichier est relu ligne à ligne ; chaque ligne suit ce que l'analyse en a dit.
        t.pour_chaque(
            |m| erreur_fichier(&analyse.fichier, m),
            |ligne| {
                let i = total - analysees.len();
                let Some(l) = analysees.next().filter(|l| l.numero == ligne.numero) else {
                    return Err(erreur_fichier(&analyse.fichier, tableau::CHANGE.into()));
                };
                if i.is_multiple_of(500) && !progres("Import", i, total) {
                    return Err(ErreurReprise::Annule.into());
                }
                let creer = match &l.statut {
                    Statut::Nouveau => true,
                    Statut::Doublon { .. } => options.doublons == Doublons::Creer,
                    _ => false,
                };
                let mise_a_jour = match &l.statut {
                    Statut::MiseAJour { id, .. } => lot.dossier(*id)?,
                    _ => None,
                };
                if !creer && mise_a_jour.is_none() {
                    bilan.ignores += 1;
                    return Ok(());
                }
                let cellules = Cellules::de(&colonnes, &ligne.cellules);
                let lue = reprise::lire_ligne(
                    &cellules,
                    mise_a_jour.as_ref().map(|d| &d.personne),
                    &regles,
                )
                .map_err(|_| erreur_fichier(&analyse.fichier, tableau::CHANGE.into()))?;
                let lue = &lue;
                let enregistrer = |lot: &mut crate::store::Lot, id: Uuid, c: &Commande| {
                    lot.executer(id, c).map_err(|e| ErreurReprise::Fichier {
                        fichier: analyse.fichier.clone(),
                        message: format!("ligne {} : {e}", l.numero),
                    })
                };
                if creer {
                    let id = Uuid::now_v7();
                    for (_, c) in reprise::commandes(lue, id, &regles) {
                        enregistrer(&mut lot, id, &c)?;
                    }
                    bilan.crees += 1;
                } else if let (Statut::MiseAJour { id, .. }, Some(d)) = (&l.statut, mise_a_jour) {
                    let mut sans_agence = lue.personne.clone();
                    sans_agence.agence = d.personne.agence.clone();
                    if !d.personne.changements(&sans_agence).is_empty() {
                        let c = Commande::ChangerSituation {
                            personne: sans_agence,
                            date: aujourdhui,
                        };
                        enregistrer(&mut lot, *id, &c)?;
                    }
                    if lue.personne.agence != d.personne.agence {
                        let c = Commande::ChangerAgence {
                            agence: lue.personne.agence.clone(),
                            date: aujourdhui,
                        };
                        enregistrer(&mut lot, *id, &c)?;
                    }
                    for (_, c) in reprise::suite(lue, Some(&d), &regles) {
                        enregistrer(&mut lot, *id, &c)?;
                    }
                    bilan.mis_a_jour += 1;
                }
                Ok(())
            },
        )?;
        if analysees.next().is_some() {
            return Err(erreur_fichier(&analyse.fichier, tableau::CHANGE.into()));
        }
        lot.valider()?;
        progres("Import", total, total);
        let _ = store.definir_preference(CLE_CORRESPONDANCE, &analyse.correspondance);
    }
    if bilan.crees + bilan.mis_a_jour > 0 {
        poste.auditer(ActionAudit::Creation, None);
    }
    Ok(bilan)
}

fn erreur_fichier(fichier: &str, message: String) -> ErreurService {
    ErreurReprise::Fichier {
        fichier: fichier.to_string(),
        message,
    }
    .into()
}

/// Le rapport des lignes refusées, en CSV pour le tableur.
pub fn rapport_csv(analyse: &Analyse) -> Vec<u8> {
    crate::formats::dossiers::rapport_csv(&analyse.erreurs())
}

/// Écrit le rapport (sans écraser un fichier existant, sauf accord).
pub fn ecrire_rapport(
    poste: &Poste,
    analyse: &Analyse,
    chemin: &Path,
    remplacer: bool,
) -> Result<(), ErreurService> {
    let store = poste.store();
    super::sortie::ecrire(
        &store,
        chemin,
        "rapport d'import",
        &rapport_csv(analyse),
        remplacer,
    )
}

/// La correspondance lue d'un fichier JSON (`--correspondance`).
pub fn lire_correspondance(chemin: &Path) -> Result<Correspondance, ErreurService> {
    let octets = crate::fichiers::lire_borne(chemin, 1)?;
    serde_json::from_slice(&octets).map_err(|e| {
        ErreurReprise::Correspondance(format!(
            "{} : correspondance illisible ({e}). Format attendu : {{\"colonnes\": {{\"En-tête du fichier\": \"nom\", …}}}} ; champs : {}.",
            chemin.display(),
            Champ::TOUS
                .iter()
                .map(|c| serde_json::to_string(c).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into()
    })
}
