//! The 24 provinces, the 7 IESS zones, and tolerant matching of the
//! spellings found in the seed (`Azúay`, `Azua`, `Azuary`, `Azua y`, `Napó`).

/// Canonical province names and their IESS zone.
pub const PROVINCES: [(&str, u8); 24] = [
    ("Azuay", 6),
    ("Bolívar", 5),
    ("Cañar", 6),
    ("Carchi", 1),
    ("Chimborazo", 3),
    ("Cotopaxi", 3),
    ("El Oro", 7),
    ("Esmeraldas", 1),
    ("Galápagos", 5),
    ("Guayas", 5),
    ("Imbabura", 1),
    ("Loja", 7),
    ("Los Ríos", 5),
    ("Manabí", 4),
    ("Morona Santiago", 6),
    ("Napo", 2),
    ("Orellana", 2),
    ("Pastaza", 3),
    ("Pichincha", 2),
    ("Santa Elena", 5),
    ("Santo Domingo de los Tsáchilas", 4),
    ("Sucumbíos", 1),
    ("Tungurahua", 3),
    ("Zamora Chinchipe", 7),
];

/// Misspellings of the seed that no accent folding repairs.
const ALIASES: [(&str, &str); 3] = [
    ("azua", "Azuay"),
    ("azuary", "Azuay"),
    ("santodomingo", "Santo Domingo de los Tsáchilas"),
];

/// Lowercase, accents removed, spaces removed: `Azúa y` → `azuay`.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'ï' => 'i',
            'ó' | 'ò' | 'ö' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// The canonical province for a spelling, if any.
pub fn canonical(text: &str) -> Option<&'static str> {
    let key = fold(text);
    PROVINCES
        .iter()
        .find(|(name, _)| fold(name) == key)
        .map(|(name, _)| *name)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, name)| *name)
        })
}

/// The zone of a canonical province.
pub fn zone_of(province: &str) -> Option<u8> {
    PROVINCES
        .iter()
        .find(|(name, _)| *name == province)
        .map(|(_, z)| *z)
}

/// The canonical name of a zone: `Zona 2 (Napo, Orellana, Pichincha)`.
pub fn zone_name(zone: u8) -> String {
    let members: Vec<&str> = PROVINCES
        .iter()
        .filter(|(_, z)| *z == zone)
        .map(|(name, _)| *name)
        .collect();
    format!("Zona {zone} ({})", members.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_spellings() {
        assert_eq!(canonical("Azúay"), Some("Azuay"));
        assert_eq!(canonical("Azua"), Some("Azuay"));
        assert_eq!(canonical("Azuary"), Some("Azuay"));
        assert_eq!(canonical("Azua y"), Some("Azuay"));
        assert_eq!(canonical("Napó"), Some("Napo"));
        assert_eq!(canonical("LOS RIOS"), Some("Los Ríos"));
        assert_eq!(canonical("Sucumbios"), Some("Sucumbíos"));
        assert_eq!(canonical("Quito"), None);
    }

    #[test]
    fn zones() {
        assert_eq!(zone_of("Galápagos"), Some(5));
        assert_eq!(zone_name(2), "Zona 2 (Napo, Orellana, Pichincha)");
        assert_eq!(zone_name(6), "Zona 6 (Azuay, Cañar, Morona Santiago)");
        for z in 1..=7 {
            assert!(PROVINCES.iter().any(|(_, pz)| *pz == z));
        }
    }
}
