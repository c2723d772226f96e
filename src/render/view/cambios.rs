//! What changed since the previous month's publication: indicators added or
//! removed, targets changed, results revised. Shown in the run summary and
//! in the «Cambios» sheet of the cumplimiento workbook.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cifras::{Cifras, CifrasIndicador};
use crate::model::{MESES, Medida};

/// The comparison with the previous publication, or why there is none.
#[derive(Clone, Debug, Default)]
pub enum Cambios {
    /// Nothing was compared (a run that does not publish).
    #[default]
    NoComparado,
    /// No previous publication to compare with; the text says why.
    SinAnterior(String),
    /// Compared with the publication of `anterior` (`2025-05`).
    Comparado {
        anterior: String,
        /// `mayo de 2025`.
        anterior_nombre: String,
        cambios: Vec<Cambio>,
    },
}

/// The kind of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TipoCambio {
    IndicadorNuevo,
    IndicadorRetirado,
    MetaModificada,
    ResultadoRevisado,
}

impl TipoCambio {
    pub fn nombre(self) -> &'static str {
        match self {
            TipoCambio::IndicadorNuevo => "indicador nuevo",
            TipoCambio::IndicadorRetirado => "indicador retirado",
            TipoCambio::MetaModificada => "meta modificada",
            TipoCambio::ResultadoRevisado => "resultado revisado",
        }
    }
}

/// One change: an indicator added or removed, or one month's target or result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cambio {
    pub tipo: TipoCambio,
    pub unidad: String,
    pub codigo: String,
    pub indicador: String,
    pub medida: Medida,
    /// The month (1–12) of a target or result.
    pub mes: Option<u8>,
    pub antes: Option<Decimal>,
    pub ahora: Option<Decimal>,
}

impl Cambio {
    /// `junio`, or empty.
    pub fn mes_nombre(&self) -> &'static str {
        self.mes.map_or("", |m| MESES[m as usize - 1])
    }
}

/// Counts for the run summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Conteo {
    pub nuevos: usize,
    pub retirados: usize,
    /// Indicators with at least one changed target, and the values changed.
    pub con_metas_modificadas: usize,
    pub metas: usize,
    /// Indicators with at least one revised result, and the values revised.
    pub con_resultados_revisados: usize,
    pub resultados: usize,
}

impl Cambios {
    /// The changes found (none when nothing was compared).
    pub fn lista(&self) -> &[Cambio] {
        match self {
            Cambios::Comparado { cambios, .. } => cambios,
            _ => &[],
        }
    }

    pub fn conteo(&self) -> Conteo {
        let mut c = Conteo::default();
        let mut metas = std::collections::HashSet::new();
        let mut resultados = std::collections::HashSet::new();
        for x in self.lista() {
            let key = (&x.unidad, &x.codigo, &x.indicador);
            match x.tipo {
                TipoCambio::IndicadorNuevo => c.nuevos += 1,
                TipoCambio::IndicadorRetirado => c.retirados += 1,
                TipoCambio::MetaModificada => {
                    c.metas += 1;
                    metas.insert(key);
                }
                TipoCambio::ResultadoRevisado => {
                    c.resultados += 1;
                    resultados.insert(key);
                }
            }
        }
        c.con_metas_modificadas = metas.len();
        c.con_resultados_revisados = resultados.len();
        c
    }
}

