-- L'historique des ressources ne recopie plus la fiche à chaque écriture (à la création,
-- elle est déjà dans `ressources` ; un import de 20 000 fiches l'écrivait deux fois) : il
-- garde, à chaque modification, la version remplacée. La suite des versions se relit
-- ainsi : les versions remplacées, dans l'ordre, puis la fiche actuelle.
CREATE TABLE ressources_historique_v17 (
    numero      INTEGER PRIMARY KEY,
    ressource   TEXT NOT NULL,
    date        TEXT NOT NULL,
    auteur      TEXT NOT NULL,
    action      TEXT NOT NULL,
    remplacee   TEXT CHECK (remplacee IS NULL OR json_valid(remplacee))
);

-- Ce que l'ancien historique disait : chaque ligne portait la version écrite ; la version
-- remplacée par une ligne est donc celle de la ligne précédente de la même fiche.
INSERT INTO ressources_historique_v17 (numero, ressource, date, auteur, action, remplacee)
SELECT numero, ressource, date, auteur, action,
       lag(donnees) OVER (PARTITION BY ressource ORDER BY numero)
FROM ressources_historique;

DROP TABLE ressources_historique;
ALTER TABLE ressources_historique_v17 RENAME TO ressources_historique;
CREATE INDEX ressources_historique_ressource ON ressources_historique(ressource);

CREATE TRIGGER ressources_historique_sans_modification BEFORE UPDATE ON ressources_historique
BEGIN
    SELECT RAISE(ABORT, 'l''historique des ressources est en ajout seul');
END;

CREATE TRIGGER ressources_historique_sans_suppression BEFORE DELETE ON ressources_historique
BEGIN
    SELECT RAISE(ABORT, 'l''historique des ressources est en ajout seul');
END;
