//! Générateur pseudo-aléatoire SplitMix64 : la même graine donne les mêmes données,
//! quelle que soit la version des dépendances.

pub struct Alea(u64);

impl Alea {
    pub fn new(graine: u64) -> Alea {
        Alea(graine ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn suivant(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Entier dans `[min, max]`.
    pub fn entre(&mut self, min: i64, max: i64) -> i64 {
        if max <= min {
            return min;
        }
        min + (self.suivant() % ((max - min + 1) as u64)) as i64
    }

    /// Vrai avec la probabilité `p` (entre 0 et 1).
    pub fn chance(&mut self, p: f64) -> bool {
        (self.suivant() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn choisir<'a, T>(&mut self, liste: &'a [T]) -> &'a T {
        &liste[(self.suivant() % liste.len().max(1) as u64) as usize]
    }

    pub fn uuid(&mut self) -> uuid::Uuid {
        let mut octets = [0u8; 16];
        octets[..8].copy_from_slice(&self.suivant().to_le_bytes());
        octets[8..].copy_from_slice(&self.suivant().to_le_bytes());
        uuid::Builder::from_random_bytes(octets).into_uuid()
    }

    /// Un UUID v7 (ordonné dans le temps) comme ceux qu'un import donne, au `rang`-ième
    /// millième de seconde après une date fixe : la démonstration reste reproductible.
    pub fn uuid_ordonne(&mut self, rang: u64) -> uuid::Uuid {
        const DEPART_MS: u64 = 1_767_225_600_000; // 01/01/2026
        let mut octets = [0u8; 10];
        octets[..8].copy_from_slice(&self.suivant().to_le_bytes());
        octets[8..].copy_from_slice(&self.suivant().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(DEPART_MS + rang, &octets).into_uuid()
    }
}
