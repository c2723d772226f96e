//! Checking a month without publishing it: the same reading, computation
//! and rendering as [`super::mensual`], in memory.

use super::entradas::{Cargado, Entrada, cargar};
use crate::compute::{self, Informe};
use crate::error::Error;
use crate::input::rendicion::{self as answers, Respuestas};
use crate::model::Periodo;
use crate::render::{self, RenderContext};

/// What [`validar`] checked.
pub struct Validacion {
    pub cargado: Cargado,
    /// The answers of the accountability form (empty when there are none).
    pub respuestas: Respuestas,
    /// The month computed and rendered, when one was given.
    pub informe: Option<Informe>,
}

/// Reads and checks every input and template, every figure of every month
/// and of the year (a value no decimal holds is found without a month) and
/// the accountability answers; with `periodo`, computes and renders that
/// month exactly as [`super::mensual`] does. Writes nothing.
pub fn validar(e: &Entrada, periodo: Option<Periodo>) -> Result<Validacion, Error> {
    let cargado = cargar(e, periodo.map(|p| p.anio))?;
    compute::comprobar(&cargado.dataset)?;
    let respuestas = answers::load(&e.carpeta, &cargado.config, &cargado.dataset)?;
    let informe = match periodo {
        Some(p) => {
            let informe = compute::informe(&cargado.dataset, &cargado.config, p, p.ultimo_dia())?;
            let ctx = RenderContext::new(
                &cargado.config,
                &cargado.dataset,
                &informe,
                &cargado.templates,
            );
            render::publicacion_mensual(&ctx, &mut |_| {})?;
            Some(informe)
        }
        None => None,
    };
    Ok(Validacion {
        cargado,
        respuestas,
        informe,
    })
}
