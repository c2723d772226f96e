//! Checking a published folder against its manifest: every listed file is
//! there with its size and SHA-256, and nothing else is; when the manifest
//! names a signer, every PDF carries a valid signature of that certificate.
//! Optionally, the input files of a folder are the ones the manifest names.

use std::fmt;
use std::path::Path;

use super::manifest::{Huella, MANIFEST, Manifest};
use crate::error::Error;
use crate::fs as files;

/// One way a folder differs from its manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diferencia {
    /// Listed in the manifest, not in the folder.
    Falta(String),
    /// In the folder, not listed.
    Sobra(String),
    /// A symbolic link where the publication has files: lotaip publishes none.
    Enlace(String),
    /// A PDF whose signature is missing or not valid.
    Firma { archivo: String, detalle: String },
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
            Diferencia::Enlace(a) => write!(
                f,
                "enlace simbólico (lotaip no publica enlaces y no los sigue): {a}"
            ),
            Diferencia::Firma { archivo, detalle } => {
                write!(f, "firma no válida: {archivo} ({detalle})")
            }
            Diferencia::Modificado {
                archivo,
                esperado,
                bytes,
                sha256,
            } => write!(
                f,
                "modificado: {archivo} (el manifiesto dice {} bytes, SHA-256 {}…; el archivo tiene {bytes} bytes, SHA-256 {}…)",
                esperado.bytes,
                esperado.sha256.get(..12).unwrap_or(&esperado.sha256),
                sha256.get(..12).unwrap_or(sha256)
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
    /// PDFs whose signature was checked (the manifest names a signer).
    pub firmas: usize,
    pub diferencias: Vec<Diferencia>,
}

/// Re-hashes the publication `dir` and compares it with its `manifest.json`.
pub fn verify(dir: &Path) -> Result<Verificacion, Error> {
    let manifest = Manifest::read(dir)?;
    let mut found = Vec::new();
    let mut links = Vec::new();
    walk(dir, dir, &mut found, &mut links)?;
    found.retain(|f| f != MANIFEST);
    let mut diferencias = compare(&manifest.salidas, &found, &links, dir, true)?;
    let mut firmas = 0;
    if let Some(firmado) = &manifest.firma {
        for h in manifest
            .salidas
            .iter()
            .filter(|h| h.archivo.ends_with(".pdf"))
        {
            let named = |d: &Diferencia| match d {
                Diferencia::Falta(a) | Diferencia::Modificado { archivo: a, .. } => a == &h.archivo,
                _ => false,
            };
            if links.contains(&h.archivo) || diferencias.iter().any(named) {
                continue;
            }
            let path = dir.join(&h.archivo);
            let bytes = files::open_confined(dir, &h.archivo)
                .and_then(|f| files::read_file_up_to(f, MAX_PDF_BYTES))
                .map_err(|e| Error::output(&path, e))?;
            firmas += 1;
            if let Err(detalle) = crate::firma::comprobar(&bytes, firmado) {
                diferencias.push(Diferencia::Firma {
                    archivo: h.archivo.clone(),
                    detalle,
                });
            }
        }
    }
    diferencias.extend(links.into_iter().map(Diferencia::Enlace));
    Ok(Verificacion {
        revisados: manifest.salidas.len(),
        firmas,
        manifest,
        diferencias,
    })
}

/// The largest PDF whose signature is checked: its size was just checked
/// against the manifest, so this only bounds what a tampered manifest can
/// make the check read.
const MAX_PDF_BYTES: u64 = 1 << 30;

/// Compares the manifest's inputs with the files of the inputs folder
/// `entrada`. Files there that the manifest does not name are not
/// differences: an inputs folder holds other things too.
/// Input files are read as a run reads them: a link to a regular file is
/// followed (the inputs folder may link to a shared drive), but the path
/// stays inside `entrada`.
pub fn verify_inputs(manifest: &Manifest, entrada: &Path) -> Result<Vec<Diferencia>, Error> {
    compare(&manifest.entradas, &[], &[], entrada, false)
}

fn compare(
    expected: &[Huella],
    found: &[String],
    links: &[String],
    dir: &Path,
    outputs: bool,
) -> Result<Vec<Diferencia>, Error> {
    let mut out = Vec::new();
    for h in expected {
        if links.contains(&h.archivo) {
            continue;
        }
        let opened = if outputs {
            files::open_confined(dir, &h.archivo)
        } else {
            std::fs::File::open(dir.join(&h.archivo)).and_then(|f| {
                if f.metadata()?.is_file() {
                    Ok(f)
                } else {
                    Err(std::io::ErrorKind::InvalidInput.into())
                }
            })
        };
        let (bytes, sha256) = match opened.and_then(files::hash) {
            Ok(x) => x,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Diferencia::Falta(h.archivo.clone()));
                continue;
            }
            Err(e) => return Err(Error::output(dir.join(&h.archivo), e)),
        };
        if sha256 != h.sha256 || bytes != h.bytes {
            out.push(Diferencia::Modificado {
                archivo: h.archivo.clone(),
                esperado: h.clone(),
                bytes,
                sha256,
            });
        }
    }
    let extras = outputs;
    if extras {
        for f in found {
            if !expected.iter().any(|h| &h.archivo == f) {
                out.push(Diferencia::Sobra(f.clone()));
            }
        }
    }
    Ok(out)
}

/// Every file under `dir`, as `/`-separated paths relative to `base`,
/// sorted; symbolic links go to `links` and are not followed.
fn walk(
    base: &Path,
    dir: &Path,
    out: &mut Vec<String>,
    links: &mut Vec<String>,
) -> Result<(), Error> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::output(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let rel: Vec<String> = p
            .strip_prefix(base)
            .unwrap_or(&p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match e.file_type() {
            Ok(t) if t.is_symlink() => links.push(rel.join("/")),
            Ok(t) if t.is_dir() => walk(base, &p, out, links)?,
            _ => out.push(rel.join("/")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;

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
    fn a_tampered_manifest_is_refused_and_links_are_not_followed() {
        let dir = publication();
        let text = std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        let m: Manifest = serde_json::from_str(&text).unwrap();
        let mut bad = m.clone();
        bad.salidas[0].archivo = "../../etc/hostname".into();
        bad.salidas[1].sha256 = "ñ".repeat(32);
        std::fs::write(dir.path().join(MANIFEST), bad.to_file().bytes).unwrap();
        let e = verify(dir.path()).unwrap_err().to_string();
        assert!(e.contains("la entrada 1 de «salidas» no es válida"), "{e}");
        assert!(e.contains("la entrada 2 de «salidas» no es válida"), "{e}");
        #[cfg(unix)]
        {
            std::fs::write(dir.path().join(MANIFEST), m.to_file().bytes).unwrap();
            std::fs::remove_file(dir.path().join("a.csv")).unwrap();
            std::os::unix::fs::symlink("/etc/hostname", dir.path().join("a.csv")).unwrap();
            let v = verify(dir.path()).unwrap();
            let texts: Vec<String> = v.diferencias.iter().map(|d| d.to_string()).collect();
            assert_eq!(
                texts,
                vec!["enlace simbólico (lotaip no publica enlaces y no los sigue): a.csv"]
            );
        }
    }

    #[test]
    fn a_folder_without_manifest_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = verify(dir.path()).unwrap_err();
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains("manifest.json"), "{e}");
    }
}
