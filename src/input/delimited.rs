//! CSV and TSV files through the csv crate: UTF-8 with or without BOM, the
//! delimiter sniffed from the first line, row numbers as a spreadsheet shows
//! them (blank lines counted).

use super::limits::Budget;
use super::number::Convention;
use super::sheet::{Cell, Format, Row, Sheet, text_cell};
use crate::error::{Error, Location};

/// Reads a delimited file as one sheet.
pub(crate) fn read(bytes: &[u8], name: &str, format: Format) -> Result<Sheet, Error> {
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
    check_quotes(text, delimiter, name)?;
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
        hidden: false,
        rows,
        convention,
    })
}

/// Refuses a quote that swallows the rows after it. The csv reader takes
/// everything up to the next quote (or the end of the file) as one field: a
/// single missing quote turns the following rows into text, and their
/// indicators would be published «sin reporte». A quoted field may hold line
/// breaks (a cell with several lines), but not a continuation line with as
/// many separators as half a row, nor the end of the file.
fn check_quotes(text: &str, delimiter: u8, name: &str) -> Result<(), Error> {
    let delimiter = char::from(delimiter);
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let row_separators = header.chars().filter(|c| *c == delimiter).count();
    let threshold = row_separators.div_ceil(2).max(2);
    let at = |line: usize, message: String| {
        Error::input(
            Location {
                row: Some(line),
                ..Location::file(name)
            },
            message,
        )
    };
    let mut line = 1;
    let mut field_start = true;
    // (line where the quote opened, lines crossed, separators on the current continuation line, most on one)
    let mut quoted: Option<(usize, usize, usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match &mut quoted {
            Some((open, crossed, here, most)) => match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => {
                    let (open, crossed, most) = (*open, *crossed, (*most).max(*here));
                    if crossed > 0 && most >= threshold {
                        return Err(at(
                            open,
                            format!(
                                "las comillas que abren en la fila {open} se cierran {crossed} {} más abajo y encierran filas enteras (separadores incluidos): falta o sobra una comilla en la fila {open}",
                                if crossed == 1 { "línea" } else { "líneas" }
                            ),
                        ));
                    }
                    quoted = None;
                    field_start = false;
                }
                '\n' => {
                    line += 1;
                    *crossed += 1;
                    *most = (*most).max(*here);
                    *here = 0;
                }
                c if c == delimiter && *crossed > 0 => *here += 1,
                _ => {}
            },
            None => match c {
                '"' if field_start => {
                    quoted = Some((line, 0, 0, 0));
                }
                '\n' => {
                    line += 1;
                    field_start = true;
                }
                c if c == delimiter => field_start = true,
                '\r' => {}
                _ => field_start = false,
            },
        }
    }
    if let Some((open, ..)) = quoted {
        return Err(at(
            open,
            format!(
                "las comillas que abren en la fila {open} no se cierran hasta el final del archivo: falta una comilla en esa fila, y todo lo que sigue se leería como un solo texto"
            ),
        ));
    }
    Ok(())
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
    fn a_quote_that_never_closes_is_named_where_it_opens() {
        let text = "unidad;codigo;periodo;valor\nA;\"DG-1;2025-06;1\nA;DG-2;2025-06;2\n";
        let e = read(text.as_bytes(), "resultados.csv", Format::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("resultados.csv, fila 2: las comillas que abren en la fila 2 no se cierran"),
            "{e}"
        );
    }

    #[test]
    fn a_quote_that_swallows_rows_is_named_where_it_opens() {
        let text = "unidad;codigo;periodo;valor\nA;\"DG-1;2025-06;1\nA;DG-2;2025-06;2\nA;\"x\";2025-06;3\n";
        let e = read(text.as_bytes(), "resultados.csv", Format::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("fila 2: las comillas que abren en la fila 2 se cierran 2 líneas más abajo"),
            "{e}"
        );
    }

    #[test]
    fn a_quoted_cell_with_several_lines_is_read() {
        let text = "unidad;objetivo;valor\nA;\"Primera línea\nsegunda; con punto y coma\";1\nB;\"dice \"\"sí\"\"\";2\n";
        let s = read(text.as_bytes(), "metas.csv", Format::Csv).unwrap();
        assert_eq!(s.rows.len(), 3);
        assert_eq!(
            s.rows[1].get(1),
            &Cell::Text("Primera línea\nsegunda; con punto y coma".into())
        );
        assert_eq!(s.rows[2].number, 4);
    }

    #[test]
    fn sniffing_ignores_quoted_separators() {
        assert_eq!(sniff_delimiter("\"a;b;c\",x,y\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
    }
}
