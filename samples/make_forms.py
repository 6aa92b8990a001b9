"""Form-style samples: actions printed as ruled label | value forms, not as action tables.

Run from the repository root: `.venv/bin/python samples/make_forms.py [--no-pdf]`. Writes
`samples/forms/<set>/<quarter>.pdf` (and `.docx` for the Word set) and
`samples/forms/truth.csv`: per file, per record (in document order), every field the reader
must find (`theme`, the plan columns, `extra:<label>` for the labels the vocabulary does not
know, `pages`), one row per field, and a stable `uid` per record across the quarters; and
`samples/forms/changes.csv`, every change between the two quarters of each set.

The sets, deliberately unlike each other and unlike the Kent EqIA:

- `impact` (reportlab's low-level canvas, as Word lays a ruled table out): an impact
  assessment's mitigations, one record per group of residents, labels lettered "(a)" …
  "(f)" and naming the record ("Mitigating action for Older residents", "Lead officer –
  Older residents"), no title bars, so records are told apart only by a label coming round
  again. Times labels and Helvetica values in 2025-Q1, Helvetica labels and Times values in
  2025-Q2, column widths differ. A long value is split over the page break (the label cell
  empty on the next page), and a record breaks between two of its label rows. Above the
  forms, a demographic count table (Group | Residents | %) that is not an action table.
  2025-Q2 changes: an owner changed, an action reworded, a record added.
- `word` (python-docx, printed to PDF by LibreOffice): one two-column table with a title bar
  per record ("Priority 2 – Accessible buildings", merged across the table: it names the
  record), labels numbered "1." … "5." that do not name the record ("What we will do",
  "Responsible officer", "Completion date", "Status", "Current position"). One value is long
  enough to run over a page. Two quarters, as for `impact`.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from producers import pin_metadata
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).resolve().parent / "forms"
QUARTERS = ("2025-Q1", "2025-Q2")
FIXED_TIME = datetime(2025, 4, 1, 9, 0, 0)  # a rebuild writes the same DOCX


@dataclass
class Record:
    """One form record: its uid, its name (its theme) and its values by field."""

    uid: str
    name: str
    values: dict[str, str]  # field key -> value ("" leaves the value cell empty)


@dataclass
class FormSet:
    name: str
    #: field key -> label template ({name} the record's name, {n} its list marker)
    labels: dict[str, str]
    #: field key -> the output column it reads as (a plan column or extra:<label>)
    columns: dict[str, str]
    quarters: dict[str, list[Record]] = field(default_factory=dict)


LONG_AGE = (
    "Keep the Tuesday and Thursday drop-in sessions at the library, with a fixed timetable"
    " agreed with the bus operator so that residents who rely on the 11 and 14 routes can"
    " arrive and leave within one service interval. Offer telephone appointments for anyone"
    " who cannot travel, call back within two working days, and post a printed summary of"
    " the advice given. Train every counter assistant in dementia awareness before the"
    " change, and repeat the training each spring with the Alzheimer's Society. Write to"
    " each of the 412 residents aged over 75 on the service's register, in large print,"
    " six weeks before the change and again one week before it, naming the new place, the"
    " bus routes and a number to ring. Keep a paper visitors' book at the new counter for"
    " three months and read it at each monthly review, so that any barrier an older"
    " resident meets is heard of within the month, not at the end of the year. Ask the"
    " Older People's Forum to walk the new route with officers before the move and to"
    " report on seating, toilets, lighting and signs; put right what they find before the"
    " first session is held there. Record how many residents over 75 use the service each"
    " month and compare it with the same month of the year before."
)


INTRO = (
    "The review moves the customer service counter from the town hall to the central"
    " library. This assessment sets out, for each group of residents who may be affected,"
    " the impact identified, what the council will do to reduce it, who is responsible and"
    " by when. It was prepared with the Older People's Forum, the Disability Partnership"
    " Board and the Carers' Network, and it is reviewed each quarter by the Customer"
    " Services Board. The figures above are from the service's register of regular"
    " visitors and the 2021 census. Where a group is not listed, no impact was identified"
    " in the consultation or in the data; the assessment will be reopened if one is. The"
    " actions below are tracked in the same way as the council's other equality actions,"
    " and each has a lead officer who reports on it at the quarterly review."
)


INTRO_2 = (
    "Each group's form gives the impact identified, the mitigating action, the lead officer,"
    " the target date, the RAG status agreed at the review and the progress to date. A group"
    " whose status is Red is reported to the Customer Services Board at its next meeting."
)


def _impact() -> FormSet:
    labels = {
        "impact": "({n}) Impact identified for {name}",
        "action": "({n}) Mitigating action for {name}",
        "team": "({n}) Lead officer \u2013 {name}",
        "end": "({n}) Target date",
        "status": "({n}) RAG status",
        "progress_update": "({n}) Progress to date",
    }
    columns = {
        "impact": "extra:Impact identified",
        "action": "action",
        "team": "team",
        "end": "end",
        "status": "status",
        "progress_update": "progress_update",
    }
    q1 = [
        Record(
            "older",
            "Older residents",
            {
                "impact": "Longer journeys to the new counter; fewer buses after 4pm.",
                "action": LONG_AGE,
                "team": "Head of Customer Services",
                "end": "30 June 2025",
                "status": "Amber",
                "progress_update": "Timetable agreed with the bus operator in principle.",
            },
        ),
        Record(
            "disabled",
            "Disabled residents",
            {
                "impact": "The new building has one accessible entrance, at the rear.",
                "action": "Install a powered door and a hearing loop at the main entrance before"
                " the move; signpost the rear entrance until the work is done.",
                "team": "Facilities Manager",
                "end": "31 May 2025",
                "status": "Red",
                "progress_update": "Quotes for the powered door are awaited.",
            },
        ),
        Record(
            "carers",
            "Unpaid carers",
            {
                "impact": "Carers cannot leave the person they care for to queue.",
                "action": "Offer bookable 20-minute slots, by telephone or online, so that no"
                " carer waits more than ten minutes.",
                "team": "Carers Support Lead",
                "end": "Ongoing",
                "status": "Green",
                "progress_update": "",
            },
        ),
        Record(
            "rural",
            "Rural communities",
            {
                "impact": "Villages without a bus service lose their nearest counter.",
                "action": "Run the mobile library's advice stop in six villages each month and"
                " publish the stops in the parish magazines.",
                "team": "Libraries and Registration",
                "end": "September 2025",
                "status": "Amber",
                "progress_update": "Four of the six villages have agreed a stop.",
            },
        ),
    ]
    q2 = [
        Record("older", "Older residents", {**q1[0].values, "status": "Green"}),
        Record(
            "disabled",
            "Disabled residents",
            {
                **q1[1].values,
                # reworded action
                "action": "Install a powered door, a hearing loop and a lowered counter at the"
                " main entrance before the move; until then, staff meet visitors at the rear"
                " entrance.",
                "progress_update": "Powered door ordered; fitting booked for 12 May.",
            },
        ),
        Record(
            "carers",
            "Unpaid carers",
            {**q1[2].values, "team": "Adult Social Care Commissioning"},  # owner changed
        ),
        Record("rural", "Rural communities", q1[3].values),
        Record(  # a record added
            "lgbt",
            "LGBTQ+ residents",
            {
                "impact": "Fewer private rooms for sensitive conversations.",
                "action": "Keep one interview room free at every session and say so on the"
                " booking page.",
                "team": "Equality and Diversity Officer",
                "end": "31 July 2025",
                "status": "Amber",
                "progress_update": "Booking page updated.",
            },
        ),
    ]
    return FormSet("impact", labels, columns, {"2025-Q1": q1, "2025-Q2": q2})


LONG_BUILDINGS = " ".join(
    [
        "Survey every council building used by the public against the Equality Act 2010"
        " access standards, starting with the six with the most visitors, and publish the"
        " findings for each on the council's website in plain English.",
    ]
    + [
        f"Building {k}: agree the works with the building's manager, price them, and put"
        f" them into the capital programme for {2025 + k % 2}/{26 + k % 2}, with a named"
        " officer, a date and a budget line; report progress each quarter to the Equality"
        " Board and to the disabled people's reference group, who will test the finished"
        " works."
        for k in range(1, 9)
    ]
)


def _word() -> FormSet:
    labels = {
        "action": "{n}. What we will do",
        "team": "{n}. Responsible officer",
        "end": "{n}. Completion date",
        "status": "{n}. Status",
        "position": "{n}. Current position",
    }
    columns = {
        "action": "action",
        "team": "team",
        "end": "end",
        "status": "status",
        "position": "extra:Current position",
    }
    q1 = [
        Record(
            "recruit",
            "Inclusive recruitment",
            {
                "action": "Use anonymised application forms for every post from grade 6 up.",
                "team": "HR Business Partner",
                "end": "April 2025",
                "status": "Complete",
                "position": "In use since February for all advertised posts.",
            },
        ),
        Record(
            "buildings",
            "Accessible buildings",
            {
                "action": LONG_BUILDINGS,
                "team": "Corporate Landlord",
                "end": "March 2026",
                "status": "On track",
                "position": "Surveys of the first three buildings are complete.",
            },
        ),
        Record(
            "data",
            "Better equality data",
            {
                "action": "Ask every service user for their protected characteristics at first"
                " contact, with a clear reason and a prefer-not-to-say option.",
                "team": "Business Intelligence Manager",
                "end": "December 2025",
                "status": "Behind",
                "position": "Questions agreed; the case system change is not yet scheduled.",
            },
        ),
    ]
    q2 = [
        Record("recruit", "Inclusive recruitment", q1[0].values),
        Record(
            "buildings",
            "Accessible buildings",
            {**q1[1].values, "position": "Surveys of five buildings are complete."},
        ),
        Record(
            "data",
            "Better equality data",
            {
                **q1[2].values,
                "team": "Head of Digital Services",  # owner changed
                "action": "Ask every service user for their protected characteristics at first"
                " contact, online and by telephone, with a clear reason and a"
                " prefer-not-to-say option.",  # reworded
            },
        ),
        Record(  # added
            "staff",
            "Staff networks",
            {
                "action": "Give each staff network two hours a month of protected time for its"
                " chair and a small budget.",
                "team": "Chief Executive's Office",
                "end": "June 2025",
                "status": "On track",
                "position": "Agreed by the Corporate Management Team.",
            },
        ),
    ]
    return FormSet("word", labels, columns, {"2025-Q1": q1, "2025-Q2": q2})


# --------------------------------------------------------------------------- reportlab


@dataclass(frozen=True)
class Style:
    label_font: str
    value_font: str
    size: float
    leading: float
    label_width: float
    value_width: float
    left: float = 56.0
    top: float = 60.0  # from the page top
    bottom: float = 64.0  # lowest y of the table (from the page bottom)
    pad: float = 4.0


STYLES = {
    "2025-Q1": Style("Times-Bold", "Helvetica", 10.0, 12.5, 170.0, 310.0),
    "2025-Q2": Style("Helvetica-Bold", "Times-Roman", 10.5, 13.0, 190.0, 300.0, left=48.0),
}


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words into lines no wider than `width`, as a word processor breaks them."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if stringWidth(trial, font, size) <= width or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


class FormDrawer:
    """Draws ruled two-column forms row by row, splitting a long value over a page."""

    def __init__(self, path: Path, style: Style) -> None:
        self.s = style
        self.c = Canvas(str(path), pagesize=A4, invariant=1)
        self.w, self.h = A4
        self.page = 1
        self.y = self.h - style.top
        self.pages: dict[str, set[int]] = {}
        self.splits = 0  # values split over a page
        self.record_breaks = 0  # records broken between two label rows
        self._current = ""
        self._rows_on_page = 0

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = self.h - self.s.top
        self._rows_on_page = 0

    def footer(self) -> None:
        self.c.setFont("Helvetica", 8)
        self.c.drawString(
            self.s.left, 30, f"Service review: equality impact assessment - page {self.page}"
        )

    def heading(self, text: str, size: float = 14.0) -> None:
        self.c.setFont("Helvetica-Bold", size)
        self.c.drawString(self.s.left, self.y - size, text)
        self.y -= size + 14

    def count_table(self, rows: Sequence[Sequence[str]]) -> None:
        """A small ruled table of counts (not an action table)."""
        widths = (200.0, 90.0, 60.0)
        h = self.s.leading + 2 * self.s.pad
        x0 = self.s.left
        xs = [x0]
        for wd in widths:
            xs.append(xs[-1] + wd)
        top = self.y
        for i, row in enumerate(rows):
            self.c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 9)
            for k, cell in enumerate(row):
                self.c.drawString(xs[k] + self.s.pad, self.y - self.s.pad - 9, cell)
            self.y -= h
        self._grid(xs, top, self.y, [top - h * (i + 1) for i in range(len(rows) - 1)])
        self.y -= 24

    def _grid(self, xs: Sequence[float], top: float, bottom: float, ys: Sequence[float]) -> None:
        self.c.setLineWidth(0.6)
        self.c.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom)
        for x in xs[1:-1]:
            self.c.line(x, top, x, bottom)
        for y in ys:
            self.c.line(xs[0], y, xs[-1], y)

    def prose(self, text: str) -> None:
        """A paragraph outside every table (not table text)."""
        self.c.setFont("Helvetica", 10)
        for line in wrap(text, "Helvetica", 10, self.s.label_width + self.s.value_width):
            self.c.drawString(self.s.left, self.y - 10, line)
            self.y -= 13
        self.y -= 10

    def record_start(self, uid: str) -> None:
        self._current = uid

    def row(self, label: str, value: str) -> None:
        s = self.s
        lab = wrap(label, s.label_font, s.size, s.label_width - 2 * s.pad)
        val = wrap(value, s.value_font, s.size, s.value_width - 2 * s.pad)
        n = max(len(lab), len(val), 1)
        while True:
            room = int((self.y - s.bottom - 2 * s.pad) // s.leading)
            if n <= room:
                self._part(lab, val)
                return
            if len(val) > len(lab) and room >= max(len(lab), 2) and len(val) - room >= 2:
                self._part(lab, val[:room])  # a long value runs over the page
                self.splits += 1
                lab, val = [], val[room:]
                n = len(val)
                self.new_page()
                continue
            if self._rows_on_page and self._current in self.pages:
                self.record_breaks += 1  # the record goes on over the page
            self.new_page()

    def _part(self, lab: Sequence[str], val: Sequence[str]) -> None:
        s = self.s
        n = max(len(lab), len(val), 1)
        top = self.y
        bottom = top - n * s.leading - 2 * s.pad
        x0, x1, x2 = s.left, s.left + s.label_width, s.left + s.label_width + s.value_width
        self.c.setFillColorRGB(0.86, 0.9, 0.96)
        self.c.rect(x0, bottom, s.label_width, top - bottom, stroke=0, fill=1)
        self.c.setFillColorRGB(0, 0, 0)
        for k, line in enumerate(lab):
            self.c.setFont(s.label_font, s.size)
            self.c.drawString(x0 + s.pad, top - s.pad - (k + 1) * s.leading + 3, line)
        for k, line in enumerate(val):
            self.c.setFont(s.value_font, s.size)
            self.c.drawString(x1 + s.pad, top - s.pad - (k + 1) * s.leading + 3, line)
        self._grid((x0, x1, x2), top, bottom, ())
        self.y = bottom
        self._rows_on_page += 1
        self.pages.setdefault(self._current, set()).add(self.page)

    def finish(self) -> None:
        self.footer()
        self.c.save()


def _marker(k: int, style: str) -> str:
    return "abcdefghij"[k] if style == "letter" else str(k + 1)


def draw_impact(fs: FormSet, quarter: str, path: Path) -> dict[str, list[int]]:
    """The impact set's quarter as a reportlab PDF; each record's pages. The space after
    the introduction grows a line at a time until the layout has both kinds of page
    break the set is for: a value running over a page, and a record broken between two of
    its label rows."""
    for space in range(0, 40):
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.pdf"
            d = _draw_impact(fs, quarter, raw, space * STYLES[quarter].leading)
            if d.splits and d.record_breaks:
                pin_metadata(raw, path)
                return {uid: sorted(p) for uid, p in d.pages.items()}
    raise SystemExit(f"{path}: no layout with a split value and a split record")


def _draw_impact(fs: FormSet, quarter: str, path: Path, space: float) -> FormDrawer:
    d = FormDrawer(path, STYLES[quarter])
    d.heading("Service review: equality impact assessment")
    d.heading(f"Reviewed {quarter}", 10)
    d.count_table(
        [
            ("Group", "Residents", "%"),
            ("Aged 75 and over", "412", "9"),
            ("Disabled (self-reported)", "598", "13"),
            ("Unpaid carers", "230", "5"),
        ]
    )
    d.prose(INTRO)
    d.y -= space
    d.prose(INTRO_2)
    d.heading("Mitigating actions", 12)
    for rec in fs.quarters[quarter]:
        d.record_start(rec.uid)
        for k, (key, template) in enumerate(fs.labels.items()):
            label = template.format(n=_marker(k, "letter"), name=rec.name)
            d.row(label, rec.values[key])
    d.finish()
    return d


# --------------------------------------------------------------------------- python-docx


def _borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "6")
        el.set(qn("w:color"), "404040")
        borders.append(el)
    tbl_pr.append(borders)


def _shade(cell: object, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)  # type: ignore[attr-defined]


def write_word(fs: FormSet, quarter: str, path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Serif"  # type: ignore[attr-defined]
    style.font.size = Pt(11)  # type: ignore[attr-defined]
    doc.add_heading("Equality action plan: priorities", level=1)
    doc.add_paragraph(f"Position at the end of {quarter}. Each priority is set out below.")
    table = doc.add_table(rows=0, cols=2)
    _borders(table)
    for p, rec in enumerate(fs.quarters[quarter], start=1):
        title = table.add_row().cells
        merged = title[0].merge(title[1])
        merged.text = ""
        run = merged.paragraphs[0].add_run(f"Priority {p} \u2013 {rec.name}")
        run.bold = True
        _shade(merged, "BDD7EE")
        for k, (key, template) in enumerate(fs.labels.items()):
            cells = table.add_row().cells
            cells[0].text = template.format(n=_marker(k, "number"), name=rec.name)
            cells[1].text = rec.values[key]
            _shade(cells[0], "DEEAF6")
    for row in table.rows:
        row.cells[0].width = Cm(5.0)
        row.cells[1].width = Cm(11.0)
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = "Equality action plan", "EDI Team", "EDI Team"
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    cp.revision = 1
    doc.save(str(path))


def to_pdf(docx: Path) -> Path:
    """The DOCX as LibreOffice prints it, its metadata pinned."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            capture_output=True,
        )
        out = docx.with_suffix(".pdf")
        pin_metadata(Path(tmp) / (docx.stem + ".pdf"), out)
    return out


