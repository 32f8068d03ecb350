//! La machine à états du parcours : chaque commande est une transition nommée, gardée
//! par les règles de la convention. Refuser ici, c'est refuser partout (interface,
//! ligne de commande, import).

use super::commande::{Commande, Ouverture, DECISION_CONCERTATION};
use super::evenement::Evenement;
use super::types::*;
use super::{Dossier, RECONDUCTION_MAX_MOIS};
use crate::domain::date::Jour;
use crate::domain::diagnostic::{Diagnostic, Volet};
use crate::domain::freins::Freins;
use crate::domain::professionnel::Role;
use crate::domain::refus::Refus;
use uuid::Uuid;

/// Ce que le domaine doit savoir du monde pour décider.
#[derive(Debug, Clone, Copy)]
pub struct Contexte<'a> {
    pub aujourdhui: Jour,
    pub freins: &'a Freins,
    pub regles: Regles,
}

/// Les délais des règles du parcours que le poste peut régler (Paramètres).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Regles {
    /// Une sortie anticipée se décide sur un diagnostic actualisé des deux volets, daté
    /// d'au plus ce nombre de jours avant la sortie.
    pub actualisation_avant_sortie_jours: i64,
    /// Une reconduction décidée plus de ce nombre de mois avant le terme demande une
    /// confirmation : la situation peut encore changer d'ici là.
    pub reconduction_anticipee_mois: i64,
    /// La durée proposée pour un accompagnement social exclusif, en mois.
    pub duree_ase_mois: i64,
    /// Une clôture enregistrée par erreur se rectifie pendant ce nombre de jours.
    pub rectification_cloture_jours: i64,
}

impl Default for Regles {
    fn default() -> Self {
        Regles {
            actualisation_avant_sortie_jours: 30,
            reconduction_anticipee_mois: 2,
            duree_ase_mois: 6,
            rectification_cloture_jours: 30,
        }
    }
}

/// Le terme, si une reconduction décidée le `date` le précède de plus du délai réglé : la
/// fenêtre demande alors de confirmer.
pub fn reconduction_tres_anticipee(d: &Dossier, date: Jour, r: Regles) -> Option<Jour> {
    let fin = d.fin_prevue()?;
    let mois = u32::try_from(r.reconduction_anticipee_mois).ok()?;
    let seuil = fin.checked_sub_months(chrono::Months::new(mois))?;
    (date < seuil).then_some(fin)
}

