//! The `resultados` file (SPEC 1.2): one row per unit × indicator × period,
//! or the wide layout with one column per month.

use std::collections::HashMap;

use super::ejemplo;
use super::fields::Fields;
use super::header::{Schema, col, sheets_with_header};
use super::metas::{Metas, Scale};
use super::number::RawNumber;
use super::sheet::Sheet;
use crate::error::{Error, Problems, Warning};
use crate::model::{MESES, MESES_CORTOS, Medida, Resultado};
use crate::text::{closest, fold_key, looks_like_url};

/// Columns of `resultados`.
pub(crate) const SCHEMA: Schema<'static> = Schema {
    kind: "resultados",
    columns: &[
        col(
            "unidad",
            &["unidad administrativa", "descripción de la unidad"],
            true,
        ),
        col("codigo", &["código del indicador", "cod"], false),
        col("indicador", &["nombre del indicador"], false),
        col("periodo", &["mes", "fecha", "período de reporte"], false),
        col(
            "valor",
            &["resultado", "real", "valor real", "logro", "ejecutado"],
            false,
        ),
        col("observacion", &["observaciones", "comentario"], false),
        col(
            "medio_verificacion",
            &["medio de verificación", "evidencia", "enlace", "link"],
            false,
        ),
        col("ene", &["enero"], false),
        col("feb", &["febrero"], false),
        col("mar", &["marzo"], false),
        col("abr", &["abril"], false),
        col("may", &["mayo"], false),
        col("jun", &["junio"], false),
        col("jul", &["julio"], false),
        col("ago", &["agosto"], false),
        col("sep", &["septiembre", "setiembre", "sept"], false),
        col("oct", &["octubre"], false),
        col("nov", &["noviembre"], false),
        col("dic", &["diciembre"], false),
    ],
};

/// Finds units and indicators by the names and codes people write.
pub(crate) struct Index {
    units: HashMap<String, usize>,
    by_unit: Vec<Vec<usize>>,
    /// Folded (code, name) of every indicator.
    keys: Vec<(String, String)>,
}

impl Index {
    pub(crate) fn new(metas: &Metas) -> Self {
        let units = metas
            .unidades
            .iter()
            .enumerate()
            .map(|(i, u)| (fold_key(&u.nombre), i))
            .collect();
        let mut by_unit = vec![Vec::new(); metas.unidades.len()];
        for (i, ind) in metas.indicadores.iter().enumerate() {
            by_unit[ind.unidad].push(i);
        }
        let keys = metas
            .indicadores
            .iter()
            .map(|i| {
                (
                    fold_key(i.codigo.as_deref().unwrap_or("")),
                    fold_key(&i.nombre),
                )
            })
            .collect();
        Index {
            units,
            by_unit,
            keys,
        }
    }

    /// The unit named, or a message that suggests the closest one.
    pub(crate) fn unit(&self, metas: &Metas, name: &str) -> Result<usize, String> {
        self.units.get(&fold_key(name)).copied().ok_or_else(|| {
            let hint = closest(name, metas.unidades.iter().map(|u| u.nombre.as_str()))
                .map(|s| format!("; ¿quiso decir «{s}»?"))
                .unwrap_or_default();
            format!("la unidad «{name}» no está en metas{hint}")
        })
    }

