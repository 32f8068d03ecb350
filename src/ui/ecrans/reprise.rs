//! Reprendre un portefeuille tenu dans un tableur : choisir le fichier (CSV ou XLSX), dire
//! quelle colonne contient quoi (proposé d'après les en-têtes, gardé pour la fois suivante),
//! voir les premières lignes telles qu'elles seront enregistrées et le rapport de chaque
//! ligne refusée (exportable en CSV), puis importer, tout ou rien, avec l'avancement et la
//! possibilité d'annuler.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use iced::widget::{column, progress_bar, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use crate::domain::date::date_fr;
use crate::domain::reprise::{Champ, Correspondance};
use crate::services::reprise::{self, Analyse, Doublons, Options, Statut, Tableau};
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::ui::dialogues;
use crate::ui::tache::{en_fond, en_fond_suivi, Avance};
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_FICHIER: &str = "reprise-fichier";
/// Les lignes montrées telles qu'elles seront enregistrées.
const APERCU: usize = 8;
/// Les erreurs montrées dans la fenêtre (toutes sont dans le rapport CSV).
const ERREURS_MONTREES: usize = 50;

/// Le choix d'une colonne : un champ, ou l'ignorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoixChamp(pub Option<Champ>);

impl std::fmt::Display for ChoixChamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(c) => f.write_str(c.libelle()),
            None => f.write_str("— colonne ignorée —"),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Chemin(String),
    Choisir,
    Choisi(Option<PathBuf>),
    Lire,
    Lu(Result<Arc<(Tableau, Correspondance)>, ErreurService>),
    Colonne(String, ChoixChamp),
    Verifier,
    Verification(Avance<Arc<Analyse>>),
    ValidesSeulement(bool),
    CreerDoublons(bool),
    Importer,
    Import(Avance<reprise::Bilan>),
    Annuler,
    ExporterRapport,
    RapportEcrit(Result<PathBuf, ErreurService>),
    Recommencer,
    VoirPortefeuille,
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    /// Des dossiers ont été créés ou mis à jour : la session relit son portefeuille.
    Importe,
    Portefeuille,
}

