//! L'échange entre les deux installations d'un binôme, par fichiers : « Envoyer au binôme »
//! écrit un paquet (les événements des dossiers communs que le partenaire n'a pas encore
//! accusés, filtrés par le consentement, signés, chiffrés pour lui) ; « Recevoir » le vérifie
//! et l'applique en une transaction. Aucun serveur : le fichier passe par un courriel, une
//! clé USB, un dossier partagé, sans rien montrer à qui le transporte.

use std::collections::BTreeSet;
use std::path::Path;

use uuid::Uuid;

use super::poste::Poste;
use super::ErreurService;
use crate::domain::carte::Carte;
use crate::domain::cotraitance::Cotraitance;
use crate::domain::dossier::{Dossier, Evenement};
use crate::domain::echange::{resume_complet, Charge, EvenementEchange, FaitEchange};
use crate::domain::echeances::Resume;
use crate::domain::empreinte::{depuis_hex, en_hex};
use crate::domain::professionnel::Professionnel;
use crate::formats::paquet::{self, Entete, ErreurPaquet, PaquetOuvert};
use crate::store::{CarteRecue, DerniersEchanges, ErreurStore, PaquetRecu, Store};

/// Un paquet prêt à partir (ou parti) : pour qui, combien, et quoi en mots.
#[derive(Debug, Clone)]
pub struct Envoi {
    pub partenaire: Carte,
    /// Attribué à l'écriture du fichier.
    pub numero: Option<u64>,
    pub dossiers: usize,
    pub elements: usize,
    pub resume: String,
    charge: Charge,
}

/// Ce qu'un paquet reçu a apporté.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrivee {
    pub emetteur: String,
    pub numero: u64,
    pub nouveaux: u64,
    pub deja_recus: u64,
    pub dossiers: usize,
    /// Éléments de dossiers qui ne sont pas (ou plus) communs avec l'émetteur ici.
    pub ignores: usize,
    pub resume: String,
}

impl Arrivee {
    pub fn message(&self) -> String {
        let mut t = format!(
            "Paquet n° {} de {} reçu : {}.",
            self.numero, self.emetteur, self.resume
        );
        if self.deja_recus > 0 {
            t.push_str(&format!(" {} élément(s) déjà là.", self.deja_recus));
        }
        if self.ignores > 0 {
            t.push_str(&format!(
                " {} élément(s) ignoré(s) : ils concernent des dossiers qui ne vous sont pas confiés avec ce partenaire sur ce poste.",
                self.ignores
            ));
        }
        t
    }
}

/// Où en est l'échange avec un partenaire.
#[derive(Debug, Clone)]
pub struct EtatPartenaire {
    pub carte: CarteRecue,
    pub derniers: DerniersEchanges,
    /// Dossiers communs, et ceux qui ont changé ici depuis le dernier paquet envoyé.
    pub dossiers: usize,
    pub a_envoyer: usize,
}

impl EtatPartenaire {
    pub fn verifiee(&self) -> bool {
        self.carte.verifiee_le.is_some()
    }
}

fn maintenant() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// La carte vérifiée d'un partenaire, et sa fiche de l'annuaire.
fn partenaire(store: &Store, compte: Uuid) -> Result<(Carte, Professionnel), ErreurService> {
    let recue = store
        .cartes()?
        .into_iter()
        .find(|c| c.carte.compte == compte)
        .ok_or(ErreurService::CarteInconnue(compte))?;
    if recue.verifiee_le.is_none() {
        return Err(ErreurService::CarteNonVerifiee(recue.carte.nom));
    }
    let fiche = recue
        .carte
        .professionnel
        .clone()
        .ok_or_else(|| ErreurService::CarteAncienne(recue.carte.nom.clone()))?;
    Ok((recue.carte, fiche))
}

/// Le binôme (conseiller, référent) d'un dossier est-il fait de ces deux professionnels ?
fn paire(conseiller: Option<Uuid>, referent: Option<Uuid>, moi: Uuid, lui: Uuid) -> bool {
    let (c, r) = (Some(moi), Some(lui));
    (conseiller == c && referent == r) || (conseiller == r && referent == c)
}

/// Les dossiers dont le binôme est fait de ces deux professionnels.
fn communs(portefeuille: &[Resume], moi: Uuid, lui: Uuid) -> Vec<Uuid> {
    portefeuille
        .iter()
        .filter(|r| paire(r.conseiller_id, r.referent_id, moi, lui))
        .map(|r| r.id)
        .collect()
}

