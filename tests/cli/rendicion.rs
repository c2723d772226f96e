//! `lotaip rendicion`: the CPCCS form with the seed's figures (004), and bad
//! answers refused like any other input.

use std::path::Path;

use crate::common::*;

#[test]
fn the_seed_figures_come_out_exactly_in_the_workbook() {
    let (out, o) = rendicion_en(&fixture("rendicion"), "2025");
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
    // Without numero_meta the code is the meta's number; without
    // meta_cuantificable the description is made from the target.
    assert_eq!(text(&p, 5, 1), "DG-1");
    assert_eq!(
        text(&p, 5, 2),
        "Alcanzar el 85,00 % de ejecución presupuestaria"
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
    let (out, o) = rendicion_en(&fixture("rendicion"), "2025");
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
        // The form's writing of planned and achieved, as in the workbook.
        "0,85",
        "0,91",
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
    let (out, o) = rendicion_en(dir, "2025");
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
        e.contains("rendicion_deliberacion.csv, fila 2, columna C (usuarios): el desglose no suma el total: MASCULINO 100 + FEMENINO 130 + GLBTI 0 = 230 pero «N.º DE USUARIOS» es 235"),
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
        ";VEEDURIAS CIUDADANAS;SI;2;NO APLICA\ninstitución;VEEDORES;NO;0;",
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

/// A copy of the `rendicion` fixture with one more file.
fn with_file(name: &str, content: &str) -> tempfile::TempDir {
    let dir = variant("lotaip.toml", "anio = 2025", "anio = 2025");
    std::fs::write(dir.path().join(name), content).unwrap();
    dir
}

#[test]
fn a_blank_entity_with_several_reporting_is_refused_not_moved() {
    // Azuay reports on its own too: a blank would put Azuay's row in the
    // institution's total (289 / $ 4.658.266,22 before this was refused).
    let dir = variant(
        "rendicion_contratacion.csv",
        "institución;COMPRA POR CATALOGO",
        ";COMPRA POR CATALOGO",
    );
    let e = refused(dir.path());
    assert!(
        e.contains("rendicion_contratacion.csv, fila 2, columna A (entidad): falta la entidad: rinden cuentas por separado 2 entidades"),
        "{e}"
    );
}

#[test]
fn unanswered_sections_are_marked_and_warned_alike_in_validar_and_rendicion() {
    let (out, o) = rendicion_en(&fixture("rendicion"), "2025");
    let (stdout, _) = texts(&o);
    assert!(o.status.success(), "{stdout}");
    let dir = out.path().join("rendicion_2025");
    let pdf = pdftotext_seguido(&dir.join("rendicion_2025_azuay.pdf"));
    assert!(
        pdf.contains("PROCESOS DE CONTRATACIÓN Y COMPRAS PÚBLICAS DE BIENES Y SERVICIOS: (sección sin responder)"),
        "{pdf}"
    );
    assert!(pdf.contains("SECCIÓN SIN RESPONDER"), "{pdf}");
    // No stand-in answer that reads as given, no total of nothing.
    assert!(
        !pdf.contains("NINGUNO") && !pdf.contains("TOTAL 0"),
        "{pdf}"
    );
    let c = sheet(&dir.join("rendicion_2025_azuay.xlsx"), "Contratacion");
    assert!(
        text(&c, 1, 0).ends_with("(sección sin responder)"),
        "{}",
        text(&c, 1, 0)
    );
    // The same warnings in the check that writes nothing.
    let v = lotaip(&[
        "validar",
        "--entrada",
        fixture("rendicion").to_str().unwrap(),
    ]);
    let (vout, verr) = texts(&v);
    assert!(v.status.success(), "{verr}");
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| {
                l.contains("[sección sin responder]") || l.contains("[respuesta inverosímil]")
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(lines(&vout).len(), 3, "{vout}");
    assert_eq!(lines(&vout), lines(&stdout));
}

#[test]
fn the_budget_link_is_an_answer_of_its_own() {
    let dir = with_file(
        "rendicion_ejecucion_presupuestaria.csv",
        "entidad;tipo;enlace\ninstitución;META;https://www.ejemplo.gob.ec/cedula-presupuestaria\n",
    );
    let (out, o) = rendicion_en(dir.path(), "2025");
    assert!(o.status.success(), "{:?}", texts(&o));
    let b = sheet(
        &out.path()
            .join("rendicion_2025/rendicion_2025_institucion.xlsx"),
        "Ejecución presupuestaria",
    );
    assert_eq!(
        text(&b, 4, 5),
        "https://www.ejemplo.gob.ec/cedula-presupuestaria"
    );
}

#[test]
fn the_objectives_narrative_repeats_the_tables_uncapped_figure() {
    let (out, o) = rendicion_en(&fixture("rendicion"), "2025");
    assert!(o.status.success(), "{:?}", texts(&o));
    let book = out
        .path()
        .join("rendicion_2025/rendicion_2025_institucion.xlsx");
    let p = sheet(&book, "Ejecución programática");
    assert_eq!(number(&p, 6, 6), 1.0706);
    let n = sheet(&book, "Gestión por objetivo");
    let t = text(&n, 4, 1);
    assert!(
        t.contains("cumplimiento promedio de la gestión de 107,06 %"),
        "{t}"
    );
    assert!(
        t.contains("(0,91 frente a 0,85 planificado, 107,06 %)"),
        "{t}"
    );
    assert!(!t.contains("100,00 %"), "{t}");
}

#[test]
fn implausible_answers_are_warned_in_validar_and_rendicion() {
    let dir = variant(
        "rendicion_contratacion.csv",
        "COMPRA POR CATALOGO;325;$1.149.741,23;325;",
        "COMPRA POR CATALOGO;325;$1.149.741,23;400;",
    );
    let (_, o) = rendicion_en(dir.path(), "2025");
    let (stdout, _) = texts(&o);
    assert!(o.status.success(), "{stdout}");
    let finished = "rendicion_contratacion.csv, fila 2: [respuesta inverosímil] «Número Total Finalizados» (400) es mayor que «Número Total Adjudicados» (325)";
    let deliberation = "rendicion_deliberacion.csv, fila 2: [respuesta inverosímil] la deliberación pública del informe de 2025 se realiza después del cierre del año, en 2026; la fecha 20/03/2024 cae fuera de ese año";
    let v = lotaip(&["validar", "--entrada", dir.path().to_str().unwrap()]);
    let (vout, _) = texts(&v);
    for s in [&stdout, &vout] {
        assert!(s.contains(finished) && s.contains(deliberation), "{s}");
    }
}

#[test]
fn the_forms_spellings_of_a_header_are_read_in_the_template_too() {
    // The form writes «N° DE USUARIOS»; the template's key is `usuarios`.
    let dir = variant(
        "rendicion_deliberacion.csv",
        "entidad;fecha;usuarios;",
        "entidad;FECHA EN QUE SE REALIZÓ LA RENDICIÓN DE CUENTAS ANTE LA CIUDADANÍA;N° DE USUARIOS;",
    );
    let (out, o) = rendicion_en(dir.path(), "2025");
    assert!(o.status.success(), "{:?}", texts(&o));
    let d = sheet(
        &out.path()
            .join("rendicion_2025/rendicion_2025_institucion.xlsx"),
        "Deliberacion",
    );
    assert_eq!(
        (text(&d, 5, 0), number(&d, 5, 1)),
        ("20/03/2024".to_string(), 235.0)
    );
}

/// The words of a text, without the punctuation around them.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| ".,:;()«»\"¿?¡!".contains(c))
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn no_word_of_the_accountability_pdf_is_broken_without_a_hyphen() {
    // The real sample year: the institution's report, with the form's long
    // headers in narrow columns.
    let salida = tempfile::tempdir().unwrap();
    let o = lotaip(&[
        "rendicion",
        "--anio",
        "2025",
        "--entrada",
        sample_inputs().to_str().unwrap(),
        "--salida",
        salida.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let dir = salida.path().join("rendicion_2025");
    let xlsx = dir.join("rendicion_2025_institucion.xlsx");
    // Every word the report holds, whole, as the workbook's cells hold it.
    let mut vocab = std::collections::BTreeSet::new();
    for name in sheet_names(&xlsx) {
        for row in sheet(&xlsx, &name).rows() {
            for cell in row {
                vocab.extend(words(&cell.to_string()));
            }
        }
    }
    // The running header and footer are not in the workbook.
    vocab.extend(words(
        "Página de · Formulario de Informe de Rendición de Cuentas",
    ));
    let pdf = words(&pdftotext(&dir.join("rendicion_2025_institucion.pdf")));
    // A word broken at a line's end (with a drawn hyphen, or after «/» or
    // «-», which stay) continues a few words later in the extracted text:
    // the layout extraction puts the rest of the visual line in between.
    let mut used = vec![false; pdf.len()];
    let mut broken = Vec::new();
    for i in 0..pdf.len() {
        let w = &pdf[i];
        if used[i]
            || vocab.contains(w)
            || w.chars().any(|c| c.is_ascii_digit()) && !w.ends_with('-')
        {
            continue;
        }
        let breaks = w.ends_with('-') || w.ends_with('/');
        let rest = (i + 1..pdf.len().min(i + 80)).find(|&j| {
            breaks
                && !used[j]
                && [
                    w.strip_suffix('-').map(|s| format!("{s}{}", pdf[j])),
                    Some(format!("{w}{}", pdf[j])),
                ]
                .iter()
                .flatten()
                .any(|joined| vocab.contains(joined))
        });
        match rest {
            Some(j) => used[j] = true,
            None => broken.push(w.clone()),
        }
    }
    assert!(
        broken.is_empty(),
        "words not in the report as written: {broken:?}"
    );
}
