//! The CPCCS form's own layout as input: seed 004 (the second half of the
//! form of an IESS unit, period 2023) ported into a workbook laid out as the
//! form (`tests/fixtures/semilla_004/formulario.tsv`: its sheets, title rows,
//! two-row headers, `N°` and one-answer sections) gives a report whose every
//! figure and text is the seed's.

use crate::common::*;

/// The seed's folder with `rendicion.xlsx` written from `formulario.tsv`:
/// `## name` starts a sheet, every other line is a row of tab-separated
/// cells; whole numbers are number cells, the rest text as the form shows it.
pub fn entrada_semilla() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("semilla_004");
    for f in [
        "lotaip.toml",
        "metas.csv",
        "resultados.csv",
        "presupuesto.csv",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let tsv = std::fs::read_to_string(src.join("formulario.tsv")).unwrap();
    let mut sheets: Vec<(String, Vec<&str>)> = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with("# ")) {
        match line.strip_prefix("## ") {
            Some(name) => sheets.push((name.to_string(), Vec::new())),
            None => sheets.last_mut().unwrap().1.push(line),
        }
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        // A blank row between sections, as the form leaves it.
        let mut r = 0u32;
        for line in rows {
            if line.ends_with(':') && r > 0 {
                r += 1;
            }
            for (c, cell) in line.split('\t').enumerate() {
                if cell.is_empty() {
                    continue;
                }
                if !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit()) {
                    ws.write_number(r, c as u16, cell.parse::<f64>().unwrap())
                        .unwrap();
                } else {
                    ws.write_string(r, c as u16, cell).unwrap();
                }
            }
            r += 1;
        }
    }
    wb.save(dir.path().join("rendicion.xlsx")).unwrap();
    dir
}

