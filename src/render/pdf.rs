//! PDF outputs, drawn from the XHTML pages the templates render: the Literal
//! a4 matrix and one report per province.

use super::view::provincia::{provincia, unidades_de, vista};
use super::{OutputFile, RenderContext, Renderer};
use crate::error::{Error, Location};
use crate::render::Templates;
use xhtml_pdf::{Align, ClassStyle, PdfError, Rgb, Stylesheet};

/// Renders a template to XHTML and draws it as PDF.
fn draw(
    ctx: &RenderContext,
    template: &str,
    tctx: &tera::Context,
    path: String,
) -> Result<OutputFile, Error> {
    let xhtml = ctx.templates.render(template, tctx)?;
    let bytes = to_pdf(
        &xhtml,
        template,
        ctx.templates,
        &path,
        ctx.config,
        ctx.firmante,
    )?;
    Ok(OutputFile { path, bytes })
}

/// Draws the XHTML a template rendered. What the engine refuses is the
/// template's fault when the template is the user's (an input error naming
/// it), and a defect of the program when it is a built-in one.
pub(crate) fn to_pdf(
    xhtml: &str,
    template: &str,
    templates: &Templates,
    path: &str,
    config: &crate::config::Config,
    firmante: Option<&crate::firma::Firmante>,
) -> Result<Vec<u8>, Error> {
    let options = xhtml_pdf::Options {
        pdfa: config.publicacion.pdfa,
        signature: firmante.map(|f| f.campo(&config.institucion.nombre)),
    };
    let fonts = crate::fonts::fonts().ok_or_else(|| Error::Render {
        file: path.to_string(),
        detail: "las fuentes incluidas no se pudieron leer (un defecto del programa)".into(),
    })?;
    let drawn = crate::contain::contain(|| xhtml_pdf::render_with(xhtml, estilo(), fonts, options))
        .map_err(|_| Error::Render {
            file: path.to_string(),
            detail: "el generador de PDF falló (un defecto del programa)".into(),
        })?;
    let mut pdf = drawn.map_err(|e| {
        let (line, why) = spanish(&e);
        if templates.overridden.iter().any(|t| t == template) {
            // The engine's lines are the rendered XHTML's: the template's
            // line is the one whose fixed text the XHTML line shows.
            let opened = abierto_en(&e);
            let clave = opened.or(line);
            let en_plantilla = clave.and_then(|l| {
                templates
                    .fuente(template)
                    .and_then(|src| linea_de_plantilla(src, xhtml, l))
            });
            let cita = |l: usize| {
                let texto = xhtml.lines().nth(l.saturating_sub(1)).unwrap_or("").trim();
                crate::text::shorten(texto, 80)
            };
            let donde = match (opened, line) {
                (Some(o), Some(l)) => format!(
                    " (se abre en la línea {o} del XHTML generado, «{}»; el error aparece en la línea {l})",
                    cita(o)
                ),
                (None, Some(l)) => format!(" (línea {l} del XHTML generado, «{}»)", cita(l)),
                _ => String::new(),
            };
            Error::input(
                Location {
                    line: en_plantilla,
                    ..Location::file(format!("plantilla {template}"))
                },
                format!("el XHTML que produce la plantilla no se puede convertir en PDF: {why}{donde}"),
            )
        } else {
            Error::Render {
                file: path.to_string(),
                detail: why,
            }
        }
    })?;
    if let Some(f) = firmante {
        f.firmar(&mut pdf).map_err(|detail| Error::Render {
            file: path.to_string(),
            detail: format!("no se pudo firmar: {detail}"),
        })?;
    }
    Ok(pdf)
}

/// The line where the element an error is about opens, when the engine
/// knows it (an element left open).
fn abierto_en(e: &PdfError) -> Option<usize> {
    use xhtml_pdf::Markup;
    match e {
        PdfError::Xml {
            markup: Markup::Mismatched { opened, .. } | Markup::Unclosed { opened, .. },
            ..
        } => *opened,
        _ => None,
    }
}

/// The line of the template `src` that produced line `line` of `xhtml`:
/// the only template line whose fixed text (what is outside `{{ }}`,
/// `{% %}` and `{# #}`) the XHTML line shows, in order, from its start to
/// its end. `None` when no line or several lines could have produced it.
pub(crate) fn linea_de_plantilla(src: &str, xhtml: &str, line: usize) -> Option<usize> {
    let target = xhtml.lines().nth(line.checked_sub(1)?)?.trim();
    if target.is_empty() {
        return None;
    }
    let mut found = None;
    for (i, tpl) in src.lines().enumerate() {
        if produce(tpl.trim(), target) {
            if found.is_some() {
                return None;
            }
            found = Some(i + 1);
        }
    }
    found
}

