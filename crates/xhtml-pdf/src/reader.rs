//! Low-level XHTML reading on top of `quick-xml`: simplified events with line
//! numbers, attributes, entities, whitespace collapsing and value parsing.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::dom::{Span, mm};
use super::error::{Markup, PdfError, Reason};
use super::fonts::Fonts;

/// Marker for `<br/>` while inline text is collected (XML text cannot contain NUL).
pub(crate) const BREAK: char = '\0';

/// A simplified XML event.
pub(crate) enum Node<'a> {
    Start(String, Attrs),
    End(String),
    Text(Cow<'a, str>),
    Eof,
}

/// Attributes of one element, in document order.
#[derive(Debug, Default)]
pub(crate) struct Attrs(Vec<(String, String)>);

impl Attrs {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// True if the space-separated `class` attribute contains `name`.
    pub(crate) fn has_class(&self, name: &str) -> bool {
        self.get("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|n| n == name))
    }
}

/// Pull parser over the input with line tracking.
pub(crate) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    src: &'a str,
    counted_to: usize,
    counted_line: usize,
    /// The fonts the text will be drawn with: a character they lack is an error.
    fonts: &'a Fonts,
}

impl<'a> XmlReader<'a> {
    pub(crate) fn new(src: &'a str, fonts: &'a Fonts) -> Self {
        let mut reader = Reader::from_str(src);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        XmlReader {
            reader,
            src,
            fonts,
            counted_to: 0,
            counted_line: 1,
        }
    }

    fn line_at(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.src.len());
        if pos < self.counted_to {
            self.counted_to = 0;
            self.counted_line = 1;
        }
        let extra = self.src.as_bytes()[self.counted_to..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted_line += extra;
        self.counted_to = pos;
        self.counted_line
    }

    /// Line number (1-based) of the position the reader has reached.
    pub(crate) fn line(&mut self) -> usize {
        let pos = self.reader.buffer_position() as usize;
        self.line_at(pos)
    }

    /// Next event; comments, declarations and processing instructions are skipped.
    pub(crate) fn next_node(&mut self) -> Result<Node<'a>, PdfError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let line = self.line_at(self.reader.error_position() as usize);
                    return Err(PdfError::Xml {
                        line,
                        markup: markup(&e),
                    });
                }
            };
            return Ok(match event {
                Event::Start(e) => {
                    let attrs = self.attrs(&e)?;
                    Node::Start(e.name().as_ref().to_ascii_lowercase(), attrs)
                }
                Event::End(e) => Node::End(e.name().as_ref().to_ascii_lowercase()),
                Event::Text(t) => Node::Text(self.drawable(t.into_inner())?),
                Event::CData(t) => Node::Text(self.drawable(t.into_inner())?),
                Event::GeneralRef(r) => {
                    let line = self.line();
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => entity(&r)
                            .ok_or_else(|| PdfError::UnknownEntity {
                                line,
                                name: r.to_string(),
                            })?
                            .to_string(),
                        Err(e) => {
                            return Err(PdfError::Xml {
                                line,
                                markup: Markup::Other(e.to_string()),
                            });
                        }
                    };
                    Node::Text(self.drawable(Cow::Owned(resolved))?)
                }
                Event::Eof => Node::Eof,
                Event::Empty(_)
                | Event::Comment(_)
                | Event::Decl(_)
                | Event::PI(_)
                | Event::DocType(_) => continue,
            });
        }
    }

    /// Text whose every character the fonts can draw: a missing glyph is an
    /// error, never a character silently left out of the page.
    fn drawable<'t>(&mut self, text: Cow<'t, str>) -> Result<Cow<'t, str>, PdfError> {
        match text
            .chars()
            .find(|c| !c.is_whitespace() && !self.fonts.covers(*c))
        {
            Some(ch) => Err(PdfError::Glyph {
                line: self.line(),
                ch,
            }),
            None => Ok(text),
        }
    }

    fn attrs(&mut self, e: &BytesStart<'_>) -> Result<Attrs, PdfError> {
        let mut out = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| PdfError::Xml {
                line: self.line(),
                markup: Markup::Other(err.to_string()),
            })?;
            let mut unknown: Option<String> = None;
            let res = attr.normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 1, |name| {
                let v = entity(name);
                if v.is_none() {
                    unknown = Some(name.to_string());
                }
                v
            });
            let value = match res {
                Ok(v) => v.into_owned(),
                Err(err) => {
                    let line = self.line();
                    return Err(match unknown {
                        Some(name) => PdfError::UnknownEntity { line, name },
                        None => PdfError::Xml {
                            line,
                            markup: Markup::Other(err.to_string()),
                        },
                    });
                }
            };
            out.push((attr.key.as_ref().to_ascii_lowercase(), value));
        }
        Ok(Attrs(out))
    }

    /// Skips everything up to and including the end tag of `name` (whose start tag
    /// has just been read).
    pub(crate) fn skip(&mut self, name: &str) -> Result<(), PdfError> {
        let mut depth = 0usize;
        loop {
            match self.next_node()? {
                Node::Start(..) => depth += 1,
                Node::End(n) => {
                    if depth == 0 {
                        debug_assert_eq!(n, name);
                        return Ok(());
                    }
                    depth -= 1;
                }
                Node::Text(_) => {}
                Node::Eof => {
                    let line = self.line();
                    return Err(PdfError::invalid(line, name, Reason::NotClosed));
                }
            }
        }
    }
}

