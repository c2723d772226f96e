//! Column widths of a table from its content: the automatic table layout of
//! browsers (CSS 2.1 §17.5.2.2), with the "guesses" of CSS Tables 3 to mix
//! columns that have a width with those that have none.
//!
//! Each column has a minimum (its widest word: no word is split while the
//! minimums fit) and a maximum (its text unwrapped). A `<col>` width is
//! honoured as browsers do: a percentage of the table or a length, but
//! never less than the column's minimum. The table always spans the body.

use super::dom::ColWidth;

/// What one cell asks of the columns it spans, padding included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CellWidths {
    pub col: usize,
    pub colspan: usize,
    /// Widest piece that cannot be broken without a hyphen.
    pub min: f32,
    /// Widest line with only the forced breaks.
    pub max: f32,
}

/// Widths of `n` columns adding up to `total`. `floor` is the least width of
/// a column (the padding of an empty cell).
pub(crate) fn column_widths(
    spec: &[ColWidth],
    cells: &[CellWidths],
    n: usize,
    total: f32,
    floor: f32,
) -> Vec<f32> {
    if n == 0 {
        return Vec::new();
    }
    let (min, max) = content_widths(cells, n, floor);
    let kind = |i: usize| spec.get(i).copied().unwrap_or(ColWidth::Auto);
    // The guesses, each wider than the one before: every column at its
    // minimum; percentages honoured; lengths honoured; auto columns at their
    // maximum.
    let pct: Vec<f32> = (0..n)
        .map(|i| match kind(i) {
            ColWidth::Percent(p) => min[i].max(total * p / 100.0),
            _ => min[i],
        })
        .collect();
    let fixed: Vec<f32> = (0..n)
        .map(|i| match kind(i) {
            ColWidth::Fixed(v) => min[i].max(v),
            _ => pct[i],
        })
        .collect();
    let widest: Vec<f32> = (0..n)
        .map(|i| match kind(i) {
            ColWidth::Auto => max[i],
            _ => fixed[i],
        })
        .collect();
    let guesses = [&min, &pct, &fixed, &widest];
    let sums: Vec<f32> = guesses.iter().map(|g| g.iter().sum()).collect();
    if total <= sums[0] {
        return squeeze(&min, total);
    }
    for k in 1..guesses.len() {
        if total <= sums[k] {
            // Between two guesses, each column moves from the narrower guess
            // towards the wider one by the same fraction: from all-minimum,
            // the room left goes in proportion to (max − min).
            let t = (total - sums[k - 1]) / (sums[k] - sums[k - 1]);
            return (0..n)
                .map(|i| guesses[k - 1][i] + t * (guesses[k][i] - guesses[k - 1][i]))
                .collect();
        }
    }
    // Everything fits at its widest: the rest goes to the auto columns in
    // proportion to their maximum, else to the columns with a length, else
    // to the percentages.
    let extra = total - sums[3];
    let group =
        |f: fn(ColWidth) -> bool| -> Vec<usize> { (0..n).filter(|&i| f(kind(i))).collect() };
    let mut takers = group(|k| k == ColWidth::Auto);
    if takers.is_empty() {
        takers = group(|k| matches!(k, ColWidth::Fixed(_)));
    }
    if takers.is_empty() {
        takers = (0..n).collect();
    }
    let mut w = widest.clone();
    spread(&mut w, &takers, &widest, extra);
    w
}

/// Minimum and maximum of each column: its single-column cells first, then
/// the spanning cells, narrowest span first, widen the columns they cover.
fn content_widths(cells: &[CellWidths], n: usize, floor: f32) -> (Vec<f32>, Vec<f32>) {
    let mut min = vec![floor; n];
    let mut max = vec![floor; n];
    for c in cells.iter().filter(|c| c.colspan == 1 && c.col < n) {
        min[c.col] = min[c.col].max(c.min);
        max[c.col] = max[c.col].max(c.max);
    }
    let mut spanning: Vec<&CellWidths> = cells
        .iter()
        .filter(|c| c.colspan > 1 && c.col < n)
        .collect();
    spanning.sort_by_key(|c| c.colspan);
    for c in spanning {
        let cols: Vec<usize> = (c.col..(c.col + c.colspan).min(n)).collect();
        let weights = max.clone();
        let have: f32 = cols.iter().map(|&i| min[i]).sum();
        spread(&mut min, &cols, &weights, c.min - have);
        let have: f32 = cols.iter().map(|&i| max[i]).sum();
        spread(&mut max, &cols, &weights, c.max - have);
    }
    for i in 0..n {
        max[i] = max[i].max(min[i]);
    }
    (min, max)
}

