-- L'échange entre installations : le journal accueille les événements de deux origines.
--
-- Chaque événement garde son origine (l'installation qui l'a écrit ; NULL pour ceux écrits ici
-- avant cette migration), son numéro là-bas (NULL : celui d'ici, `seq`), et une horloge
-- logique hybride (`hlc_ms`, `hlc_c`) qui donne aux deux installations le même ordre commun :
-- (hlc_ms, hlc_c, origine, seq_origine). Les événements d'avant ont l'horloge (0, 0) : ils
-- précèdent tout ce qui suit, dans leur ordre d'écriture. `paquet` dit de quel paquet reçu
-- vient l'événement (NULL : écrit ici). La chaîne couvre ces colonnes dès qu'elles sont remplies.
ALTER TABLE evenements ADD COLUMN origine     TEXT;
ALTER TABLE evenements ADD COLUMN seq_origine INTEGER;
ALTER TABLE evenements ADD COLUMN hlc_ms      INTEGER NOT NULL DEFAULT 0;
ALTER TABLE evenements ADD COLUMN hlc_c       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE evenements ADD COLUMN paquet      INTEGER;  -- paquets_recus.id (sans clé étrangère : le registre est en ajout seul)
CREATE UNIQUE INDEX evenements_par_origine ON evenements (origine, seq_origine);
CREATE INDEX evenements_ordre ON evenements (dossier_id, hlc_ms, hlc_c, origine, seq_origine);
CREATE INDEX evenements_horloge ON evenements (hlc_ms, hlc_c);

-- Les paquets reçus, en ajout seul : en-tête signé et signature, preuve de qui a envoyé quoi
-- (la charge, elle, est dans le journal).
CREATE TABLE paquets_recus (
    id           INTEGER PRIMARY KEY,
    emetteur     TEXT    NOT NULL,  -- compte de l'émetteur (sa carte)
    installation TEXT    NOT NULL,  -- son installation : l'origine de ses événements
    numero       INTEGER NOT NULL CHECK (numero >= 1),
    recu_le      TEXT    NOT NULL,
    par          TEXT    NOT NULL,  -- compte qui l'a importé ici
    entete       TEXT    NOT NULL CHECK (json_valid(entete)),
    signature    TEXT    NOT NULL,
    evenements   INTEGER NOT NULL,
    UNIQUE (emetteur, numero)
);
CREATE TRIGGER paquets_recus_sans_modification BEFORE UPDATE ON paquets_recus
BEGIN
    SELECT RAISE(ABORT, 'le registre des paquets reçus est en ajout seul');
END;

-- Les paquets envoyés : le numéro suivant, et ce qui a changé depuis le dernier.
CREATE TABLE paquets_envoyes (
    destinataire TEXT    NOT NULL,  -- compte du partenaire
    numero       INTEGER NOT NULL CHECK (numero >= 1),
    cree_le      TEXT    NOT NULL,
    par          TEXT    NOT NULL,
    dossiers     INTEGER NOT NULL,
    evenements   INTEGER NOT NULL,
    jusqua_seq   INTEGER NOT NULL,  -- le dernier `seq` d'ici quand il a été écrit
    PRIMARY KEY (destinataire, numero)
);

-- Ce que le partenaire dit avoir reçu de nos événements, par dossier : tout jusqu'à `jusqua`
-- (notre `seq`). Le paquet suivant part de là : un paquet perdu se rattrape par le suivant.
CREATE TABLE accuses (
    partenaire TEXT    NOT NULL,
    dossier_id TEXT    NOT NULL,
    jusqua     INTEGER NOT NULL,
    PRIMARY KEY (partenaire, dossier_id)
);
