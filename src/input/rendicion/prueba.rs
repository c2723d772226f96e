//! Rows of the form built in unit tests.

use rust_decimal::Decimal;

use super::{Fila, Valor};
use crate::error::Location;
use crate::model::formulario::{SECCIONES, Seccion};

/// A row of section `clave` with the given values, the rest empty.
pub(super) fn fila(clave: &str, valores: &[(&str, Valor)]) -> (&'static Seccion, Fila) {
    let s = SECCIONES
        .iter()
        .find(|s| s.clave == clave)
        .expect("a section");
    let mut v = vec![Valor::Vacio; s.columnas.len()];
    for (k, val) in valores {
        let i = s
            .columnas
            .iter()
            .position(|c| c.clave == *k)
            .expect("a column");
        v[i] = val.clone();
    }
    (
        s,
        Fila {
            valores: v,
            origen: Location::default(),
        },
    )
}

/// A whole number as an answer.
pub(super) fn n(v: i64) -> Valor {
    Valor::Numero(Decimal::from(v))
}
