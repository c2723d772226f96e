//! The printed summary: counts, repairs, curated classifications and every
//! irregularity met on the way.

use crate::checks::Facts;
use crate::plan::{Indicator, Plan};
use crate::seed::Seed;
use crate::units::Level;
use std::collections::BTreeMap;

fn count_by<T: Ord>(items: impl Iterator<Item = T>) -> BTreeMap<T, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

fn indicators(plan: &Plan) -> impl Iterator<Item = &Indicator> {
    plan.units.iter().flat_map(|u| &u.indicators)
}

pub fn print_seed(seed: &Seed, plan: &Plan, facts: &Facts) {
    let r = &plan.report;
    let levels = count_by(plan.units.iter().map(|u| match u.unit.level {
        Level::Root => "1 raíz",
        Level::Direction => "2 direcciones nacionales",
        Level::Subunit => "3 subunidades nacionales",
        Level::Zone => "4 zonas",
        Level::ProvincialDirection => "5 direcciones provinciales",
        Level::ProvincialUnit => "6 unidades provinciales",
    }));
    let provinces = count_by(plan.units.iter().filter_map(|u| u.unit.provincia));
    let rows: usize = plan.units.iter().map(|u| u.indicators.len()).sum();
    let exported: Vec<_> = indicators(plan)
        .flat_map(|i| i.targets.iter().flatten())
        .collect();
    println!("== Semilla");
    println!(
        "encabezados de unidad: {} ({} partidos en dos líneas)",
        facts.headers, seed.wrapped_headers
    );
    println!(
        "unidades tras fusionar hojas repetidas: {} {levels:?}",
        plan.units.len()
    );
    println!(
        "unidades con indicadores: {}",
        plan.units
            .iter()
            .filter(|u| !u.indicators.is_empty())
            .count()
    );
    println!("provincias: {}", provinces.len());
    println!(
        "bloques de indicador: {}; sin valores: {}; repetidos en hojas repetidas, descartados: {}; filas de metas: {rows}",
        facts.blocks,
        r.without_targets.len(),
        r.duplicates_dropped.len()
    );
    println!(
        "valores de meta leídos: {} (en cero: {}); exportados: {} (en cero: {})",
        facts.targets,
        facts.zero_targets,
        exported.len(),
        exported.iter().filter(|v| v.is_zero()).count()
    );
    println!(
        "reparaciones: {} números partidos por un espacio; {} dígitos envueltos a la línea siguiente unidos; \
{} 13.º valores iguales a diciembre descartados ({} distintos); {} valores sobrantes descartados; \
{} indicadores con períodos de distinta duración; \
{} comportamientos en la línea siguiente; {} «Metas (…)» en la cabecera «Indicador»",
        r.space_repairs,
        r.wrapped_joins,
        r.thirteenth_equal,
        r.thirteenth_different,
        r.surplus_values,
        r.mixed_spans,
        seed.behaviour_on_next_line,
        seed.metas_in_indicator_header
    );
    println!(
        "comportamiento: {:?}",
        count_by(indicators(plan).map(|i| i.behaviour.word()))
    );
    println!(
        "periodicidad: {:?}",
        count_by(indicators(plan).map(|i| i.periodicidad))
    );
    let by_keyword = indicators(plan).filter(|i| decided_by_keyword(i)).count();
    println!(
        "medida: {:?} (por palabra clave: {by_keyword}, por primera palabra: {})",
        count_by(indicators(plan).map(|i| i.medida)),
        rows - by_keyword
    );
    println!(
        "sentido: {:?}",
        count_by(indicators(plan).map(|i| i.sentido))
    );
    let keyword_names = count_by(
        indicators(plan)
            .filter(|i| decided_by_keyword(i))
            .map(|i| (i.medida, i.name.as_str())),
    );
    println!("\n== Medida decidida por palabra clave (medida, nombre: filas)");
    for ((m, n), c) in keyword_names {
        println!("  {m:<10} {n}: {c}");
    }
    println!("\n== Marcados decreciente (nombre: filas)");
    for (n, c) in count_by(
        indicators(plan)
            .filter(|i| i.sentido == "decreciente")
            .map(|i| i.name.as_str()),
    ) {
        println!("  {n}: {c}");
    }
    println!(
        "\n== Creciente con metas discretas que bajan en el año (revisado, se deja creciente)"
    );
    let falling = count_by(
        indicators(plan)
            .filter(|i| i.sentido == "creciente" && falls(i))
            .map(|i| i.name.as_str()),
    );
    for (n, c) in falling {
        println!("  {n}: {c}");
    }
    println!("\n== Proyectos con presupuesto planeado (base de `inversion` en presupuesto.xlsx)");
    for sheet in &seed.sheets {
        for p in sheet.projects.iter().filter(|p| !p.budget.is_zero()) {
            let unit = sheet
                .header
                .segments
                .last()
                .map_or("(raíz)", String::as_str);
            println!("  línea {}: {unit}: {} — {}", p.line, p.name, p.budget);
        }
    }
    println!("\n== Ortografía corregida en encabezados (veces)");
    for (s, c) in &r.spellings {
        println!("  {s}: {c}");
    }
    println!("\n== Irregularidades");
    for n in seed
        .notes
        .iter()
        .chain(&r.notes)
        .chain(&r.without_targets)
        .chain(&r.duplicates_dropped)
    {
        println!("  {n}");
    }
}

fn decided_by_keyword(i: &Indicator) -> bool {
    matches!(
        crate::classify::medida(&i.name),
        Some((_, crate::classify::Source::Keyword))
    )
}

/// A discreto series whose last target is below its first.
fn falls(i: &Indicator) -> bool {
    let v: Vec<_> = i.targets.iter().flatten().collect();
    i.behaviour == crate::seed::Behaviour::Discreto && v.len() > 1 && v[v.len() - 1] < v[0]
}

pub fn print_checks(checks: &[(String, bool)]) -> bool {
    println!("\n== Comprobaciones");
    for (what, ok) in checks {
        println!("  [{}] {what}", if *ok { "ok" } else { "FALLA" });
    }
    checks.iter().all(|(_, ok)| *ok)
}
