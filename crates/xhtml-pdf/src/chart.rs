//! Vector bar chart for `<figure class="grafico">`: bars (coloured by the
//! semáforo class of their row), an optional line series, an optional dashed
//! threshold, y gridlines with integer ticks, x labels, value labels and a legend.

use super::chart_legend;
use super::dom::{Chart, ChartPoint};
use super::fonts::Fonts;
use super::layout::{Flow, Item, Rect, baseline};
use super::style::{self, Rgb};
use super::tags::{ROOT, Role};
use super::text;
use super::xhtml_table::format_number;

const TICK_SIZE: f32 = 7.0;
const VALUE_SIZE: f32 = 6.5;
pub(super) const LEGEND_SIZE: f32 = 7.5;

pub(super) fn bar_color(p: &ChartPoint) -> Rgb {
    p.bar.unwrap_or(style::BAR_DEFAULT)
}

/// Step between y ticks: an integer 1, 2, 5 × 10^k giving at most `max_ticks` intervals.
pub(crate) fn tick_step(top: f64, max_ticks: f64) -> f64 {
    let raw = (top / max_ticks).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let step = m * mag;
        if step >= raw && step.fract() == 0.0 {
            return step;
        }
    }
    10.0 * mag
}

/// Upper end of the y axis.
pub(crate) fn axis_max(c: &Chart) -> f64 {
    if let Some(m) = c.max {
        return m;
    }
    let mut top = 0.0f64;
    for p in &c.points {
        top = top
            .max(p.value.unwrap_or(0.0))
            .max(p.line_value.unwrap_or(0.0));
    }
    top = top.max(c.threshold.unwrap_or(0.0));
    if top <= 0.0 {
        return 1.0;
    }
    let step = tick_step(top * 1.05, 5.0);
    (top * 1.05 / step).ceil() * step
}

pub(super) fn text_item(
    fonts: &Fonts,
    s: &str,
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    color: Rgb,
) -> Item {
    let width = fonts.face(bold).width(s, size);
    Item::Text {
        x,
        y,
        size,
        bold,
        color,
        text: s.to_string(),
        width,
    }
}

/// Shrinks `s` (first the size down to `min`, then the text) to fit in `w`.
fn fit(fonts: &Fonts, s: &str, size: f32, min: f32, w: f32) -> (String, f32) {
    let face = fonts.face(false);
    let full = face.width(s, size);
    if full <= w {
        return (s.to_string(), size);
    }
    let shrunk = size * w / full;
    if shrunk >= min {
        return (s.to_string(), shrunk);
    }
    let mut out: String = s.to_string();
    while !out.is_empty() && face.width(&format!("{out}…"), min) > w {
        out.pop();
    }
    (
        if out.is_empty() {
            String::new()
        } else {
            format!("{out}…")
        },
        min,
    )
}

/// Lays out a chart on the flow.
/// The caption lines of a chart and their height with the gap below them.
fn caption_of(flow: &Flow<'_>, c: &Chart) -> (Vec<text::Line>, f32) {
    let caption = flow.wrap_body(&c.caption, style::BODY_SIZE, true);
    let h = caption.len() as f32 * style::line_height(style::BODY_SIZE)
        + if caption.is_empty() { 0.0 } else { 3.0 };
    (caption, h)
}

/// The height a chart takes with its caption (it is never split).
pub(crate) fn start_height(flow: &Flow<'_>, c: &Chart) -> f32 {
    let (_, cap_h) = caption_of(flow, c);
    cap_h + c.height.min(flow.geometry.body.h - cap_h)
}

pub(crate) fn layout_chart(flow: &mut Flow<'_>, c: &Chart) {
    let fonts = flow.fonts;
    let cap_size = style::BODY_SIZE;
    let cap_lh = style::line_height(cap_size);
    let (caption, cap_h) = caption_of(flow, c);
    let height = c.height.min(flow.geometry.body.h - cap_h);
    if !flow.at_top() && cap_h + height > flow.remaining() {
        flow.new_page();
    }
    if let Some(b) = &c.bookmark {
        flow.bookmark(b, 0);
    }
    let body = flow.geometry.body;
    // The caption is read as a paragraph before the figure; the drawing is
    // the figure, its alternative text the figures in words.
    let caption_node = if caption.is_empty() {
        ROOT
    } else {
        flow.element(Role::P)
    };
    for line in &caption {
        let x = body.x + (body.w - line.width) / 2.0;
        let y = flow.y;
        flow.push_line(caption_node, line, x, y, cap_size, style::TEXT);
        flow.y += cap_lh;
    }
    flow.y += if caption.is_empty() { 0.0 } else { 3.0 };
    let area = Rect {
        x: body.x,
        y: flow.y,
        w: body.w,
        h: height,
    };
    let figure = flow.element(Role::Figure);
    flow.tags.nodes[figure].alt = Some(c.alt.clone());
    let mut items = vec![flow.tags.begin(figure)];
    draw(fonts, c, area, &mut items);
    items.push(Item::End);
    flow.pages
        .last_mut()
        .expect("a page exists")
        .items
        .extend(items);
    flow.y += height;
    flow.space(style::TABLE_AFTER);
}

