//! Spreadsheet workbooks through calamine: `.xlsx` read cell by cell (never
//! as a dense range, so a stray cell at XFD1048576 costs nothing), `.xls` and
//! `.ods` as ranges once their extent has been checked.

use std::collections::HashMap;
use std::io::Cursor;
use std::rc::Rc;

use calamine::{Data, DataRef, Reader};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::limits::{self, Budget, MAX_CELLS, MAX_COLUMNS};
use super::number::decimal_from_f64;
use super::percent::{self, Marks, PercentFormat};
use super::sheet::{Cell, Format, Row, Sheet, column_letter, describe, text_cell};
use crate::error::{Error, Location};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) use super::limits::damaged;

/// Reads every sheet of a workbook. The sizes the file declares are checked
/// before calamine sees it (see `limits`); callers contain its panics.
pub(crate) fn read(bytes: Vec<u8>, name: &str, format: Format) -> Result<Vec<Sheet>, Error> {
    let loc = Location::file(name);
    check_kind(&bytes, format, &loc)?;
    let damaged = |_: String| damaged(&loc);
    let mut budget = Budget::default();
    let mut sheets = Vec::new();
    match format {
        Format::Xlsx => {
            limits::check_zip(&bytes, &loc)?;
            limits::check_xlsx(&bytes, &loc)?;
            let mut wb =
                calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
            for (sheet, hidden) in names(wb.sheets_metadata()) {
                let cells =
                    xlsx_cells(&mut wb, &sheet, &loc, &mut budget).map_err(|e| match e {
                        Read::Damaged(e) => damaged(e),
                        Read::Refused(e) => e,
                    })?;
                sheets.push(sheet_from_cells(cells, name, sheet, hidden, &mut budget)?);
            }
        }
        Format::Xls => {
            limits::check_xls(&bytes, &loc)?;
            let marks = percent::xls::scan(&bytes, &loc)?;
            let mut wb =
                calamine::Xls::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
            sheets = ranges(&mut wb, marks, name, &loc, &mut budget)?;
        }
        _ => {
            limits::check_zip(&bytes, &loc)?;
            limits::check_ods(&bytes, &loc)?;
            let marks = percent::ods::scan(&bytes, &loc)?;
            let mut wb =
                calamine::Ods::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
            sheets = ranges(&mut wb, marks, name, &loc, &mut budget)?;
        }
    }
    Ok(sheets)
}

/// Every sheet of an `.xls` or `.ods` workbook as a range, with the percent
/// marks of its own scan.
fn ranges<R>(
    wb: &mut R,
    marks: Vec<Marks>,
    name: &str,
    loc: &Location,
    budget: &mut Budget,
) -> Result<Vec<Sheet>, Error>
where
    R: Reader<Cursor<Vec<u8>>>,
{
    let sheet_names = names(wb.sheets_metadata());
    let marks = by_sheet(marks, &sheet_names, loc)?;
    let mut sheets = Vec::new();
    for ((sheet, hidden), marks) in sheet_names.into_iter().zip(marks) {
        let range = wb.worksheet_range(&sheet).map_err(|_| damaged(loc))?;
        sheets.push(from_range(&range, &marks, name, sheet, hidden, budget)?);
    }
    Ok(sheets)
}

/// The sheets' names in workbook order, each with whether it is hidden
/// (hidden or «very hidden», which only a macro can show).
fn names(meta: &[calamine::Sheet]) -> Vec<(String, bool)> {
    meta.iter()
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .collect()
}

/// The percent marks of each sheet the reader lists, found by a scan that
/// lists the same sheets in the same order. The reader returns the last
/// sheet of a repeated name for each of them, so each takes that sheet's
/// marks. Lists that differ (the scan and the reader disagree on the file)
/// matter only when some cell is marked: then the file is refused as damaged
/// rather than read with percentages in the wrong cells.
fn by_sheet(
    marks: Vec<Marks>,
    sheets: &[(String, bool)],
    loc: &Location,
) -> Result<Vec<Rc<Marks>>, Error> {
    if marks.iter().all(Marks::is_empty) {
        let none = Rc::new(Marks::default());
        return Ok(sheets.iter().map(|_| Rc::clone(&none)).collect());
    }
    if marks.len() != sheets.len() {
        return Err(damaged(loc));
    }
    let marks: Vec<Rc<Marks>> = marks.into_iter().map(Rc::new).collect();
    let last: HashMap<&str, usize> = sheets
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    Ok(sheets
        .iter()
        .enumerate()
        .map(|(i, (n, _))| Rc::clone(&marks[last.get(n.as_str()).copied().unwrap_or(i)]))
        .collect())
}

/// Refuses a file whose content is not what its extension says.
fn check_kind(bytes: &[u8], format: Format, loc: &Location) -> Result<(), Error> {
    let actual = if bytes.starts_with(ZIP_MAGIC) {
        "un libro .xlsx u .ods"
    } else if bytes.starts_with(OLE_MAGIC) {
        "un libro .xls (Excel 97-2003)"
    } else if bytes.is_empty() {
        "un archivo vacío"
    } else if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok() {
        "un archivo de texto"
    } else {
        "un archivo desconocido"
    };
    let matches = match format {
        Format::Xlsx | Format::Ods => bytes.starts_with(ZIP_MAGIC),
        Format::Xls => bytes.starts_with(OLE_MAGIC),
        _ => false,
    };
    if matches {
        return Ok(());
    }
    Err(Error::input(
        loc.clone(),
        format!(
            "el nombre indica {} pero el contenido es {actual}; guárdelo con la extensión que corresponde",
            describe(format)
        ),
    ))
}

