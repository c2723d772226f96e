//! Rows kept together at a page break: no row alone at the foot of the page
//! a table starts on, no last row alone at the top of the next.

use super::*;
use std::collections::BTreeMap;

/// A heading, `filler` paragraphs before it, and a table of `rows` rows,
/// introduced by a paragraph if `intro`.
fn document(filler: usize, rows: usize, intro: bool) -> String {
    let mut body = String::new();
    for k in 0..filler {
        body.push_str(&format!(
            "<p>Párrafo de relleno {k} con algunas palabras para ocupar una línea.</p>"
        ));
    }
    body.push_str("<h2>PROCESO DE RENDICIÓN DE CUENTAS:</h2>");
    if intro {
        body.push_str("<p>Cumplimiento promedio: 92,20 % (verde) · 1 indicador.</p>");
    }
    body.push_str(
        "<table><thead><tr><th>FASE</th>\
         <th>PASOS DEL PROCESO DE RENDICIÓN DE CUENTAS</th><th>PONGA SI O NO</th></tr></thead><tbody>",
    );
    for i in 0..rows {
        body.push_str(&format!(
            "<tr><td>FASE {i}</td><td>Conformación del equipo de rendición de cuentas número {i}</td><td>SI</td></tr>"
        ));
    }
    body.push_str("</tbody></table>");
    page(&body, "portrait")
}

/// Rows of the table on each page it is drawn on.
fn rows_per_page(t: &TableTrace) -> BTreeMap<usize, usize> {
    let mut pages = BTreeMap::new();
    for s in &t.slices {
        *pages.entry(s.page).or_insert(0) += 1;
    }
    pages
}

#[test]
fn no_row_is_left_alone_at_the_foot_of_the_page_a_table_starts_on() {
    for (rows, intro) in [(2, true), (3, false), (4, true), (5, false), (12, false)] {
        let mut split = 0;
        for filler in 0..70 {
            let l = lay(&document(filler, rows, intro));
            let t = table(&l);
            let pages = rows_per_page(t);
            let counts: Vec<usize> = pages.values().copied().collect();
            if counts.len() > 1 {
                split += 1;
                assert!(
                    counts[0] >= 2,
                    "{rows} rows, {filler} paragraphs: {counts:?}"
                );
                assert!(
                    *counts.last().unwrap_or(&0) >= 2,
                    "{rows} rows, {filler} paragraphs: last row alone: {counts:?}"
                );
            }
            if rows <= 3 {
                assert_eq!(counts.len(), 1, "{filler} paragraphs: {counts:?}");
            }
            // The header is drawn on every page with rows, and the heading
            // stays with the table.
            let head_pages: Vec<usize> = t.head_copies.iter().map(|h| h.0).collect();
            assert_eq!(head_pages, pages.keys().copied().collect::<Vec<_>>());
            assert_eq!(
                page_of(&l, "PROCESO DE RENDICIÓN"),
                head_pages[0],
                "{rows} rows, {filler} paragraphs"
            );
        }
        assert!(
            rows <= 3 || split > 0,
            "some filler splits the {rows}-row table"
        );
    }
}

#[test]
fn a_long_table_keeps_its_last_row_company() {
    for rows in 40..90 {
        let l = lay(&document(0, rows, false));
        let counts: Vec<usize> = rows_per_page(table(&l)).values().copied().collect();
        assert!(counts.len() > 1, "{rows} rows fill more than a page");
        assert!(counts.iter().all(|&c| c >= 2), "{rows} rows: {counts:?}");
    }
}
