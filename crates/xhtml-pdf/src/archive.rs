//! PDF/A-2 (ISO 19005-2) identification of the written file.
//!
//! The pages already meet most of the standard by construction: both fonts
//! are embedded (subsets with widths and a ToUnicode map), every colour is
//! DeviceRGB without transparency, there is no JavaScript, no encryption and
//! no external content, and the trailer carries a file identifier. What this
//! module adds is what printpdf does not write: the XMP metadata packet that
//! repeats the information dictionary and names the conformance level, the
//! sRGB output intent in which the DeviceRGB colours are meant, the print
//! flag on annotations, and PDF 1.7 as the header version.

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::dom::Meta;
use super::error::PdfError;

/// The compact sRGB profile (CC0; see `icc/README.md`).
const SRGB: &[u8] = include_bytes!("../icc/sRGB-v4.icc");

fn err(e: lopdf::Error) -> PdfError {
    PdfError::Write(e.to_string())
}

/// Makes `lo` a PDF/A-2a file (level A: all text maps to Unicode and the
/// document is tagged, see [`super::tags`]) that also declares PDF/UA-1,
/// its metadata taken from `meta` (the same fields the information
/// dictionary holds).
pub(crate) fn identify(lo: &mut lopdf::Document, meta: &Meta) -> Result<(), PdfError> {
    lo.version = "1.7".to_string();
    let packet = xmp(meta);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // The metadata stays readable to tools that do not decode PDF streams.
    let metadata = lo.add_object(Stream::new(dict, packet.into_bytes()).with_compression(false));

    let mut icc = Dictionary::new();
    icc.set("N", Object::Integer(3));
    let profile = lo.add_object(Stream::new(icc, SRGB.to_vec()));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    let name = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    intent.set("OutputConditionIdentifier", name("sRGB IEC61966-2.1"));
    intent.set("RegistryName", name("http://www.color.org"));
    intent.set("Info", name("sRGB IEC61966-2.1"));
    intent.set("DestOutputProfile", Object::Reference(profile));

    let catalog = lo.catalog_mut().map_err(err)?;
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    print_annotations(lo)
}

/// PDF/A wants every annotation printable (flag 4) and never hidden.
fn print_annotations(lo: &mut lopdf::Document) -> Result<(), PdfError> {
    super::writer::each_annotation(lo, |d| d.set("F", Object::Integer(4)))
}

/// Escapes text for an XML element.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// PDF/A-2 accepts in XMP only the schemas it predefines and those the
/// packet describes: the PDF/UA identification is described here.
const PDFUA_SCHEMA: &str = "<rdf:Description rdf:about=\"\" \
xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n\
<pdfaProperty:name>part</pdfaProperty:name>\n\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n\
<pdfaProperty:category>internal</pdfaProperty:category>\n\
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\n\
</rdf:li></rdf:Seq></pdfaSchema:property>\n\
</rdf:li></rdf:Bag></pdfaExtension:schemas>\n\
</rdf:Description>\n";

/// The XMP packet: Dublin Core title, creator and description, the
/// creation tool and dates (equal to the information dictionary's) and the
/// PDF/A identification.
fn xmp(meta: &Meta) -> String {
    let mut d = String::new();
    d.push_str("<dc:format>application/pdf</dc:format>\n");
    if !meta.title.is_empty() {
        d.push_str(&format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
            escape(&meta.title)
        ));
    }
    if !meta.author.is_empty() {
        d.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            escape(&meta.author)
        ));
    }
    if !meta.subject.is_empty() {
        d.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            escape(&meta.subject)
        ));
    }
    if !meta.lang.is_empty() {
        d.push_str(&format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
            escape(&meta.lang)
        ));
    }
    d.push_str("<xmp:CreatorTool>lotaip</xmp:CreatorTool>\n");
    if let Some((y, m, day)) = meta.date {
        let date = format!("{y:04}-{m:02}-{day:02}T00:00:00");
        d.push_str(&format!(
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"
        ));
    }
    d.push_str("<pdf:Producer>lotaip</pdf:Producer>\n");
    d.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n");
    d.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
{d}</rdf:Description>\n{PDFUA_SCHEMA}</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}
