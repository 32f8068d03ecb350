//! Deux calculs sur les deux cœurs d'un poste ordinaire.

/// `a` sur ce fil pendant que `b` s'exécute sur un autre. `None` si `b` n'a pas pu finir
/// sur son fil (fil refusé par le système, ou arrêté) : à refaire sur celui-ci.
pub fn en_parallele<A, B: Send>(a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, Option<B>) {
    std::thread::scope(|s| {
        let fil = std::thread::Builder::new().spawn_scoped(s, &b);
        let ra = a();
        (ra, fil.ok().and_then(|f| f.join().ok()))
    })
}
