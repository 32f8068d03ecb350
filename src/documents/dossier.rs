//! Les documents du parcours. Les informations confidentielles du volet social n'y
//! figurent jamais : ces documents circulent entre les deux professionnels et la personne.

use crate::domain::date::{date_fr, Jour};
use crate::domain::diagnostic::{evolution, Diagnostic, Evaluation, Volet};
use crate::domain::dossier::{Dossier, MotifSortie, StatutAction, DUREE_INITIALE_MOIS};
use crate::domain::freins::Freins;
use crate::domain::professionnel::{Affectation, Professionnel, Role};
use crate::domain::structures::Referentiel;

use super::mise_en_page::{Document, ErreurPdf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modele {
    FicheLiaison(u32),
    Contrat,
    Reconduction,
    Carnet,
    Sortie,
}

impl Modele {
    pub fn libelle(self) -> String {
        match self {
            Modele::FicheLiaison(n) => format!("Fiche de liaison n° {n}"),
            Modele::Contrat => "Contrat d'accompagnement global".into(),
            Modele::Reconduction => "Avenant de reconduction".into(),
            Modele::Carnet => "Carnet de route".into(),
            Modele::Sortie => "Fiche de sortie et bilan".into(),
        }
    }

    /// Nom de fichier proposé : modèle, nom de la personne, sans accents ni espaces.
    pub fn nom_fichier(self, d: &Dossier) -> String {
        let base = match self {
            Modele::FicheLiaison(n) => format!("fiche-liaison-{n}"),
            Modele::Contrat => "contrat".into(),
            Modele::Reconduction => "reconduction".into(),
            Modele::Carnet => "carnet-de-route".into(),
            Modele::Sortie => "sortie".into(),
        };
        nom_de_fichier(&base, d)
    }
}

/// « base-nom-prenom.pdf », sans accents ni espaces.
pub fn nom_de_fichier(base: &str, d: &Dossier) -> String {
    nom_pdf(base, &d.personne.nom, &d.personne.prenom)
}

/// « base-nom-prenom.pdf », sans accents ni espaces.
pub fn nom_pdf(base: &str, nom: &str, prenom: &str) -> String {
    let nom: String = crate::domain::texte::normaliser(&format!("{nom} {prenom}"))
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{base}-{nom}.pdf")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurDocument {
    #[error("{0}")]
    Pdf(#[from] ErreurPdf),
    #[error("{0}")]
    SansObjet(String),
}

/// Ce qu'il faut pour rédiger un document.
pub struct Sources<'a> {
    pub dossier: &'a Dossier,
    pub conseiller: Option<&'a Professionnel>,
    pub referent: Option<&'a Professionnel>,
    pub referentiel: &'a Referentiel,
    pub freins: &'a Freins,
    pub aujourdhui: Jour,
}

impl Sources<'_> {
    fn professionnel(&self, role: Role) -> Option<&Professionnel> {
        match role {
            Role::Conseiller => self.conseiller,
            Role::Referent => self.referent,
        }
    }

    pub(super) fn structure(&self, p: &Professionnel) -> String {
        match &p.affectation {
            Affectation::Agence { agence, .. } => self
                .referentiel
                .structures
                .nom(agence)
                .unwrap_or(agence)
                .to_string(),
            Affectation::Structure { nom, .. } => nom.clone(),
        }
    }

    pub(super) fn entete(&self) -> String {
        let agence = self
            .referentiel
            .structures
            .nom(&self.dossier.personne.agence)
            .unwrap_or(&self.dossier.personne.agence)
            .to_string();
        match self.referent {
            Some(r) => format!("{agence} — {}", self.structure(r)),
            None => agence,
        }
    }

    /// « Léa DUPONT, conseiller dédié, Agence …, tél. …, courriel … »
    pub(super) fn identite_pro(&self, role: Role) -> String {
        match self.professionnel(role) {
            None => format!("{} (à désigner)", role.libelle()),
            Some(p) => {
                let mut s = format!(
                    "{}, {}, {}",
                    p.nom_affiche(),
                    role.libelle(),
                    self.structure(p)
                );
                if let Some(t) = &p.telephone {
                    s.push_str(&format!(", tél. {}", t.affichage()));
                }
                if let Some(c) = &p.courriel {
                    s.push_str(&format!(", {c}"));
                }
                s
            }
        }
    }

    pub(super) fn nom_personne(&self) -> String {
        let p = &self.dossier.personne;
        format!(
            "{} {} {}",
            p.civilite.abreviation(),
            p.nom.to_uppercase(),
            p.prenom
        )
    }

    pub(super) fn nom_pro(&self, role: Role) -> String {
        self.professionnel(role).map_or_else(
            || format!("{} (à désigner)", role.libelle()),
            |p| p.nom_affiche(),
        )
    }

    pub(super) fn bloc_identite(&self, doc: &mut Document) {
        let p = &self.dossier.personne;
        doc.section("La personne accompagnée");
        doc.champ("Nom, prénom", &self.nom_personne());
        doc.champ(
            match p.civilite {
                crate::domain::personne::Civilite::Madame => "Née le",
                crate::domain::personne::Civilite::Monsieur => "Né le",
            },
            &date_fr(p.date_naissance),
        );
        doc.champ("Identifiant France Travail", p.identifiant_ft.as_str());
        let commune = self
            .referentiel
            .commune(p.commune.as_str())
            .map_or(p.commune.to_string(), |c| c.nom.to_string());
        let adresse = [
            p.adresse.trim(),
            &p.code_postal
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            &commune,
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
        doc.champ("Adresse", &adresse);
        doc.champ(
            "Téléphone",
            &p.telephone
                .as_ref()
                .map(|t| t.affichage())
                .unwrap_or_default(),
        );
        doc.champ(
            "Courriel",
            &p.courriel
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
        );
    }

    pub(super) fn besoin(&self, code: &str) -> String {
        self.freins.besoin(code).map_or_else(
            || self.freins.libelle_evaluation(code),
            |(f, b)| format!("{} — {}", f.libelle, b.libelle),
        )
    }

    fn partageable(&self, besoin: &str) -> bool {
        self.dossier.besoin_partageable(besoin)
    }

    /// Les évaluations partageables d'un diagnostic.
    fn partageables<'d>(&self, d: &'d Diagnostic) -> Vec<&'d Evaluation> {
        let caches = self.dossier.besoins_confidentiels();
        d.evaluations
            .iter()
            .filter(|e| !caches.contains(e.besoin.as_str()))
            .collect()
    }

    /// La personne et les deux professionnels signent le contrat et son avenant.
    fn signatures_des_trois(&self, doc: &mut Document) {
        doc.signatures(
            &[
                ("La personne accompagnée", &self.nom_personne()),
                ("Le conseiller dédié", &self.nom_pro(Role::Conseiller)),
                ("Le référent social", &self.nom_pro(Role::Referent)),
            ],
            &self.lieu_date(),
        );
    }

    fn lieu_date(&self) -> String {
        let lieu = self
            .referentiel
            .commune(self.dossier.personne.commune.as_str())
            .map_or(String::new(), |c| c.nom.to_string());
        format!("Fait à {lieu}, le ____/____/________")
    }
}

