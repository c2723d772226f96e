//! One module per command, each with an `execute`.

mod generar;
mod iniciar;
mod plantillas;
mod progreso;
mod rendicion;
mod resumen;
mod validar;
mod verificar;

use lotaip::config::{self, Config};
use lotaip::error::{Error, Problems};
use lotaip::input::{self, Kind};
use lotaip::model::Dataset;
use lotaip::publish::Huella;
use lotaip::render::Templates;

use crate::cli::{Command, Entrada};

/// Runs a command.
pub fn execute(command: Command) -> Result<(), Error> {
    match command {
        Command::Generar(a) => generar::execute(&a),
        Command::Rendicion(a) => rendicion::execute(&a),
        Command::Validar(a) => validar::execute(&a),
        Command::Iniciar(a) => iniciar::execute(&a),
        Command::Plantillas(a) => plantillas::execute(&a),
        Command::Verificar(a) => verificar::execute(&a),
    }
}

/// Reads the inputs folder and the templates, reporting the problems of
/// both at once: a broken template does not wait for the data to be fixed.
pub fn cargar(e: &Entrada) -> Result<(Config, Dataset, Templates), Error> {
    let mut problems = Problems::default();
    let loaded = problems.absorb(input::load(&e.entrada, e.porcentajes));
    let templates = problems.absorb(Templates::load(Some(&e.plantillas())));
    match (loaded, templates) {
        (Some((c, d)), Some(t)) if problems.is_empty() => Ok((c, d, t)),
        _ => Err(problems.into_error()),
    }
}

/// SHA-256 and size of `lotaip.toml`, every data file read and every user
/// template; with `rendicion`, also the answers of the accountability form.
pub fn huellas_de_entrada(
    e: &Entrada,
    ds: &Dataset,
    templates: &Templates,
    rendicion: bool,
) -> Result<Vec<Huella>, Error> {
    let dir = &e.entrada;
    let mut v = vec![Huella::of_file(
        config::ARCHIVO,
        &dir.join(config::ARCHIVO),
    )?];
    for f in &ds.archivos {
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
    let plantillas = e.plantillas();
    for name in &templates.overridden {
        v.push(Huella::of_file(
            &format!("plantillas/{name}"),
            &plantillas.join(name),
        )?);
    }
    v.sort_by(|a, b| a.archivo.cmp(&b.archivo));
    Ok(v)
}
