//! Moving a finished folder into place in one step, and repairing what a
//! killed run left behind.
//!
//! A publication `<root>/<name>` is replaced like this: the new files are
//! written, flushed and synced into the hidden sibling `.<name>.nuevo`; then
//! `renameat2(RENAME_EXCHANGE)` swaps the two names in one step, so a reader
//! (the web server) sees either the whole old folder or the whole new one,
//! never a missing or half-written one; then the old folder, now called
//! `.<name>.nuevo`, is removed. A run killed at any point leaves `<name>`
//! complete (old or new) and at most a `.<name>.nuevo` to delete.
//!
//! Where the file system cannot exchange (some network file systems, or an
//! OS without `renameat2`), the old folder is renamed to `.<name>.anterior`
//! and the new one renamed in: two steps, with a moment in between where
//! `<name>` is missing. A run killed in that moment is repaired by the next
//! one, which renames `.<name>.anterior` back before doing anything else.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::OutputFile;

/// The hidden folder a run writes into.
pub(crate) fn temp_name(name: &str) -> String {
    format!(".{name}.nuevo")
}

/// Where the two-step fallback keeps the old folder for a moment.
fn aside_name(name: &str) -> String {
    format!(".{name}.anterior")
}

/// Writes every file under `dir` (created fresh), each synced to disk, then
/// syncs every folder so that their entries are durable too. `each` is
/// called after every file with the count written so far.
pub(crate) fn write_tree(
    dir: &Path,
    files: &[&OutputFile],
    each: &mut dyn FnMut(usize),
) -> Result<(), Error> {
    fs::create_dir(dir).map_err(|e| Error::output(dir, e))?;
    let mut folders = vec![dir.to_path_buf()];
    for (n, f) in files.iter().enumerate() {
        let rel = crate::fs::safe_relative(&f.path).ok_or_else(|| Error::Render {
            file: f.path.clone(),
            detail: "ruta de salida no válida".into(),
        })?;
        let path = dir.join(rel);
        if let Some(parent) = path.parent().filter(|p| !folders.iter().any(|f| f == p)) {
            fs::create_dir_all(parent).map_err(|e| Error::output(parent, e))?;
            folders.push(parent.to_path_buf());
        }
        let mut out = File::create_new(&path).map_err(|e| Error::output(&path, e))?;
        out.write_all(&f.bytes)
            .and_then(|()| out.sync_all())
            .map_err(|e| Error::output(&path, e))?;
        each(n + 1);
    }
    // Deepest first, so that a folder's entry in its parent is synced after
    // the folder itself.
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for f in &folders {
        sync_dir(f)?;
    }
    Ok(())
}

/// Puts the finished folder `<root>/<temp>` in place as `<root>/<name>`,
/// replacing any previous one in one step, then removes the previous one.
pub(crate) fn swap_in(root: &Path, name: &str) -> Result<PathBuf, Error> {
    let target = root.join(name);
    let tmp = root.join(temp_name(name));
    if std::fs::symlink_metadata(&target).is_err() {
        fs::rename(&tmp, &target).map_err(|e| Error::output(&target, e))?;
        sync_dir(root)?;
        return Ok(target);
    }
    match exchange(&tmp, &target) {
        Ok(()) => {
            sync_dir(root)?;
            // `tmp` now holds the previous publication.
            crate::fs::remove_any(&tmp).map_err(|e| Error::output(&tmp, e))?;
        }
        Err(e) if exchange_unsupported(&e) => {
            let aside = root.join(aside_name(name));
            fs::rename(&target, &aside).map_err(|e| Error::output(&target, e))?;
            fs::rename(&tmp, &target).map_err(|e| Error::output(&target, e))?;
            sync_dir(root)?;
            crate::fs::remove_any(&aside).map_err(|e| Error::output(&aside, e))?;
        }
        Err(e) => return Err(Error::output(&target, e)),
    }
    sync_dir(root)?;
    Ok(target)
}

