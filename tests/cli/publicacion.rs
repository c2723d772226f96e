//! The publication as a whole: identical bytes for identical inputs, the
//! manifest and `verificar`, the lock, and what changed since last month.

use std::fs::{File, OpenOptions};

use crate::common::*;

#[test]
fn two_runs_give_identical_bytes() {
    // The sample inputs: every format, 24 provinces, PDFs of many pages.
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let o = generar_en(&sample_inputs(), "2025-06", a.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let first = contents(&a.path().join("2025-06"));
    // Again into the same folder (replacing itself) and into another one.
    let o = generar_en(&sample_inputs(), "2025-06", a.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let o = generar_en(&sample_inputs(), "2025-06", b.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    same_files(&first, &a.path().join("2025-06"), "two runs");
    same_files(&first, &b.path().join("2025-06"), "two runs");
    for ext in [".xlsx", ".pdf", ".csv", ".html", ".json"] {
        assert!(first.keys().any(|k| k.ends_with(ext)), "no {ext} compared");
    }
}

/// The bytes do not depend on the machine: a run confined to one core
/// (`taskset`, from util-linux) writes what a run on every core writes. The
/// long PDFs are converted on several threads where there are cores.
#[test]
fn the_bytes_do_not_depend_on_the_number_of_cores() {
    let all = tempfile::tempdir().unwrap();
    let one = tempfile::tempdir().unwrap();
    let o = generar_en(&sample_inputs(), "2025-06", all.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let o = std::process::Command::new("taskset")
        .args([
            "-c",
            "0",
            env!("CARGO_BIN_EXE_lotaip"),
            "generar",
            "--periodo",
            "2025-06",
        ])
        .arg("--entrada")
        .arg(sample_inputs())
        .arg("--salida")
        .arg(one.path())
        .output()
        .expect("taskset runs (apt-get install -y util-linux)");
    assert!(o.status.success(), "{:?}", texts(&o));
    same_files(
        &contents(&all.path().join("2025-06")),
        &one.path().join("2025-06"),
        "one core and all",
    );
}

/// The files of `dir` are `expected`, name for name and byte for byte.
fn same_files(
    expected: &std::collections::BTreeMap<String, Vec<u8>>,
    dir: &std::path::Path,
    what: &str,
) {
    let other = contents(dir);
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        other.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in expected {
        assert!(&other[name] == bytes, "{name} differs between {what}");
    }
}

#[test]
fn the_manifest_lists_inputs_and_outputs_and_verifies() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let dir = out.path().join("2025-06");
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["herramienta"], "lotaip");
    assert_eq!(m["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["periodo"], "2025-06");
    assert_eq!(m["fecha_actualizacion"], "2025-06-30");
    assert_eq!(m["cuentas"]["indicadores"], 10);
    assert_eq!(m["cuentas"]["unidades"], 5);
    let entradas: Vec<&str> = m["entradas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["archivo"].as_str().unwrap())
        .collect();
    assert_eq!(
        entradas,
        [
            "lotaip.toml",
            "metas.csv",
            "presupuesto.csv",
            "resultados.csv"
        ]
    );
    let salidas: Vec<&str> = m["salidas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["archivo"].as_str().unwrap())
        .collect();
    let mut on_disk = files_under(&dir);
    on_disk.retain(|f| f != "manifest.json");
    assert_eq!(salidas, on_disk);
    let salida = m["salidas"][0].clone();
    let bytes = std::fs::read(dir.join(salida["archivo"].as_str().unwrap())).unwrap();
    assert_eq!(salida["bytes"], bytes.len());
    assert_eq!(
        salida["sha256"].as_str().unwrap(),
        lotaip::publish::sha256_hex(&bytes)
    );

    let d = dir.to_str().unwrap();
    let o = lotaip(&[
        "verificar",
        d,
        "--entrada",
        fixture("basico").to_str().unwrap(),
    ]);
    let (stdout, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!(
            "Los {} archivos coinciden con el manifiesto",
            salidas.len()
        )),
        "{stdout}"
    );
    assert_eq!(salidas.len(), 14, "{salidas:?}");
    assert!(
        stdout.contains("Las 4 entradas de") && stdout.contains("son las del manifiesto"),
        "{stdout}"
    );
}

#[test]
fn verificar_names_every_changed_missing_and_extra_file() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let dir = out.path().join("2025-06");
    let csv = dir.join("cumplimiento_2025-06.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text = text.replacen("107.06", "117.06", 1);
    std::fs::write(&csv, text).unwrap();
    std::fs::remove_file(dir.join("provincias/azuay_2025-06.pdf")).unwrap();
    std::fs::write(dir.join("leame.txt"), "añadido a mano").unwrap();
    let o = lotaip(&["verificar", dir.to_str().unwrap()]);
    let (stdout, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("  modificado: cumplimiento_2025-06.csv (el manifiesto dice"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  falta: provincias/azuay_2025-06.pdf"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  sobra (no está en el manifiesto): leame.txt"),
        "{stdout}"
    );
    assert!(
        stderr.contains("no coincide con su manifiesto: 3 diferencias"),
        "{stderr}"
    );
    // Other inputs than the manifest's are named too.
    let otra = variant_of("basico", "resultados.csv", "0,91", "0,92");
    let o = lotaip(&[
        "verificar",
        dir.to_str().unwrap(),
        "--entrada",
        otra.path().to_str().unwrap(),
    ]);
    let (stdout, _) = texts(&o);
    assert!(stdout.contains("  modificado: resultados.csv"), "{stdout}");
    // A folder that is not a publication.
    let o = lotaip(&["verificar", out.path().to_str().unwrap()]);
    let (_, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("manifest.json: no existe"), "{stderr}");
}

#[test]
fn a_second_run_on_a_locked_output_folder_stops_with_exit_3() {
    let out = tempfile::tempdir().unwrap();
    let lock_path = out.path().join(".lotaip.lock");
    let holder: File = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .unwrap();
    holder.lock().unwrap();
    let o = generar_en(
        &fixture("basico"),
        "2025-06",
        out.path(),
        &["--espera", "1"],
    );
    let (stdout, stderr) = texts(&o);
    assert_eq!(o.status.code(), Some(3), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("otra ejecución de lotaip")
            && stderr.contains(&format!("bloqueo «{}»", lock_path.display())),
        "{stderr}"
    );
    assert!(!out.path().join("2025-06").exists());
    // The lock dies with its holder: the next run goes ahead.
    drop(holder);
    let o = generar_en(&fixture("basico"), "2025-06", out.path(), &[]);
    assert!(o.status.success(), "{:?}", texts(&o));
}

#[test]
fn changes_since_last_month_are_counted_and_listed() {
    let out = tempfile::tempdir().unwrap();
    let o = generar_en(&fixture("basico"), "2025-05", out.path(), &[]);
    let (stdout, _) = texts(&o);
    assert!(
        stdout.contains("Cambios: No hay publicación de abril de 2025 (carpeta 2025-04)"),
        "{stdout}"
    );
    // June: one target changed (PL-1 June 10 → 9), May's result of DG-2
    // revised (98 → 99), one indicator added.
    let june = variant_of(
        "basico",
        "resultados.csv",
        "Dirección General;DG-2;;05/2025;98;;",
        "Dirección General;DG-2;;05/2025;99;;",
    );
    let metas = june.path().join("metas.csv");
    let text = std::fs::read_to_string(&metas).unwrap();
    let text = text.replace(
        "PL-1;Tiempo promedio de respuesta;tiempo;decreciente;discreto;mensual;10;10;10;10;10;10;",
        "PL-1;Tiempo promedio de respuesta;tiempo;decreciente;discreto;mensual;10;10;10;10;10;9;",
    ) + "Dirección Nacional de Planificación;habilitante de asesoría;;;Incrementar la calidad de la planificación;PL-2;Número de planes aprobados;numero;;discreto;mensual;1;1;1;1;1;1;1;1;1;1;1;1;;;\n";
    std::fs::write(&metas, text).unwrap();
    let o = generar_en(june.path(), "2025-06", out.path(), &[]);
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Cambios: Respecto de la publicación de mayo de 2025: 1 indicador nuevo, 0 indicadores retirados, 1 meta modificada en 1 indicador, 1 resultado revisado en 1 indicador."),
        "{stdout}"
    );
    let s = sheet(
        &out.path().join("2025-06/cumplimiento_2025-06.xlsx"),
        "Cambios",
    );
    assert!(text_at(&s, 2, 0).starts_with("Respecto de la publicación de mayo de 2025"));
    assert_eq!(text_at(&s, 3, 0), "Cambio");
    let rows: Vec<[String; 5]> = (4..7)
        .map(|r| {
            [
                text_at(&s, r, 0),
                text_at(&s, r, 2),
                text_at(&s, r, 4),
                text_at(&s, r, 5),
                text_at(&s, r, 6),
            ]
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["indicador nuevo", "PL-2", "", "", ""].map(String::from),
            ["meta modificada", "PL-1", "junio", "10", "9"].map(String::from),
            ["resultado revisado", "DG-2", "mayo", "98", "99"].map(String::from),
        ]
    );
    // January has nothing to compare with.
    let o = generar_en(&fixture("basico"), "2025-01", out.path(), &[]);
    assert!(
        texts(&o)
            .0
            .contains("Cambios: Enero es el primer mes del plan")
    );
}

/// A cell as text, numbers without a trailing `.0`.
fn text_at(r: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(calamine::Data::Float(f)) if f.fract() == 0.0 => format!("{}", *f as i64),
        _ => text(r, row, col),
    }
}

#[test]
fn a_closed_standard_output_does_not_stop_the_publication() {
    let salida = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lotaip"))
        .args(["generar", "--periodo", "2025-06", "--entrada"])
        .arg(fixture("basico"))
        .arg("--salida")
        .arg(salida.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once, as `lotaip generar | head -1` would.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = lotaip(&["verificar", salida.path().join("2025-06").to_str().unwrap()]);
    assert!(v.status.success(), "{:?}", texts(&v));
}
