//! The fonts a document is drawn with, and their metrics.
//!
//! The caller gives a regular and a bold TrueType face (the program ships
//! Liberation Sans, SIL OFL 1.1, metric-compatible with Arial). Advances
//! come from the font's `hmtx` table through printpdf's `ParsedFont` and are
//! copied once into flat per-codepoint tables, so measuring a character is
//! one array read.

use printpdf::ParsedFont;

use super::error::PdfError;

/// Number of codepoints covered by the flat tables (the Basic Multilingual Plane).
const TABLE_LEN: usize = 0x1_0000;

/// One font face with flat metric tables.
pub(crate) struct Face {
    /// Name of the face in the PDF, before its subset tag.
    pub name: &'static str,
    pub bytes: &'static [u8],
    pub parsed: ParsedFont,
    /// Advance width in font units, by codepoint (BMP); glyph 0's advance when the
    /// font has no glyph for it.
    advances: Box<[u16]>,
    /// Glyph id by codepoint (BMP); 0 when missing.
    glyphs: Box<[u16]>,
    pub units_per_em: f32,
    /// Ascender and descender as fractions of the em (descender positive).
    pub ascent: f32,
    pub descent: f32,
}

impl Face {
    fn load(name: &'static str, bytes: &'static [u8]) -> Result<Face, PdfError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| PdfError::Font {
                font: name,
                message: format!("cannot parse font: {warnings:?}"),
            })?;
        let upm = parsed.units_per_em;
        if upm == 0 {
            return Err(PdfError::Font {
                font: name,
                message: "units per em is 0".into(),
            });
        }
        let notdef = parsed.get_glyph_width(0).unwrap_or(upm / 2);
        let mut advances = vec![notdef; TABLE_LEN].into_boxed_slice();
        let mut glyphs = vec![0u16; TABLE_LEN].into_boxed_slice();
        for (&cp, &gid) in &parsed.codepoint_to_glyph {
            if (cp as usize) < TABLE_LEN {
                glyphs[cp as usize] = gid;
                advances[cp as usize] = parsed.get_glyph_width(gid).unwrap_or(notdef);
            }
        }
        let upm_f = f32::from(upm);
        let ascent = f32::from(parsed.font_metrics.ascent) / upm_f;
        let descent = -f32::from(parsed.font_metrics.descent) / upm_f;
        Ok(Face {
            name,
            bytes,
            parsed,
            advances,
            glyphs,
            units_per_em: upm_f,
            ascent,
            descent,
        })
    }

    /// Advance of `c` in font units.
    #[inline]
    pub(crate) fn advance_units(&self, c: char) -> u32 {
        let i = c as usize;
        let i = if i < TABLE_LEN { i } else { 0 };
        u32::from(self.advances[i])
    }

    /// Glyph id of `c` in the full font (0 if the font has no glyph for it).
    #[inline]
    pub(crate) fn glyph(&self, c: char) -> u16 {
        let i = c as usize;
        if i < TABLE_LEN { self.glyphs[i] } else { 0 }
    }

    /// Whether the font has a glyph for `c`, in or beyond the Basic
    /// Multilingual Plane.
    pub(crate) fn has(&self, c: char) -> bool {
        let i = c as usize;
        if i < TABLE_LEN {
            self.glyphs[i] != 0
        } else {
            self.parsed.codepoint_to_glyph.contains_key(&(c as u32))
        }
    }

    /// Width of `text` at `size` points, in points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.advance_units(c)).sum();
        units as f32 * size / self.units_per_em
    }
}

/// The regular and bold faces. Parse them once and reuse them: parsing a
/// face takes a few milliseconds.
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

/// A TrueType face the caller gives: its name in the PDF (the PostScript
/// name, e.g. `LiberationSans-Bold`) and its bytes, which live as long as the
/// program (e.g. `include_bytes!`).
#[derive(Clone, Copy, Debug)]
pub struct FontFile {
    /// The face's name in the PDF.
    pub name: &'static str,
    /// The TrueType file.
    pub bytes: &'static [u8],
}

impl Fonts {
    /// Parses the two faces.
    pub fn new(regular: FontFile, bold: FontFile) -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::load(regular.name, regular.bytes)?,
            bold: Face::load(bold.name, bold.bytes)?,
        })
    }

    pub(crate) fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// Whether both faces draw `c`: a text made of such characters is shown
    /// whole. The space is always drawable; a text with another character
    /// the fonts lack is refused, never drawn with a hole.
    pub fn covers(&self, c: char) -> bool {
        c == ' ' || (self.regular.has(c) && self.bold.has(c))
    }
}
