//! printpdf → lopdf conversion of the pages, in parallel for long documents,
//! and parallel stream compression, both on rayon's pool.
//!
//! printpdf turns a whole document into a lopdf document on one thread, and that
//! step dominates the time of a long table. The pages are therefore drawn and
//! converted in groups of a fixed size, one printpdf document per group, in
//! parallel, and the page objects of the other groups are
//! then moved into the first one, in page order. The first group carries an
//! extra page showing every character of the document (removed afterwards), so
//! that the font dictionaries printpdf writes for it (widths, ToUnicode) cover
//! the glyphs of all groups.

use lopdf::{Object, ObjectId};
use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Pt, TextItem,
};

use super::draw::{FONT_BOLD, FONT_REGULAR};
use super::error::PdfError;

/// Pages converted together. Fixed, not derived from the number of cores:
/// the object numbers of the document follow the groups.
const GROUP_PAGES: usize = 16;

fn convert(
    title: &str,
    fonts: &[ParsedFont; 2],
    pages: Vec<PdfPage>,
) -> Result<lopdf::Document, PdfError> {
    let mut doc = PdfDocument::new(title);
    doc.resources
        .fonts
        .map
        .insert(FontId(FONT_REGULAR.into()), PdfFont::new(fonts[0].clone()));
    doc.resources
        .fonts
        .map
        .insert(FontId(FONT_BOLD.into()), PdfFont::new(fonts[1].clone()));
    doc.pages = pages;
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = doc.to_lopdf_document(&opts, &mut warnings);
    match warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        Some(w) => Err(PdfError::Write(w.msg.clone())),
        None => Ok(lo),
    }
}

/// A page that shows every used character in both fonts (never kept).
fn coverage_page(used: &[Vec<bool>; 2]) -> PdfPage {
    let mut ops = vec![Op::StartTextSection];
    for (i, name) in [FONT_REGULAR, FONT_BOLD].into_iter().enumerate() {
        let text: String = used[i]
            .iter()
            .enumerate()
            .filter(|(_, u)| **u)
            .filter_map(|(cp, _)| char::from_u32(cp as u32))
            .collect();
        if !text.is_empty() {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(name.into())),
                size: Pt(1.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text)],
            });
        }
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(printpdf::Mm(10.0), printpdf::Mm(10.0), ops)
}

fn err(e: lopdf::Error) -> PdfError {
    PdfError::Write(e.to_string())
}

/// Converts the pages into a lopdf document. `page(i)` draws page `i`; the
/// pages are drawn, converted and compressed in groups of [`GROUP_PAGES`] in
/// parallel, so a long document never holds the drawing operations of all
/// its pages at once, and the groups (hence the bytes) are the same on every
/// machine.
pub(crate) fn to_lopdf(
    title: &str,
    fonts: &[ParsedFont; 2],
    count: usize,
    page: &(dyn Fn(usize) -> PdfPage + Sync),
    used: &[Vec<bool>; 2],
) -> Result<lopdf::Document, PdfError> {
    let groups = count.div_ceil(GROUP_PAGES).max(1);
    let group = |g: usize| -> Result<lopdf::Document, PdfError> {
        let mut pages: Vec<PdfPage> = (g * GROUP_PAGES..((g + 1) * GROUP_PAGES).min(count))
            .map(page)
            .collect();
        if g == 0 && groups > 1 {
            pages.push(coverage_page(used));
        }
        let mut doc = convert(title, fonts, pages)?;
        compress_with(&mut doc, false);
        Ok(doc)
    };
    // Collected in group order whatever thread converted each.
    use rayon::prelude::*;
    let docs: Vec<Result<lopdf::Document, PdfError>> =
        (0..groups).into_par_iter().map(group).collect();
    let mut docs = docs.into_iter();
    let mut master = docs
        .next()
        .ok_or_else(|| PdfError::Write("no pages".into()))??;
    if groups == 1 {
        return Ok(master);
    }
    let pages_id = master
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(err)?;
    // Drop the coverage page (the last one) and its objects.
    let cover_id = {
        let kids = master
            .get_object_mut(pages_id)
            .and_then(Object::as_dict_mut)
            .and_then(|d| d.get_mut(b"Kids"))
            .and_then(Object::as_array_mut)
            .map_err(err)?;
        kids.pop()
            .ok_or_else(|| PdfError::Write("no pages".into()))?
            .as_reference()
            .map_err(err)?
    };
    let cover = master.get_dictionary(cover_id).map_err(err)?.clone();
    for key in [b"Contents".as_slice(), b"Resources".as_slice()] {
        if let Ok(id) = cover.get(key).and_then(Object::as_reference) {
            master.objects.remove(&id);
        }
    }
    master.objects.remove(&cover_id);
    let first_page: ObjectId = master
        .get_pages()
        .values()
        .next()
        .copied()
        .ok_or_else(|| PdfError::Write("no pages".into()))?;
    let resources = master
        .get_dictionary(first_page)
        .and_then(|d| d.get(b"Resources"))
        .map_err(err)?
        .clone();
    let mut new_kids = Vec::new();
    for doc in docs {
        let mut doc = doc?;
        for page_id in doc.get_pages().into_values() {
            let mut page = doc.get_dictionary(page_id).map_err(err)?.clone();
            let content_id = page
                .get(b"Contents")
                .and_then(Object::as_reference)
                .map_err(err)?;
            let content = doc
                .objects
                .remove(&content_id)
                .ok_or_else(|| PdfError::Write("page without contents".into()))?;
            let content_id = master.add_object(content);
            page.set("Parent", Object::Reference(pages_id));
            page.set("Resources", resources.clone());
            page.set("Contents", Object::Reference(content_id));
            new_kids.push(Object::Reference(master.add_object(page)));
        }
    }
    let pages_dict = master
        .get_object_mut(pages_id)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    let kids = pages_dict
        .get_mut(b"Kids")
        .and_then(Object::as_array_mut)
        .map_err(err)?;
    kids.extend(new_kids);
    let count = kids.len() as i64;
    pages_dict.set("Count", Object::Integer(count));
    Ok(master)
}

/// Deflate level: 6 is within 1 % of level 9 in size on the sample documents, at
/// a fraction of the time.
const DEFLATE_LEVEL: u32 = 6;

/// Deflates every uncompressed stream, in parallel. (lopdf's own `compress`
/// always uses the slowest level and one thread, which dominated the
/// rendering time of long tables.)
pub(crate) fn compress(lo: &mut lopdf::Document) {
    compress_with(lo, true);
}

/// [`compress`], in parallel only with `parallel` (a group being converted
/// is already one task of the pool).
fn compress_with(lo: &mut lopdf::Document, parallel: bool) {
    use rayon::prelude::*;
    let level = DEFLATE_LEVEL;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let total: usize = streams.iter().map(|s| s.content.len()).sum();
    // Each stream is deflated on its own: the result does not depend on
    // which thread did it.
    if !parallel || total < 256 * 1024 {
        streams.into_iter().for_each(|s| deflate(s, level));
    } else {
        streams.par_iter_mut().for_each(|s| deflate(s, level));
    }
}

fn deflate(stream: &mut lopdf::Stream, level: u32) {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 3),
        flate2::Compression::new(level),
    );
    if enc.write_all(&stream.content).is_err() {
        return;
    }
    match enc.finish() {
        Ok(data) if data.len() < stream.content.len() => {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(data);
        }
        _ => {}
    }
}
