#!/usr/bin/env python3
"""Régénère assets/referentiels/thematiques.csv (thématique data·inclusion → famille et besoin
du référentiel des freins) et assets/referentiels/publics.csv, à partir des matériaux
data·inclusion relus (mapping_v1.csv, mapping_v0.csv, publics_v1.csv).

Usage : python3 scripts/referentiels/thematiques.py CHEMIN/data-inclusion
"""
import csv
import json
import pathlib
import sys

RACINE = pathlib.Path(__file__).resolve().parents[2]
SOURCE = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else RACINE.parent / "shared" / "data-inclusion")

# Libellé court du besoin dans la correspondance → code du besoin dans freins.json.
BESOINS = {
    "budget": "budget",
    "services gratuits": "services-gratuits",
    "aides financières": "aides-financieres",
    "endettement": "endettement",
    "aide alimentaire": "aide-alimentaire",
    "problème administratif/juridique": "probleme-administratif",
    "recours discrimination": "recours-discrimination",
    "problématique judiciaire": "problematique-judiciaire",
    "internet/téléphonie": "internet-telephonie",
    "activités sociales/culturelles": "activites-sociales",
    "lire-écrire-compter": "lire-ecrire-compter",
    "liens sociaux": "liens-sociaux",
    "véhicule": "vehicule",
    "permis": "permis",
    "point mobilité": "point-mobilite",
    "solution transport": "solution-transport",
    "maintien": "maintien-logement",
    "trouver": "trouver-logement",
    "se mettre à l'abri": "mise-a-l-abri",
    "bilan santé": "bilan-sante",
    "médecin/centre": "medecin",
    "couverture sociale": "couverture-sociale",
    "psychologue": "psychologue",
    "conflit/séparation": "conflit-separation",
    "garde d'enfant": "garde-enfant",
    "personne dépendante": "personne-dependante",
    "parentalité": "parentalite",
    "difficultés éducatives": "difficultes-educatives",
}

freins = json.loads((RACINE / "assets/referentiels/freins.json").read_text(encoding="utf-8"))
familles = {str(f["numero"]): f for f in freins["familles"]}

lignes = []
for version in ("v1", "v0"):
    with open(SOURCE / f"mapping_{version}.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["famille"] == "none":
                continue
            famille = familles[r["famille"]]
            besoin = BESOINS[r["besoin"]] if r["besoin"] else ""
            if besoin and besoin not in {b["code"] for b in famille["besoins"]}:
                sys.exit(f"{r['thematique']} : le besoin {besoin} n'est pas dans la famille {famille['code']}")
            lignes.append((version, r["thematique"], r["libelle"], famille["code"], besoin, r["confiance"]))

with open(RACINE / "assets/referentiels/thematiques.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["version", "thematique", "libelle", "famille", "besoin", "confiance"])
    w.writerows(lignes)

with open(SOURCE / "schema-v1/csv-seeds-data-inclusion-pipeline/publics_v1.csv", encoding="utf-8") as f:
    publics = [(r["value"], r["label"]) for r in csv.DictReader(f)]
with open(RACINE / "assets/referentiels/publics.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["code", "libelle"])
    w.writerows(publics)

print(f"{len(lignes)} thématiques rattachées, {len(publics)} publics")
