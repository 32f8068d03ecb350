//! Base de ressources partenariales : écriture (réservée au profil « mise à jour »,
//! chaque modification dans l'historique avec son auteur), import tout-ou-rien et
//! recherche multicritère (index plein texte FTS5 et index spatial R*Tree).

use chrono::NaiveDateTime;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use uuid::Uuid;

use super::{ErreurStore, Store};
use crate::domain::professionnel::Professionnel;
use crate::domain::ressources::lecture::{Issue, LigneLue};
use crate::domain::ressources::recherche::{
    distance_km, mots, rectangle, Criteres, Resultats, Trouvee,
};
use crate::domain::ressources::{Contexte, Habilitation, Ressource};
use crate::domain::texte::normaliser;

/// Ce que l'import a fait (ou ferait, à blanc).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RapportImport {
    pub lues: usize,
    pub creees: usize,
    pub mises_a_jour: usize,
    pub inchangees: usize,
    pub ignorees: Vec<String>,
    /// Une ligne par erreur : « fichier, ligne n (référence) : message ».
    pub erreurs: Vec<String>,
    pub avertissements: Vec<String>,
    /// Vrai si la base a été modifiée.
    pub applique: bool,
}

impl RapportImport {
    pub fn resume(&self) -> String {
        let verbe = if self.applique {
            "Import terminé"
        } else if self.erreurs.is_empty() {
            "Essai à blanc, rien n'a été enregistré"
        } else {
            "Import refusé, rien n'a été enregistré"
        };
        format!(
            "{verbe} : {} ligne(s) lue(s), {} créée(s), {} mise(s) à jour, {} inchangée(s), {} ignorée(s) (hors des 7 familles), {} erreur(s), {} avertissement(s).",
            self.lues,
            self.creees,
            self.mises_a_jour,
            self.inchangees,
            self.ignorees.len(),
            self.erreurs.len(),
            self.avertissements.len()
        )
    }
}

/// Une modification de l'historique d'une ressource.
#[derive(Debug, Clone, PartialEq)]
pub struct Modification {
    pub date: String,
    pub auteur: String,
    pub action: String,
    /// La fiche telle qu'elle était avant cette écriture (aucune à la création).
    pub remplacee: Option<Box<Ressource>>,
}

fn exiger_habilitation(par: &Professionnel) -> Result<(), ErreurStore> {
    match par.habilitation {
        Habilitation::MiseAJour => Ok(()),
        Habilitation::Consultation => Err(ErreurStore::NonHabilite),
    }
}

fn maintenant() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Écrit la ressource et ses index ; renvoie son numéro de ligne. `nouvelle` : aucune
/// fiche de cet identifiant, donc ni version remplacée à chercher ni index à effacer
/// (l'import de milliers de fiches n'en paie pas le coût).
fn ecrire(
    tx: &Transaction,
    r: &Ressource,
    action: &str,
    nouvelle: bool,
    texte: &mut IndexTexte,
) -> Result<i64, ErreurStore> {
    ecrire_forme(tx, r, Forme::de(r)?, action, nouvelle, texte)
}

/// Ce qu'une fiche écrit hors de ses colonnes simples : son JSON et le texte de l'index.
/// Mis en forme hors de la transaction, sur l'autre cœur pendant un import.
struct Forme {
    id: String,
    date_maj: String,
    /// L'instant noté à l'historique.
    quand: String,
    donnees: String,
    publics: String,
    texte: [String; 5],
}

impl Forme {
    fn de(r: &Ressource) -> Result<Forme, ErreurStore> {
        Ok(Forme {
            id: r.id.to_string(),
            date_maj: r.date_maj.to_string(),
            quand: maintenant(),
            donnees: serde_json::to_string(r)?,
            publics: serde_json::to_string(&r.publics)?,
            texte: colonnes_texte(r),
        })
    }
}

