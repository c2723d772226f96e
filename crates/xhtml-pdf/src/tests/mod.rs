//! Layout invariants checked on the computed layout (not on pixels).
//! Table pagination tests are in [`tables`].

mod columns;
mod hyphenate;
mod keep;
mod tables;

use super::dom::Span;
use super::fonts::{FontFile, Fonts};
use super::hyphen::Hyphenation;
use super::layout::{EPS, Item, Layout};
use super::style::{Align, ClassStyle, Rgb, Stylesheet};
use super::table::TableTrace;
use super::text::wrap;
use super::{PdfError, dom};

/// The program's fonts, parsed once for the tests.
pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let file = |name, bytes| FontFile { name, bytes };
        Fonts::new(
            file(
                "LiberationSans",
                include_bytes!("../../../../assets/fonts/LiberationSans-Regular.ttf"),
            ),
            file(
                "LiberationSans-Bold",
                include_bytes!("../../../../assets/fonts/LiberationSans-Bold.ttf"),
            ),
        )
        .expect("the fonts parse")
    })
}

/// A stylesheet with the classes the tests use.
pub(crate) fn stylesheet() -> Stylesheet {
    let fill = |hex| ClassStyle {
        fill: Some(Rgb::hex(hex)),
        ..ClassStyle::default()
    };
    Stylesheet::default()
        .page_break("salto-pagina")
        .chart("grafico")
        .class(
            "num",
            ClassStyle {
                align: Some(Align::Right),
                ..ClassStyle::default()
            },
        )
        .class(
            "seccion",
            ClassStyle {
                bold: true,
                keep_with_next: true,
                ..fill(0xe6e6e6)
            },
        )
        .class(
            "verde",
            ClassStyle {
                bar: Some(Rgb::hex(0x43a047)),
                ..fill(0xc6efce)
            },
        )
}

/// Parses and lays out `xhtml` without writing a PDF.
pub(crate) fn layout_xhtml(xhtml: &str) -> Result<(dom::Document, Layout), PdfError> {
    let doc = super::xhtml::parse(xhtml, &stylesheet(), fonts())?;
    let layout = super::layout::layout(&doc, fonts())?;
    Ok((doc, layout))
}

const WORDS: &[&str] = &[
    "Dirección",
    "provincial",
    "de",
    "Galápagos",
    "Sucumbíos",
    "Cañar",
    "gestión",
    "seguimiento",
    "metas",
    "indicadores",
    "cumplimiento",
    "porcentaje",
    "año",
    "institucional",
    "capacitación",
    "presupuesto",
    "información",
    "pública",
    "transparencia",
    "territorio",
    "atención",
    "ciudadanía",
    "y",
    "la",
    "del",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.next() % (hi - lo + 1)
    }
    fn text(&mut self, lo: usize, hi: usize) -> String {
        let n = self.range(lo, hi);
        let mut s = String::new();
        while s.len() < n {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(WORDS[self.next() % WORDS.len()]);
        }
        s
    }
}

fn page(body: &str, orientation: &str) -> String {
    format!(
        r#"<html lang="es"><head><meta charset="utf-8"/><title>Prueba</title>
<meta name="pdf:page" content="A4 {orientation}"/><meta name="pdf:margins" content="15 12 15 12"/></head>
<body><header>Institución de prueba<span class="right">LOTAIP 2025</span></header>
<footer>Corte 2025<span class="right">Página {{pagina}} de {{paginas}}</span></footer>
{body}</body></html>"#
    )
}

/// A matrix like the LOTAIP literal a4 one: units and objectives with rowspans.
fn matrix(rows: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut b = String::from(
        r#"<h1>Matriz</h1><table><colgroup><col style="width: 5%"/><col style="width: 17%"/><col style="width: 30%"/><col style="width: 36%"/><col/></colgroup>
<thead><tr><th colspan="5">Literal a4) Metas y objetivos de las unidades administrativas</th></tr>
<tr><th colspan="5">Año 2025</th></tr>
<tr><th>No.</th><th>Unidad</th><th>Objetivo</th><th>Indicador</th><th>Meta</th></tr></thead><tbody>"#,
    );
    let mut n = 0;
    while n < rows {
        let unit = rng.range(5, 40).min(rows - n);
        let mut left = unit;
        let mut first = true;
        while left > 0 {
            let obj = rng.range(1, 8).min(left);
            let objective = rng.text(40, 200);
            for k in 0..obj {
                n += 1;
                b.push_str(&format!("<tr><td class=\"centro\">{n}</td>"));
                if first {
                    b.push_str(&format!(
                        "<td rowspan=\"{unit}\">Dirección {n} {}</td>",
                        rng.text(10, 60)
                    ));
                    first = false;
                }
                if k == 0 {
                    b.push_str(&format!("<td rowspan=\"{obj}\">{objective}</td>"));
                }
                b.push_str(&format!(
                    "<td>{}</td><td class=\"num\">107,06 %</td></tr>\n",
                    rng.text(40, 200)
                ));
            }
            left -= obj;
        }
    }
    b.push_str("</tbody></table>");
    page(&b, "landscape")
}

