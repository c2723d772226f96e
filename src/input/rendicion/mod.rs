//! The `rendicion` workbook (SPEC 1.4): the answered sections of the CPCCS
//! form, one sheet per section, each row for the institution or for a province
//! or unit that reports on its own. Checked like every other input.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::fields::Fields;
use super::header::{Column, Schema, locate_with};
use super::sheet::{Cell, Sheet};
use super::{Kind, discover, table};
use crate::config::Config;
use crate::error::{Error, Location, Problems, Warning};
use crate::model::formulario::{Forma, GESTION_METAS, Regla, SECCIONES, Seccion, Tipo};
use crate::model::{Dataset, Entidad, Provincia};
use crate::text::{closest, fold_key, folds_to};

mod celdas;
mod entidad;
mod formulario;
mod gestion;
mod reglas;
mod verosimil;

#[cfg(test)]
mod prueba;

use celdas::{fixed_row, valor};
use entidad::entidad;
pub use entidad::entidades;
use formulario::{Destino, por_hoja};
use gestion::gestion;
use reglas::rules;

/// One answer as read and checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Valor {
    Vacio,
    Texto(String),
    SiNo(bool),
    /// A link written as `NO APLICA`.
    NoAplica,
    Enlace(String),
    Numero(Decimal),
    Fecha(NaiveDate),
}

/// A row of a section, values in the order of the section's columns.
#[derive(Clone, Debug)]
pub struct Fila {
    pub valores: Vec<Valor>,
    pub origen: Location,
}

impl Fila {
    /// The value of a column of the section.
    pub fn valor(&self, s: &Seccion, clave: &str) -> &Valor {
        s.columnas
            .iter()
            .position(|c| c.clave == clave)
            .map_or(&Valor::Vacio, |i| &self.valores[i])
    }
}

/// A description of the management of one computed meta.
#[derive(Clone, Debug)]
pub struct GestionMeta {
    pub entidad: Entidad,
    pub indicador: usize,
    pub texto: String,
}

/// Everything answered, by entity and section.
#[derive(Clone, Debug, Default)]
pub struct Respuestas {
    pub filas: BTreeMap<(Entidad, &'static str), Vec<Fila>>,
    pub gestion: Vec<GestionMeta>,
    pub avisos: Vec<Warning>,
}

impl Respuestas {
    /// Whether an entity left a printed section unanswered (the budget
    /// link is optional: without it the budget section says NO APLICA).
    pub fn sin_responder(&self, e: Entidad, s: &Seccion) -> bool {
        s.clave != crate::model::formulario::ENLACE_PRESUPUESTO && self.de(e, s.clave).is_empty()
    }

