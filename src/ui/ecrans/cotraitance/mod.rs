//! Jeunes en cotraitance : la liste (en cours, à faire, tous), un jeune (ses étapes, ce qui
//! attend, sa chronologie, ses documents et l'étape suivante à noter), l'affectation d'un
//! jeune à la mission locale et les chiffres de la cotraitance.

pub mod affectation;
pub mod chiffres;
pub mod etape;

use iced::widget::{column, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};
use uuid::Uuid;

use crate::domain::date::date_fr;
use crate::services::cotraitance::{DocumentCotraitance, Ligne};
use crate::services::session::Session;
use crate::services::ErreurService;
use crate::services::FaitCotraitance;
use crate::ui::tache::en_fond;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub use affectation::ID_NOM as ID_AFFECTATION;
pub use chiffres::ID_ANNEE;
pub const ID_RECHERCHE: &str = "jeunes-recherche";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filtre {
    EnCours,
    AFaire,
    Tous,
}

#[derive(Debug, Clone)]
pub enum Message {
    Filtre(Filtre),
    Recherche(String),
    Ouvrir(Uuid),
    Liste,
    Affecter,
    Affectation(affectation::Message),
    Etape(etape::Message),
    Imprimer(DocumentCotraitance),
    Imprime(Result<std::path::PathBuf, ErreurService>),
    /// Le relevé de ses données (droit d'accès), en PDF et en JSON.
    Releve,
    /// L'effacement à sa demande (cotraitance finie), confirmé par un administrateur.
    Effacement(crate::ui::ecrans::dossier::effacement::Message),
    Chiffres,
    Chiffre(chiffres::Message),
    FermerAvis,
}

pub enum Action {
    Aucune,
    Tache(Task<Message>),
    Focus(&'static str),
    /// Un jeune a été affecté, a changé ou a été effacé : ce qui le compte ailleurs (le
    /// portefeuille) se relit.
    Modifie,
}

enum Vue {
    Liste,
    Jeune(Box<Jeune>),
    Affecter(Box<affectation::Formulaire>),
    Chiffres(Box<chiffres::Chiffres>),
}

struct Jeune {
    ligne: Ligne,
    journal: Vec<FaitCotraitance>,
    etape: etape::Formulaire,
    effacement: crate::ui::ecrans::dossier::effacement::Panneau,
}

pub struct EcranCotraitance {
    vue: Vue,
    filtre: Filtre,
    recherche: String,
    erreur: Option<String>,
    avis: Option<String>,
}

impl EcranCotraitance {
    pub fn new() -> EcranCotraitance {
        EcranCotraitance {
            vue: Vue::Liste,
            filtre: Filtre::EnCours,
            recherche: String::new(),
            erreur: None,
            avis: None,
        }
    }

    /// L'écran ouvert sur un jeune (depuis À faire).
    pub fn sur(id: Uuid, session: &Session) -> EcranCotraitance {
        let mut e = EcranCotraitance::new();
        e.ouvrir(id, session);
        e
    }

    /// L'écran ouvert sur l'affectation d'un nouveau jeune (depuis Nouveau dossier).
    pub fn affecter(session: &Session) -> EcranCotraitance {
        let mut e = EcranCotraitance::new();
        e.vue = Vue::Affecter(Box::new(affectation::Formulaire::new(session)));
        e
    }

    /// L'écran ouvert sur les chiffres (depuis les Indicateurs).
    pub fn chiffres(session: &Session) -> EcranCotraitance {
        let mut e = EcranCotraitance::new();
        e.vue = Vue::Chiffres(Box::new(chiffres::Chiffres::new(session)));
        e
    }

    pub fn titre(&self) -> String {
        match &self.vue {
            Vue::Liste => "Jeunes en cotraitance".into(),
            Vue::Jeune(j) => format!("{} — cotraitance", j.ligne.jeune),
            Vue::Affecter(_) => "Affecter un jeune à la mission locale".into(),
            Vue::Chiffres(_) => "Chiffres de la cotraitance".into(),
        }
    }

    /// Ouvre un jeune (la consultation est inscrite au journal d'audit), ou le relit après
    /// un enregistrement (`relire`).
    fn ouvrir(&mut self, id: Uuid, session: &Session) {
        self.charger(id, session, false);
    }

