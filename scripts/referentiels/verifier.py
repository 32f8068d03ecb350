#!/usr/bin/env python3
"""Vérifie la cohérence de assets/referentiels/communes.csv et structures.json.

communes.csv est national (toutes les communes de métropole et des DOM, Paris,
Lyon et Marseille remplacées par leurs arrondissements) ; structures.json ne
décrit que le ou les départements des communes qu'il cite (aujourd'hui le 13).
Contrôles : format de communes.csv ; toute commune citée par structures.json
existe dans communes.csv ; chaque commune des départements décrits est couverte
par exactement un pôle, une MDS et une agence.

Bibliothèque standard uniquement. Usage :
    python3 scripts/referentiels/verifier.py [--dir assets/referentiels]
Code de sortie 0 si tout est cohérent, 1 sinon (avec la liste des erreurs).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["insee", "nom", "codes_postaux", "latitude", "longitude", "departement"]
POLES_ATTENDUS = [
    "Pôle d'insertion Marseille 1-5-6-7",
    "Pôle d'insertion Marseille 2-3",
    "Pôle d'insertion Marseille 4-8-9-10-11-12",
    "Pôle d'insertion Marseille 13-14",
    "Pôle d'insertion Marseille 15-16",
    "Pôle d'insertion Aix-Gardanne",
    "Pôle d'insertion Istres/Martigues/Marignane",
    "Pôle d'insertion Aubagne-La Ciotat",
    "Pôle d'insertion Arles",
    "Pôle d'insertion Salon-Berre",
]
CODE_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
INSEE_RE = re.compile(r"^(?:\d{2}|2[AB])\d{3}$")
# Communes remplacées par leurs arrondissements municipaux : code -> arrondissements.
PLM = {
    "75056": [str(n) for n in range(75101, 75121)],  # Paris
    "69123": [str(n) for n in range(69381, 69390)],  # Lyon
    "13055": [str(n) for n in range(13201, 13217)],  # Marseille
}
# Emprise (lat min, lat max, lon min, lon max) par département d'outre-mer ;
# la métropole (Corse comprise) a une emprise commune.
EMPRISES = {
    "971": (15.8, 16.6, -61.9, -60.9),   # Guadeloupe
    "972": (14.3, 14.95, -61.3, -60.75), # Martinique
    "973": (2.0, 6.0, -54.7, -51.5),     # Guyane
    "974": (-21.45, -20.8, 55.15, 55.9), # La Réunion
    "976": (-13.1, -12.55, 44.95, 45.35),# Mayotte
}
METROPOLE = (41.3, 51.15, -5.2, 9.6)
MIN_LIGNES = 34000  # environ 34 900 communes et arrondissements


def departement_de(insee: str) -> str:
    return insee[:3] if insee.startswith("97") else insee[:2]


def verifier(dossier: Path) -> list[str]:
    err: list[str] = []

    # --- communes.csv -------------------------------------------------------
    with (dossier / "communes.csv").open(encoding="utf-8", newline="") as f:
        lecteur = csv.reader(f, delimiter=";")
        entete = next(lecteur)
        if entete != HEADER:
            err.append(f"communes.csv : en-tête {entete!r}, attendu {HEADER!r}")
        lignes = list(lecteur)
    communes: dict[str, str] = {}
    dep_de: dict[str, str] = {}
    for i, l in enumerate(lignes, start=2):
        if len(l) != len(HEADER):
            err.append(f"communes.csv:{i} : {len(l)} colonnes")
            continue
        insee, nom, cps, lat, lon, dep = l
        if not INSEE_RE.fullmatch(insee):
            err.append(f"communes.csv:{i} : code INSEE invalide {insee!r}")
        if insee in communes:
            err.append(f"communes.csv:{i} : code INSEE en double {insee}")
        communes[insee] = nom
        dep_de[insee] = dep
        if not nom or nom != nom.strip():
            err.append(f"communes.csv:{i} : nom vide ou mal découpé {nom!r}")
        if dep != departement_de(insee):
            err.append(f"communes.csv:{i} : département {dep!r} incohérent avec {insee}")
        if not cps or not all(re.fullmatch(r"\d{5}", cp) for cp in cps.split(",")):
            err.append(f"communes.csv:{i} : codes postaux invalides {cps!r}")
        elif cps.split(",") != sorted(set(cps.split(","))):
            err.append(f"communes.csv:{i} : codes postaux non triés ou en double {cps!r}")
        try:
            la, lo = float(lat), float(lon)
            lat_min, lat_max, lon_min, lon_max = EMPRISES.get(dep, METROPOLE)
            if not (lat_min < la < lat_max and lon_min < lo < lon_max):
                err.append(f"communes.csv:{i} : coordonnées hors département {dep} ({lat}, {lon})")
            if not (re.fullmatch(r"-?\d+\.\d{4}", lat) and re.fullmatch(r"-?\d+\.\d{4}", lon)):
                err.append(f"communes.csv:{i} : coordonnées sans 4 décimales ({lat}, {lon})")
        except ValueError:
            err.append(f"communes.csv:{i} : coordonnées manquantes ou invalides ({lat!r}, {lon!r})")
    if [l[0] for l in lignes] != sorted(l[0] for l in lignes):
        err.append("communes.csv : lignes non triées par code INSEE")
    if len(lignes) < MIN_LIGNES:
        err.append(f"communes.csv : {len(lignes)} lignes, le référentiel national en compte "
                   f"plus de {MIN_LIGNES} (fichier tronqué ?)")
    for ville, arrondissements in PLM.items():
        if ville in communes:
            err.append(f"communes.csv : {ville} ne doit pas figurer, remplacée par "
                       f"{arrondissements[0]}…{arrondissements[-1]}")
        for n in arrondissements:
            if n not in communes:
                err.append(f"communes.csv : arrondissement {n} manquant")

    # --- structures.json ----------------------------------------------------
    with (dossier / "structures.json").open(encoding="utf-8") as f:
        doc = json.load(f)
    for cle in ("version", "source", "poles_insertion", "mds", "agences"):
        if cle not in doc:
            err.append(f"structures.json : clé {cle!r} absente")
    if err:
        return err

    # Départements décrits : ceux des communes citées par structures.json.
    citees = {c for liste in ("poles_insertion", "mds", "agences")
              for s in doc[liste] for c in s.get("communes", [])}
    departements = {dep_de[c] for c in citees if c in dep_de}
    a_couvrir = {insee: nom for insee, nom in communes.items() if dep_de[insee] in departements}

    tous_codes: Counter[str] = Counter()
    for liste, prefixe in (("poles_insertion", "PI-"), ("mds", "MDS-"), ("agences", "AG-")):
        couverture: Counter[str] = Counter()
        for s in doc[liste]:
            code = s.get("code", "")
            tous_codes[code] += 1
            if not CODE_RE.match(code) or not code.startswith(prefixe):
                err.append(f"{liste} : code invalide {code!r} (ASCII majuscule, préfixe {prefixe})")
            if not s.get("nom"):
                err.append(f"{liste} {code} : nom manquant")
            cs = s.get("communes", [])
            if not cs:
                err.append(f"{liste} {code} : aucune commune")
            for c in cs:
                if c not in communes:
                    err.append(f"{liste} {code} : code INSEE inconnu de communes.csv {c!r}")
                couverture[c] += 1
            if liste == "agences":
                siege = s.get("commune")
                if siege not in communes:
                    err.append(f"agences {code} : commune d'implantation inconnue {siege!r}")
                elif siege not in cs:
                    err.append(f"agences {code} : commune d'implantation {siege} absente de ses communes")
        for insee, nom in a_couvrir.items():
            n = couverture[insee]
            if n != 1:
                err.append(f"{liste} : {insee} {nom} couverte {n} fois (attendu 1)")

    noms = [p.get("nom") for p in doc["poles_insertion"]]
    if noms != POLES_ATTENDUS:
        err.append(f"poles_insertion : {len(noms)} pôles {noms!r}, attendu exactement {POLES_ATTENDUS!r}")
    marseille = {
        "Pôle d'insertion Marseille 1-5-6-7": [1, 5, 6, 7],
        "Pôle d'insertion Marseille 2-3": [2, 3],
        "Pôle d'insertion Marseille 4-8-9-10-11-12": [4, 8, 9, 10, 11, 12],
        "Pôle d'insertion Marseille 13-14": [13, 14],
        "Pôle d'insertion Marseille 15-16": [15, 16],
    }
    for p in doc["poles_insertion"]:
        if p.get("nom") in marseille:
            attendu = sorted(str(13200 + n) for n in marseille[p["nom"]])
            if sorted(p["communes"]) != attendu:
                err.append(f"{p['code']} : communes {sorted(p['communes'])}, attendu {attendu}")

    for code, n in tous_codes.items():
        if n > 1:
            err.append(f"code en double : {code} ({n} fois)")
    return err


def departements_decrits(dossier: Path) -> tuple[list[str], int]:
    """(départements décrits par structures.json, nombre de leurs communes)."""
    doc = json.loads((dossier / "structures.json").read_text(encoding="utf-8"))
    with (dossier / "communes.csv").open(encoding="utf-8", newline="") as f:
        dep_de = {l[0]: l[5] for l in list(csv.reader(f, delimiter=";"))[1:]}
    citees = {c for liste in ("poles_insertion", "mds", "agences")
              for s in doc[liste] for c in s.get("communes", [])}
    deps = sorted({dep_de[c] for c in citees})
    return deps, sum(1 for d in dep_de.values() if d in deps)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ROOT / "assets" / "referentiels")
    args = ap.parse_args()
    erreurs = verifier(args.dir)
    for e in erreurs:
        print("ERREUR :", e, file=sys.stderr)
    if erreurs:
        print(f"{len(erreurs)} erreur(s)", file=sys.stderr)
        return 1
    doc = json.loads((args.dir / "structures.json").read_text(encoding="utf-8"))
    with (args.dir / "communes.csv").open(encoding="utf-8") as f:
        n = sum(1 for _ in f) - 1
    deps, n_deps = departements_decrits(args.dir)
    print(f"OK : {n} communes/arrondissements dans communes.csv ; structures.json décrit le(s) "
          f"département(s) {', '.join(deps)} : {n_deps} communes/arrondissements, "
          f"{len(doc['poles_insertion'])} pôles d'insertion, {len(doc['mds'])} MDS, "
          f"{len(doc['agences'])} agences ; chacune couverte exactement une fois.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
