//! `validar`, `iniciar`, `plantillas` and user templates.

use crate::common::*;

#[test]
fn validar_checks_everything_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("basico")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let before = files_under(dir.path());
    let o = lotaip(&[
        "validar",
        "--entrada",
        dir.path().to_str().unwrap(),
        "--periodo",
        "2025-06",
    ]);
    let (out, err) = texts(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("Entradas correctas"), "{out}");
    assert!(
        out.contains("Cumplimiento institucional de junio de 2025: 78,73 %"),
        "{out}"
    );
    assert_eq!(files_under(dir.path()), before);
}

#[test]
fn iniciar_writes_starter_inputs_that_validar_explains() {
    let dir = tempfile::tempdir().unwrap();
    let o = lotaip(&["iniciar", dir.path().to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(
        files_under(dir.path()),
        [
            "lotaip.toml",
            "metas.xlsx",
            "presupuesto.xlsx",
            "rendicion.xlsx",
            "resultados.xlsx"
        ]
    );
    // The institution is not filled in yet: validar says so and fails.
    let o = lotaip(&["validar", "--entrada", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texts(&o)
            .1
            .contains("[institucion] necesita «nombre» y «siglas»")
    );
}

#[test]
fn user_templates_override_the_builtin_ones() {
    let dir = tempfile::tempdir().unwrap();
    let plantillas = dir.path().join("plantillas");
    let o = lotaip(&["plantillas", "--destino", plantillas.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(plantillas.join("cumplimiento.csv").exists());
    std::fs::write(
        plantillas.join("cumplimiento.csv"),
        "propia;{{ filas | length }}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = lotaip(&[
        "generar",
        "--periodo",
        "2025-06",
        "--entrada",
        fixture("basico").to_str().unwrap(),
        "--plantillas",
        plantillas.to_str().unwrap(),
        "--salida",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{:?}", texts(&o));
    assert_eq!(
        std::fs::read_to_string(out.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap(),
        "propia;10\n"
    );
}

#[test]
fn the_starter_rendicion_workbook_is_accepted_unanswered() {
    let starter = tempfile::tempdir().unwrap();
    assert!(
        lotaip(&["iniciar", starter.path().to_str().unwrap()])
            .status
            .success()
    );
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("basico")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        starter.path().join("rendicion.xlsx"),
        dir.path().join("rendicion.xlsx"),
    )
    .unwrap();
    let o = lotaip(&["validar", "--entrada", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{:?}", texts(&o));
}

#[test]
fn every_command_help_is_in_spanish() {
    for cmd in [
        "generar",
        "rendicion",
        "validar",
        "verificar",
        "revisar",
        "iniciar",
        "plantillas",
    ] {
        let o = lotaip(&[cmd, "--help"]);
        let (stdout, _) = texts(&o);
        assert!(o.status.success(), "{cmd}: {stdout}");
        for english in ["Usage:", "Arguments:", "Options:"] {
            assert!(!stdout.contains(english), "{cmd} --help: {stdout}");
        }
        // Each help ends with examples of the command itself.
        let ejemplos = stdout
            .split_once("Ejemplos:\n")
            .unwrap_or_else(|| panic!("{cmd} --help has no examples: {stdout}"))
            .1;
        assert!(
            ejemplos
                .lines()
                .all(|l| l.starts_with(&format!("  lotaip {cmd}"))),
            "{cmd}: {ejemplos}"
        );
        // `lotaip help <cmd>` is the same page.
        let o = lotaip(&["help", cmd]);
        assert!(o.status.success());
        assert_eq!(texts(&o).0, stdout, "lotaip help {cmd}");
    }
}

#[test]
fn usage_errors_point_to_the_commands_help_and_suggest_the_closest() {
    let err = |args: &[&str]| {
        let o = lotaip(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        texts(&o).1
    };
    let e = err(&["generar", "--salidas", "x"]);
    assert!(
        e.contains("argumento desconocido «--salidas»; ¿quiso decir «--salida»?"),
        "{e}"
    );
    assert!(e.contains("use «lotaip generar --help»"), "{e}");
    let e = err(&["generar", "--periodo"]);
    assert!(e.contains("falta el valor de --periodo"), "{e}");
    assert!(!e.contains("«»"), "{e}");
    let e = err(&["generr"]);
    assert!(e.contains("¿quiso decir «generar»?"), "{e}");
    assert!(e.contains("use «lotaip --help»"), "{e}");
}
