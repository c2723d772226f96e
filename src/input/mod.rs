//! Reading and validating the input folder: `lotaip.toml` and the `metas`,
//! `resultados` and `presupuesto` files, in any supported format. Every
//! problem of every file is collected before the run stops.

pub mod cells;
mod delimited;
pub mod fields;
pub mod header;
pub mod limits;
pub mod metas;
pub mod number;
pub mod presupuesto;
#[cfg(test)]
mod propiedades;
pub mod rendicion;
pub mod resultados;
pub mod table;
mod workbook;

use std::path::{Path, PathBuf};

use crate::config::{self, Config, Porcentajes};
use crate::error::{Error, Location, Problems, Warning};
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

/// The data files of a folder, by kind, in name order.
#[derive(Debug, Default)]
pub struct Files {
    pub by_kind: Vec<(Kind, PathBuf)>,
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
/// files and folders are skipped; other files are not data.
pub fn discover(dir: &Path) -> Result<Files, Error> {
    let loc = Location::file(dir.display().to_string());
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(
            loc.clone(),
            format!("no se pudo abrir la carpeta de entrada: {e}"),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
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
        if let Some(kind) = Kind::of(&p) {
            files.by_kind.push((kind, p));
        }
    }
    Ok(files)
}

/// Reads the configuration and every data file of `dir` into a validated
/// dataset. `porcentajes` overrides the configured percent convention.
pub fn load(dir: &Path, porcentajes: Option<Porcentajes>) -> Result<(Config, Dataset), Error> {
    let mut config = Config::load(&dir.join(config::ARCHIVO))?;
    if let Some(p) = porcentajes {
        config.politicas.porcentajes = p;
    }
    let files = discover(dir)?;
    let mut problems = Problems::default();
    let mut archivos = Vec::new();
    let mut read_kind = |kind: Kind, problems: &mut Problems| {
        let mut sheets = Vec::new();
        for path in files.of(kind) {
            let nombre = relative_name(dir, path);
            archivos.push(ArchivoEntrada {
                ruta: path.clone(),
                nombre: nombre.clone(),
            });
            if let Some(s) = problems.absorb(table::read(path, &nombre)) {
                sheets.extend(s);
            }
        }
        sheets
    };
    let metas_sheets = read_kind(Kind::Metas, &mut problems);
    let resultados_sheets = read_kind(Kind::Resultados, &mut problems);
    let presupuesto_sheets = read_kind(Kind::Presupuesto, &mut problems);
    if files.of(Kind::Metas).next().is_none() {
        problems.push(
            Location::file(dir.display().to_string()),
            "no se encontró el archivo de metas (metas.xlsx, .xls, .ods, .csv o .tsv) en la carpeta de entrada",
        );
        return problems.into_result((config, Dataset::default()));
    }
    if !problems.is_empty() && metas_sheets.is_empty() {
        return problems.into_result((config, Dataset::default()));
    }
    let Some(mut metas) = problems.absorb(metas::read(&metas_sheets, config.politicas.porcentajes))
    else {
        return problems.into_result((config, Dataset::default()));
    };
    if files.of(Kind::Resultados).next().is_none() {
        metas.avisos.push(Warning::new(
            "sin resultados",
            Location::file(dir.display().to_string()),
            "no hay archivo de resultados: todos los indicadores con meta quedan «sin reporte»",
        ));
    } else if !resultados_sheets.is_empty() {
        problems.absorb(resultados::read(
            &resultados_sheets,
            &mut metas,
            config.anio,
        ));
    }
    let presupuesto = if presupuesto_sheets.is_empty() {
        Vec::new()
    } else {
        problems
            .absorb(presupuesto::read(
                &presupuesto_sheets,
                &mut metas,
                config.anio,
            ))
            .unwrap_or_default()
    };
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

/// How messages name a file: its path relative to the inputs folder.
fn relative_name(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}
