//! Percent cells (see `percent`) as each workbook reader returns them, and
//! as `metas` reads them. The `.xlsx` files are written here; the `.ods` and
//! `.xls` fixtures in `tests/fixtures/porcentajes/` were converted by
//! LibreOffice from the flat `.fods` files of its `fuentes/` folder
//! (`soffice --headless --convert-to ods|xls`).

use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use rust_xlsxwriter::{Format as XlsxFormat, Workbook};

use crate::config::Porcentajes;
use crate::input::metas;
use crate::input::sheet::{Cell, Format, Sheet};
use crate::input::workbook;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/porcentajes")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The cell at a spreadsheet row number (1-based) and 0-based column.
fn at(sheets: &[Sheet], row: usize, col: usize) -> Cell {
    sheets[0]
        .rows
        .iter()
        .find(|r| r.number == row)
        .map_or(Cell::Empty, |r| r.get(col).clone())
}

/// The `metas` of the `.fods` fixture, written as an `.xlsx` the Excel way:
/// percentages typed with `%` are 0,6 with a percent number format.
fn metas_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Metas").unwrap();
    let pct = XlsxFormat::new().set_num_format("0%");
    let pct2 = XlsxFormat::new().set_num_format("0.00%");
    let header = [
        "unidad",
        "proceso",
        "objetivo",
        "codigo",
        "indicador",
        "medida",
        "ene",
        "feb",
        "mar",
        "abr",
        "may",
        "jun",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("P-1", "Porcentaje de avance con formato"),
        ("P-2", "Porcentaje mixto"),
        ("P-3", "Porcentaje como fracción"),
        ("P-4", "Porcentaje en puntos"),
    ];
    for (i, (code, name)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in [
            "Dirección General",
            "gobernante",
            "Medir los porcentajes",
            code,
            name,
            "porcentaje",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(r, c as u16, *v).unwrap();
        }
    }
    ws.write_number_with_format(1, 11, 0.6, &pct).unwrap();
    ws.write_number_with_format(2, 6, 0.6, &pct2).unwrap();
    ws.write_number(2, 11, 70).unwrap();
    ws.write_number(3, 11, 0.6).unwrap();
    ws.write_number(4, 11, 60).unwrap();
    wb.save_to_buffer().unwrap()
}

fn read(bytes: Vec<u8>, name: &str, format: Format) -> Vec<Sheet> {
    crate::contain::contain(|| workbook::read(bytes, name, format))
        .unwrap()
        .unwrap()
}

fn every_format() -> Vec<(&'static str, Vec<Sheet>)> {
    vec![
        ("xlsx", read(metas_xlsx(), "metas.xlsx", Format::Xlsx)),
        ("xls", read(fixture("metas.xls"), "metas.xls", Format::Xls)),
        ("ods", read(fixture("metas.ods"), "metas.ods", Format::Ods)),
    ]
}

#[test]
fn a_percent_cell_is_read_as_the_fraction_it_shows_in_every_format() {
    for (ext, sheets) in every_format() {
        assert_eq!(at(&sheets, 2, 11), Cell::Percent(dec!(0.6)), "{ext}");
        assert_eq!(at(&sheets, 3, 6), Cell::Percent(dec!(0.6)), "{ext}");
        assert_eq!(at(&sheets, 3, 11), Cell::Number(dec!(70)), "{ext}");
        assert_eq!(at(&sheets, 4, 11), Cell::Number(dec!(0.6)), "{ext}");
        assert_eq!(at(&sheets, 5, 11), Cell::Number(dec!(60)), "{ext}");
        assert_eq!(at(&sheets, 2, 11).shown(), "60 %", "{ext}");
    }
}

