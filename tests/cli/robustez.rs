//! Inputs and folders that are unusual but legitimate: they must publish,
//! whole and right. (Bad ones are in `tests/corpus`.)

use std::path::Path;

use crate::common::*;

/// basico with some files' text changed (`(file, from, to)`, first match each).
fn basico_with(changes: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("basico")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    for (file, from, to) in changes {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} not in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    dir
}

#[test]
fn a_plan_with_no_closed_period_in_the_month_publishes_its_province_reports() {
    // Only December targets: in October no period has closed yet.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("basico").join("lotaip.toml"),
        dir.path().join("lotaip.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("metas.csv"),
        "unidad;proceso;provincia;objetivo;indicador;medida;periodicidad;dic\n\
         Dirección Provincial Azuay;desconcentrado;Azuay;Incrementar la cobertura;Número de afiliados;numero;anual;1000\n\
         Dirección Provincial Carchi;desconcentrado;Carchi;Incrementar la cobertura;Número de afiliados;numero;anual;500\n",
    )
    .unwrap();
    let (out, o) = generar(dir.path(), "2025-10");
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let root = out.path().join("2025-10");
    for p in ["azuay", "carchi"] {
        let pdf = root.join(format!("provincias/{p}_2025-10.pdf"));
        assert!(pdf.exists(), "{}", pdf.display());
        let text = pdftotext(&pdf);
        assert!(
            text.contains("sin período cerrado") || text.contains("Sin período cerrado"),
            "{text}"
        );
    }
}

