//! `lotaip plantillas`: copies the default templates out for editing.

use lotaip::error::Error;
use lotaip::render::Templates;

use crate::cli::Plantillas;

pub fn execute(a: &Plantillas) -> Result<(), Error> {
    let written = Templates::export(&a.destino)?;
    for p in &written {
        say!("escrita: {}", p.display());
    }
    if written.is_empty() {
        say!(
            "Las plantillas ya estaban en {}; no se modificó nada.",
            a.destino.display()
        );
    } else {
        say!(
            "Edite las plantillas en {}; las que deje sin cambios puede borrarlas.",
            a.destino.display()
        );
    }
    Ok(())
}
