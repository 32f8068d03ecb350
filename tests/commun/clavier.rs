//! Le clavier seul : une fenêtre sans souris ni carte graphique qui garde l'état de ses
//! contrôles (le focus, le défilement) d'une frappe à l'autre, transmet chaque touche aux
//! raccourcis comme le fait la boucle d'iced, et exécute les opérations que l'application
//! demande (déplacer le focus, faire défiler). Le simulateur d'iced_test, lui, repart d'un
//! état neuf à chaque fois : le focus s'y perd.

use binome::ui::app::{App, Message};
use iced::advanced::clipboard;
use iced::advanced::renderer::Headless;
use iced::advanced::widget::operation::{Focusable, Operation, Outcome};
use iced::advanced::widget::Id;
use iced::futures::StreamExt;
use iced::keyboard::{self, key::Named, Key, Location, Modifiers};
use iced::{mouse, window, Event, Font, Pixels, Rectangle, Size, Vector};
use iced_runtime::user_interface::{Cache, UserInterface};

/// Au-delà, le contrôle cherché n'est pas atteignable au clavier.
const TAB_MAX: usize = 400;

pub struct Clavier {
    pub app: App,
    renderer: iced::Renderer,
    cache: Option<Cache>,
    taille: Size,
    fenetre: window::Id,
    /// Toutes les touches frappées, dans l'ordre : le chemin suivi, pour les messages.
    pub frappes: Vec<String>,
}

/// Le contrôle qui a le focus : son identifiant (champ de saisie), les textes qu'il
/// contient et s'il est visible dans la fenêtre.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    pub id: Option<Id>,
    /// Sa place dans la mise en page (non défilée).
    pub cadre: Rectangle,
    pub textes: Vec<String>,
    pub visible: bool,
}

impl Focus {
    pub fn dit(&self, texte: &str) -> bool {
        self.textes.iter().any(|t| t == texte)
    }
    pub fn est(&self, champ: &str) -> bool {
        self.id.as_ref() == Some(&Id::from(champ.to_string()))
    }
}

/// La fenêtre telle que `Racine::view` la construit : les raccourcis Ctrl ne s'écrivent pas
/// dans les champs.
fn vue(app: &App) -> iced::Element<'_, Message> {
    binome::ui::hors_des_champs::hors_des_champs(app.view())
}

impl Clavier {
    /// La fenêtre à une taille logique donnée (640 × 450 : 1 280 × 900 à 200 %).
    pub fn new(app: App, largeur: f32, hauteur: f32) -> Clavier {
        // Le simulateur charge les polices de l'application dans le système de polices.
        drop(super::ecran::simulateur_taille(&app, largeur, hauteur));
        let renderer = iced::futures::executor::block_on(<iced::Renderer as Headless>::new(
            Font::with_name("DejaVu Sans"),
            Pixels(16.0),
            None,
        ))
        .expect("moteur de rendu");
        Clavier {
            app,
            renderer,
            cache: Some(Cache::default()),
            taille: Size::new(largeur, hauteur),
            fenetre: window::Id::unique(),
            frappes: Vec::new(),
        }
    }

