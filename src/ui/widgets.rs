//! Petits éléments réutilisés par tous les écrans : champs de formulaire avec leur message
//! d'erreur, titres, étiquettes d'état.

use super::focalisable::Focalisable;
use iced::widget::{button, column, container, row, text, text_input, Space};
use iced::{Alignment, Element, Length, Theme};

pub const TAILLE_TEXTE: f32 = 15.0;

pub fn titre<'a, M: 'a>(t: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(t).size(24).into()
}

pub fn sous_titre<'a, M: 'a>(t: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(t).size(18).into()
}

/// Un champ texte : libellé au-dessus, message d'erreur en mots au-dessous.
pub fn champ<'a, M: Clone + 'a>(
    libelle: &'a str,
    id: &'static str,
    valeur: &'a str,
    aide: &'a str,
    erreur: Option<&'a str>,
    sur_saisie: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    champ_valide(libelle, id, valeur, aide, erreur, sur_saisie, None)
}

/// Le même, où Entrée valide le formulaire (`sur_entree`).
pub fn champ_valide<'a, M: Clone + 'a>(
    libelle: &'a str,
    id: &'static str,
    valeur: &'a str,
    aide: &'a str,
    erreur: Option<&'a str>,
    sur_saisie: impl Fn(String) -> M + 'a,
    sur_entree: Option<M>,
) -> Element<'a, M> {
    let mut c = column![
        text(libelle).size(TAILLE_TEXTE),
        text_input(aide, valeur)
            .id(id)
            .on_input(sur_saisie)
            .on_submit_maybe(sur_entree)
            .padding(6)
            .size(TAILLE_TEXTE),
    ]
    .spacing(4);
    if let Some(e) = erreur {
        c = c.push(text(format!("⚠ {e}")).size(13).style(text::danger));
    }
    c.into()
}

/// Un champ de mot de passe (masqué) ; Entrée valide le formulaire.
pub fn champ_secret<'a, M: Clone + 'a>(
    libelle: &'a str,
    id: &'static str,
    valeur: &'a str,
    sur_saisie: impl Fn(String) -> M + 'a,
    sur_entree: Option<M>,
) -> Element<'a, M> {
    column![
        text(libelle).size(TAILLE_TEXTE),
        text_input("", valeur)
            .id(id)
            .secure(true)
            .on_input(sur_saisie)
            .on_submit_maybe(sur_entree)
            .padding(6)
            .size(TAILLE_TEXTE),
    ]
    .spacing(4)
    .into()
}

/// Un bouton ; actif, il est atteignable au clavier (Tab, puis Entrée ou Espace).
pub fn bouton<'a, M: Clone + 'a>(
    libelle: impl text::IntoFragment<'a>,
    message: Option<M>,
) -> Element<'a, M> {
    au_clavier(
        button(text(libelle).size(TAILLE_TEXTE))
            .on_press_maybe(message.clone())
            .padding([6, 12])
            .style(crate::ui::theme::secondaire),
        message,
    )
}

/// À 150 % de texte et plus, le bouton qui montre ou cache les listes de filtres d'un
/// écran ; fermé, il dit combien de filtres sont posés.
pub fn bouton_filtres<'a, M: Clone + 'a>(
    ouverts: bool,
    poses: usize,
    message: M,
) -> Element<'a, M> {
    let libelle = match (ouverts, poses) {
        (true, _) => "Filtres ▾".to_string(),
        (false, 0) => "Filtres ▸".to_string(),
        (false, n) => format!("Filtres ({n}) ▸"),
    };
    bouton(libelle, Some(message))
}

pub fn bouton_principal<'a, M: Clone + 'a>(libelle: String, message: Option<M>) -> Element<'a, M> {
    au_clavier(
        button(text(libelle).size(TAILLE_TEXTE))
            .on_press_maybe(message.clone())
            .padding([8, 16])
            .style(button::primary),
        message,
    )
}

/// Un contrôle actif devient focalisable (Entrée ou Espace le déclenche) ; un contrôle
/// inactif reste hors du parcours au clavier.
pub fn au_clavier<'a, M: Clone + 'a>(
    controle: impl Into<Element<'a, M>>,
    message: Option<M>,
) -> Element<'a, M> {
    match message {
        Some(m) => Focalisable::new(controle).activer(Some(m)).into(),
        None => controle.into(),
    }
}

