//! Checking a published folder against its manifest: every listed file is
//! there with its size and SHA-256, and nothing else is. Optionally, the
//! input files of a folder are the ones the manifest names.

use std::fmt;
use std::path::Path;

use super::manifest::{Huella, MANIFEST, Manifest, sha256_hex};
use crate::error::Error;

/// One way a folder differs from its manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diferencia {
    /// Listed in the manifest, not in the folder.
    Falta(String),
    /// In the folder, not listed.
    Sobra(String),
    /// Present with other contents.
    Modificado {
        archivo: String,
        esperado: Huella,
        bytes: u64,
        sha256: String,
    },
}

impl fmt::Display for Diferencia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diferencia::Falta(a) => write!(f, "falta: {a}"),
            Diferencia::Sobra(a) => write!(f, "sobra (no está en el manifiesto): {a}"),
            Diferencia::Modificado {
                archivo,
                esperado,
                bytes,
                sha256,
            } => write!(
                f,
                "modificado: {archivo} (el manifiesto dice {} bytes, SHA-256 {}…; el archivo tiene {bytes} bytes, SHA-256 {}…)",
                esperado.bytes,
                &esperado.sha256[..esperado.sha256.len().min(12)],
                &sha256[..12]
            ),
        }
    }
}

/// The outcome of a verification.
#[derive(Debug)]
pub struct Verificacion {
    pub manifest: Manifest,
    /// Files checked against the manifest.
    pub revisados: usize,
    pub diferencias: Vec<Diferencia>,
}

/// Re-hashes the publication `dir` and compares it with its `manifest.json`.
pub fn verify(dir: &Path) -> Result<Verificacion, Error> {
    let manifest = Manifest::read(dir)?;
    let mut found = Vec::new();
    walk(dir, dir, &mut found)?;
    found.retain(|f| f != MANIFEST);
    let diferencias = compare(&manifest.salidas, &found, dir, true)?;
    Ok(Verificacion {
        revisados: manifest.salidas.len(),
        manifest,
        diferencias,
    })
}

/// Compares the manifest's inputs with the files of the inputs folder
/// `entrada`. Files there that the manifest does not name are not
/// differences: an inputs folder holds other things too.
pub fn verify_inputs(manifest: &Manifest, entrada: &Path) -> Result<Vec<Diferencia>, Error> {
    compare(&manifest.entradas, &[], entrada, false)
}

fn compare(
    expected: &[Huella],
    found: &[String],
    dir: &Path,
    extras: bool,
) -> Result<Vec<Diferencia>, Error> {
    let mut out = Vec::new();
    for h in expected {
        let path = dir.join(&h.archivo);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Diferencia::Falta(h.archivo.clone()));
                continue;
            }
            Err(e) => return Err(Error::output(&path, e)),
        };
        let sha256 = sha256_hex(&bytes);
        if sha256 != h.sha256 || bytes.len() as u64 != h.bytes {
            out.push(Diferencia::Modificado {
                archivo: h.archivo.clone(),
                esperado: h.clone(),
                bytes: bytes.len() as u64,
                sha256,
            });
        }
    }
    if extras {
        for f in found {
            if !expected.iter().any(|h| &h.archivo == f) {
                out.push(Diferencia::Sobra(f.clone()));
            }
        }
    }
    Ok(out)
}

/// Every file under `dir`, as `/`-separated paths relative to `base`, sorted.
fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Error> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::output(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            walk(base, &p, out)?;
        } else {
            let rel: Vec<String> = p
                .strip_prefix(base)
                .unwrap_or(&p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn publication() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            OutputFile {
                path: "a.csv".into(),
                bytes: b"uno".to_vec(),
            },
            OutputFile {
                path: "provincias/azuay.pdf".into(),
                bytes: b"dos".to_vec(),
            },
        ];
        let m = Manifest::default().with_outputs(&files);
        std::fs::create_dir(dir.path().join("provincias")).unwrap();
        for f in files.iter().chain([&m.to_file()]) {
            std::fs::write(dir.path().join(&f.path), &f.bytes).unwrap();
        }
        dir
    }

    #[test]
    fn an_untouched_publication_verifies() {
        let dir = publication();
        let v = verify(dir.path()).unwrap();
        assert_eq!(v.revisados, 2);
        assert!(v.diferencias.is_empty(), "{:?}", v.diferencias);
    }

    #[test]
    fn missing_extra_and_changed_files_are_named() {
        let dir = publication();
        std::fs::write(dir.path().join("a.csv"), "otro").unwrap();
        std::fs::remove_file(dir.path().join("provincias/azuay.pdf")).unwrap();
        std::fs::write(dir.path().join("provincias/nota.txt"), "x").unwrap();
        let v = verify(dir.path()).unwrap();
        let texts: Vec<String> = v.diferencias.iter().map(|d| d.to_string()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].starts_with("modificado: a.csv (el manifiesto dice 3 bytes"));
        assert_eq!(texts[1], "falta: provincias/azuay.pdf");
        assert_eq!(
            texts[2],
            "sobra (no está en el manifiesto): provincias/nota.txt"
        );
    }

    #[test]
    fn a_folder_without_manifest_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = verify(dir.path()).unwrap_err();
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains("manifest.json"), "{e}");
    }
}