fn draw(fonts: &Fonts, c: &Chart, area: Rect, items: &mut Vec<Item>) {
    let ymax = axis_max(c);
    let step = tick_step(ymax, 6.0);
    let legend_h = style::line_height(LEGEND_SIZE) + 4.0;
    let xlabel_h = style::line_height(TICK_SIZE) + 3.0;
    let top_pad = style::line_height(VALUE_SIZE) + 2.0;
    // Tick labels decide the left edge of the plot.
    let mut ticks = Vec::new();
    let mut k = 0.0;
    while k * step <= ymax + 1e-9 {
        ticks.push(k * step);
        k += 1.0;
    }
    let tick_text = |v: f64| format!("{}", v.round() as i64);
    let label_w = ticks
        .iter()
        .map(|&v| fonts.regular.width(&tick_text(v), TICK_SIZE))
        .fold(0.0, f32::max);
    let threshold_text = c.threshold.map(format_number);
    let right_pad = threshold_text
        .as_ref()
        .map_or(4.0, |t| fonts.bold.width(t, VALUE_SIZE) + 6.0);
    let left = area.x + label_w + 5.0;
    let right = area.x + area.w - right_pad;
    let top = area.y + top_pad;
    let bottom = area.y + area.h - legend_h - xlabel_h;
    let (pw, ph) = (right - left, bottom - top);
    if pw <= 10.0 || ph <= 10.0 {
        return;
    }
    let y_of = |v: f64| bottom - ((v.clamp(0.0, ymax) / ymax) as f32) * ph;
    let half_tick = TICK_SIZE * 0.35;
    for &v in &ticks {
        let y = y_of(v);
        items.push(Item::Line {
            x1: left,
            y1: y,
            x2: right,
            y2: y,
            color: style::GRID,
            width: 0.4,
            dashed: false,
        });
        let t = tick_text(v);
        let w = fonts.regular.width(&t, TICK_SIZE);
        items.push(text_item(
            fonts,
            &t,
            left - 3.0 - w,
            y + half_tick,
            TICK_SIZE,
            false,
            style::MUTED,
        ));
    }
    let n = c.points.len().max(1);
    let slot = pw / n as f32;
    let bar_w = (slot * 0.6).min(50.0);
    let mut value_labels = Vec::new();
    for (i, p) in c.points.iter().enumerate() {
        let cx = left + slot * (i as f32 + 0.5);
        let y = p.value.map_or(bottom, y_of);
        if p.value.is_some() {
            items.push(Item::Fill {
                rect: Rect {
                    x: cx - bar_w / 2.0,
                    y,
                    w: bar_w,
                    h: bottom - y,
                },
                color: bar_color(p),
            });
        }
        let (t, size) = fit(fonts, &p.value_label, VALUE_SIZE, 4.5, slot * 0.95);
        if !t.is_empty() {
            let w = fonts.regular.width(&t, size);
            value_labels.push(text_item(
                fonts,
                &t,
                cx - w / 2.0,
                y - 2.5,
                size,
                false,
                style::TEXT,
            ));
        }
        let (t, size) = fit(fonts, &p.label, TICK_SIZE, 5.0, slot * 0.95);
        if !t.is_empty() {
            let w = fonts.regular.width(&t, size);
            items.push(text_item(
                fonts,
                &t,
                cx - w / 2.0,
                bottom + 2.0 + baseline(fonts, size),
                size,
                false,
                style::TEXT,
            ));
        }
    }
    // Line series, broken where a value is missing.
    let mut prev: Option<(f32, f32)> = None;
    for (i, p) in c.points.iter().enumerate() {
        let cx = left + slot * (i as f32 + 0.5);
        match p.line_value {
            Some(v) => {
                let y = y_of(v);
                if let Some((px, py)) = prev {
                    items.push(Item::Line {
                        x1: px,
                        y1: py,
                        x2: cx,
                        y2: y,
                        color: style::SERIES_LINE,
                        width: 1.2,
                        dashed: false,
                    });
                }
                prev = Some((cx, y));
            }
            None => prev = None,
        }
    }
    for (i, p) in c.points.iter().enumerate() {
        if let Some(v) = p.line_value {
            let cx = left + slot * (i as f32 + 0.5);
            let y = y_of(v);
            items.push(Item::Fill {
                rect: Rect {
                    x: cx - 1.6,
                    y: y - 1.6,
                    w: 3.2,
                    h: 3.2,
                },
                color: style::SERIES_LINE,
            });
        }
    }
    if let (Some(th), Some(t)) = (c.threshold, &threshold_text) {
        let y = y_of(th);
        items.push(Item::Line {
            x1: left,
            y1: y,
            x2: right,
            y2: y,
            color: style::THRESHOLD,
            width: 1.0,
            dashed: true,
        });
        items.push(text_item(
            fonts,
            t,
            right + 3.0,
            y + VALUE_SIZE * 0.35,
            VALUE_SIZE,
            true,
            style::THRESHOLD,
        ));
    }
    // Value labels last, on a white ground so that the line series and the
    // threshold never cross the digits.
    for label in value_labels {
        if let Item::Text {
            x, y, size, width, ..
        } = &label
        {
            let f = &fonts.regular;
            let rect = Rect {
                x: x - 1.0,
                y: y - f.ascent * size - 0.5,
                w: width + 2.0,
                h: (f.ascent + f.descent) * size + 1.0,
            };
            items.push(Item::Fill {
                rect,
                color: style::WHITE,
            });
        }
        items.push(label);
    }
    // Axes.
    items.push(Item::Line {
        x1: left,
        y1: top,
        x2: left,
        y2: bottom,
        color: style::MUTED,
        width: 0.6,
        dashed: false,
    });
    items.push(Item::Line {
        x1: left,
        y1: bottom,
        x2: right,
        y2: bottom,
        color: style::MUTED,
        width: 0.6,
        dashed: false,
    });
    chart_legend::legend(fonts, c, area, area.y + area.h - legend_h + 2.0, items);
}
