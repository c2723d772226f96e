//! Deterministic SAMPLE results (not real data) for every indicator and
//! closing month of 2025 that has a target.
//!
//! Each indicator gets a performance factor from a hash of its identity
//! (most between 0.85 and 1.10, some between 0.60 and 0.85, a few above
//! 1.20) and a small monthly noise; `decreciente` indicators divide instead
//! of multiply, so their compliance (meta / real) behaves the same way.
//! Accumulated (`continuo`) series with non-decreasing targets never go down.

use crate::hash;
use crate::plan::{Indicator, Plan};
use crate::seed::Behaviour;
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone)]
pub struct ResultRow {
    pub unit: String,
    pub code: String,
    pub name: String,
    pub month: u8,
    pub value: Decimal,
    pub observacion: Option<&'static str>,
    pub medio: Option<String>,
}

const BELOW: [&str; 5] = [
    "Resultado inferior a la meta por retrasos en los procesos de contratación.",
    "Intermitencias del sistema informático afectaron el registro del período; se regularizará en el siguiente corte.",
    "Se reprogramaron actividades por disposición de la autoridad nacional.",
    "Incremento de la demanda de trámites en el período.",
    "Déficit de personal operativo durante el período por vacaciones y licencias.",
];
const ABOVE: [&str; 3] = [
    "Se superó la meta por la ejecución de jornadas de atención adicionales.",
    "Resultado favorable por la depuración de trámites represados.",
    "Se fortalecieron los controles de seguimiento con las unidades responsables.",
];
const NEUTRAL: [&str; 2] = [
    "Información preliminar, sujeta a validación de la unidad responsable.",
    "Dato validado con los reportes del sistema institucional.",
];

fn dec(s: &str) -> Decimal {
    s.parse().expect("constant decimal")
}

/// Decimal places of a result, by measure.
pub fn precision(medida: &str) -> u32 {
    match medida {
        "numero" => 0,
        "monto" => 2,
        "porcentaje" => 4,
        _ => 2,
    }
}

fn round(v: Decimal, medida: &str) -> Decimal {
    v.round_dp_with_strategy(precision(medida), RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Performance factor of one indicator.
fn base_factor(key: &[&str]) -> Decimal {
    let u = hash::fraction(&[key, &["base"]].concat());
    let at = [key, &["nivel"]].concat();
    if u < dec("0.80") {
        hash::between(&at, dec("0.85"), dec("1.10"))
    } else if u < dec("0.95") {
        hash::between(&at, dec("0.60"), dec("0.85"))
    } else {
        hash::between(&at, dec("1.20"), dec("1.40"))
    }
}

/// A small result for a zero target, on the scale of the indicator's
/// smallest non-zero target.
fn small(ind: &Indicator, at: &[&str]) -> Decimal {
    if hash::fraction(&[at, &["cero"]].concat()) < dec("0.35") {
        return Decimal::ZERO;
    }
    let scale = ind
        .targets
        .iter()
        .flatten()
        .copied()
        .filter(|t| !t.is_zero())
        .min()
        .unwrap_or(match ind.medida {
            "numero" => dec("10"),
            "monto" => dec("25000"),
            "tiempo" => dec("5"),
            _ => Decimal::ONE,
        });
    let v = scale * hash::between(&[at, &["pequeño"]].concat(), dec("0.002"), dec("0.03"));
    if ind.medida == "numero" {
        v.max(Decimal::ONE)
    } else {
        v
    }
}

fn value_for(ind: &Indicator, target: Decimal, factor: Decimal, at: &[&str]) -> Decimal {
    if target.is_zero() {
        return small(ind, at);
    }
    let noise = hash::between(&[at, &["ruido"]].concat(), dec("-0.04"), dec("0.04"));
    let perf = (factor + noise).max(dec("0.3"));
    if ind.sentido == "decreciente" {
        target / perf
    } else {
        target * perf
    }
}

pub fn generate(plan: &Plan) -> Vec<ResultRow> {
    let mut rows = Vec::new();
    for pu in &plan.units {
        for ind in &pu.indicators {
            rows.extend(indicator_rows(&pu.unit.name, ind));
        }
    }
    rows
}

fn indicator_rows(unit: &str, ind: &Indicator) -> Vec<ResultRow> {
    let key = [unit, ind.code.as_str(), ind.name.as_str()];
    let factor = base_factor(&key);
    let targets: Vec<(u8, Decimal)> = ind
        .targets
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|t| (i as u8 + 1, t)))
        .collect();
    let fractions = ind.medida == "porcentaje" && targets.iter().all(|(_, t)| *t <= Decimal::ONE);
    let accumulated =
        ind.behaviour == Behaviour::Continuo && targets.windows(2).all(|w| w[0].1 <= w[1].1);
    let mut running = Decimal::MIN;
    let mut rows = Vec::new();
    for (month, target) in targets {
        let m = month.to_string();
        let at = [unit, ind.code.as_str(), ind.name.as_str(), m.as_str()];
        let mut v = value_for(ind, target, factor, &at);
        if fractions {
            v = v.min(Decimal::ONE);
        }
        v = round(v, ind.medida);
        if accumulated {
            v = v.max(running);
            running = v;
        }
        if hash::fraction(&[&at[..], &["falta"]].concat()) < dec("0.03") {
            continue; // missing report
        }
        let compliance = match (ind.sentido, target.is_zero(), v.is_zero()) {
            (_, true, _) | ("decreciente", _, true) => Decimal::ONE,
            ("decreciente", _, _) => target / v,
            _ => v / target,
        };
        let observacion =
            (hash::fraction(&[&at[..], &["obs"]].concat()) < dec("0.04")).then(|| {
                let list: &[&'static str] = if compliance < dec("0.85") {
                    &BELOW
                } else if compliance > dec("1.05") {
                    &ABOVE
                } else {
                    &NEUTRAL
                };
                list[hash::pick(&[&at[..], &["frase"]].concat(), list.len())]
            });
        let medio = (hash::fraction(&[&at[..], &["medio"]].concat()) < dec("0.05")).then(|| {
            format!(
                "https://www.iess.gob.ec/documents/10162/{}",
                hash::uuid_like(&at)
            )
        });
        rows.push(ResultRow {
            unit: unit.to_string(),
            code: ind.code.clone(),
            name: ind.name.clone(),
            month,
            value: v,
            observacion,
            medio,
        });
    }
    rows
}
