//! XHTML → [`Document`]: the `<html>` skeleton, running header/footer, body blocks
//! and inline text. `<head>` is read in [`super::xhtml_head`],
//! tables and charts in [`super::xhtml_table`].

use super::dom::{Block, Document, Look, Running, Span, link_target};
use super::error::{PdfError, Reason};
use super::fonts::Fonts;
use super::reader::{self, Attrs, BREAK, Node, XmlReader};
use super::style::Stylesheet;
use super::xhtml_table;

/// Parses an XHTML document; `style` says what its classes mean, and its
/// text must be drawable with `fonts`.
pub(crate) fn parse(src: &str, style: &Stylesheet, fonts: &Fonts) -> Result<Document, PdfError> {
    let mut p = Parser {
        depth: 0,
        r: XmlReader::new(src, fonts),
        style,
    };
    let mut doc = Document::default();
    loop {
        match p.r.next_node()? {
            Node::Start(name, attrs) if name == "html" => {
                if let Some(lang) = attrs.get("lang").filter(|l| !l.trim().is_empty()) {
                    doc.meta.lang = lang.trim().to_string();
                }
                break;
            }
            Node::Start(name, _) => {
                let line = p.r.line();
                return Err(PdfError::invalid(line, &name, Reason::NoRoot));
            }
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(_) => {
                let line = p.r.line();
                return Err(PdfError::invalid(
                    line,
                    "html",
                    Reason::TextOutside("the root element".into()),
                ));
            }
            Node::End(_) | Node::Eof => {
                let line = p.r.line();
                return Err(PdfError::invalid(line, "html", Reason::NoRoot));
            }
        }
    }
    loop {
        match p.r.next_node()? {
            Node::Start(name, _) if name == "head" => p.head(&mut doc.meta)?,
            Node::Start(name, attrs) if name == "body" => p.blocks("body", &attrs, &mut doc)?,
            Node::Start(name, _) => {
                let line = p.r.line();
                return Err(PdfError::invalid(
                    line,
                    &name,
                    Reason::NotAllowed {
                        within: "<html>".into(),
                        allowed: "<head>, <body>".into(),
                    },
                ));
            }
            Node::End(_) | Node::Eof => break,
            Node::Text(_) => {}
        }
    }
    Ok(doc)
}

pub(super) struct Parser<'a> {
    pub(super) r: XmlReader<'a>,
    /// Elements open inside one another: the parser recurses on them.
    depth: usize,
    pub(super) style: &'a Stylesheet,
}

/// The most elements one may open inside another: far beyond any page, and
/// far below what would exhaust the stack.
const MAX_DEPTH: usize = 256;

/// Elements read as inline content.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "b" | "strong"
            | "i"
            | "em"
            | "span"
            | "small"
            | "a"
            | "br"
            | "sup"
            | "sub"
            | "u"
            | "abbr"
            | "time"
            | "code"
    )
}

