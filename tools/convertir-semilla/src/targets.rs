//! Reads a finished target table into one target per closing month,
//! checking the 13th value and the values no label claimed.

use crate::block::Table;
use crate::number;
use rust_decimal::Decimal;

/// Targets by closing month, after reading every number.
#[derive(Debug, Default, Clone)]
pub struct Targets {
    pub by_month: [Option<Decimal>; 12],
    pub spans: Vec<u8>,
    pub space_repairs: usize,
    pub thirteenth_equal: usize,
    pub thirteenth_different: usize,
    pub surplus_values: usize,
    pub notes: Vec<String>,
}

/// Reads the numbers of a finished table into months.
pub fn targets(table: &Table) -> Targets {
    let mut out = Targets {
        notes: table.notes.clone(),
        ..Targets::default()
    };
    for pair in &table.pairs {
        out.spans.push(pair.period.span());
        match number::parse(&pair.raw) {
            Ok((value, repair)) => {
                if repair == number::Repair::SpaceRemoved {
                    out.space_repairs += 1;
                }
                let slot = &mut out.by_month[usize::from(pair.period.closing_month()) - 1];
                if slot.is_some() {
                    out.notes
                        .push(format!("dos metas cierran en el mes {}", pair.period.end));
                } else {
                    *slot = Some(value);
                }
            }
            Err(e) => out.notes.push(e),
        }
    }
    for p in &table.unpaired {
        out.spans.push(p.span());
    }
    let surplus: Vec<&str> = table
        .extras
        .iter()
        .filter(|e| e.own_line)
        .map(|e| e.raw.as_str())
        .collect();
    if !surplus.is_empty() {
        out.surplus_values += surplus.len();
        out.notes.push(format!(
            "{} valores sobrantes en líneas sin etiqueta, descartados: {surplus:?}",
            surplus.len()
        ));
    }
    for extra in table.extras.iter().filter(|e| !e.own_line) {
        let after = extra.after.map(|i| &table.pairs[i]);
        let value = number::parse(&extra.raw).map(|(v, _)| v);
        match (after, value) {
            (Some(pair), Ok(v)) if pair.period.end == 12 => {
                let dic = number::parse(&pair.raw).map(|(d, _)| d).ok();
                if dic == Some(v) {
                    out.thirteenth_equal += 1;
                } else {
                    out.thirteenth_different += 1;
                    out.notes.push(format!(
                        "13.º valor {v} distinto de diciembre {}: descartado",
                        pair.raw
                    ));
                }
            }
            _ => out
                .notes
                .push(format!("valor sin período descartado: «{}»", extra.raw)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::{Cell, classify_cell};
    use std::str::FromStr;

    fn line(text: &str) -> Vec<Cell> {
        text.split('\t').map(classify_cell).collect()
    }

    fn table(lines: &[&str]) -> Targets {
        let mut t = Table::default();
        for l in lines {
            t.feed(&line(l));
        }
        t.finish();
        targets(&t)
    }

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn monthly_row_with_thirteenth_value() {
        let t = table(&[
            "Ene\tFeb\tMar\tAbr\tMay\tJun\tJul\tAgo\tSep\tOct\tNov\tDic\t",
            "1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t0.9\t0.9",
        ]);
        assert_eq!(t.by_month[0], d("1"));
        assert_eq!(t.by_month[11], d("0.9"));
        assert_eq!(t.thirteenth_equal, 1);
        assert!(t.notes.is_empty());
    }

    #[test]
    fn quarterly_spread_columns() {
        let t = table(&[
            "Ene-Mar\t\t\tAbr-Jun\t\t\tJul-Sep\t\t\tOct-Dic\t\t\t",
            "0.75\t\t\t0.5\t\t\t0.25\t\t\t0\t\t\t",
        ]);
        assert_eq!(t.by_month[2], d("0.75"));
        assert_eq!(t.by_month[5], d("0.5"));
        assert_eq!(t.by_month[8], d("0.25"));
        assert_eq!(t.by_month[11], d("0"));
        assert_eq!(t.by_month[0], None);
        assert_eq!(t.spans, vec![3, 3, 3, 3]);
    }

    #[test]
    fn label_and_value_on_one_line() {
        let t = table(&["Ene-Abr\tMay-Ago", "0.9\t0.91", "Sep-Dic\t0.95"]);
        assert_eq!(t.by_month[3], d("0.9"));
        assert_eq!(t.by_month[7], d("0.91"));
        assert_eq!(t.by_month[11], d("0.95"));
    }

    #[test]
    fn label_alone_then_value() {
        let t = table(&[
            "Ene-Mar\tAbr-Jun",
            "0.25\t0.5",
            "Jul-Sep\t",
            "0.75\t",
            "Oct-Dic\t",
            "0.95\t",
        ]);
        assert_eq!(t.by_month[8], d("0.75"));
        assert_eq!(t.by_month[11], d("0.95"));
    }

    #[test]
    fn wrapped_digits_join_their_column() {
        let t = table(&[
            "Ene\tFeb\tMar\tAbr\tMay\tJun\tJul\tAgo\tSep\tOct\tNov\tDic\t",
            "427,419.98\t776,256.88\t1,122,659.\t1,480,696.\t1,865,379.\t2,232,423.\t2,597,591.\t3,000,664.\t3,395,480.\t3,781,290.\t4,122,063.\t4,529,264.\t",
            "2\t6\t499\t435\t727\t883\t534\t564\t976\t17\t271\t61\t",
        ]);
        assert_eq!(t.by_month[0], d("427419.982"));
        assert_eq!(t.by_month[2], d("1122659.499"));
        assert_eq!(t.by_month[11], d("4529264.61"));
        assert!(t.notes.is_empty(), "{:?}", t.notes);
    }

    #[test]
    fn labels_after_a_leading_empty_column() {
        let t = table(&[
            "\tEne-Mar\tAbr-Jun\tJul-Sep\tOct-Dic\t",
            "\t353,635\t345,680\t337,699\t329,693\t",
        ]);
        assert_eq!(t.by_month[2], d("353635"));
        assert_eq!(t.by_month[11], d("329693"));
    }

    #[test]
    fn stacked_label_lines_then_value_lines() {
        let t = table(&[
            "Ene-Mar\tAbr-Jun",
            "Jul-Sep\tOct-Dic",
            "0.8\t0.9",
            "0.9\t0.95",
            "1\t1",
        ]);
        assert_eq!(t.by_month[2], d("0.8"));
        assert_eq!(t.by_month[5], d("0.9"));
        assert_eq!(t.by_month[8], d("0.9"));
        assert_eq!(t.by_month[11], d("0.95"));
        assert_eq!(t.surplus_values, 2);
    }

    #[test]
    fn missing_december_value() {
        let t = table(&[
            "Ene\tFeb\tMar\tAbr\tMay\tJun\tJul\tAgo\tSep\tOct\tNov\tDic\t",
            "0\t0\t0\t0\t0.1876\t0.1876\t0.1876\t0.6043\t0.6043\t1\t1\t\t",
        ]);
        assert_eq!(t.by_month[10], d("1"));
        assert_eq!(t.by_month[11], None);
        assert_eq!(t.notes.len(), 1);
    }

    #[test]
    fn labels_without_values_stay_unpaired() {
        let mut t = Table::default();
        t.feed(&line("- Metas Sin Cerrar-\t\t"));
        t.feed(&line("Ene\tFeb\tMar"));
        t.finish();
        assert_eq!(t.unpaired.len(), 3);
        assert!(targets(&t).by_month.iter().all(Option::is_none));
    }
}
