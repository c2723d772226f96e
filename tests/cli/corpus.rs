//! The corpus of bad inputs (`tests/corpus/<caso>/`) and of good but unusual
//! ones (`tests/corpus_aceptado/<caso>/`). A case holds only what differs
//! from `tests/fixtures/basico`:
//!
//! - files that replace or join basico's;
//! - `quitar.txt`: basico files to leave out, one per line;
//! - `generador.txt`: files the test builds (binary or huge), one
//!   `generador archivo` per line, see [`generate`];
//! - `esperado.txt` (bad cases): the messages that must be printed, one per
//!   line, exactly as listed after `  - `.
//!
//! A bad case must exit with 1, print every expected message and write
//! nothing; an accepted case must publish the same `cumplimiento` CSV as
//! basico, byte for byte.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::*;

const CONTROL: [&str; 3] = ["esperado.txt", "quitar.txt", "generador.txt"];

fn cases(folder: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| {
            t.lines()
                .map(str::trim_end)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// basico with the case's changes, in a fresh folder.
fn build(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let quitar = lines(&case.join("quitar.txt"));
    for e in std::fs::read_dir(fixture("basico")).expect("fixture") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if !quitar.contains(&name) {
            std::fs::copy(&p, dir.path().join(&name)).expect("copy");
        }
    }
    for e in std::fs::read_dir(case).expect("case") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if !CONTROL.contains(&name.as_str()) {
            std::fs::copy(&p, dir.path().join(&name)).expect("copy");
        }
    }
    for line in lines(&case.join("generador.txt")) {
        let (generator, file) = line.split_once(' ').expect("`generador archivo`");
        generate(generator, &dir.path().join(file));
    }
    dir
}

