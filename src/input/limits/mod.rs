//! Memory bounds on what an input file may make the program allocate. A file
//! that claims to be huge (a zip bomb, a cell at XFD1048576, a million
//! columns) is refused before the allocation, with the limit it broke.
//!
//! The bounds are far above any real plan: the IESS plan is 1,801 rows × 26
//! columns (47,000 cells); 50,000 rows of metas are 1.3 million.

use std::io::Cursor;

use crate::error::{Error, Location};
use crate::format::numero;

mod ods;
mod xls;
mod xlsx;

pub(crate) use ods::check_ods;
pub(crate) use xls::{check_xls, records as xls_records, workbook_stream as xls_stream};
pub(crate) use xlsx::check_xlsx;

const MIB: u64 = 1024 * 1024;

/// Largest input file read, in bytes.
pub(crate) const MAX_FILE_BYTES: u64 = 256 * MIB;
/// Largest total a workbook's zip entries may declare once decompressed.
pub(crate) const MAX_UNZIPPED_BYTES: u64 = 256 * MIB;
/// Largest compression ratio of a zip entry bigger than [`RATIO_FROM_BYTES`]:
/// spreadsheet XML compresses 10–50 times, a zip bomb about 1,000 times.
pub(crate) const MAX_RATIO: u64 = 400;
/// Entries smaller than this are not checked for their ratio.
pub(crate) const RATIO_FROM_BYTES: u64 = 4 * MIB;
/// Most cells a file may occupy, counted from column A to the last
/// non-blank cell of every non-blank row (what the reader keeps in memory).
pub(crate) const MAX_CELLS: usize = 4_000_000;
/// Most columns a row may have.
pub(crate) const MAX_COLUMNS: usize = 1_000;
/// Most text a file's cells may hold in total: a workbook stores a text once
/// and may show it in every cell, so a small file can name gigabytes.
pub(crate) const MAX_TEXT_BYTES: u64 = 256 * MIB;

fn mib(bytes: u64) -> String {
    numero(bytes.div_ceil(MIB).into())
}

/// The error of a workbook that its reader cannot open (or that made it
/// fail): the person can only get a sound copy of it.
pub(crate) fn damaged(loc: &Location) -> Error {
    Error::input(
        loc.clone(),
        "el libro está dañado o incompleto y no se puede abrir: vuelva a descargarlo o guárdelo de nuevo con su hoja de cálculo",
    )
}

/// A file larger than [`MAX_FILE_BYTES`].
pub(crate) fn too_large(loc: &Location) -> Error {
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
pub(crate) struct Budget {
    cells: usize,
    text: u64,
}

impl Budget {
    /// Accounts for the text of a cell; `at` names its row for the message.
    pub(crate) fn text(
        &mut self,
        bytes: usize,
        at: impl FnOnce() -> Location,
    ) -> Result<(), Error> {
        self.text += bytes as u64;
        if self.text > MAX_TEXT_BYTES {
            return Err(too_much_text(at()));
        }
        Ok(())
    }

    /// Accounts for a row of `width` cells; `at` names the row for the message.
    pub(crate) fn take(
        &mut self,
        width: usize,
        at: impl FnOnce() -> Location,
    ) -> Result<(), Error> {
        if width > MAX_COLUMNS {
            return Err(Error::input(
                at(),
                format!(
                    "la fila tiene datos en {} columnas (hasta la {}); el límite es {}: borre lo que está fuera de la tabla",
                    numero(width.into()),
                    crate::input::sheet::column_letter(width - 1),
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

pub(super) fn too_many_cells(loc: Location) -> Error {
    Error::input(
        loc,
        format!(
            "el archivo ocupa más de {} celdas, el límite: divídalo en varios archivos o borre lo que está fuera de la tabla",
            numero(MAX_CELLS.into())
        ),
    )
}

pub(super) fn too_much_text(loc: Location) -> Error {
    Error::input(
        loc,
        format!(
            "las celdas del archivo suman más de {} MiB de texto, el límite: divídalo en varios archivos",
            mib(MAX_TEXT_BYTES)
        ),
    )
}

/// A sheet whose used area (from its first to its last cell) is too large.
pub(super) fn too_wide(loc: Location, from: (u64, u64), to: (u64, u64)) -> Error {
    let cell = |(r, c): (u64, u64)| {
        format!(
            "{}{}",
            crate::input::sheet::column_letter(c as usize),
            r + 1
        )
    };
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
pub(crate) fn check_zip(bytes: &[u8], loc: &Location) -> Result<(), Error> {
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