pub fn generer(m: Modele, s: &Sources) -> Result<Vec<u8>, ErreurDocument> {
    Ok(mettre_en_page(m, s)?.octets())
}

/// Le document mis en page, pas encore écrit en PDF : un lot le termine avec ses polices
/// partagées (`Document::octets_avec`).
pub fn mettre_en_page(m: Modele, s: &Sources) -> Result<Document, ErreurDocument> {
    match m {
        Modele::FicheLiaison(n) => fiche_liaison(s, n),
        Modele::Contrat => contrat(s),
        Modele::Reconduction => reconduction(s),
        Modele::Carnet => carnet(s),
        Modele::Sortie => sortie(s),
    }
}

fn fiche_liaison(s: &Sources, numero: u32) -> Result<Document, ErreurDocument> {
    let d = s.dossier;
    let f = d.fiche(numero).ok_or_else(|| {
        ErreurDocument::SansObjet(format!(
            "La fiche de liaison n° {numero} n'existe pas dans ce dossier."
        ))
    })?;
    let mut doc = Document::new(&Modele::FicheLiaison(numero).libelle(), &s.entete())?;
    doc.titre(&format!(
        "Fiche de liaison n° {numero} — {}",
        f.objet.libelle()
    ));
    // Renumérotée à l'échange : une copie déjà imprimée porte l'ancien numéro.
    if let Some(n) = f.numero_initial {
        doc.paragraphe(&format!(
            "Numérotée {n} à sa rédaction : l'autre poste du binôme avait rédigé une fiche n° {n} avant l'échange."
        ));
    }
    doc.paragraphe(
        "Accompagnement global — convention Département des Bouches-du-Rhône / Pôle emploi",
    );
    doc.section("Circulation");
    doc.champ("De", &s.identite_pro(f.emetteur));
    doc.champ("À", &s.identite_pro(f.emetteur.autre()));
    doc.champ("Rédigée le", &date_fr(f.date));
    doc.champ("Envoyée le", &f.envoyee_le.map(date_fr).unwrap_or_default());
    doc.champ(
        "Retournée le",
        &f.retournee_le.map(date_fr).unwrap_or_default(),
    );
    s.bloc_identite(&mut doc);
    // Ce que la fiche peut contenir dépend de ce que la personne a accepté de partager.
    doc.champ(
        "Consentement au partage",
        &match d.consentement() {
            Some(c) => format!(
                "enregistré le {} ({}) : {}",
                date_fr(c.date),
                c.moyen.libelle(),
                c.portee()
            ),
            None => "aucun en cours : le détail du volet social n'est pas partagé".into(),
        },
    );
    doc.section("Objet");
    doc.champ("Motif", &f.motif);
    doc.champ("Synthèse du volet", &f.synthese);
    doc.champ("Action demandée", &f.action_demandee);
    let volet = Volet::de(f.emetteur);
    if let Some(diag) = d
        .diagnostics
        .iter()
        .rev()
        .find(|x| x.volet == volet && x.date <= f.date)
    {
        let evals = s.partageables(diag);
        if !evals.is_empty() {
            doc.section(&format!(
                "Diagnostic {} du {}",
                volet.libelle(),
                date_fr(diag.date)
            ));
            for e in evals {
                // Une contrainte sans détail (hors du consentement) ne dit rien de plus.
                if s.freins.besoin(&e.besoin).is_none() {
                    doc.puce(&s.besoin(&e.besoin));
                    continue;
                }
                let commentaire = match e.commentaire.trim() {
                    "" => String::new(),
                    c => format!(" — {c}"),
                };
                doc.puce(&format!(
                    "{} : {}, objectif {}{commentaire}",
                    s.besoin(&e.besoin),
                    e.situation.libelle(),
                    e.objectif.libelle()
                ));
            }
        }
    }
    doc.section("Retour");
    // Ce que le destinataire a répondu, s'il a déjà répondu ; sinon la place de sa réponse.
    match (f.retournee_le, f.commentaire_retour.trim()) {
        (Some(le), "") => doc.paragraphe(&format!(
            "Retournée datée et signée par le destinataire le {}.",
            date_fr(le)
        )),
        (Some(le), retour) => {
            doc.champ("Retournée le", &date_fr(le));
            doc.champ("Réponse du destinataire", retour);
        }
        (None, _) => {
            doc.paragraphe("La fiche est retournée datée et signée par le destinataire.");
            doc.champ("Réponse du destinataire", "");
        }
    }
    doc.signatures(
        &[
            (
                &format!("L'émetteur ({})", f.emetteur.libelle()),
                &s.nom_pro(f.emetteur),
            ),
            (
                &format!("Le destinataire ({})", f.emetteur.autre().libelle()),
                &s.nom_pro(f.emetteur.autre()),
            ),
        ],
        "Le ____/____/________",
    );
    Ok(doc)
}

