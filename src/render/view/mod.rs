//! What templates and renderers see: the computed report arranged as the
//! documents arrange it, with every figure both exact (for spreadsheet cells)
//! and formatted in Spanish (for text).

pub(crate) mod anterior;
pub(crate) mod cambios;
pub(crate) mod cifras;
pub(crate) mod indice;
pub(crate) mod provincia;
pub(crate) mod rendicion;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::compute::{Evaluacion, Informe, rules};
use crate::config::Config;
use crate::format;
use crate::model::{Dataset, Indicador, Proceso, Provincia};

/// One indicator row of the Literal a4 matrix.
#[derive(Clone, Debug, Serialize)]
pub struct FilaA4 {
    /// Index into `Dataset::indicadores`.
    pub indicador: usize,
    pub nombre: String,
    /// `Meta cuantificable` as published (`85% mensual`).
    pub meta: String,
    /// `meta` was written by the program from the targets (not the plan's
    /// `meta_cuantificable` text): the CSV formula guard leaves it alone.
    pub meta_calculada: bool,
}

/// An objective of a unit, with its indicators.
#[derive(Clone, Debug, Serialize)]
pub struct ObjetivoA4 {
    pub texto: String,
    pub filas: Vec<FilaA4>,
}

/// A unit of the matrix, numbered as published.
#[derive(Clone, Debug, Serialize)]
pub struct UnidadA4 {
    pub numero: usize,
    pub nombre: String,
    /// Indicator rows of the unit (the rowspan of its cells).
    pub n: usize,
    pub objetivos: Vec<ObjetivoA4>,
}

/// A process-level section of the matrix.
#[derive(Clone, Debug, Serialize)]
pub struct SeccionA4 {
    pub titulo: String,
    pub unidades: Vec<UnidadA4>,
}

/// The Literal a4 matrix: sections in the published order (SPEC 3.1), units
/// in the order of `metas` within each, objectives in order of first
/// appearance within each unit. Levels whose titles coincide share a section.
/// `por_unidad` is [`Dataset::indicadores_por_unidad`].
pub(crate) fn matriz_a4(
    ds: &Dataset,
    config: &Config,
    mes: u8,
    por_unidad: &[Vec<usize>],
) -> Vec<SeccionA4> {
    let titulos = &config.literal_a4.secciones;
    let mut niveles: Vec<Proceso> = Proceso::ALL.to_vec();
    niveles.sort_by_key(|p| p.orden_seccion());
    let mut orden: Vec<&str> = Vec::new();
    for nivel in niveles {
        let t = titulos.titulo(nivel);
        if !orden.contains(&t) {
            orden.push(t);
        }
    }
    let mut numero = 0;
    let mut secciones = Vec::new();
    for titulo in orden {
        let mut unidades = Vec::new();
        for (u, unidad) in ds.unidades.iter().enumerate() {
            if titulos.titulo(unidad.proceso) != titulo {
                continue;
            }
            let mut objetivos: Vec<ObjetivoA4> = Vec::new();
            for (i, ind) in por_unidad[u].iter().map(|&i| (i, &ds.indicadores[i])) {
                let fila = FilaA4 {
                    indicador: i,
                    nombre: ind.nombre.clone(),
                    meta: meta_cuantificable(ind, mes),
                    meta_calculada: ind.meta_cuantificable.is_none(),
                };
                match objetivos.iter_mut().find(|o| o.texto == ind.objetivo) {
                    Some(o) => o.filas.push(fila),
                    None => objetivos.push(ObjetivoA4 {
                        texto: ind.objetivo.clone(),
                        filas: vec![fila],
                    }),
                }
            }
            if !objetivos.is_empty() {
                numero += 1;
                let n = objetivos.iter().map(|o| o.filas.len()).sum();
                unidades.push(UnidadA4 {
                    numero,
                    nombre: unidad.nombre.clone(),
                    n,
                    objetivos,
                });
            }
        }
        if !unidades.is_empty() {
            secciones.push(SeccionA4 {
                titulo: titulo.to_string(),
                unidades,
            });
        }
    }
    secciones
}

