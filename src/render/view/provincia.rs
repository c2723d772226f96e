//! The province report as its templates see it: every figure already in its
//! Spanish form, chart values as plain decimals.

use rust_decimal::Decimal;
use serde::Serialize;

use super::FilaIndicador;
use crate::compute::{FilaPresupuesto, Resumen, rules};
use crate::config::Config;
use crate::format;
use crate::model::{MESES, MESES_CORTOS, Provincia};
use crate::render::RenderContext;

/// A group's figures in words and numbers.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ResumenTexto {
    /// `88,30 %`, or empty when nothing is evaluated.
    pub promedio: String,
    pub semaforo: String,
    pub indicadores: usize,
    pub contados: usize,
    pub verde: usize,
    pub amarillo: usize,
    pub rojo: usize,
    pub sin_reporte: usize,
    pub sin_periodo: usize,
    pub sin_meta: usize,
}

impl ResumenTexto {
    pub(crate) fn new(r: &Resumen, cfg: &Config) -> Self {
        ResumenTexto {
            promedio: r.promedio.map(format::pct).unwrap_or_default(),
            semaforo: r
                .semaforo(&cfg.semaforo)
                .map(|s| s.nombre())
                .unwrap_or("")
                .to_string(),
            indicadores: r.indicadores,
            contados: r.contados,
            verde: r.verde,
            amarillo: r.amarillo,
            rojo: r.rojo,
            sin_reporte: r.sin_reporte,
            sin_periodo: r.sin_periodo,
            sin_meta: r.sin_meta,
        }
    }
}

/// One month of the trend chart.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct MesTendencia {
    /// `Ene`.
    pub mes: String,
    /// Plain decimal with a dot, 2 decimals (`86.70`), empty when not computed.
    pub provincia: String,
    pub institucion: String,
    pub semaforo: String,
}

/// An objective of a unit with its indicator rows.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ObjetivoProvincia {
    pub texto: String,
    pub filas: Vec<FilaIndicador>,
}

/// A unit of the province with its figures and indicators.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct UnidadProvincia {
    pub nombre: String,
    pub resumen: ResumenTexto,
    pub objetivos: Vec<ObjetivoProvincia>,
}

/// One budget line of the report.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LineaPresupuestoTexto {
    pub nombre: String,
    pub tipo: String,
    pub codificado: String,
    pub devengado: String,
    pub ejecucion: String,
}

/// Everything the province template shows.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct VistaProvincia {
    pub nombre: String,
    pub resumen: ResumenTexto,
    pub tendencia: Vec<MesTendencia>,
    /// The trend chart's figures in words, its alternative text in the PDF
    /// for whoever cannot see the bars.
    pub tendencia_texto: String,
    pub unidades: Vec<UnidadProvincia>,
    pub presupuesto: Vec<LineaPresupuestoTexto>,
    pub presupuesto_total: Option<LineaPresupuestoTexto>,
    pub nota: Vec<String>,
}

/// The units of a province: its Dirección Provincial first, then the rest in `metas` order.
pub(crate) fn unidades_de(ctx: &RenderContext, p: Provincia) -> Vec<usize> {
    let us = &ctx.dataset.unidades;
    let mut v: Vec<usize> = (0..us.len())
        .filter(|u| us[*u].provincia == Some(p))
        .collect();
    v.sort_by_key(|u| !us[*u].es_direccion_provincial());
    v
}

/// Builds the view of the `j`-th province of the report over the given units.
pub(crate) fn vista(ctx: &RenderContext, j: usize, units: &[usize]) -> VistaProvincia {
    let cfg = ctx.config;
    let (p, r) = &ctx.informe.por_provincia[j];
    let plano = |v: &Option<Decimal>| {
        v.map(|d| {
            let mut r = rules::round_pct(d);
            r.rescale(2);
            r.to_string()
        })
        .unwrap_or_default()
    };
    let siglas = &cfg.institucion.siglas;
    let tendencia_texto = ctx.informe.tendencia_provincia[j]
        .iter()
        .zip(&ctx.informe.tendencia)
        .enumerate()
        .filter(|(_, (prov, inst))| prov.is_some() || inst.is_some())
        .map(|(m, (prov, inst))| {
            let v = |x: &Option<Decimal>| x.map_or_else(|| "sin dato".to_string(), format::pct);
            format!(
                "{}: {} {}, {siglas} {}",
                MESES[m],
                p.nombre(),
                v(prov),
                v(inst)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let tendencia = ctx.informe.tendencia_provincia[j]
        .iter()
        .zip(&ctx.informe.tendencia)
        .enumerate()
        .map(|(m, (prov, inst))| MesTendencia {
            mes: capitalizar(MESES_CORTOS[m]),
            provincia: plano(prov),
            institucion: plano(inst),
            semaforo: prov
                .map(|v| rules::semaforo(v, &cfg.semaforo).nombre())
                .unwrap_or("")
                .to_string(),
        })
        .collect();
    let unidades = units
        .iter()
        .map(|&u| {
            let mut objetivos: Vec<ObjetivoProvincia> = Vec::new();
            for f in ctx.filas_de(u) {
                match objetivos.iter_mut().find(|o| o.texto == f.objetivo) {
                    Some(o) => o.filas.push(f.clone()),
                    None => objetivos.push(ObjetivoProvincia {
                        texto: f.objetivo.clone(),
                        filas: vec![f.clone()],
                    }),
                }
            }
            UnidadProvincia {
                nombre: ctx.dataset.unidades[u].nombre.clone(),
                resumen: ResumenTexto::new(&ctx.informe.por_unidad[u], cfg),
                objetivos,
            }
        })
        .collect();
    let pres = &ctx.informe.presupuesto;
    let presupuesto = units
        .iter()
        .filter_map(|&u| pres.por_unidad[u].as_ref().map(|f| (u, f)))
        .flat_map(|(u, f)| lineas(&ctx.dataset.unidades[u].nombre, f))
        .collect();
    let presupuesto_total = pres
        .por_provincia
        .iter()
        .find(|(q, _)| q == p)
        .map(|(_, f)| linea(&format!("Total {}", p.nombre()), "total", &f.total));
    VistaProvincia {
        nombre: p.nombre().to_string(),
        resumen: ResumenTexto::new(r, cfg),
        tendencia,
        tendencia_texto,
        unidades,
        presupuesto,
        presupuesto_total,
        nota: super::nota_metodologica(cfg),
    }
}

fn lineas(nombre: &str, f: &FilaPresupuesto) -> Vec<LineaPresupuestoTexto> {
    let mut v = Vec::new();
    if let Some(e) = &f.corriente {
        v.push(linea(nombre, "corriente", e));
    }
    if let Some(e) = &f.inversion {
        v.push(linea(nombre, "inversión", e));
    }
    v
}

fn linea(nombre: &str, tipo: &str, e: &crate::compute::Ejecucion) -> LineaPresupuestoTexto {
    LineaPresupuestoTexto {
        nombre: nombre.to_string(),
        tipo: tipo.to_string(),
        codificado: format::usd(e.codificado),
        devengado: format::usd(e.devengado),
        ejecucion: format::pct(e.porcentaje),
    }
}

fn capitalizar(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The province of the `j`-th entry of the report.
pub(crate) fn provincia(ctx: &RenderContext, j: usize) -> Provincia {
    ctx.informe.por_provincia[j].0
}
