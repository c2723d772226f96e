//! Reading the fields of one data row, collecting every problem with its
//! file, sheet, row and column.

use rust_decimal::Decimal;

use super::cells;
use super::header::Header;
use super::number::RawNumber;
use super::sheet::{Cell, Row, Sheet};
use crate::error::{Location, Problems};
use crate::model::Provincia;
use crate::text::closest;

/// The fields of one row; problems go to the shared collector.
pub(crate) struct Fields<'a> {
    pub sheet: &'a Sheet,
    pub header: &'a Header,
    pub row: &'a Row,
    problems: &'a mut Problems,
    /// Whether this row produced a problem.
    pub failed: bool,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(
        sheet: &'a Sheet,
        header: &'a Header,
        row: &'a Row,
        problems: &'a mut Problems,
    ) -> Self {
        Fields {
            sheet,
            header,
            row,
            problems,
            failed: false,
        }
    }

    /// The cell under a column of the contract (empty when the sheet lacks it).
    pub(crate) fn cell(&self, key: &str) -> &'a Cell {
        match self.header.get(key) {
            Some(c) => self.row.get(c),
            None => &Cell::Empty,
        }
    }

    /// Location of a column of this row.
    pub(crate) fn loc(&self, key: &str) -> Location {
        let col = self.header.get(key);
        self.sheet
            .location(self.row.number, col.map(|c| (c, self.header.title(c))))
    }

    /// Location of the row as a whole.
    pub(crate) fn row_loc(&self) -> Location {
        self.sheet.location(self.row.number, None)
    }

    /// Records a problem in a column of this row.
    pub(crate) fn problem(&mut self, key: &str, message: impl Into<String>) {
        let loc = self.loc(key);
        self.problems.push(loc, message);
        self.failed = true;
    }

    fn check<T>(&mut self, key: &str, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.problem(key, m);
                None
            }
        }
    }

    /// Optional free text.
    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        let c = self.cell(key);
        self.check(key, cells::text(c)).flatten()
    }

    /// Required free text; a blank cell is a problem (one that cannot be
    /// read is one problem, not two).
    pub(crate) fn required_text(&mut self, key: &str, what: &str) -> Option<String> {
        match cells::text(self.cell(key)) {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                self.problem(key, format!("falta {what}"));
                None
            }
            Err(m) => {
                self.problem(key, m);
                None
            }
        }
    }

    /// An optional value of a closed vocabulary.
    pub(crate) fn vocab<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        values: fn() -> String,
    ) -> Option<T> {
        let t = self.text(key)?;
        let v = parse(&t);
        if v.is_none() {
            self.problem(
                key,
                format!("valor desconocido «{t}»; se esperaba {}", values()),
            );
        }
        v
    }

    /// An optional number, `%` sign noted.
    pub(crate) fn number(&mut self, key: &str) -> Option<RawNumber> {
        let c = self.cell(key);
        self.check(key, cells::number(c, self.sheet.convention))
            .flatten()
    }

    /// An optional number without `%`.
    pub(crate) fn plain_number(&mut self, key: &str) -> Option<Decimal> {
        let c = self.cell(key);
        self.check(key, cells::plain_number(c, self.sheet.convention))
            .flatten()
    }

    /// An optional province, matched tolerantly.
    pub(crate) fn provincia(&mut self, key: &str) -> Option<Provincia> {
        let t = self.text(key)?;
        let p = Provincia::parse(&t);
        if p.is_none() {
            let hint = closest(&t, crate::model::provincia_nombres().iter().copied())
                .map(|s| format!("; ¿quiso decir «{s}»?"))
                .unwrap_or_default();
            self.problem(key, format!("provincia desconocida «{t}»{hint} (se esperaba una de las 24 provincias del Ecuador)"));
        }
        p
    }

    /// The closing month of the period column, in `year` when it is known.
    pub(crate) fn period(&mut self, key: &str, year: Option<i32>) -> Option<u8> {
        let c = self.cell(key);
        let r = match year {
            Some(y) => cells::period(c, y),
            None => cells::period_of(c).map(|(_, m)| m),
        };
        self.check(key, r)
    }
}
