//! End-to-end tests: the written PDF, read back with poppler-utils and lopdf.

mod samples;
mod signature;
mod structure;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use xhtml_pdf::{Align, ClassStyle, FontFile, Fonts, PdfError, Rgb, Stylesheet};

/// The fonts the tests draw with: the program's.
fn fonts() -> &'static Fonts {
    static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        Fonts::new(
            FontFile {
                name: "LiberationSans",
                bytes: include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf"),
            },
            FontFile {
                name: "LiberationSans-Bold",
                bytes: include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf"),
            },
        )
        .expect("fonts")
    })
}

/// The classes of the samples.
fn stylesheet() -> Stylesheet {
    let c = ClassStyle::default;
    let fill = |hex| Some(Rgb::hex(hex));
    Stylesheet::default()
        .page_break("salto-pagina")
        .chart("grafico")
        .threshold_word("Umbral")
        .class(
            "num",
            ClassStyle {
                align: Some(Align::Right),
                ..c()
            },
        )
        .class(
            "centro",
            ClassStyle {
                align: Some(Align::Center),
                ..c()
            },
        )
        .class(
            "seccion",
            ClassStyle {
                bold: true,
                fill: fill(0xe6e6e6),
                keep_with_next: true,
                ..c()
            },
        )
        .class(
            "total",
            ClassStyle {
                bold: true,
                top_rule: true,
                ..c()
            },
        )
        .class(
            "verde",
            ClassStyle {
                fill: fill(0xc6efce),
                bar: fill(0x43a047),
                ..c()
            },
        )
        .class(
            "amarillo",
            ClassStyle {
                fill: fill(0xffeb9c),
                bar: fill(0xf9a825),
                ..c()
            },
        )
        .class(
            "rojo",
            ClassStyle {
                fill: fill(0xffc7ce),
                bar: fill(0xe53935),
                ..c()
            },
        )
}

fn render_xhtml(xhtml: &str) -> Result<Vec<u8>, PdfError> {
    xhtml_pdf::render(xhtml, &stylesheet(), fonts())
}

fn tmp_pdf(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("pdf-engine-{}-{name}.pdf", std::process::id()));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write temporary PDF");
    path
}

/// Runs a poppler tool; a missing tool fails the test with instructions.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("`{tool}` could not be run ({e}); install poppler-utils: apt-get install -y poppler-utils")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const ACCENTS: &str = r#"<html lang="es"><head><meta charset="utf-8"/><title>Año 2025 — Dirección</title>
<meta name="author" content="Dirección de Planificación"/><meta name="subject" content="Cumplimiento de metas"/>
<meta name="pdf:page" content="A4 portrait"/><meta name="pdf:margins" content="15 12 15 12"/></head>
<body><header>Ministerio<span class="right">Galápagos</span></header><footer>Página {pagina} de {paginas}</footer>
<h1>Dirección Provincial de Galápagos</h1>
<h2>Sucumbíos</h2>
<p>Provincia de Cañar: cumplimiento del <b>107,06 %</b> en el Año 2025 &amp; más.</p>
<table><thead><tr><th>Provincia</th><th>Cumplimiento</th></tr></thead>
<tbody><tr><td>Sucumbíos</td><td class="num verde">107,06 %</td></tr><tr><td>Cañar</td><td class="num rojo">45,10 %</td></tr></tbody></table>
<h2 data-marcador="Gráfico anual">Gráfico</h2>
</body></html>"#;

