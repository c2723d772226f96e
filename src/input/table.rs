//! Any supported file read as sheets: `.xlsx`, `.xls`, `.ods` through
//! calamine (see `workbook`), `.csv` and `.tsv` through the csv crate (see
//! `delimited`), every call contained and every size bounded first.

use std::path::Path;

use super::sheet::{Format, Sheet};
use super::{delimited, limits, workbook};
use crate::error::{Error, Location};

/// Reads every sheet of a file. `name` is how messages call the file.
pub(crate) fn read(path: &Path, name: &str) -> Result<Vec<Sheet>, Error> {
    let loc = Location::file(name);
    let format = Format::from_path(path).ok_or_else(|| {
        Error::input(
            loc.clone(),
            "formato no admitido; se esperaba .xlsx, .xls, .ods, .csv o .tsv",
        )
    })?;
    let bytes = read_bounded(path, &loc)?;
    // The parsers read outside data: a panic in one of them is a damaged file.
    let sheets = crate::contain::contain(|| match format {
        Format::Csv | Format::Tsv => delimited::read(&bytes, name, format).map(|s| vec![s]),
        _ => workbook::read(bytes, name, format),
    })
    .map_err(|_| workbook::damaged(&loc))??;
    if sheets.iter().all(|s| s.rows.is_empty()) {
        let what = match format {
            Format::Csv | Format::Tsv => "el archivo está vacío",
            _ if sheets.len() > 1 => "todas las hojas del libro están vacías",
            _ => "la hoja del libro está vacía",
        };
        return Err(Error::input(
            loc,
            format!("{what}: se esperaba un encabezado y al menos una fila de datos"),
        ));
    }
    Ok(sheets)
}

/// The bytes of a regular file, refused past [`limits::MAX_FILE_BYTES`]:
/// counted while reading, so a file that grows (or a link swapped for a
/// device) cannot make the read endless.
fn read_bounded(path: &Path, loc: &Location) -> Result<Vec<u8>, Error> {
    crate::fs::read_regular(path, limits::MAX_FILE_BYTES).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => limits::too_large(loc),
        std::io::ErrorKind::InvalidInput => Error::input(
            loc.clone(),
            "no es un archivo normal (es un dispositivo, una tubería o un socket) y no se lee",
        ),
        _ => Error::input(
            loc.clone(),
            format!("no se pudo leer el archivo: {}", crate::error::io_es(&e)),
        ),
    })
}
