//! One run at a time per output folder: an exclusive OS lock on
//! `<root>/.lotaip.lock`, held until the run ends. The kernel releases it
//! when the process dies, so a killed run never blocks the next one; the
//! file itself stays (removing it would let two runs lock two different
//! files of the same name).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The lock file's name inside the output root.
pub const LOCK_FILE: &str = ".lotaip.lock";

/// Proof that this process owns an output root. Publishing needs it.
#[derive(Debug)]
pub struct Lock {
    root: PathBuf,
    path: PathBuf,
    /// Held open: closing it releases the lock.
    _file: File,
}

impl Lock {
    /// Creates `root` if needed, takes its lock, and repairs what a killed
    /// run may have left there (see [`super::swap::recover`]). A root locked
    /// by another live process is an output error naming the lock file.
    pub fn acquire(root: &Path) -> Result<Lock, Error> {
        fs::create_dir_all(root).map_err(|e| Error::output(root, e))?;
        let path = root.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::output(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(Error::Bloqueado {
                    lock: path,
                    pid: text.trim().parse().ok(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::output(&path, e)),
        }
        // The holder's process id, for the message a second run prints.
        let pid = std::process::id().to_string();
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(pid.as_bytes()))
            .map_err(|e| Error::output(&path, e))?;
        super::swap::recover(root)?;
        Ok(Lock {
            root: root.to_path_buf(),
            path,
            _file: file,
        })
    }

    /// The output root this lock owns.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_root_is_refused_until_the_first_ends() {
        let root = tempfile::tempdir().unwrap();
        let first = Lock::acquire(root.path()).unwrap();
        let e = Lock::acquire(root.path()).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        let msg = e.to_string();
        assert!(msg.contains(".lotaip.lock"), "{msg}");
        assert!(
            msg.contains(&format!("proceso {}", std::process::id())),
            "{msg}"
        );
        drop(first);
        Lock::acquire(root.path()).unwrap();
    }
}
