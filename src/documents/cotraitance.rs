//! Les documents de la cotraitance : celui que Pôle emploi remet au jeune à l'affectation
//! (annexe 7 : la raison de l'orientation, ses obligations, les coordonnées et l'offre de
//! service de la mission locale) et la fiche d'une alerte (ce que la mission locale signale,
//! la décision de Pôle emploi).

use super::mise_en_page::{Document, ErreurPdf};
use crate::domain::cotraitance::{Cotraitance, MissionLocale};
use crate::domain::date::{date_fr, Jour};

/// Ce qu'il faut pour rédiger un document d'un jeune en cotraitance.
pub struct Sources<'a> {
    /// « Prénom NOM ».
    pub jeune: &'a str,
    pub cotraitance: &'a Cotraitance,
    pub mission_locale: &'a MissionLocale,
    /// Adresse, téléphone, courriel de la mission locale, tels que l'annuaire les donne.
    pub coordonnees: &'a str,
    /// Le conseiller Pôle emploi qui affecte.
    pub conseiller: &'a str,
    pub fait_le: Jour,
}

const ENTETE: &str = "Pôle emploi — mission locale : cotraitance des jeunes demandeurs d'emploi";

/// Le document remis au jeune à l'affectation.
pub fn affectation(s: &Sources) -> Result<Vec<u8>, ErreurPdf> {
    let c = s.cotraitance;
    let mut doc = Document::new("Affectation à la mission locale", ENTETE)?;
    doc.titre("Votre accompagnement par la mission locale");
    doc.champ("Jeune", s.jeune);
    doc.champ("Affecté le", &date_fr(c.affectation.date));
    doc.champ("Par", s.conseiller);
    doc.section("Pourquoi cette orientation");
    doc.paragraphe("Votre conseiller Pôle emploi a convenu avec vous d'une orientation vers la mission locale : un référent unique vous y accompagne dans votre projet personnalisé d'accès à l'emploi (PPAE). Ce qui a motivé cette orientation :");
    for critere in &c.affectation.criteres {
        doc.puce(critere.libelle());
    }
    if c.affectation.civis {
        doc.paragraphe("Vous êtes en CIVIS : vous y restez, et la mission locale poursuit avec vous le même accompagnement.");
    }
    doc.section("Vos engagements");
    for e in [
        "Vous restez inscrit comme demandeur d'emploi et actualisez votre situation chaque mois.",
        "Vous participez aux entretiens que vous propose la mission locale, au moins un par mois, sauf pendant un stage, une formation, un emploi temporaire de moins de deux mois, une prestation ou une indisponibilité temporaire.",
        "Pendant cet accompagnement, Pôle emploi ne vous convoque pas chaque mois : c'est la mission locale qui vous suit.",
        "La mission locale informe Pôle emploi de votre parcours et lui signale les manquements aux obligations du PPAE (loi du 1er août 2008).",
    ] {
        doc.puce(e);
    }
    doc.section("Votre mission locale");
    doc.champ("Nom", &s.mission_locale.nom);
    if !s.coordonnees.trim().is_empty() {
        doc.champ("Coordonnées", s.coordonnees);
    }
    doc.paragraphe("Elle vous propose un accompagnement personnalisé : projet professionnel, emploi, formation, et les questions de logement, de santé, de mobilité ou de ressources qui peuvent freiner votre accès à l'emploi.");
    doc.section("Jusqu'à quand");
    let fin = c.fin_prevue();
    doc.paragraphe(&format!(
        "Jusqu'à votre retour à l'emploi, et au plus tard le {} ({}). Seul Pôle emploi met fin à la cotraitance.",
        date_fr(fin.dernier_jour),
        fin.motif.libelle()
    ));
    doc.signatures(
        &[
            ("Le jeune", s.jeune),
            ("Le conseiller Pôle emploi", s.conseiller),
        ],
        &format!("Fait le {}", date_fr(s.fait_le)),
    );
    Ok(doc.octets())
}

/// La fiche de l'alerte n° `numero` (1 pour la première levée).
pub fn fiche_alerte(s: &Sources, numero: usize) -> Result<Option<Vec<u8>>, ErreurPdf> {
    let c = s.cotraitance;
    let Some(a) = numero.checked_sub(1).and_then(|i| c.alertes.get(i)) else {
        return Ok(None);
    };
    let mut doc = Document::new(&format!("Alerte de cotraitance n° {numero}"), ENTETE)?;
    doc.titre(&format!("Alerte de cotraitance n° {numero}"));
    doc.champ("Jeune", s.jeune);
    doc.champ("Mission locale", &s.mission_locale.nom);
    doc.section("Le signalement de la mission locale");
    doc.champ("Levée le", &date_fr(a.levee));
    doc.champ("Motif", a.motif.libelle());
    if !a.detail.is_empty() {
        doc.champ("Précisions", &a.detail);
    }
    doc.champ("Inscription à cette date", c.statut_au(a.levee).libelle());
    doc.section("La décision de Pôle emploi");
    match &a.decision {
        None => doc.paragraphe("À décider : maintien en cotraitance (nouvelle orientation, rappel des obligations ou mise à jour de la situation), ou sortie vers un autre partenaire ou vers le suivi mensuel de Pôle emploi."),
        Some((date, d)) => {
            doc.champ("Décidée le", &date_fr(*date));
            doc.champ(
                "Décision",
                &d.libelle(),
            );
        }
    }
    doc.signatures(
        &[
            ("Le référent de la mission locale", ""),
            ("Le conseiller Pôle emploi", s.conseiller),
        ],
        &format!("Fait le {}", date_fr(s.fait_le)),
    );
    Ok(Some(doc.octets()))
}

