"""Independent check of the tagged-PDF structure (PDF/UA-1, and the logical
structure PDF/A-2 level A asks for), with pikepdf (qpdf):

- the catalog marks the file as tagged, names its language, shows the title,
  and its XMP declares PDF/UA-1 (with the extension schema PDF/A needs);
- the structure tree uses standard types only; every element's /P is its
  parent; tables hold rows, rows hold cells, header cells carry a scope,
  figures an alternative text, headings some content;
- every text-showing and painting operator of every page is either inside
  the marked content of an element (BDC with an MCID whose tag is the
  element's type) or inside an artifact, never both;
- the MCIDs of the pages and those of the tree are the same set, each once,
  and the parent tree maps each back to its element;
- every annotation is tagged, with a /StructParent the parent tree
  resolves: a link under a /Link element (OBJR) with a /Contents text, a
  form field (the signature) under a /Form element with a /TU description;
  pages with annotations use the structure order for tabbing;
- the reading order of the tree is the order of the page content: walking
  the tree, the MCIDs of each page come in increasing order.

Usage: python3 etiquetas.py FILE.pdf...  Prints one line per file; exits 1
on the first file that fails, naming the rule."""

import sys

import pikepdf
from pikepdf import Name

STANDARD = {
    "/Document", "/Part", "/Art", "/Sect", "/Div", "/BlockQuote", "/Caption",
    "/TOC", "/TOCI", "/Index", "/NonStruct", "/Private", "/P", "/H", "/H1",
    "/H2", "/H3", "/H4", "/H5", "/H6", "/L", "/LI", "/Lbl", "/LBody",
    "/Table", "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot", "/Span",
    "/Quote", "/Note", "/Reference", "/BibEntry", "/Code", "/Link", "/Annot",
    "/Ruby", "/RB", "/RT", "/RP", "/Warichu", "/WT", "/WP", "/Figure",
    "/Formula", "/Form",
}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


def fail(path, rule):
    print(f"{path}: NO CUMPLE: {rule}")
    sys.exit(1)


def kids_of(elem):
    k = elem.get("/K")
    if k is None:
        return []
    if isinstance(k, pikepdf.Array):
        return list(k)
    return [k]