/// One line of the footer block of every LOTAIP matrix.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LineaPie {
    pub etiqueta: String,
    pub valor: String,
    /// The value is the report date (a date cell in XLSX).
    pub es_fecha: bool,
    /// Where the value leads when it is a web address or an e-mail: the
    /// matrices make it a link a reader can follow.
    pub enlace: Option<String>,
}

/// The footer block of the Literal a4 matrix, as published: optional link,
/// update date, periodicity, the unit holding the information and its
/// responsible person, e-mail and phone.
pub(crate) fn pie_a4(config: &Config, fecha: chrono::NaiveDate) -> Vec<LineaPie> {
    let l = |etiqueta: &str, valor: &str| LineaPie {
        etiqueta: etiqueta.to_string(),
        valor: valor.to_string(),
        es_fecha: false,
        enlace: None,
    };
    let a4 = &config.literal_a4;
    let r = &config.responsable;
    let mut v = Vec::new();
    if let (Some(e), Some(u)) = (&a4.enlace_etiqueta, &a4.enlace_url) {
        let web = ["https://", "http://"]
            .iter()
            .any(|p| u.to_ascii_lowercase().starts_with(p));
        v.push(LineaPie {
            enlace: web.then(|| u.clone()),
            ..l(e, u)
        });
    }
    v.push(LineaPie {
        es_fecha: true,
        ..l(
            "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:",
            &format::fecha(fecha),
        )
    });
    v.push(l(
        "PERIODICIDAD DE ACTUALIZACIÓN DE LA INFORMACIÓN:",
        &a4.periodicidad,
    ));
    let (poseedora, responsable) = match config.publicacion.ley {
        crate::config::Ley::L2004 => (
            "UNIDAD POSEEDORA DE LA INFORMACIÓN - LITERAL a4):".to_string(),
            "RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN DEL LITERAL a4):".to_string(),
        ),
        crate::config::Ley::L2023 => {
            let n = &config.publicacion.numeral;
            (
                format!("UNIDAD POSEEDORA DE LA INFORMACIÓN - NUMERAL {n}:"),
                format!("RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN DEL NUMERAL {n}:"),
            )
        }
    };
    v.push(l(&poseedora, &r.unidad_poseedora));
    v.push(l(&responsable, &r.nombre));
    v.push(LineaPie {
        enlace: r
            .correo
            .contains('@')
            .then(|| format!("mailto:{}", r.correo)),
        ..l(
            "CORREO ELECTRÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
            &r.correo,
        )
    });
    v.push(l(
        "NÚMERO TELEFÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:",
        &r.telefono,
    ));
    v
}

/// SPEC 1.1: the given text, or the published target plus the periodicity word.
pub(crate) fn meta_cuantificable(ind: &Indicador, mes: u8) -> String {
    if let Some(t) = &ind.meta_cuantificable {
        return t.clone();
    }
    match rules::meta_publicada(&ind.metas, mes) {
        Some((_, v)) => format!(
            "{} {}",
            format::valor_medida(ind.medida, v),
            ind.periodicidad.nombre()
        ),
        None => String::new(),
    }
}

/// One indicator with its evaluation, for the cumplimiento outputs.
#[derive(Clone, Debug, Serialize)]
pub struct FilaIndicador {
    pub indicador: usize,
    pub unidad: String,
    pub provincia: String,
    pub proceso: String,
    pub objetivo: String,
    pub codigo: String,
    pub nombre: String,
    pub medida: String,
    pub sentido: String,
    pub periodicidad: String,
    /// `2025-06`, or empty when nothing is evaluated.
    pub periodo_evaluado: String,
    /// Machine form (`0.85`, `107.06`): exact for meta and real, 2 decimals for cumplimiento.
    pub meta: Option<Decimal>,
    pub real: Option<Decimal>,
    pub cumplimiento: Option<Decimal>,
    /// Spanish form.
    pub meta_texto: String,
    pub real_texto: String,
    pub cumplimiento_texto: String,
    pub semaforo: String,
    pub estado: String,
    pub marca: String,
    pub observacion: String,
    pub medio_verificacion: String,
}

/// Every indicator row with its evaluation, in the order of `metas`.
pub(crate) fn filas(ds: &Dataset, informe: &Informe) -> Vec<FilaIndicador> {
    ds.indicadores
        .iter()
        .zip(&informe.evaluaciones)
        .enumerate()
        .map(|(i, (ind, ev))| fila(ds, informe, i, ind, ev))
        .collect()
}

