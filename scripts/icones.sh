#!/usr/bin/env bash
# Régénère les icônes de Binôme à partir de assets/icones/binome.svg :
#   - les PNG des tailles usuelles des bureaux Linux (hicolor) ;
#   - binome.ico pour l'exécutable Windows (entrées PNG, lues depuis Windows Vista).
# Demande rsvg-convert (paquet Debian librsvg2-bin) et python3. Les fichiers produits sont
# suivis par git : le paquet et la compilation n'ont besoin ni de l'un ni de l'autre.
set -euo pipefail
cd "$(dirname "$0")/../assets/icones"
command -v rsvg-convert > /dev/null || {
    echo "rsvg-convert manque : apt-get install librsvg2-bin" >&2
    exit 1
}
for taille in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$taille" -h "$taille" binome.svg -o "binome-$taille.png"
done
python3 - <<'PY'
import struct
tailles = [16, 24, 32, 48, 64, 128, 256]
images = [open(f"binome-{t}.png", "rb").read() for t in tailles]
entete = struct.pack("<HHH", 0, 1, len(images))
repertoire, decalage = b"", 6 + 16 * len(images)
for t, png in zip(tailles, images):
    cote = 0 if t >= 256 else t  # 0 veut dire 256 dans un ICO
    repertoire += struct.pack("<BBBBHHII", cote, cote, 0, 0, 1, 32, len(png), decalage)
    decalage += len(png)
open("binome.ico", "wb").write(entete + repertoire + b"".join(images))
PY
ls -l binome-*.png binome.ico
