//! Conduit un dossier fictif le long du parcours, avec des délais plausibles, jusqu'à
//! aujourd'hui : selon sa date d'ouverture, il s'arrête à l'étape où il en serait.

use chrono::Duration;

use super::alea::Alea;
use super::Equipe;
use crate::domain::date::Jour;
use crate::domain::designation::{pour_personne, Designation};
use crate::domain::diagnostic::{Diagnostic, Evaluation, Objectif, Situation, Volet};
use crate::domain::dossier::{
    fin_de_periode, Accord, AccordDepartement, BrancheDesignation, Canal, Cible, Commande,
    CompteRendu, Decision, DesignationReferent, Dossier, MotifAnticipe, MotifSortie, ObjetFiche,
    Ouverture, Participants, StatutAction, DUREE_INITIALE_MOIS,
};
use crate::domain::personne::Personne;
use crate::domain::professionnel::{Affectation, Professionnel, Role};
use crate::domain::structures::Referentiel;
use crate::store::{ErreurStore, Lot};

const ACTIONS_EMPLOI: &[&str] = &[
    "Atelier CV et lettre de motivation",
    "Immersion professionnelle (PMSMP)",
    "Prestation d'orientation professionnelle",
    "Candidatures sur offres du secteur visé",
    "Inscription à une formation qualifiante",
    "Entretien d'embauche simulé",
    "Job dating de l'agence",
];

const ACTIONS_SOCIALES: &[(&str, &str)] = &[
    (
        "Constituer le dossier de micro-crédit pour l'achat d'un véhicule",
        "vehicule",
    ),
    (
        "Demande de place en crèche à vocation d'insertion",
        "garde-enfant",
    ),
    (
        "Dossier de surendettement auprès de la Banque de France",
        "endettement",
    ),
    (
        "Demande de logement social (numéro unique)",
        "trouver-logement",
    ),
    ("Bilan de santé au centre d'examens", "bilan-sante"),
    (
        "Ouverture des droits à la complémentaire santé solidaire",
        "couverture-sociale",
    ),
    ("Atelier d'initiation au numérique", "internet-telephonie"),
    ("Cours de français langue étrangère", "lire-ecrire-compter"),
    ("Aide au permis de conduire (auto-école sociale)", "permis"),
    (
        "Rendez-vous avec le point d'accès au droit",
        "probleme-administratif",
    ),
    ("Colis de l'épicerie solidaire", "aide-alimentaire"),
    ("Accompagnement budgétaire (conseillère ESF)", "budget"),
];

struct Conduite<'l, 'a> {
    lot: &'l mut Lot<'a>,
    alea: &'l mut Alea,
    id: uuid::Uuid,
    aujourdhui: Jour,
    date: Jour,
    conseiller: String,
    referent: String,
    ressources: &'l [crate::domain::ressources::Ressource],
}

impl Conduite<'_, '_> {
    /// Avance le curseur ; faux si la date dépasse aujourd'hui (le dossier s'arrête là).
    fn attendre(&mut self, min: i64, max: i64) -> bool {
        self.date += Duration::days(self.alea.entre(min, max));
        self.date <= self.aujourdhui
    }

    fn faire(&mut self, par: Role, c: Commande) -> Result<(), ErreurStore> {
        let auteur = match par {
            Role::Conseiller => &self.conseiller,
            Role::Referent => &self.referent,
        };
        self.lot.changer_auteur(auteur);
        self.lot.executer(self.id, &c).map(|_| ())
    }

    fn dossier(&mut self) -> Result<Dossier, ErreurStore> {
        self.lot
            .dossier(self.id)?
            .ok_or_else(|| ErreurStore::DossierInconnu(self.id.to_string()))
    }

