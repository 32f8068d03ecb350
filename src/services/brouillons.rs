//! Les brouillons des formulaires, écrits hors du fil de la fenêtre : une frappe ne fait que
//! poser la saisie ici ; un fil à part l'écrit dans la base 500 ms après la dernière frappe
//! (une écriture durable coûte un fsync). `vider` écrit tout de suite ce qui attend : en
//! quittant un formulaire, en fermant la fenêtre, et à la fin de la session.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::poste::{verrouiller, BasePartagee};

/// Délai entre la dernière frappe et l'écriture du brouillon.
pub const DELAI: Duration = Duration::from_millis(500);

enum Ordre {
    /// Quelque chose attend : revoir l'heure de la prochaine écriture.
    Reveil,
    /// Écrire maintenant tout ce qui attend, puis répondre.
    Vider(Sender<()>),
}

/// Un brouillon à écrire (`Some(json)`) ou à effacer (`None`), et quand.
#[derive(Clone, PartialEq)]
struct Attente {
    contenu: Option<String>,
    echeance: Instant,
}

/// Ce qui attend d'être écrit, par clé : la seule trace de ce qui n'est pas encore en base,
/// lue aussi par la fenêtre.
type EnAttente = Arc<Mutex<HashMap<String, Attente>>>;

pub struct Brouillons {
    ordres: Option<Sender<Ordre>>,
    en_attente: EnAttente,
    fil: Option<JoinHandle<()>>,
    derniere_erreur: Arc<Mutex<Option<String>>>,
}

impl Brouillons {
    pub fn demarrer(base: BasePartagee) -> Brouillons {
        let (tx, rx) = mpsc::channel();
        let en_attente: EnAttente = Arc::default();
        let derniere_erreur = Arc::new(Mutex::new(None));
        let fil = {
            let en_attente = en_attente.clone();
            let erreur = derniere_erreur.clone();
            std::thread::Builder::new()
                .name("brouillons".into())
                .spawn(move || ecrivain(rx, base, en_attente, erreur))
        };
        let fil = match fil {
            Ok(f) => Some(f),
            Err(e) => {
                tracing::error!("fil des brouillons non démarré : {e}");
                None
            }
        };
        Brouillons {
            ordres: fil.as_ref().map(|_| tx),
            en_attente,
            fil,
            derniere_erreur,
        }
    }

    fn envoyer(&self, o: Ordre) {
        let envoye = self.ordres.as_ref().map(|t| t.send(o).is_ok());
        if envoye != Some(true) {
            tracing::error!("brouillon non transmis : le fil des brouillons est arrêté");
        }
    }

    /// Garde la saisie : elle sera écrite `DELAI` après cette frappe, si aucune autre ne suit.
    pub fn garder(&self, cle: &str, json: String) {
        self.poser(cle, Some(json), Instant::now() + DELAI);
    }

    /// Efface le brouillon, sans attendre.
    pub fn effacer(&self, cle: &str) {
        self.poser(cle, None, Instant::now());
    }

    fn poser(&self, cle: &str, contenu: Option<String>, echeance: Instant) {
        self.attente()
            .insert(cle.to_string(), Attente { contenu, echeance });
        self.envoyer(Ordre::Reveil);
    }

    /// Ce qui attend pour `cle` : `Some(Some(json))` à écrire, `Some(None)` à effacer,
    /// `None` si rien n'attend (la base fait foi).
    pub fn en_attente(&self, cle: &str) -> Option<Option<String>> {
        self.attente().get(cle).map(|a| a.contenu.clone())
    }

    /// Écrit tout de suite ce qui attend et attend que ce soit fait.
    pub fn vider(&self) {
        self.vidange()();
    }

    /// De quoi écrire ce qui attend depuis un autre fil (à la fermeture de la fenêtre).
    pub fn vidange(&self) -> impl FnOnce() + Send + 'static {
        let ordres = self.ordres.clone();
        move || {
            let (tx, rx) = mpsc::channel();
            let envoye = ordres.is_some_and(|o| o.send(Ordre::Vider(tx)).is_ok());
            if !envoye || rx.recv().is_err() {
                tracing::error!("brouillons non vidés : le fil des brouillons est arrêté");
            }
        }
    }

    /// La dernière écriture de brouillon qui a échoué, pour la dire à l'utilisateur.
    pub fn derniere_erreur(&self) -> Option<String> {
        self.derniere_erreur
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn attente(&self) -> MutexGuard<'_, HashMap<String, Attente>> {
        self.en_attente
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Brouillons {
    fn drop(&mut self) {
        // Fermer le canal fait écrire ce qui attend, puis arrête le fil.
        self.ordres.take();
        if let Some(f) = self.fil.take() {
            if f.join().is_err() {
                tracing::error!("le fil des brouillons s'est arrêté sur une erreur");
            }
        }
    }
}

fn ecrivain(
    ordres: Receiver<Ordre>,
    base: BasePartagee,
    en_attente: EnAttente,
    erreur: Arc<Mutex<Option<String>>>,
) {
    let attente = || en_attente.lock().unwrap_or_else(PoisonError::into_inner);
    // Écrit ce qui est échu (ou tout) ; ce qui a été retapé entre-temps attend toujours.
    let ecrire = |tout: bool| {
        let maintenant = Instant::now();
        let echus: Vec<(String, Attente)> = attente()
            .iter()
            .filter(|(_, a)| tout || a.echeance <= maintenant)
            .map(|(c, a)| (c.clone(), a.clone()))
            .collect();
        for (cle, a) in echus {
            let store = verrouiller(&base);
            let r = match &a.contenu {
                Some(json) => store.enregistrer_brouillon_json(&cle, json),
                None => store.effacer_brouillon(&cle),
            };
            drop(store);
            let mut en_cours = attente();
            if en_cours.get(&cle) == Some(&a) {
                en_cours.remove(&cle);
            }
            drop(en_cours);
            if let Err(e) = r {
                tracing::error!("brouillon non écrit : {e}");
                *erreur.lock().unwrap_or_else(PoisonError::into_inner) = Some(e.to_string());
            }
        }
    };
    loop {
        let prochaine = attente().values().map(|a| a.echeance).min();
        let ordre = match prochaine {
            Some(t) => ordres.recv_timeout(t.saturating_duration_since(Instant::now())),
            None => ordres.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match ordre {
            Ok(Ordre::Reveil) | Err(RecvTimeoutError::Timeout) => ecrire(false),
            Ok(Ordre::Vider(reponse)) => {
                ecrire(true);
                // Personne n'attend plus la réponse : rien à faire.
                reponse.send(()).ok();
            }
            Err(RecvTimeoutError::Disconnected) => {
                ecrire(true);
                return;
            }
        }
    }
}