    /// Une touche, avec ses modificateurs : enfoncée puis relâchée.
    pub fn touche(&mut self, key: Key, modifiers: Modifiers, texte: Option<&str>) {
        self.frappes.push(match (&key, modifiers.is_empty()) {
            (Key::Named(n), true) => format!("{n:?}"),
            (Key::Character(c), true) => c.to_string(),
            (k, false) => format!("{modifiers:?}+{k:?}"),
            (k, _) => format!("{k:?}"),
        });
        let physique =
            keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified);
        let evenements = vec![
            Event::Keyboard(keyboard::Event::KeyPressed {
                key: key.clone(),
                modified_key: key.clone(),
                physical_key: physique,
                location: Location::Standard,
                modifiers,
                text: texte.map(Into::into),
                repeat: false,
            }),
            Event::Keyboard(keyboard::Event::KeyReleased {
                key: key.clone(),
                modified_key: key,
                physical_key: physique,
                location: Location::Standard,
                modifiers,
            }),
        ];
        self.evenements(evenements);
    }

    fn evenements(&mut self, evenements: Vec<Event>) {
        let mut messages = Vec::new();
        let statuts = {
            let mut ui = UserInterface::build(
                vue(&self.app),
                self.taille,
                self.cache.take().unwrap_or_default(),
                &mut self.renderer,
            );
            let (_, statuts) = ui.update(
                &evenements,
                mouse::Cursor::Unavailable,
                &mut self.renderer,
                &mut clipboard::Null,
                &mut messages,
            );
            self.cache = Some(ui.into_cache());
            statuts
        };
        // Ce que la boucle d'iced donne ensuite à l'abonnement : les raccourcis.
        for (e, statut) in evenements.into_iter().zip(statuts) {
            if let Some(m) = binome::ui::raccourcis::evenement(e, statut, self.fenetre) {
                messages.push(m);
            }
        }
        for m in messages {
            self.traiter(m);
        }
    }

    fn traiter(&mut self, m: Message) {
        let t = self.app.update(m);
        self.executer(t);
    }

    fn executer(&mut self, t: iced::Task<Message>) {
        let Some(mut flux) = iced_runtime::task::into_stream(t) else {
            return;
        };
        // Une action à la fois : une opération sur les widgets tient le canal de sa tâche
        // ouvert tant qu'elle n'a pas été exécutée.
        while let Some(action) = iced::futures::executor::block_on(flux.next()) {
            match action {
                iced_runtime::Action::Output(m) => self.traiter(m),
                iced_runtime::Action::Widget(op) => self.operer(op),
                _ => {}
            }
        }
    }

    fn operer(&mut self, op: Box<dyn Operation>) {
        let mut ui = UserInterface::build(
            vue(&self.app),
            self.taille,
            self.cache.take().unwrap_or_default(),
            &mut self.renderer,
        );
        let mut suivante = Some(op);
        while let Some(mut op) = suivante.take() {
            ui.operate(&self.renderer, op.as_mut());
            if let Outcome::Chain(next) = op.finish() {
                suivante = Some(next);
            }
        }
        self.cache = Some(ui.into_cache());
    }

    /// Ce que la fenêtre montre : textes, zones défilantes, contrôle qui a le focus.
    fn inspecter(&mut self) -> Inspection {
        let mut inspection = Inspection::default();
        let mut ui = UserInterface::build(
            vue(&self.app),
            self.taille,
            self.cache.take().unwrap_or_default(),
            &mut self.renderer,
        );
        ui.operate(&self.renderer, &mut inspection);
        self.cache = Some(ui.into_cache());
        inspection
    }

    /// Le contrôle qui a le focus, s'il y en a un.
    pub fn focus(&mut self) -> Option<Focus> {
        let inspection = self.inspecter();
        let (id, cadre, visible, a_l_ecran) = inspection.focus?;
        let fenetre = Rectangle::new(iced::Point::ORIGIN, self.taille);
        let textes = inspection
            .textes
            .into_iter()
            .filter(|(b, _)| cadre.contains(b.center()))
            .map(|(_, t)| t)
            .collect();
        Some(Focus {
            id,
            cadre,
            textes,
            visible: visible && fenetre.contains(a_l_ecran),
        })
    }

    pub fn tab(&mut self) {
        self.touche(Key::Named(Named::Tab), Modifiers::empty(), None);
        self.doit_etre_visible();
    }

    pub fn maj_tab(&mut self) {
        self.touche(Key::Named(Named::Tab), Modifiers::SHIFT, None);
        self.doit_etre_visible();
    }

    pub fn entree(&mut self) {
        self.touche(Key::Named(Named::Enter), Modifiers::empty(), None);
    }

    pub fn espace(&mut self) {
        self.touche(Key::Named(Named::Space), Modifiers::empty(), Some(" "));
    }

    pub fn echap(&mut self) {
        self.touche(Key::Named(Named::Escape), Modifiers::empty(), None);
    }

    pub fn bas(&mut self) {
        self.touche(Key::Named(Named::ArrowDown), Modifiers::empty(), None);
    }

    pub fn haut(&mut self) {
        self.touche(Key::Named(Named::ArrowUp), Modifiers::empty(), None);
    }

    /// Ctrl + une lettre, un chiffre, « + » ou « - », avec le caractère que le système
    /// joint à la touche (un champ qui a le focus le reçoit aussi).
    pub fn ctrl(&mut self, c: &str) {
        self.touche(Key::Character(c.into()), Modifiers::CTRL, Some(c));
    }

    /// Tape un texte, caractère par caractère, dans le champ qui a le focus.
    pub fn taper(&mut self, texte: &str) {
        for c in texte.chars() {
            let s = c.to_string();
            self.touche(
                Key::Character(s.as_str().into()),
                Modifiers::empty(),
                Some(&s),
            );
        }
    }

    /// Vide le champ qui a le focus (Ctrl+A puis Retour arrière).
    pub fn effacer(&mut self) {
        self.touche(Key::Character("a".into()), Modifiers::CTRL, None);
        self.touche(Key::Named(Named::Backspace), Modifiers::empty(), None);
    }

    /// Le contrôle qui a le focus doit se voir : la page a défilé jusqu'à lui.
    fn doit_etre_visible(&mut self) {
        if let Some(f) = self.focus() {
            assert!(
                f.visible,
                "le contrôle qui a le focus est hors de la fenêtre : {f:?} (touches : {})",
                self.chemin()
            );
        }
    }

    fn chemin(&self) -> String {
        let n = self.frappes.len();
        self.frappes[n.saturating_sub(30)..].join(" ")
    }

    /// Tab jusqu'au contrôle qui dit `texte` (un bouton, une case, un choix).
    pub fn tab_vers(&mut self, texte: &str) {
        self.tab_jusqu_a(texte, |f| f.dit(texte));
    }

    /// Tab jusqu'au champ de saisie `champ`.
    pub fn tab_vers_champ(&mut self, champ: &str) {
        self.tab_jusqu_a(champ, |f| f.est(champ));
    }

    fn tab_jusqu_a(&mut self, cible: &str, trouve: impl Fn(&Focus) -> bool) {
        let mut vus = Vec::new();
        for _ in 0..TAB_MAX {
            if let Some(f) = self.focus() {
                if trouve(&f) {
                    return;
                }
                if vus.len() < 80 {
                    vus.push(f.textes.first().cloned().unwrap_or_else(|| {
                        f.id.as_ref().map(|i| format!("{i:?}")).unwrap_or_default()
                    }));
                }
            }
            self.tab();
        }
        panic!("« {cible} » n'est pas atteignable par Tab ; parcourus : {vus:?}");
    }

    /// Vrai si le premier texte qui contient `morceau` est dans la partie visible de la
    /// fenêtre (pas seulement plus haut ou plus bas dans une page qui défile).
    pub fn a_l_ecran(&mut self, morceau: &str) -> bool {
        let inspection = self.inspecter();
        let fenetre = Rectangle::new(iced::Point::ORIGIN, self.taille);
        inspection
            .textes
            .iter()
            .find(|(_, t)| t.contains(morceau))
            .is_some_and(|(b, _)| {
                let (visible, point) = inspection.place(*b);
                visible && fenetre.contains(point)
            })
    }

    /// Vrai si un texte affiché contient `morceau`.
    pub fn voit(&mut self, morceau: &str) -> bool {
        self.ou(morceau).is_some()
    }

    /// La place (dans la mise en page) du premier texte qui contient `morceau`.
    pub fn ou(&mut self, morceau: &str) -> Option<Rectangle> {
        let inspection = self.inspecter();
        inspection
            .textes
            .into_iter()
            .find(|(_, t)| t.contains(morceau))
            .map(|(b, _)| b)
    }
}