#[test]
fn extracted_text_keeps_spanish_accents() {
    let pdf = render_xhtml(ACCENTS).unwrap_or_else(|e| panic!("{e}"));
    let path = tmp_pdf("acentos", &pdf);
    let text = poppler("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    for word in [
        "Dirección",
        "Galápagos",
        "Sucumbíos",
        "Cañar",
        "107,06 %",
        "Año",
        "Página 1 de 1",
        "& más",
    ] {
        assert!(
            text.contains(word),
            "{word:?} not found in extracted text:\n{text}"
        );
    }
    let fonts = poppler("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... emb sub uni object id
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "font not embedded/subset/unicode: {row}"
        );
    }
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("Año 2025 — Dirección"), "{info}");
    assert!(info.contains("Dirección de Planificación"), "{info}");
    assert!(info.contains("Cumplimiento de metas"), "{info}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let report = samples::informe("Galápagos", 40, 3);
    let first = render_xhtml(&report).unwrap();
    let _other = render_xhtml(&samples::informe("Cañar", 30, 4)).unwrap();
    let second = render_xhtml(&report).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "two renders of the same input differ");
    let other = render_xhtml(&samples::informe("Galápagos", 40, 5)).unwrap();
    assert!(first != other, "different input, different output");
}

#[test]
fn outline_nests_h2_under_h1() {
    let pdf = render_xhtml(ACCENTS).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads the output");
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let title = |d: &lopdf::Dictionary| {
        let bytes = d.get(b"Title").unwrap().as_str().unwrap().to_vec();
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let first = doc
        .get_dictionary(root.get(b"First").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(title(first), "Dirección Provincial de Galápagos");
    assert!(first.get(b"Next").is_err(), "a single top-level entry");
    let mut child = doc
        .get_dictionary(first.get(b"First").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = vec![title(child)];
    while let Ok(next) = child.get(b"Next") {
        child = doc.get_dictionary(next.as_reference().unwrap()).unwrap();
        titles.push(title(child));
    }
    assert_eq!(titles, ["Sucumbíos", "Gráfico anual"]);
}

#[test]
fn long_matrix_and_report_render() {
    let pdf = render_xhtml(&samples::matriz(300, 1)).unwrap();
    let path = tmp_pdf("matriz", &pdf);
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap();
    assert!(pages > 10, "{info}");
    let text = poppler(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            "2",
            "-l",
            "2",
            path.to_str().unwrap(),
            "-",
        ],
    );
    assert!(
        text.contains("Literal a4)") && text.contains("Meta cuantificable"),
        "header rows on page 2:\n{text}"
    );
    assert!(text.contains(&format!("Página 2 de {pages}")));
    // The last pages are converted on another thread and merged: check that their
    // text (fonts, ToUnicode) is intact too.
    let last = pages.to_string();
    let text = poppler(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &last,
            "-l",
            &last,
            path.to_str().unwrap(),
            "-",
        ],
    );
    assert!(
        text.contains("Institución: Ministerio de Prueba — Año: 2025"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Página {pages} de {pages}")),
        "{text}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn an_element_left_open_is_named_with_the_line_where_it_opens() {
    // A heading never closed: the table inside it is not what is wrong.
    let src = "<html><body>\n<h2>Resumen\n<table><tr><td>x</td></tr></table>\n</body></html>";
    let err = render_xhtml(src).unwrap_err();
    assert!(
        matches!(
            &err,
            PdfError::Xml {
                line: 4,
                markup: xhtml_pdf::Markup::Mismatched { expected, found, opened: Some(2) }
            } if expected == "h2" && found == "body"
        ),
        "{err}"
    );
    let err = render_xhtml("<html><body>\n<p>sin cerrar\n").unwrap_err();
    assert!(
        matches!(
            &err,
            PdfError::Xml {
                markup: xhtml_pdf::Markup::Unclosed { name, opened: Some(2) },
                ..
            } if name == "p"
        ),
        "{err}"
    );
}

#[test]
fn malformed_input_is_reported() {
    let err = render_xhtml("<html><body><table><tr><td>x</tr></table></body></html>").unwrap_err();
    assert!(
        matches!(
            &err,
            PdfError::Xml {
                line: 1,
                markup: xhtml_pdf::Markup::Mismatched { expected, found, opened: Some(1) }
            } if expected == "td" && found == "tr"
        ),
        "{err}"
    );
    let err = render_xhtml("<html><body><figure class=\"grafico\"><table><tbody><tr><td>Ene</td><td>n/d</td></tr></tbody></table></figure></body></html>")
        .unwrap_err();
    assert!(err.to_string().contains("expected a number"), "{err}");
    let err = render_xhtml("<html><body><p>Unidad \u{1F600}</p></body></html>").unwrap_err();
    assert!(
        matches!(
            err,
            PdfError::Glyph {
                line: 1,
                ch: '\u{1F600}'
            }
        ),
        "{err}"
    );
}

#[test]
fn a_month_without_a_figure_draws_no_bar_and_no_error() {
    let pdf = render_xhtml(
        "<html><body><figure class=\"grafico\"><table><thead><tr><th>Mes</th><th>A</th><th>B</th></tr></thead><tbody><tr><td>Ene</td><td></td><td></td></tr><tr><td>Feb</td><td>50.00</td><td></td></tr></tbody></table></figure></body></html>",
    );
    assert!(pdf.is_ok(), "{:?}", pdf.err());
}

/// The link annotations of every page: (page number, URI, rectangle).
fn links(pdf: &[u8]) -> Vec<(u32, String, Vec<f32>)> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF reads back");
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).expect("page dictionary");
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
            continue;
        };
        for a in annots {
            let a = match a {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).expect("annotation"),
                other => other.as_dict().expect("annotation dictionary"),
            };
            assert_eq!(
                a.get(b"Subtype").and_then(|s| s.as_name()).ok(),
                Some(&b"Link"[..])
            );
            let action = a.get(b"A").and_then(|x| x.as_dict()).expect("an action");
            let uri = action.get(b"URI").and_then(|u| u.as_str()).expect("a URI");
            let rect = a
                .get(b"Rect")
                .and_then(|r| r.as_array())
                .expect("a rectangle");
            let rect = rect
                .iter()
                .map(|v| v.as_float().expect("a number"))
                .collect();
            out.push((n, String::from_utf8_lossy(uri).into_owned(), rect));
        }
    }
    out
}

