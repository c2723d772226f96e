//! Running the binary and reading its outputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};

/// The fixture folder of a case.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The sample inputs of the repository.
pub fn sample_inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs")
}

/// Runs `lotaip` with arguments.
pub fn lotaip(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lotaip"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// stdout and stderr as text.
pub fn texts(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Runs `lotaip <comando> <opcion> <valor>` on an input folder into a fresh
/// output folder.
fn publicar(
    comando: &str,
    opcion: &str,
    valor: &str,
    entrada: &Path,
) -> (tempfile::TempDir, Output) {
    let salida = tempfile::tempdir().expect("temp dir");
    let o = lotaip(&[
        comando,
        opcion,
        valor,
        "--entrada",
        entrada.to_str().expect("utf-8 path"),
        "--salida",
        salida.path().to_str().expect("utf-8 path"),
    ]);
    (salida, o)
}

/// Runs `rendicion` for a year on an input folder into a fresh output folder.
pub fn rendicion_en(entrada: &Path, anio: &str) -> (tempfile::TempDir, Output) {
    publicar("rendicion", "--anio", anio, entrada)
}

/// Runs `generar` for a period on an input folder into a fresh output folder.
pub fn generar(entrada: &Path, periodo: &str) -> (tempfile::TempDir, Output) {
    publicar("generar", "--periodo", periodo, entrada)
}

/// A sheet of a workbook as a grid of cells.
pub fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The sheet names of a workbook.
pub fn sheet_names(path: &Path) -> Vec<String> {
    let wb: Xlsx<_> = open_workbook(path).expect("workbook");
    wb.sheet_names()
}

/// Merged ranges of a sheet as ((row, col), (row, col)), 0-based.
pub fn merged(path: &Path, name: &str) -> Vec<((u32, u32), (u32, u32))> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("workbook");
    let mut v: Vec<_> = wb
        .merge_cells_by_sheet_name(name)
        .expect("merged cells")
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect();
    v.sort();
    v
}

/// A cell as text ("" when empty).
pub fn text(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A numeric cell.
pub fn number(r: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

/// Rows of a CSV file as header → value maps.
pub fn csv_rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut rd = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rd.headers().expect("headers").clone();
    rd.records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Every file under a folder, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(
                    p.strip_prefix(base)
                        .expect("prefix")
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// The text of a PDF, via poppler's `pdftotext` (install `poppler-utils`).
pub fn pdftotext(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext is needed for this test (apt-get install poppler-utils): {e}")
        });
    assert!(o.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of a PDF in reading order (each cell's lines together) with every
/// run of white space made one space: a cell's text wrapped over several
/// lines reads as one.
pub fn pdftotext_seguido(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext is needed for this test (apt-get install poppler-utils): {e}")
        });
    assert!(o.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every file under a folder with its bytes, by relative path.
pub fn contents(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).expect("readable");
            (f, bytes)
        })
        .collect()
}

/// Runs `generar` for a period into a given output folder, with extra arguments.
pub fn generar_en(entrada: &Path, periodo: &str, salida: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "generar",
        "--periodo",
        periodo,
        "--entrada",
        entrada.to_str().expect("utf-8 path"),
        "--salida",
        salida.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    lotaip(&args)
}

/// A copy of a fixture folder with one file's text changed (`from` → `to`, first match).
pub fn variant_of(name: &str, file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(fixture(name)).expect("fixture") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    dir
}

/// A copy of an inputs folder whose `lotaip.toml` publishes under the
/// LOTAIP of 2004 (`[publicacion] ley = 2004`).
pub fn ley_2004(entrada: &Path) -> tempfile::TempDir {
    con_toml(entrada, "\n[publicacion]\nley = 2004\n")
}

/// A copy of an inputs folder with text added at the end of its `lotaip.toml`.
pub fn con_toml(entrada: &Path, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(entrada).expect("inputs") {
        let p = e.expect("entry").path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    let toml = dir.path().join("lotaip.toml");
    let mut text = std::fs::read_to_string(&toml).expect("lotaip.toml");
    text.push_str(extra);
    std::fs::write(&toml, text).expect("write");
    dir
}

/// The five column headers of the matrix of metas y objetivos, under either law.
pub const ENCABEZADOS_MATRIZ: [&str; 5] = [
    "No.",
    "Descripción de la unidad",
    "Objetivo de la unidad",
    "Indicador",
    "Meta cuantificable",
];

/// Every PDF under `dir`, sorted.
pub fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .map(|f| dir.join(f))
        .collect();
    v.sort();
    v
}

/// Runs a checker of `tests/comprobadores` with `args` and then `pdfs`:
/// (success, its output).
pub fn comprobador(name: &str, args: &[&Path], pdfs: &[PathBuf]) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/comprobadores")
        .join(name);
    let o = std::process::Command::new("python3")
        .arg(script)
        .args(args)
        .args(pdfs)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for this test ({e})"));
    let (out, err) = texts(&o);
    assert!(
        !err.contains("No module named"),
        "the checkers need pikepdf and pyHanko: python3 -m pip install pikepdf pyhanko ({err})"
    );
    (o.status.success(), format!("{out}{err}"))
}

/// Every one of `pdfs` passes the PDF/A-2a check (`pdfa.py`), the tag tree
/// check (`etiquetas.py`) and the `pdfua` package's PDF/UA-1 rules.
pub fn assert_pdfa_y_etiquetas(pdfs: &[PathBuf]) {
    for (checker, word) in [
        ("pdfa.py", "PDF/A-2a: cumple"),
        ("etiquetas.py", "etiquetas: cumple"),
    ] {
        let (ok, out) = comprobador(checker, &[], pdfs);
        assert!(ok, "{out}");
        assert_eq!(out.matches(word).count(), pdfs.len(), "{out}");
    }
    let o = std::process::Command::new("python3")
        .args(["-m", "pdfua", "check"])
        .args(pdfs)
        .output()
        .unwrap_or_else(|e| {
            panic!("pdfua is needed for this test: python3 -m pip install pdfua ({e})")
        });
    let (out, err) = texts(&o);
    assert!(o.status.success(), "{out}{err}");
    assert_eq!(
        out.matches("errors=0 warnings=0").count(),
        pdfs.len(),
        "{out}{err}"
    );
}
