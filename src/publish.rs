//! Putting a run's files in place. Everything is written into a sibling
//! temporary folder and only then moved to `<root>/<name>`, so a failed run
//! leaves the previous publication untouched.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;
use crate::render::OutputFile;

/// Writes `files` as the folder `<root>/<name>`, replacing a previous one only
/// once every file is written and flushed. Returns the folder.
pub fn publish(root: &Path, name: &str, files: &[OutputFile]) -> Result<PathBuf, Error> {
    fs::create_dir_all(root).map_err(|e| Error::output(root, e))?;
    let target = root.join(name);
    let tmp = root.join(format!(".{name}.nuevo"));
    let old = root.join(format!(".{name}.anterior"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::output(&tmp, e))?;
    }
    fs::create_dir(&tmp).map_err(|e| Error::output(&tmp, e))?;
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| Error::Render {
            file: f.path.clone(),
            detail: "ruta de salida no válida".into(),
        })?;
        let path = tmp.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::output(parent, e))?;
        }
        let mut out = fs::File::create(&path).map_err(|e| Error::output(&path, e))?;
        out.write_all(&f.bytes)
            .map_err(|e| Error::output(&path, e))?;
        out.sync_all().map_err(|e| Error::output(&path, e))?;
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::output(&old, e))?;
    }
    if target.exists() {
        fs::rename(&target, &old).map_err(|e| Error::output(&target, e))?;
    }
    fs::rename(&tmp, &target).map_err(|e| Error::output(&target, e))?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::output(&old, e))?;
    }
    Ok(target)
}

/// A relative path with only normal components (no `..`, no root).
fn safe_relative(p: &str) -> Option<PathBuf> {
    let path = Path::new(p);
    let ok = !p.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn publishes_and_replaces_the_previous_folder_whole() {
        let root = tempfile::tempdir().unwrap();
        publish(
            root.path(),
            "2025-06",
            &[file("a.csv", "1"), file("provincias/azuay.xlsx", "2")],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(root.path().join("2025-06/provincias/azuay.xlsx")).unwrap(),
            "2"
        );
        publish(root.path(), "2025-06", &[file("b.csv", "3")]).unwrap();
        assert!(!root.path().join("2025-06/a.csv").exists());
        assert_eq!(
            fs::read_to_string(root.path().join("2025-06/b.csv")).unwrap(),
            "3"
        );
        let names: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("2025-06")]);
    }

    #[test]
    fn unsafe_paths_are_refused() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/x").is_none());
        assert!(safe_relative("").is_none());
        assert!(safe_relative("provincias/los-rios_2025-06.xlsx").is_some());
    }
}
