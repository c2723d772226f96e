//! The fonts of every document the program draws: Liberation Sans, regular
//! and bold (SIL OFL 1.1, in `assets/fonts/`, metric-compatible with Arial),
//! embedded in the binary and parsed once. The readers check every text
//! against them, so that no character reaches a PDF the fonts cannot draw.

use std::sync::OnceLock;

use xhtml_pdf::{FontFile, Fonts};

const REGULAR: FontFile = FontFile {
    name: "LiberationSans",
    bytes: include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/fonts/LiberationSans-Regular.ttf"
    )),
};

const BOLD: FontFile = FontFile {
    name: "LiberationSans-Bold",
    bytes: include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/fonts/LiberationSans-Bold.ttf"
    )),
};

/// The parsed fonts; `None` only if the embedded files were damaged, which
/// the tests rule out.
pub(crate) fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| Fonts::new(REGULAR, BOLD).ok())
        .as_ref()
}

/// Whether the documents' fonts draw `c`.
pub(crate) fn covers(c: char) -> bool {
    fonts().is_some_and(|f| f.covers(c))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_fonts_parse_and_cover_spanish_but_not_every_script() {
        assert!(super::fonts().is_some());
        for c in "ÁÉÍÓÚÜÑáéíóúüñ¿¡«»€$%–—“”".chars() {
            assert!(super::covers(c), "{c}");
        }
        for c in ['م', '😀', '北'] {
            assert!(!super::covers(c), "{c}");
        }
    }
}
