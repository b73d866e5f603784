#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of each fuzz target into OUTDIR/<target>/: small valid inputs of
each kind, written here rather than taken from elsewhere, so that the fuzzers start from
inputs that reach deep into the parsers."""
import json
import os
import sys

SEP = b"\x01"


def pdf(pages):
    """A PDF with one page per string, in Helvetica, with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        lines = b"".join(b"(%s) Tj 0 -14 Td " % line.encode("latin-1") for line in text.split("\n"))
        stream = b"BT /F1 12 Tf 72 720 Td " + lines + b"ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content)
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info << /Title (Decline) /Author (Marwick) >> >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


DOCX_BODY = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>The Decline of Varnholm</w:t></w:r></w:p>'
             '<w:p><w:r><w:t xml:space="preserve">Harbour dues </w:t></w:r><w:r><w:rPr><w:i/></w:rPr>'
             '<w:t>doubled</w:t></w:r><w:r><w:tab/><w:t>in 1712.</w:t><w:br/><w:t>Trade left</w:t>'
             '<w:noBreakHyphen/><w:t>soon.</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>Łódź &amp; Gdańsk</w:t></w:r></w:p>'
             '</w:body></w:document>')
DOCX_META = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
             '<dc:title>The Decline of Varnholm</dc:title><dc:creator>Helena Marwick</dc:creator>'
             '<dcterms:created>1956-03-01T00:00:00Z</dcterms:created></cp:coreProperties>')
ODT_BODY = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
            '<text:h text:outline-level="1">The Decline of Varnholm</text:h>'
            '<text:p>Harbour dues <text:span>doubled</text:span>,<text:s text:c="2"/>trade'
            '<text:tab/>left.<text:line-break/>Łódź &amp; Gdańsk</text:p>'
            '<text:list><text:list-item><text:p>The mills.</text:p></text:list-item></text:list>'
            '</office:text></office:body></office:document-content>')
ODT_META = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">'
            '<office:meta><dc:title>The Decline of Varnholm</dc:title><meta:initial-creator>Helena Marwick'
            '</meta:initial-creator><dc:creator>H. Marwick</dc:creator><meta:creation-date>1956-03-01T00:00:00'
            '</meta:creation-date></office:meta></office:document-meta>')


# Inputs the fuzzers found, kept so that every run tries them again (each has a regression test in
# the normal suite, named here).
# GMarkup quoted the invalid bytes in its message (test-import /import/zip/invalid-bytes-in-xml).
DOCX_INVALID_BYTES = (b'\x00<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xml'
                      b'ns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:b'
                      b'ody><w:p><w:pPr><w:pStyle w:vTal="itle"/></w:pPr><w:r><w:t>The Decline o'
                      b'f Varnholm</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Harbour '
                      b'dues </w:t></w:r><w:\xf2><w:rPr><w:i/></w:rPr><w:t>doubled</w:t></w:r><w:r>'
                      b'<w:tab/><w:t>in 1712.</w:t><w:br/><w:t>Trade left</w:t><w:noBreakHyphen/'
                      b'><w:t>soon.</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w'
                      b':numPr></w:pPr><w:r><w:t>\xc5\x81\xc3\xb3d\xc5\xba &amp; Gda\xc5\x84sk</w:t></w:r></w:p></w:body'
                      b'></w:document>')
ODT_INVALID_BYTES = (b'\x00<?xml\xa0version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:o'
                     b'ffice="urn8oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn'
                     b':oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><'
                     b'text:h text:outline-level="1"\xc8\xab\x97\x9a Decline of Varnholm</text:h><text:p>Ha'
                     b'rbour dues <teontent>')

def w3c(source, start, end, exact):
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:8d5a1e2c-0b4f-4f7e-9a53-5c2d1e6f7a%02d" % start,
        "type": "Annotation",
        "created": "2024-01-02T03:04:05Z",
        "body": [
            {"type": "TextualBody", "purpose": "classifying", "value": "evidence"},
            {"type": "TextualBody", "purpose": "tagging", "value": "trade"},
            {"type": "TextualBody", "purpose": "commenting", "value": "Compare \u0141\u00f3d\u017a."},
        ],
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": "Varnholm's ", "suffix": " doubled"},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def anchor(text, edits, passages):
    out = text.encode() + SEP + bytes([len(edits)])
    for position, deleted, inserted in edits:
        out += position.to_bytes(2, "big") + bytes([deleted]) + inserted.encode() + SEP
    for start, length, flags in passages:
        out += start.to_bytes(2, "big") + bytes([length, flags])
    return out


ESSAY = ("The Decline of Varnholm\n\nVarnholm's harbour dues doubled in 1712, and the river port "
         "lost its trade to Łódź and Gdańsk within a generation. Historians disagree about why the "
         "port declined; the harbour dues are only one answer.")