#[derive(Default)]
pub struct EcranReprise {
    chemin: String,
    tableau: Option<Arc<(Tableau, Correspondance)>>,
    correspondance: Correspondance,
    analyse: Option<Arc<Analyse>>,
    valides_seulement: bool,
    creer_doublons: bool,
    progres: Option<(&'static str, usize, usize)>,
    arret: Arc<AtomicBool>,
    en_cours: bool,
    info: Option<String>,
    erreur: Option<String>,
}

fn nom_fichier(chemin: &str) -> String {
    PathBuf::from(chemin.trim())
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

impl EcranReprise {
    pub fn new() -> EcranReprise {
        EcranReprise::default()
    }

    /// Un fichier déposé sur la fenêtre ou choisi : il est lu aussitôt.
    pub fn lire_fichier(&mut self, session: &Session, chemin: PathBuf) -> Task<Message> {
        self.chemin = chemin.display().to_string();
        self.lire(session)
    }

    fn lire(&mut self, session: &Session) -> Task<Message> {
        if self.chemin.trim().is_empty() {
            self.erreur = Some("Indiquez le fichier du tableau de suivi (CSV ou XLSX).".into());
            return Task::none();
        }
        let chemin = PathBuf::from(self.chemin.trim());
        let poste = session.poste();
        self.tableau = None;
        self.analyse = None;
        self.info = None;
        self.erreur = None;
        self.en_cours = true;
        en_fond(
            move || {
                let t = reprise::lire(&chemin)?;
                let c = reprise::proposer(&poste, &t);
                Ok(Arc::new((t, c)))
            },
            Message::Lu,
        )
    }

    fn verifier(&mut self, session: &Session) -> Task<Message> {
        let Some(t) = self.tableau.clone() else {
            return Task::none();
        };
        if let Err(e) = self.correspondance.colonnes(&t.0.entetes) {
            self.erreur = Some(e);
            return Task::none();
        }
        let poste = session.poste();
        let c = self.correspondance.clone();
        let fichier = nom_fichier(&self.chemin);
        self.demarrer();
        en_fond_suivi(
            self.arret.clone(),
            move |p| reprise::analyser(&poste, &fichier, &t.0, &c, p).map(Arc::new),
            Message::Verification,
        )
    }

    fn importer(&mut self, session: &Session) -> Task<Message> {
        let Some(a) = self.analyse.clone() else {
            return Task::none();
        };
        let poste = session.poste();
        let options = Options {
            valides_seulement: self.valides_seulement,
            doublons: if self.creer_doublons {
                Doublons::Creer
            } else {
                Doublons::Ignorer
            },
        };
        self.demarrer();
        en_fond_suivi(
            self.arret.clone(),
            move |p| reprise::importer(&poste, &a, options, p),
            Message::Import,
        )
    }

    fn demarrer(&mut self) {
        self.arret = Arc::new(AtomicBool::new(false));
        self.en_cours = true;
        self.progres = None;
        self.info = None;
        self.erreur = None;
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        match m {
            Message::Chemin(t) => self.chemin = t,
            Message::Choisi(Some(p)) => {
                return Action::Tache(self.lire_fichier(session, p));
            }
            Message::Choisi(None) => {}
            Message::Lu(r) => {
                self.en_cours = false;
                match r {
                    Ok(t) => {
                        self.correspondance = t.1.clone();
                        self.info = Some(format!(
                            "{} : {}, en-tête à la ligne {}, {} ligne(s) de données. Vérifiez ci-dessous quelle colonne contient quoi.",
                            nom_fichier(&self.chemin),
                            t.0.origine,
                            t.0.ligne_entete,
                            t.0.nombre
                        ));
                        self.tableau = Some(t);
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Colonne(entete, choix) => {
                // Un champ ne va qu'à une colonne : le choisir ailleurs le retire d'ici.
                if let Some(c) = choix.0 {
                    self.correspondance.colonnes.retain(|_, x| *x != c);
                    self.correspondance.colonnes.insert(entete, c);
                } else {
                    self.correspondance.colonnes.remove(&entete);
                }
                self.analyse = None;
            }
            Message::Verification(Avance::Etape { etape, fait, total })
            | Message::Import(Avance::Etape { etape, fait, total }) => {
                self.progres = Some((etape, fait, total));
            }
            Message::Verification(Avance::Fin(r)) => {
                self.en_cours = false;
                self.progres = None;
                match r {
                    Ok(a) => self.analyse = Some(a),
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Import(Avance::Fin(r)) => {
                self.en_cours = false;
                self.progres = None;
                match r {
                    Ok(b) => {
                        self.info = Some(format!(
                            "Import terminé : {} dossier(s) créé(s), {} mis à jour, {} ligne(s) laissée(s) de côté. La correspondance des colonnes est gardée pour la prochaine fois.",
                            b.crees, b.mis_a_jour, b.ignores
                        ));
                        self.analyse = None;
                        self.tableau = None;
                        return Action::Importe;
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::ValidesSeulement(b) => self.valides_seulement = b,
            Message::CreerDoublons(b) => self.creer_doublons = b,
            Message::Annuler => self.arret.store(true, Ordering::Relaxed),
            Message::RapportEcrit(r) => {
                self.en_cours = false;
                match r {
                    Ok(p) => {
                        self.info = Some(format!(
                            "Rapport écrit dans {} : ouvrez-le dans le tableur, corrigez le fichier, puis relisez-le.",
                            p.display()
                        ))
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Recommencer => {
                *self = EcranReprise::new();
                return Action::Tache(crate::ui::defilement::vers(ID_FICHIER));
            }
            Message::VoirPortefeuille => return Action::Portefeuille,
            _ if self.en_cours => {}
            Message::Choisir => {
                return Action::Tache(Task::perform(
                    dialogues::ouvrir_parmi(
                        "Choisir le tableau de suivi à reprendre",
                        "Tableau (CSV, XLSX)",
                        &["csv", "xlsx", "txt"],
                    ),
                    Message::Choisi,
                ));
            }
            Message::Lire => return Action::Tache(self.lire(session)),
            Message::Verifier => return Action::Tache(self.verifier(session)),
            Message::Importer => return Action::Tache(self.importer(session)),
            Message::ExporterRapport => {
                let Some(a) = self.analyse.clone() else {
                    return Action::Aucune;
                };
                let poste = session.poste();
                let chemin = crate::services::espace::dossier_des_documents().join(format!(
                    "rapport-import-{}.csv",
                    chrono::Local::now().format("%Y-%m-%d-%H%M%S")
                ));
                self.en_cours = true;
                return Action::Tache(en_fond(
                    move || reprise::ecrire_rapport(&poste, &a, &chemin, false).map(|_| chemin),
                    Message::RapportEcrit,
                ));
            }
        }
        Action::Aucune
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let mut c = column![widgets::titre("Reprendre un tableau de suivi")].spacing(16);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            c = c.push(widgets::information(i));
        }
        if session.utilisateur().is_none() {
            return c
                .push(widgets::information(
                    "Ce compte n'est lié à aucune fiche de professionnel : il n'a pas de portefeuille où reprendre des dossiers.",
                ))
                .padding(16)
                .into();
        }
        c = c.push(widgets::carte(
            column![
                text(widgets::insecables("Le tableau que vous tenez aujourd'hui (Excel, LibreOffice) : une ligne par personne, une ligne d'en-têtes. CSV (UTF-8 ou Windows-1252, « ; », « , » ou tabulation) ou XLSX. Rien n'est enregistré avant « Importer ».")).size(13),
                row![
                    widgets::champ_valide(
                        "Fichier",
                        ID_FICHIER,
                        &self.chemin,
                        "chemin du fichier CSV ou XLSX",
                        None,
                        Message::Chemin,
                        actif(Message::Lire)
                    ),
                    widgets::bouton("Choisir…", actif(Message::Choisir)),
                    widgets::bouton("Lire", actif(Message::Lire)),
                ]
                .spacing(10)
                .align_y(Alignment::End),
            ]
            .spacing(8),
        ));
        if let Some((etape, fait, total)) = self.progres {
            let pct = (fait * 100).checked_div(total).unwrap_or(100);
            c = c.push(widgets::carte(
                column![
                    text(format!("{etape} : {fait} / {total} lignes ({pct} %)")).size(TAILLE_TEXTE),
                    progress_bar(0.0..=total.max(1) as f32, fait as f32),
                    widgets::bouton("Annuler", Some(Message::Annuler)),
                ]
                .spacing(8),
            ));
        }
        if let Some(t) = &self.tableau {
            c = c.push(self.vue_colonnes(&t.0));
        }
        if let Some(a) = &self.analyse {
            c = c.push(self.vue_analyse(a));
        }
        if self.tableau.is_none() && self.analyse.is_none() && self.info.is_some() {
            c = c.push(
                row![
                    widgets::bouton("Voir le portefeuille", Some(Message::VoirPortefeuille)),
                    widgets::bouton("Reprendre un autre fichier", Some(Message::Recommencer)),
                ]
                .spacing(10),
            );
        }
        scrollable(c.padding(16)).height(Length::Fill).into()
    }

    fn vue_colonnes<'a>(&'a self, t: &'a Tableau) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let mut options = vec![ChoixChamp(None)];
        options.extend(Champ::TOUS.into_iter().map(|c| ChoixChamp(Some(c))));
        let mut lignes = column![
            widgets::sous_titre("Quelle colonne contient quoi"),
            text("Proposé d'après les en-têtes (et ce que vous aviez choisi la dernière fois). Obligatoires : nom, prénom, date de naissance, identifiant France Travail, commune (ou un code postal qui ne désigne qu'une commune). La civilité se lit aussi du NIR. Dates d'entrée, de reconduction et de sortie : l'historique, vérifié par les règles du parcours.").size(13),
        ]
        .spacing(8);
        for (i, e) in t.entetes.iter().enumerate() {
            let exemple = t
                .premieres
                .iter()
                .map(|l| l.cellules.get(i).map_or("", |s| s.trim()))
                .find(|s| !s.is_empty())
                .unwrap_or("");
            let exemple: String = exemple.chars().take(40).collect();
            let choisi = ChoixChamp(self.correspondance.colonnes.get(e).copied());
            let entete = e.clone();
            let nom = if e.is_empty() {
                format!("(colonne {} sans en-tête)", i + 1)
            } else {
                e.clone()
            };
            lignes = lignes.push(
                row![
                    text(nom).size(TAILLE_TEXTE).width(Length::FillPortion(2)),
                    text(if exemple.is_empty() {
                        "(vide partout)".to_string()
                    } else {
                        format!("ex. {exemple}")
                    })
                    .size(13)
                    .width(Length::FillPortion(2)),
                    iced::widget::container(widgets::liste(
                        options.clone(),
                        Some(choisi),
                        move |c| Message::Colonne(entete.clone(), c),
                        "Champ",
                    ))
                    .width(Length::FillPortion(3)),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        if let Err(e) = self.correspondance.colonnes(&t.entetes) {
            lignes = lignes.push(text(e).size(TAILLE_TEXTE).style(text::warning));
        }
        lignes = lignes.push(widgets::bouton_principal(
            format!("Vérifier les {} ligne(s)", t.nombre),
            actif(Message::Verifier),
        ));
        widgets::carte(lignes)
    }

    fn vue_analyse<'a>(&'a self, a: &'a Analyse) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let n = a.compte();
        let mut c = column![
            widgets::sous_titre("Ce que l'import fera"),
            text(format!(
                "{} dossier(s) à créer, {} à mettre à jour, {} déjà à jour (rien à faire), {} doublon(s) possible(s), {} ligne(s) en erreur.",
                n.nouveaux, n.mises_a_jour, n.identiques, n.doublons, n.erreurs
            ))
            .size(TAILLE_TEXTE),
        ]
        .spacing(8);
        // Les premières lignes, telles qu'elles seront enregistrées.
        let apercu: Vec<&reprise::LigneAnalysee> = a
            .lignes
            .iter()
            .filter(|l| l.lue.is_some())
            .take(APERCU)
            .collect();
        if !apercu.is_empty() {
            c = c.push(widgets::sous_titre("Aperçu des premières lignes"));
            for l in apercu {
                let Some(lue) = &l.lue else { continue };
                let p = &lue.personne;
                let h = &lue.historique;
                let mut t = format!(
                    "Ligne {} — {} {} {}, né(e) le {}, {}, commune {}, agence {}",
                    l.numero,
                    p.civilite.abreviation(),
                    p.nom.to_uppercase(),
                    p.prenom,
                    date_fr(p.date_naissance),
                    crate::domain::identifiants::masquer(p.identifiant_ft.as_str()),
                    p.commune,
                    p.agence
                );
                if let Some(e) = h.entree {
                    t.push_str(&format!(", entrée le {}", date_fr(e)));
                }
                if let Some((d, m)) = h.reconduction {
                    t.push_str(&format!(", reconduit le {} ({m} mois)", date_fr(d)));
                }
                if let Some((d, motif)) = &h.sortie {
                    t.push_str(&format!(", sorti le {} ({})", date_fr(*d), motif.libelle()));
                }
                let statut = match &l.statut {
                    Statut::Nouveau => "nouveau".to_string(),
                    Statut::MiseAJour { changements, .. } => {
                        format!("mise à jour : {}", changements.join(", "))
                    }
                    Statut::Identique { .. } => "déjà à jour".into(),
                    Statut::Doublon { .. } => "doublon possible".into(),
                    Statut::Erreur(_) => "erreur".into(),
                };
                c = c.push(text(format!("{t} — {statut}")).size(13));
            }
        }
        let erreurs = a.erreurs();
        if !erreurs.is_empty() {
            c = c.push(widgets::sous_titre("Lignes refusées et doublons"));
            for (ligne, colonne, valeur, message) in erreurs.iter().take(ERREURS_MONTREES) {
                let ou = if colonne.is_empty() {
                    String::new()
                } else {
                    format!(" [{colonne}]")
                };
                c = c.push(
                    text(widgets::insecables(&format!(
                        "Ligne {ligne}{ou} « {valeur} » : {message}"
                    )))
                    .size(13)
                    .style(text::danger),
                );
            }
            if erreurs.len() > ERREURS_MONTREES {
                c = c.push(
                    text(format!(
                        "… et {} autre(s) : exportez le rapport pour les voir toutes.",
                        erreurs.len() - ERREURS_MONTREES
                    ))
                    .size(13),
                );
            }
            c = c.push(widgets::bouton(
                "Exporter le rapport (CSV)",
                actif(Message::ExporterRapport),
            ));
        }
        if n.erreurs > 0 {
            c = c.push(widgets::case(
                format!(
                    "Importer seulement les lignes valides (les {} ligne(s) en erreur sont laissées de côté)",
                    n.erreurs
                ),
                self.valides_seulement,
                Message::ValidesSeulement,
            ));
        }
        if n.doublons > 0 {
            c = c.push(widgets::case(
                "Créer aussi un dossier pour les doublons possibles (ce ne sont pas les mêmes personnes)",
                self.creer_doublons,
                Message::CreerDoublons,
            ));
        }
        let a_faire =
            n.nouveaux + n.mises_a_jour + if self.creer_doublons { n.doublons } else { 0 };
        let possible = a_faire > 0 && (n.erreurs == 0 || self.valides_seulement);
        let libelle = if n.erreurs > 0 && !self.valides_seulement {
            "Importer (corrigez d'abord les erreurs, ou cochez « seulement les lignes valides »)"
                .to_string()
        } else if a_faire == 0 {
            "Rien à importer : tout est déjà à jour".to_string()
        } else {
            format!("Importer {a_faire} dossier(s)")
        };
        c = c.push(widgets::bouton_principal(
            libelle,
            possible
                .then_some(Message::Importer)
                .filter(|_| !self.en_cours),
        ));
        widgets::carte(c)
    }
}
