"""Guards around pdfminer for hostile PDFs: reference loops, stream bombs, huge pages.

pdfminer follows an indirect reference with `while isinstance(x, PDFObjRef): x =
x.resolve()` (`pdftypes.resolve1`, `resolve_all`, and pdfplumber's own copies), so an
object that is only a reference to itself (`6 0 obj 6 0 R`), or two that refer to each
other, spin forever wherever they are reached: the page tree, a page's /Contents or
/MediaBox... Every one of those loops calls `PDFObjRef.resolve`, so that one method is
wrapped (once per process, `install()`): it follows a chain of references itself and
raises `ReferenceLoopError` when an object comes round again. The loops stop at once,
and a Ctrl-C is never needed (nor swallowed by a close that re-enters the loop).

The same wrapper pattern bounds FlateDecode streams (`PDFStream.decode` inflates a
whole stream in one call): the inflated size is first measured in 1 MB steps, keeping
nothing, and a stream past `Limits.member_mb` is refused before pdfminer inflates it.
`lay_out` builds a page's layout as pdfplumber does, counting characters as pdfminer
renders them, so a page past `Limits.page_chars` stops there.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjectNotFound, PDFObjRef, PDFStream

from ingest.errors import CorruptDocumentError, IngestError
from ingest.limits import Limits, exceeded

__all__ = [
    "ReferenceLoopError",
    "check_page_count",
    "install",
    "lay_out",
    "limits_in_force",
    "open_pdf",
]

_MB = 1024 * 1024


class ReferenceLoopError(CorruptDocumentError):
    """An indirect object that resolves, through references only, back to itself."""


def _resolve_without_loops(self: PDFObjRef, default: object = None) -> Any:
    """`PDFObjRef.resolve`, following a chain of references to its end; a loop raises."""
    seen: list[int] = []
    x: Any = self
    while isinstance(x, PDFObjRef):
        if x.objid in seen:
            chain = " -> ".join(str(i) for i in (*seen, x.objid))
            raise ReferenceLoopError(f"corrupt PDF: a reference loop (objects {chain})")
        seen.append(x.objid)
        assert x.doc is not None
        try:
            x = x.doc.getobj(x.objid)
        except PDFObjectNotFound:
            return default
    return x


#: the limits of the document being read (set by `limits_in_force`; forked workers
#: inherit it with the rest of memory)
_LIMITS = Limits()
_ORIGINAL_DECODE = PDFStream.decode


def _inflated_size_at_most(data: bytes, cap: int) -> bool:
    """Whether `data` inflates to at most `cap` bytes, measured without keeping it."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        while data:
            total += len(inflater.decompress(data, _MB))
            if total > cap:
                return False
            data = inflater.unconsumed_tail
    except zlib.error:
        return True  # not valid zlib: pdfminer's own error handling decides
    return True


def _decode_bounded(self: PDFStream) -> None:
    filters = self.get_filters()
    if filters and filters[0][0] in LITERALS_FLATE_DECODE and self.rawdata is not None:
        data = self.rawdata
        if self.decipher and self.objid is not None and self.genno is not None:
            data = self.decipher(self.objid, self.genno, data, self.attrs)
        cap = int(_LIMITS.member_mb * _MB)
        if not _inflated_size_at_most(data, cap):
            raise exceeded(
                f"PDF stream (object {self.objid}) inflates to more than {_LIMITS.member_mb:g} MB",
                "member_mb",
                f"{_LIMITS.member_mb:g} MB",
            )
    _ORIGINAL_DECODE(self)


def install() -> None:
    """Put the guards in place (idempotent; pdfminer is patched once per process)."""
    PDFObjRef.resolve = _resolve_without_loops  # type: ignore[method-assign]
    PDFStream.decode = _decode_bounded  # type: ignore[method-assign]


@contextlib.contextmanager
def limits_in_force(limits: Limits) -> Iterator[None]:
    """The limits the stream guard applies while a document is read."""
    global _LIMITS
    install()
    before, _LIMITS = _LIMITS, limits
    try:
        yield
    finally:
        _LIMITS = before


def lay_out(page: Any, number: int, limits: Limits) -> None:
    """Lay out a pdfplumber page as `Page.layout` would, refusing it past
    `limits.page_chars` characters (counted as pdfminer renders them, so a page of a
    million characters stops at the limit instead of filling memory first)."""
    if hasattr(page, "_layout"):
        return
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    cap = limits.page_chars

    class Counting(PDFPageAggregatorWithMarkedContent):
        chars = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.chars += 1
            if self.chars > cap:
                raise exceeded(f"page {number} has more than {cap} characters", "page_chars", cap)
            return super().render_char(*args, **kwargs)

    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except IngestError:
        raise
    except Exception as exc:  # as pdfplumber's own layout does
        raise PdfminerException(exc) from exc
    page._layout = device.get_result()


def check_page_count(pdf: Any, limits: Limits) -> None:
    """Refuse a PDF of more than `limits.pages` pages, walking the page tree only that far
    (pdfplumber's `pdf.pages` would build every page object first)."""
    import itertools

    from pdfminer.pdfpage import PDFPage

    walked = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.pages + 1))
    if walked > limits.pages:
        raise exceeded(f"more than {limits.pages} pages", "pages", limits.pages)


@contextlib.contextmanager
def open_pdf(path: str, password: str | None) -> Iterator[Any]:
    """`pdfplumber.open`, closed without building pages it never built.

    pdfplumber's `close()` walks `pdf.pages`, which builds every page object first: after a
    refusal that is the very work refused (95 s for 100k pages), or the reference loop
    again (why the first Ctrl-C used to be swallowed). Then only the file is closed.
    """
    import pdfplumber

    pdf = pdfplumber.open(path, password=password)
    try:
        yield pdf
    finally:
        if "_pages" in pdf.__dict__:
            pdf.close()
        elif not pdf.stream_is_external:
            pdf.stream.close()


install()  # any pdfplumber use in a process that imported ingest's PDF reader is guarded