/// Whether the template line `tpl` can render as `out`: its fixed pieces
/// appear in `out` in order, the first at the start and the last at the
/// end when the line begins or ends with fixed text. Lines with less than
/// three characters of fixed text match nothing (`<tr>` is everywhere).
fn produce(tpl: &str, out: &str) -> bool {
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = tpl;
    let starts_fixed = !(tpl.starts_with("{{") || tpl.starts_with("{%") || tpl.starts_with("{#"));
    let mut ends_fixed = true;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|o| rest.find(o).map(|i| (i, *o)))
            .min();
        let Some((i, open)) = next else {
            pieces.push(rest);
            break;
        };
        pieces.push(&rest[..i]);
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[i + 2..].find(close) {
            Some(j) => rest = &rest[i + 2 + j + 2..],
            None => {
                rest = "";
            }
        }
        if rest.trim().is_empty() {
            ends_fixed = false;
            break;
        }
    }
    let pieces: Vec<&str> = pieces.iter().map(|p| p.trim()).collect();
    if pieces.iter().map(|p| p.chars().count()).sum::<usize>() < 3 {
        return false;
    }
    let mut at = 0;
    let last = pieces.len().saturating_sub(1);
    for (k, p) in pieces.iter().enumerate() {
        if p.is_empty() {
            continue;
        }
        let Some(i) = out[at..].find(p) else {
            return false;
        };
        if k == 0 && starts_fixed && i != 0 {
            return false;
        }
        at += i + p.len();
        if k == last && ends_fixed && at != out.len() {
            return false;
        }
    }
    true
}

/// The classes the templates use and what they do in a PDF, in the order
/// they apply (a semáforo fill wins over a grey one):
///
/// | class | effect |
/// |---|---|
/// | `num` | right aligned |
/// | `centro` | centred |
/// | `lectura` | 9,5 pt instead of 8: the rows a director reads |
/// | `pequeno` | 7 pt instead of 8 |
/// | `gris` | very light grey fill |
/// | `seccion` | bold, light grey fill, kept with the next row |
/// | `total` | bold, dark rule on top |
/// | `etiqueta` | bold |
/// | `verde`, `amarillo`, `rojo` | the semáforo's fill, and its colour on a chart bar |
///
/// `salto-pagina` on a `<div>` starts a page; `grafico` on a `<figure>`
/// makes a chart of its table; `right` aligns a running header's span.
fn estilo() -> &'static Stylesheet {
    static ESTILO: std::sync::OnceLock<Stylesheet> = std::sync::OnceLock::new();
    ESTILO.get_or_init(|| {
        let c = ClassStyle::default;
        let fill = |hex| Some(Rgb::hex(hex));
        Stylesheet::default()
            .page_break("salto-pagina")
            .chart("grafico")
            .right("right")
            .threshold_word("Umbral")
            .class(
                "lectura",
                ClassStyle {
                    size: Some(9.5),
                    ..c()
                },
            )
            .class(
                "pequeno",
                ClassStyle {
                    size: Some(7.0),
                    ..c()
                },
            )
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
                "gris",
                ClassStyle {
                    fill: fill(0xf2f2f2),
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
            .class("etiqueta", ClassStyle { bold: true, ..c() })
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
    })
}

/// The engine's error in Spanish, with the XHTML line when it has one.
fn spanish(e: &PdfError) -> (Option<usize>, String) {
    use xhtml_pdf::{Markup, Reason};
    match e {
        PdfError::Xml { line, markup } => (
            Some(*line),
            match markup {
                Markup::Mismatched {
                    expected, found, ..
                } => format!(
                    "<{expected}> no se cierra: se encontró </{found}> donde se esperaba </{expected}>"
                ),
                Markup::Unmatched(n) => format!("</{n}> cierra un elemento que no está abierto"),
                Markup::Unclosed { name, .. } => {
                    format!("<{name}> no se cierra antes del final del documento")
                }
                Markup::Other(_) => "el XHTML no está bien formado (revise las etiquetas y las comillas de los atributos)".into(),
            },
        ),
        PdfError::UnknownEntity { line, name } => (
            Some(*line),
            format!("la entidad «&{name};» no es de XHTML; escriba el carácter mismo"),
        ),
        PdfError::Glyph { line, ch } => (
            Some(*line),
            format!(
                "el carácter «{ch}» ({}) no está en la fuente de los PDF y no se vería",
                crate::text::codepoint(*ch)
            ),
        ),
        PdfError::Invalid {
            line,
            element,
            reason,
        } => (
            Some(*line),
            match reason {
                Reason::NotClosed => format!("<{element}> no está cerrado"),
                Reason::NotAllowed { within, allowed } => format!(
                    "<{element}> no se admite en {} (se admiten: {})",
                    words(within),
                    words(allowed)
                ),
                Reason::TextOutside(w) => format!("hay texto fuera de {}", words(w)),
                Reason::NoRoot => "el documento no tiene el elemento raíz <html>".into(),
                Reason::BadValue {
                    what,
                    value,
                    expected,
                } => format!(
                    "<{element}> tiene un valor no válido en {what}: «{value}» (se esperaba {})",
                    words(expected)
                ),
                Reason::ChartData(m) => words(m),
                Reason::Margins => {
                    "los márgenes de pdf:margins dejan menos de 30 mm para el contenido".into()
                }
                Reason::TooDeep(n) => {
                    format!("hay más de {n} elementos abiertos uno dentro de otro")
                }
            },
        ),
        PdfError::Font { .. } | PdfError::Write(_) => {
            (None, "no se pudo escribir el PDF (un defecto del programa)".into())
        }
    }
}

