//! Le focus reste à l'écran : iced 0.14 déplace le focus (Tab, flèches, premier champ en
//! erreur) sans faire défiler la page. Après chaque déplacement, une seconde opération
//! repère le contrôle qui a le focus et fait défiler la zone qui le contient, juste assez
//! pour qu'il soit visible avec une marge.

use iced::advanced::widget::operation::scrollable::{AbsoluteOffset, Scrollable};
use iced::advanced::widget::operation::{self, Focusable, Operation, Outcome};
use iced::advanced::widget::Id;
use iced::widget::operation as focus;
use iced::{Rectangle, Task, Vector};

/// Tab : le contrôle suivant, rendu visible.
pub fn suivant<M: Send + 'static>() -> Task<M> {
    focus::focus_next().chain(montrer())
}

/// Maj+Tab : le contrôle précédent, rendu visible.
pub fn precedent<M: Send + 'static>() -> Task<M> {
    focus::focus_previous().chain(montrer())
}

/// Le focus sur un champ nommé (le premier d'un formulaire, le premier en erreur).
pub fn vers<M: Send + 'static>(id: impl Into<Id>) -> Task<M> {
    focus::focus(id).chain(montrer())
}

/// Toutes les zones défilantes au début : une page qui s'ouvre commence en haut.
pub fn au_debut<M: Send + 'static>() -> Task<M> {
    iced::advanced::widget::operate(AuDebut).discard()
}

struct AuDebut;

impl Operation<()> for AuDebut {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<()>)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        _bounds: Rectangle,
        _content_bounds: Rectangle,
        _translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        state.scroll_to(AbsoluteOffset {
            x: Some(0.0),
            y: Some(0.0),
        });
    }
}

/// Le focus sur le premier contrôle d'un conteneur nommé (un formulaire qui s'ouvre),
/// quel qu'il soit : champ, choix ou liste.
pub fn premier_dans<M: Send + 'static>(conteneur: impl Into<Id>) -> Task<M> {
    iced::advanced::widget::operate(Premier {
        conteneur: conteneur.into(),
        cadre: None,
        fait: false,
    })
    .discard()
    .chain(montrer())
}

struct Premier {
    conteneur: Id,
    cadre: Option<Rectangle>,
    fait: bool,
}

impl Operation<()> for Premier {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<()>)) {
        operate(self);
    }

    fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
        if id == Some(&self.conteneur) {
            self.cadre = Some(bounds);
        }
    }

    fn focusable(&mut self, _id: Option<&Id>, b: Rectangle, state: &mut dyn Focusable) {
        // Les contrôles d'un conteneur sont visités après lui, dans son cadre.
        let dedans = self.cadre.is_some_and(|c| c.contains(b.center()));
        if dedans && !self.fait {
            self.fait = true;
            state.focus();
        } else {
            state.unfocus();
        }
    }
}

/// Fait défiler ce qu'il faut pour voir le contrôle qui a le focus.
pub fn montrer<M: Send + 'static>() -> Task<M> {
    iced::advanced::widget::operate(operation::then(Reperage::default(), |cibles| Defiler {
        cibles,
        rang: 0,
    }))
    .discard()
}

/// Un déplacement : la zone (par son rang de visite) et où la faire défiler.
type Cibles = Vec<(usize, AbsoluteOffset<Option<f32>>)>;

#[derive(Default)]
struct Reperage {
    /// Les zones défilantes déjà visitées : cadre, contenu, défilement actuel.
    zones: Vec<(Rectangle, Rectangle, Vector)>,
    cibles: Cibles,
}

impl Operation<Cibles> for Reperage {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<Cibles>)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.zones.push((bounds, content_bounds, translation));
    }

    fn focusable(&mut self, _id: Option<&Id>, b: Rectangle, state: &mut dyn Focusable) {
        if !state.is_focused() || !self.cibles.is_empty() {
            return;
        }
        // La zone la plus intérieure qui contient le contrôle et défile dans ce sens : les
        // zones sont visitées de l'extérieur vers l'intérieur.
        let (mut vertical, mut horizontal) = (false, false);
        for (rang, (cadre, contenu, t)) in self.zones.iter().enumerate().rev() {
            if !contenu.contains(b.center()) {
                continue;
            }
            let mut decalage = AbsoluteOffset { x: None, y: None };
            if !vertical && contenu.height > cadre.height + 0.5 {
                vertical = true;
                decalage.y = position(b.y - contenu.y, b.height, t.y, cadre.height, contenu.height);
            }
            if !horizontal && contenu.width > cadre.width + 0.5 {
                horizontal = true;
                decalage.x = position(b.x - contenu.x, b.width, t.x, cadre.width, contenu.width);
            }
            if decalage.x.is_some() || decalage.y.is_some() {
                self.cibles.push((rang, decalage));
            }
        }
    }

    fn finish(&self) -> Outcome<Cibles> {
        Outcome::Some(self.cibles.clone())
    }
}

