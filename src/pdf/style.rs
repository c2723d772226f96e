//! The fixed stylesheet of the engine.
//!
//! | class      | effect in a table cell                                   |
//! |------------|----------------------------------------------------------|
//! | `th`       | bold, centred, blue-grey header fill                     |
//! | `num`      | right aligned                                            |
//! | `centro`   | centred                                                  |
//! | `seccion`  | bold, light grey fill (section row)                      |
//! | `total`    | bold, dark rule on top of the cell                       |
//! | `verde`    | light green fill (semáforo: met)                         |
//! | `amarillo` | light yellow fill (semáforo: partially met)              |
//! | `rojo`     | light red fill (semáforo: not met)                       |
//! | `gris`     | very light grey fill                                     |
//! | `pequeno`  | smaller font (7 pt instead of 8 pt)                      |
//! | `etiqueta` | bold                                                     |
//!
//! Classes also work on `<tr>`, where they apply to every cell of the row.

use super::dom::{Classes, mm};

/// An RGB colour with components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }
}

pub const WHITE: Rgb = Rgb::hex(0xffffff);
pub const TEXT: Rgb = Rgb::hex(0x1a1a1a);
pub const MUTED: Rgb = Rgb::hex(0x555555);
pub const HEADING: Rgb = Rgb::hex(0x1f3864);
pub const BORDER: Rgb = Rgb::hex(0x9a9a9a);
pub const RULE: Rgb = Rgb::hex(0x333333);
pub const TH_FILL: Rgb = Rgb::hex(0xdce4ee);
pub const SECCION_FILL: Rgb = Rgb::hex(0xe6e6e6);
pub const GRIS_FILL: Rgb = Rgb::hex(0xf2f2f2);
pub const VERDE_FILL: Rgb = Rgb::hex(0xc6efce);
pub const AMARILLO_FILL: Rgb = Rgb::hex(0xffeb9c);
pub const ROJO_FILL: Rgb = Rgb::hex(0xffc7ce);

/// Chart colours: bars by semáforo class, default bar, line series, threshold.
pub const BAR_VERDE: Rgb = Rgb::hex(0x43a047);
pub const BAR_AMARILLO: Rgb = Rgb::hex(0xf9a825);
pub const BAR_ROJO: Rgb = Rgb::hex(0xe53935);
pub const BAR_DEFAULT: Rgb = Rgb::hex(0x4a78b5);
pub const SERIES_LINE: Rgb = Rgb::hex(0x1f3864);
pub const THRESHOLD: Rgb = Rgb::hex(0xc62828);
pub const GRID: Rgb = Rgb::hex(0xd9d9d9);

/// Font size of body paragraphs.
pub const BODY_SIZE: f32 = 9.0;
/// Font size of running header and footer.
pub const RUNNING_SIZE: f32 = 7.5;
/// Line height as a multiple of the font size.
pub const LINE_FACTOR: f32 = 1.2;
/// Cell padding on all four sides.
pub const CELL_PAD: f32 = 1.5 * 72.0 / 25.4;
/// Width of cell borders.
pub const BORDER_WIDTH: f32 = 0.4;
/// Width of the `total` top rule.
pub const TOTAL_RULE_WIDTH: f32 = 1.0;

pub fn line_height(size: f32) -> f32 {
    size * LINE_FACTOR
}

/// Heading size, colour and spacing (before, after) by level.
pub fn heading(level: u8) -> (f32, f32, f32) {
    match level {
        1 => (15.0, mm(2.0), mm(3.0)),
        2 => (12.0, mm(4.0), mm(2.0)),
        _ => (10.0, mm(3.0), mm(1.5)),
    }
}

/// Space after a paragraph, a table and a chart.
pub const PARAGRAPH_AFTER: f32 = 4.0;
pub const TABLE_AFTER: f32 = 8.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Resolved style of a table cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellStyle {
    pub size: f32,
    pub bold: bool,
    pub align: Align,
    pub fill: Option<Rgb>,
    pub top_rule: bool,
}

impl CellStyle {
    pub fn line_height(&self) -> f32 {
        line_height(self.size)
    }
}

/// Applies the fixed stylesheet to a cell.
pub fn cell_style(class: Classes, header: bool) -> CellStyle {
    let mut s = CellStyle {
        size: 8.0,
        bold: header,
        align: if header { Align::Center } else { Align::Left },
        fill: header.then_some(TH_FILL),
        top_rule: false,
    };
    if class.has(Classes::PEQUENO) {
        s.size = 7.0;
    }
    if class.has(Classes::NUM) {
        s.align = Align::Right;
    }
    if class.has(Classes::CENTRO) {
        s.align = Align::Center;
    }
    if class.has(Classes::GRIS) {
        s.fill = Some(GRIS_FILL);
    }
    if class.has(Classes::SECCION) {
        s.bold = true;
        s.fill = Some(SECCION_FILL);
    }
    if class.has(Classes::TOTAL) {
        s.bold = true;
        s.top_rule = true;
    }
    if class.has(Classes::ETIQUETA) {
        s.bold = true;
    }
    if class.has(Classes::VERDE) {
        s.fill = Some(VERDE_FILL);
    }
    if class.has(Classes::AMARILLO) {
        s.fill = Some(AMARILLO_FILL);
    }
    if class.has(Classes::ROJO) {
        s.fill = Some(ROJO_FILL);
    }
    s
}
