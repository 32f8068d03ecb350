#!/usr/bin/env python3
"""Régénère la liste des licences de ce que Binôme embarque (packaging/licences/).

Les bibliothèques Rust liées dans l'exécutable, pour Linux et pour Windows
(`cargo tree -e normal,build`, sans les dépendances d'essai), avec leur licence déclarée et
les textes trouvés dans leurs sources ; les textes identiques ne sont écrits qu'une fois.
Les données embarquées (polices, référentiels) sont dites dans
`assets/referentiels/SOURCES.md` et `assets/polices/LICENCE-DejaVu.txt`.

    python3 scripts/licences.py          # réécrit packaging/licences/
    python3 scripts/licences.py --check  # échoue si la liste n'est plus à jour
"""
import hashlib
import json
import pathlib
import re
import subprocess
import sys

RACINE = pathlib.Path(__file__).resolve().parent.parent
SORTIE = RACINE / "packaging" / "licences"
CIBLES = ["x86_64-unknown-linux-gnu", "x86_64-pc-windows-gnu"]
FICHIERS = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|UNLICENSE)", re.I)


def cargo(*args):
    return subprocess.run(
        ["cargo", *args], cwd=RACINE, check=True, capture_output=True, text=True
    ).stdout


def paquets_lies():
    lies = set()
    for cible in CIBLES:
        sortie = cargo(
            "tree", "-e", "normal,build", "--target", cible, "--prefix", "none",
            "--format", "{p}", "--locked",
        )
        for ligne in sortie.splitlines():
            morceaux = ligne.split()
            if len(morceaux) >= 2 and morceaux[1].startswith("v"):
                lies.add((morceaux[0], morceaux[1][1:]))
    return lies


def main():
    verifier = "--check" in sys.argv
    meta = json.loads(cargo("metadata", "--format-version", "1", "--locked"))
    racine = meta["resolve"]["root"]
    lies = paquets_lies()
    lignes, textes = [], {}
    for p in sorted(meta["packages"], key=lambda p: (p["name"], p["version"])):
        if p["id"] == racine or (p["name"], p["version"]) not in lies:
            continue
        licence = p.get("license") or "(voir le texte joint)"
        dossier = pathlib.Path(p["manifest_path"]).parent
        trouves = []
        for f in sorted(dossier.iterdir()) if dossier.is_dir() else []:
            if f.is_file() and FICHIERS.match(f.name):
                texte = f.read_text(encoding="utf-8", errors="replace").strip()
                cle = hashlib.sha256(texte.encode()).hexdigest()[:12]
                textes.setdefault(cle, [texte, []])[1].append(f"{p['name']} {p['version']} ({f.name})")
                trouves.append(cle)
        if not trouves:
            # Sans texte dans ses sources : le texte de référence SPDX de chaque licence
            # nommée (packaging/licences/spdx/, tirés du paquet npm spdx-license-list, CC0).
            for ident in sorted(set(re.findall(r"[A-Za-z0-9.\-]+", licence)) - {"OR", "AND", "WITH"}):
                ref = SORTIE / "spdx" / f"{ident}.txt"
                if not ref.exists():
                    sys.exit(f"{p['name']} {p['version']} : licence {ident} sans texte ; ajoutez {ref}")
                trouves.append(f"SPDX:{ident}")
        lignes.append(f"| {p['name']} | {p['version']} | {licence} | {', '.join(trouves)} |")
    liste = "\n".join(
        [
            "# Bibliothèques embarquées dans Binôme",
            "",
            "Générée par `scripts/licences.py` (ne pas modifier à la main) : les bibliothèques",
            "Rust liées dans l'exécutable pour Linux et Windows, leur licence déclarée et le",
            "renvoi aux textes de `TEXTES.txt` (les textes identiques n'y figurent qu'une fois ;",
            "« SPDX:… » renvoie au texte de référence, pour une bibliothèque qui n'en joint pas).",
            "Binôme lui-même est sous EUPL-1.2 (`LICENCE`). Les données embarquées (communes,",
            "structures, thématiques) et la police DejaVu ont leurs sources et licences dans",
            "`assets/referentiels/SOURCES.md` et `assets/polices/LICENCE-DejaVu.txt`.",
            "",
            f"{len(lignes)} bibliothèques.",
            "",
            "| bibliothèque | version | licence | textes |",
            "|---|---|---|---|",
            *lignes,
            "",
        ]
    )
    blocs = []
    for cle, (texte, qui) in sorted(textes.items(), key=lambda kv: kv[1][1][0]):
        blocs.append("=" * 78 + f"\n[{cle}] " + "\n        ".join(qui) + "\n" + "=" * 78 + "\n\n" + texte + "\n")
    for ref in sorted((SORTIE / "spdx").glob("*.txt")):
        blocs.append("=" * 78 + f"\n[SPDX:{ref.stem}] texte de référence, pour les bibliothèques qui n'en joignent pas\n" + "=" * 78 + "\n\n" + ref.read_text().strip() + "\n")
    corps = "\n".join(blocs)
    attendus = {"DEPENDANCES.md": liste, "TEXTES.txt": corps}
    if verifier:
        perimes = [n for n, c in attendus.items() if not (SORTIE / n).exists() or (SORTIE / n).read_text() != c]
        if perimes:
            sys.exit(f"licences à régénérer (python3 scripts/licences.py) : {', '.join(perimes)}")
        print("licences à jour")
        return
    SORTIE.mkdir(parents=True, exist_ok=True)
    for nom, contenu in attendus.items():
        (SORTIE / nom).write_text(contenu)
    print(f"{len(lignes)} bibliothèques, {len(textes)} textes distincts → {SORTIE}")


if __name__ == "__main__":
    main()
