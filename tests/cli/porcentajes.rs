//! Percentages typed the spreadsheet way (SPEC 1.1): a cell typed «60 %»
//! holds 0,6 with a percent number format, and is published as 60 %, in
//! every workbook format, in metas, resultados and the rendición form, and
//! when values are copied back from the program's own workbooks.
//!
//! `tests/fixtures/porcentajes/` holds the `.ods` and `.xls` inputs,
//! converted by LibreOffice from the flat `.fods` files of its `fuentes/`;
//! the `.xlsx` inputs are written here the way Excel stores them.

use std::path::Path;

use calamine::{Data, Xlsx, open_workbook};
use rust_xlsxwriter::{Format, Workbook};

use crate::common::*;

const METAS: [(&str, &str); 4] = [
    ("P-1", "Porcentaje de avance con formato"),
    ("P-2", "Porcentaje mixto"),
    ("P-3", "Porcentaje como fracción"),
    ("P-4", "Porcentaje en puntos"),
];

/// The fixture's metas and resultados as `.xlsx` files.
fn write_xlsx(dir: &Path) {
    let pct = Format::new().set_num_format("0%");
    let pct2 = Format::new().set_num_format("0.00%");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
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
    for (i, (code, name)) in METAS.iter().enumerate() {
        let r = i as u32 + 1;
        let fixed = [
            "Dirección General",
            "gobernante",
            "Medir los porcentajes",
            code,
            name,
            "porcentaje",
        ];
        for (c, v) in fixed.iter().enumerate() {
            ws.write_string(r, c as u16, *v).unwrap();
        }
    }
    ws.write_number_with_format(1, 11, 0.6, &pct).unwrap();
    ws.write_number_with_format(2, 6, 0.6, &pct2).unwrap();
    ws.write_number(2, 11, 70).unwrap();
    ws.write_number(3, 11, 0.6).unwrap();
    ws.write_number(4, 11, 60).unwrap();
    wb.save(dir.join("metas.xlsx")).unwrap();

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["unidad", "codigo", "periodo", "valor"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (code, _)) in METAS.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, "Dirección General").unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 2, "2025-06").unwrap();
    }
    ws.write_number_with_format(1, 3, 0.54, &pct).unwrap();
    ws.write_number_with_format(2, 3, 0.63, &pct2).unwrap();
    ws.write_number(3, 3, 0.54).unwrap();
    ws.write_number_with_format(4, 3, 0.54, &pct2).unwrap();
    wb.save(dir.join("resultados.xlsx")).unwrap();
}

/// An inputs folder: basico's lotaip.toml and the fixture's metas and
/// resultados in one format.
fn inputs(ext: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("basico").join("lotaip.toml"),
        dir.path().join("lotaip.toml"),
    )
    .unwrap();
    if ext == "xlsx" {
        write_xlsx(dir.path());
    } else {
        for f in ["metas", "resultados"] {
            let name = format!("{f}.{ext}");
            std::fs::copy(fixture("porcentajes").join(&name), dir.path().join(&name)).unwrap();
        }
    }
    dir
}

#[test]
fn a_target_typed_60_percent_is_published_as_60_percent_in_every_format() {
    for ext in ["xlsx", "xls", "ods"] {
        let dir = inputs(ext);
        let (out, o) = generar(dir.path(), "2025-06");
        assert!(o.status.success(), "{ext}: {:?}", texts(&o));
        let rows = csv_rows(&out.path().join("2025-06/cumplimiento_2025-06.csv"));
        let figures: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r["codigo"].as_str(),
                    r["meta"].as_str(),
                    r["real"].as_str(),
                    r["cumplimiento"].as_str(),
                )
            })
            .collect();
        assert_eq!(
            figures,
            [
                // 60 % typed the Excel way (read as «60 %» typed as text
                // is: 60 points), result 54 % likewise.
                ("P-1", "0.60", "0.54", "90.00"),
                // A percent cell beside a bare 70 (points): 63 % of 70 %.
                ("P-2", "0.70", "0.63", "90.00"),
                // Plain 0,6 and 0,54: fractions, as before.
                ("P-3", "0.6", "0.54", "90.00"),
                // Plain 60 (points), result 54 % typed the Excel way.
                ("P-4", "0.60", "0.54", "90.00"),
            ],
            "{ext}"
        );
        // The numeral 1.3 matrix publishes the target as the plan states it.
        let conjunto = std::fs::read_to_string(
            out.path()
                .join("2025-06/pnt/numeral_1.3/conjunto_de_datos.csv"),
        )
        .unwrap();
        assert!(
            conjunto.contains("Porcentaje de avance con formato,60% mensual"),
            "{ext}: {conjunto}"
        );
    }
}

/// The number format code of each cell of a sheet of an `.xlsx`.
fn format_code(path: &Path, sheet: &str, pos: (u32, u32)) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let styles = wb.worksheet_style(sheet).unwrap();
    styles
        .get(pos)
        .and_then(|s| s.number_format.as_ref())
        .map_or("General".into(), |f| f.format_code.clone())
}

