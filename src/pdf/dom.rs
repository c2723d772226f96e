//! Document tree produced by the XHTML reader and consumed by the layout engine.
//!
//! All lengths are in PDF points (1/72 inch) unless a field says otherwise.

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A parsed document.
#[derive(Debug, Clone, Default)]
pub struct Document {
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
pub struct Meta {
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
pub struct Margins {
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
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// Running header or footer: a left part and an optional right-aligned part.
#[derive(Debug, Clone, Default)]
pub struct Running {
    pub left: Vec<Span>,
    pub right: Vec<Span>,
}

/// Block-level content.
#[derive(Debug, Clone)]
pub enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
        bookmark: Option<String>,
    },
    Paragraph {
        spans: Vec<Span>,
        bookmark: Option<String>,
    },
    /// `<div class="salto-pagina">`.
    PageBreak,
    /// A bookmark at the current position (`data-marcador` on a container).
    Marker(String),
    Table(Table),
    Chart(Chart),
}

/// Built-in classes, as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Classes(pub u16);

impl Classes {
    pub const NUM: u16 = 1;
    pub const CENTRO: u16 = 1 << 1;
    pub const SECCION: u16 = 1 << 2;
    pub const TOTAL: u16 = 1 << 3;
    pub const VERDE: u16 = 1 << 4;
    pub const AMARILLO: u16 = 1 << 5;
    pub const ROJO: u16 = 1 << 6;
    pub const GRIS: u16 = 1 << 7;
    pub const PEQUENO: u16 = 1 << 8;
    pub const ETIQUETA: u16 = 1 << 9;

    /// Parses a space-separated `class` attribute; unknown names are ignored (they
    /// may be meant for the browser stylesheet only).
    pub fn parse(attr: &str) -> Classes {
        let mut bits = 0;
        for name in attr.split_ascii_whitespace() {
            bits |= match name {
                "num" => Self::NUM,
                "centro" => Self::CENTRO,
                "seccion" => Self::SECCION,
                "total" => Self::TOTAL,
                "verde" => Self::VERDE,
                "amarillo" => Self::AMARILLO,
                "rojo" => Self::ROJO,
                "gris" => Self::GRIS,
                "pequeno" => Self::PEQUENO,
                "etiqueta" => Self::ETIQUETA,
                _ => 0,
            };
        }
        Classes(bits)
    }

    pub fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    pub fn union(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }
}

/// Requested width of a table column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColWidth {
    Auto,
    /// Share of the content width, in percent.
    Percent(f32),
    /// Fixed width in points.
    Fixed(f32),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub caption: Vec<Span>,
    pub cols: Vec<ColWidth>,
    pub head: Vec<Row>,
    pub body: Vec<Row>,
    pub bookmark: Option<String>,
    /// Source line of `<table>`, for error messages.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub colspan: u16,
    pub rowspan: u16,
    /// `<th>` rather than `<td>`.
    pub header: bool,
    /// Classes of the cell merged with the classes of its row.
    pub class: Classes,
}

/// `<figure class="grafico" data-tipo="barras">`: a bar chart with an optional line
/// series and threshold.
#[derive(Debug, Clone)]
pub struct Chart {
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
}

#[derive(Debug, Clone)]
pub struct ChartPoint {
    pub label: String,
    /// The bar's value; `None` (an empty cell) draws no bar: a month
    /// without a figure.
    pub value: Option<f64>,
    /// Text printed above the bar.
    pub value_label: String,
    pub line_value: Option<f64>,
    pub class: Classes,
}
