//! The year (SPEC 2.4) and the computed sections of the accountability
//! report: each entity's metas with planned and achieved totals, the total
//! cumplimiento de la gestión, and its budget at the close of the year.

use rust_decimal::Decimal;
use serde::Serialize;

use super::rules::{self, Desborde};
use super::summary::{FilaPresupuesto, presupuesto_de};
use crate::error::{Error, Warning};
use crate::model::{Agregacion, Dataset, Entidad, Indicador, MESES, Serie};

/// One indicator over the year.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Anual {
    /// The year's target: `meta_anual`, or made from the periods.
    pub meta: Option<Decimal>,
    /// The year's result, made from the periods the same way.
    pub real: Option<Decimal>,
    /// Percentage points, exact and uncapped.
    pub cumplimiento: Option<Decimal>,
    pub agregacion: Agregacion,
    /// `suma` came by default (listed as a warning: wrong for stocks).
    pub suma_por_omision: bool,
    /// Closing months with a target and no result.
    pub sin_resultado: Vec<u8>,
}

/// SPEC 2.4 for one indicator: targets and results aggregated over the
/// closing months that have a target, by `agregacion_anual` or its default.
pub(crate) fn anual(ind: &Indicador) -> Result<Anual, Desborde> {
    let meses = ind.meses_con_meta();
    let (agregacion, suma_por_omision) =
        rules::agregacion_anual(ind.agregacion, ind.comportamiento, ind.medida);
    let meta = match ind.meta_anual {
        Some(m) => Some(m),
        None => rules::valor_anual(&ind.metas, &meses, agregacion)?,
    };
    let reales: Serie = std::array::from_fn(|i| ind.resultados[i].as_ref().map(|r| r.valor));
    let real = rules::valor_anual(&reales, &meses, agregacion)?;
    let cumplimiento = match meta.zip(real) {
        Some((m, r)) => Some(rules::cumplimiento(m, r, ind.sentido)?.0),
        None => None,
    };
    let sin_resultado = meses
        .iter()
        .copied()
        .filter(|m| reales[*m as usize - 1].is_none())
        .collect();
    Ok(Anual {
        meta,
        real,
        cumplimiento,
        agregacion,
        suma_por_omision,
        sin_resultado,
    })
}

/// A meta of the «ejecución programática».
#[derive(Clone, Debug, Serialize)]
pub(crate) struct MetaPoa {
    /// Index into `Dataset::indicadores`.
    pub indicador: usize,
    /// Number of the meta in the report, from 1.
    pub numero: usize,
    pub anual: Anual,
}

/// The computed sections of one entity's report.
#[derive(Clone, Debug)]
pub(crate) struct Rendicion {
    pub entidad: Entidad,
    pub nombre: String,
    /// Grouped by objective in order of first appearance.
    pub metas: Vec<MetaPoa>,
    /// «TOTAL % CUMPLIMIENTO DE LA GESTIÓN»: the mean of the metas'
    /// uncapped percentages, as the form reports it (0,91 / 0,85 → 107,06 %).
    pub total: Option<Decimal>,
    /// Budget at the close of the year (each unit's latest line up to December).
    pub presupuesto: Option<FilaPresupuesto>,
    pub avisos: Vec<Warning>,
}

/// The computed sections of an entity's report for the plan's year.
/// `institucion` lists the units whose targets are the institution's own
/// (empty: the `gobernante` ones). A figure no decimal holds is an input
/// error (see [`super::comprobar`], which names the row).
pub(crate) fn rendicion(
    ds: &Dataset,
    entidad: Entidad,
    nombre: String,
    institucion: &[usize],
) -> Result<Rendicion, Error> {
    super::comprobar(ds)?;
    let units = ds.unidades_programaticas(entidad, institucion);
    let mut indicadores: Vec<usize> = (0..ds.indicadores.len())
        .filter(|i| units.contains(&ds.indicadores[*i].unidad) && ds.indicadores[*i].tiene_metas())
        .collect();
    // Group by unit, then objective, keeping the order of `metas`.
    let key = |i: &usize| {
        let ind = &ds.indicadores[*i];
        let first = indicadores_first(ds, ind);
        (units.iter().position(|u| *u == ind.unidad), first)
    };
    indicadores.sort_by_key(key);
    let mut avisos = Vec::new();
    let metas: Vec<MetaPoa> = indicadores
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let ind = &ds.indicadores[i];
            let anual = anual(ind)?;
            if anual.suma_por_omision {
                avisos.push(Warning::new(
                    "suma por omisión",
                    ind.origen.clone(),
                    format!("«{}»: la meta y el resultado del año se suman por omisión; si es un saldo (afiliados, reservas, salario promedio) indique agregacion_anual = ultimo o promedio", ind.nombre),
                ));
            }
            if !anual.sin_resultado.is_empty() {
                let meses: Vec<&str> = anual.sin_resultado.iter().map(|m| MESES[*m as usize - 1]).collect();
                avisos.push(Warning::new(
                    "resultado anual incompleto",
                    ind.origen.clone(),
                    format!("«{}»: sin resultado en {}; el total del año se calcula con los meses reportados", ind.nombre, meses.join(", ")),
                ));
            }
            Ok(MetaPoa { indicador: i, numero: n + 1, anual })
        })
        .collect::<Result<_, Desborde>>()
        .map_err(|_| super::desborde("la meta o el resultado del año"))?;
    let total = rules::mean(metas.iter().filter_map(|m| m.anual.cumplimiento))
        .map_err(|_| super::desborde("el total de cumplimiento de la gestión"))?;
    let presupuesto = presupuesto_de(ds, 12, &ds.unidades_de(entidad))
        .map_err(|_| super::desborde("la suma del presupuesto"))?;
    Ok(Rendicion {
        entidad,
        nombre,
        metas,
        total,
        presupuesto,
        avisos,
    })
}

