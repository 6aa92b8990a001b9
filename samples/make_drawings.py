"""Draw sample quarters as tables that are NOT fully ruled, the way other producers draw them.

Run from the repository root: `python samples/make_drawings.py [style ...]`. Each style writes
`samples/drawings/<style>/plan.pdf` (plus its source document where a producer needs one);
the truth is the quarter's `samples/truth/<period>.csv` (the content is that quarter's,
unchanged), named in `STYLES` and in `samples/drawings/truth.csv`.

Four styles are drawn directly with reportlab's low-level canvas, as Word lays a table out:
text placed line by line, rows allowed to split across pages with Word's widow/orphan control
(a multi-line cell never leaves a single line behind, so a row whose room runs out after one
line leaves only its one-line cells — No., dates, Status — at the page foot: an ORPHAN split),
the header repeated on every page. Fonts, widths, colours and margins differ per style so
that no reading rule can lean on one layout:

* `word-rects`: every border a thin filled rectangle (as Word's own PDF export draws them),
  one table per theme with the theme as a heading above it and its own header;
* `hrules`: horizontal rules between rows only, no vertical lines, no fills;
* `banded`: alternating row fills, no lines at all;
* `plain`: no lines and no fills at all, rows told apart only by white space.

Three more come from real producers: `lo-hborders` and `lo-banded` (LibreOffice from a DOCX
whose table has horizontal borders only / banded rows and no borders, python-docx + lxml),
`weasyprint` (HTML with rows allowed to break) and `calc` (an XLSX printed by LibreOffice
Calc with gutters under 3 pt between columns; Calc never splits a row across pages).
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from plan_data import HEADER, SampleAction, progress_heading
from producers import pin_metadata
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from versions import build_versions

HERE = Path(__file__).resolve().parent
OUT = HERE / "drawings"
TITLE = "Appendix 1 – EDI Strategy Action Plan"

RGB = tuple[float, float, float]


def _hex(h: str) -> RGB:
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


@dataclass(frozen=True)
class Style:
    """How one drawing lays the table out (points unless named otherwise)."""

    name: str
    period: str
    font: str
    bold: str
    size: float
    leading: float
    widths: tuple[float, ...]  # eight column widths as fractions of the table width
    margins: tuple[float, float, float, float]  # left, top, right, bottom
    pad: float = 3.0
    grid: str = "rects"  # "rects" (thin filled rectangles), "hrules", "none"
    bands: tuple[str, str] | None = None  # alternating row fills (hex), no lines
    header_fill: str | None = "D9D9D9"
    header_text: str = "000000"
    banner_fill: str | None = "DEEAF6"
    rag: dict[str, str] | None = field(
        default_factory=lambda: {
            "Red": "FF0000",
            "Amber": "FFC000",
            "Green": "00B050",
            "Blue": "00B0F0",
        }
    )
    per_theme_tables: bool = False  # theme as a heading above its own table
    rule: float = 0.5  # border / rule thickness
    footer: bool = True
    #: a report around the plan: prose and a fully ruled table that is not an action
    #: table (a key to the ratings) before it, another (a budget) and prose after it
    report: bool = False
    #: the header is printed on every page (Word's "repeat as header row"), or on the
    #: first page only
    repeat_header: bool = True
    #: which of the eight columns print (indexes into COLUMN_ORDER): a plan without a
    #: number column leaves out 0; `widths` then has one fraction per printed column
    fields: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6, 7)


STYLES: dict[str, Style] = {
    "word-rects": Style(
        name="word-rects",
        period="2024-Q4",
        font="Helvetica",
        bold="Helvetica-Bold",
        size=7.6,
        leading=9.2,
        widths=(0.045, 0.19, 0.10, 0.05, 0.055, 0.18, 0.055, 0.325),
        margins=(36, 40, 36, 42),
        grid="rects",
        per_theme_tables=True,
    ),
    "hrules": Style(
        name="hrules",
        period="2025-Q1",
        font="Times-Roman",
        bold="Times-Bold",
        size=8.2,
        leading=9.6,
        widths=(0.04, 0.21, 0.11, 0.055, 0.06, 0.19, 0.06, 0.275),
        margins=(28, 34, 30, 36),
        pad=2.5,
        grid="hrules",
        header_fill=None,
        banner_fill=None,
        rag=None,
        rule=0.6,
    ),
    "banded": Style(
        name="banded",
        period="2025-Q2",
        font="DejaVuSans",
        bold="DejaVuSans-Bold",
        size=6.8,
        leading=8.4,
        widths=(0.05, 0.2, 0.115, 0.05, 0.055, 0.2, 0.06, 0.27),
        margins=(42, 30, 40, 34),
        pad=3.5,
        grid="none",
        bands=("E8EEF7", "FFFFFF"),
        header_fill="2F5496",
        header_text="FFFFFF",
        banner_fill="B4C6E7",
        rag={"Red": "C00000", "Amber": "FFBF00", "Green": "92D050", "Blue": "5B9BD5"},
    ),
    "plain": Style(
        name="plain",
        period="2024-Q4",
        font="LiberationSerif",
        bold="LiberationSerif-Bold",
        size=7.8,
        leading=9.0,
        widths=(0.04, 0.2, 0.1, 0.055, 0.06, 0.2, 0.055, 0.29),
        margins=(34, 36, 34, 40),
        pad=3.0,
        grid="none",
        header_fill=None,
        banner_fill=None,
        rag=None,
        footer=True,
    ),
    "report": Style(
        name="report",
        period="2025-Q2",
        font="Courier",
        bold="Courier-Bold",
        size=6.6,
        leading=8.0,
        widths=(0.045, 0.22, 0.1, 0.06, 0.06, 0.18, 0.065, 0.27),
        margins=(40, 32, 26, 38),
        pad=2.8,
        grid="hrules",
        header_fill="FCE4D6",
        banner_fill=None,
        rag={"Red": "E06666", "Amber": "F6B26B", "Green": "93C47D", "Blue": "6FA8DC"},
        rule=0.4,
        report=True,
    ),
    "banded-once": Style(
        name="banded-once",
        period="2025-Q1",
        font="Helvetica",
        bold="Helvetica-BoldOblique",
        size=7.2,
        leading=8.8,
        widths=(0.05, 0.18, 0.12, 0.055, 0.055, 0.2, 0.06, 0.28),
        margins=(30, 38, 44, 38),
        pad=3.2,
        grid="none",
        bands=("FFF2CC", "FFFFFF"),
        header_fill="7F6000",
        header_text="FFFFFF",
        banner_fill="FFE699",
        rag={"Red": "F4B183", "Amber": "FFD966", "Green": "A9D18E", "Blue": "9DC3E6"},
        repeat_header=False,
    ),
    "no-number": Style(
        name="no-number",
        period="2025-Q2",
        font="LiberationSerif",
        bold="LiberationSerif-Bold",
        size=7.4,
        leading=8.9,
        widths=(0.23, 0.11, 0.06, 0.06, 0.2, 0.06, 0.28),
        margins=(32, 36, 32, 40),
        pad=2.6,
        grid="hrules",
        header_fill="E2EFDA",
        banner_fill="F2F2F2",
        rag={"Red": "FF7C80", "Amber": "FFCC66", "Green": "66CC66", "Blue": "66CCFF"},
        rule=0.7,
        fields=(1, 2, 3, 4, 5, 6, 7),
    ),
}

#: the report style's tables that are not action tables: (column widths, rows, first the
#: header): a key to the ratings before the plan, a budget after it
KEY_TABLE = (
    (70.0, 260.0, 60.0),
    (
        ("Rating", "Meaning", "Count"),
        ("Green", "On track: the milestone will be met as planned", "31"),
        ("Amber", "At risk: some slippage, a recovery plan is in place", "9"),
        ("Red", "Off track: the milestone will be missed without intervention", "2"),
    ),
)
BUDGET_TABLE = (
    (170.0, 80.0, 80.0, 120.0),
    (
        ("Budget line", "2024/25", "2025/26", "Funding source"),
        ("Staff networks and forums", "£12,500", "£13,000", "Corporate EDI budget"),
        ("Training and development", "£48,000", "£51,200", "Workforce development fund"),
        ("Accessibility improvements", "£20,000", "£35,000", "Capital programme"),
    ),
)
PROSE_BEFORE = (
    "This appendix reports progress on every action of the Equality, Diversity and "
    "Inclusion Strategy. The key below explains how each action is rated; the ratings are "
    "agreed with the lead officers before the quarterly meeting of the strategy board."
)
PROSE_AFTER = (
    "The budget below funds the actions above. Spending is reported to the board each "
    "quarter alongside this plan and is audited at the end of the financial year."
)

_FONTS = {
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "LiberationSerif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
}


def _register(style: Style) -> None:
    for name in (style.font, style.bold):
        if name in _FONTS and name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, _FONTS[name]))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap, as a word processor does; a word wider than the cell is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if pdfmetrics.stringWidth(trial, font, size) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while pdfmetrics.stringWidth(word, font, size) > width:
            cut = len(word)
            while cut > 1 and pdfmetrics.stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def lines_on_page(n: int, fit: int) -> int:
    """Lines of an n-line cell kept on the page when `fit` lines fit (Word's widow/orphan
    control: never one line of a longer paragraph alone at the foot or the head)."""
    k = min(n, fit)
    if n >= 2 and k == 1:
        return 0
    if k < n and n - k == 1 and n >= 3:
        k -= 1
        if k == 1:
            return 0
    return max(0, k)


class Drawer:
    """Places rows on pages, splitting them where they run out of room."""

    def __init__(self, style: Style, path: Path) -> None:
        _register(style)
        self.s = style
        self.size = landscape(A4)
        self.c = Canvas(str(path), pagesize=self.size, invariant=1)
        self.c.setTitle(TITLE)
        self.c.setAuthor("EDI Team")
        left, top, right, bottom = style.margins
        self.x0 = left
        self.width = self.size[0] - left - right
        self.top = self.size[1] - top
        self.floor = bottom
        self.xs = [left]
        for w in style.widths:
            self.xs.append(self.xs[-1] + w * self.width)
        self.status_at = style.fields.index(6)  # the Status column's place
        self.action_at = style.fields.index(1)
        self.page = 1
        self.y = self.top
        self.header: tuple[str, ...] = ()
        self.band = 0
        self.splits: list[str] = []
        self.orphans: list[str] = []

    # -- primitives -------------------------------------------------------------------
    def fill(self, x0: float, y_top: float, x1: float, y_bottom: float, hex_: str) -> None:
        self.c.setFillColorRGB(*_hex(hex_))
        self.c.rect(x0, y_bottom, x1 - x0, y_top - y_bottom, stroke=0, fill=1)

    def hline(self, x0: float, x1: float, y: float) -> None:
        t = self.s.rule
        if self.s.grid == "rects":
            self.fill(x0, y + t / 2, x1, y - t / 2, "000000")
        elif self.s.grid == "hrules":
            self.c.setLineWidth(t)
            self.c.setStrokeColorRGB(0.25, 0.25, 0.25)
            self.c.line(x0, y, x1, y)

    def vline(self, x: float, y_top: float, y_bottom: float) -> None:
        if self.s.grid == "rects":
            t = self.s.rule
            self.fill(x - t / 2, y_top, x + t / 2, y_bottom, "000000")

    def text(self, x: float, y_top: float, lines: Sequence[str], bold: bool, colour: str) -> None:
        self.c.setFillColorRGB(*_hex(colour))
        font = self.s.bold if bold else self.s.font
        self.c.setFont(font, self.s.size)
        for i, line in enumerate(lines):
            baseline = y_top - self.s.pad - self.s.size * 0.85 - i * self.s.leading
            self.c.drawString(x + self.s.pad, baseline, line)

    # -- pages ----------------------------------------------------------------------
    def footer(self) -> None:
        if self.s.footer:
            self.c.setFillColorRGB(0.3, 0.3, 0.3)
            self.c.setFont(self.s.font, 7)
            self.c.drawCentredString(
                self.size[0] / 2, self.floor / 2, f"{TITLE} – page {self.page}"
            )

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = self.top
        if self.header and self.s.repeat_header:
            self.draw_header()

    def row_height(self, n_lines: int) -> float:
        return n_lines * self.s.leading + 2 * self.s.pad

    def room(self) -> int:
        return int((self.y - self.floor - 2 * self.s.pad) // self.s.leading)

    def draw_header(self) -> None:
        header = tuple(self.header[i] for i in self.s.fields)
        cells = [
            wrap(t, self.s.bold, self.s.size, self.xs[i + 1] - self.xs[i] - 2 * self.s.pad)
            for i, t in enumerate(header)
        ]
        h = self.row_height(max(len(c) for c in cells))
        if self.s.header_fill:
            self.fill(self.xs[0], self.y, self.xs[-1], self.y - h, self.s.header_fill)
        for i, lines in enumerate(cells):
            self.text(self.xs[i], self.y, lines, True, self.s.header_text)
        self.rules(self.y, self.y - h, top=True, bottom=True)
        if self.s.grid == "hrules":
            self.hline(self.xs[0], self.xs[-1], self.y - h - 0.8)  # a double rule under it
        self.y -= h

    def rules(self, y_top: float, y_bottom: float, *, top: bool, bottom: bool) -> None:
        if top:
            self.hline(self.xs[0], self.xs[-1], y_top)
        if bottom:
            self.hline(self.xs[0], self.xs[-1], y_bottom)
        for x in self.xs:
            self.vline(x, y_top, y_bottom)

    def start_table(self, header: tuple[str, ...]) -> None:
        self.header = header
        if self.room() < 6:
            self.new_page()  # new_page draws the header, where it repeats
            if not self.s.repeat_header:
                self.draw_header()
        else:
            self.draw_header()
        self.band = 0

    def heading(self, text: str) -> None:
        """A heading paragraph above a table (theme title)."""
        lines = wrap(text, self.s.bold, self.s.size + 1.5, self.width)
        need = len(lines) * (self.s.leading + 2) + 8
        self.header = ()
        if self.y - need - 6 * self.s.leading < self.floor:
            self.new_page()
        self.y -= 6
        self.c.setFillColorRGB(*_hex("1F3864"))
        self.c.setFont(self.s.bold, self.s.size + 1.5)
        for line in lines:
            self.y -= self.s.leading + 2
            self.c.drawString(self.x0, self.y, line)
        self.y -= 6

    def banner(self, text: str) -> None:
        lines = wrap(text, self.s.bold, self.s.size, self.width - 2 * self.s.pad)
        h = self.row_height(len(lines))
        if self.room() < len(lines) + 3:  # keep a banner with the row under it
            self.new_page()
        if self.s.banner_fill:
            self.fill(self.xs[0], self.y, self.xs[-1], self.y - h, self.s.banner_fill)
        self.text(self.xs[0], self.y, lines, True, "000000")
        if self.s.grid == "rects":
            self.hline(self.xs[0], self.xs[-1], self.y - h)
            self.vline(self.xs[0], self.y, self.y - h)
            self.vline(self.xs[-1], self.y, self.y - h)
        elif self.s.grid == "hrules":
            self.hline(self.xs[0], self.xs[-1], self.y - h)
        self.y -= h
        self.band = 0

    def prose(self, text: str) -> None:
        """A paragraph of running text across the page, not in any table."""
        self.c.setFillColorRGB(0.1, 0.1, 0.1)
        self.c.setFont(self.s.font, self.s.size + 0.6)
        for line in wrap(text, self.s.font, self.s.size + 0.6, 0.8 * self.width):
            self.y -= self.s.leading + 1.5
            self.c.drawString(self.x0, self.y, line)
        self.y -= 10

    def ruled_table(self, widths: Sequence[float], rows: Sequence[Sequence[str]]) -> None:
        """A small fully ruled table (stroked lines), its first row bold: not an action
        table, so the reader must skip it and say so."""
        xs = [self.x0]
        for w in widths:
            xs.append(xs[-1] + w)
        self.c.setLineWidth(0.5)
        self.c.setStrokeColorRGB(0, 0, 0)
        for k, row in enumerate(rows):
            cells = [
                wrap(t, self.s.font, self.s.size, xs[i + 1] - xs[i] - 2 * self.s.pad)
                for i, t in enumerate(row)
            ]
            h = self.row_height(max(len(c) for c in cells))
            if self.y - h < self.floor:
                self.new_page()
            for i, lines in enumerate(cells):
                self.text(xs[i], self.y, lines, k == 0, "000000")
            self.c.line(xs[0], self.y, xs[-1], self.y)
            self.c.line(xs[0], self.y - h, xs[-1], self.y - h)
            for x in xs:
                self.c.line(x, self.y, x, self.y - h)
            self.y -= h
        self.y -= 10

    def action(self, a: SampleAction) -> None:
        every = (
            a.printed_no,
            a.action,
            a.team,
            a.start,
            a.end,
            a.success_measure,
            a.status,
            a.progress_update,
        )
        texts = tuple(every[i] for i in self.s.fields)
        cells = [
            wrap(t, self.s.font, self.s.size, self.xs[i + 1] - self.xs[i] - 2 * self.s.pad)
            for i, t in enumerate(texts)
        ]
        band = self.s.bands[self.band % 2] if self.s.bands else None
        self.band += 1
        label = a.ref
        part = 0
        while True:
            n = max(len(c) for c in cells) or 1
            fit = self.room()
            if n <= fit:
                self.draw_part(cells, n, a.status, band, closed=True)
                return
            keep = [lines_on_page(len(c), fit) for c in cells]
            if not any(keep):
                self.new_page()
                continue
            part += 1
            if part == 1:
                self.splits.append(label)
                if not keep[self.action_at] and any(keep):
                    self.orphans.append(label)
            upper = [c[:k] for c, k in zip(cells, keep, strict=True)]
            height_lines = max(len(c) for c in upper)
            self.draw_part(upper, height_lines, a.status, band, closed=True, fill_to_floor=True)
            cells = [c[k:] for c, k in zip(cells, keep, strict=True)]
            self.new_page()

    def draw_part(
        self,
        cells: list[list[str]],
        n_lines: int,
        status: str,
        band: str | None,
        *,
        closed: bool,
        fill_to_floor: bool = False,
    ) -> None:
        h = self.row_height(n_lines)
        if fill_to_floor:
            h = self.y - self.floor  # Word stretches the split part to the page foot
        bottom = self.y - h
        if band:
            self.fill(self.xs[0], self.y, self.xs[-1], bottom, band)
        if self.s.rag and status in self.s.rag:
            k = self.status_at
            self.fill(self.xs[k], self.y, self.xs[k + 1], bottom, self.s.rag[status])
        for i, lines in enumerate(cells):
            self.text(self.xs[i], self.y, lines, False, "000000")
        self.rules(self.y, bottom, top=False, bottom=closed)
        self.y = bottom

    def finish(self) -> None:
        self.footer()
        self.c.showPage()
        self.c.save()


def draw_plan(style: Style, actions: Sequence[SampleAction], path: Path) -> Drawer:
    d = Drawer(style, path)
    d.c.setFillColorRGB(*_hex("1F3864"))
    d.c.setFont(style.bold, 12)
    d.c.drawString(d.x0, d.top - 12, TITLE)
    d.y = d.top - 22
    if style.report:
        d.prose(PROSE_BEFORE)
        d.ruled_table(*KEY_TABLE)
    theme = objective = None
    for a in actions:
        if a.theme != theme:
            if style.per_theme_tables:
                d.heading(f"Theme {a.theme}: {a.theme_title}")
                d.start_table((*HEADER, progress_heading(a.theme)))
            else:
                if d.header == ():
                    d.start_table((*HEADER, "Progress update"))
                d.banner(f"Theme {a.theme}: {a.theme_title}")
        if (a.theme, a.objective) != objective:
            d.banner(f"Objective {a.objective}: {a.objective_title}")
        theme, objective = a.theme, (a.theme, a.objective)
        d.action(a)
    if style.report:
        d.header = ()  # the plan's table has ended: no header on a page after it
        d.y -= 12
        if d.y - 140 < d.floor:
            d.new_page()
        d.prose(PROSE_AFTER)
        d.ruled_table(*BUDGET_TABLE)
    d.finish()
    return d


def build_canvas_style(name: str, actions: Sequence[SampleAction]) -> None:
    style = STYLES[name]
    out = OUT / name
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "plan.pdf"
        for extra in FOOT_TRIALS:
            left, top, right, bottom = style.margins
            trial = replace(style, margins=(left, top, right, bottom + extra))
            d = draw_plan(trial, actions, raw)
            if len(d.splits) >= MIN_SPLITS and len(d.orphans) >= MIN_ORPHANS:
                break
        pin_metadata(raw, out / "plan.pdf")
    print(
        f"{name}: bottom margin {trial.margins[3]:g} pt, {d.page} pages, "
        f"{len(d.splits)} split rows "
        f"({len(d.orphans)} orphan splits: {', '.join(d.orphans)})"
    )


#: bottom margins tried in turn (points added), keeping the first layout with enough splits
#: of both kinds: a deterministic choice, printed by the build
FOOT_TRIALS = (0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20)
MIN_SPLITS = 5
MIN_ORPHANS = 2

# -- LibreOffice Writer from a DOCX: horizontal borders only / banded rows, no borders -----

#: widths (mm) and font per DOCX drawing, unlike plan.docx's
LO_LAYOUTS = {
    "lo-hborders": ((11, 48, 30, 14, 15, 54, 14, 85.6), "Liberation Serif", 8.0),
    "lo-banded": ((13, 55, 26, 13, 17, 47, 16, 84.6), "DejaVu Sans", 7.0),
}


def _borders(table, *, horizontal: bool) -> None:
    """Replace the table's borders: only top/bottom/between rows, or none at all."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if horizontal and side in ("top", "bottom", "insideH"):
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "6")
            el.set(qn("w:color"), "7F7F7F")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _band_rows(table, fill: str) -> None:
    """Shade every second action row (rows with more than one cell and no shading yet)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    k = 0
    for tr in table._tbl.tr_lst[1:]:
        tcs = tr.tc_lst
        if len(tcs) == 1:
            k = 0
            continue
        k += 1
        if k % 2:
            continue
        for tc in tcs:
            pr = tc.get_or_add_tcPr()
            if pr.find(qn("w:shd")) is None:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), fill)
                pr.append(shd)


def build_lo_style(name: str, actions: Sequence[SampleAction]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from make_docx import build_per_theme, save_deterministic
    from producers import libreoffice_pdf

    widths, font, size = LO_LAYOUTS[name]
    doc = build_per_theme(list(actions), PERIODS[name], widths)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    for run in doc.element.body.iter(qn("w:r")):
        sz = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        if sz is not None and sz.get(qn("w:val")) == "16":  # 8 pt body text
            sz.set(qn("w:val"), str(int(size * 2)))
    normal.font.size = Pt(size)
    for table in doc.tables:
        _borders(table, horizontal=name == "lo-hborders")
        if name == "lo-banded":
            _band_rows(table, "EDEDED")
    out = OUT / name
    out.mkdir(parents=True, exist_ok=True)
    save_deterministic(doc, out / "plan.docx")
    libreoffice_pdf(out / "plan.docx", out / "plan.pdf")
    print(f"{name}: {_pages(out / 'plan.pdf')} pages")


# -- WeasyPrint from HTML, rows allowed to break --------------------------------------


def build_weasyprint(name: str, actions: Sequence[SampleAction]) -> None:
    import weasyprint
    from make_html import build_html

    html = build_html(list(actions), TITLE, 7.4)
    html = html.replace('"DejaVu Sans", sans-serif', '"Liberation Sans", sans-serif')
    html = html.replace("margin: 11mm 9mm 12mm 9mm", "margin: 14mm 12mm 15mm 11mm")
    html = html.replace("background: #1f3864", "background: #7b2c52")
    out = OUT / name
    out.mkdir(parents=True, exist_ok=True)
    (out / "plan.html").write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "plan.pdf"
        weasyprint.HTML(string=html).write_pdf(raw)
        pin_metadata(raw, out / "plan.pdf")
    print(f"{name}: {_pages(out / 'plan.pdf')} pages")


# -- LibreOffice Calc from an XLSX: narrow gutters --------------------------------------

#: column widths in Calc's character units: tight, so the gutters are under 3 pt
CALC_WIDTHS = (4, 30, 15, 6, 6.5, 28, 6, 44)
#: No., Start, End and Status right-aligned (as Calc aligns numbers and dates), so their text
#: ends a couple of points from the next column's text
RIGHT_ALIGNED = (0, 3, 4, 6)


def _calc_row_height(texts: Sequence[str]) -> float:
    """Points a wrapped row needs (Calc does not fit the height of an imported XLSX row):
    Liberation Sans has Helvetica's metrics; a width unit is about 7 pt."""
    lines = 1
    for text, w in zip(texts, CALC_WIDTHS, strict=True):
        lines = max(lines, len(wrap(text, "Helvetica", 8, w * 7.0 - 3)))
    return 9.2 * lines + 2.5


