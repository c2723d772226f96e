//! Reading files without trusting them. An input may be a link to a device
//! or a pipe, a file that grows while it is read, a path that leaves its
//! folder; a publication is served to the public, and anyone who can write
//! there could leave a symbolic link (to `/dev/zero`, to a system file) or a
//! huge file where lotaip expects its own. Every read here is of a regular
//! file, up to a bound; in an output folder, links are not followed.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path};

use sha2::{Digest, Sha256};

/// A regular file's bytes, at most `max`, following a link to one: a
/// device, a pipe or a larger file is an error (`InvalidInput`,
/// `FileTooLarge`), so that no read can block or grow without end.
pub(crate) fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    read_up_to(file, max)
}

/// The contents of an open file, refused above `max` bytes.
pub(crate) fn read_file_up_to(file: File, max: u64) -> io::Result<Vec<u8>> {
    read_up_to(file, max)
}

fn read_up_to(file: File, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::ErrorKind::FileTooLarge.into());
    }
    Ok(bytes)
}

/// Opens `path` for reading (and writing, creating it, with `write`)
/// without following a symbolic link in its last component: a link gives
/// an error (`ELOOP` on Linux).
pub(crate) fn open_nofollow(path: &Path, write: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    if write {
        o.write(true).create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW is a small positive flag on every Unix.
        o.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other("enlace simbólico"));
    }
    o.open(path)
}

/// A regular file's bytes, at most `max`, not following a link: a link, a
/// device or a larger file is an error.
pub(crate) fn read_regular_nofollow(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_nofollow(path, false)?;
    if !file.metadata()?.is_file() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    read_up_to(file, max)
}

/// Removes whatever has this name (a folder with its contents, a file, a
/// link, never what a link points to).
pub(crate) fn remove_any(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Size and lower-case hexadecimal SHA-256 of a file, read in blocks.
pub(crate) fn hash(mut file: File) -> io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((total, hex(&hasher.finalize())))
}

/// Lower-case hexadecimal SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hexadecimal digits of a digest.
pub(crate) fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(2 * digest.len());
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A relative path with only normal components (no `..`, no root).
pub(crate) fn safe_relative(p: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(p);
    let ok = !p.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| path.to_path_buf())
}

/// Opens `base/rel` (a `/`-separated relative path) for reading, confined
/// to `base`: no `..`, no absolute part, no symbolic link on the way.
pub(crate) fn open_confined(base: &Path, rel: &str) -> io::Result<File> {
    let Some(rel) = safe_relative(rel) else {
        return Err(io::ErrorKind::InvalidInput.into());
    };
    let mut path = base.to_path_buf();
    let parts: Vec<Component> = rel.components().collect();
    for (i, c) in parts.iter().enumerate() {
        path.push(c.as_os_str());
        if i + 1 < parts.len() {
            let m = std::fs::symlink_metadata(&path)?;
            if m.file_type().is_symlink() {
                return Err(io::Error::from_raw_os_error(40));
            }
        }
    }
    let file = open_nofollow(&path, false)?;
    if !file.metadata()?.is_file() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_devices_and_large_files_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.json");
        std::fs::write(&f, "1234").unwrap();
        assert_eq!(read_regular_nofollow(&f, 4).unwrap(), b"1234");
        assert_eq!(read_regular(&f, 4).unwrap(), b"1234");
        assert_eq!(
            read_regular_nofollow(&f, 3).unwrap_err().kind(),
            io::ErrorKind::FileTooLarge
        );
        #[cfg(unix)]
        {
            let l = dir.path().join("b.json");
            std::os::unix::fs::symlink("/dev/zero", &l).unwrap();
            assert!(read_regular_nofollow(&l, 1 << 20).is_err());
            assert!(read_regular(&l, 1 << 20).is_err());
            assert!(read_regular(Path::new("/dev/zero"), 1 << 20).is_err());
            std::os::unix::fs::symlink(dir.path(), dir.path().join("sub")).unwrap();
            assert!(open_confined(dir.path(), "sub/a.json").is_err());
        }
        assert!(open_confined(dir.path(), "a.json").is_ok());
        assert!(open_confined(dir.path(), "../a.json").is_err());
        assert!(open_confined(dir.path(), "/etc/hostname").is_err());
    }

    #[test]
    fn anything_with_the_name_is_removed_but_not_what_a_link_points_to() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("keep");
        std::fs::create_dir(&keep).unwrap();
        std::fs::write(keep.join("x"), "x").unwrap();
        let file = dir.path().join(".2025-06.nuevo");
        std::fs::write(&file, "x").unwrap();
        remove_any(&file).unwrap();
        assert!(!file.exists());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&keep, &file).unwrap();
            remove_any(&file).unwrap();
            assert!(keep.join("x").exists());
        }
        remove_any(&file).unwrap();
    }
}
