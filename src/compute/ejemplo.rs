//! Small datasets for the rules' unit tests: units and indicators built in
//! a line each.

use rust_decimal::Decimal;

use crate::config::Config;
use crate::error::Location;
use crate::model::{
    Comportamiento, Dataset, Indicador, Medida, Periodicidad, Proceso, Provincia, Resultado,
    Sentido, Serie, Unidad,
};

pub(crate) fn config() -> Config {
    Config::parse(
        "anio = 2025\n[institucion]\nnombre = \"Instituto de Prueba\"\nsiglas = \"IP\"\n",
        "lotaip.toml",
    )
    .expect("a valid configuration")
}

pub(crate) fn azuay() -> Provincia {
    Provincia::parse("Azuay").expect("a province")
}

pub(crate) fn unidad(nombre: &str, provincia: Option<Provincia>) -> Unidad {
    Unidad {
        nombre: nombre.into(),
        proceso: if provincia.is_some() {
            Proceso::Desconcentrado
        } else {
            Proceso::Gobernante
        },
        provincia,
        zona: None,
        origen: Location::default(),
    }
}

/// A monthly count of `unidad` with the given targets and results by month.
pub(crate) fn indicador(
    unidad: usize,
    nombre: &str,
    metas: &[(usize, i64)],
    reales: &[(usize, i64)],
) -> Indicador {
    let mut m: Serie = [None; 12];
    for (k, v) in metas {
        m[k - 1] = Some(Decimal::from(*v));
    }
    let mut r: [Option<Box<Resultado>>; 12] = Default::default();
    for (k, v) in reales {
        r[k - 1] = Some(Box::new(Resultado {
            valor: Decimal::from(*v),
            observacion: None,
            medio_verificacion: None,
            origen: Location::default(),
        }));
    }
    Indicador {
        unidad,
        objetivo: "Objetivo".into(),
        codigo: None,
        nombre: nombre.into(),
        medida: Medida::Numero,
        sentido: Sentido::Creciente,
        comportamiento: Comportamiento::Discreto,
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

pub(crate) fn dataset(unidades: Vec<Unidad>, indicadores: Vec<Indicador>) -> Dataset {
    Dataset {
        anio: 2025,
        unidades,
        indicadores,
        ..Dataset::default()
    }
}