/// Les événements entrés ici pendant que ce poste savait le binôme du dossier fait de
/// (moi, lui), et celui qui l'a fait ou défait. Le journal est relu dans l'ordre d'arrivée
/// ici : ce qu'un ancien membre a écrit avant d'avoir reçu sa réaffectation en fait partie.
fn ecrits_en_binome(
    journal: &[crate::store::EvenementEnregistre],
    moi: Uuid,
    lui: Uuid,
) -> BTreeSet<Uuid> {
    let mut v = BTreeSet::new();
    let mut d: Option<Dossier> = None;
    let mut arrivee: Vec<&crate::store::EvenementEnregistre> = journal.iter().collect();
    arrivee.sort_by_key(|e| e.seq);
    for e in arrivee {
        let avant = d.as_ref().is_some_and(|d| du_binome(d, moi, lui));
        match &mut d {
            Some(d) => d.appliquer(&e.evenement),
            None => d = Dossier::rejouer([&e.evenement]),
        }
        if avant || d.as_ref().is_some_and(|d| du_binome(d, moi, lui)) {
            v.insert(e.id);
        }
    }
    v
}

/// Nos événements d'un dossier au-delà du rang `depuis`, écrits pendant que son binôme était
/// (moi, lui), réaffectation comprise : ce qui part vers un ancien partenaire.
fn pour_l_ancien(
    store: &Store,
    id: Uuid,
    moi: Uuid,
    lui: Uuid,
    depuis: i64,
) -> Result<Vec<EvenementEchange>, ErreurStore> {
    let garder = ecrits_en_binome(&store.journal(id)?, moi, lui);
    let mut v = store.evenements_a_envoyer(id, depuis)?;
    v.retain(|e| garder.contains(&e.id));
    Ok(v)
}

/// Vrai s'il reste à envoyer à l'ancien partenaire un événement écrit après le rang
/// `depuis` (la réaffectation elle-même, par exemple) ; une impression ne part jamais.
fn reste_a_apprendre(
    store: &Store,
    id: Uuid,
    moi: Uuid,
    lui: Uuid,
    depuis: i64,
) -> Result<bool, ErreurStore> {
    Ok(pour_l_ancien(store, id, moi, lui, depuis)?
        .iter()
        .any(|e| !matches!(e.evenement, Evenement::DocumentImprime { .. })))
}

fn du_binome(d: &Dossier, moi: Uuid, lui: Uuid) -> bool {
    let id = |m: &Option<crate::domain::professionnel::Membre>| m.as_ref().map(|m| m.id);
    paire(id(&d.conseiller), id(&d.referent), moi, lui)
}

/// Un jeune en cotraitance est commun à deux professionnels quand l'un l'a affecté
/// (conseiller Pôle emploi) et que l'autre est de sa mission locale.
fn jeune_commun(c: &Cotraitance, moi: &Professionnel, lui: &Professionnel) -> bool {
    let de = |pe: &Professionnel, ml: &Professionnel| {
        c.affectation.conseiller == Some(pe.id)
            && ml.mission_locale() == Some(c.affectation.mission_locale.as_str())
    };
    de(moi, lui) || de(lui, moi)
}

