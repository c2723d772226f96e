//! A file's content as the readers see it: sheets of typed cells with the
//! row numbers and column letters a spreadsheet shows, and the kinds of file.

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::number::Convention;
use crate::error::Location;

/// A cell value as read, before any column's rules are applied.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(Decimal),
    /// A number cell whose number format shows it as a percentage, holding
    /// the fraction the spreadsheet stores: a cell shown «60 %» holds 0,6.
    Percent(Decimal),
    Date(NaiveDate),
    Bool(bool),
    /// A spreadsheet error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing but whitespace.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages.
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(d) => d.normalize().to_string(),
            Cell::Percent(f) => match percent_points(*f) {
                Some(p) => format!("{} %", crate::format::numero(p)),
                None => f.normalize().to_string(),
            },
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => if *b { "VERDADERO" } else { "FALSO" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// The points a stored fraction shows (0,6 → 60); `None` past what a
/// decimal holds.
pub(crate) fn percent_points(fraction: Decimal) -> Option<Decimal> {
    fraction.checked_mul(Decimal::ONE_HUNDRED)
}

/// One row that has at least one non-blank cell.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// 1-based row number as the spreadsheet shows it.
    pub number: usize,
    /// Cells from column A.
    pub cells: Vec<Cell>,
    /// Fields of the line in a CSV file, trailing empty ones included (a
    /// separator too many shifts the cells); the kept cells in a workbook.
    pub fields: usize,
}

impl Row {
    pub(crate) fn get(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

/// One sheet (or a whole CSV file).
#[derive(Clone, Debug)]
pub(crate) struct Sheet {
    /// File name as the user knows it.
    pub file: String,
    /// Sheet name; `None` for CSV.
    pub name: Option<String>,
    /// The workbook hides the sheet: its rows would be published unseen.
    pub hidden: bool,
    /// Non-blank rows only, in order.
    pub rows: Vec<Row>,
    /// Decimal convention the file declares by its delimiter, if any.
    pub convention: Option<Convention>,
}

impl Sheet {
    /// Location of a cell, for messages.
    pub(crate) fn location(&self, row: usize, col: Option<(usize, &str)>) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.name.clone(),
            row: Some(row),
            column: col.map(|(c, h)| {
                if h.is_empty() {
                    column_letter(c)
                } else {
                    format!("{} ({h})", column_letter(c))
                }
            }),
            line: None,
        }
    }

    /// Location of the sheet as a whole.
    pub(crate) fn whole(&self) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.name.clone(),
            ..Default::default()
        }
    }
}

/// Spreadsheet column letters for a 0-based index: 0 → `A`, 26 → `AA`.
pub(crate) fn column_letter(mut idx: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (idx % 26) as u8);
        if idx < 26 {
            break;
        }
        idx = idx / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The kinds of file the program reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
    Tsv,
}

impl Format {
    /// The format a file name announces, if supported.
    pub(crate) fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            _ => return None,
        })
    }
}

/// What a file is, by its name's extension, for messages.
pub(crate) fn describe(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "un libro .xlsx",
        Format::Xls => "un libro .xls",
        Format::Ods => "un libro .ods",
        Format::Csv => "un archivo .csv",
        Format::Tsv => "un archivo .tsv",
    }
}

/// The error values spreadsheets write in cells, in English and Spanish
/// (Excel) and LibreOffice's `Err:NNN`: a CSV export carries them as text.
pub(crate) fn is_error_literal(text: &str) -> bool {
    const ERRORS: &[&str] = &[
        "#div/0!",
        "#n/a",
        "#name?",
        "#null!",
        "#num!",
        "#ref!",
        "#value!",
        "#spill!",
        "#calc!",
        "#getting_data",
        "#field!",
        "#¡div/0!",
        "#n/d",
        "#¿nombre?",
        "#¡nulo!",
        "#¡num!",
        "#¡ref!",
        "#¡valor!",
        "#¡desbordamiento!",
        "#¡calc!",
    ];
    let t = text.trim();
    if !t.starts_with('#') && !t.starts_with("Err:") {
        return false;
    }
    let lower = t.to_lowercase();
    ERRORS.contains(&lower.as_str())
        || lower
            .strip_prefix("err:")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// A text cell, or the spreadsheet error it spells.
pub(crate) fn text_cell(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else if is_error_literal(text) {
        Cell::Error(text.trim().to_string())
    } else {
        Cell::Text(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(16383), "XFD");
    }

    #[test]
    fn spreadsheet_error_texts_are_error_cells() {
        for e in [
            "#DIV/0!",
            "#REF!",
            " #N/A ",
            "#¡REF!",
            "#¡VALOR!",
            "#N/D",
            "Err:502",
        ] {
            assert_eq!(text_cell(e), Cell::Error(e.trim().into()), "{e}");
        }
        for t in [
            "#1 de la lista",
            "Err:",
            "REF!",
            "# REF!",
            "Error de cálculo",
        ] {
            assert_eq!(text_cell(t), Cell::Text(t.into()), "{t}");
        }
        assert_eq!(text_cell("  "), Cell::Empty);
    }

    #[test]
    fn a_percent_cell_is_shown_as_the_spreadsheet_shows_it() {
        use rust_decimal_macros::dec;
        assert_eq!(Cell::Percent(dec!(0.6)).shown(), "60 %");
        assert_eq!(Cell::Percent(dec!(0.6000)).shown(), "60 %");
        assert_eq!(Cell::Percent(dec!(0.0646)).shown(), "6,46 %");
        assert_eq!(Cell::Percent(dec!(12.5)).shown(), "1.250 %");
        assert_eq!(
            Cell::Percent(Decimal::MAX).shown(),
            Decimal::MAX.to_string()
        );
    }
}