    fn diagnostic(&mut self, volet: Volet, precedent: Option<&Diagnostic>) -> Diagnostic {
        let freins = crate::domain::freins::Freins::embarque();
        let mut evaluations = Vec::new();
        match precedent {
            Some(p) => {
                for e in &p.evaluations {
                    let (situation, objectif) = match self.alea.entre(0, 9) {
                        0..=3 => (Situation::Non, Objectif::Realise),
                        4..=7 => (Situation::Oui, Objectif::EnCours),
                        _ => (Situation::Oui, Objectif::Abandonne),
                    };
                    evaluations.push(Evaluation {
                        situation,
                        objectif,
                        ..e.clone()
                    });
                }
            }
            None => {
                let n = self.alea.entre(2, 5);
                for _ in 0..n {
                    let famille = self.alea.choisir(&freins.familles);
                    let besoin = self.alea.choisir(&famille.besoins).code.clone();
                    if evaluations.iter().any(|e: &Evaluation| e.besoin == besoin) {
                        continue;
                    }
                    let confidentiel = volet == Volet::Social
                        && matches!(
                            famille.code.as_str(),
                            "se-soigner" | "difficultes-administratives"
                        )
                        && self.alea.chance(0.5);
                    evaluations.push(Evaluation {
                        besoin,
                        situation: Situation::Oui,
                        objectif: if self.alea.chance(0.6) {
                            Objectif::EnCours
                        } else {
                            Objectif::NonAborde
                        },
                        commentaire: String::new(),
                        confidentiel,
                    });
                }
            }
        }
        Diagnostic {
            volet,
            date: self.date,
            synthese: match volet {
                Volet::Emploi => {
                    "Projet professionnel à consolider ; disponibilité à préciser.".into()
                }
                Volet::Social => "Situation sociale faisant obstacle à la reprise d'emploi.".into(),
            },
            evaluations,
        }
    }
}

