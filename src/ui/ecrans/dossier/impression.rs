//! Imprimer un document du dossier : choisir où enregistrer le PDF, l'écrire, l'ouvrir.

use std::path::PathBuf;

use iced::widget::{column, row, text, text_input};
use iced::Element;

use crate::domain::dossier::{Dossier, Etape, Modalite};
use crate::pdf::documents::Modele;
use crate::ui::widgets::{self, TAILLE_TEXTE};

use super::Message;

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
        Etape::Diagnostic | Etape::SocialExclusif => {
            d.fiches.last().map(|f| Modele::FicheLiaison(f.numero))
        }
    }
    .filter(|m| disponibles(d).contains(m))
}

/// Le dossier proposé pour enregistrer les documents : « Documents/Binome ».
pub fn dossier_par_defaut() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.document_dir()
                .map(|d| d.to_path_buf())
                .unwrap_or_else(|| u.home_dir().to_path_buf())
        })
        .unwrap_or_else(std::env::temp_dir)
        .join("Binome")
}

#[derive(Debug, Clone)]
pub struct Impression {
    pub modele: Modele,
    pub chemin: String,
    pub ecrit: Option<PathBuf>,
}

impl Impression {
    pub fn new(modele: Modele, d: &Dossier) -> Impression {
        Impression {
            modele,
            chemin: dossier_par_defaut()
                .join(modele.nom_fichier(d))
                .display()
                .to_string(),
            ecrit: None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![widgets::sous_titre(format!(
            "Imprimer : {}",
            self.modele.libelle()
        ))]
        .spacing(8);
        match &self.ecrit {
            None => {
                c = c
                    .push(text("Enregistrer le PDF sous :").size(TAILLE_TEXTE))
                    .push(
                        text_input("Chemin du fichier PDF", &self.chemin)
                            .id(ID_CHEMIN)
                            .on_input(Message::CheminImpression)
                            .on_submit(Message::ConfirmerImpression)
                            .padding(6)
                            .size(TAILLE_TEXTE),
                    )
                    .push(
                        row![
                            widgets::bouton("Annuler (Échap)", Some(Message::FermerImpression)),
                            widgets::bouton(
                                "Choisir l'emplacement…",
                                Some(Message::ChoisirEmplacement)
                            ),
                            widgets::bouton_principal(
                                "Enregistrer le PDF".into(),
                                Some(Message::ConfirmerImpression)
                            ),
                        ]
                        .spacing(10),
                    );
            }
            Some(chemin) => {
                c = c.push(
                    text(format!("PDF enregistré : {}", chemin.display())).size(TAILLE_TEXTE),
                );
                if matches!(
                    self.modele,
                    Modele::Contrat | Modele::Reconduction | Modele::FicheLiaison(_)
                ) {
                    c = c.push(text("Une fois le document signé, enregistrez sa date de signature dans le dossier.").size(13));
                }
                c = c.push(
                    row![
                        widgets::bouton("Fermer", Some(Message::FermerImpression)),
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

/// La fenêtre de choix du système ; `None` si l'utilisateur annule ou si aucune n'est
/// disponible (le champ du chemin reste alors la solution).
pub async fn choisir_emplacement(propose: PathBuf) -> Option<PathBuf> {
    let mut dialogue = rfd::AsyncFileDialog::new()
        .set_title("Enregistrer le document PDF")
        .add_filter("Document PDF", &["pdf"]);
    if let Some(dossier) = propose.parent() {
        dialogue = dialogue.set_directory(dossier);
    }
    if let Some(nom) = propose.file_name() {
        dialogue = dialogue.set_file_name(nom.to_string_lossy());
    }
    dialogue.save_file().await.map(|f| f.path().to_path_buf())
}

/// Ouvre le document avec la visionneuse du système.
pub fn ouvrir(chemin: &std::path::Path) -> Result<(), String> {
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
        .map_err(|e| {
            format!(
                "Le document n'a pas pu être ouvert ({e}) : ouvrez-le depuis {}.",
                chemin.display()
            )
        })
}
