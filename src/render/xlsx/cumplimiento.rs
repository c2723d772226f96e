//! The cumplimiento workbook: every unit × indicator with meta, real,
//! cumplimiento and semáforo; summaries by unit, province and process level;
//! budget; warnings; changes since the previous month.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{
    self, INDICADOR_HEADERS, PRESUPUESTO_HEADERS, PRESUPUESTO_WIDTHS, RESUMEN_HEADERS,
    RESUMEN_WIDTHS,
};
use super::{Styles, cell_pct, finish, height, print_setup, workbook, xerr};
use crate::error::Error;
use crate::format;
use crate::render::view::nota_metodologica;
use crate::render::{OutputFile, RenderContext, Renderer};

/// `cumplimiento_<periodo>.xlsx`.
pub(crate) struct Cumplimiento;

impl Renderer for Cumplimiento {
    fn name(&self) -> &'static str {
        "Cumplimiento (XLSX)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let path = format!("cumplimiento_{}.xlsx", ctx.periodo());
        let title = format!("Cumplimiento de metas — {}", ctx.informe.periodo.nombre());
        let mut wb = workbook(ctx, &title)?;
        let mut st = Styles::new();
        let e = xerr(&path);
        resumen(wb.add_worksheet(), ctx, &st).map_err(&e)?;
        indicadores(wb.add_worksheet(), ctx, &mut st).map_err(&e)?;
        por_unidad(wb.add_worksheet(), ctx, &st).map_err(&e)?;
        por_provincia(wb.add_worksheet(), ctx, &st).map_err(&e)?;
        presupuesto(wb.add_worksheet(), ctx, &st).map_err(&e)?;
        let ws = wb.add_worksheet();
        ws.set_name("Avisos").map_err(&e)?;
        let footer = format!(
            "{} — Avisos {}",
            ctx.config.institucion.siglas,
            ctx.periodo()
        );
        tables::avisos(ws, &st, &ctx.informe.avisos, &footer).map_err(&e)?;
        super::cambios::hoja(wb.add_worksheet(), ctx, &mut st).map_err(&e)?;
        Ok(vec![finish(wb, path)?])
    }
}

/// Title lines shared by the sheets: institution and period.
pub(crate) fn titulo(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &Styles,
    texto: &str,
    cols: u16,
) -> Result<u32, XlsxError> {
    ws.merge_range(
        0,
        0,
        0,
        cols - 1,
        &format!("{} — {texto}", ctx.config.institucion.nombre),
        &st.title,
    )?;
    let sub = format!(
        "Período: {} · Fecha de corte: {}",
        ctx.informe.periodo.nombre(),
        format::fecha(ctx.informe.fecha)
    );
    ws.merge_range(1, 0, 1, cols - 1, &sub, &st.subtitle)?;
    ws.set_row_height(0, height(1) + 6.0)?;
    Ok(3)
}

fn resumen(ws: &mut Worksheet, ctx: &RenderContext, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Resumen")?;
    let mut w = vec![34.0];
    w.extend(RESUMEN_WIDTHS);
    tables::widths(ws, &w)?;
    let cols = w.len() as u16;
    let mut row = titulo(ws, ctx, st, "Cumplimiento de metas", cols)?;
    print_setup(ws, 1, &ctx.config.institucion.siglas)?;
    let mut h = vec!["Ámbito"];
    h.extend(RESUMEN_HEADERS);
    row = tables::header_row(ws, st, row, &h, &w)?;
    ws.write_string_with_format(row, 0, "Institución", &st.text_bold)?;
    tables::resumen_cells(ws, st, ctx.config, row, 1, &ctx.informe.institucion)?;
    row += 1;
    for (p, r) in &ctx.informe.por_proceso {
        ws.write_string_with_format(row, 0, format!("Proceso {}", p.nombre()), &st.text)?;
        tables::resumen_cells(ws, st, ctx.config, row, 1, r)?;
        row += 1;
    }
    row += 1;
    tables::nota(
        ws,
        st,
        row,
        cols,
        w.iter().sum(),
        &nota_metodologica(ctx.config),
    )?;
    Ok(())
}

/// Widths of the indicator columns of «Indicadores»: narrower than the
/// province workbooks' so that the printed columns, No. to Estado, read at
/// 7 points or more on A4 landscape.
const IND_WIDTHS: [f64; 10] = [14.0, 36.0, 8.0, 15.0, 15.0, 12.0, 9.0, 11.0, 30.0, 28.0];

/// Columns of «Indicadores» that are printed: No., Unidad and the indicator
/// columns up to Estado. Observación, the link, and the grouping columns
/// (provincia, proceso, objetivo) are for the screen and the filters: with
/// them a row needs a page twice as wide.
const IND_PRINTED: u16 = 10;

