//! Comptes et délégations (depuis les Paramètres) : chacun confie ses dossiers pour une
//! période et change son mot de passe ; un administrateur crée, désactive et réactive les
//! comptes, remplace un mot de passe, donne les droits et le profil de gestionnaire des
//! ressources, et vérifie le journal d'audit. Tout ce qui touche la base part en tâche de
//! fond.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length, Task};
use uuid::Uuid;

use crate::domain::date::{lire_date, Jour};
use crate::domain::mot_de_passe::indication;
use crate::domain::professionnel::Professionnel;
use crate::domain::ressources::Habilitation;
use crate::services::acces::Comptes;
use crate::services::administration::{self, LigneCompte};
use crate::services::delegations::{self, LigneDelegation};
use crate::services::effacement::{self, Apercu};
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_DELEGATAIRE_DU: &str = "comptes-du";

/// Un professionnel à choisir dans une liste.
#[derive(Debug, Clone, PartialEq)]
pub struct Choix(pub Professionnel);

impl std::fmt::Display for Choix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.0.nom_affiche(), self.0.role().libelle())
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    DelegataireChoisi(Choix),
    Du(String),
    Au(String),
    Accorder,
    Retirer(Uuid),
    MotDePasse(String),
    ChangerLeMien,
    Identifiant(String),
    ProfessionnelChoisi(Choix),
    Administrateur(bool),
    Creer,
    Activer(String, bool),
    Remplacer(String),
    Droits(String, bool),
    Gestionnaire(Uuid, bool),
    VerifierAudit,
    Sauvegarder,
    Restaurer,
    Fait(Result<String, ErreurService>),
    DureeConservation(String),
    EnregistrerDuree,
    VoirAEffacer,
    AEffacer(Result<Apercu, ErreurService>),
    /// Le premier appui sur « Effacer » demande la confirmation ; le second efface.
    ProposerPurge,
    AnnulerPurge,
    Purger,
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    /// Une délégation ou un compte a changé : le portefeuille est relu.
    Modifie,
    /// Fermer la session pour restaurer une sauvegarde (la base doit être fermée).
    Restaurer,
}

pub struct EcranComptes {
    professionnels: Vec<Choix>,
    delegations: Vec<LigneDelegation>,
    comptes: Vec<LigneCompte>,
    /// Les dernières entrées du journal d'audit (administrateurs).
    audit: Vec<String>,
    delegataire: Option<Choix>,
    du: String,
    au: String,
    mot_de_passe: String,
    identifiant: String,
    professionnel: Option<Choix>,
    administrateur: bool,
    info: Option<String>,
    erreur: Option<String>,
    en_cours: bool,
    /// La durée de conservation saisie, en années (administrateurs).
    duree: String,
    /// Les dossiers dont la conservation est échue, tels que l'aperçu les montre.
    apercu: Option<Apercu>,
    purge_proposee: bool,
    /// Le registre des purges (administrateurs).
    purges: Vec<String>,
}

impl EcranComptes {
    pub fn new(session: &Session) -> EcranComptes {
        let mut e = EcranComptes {
            professionnels: Vec::new(),
            delegations: Vec::new(),
            comptes: Vec::new(),
            audit: Vec::new(),
            delegataire: None,
            du: session.aujourdhui().format("%d/%m/%Y").to_string(),
            au: String::new(),
            mot_de_passe: String::new(),
            identifiant: String::new(),
            professionnel: None,
            administrateur: false,
            info: None,
            erreur: None,
            en_cours: false,
            duree: String::new(),
            apercu: None,
            purge_proposee: false,
            purges: Vec::new(),
        };
        e.relire(session);
        e
    }

    fn relire(&mut self, session: &Session) {
        let poste = session.poste();
        let moi = session.utilisateur().map(|u| u.id);
        let lu = (|| -> Result<(), ErreurService> {
            self.professionnels = session
                .professionnels()?
                .into_iter()
                .filter(|p| Some(p.id) != moi)
                .map(Choix)
                .collect();
            self.delegations = delegations::lister(&poste)?;
            if session.compte().administrateur {
                self.comptes = administration::comptes(&poste)?;
                self.audit = administration::audit_recent(&poste, 30)?;
                self.duree = effacement::duree(&poste)?.annees().to_string();
                self.purges = effacement::registre(&poste)?;
            }
            Ok(())
        })();
        if let Err(e) = lu {
            self.erreur = Some(e.to_string());
        }
    }

