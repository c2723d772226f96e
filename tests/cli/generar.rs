//! `generar` on the small fixture: every output, read back.

use crate::common::*;

#[test]
fn writes_every_output_of_the_month() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        files_under(out.path()),
        vec![
            ".lotaip-portada",
            ".lotaip.lock",
            "2025-06/cifras_2025-06.json",
            "2025-06/cumplimiento_2025-06.csv",
            "2025-06/cumplimiento_2025-06.xlsx",
            "2025-06/cumplimiento_2025-06_diccionario.csv",
            "2025-06/index.html",
            "2025-06/manifest.json",
            "2025-06/numeral_1.3_2025-06.pdf",
            "2025-06/numeral_1.3_2025-06.xlsx",
            "2025-06/pnt/numeral_1.3/conjunto_de_datos.csv",
            "2025-06/pnt/numeral_1.3/diccionario.csv",
            "2025-06/pnt/numeral_1.3/metadatos.csv",
            "2025-06/provincias/azuay_2025-06.pdf",
            "2025-06/provincias/azuay_2025-06.xlsx",
            "2025-06/provincias/los-rios_2025-06.pdf",
            "2025-06/provincias/los-rios_2025-06.xlsx",
            "index.html",
            "ultimo/azuay.html",
            "ultimo/index.html",
            "ultimo/los-rios.html",
        ]
    );
    assert!(
        stdout.contains("Cumplimiento institucional: 78,73 % (amarillo)"),
        "{stdout}"
    );
    // The fixture names no planning-system link: the run says what that
    // leaves empty.
    assert!(
        stdout.contains("lotaip.toml: [sin enlace de verificación] falta enlace_url"),
        "{stdout}"
    );
}

#[test]
fn under_the_2004_law_the_month_has_the_literal_a4_files_and_no_portal_folder() {
    let entrada = ley_2004(&fixture("basico"));
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let files = files_under(out.path());
    for f in [
        "2025-06/literal_a4_2025-06.pdf",
        "2025-06/literal_a4_2025-06.xlsx",
        "2025-06/literal_a4_2025-06_datos.csv",
        "2025-06/literal_a4_2025-06_diccionario.csv",
        "2025-06/literal_a4_2025-06_metadatos.csv",
    ] {
        assert!(files.contains(&f.to_string()), "{f} missing from {files:?}");
    }
    assert!(
        !files
            .iter()
            .any(|f| f.contains("pnt/") || f.contains("numeral_")),
        "{files:?}"
    );
    assert!(!texts(&o).0.contains("sin enlace de verificación"));
}

#[test]
fn cumplimiento_csv_has_the_seed_figure_and_every_state() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let rows = csv_rows(&out.path().join("2025-06/cumplimiento_2025-06.csv"));
    assert_eq!(rows.len(), 10);
    let find = |code: &str, name: &str| {
        rows.iter()
            .find(|r| r["codigo"] == code && r["indicador"].starts_with(name))
            .unwrap_or_else(|| panic!("{code} {name}"))
    };
    let dg1 = find("DG-1", "Porcentaje");
    assert_eq!(
        (
            dg1["meta"].as_str(),
            dg1["real"].as_str(),
            dg1["cumplimiento"].as_str()
        ),
        ("0.85", "0.91", "107.06")
    );
    assert_eq!(dg1["semaforo"], "verde");
    // 0,72 / 0,85 = 84,705… %: shown as 84.71, below the green threshold of 85.
    let dp2 = find("DP-2", "Porcentaje");
    assert_eq!(
        (dp2["cumplimiento"].as_str(), dp2["semaforo"].as_str()),
        ("84.71", "amarillo")
    );
    // Decreasing: target 10 days, result 8 → 125 %.
    assert_eq!(find("PL-1", "Tiempo")["cumplimiento"], "125.00");
    // Quarterly amount evaluated at June.
    let dp1 = find("DP-1", "Monto");
    assert_eq!(
        (
            dp1["periodo_evaluado"].as_str(),
            dp1["cumplimiento"].as_str()
        ),
        ("2025-06", "75.00")
    );
    // Decreasing with result 0: 100 % (real cero).
    assert_eq!(find("AF-1", "Número")["cumplimiento"], "100.00");
    // A reused code told apart by the name.
    assert_eq!(
        find("LR-1", "Número de afiliados activos - Fondo")["cumplimiento"],
        "90.00"
    );
    let pea = find("LR-1", "Número de afiliados activos - PEA");
    assert_eq!(
        (
            pea["estado"].as_str(),
            pea["semaforo"].as_str(),
            pea["cumplimiento"].as_str()
        ),
        ("sin reporte", "rojo", "")
    );
    assert_eq!(find("", "Número de eventos")["estado"], "sin meta numérica");
}