/// The engine's descriptions of places and expected values, in Spanish.
fn words(s: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        (
            "a line of text (a heading, a paragraph or a cell)",
            "una línea de texto (un título, un párrafo o una celda)",
        ),
        ("a block", "el cuerpo del documento"),
        ("a list", "una lista"),
        ("a chart <figure>", "un gráfico <figure>"),
        ("a cell", "una celda"),
        ("the root element", "el elemento raíz"),
        ("and text elements", "y los elementos de texto"),
        ("a number", "un número"),
        ("a length of at least 20mm", "una medida de al menos 20mm"),
        ("a whole number from 1", "un número entero desde 1"),
        ("a percentage or mm", "un porcentaje o una medida en mm"),
        ("1 to 4 lengths in mm", "de 1 a 4 medidas en mm"),
        ("YYYY-MM-DD", "AAAA-MM-DD"),
        ("e.g. ", "p. ej. "),
        (
            "chart without a data <table>",
            "el gráfico no tiene su <table> de datos",
        ),
        (
            "a chart row needs a label and a value",
            "cada fila del gráfico necesita una etiqueta y un valor",
        ),
    ];
    let mut out = s.to_string();
    for (en, es) in WORDS {
        out = out.replace(en, es);
    }
    out
}

/// `numeral_1.3_<periodo>.pdf` (2023) or `literal_a4_<periodo>.pdf` (2004): A4 landscape, title lines on every page, the footer block at the end.
pub(crate) struct LiteralA4Pdf;

impl Renderer for LiteralA4Pdf {
    fn name(&self) -> &'static str {
        "Matriz de metas y objetivos (PDF)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let path = format!("{}_{}.pdf", ctx.config.prefijo_matriz(), ctx.periodo());
        Ok(vec![draw(
            ctx,
            "literal_a4.html",
            &ctx.tera_context()?,
            path,
        )?])
    }
}

/// `provincias/<provincia>_<periodo>.pdf` for every province with units,
/// drawn in parallel.
pub(crate) struct ProvinciasPdf;

impl Renderer for ProvinciasPdf {
    fn name(&self) -> &'static str {
        "Provincias (PDF)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let base = ctx.tera_context()?;
        let n = ctx.informe.por_provincia.len();
        let one = |j: usize| -> Result<OutputFile, Error> {
            let p = provincia(ctx, j);
            let mut tctx = base.clone();
            tctx.insert("p", &vista(ctx, j, &unidades_de(ctx, p)));
            draw(
                ctx,
                "provincia.html",
                &tctx,
                format!("provincias/{}_{}.pdf", p.slug(), ctx.periodo()),
            )
        };
        // In parallel, collected in province order; the first province's
        // error is the one reported, whichever thread met it first.
        use rayon::prelude::*;
        let drawn: Vec<Result<OutputFile, Error>> = (0..n).into_par_iter().map(one).collect();
        drawn.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_xhtml_is_traced_to_the_only_template_line_that_makes_it() {
        let src = "<h1>{{ t }}</h1>\n<h2>Resumen por unidad\n{% for u in us %}<tr><td>{{ u }}</td></tr>{% endfor %}\n<h2>Evolución {{ anio }}</h2>\n";
        let xhtml =
            "<h1>IESS</h1>\n<h2>Resumen por unidad\n<tr><td>A</td></tr>\n<h2>Evolución 2025</h2>\n";
        assert_eq!(linea_de_plantilla(src, xhtml, 2), Some(2));
        assert_eq!(linea_de_plantilla(src, xhtml, 4), Some(4));
        // A loop's line, by the markup around its values.
        assert_eq!(linea_de_plantilla(src, xhtml, 3), Some(3));
        assert_eq!(linea_de_plantilla("<p>\n<p>\n", "<p>\n", 1), None);
        // Two lines could have made it: no guess.
        assert_eq!(
            linea_de_plantilla("<b>{{ a }}</b>\n<b>{{ b }}</b>\n", "<b>x</b>\n", 1),
            None
        );
        assert_eq!(linea_de_plantilla(src, xhtml, 0), None);
        assert_eq!(linea_de_plantilla(src, xhtml, 99), None);
    }

    #[test]
    fn fixed_text_must_start_and_end_where_the_template_line_does() {
        assert!(produce(
            "<h2>Evolución {{ anio }}</h2>",
            "<h2>Evolución 2025</h2>"
        ));
        assert!(!produce(
            "<h2>Evolución {{ anio }}</h2>",
            "<h3><h2>Evolución 2025</h2>"
        ));
        assert!(!produce(
            "<h2>Evolución {{ anio }}</h2>",
            "<h2>Evolución 2025</h2>x"
        ));
        assert!(produce("{{ a }} y también {{ b }}", "uno y también dos"));
        assert!(
            !produce("{{ a }} y {{ b }}", "uno y dos"),
            "too little fixed text"
        );
        assert!(!produce("{{ a }}", "cualquier cosa"));
    }
}