/// Adds `extra` (if positive) to the columns `cols` of `w` in proportion to
/// `weights`, or in equal parts when they weigh nothing.
fn spread(w: &mut [f32], cols: &[usize], weights: &[f32], extra: f32) {
    if extra <= 0.0 || cols.is_empty() {
        return;
    }
    let sum: f32 = cols.iter().map(|&i| weights[i]).sum();
    for &i in cols {
        w[i] += if sum > 0.0 {
            extra * weights[i] / sum
        } else {
            extra / cols.len() as f32
        };
    }
}

/// When even the minimums do not fit, words must break: the narrow columns
/// keep their minimum and the widest ones are cut to one common width, so
/// that words are split in as few columns as possible.
fn squeeze(min: &[f32], total: f32) -> Vec<f32> {
    let mut sorted = min.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut left = total;
    let mut cap = f32::INFINITY;
    for (k, &v) in sorted.iter().enumerate() {
        let rest = (sorted.len() - k) as f32;
        if v * rest > left {
            cap = left / rest;
            break;
        }
        left -= v;
    }
    min.iter().map(|&v| v.min(cap)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, min: f32, max: f32) -> CellWidths {
        CellWidths {
            col,
            colspan: 1,
            min,
            max,
        }
    }

    fn close(a: &[f32], b: &[f32]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
    }

    #[test]
    fn columns_that_fit_unwrapped_share_the_rest_in_proportion_to_their_text() {
        let w = column_widths(
            &[],
            &[cell(0, 10.0, 20.0), cell(1, 10.0, 60.0)],
            2,
            160.0,
            4.0,
        );
        assert!(close(&w, &[40.0, 120.0]), "{w:?}");
    }

    #[test]
    fn without_room_for_the_text_unwrapped_each_column_gets_its_widest_word_and_a_share_of_the_rest()
     {
        // Room left over the minimums: 100 − 60 = 40, split 10 : 30 by (max − min).
        let w = column_widths(
            &[],
            &[cell(0, 30.0, 40.0), cell(1, 30.0, 60.0)],
            2,
            100.0,
            4.0,
        );
        assert!(close(&w, &[40.0, 60.0]), "{w:?}");
    }

    #[test]
    fn a_percentage_is_honoured_but_never_below_the_widest_word() {
        let spec = [ColWidth::Percent(10.0), ColWidth::Percent(90.0)];
        let w = column_widths(
            &spec,
            &[cell(0, 5.0, 8.0), cell(1, 5.0, 8.0)],
            2,
            200.0,
            4.0,
        );
        assert!(close(&w, &[20.0, 180.0]), "{w:?}");
        let w = column_widths(
            &spec,
            &[cell(0, 50.0, 60.0), cell(1, 5.0, 8.0)],
            2,
            200.0,
            4.0,
        );
        assert!(
            w[0] >= 50.0 - 0.01 && (w[0] + w[1] - 200.0).abs() < 0.01,
            "{w:?}"
        );
        let w = column_widths(
            &[ColWidth::Fixed(30.0), ColWidth::Auto],
            &[cell(0, 5.0, 8.0), cell(1, 5.0, 8.0)],
            2,
            200.0,
            4.0,
        );
        assert!(close(&w, &[30.0, 170.0]), "{w:?}");
    }

    #[test]
    fn a_spanning_cell_widens_the_columns_it_covers() {
        let spanning = CellWidths {
            col: 0,
            colspan: 2,
            min: 100.0,
            max: 300.0,
        };
        let w = column_widths(
            &[],
            &[
                cell(0, 10.0, 10.0),
                cell(1, 10.0, 30.0),
                spanning,
                cell(2, 10.0, 10.0),
            ],
            3,
            200.0,
            4.0,
        );
        assert!(w[0] + w[1] >= 100.0, "{w:?}");
        assert!(w[1] > w[0], "the column with more text takes more: {w:?}");
    }

    #[test]
    fn when_the_widest_words_do_not_fit_only_the_widest_columns_are_cut() {
        let w = column_widths(
            &[],
            &[
                cell(0, 20.0, 20.0),
                cell(1, 100.0, 100.0),
                cell(2, 80.0, 90.0),
            ],
            3,
            120.0,
            4.0,
        );
        assert!(close(&w, &[20.0, 50.0, 50.0]), "{w:?}");
    }
}
