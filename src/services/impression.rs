//! Imprimer un document d'un dossier : le rédiger d'après la base et l'annuaire, l'écrire
//! sans jamais laisser de fichier à moitié écrit, et noter l'impression au journal.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::poste::Poste;
use super::ErreurService;
pub use crate::documents::Modele;
use crate::documents::{generer, mettre_en_page, PolicesDuLot, Sources};
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
    let document = Document {
        id: i.id,
        modele: i.modele,
        chemin: i.chemin.to_path_buf(),
    };
    imprimer_lot(store, &[document], i.remplacer, auteur, referentiel, ctx).map(drop)
}

/// Un document d'un lot : quel dossier, quel modèle, où l'écrire.
pub struct Document {
    pub id: Uuid,
    pub modele: Modele,
    pub chemin: PathBuf,
}

/// Ce qu'il faut pour rédiger un document, lu dans la base avant la rédaction.
struct Prepare {
    dossier: Dossier,
    binome: Binome,
    export: String,
    cible: PathBuf,
}

/// Les contrats des dossiers en cours d'accompagnement global parmi `ids` (tous ceux que
/// le compte voit si `None`), écrits dans le dossier `sortie` (créé au besoin, jamais dans
/// le dossier de données) en un lot, sur tous les cœurs : rend le nombre écrit.
pub fn imprimer_contrats(
    poste: &Poste,
    ids: Option<&[Uuid]>,
    sortie: &Path,
    remplacer: bool,
) -> Result<usize, ErreurService> {
    use crate::domain::dossier::{Etape, Modalite};
    let mut store = poste.store();
    let demandes: Option<std::collections::HashSet<Uuid>> =
        ids.map(|v| v.iter().copied().collect());
    let retenus: Vec<Uuid> = poste
        .portefeuille(&store)?
        .into_iter()
        .filter(|r| {
            r.modalite == Modalite::AccompagnementGlobal
                && r.etape != Etape::Cloture
                && demandes.as_ref().is_none_or(|d| d.contains(&r.id))
        })
        .map(|r| r.id)
        .collect();
    let mut documents = Vec::with_capacity(retenus.len());
    for id in retenus {
        let d = store
            .dossier(id)?
            .ok_or(ErreurService::DossierIntrouvable(id))?;
        // Deux personnes du même nom : le début de l'identifiant du dossier les distingue.
        let nom = Modele::Contrat
            .nom_fichier(&d)
            .replace(".pdf", &format!("-{}.pdf", &id.to_string()[..8]));
        documents.push(Document {
            id,
            modele: Modele::Contrat,
            chemin: sortie.join(nom),
        });
    }
    if documents.is_empty() {
        return Ok(0);
    }
    super::sortie::verifier(&store, sortie, "", true)?;
    // Le dossier des contrats, parent de chacun, existe avant que leurs places se vérifient.
    crate::fichiers::creer_dossier_parent(&documents[0].chemin)?;
    imprimer_lot(
        &mut store,
        &documents,
        remplacer,
        &poste.auteur(),
        poste.referentiel(),
        poste.ctx(),
    )
}

