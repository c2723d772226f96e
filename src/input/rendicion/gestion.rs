//! The optional sheet that describes the management of each computed meta.

use super::*;

/// The optional sheet with the description of the management per meta.
pub(super) fn gestion(
    sheet: &Sheet,
    config: &Config,
    ds: &Dataset,
    entidades: &[Entidad],
    institucion: &[usize],
    out: &mut Respuestas,
    problems: &mut Problems,
) {
    const COLS: &[Column] = &[
        Column {
            key: "entidad",
            aliases: &[],
            required: false,
        },
        Column {
            key: "codigo",
            aliases: &["código"],
            required: false,
        },
        Column {
            key: "indicador",
            aliases: &[],
            required: false,
        },
        Column {
            key: "descripcion",
            aliases: &["descripción de la gestión por meta"],
            required: true,
        },
    ];
    let schema = Schema {
        kind: GESTION_METAS,
        columns: COLS,
    };
    let header = match locate(sheet, &schema) {
        Ok(Some(h)) => h,
        Ok(None) => return problems.push(sheet.whole(), "no se encontró el encabezado de gestion_metas (entidad, codigo, indicador, descripcion)"),
        Err(ps) => return problems.extend(ps),
    };
    for row in &sheet.rows[header.row_index + 1..] {
        let mut f = Fields::new(sheet, &header, row, problems);
        let Some(e) = entidad(&mut f, config, ds, entidades) else {
            continue;
        };
        let code = f.text("codigo").map(|c| fold_key(&c));
        let name = f.text("indicador");
        let Some(texto) = f.required_text("descripcion", "la descripción de la gestión") else {
            continue;
        };
        let units = ds.unidades_programaticas(e, institucion);
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
