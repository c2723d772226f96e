//! Body rows kept together: a table starts on a page only if its first rows
//! fit there (a heading before it is kept with as much), and its last row
//! does not go alone to the next page. Like CSS's `orphans: 2; widows: 2`
//! for the rows of a table: a row alone at the foot of a page reads as the
//! whole table, one alone at the top of the next as a stray line.

use super::dom::Table;
use super::layout::{EPS, Flow};
use super::style;
use super::table::{Group, columns, fixed_heights, measure, place};

/// How many body rows of a table of `n` must stay on the page it starts on:
/// two, or all three of a three-row table (two and one would leave the last
/// one alone, one and two the first).
pub(crate) fn kept_at_start(n: usize) -> usize {
    if n == 3 { 3 } else { n.min(2) }
}

/// Where the next page should start instead of `b`, the last row, so that it
/// does not stand alone there: with the row before it, when the page keeps
/// at least two rows from `page_first_row` on and the two fit on one page.
pub(crate) fn widow_break(
    g: &Group,
    page_first_row: usize,
    b: usize,
    capacity: f32,
) -> Option<usize> {
    let last_alone = b + 1 == g.rows;
    (last_alone && b >= page_first_row + 3 && g.base[b - 1] + g.base[b] <= capacity + EPS)
        .then(|| b - 1)
}

/// Height of the caption, the header rows and the first body rows that must
/// not be parted (see [`kept_at_start`]; a rowspan cell counts up
/// to half a page): what must fit on the page a table starts on. When those
/// rows together are taller than a page, only the first one must fit.
pub(super) fn start_need(
    flow: &Flow<'_>,
    t: &Table,
    caption_lines: usize,
    head_h: f32,
    body: &Group,
) -> f32 {
    let half = flow.geometry.body.h * 0.5;
    let rows_need = |k: usize| {
        let (mut top, mut need) = (0.0f32, 0.0f32);
        for r in 0..k.min(body.rows) {
            for c in &body.cells[body.starts[r]..body.starts[r + 1]] {
                need = need.max(top + c.height.min(half));
            }
            top += body.base[r];
            need = need.max(top);
        }
        need
    };
    let fixed =
        caption_lines as f32 * style::line_height(style::BODY_SIZE) + head_h + style::BORDER_WIDTH;
    let kept = fixed + rows_need(kept_at_start(t.body.len()));
    if kept <= flow.geometry.body.h {
        kept
    } else {
        fixed + rows_need(1)
    }
}

/// What a table needs on the page it starts on (a heading before it is kept
/// with this much). Measures only the header and the first rows.
pub(crate) fn start_height(flow: &Flow<'_>, t: &Table) -> f32 {
    let (head_cells, head_cols) = place(&t.head);
    // The widths depend on every row; only the first rows are measured.
    let (body_cells, body_cols) = place(&t.body);
    let n_cols = head_cols.max(body_cols).max(t.cols.len());
    if n_cols == 0 {
        return 0.0;
    }
    let col_x = columns(flow, t, &[&head_cells, &body_cells], n_cols);
    let first = &t.body[..t.body.len().min(kept_at_start(t.body.len()))];
    // Spans are cut at the rows measured, as if the table ended there.
    let first_cells = body_cells
        .into_iter()
        .filter(|c| c.0 < first.len())
        .map(|(r, c, cs, rs, cell)| (r, c, cs, rs.min(first.len() - r), cell))
        .collect();
    let head = measure(flow, &t.head, head_cells, &col_x);
    let body = measure(flow, first, first_cells, &col_x);
    let head_h: f32 = fixed_heights(&head).iter().sum();
    let caption = flow.wrap_body(&t.caption, style::BODY_SIZE, true);
    start_need(flow, t, caption.len(), head_h, &body)
}
