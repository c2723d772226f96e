//! Error type of the PDF engine.
//!
//! Messages are meant for the developer who writes the templates: they name the
//! element and the line of the XHTML input where the problem was found.

/// Everything that can go wrong while turning XHTML into a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The input is not well-formed XML (unclosed or mismatched tags, bad attributes...).
    #[error("XHTML line {line}: malformed markup: {markup}")]
    Xml {
        /// Line of the XHTML input (1-based).
        line: usize,
        /// What is wrong.
        markup: Markup,
    },

    /// An entity reference the engine does not know, e.g. `&foo;`.
    #[error("XHTML line {line}: unknown entity `&{name};`")]
    UnknownEntity {
        /// Line of the XHTML input (1-based).
        line: usize,
        /// The entity's name, without `&` and `;`.
        name: String,
    },

    /// Well-formed markup that the engine does not support or that has a bad value.
    #[error("XHTML line {line}: <{element}>: {reason}")]
    Invalid {
        /// Line of the XHTML input (1-based).
        line: usize,
        /// The element's name, without brackets.
        element: String,
        /// Why it is refused.
        reason: Reason,
    },

    /// A character the embedded fonts have no glyph for: it would not show.
    #[error("XHTML line {line}: character U+{:04X} is not in the fonts", *.ch as u32)]
    Glyph {
        /// Line of the XHTML input (1-based).
        line: usize,
        /// The character.
        ch: char,
    },

    /// A font could not be parsed or subset.
    #[error("font {font}: {message}")]
    Font {
        /// The font's name, as given in its [`crate::FontFile`].
        font: &'static str,
        /// What went wrong.
        message: String,
    },

    /// The PDF writer reported an error.
    #[error("PDF output: {0}")]
    Write(String),
}

impl PdfError {
    pub(crate) fn invalid(line: usize, element: &str, reason: Reason) -> Self {
        PdfError::Invalid {
            line,
            element: element.to_string(),
            reason,
        }
    }
}

/// What is wrong with markup that is not well-formed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markup {
    /// `</found>` closes the open `<expected>`.
    Mismatched {
        /// The element that is open.
        expected: String,
        /// The element the end tag names.
        found: String,
        /// The line where `<expected>` opens, when known.
        opened: Option<usize>,
    },
    /// `</name>` closes nothing.
    Unmatched(String),
    /// `<name>` is never closed.
    Unclosed {
        /// The element.
        name: String,
        /// The line where it opens, when known.
        opened: Option<usize>,
    },
    /// Anything else, as the XML reader words it.
    Other(String),
}

impl std::fmt::Display for Markup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Markup::Mismatched {
                expected,
                found,
                opened,
            } => {
                write!(f, "expected </{expected}>, found </{found}>")?;
                match opened {
                    Some(l) => write!(f, " (<{expected}> opens at line {l})"),
                    None => Ok(()),
                }
            }
            Markup::Unmatched(n) => write!(f, "</{n}> closes nothing"),
            Markup::Unclosed { name, opened } => {
                write!(f, "<{name}> is never closed")?;
                match opened {
                    Some(l) => write!(f, " (it opens at line {l})"),
                    None => Ok(()),
                }
            }
            Markup::Other(m) => f.write_str(m),
        }
    }
}

/// Why well-formed markup is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The element is not closed before its parent or the document ends.
    NotClosed,
    /// The element may not stand where it is; `allowed` says what may.
    NotAllowed {
        /// Where it stands (`<table>`, `a list`…).
        within: String,
        /// What may stand there.
        allowed: String,
    },
    /// Text where only elements may stand.
    TextOutside(String),
    /// The document has no `<html>` root.
    NoRoot,
    /// An attribute or `<meta>` value the engine cannot read.
    BadValue {
        /// The attribute or setting.
        what: String,
        /// The value written.
        value: String,
        /// What would be read.
        expected: String,
    },
    /// A chart without its data table, or a data row without label and value.
    ChartData(String),
    /// The margins leave too little room for the content.
    Margins,
    /// Elements nested deeper than the engine reads (the limit).
    TooDeep(usize),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::NotClosed => f.write_str("element is not closed"),
            Reason::NotAllowed { within, allowed } => {
                write!(f, "not allowed in {within} (allowed: {allowed})")
            }
            Reason::TextOutside(where_) => write!(f, "text outside of {where_}"),
            Reason::NoRoot => f.write_str("no <html> root element"),
            Reason::BadValue {
                what,
                value,
                expected,
            } => write!(f, "bad {what} {value:?}; expected {expected}"),
            Reason::ChartData(m) => f.write_str(m),
            Reason::Margins => f.write_str("pdf:margins leave less than 30 mm for the content"),
            Reason::TooDeep(n) => write!(f, "more than {n} elements open inside one another"),
        }
    }
}
