//! The CPCCS form's own layout, besides the template `lotaip iniciar`
//! writes: a copy of the filled form where each section is a title row
//! («MECANISMOS DE CONTROL SOCIAL:») followed by its header — one row, or two
//! where the form groups columns («NO. DE USUARIOS POR GÉNERO» over
//! MASCULINO, FEMENINO, GLBTI) — and its rows. One sheet per section (named
//! as the form calls the section, or with the title row inside) or several
//! sections in one sheet. Header titles are matched with the form's spellings
//! of «número de» (`N°`, `Nº`, `No.`, `N.º`, `Nro.`).

use super::*;
use crate::input::sheet::Row;
use crate::model::formulario::Forma;
use crate::model::formulario::{TITULO_INSTITUCIONAL, TITULO_PROGRAMATICA};

/// What a block of rows answers.
#[derive(Clone, Copy, Debug)]
pub(super) enum Destino {
    Seccion(&'static Seccion),
    /// The programmatic section (or the `gestion_metas` sheet): the
    /// description of the management of each meta.
    Gestion,
    /// A section that is all computed (the institutional budget): not read.
    Calculada,
}

/// A header text folded, with the form's spellings of «número de» made one.
pub(super) fn canon(s: &str) -> String {
    let k = fold_key(s);
    for p in ["numero", "nro", "nº", "no", "n"] {
        if let Some(rest) = k.strip_prefix(p)
            && rest.starts_with("de")
            && rest.len() > 2
        {
            return format!("numero{rest}");
        }
    }
    k
}

/// The section a title row names, as the form prints it (colon or not).
pub(super) fn por_titulo(text: &str) -> Option<Destino> {
    let k = canon(text);
    if k.is_empty() {
        return None;
    }
    if k == canon(TITULO_PROGRAMATICA) {
        return Some(Destino::Gestion);
    }
    if k == canon(TITULO_INSTITUCIONAL) {
        return Some(Destino::Calculada);
    }
    SECCIONES
        .iter()
        .find(|s| canon(s.titulo) == k)
        .map(Destino::Seccion)
}

/// The section a sheet is named after: its key in the template, the form's
/// title, or the title cut to a sheet name's 31 characters when only one
/// title starts so.
pub(super) fn por_hoja(name: &str) -> Option<Destino> {
    let k = fold_key(name);
    if folds_to(GESTION_METAS, &k) {
        return Some(Destino::Gestion);
    }
    if let Some(s) = SECCIONES.iter().find(|s| folds_to(s.clave, &k)) {
        return Some(Destino::Seccion(s));
    }
    if let Some(d) = por_titulo(name) {
        return Some(d);
    }
    if name.chars().count() < 20 {
        return None;
    }
    let titles = SECCIONES
        .iter()
        .map(|s| (s.titulo, Destino::Seccion(s)))
        .chain([
            (TITULO_PROGRAMATICA, Destino::Gestion),
            (TITULO_INSTITUCIONAL, Destino::Calculada),
        ]);
    let mut found = titles.filter(|(t, _)| canon(t).starts_with(&canon(name)));
    match (found.next(), found.next()) {
        (Some((_, d)), None) => Some(d),
        _ => None,
    }
}

/// A run of rows of one sheet that answers one section.
pub(super) struct Bloque {
    /// From the title row; `None` for rows above the first title (the
    /// sheet's name says what they are).
    pub destino: Option<Destino>,
    pub hoja: Sheet,
}

/// Whether a section has a single column (its title row may carry the answer).
fn una_columna(d: Destino) -> bool {
    matches!(d, Destino::Seccion(s) if s.columnas.len() == 1)
}

/// The sheet cut at its title rows; `None` when it has none (the
/// template's layout, one section per sheet named by its key).
pub(super) fn bloques(sheet: &Sheet) -> Option<Vec<Bloque>> {
    let mut starts: Vec<(usize, Destino)> = Vec::new();
    for (i, r) in sheet.rows.iter().enumerate() {
        let cells: Vec<&Cell> = r.cells.iter().filter(|c| !c.is_blank()).collect();
        let Some(Cell::Text(t)) = cells.first() else {
            continue;
        };
        let Some(d) = por_titulo(t) else { continue };
        if cells.len() == 1 || (una_columna(d) && cells.len() == 2) {
            starts.push((i, d));
        }
    }
    if starts.is_empty() {
        return None;
    }
    let part = |from: usize, to: usize| Sheet {
        rows: sheet.rows[from..to].to_vec(),
        ..sheet.clone()
    };
    let mut out = Vec::new();
    if starts[0].0 > 0 {
        out.push(Bloque {
            destino: None,
            hoja: part(0, starts[0].0),
        });
    }
    for (j, &(i, d)) in starts.iter().enumerate() {
        let end = starts.get(j + 1).map_or(sheet.rows.len(), |s| s.0);
        // A one-column section's title is its label: the answer may sit beside it.
        let from = if una_columna(d) { i } else { i + 1 };
        out.push(Bloque {
            destino: Some(d),
            hoja: part(from, end),
        });
    }
    Some(out)
}

/// The key of the column a header text names, by key, alias or form title.
fn known(columns: &[Column], cell: &Cell) -> Option<&'static str> {
    let Cell::Text(t) = cell else { return None };
    let k = canon(t);
    if k.is_empty() {
        return None;
    }
    columns
        .iter()
        .find(|c| canon(c.key) == k || c.aliases.iter().any(|a| canon(a) == k))
        .map(|c| c.key)
}

