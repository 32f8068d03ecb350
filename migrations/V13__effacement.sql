-- L'effacement des personnes : à la fin de la durée de conservation, ou à leur demande.
-- Le journal des événements reste en ajout seul, sauf pendant une purge : le déclencheur de
-- suppression ne laisse passer que ce qui se fait pendant qu'une ligne existe dans
-- `purge_en_cours`, que seule l'opération de purge écrit (et retire) dans sa transaction.
-- Chaque purge est inscrite dans `purges` (jamais modifiée ni retirée), chaque événement
-- effacé dans `evenements_purges` : la chaîne garde son empreinte, et la vérification
-- accepte le maillon vide s'il est justifié par une purge.

CREATE TABLE purges (
    n          INTEGER PRIMARY KEY,
    horodatage TEXT    NOT NULL,
    qui        TEXT    NOT NULL,
    motif      TEXT    NOT NULL CHECK (motif IN ('conservation', 'demande')),
    dossiers   INTEGER NOT NULL,
    evenements INTEGER NOT NULL
);

CREATE TRIGGER purges_sans_modification BEFORE UPDATE ON purges
BEGIN
    SELECT RAISE(ABORT, 'le registre des purges est en ajout seul');
END;

CREATE TRIGGER purges_sans_suppression BEFORE DELETE ON purges
BEGIN
    SELECT RAISE(ABORT, 'le registre des purges est en ajout seul');
END;

CREATE TABLE evenements_purges (
    seq   INTEGER PRIMARY KEY,
    purge INTEGER NOT NULL REFERENCES purges (n)
);

CREATE TRIGGER evenements_purges_sans_modification BEFORE UPDATE ON evenements_purges
BEGIN
    SELECT RAISE(ABORT, 'le registre des purges est en ajout seul');
END;

CREATE TRIGGER evenements_purges_sans_suppression BEFORE DELETE ON evenements_purges
BEGIN
    SELECT RAISE(ABORT, 'le registre des purges est en ajout seul');
END;

-- Une seule ligne, le temps d'une purge.
CREATE TABLE purge_en_cours (
    seul  INTEGER PRIMARY KEY CHECK (seul = 1),
    purge INTEGER NOT NULL REFERENCES purges (n)
);

DROP TRIGGER evenements_sans_suppression;
CREATE TRIGGER evenements_sans_suppression BEFORE DELETE ON evenements
WHEN NOT EXISTS (
    SELECT 1 FROM purge_en_cours p JOIN evenements_purges e ON e.purge = p.purge
    WHERE e.seq = OLD.seq
)
BEGIN
    SELECT RAISE(ABORT, 'le journal des événements est en ajout seul (seule une purge inscrite retire des événements)');
END;

-- La chaîne garde le maillon d'un événement effacé : sa clé n'est plus liée au journal.
CREATE TABLE chaine_nouvelle (
    seq       INTEGER PRIMARY KEY,
    empreinte TEXT    NOT NULL
);
INSERT INTO chaine_nouvelle (seq, empreinte) SELECT seq, empreinte FROM chaine;
DROP TABLE chaine;
ALTER TABLE chaine_nouvelle RENAME TO chaine;

CREATE TRIGGER chaine_sans_modification BEFORE UPDATE ON chaine
BEGIN
    SELECT RAISE(ABORT, 'la chaîne du journal est en ajout seul');
END;

CREATE TRIGGER chaine_sans_suppression BEFORE DELETE ON chaine
BEGIN
    SELECT RAISE(ABORT, 'la chaîne du journal est en ajout seul');
END;

-- Ce que les dossiers effacés apportaient aux indicateurs, pour que les comptes survivent
-- à une reconstruction : des comptes par mois et agence, sans personne derrière.
CREATE TABLE indicateurs_archives (
    mois    TEXT    NOT NULL,
    agence  TEXT    NOT NULL,
    cle     TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    total   INTEGER NOT NULL,
    brsa    INTEGER NOT NULL,
    somme   INTEGER NOT NULL,
    PRIMARY KEY (mois, agence, cle, detail)
) WITHOUT ROWID;
