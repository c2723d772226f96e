//! What the `.xls` reader would lay out densely, found the way it finds it.
//!
//! calamine reads the workbook globals up to their EOF record, then each
//! sheet from the position its BoundSheet8 record gives (which a damaged
//! file may point anywhere), record by record (a CONTINUE record joins the
//! one before it), skipping nested substreams such as embedded charts, up to
//! the sheet's EOF. For each sheet it reserves the box a Dimensions record
//! declares, and lays out densely the box from the first to the last cell
//! of its cell records and, separately, of its formulas. This module walks
//! the same records and sums the same boxes before calamine allocates them.

use std::io::{Cursor, Read};

use super::{MAX_CELLS, MAX_FILE_BYTES, too_many_cells, too_wide};
use crate::error::{Error, Location};

/// The cells the `.xls` reader would lay out densely, summed over the sheets.
///
/// The compound file is read with the `cfb` crate, independently of
/// calamine: a file it cannot read is refused as damaged, since calamine's
/// more lenient reader would then read bytes this check has not seen.
pub(crate) fn check_xls(bytes: &[u8], loc: &Location) -> Result<(), Error> {
    let Some(stream) = workbook_stream(bytes) else {
        return Err(super::damaged(loc));
    };
    let mut total: u64 = 0;
    for pos in sheet_positions(&stream) {
        let Some(sheet) = stream.get(pos..) else {
            // The reader fails on it: a damaged file, reported as such.
            continue;
        };
        let boxes = sheet_boxes(sheet, loc)?;
        for b in boxes.iter().flatten() {
            total = total.saturating_add(b.cells());
            if b.cells() > MAX_CELLS as u64 {
                return Err(too_wide(loc.clone(), (b.r0, b.c0), (b.r1, b.c1)));
            }
        }
        if total > MAX_CELLS as u64 {
            return Err(too_many_cells(loc.clone()));
        }
    }
    Ok(())
}

/// The `Workbook` (or BIFF5 `Book`) stream of the compound file.
pub(crate) fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n))?;
    let mut stream = cfb.open_stream(name).ok()?;
    let mut data = Vec::new();
    stream
        .by_ref()
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut data)
        .ok()?;
    Some(data)
}

/// The records of a stream as calamine's reader splits them: type and body,
/// the CONTINUE records after one skipped; it stops where a length runs past
/// the end (the reader fails there).
pub(crate) fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([stream[0], stream[1]]);
        let len = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
        let body = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        while stream.len() > 4 && u16::from_le_bytes([stream[0], stream[1]]) == 0x003C {
            let len = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
            stream = stream.get(4 + len..)?;
        }
        Some((typ, body))
    })
}

/// The positions of the sheets, from the BoundSheet8 records of the globals.
fn sheet_positions(stream: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for (typ, body) in records(stream) {
        match typ {
            0x0085 if body.len() >= 4 => {
                out.push(u32::from_le_bytes([body[0], body[1], body[2], body[3]]) as usize);
            }
            0x000A => break,
            _ => {}
        }
    }
    out
}

/// A box of cells: first and last row and column.
#[derive(Clone, Copy)]
struct Extent {
    r0: u64,
    r1: u64,
    c0: u64,
    c1: u64,
}

impl Extent {
    fn cells(&self) -> u64 {
        (self.r1 - self.r0 + 1).saturating_mul(self.c1 - self.c0 + 1)
    }

    fn add(e: &mut Option<Extent>, r: u64, c0: u64, c1: u64) {
        let b = e.get_or_insert(Extent {
            r0: r,
            r1: r,
            c0,
            c1,
        });
        *b = Extent {
            r0: b.r0.min(r),
            r1: b.r1.max(r),
            c0: b.c0.min(c0),
            c1: b.c1.max(c1),
        };
    }
}

/// The boxes of one sheet's cells and formulas; a Dimensions record that
/// declares too much is refused on the spot.
fn sheet_boxes(sheet: &[u8], loc: &Location) -> Result<[Option<Extent>; 2], Error> {
    let (mut cells, mut formulas) = (None, None);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let u16_at = |b: &[u8], i: usize| {
        b.get(i..i + 2)
            .map(|x| u64::from(u16::from_le_bytes([x[0], x[1]])))
    };
    for (typ, body) in records(sheet) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => {
                if let Some(((r0, r1), (c0, c1))) = declared_box(body) {
                    let n = r1
                        .saturating_sub(r0)
                        .saturating_add(1)
                        .saturating_mul(c1 - c0 + 1);
                    if n > MAX_CELLS as u64 {
                        return Err(too_wide(loc.clone(), (r0, c0), (r1, c1)));
                    }
                }
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst: row, column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let (Some(r), Some(c)) = (u16_at(body, 0), u16_at(body, 2)) {
                    Extent::add(&mut cells, r, c, c);
                }
            }
            // MulRk: row, first column, …, last column.
            0x00BD if body.len() >= 6 => {
                if let (Some(r), Some(a), Some(b)) = (
                    u16_at(body, 0),
                    u16_at(body, 2),
                    u16_at(body, body.len() - 2),
                ) {
                    Extent::add(&mut cells, r, a.min(b), a.max(b));
                }
            }
            // Formula: a cell with its value and a formula.
            0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(body, 0), u16_at(body, 2)) {
                    Extent::add(&mut cells, r, c, c);
                    Extent::add(&mut formulas, r, c, c);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    Ok([cells, formulas])
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