fn lay(xhtml: &str) -> Layout {
    layout_xhtml(xhtml).unwrap_or_else(|e| panic!("{e}")).1
}

fn table(l: &Layout) -> &TableTrace {
    l.tables.first().expect("a table")
}

/// Width of drawn line `i` of a cell, measured again with the font.
fn measured(t: &TableTrace, head: bool, cell: usize, i: usize) -> f32 {
    let f = fonts();
    let c = if head {
        &t.head.cells[cell]
    } else {
        &t.body.cells[cell]
    };
    c.lines[i]
        .frags
        .iter()
        .map(|fr| f.face(fr.bold).width(&fr.text, c.style.size))
        .sum()
}

fn report() -> String {
    let mut rows = String::new();
    for (i, m) in ["Ene", "Feb", "Mar", "Abr", "May", "Jun"]
        .iter()
        .enumerate()
    {
        let class = ["verde", "amarillo", "rojo"][i % 3];
        rows.push_str(&format!(
            "<tr class=\"{class}\"><td>{m}</td><td>{}</td><td>100</td></tr>",
            60.5 + i as f64 * 9.0
        ));
    }
    page(
        &format!(
            "<h1>Informe</h1><figure class=\"grafico\" data-tipo=\"barras\" data-alto=\"60mm\" data-max=\"120\" data-umbral=\"85\">\
             <figcaption>Cumplimiento mensual 2025</figcaption><table><thead><tr><th>Mes</th><th>Cumplimiento (%)</th><th>Meta (%)</th></tr></thead>\
             <tbody>{rows}</tbody></table></figure><p>Año 2025: <b>107,06 %</b></p>"
        ),
        "portrait",
    )
}

#[test]
fn wrapped_lines_never_exceed_the_width() {
    let f = fonts();
    let mut rng = Rng(3);
    for _ in 0..300 {
        let spans = vec![
            Span::new(rng.text(5, 300), false),
            Span::new(format!(" {}", rng.text(1, 40)), true),
            Span::new(
                " Supercalifragilísticoespialidoso-https://www.ejemplo.gob.ec/transparencia/2025",
                false,
            ),
        ];
        let max = rng.range(20, 400) as f32;
        for hy in [Hyphenation::None, Hyphenation::Spanish] {
            for line in wrap(f, hy, &spans, 8.0, max, false) {
                let w: f32 = line
                    .frags
                    .iter()
                    .map(|fr| f.face(fr.bold).width(&fr.text, 8.0))
                    .sum();
                let chars: usize = line.frags.iter().map(|fr| fr.text.chars().count()).sum();
                assert!(w <= max + EPS || chars == 1, "line {w} > {max}: {line:?}");
                assert!((w - line.width).abs() < 0.05);
            }
        }
    }
}

#[test]
fn nothing_crosses_the_margins() {
    for xhtml in [matrix(300, 5), report()] {
        assert_inside_margins(&lay(&xhtml));
    }
}

/// Asserts that no body item crosses the margins and that the running header
/// and footer stay in the margin bands.
fn assert_inside_margins(l: &Layout) {
    let f = fonts();
    let g = l.geometry;
    let (x0, y0, x1, y1) = (g.body.x, g.body.y, g.body.x + g.body.w, g.body.y + g.body.h);
    for (p, page) in l.pages.iter().enumerate() {
        for item in &page.items {
            let (a, b, c, d) = match item {
                // Structure markers draw nothing.
                Item::Begin { .. } | Item::End => continue,
                Item::Fill { rect, .. } | Item::Link { rect, .. } => {
                    (rect.x, rect.y, rect.x + rect.w, rect.y + rect.h)
                }
                // Strokes are centred on the path: half the width lies outside.
                Item::Stroke { rect, width, .. } => {
                    let h = width / 2.0;
                    (
                        rect.x - h,
                        rect.y - h,
                        rect.x + rect.w + h,
                        rect.y + rect.h + h,
                    )
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    ..
                } => {
                    let (hx, hy) = if y1 == y2 {
                        (0.0, width / 2.0)
                    } else if x1 == x2 {
                        (width / 2.0, 0.0)
                    } else {
                        (width / 2.0, width / 2.0)
                    };
                    (
                        x1.min(*x2) - hx,
                        y1.min(*y2) - hy,
                        x1.max(*x2) + hx,
                        y1.max(*y2) + hy,
                    )
                }
                Item::Text {
                    x,
                    y,
                    size,
                    width,
                    bold,
                    ..
                } => {
                    let face = f.face(*bold);
                    (
                        *x,
                        y - face.ascent * size,
                        x + width,
                        y + face.descent * size,
                    )
                }
            };
            assert!(
                a >= x0 - EPS && c <= x1 + EPS && b >= y0 - EPS && d <= y1 + EPS,
                "page {p}: {item:?} outside the body"
            );
        }
        for item in &page.running {
            if let Item::Text { x, y, width, .. } = item {
                assert!(
                    *x >= x0 - EPS && x + width <= x1 + EPS,
                    "running text inside the side margins"
                );
                assert!(*y < y0 || *y > y1, "running text outside the body");
                assert!(*y > 0.0 && *y < g.height);
            }
        }
    }
}

