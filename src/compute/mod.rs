//! Applies SPEC section 2 to a dataset for one report month: every
//! indicator's evaluation, the aggregates by unit, province, process level and
//! institution, the monthly trend, the budget execution and the warnings.

pub(crate) mod anual;
mod avisos;
#[cfg(test)]
pub(crate) mod ejemplo;
pub(crate) mod rules;
mod summary;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Location, Problems, Warning};
use crate::format;
use crate::model::{Dataset, Indicador, MESES, Periodo, Proceso, Provincia};

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
pub fn evaluar(ind: &Indicador, mes: u8, config: &Config) -> Result<Evaluacion, rules::Desborde> {
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
        return Ok(vacia(Estado::SinMetaNumerica));
    }
    let Some(k) = rules::periodo_evaluado(&ind.metas, mes) else {
        return Ok(vacia(Estado::SinPeriodoCerrado));
    };
    let meta = ind.metas[k as usize - 1];
    let real = ind.resultados[k as usize - 1].as_ref().map(|r| r.valor);
    Ok(match (meta, real) {
        (Some(meta), Some(real)) => {
            let (pct, marca) = rules::cumplimiento(meta, real, ind.sentido)?;
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
    })
}

/// Checks, before anything is computed, every figure the month's and the
/// year's reports make from one row: each target with its result, each
/// indicator's year, each budget line. A figure no decimal holds (a target
/// of 10^-20 against a result of millions) is an input error naming the
/// result's or the line's cell, so that `validar` finds it without a month.
pub fn comprobar(ds: &Dataset) -> Result<(), Error> {
    let mut problems = Problems::default();
    for ind in &ds.indicadores {
        for (k, (meta, r)) in ind.metas.iter().zip(&ind.resultados).enumerate() {
            let (Some(meta), Some(r)) = (*meta, r) else {
                continue;
            };
            if rules::cumplimiento(meta, r.valor, ind.sentido).is_err() {
                problems.push(
                    r.origen.clone(),
                    format!(
                        "el resultado {} de «{}» en {} frente a su meta {} ({}) da un cumplimiento que excede la precisión de los números decimales: revise si a la meta o al resultado les sobran o faltan cifras",
                        format::numero(r.valor),
                        ind.nombre,
                        MESES[k],
                        format::numero(meta),
                        ind.origen,
                    ),
                );
            }
        }
        if anual::anual(ind).is_err() {
            problems.push(
                ind.origen.clone(),
                format!(
                    "la meta o el resultado del año de «{}» exceden la precisión de los números decimales: revise si a sus valores les sobran o faltan cifras",
                    ind.nombre
                ),
            );
        }
    }
    for l in &ds.presupuesto {
        if rules::ejecucion(l.codificado, l.devengado).is_err() {
            problems.push(
                l.origen.clone(),
                format!(
                    "el devengado {} frente al codificado {} da una ejecución que excede la precisión de los números decimales: revise si les sobran o faltan cifras",
                    format::usd(l.devengado),
                    format::usd(l.codificado)
                ),
            );
        }
    }
    problems.into_result(())
}

/// An aggregate no decimal holds although every row passed [`comprobar`]
/// (sums of extreme values): an input error without a single cell.
pub(crate) fn desborde(que: &str) -> Error {
    Error::input(
        Location::file(crate::error::CARPETA),
        format!(
            "{que} excede la precisión de los números decimales (más de 7,9 × 10^28): revise las metas, resultados o montos con cifras de más o de menos"
        ),
    )
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

/// Computes the month's report. A figure no decimal holds is an input
/// error (see [`comprobar`]).
pub fn informe(
    ds: &Dataset,
    config: &Config,
    periodo: Periodo,
    fecha: NaiveDate,
) -> Result<Informe, Error> {
    comprobar(ds)?;
    let promedios = |_| desborde("un promedio de cumplimiento");
    let evaluar_mes = |mes: u8| -> Result<Vec<Evaluacion>, Error> {
        ds.indicadores
            .iter()
            .map(|i| evaluar(i, mes, config))
            .collect::<Result<_, _>>()
            .map_err(|_| desborde("un cumplimiento"))
    };
    let evaluaciones = evaluar_mes(periodo.mes)?;
    let s = summary::Summaries::new(ds, config, &evaluaciones);
    let provincias = ds.provincias();
    let mut tendencia = Vec::new();
    let mut tendencia_provincia = vec![Vec::new(); provincias.len()];
    for mes in 1..=periodo.mes {
        let ev = evaluar_mes(mes)?;
        let sm = summary::Summaries::new(ds, config, &ev);
        tendencia.push(sm.institucion().map_err(promedios)?.promedio);
        for (j, p) in provincias.iter().enumerate() {
            tendencia_provincia[j].push(sm.provincia(*p).map_err(promedios)?.promedio);
        }
    }
    // A setting's warning first: one line to fix, before the data's.
    let mut avisos = avisos::de_configuracion(config);
    avisos.extend(ds.avisos.iter().cloned());
    avisos.extend(avisos::de_reglas(ds, &evaluaciones));
    avisos.extend(avisos::atipicos(ds, config, periodo.mes));
    avisos.extend(avisos::de_repeticion(ds));
    avisos.extend(avisos::sumas_provinciales(ds, config));
    let por_unidad = ds
        .indicadores_por_unidad()
        .into_iter()
        .map(|is| s.of(is))
        .collect::<Result<_, _>>()
        .map_err(promedios)?;
    let mut por_provincia = Vec::new();
    for p in &provincias {
        por_provincia.push((*p, s.provincia(*p).map_err(promedios)?));
    }
    let mut por_proceso = Vec::new();
    for p in Proceso::ALL
        .iter()
        .filter(|p| ds.unidades.iter().any(|u| u.proceso == **p))
    {
        por_proceso.push((*p, s.proceso(*p).map_err(promedios)?));
    }
    Ok(Informe {
        periodo,
        fecha,
        institucion: s.institucion().map_err(promedios)?,
        por_unidad,
        por_provincia,
        por_proceso,
        presupuesto: summary::presupuesto(ds, periodo.mes)
            .map_err(|_| desborde("la suma de la ejecución presupuestaria"))?,
        evaluaciones,
        tendencia,
        tendencia_provincia,
        avisos,
    })
}
