//! Documents imprimables : fiche de liaison, contrat d'accompagnement, avenant de
//! reconduction, carnet de route, fiche de sortie.

pub mod mise_en_page;
