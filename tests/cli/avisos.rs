//! Warnings never stop a run: they are listed in the run summary and in the
//! «Avisos» sheet of the cumplimiento workbook.

use std::path::Path;

use crate::common::*;

/// A copy of basico with text replaced in some of its files.
fn variant(changes: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(fixture("basico")).expect("fixture") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
    }
    for (file, from, to) in changes {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{from} not in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    dir
}

/// Runs June on a folder; returns stdout and the «Avisos» sheet as (kind, row, message).
fn run(dir: &Path) -> (String, Vec<(String, String, String)>) {
    let (out, o) = generar(dir, "2025-06");
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let s = sheet(
        &out.path().join("2025-06/cumplimiento_2025-06.xlsx"),
        "Avisos",
    );
    let rows = (1..s.height() as u32)
        .map(|r| (text(&s, r, 0), text(&s, r, 3), text(&s, r, 5)))
        .collect();
    (stdout, rows)
}

const DG2_JUNE: &str = "Dirección General;DG-2;;junio 2025;105;";

#[test]
fn a_result_far_from_its_target_is_listed_at_its_row() {
    let dir = variant(&[(
        "resultados.csv",
        DG2_JUNE,
        "Dirección General;DG-2;;junio 2025;1050;",
    )]);
    let (stdout, avisos) = run(dir.path());
    assert!(stdout.contains("resultado atípico: 1"), "{stdout}");
    let (_, row, msg) = avisos
        .iter()
        .find(|a| a.0 == "resultado atípico")
        .expect("warning in the sheet");
    assert_eq!(row, "3");
    assert_eq!(
        msg,
        "«Número de afiliados activos» de «Dirección General»: el resultado de junio (1.050) es 10,5 veces la meta (100); revise si sobra o falta un cero o si está en otra escala"
    );
}

#[test]
fn the_far_off_factor_is_a_setting() {
    let dir = variant(&[
        (
            "resultados.csv",
            DG2_JUNE,
            "Dirección General;DG-2;;junio 2025;1050;",
        ),
        (
            "lotaip.toml",
            "[responsable]",
            "[avisos]\nfactor_atipico = 20\n\n[responsable]",
        ),
    ]);
    let (stdout, avisos) = run(dir.path());
    assert!(!stdout.contains("resultado atípico"), "{stdout}");
    assert!(avisos.iter().all(|a| a.0 != "resultado atípico"));
}

#[test]
fn provincial_targets_that_do_not_add_up_are_listed() {
    let national = "Dirección General;gobernante;;;Incrementar la eficiencia operacional;NA-9;Número de afiliados nuevos;numero;;discreto;;;;;;;;;;;;;100;;;\n";
    let azuay = "Dirección Provincial Azuay;desconcentrado;Azuay;6;Incrementar la recaudación;DP-9;Número de afiliados nuevos;numero;;discreto;;;;;;;;;;;;;60;;;\n";
    let rios = "Dirección Provincial Los Ríos;desconcentrado;Los Rios;5;Incrementar la cobertura;DP-9;Número de afiliados nuevos;numero;;discreto;;;;;;;;;;;;;30;;;\n";
    let dir = variant(&[
        (
            "metas.csv",
            "Dirección Provincial Azuay;PROCESOS",
            &format!("{national}{azuay}{rios}Dirección Provincial Azuay;PROCESOS"),
        ),
        (
            "lotaip.toml",
            "[responsable]",
            "[avisos]\ncodigo_provincial = \"DP-\"\ncodigo_nacional = \"NA-\"\n\n[responsable]",
        ),
    ]);
    let (stdout, avisos) = run(dir.path());
    assert!(stdout.contains("suma provincial: 1"), "{stdout}");
    let (_, row, msg) = avisos
        .iter()
        .find(|a| a.0 == "suma provincial")
        .expect("warning in the sheet");
    assert_eq!(row, "5");
    assert_eq!(
        msg,
        "las metas de diciembre de 2 Direcciones Provinciales suman 90, pero la meta nacional «NA-9» «Número de afiliados nuevos» de «Dirección General» es 100 (diferencia -10)"
    );
}

#[test]
fn provincial_targets_that_add_up_raise_nothing() {
    let national = "Dirección General;gobernante;;;Incrementar la eficiencia operacional;NA-9;Número de afiliados nuevos;numero;;discreto;;;;;;;;;;;;;90;;;\n";
    let azuay = "Dirección Provincial Azuay;desconcentrado;Azuay;6;Incrementar la recaudación;DP-9;Número de afiliados nuevos;numero;;discreto;;;;;;;;;;;;;60;;;\n";
    let rios = "Dirección Provincial Los Ríos;desconcentrado;Los Rios;5;Incrementar la cobertura;DP-9;Número de afiliados nuevos;numero;;discreto;;;;;;;;;;;;;30;;;\n";
    let dir = variant(&[
        (
            "metas.csv",
            "Dirección Provincial Azuay;PROCESOS",
            &format!("{national}{azuay}{rios}Dirección Provincial Azuay;PROCESOS"),
        ),
        (
            "lotaip.toml",
            "[responsable]",
            "[avisos]\ncodigo_provincial = \"DP-\"\ncodigo_nacional = \"NA-\"\n\n[responsable]",
        ),
    ]);
    let (stdout, _) = run(dir.path());
    assert!(!stdout.contains("suma provincial"), "{stdout}");
}

#[test]
fn zero_targets_and_repeated_rows_are_listed_and_the_run_goes_on() {
    let (stdout, avisos) = run(&fixture("basico"));
    assert!(stdout.contains("Avisos:"), "{stdout}");
    let kinds: Vec<&str> = avisos.iter().map(|a| a.0.as_str()).collect();
    assert!(kinds.contains(&"real cero"), "{kinds:?}");
    assert!(kinds.contains(&"fila repetida"), "{kinds:?}");
}

#[test]
fn acknowledged_kinds_are_counted_not_listed_and_stay_in_the_sheet() {
    let dir = variant(&[(
        "lotaip.toml",
        "anio = 2025",
        "anio = 2025\n[avisos]\nconocidos = [\"medida inferida\"]",
    )]);
    let (stdout, avisos) = run(dir.path());
    assert!(
        stdout.contains("además 2 conocidos (medida inferida: 2), contados y no listados"),
        "{stdout}"
    );
    assert!(!stdout.contains("[medida inferida]"), "{stdout}");
    // The others are still listed one by one.
    assert!(stdout.contains("[fila repetida]"), "{stdout}");
    // The workbook keeps the whole record.
    assert_eq!(
        avisos.iter().filter(|a| a.0 == "medida inferida").count(),
        2
    );
}

#[test]
fn an_unknown_kind_to_acknowledge_is_refused_with_the_closest() {
    let dir = variant(&[(
        "lotaip.toml",
        "anio = 2025",
        "anio = 2025\n[avisos]\nconocidos = [\"filas repetidas\"]",
    )]);
    let o = lotaip(&["validar", "--entrada", dir.path().to_str().unwrap()]);
    let (_, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("«filas repetidas» no es un tipo de aviso; ¿quiso decir «fila repetida»?"),
        "{stderr}"
    );
}
