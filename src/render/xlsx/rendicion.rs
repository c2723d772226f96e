//! The accountability report as a workbook: one sheet per section of the
//! form, with its title, its (one- or two-row) header and its rows; numbers
//! are numbers under their formats.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{
    Styles, cell_number, finish, fit_merged, height, lines, print_setup, workbook_for, xerr,
};
use crate::error::{Error, Warning};
use crate::render::ContextoAnual as Contexto;
use crate::render::OutputFile;
use crate::render::view::rendicion::{Celda, Formato, SIN_RESPONDER, Tabla, VistaRendicion};

/// Total width of a sheet in characters, shared by its columns.
const WIDTH: f64 = 150.0;

/// Writes the workbook of one entity's report.
pub(crate) fn libro(
    ctx: &Contexto,
    v: &VistaRendicion,
    avisos: &[Warning],
    path: String,
) -> Result<OutputFile, Error> {
    let title = format!("Informe de rendición de cuentas {} — {}", v.anio, v.entidad);
    let mut wb = workbook_for(&ctx.config.institucion.nombre, ctx.fecha, &title)?;
    let mut st = Styles::new();
    let e = xerr(&path);
    for t in &v.secciones {
        let ws = wb.add_worksheet();
        seccion(ws, &mut st, t, &title, &ctx.config.institucion.siglas).map_err(&e)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("Avisos").map_err(&e)?;
    let footer = format!("{} — {title}", ctx.config.institucion.siglas);
    super::tables::avisos(ws, &st, avisos, &footer).map_err(&e)?;
    finish(wb, path)
}

fn seccion(
    ws: &mut Worksheet,
    st: &mut Styles,
    t: &Tabla,
    title: &str,
    siglas: &str,
) -> Result<(), XlsxError> {
    ws.set_name(&t.hoja)?;
    let widths: Vec<f64> = t
        .anchos
        .iter()
        .map(|a| (WIDTH * *a as f64 / 100.0).max(8.0))
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last = t.columnas.max(1) as u16 - 1;
    ws.merge_range(0, 0, 0, last, title, &st.title)?;
    let subtitle = if t.sin_responder {
        format!("{}: ({})", t.titulo, SIN_RESPONDER.to_lowercase())
    } else {
        format!("{}:", t.titulo)
    };
    ws.merge_range(1, 0, 1, last, &subtitle, &st.subtitle)?;
    ws.set_row_height(0, height(lines(title, WIDTH / 1.1)) + 4.0)?;
    ws.set_row_height(1, height(lines(&t.titulo, WIDTH / 1.1)) + 4.0)?;
    print_setup(ws, 1, &format!("{siglas} — {}", t.titulo))?;
    let top = 3u32;
    let header_rows = t.encabezado.len();
    let header_fmt = st.header.clone();
    grid(ws, st, &t.encabezado, top, &widths, Some(&header_fmt))?;
    if header_rows > 0 {
        ws.set_freeze_panes(top + header_rows as u32, 0)?;
    }
    grid(ws, st, &t.filas, top + header_rows as u32, &widths, None)
}

/// Writes rows of cells from `first`, placing each after the cells that
/// earlier rows' rowspans occupy (as a browser lays out a table).
fn grid(
    ws: &mut Worksheet,
    st: &mut Styles,
    rows: &[Vec<Celda>],
    first: u32,
    widths: &[f64],
    fixed: Option<&Format>,
) -> Result<(), XlsxError> {
    let ncols = widths.len();
    let mut busy_until = vec![0usize; ncols];
    let mut need = vec![1usize; rows.len()];
    let mut spans = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while col < ncols && busy_until[col] > r {
                col += 1;
            }
            if col >= ncols {
                break;
            }
            let (cs, rs) = (cell.colspan.max(1).min(ncols - col), cell.rowspan.max(1));
            let width: f64 = widths[col..col + cs].iter().sum();
            let fmt = fixed.cloned().unwrap_or_else(|| format_of(st, cell));
            let (r0, c0) = (first + r as u32, col as u16);
            let (r1, c1) = (r0 + rs as u32 - 1, c0 + cs as u16 - 1);
            if (r1, c1) != (r0, c0) {
                ws.merge_range(r0, c0, r1, c1, "", &fmt)?;
            }
            match cell.numero {
                Some((d, f)) if fixed.is_none() => {
                    ws.write_number_with_format(r0, c0, number(d, f), &fmt)?
                }
                _ => ws.write_string_with_format(r0, c0, &cell.texto, &fmt)?,
            };
            let l = lines(&cell.texto, width);
            if rs == 1 {
                need[r] = need[r].max(l);
            } else {
                spans.push((r, (r + rs - 1).min(rows.len() - 1), l));
            }
            for b in busy_until.iter_mut().skip(col).take(cs) {
                *b = r + rs;
            }
            col += cs;
        }
    }
    for (a, b, l) in spans {
        fit_merged(&mut need, a, b, l);
    }
    for (r, l) in need.iter().enumerate() {
        ws.set_row_height(first + r as u32, height(*l))?;
    }
    Ok(())
}

/// The cell's value as the spreadsheet holds it: percentages in points become fractions.
fn number(d: Decimal, f: Formato) -> f64 {
    match f {
        Formato::Puntos => cell_number(d / Decimal::ONE_HUNDRED),
        _ => cell_number(d),
    }
}

fn format_of(st: &mut Styles, cell: &Celda) -> Format {
    let bold = cell
        .clase
        .split_whitespace()
        .any(|c| c == "etiqueta" || c == "total");
    let base = match cell.numero {
        Some((_, Formato::Entero)) => st.int.clone(),
        Some((_, Formato::Usd)) => st.usd.clone(),
        Some((_, Formato::Puntos)) => st.pct.clone(),
        Some((d, Formato::Medida(m))) => st.value(m, d),
        Some((d, Formato::Fraccion)) => {
            let n = crate::format::decimales_fraccion(d) as usize;
            st.int
                .clone()
                .set_num_format(format!("0.{}", "0".repeat(n)))
        }
        None if cell.clase.split_whitespace().any(|c| c == "centro") => {
            st.center.clone().set_text_wrap()
        }
        None => st.text.clone(),
    };
    if bold { base.set_bold() } else { base }
}
