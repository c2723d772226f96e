//! The CPCCS «Formulario de Informe de Rendición de Cuentas», as data: the
//! sections that are answered (read from the `rendicion` workbook, one sheet
//! per section) with their columns, fixed rows and rules. The same table
//! drives the reader, the template workbook and the rendered report.

/// What a column holds, which decides how it is read, checked and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tipo {
    /// The label of a fixed row (`VEEDURÍAS CIUDADANAS`), written by the form.
    Etiqueta,
    Texto,
    /// `SI` or `NO`.
    SiNo,
    /// A link to the evidence: `https://…`, or `NO APLICA`.
    Enlace,
    /// A count.
    Entero,
    /// US dollars.
    Monto,
    /// Percentage points (`60`, `60 %`).
    Porcentaje,
    Fecha,
}

/// A column of an answered section.
#[derive(Clone, Copy, Debug)]
pub struct Columna {
    /// Header of the sheet (and key).
    pub clave: &'static str,
    /// Header as the form prints it.
    pub titulo: &'static str,
    /// The form's upper header when it groups columns (two-row headers).
    pub grupo: Option<&'static str>,
    pub tipo: Tipo,
    pub obligatoria: bool,
    /// What the form prints when the answer is empty.
    pub vacio: &'static str,
}

const fn c(clave: &'static str, titulo: &'static str, tipo: Tipo) -> Columna {
    let vacio = match tipo {
        Tipo::Enlace => "NO APLICA",
        Tipo::Entero | Tipo::Monto | Tipo::Porcentaje => "0",
        _ => "",
    };
    Columna {
        clave,
        titulo,
        grupo: None,
        tipo,
        obligatoria: false,
        vacio,
    }
}

const fn req(col: Columna) -> Columna {
    Columna {
        obligatoria: true,
        ..col
    }
}

const fn en(grupo: &'static str, col: Columna) -> Columna {
    Columna {
        grupo: Some(grupo),
        ..col
    }
}

const fn sn(col: Columna) -> Columna {
    Columna {
        vacio: "S/N",
        ..col
    }
}

/// A check across the columns of a row.
#[derive(Clone, Copy, Debug)]
pub enum Regla {
    /// The parts add up to the total (attendees by gender = attendees).
    Suma {
        total: &'static str,
        partes: &'static [&'static str],
    },
    /// The parts add up to at most 100 (percentages of one budget).
    Hasta100 { partes: &'static [&'static str] },
    /// With `SI` the link is required and a URL; with `NO` it is empty or `NO APLICA`.
    EnlaceSegun {
        si_no: &'static str,
        enlace: &'static str,
    },
    /// With `SI` the count is at least 1; with `NO` it is 0 or empty.
    NumeroSegun {
        si_no: &'static str,
        numero: &'static str,
    },
}

/// How a section is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forma {
    /// One answer per entity, printed as label / value pairs.
    Ficha,
    /// Rows under column headers.
    Tabla,
}

/// An answered section of the form.
#[derive(Clone, Copy, Debug)]
pub struct Seccion {
    /// Sheet name in the `rendicion` workbook.
    pub clave: &'static str,
    /// Title as the form prints it.
    pub titulo: &'static str,
    pub forma: Forma,
    pub columnas: &'static [Columna],
    /// Values of the label columns of the rows the form always prints.
    pub filas_fijas: &'static [&'static [&'static str]],
    pub reglas: &'static [Regla],
}

impl Seccion {
    /// The section with a sheet name, if any.
    pub fn por_clave(clave: &str) -> Option<&'static Seccion> {
        SECCIONES.iter().find(|s| s.clave == clave)
    }

    pub fn columna(&self, clave: &str) -> Option<&'static Columna> {
        self.columnas.iter().find(|c| c.clave == clave)
    }
}

mod secciones;

pub(crate) use secciones::SECCIONES;

/// The optional sheet that describes the management of each computed meta
/// (column «DESCRIPCIÓN DE LA GESTIÓN POR META»).
pub(crate) const GESTION_METAS: &str = "gestion_metas";

/// The section that only gives the link of the budget execution: the
/// computed «CUMPLIMIENTO DE LA EJECUCIÓN PRESUPUESTARIA» prints it, so it is
/// never printed on its own. Its other columns are the form's (a copy of
/// the filled form may carry them) and are read but not used: the figures
/// come from `presupuesto`.
pub(crate) const ENLACE_PRESUPUESTO: &str = "ejecucion_presupuestaria";

/// The form's titles of the computed sections, as a copy of the filled form
/// names them: the programmatic one carries the «DESCRIPCIÓN DE LA GESTIÓN
/// POR META» (read like `gestion_metas`); the institutional budget is all
/// computed.
pub(crate) const TITULO_PROGRAMATICA: &str = "CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA";
/// See [`TITULO_PROGRAMATICA`].
pub(crate) const TITULO_INSTITUCIONAL: &str = "PRESUPUESTO INSTITUCIONAL";

/// Sections printed after which the computed ones go, in the form's order:
/// the programmatic and budget sections come after `planificacion`.
pub(crate) const ANTES_DE_CALCULADAS: &str = "planificacion";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rows_fill_exactly_the_label_columns() {
        for s in SECCIONES {
            let labels = s
                .columnas
                .iter()
                .filter(|c| c.tipo == Tipo::Etiqueta)
                .count();
            for f in s.filas_fijas {
                assert_eq!(f.len(), labels, "{}", s.clave);
            }
            for r in s.reglas {
                let keys: Vec<&str> = match r {
                    Regla::Suma { total, partes } => {
                        partes.iter().copied().chain([*total]).collect()
                    }
                    Regla::Hasta100 { partes } => partes.to_vec(),
                    Regla::EnlaceSegun { si_no, enlace } => vec![si_no, enlace],
                    Regla::NumeroSegun { si_no, numero } => vec![si_no, numero],
                };
                for k in keys {
                    assert!(s.columna(k).is_some(), "{}: {k}", s.clave);
                }
            }
        }
    }

    #[test]
    fn sheet_names_are_unique_and_valid() {
        let mut keys: Vec<&str> = SECCIONES.iter().map(|s| s.clave).collect();
        keys.push(GESTION_METAS);
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert!(keys.iter().all(|k| k.len() <= 31));
    }
}
