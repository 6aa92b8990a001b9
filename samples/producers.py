"""Run the external PDF producers (LibreOffice, Chromium) and pin the metadata they stamp.

Each call uses a throw-away profile directory so that concurrent runs (other sessions, other
helpers) cannot share a LibreOffice/Chromium profile and silently fail.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf

FIXED_PDF_DATE = "D:20250101090000+00'00'"


def libreoffice_pdf(docx: Path, out_pdf: Path) -> None:
    """DOCX -> PDF with `soffice --headless --convert-to pdf` (Writer's PDF export)."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = outdir / (docx.stem + ".pdf")
        if not produced.exists():
            raise RuntimeError(f"LibreOffice produced no PDF for {docx}")
        pin_metadata(produced, out_pdf)


def chromium_pdf(html: Path, out_pdf: Path) -> None:
    """HTML -> PDF with headless Chromium's print-to-pdf (Skia PDF backend)."""
    with tempfile.TemporaryDirectory() as tmp:
        produced = Path(tmp) / "out.pdf"
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={produced}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        if not produced.exists():
            raise RuntimeError(f"Chromium produced no PDF for {html}")
        pin_metadata(produced, out_pdf)


def pin_metadata(src: Path, dst: Path) -> None:
    """Fix creation/modification dates and the file /ID so a rebuild is byte-reproducible.

    The page content is copied untouched; only the document information dictionary and the
    trailer /ID (both time-derived by the producers) are replaced with constants.
    """
    reader = pypdf.PdfReader(src)
    writer = pypdf.PdfWriter(clone_from=reader)
    info = {k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)}
    info.update({"/CreationDate": FIXED_PDF_DATE, "/ModDate": FIXED_PDF_DATE})
    writer.add_metadata(info)
    # Drop the producer's time-derived /ID (pypdf only writes _ID when set); qpdf then stamps a
    # static one. pypdf has no public setter for this.
    writer._ID = None
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as fh:
        writer.write(fh)
    if shutil.which("qpdf"):
        tmp = dst.with_suffix(".tmp.pdf")
        subprocess.run(
            ["qpdf", "--static-id", "--object-streams=preserve", str(dst), str(tmp)],
            check=True,
            capture_output=True,
        )
        tmp.replace(dst)
