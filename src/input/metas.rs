//! The `metas` file (SPEC 1.1): one row per unit × indicator.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::ejemplo;
use super::fields::Fields;
use super::header::{Schema, col, sheets_with_header};
use super::number::RawNumber;
use super::sheet::Sheet;
use crate::config::Porcentajes;
use crate::error::{Error, Location, Problems, Warning};
use crate::model::{
    Agregacion, Comportamiento, Indicador, MESES_CORTOS, Medida, Periodicidad, Proceso, Sentido,
    Serie, Unidad,
};
use crate::text::{fold_key, fold_words};

/// Columns of `metas`.
pub(crate) const SCHEMA: Schema<'static> = Schema {
    kind: "metas",
    columns: &[
        col(
            "unidad",
            &[
                "unidad administrativa",
                "descripción de la unidad",
                "nombre de la unidad",
                "dependencia",
            ],
            true,
        ),
        col(
            "proceso",
            &["nivel de proceso", "tipo de proceso", "nivel"],
            true,
        ),
        col("provincia", &[], false),
        col("zona", &[], false),
        col(
            "objetivo",
            &["objetivo de la unidad", "objetivo operativo"],
            true,
        ),
        col("codigo", &["código del indicador", "cod"], false),
        col("indicador", &["nombre del indicador"], true),
        col("medida", &["unidad de medida", "tipo de medida"], false),
        col("sentido", &["tendencia", "polaridad"], false),
        col("comportamiento", &[], false),
        col("periodicidad", &["frecuencia"], false),
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
        col("agregacion_anual", &["agregación"], false),
        col("meta_anual", &[], false),
        col("meta_cuantificable", &[], false),
        col(
            "numero_meta",
            &[
                "no. de meta",
                "n.º de meta",
                "número de meta",
                "nro. de meta",
            ],
            false,
        ),
    ],
};

/// How the bare numbers of a percentage indicator are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scale {
    /// `0.85` is 85 %.
    Fraction,
    /// `85` is 85 %.
    Points,
}

impl Scale {
    /// The value as a fraction (85 % → 0.85). A `%` sign always means points.
    pub(crate) fn apply(self, raw: RawNumber) -> Decimal {
        if raw.percent_sign || self == Scale::Points {
            raw.value / Decimal::ONE_HUNDRED
        } else {
            raw.value
        }
    }
}

/// What `metas` yields.
#[derive(Debug, Default)]
pub(crate) struct Metas {
    pub unidades: Vec<Unidad>,
    pub indicadores: Vec<Indicador>,
    /// Per indicator: the convention of its percentages (`None` when not a percentage).
    pub scales: Vec<Option<Scale>>,
    pub avisos: Vec<Warning>,
}

/// Reads every sheet of every `metas` file; all problems are reported together.
pub(crate) fn read(sheets: &[Sheet], policy: Porcentajes) -> Result<Metas, Error> {
    let mut out = Metas::default();
    let mut problems = Problems::default();
    let mut units: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<(usize, String, String), Location> = HashMap::new();
    let located = sheets_with_header(
        sheets,
        &SCHEMA,
        "unidad, proceso, objetivo, indicador, ene … dic",
        &mut problems,
        &mut out.avisos,
    );
    let mut ejemplos = Vec::new();
    for (sheet, header) in located {
        for row in &sheet.rows[header.row_index + 1..] {
            if let Some(w) = ejemplo::skipped(sheet, &header, row) {
                ejemplos.push(row.number);
                out.avisos.push(w);
                continue;
            }
            let mut f = Fields::new(sheet, &header, row, &mut problems);
            let Some(r) = read_row(&mut f, policy, &mut out.avisos) else {
                continue;
            };
            let unidad = match register_unit(&mut f, &mut units, &mut out.unidades, &r) {
                Some(u) => u,
                None => continue,
            };
            let key = (
                unidad,
                fold_key(r.ind.codigo.as_deref().unwrap_or("")),
                fold_key(&r.ind.nombre),
            );
            if let Some(first) = seen.get(&key) {
                let first = first.row.map(|n| format!("fila {n}")).unwrap_or_default();
                f.problem(
                    "indicador",
                    format!(
                        "indicador repetido en la unidad «{}» (ya está en la {first})",
                        r.unit.nombre
                    ),
                );
                continue;
            }
            seen.insert(key, f.row_loc());
            out.indicadores.push(Indicador { unidad, ..r.ind });
            out.scales.push(r.scale);
        }
    }
    if out.indicadores.is_empty() && problems.is_empty() {
        let file = sheets.first().map(|s| s.file.clone()).unwrap_or_default();
        let message = match &ejemplos[..] {
            [] => "no hay metas: el archivo no tiene filas de datos bajo el encabezado".to_string(),
            [n] => format!(
                "no hay metas: la única fila (la {n}) es la de ejemplo, que no se lee; escriba las metas de la institución en las filas siguientes"
            ),
            _ => "no hay metas: solo hay filas de ejemplo, que no se leen; escriba las metas de la institución".to_string(),
        };
        problems.push(Location::file(file), message);
    }
    problems.into_result(out)
}

