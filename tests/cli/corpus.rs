//! The corpus of bad inputs (`tests/corpus/<caso>/`) and of good but unusual
//! ones (`tests/corpus_aceptado/<caso>/`). A case holds only what differs
//! from `tests/fixtures/basico`:
//!
//! - files that replace or join basico's;
//! - `quitar.txt`: basico files to leave out, one per line;
//! - `cambios.txt`: edits of basico's files, one per line, `archivo`, the
//!   text to find and the text to put, separated by tabs (`\t`, `\n`,
//!   `\u{…}` and `\\` are unescaped in the last two);
//! - `generador.txt`: files the test builds (binary, huge, links, states of
//!   the output folder), one `generador archivo [argumentos]` per line, run
//!   in order, see [`generate`]; a name under `salida/` is in the output folder;
//! - `comando.txt`: the command line (default `generar --periodo 2025-06
//!   --entrada {entrada} --salida {salida}`), `{entrada}` and `{salida}`
//!   being the case's folders;
//! - `codigo.txt`: the exit code expected (default 1);
//! - `esperado.txt` (bad cases): the messages that must be printed on
//!   standard error, one per line, exactly as listed after `  - ` (or whole,
//!   for errors that are not about input data), `{entrada}` and `{salida}`
//!   replaced.
//!
//! A bad case must exit with its code, print every expected message and
//! leave the output folder exactly as it was; an accepted case must publish
//! the same `cumplimiento` CSV as basico, byte for byte.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::*;

const CONTROL: [&str; 6] = [
    "esperado.txt",
    "quitar.txt",
    "generador.txt",
    "cambios.txt",
    "comando.txt",
    "codigo.txt",
];

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

/// `\t`, `\n`, `\\` and `\u{…}` in a corpus control line.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let code: String = chars
                    .by_ref()
                    .skip_while(|c| *c == '{')
                    .take_while(|c| *c != '}')
                    .collect();
                let n = u32::from_str_radix(&code, 16).expect("hex code point");
                out.push(char::from_u32(n).expect("a character"));
            }
            other => panic!("unknown escape \\{other:?}"),
        }
    }
    out
}

/// A case's input folder (basico with the case's changes) and its output
/// folder, both fresh.
fn build(case: &Path) -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("temp dir");
    let quitar = lines(&case.join("quitar.txt"));
    for e in std::fs::read_dir(fixture("basico")).expect("fixture") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if !quitar.contains(&name) {
            std::fs::copy(&p, dir.path().join(&name)).expect("copy");
        }
    }
    fn copy_tree(from: &Path, to: &Path) {
        if from.is_dir() {
            std::fs::create_dir_all(to).expect("folder");
            for e in std::fs::read_dir(from).expect("folder") {
                let p = e.expect("entry").path();
                copy_tree(&p, &to.join(p.file_name().expect("name")));
            }
        } else {
            std::fs::copy(from, to).expect("copy");
        }
    }
    for e in std::fs::read_dir(case).expect("case") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if !CONTROL.contains(&name.as_str()) {
            copy_tree(&p, &dir.path().join(&name));
        }
    }
    for line in lines(&case.join("cambios.txt")) {
        let parts: Vec<&str> = line.splitn(3, '\t').collect();
        let [file, from, to] = parts[..] else {
            panic!("{}: `archivo<TAB>desde<TAB>hasta`: {line}", case.display())
        };
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("file to change");
        let (from, to) = (unescape(from), unescape(to));
        assert!(
            text.contains(&from),
            "{}: «{from}» not in {file}",
            case.display()
        );
        std::fs::write(&path, text.replacen(&from, &to, 1)).expect("write");
    }
    for line in lines(&case.join("generador.txt")) {
        let mut words = line.split(' ');
        let generator = words.next().expect("generator");
        let file = words.next().expect("`generador archivo`");
        let args: Vec<&str> = words.collect();
        let path = match file.strip_prefix("salida/") {
            Some(rest) => out.path().join(rest),
            None => dir.path().join(file),
        };
        generate(generator, &path, &args, dir.path(), out.path());
    }
    (dir, out)
}

