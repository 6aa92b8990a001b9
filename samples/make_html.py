"""Draw a sample version as an HTML table for headless Chromium to print: the second PDF producer.

Deliberately unlike the DOCX: DejaVu Sans instead of Arial, other column widths, no footer,
theme headings as full-width rows inside the table (one table per theme, `<thead>` repeated by
the browser on every page, last heading renamed from Theme B on as published).
"""

from __future__ import annotations

from html import escape

from plan_data import HEADER, SampleAction, progress_heading

WIDTHS_PCT = (4.5, 21, 11, 5.5, 7, 19, 6.5, 25.5)
RAG_FILL = {"Red": "#C00000", "Amber": "#FFBF00", "Green": "#92D050", "Blue": "#5B9BD5"}

CSS_TEMPLATE = """
@page { size: A4 landscape; margin: 11mm 9mm 12mm 9mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", sans-serif; font-size: FONT_PTpt; line-height: 1.25; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 4pt 0; color: #1f3864; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 8pt; }
thead { display: table-header-group; }
tr, td { break-inside: auto; page-break-inside: auto; }
td { orphans: 1; widows: 1; }
th, td { border: 0.6pt solid #404040; padding: 2pt 3pt; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #1f3864; color: #ffffff; font-weight: bold; }
td.theme { background: #d5dce4; font-weight: bold; font-size: 8.4pt; padding: 3pt; }
td.objective { background: #eef1f5; font-weight: bold; font-style: italic; }
td.status { font-weight: bold; }
"""


def _header(last: str) -> str:
    cells = "".join(f"<th>{escape(t)}</th>" for t in (*HEADER, last))
    return f"<thead><tr>{cells}</tr></thead>"


def _action_row(a: SampleAction) -> str:
    style = f' style="background:{RAG_FILL[a.status]}"' if a.status in RAG_FILL else ""
    cells = [
        f"<td>{escape(a.printed_no)}</td>",
        f"<td>{escape(a.action)}</td>",
        f"<td>{escape(a.team)}</td>",
        f"<td>{escape(a.start)}</td>",
        f"<td>{escape(a.end)}</td>",
        f"<td>{escape(a.success_measure)}</td>",
        f'<td class="status"{style}>{escape(a.status)}</td>',
        f"<td>{escape(a.progress_update)}</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def build_html(actions: list[SampleAction], title: str, font_pt: float = 7.8) -> str:
    """The whole document; one table per theme, the theme title as its first (full-width) row."""
    css = CSS_TEMPLATE.replace("FONT_PT", f"{font_pt:g}")
    cols = "".join(f'<col style="width:{w}%">' for w in WIDTHS_PCT)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{css}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    theme = objective = None
    for a in actions:
        if a.theme != theme:
            if theme is not None:
                parts.append("</tbody></table>")
            parts.append(f"<table><colgroup>{cols}</colgroup>{_header(progress_heading(a.theme))}")
            parts.append(
                f'<tbody><tr><td class="theme" colspan="8">Theme {escape(a.theme)}: '
                f"{escape(a.theme_title)}</td></tr>"
            )
            theme, objective = a.theme, None
        if a.objective != objective:
            parts.append(
                f'<tr><td class="objective" colspan="8">Objective {escape(a.objective)}: '
                f"{escape(a.objective_title)}</td></tr>"
            )
            objective = a.objective
        parts.append(_action_row(a))
    parts.append("</tbody></table></body></html>")
    return "\n".join(parts) + "\n"
