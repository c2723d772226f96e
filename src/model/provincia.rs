//! The 24 provinces of Ecuador, matched tolerantly and written canonically.

use serde::{Serialize, Serializer};

use crate::text::{fold_key, folds_to};

/// Canonical names, in alphabetical order (the order of every province list).
pub(super) const NOMBRES: [&str; 24] = [
    "Azuay",
    "Bolívar",
    "Cañar",
    "Carchi",
    "Chimborazo",
    "Cotopaxi",
    "El Oro",
    "Esmeraldas",
    "Galápagos",
    "Guayas",
    "Imbabura",
    "Loja",
    "Los Ríos",
    "Manabí",
    "Morona Santiago",
    "Napo",
    "Orellana",
    "Pastaza",
    "Pichincha",
    "Santa Elena",
    "Santo Domingo de los Tsáchilas",
    "Sucumbíos",
    "Tungurahua",
    "Zamora Chinchipe",
];

/// Accepted variants beyond case, accents and spacing, as folded keys.
const ALIAS: &[(&str, usize)] = &[
    ("santodomingo", 20),
    ("stodomingo", 20),
    ("santodomingodelostsachilas", 20),
    ("tsachilas", 20),
    ("morona", 14),
    ("zamora", 23),
    ("franciscodeorellana", 16),
    ("archipielagodecolon", 8),
];

/// A province of Ecuador.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Provincia(u8);

impl Provincia {
    /// Every province, in alphabetical order.
    pub fn todas() -> impl Iterator<Item = Provincia> {
        (0..NOMBRES.len() as u8).map(Provincia)
    }

    /// Canonical name (`Los Ríos`).
    pub fn nombre(self) -> &'static str {
        NOMBRES[self.0 as usize]
    }

    /// Position in the alphabetical list, 0–23.
    pub fn indice(self) -> usize {
        self.0 as usize
    }

    /// A name safe as a file name on every file system (`los-rios`).
    pub fn slug(self) -> String {
        crate::text::nombre_archivo(self.nombre())
    }

    /// The province whose [`Provincia::slug`] is `slug`.
    pub fn de_slug(slug: &str) -> Option<Provincia> {
        Provincia::todas().find(|p| p.slug() == slug)
    }

    /// Reads a province name tolerantly: case, accents, spacing, a leading
    /// `Provincia de`, and the usual short forms (`Santo Domingo`).
    pub fn parse(texto: &str) -> Option<Provincia> {
        let k = fold_key(texto);
        let lookup = |k: &str| {
            NOMBRES
                .iter()
                .position(|n| folds_to(n, k))
                .or_else(|| ALIAS.iter().find(|(a, _)| *a == k).map(|(_, i)| *i))
                .map(|i| Provincia(i as u8))
        };
        lookup(&k).or_else(|| {
            ["provinciadel", "provinciade", "provincia", "prov"]
                .iter()
                .filter_map(|p| k.strip_prefix(p))
                .find_map(lookup)
        })
    }
}

impl Serialize for Provincia {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.nombre())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_match_tolerantly() {
        let los_rios = Provincia::parse("Los Ríos").unwrap();
        for v in ["Los Rios", "LOS RÍOS", "los  rios", "Provincia de Los Ríos"] {
            assert_eq!(Provincia::parse(v), Some(los_rios), "{v}");
        }
        assert_eq!(
            Provincia::parse("Sucumbios").map(|p| p.nombre()),
            Some("Sucumbíos")
        );
        assert_eq!(
            Provincia::parse("Santo Domingo").map(|p| p.nombre()),
            Some("Santo Domingo de los Tsáchilas")
        );
        assert_eq!(
            Provincia::parse("Provincia del Guayas").map(|p| p.nombre()),
            Some("Guayas")
        );
        assert_eq!(Provincia::parse("CAÑAR").map(|p| p.nombre()), Some("Cañar"));
        assert_eq!(Provincia::parse("Pichinca"), None);
        assert_eq!(Provincia::parse(""), None);
    }

    #[test]
    fn there_are_24_and_slugs_are_safe() {
        assert_eq!(Provincia::todas().count(), 24);
        let p = Provincia::parse("Santo Domingo").unwrap();
        assert_eq!(p.slug(), "santo-domingo-de-los-tsachilas");
        for p in Provincia::todas() {
            assert!(
                p.slug().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                p.slug()
            );
        }
    }
}
