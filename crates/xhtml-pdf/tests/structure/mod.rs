//! The logical structure of the written PDF (tagged PDF), read back with
//! lopdf: the elements in reading order, what repeats on later pages left
//! out of them, and the page content marked accordingly.

use lopdf::{Dictionary, Document, Object, content::Content};

use super::render_xhtml;

/// An element of the tree: type, depth, its `/Alt`, its table scope.
#[derive(Debug)]
struct Element {
    role: String,
    depth: usize,
    alt: Option<String>,
    scope: Option<String>,
}

fn text(o: &Object) -> String {
    let b = o.as_str().expect("a string");
    match b.strip_prefix(&[0xfe, 0xff][..]) {
        Some(u) => {
            let units: Vec<u16> = u
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(b).into_owned(),
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(r) => doc.get_dictionary(*r).expect("an element"),
        other => other.as_dict().expect("a dictionary"),
    }
}

/// The structure tree in reading order.
fn tree(doc: &Document) -> Vec<Element> {
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"StructTreeRoot"))
        .map(|r| dict(doc, r))
        .expect("a structure tree");
    let mut out = Vec::new();
    let mut stack = vec![(root.get(b"K").expect("a root element").clone(), 0)];
    while let Some((o, depth)) = stack.pop() {
        let d = dict(doc, &o);
        if d.get(b"S").is_err() {
            continue; // a marked-content or object reference
        }
        let role = String::from_utf8_lossy(d.get(b"S").and_then(Object::as_name).expect("/S"))
            .into_owned();
        let scope = d
            .get(b"A")
            .and_then(Object::as_dict)
            .and_then(|a| a.get(b"Scope"))
            .and_then(Object::as_name)
            .ok()
            .map(|s| String::from_utf8_lossy(s).into_owned());
        out.push(Element {
            role,
            depth,
            alt: d.get(b"Alt").ok().map(text),
            scope,
        });
        // One kid is written by itself, several as an array.
        let kids = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => Vec::new(),
        };
        for k in kids.iter().rev() {
            if matches!(k, Object::Reference(_)) {
                stack.push((k.clone(), depth + 1));
            }
        }
    }
    out
}

/// The tags of the marked content of each page, in order (`Artifact` for
/// artifacts).
fn marks(doc: &Document) -> Vec<Vec<String>> {
    doc.get_pages()
        .values()
        .map(|&id| {
            let bytes = doc.get_page_content(id);
            let content = Content::decode(&bytes).expect("content decodes");
            content
                .operations
                .iter()
                .filter(|op| op.operator == "BDC" || op.operator == "BMC")
                .map(|op| {
                    String::from_utf8_lossy(op.operands[0].as_name().expect("a tag")).into_owned()
                })
                .collect()
        })
        .collect()
}

fn roles(t: &[Element], role: &str) -> usize {
    t.iter().filter(|e| e.role == role).count()
}

fn long_table(rows: usize) -> String {
    let body: String = (1..=rows)
        .map(|i| format!("<tr><td>Unidad {i}</td><td class=\"num\">{i}</td></tr>"))
        .collect();
    format!(
        "<table><caption>Tabla larga</caption><thead><tr><th>Unidad</th><th scope=\"col\">Valor</th></tr></thead><tbody>{body}</tbody></table>"
    )
}

