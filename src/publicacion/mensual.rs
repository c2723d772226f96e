//! The month's publication: read, compute, render in memory, publish.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::entradas::{Cargado, Entrada, cargar, huellas};
use super::{Etapa, Salida};
use crate::compute::{self, Informe};
use crate::error::Error;
use crate::model::Periodo;
use crate::publish::{self, Huella, Inicio, Lock, Manifest, Publicado};
use crate::render::view::cambios::Cambios;
use crate::render::view::cifras::Cifras;
use crate::render::{self, OutputFile, RenderContext};

/// A month to publish.
#[derive(Clone, Debug)]
pub struct Mensual {
    pub entrada: Entrada,
    pub periodo: Periodo,
    pub salida: Salida,
    /// The declared update date; by default the month's last day.
    pub fecha: Option<NaiveDate>,
}

/// A published month: what was read, computed and written.
pub struct MesPublicado {
    pub cargado: Cargado,
    pub informe: Informe,
    pub cambios: Cambios,
    pub publicado: Publicado,
    /// The files published, the manifest aside.
    pub archivos: Vec<OutputFile>,
    /// Why the output root's own pages were left alone, when they were
    /// (an `index.html` lotaip did not write).
    pub portada: Option<String>,
}

/// Publishes the month. Nothing is written unless everything was read,
/// computed and rendered; a run that started (`inicio`) before the one that
/// last published the month does not replace it.
pub fn mensual(
    m: &Mensual,
    inicio: Inicio,
    avance: &mut dyn FnMut(Etapa),
) -> Result<MesPublicado, Error> {
    avance(Etapa::Leyendo(&m.entrada.carpeta));
    let cargado = cargar(&m.entrada, Some(m.periodo.anio))?;
    // Fingerprints of the inputs as soon as they are read.
    let entradas = huellas(&m.entrada, &cargado, false)?;
    avance(Etapa::Calculando(m.periodo));
    let fecha = m.fecha.unwrap_or_else(|| m.periodo.ultimo_dia());
    let informe = compute::informe(&cargado.dataset, &cargado.config, m.periodo, fecha)?;
    avance(Etapa::Comparando);
    let cambios = crate::render::view::anterior::cambios(
        &m.salida.carpeta,
        m.periodo,
        &Cifras::new(&cargado.dataset, m.periodo),
    );
    let (archivos, cambios) = {
        let ctx = RenderContext::new(
            &cargado.config,
            &cargado.dataset,
            &informe,
            &cargado.templates,
        )
        .with_cambios(cambios)
        .with_firmante(cargado.firmante.as_ref());
        let files =
            render::publicacion_mensual(&ctx, &mut |nombre| avance(Etapa::Generando(nombre)))?;
        (files, ctx.cambios)
    };
    let name = m.periodo.to_string();
    let manifest = manifiesto(m, &cargado, &informe, entradas);
    // Everything is in memory: only now is the output folder touched.
    let root = &m.salida.carpeta;
    publish::preflight(root, &name)?;
    avance(Etapa::Escribiendo {
        archivos: archivos.len() + 1,
        carpeta: &root.join(publish::swap::temp_name(&name)),
    });
    let lock = Lock::acquire(root, m.salida.espera)?;
    let raiz = super::pagina_raiz(root, &cargado, &name, &manifest, &archivos)?;
    let publicado = publish::publish(&lock, &name, inicio, &archivos, manifest, &mut |paso| {
        if paso == publish::Paso::Intercambiando {
            avance(Etapa::Publicando(&root.join(&name)));
        } else {
            avance(Etapa::Paso(paso));
        }
    })?;
    let portada = publish::raiz::escribir(root, &raiz)?;
    Ok(MesPublicado {
        cargado,
        informe,
        cambios,
        publicado,
        archivos,
        portada,
    })
}

/// The manifest of the month: everything but the outputs, which `publish` adds.
fn manifiesto(m: &Mensual, c: &Cargado, informe: &Informe, entradas: Vec<Huella>) -> Manifest {
    let mut opciones = BTreeMap::new();
    if let Some(p) = m.entrada.porcentajes {
        opciones.insert("porcentajes".to_string(), p.nombre().to_string());
    }
    if let Some(f) = m.fecha {
        opciones.insert("fecha".to_string(), f.format("%d/%m/%Y").to_string());
    }
    let ds = &c.dataset;
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
        periodo: m.periodo.to_string(),
        fecha_actualizacion: informe.fecha.format("%Y-%m-%d").to_string(),
        institucion: c.config.institucion.nombre.clone(),
        opciones,
        cuentas,
        entradas,
        salidas: Vec::new(),
        firma: c.firmante.as_ref().map(|f| f.firmado().clone()),
    }
}
