//! Line breaking of styled text with real glyph advances.
//!
//! Greedy breaking at spaces; `'\n'` forces a break. A word wider than the line
//! is broken after `-`, `/`, `_` or `.`, or hyphenated (see [`super::hyphen`]),
//! whichever fills the line more, otherwise between characters, so no line is
//! ever wider than the available width (unless a single character is).

use super::dom::Span;
use super::fonts::Fonts;
use super::hyphen::Hyphenation;

const EPS: f32 = 0.01;

/// A piece of a line in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frag {
    pub text: String,
    pub bold: bool,
    /// The link the text belongs to, if any.
    pub link: Option<String>,
    /// Offset from the start of the line, in points.
    pub dx: f32,
    pub width: f32,
}

/// One laid-out line.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Line {
    pub frags: Vec<Frag>,
    pub width: f32,
}

/// A word (or part of one) as slices of the input spans.
#[derive(Clone, Copy)]
struct Piece {
    span: usize,
    start: usize,
    end: usize,
    width: f32,
}

struct Builder<'a> {
    fonts: &'a Fonts,
    hyphenation: Hyphenation,
    spans: &'a [Span],
    force_bold: bool,
    size: f32,
    max: f32,
    lines: Vec<Line>,
    cur: Line,
}

impl Builder<'_> {
    fn bold(&self, span: usize) -> bool {
        self.force_bold || self.spans[span].bold
    }

    fn char_width(&self, c: char, bold: bool) -> f32 {
        let face = self.fonts.face(bold);
        face.advance_units(c) as f32 * self.size / face.units_per_em
    }

    /// Appends text of span `span` (its style and link) to the current line.
    fn push(&mut self, text: &str, span: usize, width: f32) {
        let bold = self.bold(span);
        let link = self.spans[span].link.as_deref();
        self.push_styled(text, bold, link, width);
    }

    fn push_styled(&mut self, text: &str, bold: bool, link: Option<&str>, width: f32) {
        match self.cur.frags.last_mut() {
            Some(f) if f.bold == bold && f.link.as_deref() == link => {
                f.text.push_str(text);
                f.width += width;
            }
            _ => self.cur.frags.push(Frag {
                text: text.to_string(),
                bold,
                link: link.map(str::to_string),
                dx: self.cur.width,
                width,
            }),
        }
        self.cur.width += width;
    }

    fn finish_line(&mut self) {
        let line = std::mem::take(&mut self.cur);
        self.lines.push(line);
    }

    fn push_pieces(&mut self, pieces: &[Piece]) {
        for p in pieces {
            let spans = self.spans;
            self.push(&spans[p.span].text[p.start..p.end], p.span, p.width);
        }
    }

    /// Places one word, preceded by a space if `space` is `Some(bold)`.
    fn word(&mut self, pieces: &[Piece], space: Option<bool>) {
        let w: f32 = pieces.iter().map(|p| p.width).sum();
        if pieces.is_empty() {
            return;
        }
        let space_w = match space {
            Some(b) if !self.cur.frags.is_empty() => self.char_width(' ', b),
            _ => 0.0,
        };
        if self.cur.width + space_w + w <= self.max + EPS {
            if space_w > 0.0 {
                self.push_styled(" ", space.unwrap_or(false), None, space_w);
            }
            self.push_pieces(pieces);
        } else if w <= self.max + EPS {
            self.finish_line();
            self.push_pieces(pieces);
        } else {
            if !self.cur.frags.is_empty() {
                self.finish_line();
            }
            self.break_word(pieces);
        }
    }

    /// Breaks a word wider than the line, which starts a line. Each line
    /// ends at the last place that fits: after `-`, `/`, `_`, `.` or `–`, or
    /// at a hyphenation point with a hyphen drawn; failing both, between two
    /// characters.
    fn break_word(&mut self, pieces: &[Piece]) {
        let mut chars: Vec<(char, usize, f32)> = Vec::new();
        for p in pieces {
            let bold = self.bold(p.span);
            for c in self.spans[p.span].text[p.start..p.end].chars() {
                chars.push((c, p.span, self.char_width(c, bold)));
            }
        }
        let points = if self.fonts.covers('-') {
            let text: Vec<char> = chars.iter().map(|c| c.0).collect();
            self.hyphenation.points(&text)
        } else {
            Vec::new()
        };
        // at[k]: width of chars[..k].
        let mut at = Vec::with_capacity(chars.len() + 1);
        at.push(0.0f32);
        for c in &chars {
            at.push(at[at.len() - 1] + c.2);
        }
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            if at[i + 1] - at[start] <= self.max + EPS || i == start {
                i += 1;
                continue;
            }
            // chars[start..i] fits and chars[i] does not.
            let explicit = (start + 1..=i)
                .rev()
                .find(|&b| breaks_after(chars[b - 1].0));
            let hyphen = points.iter().rev().copied().find(|&p| {
                p > start
                    && p <= i
                    && at[p] - at[start] + self.char_width('-', self.bold(chars[p - 1].1))
                        <= self.max + EPS
            });
            let (cut, hyphenated) = match (explicit, hyphen) {
                (Some(b), Some(h)) if h > b => (h, true),
                (Some(b), _) => (b, false),
                (None, Some(h)) => (h, true),
                (None, None) => (i, false),
            };
            self.emit_chars(&chars[start..cut]);
            if hyphenated {
                // The hyphen belongs to the word: same style, same link.
                let span = chars[cut - 1].1;
                let w = self.char_width('-', self.bold(span));
                self.push("-", span, w);
            }
            self.finish_line();
            start = cut;
            i = cut;
        }
        self.emit_chars(&chars[start..]);
    }

    fn emit_chars(&mut self, chars: &[(char, usize, f32)]) {
        let mut buf = [0u8; 4];
        for &(c, span, w) in chars {
            self.push(c.encode_utf8(&mut buf), span, w);
        }
    }
}

