//! Les contrastes des couleurs que la fenêtre dessine, lus dans les styles mêmes qu'emploient
//! les widgets, pour les trois apparences : 4,5:1 au moins pour le texte, 3:1 pour les
//! composants et l'anneau de focus (EN 301 549, 11.1.4.3 et 11.1.4.11).

use binome::ui::theme::{contraste, Apparence, Palettes};
use iced::widget::button;
use iced::{Background, Color};

fn fond(b: Option<Background>, defaut: Color) -> Color {
    match b {
        Some(Background::Color(c)) => c,
        _ => defaut,
    }
}

#[test]
fn les_couleurs_dessinees_sont_assez_contrastees_dans_chaque_apparence() {
    let mut echecs = Vec::new();
    for a in Apparence::TOUTES {
        let t = a.theme();
        let page = t.extended_palette().background.base.color;
        let texte = t.extended_palette().background.base.text;
        let mut verifier = |quoi: &str, x: Color, y: Color, seuil: f32| {
            let r = contraste(x, y);
            if r < seuil {
                echecs.push(format!("{a} — {quoi} : {r:.2}:1 (il faut {seuil}:1)"));
            }
        };
        verifier("texte", texte, page, 4.5);
        // Le rail de navigation.
        let rail = binome::ui::theme::rail(&t);
        let fond_rail = fond(rail.background, page);
        verifier(
            "rail : texte",
            rail.text_color.unwrap_or(texte),
            fond_rail,
            4.5,
        );
        let actif = button::primary(&t, button::Status::Active);
        verifier(
            "rail : rubrique active",
            actif.text_color,
            fond(actif.background, page),
            4.5,
        );
        let lien = binome::ui::theme::rubrique(&t, button::Status::Active);
        verifier("rail : rubrique", lien.text_color, fond_rail, 4.5);
        // Les boutons, actifs et inactifs.
        for (nom, style) in [
            (
                "bouton principal",
                button::primary as fn(&iced::Theme, button::Status) -> button::Style,
            ),
            ("bouton", binome::ui::theme::secondaire),
        ] {
            let s = style(&t, button::Status::Active);
            let f = fond(s.background, page);
            verifier(&format!("{nom} : texte"), s.text_color, f, 4.5);
            // Le bouton se distingue de la page par son fond ou par sa bordure.
            let bord = if s.border.width > 0.0 {
                s.border.color
            } else {
                f
            };
            verifier(
                &format!("{nom} : sur la page"),
                if contraste(f, page) >= contraste(bord, page) {
                    f
                } else {
                    bord
                },
                page,
                3.0,
            );
            let d = style(&t, button::Status::Disabled);
            verifier(
                &format!("{nom} inactif : texte"),
                d.text_color,
                fond(d.background, page),
                3.0,
            );
        }
        // L'anneau de focus, sur la page et sur un bouton principal.
        let anneau = binome::ui::focalisable::couleurs_anneau(&t);
        let principal = fond(button::primary(&t, button::Status::Active).background, page);
        // Alertes et erreurs, sur la page.
        let p = t.palette();
        verifier("alerte", p.warning, page, 4.5);
        verifier("erreur", p.danger, page, 4.5);
        let meilleur = |f: Color| contraste(anneau.0, f).max(contraste(anneau.1, f));
        for (quoi, f) in [("page", page), ("bouton principal", principal)] {
            let r = meilleur(f);
            if r < 3.0 {
                echecs.push(format!("{a} — anneau de focus sur {quoi} : {r:.2}:1"));
            }
        }
    }
    assert!(echecs.is_empty(), "{}", echecs.join("\n"));
}