/// What a folder holds, without following links: each path with its bytes,
/// a link with its target, a folder as itself.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(base)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            let t = e.file_type().expect("type");
            if t.is_symlink() {
                let target = std::fs::read_link(&p).expect("link");
                out.insert(rel, format!("→ {}", target.display()));
            } else if t.is_dir() {
                out.insert(rel.clone(), "carpeta".into());
                walk(base, &p, out);
            } else if t.is_file() {
                let bytes = std::fs::read(&p).expect("readable");
                out.insert(
                    rel,
                    format!("{} bytes {:x?}", bytes.len(), &bytes[..bytes.len().min(64)]),
                );
            } else {
                out.insert(rel, "especial".into());
            }
        }
    }
    let mut m = std::collections::BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

/// The case's command line, placeholders replaced.
fn command(case: &Path, entrada: &Path, salida: &Path) -> Vec<String> {
    let line = lines(&case.join("comando.txt"))
        .into_iter()
        .next()
        .unwrap_or_else(|| {
            "generar --periodo 2025-06 --entrada {entrada} --salida {salida}".into()
        });
    line.split(' ')
        .map(|w| {
            w.replace("{entrada}", &entrada.to_string_lossy())
                .replace("{salida}", &salida.to_string_lossy())
        })
        .collect()
}

