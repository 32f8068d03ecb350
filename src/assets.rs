//! Ce que Binôme embarque : la police (pour la fenêtre et pour les documents), avec sa
//! licence dans `assets/polices/`.

pub const POLICE: &[u8] = include_bytes!("../assets/polices/DejaVuSans.ttf");
pub const POLICE_GRASSE: &[u8] = include_bytes!("../assets/polices/DejaVuSans-Bold.ttf");
/// Le nom de famille de la police, pour la désigner par défaut.
pub const NOM_POLICE: &str = "DejaVu Sans";
