-- L'index plein texte des ressources garde jusqu'à 32 Mio en mémoire avant d'écrire un
-- segment (1 Mio par défaut) : un import de 20 000 fiches l'écrit en un segment au lieu
-- d'une vingtaine, que FTS5 fusionnait ensuite pendant l'import. Une modification d'une
-- fiche reste bien en dessous : rien ne change pour elle.
INSERT INTO ressources_texte (ressources_texte, rank) VALUES ('hashsize', 33554432);
