//! Checking a month without publishing it: the same reading, computation
//! and rendering as [`super::mensual`], in memory.

use super::entradas::{Cargado, Entrada, cargar};
use crate::compute::{self, Informe};
use crate::error::Error;
use crate::input::rendicion::{self as answers, Respuestas};
use crate::model::Periodo;
use crate::publish::raiz::{self, Publicada};
use crate::render::{self, RenderContext};

/// What [`validar`] checked.
pub struct Validacion {
    pub cargado: Cargado,
    /// The answers of the accountability form (empty when there are none).
    pub respuestas: Respuestas,
    /// The warnings of the accountability answers, as `rendicion` lists
    /// them: implausible answers and unanswered sections of every entity.
    pub avisos_rendicion: Vec<crate::error::Warning>,
    /// The month computed and rendered, when one was given.
    pub informe: Option<Informe>,
    /// The month whose publication was rendered to check the templates:
    /// the one given, or else the latest with a result (December when
    /// there is none).
    pub mes_comprobado: Periodo,
}

/// Reads and checks every input and template, every figure of every month
/// and of the year (a value no decimal holds is found without a month) and
/// the accountability answers; renders a month exactly as
/// [`super::mensual`] does (`periodo`, or the latest month with a result)
/// and the year's reports as [`super::anual`] does, so that every template,
/// the user's and the built-in ones, meets the real data before a run.
/// Writes nothing.
pub fn validar(e: &Entrada, periodo: Option<Periodo>) -> Result<Validacion, Error> {
    let cargado = cargar(e, periodo.map(|p| p.anio))?;
    compute::comprobar(&cargado.dataset)?;
    let respuestas = answers::load(&e.carpeta, &cargado.config, &cargado.dataset)?;
    let mes = periodo.unwrap_or_else(|| Periodo {
        anio: cargado.config.anio,
        mes: ultimo_mes_con_resultado(&cargado.dataset).unwrap_or(12),
    });
    let informe = compute::informe(&cargado.dataset, &cargado.config, mes, mes.ultimo_dia())?;
    let ctx = RenderContext::new(
        &cargado.config,
        &cargado.dataset,
        &informe,
        &cargado.templates,
    )
    .with_firmante(cargado.firmante.as_ref());
    let archivos = render::publicacion_mensual(&ctx, &mut |_| {})?;
    let anual = super::anual::en_memoria(&cargado, &respuestas, None)?;
    // The root's page, as it would list this month and this year.
    let anio = format!("rendicion_{}", cargado.config.anio);
    let todas: Vec<Publicada> = [(mes.to_string(), &archivos), (anio, &anual.archivos)]
        .into_iter()
        .filter_map(|(carpeta, files)| raiz::nueva(&carpeta, &mes.ultimo_dia().to_string(), files))
        .collect();
    crate::render::portada::portada(&cargado.templates, &cargado.config, &todas)?;
    let mut avisos_rendicion = respuestas.avisos.clone();
    avisos_rendicion.extend(answers::sin_responder(&respuestas, &anual.entidades, |e| {
        cargado
            .dataset
            .nombre_entidad(e, &cargado.config.institucion.nombre)
    }));
    Ok(Validacion {
        avisos_rendicion,
        informe: periodo.map(|_| informe),
        cargado,
        respuestas,
        mes_comprobado: mes,
    })
}

/// The latest closing month (1–12) with a result of any indicator.
fn ultimo_mes_con_resultado(ds: &crate::model::Dataset) -> Option<u8> {
    ds.indicadores
        .iter()
        .filter_map(|i| i.resultados.iter().rposition(Option::is_some))
        .max()
        .and_then(|k| u8::try_from(k + 1).ok())
}
