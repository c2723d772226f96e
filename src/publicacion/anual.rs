//! The year's accountability report: read, compute every entity's report,
//! render in memory, publish.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Salida;
use super::entradas::{Cargado, Entrada, cargar, huellas};
use crate::error::{Error, Warning};
use crate::input::rendicion as answers;
use crate::model::Entidad;
use crate::publish::{self, Inicio, Lock, Manifest, Publicado};
use crate::render::OutputFile;
use crate::render::rendicion::{Contexto, publicacion_anual};

/// A year to report.
#[derive(Clone, Debug)]
pub struct Anual {
    pub entrada: Entrada,
    pub anio: i32,
    pub salida: Salida,
    /// The report's date; by default the 31st of December.
    pub fecha: Option<NaiveDate>,
}

/// A published report: the entities, their files and their warnings.
pub struct AnioPublicado {
    pub cargado: Cargado,
    pub entidades: Vec<Entidad>,
    pub publicado: Publicado,
    pub archivos: Vec<OutputFile>,
    pub avisos: Vec<Warning>,
    /// Why the output root's own pages were left alone, when they were.
    pub portada: Option<String>,
}

/// Publishes the year's reports of the institution and of every province or
/// unit that reports on its own. Nothing is written unless every report was
/// made.
pub fn anual(a: &Anual, inicio: Inicio) -> Result<AnioPublicado, Error> {
    let cargado = cargar(&a.entrada, Some(a.anio))?;
    let c = &cargado;
    let respuestas = answers::load(&a.entrada.carpeta, &c.config, &c.dataset)?;
    let entradas = huellas(&a.entrada, c, true)?;
    let Informes {
        entidades,
        archivos,
        avisos,
    } = en_memoria(c, &respuestas, a.fecha)?;
    let fecha = fecha_del_informe(c, a.fecha);
    let mut opciones = BTreeMap::new();
    if let Some(f) = a.fecha {
        opciones.insert("fecha".to_string(), f.format("%d/%m/%Y").to_string());
    }
    let manifest = Manifest {
        herramienta: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        publicacion: "rendicion".to_string(),
        periodo: c.config.anio.to_string(),
        fecha_actualizacion: fecha.format("%Y-%m-%d").to_string(),
        institucion: c.config.institucion.nombre.clone(),
        opciones,
        cuentas: BTreeMap::from([
            ("entidades".to_string(), entidades.len()),
            ("unidades".to_string(), c.dataset.unidades.len()),
            ("indicadores".to_string(), c.dataset.indicadores.len()),
            ("avisos".to_string(), avisos.len()),
        ]),
        entradas,
        salidas: Vec::new(),
        firma: c.firmante.as_ref().map(|f| f.firmado().clone()),
    };
    let name = format!("rendicion_{}", c.config.anio);
    // Everything is in memory: only now is the output folder touched.
    publish::preflight(&a.salida.carpeta, &name)?;
    let root = &a.salida.carpeta;
    let lock = Lock::acquire(root, a.salida.espera)?;
    let raiz = super::pagina_raiz(root, &cargado, &name, &manifest, &archivos)?;
    let publicado = publish::publish(&lock, &name, inicio, &archivos, manifest, &mut |_| {})?;
    let portada = publish::raiz::escribir(root, &raiz)?;
    Ok(AnioPublicado {
        cargado,
        entidades,
        publicado,
        archivos,
        avisos,
        portada,
    })
}

/// The year's reports rendered in memory.
pub(super) struct Informes {
    pub(super) entidades: Vec<Entidad>,
    pub(super) archivos: Vec<OutputFile>,
    pub(super) avisos: Vec<Warning>,
}

/// Every entity's report of the year, rendered in memory. `fecha` is the
/// report's date (by default the 31st of December).
pub(super) fn en_memoria(
    c: &Cargado,
    respuestas: &answers::Respuestas,
    fecha: Option<NaiveDate>,
) -> Result<Informes, Error> {
    let (entidades, institucion) = answers::entidades(&c.config, &c.dataset)?;
    let fecha = fecha_del_informe(c, fecha);
    let ctx = Contexto {
        config: &c.config,
        dataset: &c.dataset,
        respuestas,
        templates: &c.templates,
        institucion: &institucion,
        fecha,
        firmante: c.firmante.as_ref(),
    };
    let (archivos, avisos) = publicacion_anual(&ctx, &entidades)?;
    Ok(Informes {
        entidades,
        archivos,
        avisos,
    })
}

/// The report's date: the one given, or the 31st of December of the plan.
fn fecha_del_informe(c: &Cargado, fecha: Option<NaiveDate>) -> NaiveDate {
    fecha
        .or_else(|| NaiveDate::from_ymd_opt(c.config.anio, 12, 31))
        .unwrap_or_default()
}
