//! The `.ods` content scanned for what its reader would lay out: repeated
//! rows and columns, repeated spaces, and cells that show a value they do
//! not store.

use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};

use super::{MAX_CELLS, MAX_TEXT_BYTES, too_many_cells, too_much_text, too_wide};
use crate::error::{Error, Location};

/// The cells the `.ods` reader would lay out densely, by table, before it
/// builds them: `content.xml` is scanned for repeated rows and columns.
pub(crate) fn check_ods(bytes: &[u8], loc: &Location) -> Result<(), Error> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut scan = OdsScan::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) => scan.open(&e, false),
            Event::Empty(e) => scan.open(&e, true),
            Event::End(e) => scan.close(e.name().as_ref()),
            Event::Text(t) => scan.cell_text += t.len() as u64,
            _ => {}
        }
        if let Some((row, col)) = scan.lost.take() {
            return Err(Error::input(
                Location {
                    sheet: Some(scan.table.clone()),
                    row: Some(row as usize),
                    column: Some(crate::input::sheet::column_letter(col as usize)),
                    ..loc.clone()
                },
                "la celda muestra un valor pero no lo guarda (le falta el atributo office:value, o su tipo): el archivo no lo escribió LibreOffice ni Excel; ábralo y guárdelo de nuevo con su hoja de cálculo",
            ));
        }
        if scan.text > MAX_TEXT_BYTES {
            return Err(too_much_text(Location {
                sheet: Some(scan.table.clone()),
                ..loc.clone()
            }));
        }
        if scan.done + scan.largest() > MAX_CELLS as u64 {
            if scan.largest() <= MAX_CELLS as u64 {
                // No one sheet is too large: all of them together are.
                return Err(too_many_cells(loc.clone()));
            }
            let first = scan.first_row.unwrap_or(0);
            return Err(too_wide(
                Location {
                    sheet: Some(scan.table.clone()),
                    ..loc.clone()
                },
                (first, 0),
                (scan.last_row - 1, scan.width - 1),
            ));
        }
        buf.clear();
    }
    Ok(())
}

fn repeat(e: &BytesStart, attr: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == attr)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// Running extent of the table being scanned, as the `.ods` reader sizes it:
/// from the first to the last non-blank row (with repetitions), as wide as
/// the widest row up to its last non-blank cell.
#[derive(Default)]
struct OdsScan {
    /// Cells of the tables already scanned.
    done: u64,
    table: String,
    rows_before: u64,
    first_row: Option<u64>,
    last_row: u64,
    width: u64,
    row_repeat: u64,
    col: u64,
    row_width: u64,
    cell_repeat: u64,
    cell_has_value: bool,
    /// The cell's type keeps its value in an attribute it lacks.
    value_missing: bool,
    /// Row (1-based) and column (0-based) of a cell whose shown value the
    /// reader would lose.
    lost: Option<(u64, u64)>,
    /// Text of the cell being read, of the row (with column repeats) and of
    /// the table (with row repeats): the reader copies it for every repeat.
    cell_text: u64,
    row_text: u64,
    text: u64,
}

impl OdsScan {
    fn open(&mut self, e: &BytesStart, empty: bool) {
        match e.name().as_ref() {
            "table:table" => {
                *self = OdsScan {
                    text: self.text,
                    done: self.done + self.largest(),
                    table: e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "table:name")
                        .map(|a| a.value.to_string())
                        .unwrap_or_default(),
                    ..OdsScan::default()
                };
            }
            "table:table-row" => {
                self.row_repeat = repeat(e, "table:number-rows-repeated").min(1 << 20);
                self.col = 0;
                self.row_width = 0;
                if empty {
                    self.end_row();
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                self.cell_repeat = repeat(e, "table:number-columns-repeated").min(1 << 14);
                let attrs: Vec<String> = e
                    .attributes()
                    .flatten()
                    .map(|a| a.key.as_ref().to_string())
                    .collect();
                let has = |k: &str| attrs.iter().any(|a| a == k);
                self.cell_has_value = has("office:value-type") || has("table:formula");
                let kind = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "office:value-type")
                    .map(|a| a.value.to_string());
                // The reader takes a typed cell's value from its attribute
                // only: without it, the text the cell shows would be lost.
                self.value_missing = match kind.as_deref() {
                    Some("string") => false,
                    Some("float" | "percentage" | "currency") => !has("office:value"),
                    Some("date") => !has("office:date-value"),
                    Some("time") => !has("office:time-value"),
                    Some("boolean") => !has("office:boolean-value"),
                    _ => true,
                };
                if empty {
                    self.end_cell();
                }
            }
            // `<text:s text:c="N"/>` stands for N spaces, which the reader writes out.
            "text:s" => {
                self.cell_text = self
                    .cell_text
                    .saturating_add(repeat(e, "text:c").min(MAX_TEXT_BYTES + 1));
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "table:table-row" => self.end_row(),
            "table:table-cell" | "table:covered-table-cell" => {
                // A cell with content (text paragraphs) counts as a value.
                self.cell_has_value = true;
                if self.value_missing && self.cell_text > 0 && self.lost.is_none() {
                    self.lost = Some((self.rows_before + 1, self.col));
                }
                self.end_cell();
            }
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        self.col += self.cell_repeat;
        if self.cell_has_value {
            self.row_width = self.col;
        }
        self.row_text = self
            .row_text
            .saturating_add(self.cell_text.saturating_mul(self.cell_repeat));
        self.cell_repeat = 1;
        self.cell_has_value = false;
        self.cell_text = 0;
    }

    fn end_row(&mut self) {
        let rows = self.row_repeat.max(1);
        if self.row_width > 0 {
            if self.first_row.is_none() {
                self.first_row = Some(self.rows_before);
            }
            self.last_row = self.rows_before + rows;
            self.width = self.width.max(self.row_width);
        }
        self.rows_before += rows;
        self.row_width = 0;
        self.text = self.text.saturating_add(self.row_text.saturating_mul(rows));
        self.row_text = 0;
    }

    /// Cells of the table laid out so far.
    fn largest(&self) -> u64 {
        let rows = self.first_row.map_or(0, |f| self.last_row - f);
        rows.saturating_mul(self.width)
    }
}
