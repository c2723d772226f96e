//! Conversion of laid-out pages into printpdf operations.

use printpdf::{
    Actions, BorderArray, Color, ColorArray, DictItem, FontId, HighlightingMode, Line,
    LineDashPattern, LinePoint, LinkAnnotation, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt,
    Rect as PRect, TextItem, TextMatrix,
};

use super::layout::{Item, Page};
use super::style::Rgb;
use super::tags::Tags;

/// Resource names of the two embedded fonts.
pub(crate) const FONT_REGULAR: &str = "F1";
pub(crate) const FONT_BOLD: &str = "F2";

/// Rounds a coordinate to 1/100 pt: shorter content streams, no visible change.
fn r2(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn color(c: Rgb) -> Color {
    let k = |v: f32| (v * 1000.0).round() / 1000.0;
    Color::Rgb(printpdf::Rgb {
        r: k(c.0),
        g: k(c.1),
        b: k(c.2),
        icc_profile: None,
    })
}

/// Graphics state tracking, so that state operators are only emitted on change.
struct Writer {
    ops: Vec<Op>,
    height: f32,
    in_text: bool,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    dashed: bool,
    font: Option<(bool, f32)>,
    /// Inside the content of a structure element.
    tagged: bool,
    /// Inside an artifact sequence.
    artifact: bool,
    /// The next marked-content identifier on the page.
    mcid: i64,
}

/// A marked-content property list with one entry.
fn properties(key: &str, value: DictItem) -> DictItem {
    DictItem::Dict {
        map: std::collections::BTreeMap::from([(key.to_string(), value)]),
    }
}

impl Writer {
    fn close_artifact(&mut self) {
        if self.artifact {
            self.end_text();
            self.ops.push(Op::EndMarkedContent);
            self.artifact = false;
        }
    }

    /// Draws `item`: structure markers open and close marked content with
    /// the element's type and the page's next MCID; whatever is drawn
    /// outside them is an artifact.
    fn marked(&mut self, item: &Item, tags: &Tags) {
        match item {
            Item::Begin { node, .. } => {
                self.close_artifact();
                self.end_text();
                let tag = tags.nodes[*node].role.name().to_string();
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag,
                    properties: properties("MCID", DictItem::Int(self.mcid)),
                });
                self.mcid += 1;
                self.tagged = true;
            }
            Item::End => {
                self.end_text();
                self.ops.push(Op::EndMarkedContent);
                self.tagged = false;
            }
            _ => {
                if !self.tagged && !self.artifact {
                    self.end_text();
                    self.ops.push(Op::BeginMarkedContent {
                        tag: "Artifact".into(),
                    });
                    self.artifact = true;
                }
                self.item(item);
            }
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill_color(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn stroke_style(&mut self, c: Rgb, width: f32, dashed: bool) {
        if self.stroke != Some(c) {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.stroke = Some(c);
        }
        if self.width != Some(width) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            self.width = Some(width);
        }
        if self.dashed != dashed {
            let dash = if dashed {
                LineDashPattern::new(0.0, &[3.0, 2.0])
            } else {
                LineDashPattern::solid()
            };
            self.ops.push(Op::SetLineDashPattern { dash });
            self.dashed = dashed;
        }
    }

    fn point(&self, x: f32, y: f32) -> LinePoint {
        LinePoint {
            p: Point {
                x: r2(x),
                y: r2(self.height - y),
            },
            bezier: false,
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Fill { rect, color } => {
                self.end_text();
                self.fill_color(*color);
                self.ops.push(Op::DrawRectangle {
                    rectangle: self.rect(rect, PaintMode::Fill),
                });
            }
            Item::Stroke { rect, color, width } => {
                self.end_text();
                self.stroke_style(*color, *width, false);
                self.ops.push(Op::DrawRectangle {
                    rectangle: self.rect(rect, PaintMode::Stroke),
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
                dashed,
            } => {
                self.end_text();
                self.stroke_style(*color, *width, *dashed);
                let line = Line {
                    points: vec![self.point(*x1, *y1), self.point(*x2, *y2)],
                    is_closed: false,
                };
                self.ops.push(Op::DrawLine { line });
            }
            Item::Begin { .. } | Item::End => {}
            Item::Link { rect, uri, .. } => {
                // No border and no colour of its own: the text shows the address.
                let link = LinkAnnotation::new(
                    self.rect(rect, PaintMode::Fill),
                    Actions::uri(uri.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                );
                self.ops.push(Op::LinkAnnotation { link });
            }
            Item::Text {
                x,
                y,
                size,
                bold,
                color,
                text,
                ..
            } => {
                if !self.in_text {
                    self.ops.push(Op::StartTextSection);
                    self.in_text = true;
                }
                if self.font != Some((*bold, *size)) {
                    let name = if *bold { FONT_BOLD } else { FONT_REGULAR };
                    self.ops.push(Op::SetFont {
                        font: PdfFontHandle::External(FontId(name.to_string())),
                        size: Pt(*size),
                    });
                    self.font = Some((*bold, *size));
                }
                self.fill_color(*color);
                self.ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(r2(*x), r2(self.height - *y)),
                });
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
            }
        }
    }

    fn rect(&self, r: &super::layout::Rect, mode: PaintMode) -> PRect {
        PRect {
            x: r2(r.x),
            y: r2(self.height - r.y - r.h),
            width: r2(r.w),
            height: r2(r.h),
            mode: Some(mode),
            winding_order: None,
        }
    }
}

/// Converts a laid-out page into a printpdf page: the body's tagged
/// content and artifacts, then the running header and footer as one
/// pagination artifact.
pub(crate) fn page(p: &Page, tags: &Tags, width: f32, height: f32) -> PdfPage {
    let mut w = Writer {
        ops: Vec::with_capacity(p.items.len() * 3 + p.running.len() * 3 + 4),
        height,
        in_text: false,
        fill: None,
        stroke: None,
        width: None,
        dashed: false,
        font: None,
        tagged: false,
        artifact: false,
        mcid: 0,
    };
    for item in &p.items {
        w.marked(item, tags);
    }
    w.close_artifact();
    if !p.running.is_empty() {
        w.end_text();
        w.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Artifact".into(),
            properties: properties("Type", DictItem::Name(b"Pagination".to_vec())),
        });
        for item in &p.running {
            w.item(item);
        }
        w.end_text();
        w.ops.push(Op::EndMarkedContent);
    }
    w.end_text();
    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), w.ops);
    let r = PRect {
        x: Pt(0.0),
        y: Pt(0.0),
        width: Pt(width),
        height: Pt(height),
        mode: None,
        winding_order: None,
    };
    page.media_box = r.clone();
    page.trim_box = r.clone();
    page.crop_box = r;
    page
}