#[test]
fn metas_typed_60_percent_read_as_60_percent_and_bare_numbers_keep_the_guess() {
    for (ext, sheets) in every_format() {
        let m = metas::read(&sheets, Porcentajes::Auto).unwrap();
        let jun = |i: usize| m.indicadores[i].metas[5];
        // 60 % typed the Excel way.
        assert_eq!(jun(0), Some(dec!(0.6)), "{ext}");
        // A percent cell beside a bare 70: points, both.
        assert_eq!(m.indicadores[1].metas[0], Some(dec!(0.6)), "{ext}");
        assert_eq!(jun(1), Some(dec!(0.7)), "{ext}");
        // Plain numbers: 0,6 is a fraction, 60 points.
        assert_eq!(jun(2), Some(dec!(0.6)), "{ext}");
        assert_eq!(jun(3), Some(dec!(0.6)), "{ext}");
        // The forced conventions apply to bare numbers only.
        let points = metas::read(&sheets, Porcentajes::Puntos).unwrap();
        assert_eq!(points.indicadores[0].metas[5], Some(dec!(0.6)), "{ext}");
        assert_eq!(points.indicadores[2].metas[5], Some(dec!(0.006)), "{ext}");
        let fraction = metas::read(&sheets, Porcentajes::Fraccion).unwrap();
        assert_eq!(fraction.indicadores[0].metas[5], Some(dec!(0.6)), "{ext}");
        assert_eq!(fraction.indicadores[1].metas[5], Some(dec!(70)), "{ext}");
    }
}

#[test]
fn xlsx_formats_are_read_by_their_code() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let cells: [(&str, f64); 6] = [
        ("0.0%", 0.6),
        ("0\\%", 60.0),
        ("0%;-0.00", -0.6),
        ("0%;-0%", -0.6),
        ("#,##0.00", 0.6),
        ("dd/mm/yyyy", 45838.0),
    ];
    for (r, (code, v)) in cells.iter().enumerate() {
        let f = XlsxFormat::new().set_num_format(*code);
        ws.write_number_with_format(r as u32, 0, *v, &f).unwrap();
    }
    let sheets = read(wb.save_to_buffer().unwrap(), "metas.xlsx", Format::Xlsx);
    assert_eq!(at(&sheets, 1, 0), Cell::Percent(dec!(0.6)));
    assert_eq!(at(&sheets, 2, 0), Cell::Percent(dec!(0.6)));
    assert_eq!(at(&sheets, 3, 0), Cell::Number(dec!(-0.6)));
    assert_eq!(at(&sheets, 4, 0), Cell::Percent(dec!(-0.6)));
    assert_eq!(at(&sheets, 5, 0), Cell::Number(dec!(0.6)));
    assert!(matches!(at(&sheets, 6, 0), Cell::Date(_)));
}

#[test]
fn a_percent_format_on_text_or_a_formula_result() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let pct = XlsxFormat::new().set_num_format("0%");
    ws.write_string_with_format(0, 0, "85 %", &pct).unwrap();
    ws.write_formula_with_format(1, 0, "=0.3*2", &pct).unwrap();
    ws.set_formula_result(1, 0, "0.6");
    let sheets = read(wb.save_to_buffer().unwrap(), "metas.xlsx", Format::Xlsx);
    assert_eq!(at(&sheets, 1, 0), Cell::Text("85 %".into()));
    assert_eq!(at(&sheets, 2, 0), Cell::Percent(dec!(0.6)));
}

#[test]
fn the_percent_fields_of_rendicion_read_as_points() {
    for name in [
        "rendicion_recomendaciones.ods",
        "rendicion_recomendaciones.xls",
    ] {
        let format = if name.ends_with("ods") {
            Format::Ods
        } else {
            Format::Xls
        };
        let sheets = read(fixture(name), name, format);
        let cell = at(&sheets, 3, 4);
        assert_eq!(cell, Cell::Percent(dec!(0.6)), "{name}");
        let raw = crate::input::cells::number(&cell, None).unwrap().unwrap();
        assert_eq!((raw.value, raw.percent_sign), (Decimal::from(60), true));
    }
}
