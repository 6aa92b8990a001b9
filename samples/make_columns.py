"""Plans printing other column sets than ours, two quarters each, with known changes.

`.venv/bin/python samples/make_columns.py` writes `samples/columns/<set>/<quarter>.docx`
and `samples/columns/<set>/truth.json`: per quarter, every action's fields as the reader
must find them (`fields`, with unknown columns under `extra` by printed header) and a
stable `uid` per action; and the changes between the quarters as (uid, kind, column).

The sets (issue 14), each a real publisher's habit:

- `no-number`: no No. column (Action | Team responsible | Start | End | Status | Progress
  update), under Theme/Objective rows.
- `timescale`: one Timescale column read as a period (Ref | What we will do | Led by |
  Timescale | Measures of success | Shared Outcome), Kent's layout; "Shared Outcome" is kept.
- `lead-officer`: our eight columns plus a "Lead officer" column between Team and Start.
- `quarter-progress`: the progress column named for the quarter ("Q1 2025/26 update", then
  "Q2 2025/26 update") and RAG rating / Due date / Owner / Item No. for the rest.
- `kpi`: a KPI table with a two-row header ("Performance" over "Actual" and "RAG"), the
  indicator as the action and numeric Target/Actual columns kept.
- `risk-register`: rows are risks (Risk ID | Risk title | Risk owner | Likelihood | Impact
  | Risk score | Target date | Status): the risk title is the key column, scores kept.
- `brag`: a BRAG tracker (Ref | Action | Service | Due date | BRAG | Update | Budget (£k))
  whose statuses are the publisher's words ("Off track", "At risk", "On track", "Complete")
  over its own fills (orange for Off track, purple for Complete), and whose Blue is
  "Complete", above Green. The set's `plantrack.toml` says so; `truth.json` gives each
  action's status and fill status as read with it (`read`).

python-docx draws every table; each DOCX is also printed to PDF by LibreOffice
(`soffice --headless --convert-to pdf`; `--no-pdf` skips it). The KPI set's two-row header
reads from the PDF too: the reader folds a row of sub-columns under a merged group title.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

OUT = Path(__file__).resolve().parent / "columns"
QUARTERS = ("2025-Q1", "2025-Q2")


@dataclass
class Row:
    uid: str
    cells: dict[str, str]  # printed header -> text
    banner: str = ""  # a Theme/Objective row printed before this row
    #: the status cell's fill ("RRGGBB") and the status it means to the publisher
    fill: tuple[str, str] = ("", "")


@dataclass
class ColumnSet:
    name: str
    headers: tuple[tuple[str, ...], ...]  # per quarter: the header row as printed
    #: printed header -> field; headers not listed are extras
    fields: dict[str, str]
    rows: tuple[list[Row], list[Row]]  # per quarter
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # uid, kind, column
    #: a two-row header: (parent header, span, sub headers) replacing the span's cells
    two_row: tuple[str, tuple[str, ...]] | None = None
    #: the store's plantrack.toml for this set (written beside the documents), and the
    #: status each printed status word means under it
    config: str = ""
    statuses: dict[str, str] = field(default_factory=dict)


def _no_number() -> ColumnSet:
    h = ("Action", "Team responsible", "Start", "End", "Status", "Progress update")
    q1 = [
        Row(
            "n1",
            dict(
                zip(
                    h,
                    (
                        "Publish an accessible version of every committee report",
                        "Democratic Services",
                        "Apr 2025",
                        "Sep 2025",
                        "Amber",
                        "Template agreed with the web team.",
                    ),
                    strict=True,
                )
            ),
            banner="Theme A: Open and accessible services",
        ),
        Row(
            "n2",
            dict(
                zip(
                    h,
                    (
                        "Offer British Sign Language interpretation at public meetings",
                        "Democratic Services",
                        "Apr 2025",
                        "Mar 2026",
                        "Red",
                        "Supplier to be procured.",
                    ),
                    strict=True,
                )
            ),
        ),
        Row(
            "n3",
            dict(
                zip(
                    h,
                    (
                        "Review the translation budget with each directorate",
                        "Finance",
                        "Jun 2025",
                        "Dec 2025",
                        "Green",
                        "",
                    ),
                    strict=True,
                )
            ),
        ),
        Row(
            "n4",
            dict(
                zip(
                    h,
                    (
                        "Train reception staff in disability awareness",
                        "Customer Services",
                        "Apr 2025",
                        "Jun 2025",
                        "Amber",
                        "Two of five sessions held.",
                    ),
                    strict=True,
                )
            ),
            banner="Theme B: A workforce that reflects the county",
        ),
        Row(
            "n5",
            dict(
                zip(
                    h,
                    (
                        "Run a staff survey on belonging and inclusion",
                        "HR",
                        "Sep 2025",
                        "Nov 2025",
                        "Blue",
                        "",
                    ),
                    strict=True,
                )
            ),
        ),
    ]
    q2 = [
        Row(
            "n1",
            {
                **q1[0].cells,
                "Status": "Green",
                "Progress update": "Template agreed with the web team. All reports since "
                "July published in the accessible template.",
            },
            banner=q1[0].banner,
        ),
        Row("n2", {**q1[1].cells, "End": "Jun 2026"}),
        Row("n3", q1[2].cells),
        Row("n4", {**q1[3].cells, "Team responsible": "Customer Experience"}, banner=q1[3].banner),
        Row(
            "n6",
            dict(
                zip(
                    h,
                    (
                        "Publish workforce diversity data every year",
                        "HR",
                        "Oct 2025",
                        "Annually",
                        "Amber",
                        "First report drafted.",
                    ),
                    strict=True,
                )
            ),
        ),
    ]
    return ColumnSet(
        "no-number",
        (h, h),
        {
            "Action": "action",
            "Team responsible": "team",
            "Start": "start",
            "End": "end",
            "Status": "status",
            "Progress update": "progress_update",
        },
        (q1, q2),
        [
            ("n1", "status_changed", ""),
            ("n1", "progress_updated", ""),
            ("n2", "end_changed", ""),
            ("n4", "team_changed", ""),
            ("n5", "removed", ""),
            ("n6", "added", ""),
        ],
    )


def _timescale() -> ColumnSet:
    h = ("Ref", "What we will do", "Led by", "Timescale", "Measures of success", "Shared Outcome")
    q1 = [
        Row(
            "t1",
            dict(
                zip(
                    h,
                    (
                        "1",
                        "Co-design the carers' strategy with carers' groups",
                        "Adult Social Care",
                        "Apr 2025 - Mar 2026",
                        "Strategy adopted by Cabinet",
                        "People are supported to live independently",
                    ),
                    strict=True,
                )
            ),
        ),
        Row(
            "t2",
            dict(
                zip(
                    h,
                    (
                        "2",
                        "Map access to green space by ward",
                        "Public Health",
                        "Mar 2026",
                        "Map published",
                        "Healthy places",
                    ),
                    strict=True,
                )
            ),
        ),
        Row(
            "t3",
            dict(
                zip(
                    h,
                    (
                        "3",
                        "Set up a young people's advisory panel",
                        "Children's Services",
                        "Sep 2025 - Dec 2025",
                        "Panel meets quarterly",
                        "Children have their say",
                    ),
                    strict=True,
                )
            ),
        ),
        Row(
            "t4",
            dict(
                zip(
                    h,
                    (
                        "4",
                        "Audit the accessibility of the council's buildings",
                        "Property",
                        "Ongoing",
                        "Audit report to committee",
                        "Healthy places",
                    ),
                    strict=True,
                )
            ),
        ),
    ]
    q2 = [
        Row("t1", q1[0].cells),
        Row("t2", {**q1[1].cells, "Timescale": "Jun 2026"}),
        Row("t3", {**q1[2].cells, "Shared Outcome": "Children and young people have their say"}),
        Row(
            "t4",
            {
                **q1[3].cells,
                "Measures of success": "Audit report to committee; works programme agreed",
            },
        ),
    ]
    return ColumnSet(
        "timescale",
        (h, h),
        {
            "Ref": "printed_no",
            "What we will do": "action",
            "Led by": "team",
            "Timescale": "end",
            "Measures of success": "success_measure",
        },
        (q1, q2),
        [
            ("t2", "end_changed", ""),
            ("t3", "extra_changed", "Shared Outcome"),
            ("t4", "measure_changed", ""),
        ],
    )


_EIGHT = (
    "No.",
    "Action",
    "Team responsible",
    "Start",
    "End",
    "Success measure",
    "Status",
    "Progress update",
)
_EIGHT_FIELDS = {
    "No.": "printed_no",
    "Action": "action",
    "Team responsible": "team",
    "Start": "start",
    "End": "end",
    "Success measure": "success_measure",
    "Status": "status",
    "Progress update": "progress_update",
}


def _lead_officer() -> ColumnSet:
    h = (
        "No.",
        "Action",
        "Team responsible",
        "Lead officer",
        "Start",
        "End",
        "Success measure",
        "Status",
        "Progress update",
    )
    vals = [
        (
            "l1",
            "1.1",
            "Agree an equality impact assessment template",
            "Policy",
            "J. Patel",
            "Apr 2025",
            "Jun 2025",
            "Template in use",
            "Green",
            "Adopted in May.",
        ),
        (
            "l2",
            "1.2",
            "Train report authors in impact assessment",
            "Policy",
            "J. Patel",
            "Jul 2025",
            "Dec 2025",
            "90% of authors trained",
            "Amber",
            "Course booked.",
        ),
        (
            "l3",
            "1.3",
            "Publish impact assessments with committee papers",
            "Democratic Services",
            "A. Okafor",
            "Apr 2025",
            "Mar 2026",
            "All papers carry one",
            "Amber",
            "Half of papers so far.",
        ),
        (
            "l4",
            "2.1",
            "Collect equality data at first contact",
            "Customer Services",
            "R. Lewis",
            "Sep 2025",
            "Mar 2026",
            "Data held for 80% of contacts",
            "Blue",
            "",
        ),
    ]
    q1 = [Row(v[0], dict(zip(h, v[1:], strict=True))) for v in vals]
    q1[0].banner = "Theme A: Fair decisions"
    q1[3].banner = "Theme B: Knowing our communities"
    q2 = [
        Row("l1", q1[0].cells, banner=q1[0].banner),
        Row(
            "l2",
            {
                **q1[1].cells,
                "Lead officer": "M. Brown",
                "Progress update": "Course booked. First cohort trained in September.",
            },
        ),
        Row("l3", q1[2].cells),
        Row("l4", {**q1[3].cells, "Status": "Amber", "Start": "Oct 2025"}, banner=q1[3].banner),
    ]
    return ColumnSet(
        "lead-officer",
        (h, h),
        dict(_EIGHT_FIELDS),
        (q1, q2),
        [
            ("l2", "extra_changed", "Lead officer"),
            ("l2", "progress_updated", ""),
            ("l4", "status_changed", ""),
            ("l4", "start_changed", ""),
        ],
    )


def _quarter_progress() -> ColumnSet:
    h1 = ("Item No.", "Action", "Owner", "Due date", "RAG rating", "Q1 2025/26 update")
    h2 = (*h1[:5], "Q2 2025/26 update")
    vals = [
        (
            "p1",
            "A1",
            "Refresh the equality objectives",
            "Chief Executive's Office",
            "Mar 2026",
            "Amber",
            "Consultation opened in June.",
        ),
        ("p2", "A2", "Report the gender pay gap", "HR", "Mar 2026", "Green", "Published in April."),
        (
            "p3",
            "A3",
            "Review the hate crime reporting centres",
            "Community Safety",
            "Dec 2025",
            "Red",
            "Not started: officer vacancy.",
        ),
    ]
    q1 = [Row(v[0], dict(zip(h1, v[1:], strict=True))) for v in vals]
    upd = {
        "p1": "Consultation closed; 412 responses analysed.",
        "p2": "Published in April.",
        "p3": "Officer appointed; review started in August.",
    }
    q2 = []
    for r in q1:
        cells = {h2[i]: r.cells[h1[i]] for i in range(5)}
        cells[h2[5]] = upd[r.uid]
        q2.append(Row(r.uid, cells))
    q2[2].cells["RAG rating"] = "Amber"
    return ColumnSet(
        "quarter-progress",
        (h1, h2),
        {
            "Item No.": "printed_no",
            "Action": "action",
            "Owner": "team",
            "Due date": "end",
            "RAG rating": "status",
            "Q1 2025/26 update": "progress_update",
            "Q2 2025/26 update": "progress_update",
        },
        (q1, q2),
        [
            ("p1", "progress_updated", ""),
            ("p3", "progress_updated", ""),
            ("p3", "status_changed", ""),
        ],
    )


def _kpi() -> ColumnSet:
    # the printed grid: Ref | Indicator | Lead | Target | Performance (Actual, RAG) | Commentary
    h = ("Ref", "Indicator", "Lead", "Target", "Performance - Actual", "RAG", "Commentary")
    vals = [
        (
            "k1",
            "KPI 1",
            "Percentage of staff who have declared a disability",
            "HR",
            "8%",
            "6.5%",
            "Amber",
            "Declaration campaign in May.",
        ),
        (
            "k2",
            "KPI 2",
            "Complaints about accessibility resolved within 20 days",
            "Customer Services",
            "95%",
            "97%",
            "Green",
            "On target.",
        ),
        (
            "k3",
            "KPI 3",
            "Number of community groups engaged this quarter",
            "Communities",
            "40",
            "22",
            "Red",
            "Two engagement officers on leave.",
        ),
    ]
    q1 = [Row(v[0], dict(zip(h, v[1:], strict=True))) for v in vals]
    q2 = [
        Row("k1", {**q1[0].cells, "Performance - Actual": "7.2%"}),
        Row("k2", q1[1].cells),
        Row(
            "k3",
            {
                **q1[2].cells,
                "Performance - Actual": "41",
                "RAG": "Green",
                "Commentary": "Two engagement officers on leave. Target met after their return.",
            },
        ),
    ]
    return ColumnSet(
        "kpi",
        (h, h),
        {
            "Ref": "printed_no",
            "Indicator": "action",
            "Lead": "team",
            "RAG": "status",
            "Commentary": "progress_update",
        },
        (q1, q2),
        [
            ("k1", "extra_changed", "Performance - Actual"),
            ("k3", "extra_changed", "Performance - Actual"),
            ("k3", "status_changed", ""),
            ("k3", "progress_updated", ""),
        ],
        two_row=("Performance", ("Actual", "RAG")),
    )


def _risk_register() -> ColumnSet:
    h = (
        "Risk ID",
        "Risk title",
        "Risk owner",
        "Likelihood",
        "Impact",
        "Risk score",
        "Target date",
        "Status",
    )
    vals = [
        (
            "r1",
            "R01",
            "Equality data is incomplete, so needs are missed",
            "Head of Insight",
            "4",
            "3",
            "12",
            "Mar 2026",
            "Amber",
        ),
        (
            "r2",
            "R02",
            "Impact assessments are not done before decisions",
            "Monitoring Officer",
            "3",
            "4",
            "12",
            "Dec 2025",
            "Red",
        ),
        (
            "r3",
            "R03",
            "Interpretation supplier fails to deliver",
            "Procurement Lead",
            "2",
            "3",
            "6",
            "Sep 2025",
            "Green",
        ),
    ]
    q1 = [Row(v[0], dict(zip(h, v[1:], strict=True))) for v in vals]
    h2 = (*h, "Direction of travel")  # a column new this quarter
    q2 = [
        Row(
            "r1",
            {
                **q1[0].cells,
                "Likelihood": "3",
                "Risk score": "9",
                "Direction of travel": "Improving",
            },
        ),
        Row("r2", {**q1[1].cells, "Status": "Amber", "Direction of travel": "Improving"}),
        Row("r3", {**q1[2].cells, "Direction of travel": "Stable"}),
        Row(
            "r4",
            dict(
                zip(
                    h2,
                    (
                        "R04",
                        "Website fails accessibility standards",
                        "Head of Digital",
                        "3",
                        "3",
                        "9",
                        "Jun 2026",
                        "Amber",
                        "New",
                    ),
                    strict=True,
                )
            ),
        ),
    ]
    return ColumnSet(
        "risk-register",
        (h, h2),
        {
            "Risk ID": "printed_no",
            "Risk title": "action",
            "Risk owner": "team",
            "Target date": "end",
            "Status": "status",
        },
        (q1, q2),
        [
            ("r1", "extra_changed", "Likelihood"),
            ("r1", "extra_changed", "Risk score"),
            ("r1", "extra_changed", "Direction of travel"),
            ("r2", "extra_changed", "Direction of travel"),
            ("r3", "extra_changed", "Direction of travel"),
            ("r2", "status_changed", ""),
            ("r4", "added", ""),
        ],
    )


_BRAG_CONFIG = """\
# A BRAG tracker: the publisher's own status words and fills; Blue is Complete, above Green.
[status]
words = { "Off track" = "Red", "At risk" = "Amber", "On track" = "Green", "Complete" = "Blue" }
meanings = { Red = "Off track", Amber = "At risk", Green = "On track", Blue = "Complete" }
order = ["Red", "Amber", "Green", "Blue"]
colours = { "FF6600" = "Red", "7030A0" = "Blue" }
"""

#: the publisher's fills: its own orange and purple, Office amber and green
_BRAG_FILL = {
    "Off track": ("FF6600", "Red"),
    "At risk": ("FFC000", "Amber"),
    "On track": ("00B050", "Green"),
    "Complete": ("7030A0", "Blue"),
}


def _brag() -> ColumnSet:
    h = ("Ref", "Action", "Service", "Due date", "BRAG", "Update", "Budget (£k)")
    vals = [
        (
            "b1",
            "1",
            "Publish an accessibility statement for every council website",
            "Digital",
            "Sep 2025",
            "On track",
            "Audit of 14 sites done.",
            "12",
        ),
        (
            "b2",
            "2",
            "Open a Changing Places toilet in each district hub",
            "Property",
            "Mar 2026",
            "On track",
            "Two sites surveyed.",
            "240",
        ),
        (
            "b3",
            "3",
            "Commission an independent review of recruitment panels",
            "HR",
            "Dec 2025",
            "Off track",
            "Procurement paused.",
            "35",
        ),
        (
            "b4",
            "4",
            "Translate the council tax guide into the five most requested languages",
            "Revenues",
            "May 2025",
            "Complete",
            "Published in June.",
            "8",
        ),
        (
            "b5",
            "5",
            "Set up a disabled staff network with a senior sponsor",
            "HR",
            "Nov 2025",
            "At risk",
            "Sponsor not yet agreed.",
            "0",
        ),
    ]

    def row(uid: str, cells: dict[str, str]) -> Row:
        return Row(uid, cells, fill=_BRAG_FILL[cells["BRAG"]])

    q1 = [row(v[0], dict(zip(h, v[1:], strict=True))) for v in vals]
    q2 = [
        row(
            "b1",
            {
                **q1[0].cells,
                "BRAG": "Complete",
                "Update": "Audit of 14 sites done. All statements published in August.",
            },
        ),
        row("b2", {**q1[1].cells, "BRAG": "At risk", "Budget (£k)": "310"}),
        row(
            "b3",
            {
                **q1[2].cells,
                "BRAG": "At risk",
                "Update": "Procurement paused. Supplier appointed in September.",
            },
        ),
        row("b4", q1[3].cells),
        row(
            "b6",
            dict(
                zip(
                    h,
                    (
                        "6",
                        "Review the equality objectives with community groups",
                        "Policy",
                        "Mar 2026",
                        "On track",
                        "First workshop held.",
                        "5",
                    ),
                    strict=True,
                )
            ),
        ),
    ]
    return ColumnSet(
        "brag",
        (h, h),
        {
            "Ref": "printed_no",
            "Action": "action",
            "Service": "team",
            "Due date": "end",
            "BRAG": "status",
            "Update": "progress_update",
        },
        (q1, q2),
        [
            ("b1", "status_changed", ""),
            ("b1", "progress_updated", ""),
            ("b2", "status_changed", ""),
            ("b2", "extra_changed", "Budget (£k)"),
            ("b3", "status_changed", ""),
            ("b3", "progress_updated", ""),
            ("b6", "added", ""),
            ("b5", "removed", ""),
        ],
        config=_BRAG_CONFIG,
        statuses={word: status for word, (_, status) in _BRAG_FILL.items()},
    )


SETS = (
    _no_number,
    _timescale,
    _lead_officer,
    _quarter_progress,
    _kpi,
    _risk_register,
    _brag,
)


def _shade(cell: _Cell, fill: str) -> None:
    """Fill a python-docx cell with a solid colour (w:shd in its w:tcPr)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _write_docx(cs: ColumnSet, q: int, path: Path) -> None:
    doc = Document()
    section = doc.sections[0]  # landscape, as councils print wide plans: no word is cut
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    doc.add_paragraph(f"Equality action plan ({cs.name}) — {QUARTERS[q]}")
    headers = cs.headers[q]
    table = doc.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    if cs.two_row is not None:
        parent, subs = cs.two_row
        first = [h for h in headers]
        at = next(i for i, h in enumerate(headers) if h.startswith(parent) or h in subs)
        top = table.add_row().cells
        bottom = table.add_row().cells
        for i, h in enumerate(first):
            if at <= i < at + len(subs):
                bottom[i].text = subs[i - at]
            else:
                top[i].text = h
                top[i].merge(bottom[i])
        merged = top[at].merge(top[at + len(subs) - 1])
        merged.text = parent
    else:
        cells = table.add_row().cells
        for i, h in enumerate(headers):
            cells[i].text = h
    for row in cs.rows[q]:
        if row.banner:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = row.banner
        cells = table.add_row().cells
        for i, h in enumerate(headers):
            cells[i].text = row.cells.get(h, "")
            if row.fill[0] and cs.fields.get(h) == "status":
                _shade(cells[i], row.fill[0])
    for para in (p for r in table.rows for c in r.cells for p in c.paragraphs):
        for run in para.runs:
            run.font.size = Pt(9)
    doc.save(str(path))


