//! Indicateurs du comité de pilotage : période et agence, graphiques dessinés dans la
//! fenêtre, tableaux ; un clic sur un nombre liste ceux de ses dossiers qui y sont comptés ;
//! exports (CSV, XLSX, PDF, JSON, agrégat anonyme) et fusion d'agrégats.

use std::path::PathBuf;

use iced::widget::{
    button, canvas, checkbox, column, container, pick_list, row, scrollable, text, text_input,
    Space,
};
use iced::{mouse, Alignment, Color, Element, Length, Point, Rectangle, Renderer, Size, Theme};
use uuid::Uuid;

use crate::domain::indicateurs::tableaux::{libelle_nature, tableaux, Format, Noms, Tableau};
use crate::domain::indicateurs::{
    cumul, dossiers_de_la_case, ensemble, Bornes, Case, Cle, Indicateurs, Journal,
};
use crate::services::indicateurs::Presentation;
use crate::services::indicateurs::{fusionner, periode, rediger, FormatExport};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_DE: &str = "indicateurs-de";
pub const ID_A: &str = "indicateurs-a";
pub const ID_CHEMIN: &str = "indicateurs-chemin";

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

/// Une agence du filtre (ou toutes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoixAgence {
    pub code: Option<String>,
    pub nom: String,
}

impl std::fmt::Display for ChoixAgence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.nom)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    De(String),
    A(String),
    Agence(ChoixAgence),
    Calculer,
    Onglet(usize),
    Case(Case, String),
    FermerDetail,
    Ouvrir(Uuid),
    Format(FormatExport),
    Chemin(String),
    Masquer(bool),
    Exporter,
    Fichiers(String),
    Fusionner,
}

pub enum Action {
    Aucune,
    Ouvrir(Uuid),
}

pub struct EcranIndicateurs {
    pub de: String,
    pub a: String,
    pub agence: Option<String>,
    pub onglet: usize,
    pub bornes: Option<Bornes>,
    pub chiffres: Indicateurs,
    pub erreur: Option<String>,
    /// La case cliquée : son libellé et ceux de ses dossiers qui y sont comptés.
    pub detail: Option<(String, Vec<(Uuid, String)>)>,
    pub format: FormatExport,
    pub chemin: String,
    pub masquer: bool,
    pub fichiers: String,
    pub message: Option<String>,
}

fn chemin_propose(format: FormatExport, bornes: Option<Bornes>) -> String {
    let nom = match bornes {
        Some(b) => format!("indicateurs-{}-{}.{}", b.de, b.a, format.extension()),
        None => format!("indicateurs.{}", format.extension()),
    };
    crate::ui::ecrans::dossier::impression::dossier_par_defaut()
        .join(nom)
        .display()
        .to_string()
}

impl EcranIndicateurs {
    pub fn new(session: &Session) -> EcranIndicateurs {
        let ce_mois = crate::domain::indicateurs::Mois::de(session.aujourdhui());
        let (de, a) = periode(None, None, session.aujourdhui()).unwrap_or((ce_mois, ce_mois));
        let mut e = EcranIndicateurs {
            de: de.to_string(),
            a: a.to_string(),
            agence: None,
            onglet: 0,
            bornes: None,
            chiffres: Indicateurs::new(),
            erreur: None,
            detail: None,
            format: FormatExport::Xlsx,
            chemin: String::new(),
            masquer: false,
            fichiers: String::new(),
            message: None,
        };
        e.calculer(session);
        e.chemin = chemin_propose(e.format, e.bornes);
        e
    }

