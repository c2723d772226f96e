//! The starter `metas`, `resultados` and `presupuesto` workbooks: the
//! contract's header row with a note on each column, drop-down lists for the
//! columns with a closed vocabulary, and an example row marked «EJEMPLO —»
//! that the readers skip (see `input::ejemplo`).

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, Note, Workbook,
    XlsxError,
};

use super::notas::nota;
use crate::input::ejemplo::MARCA;
use crate::model::{
    Agregacion, Comportamiento, Medida, Periodicidad, Proceso, Provincia, Sentido, TipoGasto,
};
use crate::render::xlsx::cell_number;

/// Rows 2 to this one carry the drop-down lists.
pub(crate) const FILAS_VALIDADAS: u32 = 20_000;

/// A value of the example row.
#[derive(Clone, Copy)]
enum Valor {
    Texto(&'static str),
    Numero(Decimal),
    /// A fraction under a percent format (0,25 is 25 %).
    Porcentaje(Decimal),
    Dolares(Decimal),
}

/// The example row of a kind of file, by column: one plausible quarterly
/// indicator of a provincial directorate, its March result and budget.
fn ejemplo(kind: &str, key: &str) -> Option<Valor> {
    use Valor::*;
    Some(match (kind, key) {
        (_, "unidad") => Texto(UNIDAD),
        ("metas", "proceso") => Texto(Proceso::Desconcentrado.nombre()),
        ("metas", "provincia") => Texto("Azuay"),
        ("metas", "zona") => Numero(Decimal::from(6)),
        ("metas", "objetivo") => Texto(
            "Incrementar la eficiencia en la ejecución del presupuesto de la dirección provincial",
        ),
        ("metas" | "resultados", "codigo") => Texto("IE-DNF-DP-01"),
        ("metas" | "resultados", "indicador") => Texto("Porcentaje de ejecución presupuestaria"),
        ("metas", "medida") => Texto(Medida::Porcentaje.nombre()),
        ("metas", "sentido") => Texto(Sentido::Creciente.nombre()),
        ("metas", "comportamiento") => Texto(Comportamiento::Continuo.nombre()),
        ("metas", "periodicidad") => Texto(Periodicidad::Trimestral.nombre()),
        ("metas", "mar") => Porcentaje(Decimal::new(25, 2)),
        ("metas", "jun") => Porcentaje(Decimal::new(50, 2)),
        ("metas", "sep") => Porcentaje(Decimal::new(75, 2)),
        ("metas", "dic") => Porcentaje(Decimal::ONE),
        ("metas", "agregacion_anual") => Texto(Agregacion::Ultimo.nombre()),
        ("metas", "meta_anual") => Porcentaje(Decimal::ONE),
        ("resultados" | "presupuesto", "periodo") => Texto("marzo"),
        ("resultados", "valor") => Porcentaje(Decimal::new(23, 2)),
        ("resultados", "observacion") => Texto("Cifra del informe de ejecución de marzo"),
        ("resultados", "medio_verificacion") => {
            Texto("https://www.institucion.gob.ec/transparencia/ejecucion-2025-03.pdf")
        }
        ("presupuesto", "tipo") => Texto(TipoGasto::Corriente.nombre()),
        ("presupuesto", "codificado") => Dolares(Decimal::new(156_464_435, 2)),
        ("presupuesto", "devengado") => Dolares(Decimal::new(39_116_109, 2)),
        _ => return None,
    })
}

/// The example row's unit: the mark, then a unit as the plans name them.
const UNIDAD: &str = "EJEMPLO — Dirección Provincial Azuay";

/// The drop-down list of a column, with the message shown for a value not in it.
fn lista(key: &str) -> Option<(Vec<&'static str>, String)> {
    fn nombres<T: Copy>(all: &[T], nombre: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| nombre(*v)).collect()
    }
    Some(match key {
        "proceso" => (
            nombres(Proceso::ALL, Proceso::nombre),
            format!(
                "Se esperaba {}. lotaip reconoce también los títulos de sección publicados (p. ej. PROCESOS DESCENTRALIZADOS).",
                Proceso::valores()
            ),
        ),
        "provincia" => (
            Provincia::todas().map(Provincia::nombre).collect(),
            "Elija una de las 24 provincias de la lista. lotaip reconoce también el nombre sin tildes o en mayúsculas (Los Rios, LOS RÍOS) y formas cortas como Santo Domingo.".to_string(),
        ),
        "medida" => (
            nombres(Medida::ALL, Medida::nombre),
            format!("Se esperaba {}.", Medida::valores()),
        ),
        "sentido" => (
            nombres(Sentido::ALL, Sentido::nombre),
            format!("Se esperaba {}.", Sentido::valores()),
        ),
        "comportamiento" => (
            nombres(Comportamiento::ALL, Comportamiento::nombre),
            format!(
                "Se esperaba {} (lotaip reconoce también «acumulado» y «por período»).",
                Comportamiento::valores()
            ),
        ),
        "periodicidad" => (
            nombres(Periodicidad::ALL, Periodicidad::nombre),
            format!("Se esperaba {}.", Periodicidad::valores()),
        ),
        "agregacion_anual" => (
            nombres(Agregacion::ALL, Agregacion::nombre),
            format!("Se esperaba {}.", Agregacion::valores()),
        ),
        "tipo" => (
            nombres(TipoGasto::ALL, TipoGasto::nombre),
            format!("Se esperaba {}.", TipoGasto::valores()),
        ),
        _ => return None,
    })
}

