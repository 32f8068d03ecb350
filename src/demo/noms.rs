//! Listes de prénoms, noms et voies, assemblés au hasard : les personnes de la démonstration
//! sont fictives.

pub const PRENOMS_F: &[&str] = &[
    "Léa", "Inès", "Camille", "Sarah", "Manon", "Chloé", "Yasmine", "Julie", "Nadia", "Sophie",
    "Amina", "Laura", "Émilie", "Céline", "Fatima", "Marion", "Aurélie", "Hélène", "Sonia",
    "Nathalie", "Élodie", "Karima", "Justine", "Maëlys", "Océane", "Zoé", "Anaïs", "Lina",
    "Christelle", "Josiane",
];

pub const PRENOMS_M: &[&str] = &[
    "Lucas", "Mehdi", "Thomas", "Karim", "Nicolas", "Julien", "Yanis", "Antoine", "Sofiane",
    "Maxime", "Romain", "Rachid", "Kévin", "Jérôme", "Hugo", "Bilal", "Sébastien", "Franck",
    "Mathis", "Noé", "Jean-Marc", "Stéphane", "Ibrahim", "Loïc", "Cédric", "Théo", "Grégory",
    "Adrien", "François", "Nordine",
];

pub const NOMS: &[&str] = &[
    "Martin", "Bernard", "Durand", "Petit", "Robert", "Richard", "Moreau", "Simon", "Laurent",
    "Michel", "Garcia", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
    "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
    "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Perrin", "Robin",
    "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour",
    "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard",
    "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux",
    "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud",
    "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey",
    "Lecomte", "Mallet", "Hoarau", "Benali", "Haddad", "Ferrand", "Santoni", "Castelli",
    "Ricard", "Bensaïd", "Nguyen", "Ortiz", "Lopez", "Sanchez", "Da Silva", "Pereira",
    "Ferreira", "Zerrouki", "Mansouri", "Chabane", "Ollivier", "Coste", "Escoffier",
];

pub const VOIES: &[&str] = &[
    "rue de la République", "boulevard National", "avenue des Tilleuls", "chemin des Oliviers",
    "rue Paradis", "traverse des Écoles", "avenue Jean-Jaurès", "rue Victor-Hugo",
    "boulevard de la Libération", "impasse des Lavandes", "rue des Cigales", "allée des Pins",
    "cours Mirabeau", "route de Marseille", "rue du Marché", "place de la Mairie",
];