#[test]
fn a_link_with_letters_beyond_ascii_is_published() {
    let dir = basico_with(&[(
        "resultados.csv",
        "https://www.ejemplo.gob.ec/doc/1",
        "http://ñandú.gob.ec/doc/1",
    )]);
    let (out, o) = generar(dir.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let rows = csv_rows(&out.path().join("2025-06/cumplimiento_2025-06.csv"));
    assert!(!rows.is_empty());
}

#[test]
fn a_computed_negative_amount_is_not_taken_for_a_formula() {
    let dir = basico_with(&[(
        "metas.csv",
        "$ 1.000.000,00;;;$ 2.000.000,00;;;3000000;;;4000000",
        "-$ 2.000.000,00;;;-$ 2.000.000,00;;;-2000000;;;-2000000",
    )]);
    let (out, o) = generar(dir.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let text = std::fs::read_to_string(
        out.path()
            .join("2025-06/pnt/numeral_1.3/conjunto_de_datos.csv"),
    )
    .unwrap();
    assert!(text.contains(",\"-$ 2.000.000,00 trimestral\","), "{text}");
    assert!(!text.contains("'-$"), "{text}");
}

#[test]
fn no_input_path_reaches_a_published_file() {
    // Without resultados the run warns; the warning must not carry the
    // folder's path, so two folders give the same bytes.
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let deep = b.path().join("servidor/entradas/de/planificacion");
    for dir in [a.path(), deep.as_path()] {
        std::fs::create_dir_all(dir).unwrap();
        for f in ["lotaip.toml", "metas.csv", "presupuesto.csv"] {
            std::fs::copy(fixture("basico").join(f), dir.join(f)).unwrap();
        }
    }
    let (out_a, o) = generar(a.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let (out_b, o) = generar(&deep, "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let (ca, cb) = (
        contents(&out_a.path().join("2025-06")),
        contents(&out_b.path().join("2025-06")),
    );
    assert_eq!(ca.keys().collect::<Vec<_>>(), cb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ca {
        assert!(cb[name] == *bytes, "{name} differs between input folders");
        let text = String::from_utf8_lossy(bytes);
        for p in [a.path(), b.path()] {
            assert!(
                !text.contains(&*p.to_string_lossy()),
                "{name} names an input path"
            );
        }
    }
}

#[test]
fn leftovers_with_reserved_names_do_not_block_the_next_run() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join(".2025-06.nuevo"), "un archivo").unwrap();
    std::fs::write(out.path().join(".2025-06.anterior"), "otro").unwrap();
    let o = generar_en(&fixture("basico"), "2025-06", out.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            ".lotaip-portada",
            ".lotaip.lock",
            "2025-06",
            "index.html",
            "ultimo"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_previous_snapshot_that_links_to_a_device_is_not_read() {
    let out = tempfile::tempdir().unwrap();
    let prev = out.path().join("2025-05");
    std::fs::create_dir(&prev).unwrap();
    std::os::unix::fs::symlink("/dev/zero", prev.join("cifras_2025-05.json")).unwrap();
    let o = generar_en(&fixture("basico"), "2025-06", out.path(), &[]);
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("No se pudo leer 2025-05/cifras_2025-05.json"),
        "{stdout}"
    );
}

#[test]
fn a_unit_named_like_a_province_gets_its_own_report_files() {
    let dir = basico_with(&[
        (
            "metas.csv",
            "Unidad Provincial de Afiliación Azuay",
            "Azuay",
        ),
        (
            "metas.csv",
            "Unidad Provincial de Afiliación Azuay",
            "Azuay",
        ),
        (
            "resultados.csv",
            "Unidad Provincial de Afiliación Azuay",
            "Azuay",
        ),
        (
            "resultados.csv",
            "Unidad Provincial de Afiliación Azuay",
            "Azuay",
        ),
        (
            "lotaip.toml",
            "telefono = \"(02) 000-0000\"",
            "telefono = \"(02) 000-0000\"\n\n[rendicion]\nprovincias = [\"Azuay\"]\nunidades = [\"Azuay\", \"azuay\"]\n",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let o = lotaip(&[
        "rendicion",
        "--anio",
        "2025",
        "--entrada",
        dir.path().to_str().unwrap(),
        "--salida",
        out.path().to_str().unwrap(),
    ]);
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let files = files_under(&out.path().join("rendicion_2025"));
    for f in [
        "rendicion_2025_azuay.pdf",
        "rendicion_2025_azuay-unidad.pdf",
        "rendicion_2025_institucion.pdf",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} not in {files:?}");
    }
    // The unit listed twice reports once.
    assert_eq!(
        files.iter().filter(|f| f.ends_with(".pdf")).count(),
        3,
        "{files:?}"
    );
}

/// An inputs folder: basico with another institution name.
fn named(nombre: &str) -> tempfile::TempDir {
    basico_with(&[("lotaip.toml", "Instituto de Prueba", nombre)])
}

fn institucion_publicada(dir: &Path) -> String {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("2025-06/manifest.json")).unwrap())
            .unwrap();
    m["institucion"].as_str().unwrap().to_string()
}

#[test]
fn of_two_overlapping_runs_the_one_started_last_is_what_stays_published() {
    use std::fs::OpenOptions;
    let out = tempfile::tempdir().unwrap();
    // Hold the lock, so that both runs reach it while the other still runs.
    let holder = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.path().join(".lotaip.lock"))
        .unwrap();
    holder.lock().unwrap();
    let (first, second) = (named("Primera"), named("Segunda"));
    let run = |dir: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lotaip"))
            .args(["generar", "--periodo", "2025-06", "--espera", "30"])
            .arg("--entrada")
            .arg(dir)
            .arg("--salida")
            .arg(out.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = run(first.path());
    std::thread::sleep(std::time::Duration::from_millis(300));
    let b = run(second.path());
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(holder);
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(b.status.success(), "{:?}", texts(&b));
    // The first either published before the second or was refused after it.
    if !a.status.success() {
        assert_eq!(a.status.code(), Some(3));
        assert!(
            texts(&a).1.contains("empezó después de esta"),
            "{:?}",
            texts(&a)
        );
    }
    assert_eq!(institucion_publicada(out.path()), "Segunda");
}

#[test]
fn a_run_past_its_memory_bound_stops_in_spanish_and_publishes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_lotaip"))
        .env("LOTAIP_MEMORIA_MIB", "15")
        .args(["generar", "--periodo", "2025-06", "--entrada"])
        .arg(sample_inputs())
        .arg("--salida")
        .arg(out.path())
        .output()
        .unwrap();
    let (_, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: la ejecución se detuvo porque necesitaba más memoria que su límite de 15 MiB mientras ")
            && stderr.contains("No se publicó nada"),
        "{stderr}"
    );
    assert!(files_under(out.path()).is_empty());
}

/// An institution's own `index.html` (or `ultimo/`) in the web root it
/// publishes into is never overwritten: the month is published, the root's
/// page is left alone and the summary says why.
#[test]
fn an_index_html_lotaip_did_not_write_is_left_alone() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join("index.html"),
        "<html>portal de la institución</html>",
    )
    .unwrap();
    let o = generar_en(&fixture("basico"), "2025-06", out.path(), &[]);
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("no es la página que escribió lotaip"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("index.html")).unwrap(),
        "<html>portal de la institución</html>"
    );
    assert!(out.path().join("2025-06/index.html").is_file());
    assert!(!out.path().join("ultimo").exists());
    // A page lotaip wrote is replaced month after month, even after an edit
    // is undone; an edited one is not.
    let out = tempfile::tempdir().unwrap();
    for periodo in ["2025-05", "2025-06"] {
        let o = generar_en(&fixture("basico"), periodo, out.path(), &[]);
        assert!(o.status.success(), "{:?}", texts(&o));
        assert!(!texts(&o).0.contains("no es la página"));
    }
    let page = out.path().join("index.html");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str("<!-- cambiado a mano -->");
    std::fs::write(&page, &text).unwrap();
    let o = generar_en(&fixture("basico"), "2025-06", out.path(), &[]);
    assert!(texts(&o).0.contains("no es la página que escribió lotaip"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);
}
