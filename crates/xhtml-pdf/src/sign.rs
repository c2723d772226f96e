//! An electronic signature's place in the file (ISO 32000-1 §12.8, PAdES):
//! the engine writes an invisible signature field whose value holds a
//! `/ByteRange` and a `/Contents` of reserved zeros; [`sign`] fills them in
//! once the caller has computed the signature (a detached CMS) over every
//! byte but the `/Contents` string. The engine computes no cryptography.
//!
//! The field's widget is tagged as a `Form` element at the end of the
//! document, so a signed file keeps its PDF/UA structure; its rectangle is
//! empty and it has an empty appearance, printable and locked (PDF/A-2).
//! [`signed`] finds the two ranges and the signature again, for a verifier.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::error::PdfError;
use super::writer::text_string;

/// The signature field a document is written with (see [`sign`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureField {
    /// What the field is, for screen readers (`/TU`): «Firma electrónica
    /// de …».
    pub description: String,
    /// Why the document is signed (`/Reason`), if said.
    pub reason: Option<String>,
    /// Where it is signed (`/Location`), if said.
    pub location: Option<String>,
    /// The signing time (`/M`), a PDF date (`D:20250701120000Z`), if the
    /// signer wants one in the file.
    pub time: Option<String>,
    /// Bytes reserved for the signature (the DER of the CMS): the file
    /// holds twice as many hexadecimal zeros.
    pub capacity: usize,
}

/// The `/ByteRange` as written before signing: four numbers wide enough
/// for any offset the real ones can take, patched in place by [`sign`].
const RANGE_PLACEHOLDER: &[u8] = b"/ByteRange[0 9999999999 9999999999 9999999999]";
const CONTENTS: &[u8] = b"/Contents<";
/// The most bytes a signature may reserve (a CMS with a long chain is a
/// few KiB).
pub const MAX_CAPACITY: usize = 1 << 20;

fn err(e: lopdf::Error) -> PdfError {
    PdfError::Write(e.to_string())
}

