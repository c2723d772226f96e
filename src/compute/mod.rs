//! Applies SPEC section 2 to a dataset for one report month: every
//! indicator's evaluation, the aggregates by unit, province, process level and
//! institution, the monthly trend, the budget execution and the warnings.

pub mod anual;
mod avisos;
pub mod rules;
mod summary;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::config::Config;
use crate::error::Warning;
use crate::model::{Dataset, Indicador, Periodo, Proceso, Provincia};

pub use rules::{Marca, Semaforo};
pub use summary::{Ejecucion, FilaPresupuesto, Presupuesto, Resumen};

/// Why an indicator has or has not a cumplimiento this month (SPEC 2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Estado {
    #[serde(rename = "evaluado")]
    Evaluado,
    /// Target but no result: shown in red, counted as 0 % by default.
    #[serde(rename = "sin reporte")]
    SinReporte,
    /// No closing month with a target up to the report month.
    #[serde(rename = "sin período cerrado")]
    SinPeriodoCerrado,
    /// Only a `meta_cuantificable` text: published, not evaluated.
    #[serde(rename = "sin meta numérica")]
    SinMetaNumerica,
}

impl Estado {
    pub fn nombre(self) -> &'static str {
        match self {
            Estado::Evaluado => "evaluado",
            Estado::SinReporte => "sin reporte",
            Estado::SinPeriodoCerrado => "sin período cerrado",
            Estado::SinMetaNumerica => "sin meta numérica",
        }
    }
}

/// One indicator evaluated at the report month.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluacion {
    /// Closing month evaluated (1–12).
    pub mes: Option<u8>,
    pub meta: Option<Decimal>,
    pub real: Option<Decimal>,
    /// Percentage points, exact and uncapped; 0 for `sin reporte` under the default policy.
    pub cumplimiento: Option<Decimal>,
    pub semaforo: Option<Semaforo>,
    pub estado: Estado,
    pub marca: Option<Marca>,
}

impl Evaluacion {
    /// The percentage that enters the averages, if it counts under the policy.
    pub fn cuenta(&self, config: &Config) -> Option<Decimal> {
        match self.estado {
            Estado::Evaluado => self.cumplimiento,
            Estado::SinReporte
                if config.politicas.sin_reporte == crate::config::SinReporte::Cero =>
            {
                Some(Decimal::ZERO)
            }
            _ => None,
        }
    }
}

/// SPEC 2.1–2.2 for one indicator at report month `mes`.
pub fn evaluar(ind: &Indicador, mes: u8, config: &Config) -> Evaluacion {
    let vacia = |estado| Evaluacion {
        mes: None,
        meta: None,
        real: None,
        cumplimiento: None,
        semaforo: None,
        estado,
        marca: None,
    };
    if !ind.tiene_metas() {
        return vacia(Estado::SinMetaNumerica);
    }
    let Some(k) = rules::periodo_evaluado(&ind.metas, mes) else {
        return vacia(Estado::SinPeriodoCerrado);
    };
    let meta = ind.metas[k as usize - 1];
    let real = ind.resultados[k as usize - 1].as_ref().map(|r| r.valor);
    match (meta, real) {
        (Some(meta), Some(real)) => {
            let (pct, marca) = rules::cumplimiento(meta, real, ind.sentido);
            Evaluacion {
                mes: Some(k),
                meta: Some(meta),
                real: Some(real),
                cumplimiento: Some(pct),
                semaforo: Some(rules::semaforo(pct, &config.semaforo)),
                estado: Estado::Evaluado,
                marca,
            }
        }
        _ => Evaluacion {
            mes: Some(k),
            meta,
            real: None,
            cumplimiento: None,
            semaforo: Some(Semaforo::Rojo),
            estado: Estado::SinReporte,
            marca: None,
        },
    }
}

/// Everything computed for one report month; the single input of every renderer.
#[derive(Clone, Debug)]
pub struct Informe {
    pub periodo: Periodo,
    /// The declared report date (the only date printed).
    pub fecha: NaiveDate,
    /// Parallel to `Dataset::indicadores`.
    pub evaluaciones: Vec<Evaluacion>,
    pub institucion: Resumen,
    /// Parallel to `Dataset::unidades`.
    pub por_unidad: Vec<Resumen>,
    /// Provinces with at least one unit, alphabetical.
    pub por_provincia: Vec<(Provincia, Resumen)>,
    /// Process levels with at least one unit, in section order.
    pub por_proceso: Vec<(Proceso, Resumen)>,
    /// Institution's average by month, January to the report month.
    pub tendencia: Vec<Option<Decimal>>,
    /// Per province (same order as `por_provincia`), by month.
    pub tendencia_provincia: Vec<Vec<Option<Decimal>>>,
    pub presupuesto: Presupuesto,
    /// Warnings of the inputs and of the rules.
    pub avisos: Vec<Warning>,
}

/// Computes the month's report.
pub fn informe(ds: &Dataset, config: &Config, periodo: Periodo, fecha: NaiveDate) -> Informe {
    let evaluaciones: Vec<Evaluacion> = ds
        .indicadores
        .iter()
        .map(|i| evaluar(i, periodo.mes, config))
        .collect();
    let s = summary::Summaries::new(ds, config, &evaluaciones);
    let provincias = ds.provincias();
    let mut tendencia = Vec::new();
    let mut tendencia_provincia = vec![Vec::new(); provincias.len()];
    for mes in 1..=periodo.mes {
        let ev: Vec<Evaluacion> = ds
            .indicadores
            .iter()
            .map(|i| evaluar(i, mes, config))
            .collect();
        let sm = summary::Summaries::new(ds, config, &ev);
        tendencia.push(sm.institucion().promedio);
        for (j, p) in provincias.iter().enumerate() {
            tendencia_provincia[j].push(sm.provincia(*p).promedio);
        }
    }
    let mut avisos = ds.avisos.clone();
    avisos.extend(avisos::de_reglas(ds, &evaluaciones));
    avisos.extend(avisos::atipicos(ds, config, periodo.mes));
    avisos.extend(avisos::de_repeticion(ds));
    avisos.extend(avisos::sumas_provinciales(ds, config));
    Informe {
        periodo,
        fecha,
        institucion: s.institucion(),
        por_unidad: ds
            .indicadores_por_unidad()
            .into_iter()
            .map(|is| s.of(is))
            .collect(),
        por_provincia: provincias.iter().map(|p| (*p, s.provincia(*p))).collect(),
        por_proceso: Proceso::ALL
            .iter()
            .filter(|p| ds.unidades.iter().any(|u| u.proceso == **p))
            .map(|p| (*p, s.proceso(*p)))
            .collect(),
        presupuesto: summary::presupuesto(ds, periodo.mes),
        evaluaciones,
        tendencia,
        tendencia_provincia,
        avisos,
    }
}
