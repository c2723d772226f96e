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
    let bytes = to_pdf(&xhtml, template, ctx.templates, &path)?;
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
) -> Result<Vec<u8>, Error> {
    let fonts = crate::fonts::fonts().ok_or_else(|| Error::Render {
        file: path.to_string(),
        detail: "las fuentes incluidas no se pudieron leer (un defecto del programa)".into(),
    })?;
    let drawn =
        crate::contain::contain(|| xhtml_pdf::render(xhtml, estilo(), fonts)).map_err(|_| {
            Error::Render {
                file: path.to_string(),
                detail: "el generador de PDF falló (un defecto del programa)".into(),
            }
        })?;
    drawn.map_err(|e| {
        let (line, why) = spanish(&e);
        if templates.overridden.iter().any(|t| t == template) {
            // The line is the rendered XHTML's, not the template's: it is
            // said in the message, not given as the template's line.
            Error::input(
                Location::file(format!("plantilla {template}")),
                format!(
                    "el XHTML que produce la plantilla no se puede convertir en PDF{}: {why}",
                    line.map(|l| format!(" (línea {l} del XHTML generado)"))
                        .unwrap_or_default()
                ),
            )
        } else {
            Error::Render {
                file: path.to_string(),
                detail: why,
            }
        }
    })
}

/// The classes the templates use and what they do in a PDF, in the order
/// they apply (a semáforo fill wins over a grey one):
///
/// | class | effect |
/// |---|---|
/// | `num` | right aligned |
/// | `centro` | centred |
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
                Markup::Mismatched { expected, found } => format!(
                    "<{expected}> no está cerrado: se encontró </{found}> donde se esperaba </{expected}>"
                ),
                Markup::Unmatched(n) => format!("</{n}> cierra un elemento que no está abierto"),
                Markup::Unclosed(n) => format!("falta cerrar <{n}>"),
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
        // In parallel, collected in province order.
        use rayon::prelude::*;
        (0..n).into_par_iter().map(one).collect()
    }
}
