//! Assembles the PDF file: font subsets, pages (through printpdf), then the
//! document information, the outline and a content-derived file identifier
//! (through lopdf), so that the same input always gives the same bytes.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::ParsedFont;

use super::archive;
use super::assemble;
use super::dom::Meta;
use super::draw;
use super::error::PdfError;
use super::fonts::{Face, Fonts};
use super::layout::{Item, Layout};
use super::tags;

/// FNV-1a, 64 bit.
fn fnv(data: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Marks the characters used in the document, per face.
fn used_chars(layout: &Layout) -> [Vec<bool>; 2] {
    let mut used = [vec![false; 0x1_0000], vec![false; 0x1_0000]];
    for page in &layout.pages {
        for item in page.items.iter().chain(&page.running) {
            if let Item::Text { text, bold, .. } = item {
                let set = &mut used[usize::from(*bold)];
                for c in text.chars() {
                    if let Some(slot) = set.get_mut(c as usize) {
                        *slot = true;
                    }
                }
            }
        }
    }
    used
}

/// Builds a subset of `face` holding the glyphs of the used characters.
fn subset(face: &Face, used: &[bool]) -> Result<ParsedFont, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};

    let err = |message: String| PdfError::Font {
        font: face.name,
        message,
    };
    let mut gids: Vec<u16> = used
        .iter()
        .enumerate()
        .filter(|(_, u)| **u)
        .filter_map(|(cp, _)| char::from_u32(cp as u32))
        .map(|c| face.glyph(c))
        .filter(|&g| g != 0)
        .collect();
    gids.sort_unstable();
    gids.dedup();
    gids.insert(0, 0);
    let font_file = ReadScope::new(face.bytes)
        .read::<FontData<'_>>()
        .map_err(|e| err(e.to_string()))?;
    let provider = font_file
        .table_provider(0)
        .map_err(|e| err(e.to_string()))?;
    let bytes =
        allsorts::subset::subset(&provider, &gids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| err(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| err(format!("subset font does not parse: {warnings:?}")))?;
    // Subset tag: six capital letters derived from the glyph set.
    let gid_bytes: Vec<u8> = gids.iter().flat_map(|g| g.to_be_bytes()).collect();
    let mut h = fnv(&gid_bytes, 0);
    let tag: String = (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect();
    parsed.font_name = Some(format!("{tag}+{}", face.name));
    Ok(parsed)
}

/// PDF text string (UTF-16BE with byte order mark).
pub(crate) fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Writes the PDF file for a laid-out document.
pub(crate) fn write(
    layout: &Layout,
    meta: &Meta,
    fonts: &Fonts,
    source: &str,
    options: super::Options,
) -> Result<Vec<u8>, PdfError> {
    let used = used_chars(layout);
    let fonts = [
        subset(&fonts.regular, &used[0])?,
        subset(&fonts.bold, &used[1])?,
    ];
    let g = &layout.geometry;
    let page = |i: usize| draw::page(&layout.pages[i], &layout.tags, g.width, g.height);
    let mut lo = assemble::to_lopdf(&meta.title, &fonts, layout.pages.len(), &page, &used)?;

    info(&mut lo, meta)?;
    outline(&mut lo, layout)?;
    describe_links(&mut lo)?;
    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    catalog.set(
        "Lang",
        Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal),
    );
    // Viewers show the title, not the file name.
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    if options.pdfa {
        archive::identify(&mut lo, meta)?;
    }
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    tags::write(&mut lo, &layout.tags, &layout.pages, &page_ids)?;
    if let Some(field) = &options.signature {
        super::sign::add_field(&mut lo, field)?;
    }
    let mut id = fnv(source.as_bytes(), 0).to_be_bytes().to_vec();
    id.extend_from_slice(&fnv(source.as_bytes(), 0x9e37_79b9_7f4a_7c15).to_be_bytes());
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    assemble::compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// Runs `f` on every annotation dictionary of every page (printpdf writes
/// them inline in `/Annots`).
pub(crate) fn each_annotation(
    lo: &mut lopdf::Document,
    mut f: impl FnMut(&mut Dictionary),
) -> Result<(), PdfError> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    for id in pages {
        let page = lo
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        if let Ok(annots) = page.get_mut(b"Annots").and_then(Object::as_array_mut) {
            for a in annots.iter_mut() {
                if let Object::Dictionary(d) = a {
                    f(d);
                }
            }
        }
    }
    Ok(())
}

