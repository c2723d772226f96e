//! Reading one cell as the value a column expects. Errors are Spanish
//! sentences; the caller adds the location.

use chrono::Datelike;
use rust_decimal::Decimal;

use super::number::{Convention, RawNumber, parse_number};
use super::sheet::{Cell, percent_points};
use crate::model::mes_desde_texto;
use crate::text::clean;

pub(crate) use crate::text::publishable;

/// The largest magnitude a number may have: a thousand billion (10^15),
/// far above any budget of the State, so that every sum of the reports
/// stays exact and a value typed with extra digits is caught.
pub(crate) fn max_magnitude() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

/// The cell as free text, cleaned; `None` when blank. Text that could not
/// be published as read is refused: control characters (invisible, and
/// they break the open-data files), characters the documents' font cannot
/// draw, and texts past [`MAX_TEXT_CHARS`].
pub(crate) fn text(cell: &Cell) -> Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) => {
            let t = clean(t);
            publishable(&t)?;
            Ok(if t.is_empty() { None } else { Some(t) })
        }
        Cell::Number(d) => Ok(Some(d.normalize().to_string())),
        Cell::Error(e) => Err(spreadsheet_error(e)),
        other => Ok(Some(other.shown())),
    }
}

/// The cell as a number, with its `%` sign noted; `None` when blank.
/// Magnitudes past [`max_magnitude`] are refused.
pub(crate) fn number(
    cell: &Cell,
    convention: Option<Convention>,
) -> Result<Option<RawNumber>, String> {
    let n = number_unbounded(cell, convention)?;
    if let Some(r) = n
        && r.value.abs() > max_magnitude()
    {
        return Err(too_large(cell));
    }
    Ok(n)
}

fn too_large(cell: &Cell) -> String {
    format!(
        "el valor «{}» es demasiado grande: el máximo admitido es {} (mil billones); revise si tiene cifras de más",
        cell.shown(),
        crate::format::numero(max_magnitude())
    )
}

fn number_unbounded(
    cell: &Cell,
    convention: Option<Convention>,
) -> Result<Option<RawNumber>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(d) => Ok(Some(RawNumber {
            value: *d,
            percent_sign: false,
        })),
        // A percent cell reads as the same percentage typed with its sign,
        // its digits as the spreadsheet shows them (0,85 → 85, not 85,00).
        Cell::Percent(f) => percent_points(*f)
            .map(|value| {
                Some(RawNumber {
                    value: value.normalize(),
                    percent_sign: true,
                })
            })
            .ok_or_else(|| too_large(cell)),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => parse_number(t, convention).map(Some),
        Cell::Error(e) => Err(spreadsheet_error(e)),
        Cell::Date(d) => Err(format!(
            "se esperaba un número; se encontró la fecha {}",
            d.format("%d/%m/%Y")
        )),
        Cell::Bool(_) => Err(format!(
            "se esperaba un número; se encontró «{}»",
            cell.shown()
        )),
    }
}

/// The cell as a plain number without `%` (amounts, counts, zone numbers).
pub(crate) fn plain_number(
    cell: &Cell,
    convention: Option<Convention>,
) -> Result<Option<Decimal>, String> {
    match number(cell, convention)? {
        Some(RawNumber {
            percent_sign: true, ..
        }) => Err(format!(
            "se esperaba un número sin «%»; se encontró «{}»",
            cell.shown()
        )),
        other => Ok(other.map(|r| r.value)),
    }
}

fn spreadsheet_error(e: &str) -> String {
    format!(
        "la celda contiene el error de hoja de cálculo «{e}»; corrija la fórmula o escriba el valor"
    )
}

/// The closing month of a period cell (`2025-03`, `03/2025`, `marzo 2025`,
/// `mar`, a date), checked against the plan's year.
pub(crate) fn period(cell: &Cell, year: i32) -> Result<u8, String> {
    match period_of(cell)? {
        (Some(y), _) if y != year => Err(format!(
            "el período «{}» está fuera del año {year} del plan",
            cell.shown()
        )),
        (_, m) => Ok(m),
    }
}

/// The year (when written) and closing month of a period cell.
pub(crate) fn period_of(cell: &Cell) -> Result<(Option<i32>, u8), String> {
    let expected =
        "se esperaba un mes del año, p. ej. 2025-03, 03/2025, marzo 2025, mar o una fecha";
    Ok(match cell {
        Cell::Date(d) => (Some(d.year()), d.month() as u8),
        Cell::Number(d) => {
            let m = u8::try_from(d.normalize().mantissa())
                .ok()
                .filter(|m| d.normalize().scale() == 0 && (1..=12).contains(m));
            (
                None,
                m.ok_or_else(|| format!("{expected}; se encontró «{}»", cell.shown()))?,
            )
        }
        Cell::Text(t) => {
            parse_period_text(t).ok_or_else(|| format!("{expected}; se encontró «{}»", t.trim()))?
        }
        Cell::Empty => return Err(format!("falta el período; {expected}")),
        other => return Err(format!("{expected}; se encontró «{}»", other.shown())),
    })
}