/// Ce qui partirait maintenant vers ce partenaire, sans rien écrire.
pub fn preparer(poste: &Poste, compte: Uuid) -> Result<Envoi, ErreurService> {
    let utilisateur = poste.utilisateur().ok_or(ErreurService::SansUtilisateur)?;
    let moi = utilisateur.id;
    let store = poste.store();
    let (carte, fiche) = partenaire(&store, compte)?;
    let mut charge = Charge {
        evenements: Vec::new(),
        accuses: store.accuses_a_donner(compte)?,
        cotraitance: Vec::new(),
    };
    let mut dossiers = 0;
    let portefeuille = store.portefeuille()?;
    let chez_lui = store.installations_de(compte)?;
    let mut a_voir: Vec<(Uuid, bool)> = communs(&portefeuille, moi, fiche.id)
        .into_iter()
        .map(|id| (id, true))
        .collect();
    for r in &portefeuille {
        if !paire(r.conseiller_id, r.referent_id, moi, fiche.id) && store.a_ete_reaffecte(r.id)? {
            a_voir.push((r.id, false));
        }
    }
    for (id, commun) in a_voir {
        let Some(d) = store.dossier(id)? else {
            continue;
        };
        let depuis = store.accuse(compte, id)?;
        let evenements = if commun {
            // Ce qu'il n'a pas : tout le dossier pour un nouveau partenaire (ou qui n'a
            // jamais rien accusé), puis ce qui est entré ici depuis son dernier accusé, ce
            // que l'on a reçu d'un ancien membre du binôme compris. L'accusé porte sur nos
            // rangs : un événement entré ici avant le dernier des nôtres qu'il a reçu est
            // parti dans le même paquet.
            store.evenements_a_relayer(id, depuis, &chez_lui)?
        } else {
            pour_l_ancien(&store, id, moi, fiche.id, depuis)?
        };
        let mut n = 0;
        for mut e in evenements {
            if let Some(filtre) = d.partage_avec(&e.evenement, fiche.role(), poste.freins()) {
                e.evenement = filtre;
                charge.evenements.push(e);
                n += 1;
            }
        }
        if n > 0 {
            dossiers += 1;
        }
    }
    for c in store.cotraitances()? {
        if jeune_commun(&c.faits, utilisateur, &fiche) {
            let depuis = store.accuse(compte, c.id)?;
            charge
                .cotraitance
                .extend(store.faits_a_envoyer(c.id, depuis)?);
        }
    }
    let elements: Vec<&Evenement> = charge.evenements.iter().map(|e| &e.evenement).collect();
    Ok(Envoi {
        resume: resume_complet(dossiers, &elements, &charge),
        partenaire: carte,
        numero: None,
        dossiers,
        elements: elements.len() + charge.cotraitance.len(),
        charge,
    })
}

/// Écrit le paquet pour ce partenaire (signé, chiffré pour lui) : numéroté, noté envoyé.
pub fn exporter(
    poste: &Poste,
    compte: Uuid,
    chemin: &Path,
    remplacer: bool,
) -> Result<Envoi, ErreurService> {
    let mut envoi = preparer(poste, compte)?;
    let cles = super::cartes::identite(poste)?;
    let charge = serde_json::to_vec(&envoi.charge).map_err(crate::store::ErreurStore::from)?;
    super::sortie::verifier(&poste.store(), chemin, "paquet d'échange", remplacer)?;
    let numero = poste.store().noter_envoi(
        compte,
        &maintenant(),
        &poste.auteur(),
        envoi.dossiers,
        envoi.elements,
    )?;
    let entete = Entete {
        format: String::new(),
        numero,
        emetteur: poste.compte().id,
        installation: poste.store().installation()?,
        destinataire: compte,
        cle_destinataire: envoi.partenaire.cle_chiffrement.clone(),
        cree_le: maintenant(),
        charge_octets: 0,
        charge_sha256: String::new(),
    };
    let octets = paquet::sceller(entete, &charge, &cles.signature)?;
    super::sortie::ecrire(
        &poste.store(),
        chemin,
        "paquet d'échange",
        &octets,
        remplacer,
    )?;
    envoi.numero = Some(numero);
    Ok(envoi)
}

/// Ouvre un paquet reçu et vérifie tout ce qui peut l'être sans rien écrire : adressé à ce
/// compte, émis par un partenaire dont la carte est vérifiée, signature juste, charge
/// lisible, rien qui se dise écrit ici.
fn ouvrir(poste: &Poste, octets: &[u8]) -> Result<(PaquetOuvert, Carte, Charge), ErreurService> {
    let cles = super::cartes::identite(poste)?;
    let ouvert = paquet::ouvrir(octets, &cles.chiffrement)?;
    let (carte, _) = partenaire(&poste.store(), ouvert.entete.emetteur).map_err(|e| match e {
        ErreurService::CarteInconnue(_) => ErreurService::EmetteurInconnu,
        e => e,
    })?;
    let cle = depuis_hex::<32>(&carte.cle_signature).ok_or(ErreurPaquet::SignatureFausse)?;
    ouvert.verifier(&cle, poste.compte().id, &cles.cle_publique())?;
    let charge: Charge = serde_json::from_slice(&ouvert.charge).map_err(|_| ErreurPaquet::Abime)?;
    // Les faits des jeunes viennent de l'émetteur. Les événements d'un dossier aussi, sauf
    // ceux qu'il relaie d'un ancien membre du binôme vers le nouveau ; aucun ne se dit de ce
    // poste-ci.
    let ici = poste.store().installation()?;
    if charge.evenements.iter().any(|e| e.origine == ici)
        || charge
            .cotraitance
            .iter()
            .any(|f| f.origine != ouvert.entete.installation)
    {
        return Err(ErreurPaquet::Abime.into());
    }
    Ok((ouvert, carte, charge))
}

