//! The figures of the inputs as each publication keeps them
//! (`cifras_AAAA-MM.json`): every indicator with its twelve targets and
//! twelve results. The CSV outputs carry only the evaluated month, so this is
//! what the next month compares against.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Periodo};

/// A publication's snapshot of the figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Cifras {
    /// `2025-06`.
    pub periodo: String,
    /// In the order of `metas`.
    pub indicadores: Vec<CifrasIndicador>,
}

/// One indicator: identified by unit + code + name (SPEC 1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CifrasIndicador {
    pub unidad: String,
    pub codigo: String,
    pub indicador: String,
    /// Canonical name of the measure (`porcentaje`, `monto`…).
    pub medida: String,
    /// Targets by closing month, January first; percentages as fractions.
    pub metas: [Option<Decimal>; 12],
    /// Results by closing month.
    pub resultados: [Option<Decimal>; 12],
}

impl CifrasIndicador {
    /// The identity used to match an indicator across months.
    pub(crate) fn clave(&self) -> (&str, &str, &str) {
        (&self.unidad, &self.codigo, &self.indicador)
    }
}

impl Cifras {
    /// The snapshot of a dataset for a report period.
    pub(crate) fn new(ds: &Dataset, periodo: Periodo) -> Cifras {
        Cifras {
            periodo: periodo.to_string(),
            indicadores: ds
                .indicadores
                .iter()
                .map(|i| CifrasIndicador {
                    unidad: ds.unidades[i.unidad].nombre.clone(),
                    codigo: i.codigo.clone().unwrap_or_default(),
                    indicador: i.nombre.clone(),
                    medida: i.medida.nombre().to_string(),
                    metas: i.metas,
                    resultados: std::array::from_fn(|m| {
                        i.resultados[m].as_ref().map(|r| r.valor.normalize())
                    }),
                })
                .map(|mut c| {
                    for v in c.metas.iter_mut().flatten() {
                        *v = v.normalize();
                    }
                    c
                })
                .collect(),
        }
    }

    /// The published JSON: one indicator per line, so that two months
    /// compare line by line with any diff tool.
    pub(crate) fn to_json(&self) -> Vec<u8> {
        let mut s = format!(
            "{{\n\"periodo\": {},\n\"indicadores\": [\n",
            serde_json::to_string(&self.periodo).expect("a string serialises")
        );
        for (n, i) in self.indicadores.iter().enumerate() {
            s.push_str(&serde_json::to_string(i).expect("figures serialise"));
            s.push_str(if n + 1 < self.indicadores.len() {
                ",\n"
            } else {
                "\n"
            });
        }
        s.push_str("]\n}\n");
        s.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_json_reads_back_and_keeps_one_indicator_per_line() {
        let mut metas = [None; 12];
        metas[5] = Some(dec!(0.85));
        let c = Cifras {
            periodo: "2025-06".into(),
            indicadores: vec![
                CifrasIndicador {
                    unidad: "Dirección General".into(),
                    codigo: "DG-1".into(),
                    indicador: "Porcentaje \"PAC\"".into(),
                    medida: "porcentaje".into(),
                    metas,
                    resultados: [None; 12],
                };
                2
            ],
        };
        let json = c.to_json();
        let text = String::from_utf8(json.clone()).unwrap();
        assert_eq!(text.lines().count(), 7, "{text}");
        assert!(text.contains(r#""metas":[null,null,null,null,null,"0.85","#));
        let back: Cifras = serde_json::from_slice(&json).unwrap();
        assert_eq!(back, c);
    }
}
