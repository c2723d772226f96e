//! Finding the header row of a sheet and matching its cells to the columns
//! of the data contract, tolerantly and with aliases. A column that is not
//! recognised is reported, never silently ignored.

use std::collections::HashMap;

use super::sheet::{Cell, Sheet, column_letter};
use crate::error::{Location, Problem, Problems, Warning};
use crate::text::{closest, fold_key, folds_to};

/// A column of the data contract.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    /// Canonical header, as the starter workbooks write it.
    pub key: &'static str,
    /// Other headers accepted for it.
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// Shorthand for the column tables of the readers.
pub(crate) const fn col(
    key: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        key,
        aliases,
        required,
    }
}

/// The columns of one kind of input file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Schema<'a> {
    /// `metas`, `resultados`…: the kind, for messages.
    pub kind: &'a str,
    pub columns: &'a [Column],
}

impl Schema<'_> {
    /// The canonical key a header text stands for.
    pub(crate) fn resolve(&self, header: &str) -> Option<&'static str> {
        let k = fold_key(header);
        if k.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|c| folds_to(c.key, &k) || c.aliases.iter().any(|a| folds_to(a, &k)))
            .map(|c| c.key)
    }
}

/// Where each column of the contract is in a sheet.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    /// Index into `Sheet::rows` of the header row; data rows follow it.
    pub row_index: usize,
    columns: HashMap<&'static str, usize>,
    /// Header text by column index, for messages.
    titles: HashMap<usize, String>,
}

impl Header {
    /// Column index of a canonical key, if the sheet has it.
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.columns.get(key).copied()
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }

    /// The header text of a column, as the user wrote it.
    pub(crate) fn title(&self, col: usize) -> &str {
        self.titles.get(&col).map(String::as_str).unwrap_or("")
    }
}

/// The sheets that carry a schema's header, each with its header: the
/// preamble every reader shares. Header problems are collected; a sheet with
/// data but no header is listed as `hoja ignorada`; when no sheet has the
/// header at all, that is a problem naming the columns `expected`.
pub(crate) fn sheets_with_header<'s>(
    sheets: &'s [Sheet],
    schema: &Schema,
    expected: &str,
    problems: &mut Problems,
    avisos: &mut Vec<Warning>,
) -> Vec<(&'s Sheet, Header)> {
    let mut out = Vec::new();
    let mut any = false;
    for sheet in sheets {
        match locate(sheet, schema) {
            Ok(Some(_)) if sheet.hidden => {
                any = true;
                problems.push(
                    sheet.whole(),
                    format!(
                        "la hoja está oculta y tiene datos de {}: se publicarían sin que nadie los vea; muéstrela (clic derecho en las pestañas → Mostrar) si son datos del mes, o bórrela",
                        schema.kind
                    ),
                );
            }
            Ok(Some(h)) => {
                any = true;
                out.push((sheet, h));
            }
            Ok(None) if !sheet.rows.is_empty() => avisos.push(Warning::new(
                "hoja ignorada",
                sheet.whole(),
                format!("no tiene el encabezado de {}", schema.kind),
            )),
            Ok(None) => {}
            Err(ps) => {
                any = true;
                problems.extend(ps);
            }
        }
    }
    if !any {
        let file = sheets.first().map(|s| s.file.clone()).unwrap_or_default();
        problems.push(
            Location::file(file),
            format!(
                "no se encontró el encabezado de {} ({expected}) en ninguna hoja",
                schema.kind
            ),
        );
    }
    out
}

/// How many of the first rows may hold titles above the header.
const HEADER_SEARCH_ROWS: usize = 20;

/// Rows with too many fields reported one by one before the rest are left
/// (a file with the wrong separator would list every row).
const MAX_SHIFTED: usize = 20;

/// Finds the header row: the first of the first rows where at least two
/// cells name columns of the schema. `Ok(None)` when the sheet has none.
/// Unknown, repeated and missing columns are all reported together.
pub(crate) fn locate(sheet: &Sheet, schema: &Schema) -> Result<Option<Header>, Vec<Problem>> {
    locate_with(sheet, schema, 2)
}

