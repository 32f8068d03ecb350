//! Le travail qui touche le disque (documents, imports, exports, calculs) se fait hors du
//! fil de la fenêtre : un fil à part, puis un message avec le résultat.

use iced::futures::channel::oneshot;
use iced::Task;

use crate::services::ErreurService;

/// Lance `travail` sur un fil à part ; `vers` fait du résultat un message de l'écran.
pub fn en_fond<X, M>(
    travail: impl FnOnce() -> Result<X, ErreurService> + Send + 'static,
    vers: impl FnOnce(Result<X, ErreurService>) -> M + Send + 'static,
) -> Task<M>
where
    X: Send + 'static,
    M: Send + 'static,
{
    Task::perform(
        async move {
            let (tx, rx) = oneshot::channel();
            let lance = std::thread::Builder::new()
                .name("travail".into())
                .spawn(move || {
                    // La fenêtre a pu se fermer entre-temps : personne n'attend plus.
                    tx.send(travail()).ok();
                });
            match lance {
                Ok(_) => rx.await.unwrap_or(Err(ErreurService::Interrompue)),
                Err(e) => {
                    tracing::error!("fil de travail non lancé : {e}");
                    Err(ErreurService::Interrompue)
                }
            }
        },
        vers,
    )
}

/// Ce qu'une tâche de fond remet à la fenêtre sans pouvoir le copier (une session ouverte) :
/// les messages se clonent, le colis se partage et ne s'ouvre qu'une fois.
pub struct Colis<T>(std::sync::Arc<std::sync::Mutex<Option<T>>>);

impl<T> Colis<T> {
    pub fn new(contenu: T) -> Colis<T> {
        Colis(std::sync::Arc::new(std::sync::Mutex::new(Some(contenu))))
    }

    /// Le contenu, la première fois seulement.
    pub fn prendre(&self) -> Option<T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl<T> Clone for Colis<T> {
    fn clone(&self) -> Self {
        Colis(self.0.clone())
    }
}

impl<T> std::fmt::Debug for Colis<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Colis(…)")
    }
}
