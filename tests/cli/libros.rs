//! The workbooks people print and fill in: the matrix prints whole (header
//! rows on every page, no unit cut where it fits on a page, the footer
//! whole), every sheet of the cumplimiento workbook prints one page wide at
//! a readable size, and the starter workbooks carry notes, drop-down lists
//! and an example row the readers skip. Print settings, validations and notes
//! are read from the XML parts of the files.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::common::*;

/// An XML part of a workbook.
fn part(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut z = zip::ZipArchive::new(f).expect("an xlsx is a zip");
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// The opening tags `<name …>` of an XML text.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        let next = tail[open.len()..].chars().next();
        if matches!(next, Some(' ' | '>' | '/')) {
            out.push(&tail[..end]);
        }
        rest = &tail[end.min(tail.len())..];
    }
    out
}

/// An attribute of an opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    tag[i..].split('"').next()
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} in {tag}"))
}

/// The defined names of a workbook as (name, sheet index, value).
fn defined_names(path: &Path) -> Vec<(String, Option<usize>, String)> {
    let xml = part(path, "xl/workbook.xml");
    let mut out = Vec::new();
    for t in tags(&xml, "definedName") {
        let start = xml.find(t).expect("tag") + t.len();
        let value = xml[start..].split('<').next().unwrap_or("");
        out.push((
            attr(t, "name").unwrap_or("").to_string(),
            attr(t, "localSheetId").and_then(|v| v.parse().ok()),
            value.replace("&apos;", "'"),
        ));
    }
    out
}

/// The page of a sheet as its own settings print it.
struct Printed {
    /// Row heights by 0-based row.
    heights: BTreeMap<u32, f64>,
    /// Rows that start a page (manual breaks).
    breaks: Vec<u32>,
    /// Points of rows a printed page holds below the repeated rows.
    page: f64,
    /// Rows repeated on every page, 0-based, inclusive.
    repeated: (u32, u32),
}

/// Reads the print setup of sheet `index` (0-based) of a workbook and
/// computes, from its column widths, margins and paper, how much of the sheet
/// one page holds when fitted to the page width (Calibri 11 columns: 7 pixels
/// a character).
fn printed(path: &Path, index: usize) -> Printed {
    let xml = part(path, &format!("xl/worksheets/sheet{}.xml", index + 1));
    let setup = tags(&xml, "pageSetup");
    assert_eq!(setup.len(), 1, "no page setup");
    assert_eq!(attr(setup[0], "orientation"), Some("landscape"));
    assert_eq!(attr(setup[0], "paperSize"), Some("9"), "A4");
    assert_eq!(
        attr(setup[0], "fitToHeight"),
        Some("0"),
        "fit to width only"
    );
    assert!(
        xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "not fitted to the page"
    );
    let m = tags(&xml, "pageMargins")[0];
    let mut widths = Vec::new();
    for c in tags(&xml, "col") {
        for _ in num(c, "min") as u32..=num(c, "max") as u32 {
            widths.push(num(c, "width"));
        }
    }
    let sheet: f64 = widths.iter().map(|w| (w * 7.0).round() * 0.75).sum();
    let across = 841.89 - (num(m, "left") + num(m, "right")) * 72.0;
    let zoom = (across / sheet).min(1.0);
    let heights: BTreeMap<u32, f64> = tags(&xml, "row")
        .into_iter()
        .filter_map(|r| Some((num(r, "r") as u32 - 1, attr(r, "ht")?.parse().ok()?)))
        .collect();
    let breaks = tags(&xml, "brk")
        .into_iter()
        .map(|b| num(b, "id") as u32)
        .collect();
    let titles = defined_names(path)
        .into_iter()
        .find(|(n, s, _)| n == "_xlnm.Print_Titles" && *s == Some(index))
        .map(|(_, _, v)| v)
        .expect("rows repeated on every page");
    let rows: Vec<u32> = titles
        .rsplit('!')
        .next()
        .unwrap_or("")
        .split(':')
        .map(|r| r.trim_start_matches('$').parse::<u32>().expect("a row") - 1)
        .collect();
    let repeated = (rows[0], rows[1]);
    let repeated_height: f64 = (repeated.0..=repeated.1)
        .map(|r| heights.get(&r).copied().unwrap_or(15.0))
        .sum();
    let down = 595.28 - (num(m, "top") + num(m, "bottom")) * 72.0;
    Printed {
        heights,
        breaks,
        page: down / zoom - repeated_height,
        repeated,
    }
}

