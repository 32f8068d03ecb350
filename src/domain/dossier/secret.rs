//! Le secret du volet social (article 3.4 de la convention) : un besoin marqué confidentiel
//! dans un diagnostic ne sort jamais du poste, ni son libellé, ni ce qui le trahirait — le
//! titre d'une action qui y répond, les ressources prescrites pour elle.

use std::borrow::Cow;
use std::collections::HashSet;

use super::{ActionCarnet, CategorieSecret, Dossier, Evenement};
use crate::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use crate::domain::freins::Freins;
use crate::domain::professionnel::Role;

/// Ce que voit le conseiller à la place d'une action qui répond à un frein non partagé.
pub const ACTION_NON_PARTAGEE: &str = "Action du volet social (détail non partagé)";

/// Ce que voit le conseiller à la place de la synthèse sociale quand la personne n'a pas
/// accepté de la partager.
pub const SYNTHESE_NON_PARTAGEE: &str =
    "Synthèse non partagée (hors du consentement de la personne).";

/// La catégorie du consentement dont relève une famille de freins.
pub fn categorie_de_famille(famille: &str) -> CategorieSecret {
    match famille {
        "difficultes-financieres" => CategorieSecret::Budget,
        "difficultes-administratives" => CategorieSecret::Justice,
        "se-loger" => CategorieSecret::Logement,
        "se-soigner" => CategorieSecret::Sante,
        "contraintes-familiales" => CategorieSecret::Famille,
        _ => CategorieSecret::SyntheseSociale,
    }
}

/// Ce qu'imprime un document, ou un export, à la place d'une action confidentielle.
pub const ACTION_CONFIDENTIELLE: &str = "Action confidentielle (volet social)";

/// Un diagnostic tel que le conseiller peut le lire : le volet social réduit à la portée
/// du consentement (`portee`). Appliqué deux fois, il ne change plus rien : un diagnostic
/// reçu déjà réduit (familles au lieu de besoins) se relit tel quel.
fn diagnostic_pour_conseiller(
    diag: &Diagnostic,
    portee: &[CategorieSecret],
    freins: &Freins,
) -> Diagnostic {
    let mut diag = diag.clone();
    if diag.volet != Volet::Social {
        return diag;
    }
    if !portee.contains(&CategorieSecret::SyntheseSociale) && !diag.synthese.is_empty() {
        diag.synthese = SYNTHESE_NON_PARTAGEE.into();
    }
    let mut gardees: Vec<Evaluation> = Vec::new();
    for e in &diag.evaluations {
        let famille = freins
            .besoin(&e.besoin)
            .map(|(f, _)| f.code.as_str())
            .or_else(|| freins.famille(&e.besoin).map(|f| f.code.as_str()));
        let categorie = famille.map_or(CategorieSecret::SyntheseSociale, categorie_de_famille);
        if portee.contains(&categorie) && !e.confidentiel {
            gardees.push(e.clone());
            continue;
        }
        // Hors de la portée, seule l'existence d'un frein se dit.
        if e.situation != Situation::Oui {
            continue;
        }
        let code = famille.unwrap_or("autre").to_string();
        if !gardees.iter().any(|g| g.besoin == code) {
            gardees.push(Evaluation {
                besoin: code,
                situation: Situation::Oui,
                objectif: Objectif::NonAborde,
                commentaire: String::new(),
                confidentiel: false,
            });
        }
    }
    diag.evaluations = gardees;
    diag
}

impl Dossier {
    /// Les catégories que la personne a accepté de partager, par le consentement en cours.
    fn portee(&self) -> Vec<CategorieSecret> {
        self.consentement()
            .map(|c| c.categories.clone())
            .unwrap_or_default()
    }