/// Imprime un lot de documents, rend le nombre écrit.
///
/// 1. Chaque emplacement est vérifié d'abord : si l'un est refusé, rien n'est écrit.
/// 2. La rédaction (presque tout le temps) se fait sur tous les cœurs du poste ; chaque
///    fichier est écrit atomiquement par le fil qui l'a rédigé.
/// 3. Ce qui est écrit est noté en une seule transaction : journal de chaque dossier,
///    journal d'audit, fichiers retenus (une synchronisation sur disque pour tout le lot).
pub fn imprimer_lot(
    store: &mut Store,
    documents: &[Document],
    remplacer: bool,
    auteur: &str,
    referentiel: &Referentiel,
    ctx: Contexte,
) -> Result<usize, ErreurService> {
    // Le document ne dit que ce que celui qui l'imprime peut lire (secret partagé) ; sans
    // utilisateur connu, la lecture la plus restreinte, celle du conseiller dédié.
    let role = Uuid::parse_str(auteur)
        .ok()
        .and_then(|p| store.professionnel(p).ok().flatten())
        .map_or(Role::Conseiller, |p| p.role());
    let mut prepares = Vec::with_capacity(documents.len());
    let mut lus = Vec::with_capacity(documents.len());
    for d in documents {
        let lu = store
            .dossier(d.id)?
            .ok_or(ErreurService::DossierIntrouvable(d.id))?;
        let dossier = lu.vu_par(role, ctx.freins).into_owned();
        lus.push(lu);
        let binome = Binome::de(store, &dossier)?;
        let export = format!("{}:{}", d.modele.libelle(), d.id);
        let cible = super::sortie::verifier(store, &d.chemin, &export, remplacer)?;
        prepares.push(Prepare {
            dossier,
            binome,
            export,
            cible,
        });
    }
    // Chaque document écrit est noté dès qu'il l'est, pendant que les autres se rédigent.
    let mut lot = store.lot(auteur, ctx)?;
    for d in lus {
        lot.connaitre(d);
    }
    let horodatage = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut echec = None;
    let mut n = 0;
    rediger_et_ecrire(documents, &prepares, referentiel, ctx, |i, ecrit| {
        let (d, p) = (&documents[i], &prepares[i]);
        let empreinte = match ecrit {
            Ok(e) => e,
            Err(e) => {
                echec.get_or_insert(e);
                return Ok(());
            }
        };
        lot.noter_sortie(&p.cible.display().to_string(), &p.export, &empreinte)?;
        lot.auditer(
            &horodatage,
            auteur,
            crate::domain::audit::ActionAudit::Impression,
            Some(&d.id.to_string()),
        )?;
        lot.executer(
            d.id,
            &Commande::NoterImpression {
                document: d.modele.libelle(),
                date: ctx.aujourdhui,
            },
        )?;
        n += 1;
        Ok(())
    })
    .and_then(|()| lot.valider())
    .map_err(|source| ErreurService::ImpressionNonNotee {
        chemin: documents
            .first()
            .map(|d| d.chemin.display().to_string())
            .unwrap_or_default(),
        source,
    })?;
    match echec {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// Rédige et écrit chaque document sur autant de fils que le poste a de cœurs ; `noter`
/// reçoit, sur le fil appelant, l'empreinte de chaque fichier écrit (ou son erreur) dès
/// qu'il l'est. Une erreur de `noter` arrête les fils après leur document en cours.
///
/// Les documents sont d'abord tous mis en page ; leurs polices sont alors réduites aux
/// caractères du lot et compressées une seule fois (`PolicesDuLot`), au lieu d'une fois
/// par document : c'était plus de la moitié de la rédaction d'un contrat.
fn rediger_et_ecrire(
    documents: &[Document],
    prepares: &[Prepare],
    referentiel: &Referentiel,
    ctx: Contexte,
    mut noter: impl FnMut(usize, Result<String, ErreurService>) -> Result<(), ErreurStore>,
) -> Result<(), ErreurStore> {
    use std::sync::Mutex;
    // Les documents mis en page attendent tous en mémoire leurs polices : un lot de tout un
    // département se fait par paquets, chacun avec les siennes.
    const PAR_PAQUET: usize = 200;
    let paquets = documents
        .chunks(PAR_PAQUET)
        .zip(prepares.chunks(PAR_PAQUET));
    for (n, (documents, prepares)) in paquets.enumerate() {
        let mut noter_paquet = |i: usize, r| noter(n * PAR_PAQUET + i, r);
        // Deux fils par cœur : pendant qu'un fichier se synchronise sur le disque, l'autre
        // rédige.
        let fils = std::thread::available_parallelism()
            .map_or(1, |n| n.get() * 2)
            .min(documents.len());
        let mettre = |i: usize| {
            let (d, p) = (&documents[i], &prepares[i]);
            let sources = p
                .binome
                .sources_a(&p.dossier, referentiel, ctx.freins, ctx.aujourdhui);
            mettre_en_page(d.modele, &sources)
        };
        // Un document qu'un fil arrêté n'a pas mis en page reste vide : il sera dit interrompu.
        let mut mis: Vec<Option<_>> = documents.iter().map(|_| None).collect();
        sur_tous_les_coeurs(documents.len(), fils, mettre, |i, m| {
            mis[i] = Some(m);
            Ok::<(), std::convert::Infallible>(())
        })
        .unwrap_or_default();
        let lot = mis.iter().filter_map(|m| m.as_ref()?.as_ref().ok());
        let polices = (documents.len() > 1)
            .then(|| PolicesDuLot::pour(lot))
            .flatten();
        let mis_en_page: Vec<Mutex<_>> = mis.into_iter().map(Mutex::new).collect();
        let un = |i: usize| -> Result<String, ErreurService> {
            let mis = mis_en_page[i].lock().ok().and_then(|mut m| m.take());
            let doc = mis.ok_or(ErreurService::RedactionInterrompue)??;
            let octets = match &polices {
                Some(p) => doc.octets_avec(p),
                None => doc.octets(),
            };
            let chemin = &documents[i].chemin;
            crate::fichiers::creer_dossier_parent(chemin)?;
            crate::fichiers::ecrire_atomiquement(chemin, &octets)?;
            Ok(crate::domain::empreinte::sha256(&octets))
        };
        for i in sur_tous_les_coeurs(documents.len(), fils, un, &mut noter_paquet)? {
            noter_paquet(i, Err(ErreurService::RedactionInterrompue))?;
        }
    }
    Ok(())
}

/// `f(0)` … `f(n - 1)` sur `fils` fils ; `recevoir` a chaque résultat, sur le fil
/// appelant, dès qu'il est prêt. Une erreur de `recevoir` arrête les fils après leur
/// indice en cours. Rend les indices qu'un fil arrêté (panique) n'a pas rendus.
fn sur_tous_les_coeurs<T: Send, E>(
    n: usize,
    fils: usize,
    f: impl Fn(usize) -> T + Sync,
    mut recevoir: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<Vec<usize>, E> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    if fils <= 1 {
        for i in 0..n {
            recevoir(i, f(i))?;
        }
        return Ok(Vec::new());
    }
    let suivant = AtomicUsize::new(0);
    let mut recus = vec![false; n];
    std::thread::scope(|s| {
        let (envoi, reception) = std::sync::mpsc::channel();
        for _ in 0..fils {
            let envoi = envoi.clone();
            let (suivant, f) = (&suivant, &f);
            s.spawn(move || loop {
                let i = suivant.fetch_add(1, Ordering::Relaxed);
                if i >= n || envoi.send((i, f(i))).is_err() {
                    return;
                }
            });
        }
        drop(envoi);
        for (i, r) in reception {
            recus[i] = true;
            if let Err(e) = recevoir(i, r) {
                // Plus rien à prendre : les fils s'arrêtent après leur indice en cours.
                suivant.store(n, Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(())
    })?;
    Ok((0..n).filter(|i| !recus[*i]).collect())
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