    pub fn update(&mut self, m: Message, session: &mut Session) -> Action {
        let poste = session.poste();
        let espace = session.espace().clone();
        let fond = |travail: Box<dyn FnOnce() -> Result<String, ErreurService> + Send>| {
            Action::Tache(en_fond(travail, Message::Fait))
        };
        match m {
            Message::DelegataireChoisi(c) => self.delegataire = Some(c),
            Message::Du(t) => self.du = t,
            Message::Au(t) => self.au = t,
            Message::MotDePasse(t) => self.mot_de_passe = t,
            Message::Identifiant(t) => self.identifiant = t,
            Message::ProfessionnelChoisi(c) => self.professionnel = Some(c),
            Message::Administrateur(b) => self.administrateur = b,
            Message::DureeConservation(t) => self.duree = t,
            Message::AnnulerPurge => self.purge_proposee = false,
            Message::ProposerPurge => self.purge_proposee = true,
            Message::AEffacer(r) => {
                self.en_cours = false;
                self.purge_proposee = false;
                match r {
                    Ok(a) => {
                        self.erreur = None;
                        self.apercu = Some(a);
                    }
                    Err(e) => self.erreur = Some(e.to_string()),
                }
            }
            Message::Fait(r) => {
                self.en_cours = false;
                match r {
                    Ok(info) => {
                        self.info = Some(info);
                        self.erreur = None;
                        self.mot_de_passe.clear();
                        self.relire(session);
                        return Action::Modifie;
                    }
                    Err(e) => {
                        self.erreur = Some(e.to_string());
                        self.info = None;
                    }
                }
            }
            _ if self.en_cours => {}
            Message::Accorder => {
                let Some(a) = self.delegataire.clone() else {
                    self.erreur =
                        Some("Choisissez le professionnel qui reçoit vos dossiers.".into());
                    return Action::Aucune;
                };
                let dates = (lire_date(&self.du), lire_date(&self.au));
                let (Ok(du), Ok(au)) = dates else {
                    self.erreur = Some(
                        "Indiquez le premier et le dernier jour de la délégation (jj/mm/aaaa)."
                            .into(),
                    );
                    return Action::Aucune;
                };
                self.en_cours = true;
                return fond(Box::new(move || {
                    delegations::accorder(&poste, None, &a.0.id.to_string(), None, du, au)?;
                    Ok(format!(
                        "Vos dossiers sont confiés à {} du {} au {}.",
                        a.0.nom_affiche(),
                        jour(du),
                        jour(au)
                    ))
                }));
            }
            Message::Retirer(id) => {
                self.en_cours = true;
                return fond(Box::new(move || {
                    delegations::retirer(&poste, id)?;
                    Ok("Délégation retirée.".into())
                }));
            }
            Message::ChangerLeMien => {
                let mdp = self.mot_de_passe.clone();
                let moi = session.compte().identifiant.clone();
                self.en_cours = true;
                return fond(Box::new(move || {
                    Comptes::de(&espace, &poste).changer_mot_de_passe(
                        &mut poste.store(),
                        &moi,
                        &mdp,
                    )?;
                    Ok("Votre mot de passe est changé.".into())
                }));
            }
            Message::Creer => {
                let (identifiant, mdp) = (self.identifiant.clone(), self.mot_de_passe.clone());
                let pro = self.professionnel.as_ref().map(|c| c.0.id);
                let admin = self.administrateur;
                self.en_cours = true;
                return fond(Box::new(move || {
                    let c = Comptes::de(&espace, &poste).creer(
                        &mut poste.store(),
                        &identifiant,
                        &mdp,
                        pro,
                        admin,
                    )?;
                    Ok(format!(
                        "Compte « {} » créé : remettez-lui son mot de passe provisoire.",
                        c.identifiant
                    ))
                }));
            }
            Message::Activer(identifiant, actif) => {
                let mdp = self.mot_de_passe.clone();
                self.en_cours = true;
                return fond(Box::new(move || {
                    let c = Comptes::de(&espace, &poste).activer(
                        &mut poste.store(),
                        &identifiant,
                        actif,
                        Some(mdp.as_str()).filter(|m| !m.is_empty()),
                    )?;
                    Ok(if actif {
                        format!(
                            "Compte « {} » réactivé, avec le mot de passe saisi.",
                            c.identifiant
                        )
                    } else {
                        format!(
                            "Compte « {} » désactivé : il ne peut plus se connecter.",
                            c.identifiant
                        )
                    })
                }));
            }
            Message::Remplacer(identifiant) => {
                let mdp = self.mot_de_passe.clone();
                self.en_cours = true;
                return fond(Box::new(move || {
                    Comptes::de(&espace, &poste).changer_mot_de_passe(
                        &mut poste.store(),
                        &identifiant,
                        &mdp,
                    )?;
                    Ok(format!("Nouveau mot de passe du compte « {identifiant} » enregistré : remettez-le lui."))
                }));
            }
            Message::Droits(identifiant, admin) => {
                self.en_cours = true;
                return fond(Box::new(move || {
                    let c = Comptes::de(&espace, &poste).administrateur(
                        &mut poste.store(),
                        &identifiant,
                        admin,
                    )?;
                    Ok(format!(
                        "Compte « {} » : {}.",
                        c.identifiant,
                        c.libelle_droits()
                    ))
                }));
            }
            Message::Gestionnaire(pro, oui) => {
                self.en_cours = true;
                return fond(Box::new(move || {
                    let profil = if oui {
                        Habilitation::MiseAJour
                    } else {
                        Habilitation::Consultation
                    };
                    let p =
                        crate::services::ressources::habiliter(&poste, &pro.to_string(), profil)?;
                    Ok(format!(
                        "{} : profil « {profil} » sur la base de ressources.",
                        p.nom_affiche()
                    ))
                }));
            }
            Message::Restaurer => return Action::Restaurer,
            Message::EnregistrerDuree => {
                let d = match crate::domain::effacement::DureeConservation::lire(&self.duree) {
                    Ok(d) => d,
                    Err(e) => {
                        self.erreur = Some(e.to_string());
                        return Action::Aucune;
                    }
                };
                self.en_cours = true;
                self.apercu = None;
                return fond(Box::new(move || {
                    effacement::regler_duree(&poste, d)?;
                    Ok(format!(
                        "Durée de conservation : {} an(s) après le dernier contact qui suit la clôture.",
                        d.annees()
                    ))
                }));
            }
            Message::VoirAEffacer => {
                self.en_cours = true;
                return Action::Tache(en_fond(
                    move || effacement::apercu(&poste),
                    Message::AEffacer,
                ));
            }
            Message::Purger => {
                let Some(a) = self.apercu.take() else {
                    return Action::Aucune;
                };
                let ids: Vec<Uuid> = a.dossiers.iter().map(|d| d.id).collect();
                self.en_cours = true;
                self.purge_proposee = false;
                return fond(Box::new(move || {
                    let r = effacement::purger(&poste, &ids)?;
                    Ok(format!(
                        "{} dossier(s) effacé(s) ({} entrée(s) du journal, purge n° {}). Les indicateurs gardent leurs comptes ; les sauvegardes automatiques qui les contiennent encore seront remplacées d'ici {} jours.",
                        r.dossiers,
                        r.evenements,
                        r.purge,
                        effacement::JOURS_SAUVEGARDES
                    ))
                }));
            }
            Message::VerifierAudit => {
                self.en_cours = true;
                return fond(Box::new(move || administration::verifier_audit(&poste)));
            }
            Message::Sauvegarder => {
                self.en_cours = true;
                return fond(Box::new(move || {
                    let f = crate::services::sauvegardes::sauvegarder(&poste, None)?;
                    Ok(format!(
                        "Sauvegarde écrite : {}. Gardez-la avec le fichier de clés binome.cles ; « binome restaurer » la remet en place.",
                        f.display()
                    ))
                }));
            }
        }
        Action::Aucune
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let mut c = column![widgets::titre("Comptes et délégations")].spacing(16);
        if let Some(e) = &self.erreur {
            c = c.push(widgets::erreur(e));
        }
        if let Some(i) = &self.info {
            c = c.push(widgets::information(i));
        }
        // Le mot de passe saisi sert à tout ce qui en demande un (le sien, un compte créé,
        // réactivé ou remplacé) : il n'est tapé qu'une fois.
        c = c.push(widgets::carte(
            column![
                widgets::sous_titre(format!(
                    "Mot de passe — compte « {} »",
                    session.compte().identifiant
                )),
                widgets::champ_secret(
                    "Nouveau mot de passe (ou mot de passe provisoire d'un compte)",
                    "comptes-mdp",
                    &self.mot_de_passe,
                    Message::MotDePasse,
                    None
                ),
                text(indication(&self.mot_de_passe)).size(13),
                widgets::bouton("Changer mon mot de passe", actif(Message::ChangerLeMien)),
            ]
            .spacing(8),
        ));
        if session.utilisateur().is_some() {
            let mut d = column![
                widgets::sous_titre("Confier mes dossiers (absence, passation)"),
                text("Le professionnel choisi voit tous vos dossiers, et seulement eux, du premier au dernier jour inclus ; la délégation s'arrête d'elle-même, ou quand vous la retirez.").size(13),
                widgets::liste(self.professionnels.clone(), self.delegataire.clone(), Message::DelegataireChoisi, "À qui ? (flèches haut et bas au clavier)"),
                row![
                    widgets::champ("Du (jj/mm/aaaa)", ID_DELEGATAIRE_DU, &self.du, "jj/mm/aaaa", None, Message::Du),
                    widgets::champ("Au (jj/mm/aaaa)", "comptes-au", &self.au, "jj/mm/aaaa", None, Message::Au),
                ]
                .spacing(16),
                widgets::bouton_principal("Confier mes dossiers".into(), actif(Message::Accorder)),
            ]
            .spacing(8);
            for l in &self.delegations {
                let mut r = row![text(&l.texte).size(TAILLE_TEXTE).width(Length::Fill)].spacing(8);
                if l.retirable {
                    r = r.push(widgets::bouton("Retirer", actif(Message::Retirer(l.id))));
                }
                d = d.push(r);
            }
            c = c.push(widgets::carte(d));
        }
        if session.compte().administrateur {
            c = c.push(widgets::carte(self.vue_administration(session.compte().id)));
        }
        scrollable(c.padding(16).max_width(900))
            .height(Length::Fill)
            .into()
    }

