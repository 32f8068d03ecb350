-- Trois pages de moins à chaque événement écrit sur ce poste.
--
-- Un événement d'ici (sans rang d'origine) n'entre plus dans deux index qui ne servent
-- qu'aux événements reçus du partenaire :
-- - l'unicité (origine, rang là-bas) ne concerne que les reçus (les nôtres ont un rang vide,
--   jamais en double) ;
-- - la plus grande horloge du journal est celle du dernier événement écrit ici (chacun
--   dépasse tout ce que le journal connaissait) ou celle d'un reçu : seuls les reçus ont
--   besoin d'un index pour la trouver.
DROP INDEX evenements_par_origine;
CREATE UNIQUE INDEX evenements_par_origine ON evenements (origine, seq_origine)
    WHERE seq_origine IS NOT NULL;
DROP INDEX evenements_horloge;
CREATE INDEX evenements_horloge_recus ON evenements (hlc_ms, hlc_c)
    WHERE seq_origine IS NOT NULL;

-- L'ordre commun d'un dossier n'a plus son index : ses événements se trouvent par l'unicité
-- (dossier_id, version) et ses quelques dizaines d'entrées se trient en mémoire, comme
-- l'ordre d'écriture depuis la migration 20.
DROP INDEX evenements_ordre;