    /// Ce qui peut partir vers l'installation du partenaire d'un événement de ce dossier
    /// (`self` : l'état au moment de l'envoi, consentement en cours compris). Vers le
    /// référent social : tout, sauf la trace d'une impression, qui reste sur ce poste. Vers
    /// le conseiller dédié : le volet social réduit comme à l'écran ([`Dossier::vu_par`]),
    /// une action sur un frein non partagé sans son détail, ses ressources et celles du
    /// diagnostic hors de la portée pas du tout. Les notes privées ne sont pas des
    /// événements : elles ne partent jamais.
    pub fn partage_avec(
        &self,
        e: &Evenement,
        destinataire: Role,
        freins: &Freins,
    ) -> Option<Evenement> {
        if matches!(e, Evenement::DocumentImprime { .. }) {
            return None;
        }
        if destinataire == Role::Referent {
            return Some(e.clone());
        }
        match e {
            Evenement::DiagnosticEnregistre(d) => Some(Evenement::DiagnosticEnregistre(
                diagnostic_pour_conseiller(d, &self.portee(), freins),
            )),
            Evenement::ActionAjoutee(a) if self.action_cachee_au_conseiller(a, freins) => {
                let mut a = a.clone();
                a.libelle = ACTION_NON_PARTAGEE.into();
                a.besoin = None;
                a.prescriptions.clear();
                Some(Evenement::ActionAjoutee(a))
            }
            Evenement::RessourcePrescrite {
                action, action_id, ..
            } if self.action_n_cachee_au_conseiller(*action, *action_id, freins) => None,
            Evenement::RessourcePrescriteAuDiagnostic(p)
                if self.besoin_cache_au_conseiller(&p.besoin, freins) =>
            {
                None
            }
            _ => Some(e.clone()),
        }
    }
    /// Le dossier tel qu'un professionnel de ce rôle peut le voir. Le référent social voit
    /// tout. Le conseiller dédié voit du volet social ce que la personne a accepté de
    /// partager : un frein hors de la portée du consentement, ou marqué confidentiel, n'est
    /// plus qu'une ligne par famille (« contrainte : oui », sans besoin ni commentaire) ; la
    /// synthèse sociale n'apparaît que si elle est dans la portée.
    pub fn vu_par(&self, role: Role, freins: &Freins) -> Cow<'_, Dossier> {
        if role == Role::Referent {
            return Cow::Borrowed(self);
        }
        let portee = self.portee();
        let mut d = self.clone();
        for diag in &mut d.diagnostics {
            *diag = diagnostic_pour_conseiller(diag, &portee, freins);
        }
        // Une action du carnet qui répond à un frein non partagé existe pour les deux ; son
        // intitulé, son besoin et ses ressources restent du côté social.
        for a in &mut d.actions {
            if self.action_cachee_au_conseiller(a, freins) {
                a.libelle = ACTION_NON_PARTAGEE.into();
                a.besoin = None;
                a.prescriptions.clear();
            }
        }
        Cow::Owned(d)
    }

    /// Vrai si l'action visée (par son identifiant s'il est donné, sinon par son numéro :
    /// un événement relu du journal garde le numéro qu'il avait à son écriture) répond à un
    /// frein que le conseiller ne doit pas connaître.
    fn action_n_cachee_au_conseiller(
        &self,
        numero: u32,
        id: Option<uuid::Uuid>,
        freins: &Freins,
    ) -> bool {
        let vise = super::designe(numero, id);
        self.actions
            .iter()
            .find(|a| vise(a.numero, a.id))
            .is_some_and(|a| self.action_cachee_au_conseiller(a, freins))
    }

    /// Vrai si l'action répond à un frein que le conseiller ne doit pas connaître : hors de
    /// la portée du consentement en cours, ou marqué confidentiel.
    pub fn action_cachee_au_conseiller(&self, a: &ActionCarnet, freins: &Freins) -> bool {
        a.besoin
            .as_deref()
            .is_some_and(|b| self.besoin_cache_au_conseiller(b, freins))
    }

    /// Vrai si ce besoin est hors de la portée du consentement en cours, ou confidentiel.
    fn besoin_cache_au_conseiller(&self, besoin: &str, freins: &Freins) -> bool {
        let famille = freins.besoin(besoin).map(|(f, _)| f.code.as_str());
        let categorie = famille.map_or(CategorieSecret::SyntheseSociale, categorie_de_famille);
        let partage = self
            .consentement()
            .is_some_and(|c| c.categories.contains(&categorie));
        !partage || !self.besoin_partageable(besoin)
    }

    /// Une entrée de la chronologie telle que ce rôle peut la lire : pour le conseiller, une
    /// action sur un frein non partagé, et ses ressources, sans leur détail.
    pub fn description_vue_par(&self, e: &super::Evenement, role: Role, freins: &Freins) -> String {
        use super::Evenement as E;
        if role == Role::Referent {
            return e.description();
        }
        let cachee = |numero: u32, id| self.action_n_cachee_au_conseiller(numero, id, freins);
        match e {
            E::ActionAjoutee(a) if cachee(a.numero, a.id) => format!(
                "Action n° {} au carnet de route ({}) : {ACTION_NON_PARTAGEE}",
                a.numero,
                a.volet.libelle()
            ),
            E::RessourcePrescrite {
                action, action_id, ..
            } if cachee(*action, *action_id) => {
                format!("Action n° {action} : ressource prescrite (détail non partagé)")
            }
            _ => e.description(),
        }
    }

    /// Les besoins marqués confidentiels dans l'un quelconque des diagnostics : ils restent
    /// confidentiels même évalués ailleurs sans cette mention.
    pub fn besoins_confidentiels(&self) -> HashSet<&str> {
        self.diagnostics
            .iter()
            .flat_map(|d| &d.evaluations)
            .filter(|e| e.confidentiel)
            .map(|e| e.besoin.as_str())
            .collect()
    }

    pub fn besoin_partageable(&self, besoin: &str) -> bool {
        !self
            .diagnostics
            .iter()
            .flat_map(|d| &d.evaluations)
            .any(|e| e.confidentiel && e.besoin == besoin)
    }

    /// Vrai si l'action répond à un besoin confidentiel.
    pub fn action_confidentielle(&self, a: &ActionCarnet) -> bool {
        a.besoin
            .as_deref()
            .is_some_and(|b| !self.besoin_partageable(b))
    }

    /// Le titre d'une action tel qu'il peut figurer sur un document ou dans un export.
    pub fn titre_partageable<'a>(&self, a: &'a ActionCarnet) -> &'a str {
        if self.action_confidentielle(a) {
            ACTION_CONFIDENTIELLE
        } else {
            &a.libelle
        }
    }
}
