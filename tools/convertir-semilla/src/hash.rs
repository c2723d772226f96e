//! Deterministic pseudo-random numbers for the sample data: FNV-1a over the
//! parts that identify a value, then a 64-bit finaliser so that nearby
//! inputs spread well. No clock, no global state.

use rust_decimal::Decimal;

/// Hash of a list of text parts (separated so `ab`+`c` ≠ `a`+`bc`).
pub fn of(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    mix(h)
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A fraction in [0, 1) with six decimals.
pub fn fraction(parts: &[&str]) -> Decimal {
    Decimal::new((of(parts) % 1_000_000) as i64, 6)
}

/// A value in [lo, hi).
pub fn between(parts: &[&str], lo: Decimal, hi: Decimal) -> Decimal {
    lo + (hi - lo) * fraction(parts)
}

/// Picks one of `n` choices.
pub fn pick(parts: &[&str], n: usize) -> usize {
    (of(parts) % n as u64) as usize
}

/// 32 hex digits grouped 8-4-4-4-12, like a UUID.
pub fn uuid_like(parts: &[&str]) -> String {
    let mut a: Vec<&str> = parts.to_vec();
    a.push("uuid-a");
    let hi = of(&a);
    let mut b: Vec<&str> = parts.to_vec();
    b.push("uuid-b");
    let lo = of(&b);
    let hex = format!("{hi:016x}{lo:016x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_separated() {
        assert_eq!(of(&["a", "b"]), of(&["a", "b"]));
        assert_ne!(of(&["ab", "c"]), of(&["a", "bc"]));
        let f = fraction(&["x"]);
        assert!(f >= Decimal::ZERO && f < Decimal::ONE);
        let u = uuid_like(&["x"]);
        assert_eq!(u.len(), 36);
        assert_eq!(u, uuid_like(&["x"]));
    }
}
