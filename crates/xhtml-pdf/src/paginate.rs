//! Pagination of table body rows.
//!
//! Rules:
//! - a row goes to the next page when it does not fit; it is split by lines only
//!   when it does not fit even on an empty page (and then starts where it is);
//! - the header rows are repeated at the top of every page of the table;
//! - a rowspan cell that crosses a page break is drawn as one box per page, and
//!   each box repeats the cell text from the top. A box must be tall enough for
//!   the text: a break that would leave a too-short first part moves the spanned
//!   rows to the next page, and otherwise the last row before a break, or the
//!   last row of the span, grows. (Rowspan cells taller than a page continue
//!   their lines from box to box instead.);
//! - a section row (`seccion`) is not left alone at the bottom of a page;
//! - the last row does not go alone to the next page when the row before it
//!   can go with it (and the table's first page keeps at least two rows: see
//!   [`super::table_keep`]).

use super::dom::mm;
use super::layout::{EPS, Flow, Rect};
use super::style;
use super::table::{CellBox, Group, Measured, TableTrace};
use super::table_keep;

/// The part of a body row placed on one page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RowSlice {
    pub row: usize,
    pub page: usize,
    pub y: f32,
    pub h: f32,
}

struct State {
    slices: Vec<RowSlice>,
    first_slice: Vec<usize>,
    last_slice: Vec<usize>,
    /// First row (possibly continued from the previous page) on the current page.
    page_first_row: usize,
    y: f32,
    /// Current page index.
    page: usize,
    /// Tallest part a cell can have on one page.
    capacity: f32,
}

impl State {
    fn push(&mut self, row: usize, page: usize, h: f32) {
        if self.first_slice[row] == usize::MAX {
            self.first_slice[row] = self.slices.len();
        }
        self.last_slice[row] = self.slices.len();
        self.slices.push(RowSlice {
            row,
            page,
            y: self.y,
            h,
        });
        self.y += h;
    }

    /// Top of `row` on the current page (`row` is placed on it, or is the next row).
    fn y_of(&self, row: usize, next_row: usize) -> f32 {
        if row == next_row {
            self.y
        } else {
            self.slices[self.last_slice[row]].y
        }
    }

    /// Height row `r` needs at the current position: its own cells, and the rest of
    /// the text of spanning cells whose span ends at `r`.
    fn row_height(&self, g: &Group, r: usize) -> f32 {
        g.base[r].max(self.span_need(g, r))
    }

    /// Height still needed by spanning cells whose span ends at row `r`.
    fn span_need(&self, g: &Group, r: usize) -> f32 {
        let mut h = 0.0f32;
        for &ci in &g.ends[r] {
            let c = &g.cells[ci];
            let top_row = c.row.max(self.page_first_row);
            let used = self.y - self.y_of(top_row, r);
            h = h.max(self.text_left(c) - used);
        }
        h
    }

    /// Height the text of a spanning cell still needs on the current page: all of
    /// it for cells that repeat their text, the lines not yet shown on previous
    /// pages for cells taller than a page (those continue their lines).
    fn text_left(&self, c: &Measured) -> f32 {
        if c.height <= self.capacity + EPS {
            return c.height;
        }
        let mut shown = 0;
        let mut i = self.first_slice[c.row];
        while i < self.slices.len() && self.slices[i].page < self.page {
            let page = self.slices[i].page;
            let mut h = 0.0;
            while i < self.slices.len() && self.slices[i].page == page {
                h += self.slices[i].h;
                i += 1;
            }
            shown += c.lines_fitting(h);
        }
        let left = c.lines.len().saturating_sub(shown);
        left as f32 * c.style.line_height() + 2.0 * style::CELL_PAD
    }
}

/// Half a border: the table keeps this distance from the top and bottom of the
/// body so that the stroked edges stay inside it.
const HALF: f32 = style::BORDER_WIDTH / 2.0;

fn bottom(flow: &Flow<'_>) -> f32 {
    flow.geometry.body_bottom() - HALF
}

fn start_page(
    flow: &mut Flow<'_>,
    trace: &mut TableTrace,
    head_h: f32,
    repeat: bool,
    first: bool,
) -> f32 {
    if !first {
        flow.new_page();
    }
    let top = flow.y + HALF;
    if first || repeat {
        trace.head_copies.push((flow.page_index(), top));
        top + head_h
    } else {
        top
    }
}

