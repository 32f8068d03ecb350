-- Binôme, schéma initial.
-- Le journal `evenements` est la source de vérité, en ajout seul ; les autres tables
-- sont des projections, reconstruites à partir du journal par `binome rebuild`.

CREATE TABLE evenements (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT    NOT NULL UNIQUE,
    dossier_id       TEXT,
    professionnel_id TEXT,
    version          INTEGER NOT NULL CHECK (version >= 1),
    auteur           TEXT    NOT NULL,
    horodatage       TEXT    NOT NULL,
    type             TEXT    NOT NULL,
    donnees          TEXT    NOT NULL CHECK (json_valid(donnees)),
    CHECK ((dossier_id IS NULL) <> (professionnel_id IS NULL)),
    UNIQUE (dossier_id, version),
    UNIQUE (professionnel_id, version)
);
CREATE INDEX evenements_dossier ON evenements (dossier_id, seq);

CREATE TRIGGER evenements_sans_modification BEFORE UPDATE ON evenements
BEGIN
    SELECT RAISE(ABORT, 'le journal des événements est en ajout seul');
END;

CREATE TRIGGER evenements_sans_suppression BEFORE DELETE ON evenements
BEGIN
    SELECT RAISE(ABORT, 'le journal des événements est en ajout seul');
END;

CREATE TABLE professionnels (
    id        TEXT    PRIMARY KEY,
    version   INTEGER NOT NULL,
    role      TEXT    NOT NULL CHECK (role IN ('conseiller', 'referent')),
    nom       TEXT    NOT NULL,
    prenom    TEXT    NOT NULL,
    structure TEXT    NOT NULL,
    donnees   TEXT    NOT NULL CHECK (json_valid(donnees))
);

CREATE TABLE dossiers (
    id                   TEXT    PRIMARY KEY,
    version              INTEGER NOT NULL,
    nom                  TEXT    NOT NULL,
    prenom               TEXT    NOT NULL,
    identifiant_ft       TEXT    NOT NULL,
    commune              TEXT    NOT NULL,
    agence               TEXT    NOT NULL,
    brsa                 INTEGER NOT NULL CHECK (brsa IN (0, 1)),
    enfant_mineur        INTEGER NOT NULL CHECK (enfant_mineur IN (0, 1)),
    modalite             TEXT    NOT NULL CHECK (modalite IN ('AG', 'ASE')),
    etape                TEXT    NOT NULL,
    initiative           TEXT    NOT NULL CHECK (initiative IN ('conseiller', 'referent')),
    conseiller_id        TEXT    REFERENCES professionnels (id),
    conseiller           TEXT,
    referent_id          TEXT    REFERENCES professionnels (id),
    referent             TEXT,
    date_ouverture       TEXT    NOT NULL,
    date_entree          TEXT,
    date_fin             TEXT,
    reconduit            INTEGER NOT NULL CHECK (reconduit IN (0, 1)),
    date_cloture         TEXT,
    motif_cloture        TEXT,
    dernier_contact      TEXT,
    fiche_attente_numero INTEGER,
    fiche_attente_date   TEXT,
    point_numero         INTEGER,
    point_date           TEXT,
    action_numero        INTEGER,
    action_date          TEXT,
    suite                TEXT    NOT NULL
);
-- Une personne n'a qu'un dossier en cours à la fois.
CREATE UNIQUE INDEX dossiers_un_seul_en_cours ON dossiers (identifiant_ft) WHERE etape <> 'cloture';
CREATE INDEX dossiers_etape ON dossiers (etape);
CREATE INDEX dossiers_nom ON dossiers (nom, prenom, id);
CREATE INDEX dossiers_conseiller ON dossiers (conseiller_id);
CREATE INDEX dossiers_referent ON dossiers (referent_id);

-- L'état complet de chaque dossier, à part pour garder le portefeuille compact.
CREATE TABLE etats_dossiers (
    id   TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
    etat TEXT NOT NULL CHECK (json_valid(etat))
);
