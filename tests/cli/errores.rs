//! Bad input stops the run with a Spanish message naming file, sheet, row and
//! column, exit code 1, and nothing written.

use std::path::Path;

use crate::common::*;

/// A copy of the `basico` fixture with one file's text changed.
fn variant(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(fixture("basico")).expect("fixture") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    dir
}

/// Runs `generar` on an input folder and checks exit 1, nothing written; returns stderr.
fn fails(entrada: &Path) -> String {
    let (out, o) = generar(entrada, "2025-06");
    let (stdout, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        files_under(out.path()).is_empty(),
        "wrote {:?}",
        files_under(out.path())
    );
    stderr
}

#[test]
fn a_wrong_number_names_file_row_and_column() {
    let dir = variant(
        "metas.csv",
        ";100;100;100;100;100;100;100;100;100;100;100;100;ultimo",
        ";100;100;100;cien;100;100;100;100;100;100;100;100;ultimo",
    );
    let e = fails(dir.path());
    assert!(e.contains("hay 1 problema en los datos de entrada"), "{e}");
    assert!(
        e.contains("metas.csv, fila 3, columna O (Abr): se esperaba un número (p. ej. 1234,56, 1.234,56, 1,234.56, $ 9.250.000,00 u 85 %); «cien» no se lee con ninguna convención"),
        "{e}"
    );
}

#[test]
fn all_problems_of_a_file_are_reported_at_once() {
    let dir = variant(
        "metas.csv",
        "Dirección General;gobernante;;;Incrementar la eficiencia operacional;DG-1",
        "Dirección General;gobernador;;;Incrementar la eficiencia operacional;DG-1",
    );
    let text = std::fs::read_to_string(dir.path().join("metas.csv")).unwrap();
    std::fs::write(
        dir.path().join("metas.csv"),
        text.replace(";Azuay;6;", ";Asuay;6;")
            .replace("$ 1.000.000,00", "$ 1,000,000,00"),
    )
    .unwrap();
    let e = fails(dir.path());
    assert!(e.contains("hay 5 problemas"), "{e}");
    assert!(e.contains("fila 2, columna B (Proceso): valor desconocido «gobernador»; se esperaba «gobernante», «agregador de valor»"), "{e}");
    for row in [6, 7, 8] {
        assert!(e.contains(&format!("fila {row}, columna C (Provincia): provincia desconocida «Asuay»; ¿quiso decir «Azuay»?")), "{e}");
    }
    assert!(
        e.contains("fila 5, columna N (Mar): se esperaba un número"),
        "{e}"
    );
}

#[test]
fn an_unknown_column_is_reported_with_a_suggestion() {
    let dir = variant("metas.csv", "Meta anual;", "Meta anuall;");
    let e = fails(dir.path());
    assert!(e.contains("metas.csv, fila 1, columna Y: columna desconocida «Meta anuall» en metas; ¿quiso decir «meta_anual»?"), "{e}");
}

#[test]
fn a_result_for_an_unknown_indicator_suggests_the_closest() {
    let dir = variant(
        "resultados.csv",
        ";;Porcentaje de inspecciones;jun;",
        ";;Porcentaje de inspeciones;jun;",
    );
    let e = fails(dir.path());
    assert!(
        e.contains("resultados.csv, fila 7, columna C (indicador): no existe en metas el indicador «Porcentaje de inspeciones» en la unidad «Dirección Provincial Azuay»; ¿quiso decir «Porcentaje de inspecciones»?"),
        "{e}"
    );
}

#[test]
fn an_ambiguous_code_asks_for_the_name() {
    let dir = variant(
        "resultados.csv",
        "Dirección Provincial Los Ríos;LR-1;Número de afiliados activos - Fondo;",
        "Dirección Provincial Los Ríos;LR-1;;",
    );
    let e = fails(dir.path());
    assert!(e.contains("el código «LR-1» corresponde a 2 indicadores de la unidad «Dirección Provincial Los Ríos»; escriba también el nombre"), "{e}");
}

#[test]
fn a_period_outside_the_year_is_refused() {
    let dir = variant("resultados.csv", "DG-1;;2025-06;", "DG-1;;2024-06;");
    let e = fails(dir.path());
    assert!(e.contains("resultados.csv, fila 2, columna D (periodo): el período «2024-06» está fuera del año 2025 del plan"), "{e}");
}

#[test]
fn a_broken_configuration_names_its_line() {
    let dir = variant(
        "lotaip.toml",
        "siglas = \"IP\"",
        "siglas = \"IP\"\ncolor = 3",
    );
    let e = fails(dir.path());
    assert!(
        e.contains("lotaip.toml, línea 6: ajuste desconocido «color»"),
        "{e}"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_publication_untouched() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let before = files_under(out.path());
    let bytes = std::fs::read(out.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap();
    let dir = variant("resultados.csv", "0,91", "0,9x1");
    let o = lotaip(&[
        "generar",
        "--periodo",
        "2025-06",
        "--entrada",
        dir.path().to_str().unwrap(),
        "--salida",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(files_under(out.path()), before);
    assert_eq!(
        std::fs::read(out.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap(),
        bytes
    );
}

#[test]
fn usage_errors_exit_with_2_in_spanish() {
    let o = lotaip(&["generar", "--periodo", "2025-13"]);
    assert_eq!(o.status.code(), Some(2));
    let (_, e) = texts(&o);
    assert!(
        e.contains("valor no válido «2025-13» para --periodo"),
        "{e}"
    );
    let o = lotaip(&["publicar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texts(&o).1.contains("comando desconocido «publicar»"));
}

#[test]
fn a_wrong_cell_in_a_workbook_names_its_sheet() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["lotaip.toml", "resultados.csv", "presupuesto.csv"] {
        std::fs::copy(fixture("basico").join(f), dir.path().join(f)).unwrap();
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Metas 2025").unwrap();
    ws.write_string(0, 0, "Plan operativo 2025").unwrap();
    let header = [
        "unidad",
        "proceso",
        "objetivo",
        "codigo",
        "indicador",
        "medida",
        "jun",
        "dic",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let row = [
        "Dirección General",
        "gobernante",
        "Incrementar la eficiencia operacional",
        "DG-1",
        "Porcentaje de ejecución del PAC",
        "porcentaje",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(3, c as u16, *v).unwrap();
    }
    ws.write_number(3, 6, 0.85).unwrap();
    ws.write_string(3, 7, "#¡REF!").unwrap();
    wb.save(dir.path().join("metas.xlsx")).unwrap();
    let e = fails(dir.path());
    assert!(
        e.contains("metas.xlsx, hoja «Metas 2025», fila 4, columna H (dic): la celda contiene el error de hoja de cálculo «#¡REF!»; corrija la fórmula o escriba el valor"),
        "{e}"
    );
}
