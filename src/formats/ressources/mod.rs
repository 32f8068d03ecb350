//! Les fichiers de ressources partenariales : import data·inclusion (v1, v0, JSON ou CSV)
//! et modèle CSV de Binôme (import et export).

pub mod import;
pub mod modele_csv;