impl<'a> Parser<'a> {
    /// Runs `f` one element deeper, refusing nesting past [`MAX_DEPTH`].
    fn deeper<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut Self) -> Result<T, PdfError>,
    ) -> Result<T, PdfError> {
        if self.depth >= MAX_DEPTH {
            let line = self.r.line();
            return Err(PdfError::invalid(line, name, Reason::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Reads block content up to the end tag of `end` into `doc.blocks`.
    pub(super) fn blocks(
        &mut self,
        end: &str,
        attrs: &Attrs,
        doc: &mut Document,
    ) -> Result<(), PdfError> {
        self.deeper(end, |p| p.blocks_in(end, attrs, doc))
    }

    fn blocks_in(&mut self, end: &str, attrs: &Attrs, doc: &mut Document) -> Result<(), PdfError> {
        if let Some(text) = attrs.get("data-marcador") {
            doc.blocks.push(Block::Marker(text.trim().to_string()));
        }
        // Loose text and inline elements directly inside a container form a paragraph.
        let mut loose: Vec<Span> = Vec::new();
        loop {
            let node = self.r.next_node()?;
            if matches!(&node, Node::Start(name, _) if !is_inline(name)) {
                flush_loose(&mut loose, doc);
            }
            match node {
                Node::Text(t) => loose.push(Span::new(t.into_owned(), false)),
                Node::End(name) if name == end => {
                    flush_loose(&mut loose, doc);
                    return Ok(());
                }
                Node::End(_) => {}
                Node::Eof => {
                    let line = self.r.line();
                    return Err(PdfError::invalid(line, end, Reason::NotClosed));
                }
                Node::Start(name, attrs) => self.block(name, attrs, doc, &mut loose)?,
            }
        }
    }

    fn block(
        &mut self,
        name: String,
        attrs: Attrs,
        doc: &mut Document,
        loose: &mut Vec<Span>,
    ) -> Result<(), PdfError> {
        let line = self.r.line();
        let bookmark = attrs.get("data-marcador").map(|s| s.trim().to_string());
        match name.as_str() {
            "header" | "footer" => {
                let running = self.running()?;
                if name == "header" {
                    doc.header = Some(running);
                } else {
                    doc.footer = Some(running);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = (name.as_bytes()[1] - b'0').min(3);
                let spans = self.inline(&name, false)?;
                doc.blocks.push(Block::Heading {
                    level,
                    spans,
                    bookmark,
                });
            }
            "p" | "figcaption" | "address" | "blockquote" => {
                let spans = self.inline(&name, false)?;
                doc.blocks.push(Block::Paragraph { spans, bookmark });
            }
            "ul" | "ol" => {
                if let Some(text) = bookmark {
                    doc.blocks.push(Block::Marker(text));
                }
                self.list(&name, doc)?;
            }
            "div" if attrs.has_class(&self.style.page_break) => {
                self.r.skip(&name)?;
                doc.blocks.push(Block::PageBreak);
                if let Some(text) = bookmark {
                    doc.blocks.push(Block::Marker(text));
                }
            }
            "table" => {
                let table = xhtml_table::table(self, &attrs, line)?;
                doc.blocks.push(Block::Table(table));
            }
            "figure" if attrs.has_class(&self.style.chart) => {
                let chart = xhtml_table::chart(self, &attrs, line)?;
                doc.blocks.push(Block::Chart(chart));
            }
            "div" | "section" | "article" | "main" | "figure" | "nav" | "aside" => {
                self.blocks(&name, &attrs, doc)?;
            }
            "hr" => self.r.skip(&name)?,
            _ if is_inline(&name) => self.inline_element(&name, &attrs, loose, &Look::default())?,
            _ => {
                return Err(PdfError::invalid(
                    line,
                    &name,
                    Reason::NotAllowed { within: "a block".into(), allowed: "<header>, <footer>, <h1>…<h6>, <p>, <ul>, <ol>, <table>, <figure>, <div>, <section>, <hr/> and text elements".into() },
                ));
            }
        }
        Ok(())
    }

    fn list(&mut self, end: &str, doc: &mut Document) -> Result<(), PdfError> {
        let mut n = 0;
        loop {
            match self.r.next_node()? {
                Node::Start(name, attrs) if name == "li" => {
                    n += 1;
                    let bullet = if end == "ol" {
                        format!("{n}. ")
                    } else {
                        "\u{2022} ".to_string()
                    };
                    let mut spans = vec![Span::new(bullet, false)];
                    spans.extend(self.inline("li", false)?);
                    let bookmark = attrs.get("data-marcador").map(|s| s.trim().to_string());
                    doc.blocks.push(Block::Paragraph {
                        spans: reader::normalize(spans),
                        bookmark,
                    });
                }
                Node::Start(name, _) => {
                    let line = self.r.line();
                    return Err(PdfError::invalid(
                        line,
                        &name,
                        Reason::NotAllowed {
                            within: "a list".into(),
                            allowed: "<li>".into(),
                        },
                    ));
                }
                Node::End(_) | Node::Eof => return Ok(()),
                Node::Text(_) => {}
            }
        }
    }

    fn running(&mut self) -> Result<Running, PdfError> {
        let mut left = Vec::new();
        let mut right = Vec::new();
        loop {
            match self.r.next_node()? {
                Node::Text(t) => left.push(Span::new(t.into_owned(), false)),
                Node::Start(name, attrs) if attrs.has_class(&self.style.right) => {
                    self.inline_element(&name, &attrs, &mut right, &Look::default())?;
                }
                Node::Start(name, attrs) => {
                    self.inline_element(&name, &attrs, &mut left, &Look::default())?
                }
                Node::End(_) | Node::Eof => break,
            }
        }
        Ok(Running {
            left: reader::normalize(left),
            right: reader::normalize(right),
        })
    }

    /// Reads inline content up to the end tag of `end` and returns normalized spans.
    pub(super) fn inline(&mut self, end: &str, bold: bool) -> Result<Vec<Span>, PdfError> {
        let mut raw = Vec::new();
        let look = Look { bold, link: None };
        self.inline_into(end, &mut raw, &look)?;
        Ok(reader::normalize(raw))
    }

    fn inline_into(&mut self, end: &str, out: &mut Vec<Span>, look: &Look) -> Result<(), PdfError> {
        self.deeper(end, |p| p.inline_in(end, out, look))
    }

    fn inline_in(&mut self, end: &str, out: &mut Vec<Span>, look: &Look) -> Result<(), PdfError> {
        loop {
            match self.r.next_node()? {
                Node::Text(t) => out.push(Span::styled(t.into_owned(), look)),
                Node::Start(name, attrs) => self.inline_element(&name, &attrs, out, look)?,
                Node::End(name) if name == end => return Ok(()),
                Node::End(_) => {}
                Node::Eof => {
                    let line = self.r.line();
                    return Err(PdfError::invalid(line, end, Reason::NotClosed));
                }
            }
        }
    }

    /// One inline element whose start tag has just been read.
    fn inline_element(
        &mut self,
        name: &str,
        attrs: &Attrs,
        out: &mut Vec<Span>,
        look: &Look,
    ) -> Result<(), PdfError> {
        match name {
            "br" => {
                out.push(Span::styled(BREAK.to_string(), look));
                self.r.skip(name)
            }
            "b" | "strong" => {
                let bold = Look {
                    bold: true,
                    ..look.clone()
                };
                self.inline_into(name, out, &bold)
            }
            "a" => {
                let linked = Look {
                    link: attrs.get("href").and_then(link_target),
                    ..look.clone()
                };
                self.inline_into(name, out, &linked)
            }
            // Paragraph-like elements inside a cell or a heading become line breaks.
            "p" | "div" | "li" => {
                if !out.is_empty() {
                    out.push(Span::styled(BREAK.to_string(), look));
                }
                self.inline_into(name, out, look)?;
                out.push(Span::styled(BREAK.to_string(), look));
                Ok(())
            }
            "script" | "style" => self.r.skip(name),
            _ if is_inline(name) => self.inline_into(name, out, look),
            _ => {
                let line = self.r.line();
                Err(PdfError::invalid(
                    line,
                    name,
                    Reason::NotAllowed { within: "a line of text (a heading, a paragraph or a cell)".into(), allowed: "<b>, <strong>, <i>, <em>, <span>, <small>, <a>, <br/>, <sup>, <sub>, <p>, <div>, <li>".into() },
                ))
            }
        }
    }
}

fn flush_loose(loose: &mut Vec<Span>, doc: &mut Document) {
    if loose.is_empty() {
        return;
    }
    let spans = reader::normalize(std::mem::take(loose));
    if !spans.is_empty() {
        doc.blocks.push(Block::Paragraph {
            spans,
            bookmark: None,
        });
    }
}
