//! The download page, `index.html`: rendered from its template over the
//! files of the publication, so that every link points at one of them.

use super::view::indice;
use super::{OutputFile, RenderContext, Renderer};
use crate::error::Error;

/// `index.html` over the given files (the page lists them; it is rendered last).
pub(crate) struct Indice<'f> {
    pub archivos: &'f [OutputFile],
}

impl Renderer for Indice<'_> {
    fn name(&self) -> &'static str {
        "Página de descarga (HTML)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let mut tctx = ctx.tera_context()?;
        tctx.insert("indice", &indice::vista(ctx, self.archivos));
        let text = ctx.templates.render("index.html", &tctx)?;
        Ok(vec![OutputFile {
            path: "index.html".to_string(),
            bytes: text.into_bytes(),
        }])
    }
}
