-- Le nombre d'étapes faites des deux côtés du binôme (conflits de l'échange) qui restent à
-- revoir : À faire les signale. Rempli par la reprojection qui suit.
ALTER TABLE dossiers ADD COLUMN conflits INTEGER NOT NULL DEFAULT 0;
