//! The warnings the rules raise on a month's figures. They never stop a run:
//! they are listed in the run summary and in the «Avisos» sheet, so the
//! planners can correct the inputs.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::Evaluacion;
use super::rules::Marca;
use crate::config::{self, Config};
use crate::error::Warning;
use crate::format::{numero, valor_medida};
use crate::model::{Dataset, Indicador, MESES, Medida, Provincia};
use crate::text::fold_key;

/// `meta cero` and `real cero` flags of the month, one warning each.
pub(super) fn de_reglas(ds: &Dataset, ev: &[Evaluacion]) -> Vec<Warning> {
    ds.indicadores
        .iter()
        .zip(ev)
        .filter_map(|(ind, e)| {
            let marca = e.marca?;
            let mes = MESES[e.mes? as usize - 1];
            let unidad = &ds.unidades[ind.unidad].nombre;
            let msg = match marca {
                Marca::MetaCero => format!(
                    "«{}» de «{unidad}» tiene meta 0 en {mes}: cumplimiento fijado por regla",
                    ind.nombre
                ),
                Marca::RealCero => format!(
                    "«{}» de «{unidad}» (decreciente) tiene resultado 0 en {mes}: cumplimiento 100 %",
                    ind.nombre
                ),
            };
            Some(Warning::new(marca.nombre(), ind.origen.clone(), msg))
        })
        .collect()
}

fn targets_key(ind: &Indicador) -> String {
    ind.metas
        .iter()
        .map(|m| m.map(|d| d.normalize().to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("|")
}

/// SPEC 2.3: a Dirección Provincial row that repeats one of its province's
/// units' rows (same indicator name and targets) is listed so the planners
/// can remove it.
pub(super) fn de_repeticion(ds: &Dataset) -> Vec<Warning> {
    let mut by_key: HashMap<(Provincia, String, String), Vec<usize>> = HashMap::new();
    for (i, ind) in ds.indicadores.iter().enumerate() {
        let Some(p) = ds.unidades[ind.unidad].provincia else {
            continue;
        };
        by_key
            .entry((p, fold_key(&ind.nombre), targets_key(ind)))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for ind in &ds.indicadores {
        let unidad = &ds.unidades[ind.unidad];
        let Some(p) = unidad.provincia else { continue };
        if !unidad.es_direccion_provincial() {
            continue;
        }
        let Some(group) = by_key.get(&(p, fold_key(&ind.nombre), targets_key(ind))) else {
            continue;
        };
        if let Some(&other) = group
            .iter()
            .find(|&&j| ds.indicadores[j].unidad != ind.unidad)
        {
            let otra = &ds.unidades[ds.indicadores[other].unidad].nombre;
            out.push(Warning::new(
                "fila repetida",
                ind.origen.clone(),
                format!(
                    "«{}» repite el indicador «{}» de «{otra}» (mismo nombre y metas); la provincia lo cuenta dos veces",
                    unidad.nombre, ind.nombre
                ),
            ));
        }
    }
    out
}

/// Results more than `factor_atipico` times their target, or less than the
/// target divided by it, in the months up to `mes`: a zero too many or too
/// few, or a percentage in the other scale (91 for 0,91). One warning per
/// indicator, at its latest such result.
pub(super) fn atipicos(ds: &Dataset, config: &Config, mes: u8) -> Vec<Warning> {
    let factor = config.avisos.factor_atipico;
    if factor.is_zero() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ind in &ds.indicadores {
        let far: Vec<usize> = (0..mes as usize)
            .filter(|&k| match (ind.metas[k], &ind.resultados[k]) {
                (Some(meta), Some(r)) if meta > Decimal::ZERO => {
                    r.valor > meta * factor || r.valor * factor < meta
                }
                _ => false,
            })
            .collect();
        let Some(&k) = far.last() else { continue };
        let (Some(meta), Some(r)) = (ind.metas[k], &ind.resultados[k]) else {
            continue;
        };
        // «es 20 veces la meta» above it; below it, how many times the
        // result the target is («la meta es 250 veces el resultado»), never
        // «0 veces la meta».
        let comparacion = if r.valor.is_zero() {
            format!(
                "es 0 frente a una meta de {}",
                valor_medida(ind.medida, meta)
            )
        } else if r.valor > meta {
            format!(
                "es {} veces la meta ({})",
                numero(veces(r.valor, meta)),
                valor_medida(ind.medida, meta)
            )
        } else {
            format!(
                "es mucho menor que la meta ({}): la meta es {} veces el resultado",
                valor_medida(ind.medida, meta),
                numero(veces(meta, r.valor))
            )
        };
        let otros: Vec<&str> = far[..far.len() - 1].iter().map(|&m| MESES[m]).collect();
        let tambien = if otros.is_empty() {
            String::new()
        } else {
            format!(" (también en {})", otros.join(", "))
        };
        out.push(Warning::new(
            "resultado atípico",
            r.origen.clone(),
            format!(
                "«{}» de «{}»: el resultado de {} ({}) {comparacion}{tambien}; revise si sobra o falta un cero o si está en otra escala",
                ind.nombre,
                ds.unidades[ind.unidad].nombre,
                MESES[k],
                valor_medida(ind.medida, r.valor),
            ),
        ));
    }
    out
}

/// `a / b` with two decimals; `a` when the division does not fit.
fn veces(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b).unwrap_or(a).round_dp(2)
}

/// The national indicator each Dirección Provincial counts into: the
/// indicator of a unit without province whose code is the provincial one
/// with `codigo_provincial` replaced by `codigo_nacional` (the same code by
/// default); when several share that code, the one with the same name.
fn national_of(ds: &Dataset, avisos: &config::Avisos) -> HashMap<usize, Vec<usize>> {
    let additive = |i: &Indicador| matches!(i.medida, Medida::Numero | Medida::Monto);
    let mut national: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, ind) in ds.indicadores.iter().enumerate() {
        if let (Some(code), None) = (&ind.codigo, ds.unidades[ind.unidad].provincia) {
            let same = national.entry(fold_key(code)).or_default();
            // The institution repeats its national directions' indicators
            // (same name and targets): one national figure, counted once.
            let repeated = same.iter().any(|&j| {
                let other = &ds.indicadores[j];
                fold_key(&other.nombre) == fold_key(&ind.nombre)
                    && targets_key(other) == targets_key(ind)
            });
            if additive(ind) && !repeated {
                same.push(i);
            }
        }
    }
    let nacional = |code: &str| {
        if avisos.codigo_provincial.is_empty() {
            code.to_string()
        } else {
            code.replace(&avisos.codigo_provincial, &avisos.codigo_nacional)
        }
    };
    // (Dirección Provincial, national indicator) → its provincial indicators.
    let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, ind) in ds.indicadores.iter().enumerate() {
        let unidad = &ds.unidades[ind.unidad];
        let Some(code) = &ind.codigo else { continue };
        if !unidad.es_direccion_provincial() || unidad.provincia.is_none() || !additive(ind) {
            continue;
        }
        let Some(cands) = national.get(&fold_key(&nacional(code))) else {
            continue;
        };
        let same_name = |&&n: &&usize| fold_key(&ds.indicadores[n].nombre) == fold_key(&ind.nombre);
        let n = match cands[..] {
            [n] => n,
            _ => match cands.iter().filter(same_name).collect::<Vec<_>>()[..] {
                [&n] => n,
                _ => continue,
            },
        };
        pairs.entry((ind.unidad, n)).or_default().push(i);
    }
    let mut by_national: HashMap<usize, Vec<usize>> = HashMap::new();
    for ((_, n), mut inds) in pairs {
        if inds.len() > 1 {
            // A Dirección Provincial with two indicators of that code: only
            // the one named as the national indicator counts.
            let name = fold_key(&ds.indicadores[n].nombre);
            inds.retain(|&i| fold_key(&ds.indicadores[i].nombre) == name);
        }
        if let [i] = inds[..] {
            by_national.entry(n).or_default().push(i);
        }
    }
    by_national
}

