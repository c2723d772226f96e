//! What an `.xlsx` declares beyond its zip sizes.

use std::io::Cursor;

use quick_xml::events::Event;

use super::MAX_CELLS;
use crate::error::{Error, Location};
use crate::format::numero;

/// Checks what an `.xlsx` declares beyond its zip sizes: the count of
/// shared strings, which the reader reserves room for before reading them.
pub(crate) fn check_xlsx(bytes: &[u8], loc: &Location) -> Result<(), Error> {
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
