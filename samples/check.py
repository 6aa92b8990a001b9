"""Check every sample PDF: header repeated on each page, and which truth actions straddle a page.

Independent of the producers: columns are found from the header words on each page, each
column's text is read top to bottom across all pages, and every truth cell is located in its
column's stream. A cell whose characters lie on two pages is split; an action is split when its
cells together span more than one page. Run: `.venv/bin/python samples/check.py`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from plan_data import read_truth  # noqa: E402

HEADER_TOKENS = (
    ("No.",),
    ("Action",),
    ("Team", "responsible"),
    ("Start",),
    ("End",),
    ("Success", "measure", "and", "key", "outputs"),
    ("Status",),
    ("Progress", "update|log"),
)
# Truth columns located in the PDF, by header column index.
LOCATED = {1: "action", 2: "team", 5: "success_measure", 7: "progress_update"}
MIN_SPLITS = 5


@dataclass(frozen=True)
class SplitAction:
    """An action whose cells lie on more than one page."""

    uid: str
    ref: str
    pages: tuple[int, ...]
    split_cells: tuple[str, ...]


@dataclass(frozen=True)
class PdfReport:
    """What the checker measured in one PDF."""

    path: Path
    pages: int
    headers_per_page: tuple[int, ...]
    splits: tuple[SplitAction, ...]
    missing: tuple[str, ...] = field(default=())

    @property
    def header_on_every_page(self) -> bool:
        return all(n >= 1 for n in self.headers_per_page)

    @property
    def ok(self) -> bool:
        return self.header_on_every_page and len(self.splits) >= MIN_SPLITS and not self.missing


def _spellings(tokens: tuple[str, ...]) -> list[str]:
    """A header cell's text with its spaces removed, for each alternative wording."""
    out = [""]
    for token in tokens:
        out = [o + alt for o in out for alt in token.split("|")]
    return out


def _starts(word: str, tokens: tuple[str, ...]) -> bool:
    """Can `word` open this header cell? A narrow column may have cut it ("Sta" of "Start")."""
    return len(word) >= 2 and any(s.startswith(word) for s in _spellings(tokens))


def find_headers(words: list[dict]) -> list[list[float]]:
    """Column left edges of every header row on a page (one list of 8 x0 values per header).

    A header row is a line holding "Status" whose words, left to right, open the eight
    header cells in order.
    """
    headers = []
    for w in words:
        if w["text"] != "Status":
            continue
        line = sorted((o for o in words if abs(o["top"] - w["top"]) < 2.5), key=lambda o: o["x0"])
        firsts = []
        for tokens in HEADER_TOKENS:
            after = firsts[-1]["x1"] if firsts else float("-inf")
            hit = next((o for o in line if o["x0"] >= after and _starts(o["text"], tokens)), None)
            if hit is None:
                break
            firsts.append(hit)
        if len(firsts) == len(HEADER_TOKENS):
            headers.append([w["top"], *(o["x0"] for o in firsts)])
    return sorted(headers)


def _column_of(x0: float, lefts: list[float]) -> int:
    col = -1
    for i, left in enumerate(lefts):
        if x0 >= left - 1.5:
            col = i
    return col


def _header_words(words: list[dict], top: float, lefts: list[float]) -> set[int]:
    """Ids of the words forming one header row: per column, in reading order, the words
    that together spell the header text (a narrow column may have cut its words)."""
    taken: set[int] = set()
    for col, tokens in enumerate(HEADER_TOKENS):
        cands = sorted(
            (
                o
                for o in words
                if top - 2.5 <= o["top"] <= top + 40 and _column_of(o["x0"], lefts) == col
            ),
            key=lambda o: (round(o["top"]), o["x0"]),
        )
        spelt = ""
        for o in cands:
            if not any(s.startswith(spelt + o["text"]) for s in _spellings(tokens)):
                break
            spelt += o["text"]
            taken.add(id(o))
    return taken


def _table_bottom(page) -> float:
    h_edges = [e for e in page.edges if e["orientation"] == "h" and e["width"] > 15]
    return max((e["bottom"] for e in h_edges), default=page.height)


