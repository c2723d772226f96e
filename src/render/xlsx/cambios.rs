//! The «Cambios» sheet of the cumplimiento workbook: what changed since the
//! previous month's publication, one row per indicator added or removed and
//! per target or result that differs, with the value before and now.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cumplimiento::titulo;
use super::{Styles, cell_number, height, lines, tables};
use crate::render::RenderContext;
use crate::render::view::cambios::{Cambios, Conteo};

const H: [&str; 7] = [
    "Cambio",
    "Unidad",
    "Código",
    "Indicador",
    "Mes",
    "Antes",
    "Ahora",
];
const W: [f64; 7] = [16.0, 30.0, 14.0, 46.0, 10.0, 15.0, 15.0];

/// Writes the sheet.
pub(crate) fn hoja(
    ws: &mut Worksheet,
    ctx: &RenderContext,
    st: &mut Styles,
) -> Result<(), XlsxError> {
    ws.set_name("Cambios")?;
    tables::widths(ws, &W)?;
    let cols = W.len() as u16;
    let mut row = titulo(ws, ctx, st, "Cambios respecto del mes anterior", cols)?;
    super::print_setup(ws, row, &ctx.config.institucion.siglas)?;
    let texto = resumen(&ctx.cambios);
    ws.merge_range(row - 1, 0, row - 1, cols - 1, &texto, &st.label)?;
    ws.set_row_height(row - 1, height(lines(&texto, W.iter().sum())))?;
    row = tables::header_row(ws, st, row, &H, &W)?;
    ws.set_freeze_panes(row, 0)?;
    let first = row;
    for c in ctx.cambios.lista() {
        ws.write_string_with_format(row, 0, c.tipo.nombre(), &st.text)?;
        ws.write_string_with_format(row, 1, &c.unidad, &st.text)?;
        ws.write_string_with_format(row, 2, &c.codigo, &st.text)?;
        ws.write_string_with_format(row, 3, &c.indicador, &st.text)?;
        ws.write_string_with_format(row, 4, c.mes_nombre(), &st.text)?;
        for (col, v) in [(5, c.antes), (6, c.ahora)] {
            match v {
                Some(d) => {
                    let f = st.value(c.medida, d);
                    ws.write_number_with_format(row, col, cell_number(d), &f)?
                }
                None => ws.write_string_with_format(row, col, "", &st.text)?,
            };
        }
        let l = lines(&c.unidad, W[1]).max(lines(&c.indicador, W[3]));
        ws.set_row_height(row, height(l))?;
        row += 1;
    }
    if row > first {
        ws.autofilter(first - 1, 0, row - 1, cols - 1)?;
    }
    Ok(())
}

/// The sheet's first line, and the run summary's: what was compared and the counts.
pub fn resumen(cambios: &Cambios) -> String {
    match cambios {
        Cambios::NoComparado => "No se comparó con la publicación anterior.".to_string(),
        Cambios::SinAnterior(motivo) => motivo.clone(),
        Cambios::Comparado {
            anterior_nombre, ..
        } => format!(
            "Respecto de la publicación de {anterior_nombre}: {}.",
            conteo(&cambios.conteo())
        ),
    }
}

/// `2 indicadores nuevos, 1 retirado, 3 metas modificadas en 2 indicadores, 4 resultados revisados en 4 indicadores`.
pub(crate) fn conteo(n: &Conteo) -> String {
    if *n == Conteo::default() {
        return "sin cambios en indicadores, metas ni resultados".to_string();
    }
    let plural = |k: usize, uno: &str, varios: &str| {
        if k == 1 {
            format!("1 {uno}")
        } else {
            format!("{} {varios}", crate::format::numero(k.into()))
        }
    };
    let en = |k: usize| plural(k, "indicador", "indicadores");
    [
        plural(n.nuevos, "indicador nuevo", "indicadores nuevos"),
        plural(n.retirados, "indicador retirado", "indicadores retirados"),
        format!(
            "{} en {}",
            plural(n.metas, "meta modificada", "metas modificadas"),
            en(n.con_metas_modificadas)
        ),
        format!(
            "{} en {}",
            plural(n.resultados, "resultado revisado", "resultados revisados"),
            en(n.con_resultados_revisados)
        ),
    ]
    .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_words() {
        let n = Conteo {
            nuevos: 2,
            retirados: 1,
            con_metas_modificadas: 1,
            metas: 3,
            con_resultados_revisados: 0,
            resultados: 0,
        };
        assert_eq!(
            conteo(&n),
            "2 indicadores nuevos, 1 indicador retirado, 3 metas modificadas en 1 indicador, 0 resultados revisados en 0 indicadores"
        );
        assert_eq!(
            conteo(&Conteo::default()),
            "sin cambios en indicadores, metas ni resultados"
        );
    }
}
