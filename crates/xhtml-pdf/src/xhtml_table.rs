//! Reading of `<table>` and of `<figure class="grafico">` (a chart whose data is a
//! table, so that a browser shows the numbers).

use super::dom::{Cell, Chart, ChartPoint, ColWidth, Row, Table, mm};
use super::error::{PdfError, Reason};
use super::reader::{self, Attrs, Node};
use super::xhtml::Parser;

/// Reads a table whose start tag has just been read.
pub(super) fn table(p: &mut Parser<'_>, attrs: &Attrs, line: usize) -> Result<Table, PdfError> {
    let mut t = Table {
        caption: Vec::new(),
        cols: Vec::new(),
        head: Vec::new(),
        body: Vec::new(),
        bookmark: attrs.get("data-marcador").map(|s| s.trim().to_string()),
    };
    let mut foot = Vec::new();
    loop {
        match p.r.next_node()? {
            Node::Start(name, a) => match name.as_str() {
                "caption" => t.caption = p.inline("caption", true)?,
                "colgroup" => colgroup(p, &mut t.cols)?,
                "col" => {
                    let l = p.r.line();
                    t.cols.push(col_width(&a, l)?);
                    p.r.skip("col")?;
                }
                "thead" => rows(p, "thead", &mut t.head)?,
                "tbody" => rows(p, "tbody", &mut t.body)?,
                "tfoot" => rows(p, "tfoot", &mut foot)?,
                "tr" => {
                    let row = row(p, &a)?;
                    t.body.push(row);
                }
                _ => {
                    let l = p.r.line();
                    return Err(PdfError::invalid(
                        l,
                        &name,
                        Reason::NotAllowed {
                            within: "<table>".into(),
                            allowed: "<caption>, <colgroup>, <thead>, <tbody>, <tfoot>, <tr>"
                                .into(),
                        },
                    ));
                }
            },
            Node::End(name) if name == "table" => break,
            Node::End(_) => {}
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Text(_) => {
                let l = p.r.line();
                return Err(PdfError::invalid(
                    l,
                    "table",
                    Reason::TextOutside("a cell".into()),
                ));
            }
            Node::Eof => return Err(PdfError::invalid(line, "table", Reason::NotClosed)),
        }
    }
    t.body.extend(foot);
    Ok(t)
}

