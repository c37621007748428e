"""Views in a real browser (Debian chromium via playwright), with the network blocked.

Each page must load with zero requests beyond its own file, zero console errors, the
expected node count in vis-network's DataSet, a search that focuses a node, filters
that hide classes and kinds, tooltips that hold the evidence, and untrusted names shown
as literal text with no dialog and no script run.
"""

from __future__ import annotations

import pytest

from cikg.views.browser import open_page

from .conftest import EVIL_IMG, EVIL_SCRIPT, EVIL_TITLE

pytestmark = pytest.mark.browser

VIEWS = ["landscape", "competition", "ego", "path", "query", "conflicts", "evil"]


def assert_clean(run) -> None:  # noqa: ANN001
    assert run.requests == [run.url], f"requests beyond the file: {run.blocked}"
    assert run.blocked == []
    assert run.console_errors == []
    assert run.dialogs == []


@pytest.mark.parametrize("name", VIEWS)
def test_page_loads_offline_without_errors(browser, pages, name):
    path, nodes, edges = pages[name]
    with open_page(browser, path) as run:
        counts = run.page.evaluate("[cikgView.nodes.length, cikgView.edges.length, "
                                   "cikgView.nodeView.length]")
        assert counts == [nodes, edges, nodes]
        assert nodes > 0
        assert run.painted_ms is not None
        assert run.painted_ms > 0
        assert_clean(run)


def test_landscape_has_a_legend_and_sources_title(browser, pages):
    path, _, _ = pages["landscape"]
    with open_page(browser, path) as run:
        page = run.page
        assert page.inner_text("h1") == "Supplier landscape"
        assert "as of 2025-12-12" in page.inner_text("#sources")
        classes = page.eval_on_selector_all("#node-filter label",
                                            "ls => ls.map(l => l.textContent)")
        assert any(text.startswith("Company (") for text in classes)
        assert any(text.startswith("Country (") for text in classes)
        # each legend entry draws its class's shape in its colour
        assert page.eval_on_selector_all("#node-filter svg", "s => s.length") == len(classes)
        kinds = page.eval_on_selector_all("#edge-filter label", "ls => ls.map(l => l.textContent)")
        assert any(text.startswith("headquarteredIn (") for text in kinds)
        assert_clean(run)


def test_search_focuses_a_node(browser, pages):
    path, _, _ = pages["landscape"]
    with open_page(browser, path) as run:
        page = run.page
        page.fill("#search", "shanshan")
        page.press("#search", "Enter")
        selected = page.evaluate("cikgView.network.getSelectedNodes()"
                                 ".map(id => cikgView.nodes.get(id).label)")
        assert selected == ["Shanshan"]
        assert page.inner_text("#status") == "found Shanshan (Company)"
        page.fill("#search", "no such company anywhere")
        page.press("#search", "Enter")
        assert page.inner_text("#status").startswith("no match")
        assert_clean(run)


def test_filters_hide_classes_and_kinds(browser, pages):
    path, nodes, edges = pages["landscape"]
    with open_page(browser, path) as run:
        page = run.page
        companies = page.evaluate("cikgView.nodes.get().filter(n => n.kind === 'Company').length")
        assert companies > 0
        page.uncheck("#node-filter input[value='Company']")
        assert page.evaluate("cikgView.nodeView.length") == nodes - companies
        assert page.evaluate("cikgView.nodeView.get().some(n => n.kind === 'Company')") is False
        # a hidden class is still found, with a hint to show it again
        page.fill("#search", "Shanshan")
        page.press("#search", "Enter")
        assert "hidden" in page.inner_text("#status")
        page.check("#node-filter input[value='Company']")
        assert page.evaluate("cikgView.nodeView.length") == nodes
        supplies = page.evaluate("cikgView.edges.get().filter(e => e.kind === 'supplies').length")
        page.uncheck("#edge-filter input[value='supplies']")
        assert page.evaluate("cikgView.edgeView.length") == edges - supplies
        assert_clean(run)