impl Printed {
    fn height(&self, first: u32, last: u32) -> f64 {
        (first..=last)
            .map(|r| self.heights.get(&r).copied().unwrap_or(15.0))
            .sum()
    }

    fn cuts(&self, first: u32, last: u32) -> bool {
        self.breaks.iter().any(|&b| b > first && b <= last)
    }
}

fn matrix(ley_de_2004: bool) -> (tempfile::TempDir, std::path::PathBuf, &'static str) {
    let (out, name, sheet) = if ley_de_2004 {
        let entrada = ley_2004(&sample_inputs());
        let (out, o) = generar(entrada.path(), "2025-06");
        assert!(o.status.success(), "{:?}", texts(&o));
        (out, "literal_a4_2025-06.xlsx", "Literal a4")
    } else {
        let (out, o) = generar(&sample_inputs(), "2025-06");
        assert!(o.status.success(), "{:?}", texts(&o));
        (out, "numeral_1.3_2025-06.xlsx", "Numeral 1.3")
    };
    let path = out.path().join("2025-06").join(name);
    (out, path, sheet)
}

/// What the matrix of the sample month promises its printed pages, under
/// either law: titles and column headers on every page; no page holds more
/// than a page, so the spreadsheet adds no break of its own; no unit,
/// objective or the footer is cut where it fits on a page; a section title
/// never ends a page; the footer's long labels get the lines they wrap to.
fn check_matrix_pages(ley_de_2004: bool) {
    let (_out, path, name) = matrix(ley_de_2004);
    let p = printed(&path, 0);
    assert_eq!(p.repeated, (0, 2), "title lines and column headers");
    assert!(p.breaks.len() > 30, "{} breaks", p.breaks.len());
    let grid = sheet(&path, name);
    let last = grid.height() as u32 - 1;
    let mut starts = vec![3];
    starts.extend(&p.breaks);
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(last, |n| n - 1);
        let h = p.height(s, end);
        assert!(
            h <= p.page,
            "rows {s}–{end}: {h} points, a page holds {}",
            p.page
        );
    }
    // The program fills 98 % of a page, for the rounding of row heights.
    let fits = |first, last| p.height(first, last) <= 0.98 * p.page;
    let merges = merged(&path, name);
    let mut units = 0;
    let mut tall = 0;
    for ((r0, c0), (r1, c1)) in &merges {
        if c0 == c1 && (*c0 == 1 || *c0 == 2) && fits(*r0, *r1) {
            assert!(!p.cuts(*r0, *r1), "rows {r0}–{r1} of column {c0} are cut");
        }
        if *c0 == 1 && *c1 == 1 {
            units += 1;
            tall += usize::from(!fits(*r0, *r1));
        }
    }
    assert!(
        units > 150 && tall < units / 4,
        "{units} units, {tall} taller than a page"
    );
    // Section titles (merged across A–E, no number) stay with their first unit.
    let sections: Vec<u32> = merges
        .iter()
        .filter(|((r0, c0), (r1, c1))| *r0 > 2 && r0 == r1 && *c0 == 0 && *c1 == 4)
        .map(|((r0, _), _)| *r0)
        .collect();
    assert!(sections.len() >= 4, "{sections:?}");
    for r in sections {
        assert!(
            !p.breaks.contains(&(r + 1)),
            "section title at row {r} ends a page"
        );
    }
    // The footer, from the empty row above it, is on one page.
    let fecha = (0..=last)
        .find(|&r| text(&grid, r, 0) == "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:")
        .expect("the footer");
    let link = fecha - 1;
    assert!(text(&grid, link, 0).starts_with("LINK PARA DESCARGAR"));
    assert!(!p.cuts(link - 1, last), "the footer is cut");
    // The link label (101 bold capitals over A–C) is given two lines.
    assert!(p.heights[&link] >= 29.0, "{}", p.heights[&link]);
    // Under 2023 every page of the body starts with a unit's number and
    // name (a unit taller than a page repeats them), or a section title;
    // the 2004 layout keeps seed 002's one merge per unit.
    if !ley_de_2004 {
        for &b in p.breaks.iter().filter(|&&b| b < link - 1) {
            assert!(
                !text(&grid, b, 0).is_empty() && !text(&grid, b, 1).is_empty()
                    || text(&grid, b, 0).starts_with("PROCESOS"),
                "page starting at row {b}: «{}» «{}»",
                text(&grid, b, 0),
                text(&grid, b, 1)
            );
        }
    }
}

#[test]
fn the_matrix_prints_whole_pages_under_the_2023_law() {
    check_matrix_pages(false);
}

#[test]
fn the_literal_a4_matrix_prints_whole_pages() {
    check_matrix_pages(true);
}

