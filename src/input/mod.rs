//! Reading and validating the input folder: `lotaip.toml` and the `metas`,
//! `resultados` and `presupuesto` files, in any supported format. Every
//! problem of every file is collected before the run stops.

pub(crate) mod cells;
pub(crate) mod delimited;
pub(crate) mod ejemplo;
pub(crate) mod fields;
pub(crate) mod header;
pub(crate) mod limits;
pub(crate) mod metas;
pub(crate) mod number;
pub(crate) mod percent;
#[cfg(test)]
mod percent_cells;
pub(crate) mod presupuesto;
#[cfg(test)]
mod propiedades;
pub mod rendicion;
pub(crate) mod resultados;
pub(crate) mod sheet;
pub(crate) mod table;
pub(crate) mod workbook;

use std::path::{Path, PathBuf};

use crate::config::{self, Config, Porcentajes};
use crate::error::{Error, Location, Problem, Problems, Warning};
use crate::model::{ArchivoEntrada, Dataset};
use crate::text::fold_key;

/// The kinds of data file, recognised by the start of the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Metas,
    Resultados,
    Presupuesto,
    Rendicion,
}

impl Kind {
    /// Every kind, in reading order.
    pub const ALL: [Kind; 4] = [
        Kind::Metas,
        Kind::Resultados,
        Kind::Presupuesto,
        Kind::Rendicion,
    ];

    /// The file-name stem that announces the kind (`metas.xlsx`, `metas_2025.csv`).
    pub fn stem(self) -> &'static str {
        match self {
            Kind::Metas => "metas",
            Kind::Resultados => "resultados",
            Kind::Presupuesto => "presupuesto",
            Kind::Rendicion => "rendicion",
        }
    }

    fn of(path: &Path) -> Option<Kind> {
        let stem = fold_key(&path.file_stem()?.to_string_lossy());
        Kind::ALL.into_iter().find(|k| stem.starts_with(k.stem()))
    }
}

/// The data files of a folder, by kind, in name order, and the problems of
/// the entries that look like data files but cannot be read as such.
#[derive(Debug, Default)]
pub struct Files {
    pub by_kind: Vec<(Kind, PathBuf)>,
    /// A link that leads nowhere, a device or a pipe named like a data file.
    pub problems: Vec<Problem>,
}

impl Files {
    /// The files of one kind.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &PathBuf> {
        self.by_kind
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, p)| p)
    }
}

/// Lists the data files of the inputs folder. Office lock files, hidden
/// files and folders are skipped; other files are not data. A symbolic link
/// is followed when it leads to a regular file; one that leads nowhere, or
/// an entry that is not a regular file (a device, a pipe), is a problem:
/// reading it could block the run or never end.
pub fn discover(dir: &Path) -> Result<Files, Error> {
    let loc = Location::file(CARPETA);
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(
            loc.clone(),
            format!(
                "no se pudo abrir la carpeta de entrada «{}»: {}",
                dir.display(),
                crate::error::io_es(&e)
            ),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut files = Files::default();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let Some(kind) = Kind::of(&p) else { continue };
        let Ok(own) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        let problem = |m: &str| Problem::new(Location::file(name.clone()), m);
        let target = if own.file_type().is_symlink() {
            match std::fs::metadata(&p) {
                Ok(t) => t,
                Err(_) => {
                    files.problems.push(problem(
                        "es un enlace simbólico que no lleva a ningún archivo (el destino no existe o no se puede leer); corríjalo o bórrelo",
                    ));
                    continue;
                }
            }
        } else {
            own
        };
        if target.is_dir() {
            continue;
        }
        if !target.is_file() {
            files.problems.push(problem(
                "no es un archivo normal (es un dispositivo, una tubería o un socket) y no se lee; bórrelo de la carpeta de entrada",
            ));
            continue;
        }
        if sheet::Format::from_path(&p).is_none() {
            files.problems.push(problem(
                "formato no admitido; se esperaba .xlsx, .xls, .ods, .csv o .tsv",
            ));
            continue;
        }
        files.by_kind.push((kind, p));
    }
    Ok(files)
}

pub use crate::error::CARPETA;

/// One problem naming every file of a kind that is read from one file only
/// (`metas`, `resultados`, `presupuesto`): two would give every row twice.
fn duplicates(dir: &Path, files: &Files, kind: Kind) -> Option<Problem> {
    let names: Vec<String> = files
        .of(kind)
        .map(|p| format!("«{}»", relative_name(dir, p)))
        .collect();
    (names.len() > 1).then(|| {
        let (last, rest) = names.split_last().unwrap_or((&names[0], &[]));
        Problem::new(
            Location::file(CARPETA),
            format!(
                "hay {} archivos de {}: {} y {}; deje uno solo (mueva los demás a otra carpeta)",
                names.len(),
                kind.stem(),
                rest.join(", "),
                last
            ),
        )
    })
}

