//! Tables shared by the cumplimiento and province workbooks: summaries,
//! indicator rows, budget, warnings and the method note.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{BOLD, Styles, cell_number, cell_pct, height, lines, lines_at};
use crate::compute::{FilaPresupuesto, Resumen, rules};
use crate::config::Config;
use crate::error::Warning;
use crate::model::Dataset;
use crate::render::view::FilaIndicador;

/// Writes a header row; returns the next row.
pub(super) fn header_row(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    headers: &[&str],
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let mut l = 1;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
        l = l.max(lines_at(h, widths.get(c).copied().unwrap_or(12.0), BOLD));
    }
    ws.set_row_height(row, height(l) + 2.0)?;
    Ok(row + 1)
}

/// Sets the column widths of a sheet.
pub(super) fn widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// Headers of a summary table after its first (name) column.
pub(super) const RESUMEN_HEADERS: [&str; 10] = [
    "Indicadores",
    "En el promedio",
    "Cumplimiento promedio",
    "Semáforo",
    "Verde",
    "Amarillo",
    "Rojo",
    "de ellos sin reporte",
    "Sin período cerrado",
    "Sin meta numérica",
];

/// Column widths of a summary table after its name column (narrow, so that
/// a sheet of units prints at 7 points or more on A4 landscape).
pub(super) const RESUMEN_WIDTHS: [f64; 10] = [11.0, 10.0, 12.0, 9.0, 7.0, 9.0, 7.0, 9.0, 9.0, 9.0];

/// Writes the summary columns of one group starting at `col`.
pub(super) fn resumen_cells(
    ws: &mut Worksheet,
    st: &Styles,
    cfg: &Config,
    row: u32,
    col: u16,
    r: &Resumen,
) -> Result<(), XlsxError> {
    let color = r.semaforo(&cfg.semaforo);
    ws.write_number_with_format(row, col, r.indicadores as f64, &st.int)?;
    ws.write_number_with_format(row, col + 1, r.contados as f64, &st.int)?;
    match r.promedio {
        Some(p) => {
            ws.write_number_with_format(row, col + 2, cell_pct(p), &st.pct_semaforo(color))?
        }
        None => ws.write_string_with_format(row, col + 2, "—", &st.center)?,
    };
    match color {
        Some(s) => ws.write_string_with_format(row, col + 3, s.nombre(), &st.semaforo(s))?,
        None => ws.write_string_with_format(row, col + 3, "", &st.center)?,
    };
    for (k, n) in [
        r.verde,
        r.amarillo,
        r.rojo,
        r.sin_reporte,
        r.sin_periodo,
        r.sin_meta,
    ]
    .iter()
    .enumerate()
    {
        ws.write_number_with_format(row, col + 4 + k as u16, *n as f64, &st.int)?;
    }
    Ok(())
}

/// Indicator-row columns (after any grouping columns).
pub(super) const INDICADOR_HEADERS: [&str; 10] = [
    "Código",
    "Indicador",
    "Período evaluado",
    "Meta",
    "Real",
    "Cumplimiento",
    "Semáforo",
    "Estado",
    "Observación",
    "Medio de verificación",
];
pub(super) const INDICADOR_WIDTHS: [f64; 10] =
    [16.0, 48.0, 10.0, 15.0, 15.0, 13.0, 10.0, 13.0, 30.0, 28.0];

/// Writes one indicator's columns starting at `col`; returns the lines it
/// needs in columns of `widths`.
pub(super) fn indicador_cells(
    ws: &mut Worksheet,
    st: &mut Styles,
    ds: &Dataset,
    (row, col): (u32, u16),
    widths: &[f64; 10],
    f: &FilaIndicador,
) -> Result<usize, XlsxError> {
    let medida = ds.indicadores[f.indicador].medida;
    ws.write_string_with_format(row, col, &f.codigo, &st.text)?;
    ws.write_string_with_format(row, col + 1, &f.nombre, &st.text)?;
    ws.write_string_with_format(row, col + 2, &f.periodo_evaluado, &st.center)?;
    for (k, v) in [(3u16, f.meta), (4, f.real)] {
        match v {
            Some(d) => {
                let fmt = st.value(medida, d);
                ws.write_number_with_format(row, col + k, cell_number(d), &fmt)?
            }
            None => ws.write_string_with_format(row, col + k, "", &st.text)?,
        };
    }
    let ev_color = match f.semaforo.as_str() {
        "verde" => Some(crate::compute::Semaforo::Verde),
        "amarillo" => Some(crate::compute::Semaforo::Amarillo),
        "rojo" => Some(crate::compute::Semaforo::Rojo),
        _ => None,
    };
    match f.cumplimiento {
        Some(p) => ws.write_number_with_format(
            row,
            col + 5,
            cell_number(rules::round_pct(p) / rust_decimal::Decimal::ONE_HUNDRED),
            &st.pct_semaforo(ev_color),
        )?,
        None => ws.write_string_with_format(row, col + 5, "", &st.text)?,
    };
    match ev_color {
        Some(s) => ws.write_string_with_format(row, col + 6, s.nombre(), &st.semaforo(s))?,
        None => ws.write_string_with_format(row, col + 6, "", &st.center)?,
    };
    let estado = if f.marca.is_empty() {
        f.estado.clone()
    } else {
        format!("{} ({})", f.estado, f.marca)
    };
    ws.write_string_with_format(row, col + 7, &estado, &st.text)?;
    ws.write_string_with_format(row, col + 8, &f.observacion, &st.text)?;
    ws.write_string_with_format(row, col + 9, &f.medio_verificacion, &st.text)?;
    Ok([
        lines(&f.codigo, widths[0]),
        lines(&f.nombre, widths[1]),
        lines(&estado, widths[7]),
        lines(&f.observacion, widths[8]),
        lines(&f.medio_verificacion, widths[9]),
    ]
    .into_iter()
    .max()
    .unwrap_or(1))
}