fn contrat(s: &Sources) -> Result<Document, ErreurDocument> {
    let d = s.dossier;
    let mut doc = Document::new(&Modele::Contrat.libelle(), &s.entete())?;
    doc.titre("Contrat d'accompagnement global");
    doc.section("Les parties");
    doc.champ("La personne", &s.nom_personne());
    doc.champ(
        "Identifiant France Travail",
        d.personne.identifiant_ft.as_str(),
    );
    doc.champ("Le conseiller dédié", &s.identite_pro(Role::Conseiller));
    doc.champ("Le référent social", &s.identite_pro(Role::Referent));
    doc.section("Objet");
    doc.paragraphe("L'accompagnement global associe un conseiller dédié de Pôle emploi et un référent social, co-responsables du parcours : ensemble, ils aident la personne à lever les difficultés sociales qui freinent son retour à l'emploi et à réaliser son projet professionnel. Les actions de chacun sont inscrites au carnet de route.");
    doc.section("Durée");
    // Le contrat porte sur les 12 premiers mois ; une reconduction fait l'objet d'un avenant.
    let periode = match d.entree {
        Some(e) => format!(
            "du {} au {}",
            date_fr(e),
            date_fr(crate::domain::dossier::fin_de_periode(
                e,
                DUREE_INITIALE_MOIS,
            ))
        ),
        None => "à compter de la date de signature du présent contrat".to_string(),
    };
    doc.paragraphe(&format!("L'accompagnement dure {DUREE_INITIALE_MOIS} mois, {periode}. Il peut être reconduit une fois, pour 6 mois au plus, sur avis partagé des deux professionnels et avec l'accord de la personne."));
    doc.section("Les engagements");
    doc.puce("La personne s'engage à participer aux entretiens et à réaliser les actions convenues au carnet de route, dans le volet emploi comme dans le volet social.");
    doc.puce("Le conseiller dédié mobilise l'offre de services de Pôle emploi et de ses partenaires, et veille avec le référent social à la réalisation des actions et à leur effet.");
    doc.puce("Le référent social met en œuvre les actions d'accompagnement social utiles et fait le point régulièrement avec le conseiller dédié.");
    doc.puce("Les deux professionnels fixent ensemble des points d'échanges intermédiaires selon les besoins et les actions engagées.");
    doc.section("Les droits de la personne");
    doc.puce("La personne peut demander à sortir de l'accompagnement global à tout moment.");
    doc.puce("Ne pas réaliser une action convenue avec le référent social ne peut pas entraîner de radiation de la liste des demandeurs d'emploi. Les obligations envers Pôle emploi restent celles de tout demandeur d'emploi.");
    doc.puce("La sortie anticipée pour un autre motif est une décision conjointe des deux professionnels, prise après un point sur la situation.");
    doc.section("Partage d'informations et consentement");
    doc.paragraphe("La personne accepte que le conseiller dédié et le référent social échangent les informations strictement nécessaires à son accompagnement (secret professionnel partagé). Les éléments relevant de la santé, de la justice ou des dettes restent du côté social, sauf accord exprès de la personne. Ce consentement peut être retiré à tout moment, par simple demande à l'un ou l'autre des professionnels ; l'accompagnement global prend alors fin.");
    // Ce que la personne a exactement accepté, tel qu'il est enregistré.
    doc.paragraphe(&match d.consentement() {
        Some(c) => format!(
            "Consentement enregistré le {} ({}) ; peuvent être partagés : {}.",
            date_fr(c.date),
            c.moyen.libelle(),
            c.portee()
        ),
        None => "Consentement au partage : la personne indique ci-dessous ce qu'elle accepte de partager (situation professionnelle, synthèse de la situation sociale, santé, logement, budget et dettes, justice, famille).".to_string(),
    });
    doc.section("Protection des données");
    doc.paragraphe("Les données sont tenues par Pôle emploi (France Travail) et par le Département, chacun pour ce qui le concerne, aux seules fins de l'accompagnement prévu par la convention. Elles sont conservées pendant l'accompagnement puis deux ans au plus après le dernier contact, avant d'être supprimées ou anonymisées. La personne peut accéder aux données qui la concernent, en demander la rectification, et s'adresser à la CNIL.");
    doc.section("Signatures");
    s.signatures_des_trois(&mut doc);
    Ok(doc)
}

