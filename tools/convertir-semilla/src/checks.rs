//! Facts the seed must reproduce; the conversion stops if one fails.

use crate::plan::Plan;
use crate::seed::Seed;
use crate::units::Level;
use rust_decimal::Decimal;

pub const HEADERS: usize = 292;
pub const BLOCKS: usize = 1811;
/// Target values read from all blocks (the seed README says ~15,500).
pub const TARGETS: usize = 15_491;
pub const ZERO_TARGETS: usize = 505;
pub const NATIONAL_CARTERA: &str = "1054666507.88";

#[derive(Debug)]
pub struct Facts {
    pub headers: usize,
    pub blocks: usize,
    pub targets: usize,
    pub zero_targets: usize,
    pub provinces_with_cartera: usize,
    pub provincial_cartera: Decimal,
    pub national_cartera: Option<Decimal>,
}

pub fn facts(seed: &Seed, plan: &Plan) -> Facts {
    let december = |code: &str, level: Level| -> Vec<Decimal> {
        plan.units
            .iter()
            .filter(|u| u.unit.level == level)
            .flat_map(|u| {
                u.indicators
                    .iter()
                    .filter(|i| i.code == code)
                    .filter_map(|i| i.targets[11])
            })
            .collect()
    };
    let provincial = december("IE-DNRGC-DP-10", Level::ProvincialDirection);
    Facts {
        headers: seed.sheets.len(),
        blocks: seed.sheets.iter().map(|s| s.indicators.len()).sum(),
        targets: plan.report.raw_targets,
        zero_targets: plan.report.raw_zero_targets,
        provinces_with_cartera: provincial.len(),
        provincial_cartera: provincial.iter().sum(),
        national_cartera: december("IE-DNRGC-NA-10", Level::Root).first().copied(),
    }
}

/// Each check as (description, passed).
pub fn verify(f: &Facts) -> Vec<(String, bool)> {
    let national: Decimal = NATIONAL_CARTERA.parse().expect("constant decimal");
    vec![
        (
            format!("encabezados de unidad: {} (esperado {HEADERS})", f.headers),
            f.headers == HEADERS,
        ),
        (
            format!("bloques de indicador: {} (esperado {BLOCKS})", f.blocks),
            f.blocks == BLOCKS,
        ),
        (
            format!("valores de meta: {} (esperado {TARGETS})", f.targets),
            f.targets == TARGETS,
        ),
        (
            format!(
                "metas en cero: {} (esperado {ZERO_TARGETS})",
                f.zero_targets
            ),
            f.zero_targets == ZERO_TARGETS,
        ),
        (
            format!(
                "cartera en mora, diciembre: {} Direcciones Provinciales suman {} = nacional {}",
                f.provinces_with_cartera,
                f.provincial_cartera,
                f.national_cartera.map_or("—".into(), |d| d.to_string())
            ),
            f.provinces_with_cartera == 24
                && f.provincial_cartera == national
                && f.national_cartera == Some(national),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The seed kept with the converter (`semillas/`, a copy of the
    /// published document), or `SEMILLA_000`.
    fn seed_path() -> PathBuf {
        std::env::var_os("SEMILLA_000")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("semillas/000_6de103d26a7702fd.txt")
            })
    }

    #[test]
    fn the_real_seed_reproduces_its_facts() {
        let path = seed_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("no se pudo leer la semilla {}: {e}", path.display()));
        let seed = crate::seed::read(&text).unwrap();
        let plan = crate::plan::build(&seed).unwrap();
        let f = facts(&seed, &plan);
        for (what, ok) in verify(&f) {
            assert!(ok, "{what}");
        }
        // Every exported unit name is unique and every row has targets.
        let mut names: Vec<&str> = plan.units.iter().map(|u| u.unit.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
        assert!(
            plan.units
                .iter()
                .flat_map(|u| &u.indicators)
                .all(|i| i.targets.iter().any(Option::is_some))
        );
        let provinces: std::collections::BTreeSet<_> =
            plan.units.iter().filter_map(|u| u.unit.provincia).collect();
        assert_eq!(provinces.len(), 24);
    }
}
