//! The Literal a4 matrix as XLSX, with the layout of the published matrix:
//! two title lines, five columns, process-level section rows, unit and
//! objective cells merged over their rows, the footer block.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Url, Worksheet, XlsxError};

use super::paginas::{Block, body_height, page_breaks};
use super::{
    BOLD_CAPS, Styles, finish, fit_merged, height, lines, lines_at, print_setup, workbook, xerr,
};
use crate::error::Error;
use crate::render::view::pie_a4;
use crate::render::{OutputFile, RenderContext, Renderer};

/// Column widths (characters): No., unit, objective, indicator, target.
const WIDTHS: [f64; 5] = [6.0, 30.0, 42.0, 58.0, 22.0];

/// Column headers, as published.
pub(crate) const HEADERS: [&str; 5] = [
    "No.",
    "Descripción de la unidad",
    "Objetivo de la unidad",
    "Indicador",
    "Meta cuantificable",
];

/// `numeral_1.3_<periodo>.xlsx` (2023) or `literal_a4_<periodo>.xlsx` (2004).
pub(crate) struct LiteralA4;

impl Renderer for LiteralA4 {
    fn name(&self) -> &'static str {
        "Matriz de metas y objetivos (XLSX)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let path = format!("{}_{}.xlsx", ctx.config.prefijo_matriz(), ctx.periodo());
        let mut wb = workbook(ctx, &ctx.config.literal_a4.literal)?;
        let mut styles = Styles::new();
        let ws = wb.add_worksheet();
        write(ws, ctx, &mut styles).map_err(xerr(&path))?;
        Ok(vec![finish(wb, path)?])
    }
}

fn write(ws: &mut Worksheet, ctx: &RenderContext, st: &mut Styles) -> Result<(), XlsxError> {
    let cfg = ctx.config;
    ws.set_name(cfg.nombre_matriz())?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut rows = Heights::default();
    let total: f64 = WIDTHS.iter().sum();
    ws.merge_range(0, 0, 0, 4, &cfg.literal_a4.articulo, &st.title)?;
    ws.merge_range(1, 0, 1, 4, &cfg.literal_a4.literal, &st.subtitle)?;
    let articulo = height(lines(&cfg.literal_a4.articulo, total / 1.1)) + 4.0;
    rows.set(ws, 0, articulo)?;
    let literal = height(lines(&cfg.literal_a4.literal, total / 1.1)) + 4.0;
    rows.set(ws, 1, literal)?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &st.header)?;
    }
    rows.set(ws, 2, height(1) + 4.0)?;
    ws.set_freeze_panes(3, 0)?;
    print_setup(
        ws,
        2,
        &format!("{} — {}", cfg.institucion.siglas, cfg.literal_a4.literal),
    )?;

    // Each unit is a block kept on one page, its section title with the
    // first unit of the section. Under 2023 a unit taller than a page
    // starts each page it continues on with its number and name again (its
    // cells merged per page); the 2004 layout of seed 002 keeps one merge.
    let repetir = cfg.publicacion.ley == crate::config::Ley::L2023;
    let mut unidades: Vec<(u32, u32, usize, &String)> = Vec::new();
    let mut blocks = Vec::new();
    let mut row: u32 = 3;
    for seccion in &ctx.a4 {
        ws.merge_range(row, 0, row, 4, &seccion.titulo, &st.section)?;
        rows.set(ws, row, height(1) + 2.0)?;
        let mut section_row = Some(row);
        row += 1;
        for unidad in &seccion.unidades {
            let first = row;
            let n = unidad.n;
            let mut need = vec![1usize; n];
            let mut cuts = Vec::new();
            let mut r = 0;
            for obj in &unidad.objetivos {
                let (o_first, o_last) = (r, r + obj.filas.len() - 1);
                if o_first > 0 {
                    cuts.push(first + o_first as u32);
                }
                for fila in &obj.filas {
                    let at = first + r as u32;
                    ws.write_string_with_format(at, 3, &fila.nombre, &st.text)?;
                    ws.write_string_with_format(at, 4, &fila.meta, &st.text)?;
                    need[r] = lines(&fila.nombre, WIDTHS[3]).max(lines(&fila.meta, WIDTHS[4]));
                    r += 1;
                }
                merged(
                    ws,
                    first + o_first as u32,
                    first + o_last as u32,
                    2,
                    &obj.texto,
                    st,
                )?;
                fit_merged(&mut need, o_first, o_last, lines(&obj.texto, WIDTHS[2]));
            }
            let last = first + n as u32 - 1;
            if repetir {
                // Written once the page breaks are known.
                unidades.push((first, last, unidad.numero, &unidad.nombre));
            } else {
                merged_number(ws, first, last, unidad.numero, st)?;
                merged(ws, first, last, 1, &unidad.nombre, st)?;
            }
            fit_merged(&mut need, 0, n - 1, lines(&unidad.nombre, WIDTHS[1]));
            for (k, l) in need.iter().enumerate() {
                rows.set(ws, first + k as u32, height(*l))?;
            }
            blocks.push(Block {
                first: section_row.take().unwrap_or(first),
                last,
                cuts,
            });
            row = last + 1;
        }
        if let Some(r) = section_row {
            blocks.push(Block {
                first: r,
                last: r,
                cuts: Vec::new(),
            });
        }
    }
    // The footer block, with the empty row above it, on one page.
    rows.set(ws, row, height(1))?;
    let end = footer(ws, ctx, st, row + 1, &mut rows)?;
    blocks.push(Block {
        first: row,
        last: end - 1,
        cuts: Vec::new(),
    });
    let page = body_height(&WIDTHS, articulo + literal + height(1) + 4.0);
    let breaks = page_breaks(&blocks, |r| rows.get(r), page);
    for (first, last, numero, nombre) in unidades {
        let mut start = first;
        for &b in breaks.iter().filter(|&&b| b > first && b <= last) {
            merged_number(ws, start, b - 1, numero, st)?;
            merged(ws, start, b - 1, 1, nombre, st)?;
            start = b;
        }
        merged_number(ws, start, last, numero, st)?;
        merged(ws, start, last, 1, nombre, st)?;
    }
    ws.set_page_breaks(&breaks)?;
    Ok(())
}

