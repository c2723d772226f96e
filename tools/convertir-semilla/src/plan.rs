//! From sheets to units: identifies each sheet's unit, merges sheets that
//! describe the same unit, reads every indicator's targets and drops the
//! indicators a repeated sheet repeats, so that unit + code + name
//! identifies one indicator.

use crate::classify;
use crate::period;
use crate::seed::{Behaviour, Seed};
use crate::units::{self, Unit};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Indicator {
    pub line: usize,
    pub objective: String,
    pub code: String,
    pub name: String,
    pub behaviour: Behaviour,
    pub periodicidad: &'static str,
    pub targets: [Option<Decimal>; 12],
    pub medida: &'static str,
    pub sentido: &'static str,
}

#[derive(Debug)]
pub struct PlanUnit {
    pub unit: Unit,
    pub sheet_lines: Vec<usize>,
    pub indicators: Vec<Indicator>,
    /// Planned budget of the unit's own projects (USD).
    pub project_budget: Decimal,
}

/// What the conversion did, for the summary.
#[derive(Debug, Default)]
pub struct Report {
    pub notes: Vec<String>,
    pub spellings: BTreeMap<String, usize>,
    pub space_repairs: usize,
    pub wrapped_joins: usize,
    pub thirteenth_equal: usize,
    pub thirteenth_different: usize,
    pub surplus_values: usize,
    pub mixed_spans: usize,
    pub raw_targets: usize,
    pub raw_zero_targets: usize,
    pub without_targets: Vec<String>,
    pub duplicates_dropped: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub units: Vec<PlanUnit>,
    pub report: Report,
}

pub fn build(seed: &Seed) -> Result<Plan, String> {
    let mut plan = Plan::default();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for sheet in &seed.sheets {
        let (unit, spellings) =
            units::identify(&sheet.header).map_err(|e| format!("línea {}: {e}", sheet.line))?;
        for s in spellings {
            *plan.report.spellings.entry(s).or_default() += 1;
        }
        if !sheet.header.had_year && !sheet.header.segments.is_empty() {
            plan.report.notes.push(format!(
                "línea {}: encabezado sin «2025»: {}",
                sheet.line, unit.key
            ));
        }
        if let Some(seg) = &sheet.header.collapsed {
            plan.report.notes.push(format!(
                "línea {}: «{seg} >{seg}» repetido en el encabezado: se lee como «{seg}»",
                sheet.line
            ));
        }
        let repeat = index.contains_key(&unit.key);
        let at = match index.get(&unit.key) {
            Some(&at) => {
                plan.report.notes.push(format!(
                    "línea {}: otra hoja de «{}» (primera en la línea {}): se fusionan",
                    sheet.line, unit.name, plan.units[at].sheet_lines[0]
                ));
                at
            }
            None => {
                index.insert(unit.key.clone(), plan.units.len());
                plan.units.push(PlanUnit {
                    unit,
                    sheet_lines: Vec::new(),
                    indicators: Vec::new(),
                    project_budget: Decimal::ZERO,
                });
                plan.units.len() - 1
            }
        };
        plan.units[at].sheet_lines.push(sheet.line);
        for p in &sheet.projects {
            plan.units[at].project_budget += p.budget;
        }
        for raw in &sheet.indicators {
            let unit_name = plan.units[at].unit.name.clone();
            if let Some(ind) = indicator(raw, &unit_name, &mut plan.report)? {
                add(&mut plan.units[at], ind, repeat, &mut plan.report);
            }
        }
    }
    Ok(plan)
}

fn indicator(
    raw: &crate::seed::RawIndicator,
    unit: &str,
    report: &mut Report,
) -> Result<Option<Indicator>, String> {
    let at = format!("línea {} ({unit}, {})", raw.line, raw.code);
    let t = crate::targets::targets(&raw.table);
    report.space_repairs += t.space_repairs;
    report.wrapped_joins += raw.table.wrapped_joins;
    report.thirteenth_equal += t.thirteenth_equal;
    report.surplus_values += t.surplus_values;
    report.thirteenth_different += t.thirteenth_different;
    for n in &t.notes {
        report.notes.push(format!("{at}: {n}"));
    }
    let values: Vec<Decimal> = t.by_month.iter().flatten().copied().collect();
    report.raw_targets += values.len();
    report.raw_zero_targets += values.iter().filter(|v| v.is_zero()).count();
    let behaviour = match (raw.behaviour, raw.metas) {
        (Some(b), Some(m)) if b != m => {
            report.notes.push(format!(
                "{at}: comportamiento {} con «Metas» del otro tipo; vale el comportamiento",
                b.word()
            ));
            b
        }
        (Some(b), _) | (None, Some(b)) => b,
        (None, None) => return Err(format!("{at}: sin comportamiento")),
    };
    if values.is_empty() {
        report.without_targets.push(format!(
            "{at}: {} (metas sin cerrar, sin valores): no se exporta",
            raw.name
        ));
        return Ok(None);
    }
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    for s in &t.spans {
        *counts.entry(*s).or_default() += 1;
    }
    let span = counts
        .iter()
        .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
        .map(|(s, _)| *s)
        .unwrap_or(1);
    if counts.len() > 1 {
        report.mixed_spans += 1;
        report.notes.push(format!(
            "{at}: períodos mixtos {counts:?} (meses→cantidad): se toma {span} meses"
        ));
    }
    let periodicidad =
        period::periodicidad(span).ok_or_else(|| format!("{at}: período de {span} meses"))?;
    let (medida, _) = classify::medida(&raw.name)
        .ok_or_else(|| format!("{at}: sin medida para «{}»", raw.name))?;
    if medida == "porcentaje" && values.iter().any(|v| *v > Decimal::ONE) {
        report.notes.push(format!(
            "{at}: porcentaje con metas mayores que 1: {values:?}"
        ));
    }
    Ok(Some(Indicator {
        line: raw.line,
        objective: raw.objective.clone(),
        code: raw.code.clone(),
        name: raw.name.clone(),
        behaviour,
        periodicidad,
        targets: t.by_month,
        medida,
        sentido: classify::sentido(&raw.name),
    }))
}

/// Adds an indicator, dropping it when the unit already has the same code,
/// name and targets (a sheet repeated in the seed). In a repeated sheet the
/// same code and targets under a reworded name is a repeat too.
fn add(unit: &mut PlanUnit, ind: Indicator, repeat_sheet: bool, report: &mut Report) {
    let same = unit
        .indicators
        .iter()
        .find(|o| o.code == ind.code && o.name == ind.name);
    let reworded = || {
        unit.indicators
            .iter()
            .find(|o| repeat_sheet && o.code == ind.code && o.targets == ind.targets)
    };
    match same {
        Some(o) if o.targets == ind.targets => {
            report.duplicates_dropped.push(format!(
                "línea {}: {} «{}» repite la línea {} en {}",
                ind.line, ind.code, ind.name, o.line, unit.unit.name
            ));
        }
        Some(o) => {
            report.notes.push(format!(
                "línea {}: {} «{}» repite la línea {} en {} con otras metas: se conservan ambos",
                ind.line, ind.code, ind.name, o.line, unit.unit.name
            ));
            unit.indicators.push(ind);
        }
        None => match reworded() {
            Some(o) => report.duplicates_dropped.push(format!(
                "línea {}: {} «{}» repite con otra redacción la línea {} («{}») en {}",
                ind.line, ind.code, ind.name, o.line, o.name, unit.unit.name
            )),
            None => unit.indicators.push(ind),
        },
    }
}
