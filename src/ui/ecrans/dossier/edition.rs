//! L'éditeur d'un formulaire du dossier : chaque modification de la saisie (son message),
//! et la vue du formulaire ouvert.

use iced::widget::{column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::formulaire::{ChoixDecision, ChoixMotif, Formulaire, LigneDiagnostic, Option_, Saisie};
use crate::domain::date::date_fr;
use crate::domain::diagnostic::{Objectif, Situation, Volet};
use crate::domain::dossier::{
    reconduction_tres_anticipee, BrancheDesignation, Canal, Dossier, ObjetFiche,
};
use crate::domain::professionnel::{Professionnel, Role};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_PREMIER_CHAMP: &str = "dossier-formulaire-premier";
/// Le formulaire ouvert : le focus va à son premier contrôle.
pub const ID_FORMULAIRE: &str = "dossier-formulaire";

#[derive(Debug, Clone)]
pub enum Message {
    Date(String),
    Redaction(String),
    Precision(String),
    ActionDemandee(String),
    DureeMois(String),
    Echeance(String),
    AccordConseiller(bool),
    AccordReferent(bool),
    Confirmation(bool),
    Coproposee(bool),
    ModePartenaire(super::formulaire::ModePartenaire),
    PartenaireIdentifiant(String),
    PartenaireMotDePasse(String),
    HorsLe(String),
    HorsMoyen(String),
    PointPersonne(bool),
    PointConseiller(bool),
    PointReferent(bool),
    PointAutres(String),
    PointDecisions(String),
    /// Une action du carnet concernée (ou non) par le point d'échanges.
    PointAction(u32, bool),
    Branche(BrancheDesignation),
    AccordPar(String),
    AccordLe(String),
    Role(Role),
    Volet(Volet),
    Objet(ObjetFiche),
    Decision(ChoixDecision),
    Canal(Canal),
    Motif(ChoixMotif),
    Moyen(crate::domain::dossier::MoyenConsentement),
    /// Une catégorie que la personne accepte (ou non) de partager.
    Categorie(crate::domain::dossier::CategorieSecret, bool),
    Besoin(Option_),
    Membre(Option_),
    AjouterBesoin(Option_),
    /// Le besoin proposé par les flèches, pas encore ajouté.
    ProposerBesoin(Option_),
    Situation(usize, Situation),
    Objectif(usize, Objectif),
    Confidentiel(usize, bool),
    /// Le commentaire d'un besoin évalué.
    CommentaireBesoin(usize, String),
    RetirerBesoin(usize),
    /// Ajouter à l'annuaire un professionnel de ce rôle (l'annuaire est peut-être vide).
    AjouterProfessionnel(Role),
    /// Enregistrer (Entrée, Ctrl+S).
    Valider,
    /// Annuler (Échap) ; une saisie modifiée demande confirmation.
    Annuler,
    /// Revenir à la saisie au lieu de l'abandonner.
    Reprendre,
}

/// Un formulaire ouvert et sa saisie.
pub struct Edition {
    pub formulaire: Formulaire,
    pub saisie: Saisie,
    /// Annuler une saisie modifiée demande une confirmation.
    pub confirmer_abandon: bool,
    /// Un acte qui ne se défait pas (la clôture) attend sa confirmation : ce qui va être
    /// enregistré, en une phrase.
    pub recapitulatif: Option<String>,
}

impl Edition {
    /// Applique une modification de la saisie ; `annuaire` sert à désigner un professionnel.
    pub fn modifier(&mut self, m: Message, annuaire: &[Professionnel]) {
        // Toute modification reprend la saisie : la confirmation se redemandera.
        self.recapitulatif = None;
        let s = &mut self.saisie;
        match m {
            Message::Date(t) => s.date = t,
            Message::Redaction(t) => s.redaction = t,
            Message::Precision(t) => s.precision = t,
            Message::ActionDemandee(t) => s.action_demandee = t,
            Message::DureeMois(t) => s.duree_mois = t,
            Message::Echeance(t) => s.echeance = t,
            Message::AccordConseiller(b) => s.accord_conseiller = b,
            Message::AccordReferent(b) => s.accord_referent = b,
            Message::ModePartenaire(m) => s.mode_partenaire = Some(m),
            Message::PartenaireIdentifiant(t) => s.partenaire_identifiant = t,
            Message::PartenaireMotDePasse(t) => s.partenaire_mot_de_passe = t,
            Message::HorsLe(t) => s.hors_le = t,
            Message::HorsMoyen(t) => s.hors_moyen = t,
            Message::Confirmation(b) => s.confirmation = b,
            Message::Coproposee(b) => s.coproposee = b,
            Message::PointPersonne(b) => s.compte_rendu.participants.personne = b,
            Message::PointConseiller(b) => s.compte_rendu.participants.conseiller = b,
            Message::PointReferent(b) => s.compte_rendu.participants.referent = b,
            Message::PointAutres(t) => s.compte_rendu.participants.autres = t,
            Message::PointDecisions(t) => s.compte_rendu.decisions = t,
            Message::PointAction(n, oui) => {
                s.compte_rendu.actions.retain(|a| *a != n);
                if oui {
                    s.compte_rendu.actions.push(n);
                }
            }
            Message::Branche(b) => s.branche = Some(b),
            Message::AccordPar(t) => s.accord_par = t,
            Message::AccordLe(t) => s.accord_le = t,
            Message::Role(r) => s.role = Some(r),
            Message::Volet(v) => s.volet = Some(v),
            Message::Objet(o) => s.objet = Some(o),
            Message::Decision(d) => s.decision = Some(d),
            Message::Canal(c) => s.canal = Some(c),
            Message::Motif(m) => s.motif = Some(m),
            Message::Moyen(m) => s.moyen = Some(m),
            Message::Categorie(c, oui) => {
                s.categories.retain(|x| *x != c);
                if oui {
                    s.categories.push(c);
                }
            }
            Message::Besoin(b) => s.besoin = Some(b),
            Message::Membre(o) => {
                s.membre = annuaire
                    .iter()
                    .find(|p| p.id.to_string() == o.code)
                    .map(|p| p.membre());
            }
            Message::ProposerBesoin(b) => s.besoin_propose = Some(b),
            Message::AjouterBesoin(b) => {
                s.besoin_propose = None;
                if !s.diagnostic.iter().any(|l| l.besoin == b.code) {
                    s.diagnostic.push(LigneDiagnostic {
                        besoin: b.code,
                        situation: Situation::Oui,
                        objectif: Objectif::NonAborde,
                        confidentiel: false,
                        commentaire: String::new(),
                    });
                }
            }
            Message::Situation(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.situation = v;
                }
            }
            Message::Objectif(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.objectif = v;
                }
            }
            Message::Confidentiel(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.confidentiel = v;
                }
            }
            Message::CommentaireBesoin(i, v) => {
                if let Some(l) = s.diagnostic.get_mut(i) {
                    l.commentaire = v;
                }
            }
            Message::RetirerBesoin(i) => {
                if i < s.diagnostic.len() {
                    s.diagnostic.remove(i);
                }
            }
            Message::Valider
            | Message::Annuler
            | Message::Reprendre
            | Message::AjouterProfessionnel(_) => {}
        }
    }

    pub fn view<'a>(
        &'a self,
        f: Formulaire,
        d: &'a Dossier,
        session: &'a Session,
        annuaire: &'a [Professionnel],
        evenements: &'a [crate::domain::dossier::Evenement],
    ) -> Element<'a, Message> {
        let s = &self.saisie;
        let champ_date = |libelle: &'a str| {
            column![
                text(libelle).size(TAILLE_TEXTE),
                text_input("jj/mm/aaaa", &s.date)
                    .id(ID_PREMIER_CHAMP)
                    .on_input(Message::Date)
                    .on_submit(Message::Valider)
                    .padding(6)
                    .size(TAILLE_TEXTE)
                    .width(Length::Fixed(160.0)),
            ]
            .spacing(4)
        };
        let zone = |libelle: &'a str, valeur: &'a str, m: fn(String) -> Message| {
            column![
                text(libelle).size(TAILLE_TEXTE),
                // Le libellé sert d'identifiant : un champ se retrouve par son nom.
                text_input("", valeur)
                    .id(iced::widget::Id::from(libelle.to_string()))
                    .on_input(m)
                    .on_submit(Message::Valider)
                    .padding(6)
                    .size(TAILLE_TEXTE),
            ]
            .spacing(4)
        };
        let roles = |libelle: &'a str| {
            column![
                text(libelle).size(TAILLE_TEXTE),
                row![
                    widgets::choix("Conseiller dédié", Role::Conseiller, s.role, Message::Role),
                    widgets::choix("Référent social", Role::Referent, s.role, Message::Role),
                ]
                .spacing(16),
            ]
            .spacing(4)
        };
        let accords = || {
            use super::formulaire::ModePartenaire as M;
            let mut c = column![
                text("Décision conjointe : accord de chacun des deux professionnels")
                    .size(TAILLE_TEXTE),
                widgets::case(
                    "Accord du conseiller dédié",
                    s.accord_conseiller,
                    Message::AccordConseiller
                ),
                widgets::case(
                    "Accord du référent social",
                    s.accord_referent,
                    Message::AccordReferent
                ),
            ]
            .spacing(4);
            // L'accord du partenaire dit d'où il vient ; le sien est celui du compte connecté.
            let partenaire_coche = match session.utilisateur().map(|u| u.role()) {
                Some(Role::Conseiller) => s.accord_referent,
                Some(Role::Referent) => s.accord_conseiller,
                None => false,
            };
            if partenaire_coche {
                c = c.push(text("L'accord de votre partenaire a été donné :").size(TAILLE_TEXTE));
                c = c.push(
                    row![
                        widgets::choix(
                            "Par sa co-signature sur ce poste",
                            M::CoSignature,
                            s.mode_partenaire,
                            Message::ModePartenaire
                        ),
                        widgets::choix(
                            "Hors Binôme (fiche signée, courriel…)",
                            M::HorsBinome,
                            s.mode_partenaire,
                            Message::ModePartenaire
                        ),
                        widgets::choix(
                            "Sur son poste, par l'échange",
                            M::ParEchange,
                            s.mode_partenaire,
                            Message::ModePartenaire
                        ),
                    ]
                    .spacing(16)
                    .wrap(),
                );
                match s.mode_partenaire {
                    Some(M::CoSignature) => {
                        c = c.push(widgets::champ(
                            "Son identifiant",
                            "cosignature-identifiant",
                            &s.partenaire_identifiant,
                            "identifiant de son compte",
                            None,
                            Message::PartenaireIdentifiant,
                        ));
                        c = c.push(widgets::champ_secret(
                            "Son mot de passe (il le tape lui-même)",
                            "cosignature-mot-de-passe",
                            &s.partenaire_mot_de_passe,
                            Message::PartenaireMotDePasse,
                            Some(Message::Valider),
                        ));
                    }
                    Some(M::HorsBinome) => {
                        c = c.push(widgets::champ(
                            "Reçu le (jj/mm/aaaa)",
                            "hors-binome-le",
                            &s.hors_le,
                            "jj/mm/aaaa",
                            None,
                            Message::HorsLe,
                        ));
                        c = c.push(widgets::champ(
                            "Par quel moyen",
                            "hors-binome-moyen",
                            &s.hors_moyen,
                            "par exemple : fiche de liaison n° 3 signée",
                            None,
                            Message::HorsMoyen,
                        ));
                    }
                    Some(M::ParEchange) => {
                        c = c.push(text("La décision est enregistrée ici et part avec le prochain paquet ; elle ne prend plein effet (le contrat ne se signe pas) qu'une fois son accord, donné sur son poste, reçu par l'échange.").size(13));
                    }
                    None => {}
                }
            }
            c
        };
        let mut c = column![widgets::sous_titre(f.titre())].spacing(10);
        if self.confirmer_abandon {
            c = c.push(widgets::erreur(
                "Abandonner cette saisie ? Ce qui a été saisi sera effacé.",
            ));
            c = c.push(
                row![
                    widgets::bouton("Abandonner la saisie", Some(Message::Annuler)),
                    widgets::bouton_principal(
                        "Continuer la saisie".into(),
                        Some(Message::Reprendre)
                    ),
                ]
                .spacing(10),
            );
        }
        if let Some(r) = &self.recapitulatif {
            c = c.push(widgets::erreur(r));
            c = c.push(
                row![
                    widgets::bouton("Revenir au formulaire", Some(Message::Reprendre)),
                    widgets::bouton_principal(
                        "Confirmer la clôture (Ctrl+S)".into(),
                        Some(Message::Valider)
                    ),
                ]
                .spacing(10),
            );
        }
        match f {
            Formulaire::Diagnostic(_) => {
                c = c.push(champ_date("Date de l'entretien *")).push(zone(
                    "Synthèse",
                    &s.redaction,
                    Message::Redaction,
                ));
                for (i, l) in s.diagnostic.iter().enumerate() {
                    let libelle = session
                        .freins()
                        .besoin(&l.besoin)
                        .map_or(l.besoin.clone(), |(fa, b)| {
                            format!("{} — {}", fa.libelle, b.libelle)
                        });
                    c = c.push(
                        row![
                            text(libelle).size(13).width(Length::Fill),
                            widgets::liste(
                                SITUATIONS.to_vec(),
                                Some(ChoixSituation(l.situation)),
                                move |v: ChoixSituation| Message::Situation(i, v.0),
                                "Situation…"
                            ),
                            widgets::liste(
                                OBJECTIFS.to_vec(),
                                Some(ChoixObjectif(l.objectif)),
                                move |v: ChoixObjectif| Message::Objectif(i, v.0),
                                "Objectif…"
                            ),
                            widgets::case("Confidentiel", l.confidentiel, move |b| {
                                Message::Confidentiel(i, b)
                            }),
                            widgets::bouton("Retirer", Some(Message::RetirerBesoin(i))),
                        ]
                        .spacing(6)
                        .align_y(Alignment::Center),
                    );
                    c = c.push(
                        text_input("Commentaire sur ce besoin (facultatif)", &l.commentaire)
                            .id(iced::widget::Id::from(format!(
                                "diagnostic-commentaire-{i}"
                            )))
                            .on_input(move |t| Message::CommentaireBesoin(i, t))
                            .padding(4)
                            .size(13),
                    );
                }
                c = c.push(widgets::liste_ajout(
                    besoins(session),
                    s.besoin_propose.clone(),
                    Message::ProposerBesoin,
                    Message::AjouterBesoin,
                    "Ajouter un besoin évalué… (au clavier : flèches, puis Entrée)",
                ));
            }
            Formulaire::Rectifier(n) => {
                use crate::domain::dossier::Evenement;
                let visee = crate::domain::dossier::entree_visee(evenements, n);
                let (origine, actuelle) = match &visee {
                    Some((o, Some(e), _)) => (*o, e.description()),
                    Some((o, None, _)) => (*o, "entrée annulée".to_string()),
                    None => (n, String::new()),
                };
                c = c.push(text(format!("Entrée n° {origine} : {actuelle}")).size(TAILLE_TEXTE));
                let cloture = matches!(&visee, Some((_, Some(Evenement::DossierCloture(_)), _)));
                let concertation =
                    matches!(&visee, Some((_, Some(Evenement::ConcertationTenue(_)), _)));
                if cloture {
                    c = c.push(widgets::case(
                        "Annuler cette clôture, enregistrée par erreur : le dossier reprend",
                        s.confirmation,
                        Message::Confirmation,
                    ));
                }
                if !s.confirmation {
                    c = c.push(champ_date("Date rectifiée *"));
                }
                if concertation {
                    c = c.push(widgets::liste(
                        ChoixDecision::TOUS.to_vec(),
                        s.decision,
                        Message::Decision,
                        "Décision rectifiée (sinon, la date seule)…",
                    ));
                    if s.decision == Some(ChoixDecision::AutreStructure) {
                        c = c.push(zone("Structure *", &s.precision, Message::Precision));
                    }
                }
                c = c
                    .push(zone(
                        "Motif de la rectification *",
                        &s.redaction,
                        Message::Redaction,
                    ))
                    .push(
                        text("L'entrée d'origine reste au journal ; la chronologie montre la rectification, son auteur et son motif.")
                            .size(13),
                    );
            }
            Formulaire::Designation => {
                let proposition = crate::domain::designation::pour_personne(
                    &d.personne,
                    &session.referentiel().structures,
                );
                c = c
                    .push(text(proposition.libelle()).size(13))
                    .push(champ_date("Date *"))
                    .push(text("Branche du protocole suivie *").size(TAILLE_TEXTE))
                    .push(widgets::liste(
                        BrancheDesignation::TOUTES.map(ChoixBranche).to_vec(),
                        s.branche.map(ChoixBranche),
                        |b: ChoixBranche| Message::Branche(b.0),
                        "Branche du protocole…",
                    ))
                    .push(zone(
                        "Structure contactée *",
                        &s.precision,
                        Message::Precision,
                    ));
                if s.branche == Some(BrancheDesignation::AccordDepartement) {
                    c = c
                        .push(zone(
                            "Accord du Département donné par * (nom, fonction)",
                            &s.accord_par,
                            Message::AccordPar,
                        ))
                        .push(zone(
                            "Accord donné le * (jj/mm/aaaa)",
                            &s.accord_le,
                            Message::AccordLe,
                        ));
                }
            }
            Formulaire::Designer(r) => {
                // Les professionnels de la structure désignée d'abord.
                let designee = d
                    .designation
                    .as_ref()
                    .filter(|_| r == Role::Referent)
                    .and_then(|x| x.structure.clone());
                let de_la_structure = |p: &Professionnel| match (&p.affectation, &designee) {
                    (
                        crate::domain::professionnel::Affectation::Structure { code, .. },
                        Some(x),
                    ) => code == x,
                    _ => false,
                };
                let mut candidats: Vec<&Professionnel> =
                    annuaire.iter().filter(|p| p.role() == r).collect();
                candidats.sort_by_key(|p| !de_la_structure(p));
                let choix: Vec<Option_> = candidats
                    .iter()
                    .map(|p| Option_ {
                        code: p.id.to_string(),
                        libelle: match &p.affectation {
                            crate::domain::professionnel::Affectation::Structure {
                                nom, ..
                            } => format!("{} — {nom}", p.nom_affiche()),
                            crate::domain::professionnel::Affectation::Agence {
                                agence, ..
                            } => format!(
                                "{} — {}",
                                p.nom_affiche(),
                                session
                                    .referentiel()
                                    .structures
                                    .nom(agence)
                                    .unwrap_or(agence)
                            ),
                        },
                    })
                    .collect();
                let actuel = s
                    .membre
                    .as_ref()
                    .and_then(|m| choix.iter().find(|o| o.code == m.id.to_string()).cloned());
                let vide = choix.is_empty();
                c = c.push(champ_date("Date *")).push(
                    row![
                        widgets::liste(
                            choix,
                            actuel,
                            Message::Membre,
                            if vide {
                                "L'annuaire n'a encore personne pour ce rôle"
                            } else {
                                "Choisir dans l'annuaire… (flèches haut et bas au clavier)"
                            }
                        ),
                        widgets::bouton(
                            "Ajouter un professionnel à l'annuaire",
                            Some(Message::AjouterProfessionnel(r)),
                        ),
                    ]
                    .spacing(10)
                    .align_y(Alignment::Center),
                );
                let hors_structure = s.membre.as_ref().is_some_and(|m| {
                    designee.is_some()
                        && !candidats.iter().any(|p| p.id == m.id && de_la_structure(p))
                });
                if let (true, Some(x)) = (hors_structure, &d.designation) {
                    c = c.push(
                        text(format!(
                            "Ce professionnel n'appartient pas à la structure désignée ({}).",
                            x.nom_structure
                        ))
                        .size(13)
                        .style(text::warning),
                    );
                }
            }
            Formulaire::Fiche => {
                c = c
                    .push(roles("Adressée par *"))
                    .push(widgets::liste(
                        [
                            ObjetFiche::Orientation,
                            ObjetFiche::IssueConcertation,
                            ObjetFiche::Information,
                        ]
                        .map(ChoixObjet)
                        .to_vec(),
                        s.objet.map(ChoixObjet),
                        |o: ChoixObjet| Message::Objet(o.0),
                        "Objet de la fiche…",
                    ))
                    .push(champ_date("Date *"))
                    .push(zone("Motif *", &s.redaction, Message::Redaction))
                    .push(zone("Synthèse du volet", &s.precision, Message::Precision))
                    .push(zone(
                        "Action demandée",
                        &s.action_demandee,
                        Message::ActionDemandee,
                    ));
            }
            Formulaire::EnvoyerFiche(_) | Formulaire::Initialisation | Formulaire::Signature => {
                c = c.push(champ_date("Date *"));
                if f == Formulaire::Signature {
                    c = c.push(text("La date de signature du contrat par la personne est la date d'entrée en accompagnement global.").size(13));
                }
            }
            Formulaire::RetourFiche(_) => {
                c = c
                    .push(champ_date("Date du retour *"))
                    .push(widgets::case(
                        "Fiche retournée datée et signée",
                        s.confirmation,
                        Message::Confirmation,
                    ))
                    .push(zone("Commentaire", &s.redaction, Message::Redaction));
            }
            Formulaire::Concertation => {
                c = c.push(champ_date("Date *")).push(widgets::liste(
                    ChoixDecision::TOUS.to_vec(),
                    s.decision,
                    Message::Decision,
                    "Décision…",
                ));
                if s.decision == Some(ChoixDecision::AutreStructure) {
                    c = c.push(zone("Structure *", &s.precision, Message::Precision));
                }
                c = c
                    .push(accords())
                    .push(zone("Commentaire", &s.redaction, Message::Redaction));
            }
            Formulaire::Action => {
                c = c
                    .push(
                        column![
                            text("Volet *").size(TAILLE_TEXTE),
                            row![
                                widgets::choix(
                                    "Volet emploi",
                                    Volet::Emploi,
                                    s.volet,
                                    Message::Volet
                                ),
                                widgets::choix(
                                    "Volet social",
                                    Volet::Social,
                                    s.volet,
                                    Message::Volet
                                ),
                            ]
                            .spacing(16),
                        ]
                        .spacing(4),
                    )
                    .push(zone("Action *", &s.redaction, Message::Redaction))
                    .push(roles("Portée par *"))
                    .push(champ_date("Date *"))
                    .push(zone(
                        "Échéance (jj/mm/aaaa)",
                        &s.echeance,
                        Message::Echeance,
                    ))
                    .push(widgets::liste(
                        besoins(session),
                        s.besoin.clone(),
                        Message::Besoin,
                        "Besoin concerné (facultatif)…",
                    ));
            }
            Formulaire::Reconduction => {
                c = c
                    .push(champ_date("Date de la décision *"))
                    .push(zone(
                        "Durée en mois (1 à 6) *",
                        &s.duree_mois,
                        Message::DureeMois,
                    ))
                    .push(accords());
                if let Some(fin) = d.fin_prevue() {
                    c = c.push(text(format!("Terme actuel : {}", date_fr(fin))).size(13));
                }
                // Décidée longtemps avant le terme : on le fait confirmer.
                let regles = session.ctx().regles;
                let anticipee = crate::domain::date::lire_date(&s.date)
                    .ok()
                    .and_then(|le| reconduction_tres_anticipee(d, le, regles));
                if anticipee.is_some() {
                    c = c.push(widgets::case(
                        format!(
                            "Je confirme cette décision, prise plus de {} mois avant le terme",
                            regles.reconduction_anticipee_mois
                        ),
                        s.confirmation,
                        Message::Confirmation,
                    ));
                }
            }
            Formulaire::PlanifierPoint => {
                c = c.push(champ_date("Date prévue *")).push(zone(
                    "Objet",
                    &s.redaction,
                    Message::Redaction,
                ));
            }
            Formulaire::TenirPoint(_) => {
                let p = &s.compte_rendu.participants;
                let case = |libelle: &'a str, oui: bool, m: fn(bool) -> Message| {
                    widgets::case(libelle, oui, m)
                };
                c = c
                    .push(champ_date("Date *"))
                    .push(text("Participants").size(TAILLE_TEXTE))
                    .push(
                        row![
                            case("La personne", p.personne, Message::PointPersonne),
                            case("Conseiller dédié", p.conseiller, Message::PointConseiller),
                            case("Référent social", p.referent, Message::PointReferent),
                        ]
                        .spacing(16),
                    )
                    .push(zone(
                        "Autres participants (nom, structure)",
                        &p.autres,
                        Message::PointAutres,
                    ))
                    .push(zone(
                        "Synthèse des échanges",
                        &s.redaction,
                        Message::Redaction,
                    ))
                    .push(zone(
                        "Ce qui a été décidé",
                        &s.compte_rendu.decisions,
                        Message::PointDecisions,
                    ));
                if !d.actions.is_empty() {
                    c = c.push(text("Actions du carnet concernées").size(TAILLE_TEXTE));
                    for a in &d.actions {
                        let n = a.numero;
                        c = c.push(widgets::case(
                            format!("n° {n} ({}) : {}", a.volet.libelle(), a.libelle),
                            s.compte_rendu.actions.contains(&n),
                            move |b| Message::PointAction(n, b),
                        ));
                    }
                }
            }
            Formulaire::Contact => {
                c = c
                    .push(champ_date("Date *"))
                    .push(widgets::liste(
                        Canal::TOUS.map(ChoixCanal).to_vec(),
                        s.canal.map(ChoixCanal),
                        |v: ChoixCanal| Message::Canal(v.0),
                        "Canal du contact…",
                    ))
                    .push(roles("Contact avec *"))
                    .push(zone("Objet", &s.redaction, Message::Redaction));
            }
            Formulaire::SocialExclusif => {
                c = c
                    .push(champ_date("Date *"))
                    .push(zone("Durée en mois *", &s.duree_mois, Message::DureeMois))
                    .push(roles("Proposée par *"))
                    .push(widgets::case(
                        "Proposée aussi par l'autre professionnel du binôme",
                        s.coproposee,
                        Message::Coproposee,
                    ));
                // En cours d'accompagnement global, le passage se décide à deux.
                if d.entree.is_some() {
                    c = c.push(accords());
                }
                c = c
                    .push(widgets::case(
                        "La personne adhère à cette orientation",
                        s.confirmation,
                        Message::Confirmation,
                    ))
                    .push(
                        text(crate::domain::dossier::SocialExclusif::CONDITION_INSCRIPTION)
                            .size(13),
                    );
            }
            Formulaire::RetourGlobal => {
                c = c
                    .push(champ_date("Date de la décision *"))
                    .push(
                        text(if d.entree.is_some() {
                            "Les freins sont levés : l'accompagnement global reprend, jusqu'à son terme inchangé."
                        } else {
                            "Les freins sont levés : un nouveau temps de concertation décidera de l'accompagnement global."
                        })
                        .size(13),
                    )
                    .push(accords());
            }
            Formulaire::Consentement => {
                use crate::domain::dossier::{CategorieSecret, MoyenConsentement};
                c = c
                    .push(champ_date("Date du recueil *"))
                    .push(widgets::liste(
                        MoyenConsentement::TOUS.map(ChoixMoyen).to_vec(),
                        s.moyen.map(ChoixMoyen),
                        |m: ChoixMoyen| Message::Moyen(m.0),
                        "Comment il a été recueilli…",
                    ))
                    .push(
                        text("Ce que la personne accepte que les deux professionnels partagent *")
                            .size(TAILLE_TEXTE),
                    );
                for cat in CategorieSecret::TOUTES {
                    c = c.push(widgets::case(
                        premiere_majuscule(cat.libelle()),
                        s.categories.contains(&cat),
                        move |oui| Message::Categorie(cat, oui),
                    ));
                }
                c = c.push(zone(
                    "Document qui porte le consentement (référence, classement)",
                    &s.precision,
                    Message::Precision,
                ));
            }
            Formulaire::RevoquerConsentement => {
                c = c.push(champ_date("Date de la révocation *")).push(
                    text("À partir de cette date, plus rien ne se partage entre les deux professionnels ; la révocation entre dans la chronologie.")
                        .size(TAILLE_TEXTE),
                );
            }
            Formulaire::Cloture => {
                c = c.push(champ_date("Date de sortie *")).push(widgets::liste(
                    ChoixMotif::tous(),
                    s.motif,
                    Message::Motif,
                    "Motif de sortie…",
                ));
                if s.motif == Some(ChoixMotif::Autre) {
                    c = c.push(zone("Motif *", &s.precision, Message::Precision));
                }
                if matches!(s.motif, Some(ChoixMotif::Anticipee(_))) {
                    c = c.push(accords());
                }
                c = c.push(zone("Commentaire", &s.redaction, Message::Redaction));
            }
        }
        c = c.push(
            row![
                widgets::bouton("Annuler (Échap)", Some(Message::Annuler)),
                widgets::bouton_principal("Enregistrer (Ctrl+S)".into(), Some(Message::Valider)),
            ]
            .spacing(10),
        );
        container(widgets::carte(c)).id(ID_FORMULAIRE).into()
    }
}