/// What rounding each province's share may add up to: half a unit of the
/// last decimal written, per province. The
/// seed's March cartera targets differ by one cent from the national one.
fn rounding(national: Decimal, parts: &[Decimal]) -> Decimal {
    let scale = parts
        .iter()
        .chain([&national])
        .map(|d| d.normalize().scale())
        .max()
        .unwrap_or(0);
    Decimal::new(5, scale + 1) * Decimal::from(parts.len())
}

/// Under the 2023 law the portal's data set has a column for the link to
/// the planning system: without `[literal_a4] enlace_url`, or with a link
/// that is not `https://`, the numeral's files do not pass the pre-upload
/// review, which the planners should know at the run, not at the upload.
pub(super) fn de_configuracion(config: &Config) -> Vec<Warning> {
    if config.publicacion.ley != config::Ley::L2023 {
        return Vec::new();
    }
    let at = crate::error::Location::file(config::ARCHIVO);
    let numeral = &config.publicacion.numeral;
    match &config.literal_a4.enlace_url {
        None => vec![Warning::new(
            "sin enlace de verificación",
            at,
            format!(
                "falta enlace_url en [literal_a4] (o [matriz]): la columna del enlace al sistema de planificación del numeral {numeral} queda vacía y «lotaip revisar» no la aprueba"
            ),
        )],
        Some(u) if !u.to_ascii_lowercase().starts_with("https://") => vec![Warning::new(
            "enlace sin https",
            at,
            format!(
                "enlace_url «{u}» no es https://, que pide el portal para el numeral {numeral}"
            ),
        )],
        Some(_) => Vec::new(),
    }
}

