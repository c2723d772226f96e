//! SPEC 2.3: aggregates by unit, province, process level and institution;
//! budget execution.

use rust_decimal::Decimal;
use serde::Serialize;

use super::rules::{self, Desborde, Semaforo};
use super::{Estado, Evaluacion};
use crate::config::{Config, Umbrales};
use crate::model::{Dataset, Indicador, Proceso, Provincia, TipoGasto};

/// The figures of a group of indicators.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Resumen {
    /// Mean of the counted percentages clamped to 0–100; exact.
    pub promedio: Option<Decimal>,
    /// Indicators in the mean.
    pub contados: usize,
    /// Rows by colour (a `sin reporte` row is red).
    pub verde: usize,
    pub amarillo: usize,
    pub rojo: usize,
    /// Of the red rows, those without a result.
    pub sin_reporte: usize,
    pub sin_periodo: usize,
    pub sin_meta: usize,
    /// All indicators of the group.
    pub indicadores: usize,
}

impl Resumen {
    /// The colour of the group's average.
    pub fn semaforo(&self, umbrales: &Umbrales) -> Option<Semaforo> {
        self.promedio.map(|p| rules::semaforo(p, umbrales))
    }
}

/// Aggregation over one month's evaluations.
pub(super) struct Summaries<'a> {
    ds: &'a Dataset,
    config: &'a Config,
    ev: &'a [Evaluacion],
}

impl<'a> Summaries<'a> {
    pub(super) fn new(ds: &'a Dataset, config: &'a Config, ev: &'a [Evaluacion]) -> Self {
        Summaries { ds, config, ev }
    }

    fn over(&self, keep: impl Fn(&Indicador) -> bool) -> Result<Resumen, Desborde> {
        self.of(self
            .ds
            .indicadores
            .iter()
            .enumerate()
            .filter(|(_, ind)| keep(ind))
            .map(|(i, _)| i))
    }

    /// The figures of the indicators with the given indexes.
    pub(super) fn of(
        &self,
        indicadores: impl IntoIterator<Item = usize>,
    ) -> Result<Resumen, Desborde> {
        let mut r = Resumen::default();
        let mut counted = Vec::new();
        for ev in indicadores.into_iter().map(|i| &self.ev[i]) {
            r.indicadores += 1;
            match ev.semaforo {
                Some(Semaforo::Verde) => r.verde += 1,
                Some(Semaforo::Amarillo) => r.amarillo += 1,
                Some(Semaforo::Rojo) => r.rojo += 1,
                None => {}
            }
            match ev.estado {
                Estado::SinReporte => r.sin_reporte += 1,
                Estado::SinPeriodoCerrado => r.sin_periodo += 1,
                Estado::SinMetaNumerica => r.sin_meta += 1,
                Estado::Evaluado => {}
            }
            if let Some(p) = ev.cuenta(self.config) {
                counted.push(rules::clamp_pct(p));
            }
        }
        r.contados = counted.len();
        r.promedio = rules::mean(counted)?;
        Ok(r)
    }

    /// A province's figure: every row of all its units (SPEC 2.3).
    pub(super) fn provincia(&self, p: Provincia) -> Result<Resumen, Desborde> {
        self.over(|i| self.ds.unidades[i.unidad].provincia == Some(p))
    }

    pub(super) fn proceso(&self, p: Proceso) -> Result<Resumen, Desborde> {
        self.over(|i| self.ds.unidades[i.unidad].proceso == p)
    }

    pub(super) fn institucion(&self) -> Result<Resumen, Desborde> {
        self.over(|_| true)
    }
}

/// Budget execution of one kind of expenditure (or their total).
#[derive(Clone, Debug, Serialize)]
pub struct Ejecucion {
    pub codificado: Decimal,
    pub devengado: Decimal,
    /// devengado / codificado × 100, exact.
    pub porcentaje: Decimal,
    /// Codificado is 0: the percentage is 0 by rule.
    pub codificado_cero: bool,
}

