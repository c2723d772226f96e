//! Running header and footer, with the `{pagina}` / `{paginas}` placeholders.

use super::dom::{Running, Span, mm};
use super::fonts::Fonts;
use super::hyphen::Hyphenation;
use super::layout::{Geometry, Item, push_line_items};
use super::style;
use super::text::{self, Line};

/// Replaces the page placeholders in running text.
fn substitute(spans: &[Span], number: &str, count: &str) -> Vec<Span> {
    spans
        .iter()
        .map(|s| Span {
            text: s
                .text
                .replace("{pagina}", number)
                .replace("{paginas}", count),
            bold: s.bold,
            link: s.link.clone(),
        })
        .collect()
}

/// Height of running text once the placeholders are replaced by `number`.
pub(crate) fn height(fonts: &Fonts, r: &Running, width: f32, number: &str) -> f32 {
    let r = Running {
        left: substitute(&r.left, number, number),
        right: substitute(&r.right, number, number),
    };
    lines(fonts, &r, width).0
}

/// Wraps running text (placeholders already replaced): (height, left lines,
/// right lines). The right part takes at most 45 % of the width.
fn lines(fonts: &Fonts, r: &Running, width: f32) -> (f32, Vec<Line>, Vec<Line>) {
    let size = style::RUNNING_SIZE;
    // A running header holds names and page numbers, no word near as wide as
    // its part of the line: it is never hyphenated.
    let right = text::wrap(
        fonts,
        Hyphenation::None,
        &r.right,
        size,
        width * 0.45,
        false,
    );
    let right_w = right.iter().map(|l| l.width).fold(0.0, f32::max);
    let left_w = if right_w > 0.0 {
        width - right_w - mm(4.0)
    } else {
        width
    };
    let left = text::wrap(fonts, Hyphenation::None, &r.left, size, left_w, false);
    let h = left.len().max(right.len()) as f32 * style::line_height(size);
    (h, left, right)
}

/// Draws a running header (`top`) or footer for page `number` of `count`: the
/// text sits in the margin, separated from the body by a thin rule.
pub(crate) fn draw(
    items: &mut Vec<Item>,
    fonts: &Fonts,
    g: &Geometry,
    r: &Running,
    number: &str,
    count: &str,
    top: bool,
) {
    let size = style::RUNNING_SIZE;
    let lh = style::line_height(size);
    let width = g.body.w;
    let r = Running {
        left: substitute(&r.left, number, count),
        right: substitute(&r.right, number, count),
    };
    let (h, left, right) = lines(fonts, &r, width);
    let gap = mm(2.5);
    let x = g.body.x;
    let (rule_y, text_top) = if top {
        let rule = g.body.y - gap;
        (rule, rule - 1.5 - h)
    } else {
        let rule = g.body_bottom() + gap;
        (rule, rule + 1.5)
    };
    items.push(Item::Line {
        x1: x,
        y1: rule_y,
        x2: x + width,
        y2: rule_y,
        color: style::BORDER,
        width: 0.5,
        dashed: false,
    });
    for (i, line) in left.iter().enumerate() {
        push_line_items(
            items,
            None,
            fonts,
            line,
            x,
            text_top + i as f32 * lh,
            size,
            style::MUTED,
        );
    }
    for (i, line) in right.iter().enumerate() {
        push_line_items(
            items,
            None,
            fonts,
            line,
            x + width - line.width,
            text_top + i as f32 * lh,
            size,
            style::MUTED,
        );
    }
}