/// Places the body rows and the header copies, then builds the cell boxes.
pub(crate) fn paginate(flow: &mut Flow<'_>, trace: &mut TableTrace, head_h: f32, repeat: bool) {
    let g = std::mem::take(&mut trace.body);
    let n = g.rows;
    let mut s = State {
        slices: Vec::with_capacity(n),
        first_slice: vec![usize::MAX; n],
        last_slice: vec![usize::MAX; n],
        page_first_row: 0,
        y: 0.0,
        page: 0,
        capacity: 0.0,
    };
    s.y = start_page(flow, trace, head_h, repeat, true);
    s.page = flow.page_index();
    trace.part_capacity =
        bottom(flow) - (flow.geometry.body.y + HALF + if repeat { head_h } else { 0.0 });
    s.capacity = trace.part_capacity;
    let mut r = 0;
    while r < n {
        let h = s.row_height(&g, r);
        if s.y + h <= bottom(flow) + EPS {
            s.push(r, flow.page_index(), h);
            r += 1;
            continue;
        }
        // A row taller than an empty page is split by lines; it starts on this
        // page unless too little room is left.
        let full = trace.part_capacity;
        let room = bottom(flow) - s.y;
        let split_here =
            h > full + EPS && room >= mm(15.0) && spans_fit(&g, &s, r, bottom(flow), full);
        if r == s.page_first_row || split_here {
            split_row(flow, trace, &g, &mut s, r, head_h, repeat);
            r += 1;
            continue;
        }
        let mut b = break_row(&g, &s, r, r);
        if let Some(w) = table_keep::widow_break(&g, s.page_first_row, b, trace.part_capacity) {
            b = break_row(&g, &s, r, w);
        }
        // Rewind the rows that move to the next page.
        if b < r {
            let cut = s.first_slice[b];
            s.y = s.slices[cut].y;
            s.slices.truncate(cut);
            for row in b..r {
                s.first_slice[row] = usize::MAX;
                s.last_slice[row] = usize::MAX;
            }
        }
        extend_before_break(&g, &mut s, b, bottom(flow), trace.part_capacity);
        s.y = start_page(flow, trace, head_h, repeat, false);
        s.page = flow.page_index();
        s.page_first_row = b;
        r = b;
    }
    flow.y = (s.y + HALF).min(flow.geometry.body_bottom());
    trace.body = g;
    trace.slices = s.slices;
    boxes(trace, &s.first_slice, &s.last_slice);
}

/// The row the next page starts with when row `r` does not fit and the break
/// should come before row `from` (`r` or earlier): earlier still to keep a
/// section row with the next one and rowspan cells whole.
fn break_row(g: &Group, s: &State, r: usize, from: usize) -> usize {
    let mut b = from;
    loop {
        let mut nb = b;
        if nb - 1 > s.page_first_row && g.keep_with_next[nb - 1] {
            nb -= 1;
        }
        for &ci in &g.spanning {
            let c = &g.cells[ci];
            // Spanning cells cut by a break before row `nb` whose part on this page
            // started on this page after its first row.
            if c.row < nb && c.last_row() >= nb && c.row > s.page_first_row {
                let part = s.y_of(nb, r) - s.y_of(c.row, r);
                if part + EPS < c.height {
                    nb = nb.min(c.row);
                }
            }
        }
        if nb == b {
            return b;
        }
        b = nb;
    }
}

/// Before a break at row `b`: rowspan cells cut by the break repeat their text
/// on the next page, so their part on this page must hold the whole text too.
/// The last row on the page grows (within the page) until it does.
fn extend_before_break(g: &Group, s: &mut State, b: usize, bottom: f32, capacity: f32) {
    if b == 0 || s.last_slice[b - 1] == usize::MAX {
        return;
    }
    let mut need = 0.0f32;
    for &ci in &g.spanning {
        let c = &g.cells[ci];
        if c.row < b && c.last_row() >= b && c.height <= capacity + EPS {
            let top = s.y_of(c.row.max(s.page_first_row), b);
            need = need.max(c.height - (s.y - top));
        }
    }
    let grow = need.min(bottom - s.y);
    if grow > 0.0 {
        let last = s.last_slice[b - 1];
        s.slices[last].h += grow;
        s.y += grow;
    }
}

