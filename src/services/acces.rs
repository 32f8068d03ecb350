//! L'accès au poste : la première ouverture (premier compte, administrateur, et son code de
//! secours), la connexion par mot de passe, avec le délai qui grandit après 5 échecs, le
//! code de secours, et la gestion des comptes par un administrateur. La clé de la base ne
//! sort d'ici qu'enveloppée (trousseau) ou dans un `Acces`, en mémoire.

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::espace::Espace;
use super::ErreurService;
use crate::domain::audit::ActionAudit;
use crate::domain::compte::{delai_apres_echecs, verifier_identifiant, Compte};
use crate::domain::mot_de_passe::{verifier_force, MotDePasseFaible};
use crate::store::{CleBase, ErreurTrousseau, Store, Trousseau};

/// Un accès ouvert : la clé de la base et le compte qui l'a ouverte.
#[derive(Debug, Clone)]
pub struct Acces {
    pub cle: CleBase,
    pub compte: Compte,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurAcces {
    #[error("Identifiant ou mot de passe incorrect. Vérifiez la touche Verr. Maj et recommencez ; après 5 essais manqués, un délai d'attente s'impose.")]
    Refusee,
    #[error("Trop d'essais manqués pour ce compte : réessayez dans {0}. Si le mot de passe est perdu, un administrateur peut le remplacer.")]
    Patientez(String),
    #[error("Aucun compte n'existe encore dans ce dossier de données : ouvrez la fenêtre de Binôme pour créer le premier compte (ou lancez « binome demo »).")]
    PasInstallee,
    #[error("Ce dossier de données a déjà ses comptes : connectez-vous.")]
    DejaInstallee,
    #[error("La base {0} existe sans son fichier de clés (binome.cles), ou n'est pas une base de Binôme : elle ne peut pas être lue. Remettez le fichier de clés de la même sauvegarde à côté d'elle, ou indiquez le bon dossier avec --data-dir ; Binôme ne la remplace pas.")]
    BaseSansCles(String),
    #[error("Le code de secours est incorrect. Il figure sur la feuille remise à la création du premier compte (6 groupes de 4 caractères).")]
    SecoursRefuse,
    #[error("Les deux mots de passe saisis diffèrent : retapez-les.")]
    Confirmation,
    #[error("{0}")]
    Faible(#[from] MotDePasseFaible),
    #[error("{0}")]
    Identifiant(String),
    #[error("Cette action est réservée aux administrateurs du poste.")]
    ReserveeAdministrateur,
    #[error("Vous ne pouvez pas retirer vos propres droits d'administration ni désactiver votre compte : un autre administrateur doit le faire.")]
    SurSoiMeme,
}

impl From<ErreurAcces> for ErreurService {
    fn from(e: ErreurAcces) -> Self {
        ErreurService::Acces(e)
    }
}

impl From<ErreurTrousseau> for ErreurService {
    fn from(e: ErreurTrousseau) -> Self {
        ErreurService::Trousseau(e)
    }
}

/// Vrai si le poste a déjà ses comptes ; faux s'il est neuf (la fenêtre propose la première
/// ouverture). Une base sans trousseau qui n'est ni absente ni en clair est refusée : elle
/// n'est jamais remplacée.
pub fn est_installe(espace: &Espace) -> Result<bool, ErreurService> {
    if Trousseau::lire(&espace.dossier)?.is_some() {
        return Ok(true);
    }
    let base = espace.dossier.join(crate::store::FICHIER_BASE);
    if base.exists() && !crate::store::est_en_clair(&base) {
        return Err(if taille(&base) == 0 {
            crate::store::ErreurStore::PasUneBase(base.display().to_string()).into()
        } else {
            ErreurAcces::BaseSansCles(base.display().to_string()).into()
        });
    }
    Ok(false)
}

fn maintenant() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn horodatage(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Le code de secours : 24 caractères sans ambiguïté (ni 0/O ni 1/I), en 6 groupes.
fn code_de_secours() -> Result<String, ErreurService> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut o = [0u8; 24];
    getrandom::fill(&mut o).map_err(|_| ErreurTrousseau::Hasard)?;
    let lettres: Vec<char> = o
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect();
    Ok(lettres
        .chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

fn normaliser_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Le premier compte d'un poste : administrateur, et professionnel quand il aura rempli sa
/// fiche. Rend l'accès ouvert et le code de secours, à montrer une seule fois.
pub fn installer(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
    confirmation: &str,
) -> Result<(Acces, String), ErreurService> {
    let identifiant = verifier_identifiant(identifiant).map_err(ErreurAcces::Identifiant)?;
    verifier_force(mot_de_passe).map_err(ErreurAcces::Faible)?;
    if mot_de_passe != confirmation {
        return Err(ErreurAcces::Confirmation.into());
    }
    // Une base chiffrée sans trousseau est illisible : on ne la remplace jamais. Une base en
    // clair (version d'avant le chiffrement) est chiffrée à l'ouverture.
    if est_installe(espace)? {
        return Err(ErreurAcces::DejaInstallee.into());
    }
    let cle = CleBase::generer()?;
    let compte = Compte {
        id: Uuid::new_v4(),
        identifiant: identifiant.clone(),
        professionnel: None,
        administrateur: true,
        actif: true,
    };
    let code = code_de_secours()?;
    let mut t = Trousseau::nouveau()?;
    t.envelopper(compte.id, &identifiant, &cle, mot_de_passe)?;
    t.secours = Some(crate::store::trousseau::Enveloppe::fermer(&cle, &code)?);
    crate::fichiers::creer_dossier_prive(&espace.dossier).map_err(|e| {
        ErreurService::Store(crate::store::ErreurStore::Dossier {
            chemin: espace.dossier.display().to_string(),
            source: std::sync::Arc::new(e),
        })
    })?;
    // Le trousseau d'abord : un arrêt avant la base laisse un compte qui la créera.
    t.ecrire(&espace.dossier)?;
    let mut store = Store::ouvrir(&espace.dossier, &cle)?;
    rattacher_compte(&store, &compte)?;
    crate::services::poste::auditer(
        &mut store,
        &compte.id.to_string(),
        ActionAudit::CompteModifie,
        None,
    );
    Ok((Acces { cle, compte }, code))
}

fn taille(chemin: &std::path::Path) -> u64 {
    std::fs::metadata(chemin).map(|m| m.len()).unwrap_or(0)
}

/// Inscrit le compte dans la base s'il n'y est pas (création, ou reprise après un arrêt
/// entre l'écriture du trousseau et celle de la base).
fn rattacher_compte(store: &Store, compte: &Compte) -> Result<(), ErreurService> {
    if store.compte(compte.id)?.is_none() {
        store.creer_compte(compte, &horodatage(maintenant()))?;
    }
    Ok(())
}

/// Quand la connexion relit toute la base (`PRAGMA quick_check`) avant d'y écrire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Controle {
    /// À chaque connexion : la ligne de commande (`binome check` ne doit jamais écrire dans
    /// une base abîmée ; un script attend volontiers).
    Toujours,
    /// Après un arrêt brutal seulement : la fenêtre, qui s'ouvre sans attendre ; le contrôle
    /// se fait alors une fois par jour, en fond, avant la sauvegarde du jour.
    ApresArretBrutal,
}

/// Se connecter : le délai d'attente d'abord, puis le mot de passe, qui ouvre la clé.
pub fn connecter(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
) -> Result<Acces, ErreurService> {
    connecter_avec(
        espace,
        identifiant,
        mot_de_passe,
        maintenant(),
        Controle::Toujours,
    )
}

/// Se connecter depuis la fenêtre (porte, déverrouillage) : voir `Controle`.
pub fn connecter_fenetre(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
) -> Result<Acces, ErreurService> {
    connecter_avec(
        espace,
        identifiant,
        mot_de_passe,
        maintenant(),
        Controle::ApresArretBrutal,
    )
}

/// `connecter` à un instant donné (les essais du délai d'attente).
pub fn connecter_a(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
    instant: NaiveDateTime,
) -> Result<Acces, ErreurService> {
    connecter_avec(
        espace,
        identifiant,
        mot_de_passe,
        instant,
        Controle::Toujours,
    )
}

fn connecter_avec(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
    instant: NaiveDateTime,
    controle: Controle,
) -> Result<Acces, ErreurService> {
    let (mut t, entree, cle) = ouvrir_enveloppe(espace, identifiant, mot_de_passe, instant)?;
    let mut store = Store::ouvrir(&espace.dossier, &cle)?;
    // Le contrôle d'intégrité avant toute écriture : une base abîmée n'est ni écrite
    // (l'audit de la connexion l'abîmerait plus) ni sauvegardée ; la porte propose alors
    // la dernière bonne sauvegarde. Il relit toutes les pages (voir « Performances »).
    if controle == Controle::Toujours || store.interrompue() {
        let problemes = store.controle_rapide()?;
        if !problemes.is_empty() {
            return Err(crate::store::ErreurStore::Integrite(problemes.join(" ; ")).into());
        }
    }
    let compte = match store.compte(entree.compte)? {
        Some(c) => c,
        // Un arrêt entre trousseau et base à la première ouverture : le compte est repris.
        None if store.comptes()?.is_empty() => {
            let c = Compte {
                id: entree.compte,
                identifiant: identifiant.trim().to_lowercase(),
                professionnel: None,
                administrateur: true,
                actif: true,
            };
            rattacher_compte(&store, &c)?;
            c
        }
        None => return Err(ErreurAcces::Refusee.into()),
    };
    if !compte.actif {
        return Err(ErreurAcces::Refusee.into());
    }
    // Les échecs en attente entrent au journal d'audit, puis s'effacent du trousseau.
    for e in &t.echecs_a_inscrire {
        let qui = e
            .compte
            .map_or_else(|| "identifiant inconnu".into(), |c| c.to_string());
        if let Err(err) = store.auditer(&horodatage(e.le), &qui, ActionAudit::EchecConnexion, None)
        {
            tracing::warn!("échec de connexion non inscrit : {err}");
        }
    }
    // Le trousseau n'est réécrit que s'il y a des échecs à oublier.
    let a_oublier = !t.echecs_a_inscrire.is_empty() || entree.echecs > 0;
    t.echecs_a_inscrire.clear();
    if let Some(e) = t.entree_mut(identifiant) {
        e.echecs = 0;
        e.dernier_echec = None;
    }
    if a_oublier {
        t.ecrire(&espace.dossier)?;
    }
    crate::services::poste::auditer(
        &mut store,
        &compte.id.to_string(),
        ActionAudit::Connexion,
        None,
    );
    Ok(Acces { cle, compte })
}

/// Le mot de passe ouvre-t-il l'enveloppe de ce compte ? Le délai d'attente s'applique, et
/// un échec compte comme un échec de connexion.
fn ouvrir_enveloppe(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
    instant: NaiveDateTime,
) -> Result<(Trousseau, crate::store::trousseau::EntreeTrousseau, CleBase), ErreurService> {
    let mut t = Trousseau::lire(&espace.dossier)?.ok_or(ErreurAcces::PasInstallee)?;
    let Some(entree) = t.entree(identifiant).cloned() else {
        // Même durée qu'un vrai essai : la réponse ne dit pas si le compte existe.
        let _ = crate::domain::mot_de_passe::deriver_cle(mot_de_passe, &[0u8; 16]);
        t.echecs_a_inscrire
            .push(crate::store::trousseau::EchecConnexion {
                compte: None,
                le: instant,
            });
        t.ecrire(&espace.dossier)?;
        return Err(ErreurAcces::Refusee.into());
    };
    if let Some(dernier) = entree.dernier_echec {
        let fin = dernier + delai_apres_echecs(entree.echecs);
        if instant < fin {
            return Err(ErreurAcces::Patientez(duree_lisible(fin - instant)).into());
        }
    }
    let Some(cle) = entree.enveloppe.ouvrir(mot_de_passe) else {
        if let Some(e) = t.entree_mut(identifiant) {
            e.echecs += 1;
            e.dernier_echec = Some(instant);
        }
        t.echecs_a_inscrire
            .push(crate::store::trousseau::EchecConnexion {
                compte: Some(entree.compte),
                le: instant,
            });
        t.ecrire(&espace.dossier)?;
        return Err(ErreurAcces::Refusee.into());
    };
    Ok((t, entree, cle))
}

/// La clé de la base et le compte, par le mot de passe seul, sans ouvrir la base : pour
/// restaurer une base endommagée.
pub fn cle_du_compte(
    espace: &Espace,
    identifiant: &str,
    mot_de_passe: &str,
) -> Result<(CleBase, Uuid), ErreurService> {
    let (_, entree, cle) = ouvrir_enveloppe(espace, identifiant, mot_de_passe, maintenant())?;
    Ok((cle, entree.compte))
}

/// La confirmation d'un administrateur (un effacement à la demande de la personne) : son
/// identifiant et son mot de passe, vérifiés comme à la connexion, sur la base déjà ouverte.
///
/// Le mot de passe se vérifie (Argon2) sans tenir la base : l'appelant ne doit pas la tenir.
pub fn confirmer_administrateur(
    espace: &Espace,
    poste: &super::poste::Poste,
    identifiant: &str,
    mot_de_passe: &str,
) -> Result<Compte, ErreurService> {
    let (_, entree, _) = ouvrir_enveloppe(espace, identifiant, mot_de_passe, maintenant())?;
    let compte = poste.store().compte(entree.compte)?;
    match compte {
        Some(c) if c.administrateur && c.actif => Ok(c),
        _ => Err(ErreurAcces::ReserveeAdministrateur.into()),
    }
}

fn duree_lisible(d: chrono::Duration) -> String {
    let s = d.num_seconds().max(1);
    if s < 60 {
        format!("{s} seconde(s)")
    } else {
        format!("{} minute(s)", (s + 59) / 60)
    }
}

/// Rouvre le poste par le code de secours quand tous les mots de passe d'administrateur
/// sont perdus : le compte d'administrateur choisi reçoit un nouveau mot de passe.
pub fn secourir(
    espace: &Espace,
    code: &str,
    identifiant: &str,
    nouveau: &str,
) -> Result<Acces, ErreurService> {
    verifier_force(nouveau).map_err(ErreurAcces::Faible)?;
    let mut t = Trousseau::lire(&espace.dossier)?.ok_or(ErreurAcces::PasInstallee)?;
    let cle = t
        .secours
        .as_ref()
        .and_then(|s| s.ouvrir(&normaliser_code(code)))
        .ok_or(ErreurAcces::SecoursRefuse)?;
    let mut store = Store::ouvrir(&espace.dossier, &cle)?;
    let compte = store
        .compte_par_identifiant(identifiant)?
        .filter(|c| c.administrateur)
        .ok_or_else(|| {
            ErreurAcces::Identifiant(format!(
                "Aucun compte d'administrateur ne s'appelle « {} ».",
                identifiant.trim()
            ))
        })?;
    let mut compte = compte;
    compte.actif = true;
    store.modifier_compte(&compte)?;
    t.envelopper(compte.id, &compte.identifiant, &cle, nouveau)?;
    t.ecrire(&espace.dossier)?;
    crate::services::poste::auditer(
        &mut store,
        &compte.id.to_string(),
        ActionAudit::CompteModifie,
        None,
    );
    Ok(Acces { cle, compte })
}

fn inconnu(identifiant: &str) -> crate::store::ErreurStore {
    crate::store::ErreurStore::CompteInconnu(identifiant.into())
}

/// Ce qu'un administrateur (ou soi-même pour son mot de passe) fait sur les comptes.
pub struct Comptes<'a> {
    pub espace: &'a Espace,
    pub acces: &'a Acces,
}

impl<'a> Comptes<'a> {
    /// Les comptes gérés au nom du compte connecté sur ce poste.
    pub fn de(espace: &'a Espace, poste: &'a super::Poste) -> Comptes<'a> {
        Comptes {
            espace,
            acces: poste.acces(),
        }
    }

    fn exiger_admin(&self, store: &Store) -> Result<(), ErreurService> {
        match store.compte(self.acces.compte.id)? {
            Some(c) if c.administrateur && c.actif => Ok(()),
            _ => Err(ErreurAcces::ReserveeAdministrateur.into()),
        }
    }

    /// Crée un compte avec un mot de passe provisoire que l'administrateur remet.
    pub fn creer(
        &self,
        store: &mut Store,
        identifiant: &str,
        mot_de_passe: &str,
        professionnel: Option<Uuid>,
        administrateur: bool,
    ) -> Result<Compte, ErreurService> {
        self.exiger_admin(store)?;
        let identifiant = verifier_identifiant(identifiant).map_err(ErreurAcces::Identifiant)?;
        verifier_force(mot_de_passe).map_err(ErreurAcces::Faible)?;
        if let Some(p) = professionnel {
            if store.professionnel(p)?.is_none() {
                return Err(crate::store::ErreurStore::ProfessionnelInconnu(p.to_string()).into());
            }
        }
        let compte = Compte {
            id: Uuid::new_v4(),
            identifiant: identifiant.clone(),
            professionnel,
            administrateur,
            actif: true,
        };
        store.creer_compte(&compte, &horodatage(maintenant()))?;
        let mut t = Trousseau::lire(&self.espace.dossier)?.ok_or(ErreurAcces::PasInstallee)?;
        t.envelopper(compte.id, &identifiant, &self.acces.cle, mot_de_passe)?;
        t.ecrire(&self.espace.dossier)?;
        self.auditer(store, ActionAudit::CompteModifie);
        Ok(compte)
    }

    fn auditer(&self, store: &mut Store, action: ActionAudit) {
        crate::services::poste::auditer(store, &self.acces.compte.id.to_string(), action, None);
    }

    /// Nouveau mot de passe : le sien (avec l'ancien), ou celui d'un autre par un
    /// administrateur. La base n'est pas rechiffrée : seule l'enveloppe change.
    pub fn changer_mot_de_passe(
        &self,
        store: &mut Store,
        identifiant: &str,
        nouveau: &str,
    ) -> Result<(), ErreurService> {
        let cible = store
            .compte_par_identifiant(identifiant)?
            .ok_or_else(|| inconnu(identifiant))?;
        if cible.id != self.acces.compte.id {
            self.exiger_admin(store)?;
        }
        verifier_force(nouveau).map_err(ErreurAcces::Faible)?;
        let mut t = Trousseau::lire(&self.espace.dossier)?.ok_or(ErreurAcces::PasInstallee)?;
        if cible.actif {
            t.envelopper(cible.id, &cible.identifiant, &self.acces.cle, nouveau)?;
            t.ecrire(&self.espace.dossier)?;
        }
        self.auditer(store, ActionAudit::CompteModifie);
        Ok(())
    }

    /// Désactive (retire l'enveloppe) ou réactive (avec un nouveau mot de passe) un compte.
    pub fn activer(
        &self,
        store: &mut Store,
        identifiant: &str,
        actif: bool,
        mot_de_passe: Option<&str>,
    ) -> Result<Compte, ErreurService> {
        self.exiger_admin(store)?;
        let mut c = store
            .compte_par_identifiant(identifiant)?
            .ok_or_else(|| inconnu(identifiant))?;
        if c.id == self.acces.compte.id {
            return Err(ErreurAcces::SurSoiMeme.into());
        }
        let mut t = Trousseau::lire(&self.espace.dossier)?.ok_or(ErreurAcces::PasInstallee)?;
        if actif {
            let mdp = mot_de_passe.ok_or_else(|| {
                ErreurAcces::Identifiant(
                    "Un compte réactivé reçoit un nouveau mot de passe : indiquez-le.".into(),
                )
            })?;
            verifier_force(mdp).map_err(ErreurAcces::Faible)?;
            t.envelopper(c.id, &c.identifiant, &self.acces.cle, mdp)?;
        } else {
            t.retirer(c.id);
        }
        c.actif = actif;
        store.modifier_compte(&c)?;
        t.ecrire(&self.espace.dossier)?;
        self.auditer(store, ActionAudit::CompteModifie);
        Ok(c)
    }

    /// Donne ou retire les droits d'administration.
    pub fn administrateur(
        &self,
        store: &mut Store,
        identifiant: &str,
        administrateur: bool,
    ) -> Result<Compte, ErreurService> {
        self.exiger_admin(store)?;
        let mut c = store
            .compte_par_identifiant(identifiant)?
            .ok_or_else(|| inconnu(identifiant))?;
        if c.id == self.acces.compte.id && !administrateur {
            return Err(ErreurAcces::SurSoiMeme.into());
        }
        c.administrateur = administrateur;
        store.modifier_compte(&c)?;
        self.auditer(store, ActionAudit::CompteModifie);
        Ok(c)
    }
}
