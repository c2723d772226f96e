//! `lotaip generar`: the month's publication.

use lotaip::error::Error;
use lotaip::publicacion::{self, Etapa, Mensual, Salida};
use lotaip::publish::Inicio;

use super::progreso::Progreso;
use super::resumen;
use crate::cli::Generar;

pub fn execute(a: &Generar) -> Result<(), Error> {
    let inicio = Inicio::ahora();
    let progreso = Progreso::new(publicacion::etapas_mensuales());
    let m = Mensual {
        entrada: a.entrada.publicacion(),
        periodo: a.periodo,
        salida: Salida {
            carpeta: a.salida.clone(),
            espera: a.espera.duracion(),
        },
        fecha: a.fecha,
    };
    let hecho = publicacion::mensual(&m, inicio, &mut |etapa| match etapa {
        Etapa::Leyendo(dir) => progreso.etapa(&format!("Leyendo entradas de {}", dir.display())),
        Etapa::Calculando(p) => progreso.etapa(&format!("Calculando {}", p.nombre())),
        Etapa::Comparando => progreso.etapa("Comparando con la publicación del mes anterior"),
        Etapa::Generando(nombre) => progreso.etapa(&format!("Generando {nombre}")),
        Etapa::Escribiendo { archivos, carpeta } => progreso.etapa(&format!(
            "Escribiendo {archivos} archivos en {}",
            carpeta.display()
        )),
        Etapa::Paso(paso) => progreso.paso(paso),
        Etapa::Publicando(dir) => progreso.etapa(&format!("Publicando {}", dir.display())),
    })?;
    progreso.terminar();
    resumen::imprimir(&hecho);
    say!("Tiempo: {}", progreso.segundos());
    Ok(())
}