#[test]
fn every_bad_input_is_named_and_nothing_is_written() {
    let all = cases("corpus");
    assert!(all.len() >= 30, "{} cases", all.len());
    let mut failures = Vec::new();
    for case in &all {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = lines(&case.join("esperado.txt"));
        let dir = build(case);
        let (out, o) = generar(dir.path(), "2025-06");
        let (stdout, stderr) = texts(&o);
        let printed: Vec<&str> = stderr
            .lines()
            .map(|l| l.trim_start().trim_start_matches("- "))
            .collect();
        if expected.is_empty() {
            failures.push(format!(
                "{name}: esperado.txt is missing; printed:\n{stderr}"
            ));
        }
        if o.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit {:?}\n{stdout}\n{stderr}",
                o.status.code()
            ));
        }
        for line in &expected {
            if !printed.contains(&line.as_str()) {
                failures.push(format!("{name}: missing «{line}» in\n{stderr}"));
            }
        }
        let written = files_under(out.path());
        if !written.is_empty() {
            failures.push(format!("{name}: wrote {written:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn good_but_unusual_inputs_give_the_same_figures() {
    let (reference, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let expected =
        std::fs::read_to_string(reference.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap();
    let all = cases("corpus_aceptado");
    assert!(!all.is_empty());
    let mut failures = Vec::new();
    for case in &all {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = build(case);
        let (out, o) = generar(dir.path(), "2025-06");
        if !o.status.success() {
            failures.push(format!("{name}: {:?}", texts(&o)));
            continue;
        }
        let got = std::fs::read_to_string(out.path().join("2025-06/cumplimiento_2025-06.csv"))
            .unwrap_or_default();
        if got != expected {
            failures.push(format!("{name}: other figures\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Builds a file the corpus cannot hold as is.
fn generate(generator: &str, path: &Path) {
    let formatos = fixture("formatos");
    match generator {
        // A workbook with one sheet and no cell.
        "libro_vacio" => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            wb.add_worksheet();
            wb.save(path).expect("save");
        }
        // The first half of a real workbook: a download cut short.
        "xlsx_truncado" => {
            let bytes = std::fs::read(formatos.join("metas.xlsx")).unwrap();
            std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
        }
        // An Excel 97-2003 workbook renamed to .xlsx.
        "xls_como_xlsx" => {
            std::fs::copy(formatos.join("metas.xls"), path).unwrap();
        }
        // A real workbook whose zip directory claims a sheet of 3.5 GiB.
        "bomba_declarada" => {
            let mut bytes = std::fs::read(formatos.join("metas.xlsx")).unwrap();
            let name = b"xl/worksheets/sheet1.xml";
            let at = (0..bytes.len() - 46)
                .find(|&i| {
                    bytes[i..].starts_with(b"PK\x01\x02") && bytes[i + 46..].starts_with(name)
                })
                .expect("central directory entry of the sheet");
            bytes[at + 24..at + 28].copy_from_slice(&0xE000_0000u32.to_le_bytes());
            std::fs::write(path, bytes).unwrap();
        }
        // A sheet of 64 MiB of blanks, deflated about 1,000 times.
        "bomba" => {
            let file = std::fs::File::create(path).unwrap();
            let mut zip = zip::ZipWriter::new(file);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            zip.write_all(b"<worksheet><sheetData>").unwrap();
            let blanks = vec![b' '; 1024 * 1024];
            for _ in 0..64 {
                zip.write_all(&blanks).unwrap();
            }
            zip.finish().unwrap();
        }
        // A header and a row of a million values.
        "millon_columnas" => {
            let header = std::fs::read_to_string(fixture("basico").join("metas.csv")).unwrap();
            let mut text = header.lines().next().unwrap().to_string();
            text.push('\n');
            text.push_str(&"x;".repeat(1_000_000));
            std::fs::write(path, text).unwrap();
        }
        // basico's metas as a workbook, with a note beyond the last column.
        "sin_encabezado" => {
            let text = std::fs::read_to_string(fixture("basico").join("metas.csv")).unwrap();
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("Metas").unwrap();
            for (r, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
                for (c, v) in line.split(';').enumerate().filter(|(_, v)| !v.is_empty()) {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
            ws.write_string(2, 26, "nota suelta").unwrap();
            wb.save(path).unwrap();
        }
        // One text of 32,000 characters (near a cell's limit) shown in 9,000
        // cells: a file of kilobytes that names 275 MiB of text.
        "texto_repetido" => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in ["unidad", "proceso", "objetivo", "indicador"]
                .iter()
                .enumerate()
            {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            let long = "x".repeat(32_000);
            for r in 1..=9_000 {
                ws.write_string(r, 2, &long).unwrap();
            }
            wb.save(path).unwrap();
        }
        // A header and one value at XFD1048576, the last cell of a sheet.
        "celda_lejana" => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in ["unidad", "proceso", "objetivo", "indicador", "ene"]
                .iter()
                .enumerate()
            {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1_048_575, 16_383, "x").unwrap();
            wb.save(path).unwrap();
        }
        // An .ods whose one row of 20 values repeats a million times.
        "ods_repetido" => {
            let file = std::fs::File::create(path).unwrap();
            let mut zip = zip::ZipWriter::new(file);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file("mimetype", stored).unwrap();
            zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
                .unwrap();
            zip.start_file("content.xml", stored).unwrap();
            let cell = "<table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell>";
            write!(
                zip,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"Metas\"><table:table-row table:number-rows-repeated=\"1000000\">{}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
                cell.repeat(20)
            )
            .unwrap();
            zip.finish().unwrap();
        }
        // Results whose value is a date cell.
        "fecha_en_valor" => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("Resultados").unwrap();
            for (c, h) in ["unidad", "codigo", "periodo", "valor"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "Dirección General").unwrap();
            ws.write_string(1, 1, "DG-2").unwrap();
            ws.write_string(1, 2, "2025-06").unwrap();
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 6, 30).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
            ws.write_datetime_with_format(1, 3, &date, &format).unwrap();
            wb.save(path).unwrap();
        }
        other => panic!("unknown generator {other}"),
    }
}
