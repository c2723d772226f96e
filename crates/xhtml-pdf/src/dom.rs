//! Document tree produced by the XHTML reader and consumed by the layout engine.
//!
//! All lengths are in PDF points (1/72 inch) unless a field says otherwise.

use crate::style::{ClassStyle, Rgb};

/// Points per millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub(crate) fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A parsed document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    pub meta: Meta,
    /// Running header printed at the top of every page.
    pub header: Option<Running>,
    /// Running footer printed at the bottom of every page (`{pagina}` / `{paginas}`
    /// are replaced by the page number and the page count).
    pub footer: Option<Running>,
    pub blocks: Vec<Block>,
}

/// Information from `<head>`.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// `lang` attribute of `<html>` (written as the PDF document language).
    pub lang: String,
    /// `<meta name="pdf:fecha" content="YYYY-MM-DD"/>`: creation date written to the
    /// PDF info dictionary (none is written without it, to keep output reproducible).
    pub date: Option<(u16, u8, u8)>,
    pub page_width: f32,
    pub page_height: f32,
    pub margins: Margins,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            lang: "es".to_string(),
            date: None,
            page_width: mm(210.0),
            page_height: mm(297.0),
            margins: Margins {
                top: mm(15.0),
                right: mm(12.0),
                bottom: mm(15.0),
                left: mm(12.0),
            },
        }
    }
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// A run of text with one style. `'\n'` inside `text` is a forced line break.
///
/// Whitespace is already collapsed the HTML way: single spaces, no space at the
/// start or end of a block and none around a forced break.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub bold: bool,
    /// The target of the `<a href>` the text is in, when it is a web or mail
    /// link: drawn as a link annotation over the text.
    pub link: Option<String>,
}

impl Span {
    /// A run of text outside any link.
    pub(crate) fn new(text: impl Into<String>, bold: bool) -> Self {
        Span {
            text: text.into(),
            bold,
            link: None,
        }
    }

    /// A run of text in the style `look`.
    pub(crate) fn styled(text: impl Into<String>, look: &Look) -> Self {
        Span {
            text: text.into(),
            bold: look.bold,
            link: look.link.clone(),
        }
    }
}

/// The inline style that the enclosing elements give to their text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Look {
    pub bold: bool,
    pub link: Option<String>,
}

/// The link an `href` makes, if any: only web and mail addresses become
/// link annotations; anything else (a script, a file) stays plain text.
pub(crate) fn link_target(href: &str) -> Option<String> {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len());
    (allowed && !h.chars().any(char::is_control)).then(|| h.to_string())
}

/// Running header or footer: a left part and an optional right-aligned part.
#[derive(Debug, Clone, Default)]
pub(crate) struct Running {
    pub left: Vec<Span>,
    pub right: Vec<Span>,
}

/// Block-level content.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
        bookmark: Option<String>,
    },
    Paragraph {
        spans: Vec<Span>,
        bookmark: Option<String>,
    },
    /// A `<div>` with the stylesheet's page-break class.
    PageBreak,
    /// A bookmark at the current position (`data-marcador` on a container).
    Marker(String),
    Table(Table),
    Chart(Chart),
}

/// Requested width of a table column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ColWidth {
    Auto,
    /// Share of the content width, in percent.
    Percent(f32),
    /// Fixed width in points.
    Fixed(f32),
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub caption: Vec<Span>,
    pub cols: Vec<ColWidth>,
    pub head: Vec<Row>,
    pub body: Vec<Row>,
    pub bookmark: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub spans: Vec<Span>,
    pub colspan: u16,
    pub rowspan: u16,
    /// `<th>` rather than `<td>`.
    pub header: bool,
    /// The `scope` of a `<th>`; without it, the columns below a header
    /// row's cell, the row of a body cell.
    pub scope: Option<crate::tags::Scope>,
    /// What the classes of the cell and of its row do to it.
    pub class: ClassStyle,
}

impl Cell {
    /// Drawn as a column header (bold, centred, shaded): a `<th>` other
    /// than a row's label (`scope="row"`), which is drawn as its row's
    /// first cell in bold.
    pub(crate) fn looks_like_header(&self) -> bool {
        self.header && self.scope != Some(crate::tags::Scope::Row)
    }
}

/// A chart `<figure>` (`data-tipo="barras"`): a bar chart with an optional line
/// series and threshold.
#[derive(Debug, Clone)]
pub(crate) struct Chart {
    pub caption: Vec<Span>,
    /// Total height of the drawing (caption excluded), in points.
    pub height: f32,
    pub max: Option<f64>,
    pub threshold: Option<f64>,
    pub threshold_label: Option<String>,
    /// Header texts of the 2nd and 3rd columns (bar and line series names).
    pub bar_name: String,
    pub line_name: Option<String>,
    pub points: Vec<ChartPoint>,
    pub bookmark: Option<String>,
    /// The bar colours of the stylesheet, for the legend's swatch.
    pub palette: Vec<Rgb>,
    /// Word before the threshold's value in the legend without a label.
    pub threshold_word: String,
    /// The figures in words for whoever cannot see the drawing: the
    /// `data-alt` attribute, else the data table's columns and values.
    pub alt: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ChartPoint {
    pub label: String,
    /// The bar's value; `None` (an empty cell) draws no bar: a month
    /// without a figure.
    pub value: Option<f64>,
    /// Text printed above the bar.
    pub value_label: String,
    pub line_value: Option<f64>,
    /// The bar's colour, from its row's classes; `None` for the default.
    pub bar: Option<Rgb>,
}
