"""docs/queries.md is generated from the catalog and the demo graph, and is current."""

from __future__ import annotations

from cikg.queries import catalog
from cikg.queries.docs import main, render_page
from tests.conftest import DATA, ROOT

PAGE = ROOT / "docs" / "queries.md"


def test_committed_page_is_current():
    assert PAGE.read_text("utf-8") == render_page(DATA), (
        "docs/queries.md is out of date: run `python -m cikg.queries.docs` from the "
        "repository root and commit the page")


def test_page_documents_every_query():
    text = PAGE.read_text("utf-8")
    for name, entry in catalog().items():
        assert f"\n## {name}\n" in text
        assert entry.question in text


def test_check_mode_reports_a_stale_page(tmp_path, capsys):
    stale = tmp_path / "queries.md"
    stale.write_text("old\n", encoding="utf-8")
    assert main(["--data", str(DATA), "--output", str(stale), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--data", str(DATA), "--output", str(stale)]) == 0
    assert main(["--data", str(DATA), "--output", str(stale), "--check"]) == 0