def hover_tooltip(page, label: str) -> str:  # noqa: ANN001
    """Hover the node labelled *label* and return the tooltip's text."""
    page.evaluate("cikgView.network.stopSimulation()")
    box = page.eval_on_selector("#graph", "e => { const r = e.getBoundingClientRect(); "
                                          "return [r.left, r.top]; }")
    x, y = page.evaluate(
        "label => { const n = cikgView.nodes.get().find(n => n.label === label); "
        "cikgView.network.focus(n.id, {scale: 1.5, animation: false}); "
        "const p = cikgView.network.canvasToDOM(cikgView.network.getPosition(n.id)); "
        "return [p.x, p.y]; }", label)
    page.mouse.move(box[0] + x + 40, box[1] + y + 40)
    page.mouse.move(box[0] + x, box[1] + y, steps=4)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return page.inner_text("div.vis-tooltip")


def test_tooltips_hold_class_relations_and_evidence(browser, pages):
    path, _, _ = pages["landscape"]
    with open_page(browser, path) as run:
        text = hover_tooltip(run.page, "Shanshan")
        lines = text.splitlines()
        assert lines[:2] == ["Shanshan", "Company"]
        assert any(line.startswith("headquarteredIn: China") for line in lines)
        # edge evidence: quote, section, source and date
        title = run.page.evaluate("cikgView.edges.get().find(e => e.kind === 'headquarteredIn'"
                                  " && cikgView.nodes.get(e.from).label === 'Shanshan').title")
        assert '"Shanshan (China)"' in title
        assert "Companies Profiled" in title
        assert "2025-12-12" in title
        assert_clean(run)


def test_untrusted_names_stay_text(browser, pages):
    path, _, _ = pages["evil"]
    with open_page(browser, path) as run:
        page = run.page
        labels = page.evaluate("cikgView.nodes.get().map(n => n.label)")
        assert EVIL_IMG in labels
        assert EVIL_SCRIPT in labels
        # nothing the names hold became an element; the page has exactly its 3 scripts
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.scripts.length") == 3
        assert page.evaluate("document.querySelectorAll('b').length") == 0
        assert EVIL_TITLE in page.inner_text("#sources")
        assert "<b>bold</b> publisher" in page.inner_text("#sources")
        # the search list, the status line and the tooltip show the names as text
        options = page.eval_on_selector_all("#names option", "os => os.map(o => o.value)")
        assert EVIL_IMG in options
        page.fill("#search", EVIL_IMG)
        page.press("#search", "Enter")
        assert page.inner_text("#status") == f"found {EVIL_IMG} (Company)"
        tooltip = hover_tooltip(page, EVIL_IMG)
        assert tooltip.splitlines()[0] == EVIL_IMG
        # innerText: line breaks become <br>, nothing else becomes an element
        assert page.evaluate("document.querySelectorAll('div.vis-tooltip :not(br)').length") == 0
        page.wait_for_timeout(300)  # give a broken page the time to run an onerror handler
        assert_clean(run)


def test_ego_view_focuses_its_centre(browser, pages):
    path, _, _ = pages["ego"]
    with open_page(browser, path) as run:
        page = run.page
        page.wait_for_function("cikgView.network.getSelectedNodes().length === 1")
        centre = page.evaluate("cikgView.nodes.get(cikgView.network.getSelectedNodes()[0])")
        assert centre["label"] == "BTR"
        assert centre["borderWidth"] == 4
        assert_clean(run)


def test_large_page_has_fixed_positions_and_works(browser, tmp_path):
    from bench.bench_views import synthetic_landscape
    from cikg.views import PHYSICS_LIMIT, network_view

    page = network_view(synthetic_landscape(1500, seed=2), title="Large")
    path = page.write(tmp_path / "large.html")
    with open_page(browser, path) as run:
        assert run.page.evaluate("cikgView.nodes.length") == page.nodes > PHYSICS_LIMIT
        assert run.page.evaluate("cikgView.network.physics.options.enabled") is False
        before = run.page.evaluate("cikgView.network.getPositions([0])")
        assert set(before) == {"0"}
        run.page.fill("#search", "Company 1000 Co., Ltd.")
        run.page.press("#search", "Enter")
        assert run.page.inner_text("#status") == "found Company 1000 Co., Ltd. (Company)"
        run.page.wait_for_timeout(300)
        assert run.page.evaluate("cikgView.network.getPositions([0])") == before  # no physics
        assert_clean(run)