#[test]
fn a_web_or_mail_link_becomes_a_clickable_annotation_over_its_text() {
    let pdf = render_xhtml(
        "<html><body><p>Enlace: <a href=\"https://www.iess.gob.ec/transparencia\">www.iess.gob.ec</a>, correo <a href=\"mailto:planificacion@iess.gob.ec\">planificacion@iess.gob.ec</a>, y <a href=\"javascript:alert(1)\">un guion</a> que queda como texto.</p></body></html>",
    )
    .expect("renders");
    let l = links(&pdf);
    let uris: Vec<&str> = l.iter().map(|(_, u, _)| u.as_str()).collect();
    assert_eq!(
        uris,
        [
            "https://www.iess.gob.ec/transparencia",
            "mailto:planificacion@iess.gob.ec"
        ]
    );
    let (_, _, web) = &l[0];
    let (_, _, mail) = &l[1];
    // On one line, the web address before the e-mail, each as wide as its text.
    assert!((web[1] - mail[1]).abs() < 0.01, "{web:?} {mail:?}");
    assert!(web[2] <= mail[0], "{web:?} {mail:?}");
    assert!(web[2] - web[0] > 40.0 && web[2] - web[0] < 120.0, "{web:?}");
    let text = poppler(
        "pdftotext",
        &[tmp_pdf("enlaces", &pdf).to_str().unwrap_or(""), "-"],
    );
    assert!(text.contains("un guion que queda como texto"), "{text}");
}

#[test]
fn a_link_wrapped_over_two_lines_is_clickable_on_both() {
    let url = "https://www.iess.gob.ec/es/web/guest/ley-de-transparencia/metas-y-objetivos";
    let pdf = render_xhtml(&format!(
        "<html><body><table><colgroup><col style=\"width: 20%\"/><col/></colgroup><tbody><tr><td><a href=\"{url}\">{url}</a></td><td>x</td></tr></tbody></table></body></html>"
    ))
    .expect("renders");
    let l = links(&pdf);
    assert!(l.len() >= 2, "{l:?}");
    assert!(l.iter().all(|(p, u, _)| *p == 1 && u == url), "{l:?}");
    // Each line's rectangle lies below the one before.
    assert!(l.windows(2).all(|w| w[1].2[1] < w[0].2[1]), "{l:?}");
}
