"""#12: hostile DOCX files (zip bombs, lying zip headers, 200k rows, XML entities, path
traversal) are refused quickly with one line, or read without harm; the store untouched.

The archives are built here at run time, byte for byte, with zipfile: bombs are big by
nature, and a minimal hand-written Word package keeps every byte under the test's control.
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest

import ingest
from tests.test_security_pdf import LIMIT_HINT, make_store, refused, run_cli


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER = ("No.", "Action", "Team responsible", "Start", "End", "Success measure", "Status",
          "Progress update")  # fmt: skip

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="jpeg" ContentType="image/jpeg"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _cell(text: str) -> str:
    return f'<w:tc><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'


def _row(cells: tuple[str, ...] | list[str]) -> str:
    return "<w:tr>" + "".join(_cell(c) for c in cells) + "</w:tr>"


def document_xml(rows: list[list[str]], doctype: str = "") -> str:
    body = "<w:tbl>" + _row(HEADER) + "".join(_row(r) for r in rows) + "</w:tbl>"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )


def action(n: int, text: str = "Train staff") -> list[str]:
    return [f"1.{n}", f"{text} {n}", "HR", "Apr 2025", "Mar 2026", "Staff trained", "Amber", ""]


def write_docx(path: Path, document: str, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def test_the_minimal_package_is_a_readable_plan(tmp_path: Path) -> None:
    """The builder's DOCX reads as a plan: the attacks below differ from it in one thing."""
    path = write_docx(tmp_path / "ok.docx", document_xml([action(1), action(2)]))
    plan = ingest.read_plan(path)
    assert [a.action for a in plan.actions] == ["Train staff 1", "Train staff 2"]
    assert ingest.check_conservation(plan, path) == []


def _deflated_zeros(mb: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1 << 20)
    return b"".join(z.compress(block) for _ in range(mb)) + z.flush()


@pytest.mark.slow
def test_a_thumbnail_bomb_is_refused_from_the_zip_directory(tmp_path: Path, store: Path) -> None:
    """docProps/thumbnail.jpeg inflating to 2.2 GB was accepted (45 s, 6.5 GB); its size is
    now read from the central directory and refused before anything is inflated."""
    path = write_docx(tmp_path / "thumb.docx", document_xml([action(1)]))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("docProps/thumbnail.jpeg")
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, b"")  # placeholder, sizes patched below
    _patch_member(path, "docProps/thumbnail.jpeg", declared=2200 * 2**20)
    start = time.perf_counter()
    message = refused(path, store)
    assert time.perf_counter() - start < 5
    assert message == (
        "over the reading limit: archive member 'docProps/thumbnail.jpeg' inflates to "
        "2200.0 MB " + LIMIT_HINT.format(bound="100 MB", name="member_mb")
    )


@pytest.mark.slow
def test_a_real_document_xml_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    """A genuine 150 MB-inflating document.xml (150 KB on disk) is refused at once."""
    path = tmp_path / "bomb.docx"
    write_docx(path, document_xml([action(1)]))
    raw = _deflated_zeros(150)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_STORED
        zf.writestr(info, raw)  # stored as written; header then says deflated, 150 MB
    _patch_member(path, "word/document.xml", declared=150 * 2**20, deflated=True,
                  crc=zlib.crc32(bytes(150 * 2**20)))  # fmt: skip
    assert path.stat().st_size < 2**20
    start = time.perf_counter()
    with pytest.raises(ingest.LimitExceededError, match=r"'word/document\.xml' inflates to 150\.0"):
        ingest.read_plan(path)
    assert time.perf_counter() - start < 3