/// The small fixture's matrix keeps the published layout: the merges of the
/// 2004 matrix, cell for cell (its values are pinned by the snapshots).
#[test]
fn page_setup_leaves_the_matrix_cells_and_merges_as_published() {
    let expected: Vec<((u32, u32), (u32, u32))> = vec![
        ((0, 0), (0, 4)),
        ((1, 0), (1, 4)),
        ((3, 0), (3, 4)),
        ((4, 0), (5, 0)),
        ((4, 1), (5, 1)),
        ((4, 2), (5, 2)),
        ((6, 0), (6, 4)),
        ((7, 0), (8, 0)),
        ((7, 1), (8, 1)),
        ((7, 2), (8, 2)),
        ((9, 0), (10, 0)),
        ((9, 1), (10, 1)),
        ((9, 2), (10, 2)),
        ((11, 0), (13, 0)),
        ((11, 1), (13, 1)),
        ((11, 2), (12, 2)),
        ((14, 0), (14, 4)),
        ((17, 0), (17, 2)),
        ((17, 3), (17, 4)),
        ((18, 0), (18, 2)),
        ((18, 3), (18, 4)),
        ((19, 0), (19, 2)),
        ((19, 3), (19, 4)),
        ((20, 0), (20, 2)),
        ((20, 3), (20, 4)),
        ((21, 0), (21, 2)),
        ((21, 3), (21, 4)),
        ((22, 0), (22, 2)),
        ((22, 3), (22, 4)),
    ];
    for (entrada, file, name) in [
        (
            ley_2004(&fixture("basico")),
            "literal_a4_2025-06.xlsx",
            "Literal a4",
        ),
        (
            con_toml(&fixture("basico"), ""),
            "numeral_1.3_2025-06.xlsx",
            "Numeral 1.3",
        ),
    ] {
        let (out, o) = generar(entrada.path(), "2025-06");
        assert!(o.status.success(), "{:?}", texts(&o));
        let path = out.path().join("2025-06").join(file);
        assert_eq!(merged(&path, name), expected, "{file}");
        let grid = sheet(&path, name);
        for (c, h) in ENCABEZADOS_MATRIZ.iter().enumerate() {
            assert_eq!(text(&grid, 2, c as u32), *h);
        }
        assert_eq!(number(&grid, 4, 0), 1.0);
        // A month that fits on one page needs no manual break.
        assert!(printed(&path, 0).breaks.is_empty(), "{file}");
    }
}

/// Width units of LibreOffice without Calibri or Carlito, in points: it
/// measures columns with DejaVu Sans, whose digit is a third wider.
const WIDE_UNIT: f64 = 7.0;

/// The body text size of a sheet printed one page wide (10-point cells) when
/// the columns are measured in `unit` points a character (the widths stored
/// in the file carry 5 pixels of padding each).
fn printed_size(widths: &[f64], unit: f64, left_right: f64) -> f64 {
    let sheet: f64 = widths.iter().map(|w| w * unit).sum();
    10.0 * ((841.89 - left_right * 72.0) / sheet).min(1.0)
}

/// Column widths of sheet `index`, columns `first..=last` (0-based).
fn col_widths(path: &Path, index: usize, first: u32, last: u32) -> Vec<f64> {
    let xml = part(path, &format!("xl/worksheets/sheet{}.xml", index + 1));
    let mut w = Vec::new();
    for c in tags(&xml, "col") {
        for n in num(c, "min") as u32..=num(c, "max") as u32 {
            if (first + 1..=last + 1).contains(&n) {
                w.push(num(c, "width"));
            }
        }
    }
    w
}

