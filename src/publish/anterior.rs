//! The previous month's publication, read back to tell what changed: its
//! `cifras_AAAA-MM.json` is the sibling folder's snapshot of the figures.
//! January has none (the plan is yearly). A missing or unreadable snapshot is
//! not an error: the run says why it did not compare and goes on.

use std::path::Path;

use crate::model::Periodo;
use crate::render::view::cambios::{Cambios, comparar};
use crate::render::view::cifras::Cifras;

/// Compares `actuales` with the publication of the month before `periodo`
/// under `root`.
pub fn cambios(root: &Path, periodo: Periodo, actuales: &Cifras) -> Cambios {
    if periodo.mes == 1 {
        return Cambios::SinAnterior(
            "Enero es el primer mes del plan: no hay publicación anterior con la que comparar."
                .to_string(),
        );
    }
    let previo = Periodo {
        anio: periodo.anio,
        mes: periodo.mes - 1,
    };
    let dir = root.join(previo.to_string());
    if !dir.is_dir() {
        return Cambios::SinAnterior(format!(
            "No hay publicación de {} (carpeta {previo}): no se compara con el mes anterior.",
            previo.nombre()
        ));
    }
    // Messages name the file relative to the output root: they are published.
    let name = format!("{previo}/cifras_{previo}.json");
    let file = root.join(&name);
    let text = match std::fs::read(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Cambios::SinAnterior(format!(
                "La publicación de {} no tiene {} (se generó con una versión anterior del programa): no se compara con el mes anterior.",
                previo.nombre(),
                name
            ));
        }
        Err(e) => {
            return Cambios::SinAnterior(format!(
                "No se pudo leer {name}: {e}; no se compara con el mes anterior."
            ));
        }
    };
    match serde_json::from_slice::<Cifras>(&text) {
        Ok(antes) => Cambios::Comparado {
            anterior: previo.to_string(),
            anterior_nombre: previo.nombre(),
            cambios: comparar(&antes, actuales),
        },
        Err(e) => Cambios::SinAnterior(format!(
            "{name} no es válido ({e}): no se compara con el mes anterior."
        )),
    }
}
