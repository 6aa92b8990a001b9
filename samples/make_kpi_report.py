"""A quarterly performance report of KPI tables, the shape councils publish (e.g. Kent's):
per service a short paragraph, then a ruled table whose two-row header reads
"<Service> KPIs | RAG rating: Latest, Previous | DoT" (the group title "RAG rating" merged
over its two sub-columns, the other header cells merged down both rows), ratings printed
as words (GREEN/AMBER/RED). One table's key cell names the service only ("Adult Services",
no "KPIs"), as a real report does; tables differ in column widths and page place.

Run from the repository root: `python samples/make_kpi_report.py`. Writes
`samples/kpi-report/report.pdf` and its truth `samples/kpi-report/truth.json` (per table,
its title and rows: indicator, latest rating, previous rating, direction of travel).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from producers import pin_metadata
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).resolve().parent / "kpi-report"
FONT, SIZE, LEAD = "Helvetica", 9.0, 11.0

#: (title, prose above, column widths, rows: indicator lines, latest, previous, DoT)
TABLES: tuple[tuple[str, str, tuple[float, ...], tuple], ...] = (
    (
        "Customer Services KPIs",
        "Customer Services - call answering improved and met target this quarter.",
        (250.0, 60.0, 60.0, 45.0),
        (
            (
                ("% of callers who rated the advisor", "who dealt with their call as good"),
                "GREEN",
                "GREEN",
                "same",
            ),
            (("% of phone calls answered",), "GREEN", "AMBER", "up"),
            (("% of complaints responded to", "within timescale"), "RED", "RED", "down"),
        ),
    ),
    (
        "Adult Services",
        "Adult Services - two indicators are below their floor standard.",
        (250.0, 60.0, 60.0, 45.0),
        (
            (("% of assessments completed", "within 28 days"), "RED", "AMBER", "down"),
            (("% of people receiving direct payments",), "AMBER", "AMBER", "same"),
            (
                ("% of people still at home 91 days", "after discharge from hospital"),
                "GREEN",
                "RED",
                "up",
            ),
            (("Number of admissions to care homes",), "GREEN", "GREEN", "same"),
        ),
    ),
    (
        "Public Health KPIs",
        "Public Health - health checks remain ahead of target.",
        (280.0, 52.0, 58.0, 40.0),
        (
            (("Number of eligible people receiving", "a health check"), "GREEN", "GREEN", "up"),
            (("Number of mandated checks delivered",), "AMBER", "GREEN", "down"),
        ),
    ),
)


def _table(
    c: Canvas, x: float, y: float, title: str, widths: tuple[float, ...], rows: tuple
) -> float:
    """Draw one table with its top-left at (x, y); returns the y below it."""
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    head = 2 * LEAD + 6
    ys = [y, y - head]
    for lines, *_ in rows:
        ys.append(ys[-1] - (len(lines) * LEAD + 6))
    c.setLineWidth(0.6)
    # outer box, body rows, columns
    for yy in ys[1:]:
        c.line(xs[0], yy, xs[-1], yy)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    mid = y - head / 2
    c.line(xs[1], mid, xs[3], mid)  # under the group title only
    for i, xx in enumerate(xs):
        top = mid if i == 2 else y  # Latest|Previous divide only below the title
        c.line(xx, top, xx, ys[-1])
    c.setFont("Helvetica-Bold", SIZE)
    c.drawString(xs[0] + 4, mid - 3, title)
    c.drawCentredString((xs[1] + xs[3]) / 2, y - LEAD + 1, "RAG rating")
    c.drawCentredString((xs[3] + xs[4]) / 2, mid - 3, "DoT")
    c.drawCentredString((xs[1] + xs[2]) / 2, mid - LEAD + 2, "Latest")
    c.drawCentredString((xs[2] + xs[3]) / 2, mid - LEAD + 2, "Previous")
    c.setFont(FONT, SIZE)
    for (lines, latest, previous, dot), top in zip(rows, ys[1:], strict=False):
        for k, line in enumerate(lines):
            c.drawString(xs[0] + 4, top - 3 - (k + 1) * LEAD + 2, line)
        centre = top - (len(lines) * LEAD + 6) / 2 - 3
        c.drawCentredString((xs[1] + xs[2]) / 2, centre, latest)
        c.drawCentredString((xs[2] + xs[3]) / 2, centre, previous)
        c.drawCentredString((xs[3] + xs[4]) / 2, centre, dot)
    return ys[-1]


def _truth() -> dict:
    return {
        "tables": [
            {
                "title": title,
                "rows": [
                    {
                        "action": " ".join(lines),
                        "status": latest.title(),
                        "previous": previous,
                        "dot": dot,
                    }
                    for lines, latest, previous, dot in rows
                ],
            }
            for title, _, _, rows in TABLES
        ]
    }


def build(out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.pdf"
        c = Canvas(str(raw), pagesize=A4, invariant=1)
        _, height = A4
        c.setFont("Helvetica-Bold", 13)
        c.drawString(60, height - 60, "Quarterly Performance Report, Quarter 3")
        y = height - 90
        for n, (title, prose, widths, rows) in enumerate(TABLES):
            if n == 2:  # the last table on a page of its own
                c.showPage()
                y = height - 70
            c.setFont(FONT, SIZE)
            c.drawString(60, y, prose)
            y = _table(c, 60 + 10 * n, y - 22, title, widths, rows) - 36
        c.setFont(FONT, 8)
        c.drawString(60, 40, "Ratings: GREEN on target, AMBER below target, RED below floor.")
        c.save()
        pin_metadata(raw, out / "report.pdf")
    (out / "truth.json").write_text(json.dumps(_truth(), indent=1) + "\n", encoding="utf-8")
    return out / "report.pdf"


if __name__ == "__main__":
    sys.exit(print(build()) or 0)
