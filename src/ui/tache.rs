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