#[test]
fn literal_a4_workbook_has_the_published_layout() {
    let entrada = ley_2004(&fixture("basico"));
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success());
    let path = out.path().join("2025-06/literal_a4_2025-06.xlsx");
    assert_eq!(sheet_names(&path), vec!["Literal a4"]);
    let s = sheet(&path, "Literal a4");
    assert_eq!(
        text(&s, 0, 0),
        "Art. 7 de la Ley Orgánica de Transparencia y Acceso a la Información Pública - LOTAIP"
    );
    assert!(text(&s, 1, 0).starts_with("Literal a4) Las metas y objetivos"));
    let headers: Vec<String> = (0..5).map(|c| text(&s, 2, c)).collect();
    assert_eq!(headers, ENCABEZADOS_MATRIZ);
    assert_eq!(text(&s, 3, 0), "PROCESOS GOBERNANTES / NIVEL DIRECTIVO");
    assert_eq!(number(&s, 4, 0), 1.0);
    assert_eq!(text(&s, 4, 1), "Dirección General");
    assert_eq!(text(&s, 4, 4), "85% semestral");
    assert_eq!(text(&s, 5, 4), "100 mensual");
    assert_eq!(text(&s, 6, 0), "PROCESOS DESCENTRALIZADOS");
    assert_eq!(text(&s, 7, 1), "Dirección Provincial Azuay");
    assert_eq!(text(&s, 7, 4), "$ 2.000.000,00 trimestral");
    assert_eq!(text(&s, 13, 4), "Al menos 12 eventos en el año");
    assert_eq!(text(&s, 14, 0), "NIVEL DE APOYO / ASESORÍA");
    assert_eq!(text(&s, 15, 1), "Dirección Nacional de Planificación");
    let m = merged(&path, "Literal a4");
    for range in [
        ((0, 0), (0, 4)),   // title lines
        ((3, 0), (3, 4)),   // section row
        ((4, 0), (5, 0)),   // No. over the unit's rows
        ((4, 1), (5, 1)),   // unit
        ((4, 2), (5, 2)),   // objective
        ((11, 1), (13, 1)), // Los Ríos over three rows
        ((11, 2), (12, 2)), // its first objective over two
    ] {
        assert!(m.contains(&range), "{range:?} not merged in {m:?}");
    }
    // Footer block: labels over A–C, values over D–E, the date as a date cell.
    let footer: Vec<String> = (17..23).map(|r| text(&s, r, 0)).collect();
    assert_eq!(footer[0], "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:");
    assert!(matches!(
        s.get_value((17, 3)),
        Some(calamine::Data::DateTime(_))
    ));
    assert_eq!(text(&s, 19, 3), "DIRECCIÓN DE PLANIFICACIÓN");
    assert_eq!(text(&s, 21, 3), "prueba@ejemplo.gob.ec");
}