/// Qui a donné chacun des deux accords de la décision, s'ils sont attribués.
fn accords(doc: &mut Document, a: Option<&crate::domain::dossier::AccordsAttribues>) {
    if let Some(a) = a {
        doc.champ("Accord du conseiller dédié", &a.conseiller.libelle());
        doc.champ("Accord du référent social", &a.referent.libelle());
    }
}

fn reconduction(s: &Sources) -> Result<Document, ErreurDocument> {
    let d = s.dossier;
    let r = d.reconduction.ok_or_else(|| {
        ErreurDocument::SansObjet(
            "Aucune reconduction n'est enregistrée dans ce dossier : décidez-la d'abord.".into(),
        )
    })?;
    let mut doc = Document::new(&Modele::Reconduction.libelle(), &s.entete())?;
    doc.titre("Avenant de reconduction du contrat d'accompagnement global");
    s.bloc_identite(&mut doc);
    doc.section("Reconduction");
    doc.champ(
        "Entrée en accompagnement",
        &d.entree.map(date_fr).unwrap_or_default(),
    );
    let fin_initiale = d
        .entree
        .map(|e| crate::domain::dossier::fin_de_periode(e, DUREE_INITIALE_MOIS));
    doc.champ(
        "Terme initial",
        &fin_initiale.map(date_fr).unwrap_or_default(),
    );
    doc.champ("Durée de la reconduction", &format!("{} mois", r.mois));
    doc.champ(
        "Nouvelle date de fin",
        &d.fin_prevue().map(date_fr).unwrap_or_default(),
    );
    doc.champ("Décidée le", &date_fr(r.date));
    doc.paragraphe("Sur avis partagé du conseiller dédié et du référent social, et avec l'accord de la personne, l'accompagnement global est reconduit. La reconduction n'est possible qu'une fois, pour 6 mois au plus. Les autres dispositions du contrat restent inchangées.");
    accords(&mut doc, d.accords_de("La reconduction"));
    s.signatures_des_trois(&mut doc);
    Ok(doc)
}

