#!/usr/bin/env python3
"""Vérifie la cohérence de assets/referentiels/communes.csv et structures.json.

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
    for i, l in enumerate(lignes, start=2):
        if len(l) != len(HEADER):
            err.append(f"communes.csv:{i} : {len(l)} colonnes")
            continue
        insee, nom, cps, lat, lon, dep = l
        if not re.fullmatch(r"13\d{3}", insee):
            err.append(f"communes.csv:{i} : code INSEE invalide {insee!r}")
        if insee in communes:
            err.append(f"communes.csv:{i} : code INSEE en double {insee}")
        communes[insee] = nom
        if dep != "13":
            err.append(f"communes.csv:{i} : département {dep!r}")
        if not cps or not all(re.fullmatch(r"13\d{3}", cp) for cp in cps.split(",")):
            err.append(f"communes.csv:{i} : codes postaux invalides {cps!r}")
        try:
            la, lo = float(lat), float(lon)
            if not (43.0 < la < 44.0 and 4.2 < lo < 5.9):
                err.append(f"communes.csv:{i} : coordonnées hors département ({lat}, {lon})")
        except ValueError:
            err.append(f"communes.csv:{i} : coordonnées manquantes ou invalides ({lat!r}, {lon!r})")
    if [l[0] for l in lignes] != sorted(l[0] for l in lignes):
        err.append("communes.csv : lignes non triées par code INSEE")
    if "13055" in communes:
        err.append("communes.csv : 13055 (Marseille) ne doit pas figurer, remplacée par 13201…13216")
    for n in range(13201, 13217):
        if str(n) not in communes:
            err.append(f"communes.csv : arrondissement {n} manquant")

    # --- structures.json ----------------------------------------------------
    with (dossier / "structures.json").open(encoding="utf-8") as f:
        doc = json.load(f)
    for cle in ("version", "source", "poles_insertion", "mds", "agences"):
        if cle not in doc:
            err.append(f"structures.json : clé {cle!r} absente")
    if err:
        return err

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
        for insee, nom in communes.items():
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
    print(f"OK : {n} communes/arrondissements, {len(doc['poles_insertion'])} pôles d'insertion, "
          f"{len(doc['mds'])} MDS, {len(doc['agences'])} agences ; chaque commune couverte exactement une fois.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
