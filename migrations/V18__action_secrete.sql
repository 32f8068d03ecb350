-- Le portefeuille dit si le titre de la prochaine action est secret pour le conseiller
-- dédié (un besoin hors du consentement, ou confidentiel) : l'ouverture d'une session n'a
-- plus à relire l'état complet de chaque dossier dont l'action est échue.
ALTER TABLE dossiers ADD COLUMN action_secrete INTEGER NOT NULL DEFAULT 0;