/// A row of cells from column A.
fn row(number: usize, cells: Vec<Cell>) -> Row {
    Row {
        number,
        fields: cells.len(),
        cells,
    }
}

/// The block's rows under a header of one row whose cells are the columns'
/// keys: a two-row header is merged (the lower titles replace the groups
/// above them), the form's spellings are made the keys, rows above the
/// header are dropped and, in a copy of the form (`formulario`), so are the
/// form's computed total rows and a one-answer section written as
/// label / value rows (a `Ficha`) is turned into a header and one row.
/// `forma` is given for a copy of the form, `None` for the template.
pub(super) fn preparar(
    hoja: &Sheet,
    columns: &[Column],
    min_known: usize,
    forma: Option<Forma>,
) -> Sheet {
    let formulario = forma.is_some();
    let count = |r: &Row| {
        r.cells
            .iter()
            .filter(|c| known(columns, c).is_some())
            .count()
    };
    // Label / value rows: the first cell a title, the next its answer.
    let vertical = hoja
        .rows
        .iter()
        .take(20)
        .position(|r| count(r) > 0)
        .filter(|&h| {
            let r = &hoja.rows[h];
            forma == Some(Forma::Ficha) && count(r) == 1 && known(columns, r.get(0)).is_some()
        });
    if let Some(h) = vertical {
        let first = &hoja.rows[h];
        let mut titles = Vec::new();
        let mut values = Vec::new();
        for r in &hoja.rows[h..] {
            let cells: Vec<&Cell> = r.cells.iter().filter(|c| !c.is_blank()).collect();
            if let Some(key) = cells.first().and_then(|c| known(columns, c)) {
                titles.push(Cell::Text(key.to_string()));
                values.push(cells.get(1).map_or(Cell::Empty, |v| (*v).clone()));
            }
        }
        return Sheet {
            rows: vec![row(first.number, titles), row(first.number, values)],
            ..hoja.clone()
        };
    }
    let Some(h) = hoja
        .rows
        .iter()
        .take(20)
        .position(|r| count(r) >= min_known.max(1))
    else {
        return hoja.clone();
    };
    let first = &hoja.rows[h];
    let next = hoja.rows.get(h + 1);
    let lower = next.filter(|n| {
        let cells: Vec<&Cell> = n.cells.iter().filter(|c| !c.is_blank()).collect();
        !cells.is_empty() && cells.iter().all(|c| known(columns, c).is_some())
    });
    let width = first.cells.len().max(lower.map_or(0, |l| l.cells.len()));
    let header: Vec<Cell> = (0..width)
        .map(|i| {
            let below = lower.and_then(|l| known(columns, l.get(i)));
            match below.or_else(|| known(columns, first.get(i))) {
                Some(k) => Cell::Text(k.to_string()),
                // A group title whose columns are named below it.
                None if lower.is_some() && group_title(first.get(i)) => Cell::Empty,
                None => first.get(i).clone(),
            }
        })
        .collect();
    let skip = h + 1 + usize::from(lower.is_some());
    let mut rows = vec![row(first.number, header)];
    rows.extend(
        hoja.rows[skip.min(hoja.rows.len())..]
            .iter()
            .filter(|r| !(formulario && is_total(r)))
            .cloned(),
    );
    Sheet {
        rows,
        ..hoja.clone()
    }
}

/// The form's titles over grouped columns.
fn group_title(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else { return false };
    let k = canon(t);
    ["metapoa", "resultados", "estadoactual"].contains(&k.as_str())
        || SECCIONES
            .iter()
            .flat_map(|s| s.columnas.iter())
            .filter_map(|c| c.grupo)
            .any(|g| canon(g) == k)
}

