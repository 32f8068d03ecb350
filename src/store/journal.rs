//! Écriture : chaque commande acceptée devient un événement, ajouté au journal dans la
//! même transaction que la mise à jour des projections.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};
use uuid::Uuid;

use super::indicateurs::Compteurs;
use super::{projection, ErreurStore, Store};
use crate::domain::dossier::{decider, Commande, Contexte, Dossier, Evenement};
use crate::domain::indicateurs::Suivi;
use crate::domain::professionnel::{EvenementProfessionnel, Professionnel, Role};
use crate::domain::Refus;

/// Un événement tel que le journal le conserve.
#[derive(Debug, Clone, PartialEq)]
pub struct EvenementEnregistre {
    pub seq: i64,
    pub id: Uuid,
    pub version: u64,
    pub auteur: String,
    /// Instant d'enregistrement (UTC, RFC 3339).
    pub horodatage: String,
    pub evenement: Evenement,
    /// Reçu du partenaire du binôme (échange entre installations) : quand le paquet qui
    /// l'apportait est arrivé ici (`aaaa-mm-jjThh:mm:ss`, heure locale).
    pub recu_le: Option<String>,
}

/// Plusieurs écritures dans une seule transaction : tout ou rien.
///
/// Les événements sont écrits et chaînés un à un ; l'état d'un dossier et son suivi
/// d'indicateurs ne sont écrits qu'une fois, quand le lot passe à un autre dossier ou se
/// valide, et les comptes des indicateurs une fois pour tout le lot. Une reprise de
/// 50 000 lignes écrit ainsi chaque dossier une fois, pas une fois par étape.
pub struct Lot<'a> {
    tx: Transaction<'a>,
    origine: Uuid,
    ctx: Contexte<'a>,
    auteur: String,
    cache: HashMap<Uuid, Dossier>,
    /// Des dossiers lus avant le lot par celui qui l'écrit (voir [`Lot::connaitre`]).
    connus: HashMap<Uuid, Dossier>,
    en_cours: Option<EnCours>,
    compteurs: Compteurs,
    /// La dernière horloge et le dernier maillon écrits par ce lot : ni l'une ni l'autre
    /// ne se relit à chaque événement.
    horloge: Option<(i64, i64)>,
    maillon: Option<String>,
    roles: HashMap<Uuid, Option<String>>,
}

/// Le dossier dont l'état (dans `cache`) et le suivi attendent d'être écrits.
struct EnCours {
    id: Uuid,
    suivi: Option<Suivi>,
    /// Le suivi tel que lu dans la base : inchangé, il n'est pas réécrit (une page de moins
    /// pour un contact, qui ne compte dans aucun indicateur).
    suivi_lu: Option<Suivi>,
    segments_changes: bool,
}

impl Store {
    pub fn lot<'a>(&'a mut self, auteur: &str, ctx: Contexte<'a>) -> Result<Lot<'a>, ErreurStore> {
        Ok(Lot {
            origine: self.installation,
            tx: self.conn.transaction()?,
            ctx,
            auteur: auteur.to_string(),
            cache: HashMap::new(),
            connus: HashMap::new(),
            en_cours: None,
            compteurs: Compteurs::new(),
            horloge: None,
            maillon: None,
            roles: HashMap::new(),
        })
    }

    /// Exécute une commande et l'enregistre durablement ; renvoie l'événement produit.
    pub fn executer(
        &mut self,
        dossier: Uuid,
        commande: &Commande,
        auteur: &str,
        ctx: Contexte,
    ) -> Result<Evenement, ErreurStore> {
        let mut lot = self.lot(auteur, ctx)?;
        let e = lot.executer(dossier, commande)?;
        lot.valider()?;
        Ok(e)
    }

    pub fn enregistrer_professionnel(
        &mut self,
        p: &Professionnel,
        auteur: &str,
        ctx: Contexte,
    ) -> Result<(), ErreurStore> {
        let mut lot = self.lot(auteur, ctx)?;
        lot.enregistrer_professionnel(p)?;
        lot.valider()
    }
}

