//! What each column of the starter workbooks holds, in Spanish, as the notes
//! of their header cells: the data contract (SPEC §1) where the planner
//! fills it in. The allowed values come from the program's vocabularies.

use crate::model::{Agregacion, Comportamiento, Medida, Periodicidad, Proceso, Sentido, TipoGasto};

const NUMEROS: &str = "Números: 1234,56, 1.234,56 o 1,234.56, con o sin $.";
const PORCENTAJES: &str = "Porcentajes: 85 %, 85,5 % o 0,85; sin «%», fracciones si todas las metas de la fila son como máximo 1, si no puntos. Una celda con formato de porcentaje (60 % escrito en la hoja de cálculo) vale lo que muestra.";
const PERIODO: &str =
    "Mes de cierre del período: 2025-03, 03/2025, marzo 2025, marzo, mar o una fecha.";

/// The note of a column of `kind` (`metas`, `resultados`, `presupuesto`),
/// when the contract says something about it.
pub(super) fn nota(kind: &str, key: &str) -> Option<String> {
    let mes = crate::model::MESES_CORTOS
        .iter()
        .position(|m| *m == key)
        .map(|i| crate::model::MESES[i]);
    if let Some(mes) = mes {
        return Some(format!(
            "Meta del período que cierra en {mes}. Al menos un mes con meta, salvo que haya meta_cuantificable; un indicador trimestral tiene metas en mar, jun, sep y dic. {NUMEROS} {PORCENTAJES}"
        ));
    }
    let texto = match (kind, key) {
        ("metas", "unidad") => "Nombre de la unidad administrativa, p. ej. «Dirección Provincial Azuay». Obligatoria. Una fila por unidad e indicador; las unidades se publican en el orden de este archivo.".to_string(),
        ("metas", "proceso") => format!("Nivel de proceso de la unidad. Obligatorio. Valores: {}; se aceptan también los títulos de sección publicados (p. ej. «PROCESOS DESCENTRALIZADOS»).", Proceso::valores()),
        ("metas", "provincia") => "Una de las 24 provincias del Ecuador. Obligatoria para las unidades de proceso desconcentrado. Se acepta sin tildes o en mayúsculas («Los Rios», «LOS RÍOS», «Santo Domingo») y se publica con su nombre oficial.".to_string(),
        ("metas", "zona") => "Zona de planificación: un número del 1 al 9. Opcional.".to_string(),
        ("metas", "objetivo") => "Objetivo de la unidad. Obligatorio. Los indicadores de un mismo objetivo se agrupan en la matriz.".to_string(),
        ("metas", "codigo") => "Código del indicador, p. ej. «IE-DSSC-NA-18». Opcional. Si la unidad repite un código, el nombre del indicador los distingue.".to_string(),
        ("metas", "indicador") => "Nombre del indicador. Obligatorio.".to_string(),
        ("metas", "medida") => format!("Qué mide el indicador: {} (monto en dólares, índice un puntaje o una razón). Vacía: se deduce de la primera palabra del nombre («Porcentaje…», «Número…», «Monto…», «Tiempo…») y se avisa; conviene escribirla.", Medida::valores()),
        ("metas", "sentido") => format!("{}: «creciente» (por omisión) cuando más es mejor, «decreciente» cuando menos es mejor.", Sentido::valores()),
        ("metas", "comportamiento") => format!("{}: «continuo» si cada meta y resultado es el valor acumulado a la fecha (alias «acumulado»); «discreto» (por omisión) si es el valor propio de cada período (alias «por período»).", Comportamiento::valores()),
        ("metas", "periodicidad") => format!("Cada cuánto tiene meta el indicador: {}. Vacía: se deduce de los meses con meta (si no encaja, mensual).", Periodicidad::valores()),
        ("metas", "agregacion_anual") => format!("Cómo se hace la cifra del año con los períodos: {}. Vacía: «ultimo» para continuo; «promedio» para porcentaje, tiempo e índice; «suma» para número y monto.", Agregacion::valores()),
        ("metas", "meta_anual") => format!("Meta del año. Opcional: si falta, se calcula como dice agregacion_anual. {NUMEROS} {PORCENTAJES}"),
        ("metas", "meta_cuantificable") => "Texto que se publica en la matriz como meta, p. ej. «85% mensual». Opcional: si falta, se publica la meta del último período cerrado con la periodicidad. Un indicador sin metas mensuales y con este texto se publica pero no se evalúa.".to_string(),
        ("metas", "numero_meta") => "Número propio de la meta en el formulario de rendición de cuentas del CPCCS («NO. DE META»). Opcional: si falta, se usa el código del indicador y, sin código, el orden de la meta en el informe.".to_string(),
        ("resultados", "unidad") => "La unidad, escrita como en metas. Obligatoria. Una fila por unidad, indicador y período.".to_string(),
        ("resultados", "codigo") => "Código del indicador, como en metas. Hace falta el código o el nombre del indicador, o ambos si la unidad repite un código.".to_string(),
        ("resultados", "indicador") => "Nombre del indicador, como en metas: sin código, o para distinguir dos indicadores de la unidad con el mismo código.".to_string(),
        ("resultados", "periodo") => format!("{PERIODO} Obligatorio."),
        ("resultados", "valor") => format!("El resultado del período. Obligatorio. En los indicadores continuos, el valor acumulado desde enero. Mismas reglas que las metas del indicador. {NUMEROS} {PORCENTAJES}"),
        ("resultados", "observacion") => "Texto libre que se muestra junto a la cifra. Opcional.".to_string(),
        ("resultados", "medio_verificacion") => "Enlace a la evidencia, que empiece por https:// o http://. Opcional.".to_string(),
        ("presupuesto", "unidad") => "La unidad, escrita como en metas. Una fila por unidad, mes y tipo de gasto.".to_string(),
        ("presupuesto", "periodo") => format!("{PERIODO} Se usa la última línea de cada unidad y tipo hasta el mes del informe."),
        ("presupuesto", "tipo") => format!("Tipo de gasto: {}.", TipoGasto::valores()),
        ("presupuesto", "codificado") => format!("Presupuesto codificado (la asignación vigente), en dólares, no negativo. {NUMEROS}"),
        ("presupuesto", "devengado") => format!("Lo devengado (ejecutado) desde enero hasta ese mes, en dólares, no negativo. {NUMEROS}"),
        _ => return None,
    };
    Some(texto)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{metas, presupuesto, resultados};

    #[test]
    fn every_column_of_the_contract_has_a_note() {
        for schema in [&metas::SCHEMA, &resultados::SCHEMA, &presupuesto::SCHEMA] {
            for c in schema.columns {
                let n = nota(schema.kind, c.key);
                assert!(n.is_some(), "{} {}", schema.kind, c.key);
            }
        }
        let medida = nota("metas", "medida").unwrap_or_default();
        assert!(medida.contains("«porcentaje», «numero», «monto», «tiempo» o «indice»"));
        assert!(nota("metas", "mar").unwrap_or_default().contains("marzo"));
        assert_eq!(nota("metas", "otra"), None);
    }
}
