//! One workbook per province: summary and semáforo counts, each unit's
//! indicators by objective, the monthly trend with a chart, budget
//! execution and the method note.

use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};

use super::cumplimiento::titulo;
use super::tables::{
    self, INDICADOR_HEADERS, INDICADOR_WIDTHS, PRESUPUESTO_HEADERS, PRESUPUESTO_WIDTHS,
    RESUMEN_HEADERS, RESUMEN_WIDTHS,
};
use super::{Styles, cell_pct, finish, fit_merged, height, lines, print_setup, workbook, xerr};
use crate::error::Error;
use crate::format;
use crate::model::{MESES, Provincia};
use crate::render::view::nota_metodologica;
use crate::render::{OutputFile, RenderContext, Renderer};

/// `provincias/<provincia>_<periodo>.xlsx` for every province with units.
pub(crate) struct Provincias;

impl Renderer for Provincias {
    fn name(&self) -> &'static str {
        "Provincias (XLSX)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        (0..ctx.informe.por_provincia.len())
            .map(|j| provincia(ctx, j))
            .collect()
    }
}

fn provincia(ctx: &RenderContext, j: usize) -> Result<OutputFile, Error> {
    let (p, _) = ctx.informe.por_provincia[j];
    let path = format!("provincias/{}_{}.xlsx", p.slug(), ctx.periodo());
    let mut wb = workbook(
        ctx,
        &format!(
            "Cumplimiento de metas — {} — {}",
            p.nombre(),
            ctx.informe.periodo.nombre()
        ),
    )?;
    let mut st = Styles::new();
    let e = xerr(&path);
    let units = crate::render::view::provincia::unidades_de(ctx, p);
    resumen(wb.add_worksheet(), ctx, &st, j, &units).map_err(&e)?;
    indicadores(wb.add_worksheet(), ctx, &mut st, p, &units).map_err(&e)?;
    tendencia(wb.add_worksheet(), ctx, &st, j).map_err(&e)?;
    presupuesto(wb.add_worksheet(), ctx, &st, p, &units).map_err(&e)?;
    finish(wb, path)
}

