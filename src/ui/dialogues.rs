//! Les fenêtres de choix de fichier du système (rfd). Annulées, ou indisponibles (aucun
//! portail de bureau), elles rendent `None` : le champ du chemin reste la solution.

use std::path::PathBuf;

/// « Enregistrer sous » : un fichier de ce type, proposé à cet endroit et sous ce nom.
pub async fn enregistrer_sous(
    titre: &str,
    filtre: &str,
    extension: &str,
    propose: PathBuf,
) -> Option<PathBuf> {
    let mut dialogue = rfd::AsyncFileDialog::new()
        .set_title(titre)
        .add_filter(filtre, &[extension]);
    if let Some(dossier) = propose.parent() {
        dialogue = dialogue.set_directory(dossier);
    }
    if let Some(nom) = propose.file_name() {
        dialogue = dialogue.set_file_name(nom.to_string_lossy());
    }
    dialogue.save_file().await.map(|f| f.path().to_path_buf())
}

/// « Ouvrir » : un fichier de l'un de ces types.
pub async fn ouvrir_parmi(titre: &str, filtre: &str, extensions: &[&str]) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(titre)
        .add_filter(filtre, extensions)
        .pick_file()
        .await
        .map(|f| f.path().to_path_buf())
}

/// « Ouvrir » : un fichier de ce type.
pub async fn ouvrir(titre: &str, filtre: &str, extension: &str) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(titre)
        .add_filter(filtre, &[extension])
        .pick_file()
        .await
        .map(|f| f.path().to_path_buf())
}
