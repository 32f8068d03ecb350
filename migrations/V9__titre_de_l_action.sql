-- Le titre (partageable) de l'action du carnet dont l'échéance est la plus proche : À faire
-- le montre à côté de l'alerte « action échue ». Rempli par la reprojection qui suit.
ALTER TABLE dossiers ADD COLUMN action_titre TEXT;