/// Repairs the leftovers of killed runs in `root` (call it with the root's
/// lock held): a `.<name>.anterior` folder whose `<name>` is missing is
/// renamed back (the two-step fallback was cut in the middle); every other
/// `.<name>.anterior` and `.<name>.nuevo` is removed, whatever it is (a
/// file or a link with one of these reserved names would block every run).
pub(crate) fn recover(root: &Path) -> Result<(), Error> {
    let mut entries: Vec<(String, bool)> = fs::read_dir(root)
        .map_err(|e| Error::output(root, e))?
        .filter_map(|e| e.ok())
        .map(|e| {
            let dir = e.file_type().is_ok_and(|t| t.is_dir());
            (e.file_name().to_string_lossy().into_owned(), dir)
        })
        .filter(|(n, _)| n.starts_with('.') && (n.ends_with(".anterior") || n.ends_with(".nuevo")))
        .collect();
    entries.sort();
    let mut changed = false;
    for (entry, dir) in &entries {
        let Some(name) = entry
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".anterior"))
        else {
            continue;
        };
        let (aside, target) = (root.join(entry), root.join(name));
        if fs::symlink_metadata(&target).is_ok() || !dir {
            crate::fs::remove_any(&aside).map_err(|e| Error::output(&aside, e))?;
        } else {
            fs::rename(&aside, &target).map_err(|e| Error::output(&target, e))?;
        }
        changed = true;
    }
    for (entry, _) in &entries {
        if entry.ends_with(".nuevo") {
            let tmp = root.join(entry);
            crate::fs::remove_any(&tmp).map_err(|e| Error::output(&tmp, e))?;
            changed = true;
        }
    }
    if changed {
        sync_dir(root)?;
    }
    Ok(())
}

/// Makes a folder's entries durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::output(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Swaps two paths in one step.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The file system or the kernel cannot exchange: use the two-step fallback.
fn exchange_unsupported(e: &io::Error) -> bool {
    // EINVAL (22): the file system does not support the flag; ENOSYS (38),
    // EOPNOTSUPP (95): the kernel does not.
    e.kind() == io::ErrorKind::Unsupported || matches!(e.raw_os_error(), Some(22 | 38 | 95))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(file), text).unwrap();
    }

    fn names(root: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_half_written_new_folder_is_removed() {
        let root = tempfile::tempdir().unwrap();
        write(&root.path().join("2025-06"), "a.csv", "viejo");
        write(&root.path().join(".2025-06.nuevo"), "a.csv", "nu");
        recover(root.path()).unwrap();
        assert_eq!(names(root.path()), vec!["2025-06"]);
        assert_eq!(
            fs::read_to_string(root.path().join("2025-06/a.csv")).unwrap(),
            "viejo"
        );
    }

    #[test]
    fn a_cut_two_step_swap_puts_the_previous_folder_back() {
        let root = tempfile::tempdir().unwrap();
        write(&root.path().join(".2025-06.anterior"), "a.csv", "viejo");
        write(&root.path().join(".2025-06.nuevo"), "a.csv", "nuevo");
        recover(root.path()).unwrap();
        assert_eq!(names(root.path()), vec!["2025-06"]);
        assert_eq!(
            fs::read_to_string(root.path().join("2025-06/a.csv")).unwrap(),
            "viejo"
        );
    }

    #[test]
    fn a_finished_two_step_swap_loses_only_the_old_copy() {
        let root = tempfile::tempdir().unwrap();
        write(&root.path().join(".2025-06.anterior"), "a.csv", "viejo");
        write(&root.path().join("2025-06"), "a.csv", "nuevo");
        recover(root.path()).unwrap();
        assert_eq!(names(root.path()), vec!["2025-06"]);
        assert_eq!(
            fs::read_to_string(root.path().join("2025-06/a.csv")).unwrap(),
            "nuevo"
        );
    }

    #[test]
    fn leftovers_that_are_files_or_links_are_removed_too() {
        let root = tempfile::tempdir().unwrap();
        write(&root.path().join("2025-06"), "a.csv", "viejo");
        fs::write(root.path().join(".2025-06.nuevo"), "basura").unwrap();
        fs::write(root.path().join(".2025-05.anterior"), "basura").unwrap();
        recover(root.path()).unwrap();
        assert_eq!(names(root.path()), vec!["2025-06"]);
    }

    #[test]
    fn exchange_swaps_two_folders() {
        let root = tempfile::tempdir().unwrap();
        write(&root.path().join("2025-06"), "a.csv", "viejo");
        write(&root.path().join(".2025-06.nuevo"), "b.csv", "nuevo");
        swap_in(root.path(), "2025-06").unwrap();
        assert_eq!(names(root.path()), vec!["2025-06"]);
        assert_eq!(names(&root.path().join("2025-06")), vec!["b.csv"]);
    }

    #[test]
    fn unsafe_paths_are_refused() {
        use crate::fs::safe_relative;
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/x").is_none());
        assert!(safe_relative("").is_none());
        assert!(safe_relative("provincias/los-rios_2025-06.xlsx").is_some());
    }
}