pub(super) fn conduire(
    lot: &mut Lot,
    alea: &mut Alea,
    personne: Personne,
    equipe: &Equipe,
    referentiel: &Referentiel,
    aujourdhui: Jour,
) -> Result<(), ErreurStore> {
    let conseiller = choisir_conseiller(alea, equipe, &personne);
    let referent = choisir_referent(alea, equipe, &personne, referentiel);
    let initiative = if alea.chance(0.6) {
        Role::Conseiller
    } else {
        Role::Referent
    };
    // Un portefeuille vivant : surtout des accompagnements en cours, des diagnostics récents,
    // et des dossiers plus anciens arrivés à leur terme.
    let anciennete = match alea.entre(0, 99) {
        0..=17 => alea.entre(0, 45),
        18..=79 => alea.entre(45, 400),
        _ => alea.entre(400, 620),
    };
    let ouverture = aujourdhui - Duration::days(anciennete);
    let id = alea.uuid();
    let mut c = Conduite {
        lot,
        alea,
        id,
        aujourdhui,
        date: ouverture,
        conseiller: conseiller.id.to_string(),
        referent: referent.id.to_string(),
        ressources: &equipe.ressources,
    };
    let (cm, rm) = (conseiller.membre(), referent.membre());
    c.faire(
        initiative,
        Commande::Ouvrir(Ouverture {
            id,
            personne,
            initiative,
            prescripteur: None,
            date: ouverture,
            conseiller: (initiative == Role::Conseiller).then(|| cm.clone()),
            referent: (initiative == Role::Referent).then(|| rm.clone()),
        }),
    )?;
    // Orientation directe en accompagnement social exclusif, sans diagnostic partagé.
    if c.alea.chance(0.04) {
        let date = c.date;
        let mois = c.alea.entre(3, 12) as u32;
        c.faire(
            initiative,
            Commande::OrienterSocialExclusif {
                date,
                adhesion: true,
                mois,
                propose_par: initiative,
                coproposee: false,
                accord: Accord::CONJOINT,
            },
        )?;
        return suivre_social_exclusif(&mut c);
    }
    let premier = Volet::de(initiative);
    let second = Volet::de(initiative.autre());
    let autre = initiative.autre();

    if !c.attendre(0, 6) {
        return Ok(());
    }
    let d1 = c.diagnostic(premier, None);
    c.faire(initiative, Commande::EnregistrerDiagnostic(d1))?;
    if !c.attendre(0, 3) {
        return Ok(());
    }
    let date = c.date;
    if autre == Role::Referent {
        // Le conseiller conduit le protocole : la structure du référent choisi.
        let d = designation_de(referent, &c.dossier()?.personne, referentiel, date);
        c.faire(initiative, Commande::EnregistrerDesignation(d))?;
    }
    c.faire(
        initiative,
        Commande::AffecterMembre {
            membre: if autre == Role::Conseiller {
                cm.clone()
            } else {
                rm.clone()
            },
            date,
        },
    )?;
    c.faire(
        initiative,
        Commande::CreerFiche {
            emetteur: initiative,
            objet: ObjetFiche::Orientation,
            date,
            motif: format!("Orientation pour l'entretien n°1 {}", second.libelle()),
            synthese: "Freins repérés lors du premier entretien ; diagnostic à compléter.".into(),
            action_demandee: "Réaliser l'entretien n°1 et retourner la fiche datée et signée."
                .into(),
        },
    )?;
    if !c.attendre(0, 2) {
        return Ok(());
    }
    let date = c.date;
    c.faire(initiative, Commande::EnvoyerFiche { numero: 1, date })?;
    // Certaines fiches attendent longtemps leur retour : c'est une alerte.
    let lent = c.alea.chance(0.15);
    if !c.attendre(3, if lent { 45 } else { 18 }) {
        return Ok(());
    }
    let d2 = c.diagnostic(second, None);
    c.faire(autre, Commande::EnregistrerDiagnostic(d2))?;
    if !c.attendre(0, 8) {
        return Ok(());
    }
    let date = c.date;
    c.faire(
        autre,
        Commande::EnregistrerRetourFiche {
            numero: 1,
            date,
            signee: true,
            commentaire: "Retour daté et signé.".into(),
        },
    )?;
    if c.alea.chance(0.03) {
        let date = c.date;
        return c.faire(
            autre,
            Commande::Cloturer {
                date,
                motif: MotifSortie::DemandePersonne,
                accord: Accord::default(),
                commentaire: "La personne ne souhaite pas poursuivre.".into(),
            },
        );
    }
    if !c.attendre(1, 10) {
        return Ok(());
    }
    let date = c.date;
    let tirage = c.alea.entre(0, 99);
    let decision = match tirage {
        0..=3 => Decision::Reorientation(Cible::SocialExclusif),
        4..=6 => Decision::Reorientation(Cible::ModalitePoleEmploi),
        7 => Decision::Reorientation(Cible::AutreStructure("Mission locale".into())),
        _ => Decision::Validation,
    };
    let reorientation_ase = decision == Decision::Reorientation(Cible::SocialExclusif);
    let validee = decision == Decision::Validation;
    c.faire(
        initiative,
        Commande::TenirConcertation {
            date,
            decision,
            accord: Accord::CONJOINT,
            commentaire: String::new(),
        },
    )?;
    if reorientation_ase {
        if !c.attendre(0, 10) {
            return Ok(());
        }
        let date = c.date;
        let mois = c.alea.entre(3, 12) as u32;
        c.faire(
            Role::Referent,
            Commande::OrienterSocialExclusif {
                date,
                adhesion: true,
                mois,
                propose_par: Role::Referent,
                coproposee: false,
                accord: Accord::CONJOINT,
            },
        )?;
        return suivre_social_exclusif(&mut c);
    }
    if !validee {
        return retourner_la_reorientation(&mut c, initiative);
    }
    c.faire(
        initiative,
        Commande::CreerFiche {
            emetteur: initiative,
            objet: ObjetFiche::IssueConcertation,
            date,
            motif: "Validation de l'accompagnement global".into(),
            synthese: "Le binôme valide l'entrée en accompagnement global.".into(),
            action_demandee: "Compléter le carnet de route.".into(),
        },
    )?;
    c.faire(initiative, Commande::EnvoyerFiche { numero: 2, date })?;
    if !c.attendre(1, 7) {
        return Ok(());
    }
    let date = c.date;
    let n_emploi = c.alea.entre(1, 3);
    for _ in 0..n_emploi {
        let libelle = c.alea.choisir(ACTIONS_EMPLOI).to_string();
        let echeance = date + Duration::days(c.alea.entre(20, 200));
        c.faire(
            Role::Conseiller,
            Commande::AjouterAction {
                volet: Volet::Emploi,
                libelle,
                porteur: Role::Conseiller,
                date,
                echeance: Some(echeance),
                besoin: None,
            },
        )?;
    }
    let n_social = c.alea.entre(1, 3);
    for _ in 0..n_social {
        let (libelle, besoin) = *c.alea.choisir(ACTIONS_SOCIALES);
        let echeance = date + Duration::days(c.alea.entre(20, 200));
        c.faire(
            Role::Referent,
            Commande::AjouterAction {
                volet: Volet::Social,
                libelle: libelle.into(),
                porteur: Role::Referent,
                date,
                echeance: Some(echeance),
                besoin: Some(besoin.into()),
            },
        )?;
        prescrire(&mut c, besoin, date)?;
    }
    if !c.attendre(1, 10) {
        return Ok(());
    }
    let date = c.date;
    c.faire(Role::Conseiller, Commande::RealiserInitialisation { date })?;
    if !c.attendre(0, 3) {
        return Ok(());
    }
    let entree = c.date;
    c.faire(Role::Conseiller, Commande::SignerContrat { date: entree })?;
    // Le consentement au partage, recueilli avec le contrat (sans tirage : le reste de la
    // démonstration ne change pas) ; santé, budget et justice restent du côté social.
    c.faire(
        Role::Conseiller,
        Commande::RecueillirConsentement(crate::domain::dossier::Consentement {
            date: entree,
            moyen: crate::domain::dossier::MoyenConsentement::ContratSigne,
            categories: vec![
                crate::domain::dossier::CategorieSecret::SituationProfessionnelle,
                crate::domain::dossier::CategorieSecret::SyntheseSociale,
                crate::domain::dossier::CategorieSecret::Logement,
                crate::domain::dossier::CategorieSecret::Famille,
            ],
            document: Some("Contrat d'accompagnement global".into()),
            revoque_le: None,
        }),
    )?;
    accompagner(&mut c, entree)
}