/// One row, read and checked, before its unit is registered.
struct MetaRow {
    unit: Unidad,
    ind: Indicador,
    scale: Option<Scale>,
}

fn read_row(f: &mut Fields, policy: Porcentajes, avisos: &mut Vec<Warning>) -> Option<MetaRow> {
    let unidad = f.required_text("unidad", "el nombre de la unidad");
    let proceso = f.vocab("proceso", Proceso::parse, Proceso::valores);
    if proceso.is_none() && !f.failed {
        f.problem(
            "proceso",
            format!(
                "falta el nivel de proceso; se esperaba {}",
                Proceso::valores()
            ),
        );
    }
    let provincia = f.provincia("provincia");
    let zona = f.plain_number("zona");
    let objetivo = f.required_text("objetivo", "el objetivo de la unidad");
    let codigo = f.text("codigo");
    let nombre = f.required_text("indicador", "el nombre del indicador");
    let medida = f.vocab("medida", Medida::parse, Medida::valores);
    let sentido = f
        .vocab("sentido", Sentido::parse, Sentido::valores)
        .unwrap_or(Sentido::Creciente);
    let comportamiento = f
        .vocab(
            "comportamiento",
            Comportamiento::parse,
            Comportamiento::valores,
        )
        .unwrap_or(Comportamiento::Discreto);
    let periodicidad = f.vocab("periodicidad", Periodicidad::parse, Periodicidad::valores);
    let raw: Vec<Option<RawNumber>> = MESES_CORTOS.iter().map(|m| f.number(m)).collect();
    let agregacion = f.vocab("agregacion_anual", Agregacion::parse, Agregacion::valores);
    let meta_anual = f.number("meta_anual");
    let meta_cuantificable = f.text("meta_cuantificable");
    let numero_meta = f.text("numero_meta");

    let zona = zona.and_then(|z| match u8::try_from(z.normalize().mantissa()) {
        Ok(n) if z.normalize().scale() == 0 && (1..=9).contains(&n) => Some(n),
        _ => {
            f.problem(
                "zona",
                format!("se esperaba un número de zona del 1 al 9; se encontró «{z}»"),
            );
            None
        }
    });
    if proceso == Some(Proceso::Desconcentrado) && provincia.is_none() && !f.failed {
        f.problem(
            "provincia",
            "falta la provincia: es obligatoria para las unidades de proceso desconcentrado",
        );
    }
    let has_targets = raw.iter().any(Option::is_some);
    if !has_targets && meta_cuantificable.is_none() && !f.failed {
        f.problem(
            "ene",
            "se esperaba al menos una meta mensual (ene … dic) o una meta_cuantificable para publicar",
        );
    }
    if f.failed {
        return None;
    }
    let (unidad, proceso, objetivo, nombre) = (unidad?, proceso?, objetivo?, nombre?);

    let any_percent = raw
        .iter()
        .chain([&meta_anual])
        .flatten()
        .any(|r| r.percent_sign);
    let medida = match medida {
        Some(m) => m,
        None => {
            let m = infer_medida(&nombre, any_percent);
            avisos.push(Warning::new(
                "medida inferida",
                f.loc("medida"),
                format!("medida «{}» deducida del nombre «{nombre}»; escríbala en la columna medida si no es correcta", m.nombre()),
            ));
            m
        }
    };
    let scale = (medida == Medida::Porcentaje).then(|| choose_scale(&raw, meta_anual, policy));
    let mut metas: Serie = [None; 12];
    for (i, r) in raw.iter().enumerate() {
        if let Some(r) = r {
            metas[i] = convert(f, MESES_CORTOS[i], *r, medida, scale);
        }
    }
    let meta_anual = meta_anual.and_then(|r| convert(f, "meta_anual", r, medida, scale));
    if f.failed {
        return None;
    }
    let closing: Vec<u8> = (1..=12u8)
        .filter(|m| metas[*m as usize - 1].is_some())
        .collect();
    let periodicidad = periodicidad
        .or_else(|| Periodicidad::from_closing_months(&closing))
        .unwrap_or(Periodicidad::Mensual);
    let unit = Unidad {
        nombre: unidad,
        proceso,
        provincia,
        zona,
        origen: f.row_loc(),
    };
    let ind = Indicador {
        unidad: usize::MAX,
        objetivo,
        codigo,
        nombre,
        medida,
        sentido,
        comportamiento,
        periodicidad,
        metas,
        agregacion,
        meta_anual,
        meta_cuantificable,
        numero_meta,
        resultados: Default::default(),
        origen: f.row_loc(),
    };
    Some(MetaRow { unit, ind, scale })
}

