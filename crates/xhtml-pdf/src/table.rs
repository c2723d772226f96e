//! Table layout: grid placement (colspan/rowspan), column widths, cell measuring
//! and drawing. Pagination lives in [`super::paginate`].

use super::dom::{Cell, Row, Table};
use super::error::PdfError;
use super::layout::{EPS, Flow, Item, Rect, Tagged, push_line_items};
use super::paginate::{self, RowSlice};
use super::style::{self, CellStyle};
use super::table_cols::{CellWidths, column_widths};
use super::table_keep;
pub(crate) use super::table_keep::start_height;
use super::tags::{Role, Scope};
use super::text::{self, Line};

/// A cell placed in the grid, with its wrapped lines.
#[derive(Debug, Clone)]
pub(crate) struct Measured {
    pub row: usize,
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub style: CellStyle,
    pub lines: Vec<Line>,
    /// Height needed by the text plus padding.
    pub height: f32,
}

impl Measured {
    pub(crate) fn last_row(&self) -> usize {
        self.row + self.rowspan - 1
    }

    /// Number of lines that fit in a box of height `h`.
    pub(crate) fn lines_fitting(&self, h: f32) -> usize {
        let lh = self.style.line_height();
        ((h - 2.0 * style::CELL_PAD + EPS) / lh).floor().max(0.0) as usize
    }
}

/// The rows of a `thead` or of the body, measured.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub rows: usize,
    /// Cells in row order.
    pub cells: Vec<Measured>,
    /// Index of the first cell starting at each row (`rows + 1` entries).
    pub starts: Vec<usize>,
    /// Height of each row from its single-row cells.
    pub base: Vec<f32>,
    /// Cells with `rowspan > 1`, by index.
    pub spanning: Vec<usize>,
    /// Indices of spanning cells ending at each row.
    pub ends: Vec<Vec<usize>>,
    /// Rows that should not be the last row on a page (section rows).
    pub keep_with_next: Vec<bool>,
}

/// One drawn part of a cell (a rowspan cell crossing pages has several).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellBox {
    pub page: usize,
    pub rect: Rect,
    pub head: bool,
    /// Index into the head or body cells of the trace.
    pub cell: usize,
    pub first_line: usize,
    pub n_lines: usize,
    /// A continuation part of a rowspan cell, repeating its text from the top.
    pub continued: bool,
}

/// Everything the table layout decided, for drawing and for tests.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableTrace {
    /// Column boundaries (columns + 1 values).
    pub col_x: Vec<f32>,
    pub head: Group,
    pub body: Group,
    pub head_heights: Vec<f32>,
    /// (page, y) of every copy of the header rows.
    pub head_copies: Vec<(usize, f32)>,
    pub slices: Vec<RowSlice>,
    pub boxes: Vec<CellBox>,
    /// Tallest possible part of a cell on one page (body height minus header).
    pub part_capacity: f32,
}