fn resumen(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &Styles,
    j: usize,
    units: &[usize],
) -> Result<(), XlsxError> {
    let (p, r) = &ctx.informe.por_provincia[j];
    ws.set_name("Resumen")?;
    let mut w = vec![44.0];
    w.extend(RESUMEN_WIDTHS);
    tables::widths(ws, &w)?;
    let cols = w.len() as u16;
    let mut row = titulo(
        ws,
        ctx,
        st,
        &format!("Cumplimiento de metas de la provincia de {}", p.nombre()),
        cols,
    )?;
    print_setup(
        ws,
        1,
        &format!("{} — {}", ctx.config.institucion.siglas, p.nombre()),
    )?;
    let mut h = vec!["Provincia y unidades"];
    h.extend(RESUMEN_HEADERS);
    row = tables::header_row(ws, st, row, &h, &w)?;
    ws.write_string_with_format(
        row,
        0,
        format!("Provincia de {}", p.nombre()),
        &st.text_bold,
    )?;
    tables::resumen_cells(ws, st, ctx.config, row, 1, r)?;
    row += 1;
    for &u in units {
        let nombre = &ctx.dataset.unidades[u].nombre;
        ws.write_string_with_format(row, 0, nombre, &st.text)?;
        tables::resumen_cells(ws, st, ctx.config, row, 1, &ctx.informe.por_unidad[u])?;
        ws.set_row_height(row, height(lines(nombre, w[0])))?;
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

fn indicadores(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &mut Styles,
    p: Provincia,
    units: &[usize],
) -> Result<(), XlsxError> {
    ws.set_name("Indicadores")?;
    let mut h = vec!["Objetivo"];
    h.extend(INDICADOR_HEADERS);
    let mut w = vec![34.0];
    w.extend(INDICADOR_WIDTHS);
    tables::widths(ws, &w)?;
    let mut row = tables::header_row(ws, st, 0, &h, &w)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(
        ws,
        0,
        &format!("{} — {}", ctx.config.institucion.siglas, p.nombre()),
    )?;
    let cols = h.len() as u16;
    for &u in units {
        let unidad = &ctx.dataset.unidades[u];
        let r = &ctx.informe.por_unidad[u];
        let cabecera = match r.promedio {
            Some(pr) => format!("{} — cumplimiento {}", unidad.nombre, format::pct(pr)),
            None => unidad.nombre.clone(),
        };
        ws.merge_range(row, 0, row, cols - 1, &cabecera, &st.section)?;
        ws.set_row_height(row, height(1) + 3.0)?;
        row += 1;
        let filas: Vec<&crate::render::view::FilaIndicador> = ctx.filas_de(u).collect();
        let mut objetivos: Vec<&str> = Vec::new();
        for f in &filas {
            if !objetivos.contains(&f.objetivo.as_str()) {
                objetivos.push(&f.objetivo);
            }
        }
        for obj in objetivos {
            let grupo: Vec<_> = filas.iter().filter(|f| f.objetivo == obj).collect();
            let first = row;
            let mut need = Vec::with_capacity(grupo.len());
            for f in &grupo {
                need.push(tables::indicador_cells(
                    ws,
                    st,
                    ctx.dataset,
                    (row, 1),
                    &INDICADOR_WIDTHS,
                    f,
                )?);
                row += 1;
            }
            if grupo.len() > 1 {
                ws.merge_range(first, 0, row - 1, 0, obj, &st.text)?;
            } else {
                ws.write_string_with_format(first, 0, obj, &st.text)?;
            }
            let n = need.len();
            fit_merged(&mut need, 0, n - 1, lines(obj, w[0]));
            for (k, l) in need.iter().enumerate() {
                ws.set_row_height(first + k as u32, height(*l))?;
            }
        }
    }
    Ok(())
}

fn tendencia(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &Styles,
    j: usize,
) -> Result<(), XlsxError> {
    let (p, _) = ctx.informe.por_provincia[j];
    ws.set_name("Tendencia")?;
    tables::widths(ws, &[14.0, 16.0, 16.0])?;
    print_setup(
        ws,
        0,
        &format!("{} — {}", ctx.config.institucion.siglas, p.nombre()),
    )?;
    let mut row = tables::header_row(
        ws,
        st,
        0,
        &["Mes", p.nombre(), "Institución"],
        &[14.0, 16.0, 16.0],
    )?;
    let serie = &ctx.informe.tendencia_provincia[j];
    for (m, (prov, inst)) in serie.iter().zip(&ctx.informe.tendencia).enumerate() {
        ws.write_string_with_format(row, 0, MESES[m], &st.text)?;
        for (c, v) in [(1u16, prov), (2, inst)] {
            match v {
                Some(v) => ws.write_number_with_format(row, c, cell_pct(*v), &st.pct)?,
                None => ws.write_string_with_format(row, c, "", &st.text)?,
            };
        }
        row += 1;
    }
    let last = row - 1;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(p.nombre())
        .set_categories(("Tendencia", 1, 0, last, 0))
        .set_values(("Tendencia", 1, 1, last, 1));
    let mut line = Chart::new(ChartType::Line);
    line.add_series()
        .set_name("Institución")
        .set_categories(("Tendencia", 1, 0, last, 0))
        .set_values(("Tendencia", 1, 2, last, 2));
    chart.combine(&line);
    chart.title().set_name(&format!(
        "Cumplimiento mensual {} — {}",
        ctx.informe.periodo.anio,
        p.nombre()
    ));
    chart
        .y_axis()
        .set_num_format("0%")
        .set_min(0.0)
        .set_max(1.0);
    chart.set_width(640).set_height(320);
    ws.insert_chart(1, 4, &chart)?;
    Ok(())
}

fn presupuesto(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &Styles,
    p: Provincia,
    units: &[usize],
) -> Result<(), XlsxError> {
    ws.set_name("Presupuesto")?;
    let mut h = vec!["Unidad"];
    h.extend(PRESUPUESTO_HEADERS);
    let mut w = vec![44.0];
    w.extend(PRESUPUESTO_WIDTHS);
    tables::widths(ws, &w)?;
    let mut row = titulo(
        ws,
        ctx,
        st,
        &format!("Ejecución presupuestaria de la provincia de {}", p.nombre()),
        h.len() as u16,
    )?;
    print_setup(
        ws,
        1,
        &format!("{} — {}", ctx.config.institucion.siglas, p.nombre()),
    )?;
    row = tables::header_row(ws, st, row, &h, &w)?;
    let pres = &ctx.informe.presupuesto;
    for &u in units {
        if let Some(f) = &pres.por_unidad[u] {
            ws.write_string_with_format(row, 0, &ctx.dataset.unidades[u].nombre, &st.text)?;
            tables::presupuesto_cells(ws, st, row, 1, f)?;
            row += 1;
        }
    }
    match pres.por_provincia.iter().find(|(q, _)| *q == p) {
        Some((_, f)) => {
            ws.write_string_with_format(row, 0, format!("Total {}", p.nombre()), &st.text_bold)?;
            tables::presupuesto_cells(ws, st, row, 1, f)?;
        }
        None => {
            ws.write_string_with_format(
                row,
                0,
                "Sin datos de presupuesto para la provincia",
                &st.plain,
            )?;
        }
    }
    Ok(())
}
