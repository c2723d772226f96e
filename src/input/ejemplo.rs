//! The example row of the starter workbooks (`lotaip iniciar`): a row whose
//! `unidad` begins with «EJEMPLO —» shows how to fill the file and is never
//! read as data. A plan pasted below it, or over part of it, is published
//! without it; the row is listed as a warning until it is deleted.

use super::header::Header;
use super::sheet::{Cell, Row, Sheet};
use crate::error::Warning;
use crate::text::fold_key;

/// What the starter workbooks write before the unit of their example row.
pub(crate) const MARCA: &str = "EJEMPLO —";

/// Whether a unit's text marks an example row: the word «ejemplo» first (in
/// any case, with or without accents), then a dash or a colon.
pub(crate) fn es_ejemplo(texto: &str) -> bool {
    let t = texto.trim_start();
    let word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    fold_key(&word) == "ejemplo"
        && t[word.len()..]
            .trim_start()
            .starts_with(['—', '–', '-', ':'])
}

/// When `row` is an example row, the warning that says it is not read.
pub(crate) fn skipped(sheet: &Sheet, header: &Header, row: &Row) -> Option<Warning> {
    let col = header.get("unidad")?;
    let Cell::Text(t) = row.get(col) else {
        return None;
    };
    es_ejemplo(t).then(|| {
        Warning::new(
            "fila de ejemplo",
            sheet.location(row.number, Some((col, header.title(col)))),
            format!(
                "la unidad empieza por «{MARCA}»: es la fila de ejemplo de «lotaip iniciar» y no se lee; bórrela cuando el archivo tenga sus propias filas"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_mark_is_the_word_and_a_dash_or_colon() {
        for t in [
            "EJEMPLO — Dirección Provincial Azuay",
            "Ejemplo - Dirección General",
            "  ejemplo: X",
            "EJEMPLO–X",
        ] {
            assert!(es_ejemplo(t), "{t}");
        }
        for t in [
            "Dirección Provincial Azuay",
            "Ejemplos — X",
            "Ejemplo de unidad",
            "EJEMPLO",
            "Unidad EJEMPLO — X",
        ] {
            assert!(!es_ejemplo(t), "{t}");
        }
        assert!(es_ejemplo(&format!("{MARCA} Dirección Provincial Azuay")));
    }
}