#[test]
fn every_sheet_of_the_cumplimiento_workbook_prints_one_page_wide_and_readable() {
    let (out, o) = generar(&sample_inputs(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let path = out.path().join("2025-06/cumplimiento_2025-06.xlsx");
    let names = sheet_names(&path);
    assert_eq!(names.len(), 7);
    let defined = defined_names(&path);
    for (i, name) in names.iter().enumerate() {
        let p = printed(&path, i);
        let xml = part(&path, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let m = tags(&xml, "pageMargins")[0];
        let lr = num(m, "left") + num(m, "right");
        // The printed columns: the print area where there is one.
        let last = match defined
            .iter()
            .find(|(n, s, _)| n == "_xlnm.Print_Area" && *s == Some(i))
        {
            Some((_, _, area)) => {
                let end = area.rsplit(':').next().unwrap_or("");
                let col = end
                    .trim_start_matches('$')
                    .chars()
                    .next()
                    .expect("a column");
                col as u32 - 'A' as u32
            }
            None => col_widths(&path, i, 0, 100).len() as u32 - 1,
        };
        let w = col_widths(&path, i, 0, last);
        let size = printed_size(&w, WIDE_UNIT, lr);
        assert!(size >= 7.0, "«{name}» prints at {size:.1} points");
        assert!(p.repeated.0 == 0, "«{name}»");
    }
    // «Indicadores» prints No. to Estado, every row, with the header row on each page.
    let ind = names
        .iter()
        .position(|n| n == "Indicadores")
        .expect("sheet");
    let area = defined
        .iter()
        .find(|(n, s, _)| n == "_xlnm.Print_Area" && *s == Some(ind))
        .map(|(_, _, v)| v.clone())
        .expect("a print area");
    assert_eq!(area, "Indicadores!$A$1:$J$1802");
    let grid = sheet(&path, "Indicadores");
    assert_eq!(text(&grid, 0, 9), "Estado");
    assert_eq!(printed(&path, ind).repeated, (0, 0));
    // «Avisos» repeats its header and wraps its messages.
    let av = names.iter().position(|n| n == "Avisos").expect("sheet");
    assert_eq!(printed(&path, av).repeated, (0, 0));
    let xml = part(&path, &format!("xl/worksheets/sheet{}.xml", av + 1));
    let f2 = tags(&xml, "c")
        .into_iter()
        .find(|c| attr(c, "r") == Some("F2"))
        .expect("a message");
    let style: usize = attr(f2, "s").and_then(|s| s.parse().ok()).expect("styled");
    let styles = part(&path, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let xf_end = xfs.find("</cellXfs>").expect("end");
    let xf = xfs[..xf_end]
        .split("<xf ")
        .nth(style + 1)
        .expect("the style");
    assert!(xf.contains("wrapText=\"1\""), "{xf}");
}

fn iniciar() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = lotaip(&["iniciar", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{:?}", texts(&o));
    dir
}

/// The drop-down lists of a sheet: column letter → the values offered.
fn validations(path: &Path) -> BTreeMap<String, (Vec<String>, String, String)> {
    let xml = part(path, "xl/worksheets/sheet1.xml");
    let mut out = BTreeMap::new();
    for (k, t) in tags(&xml, "dataValidation").into_iter().enumerate() {
        let sqref = attr(t, "sqref").expect("cells").to_string();
        let body = xml.split("<dataValidation ").nth(k + 1).expect("body");
        let formula = body
            .split("<formula1>")
            .nth(1)
            .and_then(|f| f.split("</formula1>").next())
            .expect("a list");
        let values = formula
            .trim_matches('"')
            .replace("&quot;", "")
            .split(',')
            .map(String::from)
            .collect();
        let col: String = sqref
            .chars()
            .take_while(|c| c.is_ascii_uppercase())
            .collect();
        out.insert(
            col,
            (values, sqref, attr(t, "error").unwrap_or("").to_string()),
        );
    }
    out
}

#[test]
fn starter_workbooks_offer_lists_notes_and_a_marked_example_row() {
    let dir = iniciar();
    let metas = dir.path().join("metas.xlsx");
    let v = validations(&metas);
    let letters: Vec<&str> = v.keys().map(String::as_str).collect();
    // proceso, provincia, medida, sentido, comportamiento, periodicidad, agregacion_anual.
    assert_eq!(letters, ["B", "C", "H", "I", "J", "K", "X"]);
    assert_eq!(
        v["B"].0,
        [
            "gobernante",
            "agregador de valor",
            "habilitante de asesoría",
            "habilitante de apoyo",
            "desconcentrado"
        ]
    );
    assert_eq!(v["B"].1, "B2:B20000");
    assert_eq!(v["C"].0.len(), 24);
    assert!(v["C"].0.contains(&"Los Ríos".to_string()));
    assert_eq!(
        v["H"].0,
        ["porcentaje", "numero", "monto", "tiempo", "indice"]
    );
    assert_eq!(v["J"].0, ["continuo", "discreto"]);
    assert!(
        v["I"]
            .2
            .starts_with("Se esperaba «creciente» o «decreciente»"),
        "{}",
        v["I"].2
    );
    let pres = validations(&dir.path().join("presupuesto.xlsx"));
    assert_eq!(pres["C"].0, ["corriente", "inversion"]);
    assert!(validations(&dir.path().join("resultados.xlsx")).is_empty());
    // A note on every header cell, and one on the example row.
    let comments = part(&metas, "xl/comments1.xml");
    let refs: Vec<&str> = tags(&comments, "comment")
        .into_iter()
        .filter_map(|c| attr(c, "ref"))
        .collect();
    assert_eq!(refs.len(), 27 + 1, "{refs:?}");
    assert!(refs.contains(&"A1") && refs.contains(&"AA1") && refs.contains(&"A2"));
    assert!(
        comments.contains("una de las 24 provincias")
            || comments.contains("Una de las 24 provincias")
    );
    let grid = sheet(&metas, "metas");
    assert_eq!(text(&grid, 0, 0), "unidad");
    assert!(text(&grid, 1, 0).starts_with("EJEMPLO — "));
    assert_eq!(text(&grid, 1, 1), "desconcentrado");
    assert_eq!(number(&grid, 1, 13), 0.25);
    // The files are the same bytes every time.
    let again = iniciar();
    for f in ["metas.xlsx", "resultados.xlsx", "presupuesto.xlsx"] {
        assert_eq!(
            std::fs::read(dir.path().join(f)).unwrap(),
            std::fs::read(again.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

/// `validar` of March 2025, the month of the starter's example result.
fn validar_marzo(dir: &Path) -> std::process::Output {
    lotaip(&[
        "validar",
        "--entrada",
        dir.to_str().unwrap(),
        "--periodo",
        "2025-03",
    ])
}

/// A starter folder with the institution filled in.
fn starter_folder() -> tempfile::TempDir {
    let dir = iniciar();
    let toml = dir.path().join("lotaip.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text = text
        .replacen("nombre = \"\"", "nombre = \"Instituto de Ejemplo\"", 1)
        .replacen("siglas = \"\"", "siglas = \"IE\"", 1);
    std::fs::write(&toml, text).unwrap();
    dir
}

#[test]
fn validar_reads_a_starter_folder_and_skips_its_example_rows() {
    let dir = starter_folder();
    let o = validar_marzo(dir.path());
    let (out, err) = texts(&o);
    // The example is not data: the one problem is that there are no metas yet.
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(err.contains("hay 1 problema"), "{err}");
    assert!(
        err.contains(
            "metas.xlsx: no hay metas: la única fila (la 2) es la de ejemplo, que no se lee"
        ),
        "{err}"
    );
}

/// The starter workbooks as CSV files in a folder, their example unit
/// unmarked when `unmark`, plus the starter `lotaip.toml` filled in.
fn as_csv(starter: &Path, unmark: bool, keep_marked_too: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(starter.join("lotaip.toml"), dir.path().join("lotaip.toml")).unwrap();
    for kind in ["metas", "resultados", "presupuesto"] {
        let grid = sheet(&starter.join(format!("{kind}.xlsx")), kind);
        let mut w = csv::Writer::from_path(dir.path().join(format!("{kind}.csv"))).unwrap();
        for (r, row) in grid.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            if r == 1 && keep_marked_too {
                w.write_record(&cells).unwrap();
            }
            let mut cells = cells;
            if r == 1 && unmark {
                cells[0] = cells[0].replacen("EJEMPLO — ", "", 1);
            }
            w.write_record(&cells).unwrap();
        }
        w.flush().unwrap();
    }
    dir
}

#[test]
fn the_example_rows_are_a_valid_indicator_once_unmarked() {
    let starter = starter_folder();
    let dir = as_csv(starter.path(), true, false);
    let o = validar_marzo(dir.path());
    let (out, err) = texts(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(
        out.contains("1 unidades, 1 indicadores") || out.contains("1 unidad, 1 indicador"),
        "{out}"
    );
    // 23 % against 25 %.
    assert!(
        out.contains("Cumplimiento institucional de marzo de 2025: 92,00 % (verde)"),
        "{out}"
    );
    assert!(!out.contains("fila de ejemplo"), "{out}");
}

#[test]
fn marked_example_rows_are_skipped_with_a_warning() {
    let starter = starter_folder();
    // The example rows left above a real copy of them.
    let dir = as_csv(starter.path(), true, true);
    let o = validar_marzo(dir.path());
    let (out, err) = texts(&o);
    assert!(o.status.success(), "{out}{err}");
    assert!(out.contains("fila de ejemplo: 3"), "{out}");
    for f in ["metas.csv", "resultados.csv", "presupuesto.csv"] {
        assert!(
            out.contains(&format!(
                "{f}, fila 2, columna A (unidad): [fila de ejemplo]"
            )),
            "{f}: {out}"
        );
    }
    assert!(
        out.contains("Cumplimiento institucional de marzo de 2025: 92,00 % (verde)"),
        "{out}"
    );
}