/// Le nouveau défilement, sur un axe, pour qu'un contrôle placé de `debut` à
/// `debut + taille` dans le contenu soit visible ; `None` s'il l'est déjà.
fn position(debut: f32, taille: f32, actuel: f32, vue: f32, total: f32) -> Option<f32> {
    let marge = 24.0_f32.min(((vue - taille) / 2.0).max(0.0));
    let fin = debut + taille;
    let nouveau = if debut < actuel + marge || taille > vue {
        debut - marge
    } else if fin > actuel + vue - marge {
        fin - vue + marge
    } else {
        return None;
    };
    let nouveau = nouveau.clamp(0.0, (total - vue).max(0.0));
    ((nouveau - actuel).abs() > 0.5).then_some(nouveau)
}

/// Page suivante, précédente, début ou fin de l'écran, au clavier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Suivante,
    Precedente,
    Debut,
    Fin,
}

/// Fait défiler d'une page la plus grande zone défilante de l'écran (celle de la page, pas
/// une liste qu'elle contient) : ce qui n'a aucun contrôle à focaliser s'atteint aussi.
pub fn page<M: Send + 'static>(sens: Page) -> Task<M> {
    iced::advanced::widget::operate(operation::then(
        ReperagePage {
            sens,
            zones: Vec::new(),
        },
        |cibles| Defiler { cibles, rang: 0 },
    ))
    .discard()
}

struct ReperagePage {
    sens: Page,
    zones: Vec<(Rectangle, Rectangle, Vector)>,
}

impl Operation<Cibles> for ReperagePage {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<Cibles>)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.zones.push((bounds, content_bounds, translation));
    }

    fn finish(&self) -> Outcome<Cibles> {
        let grande = self
            .zones
            .iter()
            .enumerate()
            .filter(|(_, (cadre, contenu, _))| contenu.height > cadre.height + 0.5)
            .max_by(|a, b| {
                let aire = |r: &Rectangle| r.width * r.height;
                aire(&a.1 .0).total_cmp(&aire(&b.1 .0))
            });
        let Some((rang, (cadre, contenu, t))) = grande else {
            return Outcome::Some(Vec::new());
        };
        let y = defilement_page(self.sens, t.y, cadre.height, contenu.height);
        Outcome::Some(vec![(
            rang,
            AbsoluteOffset {
                x: None,
                y: Some(y),
            },
        )])
    }
}

/// Le défilement après une page : 90 % de la vue, pour garder une ligne de repère.
fn defilement_page(sens: Page, actuel: f32, vue: f32, total: f32) -> f32 {
    let max = (total - vue).max(0.0);
    match sens {
        Page::Suivante => actuel + vue * 0.9,
        Page::Precedente => actuel - vue * 0.9,
        Page::Debut => 0.0,
        Page::Fin => max,
    }
    .clamp(0.0, max)
}

struct Defiler {
    cibles: Cibles,
    rang: usize,
}

impl Operation<()> for Defiler {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<()>)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        _bounds: Rectangle,
        _content_bounds: Rectangle,
        _translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        for (rang, decalage) in &self.cibles {
            if *rang == self.rang {
                state.scroll_to(*decalage);
            }
        }
        self.rang += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{defilement_page, position, Page};

    #[test]
    fn une_page_descend_de_90_pour_cent_de_la_vue_sans_sortir_du_contenu() {
        assert_eq!(defilement_page(Page::Suivante, 0.0, 400.0, 2000.0), 360.0);
        assert_eq!(
            defilement_page(Page::Suivante, 1500.0, 400.0, 2000.0),
            1600.0
        );
        assert_eq!(defilement_page(Page::Precedente, 100.0, 400.0, 2000.0), 0.0);
        assert_eq!(defilement_page(Page::Fin, 0.0, 400.0, 2000.0), 1600.0);
        assert_eq!(defilement_page(Page::Debut, 700.0, 400.0, 2000.0), 0.0);
    }

    #[test]
    fn un_controle_sous_la_vue_la_fait_descendre_juste_assez() {
        // Vue de 400 px défilée à 0 ; contrôle de 30 px à 500 : on descend à 500+30-400+24.
        assert_eq!(position(500.0, 30.0, 0.0, 400.0, 2000.0), Some(154.0));
        // Au-dessus de la vue : on remonte jusqu'à lui, marge comprise.
        assert_eq!(position(100.0, 30.0, 300.0, 400.0, 2000.0), Some(76.0));
        // Déjà visible : rien ne bouge.
        assert_eq!(position(100.0, 30.0, 0.0, 400.0, 2000.0), None);
        // Jamais au-delà du contenu.
        assert_eq!(position(1990.0, 10.0, 0.0, 400.0, 2000.0), Some(1600.0));
    }
}