def _truth(cs: ColumnSet) -> dict:
    quarters = {}
    for q, rows in enumerate(cs.rows):
        actions = []
        for row in rows:
            fields = {
                f: ""
                for f in (
                    "printed_no",
                    "action",
                    "team",
                    "start",
                    "end",
                    "success_measure",
                    "status",
                    "progress_update",
                )
            }
            extra = []
            for h in cs.headers[q]:
                text = row.cells.get(h, "")
                if h in cs.fields:
                    fields[cs.fields[h]] = text
                elif text:
                    extra.append([h, text])
            entry: dict = {"uid": row.uid, "fields": fields, "extra": extra}
            if cs.config:  # what the set's plantrack.toml makes of the status and its fill
                entry["read"] = {
                    "status": cs.statuses[fields["status"]],
                    "status_colour": row.fill[1],
                }
            actions.append(entry)
        quarters[QUARTERS[q]] = actions
    return {
        "set": cs.name,
        "quarters": quarters,
        "changes": [list(c) for c in cs.changes],
        "columns_added": [
            h for h in cs.headers[1] if h not in cs.headers[0] and h not in cs.fields
        ],
        "columns_removed": [
            h for h in cs.headers[0] if h not in cs.headers[1] and h not in cs.fields
        ],
    }


def to_pdf(docx: Path) -> Path:
    """The DOCX as LibreOffice prints it (`soffice --headless --convert-to pdf`)."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return docx.with_suffix(".pdf")


def build(out: Path = OUT, pdf: bool = True, only: str = "") -> list[Path]:
    """Write every set (or the one named `only`): DOCX, PDF, truth and any plantrack.toml."""
    written = []
    for make in SETS:
        cs = make()
        if only and cs.name != only:
            continue
        folder = out / cs.name
        folder.mkdir(parents=True, exist_ok=True)
        for q, quarter in enumerate(QUARTERS):
            path = folder / f"{quarter}.docx"
            _write_docx(cs, q, path)
            written.append(path)
            if pdf:
                written.append(to_pdf(path))
        if cs.config:
            (folder / "plantrack.toml").write_text(cs.config, encoding="utf-8")
        (folder / "truth.json").write_text(
            json.dumps(_truth(cs), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return written


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), "")
    for p in build(Path(args[0]) if args else OUT, pdf="--no-pdf" not in sys.argv, only=only):
        print(p)
