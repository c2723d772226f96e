//! `<head>`: title, author, subject and the `pdf:` settings.

use super::dom::{Margins, Meta, mm};
use super::error::{PdfError, Reason};
use super::reader::{self, Attrs, Node};
use super::xhtml::Parser;

impl Parser<'_> {
    pub(super) fn head(&mut self, meta: &mut Meta) -> Result<(), PdfError> {
        loop {
            match self.r.next_node()? {
                Node::Start(name, attrs) => match name.as_str() {
                    "title" => {
                        let spans = self.inline("title", false)?;
                        meta.title = reader::plain_text(&spans);
                    }
                    "meta" => {
                        let line = self.r.line();
                        self.meta(&attrs, meta, line)?;
                        self.r.skip("meta")?;
                    }
                    _ => self.r.skip(&name)?,
                },
                Node::End(_) | Node::Eof => return Ok(()),
                Node::Text(_) => {}
            }
        }
    }

    fn meta(&mut self, attrs: &Attrs, meta: &mut Meta, line: usize) -> Result<(), PdfError> {
        let (Some(name), Some(content)) = (attrs.get("name"), attrs.get("content")) else {
            return Ok(());
        };
        match name {
            "author" => meta.author = content.trim().to_string(),
            "subject" | "description" => meta.subject = content.trim().to_string(),
            "pdf:page" => {
                let (w, h) = page_size(content).ok_or_else(|| {
                    PdfError::invalid(
                        line,
                        "meta",
                        Reason::BadValue {
                            what: "pdf:page".into(),
                            value: content.to_string(),
                            expected: "e.g. \"A4 landscape\"".into(),
                        },
                    )
                })?;
                meta.page_width = w;
                meta.page_height = h;
            }
            "pdf:margins" => {
                meta.margins = margins(content).ok_or_else(|| {
                    PdfError::invalid(
                        line,
                        "meta",
                        Reason::BadValue {
                            what: "pdf:margins".into(),
                            value: content.to_string(),
                            expected: "1 to 4 lengths in mm".into(),
                        },
                    )
                })?;
            }
            "pdf:fecha" => {
                meta.date = Some(date(content).ok_or_else(|| {
                    PdfError::invalid(
                        line,
                        "meta",
                        Reason::BadValue {
                            what: "pdf:fecha".into(),
                            value: content.to_string(),
                            expected: "YYYY-MM-DD".into(),
                        },
                    )
                })?);
            }
            _ => {}
        }
        Ok(())
    }
}

/// `"A4 landscape"`, `"A4"`, `"Letter portrait"`, ... → (width, height) in points.
fn page_size(v: &str) -> Option<(f32, f32)> {
    let mut size = None;
    let mut landscape = false;
    for word in v.split_ascii_whitespace() {
        match word.to_ascii_lowercase().as_str() {
            "a3" => size = Some((297.0, 420.0)),
            "a4" => size = Some((210.0, 297.0)),
            "a5" => size = Some((148.0, 210.0)),
            "letter" | "carta" => size = Some((215.9, 279.4)),
            "legal" | "oficio" => size = Some((215.9, 355.6)),
            "landscape" | "horizontal" => landscape = true,
            "portrait" | "vertical" => landscape = false,
            _ => return None,
        }
    }
    let (w, h) = size?;
    Some(if landscape {
        (mm(h), mm(w))
    } else {
        (mm(w), mm(h))
    })
}

/// CSS-like 1 to 4 values in mm: top right bottom left.
fn margins(v: &str) -> Option<Margins> {
    let vals: Vec<f32> = v
        .split_ascii_whitespace()
        .map(reader::parse_length)
        .collect::<Option<Vec<_>>>()?;
    let (t, r, b, l) = match vals.as_slice() {
        [a] => (*a, *a, *a, *a),
        [a, b] => (*a, *b, *a, *b),
        [a, b, c] => (*a, *b, *c, *b),
        [a, b, c, d] => (*a, *b, *c, *d),
        _ => return None,
    };
    Some(Margins {
        top: t,
        right: r,
        bottom: b,
        left: l,
    })
}

fn date(v: &str) -> Option<(u16, u8, u8)> {
    let mut it = v.trim().splitn(3, '-');
    let y: u16 = it.next()?.parse().ok()?;
    let m: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}
