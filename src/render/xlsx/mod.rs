//! XLSX outputs: the Literal a4 matrix, the cumplimiento workbook and one
//! workbook per province. Cells hold numbers with number formats; columns,
//! frozen headers and print setup are set for reading and printing.

pub(crate) mod a4;
pub(crate) mod cambios;
pub(crate) mod cumplimiento;
mod paginas;
pub(crate) mod provincia;
pub(crate) mod rendicion;
mod tables;

use std::collections::HashMap;

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::{OutputFile, RenderContext};
use crate::compute::{Semaforo, rules};
use crate::error::Error;
use crate::model::Medida;

/// A number as a spreadsheet cell holds it. The text of an `f64` written by
/// the XLSX writer is the shortest that round-trips, so a decimal of up to 15
/// significant digits is stored with exactly its digits.
pub(crate) fn cell_number(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

/// A percentage in points as a cell under a `0.00%` format, rounded as shown.
pub(crate) fn cell_pct(points: Decimal) -> f64 {
    cell_number(rules::round_pct(points) / Decimal::ONE_HUNDRED)
}

/// Converts writer errors into the program's, in Spanish. Inputs are
/// bounded so that none of these can come from the data; they are defects.
pub(crate) fn xerr(file: &str) -> impl Fn(XlsxError) -> Error + use<> {
    let file = file.to_string();
    move |e| Error::Render {
        file: file.clone(),
        detail: match e {
            XlsxError::MaxStringLengthExceeded => {
                "un texto supera los 32.767 caracteres que caben en una celda".into()
            }
            XlsxError::RowColumnLimitError => {
                "la hoja supera las 1.048.576 filas o 16.384 columnas de Excel".into()
            }
            XlsxError::IoError(io) => format!("error al escribir: {}", crate::error::io_es(&io)),
            _ => "el libro no se pudo escribir (un defecto del programa)".into(),
        },
    }
}

/// A new workbook whose properties carry the report date, never the clock.
pub(crate) fn workbook(ctx: &RenderContext, title: &str) -> Result<Workbook, Error> {
    workbook_for(&ctx.config.institucion.nombre, ctx.informe.fecha, title)
}

/// A new workbook of an institution dated `f`.
pub(crate) fn workbook_for(
    institucion: &str,
    f: chrono::NaiveDate,
    title: &str,
) -> Result<Workbook, Error> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(f.year() as u16, f.month() as u8, f.day() as u8)
        .map_err(xerr(title))?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author(institucion)
        .set_company(institucion)
        .set_creation_datetime(&date);
    wb.set_properties(&props);
    Ok(wb)
}

/// Saves a workbook into an output file.
pub(crate) fn finish(mut wb: Workbook, path: String) -> Result<OutputFile, Error> {
    let bytes = wb.save_to_buffer().map_err(xerr(&path))?;
    Ok(OutputFile { path, bytes })
}

/// Landscape A4, fitted to the page width, rows `0..=repeat_to` repeated on
/// every page, page numbers; the geometry [`paginas`] counts pages with.
pub(crate) fn print_setup(
    ws: &mut Worksheet,
    repeat_to: u32,
    footer_left: &str,
) -> Result<(), XlsxError> {
    use paginas::{MARGIN_FOOTER, MARGIN_SIDE, MARGIN_TOP};
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(
        MARGIN_SIDE,
        MARGIN_SIDE,
        MARGIN_TOP,
        MARGIN_TOP,
        MARGIN_FOOTER,
        MARGIN_FOOTER,
    );
    ws.set_repeat_rows(0, repeat_to)?;
    let left = footer_left.replace('&', "&&");
    ws.set_footer(format!("&L&8{left}&R&8Página &P de &N"));
    Ok(())
}

const BORDER: u32 = 0xA6A6A6;
const HEADER_FILL: u32 = 0xDDEBF7;
const SECTION_FILL: u32 = 0xEDEDED;

/// The formats of one workbook, built once.
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub section: Format,
    pub text: Format,
    pub text_bold: Format,
    pub center: Format,
    pub label: Format,
    pub date: Format,
    pub pct: Format,
    pub int: Format,
    pub usd: Format,
    pub plain: Format,
    numbers: HashMap<(u8, u32), Format>,
}

