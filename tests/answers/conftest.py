"""Fixtures of the answer tests: the demo graph, briefings of it, a store of hostile names."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

import cikg
from cikg.answers import Briefing
from tests.conftest import require_browser

EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "</script><script>alert(2)</script>"
EVIL_CSV = f"""company,country,material,application,capacity_t,year
{EVIL_IMG},China,Hard carbon,Power tools,"1,000",2025
{EVIL_SCRIPT},Japan,Hard carbon,Power tools,500,2025
Plain *Carbon* Co,Japan,Hard carbon,Power tools,200,2025
"""
EVIL_MAPPING = """[source]
title = "<script>alert(3)</script> capacity table"
publisher = "<b>bold</b> publisher"
published = "2025-01-01"

[rows]
entity = "company"
name = "company"
country = "country"

[columns.material]
relation = "supplies"

[columns.application]
relation = "serves"

[columns.capacity_t]
measure = "production capacity"
unit = "TONNE-PER-YR"
year = "year"
of = "material"
"""


@pytest.fixture(scope="session")
def demo_kg(demo_store: str) -> Iterator[cikg.KnowledgeGraph]:
    """The demo graph (data/), opened read-only once for the session."""
    with cikg.open(demo_store, read_only=True) as kg:
        yield kg


@pytest.fixture(scope="session")
def demo_briefs(demo_kg: cikg.KnowledgeGraph) -> dict[str, Briefing]:
    """The four kinds of briefing on the demo graph (views only where a test reads them)."""
    return {"market": demo_kg.brief("market"),
            "material": demo_kg.brief("material", "hard carbon", view=False),
            "region": demo_kg.brief("region", "Europe", view=False),
            "company": demo_kg.brief("company", "BTR", view=False)}


@pytest.fixture(scope="session")
def evil_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A table whose company names, source title and publisher are markup."""
    folder = tmp_path_factory.mktemp("evil-answers")
    (folder / "evil.csv").write_text(EVIL_CSV, encoding="utf-8")
    (folder / "evil.toml").write_text(EVIL_MAPPING, encoding="utf-8")
    spec = f"oxigraph:{tmp_path_factory.mktemp('evil-answers-store') / 'store'}"
    with cikg.open(spec) as kg:
        kg.load(folder)
    return spec


@pytest.fixture(scope="session")
def evil_brief(evil_store: str, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Briefing, Path]:
    """A material briefing whose companies have hostile names, written as STEM.md/.html."""
    with cikg.open(evil_store, read_only=True) as kg:
        briefing = kg.brief("material", "Hard carbon")
    stem = tmp_path_factory.mktemp("evil-brief") / "evil"
    briefing.write(stem)
    return briefing, stem


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian Chromium; skipped (failed when CIKG_REQUIRE_BROWSER=1) if missing."""
    from cikg.views.browser import chromium, chromium_path

    missing = None
    if importlib.util.find_spec("playwright") is None:
        missing = "playwright is not installed (pip install 'cikg[test]')"
    elif chromium_path() is None:
        missing = "no chromium on PATH (apt-get install chromium)"
    if missing:
        if require_browser():
            pytest.fail(f"CIKG_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    with chromium() as instance:
        yield instance