impl Lot<'_> {
    pub fn executer(&mut self, id: Uuid, commande: &Commande) -> Result<Evenement, ErreurStore> {
        if let Commande::Ouvrir(o) = commande {
            if o.id != id {
                return Err(ErreurStore::DossierInconnu(id.to_string()));
            }
        }
        if let Commande::Rectifier {
            cible,
            correction,
            motif,
        } = commande
        {
            // La rectification relit le suivi du dossier dans la base.
            self.ecrire_en_cours()?;
            return self.rectifier(id, *cible, correction, motif);
        }
        let actuel = self.charger(id)?;
        let evenement = decider(actuel.as_ref(), commande, &self.ctx)?;
        self.verifier_references(id, &evenement)?;
        let dossier = match (actuel, &evenement) {
            (Some(mut d), e) => {
                d.appliquer(e);
                d
            }
            (None, Evenement::DossierOuvert(o)) => Dossier::ouvert(o),
            (None, _) => return Err(ErreurStore::DossierInconnu(id.to_string())),
        };
        self.suivre(id, &evenement)?;
        self.ecrire(id, dossier.clone(), &evenement)?;
        // Les deux accords attribués d'une décision conjointe la suivent au journal, dans la
        // même transaction.
        if let Some(a) = commande
            .accord()
            .and_then(|(a, decision)| a.attribues(decision))
        {
            let e = Evenement::AccordsAttribues(a);
            let mut d = dossier;
            d.appliquer(&e);
            self.ecrire(id, d, &e)?;
        }
        Ok(evenement)
    }

    /// L'événement au journal ; l'état qui en résulte ira aux projections avec le reste
    /// du dossier (`ecrire_en_cours`).
    fn ecrire(&mut self, id: Uuid, dossier: Dossier, e: &Evenement) -> Result<(), ErreurStore> {
        self.inserer(
            Sujet::Dossier(id),
            dossier.version,
            e.type_(),
            &serde_json::to_string(e)?,
        )?;
        self.passer_a(id)?;
        self.cache.insert(id, dossier);
        Ok(())
    }

    /// Les faits de l'événement pour les indicateurs, sur le suivi gardé en mémoire.
    fn suivre(&mut self, id: Uuid, e: &Evenement) -> Result<(), ErreurStore> {
        self.passer_a(id)?;
        if let Some(c) = &mut self.en_cours {
            let suivi = match &mut c.suivi {
                Some(s) => s,
                None => {
                    c.suivi_lu = super::indicateurs::suivi_ecrit(&self.tx, id)?;
                    c.suivi.insert(c.suivi_lu.clone().unwrap_or_default())
                }
            };
            c.segments_changes |= super::indicateurs::suivre_evenement(
                suivi,
                e,
                self.ctx.freins,
                &mut self.compteurs,
            );
        }
        Ok(())
    }

    /// Le lot travaille sur `id` : ce qui attendait pour un autre dossier est écrit.
    fn passer_a(&mut self, id: Uuid) -> Result<(), ErreurStore> {
        if self.en_cours.as_ref().is_some_and(|c| c.id == id) {
            return Ok(());
        }
        self.ecrire_en_cours()?;
        self.en_cours = Some(EnCours {
            id,
            suivi: None,
            suivi_lu: None,
            segments_changes: false,
        });
        Ok(())
    }

    /// L'état et le suivi du dossier en cours, écrits dans les projections.
    fn ecrire_en_cours(&mut self) -> Result<(), ErreurStore> {
        let Some(c) = self.en_cours.take() else {
            return Ok(());
        };
        // Écrit, l'état se relit de la base : le lot ne garde pas tous les dossiers.
        if let Some(d) = self.cache.remove(&c.id) {
            projection::ecrire_dossier(&self.tx, &d)?;
        }
        if let Some(s) = c.suivi.as_ref().filter(|s| c.suivi_lu.as_ref() != Some(s)) {
            super::indicateurs::ecrire_suivi_dossier(&self.tx, c.id, s, c.segments_changes)?;
        }
        Ok(())
    }

    /// Une rectification se décide sur le journal entier ; l'état du dossier et ses
    /// indicateurs se recalculent sur le journal effectif.
    fn rectifier(
        &mut self,
        id: Uuid,
        cible: u64,
        correction: &crate::domain::dossier::Correction,
        motif: &str,
    ) -> Result<Evenement, ErreurStore> {
        let identifies = evenements_identifies(&self.tx, id)?;
        if identifies.is_empty() {
            return Err(ErreurStore::DossierInconnu(id.to_string()));
        }
        let avant: Vec<Evenement> = identifies.iter().map(|(_, e)| e.clone()).collect();
        let mut evenement = crate::domain::dossier::decider_rectification(
            &avant, cible, correction, motif, &self.ctx,
        )?;
        // L'entrée visée l'est aussi par son identifiant, que l'autre installation retrouve.
        if let Evenement::Rectifiee(r) = &mut evenement {
            r.cible_id = usize::try_from(r.cible)
                .ok()
                .and_then(|n| identifies.get(n.checked_sub(1)?))
                .map(|(eid, _)| *eid);
        }
        let mut apres = avant.clone();
        apres.push(evenement.clone());
        let dossier =
            Dossier::rejouer(&apres).ok_or_else(|| ErreurStore::DossierInconnu(id.to_string()))?;
        super::indicateurs::remplacer_journal(&self.tx, id, &avant, &apres, self.ctx.freins)?;
        self.ecrire(id, dossier, &evenement)?;
        Ok(evenement)
    }

    pub fn enregistrer_professionnel(&mut self, p: &Professionnel) -> Result<(), ErreurStore> {
        p.verifier()
            .map_err(|e| ErreurStore::from(Refus::Identite(e)))?;
        let version: u64 = self
            .tx
            .query_row(
                "SELECT version FROM professionnels WHERE id = ?1",
                [p.id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0)
            + 1;
        self.roles.remove(&p.id);
        let e = EvenementProfessionnel::ProfessionnelEnregistre(p.clone());
        self.inserer(
            Sujet::Professionnel(p.id),
            version,
            "ProfessionnelEnregistre",
            &serde_json::to_string(&e)?,
        )?;
        projection::ecrire_professionnel(&self.tx, p, version)
    }

    /// Change l'auteur des écritures suivantes de ce lot.
    /// Un acte au journal d'audit, dans la transaction du lot.
    pub fn auditer(
        &self,
        horodatage: &str,
        qui: &str,
        action: crate::domain::audit::ActionAudit,
        dossier: Option<&str>,
    ) -> Result<u64, ErreurStore> {
        super::audit::inscrire(&self.tx, horodatage, qui, action, dossier)
    }

    /// Un fichier écrit par Binôme, dans la transaction du lot (voir `Store::noter_sortie`).
    pub fn noter_sortie(
        &self,
        chemin: &str,
        export: &str,
        empreinte: &str,
    ) -> Result<(), ErreurStore> {
        super::preferences::noter_sortie(&self.tx, chemin, export, empreinte)
    }

    pub(super) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    pub fn changer_auteur(&mut self, auteur: &str) {
        self.auteur = auteur.to_string();
    }

    /// Un dossier que l'appelant vient de lire : le lot ne relit pas son état (un lot de
    /// cent impressions désérialisait cent états déjà lus pour les rédiger). Il est relu
    /// si sa version n'est plus celle de la base.
    pub fn connaitre(&mut self, d: Dossier) {
        self.connus.insert(d.id, d);
    }

    /// L'état courant d'un dossier, dans ce lot.
    pub fn dossier(&mut self, id: Uuid) -> Result<Option<Dossier>, ErreurStore> {
        self.charger(id)
    }

    pub fn valider(mut self) -> Result<(), ErreurStore> {
        self.ecrire_en_cours()?;
        super::indicateurs::ecrire_compteurs(&self.tx, &self.compteurs)?;
        self.tx.commit()?;
        Ok(())
    }

    fn charger(&mut self, id: Uuid) -> Result<Option<Dossier>, ErreurStore> {
        if let Some(d) = self.cache.get(&id) {
            return Ok(Some(d.clone()));
        }
        if let Some(d) = self.connus.remove(&id) {
            // Lu hors du lot : il ne sert que si personne ne l'a changé depuis.
            let version: Option<u64> = self
                .tx
                .prepare_cached("SELECT version FROM dossiers WHERE id = ?1")?
                .query_row([id.to_string()], |r| r.get(0))
                .optional()?;
            if version == Some(d.version) {
                return Ok(Some(d));
            }
        }
        projection::lire_etat(&self.tx, id)
    }

    /// Ce que le domaine ne peut pas voir seul : l'annuaire et les autres dossiers.
    fn verifier_references(&mut self, id: Uuid, e: &Evenement) -> Result<(), ErreurStore> {
        let (personne, membres) = match e {
            Evenement::DossierOuvert(o) => (
                Some(&o.personne),
                o.conseiller.iter().chain(&o.referent).collect::<Vec<_>>(),
            ),
            Evenement::IdentiteModifiee(p) | Evenement::SituationChangee { personne: p, .. } => {
                (Some(p), vec![])
            }
            Evenement::MembreAffecte { membre, .. } => (None, vec![membre]),
            _ => (None, vec![]),
        };
        if let Some(p) = personne {
            let autre: Option<String> = self
                .tx
                // L'étape en littéral : l'index partiel des dossiers en cours sert, sans
                // recompiler la requête à chaque appel.
                .prepare_cached(
                    "SELECT id FROM dossiers WHERE identifiant_ft = ?1 AND etape <> 'cloture' AND id <> ?2",
                )?
                .query_row(params![p.identifiant_ft.as_str(), id.to_string()], |r| {
                    r.get(0)
                })
                .optional()?;
            if autre.is_some() {
                return Err(Refus::DossierEnCours {
                    identifiant: p.identifiant_ft.to_string(),
                }
                .into());
            }
        }
        for m in membres {
            let role = match self.roles.get(&m.id) {
                Some(r) => r.clone(),
                None => {
                    let r: Option<String> = self
                        .tx
                        .prepare_cached("SELECT role FROM professionnels WHERE id = ?1")?
                        .query_row([m.id.to_string()], |r| r.get(0))
                        .optional()?;
                    self.roles.insert(m.id, r.clone());
                    r
                }
            };
            match role {
                None => return Err(ErreurStore::ProfessionnelInconnu(m.nom.clone())),
                Some(r) if r != m.role.code() => {
                    let trouve = if m.role == Role::Conseiller {
                        Role::Referent
                    } else {
                        Role::Conseiller
                    };
                    return Err(Refus::MauvaisRole {
                        attendu: m.role.libelle(),
                        trouve: trouve.libelle(),
                    }
                    .into());
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// L'ordre commun aux deux installations d'un binôme : l'horloge logique hybride, puis
/// l'origine et le rang là-bas (les événements d'avant l'échange ont l'horloge (0, 0) et
/// gardent leur ordre d'écriture).
pub(super) const ORDRE_COMMUN: &str = "hlc_ms, hlc_c, origine, coalesce(seq_origine, seq)";

/// Le journal d'un dossier, dans l'ordre commun, lu dans la transaction.
pub(super) fn evenements_du_dossier(
    conn: &rusqlite::Connection,
    id: Uuid,
) -> Result<Vec<Evenement>, ErreurStore> {
    Ok(evenements_identifies(conn, id)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// Le journal d'un dossier dans l'ordre commun, chaque événement avec son identifiant ; les
/// rectifications y visent leur entrée à sa place dans cet ordre (`resoudre_cibles`).
pub(super) fn evenements_identifies(
    conn: &rusqlite::Connection,
    id: Uuid,
) -> Result<Vec<(Uuid, Evenement)>, ErreurStore> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, donnees FROM evenements WHERE dossier_id = ?1 ORDER BY {ORDRE_COMMUN}"
    ))?;
    let lignes = st.query_map([id.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut v = Vec::new();
    for l in lignes {
        let (eid, donnees) = l?;
        v.push((
            Uuid::parse_str(&eid).map_err(|e| ErreurStore::Illisible(e.to_string()))?,
            serde_json::from_str::<Evenement>(&donnees)?,
        ));
    }
    crate::domain::dossier::resoudre_cibles(&mut v, |(id, e)| (*id, e));
    Ok(v)
}

/// L'horloge logique hybride du prochain événement écrit ici : l'heure en millisecondes si
/// elle dépasse tout ce que le journal connaît (reçus compris), sinon juste après. Ce qui
/// s'écrit après un import se range donc après ce qu'il apportait, même si l'horloge du
/// poste retarde sur celle du partenaire.
fn horloge_suivante((ms, c): (i64, i64)) -> (i64, i64) {
    let maintenant = chrono::Utc::now().timestamp_millis();
    if maintenant > ms {
        (maintenant, 0)
    } else {
        (ms, c + 1)
    }
}

/// La plus grande horloge du journal, reçus compris : celle du dernier événement écrit ici
/// (chacun dépasse tout ce que le journal connaissait quand il s'est écrit), ou celle d'un
/// reçu venu après lui. Les nôtres n'ont pas d'index d'horloge (une page de moins à chaque
/// écriture) : le dernier se trouve en remontant le journal.
fn derniere_horloge(tx: &rusqlite::Connection) -> Result<(i64, i64), ErreurStore> {
    let mut max = (0, 0);
    for requete in [
        "SELECT hlc_ms, hlc_c FROM evenements WHERE seq_origine IS NULL ORDER BY seq DESC LIMIT 1",
        "SELECT hlc_ms, hlc_c FROM evenements WHERE seq_origine IS NOT NULL
         ORDER BY hlc_ms DESC, hlc_c DESC LIMIT 1",
    ] {
        if let Some(h) = tx
            .prepare_cached(requete)?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        {
            max = max.max(h);
        }
    }
    Ok(max)
}

/// Ce dont parle un événement : un dossier, ou la fiche d'un professionnel.
pub(super) enum Sujet {
    Dossier(Uuid),
    Professionnel(Uuid),
}

impl Lot<'_> {
    /// Écrit un événement de ce poste (son origine, l'horloge suivante) et le chaîne.
    pub(super) fn inserer(
        &mut self,
        sujet: Sujet,
        version: u64,
        type_: &str,
        donnees: &str,
    ) -> Result<(), ErreurStore> {
        let derniere = match self.horloge {
            Some(h) => h,
            None => derniere_horloge(&self.tx)?,
        };
        let (hlc_ms, hlc_c) = horloge_suivante(derniere);
        self.horloge = Some((hlc_ms, hlc_c));
        let (dossier, professionnel) = match sujet {
            Sujet::Dossier(id) => (Some(id.to_string()), None),
            Sujet::Professionnel(id) => (None, Some(id.to_string())),
        };
        let ecrit = super::chaine::Ecrit {
            seq: 0,
            id: Uuid::now_v7().to_string(),
            dossier,
            professionnel,
            version: version as i64,
            auteur: &self.auteur,
            horodatage: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            type_,
            donnees,
            origine: self.origine.to_string(),
            hlc: (hlc_ms, hlc_c),
        };
        let tx = &self.tx;
        tx.prepare_cached(
            "INSERT INTO evenements (id, dossier_id, professionnel_id, version, auteur,
                                     horodatage, type, donnees, origine, hlc_ms, hlc_c)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            ecrit.id,
            ecrit.dossier,
            ecrit.professionnel,
            ecrit.version,
            ecrit.auteur,
            ecrit.horodatage,
            ecrit.type_,
            ecrit.donnees,
            ecrit.origine,
            hlc_ms,
            hlc_c,
        ])
        .map_err(|e| {
            // L'identifiant de l'événement est unique : une violation d'unicité ne peut
            // venir que du couple (dossier ou professionnel, version), écrit par un autre.
            if super::est_devance(&e) {
                ErreurStore::Conflit
            } else {
                e.into()
            }
        })?;
        let precedente = match self.maillon.take() {
            Some(m) => m,
            None => super::chaine::derniere(tx)?,
        };
        let ecrit = super::chaine::Ecrit {
            seq: tx.last_insert_rowid(),
            ..ecrit
        };
        self.maillon = Some(super::chaine::chainer_ecrit(tx, ecrit, &precedente)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::derniere_horloge;
    use rusqlite::{params, Connection};

    /// Les nôtres ne sont plus dans un index d'horloge : la plus grande horloge reste
    /// trouvée, qu'elle soit celle du dernier écrit ici ou celle d'un reçu plus récent.
    #[test]
    fn la_derniere_horloge_est_celle_du_dernier_ecrit_ici_ou_d_un_recu() {
        let c = Connection::open_in_memory().expect("base");
        for m in super::super::migrations::MIGRATIONS.iter() {
            c.execute_batch(m.sql).expect(m.nom);
        }
        let mut version = 0;
        let mut ecrire = |seq_origine: Option<i64>, hlc: (i64, i64)| {
            version += 1;
            c.execute(
                "INSERT INTO evenements (id, dossier_id, version, auteur, horodatage, type,
                                         donnees, origine, seq_origine, hlc_ms, hlc_c)
                 VALUES (?1, 'd', ?1, 'a', 'h', 't', '{}', ?2, ?3, ?4, ?5)",
                params![
                    version,
                    if seq_origine.is_some() {
                        "partenaire"
                    } else {
                        "ici"
                    },
                    seq_origine,
                    hlc.0,
                    hlc.1
                ],
            )
            .expect("événement");
        };
        assert_eq!(derniere_horloge(&c).expect("vide"), (0, 0));
        for (seq_origine, hlc, attendue) in [
            (None, (100, 0), (100, 0)),
            // Le partenaire en avance : son horloge devient la plus grande.
            (Some(1), (500, 3), (500, 3)),
            (Some(2), (200, 0), (500, 3)),
            (None, (500, 4), (500, 4)),
            // Reçu après, mais plus ancien : le dernier écrit ici reste le plus grand.
            (Some(3), (300, 0), (500, 4)),
        ] {
            ecrire(seq_origine, hlc);
            assert_eq!(derniere_horloge(&c).expect("horloge"), attendue);
        }
    }
}
