-- Les identités des comptes pour l'échange entre installations : une clé de signature
-- (Ed25519) et une clé de chiffrement (X25519, format age), secrètes, dans la base chiffrée.
CREATE TABLE identites (
    compte              TEXT PRIMARY KEY,
    signature_secrete   TEXT NOT NULL,
    chiffrement_secret  TEXT NOT NULL,
    creee_le            TEXT NOT NULL
);

-- Les cartes de binôme reçues des partenaires ; une carte n'est vérifiée qu'après comparaison
-- de son empreinte avec le partenaire (au téléphone, par exemple).
CREATE TABLE cartes (
    compte       TEXT PRIMARY KEY,
    carte        TEXT NOT NULL CHECK (json_valid(carte)),
    empreinte    TEXT NOT NULL,
    importee_le  TEXT NOT NULL,
    verifiee_le  TEXT
);