    /// The indicator of a unit named by code, name or both (SPEC 1.1: unit +
    /// code + name, or unit + code alone where that is unique). A second
    /// value is a warning when code and name disagree but one of them settles it.
    pub(crate) fn indicator(
        &self,
        metas: &Metas,
        unit: usize,
        code: Option<&str>,
        name: Option<&str>,
    ) -> Result<(usize, Option<String>), String> {
        let cands = &self.by_unit[unit];
        let unit_name = &metas.unidades[unit].nombre;
        let code_of = |i: usize| self.keys[i].0.as_str();
        let name_of = |i: usize| self.keys[i].1.as_str();
        let with_code = |c: &str| {
            let c = fold_key(c);
            cands
                .iter()
                .copied()
                .filter(|&i| code_of(i) == c)
                .collect::<Vec<_>>()
        };
        let with_name = |n: &str| {
            let n = fold_key(n);
            cands
                .iter()
                .copied()
                .filter(|&i| name_of(i) == n)
                .collect::<Vec<_>>()
        };
        let suggest = |n: &str| {
            closest(
                n,
                cands.iter().map(|&i| metas.indicadores[i].nombre.as_str()),
            )
            .map(|s| format!("; ¿quiso decir «{s}»?"))
            .unwrap_or_default()
        };
        match (code, name) {
            (None, None) => Err("falta el código o el nombre del indicador".into()),
            (Some(c), Some(n)) => {
                let n_key = fold_key(n);
                let both: Vec<usize> = with_code(c)
                    .into_iter()
                    .filter(|&i| name_of(i) == n_key)
                    .collect();
                if let [i] = both[..] {
                    return Ok((i, None));
                }
                match (&with_code(c)[..], &with_name(n)[..]) {
                    ([i], _) => Ok((
                        *i,
                        Some(format!(
                            "el nombre «{n}» no coincide con el de metas «{}»",
                            metas.indicadores[*i].nombre
                        )),
                    )),
                    ([], [i]) => Ok((
                        *i,
                        Some(format!(
                            "el código «{c}» no coincide con el de metas para «{n}»"
                        )),
                    )),
                    _ => Err(format!(
                        "no existe en metas el indicador «{c}» «{n}» de la unidad «{unit_name}»{}",
                        suggest(n)
                    )),
                }
            }
            (Some(c), None) => match &with_code(c)[..] {
                [i] => Ok((*i, None)),
                [] => Err(format!(
                    "no existe en metas el indicador con código «{c}» en la unidad «{unit_name}»{}",
                    closest(
                        c,
                        cands
                            .iter()
                            .filter_map(|&i| metas.indicadores[i].codigo.as_deref()),
                    )
                    .map(|s| format!("; ¿quiso decir «{s}»?"))
                    .unwrap_or_default()
                )),
                many => Err(format!(
                    "el código «{c}» corresponde a {} indicadores de la unidad «{unit_name}»; escriba también el nombre del indicador",
                    many.len()
                )),
            },
            (None, Some(n)) => match &with_name(n)[..] {
                [i] => Ok((*i, None)),
                [] => Err(format!(
                    "no existe en metas el indicador «{n}» en la unidad «{unit_name}»{}",
                    suggest(n)
                )),
                _ => Err(format!(
                    "hay varios indicadores «{n}» en la unidad «{unit_name}»; escriba también su código"
                )),
            },
        }
    }
}

/// Reads every `resultados` sheet into the indicators of `metas`. With
/// `matched` false (the plan or the configuration could not be read), each
/// row is only checked on its own: its period (against `year` when known),
/// value and link.
pub(crate) fn read(
    sheets: &[Sheet],
    metas: &mut Metas,
    year: Option<i32>,
    matched: bool,
) -> Result<(), Error> {
    let index = Index::new(metas);
    let mut problems = Problems::default();
    let located = sheets_with_header(
        sheets,
        &SCHEMA,
        "unidad, codigo o indicador, periodo, valor",
        &mut problems,
        &mut metas.avisos,
    );
    for (sheet, header) in located {
        let long = header.has("periodo");
        let wide = MESES_CORTOS.iter().any(|m| header.has(m));
        let hrow = sheet.rows[header.row_index].number;
        if long && wide {
            problems.push(
                sheet.location(hrow, None),
                "use las columnas periodo y valor o los meses ene … dic, no ambos",
            );
            continue;
        }
        if !long && !wide {
            problems.push(
                sheet.location(hrow, None),
                "faltan las columnas «periodo» y «valor» (o una columna por mes, ene … dic)",
            );
            continue;
        }
        if long && !header.has("valor") {
            problems.push(
                sheet.location(hrow, None),
                "falta la columna obligatoria «valor» en el encabezado de resultados",
            );
            continue;
        }
        if !header.has("codigo") && !header.has("indicador") {
            problems.push(
                sheet.location(hrow, None),
                "falta la columna «codigo» o «indicador» para identificar el indicador",
            );
            continue;
        }
        for row in &sheet.rows[header.row_index + 1..] {
            if let Some(w) = ejemplo::skipped(sheet, &header, row) {
                metas.avisos.push(w);
                continue;
            }
            let mut f = Fields::new(sheet, &header, row, &mut problems);
            let ind = if matched {
                identify(&mut f, &index, metas)
            } else {
                f.required_text("unidad", "el nombre de la unidad");
                None
            };
            let observacion = f.text("observacion");
            let medio = f.text("medio_verificacion");
            if let Some(m) = &medio
                && !looks_like_url(m)
            {
                f.problem("medio_verificacion", format!("se esperaba un enlace que empiece por https:// o http://; se encontró «{m}»"));
            }
            let values: Vec<(u8, &str, RawNumber)> = if long {
                let month = f.period("periodo", year);
                match (month, f.number("valor")) {
                    (Some(m), Some(v)) => vec![(m, "valor", v)],
                    (Some(_), None) if !f.failed => {
                        f.problem("valor", "falta el valor del resultado");
                        vec![]
                    }
                    _ => vec![],
                }
            } else {
                (1..=12u8)
                    .filter_map(|m| {
                        f.number(MESES_CORTOS[m as usize - 1])
                            .map(|v| (m, MESES_CORTOS[m as usize - 1], v))
                    })
                    .collect()
            };
            let Some(ind) = ind.filter(|_| !f.failed) else {
                continue;
            };
            let last = values.iter().map(|v| v.0).max();
            for (month, key, raw) in values {
                store(
                    &mut f,
                    metas,
                    ind,
                    month,
                    key,
                    raw,
                    (Some(month) == last).then(|| (observacion.clone(), medio.clone())),
                );
            }
        }
    }

    problems.into_result(())
}