/// The dictionary object `id`, to change.
fn dict_mut(lo: &mut lopdf::Document, id: ObjectId) -> Result<&mut Dictionary, PdfError> {
    lo.get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(err)
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// Adds the signature field `field` to the written document: its value
/// (the signature dictionary with the placeholders), the widget on the
/// first page, the catalog's `/AcroForm`, and the `Form` element with the
/// widget in the structure tree and the parent tree.
pub(crate) fn add_field(lo: &mut lopdf::Document, field: &SignatureField) -> Result<(), PdfError> {
    if field.capacity == 0 || field.capacity > MAX_CAPACITY {
        return Err(PdfError::Write(format!(
            "a signature of {} bytes cannot be reserved",
            field.capacity
        )));
    }
    let first_page = *lo
        .get_pages()
        .get(&1)
        .ok_or_else(|| PdfError::Write("a document without pages cannot be signed".into()))?;
    // The order of the keys is the order they are written in: `sign` finds
    // `/Contents` right after `/ByteRange`.
    let mut v = Dictionary::new();
    v.set("Type", name("Sig"));
    v.set("Filter", name("Adobe.PPKLite"));
    v.set("SubFilter", name("ETSI.CAdES.detached"));
    v.set(
        "ByteRange",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(9_999_999_999),
            Object::Integer(9_999_999_999),
            Object::Integer(9_999_999_999),
        ]),
    );
    v.set(
        "Contents",
        Object::String(vec![0; field.capacity], StringFormat::Hexadecimal),
    );
    if let Some(r) = &field.reason {
        v.set("Reason", text_string(r));
    }
    if let Some(l) = &field.location {
        v.set("Location", text_string(l));
    }
    if let Some(m) = &field.time {
        v.set(
            "M",
            Object::String(m.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    let v_id = lo.add_object(v);

    let mut ap = Dictionary::new();
    ap.set("Type", name("XObject"));
    ap.set("Subtype", name("Form"));
    ap.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    let ap_id = lo.add_object(Stream::new(ap, Vec::new()));

    let root = struct_root(lo)?;
    let next_key = lo
        .get_object(root)
        .and_then(Object::as_dict)
        .and_then(|d| d.get(b"ParentTreeNextKey"))
        .and_then(Object::as_i64)
        .map_err(err)?;
    let form_id = lo.new_object_id();

    let mut w = Dictionary::new();
    w.set("Type", name("Annot"));
    w.set("Subtype", name("Widget"));
    w.set("FT", name("Sig"));
    w.set("T", text_string("Firma"));
    w.set("TU", text_string(&field.description));
    w.set("V", Object::Reference(v_id));
    w.set(
        "Rect",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    // Print and Locked.
    w.set("F", Object::Integer(132));
    w.set("P", Object::Reference(first_page));
    let mut n = Dictionary::new();
    n.set("N", Object::Reference(ap_id));
    w.set("AP", Object::Dictionary(n));
    w.set("StructParent", Object::Integer(next_key));
    let w_id = lo.add_object(w);

    let page = dict_mut(lo, first_page)?;
    match page.get_mut(b"Annots").and_then(Object::as_array_mut) {
        Ok(a) => a.push(Object::Reference(w_id)),
        Err(_) => page.set("Annots", Object::Array(vec![Object::Reference(w_id)])),
    }
    page.set("Tabs", name("S"));

    let mut acro = Dictionary::new();
    acro.set("Fields", Object::Array(vec![Object::Reference(w_id)]));
    // SignaturesExist and AppendOnly.
    acro.set("SigFlags", Object::Integer(3));
    lo.catalog_mut()
        .map_err(err)?
        .set("AcroForm", Object::Dictionary(acro));

    tag_widget(lo, root, form_id, w_id, first_page, next_key)
}

/// The catalog's `/StructTreeRoot`.
fn struct_root(lo: &lopdf::Document) -> Result<ObjectId, PdfError> {
    lo.catalog()
        .and_then(|c| c.get(b"StructTreeRoot"))
        .and_then(Object::as_reference)
        .map_err(|_| PdfError::Write("the signature field needs the structure tree".into()))
}

/// Writes the `Form` element `form_id` holding the widget `w_id`, as the
/// last child of the document element, and its parent tree entry.
fn tag_widget(
    lo: &mut lopdf::Document,
    root: ObjectId,
    form_id: ObjectId,
    w_id: ObjectId,
    page: ObjectId,
    key: i64,
) -> Result<(), PdfError> {
    let (doc_id, tree_id) = {
        let r = lo.get_object(root).and_then(Object::as_dict).map_err(err)?;
        (
            r.get(b"K").and_then(Object::as_reference).map_err(err)?,
            r.get(b"ParentTree")
                .and_then(Object::as_reference)
                .map_err(err)?,
        )
    };
    let mut objr = Dictionary::new();
    objr.set("Type", name("OBJR"));
    objr.set("Pg", Object::Reference(page));
    objr.set("Obj", Object::Reference(w_id));
    let mut form = Dictionary::new();
    form.set("Type", name("StructElem"));
    form.set("S", name("Form"));
    form.set("P", Object::Reference(doc_id));
    form.set("Pg", Object::Reference(page));
    form.set("K", Object::Dictionary(objr));
    lo.objects.insert(form_id, Object::Dictionary(form));

    let doc = dict_mut(lo, doc_id)?;
    let kids = match doc.get(b"K") {
        Ok(Object::Array(a)) => {
            let mut a = a.clone();
            a.push(Object::Reference(form_id));
            a
        }
        Ok(one) => vec![one.clone(), Object::Reference(form_id)],
        Err(_) => vec![Object::Reference(form_id)],
    };
    doc.set("K", Object::Array(kids));

    let tree = dict_mut(lo, tree_id)?;
    let nums = tree
        .get_mut(b"Nums")
        .and_then(Object::as_array_mut)
        .map_err(err)?;
    nums.push(Object::Integer(key));
    nums.push(Object::Reference(form_id));
    let r = dict_mut(lo, root)?;
    r.set("ParentTreeNextKey", Object::Integer(key + 1));
    Ok(())
}

/// Why a file cannot be signed or its signature cannot be found.
#[derive(Debug, PartialEq, Eq)]
pub enum SignError<E> {
    /// The file has no signature field of this engine, or more than one.
    NoField,
    /// The signature is larger than the room reserved for it.
    TooLarge {
        /// The signature's size.
        needed: usize,
        /// The room in the file.
        reserved: usize,
    },
    /// What the caller's signing function returned.
    Signer(E),
}

/// Where the placeholder `/ByteRange[…]` and `/Contents<…>` are: the
/// offset of the range's first byte, and the offsets of the `<` and of
/// the byte after the `>`.
fn placeholder(pdf: &[u8]) -> Option<(usize, usize, usize)> {
    let mut found = find_all(pdf, RANGE_PLACEHOLDER);
    let at = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let after = at + RANGE_PLACEHOLDER.len();
    let lt = after + CONTENTS.len() - 1;
    if pdf.get(after..=lt)? != CONTENTS {
        return None;
    }
    let digits = pdf
        .get(lt + 1..)?
        .iter()
        .take_while(|b| **b == b'0')
        .count();
    let gt = lt + 1 + digits;
    (pdf.get(gt) == Some(&b'>') && digits % 2 == 0).then_some((at, lt, gt + 1))
}

fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    hay.windows(needle.len())
        .enumerate()
        .filter(move |(_, w)| *w == needle)
        .map(|(i, _)| i)
}

/// Signs a file written with a [`SignatureField`]: patches the
/// `/ByteRange` to cover every byte but the `/Contents` string, calls
/// `signer` with the two covered parts (before and after it), and writes
/// the signature it returns, in hexadecimal, into the reserved room.
pub fn sign<E>(
    pdf: &mut [u8],
    signer: impl FnOnce(&[u8], &[u8]) -> Result<Vec<u8>, E>,
) -> Result<(), SignError<E>> {
    let (at, lt, end) = placeholder(pdf).ok_or(SignError::NoField)?;
    let range = format!("/ByteRange[0 {lt} {end} {}", pdf.len() - end);
    // The placeholder's numbers are wider than any real offset of a file
    // that fits in memory; the rest of the room is spaces.
    let room = RANGE_PLACEHOLDER.len() - 1;
    if range.len() > room {
        return Err(SignError::NoField);
    }
    let slot = &mut pdf[at..at + room];
    slot.fill(b' ');
    slot[..range.len()].copy_from_slice(range.as_bytes());
    let signature = signer(&pdf[..lt], &pdf[end..]).map_err(SignError::Signer)?;
    let reserved = (end - lt - 2) / 2;
    if signature.len() > reserved {
        return Err(SignError::TooLarge {
            needed: signature.len(),
            reserved,
        });
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for (i, b) in signature.iter().enumerate() {
        pdf[lt + 1 + 2 * i] = HEX[usize::from(b >> 4)];
        pdf[lt + 2 + 2 * i] = HEX[usize::from(b & 15)];
    }
    Ok(())
}

/// A signature found in a file.
#[derive(Debug, PartialEq, Eq)]
pub struct Signed<'a> {
    /// The bytes before the `/Contents` string.
    pub before: &'a [u8],
    /// The bytes after it.
    pub after: &'a [u8],
    /// The signature (its trailing padding of zeros included).
    pub signature: Vec<u8>,
}

/// Why [`signed`] found no signature that covers the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsigned {
    /// No `/ByteRange` (an unsigned file), or more than one (a file signed
    /// again, or by another program).
    NoSignature,
    /// The ranges do not leave out exactly the `/Contents` string, or do
    /// not reach the end of the file: the file was changed or added to
    /// after signing.
    NotCovered,
}

/// Finds the one signature of a file signed by [`sign`] and checks that
/// its `/ByteRange` covers the whole file but the `/Contents` string. It
/// reads bytes only, so it runs on any file.
pub fn signed(pdf: &[u8]) -> Result<Signed<'_>, Unsigned> {
    const KEY: &[u8] = b"/ByteRange[";
    let mut found = find_all(pdf, KEY);
    let at = found.next().ok_or(Unsigned::NoSignature)?;
    if found.next().is_some() {
        return Err(Unsigned::NoSignature);
    }
    let start = at + KEY.len();
    let close = pdf
        .get(start..)
        .and_then(|r| r.iter().take(64).position(|b| *b == b']'))
        .ok_or(Unsigned::NotCovered)?;
    let text = std::str::from_utf8(&pdf[start..start + close]).map_err(|_| Unsigned::NotCovered)?;
    let n: Vec<usize> = text
        .split_ascii_whitespace()
        .map(|t| t.parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| Unsigned::NotCovered)?;
    let [a, lt, end, tail] = n[..] else {
        return Err(Unsigned::NotCovered);
    };
    let hex = pdf.get(lt..end).ok_or(Unsigned::NotCovered)?;
    let covered = a == 0
        && end.checked_add(tail) == Some(pdf.len())
        && hex.len() >= 2
        && hex.first() == Some(&b'<')
        && hex.last() == Some(&b'>')
        && hex.len() % 2 == 0;
    if !covered {
        return Err(Unsigned::NotCovered);
    }
    let digits = &hex[1..hex.len() - 1];
    let mut signature = Vec::with_capacity(digits.len() / 2);
    for pair in digits.chunks_exact(2) {
        let v = |d: u8| (d as char).to_digit(16).ok_or(Unsigned::NotCovered);
        signature.push((v(pair[0])? * 16 + v(pair[1])?) as u8);
    }
    Ok(Signed {
        before: &pdf[..lt],
        after: &pdf[end..],
        signature,
    })
}
