"""The DOCX reader: a Word document's action table(s) in their accepted view.

`package` opens the file (safe XML, Strict read as transitional), `text` gives the text
a person reads, `shading` the colour a cell shows, `tables` walks blocks, rows and cells
through content controls, and `reader` turns them into the plan's rows.
"""

from ingest.docx.reader import DocxRead, document_rows, read_docx
from ingest.docx.text import accepted_text, as_read, describe_changes, tracked_changes

__all__ = [
    "DocxRead",
    "accepted_text",
    "as_read",
    "describe_changes",
    "document_rows",
    "read_docx",
    "tracked_changes",
]
