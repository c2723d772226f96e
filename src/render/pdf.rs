//! PDF outputs, drawn from the XHTML pages the templates render: the Literal
//! a4 matrix and one report per province.

use super::view::provincia::{provincia, vista};
use super::xlsx::provincia::unidades_de;
use super::{OutputFile, RenderContext, Renderer};
use crate::error::Error;

/// Renders a template to XHTML and draws it as PDF.
fn draw(
    ctx: &RenderContext,
    template: &str,
    tctx: &tera::Context,
    path: String,
) -> Result<OutputFile, Error> {
    let xhtml = ctx.templates.render(template, tctx)?;
    let bytes = crate::pdf::render_xhtml(&xhtml).map_err(|e| Error::Render {
        file: path.clone(),
        detail: e.to_string(),
    })?;
    Ok(OutputFile { path, bytes })
}

/// `literal_a4_<periodo>.pdf`: A4 landscape, title lines on every page, the footer block at the end.
pub struct LiteralA4Pdf;

impl Renderer for LiteralA4Pdf {
    fn name(&self) -> &'static str {
        "Literal a4 (PDF)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let path = format!("literal_a4_{}.pdf", ctx.periodo());
        Ok(vec![draw(
            ctx,
            "literal_a4.html",
            &ctx.tera_context()?,
            path,
        )?])
    }
}

/// `provincias/<provincia>_<periodo>.pdf` for every province with units,
/// drawn on as many threads as the machine has cores.
pub struct ProvinciasPdf;

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
        let threads = std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .clamp(1, 8);
        let mut slots: Vec<Option<Result<OutputFile, Error>>> = (0..n).map(|_| None).collect();
        std::thread::scope(|s| {
            for (t, chunk) in slots.chunks_mut(n.div_ceil(threads).max(1)).enumerate() {
                let one = &one;
                let start = t * n.div_ceil(threads).max(1);
                s.spawn(move || {
                    for (k, slot) in chunk.iter_mut().enumerate() {
                        *slot = Some(one(start + k));
                    }
                });
            }
        });
        slots.into_iter().flatten().collect()
    }
}
