//! Seed 004 (the second half of a real IESS «Formulario de Informe de
//! Rendición de Cuentas») into the sample `rendicion.xlsx`: each answered
//! section of the form becomes the sheet lotaip reads, for the institution.
//! Computed sections (programmatic and budget execution) are not copied:
//! lotaip computes them from metas, resultados and presupuesto.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use std::path::Path;

/// A section of the form: its heading in 004, its sheet and columns in
/// lotaip, and how many header lines follow the heading.
struct Section {
    heading: &'static str,
    sheet: &'static str,
    columns: &'static [&'static str],
    header_lines: usize,
}

const SECTIONS: &[Section] = &[
    Section {
        heading: "MECANISMOS DE CONTROL SOCIAL:",
        sheet: "control_social",
        columns: &["mecanismo", "implementado", "numero", "enlace"],
        header_lines: 1,
    },
    Section {
        heading: "PROCESO DE RENDICIÓN DE CUENTAS:",
        sheet: "fases",
        columns: &["fase", "paso", "realizado", "descripcion", "enlace"],
        header_lines: 1,
    },
    Section {
        heading: "DATOS DE LA DELIBERACIÓN PÚBLICA Y EVALUACIÓN CIUDADANA DE RENDICIÓN DE CUENTAS:",
        sheet: "deliberacion",
        columns: &[
            "fecha",
            "usuarios",
            "masculino",
            "femenino",
            "glbti",
            "montubio",
            "mestizo",
            "cholo",
            "indigena",
            "afroecuatoriano",
        ],
        header_lines: 2,
    },
    Section {
        heading: "INCORPORACIÓN DE LOS APORTES CIUDADANOS DE LA RENDICIÓN DE CUENTAS DEL AÑO ANTERIOR EN LA GESTIÓN INSTITUCIONAL:",
        sheet: "compromisos",
        columns: &[
            "compromiso",
            "incorporado",
            "avance",
            "resultados",
            "enlace",
        ],
        header_lines: 1,
    },
    Section {
        heading: "DIFUSIÓN Y COMUNICACIÓN DE LA GESTIÓN INSTITUCIONAL:",
        sheet: "difusion",
        columns: &[
            "medio",
            "medios",
            "pct_local",
            "pct_nacional",
            "pct_internacional",
            "enlace",
            "nombre_radio",
            "monto",
            "minutos",
        ],
        header_lines: 1,
    },
    Section {
        heading: "TRANSPARENCIA Y ACCESO A LA INFORMACIÓN DE LA GESTIÓN INSTITUCIONAL Y DE SU RENDICIÓN DE CUENTAS:",
        sheet: "transparencia",
        columns: &["mecanismo", "implementado", "enlace"],
        header_lines: 1,
    },
    Section {
        heading: "PLANIFICACIÓN: Se refiere a la articulación de políticas públicas:",
        sheet: "planificacion",
        columns: &["pregunta", "respuesta", "enlace"],
        header_lines: 1,
    },
    Section {
        heading: "PROCESOS DE CONTRATACIÓN Y COMPRAS PÚBLICAS DE BIENES Y SERVICIOS:",
        sheet: "contratacion",
        columns: &[
            "tipo",
            "numero_adjudicados",
            "valor_adjudicados",
            "numero_finalizados",
            "valor_finalizados",
            "enlace",
        ],
        header_lines: 2,
    },
    Section {
        heading: "INCORPORACIÓN DE RECOMENDACIONES Y DICTÁMENES POR PARTE DE LAS ENTIDADES DE LA FUNCIÓN DE TRANSPARENCIA Y CONTROL SOCIAL Y LA PROCURADURÍA GENERAL DEL ESTADO:",
        sheet: "recomendaciones",
        columns: &[
            "entidad_recomienda",
            "informe",
            "informe_cumplimiento",
            "cumplimiento",
            "observaciones",
            "enlace",
        ],
        header_lines: 1,
    },
];

/// Rows of one section: the lines after its heading and header, up to the
/// next heading. Separator lines (`----`) and blank lines are skipped; the
/// form's placeholder row of an empty section is not an answer.
/// A sheet of answers: its name, its header and its rows.
type Answers<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

fn rows(lines: &[&str], s: &Section) -> Vec<Vec<String>> {
    let Some(start) = lines.iter().position(|l| l.trim() == s.heading) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut skipped = 0;
    for line in &lines[start + 1..] {
        let t = line.trim();
        if t.is_empty() || t.starts_with("--") {
            continue;
        }
        if !line.contains('\t') {
            break;
        }
        if skipped < s.header_lines {
            skipped += 1;
            continue;
        }
        if SECTIONS.iter().any(|o| o.heading == t)
            || t.starts_with("CUMPLIMIENTO DE LA EJECUCIÓN")
            || t.starts_with("PRESUPUESTO INSTITUCIONAL")
        {
            break;
        }
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| c.replace("\\$", "$").trim().to_string())
            .collect();
        out.push(cells);
    }
    out
}

/// Writes `rendicion.xlsx` from the text of seed 004; returns rows per sheet.
pub fn write(seed: &str, path: &Path) -> Result<Vec<(&'static str, usize)>, XlsxError> {
    let lines: Vec<&str> = seed.lines().collect();
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title("Respuestas del formulario de rendición de cuentas (datos de ejemplo)")
        .set_author("convertir-semilla")
        .set_comment("Respuestas de un formulario real del IESS (semilla 004, año 2023), para la institución")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 12, 31)?);
    wb.set_properties(&props);
    let bold = Format::new().set_bold();
    let mut counts = Vec::new();
    // The seed begins with the last row of «MECANISMOS DE PARTICIPACIÓN CIUDADANA».
    let participacion: Vec<Vec<String>> = lines
        .iter()
        .take_while(|l| !l.trim().ends_with(':'))
        .filter(|l| l.contains('\t') && !l.trim().starts_with("--"))
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    let mut sheets: Vec<Answers> = vec![(
        "participacion",
        &["mecanismo", "implementado", "numero", "enlace"],
        participacion,
    )];
    for s in SECTIONS {
        let mut r = rows(&lines, s);
        if s.sheet == "planificacion" {
            // The form prints its first question as the header; the answers follow.
            r.retain(|row| row.len() >= 2);
        }
        sheets.push((s.sheet, s.columns, r));
    }
    let aportes = lines
        .iter()
        .find_map(|l| {
            l.trim()
                .strip_prefix("DESCRIBA LOS PRINCIPALES APORTES CIUDADANOS RECIBIDOS:")
        })
        .map(|t| t.trim().to_string());
    sheets.push((
        "aportes_ciudadanos",
        &["descripcion"],
        aportes.into_iter().map(|a| vec![a]).collect(),
    ));
    for (sheet, columns, data) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        ws.write_string_with_format(0, 0, "entidad", &bold)?;
        for (i, c) in columns.iter().enumerate() {
            ws.write_string_with_format(0, i as u16 + 1, *c, &bold)?;
            ws.set_column_width(i as u16 + 1, 30)?;
        }
        for (r, row) in data.iter().enumerate() {
            ws.write_string(r as u32 + 1, 0, "institución")?;
            for (i, v) in row.iter().take(columns.len()).enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, i as u16 + 1, v)?;
                }
            }
        }
        counts.push((sheet, data.len()));
    }
    wb.save(path)?;
    Ok(counts)
}
