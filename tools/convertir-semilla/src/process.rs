//! Process level (`proceso`) of each level-2 national unit, from art. 8 of
//! Resolución C.D. 535 (seed 003). Everything below a unit shares its level.

pub const GOBERNANTE: &str = "gobernante";
pub const AGREGADOR: &str = "agregador de valor";
pub const ASESORIA: &str = "habilitante de asesoría";
pub const APOYO: &str = "habilitante de apoyo";
pub const DESCONCENTRADO: &str = "desconcentrado";

/// Level-2 unit names as the 2025 plan spells them.
const LEVEL2: [(&str, &str); 21] = [
    // 3. Procesos sustantivos (agregadores de valor)
    ("Dirección Nacional de Afiliación y Cobertura", AGREGADOR),
    (
        "Dirección Nacional de Recaudación y Gestión de Cartera",
        AGREGADOR,
    ),
    (
        "Dirección del Seguro General de Salud Individual y Familiar",
        AGREGADOR,
    ),
    ("Dirección del Seguro Social Campesino", AGREGADOR),
    (
        "Dirección del Seguro General de Riesgos del Trabajo",
        AGREGADOR,
    ),
    ("Dirección del Sistema de Pensiones", AGREGADOR),
    (
        "Dirección Nacional de Fondos de Terceros y Seguro de Desempleo",
        AGREGADOR,
    ),
    // 2. Asesoría del Consejo Directivo and 5. Asesoría de la Dirección General
    ("Dirección Nacional de Riesgos Institucionales", ASESORIA),
    (
        "Dirección Actuarial, de Investigación y Estadística",
        ASESORIA,
    ),
    ("Prosecretaría del Consejo Directivo", ASESORIA),
    ("Auditoria Interna de la Seguridad Social", ASESORIA),
    (
        "Dirección Nacional de Cooperación y Relaciones Internacionales",
        ASESORIA,
    ),
    (
        "Dirección Nacional de Servicios de Atención al Ciudadano",
        ASESORIA,
    ),
    ("Dirección Nacional de Comunicación Social", ASESORIA),
    ("Procuraduría General", ASESORIA),
    ("Dirección Nacional de Procesos", ASESORIA),
    ("Dirección Nacional de Planificación", ASESORIA),
    // Not in C.D. 535: information security was a duty of Riesgos
    // Institucionales (asesoría), from which this direction was split.
    (
        "Dirección Nacional de Seguridad de la Información y Protección de Datos",
        ASESORIA,
    ),
    // 4. Procesos adjetivos de apoyo
    ("Dirección Nacional de Gestión Financiera", APOYO),
    ("Dirección Nacional de Tecnologías de la Información", APOYO),
    ("Dirección Nacional de Servicios Corporativos", APOYO),
];

/// The process level of a level-2 national unit.
pub fn of_direction(name: &str) -> Option<&'static str> {
    let key = crate::provinces::fold(name);
    LEVEL2
        .iter()
        .find(|(n, _)| crate::provinces::fold(n) == key)
        .map(|(_, p)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions() {
        assert_eq!(
            of_direction("Dirección del Seguro Social Campesino"),
            Some(AGREGADOR)
        );
        assert_eq!(
            of_direction("Dirección Nacional de Riesgos Institucionales"),
            Some(ASESORIA)
        );
        assert_eq!(
            of_direction("Dirección Nacional de Tecnologías de la Información"),
            Some(APOYO)
        );
        assert_eq!(of_direction("Procuraduría General"), Some(ASESORIA));
        assert_eq!(of_direction("Dirección Inventada"), None);
    }
}
