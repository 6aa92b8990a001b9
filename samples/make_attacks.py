"""Hostile PDFs for the security tests (samples/bad/attacks/), written byte by byte.

Each is a few hundred bytes with a correct cross-reference table, so pdfminer reads it
exactly as an attacker meant: the reference loops that used to hang plantrack for ever
(`6 0 obj 6 0 R`, or two objects referring to each other, reached from the page tree, a
page's /Contents or its /MediaBox), a page tree whose /Kids lead back to its root, and a
PDF whose opening action is JavaScript. Bombs (huge pages, streams, archives) are built by
the tests at run time instead: they are big by nature.

    .venv/bin/python samples/make_attacks.py     # rewrites samples/bad/attacks/*.pdf
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent / "bad" / "attacks"

_TEXT = b"BT /F1 12 Tf 72 720 Td (EDI action plan) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of `objects` (object k+1 is objects[k]) with a byte-exact xref table."""
    parts = [b"%PDF-1.4\n"]
    offsets = []
    size = len(parts[0])
    for number, body in enumerate(objects, start=1):
        offsets.append(size)
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        size += len(parts[-1])
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    parts.extend(b"%010d 00000 n \n" % o for o in offsets)
    parts.append(b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer_extra))
    parts.append(b"startxref\n%d\n%%%%EOF\n" % size)
    return b"".join(parts)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def one_page(
    *,
    pages_ref: bytes = b"2 0 R",
    kids: bytes = b"[3 0 R]",
    contents: bytes = b"4 0 R",
    mediabox: bytes = b"[0 0 612 792]",
    tail: tuple[bytes, ...] = (),
    catalog_extra: bytes = b"",
) -> bytes:
    """Catalog 1, Pages 2, Page 3, contents 4, font 5, then `tail` as objects 6, 7..."""
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages %s%s >>" % (pages_ref, catalog_extra),
            b"<< /Type /Pages /Kids %s /Count 1 >>" % kids,
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents %s "
            b"/Resources << /Font << /F1 5 0 R >> >> >>" % (mediabox, contents),
            stream(_TEXT),
            _FONT,
            *tail,
        ]
    )


SELF = (b"6 0 R",)  # object 6 is a reference to itself
TWO = (b"7 0 R", b"6 0 R")  # objects 6 and 7 refer to each other

ATTACKS: dict[str, bytes] = {
    "loop-self-pages.pdf": one_page(pages_ref=b"6 0 R", tail=SELF),
    "loop-two-pages.pdf": one_page(pages_ref=b"6 0 R", tail=TWO),
    "loop-self-kids.pdf": one_page(kids=b"6 0 R", tail=SELF),
    "loop-two-kids.pdf": one_page(kids=b"6 0 R", tail=TWO),
    "loop-self-contents.pdf": one_page(contents=b"6 0 R", tail=SELF),
    "loop-two-contents.pdf": one_page(contents=b"6 0 R", tail=TWO),
    "loop-self-mediabox.pdf": one_page(mediabox=b"6 0 R", tail=SELF),
    "loop-two-mediabox.pdf": one_page(mediabox=b"6 0 R", tail=TWO),
    # held before #12, kept so: the page tree's /Kids include the root /Pages itself
    "page-tree-cycle.pdf": one_page(kids=b"[3 0 R 2 0 R]"),
    # held before #12, kept so: JavaScript run on opening (plantrack never runs it)
    "javascript-action.pdf": one_page(
        catalog_extra=b" /OpenAction 6 0 R",
        tail=(b"<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\)) >>",),
    ),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in ATTACKS.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
