//! `lotaip rendicion`: the year's accountability report of the institution and
//! of every province or unit that reports on its own.

use std::time::Instant;

use lotaip::error::Error;
use lotaip::publicacion::{self, Anual, Salida};
use lotaip::publish::Inicio;

use super::resumen;
use crate::cli::Rendicion;

pub fn execute(a: &Rendicion) -> Result<(), Error> {
    let start = Instant::now();
    let r = publicacion::anual(
        &Anual {
            entrada: a.entrada.publicacion(),
            anio: a.anio,
            salida: Salida {
                carpeta: a.salida.clone(),
                espera: a.espera.duracion(),
            },
            fecha: a.fecha,
        },
        Inicio::ahora(),
    )?;
    let c = &r.cargado;
    say!(
        "lotaip {} — {}, rendición de cuentas {}",
        env!("CARGO_PKG_VERSION"),
        c.config.institucion.nombre,
        c.config.anio
    );
    resumen::entradas(&c.dataset);
    say!(
        "Informes: {} (institución{})",
        r.entidades.len(),
        if r.entidades.len() > 1 {
            " y entidades que rinden cuentas por separado"
        } else {
            ""
        }
    );
    say!(
        "Archivos publicados en {} ({}):",
        r.publicado.dir.display(),
        r.archivos.len()
    );
    for f in &r.archivos {
        say!("  {}", f.path);
    }
    if let Some(why) = &r.portada {
        say!("Página de todas las publicaciones: {why}");
    }
    resumen::avisos(
        &r.avisos,
        "; el detalle está en la hoja «Avisos» de cada libro",
        &c.config,
    );
    say!(
        "Tiempo: {} s",
        lotaip::format::numero_con(
            rust_decimal::Decimal::new(start.elapsed().as_millis() as i64, 3),
            Some(2)
        )
    );
    Ok(())
}