    fn charger(&mut self, id: Uuid, session: &Session, relire: bool) {
        let poste = session.poste();
        let lu = if relire {
            crate::services::cotraitance::lire(&poste, id)
        } else {
            crate::services::cotraitance::ouvrir(&poste, id)
        };
        match lu {
            Ok((ligne, journal)) => {
                self.vue = Vue::Jeune(Box::new(Jeune {
                    etape: etape::Formulaire::new(session, &ligne),
                    effacement: crate::ui::ecrans::dossier::effacement::Panneau {
                        ouvert: None,
                        cotraitance: true,
                    },
                    ligne,
                    journal,
                }));
                self.erreur = None;
            }
            Err(e) => self.erreur = Some(e.to_string()),
        }
    }

    /// Entrée ou Ctrl+S enregistrent le formulaire affiché ; Échap revient à la liste.
    pub fn raccourci(&self, r: crate::ui::app::Raccourci) -> Option<Message> {
        use crate::ui::app::Raccourci;
        match (r, &self.vue) {
            (Raccourci::Echap, Vue::Liste) => None,
            (Raccourci::Echap, Vue::Jeune(j)) if j.effacement.ouvert.is_some() => Some(
                Message::Effacement(crate::ui::ecrans::dossier::effacement::Message::Fermer),
            ),
            (Raccourci::Echap, _) => Some(Message::Liste),
            (Raccourci::Enregistrer, Vue::Affecter(_)) => {
                Some(Message::Affectation(affectation::Message::Enregistrer))
            }
            (Raccourci::Enregistrer, Vue::Jeune(_)) => {
                Some(Message::Etape(etape::Message::Enregistrer))
            }
            (Raccourci::Imprimer, Vue::Jeune(_)) => {
                Some(Message::Imprimer(DocumentCotraitance::Affectation))
            }
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, session: &mut Session) -> Action {
        match message {
            Message::Filtre(f) => self.filtre = f,
            Message::Recherche(t) => self.recherche = t,
            Message::Ouvrir(id) => {
                self.avis = None;
                self.ouvrir(id, session);
            }
            Message::FermerAvis => {
                self.avis = None;
                self.erreur = None;
                if let Vue::Chiffres(c) = &mut self.vue {
                    c.fermer_message();
                }
            }
            Message::Liste => {
                self.vue = Vue::Liste;
                self.erreur = None;
                return Action::Focus(ID_RECHERCHE);
            }
            Message::Affecter => {
                self.avis = None;
                self.vue = Vue::Affecter(Box::new(affectation::Formulaire::new(session)));
                return Action::Focus(affectation::ID_NOM);
            }
            Message::Affectation(m) => {
                let Vue::Affecter(f) = &mut self.vue else {
                    return Action::Aucune;
                };
                if let Some(id) = f.update(m, session) {
                    self.ouvrir(id, session);
                    self.avis = Some(
                        "Jeune affecté. Remettez-lui le document d'affectation (Ctrl+P) : le motif, ses engagements et la mission locale."
                            .into(),
                    );
                    return Action::Modifie;
                }
            }
            Message::Etape(m) => {
                let Vue::Jeune(j) = &mut self.vue else {
                    return Action::Aucune;
                };
                if let Some(fait) = j.etape.update(m, session, &j.ligne.faits, j.ligne.id) {
                    let id = j.ligne.id;
                    self.charger(id, session, true);
                    self.avis = Some(fait);
                    return Action::Modifie;
                }
            }
            Message::Imprimer(doc) => {
                let Vue::Jeune(j) = &self.vue else {
                    return Action::Aucune;
                };
                let (poste, id) = (session.poste(), j.ligne.id);
                let chemin = crate::services::espace::dossier_des_documents()
                    .join(doc.nom_fichier(&j.ligne.faits));
                self.avis = Some("Impression en cours…".into());
                return Action::Tache(en_fond(
                    move || {
                        sans_remplacer(chemin, |c| {
                            crate::services::cotraitance::imprimer_sous(&poste, id, doc, c, false)
                        })
                    },
                    Message::Imprime,
                ));
            }
            Message::Releve => {
                let Vue::Jeune(j) = &self.vue else {
                    return Action::Aucune;
                };
                let (poste, id) = (session.poste(), j.ligne.id);
                let pdf = crate::services::espace::dossier_des_documents()
                    .join(crate::services::cotraitance::nom_releve(&j.ligne.faits));
                self.avis = Some("Relevé en cours…".into());
                return Action::Tache(en_fond(
                    move || {
                        sans_remplacer(pdf, |c| {
                            let json = c.with_extension("json");
                            crate::services::cotraitance::releve(&poste, id, c, Some(&json), false)
                        })
                    },
                    Message::Imprime,
                ));
            }
            Message::Effacement(m) => {
                use crate::ui::ecrans::dossier::effacement::Sortie;
                let Vue::Jeune(j) = &mut self.vue else {
                    return Action::Aucune;
                };
                let nom = crate::services::cotraitance::nom_attestation(&j.ligne.faits);
                match j.effacement.update(m, j.ligne.id, Some(nom), session) {
                    Sortie::Aucune => {}
                    Sortie::Tache(t) => return Action::Tache(t.map(Message::Effacement)),
                    Sortie::Efface(message, chemin) => {
                        if let Err(e) = session.recharger() {
                            self.erreur = Some(e.to_string());
                        }
                        self.vue = Vue::Liste;
                        self.avis = Some(format!("{message} Attestation : {}", chemin.display()));
                        return Action::Modifie;
                    }
                }
            }
            Message::Imprime(r) => match r {
                Ok(chemin) => {
                    self.erreur = None;
                    self.avis = Some(format!(
                        "Document écrit : {} — prêt à imprimer.",
                        chemin.display()
                    ));
                }
                Err(e) => {
                    self.avis = None;
                    self.erreur = Some(format!("Document non écrit : {e}"));
                }
            },
            Message::Chiffres => {
                self.avis = None;
                self.vue = Vue::Chiffres(Box::new(chiffres::Chiffres::new(session)));
                return Action::Focus(chiffres::ID_ANNEE);
            }
            Message::Chiffre(chiffres::Message::Liste) => {
                self.vue = Vue::Liste;
                return Action::Focus(ID_RECHERCHE);
            }
            Message::Chiffre(m) => {
                if let Vue::Chiffres(c) = &mut self.vue {
                    if let Some(t) = c.update(m, session) {
                        return Action::Tache(t.map(Message::Chiffre));
                    }
                }
            }
        }
        Action::Aucune
    }

    /// La vue affichée, pour que la fenêtre remonte en haut quand elle change.
    pub fn cle(&self) -> Uuid {
        match &self.vue {
            Vue::Liste => Uuid::from_u128(1),
            Vue::Affecter(_) => Uuid::from_u128(2),
            Vue::Chiffres(_) => Uuid::from_u128(3),
            Vue::Jeune(j) => j.ligne.id,
        }
    }

    /// Le message posé en bas de la fenêtre : une erreur, sinon un avis.
    fn message(&self) -> Option<(&str, bool)> {
        let chiffres = match &self.vue {
            Vue::Chiffres(c) => c.message(),
            _ => None,
        };
        self.erreur
            .as_deref()
            .map(|e| (e, true))
            .or(chiffres)
            .or(self.avis.as_deref().map(|a| (a, false)))
    }

    pub fn view<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let page = column![].spacing(12).padding(20);
        let contenu = match &self.vue {
            Vue::Liste => self.liste(session),
            Vue::Jeune(j) => jeune(j, session),
            Vue::Affecter(f) => f.view(session).map(Message::Affectation),
            Vue::Chiffres(c) => c.view(session).map(Message::Chiffre),
        };
        widgets::message_flottant(
            scrollable(page.push(contenu).max_width(900)).height(Length::Fill),
            self.message(),
            Message::FermerAvis,
        )
    }