/// Applies the measure's rules to one target: `%` only for percentages,
/// negatives only for amounts.
fn convert(
    f: &mut Fields,
    key: &str,
    r: RawNumber,
    medida: Medida,
    scale: Option<Scale>,
) -> Option<Decimal> {
    if r.percent_sign && medida != Medida::Porcentaje {
        f.problem(key, format!("valor con «%» en un indicador de medida «{}»; escriba el número sin «%» o corrija la medida", medida.nombre()));
        return None;
    }
    let v = scale.map_or(r.value, |s| s.apply(r));
    if v.is_sign_negative() && !v.is_zero() && medida != Medida::Monto {
        f.problem(key, format!("valor negativo {} en un indicador de medida «{}»; solo los montos pueden ser negativos", crate::format::numero(r.value), medida.nombre()));
        return None;
    }
    Some(v)
}

/// SPEC 1.1: fractions when every bare target of the row is at most 1, otherwise points.
fn choose_scale(
    raw: &[Option<RawNumber>],
    meta_anual: Option<RawNumber>,
    policy: Porcentajes,
) -> Scale {
    match policy {
        Porcentajes::Fraccion => Scale::Fraction,
        Porcentajes::Puntos => Scale::Points,
        Porcentajes::Auto => {
            let bare_above_one = raw
                .iter()
                .chain([&meta_anual])
                .flatten()
                .filter(|r| !r.percent_sign)
                .any(|r| r.value > Decimal::ONE);
            if bare_above_one {
                Scale::Points
            } else {
                Scale::Fraction
            }
        }
    }
}

