//! Le rendu logiciel (tiny-skia) ne redessine que ce qui a changé : la place d'un texte doit
//! couvrir tout ce qu'il a dessiné, sinon l'ancien reste à l'écran.

use iced::advanced::graphics::text::Text;
use iced::advanced::text::{Alignment, Shaping};
use iced::alignment::Vertical;
use iced::{Color, Font, Pixels, Rectangle};

/// Le choix d'une liste déroulante : ancré au milieu de sa hauteur, dessiné de part et
/// d'autre. Sans la correction d'iced_graphics (vendor/), seule la moitié basse était
/// redessinée et le haut de l'indication « Choisir… » restait sous le choix fait.
#[test]
fn la_place_d_un_choix_de_liste_couvre_tout_son_texte() {
    let texte = |align_x, align_y| Text::Cached {
        content: "Pôle d'insertion Marseille 1-5-6-7".into(),
        bounds: Rectangle {
            x: 400.0,
            y: 200.0,
            width: 300.0,
            height: 20.0,
        },
        color: Color::BLACK,
        size: Pixels(14.0),
        line_height: Pixels(20.0),
        font: Font::DEFAULT,
        align_x,
        align_y,
        shaping: Shaping::Basic,
        clip_bounds: Rectangle {
            x: 0.0,
            y: 0.0,
            width: 1000.0,
            height: 1000.0,
        },
    };
    let place = |t: Text| t.visible_bounds().expect("visible");
    let centre = place(texte(Alignment::Default, Vertical::Center));
    assert_eq!((centre.y, centre.height), (190.0, 20.0), "{centre:?}");
    assert_eq!(centre.x, 400.0);
    let haut = place(texte(Alignment::Default, Vertical::Top));
    assert_eq!((haut.y, haut.height), (200.0, 20.0));
    let bas = place(texte(Alignment::Right, Vertical::Bottom));
    assert_eq!((bas.x, bas.y), (100.0, 180.0), "{bas:?}");
}
