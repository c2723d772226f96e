//! CSV outputs, rendered from templates: the Literal a4 open-data package
//! (data, metadata, dictionary) of the 2004 law and `cumplimiento` as flat
//! data with its dictionary.

use super::{OutputFile, RenderContext, Renderer};
use crate::error::Error;

/// `literal_a4_<periodo>_datos.csv`, `_metadatos.csv`, `_diccionario.csv`.
pub(crate) struct PaqueteA4;

impl Renderer for PaqueteA4 {
    fn name(&self) -> &'static str {
        "Literal a4 (datos abiertos)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let tctx = ctx.tera_context()?;
        let p = ctx.periodo();
        ["datos", "metadatos", "diccionario"]
            .iter()
            .map(|part| {
                let text = ctx
                    .templates
                    .render(&format!("literal_a4_{part}.csv"), &tctx)?;
                Ok(OutputFile {
                    path: format!("literal_a4_{p}_{part}.csv"),
                    bytes: text.into_bytes(),
                })
            })
            .collect()
    }
}

/// `cumplimiento_<periodo>.csv`: one row per indicator.
pub(crate) struct CumplimientoCsv;

impl Renderer for CumplimientoCsv {
    fn name(&self) -> &'static str {
        "Cumplimiento (CSV)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let mut tctx = ctx.tera_context()?;
        tctx.insert("filas", &ctx.filas);
        let text = ctx.templates.render("cumplimiento.csv", &tctx)?;
        let diccionario = ctx
            .templates
            .render("cumplimiento_diccionario.csv", &tctx)?;
        Ok(vec![
            OutputFile {
                path: format!("cumplimiento_{}.csv", ctx.periodo()),
                bytes: text.into_bytes(),
            },
            OutputFile {
                path: format!("cumplimiento_{}_diccionario.csv", ctx.periodo()),
                bytes: diccionario.into_bytes(),
            },
        ])
    }
}
