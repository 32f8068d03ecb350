-- Les fichiers que Binôme a écrits pour l'utilisateur (documents, exports) : un fichier
-- existant n'est remplacé sans demander que s'il est celui que Binôme a écrit pour le même
-- export, inchangé depuis (même empreinte).
CREATE TABLE sorties (
    chemin    TEXT PRIMARY KEY,
    export    TEXT NOT NULL,
    empreinte TEXT NOT NULL,
    ecrit_le  TEXT NOT NULL
);