fn ecrire_forme(
    tx: &Transaction,
    r: &Ressource,
    forme: Forme,
    action: &str,
    nouvelle: bool,
    texte: &mut IndexTexte,
) -> Result<i64, ErreurStore> {
    // La version remplacée d'abord (rien à la création : la fiche est dans `ressources`).
    tx.prepare_cached(if nouvelle {
        "INSERT INTO ressources_historique (ressource, date, auteur, action, remplacee)
         VALUES (?1, ?2, ?3, ?4, NULL)"
    } else {
        "INSERT INTO ressources_historique (ressource, date, auteur, action, remplacee)
         VALUES (?1, ?2, ?3, ?4, (SELECT donnees FROM ressources WHERE id = ?1))"
    })?
    .execute(params![forme.id, forme.quand, r.auteur, action])?;
    // Une fiche nouvelle : un INSERT simple. Une erreur y annule toute la transaction
    // (`OR ROLLBACK`), ce que l'appelant ferait de toute façon ; SQLite n'a donc pas à
    // garder de quoi défaire cette seule instruction (le journal d'instruction coûtait
    // ≈ 4 % d'un import).
    let sql = if nouvelle {
        "INSERT OR ROLLBACK INTO ressources (id, source, source_id, nom, modalite, publics,
                                 commune, latitude, longitude, archivee, date_maj, donnees)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    } else {
        "INSERT INTO ressources (id, source, source_id, nom, modalite, publics, commune,
                                 latitude, longitude, archivee, date_maj, donnees)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET
             source = excluded.source, source_id = excluded.source_id, nom = excluded.nom,
             modalite = excluded.modalite, publics = excluded.publics,
             commune = excluded.commune, latitude = excluded.latitude,
             longitude = excluded.longitude, archivee = excluded.archivee,
             date_maj = excluded.date_maj, donnees = excluded.donnees
         RETURNING rowid"
    };
    let mut st = tx.prepare_cached(sql)?;
    let valeurs = params![
        forme.id,
        r.source,
        r.source_id,
        r.nom,
        r.modalite.code(),
        forme.publics,
        r.commune,
        r.latitude,
        r.longitude,
        r.archivee,
        forme.date_maj,
        forme.donnees,
    ];
    let rowid: i64 = if nouvelle {
        st.execute(valeurs)?;
        tx.last_insert_rowid()
    } else {
        st.query_row(valeurs, |l| l.get(0))?
    };
    if !nouvelle {
        tx.prepare_cached("DELETE FROM ressources_cibles WHERE ressource = ?1")?
            .execute([rowid])?;
        texte.retirer(rowid);
        tx.prepare_cached("DELETE FROM ressources_geo WHERE ressource = ?1")?
            .execute([rowid])?;
    }
    indexer(tx, rowid, r, forme.texte, texte)?;
    Ok(rowid)
}

/// Une ligne lue, mise en forme sur l'autre cœur.
struct Mise {
    ligne: LigneLue,
    /// Pour une fiche valide : son JSON et le texte de l'index.
    forme: Option<Result<Forme, ErreurStore>>,
    /// Le fichier a déjà donné cette fiche (même source, même identifiant) : elle est à
    /// chercher dans la base même au premier import de sa source.
    relue: bool,
}

/// Pour chaque source rencontrée par un import : a-t-elle déjà des fiches dans la base ?
/// Au premier import d'une source, aucune des milliers de lignes n'y est cherchée.
#[derive(Default)]
struct SourcesEnBase(std::collections::HashMap<String, bool>);

impl SourcesEnBase {
    fn ont_des_fiches(&mut self, tx: &Transaction, source: &str) -> Result<bool, ErreurStore> {
        if let Some(b) = self.0.get(source) {
            return Ok(*b);
        }
        let b = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM ressources WHERE source = ?1)")?
            .query_row([source], |x| x.get(0))?;
        self.0.insert(source.to_string(), b);
        Ok(b)
    }
}

/// L'auteur noté, puis le JSON et le texte de l'index ; `lues` : (source, identifiant) des
/// fiches déjà données par le fichier.
fn mettre_en_forme(
    mut ligne: LigneLue,
    auteur: Option<&str>,
    lues: &mut std::collections::HashSet<(String, String)>,
) -> Mise {
    let (forme, relue) = match &mut ligne.issue {
        Issue::Valide(r) => {
            r.auteur = match (auteur, r.auteur.is_empty()) {
                (Some(a), _) => a.to_string(),
                (None, true) => "import de fichier".into(),
                (None, false) => std::mem::take(&mut r.auteur),
            };
            let relue = !lues.insert((r.source.clone(), r.source_id.clone()));
            (Some(Forme::de(r)), relue)
        }
        _ => (None, false),
    };
    Mise {
        ligne,
        forme,
        relue,
    }
}

