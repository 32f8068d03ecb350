-- L'agrégat d'un poste ne compte que les dossiers ouverts sur ce poste : un dossier commun
-- du binôme est compté par le poste qui l'a ouvert, pas une seconde fois par celui qui l'a
-- reçu (la fusion départementale additionne les agrégats). À l'effacement d'un dossier reçu,
-- ce qu'il apportait aux comptes est retenu ici aussi (en plus de `indicateurs_archives`),
-- pour rester hors de l'agrégat ; ses portions passent sous un identifiant `anonyme-recu-…`.
CREATE TABLE indicateurs_archives_recues (
    mois    TEXT    NOT NULL,
    agence  TEXT    NOT NULL,
    cle     TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    total   INTEGER NOT NULL,
    brsa    INTEGER NOT NULL,
    somme   INTEGER NOT NULL,
    PRIMARY KEY (mois, agence, cle, detail)
) WITHOUT ROWID;
