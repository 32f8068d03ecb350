//! Ce qui installe Binôme comme une application de bureau : lanceur, AppStream, icônes,
//! installateurs, et la liste des licences embarquées, qui doit suivre `Cargo.lock`.

use crate::commun::*;
use std::path::{Path, PathBuf};

fn fichier(chemin: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(chemin)
}

fn lire(chemin: &str) -> String {
    std::fs::read_to_string(fichier(chemin)).unwrap_or_else(|e| panic!("{chemin} : {e}"))
}

/// Le corps d'une section de `Cargo.toml`, jusqu'à la section suivante.
fn section<'a>(cargo: &'a str, entete: &str) -> &'a str {
    cargo
        .split(entete)
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap_or_else(|| panic!("section {} absente", entete.trim()))
}

/// Largeur et hauteur d'un PNG (en-tête IHDR).
fn taille_png(octets: &[u8]) -> (u32, u32) {
    assert_eq!(&octets[..8], b"\x89PNG\r\n\x1a\n", "signature PNG");
    let mot =
        |i: usize| u32::from_be_bytes([octets[i], octets[i + 1], octets[i + 2], octets[i + 3]]);
    (mot(16), mot(20))
}

#[test]
fn le_lanceur_et_la_description_appstream_se_repondent() {
    let lanceur = lire("packaging/fr.binome.Binome.desktop");
    for ligne in [
        "Type=Application",
        "Name=Binôme",
        "Exec=binome",
        "Icon=binome",
        "Terminal=false",
    ] {
        assert!(lanceur.lines().any(|l| l == ligne), "lanceur : {ligne}");
    }
    assert!(lanceur
        .lines()
        .any(|l| l.starts_with("Categories=") && l.contains("Office;")));
    assert!(lanceur.lines().any(|l| l.starts_with("Comment=Suivre")));
    let meta = lire("packaging/fr.binome.Binome.metainfo.xml");
    assert!(meta.contains("<id>fr.binome.Binome</id>"));
    assert!(meta.contains(r#"<launchable type="desktop-id">fr.binome.Binome.desktop</launchable>"#));
    assert!(meta.contains("<project_license>EUPL-1.2</project_license>"));
    assert!(meta.contains("<binary>binome</binary>"));
    // La dernière version annoncée est celle du paquet.
    let version = meta
        .split("<release version=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("une version dans <releases>");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn les_icones_ont_leurs_tailles_et_l_ico_les_contient() {
    let svg = lire("assets/icones/binome.svg");
    assert!(svg.contains("viewBox=\"0 0 256 256\""));
    for t in [16u32, 24, 32, 48, 64, 128, 256, 512] {
        let png = std::fs::read(fichier(&format!("assets/icones/binome-{t}.png"))).expect("png");
        assert_eq!(taille_png(&png), (t, t), "binome-{t}.png");
    }
    let ico = std::fs::read(fichier("assets/icones/binome.ico")).expect("ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "en-tête ICO");
    let n = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    assert_eq!(n, 7);
    let mut tailles = Vec::new();
    for i in 0..n {
        let e = &ico[6 + 16 * i..6 + 16 * (i + 1)];
        let longueur = u32::from_le_bytes([e[8], e[9], e[10], e[11]]) as usize;
        let debut = u32::from_le_bytes([e[12], e[13], e[14], e[15]]) as usize;
        let (l, h) = taille_png(&ico[debut..debut + longueur]);
        let annoncee = if e[0] == 0 { 256 } else { u32::from(e[0]) };
        assert_eq!((l, h), (annoncee, annoncee));
        tailles.push(l);
    }
    assert_eq!(tailles, [16, 24, 32, 48, 64, 128, 256]);
}

/// Les chemins (hors `target/`) des fichiers que les installateurs emportent existent.
#[test]
fn les_installateurs_ne_designent_que_des_fichiers_presents() {
    let cargo = lire("Cargo.toml");
    let deb = section(&cargo, "\n[package.metadata.deb]\n");
    let mut vus = 0;
    for l in deb.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = l.trim_start()[2..].split('"').next().expect("chemin");
        if !source.starts_with("target/") {
            assert!(fichier(source).is_file(), "paquet Debian : {source} manque");
        }
        vus += 1;
    }
    assert!(vus >= 15, "{vus} fichiers dans le paquet Debian");
    assert!(deb.contains("\"usr/share/applications/\""));
    let wxs = lire("packaging/wix/main.wxs");
    let mut sources = 0;
    for morceau in wxs.split("Source=\"").skip(1) {
        let source = morceau.split('"').next().expect("source");
        if !source.contains("$(var.") {
            let chemin = source.replace('\\', "/");
            assert!(fichier(&chemin).is_file(), "MSI : {chemin} manque");
            sources += 1;
        }
    }
    assert!(sources >= 6);
    assert!(fichier("packaging/wix/licence.rtf").is_file());
    assert!(lire("LICENCE").starts_with("EUROPEAN UNION PUBLIC LICENCE v. 1.2"));
}

/// Les paquets de `Cargo.lock` : (nom, version).
fn verrou() -> Vec<(String, String)> {
    let texte = lire("Cargo.lock");
    let mut v = Vec::new();
    let mut nom = None;
    for l in texte.lines() {
        if let Some(n) = l.strip_prefix("name = \"") {
            nom = Some(n.trim_end_matches('"').to_string());
        } else if let (Some(n), Some(ver)) = (&nom, l.strip_prefix("version = \"")) {
            v.push((n.clone(), ver.trim_end_matches('"').to_string()));
            nom = None;
        }
    }
    v
}

#[test]
fn la_liste_des_licences_suit_cargo_lock() {
    use binome::services::a_propos::lignes_dependances;
    let verrou = verrou();
    let liste: Vec<_> = lignes_dependances().collect();
    assert!(liste.len() > 100, "{} bibliothèques", liste.len());
    for d in &liste {
        assert!(
            verrou.iter().any(|(n, v)| n == d.nom && v == d.version),
            "{} {} n'est plus dans Cargo.lock : relancez python3 scripts/licences.py",
            d.nom,
            d.version
        );
        assert!(!d.licence.is_empty(), "{} sans licence", d.nom);
    }
    // Chaque dépendance directe du binaire y est, dans la version verrouillée.
    let cargo = lire("Cargo.toml");
    let directes = section(&cargo, "\n[dependencies]\n");
    for l in directes.lines() {
        let Some((nom, _)) = l.split_once(" = ") else {
            continue;
        };
        if nom.starts_with('#') || nom == "iced_test" {
            continue;
        }
        assert!(
            liste.iter().any(|d| d.nom == nom),
            "{nom} manque à packaging/licences/DEPENDANCES.md : relancez python3 scripts/licences.py"
        );
    }
    let textes = lire("packaging/licences/TEXTES.txt");
    assert!(textes.contains("[SPDX:MIT]") && textes.contains("Permission is hereby granted"));
}

#[test]
fn la_version_detaillee_dit_les_dossiers_et_les_licences() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = binome_en(dir.path(), "x", "y", &["--version"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("binome {}", env!("CARGO_PKG_VERSION"))
    );
    let o = binome_en(dir.path(), "x", "y", &["--version", "--verbose"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8_lossy(&o.stdout);
    for attendu in [
        "Licence : EUPL-1.2",
        &format!("Dossier des données : {}", dir.path().display()),
        r"%APPDATA%\Binome\data",
        "~/.local/share/binome",
        "Bibliothèques embarquées : ",
        "MIT OR Apache-2.0",
        "GeoNames (CC BY 4.0)",
        "/usr/share/doc/binome/",
    ] {
        assert!(s.contains(attendu), "« {attendu} » manque :\n{s}");
    }
    // --verbose seul n'a pas de sens : refusé en français.
    let o = binome_en(dir.path(), "x", "y", &["--verbose"]);
    assert!(!o.status.success());
    assert!(
        !dir.path().join(binome::store::FICHIER_BASE).exists(),
        "rien n'est créé"
    );
}