fn colgroup(p: &mut Parser<'_>, cols: &mut Vec<ColWidth>) -> Result<(), PdfError> {
    loop {
        match p.r.next_node()? {
            Node::Start(name, a) if name == "col" => {
                let l = p.r.line();
                let w = col_width(&a, l)?;
                let span = a
                    .get("span")
                    .and_then(|s| s.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                for _ in 0..span.max(1) {
                    cols.push(w);
                }
                p.r.skip("col")?;
            }
            Node::Start(name, _) => {
                let l = p.r.line();
                return Err(PdfError::invalid(
                    l,
                    &name,
                    Reason::NotAllowed {
                        within: "<colgroup>".into(),
                        allowed: "<col>".into(),
                    },
                ));
            }
            Node::End(_) | Node::Eof => return Ok(()),
            Node::Text(_) => {}
        }
    }
}

/// `style="width: 12%"`, `style="width: 30mm"` or `width="12%"`.
fn col_width(a: &Attrs, line: usize) -> Result<ColWidth, PdfError> {
    let from_style = a.get("style").and_then(|style| {
        style.split(';').find_map(|decl| {
            let (k, v) = decl.split_once(':')?;
            (k.trim().eq_ignore_ascii_case("width")).then(|| v.trim().to_string())
        })
    });
    let Some(v) = from_style.or_else(|| a.get("width").map(str::to_string)) else {
        return Ok(ColWidth::Auto);
    };
    let bad = || {
        PdfError::invalid(
            line,
            "col",
            Reason::BadValue {
                what: "width".into(),
                value: v.to_string(),
                expected: "a percentage or mm".into(),
            },
        )
    };
    if let Some(pct) = v.strip_suffix('%') {
        let n: f32 = pct.trim().parse().map_err(|_| bad())?;
        if !(n > 0.0 && n <= 100.0) {
            return Err(bad());
        }
        return Ok(ColWidth::Percent(n));
    }
    if v.trim() == "auto" {
        return Ok(ColWidth::Auto);
    }
    let has_unit = v.ends_with("mm") || v.ends_with("cm") || v.ends_with("pt");
    match reader::parse_length(&v) {
        Some(w) if has_unit && w > 0.0 => Ok(ColWidth::Fixed(w)),
        _ => Err(bad()),
    }
}

fn rows(p: &mut Parser<'_>, end: &str, out: &mut Vec<Row>) -> Result<(), PdfError> {
    loop {
        match p.r.next_node()? {
            Node::Start(name, a) if name == "tr" => out.push(row(p, &a)?),
            Node::Start(name, _) => {
                let l = p.r.line();
                return Err(PdfError::invalid(
                    l,
                    &name,
                    Reason::NotAllowed {
                        within: format!("<{end}>"),
                        allowed: "<tr>".into(),
                    },
                ));
            }
            Node::End(_) | Node::Eof => return Ok(()),
            Node::Text(_) => {}
        }
    }
}

fn row(p: &mut Parser<'_>, attrs: &Attrs) -> Result<Row, PdfError> {
    let line = p.r.line();
    let row_class = p.style.resolve(attrs.get("class").unwrap_or(""));
    let mut cells = Vec::new();
    loop {
        match p.r.next_node()? {
            Node::Start(name, a) if name == "td" || name == "th" => {
                let l = p.r.line();
                let span = |attr: &str| -> Result<u16, PdfError> {
                    match a.get(attr) {
                        None => Ok(1),
                        Some(v) => match v.trim().parse::<u16>() {
                            Ok(n) if n >= 1 => Ok(n),
                            _ => Err(PdfError::invalid(
                                l,
                                &name,
                                Reason::BadValue {
                                    what: attr.to_string(),
                                    value: v.to_string(),
                                    expected: "a whole number from 1".into(),
                                },
                            )),
                        },
                    }
                };
                let colspan = span("colspan")?;
                let rowspan = span("rowspan")?;
                let header = name == "th";
                let scope = match a.get("scope") {
                    None => None,
                    Some(v) => Some(crate::tags::Scope::from_html(v).ok_or_else(|| {
                        PdfError::invalid(
                            l,
                            &name,
                            Reason::BadValue {
                                what: "scope".into(),
                                value: v.to_string(),
                                expected: "col, row, colgroup or rowgroup".into(),
                            },
                        )
                    })?),
                };
                let class = row_class.then(&p.style.resolve(a.get("class").unwrap_or("")));
                let spans = p.inline(&name, header)?;
                cells.push(Cell {
                    spans,
                    colspan,
                    rowspan,
                    header,
                    scope,
                    class,
                });
            }
            Node::Start(name, _) => {
                let l = p.r.line();
                return Err(PdfError::invalid(
                    l,
                    &name,
                    Reason::NotAllowed {
                        within: "<tr>".into(),
                        allowed: "<td>, <th>".into(),
                    },
                ));
            }
            Node::End(_) | Node::Eof => break,
            Node::Text(_) => {}
        }
    }
    Ok(Row { cells, line })
}

/// Reads `<figure class="grafico">` whose start tag has just been read.
pub(super) fn chart(p: &mut Parser<'_>, attrs: &Attrs, line: usize) -> Result<Chart, PdfError> {
    let bad = |what: &str, v: &str, expected: &str| {
        PdfError::invalid(
            line,
            "figure",
            Reason::BadValue {
                what: what.to_string(),
                value: v.to_string(),
                expected: expected.to_string(),
            },
        )
    };
    if let Some(kind) = attrs.get("data-tipo").filter(|k| k.trim() != "barras") {
        return Err(bad("data-tipo", kind, "\"barras\""));
    }
    let number = |name: &str| -> Result<Option<f64>, PdfError> {
        attrs
            .get(name)
            .map(|v| reader::parse_number(v).ok_or_else(|| bad(name, v, "a number")))
            .transpose()
    };
    let height = match attrs.get("data-alto") {
        Some(v) => reader::parse_length(v)
            .filter(|h| *h >= mm(20.0))
            .ok_or_else(|| bad("data-alto", v, "a length of at least 20mm"))?,
        None => mm(60.0),
    };
    let mut chart = Chart {
        caption: Vec::new(),
        height,
        max: number("data-max")?.filter(|m| *m > 0.0),
        threshold: number("data-umbral")?,
        threshold_label: attrs
            .get("data-umbral-etiqueta")
            .map(|s| s.trim().to_string()),
        bar_name: String::new(),
        line_name: None,
        points: Vec::new(),
        bookmark: attrs.get("data-marcador").map(|s| s.trim().to_string()),
        palette: p.style.bar_colours(),
        alt: String::new(),
        threshold_word: p.style.threshold_word.clone(),
    };
    let mut data = None;
    loop {
        match p.r.next_node()? {
            Node::Start(name, a) => match name.as_str() {
                "figcaption" => chart.caption = p.inline("figcaption", true)?,
                "table" => {
                    let l = p.r.line();
                    data = Some(table(p, &a, l)?);
                }
                _ => {
                    let l = p.r.line();
                    return Err(PdfError::invalid(
                        l,
                        &name,
                        Reason::NotAllowed {
                            within: "a chart <figure>".into(),
                            allowed: "<figcaption>, <table>".into(),
                        },
                    ));
                }
            },
            Node::End(name) if name == "figure" => break,
            Node::End(_) | Node::Text(_) => {}
            Node::Eof => return Err(PdfError::invalid(line, "figure", Reason::NotClosed)),
        }
    }
    let data = data.ok_or_else(|| {
        PdfError::invalid(
            line,
            "figure",
            Reason::ChartData("chart without a data <table>".into()),
        )
    })?;
    if let Some(names) = data.head.last() {
        let name = |i: usize| names.cells.get(i).map(|c| reader::plain_text(&c.spans));
        chart.bar_name = name(1).unwrap_or_default();
        chart.line_name = name(2);
    }
    for row in &data.body {
        let text = |i: usize| {
            row.cells
                .get(i)
                .map(|c| reader::plain_text(&c.spans))
                .unwrap_or_default()
        };
        if row.cells.len() < 2 {
            return Err(PdfError::invalid(
                row.line,
                "tr",
                Reason::ChartData("a chart row needs a label and a value".into()),
            ));
        }
        let v = text(1);
        let value = if v.trim().is_empty() {
            None
        } else {
            Some(reader::parse_number(&v).ok_or_else(|| {
                PdfError::invalid(
                    row.line,
                    "td",
                    Reason::BadValue {
                        what: "chart value".into(),
                        value: v.clone(),
                        expected: "a number".into(),
                    },
                )
            })?)
        };
        let line_value = match row.cells.get(2) {
            Some(_) if !text(2).trim().is_empty() => {
                let t = text(2);
                Some(reader::parse_number(&t).ok_or_else(|| {
                    PdfError::invalid(
                        row.line,
                        "td",
                        Reason::BadValue {
                            what: "chart value".into(),
                            value: t.clone(),
                            expected: "a number".into(),
                        },
                    )
                })?)
            }
            _ => None,
        };
        chart.points.push(ChartPoint {
            label: text(0),
            value,
            value_label: written_number(&v),
            line_value,
            bar: row.cells[1].class.bar.or(row.cells[0].class.bar),
        });
    }
    if chart.line_name.is_some() && chart.points.iter().all(|pt| pt.line_value.is_none()) {
        chart.line_name = None;
    }
    chart.alt = match attrs.get("data-alt").map(str::trim) {
        Some(a) if !a.is_empty() => a.to_string(),
        _ => alt_from_data(&data),
    };
    Ok(chart)
}

/// The figures of a chart in words, for a template that gives no
/// `data-alt`: each data column's name followed by its labelled values
/// («Provincia (%): enero 85,5; febrero 90»), the columns separated by a
/// full stop.
fn alt_from_data(data: &Table) -> String {
    let names = data.head.last();
    let columns = data.body.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut parts = Vec::new();
    for col in 1..columns {
        let values: Vec<String> = data
            .body
            .iter()
            .filter_map(|r| {
                let label = r.cells.first().map(|c| reader::plain_text(&c.spans))?;
                let v = r.cells.get(col).map(|c| reader::plain_text(&c.spans))?;
                (!v.trim().is_empty()).then(|| format!("{} {}", label.trim(), written_number(&v)))
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        let name = names
            .and_then(|n| n.cells.get(col))
            .map(|c| reader::plain_text(&c.spans))
            .unwrap_or_default();
        let name = name.trim();
        let list = values.join("; ");
        parts.push(if name.is_empty() {
            list
        } else {
            format!("{name}: {list}")
        });
    }
    parts.join(". ")
}

/// The label of a bar: the value as the template wrote it, so the template
/// decides the decimals ("86.70" stays "86,70"), with a decimal comma.
fn written_number(v: &str) -> String {
    reader::number_text(v).replace('.', ",")
}

/// Formats a number the Spanish way: decimal comma, at most two decimals, no
/// trailing zeros ("91,5", "100", "107,06").
pub(crate) fn format_number(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" { "0" } else { s };
    s.replace('.', ",")
}