def check(path):
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            fail(path, "/MarkInfo << /Marked true >> en el catálogo")
        if str(root.get("/Lang", "")).strip() == "":
            fail(path, "/Lang en el catálogo")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            fail(path, "/DisplayDocTitle true")
        if str(pdf.docinfo.get("/Title", "")).strip() == "":
            fail(path, "título del documento")
        xmp = bytes(root.Metadata.read_bytes()).decode("utf-8")
        if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
            fail(path, "pdfuaid:part 1 en XMP")
        if "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" not in xmp:
            fail(path, "esquema de extensión de pdfuaid en XMP (PDF/A)")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            fail(path, "StructTreeRoot")

        page_of = {p.obj.objgen: n for n, p in enumerate(pdf.pages)}
        # Walk the tree: (page, mcid) -> element, in reading order.
        in_tree = {}
        order = []
        objr = {}
        elements = 0
        stack = [(k, tree, None) for k in reversed(kids_of(tree))]
        while stack:
            elem, parent, page = stack.pop()
            if not isinstance(elem, pikepdf.Dictionary):
                fail(path, "hijo de la raíz que no es un elemento")
            elements += 1
            role = str(elem.get("/S"))
            if role not in STANDARD:
                fail(path, f"tipo de estructura no estándar {role}")
            if elem.get("/P") is None or elem.P.objgen != parent.objgen:
                fail(path, f"/P de {role} no es su padre")
            pg = elem.get("/Pg")
            home = page_of.get(pg.objgen) if pg is not None else page
            kids = kids_of(elem)
            prole = str(parent.get("/S"))
            if role in ("/TR",) and prole not in ("/Table", "/THead", "/TBody", "/TFoot"):
                fail(path, f"TR dentro de {prole}")
            if role in ("/TH", "/TD") and prole != "/TR":
                fail(path, f"{role} dentro de {prole}")
            if role in ("/THead", "/TBody", "/TFoot", "/Caption") and prole != "/Table":
                fail(path, f"{role} dentro de {prole}")
            if role == "/TH":
                a = elem.get("/A")
                if a is None or a.get("/Scope") not in (Name.Column, Name.Row, Name.Both):
                    fail(path, "TH sin /Scope")
            if role == "/Figure" and str(elem.get("/Alt", "")).strip() == "":
                fail(path, "Figure sin texto alternativo")
            if role in ("/H1", "/H2", "/H3", "/P", "/Caption", "/Link") and not kids:
                fail(path, f"{role} vacío")
            children = []
            for k in kids:
                if isinstance(k, int):
                    if home is None:
                        fail(path, f"MCID {int(k)} de {role} sin página")
                    key = (home, int(k))
                    if key in in_tree:
                        fail(path, f"MCID {key} en dos elementos")
                    in_tree[key] = elem
                    order.append(key)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.MCR:
                    key = (page_of[k.Pg.objgen], int(k.MCID))
                    if key in in_tree:
                        fail(path, f"MCID {key} en dos elementos")
                    in_tree[key] = elem
                    order.append(key)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.OBJR:
                    if role not in ("/Link", "/Annot", "/Form"):
                        fail(path, f"anotación bajo {role}")
                    objr[k.Obj.objgen] = elem
                else:
                    children.append((k, elem, home))
            stack.extend(reversed(children))

        # Reading order: per page, the tree's MCIDs increase.
        last = {}
        for page, mcid in order:
            if mcid <= last.get(page, -1):
                fail(path, f"orden de lectura distinto del de la página {page + 1}")
            last[page] = mcid

        nums = {}
        pt = tree.ParentTree
        todo = [pt]
        while todo:
            node = todo.pop()
            if "/Nums" in node:
                a = list(node.Nums)
                for i in range(0, len(a), 2):
                    nums[int(a[i])] = a[i + 1]
            todo.extend(node.get("/Kids") or [])

        in_content = set()
        for n, page in enumerate(pdf.pages):
            stack = []  # 'real' or 'artifact'
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    if tag == "/Artifact":
                        if "real" in stack:
                            fail(path, f"artefacto dentro de contenido etiquetado (página {n + 1})")
                        stack.append("artifact")
                    elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        if "artifact" in stack:
                            fail(path, f"contenido etiquetado dentro de un artefacto (página {n + 1})")
                        mcid = int(operands[1].MCID)
                        key = (n, mcid)
                        if key in in_content:
                            fail(path, f"MCID {mcid} dos veces en la página {n + 1}")
                        in_content.add(key)
                        elem = in_tree.get(key)
                        if elem is None:
                            fail(path, f"MCID {mcid} de la página {n + 1} fuera del árbol")
                        if str(elem.S) != tag:
                            fail(path, f"marca {tag} para un elemento {elem.S}")
                        stack.append("real")
                    else:
                        stack.append("other")
                elif op == "EMC":
                    if not stack:
                        fail(path, f"EMC sin abrir (página {n + 1})")
                    stack.pop()
                elif op in TEXT_OPS or op in PAINT_OPS:
                    if "real" not in stack and "artifact" not in stack:
                        fail(path, f"contenido sin etiquetar ni artefacto: {op} en la página {n + 1}")
            if stack:
                fail(path, f"contenido marcado sin cerrar en la página {n + 1}")
            mcids = [m for (p, m) in in_tree if p == n]
            if mcids:
                key = page.obj.get("/StructParents")
                if key is None:
                    fail(path, f"página {n + 1} sin /StructParents")
                arr = nums.get(int(key))
                if arr is None:
                    fail(path, f"árbol de padres sin la página {n + 1}")
                for m in mcids:
                    if m >= len(arr) or arr[m].objgen != in_tree[(n, m)].objgen:
                        fail(path, f"árbol de padres: MCID {m} de la página {n + 1}")
            annots = page.obj.get("/Annots") or []
            if len(annots) and page.obj.get("/Tabs") != Name.S:
                fail(path, f"página {n + 1} con anotaciones sin /Tabs /S")
            for a in annots:
                elem = objr.get(a.objgen) if a.is_indirect else None
                if elem is None:
                    fail(path, f"anotación {a.get('/Subtype')} de la página {n + 1} fuera del árbol")
                sp = a.get("/StructParent")
                if sp is None or nums.get(int(sp)) is None or nums[int(sp)].objgen != elem.objgen:
                    fail(path, f"/StructParent de una anotación de la página {n + 1}")
                if a.get("/Subtype") == Name.Widget:
                    if str(elem.S) != "/Form":
                        fail(path, "campo de formulario fuera de un elemento Form")
                    if str(a.get("/TU", "")).strip() == "":
                        fail(path, "campo de formulario sin /TU (su descripción)")
                if a.get("/Subtype") == Name.Link:
                    if str(elem.S) != "/Link":
                        fail(path, "enlace fuera de un elemento Link")
                    if str(a.get("/Contents", "")).strip() == "":
                        fail(path, "enlace sin /Contents")
        if in_content != set(in_tree):
            missing = sorted(set(in_tree) - in_content)[:3]
            fail(path, f"MCID del árbol sin contenido en la página: {missing}")
        print(f"{path}: etiquetas: cumple ({elements} elementos, {len(in_tree)} contenidos marcados)")


for p in sys.argv[1:]:
    check(p)
