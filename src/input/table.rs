//! Any supported file as sheets of typed cells with the row numbers and
//! column letters a spreadsheet shows: `.xlsx`, `.xls`, `.ods` through
//! calamine, `.csv` and `.tsv` through the csv crate.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::number::{Convention, decimal_from_f64};
use crate::error::{Error, Location};

/// A cell value as read, before any column's rules are applied.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(Decimal),
    Date(NaiveDate),
    Bool(bool),
    /// A spreadsheet error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(d) => d.normalize().to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => if *b { "VERDADERO" } else { "FALSO" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One row that has at least one non-blank cell.
#[derive(Clone, Debug)]
pub struct Row {
    /// 1-based row number as the spreadsheet shows it.
    pub number: usize,
    /// Cells from column A.
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn get(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

/// One sheet (or a whole CSV file).
#[derive(Clone, Debug)]
pub struct Sheet {
    /// File name as the user knows it.
    pub file: String,
    /// Sheet name; `None` for CSV.
    pub name: Option<String>,
    /// Non-blank rows only, in order.
    pub rows: Vec<Row>,
    /// Decimal convention the file declares by its delimiter, if any.
    pub convention: Option<Convention>,
}

impl Sheet {
    /// Location of a cell, for messages.
    pub fn location(&self, row: usize, col: Option<(usize, &str)>) -> Location {
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
    pub fn whole(&self) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.name.clone(),
            ..Default::default()
        }
    }
}

/// Spreadsheet column letters for a 0-based index: 0 → `A`, 26 → `AA`.
pub fn column_letter(mut idx: usize) -> String {
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
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
    Tsv,
}

impl Format {
    /// The format a file name announces, if supported.
    pub fn from_path(path: &Path) -> Option<Format> {
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

/// Reads every sheet of a file. `name` is how messages call the file.
pub fn read(path: &Path, name: &str) -> Result<Vec<Sheet>, Error> {
    let loc = Location::file(name);
    let format = Format::from_path(path).ok_or_else(|| {
        Error::input(
            loc.clone(),
            "formato no admitido; se esperaba .xlsx, .xls, .ods, .csv o .tsv",
        )
    })?;
    let bytes = std::fs::read(path)
        .map_err(|e| Error::input(loc.clone(), format!("no se pudo leer el archivo: {e}")))?;
    match format {
        Format::Csv | Format::Tsv => read_delimited(&bytes, name, format).map(|s| vec![s]),
        _ => read_workbook(bytes, name, format),
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn read_workbook(bytes: Vec<u8>, name: &str, format: Format) -> Result<Vec<Sheet>, Error> {
    let loc = Location::file(name);
    let actual = if bytes.starts_with(ZIP_MAGIC) {
        "un libro .xlsx u .ods"
    } else if bytes.starts_with(OLE_MAGIC) {
        "un libro .xls (Excel 97-2003)"
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
    if !matches {
        return Err(Error::input(
            loc,
            format!(
                "el nombre indica {} pero el contenido es {actual}; guárdelo con la extensión que corresponde",
                describe(format)
            ),
        ));
    }
    let cursor = Cursor::new(bytes);
    let damaged = |e: String| {
        Error::input(
            loc.clone(),
            format!("el libro está dañado o incompleto y no se puede abrir ({e})"),
        )
    };
    let mut sheets = Vec::new();
    match format {
        Format::Xlsx => {
            let mut wb = calamine::Xlsx::new(cursor).map_err(|e| damaged(e.to_string()))?;
            for sheet in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&sheet)
                    .map_err(|e| damaged(e.to_string()))?;
                sheets.push(from_range(&range, name, sheet));
            }
        }
        Format::Xls => {
            let mut wb = calamine::Xls::new(cursor).map_err(|e| damaged(e.to_string()))?;
            for sheet in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&sheet)
                    .map_err(|e| damaged(e.to_string()))?;
                sheets.push(from_range(&range, name, sheet));
            }
        }
        _ => {
            let mut wb = calamine::Ods::new(cursor).map_err(|e| damaged(e.to_string()))?;
            for sheet in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&sheet)
                    .map_err(|e| damaged(e.to_string()))?;
                sheets.push(from_range(&range, name, sheet));
            }
        }
    }
    Ok(sheets)
}