/// A total row the form computes («TOTAL % CUMPLIMIENTO DE LA GESTIÓN:»,
/// «Total»): lotaip computes it again.
fn is_total(r: &Row) -> bool {
    r.cells
        .iter()
        .find(|c| !c.is_blank())
        .is_some_and(|c| matches!(c, Cell::Text(t) if fold_key(t.as_str()).starts_with("total")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_spellings_of_numero_de_are_one() {
        for s in [
            "N° DE USUARIOS",
            "Nº DE USUARIOS",
            "No. DE USUARIOS",
            "N.º DE USUARIOS",
            "Nro. de usuarios",
            "Número de usuarios",
        ] {
            assert_eq!(canon(s), "numerodeusuarios", "{s}");
        }
        assert_eq!(canon("NOMBRE DE LA RADIO"), "nombredelaradio");
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            file: "rendicion.xlsx".into(),
            name: Some("Hoja1".into()),
            hidden: false,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    row(
                        i + 1,
                        r.iter()
                            .map(|t| {
                                if t.is_empty() {
                                    Cell::Empty
                                } else {
                                    Cell::Text(t.to_string())
                                }
                            })
                            .collect(),
                    )
                })
                .collect(),
            convention: None,
        }
    }

    #[test]
    fn a_two_row_header_becomes_one_and_the_forms_total_row_is_dropped() {
        let s = Seccion::por_clave("contratacion").expect("the section");
        let cols = schema_columns(s);
        let hoja = sheet(&[
            &[
                "TIPO DE CONTRATACIÓN",
                "ESTADO ACTUAL",
                "",
                "",
                "",
                "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PAG. WEB DE LA INSTITUCIÓN",
            ],
            &[
                "",
                "Número Total Adjudicados",
                "Valor Total Adjudicados",
                "Número Total Finalizados",
                "Valor Total Finalizados",
                "",
            ],
            &["COMPRA POR CATALOGO", "325"],
            &["TOTAL", "325"],
        ]);
        let p = preparar(&hoja, &cols, 2, Some(Forma::Tabla));
        let header: Vec<String> = p.rows[0].cells.iter().map(Cell::shown).collect();
        assert_eq!(
            header,
            [
                "tipo",
                "numero_adjudicados",
                "valor_adjudicados",
                "numero_finalizados",
                "valor_finalizados",
                "enlace"
            ]
        );
        assert_eq!(p.rows.len(), 2, "header and one row; the total is lotaip's");
        assert_eq!(p.rows[1].number, 3);
    }

    #[test]
    fn a_one_answer_section_beside_its_title_is_read() {
        let hoja = sheet(&[
            &["PROCESO DE RENDICIÓN DE CUENTAS:"],
            &[
                "DESCRIBA LOS PRINCIPALES APORTES CIUDADANOS RECIBIDOS:",
                "NO SE RECIBIERON APORTES CIUDADANOS",
            ],
        ]);
        let b = bloques(&hoja).expect("title rows");
        assert_eq!(b.len(), 2);
        let Some(Destino::Seccion(s)) = b[1].destino else {
            panic!("a section")
        };
        assert_eq!(s.clave, "aportes_ciudadanos");
        let p = preparar(&b[1].hoja, &schema_columns(s), 1, Some(s.forma));
        assert_eq!(p.rows[0].cells[0].shown(), "descripcion");
        assert_eq!(
            p.rows[1].cells[0].shown(),
            "NO SE RECIBIERON APORTES CIUDADANOS"
        );
    }

    #[test]
    fn sections_are_found_by_their_form_titles_and_cut_sheet_names() {
        let name = |d: Option<Destino>| match d {
            Some(Destino::Seccion(s)) => s.clave,
            Some(Destino::Gestion) => "gestion",
            Some(Destino::Calculada) => "calculada",
            None => "",
        };
        assert_eq!(
            name(por_titulo("MECANISMOS DE CONTROL SOCIAL:")),
            "control_social"
        );
        assert_eq!(
            name(por_titulo("CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA:")),
            "gestion"
        );
        assert_eq!(
            name(por_hoja("DATOS DE LA DELIBERACIÓN PÚBLIC")),
            "deliberacion"
        );
        assert_eq!(name(por_hoja("PRESUPUESTO INSTITUCIONAL")), "calculada");
        // Both computed sections' titles start so: the title row decides.
        assert_eq!(name(por_hoja("CUMPLIMIENTO DE LA EJECUCIÓN PR")), "");
    }
}