/// Ce que le relevé d'un jeune en cotraitance rassemble (droit d'accès, article 15 du RGPD).
pub struct Releve<'a> {
    pub jeune: &'a str,
    pub identifiant_ft: &'a str,
    pub cotraitance: &'a Cotraitance,
    pub mission_locale: &'a str,
    pub etat: String,
    pub chronologie: &'a [super::personne::EntreeChronologie],
    pub acces: &'a [super::personne::AccesAuDossier],
    pub etabli_par: &'a str,
    pub fait_le: Jour,
}

/// Tout ce que Binôme garde sur un jeune en cotraitance, pour lui.
pub fn releve(r: &Releve) -> Result<Vec<u8>, ErreurPdf> {
    let c = r.cotraitance;
    let mut doc = Document::new("Données du jeune en cotraitance", ENTETE)?;
    doc.titre("Vos données dans Binôme : votre accompagnement par la mission locale");
    doc.champ("Établi le", &date_fr(r.fait_le));
    doc.champ("Par", r.etabli_par);
    doc.section("Ce que Binôme garde sur vous");
    doc.champ("Nom", r.jeune);
    doc.champ("Identifiant France Travail", r.identifiant_ft);
    doc.champ("Né(e) le", &date_fr(c.jeune.naissance));
    doc.champ("Commune (code INSEE)", &c.jeune.commune);
    doc.champ("Mission locale", r.mission_locale);
    doc.champ("Affecté le", &date_fr(c.affectation.date));
    doc.champ("Situation aujourd'hui", &r.etat);
    doc.paragraphe("Ce qui a motivé l'orientation :");
    for critere in &c.affectation.criteres {
        doc.puce(critere.libelle());
    }
    super::personne::chronologie_et_acces(
        &mut doc,
        ("Chronologie", r.chronologie),
        ("Qui a consulté, modifié ou imprimé ces données", r.acces),
    );
    doc.section("Vos droits");
    doc.paragraphe("Vous pouvez faire rectifier une donnée inexacte auprès de votre conseiller Pôle emploi ou de votre mission locale. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).");
    Ok(doc.octets())
}

/// Ce que l'attestation d'effacement des données d'un jeune dit.
pub struct AttestationEffacement<'a> {
    pub jeune: &'a str,
    pub identifiant_ft: &'a str,
    pub mission_locale: &'a str,
    pub affecte_le: Jour,
    pub demande_le: Jour,
    /// Qui efface : « Prénom NOM, conseiller Pôle emploi » ou « …, mission locale ».
    pub par: &'a str,
    pub confirme_par: &'a str,
    pub evenements: u64,
    pub sauvegardes_jours: u32,
    pub fait_le: Jour,
}

/// L'attestation remise au jeune dont les données sont effacées à sa demande.
pub fn attestation_effacement(a: &AttestationEffacement) -> Result<Vec<u8>, ErreurPdf> {
    let mut doc = Document::new("Attestation d'effacement", ENTETE)?;
    doc.titre("Attestation d'effacement des données personnelles");
    doc.paragraphe(&format!(
        "Je soussigné(e), {}, atteste que les données personnelles de {}, identifiant France Travail {}, accompagné(e) par {} dans le cadre de la cotraitance des jeunes demandeurs d'emploi (affectation du {}), ont été effacées de Binôme le {}, à sa demande du {} (droit d'opposition et d'effacement, articles 17 et 21 du règlement général sur la protection des données).",
        a.par,
        a.jeune,
        a.identifiant_ft,
        a.mission_locale,
        date_fr(a.affecte_le),
        date_fr(a.fait_le),
        date_fr(a.demande_le)
    ));
    doc.section("Ce qui a été effacé");
    doc.puce("l'identité, la commune et la date de naissance du jeune ;");
    doc.puce(&format!(
        "les {} fait(s) de sa cotraitance (affectation, acceptation, entretiens, alertes, inscription, sortie) et la liste des documents imprimés ;",
        a.evenements
    ));
    doc.puce("les pages libérées du fichier de la base, réécrit aussitôt.");
    doc.section("Ce qui reste");
    doc.puce("au journal d'audit, la trace de l'effacement et des accès passés, sous un numéro qui ne renvoie plus à personne ;");
    doc.puce(&format!(
        "dans les sauvegardes automatiques, le jeune disparaît au fil de leur remplacement, au plus tard dans {} jours. Les documents déjà imprimés ou remis restent sous la responsabilité de qui les détient.",
        a.sauvegardes_jours
    ));
    doc.paragraphe(&format!(
        "Effacement confirmé par l'administrateur du poste (compte « {} »).",
        a.confirme_par
    ));
    doc.signatures(
        &[("Pour Binôme", a.par)],
        &format!("Fait le {}", date_fr(a.fait_le)),
    );
    Ok(doc.octets())
}
