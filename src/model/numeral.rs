//! A numeral of Art. 19 of the LOTAIP (2023) as the national transparency
//! portal takes it, described as data (`templates/pnt_1.3.toml`): the
//! columns of its data set with their dictionary texts, the keys of its
//! metadata, the files' encoding and the day of the month it is due. The
//! renderer and the pre-upload check read the same description, so another
//! numeral that an institution fills from its data is a new file, not new
//! code.

use serde::Deserialize;

use crate::error::{Error, Location};

/// One numeral.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numeral {
    /// The Defensoría's number (`1.3`).
    pub numeral: String,
    pub titulo: String,
    /// What a row of the data set is: `indicadores` (one per indicator).
    pub filas: Filas,
    #[serde(default)]
    pub fin_de_linea: FinDeLinea,
    #[serde(default)]
    pub bom: bool,
    /// Day of the following month by which the month is registered.
    pub plazo_dia: u8,
    pub archivos: Archivos,
    pub columnas: Vec<Columna>,
    pub metadatos: Vec<Metadato>,
}

/// What a row of the data set stands for.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Filas {
    /// One row per indicator of `metas`.
    Indicadores,
}

/// The line ending of the three files.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FinDeLinea {
    #[default]
    Crlf,
    Lf,
}

/// The names of the three files inside the numeral's folder.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archivos {
    pub conjunto: String,
    pub metadatos: String,
    pub diccionario: String,
}

/// A column of the data set.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Columna {
    /// Its header, as the portal expects it.
    pub titulo: String,
    /// Where its values come from.
    pub campo: Campo,
    /// Its text in the dictionary.
    pub descripcion: String,
    /// No cell may be empty.
    #[serde(default)]
    pub obligatoria: bool,
    #[serde(default)]
    pub tipo: TipoColumna,
}

/// The value of a row a column shows.
#[derive(Clone, Copy, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Campo {
    Unidad,
    Objetivo,
    Indicador,
    /// The meta cuantificable as the matrix publishes it.
    Meta,
    /// The planning system's link (`[literal_a4] enlace_url`).
    Enlace,
    Codigo,
    Proceso,
    Provincia,
}

/// What a column's cells must be.
#[derive(Clone, Copy, Debug, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TipoColumna {
    #[default]
    Texto,
    /// A well-formed `https://` link.
    Enlace,
}

/// A metadata row: its key and where its value comes from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadato {
    pub clave: String,
    pub campo: CampoMetadato,
}

/// The run's and the settings' values a metadata row may carry.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CampoMetadato {
    /// The declared update date, `DD/MM/AAAA`.
    Fecha,
    Periodicidad,
    UnidadPoseedora,
    Responsable,
    Correo,
    Telefono,
    Institucion,
    Siglas,
    /// The period published, `AAAA-MM`.
    Periodo,
}

impl Numeral {
    /// Reads a numeral's description; `name` names the file in messages.
    pub fn parse(text: &str, name: &str) -> Result<Numeral, Error> {
        let n: Numeral = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            Error::input(
                Location {
                    line,
                    ..Location::file(name)
                },
                format!(
                    "la descripción del numeral no se puede leer ({}); compárela con la predeterminada («lotaip plantillas»)",
                    e.message().lines().next().unwrap_or("").replace('`', "«")
                ),
            )
        })?;
        let problem = |m: &str| Err(Error::input(Location::file(name), m.to_string()));
        if n.columnas.is_empty() {
            return problem("la descripción del numeral no tiene columnas");
        }
        if n.metadatos.iter().all(|m| m.campo != CampoMetadato::Fecha) {
            return problem(
                "los metadatos del numeral necesitan la fecha de actualización (campo = \"fecha\")",
            );
        }
        if !(1..=28).contains(&n.plazo_dia) {
            return problem("plazo_dia debe ser un día del 1 al 28");
        }
        for f in [
            &n.archivos.conjunto,
            &n.archivos.metadatos,
            &n.archivos.diccionario,
        ] {
            if crate::fs::safe_relative(f).is_none() || f.contains('/') || !f.ends_with(".csv") {
                return problem(&format!(
                    "«{f}» no sirve como nombre de archivo del numeral: un nombre sin carpetas que termine en .csv"
                ));
            }
        }
        Ok(n)
    }

    /// The line ending of the files.
    pub fn eol(&self) -> &'static str {
        match self.fin_de_linea {
            FinDeLinea::Crlf => "\r\n",
            FinDeLinea::Lf => "\n",
        }
    }
}

/// The built-in description of numeral 1.3.
pub const NUMERAL_1_3: &str = "pnt_1.3.toml";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_numeral_1_3_reads() {
        let text = crate::render::BUILTIN
            .iter()
            .find(|(n, _)| *n == NUMERAL_1_3)
            .map(|(_, t)| *t)
            .expect("built in");
        let n = Numeral::parse(text, NUMERAL_1_3).unwrap();
        assert_eq!(n.numeral, "1.3");
        let titles: Vec<&str> = n.columnas.iter().map(|c| c.titulo.as_str()).collect();
        assert_eq!(
            titles[..4],
            ["Unidad", "Objetivo", "Indicador", "Meta cuantificable"]
        );
        assert!(titles[4].starts_with("Enlace al sistema de gestión de planificación"));
        assert_eq!(
            n.metadatos[0].clave,
            "FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:"
        );
        assert_eq!(n.plazo_dia, 15);
    }

    #[test]
    fn a_broken_description_names_its_line() {
        let e = Numeral::parse("numeral = \"1.3\"\ncolumnas = 3\n", "pnt_1.3.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("pnt_1.3.toml, línea"), "{e}");
    }
}
