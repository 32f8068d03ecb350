-- Base de ressources partenariales : une ligne par ressource (fiche complète en JSON et
-- colonnes de recherche), un index plein texte sans accents, un index spatial, les
-- familles et besoins auxquels chacune répond, et l'historique de chaque modification
-- avec son auteur (en ajout seul).

CREATE TABLE ressources (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    nom         TEXT NOT NULL,
    modalite    TEXT NOT NULL,
    publics     TEXT NOT NULL CHECK (json_valid(publics)),
    commune     TEXT NOT NULL,
    latitude    REAL,
    longitude   REAL,
    archivee    INTEGER NOT NULL DEFAULT 0,
    date_maj    TEXT NOT NULL,
    donnees     TEXT NOT NULL CHECK (json_valid(donnees)),
    UNIQUE (source, source_id)
);

-- Compter vite les fiches qu'une recherche par distance ne peut pas trouver.
CREATE INDEX ressources_sans_coordonnees ON ressources(archivee) WHERE latitude IS NULL;

CREATE TABLE ressources_cibles (
    ressource   INTEGER NOT NULL REFERENCES ressources(rowid),
    famille     TEXT NOT NULL,
    besoin      TEXT NOT NULL,
    PRIMARY KEY (famille, besoin, ressource)
) WITHOUT ROWID;
CREATE INDEX ressources_cibles_ressource ON ressources_cibles(ressource);

-- Le texte indexé n'est pas dupliqué : seuls les jetons sont gardés. La colonne
-- `cibles` porte les familles et besoins en jetons (`zf…`, `zb…`) : texte et frein se
-- croisent dans l'index, sans table intermédiaire.
CREATE VIRTUAL TABLE ressources_texte USING fts5(
    nom, structure, description, public, cibles,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIRTUAL TABLE ressources_geo USING rtree(
    ressource, lat_min, lat_max, lon_min, lon_max
);

CREATE TABLE ressources_historique (
    numero      INTEGER PRIMARY KEY,
    ressource   TEXT NOT NULL,
    date        TEXT NOT NULL,
    auteur      TEXT NOT NULL,
    action      TEXT NOT NULL,
    donnees     TEXT NOT NULL CHECK (json_valid(donnees))
);
CREATE INDEX ressources_historique_ressource ON ressources_historique(ressource);

CREATE TRIGGER ressources_historique_sans_modification BEFORE UPDATE ON ressources_historique
BEGIN
    SELECT RAISE(ABORT, 'l''historique des ressources est en ajout seul');
END;

CREATE TRIGGER ressources_historique_sans_suppression BEFORE DELETE ON ressources_historique
BEGIN
    SELECT RAISE(ABORT, 'l''historique des ressources est en ajout seul');
END;