/// Un bouton radio atteignable au clavier : Espace le choisit.
pub fn choix<'a, V, M>(
    libelle: impl Into<String>,
    valeur: V,
    actuel: Option<V>,
    message: impl Fn(V) -> M + 'a,
) -> Element<'a, M>
where
    V: Copy + Eq + 'a,
    M: Clone + 'a,
{
    radio(libelle, valeur, actuel, message).into()
}

fn radio<'a, V, M>(
    libelle: impl Into<String>,
    valeur: V,
    actuel: Option<V>,
    message: impl Fn(V) -> M + 'a,
) -> Focalisable<'a, M>
where
    V: Copy + Eq + 'a,
    M: Clone + 'a,
{
    let m = message(valeur);
    let libelle = libelle.into();
    Focalisable::new(
        iced::widget::radio(libelle.clone(), valeur, actuel, message).text_size(TAILLE_TEXTE),
    )
    .nom(libelle)
    .activer(Some(m))
}

/// Le premier contrôle des formulaires d'identité : le focus y arrive à l'ouverture.
pub const ID_CIVILITE: &str = "civilite";

/// « Madame / Monsieur », au clavier comme à la souris.
pub fn civilite<'a, M: Clone + 'a>(
    actuelle: Option<crate::domain::personne::Civilite>,
    message: impl Fn(crate::domain::personne::Civilite) -> M + Clone + 'a,
) -> Element<'a, M> {
    use crate::domain::personne::Civilite;
    row![
        radio("Madame", Civilite::Madame, actuelle, message.clone()).id(ID_CIVILITE),
        choix("Monsieur", Civilite::Monsieur, actuelle, message),
    ]
    .spacing(20)
    .into()
}

/// Une case à cocher atteignable au clavier : Espace la coche ou la décoche.
pub fn case<'a, M: Clone + 'a>(
    libelle: impl Into<String>,
    cochee: bool,
    message: impl Fn(bool) -> M + 'a,
) -> Element<'a, M> {
    case_taille(libelle, cochee, message, TAILLE_TEXTE)
}

/// La même, en plus petit (les listes de cases serrées : publics, besoins).
pub fn case_taille<'a, M: Clone + 'a>(
    libelle: impl Into<String>,
    cochee: bool,
    message: impl Fn(bool) -> M + 'a,
    taille: f32,
) -> Element<'a, M> {
    let m = message(!cochee);
    Focalisable::new(
        iced::widget::checkbox(cochee)
            .label(libelle.into())
            .on_toggle(message)
            .text_size(taille),
    )
    .activer(Some(m))
    .into()
}

/// Une liste de choix atteignable au clavier : les flèches passent au choix précédent ou
/// suivant sans ouvrir la liste.
pub fn liste<'a, T, M>(
    options: impl Into<Vec<T>>,
    choisi: Option<T>,
    message: impl Fn(T) -> M + Clone + 'a,
    indication: impl Into<String>,
) -> Element<'a, M>
where
    T: Clone + PartialEq + std::fmt::Display + 'a,
    M: Clone + 'a,
{
    let options: Vec<T> = options.into();
    let (precedent, suivant) = voisins(&options, choisi.as_ref(), &message);
    let indication = indication.into();
    Focalisable::new(
        iced::widget::pick_list(options, choisi, message)
            .placeholder(indication.clone())
            .text_size(TAILLE_TEXTE),
    )
    .nom(indication)
    .parcourir(precedent, suivant)
    .into()
}

