//! JSON outputs: the snapshot of the year's targets and results that the
//! next month's publication compares against.

use super::view::cifras::Cifras;
use super::{OutputFile, RenderContext, Renderer};
use crate::error::Error;

/// `cifras_<periodo>.json`: every indicator with its twelve targets and results.
pub(crate) struct CifrasJson;

impl Renderer for CifrasJson {
    fn name(&self) -> &'static str {
        "Metas y resultados (JSON)"
    }

    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error> {
        let cifras = Cifras::new(ctx.dataset, ctx.informe.periodo);
        Ok(vec![OutputFile {
            path: format!("cifras_{}.json", ctx.periodo()),
            bytes: cifras.to_json(),
        }])
    }
}