#[test]
fn every_bad_input_is_named_and_nothing_is_written() {
    let all = cases("corpus");
    assert!(all.len() >= 80, "{} cases", all.len());
    let mut failures = Vec::new();
    for case in &all {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (dir, out) = build(case);
        let expected: Vec<String> = lines(&case.join("esperado.txt"))
            .iter()
            .map(|l| {
                l.replace("{salida}", &out.path().to_string_lossy())
                    .replace("{entrada}", &dir.path().to_string_lossy())
            })
            .collect();
        let code: i32 = lines(&case.join("codigo.txt"))
            .first()
            .map_or(1, |c| c.parse().expect("exit code"));
        let before = snapshot(out.path());
        let args = command(case, dir.path(), out.path());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = lotaip(&args);
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
        if o.status.code() != Some(code) {
            failures.push(format!(
                "{name}: exit {:?}, expected {code}\n{stdout}\n{stderr}",
                o.status.code()
            ));
        }
        for line in &expected {
            if !printed.contains(&line.as_str()) {
                failures.push(format!("{name}: missing «{line}» in\n{stderr}"));
            }
        }
        if stderr.contains("panicked") || stderr.contains("error interno") {
            failures.push(format!("{name}: crashed\n{stderr}"));
        }
        let after = snapshot(out.path());
        if after != before {
            failures.push(format!(
                "{name}: the output folder changed\nbefore {before:#?}\nafter {after:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn good_but_unusual_inputs_give_the_same_figures() {
    let (reference, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    // The figures: every column but the evidence link, which a case may change.
    let figures = |path: &Path| {
        let mut rows = csv_rows(path);
        for r in &mut rows {
            r.remove("medio_verificacion");
        }
        rows
    };
    let expected = figures(&reference.path().join("2025-06/cumplimiento_2025-06.csv"));
    let all = cases("corpus_aceptado");
    assert!(!all.is_empty());
    let mut failures = Vec::new();
    for case in &all {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (dir, _) = build(case);
        let (out, o) = generar(dir.path(), "2025-06");
        if !o.status.success() {
            failures.push(format!("{name}: {:?}", texts(&o)));
            continue;
        }
        let path = out.path().join("2025-06/cumplimiento_2025-06.csv");
        let got = if path.exists() {
            figures(&path)
        } else {
            Vec::new()
        };
        if got != expected {
            failures.push(format!("{name}: other figures\n{got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Builds a file the corpus cannot hold as is; `args` follow its name on
/// the line; `entrada` and `salida` are the case's folders.
fn generate(generator: &str, path: &Path, args: &[&str], entrada: &Path, salida: &Path) {
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
        // A symbolic link to `args[0]` (absolute, or relative to the link).
        "enlace" => {
            #[cfg(unix)]
            std::os::unix::fs::symlink(args[0], path).expect("symlink");
        }
        // A named pipe: reading it would wait forever.
        "fifo" => {
            let ok = std::process::Command::new("mkfifo")
                .arg(path)
                .status()
                .expect("mkfifo")
                .success();
            assert!(ok, "mkfifo");
        }
        // A plain file with the words given as its text.
        "archivo" => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("folder");
            }
            std::fs::write(path, args.join(" ")).expect("write");
        }
        // A folder.
        "carpeta" => std::fs::create_dir_all(path).expect("folder"),
        // `args[0]` (`·` for a space) replaced in the file by `args[1]`
        // written `args[2]` times.
        "repetir" => {
            let text = std::fs::read_to_string(path).expect("file to change");
            let from = args[0].replace('·', " ");
            let n: usize = args[2].parse().expect("count");
            assert!(text.contains(&from), "{from} not in {}", path.display());
            std::fs::write(path, text.replacen(&from, &args[1].repeat(n), 1)).expect("write");
        }
        // basico's metas as an .xlsx.
        "xlsx_metas" => std::fs::write(path, metas_workbook(None)).expect("write"),
        // basico's metas as an .xlsx with a hidden sheet of lists for data
        // validation (no header of any kind of input).
        "xlsx_listas_ocultas" => {
            let text = std::fs::read_to_string(fixture("basico").join("metas.csv")).unwrap();
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("Metas").unwrap();
            for (r, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
                for (c, v) in line.split(';').enumerate().filter(|(_, v)| !v.is_empty()) {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
            let lists = wb.add_worksheet();
            lists.set_name("Listas").unwrap();
            for (r, v) in ["gobernante", "desconcentrado", "creciente"]
                .iter()
                .enumerate()
            {
                lists.write_string(r as u32, 0, *v).unwrap();
            }
            lists.set_hidden(true);
            wb.save(path).unwrap();
        }
        // basico's file `args[0]` as an .xlsx, its percentages typed the
        // Excel way: `85%` is 0,85 with a percent number format.
        "xlsx_porcentajes" => {
            let text = std::fs::read_to_string(fixture("basico").join(args[0])).unwrap();
            let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (r, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
                for (c, v) in line.split(';').enumerate().filter(|(_, v)| !v.is_empty()) {
                    let (r, c) = (r as u32, c as u16);
                    match v.strip_suffix('%').and_then(|n| n.parse::<f64>().ok()) {
                        Some(points) => ws.write_number_with_format(r, c, points / 100.0, &pct),
                        None => ws.write_string(r, c, v),
                    }
                    .unwrap();
                }
            }
            wb.save(path).unwrap();
        }
        // A month published from the case's inputs, to damage afterwards.
        "publicar" => {
            let o = lotaip(&[
                "generar",
                "--periodo",
                args[0],
                "--entrada",
                entrada.to_str().expect("path"),
                "--salida",
                salida.to_str().expect("path"),
            ]);
            assert!(o.status.success(), "{:?}", texts(&o));
        }
        // A field of the first output of a published manifest set to a value.
        "manifiesto" => {
            let text = std::fs::read_to_string(path).expect("manifest");
            let mut m: serde_json::Value = serde_json::from_str(&text).expect("json");
            m["salidas"][0][args[0]] = serde_json::Value::String(unescape(args[1]));
            std::fs::write(path, serde_json::to_vec_pretty(&m).expect("json")).expect("write");
        }
        // basico's metas as a workbook whose shared strings declare `args[0]` strings.
        "xlsx_cuenta_textos" => {
            let bytes = metas_workbook(None);
            let patched = rezip(&bytes, |name, xml| {
                if name.ends_with("sharedStrings.xml") {
                    let start = xml.find("uniqueCount=\"").expect("uniqueCount") + 13;
                    let end = start + xml[start..].find('"').expect("quote");
                    xml.replace_range(start..end, args[0]);
                }
            });
            std::fs::write(path, patched).expect("write");
        }
        // basico's metas as a workbook with a second sheet, hidden (`hidden`
        // or `veryHidden`), that holds more metas.
        "xlsx_hoja_oculta" => {
            let bytes = metas_workbook(Some(args[0] == "veryHidden"));
            std::fs::write(path, bytes).expect("write");
        }
        // The .xls fixture with its sheet's Dimensions record declaring
        // rows from `args[0]` to `args[1]`.
        "xls_dimensiones" => {
            let mut bytes = std::fs::read(formatos.join("metas.xls")).unwrap();
            let at = (0..bytes.len() - 18)
                .find(|&i| bytes[i..i + 4] == [0x00, 0x02, 0x0E, 0x00])
                .expect("a BIFF8 Dimensions record");
            let first: u32 = args[0].parse().expect("row");
            let last: u32 = args[1].parse().expect("row");
            bytes[at + 4..at + 8].copy_from_slice(&first.to_le_bytes());
            bytes[at + 8..at + 12].copy_from_slice(&last.to_le_bytes());
            std::fs::write(path, bytes).expect("write");
        }
        // The .xls fixture with the entry `args[0]` of its sector table (FAT)
        // set to `args[1]`: a chain that loops or leads nowhere.
        "xls_fat" => {
            let mut bytes = std::fs::read(formatos.join("metas.xls")).unwrap();
            let entry: usize = args[0].parse().expect("entry");
            let value: u32 = args[1].parse().expect("value");
            let at = 512 + 4 * entry;
            bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
            std::fs::write(path, bytes).expect("write");
        }
        // An .ods of basico's metas header and one row whose cell `args[0]`
        // (a column letter) holds the XML `args[1..]` joined by spaces.
        "ods_celda" => {
            let cell = args[1..].join(" ");
            std::fs::write(path, ods_metas(args[0], &cell)).expect("write");
        }
        // A rendicion workbook whose sheet `args[0]` is hidden.
        "rendicion_oculta" => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            wb.add_worksheet().set_name("datos_generales").unwrap();
            let ws = wb.add_worksheet();
            ws.set_name(args[0]).unwrap();
            for (c, h) in [
                "entidad",
                "fase",
                "paso",
                "realizado",
                "descripcion",
                "enlace",
            ]
            .iter()
            .enumerate()
            {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 1, "FASE 0").unwrap();
            ws.set_hidden(true);
            wb.save(path).unwrap();
        }
        other => panic!("unknown generator {other}"),
    }
}

/// basico's metas as an `.xlsx` (text cells, in shared strings); with
/// `Some(very)`, a second sheet with the same rows, hidden («very hidden»
/// when `very`).
fn metas_workbook(hidden: Option<bool>) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture("basico").join("metas.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheets = if hidden.is_some() { 2 } else { 1 };
    for s in 0..sheets {
        let ws = wb.add_worksheet();
        ws.set_name(if s == 0 { "Metas" } else { "Metas anteriores" })
            .unwrap();
        for (r, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
            for (c, v) in line.split(';').enumerate().filter(|(_, v)| !v.is_empty()) {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
        if s == 1 {
            ws.set_hidden(true);
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    match hidden {
        Some(true) => rezip(&bytes, |name, xml| {
            if name == "xl/workbook.xml" {
                *xml = xml.replace("state=\"hidden\"", "state=\"veryHidden\"");
            }
        }),
        _ => bytes,
    }
}

/// A zip with each text entry passed through `edit`.
fn rezip(bytes: &[u8], edit: impl Fn(&str, &mut String)) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        edit(&name, &mut text);
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An `.ods` with basico's metas header and its first row, where column
/// `col` holds the cell XML `cell` instead.
fn ods_metas(col: &str, cell: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture("basico").join("metas.csv")).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let row: Vec<&str> = lines.next().unwrap().split(';').collect();
    let target = col
        .bytes()
        .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize)
        - 1;
    let string = |v: &str| {
        if v.is_empty() {
            "<table:table-cell/>".to_string()
        } else {
            format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
            )
        }
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"Metas\"><table:table-row>",
    );
    for h in &header {
        xml.push_str(&string(h));
    }
    xml.push_str("</table:table-row><table:table-row>");
    for (i, v) in row.iter().enumerate() {
        if i == target {
            xml.push_str(cell);
        } else {
            xml.push_str(&string(v));
        }
    }
    xml.push_str("</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}
