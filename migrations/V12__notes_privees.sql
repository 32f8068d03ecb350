-- Les notes privées du référent social : hors du journal partagé des événements (elles ne
-- s'échangent ni ne s'impriment), lisibles de leur seul auteur, référent social du dossier.
CREATE TABLE notes_privees (
    id        TEXT PRIMARY KEY,
    dossier   TEXT NOT NULL,
    auteur    TEXT NOT NULL,
    ecrite_le TEXT NOT NULL,
    texte     TEXT NOT NULL
);

CREATE INDEX notes_privees_par_dossier ON notes_privees (dossier, auteur, ecrite_le);
