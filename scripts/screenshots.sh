#!/usr/bin/env bash
# Captures d'écran de Binôme sur les données de démonstration, dans un écran virtuel.
# Prérequis (Debian/Ubuntu) : apt-get install -y xvfb xdotool imagemagick
# Usage : scripts/screenshots.sh [dossier de sortie, par défaut docs/captures]
set -euo pipefail
cd "$(dirname "$0")/.."
for outil in Xvfb xdotool import; do
    command -v "$outil" >/dev/null || {
        echo "Outil manquant : $outil (apt-get install -y xvfb xdotool imagemagick)" >&2
        exit 1
    }
done
sortie="${1:-docs/captures}"
mkdir -p "$sortie"
cargo build --release --quiet
donnees=$(mktemp -d)
ecran=:97
Xvfb "$ecran" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $binome $xvfb 2>/dev/null || true; rm -rf "$donnees"' EXIT
sleep 1
export DISPLAY="$ecran"
./target/release/binome --data-dir "$donnees" &
binome=$!
sleep 3
fenetre=$(xdotool search --sync --name "Bin" | head -n 1)
xdotool windowsize "$fenetre" 1280 800 windowmove "$fenetre" 0 0 windowfocus "$fenetre"
sleep 1
capture() { sleep 1.5; import -window root "$sortie/$1.png"; echo "$sortie/$1.png"; }
capture premier-compte
# Le premier compte (administrateur), au clavier, puis le code de secours.
xdotool type --delay 60 "c.essai"
xdotool key Tab
xdotool type --delay 60 "Bonjour-Binome-42"
xdotool key Tab
xdotool type --delay 60 "Bonjour-Binome-42"
xdotool key Return
capture code-de-secours
xdotool key Tab Return
capture premier-lancement
# « Ouvrir la démonstration » : le dernier bouton de l'écran d'accueil.
for _ in 1 2 3 4 5; do xdotool key Tab; sleep 0.2; done
xdotool key Return
sleep 8
capture a-faire
xdotool key ctrl+2
capture portefeuille
xdotool mousemove 520 300 click 1
capture dossier
xdotool key ctrl+n
capture nouveau-dossier
xdotool key ctrl+5
capture parametres
xdotool key ctrl+3
sleep 1
xdotool type --delay 80 "solidaire"
capture ressources
# La première ressource de la liste : sa fiche détaillée s'ouvre à droite.
xdotool mousemove 420 330 click 1
capture ressource-fiche
xdotool key Escape
xdotool key ctrl+4
capture indicateurs
xdotool key ctrl+6
capture annuaire
xdotool key ctrl+8
capture jeunes
