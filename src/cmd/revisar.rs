//! `lotaip revisar`: a numeral's files for the Portal Nacional de
//! Transparencia against the criteria that can be judged offline. Writes
//! nothing; exits with 1 when a criterion fails.

use lotaip::error::Error;
use lotaip::publish;
use lotaip::render::Templates;

use crate::cli::Revisar;

/// Faults shown per criterion; the rest are counted.
const MOSTRADOS: usize = 20;

/// Today's date in continental Ecuador (UTC−5 all year, the time of the
/// portal's deadlines), whatever the time zone of the machine: a server
/// kept in UTC would otherwise be a day ahead from 19:00.
fn hoy_en_ecuador() -> chrono::NaiveDate {
    let utc = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    (utc - chrono::TimeDelta::hours(5)).date_naive()
}

pub fn execute(a: &Revisar) -> Result<(), Error> {
    let templates = Templates::load(Some(&a.plantillas))?;
    let n = &templates.numeral;
    let hoy = a.hoy.unwrap_or_else(hoy_en_ecuador);
    let r = publish::revisar(&a.carpeta, n, hoy)?;
    say!(
        "Revisión para el Portal Nacional de Transparencia: numeral {} ({}), {}",
        n.numeral,
        n.titulo.to_lowercase(),
        r.carpeta.display()
    );
    say!("Fecha de la revisión: {}", lotaip::format::fecha(hoy));
    if r.archivos.is_empty() {
        say!("Archivos: ninguno");
    } else {
        say!("Archivos: {}", r.archivos.join("; "));
    }
    say!("");
    for c in &r.criterios {
        let estado = if c.cumple { "cumple" } else { "NO CUMPLE" };
        // A single fault is the criterion's line itself.
        if let ([d], 1) = (c.detalles.as_slice(), c.faltas) {
            say!("[{estado}] {}: {d}", c.nombre);
        } else {
            say!("[{estado}] {}: {}", c.nombre, c.resumen);
        }
        for d in c.detalles.iter().take(MOSTRADOS).filter(|_| c.faltas > 1) {
            say!("    - {d}");
        }
        if c.faltas > MOSTRADOS {
            say!(
                "    … y {} más",
                lotaip::format::numero((c.faltas - MOSTRADOS).into())
            );
        }
        for v in &c.avisos {
            say!("    aviso: {v}");
        }
    }
    say!("");
    let fallidos = r.fallidos();
    if fallidos == 0 {
        say!(
            "Cumple los {} criterios que se revisan sin conexión; que los enlaces abran y la calificación final son del portal.",
            r.criterios.len()
        );
        Ok(())
    } else {
        Err(Error::NoCumple {
            carpeta: r.carpeta,
            n: fallidos,
        })
    }
}
