//! CSV and TSV files through the csv crate: UTF-8 with or without BOM, the
//! delimiter sniffed from the first line, row numbers as a spreadsheet shows
//! them (blank lines counted).

use super::limits::Budget;
use super::number::Convention;
use super::table::{Cell, Format, Row, Sheet, text_cell};
use crate::error::{Error, Location};

/// Reads a delimited file as one sheet.
pub fn read(bytes: &[u8], name: &str, format: Format) -> Result<Sheet, Error> {
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
    let mut budget = Budget::default();
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
        let width = (0..record.len())
            .rev()
            .find(|&i| !record[i].trim().is_empty())
            .map_or(0, |i| i + 1);
        if width == 0 {
            continue;
        }
        budget.take(width, || Location {
            row: Some(number),
            ..Location::file(name)
        })?;
        let cells: Vec<Cell> = record.iter().take(width).map(text_cell).collect();
        rows.push(Row {
            number,
            cells,
            fields: record.len(),
        });
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
    fn csv_with_semicolons_bom_and_blank_rows() {
        let bytes =
            "\u{feff}unidad;valor\n\n;\nDirección Provincial Azuay;1.234,5\n\n\r\nx;1\n".as_bytes();
        let s = read(bytes, "resultados.csv", Format::Csv).unwrap();
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
        let e = read(bytes, "metas.csv", Format::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("metas.csv, fila 2") && e.contains("UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn a_row_of_a_million_columns_is_refused_before_it_is_kept() {
        let mut text = "unidad;valor\n".to_string();
        text.push_str(&"x;".repeat(1_000_000));
        let e = read(text.as_bytes(), "metas.csv", Format::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("metas.csv, fila 2: la fila tiene datos en 1.000.000 columnas"),
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