impl Ejecucion {
    pub fn new(codificado: Decimal, devengado: Decimal) -> Result<Self, Desborde> {
        let (porcentaje, codificado_cero) = rules::ejecucion(codificado, devengado)?;
        Ok(Ejecucion {
            codificado,
            devengado,
            porcentaje,
            codificado_cero,
        })
    }
}

/// The budget of a unit, province or the institution at the report month.
#[derive(Clone, Debug, Serialize)]
pub struct FilaPresupuesto {
    pub corriente: Option<Ejecucion>,
    pub inversion: Option<Ejecucion>,
    pub total: Ejecucion,
}

impl FilaPresupuesto {
    fn from_sums(sums: [Option<(Decimal, Decimal)>; 2]) -> Result<Option<Self>, Desborde> {
        let [c, i] = sums;
        let c = c.map(|(cod, dev)| Ejecucion::new(cod, dev)).transpose()?;
        let i = i.map(|(cod, dev)| Ejecucion::new(cod, dev)).transpose()?;
        if c.is_none() && i.is_none() {
            return Ok(None);
        }
        let cod = rules::suma(c.iter().chain(i.iter()).map(|e| e.codificado))?;
        let dev = rules::suma(c.iter().chain(i.iter()).map(|e| e.devengado))?;
        Ok(Some(FilaPresupuesto {
            corriente: c,
            inversion: i,
            total: Ejecucion::new(cod, dev)?,
        }))
    }
}

/// Budget execution at the report month, from each unit's latest line per kind.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Presupuesto {
    /// Parallel to `Dataset::unidades`.
    pub por_unidad: Vec<Option<FilaPresupuesto>>,
    pub por_provincia: Vec<(Provincia, FilaPresupuesto)>,
    /// Sum over every unit with a budget.
    pub institucion: Option<FilaPresupuesto>,
}

/// Each unit's latest budget line up to `mes`, per kind, summed by province and overall.
pub(super) fn presupuesto(ds: &Dataset, mes: u8) -> Result<Presupuesto, Desborde> {
    let latest = latest_lines(ds, mes);
    let n = ds.unidades.len();
    let por_unidad = (0..n)
        .map(|u| sum_units(&latest, &[u]))
        .collect::<Result<_, _>>()?;
    let mut por_provincia = Vec::new();
    for p in ds.provincias() {
        let units: Vec<usize> = (0..n)
            .filter(|u| ds.unidades[*u].provincia == Some(p))
            .collect();
        if let Some(f) = sum_units(&latest, &units)? {
            por_provincia.push((p, f));
        }
    }
    let all: Vec<usize> = (0..n).collect();
    Ok(Presupuesto {
        por_unidad,
        por_provincia,
        institucion: sum_units(&latest, &all)?,
    })
}

/// The budget of a set of units at month `mes`.
pub(super) fn presupuesto_de(
    ds: &Dataset,
    mes: u8,
    units: &[usize],
) -> Result<Option<FilaPresupuesto>, Desborde> {
    sum_units(&latest_lines(ds, mes), units)
}

/// Per unit and kind, the latest (month, codificado, devengado) up to `mes`.
type Latest = Vec<[Option<(u8, Decimal, Decimal)>; 2]>;

fn latest_lines(ds: &Dataset, mes: u8) -> Latest {
    let mut latest: Latest = vec![[None, None]; ds.unidades.len()];
    for l in ds.presupuesto.iter().filter(|l| l.mes <= mes) {
        let slot = &mut latest[l.unidad][kind_index(l.tipo)];
        if slot.is_none_or(|(m, _, _)| l.mes > m) {
            *slot = Some((l.mes, l.codificado, l.devengado));
        }
    }
    latest
}

