//! The printed page of a sheet laid out by `print_setup`, and the manual page
//! breaks that keep a block of rows (a unit with its objectives) on one page.
//!
//! A spreadsheet cuts pages by itself wherever the rows run out of paper, so
//! a unit merged over many rows loses its name and number on the next page.
//! The breaks are computed here instead, from the row heights the workbook
//! sets and the geometry of Excel's default font (Calibri 11: a column `w`
//! characters wide is 7·w + 5 pixels). A program that measures columns with a
//! wider font (LibreOffice without Calibri or Carlito) fits the width at a
//! smaller zoom, so its pages hold more rows, never fewer: a page counted
//! here is never cut again by the spreadsheet.

/// A4 landscape, in points.
const PAPER: (f64, f64) = (841.89, 595.28);

/// Left and right margins of `print_setup`, in inches.
pub(crate) const MARGIN_SIDE: f64 = 0.25;
/// Top and bottom margins, in inches; the page footer sits inside the bottom one.
pub(crate) const MARGIN_TOP: f64 = 0.5;
/// Distance of the page footer from the paper's edge, in inches.
pub(crate) const MARGIN_FOOTER: f64 = 0.3;

/// Share of a page's height that is filled: room for the rounding of row
/// heights to the units each program keeps.
const FILL: f64 = 0.98;

/// Excel's limit of manual page breaks in one sheet.
const MAX_BREAKS: usize = 1023;

/// Width in points at 100 % of a column `width` characters wide.
pub(crate) fn column_points(width: f64) -> f64 {
    (width * 7.0 + 5.0) * 0.75
}

/// The zoom that «fit to one page wide» gives a sheet whose printed columns
/// have these widths (never above 100 %).
pub(crate) fn fit_zoom(widths: &[f64]) -> f64 {
    let sheet: f64 = widths.iter().map(|w| column_points(*w)).sum();
    let page = PAPER.0 - 2.0 * MARGIN_SIDE * 72.0;
    if sheet <= page { 1.0 } else { page / sheet }
}

/// Points of sheet rows one printed page holds, besides the `repeated` points
/// of the rows printed on every page.
pub(crate) fn body_height(widths: &[f64], repeated: f64) -> f64 {
    let page = PAPER.1 - 2.0 * MARGIN_TOP * 72.0;
    (page / fit_zoom(widths) * FILL - repeated).max(0.0)
}

/// Rows `first..=last` that start a page together when they fit on one;
/// `cuts` are the rows inside where the block is best cut when it is taller
/// than a page (the first row of each objective after the first).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Block {
    pub first: u32,
    pub last: u32,
    pub cuts: Vec<u32>,
}

/// The rows that start a new page, for blocks laid end to end from the first
/// row below the repeated ones, `height(row)` in points and `page` points of
/// rows per page (see [`body_height`]). A block that fits on a page is never
/// cut; a taller one is cut at its `cuts` first and between rows only where
/// a piece between two cuts is itself taller than a page.
pub(crate) fn page_breaks(blocks: &[Block], height: impl Fn(u32) -> f64, page: f64) -> Vec<u32> {
    let mut p = Pager {
        page,
        used: 0.0,
        breaks: Vec::new(),
    };
    let sum = |a: u32, b: u32| (a..=b).map(&height).sum::<f64>();
    for b in blocks {
        if p.place(b.first, sum(b.first, b.last)) {
            continue;
        }
        let mut starts = vec![b.first];
        starts.extend(
            b.cuts
                .iter()
                .copied()
                .filter(|c| *c > b.first && *c <= b.last),
        );
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).map_or(b.last, |n| n - 1);
            if p.place(s, sum(s, e)) {
                continue;
            }
            for r in s..=e {
                if !p.place(r, height(r)) {
                    // A single row taller than a page: the spreadsheet prints
                    // what fits; the next row starts a page of its own.
                    p.start(r);
                    p.used = p.page;
                }
            }
        }
    }
    p.breaks.truncate(MAX_BREAKS);
    p.breaks
}

struct Pager {
    page: f64,
    used: f64,
    breaks: Vec<u32>,
}

impl Pager {
    /// Puts a piece starting at `row` on this page or, when it does not fit
    /// there but fits on an empty one, on the next; false when it is taller
    /// than a page.
    fn place(&mut self, row: u32, h: f64) -> bool {
        if self.used + h <= self.page {
            self.used += h;
            true
        } else if h <= self.page {
            self.start(row);
            self.used = h;
            true
        } else {
            false
        }
    }

