//! Les documents du droit des personnes : le relevé de tout ce que Binôme garde sur une
//! personne (droit d'accès, article 15 du RGPD), et l'attestation de l'effacement de ses
//! données (articles 17 et 21).

use super::dossier::Sources;
use super::mise_en_page::{Document, ErreurPdf};
use crate::domain::date::{date_fr, Jour};
use crate::domain::professionnel::Role;

/// Une consultation, une impression ou une modification du dossier, d'après le journal
/// d'audit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AccesAuDossier {
    /// `jj/mm/aaaa hh:mm`.
    pub quand: String,
    pub qui: String,
    pub action: String,
}

/// Une entrée de la chronologie : la date de l'étape et ce qui s'est passé.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntreeChronologie {
    pub date: String,
    pub enregistre_par: String,
    pub description: String,
}

/// Tout ce que le relevé rassemble.
pub struct Releve<'a> {
    pub sources: Sources<'a>,
    pub chronologie: &'a [EntreeChronologie],
    pub acces: &'a [AccesAuDossier],
    /// Le jour où le dossier sera effacé, s'il est clôturé.
    pub effacement_prevu: Option<Jour>,
    /// Ce que celui qui produit le relevé ne peut pas lire (secret partagé) : qui le remet.
    pub reserve: Option<String>,
    pub notes_privees: u64,
}

/// La chronologie, puis les accès inscrits au journal d'audit, chacun sous son titre : ce
/// que tout relevé du droit d'accès montre.
pub(super) fn chronologie_et_acces(
    doc: &mut Document,
    (titre, chronologie): (&str, &[EntreeChronologie]),
    (titre_acces, acces): (&str, &[AccesAuDossier]),
) {
    doc.section(titre);
    let lignes: Vec<Vec<String>> = chronologie
        .iter()
        .map(|e| {
            vec![
                e.date.clone(),
                e.description.clone(),
                e.enregistre_par.clone(),
            ]
        })
        .collect();
    doc.tableau(
        &["Date", "Ce qui s'est passé", "Enregistré par"],
        &[0.15, 0.6, 0.25],
        &lignes,
    );
    doc.section(titre_acces);
    if acces.is_empty() {
        doc.paragraphe("Aucun accès inscrit au journal d'audit.");
    } else {
        let lignes: Vec<Vec<String>> = acces
            .iter()
            .map(|a| vec![a.quand.clone(), a.qui.clone(), a.action.clone()])
            .collect();
        doc.tableau(&["Quand", "Qui", "Quoi"], &[0.25, 0.45, 0.3], &lignes);
    }
}

pub fn releve(r: &Releve) -> Result<Vec<u8>, ErreurPdf> {
    let s = &r.sources;
    let d = s.dossier;
    let mut doc = Document::new("Données de la personne", &s.entete())?;
    doc.titre("Relevé des données personnelles");
    doc.paragraphe(&format!(
        "Établi le {} à la demande de {}, au titre du droit d'accès (article 15 du règlement général sur la protection des données). Il contient tout ce que Binôme, l'outil de l'accompagnement global, garde sur la personne.",
        date_fr(s.aujourdhui),
        s.nom_personne()
    ));
    s.bloc_identite(&mut doc);
    doc.section("Le binôme qui l'accompagne");
    doc.puce(&s.identite_pro(Role::Conseiller));
    doc.puce(&s.identite_pro(Role::Referent));
    doc.section("Le parcours");
    doc.champ("Dossier ouvert le", &date_fr(d.date_ouverture));
    doc.champ("Étape", d.etape().libelle());
    if let Some(e) = d.entree {
        doc.champ("Entrée en accompagnement global", &date_fr(e));
    }
    if let Some(c) = &d.cloture {
        doc.champ(
            "Clôture",
            &format!("le {} ({})", date_fr(c.date), c.motif.libelle()),
        );
    }
    doc.section("Diagnostics partagés");
    if d.diagnostics.is_empty() {
        doc.paragraphe("Aucun diagnostic enregistré.");
    }
    for diag in &d.diagnostics {
        doc.paragraphe(&format!(
            "Diagnostic, {}, du {} :",
            diag.volet.libelle(),
            date_fr(diag.date)
        ));
        for ev in &diag.evaluations {
            let commentaire = match ev.commentaire.trim() {
                "" => String::new(),
                c => format!(" — {c}"),
            };
            doc.puce(&format!(
                "{} : {}, objectif {}{commentaire}",
                s.besoin(&ev.besoin),
                ev.situation.libelle(),
                ev.objectif.libelle()
            ));
        }
    }
    if let Some(reserve) = &r.reserve {
        doc.paragraphe(reserve);
    }
    chronologie_et_acces(
        &mut doc,
        ("Chronologie du dossier", r.chronologie),
        ("Qui a consulté, modifié ou imprimé le dossier", r.acces),
    );
    if r.notes_privees > 0 {
        doc.paragraphe(&format!(
            "Le référent social a pris {} note(s) de travail sur ce dossier. Elles peuvent concerner des tiers : il les communique sur demande, après relecture.",
            r.notes_privees
        ));
    }
    doc.section("Conservation et droits");
    doc.paragraphe(&match r.effacement_prevu {
        Some(j) => format!(
            "Le dossier est clôturé : il sera effacé le {} au plus tard (deux ans sans contact, selon le contrat d'accompagnement). Seuls des comptes anonymes resteront pour les indicateurs.",
            date_fr(j)
        ),
        None => "Le dossier est en cours. Il sera effacé deux ans après le dernier contact qui suivra sa clôture. Seuls des comptes anonymes resteront pour les indicateurs.".into(),
    });
    doc.paragraphe(
        "La personne peut faire rectifier une donnée inexacte, s'opposer au traitement et en demander l'effacement auprès de son conseiller dédié ou de son référent social. Elle peut aussi adresser une réclamation à la CNIL (www.cnil.fr).",
    );
    Ok(doc.octets())
}

