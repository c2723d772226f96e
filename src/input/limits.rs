//! Memory bounds on what an input file may make the program allocate. A file
//! that claims to be huge (a zip bomb, a cell at XFD1048576, a million
//! columns) is refused before the allocation, with the limit it broke.
//!
//! The bounds are far above any real plan: the IESS plan is 1,801 rows × 26
//! columns (47,000 cells); 50,000 rows of metas are 1.3 million.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, Location};
use crate::format::numero;

const MIB: u64 = 1024 * 1024;

/// Largest input file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * MIB;
/// Largest total a workbook's zip entries may declare once decompressed.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * MIB;
/// Largest compression ratio of a zip entry bigger than [`RATIO_FROM_BYTES`]:
/// spreadsheet XML compresses 10–50 times, a zip bomb about 1,000 times.
pub const MAX_RATIO: u64 = 400;
/// Entries smaller than this are not checked for their ratio.
pub const RATIO_FROM_BYTES: u64 = 4 * MIB;
/// Most cells a file may occupy, counted from column A to the last
/// non-blank cell of every non-blank row (what the reader keeps in memory).
pub const MAX_CELLS: usize = 4_000_000;
/// Most columns a row may have.
pub const MAX_COLUMNS: usize = 1_000;
/// Most text a file's cells may hold in total: a workbook stores a text once
/// and may show it in every cell, so a small file can name gigabytes.
pub const MAX_TEXT_BYTES: u64 = 256 * MIB;

fn mib(bytes: u64) -> String {
    numero(bytes.div_ceil(MIB).into())
}

/// A file larger than [`MAX_FILE_BYTES`].
pub fn too_large(loc: &Location) -> Error {
    Error::input(
        loc.clone(),
        format!(
            "el archivo pesa más de {} MiB, el límite: divídalo o quite las hojas que no son datos",
            mib(MAX_FILE_BYTES)
        ),
    )
}

/// Counts the cells a file keeps in memory and refuses it past the limits.
#[derive(Debug, Default)]
pub struct Budget {
    cells: usize,
    text: u64,
}

impl Budget {
    /// Accounts for the text of a cell; `at` names its row for the message.
    pub fn text(&mut self, bytes: usize, at: impl FnOnce() -> Location) -> Result<(), Error> {
        self.text += bytes as u64;
        if self.text > MAX_TEXT_BYTES {
            return Err(too_much_text(at()));
        }
        Ok(())
    }

    /// Accounts for a row of `width` cells; `at` names the row for the message.
    pub fn take(&mut self, width: usize, at: impl FnOnce() -> Location) -> Result<(), Error> {
        if width > MAX_COLUMNS {
            return Err(Error::input(
                at(),
                format!(
                    "la fila tiene datos en {} columnas (hasta la {}); el límite es {}: borre lo que está fuera de la tabla",
                    numero(width.into()),
                    super::table::column_letter(width - 1),
                    numero(MAX_COLUMNS.into())
                ),
            ));
        }
        self.cells += width;
        if self.cells > MAX_CELLS {
            return Err(too_many_cells(at()));
        }
        Ok(())
    }
}

fn too_many_cells(loc: Location) -> Error {
    Error::input(
        loc,
        format!(
            "el archivo ocupa más de {} celdas, el límite: divídalo en varios archivos o borre lo que está fuera de la tabla",
            numero(MAX_CELLS.into())
        ),
    )
}

fn too_much_text(loc: Location) -> Error {
    Error::input(
        loc,
        format!(
            "las celdas del archivo suman más de {} MiB de texto, el límite: divídalo en varios archivos",
            mib(MAX_TEXT_BYTES)
        ),
    )
}

/// A sheet whose used area (from its first to its last cell) is too large.
fn too_wide(loc: Location, from: (u64, u64), to: (u64, u64)) -> Error {
    let cell = |(r, c): (u64, u64)| format!("{}{}", super::table::column_letter(c as usize), r + 1);
    let cells = (to.0 - from.0 + 1).saturating_mul(to.1 - from.1 + 1);
    Error::input(
        loc,
        format!(
            "la hoja ocupa de {} a {} ({} celdas); el límite es {}: borre las celdas fuera de la tabla",
            cell(from),
            cell(to),
            numero(cells.into()),
            numero(MAX_CELLS.into())
        ),
    )
}

