//! `lotaip validar`: loads and checks everything, writes nothing.

use lotaip::compute;
use lotaip::error::Error;
use lotaip::render::{self, RenderContext};

use super::resumen;
use crate::cli::Validar;

pub fn execute(a: &Validar) -> Result<(), Error> {
    let (config, ds, templates) = super::cargar(&a.entrada)?;
    // Every figure of every month and of the year, so that a value no
    // decimal holds is found without naming a month.
    compute::comprobar(&ds)?;
    say!("Entradas correctas en {}", a.entrada.entrada.display());
    resumen::entradas(&ds);
    let respuestas = lotaip::input::rendicion::load(&a.entrada.entrada, &config, &ds)?;
    if !respuestas.filas.is_empty() {
        let secciones: std::collections::BTreeSet<&str> =
            respuestas.filas.keys().map(|(_, s)| *s).collect();
        say!(
            "Rendición de cuentas: respuestas correctas en {} secciones",
            secciones.len()
        );
    }
    if !templates.overridden.is_empty() {
        say!("Plantillas propias: {}", templates.overridden.join(", "));
    }
    match a.periodo {
        Some(periodo) => {
            let informe = compute::informe(&ds, &config, periodo, periodo.ultimo_dia())?;
            // Render in memory too, so template errors surface; nothing is written.
            let ctx = RenderContext::new(&config, &ds, &informe, &templates);
            render::publicacion_mensual(&ctx, &mut |_| {})?;
            say!(
                "Cumplimiento institucional de {}: {}",
                periodo.nombre(),
                resumen::cifras(&config, &informe.institucion)
            );
            resumen::avisos(&informe.avisos, "");
        }
        None => resumen::avisos(&ds.avisos, ""),
    }
    Ok(())
}
