//! The percent cells of an `.ods`: cells of value type `percentage`, whose
//! `office:value` is the fraction (`0.6` shown «60 %»). calamine reads them
//! as plain numbers, so `content.xml` is scanned here for where they are.
//!
//! Positions are counted as calamine counts them: rows and columns with
//! their repetitions, capped where it caps them, tables in document order
//! (only those with a name), the content of a cell skipped whole.

use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};

use super::{Marks, PercentFormat};
use crate::error::{Error, Location};
use crate::input::limits::{self, MAX_CELLS};

/// calamine's caps on the rows of a table and the columns of a row.
const READER_MAX_ROWS: u64 = 1_048_576;
const READER_MAX_COLUMNS: u64 = 16_384;

/// The percent cells of each named table, in document order.
pub(crate) fn scan(bytes: &[u8], loc: &Location) -> Result<Vec<Marks>, Error> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(Vec::new());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(Vec::new());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut scan = Scan {
        reader,
        buf: Vec::new(),
        skip: Vec::new(),
        kept: 0,
        loc,
    };
    let mut tables = Vec::new();
    loop {
        match scan.next()? {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "table:table" && has(&e, "table:name") => {
                tables.push(scan.table()?);
            }
            _ => {}
        }
    }
    Ok(tables)
}

fn has(e: &BytesStart, key: &str) -> bool {
    e.attributes().flatten().any(|a| a.key.as_ref() == key)
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.to_string())
}

/// A repetition count; one calamine cannot parse makes it fail.
fn repeat(e: &BytesStart, key: &str, loc: &Location) -> Result<u64, Error> {
    match attr(e, key) {
        None => Ok(1),
        Some(v) => v.trim().parse().map_err(|_| limits::damaged(loc)),
    }
}

struct Scan<'a, R: std::io::BufRead> {
    reader: quick_xml::Reader<R>,
    buf: Vec<u8>,
    skip: Vec<u8>,
    /// Marks kept over the whole file.
    kept: usize,
    loc: &'a Location,
}

impl<R: std::io::BufRead> Scan<'_, R> {
    /// The next event; XML the reader would fail on is a damaged file.
    fn next(&mut self) -> Result<Event<'static>, Error> {
        self.buf.clear();
        self.reader
            .read_event_into(&mut self.buf)
            .map(Event::into_owned)
            .map_err(|_| limits::damaged(self.loc))
    }

    /// One table's marks, up to the end of its element.
    fn table(&mut self) -> Result<Marks, Error> {
        let mut marks = Marks::default();
        let mut rows: u64 = 0;
        loop {
            match self.next()? {
                Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                    let repeats = repeat(&e, "table:number-rows-repeated", self.loc)?
                        .min(READER_MAX_ROWS - rows);
                    self.row(rows, repeats, &mut marks)?;
                    rows += repeats;
                }
                Event::End(e) if e.name().as_ref() == "table:table" => return Ok(marks),
                Event::Eof => return Err(limits::damaged(self.loc)),
                _ => {}
            }
        }
    }

    /// One row's cells, `repeats` rows from row `first`.
    fn row(&mut self, first: u64, repeats: u64, marks: &mut Marks) -> Result<(), Error> {
        // Cells laid out so far, and blank cells not yet laid out (the
        // reader lays them out only when a cell follows).
        let (mut col, mut blanks): (u64, u64) = (0, 0);
        loop {
            let e = match self.next()? {
                Event::Start(e)
                    if matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
                {
                    e
                }
                Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(()),
                Event::Eof => return Err(limits::damaged(self.loc)),
                _ => continue,
            };
            let n = repeat(&e, "table:number-columns-repeated", self.loc)?;
            col += blanks.min(READER_MAX_COLUMNS - col);
            blanks = 0;
            let n = n.min(READER_MAX_COLUMNS - col);
            let valued = [
                "office:value",
                "office:string-value",
                "office:date-value",
                "office:time-value",
                "office:boolean-value",
                "table:formula",
            ]
            .iter()
            .any(|k| has(&e, k))
                || attr(&e, "office:value-type").as_deref() == Some("string");
            let percent = attr(&e, "office:value-type").as_deref() == Some("percentage")
                && has(&e, "office:value");
            if !valued {
                blanks = n;
            } else {
                if percent && n > 0 && repeats > 0 {
                    self.kept += 1;
                    if self.kept > MAX_CELLS {
                        return Err(limits::too_many_cells(self.loc.clone()));
                    }
                    // Both ends are below calamine's caps, far inside u32.
                    let last = |from: u64, count: u64| (from + count - 1) as u32;
                    marks.push_run(
                        (first as u32, last(first, repeats)),
                        (col as u32, last(col, n)),
                        PercentFormat::SCALED,
                    );
                }
                col += n;
            }
            self.skip.clear();
            self.reader
                .read_to_end_into(e.name(), &mut self.skip)
                .map_err(|_| limits::damaged(self.loc))?;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// An `.ods` in memory whose first table holds `rows`.
    fn ods(rows: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("content.xml", stored).unwrap();
        write!(
            zip,
            "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"A\">{rows}</table:table><table:table><table:table-row><table:table-cell office:value-type=\"percentage\" office:value=\"1\"/></table:table-row></table:table><table:table table:name=\"B\"/></office:spreadsheet></office:body></office:document-content>"
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    const PCT: &str = "<table:table-cell office:value-type=\"percentage\" office:value=\"0.6\"><text:p>60 %</text:p></table:table-cell>";
    const NUM: &str = "<table:table-cell office:value-type=\"float\" office:value=\"0.6\"><text:p>0,6</text:p></table:table-cell>";
    const BLANK2: &str = "<table:table-cell table:number-columns-repeated=\"2\"/>";

    #[test]
    fn percentage_cells_are_marked_where_the_reader_puts_them() {
        let rows = format!(
            "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell/></table:table-row><table:table-row>{NUM}{BLANK2}{PCT}</table:table-row><table:table-row table:number-rows-repeated=\"2\">{BLANK2}<table:table-cell office:value-type=\"percentage\" office:value=\"0.5\" table:number-columns-repeated=\"3\"/></table:table-row>"
        );
        let tables = scan(&ods(&rows), &Location::file("metas.ods")).unwrap();
        // The unnamed table is not one the reader lists.
        assert_eq!(tables.len(), 2);
        let m = &tables[0];
        assert!(m.at(3, 0).is_none() && m.at(3, 1).is_none() && m.at(3, 2).is_none());
        assert_eq!(m.at(3, 3), Some(PercentFormat::SCALED));
        assert!(m.at(4, 1).is_none());
        assert!(m.at(4, 2).is_some() && m.at(5, 4).is_some());
        assert!(m.at(5, 5).is_none() && m.at(6, 2).is_none());
        assert!(tables[1].is_empty());
    }

    #[test]
    fn the_content_of_a_cell_is_not_counted_as_cells() {
        let rows = format!(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a</text:p><table:table-cell/><table:table-cell/></table:table-cell>{PCT}</table:table-row>"
        );
        let tables = scan(&ods(&rows), &Location::file("metas.ods")).unwrap();
        assert!(tables[0].at(0, 1).is_some());
    }

    #[test]
    fn unreadable_xml_or_counts_are_a_damaged_file() {
        let loc = Location::file("metas.ods");
        let bad = "<table:table-row table:number-rows-repeated=\"x\"><table:table-cell/></table:table-row>";
        assert!(scan(&ods(bad), &loc).is_err());
        assert!(scan(b"not a zip", &loc).unwrap().is_empty());
    }
}
