//! Headings and paragraphs.

use super::chart;
use super::dom::{Block, Span, mm};
use super::layout::{EPS, Flow, Item};
use super::style;
use super::table;
use super::tags::{ROOT, Role};

/// What a heading is kept with: the start of the table or chart after it,
/// with the paragraph between them if there is one (an introduction whose
/// table moved to the next page would leave the heading behind).
pub(crate) fn follow_height(flow: &Flow<'_>, next: &[Block]) -> f32 {
    let start = |b: Option<&Block>| match b {
        Some(Block::Table(t)) => table::start_height(flow, t),
        Some(Block::Chart(c)) => chart::start_height(flow, c),
        _ => 0.0,
    };
    match next.first() {
        Some(Block::Paragraph { spans, .. }) => {
            let after = start(next.get(1));
            if after > 0.0 {
                paragraph_height(flow, spans) + after
            } else {
                0.0
            }
        }
        first => start(first),
    }
}

/// Height of a paragraph with the space after it, on an empty page.
fn paragraph_height(flow: &Flow<'_>, spans: &[Span]) -> f32 {
    let size = style::BODY_SIZE;
    let lines = flow.wrap_body(spans, size, false);
    lines.len() as f32 * style::line_height(size) + style::PARAGRAPH_AFTER
}

/// Lays out `h1`–`h3`: bold, wrapped, kept with what follows (`follow`: the
/// height the next block needs to start, at least ~20 mm); `h1` and `h2` (and
/// headings with `data-marcador`) add a bookmark.
pub(crate) fn heading(
    flow: &mut Flow<'_>,
    level: u8,
    spans: &[Span],
    bookmark: Option<&str>,
    follow: f32,
) {
    let (size, before, after) = style::heading(level);
    let lh = style::line_height(size);
    let lines = flow.wrap_body(spans, size, true);
    let h = lines.len() as f32 * lh;
    flow.space(before);
    // Keep the heading with the start of what follows (up to a page).
    let follow = follow.max(mm(20.0)).min(flow.geometry.body.h - h - after);
    if !flow.at_top() && flow.y + h + after + follow > flow.geometry.body_bottom() {
        flow.new_page();
    }
    let title = bookmark
        .map(str::to_string)
        .unwrap_or_else(|| super::reader::plain_text(spans));
    if level <= 2 {
        flow.heading_level = level;
        flow.bookmark(&title, level);
    } else if bookmark.is_some() {
        flow.bookmark(&title, 0);
    }
    let x = flow.geometry.body.x;
    // An empty heading draws nothing and adds no element.
    let node = if lines.is_empty() {
        ROOT
    } else {
        flow.element(Role::H(level))
    };
    for line in &lines {
        if flow.y + lh > flow.geometry.body_bottom() + EPS {
            flow.new_page();
        }
        let y = flow.y;
        flow.push_line(node, line, x, y, size, style::HEADING);
        flow.y += lh;
    }
    if level == 1 && !lines.is_empty() {
        let y = (flow.y + 1.5).min(flow.geometry.body_bottom() - 0.4);
        let w = flow.geometry.body.w;
        flow.push(Item::Line {
            x1: x,
            y1: y,
            x2: x + w,
            y2: y,
            color: style::HEADING,
            width: 0.8,
            dashed: false,
        });
        flow.y = y;
    }
    flow.space(after);
}

/// Lays out a paragraph; its lines flow across pages.
pub(crate) fn paragraph(flow: &mut Flow<'_>, spans: &[Span], bookmark: Option<&str>) {
    let size = style::BODY_SIZE;
    let lh = style::line_height(size);
    let lines = flow.wrap_body(spans, size, false);
    if flow.y + lh > flow.geometry.body_bottom() + EPS {
        flow.new_page();
    }
    if let Some(b) = bookmark {
        flow.bookmark(b, 0);
    }
    let x = flow.geometry.body.x;
    let node = if lines.is_empty() {
        ROOT
    } else {
        flow.element(Role::P)
    };
    for line in &lines {
        if flow.y + lh > flow.geometry.body_bottom() + EPS {
            flow.new_page();
        }
        let y = flow.y;
        flow.push_line(node, line, x, y, size, style::TEXT);
        flow.y += lh;
    }
    flow.space(style::PARAGRAPH_AFTER);
}