/// XML predefined entities plus the HTML named entities a Spanish template may use.
fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "hellip" => "\u{2026}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "deg" => "\u{b0}",
        "ordm" => "\u{ba}",
        "ordf" => "\u{aa}",
        "middot" => "\u{b7}",
        "bull" => "\u{2022}",
        "copy" => "\u{a9}",
        "euro" => "\u{20ac}",
        "iexcl" => "\u{a1}",
        "iquest" => "\u{bf}",
        "aacute" => "á",
        "eacute" => "é",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "Aacute" => "Á",
        "Eacute" => "É",
        "Iacute" => "Í",
        "Oacute" => "Ó",
        "Uacute" => "Ú",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "uuml" => "ü",
        "Uuml" => "Ü",
        _ => return None,
    })
}

/// The XML reader's error as the engine reports it.
fn markup(e: &quick_xml::Error) -> Markup {
    use quick_xml::errors::IllFormedError as I;
    match e {
        quick_xml::Error::IllFormed(I::MismatchedEndTag { expected, found }) => {
            Markup::Mismatched {
                expected: expected.clone(),
                found: found.clone(),
                opened: None,
            }
        }
        quick_xml::Error::IllFormed(I::UnmatchedEndTag(n)) => Markup::Unmatched(n.clone()),
        quick_xml::Error::IllFormed(I::MissingEndTag(n)) => Markup::Unclosed {
            name: n.clone(),
            opened: None,
        },
        other => Markup::Other(other.to_string()),
    }
}

/// Reads the whole input once as XML before anything is laid out, keeping
/// the line where each open element starts: an element left open is
/// reported as such, with that line, rather than as whatever the layout
/// meets first inside it (a table inside a heading that was never closed).
pub(crate) fn well_formed(src: &str) -> Result<(), PdfError> {
    let mut reader = Reader::from_str(src);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut lines = Lines::default();
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let line = lines.at(src, before);
                open.push((e.name().as_ref().to_ascii_lowercase(), line));
            }
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Eof) => {
                return match open.pop() {
                    Some((name, line)) => Err(PdfError::Xml {
                        line: lines.at(src, src.len()),
                        markup: Markup::Unclosed {
                            name,
                            opened: Some(line),
                        },
                    }),
                    None => Ok(()),
                };
            }
            Ok(_) => {}
            Err(e) => {
                let line = lines.at(src, reader.error_position() as usize);
                let mut markup = markup(&e);
                let top = open.last().map(|(_, l)| *l);
                match &mut markup {
                    Markup::Mismatched { opened, .. } | Markup::Unclosed { opened, .. } => {
                        *opened = top;
                    }
                    _ => {}
                }
                return Err(PdfError::Xml { line, markup });
            }
        }
    }
}

/// Line numbers of byte positions met in increasing order.
#[derive(Default)]
struct Lines {
    to: usize,
    line: usize,
}

impl Lines {
    fn at(&mut self, src: &str, pos: usize) -> usize {
        let pos = pos.min(src.len());
        if pos < self.to || self.line == 0 {
            self.to = 0;
            self.line = 1;
        }
        self.line += src.as_bytes()[self.to..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.to = pos;
        self.line
    }
}

/// Collapses whitespace the HTML way and turns [`BREAK`] markers into `'\n'`.
/// Adjacent spans with the same style are merged.
pub(crate) fn normalize(raw: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(raw.len());
    let mut pending_space = false;
    let mut line_start = true;
    for span in raw {
        let mut buf = String::with_capacity(span.text.len());
        for c in span.text.chars() {
            match c {
                ' ' | '\t' | '\n' | '\r' | '\u{c}' => pending_space = true,
                BREAK => {
                    buf.push('\n');
                    pending_space = false;
                    line_start = true;
                }
                _ => {
                    if pending_space && !line_start {
                        buf.push(' ');
                    }
                    pending_space = false;
                    line_start = false;
                    buf.push(c);
                }
            }
        }
        if buf.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.bold == span.bold && last.link == span.link => {
                last.text.push_str(&buf)
            }
            _ => out.push(Span {
                text: buf,
                bold: span.bold,
                link: span.link,
            }),
        }
    }
    // A trailing forced break does not produce an empty line (as in browsers).
    while let Some(last) = out.last_mut() {
        while last.text.ends_with('\n') {
            last.text.pop();
        }
        if last.text.is_empty() {
            out.pop();
        } else {
            break;
        }
    }
    out
}

/// Plain text of spans (forced breaks become spaces).
pub(crate) fn plain_text(spans: &[Span]) -> String {
    let mut s = String::new();
    for span in spans {
        s.push_str(&span.text);
    }
    s.replace('\n', " ")
}

/// Parses a length such as `60mm`, `6cm`, `170pt` or `60` (millimetres) into points.
pub(crate) fn parse_length(v: &str) -> Option<f32> {
    let v = v.trim();
    let (num, factor) = if let Some(n) = v.strip_suffix("mm") {
        (n, mm(1.0))
    } else if let Some(n) = v.strip_suffix("cm") {
        (n, mm(10.0))
    } else if let Some(n) = v.strip_suffix("pt") {
        (n, 1.0)
    } else {
        (v, mm(1.0))
    };
    let n: f32 = num.trim().parse().ok()?;
    (n.is_finite() && n >= 0.0).then_some(n * factor)
}

/// The number in a cell's text: without surrounding spaces and a trailing `%`.
pub(crate) fn number_text(v: &str) -> &str {
    v.trim().trim_end_matches('%').trim()
}

/// Parses a plain decimal number ("91.5"); a decimal comma, spaces and a trailing
/// `%` are tolerated.
pub(crate) fn parse_number(v: &str) -> Option<f64> {
    let t = number_text(v).replace(',', ".");
    let n: f64 = t.parse().ok()?;
    n.is_finite().then_some(n)
}
