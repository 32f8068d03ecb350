//! Un tableau tel qu'un tableur l'enregistre (CSV ou XLSX), lu sans rien supposer : le
//! codage (UTF-8, avec ou sans BOM, Windows-1252 comme l'enregistre Excel en français), le
//! séparateur (`;`, `,`, tabulation) et la ligne d'en-tête (les lignes de titre au-dessus
//! sont passées) se devinent ; ce qui a été deviné est dit, pour que l'utilisateur le voie.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::SystemTime;

/// Une cellule plus grande que ceci n'est pas une donnée de suivi : elle est refusée.
pub const MAX_CELLULE: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codage {
    Utf8,
    Utf8Bom,
    Windows1252,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origine {
    Csv {
        codage: Codage,
        separateur: char,
    },
    Classeur {
        feuille: String,
        autres: Vec<String>,
    },
}

impl fmt::Display for Origine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origine::Csv { codage, separateur } => {
                let codage = match codage {
                    Codage::Utf8 => "UTF-8",
                    Codage::Utf8Bom => "UTF-8 avec BOM",
                    Codage::Windows1252 => "Windows-1252 (Excel)",
                };
                let sep = match separateur {
                    ';' => "point-virgule",
                    ',' => "virgule",
                    _ => "tabulation",
                };
                write!(f, "CSV {codage}, séparateur {sep}")
            }
            Origine::Classeur { feuille, autres } if autres.is_empty() => {
                write!(f, "classeur XLSX, feuille « {feuille} »")
            }
            Origine::Classeur { feuille, autres } => write!(
                f,
                "classeur XLSX, feuille « {feuille} » (feuilles ignorées : {})",
                autres
                    .iter()
                    .map(|n| format!("« {n} »"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Une ligne de données : son numéro dans le fichier (1 = première ligne), ses cellules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ligne {
    pub numero: usize,
    pub cellules: Vec<String>,
}

impl Ligne {
    fn vide(&self) -> bool {
        self.cellules.iter().all(|c| c.trim().is_empty())
    }

    /// Les cellules à partir de `colonne` (la première colonne remplie d'un classeur).
    fn depuis(&mut self, colonne: usize) {
        self.cellules.drain(..colonne.min(self.cellules.len()));
    }
}

/// L'en-tête, la ligne des candidates qui nomme le plus de colonnes connues (la première à
/// égalité), et les lignes de données qui la suivent. Un CR seul finit un enregistrement
/// sans changer de ligne : ce qui est sur la ligne de l'en-tête n'est pas une donnée.
fn choisir_entete(
    mut candidates: Vec<Ligne>,
    score: &dyn Fn(&[String]) -> usize,
) -> ((usize, Vec<String>), Vec<Ligne>) {
    let i = candidates
        .iter()
        .enumerate()
        .max_by_key(|(i, l)| (score(&l.cellules), std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    let reste = candidates.split_off(i + 1);
    let entete = candidates.swap_remove(i);
    let n = entete.numero;
    let donnees = reste.into_iter().filter(|l| l.numero > n).collect();
    ((n, entete.cellules), donnees)
}

/// Les lignes gardées en mémoire pour montrer le tableau (exemples, aperçu) ; les autres
/// sont relues du fichier à chaque passage.
pub const EXEMPLES: usize = 50;

/// D'où viennent les octets. Un fichier est relu à chaque passage, jamais gardé entier en
/// mémoire ; s'il a changé depuis la première lecture, le passage est refusé.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Fichier {
        chemin: PathBuf,
        taille: u64,
        modifie: Option<SystemTime>,
    },
    Octets(Arc<[u8]>),
}

trait Flux: Read + Seek + Send {}
impl<T: Read + Seek + Send> Flux for T {}

impl Source {
    pub fn fichier(chemin: &Path) -> std::io::Result<Source> {
        let meta = std::fs::metadata(chemin)?;
        Ok(Source::Fichier {
            chemin: chemin.to_path_buf(),
            taille: meta.len(),
            modifie: meta.modified().ok(),
        })
    }

    fn ouvrir(&self) -> Result<Box<dyn Flux>, String> {
        match self {
            Source::Octets(o) => Ok(Box::new(Cursor::new(o.clone()))),
            Source::Fichier {
                chemin,
                taille,
                modifie,
            } => {
                let meta = std::fs::metadata(chemin).map_err(|e| format!("illisible ({e})"))?;
                if meta.len() != *taille || meta.modified().ok() != *modifie {
                    return Err(CHANGE.into());
                }
                let f = File::open(chemin).map_err(|e| format!("illisible ({e})"))?;
                Ok(Box::new(BufReader::with_capacity(64 * 1024, f)))
            }
        }
    }
}

pub const CHANGE: &str = "le fichier a changé depuis sa lecture : rien n'a été importé. Lisez-le et vérifiez-le de nouveau, puis importez.";

/// Comment relire les lignes : ce qui a été deviné à la première lecture.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Forme {
    Csv {
        codage: Codage,
        separateur: u8,
    },
    /// `colonne` : la première colonne remplie, comme un tableur la montre.
    Classeur {
        feuille: String,
        colonne: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tableau {
    pub origine: Origine,
    /// Numéro de la ligne d'en-tête dans le fichier.
    pub ligne_entete: usize,
    pub entetes: Vec<String>,
    /// Les premières lignes de données, au plus `EXEMPLES`.
    pub premieres: Vec<Ligne>,
    /// Le nombre de lignes de données (non vides, sous l'en-tête).
    pub nombre: usize,
    source: Source,
    forme: Forme,
}

/// Lit un CSV ou un classeur tenu en mémoire (voir `ouvrir`).
pub fn lire(octets: &[u8], score: &dyn Fn(&[String]) -> usize) -> Result<Tableau, String> {
    ouvrir(Source::Octets(octets.into()), score)
}

/// Lit un CSV ou un classeur d'un bout à l'autre, sans le garder : codage, séparateur ou
/// feuille, en-tête, nombre de lignes et premières lignes. `score` dit combien de cellules
/// d'une ligne ressemblent à des en-têtes connus : la meilleure des premières lignes est
/// l'en-tête.
pub fn ouvrir(source: Source, score: &dyn Fn(&[String]) -> usize) -> Result<Tableau, String> {
    let mut debut = [0u8; 4];
    let lus = lire_debut(&mut *source.ouvrir()?, &mut debut)?;
    let (origine, mut forme) = if debut[..lus] == *b"PK\x03\x04" {
        let (feuille, autres) = choisir_feuille(&source, score)?;
        (
            Origine::Classeur {
                feuille: feuille.clone(),
                autres,
            },
            Forme::Classeur {
                feuille,
                colonne: 0,
            },
        )
    } else {
        let (codage, separateur) = deviner_csv(&source)?;
        (
            Origine::Csv {
                codage,
                separateur: separateur as char,
            },
            Forme::Csv { codage, separateur },
        )
    };
    // Les 20 premières lignes remplies, d'où l'en-tête sera choisi ; puis les lignes de
    // données comptées, les premières gardées.
    let mut candidates: Vec<Ligne> = Vec::new();
    let mut entete: Option<(usize, Vec<String>)> = None;
    let (mut premieres, mut nombre) = (Vec::new(), 0usize);
    let mut colonne = usize::MAX;
    let donnee = |l: Ligne, premieres: &mut Vec<Ligne>, nombre: &mut usize| {
        *nombre += 1;
        if premieres.len() < EXEMPLES {
            premieres.push(l);
        }
    };
    parcourir(&source, &forme, &mut |l: Ligne| {
        if l.vide() {
            return Ok(());
        }
        if let Some(p) = l.cellules.iter().position(|c| !c.trim().is_empty()) {
            colonne = colonne.min(p);
        }
        match &entete {
            Some((n, _)) if l.numero > *n => donnee(l, &mut premieres, &mut nombre),
            Some(_) => {}
            None => {
                candidates.push(l);
                if candidates.len() == 20 {
                    let (e, donnees) = choisir_entete(std::mem::take(&mut candidates), score);
                    entete = Some(e);
                    for l in donnees {
                        donnee(l, &mut premieres, &mut nombre);
                    }
                }
            }
        }
        Ok(())
    })?;
    let (ligne_entete, entetes) = match entete {
        Some(e) => e,
        None if candidates.is_empty() => {
            return Err("le fichier est vide : aucune ligne à lire".into())
        }
        None => {
            let (e, donnees) = choisir_entete(candidates, score);
            for l in donnees {
                donnee(l, &mut premieres, &mut nombre);
            }
            e
        }
    };
    let mut entetes: Vec<String> = entetes.iter().map(|c| c.trim().to_string()).collect();
    // Un classeur se montre à partir de sa première colonne remplie.
    if let Forme::Classeur { colonne: c, .. } = &mut forme {
        *c = colonne.min(entetes.len());
        entetes.drain(..*c);
        for l in &mut premieres {
            l.depuis(*c);
        }
    }
    Ok(Tableau {
        origine,
        ligne_entete,
        entetes,
        premieres,
        nombre,
        source,
        forme,
    })
}

impl Tableau {
    /// Chaque ligne de données, relue du fichier dans l'ordre. `f` arrête le passage en
    /// rendant une erreur ; une erreur de lecture est rendue par `erreur`.
    pub fn pour_chaque<E>(
        &self,
        erreur: impl Fn(String) -> E,
        mut f: impl FnMut(Ligne) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut rendue = None;
        let lecture = parcourir(&self.source, &self.forme, &mut |mut l: Ligne| {
            if l.numero <= self.ligne_entete || l.vide() {
                return Ok(());
            }
            if let Forme::Classeur { colonne, .. } = &self.forme {
                l.depuis(*colonne);
            }
            f(l).map_err(|e| {
                rendue = Some(e);
                String::new()
            })
        });
        match (rendue, lecture) {
            (Some(e), _) => Err(e),
            (None, Err(m)) => Err(erreur(m)),
            (None, Ok(())) => Ok(()),
        }
    }

    /// Toutes les lignes de données, en mémoire : pour les petits fichiers seulement.
    pub fn lignes(&self) -> Result<Vec<Ligne>, String> {
        let mut v = Vec::new();
        self.pour_chaque(
            |m| m,
            |l| {
                v.push(l);
                Ok(())
            },
        )?;
        Ok(v)
    }
}

fn lire_debut(flux: &mut dyn Read, tampon: &mut [u8]) -> Result<usize, String> {
    let mut lus = 0;
    while lus < tampon.len() {
        match flux.read(&mut tampon[lus..]) {
            Ok(0) => break,
            Ok(n) => lus += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("illisible ({e})")),
        }
    }
    Ok(lus)
}

/// Chaque ligne du fichier, vides et titres compris, dans l'ordre.
fn parcourir(
    source: &Source,
    forme: &Forme,
    f: &mut dyn FnMut(Ligne) -> Result<(), String>,
) -> Result<(), String> {
    let mut f = |l: Ligne| {
        if l.cellules.iter().any(|c| c.len() > MAX_CELLULE) {
            return Err(format!(
                "la ligne {} a une cellule de plus de {} Ko : ce n'est pas un tableau de suivi (une colonne de texte libre collée par erreur ?)",
                l.numero,
                MAX_CELLULE / 1024
            ));
        }
        f(l)
    };
    match forme {
        Forme::Csv { codage, separateur } => parcourir_csv(source, *codage, *separateur, &mut f),
        Forme::Classeur { feuille, .. } => parcourir_feuille(source, feuille, usize::MAX, &mut f),
    }
}

const PAS_DU_TEXTE: &str = "ce n'est pas un fichier texte (CSV) ni un classeur XLSX : un autre type de fichier renommé, ou un fichier abîmé. Enregistrez-le depuis le tableur en « CSV UTF-8 » ou en XLSX";

/// Le codage (le fichier entier est-il de l'UTF-8 ?) et le séparateur (sur le début).
fn deviner_csv(source: &Source) -> Result<(Codage, u8), String> {
    let mut flux = source.ouvrir()?;
    let mut tampon = vec![0u8; 64 * 1024];
    let mut debut: Vec<u8> = Vec::new();
    let mut reste: Vec<u8> = Vec::new();
    let mut utf8 = true;
    let mut total = 0usize;
    loop {
        let n = match flux.read(&mut tampon) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("illisible ({e})")),
        };
        if n == 0 {
            break;
        }
        total += n;
        let manque = tampon.len() - debut.len();
        debut.extend_from_slice(&tampon[..n.min(manque)]);
        if utf8 {
            reste.extend_from_slice(&tampon[..n]);
            match std::str::from_utf8(&reste) {
                Ok(_) => reste.clear(),
                // Un caractère coupé par la fin du tampon : la suite le complètera.
                Err(e) if e.error_len().is_none() => {
                    reste.drain(..e.valid_up_to());
                }
                Err(_) => utf8 = false,
            }
        }
    }
    let utf8 = utf8 && reste.is_empty();
    let bom = debut.starts_with(b"\xEF\xBB\xBF");
    let codage = match (bom, utf8) {
        (true, true) => Codage::Utf8Bom,
        (true, false) => return Err("le fichier commence comme de l'UTF-8 (BOM) mais ne l'est pas : il est abîmé, ou c'est un autre type de fichier".into()),
        (false, true) => Codage::Utf8,
        (false, false) => Codage::Windows1252,
    };
    let octets = if bom { &debut[3..] } else { &debut[..] };
    // Le début, coupé à la dernière ligne entière.
    let octets = match octets.iter().rposition(|b| *b == b'\n') {
        Some(i) if total > debut.len() => &octets[..=i],
        _ => octets,
    };
    let texte = decoder(octets, codage);
    if pas_du_texte(&texte) {
        return Err(PAS_DU_TEXTE.into());
    }
    Ok((codage, deviner_separateur(&texte)))
}

/// Des caractères de contrôle disent un fichier qui n'est pas du texte (un binaire renommé).
fn pas_du_texte(texte: &str) -> bool {
    texte
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
}

fn decoder(octets: &[u8], codage: Codage) -> std::borrow::Cow<'_, str> {
    match codage {
        Codage::Windows1252 => encoding_rs::WINDOWS_1252.decode(octets).0,
        _ => String::from_utf8_lossy(octets),
    }
}

/// Garde la place de chaque fin de ligne lue, pour numéroter les lignes comme un éditeur
/// de texte (le lecteur CSV retarde d'une ligne après un CRLF).
struct FinsDeLigne<R> {
    flux: R,
    lu: u64,
    fins: Rc<RefCell<VecDeque<(u64, u8)>>>,
}

impl<R: Read> Read for FinsDeLigne<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.flux.read(buf)?;
        let mut fins = self.fins.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if matches!(b, b'\r' | b'\n') {
                fins.push_back((self.lu + i as u64, *b));
            }
        }
        self.lu += n as u64;
        Ok(n)
    }
}

