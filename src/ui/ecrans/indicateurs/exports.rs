//! Exporter les indicateurs (CSV, XLSX, PDF, JSON, agrégat anonyme) et fusionner les
//! agrégats de plusieurs installations ; l'écriture se fait hors de la fenêtre.

use std::path::PathBuf;

use iced::widget::{column, row, text, text_input};
use iced::{Alignment, Element, Task};

use super::Message;
use crate::domain::indicateurs::Bornes;
use crate::services::indicateurs::{self as services, Export, FormatExport};
use crate::services::session::Session;
use crate::ui::tache::en_fond;
use crate::ui::widgets;

pub const ID_CHEMIN: &str = "indicateurs-chemin";
pub const ID_CLE: &str = "indicateurs-cle";

impl std::fmt::Display for FormatExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FormatExport::Csv => "CSV (Excel)",
            FormatExport::Xlsx => "Classeur XLSX",
            FormatExport::Pdf => "Rapport PDF",
            FormatExport::Json => "JSON",
            FormatExport::Agregat => "Agrégat anonyme",
        })
    }
}

const FORMATS: [FormatExport; 5] = [
    FormatExport::Csv,
    FormatExport::Xlsx,
    FormatExport::Pdf,
    FormatExport::Json,
    FormatExport::Agregat,
];

/// Ce qui écrit le fichier choisi.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Exporter,
    Fusionner,
    ExporterCle,
}

/// Ce que l'utilisateur a choisi pour exporter ou fusionner.
pub struct Exports {
    pub format: FormatExport,
    pub chemin: String,
    pub masquer: bool,
    /// Les agrégats à fusionner, séparés par « ; ».
    pub fichiers: String,
    /// Le fichier de clé d'installation : celle de ce poste à écrire, ou celle d'une autre
    /// installation à enregistrer.
    pub cle: String,
    /// La dernière écriture lancée, à relancer si l'utilisateur accepte de remplacer.
    pub derniere: Operation,
    /// Le fichier choisi existe déjà : la question est posée.
    pub a_remplacer: bool,
}

/// Un nom de fichier qui dit la période, dans le dossier des documents.
pub fn chemin_propose(format: FormatExport, bornes: Option<Bornes>) -> String {
    let nom = match bornes {
        Some(b) => format!("indicateurs-{}-{}.{}", b.de, b.a, format.extension()),
        None => format!("indicateurs.{}", format.extension()),
    };
    crate::services::espace::dossier_des_documents()
        .join(nom)
        .display()
        .to_string()
}

impl Exports {
    pub fn new(bornes: Option<Bornes>) -> Exports {
        let format = FormatExport::Xlsx;
        Exports {
            format,
            chemin: chemin_propose(format, bornes),
            masquer: false,
            fichiers: String::new(),
            cle: crate::services::espace::dossier_des_documents()
                .join("cle-installation.json")
                .display()
                .to_string(),
            derniere: Operation::Exporter,
            a_remplacer: false,
        }
    }

    /// Les chiffres de la période (de l'agence choisie ; un agrégat les couvre toutes),
    /// rédigés et écrits hors de la fenêtre.
    pub fn exporter(
        &mut self,
        session: &Session,
        bornes: Bornes,
        agence: Option<&str>,
        remplacer: bool,
    ) -> Result<Task<Message>, String> {
        self.derniere = Operation::Exporter;
        self.a_remplacer = false;
        let chemin = PathBuf::from(self.chemin.trim());
        if self.chemin.trim().is_empty() {
            return Err("Indiquez le fichier à écrire.".into());
        }
        let export = Export {
            format: self.format,
            bornes,
            agence: agence
                .filter(|_| self.format != FormatExport::Agregat)
                .map(str::to_string),
            masquer: self.masquer,
        };
        let poste = session.poste();
        Ok(en_fond(
            move || {
                let octets = services::rediger_export(&poste, &export)?;
                let cle = format!("indicateurs:{}", export.format.libelle());
                services::ecrire(&poste, &chemin, &cle, &octets, remplacer)?;
                Ok(format!("Export enregistré : {}", chemin.display()))
            },
            Message::Termine,
        ))
    }