    /// The rows an entity answered in a section.
    pub fn de(&self, e: Entidad, seccion: &str) -> &[Fila] {
        self.filas
            .iter()
            .find(|((en, s), _)| *en == e && *s == seccion)
            .map_or(&[], |(_, v)| v)
    }
}

/// Reads the `rendicion` files of the inputs folder, if any.
pub fn load(dir: &Path, config: &Config, ds: &Dataset) -> Result<Respuestas, Error> {
    let (entidades, institucion) = entidades(config, ds)?;
    let files = discover(dir)?;
    let mut problems = Problems::default();
    let mut sheets: Vec<(String, Sheet)> = Vec::new();
    for path in files.of(Kind::Rendicion) {
        let nombre = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        let Some(read) = problems.absorb(table::read(path, &nombre)) else {
            continue;
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for s in read {
            // A CSV is one section, named after the file (`rendicion_fases.csv`).
            let key = s.name.clone().unwrap_or_else(|| {
                stem.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .to_string()
            });
            let key = fold_key(&key);
            let key = key
                .strip_prefix("rendicion")
                .filter(|k| !k.is_empty() && s.name.is_none())
                .map(str::to_string)
                .unwrap_or(key);
            sheets.push((key, s));
        }
    }
    problems.into_result(())?;
    read(&sheets, config, ds, &entidades, &institucion)
}

fn read(
    sheets: &[(String, Sheet)],
    config: &Config,
    ds: &Dataset,
    entidades: &[Entidad],
    institucion: &[usize],
) -> Result<Respuestas, Error> {
    let mut out = Respuestas::default();
    let mut problems = Problems::default();
    // Where each section was answered first: a second sheet or file for it
    // would merge two versions of the answers.
    let mut seen: HashMap<String, Location> = HashMap::new();
    let ctx = Lectura {
        config,
        ds,
        entidades,
        institucion,
    };
    for (key, sheet) in sheets {
        if sheet.rows.is_empty() {
            continue;
        }
        if sheet.hidden {
            problems.push(
                sheet.whole(),
                "la hoja está oculta y tiene respuestas: se publicarían sin que nadie las vea; muéstrela (clic derecho en las pestañas → Mostrar) o bórrela",
            );
            continue;
        }
        let by_name = por_hoja(key).or_else(|| sheet.name.as_deref().and_then(por_hoja));
        let blocks: Vec<(Option<Destino>, Sheet, bool)> = match formulario::bloques(sheet) {
            Some(b) => b
                .into_iter()
                .map(|b| (b.destino.or(by_name), b.hoja, true))
                .collect(),
            None => vec![(by_name, sheet.clone(), false)],
        };
        for (destino, hoja, form) in blocks {
            let canonical = match destino {
                Some(Destino::Seccion(s)) => s.clave,
                Some(Destino::Gestion) => GESTION_METAS,
                Some(Destino::Calculada) => continue,
                None if form => {
                    out.avisos.push(Warning::new(
                        "hoja ignorada",
                        hoja.whole(),
                        "filas antes del primer título de sección del formulario; no se leen",
                    ));
                    continue;
                }
                None => {
                    let mut names: Vec<&str> = SECCIONES.iter().map(|s| s.clave).collect();
                    names.push(GESTION_METAS);
                    let hint = closest(key, names.iter().copied())
                        .map(|s| format!("; ¿quiso decir «{s}»?"))
                        .unwrap_or_default();
                    problems.push(
                        sheet.whole(),
                        format!(
                            "hoja desconocida en rendicion{hint} (hojas admitidas: {}, o los títulos de las secciones del formulario)",
                            names.join(", ")
                        ),
                    );
                    continue;
                }
            };
            if let Some(first) = seen.get(canonical) {
                problems.push(
                    hoja.whole(),
                    format!(
                        "la sección «{canonical}» ya tiene respuestas en {first}; deje una sola hoja o archivo por sección"
                    ),
                );
                continue;
            }
            seen.insert(canonical.to_string(), hoja.whole());
            match destino {
                Some(Destino::Seccion(s)) => section(&hoja, s, form, &ctx, &mut out, &mut problems),
                _ => gestion(&hoja, form, &ctx, &mut out, &mut problems),
            }
        }
    }
    verosimil::revisar(&mut out, config.anio);
    problems.into_result(out)
}

/// What every section's reader needs besides its sheet.
pub(super) struct Lectura<'a> {
    pub config: &'a Config,
    pub ds: &'a Dataset,
    pub entidades: &'a [Entidad],
    pub institucion: &'a [usize],
}

/// The columns of a section's sheet: `entidad` then the form's columns (the
/// form's header text is accepted as an alias).
fn schema_columns(s: &'static Seccion) -> Vec<Column> {
    let mut v = vec![Column {
        key: "entidad",
        aliases: &[],
        required: false,
    }];
    v.extend(s.columnas.iter().map(|c| Column {
        key: c.clave,
        aliases: std::slice::from_ref(&c.titulo),
        required: c.obligatoria || c.tipo == Tipo::Etiqueta,
    }));
    v
}

fn section(
    sheet: &Sheet,
    s: &'static Seccion,
    form: bool,
    ctx: &Lectura,
    out: &mut Respuestas,
    problems: &mut Problems,
) {
    let columns = schema_columns(s);
    let schema = Schema {
        kind: s.clave,
        columns: &columns,
    };
    let min_known = s.columnas.len().min(2);
    let sheet = &formulario::preparar(sheet, &columns, min_known, form.then_some(s.forma));
    let header = match locate_with(sheet, &schema, min_known) {
        Ok(Some(h)) => h,
        Ok(None) => {
            problems.push(
                sheet.whole(),
                format!(
                    "no se encontró el encabezado de la sección «{}» (columnas: {})",
                    s.clave,
                    columns.iter().map(|c| c.key).collect::<Vec<_>>().join(", ")
                ),
            );
            return;
        }
        Err(ps) => {
            problems.extend(ps);
            return;
        }
    };
    let mut seen: HashMap<(Entidad, usize), usize> = HashMap::new();
    for row in &sheet.rows[header.row_index + 1..] {
        let mut f = Fields::new(sheet, &header, row, problems);
        let Some(entidad) = entidad(&mut f, ctx) else {
            continue;
        };
        let valores: Vec<Valor> = s
            .columnas
            .iter()
            .map(|c| valor(&mut f, c.clave, c.tipo))
            .collect();
        if f.failed {
            continue;
        }
        let fila = Fila {
            valores,
            origen: f.row_loc(),
        };
        // Which fixed row this is (labels), or a free row.
        let fixed = if s.filas_fijas.is_empty() {
            None
        } else {
            match fixed_row(s, &fila) {
                Ok(i) => Some(i),
                Err(m) => {
                    let key = s
                        .columnas
                        .iter()
                        .find(|c| c.tipo == Tipo::Etiqueta)
                        .map_or("entidad", |c| c.clave);
                    f.problem(key, m);
                    continue;
                }
            }
        };
        let answered = s
            .columnas
            .iter()
            .zip(&fila.valores)
            .any(|(c, v)| c.tipo != Tipo::Etiqueta && *v != Valor::Vacio);
        if !answered {
            continue;
        }
        for c in s.columnas.iter().filter(|c| c.obligatoria) {
            if *fila.valor(s, c.clave) == Valor::Vacio {
                f.problem(c.clave, format!("falta la respuesta de «{}»", c.titulo));
            }
        }
        for m in rules(s, &fila) {
            f.problem(m.0, m.1);
        }
        let slot = match (s.forma, fixed) {
            (Forma::Ficha, _) => Some(0),
            (_, Some(i)) => Some(i),
            _ => None,
        };
        if let Some(i) = slot
            && let Some(prev) = seen.insert((entidad, i), row.number)
        {
            f.problem(
                "entidad",
                format!("respuesta repetida de la misma entidad (ya está en la fila {prev})"),
            );
        }
        if !f.failed {
            out.filas.entry((entidad, s.clave)).or_default().push(fila);
        }
    }
}

/// A warning for every section an entity left unanswered: the report
/// marks it «sección sin responder».
pub fn sin_responder(
    resp: &Respuestas,
    entidades: &[Entidad],
    nombre: impl Fn(Entidad) -> String,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for &e in entidades {
        let faltan: Vec<&str> = SECCIONES
            .iter()
            .filter(|s| resp.sin_responder(e, s))
            .map(|s| s.clave)
            .collect();
        if !faltan.is_empty() {
            out.push(Warning::new(
                "sección sin responder",
                Location::file("rendicion"),
                format!(
                    "{}: sin respuestas en {}; el informe las marca «sección sin responder»",
                    nombre(e),
                    faltan.join(", ")
                ),
            ));
        }
    }
    out
}
