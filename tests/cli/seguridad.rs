//! What is published is safe for the people who download it: text a
//! spreadsheet would run as a formula is a text cell in every XLSX and is
//! neutralised in every CSV; file names are ASCII; HTML is escaped.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::*;

const UNIDAD: &str = "=HYPERLINK(\"http://x\",\"clic\")";
const INDICADOR: &str = "@SUM(A1:A9)";
const OBJETIVO: &str = "+cmd|' /C calc'!A0";

/// basico with a unit, an indicator and an objective that are formulas.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("basico")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let quoted = format!("\"{}\"", UNIDAD.replace('"', "\"\""));
    for file in ["metas.csv", "resultados.csv"] {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text
            .replace("Unidad Provincial de Afiliación Azuay", &quoted)
            .replace(
                "Incrementar la cobertura;AF-1;Número de trámites pendientes",
                &format!("{OBJETIVO};AF-1;{INDICADOR}"),
            );
        std::fs::write(&path, text).unwrap();
    }
    dir
}

fn is_risky(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err()
}

#[test]
fn formulas_in_names_are_text_in_every_workbook_and_neutral_in_every_csv() {
    let dir = hostile();
    let (out, o) = generar(dir.path(), "2025-06");
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let root = out.path().join("2025-06");
    let files = files_under(&root);
    let mut seen = [false; 3];
    for f in &files {
        let path = root.join(f);
        if f.ends_with(".xlsx") {
            let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
            for name in wb.sheet_names() {
                let formulas = wb.worksheet_formula(&name).unwrap();
                assert!(
                    formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                    "{f} «{name}» has formulas"
                );
                for (_, _, cell) in wb.worksheet_range(&name).unwrap().used_cells() {
                    for (i, hostile) in [UNIDAD, INDICADOR, OBJETIVO].iter().enumerate() {
                        if cell.to_string().contains(hostile) {
                            assert!(matches!(cell, Data::String(_)), "{f} «{name}»: {cell:?}");
                            seen[i] = true;
                        }
                    }
                }
            }
        } else if f.ends_with(".csv") {
            let mut rd = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(&path)
                .unwrap();
            for r in rd.records() {
                for field in r.unwrap().iter() {
                    assert!(!is_risky(field), "{f}: {field:?}");
                }
            }
        }
    }
    assert_eq!(seen, [true; 3], "the names reach the workbooks");
    let csv = std::fs::read_to_string(root.join("cumplimiento_2025-06.csv")).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'@SUM(A1:A9)"), "{csv}");
}

#[test]
fn published_file_names_are_ascii_slugs() {
    let (out, o) = generar(&sample_inputs(), "2025-06");
    assert!(o.status.success());
    for f in files_under(&out.path().join("2025-06")) {
        let name = Path::new(&f).file_name().unwrap().to_str().unwrap();
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b)),
            "{f}"
        );
    }
}

#[test]
fn html_templates_escape_what_they_show() {
    // The engine escapes HTML in `.html` templates and leaves CSV alone:
    // a unit named with markup is shown, never run, on a published page.
    let mut t = tera::Tera::default();
    lotaip::format::register_filters(&mut t);
    t.add_raw_template("indice.html", "<td>{{ unidad }}</td>")
        .unwrap();
    t.add_raw_template("datos.csv", "{{ unidad | csv }}")
        .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("unidad", "<script>alert(1)</script> & \"x\"");
    let html = t.render("indice.html", &ctx).unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert_eq!(
        t.render("datos.csv", &ctx).unwrap(),
        "\"<script>alert(1)</script> & \"\"x\"\"\""
    );
}