def column_streams(pdf) -> tuple[dict[int, tuple[str, list[int]]], list[int]]:
    """Per located column: its text (no whitespace) over all pages, the page of every character."""
    streams: dict[int, tuple[list[str], list[int]]] = {c: ([], []) for c in LOCATED}
    counts = []
    for pno, page in enumerate(pdf.pages, start=1):
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        headers = find_headers(words)
        counts.append(len(headers))
        if not headers:
            continue
        skip: set[int] = set()
        for h in headers:
            skip |= _header_words(words, h[0], h[1:])
        bottom = _table_bottom(page)
        lefts = headers[0][1:]
        body = [
            w
            for w in words
            if id(w) not in skip and w["top"] > headers[0][0] - 2.5 and w["top"] < bottom
        ]
        body.sort(key=lambda o: (round(o["top"], 0), o["x0"]))
        for w in body:
            col = _column_of(w["x0"], lefts)
            if col in streams:
                streams[col][0].append(w["text"])
                streams[col][1].extend([pno] * len(w["text"]))
    joined = {c: ("".join(t), p) for c, (t, p) in streams.items()}
    return joined, counts


def analyse_pdf(path: Path, truth: list[dict[str, str]]) -> PdfReport:
    """Pages, header rows per page, and the truth actions that straddle a page break."""
    with pdfplumber.open(path) as pdf:
        streams, counts = column_streams(pdf)
        n_pages = len(pdf.pages)
    cursors = dict.fromkeys(LOCATED, 0)
    splits, missing = [], []
    for row in truth:
        pages: set[int] = set()
        split_cells = []
        for col, name in LOCATED.items():
            target = "".join(row[name].split())
            if not target:
                continue
            text, char_pages = streams[col]
            at = text.find(target, cursors[col])
            if at < 0:
                missing.append(f"{row['uid']} {row['ref']} {name}")
                continue
            cursors[col] = at + len(target)
            cell_pages = set(char_pages[at : at + len(target)])
            if len(cell_pages) > 1:
                split_cells.append(name)
            pages |= cell_pages
        if len(pages) > 1:
            splits.append(
                SplitAction(row["uid"], row["ref"], tuple(sorted(pages)), tuple(split_cells))
            )
    return PdfReport(path, n_pages, tuple(counts), tuple(splits), tuple(missing))


#: The folder (and truth CSV stem) of the narrow-columns layout sample.
NARROW = "narrow"


def sample_pdfs(root: Path = HERE) -> list[tuple[Path, Path]]:
    """Every committed sample PDF with its truth CSV: the periods', then the narrow layout."""
    out = []
    for truth in [*sorted((root / "truth").glob("20*-Q*.csv")), root / "truth" / f"{NARROW}.csv"]:
        for pdf in sorted((root / truth.stem).glob("*.pdf")):
            out.append((pdf, truth))
    return out


def format_report(r: PdfReport, root: Path = HERE) -> str:
    lines = [
        f"{r.path.relative_to(root)}: {r.pages} pages, header rows per page "
        f"{list(r.headers_per_page)}, {len(r.splits)} split actions -> {'OK' if r.ok else 'FAIL'}"
    ]
    for s in r.splits:
        cells = ", ".join(s.split_cells) or "cells end/start at the break"
        lines.append(f"    {s.uid} {s.ref:7} pages {'-'.join(map(str, s.pages))}  ({cells})")
    for m in r.missing:
        lines.append(f"    NOT FOUND: {m}")
    return "\n".join(lines)


def main() -> int:
    reports = [analyse_pdf(pdf, read_truth(truth)) for pdf, truth in sample_pdfs()]
    for r in reports:
        print(format_report(r))
    bad = [r for r in reports if not r.ok]
    if not reports or bad:
        print(f"FAILED: {len(bad)} of {len(reports)} PDFs", file=sys.stderr)
        return 1
    print(f"all {len(reports)} PDFs: header on every page, >= {MIN_SPLITS} split actions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
