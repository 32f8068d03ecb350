#!/usr/bin/env bash
# Construit le paquet Debian de Binôme, puis le vérifie comme le ferait un service
# informatique : description AppStream et lanceur valides, installation (dpkg -i), lancement
# depuis le lanceur du menu dans un écran virtuel, pour un utilisateur neuf, désinstallation
# (dpkg -r) qui laisse ses données en place.
# À lancer en root (ou avec sudo) sur Debian/Ubuntu ; installe au besoin ce qu'il lui faut :
# cargo-deb (crates.io) et, par apt, xvfb, x11-utils, imagemagick, appstream,
# desktop-file-utils.
# Usage : scripts/paquet-debian.sh [--sans-essai]   (sans essai : construit seulement)
set -euo pipefail
cd "$(dirname "$0")/.."
racine=$(pwd)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

command -v cargo-deb > /dev/null || cargo install cargo-deb --locked
cargo deb
paquet=$(ls -t "${CARGO_TARGET_DIR:-target}"/debian/binome_*.deb | head -n 1)
echo "Paquet : $paquet"
[ "${1:-}" = "--sans-essai" ] && exit 0

manque=()
for outil in Xvfb:xvfb xwininfo:x11-utils import:imagemagick appstreamcli:appstream \
    desktop-file-validate:desktop-file-utils; do
    command -v "${outil%%:*}" > /dev/null || manque+=("${outil#*:}")
done
if [ ${#manque[@]} -gt 0 ]; then
    $SUDO apt-get install -y -q "${manque[@]}"
fi

echo "— Contenu du paquet"
dpkg-deb -c "$paquet" | awk '{print $6}'
for attendu in ./usr/bin/binome ./usr/share/applications/fr.binome.Binome.desktop \
    ./usr/share/metainfo/fr.binome.Binome.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/binome.svg \
    ./usr/share/icons/hicolor/256x256/apps/binome.png \
    ./usr/share/doc/binome/copyright ./usr/share/doc/binome/licences/TEXTES.txt; do
    dpkg-deb -c "$paquet" | awk '{print $6}' | grep -qx "$attendu" || {
        echo "ÉCHEC : $attendu manque au paquet" >&2
        exit 1
    }
done

echo "— Validation du lanceur et de la description AppStream"
desktop-file-validate packaging/fr.binome.Binome.desktop
appstreamcli validate --no-net packaging/fr.binome.Binome.metainfo.xml

echo "— Installation"
$SUDO dpkg -i "$paquet"
[ -x /usr/bin/binome ] || { echo "ÉCHEC : /usr/bin/binome absent" >&2; exit 1; }
/usr/bin/binome --version

echo "— Lancement depuis le menu, pour un utilisateur neuf"
maison=$(mktemp -d)
ecran=:93
Xvfb "$ecran" -screen 0 1280x800x24 > /dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2> /dev/null || true; [ -n "${appli:-}" ] && kill $appli 2> /dev/null || true' EXIT
sleep 1
# La ligne Exec du lanceur installé, telle que le menu la lance.
commande=$(sed -n 's/^Exec=//p' /usr/share/applications/fr.binome.Binome.desktop | sed 's/ %[a-zA-Z]//g')
(cd "$maison" && env -i PATH=/usr/bin:/bin HOME="$maison" DISPLAY="$ecran" LANG=fr_FR.UTF-8 $commande) &
appli=$!
fenetre=""
for _ in $(seq 1 40); do
    sleep 0.5
    fenetre=$(DISPLAY="$ecran" xwininfo -root -tree 2> /dev/null | grep -F '"Binôme' || true)
    [ -n "$fenetre" ] && break
done
[ -n "$fenetre" ] || { echo "ÉCHEC : aucune fenêtre « Binôme » après 20 s" >&2; exit 1; }
echo "Fenêtre : $fenetre"
sleep 2
mkdir -p target/debian
DISPLAY="$ecran" import -window root target/debian/premier-lancement.png
echo "Capture : target/debian/premier-lancement.png"
kill $appli
wait $appli 2> /dev/null || true
appli=""
donnees="$maison/.local/share/binome"
[ -d "$donnees" ] || { echo "ÉCHEC : dossier de données $donnees absent" >&2; exit 1; }

echo "— Désinstallation"
$SUDO dpkg -r binome
[ ! -e /usr/bin/binome ] || { echo "ÉCHEC : /usr/bin/binome encore là" >&2; exit 1; }
[ ! -e /usr/share/applications/fr.binome.Binome.desktop ] || {
    echo "ÉCHEC : le lanceur est resté" >&2
    exit 1
}
[ -d "$donnees" ] || { echo "ÉCHEC : les données de l'utilisateur ont été effacées" >&2; exit 1; }
echo "Données de l'utilisateur gardées : $(ls "$donnees" | tr '\n' ' ')"
rm -rf "$maison"
cd "$racine"
echo "Paquet Debian vérifié : $paquet"
