//! Imprimer un document du dossier : choisir où enregistrer le PDF, l'écrire (hors du fil
//! de la fenêtre), l'ouvrir.

use std::path::PathBuf;

use iced::widget::{column, row, text, text_input};
use iced::{Element, Task};
use uuid::Uuid;

use crate::domain::dossier::{Dossier, Etape, Modalite};
use crate::services::espace::dossier_des_documents;
use crate::services::impression::{Modele, Travail};
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvrir le panneau d'impression de ce document.
    Preparer(Modele),
    /// Ouvrir le panneau du relevé « Données de la personne » (PDF et JSON).
    PreparerReleve,
    /// Ctrl+P : le document de l'étape.
    DuMoment,
    Chemin(String),
    ChoisirEmplacement,
    EmplacementChoisi(Option<PathBuf>),
    Confirmer,
    /// Le fichier existe : l'utilisateur accepte de le remplacer.
    Remplacer,
    /// Le fichier existe : l'utilisateur le garde et change de nom.
    GarderExistant,
    Imprime(Result<PathBuf, ErreurService>),
    Fermer,
    OuvrirDocument(PathBuf),
}

/// Ce que l'impression demande à l'écran du dossier.
pub enum Sortie {
    Aucune,
    Tache(Task<Message>),
    /// Le document est écrit et noté au journal : le dossier a changé.
    Imprime,
    Erreur(String),
    Information(String),
}

/// Le panneau d'impression : ouvert ou non, et ce qu'on y fait.
#[derive(Default)]
pub struct Panneau {
    pub ouvert: Option<Impression>,
}

impl Panneau {
    pub fn update(
        &mut self,
        m: Message,
        id: Uuid,
        dossier: Option<&Dossier>,
        session: &Session,
    ) -> Sortie {
        match m {
            Message::Preparer(modele) => {
                if let Some(d) = dossier {
                    self.ouvert = Some(Impression::new(Quoi::Document(modele), d));
                }
            }
            Message::PreparerReleve => {
                if let Some(d) = dossier {
                    self.ouvert = Some(Impression::new(Quoi::Releve, d));
                }
            }
            Message::DuMoment => match dossier.and_then(document_du_moment) {
                Some(modele) => {
                    return self.update(Message::Preparer(modele), id, dossier, session)
                }
                None => {
                    return Sortie::Erreur(
                        "Aucun document à imprimer pour ce dossier à cette étape.".into(),
                    )
                }
            },
            Message::Chemin(c) => {
                if let Some(i) = &mut self.ouvert {
                    i.chemin = c;
                    i.a_remplacer = false;
                }
            }
            Message::GarderExistant => {
                if let Some(i) = &mut self.ouvert {
                    i.a_remplacer = false;
                }
                return Sortie::Tache(crate::ui::defilement::vers(ID_CHEMIN));
            }
            Message::Fermer => self.ouvert = None,
            Message::OuvrirDocument(chemin) => {
                if let Err(e) = ouvrir(&chemin) {
                    return Sortie::Erreur(e.to_string());
                }
            }
            Message::ChoisirEmplacement => {
                if let Some(i) = &self.ouvert {
                    let propose = PathBuf::from(i.chemin.trim());
                    return Sortie::Tache(Task::perform(
                        choisir_emplacement(propose),
                        Message::EmplacementChoisi,
                    ));
                }
            }
            Message::EmplacementChoisi(choix) => match (choix, &mut self.ouvert) {
                (Some(chemin), Some(i)) => i.chemin = chemin.display().to_string(),
                (None, Some(_)) => {
                    return Sortie::Information("Aucun emplacement choisi : indiquez le chemin du fichier dans le champ, puis « Enregistrer le PDF ».".into());
                }
                _ => {}
            },
            Message::Confirmer => return self.lancer(id, session, false),
            Message::Remplacer => return self.lancer(id, session, true),
            Message::Imprime(r) => {
                if let Some(i) = &mut self.ouvert {
                    i.en_cours = false;
                }
                return match r {
                    Ok(chemin) => {
                        if let Some(i) = &mut self.ouvert {
                            i.ecrit = Some(chemin);
                            i.a_remplacer = false;
                        }
                        Sortie::Imprime
                    }
                    Err(ErreurService::SortieExistante { .. }) => {
                        if let Some(i) = &mut self.ouvert {
                            i.a_remplacer = true;
                        }
                        Sortie::Aucune
                    }
                    Err(e) => Sortie::Erreur(e.to_string()),
                };
            }
        }
        Sortie::Aucune
    }

