//! The small fixture's whole month pinned as expected files, the way
//! mdBook's testsuite pins its outputs: every CSV, JSON and HTML file as it
//! is, every workbook read back to text (one block per sheet, a line per
//! row, cells separated by tabs) and every PDF as `pdftotext -layout` reads
//! it. A change to any output shows here as a diff to review; after review,
//! `LOTAIP_ACTUALIZAR=1 cargo test --release --test cli instantaneas`
//! writes the new expected files into `tests/instantaneas/basico_2025-06/`
//! (the LOTAIP of 2023, the default) and `basico_2004_2025-06/` (the 2004
//! law's Literal a4).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::*;

fn expected_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/instantaneas")
        .join(name)
}

/// A workbook as text: each sheet's name, then its rows.
fn workbook_text(path: &Path) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&format!("== {name}\n"));
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string().replace(['\n', '\t'], " "),
                })
                .collect();
            out.push_str(cells.join("\t").trim_end());
            out.push('\n');
        }
    }
    out
}

/// Every output of the month as (expected file name, text).
fn outputs(root: &Path) -> Vec<(String, String)> {
    files_under(root)
        .into_iter()
        .map(|f| {
            let path = root.join(&f);
            let flat = f.replace('/', "__");
            if f.ends_with(".xlsx") {
                (format!("{flat}.txt"), workbook_text(&path))
            } else if f.ends_with(".pdf") {
                (format!("{flat}.txt"), pdftotext(&path))
            } else {
                (flat, std::fs::read_to_string(&path).expect("a text output"))
            }
        })
        .collect()
}

#[test]
fn the_small_fixtures_month_is_what_the_expected_files_say() {
    same_as_expected(&fixture("basico"), "basico_2025-06");
}

#[test]
fn under_the_2004_law_the_small_fixtures_month_is_what_the_expected_files_say() {
    let entrada = ley_2004(&fixture("basico"));
    same_as_expected(entrada.path(), "basico_2004_2025-06");
}

fn same_as_expected(entrada: &Path, name: &str) {
    let (out, o) = generar(entrada, "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let got = outputs(&out.path().join("2025-06"));
    let dir = expected_dir(name);
    if std::env::var_os("LOTAIP_ACTUALIZAR").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &got {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (LOTAIP_ACTUALIZAR=1 writes it)", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let got_names: Vec<&String> = got.iter().map(|(n, _)| n).collect();
    assert_eq!(
        got_names,
        names.iter().collect::<Vec<_>>(),
        "the month's files differ from the expected ones"
    );
    let mut failures = Vec::new();
    for (name, text) in &got {
        let expected = std::fs::read_to_string(dir.join(name)).unwrap();
        if &expected != text {
            let first = expected
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(text.lines().count()));
            failures.push(format!(
                "{name}: differs from line {}:\n  expected: {}\n  got:      {}",
                first + 1,
                expected.lines().nth(first).unwrap_or("(end)"),
                text.lines().nth(first).unwrap_or("(end)")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after review: LOTAIP_ACTUALIZAR=1 cargo test --release --test cli instantaneas)",
        failures.join("\n")
    );
}
