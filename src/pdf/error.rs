//! Error type of the PDF engine.
//!
//! Messages are meant for the developer who writes the templates: they name the
//! element and the line of the XHTML input where the problem was found.

/// Everything that can go wrong while turning XHTML into a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The input is not well-formed XML (unclosed or mismatched tags, bad attributes...).
    #[error("XHTML line {line}: malformed markup: {message}")]
    Xml { line: usize, message: String },

    /// An entity reference the engine does not know, e.g. `&foo;`.
    #[error("XHTML line {line}: unknown entity `&{name};`")]
    UnknownEntity { line: usize, name: String },

    /// Well-formed markup that the engine does not support or that has a bad value.
    #[error("XHTML line {line}: <{element}>: {message}")]
    Invalid {
        line: usize,
        element: String,
        message: String,
    },

    /// The embedded font could not be parsed or subset.
    #[error("embedded font {font}: {message}")]
    Font { font: &'static str, message: String },

    /// The PDF writer reported an error.
    #[error("PDF output: {0}")]
    Write(String),
}

impl PdfError {
    pub(crate) fn invalid(line: usize, element: &str, message: impl Into<String>) -> Self {
        PdfError::Invalid {
            line,
            element: element.to_string(),
            message: message.into(),
        }
    }
}
