//! Ce que la ligne de commande dit quand elle ne peut pas faire ce qui est demandé : une
//! erreur des couches du dessous, telle quelle, ou une ligne de commande à corriger.

use crate::domain::structures::ErreurStructures;
use crate::fichiers::ErreurFichier;
use crate::formats::ressources::import::ErreurImport;
use crate::services::indicateurs::ErreurIndicateurs;
use crate::services::ErreurService;
use crate::store::ErreurStore;

#[derive(Debug, thiserror::Error)]
pub enum ErreurCli {
    #[error(transparent)]
    Service(#[from] ErreurService),
    /// Ce qui a été tapé ne convient pas ; le message dit comment le corriger.
    #[error("{0}")]
    Usage(String),
    #[error("la sortie n'a pas pu être écrite : {0}")]
    Sortie(#[source] std::io::Error),
    #[error(transparent)]
    Fenetre(#[from] crate::ui::ErreurFenetre),
}

impl From<String> for ErreurCli {
    fn from(message: String) -> Self {
        ErreurCli::Usage(message)
    }
}

impl From<&str> for ErreurCli {
    fn from(message: &str) -> Self {
        ErreurCli::Usage(message.to_string())
    }
}

macro_rules! par_le_service {
    ($($t:ty),*) => {$(
        impl From<$t> for ErreurCli {
            fn from(e: $t) -> Self {
                ErreurCli::Service(e.into())
            }
        }
    )*};
}
par_le_service!(
    ErreurStore,
    ErreurFichier,
    ErreurImport,
    ErreurIndicateurs,
    ErreurStructures,
    crate::documents::ErreurPdf
);