SEEDS = {
    "fuzz-import-txt": {
        "utf8.txt": ESSAY.encode(),
        "latin1.txt": "Café owners kept ledgers.\r\n\r\nThe quay of Varnholm, 1712.\r\n".encode("latin-1"),
        "utf16.txt": "\ufeffThe port declined.\n\nŁódź took the trade.\n".encode("utf-16-le"),
        "bom.txt": b"\xef\xbb\xbfTitle\n\n\tIndented \x0cpage.\n",
    },
    "fuzz-import-md": {
        "essay.md": ("---\ntitle: The Decline of Varnholm\nauthor: Helena Marwick\ndate: 1956\n---\n\n"
                     "# The Decline of Varnholm\n\nHarbour dues *doubled* in **1712**[^1], see "
                     "[the ledgers](https://example.org/ledgers \"Ledgers\") and `code`.\n\n"
                     "> A quotation\n> over two lines.\n\n- one\n- two\n  1. nested\n\n"
                     "Setext\n------\n\n```\nfenced <b>\n```\n\n<div>raw *html*</div>\n\n"
                     "![plate](plate.png) &amp; &copy; \\*escaped\\* <https://example.org>\n\n"
                     "[^1]: The harbour master's accounts.\n").encode(),
        "refs.md": b"[a][ref] and [b]\n\n[ref]: /url 'title'\n[b]: <x y>\n\n***\n\n1) x\n2) y\n",
    },
    "fuzz-import-html": {
        "essay.html": ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<title>The Decline of Varnholm</title><meta name=\"author\" content=\"Helena Marwick\">"
                       "<meta name=\"citation_date\" content=\"1956\"><style>p{}</style><script>var x;</script>"
                       "</head><body><nav>Menu</nav><article><h1>The Decline</h1><p>Harbour dues <em>doubled"
                       "</em> in 1712&nbsp;&mdash; &#x141;&oacute;d&#378;.</p><ul><li>one<li>two</ul>"
                       "<blockquote>Quoted<br>line</blockquote><pre>  kept\n  spaces</pre>"
                       "<table><tr><td>a<td>b</table></article><footer>Footer</footer></body></html>").encode(),
        "latin1.html": "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                       "</head><body><p>Café</p></body></html>".encode("latin-1"),
    },
    "fuzz-import-pdf": {
        "two-pages.pdf": pdf(["The Decline of Varnholm", "Harbour dues doubled in 1712, and the river\n"
                              "port lost its trade to Gdansk within a gener-\nation."]),
        "blank-page.pdf": pdf(["Harbour dues dou-", "", "bled in 1712."]),
    },
    "fuzz-import-docx": {"body.xml": b"\x00" + DOCX_BODY.encode(), "core.xml": b"\x01" + DOCX_META.encode(),
                         "invalid-bytes.xml": DOCX_INVALID_BYTES},
    "fuzz-import-odt": {"content.xml": b"\x00" + ODT_BODY.encode(), "meta.xml": b"\x01" + ODT_META.encode(),
                        "invalid-bytes.xml": ODT_INVALID_BYTES},
    "fuzz-w3c": {
        # Odd length: imported into the essay; even: found through the target's source.
        "one.json": json.dumps(w3c("https://example.org/varnholm", 36, 48, "harbour dues")).encode(),
        "page.json": json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage",
                                 "items": [w3c("https://example.org/varnholm", 36, 48, "harbour dues"),
                                           w3c("urn:uuid:00000000-0000-0000-0000-000000000000", 5, 9,
                                               "Decline")]}, indent=1).encode(),
        "collection.json": json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                                       "first": {"type": "AnnotationPage", "items": [w3c(
                                           "https://example.org/varnholm", 200, 212, "river port")]}}).encode(),
        "array.json": json.dumps([w3c("https://example.org/varnholm", 0, 3, "The")]).encode(),
    },
    "fuzz-anchor": {
        "unchanged": anchor(ESSAY, [], [(36, 12, 0), (10, 8, 1), (0, 3, 2)]),
        "inserted": anchor(ESSAY, [(30, 0, "ancient ")], [(36, 12, 0), (120, 30, 0)]),
        "deleted": anchor(ESSAY, [(40, 5, "")], [(36, 12, 0), (150, 20, 3)]),
        "corrected": anchor(ESSAY, [(60, 1, "x"), (100, 2, "é")], [(55, 20, 0), (95, 25, 2)]),
        "repeated": anchor("dues dues dues dues", [(0, 5, "")], [(5, 4, 0), (10, 4, 1)]),
    },
    "fuzz-search": {
        "word": b"harbour", "phrase": b'"harbour dues"', "prefix": b"declin*", "letters": b"Lodz",
        "operators": b"port AND (trade OR mills) NOT weavers", "near": b"NEAR(harbour port, 5)",
        "column": b"title:varnholm", "columns": b"{title text}: decline", "broken": b'"unterminated (',
        "accents": b"cafe", "caret": b"^the",
        # A NEAR distance FTS5 refused with a message Scholia did not take for a syntax error
        # (test-search /search/syntax/invalid-searches-words).
        "near-distance": b"NEAR(harboup port, 6up )",
    },
}


def main():
    outdir = sys.argv[1]
    for target, files in SEEDS.items():
        os.makedirs(os.path.join(outdir, target), exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(outdir, target, name), "wb") as out:
                out.write(data)


if __name__ == "__main__":
    main()
