//! PDF layout engine for the LOTAIP publications.
//!
//! [`render_xhtml`] turns an XHTML page (the same text a browser can show) into a
//! PDF: long tables with repeated header rows, rowspan cells that continue across
//! pages, semáforo cell fills, bar charts, running header and footer with page
//! numbers, bookmarks and metadata. Output is byte-for-byte reproducible.
//!
//! Pipeline: [`xhtml`] (markup → [`dom::Document`], with [`reader`] on top of
//! quick-xml) → [`layout`] (pages of [`layout::Item`]s: [`blocks`], [`table`] +
//! [`paginate`], [`chart`], [`running`]; text measured with [`fonts`] and
//! wrapped by [`text`]) → [`writer`] (font subsets, [`draw`] to printpdf
//! operations, [`assemble`] into a lopdf document, outline, metadata, file id).
//! The fixed stylesheet (classes and colours) is in [`style`].

pub mod assemble;
pub mod blocks;
pub mod chart;
pub mod chart_legend;
pub mod dom;
pub mod draw;
pub mod error;
pub mod fonts;
pub mod layout;
pub mod paginate;
pub mod reader;
pub mod running;
pub mod style;
pub mod table;
pub mod text;
pub mod writer;
pub mod xhtml;
pub mod xhtml_head;
pub mod xhtml_table;

#[cfg(test)]
mod tests;

pub use error::PdfError;

/// Parses and lays out `xhtml` without writing a PDF (used by tests and tools).
pub fn layout_xhtml(xhtml: &str) -> Result<(dom::Document, layout::Layout), PdfError> {
    let doc = xhtml::parse(xhtml)?;
    let fonts = fonts::fonts()?;
    let layout = layout::layout(&doc, fonts)?;
    Ok((doc, layout))
}

/// Renders an XHTML document to PDF bytes.
pub fn render_xhtml(xhtml: &str) -> Result<Vec<u8>, PdfError> {
    let (doc, layout) = layout_xhtml(xhtml)?;
    writer::write(&layout, &doc.meta, fonts::fonts()?, xhtml)
}
