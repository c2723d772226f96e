//! Deterministic SAMPLE budget (not real data) for the root unit, each
//! level-2 national direction and each Dirección Provincial: `corriente`
//! for all, `inversion` where the unit or its subunits list projects with a
//! planned budget in the seed (that budget is the investment allocation).

use crate::hash;
use crate::plan::{Plan, PlanUnit};
use crate::process;
use crate::units::Level;
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone)]
pub struct BudgetRow {
    pub unit: String,
    pub month: u8,
    pub tipo: &'static str,
    pub codificado: Decimal,
    pub devengado: Decimal,
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("constant decimal")
}

fn cents(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The December target of the provincial arrears recovery, a size proxy.
fn cartera(pu: &PlanUnit) -> Option<Decimal> {
    pu.indicators
        .iter()
        .find(|i| i.code == "IE-DNRGC-DP-10")
        .and_then(|i| i.targets[11])
}

/// The year's initial current allocation of a unit.
fn current_allocation(pu: &PlanUnit) -> Decimal {
    let name = pu.unit.name.as_str();
    let size = |lo: &str, hi: &str| hash::between(&[name, "corriente", "monto"], dec(lo), dec(hi));
    match pu.unit.level {
        Level::Root => size("38000000", "46000000"),
        Level::ProvincialDirection => match cartera(pu) {
            Some(c) => dec("1200000") + c * size("0.08", "0.10"),
            None => size("2000000", "8000000"),
        },
        _ => match pu.unit.proceso {
            process::AGREGADOR => size("25000000", "90000000"),
            process::APOYO => size("12000000", "45000000"),
            _ => size("1200000", "6000000"),
        },
    }
}

/// Project budgets of the unit and everything below it.
fn investment(plan: &Plan, pu: &PlanUnit) -> Decimal {
    let below = |other: &PlanUnit| match pu.unit.level {
        Level::ProvincialDirection => other.unit.provincia == pu.unit.provincia,
        Level::Direction => {
            other.unit.key == pu.unit.key
                || other.unit.key.starts_with(&format!("{} > ", pu.unit.key))
        }
        _ => other.unit.key == pu.unit.key,
    };
    plan.units
        .iter()
        .filter(|o| below(o))
        .map(|o| o.project_budget)
        .sum()
}

pub fn generate(plan: &Plan) -> Vec<BudgetRow> {
    let mut rows = Vec::new();
    for pu in &plan.units {
        if !matches!(
            pu.unit.level,
            Level::Root | Level::Direction | Level::ProvincialDirection
        ) {
            continue;
        }
        // The budget names units as `metas` does; a unit without indicators
        // is not in `metas`, so it gets no budget rows either.
        if pu.indicators.is_empty() {
            continue;
        }
        let with_cents = current_allocation(pu) + hash::fraction(&[&pu.unit.name, "centavos"]);
        rows.extend(series(&pu.unit.name, "corriente", cents(with_cents)));
        let inv = investment(plan, pu);
        if !inv.is_zero() {
            rows.extend(series(&pu.unit.name, "inversion", cents(inv)));
        }
    }
    rows
}

/// Twelve months of one unit and kind: allocation (changed at most once,
/// between June and September) and execution accumulated since January.
fn series(unit: &str, tipo: &'static str, initial: Decimal) -> Vec<BudgetRow> {
    fn at<'a>(unit: &'a str, tipo: &'a str, salt: &'a str) -> [&'a str; 3] {
        [unit, tipo, salt]
    }
    let change_month = if hash::fraction(&at(unit, tipo, "reforma")) < dec("0.5") {
        Some(6 + hash::pick(&at(unit, tipo, "mes-reforma"), 4) as u8)
    } else {
        None
    };
    let revised =
        cents(initial * hash::between(&at(unit, tipo, "factor-reforma"), dec("0.92"), dec("1.10")));
    let final_allocation = if change_month.is_some() {
        revised
    } else {
        initial
    };
    let ratio = if hash::fraction(&at(unit, tipo, "ejecucion-baja")) < dec("0.06") {
        hash::between(&at(unit, tipo, "ejecucion"), dec("0.55"), dec("0.75"))
    } else {
        hash::between(&at(unit, tipo, "ejecucion"), dec("0.80"), dec("0.95"))
    };
    let weights: Vec<Decimal> = (1..=12u8)
        .map(|m| {
            let ms = m.to_string();
            let noise = hash::between(&[unit, tipo, "peso", ms.as_str()], dec("0.85"), dec("1.15"));
            match tipo {
                "inversion" if m <= 2 => Decimal::ZERO,
                "inversion" => Decimal::from(m) * noise,
                _ if m == 12 => dec("1.6") * noise,
                _ => noise,
            }
        })
        .collect();
    let total: Decimal = weights.iter().sum();
    let mut accumulated = Decimal::ZERO;
    (1..=12u8)
        .map(|m| {
            accumulated += weights[usize::from(m) - 1];
            let codificado = match change_month {
                Some(c) if m >= c => revised,
                _ => initial,
            };
            let devengado = cents(final_allocation * ratio * accumulated / total);
            BudgetRow {
                unit: unit.to_string(),
                month: m,
                tipo,
                codificado,
                devengado,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_accumulates_and_ends_below_allocation() {
        for tipo in ["corriente", "inversion"] {
            let rows = series("Dirección Provincial Loja", tipo, dec("12345678.90"));
            assert_eq!(rows.len(), 12);
            assert!(rows.windows(2).all(|w| w[0].devengado <= w[1].devengado));
            let dic = &rows[11];
            let ratio = dic.devengado / dic.codificado;
            assert!(ratio > dec("0.5") && ratio < Decimal::ONE, "{ratio}");
            assert!(rows.iter().all(|r| r.devengado <= r.codificado));
            let changes = rows
                .windows(2)
                .filter(|w| w[0].codificado != w[1].codificado)
                .count();
            assert!(changes <= 1);
        }
    }
}
