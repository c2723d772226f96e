//! One publication at a time per output folder: an exclusive OS lock on
//! `<root>/.lotaip.lock`, taken only for the short moment a run writes and
//! swaps in its files. The kernel releases it when the process dies, so a
//! killed run never blocks the next one; the file itself stays (removing it
//! would let two runs lock two different files of the same name).
//!
//! Two overlapping runs of the same publication are put in the order they
//! started: the lock file records, per publication, when the run that last
//! published it had started. A run that started before that one does not
//! publish (its inputs are older); one that started later replaces it. The
//! second of two runs that reach the lock at once waits for the first.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::error::Error;

/// The lock file's name inside the output root.
pub const LOCK_FILE: &str = ".lotaip.lock";

/// The most of the lock file that is read: a pid and a line per publication.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// When a run started, to order overlapping runs: nanoseconds since 1970.
/// Only the lock file holds it, never a publication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Inicio(u128);

impl Inicio {
    /// Now: take it when the run starts, before reading its inputs.
    pub fn ahora() -> Inicio {
        Inicio(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        )
    }
}

/// Proof that this process owns an output root. Publishing needs it.
#[derive(Debug)]
pub struct Lock {
    root: PathBuf,
    path: PathBuf,
    /// Held open: closing it releases the lock.
    file: File,
}

impl Lock {
    /// Creates `root` if needed, takes its lock (waiting up to `espera` for
    /// another run to finish publishing), and repairs what a killed run may
    /// have left there (see `swap::recover`). A root still locked
    /// after `espera` is an output error naming the lock file; so is a lock
    /// file that is a symbolic link (it is never written through).
    pub fn acquire(root: &Path, espera: Duration) -> Result<Lock, Error> {
        check_root(root)?;
        std::fs::create_dir_all(root).map_err(|e| Error::output(root, e))?;
        let path = root.join(LOCK_FILE);
        let mut file = crate::fs::open_nofollow(&path, true).map_err(|e| {
            Error::Salida {
                path: path.clone(),
                detalle: if e.raw_os_error() == Some(40) {
                    "es un enlace simbólico, no el archivo de bloqueo de lotaip; bórrelo y vuelva a ejecutar".into()
                } else {
                    format!("no se pudo abrir el archivo de bloqueo: {}", crate::error::io_es(&e))
                },
            }
        })?;
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(Error::Salida {
                path,
                detalle: "no es un archivo normal; bórrelo y vuelva a ejecutar".into(),
            });
        }
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < espera => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let (pid, _) = read_state(&mut file);
                    return Err(Error::Bloqueado { lock: path, pid });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::output(&path, e)),
            }
        }
        let lock = Lock {
            root: root.to_path_buf(),
            path,
            file,
        };
        // The holder's process id, for the message a waiting run prints.
        let (_, runs) = read_state(&mut &lock.file);
        lock.write_state(&runs)?;
        super::swap::recover(root)?;
        Ok(lock)
    }

    /// The output root this lock owns.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a run that started at `inicio` may publish `name`: not when
    /// a run that started later has published it already.
    pub fn turno(&self, name: &str, inicio: Inicio) -> Result<(), Error> {
        let (_, runs) = read_state(&mut &self.file);
        match runs.iter().find(|(n, _)| n == name) {
            Some((_, later)) if *later > inicio => Err(Error::Superada {
                publicacion: self.root.join(name),
            }),
            _ => Ok(()),
        }
    }

    /// Records this process as the holder and `inicio` as the start of the
    /// run that published `name` last.
    pub fn registrar(&self, name: &str, inicio: Inicio) -> Result<(), Error> {
        let (_, mut runs) = read_state(&mut &self.file);
        runs.retain(|(n, _)| n != name);
        runs.push((name.to_string(), inicio));
        runs.sort();
        self.write_state(&runs)
    }

    fn write_state(&self, runs: &[(String, Inicio)]) -> Result<(), Error> {
        let mut text = format!("{}\n", std::process::id());
        for (n, i) in runs {
            text.push_str(&format!("{n} {}\n", i.0));
        }
        let mut f = &self.file;
        f.set_len(0)
            .and_then(|()| f.seek(SeekFrom::Start(0)))
            .and_then(|_| f.write_all(text.as_bytes()))
            .map_err(|e| Error::output(&self.path, e))
    }
}

/// The output root must be a folder (or a link to one) when it exists.
fn check_root(root: &Path) -> Result<(), Error> {
    match std::fs::metadata(root) {
        Ok(m) if !m.is_dir() => Err(Error::Salida {
            path: root.to_path_buf(),
            detalle: "existe y no es una carpeta; indique otra carpeta de salida con --salida o mueva ese archivo".into(),
        }),
        _ => Ok(()),
    }
}

/// What the lock file is read through.
trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// The holder's pid (first line) and each publication's last start, from
/// the lock file; what cannot be read is left out.
fn read_state(file: &mut impl ReadSeek) -> (Option<u32>, Vec<(String, Inicio)>) {
    let _ = file.seek(SeekFrom::Start(0));
    let mut text = String::new();
    let _ = file.take(MAX_LOCK_BYTES).read_to_string(&mut text);
    let mut lines = text.lines();
    let pid = lines.next().and_then(|l| l.trim().parse().ok());
    let runs = lines
        .filter_map(|l| {
            let (n, t) = l.rsplit_once(' ')?;
            Some((n.to_string(), Inicio(t.parse().ok()?)))
        })
        .collect();
    (pid, runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_root_is_refused_until_the_first_ends() {
        let root = tempfile::tempdir().unwrap();
        let first = Lock::acquire(root.path(), Duration::ZERO).unwrap();
        first.registrar("2025-06", Inicio::ahora()).unwrap();
        let e = Lock::acquire(root.path(), Duration::from_millis(120)).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        let msg = e.to_string();
        assert!(msg.contains(".lotaip.lock"), "{msg}");
        assert!(
            msg.contains(&format!("proceso {}", std::process::id())),
            "{msg}"
        );
        drop(first);
        Lock::acquire(root.path(), Duration::ZERO).unwrap();
    }

    #[test]
    fn a_run_that_started_before_the_last_publisher_does_not_publish() {
        let root = tempfile::tempdir().unwrap();
        let older = Inicio::ahora();
        std::thread::sleep(Duration::from_millis(2));
        let newer = Inicio::ahora();
        let lock = Lock::acquire(root.path(), Duration::ZERO).unwrap();
        lock.turno("2025-06", newer).unwrap();
        lock.registrar("2025-06", newer).unwrap();
        lock.registrar("2025-07", older).unwrap();
        let e = lock.turno("2025-06", older).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("empezó después"), "{e}");
        // Other publications keep their own order.
        lock.turno("2025-07", older).unwrap();
        lock.turno("2025-06", Inicio::ahora()).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_never_written_through() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("victima.txt");
        std::fs::write(&target, "intacto").unwrap();
        std::os::unix::fs::symlink(&target, root.path().join(LOCK_FILE)).unwrap();
        let e = Lock::acquire(root.path(), Duration::ZERO).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("enlace simbólico"), "{e}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "intacto");
    }

    #[test]
    fn an_output_root_that_is_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("outputs");
        std::fs::write(&root, "x").unwrap();
        let e = Lock::acquire(&root, Duration::ZERO).unwrap_err();
        assert!(e.to_string().contains("no es una carpeta"), "{e}");
        assert_eq!(std::fs::read_to_string(&root).unwrap(), "x");
    }
}
