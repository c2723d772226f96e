//! Months and report periods.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::text::fold_key;

/// Short month names as column headers (`ene` … `dic`).
pub const MESES_CORTOS: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
];

/// Full month names, lower case as Spanish writes them.
pub const MESES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// Reads a Spanish month name or abbreviation (`mar`, `Marzo`, `sept`, `setiembre`) as 1–12.
pub fn mes_desde_texto(texto: &str) -> Option<u8> {
    let k = fold_key(texto);
    if k.is_empty() {
        return None;
    }
    if k == "sept" || k == "set" || k == "setiembre" {
        return Some(9);
    }
    (0..12)
        .find(|&i| k == MESES_CORTOS[i] || k == MESES[i])
        .map(|i| i as u8 + 1)
}

/// A report period: a month of a year. Written `2025-06`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Periodo {
    pub anio: i32,
    /// 1–12.
    pub mes: u8,
}

impl Periodo {
    /// The last day of the month: the default report date.
    pub fn ultimo_dia(self) -> NaiveDate {
        let (y, m) = if self.mes == 12 {
            (self.anio + 1, 1)
        } else {
            (self.anio, self.mes as u32 + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MIN)
    }

    /// `junio de 2025`.
    pub fn nombre(self) -> String {
        format!("{} de {}", MESES[self.mes as usize - 1], self.anio)
    }
}

impl fmt::Display for Periodo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.anio, self.mes)
    }
}

impl FromStr for Periodo {
    type Err = String;

    /// Parses `YYYY-MM` (the form of `--periodo`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || format!("«{s}» no es un período; se esperaba AAAA-MM, p. ej. 2025-06");
        let (y, m) = s.trim().split_once('-').ok_or_else(err)?;
        let anio: i32 = y.parse().map_err(|_| err())?;
        let mes: u8 = m.parse().map_err(|_| err())?;
        if !(1..=12).contains(&mes) || !(2000..=2100).contains(&anio) || y.len() != 4 {
            return Err(err());
        }
        Ok(Periodo { anio, mes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names() {
        assert_eq!(mes_desde_texto("Marzo"), Some(3));
        assert_eq!(mes_desde_texto("mar"), Some(3));
        assert_eq!(mes_desde_texto("SEPT"), Some(9));
        assert_eq!(mes_desde_texto("setiembre"), Some(9));
        assert_eq!(mes_desde_texto("dic"), Some(12));
        assert_eq!(mes_desde_texto("marz"), None);
    }

    #[test]
    fn period_parses_and_knows_its_last_day() {
        let p: Periodo = "2025-06".parse().unwrap();
        assert_eq!(p, Periodo { anio: 2025, mes: 6 });
        assert_eq!(p.to_string(), "2025-06");
        assert_eq!(
            p.ultimo_dia(),
            NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
        );
        assert_eq!(
            Periodo { anio: 2024, mes: 2 }.ultimo_dia().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Periodo {
                anio: 2025,
                mes: 12
            }
            .ultimo_dia()
            .to_string(),
            "2025-12-31"
        );
        assert_eq!(p.nombre(), "junio de 2025");
        for bad in ["2025-13", "2025", "25-06", "junio", "2025-00"] {
            assert!(bad.parse::<Periodo>().is_err(), "{bad}");
        }
    }
}
