//! The arithmetic rules of SPEC section 2, each a small pure function.
//! Nothing else in the program re-implements them.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::config::Umbrales;
use crate::model::{Agregacion, Comportamiento, Medida, Sentido, Serie};

/// An operation whose exact result no decimal holds (beyond about
/// 7,9 × 10^28): SPEC 2 makes it an input error naming its cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Desborde;

/// `a × b`, checked.
pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Desborde> {
    a.checked_mul(b).ok_or(Desborde)
}

/// `a ÷ b` for a non-zero `b`, checked.
pub(crate) fn div(a: Decimal, b: Decimal) -> Result<Decimal, Desborde> {
    a.checked_div(b).ok_or(Desborde)
}

/// The sum of some values, checked.
pub(crate) fn suma(values: impl IntoIterator<Item = Decimal>) -> Result<Decimal, Desborde> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |s, v| s.checked_add(v).ok_or(Desborde))
}

/// A flag raised by the cumplimiento rule on a degenerate division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Marca {
    #[serde(rename = "meta cero")]
    MetaCero,
    #[serde(rename = "real cero")]
    RealCero,
}

impl Marca {
    pub fn nombre(self) -> &'static str {
        match self {
            Marca::MetaCero => "meta cero",
            Marca::RealCero => "real cero",
        }
    }
}

/// SPEC 2.2: cumplimiento of one indicator in percentage points, exact and
/// uncapped (it may exceed 100).
///
/// - `creciente`: real / meta × 100; meta 0 gives 100 when real ≥ 0 (flag `meta cero`), 0 otherwise.
/// - `decreciente`: meta / real × 100; real 0 gives 100 (flag `real cero`);
///   meta 0 with real > 0 gives 0 (flag `meta cero`).
///
/// A quotient past what a decimal holds (a target of 10^-20) is [`Desborde`].
pub(crate) fn cumplimiento(
    meta: Decimal,
    real: Decimal,
    sentido: Sentido,
) -> Result<(Decimal, Option<Marca>), Desborde> {
    let cien = Decimal::ONE_HUNDRED;
    Ok(match sentido {
        Sentido::Creciente => {
            if meta.is_zero() {
                let v = if real.is_sign_negative() && !real.is_zero() {
                    Decimal::ZERO
                } else {
                    cien
                };
                (v, Some(Marca::MetaCero))
            } else {
                (div(mul(real, cien)?, meta)?, None)
            }
        }
        Sentido::Decreciente => {
            if real.is_zero() {
                (cien, Some(Marca::RealCero))
            } else if meta.is_zero() {
                (Decimal::ZERO, Some(Marca::MetaCero))
            } else {
                (div(mul(meta, cien)?, real)?, None)
            }
        }
    })
}

/// The semáforo colour of a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semaforo {
    Verde,
    Amarillo,
    Rojo,
}

impl Semaforo {
    pub fn nombre(self) -> &'static str {
        match self {
            Semaforo::Verde => "verde",
            Semaforo::Amarillo => "amarillo",
            Semaforo::Rojo => "rojo",
        }
    }
}

/// SPEC 2.3: `verde` at or above the green threshold, `amarillo` at or above
/// the yellow one, `rojo` below; judged on the figure as shown (two
/// decimals, SPEC 2), since a reader who sees 85,00 % can only expect verde.
pub(crate) fn semaforo(pct: Decimal, umbrales: &Umbrales) -> Semaforo {
    let pct = round_pct(pct);
    if pct >= umbrales.verde {
        Semaforo::Verde
    } else if pct >= umbrales.amarillo {
        Semaforo::Amarillo
    } else {
        Semaforo::Rojo
    }
}

/// SPEC 2.3: aggregates average percentages clamped to 0–100.
pub(crate) fn clamp_pct(pct: Decimal) -> Decimal {
    pct.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
}

