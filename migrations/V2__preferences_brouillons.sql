-- Préférences du poste (utilisateur, apparence, délais, fenêtre) et brouillons des
-- formulaires, gardés pour qu'un plantage ou une fermeture ne perde rien de ce qui a été saisi.

CREATE TABLE preferences (
    cle    TEXT PRIMARY KEY,
    valeur TEXT NOT NULL CHECK (json_valid(valeur))
);

CREATE TABLE brouillons (
    cle         TEXT PRIMARY KEY,
    contenu     TEXT NOT NULL CHECK (json_valid(contenu)),
    modifie_le  TEXT NOT NULL
);
