//! Starter inputs: a documented `lotaip.toml`, the workbooks of the data
//! (header rows that are exactly the columns of the data contract, a note on
//! each, drop-down lists, an example row) and the accountability answers.

mod datos;
mod formulario;
mod notas;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use crate::error::Error;
use crate::input::header::Schema;
use crate::input::{metas, presupuesto, resultados};

/// The documented configuration written by `lotaip iniciar`.
pub const CONFIG: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/lotaip.toml"));

/// Writes the starter files into `dir`; files that already exist are left
/// alone and reported. `formulario` lays `rendicion.xlsx` out as the CPCCS
/// form itself instead of one sheet per section key. Returns (written, skipped).
pub fn write(dir: &Path, formulario: bool) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::output(dir, e))?;
    let mut written = Vec::new();
    let mut skipped = Vec::new();
    let config = dir.join(crate::config::ARCHIVO);
    if config.exists() {
        skipped.push(config);
    } else {
        std::fs::write(&config, CONFIG).map_err(|e| Error::output(&config, e))?;
        written.push(config);
    }
    // Long-layout results: the wide month columns are accepted too, not written.
    let resultados_cols: Vec<&str> = resultados::SCHEMA
        .columns
        .iter()
        .map(|c| c.key)
        .take_while(|k| *k != "ene")
        .collect();
    let books: [(&Schema<'static>, Vec<&str>); 3] = [
        (
            &metas::SCHEMA,
            metas::SCHEMA.columns.iter().map(|c| c.key).collect(),
        ),
        (&resultados::SCHEMA, resultados_cols),
        (
            &presupuesto::SCHEMA,
            presupuesto::SCHEMA.columns.iter().map(|c| c.key).collect(),
        ),
    ];
    let path = dir.join("rendicion.xlsx");
    if path.exists() {
        skipped.push(path);
    } else {
        let book = if formulario {
            formulario::workbook()
        } else {
            rendicion_workbook()
        };
        let bytes = book.map_err(crate::render::xlsx::xerr(&path.display().to_string()))?;
        std::fs::write(&path, bytes).map_err(|e| Error::output(&path, e))?;
        written.push(path);
    }
    for (schema, columns) in books {
        let path = dir.join(format!("{}.xlsx", schema.kind));
        if path.exists() {
            skipped.push(path);
            continue;
        }
        let bytes = datos::workbook(schema.kind, &columns)
            .map_err(crate::render::xlsx::xerr(&path.display().to_string()))?;
        std::fs::write(&path, bytes).map_err(|e| Error::output(&path, e))?;
        written.push(path);
    }
    Ok((written, skipped))
}

/// The answers of the accountability report: one sheet per answered section
/// of the form, its columns after `entidad` (blank = the institution), and
/// the rows the form always prints already labelled.
fn rendicion_workbook() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::model::formulario::{GESTION_METAS, SECCIONES, Tipo};
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1)?);
    wb.set_properties(&props);
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    for s in SECCIONES {
        let ws = wb.add_worksheet();
        ws.set_name(s.clave)?;
        ws.write_string_with_format(0, 0, "entidad", &bold)?;
        ws.set_column_width(0, 16)?;
        for (i, col) in s.columnas.iter().enumerate() {
            let c = i as u16 + 1;
            ws.write_string_with_format(0, c, col.clave, &bold)?;
            let width = match col.tipo {
                Tipo::Etiqueta | Tipo::Texto | Tipo::Enlace => 40.0,
                _ => 14.0,
            };
            ws.set_column_width(c, width)?;
        }
        for (r, fixed) in s.filas_fijas.iter().enumerate() {
            let mut labels = fixed.iter();
            for (i, col) in s.columnas.iter().enumerate() {
                if col.tipo == Tipo::Etiqueta
                    && let Some(l) = labels.next()
                {
                    ws.write_string_with_format(r as u32 + 1, i as u16 + 1, *l, &wrap)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(GESTION_METAS)?;
    for (c, h) in ["entidad", "codigo", "indicador", "descripcion"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, if c == 3 { 80.0 } else { 30.0 })?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_config_is_complete_but_asks_for_the_institution() {
        let e = crate::config::Config::parse(CONFIG, "lotaip.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("nombre") && e.contains("siglas"), "{e}");
        let filled = CONFIG
            .replacen("nombre = \"\"", "nombre = \"X\"", 1)
            .replacen("siglas = \"\"", "siglas = \"X\"", 1);
        crate::config::Config::parse(&filled, "lotaip.toml").unwrap();
        // The signature section, once uncommented, is a valid one.
        let firma: String = filled
            .lines()
            .skip_while(|l| !l.starts_with("# [firma]"))
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .filter(|l| l.starts_with('[') || (l.contains(" = ") && !l.contains("clave_archivo")))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(firma.starts_with("[firma]"), "{firma}");
        let c = crate::config::Config::parse(&format!("{filled}\n{firma}"), "lotaip.toml").unwrap();
        let f = c.firma.expect("[firma]");
        assert_eq!(
            f.clave,
            crate::config::Clave::Variable("LOTAIP_CLAVE_FIRMA".into())
        );
    }

    #[test]
    fn starter_workbooks_have_the_contract_headers_and_are_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let (written, skipped) = write(dir.path(), false).unwrap();
        assert_eq!(written.len(), 5);
        assert!(skipped.is_empty());
        let sheets =
            crate::input::table::read(&dir.path().join("metas.xlsx"), "metas.xlsx").unwrap();
        let header = crate::input::header::locate(&sheets[0], &metas::SCHEMA)
            .unwrap()
            .unwrap();
        for c in metas::SCHEMA.columns {
            assert!(header.has(c.key), "{}", c.key);
        }
        let (written, skipped) = write(dir.path(), false).unwrap();
        assert!(written.is_empty());
        assert_eq!(skipped.len(), 5);
    }
}