#[test]
fn open_data_package_is_flat_and_documented() {
    let entrada = ley_2004(&fixture("basico"));
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success());
    let datos = csv_rows(&out.path().join("2025-06/literal_a4_2025-06_datos.csv"));
    assert_eq!(datos.len(), 10);
    assert!(datos.iter().all(
        |r| !r["Descripción de la unidad"].is_empty() && !r["Objetivo de la unidad"].is_empty()
    ));
    assert_eq!(datos[9]["No."], "5");
    let meta = csv_rows(&out.path().join("2025-06/literal_a4_2025-06_metadatos.csv"));
    let field = |k: &str| {
        meta.iter()
            .find(|r| r["Campo"] == k)
            .map(|r| r["Valor"].clone())
            .unwrap_or_default()
    };
    assert_eq!(
        field("Fecha de actualización de la información"),
        "30/06/2025"
    );
    assert_eq!(field("Número de indicadores"), "10");
    let dicc = csv_rows(
        &out.path()
            .join("2025-06/literal_a4_2025-06_diccionario.csv"),
    );
    let campos: Vec<&str> = dicc.iter().map(|r| r["Campo"].as_str()).collect();
    assert_eq!(
        campos,
        [
            "No.",
            "Descripción de la unidad",
            "Objetivo de la unidad",
            "Indicador",
            "Meta cuantificable"
        ]
    );
}

#[test]
fn cumplimiento_workbook_holds_numbers_and_summaries() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let path = out.path().join("2025-06/cumplimiento_2025-06.xlsx");
    assert_eq!(
        sheet_names(&path),
        [
            "Resumen",
            "Indicadores",
            "Por unidad",
            "Por provincia",
            "Presupuesto",
            "Avisos",
            "Cambios"
        ]
    );
    let ind = sheet(&path, "Indicadores");
    // Row 1 is DG-1: meta and real as numbers, cumplimiento as a fraction under a percent format.
    assert_eq!(text(&ind, 1, 2), "DG-1");
    assert_eq!(number(&ind, 1, 5), 0.85);
    assert_eq!(number(&ind, 1, 6), 0.91);
    assert_eq!(number(&ind, 1, 7), 1.0706);
    // The grouping columns follow the indicator's, after the printed ones.
    assert_eq!(text(&ind, 0, 12), "Provincia");
    assert_eq!(text(&ind, 1, 13), "gobernante");
    let prov = sheet(&path, "Por provincia");
    assert_eq!(text(&prov, 1, 0), "Azuay");
    // (75 + 84,705… + 58,823… + 100) / 4 = 79,63 %
    assert_eq!(number(&prov, 1, 3), 0.7963);
    assert_eq!(text(&prov, 2, 0), "Los Ríos");
    assert_eq!(number(&prov, 2, 3), 0.45);
    let pres = sheet(&path, "Presupuesto");
    assert_eq!(text(&pres, 1, 0), "Dirección General");
    assert_eq!(number(&pres, 1, 6), 18215009.19);
    assert_eq!(number(&pres, 1, 7), 16599214.93);
    assert_eq!(number(&pres, 1, 8), 0.9113);
    let avisos = sheet(&path, "Avisos");
    let kinds: Vec<String> = (1..avisos.height() as u32)
        .map(|r| text(&avisos, r, 0))
        .collect();
    assert!(
        kinds.contains(&"fila repetida".to_string()) && kinds.contains(&"real cero".to_string()),
        "{kinds:?}"
    );
}

#[test]
fn province_workbooks_carry_their_units_trend_and_budget() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let path = out.path().join("2025-06/provincias/azuay_2025-06.xlsx");
    assert_eq!(
        sheet_names(&path),
        ["Resumen", "Indicadores", "Tendencia", "Presupuesto"]
    );
    let r = sheet(&path, "Resumen");
    assert_eq!(text(&r, 3, 0), "Provincia y unidades");
    assert_eq!(text(&r, 4, 0), "Provincia de Azuay");
    assert_eq!(number(&r, 4, 3), 0.7963);
    assert_eq!(text(&r, 5, 0), "Dirección Provincial Azuay");
    assert_eq!(text(&r, 6, 0), "Unidad Provincial de Afiliación Azuay");
    let t = sheet(&path, "Tendencia");
    let months: Vec<String> = (1..7).map(|row| text(&t, row, 0)).collect();
    assert_eq!(
        months,
        ["enero", "febrero", "marzo", "abril", "mayo", "junio"]
    );
    let p = sheet(&path, "Presupuesto");
    // The latest line up to June: 500 of 1.000 (corriente) plus an investment of 0.
    assert_eq!(text(&p, 4, 0), "Dirección Provincial Azuay");
    assert_eq!(number(&p, 4, 5), 1000.0);
    assert_eq!(number(&p, 4, 6), 500.0);
    assert_eq!(number(&p, 4, 7), 0.5);
}

