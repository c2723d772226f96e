//! `lotaip generar`: the month's publication.

use std::collections::BTreeMap;

use lotaip::compute;
use lotaip::config::{self, Config};
use lotaip::error::{Error, Location};
use lotaip::model::Dataset;
use lotaip::publish::{self, Huella, Inicio, Lock, Manifest};
use lotaip::render::view::cifras::Cifras;
use lotaip::render::{self, RenderContext};

use super::progreso::Progreso;
use super::resumen;
use crate::cli::Generar;

/// Stages announced besides one per renderer: reading, computing, comparing,
/// the download page, writing and swapping in.
const ETAPAS_FIJAS: u64 = 6;

pub fn execute(a: &Generar) -> Result<(), Error> {
    let inicio = Inicio::ahora();
    let progreso = Progreso::new(ETAPAS_FIJAS + render::mensual().len() as u64);
    progreso.etapa(&format!(
        "Leyendo entradas de {}",
        a.entrada.entrada.display()
    ));
    let (config, ds, templates) = super::cargar(&a.entrada)?;
    if a.periodo.anio != config.anio {
        return Err(Error::input(
            Location::file(config::ARCHIVO),
            format!(
                "el período {} no es del año del plan (anio = {})",
                a.periodo, config.anio
            ),
        ));
    }
    // Fingerprints of the inputs as soon as they are read.
    let entradas = super::huellas_de_entrada(&a.entrada, &ds, &templates, false)?;
    progreso.etapa(&format!("Calculando {}", a.periodo.nombre()));
    let fecha = a.fecha.unwrap_or_else(|| a.periodo.ultimo_dia());
    let informe = compute::informe(&ds, &config, a.periodo, fecha)?;
    progreso.etapa("Comparando con la publicación del mes anterior");
    let cambios = publish::anterior::cambios(&a.salida, a.periodo, &Cifras::new(&ds, a.periodo));
    let ctx = RenderContext::new(&config, &ds, &informe, &templates).with_cambios(cambios);
    let files = render::publicacion_mensual(&ctx, &mut |nombre| {
        progreso.etapa(&format!("Generando {nombre}"))
    })?;
    let name = a.periodo.to_string();
    let manifest = manifest(a, &config, &ds, &informe, entradas);
    // Everything is in memory: only now is the output folder touched.
    publish::preflight(&a.salida, &name)?;
    progreso.etapa(&format!(
        "Escribiendo {} archivos en {}",
        files.len() + 1,
        a.salida.join(publish::swap::temp_name(&name)).display()
    ));
    let lock = Lock::acquire(&a.salida, a.espera.duracion())?;
    let publicado = publish::publish(&lock, &name, inicio, &files, manifest, &mut |paso| {
        if paso == publish::Paso::Intercambiando {
            progreso.etapa(&format!("Publicando {}", a.salida.join(&name).display()));
        } else {
            progreso.paso(paso);
        }
    })?;
    progreso.terminar();
    resumen::imprimir(&config, &ds, &informe, &ctx.cambios, &publicado, &files);
    say!("Tiempo: {}", progreso.segundos());
    Ok(())
}

/// The manifest of the month: everything but the outputs, which `publish` adds.
fn manifest(
    a: &Generar,
    config: &Config,
    ds: &Dataset,
    informe: &compute::Informe,
    entradas: Vec<Huella>,
) -> Manifest {
    let mut opciones = BTreeMap::new();
    if let Some(p) = a.entrada.porcentajes {
        opciones.insert("porcentajes".to_string(), format!("{p:?}").to_lowercase());
    }
    if let Some(f) = a.fecha {
        opciones.insert("fecha".to_string(), f.format("%d/%m/%Y").to_string());
    }
    let cuentas = BTreeMap::from([
        ("unidades".to_string(), ds.unidades.len()),
        ("indicadores".to_string(), ds.indicadores.len()),
        (
            "indicadores_evaluados".to_string(),
            informe.institucion.contados,
        ),
        ("provincias".to_string(), ds.provincias().len()),
        ("lineas_presupuesto".to_string(), ds.presupuesto.len()),
        ("avisos".to_string(), informe.avisos.len()),
    ]);
    Manifest {
        herramienta: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        publicacion: "mensual".to_string(),
        periodo: a.periodo.to_string(),
        fecha_actualizacion: informe.fecha.format("%Y-%m-%d").to_string(),
        institucion: config.institucion.nombre.clone(),
        opciones,
        cuentas,
        entradas,
        salidas: Vec::new(),
    }
}
