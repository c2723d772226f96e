//! The pipeline, stage after stage, as the commands run it: read the inputs
//! and the templates (every problem of both at once), compute, render in
//! memory, and only then touch the output folder to publish. [`mensual`] is
//! the month's publication, [`anual`] the year's accountability report and
//! [`validar`] the month's computation and rendering without writing.

mod anual;
mod entradas;
mod mensual;
mod validar;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use anual::{AnioPublicado, Anual, anual};
pub use entradas::{Cargado, Entrada, cargar};
pub use mensual::{Mensual, MesPublicado, mensual};
pub use validar::{Validacion, validar};

use crate::model::Periodo;
use crate::publish::Paso;

/// What the pipeline is doing, for a progress display.
#[derive(Clone, Copy, Debug)]
pub enum Etapa<'a> {
    /// Reading the inputs folder.
    Leyendo(&'a Path),
    /// Computing a month.
    Calculando(Periodo),
    /// Reading the previous month's publication.
    Comparando,
    /// A renderer starts (its name).
    Generando(&'a str),
    /// Writing `archivos` files aside, into `carpeta`.
    Escribiendo { archivos: usize, carpeta: &'a Path },
    /// A step of the writing.
    Paso(Paso),
    /// Swapping the new publication in.
    Publicando(&'a Path),
}

/// Where and how a run publishes.
#[derive(Clone, Debug)]
pub struct Salida {
    /// The output root (`outputs`).
    pub carpeta: PathBuf,
    /// How long to wait for another run publishing in the same root.
    pub espera: Duration,
}

/// The output root's pages as they will be once `name` is published
/// (rendered before anything is written, so that a template error
/// publishes nothing).
fn pagina_raiz(
    root: &Path,
    c: &Cargado,
    name: &str,
    manifest: &crate::publish::Manifest,
    archivos: &[crate::output::OutputFile],
) -> Result<Vec<crate::output::OutputFile>, crate::error::Error> {
    use crate::publish::raiz;
    let mut todas = raiz::listar(root);
    if let Some(n) = raiz::nueva(name, &manifest.fecha_actualizacion, archivos) {
        todas = raiz::con(todas, n);
    }
    crate::render::portada::portada(&c.templates, &c.config, &todas)
}

/// How many stages a month announces (for the length of a progress bar).
pub fn etapas_mensuales() -> u64 {
    // Reading, computing, comparing, the download page, writing and
    // swapping, besides one per renderer (as many under either law).
    6 + crate::render::mensual(crate::config::Ley::L2023).len() as u64
}
