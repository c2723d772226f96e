//! Rendering: one renderer per output, all fed the same computed report.
//! Renderers build files in memory; `publish` writes them.

pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod pdf;
pub(crate) mod pnt;
pub(crate) mod portada;
pub(crate) mod rendicion;
pub(crate) mod templates;
pub(crate) mod view;
pub(crate) mod xlsx;

use serde::Serialize;

use crate::compute::Informe;
use crate::config::Config;
use crate::error::Error;
use crate::firma::Firmante;
use crate::model::Dataset;
pub use crate::output::OutputFile;
pub use templates::{BUILTIN, Templates};
pub use view::cambios::Cambios;
use view::{FilaIndicador, SeccionA4};
pub use xlsx::cambios::resumen as resumen_cambios;

/// Everything a renderer may read, built once per run.
pub struct RenderContext<'a> {
    pub config: &'a Config,
    pub dataset: &'a Dataset,
    pub informe: &'a Informe,
    pub templates: &'a Templates,
    /// The Literal a4 matrix arranged by section, unit and objective.
    pub a4: Vec<SeccionA4>,
    /// Every indicator with its evaluation.
    pub filas: Vec<FilaIndicador>,
    /// The indexes into `filas` of each unit's indicators.
    pub por_unidad: Vec<Vec<usize>>,
    /// What changed since the previous month's publication.
    pub cambios: Cambios,
    /// Who signs the PDFs, if anyone.
    pub firmante: Option<&'a Firmante>,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        config: &'a Config,
        dataset: &'a Dataset,
        informe: &'a Informe,
        templates: &'a Templates,
    ) -> Self {
        let por_unidad = dataset.indicadores_por_unidad();
        RenderContext {
            config,
            dataset,
            informe,
            templates,
            a4: view::matriz_a4(dataset, config, informe.periodo.mes, &por_unidad),
            filas: view::filas(dataset, informe),
            por_unidad,
            cambios: Cambios::NoComparado,
            firmante: None,
        }
    }

    /// The same context signing every PDF with `firmante`.
    pub fn with_firmante(self, firmante: Option<&'a Firmante>) -> Self {
        RenderContext { firmante, ..self }
    }

    /// The rows of unit `u`'s indicators, in the order of `metas`.
    pub fn filas_de(&self, u: usize) -> impl Iterator<Item = &FilaIndicador> {
        self.por_unidad[u].iter().map(|&i| &self.filas[i])
    }

    /// The same context with the comparison with the previous publication.
    pub fn with_cambios(self, cambios: Cambios) -> Self {
        RenderContext { cambios, ..self }
    }

    /// The period as it appears in file names (`2025-06`).
    pub fn periodo(&self) -> String {
        self.informe.periodo.to_string()
    }

    /// The template context shared by every template: settings, period,
    /// report date and the a4 matrix. The flat list of indicator rows is
    /// added only where a template lists them (`cumplimiento.csv`): as Tera
    /// values it is the largest part of the context, and copying it into
    /// every template's context doubled a large plan's memory.
    pub fn tera_context(&self) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Base<'b> {
            institucion: &'b crate::config::Institucion,
            responsable: &'b crate::config::Responsable,
            literal_a4: &'b crate::config::LiteralA4,
            anio: i32,
            periodo: String,
            periodo_nombre: String,
            fecha: String,
            numero_unidades: usize,
            numero_indicadores: usize,
            a4: &'b [SeccionA4],
            pie_a4: Vec<view::LineaPie>,
            umbral_verde: String,
            /// `Numeral 1.3` or `Literal a4`, by the law of the publication.
            matriz: String,
        }
        let base = Base {
            institucion: &self.config.institucion,
            responsable: &self.config.responsable,
            literal_a4: &self.config.literal_a4,
            anio: self.informe.periodo.anio,
            periodo: self.periodo(),
            periodo_nombre: self.informe.periodo.nombre(),
            fecha: self.informe.fecha.format("%Y-%m-%d").to_string(),
            numero_unidades: self.a4.iter().map(|s| s.unidades.len()).sum(),
            numero_indicadores: self.dataset.indicadores.len(),
            a4: &self.a4,
            pie_a4: view::pie_a4(self.config, self.informe.fecha),
            umbral_verde: self.config.semaforo.verde.normalize().to_string(),
            matriz: self.config.nombre_matriz(),
        };
        tera::Context::from_serialize(&base).map_err(|_| Error::Render {
            file: "contexto de plantillas".into(),
            detail: "no se pudo preparar (un defecto del programa)".into(),
        })
    }
}

/// Everything the accountability renderers read (the year's report).
pub struct ContextoAnual<'a> {
    pub config: &'a Config,
    pub dataset: &'a Dataset,
    pub respuestas: &'a crate::input::rendicion::Respuestas,
    pub templates: &'a Templates,
    /// The institution's own units (empty: the `gobernante` ones).
    pub institucion: &'a [usize],
    /// The declared date of the report.
    pub fecha: chrono::NaiveDate,
    /// Who signs the PDFs, if anyone.
    pub firmante: Option<&'a Firmante>,
}

/// One output (or family of outputs) of a run.
pub trait Renderer: Sync {
    /// Short name for the run summary and errors.
    fn name(&self) -> &'static str;
    /// Builds the files in memory.
    fn render(&self, ctx: &RenderContext) -> Result<Vec<OutputFile>, Error>;
}

/// The renderers of a month's publication under a law, in writing order:
/// the matrix's open data are the portal's files under 2023 and the
/// Literal a4 package under 2004.
pub fn mensual(ley: crate::config::Ley) -> Vec<Box<dyn Renderer>> {
    let datos_abiertos: Box<dyn Renderer> = match ley {
        crate::config::Ley::L2023 => Box::new(pnt::NumeralPnt),
        crate::config::Ley::L2004 => Box::new(csv::PaqueteA4),
    };
    vec![
        Box::new(xlsx::a4::LiteralA4),
        Box::new(pdf::LiteralA4Pdf),
        datos_abiertos,
        Box::new(xlsx::cumplimiento::Cumplimiento),
        Box::new(csv::CumplimientoCsv),
        Box::new(json::CifrasJson),
        Box::new(xlsx::provincia::Provincias),
        Box::new(pdf::ProvinciasPdf),
    ]
}

/// Runs every renderer; the first failure stops the run before anything is written.
pub fn render_all(
    ctx: &RenderContext,
    renderers: &[Box<dyn Renderer>],
) -> Result<Vec<OutputFile>, Error> {
    render_all_with(ctx, renderers, &mut |_| {})
}

/// [`render_all`], telling `starting` the name of each renderer before it runs.
pub fn render_all_with(
    ctx: &RenderContext,
    renderers: &[Box<dyn Renderer>],
    starting: &mut dyn FnMut(&str),
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    for r in renderers {
        starting(r.name());
        files.extend(r.render(ctx)?);
    }
    Ok(files)
}

/// A month's publication: every renderer of [`mensual`], then the download
/// page over the files they made.
pub fn publicacion_mensual(
    ctx: &RenderContext,
    starting: &mut dyn FnMut(&str),
) -> Result<Vec<OutputFile>, Error> {
    let mut files = render_all_with(ctx, &mensual(ctx.config.publicacion.ley), starting)?;
    let indice = html::Indice { archivos: &files };
    starting(indice.name());
    let page = indice.render(ctx)?;
    files.extend(page);
    Ok(files)
}