/// Provincial targets that do not add up to the national target (SPEC 2.3,
/// seed 000: the Direcciones Provinciales' targets sum to the national one;
/// their own provincial units repeat them and are not added). Only counts
/// and amounts; every month with a national target and at least one
/// provincial one; differences within [`rounding`] are not listed. One
/// warning per national indicator.
pub(super) fn sumas_provinciales(ds: &Dataset, config: &Config) -> Vec<Warning> {
    let mut groups: Vec<(usize, Vec<usize>)> = national_of(ds, &config.avisos)
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .collect();
    groups.sort();
    let mut out = Vec::new();
    for (n, provincial) in groups {
        let nat = &ds.indicadores[n];
        let mut wrong: Vec<(usize, Decimal, Decimal, usize)> = Vec::new();
        for k in 0..12 {
            let Some(meta) = nat.metas[k] else { continue };
            let parts: Vec<Decimal> = provincial
                .iter()
                .filter_map(|&i| ds.indicadores[i].metas[k])
                .collect();
            if parts.is_empty() {
                continue;
            }
            let sum: Decimal = parts.iter().sum();
            if (sum - meta).abs() > rounding(meta, &parts) {
                wrong.push((k, sum, meta, parts.len()));
            }
        }
        let Some(&(k, sum, meta, count)) = wrong.last() else {
            continue;
        };
        let otros: Vec<&str> = wrong[..wrong.len() - 1]
            .iter()
            .map(|w| MESES[w.0])
            .collect();
        let tambien = if otros.is_empty() {
            String::new()
        } else {
            format!(" (tampoco en {})", otros.join(", "))
        };
        let code = nat.codigo.as_deref().unwrap_or_default();
        let shown = |d| valor_medida(nat.medida, d);
        out.push(Warning::new(
            "suma provincial",
            nat.origen.clone(),
            format!(
                "las metas de {} de {count} Direcciones Provinciales suman {}, pero la meta nacional «{code}» «{}» de «{}» es {} (diferencia {}){tambien}",
                MESES[k],
                shown(sum),
                nat.nombre,
                ds.unidades[nat.unidad].nombre,
                shown(meta),
                shown(sum - meta)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::ejemplo::{azuay, config, dataset, indicador, unidad};
    use super::*;

    #[test]
    fn a_provincial_head_office_repeating_a_units_row_is_listed() {
        let ds = dataset(
            vec![
                unidad("Dirección Provincial Azuay", Some(azuay())),
                unidad("Unidad Provincial de Afiliación Azuay", Some(azuay())),
            ],
            vec![
                indicador(0, "Número de inspecciones", &[(6, 10)], &[]),
                indicador(1, "Número de inspecciones", &[(6, 10)], &[]),
                indicador(1, "Número de trámites", &[(6, 10)], &[]),
            ],
        );
        let w = de_repeticion(&ds);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].kind, "fila repetida");
        assert!(
            w[0].message.starts_with(
                "«Dirección Provincial Azuay» repite el indicador «Número de inspecciones»"
            ),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn a_result_far_from_its_target_is_listed_once_at_its_latest_month() {
        let ds = dataset(
            vec![unidad("Dirección General", None)],
            vec![
                indicador(0, "lejos", &[(5, 10), (6, 10)], &[(5, 100), (6, 200)]),
                indicador(0, "cerca", &[(6, 10)], &[(6, 25)]),
                indicador(0, "bajo", &[(6, 30)], &[(6, 9)]),
            ],
        );
        let w = atipicos(&ds, &config(), 6);
        let names: Vec<&str> = w
            .iter()
            .map(|w| w.message.split('»').next().unwrap_or(""))
            .collect();
        assert_eq!(names, vec!["«lejos", "«bajo"], "{w:?}");
        assert!(
            w[0].message.contains("es 20 veces la meta")
                && w[0].message.contains("(también en mayo)"),
            "{}",
            w[0].message
        );
        // Below the target the message says how far, never «0 veces».
        assert!(
            w[1].message
                .contains("es mucho menor que la meta (30): la meta es 3,33 veces el resultado"),
            "{}",
            w[1].message
        );
        let ds = dataset(
            vec![unidad("Dirección General", None)],
            vec![indicador(0, "nada", &[(6, 30)], &[(6, 0)])],
        );
        let w = atipicos(&ds, &config(), 6);
        assert!(
            w[0].message.contains("(0) es 0 frente a una meta de 30"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn zero_targets_and_zero_results_are_flagged_with_their_month() {
        let mut dec = indicador(0, "tiempo", &[(6, 10)], &[(6, 0)]);
        dec.sentido = crate::model::Sentido::Decreciente;
        let ds = dataset(
            vec![unidad("Dirección General", None)],
            vec![indicador(0, "cero", &[(6, 0)], &[(6, 5)]), dec],
        );
        let cfg = config();
        let ev: Vec<_> = ds
            .indicadores
            .iter()
            .map(|i| super::super::evaluar(i, 6, &cfg).unwrap())
            .collect();
        let kinds: Vec<String> = de_reglas(&ds, &ev).into_iter().map(|w| w.kind).collect();
        assert_eq!(kinds, vec!["meta cero", "real cero"]);
    }
}