    /// Starts a new page at `row` (unless the current one is still empty).
    fn start(&mut self, row: u32) {
        if self.used > 0.0 {
            self.breaks.push(row);
        }
        self.used = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(first: u32, last: u32, cuts: &[u32]) -> Block {
        Block {
            first,
            last,
            cuts: cuts.to_vec(),
        }
    }

    #[test]
    fn a_block_that_does_not_fit_the_rest_of_a_page_starts_the_next() {
        // Rows 3.. are 10 points each; 100 points a page.
        let blocks = [block(3, 8, &[]), block(9, 12, &[]), block(13, 15, &[])];
        // 60 + 40 fill the first page exactly; 30 start the second.
        assert_eq!(page_breaks(&blocks, |_| 10.0, 100.0), vec![13]);
        let blocks = [block(3, 8, &[]), block(9, 13, &[]), block(14, 15, &[])];
        // 60 + 50 do not fit: the second block starts page 2, the third follows it.
        assert_eq!(page_breaks(&blocks, |_| 10.0, 100.0), vec![9]);
    }

    #[test]
    fn a_block_taller_than_a_page_is_cut_between_its_objectives() {
        // A 150-point unit with objectives starting at rows 5, 9 and 12.
        let blocks = [block(0, 1, &[]), block(2, 16, &[5, 9, 12])];
        let breaks = page_breaks(&blocks, |_| 10.0, 100.0);
        // Page 1: rows 0–1 and the objectives 2–4, 5–8 (90 points); page 2: 9–16.
        assert_eq!(breaks, vec![9]);
        // An objective taller than a page is cut between rows.
        let blocks = [block(0, 24, &[])];
        assert_eq!(page_breaks(&blocks, |_| 10.0, 100.0), vec![10, 20]);
    }

    #[test]
    fn no_break_falls_inside_a_block_that_fits_on_a_page() {
        let heights = |r: u32| 13.0 + f64::from(r % 7) * 11.0;
        let mut blocks = Vec::new();
        let mut r = 3;
        for n in 0..200u32 {
            let len = 1 + (n * 37 % 11);
            blocks.push(block(r, r + len - 1, &[]));
            r += len;
        }
        let page = 480.0;
        let breaks = page_breaks(&blocks, heights, page);
        assert!(breaks.len() > 20, "{breaks:?}");
        for b in &blocks {
            let h: f64 = (b.first..=b.last).map(heights).sum();
            if h <= page {
                assert!(!breaks.iter().any(|&x| x > b.first && x <= b.last), "{b:?}");
            }
        }
        // And every page holds at most a page.
        let mut starts = vec![3];
        starts.extend(&breaks);
        starts.push(r);
        for w in starts.windows(2) {
            let h: f64 = (w[0]..w[1]).map(heights).sum();
            assert!(h <= page, "{w:?}: {h}");
        }
    }

    #[test]
    fn a_sheet_gets_no_more_breaks_than_excel_takes() {
        // 3.000 one-page units: the breaks past Excel's 1.023 are left to the
        // spreadsheet rather than refused.
        let blocks: Vec<Block> = (0..3000).map(|k| block(k * 2, k * 2 + 1, &[])).collect();
        let breaks = page_breaks(&blocks, |_| 40.0, 100.0);
        assert_eq!(breaks.len(), MAX_BREAKS);
        assert_eq!(breaks[..2], [2, 4]);
    }

    #[test]
    fn the_zoom_fits_the_columns_to_the_paper() {
        // The matrix: 158 characters of columns are 848,25 points at 100 %.
        let z = fit_zoom(&[6.0, 30.0, 42.0, 58.0, 22.0]);
        assert!((z - 805.89 / 848.25).abs() < 1e-9, "{z}");
        assert_eq!(fit_zoom(&[10.0, 10.0]), 1.0);
        // A4 landscape less 1 inch of margins, at that zoom, less the titles.
        let h = body_height(&[6.0, 30.0, 42.0, 58.0, 22.0], 60.0);
        assert!((h - (523.28 / z * 0.98 - 60.0)).abs() < 1e-9, "{h}");
    }
}