/// True if every rowspan cell around row `r` that started on this page (or starts
/// at `r`) has room for its text between its top and the bottom of the page.
/// Cells taller than a page (`capacity`) continue their lines and are ignored.
fn spans_fit(g: &Group, s: &State, r: usize, bottom: f32, capacity: f32) -> bool {
    g.spanning.iter().all(|&ci| {
        let c = &g.cells[ci];
        let around = c.row <= r && c.last_row() >= r;
        let started_here = c.row > s.page_first_row || c.row == r;
        !around
            || !started_here
            || c.height > capacity + EPS
            || bottom - s.y_of(c.row, r) + EPS >= c.height
    })
}

/// Splits row `r`, which does not fit on an empty page, by lines.
fn split_row(
    flow: &mut Flow<'_>,
    trace: &mut TableTrace,
    g: &Group,
    s: &mut State,
    r: usize,
    head_h: f32,
    repeat: bool,
) {
    let pad = 2.0 * style::CELL_PAD;
    let own: Vec<usize> = (g.starts[r]..g.starts[r + 1])
        .filter(|&i| g.cells[i].rowspan == 1)
        .collect();
    let mut done = vec![0usize; own.len()];
    let mut last_rest = f32::INFINITY;
    loop {
        let avail = bottom(flow) - s.y;
        let mut rest = s.span_need(g, r).max(pad + style::line_height(7.0));
        for (k, &ci) in own.iter().enumerate() {
            let c = &g.cells[ci];
            let left = c.lines.len() - done[k];
            rest = rest.max(left as f32 * c.style.line_height() + pad);
        }
        // Nothing shrank over a whole empty page: no line fits at all (cannot
        // happen with the header limited to half a page); stop here.
        let stuck = rest >= last_rest - EPS && avail >= s.capacity - EPS;
        if rest <= avail + EPS || stuck {
            s.push(r, flow.page_index(), rest.min(avail));
            return;
        }
        last_rest = rest;
        s.push(r, flow.page_index(), avail);
        for (k, &ci) in own.iter().enumerate() {
            let c = &g.cells[ci];
            done[k] += c.lines_fitting(avail).min(c.lines.len() - done[k]);
        }
        s.y = start_page(flow, trace, head_h, repeat, false);
        s.page = flow.page_index();
        s.page_first_row = r;
    }
}

/// Builds the cell boxes of the header copies and of the body slices.
fn boxes(t: &mut TableTrace, first_slice: &[usize], last_slice: &[usize]) {
    let mut out = Vec::with_capacity(t.body.cells.len() + t.head.cells.len() * t.head_copies.len());
    let mut offsets = Vec::with_capacity(t.head_heights.len() + 1);
    offsets.push(0.0f32);
    for h in &t.head_heights {
        offsets.push(offsets.last().copied().unwrap_or(0.0) + h);
    }
    for &(page, y0) in &t.head_copies {
        for (ci, c) in t.head.cells.iter().enumerate() {
            let y = y0 + offsets[c.row];
            let h = offsets[c.last_row() + 1] - offsets[c.row];
            let rect = Rect {
                x: t.col_x[c.col],
                y,
                w: t.col_x[c.col + c.colspan] - t.col_x[c.col],
                h,
            };
            let n_lines = c.lines_fitting(h).min(c.lines.len());
            out.push(CellBox {
                page,
                rect,
                head: true,
                cell: ci,
                first_line: 0,
                n_lines,
                continued: false,
            });
        }
    }
    for (ci, c) in t.body.cells.iter().enumerate() {
        let first = first_slice[c.row];
        let last = last_slice[c.last_row()];
        let x = t.col_x[c.col];
        let w = t.col_x[c.col + c.colspan] - x;
        let mut cursor = 0;
        let mut part = 0;
        let mut i = first;
        while i <= last {
            let page = t.slices[i].page;
            let mut j = i;
            while j < last && t.slices[j + 1].page == page {
                j += 1;
            }
            let top = t.slices[i].y;
            let h = t.slices[j].y + t.slices[j].h - top;
            let fit = c.lines_fitting(h);
            // Single-row cells (split rows) and rowspan cells whose text is taller
            // than a page continue their lines; other rowspan cells repeat them.
            let continues = c.rowspan == 1 || c.height > t.part_capacity + EPS;
            let (first_line, n_lines) = if continues {
                let n = fit.min(c.lines.len() - cursor);
                cursor += n;
                (cursor - n, n)
            } else {
                (0, fit.min(c.lines.len()))
            };
            let rect = Rect { x, y: top, w, h };
            out.push(CellBox {
                page,
                rect,
                head: false,
                cell: ci,
                first_line,
                n_lines,
                continued: part > 0 && !continues,
            });
            part += 1;
            i = j + 1;
        }
    }
    t.boxes = out;
}
