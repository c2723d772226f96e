//! Table layout and pagination invariants.

use super::*;
use crate::style;
use crate::table::TableTrace;

#[test]
fn every_row_is_on_one_page_and_headers_repeat() {
    let l = lay(&matrix(400, 11));
    let t = table(&l);
    assert!(l.pages.len() > 5, "long table spans pages");
    let body_h = l.geometry.body.h - t.head_heights.iter().sum::<f32>();
    for r in 0..t.body.rows {
        let slices: Vec<_> = t.slices.iter().filter(|s| s.row == r).collect();
        assert!(!slices.is_empty(), "row {r} placed");
        if t.body.base[r] <= body_h {
            assert_eq!(slices.len(), 1, "row {r} split although it fits a page");
        }
    }
    let pages: std::collections::BTreeSet<usize> = t.slices.iter().map(|s| s.page).collect();
    let head_pages: Vec<usize> = t.head_copies.iter().map(|h| h.0).collect();
    assert_eq!(
        pages.into_iter().collect::<Vec<_>>(),
        head_pages,
        "one header copy per page"
    );
    for &(p, y) in &t.head_copies[1..] {
        assert!(
            (y - l.geometry.body.y - style::BORDER_WIDTH / 2.0).abs() < EPS,
            "header at the top of page {p}"
        );
    }
    // The three header rows are drawn on every page.
    for &(p, _) in &t.head_copies {
        let n = t.boxes.iter().filter(|b| b.head && b.page == p).count();
        assert_eq!(n, t.head.cells.len());
    }
}

#[test]
fn cell_text_fits_its_box() {
    let l = lay(&matrix(300, 9));
    assert_cells_fit(table(&l));
}

/// Asserts that every drawn part of every cell holds its lines, that no line is
/// wider than its box, that single-row cells (and rowspan cells taller than a
/// page) draw each line exactly once and that the other rowspan cells show their
/// whole text in every part.
pub(super) fn assert_cells_fit(t: &TableTrace) {
    let pad = style::CELL_PAD;
    for b in &t.boxes {
        let c = if b.head {
            &t.head.cells[b.cell]
        } else {
            &t.body.cells[b.cell]
        };
        if !b.head && c.rowspan > 1 && c.height <= t.part_capacity + EPS {
            assert_eq!(b.n_lines, c.lines.len(), "rowspan part clipped: {b:?}");
        }
        assert!(
            b.n_lines as f32 * c.style.line_height() + 2.0 * pad <= b.rect.h + EPS,
            "{b:?}"
        );
        for i in b.first_line..b.first_line + b.n_lines {
            let w = measured(t, b.head, b.cell, i);
            assert!(
                w <= b.rect.w - 2.0 * pad + EPS,
                "line {i} of {b:?} is {w} wide"
            );
        }
    }
    // Every line of every single-row cell is drawn exactly once.
    for (i, c) in t
        .body
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.rowspan == 1 || c.height > t.part_capacity + EPS)
    {
        let drawn: usize = t
            .boxes
            .iter()
            .filter(|b| !b.head && b.cell == i)
            .map(|b| b.n_lines)
            .sum();
        assert_eq!(drawn, c.lines.len());
    }
}

#[test]
fn rowspan_continuation_repeats_the_text() {
    let l = lay(&matrix(400, 13));
    let t = table(&l);
    let continued: Vec<_> = t.boxes.iter().filter(|b| b.continued).collect();
    assert!(
        !continued.is_empty(),
        "the sample has rowspans crossing pages"
    );
    for b in continued {
        let c = &t.body.cells[b.cell];
        assert!(c.rowspan > 1);
        let first = t
            .boxes
            .iter()
            .find(|o| !o.head && o.cell == b.cell && !o.continued)
            .unwrap();
        assert!(first.page < b.page);
        assert_eq!(b.first_line, 0);
        assert_eq!(b.n_lines, c.lines.len(), "whole text repeated in {b:?}");
        assert!(
            (b.rect.y
                - (l.geometry.body.y
                    + style::BORDER_WIDTH / 2.0
                    + t.head_heights.iter().sum::<f32>()))
            .abs()
                < EPS
        );
    }
    // No part of a spanning cell is too short for its text.
    for b in t
        .boxes
        .iter()
        .filter(|b| !b.head && t.body.cells[b.cell].rowspan > 1)
    {
        assert_eq!(b.n_lines, t.body.cells[b.cell].lines.len(), "{b:?}");
    }
}