fn describe(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "un libro .xlsx",
        Format::Xls => "un libro .xls",
        Format::Ods => "un libro .ods",
        Format::Csv => "un archivo .csv",
        Format::Tsv => "un archivo .tsv",
    }
}

fn from_range(range: &calamine::Range<Data>, file: &str, sheet: String) -> Sheet {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let mut cells: Vec<Cell> = Vec::with_capacity(col0 as usize + r.len());
        cells.resize(col0 as usize, Cell::Empty);
        cells.extend(r.iter().map(cell_from_data));
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        rows.push(Row {
            number: row0 as usize + i + 1,
            cells,
        });
    }
    Sheet {
        file: file.to_string(),
        name: Some(sheet),
        rows,
        convention: None,
    }
}

fn cell_from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(Decimal::from(*i)),
        Data::Float(f) => decimal_from_f64(*f)
            .map(Cell::Number)
            .unwrap_or_else(|| Cell::Error(f.to_string())),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => decimal_from_f64(dt.as_f64())
                .map(Cell::Number)
                .unwrap_or(Cell::Empty),
        },
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(Cell::Date)
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn read_delimited(bytes: &[u8], name: &str, format: Format) -> Result<Sheet, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Error::input(
            Location {
                row: Some(line),
                ..Location::file(name)
            },
            "el archivo no está en UTF-8 (¿Latin-1 / Windows-1252?); guárdelo como «CSV UTF-8»",
        )
    })?;
    let delimiter = match format {
        Format::Tsv => b'\t',
        _ => sniff_delimiter(text),
    };
    let convention = match delimiter {
        b';' => Some(Convention::Spanish),
        b',' => Some(Convention::English),
        _ => None,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(Error::input(
                    Location {
                        row: Some(line),
                        ..Location::file(name)
                    },
                    format!("CSV mal formado: {e}"),
                ));
            }
        }
        // The line where the record's text starts (the reader's position may
        // point at blank lines it skipped): what a spreadsheet shows as its row.
        let number = record.position().map_or(line, |p| {
            let skipped = text.as_bytes()[p.byte() as usize..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .filter(|b| **b == b'\n')
                .count();
            p.line() as usize + skipped
        });
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        if !cells.is_empty() {
            rows.push(Row { number, cells });
        }
    }
    Ok(Sheet {
        file: name.to_string(),
        name: None,
        rows,
        convention,
    })
}

/// The delimiter of a CSV: the most frequent of `;`, `,` and tab outside
/// quotes on the first non-blank line.
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 1)).unwrap_or(1);
    [b';', b',', b'\t'][best]
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
    }

    #[test]
    fn csv_with_semicolons_bom_and_blank_rows() {
        let bytes =
            "\u{feff}unidad;valor\n\n;\nDirección Provincial Azuay;1.234,5\n\n\r\nx;1\n".as_bytes();
        let s = read_delimited(bytes, "resultados.csv", Format::Csv).unwrap();
        assert_eq!(s.convention, Some(Convention::Spanish));
        assert_eq!(s.rows.len(), 3);
        assert_eq!(s.rows[2].number, 7);
        assert_eq!(s.rows[0].get(0), &Cell::Text("unidad".into()));
        assert_eq!(s.rows[1].number, 4);
        assert_eq!(s.rows[1].get(1), &Cell::Text("1.234,5".into()));
    }

    #[test]
    fn csv_in_latin1_is_refused_with_its_line() {
        let bytes = b"unidad,valor\nDirecci\xf3n,1\n";
        let e = read_delimited(bytes, "metas.csv", Format::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("metas.csv, fila 2") && e.contains("UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn sniffing_ignores_quoted_separators() {
        assert_eq!(sniff_delimiter("\"a;b;c\",x,y\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
    }
}
