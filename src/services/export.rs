//! L'export des dossiers de l'utilisateur (ceux qu'il voit : les siens et ceux qui lui sont
//! délégués), tous ou ceux que le portefeuille montre filtrés, en CSV ou en XLSX ;
//! l'identifiant France Travail masqué sauf demande. L'export est inscrit au journal d'audit.

use std::path::Path;

use uuid::Uuid;

use super::{ErreurService, Poste};
use crate::domain::audit::ActionAudit;
use crate::formats::dossiers;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatExport {
    Csv,
    Xlsx,
}

impl FormatExport {
    /// Le format que dit l'extension du fichier (`.xlsx`, sinon CSV).
    pub fn du_chemin(chemin: &Path) -> FormatExport {
        match chemin.extension() {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => FormatExport::Xlsx,
            _ => FormatExport::Csv,
        }
    }
}

/// Écrit les dossiers (`seulement` : ceux-là, dans cet ordre) ; rend leur nombre.
pub fn exporter_dossiers(
    poste: &Poste,
    seulement: Option<&[Uuid]>,
    format: FormatExport,
    chemin: &Path,
    identifiants: bool,
    remplacer: bool,
) -> Result<usize, ErreurService> {
    let store = poste.store();
    let mut visibles = poste.portefeuille(&store)?;
    if let Some(ids) = seulement {
        let rang: std::collections::HashMap<Uuid, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        visibles.retain(|r| rang.contains_key(&r.id));
        visibles.sort_by_key(|r| rang.get(&r.id).copied());
    }
    let mut complets = Vec::with_capacity(visibles.len());
    for r in visibles {
        if let Some(d) = store.dossier(r.id)? {
            complets.push((r, d));
        }
    }
    let visibles = complets;
    let octets = match format {
        FormatExport::Csv => dossiers::csv(&visibles, identifiants),
        FormatExport::Xlsx => dossiers::xlsx(&visibles, identifiants)?,
    };
    super::sortie::ecrire(&store, chemin, "dossiers", &octets, remplacer)?;
    drop(store);
    poste.auditer(ActionAudit::Export, None);
    Ok(visibles.len())
}
