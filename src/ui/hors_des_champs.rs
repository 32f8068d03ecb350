//! Les raccourcis Ctrl ne s'écrivent pas dans les champs. Le champ de saisie d'iced 0.14
//! insère le caractère d'une touche pressée avec Ctrl dès qu'il n'est pas un caractère de
//! contrôle : Ctrl+plus, Ctrl+moins ou Ctrl+1…8 agrandissaient le texte ou changeaient
//! d'écran **et** écrivaient « + », « - » ou un chiffre dans le nom de la personne. Ce
//! conteneur, à la racine de la fenêtre, retire ce caractère avant que les champs ne voient
//! la touche ; les raccourcis la reçoivent telle quelle. Ctrl+Alt reste une saisie : c'est
//! AltGr sous Windows (« @ », « € », « # » au clavier français).

use iced::advanced::layout;
use iced::advanced::mouse;
use iced::advanced::overlay;
use iced::advanced::renderer;
use iced::advanced::widget::{Operation, Tree};
use iced::advanced::{Clipboard, Layout, Shell, Widget};
use iced::keyboard;
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector};

pub struct HorsDesChamps<'a, Message> {
    contenu: Element<'a, Message>,
}

pub fn hors_des_champs<'a, Message: 'a>(
    contenu: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    Element::new(HorsDesChamps {
        contenu: contenu.into(),
    })
}

/// La touche telle que les champs doivent la voir : sans texte si Ctrl (sans Alt) est tenu.
fn pour_les_champs(event: &Event) -> Option<Event> {
    match event {
        Event::Keyboard(keyboard::Event::KeyPressed {
            modifiers,
            text: Some(t),
            ..
        }) if modifiers.command() && !modifiers.alt() && t.chars().any(|c| !c.is_control()) => {
            let mut sans_texte = event.clone();
            if let Event::Keyboard(keyboard::Event::KeyPressed { text, .. }) = &mut sans_texte {
                *text = None;
            }
            Some(sans_texte)
        }
        _ => None,
    }
}

impl<Message> Widget<Message, Theme, iced::Renderer> for HorsDesChamps<'_, Message> {
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
        let filtre = pour_les_champs(event);
        self.contenu.as_widget_mut().update(
            &mut tree.children[0],
            filtre.as_ref().unwrap_or(event),
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
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