/// Reçoit un paquet : vérifié, puis appliqué en une transaction (idempotent, dans l'ordre
/// commun). Seuls entrent les dossiers dont le binôme est fait de l'émetteur et de
/// l'utilisateur ; un dossier nouveau ici doit les nommer tous deux.
pub fn importer(poste: &Poste, chemin: &Path) -> Result<Arrivee, ErreurService> {
    let utilisateur = poste
        .utilisateur()
        .cloned()
        .ok_or(ErreurService::SansUtilisateur)?;
    let moi = utilisateur.id;
    let octets = crate::fichiers::lire_borne(chemin, (paquet::MAX_OCTETS / (1024 * 1024)) as u64)?;
    let (ouvert, carte, mut charge) = ouvrir(poste, &octets)?;
    let lui = carte
        .professionnel
        .as_ref()
        .map(|p| p.id)
        .ok_or_else(|| ErreurService::CarteAncienne(carte.nom.clone()))?;
    let mut store = poste.store();
    let touches: BTreeSet<Uuid> = charge.evenements.iter().map(|e| e.dossier).collect();
    let mut admis = BTreeSet::new();
    for id in touches {
        let ok = match store.dossier(id)? {
            Some(d) => {
                // Commun avant ce paquet, ou par ce qu'il apporte (une réaffectation), ou
                // l'ayant été : un ancien membre envoie ce qu'il a écrit avant d'apprendre
                // qu'il ne l'était plus.
                let mut apres = d.clone();
                for e in du_dossier(&charge.evenements, id) {
                    apres.appliquer(&e.evenement);
                }
                du_binome(&d, moi, lui)
                    || du_binome(&apres, moi, lui)
                    || !ecrits_en_binome(&store.journal(id)?, moi, lui).is_empty()
            }
            None => nouveau_du_binome(&charge.evenements, id, moi, lui),
        };
        if ok {
            admis.insert(id);
        }
    }
    let avant = charge.evenements.len() + charge.cotraitance.len();
    charge.evenements.retain(|e| admis.contains(&e.dossier));
    // Les jeunes en cotraitance : communs au partenaire et à l'utilisateur ici, ou nouveaux
    // ici et tels que leurs faits reçus les rendent communs.
    if let Some(fiche) = &carte.professionnel {
        let jeunes: BTreeSet<Uuid> = charge.cotraitance.iter().map(|f| f.cotraitance).collect();
        let mut admis_jeunes = BTreeSet::new();
        for id in jeunes {
            let faits = match store.cotraitance(id)? {
                Some(c) => Some(c.faits),
                None => nouveau_jeune(&charge.cotraitance, id),
            };
            if faits.is_some_and(|c| jeune_commun(&c, &utilisateur, fiche)) {
                admis_jeunes.insert(id);
            }
        }
        charge
            .cotraitance
            .retain(|f| admis_jeunes.contains(&f.cotraitance));
    }
    let ignores = avant - charge.evenements.len() - charge.cotraitance.len();
    let registre = PaquetRecu {
        emetteur: ouvert.entete.emetteur,
        installation: ouvert.entete.installation,
        numero: ouvert.entete.numero,
        recu_le: maintenant(),
        par: poste.auteur(),
        entete: String::from_utf8_lossy(&ouvert.entete_brut).into_owned(),
        signature: en_hex(&ouvert.signature),
    };
    let r = store.recevoir_paquet(&registre, &charge, poste.freins())?;
    let elements: Vec<&Evenement> = charge.evenements.iter().map(|e| &e.evenement).collect();
    Ok(Arrivee {
        emetteur: carte.nom,
        numero: ouvert.entete.numero,
        nouveaux: r.nouveaux,
        deja_recus: r.deja_recus,
        dossiers: admis.len(),
        ignores,
        resume: resume_complet(admis.len(), &elements, &charge),
    })
}

/// Un jeune qui n'est pas encore ici : ses faits reçus, rejoués seuls, doivent commencer par
/// son affectation.
fn nouveau_jeune(faits: &[FaitEchange], id: Uuid) -> Option<Cotraitance> {
    let mut siens: Vec<&FaitEchange> = faits.iter().filter(|f| f.cotraitance == id).collect();
    siens.sort_by_key(|f| f.seq_origine);
    let evenements: Vec<_> = siens.into_iter().map(|f| f.evenement.clone()).collect();
    Cotraitance::rejouer(&evenements)
}

