//! Plausibility of the answers (warnings, never a refusal): figures that can
//! be written but hardly be true, such as more contracts finished than
//! awarded, or a public deliberation held outside the year after the report's.

use super::*;

/// The kind of these warnings, as `[avisos] conocidos` names it.
pub(crate) const RESPUESTA_INVEROSIMIL: &str = "respuesta inverosímil";

/// Adds a warning to `out` for every implausible answer of the year `anio`.
pub(super) fn revisar(out: &mut Respuestas, anio: i32) {
    let mut avisos = Vec::new();
    for ((_, clave), filas) in &out.filas {
        let Some(s) = Seccion::por_clave(clave) else {
            continue;
        };
        for f in filas {
            for m in fila(s, f, anio) {
                avisos.push(Warning::new(RESPUESTA_INVEROSIMIL, f.origen.clone(), m));
            }
        }
    }
    out.avisos.extend(avisos);
}

/// The implausible answers of one row.
fn fila(s: &Seccion, f: &Fila, anio: i32) -> Vec<String> {
    let num = |k: &str| match f.valor(s, k) {
        Valor::Numero(d) => Some(*d),
        _ => None,
    };
    let titulo = |k: &str| s.columna(k).map_or("", |c| c.titulo);
    let mut out = Vec::new();
    let mut mayor = |parte: &str, todo: &str, fmt: fn(Decimal) -> String| {
        if let (Some(p), Some(t)) = (num(parte), num(todo))
            && p > t
        {
            out.push(format!(
                "«{}» ({}) es mayor que «{}» ({}): no se finalizan más procesos de los adjudicados",
                titulo(parte),
                fmt(p),
                titulo(todo),
                fmt(t)
            ));
        }
    };
    match s.clave {
        "contratacion" => {
            mayor(
                "numero_finalizados",
                "numero_adjudicados",
                crate::format::numero,
            );
            mayor("valor_finalizados", "valor_adjudicados", crate::format::usd);
        }
        "deliberacion" => {
            if let Valor::Fecha(d) = f.valor(s, "fecha")
                && chrono::Datelike::year(d) != anio + 1
            {
                out.push(format!(
                    "la deliberación pública del informe de {anio} se realiza después del cierre del año, en {}; la fecha {} cae fuera de ese año",
                    anio + 1,
                    crate::format::fecha(*d)
                ));
            }
        }
        "compromisos" => {
            if let (Valor::SiNo(false), Some(p)) = (f.valor(s, "incorporado"), num("avance"))
                && p > Decimal::ZERO
            {
                out.push(format!(
                    "el aporte no se incorporó (NO) pero su avance de cumplimiento es {}",
                    crate::format::pct(p)
                ));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::prueba::{fila as row, n};
    use super::*;

    #[test]
    fn more_contracts_finished_than_awarded_is_implausible() {
        let (s, f) = row(
            "contratacion",
            &[
                ("numero_adjudicados", n(325)),
                ("numero_finalizados", n(400)),
            ],
        );
        assert_eq!(
            fila(s, &f, 2023),
            [
                "«Número Total Finalizados» (400) es mayor que «Número Total Adjudicados» (325): no se finalizan más procesos de los adjudicados"
            ]
        );
        let (s, f) = row(
            "contratacion",
            &[
                ("numero_adjudicados", n(325)),
                ("numero_finalizados", n(325)),
            ],
        );
        assert!(fila(s, &f, 2023).is_empty());
    }

    #[test]
    fn the_deliberation_falls_in_the_year_after_the_report() {
        let d = |y, m, dd| Valor::Fecha(NaiveDate::from_ymd_opt(y, m, dd).expect("a date"));
        let (s, f) = row("deliberacion", &[("fecha", d(2024, 3, 20))]);
        assert!(fila(s, &f, 2023).is_empty(), "the seed's own date");
        assert_eq!(fila(s, &f, 2025).len(), 1);
        let (s, f) = row("deliberacion", &[("fecha", d(2023, 6, 1))]);
        assert_eq!(fila(s, &f, 2023).len(), 1);
    }
}
