//! `rendicion.xlsx` in the CPCCS form's own layout (`lotaip iniciar
//! --formulario`): one sheet per section, each with the form's title row, its
//! column titles (two rows where the form groups columns) and the rows the
//! form always prints, as seed 004 shows the form. The reader takes it back
//! like the template of one sheet per section key.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::model::formulario::{
    ANTES_DE_CALCULADAS, ENLACE_PRESUPUESTO, Forma, SECCIONES, Seccion, TITULO_INSTITUCIONAL,
    TITULO_PROGRAMATICA, Tipo,
};

/// A column of a sheet: the form's upper title when it groups columns, and its own.
type Titulo = (Option<&'static str>, &'static str);

/// The programmatic section's columns, as the form titles them.
const PROGRAMATICA: &[Titulo] = &[
    (None, "OBJETIVOS ESTRATEGICOS/COMPETENCIAS EXCLUSIVAS"),
    (Some("META POA"), "NO. DE META"),
    (Some("META POA"), "DESCRIPCIÓN"),
    (None, "INDICADOR DE LA META"),
    (Some("RESULTADOS"), "TOTALES PLANIFICADOS"),
    (Some("RESULTADOS"), "TOTALES CUMPLIDOS"),
    (None, "% CUMPLIMIENTO DE LA GESTIÓN"),
    (None, "DESCRIPCIÓN DE LA GESTIÓN POR META"),
];

/// The institutional budget's columns (all computed from `presupuesto`).
const INSTITUCIONAL: &[Titulo] = &[
    (None, "TOTAL DE PRESUPUESTO INSTITUCIONAL CODIFICADO"),
    (None, "GASTO CORRIENTE PLANIFICADO"),
    (None, "GASTO CORRIENTE EJECUTADO"),
    (None, "GASTO DE INVERSIÓN PLANIFICADO"),
    (None, "GASTO DE INVERSIÓN EJECUTADO"),
    (None, "% EJECUCIÓN PRESUPUESTARIA"),
];

/// Formats of the sheets.
struct Estilos {
    titulo: Format,
    encabezado: Format,
    texto: Format,
}

/// The workbook, sections in the form's order (the computed ones after
/// `planificacion`, as the form prints them).
pub(super) fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1)?);
    wb.set_properties(&props);
    let st = Estilos {
        titulo: Format::new().set_bold(),
        encabezado: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Center)
            .set_border(rust_xlsxwriter::FormatBorder::Thin),
        texto: Format::new().set_text_wrap(),
    };
    for s in SECCIONES.iter().filter(|s| s.clave != ENLACE_PRESUPUESTO) {
        seccion(wb.add_worksheet(), &st, s)?;
        if s.clave == ANTES_DE_CALCULADAS {
            let ws = wb.add_worksheet();
            ws.set_name("EJECUCIÓN PROGRAMÁTICA")?;
            tabla(ws, &st, TITULO_PROGRAMATICA, PROGRAMATICA, &[])?;
            if let Some(p) = Seccion::por_clave(ENLACE_PRESUPUESTO) {
                let ws = wb.add_worksheet();
                ws.set_name("EJECUCIÓN PRESUPUESTARIA")?;
                let cols: Vec<Titulo> = p.columnas.iter().map(|c| (c.grupo, c.titulo)).collect();
                tabla(ws, &st, p.titulo, &cols, &[])?;
            }
            let ws = wb.add_worksheet();
            ws.set_name(TITULO_INSTITUCIONAL)?;
            tabla(ws, &st, TITULO_INSTITUCIONAL, INSTITUCIONAL, &[])?;
        }
    }
    wb.save_to_buffer()
}

/// The sheet name of a section: its title without the signs a sheet name
/// cannot hold (`PLANIFICACIÓN: Se refiere…`), cut to 31 characters.
fn hoja(s: &Seccion) -> String {
    s.titulo
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect::<String>()
        .trim()
        .to_string()
}

fn seccion(ws: &mut Worksheet, st: &Estilos, s: &Seccion) -> Result<(), XlsxError> {
    ws.set_name(hoja(s))?;
    if s.forma == Forma::Ficha {
        // Label / value rows; a one-answer section's title is its label.
        let first = if s.columnas.len() == 1 {
            0
        } else {
            ws.write_string_with_format(0, 0, format!("{}:", s.titulo), &st.titulo)?;
            2
        };
        ws.set_column_width(0, 60)?;
        ws.set_column_width(1, 60)?;
        for (i, c) in s.columnas.iter().enumerate() {
            ws.write_string_with_format(first + i as u32, 0, format!("{}:", c.titulo), &st.titulo)?;
        }
        return Ok(());
    }
    let cols: Vec<Titulo> = s.columnas.iter().map(|c| (c.grupo, c.titulo)).collect();
    let labels: Vec<usize> = s
        .columnas
        .iter()
        .enumerate()
        .filter(|(_, c)| c.tipo == Tipo::Etiqueta)
        .map(|(i, _)| i)
        .collect();
    let fijas: Vec<Vec<(usize, &str)>> = s
        .filas_fijas
        .iter()
        .map(|f| labels.iter().copied().zip(f.iter().copied()).collect())
        .collect();
    tabla(ws, st, s.titulo, &cols, &fijas)
}

/// A title row, the header (two rows when columns are grouped) and the
/// fixed rows' labels (column, text).
fn tabla(
    ws: &mut Worksheet,
    st: &Estilos,
    titulo: &str,
    cols: &[Titulo],
    fijas: &[Vec<(usize, &str)>],
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, format!("{titulo}:"), &st.titulo)?;
    let grouped = cols.iter().any(|c| c.0.is_some());
    let top = 2u32;
    let mut i = 0;
    while i < cols.len() {
        let c = i as u16;
        ws.set_column_width(c, 24)?;
        match cols[i].0 {
            Some(g) => {
                let n = cols[i..].iter().take_while(|x| x.0 == Some(g)).count();
                let last = c + n as u16 - 1;
                if n > 1 {
                    ws.merge_range(top, c, top, last, g, &st.encabezado)?;
                } else {
                    ws.write_string_with_format(top, c, g, &st.encabezado)?;
                }
                for (k, sub) in cols[i..i + n].iter().enumerate() {
                    ws.set_column_width(c + k as u16, 24)?;
                    ws.write_string_with_format(top + 1, c + k as u16, sub.1, &st.encabezado)?;
                }
                i += n;
            }
            None => {
                if grouped {
                    ws.merge_range(top, c, top + 1, c, cols[i].1, &st.encabezado)?;
                } else {
                    ws.write_string_with_format(top, c, cols[i].1, &st.encabezado)?;
                }
                i += 1;
            }
        }
    }
    let first = top + if grouped { 2 } else { 1 };
    for (r, fila) in fijas.iter().enumerate() {
        for (c, text) in fila {
            ws.write_string_with_format(first + r as u32, *c as u16, *text, &st.texto)?;
        }
    }
    Ok(())
}
