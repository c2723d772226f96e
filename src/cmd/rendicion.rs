//! `lotaip rendicion`: the year's accountability report of the institution and
//! of every province or unit that reports on its own.

use std::collections::BTreeMap;
use std::time::Instant;

use lotaip::error::{Error, Location};
use lotaip::input::rendicion as answers;
use lotaip::publish::{self, Inicio, Lock, Manifest};
use lotaip::render::rendicion::{Contexto, render};

use super::resumen;
use crate::cli::Rendicion;

pub fn execute(a: &Rendicion) -> Result<(), Error> {
    let start = Instant::now();
    let inicio = Inicio::ahora();
    let (config, ds, templates) = super::cargar(&a.entrada)?;
    if a.anio != config.anio {
        return Err(Error::input(
            Location::file(lotaip::config::ARCHIVO),
            format!(
                "el año {} no es el del plan (anio = {})",
                a.anio, config.anio
            ),
        ));
    }
    let respuestas = answers::load(&a.entrada.entrada, &config, &ds)?;
    let (entidades, institucion) = answers::entidades(&config, &ds)?;
    let entradas = super::huellas_de_entrada(&a.entrada, &ds, &templates, true)?;
    let fecha = a.fecha.unwrap_or_else(|| {
        chrono::NaiveDate::from_ymd_opt(config.anio, 12, 31).unwrap_or_default()
    });
    let ctx = Contexto {
        config: &config,
        dataset: &ds,
        respuestas: &respuestas,
        templates: &templates,
        institucion: &institucion,
        fecha,
    };
    let mut files = Vec::new();
    let mut avisos = ds.avisos.clone();
    avisos.extend(respuestas.avisos.iter().cloned());
    let nombres = lotaip::render::rendicion::nombres(&ds, &entidades);
    for (&e, nombre) in entidades.iter().zip(&nombres) {
        let own = answers::sin_responder(&respuestas, &[e], |e| {
            ds.nombre_entidad(e, &config.institucion.nombre)
        });
        let (f, w) = render(&ctx, e, nombre, own)?;
        files.extend(f);
        avisos.extend(w);
    }
    let mut opciones = BTreeMap::new();
    if let Some(f) = a.fecha {
        opciones.insert("fecha".to_string(), f.format("%d/%m/%Y").to_string());
    }
    let manifest = Manifest {
        herramienta: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        publicacion: "rendicion".to_string(),
        periodo: config.anio.to_string(),
        fecha_actualizacion: fecha.format("%Y-%m-%d").to_string(),
        institucion: config.institucion.nombre.clone(),
        opciones,
        cuentas: BTreeMap::from([
            ("entidades".to_string(), entidades.len()),
            ("unidades".to_string(), ds.unidades.len()),
            ("indicadores".to_string(), ds.indicadores.len()),
            ("avisos".to_string(), avisos.len()),
        ]),
        entradas,
        salidas: Vec::new(),
    };
    let name = format!("rendicion_{}", config.anio);
    // Everything is in memory: only now is the output folder touched.
    publish::preflight(&a.salida, &name)?;
    let lock = Lock::acquire(&a.salida, a.espera.duracion())?;
    let publicado = publish::publish(&lock, &name, inicio, &files, manifest, &mut |_| {})?;
    let dir = &publicado.dir;
    say!(
        "lotaip {} — {}, rendición de cuentas {}",
        env!("CARGO_PKG_VERSION"),
        config.institucion.nombre,
        config.anio
    );
    resumen::entradas(&ds);
    say!(
        "Informes: {} (institución{})",
        entidades.len(),
        if entidades.len() > 1 {
            " y entidades que rinden cuentas por separado"
        } else {
            ""
        }
    );
    say!(
        "Archivos publicados en {} ({}):",
        dir.display(),
        files.len()
    );
    for f in &files {
        say!("  {}", f.path);
    }
    resumen::avisos(
        &avisos,
        "; el detalle está en la hoja «Avisos» de cada libro",
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