    fn calculer(&mut self, session: &Session) {
        self.detail = None;
        match periode(Some(&self.de), Some(&self.a), session.aujourdhui()) {
            Ok((de, a)) => {
                let b = Bornes {
                    de,
                    a,
                    aujourdhui: session.aujourdhui(),
                };
                match session.indicateurs(b) {
                    Ok(t) => {
                        self.chiffres = t;
                        self.bornes = Some(b);
                        self.erreur = None;
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Err(e) => self.erreur = Some(format!("Période : {e}")),
        }
    }

    /// Les chiffres affichés : l'agence choisie, ou toutes.
    fn affiches(&self) -> Indicateurs {
        match &self.agence {
            Some(a) => self
                .chiffres
                .iter()
                .filter(|((_, x), _)| x == a)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            None => self.chiffres.clone(),
        }
    }

    fn noms<'a>(session: &'a Session) -> Noms<'a> {
        Noms {
            freins: session.freins(),
            referentiel: session.referentiel(),
        }
    }

    /// Ceux de ses dossiers (conseiller ou référent du binôme) comptés dans la case.
    fn detail_de(&self, session: &Session, case: &Case) -> Result<Vec<(Uuid, String)>, String> {
        let (Some(moi), Some(b)) = (&session.utilisateur(), self.bornes) else {
            return Ok(Vec::new());
        };
        let miens: Vec<_> = session
            .portefeuille()
            .iter()
            .filter(|r| r.conseiller_id == Some(moi.id) || r.referent_id == Some(moi.id))
            .collect();
        let ids: Vec<Uuid> = miens.iter().map(|r| r.id).collect();
        let journaux = session.journaux(&ids).map_err(|e| e.to_string())?;
        let comptes = dossiers_de_la_case(
            journaux.iter().map(|e| Journal { evenements: e }),
            b,
            session.freins(),
            case,
        );
        Ok(miens
            .into_iter()
            .filter(|r| comptes.contains(&r.id))
            .map(|r| {
                (
                    r.id,
                    format!(
                        "{} {} ({})",
                        r.nom.to_uppercase(),
                        r.prenom,
                        r.identifiant_ft
                    ),
                )
            })
            .collect())
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        match m {
            Message::De(t) => self.de = t,
            Message::A(t) => self.a = t,
            Message::Agence(c) => {
                self.agence = c.code;
                self.detail = None;
            }
            Message::Calculer => {
                self.calculer(session);
                self.chemin = chemin_propose(self.format, self.bornes);
            }
            Message::Onglet(i) => self.onglet = i,
            Message::Case(case, libelle) => match self.detail_de(session, &case) {
                Ok(v) => self.detail = Some((libelle, v)),
                Err(e) => self.erreur = Some(e),
            },
            Message::FermerDetail => self.detail = None,
            Message::Ouvrir(id) => return Action::Ouvrir(id),
            Message::Format(f) => {
                self.format = f;
                self.chemin = chemin_propose(f, self.bornes);
            }
            Message::Chemin(c) => self.chemin = c,
            Message::Masquer(b) => self.masquer = b,
            Message::Exporter => self.exporter(session),
            Message::Fichiers(t) => self.fichiers = t,
            Message::Fusionner => {
                let fichiers: Vec<PathBuf> = self
                    .fichiers
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from)
                    .collect();
                let r = if fichiers.is_empty() {
                    Err("Indiquez les fichiers d'agrégat à fusionner, séparés par « ; ».".into())
                } else {
                    fusionner(
                        &fichiers,
                        std::path::Path::new(self.chemin.trim()),
                        self.format,
                        self.agence.as_deref(),
                        &Self::noms(session),
                    )
                };
                self.resultat(r);
            }
        }
        Action::Aucune
    }

    fn resultat(&mut self, r: Result<String, String>) {
        match r {
            Ok(m) => {
                self.message = Some(m);
                self.erreur = None;
            }
            Err(e) => {
                self.message = None;
                self.erreur = Some(e);
            }
        }
    }