    fn vue_administration<'a>(&'a self, moi: uuid::Uuid) -> Element<'a, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let mut a = column![
            widgets::sous_titre("Comptes du poste (administrateur)"),
            text("L'administrateur gère les comptes ; il ne lit aucun dossier qui ne lui est pas confié. Les boutons qui demandent un mot de passe prennent celui saisi plus haut.").size(13),
        ]
        .spacing(8);
        for l in &self.comptes {
            let c = &l.compte;
            let qui = l.professionnel.as_ref().map_or_else(
                || "administration seule".to_string(),
                |p| {
                    format!(
                        "{} ({}, ressources : {})",
                        p.nom_affiche(),
                        p.role().libelle(),
                        p.habilitation
                    )
                },
            );
            let mut r = row![text(format!(
                "{} — {} — {}{}",
                c.identifiant,
                qui,
                c.libelle_droits(),
                if c.actif { "" } else { " — désactivé" }
            ))
            .size(TAILLE_TEXTE)
            .width(Length::Fill)]
            .spacing(6);
            // Son propre compte : ni désactivé, ni privé de ses droits, ni de son profil par
            // soi-même (son mot de passe se change plus haut).
            if c.id == moi {
                a = a.push(r.push(text("(vous)").size(TAILLE_TEXTE)).wrap());
                continue;
            }
            r = r.push(widgets::bouton(
                if c.actif { "Désactiver" } else { "Réactiver" },
                actif(Message::Activer(c.identifiant.clone(), !c.actif)),
            ));
            if c.actif {
                r = r.push(widgets::bouton(
                    "Mot de passe",
                    actif(Message::Remplacer(c.identifiant.clone())),
                ));
                r = r.push(widgets::bouton(
                    if c.administrateur {
                        "Retirer l'administration"
                    } else {
                        "Administrateur"
                    },
                    actif(Message::Droits(c.identifiant.clone(), !c.administrateur)),
                ));
            }
            if let Some(p) = &l.professionnel {
                let gestionnaire = p.habilitation == Habilitation::MiseAJour;
                r = r.push(widgets::bouton(
                    if gestionnaire {
                        "Retirer « ressources »"
                    } else {
                        "Gestionnaire des ressources"
                    },
                    actif(Message::Gestionnaire(p.id, !gestionnaire)),
                ));
            }
            a = a.push(r.wrap());
        }
        a = a.push(widgets::sous_titre("Nouveau compte"));
        a = a.push(widgets::champ(
            "Identifiant",
            "comptes-identifiant",
            &self.identifiant,
            "par exemple : b.durand",
            None,
            Message::Identifiant,
        ));
        a = a.push(widgets::liste(
            self.professionnels.clone(),
            self.professionnel.clone(),
            Message::ProfessionnelChoisi,
            "Le professionnel de l'annuaire (facultatif)",
        ));
        a = a.push(widgets::case(
            "Administrateur du poste",
            self.administrateur,
            Message::Administrateur,
        ));
        a = a.push(widgets::bouton_principal(
            "Créer le compte".into(),
            actif(Message::Creer),
        ));
        a = a.push(widgets::sous_titre("Sauvegardes"));
        a = a.push(text(widgets::insecables("Une sauvegarde chiffrée est écrite chaque jour à l'ouverture d'une session (7 quotidiennes et 4 hebdomadaires gardées, dossier « sauvegardes » des données). Restaurer ferme la session (la base doit être fermée) : la sauvegarde est vérifiée, la base actuelle gardée à côté, puis chacun se reconnecte. Ce qui a été saisi depuis la sauvegarde est perdu.")).size(13));
        a = a.push(
            row![
                widgets::bouton("Sauvegarder maintenant", actif(Message::Sauvegarder)),
                widgets::bouton("Restaurer une sauvegarde…", actif(Message::Restaurer)),
            ]
            .spacing(10),
        );
        a = a.push(self.vue_conservation());
        a = a.push(widgets::sous_titre("Journal d'audit"));
        a = a.push(text(widgets::insecables("Qui a consulté, créé, modifié, imprimé ou exporté quel dossier, les connexions et les changements de compte, chaînés : toute entrée retirée, ajoutée ou modifiée se voit. Export pour le délégué à la protection des données : « binome audit export ».")).size(13));
        a = a.push(widgets::bouton(
            "Vérifier le journal d'audit",
            actif(Message::VerifierAudit),
        ));
        a = a.push(text("Les 30 dernières entrées :").size(TAILLE_TEXTE));
        for l in &self.audit {
            a = a.push(text(l).size(13));
        }
        a.into()
    }
}

