//! `lotaip revisar`: a numeral's files against the criteria of the
//! Defensoría's SITA that can be judged offline, before a planner uploads
//! them to the Portal Nacional de Transparencia: complete content, open
//! data, links, and the deadline. It reads a month's publication (its
//! `pnt/numeral_<n>/` folder and `cumplimiento_<p>.csv`) or a folder of
//! files made by hand (`Conjunto de datos.csv`, `…(conjuntoDatos).csv`),
//! and writes nothing. What each criterion means is the numeral's
//! description (`pnt_1.3.toml`): its columns, which are required or links,
//! its metadata keys and its day of the month.

mod criterios;
mod tabla;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Location};
use crate::model::Periodo;
use crate::model::numeral::Numeral;
use crate::text::fold_key;

use tabla::Tabla;

/// One criterion's verdict.
#[derive(Debug)]
pub struct Criterio {
    /// `Contenido completo`, `Datos abiertos`, `Enlaces`, `Plazo`.
    pub nombre: &'static str,
    pub cumple: bool,
    /// One line: what was judged, or why it fails.
    pub resumen: String,
    /// How many faults were found.
    pub faltas: usize,
    /// The faults (the first thousand), with file, row and column.
    pub detalles: Vec<String>,
    /// What the planner should know that does not make it fail.
    pub avisos: Vec<String>,
}

/// A folder's review.
#[derive(Debug)]
pub struct Revision {
    /// The folder the numeral's files were found in.
    pub carpeta: PathBuf,
    /// The files read, by kind: `conjunto de datos: conjunto_de_datos.csv`.
    pub archivos: Vec<String>,
    /// The date the deadline is judged against.
    pub hoy: NaiveDate,
    pub criterios: Vec<Criterio>,
}

impl Revision {
    /// How many criteria fail.
    pub fn fallidos(&self) -> usize {
        self.criterios.iter().filter(|c| !c.cumple).count()
    }
}

/// The files found, by kind; more than one of a kind is a fault.
#[derive(Default)]
struct Encontrados {
    conjunto: Vec<PathBuf>,
    metadatos: Vec<PathBuf>,
    diccionario: Vec<PathBuf>,
    cumplimiento: Vec<PathBuf>,
    /// A data set as XLSX, ODS or PDF: not open data for the portal.
    otros_formatos: Vec<PathBuf>,
}

/// Most entries of a folder looked at.
const MAX_ENTRADAS: usize = 10_000;