/// Width of a column: its header, its example, within 10 to 40 characters.
fn width(key: &str, example: Option<Valor>) -> f64 {
    let shown = match example {
        Some(Valor::Texto(t)) => t.chars().count(),
        Some(Valor::Dolares(_)) => 16,
        _ => 0,
    };
    (key.chars().count().max(shown) as f64 + 2.0).clamp(10.0, 40.0)
}

/// A starter data workbook: one sheet named `kind` with `columns`.
pub(super) fn workbook(kind: &str, columns: &[&str]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1)?);
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    ws.set_name(kind)?;
    ws.set_default_note_author("lotaip");
    let bold = Format::new().set_bold();
    let grey = Color::RGB(0x595959);
    let example = Format::new().set_italic().set_font_color(grey);
    let wrapped = example.clone().set_text_wrap();
    let pct = example.clone().set_num_format("0%");
    let usd = example.clone().set_num_format("\"$ \"#,##0.00");
    for (c, key) in columns.iter().enumerate() {
        let c = c as u16;
        let value = ejemplo(kind, key);
        ws.write_string_with_format(0, c, *key, &bold)?;
        let w = width(key, value);
        ws.set_column_width(c, w)?;
        if let Some(text) = nota(kind, key) {
            ws.insert_note(0, c, &note(&text))?;
        }
        match value {
            Some(Valor::Texto(t)) if t.chars().count() as f64 > w => {
                ws.write_string_with_format(1, c, t, &wrapped)?
            }
            Some(Valor::Texto(t)) => ws.write_string_with_format(1, c, t, &example)?,
            Some(Valor::Numero(d)) => {
                ws.write_number_with_format(1, c, cell_number(d), &example)?
            }
            Some(Valor::Porcentaje(d)) => {
                ws.write_number_with_format(1, c, cell_number(d), &pct)?
            }
            Some(Valor::Dolares(d)) => ws.write_number_with_format(1, c, cell_number(d), &usd)?,
            None => ws,
        };
        if let Some((values, message)) = lista(key) {
            let v = DataValidation::new()
                .allow_list_strings(&values)?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("Valor no reconocido")?
                .set_error_message(message)?;
            ws.add_data_validation(1, c, FILAS_VALIDADAS - 1, c, &v)?;
        }
    }
    ws.insert_note(
        1,
        0,
        &note(&format!(
            "Fila de ejemplo: muestra cómo se llena cada columna. lotaip no la lee porque la unidad empieza por «{MARCA}», y la lista como aviso mientras esté aquí. Escriba sus datos en las filas siguientes (o encima de esta, cambiando la unidad) y bórrela al terminar."
        )),
    )?;
    ws.set_row_height(1, 30.0)?;
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}

/// A note sized to its text (Tahoma 8: about 55 characters a line in 340 pixels).
fn note(text: &str) -> Note {
    let lines = text.chars().count() / 50 + 1;
    Note::new(text)
        .add_author_prefix(false)
        .set_width(340)
        .set_height(14 * lines as u32 + 12)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ejemplo::es_ejemplo;

    #[test]
    fn the_lists_fit_excel_and_the_example_is_marked() {
        for key in [
            "proceso",
            "provincia",
            "medida",
            "sentido",
            "comportamiento",
            "periodicidad",
            "agregacion_anual",
            "tipo",
        ] {
            let (values, message) = lista(key).unwrap_or_default();
            assert!(!values.is_empty(), "{key}");
            // Excel's limits: 255 characters for the list and for the message.
            assert!(values.join(",").chars().count() <= 255, "{key}");
            assert!(message.chars().count() <= 255, "{key}: {message}");
        }
        let (provincias, _) = lista("provincia").unwrap_or_default();
        assert_eq!(provincias.len(), 24);
        assert!(provincias.contains(&"Santo Domingo de los Tsáchilas"));
        assert!(UNIDAD.starts_with(MARCA));
        for kind in ["metas", "resultados", "presupuesto"] {
            match ejemplo(kind, "unidad") {
                Some(Valor::Texto(t)) => assert!(es_ejemplo(t), "{t}"),
                _ => panic!("{kind} has no example unit"),
            }
        }
    }
}