#[test]
fn tall_row_is_split_by_lines() {
    let long = (0..1600)
        .map(|i| WORDS[i % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let body = format!(
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>corto</td><td>antes</td></tr>\
         <tr><td rowspan=\"2\">Unidad</td><td>{long}</td></tr><tr><td>después</td></tr></tbody></table>"
    );
    let l = lay(&page(&body, "portrait"));
    let t = table(&l);
    let slices: Vec<_> = t.slices.iter().filter(|s| s.row == 1).collect();
    assert!(slices.len() >= 2, "the tall row is split");
    assert!(slices.windows(2).all(|w| w[1].page == w[0].page + 1));
    let cell = t
        .body
        .cells
        .iter()
        .position(|c| c.row == 1 && c.col == 1)
        .unwrap();
    let parts: Vec<_> = t
        .boxes
        .iter()
        .filter(|b| !b.head && b.cell == cell)
        .collect();
    let mut next = 0;
    for p in &parts {
        assert_eq!(p.first_line, next, "lines continue without repetition");
        next += p.n_lines;
    }
    assert_eq!(next, t.body.cells[cell].lines.len());
}

#[test]
fn section_row_is_not_left_at_the_bottom() {
    let mut body =
        String::from("<table><thead><tr><th>N</th><th>Indicador</th></tr></thead><tbody>");
    let mut rng = Rng(21);
    for i in 0..300 {
        if i % 7 == 0 {
            body.push_str("<tr class=\"seccion\"><td colspan=\"2\">Objetivo</td></tr>");
        }
        body.push_str(&format!(
            "<tr><td>{i}</td><td>{}</td></tr>",
            rng.text(10, 150)
        ));
    }
    body.push_str("</tbody></table>");
    let l = lay(&page(&body, "portrait"));
    let t = table(&l);
    for w in t.slices.windows(2) {
        if w[0].page != w[1].page {
            assert!(
                !t.body.keep_with_next[w[0].row],
                "section row {} ends page {}",
                w[0].row, w[0].page
            );
        }
    }
}

#[test]
fn short_first_part_of_a_rowspan_moves_to_the_next_page() {
    let long = (0..60)
        .map(|i| WORDS[i % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let mut moved = 0;
    for filler in 30..60 {
        let mut body = String::from(
            "<table><colgroup><col style=\"width: 20%\"/><col/></colgroup><thead><tr><th>Unidad</th><th>Fila</th></tr></thead><tbody>",
        );
        for i in 0..filler {
            body.push_str(&format!("<tr><td>u{i}</td><td>fila {i}</td></tr>"));
        }
        body.push_str(&format!("<tr><td rowspan=\"3\">{long}</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></tbody></table>"));
        let l = lay(&page(&body, "portrait"));
        let t = table(&l);
        let span = t.body.cells.iter().position(|c| c.rowspan == 3).unwrap();
        let parts: Vec<_> = t
            .boxes
            .iter()
            .filter(|b| !b.head && b.cell == span)
            .collect();
        for p in &parts {
            assert_eq!(
                p.n_lines,
                t.body.cells[span].lines.len(),
                "filler {filler}: clipped part {p:?}"
            );
        }
        let first_row_page = t.slices.iter().find(|s| s.row == filler).unwrap().page;
        let prev_row_page = t.slices.iter().find(|s| s.row == filler - 1).unwrap().page;
        if first_row_page > prev_row_page {
            moved += 1;
        }
    }
    assert!(
        moved > 0,
        "some configuration pushed the spanned rows to the next page"
    );
}

#[test]
fn random_tables_keep_the_invariants() {
    let mut rng = Rng(77);
    for round in 0..40 {
        let cols = rng.range(1, 6);
        let mut body = String::from("<table><thead><tr>");
        for c in 0..cols {
            body.push_str(&format!("<th>Columna {c}</th>"));
        }
        body.push_str("</tr></thead><tbody>");
        let rows = rng.range(5, 120);
        for _ in 0..rows {
            body.push_str("<tr>");
            for _ in 0..rng.range(1, cols) {
                let rs = if rng.range(0, 5) == 0 {
                    rng.range(2, 12)
                } else {
                    1
                };
                let cs = if rng.range(0, 6) == 0 {
                    rng.range(2, 3)
                } else {
                    1
                };
                let class = ["", "num", "verde", "seccion", "pequeno", "total"][rng.range(0, 5)];
                let max = if rng.range(0, 30) == 0 { 4000 } else { 160 };
                let text = rng.text(0, max);
                body.push_str(&format!(
                    "<td rowspan=\"{rs}\" colspan=\"{cs}\" class=\"{class}\">{text}</td>"
                ));
            }
            body.push_str("</tr>");
        }
        body.push_str("</tbody></table>");
        let orientation = if round % 2 == 0 {
            "portrait"
        } else {
            "landscape"
        };
        let l = lay(&page(&body, orientation));
        assert_inside_margins(&l);
        let t = table(&l);
        assert_cells_fit(t);
        for r in 0..t.body.rows {
            assert!(
                t.slices.iter().any(|s| s.row == r),
                "round {round}: row {r} placed"
            );
        }
    }
}