/// Un dossier qui n'existe pas encore ici : ses événements reçus, rejoués seuls, doivent
/// l'ouvrir et nommer les deux membres du binôme.
fn nouveau_du_binome(evenements: &[EvenementEchange], id: Uuid, moi: Uuid, lui: Uuid) -> bool {
    Dossier::rejouer(du_dossier(evenements, id).into_iter().map(|e| &e.evenement))
        .is_some_and(|d| du_binome(&d, moi, lui))
}

/// Les événements d'un paquet pour ce dossier, dans l'ordre commun.
fn du_dossier(evenements: &[EvenementEchange], id: Uuid) -> Vec<&EvenementEchange> {
    let mut siens: Vec<&EvenementEchange> = evenements.iter().filter(|e| e.dossier == id).collect();
    siens.sort_by_key(|e| (e.hlc_ms, e.hlc_c, e.origine, e.seq_origine));
    siens
}

/// Où en est l'échange d'un dossier avec l'autre membre de son binôme (s'il en a la carte).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtatDossier {
    pub partenaire: String,
    /// Nos éléments que le partenaire n'a pas encore accusés.
    pub en_attente: u64,
    /// Quand le dernier paquet qui a touché ce dossier est arrivé, et quand le dernier paquet
    /// est parti vers ce partenaire.
    pub dernier_recu: Option<String>,
    pub dernier_envoye: Option<String>,
}

impl EtatDossier {
    pub fn libelle(&self) -> String {
        use crate::domain::date::horodatage_fr;
        let recu = self
            .dernier_recu
            .as_deref()
            .map_or("rien reçu".into(), |l| {
                format!("reçu le {}", horodatage_fr(l))
            });
        let envoye = self
            .dernier_envoye
            .as_deref()
            .map_or("rien envoyé".into(), |l| {
                format!("envoyé le {}", horodatage_fr(l))
            });
        let attente = match self.en_attente {
            0 => "rien en attente".to_string(),
            n => format!("{n} élément(s) à envoyer"),
        };
        format!("avec {} : {recu}, {envoye} ; {attente}", self.partenaire)
    }
}

pub fn etat_dossier(poste: &Poste, d: &Dossier) -> Result<Option<EtatDossier>, ErreurService> {
    let Some(moi) = poste.utilisateur().map(|u| u.id) else {
        return Ok(None);
    };
    let store = poste.store();
    let membres = (
        d.conseiller.as_ref().map(|m| m.id),
        d.referent.as_ref().map(|m| m.id),
    );
    let autre = match membres {
        (Some(c), Some(r)) if c == moi => r,
        (Some(c), Some(r)) if r == moi => c,
        _ => return Ok(None),
    };
    let Some(carte) = store.cartes()?.into_iter().find(|c| {
        c.carte
            .professionnel
            .as_ref()
            .is_some_and(|p| p.id == autre)
    }) else {
        return Ok(None);
    };
    // Ce qui partira vraiment : le filtre du consentement retient certains éléments.
    let depuis = store.accuse(carte.carte.compte, d.id)?;
    let en_attente = store
        .evenements_a_envoyer(d.id, depuis)?
        .iter()
        .filter(|e| {
            d.partage_avec(&e.evenement, carte.carte.role, poste.freins())
                .is_some()
        })
        .count() as u64;
    let dernier_recu = store.dernier_recu_pour(d.id)?;
    let dernier_envoye = store
        .derniers_echanges(carte.carte.compte)?
        .envoye
        .map(|(_, le, _)| le);
    Ok(Some(EtatDossier {
        partenaire: carte.carte.nom,
        en_attente,
        dernier_recu,
        dernier_envoye,
    }))
}

/// Où en est l'échange avec chaque partenaire dont on a la carte.
pub fn etats(poste: &Poste) -> Result<Vec<EtatPartenaire>, ErreurService> {
    let store = poste.store();
    Ok(etats_pour(poste, &store, &store.portefeuille()?)?)
}

