//! The signature field: where the engine leaves room for a signature, how
//! [`xhtml_pdf::sign`] fills it and [`xhtml_pdf::signed`] finds it again.

use lopdf::{Document, Object};
use xhtml_pdf::{Options, SignError, SignatureField, Unsigned, sign, signed};

use super::{fonts, stylesheet};

const PAGE: &str = "<html lang=\"es-EC\"><head><title>Informe</title></head><body><h1>Informe</h1><p>Texto.</p></body></html>";

fn field(capacity: usize) -> SignatureField {
    SignatureField {
        description: "Firma electrónica del IESS".into(),
        reason: Some("Publicación LOTAIP".into()),
        location: None,
        time: None,
        capacity,
    }
}

fn with_field(capacity: usize) -> Vec<u8> {
    let options = Options {
        signature: Some(field(capacity)),
        ..Options::default()
    };
    xhtml_pdf::render_with(PAGE, &stylesheet(), fonts(), options).expect("renders")
}

#[test]
fn the_field_is_an_invisible_tagged_widget_with_the_reserved_room() {
    let pdf = with_field(4000);
    let doc = Document::load_mem(&pdf).expect("reads back");
    let catalog = doc.catalog().expect("catalog");
    let acro = catalog
        .get(b"AcroForm")
        .and_then(Object::as_dict)
        .expect("AcroForm");
    assert_eq!(acro.get(b"SigFlags").and_then(Object::as_i64).ok(), Some(3));
    let w_id = acro
        .get(b"Fields")
        .and_then(Object::as_array)
        .expect("fields")[0]
        .as_reference()
        .expect("a field reference");
    let w = doc.get_dictionary(w_id).expect("widget");
    assert_eq!(
        w.get(b"FT").and_then(Object::as_name).ok(),
        Some(&b"Sig"[..])
    );
    assert_eq!(w.get(b"F").and_then(Object::as_i64).ok(), Some(132));
    let v = doc
        .get_dictionary(w.get(b"V").and_then(Object::as_reference).expect("/V"))
        .expect("signature dictionary");
    assert_eq!(
        v.get(b"SubFilter").and_then(Object::as_name).ok(),
        Some(&b"ETSI.CAdES.detached"[..])
    );
    assert_eq!(
        v.get(b"Contents")
            .and_then(Object::as_str)
            .map(<[u8]>::len)
            .ok(),
        Some(4000)
    );
    // The widget is on the first page and is the Form element's object.
    let first = doc.get_pages()[&1];
    let page = doc.get_dictionary(first).expect("page");
    let annots = page
        .get(b"Annots")
        .and_then(Object::as_array)
        .expect("annots");
    assert!(annots.iter().any(|a| a.as_reference().ok() == Some(w_id)));
    let key = w
        .get(b"StructParent")
        .and_then(Object::as_i64)
        .expect("StructParent");
    let root = doc
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .and_then(Object::as_reference)
                .expect("tree"),
        )
        .expect("tree root");
    assert_eq!(
        root.get(b"ParentTreeNextKey").and_then(Object::as_i64).ok(),
        Some(key + 1)
    );
    let nums = doc
        .get_dictionary(
            root.get(b"ParentTree")
                .and_then(Object::as_reference)
                .expect("parent tree"),
        )
        .and_then(|t| t.get(b"Nums"))
        .and_then(Object::as_array)
        .expect("nums");
    let at = nums
        .iter()
        .position(|n| n.as_i64().ok() == Some(key))
        .expect("the key");
    let form = doc
        .get_dictionary(nums[at + 1].as_reference().expect("an element"))
        .expect("Form element");
    assert_eq!(
        form.get(b"S").and_then(Object::as_name).ok(),
        Some(&b"Form"[..])
    );
    let objr = form.get(b"K").and_then(Object::as_dict).expect("OBJR");
    assert_eq!(
        objr.get(b"Obj").and_then(Object::as_reference).ok(),
        Some(w_id)
    );
    // An unsigned field is not a signature.
    assert_eq!(signed(&pdf).err(), Some(Unsigned::NotCovered));
    // Without the option there is no field at all.
    let plain = xhtml_pdf::render(PAGE, &stylesheet(), fonts()).expect("renders");
    assert_eq!(signed(&plain).err(), Some(Unsigned::NoSignature));
    assert!(!String::from_utf8_lossy(&plain).contains("/AcroForm"));
}

#[test]
fn signing_covers_all_but_the_signature_and_a_change_is_found() {
    let mut pdf = with_field(64);
    let len = pdf.len();
    let mut seen = Vec::new();
    sign(&mut pdf, |a: &[u8], b: &[u8]| {
        seen = [a, b].concat();
        Ok::<_, ()>(vec![0xab; 10])
    })
    .expect("signs");
    assert_eq!(pdf.len(), len, "signing fills the room, it adds nothing");
    let s = signed(&pdf).expect("a signature");
    assert_eq!([s.before, s.after].concat(), seen);
    assert_eq!(s.before.len() + s.after.len() + 2 + 128, len);
    assert_eq!(&s.signature[..10], &[0xab; 10]);
    assert!(s.signature[10..].iter().all(|b| *b == 0));
    // The file still reads as a PDF, its /ByteRange the real one.
    let doc = Document::load_mem(&pdf).expect("reads back signed");
    let range: Vec<i64> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"ByteRange").and_then(Object::as_array).ok())
        .flat_map(|a| a.iter().filter_map(|n| n.as_i64().ok()).collect::<Vec<_>>())
        .collect();
    assert_eq!(range.len(), 4);
    assert_eq!(range[0], 0);
    assert_eq!((range[2] + range[3]) as usize, len);

    // Bytes appended (an incremental update) or a changed range.
    let mut longer = pdf.clone();
    longer.extend_from_slice(b"\n% otra revision\n");
    assert_eq!(signed(&longer).err(), Some(Unsigned::NotCovered));
    let key = b"/ByteRange[0 ";
    let at = pdf
        .windows(key.len())
        .position(|w| w == key)
        .expect("range")
        + key.len();
    let mut shifted = pdf.clone();
    shifted[at] = if shifted[at] == b'1' { b'2' } else { b'1' };
    assert_eq!(signed(&shifted).err(), Some(Unsigned::NotCovered));
    // A file signed once cannot be signed again in the same room.
    assert_eq!(
        sign(&mut pdf, |_: &[u8], _: &[u8]| Ok::<_, ()>(Vec::new())),
        Err(SignError::NoField)
    );
}

#[test]
fn a_signature_larger_than_its_room_or_a_signer_error_is_returned() {
    let mut pdf = with_field(8);
    assert_eq!(
        sign(&mut pdf, |_: &[u8], _: &[u8]| Ok::<_, ()>(vec![1; 9])),
        Err(SignError::TooLarge {
            needed: 9,
            reserved: 8
        })
    );
    let mut pdf = with_field(8);
    assert_eq!(
        sign(&mut pdf, |_: &[u8], _: &[u8]| Err::<Vec<u8>, _>(
            "sin clave"
        )),
        Err(SignError::Signer("sin clave"))
    );
    let options = Options {
        signature: Some(field(0)),
        ..Options::default()
    };
    assert!(xhtml_pdf::render_with(PAGE, &stylesheet(), fonts(), options).is_err());
}

#[test]
fn the_same_field_gives_the_same_bytes() {
    assert_eq!(with_field(100), with_field(100));
}
