"""A store's own header names (plantrack.toml `[columns] aliases`, the read settings'
`column_aliases`) reach the PDF reader: the header finder of tables drawn without a grid,
the lattice reader's header test and column naming, and the conservation check's header
rows. The real case is the French plan `chelsea_pdta.pdf` (pp. 25-30: AXES D'EVALUATION /
ACTIONS / ÉCHEANCIER / RESSOURCES NECESSAIRES / RESPONSABLES ET PARTENAIRES), whose
headers are not in the vocabulary; it is skipped, saying so, where ../shared is not
beside the checkout."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdf
import pytest

import ingest
from ingest.pdf.unruled import find_headers

REPO = Path(__file__).resolve().parent.parent
CHELSEA = REPO.parent / "shared" / "wild" / "pdfplumber-tests" / "chelsea_pdta.pdf"

#: what an officer would put in the store's plantrack.toml for this plan
FRENCH = (
    ("AXES D’EVALUATION", "extra"),
    ("AXE D’EVALUATION", "extra"),
    ("ÉCHEANCIER", "end"),
    ("RESSOURCES NECESSAIRES", "extra"),
    ("RESPONSABLES ET PARTENAIRES", "team"),
)

#: bullets (actions) per page of pp. 26-30, counted on the rendered pages (p. 25 is the
#: introduction): AXE 1 Ressources 11, AXE 2 Marketing 6, AXE 3 Outils 9 + 7, AXE 4 6
CHELSEA_ROWS = {26: 11, 27: 6, 28: 9, 29: 7, 30: 6}


def _words(*texts: str, top: float = 10.0) -> list[dict]:
    out, x = [], 20.0
    for t in texts:
        out.append({"text": t, "x0": x, "x1": x + 6 * len(t), "top": top, "bottom": top + 8})
        x += 6 * len(t) + 14
    return out


def test_a_header_line_of_the_stores_own_names_is_found_only_with_its_aliases():
    line = _words("Mesure", "Pilote", "Échéance", "État")
    aliases = (("Mesure", "action"), ("Pilote", "team"), ("Échéance", "end"), ("État", "status"))
    assert find_headers(line, 2.5, 75.0, 3) == []
    (found,) = find_headers(line, 2.5, 75.0, 3, aliases)
    assert [c.text for c in found.cells] == ["Mesure", "Pilote", "Échéance", "État"]


@pytest.fixture(scope="module")
def chelsea_excerpt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHELSEA.is_file():
        pytest.skip(f"the Chelsea plan is not beside this checkout ({CHELSEA})")
    reader, writer = pypdf.PdfReader(str(CHELSEA)), pypdf.PdfWriter()
    for i in range(24, 30):  # pp. 25-30
        writer.add_page(reader.pages[i])
    path = tmp_path_factory.mktemp("chelsea") / "pp25-30.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.slow
def test_the_french_plan_is_refused_without_aliases(chelsea_excerpt: Path):
    with pytest.raises(ingest.NoActionTableError):
        ingest.read_plan(chelsea_excerpt)


@pytest.mark.slow
def test_the_french_plan_reads_every_action_with_aliases_nothing_lost(chelsea_excerpt: Path):
    settings = ingest.IngestSettings.resolve({"column_aliases": FRENCH})
    plan = ingest.read_plan(chelsea_excerpt, settings=settings)
    assert Counter(a.provenance.pages[0] + 24 for a in plan.actions) == CHELSEA_ROWS
    assert all(a.action.lstrip().startswith(("•", "É", "P")) for a in plan.actions)
    first = plan.actions[0]
    assert first.action == "• Constituer un budget annuel municipal pour le transport actif."
    assert (first.end, first.team) == (
        "2022-2026*",
        "Conseil municipal, responsable du transport actif, service des loisirs et travaux publics",
    )
    assert dict(first.extra) == {
        "AXES D’EVALUATION": "Financier Démarche, processus ou mécanisme permettant "
        "l’obtention du financement nécessaire à la réalisation d’un projet.",
        "RESSOURCES NECESSAIRES": "$$$",
    }
    # the header cell the grid cuts in two ("RESSOURCES" over "NECESSAIRES") is one header
    assert all("RESSOURCES NECESSAIRES" in h for h in plan.header_variants)
    # each AXE title row is a heading, not an action
    assert [h.text for h in plan.headings][:2] == ["AXE 1 – RESSOURCES", "AXE 2 – MARKETING"]
    assert ingest.check_conservation(plan, chelsea_excerpt, settings=settings) == []