/// [`locate`] for a schema whose header may name as few as `min_known`
/// columns (a section of the CPCCS form with one answer column).
pub(crate) fn locate_with(
    sheet: &Sheet,
    schema: &Schema,
    min_known: usize,
) -> Result<Option<Header>, Vec<Problem>> {
    let found = sheet.rows.iter().take(HEADER_SEARCH_ROWS).position(|r| {
        r.cells
            .iter()
            .filter(|c| matches!(c, Cell::Text(t) if schema.resolve(t).is_some()))
            .count()
            >= min_known.max(1)
    });
    let Some(row_index) = found else {
        return Ok(None);
    };
    let row = &sheet.rows[row_index];
    let mut problems = Vec::new();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    let mut titles = HashMap::new();
    for (i, cell) in row.cells.iter().enumerate() {
        if cell.is_blank() {
            continue;
        }
        let text = cell.shown();
        titles.insert(i, text.clone());
        let loc = sheet.location(row.number, Some((i, "")));
        match schema.resolve(&text) {
            Some(key) => {
                if let Some(prev) = columns.insert(key, i) {
                    problems.push(Problem::new(
                        loc,
                        format!(
                            "la columna «{key}» está repetida (también en la columna {})",
                            column_letter(prev)
                        ),
                    ));
                }
            }
            None => {
                let keys = schema.columns.iter().map(|c| c.key);
                let hint = match closest(&text, keys) {
                    Some(s) => format!("; ¿quiso decir «{s}»?"),
                    None => String::new(),
                };
                problems.push(Problem::new(
                    loc,
                    format!(
                        "columna desconocida «{text}» en {}{hint} (columnas admitidas: {})",
                        schema.kind,
                        schema
                            .columns
                            .iter()
                            .map(|c| c.key)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    for c in schema.columns.iter().filter(|c| c.required) {
        if !columns.contains_key(c.key) {
            problems.push(Problem::new(
                sheet.location(row.number, None),
                format!(
                    "falta la columna obligatoria «{}» en el encabezado de {}",
                    c.key, schema.kind
                ),
            ));
        }
    }
    // Data under a column without a header would be lost: report it once per column.
    let mut reported = Vec::new();
    let csv = sheet.name.is_none();
    let mut shifted = 0;
    for r in &sheet.rows[row_index + 1..] {
        if csv && r.fields > row.fields && shifted < MAX_SHIFTED {
            shifted += 1;
            problems.push(Problem::new(
                sheet.location(r.number, None),
                format!(
                    "la fila tiene {} campos y el encabezado {}: un separador de más desplaza las celdas (¿un número con coma decimal sin comillas?)",
                    r.fields, row.fields
                ),
            ));
            continue;
        }
        for (i, c) in r.cells.iter().enumerate() {
            if !c.is_blank() && !titles.contains_key(&i) && !reported.contains(&i) {
                reported.push(i);
                problems.push(Problem::new(
                    sheet.location(r.number, Some((i, ""))),
                    format!("hay datos («{}») en una columna sin encabezado", c.shown()),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(Some(Header {
            row_index,
            columns,
            titles,
        }))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::sheet::Row;

    const SCHEMA: Schema<'static> = Schema {
        kind: "metas",
        columns: &[
            col("unidad", &["descripción de la unidad"], true),
            col("meta_anual", &[], false),
            col("codigo", &[], false),
        ],
    };

    fn sheet(rows: Vec<Vec<&str>>) -> Sheet {
        Sheet {
            file: "metas.xlsx".into(),
            name: Some("metas".into()),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| Row {
                    number: i + 1,
                    fields: r.len(),
                    cells: r
                        .into_iter()
                        .map(|t| {
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.into())
                            }
                        })
                        .collect(),
                })
                .collect(),
            hidden: false,
            convention: None,
        }
    }

    #[test]
    fn headers_match_case_accent_and_spacing_insensitively() {
        let s = sheet(vec![
            vec!["Título del reporte"],
            vec!["Descripción de la Unidad", "META ANUAL", "Código"],
            vec!["x", "1", "c"],
        ]);
        let h = locate(&s, &SCHEMA).unwrap().unwrap();
        assert_eq!(h.row_index, 1);
        assert_eq!(h.get("unidad"), Some(0));
        assert_eq!(h.get("meta_anual"), Some(1));
        assert_eq!(h.get("codigo"), Some(2));
        assert_eq!(h.title(1), "META ANUAL");
    }

    #[test]
    fn unknown_repeated_and_headerless_columns_are_all_reported() {
        let s = sheet(vec![
            vec!["unidad", "meta anual", "codgo", "unidad"],
            vec!["x", "1", "c", "y", "", "suelto"],
        ]);
        let problems = locate(&s, &SCHEMA).unwrap_err();
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(
            text[0].starts_with(
                "metas.xlsx, hoja «metas», fila 1, columna C: columna desconocida «codgo»"
            ),
            "{}",
            text[0]
        );
        assert!(text[0].contains("¿quiso decir «codigo»?"), "{}", text[0]);
        assert!(
            text[1].contains("columna D") && text[1].contains("repetida"),
            "{}",
            text[1]
        );
        assert!(
            text[2].contains("fila 2, columna F") && text[2].contains("sin encabezado"),
            "{}",
            text[2]
        );
    }

    #[test]
    fn missing_required_column_is_reported() {
        let s = sheet(vec![vec!["meta anual", "codigo"], vec!["1", "c"]]);
        let problems = locate(&s, &SCHEMA).unwrap_err();
        assert!(
            problems[0]
                .to_string()
                .contains("falta la columna obligatoria «unidad»")
        );
    }

    #[test]
    fn a_sheet_without_header_is_not_this_kind() {
        let s = sheet(vec![vec!["Instrucciones"], vec!["Llene la hoja metas"]]);
        assert!(locate(&s, &SCHEMA).unwrap().is_none());
    }
}
