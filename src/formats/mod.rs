//! Les formats de fichiers échangés : import data·inclusion et modèle CSV des ressources,
//! exports des indicateurs (CSV, XLSX, JSON, rapport PDF).

pub mod audit;
pub mod cotraitance;
pub mod dossiers;
pub mod indicateurs;
pub mod paquet;
pub mod ressources;
pub mod tableau;
pub mod tableur;

use std::sync::Arc;

use crate::documents::ErreurPdf;
use crate::fichiers::ErreurFichier;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ErreurFormat {
    #[error("le classeur n'a pas pu être écrit : {0}")]
    Classeur(#[source] Arc<rust_xlsxwriter::XlsxError>),
    #[error("le fichier JSON n'a pas pu être écrit : {0}")]
    Json(#[source] Arc<serde_json::Error>),
    #[error("le fichier CSV n'a pas pu être écrit : {0}")]
    Csv(#[source] Arc<csv::Error>),
    #[error(transparent)]
    Pdf(#[from] ErreurPdf),
    #[error(transparent)]
    Fichier(#[from] ErreurFichier),
}
