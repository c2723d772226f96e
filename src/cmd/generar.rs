//! `lotaip generar`: the month's publication.

use std::time::Instant;

use lotaip::error::{Error, Location};
use lotaip::render::{self, RenderContext, Templates};
use lotaip::{compute, input, publish};

use super::resumen;
use crate::cli::Generar;

pub fn execute(a: &Generar) -> Result<(), Error> {
    let start = Instant::now();
    let (config, ds) = input::load(&a.entrada.entrada, a.entrada.porcentajes)?;
    let templates = Templates::load(Some(&a.entrada.plantillas()))?;
    if a.periodo.anio != config.anio {
        return Err(Error::input(
            Location::file(lotaip::config::ARCHIVO),
            format!(
                "el período {} no es del año del plan (anio = {})",
                a.periodo, config.anio
            ),
        ));
    }
    let fecha = a.fecha.unwrap_or_else(|| a.periodo.ultimo_dia());
    let informe = compute::informe(&ds, &config, a.periodo, fecha);
    let ctx = RenderContext::new(&config, &ds, &informe, &templates);
    let files = render::render_all(&ctx, &render::mensual())?;
    let dir = publish::publish(&a.salida, &a.periodo.to_string(), &files)?;
    resumen::imprimir(&config, &ds, &informe, &dir, &files, start.elapsed());
    Ok(())
}
