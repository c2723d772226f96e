//! The target table of one indicator block: lines of period labels and
//! lines of values below `Metas (…) 2025`, paired by tab column.
//!
//! Layouts seen in the seed: one label line and one value line; several
//! label/value line pairs; a label and its value on the same line
//! (`Sep-Dic<TAB>0.95`); a value line followed by a line holding the digits
//! the exporter wrapped (same columns); a 13th value after `Dic`.

use crate::number;
use crate::period::{self, Period};
use std::collections::VecDeque;

/// One cell of a line inside a target table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Label(Period),
    Number(String),
    Other(String),
}

pub fn classify_cell(raw: &str) -> Cell {
    let t = raw.trim();
    if t.is_empty() || t.chars().all(|c| c == '-') || t.contains("Metas Sin Cerrar") {
        Cell::Empty
    } else if let Some(p) = period::parse_label(t) {
        Cell::Label(p)
    } else if number::looks_numeric(t) {
        Cell::Number(t.to_string())
    } else {
        Cell::Other(t.to_string())
    }
}

/// True when every cell of the line belongs to a target table.
pub fn is_table_line(cells: &[Cell]) -> bool {
    cells.iter().all(|c| !matches!(c, Cell::Other(_)))
}

#[derive(Debug, Clone)]
pub struct Pair {
    pub period: Period,
    pub raw: String,
}

/// A value cell that no label claimed, kept with the pair it follows.
#[derive(Debug, Clone)]
pub struct Extra {
    pub after: Option<usize>,
    pub raw: String,
    /// On a line of its own, after every label line had its values.
    pub own_line: bool,
}

#[derive(Debug, Default)]
pub struct Table {
    pub pairs: Vec<Pair>,
    pub extras: Vec<Extra>,
    /// Labels that never received a value.
    pub unpaired: Vec<Period>,
    /// Repairs and irregularities, in words, for the report.
    pub notes: Vec<String>,
    pub wrapped_joins: usize,
    /// Label lines waiting for their value lines, oldest first.
    pending: VecDeque<Vec<(usize, Period)>>,
    /// Column → index into `pairs` (Ok) or `extras` (Err) of the last value line.
    last_values: Vec<(usize, Result<usize, usize>)>,
}

