//! Rendre un contrôle atteignable au clavier : iced 0.14 ne donne le focus qu'aux champs de
//! saisie. Ce conteneur se déclare « focalisable » (Tab et Maj+Tab le parcourent avec les
//! champs), dessine un anneau de focus visible, et traduit Entrée ou Espace en l'action du
//! contrôle, les flèches en « précédent / suivant » (listes de choix). Voir
//! `docs/accessibilite.md`.

use iced::advanced::layout;
use iced::advanced::mouse;
use iced::advanced::overlay;
use iced::advanced::renderer;
use iced::advanced::widget::operation::Focusable;
use iced::advanced::widget::{tree, Operation, Tree};
use iced::advanced::{Clipboard, Layout, Shell, Widget};
use iced::keyboard::{self, key::Named, Key};
use iced::{Border, Color, Element, Event, Length, Rectangle, Size, Theme, Vector};

/// Un contrôle et ce que le clavier y déclenche.
pub struct Focalisable<'a, Message> {
    contenu: Element<'a, Message>,
    activer: Option<Message>,
    precedent: Option<Message>,
    suivant: Option<Message>,
    nom: Option<String>,
    id: Option<iced::advanced::widget::Id>,
}

#[derive(Debug, Default)]
struct Etat {
    focus: bool,
}

impl Focusable for Etat {
    fn is_focused(&self) -> bool {
        self.focus
    }
    fn focus(&mut self) {
        self.focus = true;
    }
    fn unfocus(&mut self) {
        self.focus = false;
    }
}

impl<'a, Message: Clone> Focalisable<'a, Message> {
    pub fn new(contenu: impl Into<Element<'a, Message>>) -> Self {
        Focalisable {
            contenu: contenu.into(),
            activer: None,
            precedent: None,
            suivant: None,
            nom: None,
            id: None,
        }
    }

    /// Entrée ou Espace : ce que fait un clic.
    pub fn activer(mut self, m: Option<Message>) -> Self {
        self.activer = m;
        self
    }

    /// Le nom du contrôle quand son contenu ne le dit pas aux opérations (bouton radio,
    /// liste de choix) : c'est par lui qu'un test, ou un jour un lecteur d'écran, le trouve.
    pub fn nom(mut self, nom: impl Into<String>) -> Self {
        self.nom = Some(nom.into());
        self
    }

    /// Un identifiant, pour y porter le focus (le premier contrôle d'un formulaire).
    pub fn id(mut self, id: impl Into<iced::advanced::widget::Id>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Flèches haut / gauche et bas / droite.
    pub fn parcourir(mut self, precedent: Option<Message>, suivant: Option<Message>) -> Self {
        self.precedent = precedent;
        self.suivant = suivant;
        self
    }
}

impl<Message: Clone> Widget<Message, Theme, iced::Renderer> for Focalisable<'_, Message> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<Etat>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(Etat::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.contenu)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.contenu));
    }

    fn size(&self) -> Size<Length> {
        self.contenu.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.contenu
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        let etat = tree.state.downcast_mut::<Etat>();
        operation.focusable(self.id.as_ref(), layout.bounds(), etat);
        if let Some(nom) = &self.nom {
            operation.text(None, layout.bounds(), nom);
        }
        self.contenu
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        // Un clic donne le focus au contrôle cliqué et le retire aux autres.
        if let Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) = event {
            let dedans = cursor.is_over(layout.bounds());
            let etat = tree.state.downcast_mut::<Etat>();
            if etat.focus != dedans {
                etat.focus = dedans;
                shell.request_redraw();
            }
        }
        self.contenu.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if shell.is_event_captured() || !tree.state.downcast_ref::<Etat>().focus {
            return;
        }
        if let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event {
            if modifiers.command() || modifiers.alt() {
                return;
            }
            let message = match key.as_ref() {
                Key::Named(Named::Enter | Named::Space) => self.activer.clone(),
                Key::Named(Named::ArrowUp | Named::ArrowLeft) => self.precedent.clone(),
                Key::Named(Named::ArrowDown | Named::ArrowRight) => self.suivant.clone(),
                _ => None,
            };
            if let Some(m) = message {
                shell.publish(m);
                shell.capture_event();
            }
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.contenu.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.contenu.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
        if tree.state.downcast_ref::<Etat>().focus {
            use iced::advanced::Renderer as _;
            // Deux anneaux : la couleur du texte dehors, celle du fond dedans. L'un des deux
            // tranche toujours, sur la page comme sur un bouton de couleur. Les anneaux sont
            // tracés autour du contrôle, pas sur lui : ils ne rognent ni le rond d'un bouton
            // radio ni le bord d'un bouton.
            let (dehors, dedans) = couleurs_anneau(theme);
            for (bounds, color) in [
                (layout.bounds().expand(4.0), dehors),
                (layout.bounds().expand(2.0), dedans),
            ] {
                renderer.fill_quad(
                    renderer::Quad {
                        bounds,
                        border: Border {
                            color,
                            width: 2.0,
                            radius: 4.0.into(),
                        },
                        ..renderer::Quad::default()
                    },
                    Color::TRANSPARENT,
                );
            }
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, iced::Renderer>> {
        self.contenu.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

/// L'anneau de focus : (dehors, dedans).
pub fn couleurs_anneau(theme: &Theme) -> (Color, Color) {
    let p = theme.extended_palette();
    (p.background.base.text, p.background.base.color)
}

impl<'a, Message: Clone + 'a> From<Focalisable<'a, Message>> for Element<'a, Message> {
    fn from(f: Focalisable<'a, Message>) -> Element<'a, Message> {
        Element::new(f)
    }
}