/// Accepte ou refuse une commande sur un dossier (`None` : pas encore ouvert).
pub fn decider(
    dossier: Option<&Dossier>,
    commande: &Commande,
    ctx: &Contexte,
) -> Result<Evenement, Refus> {
    let d = match (dossier, commande) {
        (None, Commande::Ouvrir(o)) => return ouvrir(o, ctx),
        (Some(_), Commande::Ouvrir(_)) => return Err(Refus::DejaOuvert),
        (None, _) => return Err(Refus::NonOuvert),
        (Some(d), _) => d,
    };
    if let Commande::Rectifier { .. } = commande {
        return Err(Refus::RectificationHorsJournal);
    }
    // Imprimer (fiche de sortie) et revoir les conflits restent possibles après la clôture.
    if let Some(c) = &d.cloture {
        if !matches!(
            commande,
            Commande::NoterImpression { .. }
                | Commande::RevoirConflits { .. }
                | Commande::DonnerAccord { .. }
        ) {
            return Err(Refus::DossierCloture { depuis: c.date });
        }
    }
    let ouverture = ("l'ouverture du dossier", Some(d.date_ouverture));
    match commande {
        Commande::Ouvrir(_) => Err(Refus::DejaOuvert),
        Commande::Rectifier { .. } => Err(Refus::RectificationHorsJournal),
        Commande::NoterImpression { document, date } => {
            non_vide(document, "document")?;
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::DocumentImprime {
                document: document.trim().to_string(),
                date: *date,
            })
        }

        Commande::DonnerAccord {
            decision,
            date,
            par,
        } => {
            // Seul le membre du binôme dont l'accord est attendu le donne, connecté.
            let Attestation::Connecte { professionnel, .. } = par else {
                return Err(Refus::AccordSansAttente);
            };
            let role = [Role::Conseiller, Role::Referent]
                .into_iter()
                .find(|r| d.membre(*r).is_some_and(|m| m.id == *professionnel))
                .ok_or(Refus::AccordSansAttente)?;
            if !d
                .accords_attendus()
                .iter()
                .any(|(x, r)| x == decision && *r == role)
            {
                return Err(Refus::AccordSansAttente);
            }
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::AccordDonne {
                decision: decision.clone(),
                role,
                par: par.clone(),
                date: *date,
            })
        }

        Commande::RevoirConflits { date } => {
            if d.conflits_a_revoir().next().is_none() {
                return Err(Refus::AucunConflitARevoir);
            }
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::ConflitsRevus { date: *date })
        }

        Commande::RecueillirConsentement(c) => {
            if c.categories.is_empty() {
                return Err(Refus::ConsentementSansPortee);
            }
            dater(c.date, ctx, &[ouverture])?;
            let mut c = c.clone();
            c.revoque_le = None;
            c.document = c
                .document
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            c.categories
                .sort_by_key(|x| CategorieSecret::TOUTES.iter().position(|y| y == x));
            c.categories.dedup();
            Ok(Evenement::ConsentementRecueilli(c))
        }
        Commande::RevoquerConsentement { date } => {
            let Some(actuel) = d.consentement() else {
                return Err(Refus::AucunConsentement);
            };
            dater(
                *date,
                ctx,
                &[("le recueil du consentement", Some(actuel.date))],
            )?;
            Ok(Evenement::ConsentementRevoque { date: *date })
        }

        Commande::ChangerSituation { personne, date } => {
            personne.verifier(ctx.aujourdhui).map_err(Refus::Identite)?;
            dater(*date, ctx, &[ouverture])?;
            // L'agence se change par sa propre transition, datée, pour les indicateurs.
            let mut p = personne.clone();
            p.agence = d.personne.agence.clone();
            let changements = d.personne.changements(&p);
            if changements.is_empty() {
                return Err(Refus::AucunChangement);
            }
            Ok(Evenement::SituationChangee {
                personne: p,
                date: *date,
                changements,
            })
        }

        Commande::EnregistrerDesignation(x) => {
            if let Some(r) = &d.referent {
                return Err(Refus::ReferentDejaDesigne { nom: r.nom.clone() });
            }
            dater(x.date, ctx, &[ouverture])?;
            non_vide(&x.nom_structure, "structure")?;
            let p = &d.personne;
            match x.branche {
                BrancheDesignation::PoleInsertion if p.enfant_mineur => {
                    return Err(Refus::BrancheDesignation(
                        "Avec un enfant mineur à charge, le protocole désigne la maison de la solidarité de la résidence, pas le pôle d'insertion.",
                    ))
                }
                BrancheDesignation::PoleInsertion if !p.brsa => {
                    return Err(Refus::BrancheDesignation(
                        "Le pôle d'insertion désigne le référent des personnes au RSA : cette personne ne l'est pas.",
                    ))
                }
                BrancheDesignation::Mds if !p.enfant_mineur => {
                    return Err(Refus::BrancheDesignation(
                        "La maison de la solidarité désigne le référent des personnes avec un enfant mineur à charge : ce n'est pas le cas ici.",
                    ))
                }
                BrancheDesignation::AccordDepartement => {
                    let a = x
                        .accord
                        .as_ref()
                        .filter(|a| !a.par.trim().is_empty())
                        .ok_or(Refus::AccordDepartementManquant)?;
                    dater(a.le, ctx, &[ouverture])?;
                }
                _ => {}
            }
            let mut x = x.clone();
            x.nom_structure = x.nom_structure.trim().to_string();
            if x.branche != BrancheDesignation::AccordDepartement {
                x.accord = None;
            }
            Ok(Evenement::DesignationEnregistree(x))
        }

        Commande::AffecterMembre { membre, date } => {
            dater(*date, ctx, &[ouverture])?;
            verifier_perimetre(d, membre)?;
            Ok(Evenement::MembreAffecte {
                membre: membre.clone(),
                date: *date,
            })
        }

        Commande::ChangerAgence { agence, date } => {
            non_vide(agence, "agence")?;
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::AgenceChangee {
                agence: agence.trim().to_string(),
                date: *date,
            })
        }

        Commande::EnregistrerDiagnostic(diag) => {
            dater(diag.date, ctx, &[ouverture])?;
            verifier_diagnostic(diag, ctx.freins)?;
            Ok(Evenement::DiagnosticEnregistre(diag.clone()))
        }

        Commande::CreerFiche {
            emetteur,
            objet,
            date,
            motif,
            synthese,
            action_demandee,
        } => {
            non_vide(motif, "motif")?;
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::FicheCreee(FicheLiaison {
                numero: d.fiches.len() as u32 + 1,
                id: Some(Uuid::now_v7()),
                numero_initial: None,
                emetteur: *emetteur,
                objet: *objet,
                date: *date,
                motif: motif.trim().to_string(),
                synthese: synthese.trim().to_string(),
                action_demandee: action_demandee.trim().to_string(),
                envoyee_le: None,
                retournee_le: None,
                commentaire_retour: String::new(),
            }))
        }

        Commande::EnvoyerFiche { numero, date } => {
            let f = d
                .fiche(*numero)
                .ok_or(Refus::FicheInconnue { numero: *numero })?;
            if let Some(le) = f.envoyee_le {
                return Err(Refus::FicheDejaEnvoyee {
                    numero: *numero,
                    le,
                });
            }
            dater(*date, ctx, &[("la rédaction de la fiche", Some(f.date))])?;
            Ok(Evenement::FicheEnvoyee {
                numero: *numero,
                date: *date,
                fiche_id: f.id,
            })
        }

        Commande::EnregistrerRetourFiche {
            numero,
            date,
            signee,
            commentaire,
        } => {
            let f = d
                .fiche(*numero)
                .ok_or(Refus::FicheInconnue { numero: *numero })?;
            if let Some(le) = f.retournee_le {
                return Err(Refus::FicheDejaRetournee {
                    numero: *numero,
                    le,
                });
            }
            let envoyee = f
                .envoyee_le
                .ok_or(Refus::FicheNonEnvoyee { numero: *numero })?;
            if !signee {
                return Err(Refus::FicheNonSignee);
            }
            dater(*date, ctx, &[("l'envoi de la fiche", Some(envoyee))])?;
            Ok(Evenement::FicheRetournee {
                numero: *numero,
                date: *date,
                commentaire: commentaire.trim().to_string(),
                fiche_id: f.id,
            })
        }

        Commande::TenirConcertation {
            date,
            decision,
            accord,
            commentaire,
        } => {
            exiger_global(d)?;
            if let Some(c) = &d.concertation {
                return Err(Refus::ConcertationDejaTenue { date: c.date });
            }
            for role in [Role::Conseiller, Role::Referent] {
                if d.membre(role).is_none() {
                    return Err(Refus::BinomeIncomplet {
                        manque: role.libelle(),
                    });
                }
            }
            let emploi = d.entretien_n1(Volet::Emploi);
            let social = d.entretien_n1(Volet::Social);
            for (volet, fait) in [(Volet::Emploi, emploi), (Volet::Social, social)] {
                if fait.is_none() {
                    return Err(Refus::VoletManquant {
                        manque: volet.libelle(),
                    });
                }
            }
            let retour = d
                .orientation_retournee()
                .ok_or(Refus::FicheOrientationNonRetournee)?;
            exiger_accord(accord, DECISION_CONCERTATION)?;
            dater(
                *date,
                ctx,
                &[
                    ("l'entretien n°1 volet emploi", emploi),
                    ("l'entretien n°1 volet social", social),
                    ("le retour de la fiche de liaison", Some(retour)),
                ],
            )?;
            if let Decision::Reorientation(Cible::AutreStructure(s)) = decision {
                non_vide(s, "structure de réorientation")?;
            }
            Ok(Evenement::ConcertationTenue(Concertation {
                date: *date,
                decision: decision.clone(),
                commentaire: commentaire.trim().to_string(),
            }))
        }

        Commande::AjouterAction {
            volet,
            libelle,
            porteur,
            date,
            echeance,
            besoin,
        } => {
            exiger_global(d)?;
            if !matches!(d.etape(), Etape::Valide | Etape::Accompagnement) {
                return Err(Refus::CarnetAvantValidation);
            }
            non_vide(libelle, "libellé de l'action")?;
            let validation = d.concertation.as_ref().map(|c| c.date);
            dater(*date, ctx, &[("le temps de concertation", validation)])?;
            if let Some(e) = echeance {
                if e < date {
                    return Err(Refus::DateAnterieure {
                        date: *e,
                        etape: "l'inscription de l'action au carnet",
                        reference: *date,
                    });
                }
            }
            if let Some(b) = besoin {
                if ctx.freins.besoin(b).is_none() {
                    return Err(Refus::BesoinInconnu { code: b.clone() });
                }
            }
            Ok(Evenement::ActionAjoutee(ActionCarnet {
                numero: d.actions.len() as u32 + 1,
                id: Some(Uuid::now_v7()),
                numero_initial: None,
                volet: *volet,
                libelle: libelle.trim().to_string(),
                porteur: *porteur,
                date: *date,
                echeance: *echeance,
                besoin: besoin.clone(),
                statut: StatutAction::AFaire,
                prescriptions: Vec::new(),
            }))
        }

        Commande::PrescrireRessource {
            action,
            prescription,
        } => {
            let a = d
                .actions
                .iter()
                .find(|a| a.numero == *action)
                .ok_or(Refus::ActionInconnue { numero: *action })?;
            let p = verifier_prescription(
                prescription,
                &a.prescriptions,
                ("l'inscription de l'action", a.date),
                ctx,
            )?;
            Ok(Evenement::RessourcePrescrite {
                action: *action,
                prescription: p,
                action_id: a.id,
            })
        }

        Commande::PrescrireAuDiagnostic(prescription) => {
            if !matches!(d.etape(), Etape::Diagnostic | Etape::Reoriente) {
                return Err(Refus::EtapeIncorrecte {
                    action: commande.action(),
                    etape: d.etape().libelle(),
                });
            }
            let premier = d
                .diagnostics
                .iter()
                .map(|x| x.date)
                .min()
                .ok_or(Refus::SansDiagnostic)?;
            let p = verifier_prescription(
                prescription,
                &d.prescriptions_diagnostic,
                ("le premier entretien n°1", premier),
                ctx,
            )?;
            Ok(Evenement::RessourcePrescriteAuDiagnostic(p))
        }

        Commande::ChangerStatutAction {
            numero,
            statut,
            date,
        } => {
            let a = d
                .actions
                .iter()
                .find(|a| a.numero == *numero)
                .ok_or(Refus::ActionInconnue { numero: *numero })?;
            dater(*date, ctx, &[("l'inscription de l'action", Some(a.date))])?;
            // Une action sociale non réalisée reste sans effet sur le dossier : la personne
            // ne peut pas être radiée pour cela (article 1.3.2).
            Ok(Evenement::StatutActionChange {
                numero: *numero,
                statut: *statut,
                date: *date,
                action_id: a.id,
            })
        }

        Commande::RealiserInitialisation { date } => {
            exiger_global(d)?;
            match d.etape() {
                Etape::Valide => {}
                Etape::Accompagnement => {
                    return Err(Refus::ContratDejaSigne {
                        entree: d.entree.unwrap_or(*date),
                    })
                }
                _ => return Err(Refus::SansValidation),
            }
            if let Some(le) = d.initialisation {
                return Err(Refus::DejaFait {
                    quoi: "L'entretien n°2 d'initialisation",
                    le,
                });
            }
            let validation = d.concertation.as_ref().map(|c| c.date);
            dater(*date, ctx, &[("le temps de concertation", validation)])?;
            Ok(Evenement::InitialisationRealisee { date: *date })
        }

        Commande::SignerContrat { date } => {
            exiger_global(d)?;
            if let Some(entree) = d.entree {
                return Err(Refus::ContratDejaSigne { entree });
            }
            if d.etape() != Etape::Valide {
                return Err(Refus::SansValidation);
            }
            if let Some((_, role)) = d
                .accords_attendus()
                .into_iter()
                .find(|(x, _)| *x == DECISION_CONCERTATION)
            {
                return Err(Refus::AccordAttendu {
                    decision: DECISION_CONCERTATION,
                    role: role.libelle(),
                });
            }
            for volet in [Volet::Emploi, Volet::Social] {
                if !d.actions.iter().any(|a| a.volet == volet) {
                    return Err(Refus::CarnetIncomplet {
                        volet: volet.libelle(),
                    });
                }
            }
            let init = d.initialisation.ok_or(Refus::InitialisationManquante)?;
            // Le carnet doit être complété avant la signature, pas seulement avant l'enregistrement.
            let premiere = |v: Volet| {
                d.actions
                    .iter()
                    .filter(|a| a.volet == v)
                    .map(|a| a.date)
                    .min()
            };
            dater(
                *date,
                ctx,
                &[
                    ("l'entretien n°2 d'initialisation", Some(init)),
                    ("le carnet de route volet emploi", premiere(Volet::Emploi)),
                    ("le carnet de route volet social", premiere(Volet::Social)),
                ],
            )?;
            Ok(Evenement::ContratSigne { date: *date })
        }

        Commande::ReprendreEntree { date, origine } => {
            exiger_global(d)?;
            if let Some(entree) = d.entree {
                return Err(Refus::ContratDejaSigne { entree });
            }
            // Le diagnostic commencé dans Binôme se poursuit dans Binôme, jusqu'au contrat.
            if !d.diagnostics.is_empty() || !d.fiches.is_empty() || d.concertation.is_some() {
                return Err(Refus::RepriseParcoursCommence);
            }
            non_vide(origine, "origine de la reprise")?;
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::EntreeReprise {
                date: *date,
                origine: origine.trim().to_string(),
            })
        }

        Commande::Reconduire { date, mois, accord } => {
            exiger_global(d)?;
            let entree = d.entree.ok_or(Refus::ContratNonSigne)?;
            if d.reconduction.is_some() {
                return Err(Refus::ReconductionDejaUtilisee);
            }
            if !(1..=RECONDUCTION_MAX_MOIS).contains(mois) {
                return Err(Refus::DureeReconduction { mois: *mois });
            }
            exiger_accord(accord, "La reconduction")?;
            dater(*date, ctx, &[("l'entrée en accompagnement", Some(entree))])?;
            if let Some(fin) = d.fin_prevue() {
                if *date > fin {
                    return Err(Refus::TermeDepasse { fin });
                }
            }
            Ok(Evenement::Reconduit(Reconduction {
                date: *date,
                mois: *mois,
            }))
        }

        Commande::PlanifierPoint { date_prevue, objet } => {
            let entree = d.entree.ok_or(Refus::ContratNonSigne)?;
            if *date_prevue < entree {
                return Err(Refus::DateAnterieure {
                    date: *date_prevue,
                    etape: "l'entrée en accompagnement",
                    reference: entree,
                });
            }
            Ok(Evenement::PointPlanifie(PointIntermediaire {
                numero: d.points.len() as u32 + 1,
                id: Some(Uuid::now_v7()),
                numero_initial: None,
                date_prevue: *date_prevue,
                objet: objet.trim().to_string(),
                tenu_le: None,
                synthese: String::new(),
                compte_rendu: CompteRendu::default(),
            }))
        }

        Commande::TenirPoint {
            numero,
            date,
            synthese,
            compte_rendu,
        } => {
            let entree = d.entree.ok_or(Refus::ContratNonSigne)?;
            if let Some(a) = compte_rendu
                .actions
                .iter()
                .find(|a| !d.actions.iter().any(|x| x.numero == **a))
            {
                return Err(Refus::ActionInconnue { numero: *a });
            }
            dater(*date, ctx, &[("l'entrée en accompagnement", Some(entree))])?;
            // Un point non planifié a son identifiant, comme un point planifié.
            let (numero, point_id) = match numero {
                Some(n) => {
                    let p = d
                        .points
                        .iter()
                        .find(|p| p.numero == *n)
                        .ok_or(Refus::PointInconnu { numero: *n })?;
                    if let Some(le) = p.tenu_le {
                        return Err(Refus::PointDejaTenu { numero: *n, le });
                    }
                    (*n, p.id)
                }
                None => (d.points.len() as u32 + 1, Some(Uuid::now_v7())),
            };
            let mut compte_rendu = compte_rendu.clone();
            compte_rendu.decisions = compte_rendu.decisions.trim().to_string();
            compte_rendu.participants.autres = compte_rendu.participants.autres.trim().to_string();
            compte_rendu.actions.sort_unstable();
            compte_rendu.actions.dedup();
            // Les actions du compte rendu, nommées aussi par leur identifiant quand elles en
            // ont toutes un.
            compte_rendu.actions_ids = compte_rendu
                .actions
                .iter()
                .map(|n| d.actions.iter().find(|a| a.numero == *n).and_then(|a| a.id))
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default();
            Ok(Evenement::PointTenu {
                numero,
                point_id,
                date: *date,
                synthese: synthese.trim().to_string(),
                compte_rendu,
                numero_initial: None,
            })
        }

        Commande::EnregistrerContact {
            date,
            canal,
            role,
            objet,
        } => {
            dater(*date, ctx, &[ouverture])?;
            Ok(Evenement::ContactEnregistre(Contact {
                date: *date,
                canal: *canal,
                role: *role,
                objet: objet.trim().to_string(),
            }))
        }

        Commande::OrienterSocialExclusif {
            date,
            adhesion,
            mois,
            propose_par,
            coproposee,
            accord,
        } => {
            if d.social_exclusif.is_some() {
                return Err(Refus::ModaliteSocialExclusif);
            }
            match d.etape() {
                Etape::Diagnostic => {}
                // La situation sociale s'aggrave en cours d'accompagnement : le binôme décide.
                Etape::Accompagnement => {
                    exiger_accord(accord, "Le passage en accompagnement social exclusif")?
                }
                autre => {
                    return Err(Refus::EtapeIncorrecte {
                        action: commande.action(),
                        etape: autre.libelle(),
                    })
                }
            }
            if !adhesion {
                return Err(Refus::AdhesionRequise);
            }
            // « Durée limitée » (article 1.3.3) : une durée fixée à l'orientation, sans plafond
            // que la convention ne donne pas.
            if *mois == 0 {
                return Err(Refus::DureeSocialExclusif { mois: *mois });
            }
            let concertation = d.concertation.as_ref().map(|c| c.date);
            let retour = d.periodes_social_exclusif.last().map(|p| p.retour);
            dater(
                *date,
                ctx,
                &[
                    ouverture,
                    ("le temps de concertation", concertation),
                    ("l'entrée en accompagnement", d.entree),
                    ("le retour en accompagnement global", retour),
                ],
            )?;
            Ok(Evenement::OrienteSocialExclusif(SocialExclusif {
                debut: *date,
                mois: *mois,
                propose_par: *propose_par,
                coproposee: *coproposee,
            }))
        }

        Commande::RevenirAccompagnementGlobal { date, accord } => {
            let ase = d.social_exclusif.ok_or(Refus::PasEnSocialExclusif)?;
            exiger_accord(accord, "Le retour en accompagnement global")?;
            dater(
                *date,
                ctx,
                &[(
                    "le début de l'accompagnement social exclusif",
                    Some(ase.debut),
                )],
            )?;
            Ok(Evenement::RetourAccompagnementGlobal { date: *date })
        }

        Commande::Cloturer {
            date,
            motif,
            accord,
            commentaire,
        } => {
            dater(
                *date,
                ctx,
                &[
                    ouverture,
                    ("l'entrée en accompagnement", d.entree),
                    ("la dernière étape enregistrée", d.derniere_date()),
                ],
            )?;
            match motif {
                MotifSortie::Reorientation(_) => return Err(Refus::ReorientationHorsConcertation),
                MotifSortie::Anticipee(_) => {
                    if d.entree.is_none() {
                        return Err(Refus::SortieAnticipeeAvantEntree);
                    }
                    exiger_accord(accord, "La sortie anticipée")?;
                    // Un suivi repris sans diagnostic dans Binôme l'a actualisé ailleurs.
                    if d.reprise.is_none() || !d.diagnostics.is_empty() {
                        exiger_diagnostic_actualise(d, *date, ctx.regles)?;
                    }
                }
                MotifSortie::FinDeTerme => {
                    let fin = match d.modalite {
                        Modalite::AccompagnementGlobal => {
                            d.terme().ok_or(Refus::ContratNonSigne)?
                        }
                        Modalite::AccompagnementSocialExclusif => {
                            d.terme().unwrap_or(d.date_ouverture)
                        }
                    };
                    if *date < fin {
                        return Err(Refus::TermeNonAtteint { fin });
                    }
                }
                // Un motif qui n'est pas une raison identifiée se décide à deux, comme une
                // sortie anticipée.
                MotifSortie::Autre(m) => {
                    non_vide(m, "motif de sortie")?;
                    exiger_accord(accord, "Une sortie pour un autre motif")?;
                }
                // Sorties pour raison identifiée, ou à la demande de la personne : sans accord.
                MotifSortie::RetourEmploi
                | MotifSortie::EntreeFormation
                | MotifSortie::CessationInscription
                | MotifSortie::DemandePersonne => {}
            }
            Ok(Evenement::DossierCloture(Cloture {
                date: *date,
                motif: motif.clone(),
                commentaire: commentaire.trim().to_string(),
            }))
        }
    }
}

