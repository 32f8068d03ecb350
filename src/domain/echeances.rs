//! Échéances et alertes, déduites de l'état et des dates : ce qui demande une action.
//!
//! Elles se calculent sur le [`Resume`] d'un dossier (la ligne du portefeuille), ce qui
//! permet de les obtenir pour tout un portefeuille sans relire chaque dossier.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::date::{date_fr, duree_jours, Jour};
use super::diagnostic::Volet;
use super::dossier::{Dossier, Etape, Modalite};
use super::freins::Freins;
use super::professionnel::Role;
use super::texte::TexteCourt;

/// Les délais réglables dans les paramètres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Parametres {
    /// La décision de reconduction est attendue ce nombre de jours avant le terme.
    pub reconduction_avant_terme_jours: i64,
    /// Le terme est signalé ce nombre de jours à l'avance.
    pub preavis_terme_jours: i64,
    /// Une fiche de liaison envoyée sans retour depuis plus longtemps est signalée.
    pub fiche_sans_retour_jours: i64,
    /// Sans contact depuis plus de ce nombre de semaines : signalé.
    pub sans_contact_semaines: i64,
    /// Points d'échanges et décisions signalés ce nombre de jours à l'avance.
    pub anticipation_jours: i64,
    /// Pendant l'accompagnement global, un diagnostic plus ancien est à actualiser.
    pub diagnostic_a_actualiser_mois: i64,
}

impl Default for Parametres {
    fn default() -> Self {
        Parametres {
            reconduction_avant_terme_jours: 30,
            preavis_terme_jours: 30,
            fiche_sans_retour_jours: 15,
            sans_contact_semaines: 6,
            anticipation_jours: 15,
            diagnostic_a_actualiser_mois: 4,
        }
    }
}

/// Ce que le portefeuille montre d'un dossier, et tout ce qu'il faut pour ses alertes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    pub id: Uuid,
    pub nom: TexteCourt,
    pub prenom: TexteCourt,
    pub identifiant_ft: TexteCourt,
    pub commune: TexteCourt,
    pub agence: TexteCourt,
    pub brsa: bool,
    pub enfant_mineur: bool,
    pub modalite: Modalite,
    pub etape: Etape,
    pub initiative: Role,
    pub conseiller_id: Option<Uuid>,
    pub conseiller: Option<TexteCourt>,
    pub referent_id: Option<Uuid>,
    pub referent: Option<TexteCourt>,
    pub date_ouverture: Jour,
    pub date_entree: Option<Jour>,
    /// Dernier jour prévu (accompagnement global ou social exclusif).
    pub date_fin: Option<Jour>,
    pub reconduit: bool,
    pub date_cloture: Option<Jour>,
    pub motif_cloture: Option<TexteCourt>,
    pub dernier_contact: Option<Jour>,
    /// Le diagnostic le moins récent des deux volets : le plus ancien des derniers entretiens
    /// de chaque volet.
    pub dernier_diagnostic: Option<Jour>,
    /// La plus ancienne fiche envoyée sans retour : (numéro, date d'envoi).
    pub fiche_en_attente: Option<(u32, Jour)>,
    /// Le prochain point d'échanges planifié non tenu : (numéro, date prévue).
    pub prochain_point: Option<(u32, Jour)>,
    /// L'action ouverte dont l'échéance est la plus proche : (numéro, échéance).
    pub prochaine_action: Option<(u32, Jour)>,
    /// Son titre, tel qu'il peut être montré (une action confidentielle ne se nomme pas).
    #[serde(default)]
    pub prochaine_action_titre: Option<TexteCourt>,
    /// Ce titre est secret pour le conseiller dédié (besoin hors du consentement, ou
    /// confidentiel) : il lit « action non partagée ».
    #[serde(default)]
    pub prochaine_action_secrete: bool,
    /// Les étapes faites des deux côtés du binôme qui restent à revoir.
    #[serde(default)]
    pub conflits: u32,
    /// Le côté dont l'accord à une décision conjointe est attendu par l'échange.
    #[serde(default)]
    pub accord_attendu: Option<Role>,
    pub suite: TexteCourt,
    pub version: u64,
}

impl Dossier {
    /// L'action ouverte du carnet dont l'échéance est la plus proche.
    fn prochaine_action(&self) -> Option<&super::dossier::ActionCarnet> {
        self.actions
            .iter()
            .filter(|a| a.statut.ouverte() && a.echeance.is_some())
            .min_by_key(|a| (a.echeance, a.numero))
    }

