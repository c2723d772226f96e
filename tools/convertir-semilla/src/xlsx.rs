//! Writes the three workbooks. Numbers are Decimals up to here; each becomes
//! an f64 only at the cell, read from its decimal text, so the cell holds
//! the same figure. A fixed creation date keeps the files byte-identical.

use crate::budget::BudgetRow;
use crate::period::MONTH_COLUMNS;
use crate::plan::Plan;
use crate::results::ResultRow;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;
use std::str::FromStr;

/// The f64 whose shortest text is the decimal's text.
pub fn cell_number(d: Decimal) -> f64 {
    f64::from_str(&d.normalize().to_string()).expect("a decimal is a valid f64 literal")
}

fn workbook(title: &str, comment: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2025, 12, 31)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author("convertir-semilla")
        .set_comment(comment)
        .set_creation_datetime(&date);
    wb.set_properties(&props);
    Ok(wb)
}

fn header(ws: &mut Worksheet, columns: &[(&str, f64)]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, (name, width)) in columns.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(0, col, *name, &bold)?;
        ws.set_column_width(col, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn text_or_blank(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: Option<&str>,
) -> Result<(), XlsxError> {
    match text {
        Some(t) if !t.is_empty() => ws.write_string(row, col, t).map(|_| ()),
        _ => Ok(()),
    }
}

pub fn write_metas(plan: &Plan, path: &Path) -> Result<usize, XlsxError> {
    let mut wb = workbook(
        "Metas 2025 del IESS",
        "Metas reales del POA 2025 del IESS, convertidas desde el volcado de texto.",
    )?;
    let ws = wb.add_worksheet();
    ws.set_name("metas")?;
    let mut columns: Vec<(&str, f64)> = vec![
        ("unidad", 48.0),
        ("proceso", 22.0),
        ("provincia", 18.0),
        ("zona", 6.0),
        ("objetivo", 60.0),
        ("codigo", 18.0),
        ("indicador", 60.0),
        ("medida", 11.0),
        ("sentido", 12.0),
        ("comportamiento", 15.0),
        ("periodicidad", 13.0),
    ];
    columns.extend(MONTH_COLUMNS.iter().map(|m| (*m, 12.0)));
    columns.extend([
        ("agregacion_anual", 17.0),
        ("meta_anual", 12.0),
        ("meta_cuantificable", 20.0),
    ]);
    header(ws, &columns)?;
    let mut row = 0u32;
    for pu in &plan.units {
        let u = &pu.unit;
        for ind in &pu.indicators {
            row += 1;
            ws.write_string(row, 0, &u.name)?;
            ws.write_string(row, 1, u.proceso)?;
            text_or_blank(ws, row, 2, u.provincia)?;
            if let Some(z) = u.zona {
                ws.write_number(row, 3, f64::from(z))?;
            }
            ws.write_string(row, 4, &ind.objective)?;
            ws.write_string(row, 5, &ind.code)?;
            ws.write_string(row, 6, &ind.name)?;
            ws.write_string(row, 7, ind.medida)?;
            ws.write_string(row, 8, ind.sentido)?;
            ws.write_string(row, 9, ind.behaviour.word())?;
            ws.write_string(row, 10, ind.periodicidad)?;
            for (m, target) in ind.targets.iter().enumerate() {
                if let Some(t) = target {
                    ws.write_number(row, 11 + m as u16, cell_number(*t))?;
                }
            }
        }
    }
    wb.save(path)?;
    Ok(row as usize)
}

pub fn write_resultados(rows: &[ResultRow], path: &Path) -> Result<usize, XlsxError> {
    let mut wb = workbook(
        "Resultados 2025 (datos de ejemplo)",
        "DATOS DE EJEMPLO generados de forma determinista: no son resultados reales del IESS.",
    )?;
    let ws = wb.add_worksheet();
    ws.set_name("resultados")?;
    header(
        ws,
        &[
            ("unidad", 48.0),
            ("codigo", 18.0),
            ("indicador", 60.0),
            ("periodo", 10.0),
            ("valor", 16.0),
            ("observacion", 60.0),
            ("medio_verificacion", 40.0),
        ],
    )?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &r.unit)?;
        ws.write_string(row, 1, &r.code)?;
        ws.write_string(row, 2, &r.name)?;
        ws.write_string(row, 3, format!("2025-{:02}", r.month))?;
        ws.write_number(row, 4, cell_number(r.value))?;
        text_or_blank(ws, row, 5, r.observacion)?;
        text_or_blank(ws, row, 6, r.medio.as_deref())?;
    }
    wb.save(path)?;
    Ok(rows.len())
}

pub fn write_presupuesto(rows: &[BudgetRow], path: &Path) -> Result<usize, XlsxError> {
    let mut wb = workbook(
        "Presupuesto 2025 (datos de ejemplo)",
        "DATOS DE EJEMPLO generados de forma determinista: no es el presupuesto real del IESS.",
    )?;
    let ws = wb.add_worksheet();
    ws.set_name("presupuesto")?;
    header(
        ws,
        &[
            ("unidad", 48.0),
            ("periodo", 10.0),
            ("tipo", 11.0),
            ("codificado", 18.0),
            ("devengado", 18.0),
        ],
    )?;
    let money = Format::new().set_num_format("#,##0.00");
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &r.unit)?;
        ws.write_string(row, 1, format!("2025-{:02}", r.month))?;
        ws.write_string(row, 2, r.tipo)?;
        ws.write_number_with_format(row, 3, cell_number(r.codificado), &money)?;
        ws.write_number_with_format(row, 4, cell_number(r.devengado), &money)?;
    }
    wb.save(path)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_equals_the_decimal() {
        for s in [
            "1054666507.88",
            "0.85",
            "1122659.499",
            "9345251927.35",
            "0.0001",
            "46",
        ] {
            let d = Decimal::from_str(s).unwrap();
            assert_eq!(cell_number(d).to_string(), s);
        }
    }
}
