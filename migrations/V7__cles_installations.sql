-- Les clés publiques des installations dont ce poste fusionne les agrégats d'indicateurs :
-- enregistrées une fois ; une extraction signée d'une autre clé est refusée.
CREATE TABLE cles_installations (
    installation TEXT PRIMARY KEY,
    cle          TEXT NOT NULL,
    nom          TEXT NOT NULL,
    importee_le  TEXT NOT NULL
);
