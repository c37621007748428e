"""The HTML page: self-contained, escaped, deterministic, fast options for large graphs."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest

import cikg
from cikg.views import NODE_LIMIT, PHYSICS_LIMIT, TooLargeError, network_view
from cikg.views.network import ARROW_LIMIT

from .conftest import EVIL_IMG, EVIL_SCRIPT, EVIL_TITLE


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>',
                      html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def star(n: int, *, directed: bool = False) -> nx.Graph:
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_node("hub", label="China", kind="Country")
    for i in range(n - 1):
        graph.add_node(f"c{i}", label=f"Company {i}", kind="Company")
        graph.add_edge(f"c{i}", "hub", kind="headquarteredIn")
    return graph


def test_page_is_one_file_with_no_external_reference(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        html = kg.view("landscape").html
    assert "<link" not in html
    assert re.search(r"<script[^>]+src=", html) is None
    assert re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html) is None
    assert "@import" not in html
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2  # vis-network and the page's own script, both inline
    assert "vis-network" in scripts[0][:2000] or "vis.Network" in scripts[0]


def test_csp_allows_exactly_the_inline_scripts(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        html = kg.view("landscape").html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    csp = csp.replace("&#39;", "'")
    assert "default-src 'none'" in csp
    assert "unsafe-inline' " not in csp.split("script-src")[1]
    for script in re.findall(r"<script>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_untrusted_text_is_escaped(evil_store):
    with cikg.open(evil_store, read_only=True) as kg:
        html = kg.view("landscape").html
    for text in (EVIL_IMG, EVIL_SCRIPT, EVIL_TITLE, "<b>bold</b>"):
        assert text not in html
    # exactly the page's own script elements: the names closed none and opened none
    assert html.count("</script>") == 3
    data = page_data(html)
    labels = {n["label"] for n in data["nodes"]}
    assert {EVIL_IMG, EVIL_SCRIPT} <= labels
    assert EVIL_TITLE in data["subtitle"]
    assert "<title>Supplier landscape</title>" in html


def test_title_element_is_escaped():
    graph = star(3)
    html = network_view(graph, title="</title><script>alert(1)</script>").html
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html


def test_same_graph_same_file_whatever_the_insertion_order():
    a = star(40)
    b = nx.Graph()
    b.add_nodes_from(reversed(list(a.nodes(data=True))))
    b.add_edges_from(reversed(list(a.edges(data=True))))
    assert network_view(a, title="t").html == network_view(b, title="t").html
    assert network_view(a, title="t", seed=1).html != network_view(a, title="t").html


def test_small_graph_uses_physics_from_precomputed_positions():
    data = page_data(network_view(star(20, directed=True), title="t").html)
    assert data["physics"] is True
    assert data["options"]["physics"]["enabled"] is True
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert data["options"]["edges"]["arrows"]["to"]["enabled"] is True


def test_large_graph_has_physics_off_fixed_positions_and_straight_edges():
    graph = star(max(PHYSICS_LIMIT, ARROW_LIMIT) + 5, directed=True)
    data = page_data(network_view(graph, title="t").html)
    options = data["options"]
    assert data["physics"] is False
    assert options["physics"]["enabled"] is False
    assert options["edges"]["smooth"] is False
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["arrows"]["to"]["enabled"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_too_large_graph_is_refused_with_a_way_out():
    graph = nx.empty_graph(NODE_LIMIT + 1)
    with pytest.raises(TooLargeError, match=r"20,001 nodes .* at most 20,000: collapse it "
                                            r"\(cikg view ... --group-by country"):
        network_view(graph, title="t")


def test_legend_lists_classes_and_kinds_with_counts():
    data = page_data(network_view(star(5), title="t").html)
    assert data["legend"]["nodes"] == [
        {"name": "Company", "color": "#1f77b4", "shape": "dot", "count": 4},
        {"name": "Country", "color": "#2ca02c", "shape": "square", "count": 1}]
    assert data["legend"]["edges"] == [{"name": "headquarteredIn", "color": "#2ca02c",
                                        "count": 4}]


def test_landscape_tooltips_hold_evidence(demo_store):
    with cikg.open(demo_store, read_only=True) as kg:
        data = page_data(kg.view("landscape").html)
    node = next(n for n in data["nodes"] if n["label"] == "BTR")
    assert node["title"].splitlines()[:2] == ["BTR", "Company"]
    assert "headquarteredIn: China" in node["title"]
    edge = next(e for e in data["edges"] if e["from"] == node["id"]
                and e["kind"] == "headquarteredIn")
    assert '"BTR (China)"' in edge["title"]
    assert "2025-12-12" in edge["title"]
    assert "Companies Profiled" in edge["title"]
