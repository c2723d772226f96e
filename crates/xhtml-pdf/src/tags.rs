//! The logical structure of the document (tagged PDF, ISO 32000-1 §14.7 and
//! PDF/UA-1): which drawn text is a heading, a paragraph, a table cell or a
//! link, and which drawing is a figure.
//!
//! The layouters build the tree as they place blocks ([`Tags::add`]) and
//! wrap the items of each piece of real content between [`Item::Begin`] and
//! [`Item::End`] ([`Tags::begin`]); everything else on a page (rules, fills,
//! repeated header rows, the running header and footer) is drawn as an
//! artifact. The writer numbers the marked content of each page (MCIDs) and
//! writes the tree with [`write`].

use lopdf::{Dictionary, Object, ObjectId};

use super::error::PdfError;
use super::layout::{Item, Page};

/// Which cells a header cell is the header of (`<th scope>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Column,
    Row,
}

impl Scope {
    /// The HTML `scope` attribute: `col`/`colgroup`, `row`/`rowgroup`.
    pub(crate) fn from_html(v: &str) -> Option<Scope> {
        match v.trim().to_ascii_lowercase().as_str() {
            "col" | "colgroup" => Some(Scope::Column),
            "row" | "rowgroup" => Some(Scope::Row),
            _ => None,
        }
    }

    fn name(self) -> &'static [u8] {
        match self {
            Scope::Column => b"Column",
            Scope::Row => b"Row",
        }
    }
}

/// A standard structure type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    /// `H1`…`H3`.
    H(u8),
    P,
    Table,
    THead,
    TBody,
    TR,
    TH(Scope),
    TD,
    Caption,
    Figure,
    Link,
}

impl Role {
    /// The type's name, also the tag of its marked content.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(_) => "H3",
            Role::P => "P",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Caption => "Caption",
            Role::Figure => "Figure",
            Role::Link => "Link",
        }
    }
}

/// A child of a structure element, in reading order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kid {
    Node(usize),
    /// A marked-content sequence (its page and MCID are known when the
    /// pages are written: see [`Item::Begin`]).
    Content,
    /// A link annotation (see [`Item::Link`]).
    Annot,
}

/// A structure element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub role: Role,
    pub parent: usize,
    pub kids: Vec<Kid>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// Table cell spans, written as attributes when above 1.
    pub colspan: usize,
    pub rowspan: usize,
}

/// The structure tree; node 0 is the `Document` element.
#[derive(Debug, Clone)]
pub(crate) struct Tags {
    pub nodes: Vec<Node>,
    /// The last link element: (its parent, its address, itself), continued
    /// by the next text of the same link (a link wrapped over two lines is
    /// one element with two annotations).
    pub last_link: Option<(usize, String, usize)>,
}

impl Node {
    fn new(role: Role, parent: usize) -> Self {
        Node {
            role,
            parent,
            kids: Vec::new(),
            alt: None,
            colspan: 1,
            rowspan: 1,
        }
    }
}

impl Default for Tags {
    fn default() -> Self {
        Tags {
            nodes: vec![Node::new(Role::Document, ROOT)],
            last_link: None,
        }
    }
}

/// The root: the `Document` element.
pub(crate) const ROOT: usize = 0;

impl Tags {
    /// A new element `role`, the last child of `parent`.
    pub(crate) fn add(&mut self, parent: usize, role: Role) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node::new(role, parent));
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    /// The `Link` element under `parent` for text leading to `uri`: the
    /// last one when it leads there too, else a new one.
    pub(crate) fn link(&mut self, parent: usize, uri: &str) -> usize {
        if let Some((p, u, n)) = &self.last_link
            && *p == parent
            && u == uri
        {
            return *n;
        }
        let n = self.add(parent, Role::Link);
        self.last_link = Some((parent, uri.to_string(), n));
        n
    }

    /// The item that opens a new piece of `node`'s content.
    pub(crate) fn begin(&mut self, node: usize) -> Item {
        let kids = &mut self.nodes[node].kids;
        kids.push(Kid::Content);
        Item::Begin {
            node,
            kid: kids.len() - 1,
        }
    }

    /// Records a link annotation of `node`: (node, kid) for the link item.
    pub(crate) fn annotation(&mut self, node: usize) -> (usize, usize) {
        let kids = &mut self.nodes[node].kids;
        kids.push(Kid::Annot);
        (node, kids.len() - 1)
    }
}

/// Where a kid of the tree landed: its page, and its MCID there or the
/// annotation object.
#[derive(Clone, Copy)]
enum Landed {
    Mcid(usize, usize),
    Annot(usize, ObjectId),
}

impl Landed {
    fn page(self) -> usize {
        match self {
            Landed::Mcid(p, _) | Landed::Annot(p, _) => p,
        }
    }
}

fn err(e: lopdf::Error) -> PdfError {
    PdfError::Write(e.to_string())
}

