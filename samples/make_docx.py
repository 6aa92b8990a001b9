"""Draw a sample version as a council-style DOCX (python-docx), in two table layouts.

`plan.docx`: one table per theme (theme title as a bold paragraph above it), so the header's last
column can be renamed at Theme B exactly as published. `plan-onetable.docx`: a single table with
Theme rows as full-width merged rows, header "Progress update" throughout, and the No. cell
vertically merged (vMerge) over the unnumbered actions that follow a number.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from plan_data import HEADER, SampleAction, progress_heading

FONT = "Arial"
BODY_PT = 8
# Column widths in mm; the usable width of landscape A4 with narrow (12.7 mm) margins is 271.6 mm.
WIDTHS_MM = (12, 52, 27, 13, 16, 50, 15, 86.6)
#: A layout too narrow for its words: Team 13 mm, Start and End 9 mm. LibreOffice then cuts
#: words anywhere ("Cambri|dgeshi|re", "Jan|-25", "202|4"), as real plans with squeezed
#: columns show; the width taken away goes to Progress update.
NARROW_WIDTHS_MM = (12, 52, 13, 9, 9, 50, 15, 111.6)
RAG_FILL = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050", "Blue": "00B0F0"}
HEADER_FILL = "D9D9D9"
THEME_FILL = "BDD7EE"
OBJECTIVE_FILL = "DEEAF6"
FIXED_TIME = dt.datetime(2025, 1, 1, 9, 0, 0)
TITLE = "Appendix 1 – EDI Strategy Action Plan"


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _write(cell, text: str, *, bold: bool = False, size: float = BODY_PT) -> None:
    para = cell.paragraphs[0]
    run = para.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _repeat_as_header(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _new_table(doc, last_heading: str, widths: Sequence[float] = WIDTHS_MM):
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Mm(width)
    row = table.add_row()
    _repeat_as_header(row)
    for cell, text in zip(row.cells, (*HEADER, last_heading), strict=True):
        _write(cell, text, bold=True)
        _shade(cell, HEADER_FILL)
    return table


def _span_row(table, text: str, fill: str) -> None:
    """A Theme or Objective row: one cell merged across all eight columns (gridSpan)."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    _write(merged, text, bold=True)
    _shade(merged, fill)


def _action_row(table, a: SampleAction):
    row = table.add_row()
    cells = row.cells
    texts = (a.printed_no, a.action, a.team, a.start, a.end, a.success_measure, a.status)
    for cell, text in zip(cells, (*texts, a.progress_update), strict=True):
        if text:
            _write(cell, text)
    if a.status in RAG_FILL:
        _shade(cells[6], RAG_FILL[a.status])
    return row


def _fix_widths(table, widths: Sequence[float] = WIDTHS_MM) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Mm(width)


def _footer_page_numbers(section) -> None:
    para = section.footer.paragraphs[0]
    para.alignment = 1
    para.add_run(f"{TITLE} – page ").font.size = Pt(7)
    for kind, text in (
        ("begin", None),
        (None, "PAGE"),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = para.add_run()
        run.font.size = Pt(7)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run.text = text


def _new_document(period_label: str):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12.7))
    section.footer_distance = Mm(6)
    _footer_page_numbers(section)
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = TITLE, "EDI Team", "EDI Team"
    cp.subject = f"EDI Strategy action plan – {period_label}"
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    cp.revision = 1
    heading = doc.add_paragraph()
    run = heading.add_run(TITLE)
    run.bold, run.font.size = True, Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    return doc


def _theme_paragraph(doc, a: SampleAction) -> None:
    para = doc.add_paragraph()
    run = para.add_run(f"Theme {a.theme}: {a.theme_title}")
    run.bold, run.font.size = True, Pt(10)
    run.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    para.paragraph_format.space_before = Pt(8)
    para.paragraph_format.space_after = Pt(4)


def _group_changes(actions: Iterable[SampleAction]):
    """Yield (action, new_theme, new_objective) flags in document order."""
    theme = objective = None
    for a in actions:
        yield a, a.theme != theme, (a.theme, a.objective) != objective
        theme, objective = a.theme, (a.theme, a.objective)


def build_per_theme(
    actions: list[SampleAction], period_label: str, widths: Sequence[float] = WIDTHS_MM
):
    """plan.docx: a table per theme, header row repeating, last heading per theme as published."""
    doc = _new_document(period_label)
    table = None
    for a, new_theme, new_objective in _group_changes(actions):
        if new_theme:
            if table is not None:
                _fix_widths(table, widths)
            _theme_paragraph(doc, a)
            table = _new_table(doc, progress_heading(a.theme), widths)
        if new_objective:
            _span_row(table, f"Objective {a.objective}: {a.objective_title}", OBJECTIVE_FILL)
        _action_row(table, a)
    _fix_widths(table, widths)
    return doc


def build_one_table(actions: list[SampleAction], period_label: str):
    """plan-onetable.docx: one table, Theme rows inside, No. cell vMerged over unnumbered rows."""
    doc = _new_document(period_label)
    table = _new_table(doc, "Progress update")
    top = None
    for a, new_theme, new_objective in _group_changes(actions):
        if new_theme:
            _span_row(table, f"Theme {a.theme}: {a.theme_title}", THEME_FILL)
        if new_objective:
            _span_row(table, f"Objective {a.objective}: {a.objective_title}", OBJECTIVE_FILL)
        row = _action_row(table, a)
        if a.printed_no:
            top = row.cells[0]
        elif top is not None and not new_objective:
            top = top.merge(row.cells[0])
        else:
            top = None
    _fix_widths(table)
    return doc


def save_deterministic(doc, path: Path) -> None:
    """Save with fixed zip timestamps so a rebuild gives byte-identical DOCX files."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