# --------------------------------------------------------------------------- truth

#: every change from 2025-Q1 to 2025-Q2, written by hand from the records above:
#: (set, uid, change kind, the column of an extra_changed)
CHANGES = [
    ("impact", "older", "status_changed", ""),
    ("impact", "disabled", "reworded", ""),
    ("impact", "disabled", "progress_updated", ""),
    ("impact", "carers", "team_changed", ""),
    ("impact", "lgbt", "added", ""),
    ("word", "buildings", "extra_changed", "Current position"),
    ("word", "data", "team_changed", ""),
    ("word", "data", "reworded", ""),
    ("word", "staff", "added", ""),
]


def truth_rows(
    fs: FormSet, quarter: str, file: str, pages: dict[str, list[int]] | None
) -> list[dict[str, str]]:
    out = []
    for k, rec in enumerate(fs.quarters[quarter], start=1):

        def add(name: str, value: str, rec: Record = rec, k: int = k) -> None:
            out.append(
                {"file": file, "record": str(k), "uid": rec.uid, "field": name, "value": value}
            )

        add("theme", rec.name)
        for key, column in fs.columns.items():
            if rec.values[key]:
                add(column, " ".join(rec.values[key].split()))
        if pages is not None:
            add("pages", ";".join(map(str, pages[rec.uid])))
    return out


