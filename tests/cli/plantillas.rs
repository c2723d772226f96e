//! A user's template is checked by `validar`, with or without a period,
//! against the real data of a month and of the year: a mistake is an input
//! error naming the template and the line to fix, before any run.

use std::path::Path;

use crate::common::*;

/// basico with the built-in `template` changed on one line (`from` → `to`)
/// as the user's; returns the folder and the 1-based line changed.
fn con_plantilla(template: &str, from: &str, to: &str) -> (tempfile::TempDir, usize) {
    let dir = con_toml(&fixture("basico"), "");
    let text = lotaip::render::BUILTIN
        .iter()
        .find(|(n, _)| *n == template)
        .map(|(_, t)| *t)
        .expect("a built-in template");
    let line = text
        .lines()
        .position(|l| l.contains(from))
        .unwrap_or_else(|| panic!("{from} not in {template}"))
        + 1;
    let plantillas = dir.path().join("plantillas");
    std::fs::create_dir(&plantillas).unwrap();
    std::fs::write(plantillas.join(template), text.replacen(from, to, 1)).unwrap();
    (dir, line)
}

/// `validar` on `dir`, with the extra arguments: (exit code, stderr).
fn validar(dir: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["validar", "--entrada", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = lotaip(&args);
    (o.status.code(), texts(&o).1)
}

#[test]
fn an_unclosed_tag_is_named_where_it_opens_with_and_without_a_period() {
    let (dir, line) = con_plantilla(
        "provincia.html",
        "<h2>Resumen por unidad</h2>",
        "<h2>Resumen por unidad",
    );
    for extra in [&[][..], &["--periodo", "2025-06"][..]] {
        let (code, stderr) = validar(dir.path(), extra);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!("plantilla provincia.html, línea {line}: ")),
            "{stderr}"
        );
        assert!(stderr.contains("<h2> no se cierra"), "{stderr}");
        assert!(stderr.contains("«<h2>Resumen por unidad»"), "{stderr}");
        assert!(!stderr.contains("XHTML line"), "English: {stderr}");
    }
    // generar says the same, as an input error, and writes nothing.
    let out = tempfile::tempdir().unwrap();
    let o = generar_en(dir.path(), "2025-06", out.path(), &[]);
    let (_, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("plantilla provincia.html, línea {line}: ")));
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn an_unknown_variable_is_found_without_a_period() {
    let (dir, line) = con_plantilla(
        "provincia.html",
        "<h2>Evolución mensual {{ anio }}</h2>",
        "<h2>Evolución mensual {{ anyo }}</h2>",
    );
    let (code, stderr) = validar(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "plantilla provincia.html, línea {line}: la variable «anyo» no existe"
        )),
        "{stderr}"
    );
}

#[test]
fn an_unclosed_loop_is_reported_where_it_opens() {
    let text = lotaip::render::BUILTIN
        .iter()
        .find(|(n, _)| *n == "provincia.html")
        .map(|(_, t)| *t)
        .unwrap();
    // The last loop of the template, without its end tag.
    let lines: Vec<&str> = text.lines().collect();
    let opens = lines
        .iter()
        .rposition(|l| l.starts_with("{% for "))
        .expect("a loop")
        + 1;
    let closes = text
        .lines()
        .enumerate()
        .skip(opens)
        .find(|(_, l)| l.starts_with("{% endfor"))
        .map(|(i, _)| i)
        .expect("its end");
    let broken: String = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != closes)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let dir = con_toml(&fixture("basico"), "");
    std::fs::create_dir(dir.path().join("plantillas")).unwrap();
    std::fs::write(dir.path().join("plantillas/provincia.html"), broken).unwrap();
    let (code, stderr) = validar(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "plantilla provincia.html, línea {opens}: el bloque «{{% for … %}}» que se abre en esta línea no se cierra: falta {{% endfor %}}"
        )),
        "{stderr}"
    );
}

#[test]
fn the_year_templates_meet_the_data_in_validar() {
    let (dir, line) = con_plantilla(
        "rendicion.html",
        "{{ institucion.siglas }}",
        "{{ institucion.sigla }}",
    );
    let (code, stderr) = validar(dir.path(), &["--periodo", "2025-06"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "plantilla rendicion.html, línea {line}: el campo «sigla» no existe"
        )),
        "{stderr}"
    );
}

#[test]
fn validar_says_which_month_the_templates_met() {
    let o = lotaip(&["validar", "--entrada", fixture("basico").to_str().unwrap()]);
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stderr}");
    // basico's latest result is of June.
    assert!(
        stdout.contains("Plantillas comprobadas con los datos de junio de 2025 y del año 2025"),
        "{stdout}"
    );
}
