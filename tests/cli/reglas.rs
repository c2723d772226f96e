//! Every warning kind and the policies of SPEC 2, run in-process through
//! the library's pipeline (`publicacion::validar`, `publicacion::anual`) on
//! small folders: basico with one change each.

use std::path::Path;

use lotaip::model::Periodo;
use lotaip::publicacion::{self, Anual, Entrada, Salida};
use lotaip::publish::Inicio;
use rust_decimal::Decimal;

use crate::common::*;

/// basico with files changed or added (`(file, from, to)`: `from` empty
/// writes `to` as the whole file).
fn folder(changes: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("basico")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    for (file, from, to) in changes {
        let path = dir.path().join(file);
        if from.is_empty() {
            std::fs::write(&path, to).unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} not in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    dir
}

fn entrada(dir: &Path) -> Entrada {
    Entrada {
        carpeta: dir.to_path_buf(),
        plantillas: dir.join("plantillas"),
        porcentajes: None,
    }
}

/// The kinds of the month's warnings.
fn kinds(dir: &Path) -> Vec<String> {
    let v = publicacion::validar(&entrada(dir), Some(Periodo { anio: 2025, mes: 6 }))
        .unwrap_or_else(|e| panic!("{e}"));
    v.informe
        .expect("the month")
        .avisos
        .iter()
        .map(|w| w.kind.clone())
        .collect()
}

fn has(kinds: &[String], kind: &str) -> bool {
    kinds.iter().any(|k| k == kind)
}

#[test]
fn basico_warns_of_its_inferred_measure_real_zero_and_repeated_row() {
    let k = kinds(&fixture("basico"));
    for kind in ["medida inferida", "real cero", "fila repetida"] {
        assert!(has(&k, kind), "{kind}: {k:?}");
    }
    for kind in [
        "meta cero",
        "sin resultados",
        "hoja ignorada",
        "resultado sin meta",
    ] {
        assert!(!has(&k, kind), "{kind}: {k:?}");
    }
}

#[test]
fn a_zero_target_is_flagged() {
    let d = folder(&[(
        "metas.csv",
        "continuo;mensual;100;100;100;100;100;100",
        "continuo;mensual;100;100;100;100;100;0",
    )]);
    assert!(has(&kinds(d.path()), "meta cero"));
}

#[test]
fn no_results_file_is_flagged() {
    let d = folder(&[]);
    std::fs::remove_file(d.path().join("resultados.csv")).unwrap();
    assert!(has(&kinds(d.path()), "sin resultados"));
}

#[test]
fn a_sheet_without_the_header_is_listed_as_ignored() {
    let d = folder(&[]);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("presupuesto").unwrap();
    for (c, h) in ["unidad", "periodo", "tipo", "codificado", "devengado"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["Dirección General", "2025-06", "corriente", "10", "5"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.add_worksheet()
        .set_name("Notas")
        .unwrap()
        .write_string(0, 0, "Cifras de la Dirección Financiera")
        .unwrap();
    wb.save(d.path().join("presupuesto.xlsx")).unwrap();
    std::fs::remove_file(d.path().join("presupuesto.csv")).unwrap();
    assert!(has(&kinds(d.path()), "hoja ignorada"));
}

#[test]
fn a_result_named_by_a_code_whose_name_differs_is_flagged() {
    let d = folder(&[(
        "resultados.csv",
        "Dirección General;DG-1;;2025-06;0,91",
        "Dirección General;DG-1;Ejecución del PAC;2025-06;0,91",
    )]);
    assert!(has(&kinds(d.path()), "indicador por código"));
}

#[test]
fn a_result_in_a_month_without_target_is_flagged() {
    let d = folder(&[(
        "resultados.csv",
        "Dirección General;DG-1;;2025-06;0,91",
        "Dirección General;DG-1;;2025-06;0,91\nDirección General;DG-1;;2025-05;0,5",
    )]);
    assert!(has(&kinds(d.path()), "resultado sin meta"));
}

#[test]
fn more_executed_than_allocated_is_flagged() {
    let d = folder(&[(
        "presupuesto.csv",
        "Dirección Provincial Azuay;2025-06;corriente;1.000,00;500,00",
        "Dirección Provincial Azuay;2025-06;corriente;1.000,00;1.500,00",
    )]);
    assert!(has(&kinds(d.path()), "devengado mayor al codificado"));
}

#[test]
fn results_left_out_of_the_averages_under_excluir() {
    // DG-2 has no result in April: with «cero» it counts 0 % in April's
    // average, with «excluir» it is left out.
    let month = |policy: &str| {
        let d = folder(&[(
            "lotaip.toml",
            "anio = 2025",
            &format!("anio = 2025\n[politicas]\nsin_reporte = \"{policy}\""),
        )]);
        let v = publicacion::validar(&entrada(d.path()), Some(Periodo { anio: 2025, mes: 6 }))
            .unwrap_or_else(|e| panic!("{e}"));
        let i = v.informe.expect("month");
        (
            i.institucion.promedio,
            i.institucion.contados,
            i.institucion.sin_reporte,
        )
    };
    let (cero, n_cero, sin_cero) = month("cero");
    let (excluir, n_excluir, sin_excluir) = month("excluir");
    assert_eq!(sin_cero, sin_excluir);
    assert!(
        sin_cero > 0,
        "basico has indicators without results in June"
    );
    assert_eq!(n_cero, n_excluir + sin_cero);
    assert!(excluir > cero, "{excluir:?} > {cero:?}");
    assert!(excluir.unwrap_or_default() <= Decimal::ONE_HUNDRED);
}

#[test]
fn the_year_warns_of_defaulted_sums_missing_months_and_unanswered_sections() {
    // A count reported month by month is summed by default.
    let d = folder(&[
        (
            "metas.csv",
            "numero;;continuo;mensual",
            "numero;;discreto;mensual",
        ),
        ("metas.csv", ";ultimo;;", ";;;"),
    ]);
    let out = tempfile::tempdir().unwrap();
    let r = publicacion::anual(
        &Anual {
            entrada: entrada(d.path()),
            anio: 2025,
            salida: Salida {
                carpeta: out.path().to_path_buf(),
                espera: std::time::Duration::ZERO,
            },
            fecha: None,
        },
        Inicio::ahora(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let k: Vec<String> = r.avisos.iter().map(|w| w.kind.clone()).collect();
    for kind in [
        "suma por omisión",
        "resultado anual incompleto",
        "sección sin responder",
    ] {
        assert!(has(&k, kind), "{kind}: {k:?}");
    }
}

#[test]
fn the_semaforo_follows_the_figure_as_shown() {
    // 0,722466 / 0,85 = 84,996 %, shown as 85,00 %: verde, as the legend
    // says from 85 %. 0,722449 / 0,85 = 84,994 %, shown as 84,99 %: amarillo.
    let colour = |real: &str| {
        let d = folder(&[(
            "resultados.csv",
            "Porcentaje de inspecciones;jun;72%",
            &format!("Porcentaje de inspecciones;jun;{real}"),
        )]);
        let v = publicacion::validar(&entrada(d.path()), Some(Periodo { anio: 2025, mes: 6 }))
            .unwrap_or_else(|e| panic!("{e}"));
        let i = v.informe.expect("month");
        let ds = &v.cargado.dataset;
        let k = ds
            .indicadores
            .iter()
            .position(|x| {
                x.codigo.as_deref() == Some("DP-2")
                    && ds.unidades[x.unidad].nombre == "Dirección Provincial Azuay"
            })
            .expect("DP-2 of the Dirección Provincial");
        let e = &i.evaluaciones[k];
        (
            e.cumplimiento.map(|p| p.round_dp(2).to_string()),
            e.semaforo.map(|s| s.nombre()),
        )
    };
    assert_eq!(colour("0,722466"), (Some("85.00".into()), Some("verde")));
    assert_eq!(colour("0,722449"), (Some("84.99".into()), Some("amarillo")));
}