/// Reviews the numeral's files in `carpeta` on the date `hoy`.
pub fn revisar(carpeta: &Path, numeral: &Numeral, hoy: NaiveDate) -> Result<Revision, Error> {
    let (dir, mes) = ubicar(carpeta)?;
    let mut f = clasificar(&dir)?;
    if let Some(mes) = &mes {
        f.cumplimiento = clasificar(mes)?.cumplimiento;
    }
    let periodo = mes
        .as_deref()
        .filter(|m| m.join(crate::output::MANIFEST).exists())
        .and_then(|m| crate::publish::Manifest::read(m).ok())
        .and_then(|m| m.periodo.parse::<Periodo>().ok());
    let mut faltan = Vec::new();
    let mut repetidos = Vec::new();
    let mut uno = |nombre: &'static str, v: &[PathBuf]| -> Option<Result<Tabla, String>> {
        match v {
            [] => {
                faltan.push(nombre);
                None
            }
            [p] => Some(tabla::leer(p)),
            [p, ..] => {
                repetidos.push(format!(
                    "hay {} archivos que parecen el {nombre}: {}; deje uno",
                    v.len(),
                    v.iter()
                        .map(|p| nombre_de(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                Some(tabla::leer(p))
            }
        }
    };
    let conjunto = uno("conjunto de datos", &f.conjunto);
    let metadatos = uno("metadatos", &f.metadatos);
    let diccionario = uno("diccionario", &f.diccionario);
    let cumplimiento = f.cumplimiento.first().map(|p| tabla::leer(p));
    let mut archivos = Vec::new();
    for (tipo, v) in [
        ("conjunto de datos", &f.conjunto),
        ("metadatos", &f.metadatos),
        ("diccionario", &f.diccionario),
        ("cumplimiento", &f.cumplimiento),
    ] {
        if let Some(p) = v.first() {
            archivos.push(format!("{tipo}: {}", crate::text::printable(&nombre_de(p))));
        }
    }
    let ilegibles: Vec<String> = [&conjunto, &metadatos, &diccionario, &cumplimiento]
        .into_iter()
        .zip([&f.conjunto, &f.metadatos, &f.diccionario, &f.cumplimiento])
        .filter_map(|(t, v)| match t {
            Some(Err(e)) => Some(format!("{}: {e}", nombre_de(&v[0]))),
            _ => None,
        })
        .collect();
    let ok = |t: Option<Result<Tabla, String>>| t.and_then(Result::ok);
    let trio = criterios::Trio {
        conjunto: ok(conjunto),
        metadatos: ok(metadatos),
        diccionario: ok(diccionario),
        cumplimiento: ok(cumplimiento),
        faltan,
        repetidos,
        ilegibles,
        otros_formatos: f.otros_formatos.iter().map(|p| nombre_de(p)).collect(),
        periodo,
    };
    Ok(Revision {
        carpeta: dir,
        archivos,
        hoy,
        criterios: criterios::todos(&trio, numeral, hoy),
    })
}

/// The folder of the numeral's files and, for a month's publication, the
/// month's folder (its manifest and `cumplimiento_<p>.csv`).
fn ubicar(carpeta: &Path) -> Result<(PathBuf, Option<PathBuf>), Error> {
    let meta = std::fs::metadata(carpeta).map_err(|e| {
        Error::input(
            Location::file(carpeta.display().to_string()),
            format!("no se pudo abrir la carpeta: {}", crate::error::io_es(&e)),
        )
    })?;
    if !meta.is_dir() {
        return Err(Error::input(
            Location::file(carpeta.display().to_string()),
            "no es una carpeta: indique la carpeta del mes publicado o la de los tres archivos CSV",
        ));
    }
    let pnt = carpeta.join("pnt");
    if pnt.is_dir() {
        let mut numerales: Vec<PathBuf> = leer_carpeta(&pnt)?
            .into_iter()
            .filter(|p| {
                p.is_dir()
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("numeral_"))
            })
            .collect();
        numerales.sort();
        return match numerales.as_slice() {
            [uno] => Ok((uno.clone(), Some(carpeta.to_path_buf()))),
            [] => Ok((pnt, Some(carpeta.to_path_buf()))),
            varios => Err(Error::input(
                Location::file(pnt.display().to_string()),
                format!(
                    "tiene {} numerales ({}); indique la carpeta de uno de ellos",
                    varios.len(),
                    varios
                        .iter()
                        .map(|p| nombre_de(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        };
    }
    // `<mes>/pnt/numeral_<n>` given directly.
    let mes = carpeta
        .parent()
        .filter(|p| p.file_name().is_some_and(|n| n == "pnt"))
        .and_then(Path::parent)
        .map(Path::to_path_buf);
    Ok((carpeta.to_path_buf(), mes))
}

fn leer_carpeta(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let err = |e: std::io::Error| {
        Error::input(
            Location::file(dir.display().to_string()),
            format!("no se pudo leer la carpeta: {}", crate::error::io_es(&e)),
        )
    };
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(err)?.take(MAX_ENTRADAS) {
        out.push(e.map_err(err)?.path());
    }
    out.sort();
    Ok(out)
}

/// Sorts the CSV files of a folder by what their names say they are.
fn clasificar(dir: &Path) -> Result<Encontrados, Error> {
    let mut f = Encontrados::default();
    for p in leer_carpeta(dir)? {
        let nombre = nombre_de(&p);
        if nombre.starts_with('.') || p.is_dir() {
            continue;
        }
        let (base, ext) = match nombre.rsplit_once('.') {
            Some((b, e)) => (fold_key(b), e.to_ascii_lowercase()),
            None => continue,
        };
        let cumplimiento = base.contains("cumplimiento");
        let tipo = if cumplimiento {
            (!base.contains("diccionario")).then_some(&mut f.cumplimiento)
        } else if base.contains("conjunto") {
            Some(&mut f.conjunto)
        } else if base.contains("metadato") {
            Some(&mut f.metadatos)
        } else if base.contains("diccionario") {
            Some(&mut f.diccionario)
        } else {
            None
        };
        match (tipo, ext.as_str()) {
            (Some(v), "csv") => v.push(p),
            (Some(_), "xlsx" | "xls" | "ods" | "pdf") if !cumplimiento => f.otros_formatos.push(p),
            _ => {}
        }
    }
    Ok(f)
}

fn nombre_de(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// The date written in a metadata cell: `30/06/2025`, `30-06-2025`,
/// `2025-06-30`.
fn fecha(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// The last day on which the information of `periodo` is registered.
fn plazo(periodo: Periodo, dia: u8) -> Option<NaiveDate> {
    let (y, m) = if periodo.mes == 12 {
        (periodo.anio.checked_add(1)?, 1)
    } else {
        (periodo.anio, u32::from(periodo.mes) + 1)
    };
    NaiveDate::from_ymd_opt(y, m, u32::from(dia))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_deadlines() {
        assert_eq!(fecha(" 30/06/2025 "), NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(fecha("2025-06-30"), NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(fecha("31/02/2025"), None);
        assert_eq!(fecha("junio"), None);
        let p = |anio, mes| Periodo { anio, mes };
        assert_eq!(plazo(p(2025, 6), 15), NaiveDate::from_ymd_opt(2025, 7, 15));
        assert_eq!(plazo(p(2025, 12), 15), NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(plazo(p(i32::MAX, 12), 15), None);
    }
}
