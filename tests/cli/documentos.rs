//! The PDFs as documents for the archive: every PDF of the sample month and
//! year passes the independent PDF/A-2u check of `tests/comprobadores/pdfa.py`
//! (pikepdf), and `pdfa = false` writes files that check refuses.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// Runs the pikepdf checker on `pdfs`: (success, its output).
fn comprobar(pdfs: &[PathBuf]) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/comprobadores/pdfa.py");
    let o = Command::new("python3")
        .arg(script)
        .args(pdfs)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for this test ({e})"));
    let (out, err) = texts(&o);
    assert!(
        !err.contains("No module named 'pikepdf'"),
        "pikepdf is needed for this test: python3 -m pip install pikepdf"
    );
    (o.status.success(), format!("{out}{err}"))
}

fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .map(|f| dir.join(f))
        .collect();
    v.sort();
    v
}

#[test]
fn every_pdf_of_the_sample_month_and_year_is_pdf_a_2u() {
    let salida = tempfile::tempdir().expect("temp dir");
    let s = salida.path().to_str().expect("utf-8");
    let e = sample_inputs();
    let e = e.to_str().expect("utf-8");
    let o = lotaip(&[
        "generar",
        "--periodo",
        "2025-06",
        "--entrada",
        e,
        "--salida",
        s,
    ]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let o = lotaip(&["rendicion", "--anio", "2025", "--entrada", e, "--salida", s]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdfs = pdfs_under(salida.path());
    // The matrix, 24 provinces, and the institution's and each reporting
    // province's accountability report.
    assert!(pdfs.len() >= 26, "{pdfs:?}");
    let (ok, out) = comprobar(&pdfs);
    assert!(ok, "{out}");
    assert_eq!(out.matches("PDF/A-2u: cumple").count(), pdfs.len(), "{out}");
}

#[test]
fn with_pdfa_off_the_files_are_plain_pdf_and_the_check_says_so() {
    let entrada = con_toml(&fixture("basico"), "\n[publicacion]\npdfa = false\n");
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdf = out.path().join("2025-06/numeral_1.3_2025-06.pdf");
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(!String::from_utf8_lossy(&bytes).contains("pdfaid"));
    let (ok, said) = comprobar(&[pdf]);
    assert!(!ok && said.contains("NO CUMPLE"), "{said}");
    // The same month with the default is PDF/A.
    let (out, _) = generar(&fixture("basico"), "2025-06");
    let (ok, said) = comprobar(&[out.path().join("2025-06/numeral_1.3_2025-06.pdf")]);
    assert!(ok, "{said}");
}