impl Table {
    pub fn feed(&mut self, cells: &[Cell]) {
        let labels: Vec<(usize, Period)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                if let Cell::Label(p) = c {
                    Some((i, *p))
                } else {
                    None
                }
            })
            .collect();
        let values: Vec<(usize, String)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                if let Cell::Number(s) = c {
                    Some((i, s.clone()))
                } else {
                    None
                }
            })
            .collect();
        match (labels.is_empty(), values.is_empty()) {
            (true, true) => {}
            (false, true) => {
                // Several label lines in a row: their value lines follow in
                // the same order (stacked layout).
                self.pending.push_back(labels);
                self.last_values.clear();
            }
            (true, false) => {
                if let Some(line) = self.pending.pop_front() {
                    self.pair_value_line(line, values);
                } else if self.last_values_incomplete() {
                    self.join_wrapped_line(values);
                } else {
                    self.add_extra_line(values);
                }
            }
            (false, false) => self.pair_mixed_line(cells),
        }
    }

    /// A value of the line above ends in `.`: the exporter wrapped its digits.
    fn last_values_incomplete(&self) -> bool {
        self.last_values.iter().any(|(_, at)| {
            let raw = match at {
                Ok(i) => &self.pairs[*i].raw,
                Err(i) => &self.extras[*i].raw,
            };
            raw.trim_end().ends_with('.')
        })
    }

    /// Values on a line of their own that no label line is waiting for.
    fn add_extra_line(&mut self, values: Vec<(usize, String)>) {
        self.last_values.clear();
        for (col, raw) in values {
            let after = self.pairs.len().checked_sub(1);
            self.extras.push(Extra {
                after,
                raw,
                own_line: true,
            });
            self.last_values.push((col, Err(self.extras.len() - 1)));
        }
    }

    /// Labels from a line above, values in this line, same columns.
    fn pair_value_line(&mut self, labels: Vec<(usize, Period)>, values: Vec<(usize, String)>) {
        self.last_values.clear();
        let last_label_col = labels.iter().map(|(c, _)| *c).max().unwrap_or(0);
        let by_column = values
            .iter()
            .all(|(c, _)| *c > last_label_col || labels.iter().any(|(lc, _)| lc == c));
        if by_column {
            let mut last_pair = None;
            for (col, raw) in values {
                if let Some((_, p)) = labels.iter().find(|(c, _)| *c == col) {
                    self.pairs.push(Pair { period: *p, raw });
                    last_pair = Some(self.pairs.len() - 1);
                    self.last_values.push((col, Ok(self.pairs.len() - 1)));
                } else {
                    self.extras.push(Extra {
                        after: last_pair,
                        raw,
                        own_line: false,
                    });
                    self.last_values.push((col, Err(self.extras.len() - 1)));
                }
            }
            for (col, p) in &labels {
                if !self.last_values.iter().any(|(c, _)| c == col) {
                    self.notes.push(format!(
                        "sin valor para el período que cierra en el mes {}",
                        p.end
                    ));
                    self.unpaired.push(*p);
                }
            }
        } else {
            self.notes.push(format!(
                "{} etiquetas y {} valores en columnas distintas: emparejados por orden",
                labels.len(),
                values.len()
            ));
            let mut values = values.into_iter();
            for (_, p) in &labels {
                match values.next() {
                    Some((col, raw)) => {
                        self.pairs.push(Pair { period: *p, raw });
                        self.last_values.push((col, Ok(self.pairs.len() - 1)));
                    }
                    None => self.unpaired.push(*p),
                }
            }
            for (col, raw) in values {
                let after = self.pairs.len().checked_sub(1);
                self.extras.push(Extra {
                    after,
                    raw,
                    own_line: false,
                });
                self.last_values.push((col, Err(self.extras.len() - 1)));
            }
        }
    }

    /// A line of digits under the previous value line: wrapped continuations.
    fn join_wrapped_line(&mut self, values: Vec<(usize, String)>) {
        for (col, tail) in values {
            match self.last_values.iter().find(|(c, _)| *c == col) {
                Some((_, Ok(i))) => {
                    let joined = number::join_wrapped(&self.pairs[*i].raw, &tail);
                    self.pairs[*i].raw = joined;
                    self.wrapped_joins += 1;
                }
                Some((_, Err(i))) => {
                    let joined = number::join_wrapped(&self.extras[*i].raw, &tail);
                    self.extras[*i].raw = joined;
                    self.wrapped_joins += 1;
                }
                None => self
                    .notes
                    .push(format!("continuación «{tail}» sin valor encima")),
            }
        }
        self.last_values.clear();
    }

    /// `Sep-Dic<TAB>0.95`: each label takes the next number to its right.
    fn pair_mixed_line(&mut self, cells: &[Cell]) {
        if !self.pending.is_empty() {
            self.notes
                .push("línea mixta tras etiquetas sin valores".into());
            let waiting: Vec<Period> = self.pending.drain(..).flatten().map(|(_, p)| p).collect();
            self.unpaired.extend(waiting);
        }
        self.last_values.clear();
        let mut open: Option<Period> = None;
        for (col, cell) in cells.iter().enumerate() {
            match cell {
                Cell::Label(p) => {
                    if let Some(prev) = open.replace(*p) {
                        self.unpaired.push(prev);
                    }
                }
                Cell::Number(raw) => match open.take() {
                    Some(p) => {
                        self.pairs.push(Pair {
                            period: p,
                            raw: raw.clone(),
                        });
                        self.last_values.push((col, Ok(self.pairs.len() - 1)));
                    }
                    None => {
                        let after = self.pairs.len().checked_sub(1);
                        self.extras.push(Extra {
                            after,
                            raw: raw.clone(),
                            own_line: false,
                        });
                    }
                },
                _ => {}
            }
        }
        if let Some(p) = open {
            self.pending.push_back(vec![(cells.len(), p)]);
        }
    }

    /// Ends the table: labels still waiting for values stay unpaired.
    pub fn finish(&mut self) {
        let waiting: Vec<Period> = self.pending.drain(..).flatten().map(|(_, p)| p).collect();
        self.unpaired.extend(waiting);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(
            classify_cell(" Ene-Mar "),
            Cell::Label(Period { start: 1, end: 3 })
        );
        assert_eq!(
            classify_cell("720,839,34 5.72"),
            Cell::Number("720,839,34 5.72".into())
        );
        assert_eq!(classify_cell("---"), Cell::Empty);
        assert_eq!(classify_cell("- Metas Sin Cerrar-"), Cell::Empty);
        assert_eq!(
            classify_cell("Estrategia"),
            Cell::Other("Estrategia".into())
        );
        assert!(!is_table_line(&[Cell::Empty, Cell::Other("x".into())]));
    }

    #[test]
    fn a_value_line_claims_the_oldest_label_line() {
        let mut t = Table::default();
        t.feed(&[classify_cell("Ene-Jun"), classify_cell("Jul-Dic")]);
        t.feed(&[classify_cell("0.5"), classify_cell("1")]);
        t.finish();
        assert_eq!(t.pairs.len(), 2);
        assert_eq!(t.pairs[1].raw, "1");
        assert!(t.unpaired.is_empty() && t.extras.is_empty());
    }
}