#[test]
fn values_copied_back_from_the_cumplimiento_workbook_read_the_same() {
    let (reference, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let month = reference.path().join("2025-06");
    let book = month.join("cumplimiento_2025-06.xlsx");
    let ind = sheet(&book, "Indicadores");
    let header: Vec<String> = (0..ind.width() as u32).map(|c| text(&ind, 0, c)).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.to_lowercase().starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {header:?}")) as u32
    };
    let (c_unidad, c_codigo, c_indicador) = (col("unidad"), col("código"), col("indicador"));
    let (c_meta, c_real) = (col("meta"), col("real"));
    // basico's metas and resultados for its percentage indicators, their
    // June target and result pasted from the workbook with their formats.
    let dir = tempfile::tempdir().unwrap();
    for f in ["lotaip.toml", "metas.csv", "presupuesto.csv"] {
        std::fs::copy(fixture("basico").join(f), dir.path().join(f)).unwrap();
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let columns = [
        "unidad",
        "codigo",
        "indicador",
        "periodo",
        "valor",
        "observacion",
        "medio_verificacion",
    ];
    for (c, h) in columns.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let results = std::fs::read_to_string(fixture("basico").join("resultados.csv")).unwrap();
    let mut copied = 0;
    for (r, line) in results.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(';').collect();
        let r = r as u32 + 1;
        ws.write_string(r, 0, f[0]).unwrap();
        ws.write_string(r, 1, f[1]).unwrap();
        ws.write_string(r, 2, f[2]).unwrap();
        ws.write_string(r, 3, f[3]).unwrap();
        for c in [5, 6] {
            if !f[c].is_empty() {
                ws.write_string(r, c as u16, f[c]).unwrap();
            }
        }
        // The workbook's row of this indicator, when it is a percentage.
        let row = (1..ind.height() as u32).find(|&i| {
            text(&ind, i, c_unidad) == f[0]
                && (f[1].is_empty() || text(&ind, i, c_codigo) == f[1])
                && (f[2].is_empty() || text(&ind, i, c_indicador) == f[2])
                && text(&ind, i, c_indicador).starts_with("Porcentaje")
                && matches!(ind.get_value((i, c_real)), Some(Data::Float(_)))
        });
        match row.filter(|_| f[3].contains("06") || f[3] == "jun") {
            Some(i) => {
                let code = format_code(&book, "Indicadores", (i, c_real));
                assert!(code.contains('%'), "{code}");
                let v = number(&ind, i, c_real);
                let fmt = Format::new().set_num_format(&code);
                ws.write_number_with_format(r, 4, v, &fmt).unwrap();
                assert!(number(&ind, i, c_meta) <= 1.0);
                copied += 1;
            }
            None => {
                ws.write_string(r, 4, f[4]).unwrap();
            }
        }
    }
    assert!(copied >= 2, "{copied} percentages copied");
    wb.save(dir.path().join("resultados.xlsx")).unwrap();
    let (out, o) = generar(dir.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    // The same figures; a pasted 50 % is written 0.50, as «50 %» typed is.
    let figures = |path: &Path| {
        let mut rows = csv_rows(path);
        for r in &mut rows {
            for k in ["meta", "real"] {
                if let Ok(v) = r[k].parse::<f64>() {
                    r.insert(k.into(), v.to_string());
                }
            }
        }
        rows
    };
    assert_eq!(
        figures(&out.path().join("2025-06/cumplimiento_2025-06.csv")),
        figures(&month.join("cumplimiento_2025-06.csv"))
    );
}

/// `lotaip rendicion` on a copy of the `rendicion` fixture with the file
/// `quitar` replaced by `poner` from `porcentajes`.
fn rendicion_with(quitar: &str, poner: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("rendicion")).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().is_some_and(|n| n != quitar) {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    if !poner.is_empty() {
        std::fs::copy(fixture("porcentajes").join(poner), dir.path().join(poner)).unwrap();
    }
    let (salida, o) = rendicion_en(dir.path(), "2025");
    (salida, o)
}

#[test]
fn a_rendicion_percentage_typed_the_spreadsheet_way_is_published_as_typed_with_its_sign() {
    // The seed's answers write «100,00 %» and «60,00 %» as text.
    let (reference, o) = rendicion_with("", "");
    assert!(o.status.success(), "{:?}", texts(&o));
    let book = "rendicion_2025/rendicion_2025_institucion.xlsx";
    let expected = std::fs::read(reference.path().join(book)).unwrap();
    for poner in [
        "rendicion_recomendaciones.ods",
        "rendicion_recomendaciones.xls",
    ] {
        let (out, o) = rendicion_with("rendicion_recomendaciones.csv", poner);
        assert!(o.status.success(), "{poner}: {:?}", texts(&o));
        assert!(
            std::fs::read(out.path().join(book)).unwrap() == expected,
            "{poner}: the workbook differs from the one of the text answers"
        );
    }
}