fn indicadores(ws: &mut Worksheet, ctx: &RenderContext, st: &mut Styles) -> Result<(), XlsxError> {
    ws.set_name("Indicadores")?;
    let mut h = vec!["No.", "Unidad"];
    h.extend(INDICADOR_HEADERS);
    h.extend(["Provincia", "Proceso", "Objetivo"]);
    let mut w = vec![5.0, 22.0];
    w.extend(IND_WIDTHS);
    w.extend([14.0, 16.0, 60.0]);
    tables::widths(ws, &w)?;
    let mut row = tables::header_row(ws, st, 0, &h, &w)?;
    ws.set_freeze_panes(1, 2)?;
    print_setup(
        ws,
        0,
        &format!(
            "{} — Cumplimiento {}",
            ctx.config.institucion.siglas,
            ctx.periodo()
        ),
    )?;
    ws.set_header(
        "&L&8Impresas las columnas No. a Estado; observación, medio de verificación, provincia, proceso y objetivo están en el libro",
    );
    for (n, f) in ctx.filas.iter().enumerate() {
        ws.write_number_with_format(row, 0, (n + 1) as f64, &st.center)?;
        ws.write_string_with_format(row, 1, &f.unidad, &st.text)?;
        let l = tables::indicador_cells(ws, st, ctx.dataset, (row, 2), &IND_WIDTHS, f)?;
        ws.write_string_with_format(row, 12, &f.provincia, &st.text)?;
        ws.write_string_with_format(row, 13, &f.proceso, &st.text)?;
        ws.write_string_with_format(row, 14, &f.objetivo, &st.text)?;
        let l = l
            .max(super::lines(&f.unidad, w[1]))
            .max(super::lines(&f.objetivo, w[14]));
        ws.set_row_height(row, height(l))?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(1);
    ws.autofilter(0, 0, last, h.len() as u16 - 1)?;
    ws.set_print_area(0, 0, last, IND_PRINTED - 1)?;
    Ok(())
}

fn por_unidad(ws: &mut Worksheet, ctx: &RenderContext, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Por unidad")?;
    let mut h = vec!["Unidad", "Proceso", "Provincia"];
    h.extend(RESUMEN_HEADERS);
    let mut w = vec![32.0, 13.0, 11.0];
    w.extend(RESUMEN_WIDTHS);
    tables::widths(ws, &w)?;
    let mut row = tables::header_row(ws, st, 0, &h, &w)?;
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, 0, &ctx.config.institucion.siglas)?;
    for (u, r) in ctx.dataset.unidades.iter().zip(&ctx.informe.por_unidad) {
        ws.write_string_with_format(row, 0, &u.nombre, &st.text)?;
        ws.write_string_with_format(row, 1, u.proceso.nombre(), &st.text)?;
        let provincia = u.provincia.map_or("", |p| p.nombre());
        ws.write_string_with_format(row, 2, provincia, &st.text)?;
        tables::resumen_cells(ws, st, ctx.config, row, 3, r)?;
        let l = super::lines(&u.nombre, w[0])
            .max(super::lines(u.proceso.nombre(), w[1]))
            .max(super::lines(provincia, w[2]));
        ws.set_row_height(row, height(l))?;
        row += 1;
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), h.len() as u16 - 1)?;
    Ok(())
}

fn por_provincia(ws: &mut Worksheet, ctx: &RenderContext, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Por provincia")?;
    let mut h = vec!["Provincia"];
    h.extend(RESUMEN_HEADERS);
    h.push("Ejecución presupuestaria");
    let mut w = vec![30.0];
    w.extend(RESUMEN_WIDTHS);
    w.push(14.0);
    tables::widths(ws, &w)?;
    let first = tables::header_row(ws, st, 0, &h, &w)?;
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, 0, &ctx.config.institucion.siglas)?;
    let pres = &ctx.informe.presupuesto.por_provincia;
    for (row, (p, r)) in (first..).zip(&ctx.informe.por_provincia) {
        ws.write_string_with_format(row, 0, p.nombre(), &st.text)?;
        tables::resumen_cells(ws, st, ctx.config, row, 1, r)?;
        match pres.iter().find(|(q, _)| q == p) {
            Some((_, f)) => {
                ws.write_number_with_format(row, 11, cell_pct(f.total.porcentaje), &st.pct)?
            }
            None => ws.write_string_with_format(row, 11, "", &st.text)?,
        };
    }
    Ok(())
}

fn presupuesto(ws: &mut Worksheet, ctx: &RenderContext, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Presupuesto")?;
    let mut h = vec!["Unidad", "Provincia"];
    h.extend(PRESUPUESTO_HEADERS);
    let mut w = vec![32.0, 11.0];
    w.extend(PRESUPUESTO_WIDTHS);
    tables::widths(ws, &w)?;
    let mut row = tables::header_row(ws, st, 0, &h, &w)?;
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, 0, &ctx.config.institucion.siglas)?;
    for (u, p) in ctx
        .dataset
        .unidades
        .iter()
        .zip(&ctx.informe.presupuesto.por_unidad)
    {
        let Some(p) = p else { continue };
        let provincia = u.provincia.map_or("", |p| p.nombre());
        ws.write_string_with_format(row, 0, &u.nombre, &st.text)?;
        ws.write_string_with_format(row, 1, provincia, &st.text)?;
        tables::presupuesto_cells(ws, st, row, 2, p)?;
        let l = super::lines(&u.nombre, w[0]).max(super::lines(provincia, w[1]));
        ws.set_row_height(row, height(l))?;
        row += 1;
    }
    if let Some(p) = &ctx.informe.presupuesto.institucion {
        ws.write_string_with_format(row, 0, "Total institución", &st.text_bold)?;
        ws.write_string_with_format(row, 1, "", &st.text)?;
        tables::presupuesto_cells(ws, st, row, 2, p)?;
    }
    Ok(())
}
