//! Importer (data·inclusion, modèle CSV) et exporter la base de ressources depuis la
//! fenêtre : d'abord un essai à blanc avec son rapport, puis l'import, tout ou rien.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use iced::widget::{column, progress_bar, row, scrollable, text};
use iced::{Element, Length, Task};

use crate::services::ressources::{exporter, importer};
use crate::services::session::Session;
use crate::services::{ErreurService, RapportImport};
use crate::ui::tache::{en_fond, en_fond_suivi, Avance};
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_EXPORT: &str = "ressources-export";

#[derive(Debug, Clone)]
pub enum Message {
    Fichiers(String),
    Choisir,
    Choisis(Vec<PathBuf>),
    Verifier,
    Importer,
    /// Où en est la lecture (à blanc ou non) de ces fichiers, puis son rapport.
    Lu {
        fichiers: String,
        essai: bool,
        avance: Avance<RapportImport>,
    },
    Annuler,
    CheminExport(String),
    Exporter,
    /// Le fichier existe : l'utilisateur accepte de le remplacer.
    Remplacer,
    /// Le fichier existe : l'utilisateur le garde et change de nom.
    GarderExistant,
    Exporte(PathBuf, Result<usize, ErreurService>),
    Fermer,
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    /// La base a changé : relancer la recherche.
    Importe,
    Fermer,
}

pub struct Echange {
    /// Chemins séparés par « ; ».
    fichiers: String,
    chemin_export: String,
    rapport: Option<RapportImport>,
    /// Le rapport affiché est celui de ces fichiers, à blanc et sans erreur.
    verifie: Option<String>,
    erreur: Option<String>,
    info: Option<String>,
    /// Une lecture ou un export est en cours : les boutons attendent.
    en_cours: bool,
    /// Le fichier d'export existe déjà : la question est posée.
    a_remplacer: bool,
    progres: Option<(&'static str, usize, usize)>,
    arret: Arc<AtomicBool>,
}

impl Echange {
    pub fn new() -> Echange {
        Echange {
            fichiers: String::new(),
            chemin_export: crate::services::espace::dossier_des_documents()
                .join("ressources.csv")
                .display()
                .to_string(),
            rapport: None,
            verifie: None,
            erreur: None,
            info: None,
            en_cours: false,
            a_remplacer: false,
            progres: None,
            arret: Arc::new(AtomicBool::new(false)),
        }
    }

