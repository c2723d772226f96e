//! Number cells a spreadsheet shows as percentages. A cell typed «60 %» in
//! a spreadsheet stores 0,6 with a percent number format; read without its
//! format it would be 100 times too small. Each reader finds the format its
//! own way: `.xlsx` through calamine's styles, `.xls` and `.ods` by a scan of
//! the file of our own (calamine keeps no format there), see [`xls`] and
//! [`ods`].

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::sheet::Cell;

pub(crate) mod ods;
pub(crate) mod xls;

/// How a section of a number format shows a `%` sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An unquoted `%`: the value is shown multiplied by 100 (0,6 → «60%»).
    Scaled,
    /// Only a quoted or escaped `%` (`0\%`, `0"%"`): the value is shown as
    /// it is, followed by the sign (60 → «60%»).
    Literal,
}

/// The percent signs of a number format, by the section that shows a value
/// of each sign (`positive;negative;zero;text`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PercentFormat {
    positive: Option<Kind>,
    negative: Option<Kind>,
    zero: Option<Kind>,
}

impl PercentFormat {
    /// The format of percent cells in a file type that has no other kind
    /// (an `.ods` cell of value type `percentage`).
    pub(crate) const SCALED: PercentFormat = PercentFormat {
        positive: Some(Kind::Scaled),
        negative: Some(Kind::Scaled),
        zero: Some(Kind::Scaled),
    };

    /// The percent signs of a format code; `None` when no section shows one.
    ///
    /// Conditional sections (`[>100]`) are taken by their position, as if
    /// they were the sign sections: no plan has been seen to use them.
    pub(crate) fn of_code(code: &str) -> Option<PercentFormat> {
        let sections = sections(code);
        let at = |i: usize| match sections.get(i) {
            Some(k) => *k,
            None => sections.first().copied().flatten(),
        };
        let f = PercentFormat {
            positive: at(0),
            negative: at(1),
            zero: at(2),
        };
        (f.positive.is_some() || f.negative.is_some() || f.zero.is_some()).then_some(f)
    }

    /// The percent signs of a built-in number format (ECMA-376 18.8.30,
    /// MS-XLS 2.4.126): 9 is `0%`, 10 is `0.00%`.
    pub(crate) fn builtin(id: u32) -> Option<PercentFormat> {
        matches!(id, 9 | 10).then_some(PercentFormat::SCALED)
    }

    /// A number cell read with this format: a [`Cell::Percent`] holding the
    /// fraction it shows, or the plain number when its section shows no `%`.
    pub(crate) fn cell(self, value: Decimal) -> Cell {
        let kind = if value.is_zero() {
            self.zero
        } else if value.is_sign_negative() {
            self.negative
        } else {
            self.positive
        };
        match kind {
            Some(Kind::Scaled) => Cell::Percent(value),
            Some(Kind::Literal) => value
                .checked_div(Decimal::ONE_HUNDRED)
                .map_or(Cell::Number(value), Cell::Percent),
            None => Cell::Number(value),
        }
    }
}

/// The `%` of each section of a format code, first four sections only.
fn sections(code: &str) -> Vec<Option<Kind>> {
    let mut out = vec![None];
    let (mut quoted, mut bracket) = (false, false);
    // The character after `\` is shown as is; after `_` (a space of its
    // width) and `*` (fill) it is not a sign of the number.
    let mut next_literal = false;
    let mut next_skipped = false;
    let mark = |out: &mut Vec<Option<Kind>>, kind: Kind| {
        if let Some(k) = out.last_mut() {
            *k = match (*k, kind) {
                (Some(Kind::Scaled), _) | (_, Kind::Scaled) => Some(Kind::Scaled),
                _ => Some(Kind::Literal),
            };
        }
    };
    for c in code.chars() {
        if next_literal || next_skipped {
            if next_literal && c == '%' {
                mark(&mut out, Kind::Literal);
            }
            (next_literal, next_skipped) = (false, false);
            continue;
        }
        if quoted {
            match c {
                '"' => quoted = false,
                '%' => mark(&mut out, Kind::Literal),
                _ => {}
            }
            continue;
        }
        if bracket {
            bracket = c != ']';
            continue;
        }
        match c {
            '"' => quoted = true,
            '[' => bracket = true,
            '\\' => next_literal = true,
            '_' | '*' => next_skipped = true,
            '%' => mark(&mut out, Kind::Scaled),
            ';' if out.len() == 4 => break,
            ';' => out.push(None),
            _ => {}
        }
    }
    out
}

/// The percent-format cells of one sheet, found by a scan of the file, by
/// their 0-based position as the workbook reader gives it.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// Single cells.
    cells: HashMap<(u32, u32), PercentFormat>,
    /// Boxes of repeated cells, in sheet order: by row, then column.
    runs: Vec<Run>,
}

/// A box of cells that share one format: rows `r0..=r1`, columns `c0..=c1`.
#[derive(Clone, Copy, Debug)]
struct Run {
    r0: u32,
    r1: u32,
    c0: u32,
    c1: u32,
    format: PercentFormat,
}

