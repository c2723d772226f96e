//! Putting a run's files in place, for any kind of publication (the month's,
//! the year's accountability report): under the output root's [`Lock`], the
//! files and their `manifest.json` are written into a hidden sibling folder
//! and swapped with the previous publication in one step (see the `swap` module). A
//! failed or killed run leaves the previous publication as it was.

mod lock;
mod manifest;
pub(crate) mod raiz;
mod revisar;
pub(crate) mod swap;
mod verify;

use std::path::{Path, PathBuf};

pub use lock::{Inicio, LOCK_FILE, Lock};
pub use manifest::{Huella, MANIFEST, Manifest, sha256_hex};
pub use revisar::{Criterio, Revision, revisar};
pub use verify::{Diferencia, Verificacion, verify, verify_inputs};

use crate::error::Error;
use crate::output::OutputFile;

/// What the publication step is doing, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paso {
    /// `escritos` of `total` files are written and synced.
    Escribiendo { escritos: usize, total: usize },
    /// Swapping the new folder in.
    Intercambiando,
}

/// A finished publication.
#[derive(Debug)]
pub struct Publicado {
    /// `<root>/<name>`.
    pub dir: PathBuf,
    /// The manifest as written, with every output's fingerprint.
    pub manifest: Manifest,
}

/// Checks, before anything is written, that `<root>/<name>` can take a
/// publication: the root is a folder (or absent) and `<name>`, when it
/// exists, is a real folder, not a file or a link. A refused run leaves the
/// output folder exactly as it was.
pub fn preflight(root: &Path, name: &str) -> Result<(), Error> {
    if let Ok(m) = std::fs::metadata(root)
        && !m.is_dir()
    {
        return Err(Error::Salida {
                path: root.to_path_buf(),
                detalle: "existe y no es una carpeta; indique otra carpeta de salida con --salida o mueva ese archivo".into(),
            });
    }
    let target = root.join(name);
    match std::fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::Salida {
            path: target,
            detalle: "es un enlace simbólico; lotaip publica allí una carpeta propia y no sigue enlaces: bórrelo (o publique en otra carpeta con --salida)".into(),
        }),
        Ok(m) if !m.is_dir() => Err(Error::Salida {
            path: target,
            detalle: "existe y no es una carpeta; lotaip publica allí la carpeta de la publicación: mueva o borre ese archivo".into(),
        }),
        _ => Ok(()),
    }
}

/// Two outputs would land on one file (on every file system, so case and
/// accents aside): an error of the program, never an overwrite.
fn check_unique(files: &[OutputFile]) -> Result<(), Error> {
    let mut seen = std::collections::HashSet::new();
    for f in files {
        if f.path == MANIFEST || !seen.insert(f.path.to_lowercase()) {
            return Err(Error::Render {
                file: f.path.clone(),
                detail: "dos salidas tendrían el mismo nombre de archivo".into(),
            });
        }
    }
    Ok(())
}

/// Publishes `files` as `<root>/<name>` under the root's lock: `manifest`
/// gets the fingerprint of every file and is written with them; the whole
/// folder replaces the previous one only when everything is on disk. A run
/// that started (`inicio`) before the one that last published `name` does
/// not publish (see [`Lock::turno`]).
pub fn publish(
    lock: &Lock,
    name: &str,
    inicio: Inicio,
    files: &[OutputFile],
    manifest: Manifest,
    progress: &mut dyn FnMut(Paso),
) -> Result<Publicado, Error> {
    check_unique(files)?;
    let root = lock.root();
    preflight(root, name)?;
    lock.turno(name, inicio)?;
    let manifest = manifest.with_outputs(files);
    let manifest_file = manifest.to_file();
    let all: Vec<&OutputFile> = files.iter().chain([&manifest_file]).collect();
    let total = all.len();
    let tmp = root.join(swap::temp_name(name));
    crate::fs::remove_any(&tmp).map_err(|e| Error::output(&tmp, e))?;
    let written = swap::write_tree(&tmp, &all, &mut |escritos| {
        progress(Paso::Escribiendo { escritos, total })
    });
    if let Err(e) = written {
        // Best effort: the next run removes it anyway.
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    progress(Paso::Intercambiando);
    let dir = swap::swap_in(root, name)?;
    lock.registrar(name, inicio)?;
    Ok(Publicado { dir, manifest })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn publishes_and_replaces_the_previous_folder_whole() {
        let root = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(root.path(), std::time::Duration::ZERO).unwrap();
        let m = Manifest::default();
        let files = [file("a.csv", "1"), file("provincias/azuay.xlsx", "2")];
        let p = publish(
            &lock,
            "2025-06",
            Inicio::ahora(),
            &files,
            m.clone(),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(p.manifest.salidas.len(), 2);
        assert_eq!(
            fs::read_to_string(root.path().join("2025-06/provincias/azuay.xlsx")).unwrap(),
            "2"
        );
        assert!(verify(&p.dir).unwrap().diferencias.is_empty());
        let mut steps = Vec::new();
        publish(
            &lock,
            "2025-06",
            Inicio::ahora(),
            &[file("b.csv", "3")],
            m,
            &mut |s| steps.push(s),
        )
        .unwrap();
        assert_eq!(
            names(&root.path().join("2025-06")),
            vec!["b.csv", "manifest.json"]
        );
        assert_eq!(names(root.path()), vec![".lotaip.lock", "2025-06"]);
        assert_eq!(
            steps,
            vec![
                Paso::Escribiendo {
                    escritos: 1,
                    total: 2
                },
                Paso::Escribiendo {
                    escritos: 2,
                    total: 2
                },
                Paso::Intercambiando
            ]
        );
    }

    #[test]
    fn a_failed_write_leaves_the_previous_publication() {
        let root = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(root.path(), std::time::Duration::ZERO).unwrap();
        publish(
            &lock,
            "2025-06",
            Inicio::ahora(),
            &[file("a.csv", "1")],
            Manifest::default(),
            &mut |_| {},
        )
        .unwrap();
        let bad = [file("b.csv", "2"), file("../fuera.csv", "3")];
        assert!(
            publish(
                &lock,
                "2025-06",
                Inicio::ahora(),
                &bad,
                Manifest::default(),
                &mut |_| {}
            )
            .is_err()
        );
        assert_eq!(
            names(&root.path().join("2025-06")),
            vec!["a.csv", "manifest.json"]
        );
        assert_eq!(names(root.path()), vec![".lotaip.lock", "2025-06"]);
    }
}
