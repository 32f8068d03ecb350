//! Portefeuille : tous les dossiers, recherche au fil de la frappe, filtres et tris.
//! Seules les lignes visibles sont construites : 5 000 dossiers défilent sans à-coups.

use iced::widget::{button, column, row, scrollable, text, text_input, Space};
use iced::{Alignment, Element, Length};
use uuid::Uuid;

use crate::domain::date::{date_fr, Jour};
use crate::domain::dossier::{Etape, Modalite};
use crate::domain::echeances::{alertes, prochaine_echeance, Resume};
use crate::domain::professionnel::Role;
use crate::domain::texte::{correspond, normaliser};
use crate::services::session::Session;
use crate::ui::widgets::{self, TAILLE_TEXTE};

pub const ID_RECHERCHE: &str = "portefeuille-recherche";
pub const ID_LISTE: &str = "portefeuille-liste";
const HAUTEUR_LIGNE: f32 = 34.0;
/// Parts de largeur des colonnes, en-têtes et lignes alignés.
const LARGEURS: [u16; 8] = [20, 9, 27, 16, 9, 6, 9, 6];

/// Les colonnes montrées : toutes, ou (texte agrandi) le nom, l'état, le reste et les alertes.
fn visibles(compact: bool) -> &'static [usize] {
    if compact {
        &[0, 2, 5, 7]
    } else {
        &[0, 1, 2, 3, 4, 5, 6, 7]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colonne {
    Nom,
    Identifiant,
    Etat,
    Binome,
    Entree,
    Reste,
    Echeance,
    Alertes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choix<T> {
    Tous,
    Un(T),
}

impl std::fmt::Display for Choix<Etape> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choix::Tous => f.write_str("Toutes les étapes"),
            Choix::Un(e) => f.write_str(e.libelle()),
        }
    }
}

impl std::fmt::Display for Choix<Modalite> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choix::Tous => f.write_str("Toutes les modalités"),
            Choix::Un(m) => f.write_str(m.libelle()),
        }
    }
}

impl std::fmt::Display for Choix<bool> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Choix::Tous => "BRSA ou non",
            Choix::Un(true) => "BRSA",
            Choix::Un(false) => "Non BRSA",
        })
    }
}

/// Une agence présente dans le portefeuille, pour le filtre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agence {
    pub code: String,
    pub nom: String,
}

impl std::fmt::Display for Choix<Agence> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choix::Tous => f.write_str("Toutes les agences"),
            Choix::Un(a) => f.write_str(&a.nom),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiltreAlerte {
    Toutes,
    AvecAlerte,
    SansAlerte,
}

impl std::fmt::Display for FiltreAlerte {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FiltreAlerte::Toutes => "Avec ou sans alerte",
            FiltreAlerte::AvecAlerte => "⚠ Avec alerte",
            FiltreAlerte::SansAlerte => "Sans alerte",
        })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Recherche(String),
    Etape(Choix<Etape>),
    Modalite(Choix<Modalite>),
    Brsa(Choix<bool>),
    Alerte(FiltreAlerte),
    Agence(Choix<Agence>),
    Trier(Colonne),
    Defiler(scrollable::Viewport),
    Ouvrir(Uuid),
    Nouveau,
    /// Exporter les dossiers affichés (filtres et tri compris) : XLSX (vrai) ou CSV.
    Exporter(bool),
    /// Reprendre un tableau de suivi (CSV, XLSX).
    Reprendre,
    /// L'autre parcours : les jeunes en cotraitance.
    Jeunes,
    /// Imprimer en un lot les contrats des dossiers affichés.
    ImprimerContrats,
    /// Texte agrandi : montrer ou cacher les listes de filtres.
    Filtres,
    /// Flèches dans la liste : le focus passe à la ligne voisine.
    LignePrecedente,
    LigneSuivante,
}

pub enum Action {
    Aucune,
    Ouvrir(Uuid),
    Nouveau,
    /// Exporter ces dossiers, dans cet ordre : XLSX (vrai) ou CSV.
    Exporter(Vec<Uuid>, bool),
    Reprendre,
    Jeunes,
    ImprimerContrats(Vec<Uuid>),
    /// Déplacer le focus : vers la ligne suivante (vrai) ou précédente.
    Focus(bool),
    /// La liste a changé : revenir en haut.
    Haut(iced::Task<Message>),
}