fn carnet(s: &Sources) -> Result<Document, ErreurDocument> {
    let d = s.dossier;
    let mut doc = Document::new(&Modele::Carnet.libelle(), &s.entete())?;
    doc.titre("Carnet de route — accompagnement global");
    doc.champ("Personne", &s.nom_personne());
    doc.champ("Conseiller dédié", &s.nom_pro(Role::Conseiller));
    doc.champ("Référent social", &s.nom_pro(Role::Referent));
    doc.champ("Entrée", &d.entree.map(date_fr).unwrap_or_default());
    doc.champ("Terme", &d.fin_prevue().map(date_fr).unwrap_or_default());
    let mut familles: Vec<String> = d
        .diagnostics
        .iter()
        .flat_map(|x| s.partageables(x))
        .filter_map(|e| s.freins.besoin(&e.besoin).map(|(f, _)| f.libelle.clone()))
        .collect();
    familles.sort();
    familles.dedup();
    if !familles.is_empty() {
        doc.section("Freins travaillés");
        for f in familles {
            doc.puce(&f);
        }
    }
    for volet in [Volet::Emploi, Volet::Social] {
        doc.section(&format!("Actions du {}", volet.libelle()));
        let lignes: Vec<Vec<String>> = d
            .actions
            .iter()
            .filter(|a| a.volet == volet)
            .map(|a| {
                vec![
                    a.numero.to_string(),
                    d.titre_partageable(a).to_string(),
                    a.besoin
                        .as_deref()
                        .filter(|b| s.partageable(b))
                        .and_then(|b| s.freins.besoin(b))
                        .map(|(_, b)| b.libelle.clone())
                        .unwrap_or_default(),
                    a.porteur.libelle().to_string(),
                    a.echeance.map(date_fr).unwrap_or_default(),
                    a.statut.libelle().to_string(),
                ]
            })
            .collect();
        if lignes.is_empty() {
            doc.paragraphe("Aucune action inscrite.");
        } else {
            doc.tableau(
                &["N°", "Action", "Besoin", "Portée par", "Échéance", "Statut"],
                &[4.0, 30.0, 22.0, 14.0, 11.0, 11.0],
                &lignes,
            );
        }
    }
    let ouvertes = d.actions.iter().filter(|a| a.statut.ouverte()).count();
    let realisees = d
        .actions
        .iter()
        .filter(|a| a.statut == StatutAction::Realisee)
        .count();
    doc.paragraphe(&format!("{} action(s) : {realisees} réalisée(s), {ouvertes} en cours ou à faire. Carnet imprimé le {}.", d.actions.len(), date_fr(s.aujourdhui)));
    Ok(doc)
}