fn parcourir_csv(
    source: &Source,
    codage: Codage,
    separateur: u8,
    f: &mut dyn FnMut(Ligne) -> Result<(), String>,
) -> Result<(), String> {
    let mut flux = source.ouvrir()?;
    if codage == Codage::Utf8Bom {
        let mut bom = [0u8; 3];
        lire_debut(&mut flux, &mut bom)?;
    }
    let fins = Rc::new(RefCell::new(VecDeque::new()));
    let mut lecteur = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separateur)
        .from_reader(FinsDeLigne {
            flux,
            lu: 0,
            fins: fins.clone(),
        });
    let mut r = csv::ByteRecord::new();
    let mut ligne = 1usize;
    loop {
        match lecteur.read_byte_record(&mut r) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(format!("CSV illisible : {e}")),
        }
        // Le début de l'enregistrement, après les fins de ligne qui le précèdent.
        let mut debut = r.position().map_or(0, |p| p.byte());
        {
            let mut fins = fins.borrow_mut();
            // Une fin de ligne juste au début reporté appartient à l'enregistrement précédent.
            while let Some((place, octet)) = fins.front().copied().filter(|(p, _)| *p <= debut) {
                ligne += usize::from(octet == b'\n');
                debut += u64::from(place == debut);
                fins.pop_front();
            }
        }
        let mut cellules = Vec::with_capacity(r.len());
        for c in r.iter() {
            let texte = decoder(c, codage);
            if pas_du_texte(&texte) {
                return Err(PAS_DU_TEXTE.into());
            }
            cellules.push(texte.into_owned());
        }
        f(Ligne {
            numero: ligne,
            cellules,
        })?;
    }
}