/// Une ligne prête à afficher, calculée une fois par rechargement du portefeuille.
struct Ligne {
    resume: Resume,
    /// L'autre membre du binôme, vu de l'utilisateur.
    binome: String,
    cle: String,
    reste: Option<i64>,
    echeance: Option<Jour>,
    alertes: usize,
}

pub struct Portefeuille {
    pub recherche: String,
    etape: Choix<Etape>,
    modalite: Choix<Modalite>,
    brsa: Choix<bool>,
    alerte: FiltreAlerte,
    agence: Choix<Agence>,
    agences: Vec<Choix<Agence>>,
    tri: Colonne,
    croissant: bool,
    lignes: Vec<Ligne>,
    /// Indices des lignes retenues, dans l'ordre d'affichage.
    visibles: Vec<usize>,
    haut: f32,
    hauteur: f32,
    /// Combien de dossiers ne sont là que par délégation.
    delegues: usize,
    /// Les jeunes en cotraitance en cours (Pôle emploi, mission locale), s'il y a lieu.
    jeunes: Option<usize>,
    /// Texte agrandi : les listes de filtres sont montrées (sinon un bouton les ouvre).
    filtres_ouverts: bool,
}

impl Portefeuille {
    pub fn new(session: &Session) -> Portefeuille {
        let mut p = Portefeuille {
            recherche: String::new(),
            etape: Choix::Tous,
            modalite: Choix::Tous,
            brsa: Choix::Tous,
            alerte: FiltreAlerte::Toutes,
            agence: Choix::Tous,
            agences: Vec::new(),
            tri: Colonne::Nom,
            croissant: true,
            lignes: Vec::new(),
            visibles: Vec::new(),
            haut: 0.0,
            hauteur: 800.0,
            delegues: 0,
            jeunes: None,
            filtres_ouverts: false,
        };
        p.recharger(session);
        p
    }

