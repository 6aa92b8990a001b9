"""Render the one report model as Markdown and as a single self-contained HTML file."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import (
    Environment,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from outputs.atomic import write_text_atomic
from outputs.chart import rag_chart_svg
from outputs.report import Report
from outputs.safe import html_text
from outputs.worddiff import Segment

_MD_SPECIAL = re.compile(r"([\\`*_~|<>\[\]])")


def md_escape(text: object) -> str:
    """Escape Markdown's inline specials so action text shows literally (also inside tables)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_diff(segments: tuple[Segment, ...]) -> str:
    """~~removed~~ and **added** words inline."""
    parts = []
    for s in segments:
        t = md_escape(s.text)
        parts.append(t if s.kind == "same" else (f"~~{t}~~" if s.kind == "del" else f"**{t}**"))
    return " ".join(parts)


def html_diff(segments: tuple[Segment, ...]) -> Markup:
    """<del>/<ins> word diff, escaped."""
    parts = []
    for s in segments:
        t = escape(html_text(s.text))
        parts.append(str(t) if s.kind == "same" else f"<{s.kind}>{t}</{s.kind}>")
    return Markup(" ".join(parts))


def months_text(n: int | None) -> str:
    if n is None:
        return ""
    n = abs(n)
    return f"{n} month" + ("" if n == 1 else "s")


def inert(value: object) -> object:
    """Every `{{ ... }}` of both templates: document text with bidi and control characters
    made visible (`safe.html_text`), before autoescaping; ready-made Markup is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return html_text(value)
    return value


@functools.cache
def _env(autoescape: bool) -> Environment:
    """One environment per process; its templates are compiled in memory on first use.

    No bytecode cache on disk: Jinja's cache is unpickled when read, so a cache folder
    another user could create first (e.g. under /tmp) would run their code as ours.
    """
    env = Environment(
        loader=PackageLoader("outputs", "templates"),
        autoescape=select_autoescape(["html", "j2"]) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=inert,
    )
    env.filters.update(md=md_escape, md_diff=md_diff, html_diff=html_diff, months=months_text)
    return env


def render_markdown(report: Report) -> str:
    """The report as Markdown (for email, Teams or a repository)."""
    text = _env(False).get_template("report.md.j2").render(r=report)
    return re.sub(r"\n{3,}", "\n\n", text)


def render_html(report: Report) -> str:
    """The report as one HTML file: inline CSS and SVG, nothing fetched from anywhere."""
    env = _env(True)
    return env.get_template("report.html.j2").render(r=report, chart=Markup(rag_chart_svg(report)))


def write_report(report: Report, out_dir: Path) -> dict[str, Path]:
    """Write report.md and report.html into `out_dir` atomically; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "report.md": write_text_atomic(out_dir / "report.md", render_markdown(report)),
        "report.html": write_text_atomic(out_dir / "report.html", render_html(report)),
    }