/// Characters after which a word too wide for its line may break (no hyphen
/// is added).
fn breaks_after(c: char) -> bool {
    matches!(c, '-' | '/' | '_' | '.' | '\u{2013}')
}

/// The width `spans` need: the widest piece that is never broken while it
/// fits (a word, or a part of one after `-`, `/`, `_` or `–` that is followed
/// by a letter: URLs split there, numbers, dates and codes such as `S/N` do
/// not), and the widest line with only the forced breaks. A table column is
/// given at least the first before any word is split.
pub(crate) fn intrinsic(fonts: &Fonts, spans: &[Span], size: f32, force_bold: bool) -> (f32, f32) {
    let (mut min, mut max) = (0.0f32, 0.0f32);
    let (mut piece, mut piece_chars, mut line) = (0.0f32, 0usize, 0.0f32);
    let mut chars = spans
        .iter()
        .flat_map(|s| {
            let bold = force_bold || s.bold;
            s.text.chars().map(move |c| (c, bold))
        })
        .peekable();
    while let Some((c, bold)) = chars.next() {
        let face = fonts.face(bold);
        let w = face.advance_units(c) as f32 * size / face.units_per_em;
        if c == '\n' || c == ' ' {
            min = min.max(piece);
            (piece, piece_chars) = (0.0, 0);
            if c == '\n' {
                max = max.max(line);
                line = 0.0;
            } else {
                line += w;
            }
            continue;
        }
        piece += w;
        piece_chars += 1;
        line += w;
        let before_letter = chars.peek().is_some_and(|&(n, _)| n.is_alphabetic());
        if c != '.' && breaks_after(c) && piece_chars > 2 && before_letter {
            min = min.max(piece);
            (piece, piece_chars) = (0.0, 0);
        }
    }
    (min.max(piece), max.max(line))
}

/// Breaks `spans` into lines no wider than `max_width` points at `size` points.
/// `force_bold` renders every span bold; a word wider than the line is
/// hyphenated as `hyphenation` says.
pub(crate) fn wrap(
    fonts: &Fonts,
    hyphenation: Hyphenation,
    spans: &[Span],
    size: f32,
    max_width: f32,
    force_bold: bool,
) -> Vec<Line> {
    let mut b = Builder {
        fonts,
        hyphenation,
        spans,
        force_bold,
        size,
        max: max_width.max(0.0),
        lines: Vec::new(),
        cur: Line::default(),
    };
    let mut pieces: Vec<Piece> = Vec::new();
    let mut space: Option<bool> = None;
    for (si, span) in spans.iter().enumerate() {
        let bold = b.bold(si);
        let face = fonts.face(bold);
        let scale = size / face.units_per_em;
        let mut piece_start = 0;
        let mut units = 0u32;
        for (i, c) in span.text.char_indices() {
            if c == ' ' || c == '\n' {
                if i > piece_start {
                    pieces.push(Piece {
                        span: si,
                        start: piece_start,
                        end: i,
                        width: units as f32 * scale,
                    });
                }
                b.word(&pieces, space);
                pieces.clear();
                if c == '\n' {
                    b.finish_line();
                    space = None;
                } else {
                    space = Some(bold);
                }
                piece_start = i + 1;
                units = 0;
            } else {
                units += face.advance_units(c);
            }
        }
        if span.text.len() > piece_start {
            pieces.push(Piece {
                span: si,
                start: piece_start,
                end: span.text.len(),
                width: units as f32 * scale,
            });
        }
    }
    b.word(&pieces, space);
    if !b.cur.frags.is_empty() {
        b.finish_line();
    }
    b.lines
}