impl Styles {
    pub(crate) fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(BORDER))
            .set_align(FormatAlign::Top)
            .set_font_size(10);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: Format::new()
                .set_bold()
                .set_font_size(11)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            section: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(SECTION_FILL))
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone().set_text_wrap(),
            text_bold: cell.clone().set_text_wrap().set_bold(),
            center: cell.clone().set_align(FormatAlign::Center),
            label: Format::new()
                .set_bold()
                .set_font_size(10)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            date: cell
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Left),
            pct: cell.clone().set_num_format("0.00%"),
            int: cell.clone().set_num_format("#,##0"),
            usd: cell.clone().set_num_format("\"$ \"#,##0.00"),
            plain: Format::new()
                .set_font_size(10)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            numbers: HashMap::new(),
        }
    }

    /// The number format that shows a target or result exactly as entered:
    /// percentages with 2 decimals, dollars with cents, others with their
    /// own decimals (up to 4).
    pub(crate) fn value(&mut self, medida: Medida, d: Decimal) -> Format {
        match medida {
            Medida::Porcentaje => self.pct.clone(),
            Medida::Monto => self.usd.clone(),
            _ => {
                let scale = d.normalize().scale().min(4);
                self.numbers
                    .entry((0, scale))
                    .or_insert_with(|| {
                        let fmt = if scale == 0 {
                            "#,##0".to_string()
                        } else {
                            format!("#,##0.{}", "0".repeat(scale as usize))
                        };
                        self.int.clone().set_num_format(fmt)
                    })
                    .clone()
            }
        }
    }

    /// A semáforo cell: the colour name on its fill.
    pub(crate) fn semaforo(&self, s: Semaforo) -> Format {
        let (fill, font) = semaforo_colors(s);
        self.center
            .clone()
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font))
            .set_bold()
    }

    /// A percentage cell tinted with its colour.
    pub(crate) fn pct_semaforo(&self, s: Option<Semaforo>) -> Format {
        match s {
            Some(s) => {
                let (fill, font) = semaforo_colors(s);
                self.pct
                    .clone()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(font))
            }
            None => self.pct.clone(),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

/// Fill and font colours of a semáforo colour (readable pairs).
pub(crate) fn semaforo_colors(s: Semaforo) -> (u32, u32) {
    match s {
        Semaforo::Verde => (0xC6EFCE, 0x006100),
        Semaforo::Amarillo => (0xFFEB9C, 0x7F5F00),
        Semaforo::Rojo => (0xFFC7CE, 0x9C0006),
    }
}

/// Lines a text needs in a column `width` characters wide (greedy word
/// wrap; a 10-point font fits about 1.3 characters per width unit).
pub(crate) fn lines(text: &str, width: f64) -> usize {
    lines_at(text, width, 1.3)
}

/// Characters per width unit of bold capitals (the labels of the matrix
/// footer): wider than running text, and wider still in the fonts that
/// stand in for Calibri where it is missing.
pub(crate) const BOLD_CAPS: f64 = 1.0;

/// Characters per width unit of bold running text (column headers).
pub(crate) const BOLD: f64 = 1.15;

/// Lines a text needs in a column `width` characters wide at `per_unit`
/// characters per width unit.
pub(crate) fn lines_at(text: &str, width: f64, per_unit: f64) -> usize {
    let per_line = ((width * per_unit) as usize).max(4);
    let mut n = 0;
    for para in text.split('\n') {
        let mut used = 0usize;
        n += 1;
        for word in para.split_whitespace() {
            let w = word.chars().count();
            if used == 0 {
                used = w;
            } else if used + 1 + w <= per_line {
                used += 1 + w;
            } else {
                n += 1;
                used = w;
            }
            while used > per_line {
                n += 1;
                used -= per_line;
            }
        }
    }
    n.max(1)
}

/// Height in points of a row of `lines` lines of 10-point text.
pub(crate) fn height(lines: usize) -> f64 {
    (lines.max(1) as f64) * 13.0 + 3.0
}

/// Spreads the extra lines a merged cell needs over the rows it covers, so
/// its text is never cut: rows `first..=last` of `need`.
pub(crate) fn fit_merged(need: &mut [usize], first: usize, last: usize, text_lines: usize) {
    let have: usize = need[first..=last].iter().sum();
    if text_lines > have {
        let extra = text_lines - have;
        let n = last - first + 1;
        for (k, r) in (first..=last).enumerate() {
            need[r] += extra / n + usize::from(k < extra % n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cells_hold_the_exact_decimal_text() {
        for d in [
            dec!(0.85),
            dec!(1054666507.88),
            dec!(83368885.603),
            dec!(0.0011),
            dec!(3081783),
        ] {
            assert_eq!(format!("{}", cell_number(d)), d.to_string());
        }
        assert_eq!(format!("{}", cell_pct(dec!(107.0588235294))), "1.0706");
    }

    #[test]
    fn line_estimate_wraps_words() {
        assert_eq!(lines("corto", 10.0), 1);
        assert_eq!(lines("una dos tres cuatro cinco seis siete ocho", 10.0), 4);
        assert_eq!(
            lines(
                "Coordinación Provincial Administrativa Financiera Azuay",
                44.0
            ),
            1
        );
        assert_eq!(lines(&"x".repeat(52), 10.0), 4);
    }

    #[test]
    fn footer_labels_are_counted_as_bold_capitals() {
        // Over columns A–C of the matrix (78 characters): the IESS link label
        // takes two lines, the e-mail label (83 characters) too.
        let link = "LINK PARA DESCARGAR EL REPORTE DEL INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL POR RESULTADOS (IESSPR)";
        assert_eq!(lines(link, 78.0), 1);
        assert_eq!(lines_at(link, 78.0, BOLD_CAPS), 2);
        let correo =
            "CORREO ELECTRÓNICO DEL O LA RESPONSABLE DE LA UNIDAD POSEEDORA DE LA INFORMACIÓN:";
        assert_eq!(lines_at(correo, 78.0, BOLD_CAPS), 2);
        assert_eq!(
            lines_at("FECHA ACTUALIZACIÓN DE LA INFORMACIÓN:", 78.0, BOLD_CAPS),
            1
        );
    }

    #[test]
    fn merged_cells_get_the_lines_they_need() {
        let mut need = vec![1, 1, 2];
        fit_merged(&mut need, 0, 2, 7);
        assert_eq!(need.iter().sum::<usize>(), 7);
        assert_eq!(need, vec![2, 2, 3]);
        let mut need = vec![3, 3];
        fit_merged(&mut need, 0, 1, 2);
        assert_eq!(need, vec![3, 3]);
    }
}
