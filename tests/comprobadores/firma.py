"""Independent check of the PAdES signature of PDFs, with pyHanko (the
validation `pyhanko sign validate` runs): each file has exactly one
signature, of SubFilter ETSI.CAdES.detached, cryptographically sound,
covering the entire file with no modification after it, made by a
certificate that chains to the given trust anchor, with the ESS
signing-certificate-v2 attribute and without a CMS signing-time attribute
(PAdES B-B puts the time, if any, in /M).

Usage: python3 firma.py CA.pem FILE.pdf...  Prints one line per file;
exits 1 on the first file that fails, naming the rule."""

import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


def fail(path, rule):
    print(f"{path}: NO VÁLIDA: {rule}")
    sys.exit(1)


def check(path, context):
    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        sigs = reader.embedded_signatures
        if len(sigs) != 1:
            fail(path, f"{len(sigs)} firmas (se esperaba una)")
        sig = sigs[0]
        if str(sig.sig_object.get("/SubFilter")) != "/ETSI.CAdES.detached":
            fail(path, f"SubFilter {sig.sig_object.get('/SubFilter')}")
        attrs = sig.signer_info["signed_attrs"]
        types = {a["type"].native for a in attrs}
        if "signing_certificate_v2" not in types:
            fail(path, "falta el atributo signing-certificate-v2")
        if "signing_time" in types:
            fail(path, "atributo signing-time en la firma (PAdES lo prohíbe)")
        status = validate_pdf_signature(sig, context)
        if not status.intact or not status.valid:
            fail(path, "la firma no es criptográficamente válida")
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            fail(path, f"la firma no cubre el archivo entero ({status.coverage})")
        if status.modification_level is not None and status.modification_level.name != "NONE":
            fail(path, f"modificado después de firmar ({status.modification_level})")
        if not status.trusted:
            fail(path, "el certificado no se encadena con la autoridad de confianza")
        if not status.bottom_line:
            fail(path, status.pretty_print_details())
        subject = status.signing_cert.subject.human_friendly
        print(f"{path}: firma: válida ({subject}; cubre el archivo entero)")


anchor = load_cert_from_pemder(sys.argv[1])
context = ValidationContext(trust_roots=[anchor])
for p in sys.argv[2:]:
    check(p, context)
