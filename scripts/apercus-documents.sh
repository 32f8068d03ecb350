#!/usr/bin/env bash
# Aperçus PNG des documents PDF, sur la démonstration.
# Prérequis (Debian/Ubuntu) : apt-get install -y poppler-utils sqlite3
# Usage : scripts/apercus-documents.sh [dossier de sortie, par défaut docs/documents]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "Outil manquant : pdftoppm (apt-get install -y poppler-utils)" >&2; exit 1; }
sortie="${1:-docs/documents}"
mkdir -p "$sortie"
cargo build --release --quiet
donnees=$(mktemp -d)
trap 'rm -rf "$donnees"' EXIT
binome() { ./target/release/binome --data-dir "$donnees" "$@"; }
binome demo --dossiers 300 >/dev/null
base="$donnees/binome.sqlite3"
# Un dossier reconduit pour le contrat, l'avenant, le carnet et la fiche ; un dossier clôturé pour la sortie.
reconduit=$(sqlite3 "$base" "SELECT identifiant_ft FROM dossiers WHERE etape = 'accompagnement' AND reconduit = 1 LIMIT 1")
cloture=$(sqlite3 "$base" "SELECT identifiant_ft FROM dossiers WHERE etape = 'cloture' AND motif_cloture = 'emploi' LIMIT 1")
for doc in contrat reconduction carnet fiche-liaison; do
    binome pdf "$doc" --dossier "$reconduit" --out "$donnees/$doc.pdf" >/dev/null
done
binome pdf sortie --dossier "$cloture" --out "$donnees/sortie.pdf" >/dev/null
for doc in contrat reconduction carnet fiche-liaison sortie; do
    pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$donnees/$doc.pdf" "$sortie/$doc"
    echo "$sortie/$doc.png"
done
