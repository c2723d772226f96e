//! Styles: the caller's [`Stylesheet`] (what each class of a cell or a row
//! does, and the classes that mark a page break, a chart and the right part
//! of the running header) and the engine's fixed measures and colours.
//!
//! A class's effect in a table cell is a [`ClassStyle`]: a smaller font,
//! bold text, an alignment, a fill, a rule on top, keeping the row with the
//! next one (a section title) and, on a chart row, the bar's colour. Classes
//! also work on `<tr>`, where they apply to every cell of the row; when two
//! classes set the same thing, the one listed later in the stylesheet wins.
//! Unknown classes are ignored (they may be meant for a browser).

use super::dom::mm;

/// An RGB colour with components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// The colour written `0xRRGGBB`.
    pub const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }
}

pub(crate) const WHITE: Rgb = Rgb::hex(0xffffff);
pub(crate) const TEXT: Rgb = Rgb::hex(0x1a1a1a);
pub(crate) const MUTED: Rgb = Rgb::hex(0x555555);
pub(crate) const HEADING: Rgb = Rgb::hex(0x1f3864);
pub(crate) const BORDER: Rgb = Rgb::hex(0x9a9a9a);
pub(crate) const RULE: Rgb = Rgb::hex(0x333333);
pub(crate) const TH_FILL: Rgb = Rgb::hex(0xdce4ee);

/// Chart colours: default bar, line series, threshold, grid.
pub(crate) const BAR_DEFAULT: Rgb = Rgb::hex(0x4a78b5);
pub(crate) const SERIES_LINE: Rgb = Rgb::hex(0x1f3864);
pub(crate) const THRESHOLD: Rgb = Rgb::hex(0xc62828);
pub(crate) const GRID: Rgb = Rgb::hex(0xd9d9d9);

/// Font size of body paragraphs.
pub(crate) const BODY_SIZE: f32 = 9.0;
/// Font size of running header and footer.
pub(crate) const RUNNING_SIZE: f32 = 7.5;
/// Line height as a multiple of the font size.
pub(crate) const LINE_FACTOR: f32 = 1.2;
/// Cell padding on all four sides.
pub(crate) const CELL_PAD: f32 = 1.5 * 72.0 / 25.4;
/// Width of cell borders.
pub(crate) const BORDER_WIDTH: f32 = 0.4;
/// Width of the `total` top rule.
pub(crate) const TOTAL_RULE_WIDTH: f32 = 1.0;

pub(crate) fn line_height(size: f32) -> f32 {
    size * LINE_FACTOR
}

/// Heading size, colour and spacing (before, after) by level.
pub(crate) fn heading(level: u8) -> (f32, f32, f32) {
    match level {
        1 => (15.0, mm(2.0), mm(3.0)),
        2 => (12.0, mm(4.0), mm(2.0)),
        _ => (10.0, mm(3.0), mm(1.5)),
    }
}

/// Space after a paragraph, a table and a chart.
pub(crate) const PARAGRAPH_AFTER: f32 = 4.0;
pub(crate) const TABLE_AFTER: f32 = 8.0;

/// Horizontal alignment of a cell's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    /// Flush left (the default of a data cell).
    Left,
    /// Centred (the default of a header cell).
    Center,
    /// Flush right (numbers).
    Right,
}

/// What one class does to a table cell (and, on a chart row, to its bar).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClassStyle {
    /// Font size in points (cells are 8 pt otherwise).
    pub size: Option<f32>,
    /// Bold text.
    pub bold: bool,
    /// Horizontal alignment.
    pub align: Option<Align>,
    /// Background of the cell.
    pub fill: Option<Rgb>,
    /// A dark rule on top of the cell (a total).
    pub top_rule: bool,
    /// The row stays on the page of the row after it (a section title).
    pub keep_with_next: bool,
    /// The colour of a chart bar whose row has the class.
    pub bar: Option<Rgb>,
}

impl ClassStyle {
    /// `self` with `later` applied on top.
    pub fn then(self, later: &ClassStyle) -> ClassStyle {
        ClassStyle {
            size: later.size.or(self.size),
            bold: self.bold || later.bold,
            align: later.align.or(self.align),
            fill: later.fill.or(self.fill),
            top_rule: self.top_rule || later.top_rule,
            keep_with_next: self.keep_with_next || later.keep_with_next,
            bar: later.bar.or(self.bar),
        }
    }
}

/// The caller's stylesheet: the classes the templates use and what they do.
#[derive(Debug, Clone)]
pub struct Stylesheet {
    classes: Vec<(String, ClassStyle)>,
    /// Class of a `<div>` that starts a new page.
    pub(crate) page_break: String,
    /// Class of a `<figure>` that holds a chart.
    pub(crate) chart: String,
    /// Class of the `<span>` of a running header or footer aligned right.
    pub(crate) right: String,
    /// Word before the threshold's value in a chart legend without a label.
    pub(crate) threshold_word: String,
}

impl Default for Stylesheet {
    /// No cell classes; `page-break`, `chart` and `right`.
    fn default() -> Self {
        Stylesheet {
            classes: Vec::new(),
            page_break: "page-break".into(),
            chart: "chart".into(),
            right: "right".into(),
            threshold_word: "Threshold".into(),
        }
    }
}

impl Stylesheet {
    /// The class of a `<div>` that starts a new page.
    pub fn page_break(mut self, class: &str) -> Self {
        self.page_break = class.to_string();
        self
    }

    /// The class of a `<figure>` that holds a chart.
    pub fn chart(mut self, class: &str) -> Self {
        self.chart = class.to_string();
        self
    }

    /// The class of the `<span>` of a running header or footer aligned right.
    pub fn right(mut self, class: &str) -> Self {
        self.right = class.to_string();
        self
    }

    /// The word before the threshold's value in a chart legend that has no
    /// `data-umbral-etiqueta`.
    pub fn threshold_word(mut self, word: &str) -> Self {
        self.threshold_word = word.to_string();
        self
    }

    /// The stylesheet with one more class, applied after those before it.
    pub fn class(mut self, name: &str, style: ClassStyle) -> Self {
        self.classes.retain(|(n, _)| n != name);
        self.classes.push((name.to_string(), style));
        self
    }

    /// The merged style of a `class` attribute, in stylesheet order.
    pub fn resolve(&self, attr: &str) -> ClassStyle {
        let names: Vec<&str> = attr.split_ascii_whitespace().collect();
        self.classes
            .iter()
            .filter(|(n, _)| names.contains(&n.as_str()))
            .fold(ClassStyle::default(), |acc, (_, s)| acc.then(s))
    }

    /// The bar colours the classes define, in stylesheet order (a chart
    /// legend's swatch shows them when the bars use them).
    pub fn bar_colours(&self) -> Vec<Rgb> {
        self.classes.iter().filter_map(|(_, s)| s.bar).collect()
    }
}

/// Resolved style of a table cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CellStyle {
    pub size: f32,
    pub bold: bool,
    pub align: Align,
    pub fill: Option<Rgb>,
    pub top_rule: bool,
}

impl CellStyle {
    pub(crate) fn line_height(&self) -> f32 {
        line_height(self.size)
    }
}

/// A cell's style: the header defaults, then its classes.
pub(crate) fn cell_style(class: &ClassStyle, header: bool) -> CellStyle {
    CellStyle {
        size: class.size.unwrap_or(8.0),
        bold: header || class.bold,
        align: class
            .align
            .unwrap_or(if header { Align::Center } else { Align::Left }),
        fill: class.fill.or(header.then_some(TH_FILL)),
        top_rule: class.top_rule,
    }
}