/// Checks the sizes a zip (`.xlsx`, `.ods`) declares before anything is
/// decompressed. The zip reader refuses an entry that decompresses past its
/// declared size, so these bounds hold for the reading that follows.
pub fn check_zip(bytes: &[u8], loc: &Location) -> Result<(), Error> {
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Damaged archives are reported by the workbook reader, with its reason.
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            continue;
        };
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        if size > RATIO_FROM_BYTES && size / packed > MAX_RATIO {
            return Err(Error::input(
                loc.clone(),
                format!(
                    "el libro contiene «{}», que se descomprime {} veces (a {} MiB); el límite es {} veces: parece una bomba de compresión y no se abre",
                    entry.name().unwrap_or_default(),
                    numero((size / packed).into()),
                    mib(size),
                    numero(MAX_RATIO.into())
                ),
            ));
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(Error::input(
            loc.clone(),
            format!(
                "el libro declara {} MiB sin comprimir; el límite es {} MiB: no se abre",
                mib(total),
                mib(MAX_UNZIPPED_BYTES)
            ),
        ));
    }
    Ok(())
}

/// The cells the `.ods` reader would lay out densely, by table, before it
/// builds them: `content.xml` is scanned for repeated rows and columns.
pub fn check_ods(bytes: &[u8], loc: &Location) -> Result<(), Error> {
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
                    column: Some(super::table::column_letter(col as usize)),
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

/// The cells the `.xls` reader would lay out densely: per sheet, the box from
/// the first to the last cell record, summed over the sheets.
pub fn check_xls(bytes: &[u8], loc: &Location) -> Result<(), Error> {
    let Ok(mut cfb) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Ok(());
    };
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n));
    let Some(name) = name else { return Ok(()) };
    let Ok(mut stream) = cfb.open_stream(name) else {
        return Ok(());
    };
    let mut data = Vec::new();
    if stream
        .by_ref()
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut data)
        .is_err()
    {
        return Ok(());
    }
    let mut total: u64 = 0;
    let mut sheet: Option<(u32, u32, u32, u32)> = None;
    let mut pos = 0;
    while pos + 4 <= data.len() {
        let typ = u16::from_le_bytes([data[pos], data[pos + 1]]);
        let len = u16::from_le_bytes([data[pos + 2], data[pos + 3]]) as usize;
        let body = &data[(pos + 4).min(data.len())..(pos + 4 + len).min(data.len())];
        pos += 4 + len;
        let u16_at = |i: usize| {
            body.get(i..i + 2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]) as u32)
        };
        let cells: Option<(u32, u32, u32)> = match typ {
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row, col.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                u16_at(0).zip(u16_at(2)).map(|(r, c)| (r, c, c))
            }
            // MulRk: row, first column, …, last column.
            0x00BD if body.len() >= 6 => {
                let last = u16_at(body.len() - 2);
                u16_at(0)
                    .zip(u16_at(2))
                    .zip(last)
                    .map(|((r, a), b)| (r, a, b))
            }
            // Dimensions: the reader reserves the box it declares, taken
            // as it does (rows counted with wrap-around, as u32).
            0x0200 => {
                if let Some(((r0, r1), (c0, c1))) = declared_box(body) {
                    let cells = r1
                        .saturating_sub(r0)
                        .saturating_add(1)
                        .saturating_mul(c1 - c0 + 1);
                    if cells > MAX_CELLS as u64 {
                        return Err(too_wide(loc.clone(), (r0, c0), (r1, c1)));
                    }
                }
                None
            }
            // EOF closes a sheet's box.
            0x000A => {
                if let Some((r0, r1, c0, c1)) = sheet.take() {
                    total += (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
                }
                None
            }
            _ => None,
        };
        if let Some((r, a, b)) = cells {
            let (a, b) = (a.min(b), a.max(b));
            let s = sheet.get_or_insert((r, r, a, b));
            *s = (s.0.min(r), s.1.max(r), s.2.min(a), s.3.max(b));
            let open = (s.1 - s.0 + 1) as u64 * (s.3 - s.2 + 1) as u64;
            if total + open > MAX_CELLS as u64 {
                let (r0, r1, c0, c1) = (s.0 as u64, s.1 as u64, s.2 as u64, s.3 as u64);
                return Err(too_wide(loc.clone(), (r0, c0), (r1, c1)));
            }
        }
    }
    Ok(())
}

