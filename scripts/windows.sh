#!/usr/bin/env bash
# Construit Binôme pour Windows 64 bits depuis Linux (Debian/Ubuntu), avec le mingw-w64 de
# Debian, puis l'archive à déployer :
#   target/dist/binome-VERSION-windows-x86_64.zip
#     binome.exe (icône et informations de version), LICENCE, README.md,
#     licences\ (bibliothèques embarquées, police, référentiels)
# Installe au besoin la cible Rust (rustup) et mingw-w64 (apt, en root ou avec sudo).
# Usage : scripts/windows.sh [--essai-wine]
#   --essai-wine : lance ensuite binome.exe --version et « binome.exe check » sur une base de
#                  démonstration sous wine (paquets Debian wine et wine64, installés au besoin).
set -euo pipefail
cd "$(dirname "$0")/.."
CIBLE=x86_64-pc-windows-gnu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

command -v x86_64-w64-mingw32-gcc > /dev/null ||
    $SUDO apt-get install -y -q gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
rustup target list --installed | grep -qx "$CIBLE" || rustup target add "$CIBLE"

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export BINOME_WINDRES=x86_64-w64-mingw32-windres
cargo build --release --locked --target "$CIBLE"
# Le dossier de construction de cargo, même déplacé (CARGO_TARGET_DIR).
exe="${CARGO_TARGET_DIR:-target}/$CIBLE/release/binome.exe"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
nom="binome-$version-windows-x86_64"
dist="target/dist/$nom"
rm -rf "$dist" "target/dist/$nom.zip"
mkdir -p "$dist/licences"
cp LICENCE README.md "$dist/"
# Sans les symboles de mise au point : l'exécutable passe d'environ 44 à 30 Mo.
x86_64-w64-mingw32-strip -o "$dist/binome.exe" "$exe"
cp packaging/licences/DEPENDANCES.md packaging/licences/TEXTES.txt \
    assets/polices/LICENCE-DejaVu.txt "$dist/licences/"
cp assets/referentiels/SOURCES.md "$dist/licences/SOURCES-referentiels.md"
python3 - "$dist" "target/dist/$nom.zip" << 'PY'
import pathlib, sys, zipfile
source, archive = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(source.rglob("*")):
        z.write(f, pathlib.Path(source.name) / f.relative_to(source))
PY
echo "Archive : target/dist/$nom.zip"
python3 -c "import zipfile,sys; [print('  ', n) for n in zipfile.ZipFile(sys.argv[1]).namelist()]" "target/dist/$nom.zip"
# Les DLL que l'exécutable demande : seulement celles de Windows.
x86_64-w64-mingw32-objdump -p "$dist/binome.exe" | sed -n 's/^\s*DLL Name: //p' | sort -u | tr '\n' ' '
echo

[ "${1:-}" = "--essai-wine" ] || exit 0
command -v wine > /dev/null || $SUDO apt-get install -y -q wine wine64
export WINEPREFIX
WINEPREFIX=$(mktemp -d)
export WINEDEBUG=-all
donnees=$(mktemp -d)
wineboot --init > /dev/null 2>&1 || true
systeme="$WINEPREFIX/drive_c/windows/system32"
if [ ! -e "$systeme/bcryptprimitives.dll" ]; then
    # wine < 9 (Debian 12) n'a pas ProcessPrng, que Windows 10 et 11 ont : un remplaçant
    # d'essai, dans ce préfixe jetable seulement (scripts/wine/bcryptprimitives.c).
    x86_64-w64-mingw32-gcc -shared -O2 -o "$systeme/bcryptprimitives.dll" \
        scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
fi
echo "— binome.exe --version (wine)"
wine "$dist/binome.exe" --version
echo "— binome.exe demo puis check (wine), dans $donnees"
wine "$dist/binome.exe" --data-dir "$(winepath -w "$donnees")" demo --dossiers 50
# Les comptes de démonstration (src/services/demo/comptes.rs), comme l'indique le README.
BINOME_UTILISATEUR=conseiller BINOME_MOT_DE_PASSE=Binome-Demo-2026 \
    wine "$dist/binome.exe" --data-dir "$(winepath -w "$donnees")" check
rm -rf "$WINEPREFIX" "$donnees"
echo "binome.exe vérifié sous wine"
