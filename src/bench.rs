//! `binome bench` : des mesures sur des volumes réalistes, chacune à côté d'une référence
//! mesurée dans la même exécution.

pub fn lancer(_dossiers: usize, _json: bool) -> Result<(), String> {
    Err("non disponible".into())
}
