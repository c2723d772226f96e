//! The PDFs as documents for the archive and for everyone: every PDF of the
//! sample month and year passes the independent checks of
//! `tests/comprobadores` (pikepdf): PDF/A-2a (`pdfa.py`) and the tag tree of
//! PDF/UA-1 (`etiquetas.py`), and the `pdfua` package's PDF/UA-1 rules;
//! `pdfa = false` writes files the PDF/A check refuses.

use std::path::PathBuf;
use std::process::Command;

use crate::common::*;

/// Runs the pikepdf checker of PDF/A on `pdfs`: (success, its output).
fn comprobar(pdfs: &[PathBuf]) -> (bool, String) {
    comprobador("pdfa.py", &[], pdfs)
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
    assert_pdfa_y_etiquetas(&pdfs);
}

#[test]
fn the_tag_checker_refuses_a_file_without_its_structure() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdf = out.path().join("2025-06/numeral_1.3_2025-06.pdf");
    let (ok, said) = comprobador("etiquetas.py", &[], std::slice::from_ref(&pdf));
    assert!(ok, "{said}");
    // The same file with its tree cut off, and with one MCID dropped from
    // the parent tree: both refused.
    let cut = out.path().join("sin_arbol.pdf");
    let hole = out.path().join("sin_padre.pdf");
    let script = "import pikepdf,sys\n\
p=pikepdf.open(sys.argv[1]); del p.Root['/StructTreeRoot']; p.save(sys.argv[2])\n\
p=pikepdf.open(sys.argv[1]); n=p.Root.StructTreeRoot.ParentTree.Nums; n[1]=pikepdf.Array(list(n[1])[:-1]); p.save(sys.argv[3])\n";
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(&pdf)
        .arg(&cut)
        .arg(&hole)
        .output()
        .expect("python3");
    assert!(o.status.success(), "{:?}", texts(&o));
    let (ok, said) = comprobador("etiquetas.py", &[], &[cut]);
    assert!(!ok && said.contains("StructTreeRoot"), "{said}");
    let (ok, said) = comprobador("etiquetas.py", &[], &[hole]);
    assert!(!ok && said.contains("árbol de padres"), "{said}");
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
