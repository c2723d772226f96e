//! What the renderers and the publication agree on: a file of a publication,
//! made in memory, and the name of the manifest that lists them all.

/// A file produced by a renderer, before it is published.
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// Path inside the publication folder, `/`-separated (`provincias/azuay_2025-06.xlsx`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The manifest's file name inside a publication (`publish` writes it; the
/// download page links to it).
pub const MANIFEST: &str = "manifest.json";
