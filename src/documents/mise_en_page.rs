//! Une mise en page simple et sûre pour des documents administratifs A4 : titres,
//! paragraphes coupés au mot, lignes « libellé : valeur », tableaux, cadres de signature,
//! en-tête avec les structures et « page x / y ». Les largeurs viennent de la police
//! elle-même, pour des coupures exactes.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};

use super::polices_du_lot::{Caracteres, PolicesDuLot};

use crate::assets::{POLICE, POLICE_GRASSE};

const LARGEUR: f32 = 210.0;
const HAUTEUR: f32 = 297.0;
const MARGE: f32 = 20.0;
const HAUT: f32 = 28.0;
const BAS: f32 = 22.0;
const MM_PAR_PT: f32 = 25.4 / 72.0;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurPdf {
    #[error("La police du document est illisible.")]
    Police,
}

/// Mesure des chaînes dans une police, en millimètres.
struct Metrique {
    face: ttf_parser::Face<'static>,
    /// L'avance des caractères latins (jusqu'à U+024F), calculée une fois par processus :
    /// mesurer un texte ne cherche plus chaque caractère dans la table cmap de la police.
    latins: &'static [f32],
}

/// Les caractères dont l'avance est gardée : latin de base, Latin-1, Latin étendu A et B.
const LATINS: u32 = 0x250;

impl Metrique {
    fn new(octets: &'static [u8]) -> Result<Metrique, ErreurPdf> {
        static NORMALE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
        static GRASSE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
        let face = ttf_parser::Face::parse(octets, 0).map_err(|_| ErreurPdf::Police)?;
        let cache = if std::ptr::eq(octets, POLICE_GRASSE) {
            &GRASSE
        } else {
            &NORMALE
        };
        let latins = cache.get_or_init(|| {
            (0..LATINS)
                .map(|c| char::from_u32(c).map_or(0.0, |c| avance(&face, c)))
                .collect()
        });
        Ok(Metrique { face, latins })
    }

    fn largeur(&self, texte: &str, taille: f32) -> f32 {
        let somme: f32 = texte
            .chars()
            .map(|c| match self.latins.get(c as usize) {
                Some(a) => *a,
                None => avance(&self.face, c),
            })
            .sum();
        somme / f32::from(self.face.units_per_em()) * taille * MM_PAR_PT
    }
}

/// L'avance d'un caractère en unités de la police ; un demi-cadratin s'il n'y est pas.
fn avance(face: &ttf_parser::Face<'_>, c: char) -> f32 {
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(f32::from(face.units_per_em()) / 2.0, f32::from)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Graisse {
    Normale,
    Grasse,
}

pub struct Document {
    titre: String,
    entete: String,
    normale: FontId,
    grasse: FontId,
    /// Les deux polices entières (normale, grasse), lues une fois par processus.
    polices: &'static (ParsedFont, ParsedFont),
    /// Les caractères écrits dans chaque graisse (normale, grasse), en-têtes et pieds de
    /// page compris : ceux qu'un lot doit garder dans ses polices.
    caracteres: [Caracteres; 2],
    m_normale: Metrique,
    m_grasse: Metrique,
    pages: Vec<Vec<Op>>,
    /// Position courante, en mm depuis le haut de la page.
    y: f32,
}

/// Les deux polices, lues une fois par processus : leur analyse coûtait autant que la mise
/// en page d'un contrat, et se répétait à chaque document d'un lot.
pub(super) fn polices() -> Result<&'static (ParsedFont, ParsedFont), ErreurPdf> {
    static POLICES: std::sync::OnceLock<Option<(ParsedFont, ParsedFont)>> =
        std::sync::OnceLock::new();
    POLICES
        .get_or_init(|| {
            let mut avertissements = Vec::new();
            Some((
                ParsedFont::from_bytes(POLICE, 0, &mut avertissements)?,
                ParsedFont::from_bytes(POLICE_GRASSE, 0, &mut avertissements)?,
            ))
        })
        .as_ref()
        .ok_or(ErreurPdf::Police)
}

