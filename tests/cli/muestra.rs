//! The sample inputs built from the real IESS 2025 plan (seed 000).

use crate::common::*;

/// Counts of seed 000 as converted (see tools/convertir-semilla): 287 distinct
/// units, of which 271 have indicators; 1,811 indicator blocks, of which 8
/// repeat another and 2 have no target values.
const UNIDADES: usize = 271;
const INDICADORES: usize = 1801;
/// The link column of the portal's data set.
const ENLACE: &str = "Enlace al sistema de gestión de planificación para verificación de los indicadores y metas cuantificables por procesos o niveles";

#[test]
fn sample_inputs_match_the_seed_counts() {
    let (out, o) = generar(&sample_inputs(), "2025-06");
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!(
            "Entradas: {UNIDADES} unidades, 1.801 indicadores, 24 provincias"
        )),
        "{stdout}"
    );
    let dir = out.path().join("2025-06");
    let provincias = files_under(&dir.join("provincias"));
    assert_eq!(
        provincias.iter().filter(|f| f.ends_with(".xlsx")).count(),
        24,
        "{provincias:?}"
    );
    assert_eq!(
        provincias.iter().filter(|f| f.ends_with(".pdf")).count(),
        24,
        "{provincias:?}"
    );
    assert!(provincias.contains(&"galapagos_2025-06.xlsx".to_string()));
    let cañar = pdftotext(&dir.join("provincias/canar_2025-06.pdf"));
    assert!(
        cañar.contains("Provincia de Cañar") && cañar.contains("Dirección Provincial Cañar"),
        "{cañar}"
    );
    assert!(pdftotext(&dir.join("provincias/sucumbios_2025-06.pdf")).contains("Sucumbíos"));
    assert_eq!(
        csv_rows(&dir.join("cumplimiento_2025-06.csv")).len(),
        INDICADORES
    );
    let datos = csv_rows(&dir.join("pnt/numeral_1.3/conjunto_de_datos.csv"));
    assert_eq!(datos.len(), INDICADORES);
    let units: std::collections::BTreeSet<&str> =
        datos.iter().map(|r| r["Unidad"].as_str()).collect();
    assert_eq!(units.len(), UNIDADES);
    assert!(
        datos
            .iter()
            .all(|r| r[ENLACE] == "https://www.iess.gob.ec/es/web/guest/ley-de-transparencia"),
        "every row carries the planning system's link"
    );
    let prov = sheet(&dir.join("cumplimiento_2025-06.xlsx"), "Por provincia");
    let names: Vec<String> = (1..25).map(|r| text(&prov, r, 0)).collect();
    assert_eq!(names.first().map(String::as_str), Some("Azuay"));
    assert!(
        names.contains(&"Santo Domingo de los Tsáchilas".to_string())
            && names.contains(&"Sucumbíos".to_string())
    );
}

#[test]
fn provincial_cartera_targets_sum_to_the_national_one() {
    // Seed 000: the 24 Direcciones Provinciales' December targets of
    // IE-DNRGC-DP-10 sum to the national IE-DNRGC-NA-10 (their own provincial
    // units repeat the code, so only the Direcciones Provinciales are added).
    let (out, o) = generar(&sample_inputs(), "2025-12");
    assert!(o.status.success());
    let rows = csv_rows(&out.path().join("2025-12/cumplimiento_2025-12.csv"));
    let provincial: Vec<rust_decimal::Decimal> = rows
        .iter()
        .filter(|r| {
            r["codigo"] == "IE-DNRGC-DP-10" && r["unidad"].starts_with("Dirección Provincial")
        })
        .map(|r| r["meta"].parse().unwrap())
        .collect();
    assert_eq!(provincial.len(), 24);
    let national = rows
        .iter()
        .find(|r| r["codigo"] == "IE-DNRGC-NA-10")
        .expect("national cartera indicator");
    assert_eq!(national["meta"], "1054666507.88");
    assert_eq!(
        provincial.iter().sum::<rust_decimal::Decimal>().to_string(),
        "1054666507.88"
    );
}

#[test]
fn provincial_sums_are_checked_against_the_national_targets() {
    // inputs/lotaip.toml maps the provincial `-DP-` codes to the national
    // `-NA-` ones. Cartera (IE-DNRGC-NA-10) adds up within a cent of
    // rounding every month; afiliados activos (IE-DNAC-NA-45) is short by
    // 23.683 in every month of the plan.
    let (out, o) = generar(&sample_inputs(), "2025-12");
    assert!(o.status.success());
    let s = sheet(
        &out.path().join("2025-12/cumplimiento_2025-12.xlsx"),
        "Avisos",
    );
    let sums: Vec<String> = (1..s.height() as u32)
        .filter(|&r| text(&s, r, 0) == "suma provincial")
        .map(|r| text(&s, r, 5))
        .collect();
    assert_eq!(sums.len(), 1, "{sums:#?}");
    assert!(
        sums[0].starts_with("las metas de diciembre de 24 Direcciones Provinciales suman 3.835.029, pero la meta nacional «IE-DNAC-NA-45»"),
        "{}",
        sums[0]
    );
    assert!(sums[0].contains("(diferencia -23.683)"), "{}", sums[0]);
}