/// Gives each link annotation a `/Contents` text, the address it leads to
/// (an e-mail without its `mailto:`), which screen readers announce and
/// PDF/UA asks for; printpdf writes none.
fn describe_links(lo: &mut lopdf::Document) -> Result<(), PdfError> {
    each_annotation(lo, |d| {
        let uri = d
            .get(b"A")
            .and_then(Object::as_dict)
            .and_then(|action| action.get(b"URI"))
            .and_then(Object::as_str)
            .map(|u| String::from_utf8_lossy(u).into_owned());
        if let Ok(uri) = uri {
            let shown = uri.strip_prefix("mailto:").unwrap_or(&uri);
            d.set("Contents", text_string(shown));
        }
    })
}

/// Replaces printpdf's information dictionary (which carries 1970 dates and empty
/// fields) with title, author, subject and, if given, the document date.
fn info(lo: &mut lopdf::Document, meta: &Meta) -> Result<(), PdfError> {
    let mut d = Dictionary::new();
    if !meta.title.is_empty() {
        d.set("Title", text_string(&meta.title));
    }
    if !meta.author.is_empty() {
        d.set("Author", text_string(&meta.author));
    }
    if !meta.subject.is_empty() {
        d.set("Subject", text_string(&meta.subject));
    }
    d.set("Creator", text_string("lotaip"));
    d.set("Producer", text_string("lotaip"));
    if let Some((y, m, day)) = meta.date {
        let date = format!("D:{y:04}{m:02}{day:02}000000");
        d.set(
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        );
        d.set(
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        );
    }
    let info_id = lo.trailer.get(b"Info").and_then(Object::as_reference).ok();
    match info_id {
        Some(id) => lo.set_object(id, d),
        None => {
            let id = lo.add_object(d);
            lo.trailer.set("Info", Object::Reference(id));
        }
    }
    Ok(())
}

/// Builds the outline: h1 at the top level, h2 nested under the previous h1, and
/// `data-marcador` entries under the heading before them.
fn outline(lo: &mut lopdf::Document, layout: &Layout) -> Result<(), PdfError> {
    if layout.bookmarks.is_empty() {
        return Ok(());
    }
    let pages = lo.get_pages();
    let n = layout.bookmarks.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in layout.bookmarks.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if layout.bookmarks[top].level >= b.level {
                stack.pop();
            } else {
                break;
            }
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let root_id = lo.new_object_id();
    let ids: Vec<ObjectId> = (0..n).map(|_| lo.new_object_id()).collect();
    let children =
        |p: Option<usize>| -> Vec<usize> { (0..n).filter(|&i| parent[i] == p).collect() };
    // Number of descendants (all entries are open).
    let mut count = vec![0i64; n];
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            count[p] += 1 + count[i];
        }
    }
    let height = layout.geometry.height;
    for i in 0..n {
        let b = &layout.bookmarks[i];
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let page = *pages.get(&(b.page as u32 + 1)).ok_or_else(|| {
            PdfError::Write(format!("bookmark {:?} points to a missing page", b.title))
        })?;
        let mut d = Dictionary::new();
        d.set("Title", text_string(&b.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root_id, |p| ids[p])),
        );
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(height - b.y + 4.0),
                Object::Null,
            ]),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[first]));
            d.set("Last", Object::Reference(ids[last]));
            d.set("Count", Object::Integer(count[i]));
        }
        lo.set_object(ids[i], d);
    }
    let top = children(None);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    root.set("First", Object::Reference(ids[top[0]]));
    root.set(
        "Last",
        Object::Reference(ids[*top.last().unwrap_or(&top[0])]),
    );
    root.set("Count", Object::Integer(n as i64));
    lo.set_object(root_id, root);
    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    catalog.set("Outlines", Object::Reference(root_id));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}