/// L'index plein texte d'une transaction, écrit d'un bloc avant sa validation. FTS5 vide
/// sa mémoire en un segment sur disque à chaque point de sauvegarde d'instruction, donc à
/// chaque INSERT d'une autre table : entremêlé, un import de 20 000 fiches faisait 20 000
/// segments à fusionner (la moitié de son temps) ; groupé, il en fait un.
#[derive(Default)]
struct IndexTexte(Vec<OperationTexte>);

enum OperationTexte {
    Retirer(i64),
    Ajouter(i64, [String; 5]),
}

impl IndexTexte {
    fn retirer(&mut self, rowid: i64) {
        self.0.push(OperationTexte::Retirer(rowid));
    }

    fn ajouter(&mut self, rowid: i64, colonnes: [String; 5]) {
        self.0.push(OperationTexte::Ajouter(rowid, colonnes));
    }

    /// Les opérations dans leur ordre (une fiche reprise deux fois est retirée avant
    /// d'être remise).
    fn ecrire(self, tx: &Transaction) -> Result<(), ErreurStore> {
        let mut retirer = tx.prepare_cached("DELETE FROM ressources_texte WHERE rowid = ?1")?;
        let mut ajouter = tx.prepare_cached(
            "INSERT INTO ressources_texte (rowid, nom, structure, description, public, cibles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for o in self.0 {
            match o {
                OperationTexte::Retirer(rowid) => retirer.execute([rowid])?,
                OperationTexte::Ajouter(rowid, [a, b, c, d, e]) => {
                    ajouter.execute(params![rowid, a, b, c, d, e])?
                }
            };
        }
        Ok(())
    }
}

/// Les colonnes de l'index plein texte : nom, structure, description, public, cibles.
fn colonnes_texte(r: &Ressource) -> [String; 5] {
    [
        r.nom.clone(),
        r.structure.clone(),
        r.description.clone(),
        r.texte_public(),
        jetons_cibles(r),
    ]
}

fn indexer(
    tx: &Transaction,
    rowid: i64,
    r: &Ressource,
    colonnes: [String; 5],
    texte: &mut IndexTexte,
) -> Result<(), ErreurStore> {
    let mut cible = tx.prepare_cached(
        "INSERT OR IGNORE INTO ressources_cibles (ressource, famille, besoin) VALUES (?1, ?2, ?3)",
    )?;
    for c in &r.cibles {
        cible.execute(params![rowid, c.famille, c.besoin])?;
    }
    texte.ajouter(rowid, colonnes);
    if let (Some(la), Some(lo)) = (r.latitude, r.longitude) {
        tx.prepare_cached(
            "INSERT INTO ressources_geo (ressource, lat_min, lat_max, lon_min, lon_max)
             VALUES (?1, ?2, ?2, ?3, ?3)",
        )?
        .execute(params![rowid, la, lo])?;
    }
    Ok(())
}

/// Un code (`se-loger`) en un jeton de l'index : lettres et chiffres seuls.
fn jeton(prefixe: &str, code: &str) -> String {
    let mut j = prefixe.to_string();
    j.extend(code.chars().filter(char::is_ascii_alphanumeric));
    j
}