/// `(year if written, month)` from the textual forms of a period.
fn parse_period_text(t: &str) -> Option<(Option<i32>, u8)> {
    let t = t.trim().to_lowercase();
    let t = t.replace(" de ", " ");
    let parts: Vec<&str> = t
        .split(['-', '/', ' ', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |s: &str| s.parse::<i32>().ok();
    let month = |v: i32| u8::try_from(v).ok().filter(|m| (1..=12).contains(m));
    let year = |s: &str| match (s.len(), num(s)) {
        (4, Some(y)) => Some(y),
        (2, Some(y)) => Some(2000 + y),
        _ => None,
    };
    match parts.as_slice() {
        [m] => mes_desde_texto(m)
            .or_else(|| num(m).and_then(month))
            .map(|m| (None, m)),
        [a, b] => {
            if let Some(m) = mes_desde_texto(a) {
                return Some((Some(year(b)?), m));
            }
            if a.len() == 4 {
                return Some((Some(year(a)?), month(num(b)?)?));
            }
            Some((Some(year(b)?), month(num(a)?)?))
        }
        [a, b, c] => {
            if a.len() == 4 {
                // ISO date 2025-03-31
                let (y, m, d) = (num(a)?, month(num(b)?)?, num(c)?);
                chrono::NaiveDate::from_ymd_opt(y, m as u32, d as u32)?;
                Some((Some(y), m))
            } else {
                // Spanish order 31/03/2025
                let (d, m, y) = (num(a)?, month(num(b)?)?, year(c)?);
                chrono::NaiveDate::from_ymd_opt(y, m as u32, d as u32)?;
                Some((Some(y), m))
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn p(s: &str) -> Result<u8, String> {
        period(&Cell::Text(s.into()), 2025)
    }

    #[test]
    fn every_period_form_of_the_contract() {
        for s in [
            "2025-03",
            "03/2025",
            "3/2025",
            "marzo 2025",
            "Marzo de 2025",
            "mar",
            "MAR-2025",
            "2025/03",
            "31/03/2025",
            "2025-03-31",
            "3",
            "mar-25",
        ] {
            assert_eq!(p(s), Ok(3), "{s}");
        }
        let date = Cell::Date(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        assert_eq!(period(&date, 2025), Ok(3));
        assert_eq!(period(&Cell::Number(Decimal::from(12)), 2025), Ok(12));
    }

    #[test]
    fn periods_outside_the_year_or_unreadable_are_errors() {
        assert!(p("2024-12").unwrap_err().contains("fuera del año 2025"));
        assert!(p("13/2025").is_err());
        assert!(p("marzzo").is_err());
        assert!(p("31/02/2025").is_err());
        assert!(period(&Cell::Number(Decimal::new(35, 1)), 2025).is_err());
        assert!(
            period(&Cell::Empty, 2025)
                .unwrap_err()
                .starts_with("falta el período")
        );
    }

    #[test]
    fn spreadsheet_errors_and_wrong_types_in_numeric_cells() {
        let e = number(&Cell::Error("#DIV/0!".into()), None).unwrap_err();
        assert!(e.contains("«#DIV/0!»"), "{e}");
        assert!(number(&Cell::Text("abc".into()), None).is_err());
        assert_eq!(number(&Cell::Text("  ".into()), None), Ok(None));
        assert!(plain_number(&Cell::Text("5%".into()), None).is_err());
    }

    #[test]
    fn a_percent_cell_reads_as_points_with_its_sign() {
        use rust_decimal_macros::dec;
        let typed = number(&Cell::Text("60 %".into()), None).unwrap();
        let cell = number(&Cell::Percent(dec!(0.6)), None).unwrap();
        assert_eq!(cell, typed);
        assert_eq!(
            cell,
            Some(RawNumber {
                value: dec!(60),
                percent_sign: true
            })
        );
        assert_eq!(text(&Cell::Percent(dec!(0.855))), Ok(Some("85,5 %".into())));
        let e = plain_number(&Cell::Percent(dec!(0.6)), None).unwrap_err();
        assert_eq!(e, "se esperaba un número sin «%»; se encontró «60 %»");
        let e = number(&Cell::Percent(Decimal::MAX), None).unwrap_err();
        assert!(e.contains("demasiado grande"), "{e}");
        let e = number(&Cell::Percent(dec!(1e14)), None).unwrap_err();
        assert!(e.contains("demasiado grande"), "{e}");
    }
}