    /// Écrit le document hors de la fenêtre ; un fichier existant n'est remplacé qu'avec
    /// l'accord de l'utilisateur (`remplacer`).
    fn lancer(&mut self, id: Uuid, session: &Session, remplacer: bool) -> Sortie {
        let Some(i) = &mut self.ouvert else {
            return Sortie::Aucune;
        };
        if i.en_cours {
            return Sortie::Aucune;
        }
        let chemin = PathBuf::from(i.chemin.trim());
        if chemin.as_os_str().is_empty() {
            return Sortie::Erreur("Indiquez où enregistrer le PDF.".into());
        }
        i.en_cours = true;
        i.a_remplacer = false;
        match i.quoi {
            Quoi::Document(modele) => {
                let travail = Travail::new(session.poste(), id, modele, chemin, remplacer);
                Sortie::Tache(en_fond(move || travail.executer(), Message::Imprime))
            }
            Quoi::Releve => {
                let poste = session.poste();
                Sortie::Tache(en_fond(
                    move || {
                        let json = chemin.with_extension("json");
                        crate::services::personne::exporter(
                            &poste,
                            id,
                            &chemin,
                            Some(&json),
                            remplacer,
                        )
                        .map(|()| chemin)
                    },
                    Message::Imprime,
                ))
            }
        }
    }
}

pub const ID_CHEMIN: &str = "impression-chemin";

/// Les documents que ce dossier permet d'imprimer.
pub fn disponibles(d: &Dossier) -> Vec<Modele> {
    let mut v = Vec::new();
    if d.modalite == Modalite::AccompagnementGlobal {
        v.push(Modele::Contrat);
        v.push(Modele::Carnet);
    }
    v.extend(d.fiches.iter().map(|f| Modele::FicheLiaison(f.numero)));
    if d.reconduction.is_some() {
        v.push(Modele::Reconduction);
    }
    if d.cloture.is_some() {
        v.push(Modele::Sortie);
    }
    v
}

/// Le document qu'on imprime d'ordinaire à cette étape (Ctrl+P).
pub fn document_du_moment(d: &Dossier) -> Option<Modele> {
    match d.etape() {
        Etape::Cloture => Some(Modele::Sortie),
        Etape::Valide => Some(Modele::Contrat),
        Etape::Accompagnement => Some(if d.reconduction.is_some() {
            Modele::Reconduction
        } else {
            Modele::Carnet
        }),
        Etape::Diagnostic | Etape::SocialExclusif | Etape::Reoriente => {
            d.fiches.last().map(|f| Modele::FicheLiaison(f.numero))
        }
    }
    .filter(|m| disponibles(d).contains(m))
}

/// Ce que le panneau écrit : un document du dossier, ou le relevé des données de la
/// personne (son droit d'accès).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoi {
    Document(Modele),
    Releve,
}

impl Quoi {
    fn libelle(self) -> String {
        match self {
            Quoi::Document(m) => m.libelle(),
            Quoi::Releve => "Données de la personne (relevé PDF, et son double JSON)".into(),
        }
    }