/// The first and last row and column a `.xls` Dimensions record declares,
/// as calamine reads them (MS-XLS 2.4.90): `None` when it declares nothing.
fn declared_box(body: &[u8]) -> Option<((u64, u64), (u64, u64))> {
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([body[i], body[i + 1]]));
    let u32_at = |i: usize| {
        u64::from(u32::from_le_bytes([
            body[i],
            body[i + 1],
            body[i + 2],
            body[i + 3],
        ]))
    };
    let (rf, rl, mut cf, cl) = match body.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return None;
    }
    // calamine subtracts in u32 and wraps: a first row past the last one
    // declares nearly four billion rows.
    let rows_last = if rf > rl - 1 {
        rf + u64::from(u32::MAX)
    } else {
        rl - 1
    };
    Some(((rf, rows_last), (cf, (cl - 1).max(cf))))
}

/// Checks what an `.xlsx` declares beyond its zip sizes: the count of
/// shared strings, which the reader reserves room for before reading them.
pub fn check_xlsx(bytes: &[u8], loc: &Location) -> Result<(), Error> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let names: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(|n| n.to_string())
        .collect();
    for name in names {
        let Ok(part) = zip.by_name(&name) else {
            continue;
        };
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    for key in ["uniqueCount", "count"] {
                        let declared = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == key)
                            .map(|a| declared_count(a.value.as_bytes()));
                        if declared.is_some_and(|n| n > MAX_CELLS as u128) {
                            return Err(Error::input(
                                loc.clone(),
                                format!(
                                    "el libro declara más textos que las {} celdas admitidas: está dañado o fue alterado; vuelva a descargarlo o guárdelo de nuevo con su hoja de cálculo",
                                    numero(MAX_CELLS.into())
                                ),
                            ));
                        }
                    }
                    break;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
    }
    Ok(())
}

/// A count attribute as a reader of digits would take it: its leading
/// digits (after an optional `+`), saturating.
fn declared_count(v: &[u8]) -> u128 {
    let v = v.strip_prefix(b"+").unwrap_or(v);
    v.iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0u128, |n, b| {
            n.saturating_mul(10).saturating_add(u128::from(b - b'0'))
        })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// An `.ods` in memory whose tables each repeat one row of `width`
    /// values `rows` times.
    fn ods(tables: &[(u64, u64)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("content.xml", stored).unwrap();
        let mut xml = String::from("<office:document-content><office:body><office:spreadsheet>");
        for (i, (rows, width)) in tables.iter().enumerate() {
            xml.push_str(&format!(
                "<table:table table:name=\"H{i}\"><table:table-row table:number-rows-repeated=\"{rows}\"><table:table-cell office:value-type=\"float\" table:number-columns-repeated=\"{width}\"/></table:table-row></table:table>"
            ));
        }
        xml.push_str("</office:spreadsheet></office:body></office:document-content>");
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn ods_extent_is_counted_over_every_table() {
        let loc = Location::file("metas.ods");
        assert!(check_ods(&ods(&[(100_000, 26)]), &loc).is_ok());
        let e = check_ods(&ods(&[(100_000, 30), (100_000, 30)]), &loc)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("metas.ods: el archivo ocupa más de 4.000.000 celdas"),
            "{e}"
        );
        let e = check_ods(&ods(&[(1_000_000, 20)]), &loc)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("metas.ods, hoja «H0»: la hoja ocupa de A1 a T1000000 (20.000.000 celdas)"),
            "{e}"
        );
    }

    #[test]
    fn a_budget_refuses_wide_rows_and_too_many_cells() {
        let at = || Location::file("metas.csv");
        let mut b = Budget::default();
        assert!(b.take(MAX_COLUMNS, at).is_ok());
        assert!(b.take(MAX_COLUMNS + 1, at).is_err());
        let mut b = Budget::default();
        for _ in 0..MAX_CELLS / MAX_COLUMNS {
            b.take(MAX_COLUMNS, at).unwrap();
        }
        assert!(b.take(1, at).is_err());
        let mut b = Budget::default();
        assert!(b.text(MAX_TEXT_BYTES as usize, at).is_ok());
        assert!(b.text(1, at).is_err());
    }
}