/// The measure a name announces by its first word (codes such as `M01` skipped).
pub(crate) fn infer_medida(nombre: &str, any_percent_sign: bool) -> Medida {
    if any_percent_sign {
        return Medida::Porcentaje;
    }
    let words = fold_words(nombre);
    let first = words
        .split(' ')
        .find(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .unwrap_or("");
    match first {
        "porcentaje" => Medida::Porcentaje,
        "numero" | "cantidad" => Medida::Numero,
        "monto" => Medida::Monto,
        "tiempo" => Medida::Tiempo,
        _ => Medida::Indice,
    }
}

/// Adds the row's unit if new; a unit named again must agree with itself.
fn register_unit(
    f: &mut Fields,
    units: &mut HashMap<String, usize>,
    list: &mut Vec<Unidad>,
    r: &MetaRow,
) -> Option<usize> {
    let key = fold_key(&r.unit.nombre);
    match units.get(&key) {
        None => {
            units.insert(key, list.len());
            list.push(r.unit.clone());
            Some(list.len() - 1)
        }
        Some(&i) => {
            let u = &list[i];
            let first = u
                .origen
                .row
                .map(|n| format!("fila {n}"))
                .unwrap_or_default();
            let show = |p: Option<crate::model::Provincia>| p.map_or("(ninguna)", |p| p.nombre());
            if u.proceso != r.unit.proceso {
                f.problem(
                    "proceso",
                    format!(
                        "la unidad «{}» ya tiene el proceso «{}» en la {first}",
                        u.nombre,
                        u.proceso.nombre()
                    ),
                );
            } else if u.provincia != r.unit.provincia {
                f.problem(
                    "provincia",
                    format!(
                        "la unidad «{}» ya tiene la provincia {} en la {first}",
                        u.nombre,
                        show(u.provincia)
                    ),
                );
            } else if u.zona != r.unit.zona && r.unit.zona.is_some() {
                f.problem(
                    "zona",
                    format!("la unidad «{}» ya tiene otra zona en la {first}", u.nombre),
                );
            }
            (!f.failed).then_some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn measure_is_inferred_from_the_first_word() {
        assert_eq!(
            infer_medida("Porcentaje de ejecución del PAC", false),
            Medida::Porcentaje
        );
        assert_eq!(
            infer_medida("M01 Porcentaje de reingresos", false),
            Medida::Porcentaje
        );
        assert_eq!(
            infer_medida("Número de afiliados activos", false),
            Medida::Numero
        );
        assert_eq!(infer_medida("Monto recaudado", false), Medida::Monto);
        assert_eq!(
            infer_medida("Tiempo promedio de respuesta", false),
            Medida::Tiempo
        );
        assert_eq!(infer_medida("Solidez de la reserva", false), Medida::Indice);
        assert_eq!(
            infer_medida("Nivel de satisfacción", true),
            Medida::Porcentaje
        );
    }

    fn raw(v: Decimal, pct: bool) -> Option<RawNumber> {
        Some(RawNumber {
            value: v,
            percent_sign: pct,
        })
    }

    #[test]
    fn percent_convention_is_decided_once_per_row() {
        let fractions = [raw(dec!(0.85), false), raw(dec!(1), false), None];
        assert_eq!(
            choose_scale(&fractions, None, Porcentajes::Auto),
            Scale::Fraction
        );
        let points = [raw(dec!(85), false), raw(dec!(0.5), false)];
        assert_eq!(
            choose_scale(&points, None, Porcentajes::Auto),
            Scale::Points
        );
        let signed = [raw(dec!(85), true), raw(dec!(0.9), false)];
        assert_eq!(
            choose_scale(&signed, None, Porcentajes::Auto),
            Scale::Fraction
        );
        assert_eq!(
            choose_scale(&fractions, None, Porcentajes::Puntos),
            Scale::Points
        );
        assert_eq!(
            Scale::Fraction.apply(RawNumber {
                value: dec!(85),
                percent_sign: true
            }),
            dec!(0.85)
        );
        assert_eq!(
            Scale::Points.apply(RawNumber {
                value: dec!(75.2),
                percent_sign: false
            }),
            dec!(0.752)
        );
        assert_eq!(
            Scale::Fraction.apply(RawNumber {
                value: dec!(1.05),
                percent_sign: false
            }),
            dec!(1.05)
        );
    }
}