    fn nom_fichier(self, d: &Dossier) -> String {
        match self {
            Quoi::Document(m) => m.nom_fichier(d),
            Quoi::Releve => crate::services::personne::nom_fichier(d),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Impression {
    pub quoi: Quoi,
    pub chemin: String,
    pub ecrit: Option<PathBuf>,
    /// Le document s'écrit : on ne le relance pas deux fois.
    pub en_cours: bool,
    /// Le fichier choisi existe déjà : la question est posée.
    pub a_remplacer: bool,
}

impl Impression {
    pub fn new(quoi: Quoi, d: &Dossier) -> Impression {
        Impression {
            quoi,
            chemin: dossier_des_documents()
                .join(quoi.nom_fichier(d))
                .display()
                .to_string(),
            ecrit: None,
            en_cours: false,
            a_remplacer: false,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![widgets::sous_titre(format!(
            "Imprimer : {}",
            self.quoi.libelle()
        ))]
        .spacing(8);
        match &self.ecrit {
            None => {
                c = c
                    .push(text("Enregistrer le PDF sous :").size(TAILLE_TEXTE))
                    .push(
                        text_input("Chemin du fichier PDF", &self.chemin)
                            .id(ID_CHEMIN)
                            .on_input(Message::Chemin)
                            .on_submit(Message::Confirmer)
                            .padding(6)
                            .size(TAILLE_TEXTE),
                    )
                    .push(
                        row![
                            widgets::bouton("Annuler (Échap)", Some(Message::Fermer)),
                            widgets::bouton(
                                "Choisir l'emplacement…",
                                Some(Message::ChoisirEmplacement)
                            ),
                            widgets::bouton_principal(
                                "Enregistrer le PDF".into(),
                                Some(Message::Confirmer)
                            ),
                        ]
                        .spacing(10),
                    );
                if self.a_remplacer {
                    c = c.push(widgets::remplacer(
                        self.chemin.trim(),
                        Message::Remplacer,
                        Message::GarderExistant,
                        "Garder l'existant et changer le nom",
                    ));
                }
            }
            Some(chemin) => {
                c = c.push(
                    text(format!("PDF enregistré : {}", chemin.display())).size(TAILLE_TEXTE),
                );
                if self.quoi == Quoi::Releve {
                    c = c.push(
                        text(format!(
                            "Son double en JSON, pour un traitement par machine : {}",
                            chemin.with_extension("json").display()
                        ))
                        .size(13),
                    );
                }
                if matches!(
                    self.quoi,
                    Quoi::Document(
                        Modele::Contrat | Modele::Reconduction | Modele::FicheLiaison(_)
                    )
                ) {
                    c = c.push(text("Une fois le document signé, enregistrez sa date de signature dans le dossier.").size(13));
                }
                c = c.push(
                    row![
                        widgets::bouton("Fermer", Some(Message::Fermer)),
                        widgets::bouton_principal(
                            "Ouvrir le document".into(),
                            Some(Message::OuvrirDocument(chemin.clone()))
                        ),
                    ]
                    .spacing(10),
                );
            }
        }
        widgets::carte(c)
    }
}

/// Où enregistrer le document PDF (fenêtre du système).
pub async fn choisir_emplacement(propose: PathBuf) -> Option<PathBuf> {
    crate::ui::dialogues::enregistrer_sous(
        "Enregistrer le document PDF",
        "Document PDF",
        "pdf",
        propose,
    )
    .await
}

#[derive(Debug, thiserror::Error)]
#[error("Aucune visionneuse de PDF n'a pu être lancée : le document est enregistré dans {chemin}, ouvrez-le depuis ce dossier.")]
pub struct ErreurOuverture {
    chemin: String,
    #[source]
    source: std::io::Error,
}

/// Ouvre le document avec la visionneuse du système.
pub fn ouvrir(chemin: &std::path::Path) -> Result<(), ErreurOuverture> {
    let commande = if cfg!(target_os = "windows") {
        (
            "cmd",
            vec![
                "/C".to_string(),
                "start".into(),
                String::new(),
                chemin.display().to_string(),
            ],
        )
    } else if cfg!(target_os = "macos") {
        ("open", vec![chemin.display().to_string()])
    } else {
        ("xdg-open", vec![chemin.display().to_string()])
    };
    std::process::Command::new(commande.0)
        .args(&commande.1)
        .spawn()
        .map(|_| ())
        .map_err(|source| ErreurOuverture {
            chemin: chemin.display().to_string(),
            source,
        })
}