/// Le séparateur qui découpe les premières lignes en un même nombre de colonnes, le plus
/// grand ; `;` à égalité (Excel en français).
fn deviner_separateur(texte: &str) -> u8 {
    let mut meilleur = (b';', (0usize, 0usize));
    for sep in [b';', b',', b'\t'] {
        let mut lecteur = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(texte.as_bytes());
        let largeurs: Vec<usize> = lecteur
            .records()
            .take(30)
            .filter_map(Result::ok)
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(|r| r.len())
            // Une ligne de titre au-dessus de l'en-tête n'a qu'une cellule.
            .filter(|l| *l > 1)
            .collect();
        let Some(&frequente) = largeurs.iter().max_by_key(|l| {
            (
                largeurs.iter().filter(|x| *x == *l).count(),
                std::cmp::Reverse(**l),
            )
        }) else {
            continue;
        };
        if frequente < 2 {
            continue;
        }
        let regulieres = largeurs.iter().filter(|x| **x == frequente).count();
        let note = (regulieres, frequente);
        if note > meilleur.1 {
            meilleur = (sep, note);
        }
    }
    meilleur.0
}

fn classeur(source: &Source) -> Result<calamine::Xlsx<Box<dyn Flux>>, String> {
    use calamine::Reader;
    calamine::Xlsx::new(source.ouvrir()?)
        .map_err(|e| format!("classeur XLSX illisible ({e}) : enregistrez-le de nouveau depuis le tableur, ou en « CSV UTF-8 »"))
}