/// La sortie anticipée « procède d'une actualisation du diagnostic » par le binôme : chaque
/// volet doit avoir été revu dans le délai réglé avant la sortie.
fn exiger_diagnostic_actualise(d: &Dossier, sortie: Jour, r: Regles) -> Result<(), Refus> {
    let depuis = sortie - chrono::Duration::days(r.actualisation_avant_sortie_jours);
    let a_jour = |volet: Volet| {
        d.diagnostics
            .iter()
            .any(|x| x.volet == volet && x.date >= depuis && x.date <= sortie)
    };
    let manquants: Vec<&'static str> = [Volet::Emploi, Volet::Social]
        .into_iter()
        .filter(|v| !a_jour(*v))
        .map(Volet::libelle)
        .collect();
    if manquants.is_empty() {
        Ok(())
    } else {
        Err(Refus::DiagnosticNonActualise {
            volets: manquants.join(" et "),
            jours: r.actualisation_avant_sortie_jours,
        })
    }
}

fn ouvrir(o: &Ouverture, ctx: &Contexte) -> Result<Evenement, Refus> {
    o.personne
        .verifier(ctx.aujourdhui)
        .map_err(Refus::Identite)?;
    dater(o.date, ctx, &[])?;
    for (attendu, membre) in [
        (Role::Conseiller, &o.conseiller),
        (Role::Referent, &o.referent),
    ] {
        if let Some(m) = membre {
            if m.role != attendu {
                return Err(Refus::MauvaisRole {
                    attendu: attendu.libelle(),
                    trouve: m.role.libelle(),
                });
            }
        }
    }
    let provisoire = Dossier::ouvert(o);
    if let Some(c) = &o.conseiller {
        verifier_perimetre(&provisoire, c)?;
    }
    Ok(Evenement::DossierOuvert(o.clone()))
}