/// L'accompagnement social exclusif : des contacts du référent, puis la fin prévue.
fn suivre_social_exclusif(c: &mut Conduite) -> Result<(), ErreurStore> {
    let fin = c.dossier()?.fin_social_exclusif();
    while c.attendre(14, 40) {
        let date = c.date;
        if fin.is_some_and(|f| date > f) {
            return c.faire(
                Role::Referent,
                Commande::Cloturer {
                    date,
                    motif: MotifSortie::FinDeTerme,
                    accord: Accord::default(),
                    commentaire: "Fin de l'accompagnement social exclusif.".into(),
                },
            );
        }
        c.faire(
            Role::Referent,
            Commande::EnregistrerContact {
                date,
                canal: Canal::Entretien,
                role: Role::Referent,
                objet: "Accompagnement social".into(),
            },
        )?;
    }
    Ok(())
}

/// La vie du dossier après l'entrée : contacts, points, actions, reconduction, sortie.
fn accompagner(c: &mut Conduite, entree: Jour) -> Result<(), ErreurStore> {
    let silencieux = c.alea.chance(0.1);
    let sortie_anticipee = match c.alea.entre(0, 99) {
        0..=24 => Some(MotifSortie::RetourEmploi),
        25..=34 => Some(MotifSortie::EntreeFormation),
        35..=39 => Some(MotifSortie::DemandePersonne),
        40..=43 => Some(MotifSortie::CessationInscription),
        44..=51 => Some(MotifSortie::Anticipee(
            *c.alea.choisir(&MotifAnticipe::TOUS),
        )),
        _ => None,
    };
    let date_sortie = entree + Duration::days(c.alea.entre(60, 330));
    let reconduire = c.alea.chance(0.4);
    let mois_reconduction = c.alea.entre(3, 6) as u32;
    let oublier_cloture = c.alea.chance(0.15);
    let mut fin = fin_de_periode(entree, DUREE_INITIALE_MOIS);
    let mut point_planifie: Option<(u32, Jour)> = None;
    let mut jour_diagnostic = entree + Duration::days(180);
    // Quelques parcours changent en route : le RSA commence ou s'arrête ; la situation
    // sociale s'aggrave, accompagnement social exclusif, puis retour.
    let mut changement_rsa = c.alea.chance(0.08);
    let jour_rsa = entree + Duration::days(c.alea.entre(30, 250));
    let mut passage_ase = c.alea.chance(0.05);
    let jour_ase = entree + Duration::days(c.alea.entre(60, 150));
    let mut en_ase_depuis: Option<Jour> = None;
    loop {
        // Le prochain contact, trois à six semaines plus tard.
        if !c.attendre(14, 42) {
            break;
        }
        let date = c.date;
        if let Some(debut) = en_ase_depuis {
            if date < debut + Duration::days(45) {
                continue;
            }
            c.faire(
                Role::Referent,
                Commande::RevenirAccompagnementGlobal {
                    date,
                    accord: Accord::CONJOINT,
                },
            )?;
            en_ase_depuis = None;
        } else if passage_ase && date >= jour_ase {
            passage_ase = false;
            let coproposee = c.alea.chance(0.5);
            c.faire(
                Role::Referent,
                Commande::OrienterSocialExclusif {
                    date,
                    adhesion: true,
                    mois: 3,
                    propose_par: Role::Referent,
                    coproposee,
                    accord: Accord::CONJOINT,
                },
            )?;
            en_ase_depuis = Some(date);
            continue;
        }
        if changement_rsa && date >= jour_rsa {
            changement_rsa = false;
            let mut personne = c.dossier()?.personne;
            personne.brsa = !personne.brsa;
            c.faire(
                Role::Conseiller,
                Commande::ChangerSituation { personne, date },
            )?;
        }
        if let Some(motif) = sortie_anticipee.clone().filter(|_| date >= date_sortie) {
            let anticipee = matches!(motif, MotifSortie::Anticipee(_));
            if anticipee {
                // Une sortie anticipée se décide sur un diagnostic actualisé des deux volets.
                let d = c.dossier()?;
                for volet in [Volet::Emploi, Volet::Social] {
                    let precedent = d
                        .diagnostics
                        .iter()
                        .rev()
                        .find(|x| x.volet == volet)
                        .cloned();
                    let diag = c.diagnostic(volet, precedent.as_ref());
                    c.faire(volet.porteur(), Commande::EnregistrerDiagnostic(diag))?;
                }
            }
            let par = if anticipee {
                Role::Referent
            } else {
                Role::Conseiller
            };
            return c.faire(
                par,
                Commande::Cloturer {
                    date,
                    motif,
                    accord: Accord::CONJOINT,
                    commentaire: String::new(),
                },
            );
        }
        if date > fin {
            if oublier_cloture {
                break;
            }
            return c.faire(
                Role::Conseiller,
                Commande::Cloturer {
                    date,
                    motif: MotifSortie::FinDeTerme,
                    accord: Accord::default(),
                    commentaire: String::new(),
                },
            );
        }
        let d = c.dossier()?;
        if reconduire && d.reconduction.is_none() && date >= fin - Duration::days(45) {
            c.faire(
                Role::Conseiller,
                Commande::Reconduire {
                    date,
                    mois: mois_reconduction,
                    accord: Accord::CONJOINT,
                },
            )?;
            fin = c.dossier()?.fin_prevue().unwrap_or(fin);
        }
        if !silencieux || date < entree + Duration::days(60) {
            let role = if c.alea.chance(0.6) {
                Role::Conseiller
            } else {
                Role::Referent
            };
            let canal = *c
                .alea
                .choisir(&[Canal::Entretien, Canal::Telephone, Canal::Courriel]);
            c.faire(
                role,
                Commande::EnregistrerContact {
                    date,
                    canal,
                    role,
                    objet: "Suivi des démarches".into(),
                },
            )?;
        }
        // Points d'échanges : planifiés, puis tenus (parfois oubliés).
        match point_planifie {
            Some((numero, prevu)) if prevu <= date && c.alea.chance(0.85) => {
                let actions: Vec<u32> = c
                    .dossier()?
                    .actions
                    .iter()
                    .filter(|a| a.statut.ouverte())
                    .map(|a| a.numero)
                    .take(2)
                    .collect();
                let compte_rendu = CompteRendu {
                    participants: Participants {
                        personne: c.alea.chance(0.5),
                        conseiller: true,
                        referent: true,
                        autres: String::new(),
                    },
                    decisions: "Poursuivre les actions engagées ; prochain point à fixer.".into(),
                    actions,
                    // Le domaine les nomme aussi par leur identifiant.
                    actions_ids: Vec::new(),
                };
                c.faire(
                    Role::Conseiller,
                    Commande::TenirPoint {
                        numero: Some(numero),
                        date,
                        synthese: "Point sur les actions des deux volets.".into(),
                        compte_rendu,
                    },
                )?;
                point_planifie = None;
            }
            None => {
                let prevu = date + Duration::days(c.alea.entre(30, 90));
                c.faire(
                    Role::Conseiller,
                    Commande::PlanifierPoint {
                        date_prevue: prevu,
                        objet: "Point d'étape du binôme".into(),
                    },
                )?;
                point_planifie = Some((c.dossier()?.points.len() as u32, prevu));
            }
            _ => {}
        }
        // Actions du carnet : certaines avancent, d'autres restent échues.
        let d = c.dossier()?;
        if let Some(a) = d.actions.iter().find(|a| a.statut.ouverte()) {
            let statut = match c.alea.entre(0, 9) {
                0..=4 => StatutAction::Realisee,
                5..=6 => StatutAction::EnCours,
                7 if a.volet == Volet::Social => StatutAction::NonRealisee,
                _ => a.statut,
            };
            if statut != a.statut {
                let numero = a.numero;
                c.faire(
                    a.porteur,
                    Commande::ChangerStatutAction {
                        numero,
                        statut,
                        date,
                    },
                )?;
            }
        }
        if date >= jour_diagnostic {
            let precedent = d
                .diagnostics
                .iter()
                .rev()
                .find(|x| x.volet == Volet::Social)
                .cloned();
            let diag = c.diagnostic(Volet::Social, precedent.as_ref());
            c.faire(Role::Referent, Commande::EnregistrerDiagnostic(diag))?;
            jour_diagnostic = date + Duration::days(365);
        }
    }
    Ok(())
}