def _patch_member(
    path: Path, name: str, *, declared: int, deflated: bool = False, crc: int | None = None
) -> None:
    """Rewrite a member's uncompressed size (and method, CRC) in its local header and its
    central-directory entry: what an attacker controls in a zip."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for sig, size_at, method_at, crc_at, name_len_at, name_at in (
        (b"PK\x03\x04", 22, 8, 14, 26, 30),
        (b"PK\x01\x02", 24, 10, 16, 28, 46),
    ):
        start = 0
        while (i := data.find(sig, start)) >= 0:
            start = i + 4
            (n,) = struct.unpack_from("<H", data, i + name_len_at)
            if bytes(data[i + name_at : i + name_at + n]) != encoded:
                continue
            struct.pack_into("<I", data, i + size_at, declared)
            if deflated:
                struct.pack_into("<H", data, i + method_at, zipfile.ZIP_DEFLATED)
            if crc is not None:
                struct.pack_into("<I", data, i + crc_at, crc)
    path.write_bytes(bytes(data))


@pytest.mark.slow
def test_a_member_lying_about_its_size_stops_at_the_size_it_declared(tmp_path: Path) -> None:
    """document.xml declared as 2 KB but inflating to 50 MB: zipfile stops at the declared
    size and the CRC fails, so it is refused as corrupt, quickly, never inflated in full."""
    padding = " " * (50 * 2**20)
    path = write_docx(tmp_path / "liar.docx", document_xml([action(1)]) + padding)
    _patch_member(path, "word/document.xml", declared=2048)
    start = time.perf_counter()
    with pytest.raises(ingest.CorruptDocumentError) as info:
        ingest.read_plan(path)
    assert time.perf_counter() - start < 3
    assert str(info.value) == f"{path}: corrupt DOCX (BadZipFile)"


@pytest.mark.slow
def test_200k_tiny_rows_are_refused_by_the_row_limit(tmp_path: Path, store: Path) -> None:
    """200,000 tiny rows ran past 10 minutes; they are counted before any row is read."""
    rows = "<w:tr>" + _cell("x") + "</w:tr>"
    doc = document_xml([]).replace("</w:tbl>", rows * 200_000 + "</w:tbl>")
    path = write_docx(tmp_path / "rows.docx", doc)
    start = time.perf_counter()
    message = refused(path, store)
    assert time.perf_counter() - start < 20
    assert message == "over the reading limit: more than 20000 table rows " + LIMIT_HINT.format(
        bound=20000, name="rows"
    )


def test_the_row_limit_is_exact_and_settable(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "rows.docx", document_xml([action(n) for n in range(1, 6)]))
    assert len(ingest.read_plan(path, settings={"limits": {"rows": 5}}).actions) == 5
    with pytest.raises(ingest.LimitExceededError, match="more than 4 table rows"):
        ingest.read_plan(path, settings={"limits": {"rows": 4}})


def test_an_external_entity_is_never_resolved(tmp_path: Path, store: Path) -> None:
    """XXE (held): an entity naming /etc/passwd is not read into any cell."""
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    rows = [action(1, "Leak &xxe; here")]
    path = write_docx(tmp_path / "xxe.docx", document_xml(rows, doctype))
    try:
        plan = ingest.read_plan(path)
    except ingest.IngestError as exc:
        assert "root:" not in str(exc)
    else:
        assert all("root:" not in a.action for a in plan.actions)


def test_entity_expansion_is_never_performed(tmp_path: Path) -> None:
    """Billion laughs (held): nested entities are not expanded (refused, or left unexpanded)."""
    ents = '<!ENTITY a "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    path = write_docx(
        tmp_path / "laughs.docx",
        document_xml([action(1, "&i;")], f"<!DOCTYPE w:document [{ents}]>"),
    )
    start = time.perf_counter()
    try:
        plan = ingest.read_plan(path)
    except ingest.IngestError:
        pass
    else:
        assert all(len(a.action) < 1000 for a in plan.actions)
    assert time.perf_counter() - start < 5


def test_a_zip_path_traversal_member_writes_nothing_anywhere(tmp_path: Path) -> None:
    """Zip slip (held): a member named ../../evil.txt is never extracted to disk."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    path = write_docx(work / "slip.docx", document_xml([action(1)]),
                      {"../../evil.txt": b"pwned", "/tmp/evil-abs.txt": b"pwned"})  # fmt: skip
    code, _, err = run_cli("extract", path, "-o", work / "out.csv")
    assert code == 0, err
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-abs.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b", "out.csv", "slip.docx"]