/// SPEC 2: the shown form of a percentage: 2 decimals, half away from zero.
pub(crate) fn round_pct(pct: Decimal) -> Decimal {
    pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Arithmetic mean; `None` for no values. Clamped percentages never
/// overflow; uncapped ones (the accountability form's total) may.
pub(crate) fn mean(values: impl IntoIterator<Item = Decimal>) -> Result<Option<Decimal>, Desborde> {
    let mut n = 0u64;
    let sum = suma(values.into_iter().inspect(|_| n += 1))?;
    if n == 0 {
        return Ok(None);
    }
    div(sum, Decimal::from(n)).map(Some)
}

/// SPEC 2.3: budget execution devengado / codificado × 100; 0 and flagged
/// when codificado is 0.
pub(crate) fn ejecucion(
    codificado: Decimal,
    devengado: Decimal,
) -> Result<(Decimal, bool), Desborde> {
    if codificado.is_zero() {
        Ok((Decimal::ZERO, true))
    } else {
        Ok((
            div(mul(devengado, Decimal::ONE_HUNDRED)?, codificado)?,
            false,
        ))
    }
}

/// SPEC 2.1: the latest closing month `k ≤ mes` that has a target.
pub(crate) fn periodo_evaluado(metas: &Serie, mes: u8) -> Option<u8> {
    (1..=mes.min(12))
        .rev()
        .find(|k| metas[*k as usize - 1].is_some())
}

/// SPEC 1.1: the target the Literal a4 matrix publishes when no
/// `meta_cuantificable` is given: the latest closed period's (as of `mes`),
/// or the first period's before any has closed; never a sum.
pub(crate) fn meta_publicada(metas: &Serie, mes: u8) -> Option<(u8, Decimal)> {
    let k = periodo_evaluado(metas, mes)
        .or_else(|| (1..=12u8).find(|k| metas[*k as usize - 1].is_some()))?;
    metas[k as usize - 1].map(|v| (k, v))
}

/// SPEC 2.4: the default way of making the year's figure. Returns the rule
/// and whether it was a default `suma` (listed as a warning: wrong for stocks).
pub(crate) fn agregacion_anual(
    given: Option<Agregacion>,
    comportamiento: Comportamiento,
    medida: Medida,
) -> (Agregacion, bool) {
    if let Some(a) = given {
        return (a, false);
    }
    match comportamiento {
        Comportamiento::Continuo => (Agregacion::Ultimo, false),
        Comportamiento::Discreto => match medida {
            Medida::Porcentaje | Medida::Tiempo | Medida::Indice => (Agregacion::Promedio, false),
            Medida::Numero | Medida::Monto => (Agregacion::Suma, true),
        },
    }
}

/// SPEC 2.4: the year's figure of a series over the given closing months.
/// `ultimo` takes the last month; `suma` and `promedio` the months present.
/// Returns `None` when no value is present (or the last one, for `ultimo`).
pub(crate) fn valor_anual(
    serie: &Serie,
    meses: &[u8],
    agregacion: Agregacion,
) -> Result<Option<Decimal>, Desborde> {
    let present: Vec<Decimal> = meses
        .iter()
        .filter_map(|m| serie[*m as usize - 1])
        .collect();
    Ok(match agregacion {
        Agregacion::Ultimo => meses.last().and_then(|m| serie[*m as usize - 1]),
        Agregacion::Suma if present.is_empty() => None,
        Agregacion::Suma => Some(suma(present)?),
        Agregacion::Promedio => mean(present)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn seed_figure_0_91_over_0_85_is_107_06() {
        let (pct, marca) = cumplimiento(dec!(0.85), dec!(0.91), Sentido::Creciente).unwrap();
        assert_eq!(round_pct(pct), dec!(107.06));
        assert_eq!(marca, None);
    }

    #[test]
    fn seed_budget_figure_is_91_13() {
        let (pct, cero) = ejecucion(dec!(18215009.19), dec!(16599214.93)).unwrap();
        assert_eq!(round_pct(pct), dec!(91.13));
        assert!(!cero);
    }

    #[test]
    fn creciente_zero_target() {
        assert_eq!(
            cumplimiento(dec!(0), dec!(5), Sentido::Creciente),
            Ok((dec!(100), Some(Marca::MetaCero)))
        );
        assert_eq!(
            cumplimiento(dec!(0), dec!(0), Sentido::Creciente),
            Ok((dec!(100), Some(Marca::MetaCero)))
        );
        assert_eq!(
            cumplimiento(dec!(0), dec!(-3), Sentido::Creciente),
            Ok((dec!(0), Some(Marca::MetaCero)))
        );
    }

    #[test]
    fn decreciente_rules() {
        // Lower is better: target 10 days, took 8 → 125 %.
        assert_eq!(
            cumplimiento(dec!(10), dec!(8), Sentido::Decreciente)
                .unwrap()
                .0,
            dec!(125)
        );
        assert_eq!(
            cumplimiento(dec!(10), dec!(0), Sentido::Decreciente),
            Ok((dec!(100), Some(Marca::RealCero)))
        );
        assert_eq!(
            cumplimiento(dec!(0), dec!(0), Sentido::Decreciente),
            Ok((dec!(100), Some(Marca::RealCero)))
        );
        assert_eq!(
            cumplimiento(dec!(0), dec!(2), Sentido::Decreciente),
            Ok((dec!(0), Some(Marca::MetaCero)))
        );
    }

    #[test]
    fn cumplimiento_is_uncapped_and_exact() {
        let (pct, _) = cumplimiento(dec!(3), dec!(4), Sentido::Creciente).unwrap();
        assert!(pct > dec!(133.3333333333) && pct < dec!(133.3333333334));
        assert_eq!(round_pct(pct), dec!(133.33));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_pct(dec!(84.995)), dec!(85.00));
        assert_eq!(round_pct(dec!(-1.005)), dec!(-1.01));
    }

    #[test]
    fn the_colour_follows_the_figure_as_shown() {
        let u = Umbrales::default();
        // 84,996 % and 84,995 % show as 85,00 %: verde, as the legend says.
        assert_eq!(semaforo(dec!(84.996), &u), Semaforo::Verde);
        assert_eq!(semaforo(dec!(84.995), &u), Semaforo::Verde);
        // 84,994 % shows as 84,99 %: amarillo.
        assert_eq!(semaforo(dec!(84.994), &u), Semaforo::Amarillo);
        assert_eq!(semaforo(dec!(85), &u), Semaforo::Verde);
        assert_eq!(semaforo(dec!(70), &u), Semaforo::Amarillo);
        assert_eq!(semaforo(dec!(69.995), &u), Semaforo::Amarillo);
        assert_eq!(semaforo(dec!(69.994), &u), Semaforo::Rojo);
        // Thresholds with more decimals than shown still compare the shown figure.
        let fino = Umbrales {
            verde: dec!(84.999),
            amarillo: dec!(70),
        };
        assert_eq!(semaforo(dec!(84.996), &fino), Semaforo::Verde);
        assert_eq!(semaforo(dec!(84.990), &fino), Semaforo::Amarillo);
    }

    #[test]
    fn aggregates_clamp_to_0_100() {
        assert_eq!(
            mean([dec!(150), dec!(50)].map(clamp_pct)),
            Ok(Some(dec!(75)))
        );
        assert_eq!(mean(Vec::new()), Ok(None));
    }

    #[test]
    fn quotients_no_decimal_holds_are_overflows_not_panics() {
        let tiny = Decimal::new(1, 28);
        let huge = Decimal::from(1_000_000_000_000_000i64);
        assert_eq!(cumplimiento(tiny, huge, Sentido::Creciente), Err(Desborde));
        assert_eq!(
            cumplimiento(huge, tiny, Sentido::Decreciente),
            Err(Desborde)
        );
        assert_eq!(ejecucion(tiny, huge), Err(Desborde));
        assert_eq!(mean([Decimal::MAX, Decimal::MAX]), Err(Desborde));
        assert_eq!(suma([Decimal::MAX, Decimal::ONE]), Err(Desborde));
        // The largest inputs the readers admit still compute exactly.
        assert!(cumplimiento(Decimal::ONE, huge, Sentido::Creciente).is_ok());
    }

    #[test]
    fn budget_with_zero_allocation_is_zero_and_flagged() {
        assert_eq!(ejecucion(dec!(0), dec!(10)), Ok((dec!(0), true)));
    }

    #[test]
    fn evaluated_period_is_the_latest_closed_with_target() {
        let mut quarterly: Serie = [None; 12];
        for m in [3, 6, 9, 12] {
            quarterly[m - 1] = Some(dec!(1));
        }
        assert_eq!(periodo_evaluado(&quarterly, 2), None);
        assert_eq!(periodo_evaluado(&quarterly, 3), Some(3));
        assert_eq!(periodo_evaluado(&quarterly, 8), Some(6));
        assert_eq!(periodo_evaluado(&quarterly, 12), Some(12));
    }

    #[test]
    fn published_target_is_the_latest_closed_or_the_first() {
        let mut s: Serie = [None; 12];
        s[2] = Some(dec!(0.2));
        s[5] = Some(dec!(0.5));
        s[11] = Some(dec!(1));
        assert_eq!(meta_publicada(&s, 1), Some((3, dec!(0.2))));
        assert_eq!(meta_publicada(&s, 7), Some((6, dec!(0.5))));
        assert_eq!(meta_publicada(&s, 12), Some((12, dec!(1))));
        assert_eq!(meta_publicada(&[None; 12], 12), None);
    }

    #[test]
    fn year_aggregation_defaults() {
        use Comportamiento::*;
        assert_eq!(
            agregacion_anual(None, Continuo, Medida::Numero),
            (Agregacion::Ultimo, false)
        );
        assert_eq!(
            agregacion_anual(None, Discreto, Medida::Porcentaje),
            (Agregacion::Promedio, false)
        );
        assert_eq!(
            agregacion_anual(None, Discreto, Medida::Tiempo),
            (Agregacion::Promedio, false)
        );
        assert_eq!(
            agregacion_anual(None, Discreto, Medida::Monto),
            (Agregacion::Suma, true)
        );
        assert_eq!(
            agregacion_anual(Some(Agregacion::Ultimo), Discreto, Medida::Numero),
            (Agregacion::Ultimo, false)
        );
    }

    #[test]
    fn year_values() {
        let mut s: Serie = [None; 12];
        s[2] = Some(dec!(10));
        s[5] = Some(dec!(20));
        s[8] = Some(dec!(30));
        let meses = [3, 6, 9, 12];
        assert_eq!(
            valor_anual(&s, &meses, Agregacion::Suma),
            Ok(Some(dec!(60)))
        );
        assert_eq!(
            valor_anual(&s, &meses, Agregacion::Promedio),
            Ok(Some(dec!(20)))
        );
        assert_eq!(valor_anual(&s, &meses, Agregacion::Ultimo), Ok(None));
        assert_eq!(
            valor_anual(&s, &meses[..3], Agregacion::Ultimo),
            Ok(Some(dec!(30)))
        );
    }
}