enum Read {
    Damaged(String),
    Refused(Error),
}

/// The non-empty cells of an `.xlsx` sheet as `(row, column, cell)`, read
/// from the sheet's XML one at a time.
fn xlsx_cells(
    wb: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
    sheet: &str,
    loc: &Location,
    budget: &mut Budget,
) -> Result<Vec<(u32, u32, Cell)>, Read> {
    let mut reader = match wb.worksheet_cells_reader(sheet) {
        Ok(r) => r,
        // Chart sheets and the like hold no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(Read::Damaged(e.to_string())),
    };
    // The percent format of each cell style, by the style's index.
    let formats: Vec<Option<PercentFormat>> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .and_then(|f| PercentFormat::of_code(&f.format_code))
        })
        .collect();
    let mut cells = Vec::new();
    while let Some((c, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| Read::Damaged(e.to_string()))?
    {
        let (row, col) = c.get_position();
        let cell = cell_from_ref(c.get_value());
        let cell = match formats.get(style).copied().flatten() {
            Some(format) => with_format(cell, format),
            None => cell,
        };
        if cell.is_blank() {
            continue;
        }
        let at = || Location {
            sheet: Some(sheet.to_string()),
            row: Some(row as usize + 1),
            ..loc.clone()
        };
        if col as usize >= MAX_COLUMNS {
            return Err(Read::Refused(Error::input(
                at(),
                format!(
                    "hay un valor en la celda {}{}, fuera del límite de {} columnas: borre lo que está fuera de la tabla",
                    column_letter(col as usize),
                    row + 1,
                    crate::format::numero(MAX_COLUMNS.into())
                ),
            )));
        }
        if cells.len() >= MAX_CELLS {
            return Err(Read::Refused(Error::input(
                at(),
                format!(
                    "el libro tiene más de {} celdas con datos, el límite: divídalo en varios archivos",
                    crate::format::numero(MAX_CELLS.into())
                ),
            )));
        }
        if let Cell::Text(t) = &cell {
            budget.text(t.len(), at).map_err(Read::Refused)?;
        }
        cells.push((row, col, cell));
    }
    Ok(cells)
}

/// Groups cells into rows in sheet order.
fn sheet_from_cells(
    mut cells: Vec<(u32, u32, Cell)>,
    file: &str,
    sheet: String,
    hidden: bool,
    budget: &mut Budget,
) -> Result<Sheet, Error> {
    if !cells.is_sorted_by_key(|c| (c.0, c.1)) {
        cells.sort_by_key(|c| (c.0, c.1));
    }
    let mut rows: Vec<Row> = Vec::new();
    for (r, c, cell) in cells {
        let number = r as usize + 1;
        if rows.last().is_none_or(|last| last.number != number) {
            rows.push(Row {
                number,
                cells: Vec::new(),
                fields: 0,
            });
        }
        let row = rows.last_mut().expect("a row was just pushed");
        let col = c as usize;
        if col >= row.cells.len() {
            budget.take(col + 1 - row.cells.len(), || Location {
                sheet: Some(sheet.clone()),
                row: Some(number),
                ..Location::file(file)
            })?;
            row.cells.resize(col + 1, Cell::Empty);
        }
        row.cells[col] = cell;
        row.fields = row.cells.len();
    }
    Ok(Sheet {
        file: file.to_string(),
        name: Some(sheet),
        hidden,
        rows,
        convention: None,
    })
}

fn from_range(
    range: &calamine::Range<Data>,
    marks: &Marks,
    file: &str,
    sheet: String,
    hidden: bool,
    budget: &mut Budget,
) -> Result<Sheet, Error> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let number = row0 as usize + i + 1;
        let Some(last) = r.iter().rposition(|d| !cell_from_data(d).is_blank()) else {
            continue;
        };
        let width = col0 as usize + last + 1;
        budget.take(width, || Location {
            sheet: Some(sheet.clone()),
            row: Some(number),
            ..Location::file(file)
        })?;
        let mut cells: Vec<Cell> = Vec::with_capacity(width);
        cells.resize(col0 as usize, Cell::Empty);
        let row = row0.saturating_add(i as u32);
        cells.extend(r[..=last].iter().enumerate().map(|(j, d)| {
            let cell = cell_from_data(d);
            match marks.at(row, col0.saturating_add(j as u32)) {
                Some(format) => with_format(cell, format),
                None => cell,
            }
        }));
        rows.push(Row {
            number,
            fields: cells.len(),
            cells,
        });
    }
    Ok(Sheet {
        file: file.to_string(),
        name: Some(sheet),
        hidden,
        rows,
        convention: None,
    })
}

fn cell_from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(Decimal::from(*i)),
        Data::Float(f) => float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => float(dt.as_f64()),
        },
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn cell_from_ref(d: &DataRef) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Int(i) => Cell::Number(Decimal::from(*i)),
        DataRef::Float(f) => float(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => float(dt.as_f64()),
        },
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A number cell read with its percent format; other cells as they are.
fn with_format(cell: Cell, format: PercentFormat) -> Cell {
    match cell {
        Cell::Number(d) => format.cell(d),
        other => other,
    }
}

/// A binary number as its decimal; one no decimal holds (1e300, NaN) is kept
/// as the text a spreadsheet shows, which the number reader then refuses.
fn float(f: f64) -> Cell {
    decimal_from_f64(f)
        .map(Cell::Number)
        .unwrap_or_else(|| Cell::Text(f.to_string()))
}

fn iso_date(s: &str) -> Cell {
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .map(Cell::Date)
        .unwrap_or_else(|_| Cell::Text(s.to_string()))
}
