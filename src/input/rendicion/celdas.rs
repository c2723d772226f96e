//! One answer read as its column's type, and the fixed row of the form a row
//! names by its labels.

use super::*;

pub(super) fn valor(f: &mut Fields, key: &str, tipo: Tipo) -> Valor {
    let cell = f.cell(key);
    if cell.is_blank() {
        return Valor::Vacio;
    }
    match tipo {
        Tipo::Etiqueta | Tipo::Texto => f.text(key).map_or(Valor::Vacio, Valor::Texto),
        Tipo::SiNo => match f.text(key) {
            Some(t) if folds_to(&t, "si") => Valor::SiNo(true),
            Some(t) if folds_to(&t, "no") => Valor::SiNo(false),
            Some(t) => {
                f.problem(key, format!("se esperaba SI o NO; se encontró «{t}»"));
                Valor::Vacio
            }
            None => Valor::Vacio,
        },
        Tipo::Enlace => match f.text(key) {
            Some(t) if folds_to(&t, "noaplica") => Valor::NoAplica,
            Some(t) if crate::text::looks_like_url(&t) => Valor::Enlace(t),
            Some(t) => {
                f.problem(key, format!("se esperaba un enlace que empiece por https:// o http://, o NO APLICA; se encontró «{t}»"));
                Valor::Vacio
            }
            None => Valor::Vacio,
        },
        Tipo::Entero | Tipo::Monto | Tipo::Porcentaje => {
            let Some(raw) = f.number(key) else {
                return Valor::Vacio;
            };
            let v = raw.value;
            let bad = match tipo {
                Tipo::Entero => (v.is_sign_negative() || v.fract() != Decimal::ZERO)
                    .then_some("un número entero no negativo"),
                Tipo::Monto => (raw.percent_sign || v.is_sign_negative())
                    .then_some("un monto en USD no negativo"),
                _ => (v.is_sign_negative() || v > Decimal::ONE_HUNDRED)
                    .then_some("un porcentaje entre 0 y 100"),
            };
            if let Some(what) = bad {
                f.problem(
                    key,
                    format!("se esperaba {what}; se encontró «{}»", cell.shown()),
                );
                return Valor::Vacio;
            }
            Valor::Numero(v)
        }
        Tipo::Fecha => match cell {
            Cell::Date(d) => Valor::Fecha(*d),
            _ => {
                let t = cell.shown();
                match NaiveDate::parse_from_str(&t, "%d/%m/%Y")
                    .or_else(|_| NaiveDate::parse_from_str(&t, "%Y-%m-%d"))
                {
                    Ok(d) => Valor::Fecha(d),
                    Err(_) => {
                        f.problem(
                            key,
                            format!("se esperaba una fecha DD/MM/AAAA; se encontró «{t}»"),
                        );
                        Valor::Vacio
                    }
                }
            }
        },
    }
}

/// The fixed row a row's labels name.
pub(super) fn fixed_row(s: &Seccion, fila: &Fila) -> Result<usize, String> {
    let labels: Vec<String> = s
        .columnas
        .iter()
        .zip(&fila.valores)
        .filter(|(c, _)| c.tipo == Tipo::Etiqueta)
        .map(|(_, v)| match v {
            Valor::Texto(t) => fold_key(t),
            _ => String::new(),
        })
        .collect();
    s.filas_fijas
        .iter()
        .position(|f| f.iter().zip(&labels).all(|(a, b)| folds_to(a, b)))
        .ok_or_else(|| {
            let shown: Vec<String> = s.filas_fijas.iter().map(|f| f.join(" — ")).collect();
            format!(
                "fila desconocida en «{}»; se esperaba una de: {}",
                s.clave,
                shown.join("; ")
            )
        })
}
