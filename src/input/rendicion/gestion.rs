//! The optional sheet that describes the management of each computed meta.

use super::*;
use crate::input::header::col;

/// The columns of the template's `gestion_metas` sheet.
const COLS: &[Column] = &[
    col("entidad", &[], false),
    col("codigo", &["código"], false),
    col("indicador", &[], false),
    col("descripcion", &["descripción de la gestión por meta"], true),
];

/// The columns of the form's «CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA»: the
/// meta is found by its indicator (and code, when given); the figures are
/// the form's copy of what lotaip computes from metas and resultados, and
/// are not read. The form's «DESCRIPCIÓN» (of the meta) is `meta_descripcion`
/// and the management's is `gestion`, so that neither is taken for the other.
const COLS_FORMULARIO: &[Column] = &[
    col("entidad", &[], false),
    col(
        "objetivo",
        &["objetivos estrategicos/competencias exclusivas"],
        false,
    ),
    col("numero_meta", &["no. de meta"], false),
    col("meta_descripcion", &["descripción"], false),
    col("codigo", &["código"], false),
    col("indicador", &["indicador de la meta"], true),
    col("planificado", &["totales planificados"], false),
    col("cumplido", &["totales cumplidos"], false),
    col("cumplimiento", &["% cumplimiento de la gestión"], false),
    col("gestion", &["descripción de la gestión por meta"], true),
];

/// The `gestion_metas` sheet, or the programmatic section of a copy of the
/// form (`form`): the description of the management of each computed meta.
pub(super) fn gestion(
    sheet: &Sheet,
    form: bool,
    ctx: &Lectura,
    out: &mut Respuestas,
    problems: &mut Problems,
) {
    let (columns, texto) = if form {
        (COLS_FORMULARIO, "gestion")
    } else {
        (COLS, "descripcion")
    };
    let schema = Schema {
        kind: GESTION_METAS,
        columns,
    };
    let sheet = &super::formulario::preparar(sheet, columns, 2, form.then_some(Forma::Tabla));
    let header = match locate_with(sheet, &schema, 2) {
        Ok(Some(h)) => h,
        Ok(None) => return problems.push(sheet.whole(), "no se encontró el encabezado de gestion_metas (entidad, codigo, indicador, descripcion)"),
        Err(ps) => return problems.extend(ps),
    };
    let ds = ctx.ds;
    for row in &sheet.rows[header.row_index + 1..] {
        let mut f = Fields::new(sheet, &header, row, problems);
        // A meta of the form without a description leaves the default one.
        if form && f.cell(texto).is_blank() {
            continue;
        }
        let Some(e) = entidad(&mut f, ctx) else {
            continue;
        };
        let code = f.text("codigo").map(|c| fold_key(&c));
        let name = f.text("indicador");
        let Some(texto) = f.required_text(texto, "la descripción de la gestión") else {
            continue;
        };
        let units = ds.unidades_programaticas(e, ctx.institucion);
        let found: Vec<usize> = (0..ds.indicadores.len())
            .filter(|i| units.contains(&ds.indicadores[*i].unidad))
            .filter(|i| {
                code.as_ref().is_none_or(|c| {
                    fold_key(ds.indicadores[*i].codigo.as_deref().unwrap_or("")) == *c
                })
            })
            .filter(|i| {
                name.as_ref()
                    .is_none_or(|n| fold_key(&ds.indicadores[*i].nombre) == fold_key(n))
            })
            .collect();
        match (code.is_none() && name.is_none(), found.as_slice()) {
            (true, _) => f.problem("codigo", "falta el código o el nombre del indicador"),
            (false, [i]) => out.gestion.push(GestionMeta {
                entidad: e,
                indicador: *i,
                texto,
            }),
            (false, []) => f.problem(
                "indicador",
                "el indicador no es una meta de la ejecución programática de esa entidad",
            ),
            (false, _) => f.problem(
                "indicador",
                "hay varios indicadores con ese código; escriba también el nombre",
            ),
        }
    }
}