pub fn besoins(session: &Session) -> Vec<Option_> {
    session
        .freins()
        .familles
        .iter()
        .flat_map(|f| {
            f.besoins.iter().map(move |b| Option_ {
                code: b.code.clone(),
                libelle: format!("{} — {}", f.libelle, b.libelle),
            })
        })
        .collect()
}

macro_rules! choix {
    ($nom:ident, $t:ty) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $nom(pub $t);
        impl std::fmt::Display for $nom {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0.libelle())
            }
        }
    };
}
choix!(ChoixSituation, Situation);
choix!(ChoixObjectif, Objectif);
choix!(ChoixObjet, ObjetFiche);
choix!(ChoixCanal, Canal);
choix!(ChoixBranche, BrancheDesignation);

const SITUATIONS: [ChoixSituation; 3] = [
    ChoixSituation(Situation::NonAbordee),
    ChoixSituation(Situation::Oui),
    ChoixSituation(Situation::Non),
];
const OBJECTIFS: [ChoixObjectif; 4] = [
    ChoixObjectif(Objectif::NonAborde),
    ChoixObjectif(Objectif::EnCours),
    ChoixObjectif(Objectif::Realise),
    ChoixObjectif(Objectif::Abandonne),
];

choix!(ChoixMoyen, crate::domain::dossier::MoyenConsentement);

/// « Santé » : un libellé en début de ligne.
fn premiere_majuscule(t: &str) -> String {
    let mut c = t.chars();
    c.next()
        .map(|p| p.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
