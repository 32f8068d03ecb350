-- La chaîne du journal : chaque événement porte l'empreinte (SHA-256) de son contenu et de
-- l'empreinte de l'événement précédent. Modifier, retirer ou insérer un événement, même
-- après avoir supprimé les déclencheurs, casse la chaîne : `binome check` le voit et
-- `binome rebuild` refuse alors de recalculer quoi que ce soit à partir du journal.
CREATE TABLE chaine (
    seq       INTEGER PRIMARY KEY REFERENCES evenements (seq),
    empreinte TEXT    NOT NULL
);

CREATE TRIGGER chaine_sans_modification BEFORE UPDATE ON chaine
BEGIN
    SELECT RAISE(ABORT, 'la chaîne du journal est en ajout seul');
END;

CREATE TRIGGER chaine_sans_suppression BEFORE DELETE ON chaine
BEGIN
    SELECT RAISE(ABORT, 'la chaîne du journal est en ajout seul');
END;
