//! SPEC 1.4's checks across the columns of one answered row.

use super::*;

/// SPEC 1.4 checks across a row's columns: (column, message) for each failure.
pub(super) fn rules(s: &'static Seccion, fila: &Fila) -> Vec<(&'static str, String)> {
    let num = |k: &str| match fila.valor(s, k) {
        Valor::Numero(d) => *d,
        _ => Decimal::ZERO,
    };
    let titulo = |k: &'static str| s.columna(k).map_or(k, |c| c.titulo);
    let mut out = Vec::new();
    for r in s.reglas {
        match *r {
            Regla::Suma { total, partes } => {
                let sum: Decimal = partes.iter().map(|p| num(p)).sum();
                // Which part is wrong cannot be told; the cell the parts
                // disagree with is the total's, and every part is named
                // with its value.
                if sum != num(total) {
                    let names: Vec<String> = partes
                        .iter()
                        .map(|p| format!("{} {}", titulo(p), num(p)))
                        .collect();
                    out.push((
                        total,
                        format!(
                            "el desglose no suma el total: {} = {} pero «{}» es {}",
                            names.join(" + "),
                            sum,
                            titulo(total),
                            num(total)
                        ),
                    ));
                }
            }
            Regla::Hasta100 { partes } => {
                let sum: Decimal = partes.iter().map(|p| num(p)).sum();
                if sum > Decimal::ONE_HUNDRED {
                    out.push((
                        partes[0],
                        format!("los porcentajes suman {sum} %, más de 100 %"),
                    ));
                }
            }
            Regla::EnlaceSegun { si_no, enlace } => {
                match (fila.valor(s, si_no), fila.valor(s, enlace)) {
                    (Valor::SiNo(true), Valor::Vacio | Valor::NoAplica) => out.push((
                        enlace,
                        "con SI se requiere el enlace al medio de verificación (https://…)"
                            .to_string(),
                    )),
                    (Valor::SiNo(false), Valor::Enlace(_)) => out.push((
                        enlace,
                        "con NO el enlace debe quedar vacío o decir NO APLICA".to_string(),
                    )),
                    _ => {}
                }
            }
            Regla::NumeroSegun { si_no, numero } => match fila.valor(s, si_no) {
                Valor::SiNo(true) if num(numero) < Decimal::ONE => {
                    out.push((numero, "con SI el número debe ser al menos 1".to_string()))
                }
                Valor::SiNo(false) if num(numero) > Decimal::ZERO => {
                    out.push((numero, "con NO el número debe ser 0".to_string()))
                }
                _ => {}
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::prueba::{fila, n};
    use super::*;

    fn messages(clave: &str, valores: &[(&str, Valor)]) -> Vec<String> {
        let (s, f) = fila(clave, valores);
        rules(s, &f).into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn a_breakdown_that_does_not_add_up_names_the_total_and_every_part() {
        let (s, f) = fila(
            "deliberacion",
            &[
                ("usuarios", n(235)),
                ("masculino", n(100)),
                ("femenino", n(135)),
                ("mestizo", n(230)),
            ],
        );
        let r = rules(s, &f);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "usuarios");
        assert_eq!(
            r[0].1,
            "el desglose no suma el total: MONTUBIO 0 + MESTIZO 230 + CHOLO 0 + INDÍGENA 0 + AFROECUATORIANO 0 = 230 pero «N.º DE USUARIOS» es 235"
        );
    }

    #[test]
    fn shares_of_one_budget_add_up_to_at_most_100() {
        let over = messages(
            "difusion",
            &[
                ("pct_local", n(50)),
                ("pct_nacional", n(40)),
                ("pct_internacional", n(20)),
            ],
        );
        assert_eq!(over, vec!["los porcentajes suman 110 %, más de 100 %"]);
        let fine = messages(
            "difusion",
            &[
                ("pct_local", n(50)),
                ("pct_nacional", n(40)),
                ("pct_internacional", n(10)),
            ],
        );
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn a_link_follows_its_answer() {
        let link = Valor::Enlace("https://www.ejemplo.gob.ec/acta".into());
        let no_with_link = messages(
            "participacion",
            &[
                ("implementado", Valor::SiNo(false)),
                ("enlace", link.clone()),
            ],
        );
        assert_eq!(
            no_with_link,
            vec!["con NO el enlace debe quedar vacío o decir NO APLICA"]
        );
        let no_without = messages(
            "participacion",
            &[
                ("implementado", Valor::SiNo(false)),
                ("enlace", Valor::NoAplica),
            ],
        );
        assert!(no_without.is_empty(), "{no_without:?}");
        let si_without = messages(
            "participacion",
            &[("implementado", Valor::SiNo(true)), ("numero", n(2))],
        );
        assert_eq!(
            si_without,
            vec!["con SI se requiere el enlace al medio de verificación (https://…)"]
        );
        let si_with = messages(
            "participacion",
            &[
                ("implementado", Valor::SiNo(true)),
                ("numero", n(2)),
                ("enlace", link),
            ],
        );
        assert!(si_with.is_empty(), "{si_with:?}");
    }

    #[test]
    fn a_count_follows_its_answer() {
        let si_zero = messages(
            "participacion",
            &[
                ("implementado", Valor::SiNo(true)),
                ("numero", n(0)),
                ("enlace", Valor::Enlace("https://x.gob.ec/a".into())),
            ],
        );
        assert_eq!(si_zero, vec!["con SI el número debe ser al menos 1"]);
        let no_three = messages(
            "participacion",
            &[("implementado", Valor::SiNo(false)), ("numero", n(3))],
        );
        assert_eq!(no_three, vec!["con NO el número debe ser 0"]);
        let no_zero = messages(
            "participacion",
            &[("implementado", Valor::SiNo(false)), ("numero", n(0))],
        );
        assert!(no_zero.is_empty(), "{no_zero:?}");
    }
}