/// Writes the structure tree of `tags` for the laid-out `pages` (in the
/// order of `page_ids`): the elements, the parent tree, `/StructParents` on
/// the pages and `/StructParent` on the link annotations (made indirect
/// objects so that the tree can refer to them), `/Tabs /S`, and the
/// catalog's `/MarkInfo` and `/StructTreeRoot`.
pub(crate) fn write(
    lo: &mut lopdf::Document,
    tags: &Tags,
    pages: &[Page],
    page_ids: &[ObjectId],
) -> Result<(), PdfError> {
    if page_ids.len() != pages.len() {
        return Err(PdfError::Write("page count differs from the layout".into()));
    }
    let root_id = lo.new_object_id();
    let ids: Vec<ObjectId> = tags.nodes.iter().map(|_| lo.new_object_id()).collect();
    // For each node, where each of its kids landed (child nodes: nowhere).
    let mut landed: Vec<Vec<Option<Landed>>> = tags
        .nodes
        .iter()
        .map(|n| vec![None; n.kids.len()])
        .collect();
    // MCIDs number the marked sequences of each page in drawing order.
    let mut nums: Vec<Object> = Vec::new();
    for (page, p) in pages.iter().enumerate() {
        let mut parents = Vec::new();
        for item in &p.items {
            if let Item::Begin { node, kid } = item {
                landed[*node][*kid] = Some(Landed::Mcid(page, parents.len()));
                parents.push(Object::Reference(ids[*node]));
            }
        }
        if parents.is_empty() {
            continue;
        }
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(parents));
        let d = lo
            .get_object_mut(page_ids[page])
            .and_then(Object::as_dict_mut)
            .map_err(err)?;
        d.set("StructParents", Object::Integer(page as i64));
    }
    // Annotations take the keys after the pages'.
    let mut next_key = pages.len() as i64;
    for (page, p) in pages.iter().enumerate() {
        let list: Vec<(usize, usize)> = p
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Link { tag: Some(t), .. } => Some(*t),
                _ => None,
            })
            .collect();
        if list.is_empty() {
            continue;
        }
        let annots: Vec<Object> = lo
            .get_object(page_ids[page])
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Annots"))
            .and_then(Object::as_array)
            .map_err(err)?
            .clone();
        if annots.len() != list.len() {
            return Err(PdfError::Write(format!(
                "page {} has {} annotations for {} tagged links",
                page + 1,
                annots.len(),
                list.len()
            )));
        }
        let mut refs = Vec::with_capacity(annots.len());
        for (a, (node, kid)) in annots.into_iter().zip(list) {
            let mut d = match a {
                Object::Dictionary(d) => d,
                _ => return Err(PdfError::Write("annotation is not inline".into())),
            };
            d.set("StructParent", Object::Integer(next_key));
            d.set("P", Object::Reference(page_ids[page]));
            let id = lo.add_object(d);
            landed[node][kid] = Some(Landed::Annot(page, id));
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(ids[node]));
            next_key += 1;
            refs.push(Object::Reference(id));
        }
        let d = lo
            .get_object_mut(page_ids[page])
            .and_then(Object::as_dict_mut)
            .map_err(err)?;
        d.set("Annots", Object::Array(refs));
    }
    for &id in page_ids {
        let d = lo
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .map_err(err)?;
        d.set("Tabs", Object::Name(b"S".to_vec()));
    }

    for (n, node) in tags.nodes.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"StructElem".to_vec()));
        d.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        d.set(
            "P",
            Object::Reference(if n == ROOT { root_id } else { ids[node.parent] }),
        );
        let landed = &landed[n];
        // The element's page: that of its first content.
        let home = landed.iter().flatten().next().map(|l| l.page());
        if let Some(p) = home {
            d.set("Pg", Object::Reference(page_ids[p]));
        }
        let mut kids = Vec::with_capacity(node.kids.len());
        for (kid, at) in node.kids.iter().zip(landed) {
            match (kid, at) {
                (Kid::Node(c), _) => kids.push(Object::Reference(ids[*c])),
                (_, Some(Landed::Mcid(p, mcid))) => {
                    if Some(*p) == home {
                        kids.push(Object::Integer(*mcid as i64));
                    } else {
                        let mut m = Dictionary::new();
                        m.set("Type", Object::Name(b"MCR".to_vec()));
                        m.set("Pg", Object::Reference(page_ids[*p]));
                        m.set("MCID", Object::Integer(*mcid as i64));
                        kids.push(Object::Dictionary(m));
                    }
                }
                (_, Some(Landed::Annot(p, id))) => {
                    let mut o = Dictionary::new();
                    o.set("Type", Object::Name(b"OBJR".to_vec()));
                    o.set("Pg", Object::Reference(page_ids[*p]));
                    o.set("Obj", Object::Reference(*id));
                    kids.push(Object::Dictionary(o));
                }
                (_, None) => return Err(PdfError::Write("tagged content not drawn".into())),
            }
        }
        // A single kid is written by itself (an MCID, a reference).
        match kids.len() {
            0 => {}
            1 => d.set("K", kids.remove(0)),
            _ => d.set("K", Object::Array(kids)),
        }
        if let Some(alt) = &node.alt {
            d.set("Alt", super::writer::text_string(alt));
        }
        let mut a = Dictionary::new();
        if let Role::TH(scope) = node.role {
            a.set("Scope", Object::Name(scope.name().to_vec()));
        }
        if node.colspan > 1 {
            a.set("ColSpan", Object::Integer(node.colspan as i64));
        }
        if node.rowspan > 1 {
            a.set("RowSpan", Object::Integer(node.rowspan as i64));
        }
        if !a.is_empty() {
            a.set("O", Object::Name(b"Table".to_vec()));
            d.set("A", Object::Dictionary(a));
        }
        lo.set_object(ids[n], d);
    }

    let mut tree = Dictionary::new();
    tree.set("Nums", Object::Array(nums));
    let parent_tree = lo.add_object(tree);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(ids[ROOT]));
    root.set("ParentTree", Object::Reference(parent_tree));
    root.set("ParentTreeNextKey", Object::Integer(next_key));
    lo.set_object(root_id, root);

    let catalog = lo.catalog_mut().map_err(err)?;
    let mut mark = Dictionary::new();
    mark.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark));
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    Ok(())
}