fn sum_units(latest: &Latest, units: &[usize]) -> Result<Option<FilaPresupuesto>, Desborde> {
    let mut acc: [Option<(Decimal, Decimal)>; 2] = [None, None];
    for &u in units {
        for k in 0..2 {
            if let Some((_, c, d)) = latest[u][k] {
                let e = acc[k].get_or_insert((Decimal::ZERO, Decimal::ZERO));
                *e = (rules::suma([e.0, c])?, rules::suma([e.1, d])?);
            }
        }
    }
    FilaPresupuesto::from_sums(acc)
}

fn kind_index(t: TipoGasto) -> usize {
    match t {
        TipoGasto::Corriente => 0,
        TipoGasto::Inversion => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::super::ejemplo::{azuay, config, dataset, indicador, unidad};
    use super::super::evaluar;
    use super::*;
    use crate::config::SinReporte;
    use rust_decimal_macros::dec;

    #[test]
    fn a_province_averages_the_rows_of_all_its_units_each_clamped_to_100() {
        let ds = dataset(
            vec![
                unidad("Dirección Provincial Azuay", Some(azuay())),
                unidad("Unidad Provincial de Afiliación Azuay", Some(azuay())),
                unidad("Dirección General", None),
            ],
            vec![
                indicador(0, "a", &[(6, 100)], &[(6, 150)]),
                indicador(1, "b", &[(6, 100)], &[(6, 50)]),
                indicador(2, "c", &[(6, 100)], &[(6, 10)]),
            ],
        );
        let cfg = config();
        let ev: Vec<_> = ds
            .indicadores
            .iter()
            .map(|i| evaluar(i, 6, &cfg).unwrap())
            .collect();
        let s = Summaries::new(&ds, &cfg, &ev);
        let azuay = s.provincia(azuay()).unwrap();
        assert_eq!(azuay.promedio, Some(dec!(75)));
        assert_eq!((azuay.verde, azuay.rojo, azuay.indicadores), (1, 1, 2));
        let all = s.institucion().unwrap();
        assert_eq!(all.promedio, Some(dec!(160) / dec!(3)));
    }

    #[test]
    fn a_row_without_result_counts_zero_or_is_left_out_by_policy() {
        let ds = dataset(
            vec![unidad("Dirección General", None)],
            vec![
                indicador(0, "a", &[(6, 100)], &[(6, 80)]),
                indicador(0, "b", &[(6, 100)], &[]),
            ],
        );
        let mut cfg = config();
        let ev: Vec<_> = ds
            .indicadores
            .iter()
            .map(|i| evaluar(i, 6, &cfg).unwrap())
            .collect();
        let cero = Summaries::new(&ds, &cfg, &ev).institucion().unwrap();
        assert_eq!(
            (cero.promedio, cero.contados, cero.sin_reporte, cero.rojo),
            (Some(dec!(40)), 2, 1, 1)
        );
        cfg.politicas.sin_reporte = SinReporte::Excluir;
        let excluir = Summaries::new(&ds, &cfg, &ev).institucion().unwrap();
        assert_eq!(
            (excluir.promedio, excluir.contados, excluir.sin_reporte),
            (Some(dec!(80)), 1, 1)
        );
    }

    #[test]
    fn budget_uses_each_units_latest_line_up_to_the_month() {
        use crate::model::{LineaPresupuesto, TipoGasto};
        let mut ds = dataset(vec![unidad("Dirección General", None)], vec![]);
        let line = |mes, cod: Decimal, dev: Decimal| LineaPresupuesto {
            unidad: 0,
            mes,
            tipo: TipoGasto::Corriente,
            codificado: cod,
            devengado: dev,
            origen: crate::error::Location::default(),
        };
        ds.presupuesto = vec![
            line(5, dec!(100), dec!(40)),
            line(6, dec!(100), dec!(55)),
            line(7, dec!(100), dec!(90)),
        ];
        let p = presupuesto(&ds, 6).unwrap();
        let total = p.institucion.unwrap().total;
        assert_eq!((total.devengado, total.porcentaje), (dec!(55), dec!(55)));
    }
}