    fn exporter(&mut self, session: &Session) {
        let Some(bornes) = self.bornes else {
            return;
        };
        let chemin = PathBuf::from(self.chemin.trim());
        if self.chemin.trim().is_empty() {
            self.erreur = Some("Indiquez le fichier à écrire.".into());
            return;
        }
        let t = self.affiches();
        let p = Presentation {
            bornes,
            agence: self.agence.as_deref(),
            masquer: self.masquer,
            origine: String::new(),
        };
        let r = session
            .installation()
            .map_err(|e| e.to_string())
            .and_then(|inst| {
                let t = if self.format == FormatExport::Agregat {
                    &self.chiffres
                } else {
                    &t
                };
                rediger(self.format, t, &p, &Self::noms(session), Some(inst))
            })
            .and_then(|o| crate::services::indicateurs::ecrire(&chemin, &o))
            .map(|()| format!("Export enregistré : {}", chemin.display()));
        self.resultat(r);
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let noms = Self::noms(session);
        let mut agences = vec![ChoixAgence {
            code: None,
            nom: "Toutes les agences".into(),
        }];
        let mut codes: Vec<&String> = self.chiffres.keys().map(|(_, a)| a).collect();
        codes.sort_unstable();
        codes.dedup();
        agences.extend(codes.into_iter().map(|c| ChoixAgence {
            code: Some(c.clone()),
            nom: noms.agence(c),
        }));
        let choisie = agences.iter().find(|a| a.code == self.agence).cloned();
        let filtres = row![
            text("Du").size(TAILLE_TEXTE),
            text_input("AAAA-MM", &self.de)
                .id(ID_DE)
                .on_input(Message::De)
                .on_submit(Message::Calculer)
                .width(Length::Fixed(100.0))
                .padding(6),
            text("au").size(TAILLE_TEXTE),
            text_input("AAAA-MM", &self.a)
                .id(ID_A)
                .on_input(Message::A)
                .on_submit(Message::Calculer)
                .width(Length::Fixed(100.0))
                .padding(6),
            pick_list(agences, choisie, Message::Agence).text_size(TAILLE_TEXTE),
            widgets::bouton("Calculer", Some(Message::Calculer)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);

        let mut page =
            column![widgets::titre("Indicateurs du comité de pilotage"), filtres].spacing(12);
        if let Some(e) = &self.erreur {
            page = page.push(widgets::erreur(e));
        }
        if let Some(m) = &self.message {
            page = page.push(widgets::information(m));
        }
        let Some(bornes) = self.bornes else {
            return container(page).padding(16).into();
        };
        let t = self.affiches();
        if t.is_empty() {
            page = page.push(widgets::information(
                "Aucun événement compté sur cette période.",
            ));
        }
        // Graphiques.
        let mois = ensemble(&t);
        let tous = bornes.de.jusqua(bornes.a);
        let serie = |cle: Cle| -> Vec<f64> {
            tous.iter()
                .map(|m| mois.get(m).map_or(0.0, |c| c.compte(cle).total as f64))
                .collect()
        };
        let par_mois = Barres {
            etiquettes: tous
                .iter()
                .map(|m| format!("{:02}/{:02}", m.mois, m.annee % 100))
                .collect(),
            series: vec![
                (
                    "Diagnostics partagés".into(),
                    serie(Cle::DiagnosticsPartages),
                ),
                ("Entrées".into(), serie(Cle::Entrees)),
                ("Sorties".into(), serie(Cle::Sorties)),
            ],
        };
        let natures = cumul(&t, None);
        let par_nature = Horizontales {
            lignes: natures
                .details(Cle::Sorties)
                .into_iter()
                .map(|(code, c)| (libelle_nature(code), c.total as f64))
                .collect(),
        };
        page = page.push(
            row![
                widgets::carte(
                    column![
                        text("Diagnostics partagés, entrées et sorties par mois").size(14),
                        canvas(par_mois)
                            .width(Length::Fill)
                            .height(Length::Fixed(190.0)),
                    ]
                    .spacing(6)
                ),
                widgets::carte(
                    column![
                        text("Sorties par nature sur la période").size(14),
                        canvas(par_nature)
                            .width(Length::Fill)
                            .height(Length::Fixed(190.0)),
                    ]
                    .spacing(6)
                ),
            ]
            .spacing(12),
        );
        // Les tableaux, un onglet chacun.
        let tabs = tableaux(
            &t,
            self.agence.as_deref(),
            Format {
                masquer: self.masquer,
            },
            &noms,
        );
        let mut onglets = row![].spacing(4);
        for (i, tab) in tabs.iter().enumerate() {
            onglets = onglets.push(
                button(text(tab.feuille).size(13))
                    .on_press(Message::Onglet(i))
                    .padding([4, 8])
                    .style(if i == self.onglet {
                        button::primary
                    } else {
                        button::secondary
                    }),
            );
        }
        page = page.push(
            scrollable(onglets).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::new(),
            )),
        );
        if let Some(tab) = tabs.into_iter().nth(self.onglet) {
            page = page.push(vue_tableau(tab));
        }
        if let Some((libelle, dossiers)) = &self.detail {
            let mut liste = column![row![
                text(format!("{libelle} : {} de vos dossiers", dossiers.len())).size(TAILLE_TEXTE),
                Space::new().width(Length::Fill),
                widgets::bouton("Fermer", Some(Message::FermerDetail)),
            ]
            .align_y(Alignment::Center)]
            .spacing(4);
            if dossiers.is_empty() {
                liste = liste.push(text(
                    "Aucun de vos dossiers n'est compté ici (les autres dossiers de la base ne sont pas listés).",
                ).size(13));
            }
            for (id, nom) in dossiers {
                liste = liste.push(
                    button(text(format!("{nom}  — Ouvrir ›")).size(TAILLE_TEXTE))
                        .on_press(Message::Ouvrir(*id))
                        .style(button::text),
                );
            }
            page = page.push(widgets::carte(liste));
        }
        // Exports et fusion.
        let exports = column![
            row![
                pick_list(&FORMATS[..], Some(self.format), Message::Format).text_size(TAILLE_TEXTE),
                text_input("Fichier à écrire", &self.chemin)
                    .id(ID_CHEMIN)
                    .on_input(Message::Chemin)
                    .padding(6),
                checkbox(self.masquer)
                    .label("Masquer les comptes de 1 à 4 (« < 5 »)")
                    .on_toggle(Message::Masquer),
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
        ]
        .spacing(6);
        page = page.push(widgets::carte(exports));
        container(scrollable(page.padding(16)).height(Length::Fill))
            .width(Length::Fill)
            .into()
    }
}

