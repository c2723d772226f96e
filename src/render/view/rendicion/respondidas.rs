//! The answered sections of the form, with the form's stand-ins where nothing
//! was answered, and the procurement total.

use super::*;

/// The mark of a section the entity did not answer.
pub(crate) const SIN_RESPONDER: &str = "Sección sin responder";

pub(super) fn answered(
    ds: &Dataset,
    config: &Config,
    r: &Rendicion,
    resp: &Respuestas,
    s: &'static Seccion,
) -> Tabla {
    let filas = resp.de(r.entidad, s.clave);
    let sin_responder = resp.sin_responder(r.entidad, s);
    if s.forma == Forma::Ficha {
        let fila = filas.first();
        let rows = s
            .columnas
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = fila.map_or(&Valor::Vacio, |f| &f.valores[i]);
                let value = match (v, c.clave) {
                    (Valor::Vacio, "nombre_unidad") => {
                        Celda::texto(ds.nombre_entidad(r.entidad, &config.institucion.nombre))
                    }
                    (Valor::Vacio, "pertenece_a") => {
                        Celda::texto(config.institucion.nombre.clone())
                    }
                    (Valor::Vacio, _) if fila.is_none() => Celda::texto("S/N"),
                    _ => cell(c, v),
                };
                vec![Celda::texto(c.titulo).clase("etiqueta"), value]
            })
            .collect();
        return Tabla {
            titulo: s.titulo.into(),
            hoja: hoja(s.clave),
            encabezado: Vec::new(),
            filas: rows,
            columnas: 2,
            anchos: vec![45, 55],
            anchos_en_pdf: true,
            sin_responder,
        };
    }
    let cols: Vec<&Columna> = s.columnas.iter().collect();
    let mut rows: Vec<Vec<Celda>> = Vec::new();
    if !s.filas_fijas.is_empty() {
        for fixed in s.filas_fijas {
            let answer = filas.iter().find(|f| labels_match(s, f, fixed));
            let mut k = 0;
            rows.push(
                cols.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if c.tipo == Tipo::Etiqueta {
                            k += 1;
                            return Celda::texto(fixed[k - 1]);
                        }
                        match answer {
                            Some(f) => cell(c, &f.valores[i]),
                            None if c.tipo == Tipo::Enlace => Celda::texto("NO APLICA"),
                            None => Celda::texto("S/N").clase("centro"),
                        }
                    })
                    .collect(),
            );
        }
    } else if filas.is_empty() {
        // No stand-in answer («NINGUNO 0 $ 0,00»): it would read as given.
        rows.push(vec![
            Celda::texto(SIN_RESPONDER.to_uppercase())
                .clase("centro")
                .span(cols.len(), 1),
        ]);
    } else {
        rows.extend(filas.iter().map(|f| {
            cols.iter()
                .zip(&f.valores)
                .map(|(c, v)| cell(c, v))
                .collect()
        }));
    }
    if s.clave == "contratacion" && !sin_responder {
        rows.push(contratacion_total(s, filas));
    }
    Tabla {
        titulo: s.titulo.into(),
        hoja: hoja(s.clave),
        encabezado: header(&cols),
        filas: rows,
        columnas: cols.len(),
        anchos: widths(s, &cols),
        anchos_en_pdf: false,
        sin_responder,
    }
}

/// The computed total row of the procurement section.
pub(super) fn contratacion_total(s: &Seccion, filas: &[Fila]) -> Vec<Celda> {
    let sum = |k: &str| -> Decimal {
        filas
            .iter()
            .map(|f| {
                if let Valor::Numero(d) = f.valor(s, k) {
                    *d
                } else {
                    Decimal::ZERO
                }
            })
            .sum()
    };
    vec![
        Celda::texto("TOTAL").clase("total"),
        Celda::numero(sum("numero_adjudicados"), Formato::Entero),
        Celda::numero(sum("valor_adjudicados"), Formato::Usd),
        Celda::numero(sum("numero_finalizados"), Formato::Entero),
        Celda::numero(sum("valor_finalizados"), Formato::Usd),
        Celda::texto(""),
    ]
    .into_iter()
    .map(|c| {
        if c.clase.is_empty() || c.clase == "num" {
            Celda {
                clase: format!("{} total", c.clase).trim().to_string(),
                ..c
            }
        } else {
            c
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn the_procurement_total_adds_every_row() {
        let s = SECCIONES
            .iter()
            .find(|s| s.clave == "contratacion")
            .expect("the section");
        let row = |adj: i64, valor: &str| {
            let mut v = vec![Valor::Vacio; s.columnas.len()];
            for (k, val) in [
                ("numero_adjudicados", Valor::Numero(Decimal::from(adj))),
                ("valor_adjudicados", Valor::Numero(valor.parse().unwrap())),
            ] {
                let i = s.columnas.iter().position(|c| c.clave == k).unwrap();
                v[i] = val;
            }
            Fila {
                valores: v,
                origen: Location::default(),
            }
        };
        let total = contratacion_total(s, &[row(300, "4658266.22"), row(314, "1149741.23")]);
        let texts: Vec<&str> = total.iter().map(|c| c.texto.as_str()).collect();
        assert_eq!(texts[..3], ["TOTAL", "614", "$ 5.808.007,45"]);
        assert!(total.iter().all(|c| c.clase.contains("total")), "{total:?}");
    }
}