/// `etats`, sur un portefeuille déjà lu (la session relit le sien après chaque écriture).
pub(crate) fn etats_pour(
    poste: &Poste,
    store: &Store,
    portefeuille: &[Resume],
) -> Result<Vec<EtatPartenaire>, ErreurStore> {
    let Some(utilisateur) = poste.utilisateur() else {
        return Ok(Vec::new());
    };
    let moi = utilisateur.id;
    let mut v = Vec::new();
    let cartes = store.cartes()?;
    let jeunes = if cartes.is_empty() {
        Vec::new()
    } else {
        store.cotraitances()?
    };
    for carte in cartes {
        let derniers = store.derniers_echanges(carte.carte.compte)?;
        let (dossiers, a_envoyer) = match &carte.carte.professionnel {
            Some(p) => {
                let communs = communs(portefeuille, moi, p.id);
                let depuis = derniers.envoye.as_ref().map_or(0, |e| e.2);
                let changes = store.ecrits_depuis(depuis)?;
                // Reçu d'un autre que lui (un ancien membre du binôme) : à lui relayer.
                let chez_lui = store.installations_de(carte.carte.compte)?;
                let a_relayer: BTreeSet<Uuid> = store
                    .recus_depuis(depuis)?
                    .into_iter()
                    .filter(|(_, origines)| origines.iter().any(|o| !chez_lui.contains(o)))
                    .map(|(d, _)| d)
                    .collect();
                // Les jeunes en cotraitance communs comptent comme des dossiers.
                let communs: Vec<Uuid> = communs
                    .into_iter()
                    .chain(
                        jeunes
                            .iter()
                            .filter(|c| jeune_commun(&c.faits, utilisateur, p))
                            .map(|c| c.id),
                    )
                    .collect();
                let mut a_envoyer = communs
                    .iter()
                    .filter(|d| changes.contains_key(d) || a_relayer.contains(d))
                    .count();
                // Un dossier réaffecté : l'ancien partenaire doit encore l'apprendre.
                for d in changes.keys().filter(|d| !communs.contains(d)) {
                    if store.a_ete_reaffecte(*d)?
                        && reste_a_apprendre(store, *d, moi, p.id, depuis)?
                    {
                        a_envoyer += 1;
                    }
                }
                (communs.len(), a_envoyer)
            }
            None => (0, 0),
        };
        v.push(EtatPartenaire {
            carte,
            derniers,
            dossiers,
            a_envoyer,
        });
    }
    Ok(v)
}

/// Un fichier du dossier d'échange déjà examiné : chemin, taille, date de modification.
pub type Vu = (std::path::PathBuf, u64, std::time::SystemTime);

/// Ce qu'un relevé du dossier d'échange a trouvé de nouveau.
#[derive(Debug, Clone, Default)]
pub struct Releve {
    pub vus: Vec<Vu>,
    pub arrivees: Vec<Arrivee>,
    /// Les paquets refusés, avec la raison (un paquet pour un autre poste, ou déjà reçu,
    /// n'en est pas un : le dossier partagé contient aussi ce qu'on envoie).
    pub refus: Vec<String>,
}

/// Reçoit les paquets `.binome` nouveaux du dossier d'échange (dans l'ordre de leurs noms).
pub fn relever(
    poste: &Poste,
    dossier: &Path,
    deja: &std::collections::HashSet<Vu>,
) -> Result<Releve, ErreurService> {
    let lecture = |e: std::io::Error| crate::fichiers::ErreurFichier::Lecture {
        chemin: dossier.display().to_string(),
        source: std::sync::Arc::new(e),
    };
    let mut fichiers = Vec::new();
    for f in std::fs::read_dir(dossier).map_err(lecture)? {
        let f = f.map_err(lecture)?;
        let chemin = f.path();
        let paquet = chemin
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("binome"));
        let Ok(meta) = f.metadata() else { continue };
        if !paquet || !meta.is_file() {
            continue;
        }
        let vu = (
            chemin,
            meta.len(),
            meta.modified().unwrap_or(std::time::UNIX_EPOCH),
        );
        if !deja.contains(&vu) {
            fichiers.push(vu);
        }
    }
    fichiers.sort();
    let mut r = Releve::default();
    for vu in fichiers {
        match importer(poste, &vu.0) {
            Ok(a) => r.arrivees.push(a),
            Err(ErreurService::Paquet(ErreurPaquet::PasPourCePoste))
            | Err(ErreurService::Store(ErreurStore::PaquetDejaRecu { .. })) => {}
            Err(e) => r.refus.push(format!("{} : {e}", vu.0.display())),
        }
        r.vus.push(vu);
    }
    Ok(r)
}
