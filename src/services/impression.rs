//! Imprimer un document d'un dossier : le rédiger d'après la base et l'annuaire, l'écrire
//! sans jamais laisser de fichier à moitié écrit, et noter l'impression au journal.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::poste::Poste;
use super::ErreurService;
pub use crate::documents::Modele;
use crate::documents::{generer, Sources};
use crate::domain::date::Jour;
use crate::domain::dossier::{Commande, Contexte, Dossier};
use crate::domain::freins::Freins;
use crate::domain::professionnel::{Professionnel, Role};
use crate::domain::structures::Referentiel;
use crate::store::{ErreurStore, Store};

/// Les fiches de l'annuaire du conseiller dédié et du référent social d'un dossier, que
/// ses documents citent.
pub(crate) struct Binome {
    conseiller: Option<Professionnel>,
    referent: Option<Professionnel>,
}

impl Binome {
    pub(crate) fn de(store: &Store, dossier: &Dossier) -> Result<Binome, ErreurStore> {
        let pro = |role: Role| match dossier.membre(role) {
            Some(m) => store.professionnel(m.id),
            None => Ok(None),
        };
        Ok(Binome {
            conseiller: pro(Role::Conseiller)?,
            referent: pro(Role::Referent)?,
        })
    }

    /// Ce qu'il faut pour rédiger un document de ce dossier, à la date du poste.
    pub(crate) fn sources<'a>(&'a self, dossier: &'a Dossier, poste: &'a Poste) -> Sources<'a> {
        self.sources_a(
            dossier,
            poste.referentiel(),
            poste.freins(),
            poste.aujourdhui(),
        )
    }

    fn sources_a<'a>(
        &'a self,
        dossier: &'a Dossier,
        referentiel: &'a Referentiel,
        freins: &'a Freins,
        aujourdhui: Jour,
    ) -> Sources<'a> {
        Sources {
            dossier,
            conseiller: self.conseiller.as_ref(),
            referent: self.referent.as_ref(),
            referentiel,
            freins,
            aujourdhui,
        }
    }
}

/// Rédige un document d'un dossier à partir de la base ; l'annuaire donne les
/// coordonnées des deux professionnels.
pub fn rediger(
    store: &Store,
    dossier: &Dossier,
    modele: Modele,
    referentiel: &Referentiel,
    freins: &Freins,
    aujourdhui: Jour,
) -> Result<Vec<u8>, ErreurService> {
    let binome = Binome::de(store, dossier)?;
    Ok(generer(
        modele,
        &binome.sources_a(dossier, referentiel, freins, aujourdhui),
    )?)
}

/// Ce que l'on imprime et où : un fichier existant n'est remplacé que si `remplacer`, ou
/// s'il est le même document du même dossier, écrit par Binôme et inchangé depuis.
pub struct Impression<'a> {
    pub id: Uuid,
    pub modele: Modele,
    pub chemin: &'a Path,
    pub remplacer: bool,
}

/// Rédige, écrit atomiquement et note l'impression au journal du dossier.
pub fn imprimer(
    store: &mut Store,
    i: Impression,
    auteur: &str,
    referentiel: &Referentiel,
    ctx: Contexte,
) -> Result<(), ErreurService> {
    let Impression {
        id,
        modele,
        chemin,
        remplacer,
    } = i;
    let dossier = store
        .dossier(id)?
        .ok_or(ErreurService::DossierIntrouvable(id))?;
    // Le document ne dit que ce que celui qui l'imprime peut lire (secret partagé) ; sans
    // utilisateur connu, la lecture la plus restreinte, celle du conseiller dédié.
    let role = uuid::Uuid::parse_str(auteur)
        .ok()
        .and_then(|p| store.professionnel(p).ok().flatten())
        .map_or(crate::domain::professionnel::Role::Conseiller, |p| p.role());
    let dossier = dossier.vu_par(role, ctx.freins).into_owned();
    let octets = rediger(
        store,
        &dossier,
        modele,
        referentiel,
        ctx.freins,
        ctx.aujourdhui,
    )?;
    let export = format!("{}:{id}", modele.libelle());
    super::sortie::ecrire(store, chemin, &export, &octets, remplacer)?;
    super::poste::auditer(
        store,
        auteur,
        crate::domain::audit::ActionAudit::Impression,
        Some(id),
    );
    store
        .executer(
            id,
            &Commande::NoterImpression {
                document: modele.libelle(),
                date: ctx.aujourdhui,
            },
            auteur,
            ctx,
        )
        .map(|_| ())
        .map_err(|source| ErreurService::ImpressionNonNotee {
            chemin: chemin.display().to_string(),
            source,
        })
}

/// Une impression à faire hors du fil de la fenêtre : tout ce qu'il faut, sans emprunt.
pub struct Travail {
    poste: Poste,
    id: Uuid,
    modele: Modele,
    chemin: PathBuf,
    remplacer: bool,
}

impl Travail {
    pub fn new(
        poste: Poste,
        id: Uuid,
        modele: Modele,
        chemin: PathBuf,
        remplacer: bool,
    ) -> Travail {
        Travail {
            poste,
            id,
            modele,
            chemin,
            remplacer,
        }
    }

    /// Rédige, écrit (dossier créé au besoin) et note ; rend le chemin écrit.
    pub fn executer(self) -> Result<PathBuf, ErreurService> {
        let p = &self.poste;
        imprimer(
            &mut p.store(),
            Impression {
                id: self.id,
                modele: self.modele,
                chemin: &self.chemin,
                remplacer: self.remplacer,
            },
            &p.auteur(),
            p.referentiel(),
            p.ctx(),
        )?;
        Ok(self.chemin)
    }
}
