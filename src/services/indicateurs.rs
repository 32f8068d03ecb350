//! Les indicateurs du comité de pilotage, pour l'écran comme pour la ligne de commande :
//! période, export dans chaque format, agrégat anonyme et fusion.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::{ErreurService, Poste};
use crate::domain::date::Jour;
use crate::domain::empreinte::en_hex;
use crate::domain::indicateurs::agregat::{Agregat, CleInstallation, ErreurAgregat};
use crate::domain::indicateurs::tableaux::Noms;
use crate::domain::indicateurs::{
    dossiers_de_la_case, Bornes, Case, ErreurMois, Indicateurs, Journal, Mois,
};
use crate::formats::indicateurs as export;
pub use crate::formats::indicateurs::Presentation;
use ed25519_dalek::SigningKey;

/// Ce qui empêche un calcul, un export ou une fusion d'indicateurs.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurIndicateurs {
    #[error(transparent)]
    Mois(#[from] ErreurMois),
    #[error("la période est à l'envers : {de} est après {a} (--de doit précéder --a).")]
    PeriodeInversee { de: Mois, a: Mois },
    #[error("la période dépasse 10 ans : choisissez une période plus courte.")]
    PeriodeTropLongue,
    #[error(transparent)]
    Agregat(#[from] ErreurAgregat),
    #[error("un fichier d'agrégat s'exporte depuis une installation de Binôme.")]
    AgregatHorsInstallation,
    #[error("un fichier d'agrégat couvre toutes les agences : retirez --agence.")]
    AgregatParAgence,
    #[error("l'agence « {0} » est inconnue.")]
    AgenceInconnue(String),
    #[error(transparent)]
    Lecture(#[from] crate::fichiers::ErreurFichier),
    #[error("les fichiers ne contiennent aucune période.")]
    SansPeriode,
    #[error("{nom} vient de l'installation {installation}, dont la clé n'est pas enregistrée sur ce poste : importez d'abord sa clé (« binome indicateurs importer-cle », ou « Importer la clé » dans la fenêtre), reçue de cette installation.")]
    InstallationInconnue { nom: String, installation: Uuid },
    #[error("{nom} est signé d'une autre clé que celle enregistrée pour l'installation {installation} : fichier falsifié ou clé changée ; vérifiez auprès de cette installation.")]
    CleDifferente { nom: String, installation: Uuid },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatExport {
    /// CSV pour Excel (« ; », UTF-8 avec BOM, virgule décimale)
    Csv,
    /// Classeur Excel, une feuille par tableau
    Xlsx,
    /// Rapport du comité de pilotage (tableaux et graphiques)
    Pdf,
    /// Toutes les cases, valeurs exactes
    Json,
    /// Fichier anonyme à fusionner avec ceux des autres installations
    Agregat,
}

impl FormatExport {
    pub fn libelle(self) -> &'static str {
        match self {
            FormatExport::Csv => "CSV",
            FormatExport::Xlsx => "XLSX",
            FormatExport::Pdf => "PDF",
            FormatExport::Json => "JSON",
            FormatExport::Agregat => "agrégat",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FormatExport::Csv => "csv",
            FormatExport::Xlsx => "xlsx",
            FormatExport::Pdf => "pdf",
            FormatExport::Json | FormatExport::Agregat => "json",
        }
    }
}

/// Un agrégat de 10 ans de toutes les agences d'un département pèse bien moins.
const MAX_AGREGAT_MO: u64 = 64;

/// La période demandée ; par défaut les 12 derniers mois.
pub fn periode(
    de: Option<&str>,
    a: Option<&str>,
    aujourdhui: Jour,
) -> Result<(Mois, Mois), ErreurIndicateurs> {
    let a = match a {
        Some(t) => Mois::lire(t)?,
        None => Mois::de(aujourdhui),
    };
    let de = match de {
        Some(t) => Mois::lire(t)?,
        None => (0..11).fold(a, |m, _| m.precedent()),
    };
    if de > a {
        return Err(ErreurIndicateurs::PeriodeInversee { de, a });
    }
    if de.jusqua(a).len() > 120 {
        return Err(ErreurIndicateurs::PeriodeTropLongue);
    }
    Ok((de, a))
}

/// Les noms des agences et des freins, pour les tableaux.
pub fn noms(poste: &Poste) -> Noms<'_> {
    Noms {
        freins: poste.freins(),
        referentiel: poste.referentiel(),
    }
}

/// Les chiffres de la période, toutes agences.
pub fn calculer(poste: &Poste, bornes: Bornes) -> Result<Indicateurs, ErreurService> {
    Ok(poste.store().indicateurs(bornes)?)
}

/// Parmi `ids`, les dossiers comptés dans une case du tableau.
pub fn dossiers_comptes(
    poste: &Poste,
    ids: &[Uuid],
    bornes: Bornes,
    case: &Case,
) -> Result<Vec<Uuid>, ErreurService> {
    let journaux = poste.store().journaux(ids)?;
    Ok(dossiers_de_la_case(
        journaux.iter().map(|e| Journal { evenements: e }),
        bornes,
        poste.freins(),
        case,
    ))
}

/// La charge de chaque conseiller dédié de l'annuaire, aujourd'hui : son nom et ses
/// accompagnements globaux en cours, du plus chargé au moins chargé (article 1.4).
pub fn portefeuilles(poste: &Poste) -> Result<Vec<(String, usize)>, ErreurService> {
    let store = poste.store();
    let actifs = crate::domain::portefeuille::actifs_par_conseiller(&store.portefeuille()?);
    let mut v: Vec<(String, usize)> = store
        .professionnels()?
        .into_iter()
        .filter(|p| p.role() == crate::domain::professionnel::Role::Conseiller)
        .map(|p| (p.nom_affiche(), actifs.get(&p.id).copied().unwrap_or(0)))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(v)
}

/// Un export des indicateurs de cette installation.
#[derive(Debug, Clone)]
pub struct Export {
    pub format: FormatExport,
    pub bornes: Bornes,
    /// Une seule agence ; un agrégat couvre toujours toutes les agences.
    pub agence: Option<String>,
    /// Secret statistique : les petits effectifs masqués.
    pub masquer: bool,
}

/// Calcule et rédige un export, en mémoire.
pub fn rediger_export(poste: &Poste, e: &Export) -> Result<Vec<u8>, ErreurService> {
    // L'agrégat, additionné à ceux des autres postes, ne compte que les dossiers ouverts ici.
    let mut t = if e.format == FormatExport::Agregat {
        poste
            .store()
            .indicateurs_de_ce_poste(e.bornes, poste.freins())?
    } else {
        calculer(poste, e.bornes)?
    };
    let agence = e.agence.as_deref().map(str::trim);
    if let Some(code) = agence {
        if e.format == FormatExport::Agregat {
            return Err(ErreurIndicateurs::AgregatParAgence.into());
        }
        if !t.keys().any(|(_, x)| x == code)
            && poste.referentiel().structures.agence(code).is_none()
        {
            return Err(ErreurIndicateurs::AgenceInconnue(code.to_string()).into());
        }
        t.retain(|(_, x), _| x == code);
    }
    let signataire = {
        let store = poste.store();
        (store.installation()?, store.cle_de_signature()?)
    };
    let p = Presentation {
        bornes: e.bornes,
        agence,
        masquer: e.masquer,
        origine: String::new(),
    };
    rediger(e.format, &t, &p, &noms(poste), Some(&signataire))
}

/// Rédige l'export demandé, en mémoire.
pub fn rediger(
    format: FormatExport,
    t: &Indicateurs,
    p: &Presentation,
    noms: &Noms,
    signataire: Option<&(Uuid, SigningKey)>,
) -> Result<Vec<u8>, ErreurService> {
    Ok(match format {
        FormatExport::Csv => export::csv(t, p, noms),
        FormatExport::Xlsx => export::xlsx(t, p, noms)?,
        FormatExport::Pdf => export::pdf(t, p, noms)?,
        FormatExport::Json => export::json(t, p)?,
        FormatExport::Agregat => {
            let (installation, cle) =
                signataire.ok_or(ErreurIndicateurs::AgregatHorsInstallation)?;
            Agregat::extraire(t, p.bornes, *installation, cle)
                .octets()
                .map_err(ErreurIndicateurs::from)?
        }
    })
}

/// Chaque extraction doit venir d'une installation dont la clé est enregistrée sur ce poste
/// (la sienne l'est d'office), signée de cette clé.
fn verifier_les_cles(poste: &Poste, lus: &[(String, Agregat)]) -> Result<(), ErreurService> {
    let store = poste.store();
    let moi = store.installation()?;
    let ma_cle = en_hex(store.cle_de_signature()?.verifying_key().as_bytes());
    for (nom, a) in lus {
        for s in &a.sources {
            let connue = if s.installation == moi {
                Some(ma_cle.clone())
            } else {
                store.cle_installation(s.installation)?.map(|(c, _)| c)
            };
            match connue {
                None => {
                    return Err(ErreurIndicateurs::InstallationInconnue {
                        nom: nom.clone(),
                        installation: s.installation,
                    }
                    .into())
                }
                Some(c) if c != s.cle => {
                    return Err(ErreurIndicateurs::CleDifferente {
                        nom: nom.clone(),
                        installation: s.installation,
                    }
                    .into())
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

/// Écrit la clé publique de cette installation, à remettre une fois au coordinateur.
pub fn exporter_cle(
    poste: &Poste,
    chemin: &Path,
    remplacer: bool,
) -> Result<String, ErreurService> {
    let store = poste.store();
    let installation = store.installation()?;
    let nom = poste
        .utilisateur()
        .map(|u| u.nom_affiche())
        .unwrap_or_else(|| "installation sans utilisateur".into());
    let c = CleInstallation::new(installation, &store.cle_de_signature()?, &nom);
    let octets = c.octets().map_err(ErreurIndicateurs::from)?;
    super::sortie::ecrire(&store, chemin, "indicateurs:cle", &octets, remplacer)?;
    Ok(format!(
        "Clé de cette installation écrite : {} (à remettre au coordinateur des indicateurs).",
        chemin.display()
    ))
}

/// Enregistre la clé d'une installation dont ce poste fusionnera les agrégats.
pub fn importer_cle(poste: &Poste, fichier: &Path) -> Result<String, ErreurService> {
    let nom = fichier.display().to_string();
    let octets = crate::fichiers::lire_borne(fichier, 1)?;
    let c = CleInstallation::lire(&octets, &nom).map_err(ErreurIndicateurs::from)?;
    let nouvelle = poste
        .store()
        .enregistrer_cle_installation(c.installation, &c.cle, &c.nom)?;
    Ok(if nouvelle {
        format!(
            "Clé enregistrée : installation {} ({}). Ses agrégats peuvent être fusionnés.",
            c.installation, c.nom
        )
    } else {
        format!(
            "Cette clé était déjà enregistrée : installation {} ({}).",
            c.installation, c.nom
        )
    })
}

fn lire_agregat(chemin: &Path) -> Result<(String, Agregat), ErreurIndicateurs> {
    let nom = chemin.display().to_string();
    let octets = crate::fichiers::lire_borne(chemin, MAX_AGREGAT_MO)?;
    let agregat = Agregat::lire(&octets, &nom)?;
    Ok((nom, agregat))
}

/// Une fusion d'agrégats demandée.
pub struct Fusion<'a> {
    pub fichiers: &'a [PathBuf],
    pub out: &'a Path,
    pub format: FormatExport,
    pub agence: Option<&'a str>,
    pub remplacer: bool,
}

/// Fusionne des fichiers d'agrégat et écrit le résultat ; renvoie le message à afficher.
pub fn fusionner(poste: &Poste, f: Fusion) -> Result<String, ErreurService> {
    let Fusion {
        fichiers,
        out,
        format,
        agence,
        remplacer,
    } = f;
    let noms = &noms(poste);
    let lus = fichiers
        .iter()
        .map(|f| lire_agregat(f))
        .collect::<Result<Vec<_>, _>>()?;
    verifier_les_cles(poste, &lus)?;
    let fusion = Agregat::fusionner(&lus).map_err(ErreurIndicateurs::from)?;
    let bornes = fusion.bornes().ok_or(ErreurIndicateurs::SansPeriode)?;
    let origine = format!(
        "fusion de {} extraction(s) de {} installation(s)",
        fusion.sources.len(),
        fusion.installations()
    );
    let octets = if format == FormatExport::Agregat {
        fusion.octets().map_err(ErreurIndicateurs::from)?
    } else {
        let p = Presentation {
            bornes,
            agence,
            masquer: true,
            origine: origine.clone(),
        };
        let t = fusion.indicateurs().map_err(ErreurIndicateurs::from)?;
        rediger(format, &t, &p, noms, None)?
    };
    let export = format!("indicateurs:fusion:{}", format.libelle());
    ecrire(poste, out, &export, &octets, remplacer)?;
    Ok(format!(
        "Fusion écrite ({}, {origine}, de {} à {}) : {}",
        format.libelle(),
        bornes.de,
        bornes.a,
        out.display()
    ))
}

/// Écrit un export dans `chemin` (dossier créé au besoin), atomiquement, jamais dans le
/// dossier de données ni par-dessus un fichier sans accord (voir `sortie`).
pub fn ecrire(
    poste: &Poste,
    chemin: &Path,
    export: &str,
    octets: &[u8],
    remplacer: bool,
) -> Result<(), ErreurService> {
    super::sortie::ecrire(&poste.store(), chemin, export, octets, remplacer)
}
