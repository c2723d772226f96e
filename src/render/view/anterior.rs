//! The previous month's publication, read back to tell what changed: its
//! `cifras_AAAA-MM.json` is the sibling folder's snapshot of the figures.
//! January has none (the plan is yearly). A missing or unreadable snapshot is
//! not an error: the run says why it did not compare and goes on.

use std::path::Path;

use super::cambios::{Cambios, comparar};
use super::cifras::Cifras;
use crate::model::Periodo;

/// The largest snapshot read: a 50,000-row plan's is about 20 MiB.
const MAX_CIFRAS_BYTES: u64 = 256 * 1024 * 1024;

/// Compares `actuales` with the publication of the month before `periodo`
/// under `root`.
pub(crate) fn cambios(root: &Path, periodo: Periodo, actuales: &Cifras) -> Cambios {
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
    // Only lotaip's own folder is read, never what a link points to.
    if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
        return Cambios::SinAnterior(format!(
            "No hay publicación de {} (carpeta {previo}): no se compara con el mes anterior.",
            previo.nombre()
        ));
    }
    // Messages name the file relative to the output root: they are published.
    let name = format!("{previo}/cifras_{previo}.json");
    let file = root.join(&name);
    let text = match crate::fs::read_regular_nofollow(&file, MAX_CIFRAS_BYTES) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Cambios::SinAnterior(format!(
                "La publicación de {} no tiene {} (se generó con una versión anterior del programa): no se compara con el mes anterior.",
                previo.nombre(),
                name
            ));
        }
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::FileTooLarge => "pesa más de 256 MiB".to_string(),
                std::io::ErrorKind::InvalidInput => "no es un archivo normal".to_string(),
                _ => crate::error::io_es(&e),
            };
            return Cambios::SinAnterior(format!(
                "No se pudo leer {name} ({why}); no se compara con el mes anterior."
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
            "{name} no es válido (línea {}): no se compara con el mes anterior.",
            e.line()
        )),
    }
}
