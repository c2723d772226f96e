//! The library's modules depend on each other in one direction: no two
//! top-level modules (`input`, `compute`, `render`…) use each other, nor two
//! modules side by side inside one (`render::xlsx` and `render::rendicion`).
//! Read from the sources: `crate::a::b` and `super::x` paths, grouped
//! imports expanded; test modules left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The module path of a source file (`src/render/xlsx/mod.rs` → `render::xlsx`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The paths a file names, `crate::…` and `super::…`, grouped imports expanded.
fn paths(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(i) = rest.find(start) {
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| {
                    !(c.is_alphanumeric()
                        || c == '_'
                        || c == ':'
                        || c == '{'
                        || c == '}'
                        || c == ','
                        || c == ' '
                        || c == '\n')
                })
                .unwrap_or(tail.len());
            let path = &tail[..end];
            match path.find('{') {
                Some(b) => {
                    let prefix = &path[..b];
                    let inner = path[b + 1..].split('}').next().unwrap_or("");
                    for item in inner.split(',') {
                        let item = item.trim();
                        if !item.is_empty() {
                            out.push(format!("{prefix}{item}"));
                        }
                    }
                }
                None => out.push(path.split_whitespace().next().unwrap_or("").to_string()),
            }
            rest = &rest[i + start.len()..];
        }
    }
    out
}

fn has_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(c) = visit(n, edges, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

/// Every `.rs` file under `src/`.
fn source_files(src: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files
}

/// The kinds `[avisos] conocidos` accepts are every kind the program
/// writes: each `Warning::new("…"` of the source is in the list.
#[test]
fn every_warning_kind_can_be_acknowledged() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut seen = 0;
    for f in source_files(&src) {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices("Warning::new(") {
            let rest = text[i + "Warning::new(".len()..].trim_start();
            let Some(lit) = rest.strip_prefix('"') else {
                continue;
            };
            let kind = &lit[..lit.find('"').unwrap()];
            assert!(
                lotaip::error::TIPOS_DE_AVISO.contains(&kind),
                "«{kind}» ({}) is not in TIPOS_DE_AVISO",
                f.display()
            );
            seen += 1;
        }
    }
    assert!(seen > 10, "only {seen} warnings found");
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = source_files(&src);
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .map(|f| module_of(f.strip_prefix(&src).unwrap()))
        .collect();
    let known = |m: &[String]| modules.iter().any(|k| k.as_slice() == m);
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut inner: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let m = module_of(f.strip_prefix(&src).unwrap());
        if matches!(
            m.first().map(String::as_str),
            None | Some("main" | "lib" | "cli" | "cmd")
        ) {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        let parent: Vec<String> = m[..m.len() - 1].to_vec();
        for p in paths(&text) {
            let mut parts: Vec<String> = p
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let target: Vec<String> = match parts.first().map(String::as_str) {
                Some("crate") => parts.split_off(1),
                Some("super") => {
                    let mut t = parent.clone();
                    t.extend(parts.split_off(1));
                    t
                }
                _ => continue,
            };
            // The longest prefix that is a module.
            let target: Vec<String> = (1..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|t| known(t))
                .unwrap_or_default();
            if target.is_empty() {
                continue;
            }
            if target[0] != m[0] {
                top.entry(m[0].clone())
                    .or_default()
                    .insert(target[0].clone());
            } else if m.len() >= 2 && target.len() >= 2 && target[1] != m[1] {
                inner
                    .entry(format!("{}::{}", m[0], m[1]))
                    .or_default()
                    .insert(format!("{}::{}", target[0], target[1]));
            }
        }
    }
    assert!(top.len() > 5 && !inner.is_empty(), "{top:?}");
    assert_eq!(has_cycle(&top), None, "{top:#?}");
    assert_eq!(has_cycle(&inner), None, "{inner:#?}");
}