/// Column boundaries of a table across the body width (columns + 1 values),
/// sized from the text of every cell (see [`super::table_cols`]). Borders
/// are stroked on the cell edges: the table is inset by half a border so
/// that no ink falls into the margins.
pub(super) fn columns(
    flow: &Flow<'_>,
    t: &Table,
    placed: &[&[Placed<'_>]],
    n_cols: usize,
) -> Vec<f32> {
    let half = style::BORDER_WIDTH / 2.0;
    let pad = 2.0 * style::CELL_PAD;
    let needs: Vec<CellWidths> = placed
        .iter()
        .flat_map(|cells| cells.iter())
        .map(|&(_, col, colspan, _, cell)| {
            let st = style::cell_style(&cell.class, cell.looks_like_header());
            let (min, max) = text::intrinsic(flow.fonts, &cell.spans, st.size, st.bold);
            CellWidths {
                col,
                colspan,
                min: min + pad,
                max: max + pad,
            }
        })
        .collect();
    let total = flow.geometry.body.w - 2.0 * half;
    let widths = column_widths(&t.cols, &needs, n_cols, total, pad);
    let mut col_x = Vec::with_capacity(n_cols + 1);
    col_x.push(flow.geometry.body.x + half);
    for w in &widths {
        col_x.push(col_x.last().copied().unwrap_or(0.0) + w);
    }
    // Guard against rounding: the last boundary is exactly the right edge.
    col_x[n_cols] = flow.geometry.body.x + flow.geometry.body.w - half;
    col_x
}

/// Lays out a table on the flow.
pub(crate) fn layout_table(flow: &mut Flow<'_>, t: &Table) -> Result<(), PdfError> {
    let (head_cells, head_cols) = place(&t.head);
    let (body_cells, body_cols) = place(&t.body);
    let n_cols = head_cols.max(body_cols).max(t.cols.len());
    if n_cols == 0 {
        return Ok(());
    }
    if head_cells.is_empty() && body_cells.is_empty() {
        return Ok(());
    }
    let col_x = columns(flow, t, &[&head_cells, &body_cells], n_cols);
    let head = measure(flow, &t.head, head_cells, &col_x);
    let body = measure(flow, &t.body, body_cells, &col_x);
    let head_heights = fixed_heights(&head);
    let head_h: f32 = head_heights.iter().sum();

    // Caption, kept with the header and the first row.
    let cap_size = style::BODY_SIZE;
    let cap_lh = style::line_height(cap_size);
    let caption = flow.wrap_body(&t.caption, cap_size, true);
    let need = table_keep::start_need(flow, t, caption.len(), head_h, &body);
    if !flow.at_top() && need > flow.remaining() {
        flow.new_page();
    }
    if let Some(title) = &t.bookmark {
        flow.bookmark(title, 0);
    }
    let x = flow.geometry.body.x;
    let table_node = flow.element(Role::Table);
    let caption_node = if caption.is_empty() {
        table_node
    } else {
        flow.tags.add(table_node, Role::Caption)
    };
    for line in &caption {
        if flow.y + cap_lh > flow.geometry.body_bottom() + EPS {
            flow.new_page();
        }
        let y = flow.y;
        flow.push_line(caption_node, line, x, y, cap_size, style::TEXT);
        flow.y += cap_lh;
    }
    if !caption.is_empty() {
        flow.y += 2.0;
    }

    let mut trace = TableTrace {
        col_x,
        head,
        body,
        head_heights,
        ..TableTrace::default()
    };
    // Header rows repeat only if they leave most of the page for the body.
    let repeat = head_h <= flow.geometry.body.h * 0.5;
    paginate::paginate(flow, &mut trace, head_h, repeat);
    let nodes = [
        elements(
            flow,
            table_node,
            Role::THead,
            &t.head,
            &trace.head,
            Scope::Column,
        ),
        elements(
            flow,
            table_node,
            Role::TBody,
            &t.body,
            &trace.body,
            Scope::Row,
        ),
    ];
    draw(flow, &trace, &nodes);
    flow.tables.push(trace);
    flow.space(style::TABLE_AFTER);
    Ok(())
}

/// The structure elements of a header or body group under `table`: the
/// group, one `TR` per row and one `TH` or `TD` per cell, in reading order.
/// A header cell's scope is its `scope` attribute, else `scope`. Returns
/// the cells' elements, in the group's cell order.
fn elements(
    flow: &mut Flow<'_>,
    table: usize,
    role: Role,
    rows: &[Row],
    g: &Group,
    scope: Scope,
) -> Vec<usize> {
    if g.rows == 0 {
        return Vec::new();
    }
    let tags = &mut flow.tags;
    let group = tags.add(table, role);
    let mut out = Vec::with_capacity(g.cells.len());
    for (r, row) in rows.iter().enumerate().take(g.rows) {
        let tr = tags.add(group, Role::TR);
        let cells = g.starts[r]..g.starts[r + 1];
        for (m, cell) in g.cells[cells].iter().zip(&row.cells) {
            let role = if cell.header {
                Role::TH(cell.scope.unwrap_or(scope))
            } else {
                Role::TD
            };
            let n = tags.add(tr, role);
            tags.nodes[n].colspan = m.colspan;
            tags.nodes[n].rowspan = m.rowspan;
            out.push(n);
        }
    }
    out
}

/// A cell placed in the grid: (row, col, colspan, rowspan, cell).
pub(super) type Placed<'a> = (usize, usize, usize, usize, &'a Cell);

/// Grid placement. Returns the placed cells and the column count.
pub(super) fn place(rows: &[Row]) -> (Vec<Placed<'_>>, usize) {
    let mut busy: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let n = rows.len();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in &row.cells {
            while c < busy.len() && busy[c] > r {
                c += 1;
            }
            let cs = usize::from(cell.colspan.max(1));
            let rs = usize::from(cell.rowspan.max(1)).min(n - r);
            if busy.len() < c + cs {
                busy.resize(c + cs, 0);
            }
            for b in &mut busy[c..c + cs] {
                *b = r + rs;
            }
            out.push((r, c, cs, rs, cell));
            c += cs;
        }
    }
    (out, busy.len())
}