fn choisir_conseiller<'e>(alea: &mut Alea, equipe: &'e Equipe, p: &Personne) -> &'e Professionnel {
    let candidats: Vec<&Professionnel> = equipe
        .conseillers
        .iter()
        .filter(|c| matches!(&c.affectation, Affectation::Agence { perimetre, .. } if perimetre.contains(&p.commune)))
        .collect();
    if candidats.is_empty() {
        return alea.choisir(&equipe.conseillers);
    }
    // L'utilisateur de la démonstration suit l'essentiel des dossiers de son périmètre.
    if let Some(premier) = equipe.conseillers.first() {
        if candidats.iter().any(|c| c.id == premier.id) && alea.chance(0.9) {
            return premier;
        }
    }
    let choisi: &&Professionnel = alea.choisir(&candidats);
    choisi
}

/// La désignation enregistrée pour ce référent : la branche du protocole si sa structure est
/// celle qu'il désigne, sinon une structure en capacité, avec l'accord du Département.
fn designation_de(
    referent: &Professionnel,
    p: &Personne,
    referentiel: &Referentiel,
    date: Jour,
) -> DesignationReferent {
    let protocole = pour_personne(p, &referentiel.structures);
    let (code, nom) = match &referent.affectation {
        Affectation::Structure { code, nom, .. } => (code.clone(), nom.clone()),
        Affectation::Agence { agence, .. } => (agence.clone(), agence.clone()),
    };
    if protocole.structure().is_some_and(|(c, _)| c == code) {
        return DesignationReferent {
            date,
            branche: protocole.branche(),
            structure: Some(code),
            nom_structure: nom,
            accord: None,
        };
    }
    DesignationReferent {
        date,
        branche: BrancheDesignation::AccordDepartement,
        structure: None,
        nom_structure: nom,
        accord: Some(AccordDepartement {
            le: date,
            par: "Direction de l'insertion du Département".into(),
        }),
    }
}

