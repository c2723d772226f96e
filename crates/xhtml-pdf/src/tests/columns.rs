//! Column widths from the cells' text, as the accountability form's tables
//! need them.

use super::*;
use crate::style;

/// The accountability form's communication table: percentage widths from
/// the program, long header words, an empty text column.
fn difusion(cols: &str) -> String {
    let heads = [
        "MEDIOS DE VERIFICACIÓN",
        "No. DE MEDIOS",
        "PORCENTAJE DEL PPTO. DEL PAUTAJE QUE SE DESTINO A MEDIOS LOCALES Y REGIONALES",
        "PORCENTAJE DEL PPTO. DEL PAUTAJE QUE SE DESTINO A MEDIOS NACIONALES",
        "PORCENTAJE DEL PPTO. DEL PAUTAJE QUE SE DESTINO A MEDIOS INTERNACIONALES",
        "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PÁG. WEB DE LA INSTITUCIÓN",
        "NOMBRE DE LA RADIO",
        "MONTO",
        "MINUTOS",
    ];
    let mut b = format!("<table>{cols}<thead><tr>");
    for h in heads {
        b.push_str(&format!("<th>{h}</th>"));
    }
    b.push_str("</tr></thead><tbody>");
    for medio in ["Radio", "Prensa", "Televisión", "Medios digitales"] {
        b.push_str(&format!(
            "<tr><td>{medio}</td><td class=\"num\">0</td><td class=\"num\">0,00 %</td><td class=\"num\">0,00 %</td>\
             <td class=\"num\">0,00 %</td><td>NO APLICA</td><td></td><td class=\"num\">$ 0,00</td><td class=\"num\">0</td></tr>"
        ));
    }
    b.push_str("</tbody></table>");
    page(&b, "landscape")
}

/// The words of a cell as its lines show them.
fn shown_words(t: &TableTrace, head: bool, cell: usize) -> Vec<String> {
    let c = if head {
        &t.head.cells[cell]
    } else {
        &t.body.cells[cell]
    };
    c.lines
        .iter()
        .flat_map(|l| {
            let text: String = l.frags.iter().map(|f| f.text.as_str()).collect();
            text.split(' ').map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn no_header_word_is_split_while_the_widest_words_fit() {
    let widths = [6, 8, 8, 8, 8, 20, 23, 8, 8];
    let cols: String = widths
        .iter()
        .map(|w| format!("<col style=\"width: {w}%\"/>"))
        .collect();
    for colgroup in [format!("<colgroup>{cols}</colgroup>"), String::new()] {
        let (doc, l) = layout_xhtml(&difusion(&colgroup)).unwrap_or_else(|e| panic!("{e}"));
        let Some(dom::Block::Table(source)) = doc.blocks.first() else {
            panic!("a table first");
        };
        let t = table(&l);
        for (i, cell) in source.head[0].cells.iter().enumerate() {
            let text = crate::reader::plain_text(&cell.spans);
            let expected: Vec<&str> = text.split(' ').collect();
            assert_eq!(
                shown_words(t, true, i),
                expected,
                "header {i} with «{colgroup}»"
            );
        }
    }
}

#[test]
fn a_short_column_gets_no_more_than_its_text_needs() {
    let long = (0..80)
        .map(|i| WORDS[i % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let body = format!(
        "<table><thead><tr><th>NOMBRE DE LA RADIO</th><th>DESCRIPCIÓN DE RESULTADOS</th></tr></thead>\
         <tbody><tr><td></td><td>{long}</td></tr><tr><td>Radio Pública</td><td>corto</td></tr></tbody></table>"
    );
    let l = lay(&page(&body, "landscape"));
    let t = table(&l);
    let radio = t.col_x[1] - t.col_x[0];
    let long_col = t.col_x[2] - t.col_x[1];
    let bold = &fonts().bold;
    let unwrapped = bold.width("NOMBRE DE LA RADIO", 8.0) + 2.0 * style::CELL_PAD;
    let widest_word = bold.width("NOMBRE", 8.0) + 2.0 * style::CELL_PAD;
    assert!(
        radio <= unwrapped + EPS && radio >= widest_word - EPS,
        "{radio} not within [{widest_word}, {unwrapped}]"
    );
    assert!(long_col > 4.0 * radio, "{long_col} vs {radio}");
}

#[test]
fn columns_whose_text_fits_unwrapped_are_not_wrapped() {
    let body = "<table><thead><tr><th>FASE</th><th>PASOS DEL PROCESO</th><th>PONGA SI O NO</th></tr></thead>\
                <tbody><tr><td>FASE 0</td><td>Conformación del equipo</td><td>SI</td></tr></tbody></table>";
    let l = lay(&page(body, "portrait"));
    let t = table(&l);
    assert!(t.head.cells.iter().all(|c| c.lines.len() == 1));
    assert!(t.body.cells.iter().all(|c| c.lines.len() == 1));
    // The room left is shared in proportion to the text, not in equal parts.
    let w: Vec<f32> = t.col_x.windows(2).map(|p| p[1] - p[0]).collect();
    assert!(w[1] > w[0] && w[1] > w[2], "{w:?}");
}