    fn liste<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let jour = session.aujourdhui();
        let cherche = crate::domain::texte::normaliser(&self.recherche);
        let lignes: Vec<&Ligne> = session
            .jeunes()
            .iter()
            .filter(|l| match self.filtre {
                Filtre::EnCours => l.etat.en_cours(),
                Filtre::AFaire => !l.a_faire(jour).is_empty(),
                Filtre::Tous => true,
            })
            .filter(|l| {
                cherche.is_empty()
                    || crate::domain::texte::normaliser(&format!(
                        "{} {}",
                        l.jeune, l.identifiant_ft
                    ))
                    .contains(&cherche)
            })
            .collect();
        let mut c = column![
            widgets::titre("Jeunes en cotraitance"),
            text("Pôle emploi affecte et décide ; la mission locale accepte, initialise et suit le jeune par un référent unique.").size(TAILLE_TEXTE),
        ]
        .spacing(10);
        if !session.en_cotraitance() {
            return c
                .push(widgets::information(
                    "La cotraitance des jeunes se fait entre un conseiller Pôle emploi et une mission locale : votre fiche n'est ni l'une ni l'autre (Paramètres).",
                ))
                .into();
        }
        let mut actions = row![].spacing(10);
        if session
            .utilisateur()
            .is_some_and(|u| u.role() == crate::domain::professionnel::Role::Conseiller)
        {
            actions = actions.push(widgets::bouton_principal(
                "Affecter un jeune…".into(),
                Some(Message::Affecter),
            ));
        }
        actions = actions.push(widgets::bouton(
            "Chiffres, objectifs et réglages",
            Some(Message::Chiffres),
        ));
        c = c.push(actions);
        c = c.push(
            row![
                widgets::choix(
                    "En cours",
                    Filtre::EnCours,
                    Some(self.filtre),
                    Message::Filtre
                ),
                widgets::choix(
                    "À faire",
                    Filtre::AFaire,
                    Some(self.filtre),
                    Message::Filtre
                ),
                widgets::choix("Tous", Filtre::Tous, Some(self.filtre), Message::Filtre),
            ]
            .spacing(20),
        );
        c = c.push(widgets::champ(
            "Rechercher (nom, identifiant France Travail)",
            ID_RECHERCHE,
            &self.recherche,
            "",
            None,
            Message::Recherche,
        ));
        if session.jeunes().is_empty() {
            return c
                .push(widgets::information(if session.en_mission_locale() {
                    "Aucun jeune en cotraitance pour l'instant. Le conseiller Pôle emploi vous affecte les jeunes : ils arrivent par l'échange avec lui (Échange binôme, Ctrl+7), ou saisis sur un poste que vous partagez."
                } else {
                    "Aucun jeune en cotraitance pour l'instant. Un conseiller Pôle emploi affecte un jeune de moins de 26 ans à la mission locale de sa commune : « Affecter un jeune… » (ou Ctrl+N puis « Cotraitance avec la mission locale… »)."
                }))
                .into();
        }
        c = c.push(text(format!("{} jeune(s)", lignes.len())).size(TAILLE_TEXTE));
        for l in lignes {
            let a_faire = l.a_faire(jour);
            let mut detail = format!(
                "{} · {} · affecté le {}",
                l.etat.libelle(),
                l.mission_locale,
                date_fr(l.affecte_le)
            );
            if let Some(a) = a_faire.first() {
                detail.push_str(&format!(" · ⚠ {a}"));
            }
            c = c.push(widgets::au_clavier(
                iced::widget::button(
                    column![
                        text(format!("{}  ({})", l.jeune, l.identifiant_ft)).size(TAILLE_TEXTE),
                        text(detail).size(13),
                    ]
                    .spacing(2),
                )
                .on_press(Message::Ouvrir(l.id))
                .width(Length::Fill)
                .style(crate::ui::theme::secondaire),
                Some(Message::Ouvrir(l.id)),
            ));
        }
        c.into()
    }
}

