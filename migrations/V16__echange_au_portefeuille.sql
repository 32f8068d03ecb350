-- Ce que l'échange entre installations laisse à revoir, pour À faire : le nombre d'étapes
-- faites des deux côtés du binôme (conflits), et le côté dont un accord est attendu par
-- l'échange ('conseiller' ou 'referent'). Remplis par la reprojection qui suit.
ALTER TABLE dossiers ADD COLUMN conflits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN accord_attendu TEXT;