/// Une étape se date au jour où elle a eu lieu : ni dans le futur, ni avant celles
/// dont elle dépend.
fn dater(date: Jour, ctx: &Contexte, apres: &[(&'static str, Option<Jour>)]) -> Result<(), Refus> {
    if date > ctx.aujourdhui {
        return Err(Refus::DateFuture { date });
    }
    for (etape, reference) in apres {
        if let Some(reference) = reference {
            if date < *reference {
                return Err(Refus::DateAnterieure {
                    date,
                    etape,
                    reference: *reference,
                });
            }
        }
    }
    Ok(())
}

/// Une ressource prescrite pour un besoin du référentiel, datée après ce dont elle dépend,
/// pas deux fois pour le même besoin ; le nom nettoyé.
fn verifier_prescription(
    p: &Prescription,
    deja: &[Prescription],
    apres: (&'static str, Jour),
    ctx: &Contexte,
) -> Result<Prescription, Refus> {
    non_vide(&p.ressource, "ressource")?;
    non_vide(&p.nom, "nom de la ressource")?;
    if ctx.freins.besoin(&p.besoin).is_none() {
        return Err(Refus::BesoinInconnu {
            code: p.besoin.clone(),
        });
    }
    dater(p.date, ctx, &[(apres.0, Some(apres.1))])?;
    if deja
        .iter()
        .any(|x| x.ressource == p.ressource && x.besoin == p.besoin)
    {
        return Err(Refus::DejaPrescrite { nom: p.nom.clone() });
    }
    let mut p = p.clone();
    p.nom = p.nom.trim().to_string();
    Ok(p)
}

fn non_vide(texte: &str, champ: &'static str) -> Result<(), Refus> {
    if texte.trim().is_empty() {
        Err(Refus::ChampVide { champ })
    } else {
        Ok(())
    }
}

fn exiger_global(d: &Dossier) -> Result<(), Refus> {
    match d.modalite {
        Modalite::AccompagnementGlobal => Ok(()),
        Modalite::AccompagnementSocialExclusif => Err(Refus::ModaliteSocialExclusif),
    }
}

fn exiger_accord(accord: &Accord, decision: &'static str) -> Result<(), Refus> {
    match accord.manque() {
        Some(role) => Err(Refus::AccordIncomplet {
            decision,
            manque: role.libelle(),
        }),
        None => Ok(()),
    }
}

fn verifier_perimetre(
    d: &Dossier,
    membre: &crate::domain::professionnel::Membre,
) -> Result<(), Refus> {
    if membre.role == Role::Conseiller
        && !membre.perimetre.is_empty()
        && !membre.perimetre.contains(&d.personne.commune)
    {
        return Err(Refus::HorsPerimetre {
            commune: d.personne.commune.to_string(),
            conseiller: membre.nom.clone(),
        });
    }
    Ok(())
}

fn verifier_diagnostic(diag: &Diagnostic, freins: &Freins) -> Result<(), Refus> {
    if diag.evaluations.is_empty() && diag.synthese.trim().is_empty() {
        return Err(Refus::DiagnosticVide);
    }
    let mut vus = std::collections::HashSet::new();
    for e in &diag.evaluations {
        if freins.besoin(&e.besoin).is_none() {
            return Err(Refus::BesoinInconnu {
                code: e.besoin.clone(),
            });
        }
        if !vus.insert(e.besoin.as_str()) {
            return Err(Refus::BesoinEnDouble {
                code: e.besoin.clone(),
            });
        }
    }
    Ok(())
}
