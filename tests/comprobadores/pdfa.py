"""Independent check of the PDF/A-2u requirements a file can be judged on
without a full validator, with pikepdf (qpdf): header and version, XMP
identification equal to the information dictionary, the sRGB output intent,
embedded fonts with Unicode maps, printable annotations with only a normal
appearance, no encryption, no JavaScript, no embedded files, no CMYK
colours, no transparency, a file ID; in a signed file (6.4.3), one
signature whose /ByteRange covers the whole file but its hexadecimal
/Contents, and no form field that asks viewers to build appearances.

Usage: python3 pdfa.py FILE.pdf...  Prints one line per file; exits 1 on
the first file that fails, naming the rule."""

import sys

import pikepdf
from pikepdf import Name


def fail(path, rule):
    print(f"{path}: NO CUMPLE: {rule}")
    sys.exit(1)


def info_date_to_xmp(d):
    # D:YYYYMMDDHHmmSS (no time zone) -> YYYY-MM-DDTHH:mm:SS
    d = str(d)[2:]
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}"


def walk(obj, seen, visit):
    """Visits every dictionary reachable from obj once."""
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, pikepdf.Object) and o.is_indirect:
            key = o.objgen
            if key in seen:
                continue
            seen.add(key)
        if isinstance(o, pikepdf.Stream):
            visit(o.stream_dict)
            stack.extend(o.stream_dict.values())
        elif isinstance(o, pikepdf.Dictionary):
            visit(o)
            stack.extend(o.values())
        elif isinstance(o, pikepdf.Array):
            stack.extend(list(o))


def check(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"%PDF-1.7\n%") or not all(b >= 128 for b in raw[10:14]):
        fail(path, "cabecera %PDF-1.7 seguida de un comentario binario")
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            fail(path, "cifrado")
        ident = pdf.trailer.get("/ID")
        if ident is None or len(ident) != 2:
            fail(path, "identificador del archivo (ID) en el trailer")
        root = pdf.Root
        md = root.get("/Metadata")
        if md is None or "/Filter" in md.stream_dict:
            fail(path, "metadatos XMP sin filtro en el catálogo")
        meta = pdf.open_metadata()
        if meta.pdfa_status != "2A":
            fail(path, f"pdfaid 2A (declara {meta.pdfa_status!r})")
        info = pdf.docinfo
        pairs = [
            ("/Title", "dc:title"),
            ("/Subject", "dc:description"),
            ("/Creator", "xmp:CreatorTool"),
            ("/Producer", "pdf:Producer"),
        ]
        for key, prop in pairs:
            if key in info and str(info[key]) != str(meta.get(prop)):
                fail(path, f"{key} del diccionario Info distinto de {prop} en XMP")
        if "/Author" in info and list(meta.get("dc:creator") or []) != [str(info.Author)]:
            fail(path, "/Author distinto de dc:creator")
        for key, prop in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
            if key in info and info_date_to_xmp(info[key]) != str(meta.get(prop)):
                fail(path, f"{key} distinta de {prop}")
        intents = root.get("/OutputIntents")
        if intents is None or len(intents) != 1 or intents[0].S != Name.GTS_PDFA1:
            fail(path, "un OutputIntent GTS_PDFA1")
        icc = intents[0].DestOutputProfile
        data = icc.read_bytes()
        if int(icc.N) != 3 or data[36:40] != b"acsp" or data[16:20] != b"RGB ":
            fail(path, "perfil ICC RGB incrustado en el OutputIntent")
        for key in ["/AA", "/OpenAction"]:
            if key in root:
                fail(path, f"{key} en el catálogo")
        names = root.get("/Names")
        if names is not None and ("/JavaScript" in names or "/EmbeddedFiles" in names):
            fail(path, "JavaScript o archivos incrustados")
        if "/AcroForm" in root and "/XFA" in root.AcroForm:
            fail(path, "formulario XFA")
        problems = []

        def visit(d):
            if d.get("/S") in (Name.JavaScript, Name.Launch):
                problems.append("acción JavaScript o Launch")
            if d.get("/Type") == Name.ExtGState:
                if d.get("/SMask", Name("/None")) != Name("/None"):
                    problems.append("transparencia (SMask)")
                for k in ("/CA", "/ca"):
                    if k in d and float(d[k]) != 1.0:
                        problems.append("transparencia (CA)")
            if d.get("/Type") == Name.Font:
                sub = d.get("/Subtype")
                if sub == Name.Type0:
                    desc = d.DescendantFonts[0].FontDescriptor
                    if "/FontFile2" not in desc:
                        problems.append(f"fuente {d.BaseFont} sin incrustar")
                    if "/ToUnicode" not in d:
                        problems.append(f"fuente {d.BaseFont} sin ToUnicode")
                elif sub != Name.CIDFontType2:
                    problems.append(f"fuente {sub} no admitida")

        walk(root, set(), visit)
        if problems:
            fail(path, problems[0])
        for n, page in enumerate(pdf.pages, 1):
            for a in page.get("/Annots") or []:
                flags = int(a.get("/F", 0))
                if not flags & 4 or flags & (1 | 2 | 32):
                    fail(path, f"anotación de la página {n} no imprimible u oculta")
                if a.get("/Subtype") not in (Name.Link, Name.Popup):
                    ap = a.get("/AP")
                    if ap is None or set(ap.keys()) != {"/N"}:
                        fail(path, f"anotación {a.get('/Subtype')} de la página {n} sin apariencia normal (/AP con solo /N)")
                if a.get("/Subtype") == Name.Widget and ("/A" in a or "/AA" in a):
                    fail(path, f"campo con acciones en la página {n}")
        if "/AcroForm" in root:
            if bool(root.AcroForm.get("/NeedAppearances", False)):
                fail(path, "/NeedAppearances true en el formulario")
            check_signatures(path, root.AcroForm)
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("k", "K"):
                    fail(path, f"color CMYK en la página {n}")
        print(f"{path}: PDF/A-2a: cumple ({len(pdf.pages)} páginas)")


def check_signatures(path, acroform):
    """6.4.3: each signature's /ByteRange covers the entire file except
    /Contents, written in hexadecimal."""
    with open(path, "rb") as f:
        raw = f.read()
    for field in acroform.get("/Fields") or []:
        if field.get("/FT") != Name.Sig or "/V" not in field:
            continue
        r = [int(x) for x in field.V.ByteRange]
        if len(r) != 4 or r[0] != 0 or r[2] + r[3] != len(raw):
            fail(path, f"/ByteRange {r} no cubre el archivo entero")
        contents = raw[r[1]:r[2]]
        if not (contents.startswith(b"<") and contents.endswith(b">")):
            fail(path, "/Contents de la firma no es una cadena hexadecimal")
        try:
            bytes.fromhex(contents[1:-1].decode("ascii"))
        except ValueError:
            fail(path, "/Contents de la firma no es una cadena hexadecimal")


for p in sys.argv[1:]:
    check(p)