impl EcranComptes {
    /// La durée de conservation, l'aperçu des dossiers à effacer et la purge confirmée.
    fn vue_conservation(&self) -> Element<'_, Message> {
        let actif = |m: Message| (!self.en_cours).then_some(m);
        let mut a = column![
            widgets::sous_titre("Conservation des données"),
            text("Un dossier clôturé est effacé quand la durée de conservation est passée sans contact (2 ans selon le référentiel de la CNIL et le contrat). L'aperçu montre ce qui partira, sans nommer personne ; les indicateurs gardent leurs comptes.").size(13),
            row![
                widgets::champ_valide(
                    "Durée de conservation (années, 1 à 10)",
                    "comptes-duree",
                    &self.duree,
                    "2",
                    None,
                    Message::DureeConservation,
                    actif(Message::EnregistrerDuree)
                ),
                widgets::bouton("Enregistrer la durée", actif(Message::EnregistrerDuree)),
            ]
            .spacing(10)
            .align_y(iced::Alignment::End),
            widgets::bouton("Voir les dossiers à effacer", actif(Message::VoirAEffacer)),
        ]
        .spacing(8);
        for p in &self.purges {
            a = a.push(text(p).size(13));
        }
        let Some(ap) = &self.apercu else {
            return a.into();
        };
        if ap.dossiers.is_empty() {
            return a
                .push(
                    text(format!(
                        "Aucun dossier à effacer : aucun n'est clôturé sans contact depuis le {} ou avant.",
                        jour(ap.limite)
                    ))
                    .size(TAILLE_TEXTE),
                )
                .into();
        }
        a = a.push(
            text(format!(
                "{} dossier(s) clôturé(s) sans contact depuis le {} ou avant :",
                ap.dossiers.len(),
                jour(ap.limite)
            ))
            .size(TAILLE_TEXTE),
        );
        for d in &ap.dossiers {
            a = a.push(
                text(format!(
                    "Dossier {} — agence {} — clôturé le {} — dernier contact : {} — {} entrée(s) du journal, {} note(s), {} brouillon(s), {} document(s) retenu(s), {} délégation(s)",
                    &d.id.to_string()[..8],
                    d.agence,
                    jour(d.cloture),
                    d.dernier_contact.map_or("aucun".into(), jour),
                    d.emprise.evenements,
                    d.emprise.notes_privees,
                    d.emprise.brouillons,
                    d.emprise.documents,
                    d.emprise.delegations
                ))
                .size(13),
            );
        }
        a = a.push(if self.purge_proposee {
            column![
                widgets::erreur(&format!(
                    "Effacer définitivement ces {} dossier(s) ? Rien ne pourra être récupéré, hors des sauvegardes, jusqu'à leur remplacement.",
                    ap.dossiers.len()
                )),
                row![
                    widgets::bouton("Annuler", Some(Message::AnnulerPurge)),
                    widgets::bouton_principal(
                        "Oui, effacer".into(),
                        actif(Message::Purger)
                    ),
                ]
                .spacing(10),
            ]
            .spacing(6)
        } else {
            column![widgets::bouton_principal(
                format!("Effacer ces {} dossier(s)…", ap.dossiers.len()),
                actif(Message::ProposerPurge)
            )]
        });
        a.into()
    }
}

fn jour(j: Jour) -> String {
    j.format("%d/%m/%Y").to_string()
}
