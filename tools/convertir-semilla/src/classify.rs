//! `medida` and `sentido` of an indicator, from its name.
//!
//! `medida` follows the name's first word (`Porcentaje…`, `Número…`,
//! `Monto…`, `Tiempo…`, `Índice…`) except for the curated names below, where
//! the first word misleads or says nothing; each choice was checked against
//! the targets of the 2025 plan. `sentido` is `creciente` except for the
//! curated list of names where lower is better.

use crate::provinces::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Keyword,
    FirstWord,
}

/// Name prefixes (folded: lowercase, no accents, no spaces) and their medida.
const MEDIDA_KEYWORDS: [(&str, &str); 15] = [
    // USD gaps: 14,716,556.39 … 59,949,386.46
    ("brecha financiera", "monto"),
    // Evaded affiliations, a count: 353,635 … 329,693
    ("brecha de evasion", "numero"),
    // Yield of the pension funds: 0.08
    ("tasa de", "porcentaje"),
    // Reserve strength, a ratio well above 1: 14, 46, 456, 668
    ("solidez de la reserva", "indice"),
    // Fund sufficiency ratio: 0.9 … 1
    ("suficiencia", "indice"),
    // Income / expense ratio: 1.025, 1.0125
    ("equilibrio financiero", "indice"),
    // Share of calls answered in time: 0.96
    ("nivel de servicio", "porcentaje"),
    // Maturity level on a scale: 2.4
    ("nivel de madurez", "indice"),
    // Average contribution salary in USD: 529.02 … 538.29
    ("promedio de masa salarial", "monto"),
    // Share of bills paid on time: 1
    ("cumplimiento oportuno", "porcentaje"),
    // Quality score of the records: 1
    ("calificacion", "indice"),
    // Items inventoried: 10,560 … 126,720
    ("levantamiento del inventario", "numero"),
    // Patients per bed: 4.6362
    ("ir-02 giro de cama", "indice"),
    // Days of stay: 4.75
    ("ir-04 promedio dias de estada", "tiempo"),
    // Staff turnover as a share of the staff: 0.01
    ("indice de rotacion de personal", "porcentaje"),
];

const FIRST_WORDS: [(&str, &str); 5] = [
    ("porcentaje", "porcentaje"),
    ("numero", "numero"),
    ("monto", "monto"),
    ("tiempo", "tiempo"),
    ("indice", "indice"),
];

fn starts_with_folded(name: &str, prefix: &str) -> bool {
    fold(name).starts_with(&fold(prefix))
}

/// The medida of a name and whether a keyword or the first word decided it.
pub fn medida(name: &str) -> Option<(&'static str, Source)> {
    if let Some((_, m)) = MEDIDA_KEYWORDS
        .iter()
        .find(|(k, _)| starts_with_folded(name, k))
    {
        return Some((m, Source::Keyword));
    }
    let first = fold(name.split_whitespace().next().unwrap_or(""));
    FIRST_WORDS
        .iter()
        .find(|(w, _)| *w == first)
        .map(|(_, m)| (*m, Source::FirstWord))
}

/// Name prefixes of the indicators where lower is better.
const DECRECIENTE: [&str; 9] = [
    "brecha de evasion",
    "brecha financiera",
    "porcentaje de cirugias pendientes",
    "porcentaje de tramites de afiliacion pendientes",
    "porcentaje de tramites rezagados",
    // Targets fall 0.75, 0.5, 0.25, 0: it measures the backlog left.
    "porcentaje de gestion de expedientes pendientes",
    "tiempo promedio",
    "ir-04 promedio dias de estada",
    "indice de rotacion de personal",
];

pub fn sentido(name: &str) -> &'static str {
    if DECRECIENTE.iter().any(|p| starts_with_folded(name, p)) {
        "decreciente"
    } else {
        "creciente"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word_and_keywords() {
        assert_eq!(
            medida("Porcentaje de inspecciones cumplidas"),
            Some(("porcentaje", Source::FirstWord))
        );
        assert_eq!(
            medida("Número de Afiliados Activos"),
            Some(("numero", Source::FirstWord))
        );
        assert_eq!(
            medida("Monto recaudado por ingresos"),
            Some(("monto", Source::FirstWord))
        );
        assert_eq!(
            medida("Tiempo promedio de gestión"),
            Some(("tiempo", Source::FirstWord))
        );
        assert_eq!(
            medida("Índice de rotación de medicamentos"),
            Some(("indice", Source::FirstWord))
        );
        assert_eq!(
            medida("Brecha financiera - Fondo de Desempleo"),
            Some(("monto", Source::Keyword))
        );
        assert_eq!(
            medida("Brecha de evasión al IESS"),
            Some(("numero", Source::Keyword))
        );
        assert_eq!(
            medida("Índice de rotación de personal"),
            Some(("porcentaje", Source::Keyword))
        );
        assert_eq!(medida("Otra cosa"), None);
    }

    #[test]
    fn lower_is_better() {
        assert_eq!(
            sentido("Tiempo promedio de gestión de casos de Riesgos del Trabajo"),
            "decreciente"
        );
        assert_eq!(
            sentido(
                "Porcentaje de cirugías pendientes en lista de espera quirúrgica mayor a 90 días"
            ),
            "decreciente"
        );
        assert_eq!(sentido("Brecha de evasión al IESS"), "decreciente");
        assert_eq!(sentido("Porcentaje de inspecciones cumplidas"), "creciente");
        assert_eq!(
            sentido("Monto de recuperación de cartera en mora"),
            "creciente"
        );
    }
}