/// Le référent que le protocole de désignation aurait donné.
fn choisir_referent<'e>(
    alea: &mut Alea,
    equipe: &'e Equipe,
    p: &Personne,
    referentiel: &Referentiel,
) -> &'e Professionnel {
    let designation = pour_personne(p, &referentiel.structures);
    let code = match designation {
        Designation::PoleInsertion { code, .. } | Designation::Mds { code, .. } => Some(code),
        _ => None,
    };
    let candidats: Vec<&Professionnel> = equipe
        .referents
        .iter()
        .filter(|r| match (&r.affectation, &code) {
            (Affectation::Structure { code: c, .. }, Some(attendu)) => c == attendu,
            (Affectation::Structure { code: c, .. }, None) => c.starts_with("PART-"),
            _ => false,
        })
        .collect();
    if candidats.is_empty() {
        return alea.choisir(&equipe.referents);
    }
    let choisi: &&Professionnel = alea.choisir(&candidats);
    choisi
}

/// Deux actions sociales sur trois reçoivent une ressource de la base qui répond au besoin.
/// Le choix ne tire pas sur l'aléa : les dossiers restent ceux des versions précédentes.
fn prescrire(c: &mut Conduite, besoin: &str, date: Jour) -> Result<(), ErreurStore> {
    let candidates = super::ressources::pour_besoin(c.ressources, besoin);
    let numero = c.dossier()?.actions.len() as u32;
    let graine = c.id.as_u128() as usize ^ numero as usize;
    if candidates.is_empty() || graine.is_multiple_of(3) {
        return Ok(());
    }
    let r = candidates[graine % candidates.len()];
    c.faire(
        Role::Referent,
        Commande::PrescrireRessource {
            action: numero,
            prescription: crate::domain::dossier::Prescription {
                ressource: r.id.to_string(),
                nom: r.nom.clone(),
                besoin: besoin.to_string(),
                date,
            },
        },
    )
}

