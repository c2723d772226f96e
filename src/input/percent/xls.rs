//! The percent-format cells of an `.xls`, found in its records: calamine
//! reads each cell's XF index only to tell dates, and keeps no number format.
//!
//! A cell record (Number, Rk, MulRk, Formula) names an XF record by its
//! index; the XF record names a number format, built in (9 and 10 are
//! percentages) or given by a Format record of the workbook globals. The
//! records are walked as [`super::super::limits`] walks them for the sizes,
//! the way calamine reads them, so the marks fall on the cells it returns.

use std::collections::HashMap;

use super::{Marks, PercentFormat};
use crate::error::{Error, Location};
use crate::input::limits::{self, MAX_CELLS, xls_records, xls_stream};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;

/// The percent-format cells of each sheet, in the order of the workbook's
/// sheet list (its BoundSheet8 records).
pub(crate) fn scan(bytes: &[u8], loc: &Location) -> Result<Vec<Marks>, Error> {
    let stream = xls_stream(bytes).ok_or_else(|| limits::damaged(loc))?;
    let globals = globals(&stream);
    let by_xf: Vec<Option<PercentFormat>> = globals
        .xfs
        .iter()
        .map(|ifmt| match globals.formats.get(ifmt) {
            Some(code) => PercentFormat::of_code(code),
            None => PercentFormat::builtin(u32::from(*ifmt)),
        })
        .collect();
    let mut sheets = Vec::with_capacity(globals.sheets.len().min(1024));
    let mut kept = 0usize;
    for pos in globals.sheets {
        // A sheet the reader cannot find makes it fail: no marks needed.
        let marks = match stream.get(pos..) {
            Some(sheet) => sheet_marks(sheet, &by_xf, loc, &mut kept)?,
            None => Marks::default(),
        };
        sheets.push(marks);
    }
    Ok(sheets)
}

/// What the workbook globals say about formats and sheets.
#[derive(Default)]
struct Globals {
    /// Format code by format index, from the Format records.
    formats: HashMap<u16, String>,
    /// The format index of each XF record, in order.
    xfs: Vec<u16>,
    /// Where each sheet's records begin.
    sheets: Vec<usize>,
}

fn globals(stream: &[u8]) -> Globals {
    let mut g = Globals::default();
    let mut biff8 = true;
    for (typ, body) in xls_records(stream) {
        match typ {
            BOF => biff8 = is_biff8(body),
            // Format (MS-XLS 2.4.126): ifmt, then the code as a string.
            0x041E if body.len() >= 2 => {
                let ifmt = u16::from_le_bytes([body[0], body[1]]);
                if let Some(code) = string(&body[2..], biff8) {
                    g.formats.insert(ifmt, code);
                }
            }
            // XF (MS-XLS 2.4.353): font, then format index.
            0x00E0 if body.len() >= 4 => g.xfs.push(u16::from_le_bytes([body[2], body[3]])),
            // BoundSheet8 (MS-XLS 2.4.28): the sheet's position first.
            0x0085 if body.len() >= 4 => {
                g.sheets
                    .push(u32::from_le_bytes([body[0], body[1], body[2], body[3]]) as usize);
            }
            EOF => break,
            _ => {}
        }
    }
    g
}

/// Whether a BOF record opens a BIFF8 stream, as calamine decides it
/// (BIFF5 and older write their strings without the flags byte).
fn is_biff8(body: &[u8]) -> bool {
    let u16_at = |i: usize| {
        body.get(i..i + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    };
    match u16_at(0) {
        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
        0 => u16_at(2) != 0x1000,
        _ => true,
    }
}

/// A string of a Format record: its length, a flags byte in BIFF8 (bit 0:
/// two bytes a character), the characters. Only ASCII signs matter to the
/// percent reading, so one-byte characters are taken as Latin-1.
fn string(body: &[u8], biff8: bool) -> Option<String> {
    let cch = usize::from(u16::from_le_bytes([*body.first()?, *body.get(1)?]));
    if !biff8 {
        let chars = body.get(2..)?;
        return Some(chars.iter().take(cch).map(|b| char::from(*b)).collect());
    }
    let wide = body.get(2)? & 1 != 0;
    let chars = body.get(3..)?;
    Some(if wide {
        let units = chars
            .chunks_exact(2)
            .take(cch)
            .map(|u| u16::from_le_bytes([u[0], u[1]]));
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else {
        chars.iter().take(cch).map(|b| char::from(*b)).collect()
    })
}

/// The marks of one sheet's number cells; embedded substreams (charts) are
/// skipped as the reader skips them. `kept` counts the marks of the whole
/// file, which may not pass the cells a file may hold.
fn sheet_marks(
    sheet: &[u8],
    by_xf: &[Option<PercentFormat>],
    loc: &Location,
    kept: &mut usize,
) -> Result<Marks, Error> {
    let mut marks = Marks::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|x| u16::from_le_bytes([x[0], x[1]]));
    let format = |xf: Option<u16>| xf.and_then(|i| by_xf.get(usize::from(i)).copied().flatten());
    for (typ, body) in xls_records(sheet) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let before = marks.len();
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            // Number, Rk and Formula: row, column, XF index, value.
            0x0203 | 0x027E | 0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(body, 0), u16_at(body, 2)) {
                    marks.set(r.into(), c.into(), format(u16_at(body, 4)));
                }
            }
            // MulRk: row, first column, (XF index, value) per cell, last column.
            0x00BD if body.len() >= 6 => {
                if let (Some(r), Some(first)) = (u16_at(body, 0), u16_at(body, 2)) {
                    let cells = &body[4..body.len() - 2];
                    for (c, rk) in (u32::from(first)..).zip(cells.chunks(6)) {
                        marks.set(r.into(), c, format(u16_at(rk, 0)));
                    }
                }
            }
            EOF => break,
            _ => {}
        }
        *kept = (*kept + marks.len()).saturating_sub(before);
        if *kept > MAX_CELLS {
            return Err(limits::too_many_cells(loc.clone()));
        }
    }
    Ok(marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_strings_of_each_biff_version() {
        assert_eq!(string(b"\x02\x000%", false).as_deref(), Some("0%"));
        assert_eq!(string(b"\x02\x00\x000%", true).as_deref(), Some("0%"));
        assert_eq!(
            string(b"\x02\x00\x010\x00%\x00", true).as_deref(),
            Some("0%")
        );
        // A length past the record reads what there is.
        assert_eq!(string(b"\x09\x00\x000%", true).as_deref(), Some("0%"));
        assert_eq!(string(b"\x02", true), None);
    }

    #[test]
    fn biff_versions_by_their_bof() {
        assert!(is_biff8(&[0x00, 0x06, 0x05, 0x00]));
        assert!(!is_biff8(&[0x00, 0x05, 0x05, 0x00]));
        assert!(!is_biff8(&[0x00, 0x00, 0x00, 0x10]));
        assert!(is_biff8(&[]));
    }
}