#[test]
fn the_seed_ported_into_the_forms_layout_gives_the_seeds_figures_and_texts() {
    let dir = entrada_semilla();
    let (out, o) = rendicion_en(dir.path(), "2023");
    let (stdout, stderr) = texts(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    // The seed's answers are plausible: the deliberation of 2023 in 2024.
    assert!(!stdout.contains("respuesta inverosímil"), "{stdout}");
    let base = out.path().join("rendicion_2023/rendicion_2023_institucion");
    let book = base.with_extension("xlsx");

    let p = sheet(&book, "Ejecución programática");
    assert!(text(&p, 5, 0).starts_with("OE 1. Incrementar la sostenibilidad"));
    assert_eq!(number(&p, 5, 1), 85.0, "NO. DE META, the unit's own");
    assert_eq!(text(&p, 5, 2), "85% DE EJECUCIÓN PRESUPUESTARIA");
    assert_eq!(text(&p, 5, 3), "PORCENTAJE DE EJECUCIÓN PRESUPUESTARIA");
    assert_eq!(
        (number(&p, 5, 4), number(&p, 5, 5), number(&p, 5, 6)),
        (0.85, 0.91, 1.0706)
    );
    assert_eq!(text(&p, 5, 7), "SE SUPERÓ LA META PROYECTADA");
    assert_eq!(number(&p, 6, 6), 1.0706);
    let n = sheet(&book, "Gestión por objetivo");
    assert!(text(&n, 4, 1).contains("107,06 %"), "{}", text(&n, 4, 1));

    let b = sheet(&book, "Ejecución presupuestaria");
    assert_eq!(text(&b, 4, 1), "85% DE EJECUCIÓN PRESUPUESTARIA");
    assert_eq!(
        (number(&b, 4, 2), number(&b, 4, 3), number(&b, 4, 4)),
        (18215009.19, 16599214.93, 0.9113)
    );
    assert_eq!(
        text(&b, 4, 5),
        "https://www.iess.gob.ec/documents/10162/bb7c883e-0204-43e7-a1a8-be080dfacc0b"
    );
    let i = sheet(&book, "Presupuesto institucional");
    let row: Vec<f64> = (0..6).map(|c| number(&i, 4, c)).collect();
    assert_eq!(
        row,
        [18215009.19, 18215009.19, 16599214.93, 0.0, 0.0, 0.9113]
    );

    let c = sheet(&book, "Contratacion");
    let seed = [
        ("COMPRA POR CATALOGO", 325.0, 1149741.23),
        ("INFIMA CUANTÍA", 230.0, 603101.42),
        ("RÉGIMEN ESPECIAL (Todos los procesos)", 7.0, 557484.30),
        ("SUBASTA INVERSA ELECTRÓNICA", 52.0, 3497680.50),
    ];
    for (k, (tipo, n, v)) in seed.iter().enumerate() {
        let r = 5 + k as u32;
        assert_eq!(text(&c, r, 0), *tipo);
        assert_eq!(
            (
                number(&c, r, 1),
                number(&c, r, 2),
                number(&c, r, 3),
                number(&c, r, 4)
            ),
            (*n, *v, *n, *v)
        );
    }

    let d = sheet(&book, "Deliberacion");
    assert_eq!(text(&d, 5, 0), "20/03/2024");
    let people: Vec<f64> = (1..10).map(|k| number(&d, 5, k)).collect();
    assert_eq!(
        people,
        [235.0, 100.0, 135.0, 0.0, 0.0, 235.0, 0.0, 0.0, 0.0]
    );

    let pdf = pdftotext_seguido(&base.with_extension("pdf"));
    for s in [
        "85% DE EJECUCIÓN PRESUPUESTARIA",
        "PORCENTAJE DE EJECUCIÓN PRESUPUESTARIA",
        "0,85",
        "0,91",
        "107,06 %",
        "SE SUPERÓ LA META PROYECTADA",
        "$ 18.215.009,19",
        "$ 16.599.214,93",
        "91,13 %",
        "$ 0,00",
        "$ 1.149.741,23",
        "$ 603.101,42",
        "$ 557.484,30",
        "$ 3.497.680,50",
        "20/03/2024",
        "NO SE RECIBIERON APORTES CIUDADANOS",
        "Memorando Nro. IESS-CMFIEDM-DA-2024-1566-M",
        "Evento de Rendición de Cuentas 20/03/2024",
        "DNA7-SySS-0047-2023",
        "60,00 %",
        "100,00 %",
        "Recomendación de Cumplimiento Continuo",
        "https://www.iess.gob.ec/es/web/guest/ley-de-transparencia",
        "VEEDURÍAS CIUDADANAS",
        "Medios digitales",
        "NINGUNA",
        "con un cumplimiento promedio de la gestión de 107,06 %",
    ] {
        assert!(pdf.contains(s), "«{s}» missing:\n{pdf}");
    }
    // No percent in another style, no invented description, no capped mean.
    for s in ["Alcanzar el", "85,00 %", "gestión de 100,00 %"] {
        assert!(!pdf.contains(s), "«{s}» in:\n{pdf}");
    }
}

#[test]
fn iniciar_writes_the_forms_layout_and_the_reader_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let o = lotaip(&["iniciar", dir.path().to_str().unwrap(), "--formulario"]);
    assert!(o.status.success(), "{:?}", texts(&o));
    let book = dir.path().join("rendicion.xlsx");
    let names = sheet_names(&book);
    assert!(
        names.contains(&"DATOS DE LA DELIBERACIÓN PÚBLIC".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"EJECUCIÓN PROGRAMÁTICA".to_string()),
        "{names:?}"
    );
    let d = sheet(&book, "DATOS DE LA DELIBERACIÓN PÚBLIC");
    assert!(text(&d, 0, 0).starts_with("DATOS DE LA DELIBERACIÓN PÚBLICA"));
    assert_eq!(text(&d, 2, 2), "NO. DE USUARIOS POR GÉNERO");
    assert_eq!(text(&d, 3, 2), "MASCULINO");
    // The empty form, with the seed's data, is read: every section unanswered.
    for f in [
        "lotaip.toml",
        "metas.csv",
        "resultados.csv",
        "presupuesto.csv",
    ] {
        std::fs::copy(fixture("semilla_004").join(f), dir.path().join(f)).unwrap();
    }
    for f in ["metas.xlsx", "resultados.xlsx", "presupuesto.xlsx"] {
        std::fs::remove_file(dir.path().join(f)).unwrap();
    }
    let v = lotaip(&["validar", "--entrada", dir.path().to_str().unwrap()]);
    let (out, err) = texts(&v);
    assert!(v.status.success(), "{out}\n{err}");
    assert!(out.contains("[sección sin responder]"), "{out}");
}
