//! The domain: units, indicators with their targets and results, budget lines.
//! Readers build a [`Dataset`]; the rules in `compute` read it; nothing else
//! changes it.

pub(crate) mod formulario;
pub mod numeral;
mod periodo;
mod provincia;
mod vocab;

use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::error::{Location, Warning};
use crate::text::fold_words;

pub use periodo::{MESES, MESES_CORTOS, Periodo, mes_desde_texto};
pub use provincia::Provincia;

/// The canonical names of the 24 provinces, in alphabetical order.
pub fn provincia_nombres() -> &'static [&'static str] {
    &provincia::NOMBRES
}
pub use vocab::{Agregacion, Comportamiento, Medida, Periodicidad, Proceso, Sentido, TipoGasto};

/// Twelve monthly values, January first; `None` where the month has no value.
pub type Serie = [Option<Decimal>; 12];

/// An administrative unit that plans targets and reports results.
#[derive(Clone, Debug)]
pub struct Unidad {
    pub nombre: String,
    pub proceso: Proceso,
    /// Required for `desconcentrado` units.
    pub provincia: Option<Provincia>,
    pub zona: Option<u8>,
    /// The first `metas` row that named the unit.
    pub origen: Location,
}

impl Unidad {
    /// A provincial head office (`Dirección Provincial …`), listed apart from
    /// its own provincial units.
    pub fn es_direccion_provincial(&self) -> bool {
        fold_words(&self.nombre).starts_with("direccion provincial")
    }
}

/// A result reported for one closing month.
#[derive(Clone, Debug)]
pub struct Resultado {
    /// In the indicator's unit; percentages as fractions (85 % = 0.85).
    pub valor: Decimal,
    pub observacion: Option<String>,
    pub medio_verificacion: Option<String>,
    pub origen: Location,
}

/// One indicator of one unit, with its targets and results of the year.
#[derive(Clone, Debug)]
pub struct Indicador {
    /// Index into [`Dataset::unidades`].
    pub unidad: usize,
    pub objetivo: String,
    pub codigo: Option<String>,
    pub nombre: String,
    pub medida: Medida,
    pub sentido: Sentido,
    pub comportamiento: Comportamiento,
    pub periodicidad: Periodicidad,
    /// Targets by closing month; percentages as fractions.
    pub metas: Serie,
    pub agregacion: Option<Agregacion>,
    pub meta_anual: Option<Decimal>,
    /// Text to publish instead of the derived target.
    pub meta_cuantificable: Option<String>,
    /// The institution's own number of the meta («NO. DE META» of the CPCCS
    /// form), when `metas` gives one.
    pub numero_meta: Option<String>,
    /// Results by closing month. Boxed: most months of most plans have
    /// none, and a result with its location is larger than the rest of
    /// the indicator.
    pub resultados: [Option<Box<Resultado>>; 12],
    /// The `metas` row.
    pub origen: Location,
}

impl Indicador {
    /// Whether any numeric target exists (otherwise it is published, not evaluated).
    pub fn tiene_metas(&self) -> bool {
        self.metas.iter().any(Option::is_some)
    }

    /// Closing months (1-based) that carry a target.
    pub fn meses_con_meta(&self) -> Vec<u8> {
        (1..=12u8)
            .filter(|m| self.metas[*m as usize - 1].is_some())
            .collect()
    }
}

/// A budget figure of one unit, kind and closing month.
#[derive(Clone, Debug)]
pub struct LineaPresupuesto {
    pub unidad: usize,
    pub mes: u8,
    pub tipo: TipoGasto,
    /// Current allocation, USD.
    pub codificado: Decimal,
    /// Executed since January, USD.
    pub devengado: Decimal,
    pub origen: Location,
}

/// Who an accountability report is for: the institution, or a province or
/// unit that reports on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entidad {
    Institucion,
    Provincia(Provincia),
    /// Index into [`Dataset::unidades`].
    Unidad(usize),
}

/// An input file that was read, for the run summary and the manifest.
#[derive(Clone, Debug)]
pub struct ArchivoEntrada {
    pub ruta: PathBuf,
    /// Name relative to the inputs folder.
    pub nombre: String,
}

/// Everything read from the inputs, validated.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub anio: i32,
    /// In the order of `metas`.
    pub unidades: Vec<Unidad>,
    /// In the order of `metas`.
    pub indicadores: Vec<Indicador>,
    pub presupuesto: Vec<LineaPresupuesto>,
    /// Warnings found while reading.
    pub avisos: Vec<Warning>,
    pub archivos: Vec<ArchivoEntrada>,
}

impl Dataset {
    /// The indicators of each unit, in the order of `metas`: `[u]` lists the
    /// indexes into `indicadores` of unit `u`. Built once where every unit's
    /// rows are needed, so that is one pass and not one per unit.
    pub fn indicadores_por_unidad(&self) -> Vec<Vec<usize>> {
        let mut por_unidad = vec![Vec::new(); self.unidades.len()];
        for (i, ind) in self.indicadores.iter().enumerate() {
            por_unidad[ind.unidad].push(i);
        }
        por_unidad
    }

    /// Every unit an entity covers (its budget is theirs): all units for the
    /// institution, the units of a province, or the unit itself.
    pub fn unidades_de(&self, e: Entidad) -> Vec<usize> {
        match e {
            Entidad::Institucion => (0..self.unidades.len()).collect(),
            Entidad::Provincia(p) => (0..self.unidades.len())
                .filter(|u| self.unidades[*u].provincia == Some(p))
                .collect(),
            Entidad::Unidad(u) => vec![u],
        }
    }

    /// The units whose targets are an entity's own plan (the «ejecución
    /// programática» of its accountability report): the given institutional
    /// units (default: those of process level `gobernante`); a province's
    /// Dirección Provincial (its units repeat its indicators), or all its
    /// units when it has none; the unit itself.
    pub fn unidades_programaticas(&self, e: Entidad, institucion: &[usize]) -> Vec<usize> {
        match e {
            Entidad::Institucion if !institucion.is_empty() => institucion.to_vec(),
            Entidad::Institucion => (0..self.unidades.len())
                .filter(|u| self.unidades[*u].proceso == Proceso::Gobernante)
                .collect(),
            Entidad::Provincia(_) => {
                let all = self.unidades_de(e);
                let dp: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|u| self.unidades[*u].es_direccion_provincial())
                    .collect();
                if dp.is_empty() { all } else { dp }
            }
            Entidad::Unidad(u) => vec![u],
        }
    }

    /// The name an entity goes by in its report.
    pub fn nombre_entidad(&self, e: Entidad, institucion: &str) -> String {
        match e {
            Entidad::Institucion => institucion.to_string(),
            Entidad::Provincia(p) => format!("Provincia de {}", p.nombre()),
            Entidad::Unidad(u) => self.unidades[u].nombre.clone(),
        }
    }

    /// Provinces that have at least one unit, in alphabetical order.
    pub fn provincias(&self) -> Vec<Provincia> {
        let mut v: Vec<Provincia> = self.unidades.iter().filter_map(|u| u.provincia).collect();
        v.sort();
        v.dedup();
        v
    }
}