/// Headers of a budget table after its name column.
pub(super) const PRESUPUESTO_HEADERS: [&str; 7] = [
    "Corriente codificado",
    "Corriente devengado",
    "Inversión codificado",
    "Inversión devengado",
    "Total codificado",
    "Total devengado",
    "% Ejecución",
];
pub(super) const PRESUPUESTO_WIDTHS: [f64; 7] = [16.0, 16.0, 16.0, 16.0, 17.0, 17.0, 10.0];

/// Writes one budget row's columns starting at `col`.
pub(super) fn presupuesto_cells(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    col: u16,
    p: &FilaPresupuesto,
) -> Result<(), XlsxError> {
    let mut c = col;
    for e in [&p.corriente, &p.inversion] {
        match e {
            Some(e) => {
                ws.write_number_with_format(row, c, cell_number(e.codificado), &st.usd)?;
                ws.write_number_with_format(row, c + 1, cell_number(e.devengado), &st.usd)?;
            }
            None => {
                ws.write_string_with_format(row, c, "", &st.text)?;
                ws.write_string_with_format(row, c + 1, "", &st.text)?;
            }
        }
        c += 2;
    }
    ws.write_number_with_format(row, c, cell_number(p.total.codificado), &st.usd)?;
    ws.write_number_with_format(row, c + 1, cell_number(p.total.devengado), &st.usd)?;
    ws.write_number_with_format(row, c + 2, cell_pct(p.total.porcentaje), &st.pct)?;
    Ok(())
}

/// The warnings sheet: kind, file, sheet, row, column, message; printed
/// across one page with the header row on each, `footer` at the foot.
pub(super) fn avisos(
    ws: &mut Worksheet,
    st: &Styles,
    avisos: &[Warning],
    footer: &str,
) -> Result<(), XlsxError> {
    const H: [&str; 6] = ["Tipo", "Archivo", "Hoja", "Fila", "Columna", "Aviso"];
    // Narrow enough to print at 7 points or more on A4.
    const W: [f64; 6] = [20.0, 16.0, 12.0, 7.0, 18.0, 78.0];
    widths(ws, &W)?;
    let mut row = header_row(ws, st, 0, &H, &W)?;
    ws.set_freeze_panes(1, 0)?;
    super::print_setup(ws, 0, footer)?;
    for a in avisos {
        let loc = &a.location;
        ws.write_string_with_format(row, 0, &a.kind, &st.text)?;
        ws.write_string_with_format(row, 1, &loc.file, &st.text)?;
        ws.write_string_with_format(row, 2, loc.sheet.as_deref().unwrap_or(""), &st.text)?;
        match loc.row.or(loc.line) {
            Some(n) => ws.write_number_with_format(row, 3, n as f64, &st.int)?,
            None => ws.write_string_with_format(row, 3, "", &st.text)?,
        };
        ws.write_string_with_format(row, 4, loc.column.as_deref().unwrap_or(""), &st.text)?;
        ws.write_string_with_format(row, 5, &a.message, &st.text)?;
        ws.set_row_height(row, height(lines(&a.message, W[5])))?;
        row += 1;
    }
    if !avisos.is_empty() {
        ws.autofilter(0, 0, row - 1, 5)?;
    }
    Ok(())
}

/// Writes the method note as wrapped paragraphs over `cols` columns; returns the next row.
pub(super) fn nota(
    ws: &mut Worksheet,
    st: &Styles,
    mut row: u32,
    cols: u16,
    width: f64,
    parrafos: &[String],
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(row, 0, "Cómo se calculan las cifras", &st.label)?;
    row += 1;
    for p in parrafos {
        ws.merge_range(row, 0, row, cols - 1, p, &st.plain)?;
        ws.set_row_height(row, height(lines(p, width)))?;
        row += 1;
    }
    Ok(row)
}
