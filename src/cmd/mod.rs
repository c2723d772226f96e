//! One module per command, each with an `execute`.

mod generar;
mod iniciar;
mod plantillas;
mod progreso;
mod rendicion;
mod resumen;
mod revisar;
mod validar;
mod verificar;

use lotaip::error::Error;

use crate::cli::Command;

/// Runs a command.
pub fn execute(command: Command) -> Result<(), Error> {
    match command {
        Command::Generar(a) => generar::execute(&a),
        Command::Rendicion(a) => rendicion::execute(&a),
        Command::Validar(a) => validar::execute(&a),
        Command::Iniciar(a) => iniciar::execute(&a),
        Command::Plantillas(a) => plantillas::execute(&a),
        Command::Verificar(a) => verificar::execute(&a),
        Command::Revisar(a) => revisar::execute(&a),
    }
}