impl Marks {
    /// The format of the cell at `(row, col)`, if it shows a percentage.
    pub(crate) fn at(&self, row: u32, col: u32) -> Option<PercentFormat> {
        if let Some(f) = self.cells.get(&(row, col)) {
            return Some(*f);
        }
        let first = self.runs.partition_point(|r| r.r1 < row);
        self.runs[first..]
            .iter()
            .take_while(|r| r.r0 <= row)
            .find(|r| (r.c0..=r.c1).contains(&col))
            .map(|r| r.format)
    }

    /// Whether no cell is marked.
    pub(crate) fn is_empty(&self) -> bool {
        self.cells.is_empty() && self.runs.is_empty()
    }

    /// How many entries are kept, for the bound on what a file may make us keep.
    pub(crate) fn len(&self) -> usize {
        self.cells.len() + self.runs.len()
    }

    /// Marks one cell, or unmarks it when a later record of the same
    /// position has no percent format (the reader keeps the last one).
    pub(crate) fn set(&mut self, row: u32, col: u32, format: Option<PercentFormat>) {
        match format {
            Some(f) => {
                self.cells.insert((row, col), f);
            }
            None => {
                self.cells.remove(&(row, col));
            }
        }
    }

    /// Marks a box; boxes must come in sheet order and not overlap.
    pub(crate) fn push_run(&mut self, rows: (u32, u32), cols: (u32, u32), format: PercentFormat) {
        self.runs.push(Run {
            r0: rows.0,
            r1: rows.1,
            c0: cols.0,
            c1: cols.1,
            format,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn read(code: &str, v: Decimal) -> Cell {
        PercentFormat::of_code(code).map_or(Cell::Number(v), |f| f.cell(v))
    }

    #[test]
    fn an_unquoted_percent_sign_shows_a_fraction() {
        for code in [
            "0%",
            "0.00%",
            "#,##0.0 %",
            "[Red]0%",
            "0%;-0%",
            "0.0%;[Red]-0.0%;0%",
        ] {
            assert_eq!(read(code, dec!(0.6)), Cell::Percent(dec!(0.6)), "{code}");
            assert_eq!(read(code, dec!(-0.6)), Cell::Percent(dec!(-0.6)), "{code}");
        }
        assert_eq!(read("0%", Decimal::ZERO), Cell::Percent(Decimal::ZERO));
    }

    #[test]
    fn a_quoted_or_escaped_percent_sign_shows_points() {
        for code in ["0\\%", "0.0\"%\"", "0\" % de avance\""] {
            assert_eq!(read(code, dec!(60)), Cell::Percent(dec!(0.60)), "{code}");
        }
        assert_eq!(read("0\\%", dec!(0.5)), Cell::Percent(dec!(0.005)));
    }

    #[test]
    fn formats_without_a_percent_sign_show_numbers() {
        for code in [
            "General",
            "0.00",
            "#,##0",
            "\"$ \"#,##0.00",
            "[$%-409]0",
            "0_%",
            "0*%",
            "dd/mm/yyyy",
            "",
        ] {
            assert_eq!(read(code, dec!(0.6)), Cell::Number(dec!(0.6)), "{code}");
        }
    }

    #[test]
    fn each_sign_is_read_by_its_own_section() {
        let code = "0%;-0.00;\"cero\"";
        assert_eq!(read(code, dec!(0.6)), Cell::Percent(dec!(0.6)));
        assert_eq!(read(code, dec!(-0.6)), Cell::Number(dec!(-0.6)));
        assert_eq!(read(code, Decimal::ZERO), Cell::Number(Decimal::ZERO));
        // Two sections: zero is shown by the first one.
        assert_eq!(read("0%;-0", Decimal::ZERO), Cell::Percent(Decimal::ZERO));
        // The text section shows no number.
        assert_eq!(read("0;0;0;@%", dec!(0.6)), Cell::Number(dec!(0.6)));
        // Sections past the fourth are ignored.
        assert_eq!(read("0;0;0;@;%", dec!(0.6)), Cell::Number(dec!(0.6)));
    }

    #[test]
    fn builtin_percent_formats() {
        assert_eq!(PercentFormat::builtin(9), Some(PercentFormat::SCALED));
        assert_eq!(PercentFormat::builtin(10), Some(PercentFormat::SCALED));
        assert_eq!(PercentFormat::builtin(0), None);
        assert_eq!(PercentFormat::builtin(11), None);
    }

    #[test]
    fn marks_find_single_cells_and_boxes() {
        let mut m = Marks::default();
        assert!(m.is_empty());
        m.set(3, 4, Some(PercentFormat::SCALED));
        m.set(5, 5, Some(PercentFormat::SCALED));
        m.set(5, 5, None);
        m.push_run((0, 0), (2, 3), PercentFormat::SCALED);
        m.push_run((10, 19), (1, 1), PercentFormat::SCALED);
        m.push_run((10, 19), (4, 6), PercentFormat::SCALED);
        m.push_run((20, 20), (0, 0), PercentFormat::SCALED);
        let marked = |r, c| m.at(r, c).is_some();
        assert!(marked(3, 4) && !marked(5, 5));
        assert!(marked(0, 2) && marked(0, 3) && !marked(0, 4) && !marked(1, 2));
        assert!(marked(10, 1) && marked(19, 6) && marked(15, 5) && !marked(15, 3));
        assert!(marked(20, 0) && !marked(21, 0) && !marked(9, 1));
        assert_eq!(m.len(), 5);
    }
}
