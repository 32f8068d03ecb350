-- La date du diagnostic le moins récent des deux volets (le plus ancien des derniers
-- entretiens de chaque volet) : un diagnostic trop ancien est signalé pendant
-- l'accompagnement global. Remplie par la reprojection qui suit la migration.
ALTER TABLE dossiers ADD COLUMN dernier_diagnostic TEXT;