fn vue_tableau<'a>(tab: Tableau) -> Element<'a, Message> {
    const LARGEUR: f32 = 118.0;
    let mut entete = row![].spacing(2);
    for (i, e) in tab.entetes.iter().enumerate() {
        let l = if i < 2 { LARGEUR + 30.0 } else { LARGEUR };
        entete = entete.push(text(e.clone()).size(12).width(Length::Fixed(l)));
    }
    let mut lignes = column![entete].spacing(2);
    for (n, l) in tab.lignes.iter().enumerate() {
        let mut r = row![].spacing(2).align_y(Alignment::Center);
        for (i, (v, case)) in l.valeurs.iter().zip(&l.cases).enumerate() {
            let largeur = if i < 2 { LARGEUR + 30.0 } else { LARGEUR };
            let t = text(v.texte()).size(13);
            let cellule: Element<'_, Message> = match case {
                Some(c) => {
                    let libelle = format!(
                        "{} — {} — {}",
                        tab.entetes.get(i).map_or("", String::as_str),
                        l.valeurs[0].texte(),
                        l.valeurs[1].texte()
                    );
                    button(t)
                        .on_press(Message::Case(c.clone(), libelle))
                        .padding([2, 4])
                        .style(button::text)
                        .width(Length::Fixed(largeur))
                        .into()
                }
                None => container(t)
                    .padding([2, 4])
                    .width(Length::Fixed(largeur))
                    .into(),
            };
            r = r.push(cellule);
        }
        let fond = n % 2 == 1;
        lignes = lignes.push(container(r).style(move |t: &Theme| {
            if fond {
                container::Style {
                    background: Some(t.extended_palette().background.weak.color.into()),
                    ..container::Style::default()
                }
            } else {
                container::Style::default()
            }
        }));
    }
    if tab.lignes.is_empty() {
        lignes = lignes.push(text("Aucune ligne sur cette période.").size(13));
    }
    widgets::carte(
        column![
            text(tab.titre.clone()).size(16),
            scrollable(lignes).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::new()
            )),
        ]
        .spacing(6),
    )
}

