//! Property tests (fuzzing on stable) of the parsers that read what people
//! type: numbers, percentages, periods and headers. No input makes them
//! panic; what the program writes reads back to the same value; well-formed
//! input agrees with a reference reading.
//!
//! 256 cases per property by default; `PROPTEST_CASES=…` runs longer, e.g.
//! `PROPTEST_CASES=3000000 cargo test --release --lib propiedades::numero`.

use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::cells;
use super::header::locate;
use super::number::{Convention, parse_number};
use super::sheet::{Cell, Row, Sheet};
use crate::format;
use crate::model::{MESES, MESES_CORTOS};

/// Any decimal a plan may hold: up to 18 digits, up to 8 decimals.
fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=8).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Text made of the characters numbers are written with, in any order.
fn number_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex(r"[ \-+($)0-9.,%eEUSD\u{a0}−]{0,24}").expect("regex")
}

/// Groups integer digits with a separator: `1234567` → `1,234,567`.
fn grouped(int: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

mod numero {
    use super::*;

    proptest! {
        #[test]
        fn no_text_makes_the_number_reader_panic(s in any::<String>()) {
            for hint in [None, Some(Convention::English), Some(Convention::Spanish)] {
                let _ = parse_number(&s, hint);
            }
        }

        #[test]
        fn no_number_like_text_makes_it_panic(s in number_like()) {
            for hint in [None, Some(Convention::English), Some(Convention::Spanish)] {
                if let Ok(r) = parse_number(&s, hint) {
                    // Whatever is read has digits in it.
                    prop_assert!(s.chars().any(|c| c.is_ascii_digit()), "{s:?} → {r:?}");
                }
            }
        }

        #[test]
        fn spanish_numbers_read_back(d in decimal()) {
            let text = format::numero(d);
            let r = parse_number(&text, Some(Convention::Spanish)).map_err(TestCaseError::fail)?;
            prop_assert_eq!(r.value, d.normalize(), "{}", text);
            prop_assert!(!r.percent_sign);
        }

        #[test]
        fn dollar_amounts_read_back(d in decimal()) {
            let text = format::usd(d);
            let r = parse_number(&text, Some(Convention::Spanish)).map_err(TestCaseError::fail)?;
            prop_assert_eq!(
                r.value,
                d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
                "{}",
                text
            );
        }

        #[test]
        fn grouped_numbers_agree_with_the_reference(
            int in "[1-9][0-9]{0,14}",
            frac in proptest::option::of("[0-9]{1,6}"),
            english in any::<bool>(),
            dollar in any::<bool>(),
        ) {
            let (thousands, decimal) = if english { (',', '.') } else { ('.', ',') };
            let mut text = grouped(&int, thousands);
            if let Some(f) = &frac {
                text.push(decimal);
                text.push_str(f);
            }
            if dollar {
                text.insert_str(0, "$ ");
            }
            let reference = Decimal::from_str(&match &frac {
                Some(f) => format!("{int}.{f}"),
                None => int.clone(),
            }).expect("reference");
            let hint = Some(if english { Convention::English } else { Convention::Spanish });
            let r = parse_number(&text, hint).map_err(TestCaseError::fail)?;
            prop_assert_eq!(r.value, reference, "{}", text);
            // Without the file's convention, the reading is the same except for
            // the one ambiguous shape: one separator and exactly three digits.
            let ambiguous = int.len() <= 3 && frac.as_ref().is_some_and(|f| f.len() == 3);
            if !ambiguous {
                let r = parse_number(&text, None).map_err(TestCaseError::fail)?;
                prop_assert_eq!(r.value, reference, "{}", text);
            }
        }

        #[test]
        fn misplaced_group_separators_are_refused(
            head in "[1-9][0-9]{0,2}",
            good in proptest::collection::vec("[0-9]{3}", 0..3),
            bad in "[0-9]{1,2}|[0-9]{4,5}",
            english in any::<bool>(),
        ) {
            let sep = if english { "," } else { "." };
            let mut groups = good;
            groups.push(bad);
            groups.push("000".into());
            let text = format!("{head}{sep}{}", groups.join(sep));
            prop_assert!(parse_number(&text, None).is_err(), "{}", text);
        }
    }
}

mod porcentaje {
    use super::*;

    proptest! {
        #[test]
        fn shown_percentages_read_back_in_points(p in decimal()) {
            let text = format::pct(p);
            let r = parse_number(&text, None).map_err(TestCaseError::fail)?;
            prop_assert!(r.percent_sign);
            prop_assert_eq!(r.value, crate::compute::rules::round_pct(p), "{}", text);
        }

        #[test]
        fn published_targets_read_back_as_fractions(f in decimal()) {
            let text = format::pct_fraccion(f);
            let r = parse_number(&text, Some(Convention::Spanish)).map_err(TestCaseError::fail)?;
            prop_assert!(r.percent_sign);
            prop_assert_eq!(r.value / Decimal::ONE_HUNDRED, f.normalize(), "{}", text);
        }

        #[test]
        fn a_percent_cell_reads_as_the_text_it_shows(f in decimal()) {
            let cell = Cell::Percent(f);
            let typed = Cell::Text(cell.shown());
            prop_assert_eq!(
                cells::number(&cell, None),
                cells::number(&typed, Some(Convention::Spanish)),
                "{}", cell.shown()
            );
        }

        #[test]
        fn percent_sign_with_any_spacing(int in 0u32..1000, frac in proptest::option::of(0u32..100), space in "[ \u{a0}]{0,2}") {
            let text = match frac {
                Some(f) => format!("{int},{f:02}{space}%"),
                None => format!("{int}{space}%"),
            };
            let r = parse_number(&text, None).map_err(TestCaseError::fail)?;
            prop_assert!(r.percent_sign);
            prop_assert_eq!(r.value, Decimal::new(int as i64 * 100 + frac.unwrap_or(0) as i64, 2));
        }

        #[test]
        fn percent_like_text_never_panics(s in r"[0-9.,% $\-]{0,12}%[0-9.,% ]{0,4}") {
            let _ = parse_number(&s, None);
            let _ = cells::number(&Cell::Text(s.clone()), Some(Convention::Spanish));
            let _ = cells::plain_number(&Cell::Text(s), None);
        }
    }
}

mod periodo {
    use super::*;

    proptest! {
        #[test]
        fn no_text_makes_the_period_reader_panic(s in any::<String>(), year in 1900i32..2200) {
            let _ = cells::period(&Cell::Text(s), year);
        }

        #[test]
        fn no_period_like_text_makes_it_panic(s in r"[0-9a-zA-Záé/\-. ]{0,16}", year in 1900i32..2200) {
            if let Ok(m) = cells::period(&Cell::Text(s.clone()), year) {
                prop_assert!((1..=12).contains(&m), "{s:?} → {m}");
            }
        }

        #[test]
        fn no_number_makes_it_panic(d in decimal(), year in 1900i32..2200) {
            if let Ok(m) = cells::period(&Cell::Number(d), year) {
                prop_assert!((1..=12).contains(&m));
            }
        }

        #[test]
        fn every_written_form_reads_its_month(
            m in 1u8..=12,
            y in 2000i32..2100,
            plan in 2000i32..2100,
            form in 0usize..9,
        ) {
            let day = 28;
            let name = MESES[m as usize - 1];
            let short = MESES_CORTOS[m as usize - 1];
            let (text, has_year) = match form {
                0 => (format!("{y}-{m:02}"), true),
                1 => (format!("{m:02}/{y}"), true),
                2 => (format!("{m}/{y}"), true),
                3 => (format!("{name} {y}"), true),
                4 => (format!("{} de {y}", name.to_uppercase()), true),
                5 => (format!("{day}/{m:02}/{y}"), true),
                6 => (format!("{y}-{m:02}-{day}"), true),
                7 => (format!("{short}-{:02}", y % 100), true),
                _ => (short.to_string(), false),
            };
            let got = cells::period(&Cell::Text(text.clone()), plan);
            if has_year && y != plan {
                let e = got.expect_err("outside the year");
                prop_assert!(e.contains("fuera del año"), "{}: {}", text, e);
            } else {
                prop_assert_eq!(got, Ok(m), "{}", text);
            }
        }
    }
}

mod encabezado {
    use super::*;
    use crate::input::{metas, presupuesto, resultados};

    /// A header as a person may type it: any case, accents, spaces or
    /// underscores between words, spaces around.
    fn typed(key: &'static str) -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(any::<bool>(), key.len()),
            "[ _]{0,2}",
            " {0,2}",
        )
            .prop_map(move |(upper, join, pad)| {
                let body: String = key
                    .chars()
                    .zip(upper)
                    .map(|(c, u)| match c {
                        '_' | ' ' => join.clone(),
                        c if u => c.to_uppercase().collect(),
                        c => c.to_string(),
                    })
                    .collect();
                format!("{pad}{body}{pad}")
            })
    }

    fn any_header() -> impl Strategy<Value = (&'static str, &'static str)> {
        let all: Vec<(&'static str, &'static str)> = metas::SCHEMA
            .columns
            .iter()
            .chain(resultados::SCHEMA.columns)
            .flat_map(|c| {
                std::iter::once((c.key, c.key)).chain(c.aliases.iter().map(|a| (c.key, *a)))
            })
            .collect();
        proptest::sample::select(all)
    }

    fn cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            Just(Cell::Empty),
            any::<String>().prop_map(Cell::Text),
            "(unidad|indicador|codigo|periodo|valor|ene|dic|x){1}".prop_map(Cell::Text),
            decimal().prop_map(Cell::Number),
            decimal().prop_map(Cell::Percent),
            Just(Cell::Error("#REF!".into())),
        ]
    }

    proptest! {
        #[test]
        fn every_written_header_resolves_to_its_column(
            (key, text) in any_header().prop_flat_map(|(k, h)| (Just(k), typed(h))),
        ) {
            let schema = if metas::SCHEMA.resolve(key).is_some() { metas::SCHEMA } else { resultados::SCHEMA };
            prop_assert_eq!(schema.resolve(&text), Some(key), "{:?}", text);
        }

        #[test]
        fn no_text_makes_header_matching_panic(s in any::<String>()) {
            for schema in [metas::SCHEMA, resultados::SCHEMA, presupuesto::SCHEMA] {
                let _ = schema.resolve(&s);
            }
        }

        #[test]
        fn no_sheet_makes_header_location_panic(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..8), 0..8),
        ) {
            let sheet = Sheet {
                file: "metas.csv".into(),
                name: None,
                rows: rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, cells)| Row { number: i + 1, fields: cells.len(), cells })
                    .collect(),
                hidden: false,
            convention: None,
            };
            for schema in [metas::SCHEMA, resultados::SCHEMA, presupuesto::SCHEMA] {
                if let Ok(Some(h)) = locate(&sheet, &schema) {
                    prop_assert!(h.row_index < sheet.rows.len());
                }
            }
        }
    }
}
