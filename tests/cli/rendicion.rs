//! `lotaip rendicion`: the CPCCS form with the seed's figures (004), and bad
//! answers refused like any other input.

use std::path::Path;

use crate::common::*;

fn rendicion(entrada: &Path) -> (tempfile::TempDir, std::process::Output) {
    let salida = tempfile::tempdir().unwrap();
    let o = lotaip(&[
        "rendicion",
        "--anio",
        "2025",
        "--entrada",
        entrada.to_str().unwrap(),
        "--salida",
        salida.path().to_str().unwrap(),
    ]);
    (salida, o)
}

#[test]
fn the_seed_figures_come_out_exactly_in_the_workbook() {
    let (out, o) = rendicion(&fixture("rendicion"));
    assert!(o.status.success(), "{:?}", texts(&o));
    let dir = out.path().join("rendicion_2025");
    assert_eq!(
        files_under(&dir),
        [
            "manifest.json",
            "rendicion_2025_azuay.pdf",
            "rendicion_2025_azuay.xlsx",
            "rendicion_2025_institucion.pdf",
            "rendicion_2025_institucion.xlsx"
        ]
    );
    // Published like the month: its manifest verifies the folder.
    let v = lotaip(&["verificar", dir.to_str().unwrap()]);
    assert!(v.status.success(), "{:?}", texts(&v));
    let book = dir.join("rendicion_2025_institucion.xlsx");
    // Programmatic execution: planned 0,85, achieved 0,91 → 107,06 %; one meta, so the total too.
    let p = sheet(&book, "Ejecución programática");
    assert_eq!(text(&p, 1, 0), "CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA:");
    assert_eq!(
        text(&p, 5, 2),
        "Alcanzar el 85% de ejecución presupuestaria"
    );
    assert_eq!(text(&p, 5, 3), "Porcentaje de ejecución presupuestaria");
    assert_eq!(
        (number(&p, 5, 4), number(&p, 5, 5), number(&p, 5, 6)),
        (0.85, 0.91, 1.0706)
    );
    assert_eq!(text(&p, 6, 0), "TOTAL % CUMPLIMIENTO DE LA GESTIÓN:");
    assert_eq!(number(&p, 6, 6), 1.0706);
    // Budget execution: $18.215.009,19 planned, $16.599.214,93 executed → 91,13 %.
    let b = sheet(&book, "Ejecución presupuestaria");
    assert_eq!(text(&b, 4, 1), "85% DE EJECUCIÓN PRESUPUESTARIA");
    assert_eq!(
        (number(&b, 4, 2), number(&b, 4, 3), number(&b, 4, 4)),
        (18215009.19, 16599214.93, 0.9113)
    );
    assert!(text(&b, 4, 5).starts_with("https://www.iess.gob.ec/documents/10162/bb7c883e"));
    let i = sheet(&book, "Presupuesto institucional");
    let row: Vec<f64> = (0..6).map(|c| number(&i, 4, c)).collect();
    assert_eq!(
        row,
        [18215009.19, 18215009.19, 16599214.93, 0.0, 0.0, 0.9113]
    );
    // Procurement: the answered rows and their computed total.
    let c = sheet(&book, "Contratacion");
    assert_eq!(text(&c, 5, 0), "COMPRA POR CATALOGO");
    assert_eq!(text(&c, 9, 0), "TOTAL");
    assert_eq!((number(&c, 9, 1), number(&c, 9, 2)), (614.0, 5808007.45));
}