    /// Fusionne les agrégats indiqués vers le fichier choisi, hors de la fenêtre.
    pub fn fusionner(
        &mut self,
        session: &Session,
        agence: Option<&str>,
        remplacer: bool,
    ) -> Result<Task<Message>, String> {
        self.derniere = Operation::Fusionner;
        self.a_remplacer = false;
        let fichiers: Vec<PathBuf> = self
            .fichiers
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect();
        if fichiers.is_empty() {
            return Err("Indiquez les fichiers d'agrégat à fusionner, séparés par « ; ».".into());
        }
        let out = PathBuf::from(self.chemin.trim());
        let format = self.format;
        let agence = agence.map(str::to_string);
        let poste = session.poste();
        Ok(en_fond(
            move || {
                services::fusionner(
                    &poste,
                    services::Fusion {
                        fichiers: &fichiers,
                        out: &out,
                        format,
                        agence: agence.as_deref(),
                        remplacer,
                    },
                )
            },
            Message::Termine,
        ))
    }

    /// Écrit la clé publique de cette installation, pour le coordinateur.
    pub fn exporter_cle(
        &mut self,
        session: &Session,
        remplacer: bool,
    ) -> Result<Task<Message>, String> {
        self.derniere = Operation::ExporterCle;
        self.a_remplacer = false;
        let chemin = PathBuf::from(self.cle.trim());
        if self.cle.trim().is_empty() {
            return Err("Indiquez le fichier de clé à écrire.".into());
        }
        let poste = session.poste();
        Ok(en_fond(
            move || services::exporter_cle(&poste, &chemin, remplacer),
            Message::Termine,
        ))
    }

    /// Enregistre la clé d'une autre installation, dont on fusionnera les agrégats.
    pub fn importer_cle(&self, session: &Session) -> Result<Task<Message>, String> {
        let chemin = PathBuf::from(self.cle.trim());
        if self.cle.trim().is_empty() {
            return Err("Indiquez le fichier de clé reçu de l'installation.".into());
        }
        let poste = session.poste();
        Ok(en_fond(
            move || services::importer_cle(&poste, &chemin),
            Message::Termine,
        ))
    }

    pub fn vue(&self) -> Element<'_, Message> {
        let mut c = column![self.champs(),];
        if self.a_remplacer {
            let chemin = match self.derniere {
                Operation::ExporterCle => &self.cle,
                _ => &self.chemin,
            };
            c = c.push(widgets::remplacer(
                chemin.trim(),
                Message::Remplacer,
                Message::GarderExistant,
                "Garder l'existant et changer le nom",
            ));
        }
        widgets::carte(c.spacing(6))
    }

    fn champs(&self) -> Element<'_, Message> {
        column![
                // Deux lignes : à 200 % de texte, le chemin garde sa place et le bouton
                // reste visible.
                row![
                    widgets::liste(
                        FORMATS.to_vec(),
                        Some(self.format),
                        Message::Format,
                        "Format du fichier"
                    ),
                    widgets::case(
                        "Masquer les comptes de 1 à 4 (« < 5 »)",
                        self.masquer,
                        Message::Masquer
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                row![
                    text_input("Fichier à écrire", &self.chemin)
                        .id(ID_CHEMIN)
                        .on_input(Message::Chemin)
                        .padding(6),
                    widgets::bouton_principal("Exporter".into(), Some(Message::Exporter)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                row![
                    text_input(
                        "Fichiers d'agrégat des installations, séparés par « ; »",
                        &self.fichiers
                    )
                    .on_input(Message::Fichiers)
                    .padding(6),
                    widgets::bouton("Fusionner vers ce fichier", Some(Message::Fusionner)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                text("La fusion écrit un agrégat (à fusionner encore) ou, dans un autre format, une publication toujours masquée sous 5.").size(12),
                // Le chemin sur sa ligne : à 200 % de texte, les deux boutons l'écraseraient.
                text_input("Fichier de clé d'installation", &self.cle)
                    .id(ID_CLE)
                    .on_input(Message::CheminCle)
                    .padding(6),
                row![
                    widgets::bouton("Exporter la clé de ce poste", Some(Message::ExporterCle)),
                    widgets::bouton("Importer cette clé", Some(Message::ImporterCle)),
                ]
                .spacing(8),
                text(widgets::insecables("Chaque agrégat est signé par son installation : le coordinateur enregistre une fois la clé de chaque installation (« Importer cette clé ») avant de fusionner ses agrégats.")).size(12),
            ]
        .spacing(6)
        .into()
    }
}