#[test]
fn headings_paragraphs_links_and_table_cells_are_elements_in_reading_order() {
    let xhtml = format!(
        "<html lang=\"es-EC\"><body><header>Cabecera<span class=\"right\">Página {{pagina}}</span></header><h1>Informe</h1><p>Ver <a href=\"https://www.iess.gob.ec/\">el portal</a> del IESS.</p>{}<h2>Cierre</h2><p>Fin.</p></body></html>",
        long_table(150)
    );
    let pdf = render_xhtml(&xhtml).expect("renders");
    let doc = Document::load_mem(&pdf).expect("reads back");
    let t = tree(&doc);
    let order: Vec<&str> = t
        .iter()
        .filter(|e| e.depth == 1)
        .map(|e| e.role.as_str())
        .collect();
    assert_eq!(t[0].role, "Document");
    assert_eq!(order, ["H1", "P", "Table", "H2", "P"]);
    let pages = doc.get_pages().len();
    assert!(pages >= 3, "the table spans pages: {pages}");
    // The header row is drawn on every page but is two TH elements once.
    assert_eq!(roles(&t, "TH"), 2);
    assert_eq!(roles(&t, "TD"), 300);
    assert_eq!(roles(&t, "TR"), 151);
    assert_eq!(roles(&t, "Caption"), 1);
    assert_eq!(roles(&t, "Link"), 1);
    assert!(
        t.iter()
            .filter(|e| e.role == "TH")
            .all(|e| e.scope.as_deref() == Some("Column"))
    );
    let m = marks(&doc);
    assert!(m[0].iter().any(|tag| tag == "TH"));
    for (n, page) in m.iter().enumerate().skip(1) {
        assert!(
            !page.iter().any(|tag| tag == "TH"),
            "page {}: {page:?}",
            n + 1
        );
        assert!(page.iter().any(|tag| tag == "Artifact"), "page {}", n + 1);
    }
    // Every marked sequence but the artifacts is one MCID of the tree.
    let tagged: usize = m.iter().flatten().filter(|t| *t != "Artifact").count();
    let parent_tree = doc
        .catalog()
        .and_then(|c| c.get(b"StructTreeRoot"))
        .map(|r| dict(&doc, r))
        .and_then(|r| r.get(b"ParentTree"))
        .map(|p| dict(&doc, p))
        .and_then(|p| p.get(b"Nums"))
        .and_then(Object::as_array)
        .expect("a parent tree")
        .clone();
    let in_tree: usize = parent_tree
        .chunks(2)
        .filter_map(|kv| kv[1].as_array().ok())
        .map(Vec::len)
        .sum();
    assert_eq!(tagged, in_tree);
    let catalog = doc.catalog().expect("catalog");
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool);
    assert_eq!(marked.ok(), Some(true));
}

#[test]
fn a_chart_is_a_figure_with_the_templates_words_or_its_figures() {
    let chart = |alt: &str| {
        format!(
            "<html><body><figure class=\"grafico\" data-tipo=\"barras\" data-max=\"100\"{alt}><figcaption>Cumplimiento por mes</figcaption><table><thead><tr><th>Mes</th><th>Azuay (%)</th></tr></thead><tbody><tr><td>Ene</td><td>85.5</td></tr><tr><td>Feb</td><td></td></tr><tr><td>Mar</td><td>90</td></tr></tbody></table></figure></body></html>"
        )
    };
    let alt_of = |xhtml: String| {
        let pdf = render_xhtml(&xhtml).expect("renders");
        let doc = Document::load_mem(&pdf).expect("reads back");
        let t = tree(&doc);
        let roles: Vec<&str> = t.iter().map(|e| e.role.as_str()).collect();
        assert_eq!(roles, ["Document", "P", "Figure"]);
        t[2].alt
            .clone()
            .expect("the figure has an alternative text")
    };
    assert_eq!(
        alt_of(chart(" data-alt=\"Enero 85,5 %; marzo 90 %.\"")),
        "Enero 85,5 %; marzo 90 %."
    );
    assert_eq!(alt_of(chart("")), "Azuay (%): Ene 85,5; Mar 90");
}

#[test]
fn a_row_label_is_a_row_header_and_a_wrong_scope_is_refused() {
    let pdf = render_xhtml(
        "<html><body><table><tbody><tr><th scope=\"row\">Semáforo</th><td>verde</td></tr></tbody></table></body></html>",
    )
    .expect("renders");
    let doc = Document::load_mem(&pdf).expect("reads back");
    let t = tree(&doc);
    let th: Vec<&Element> = t.iter().filter(|e| e.role == "TH").collect();
    assert_eq!(th.len(), 1);
    assert_eq!(th[0].scope.as_deref(), Some("Row"));
    let e = render_xhtml(
        "<html><body><table><tbody><tr><th scope=\"fila\">Semáforo</th><td>verde</td></tr></tbody></table></body></html>",
    )
    .expect_err("an unknown scope is refused");
    assert!(e.to_string().contains("scope"), "{e}");
}