fn sortie(s: &Sources) -> Result<Document, ErreurDocument> {
    let d = s.dossier;
    let c = d.cloture.as_ref().ok_or_else(|| {
        ErreurDocument::SansObjet(
            "Le dossier n'est pas clôturé : la fiche de sortie s'imprime après la clôture.".into(),
        )
    })?;
    let mut doc = Document::new(&Modele::Sortie.libelle(), &s.entete())?;
    doc.titre("Fiche de sortie et bilan de l'accompagnement");
    s.bloc_identite(&mut doc);
    doc.section("Dates");
    doc.champ("Ouverture du dossier", &date_fr(d.date_ouverture));
    doc.champ(
        "Entrée (signature du contrat)",
        &d.entree.map(date_fr).unwrap_or_default(),
    );
    if let Some(r) = d.reconduction {
        doc.champ(
            "Reconduction",
            &format!("{} mois, décidée le {}", r.mois, date_fr(r.date)),
        );
    }
    doc.champ("Sortie", &date_fr(c.date));
    if let Some(e) = d.entree {
        let jours = (c.date - e).num_days();
        doc.champ(
            "Durée d'accompagnement",
            &format!(
                "{jours} jours (environ {} mois)",
                (jours as f64 / 30.44).round()
            ),
        );
    }
    doc.section("Motif de sortie");
    doc.paragraphe(&c.motif.libelle());
    if matches!(c.motif, MotifSortie::Anticipee(_)) {
        doc.paragraphe(
            "Sortie anticipée décidée conjointement par le conseiller dédié et le référent social.",
        );
    }
    doc.champ("Commentaire", &c.commentaire);
    accords(&mut doc, d.accords_de("La sortie"));
    doc.section("Évolution des freins");
    let mut lignes = Vec::new();
    for volet in [Volet::Emploi, Volet::Social] {
        let diags: Vec<&Diagnostic> = d.diagnostics.iter().filter(|x| x.volet == volet).collect();
        if let (Some(premier), Some(dernier)) = (diags.first(), diags.last()) {
            for e in evolution(premier, dernier) {
                if !s.partageable(&e.besoin) {
                    continue;
                }
                let etat = crate::domain::diagnostic::libelle_etat;
                lignes.push(vec![s.besoin(&e.besoin), etat(e.avant), etat(e.apres)]);
            }
        }
    }
    if lignes.is_empty() {
        doc.paragraphe("Aucun frein partageable n'a été évalué.");
    } else {
        doc.tableau(
            &["Besoin", "Premier diagnostic", "Dernier diagnostic"],
            &[40.0, 30.0, 30.0],
            &lignes,
        );
    }
    doc.signatures(
        &[
            ("Le conseiller dédié", &s.nom_pro(Role::Conseiller)),
            ("Le référent social", &s.nom_pro(Role::Referent)),
        ],
        &s.lieu_date(),
    );
    Ok(doc)
}