/// Barres groupées par mois, dessinées dans la fenêtre.
struct Barres {
    etiquettes: Vec<String>,
    series: Vec<(String, Vec<f64>)>,
}

fn couleurs(theme: &Theme) -> [Color; 3] {
    let p = theme.extended_palette();
    [
        p.primary.strong.color,
        p.secondary.strong.color,
        p.success.base.color,
    ]
}

fn texte(contenu: String, position: Point, couleur: Color, taille: f32) -> canvas::Text {
    canvas::Text {
        content: contenu,
        position,
        color: couleur,
        size: taille.into(),
        ..canvas::Text::default()
    }
}

impl<M> canvas::Program<M> for Barres {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut f = canvas::Frame::new(renderer, bounds.size());
        let ink = theme.palette().text;
        let cs = couleurs(theme);
        // Légende.
        let mut x = 0.0;
        for (i, (nom, _)) in self.series.iter().enumerate() {
            f.fill_rectangle(Point::new(x, 3.0), Size::new(10.0, 10.0), cs[i % 3]);
            f.fill_text(texte(nom.clone(), Point::new(x + 14.0, 0.0), ink, 12.0));
            x += 24.0 + nom.chars().count() as f32 * 6.5;
        }
        let haut = 22.0;
        let bas = bounds.height - 18.0;
        let max = self
            .series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let n = self.etiquettes.len().max(1) as f32;
        let col = bounds.width / n;
        let barre = (col * 0.8 / self.series.len().max(1) as f32).min(18.0);
        for (j, e) in self.etiquettes.iter().enumerate() {
            let x0 = j as f32 * col + col * 0.1;
            for (i, (_, v)) in self.series.iter().enumerate() {
                let val = v.get(j).copied().unwrap_or(0.0);
                let h = (val / max) as f32 * (bas - haut - 12.0);
                if h > 0.0 {
                    let x = x0 + i as f32 * barre;
                    f.fill_rectangle(Point::new(x, bas - h), Size::new(barre * 0.9, h), cs[i % 3]);
                    f.fill_text(texte(
                        format!("{}", val.round() as i64),
                        Point::new(x, bas - h - 12.0),
                        ink,
                        10.0,
                    ));
                }
            }
            f.fill_text(texte(e.clone(), Point::new(x0, bas + 3.0), ink, 11.0));
        }
        f.fill_rectangle(Point::new(0.0, bas), Size::new(bounds.width, 1.0), ink);
        vec![f.into_geometry()]
    }
}

/// Barres horizontales : sorties par nature.
struct Horizontales {
    lignes: Vec<(String, f64)>,
}

impl<M> canvas::Program<M> for Horizontales {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut f = canvas::Frame::new(renderer, bounds.size());
        let ink = theme.palette().text;
        let couleur = couleurs(theme)[0];
        if self.lignes.is_empty() {
            f.fill_text(texte(
                "Aucune sortie sur la période.".into(),
                Point::new(0.0, 0.0),
                ink,
                13.0,
            ));
            return vec![f.into_geometry()];
        }
        let max = self
            .lignes
            .iter()
            .map(|(_, v)| *v)
            .fold(0.0, f64::max)
            .max(1.0);
        let libelle = (bounds.width * 0.45).min(260.0);
        let pas = (bounds.height / self.lignes.len() as f32).min(22.0);
        for (i, (nom, v)) in self.lignes.iter().enumerate() {
            let y = i as f32 * pas;
            let court: String = nom.chars().take((libelle / 6.5) as usize).collect();
            f.fill_text(texte(court, Point::new(0.0, y), ink, 11.0));
            let l = (*v / max) as f32 * (bounds.width - libelle - 40.0);
            f.fill_rectangle(
                Point::new(libelle, y + 2.0),
                Size::new(l.max(1.0), pas * 0.6),
                couleur,
            );
            f.fill_text(texte(
                format!("{}", v.round() as i64),
                Point::new(libelle + l + 4.0, y),
                ink,
                11.0,
            ));
        }
        vec![f.into_geometry()]
    }
}