/// Une liste qui ajoute ce qu'on y choisit (un besoin à évaluer) : à la souris, le choix
/// ajoute ; au clavier, les flèches proposent un choix, Entrée l'ajoute.
pub fn liste_ajout<'a, T, M>(
    options: impl Into<Vec<T>>,
    propose: Option<T>,
    proposer: impl Fn(T) -> M + Clone + 'a,
    ajouter: impl Fn(T) -> M + 'a,
    indication: impl Into<String>,
) -> Element<'a, M>
where
    T: Clone + PartialEq + std::fmt::Display + 'a,
    M: Clone + 'a,
{
    let options: Vec<T> = options.into();
    let (precedent, suivant) = voisins(&options, propose.as_ref(), &proposer);
    let indication = indication.into();
    let activer = propose.clone().map(&ajouter);
    Focalisable::new(
        iced::widget::pick_list(options, propose, ajouter)
            .placeholder(indication.clone())
            .text_size(TAILLE_TEXTE)
            .width(Length::Fill),
    )
    .nom(indication)
    .parcourir(precedent, suivant)
    .activer(activer)
    .into()
}

/// Les messages des flèches : le choix voisin de l'actuel (le premier s'il n'y en a pas).
fn voisins<T: Clone + PartialEq, M>(
    options: &[T],
    choisi: Option<&T>,
    message: &impl Fn(T) -> M,
) -> (Option<M>, Option<M>) {
    let i = choisi.and_then(|c| options.iter().position(|o| o == c));
    let voisin = |pas: isize| -> Option<M> {
        let n = options.len() as isize;
        if n == 0 {
            return None;
        }
        let j = match i {
            Some(i) => (i as isize + pas).clamp(0, n - 1),
            None => 0,
        } as usize;
        (Some(j) != i).then(|| message(options[j].clone()))
    };
    (voisin(-1), voisin(1))
}

/// Le texte d'un message, les espaces de la typographie française rendues insécables
/// (après « et avant » : ; ! ?) : à 200 %, un « » » ou un « : » ne commence plus une ligne.
pub fn insecables(texte: &str) -> String {
    let mut s = String::with_capacity(texte.len() + 8);
    let mut avant = None;
    let mut suite = texte.chars().peekable();
    while let Some(c) = suite.next() {
        let colle = c == ' '
            && (avant == Some('«') || matches!(suite.peek(), Some('»' | ':' | ';' | '!' | '?')));
        s.push(if colle { '\u{a0}' } else { c });
        avant = Some(c);
    }
    s
}

/// Le texte d'un message affiché : son signe (erreur ou information), puis lui-même.
fn texte_du_message(erreur: bool, message: &str) -> String {
    format!("{} {}", if erreur { "⚠" } else { "ℹ" }, insecables(message))
}

/// Une bannière d'erreur, dans la fenêtre, avec ce qu'il faut faire.
pub fn erreur<'a, M: 'a>(message: &str) -> Element<'a, M> {
    container(text(texte_du_message(true, message)).size(TAILLE_TEXTE))
        .padding(10)
        .width(Length::Fill)
        .style(|t: &Theme| {
            let p = t.extended_palette();
            container::Style {
                background: Some(p.danger.weak.color.into()),
                text_color: Some(p.danger.weak.text),
                border: iced::Border {
                    color: p.danger.strong.color,
                    width: 1.0,
                    radius: 4.0.into(),
                },
                ..container::Style::default()
            }
        })
        .into()
}

pub fn information<'a, M: 'a>(message: &str) -> Element<'a, M> {
    container(text(texte_du_message(false, message)).size(TAILLE_TEXTE))
        .padding(10)
        .width(Length::Fill)
        .style(container::rounded_box)
        .into()
}

/// Ce qui vient d'être fait, posé en bas de la fenêtre (voir [`message_flottant`]) ; il se
/// ferme par son bouton.
pub fn avis_flottant<'a, M: Clone + 'a>(
    page: impl Into<Element<'a, M>>,
    avis: Option<&'a str>,
    fermer: M,
) -> Element<'a, M> {
    message_flottant(page, avis.map(|a| (a, false)), fermer)
}