/// Réorienté (modalité Pôle emploi, autre structure) : l'issue est retournée à l'autre
/// professionnel par une fiche de liaison ; son retour signé clôt le dossier. Quelques-uns
/// attendent encore le retour.
fn retourner_la_reorientation(c: &mut Conduite, initiative: Role) -> Result<(), ErreurStore> {
    let numero = c.dossier()?.fiches.len() as u32 + 1;
    let date = c.date;
    c.faire(
        initiative,
        Commande::CreerFiche {
            emetteur: initiative,
            objet: ObjetFiche::IssueConcertation,
            date,
            motif: "Réorientation décidée en concertation".into(),
            synthese: "Le binôme propose une autre modalité d'accompagnement.".into(),
            action_demandee: "Retourner la fiche datée et signée.".into(),
        },
    )?;
    c.faire(initiative, Commande::EnvoyerFiche { numero, date })?;
    // Un retour sur trois se fait attendre : la fiche reste à relancer.
    if c.alea.entre(0, 2) == 0 || !c.attendre(1, 20) {
        return Ok(());
    }
    let date = c.date;
    c.faire(
        initiative.autre(),
        Commande::EnregistrerRetourFiche {
            numero,
            date,
            signee: true,
            commentaire: "Réorientation notée ; la personne en est informée.".into(),
        },
    )
}
