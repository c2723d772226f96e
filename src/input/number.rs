//! Reading numbers written by people: English (`1,234.56`) and Spanish
//! (`1.234,56`) separators, a `$` sign, a trailing `%`. A text that no single
//! convention reads is refused, never guessed.

use std::str::FromStr;

use rust_decimal::Decimal;

/// A number read from a cell, before an indicator's percent convention is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawNumber {
    pub value: Decimal,
    /// The text carried a `%` sign: the value is in points (85 % → 85).
    pub percent_sign: bool,
}

/// Which character a file uses as decimal separator, when the file says so
/// (a semicolon CSV is Spanish, a comma CSV is English). Only used to settle a
/// single separator followed by exactly three digits (`1,234` / `1.234`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Convention {
    /// `.` decimal, `,` thousands.
    English,
    /// `,` decimal, `.` thousands.
    Spanish,
}

const EXAMPLES: &str = "p. ej. 1234,56, 1.234,56, 1,234.56, $ 9.250.000,00 u 85 %";

/// Parses a number as written in a cell. Errors are Spanish sentences that say
/// what was expected.
pub(crate) fn parse_number(text: &str, hint: Option<Convention>) -> Result<RawNumber, String> {
    let original = text;
    let mut s: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
        .collect();
    s = s.trim().to_string();
    if s.is_empty() {
        return Err("la celda está vacía; se esperaba un número".into());
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].trim().to_string();
    }
    let mut percent_sign = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent_sign = true;
        s = rest.trim_end().to_string();
    }
    // Sign and currency may come in either order: `-$ 5`, `$ -5`, `USD 5`.
    loop {
        let t = s.trim_start();
        if let Some(r) = t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
            if negative {
                return Err(unreadable(original));
            }
            negative = true;
            s = r.to_string();
        } else if let Some(r) = t.strip_prefix('+') {
            s = r.to_string();
        } else if let Some(r) = t.strip_prefix('$').or_else(|| t.strip_prefix("USD")) {
            if percent_sign {
                return Err(unreadable(original));
            }
            s = r.to_string();
        } else {
            s = t.to_string();
            break;
        }
    }
    if let Some(r) = s.strip_suffix("USD").or_else(|| s.strip_suffix('$')) {
        s = r.trim_end().to_string();
    }
    if s.is_empty() {
        return Err(unreadable(original));
    }
    let value = digits_to_decimal(&s, hint).ok_or_else(|| unreadable(original))?;
    Ok(RawNumber {
        value: if negative { -value } else { value },
        percent_sign,
    })
}

fn unreadable(original: &str) -> String {
    format!(
        "se esperaba un número ({EXAMPLES}); «{}» no se lee con ninguna convención",
        original.trim()
    )
}

/// Reads the digits-and-separators core of a number.
fn digits_to_decimal(s: &str, hint: Option<Convention>) -> Option<Decimal> {
    if s.contains(['e', 'E']) {
        return scientific(s);
    }
    let is_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
    {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let has_spaces = s.chars().any(is_space);

    // (thousands separator, decimal separator)
    let (thousands, decimal): (Option<char>, Option<char>) = if has_spaces {
        if dots > 0 && commas > 0 {
            return None;
        }
        let dec = if dots == 1 {
            Some('.')
        } else if commas == 1 {
            Some(',')
        } else if dots + commas == 0 {
            None
        } else {
            return None;
        };
        (Some(' '), dec)
    } else {
        match (dots, commas) {
            (0, 0) => (None, None),
            (d, c) if d > 0 && c > 0 => {
                let last_dot = s.rfind('.')?;
                let last_comma = s.rfind(',')?;
                if last_dot > last_comma {
                    if d != 1 {
                        return None;
                    }
                    (Some(','), Some('.'))
                } else {
                    if c != 1 {
                        return None;
                    }
                    (Some('.'), Some(','))
                }
            }
            (d, 0) if d > 1 => (Some('.'), None),
            (0, c) if c > 1 => (Some(','), None),
            (1, 0) => single_separator(s, '.', hint),
            (0, 1) => single_separator(s, ',', hint),
            _ => return None,
        }
    };

    let normalised: String = s
        .chars()
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    let (int_part, frac_part) = match decimal {
        Some(d) => {
            let (i, f) = normalised.split_once(d)?;
            (i.to_string(), Some(f.to_string()))
        }
        None => (normalised.clone(), None),
    };
    let int_digits = match thousands {
        Some(t) => {
            let groups: Vec<&str> = int_part.split(t).collect();
            if groups.len() > 1 {
                let first = groups[0];
                if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit())
                {
                    return None;
                }
                if groups[1..]
                    .iter()
                    .any(|g| g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()))
                {
                    return None;
                }
            }
            groups.concat()
        }
        None => int_part,
    };
    if !int_digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut text = if int_digits.is_empty() {
        "0".to_string()
    } else {
        int_digits
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        text.push('.');
        text.push_str(&f);
    }
    Decimal::from_str(&text).ok()
}

