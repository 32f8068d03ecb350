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

/// Où en est un long travail de fond, puis son résultat.
#[derive(Debug, Clone)]
pub enum Avance<X> {
    Etape {
        etape: &'static str,
        fait: usize,
        total: usize,
    },
    Fin(Result<X, ErreurService>),
}

/// Comme [`en_fond`], avec l'avancement en messages ; `arret` levé, le travail s'arrête
/// à son prochain point d'avancement (il annule alors ce qu'il faisait).
pub fn en_fond_suivi<X, M>(
    arret: std::sync::Arc<std::sync::atomic::AtomicBool>,
    travail: impl FnOnce(&mut dyn FnMut(&'static str, usize, usize) -> bool) -> Result<X, ErreurService>
        + Send
        + 'static,
    vers: impl Fn(Avance<X>) -> M + Send + 'static,
) -> Task<M>
where
    X: Send + 'static,
    M: Send + 'static,
{
    use iced::futures::channel::mpsc;
    use std::sync::atomic::Ordering;
    let (tx, rx) = mpsc::unbounded();
    let fin = tx.clone();
    let lance = std::thread::Builder::new()
        .name("travail suivi".into())
        .spawn(move || {
            let mut etape = |etape, fait, total| {
                tx.unbounded_send(Avance::Etape { etape, fait, total }).ok();
                !arret.load(Ordering::Relaxed)
            };
            let r = travail(&mut etape);
            fin.unbounded_send(Avance::Fin(r)).ok();
        });
    if let Err(e) = lance {
        tracing::error!("fil de travail non lancé : {e}");
        return Task::done(vers(Avance::Fin(Err(ErreurService::Interrompue))));
    }
    Task::run(rx, vers)
}
