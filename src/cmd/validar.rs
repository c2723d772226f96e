//! `lotaip validar`: loads and checks everything, writes nothing.

use lotaip::error::Error;
use lotaip::publicacion;

use super::resumen;
use crate::cli::Validar;

pub fn execute(a: &Validar) -> Result<(), Error> {
    let v = publicacion::validar(&a.entrada.publicacion(), a.periodo)?;
    let c = &v.cargado;
    say!("Entradas correctas en {}", a.entrada.entrada.display());
    resumen::entradas(&c.dataset);
    if !v.respuestas.filas.is_empty() {
        let secciones: std::collections::BTreeSet<&str> =
            v.respuestas.filas.keys().map(|(_, s)| *s).collect();
        say!(
            "Rendición de cuentas: respuestas correctas en {} secciones",
            secciones.len()
        );
    }
    if !c.templates.overridden.is_empty() {
        say!("Plantillas propias: {}", c.templates.overridden.join(", "));
    }
    say!(
        "Plantillas comprobadas con los datos de {} y del año {}",
        v.mes_comprobado.nombre(),
        c.config.anio
    );
    let mut avisos = match (&v.informe, a.periodo) {
        (Some(informe), Some(periodo)) => {
            say!(
                "Cumplimiento institucional de {}: {}",
                periodo.nombre(),
                resumen::cifras(&c.config, &informe.institucion)
            );
            informe.avisos.clone()
        }
        _ => c.dataset.avisos.clone(),
    };
    // The answers' warnings, as `rendicion` lists them.
    avisos.extend(v.avisos_rendicion.iter().cloned());
    resumen::avisos(&avisos, "", &c.config);
    Ok(())
}
