-- Indicateurs du comité de pilotage : les faits de chaque dossier, tenus à jour dans la
-- transaction de chaque événement (src/store/indicateurs.rs), pour calculer une année
-- d'indicateurs sur 100 000 dossiers sans relire le journal. Tout se recalcule à partir du
-- journal (`binome rebuild`).

-- Ce qu'il faut retenir d'un dossier pour compter ses événements suivants (JSON).
CREATE TABLE indicateurs_suivis (
    dossier_id TEXT PRIMARY KEY,
    suivi      TEXT NOT NULL CHECK (json_valid(suivi))
);

-- Les comptes par mois, agence, indicateur et détail (total, dont BRSA, somme).
CREATE TABLE indicateurs_compteurs (
    mois    TEXT    NOT NULL,
    agence  TEXT    NOT NULL,
    cle     TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    total   INTEGER NOT NULL,
    brsa    INTEGER NOT NULL,
    somme   INTEGER NOT NULL,
    PRIMARY KEY (mois, agence, cle, detail)
) WITHOUT ROWID;

-- Les portions d'accompagnement global (entrée, agence, sortie), pour les indicateurs
-- « à la fin du mois » qui dépendent de la date du calcul.
CREATE TABLE indicateurs_segments (
    dossier_id TEXT    NOT NULL,
    rang       INTEGER NOT NULL,
    entree     TEXT    NOT NULL,
    debut      TEXT    NOT NULL,
    fin        TEXT,
    agence     TEXT    NOT NULL,
    brsa       INTEGER NOT NULL CHECK (brsa IN (0, 1)),
    PRIMARY KEY (dossier_id, rang)
) WITHOUT ROWID;
