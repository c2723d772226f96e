//! A small XHTML subset laid out as paginated PDF, the same bytes for the same
//! input on any machine and any number of cores.
//!
//! [`render`] turns an XHTML page (text a browser can show too) into a PDF:
//! long tables whose header rows repeat on every page and whose spanning cells
//! continue across pages, cell fills and rules by class, bar charts with a
//! line series and a threshold, running header and footer with page numbers,
//! bookmarks and metadata. The caller gives the [`Stylesheet`] (what its
//! classes mean) and the [`Fonts`]; errors name the XHTML line and element
//! ([`PdfError`]). The subset accepted is listed in the crate's README.
//!
//! Inside: `xhtml` (markup → `dom::Document`, on top of quick-xml) →
//! `layout` (pages of drawing items: `blocks`, `table` + `paginate`, `chart`,
//! `running`; text measured with `fonts` and wrapped by `text`; the logical
//! structure built alongside in `tags`) → `writer` (font subsets, `draw` to
//! printpdf operations with marked content, `assemble` into a lopdf
//! document, outline, metadata, `archive` identification, the structure
//! tree, file id).
#![warn(unreachable_pub, missing_docs)]

mod archive;
mod assemble;
mod blocks;
mod chart;
mod chart_legend;
mod dom;
mod draw;
mod error;
mod fonts;
mod hyphen;
mod layout;
mod paginate;
mod reader;
mod running;
mod sign;
mod style;
mod table;
mod table_cols;
mod table_keep;
mod tags;
mod text;
mod writer;
mod xhtml;
mod xhtml_head;
mod xhtml_table;

#[cfg(test)]
mod tests;

pub use error::{Markup, PdfError, Reason};
pub use fonts::{FontFile, Fonts};
pub use sign::{MAX_CAPACITY, SignError, SignatureField, Signed, Unsigned, sign, signed};
pub use style::{Align, ClassStyle, Rgb, Stylesheet};

/// What the written file claims beyond its pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Write the file as PDF/A-2 (XMP identification, sRGB output intent,
    /// printable annotations). On by default.
    pub pdfa: bool,
    /// Write an empty signature field, to be filled by [`sign`]. Off by
    /// default.
    pub signature: Option<SignatureField>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pdfa: true,
            signature: None,
        }
    }
}

/// Renders an XHTML document to PDF bytes, with the default [`Options`].
pub fn render(xhtml: &str, style: &Stylesheet, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    render_with(xhtml, style, fonts, Options::default())
}

/// Renders an XHTML document to PDF bytes with `options`.
pub fn render_with(
    xhtml: &str,
    style: &Stylesheet,
    fonts: &Fonts,
    options: Options,
) -> Result<Vec<u8>, PdfError> {
    reader::well_formed(xhtml)?;
    let doc = xhtml::parse(xhtml, style, fonts)?;
    let layout = layout::layout(&doc, fonts)?;
    writer::write(&layout, &doc.meta, fonts, xhtml, options)
}
