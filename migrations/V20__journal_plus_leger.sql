-- Un événement écrit une page de moins : l'index (dossier_id, seq) double ceux qui
-- commencent déjà par dossier_id (l'ordre commun `evenements_ordre`, l'unicité
-- (dossier_id, version)). Les lectures d'un dossier passent par eux ; ses quelques
-- dizaines d'événements se trient en mémoire quand il faut l'ordre d'écriture.
DROP INDEX IF EXISTS evenements_dossier;
