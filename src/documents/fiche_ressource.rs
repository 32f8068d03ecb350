//! La fiche d'une ressource, sur une page, à remettre à la personne : où aller, quand,
//! qui appeler, ce qu'il faut savoir.

use crate::documents::mise_en_page::{Document, ErreurPdf};
use crate::domain::date::date_fr;
use crate::domain::freins::Freins;
use crate::domain::ressources::Ressource;
use crate::domain::structures::Referentiel;

pub fn rediger(
    r: &Ressource,
    territoire: &Referentiel,
    freins: &Freins,
) -> Result<Vec<u8>, ErreurPdf> {
    let mut d = Document::new(&r.nom, "Base de ressources partenariales — Binôme")?;
    d.titre(&r.nom);
    d.paragraphe(&r.structure);
    d.section("Le service");
    d.paragraphe(&r.description);
    d.champ("Pour", &r.libelles_cibles(freins).join(" ; "));
    d.champ("Public", &r.libelles_publics().join(" ; "));
    d.champ("Comment y accéder", r.modalite.libelle());
    d.section("Où et quand");
    d.champ("Adresse", &r.adresse);
    d.champ(
        "Commune",
        format!("{} {}", r.code_postal, r.nom_commune(territoire)).trim(),
    );
    for (i, l) in r.horaires.en_francais().iter().enumerate() {
        d.champ(if i == 0 { "Horaires" } else { "" }, l);
    }
    d.section("Contact");
    d.champ("Téléphone", &r.telephone);
    d.champ("Courriel", &r.courriel);
    d.champ("Site", &r.site);
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