    fn chemins(&self) -> Vec<PathBuf> {
        self.fichiers
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    /// Lit les fichiers hors de la fenêtre : à blanc (`essai`) ou pour de bon.
    fn lire(&mut self, session: &Session, essai: bool) -> Action {
        let chemins = self.chemins();
        if chemins.is_empty() {
            self.erreur = Some("Indiquez le ou les fichiers à importer (« Choisir… » ou chemin, séparés par « ; »).".into());
            return Action::Aucune;
        }
        self.en_cours = true;
        self.progres = None;
        self.arret = Arc::new(AtomicBool::new(false));
        let poste = session.poste();
        let fichiers = self.fichiers.clone();
        Action::Tache(en_fond_suivi(
            self.arret.clone(),
            move |p| importer(&poste, &chemins, essai, p),
            move |avance| Message::Lu {
                fichiers: fichiers.clone(),
                essai,
                avance,
            },
        ))
    }

    pub fn update(&mut self, m: Message, session: &Session) -> Action {
        self.erreur = None;
        self.info = None;
        match m {
            Message::Fichiers(f) => {
                self.fichiers = f;
                self.verifie = None;
            }
            Message::Choisir => {
                return Action::Tache(Task::perform(choisir(), Message::Choisis));
            }
            Message::Choisis(c) => {
                if c.is_empty() {
                    self.info =
                        Some("Aucun fichier choisi : saisissez le chemin dans le champ.".into());
                } else {
                    self.fichiers = c
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(" ; ");
                    self.verifie = None;
                    return self.lire(session, true);
                }
            }
            Message::Verifier => return self.lire(session, true),
            Message::Importer => {
                if self.verifie.as_deref() != Some(self.fichiers.as_str()) {
                    self.erreur = Some("Vérifiez d'abord le fichier (essai à blanc).".into());
                } else {
                    return self.lire(session, false);
                }
            }
            Message::Lu {
                avance: Avance::Etape { etape, fait, total },
                ..
            } => self.progres = Some((etape, fait, total)),
            Message::Annuler => self.arret.store(true, Ordering::Relaxed),
            Message::Lu {
                fichiers,
                essai,
                avance: Avance::Fin(rapport),
            } => {
                self.en_cours = false;
                self.progres = None;
                match rapport {
                    Ok(r) => {
                        let ok = r.erreurs.is_empty();
                        self.verifie = (essai && ok).then_some(fichiers);
                        let applique = r.applique;
                        self.rapport = Some(r);
                        if applique {
                            return Action::Importe;
                        }
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::CheminExport(c) => {
                self.chemin_export = c;
                self.a_remplacer = false;
            }
            Message::Exporter => return self.exporter(session, false),
            Message::Remplacer => return self.exporter(session, true),
            Message::GarderExistant => {
                self.a_remplacer = false;
                return Action::Tache(crate::ui::defilement::vers(ID_EXPORT));
            }
            Message::Exporte(chemin, r) => {
                self.en_cours = false;
                match r {
                    Err(ErreurService::SortieExistante { .. }) => self.a_remplacer = true,
                    Ok(n) => {
                        self.info = Some(format!(
                            "{n} ressource(s) exportée(s) dans {}.",
                            chemin.display()
                        ))
                    }
                    Err(e) => self.erreur = Some(format!("Export impossible : {e}")),
                }
            }
            Message::Fermer => return Action::Fermer,
        }
        Action::Aucune
    }

    /// Exporte toute la base (archivées comprises) hors de la fenêtre.
    fn exporter(&mut self, session: &Session, remplacer: bool) -> Action {
        let chemin = PathBuf::from(self.chemin_export.trim());
        self.en_cours = true;
        self.a_remplacer = false;
        let poste = session.poste();
        let ecrit = chemin.clone();
        Action::Tache(en_fond(
            move || exporter(&poste, &ecrit, true, remplacer),
            move |r| Message::Exporte(chemin, r),
        ))
    }

    pub fn view<'a>(&'a self, habilite: bool) -> Element<'a, Message> {
        let mut c = column![
            row![
                widgets::sous_titre("Importer ou exporter"),
                iced::widget::Space::new().width(Length::Fill),
                widgets::bouton("Fermer", Some(Message::Fermer)),
            ],
            text("Import : exports data·inclusion (JSON ou CSV, schéma v1 ou v0 ; les structures peuvent être dans un second fichier) ou modèle CSV de Binôme. Le fichier est d'abord vérifié à blanc ; une seule ligne en erreur et rien n'est enregistré. Une ressource déjà présente est mise à jour.").size(13),
            widgets::champ(
                "Fichier(s) à importer",
                "ressources-import",
                &self.fichiers,
                "chemin du fichier ; plusieurs séparés par « ; »",
                None,
                Message::Fichiers
            ),
        ]
        .spacing(8);
        let libre = !self.en_cours;
        let mut boutons = row![
            widgets::bouton("Choisir…", libre.then_some(Message::Choisir)),
            widgets::bouton("Vérifier (à blanc)", libre.then_some(Message::Verifier)),
        ]
        .spacing(8);
        if habilite {
            boutons = boutons.push(widgets::bouton_principal(
                "Importer".into(),
                (libre && self.verifie.as_deref() == Some(self.fichiers.as_str()))
                    .then_some(Message::Importer),
            ));
        } else {
            boutons = boutons.push(
                text(widgets::insecables(&format!(
                    "L'import demande le profil « mise à jour ». {}",
                    super::PROFIL
                )))
                .size(13),
            );
        }
        c = c.push(boutons);
        if let Some((etape, fait, total)) = self.progres {
            let pct = (fait * 100).checked_div(total).unwrap_or(100);
            c = c.push(
                column![
                    text(format!("{etape} : {fait} / {total} ressources ({pct} %)"))
                        .size(TAILLE_TEXTE),
                    progress_bar(0.0..=total.max(1) as f32, fait as f32),
                    widgets::bouton("Annuler", Some(Message::Annuler)),
                ]
                .spacing(8),
            );
        } else if self.en_cours {
            c = c.push(widgets::information("Lecture des fichiers…"));
        }
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            c = c.push(widgets::information(i));
        }
        if let Some(r) = &self.rapport {
            let mut lignes = column![text(r.resume()).size(TAILLE_TEXTE)].spacing(2);
            for e in r.erreurs.iter().take(50) {
                lignes = lignes.push(text(format!("Erreur : {e}")).size(12).style(text::danger));
            }
            for a in r.avertissements.iter().take(20) {
                lignes = lignes.push(text(format!("Avertissement : {a}")).size(12));
            }
            let reste =
                r.erreurs.len().saturating_sub(50) + r.avertissements.len().saturating_sub(20);
            if reste > 0 {
                lignes = lignes.push(
                    text(widgets::insecables(&format!("… et {reste} autre(s) ligne(s) : la commande « binome ressources import » les liste toutes."))).size(12),
                );
            }
            c = c.push(scrollable(lignes).height(Length::Shrink));
        }
        c = c.push(
            row![
                widgets::champ(
                    "Exporter toute la base (modèle CSV, lisible par Excel) vers",
                    ID_EXPORT,
                    &self.chemin_export,
                    "chemin du fichier .csv",
                    None,
                    Message::CheminExport
                ),
                widgets::bouton("Exporter", libre.then_some(Message::Exporter)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::End),
        );
        if self.a_remplacer {
            c = c.push(widgets::remplacer(
                self.chemin_export.trim(),
                Message::Remplacer,
                Message::GarderExistant,
                "Garder l'existant et changer le nom",
            ));
        }
        widgets::carte(c)
    }
}

impl Default for Echange {
    fn default() -> Self {
        Echange::new()
    }
}

/// La fenêtre d'ouverture du système ; vide si annulée ou indisponible.
async fn choisir() -> Vec<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title("Importer des ressources")
        .add_filter(
            "data·inclusion (JSON, CSV, modèle XLSX) ou modèle CSV",
            &["json", "csv", "geojson", "xlsx"],
        )
        .pick_files()
        .await
        .map(|f| f.into_iter().map(|h| h.path().to_path_buf()).collect())
        .unwrap_or_default()
}