/// The heights set on the rows of a sheet, kept to count its pages.
#[derive(Default)]
struct Heights(Vec<f64>);

impl Heights {
    fn set(&mut self, ws: &mut Worksheet, row: u32, h: f64) -> Result<(), XlsxError> {
        ws.set_row_height(row, h)?;
        let i = row as usize;
        if self.0.len() <= i {
            self.0.resize(i + 1, 0.0);
        }
        self.0[i] = h;
        Ok(())
    }

    fn get(&self, row: u32) -> f64 {
        self.0.get(row as usize).copied().unwrap_or(0.0)
    }
}

/// A text cell merged over rows `first..=last` of one column (or a plain cell for one row).
fn merged(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    col: u16,
    text: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    if first == last {
        ws.write_string_with_format(first, col, text, &st.text)?;
    } else {
        ws.merge_range(first, col, last, col, text, &st.text)?;
    }
    Ok(())
}

fn merged_number(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    n: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    if first != last {
        ws.merge_range(first, 0, last, 0, "", &st.center)?;
    }
    ws.write_number_with_format(first, 0, n as f64, &st.center)?;
    Ok(())
}

/// The footer block: label over columns A–C, value over D–E; returns the
/// row after it. A label is bold capitals, so its lines are counted as such.
fn footer(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &Styles,
    mut row: u32,
    rows: &mut Heights,
) -> Result<u32, XlsxError> {
    let label_width: f64 = WIDTHS[..3].iter().sum();
    let value_width: f64 = WIDTHS[3..].iter().sum();
    for linea in pie_a4(ctx.config, ctx.informe.fecha) {
        ws.merge_range(row, 0, row, 2, &linea.etiqueta, &st.text_bold)?;
        if linea.es_fecha {
            ws.merge_range(row, 3, row, 4, "", &st.date)?;
            let f = ctx.informe.fecha;
            let date = ExcelDateTime::from_ymd(f.year() as u16, f.month() as u8, f.day() as u8)?;
            ws.write_datetime_with_format(row, 3, &date, &st.date)?;
        } else if let Some(enlace) = &linea.enlace {
            ws.merge_range(row, 3, row, 4, "", &st.text)?;
            let url = Url::new(enlace.as_str()).set_text(linea.valor.as_str());
            ws.write_url_with_format(row, 3, url, &st.text)?;
        } else {
            ws.merge_range(row, 3, row, 4, &linea.valor, &st.text)?;
        }
        let l =
            lines_at(&linea.etiqueta, label_width, BOLD_CAPS).max(lines(&linea.valor, value_width));
        rows.set(ws, row, height(l))?;
        row += 1;
    }
    Ok(row)
}
