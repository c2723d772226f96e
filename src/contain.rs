//! Containing the panics of parsers and engines that read outside data.
//!
//! calamine, zip, quick-xml, Tera and the PDF engine are each one call away
//! from a panic on a damaged or hostile file. Every such call goes through
//! [`contain`], which turns a panic into an error value the caller reports
//! in Spanish (a «libro dañado», a template that cannot be rendered). While
//! a call is contained the panic hook stays silent, so no English backtrace
//! line reaches the person running the program.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// Contained calls in progress, on any thread: the renderers contain calls
/// that spawn worker threads, whose panics must be silent too.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();
/// Where the last contained panic happened (`file:line`), for the fuzzer:
/// a panic contained in a parser is expected, one in lotaip's own code is a
/// defect to fix.
static LAST: Mutex<Option<String>> = Mutex::new(None);

/// Takes the place of the last panic [`contain`] caught, if any.
pub fn take_last() -> Option<String> {
    LAST.lock().ok().and_then(|mut l| l.take())
}

/// A panic caught by [`contain`]: its message, for tests and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic(pub String);

/// Runs `f`, turning a panic into `Err` instead of unwinding further.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if ACTIVE.load(Ordering::SeqCst) == 0 {
                previous(info);
            } else if let Ok(mut last) = LAST.try_lock() {
                *last = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
            }
        }));
    });
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Panic(message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_a_value_passes() {
        assert_eq!(contain(|| 2 + 2), Ok(4));
        let e = contain(|| -> u8 { panic!("índice fuera de rango") }).unwrap_err();
        assert_eq!(e, Panic("índice fuera de rango".into()));
        let v: Vec<u8> = Vec::new();
        let e = contain(|| v[3]).unwrap_err();
        assert!(e.0.contains("index out of bounds"), "{e:?}");
    }

    #[test]
    fn panics_of_worker_threads_are_contained_too() {
        let r = contain(|| {
            std::thread::scope(|s| {
                s.spawn(|| panic!("en un hilo"));
            })
        });
        assert!(r.is_err());
    }
}
