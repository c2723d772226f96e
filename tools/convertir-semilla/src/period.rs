//! Period labels of the seed (`Ene`, `Ene-Mar`, `Ene - Dic`, …) and the
//! month in which each period closes.

const MONTHS: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
];

/// Column headers of the month columns in `metas.xlsx`.
pub const MONTH_COLUMNS: [&str; 12] = MONTHS;

/// A span of months, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: u8,
    pub end: u8,
}

impl Period {
    /// Number of months the period covers.
    pub fn span(self) -> u8 {
        self.end - self.start + 1
    }

    /// The month in which the period closes; its target goes there.
    pub fn closing_month(self) -> u8 {
        self.end
    }
}

fn month_number(word: &str) -> Option<u8> {
    let w = word.trim().to_lowercase();
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS.iter().position(|m| *m == w).map(|i| i as u8 + 1)
}

/// Parses `Ene`, `Ene-Mar`, `Ene - Dic`; `None` when the text is no label.
pub fn parse_label(text: &str) -> Option<Period> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.split_once('-') {
        None => month_number(t).map(|m| Period { start: m, end: m }),
        Some((a, b)) => {
            let start = month_number(a)?;
            let end = month_number(b)?;
            (start <= end).then_some(Period { start, end })
        }
    }
}

/// The `periodicidad` word for a span, as SPEC 1.1 names it.
pub fn periodicidad(span: u8) -> Option<&'static str> {
    match span {
        1 => Some("mensual"),
        2 => Some("bimestral"),
        3 => Some("trimestral"),
        4 => Some("cuatrimestral"),
        6 => Some("semestral"),
        12 => Some("anual"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_months() {
        assert_eq!(parse_label("Ene"), Some(Period { start: 1, end: 1 }));
        assert_eq!(parse_label("Dic"), Some(Period { start: 12, end: 12 }));
        assert_eq!(parse_label(" Ago "), Some(Period { start: 8, end: 8 }));
    }

    #[test]
    fn ranges_close_in_their_last_month() {
        let q = parse_label("Abr-Jun").unwrap();
        assert_eq!((q.span(), q.closing_month()), (3, 6));
        let c = parse_label("May-Ago").unwrap();
        assert_eq!((c.span(), c.closing_month()), (4, 8));
        let s = parse_label("Jul-Dic").unwrap();
        assert_eq!((s.span(), s.closing_month()), (6, 12));
        let y = parse_label("Ene - Dic").unwrap();
        assert_eq!((y.span(), y.closing_month()), (12, 12));
        let b = parse_label("Ene-Feb").unwrap();
        assert_eq!((b.span(), b.closing_month()), (2, 2));
    }

    #[test]
    fn spans_name_the_periodicity() {
        assert_eq!(periodicidad(1), Some("mensual"));
        assert_eq!(periodicidad(2), Some("bimestral"));
        assert_eq!(periodicidad(3), Some("trimestral"));
        assert_eq!(periodicidad(4), Some("cuatrimestral"));
        assert_eq!(periodicidad(6), Some("semestral"));
        assert_eq!(periodicidad(12), Some("anual"));
        assert_eq!(periodicidad(5), None);
    }

    #[test]
    fn not_labels() {
        assert_eq!(parse_label("0.85"), None);
        assert_eq!(parse_label("Estrategia"), None);
        assert_eq!(parse_label("Dic-Ene"), None);
        assert_eq!(parse_label("- Metas Sin Cerrar-"), None);
        assert_eq!(parse_label(""), None);
    }
}
