-- Le second parcours : la cotraitance des jeunes demandeurs d'emploi avec les missions
-- locales. Ses événements vont au même journal (même chaîne, même horloge), sous
-- l'identifiant de la cotraitance (colonne dossier_id) et un type « cotraitance.… » ;
-- cette table est sa projection : l'identité pour le portefeuille, les faits datés en JSON
-- (l'état de chaque jour s'en déduit).
CREATE TABLE cotraitances (
    id               TEXT    PRIMARY KEY,
    version          INTEGER NOT NULL,
    nom              TEXT    NOT NULL,
    prenom           TEXT    NOT NULL,
    identifiant_ft   TEXT    NOT NULL,
    mission_locale   TEXT    NOT NULL,
    conseiller_id    TEXT,
    date_affectation TEXT    NOT NULL,
    faits            TEXT    NOT NULL CHECK (json_valid(faits))
);
CREATE INDEX cotraitances_identifiant ON cotraitances (identifiant_ft);
CREATE INDEX cotraitances_mission_locale ON cotraitances (mission_locale);
