//! `lotaip verificar`: checks a published folder against its manifest and,
//! optionally, an inputs folder against the manifest's input fingerprints.
//! Writes nothing.

use lotaip::error::Error;
use lotaip::publish;

use crate::cli::Verificar;

pub fn execute(a: &Verificar) -> Result<(), Error> {
    let v = publish::verify(&a.carpeta)?;
    let m = &v.manifest;
    say!(
        "Publicación {} — {}, período {} (fecha de actualización {}), generada por {} {}",
        a.carpeta.display(),
        m.institucion,
        m.periodo,
        chrono::NaiveDate::parse_from_str(&m.fecha_actualizacion, "%Y-%m-%d")
            .map(lotaip::format::fecha)
            .unwrap_or_else(|_| m.fecha_actualizacion.clone()),
        m.herramienta,
        m.version
    );
    let mut diferencias = v.diferencias.len();
    for d in &v.diferencias {
        say!("  {d}");
    }
    if v.diferencias.is_empty() {
        say!(
            "Los {} archivos coinciden con el manifiesto (tamaño y SHA-256); no sobra ninguno.",
            v.revisados
        );
    }
    if let Some(f) = &m.firma {
        let malas = v
            .diferencias
            .iter()
            .filter(|d| matches!(d, publish::Diferencia::Firma { .. }))
            .count();
        say!(
            "Firma electrónica: {} de {} PDF firmados válidamente por {} (certificado de {}, SHA-256 {}…, válido hasta el {}).",
            v.firmas - malas,
            v.firmas,
            f.titular,
            f.emisor,
            f.sha256.get(..16).unwrap_or(&f.sha256),
            chrono::NaiveDate::parse_from_str(&f.valido_hasta, "%Y-%m-%d")
                .map(lotaip::format::fecha)
                .unwrap_or_else(|_| f.valido_hasta.clone()),
        );
    }
    if let Some(entrada) = &a.entrada {
        let d = publish::verify_inputs(m, entrada)?;
        if d.is_empty() {
            say!(
                "Las {} entradas de {} (lotaip.toml, los archivos de datos y las plantillas propias) son las del manifiesto.",
                m.entradas.len(),
                entrada.display()
            );
        } else {
            say!("Entradas de {}:", entrada.display());
            for x in &d {
                say!("  {x}");
            }
        }
        diferencias += d.len();
    }
    if diferencias > 0 {
        return Err(Error::Discrepancias {
            carpeta: a.carpeta.clone(),
            n: diferencias,
        });
    }
    Ok(())
}
