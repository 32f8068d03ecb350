//! Effacer un dossier clôturé à la demande de la personne : le professionnel qui la suit
//! saisit la date de la demande, un administrateur confirme (son identifiant et son mot de
//! passe, sur ce poste), l'attestation PDF s'écrit, puis tout s'efface.

use std::path::PathBuf;

use iced::widget::{column, row, text};
use iced::{Element, Task};
use uuid::Uuid;

use crate::domain::date::{date_fr, lire_date};
use crate::domain::dossier::Dossier;
use crate::services::effacement::{effacer_a_la_demande, Demande, JOURS_SAUVEGARDES};
use crate::services::espace::dossier_des_documents;
use crate::services::session::Session;
use crate::services::{ErreurService, RapportEffacement};
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_DATE: &str = "effacement-date";
const ID_ADMIN: &str = "effacement-admin";
const ID_MDP: &str = "effacement-mdp";
const ID_CHEMIN: &str = "effacement-chemin";

#[derive(Debug, Clone)]
pub enum Message {
    Ouvrir,
    Date(String),
    Administrateur(String),
    MotDePasse(String),
    Chemin(String),
    ChoisirEmplacement,
    EmplacementChoisi(Option<PathBuf>),
    Confirmer,
    Remplacer,
    Efface(Result<(RapportEffacement, PathBuf), ErreurService>),
    Fermer,
}

pub enum Sortie {
    Aucune,
    Tache(Task<Message>),
    /// Le dossier n'existe plus : ce message le dit, avec l'attestation.
    Efface(String, PathBuf),
}

#[derive(Debug, Clone, Default)]
pub struct Formulaire {
    date: String,
    administrateur: String,
    mot_de_passe: String,
    chemin: String,
    erreur: Option<String>,
    en_cours: bool,
    a_remplacer: bool,
}

#[derive(Default)]
pub struct Panneau {
    pub ouvert: Option<Formulaire>,
    /// Un jeune en cotraitance (ses chiffres se calculent sans lui une fois effacé), pas un
    /// dossier d'accompagnement global (dont les indicateurs gardent les comptes).
    pub cotraitance: bool,
}

/// Vrai si l'utilisateur peut demander l'effacement : dossier clôturé, qu'il suit lui-même.
pub fn possible(d: &Dossier, session: &Session) -> bool {
    let Some(u) = session.utilisateur() else {
        return false;
    };
    d.cloture.is_some()
        && [d.conseiller.as_ref(), d.referent.as_ref()]
            .into_iter()
            .flatten()
            .any(|m| m.id == u.id)
}

impl Panneau {
    pub fn update(
        &mut self,
        m: Message,
        id: Uuid,
        nom_attestation: Option<String>,
        session: &Session,
    ) -> Sortie {
        match m {
            Message::Ouvrir => {
                if let Some(nom) = nom_attestation {
                    self.ouvert = Some(Formulaire {
                        date: date_fr(session.aujourdhui()),
                        chemin: dossier_des_documents().join(nom).display().to_string(),
                        ..Formulaire::default()
                    });
                    return Sortie::Tache(crate::ui::defilement::vers(ID_DATE));
                }
            }
            Message::Fermer => self.ouvert = None,
            Message::ChoisirEmplacement => {
                if let Some(f) = &self.ouvert {
                    return Sortie::Tache(Task::perform(
                        super::impression::choisir_emplacement(PathBuf::from(f.chemin.trim())),
                        Message::EmplacementChoisi,
                    ));
                }
            }
            Message::Confirmer => return self.lancer(id, session, false),
            Message::Remplacer => return self.lancer(id, session, true),
            Message::Efface(r) => {
                let Some(f) = &mut self.ouvert else {
                    return Sortie::Aucune;
                };
                f.en_cours = false;
                f.mot_de_passe.clear();
                match r {
                    Ok((rapport, chemin)) => {
                        self.ouvert = None;
                        let indicateurs = if self.cotraitance {
                            "Les chiffres de la cotraitance se calculent désormais sans elle."
                        } else {
                            "Les indicateurs gardent leurs comptes, sans elle."
                        };
                        return Sortie::Efface(
                            format!(
                                "Les données de la personne sont effacées ({} entrée(s) de la chronologie). {indicateurs} Les sauvegardes automatiques qui la contiennent encore seront remplacées d'ici {JOURS_SAUVEGARDES} jours. Remettez-lui l'attestation signée.",
                                rapport.evenements
                            ),
                            chemin,
                        );
                    }
                    Err(ErreurService::SortieExistante { .. }) => f.a_remplacer = true,
                    Err(e) => f.erreur = Some(e.to_string()),
                }
            }
            autre => {
                let Some(f) = &mut self.ouvert else {
                    return Sortie::Aucune;
                };
                match autre {
                    Message::Date(t) => f.date = t,
                    Message::Administrateur(t) => f.administrateur = t,
                    Message::MotDePasse(t) => f.mot_de_passe = t,
                    Message::Chemin(t) => {
                        f.chemin = t;
                        f.a_remplacer = false;
                    }
                    Message::EmplacementChoisi(Some(c)) => f.chemin = c.display().to_string(),
                    _ => {}
                }
            }
        }
        Sortie::Aucune
    }