def build_calc(name: str, actions: Sequence[SampleAction]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from producers import libreoffice_pdf

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    thin = Side(style="thin", color="A6A6A6")
    rule = Border(bottom=thin, top=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    wrap_right = Alignment(wrap_text=True, vertical="top", horizontal="right")
    font = Font(name="Liberation Sans", size=8)
    bold = Font(name="Liberation Sans", size=8, bold=True)
    rag = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050", "Blue": "00B0F0"}
    for i, w in enumerate(CALC_WIDTHS):
        ws.column_dimensions[chr(65 + i)].width = w
    ws.append([*HEADER, "Progress update"])
    for cell in ws[1]:
        cell.font, cell.alignment, cell.border = bold, wrap_top, rule
        cell.fill = PatternFill("solid", fgColor="FCE4D6")

    def banner(text: str) -> None:
        ws.append([text])
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
        c = ws.cell(r, 1)
        c.font, c.alignment, c.border = bold, wrap_top, rule
        # a merged row's height is not fitted by Calc: give it room for its lines
        ws.row_dimensions[r].height = 11.5 * (1 + len(text) // 190)

    theme = objective = None
    for a in actions:
        if a.theme != theme:
            banner(f"Theme {a.theme}: {a.theme_title}")
        if (a.theme, a.objective) != objective:
            banner(f"Objective {a.objective}: {a.objective_title}")
        theme, objective = a.theme, (a.theme, a.objective)
        ws.append(
            [
                a.printed_no,
                a.action,
                a.team,
                a.start,
                a.end,
                a.success_measure,
                a.status,
                a.progress_update,
            ]
        )
        for i, cell in enumerate(ws[ws.max_row]):
            right = i in RIGHT_ALIGNED
            cell.font, cell.border = font, rule
            cell.alignment = wrap_right if right else wrap_top
            cell.number_format = "@"
        ws.row_dimensions[ws.max_row].height = _calc_row_height(
            (
                a.printed_no,
                a.action,
                a.team,
                a.start,
                a.end,
                a.success_measure,
                a.status,
                a.progress_update,
            )
        )
        if a.status in rag:
            ws.cell(ws.max_row, 7).fill = PatternFill("solid", fgColor=rag[a.status])
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    out = OUT / name
    out.mkdir(parents=True, exist_ok=True)
    wb.properties.creator = "EDI Team"
    wb.save(out / "plan.xlsx")
    libreoffice_pdf(out / "plan.xlsx", out / "plan.pdf")
    print(f"{name}: {_pages(out / 'plan.pdf')} pages")


def _pages(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(path)).pages)


#: style -> period whose truth it reads (written to drawings/truth.csv)
PERIODS: dict[str, str] = {
    **{name: s.period for name, s in STYLES.items()},
    "lo-hborders": "2025-Q2",
    "lo-banded": "2025-Q1",
    "weasyprint": "2024-Q4",
    "calc": "2025-Q1",
}

BUILDERS: dict[str, Callable[[str, Sequence[SampleAction]], None]] = {
    **{name: build_canvas_style for name in STYLES},
    "lo-hborders": build_lo_style,
    "lo-banded": build_lo_style,
    "weasyprint": build_weasyprint,
    "calc": build_calc,
}


#: the snapshot fields of the eight printed columns, in order
COLUMN_ORDER = (
    "printed_no",
    "action",
    "team",
    "start",
    "end",
    "success_measure",
    "status",
    "progress_update",
)


def write_index() -> None:
    """truth.csv: each style's period, and the fields its table does not print (those
    read empty whatever the period's truth says)."""
    with (OUT / "truth.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["style", "period", "unprinted"])
        for name in sorted(PERIODS):
            fields = STYLES[name].fields if name in STYLES else tuple(range(8))
            gone = [c for i, c in enumerate(COLUMN_ORDER) if i not in fields]
            w.writerow([name, PERIODS[name], " ".join(gone)])


def main(argv: Sequence[str]) -> int:
    versions = build_versions()
    names = list(argv) or list(BUILDERS)
    for name in names:
        BUILDERS[name](name, versions[PERIODS[name]])
    write_index()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main(sys.argv[1:]))