def build(pdf: bool = True) -> list[Path]:
    OUT.mkdir(exist_ok=True)
    written: list[Path] = []
    truth: list[dict[str, str]] = []
    impact, word = _impact(), _word()
    for quarter in QUARTERS:
        folder = OUT / impact.name
        folder.mkdir(exist_ok=True)
        path = folder / f"{quarter}.pdf"
        pages = draw_impact(impact, quarter, path)
        written.append(path)
        truth += truth_rows(impact, quarter, f"{impact.name}/{quarter}.pdf", pages)
    for quarter in QUARTERS:
        folder = OUT / word.name
        folder.mkdir(exist_ok=True)
        docx = folder / f"{quarter}.docx"
        write_word(word, quarter, docx)
        written.append(docx)
        truth += truth_rows(word, quarter, f"{word.name}/{quarter}.docx", None)
        if pdf:
            written.append(to_pdf(docx))
        truth += truth_rows(word, quarter, f"{word.name}/{quarter}.pdf", None)
    with (OUT / "truth.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["file", "record", "uid", "field", "value"])
        writer.writeheader()
        writer.writerows(truth)
    written.append(OUT / "truth.csv")
    with (OUT / "changes.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["set", "uid", "change", "label"])
        writer.writerows(CHANGES)
    written.append(OUT / "changes.csv")
    return written


if __name__ == "__main__":
    for p in build(pdf="--no-pdf" not in sys.argv[1:]):
        print(p)