    pub fn resume(&self) -> Resume {
        let p = &self.personne;
        let prochaine = self.prochaine_action();
        Resume {
            id: self.id,
            nom: p.nom.as_str().into(),
            prenom: p.prenom.as_str().into(),
            identifiant_ft: TexteCourt::from(p.identifiant_ft.as_str()),
            commune: TexteCourt::from(p.commune.as_str()),
            agence: p.agence.as_str().into(),
            brsa: p.brsa,
            enfant_mineur: p.enfant_mineur,
            modalite: self.modalite,
            etape: self.etape(),
            initiative: self.initiative,
            conseiller_id: self.conseiller.as_ref().map(|m| m.id),
            conseiller: self.conseiller.as_ref().map(|m| m.nom.as_str().into()),
            referent_id: self.referent.as_ref().map(|m| m.id),
            referent: self.referent.as_ref().map(|m| m.nom.as_str().into()),
            date_ouverture: self.date_ouverture,
            date_entree: self.entree,
            date_fin: self.terme(),
            reconduit: self.reconduction.is_some(),
            date_cloture: self.cloture.as_ref().map(|c| c.date),
            motif_cloture: self.cloture.as_ref().map(|c| c.motif.code().into()),
            dernier_contact: self.dernier_contact(),
            dernier_diagnostic: [Volet::Emploi, Volet::Social]
                .into_iter()
                .map(|v| {
                    self.diagnostics
                        .iter()
                        .filter(|d| d.volet == v)
                        .map(|d| d.date)
                        .max()
                })
                .min()
                .flatten(),
            fiche_en_attente: self
                .fiches
                .iter()
                .filter(|f| f.retournee_le.is_none())
                .filter_map(|f| f.envoyee_le.map(|d| (f.numero, d)))
                .min_by_key(|(n, d)| (*d, *n)),
            prochain_point: self
                .points
                .iter()
                .filter(|p| p.tenu_le.is_none())
                .map(|p| (p.numero, p.date_prevue))
                .min_by_key(|(n, d)| (*d, *n)),
            prochaine_action: prochaine.map(|a| (a.numero, a.echeance.unwrap_or(a.date))),
            prochaine_action_titre: prochaine.map(|a| self.titre_partageable(a).into()),
            prochaine_action_secrete: prochaine
                .is_some_and(|a| self.action_cachee_au_conseiller(a, Freins::partage())),
            conflits: u32::try_from(self.conflits_a_revoir().count()).unwrap_or(u32::MAX),
            accord_attendu: self.accords_attendus().first().map(|(_, r)| *r),
            suite: self.suite().libelle().into(),
            version: self.version,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Gravite {
    Information,
    Attention,
    Urgent,
}

impl Gravite {
    /// Texte + symbole : l'information ne passe jamais par la seule couleur.
    pub fn libelle(self) -> &'static str {
        match self {
            Gravite::Information => "ℹ À venir",
            Gravite::Attention => "⚠ À traiter",
            Gravite::Urgent => "✖ En retard",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Alerte {
    /// Le terme est passé et le dossier n'est pas clôturé.
    TermeDepasse {
        fin: Jour,
        jours: i64,
    },
    FinDeTerme {
        fin: Jour,
        jours: i64,
    },
    ReconductionADecider {
        limite: Jour,
        fin: Jour,
    },
    FicheSansRetour {
        numero: u32,
        envoyee_le: Jour,
        jours: i64,
    },
    SansContact {
        depuis: Jour,
        semaines: i64,
    },
    PointIntermediaire {
        numero: u32,
        date: Jour,
        en_retard: bool,
    },
    ActionEchue {
        numero: u32,
        echeance: Jour,
    },
    /// Pendant l'accompagnement global, le diagnostic n'a pas été actualisé depuis longtemps.
    DiagnosticAActualiser {
        depuis: Jour,
        mois: i64,
    },
    /// Une étape que le parcours ne permet qu'une fois a été faite des deux côtés du binôme
    /// (échange entre installations) : la seconde est gardée, à revoir ensemble.
    ConflitARevoir {
        nombre: u32,
        le: Jour,
    },
    /// Une décision conjointe prise sur un poste attend l'accord de l'autre côté, qui le
    /// donne sur le sien : l'échange l'apportera.
    AccordAttendu {
        role: Role,
        le: Jour,
    },
}

impl Alerte {
    /// La date qui compte pour trier ce qu'il y a à faire.
    pub fn echeance(&self) -> Jour {
        match *self {
            Alerte::TermeDepasse { fin, .. } | Alerte::FinDeTerme { fin, .. } => fin,
            Alerte::ReconductionADecider { limite, .. } => limite,
            Alerte::FicheSansRetour { envoyee_le, .. } => envoyee_le,
            Alerte::SansContact { depuis, .. } => depuis,
            Alerte::PointIntermediaire { date, .. } => date,
            Alerte::ActionEchue { echeance, .. } => echeance,
            Alerte::DiagnosticAActualiser { depuis, .. } => depuis,
            Alerte::ConflitARevoir { le, .. } | Alerte::AccordAttendu { le, .. } => le,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Alerte::TermeDepasse { .. } => "terme_depasse",
            Alerte::FinDeTerme { .. } => "fin_de_terme",
            Alerte::ReconductionADecider { .. } => "reconduction",
            Alerte::FicheSansRetour { .. } => "fiche_sans_retour",
            Alerte::SansContact { .. } => "sans_contact",
            Alerte::PointIntermediaire { .. } => "point_intermediaire",
            Alerte::ActionEchue { .. } => "action_echue",
            Alerte::DiagnosticAActualiser { .. } => "diagnostic_a_actualiser",
            Alerte::ConflitARevoir { .. } => "conflit",
            Alerte::AccordAttendu { .. } => "accord_attendu",
        }
    }

    pub fn gravite(&self) -> Gravite {
        match self {
            Alerte::TermeDepasse { .. } | Alerte::ActionEchue { .. } => Gravite::Urgent,
            Alerte::PointIntermediaire {
                en_retard: true, ..
            } => Gravite::Urgent,
            Alerte::PointIntermediaire { .. } => Gravite::Information,
            Alerte::FinDeTerme { jours, .. } if *jours > 15 => Gravite::Information,
            _ => Gravite::Attention,
        }
    }

    pub fn libelle(&self) -> String {
        match *self {
            Alerte::TermeDepasse { fin, jours } => format!(
                "Terme dépassé depuis le {} ({}) : clôturez le dossier",
                date_fr(fin),
                duree_jours(jours)
            ),
            Alerte::FinDeTerme { fin, jours } => format!(
                "Fin de l'accompagnement le {} (dans {})",
                date_fr(fin),
                duree_jours(jours)
            ),
            Alerte::ReconductionADecider { limite, fin } => format!(
                "Reconduction à décider avant le {} (terme le {})",
                date_fr(limite),
                date_fr(fin)
            ),
            Alerte::FicheSansRetour {
                numero,
                envoyee_le,
                jours,
            } => format!(
                "Fiche de liaison n° {numero} envoyée le {} sans retour depuis {}",
                date_fr(envoyee_le),
                duree_jours(jours)
            ),
            Alerte::SansContact { depuis, semaines } => format!(
                "Aucun contact depuis le {} ({semaines} semaines)",
                date_fr(depuis)
            ),
            Alerte::PointIntermediaire {
                numero,
                date,
                en_retard,
            } => {
                if en_retard {
                    format!(
                        "Point d'échanges n° {numero} prévu le {} non enregistré",
                        date_fr(date)
                    )
                } else {
                    format!("Point d'échanges n° {numero} prévu le {}", date_fr(date))
                }
            }
            Alerte::ActionEchue { numero, echeance } => format!(
                "Action n° {numero} du carnet de route échue le {}",
                date_fr(echeance)
            ),
            Alerte::DiagnosticAActualiser { depuis, mois } => format!(
                "Diagnostic à actualiser : le plus ancien volet date du {} (plus de {mois} mois)",
                date_fr(depuis)
            ),
            Alerte::AccordAttendu { role, .. } => format!(
                "Une décision conjointe attend l'accord du {} : il le donne dans le dossier, sur son poste, et l'échange l'apporte",
                role.libelle()
            ),
            Alerte::ConflitARevoir { nombre, .. } => format!(
                "{nombre} étape(s) enregistrée(s) des deux côtés du binôme : revoyez-les ensemble (chronologie du dossier)"
            ),
        }
    }
}

/// La date avant laquelle la reconduction doit être décidée.
pub fn limite_reconduction(fin: Jour, p: &Parametres) -> Jour {
    fin - chrono::Duration::days(p.reconduction_avant_terme_jours)
}

/// Les alertes d'un dossier à la date du jour, de la plus ancienne échéance à la plus
/// lointaine. Un dossier clôturé n'en a aucune.
pub fn alertes(r: &Resume, aujourdhui: Jour, p: &Parametres) -> Vec<Alerte> {
    let mut v = Vec::new();
    // Même clôturé, un conflit se revoit : les deux installations doivent dire la même chose.
    if r.conflits > 0 {
        v.push(Alerte::ConflitARevoir {
            nombre: r.conflits,
            le: aujourdhui,
        });
    }
    if let Some(role) = r.accord_attendu {
        v.push(Alerte::AccordAttendu {
            role,
            le: aujourdhui,
        });
    }
    if r.etape == Etape::Cloture {
        return v;
    }
    let jours = |de: Jour, a: Jour| (a - de).num_days();
    if let Some(fin) = r.date_fin {
        let reste = jours(aujourdhui, fin);
        if reste < 0 {
            v.push(Alerte::TermeDepasse { fin, jours: -reste });
        } else if reste <= p.preavis_terme_jours {
            v.push(Alerte::FinDeTerme { fin, jours: reste });
        }
        if r.modalite == Modalite::AccompagnementGlobal && !r.reconduit && reste >= 0 {
            let limite = limite_reconduction(fin, p);
            if jours(aujourdhui, limite) <= p.anticipation_jours {
                v.push(Alerte::ReconductionADecider { limite, fin });
            }
        }
    }
    if let Some((numero, envoyee_le)) = r.fiche_en_attente {
        let attente = jours(envoyee_le, aujourdhui);
        if attente > p.fiche_sans_retour_jours {
            v.push(Alerte::FicheSansRetour {
                numero,
                envoyee_le,
                jours: attente,
            });
        }
    }
    let depuis = [Some(r.date_ouverture), r.date_entree, r.dernier_contact]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(r.date_ouverture);
    let sans = jours(depuis, aujourdhui);
    if sans > p.sans_contact_semaines * 7 {
        v.push(Alerte::SansContact {
            depuis,
            semaines: sans / 7,
        });
    }
    if let Some((numero, date)) = r.prochain_point {
        let dans = jours(aujourdhui, date);
        if dans <= p.anticipation_jours {
            v.push(Alerte::PointIntermediaire {
                numero,
                date,
                en_retard: dans < 0,
            });
        }
    }
    if let Some((numero, echeance)) = r.prochaine_action {
        if echeance < aujourdhui {
            v.push(Alerte::ActionEchue { numero, echeance });
        }
    }
    // « Une actualisation régulière du diagnostic tout au long de l'accompagnement global ».
    if let (Etape::Accompagnement, Some(depuis)) = (r.etape, r.dernier_diagnostic) {
        let mois = u32::try_from(p.diagnostic_a_actualiser_mois).unwrap_or(0);
        let limite = depuis.checked_add_months(chrono::Months::new(mois));
        if limite.is_some_and(|l| aujourdhui > l) {
            v.push(Alerte::DiagnosticAActualiser {
                depuis,
                mois: p.diagnostic_a_actualiser_mois,
            });
        }
    }
    v.sort_by_key(|a| (a.echeance(), a.code()));
    v
}

/// La prochaine date à surveiller (colonne « prochaine échéance » du portefeuille).
pub fn prochaine_echeance(r: &Resume, p: &Parametres) -> Option<Jour> {
    if r.etape == Etape::Cloture {
        return None;
    }
    let reconduction = match (r.modalite, r.reconduit, r.date_fin) {
        (Modalite::AccompagnementGlobal, false, Some(fin)) => Some(limite_reconduction(fin, p)),
        _ => None,
    };
    [
        r.date_fin,
        reconduction,
        r.prochain_point.map(|(_, d)| d),
        r.prochaine_action.map(|(_, d)| d),
        r.fiche_en_attente
            .map(|(_, d)| d + chrono::Duration::days(p.fiche_sans_retour_jours)),
    ]
    .into_iter()
    .flatten()
    .min()
}
