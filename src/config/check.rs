//! The checks of `lotaip.toml` that serde cannot make (ranges, texts that
//! are published), each with the line of its setting.

use rust_decimal::Decimal;

use super::Config;
use crate::error::{Error, Location, Problems};

impl Config {
    /// The checks serde cannot make, every one with the line of its setting.
    pub(super) fn check(&self, text: &str, name: &str) -> Result<(), Error> {
        let mut problems = Problems::default();
        let mut push = |path: &[&str], message: String| {
            problems.push(
                Location {
                    line: setting_line(text, path),
                    ..Location::file(name)
                },
                message,
            );
        };
        if let Some(anio) = self.anio_declarado
            && !(2000..=2100).contains(&anio)
        {
            push(&["anio"], format!("anio = {anio} no es un año válido"));
        }
        if self.institucion.nombre.trim().is_empty() {
            push(
                &["institucion", "nombre"],
                "[institucion] necesita «nombre» y «siglas»".into(),
            );
        } else if self.institucion.siglas.trim().is_empty() {
            push(
                &["institucion", "siglas"],
                "[institucion] necesita «nombre» y «siglas»".into(),
            );
        }
        let u = &self.semaforo;
        let cien = Decimal::ONE_HUNDRED;
        if u.verde > cien || u.verde <= Decimal::ZERO {
            push(
                &["semaforo", "verde"],
                format!(
                    "[semaforo] verde = {} no sirve: los promedios van de 0 a 100, así que el umbral verde debe estar entre 0 y 100 (p. ej. 85)",
                    u.verde
                ),
            );
        }
        if u.amarillo < Decimal::ZERO || u.amarillo >= u.verde {
            push(
                &["semaforo", "amarillo"],
                format!(
                    "[semaforo] se esperaba 0 ≤ amarillo < verde; se encontró amarillo = {}, verde = {}",
                    u.amarillo, u.verde
                ),
            );
        }
        let numeral = &self.publicacion.numeral;
        if numeral.is_empty()
            || numeral.len() > 10
            || !numeral.chars().all(|c| c.is_ascii_digit() || c == '.')
            || numeral.starts_with('.')
            || numeral.ends_with('.')
        {
            push(
                &["publicacion", "numeral"],
                format!(
                    "[publicacion] numeral = «{numeral}» no sirve: se esperaba un número de numeral como 1.3 o 1.4"
                ),
            );
        }
        let meta = self.rendicion.meta_ejecucion_presupuestaria;
        if meta <= Decimal::ZERO || meta > cien {
            push(
                &["rendicion", "meta_ejecucion_presupuestaria"],
                format!(
                    "[rendicion] meta_ejecucion_presupuestaria = {meta} no sirve: se esperaba un porcentaje mayor que 0 y hasta 100 (p. ej. 85)"
                ),
            );
        }
        for (path, value, max) in self.texts() {
            if value.chars().count() > max {
                push(
                    &path,
                    format!(
                        "{} tiene {} caracteres; el límite es {}",
                        path.join("."),
                        crate::format::numero(value.chars().count().into()),
                        crate::format::numero(max.into())
                    ),
                );
            } else if let Err(m) = crate::text::publishable(value) {
                push(&path, format!("{}: {m}", path.join(".")));
            }
        }
        problems.into_result(())
    }

    /// Every text setting that is published, with its key path and the most
    /// characters it may have.
    fn texts(&self) -> Vec<([&'static str; 2], &str, usize)> {
        const NAME: usize = 500;
        const LINK: usize = 2_000;
        let i = &self.institucion;
        let r = &self.responsable;
        let a = &self.literal_a4;
        let s = &a.secciones;
        let mut v = vec![
            (["institucion", "nombre"], i.nombre.as_str(), NAME),
            (["institucion", "siglas"], i.siglas.as_str(), NAME),
            (
                ["responsable", "unidad_poseedora"],
                r.unidad_poseedora.as_str(),
                NAME,
            ),
            (["responsable", "nombre"], r.nombre.as_str(), NAME),
            (["responsable", "correo"], r.correo.as_str(), NAME),
            (["responsable", "telefono"], r.telefono.as_str(), NAME),
            (["literal_a4", "articulo"], a.articulo.as_str(), NAME),
            (["literal_a4", "literal"], a.literal.as_str(), NAME),
            (
                ["literal_a4", "periodicidad"],
                a.periodicidad.as_str(),
                NAME,
            ),
            (["secciones", "gobernante"], s.gobernante.as_str(), NAME),
            (
                ["secciones", "agregador_de_valor"],
                s.agregador_de_valor.as_str(),
                NAME,
            ),
            (
                ["secciones", "desconcentrado"],
                s.desconcentrado.as_str(),
                NAME,
            ),
            (
                ["secciones", "habilitante_asesoria"],
                s.habilitante_asesoria.as_str(),
                NAME,
            ),
            (
                ["secciones", "habilitante_apoyo"],
                s.habilitante_apoyo.as_str(),
                NAME,
            ),
        ];
        if let Some(w) = &i.sitio_web {
            v.push((["institucion", "sitio_web"], w, LINK));
        }
        if let Some(e) = &a.enlace_etiqueta {
            v.push((["literal_a4", "enlace_etiqueta"], e, NAME));
        }
        if let Some(u) = &a.enlace_url {
            v.push((["literal_a4", "enlace_url"], u, LINK));
        }
        v
    }
}

/// The line (1-based) of byte `pos` of `text`.
pub(super) fn line_at(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The line where a setting is written (`["semaforo", "verde"]`), if it is.
/// A path's last key is looked up in any table (`secciones` lives under
/// `[literal_a4.secciones]`).
pub(super) fn setting_line(text: &str, path: &[&str]) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    fn find(table: &DeTable, path: &[&str], text: &str) -> Option<usize> {
        let (first, rest) = path.split_first()?;
        for (k, v) in table.iter() {
            let here = k.get_ref().as_ref() == *first;
            match v.get_ref() {
                DeValue::Table(t) if here && !rest.is_empty() => {
                    if let Some(l) = find(t, rest, text) {
                        return Some(l);
                    }
                }
                _ if here && rest.is_empty() => return Some(line_at(text, k.span().start)),
                DeValue::Table(t) => {
                    if let Some(l) = find(t, path, text) {
                        return Some(l);
                    }
                }
                _ => {}
            }
        }
        None
    }
    let table = DeTable::parse(text).ok()?;
    find(table.get_ref(), path, text)
}