pub(super) fn measure(
    flow: &Flow<'_>,
    rows: &[Row],
    placed: Vec<Placed<'_>>,
    col_x: &[f32],
) -> Group {
    let n = rows.len();
    let pad = style::CELL_PAD;
    let min_h = style::line_height(8.0) + 2.0 * pad;
    let mut g = Group {
        rows: n,
        base: vec![min_h; n],
        ends: vec![Vec::new(); n],
        keep_with_next: vec![false; n],
        starts: Vec::with_capacity(n + 1),
        ..Group::default()
    };
    let n_cols = col_x.len() - 1;
    for (row, col, colspan, rowspan, cell) in placed {
        while g.starts.len() <= row {
            g.starts.push(g.cells.len());
        }
        let col = col.min(n_cols - 1);
        let colspan = colspan.min(n_cols - col);
        let st = style::cell_style(&cell.class, cell.looks_like_header());
        let width = col_x[col + colspan] - col_x[col];
        let lines = text::wrap(
            flow.fonts,
            flow.hyphenation,
            &cell.spans,
            st.size,
            width - 2.0 * pad,
            st.bold,
        );
        let height = lines.len().max(1) as f32 * st.line_height() + 2.0 * pad;
        let idx = g.cells.len();
        if rowspan == 1 {
            g.base[row] = g.base[row].max(height);
            if cell.class.keep_with_next {
                g.keep_with_next[row] = true;
            }
        } else {
            g.spanning.push(idx);
            g.ends[row + rowspan - 1].push(idx);
        }
        g.cells.push(Measured {
            row,
            col,
            colspan,
            rowspan,
            style: st,
            lines,
            height,
        });
    }
    while g.starts.len() <= n {
        g.starts.push(g.cells.len());
    }
    g
}

/// Row heights of a group that is never paginated (the header): spanning cells
/// that need more room enlarge their last row.
pub(super) fn fixed_heights(g: &Group) -> Vec<f32> {
    let mut h = g.base.clone();
    for &i in &g.spanning {
        let c = &g.cells[i];
        let have: f32 = h[c.row..=c.last_row()].iter().sum();
        if have < c.height {
            h[c.last_row()] += c.height - have;
        }
    }
    h
}

/// Pushes fills, then borders, then text, page by page. The text of the
/// first copy of the header rows and of the body cells is the content of
/// their elements (`nodes`: head, body); repeated header rows and the text
/// a rowspan cell repeats on a later page are artifacts.
fn draw(flow: &mut Flow<'_>, t: &TableTrace, nodes: &[Vec<usize>; 2]) {
    let first_head_page = t.head_copies.first().map(|c| c.0);
    let mut order: Vec<usize> = (0..t.boxes.len()).collect();
    order.sort_by_key(|&i| t.boxes[i].page);
    let mut start = 0;
    while start < order.len() {
        let page = t.boxes[order[start]].page;
        let mut end = start;
        while end < order.len() && t.boxes[order[end]].page == page {
            end += 1;
        }
        let fonts = flow.fonts;
        let items = &mut flow.pages[page].items;
        let tags = &mut flow.tags;
        let group = |b: &CellBox| if b.head { &t.head } else { &t.body };
        for &i in &order[start..end] {
            let b = &t.boxes[i];
            if let Some(color) = group(b).cells[b.cell].style.fill {
                items.push(Item::Fill {
                    rect: b.rect,
                    color,
                });
            }
        }
        for &i in &order[start..end] {
            let b = &t.boxes[i];
            items.push(Item::Stroke {
                rect: b.rect,
                color: style::BORDER,
                width: style::BORDER_WIDTH,
            });
        }
        for &i in &order[start..end] {
            let b = &t.boxes[i];
            let c = &group(b).cells[b.cell];
            if c.style.top_rule && !b.continued {
                let r = b.rect;
                items.push(Item::Line {
                    x1: r.x,
                    y1: r.y,
                    x2: r.x + r.w,
                    y2: r.y,
                    color: style::RULE,
                    width: style::TOTAL_RULE_WIDTH,
                    dashed: false,
                });
            }
        }
        for &i in &order[start..end] {
            let b = &t.boxes[i];
            let c = &group(b).cells[b.cell];
            let lh = c.style.line_height();
            let pad = style::CELL_PAD;
            for (k, line) in c.lines[b.first_line..b.first_line + b.n_lines]
                .iter()
                .enumerate()
            {
                let x = match c.style.align {
                    style::Align::Left => b.rect.x + pad,
                    style::Align::Right => b.rect.x + b.rect.w - pad - line.width,
                    style::Align::Center => b.rect.x + (b.rect.w - line.width) / 2.0,
                };
                let top = b.rect.y + pad + k as f32 * lh;
                let real = if b.head {
                    Some(b.page) == first_head_page
                } else {
                    !b.continued
                };
                let node = nodes[usize::from(!b.head)].get(b.cell).copied();
                let mut tagged = node.filter(|_| real).map(|node| Tagged {
                    tags: &mut *tags,
                    node,
                });
                push_line_items(
                    items,
                    tagged.as_mut(),
                    fonts,
                    line,
                    x,
                    top,
                    c.style.size,
                    style::TEXT,
                );
            }
        }
        start = end;
    }
}
