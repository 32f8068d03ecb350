//! Critères de la recherche multicritère et distance entre deux points. La recherche
//! elle-même est faite par le store (index plein texte et index spatial).

use super::{ModaliteAcces, Ressource};

/// Rayon moyen de la Terre (km), celui de la formule de haversine usuelle.
const RAYON_TERRE_KM: f64 = 6371.0;

/// Distance à vol d'oiseau, en km, entre deux points (latitude, longitude) en degrés.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * RAYON_TERRE_KM * h.sqrt().asin()
}

/// Le rectangle (lat min, lat max, lon min, lon max) qui contient le disque : il sert de
/// premier filtre à l'index spatial, la distance exacte est calculée ensuite.
pub fn rectangle(centre: (f64, f64), rayon_km: f64) -> (f64, f64, f64, f64) {
    let dlat = (rayon_km / RAYON_TERRE_KM).to_degrees();
    let cos = centre.0.to_radians().cos().max(0.01);
    let dlon = (rayon_km / (RAYON_TERRE_KM * cos)).to_degrees();
    (
        centre.0 - dlat,
        centre.0 + dlat,
        centre.1 - dlon,
        centre.1 + dlon,
    )
}

/// Autour de quel point chercher.
#[derive(Debug, Clone, PartialEq)]
pub struct Autour {
    /// Libellé du centre (« Aubagne »), pour les messages.
    pub libelle: String,
    pub latitude: f64,
    pub longitude: f64,
    pub rayon_km: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Criteres {
    /// Texte libre : chaque mot doit commencer un mot du nom, de la structure, de la
    /// description ou du public, sans tenir compte des accents ni des majuscules.
    pub texte: String,
    pub famille: Option<String>,
    pub besoin: Option<String>,
    pub public: Option<String>,
    pub modalite: Option<ModaliteAcces>,
    pub ouvert_maintenant: bool,
    pub autour: Option<Autour>,
    pub archivees: bool,
    /// Nombre maximal de résultats rendus (le total est compté quand même).
    pub limite: usize,
}

impl Criteres {
    /// Quand rien ne correspond : quoi élargir, en commençant par le plus restrictif.
    pub fn conseils(&self) -> Vec<String> {
        let mut c = Vec::new();
        if let Some(a) = &self.autour {
            c.push(format!(
                "élargissez le rayon autour de {} (actuellement {} km)",
                a.libelle, a.rayon_km
            ));
        }
        if self.ouvert_maintenant {
            c.push("retirez « ouvert maintenant »".into());
        }
        if self.besoin.is_some() {
            c.push("cherchez sur toute la famille plutôt que sur un besoin".into());
        }
        if self.modalite.is_some() {
            c.push("retirez le filtre de modalité d'accès".into());
        }
        if self.public.is_some() {
            c.push("retirez le filtre de public".into());
        }
        if !self.texte.trim().is_empty() {
            c.push("raccourcissez le texte ou essayez un autre mot".into());
        }
        c
    }
}

/// Les mots de la recherche, prêts pour une requête plein texte par préfixe : seules les
/// lettres et chiffres sont gardés (pas de syntaxe d'index injectée par l'utilisateur).
pub fn mots(texte: &str) -> Vec<String> {
    crate::domain::texte::normaliser(texte)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|m| !m.is_empty())
        .map(String::from)
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trouvee {
    pub ressource: Ressource,
    pub distance_km: Option<f64>,
    /// Ouverte à l'instant de la recherche (`None` : horaires non structurés).
    pub ouverte: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resultats {
    pub trouvees: Vec<Trouvee>,
    /// Nombre total de ressources qui répondent (au-delà de la limite).
    pub total: usize,
    /// Ressources écartées de la recherche par distance faute de coordonnées.
    pub sans_coordonnees: usize,
}

/// « 3,2 km », « 850 m ».
pub fn distance_fr(km: f64) -> String {
    if km < 1.0 {
        format!("{} m", ((km * 1000.0) / 10.0).round() * 10.0)
    } else {
        format!("{:.1} km", km).replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_paris_marseille() {
        // Valeur de référence : ≈ 660,5 km entre Notre-Dame de Paris et le Vieux-Port.
        let d = distance_km((48.8530, 2.3499), (43.2951, 5.3740));
        assert!((d - 660.5).abs() < 1.5, "{d}");
        assert_eq!(distance_km((43.0, 5.0), (43.0, 5.0)), 0.0);
    }

    #[test]
    fn rectangle_contient_le_disque() {
        let c = (43.3, 5.4);
        let (a, b, g, d) = rectangle(c, 10.0);
        assert!(distance_km(c, (b, c.1)) >= 9.99);
        assert!(distance_km(c, (a, c.1)) >= 9.99);
        assert!(distance_km(c, (c.0, d)) >= 9.99);
        assert!(distance_km(c, (c.0, g)) >= 9.99);
    }

    #[test]
    fn mots_sans_syntaxe() {
        assert_eq!(
            mots("Épicerie « solidaire »* OR"),
            vec!["epicerie", "solidaire", "or"]
        );
        assert_eq!(distance_fr(3.24), "3,2 km");
        assert_eq!(distance_fr(0.853), "850 m");
    }
}