fn fila(
    ds: &Dataset,
    informe: &Informe,
    i: usize,
    ind: &Indicador,
    ev: &Evaluacion,
) -> FilaIndicador {
    let u = &ds.unidades[ind.unidad];
    let res = ev.mes.and_then(|m| ind.resultados[m as usize - 1].as_ref());
    let cumplimiento = ev.cumplimiento.map(|p| {
        let mut r = rules::round_pct(p);
        r.rescale(2);
        r
    });
    FilaIndicador {
        indicador: i,
        unidad: u.nombre.clone(),
        provincia: u.provincia.map(Provincia::nombre).unwrap_or("").to_string(),
        proceso: u.proceso.nombre().to_string(),
        objetivo: ind.objetivo.clone(),
        codigo: ind.codigo.clone().unwrap_or_default(),
        nombre: ind.nombre.clone(),
        medida: ind.medida.nombre().to_string(),
        sentido: ind.sentido.nombre().to_string(),
        periodicidad: ind.periodicidad.nombre().to_string(),
        periodo_evaluado: ev
            .mes
            .map(|m| format!("{:04}-{m:02}", informe.periodo.anio))
            .unwrap_or_default(),
        meta: ev.meta,
        real: ev.real,
        cumplimiento,
        meta_texto: ev
            .meta
            .map(|v| format::valor_medida(ind.medida, v))
            .unwrap_or_default(),
        real_texto: ev
            .real
            .map(|v| format::valor_medida(ind.medida, v))
            .unwrap_or_default(),
        cumplimiento_texto: ev.cumplimiento.map(format::pct).unwrap_or_default(),
        semaforo: ev.semaforo.map(|s| s.nombre()).unwrap_or("").to_string(),
        estado: ev.estado.nombre().to_string(),
        marca: ev.marca.map(|m| m.nombre()).unwrap_or("").to_string(),
        observacion: res.and_then(|r| r.observacion.clone()).unwrap_or_default(),
        medio_verificacion: res
            .and_then(|r| r.medio_verificacion.clone())
            .unwrap_or_default(),
    }
}

/// The note on how the figures are computed, in the words every report uses.
pub(crate) fn nota_metodologica(cfg: &Config) -> Vec<String> {
    let u = &cfg.semaforo;
    let sin_reporte = match cfg.politicas.sin_reporte {
        crate::config::SinReporte::Cero => "cuenta como 0 % en los promedios",
        crate::config::SinReporte::Excluir => "no entra en los promedios",
    };
    vec![
        "Cumplimiento de un indicador: resultado ÷ meta × 100 cuando un valor mayor es mejor (creciente) y meta ÷ resultado × 100 cuando un valor menor es mejor (decreciente). Puede superar el 100 %.".to_string(),
        format!("Período evaluado: el último mes de cierre con meta hasta el mes del informe (un indicador trimestral se evalúa en marzo, junio, septiembre y diciembre). Un indicador con meta y sin resultado figura «sin reporte», en rojo, y {sin_reporte}; uno sin período cerrado todavía no se evalúa."),
        "Metas y resultados en cero: con meta 0 el cumplimiento es 100 % si el resultado no es negativo (marca «meta cero»); en un indicador decreciente, un resultado 0 da 100 % (marca «real cero»).".to_string(),
        format!("Semáforo: verde desde {} %, amarillo desde {} %, rojo por debajo.", crate::format::numero(u.verde), crate::format::numero(u.amarillo)),
        "Promedios de unidad, provincia, nivel de proceso e institución: media aritmética de los cumplimientos de sus indicadores, cada uno limitado al rango de 0 % a 100 %. La provincia reúne a la Dirección Provincial y a todas sus unidades provinciales.".to_string(),
        "Ejecución presupuestaria: devengado ÷ codificado × 100, con el último mes reportado hasta el mes del informe; 0 % cuando el codificado es 0.".to_string(),
        "Los porcentajes se muestran con dos decimales, redondeados al más cercano (las mitades se alejan de cero); los colores y los promedios usan los valores exactos.".to_string(),
    ]
}
