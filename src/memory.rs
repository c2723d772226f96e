//! A bound on the memory of the whole process, for the binaries.
//!
//! Every reader checks the sizes a file declares before it allocates
//! (`input::limits`), but a parser may still size a buffer by a number it
//! read (a shared-strings count, a repeat attribute, a template loop). On
//! stable Rust a failed allocation aborts the process, so the bound is kept
//! by the allocator itself: [`Bounded`] counts the bytes in use and, when a
//! request would go past the limit, calls the binary's handler instead of
//! asking the system. The handler reports in Spanish what the run was doing
//! ([`stage`]) and ends the process; nothing has been published at that
//! point, because publication writes aside and swaps in at the very end.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The default bound: far above the 800 MiB a 50,000-row plan needs.
pub const DEFAULT_LIMIT: usize = 4 << 30;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_LIMIT);
static STAGE: Mutex<String> = Mutex::new(String::new());

/// The system allocator with a bound on the bytes in use.
pub struct Bounded {
    /// Called with the size of a request that would pass the limit; it
    /// should end the process. If it returns, the request fails (and Rust
    /// aborts).
    on_exceed: fn(usize),
}

impl Bounded {
    /// An allocator that calls `on_exceed` at the limit.
    pub const fn new(on_exceed: fn(usize)) -> Self {
        Bounded { on_exceed }
    }

    fn take(&self, bytes: usize) -> bool {
        let before = IN_USE.fetch_add(bytes, Ordering::Relaxed);
        let now = before.saturating_add(bytes);
        if now > LIMIT.load(Ordering::Relaxed) || now < before {
            IN_USE.fetch_sub(bytes, Ordering::Relaxed);
            (self.on_exceed)(bytes);
            return false;
        }
        PEAK.fetch_max(now, Ordering::Relaxed);
        true
    }

    fn give(bytes: usize) {
        IN_USE.fetch_sub(bytes, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` with the same layout; the
// counters are only bookkeeping.
unsafe impl GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !self.take(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's layout contract is passed on unchanged.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            Self::give(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !self.take(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            Self::give(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        Self::give(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size > old && !self.take(new_size - old) {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `alloc`; `ptr` and `layout` come from this allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            if new_size > old {
                Self::give(new_size - old);
            }
        } else if new_size < old {
            Self::give(old - new_size);
        }
        p
    }
}

/// Sets the bound, in bytes.
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Ordering::Relaxed);
}

/// The bound, in bytes.
pub fn limit() -> usize {
    LIMIT.load(Ordering::Relaxed)
}

/// The most bytes in use at once so far (only counted under [`Bounded`]).
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Bytes in use now (only counted under [`Bounded`]).
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

/// Records what the run is doing (`leyendo «metas.xlsx»`), for the message
/// of a run stopped at the limit.
pub fn stage(text: impl Into<String>) {
    let text = text.into();
    if let Ok(mut s) = STAGE.lock() {
        *s = text;
    }
}

/// What [`stage`] last recorded, if the record is free to read (the
/// handler must not wait: it may run while another thread sets it).
pub fn current_stage(out: &mut dyn FnMut(&str)) {
    if let Ok(s) = STAGE.try_lock() {
        out(&s);
    }
}