#[test]
fn the_seed_figures_and_the_form_vocabulary_appear_in_the_pdf() {
    let (out, o) = rendicion(&fixture("rendicion"));
    assert!(o.status.success(), "{:?}", texts(&o));
    let pdf = pdftotext(
        &out.path()
            .join("rendicion_2025/rendicion_2025_institucion.pdf"),
    );
    for s in [
        "107,06 %",
        "$ 18.215.009,19",
        "$ 16.599.214,93",
        "91,13 %",
        "$ 1.149.741,23",
        "$ 5.808.007,45",
        "100,00 %",
        "60,00 %",
        "20/03/2024",
        "CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA:",
        "PROCESO DE RENDICIÓN DE CUENTAS:",
        "NO APLICA",
        "S/N",
        "DESCRIPCIÓN DE LA GESTIÓN POR OBJETIVO:",
        "Para el objetivo «OE 1. Incrementar la eficiencia en el uso de recursos financieros», Instituto de Prueba programó 1 meta",
    ] {
        assert!(pdf.contains(s), "«{s}» missing:\n{pdf}");
    }
    let azuay = pdftotext(&out.path().join("rendicion_2025/rendicion_2025_azuay.pdf"));
    assert!(
        azuay.contains("Provincia de Azuay")
            && azuay.contains("ENTIDAD OPERATIVA DESCONCENTRADA - EOD"),
        "{azuay}"
    );
}

/// A copy of the `rendicion` fixture with one line of one file replaced.
fn variant(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("rendicion")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

fn refused(dir: &Path) -> String {
    let (out, o) = rendicion(dir);
    let (_, err) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(files_under(out.path()).is_empty());
    err
}

#[test]
fn a_breakdown_that_does_not_add_up_is_refused() {
    let dir = variant(
        "rendicion_deliberacion.csv",
        ";235;100;135;",
        ";235;100;130;",
    );
    let e = refused(dir.path());
    assert!(
        e.contains("rendicion_deliberacion.csv, fila 2, columna D (masculino): el desglose no suma el total: MASCULINO + FEMENINO + GLBTI = 230 pero «N.º DE USUARIOS» es 235"),
        "{e}"
    );
}

#[test]
fn a_link_that_is_not_a_url_is_refused() {
    let dir = variant(
        "rendicion_fases.csv",
        "2023;https://www.iess.gob.ec/documents/10162/a123d868-3dad-49ee-9c5b-295f0bd93a84",
        "2023;Acta de reunión",
    );
    let e = refused(dir.path());
    assert!(e.contains("rendicion_fases.csv, fila 3, columna F (enlace): se esperaba un enlace que empiece por https:// o http://, o NO APLICA; se encontró «Acta de reunión»"), "{e}");
}

#[test]
fn a_missing_required_answer_is_refused() {
    let dir = variant(
        "rendicion_fases.csv",
        ";FASE 1;REDACCIÓN DEL INFORME DE RENDICIÓN DE CUENTAS;SI;",
        ";FASE 1;REDACCIÓN DEL INFORME DE RENDICIÓN DE CUENTAS;;",
    );
    let e = refused(dir.path());
    assert!(e.contains("rendicion_fases.csv, fila 6, columna D (realizado): falta la respuesta de «PONGA SI O NO»"), "{e}");
}

#[test]
fn a_yes_without_evidence_and_an_unknown_row_are_refused_together() {
    let dir = variant(
        "rendicion_control_social.csv",
        ";VEEDURÍAS CIUDADANAS;NO;0;NO APLICA",
        ";VEEDURIAS CIUDADANAS;SI;2;NO APLICA\n;VEEDORES;NO;0;",
    );
    let e = refused(dir.path());
    assert!(e.contains("hay 2 problemas"), "{e}");
    assert!(
        e.contains(
            "fila 2, columna E (enlace): con SI se requiere el enlace al medio de verificación"
        ),
        "{e}"
    );
    assert!(
        e.contains("fila 3, columna B (mecanismo): fila desconocida en «control_social»"),
        "{e}"
    );
}

#[test]
fn an_entity_that_does_not_report_on_its_own_is_refused() {
    let dir = variant("rendicion_datos_generales.csv", "\nAzuay;", "\nGuayas;");
    let e = refused(dir.path());
    assert!(
        e.contains(
            "«Guayas» no rinde cuentas por separado; agréguela a [rendicion] en lotaip.toml"
        ),
        "{e}"
    );
}
