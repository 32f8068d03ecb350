//! La fiche d'une ressource, sur une page, à remettre à la personne : où aller, quand,
//! qui appeler, ce qu'il faut savoir.

use crate::documents::mise_en_page::{Document, ErreurPdf};
use crate::domain::date::date_fr;
use crate::domain::freins::Freins;
use crate::domain::ressources::Ressource;
use crate::domain::structures::Referentiel;

/// Au-delà, un texte ne tient plus sur la page : il est coupé, et la fiche le dit.
const MAX_DESCRIPTION: usize = 1200;
const MAX_CHAMP: usize = 240;
const MAX_LIGNES_HORAIRES: usize = 8;

/// Le texte, coupé à un mot près s'il dépasse `max` caractères.
fn abreger(texte: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if texte.chars().count() <= max {
        return texte.into();
    }
    let coupe: String = texte.chars().take(max).collect();
    let coupe = match coupe.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &coupe[..i],
        _ => coupe.as_str(),
    };
    format!("{} […] (texte complet dans Binôme)", coupe.trim_end()).into()
}

/// La fiche tient sur une page, quelle que soit la longueur des textes saisis ou importés.
pub fn rediger(
    r: &Ressource,
    territoire: &Referentiel,
    freins: &Freins,
) -> Result<Vec<u8>, ErreurPdf> {
    let mut d = Document::new(
        &abreger(&r.nom, MAX_CHAMP),
        "Base de ressources partenariales — Binôme",
    )?;
    d.titre(&abreger(&r.nom, MAX_CHAMP));
    d.paragraphe(&abreger(&r.structure, MAX_CHAMP));
    d.section("Le service");
    d.paragraphe(&abreger(&r.description, MAX_DESCRIPTION));
    d.champ(
        "Pour",
        &abreger(&r.libelles_cibles(freins).join(" ; "), MAX_CHAMP),
    );
    d.champ(
        "Public",
        &abreger(&r.libelles_publics().join(" ; "), MAX_CHAMP),
    );
    d.champ("Comment y accéder", r.modalite.libelle());
    d.section("Où et quand");
    d.champ("Adresse", &abreger(&r.adresse, MAX_CHAMP));
    d.champ(
        "Commune",
        format!("{} {}", r.code_postal, r.nom_commune(territoire)).trim(),
    );
    for (i, l) in r
        .horaires
        .en_francais()
        .iter()
        .take(MAX_LIGNES_HORAIRES)
        .enumerate()
    {
        d.champ(if i == 0 { "Horaires" } else { "" }, &abreger(l, MAX_CHAMP));
    }
    d.section("Contact");
    d.champ("Téléphone", &abreger(&r.telephone, MAX_CHAMP));
    d.champ("Courriel", &abreger(&r.courriel, MAX_CHAMP));
    d.champ("Site", &abreger(&r.site, MAX_CHAMP));
    d.espace(6.0);
    d.paragraphe(&format!(
        "Informations à jour au {} (source : {}). Appelez avant de vous déplacer.",
        date_fr(r.date_maj),
        if r.source == crate::domain::ressources::SOURCE_LOCALE {
            "saisie Binôme"
        } else {
            &r.source
        }
    ));
    Ok(d.octets())
}
