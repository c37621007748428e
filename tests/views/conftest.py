"""Fixtures of the view tests: pages rendered from real stores, a headless Chromium."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

import cikg
from tests.conftest import require_browser

EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "</script><script>alert(2)</script>"
EVIL_TITLE = "<script>alert(3)</script> table"

EVIL_CSV = f"""company,country,material,application,capacity_t,year
{EVIL_IMG},China,Hard carbon,Power tools,"1,000",2025
{EVIL_SCRIPT},Japan,Soft carbon,Power tools,500,2025
Plain Carbon Co,Japan,Hard carbon,Energy storage systems,200,2025
"""
EVIL_MAPPING = f"""[source]
title = "{EVIL_TITLE}"
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
def evil_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An on-disk store whose company names and source title are markup and script."""
    folder = tmp_path_factory.mktemp("evil-source")
    (folder / "evil.csv").write_text(EVIL_CSV, encoding="utf-8")
    (folder / "evil.toml").write_text(EVIL_MAPPING, encoding="utf-8")
    spec = f"oxigraph:{tmp_path_factory.mktemp('evil') / 'store'}"
    with cikg.open(spec) as kg:
        kg.load(folder)
    return spec


@pytest.fixture(scope="session")
def conflict_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two tables that put the same company in different countries."""
    folder = tmp_path_factory.mktemp("conflict-sources")
    for name, country, date in (("one", "China", "2025-01-01"), ("two", "Japan", "2025-06-30")):
        (folder / f"{name}.csv").write_text(
            "company,country,material,application\n"
            f"Acme Carbon,{country},Hard carbon,Power tools\n", encoding="utf-8")
        (folder / f"{name}.toml").write_text(
            f'[source]\ntitle = "Table {name}"\npublisher = "Publisher {name}"\n'
            f'published = "{date}"\n\n[rows]\nentity = "company"\nname = "company"\n'
            'country = "country"\n\n[columns.material]\nrelation = "supplies"\n\n'
            '[columns.application]\nrelation = "serves"\n', encoding="utf-8")
    spec = f"oxigraph:{tmp_path_factory.mktemp('conflict') / 'store'}"
    with cikg.open(spec) as kg:
        kg.load(folder)
    return spec


@pytest.fixture(scope="session")
def pages(demo_store: str, evil_store: str, conflict_store: str,
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int, int]]:
    """Name -> (HTML file, nodes, edges) of every view of the demo graph, 'evil' (markup
    in names) and 'conflicts' (two sources that disagree)."""
    out = tmp_path_factory.mktemp("pages")
    views = {"landscape": ("landscape",), "ego": ("ego", "BTR"),
             "path": ("path", "BTR", "Japan"), "query": ("query", "landscape-edges"),
             "competition": ("competition",)}
    made = {}
    with cikg.open(demo_store, read_only=True) as kg:
        for name, args in views.items():
            page = kg.view(*args)
            made[name] = (page.write(out / f"{name}.html"), page.nodes, page.edges)
    with cikg.open(evil_store, read_only=True) as kg:
        page = kg.view("landscape")
        made["evil"] = (page.write(out / "evil.html"), page.nodes, page.edges)
    with cikg.open(conflict_store, read_only=True) as kg:
        page = kg.view("conflicts")
        made["conflicts"] = (page.write(out / "conflicts.html"), page.nodes, page.edges)
    return made


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