fn identify(f: &mut Fields, index: &Index, metas: &mut Metas) -> Option<usize> {
    let unidad = f.required_text("unidad", "el nombre de la unidad")?;
    let code = f.text("codigo");
    let name = f.text("indicador");
    let unit = match index.unit(metas, &unidad) {
        Ok(u) => u,
        Err(m) => {
            f.problem("unidad", m);
            return None;
        }
    };
    let key = if name.is_some() {
        "indicador"
    } else {
        "codigo"
    };
    match index.indicator(metas, unit, code.as_deref(), name.as_deref()) {
        Ok((i, warning)) => {
            if let Some(w) = warning {
                metas
                    .avisos
                    .push(Warning::new("indicador por código", f.loc(key), w));
            }
            Some(i)
        }
        Err(m) => {
            f.problem(key, m);
            None
        }
    }
}

fn store(
    f: &mut Fields,
    metas: &mut Metas,
    ind: usize,
    month: u8,
    key: &str,
    raw: RawNumber,
    notes: Option<(Option<String>, Option<String>)>,
) {
    let scale: Option<Scale> = metas.scales[ind];
    let indicador = &metas.indicadores[ind];
    if raw.percent_sign && indicador.medida != Medida::Porcentaje {
        f.problem(
            key,
            format!(
                "valor con «%» en un indicador de medida «{}»",
                indicador.medida.nombre()
            ),
        );
        return;
    }
    let valor = scale.map_or(raw.value, |s| s.apply(raw));
    if valor.is_sign_negative() && !valor.is_zero() && indicador.medida != Medida::Monto {
        f.problem(key, format!("valor negativo {} en un indicador de medida «{}»; solo los montos pueden ser negativos", crate::format::numero(raw.value), indicador.medida.nombre()));
        return;
    }
    let slot = month as usize - 1;
    if let Some(prev) = &indicador.resultados[slot] {
        let at = prev
            .origen
            .row
            .map(|n| format!(" (ya está en la fila {n})"))
            .unwrap_or_default();
        f.problem(
            key,
            format!(
                "resultado repetido de «{}» para {}{at}",
                indicador.nombre, MESES[slot]
            ),
        );
        return;
    }
    if indicador.metas[slot].is_none() {
        let msg = format!(
            "«{}» no tiene meta en {}: el resultado se guarda pero no se evalúa",
            indicador.nombre, MESES[slot]
        );
        metas
            .avisos
            .push(Warning::new("resultado sin meta", f.loc(key), msg));
    }
    let (observacion, medio_verificacion) = notes.unwrap_or_default();
    metas.indicadores[ind].resultados[slot] = Some(Box::new(Resultado {
        valor,
        observacion,
        medio_verificacion,
        origen: f.loc(key),
    }));
}