    /// À appeler quand le portefeuille de la session a changé.
    pub fn recharger(&mut self, session: &Session) {
        self.delegues = session.nombre_delegues();
        self.jeunes = session.en_cotraitance().then(|| {
            session
                .jeunes()
                .iter()
                .filter(|l| l.etat.en_cours())
                .count()
        });
        let p = &session.preferences().echeances;
        let mut codes: Vec<&str> = session
            .portefeuille()
            .iter()
            .map(|r| r.agence.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        self.agences = std::iter::once(Choix::Tous)
            .chain(codes.into_iter().map(|c| {
                Choix::Un(Agence {
                    code: c.to_string(),
                    nom: session
                        .referentiel()
                        .structures
                        .nom(c)
                        .unwrap_or(c)
                        .to_string(),
                })
            }))
            .collect();
        let binome_de = |r: &Resume| match session.utilisateur().as_ref().map(|u| u.role()) {
            Some(Role::Referent) => r.conseiller.clone(),
            _ => r.referent.clone(),
        };
        self.lignes = session
            .portefeuille()
            .iter()
            .map(|r| Ligne {
                binome: binome_de(r).map(String::from).unwrap_or_default(),
                cle: normaliser(&format!("{} {} {}", r.nom, r.prenom, r.identifiant_ft)),
                reste: match r.etape {
                    Etape::Accompagnement | Etape::SocialExclusif => {
                        r.date_fin.map(|f| (f - session.aujourdhui()).num_days())
                    }
                    _ => None,
                },
                echeance: prochaine_echeance(r, p),
                alertes: alertes(r, session.aujourdhui(), p).len(),
                resume: r.clone(),
            })
            .collect();
        self.filtrer();
    }

    pub fn nombre_affiche(&self) -> usize {
        self.visibles.len()
    }

    fn filtrer(&mut self) {
        let recherche = normaliser(&self.recherche);
        let mut v: Vec<usize> = self
            .lignes
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let r = &l.resume;
                (self.etape == Choix::Tous || self.etape == Choix::Un(r.etape))
                    && (self.modalite == Choix::Tous || self.modalite == Choix::Un(r.modalite))
                    && (self.brsa == Choix::Tous || self.brsa == Choix::Un(r.brsa))
                    && match self.alerte {
                        FiltreAlerte::Toutes => true,
                        FiltreAlerte::AvecAlerte => l.alertes > 0,
                        FiltreAlerte::SansAlerte => l.alertes == 0,
                    }
                    && match &self.agence {
                        Choix::Tous => true,
                        Choix::Un(a) => a.code == r.agence,
                    }
                    && correspond(&l.cle, &recherche)
            })
            .map(|(i, _)| i)
            .collect();
        let lignes = &self.lignes;
        let cle_nom = |i: usize| (&lignes[i].resume.nom, &lignes[i].resume.prenom);
        v.sort_by(|&a, &b| {
            let (la, lb) = (&lignes[a], &lignes[b]);
            let o = match self.tri {
                Colonne::Nom => cle_nom(a).cmp(&cle_nom(b)),
                Colonne::Identifiant => la.resume.identifiant_ft.cmp(&lb.resume.identifiant_ft),
                Colonne::Etat => la.resume.etape.cmp(&lb.resume.etape),
                Colonne::Binome => la.binome.cmp(&lb.binome),
                Colonne::Entree => la.resume.date_entree.cmp(&lb.resume.date_entree),
                Colonne::Reste => la.reste.cmp(&lb.reste),
                Colonne::Echeance => la.echeance.cmp(&lb.echeance),
                Colonne::Alertes => la.alertes.cmp(&lb.alertes),
            }
            .then_with(|| cle_nom(a).cmp(&cle_nom(b)));
            if self.croissant {
                o
            } else {
                o.reverse()
            }
        });
        self.visibles = v;
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Recherche(t) => self.recherche = t,
            Message::Etape(e) => self.etape = e,
            Message::Modalite(m) => self.modalite = m,
            Message::Brsa(b) => self.brsa = b,
            Message::Alerte(a) => self.alerte = a,
            Message::Filtres => self.filtres_ouverts = !self.filtres_ouverts,
            Message::Agence(a) => self.agence = a,
            Message::Trier(c) => {
                if self.tri == c {
                    self.croissant = !self.croissant;
                } else {
                    self.tri = c;
                    self.croissant = true;
                }
            }
            Message::Defiler(v) => {
                self.haut = v.absolute_offset().y;
                self.hauteur = v.bounds().height;
                return Action::Aucune;
            }
            Message::Ouvrir(id) => return Action::Ouvrir(id),
            Message::Nouveau => return Action::Nouveau,
            Message::Reprendre => return Action::Reprendre,
            Message::Jeunes => return Action::Jeunes,
            Message::ImprimerContrats => {
                let ids = self
                    .visibles
                    .iter()
                    .map(|&i| self.lignes[i].resume.id)
                    .collect();
                return Action::ImprimerContrats(ids);
            }
            Message::Exporter(xlsx) => {
                let ids = self
                    .visibles
                    .iter()
                    .map(|&i| self.lignes[i].resume.id)
                    .collect();
                return Action::Exporter(ids, xlsx);
            }
            Message::LigneSuivante => return Action::Focus(true),
            Message::LignePrecedente => return Action::Focus(false),
        }
        self.filtrer();
        self.haut = 0.0;
        Action::Haut(iced::widget::operation::snap_to(
            ID_LISTE,
            iced::widget::scrollable::RelativeOffset::START,
        ))
    }

    /// `compact` : texte agrandi (150 % et plus), seules les colonnes essentielles restent,
    /// chacune assez large pour sa valeur.
    pub fn view(&self, compact: bool) -> Element<'_, Message> {
        let total = self.lignes.len();
        let mut entete = row![
            widgets::titre(format!(
                "Mon portefeuille — {} dossier{}{}",
                total,
                if total > 1 { "s" } else { "" },
                match self.delegues {
                    0 => String::new(),
                    1 => ", dont 1 délégué".into(),
                    n => format!(", dont {n} délégués"),
                }
            )),
            Space::new().width(Length::Fill),
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        // Texte agrandi : ces deux boutons passent sous le titre, avec les autres (la reprise
        // à côté de l'export, sous le même nom, que le message du portefeuille vide donne) ;
        // à côté du titre, ils le repliaient et prenaient trois lignes de haut.
        if !compact {
            entete = entete
                .push(widgets::bouton(
                    "Importer un tableau…",
                    Some(Message::Reprendre),
                ))
                .push(widgets::bouton_principal(
                    "+ Nouveau dossier (Ctrl+N)".into(),
                    Some(Message::Nouveau),
                ));
        }
        let recherche = text_input(
            "Rechercher un nom, un prénom, un identifiant…  (Ctrl+F)",
            &self.recherche,
        )
        .id(ID_RECHERCHE)
        .on_input(Message::Recherche)
        .padding(8)
        .size(TAILLE_TEXTE);
        // Texte agrandi : les cinq listes prendraient toute la hauteur d'une fenêtre
        // ordinaire, et la liste des dossiers n'aurait plus de place ; un bouton les ouvre
        // et dit combien de filtres sont posés.
        let actifs = [
            self.etape != Choix::Tous,
            self.modalite != Choix::Tous,
            self.agence != Choix::Tous,
            self.brsa != Choix::Tous,
            self.alerte != FiltreAlerte::Toutes,
        ]
        .into_iter()
        .filter(|a| *a)
        .count();
        let ouvrir: Element<'_, Message> = if compact {
            widgets::bouton_filtres(self.filtres_ouverts, actifs, Message::Filtres)
        } else {
            text("Filtres :").size(TAILLE_TEXTE).into()
        };
        let mut filtres = row![];
        if compact {
            filtres = filtres.push(widgets::bouton_principal(
                "+ Nouveau dossier".into(),
                Some(Message::Nouveau),
            ));
        }
        filtres = filtres.push(ouvrir);
        if !compact || self.filtres_ouverts {
            let etapes: Vec<Choix<Etape>> = std::iter::once(Choix::Tous)
                .chain(Etape::TOUTES.into_iter().map(Choix::Un))
                .collect();
            let modalites = vec![
                Choix::Tous,
                Choix::Un(Modalite::AccompagnementGlobal),
                Choix::Un(Modalite::AccompagnementSocialExclusif),
            ];
            filtres = filtres
                .push(widgets::liste(
                    etapes,
                    Some(self.etape.clone()),
                    Message::Etape,
                    "",
                ))
                .push(widgets::liste(
                    modalites,
                    Some(self.modalite.clone()),
                    Message::Modalite,
                    "",
                ))
                .push(widgets::liste(
                    self.agences.clone(),
                    Some(self.agence.clone()),
                    Message::Agence,
                    "",
                ))
                .push(widgets::liste(
                    vec![Choix::Tous, Choix::Un(true), Choix::Un(false)],
                    Some(self.brsa.clone()),
                    Message::Brsa,
                    "",
                ))
                .push(widgets::liste(
                    vec![
                        FiltreAlerte::Toutes,
                        FiltreAlerte::AvecAlerte,
                        FiltreAlerte::SansAlerte,
                    ],
                    Some(self.alerte),
                    Message::Alerte,
                    "",
                ));
        }
        let filtres = filtres
            .push(text(format!("{} affiché(s)", self.visibles.len())).size(TAILLE_TEXTE))
            // Ce qui est affiché part au tableur ; à 150 % et plus, le classeur seul.
            .push(widgets::bouton(
                if compact {
                    "Exporter"
                } else {
                    "Exporter (XLSX)"
                },
                Some(Message::Exporter(true)),
            ))
            .push(if compact {
                widgets::bouton("Importer un tableau…", Some(Message::Reprendre))
            } else {
                widgets::bouton("Exporter (CSV)", Some(Message::Exporter(false)))
            })
            .push(widgets::bouton(
                "Imprimer les contrats",
                Some(Message::ImprimerContrats),
            ))
            // Le parcours des jeunes, au bout des filtres : leur liste a les siens. Texte
            // agrandi : le rail y mène déjà (« Jeunes », Ctrl+8), la liste garde la place.
            .push(match self.jeunes.filter(|_| !compact) {
                Some(n) => widgets::bouton(
                    format!("Jeunes en cotraitance ({n}) →"),
                    Some(Message::Jeunes),
                ),
                None => Space::new().width(0).into(),
            })
            .spacing(10)
            .align_y(Alignment::Center)
            .wrap()
            .vertical_spacing(6);

        let fleche = |c: Colonne| {
            if self.tri == c {
                if self.croissant {
                    " ▲"
                } else {
                    " ▼"
                }
            } else {
                ""
            }
        };
        let tete = |libelle: &'static str, c: Colonne, part: u16| {
            crate::ui::widgets::au_clavier(
                button(text(format!("{libelle}{}", fleche(c))).size(TAILLE_TEXTE))
                    .on_press(Message::Trier(c))
                    .padding([4, 6])
                    .style(button::text)
                    .width(Length::FillPortion(part)),
                Some(Message::Trier(c)),
            )
        };
        let titres = [
            ("Nom", Colonne::Nom),
            ("Id. FT", Colonne::Identifiant),
            ("État", Colonne::Etat),
            ("Binôme", Colonne::Binome),
            ("Entrée", Colonne::Entree),
            ("Reste", Colonne::Reste),
            ("Échéance", Colonne::Echeance),
            ("Alertes", Colonne::Alertes),
        ];
        let mut colonnes = row![].spacing(4).padding([0, 6]);
        for &i in visibles(compact) {
            let (libelle, c) = titres[i];
            colonnes = colonnes.push(tete(libelle, c, LARGEURS[i]));
        }

        let liste: Element<'_, Message> = if self.visibles.is_empty() {
            widgets::information(if self.lignes.is_empty() {
                "Aucun dossier pour l'instant : créez-en un avec « Nouveau dossier », ou reprenez le tableau où vous suivez déjà vos personnes avec « Importer un tableau… » (CSV ou XLSX, glissé sur la fenêtre aussi)."
            } else {
                "Aucun dossier ne correspond : élargissez la recherche ou retirez un filtre."
            })
        } else {
            // La liste a pu raccourcir depuis le dernier défilement : on reste dans ses bornes.
            let premier = ((self.haut / HAUTEUR_LIGNE) as usize)
                .saturating_sub(5)
                .min(self.visibles.len());
            let nombre = (self.hauteur / HAUTEUR_LIGNE) as usize + 12;
            let dernier = (premier + nombre).min(self.visibles.len());
            let mut c = column![Space::new().height(premier as f32 * HAUTEUR_LIGNE)];
            for (rang, &i) in self.visibles[premier..dernier].iter().enumerate() {
                c = c.push(self.ligne(&self.lignes[i], premier + rang, compact));
            }
            c = c.push(Space::new().height((self.visibles.len() - dernier) as f32 * HAUTEUR_LIGNE));
            scrollable(c)
                .id(ID_LISTE)
                .on_scroll(Message::Defiler)
                .height(Length::Fill)
                .into()
        };
        column![entete, recherche, filtres, colonnes, liste]
            .spacing(10)
            .padding(16)
            .into()
    }

    fn ligne<'a>(&self, l: &'a Ligne, rang: usize, compact: bool) -> Element<'a, Message> {
        let r = &l.resume;
        let binome = if l.binome.is_empty() {
            "—".to_string()
        } else {
            l.binome.clone()
        };
        let cellule = |t: String, i: usize| {
            text(t)
                .size(TAILLE_TEXTE)
                .width(Length::FillPortion(LARGEURS[i]))
                .wrapping(text::Wrapping::None)
        };
        let valeurs = [
            format!("{} {}", r.nom.to_uppercase(), r.prenom),
            r.identifiant_ft.to_string(),
            r.etape.libelle().to_string(),
            binome,
            r.date_entree.map(date_fr).unwrap_or_default(),
            l.reste
                .map(|j| match j {
                    0 => "aujourd'hui".to_string(),
                    j if j < 0 => "dépassé".to_string(),
                    j => format!("{j} j"),
                })
                .unwrap_or_default(),
            l.echeance.map(date_fr).unwrap_or_default(),
            if l.alertes > 0 {
                format!("⚠ {}", l.alertes)
            } else {
                String::new()
            },
        ];
        let mut contenu = row![].spacing(4).align_y(Alignment::Center);
        for &i in visibles(compact) {
            contenu = contenu.push(cellule(valeurs[i].clone(), i));
        }
        let zebre = rang % 2 == 1;
        // Au clavier : Tab atteint la ligne, Entrée l'ouvre, les flèches passent à la voisine.
        crate::ui::focalisable::Focalisable::new(
            button(contenu)
                .on_press(Message::Ouvrir(r.id))
                .padding([4, 6])
                .height(Length::Fixed(HAUTEUR_LIGNE))
                .width(Length::Fill)
                .style(move |t: &iced::Theme, s| {
                    let mut style = crate::ui::theme::rubrique(t, s);
                    if zebre && s == button::Status::Active {
                        style.background = Some(t.extended_palette().background.weak.color.into());
                    }
                    style
                }),
        )
        .activer(Some(Message::Ouvrir(r.id)))
        .parcourir(Some(Message::LignePrecedente), Some(Message::LigneSuivante))
        .into()
    }
}
