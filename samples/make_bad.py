"""Bad and odd inputs for the reliability work, small and deterministic (samples/bad/).

Each file exercises one failure a reader must report clearly instead of crashing or returning
an empty plan: no text layer, encryption, truncation, a table that is not an action plan, a
missing column, an empty file, a text file with a .pdf name, a broken DOCX zip.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from docx.oxml.ns import qn
from make_docx import build_per_theme, save_deterministic
from plan_data import SampleAction
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def scanned_pdf(source_pdf: Path, out: Path) -> None:
    """Page 2 of a real sample rendered to a greyscale JPEG and wrapped with no text layer."""
    # A fixed image path: reportlab names the image XObject after it, so a temp dir would make
    # every rebuild differ.
    stem = out.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-jpeg",
            "-gray",
            "-r",
            "90",
            "-f",
            "2",
            "-l",
            "2",
            "-singlefile",
            str(source_pdf),
            str(stem),
        ],
        check=True,
    )
    jpeg = stem.with_suffix(".jpg")
    try:
        width, height = landscape(A4)
        c = canvas.Canvas(str(out), pagesize=(width, height), invariant=1)
        c.drawImage(str(jpeg), 0, 0, width=width, height=height)
        c.showPage()
        c.save()
    finally:
        jpeg.unlink(missing_ok=True)


def encrypted_pdf(source_pdf: Path, out: Path) -> None:
    """First two pages, AES-128 encrypted with user password 'council' (owner 'edi-owner')."""
    subprocess.run(
        [
            "qpdf",
            "--static-id",
            "--static-aes-iv",
            "--encrypt",
            "council",
            "edi-owner",
            "128",
            "--use-aes=y",
            "--",
            str(source_pdf),
            "--pages",
            str(source_pdf),
            "1-2",
            "--",
            str(out),
        ],
        check=True,
    )


def truncated_pdf(source_pdf: Path, out: Path, fraction: float = 0.4) -> None:
    """The first 40 % of a real sample's bytes: header present, xref and trailer gone."""
    data = source_pdf.read_bytes()
    out.write_bytes(data[: int(len(data) * fraction)])


def invoice_pdf(out: Path) -> None:
    """A ruled table that is not an action plan (an invoice), drawn with reportlab."""
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        invariant=1,
        title="Invoice INV-2025-0142",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    rows = [
        ["Item", "Description", "Qty", "Unit price", "Amount"],
        ["1", "Room hire – New Shire Hall, EDI conference", "1", "£450.00", "£450.00"],
        ["2", "BSL interpreter (half day)", "2", "£180.00", "£360.00"],
        ["3", "Printed large-print packs", "60", "£2.50", "£150.00"],
        ["4", "Catering – lunch and refreshments", "85", "£9.75", "£828.75"],
        ["", "", "", "Subtotal", "£1,788.75"],
        ["", "", "", "VAT 20%", "£357.75"],
        ["", "", "", "Total", "£2,146.50"],
    ]
    table = Table(rows, colWidths=[14 * mm, 86 * mm, 14 * mm, 26 * mm, 28 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -4), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("FONTNAME", (3, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    story = [
        Paragraph("Harbour Events Ltd", styles["Title"]),
        Paragraph(
            "Invoice INV-2025-0142 · 14 February 2025 · Payment due within 30 days",
            styles["Normal"],
        ),
        Paragraph("Bill to: Cambridgeshire County Council, EDI Team", styles["Normal"]),
        Spacer(1, 8 * mm),
        table,
    ]
    doc.build(story)


def missing_action_docx(actions: list[SampleAction], out: Path) -> None:
    """A council-layout DOCX of Objective 1 whose table has no Action column (7 columns):
    the action is the one column a plan must have (issue 14; any other may be absent)."""
    doc = build_per_theme([a for a in actions if a.objective == "1"], "missing Action column")
    table = doc.tables[0]
    tbl = table._tbl
    grid_cols = tbl.tblGrid.findall(qn("w:gridCol"))
    tbl.tblGrid.remove(grid_cols[1])
    for tr in tbl.findall(qn("w:tr")):
        tcs = tr.findall(qn("w:tc"))
        if len(tcs) == 8:
            tr.remove(tcs[1])
        else:
            span = tcs[0].tcPr.find(qn("w:gridSpan"))
            span.set(qn("w:val"), "7")
    save_deterministic(doc, out)


def corrupt_docx(source_docx: Path, out: Path) -> None:
    """A DOCX zip cut in half: the central directory is missing."""
    data = source_docx.read_bytes()
    out.write_bytes(data[: len(data) // 2])


def build_bad(out: Path, source_pdf: Path, source_docx: Path, actions: list[SampleAction]) -> None:
    """Write every bad input into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    scanned_pdf(source_pdf, out / "scanned.pdf")
    encrypted_pdf(source_pdf, out / "encrypted.pdf")
    truncated_pdf(source_pdf, out / "truncated.pdf")
    invoice_pdf(out / "invoice.pdf")
    missing_action_docx(actions, out / "missing-action-column.docx")
    corrupt_docx(source_docx, out / "corrupt.docx")
    (out / "empty.pdf").write_bytes(b"")
    (out / "notes.pdf").write_text(
        "Notes from the EDI Leadership Forum, 12 March 2025\n\n"
        "- Action plan update to CLT in April.\n- Check Theme B progress logs before publishing.\n",
        encoding="utf-8",
    )