/// Reads the configuration and every data file of `dir` into a validated
/// dataset. `porcentajes` overrides the configured percent convention;
/// `anio` is the year being published, the plan's year when `lotaip.toml`
/// does not say it. Every problem of every file is reported together: a broken configuration
/// or `metas` file does not hide the problems of the others, which are then
/// checked on their own (their rows are not matched with the plan).
pub fn load(
    dir: &Path,
    porcentajes: Option<Porcentajes>,
    anio: Option<i32>,
) -> Result<(Config, Dataset), Error> {
    let mut problems = Problems::default();
    let config = problems
        .absorb(Config::load(&dir.join(config::ARCHIVO)))
        // Without a year the other files are checked row by row alone (a
        // contradiction would otherwise refuse every period twice).
        .and_then(|c| problems.absorb(c.con_anio(anio)));
    let files = discover(dir)?;
    problems.extend(files.problems.iter().cloned());
    let mut archivos = Vec::new();
    let mut read_kind = |kind: Kind, problems: &mut Problems| -> Option<Vec<sheet::Sheet>> {
        if let Some(p) = duplicates(dir, &files, kind) {
            problems.push(p.location, p.message);
            return None;
        }
        let mut sheets = Vec::new();
        for path in files.of(kind) {
            let nombre = relative_name(dir, path);
            archivos.push(ArchivoEntrada {
                ruta: path.clone(),
                nombre: nombre.clone(),
            });
            crate::memory::stage(format!("leía «{nombre}»"));
            sheets.extend(problems.absorb(table::read(path, &nombre))?);
        }
        Some(sheets)
    };
    let metas_sheets = read_kind(Kind::Metas, &mut problems);
    let resultados_sheets = read_kind(Kind::Resultados, &mut problems);
    let presupuesto_sheets = read_kind(Kind::Presupuesto, &mut problems);
    // A metas file refused above (a link to nowhere) was already named.
    let refused_metas = files
        .problems
        .iter()
        .any(|p| Kind::of(Path::new(&p.location.file)) == Some(Kind::Metas));
    if files.of(Kind::Metas).next().is_none() && !refused_metas {
        problems.push(
            Location::file(CARPETA),
            "no se encontró el archivo de metas (metas.xlsx, .xls, .ods, .csv o .tsv) en la carpeta de entrada",
        );
    }
    let policy = match (porcentajes, &config) {
        (Some(p), _) => p,
        (None, Some(c)) => c.politicas.porcentajes,
        (None, None) => Porcentajes::default(),
    };
    let anio = config.as_ref().map(|c| c.anio);
    let metas = metas_sheets
        .filter(|s| !s.is_empty())
        .and_then(|s| problems.absorb(metas::read(&s, policy)));
    // Without a plan (or a year) the other files are still checked, row by
    // row, so that one run lists every problem.
    let mut plan = match (metas, anio) {
        (Some(m), Some(_)) => Plan::Matched(m),
        (Some(m), None) => Plan::Alone(m),
        (None, _) => Plan::Alone(metas::Metas::default()),
    };
    if files.of(Kind::Resultados).next().is_none() {
        if let Plan::Matched(m) = &mut plan {
            m.avisos.push(Warning::new(
                "sin resultados",
                Location::file(CARPETA),
                "no hay archivo de resultados: todos los indicadores con meta quedan «sin reporte»",
            ));
        }
    } else if let Some(s) = resultados_sheets.filter(|s| !s.is_empty()) {
        let (m, matched) = plan.parts();
        problems.absorb(resultados::read(&s, m, anio, matched));
    }
    let presupuesto = match presupuesto_sheets.filter(|s| !s.is_empty()) {
        Some(s) => {
            let (m, matched) = plan.parts();
            problems
                .absorb(presupuesto::read(&s, m, anio, matched))
                .unwrap_or_default()
        }
        None => Vec::new(),
    };
    let (Some(mut config), Plan::Matched(metas)) = (config, plan) else {
        // Something above failed and was recorded.
        return Err(problems.into_error());
    };
    if let Some(p) = porcentajes {
        config.politicas.porcentajes = p;
    }
    let dataset = Dataset {
        anio: config.anio,
        unidades: metas.unidades,
        indicadores: metas.indicadores,
        presupuesto,
        avisos: metas.avisos,
        archivos,
    };
    problems.into_result((config, dataset))
}

/// The plan the other files are read against.
enum Plan {
    /// `metas` and the configuration were read: rows are matched with the plan.
    Matched(metas::Metas),
    /// Something failed: rows are checked on their own.
    Alone(metas::Metas),
}

impl Plan {
    fn parts(&mut self) -> (&mut metas::Metas, bool) {
        match self {
            Plan::Matched(m) => (m, true),
            Plan::Alone(m) => (m, false),
        }
    }
}

/// How messages name a file: its path relative to the inputs folder.
fn relative_name(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}