#[test]
fn page_numbers_and_explicit_breaks() {
    let body = "<h1>Uno</h1><p>Texto</p><div class=\"salto-pagina\"></div><h2>Dos</h2><p>Más</p><div class=\"salto-pagina\"/><p data-marcador=\"Tres\">Fin</p>";
    let l = lay(&page(body, "portrait"));
    assert_eq!(l.pages.len(), 3);
    for (i, p) in l.pages.iter().enumerate() {
        let text: String = p
            .running
            .iter()
            .filter_map(|it| {
                if let Item::Text { text, .. } = it {
                    Some(text.as_str())
                } else {
                    None
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        assert!(text.contains(&format!("Página {} de 3", i + 1)), "{text}");
        assert!(!text.contains('{'));
    }
    let marks: Vec<_> = l
        .bookmarks
        .iter()
        .map(|b| (b.title.as_str(), b.level, b.page))
        .collect();
    assert_eq!(marks, vec![("Uno", 1, 0), ("Dos", 2, 1), ("Tres", 3, 2)]);
}

#[test]
fn chart_has_integer_ticks_and_stays_in_the_body() {
    let l = lay(&report());
    let texts: Vec<&str> = l.pages[0]
        .items
        .iter()
        .filter_map(|it| {
            if let Item::Text { text, .. } = it {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect();
    for tick in ["0", "20", "40", "60", "80", "100", "120"] {
        assert!(texts.contains(&tick), "tick {tick} in {texts:?}");
    }
    assert!(
        texts.contains(&"60,5") && texts.contains(&"Ene") && texts.contains(&"Cumplimiento (%)")
    );
}

#[test]
fn errors_name_the_element_and_line() {
    let err = layout_xhtml("<html>\n<body>\n<p>sin cerrar\n</body></html>").unwrap_err();
    assert!(matches!(err, PdfError::Xml { line: 4, .. }), "{err}");
    let err = layout_xhtml("<html><body>\n<marquee>x</marquee></body></html>").unwrap_err();
    assert!(
        err.to_string().contains("<marquee>") && err.to_string().contains("line 2"),
        "{err}"
    );
    let err =
        layout_xhtml("<html><body><table><tr><td colspan=\"0\">x</td></tr></table></body></html>")
            .unwrap_err();
    assert!(err.to_string().contains("colspan"), "{err}");
    let err = layout_xhtml("<html><body><p>&foo;</p></body></html>").unwrap_err();
    assert!(matches!(err, PdfError::UnknownEntity { .. }), "{err}");
}

/// The page where a text run first appears.
fn page_of(l: &Layout, needle: &str) -> usize {
    l.pages
        .iter()
        .position(|p| {
            p.items.iter().any(
                |i| matches!(i, crate::layout::Item::Text { text, .. } if text.contains(needle)),
            )
        })
        .unwrap_or_else(|| panic!("«{needle}» not laid out"))
}

#[test]
fn a_heading_stays_with_the_start_of_its_table_or_chart() {
    let tall_row = "palabra ".repeat(260);
    for filler in 0..45 {
        let mut body = String::new();
        for k in 0..filler {
            body.push_str(&format!(
                "<p>Párrafo de relleno {k} con algunas palabras para ocupar una línea.</p>"
            ));
        }
        body.push_str(&format!(
            "<h2>Sección siguiente</h2><table><thead><tr><th>Encabezado uno</th><th>Columna con un título bastante largo que se parte en varias líneas de la celda</th></tr></thead>\
             <tbody><tr><td>Primera fila</td><td>{tall_row}</td></tr><tr><td>b</td><td>c</td></tr></tbody></table>\
             <h2>Evolución mensual</h2><figure class=\"grafico\" data-tipo=\"barras\" data-alto=\"70mm\"><figcaption>Gráfico</figcaption>\
             <table><thead><tr><th>Mes</th><th>Valor</th></tr></thead><tbody><tr><td>Ene</td><td>90</td></tr></tbody></table></figure>"
        ));
        let l = lay(&page(&body, "portrait"));
        assert_eq!(
            page_of(&l, "Sección siguiente"),
            page_of(&l, "Encabezado"),
            "with {filler} paragraphs before"
        );
        assert_eq!(
            page_of(&l, "Evolución mensual"),
            page_of(&l, "Gráfico"),
            "with {filler} paragraphs before"
        );
    }
}
