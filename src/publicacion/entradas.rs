//! The inputs of a run: the folder, its templates and the percent
//! convention; read together, fingerprinted for the manifest.

use std::path::PathBuf;

use crate::config::{self, Config, Porcentajes};
use crate::error::{Error, Problems};
use crate::firma::Firmante;
use crate::input::{self, Kind};
use crate::model::Dataset;
use crate::publish::Huella;
use crate::render::Templates;

/// Where a run reads from.
#[derive(Clone, Debug)]
pub struct Entrada {
    /// The inputs folder (`inputs`).
    pub carpeta: PathBuf,
    /// The user's templates (`<carpeta>/plantillas` by default).
    pub plantillas: PathBuf,
    /// Overrides the configured percent convention.
    pub porcentajes: Option<Porcentajes>,
}

/// What [`cargar`] read: the settings, the data, the templates and the
/// certificate of `[firma]`.
pub struct Cargado {
    pub config: Config,
    pub dataset: Dataset,
    pub templates: Templates,
    /// Who signs the PDFs, opened and checked (`[firma]`), if anyone.
    pub firmante: Option<Firmante>,
}

/// Reads the inputs folder and the templates, reporting the problems of
/// both at once: a broken template does not wait for the data to be fixed.
/// `anio` is the year being published (of the period or of the report),
/// the plan's year when `lotaip.toml` does not say it.
pub fn cargar(e: &Entrada, anio: Option<i32>) -> Result<Cargado, Error> {
    let mut problems = Problems::default();
    let loaded = problems.absorb(input::load(&e.carpeta, e.porcentajes, anio));
    let templates = problems.absorb(Templates::load(Some(&e.plantillas)));
    // The certificate is opened and checked before anything is written.
    let firmante = match &loaded {
        Some((config, _)) => problems.absorb(crate::firma::abrir(config, &e.carpeta)),
        None => None,
    };
    match (loaded, templates, firmante) {
        (Some((config, dataset)), Some(templates), Some(firmante)) if problems.is_empty() => {
            Ok(Cargado {
                config,
                dataset,
                templates,
                firmante,
            })
        }
        _ => Err(problems.into_error()),
    }
}

/// SHA-256 and size of `lotaip.toml`, every data file read and every user
/// template; with `rendicion`, also the answers of the accountability form.
pub(super) fn huellas(e: &Entrada, c: &Cargado, rendicion: bool) -> Result<Vec<Huella>, Error> {
    let dir = &e.carpeta;
    let mut v = vec![Huella::of_file(
        config::ARCHIVO,
        &dir.join(config::ARCHIVO),
    )?];
    for f in &c.dataset.archivos {
        v.push(Huella::of_file(&f.nombre.replace('\\', "/"), &f.ruta)?);
    }
    if rendicion {
        for path in input::discover(dir)?.of(Kind::Rendicion) {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            v.push(Huella::of_file(&name, path)?);
        }
    }
    for name in &c.templates.overridden {
        v.push(Huella::of_file(
            &format!("plantillas/{name}"),
            &e.plantillas.join(name),
        )?);
    }
    v.sort_by(|a, b| a.archivo.cmp(&b.archivo));
    Ok(v)
}