/// Ce que l'attestation d'effacement dit.
pub struct Attestation<'a> {
    pub sources: Sources<'a>,
    pub demande_le: Jour,
    /// Qui a effacé (le professionnel qui suit la personne).
    pub par: Role,
    /// L'identifiant du compte d'administrateur qui a confirmé.
    pub confirme_par: &'a str,
    pub evenements: u64,
    pub notes_privees: u64,
    /// La durée au bout de laquelle les sauvegardes automatiques ne contiennent plus la
    /// personne, en jours.
    pub sauvegardes_jours: u32,
}

pub fn attestation(a: &Attestation) -> Result<Vec<u8>, ErreurPdf> {
    let s = &a.sources;
    let d = s.dossier;
    let mut doc = Document::new("Attestation d'effacement", &s.entete())?;
    doc.titre("Attestation d'effacement des données personnelles");
    doc.paragraphe(&format!(
        "Je soussigné(e), {}, atteste que les données personnelles de {}, identifiant France Travail {}, accompagné(e) dans le cadre de l'accompagnement global (dossier ouvert le {}{}), ont été effacées de Binôme le {}, à sa demande du {} (droit d'opposition et d'effacement, articles 17 et 21 du règlement général sur la protection des données).",
        s.identite_pro(a.par),
        s.nom_personne(),
        d.personne.identifiant_ft.as_str(),
        date_fr(d.date_ouverture),
        d.cloture
            .as_ref()
            .map(|c| format!(", clôturé le {}", date_fr(c.date)))
            .unwrap_or_default(),
        date_fr(s.aujourdhui),
        date_fr(a.demande_le)
    ));
    doc.section("Ce qui a été effacé");
    doc.puce("l'identité, les coordonnées et la situation de la personne ;");
    doc.puce("les diagnostics, fiches de liaison, temps de concertation, contrat, carnet de route, actions, points d'étape et la clôture ;");
    doc.puce(&format!(
        "{} entrée(s) de la chronologie, {} note(s) de travail, les brouillons et la liste des documents imprimés ;",
        a.evenements, a.notes_privees
    ));
    doc.puce("les pages libérées du fichier de la base, réécrit aussitôt.");
    doc.section("Ce qui reste");
    doc.puce("des comptes anonymes pour les indicateurs du comité de pilotage (mois, agence, étape franchie), sans nom, identifiant, date de naissance ni texte ;");
    doc.puce("au journal d'audit, la trace de l'effacement et des accès passés, sous un numéro de dossier qui ne renvoie plus à personne ;");
    doc.puce(&format!(
        "dans les sauvegardes automatiques, la personne disparaît au fil de leur remplacement, au plus tard dans {} jours. Les documents déjà imprimés ou remis restent sous la responsabilité de qui les détient.",
        a.sauvegardes_jours
    ));
    doc.paragraphe(&format!(
        "Effacement confirmé par l'administrateur du poste (compte « {} »).",
        a.confirme_par
    ));
    doc.signatures(
        &[(a.par.libelle(), &s.nom_pro(a.par))],
        &format!("Fait le {}", date_fr(s.aujourdhui)),
    );
    Ok(doc.octets())
}
