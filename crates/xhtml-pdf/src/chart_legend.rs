//! Legend row of a chart: one entry per series (bars, line, threshold).

use super::chart::{LEGEND_SIZE, bar_color, text_item};
use super::dom::Chart;
use super::fonts::Fonts;
use super::layout::{Item, Rect, baseline};
use super::style;
use super::xhtml_table::format_number;

/// Draws the legend centred in `area`, with its top at `top`. When bars carry
/// semáforo classes their swatch shows the three colours.
pub(crate) fn legend(fonts: &Fonts, c: &Chart, area: Rect, top: f32, items: &mut Vec<Item>) {
    let lh = style::line_height(LEGEND_SIZE);
    let base = top + baseline(fonts, LEGEND_SIZE);
    let mid = top + lh / 2.0;
    let sw = 9.0;
    let gap = 12.0;
    // Bars coloured by their rows' classes: the swatch shows those colours.
    let coloured =
        !c.palette.is_empty() && c.points.iter().any(|p| bar_color(p) != style::BAR_DEFAULT);
    let mut entries: Vec<(u8, String)> = vec![(0, c.bar_name.clone())];
    if let Some(n) = &c.line_name {
        entries.push((1, n.clone()));
    }
    if let Some(th) = c.threshold {
        let label = c
            .threshold_label
            .clone()
            .unwrap_or_else(|| format!("{} {}", c.threshold_word, format_number(th)));
        entries.push((2, label));
    }
    entries.retain(|(_, t)| !t.trim().is_empty());
    let widths: Vec<f32> = entries
        .iter()
        .map(|(_, t)| sw + 3.0 + fonts.regular.width(t, LEGEND_SIZE))
        .collect();
    let total: f32 = widths.iter().sum::<f32>() + gap * (entries.len().saturating_sub(1)) as f32;
    let mut x = area.x + ((area.w - total) / 2.0).max(0.0);
    for ((kind, label), w) in entries.iter().zip(&widths) {
        match kind {
            0 if coloured => {
                let part = sw / c.palette.len() as f32;
                for (k, col) in c.palette.iter().enumerate() {
                    items.push(Item::Fill {
                        rect: Rect {
                            x: x + k as f32 * part,
                            y: mid - 3.0,
                            w: part,
                            h: 6.0,
                        },
                        color: *col,
                    });
                }
            }
            0 => items.push(Item::Fill {
                rect: Rect {
                    x,
                    y: mid - 3.0,
                    w: sw,
                    h: 6.0,
                },
                color: style::BAR_DEFAULT,
            }),
            1 => {
                items.push(Item::Line {
                    x1: x,
                    y1: mid,
                    x2: x + sw,
                    y2: mid,
                    color: style::SERIES_LINE,
                    width: 1.2,
                    dashed: false,
                });
                items.push(Item::Fill {
                    rect: Rect {
                        x: x + sw / 2.0 - 1.6,
                        y: mid - 1.6,
                        w: 3.2,
                        h: 3.2,
                    },
                    color: style::SERIES_LINE,
                });
            }
            _ => items.push(Item::Line {
                x1: x,
                y1: mid,
                x2: x + sw,
                y2: mid,
                color: style::THRESHOLD,
                width: 1.0,
                dashed: true,
            }),
        }
        items.push(text_item(
            fonts,
            label,
            x + sw + 3.0,
            base,
            LEGEND_SIZE,
            false,
            style::TEXT,
        ));
        x += w + gap;
    }
}
