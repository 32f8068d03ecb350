-- L'index plein texte des ressources ne garde plus d'index de préfixes (2 et 3 lettres) :
-- ils en triplaient la taille (1 475 pages au lieu de 560 pour 20 000 fiches) et
-- coûtaient ≈ 10 % d'un import, pour gagner moins d'une milliseconde sur une recherche de
-- deux ou trois lettres (« so » : 1,4 ms au lieu de 0,5 ms sur 20 000 fiches). FTS5 trouve
-- les préfixes sans eux, en parcourant les mots qui commencent ainsi.
-- La table est refaite vide : l'ouverture la remplit à partir des fiches (Rust seul sait
-- en extraire le texte).
DROP TABLE ressources_texte;

CREATE VIRTUAL TABLE ressources_texte USING fts5(
    nom, structure, description, public, cibles,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO ressources_texte (ressources_texte, rank) VALUES ('hashsize', 33554432);
