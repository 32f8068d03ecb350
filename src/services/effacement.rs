//! L'effacement des personnes : la purge des dossiers dont la durée de conservation est
//! échue (aperçu, puis confirmation par un administrateur), et l'effacement d'un dossier à
//! la demande de la personne (par le professionnel qui la suit, confirmé par un
//! administrateur, avec une attestation imprimée).

use std::path::Path;

use uuid::Uuid;

use super::acces::confirmer_administrateur;
use super::administration::exiger_admin;
use super::espace::Espace;
use super::poste::Poste;
use super::ErreurService;
use crate::documents::personne::{attestation, Attestation};
use crate::domain::date::Jour;
use crate::domain::effacement::{DureeConservation, MotifEffacement, RefusEffacement};
use crate::domain::professionnel::Role;
use crate::store::{DossierAEffacer, RapportEffacement};

const CLE_DUREE: &str = "duree_conservation";

/// Au plus tard, le nombre de jours au bout duquel les sauvegardes automatiques ne
/// contiennent plus un dossier effacé : 7 quotidiennes, puis 4 hebdomadaires.
pub const JOURS_SAUVEGARDES: u32 = 7 + 4 * 7;

fn horodatage() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

pub fn duree(poste: &Poste) -> Result<DureeConservation, ErreurService> {
    Ok(poste
        .store()
        .preference::<DureeConservation>(CLE_DUREE)?
        .unwrap_or_default())
}

/// Règle la durée de conservation (administrateurs).
pub fn regler_duree(poste: &Poste, d: DureeConservation) -> Result<(), ErreurService> {
    exiger_admin(poste)?;
    poste.store().definir_preference(CLE_DUREE, &d)?;
    Ok(())
}

/// Ce qu'une purge retirerait aujourd'hui.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apercu {
    pub duree: DureeConservation,
    /// Les dossiers dont le dernier contact (ou la clôture) est au plus ce jour-là.
    pub limite: Jour,
    pub dossiers: Vec<DossierAEffacer>,
}

/// Les dossiers à effacer, sans la personne (ni nom ni identifiant) : l'administrateur
/// ne voit aucun dossier.
pub fn apercu(poste: &Poste) -> Result<Apercu, ErreurService> {
    exiger_admin(poste)?;
    let duree = duree(poste)?;
    let limite = duree.limite(poste.aujourdhui());
    let dossiers = poste.store().dossiers_a_effacer(limite)?;
    Ok(Apercu {
        duree,
        limite,
        dossiers,
    })
}

/// Efface les dossiers de l'aperçu confirmé ; refuse si la liste a changé entre-temps.
pub fn purger(poste: &Poste, ids: &[Uuid]) -> Result<RapportEffacement, ErreurService> {
    let a_jour = apercu(poste)?;
    if ids.is_empty()
        || ids
            .iter()
            .any(|id| !a_jour.dossiers.iter().any(|d| d.id == *id))
    {
        return Err(ErreurService::ApercuPerime);
    }
    Ok(poste.store().effacer(
        ids,
        MotifEffacement::Conservation,
        &poste.auteur(),
        &horodatage(),
        poste.freins(),
    )?)
}

/// Le nom de fichier proposé pour l'attestation.
pub fn nom_fichier_attestation(d: &crate::domain::dossier::Dossier) -> String {
    crate::documents::dossier::nom_de_fichier("attestation-effacement", d)
}

/// Le registre des purges, lisible (administrateurs) : quand, qui, pourquoi, combien.
pub fn registre(poste: &Poste) -> Result<Vec<String>, ErreurService> {
    exiger_admin(poste)?;
    let store = poste.store();
    let noms = super::administration::Noms::lire(&store)?;
    Ok(store
        .purges()?
        .into_iter()
        .map(|p| {
            format!(
                "Purge n° {} — {} — {} — {} — {} dossier(s), {} événement(s)",
                p.n,
                super::administration::quand(&p.horodatage),
                noms.nom(&p.qui),
                p.motif.libelle(),
                p.dossiers,
                p.evenements
            )
        })
        .collect())
}

/// Une demande d'effacement, telle que le professionnel qui suit la personne la saisit.
pub struct Demande<'a> {
    pub dossier: Uuid,
    pub demande_le: Jour,
    pub administrateur: &'a str,
    pub mot_de_passe: &'a str,
    /// Où écrire l'attestation (PDF) ; elle s'écrit avant l'effacement.
    pub attestation: &'a Path,
    pub remplacer: bool,
}

