//! Les polices partagées par les documents d'un lot.
//!
//! Seul, un document embarque ses polices réduites à ses caractères, compressées : c'est
//! plus de la moitié du temps de sa rédaction. Dans un lot, les documents partagent une
//! réduction par graisse, qui couvre tous les caractères du lot : elle est faite et
//! compressée une fois, puis recopiée dans chaque document.

use std::collections::BTreeSet;

use printpdf::ParsedFont;

use super::mise_en_page::{compresser_flux, Document};
use crate::assets::{POLICE, POLICE_GRASSE};

/// Un ensemble de caractères ; ceux du latin (les plus fréquents) dans un tableau de bits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caracteres {
    latins: [u64; 10],
    autres: BTreeSet<char>,
}

impl Caracteres {
    pub fn ajouter(&mut self, texte: &str) {
        for c in texte.chars() {
            match self.latins.get_mut(c as usize / 64) {
                Some(bits) => *bits |= 1 << (c as usize % 64),
                None => {
                    self.autres.insert(c);
                }
            }
        }
    }

    fn reunir(&mut self, autre: &Caracteres) {
        for (a, b) in self.latins.iter_mut().zip(autre.latins) {
            *a |= b;
        }
        self.autres.extend(&autre.autres);
    }

    fn contient(&self, autre: &Caracteres) -> bool {
        self.latins
            .iter()
            .zip(autre.latins)
            .all(|(a, b)| b & !a == 0)
            && autre.autres.is_subset(&self.autres)
    }

    fn tous(&self) -> impl Iterator<Item = char> + '_ {
        let latins = (0..self.latins.len() * 64)
            .filter(|i| self.latins[i / 64] & (1 << (i % 64)) != 0)
            .filter_map(|i| char::from_u32(i as u32));
        latins.chain(self.autres.iter().copied())
    }
}

/// Une graisse réduite aux caractères du lot : la police, son programme tel qu'il est
/// embarqué, et ce programme déjà compressé.
pub(super) struct Reduite {
    pub police: ParsedFont,
    pub brut: Vec<u8>,
    pub compresse: Vec<u8>,
}

pub struct PolicesDuLot {
    caracteres: [Caracteres; 2],
    pub(super) graisses: [Reduite; 2],
}

impl PolicesDuLot {
    /// Les polices des `documents` ; `None` si la réduction échoue (chaque document garde
    /// alors les siennes, comme seul).
    pub fn pour<'a>(documents: impl IntoIterator<Item = &'a Document>) -> Option<PolicesDuLot> {
        let mut caracteres = [Caracteres::default(), Caracteres::default()];
        for d in documents {
            for (lot, doc) in caracteres.iter_mut().zip(d.caracteres()) {
                lot.reunir(doc);
            }
        }
        let (normale, grasse) = super::mise_en_page::polices().ok()?;
        let graisses = [
            reduire(normale, POLICE, &caracteres[0])?,
            reduire(grasse, POLICE_GRASSE, &caracteres[1])?,
        ];
        Some(PolicesDuLot {
            caracteres,
            graisses,
        })
    }

    /// Les polices du lot couvrent-elles tous les caractères de ce document ?
    pub(super) fn couvrent(&self, d: &Document) -> bool {
        self.caracteres
            .iter()
            .zip(d.caracteres())
            .all(|(lot, doc)| lot.contient(doc))
    }
}

fn reduire(police: &ParsedFont, octets: &[u8], caracteres: &Caracteres) -> Option<Reduite> {
    let face = ttf_parser::Face::parse(octets, 0).ok()?;
    let glyphes = caracteres
        .tous()
        .filter_map(|c| Some((face.glyph_index(c)?.0, c.to_string())))
        .collect();
    let reduite = printpdf::subset_font(police, &glyphes).ok()?;
    let police = ParsedFont::from_bytes(&reduite.bytes, 0, &mut Vec::new())?;
    let compresse = compresser_flux(&reduite.bytes)?;
    Some(Reduite {
        police,
        brut: reduite.bytes,
        compresse,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_ensemble_de_caracteres_reunit_et_compare() {
        let mut a = Caracteres::default();
        a.ajouter("Élise Œuvre — 12 €");
        let mut b = Caracteres::default();
        b.ajouter("Zoé");
        assert!(!a.contient(&b));
        a.reunir(&b);
        assert!(a.contient(&b));
        let tous: String = a.tous().collect();
        for c in "ÉliseŒuvre—12€Zoé ".chars() {
            assert!(tous.contains(c), "{c}");
        }
        assert_eq!(
            tous.chars().count(),
            tous.chars().collect::<BTreeSet<_>>().len()
        );
    }
}