/// Ce qu'une opération voit de la fenêtre : les textes, les zones défilantes et le
/// contrôle qui a le focus (dans les coordonnées de la mise en page, non défilées).
#[derive(Default)]
struct Inspection {
    zones: Vec<(Rectangle, Rectangle, Vector)>,
    textes: Vec<(Rectangle, String)>,
    focus: Option<(Option<Id>, Rectangle, bool, iced::Point)>,
}

impl Operation for Inspection {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn iced::advanced::widget::operation::Scrollable,
    ) {
        self.zones.push((bounds, content_bounds, translation));
    }

    fn text(&mut self, _id: Option<&Id>, bounds: Rectangle, text: &str) {
        // Les messages ont des espaces insécables (devant « » : ? …) : les essais
        // écrivent des espaces.
        self.textes.push((bounds, text.replace('\u{a0}', " ")));
    }

    fn focusable(&mut self, id: Option<&Id>, b: Rectangle, state: &mut dyn Focusable) {
        if !state.is_focused() || self.focus.is_some() {
            return;
        }
        let (visible, a_l_ecran) = self.place(b);
        self.focus = Some((id.cloned(), b, visible, a_l_ecran));
    }
}

impl Inspection {
    /// Visible dans chaque zone défilante qui le contient (la partie montrée d'une zone est
    /// son cadre décalé de son défilement, dans les coordonnées de la mise en page), et le
    /// point où son centre est dessiné dans la fenêtre.
    fn place(&self, b: Rectangle) -> (bool, iced::Point) {
        let zones = || {
            self.zones
                .iter()
                .filter(move |(_, contenu, _)| contenu.contains(b.center()))
        };
        let visible = zones().all(|(cadre, _, t)| {
            let vue = Rectangle {
                x: cadre.x + t.x - 1.0,
                y: cadre.y + t.y - 1.0,
                width: cadre.width + 2.0,
                height: cadre.height + 2.0,
            };
            vue.contains(b.center())
        });
        let decalage = zones().fold(Vector::ZERO, |v, (_, _, t)| v + *t);
        (visible, b.center() - decalage)
    }
}