impl Document {
    /// `entete` : les structures du binôme, rappelées en haut de chaque page.
    pub fn new(titre: &str, entete: &str) -> Result<Document, ErreurPdf> {
        let polices = polices()?;
        let mut normale = Caracteres::default();
        for texte in [titre, entete, "page 0123456789 /"] {
            normale.ajouter(texte);
        }
        let mut d = Document {
            titre: titre.to_string(),
            entete: entete.to_string(),
            normale: FontId::new(),
            grasse: FontId::new(),
            polices,
            caracteres: [normale, Caracteres::default()],
            m_normale: Metrique::new(POLICE)?,
            m_grasse: Metrique::new(POLICE_GRASSE)?,
            pages: Vec::new(),
            y: HAUT,
        };
        d.nouvelle_page();
        Ok(d)
    }

    fn nouvelle_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = HAUT;
    }

    /// Passe à la page suivante s'il ne reste pas `hauteur` mm.
    pub fn garder(&mut self, hauteur: f32) {
        if self.y + hauteur > HAUTEUR - BAS {
            self.nouvelle_page();
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    fn ecrire(&mut self, x: f32, y_haut: f32, texte: &str, taille: f32, graisse: Graisse) {
        let police = match graisse {
            Graisse::Normale => self.normale.clone(),
            Graisse::Grasse => self.grasse.clone(),
        };
        self.caracteres[graisse as usize].ajouter(texte);
        let base = HAUTEUR - y_haut - taille * MM_PAR_PT * 0.8;
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(police),
                size: Pt(taille),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Mm(x).into(),
                    y: Mm(base).into(),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(texte.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn trait_horizontal(&mut self, x1: f32, x2: f32, y: f32) {
        let p = |x: f32| LinePoint {
            p: Point {
                x: Mm(x).into(),
                y: Mm(HAUTEUR - y).into(),
            },
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineColor {
                col: Color::Rgb(Rgb::new(0.45, 0.45, 0.45, None)),
            },
            Op::SetOutlineThickness { pt: Pt(0.6) },
            Op::DrawLine {
                line: Line {
                    points: vec![p(x1), p(x2)],
                    is_closed: false,
                },
            },
        ]);
    }

    fn metrique(&self, graisse: Graisse) -> &Metrique {
        match graisse {
            Graisse::Normale => &self.m_normale,
            Graisse::Grasse => &self.m_grasse,
        }
    }

    /// Coupe un texte en lignes de `largeur` mm au plus (un mot trop long est coupé).
    pub fn couper(&self, texte: &str, taille: f32, graisse: Graisse, largeur: f32) -> Vec<String> {
        let m = self.metrique(graisse);
        let mut lignes = Vec::new();
        for paragraphe in texte.split('\n') {
            let mut ligne = String::new();
            for mot in paragraphe.split_whitespace() {
                let essai = if ligne.is_empty() {
                    mot.to_string()
                } else {
                    format!("{ligne} {mot}")
                };
                if m.largeur(&essai, taille) <= largeur {
                    ligne = essai;
                    continue;
                }
                if !ligne.is_empty() {
                    lignes.push(std::mem::take(&mut ligne));
                }
                // Un mot plus large que la ligne est coupé à la lettre.
                let mut morceau = String::new();
                for c in mot.chars() {
                    morceau.push(c);
                    if m.largeur(&morceau, taille) > largeur {
                        morceau.pop();
                        lignes.push(std::mem::take(&mut morceau));
                        morceau.push(c);
                    }
                }
                ligne = morceau;
            }
            lignes.push(ligne);
        }
        lignes
    }

    fn bloc(&mut self, texte: &str, taille: f32, graisse: Graisse, x: f32, largeur: f32) {
        let interligne = taille * MM_PAR_PT * 1.35;
        for l in self.couper(texte, taille, graisse, largeur) {
            self.garder(interligne);
            let y = self.y;
            if !l.is_empty() {
                self.ecrire(x, y, &l, taille, graisse);
            }
            self.y += interligne;
        }
    }

    pub fn titre(&mut self, texte: &str) {
        self.garder(20.0);
        self.bloc(texte, 16.0, Graisse::Grasse, MARGE, LARGEUR - 2.0 * MARGE);
        self.y += 3.0;
    }

    pub fn section(&mut self, texte: &str) {
        self.garder(18.0);
        self.y += 3.0;
        self.bloc(texte, 12.0, Graisse::Grasse, MARGE, LARGEUR - 2.0 * MARGE);
        let y = self.y;
        self.trait_horizontal(MARGE, LARGEUR - MARGE, y - 0.5);
        self.y += 2.0;
    }

    pub fn paragraphe(&mut self, texte: &str) {
        self.bloc(texte, 10.0, Graisse::Normale, MARGE, LARGEUR - 2.0 * MARGE);
        self.y += 1.5;
    }

    /// « Libellé : valeur » ; une valeur vide n'est pas imprimée.
    pub fn champ(&mut self, libelle: &str, valeur: &str) {
        if valeur.trim().is_empty() {
            return;
        }
        let largeur_libelle = 62.0;
        let lignes = self.couper(
            valeur,
            10.0,
            Graisse::Normale,
            LARGEUR - 2.0 * MARGE - largeur_libelle,
        );
        let interligne = 10.0 * MM_PAR_PT * 1.35;
        self.garder(interligne * lignes.len().min(3) as f32);
        let y = self.y;
        self.ecrire(MARGE, y, libelle, 10.0, Graisse::Grasse);
        for l in lignes {
            self.garder(interligne);
            let y = self.y;
            self.ecrire(MARGE + largeur_libelle, y, &l, 10.0, Graisse::Normale);
            self.y += interligne;
        }
    }

    pub fn puce(&mut self, texte: &str) {
        let interligne = 10.0 * MM_PAR_PT * 1.35;
        let lignes = self.couper(texte, 10.0, Graisse::Normale, LARGEUR - 2.0 * MARGE - 6.0);
        for (i, l) in lignes.into_iter().enumerate() {
            self.garder(interligne);
            let y = self.y;
            if i == 0 {
                self.ecrire(MARGE + 1.0, y, "•", 10.0, Graisse::Normale);
            }
            self.ecrire(MARGE + 6.0, y, &l, 10.0, Graisse::Normale);
            self.y += interligne;
        }
    }

    /// Un tableau : colonnes en parts de la largeur utile ; l'en-tête se répète à chaque page.
    pub fn tableau(&mut self, entetes: &[&str], parts: &[f32], lignes: &[Vec<String>]) {
        let total: f32 = parts.iter().sum();
        let utile = LARGEUR - 2.0 * MARGE;
        let largeurs: Vec<f32> = parts.iter().map(|p| p / total * utile).collect();
        let interligne = 9.0 * MM_PAR_PT * 1.35;
        let entete = |d: &mut Document| {
            let mut x = MARGE;
            let y = d.y;
            for (t, l) in entetes.iter().zip(&largeurs) {
                d.ecrire(x, y, t, 9.0, Graisse::Grasse);
                x += l;
            }
            d.y += interligne;
            let y = d.y;
            d.trait_horizontal(MARGE, LARGEUR - MARGE, y - 0.8);
            d.y += 1.0;
        };
        self.garder(interligne * 3.0);
        entete(self);
        for ligne in lignes {
            let cellules: Vec<Vec<String>> = ligne
                .iter()
                .zip(&largeurs)
                .map(|(c, l)| self.couper(c, 9.0, Graisse::Normale, l - 2.0))
                .collect();
            let hauteur = cellules.iter().map(Vec::len).max().unwrap_or(1) as f32 * interligne;
            if self.y + hauteur > HAUTEUR - BAS {
                self.nouvelle_page();
                entete(self);
            }
            let y0 = self.y;
            let mut x = MARGE;
            for (c, l) in cellules.iter().zip(&largeurs) {
                for (i, t) in c.iter().enumerate() {
                    self.ecrire(x, y0 + i as f32 * interligne, t, 9.0, Graisse::Normale);
                }
                x += l;
            }
            self.y = y0 + hauteur + 1.0;
        }
        self.y += 2.0;
    }

    /// Des cadres de signature côte à côte : qualité, nom, « Fait à …, le … », signature.
    pub fn signatures(&mut self, signataires: &[(&str, &str)], lieu_date: &str) {
        let hauteur = 42.0;
        self.garder(hauteur + 8.0);
        self.y += 4.0;
        let n = signataires.len().max(1) as f32;
        let largeur = (LARGEUR - 2.0 * MARGE - (n - 1.0) * 5.0) / n;
        let y0 = self.y;
        for (i, (qualite, nom)) in signataires.iter().enumerate() {
            let x = MARGE + i as f32 * (largeur + 5.0);
            let mut y = y0;
            for l in self.couper(qualite, 9.0, Graisse::Grasse, largeur - 2.0) {
                self.ecrire(x, y, &l, 9.0, Graisse::Grasse);
                y += 4.2;
            }
            for l in self.couper(nom, 9.0, Graisse::Normale, largeur - 2.0) {
                self.ecrire(x, y, &l, 9.0, Graisse::Normale);
                y += 4.2;
            }
            for l in self.couper(lieu_date, 9.0, Graisse::Normale, largeur - 2.0) {
                self.ecrire(x, y, &l, 9.0, Graisse::Normale);
                y += 4.2;
            }
            self.ecrire(x, y + 2.0, "Signature :", 9.0, Graisse::Normale);
            self.trait_horizontal(x, x + largeur - 3.0, y0 + hauteur);
        }
        self.y = y0 + hauteur + 4.0;
    }

    pub fn espace(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Un rectangle plein ; `y_haut` en mm depuis le haut de la page.
    fn rectangle(&mut self, x: f32, y_haut: f32, largeur: f32, hauteur: f32, couleur: Rgb) {
        self.ops().extend([
            Op::SetFillColor {
                col: Color::Rgb(couleur),
            },
            Op::DrawRectangle {
                rectangle: printpdf::Rect {
                    x: Mm(x).into(),
                    y: Mm(HAUTEUR - y_haut - hauteur).into(),
                    width: Mm(largeur).into(),
                    height: Mm(hauteur).into(),
                    mode: Some(printpdf::PaintMode::Fill),
                    winding_order: None,
                },
            },
            // Le texte reprend la couleur de remplissage : on revient au noir.
            Op::SetFillColor {
                col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
            },
        ]);
    }

    /// Un graphique en barres groupées : une colonne par étiquette (les mois), une barre
    /// par série, légende au-dessus, valeur au-dessus de chaque barre non nulle.
    pub fn barres(&mut self, titre: &str, etiquettes: &[String], series: &[(&str, Vec<f64>)]) {
        const COULEURS: [(f32, f32, f32); 4] = [
            (0.0, 0.0, 0.57),
            (0.55, 0.65, 0.85),
            (0.85, 0.45, 0.2),
            (0.4, 0.4, 0.4),
        ];
        let hauteur = 55.0;
        self.garder(hauteur + 25.0);
        self.bloc(titre, 10.0, Graisse::Grasse, MARGE, LARGEUR - 2.0 * MARGE);
        // Légende.
        let mut x = MARGE;
        let y = self.y;
        for (i, (nom, _)) in series.iter().enumerate() {
            let (r, g, b) = COULEURS[i % COULEURS.len()];
            self.rectangle(x, y + 0.6, 3.0, 3.0, Rgb::new(r, g, b, None));
            self.ecrire(x + 4.0, y, nom, 8.0, Graisse::Normale);
            x += 8.0 + self.m_normale.largeur(nom, 8.0);
        }
        self.y += 6.0;
        let maximum = series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let y0 = self.y;
        let base = y0 + hauteur;
        let n = etiquettes.len().max(1) as f32;
        let colonne = (LARGEUR - 2.0 * MARGE) / n;
        let barre = (colonne * 0.8 / series.len().max(1) as f32).min(12.0);
        for (j, etiquette) in etiquettes.iter().enumerate() {
            let x0 = MARGE + j as f32 * colonne + colonne * 0.1;
            for (i, (_, valeurs)) in series.iter().enumerate() {
                let v = valeurs.get(j).copied().unwrap_or(0.0);
                let h = (v / maximum) as f32 * (hauteur - 5.0);
                let (r, g, b) = COULEURS[i % COULEURS.len()];
                let x = x0 + i as f32 * barre;
                if h > 0.0 {
                    self.rectangle(x, base - h, barre * 0.9, h, Rgb::new(r, g, b, None));
                    let texte = format!("{}", v.round() as i64);
                    self.ecrire(x, base - h - 3.2, &texte, 6.0, Graisse::Normale);
                }
            }
            let l = self.m_normale.largeur(etiquette, 7.0);
            let xc = MARGE + j as f32 * colonne + (colonne - l) / 2.0;
            self.ecrire(xc, base + 1.0, etiquette, 7.0, Graisse::Normale);
        }
        self.trait_horizontal(MARGE, LARGEUR - MARGE, base);
        self.y = base + 8.0;
    }

    /// Des barres horizontales : libellé à gauche, barre, valeur.
    pub fn barres_horizontales(&mut self, titre: &str, lignes: &[(String, f64)]) {
        let pas = 5.5;
        self.garder(10.0 + pas * lignes.len().min(12) as f32);
        self.bloc(titre, 10.0, Graisse::Grasse, MARGE, LARGEUR - 2.0 * MARGE);
        self.y += 1.0;
        let maximum = lignes
            .iter()
            .map(|(_, v)| *v)
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let libelle = 75.0;
        let utile = LARGEUR - 2.0 * MARGE - libelle - 15.0;
        for (nom, v) in lignes {
            self.garder(pas);
            let y = self.y;
            let nom = self
                .couper(nom, 8.0, Graisse::Normale, libelle - 2.0)
                .into_iter()
                .next()
                .unwrap_or_default();
            self.ecrire(MARGE, y, &nom, 8.0, Graisse::Normale);
            let l = (*v / maximum) as f32 * utile;
            if l > 0.0 {
                self.rectangle(MARGE + libelle, y, l, 3.5, Rgb::new(0.0, 0.0, 0.57, None));
            }
            let texte = format!("{}", v.round() as i64);
            self.ecrire(MARGE + libelle + l + 1.5, y, &texte, 8.0, Graisse::Normale);
            self.y += pas;
        }
        self.y += 3.0;
    }

    pub(super) fn caracteres(&self) -> &[Caracteres; 2] {
        &self.caracteres
    }

    /// Termine le document : en-tête et « page x / y » sur chaque page ; ses polices
    /// réduites à ses caractères.
    pub fn octets(self) -> Vec<u8> {
        let (normale, grasse) = self.polices;
        self.en_pdf([normale.clone(), grasse.clone()], true, &[])
    }

    /// Termine le document avec les polices d'un lot, déjà réduites et compressées ; un
    /// document qui écrit un caractère qu'elles n'ont pas garde les siennes.
    pub fn octets_avec(self, lot: &PolicesDuLot) -> Vec<u8> {
        if !lot.couvrent(&self) {
            return self.octets();
        }
        let [n, g] = &lot.graisses;
        let deja = [
            (n.brut.as_slice(), n.compresse.as_slice()),
            (g.brut.as_slice(), g.compresse.as_slice()),
        ];
        self.en_pdf([n.police.clone(), g.police.clone()], false, &deja)
    }

    fn en_pdf(
        mut self,
        [normale, grasse]: [ParsedFont; 2],
        reduire: bool,
        deja_compresses: &[(&[u8], &[u8])],
    ) -> Vec<u8> {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut finales = Vec::with_capacity(total);
        for (i, mut ops) in pages.into_iter().enumerate() {
            self.pages = vec![Vec::new()];
            let entete = self.entete.clone();
            self.ecrire(MARGE, 10.0, &entete, 8.0, Graisse::Normale);
            self.trait_horizontal(MARGE, LARGEUR - MARGE, 15.0);
            let titre = self.titre.clone();
            self.ecrire(MARGE, HAUTEUR - 14.0, &titre, 8.0, Graisse::Normale);
            let pied = format!("page {} / {}", i + 1, total);
            let l = self.m_normale.largeur(&pied, 8.0);
            self.ecrire(
                LARGEUR - MARGE - l,
                HAUTEUR - 14.0,
                &pied,
                8.0,
                Graisse::Normale,
            );
            let mut cadre = std::mem::take(&mut self.pages[0]);
            cadre.append(&mut ops);
            finales.push(PdfPage::new(Mm(LARGEUR), Mm(HAUTEUR), cadre));
        }
        let mut pdf = PdfDocument::new(&self.titre);
        let polices = &mut pdf.resources.fonts.map;
        polices.insert(self.normale.clone(), PdfFont::new(normale));
        polices.insert(self.grasse.clone(), PdfFont::new(grasse));
        let options = PdfSaveOptions {
            optimize: false,
            subset_fonts: reduire,
            ..PdfSaveOptions::default()
        };
        let mut doc = pdf
            .with_pages(finales)
            .to_lopdf_document(&options, &mut Vec::new());
        compresser(&mut doc, deja_compresses);
        let mut octets = Vec::new();
        // Écrit en mémoire : une erreur d'écriture n'y est pas possible.
        let _ = doc.save_to(&mut octets);
        octets
    }
}

/// Compresse les flux du document (Flate, niveau par défaut de zlib), comme printpdf le
/// fait avec `optimize` mais sans le niveau maximal : la rédaction d'un contrat y passait
/// le plus clair de son temps, pour des fichiers à peine plus petits.
/// Les flux déjà compressés (`deja_compresses` : contenu, puis sa compression) sont
/// repris tels quels : les polices d'un lot.
fn compresser(doc: &mut lopdf::Document, deja_compresses: &[(&[u8], &[u8])]) {
    for objet in doc.objects.values_mut() {
        let lopdf::Object::Stream(flux) = objet else {
            continue;
        };
        if !flux.allows_compression || flux.dict.get(b"Filter").is_ok() {
            continue;
        }
        let compresse = match deja_compresses.iter().find(|(b, _)| *b == flux.content) {
            Some((_, c)) => Some(c.to_vec()),
            None => compresser_flux(&flux.content),
        };
        if let Some(c) = compresse.filter(|c| c.len() + 19 < flux.content.len()) {
            flux.dict.set("Filter", "FlateDecode");
            flux.set_content(c);
        }
    }
}

/// Un flux compressé (Flate, niveau par défaut de zlib).
pub(super) fn compresser_flux(contenu: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(contenu).and_then(|()| z.finish()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texte(octets: &[u8]) -> (String, usize) {
        let doc = lopdf::Document::load_mem(octets).expect("PDF lisible");
        let n = doc.get_pages().len();
        let pages: Vec<u32> = (1..=n as u32).collect();
        (doc.extract_text(&pages).expect("texte"), n)
    }

    #[test]
    fn accents_coupures_et_pages() {
        let mut d = Document::new("Essai", "Pôle d'insertion — Agence").expect("document");
        d.titre("Contrat d'accompagnement global");
        d.champ("Né(e) le", "03/02/1988");
        d.champ("Vide", "  ");
        for i in 0..120 {
            d.paragraphe(&format!(
                "Ligne n° {i} : élève, château, cœur, à bientôt — reconduction de 6 mois."
            ));
        }
        let octets = d.octets();
        let (t, pages) = texte(&octets);
        assert!(pages >= 3, "{pages} pages");
        assert!(t.contains("Contrat d'accompagnement global"), "{t}");
        assert!(t.contains("élève, château, cœur"), "{t}");
        assert!(t.contains("03/02/1988"));
        assert!(!t.contains("Vide"), "un champ vide n'est pas imprimé");
        assert!(t.contains(&format!("page {pages} / {pages}")));
        assert!(octets.len() < 100_000, "{} octets", octets.len());
    }

    #[test]
    fn un_long_texte_est_coupe_dans_la_largeur() {
        let d = Document::new("Essai", "").expect("document");
        let lignes = d.couper(&"mot ".repeat(200), 10.0, Graisse::Normale, 170.0);
        assert!(lignes.len() > 5);
        assert!(lignes.iter().all(|l| d.m_normale.largeur(l, 10.0) <= 170.0));
        let long = d.couper(&"x".repeat(400), 10.0, Graisse::Normale, 50.0);
        assert!(long.len() > 5 && long.iter().all(|l| d.m_normale.largeur(l, 10.0) <= 50.0));
    }
}
