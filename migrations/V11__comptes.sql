-- Les comptes du poste et les délégations. Les mots de passe n'y sont pas : la clé de la
-- base, enveloppée par la clé tirée de chaque mot de passe, est dans le trousseau à côté
-- de la base (binome.cles).
CREATE TABLE comptes (
    id             TEXT    PRIMARY KEY,
    identifiant    TEXT    NOT NULL UNIQUE,
    professionnel  TEXT,
    administrateur INTEGER NOT NULL DEFAULT 0,
    actif          INTEGER NOT NULL DEFAULT 1,
    cree_le        TEXT    NOT NULL
);

CREATE UNIQUE INDEX comptes_par_professionnel ON comptes (professionnel)
    WHERE professionnel IS NOT NULL;

-- Une délégation ne s'efface pas : elle se retire (retiree_le), pour que l'on sache qui a
-- pu voir quoi et quand.
CREATE TABLE delegations (
    id           TEXT PRIMARY KEY,
    titulaire    TEXT NOT NULL,
    delegataire  TEXT NOT NULL,
    dossier      TEXT,
    debut        TEXT NOT NULL,
    fin          TEXT NOT NULL,
    accordee_par TEXT NOT NULL,
    accordee_le  TEXT NOT NULL,
    retiree_le   TEXT
);

CREATE INDEX delegations_par_delegataire ON delegations (delegataire);
