//! `lotaip iniciar`: starter inputs.

use lotaip::error::Error;
use lotaip::starter;

use crate::cli::Iniciar;

pub fn execute(a: &Iniciar) -> Result<(), Error> {
    let (written, skipped) = starter::write(&a.carpeta, a.formulario)?;
    for p in &written {
        say!("escrito: {}", p.display());
    }
    for p in &skipped {
        say!("ya existe, no se modifica: {}", p.display());
    }
    say!(
        "Complete lotaip.toml (institución y responsable) y llene metas.xlsx; luego ejecute «lotaip validar --entrada {} --periodo AAAA-MM» (o escriba «anio» en lotaip.toml).",
        a.carpeta.display()
    );
    Ok(())
}