/// One separator, once: a decimal separator unless it is followed by exactly
/// three digits after a 1–3 digit non-zero head, which reads as thousands
/// (`34.691`, `1,440`) unless the file's convention says otherwise.
fn single_separator(s: &str, sep: char, hint: Option<Convention>) -> (Option<char>, Option<char>) {
    let (head, tail) = s.split_once(sep).unwrap_or((s, ""));
    let looks_grouped = tail.len() == 3 && (1..=3).contains(&head.len()) && !head.starts_with('0');
    if !looks_grouped {
        return (None, Some(sep));
    }
    let decimal_by_hint = matches!(
        (hint, sep),
        (Some(Convention::English), '.') | (Some(Convention::Spanish), ',')
    );
    if decimal_by_hint {
        (None, Some(sep))
    } else {
        (Some(sep), None)
    }
}

fn scientific(s: &str) -> Option<Decimal> {
    let s = s.replace(',', ".");
    if s.matches('.').count() > 1 {
        return None;
    }
    Decimal::from_scientific(&s).ok()
}

/// Converts a spreadsheet's binary number to the decimal its file shows.
///
/// Spreadsheet files store numbers as text that a reader turns into an `f64`;
/// the shortest text that round-trips that `f64` is the text the file holds
/// (up to 15 significant digits), so the decimal is recovered exactly.
pub(crate) fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{f}"))
        .ok()
        .or_else(|| Decimal::from_scientific(&format!("{f:e}")).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn n(s: &str) -> Decimal {
        parse_number(s, None)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .value
    }

    #[test]
    fn english_and_spanish_separators() {
        assert_eq!(n("1,234.56"), dec!(1234.56));
        assert_eq!(n("1.234,56"), dec!(1234.56));
        assert_eq!(n("3,081,783"), dec!(3081783));
        assert_eq!(n("1.054.666.507,88"), dec!(1054666507.88));
        assert_eq!(n("1,054,666,507.88"), dec!(1054666507.88));
        assert_eq!(n("0,85"), dec!(0.85));
        assert_eq!(n("0.85"), dec!(0.85));
        assert_eq!(n("1 234,5"), dec!(1234.5));
        assert_eq!(n("83,368,885.603"), dec!(83368885.603));
    }

    #[test]
    fn single_separator_with_three_digits_reads_as_thousands() {
        assert_eq!(n("34.691"), dec!(34691));
        assert_eq!(n("1,440"), dec!(1440));
        assert_eq!(n("0.085"), dec!(0.085));
        assert_eq!(n("1234,567"), dec!(1234.567));
        assert_eq!(
            parse_number("1,234", Some(Convention::Spanish)).map(|r| r.value),
            Ok(dec!(1.234))
        );
        assert_eq!(
            parse_number("1.234", Some(Convention::English)).map(|r| r.value),
            Ok(dec!(1.234))
        );
        assert_eq!(
            parse_number("1.234", Some(Convention::Spanish)).map(|r| r.value),
            Ok(dec!(1234))
        );
    }

    #[test]
    fn currency_sign_and_percent() {
        assert_eq!(n("$ 9.250.000,00"), dec!(9250000.00));
        assert_eq!(n("$18.215.009,19"), dec!(18215009.19));
        assert_eq!(n("-$ 5,5"), dec!(-5.5));
        assert_eq!(n("(1.234,50)"), dec!(-1234.50));
        let p = parse_number("85,5 %", None).unwrap();
        assert_eq!((p.value, p.percent_sign), (dec!(85.5), true));
        let p = parse_number("75,2%", None).unwrap();
        assert_eq!((p.value, p.percent_sign), (dec!(75.2), true));
        assert!(!parse_number("0.85", None).unwrap().percent_sign);
    }

    #[test]
    fn values_no_convention_reads_are_errors() {
        for bad in [
            "$ 353,233,333,33",
            "$,3,083,333.34",
            "1,122,659.",
            "12a",
            "1.2.3,4,5",
            "%",
            "$",
            "85%%",
            "1,23,456",
            "--5",
        ] {
            assert!(parse_number(bad, None).is_err(), "{bad} should be refused");
        }
        let e = parse_number("$ 353,233,333,33", None).unwrap_err();
        assert!(
            e.contains("«$ 353,233,333,33» no se lee con ninguna convención"),
            "{e}"
        );
    }

    #[test]
    fn scientific_notation() {
        assert_eq!(n("1.5E-3"), dec!(0.0015));
        assert_eq!(n("2e3"), dec!(2000));
    }

    #[test]
    fn f64_cells_recover_their_decimal_text() {
        assert_eq!(decimal_from_f64(0.85), Some(dec!(0.85)));
        assert_eq!(decimal_from_f64(1054666507.88), Some(dec!(1054666507.88)));
        assert_eq!(decimal_from_f64(0.0011), Some(dec!(0.0011)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }
}
