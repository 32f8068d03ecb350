//! Protocole de désignation du référent social (article 1.5 et annexe 2) : qui le
//! conseiller dédié contacte pour constituer le binôme.

use super::professionnel::Membre;
use super::structures::Structures;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Designation {
    /// Continuité : le référent déjà identifié forme le binôme.
    ReferentExistant(Membre),
    /// Personne au RSA sans enfant mineur : le pôle d'insertion de sa résidence.
    PoleInsertion { code: String, nom: String },
    /// Avec enfant mineur à charge (au RSA ou non) : la MDS de sa résidence.
    Mds { code: String, nom: String },
    /// Aucune structure ci-dessus ne peut désigner : le conseiller, en accord avec le
    /// Département, identifie un référent d'une structure en capacité de le faire.
    AccordDepartement { raison: String },
}

impl Designation {
    /// La branche du protocole, telle que le dossier l'enregistre.
    pub fn branche(&self) -> crate::domain::dossier::BrancheDesignation {
        use crate::domain::dossier::BrancheDesignation as B;
        match self {
            Designation::ReferentExistant(_) => B::Continuite,
            Designation::PoleInsertion { .. } => B::PoleInsertion,
            Designation::Mds { .. } => B::Mds,
            Designation::AccordDepartement { .. } => B::AccordDepartement,
        }
    }

    /// La structure du référentiel que le protocole désigne (code, nom), s'il y en a une.
    pub fn structure(&self) -> Option<(&str, &str)> {
        match self {
            Designation::PoleInsertion { code, nom } | Designation::Mds { code, nom } => {
                Some((code, nom))
            }
            _ => None,
        }
    }

    pub fn libelle(&self) -> String {
        match self {
            Designation::ReferentExistant(m) => format!(
                "Contacter {} : la personne a déjà un référent social, il forme le binôme (continuité).",
                m.nom
            ),
            Designation::PoleInsertion { nom, .. } => format!(
                "Contacter le {nom} : il désignera le référent social (personne au RSA sans enfant mineur)."
            ),
            Designation::Mds { nom, .. } => format!(
                "Contacter la {nom} : sa direction désignera le référent social (enfant mineur à charge)."
            ),
            Designation::AccordDepartement { raison } => format!(
                "{raison} Identifiez, en accord avec le Département, un référent social d'une structure en capacité d'assurer le diagnostic partagé et l'appui social."
            ),
        }
    }
}

/// Ce que l'on sait de la personne pour appliquer le protocole.
#[derive(Debug, Clone, Copy)]
pub struct Situation<'a> {
    pub brsa: bool,
    pub enfant_mineur: bool,
    pub commune: &'a str,
    pub referent_existant: Option<&'a Membre>,
    /// La structure désignée par le protocole a fait savoir qu'elle ne peut pas désigner.
    pub structure_indisponible: bool,
}

/// Le protocole pour une personne sans référent identifié, à sa résidence.
pub fn pour_personne(
    p: &crate::domain::personne::Personne,
    structures: &Structures,
) -> Designation {
    designer(
        Situation {
            brsa: p.brsa,
            enfant_mineur: p.enfant_mineur,
            commune: p.commune.as_str(),
            referent_existant: None,
            structure_indisponible: false,
        },
        structures,
    )
}

pub fn designer(s: Situation, structures: &Structures) -> Designation {
    if let Some(m) = s.referent_existant {
        return Designation::ReferentExistant(m.clone());
    }
    let prioritaire = if s.enfant_mineur {
        structures.mds_de(s.commune).map(|t| Designation::Mds {
            code: t.code.clone(),
            nom: t.nom.clone(),
        })
    } else if s.brsa {
        structures
            .pole_de(s.commune)
            .map(|t| Designation::PoleInsertion {
                code: t.code.clone(),
                nom: t.nom.clone(),
            })
    } else {
        return Designation::AccordDepartement {
            raison: "Personne sans RSA ni enfant mineur à charge : ni pôle d'insertion ni MDS ne désigne de référent.".into(),
        };
    };
    match prioritaire {
        Some(_) if s.structure_indisponible => Designation::AccordDepartement {
            raison: "La structure prévue par le protocole ne peut pas désigner de référent.".into(),
        },
        Some(d) => d,
        None => Designation::AccordDepartement {
            raison: format!(
                "Aucune structure du référentiel ne couvre la commune {}.",
                s.commune
            ),
        },
    }
}

/// Ce qu'un changement de situation (avant → après) demande au binôme de revoir : la
/// compétence territoriale du conseiller et de l'agence quand la commune change, et le
/// protocole de désignation quand la commune, le RSA ou l'enfant mineur changent. Ce sont
/// des avertissements : le binôme décide ensuite (changer d'agence, désigner un autre
/// professionnel).
pub fn reexamen(
    d: &crate::domain::dossier::Dossier,
    apres: &crate::domain::personne::Personne,
    referentiel: &super::structures::Referentiel,
) -> Vec<String> {
    let avant = &d.personne;
    let insee = apres.commune.as_str();
    let nom = referentiel.commune(insee).map_or(insee, |c| c.nom.as_str());
    let structures = &referentiel.structures;
    let mut v = Vec::new();
    if avant.commune != apres.commune {
        if let Some(c) = d
            .conseiller
            .as_ref()
            .filter(|c| !c.perimetre.is_empty() && !c.perimetre.contains(&apres.commune))
        {
            v.push(format!(
                "{nom} est hors du périmètre de {} : un conseiller dédié compétent pour cette commune doit reprendre l'accompagnement (« Désigner le conseiller dédié »).",
                c.nom
            ));
        }
        match structures.agence_de(insee) {
            Some(a) if a.code != avant.agence => v.push(format!(
                "{nom} relève de l'agence {} ; le dossier est rattaché à l'agence {} : changez d'agence quand l'accompagnement y est transféré.",
                a.nom,
                structures.nom(&avant.agence).unwrap_or(&avant.agence)
            )),
            None => v.push(format!(
                "Aucune agence du référentiel ne couvre {nom} : vérifiez la commune ou l'agence de rattachement."
            )),
            Some(_) => {}
        }
    }
    let protocole_change = avant.commune != apres.commune
        || avant.brsa != apres.brsa
        || avant.enfant_mineur != apres.enfant_mineur;
    if protocole_change {
        let nouvelle = pour_personne(apres, structures);
        v.push(match &d.referent {
            Some(r) => format!(
                "Pour la nouvelle situation, le protocole de désignation dirait : {} {} reste le référent social sauf décision contraire du binôme.",
                nouvelle.libelle(),
                r.nom
            ),
            None => format!("Protocole de désignation : {}", nouvelle.libelle()),
        });
    }
    v
}
