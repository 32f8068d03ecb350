//! Pour Windows seulement : l'icône et les informations de version de `binome.exe`
//! (ressource compilée par le `windres` de mingw-w64, ou celui du SDK sous Windows).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icones/binome.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut ressource = winresource::WindowsResource::new();
    if let Ok(windres) = std::env::var("BINOME_WINDRES") {
        ressource.set_windres_path(&windres);
    }
    ressource
        .set_icon("assets/icones/binome.ico")
        .set_language(0x040c) // français (France)
        .set("ProductName", "Binôme")
        .set(
            "FileDescription",
            "Binôme — l'accompagnement global en binôme conseiller dédié / référent social",
        )
        .set("ProductVersion", &version)
        .set("FileVersion", &version)
        .set("OriginalFilename", "binome.exe")
        .set("LegalCopyright", "Les auteurs de Binôme — licence EUPL-1.2");
    if let Err(e) = ressource.compile() {
        println!("cargo:warning=ressource Windows (icône, version) non compilée : {e}");
        std::process::exit(1);
    }
}