/// Efface un dossier à la demande de la personne. L'attestation est écrite d'abord : si elle
/// ne peut pas l'être, rien n'est effacé.
pub fn effacer_a_la_demande(
    espace: &Espace,
    poste: &Poste,
    demande: &Demande,
) -> Result<RapportEffacement, ErreurService> {
    let refus = |quoi: &str| {
        ErreurService::from(crate::store::ErreurStore::from(
            RefusEffacement::Habilitation(quoi.into()),
        ))
    };
    let utilisateur = poste
        .utilisateur()
        .ok_or_else(|| refus("ce compte n'est lié à aucune fiche de professionnel."))?;
    let store = poste.store();
    let Some(d) = store.dossier(demande.dossier)? else {
        // Un jeune en cotraitance, s'il en est un.
        drop(store);
        return effacer_jeune(espace, poste, demande);
    };
    let role = match (&d.conseiller, &d.referent) {
        (Some(c), _) if c.id == utilisateur.id => Role::Conseiller,
        (_, Some(r)) if r.id == utilisateur.id => Role::Referent,
        _ => {
            return Err(refus(
                "vous n'êtes ni son conseiller dédié ni son référent social (une délégation ne suffit pas).",
            ))
        }
    };
    if d.cloture.is_none() {
        return Err(crate::store::ErreurStore::from(RefusEffacement::EnCours).into());
    }
    if demande.demande_le > poste.aujourdhui() {
        return Err(
            crate::store::ErreurStore::from(RefusEffacement::DemandeFuture(poste.aujourdhui()))
                .into(),
        );
    }
    drop(store);
    let admin =
        confirmer_administrateur(espace, poste, demande.administrateur, demande.mot_de_passe)?;
    if admin.id == poste.compte().id {
        return Err(refus(
            "l'administrateur qui confirme doit être un autre compte que le vôtre.",
        ));
    }
    let mut store = poste.store();
    let emprise = store.emprise(demande.dossier)?;
    let binome = super::impression::Binome::de(&store, &d)?;
    let octets = attestation(&Attestation {
        sources: binome.sources(&d, poste),
        demande_le: demande.demande_le,
        par: role,
        confirme_par: &admin.identifiant,
        evenements: emprise.evenements,
        notes_privees: emprise.notes_privees,
        sauvegardes_jours: JOURS_SAUVEGARDES,
    })?;
    attester_puis_effacer(&mut store, poste, demande, &octets, admin.id)
}

/// Écrit l'attestation, puis efface (une attestation qui ne s'écrit pas n'efface rien) et
/// inscrit au journal d'audit l'administrateur qui a confirmé.
fn attester_puis_effacer(
    store: &mut crate::store::Store,
    poste: &Poste,
    demande: &Demande,
    attestation: &[u8],
    administrateur: Uuid,
) -> Result<RapportEffacement, ErreurService> {
    // L'attestation n'est pas retenue parmi les sorties : son chemin peut nommer la personne.
    super::sortie::verifier(
        store,
        demande.attestation,
        "attestation d'effacement",
        demande.remplacer,
    )?;
    crate::fichiers::creer_dossier_parent(demande.attestation)?;
    crate::fichiers::ecrire_atomiquement(demande.attestation, attestation)?;
    let rapport = store.effacer(
        &[demande.dossier],
        MotifEffacement::Demande,
        &poste.auteur(),
        &horodatage(),
        poste.freins(),
    )?;
    super::poste::auditer(
        store,
        &administrateur.to_string(),
        crate::domain::audit::ActionAudit::Effacement,
        Some(demande.dossier),
    );
    Ok(rapport)
}

/// Efface les données d'un jeune dont la cotraitance est finie, à sa demande : par le
/// conseiller qui l'a affecté ou sa mission locale, confirmé par un administrateur ;
/// l'attestation d'abord, comme pour un dossier.
fn effacer_jeune(
    espace: &Espace,
    poste: &Poste,
    demande: &Demande,
) -> Result<RapportEffacement, ErreurService> {
    let id = demande.dossier;
    let utilisateur = poste
        .utilisateur()
        .cloned()
        .ok_or(ErreurService::SansUtilisateur)?;
    let (l, _) = super::cotraitance::lire(poste, id)?;
    if l.faits.fin_de_conservation(poste.aujourdhui()).is_none() {
        return Err(crate::store::ErreurStore::from(RefusEffacement::CotraitanceEnCours).into());
    }
    if demande.demande_le > poste.aujourdhui() {
        return Err(
            crate::store::ErreurStore::from(RefusEffacement::DemandeFuture(poste.aujourdhui()))
                .into(),
        );
    }
    let admin =
        confirmer_administrateur(espace, poste, demande.administrateur, demande.mot_de_passe)?;
    if admin.id == poste.compte().id {
        return Err(ErreurService::from(crate::store::ErreurStore::from(
            RefusEffacement::Habilitation(
                "l'administrateur qui confirme doit être un autre compte que le vôtre.".into(),
            ),
        )));
    }
    let mut store = poste.store();
    let emprise = store.emprise(id)?;
    let par = format!("{}, {}", utilisateur.nom_affiche(), utilisateur.fonction());
    let octets = crate::documents::cotraitance::attestation_effacement(
        &crate::documents::cotraitance::AttestationEffacement {
            jeune: &l.jeune,
            identifiant_ft: &l.identifiant_ft,
            mission_locale: &l.mission_locale,
            affecte_le: l.affecte_le,
            demande_le: demande.demande_le,
            par: &par,
            confirme_par: &admin.identifiant,
            evenements: emprise.evenements,
            sauvegardes_jours: JOURS_SAUVEGARDES,
            fait_le: poste.aujourdhui(),
        },
    )?;
    attester_puis_effacer(&mut store, poste, demande, &octets, admin.id)
}