/// Position of the first indicator of the same unit and objective: groups a
/// unit's indicators by objective in order of first appearance.
fn indicadores_first(ds: &Dataset, ind: &Indicador) -> usize {
    ds.indicadores
        .iter()
        .position(|o| o.unidad == ind.unidad && o.objetivo == ind.objetivo)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::model::{Comportamiento, Medida, Periodicidad, Resultado, Sentido};
    use rust_decimal_macros::dec;

    fn ind(
        medida: Medida,
        comp: Comportamiento,
        metas: &[(usize, Decimal)],
        reales: &[(usize, Decimal)],
    ) -> Indicador {
        let mut m: Serie = [None; 12];
        for (k, v) in metas {
            m[k - 1] = Some(*v);
        }
        let mut r: [Option<Box<Resultado>>; 12] = Default::default();
        for (k, v) in reales {
            r[k - 1] = Some(Box::new(Resultado {
                valor: *v,
                observacion: None,
                medio_verificacion: None,
                origen: Location::default(),
            }));
        }
        Indicador {
            unidad: 0,
            objetivo: "o".into(),
            codigo: None,
            nombre: "i".into(),
            medida,
            sentido: Sentido::Creciente,
            comportamiento: comp,
            periodicidad: Periodicidad::Mensual,
            metas: m,
            agregacion: None,
            meta_anual: None,
            meta_cuantificable: None,
            numero_meta: None,
            resultados: r,
            origen: Location::default(),
        }
    }

    #[test]
    fn seed_annual_figure_0_91_over_0_85() {
        let i = ind(
            Medida::Porcentaje,
            Comportamiento::Continuo,
            &[(6, dec!(0.5)), (12, dec!(0.85))],
            &[(6, dec!(0.4)), (12, dec!(0.91))],
        );
        let a = anual(&i).unwrap();
        assert_eq!(
            (a.meta, a.real, a.agregacion),
            (Some(dec!(0.85)), Some(dec!(0.91)), Agregacion::Ultimo)
        );
        assert_eq!(rules::round_pct(a.cumplimiento.unwrap()), dec!(107.06));
    }

    #[test]
    fn discrete_counts_add_up_and_are_flagged_as_defaulted_sums() {
        let i = ind(
            Medida::Numero,
            Comportamiento::Discreto,
            &[(3, dec!(10)), (6, dec!(10)), (9, dec!(10)), (12, dec!(10))],
            &[(3, dec!(9)), (6, dec!(11)), (9, dec!(10))],
        );
        let a = anual(&i).unwrap();
        assert_eq!((a.meta, a.real), (Some(dec!(40)), Some(dec!(30))));
        assert!(a.suma_por_omision);
        assert_eq!(a.sin_resultado, vec![12]);
        assert_eq!(a.cumplimiento, Some(dec!(75)));
    }

    #[test]
    fn discrete_percentages_average_and_the_annual_target_wins() {
        let mut i = ind(
            Medida::Porcentaje,
            Comportamiento::Discreto,
            &[(6, dec!(0.8)), (12, dec!(0.9))],
            &[(6, dec!(0.8)), (12, dec!(1.0))],
        );
        let a = anual(&i).unwrap();
        assert_eq!(
            (a.meta, a.real, a.agregacion),
            (Some(dec!(0.85)), Some(dec!(0.9)), Agregacion::Promedio)
        );
        i.meta_anual = Some(dec!(0.9));
        assert_eq!(anual(&i).unwrap().cumplimiento, Some(dec!(100)));
        i.agregacion = Some(Agregacion::Ultimo);
        assert_eq!(anual(&i).unwrap().real, Some(dec!(1.0)));
    }
}