/// La feuille dont les premières lignes nomment le plus de colonnes connues (la première
/// à égalité), et les autres.
fn choisir_feuille(
    source: &Source,
    score: &dyn Fn(&[String]) -> usize,
) -> Result<(String, Vec<String>), String> {
    use calamine::Reader;
    let noms = classeur(source)?.sheet_names();
    let mut choisie: Option<(usize, String)> = None;
    for nom in &noms {
        let mut note = None;
        parcourir_feuille(source, nom, 20, &mut |l| {
            if l.cellules.iter().any(|c| !c.trim().is_empty()) {
                note = note.max(Some(score(&l.cellules)));
            }
            Ok(())
        })?;
        let Some(note) = note else { continue };
        if choisie.as_ref().is_none_or(|(n, _)| note > *n) {
            choisie = Some((note, nom.clone()));
        }
    }
    let Some((_, feuille)) = choisie else {
        return Err("le classeur n'a aucune feuille remplie".into());
    };
    let autres = noms.into_iter().filter(|n| *n != feuille).collect();
    Ok((feuille, autres))
}

/// Les lignes d'une feuille, cellule après cellule (au plus `max` lignes remplies) ; les
/// cellules sont placées à leur colonne depuis la colonne A.
fn parcourir_feuille(
    source: &Source,
    feuille: &str,
    max: usize,
    f: &mut dyn FnMut(Ligne) -> Result<(), String>,
) -> Result<(), String> {
    let mut classeur = classeur(source)?;
    let mut cellules = match classeur.worksheet_cells_reader(feuille) {
        Ok(c) => c,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(()),
        Err(e) => return Err(format!("feuille « {feuille} » illisible ({e})")),
    };
    let mut courante: Option<Ligne> = None;
    let mut vues = 0usize;
    loop {
        let cellule = cellules
            .next_cell()
            .map_err(|e| format!("feuille « {feuille} » illisible ({e})"))?;
        let Some(cellule) = cellule else { break };
        if matches!(cellule.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (l, c) = cellule.get_position();
        let numero = l as usize + 1;
        if courante.as_ref().is_some_and(|x| x.numero != numero) {
            if let Some(x) = courante.take() {
                f(x)?;
                vues += 1;
                if vues >= max {
                    return Ok(());
                }
            }
        }
        let ligne = courante.get_or_insert_with(|| Ligne {
            numero,
            cellules: Vec::new(),
        });
        let c = c as usize;
        if ligne.cellules.len() <= c {
            ligne.cellules.resize(c + 1, String::new());
        }
        ligne.cellules[c] = texte_cellule(&calamine::Data::from(cellule.get_value().clone()));
    }
    if let Some(x) = courante {
        f(x)?;
    }
    Ok(())
}

/// Une cellule comme le tableur l'affiche : une date en `jj/mm/aaaa`, un code mis en nombre
/// sans sa virgule (13001.0 → « 13001 »).
fn texte_cellule(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(true) => "oui".into(),
        Data::Bool(false) => "non".into(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string().replace('.', ","),
        Data::DateTime(d) => date_excel(d.as_f64())
            .map(crate::domain::date::date_fr)
            .unwrap_or_else(|| d.as_f64().to_string()),
    }
}

/// Un numéro de série Excel : des jours depuis le 30/12/1899.
pub fn date_excel(serie: f64) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|origine| origine.checked_add_signed(chrono::Duration::days(serie as i64)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connus(l: &[String]) -> usize {
        l.iter()
            .filter(|c| ["nom", "prénom", "date"].contains(&c.to_lowercase().as_str()))
            .count()
    }

    #[test]
    fn separateur_codage_et_entete_se_devinent() {
        let t = lire(
            b"Suivi 2026\n\nNom,Pr\xe9nom,Date\nMartin,\"L\xe9a, dite Lou\",01/02/1990\r\n",
            &connus,
        )
        .unwrap();
        assert_eq!(
            t.origine,
            Origine::Csv {
                codage: Codage::Windows1252,
                separateur: ','
            }
        );
        assert_eq!(t.ligne_entete, 3);
        assert_eq!(t.entetes, ["Nom", "Prénom", "Date"]);
        assert_eq!(t.premieres[0].numero, 4);
        assert_eq!(t.nombre, 1);
        assert_eq!(t.lignes().unwrap(), t.premieres);
        assert_eq!(t.premieres[0].cellules[1], "Léa, dite Lou");
    }

    #[test]
    fn un_binaire_renomme_est_refuse() {
        let e = lire(b"\x00\x01\x02binaire\xff\xfe", &connus).unwrap_err();
        assert!(e.contains("pas un fichier texte"), "{e}");
    }
}
