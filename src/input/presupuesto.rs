//! The `presupuesto` file (SPEC 1.3): one row per unit × period × kind.

use std::collections::HashMap;

use super::ejemplo;
use super::fields::Fields;
use super::header::{Schema, col, sheets_with_header};
use super::metas::Metas;
use super::resultados::Index;
use super::sheet::Sheet;
use crate::error::{Error, Problems, Warning};
use crate::model::{LineaPresupuesto, MESES, TipoGasto};

/// Columns of `presupuesto`.
pub(crate) const SCHEMA: Schema<'static> = Schema {
    kind: "presupuesto",
    columns: &[
        col(
            "unidad",
            &["unidad administrativa", "descripción de la unidad"],
            true,
        ),
        col("periodo", &["mes", "fecha"], true),
        col("tipo", &["tipo de gasto"], true),
        col(
            "codificado",
            &["presupuesto codificado", "asignado", "planificado"],
            true,
        ),
        col("devengado", &["presupuesto devengado", "ejecutado"], true),
    ],
};

/// Reads every `presupuesto` sheet; units must exist in `metas`. With
/// `matched` false (the plan or the configuration could not be read), rows
/// are only checked on their own.
pub(crate) fn read(
    sheets: &[Sheet],
    metas: &mut Metas,
    year: Option<i32>,
    matched: bool,
) -> Result<Vec<LineaPresupuesto>, Error> {
    let index = Index::new(metas);
    let mut problems = Problems::default();
    let mut lines = Vec::new();
    let mut seen: HashMap<(usize, u8, TipoGasto), usize> = HashMap::new();
    let located = sheets_with_header(
        sheets,
        &SCHEMA,
        "unidad, periodo, tipo, codificado, devengado",
        &mut problems,
        &mut metas.avisos,
    );
    for (sheet, header) in located {
        for row in &sheet.rows[header.row_index + 1..] {
            if let Some(w) = ejemplo::skipped(sheet, &header, row) {
                metas.avisos.push(w);
                continue;
            }
            let mut f = Fields::new(sheet, &header, row, &mut problems);
            let unidad = f.required_text("unidad", "el nombre de la unidad");
            let mes = f.period("periodo", year);
            let tipo = f.vocab("tipo", TipoGasto::parse, TipoGasto::valores);
            if tipo.is_none() && !f.failed {
                f.problem(
                    "tipo",
                    format!(
                        "falta el tipo de gasto; se esperaba {}",
                        TipoGasto::valores()
                    ),
                );
            }
            let codificado = f.plain_number("codificado");
            let devengado = f.plain_number("devengado");
            for (key, v) in [("codificado", codificado), ("devengado", devengado)] {
                match v {
                    None if !f.failed => f.problem(key, format!("falta el valor {key} (USD)")),
                    Some(v) if v.is_sign_negative() && !v.is_zero() => f.problem(
                        key,
                        format!(
                            "se esperaba un monto en USD no negativo; se encontró {}",
                            crate::format::usd(v)
                        ),
                    ),
                    _ => {}
                }
            }
            let unit = unidad
                .filter(|_| matched)
                .and_then(|u| match index.unit(metas, &u) {
                    Ok(i) => Some(i),
                    Err(m) => {
                        f.problem("unidad", m);
                        None
                    }
                });
            if f.failed {
                continue;
            }
            let (Some(unidad), Some(mes), Some(tipo), Some(codificado), Some(devengado)) =
                (unit, mes, tipo, codificado, devengado)
            else {
                continue;
            };
            if let Some(first) = seen.insert((unidad, mes, tipo), row.number) {
                f.problem(
                    "tipo",
                    format!(
                        "presupuesto repetido: {} de {} ya está en la fila {first}",
                        tipo.nombre(),
                        MESES[mes as usize - 1]
                    ),
                );
                continue;
            }
            if devengado > codificado {
                metas.avisos.push(Warning::new(
                    "devengado mayor al codificado",
                    f.loc("devengado"),
                    format!(
                        "el devengado supera al codificado en {}",
                        crate::format::usd(devengado - codificado)
                    ),
                ));
            }
            lines.push(LineaPresupuesto {
                unidad,
                mes,
                tipo,
                codificado,
                devengado,
                origen: f.row_loc(),
            });
        }
    }

    problems.into_result(lines)
}
