-- Le journal d'audit : qui a consulté, créé, modifié, imprimé ou exporté quel dossier, et
-- quand (des identifiants, jamais de contenu). Chaque entrée porte l'empreinte (SHA-256) de
-- son contenu et de l'entrée précédente ; une entrée ne se modifie jamais. La purge retire
-- les plus anciennes et garde, dans `audit_point`, le numéro et l'empreinte de la dernière
-- retirée : la suite reste vérifiable.
CREATE TABLE audit (
    n          INTEGER PRIMARY KEY,
    horodatage TEXT    NOT NULL,
    qui        TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    dossier    TEXT,
    chainee_a  TEXT    NOT NULL,
    empreinte  TEXT    NOT NULL
);

CREATE INDEX audit_par_dossier ON audit (dossier, n);

CREATE TABLE audit_point (
    seul      INTEGER PRIMARY KEY CHECK (seul = 1),
    n         INTEGER NOT NULL,
    empreinte TEXT    NOT NULL
);

INSERT INTO audit_point (seul, n, empreinte)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_sans_modification BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'le journal d''audit est en ajout seul');
END;