/// Un avis ou une erreur (`erreur`) posé en bas de la fenêtre, sous la page et non
/// par-dessus : posé dessus, à 200 % il cachait le bas de la page, et le contrôle qui y
/// avait le focus. La page garde sa place dans l'arbre des widgets : un message qui paraît
/// ou disparaît ne fait pas perdre le focus, et le haut de la page ne bouge pas.
pub fn message_flottant<'a, M: Clone + 'a>(
    page: impl Into<Element<'a, M>>,
    message: Option<(&'a str, bool)>,
    fermer: M,
) -> Element<'a, M> {
    let carte: Element<'a, M> = match message {
        None => Space::new().into(),
        Some((texte, erreur)) => container(
            container(
                row![
                    text(texte_du_message(erreur, texte))
                        .size(TAILLE_TEXTE)
                        .width(Length::Fill),
                    bouton("Fermer", Some(fermer)),
                ]
                .spacing(10)
                .align_y(iced::Alignment::Center),
            )
            .padding(12)
            .max_width(720)
            .style(move |t: &Theme| {
                let p = t.extended_palette();
                let (fond, bord) = if erreur {
                    (p.danger.weak, p.danger.strong.color)
                } else {
                    (p.background.base, p.success.strong.color)
                };
                container::Style {
                    background: Some(fond.color.into()),
                    text_color: Some(fond.text),
                    border: iced::Border {
                        color: bord,
                        width: 2.0,
                        radius: 6.0.into(),
                    },
                    shadow: iced::Shadow {
                        color: iced::Color::from_rgba(0.0, 0.0, 0.0, 0.25),
                        offset: iced::Vector::new(0.0, 2.0),
                        blur_radius: 8.0,
                    },
                    ..container::Style::default()
                }
            }),
        )
        .width(Length::Fill)
        .align_x(iced::alignment::Horizontal::Center)
        .padding(iced::Padding::from([12, 20]))
        .into(),
    };
    iced::widget::column![
        container(page).width(Length::Fill).height(Length::Fill),
        carte
    ]
    .into()
}

/// Un libellé et sa valeur, sur une ligne.
pub fn ligne<'a, M: 'a>(libelle: &'a str, valeur: String) -> Element<'a, M> {
    row![
        text(libelle).size(TAILLE_TEXTE).width(Length::Fixed(140.0)),
        text(valeur).size(TAILLE_TEXTE).width(Length::Fill)
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

pub fn espace<'a, M: 'a>(h: f32) -> Element<'a, M> {
    Space::new().height(h).into()
}

pub fn carte<'a, M: 'a>(contenu: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(contenu)
        .padding(14)
        .width(Length::Fill)
        .style(container::bordered_box)
        .into()
}

/// Les communes proposées sous un champ commune ; un clic, ou Tab puis Entrée, choisit.
pub fn suggestions_communes<'a, M: Clone + 'a>(
    communes: Vec<&'a crate::domain::structures::Commune>,
    choisir: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    if communes.is_empty() {
        return Space::new().height(0).into();
    }
    let mut r = row![text("Communes :").size(12)]
        .spacing(6)
        .align_y(Alignment::Center);
    for c in communes {
        let m = choisir(c.nom.to_string());
        r = r.push(au_clavier(
            button(text(format!("{} ({})", c.nom, c.codes_postaux.join(", "))).size(12))
                .on_press(m.clone())
                .padding([2, 6])
                .style(crate::ui::theme::secondaire),
            Some(m),
        ));
    }
    r.wrap().into()
}

/// Un fichier existe là où l'on allait écrire : le remplacer, ou le garder (`garder` dit
/// ce qui se passe alors).
pub fn remplacer<'a, M: Clone + 'a>(
    chemin: &str,
    oui: M,
    non: M,
    garder: &'static str,
) -> Element<'a, M> {
    column![
        erreur(&format!(
            "Le fichier {chemin} existe déjà. Le remplacer ? Son contenu actuel sera perdu."
        )),
        row![
            bouton(garder, Some(non)),
            bouton_principal("Remplacer le fichier".into(), Some(oui)),
        ]
        .spacing(10),
    ]
    .spacing(6)
    .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn les_espaces_des_guillemets_et_des_deux_points_sont_insecables() {
        assert_eq!(
            super::insecables("Le champ « Nom » manque : que faire ? Rien ; voilà !"),
            "Le champ «\u{a0}Nom\u{a0}» manque\u{a0}: que faire\u{a0}? Rien\u{a0}; voilà\u{a0}!"
        );
        assert_eq!(super::insecables("a  :b"), "a \u{a0}:b");
    }
}