    fn lancer(&mut self, id: Uuid, session: &Session, remplacer: bool) -> Sortie {
        let Some(f) = &mut self.ouvert else {
            return Sortie::Aucune;
        };
        if f.en_cours {
            return Sortie::Aucune;
        }
        let demande_le = match lire_date(&f.date) {
            Ok(j) => j,
            Err(e) => {
                f.erreur = Some(format!("Date de la demande : {e}"));
                return Sortie::Tache(crate::ui::defilement::vers(ID_DATE));
            }
        };
        if f.administrateur.trim().is_empty() || f.mot_de_passe.is_empty() {
            f.erreur = Some("Un administrateur du poste confirme l'effacement : son identifiant et son mot de passe.".into());
            return Sortie::Tache(crate::ui::defilement::vers(ID_ADMIN));
        }
        let chemin = PathBuf::from(f.chemin.trim());
        if chemin.as_os_str().is_empty() {
            f.erreur = Some("Indiquez où enregistrer l'attestation.".into());
            return Sortie::Tache(crate::ui::defilement::vers(ID_CHEMIN));
        }
        f.erreur = None;
        f.en_cours = true;
        f.a_remplacer = false;
        let (espace, poste) = (session.espace().clone(), session.poste());
        let (administrateur, mot_de_passe) =
            (f.administrateur.trim().to_string(), f.mot_de_passe.clone());
        Sortie::Tache(en_fond(
            move || {
                effacer_a_la_demande(
                    &espace,
                    &poste,
                    &Demande {
                        dossier: id,
                        demande_le,
                        administrateur: &administrateur,
                        mot_de_passe: &mot_de_passe,
                        attestation: &chemin,
                        remplacer,
                    },
                )
                .map(|r| (r, chemin.clone()))
            },
            Message::Efface,
        ))
    }
}

impl Formulaire {
    /// `cotraitance` : un jeune en cotraitance plutôt qu'un dossier d'accompagnement global.
    pub fn view(&self, cotraitance: bool) -> Element<'_, Message> {
        let quoi = if cotraitance {
            "Le jeune s'oppose au traitement de ses données et en demande l'effacement. Tout ce qui le concerne quitte Binôme : identité, affectation, entretiens, alertes, inscription, sortie, documents retenus. Les chiffres de la cotraitance se calculeront sans lui. C'est définitif : imprimez avant, si besoin, « Ses données (droit d'accès) » pour le lui remettre."
        } else {
            "La personne s'oppose au traitement de ses données et en demande l'effacement. Tout ce qui la concerne quitte Binôme : identité, diagnostics, fiches, contrat, carnet, notes, brouillons. Les indicateurs gardent leurs comptes, sans elle. C'est définitif : imprimez avant, si besoin, le relevé « Données de la personne » pour le lui remettre."
        };
        let mut c = column![
            widgets::sous_titre("Effacer à la demande de la personne"),
            text(quoi).size(TAILLE_TEXTE),
            widgets::champ(
                "Date de la demande (jj/mm/aaaa)",
                ID_DATE,
                &self.date,
                "jj/mm/aaaa",
                None,
                Message::Date
            ),
            text("Confirmation par un administrateur du poste (un autre compte que le vôtre) :")
                .size(TAILLE_TEXTE),
            widgets::champ(
                "Identifiant de l'administrateur",
                ID_ADMIN,
                &self.administrateur,
                "",
                None,
                Message::Administrateur
            ),
            widgets::champ_secret(
                "Son mot de passe",
                ID_MDP,
                &self.mot_de_passe,
                Message::MotDePasse,
                Some(Message::Confirmer)
            ),
            widgets::champ(
                "Attestation d'effacement (PDF) à enregistrer sous",
                ID_CHEMIN,
                &self.chemin,
                "chemin du fichier PDF",
                None,
                Message::Chemin
            ),
        ]
        .spacing(8);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        c = c.push(
            row![
                widgets::bouton("Annuler (Échap)", Some(Message::Fermer)),
                widgets::bouton("Choisir l'emplacement…", Some(Message::ChoisirEmplacement)),
                widgets::bouton_principal(
                    if self.en_cours {
                        "Effacement en cours…".into()
                    } else {
                        "Effacer définitivement".into()
                    },
                    (!self.en_cours).then_some(Message::Confirmer)
                ),
            ]
            .spacing(10),
        );
        if self.a_remplacer {
            c = c.push(widgets::remplacer(
                self.chemin.trim(),
                Message::Remplacer,
                Message::Chemin(self.chemin.clone()),
                "Garder l'existant et changer le nom",
            ));
        }
        widgets::carte(c)
    }
}