impl Default for EcranCotraitance {
    fn default() -> Self {
        EcranCotraitance::new()
    }
}

fn jeune<'a>(j: &'a Jeune, session: &'a Session) -> Element<'a, Message> {
    let l = &j.ligne;
    let f = &l.faits;
    let jour = session.aujourdhui();
    let mut c = column![
        row![
            widgets::bouton("← Liste", Some(Message::Liste)),
            widgets::titre(l.jeune.as_str()),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
        widgets::ligne("État", l.etat.libelle()),
        widgets::ligne("Identifiant France Travail", l.identifiant_ft.clone()),
        widgets::ligne("Né(e) le", date_fr(f.jeune.naissance)),
        widgets::ligne(
            "Commune",
            session.referentiel().commune(&f.jeune.commune).map_or(
                f.jeune.commune.clone(),
                |c| format!("{} ({})", c.nom, c.insee)
            )
        ),
        widgets::ligne("Mission locale", l.mission_locale.clone()),
        widgets::ligne("Affecté le", date_fr(f.affectation.date)),
        widgets::ligne(
            "Critères",
            f.affectation
                .criteres
                .iter()
                .map(|c| c.libelle())
                .collect::<Vec<_>>()
                .join(" ; ")
        ),
        widgets::ligne("Accepté le", f.acceptation.map_or("—".into(), date_fr)),
        widgets::ligne(
            "Initialisé le",
            f.initialise_le().map_or("—".into(), date_fr)
        ),
        widgets::ligne(
            "Fin au plus tard",
            format!(
                "{} ({})",
                date_fr(l.fin_prevue),
                f.fin_prevue().motif.libelle()
            )
        ),
    ]
    .spacing(8);
    if f.affectation.civis {
        c = c.push(widgets::information(
            "En CIVIS : il y reste ; ni compté ni financé au titre de la cotraitance.",
        ));
    }
    if let Some(du) = f.entretien_du().filter(|_| l.etat.en_cours()) {
        c = c.push(widgets::ligne("Prochain entretien dû le", date_fr(du)));
    }
    for a in l.a_faire(jour) {
        c = c.push(widgets::erreur(&a));
    }
    let mut docs = row![widgets::bouton(
        "Document d'affectation (Ctrl+P)",
        Some(Message::Imprimer(DocumentCotraitance::Affectation))
    )]
    .spacing(10);
    for n in 1..=f.alertes.len() {
        docs = docs.push(widgets::bouton(
            format!("Fiche d'alerte n° {n}"),
            Some(Message::Imprimer(DocumentCotraitance::Alerte(n))),
        ));
    }
    docs = docs.push(widgets::bouton(
        "Ses données (droit d'accès)",
        Some(Message::Releve),
    ));
    c = c.push(widgets::sous_titre("Documents")).push(docs.wrap());
    if l.etat.en_cours() {
        c = c.push(j.etape.view(session, f).map(Message::Etape));
    } else if let Some(form) = &j.effacement.ouvert {
        c = c.push(form.view(true).map(Message::Effacement));
    } else {
        // La cotraitance est finie : le jeune peut demander l'effacement de ses données.
        c = c.push(row![widgets::bouton(
            "Effacer ses données à sa demande…",
            Some(Message::Effacement(
                crate::ui::ecrans::dossier::effacement::Message::Ouvrir
            )),
        )]);
    }
    c = c.push(widgets::sous_titre("Chronologie"));
    for fait in j.journal.iter().rev() {
        c = c.push(
            text(format!(
                "{}  {}",
                date_fr(fait.evenement.date()),
                fait.evenement.libelle()
            ))
            .size(TAILLE_TEXTE),
        );
    }
    c.into()
}

/// Écrit par `ecrire` au chemin proposé ; s'il est pris par un fichier que Binôme n'a pas
/// écrit (ou modifié depuis), au premier « -2 », « -3 »… libre : la fenêtre ne remplace
/// jamais le fichier de quelqu'un. Rend le chemin écrit.
pub(crate) fn sans_remplacer(
    chemin: std::path::PathBuf,
    ecrire: impl Fn(&std::path::Path) -> Result<(), ErreurService>,
) -> Result<std::path::PathBuf, ErreurService> {
    let base = chemin.file_stem().map(|s| s.to_string_lossy().into_owned());
    let extension = chemin.extension().map(|e| e.to_string_lossy().into_owned());
    for n in 1..=20 {
        let c = match (n, &base) {
            (1, _) | (_, None) => chemin.clone(),
            (n, Some(b)) => chemin.with_file_name(match &extension {
                Some(e) => format!("{b}-{n}.{e}"),
                None => format!("{b}-{n}"),
            }),
        };
        match ecrire(&c) {
            Err(ErreurService::SortieExistante { .. }) => continue,
            r => return r.map(|()| c),
        }
    }
    Err(ErreurService::SortieExistante {
        chemin: chemin.display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_fichier_pris_n_est_pas_remplace_le_suivant_libre_est_pris() {
        let pris = ["/tmp/a/doc.pdf", "/tmp/a/doc-2.pdf"];
        let ecrits = std::cell::RefCell::new(Vec::new());
        let r = sans_remplacer(std::path::PathBuf::from("/tmp/a/doc.pdf"), |c| {
            if pris.iter().any(|p| std::path::Path::new(p) == c) {
                return Err(ErreurService::SortieExistante {
                    chemin: c.display().to_string(),
                });
            }
            ecrits.borrow_mut().push(c.to_path_buf());
            Ok(())
        })
        .expect("écrit");
        assert_eq!(r, std::path::PathBuf::from("/tmp/a/doc-3.pdf"));
        assert_eq!(ecrits.borrow().len(), 1);
        // Une autre erreur n'essaie pas d'autre nom.
        let e = sans_remplacer(std::path::PathBuf::from("/tmp/a/x.pdf"), |_| {
            Err(ErreurService::Saisie("disque plein".into()))
        });
        assert!(matches!(e, Err(ErreurService::Saisie(_))));
    }
}
