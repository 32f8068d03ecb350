//! Apparences : claire (par défaut, d'après le système de design de l'État), sombre et
//! contraste élevé. Couleurs choisies pour un contraste de texte d'au moins 4,5:1.

use iced::theme::Palette;
use iced::{Color, Theme};

pub use crate::services::preferences::Apparence;

/// Les couleurs d'une apparence, pour iced.
pub trait Palettes {
    fn palette(self) -> Palette;
    fn theme(self) -> Theme;
}

impl Palettes for Apparence {
    fn palette(self) -> Palette {
        let hex = |r: u8, g: u8, b: u8| Color::from_rgb8(r, g, b);
        match self {
            Apparence::Claire => Palette {
                background: hex(0xFF, 0xFF, 0xFF),
                text: hex(0x16, 0x16, 0x16),
                primary: hex(0x00, 0x00, 0x91),
                success: hex(0x18, 0x75, 0x3C),
                warning: hex(0xB3, 0x40, 0x00),
                danger: hex(0xCE, 0x05, 0x00),
            },
            Apparence::Sombre => Palette {
                background: hex(0x16, 0x16, 0x16),
                text: hex(0xEE, 0xEE, 0xEE),
                primary: hex(0x8B, 0x8B, 0xF6),
                success: hex(0x27, 0xA6, 0x58),
                warning: hex(0xFC, 0x5D, 0x00),
                danger: hex(0xFF, 0x55, 0x55),
            },
            Apparence::ContrasteEleve => Palette {
                background: hex(0x00, 0x00, 0x00),
                text: hex(0xFF, 0xFF, 0xFF),
                primary: hex(0xFF, 0xFF, 0x00),
                success: hex(0x00, 0xFF, 0x7F),
                warning: hex(0xFF, 0xA5, 0x00),
                danger: hex(0xFF, 0x6B, 0x6B),
            },
        }
    }

    fn theme(self) -> Theme {
        Theme::custom(self.libelle(), self.palette())
    }
}

/// Rapport de contraste WCAG entre deux couleurs.
pub fn contraste(a: Color, b: Color) -> f32 {
    fn lin(c: f32) -> f32 {
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let l = |c: Color| 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    let (x, y) = (l(a), l(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Le rail de navigation : un fond à peine teinté, le texte du thème.
pub fn rail(theme: &Theme) -> iced::widget::container::Style {
    let p = theme.extended_palette();
    iced::widget::container::Style {
        background: Some(p.background.weak.color.into()),
        text_color: Some(p.background.base.text),
        ..Default::default()
    }
}

/// Une rubrique du rail : du texte, souligné d'un fond au survol.
pub fn rubrique(
    theme: &Theme,
    status: iced::widget::button::Status,
) -> iced::widget::button::Style {
    use iced::widget::button::Status;
    let p = theme.extended_palette();
    iced::widget::button::Style {
        background: match status {
            Status::Hovered | Status::Pressed => Some(p.background.strong.color.into()),
            _ => None,
        },
        text_color: match status {
            Status::Hovered | Status::Pressed => p.background.strong.text,
            _ => p.background.base.text,
        },
        ..Default::default()
    }
}

/// Un bouton secondaire : fond teinté, bordure franche (le bouton se voit sur la page),
/// texte du thème. Inactif : texte atténué mais lisible, bordure en pointillé impossible en
/// iced, donc fond de page et bordure fine.
pub fn secondaire(
    theme: &Theme,
    status: iced::widget::button::Status,
) -> iced::widget::button::Style {
    use iced::widget::button::Status;
    let p = theme.extended_palette();
    let base = iced::widget::button::Style {
        background: Some(p.background.weak.color.into()),
        text_color: p.background.base.text,
        border: iced::Border {
            color: p.background.base.text,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..Default::default()
    };
    match status {
        Status::Hovered | Status::Pressed => iced::widget::button::Style {
            background: Some(p.background.strong.color.into()),
            text_color: p.background.strong.text,
            ..base
        },
        Status::Disabled => iced::widget::button::Style {
            background: Some(p.background.base.color.into()),
            text_color: attenue(theme),
            border: iced::Border {
                color: attenue(theme),
                width: 1.0,
                radius: 4.0.into(),
            },
            ..base
        },
        Status::Active => base,
    }
}

/// Le texte d'un contrôle inactif : à mi-chemin du texte et du fond, au moins 3:1.
pub fn attenue(theme: &Theme) -> Color {
    let p = theme.palette();
    let m = |a: f32, b: f32| a * 0.62 + b * 0.38;
    Color::from_rgb(
        m(p.text.r, p.background.r),
        m(p.text.g, p.background.g),
        m(p.text.b, p.background.b),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn le_texte_est_lisible_dans_chaque_apparence() {
        for a in Apparence::TOUTES {
            let p = a.palette();
            assert!(contraste(p.text, p.background) >= 4.5, "{a}: texte");
            assert!(
                contraste(p.primary, p.background) >= 4.5,
                "{a}: couleur principale"
            );
            assert!(contraste(p.danger, p.background) >= 4.5, "{a}: erreurs");
        }
    }
}
