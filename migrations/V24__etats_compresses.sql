-- L'état d'un dossier s'écrit compressé (LZ4 : JSON compressé, sa taille devant) : ≈ 5 Ko
-- de JSON tiennent en ≈ 1,5 Ko dans la page de la ligne, au lieu de déborder sur une autre.
-- Un événement écrit ainsi trois pages de moins (débordement, page libérée, en-tête de la
-- base). La colonne n'est plus vérifiée par `json_valid` : c'est le store qui l'écrit et la
-- relit (un état illisible est signalé à la lecture). Les états déjà écrits sont recopiés
-- tels quels, puis recalculés depuis le journal à la première ouverture.
CREATE TABLE etats_dossiers_compresses (
    id   TEXT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
    etat BLOB NOT NULL
);
INSERT INTO etats_dossiers_compresses (id, etat) SELECT id, etat FROM etats_dossiers;
DROP TABLE etats_dossiers;
ALTER TABLE etats_dossiers_compresses RENAME TO etats_dossiers;