/// Compares the previous publication's figures with this month's. Indicators
/// match by unit + code + name. A target counts as changed in any month; a
/// result as revised when the previous publication had one for that month,
/// or when the month had already been published (it arrived late).
pub(crate) fn comparar(antes: &Cifras, ahora: &Cifras) -> Vec<Cambio> {
    let mes_anterior: u8 = antes
        .periodo
        .get(5..7)
        .and_then(|m| m.parse().ok())
        .unwrap_or(12);
    let previas: HashMap<_, &CifrasIndicador> =
        antes.indicadores.iter().map(|i| (i.clave(), i)).collect();
    let actuales: HashMap<_, &CifrasIndicador> =
        ahora.indicadores.iter().map(|i| (i.clave(), i)).collect();
    let base = |tipo, i: &CifrasIndicador| Cambio {
        tipo,
        unidad: i.unidad.clone(),
        codigo: i.codigo.clone(),
        indicador: i.indicador.clone(),
        medida: Medida::parse(&i.medida).unwrap_or(Medida::Numero),
        mes: None,
        antes: None,
        ahora: None,
    };
    let mut out = Vec::new();
    for i in &ahora.indicadores {
        let Some(p) = previas.get(&i.clave()) else {
            out.push(base(TipoCambio::IndicadorNuevo, i));
            continue;
        };
        for m in 0..12 {
            if p.metas[m] != i.metas[m] {
                out.push(Cambio {
                    mes: Some(m as u8 + 1),
                    antes: p.metas[m],
                    ahora: i.metas[m],
                    ..base(TipoCambio::MetaModificada, i)
                });
            }
        }
        for m in 0..12 {
            let publicado = p.resultados[m].is_some() || m < mes_anterior as usize;
            if p.resultados[m] != i.resultados[m] && publicado {
                out.push(Cambio {
                    mes: Some(m as u8 + 1),
                    antes: p.resultados[m],
                    ahora: i.resultados[m],
                    ..base(TipoCambio::ResultadoRevisado, i)
                });
            }
        }
    }
    for p in &antes.indicadores {
        if !actuales.contains_key(&p.clave()) {
            out.push(base(TipoCambio::IndicadorRetirado, p));
        }
    }
    // Stable order: by kind, then in the order found (the order of `metas`).
    out.sort_by_key(|c| c.tipo);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn ind(codigo: &str, meta_jun: Decimal, real_may: Option<Decimal>) -> CifrasIndicador {
        let mut metas = [None; 12];
        metas[5] = Some(meta_jun);
        let mut resultados = [None; 12];
        resultados[4] = real_may;
        CifrasIndicador {
            unidad: "Dirección General".into(),
            codigo: codigo.into(),
            indicador: format!("Indicador {codigo}"),
            medida: "numero".into(),
            metas,
            resultados,
        }
    }

    fn cifras(periodo: &str, v: Vec<CifrasIndicador>) -> Cifras {
        Cifras {
            periodo: periodo.into(),
            indicadores: v,
        }
    }

    #[test]
    fn added_removed_target_changed_and_result_revised() {
        let antes = cifras(
            "2025-05",
            vec![
                ind("A", dec!(10), Some(dec!(5))),
                ind("B", dec!(10), None),
                ind("C", dec!(10), Some(dec!(7))),
            ],
        );
        let mut a = ind("A", dec!(12), Some(dec!(5)));
        a.resultados[5] = Some(dec!(11)); // June's result: new, not a revision
        let ahora = cifras(
            "2025-06",
            vec![
                a,
                ind("C", dec!(10), Some(dec!(8))),
                ind("D", dec!(1), None),
            ],
        );
        let c = comparar(&antes, &ahora);
        let kinds: Vec<(TipoCambio, &str, Option<u8>)> = c
            .iter()
            .map(|x| (x.tipo, x.codigo.as_str(), x.mes))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (TipoCambio::IndicadorNuevo, "D", None),
                (TipoCambio::IndicadorRetirado, "B", None),
                (TipoCambio::MetaModificada, "A", Some(6)),
                (TipoCambio::ResultadoRevisado, "C", Some(5)),
            ]
        );
        assert_eq!((c[3].antes, c[3].ahora), (Some(dec!(7)), Some(dec!(8))));
        let n = Cambios::Comparado {
            anterior: "2025-05".into(),
            anterior_nombre: "mayo de 2025".into(),
            cambios: c,
        }
        .conteo();
        assert_eq!((n.nuevos, n.retirados, n.metas, n.resultados), (1, 1, 1, 1));
    }

    #[test]
    fn a_late_result_for_a_published_month_is_a_revision() {
        let antes = cifras("2025-05", vec![ind("A", dec!(10), None)]);
        let ahora = cifras("2025-06", vec![ind("A", dec!(10), Some(dec!(9)))]);
        let c = comparar(&antes, &ahora);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].antes, c[0].ahora), (None, Some(dec!(9))));
    }

    #[test]
    fn the_same_figures_have_no_changes() {
        let a = cifras("2025-05", vec![ind("A", dec!(10), Some(dec!(5)))]);
        assert!(comparar(&a, &a).is_empty());
    }
}
