"""The page in a real browser (Debian chromium via playwright), with the network blocked.

Every request that does not go to the test server is aborted and recorded; a page that
needs a CDN, or breaks its own Content-Security-Policy, fails here.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

import cikg
from cikg.output import render
from tests.conftest import require_browser

from .conftest import run_catalog

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium; skipped (failed when CIKG_REQUIRE_BROWSER=1) if missing."""
    missing = None
    if importlib.util.find_spec("playwright") is None:
        missing = "playwright is not installed (pip install 'cikg[test]')"
    elif shutil.which("chromium") is None:
        missing = "no chromium on PATH (apt-get install chromium)"
    if missing:
        if require_browser():
            pytest.fail(f"CIKG_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    from cikg.views.browser import chromium

    # one playwright session per thread: share the browser other test modules may hold
    with chromium() as instance:
        yield instance


class Visit:
    """A browser context on the server: requests elsewhere aborted, errors recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(accept_downloads=True)
        self.context.route("**/*", self._route)
        self.base = base
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("blob:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, path: str = "/") -> Any:
        self.page.goto(self.base + path)
        return self.page


@pytest.fixture
def visit(browser, server) -> Iterator[Visit]:
    run = Visit(browser, server.url)
    yield run
    run.context.close()


def test_catalog_query_from_the_page_sorts_and_downloads_csv(visit, demo_store, tmp_path):
    page = visit.open("/")
    page.wait_for_selector("body[data-ready=true]")
    card = page.locator("#q-companies-by-country")
    card.locator("summary").click()
    card.get_by_role("button", name="Run").click()
    rows = card.locator("table.results tbody tr")
    rows.first.wait_for()
    with cikg.open(demo_store, read_only=True) as kg:
        frame = run_catalog(kg, "companies-by-country")
        expected_csv = render(frame, "csv")
        cn_csv = render(run_catalog(kg, "companies-by-country", {"country": "CN"}), "csv")
    assert rows.count() == len(frame)
    assert "row" in card.locator(".status").inner_text()

    # sort by the number of companies: ascending, then descending
    header = card.locator("th").filter(has_text="companies").first
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    column = list(frame.columns).index("companies")
    counts = [int(rows.nth(i).locator("td").nth(column).inner_text())
              for i in range(rows.count())]
    assert counts == sorted(counts)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    counts = [int(rows.nth(i).locator("td").nth(column).inner_text())
              for i in range(rows.count())]
    assert counts == sorted(counts, reverse=True)

    with page.expect_download() as info:
        card.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "companies-by-country.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected_csv

    # with a parameter: the table and the CSV follow the form
    card.locator("[data-param=country]").fill("CN")
    card.get_by_role("button", name="Run").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#q-companies-by-country tbody tr')]"
        ".every(tr => tr.firstChild.textContent === 'CN')")
    with page.expect_download() as info:
        card.get_by_role("link", name="Download CSV").click()
    saved = tmp_path / "cn.csv"
    info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == cn_csv
    assert visit.foreign == []
    assert visit.errors == []


def test_sparql_editor_highlights_runs_and_downloads_csv(visit, tmp_path):
    page = visit.open("/")
    page.wait_for_selector("body[data-ready=true]")
    text = page.locator("#sparql-text").input_value()
    for prefix in ("cikg", "rdfs", "skos", "prov", "dcterms", "qb", "schema", "xsd"):
        assert f"PREFIX {prefix}: <" in text
    assert page.locator("#sparql-highlight .tok-keyword").count() > 5
    assert page.locator("#sparql-highlight .tok-var").count() > 3
    page.locator("#sparql-run").click()
    rows = page.locator("#sparql-result table.results tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 10
    with page.expect_download() as info:
        page.locator("#sparql-csv").click()
    saved = tmp_path / "query.csv"
    info.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "company,name,country"
    assert len(lines) == rows.count() + 1
    # an error is shown, not thrown
    page.locator("#sparql-text").fill("SELECT * WHERE { ?s ?p }")
    page.locator("#sparql-run").click()
    page.wait_for_selector("#sparql-status.error")
    assert "400" in page.locator("#sparql-status").inner_text()
    page.locator("#sparql-text").fill("ASK { ?s a cikg:Company }")
    assert page.locator("#sparql-highlight .tok-pname").count() >= 1
    page.locator("#sparql-text").fill(text.split("SELECT")[0] + "ASK { ?s a cikg:Company }")
    page.locator("#sparql-run").click()
    page.wait_for_selector("#sparql-result p.boolean")
    assert page.locator("#sparql-result p.boolean").inner_text() == "true"
    assert visit.foreign == []
    assert [e for e in visit.errors if "400" not in e] == []  # the failed fetch logs a 400


def test_views_and_ontology_pages_work_offline(visit):
    page = visit.open("/")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#views-list a", has_text="landscape").count() == 1
    page.goto(visit.base + "/views/landscape")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert page.locator("canvas").count() >= 1
    page.goto(visit.base + "/ontology")
    assert page.locator("td#cikg-Company").count() == 1
    assert visit.foreign == []
    assert visit.errors == []
