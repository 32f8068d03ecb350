//! Les deux graphiques de l'écran, dessinés dans la fenêtre : barres par mois et sorties
//! par nature.

use iced::widget::{canvas, column, row, text};
use iced::{mouse, Color, Element, Length, Point, Rectangle, Renderer, Size, Theme};

use crate::domain::indicateurs::tableaux::libelle_nature;
use crate::domain::indicateurs::{cumul, ensemble, Bornes, Cle, Indicateurs};
use crate::ui::widgets;

/// Diagnostics, entrées et sorties par mois, et sorties par nature : côte à côte, ou l'un
/// sous l'autre quand le texte est grand (`compact`).
pub fn vue<'a, M: 'a>(t: &Indicateurs, bornes: Bornes, compact: bool) -> Element<'a, M> {
    let mois = ensemble(t);
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
    let natures = cumul(t, None);
    let par_nature = Horizontales {
        sur_deux_lignes: false,
        lignes: natures
            .details(Cle::Sorties)
            .into_iter()
            .map(|(code, c)| (libelle_nature(code), c.total as f64))
            .collect(),
    };
    let legende = par_mois
        .series
        .iter()
        .enumerate()
        .fold(row![].spacing(12), |r, (i, (nom, _))| {
            r.push(
                row![
                    canvas(Pastille(i)).width(12).height(12),
                    text(nom.clone()).size(12)
                ]
                .spacing(4)
                .align_y(iced::Alignment::Center),
            )
        })
        .wrap();
    // Une ligne par nature, deux quand la place manque (le libellé au-dessus de sa barre).
    let hauteur_natures = (par_nature.lignes.len().max(1) as f32
        * if compact {
            PAS_NATURE + LIBELLE_NATURE
        } else {
            PAS_NATURE
        })
    .max(40.0);
    let par_nature = Horizontales {
        sur_deux_lignes: compact,
        ..par_nature
    };
    let gauche = widgets::carte(
        column![
            text("Diagnostics partagés, entrées et sorties par mois").size(14),
            legende,
            canvas(par_mois)
                .width(Length::Fill)
                .height(Length::Fixed(170.0)),
        ]
        .spacing(6),
    );
    let droite = widgets::carte(
        column![
            text("Sorties par nature sur la période").size(14),
            canvas(par_nature)
                .width(Length::Fill)
                .height(Length::Fixed(hauteur_natures)),
        ]
        .spacing(6),
    );
    if compact {
        column![gauche, droite].spacing(12).into()
    } else {
        row![gauche, droite].spacing(12).into()
    }
}

/// La hauteur d'une ligne du graphique des natures, et celle d'un libellé posé au-dessus
/// de sa barre.
const PAS_NATURE: f32 = 22.0;
const LIBELLE_NATURE: f32 = 15.0;

/// Le carré de couleur d'une série, dans la légende.
struct Pastille(usize);

impl<M> canvas::Program<M> for Pastille {
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
        f.fill_rectangle(Point::ORIGIN, bounds.size(), couleurs(theme)[self.0 % 3]);
        vec![f.into_geometry()]
    }
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
        let haut = 6.0;
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
        // Un mois sur `pas` porte son étiquette, pour qu'elles ne se chevauchent pas ; les
        // valeurs ne s'écrivent au-dessus des barres que si elles y tiennent.
        let pas = ((ETIQUETTE / col).ceil() as usize).max(1);
        let valeurs = barre >= 9.0;
        for (j, e) in self.etiquettes.iter().enumerate() {
            let x0 = j as f32 * col + col * 0.1;
            for (i, (_, v)) in self.series.iter().enumerate() {
                let val = v.get(j).copied().unwrap_or(0.0);
                let h = (val / max) as f32 * (bas - haut - 12.0);
                if h > 0.0 {
                    let x = x0 + i as f32 * barre;
                    f.fill_rectangle(Point::new(x, bas - h), Size::new(barre * 0.9, h), cs[i % 3]);
                    if valeurs {
                        f.fill_text(texte(
                            format!("{}", val.round() as i64),
                            Point::new(x, bas - h - 12.0),
                            ink,
                            10.0,
                        ));
                    }
                }
            }
            if j % pas == 0 {
                f.fill_text(texte(e.clone(), Point::new(x0, bas + 3.0), ink, 11.0));
            }
        }
        f.fill_rectangle(Point::new(0.0, bas), Size::new(bounds.width, 1.0), ink);
        vec![f.into_geometry()]
    }
}

/// La largeur d'une étiquette de mois (« 12/26 ») et l'espace qui la suit.
const ETIQUETTE: f32 = 38.0;

/// Barres horizontales : sorties par nature.
struct Horizontales {
    lignes: Vec<(String, f64)>,
    /// Le libellé au-dessus de sa barre, en entier, plutôt qu'à sa gauche, tronqué.
    sur_deux_lignes: bool,
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
        let (libelle, pas) = if self.sur_deux_lignes {
            (0.0, PAS_NATURE + LIBELLE_NATURE)
        } else {
            ((bounds.width * 0.45).min(260.0), PAS_NATURE)
        };
        for (i, (nom, v)) in self.lignes.iter().enumerate() {
            let y = i as f32 * pas;
            let y_barre = if self.sur_deux_lignes {
                f.fill_text(texte(nom.clone(), Point::new(0.0, y), ink, 11.0));
                y + LIBELLE_NATURE
            } else {
                let court: String = nom.chars().take((libelle / 6.5) as usize).collect();
                f.fill_text(texte(court, Point::new(0.0, y), ink, 11.0));
                y
            };
            let l = (*v / max) as f32 * (bounds.width - libelle - 40.0);
            f.fill_rectangle(
                Point::new(libelle, y_barre + 2.0),
                Size::new(l.max(1.0), PAS_NATURE * 0.6),
                couleur,
            );
            f.fill_text(texte(
                format!("{}", v.round() as i64),
                Point::new(libelle + l + 4.0, y_barre),
                ink,
                11.0,
            ));
        }
        vec![f.into_geometry()]
    }
}