#[test]
fn xlsx_xls_and_ods_give_the_same_figures_as_csv() {
    let (reference, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let expected =
        std::fs::read(reference.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap();
    for ext in ["xlsx", "xls", "ods"] {
        let dir = tempfile::tempdir().unwrap();
        for f in ["lotaip.toml", "resultados.csv", "presupuesto.csv"] {
            std::fs::copy(fixture("basico").join(f), dir.path().join(f)).unwrap();
        }
        let metas = format!("metas.{ext}");
        std::fs::copy(fixture("formatos").join(&metas), dir.path().join(&metas)).unwrap();
        let (out, o) = generar(dir.path(), "2025-06");
        assert!(o.status.success(), "{ext}: {:?}", texts(&o));
        let got = std::fs::read(out.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected),
            "{ext}"
        );
    }
}

#[test]
fn wide_results_layout_gives_the_same_figures() {
    let (reference, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let expected =
        std::fs::read_to_string(reference.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for f in ["lotaip.toml", "metas.csv", "presupuesto.csv"] {
        std::fs::copy(fixture("basico").join(f), dir.path().join(f)).unwrap();
    }
    let wide = "\
unidad;codigo;indicador;may;jun;observacion;medio_verificacion
Dirección General;DG-1;;;0,91;;
Dirección General;DG-2;;98;105;Cifra preliminar;https://www.ejemplo.gob.ec/doc/1
Dirección Nacional de Planificación;PL-1;;;8;;
Dirección Provincial Azuay;DP-1;;;1.500.000,00;;
Dirección Provincial Azuay;;Porcentaje de inspecciones;;72%;;
Unidad Provincial de Afiliación Azuay;DP-2;;;0,5;;
Unidad Provincial de Afiliación Azuay;AF-1;;;0;;
Dirección Provincial Los Ríos;LR-1;Número de afiliados activos - Fondo;;900;;
";
    std::fs::write(dir.path().join("resultados.csv"), wide).unwrap();
    let (out, o) = generar(dir.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    assert_eq!(
        std::fs::read_to_string(out.path().join("2025-06/cumplimiento_2025-06.csv")).unwrap(),
        expected
    );
}

#[test]
fn pdf_reports_carry_their_text_accents_and_figures() {
    let (out, o) = generar(&fixture("basico"), "2025-06");
    assert!(o.status.success());
    let dir = out.path().join("2025-06");
    let a4 = pdftotext(&dir.join("numeral_1.3_2025-06.pdf"));
    for s in [
        "Art. 19 de la Ley Orgánica de Transparencia",
        "Numeral 1.3. Metas y objetivos de las unidades administrativas",
        "UNIDAD POSEEDORA DE LA INFORMACIÓN - NUMERAL 1.3:",
        "Descripción de la unidad",
        "PROCESOS DESCENTRALIZADOS",
        "Dirección Provincial Los Ríos",
        "$ 2.000.000,00 trimestral",
        "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:",
        "30/06/2025",
        "Página 1 de 1",
    ] {
        assert!(a4.contains(s), "«{s}» missing from the a4 PDF:\n{a4}");
    }
    let azuay = pdftotext(&dir.join("provincias/azuay_2025-06.pdf"));
    for s in [
        "Provincia de Azuay",
        "79,63 %",
        "Dirección Provincial Azuay",
        "Unidad Provincial de Afiliación Azuay",
        "84,71 %",
        "Cómo se calculan las cifras",
        "$ 1.000,00",
        "50,00 %",
    ] {
        assert!(
            azuay.contains(s),
            "«{s}» missing from the Azuay PDF:\n{azuay}"
        );
    }
    assert!(
        pdftotext(&dir.join("provincias/los-rios_2025-06.pdf")).contains("Provincia de Los Ríos")
    );
}

/// Printed in black and white or read by a colour-blind director, the
/// province report still says each row's semáforo in words, and a row
/// without a result says so instead of showing an empty coloured cell.
#[test]
fn the_province_report_writes_the_colour_and_sin_reporte_in_words() {
    let dir = variant_of(
        "basico",
        "resultados.csv",
        "Dirección Provincial Azuay;DP-1;;2025-06;1.500.000,00;;\n",
        "",
    );
    let (out, o) = generar(dir.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let text = pdftotext(&out.path().join("2025-06/provincias/azuay_2025-06.pdf"));
    let row = |code: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(code))
            .unwrap_or_else(|| panic!("{code} not in {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        row("DP-2 Porcentaje").ends_with("84,71 % amarillo"),
        "{}",
        row("DP-2")
    );
    // Real, cumplimiento and estado; the colour may wrap onto the next line.
    assert!(
        row("DP-1 Monto").ends_with("$ 2.000.000,00 sin reporte sin reporte sin reporte"),
        "{}",
        row("DP-1")
    );
    let after: String = text
        .split_once("DP-1 Monto")
        .map(|(_, rest)| rest.lines().take(2).collect())
        .unwrap_or_default();
    assert!(after.contains("(rojo)"), "{after}");
}

/// The URIs of the link annotations on the last page of a PDF.
fn last_page_links(path: &std::path::Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("the PDF reads back");
    let pages = doc.get_pages();
    let (_, &id) = pages.iter().next_back().expect("a page");
    let page = doc.get_dictionary(id).expect("page");
    let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
        return Vec::new();
    };
    // Annotations are indirect objects (the structure tree refers to them).
    annots
        .iter()
        .filter_map(|a| match a {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).ok(),
            other => other.as_dict().ok(),
        })
        .filter_map(|a| a.get(b"A").and_then(|x| x.as_dict()).ok())
        .filter_map(|a| a.get(b"URI").and_then(|u| u.as_str()).ok())
        .map(|u| String::from_utf8_lossy(u).into_owned())
        .collect()
}

#[test]
fn the_matrix_footer_links_can_be_followed_in_the_pdf_and_the_workbook() {
    let url = "https://planificacion.ejemplo.gob.ec/metas?anio=2025&mes=06";
    let entrada = con_toml(
        &fixture("basico"),
        &format!(
            "\n[literal_a4]\nenlace_etiqueta = \"LINK PARA DESCARGAR EL REPORTE DE METAS:\"\nenlace_url = \"{url}\"\n"
        ),
    );
    let (out, o) = generar(entrada.path(), "2025-06");
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdf = out.path().join("2025-06/numeral_1.3_2025-06.pdf");
    assert_eq!(
        last_page_links(&pdf),
        [url.to_string(), "mailto:prueba@ejemplo.gob.ec".to_string()]
    );
    // The workbook's footer cell is a hyperlink to the same address.
    let xlsx =
        std::fs::File::open(out.path().join("2025-06/numeral_1.3_2025-06.xlsx")).expect("workbook");
    let mut zip = zip::ZipArchive::new(xlsx).expect("a zip");
    let mut rels = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("xl/worksheets/_rels/sheet1.xml.rels")
            .expect("the sheet's relations"),
        &mut rels,
    )
    .expect("read");
    assert!(
        rels.contains("https://planificacion.ejemplo.gob.ec/metas?anio=2025&amp;mes=06"),
        "{rels}"
    );
    assert!(rels.contains("mailto:prueba@ejemplo.gob.ec"), "{rels}");
}
