//! Numbers as the seed writes them: English separators (`1,054,666,507.88`),
//! percentages as fractions (`0.85`), plus the exporter's two defects:
//! a space inside a number (`720,839,34 5.72`) and a number whose last
//! digits were wrapped onto the next line of the same column (`1,122,659.`
//! followed by `499`).

use rust_decimal::Decimal;
use std::str::FromStr;

/// How a number had to be repaired before it could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    None,
    /// The exporter inserted a space inside the number.
    SpaceRemoved,
}

/// True when the cell looks like a number (possibly a broken one):
/// digits, thousands commas, one decimal point, inner spaces.
pub fn looks_numeric(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == ' ' || c == '-')
        && !t.starts_with("--")
}

/// Joins a value with the digits that the exporter wrapped onto the next
/// line of the same column. The wrapped part is plain text continuation:
/// `427,419.98` + `2` is `427,419.982`, `1,122,659.` + `499` is
/// `1,122,659.499`. (Verified on the seed: the same figures appear elsewhere
/// unwrapped but space-split, e.g. `427,419.98 2` and `1,122,659. 499`.)
pub fn join_wrapped(head: &str, tail: &str) -> String {
    format!("{}{}", head.trim(), tail.trim())
}

/// Reads an English-format number into a Decimal, removing inner spaces.
pub fn parse(raw: &str) -> Result<(Decimal, Repair), String> {
    let trimmed = raw.trim();
    let mut repair = Repair::None;
    let mut text: String = trimmed.to_string();
    if text.chars().any(char::is_whitespace) {
        text.retain(|c| !c.is_whitespace());
        repair = Repair::SpaceRemoved;
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if !valid_integer_part(int_part) {
        return Err(format!("número ilegible: «{trimmed}»"));
    }
    if let Some(f) = frac_part
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!("número ilegible (decimales): «{trimmed}»"));
    }
    let plain: String = int_part.chars().filter(|c| *c != ',').collect();
    let canonical = match frac_part {
        Some(f) => format!("{}{plain}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{plain}", if negative { "-" } else { "" }),
    };
    let value = Decimal::from_str(&canonical).map_err(|e| format!("«{trimmed}»: {e}"))?;
    Ok((value.normalize(), repair))
}

/// `123`, `1,234`, `1,234,567`: groups of three after the first.
fn valid_integer_part(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    let groups: Vec<&str> = s.split(',').collect();
    if !groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(parse("0.85").unwrap(), (dec("0.85"), Repair::None));
        assert_eq!(parse("46").unwrap().0, dec("46"));
        assert_eq!(parse("1,054,666,507.88").unwrap().0, dec("1054666507.88"));
        assert_eq!(parse("950,573.00").unwrap().0, dec("950573"));
        assert_eq!(parse("0").unwrap().0, Decimal::ZERO);
    }

    #[test]
    fn space_split_numbers() {
        assert_eq!(
            parse("720,839,34 5.72").unwrap(),
            (dec("720839345.72"), Repair::SpaceRemoved)
        );
        assert_eq!(parse("1,483,145, 584.71").unwrap().0, dec("1483145584.71"));
        assert_eq!(parse("4,622,198, 183").unwrap().0, dec("4622198183"));
        assert_eq!(parse("724,566.86 9").unwrap().0, dec("724566.869"));
        assert_eq!(parse("120,060,34 9.856").unwrap().0, dec("120060349.856"));
    }

    #[test]
    fn wrapped_numbers() {
        assert_eq!(join_wrapped("1,122,659.", "499"), "1,122,659.499");
        assert_eq!(
            parse(&join_wrapped("427,419.98", "2")).unwrap().0,
            dec("427419.982")
        );
        assert_eq!(
            parse(&join_wrapped("798,685.89", "1")).unwrap().0,
            dec("798685.891")
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse("1,22,3").is_err());
        assert!(parse("1,122,659.").is_err());
        assert!(parse("353,233,333,33").is_err());
        assert!(parse("12a").is_err());
    }

    #[test]
    fn numeric_shape() {
        assert!(looks_numeric("1,122,659."));
        assert!(looks_numeric("720,839,34 5.72"));
        assert!(!looks_numeric("---"));
        assert!(!looks_numeric("Ene"));
        assert!(!looks_numeric(""));
    }
}
