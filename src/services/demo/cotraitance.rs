//! Les jeunes en cotraitance de la démonstration : un à chaque état (affecté, accepté,
//! actif, en alerte, suspendu, annulé, sortis pour chaque motif), affectés par le conseiller
//! de la démonstration aux missions locales de ses communes. Chacun est conduit par les
//! commandes de l'interface, avec leurs acteurs : rien ne contourne l'accord-cadre.

use chrono::{Datelike, Days, Months};

use super::alea::Alea;
use super::{noms, prenom};
use crate::domain::cotraitance::{
    Acteur, Commande, Contexte, Critere, DecisionAlerte, Jeune, MissionLocale, MotifAlerte,
    MotifSortie, ParcoursPoleEmploi, PremierContact, Regles, StatutInscription, SuiteMaintien,
    SuiviExistant,
};
use crate::domain::date::Jour;
use crate::domain::personne::Civilite;
use crate::store::{ErreurStore, Lot};

/// Les parcours types, dans l'ordre où la démonstration les répète.
pub(super) const SCENARIOS: usize = 15;

fn avant(j: Jour, jours: u64) -> Jour {
    j.checked_sub_days(Days::new(jours)).unwrap_or(j)
}

/// Conduit `nombre` jeunes, chacun dans la commune tirée parmi `communes` (couvertes par
/// une mission locale).
#[allow(clippy::too_many_arguments)]
pub(super) fn conduire(
    lot: &mut Lot,
    alea: &mut Alea,
    nombre: usize,
    communes: &[&str],
    missions_locales: &[MissionLocale],
    conseiller: uuid::Uuid,
    aujourdhui: Jour,
) -> Result<(), ErreurStore> {
    let regles = Regles::default();
    let ctx = Contexte {
        aujourdhui,
        regles: &regles,
        missions_locales,
    };
    for i in 0..nombre {
        let commune = *alea.choisir(communes);
        let Some(ml) = missions_locales
            .iter()
            .find(|m| m.communes.iter().any(|c| c == commune))
        else {
            continue;
        };
        let scenario = i % SCENARIOS;
        // 26 ans passés depuis un mois pour le scénario « 26 ans » ; 25 ans à l'affectation,
        // il y a 400 jours, pour le scénario « un an » ; de 18 à 24 ans sinon.
        let naissance = if scenario == 7 {
            avant(aujourdhui, 30)
                .checked_sub_months(Months::new(26 * 12))
                .unwrap_or(aujourdhui)
        } else if scenario == 13 {
            avant(aujourdhui, 500)
                .checked_sub_months(Months::new(25 * 12))
                .unwrap_or(aujourdhui)
        } else {
            let age = alea.entre(18, 24) as i32;
            Jour::from_ymd_opt(
                aujourdhui.year() - age,
                alea.entre(1, 12) as u32,
                alea.entre(1, 28) as u32,
            )
            .unwrap_or(aujourdhui)
        };
        let civilite = if alea.chance(0.5) {
            Civilite::Madame
        } else {
            Civilite::Monsieur
        };
        // Des identifiants à part de ceux des dossiers (qui commencent à 1 234 567).
        let chiffres = (i as u64 * 7_919 + 8_765_431) % 10_000_000;
        let jeune = Jeune {
            prenom: prenom(alea, civilite),
            nom: alea.choisir(noms::NOMS).to_string(),
            identifiant_ft: format!("{chiffres:07}{}", (b'A' + (i % 26) as u8) as char),
            naissance,
            commune: commune.to_string(),
        };
        let id = alea.uuid();
        let debut = match scenario {
            0 => 20,
            1 => 50,
            7 => 500,
            10 | 13 => 400,
            14 => 60,
            _ => 200,
        };
        let affectation = avant(aujourdhui, debut);
        let criteres = vec![
            Critere::ACCORD[i % 4].clone(),
            Critere::ACCORD[(i / 4 + 1) % 4].clone(),
        ];
        let mut faire = |c: Commande, par: Acteur| -> Result<(), ErreurStore> {
            let conseiller = (par == Acteur::ConseillerPoleEmploi).then_some(conseiller);
            lot.executer_cotraitance(id, &c, par, &ctx, conseiller)
                .map(drop)
        };
        use Acteur::{ConseillerPoleEmploi as PE, ReferentUnique as REF};
        faire(
            Commande::Affecter {
                jeune,
                mission_locale: ml.code.clone(),
                criteres,
                parcours: ParcoursPoleEmploi::Accompagnement,
                suivi: SuiviExistant::Aucun,
                confirme: false,
                date: affectation,
            },
            PE,
        )?;
        let jour = |n: u64| avant(aujourdhui, n);
        match scenario {
            // Affecté il y a 20 jours : l'acceptation se fait attendre (seuil : 15 jours).
            0 => {}
            // Accepté il y a 40 jours, pas encore initialisé (seuil : 30 jours).
            1 => faire(
                Commande::Accepter { date: jour(40) },
                Acteur::ResponsableCotraitance,
            )?,
            // Accepté, radié avant l'initialisation : fin de cotraitance anticipée.
            14 => {
                faire(
                    Commande::Accepter { date: jour(55) },
                    Acteur::ResponsableCotraitance,
                )?;
                faire(
                    Commande::ChangerInscription {
                        statut: StatutInscription::Radie,
                        date: jour(50),
                    },
                    PE,
                )?;
            }
            // Radié avant l'acceptation : l'affectation est annulée.
            5 => faire(
                Commande::ChangerInscription {
                    statut: StatutInscription::Radie,
                    date: jour(190),
                },
                PE,
            )?,
            _ => {
                let accepte = debut - 5;
                faire(
                    Commande::Accepter {
                        date: jour(accepte),
                    },
                    Acteur::ResponsableCotraitance,
                )?;
                faire(
                    Commande::Initialiser {
                        date: jour(accepte - 5),
                        contact: PremierContact::EntretienIndividuel,
                    },
                    REF,
                )?;
                // Un entretien toutes les trois à quatre semaines, le dernier il y a moins
                // d'un mois ; un actif sur deux en manque un ; le scénario 26 ans s'arrête
                // avant sa sortie.
                let dernier = match scenario {
                    2 if i % 20 == 2 => 40,
                    7 | 13 => 40,
                    10 => 255,
                    _ => 4,
                };
                let mut n = accepte - 5;
                while n > dernier + 25 {
                    n -= 25;
                    faire(Commande::NoterEntretien { date: jour(n) }, REF)?;
                }
                match scenario {
                    3 => faire(
                        Commande::LeverAlerte {
                            motif: MotifAlerte::Manquement,
                            detail: "absent aux deux derniers rendez-vous".into(),
                            date: jour(3),
                        },
                        REF,
                    )?,
                    4 => faire(
                        Commande::ChangerInscription {
                            statut: StatutInscription::Radie,
                            date: jour(2),
                        },
                        PE,
                    )?,
                    6 => {
                        faire(
                            Commande::LeverAlerte {
                                motif: MotifAlerte::Difficulte,
                                detail: "ne se présente plus aux ateliers".into(),
                                date: jour(3),
                            },
                            REF,
                        )?;
                        faire(
                            Commande::DeciderAlerte {
                                decision: DecisionAlerte::RetourSuiviMensuel,
                                date: jour(1),
                            },
                            PE,
                        )?;
                    }
                    8 => faire(
                        Commande::Sortir {
                            motif: MotifSortie::RetourEmploi,
                            date: jour(2),
                        },
                        PE,
                    )?,
                    9 => {
                        faire(
                            Commande::LeverAlerte {
                                motif: MotifAlerte::Evenement,
                                detail: "hébergement d'urgence, rendez-vous décalés".into(),
                                date: jour(3),
                            },
                            REF,
                        )?;
                        faire(
                            Commande::DeciderAlerte {
                                decision: DecisionAlerte::Maintien(
                                    SuiteMaintien::MiseAJourDeLaSituation,
                                ),
                                date: jour(1),
                            },
                            PE,
                        )?;
                    }
                    // Radié il y a 250 jours : sorti après six mois de suspension.
                    10 => faire(
                        Commande::ChangerInscription {
                            statut: StatutInscription::Radie,
                            date: jour(250),
                        },
                        PE,
                    )?,
                    // Parti dans la commune d'une autre mission locale : sortie systématique.
                    11 => {
                        if let Some(ailleurs) = missions_locales
                            .iter()
                            .find(|m| m.code != ml.code)
                            .and_then(|m| m.communes.first())
                        {
                            faire(
                                Commande::NoterDemenagement {
                                    commune: ailleurs.clone(),
                                    date: jour(2),
                                },
                                PE,
                            )?;
                        }
                    }
                    12 => {
                        faire(
                            Commande::LeverAlerte {
                                motif: MotifAlerte::Difficulte,
                                detail: "demande un accompagnement vers l'emploi des travailleurs handicapés".into(),
                                date: jour(3),
                            },
                            REF,
                        )?;
                        faire(
                            Commande::DeciderAlerte {
                                decision: DecisionAlerte::Reorientation {
                                    partenaire: "Cap emploi".into(),
                                },
                                date: jour(1),
                            },
                            PE,
                        )?;
                    }
                    // 2 actif ; 7 sorti la veille de ses 26 ans ; 13 sorti un an après son
                    // affectation à 25 ans : rien à faire.
                    _ => {}
                }
            }
        }
    }
    Ok(())
}