fn jetons_cibles(r: &Ressource) -> String {
    r.cibles
        .iter()
        .map(|c| {
            let besoin = if c.besoin.is_empty() {
                jeton("zb", &format!("{}tout", c.famille))
            } else {
                jeton("zb", &c.besoin)
            };
            format!("{} {besoin}", jeton("zf", &c.famille))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn lire_ressource(donnees: &str) -> Result<Ressource, ErreurStore> {
    Ok(serde_json::from_str(donnees)?)
}

/// Deux fiches sont identiques si seul ce que Binôme ajoute diffère.
fn meme_contenu(a: &Ressource, b: &Ressource) -> bool {
    let mut b = b.clone();
    b.id = a.id;
    b.auteur = a.auteur.clone();
    b.archivee = a.archivee;
    // Le CSV garde 6 décimales (10 cm) : une coordonnée relue n'est pas un changement.
    let proche = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-6,
        (x, y) => x == y,
    };
    if proche(a.latitude, b.latitude) && proche(a.longitude, b.longitude) {
        b.latitude = a.latitude;
        b.longitude = a.longitude;
    }
    *a == b
}

/// Recalcule les index (familles, texte, espace) de chaque fiche à partir de la fiche
/// elle-même : `binome rebuild` répare ainsi un index abîmé.
pub(super) fn reindexer(tx: &Transaction) -> Result<u64, ErreurStore> {
    tx.execute_batch(
        "DELETE FROM ressources_cibles; DELETE FROM ressources_texte; DELETE FROM ressources_geo;",
    )?;
    let fiches: Vec<(i64, String)> = {
        let mut st = tx.prepare("SELECT rowid, donnees FROM ressources")?;
        let lignes = st.query_map([], |l| Ok((l.get(0)?, l.get(1)?)))?;
        lignes.collect::<Result<Vec<_>, _>>()?
    };
    let mut texte = IndexTexte::default();
    for (rowid, donnees) in &fiches {
        let r = lire_ressource(donnees)?;
        indexer(tx, *rowid, &r, colonnes_texte(&r), &mut texte)?;
    }
    texte.ecrire(tx)?;
    Ok(fiches.len() as u64)
}

/// Les écarts entre les fiches et leurs index, en phrases pour `binome check`.
pub(super) fn verifier(conn: &rusqlite::Connection) -> Result<Vec<String>, ErreurStore> {
    let compte = |sql: &str| conn.query_row(sql, [], |l| l.get::<_, i64>(0));
    let mut problemes = Vec::new();
    let fiches = compte("SELECT count(*) FROM ressources")?;
    let texte = compte("SELECT count(*) FROM ressources_texte")?;
    let geo = compte("SELECT count(*) FROM ressources_geo")?;
    let localisees = compte("SELECT count(*) FROM ressources WHERE latitude IS NOT NULL")?;
    let sans_cible = compte(
        "SELECT count(*) FROM ressources r WHERE NOT EXISTS
         (SELECT 1 FROM ressources_cibles c WHERE c.ressource = r.rowid)",
    )?;
    if texte != fiches || geo != localisees || sans_cible > 0 {
        problemes.push(format!(
            "index des ressources incomplets ({fiches} fiches : {texte} dans l'index texte, {geo} sur {localisees} dans l'index spatial, {sans_cible} sans famille) : lancez « binome rebuild »"
        ));
    }
    Ok(problemes)
}

impl Store {
    /// Crée ou modifie une fiche, au nom d'un professionnel habilité à la mise à jour.
    pub fn enregistrer_ressource(
        &mut self,
        mut r: Ressource,
        par: &Professionnel,
        ctx: Contexte,
    ) -> Result<Ressource, ErreurStore> {
        exiger_habilitation(par)?;
        r.verifier(ctx)?;
        r.auteur = par.nom_affiche();
        let tx = self.conn.transaction()?;
        let existe: Option<String> = tx
            .query_row(
                "SELECT id FROM ressources WHERE source = ?1 AND source_id = ?2",
                params![r.source, r.source_id],
                |l| l.get(0),
            )
            .optional()?;
        if let Some(autre) = existe.filter(|i| *i != r.id.to_string()) {
            return Err(ErreurStore::DoublonSource {
                autre,
                source_id: r.source_id.clone(),
                nom_source: r.source.clone(),
            });
        }
        let nouvelle = tx
            .query_row(
                "SELECT 1 FROM ressources WHERE id = ?1",
                [r.id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_none();
        let mut texte = IndexTexte::default();
        ecrire(
            &tx,
            &r,
            if nouvelle {
                "création"
            } else {
                "modification"
            },
            nouvelle,
            &mut texte,
        )?;
        texte.ecrire(&tx)?;
        tx.commit()?;
        Ok(r)
    }

    /// Archive (ou restaure) une fiche : elle sort des recherches mais reste consultable.
    pub fn archiver_ressource(
        &mut self,
        id: Uuid,
        archiver: bool,
        par: &Professionnel,
    ) -> Result<Ressource, ErreurStore> {
        exiger_habilitation(par)?;
        let tx = self.conn.transaction()?;
        let donnees: String = tx
            .query_row(
                "SELECT donnees FROM ressources WHERE id = ?1",
                [id.to_string()],
                |l| l.get(0),
            )
            .optional()?
            .ok_or_else(|| ErreurStore::RessourceInconnue(id.to_string()))?;
        let mut r = lire_ressource(&donnees)?;
        r.archivee = archiver;
        r.auteur = par.nom_affiche();
        let mut texte = IndexTexte::default();
        ecrire(
            &tx,
            &r,
            if archiver {
                "archivage"
            } else {
                "restauration"
            },
            false,
            &mut texte,
        )?;
        texte.ecrire(&tx)?;
        tx.commit()?;
        Ok(r)
    }

    /// Importe les lignes lues, tout ou rien : une seule erreur et rien n'est écrit.
    /// Une ressource déjà présente (même source, même identifiant) est mise à jour.
    pub fn importer_ressources(
        &mut self,
        lignes: Vec<LigneLue>,
        par: Option<&Professionnel>,
        essai: bool,
    ) -> Result<RapportImport, ErreurStore> {
        self.importer_ressources_suivi(lignes, par, essai, &mut |_, _, _| true)
    }

    /// Comme `importer_ressources`, avec l'avancement toutes les 500 lignes ; arrêté, rien
    /// n'est enregistré.
    pub fn importer_ressources_suivi(
        &mut self,
        lignes: Vec<LigneLue>,
        par: Option<&Professionnel>,
        essai: bool,
        progres: super::Progres,
    ) -> Result<RapportImport, ErreurStore> {
        // L'essai à blanc n'écrit rien : tout profil peut vérifier un fichier.
        if let (Some(p), false) = (par, essai) {
            exiger_habilitation(p)?;
        }
        // Sans utilisateur (installation neuve, démonstration), l'auteur noté dans la fiche
        // est gardé s'il y en a un.
        let auteur = par.map(|p| format!("{} (import)", p.nom_affiche()));
        let rapport = RapportImport {
            lues: lignes.len(),
            ..Default::default()
        };
        // Pendant l'import seulement, et parce que ce qu'il écrit est sûr par construction :
        // - les colonnes JSON viennent de serde_json, donc valides : leur contrôle
        //   (`json_valid`, relu par SQLite à chaque ligne) coûtait ≈ 10 % de l'import ;
        // - les familles d'une fiche renvoient à la ligne qu'il vient d'écrire : la clé
        //   étrangère n'a pas à la rechercher trois fois par fiche ;
        // - un cache plus grand (≈ 2 Ko écrits par fiche) évite d'écrire au journal, avant la
        //   validation, des pages qu'il faudra réécrire.
        // Tout redevient comme avant, même en cas d'erreur.
        self.conn.execute_batch(
            "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;
             PRAGMA cache_size = -131072;",
        )?;
        let fait = self.importer_lignes(lignes, auteur, essai, progres, rapport);
        self.conn.execute_batch(&format!(
            "PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = {};",
            super::CACHE_KIO
        ))?;
        fait
    }

    fn importer_lignes(
        &mut self,
        lignes: Vec<LigneLue>,
        auteur: Option<String>,
        essai: bool,
        progres: super::Progres,
        mut rapport: RapportImport,
    ) -> Result<RapportImport, ErreurStore> {
        let total = lignes.len();
        let auteur = auteur.as_deref();
        // Deux cœurs : l'un met les fiches en forme (auteur, JSON, texte de l'index, lignes
        // répétées) et libère celles qui sont écrites ; l'autre les écrit dans la base, dans
        // l'ordre du fichier. Elles passent par paquets : une à une, l'attente de chaque
        // passage coûtait presque autant que leur mise en forme.
        std::thread::scope(|fils| {
            // Déclarés ici : une erreur ou une annulation les ferme en quittant ce bloc, et
            // les deux fils s'arrêtent avant que `scope` les attende.
            let (envoi, arrivee) = std::sync::mpsc::sync_channel::<Vec<Mise>>(8);
            let (jeter, poubelle) = std::sync::mpsc::channel::<Vec<Mise>>();
            fils.spawn(move || {
                let mut lues = std::collections::HashSet::new();
                let mut lignes = lignes.into_iter().peekable();
                while lignes.peek().is_some() {
                    let paquet: Vec<Mise> = lignes
                        .by_ref()
                        .take(128)
                        .map(|l| mettre_en_forme(l, auteur, &mut lues))
                        .collect();
                    // La réception arrêtée (erreur, import annulé) : plus rien à mettre en forme.
                    if envoi.send(paquet).is_err() {
                        break;
                    }
                }
            });
            fils.spawn(move || poubelle.into_iter().for_each(drop));
            let tx = self.conn.transaction()?;
            let mut texte = IndexTexte::default();
            let mut sources = SourcesEnBase::default();
            let mut i = 0;
            for mut paquet in arrivee {
                for m in &mut paquet {
                    if i % 500 == 0 && !progres("Import", i, total) {
                        return Err(ErreurStore::Annule);
                    }
                    i += 1;
                    for a in &m.ligne.avertissements {
                        rapport
                            .avertissements
                            .push(format!("{} : {a}", m.ligne.position()));
                    }
                    // La position n'est mise en forme que pour une ligne à signaler.
                    let r = match m.ligne.issue {
                        Issue::Erreur(ref e) => {
                            rapport
                                .erreurs
                                .push(format!("{} : {e}", m.ligne.position()));
                            continue;
                        }
                        Issue::Ignoree(ref e) => {
                            rapport
                                .ignorees
                                .push(format!("{} : {e}", m.ligne.position()));
                            continue;
                        }
                        Issue::Valide(ref mut r) => r,
                    };
                    // Mise en forme sur l'autre cœur pour toute ligne valide.
                    let forme = m.forme.take().unwrap_or_else(|| Forme::de(r))?;
                    let existante = if m.relue || sources.ont_des_fiches(&tx, &r.source)? {
                        tx.prepare_cached(
                            "SELECT donnees FROM ressources WHERE source = ?1 AND source_id = ?2",
                        )?
                        .query_row(params![r.source, r.source_id], |x| x.get::<_, String>(0))
                        .optional()?
                    } else {
                        None
                    };
                    match existante.map(|d| lire_ressource(&d)).transpose()? {
                        Some(e) if meme_contenu(&e, r) => rapport.inchangees += 1,
                        Some(e) => {
                            r.id = e.id;
                            r.archivee = r.archivee || e.archivee;
                            ecrire(&tx, r, "import", false, &mut texte)?;
                            rapport.mises_a_jour += 1;
                        }
                        None => {
                            ecrire_forme(&tx, r, forme, "import", true, &mut texte)?;
                            rapport.creees += 1;
                        }
                    }
                }
                // Libérer des milliers de fiches prend du temps : l'autre cœur s'en charge.
                let _ = jeter.send(paquet);
            }
            if essai || !rapport.erreurs.is_empty() {
                tx.rollback()?;
            } else {
                progres("Index de recherche", total, total);
                texte.ecrire(&tx)?;
                tx.commit()?;
                rapport.applique = true;
            }
            Ok(rapport)
        })
    }

    pub fn ressource(&self, id: Uuid) -> Result<Option<Ressource>, ErreurStore> {
        self.conn
            .query_row(
                "SELECT donnees FROM ressources WHERE id = ?1",
                [id.to_string()],
                |l| l.get::<_, String>(0),
            )
            .optional()?
            .map(|d| lire_ressource(&d))
            .transpose()
    }

    /// Les fiches dont l'identifiant Binôme ou l'identifiant à la source est celui-ci.
    pub fn trouver_ressource(&self, cle: &str) -> Result<Vec<Ressource>, ErreurStore> {
        let mut st = self
            .conn
            .prepare("SELECT donnees FROM ressources WHERE id = ?1 OR source_id = ?1 LIMIT 5")?;
        let lignes = st.query_map([cle.trim()], |l| l.get::<_, String>(0))?;
        lignes
            .map(|d| lire_ressource(&d?))
            .collect::<Result<Vec<_>, _>>()
    }

    /// Toutes les fiches, par nom (pour l'export).
    pub fn ressources(&self, avec_archivees: bool) -> Result<Vec<Ressource>, ErreurStore> {
        let mut st = self
            .conn
            .prepare("SELECT donnees FROM ressources WHERE archivee <= ?1 ORDER BY nom, rowid")?;
        let lignes = st.query_map([avec_archivees], |l| l.get::<_, String>(0))?;
        lignes
            .map(|d| lire_ressource(&d?))
            .collect::<Result<Vec<_>, _>>()
    }

    pub fn nombre_ressources(&self) -> Result<u64, ErreurStore> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM ressources WHERE archivee = 0",
            [],
            |l| l.get(0),
        )?)
    }

    pub fn historique_ressource(&self, id: Uuid) -> Result<Vec<Modification>, ErreurStore> {
        let mut st = self.conn.prepare(
            "SELECT date, auteur, action, remplacee FROM ressources_historique WHERE ressource = ?1 ORDER BY numero",
        )?;
        let lignes = st.query_map([id.to_string()], |l| {
            Ok((
                Modification {
                    date: l.get(0)?,
                    auteur: l.get(1)?,
                    action: l.get(2)?,
                    remplacee: None,
                },
                l.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut v = Vec::new();
        for l in lignes {
            let (mut m, remplacee) = l?;
            m.remplacee = remplacee
                .map(|d| lire_ressource(&d).map(Box::new))
                .transpose()?;
            v.push(m);
        }
        Ok(v)
    }

    /// Recherche multicritère. Les filtres sont faits par SQLite sur les index ; la
    /// distance exacte, les horaires et le tri, ici, sur les seules candidates.
    pub fn rechercher_ressources(
        &self,
        c: &Criteres,
        instant: NaiveDateTime,
    ) -> Result<Resultats, ErreurStore> {
        let mut sql = String::from(
            "SELECT r.rowid, r.nom, r.latitude, r.longitude FROM ressources r WHERE 1 = 1",
        );
        let mut p: Vec<rusqlite::types::Value> = Vec::new();
        if !c.archivees {
            sql.push_str(" AND r.archivee = 0");
        }
        let m = mots(&c.texte);
        // Le frein, en jetons de l'index : avec du texte, une seule requête plein texte.
        let frein = match (&c.famille, &c.besoin) {
            (Some(f), Some(b)) => Some(format!(
                "cibles : ({} OR {})",
                jeton("zb", b),
                jeton("zb", &format!("{f}tout"))
            )),
            (Some(f), None) => Some(format!("cibles : {}", jeton("zf", f))),
            (None, Some(b)) => Some(format!("cibles : {}", jeton("zb", b))),
            (None, None) => None,
        };
        let texte = (!m.is_empty()).then(|| {
            format!(
                "{{nom structure description public}} : ({})",
                m.iter()
                    .map(|x| format!("\"{x}\"*"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        });
        let requete = match (texte, frein) {
            (Some(t), Some(f)) => Some(format!("{t} AND {f}")),
            (Some(t), None) => Some(t),
            // Sans texte, la table des cibles est plus directe que l'index.
            (None, _) => None,
        };
        // Les index donnent chacun un ensemble de fiches ; leur intersection se fait sur les
        // seuls numéros, avant de lire une fiche (SQLite lisait chaque fiche du texte avant
        // de regarder la distance).
        let mut ensembles: Vec<&str> = Vec::new();
        if let Some(q) = requete {
            ensembles.push("SELECT rowid FROM ressources_texte WHERE ressources_texte MATCH ?");
            p.push(q.into());
        } else {
            match (&c.famille, &c.besoin) {
                (Some(f), Some(b)) => {
                    ensembles.push(
                        "SELECT ressource FROM ressources_cibles WHERE famille = ? AND besoin IN (?, '')",
                    );
                    p.push(f.clone().into());
                    p.push(b.clone().into());
                }
                (Some(f), None) => {
                    ensembles.push("SELECT ressource FROM ressources_cibles WHERE famille = ?");
                    p.push(f.clone().into());
                }
                (None, Some(b)) => {
                    ensembles.push("SELECT ressource FROM ressources_cibles WHERE besoin = ?");
                    p.push(b.clone().into());
                }
                (None, None) => {}
            }
        }
        if let Some(a) = &c.autour {
            let (la0, la1, lo0, lo1) = rectangle((a.latitude, a.longitude), a.rayon_km);
            ensembles.push(
                "SELECT ressource FROM ressources_geo
                 WHERE lat_min >= ? AND lat_max <= ? AND lon_min >= ? AND lon_max <= ?",
            );
            p.extend([la0.into(), la1.into(), lo0.into(), lo1.into()]);
        }
        if !ensembles.is_empty() {
            sql.push_str(" AND r.rowid IN (");
            sql.push_str(&ensembles.join(" INTERSECT "));
            sql.push(')');
        }
        if let Some(m) = c.modalite {
            sql.push_str(" AND r.modalite = ?");
            p.push(m.code().to_string().into());
        }
        if let Some(public) = &c.public {
            sql.push_str(
                " AND (r.publics = '[]' OR EXISTS (SELECT 1 FROM json_each(r.publics) WHERE value IN (?, 'tous-publics')))",
            );
            p.push(public.clone().into());
        }
        let mut st = self.conn.prepare_cached(&sql)?;
        let lignes = st.query_map(params_from_iter(p), |l| {
            Ok((
                l.get::<_, i64>(0)?,
                l.get::<_, String>(1)?,
                l.get::<_, Option<f64>>(2)?,
                l.get::<_, Option<f64>>(3)?,
            ))
        })?;
        let mut candidates: Vec<(i64, String, Option<f64>)> = Vec::new();
        for l in lignes {
            let (rowid, nom, la, lo) = l?;
            let d = match (&c.autour, la, lo) {
                (Some(a), Some(la), Some(lo)) => {
                    let d = distance_km((a.latitude, a.longitude), (la, lo));
                    if d > a.rayon_km {
                        continue;
                    }
                    Some(d)
                }
                _ => None,
            };
            candidates.push((rowid, nom, d));
        }
        let sans_coordonnees = match &c.autour {
            Some(_) => self.conn.query_row(
                "SELECT count(*) FROM ressources WHERE latitude IS NULL AND archivee = 0",
                [],
                |l| l.get::<_, i64>(0),
            )? as usize,
            None => 0,
        };
        let mut lire = self
            .conn
            .prepare_cached("SELECT donnees FROM ressources WHERE rowid = ?1")?;
        let mut charger = |rowid: i64| -> Result<Ressource, ErreurStore> {
            let d: String = lire.query_row([rowid], |l| l.get(0))?;
            lire_ressource(&d)
        };
        // « Ouvert maintenant » demande les horaires de chaque candidate.
        let mut chargees: Vec<(i64, String, Option<f64>, Option<Ressource>)> = Vec::new();
        for (rowid, nom, d) in candidates {
            if c.ouvert_maintenant {
                let r = charger(rowid)?;
                if r.horaires.ouvert(instant) != Some(true) {
                    continue;
                }
                chargees.push((rowid, nom, d, Some(r)));
            } else {
                chargees.push((rowid, nom, d, None));
            }
        }
        let total = chargees.len();
        if c.autour.is_some() {
            chargees.sort_by(|a, b| a.2.unwrap_or(f64::MAX).total_cmp(&b.2.unwrap_or(f64::MAX)));
        } else {
            chargees.sort_by_cached_key(|x| normaliser(&x.1));
        }
        let limite = if c.limite == 0 { usize::MAX } else { c.limite };
        let mut trouvees = Vec::new();
        for (rowid, _, d, r) in chargees.into_iter().take(limite) {
            let ressource = match r {
                Some(r) => r,
                None => charger(rowid)?,
            };
            let ouverte = ressource.horaires.ouvert(instant);
            trouvees.push(Trouvee {
                ressource,
                distance_km: d,
                ouverte,
            });
        }
        Ok(Resultats {
            trouvees,
            total,
            sans_coordonnees,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Store;
    use crate::domain::ressources::lecture::{Issue, LigneLue};

    fn reglages(s: &Store) -> (i64, i64, i64) {
        let lire = |p: &str| {
            s.conn
                .query_row(&format!("PRAGMA {p}"), [], |l| l.get::<_, i64>(0))
                .expect(p)
        };
        (
            lire("ignore_check_constraints"),
            lire("foreign_keys"),
            lire("cache_size"),
        )
    }

    /// L'import relâche les contrôles qu'il n'a pas besoin de refaire : ils sont rétablis
    /// après, qu'il ait réussi, échoué ou été annulé, et tiennent de nouveau.
    #[test]
    fn les_controles_relaches_pendant_un_import_sont_retablis() {
        let mut s = Store::en_memoire().expect("base");
        let avant = reglages(&s);
        assert_eq!(avant, (0, 1, i64::from(super::super::CACHE_KIO)));
        let erreur = || LigneLue {
            fichier: "f.csv".into(),
            numero: 2,
            reference: "x".into(),
            issue: Issue::Erreur("nom manquant".into()),
            avertissements: Vec::new(),
        };
        let rapport = s
            .importer_ressources(vec![erreur()], None, false)
            .expect("rapport");
        assert!(!rapport.applique);
        assert_eq!(reglages(&s), avant, "après un import refusé");
        let annule = s.importer_ressources_suivi(vec![erreur()], None, false, &mut |_, _, _| false);
        assert!(annule.is_err());
        assert_eq!(reglages(&s), avant, "après un import annulé");
        let refuse = s.conn.execute(
            "INSERT INTO ressources (id, source, source_id, nom, modalite, publics, commune,
                                     date_maj, donnees)
             VALUES ('i', 's', 'si', 'n', 'm', '[]', 'c', 'd', 'pas du JSON')",
            [],
        );
        assert!(refuse.is_err(), "le contrôle du JSON tient de nouveau");
    }
}
